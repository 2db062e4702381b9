"""Text that is not valid Unicode (a lone surrogate escape in JSON) is a calm 4xx, never a 500 (issue 9.4).

The 500 came from the error message repeating the value: an answer cannot encode a lone surrogate.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

BROKEN = "\\ud800"  # as it travels in the JSON text: a backslash escape of half a character

REQUESTS = [
    ("POST", "/api/safety/answers", '{"answers": {"%s": false}}'),
    ("POST", "/api/checkins", '{"pain": [{"region": "%s", "score": 3}]}'),
    ("POST", "/api/checkins", '{"pain": [{"region": "knee", "side": "%s", "score": 3}]}'),
    ("POST", "/api/checkins", '{"sensations": ["%s"]}'),
    ("POST", "/api/checkins", '{"note": "sore %s"}'),
    ("POST", "/api/checkins", '{"%s": 1}'),
    ("POST", "/api/sessions", '{"planned_minutes": 15, "position_check_summary": "%s"}'),
    ("POST", "/api/sessions", '{"planned_minutes": 15, "variant": "%s"}'),
    ("PUT", "/api/settings", '{"theme": "%s"}'),
    ("PUT", "/api/settings", '{"%s": true}'),
    ("PUT", "/api/settings", '{"reminder_zone": "%s"}'),
    ("PUT", "/api/settings", '{"reminder_time": "%s"}'),
    ("POST", "/api/psfs", '{"activities": [{"name": "%s", "score": 3}]}'),
]


@pytest.mark.parametrize(("method", "path", "body"), REQUESTS)
def test_a_lone_surrogate_is_a_4xx_and_the_next_request_works(
    cleared: TestClient, method: str, path: str, body: str
) -> None:
    response = cleared.request(
        method, path, content=(body % BROKEN).encode(), headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500, response.text
    assert "\n" not in response.json()["detail"]
    # in crest's words, as every field says it: pydantic's own ("input should be a valid string, unable to parse
    # raw data as a unicode string") were left for a PSFS activity, a session's variant, a setting and a key
    assert "input should" not in response.json()["detail"].lower()
    assert cleared.get("/api/checkins").json() == []  # nothing was written, and the server still answers


@pytest.mark.parametrize(
    ("sent", "detail"),
    [
        (
            BROKEN,
            "activities.1.name: this value has a character that is not valid text (not UTF-8); please type it again",
        ),
        ("\\u0000", "the activity contains control characters; please write it as plain text"),  # a NUL byte
    ],
)
def test_an_activity_that_is_not_plain_text_is_one_line_in_crests_words(
    cleared: TestClient, sent: str, detail: str
) -> None:
    body = '{"activities": [{"name": "tying my shoes", "score": 3}, {"name": "sitting %s", "score": 4}]}'
    response = cleared.post("/api/psfs", content=(body % sent).encode(), headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == detail
    assert cleared.get("/api/psfs").json() == []


def test_a_surrogate_pair_is_a_character_like_any_other(cleared: TestClient) -> None:
    response = cleared.post(
        "/api/checkins", content=b'{"note": "calm \\ud83d\\ude0c"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 201
    assert response.json()["note"] == "calm \U0001f60c"


@pytest.mark.parametrize(("method", "path", "body"), REQUESTS[:3])
def test_a_body_not_in_utf8_is_said_in_plain_words(cleared: TestClient, method: str, path: str, body: str) -> None:
    # A script writing its JSON in Latin-1 ("café" as the byte E9) got the framework's "There was an error parsing
    # the body", which says neither what is wrong nor what to send.
    sent = (body % "caf\xe9").encode("latin-1")
    response = cleared.request(method, path, content=sent, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"detail": "body: what was sent is not UTF-8 text; send the JSON encoded as UTF-8"}
