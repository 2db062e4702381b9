"""The HTTP way for API clients to save only what they read: GET /api/checkins/{id} and GET /api/sessions/{id}
answer an `ETag`, and a PUT or DELETE that sends it back as `If-Match` is refused (412, one JSON line) once the
record has changed since, nothing changed; without the header it saves as before. The OpenAPI schema says so."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

ENDED_EARLY = {"variant": "standard", "actual_seconds": 420, "status": "ended_early"}
SUPPORTED = {"variant": "supported", "actual_seconds": 600, "status": "completed"}
NO_LONGER_MATCHES = (
    "was changed since you read it (If-Match does not name its ETag now); nothing was changed: read it again for its "
    "ETag, then send your change again"
)


def _check_in(client: TestClient) -> str:
    made = client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 3}]}).json()
    return f"/api/checkins/{made['id']}"


def _session(client: TestClient) -> str:
    made = client.post("/api/sessions/logged", json={"started_at": "2026-05-06T08:00:00Z", "minutes": 10}).json()
    return f"/api/sessions/{made['id']}"


# (noun, how one is made, a change, another change, what tells the two apart)
RECORDS = [
    ("check-in", _check_in, {"note": "first"}, {"note": "second"}, "note"),
    ("session", _session, ENDED_EARLY, SUPPORTED, "variant"),
]


@pytest.mark.parametrize(("noun", "make", "change", "other", "field"), RECORDS)
def test_a_put_with_the_etag_read_saves_and_one_with_an_old_etag_is_refused(
    client: TestClient, noun: str, make: Any, change: dict[str, Any], other: dict[str, Any], field: str
) -> None:
    address = make(client)
    read = client.get(address)
    etag = read.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2

    saved = client.put(address, json=change, headers={"If-Match": etag})
    assert saved.status_code == 200, saved.text
    assert saved.headers["etag"] == client.get(address).headers["etag"] != etag  # the new one, for the next save

    stale = client.put(address, json=other, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.json() == {"detail": f"this {noun} {NO_LONGER_MATCHES}"}
    assert client.get(address).json()[field] == change[field]  # nothing changed

    again = client.put(address, json=other, headers={"If-Match": f'"0000000000000000", {saved.headers["etag"]}'})
    assert again.status_code == 200 and again.json()[field] == other[field]
    assert client.put(address, json=change, headers={"If-Match": "*"}).status_code == 200
    assert client.put(address, json=other).status_code == 200  # no If-Match: saved as before


@pytest.mark.parametrize(("noun", "make", "change", "other", "field"), RECORDS)
def test_a_delete_with_an_old_etag_is_refused_and_with_the_etag_read_deletes(
    client: TestClient, noun: str, make: Any, change: dict[str, Any], other: dict[str, Any], field: str
) -> None:
    address = make(client)
    etag = client.get(address).headers["etag"]
    client.put(address, json=change)  # by another client, since
    stale = client.delete(address, headers={"If-Match": etag})
    assert stale.status_code == 412 and stale.json() == {"detail": f"this {noun} {NO_LONGER_MATCHES}"}
    assert client.get(address).status_code == 200

    assert client.delete(address, headers={"If-Match": client.get(address).headers["etag"]}).status_code == 204
    assert client.get(address).status_code == 404


def test_a_weak_etag_never_matches_and_the_pages_fingerprint_still_works(client: TestClient) -> None:
    address = _check_in(client)
    etag = client.get(address).headers["etag"]
    assert client.put(address, json={"note": "weak"}, headers={"If-Match": f"W/{etag}"}).status_code == 412
    # the edit page's ?loaded= is the same fingerprint, and still answers 409 in the page's words
    assert client.put(address, params={"loaded": etag.strip('"')}, json={"note": "page"}).status_code == 200
    page = client.put(address, params={"loaded": etag.strip('"')}, json={"note": "old tab"})
    assert page.status_code == 409 and "changed in another tab or window" in page.json()["detail"]


def test_the_openapi_schema_says_etag_if_match_and_412(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/checkins/{checkin_id}", "/api/sessions/{session_id}"):
        assert "ETag" in paths[path]["get"]["responses"]["200"]["headers"]
        for method in ("put", "delete"):
            operation = paths[path][method]
            assert "If-Match" in [one["name"] for one in operation["parameters"] if one["in"] == "header"]
            assert "412" in operation["responses"]
        assert "ETag" in paths[path]["put"]["responses"]["200"]["headers"]
