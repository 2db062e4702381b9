"""A tab left open on a record deleted since: SQLite gives the newest deleted id to the next record, so an edit or
a Delete sent from that tab is refused instead of changing or deleting the record that now has the id; a new record
linked from such a tab (a session after a "before" check-in, a check-in after a session) is kept without the link."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from support.clock import FakeClock

REFUSED = "was deleted in another tab or window since this page was opened; nothing was changed: reload the journal"


def _config(page: str, name: str) -> Any:
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


def _delete_urls(client: TestClient) -> dict[str, str]:
    """The Journal's Delete buttons by their rows ("checkin-3")."""
    page = client.get("/journal").text
    found = re.findall(r'data-delete-url="([^"]+)" data-row="([^"]+)"', page)
    return {row: url.replace("&amp;", "&") for url, row in found}


def test_an_edit_tab_left_open_on_a_deleted_check_in_never_overwrites_the_next(client: TestClient) -> None:
    old = client.post("/api/checkins", json={"pain": [{"region": "neck", "score": 3}]}).json()
    update_url = _config(client.get("/checkin", params={"checkin_id": old["id"]}).text, "checkin-config")["update_url"]
    assert client.delete(_delete_urls(client)[f"checkin-{old['id']}"]).status_code == 204
    new = client.post("/api/checkins", json={"pain": [{"region": "foot", "side": "left", "score": 2}], "note": "NEW"})
    assert new.json()["id"] == old["id"]  # what makes it dangerous: the new check-in has the deleted one's id

    stale = client.put(update_url, json={"pain": [{"region": "neck", "score": 3}], "note": "old tab edit"})
    assert stale.status_code == 409
    assert stale.json()["detail"] == f"this check-in {REFUSED}"
    assert client.get(f"/api/checkins/{old['id']}").json()["note"] == "NEW"
    # the page opened now edits it as usual
    fresh = _config(client.get("/checkin", params={"checkin_id": old["id"]}).text, "checkin-config")["update_url"]
    assert client.put(fresh, json={"note": "edited"}).json()["note"] == "edited"


def test_a_delete_left_on_the_journal_never_deletes_the_check_in_given_the_same_id(client: TestClient) -> None:
    old = client.post("/api/checkins", json={"note": "old"}).json()
    stale_delete = _delete_urls(client)[f"checkin-{old['id']}"]
    assert client.delete(f"/api/checkins/{old['id']}").status_code == 204  # in another tab, or over the API
    assert client.post("/api/checkins", json={"note": "NEW"}).json()["id"] == old["id"]

    refused = client.delete(stale_delete)
    assert refused.status_code == 409
    assert refused.json()["detail"] == f"this check-in {REFUSED}"
    assert client.get(f"/api/checkins/{old['id']}").json()["note"] == "NEW"
    assert client.delete(_delete_urls(client)[f"checkin-{old['id']}"]).status_code == 204


def test_a_stale_session_edit_or_delete_never_hits_the_session_given_the_same_id(client: TestClient) -> None:
    logged = {"started_at": "2026-05-06T08:00:00Z", "minutes": 10}
    old = client.post("/api/sessions/logged", json=logged).json()
    edit_url = _config(client.get("/session/edit", params={"session_id": old["id"]}).text, "session-edit-config")[
        "update_url"
    ]
    stale_delete = _delete_urls(client)[f"session-{old['id']}"]
    assert client.delete(stale_delete).status_code == 204
    new = client.post("/api/sessions/logged", json={**logged, "started_at": "2026-05-06T09:00:00Z"}).json()
    assert new["id"] == old["id"]

    edited = client.put(edit_url, json={"variant": "supported", "actual_seconds": 60, "status": "ended_early"})
    assert edited.status_code == 409
    assert edited.json()["detail"] == f"this session {REFUSED}"
    assert client.delete(stale_delete).status_code == 409
    assert client.get(f"/api/sessions/{old['id']}").json() | {"advice": new["advice"]} == new  # logging adds advice


def test_the_api_without_a_uid_edits_and_deletes_by_id_as_before(client: TestClient) -> None:
    made = client.post("/api/checkins", json={"note": "one"}).json()
    assert client.put(f"/api/checkins/{made['id']}", json={"note": "two"}).json()["note"] == "two"
    assert client.delete(f"/api/checkins/{made['id']}").status_code == 204


def _start_as_the_page_does(client: TestClient, config: dict[str, Any]) -> Any:
    """The rest started as the session page starts it: with the check-in before it, by id and uid."""
    body = {key: config[key] for key in ("before_checkin_id", "before_checkin_uid")}
    return client.post("/api/sessions", json={"planned_minutes": 10, **body})


