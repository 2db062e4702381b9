"""The schema says what the server enforces, and the server refuses what the schema refuses (issue 9.9): one
test per finding of the schemathesis run, so a regression is named even where the fuzzer's draw misses it."""

from __future__ import annotations

from typing import Any

import jsonschema_rs  # schemathesis validates with it too
import pytest
from fastapi.testclient import TestClient

from crest.safety.screen import QUESTIONS


def _schema(client: TestClient) -> dict[str, Any]:
    schema: dict[str, Any] = client.get("/openapi.json").json()
    return schema


def _valid(client: TestClient, path: str, method: str, body: Any) -> bool:
    """Whether `body` fits the request body schema the app publishes (JSON Schema 2020-12, as OpenAPI 3.1)."""
    schema = _schema(client)
    content = schema["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    validator = jsonschema_rs.Draft202012Validator({**content, "components": schema["components"]})
    valid: bool = validator.is_valid(body)
    return valid


@pytest.mark.parametrize("since", ["0", "1700000000", "20260501", "yesterday", "0001-01-05", "9999-12-30"])
def test_since_is_a_day_written_out_within_the_years_a_window_can_span(client: TestClient, since: str) -> None:
    client.post("/api/checkins", json={"pain": [{"region": "hip", "side": "left", "score": 3}]})
    for path in ("/api/sessions", "/api/checkins", "/api/progress"):
        assert client.get(path, params={"since": since}).status_code == 422, path
        assert client.get(path, params={"since": "2026-05-01"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/sessions", "GET, POST"),
        ("/api/sessions/1", "DELETE, GET, PUT"),
        ("/api/settings", "GET, PUT"),
    ],
)
def test_an_unsupported_method_gets_405_with_every_method_of_the_path(
    client: TestClient, path: str, methods: str
) -> None:
    for method in ("OPTIONS", "PATCH", "TRACE"):
        response = client.request(method, path)
        assert response.status_code == 405
        assert response.headers["allow"] == methods


def test_the_answers_the_app_really_gives_are_documented(client: TestClient) -> None:
    paths = _schema(client)["paths"]
    for operations in paths.values():
        for method, operation in operations.items():
            answers = operation["responses"]
            if "requestBody" in operation:
                assert {"400", "413", "422"} <= set(answers), (method, operation["operationId"])
            if method != "get":
                assert "403" in answers
    unreadable = client.post("/api/checkins", content=b"\xff\xfe{", headers={"content-type": "application/json"})
    assert unreadable.status_code in (400, 422)


def test_the_rules_of_a_check_in_are_in_its_schema(client: TestClient) -> None:
    def valid(body: dict[str, Any]) -> bool:
        return _valid(client, "/api/checkins", "post", body)

    assert valid({"note": "tight hips\nbetter after"}) and not valid({"note": "bell \x07"})
    assert valid({"sensations": ["none"]}) and valid({"sensations": ["warmth", "yawning"]})
    assert not valid({"sensations": ["none", "warmth"]})
    assert valid(
        {"pain": [{"region": "hip", "side": "left", "score": 2}, {"region": "hip", "side": "right", "score": 2}]}
    )
    assert not valid(
        {"pain": [{"region": "hip", "side": "left", "score": 2}, {"region": "hip", "side": "left", "score": 3}]}
    )
    assert not valid({"pain": [{"region": "knee", "score": 2}, {"region": "knee", "side": None, "score": 3}]})
    for refused in ({"note": "bell \x07"}, {"sensations": ["none", "warmth"]}):
        assert client.post("/api/checkins", json=refused).status_code == 422


@pytest.mark.parametrize("hidden", ["\x7f", "\x9b", "\u202e", "\u2066"])
def test_a_note_with_a_hidden_control_character_is_refused_by_the_schema_too(client: TestClient, hidden: str) -> None:
    """Before, the schema and the server took DEL, C1 controls and bidirectional overrides in a note."""
    assert _valid(client, "/api/checkins", "post", {"note": "tight\r\n\thips"})
    assert not _valid(client, "/api/checkins", "post", {"note": f"tight {hidden}hips"})
    assert client.post("/api/checkins", json={"note": f"tight {hidden}hips"}).status_code == 422


def test_the_safety_question_ids_are_in_the_schema(client: TestClient) -> None:
    every = {question.id: False for question in QUESTIONS}
    assert _valid(client, "/api/safety/answers", "post", {"answers": every})
    assert not _valid(client, "/api/safety/answers", "post", {"answers": {**every, "made_up": False}})
    missing_one = dict(list(every.items())[1:])
    assert not _valid(client, "/api/safety/answers", "post", {"answers": missing_one})
    assert client.post("/api/safety/answers", json={"answers": {**every, "made_up": False}}).status_code == 422


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/sessions", {"planned_minutes": "15"}),
        ("/api/sessions", {"planned_minutes": True}),
        ("/api/checkins", {"at": 0}),
        ("/api/checkins", {"at": "0"}),  # pydantic alone reads digits in a string as seconds since 1970
        ("/api/psfs", {"activities": [{"name": "walking", "score": 4}], "at": "1700000000"}),
        ("/api/checkins", {"pain": [{"region": "hip", "side": "left", "score": "3"}]}),
        ("/api/safety/answers", {"answers": {question.id: 0 for question in QUESTIONS}}),
    ],
)
def test_json_types_are_taken_as_sent(cleared: TestClient, path: str, body: dict[str, Any]) -> None:
    assert cleared.post(path, json=body).status_code == 422
    assert cleared.put("/api/settings", json={"show_streaks": 0}).status_code == 422
    assert cleared.put("/api/settings", json={"default_minutes": "20"}).status_code == 422
    whole_as_float = cleared.post("/api/sessions", json={"planned_minutes": 15.0})
    assert whole_as_float.status_code == 201 and whole_as_float.json()["planned_minutes"] == 15


def test_more_rest_than_planned_is_a_conflict_with_the_stored_session(cleared: TestClient) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 5}).json()
    cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 120, "status": "ended_early"})
    edit = {"variant": "standard", "actual_seconds": 301, "status": "completed"}
    assert cleared.put(f"/api/sessions/{session['id']}", json=edit).status_code == 409
    put = _schema(cleared)["paths"]["/api/sessions/{session_id}"]["put"]
    assert "409" in put["responses"]


@pytest.mark.parametrize("hidden", ["\u202e", "\x9e", "\x00"])
def test_the_fhir_name_the_schema_allows_is_one_the_export_takes(cleared: TestClient, hidden: str) -> None:
    """The schemathesis run sent a name with a C1 control (\\x9e) that the schema allowed and the export refused
    (422): the schema now states the export's own rule, and the export keeps it for every format (a JSON export
    took a name the schema refuses), so the two agree both ways."""
    parameters = _schema(cleared)["paths"]["/api/export"]["get"]["parameters"]
    name = jsonschema_rs.Draft202012Validator(next(each for each in parameters if each["name"] == "name")["schema"])
    for plain in ("Ada Lovelace", "Ada Lovelace, née Byron \U0001f469\u200d\U0001f52c", "Ada\tLovelace"):
        assert name.is_valid(plain)
        assert cleared.get("/api/export", params={"format": "fhir", "name": plain}).status_code == 200
    assert not name.is_valid(f"Ada{hidden} Lovelace")
    for format_name in ("fhir", "json", "csv"):  # refused alike whether or not the file carries the name
        refused = cleared.get("/api/export", params={"format": format_name, "name": f"Ada{hidden} Lovelace"})
        assert refused.status_code == 422, format_name
