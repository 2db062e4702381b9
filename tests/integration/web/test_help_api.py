"""GET /api/help answers exactly as `crest ask --json` does, and any text gets a 200, never an error."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

SRC = Path(__file__).resolve().parents[3] / "src"


def _crest_ask_json(tmp_path: Path, *question: str) -> object:
    env = {**os.environ, "CREST_HOME": str(tmp_path / "cli-home"), "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    env.pop("CREST_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "crest", "ask", "--json", *(("--", *question) if question else ())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("question", "filled"),
    [
        (("why do I keep yawning?",), "answers"),
        (("I can't pee since my back went and my bum feels numb",), "warnings"),  # a warning sign pinned first
        (("how do I cook pasta",), "topics"),  # nothing found: a message and the topics
        ((), "topics"),  # no question: the topics
    ],
    ids=["answers", "warning-sign", "nothing-found", "no-question"],
)
def test_the_api_answers_exactly_as_crest_ask_json(
    client: TestClient, tmp_path: Path, question: tuple[str], filled: str
) -> None:
    response = client.get("/api/help", params={"q": question[0]} if question else None)
    assert response.status_code == 200
    assert response.json() == _crest_ask_json(tmp_path, *question)
    assert response.json()[filled]


def test_a_warning_sign_comes_with_its_level_and_never_among_the_answers(client: TestClient) -> None:
    reply = client.get("/api/help", params={"q": "sudden severe belly pain and I feel faint"}).json()
    assert reply["warnings"][0]["level"] == "urgent_care"
    assert reply["warnings"][0]["id"].startswith("warning_")
    assert not any(answer["id"].startswith("warning_") for answer in reply["answers"])
    assert reply["footer"].startswith("Warning signs")


HOSTILE = [
    '"',
    '"bed',
    "bed NEAR floor",
    'NEAR("bed" "floor", 2)',
    "*",
    "bed*",
    "yawn* OR 1=1; DROP TABLE entries; --",
    "^title:bed",
    "😀🛏️",
    "x" * 10_000,
    "can I do it in bed? " * 600,
    "",
    "   ",
    "\x00\x1b[31m",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("question", HOSTILE, ids=range(len(HOSTILE)))
def test_any_text_answers_200_with_a_list(client: TestClient, question: str) -> None:
    response = client.get("/api/help", params={"q": question})
    assert response.status_code == 200, response.text[:200]
    reply = response.json()
    assert isinstance(reply["answers"], list) and len(reply["question"]) <= 10_000


@pytest.mark.parametrize(
    "raw_query",
    ["q=%ED%A0%80bed", "q=bed%FF%FE", "q=%C0%AF", "q=bed&q=floor", "q=%25%00%"],
    ids=["lone-surrogate", "invalid-utf8", "overlong", "twice", "stray-percent"],
)
def test_bytes_that_are_not_text_answer_200(client: TestClient, raw_query: str) -> None:
    response = client.get(f"/api/help?{raw_query}")
    assert response.status_code == 200
    assert isinstance(response.json()["answers"], list)
    response.json()["question"].encode("utf-8")  # what comes back is valid text