def test_a_session_page_left_open_never_links_the_check_in_given_the_deleted_ones_id(client: TestClient) -> None:
    """The check-in made "before a session" is named by its uid on the session page: deleted in another tab while
    the person reads the steps, and its id given to a new check-in, the rest starts without that stranger."""
    before = client.post("/api/checkins", json={"timing": "before", "note": "before"}).json()
    config = _config(client.get("/session", params={"before_checkin_id": before["id"]}).text, "session-config")
    assert client.delete(f"/api/checkins/{before['id']}").status_code == 204
    stranger = client.post("/api/checkins", json={"note": "a check-in of its own"}).json()
    assert stranger["id"] == before["id"]

    started = _start_as_the_page_does(client, config)

    assert started.status_code == 201, started.text
    assert client.get(f"/api/checkins/{stranger['id']}").json()["session_id"] is None


def test_a_session_page_links_the_check_in_it_was_opened_after(client: TestClient) -> None:
    before = client.post("/api/checkins", json={"timing": "before", "note": "before"}).json()
    config = _config(client.get("/session", params={"before_checkin_id": before["id"]}).text, "session-config")

    started = _start_as_the_page_does(client, config).json()

    assert client.get(f"/api/checkins/{before['id']}").json()["session_id"] == started["id"]


def _session_replaced(client: TestClient) -> tuple[dict[str, Any], str]:
    """A session's check-in page opened, then the session deleted and its id given to a new one: the page's
    config, and the note of the new session's own check-in."""
    logged = {"started_at": "2026-05-06T08:00:00Z", "minutes": 10}
    old = client.post("/api/sessions/logged", json=logged).json()
    config = _config(client.get("/checkin", params={"session_id": old["id"]}).text, "checkin-config")
    assert config["session_uid"]
    assert client.delete(f"/api/sessions/{old['id']}").status_code == 204
    new = client.post("/api/sessions/logged", json={**logged, "started_at": "2026-05-06T09:00:00Z"}).json()
    assert new["id"] == old["id"]
    return config, "after the deleted rest"


def test_a_check_in_page_left_open_after_a_deleted_session_keeps_the_check_in_on_its_own(client: TestClient) -> None:
    config, note = _session_replaced(client)

    saved = client.post(
        "/api/checkins",
        json={
            "session_id": config["session_id"],
            "session_uid": config["session_uid"],
            "timing": "after",
            "compared_with_before": "better",
            "pain": [{"region": "neck", "score": 6}],
            "note": note,
        },
    )

    assert saved.status_code == 201, saved.text
    kept = client.get(f"/api/checkins/{saved.json()['id']}").json()
    assert (kept["session_id"], kept["timing"], kept["note"]) == (None, "standalone", note)
    assert kept["pain"][0]["score"] == 6  # nothing the person told is lost


def test_the_form_without_script_keeps_it_on_its_own_too(client: TestClient) -> None:
    config, note = _session_replaced(client)
    page = client.get("/checkin", params={"session_id": config["session_id"]}).text
    assert f'name="session_uid" value="{config["session_uid"]}"' not in page  # the new session's page: its own uid

    posted = client.post(
        "/checkin",
        data={"session_id": str(config["session_id"]), "session_uid": config["session_uid"], "note": note},
        follow_redirects=False,
    )

    assert posted.status_code == 303, posted.text
    [kept] = [one for one in client.get("/api/checkins").json() if one["note"] == note]
    assert (kept["session_id"], kept["timing"]) == (None, "standalone")


def test_a_rest_s_tab_left_on_a_deleted_session_never_times_the_session_given_its_id(
    client: TestClient, clock: FakeClock
) -> None:
    """The session page's checkpoints and finish carried no uid: a tab still timing a rest deleted in another tab
    wrote its time into the next rest, which SQLite gives the same id."""
    old = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    url = f"/api/sessions/{old['id']}"
    clock.advance(60)
    assert client.post(f"{url}/checkpoint?uid={old['uid']}", json={"elapsed_s": 60}).status_code == 200
    assert client.delete(url).status_code == 204
    new = client.post("/api/sessions", json={"planned_minutes": 20}).json()
    assert new["id"] == old["id"] and new["uid"] != old["uid"]
    assert _config(client.get("/session").text, "session-config")["resume"]["uid"] == new["uid"]  # offered by it

    clock.advance(60)
    checkpoint = client.post(f"{url}/checkpoint?uid={old['uid']}", json={"elapsed_s": 120})
    assert checkpoint.status_code == 409
    assert checkpoint.json()["detail"] == f"this session {REFUSED}"
    finish = client.post(f"{url}/finish?uid={old['uid']}", json={"elapsed_s": 120, "status": "ended_early"})
    assert finish.status_code == 409
    untouched = client.get(url).json()
    assert (untouched["status"], untouched["actual_seconds"], untouched["planned_minutes"]) == ("running", 0, 20)
    # its own page, which names it by its uid, times it as usual
    assert client.post(f"{url}/checkpoint?uid={new['uid']}", json={"elapsed_s": 50}).json()["actual_seconds"] == 50
