"""A HEAD of any page or GET endpoint answers as its GET does, without the body (walk s56 item 5): `curl -I` on
`/` answered 405 Method Not Allowed."""

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/", "/journal", "/progress", "/api/progress", "/static/crest.css"])
def test_a_head_answers_as_the_get_without_its_body(cleared: TestClient, path: str) -> None:
    got, head = cleared.get(path), cleared.head(path)
    assert got.status_code == 200 and head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert int(head.headers["content-length"]) > 0


def test_a_head_is_refused_as_the_get_is(cleared: TestClient) -> None:
    """The guards read the HEAD as sent: a name crest is not served as is refused alike."""
    other = {"host": "elsewhere.example"}
    refused = cleared.get("/", headers=other).status_code
    assert refused >= 400 and cleared.head("/", headers=other).status_code == refused
    assert cleared.head("/api/sessions/999999").status_code == cleared.get("/api/sessions/999999").status_code == 404
