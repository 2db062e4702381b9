"""The head step says what may go under the head and how high, a pillow included: in bed or on a sofa a pillow is
what comes to hand, and the step named only a towel and paperbacks (bed walk-through L4). Both doors say it, in the
words of crp-facts.md's "head and trunk": roughly parallel to the floor, a folded flat towel or a few centimetres of
paperbacks, under the back of the skull, not under the neck."""

import json
import re
import subprocess
from collections.abc import Callable
from html import unescape

import pytest
from fastapi.testclient import TestClient

from crest.web.app import create_app

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
HEAD_STEP = (
    "Your head and trunk should both lie roughly parallel to the floor. If your chin tips up, slide a folded flat "
    "towel, or a few centimetres of paperbacks, under the back of your skull, not under your neck. A pillow will do "
    "only if it is as flat: a few centimetres, no more."
)


@pytest.mark.usefixtures("safety_answered")
def test_the_terminal_s_head_step_says_how_flat_a_pillow_must_be(run_crest: RunCrest) -> None:
    steps = "\n" * 7
    result = run_crest("session", "--minutes", "5", "--speed", "300", "--no-checkin", input_text=steps)
    assert result.returncode == 0, result.stdout + result.stderr
    assert HEAD_STEP in " ".join(result.stdout.split())


@pytest.mark.usefixtures("safety_answered")
def test_the_session_page_s_head_step_says_how_flat_a_pillow_must_be(crest_env: dict[str, str]) -> None:
    with TestClient(create_app(), base_url="http://127.0.0.1:8765") as client:  # a name crest is served as
        page = client.get("/session").text
    config = re.search(r'<script type="application/json" id="session-config">(.*?)</script>', page, re.S)
    assert config is not None
    [head] = [step for step in json.loads(unescape(config.group(1)))["steps"] if step["title"] == "Head level"]
    assert head["text"] == HEAD_STEP
