"""Nobody let in (issue 9.10, 9.11, security walk s49): requests only under the names crest is served as and,
served by crest serve, with its key; changes only from its own pages. The rule, precisely, is in crest.web.guard's
docstring; each clause is tested here both ways."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from crest.web.app import create_app
from crest.web.guard import ServedAs
from crest.web.local_key import KEY_FILE, key_for, opening_page, with_key
from support.clock import FakeClock
from support.routes import app_routes

OWN = "http://127.0.0.1:8765"
CROSS_SITE = [
    {"Origin": "https://attacker.example"},
    {"Origin": "http://127.0.0.1:3000"},  # another program on this computer
    {"Origin": "http://localhost:8765"},  # this crest under another name is another origin
    {"Origin": "null"},  # a sandboxed page
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:3000"},
    {"Sec-Fetch-Site": "cross-site"},  # decisive even when no Origin came with it
    {"Referer": "https://attacker.example/page"},  # an older browser's form post: neither Origin nor fetch metadata
    {"Referer": "http://127.0.0.1:3000/"},
    {"Referer": "not an address"},
]
OWN_PAGES = [
    {"Origin": OWN, "Sec-Fetch-Site": "same-origin"},
    {"Origin": OWN},  # a browser without fetch metadata (plain http on another address)
    {"Sec-Fetch-Site": "same-origin", "Origin": "null"},  # a page with Referrer-Policy: no-referrer
    {"Referer": f"{OWN}/settings?saved=true"},  # an older browser's form post from crest's own page
    {},  # no browser headers and no cookie: a script such as curl
]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(tmp_path, key=None)


def _client(tmp_path: Path, key: str | None) -> Iterator[TestClient]:
    app = create_app(
        f"sqlite:///{tmp_path / 'crest.db'}",
        clock=FakeClock(),
        local_zone=UTC,
        served_as=ServedAs.serving("127.0.0.1", 8765, key),
    )
    with TestClient(app, base_url=OWN) as client:
        yield client


def _answers(client: TestClient, yes_to_first: bool) -> dict[str, bool]:
    questions = client.get("/api/safety/questions").json()
    return {q["id"]: yes_to_first and index == 0 for index, q in enumerate(questions)}


def _see_a_clinician(client: TestClient) -> None:
    assert client.post("/api/safety/answers", json={"answers": _answers(client, True)}).status_code == 200
    assert client.get("/api/safety/latest").json()["may_practise"] is False


# 9.11: the Host


@pytest.mark.parametrize("host", ["attacker.example:8765", "attacker.example", "127.0.0.1.nip.io:8765", "127.0.0.1:9"])
def test_a_foreign_host_gets_421_and_no_data(served: TestClient, host: str) -> None:
    served.post("/api/checkins", json={"note": "private"})
    for path in ("/api/export", "/", "/static/crest.css", "/openapi.json"):
        response = served.get(path, headers={"Host": host})
        assert response.status_code == 421, path
        assert "private" not in response.text
    page = served.get("/", headers={"Host": host}).text  # the page every refusal shows, in crest's words
    assert "<h1>That did not work</h1>" in page
    sentence = "This address is not one crest answers at; use the one it is served at, such as http://127.0.0.1:8765."
    assert f"<p>{sentence}</p>" in page


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765", "[::1]:8765"])
def test_the_names_crest_is_served_as_are_answered(served: TestClient, host: str) -> None:
    assert served.get("/api/export", headers={"Host": host}).status_code == 200


def test_a_websocket_under_a_foreign_host_is_refused(served: TestClient) -> None:
    with pytest.raises(WebSocketDisconnect), served.websocket_connect("ws://attacker.example:8765/api/check/live"):
        pass


def test_what_host_names_is_served_as_too() -> None:
    lan = ServedAs.serving("192.168.1.20", 8765)
    assert lan.accepts("192.168.1.20:8765", "http") and lan.accepts("localhost:8765", "http")
    assert not lan.accepts("10.0.0.1:8765", "http") and not lan.accepts("192.168.1.20:80", "http")
    every = ServedAs.serving("0.0.0.0", 8765)
    assert every.accepts("10.0.0.1:8765", "http") and every.accepts("[fe80::1]:8765", "http")
    assert not every.accepts("attacker.example:8765", "http")
    on_80 = ServedAs.serving("localhost", 80)
    assert on_80.accepts("localhost", "http") and not on_80.accepts("localhost:8080", "http")
    assert not ServedAs().accepts("", "http") and not ServedAs().accepts("localhost:x", "http")


# 9.10: where a change comes from


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_a_cross_site_safety_form_cannot_lift_a_concern(served: TestClient, headers: dict[str, str]) -> None:
    _see_a_clinician(served)
    form = {key: "no" for key in _answers(served, False)}
    response = served.post("/safety", data=form, headers=headers)
    assert response.status_code == 403
    assert "own pages" in response.text
    assert served.get("/api/safety/latest").json()["may_practise"] is False


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_cross_site_changes_through_forms_and_the_api_are_refused(served: TestClient, headers: dict[str, str]) -> None:
    before = served.get("/api/settings").json()
    assert served.post("/settings", data={"default_minutes": "20", "theme": "dark"}, headers=headers).status_code == 403
    assert served.put("/api/settings", json={**before, "theme": "dark"}, headers=headers).status_code == 403
    assert (
        served.post("/api/safety/answers", json={"answers": _answers(served, False)}, headers=headers).status_code
        == 403
    )
    assert served.post("/api/checkins", json={"note": "forged"}, headers=headers).status_code == 403
    assert served.request("DELETE", "/api/sessions/1", headers=headers).status_code == 403
    refused = served.post("/api/sessions", json={"planned_minutes": 10}, headers=headers)
    assert refused.status_code == 403 and "own pages" in refused.json()["detail"]
    assert served.get("/api/settings").json() == before
    assert served.get("/api/checkins").json() == []
    with pytest.raises(WebSocketDisconnect), served.websocket_connect(f"ws{OWN[4:]}/api/check/live", headers=headers):
        pass


def test_a_refused_change_gets_crests_own_error_page_without_the_journal_being_read(
    served: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page every refusal is (layout, viewport, a way back), in one sentence; a refusal provoked from another
    site costs no journal read, so the page takes the system's theme."""

    def journal_read() -> None:
        raise AssertionError("the refusal read the journal")

    monkeypatch.setattr(served.app.state.context.services.preferences, "current", journal_read)
    response = served.post("/settings", data={"theme": "dark"}, headers={"Origin": "https://attacker.example"})
    assert response.status_code == 403
    assert '<meta name="viewport"' in response.text and "<h1>That did not work</h1>" in response.text
    assert "<p>This change did not come from crest&#39;s own pages, so nothing was changed.</p>" in response.text
    assert '<a href="/">Back to today</a>' in response.text
    assert "data-theme" not in response.text
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    refused = served.post("/api/checkins", json={"note": "x"}, headers={"Origin": "https://attacker.example"})
    assert refused.json() == {"detail": "this change did not come from crest's own pages, so nothing was changed"}


@pytest.mark.parametrize("headers", OWN_PAGES)
def test_changes_from_crests_own_pages_and_scripts_go_through(served: TestClient, headers: dict[str, str]) -> None:
    assert (
        served.post("/safety", data={key: "no" for key in _answers(served, False)}, headers=headers).status_code == 200
    )
    assert served.post("/api/checkins", json={"note": "mine"}, headers=headers).status_code == 201
    saved = served.post("/settings", data={"default_minutes": "20", "default_variant": "standard"}, headers=headers)
    assert saved.status_code == 200 and served.get("/api/settings").json()["default_minutes"] == 20


def test_a_request_with_a_cookie_must_say_where_it_comes_from(served: TestClient) -> None:
    served.cookies.set("crest", "signed-in")
    assert served.post("/api/checkins", json={"note": "x"}).status_code == 403
    assert served.post("/api/checkins", json={"note": "x"}, headers={"Origin": OWN}).status_code == 201


def test_reading_from_a_link_on_another_site_still_works(served: TestClient) -> None:
    headers = {"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"}
    assert served.get("/", headers=headers).status_code == 200
    assert served.get("/api/settings", headers=headers).status_code == 200


def test_a_practice_answers_under_its_public_name_behind_any_proxy_port() -> None:
    public = ServedAs.practice("https://practice.example/crest")
    assert public.accepts("practice.example", "https") and public.accepts("practice.example:8443", "http")
    assert public.accepts("localhost:8000", "http")
    assert not public.accepts("attacker.example", "https")


def test_a_practice_without_a_public_url_answers_only_under_the_names_it_is_served_as() -> None:
    served = ServedAs.practice(None, ("192.168.1.20", 8000))
    assert served.accepts("192.168.1.20:8000", "http") and served.accepts("localhost:8000", "http")
    assert not served.accepts("evil.example:8000", "http") and not served.accepts("192.168.1.20:8001", "http")
    assert not ServedAs.practice(None).accepts("evil.example", "http")  # not run by crest serve: loopback only


# s49: another account of this computer (the key, rule 2). Before it, `su nobody -c 'curl
# http://127.0.0.1:8765/api/export'` read the whole journal, and a POST wrote to it, although crest.db is 0600.

KEY = "k" * 43
OWNERS = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(tmp_path, KEY)


def test_another_account_of_this_computer_reads_and_changes_nothing(keyed: TestClient) -> None:
    assert keyed.post("/api/checkins", json={"note": "private"}, headers=OWNERS).status_code == 201
    for path in ("/api/export", "/api/checkins", "/", "/journal", "/report.pdf", "/report/fhir", "/openapi.json"):
        answer = keyed.get(path)
        assert answer.status_code == 401, path
        assert "private" not in answer.text
    for wrong in ("Bearer " + "j" * 43, "Bearer ", "Basic " + KEY, KEY):
        assert keyed.get("/api/export", headers={"Authorization": wrong}).status_code == 401
    assert keyed.get(f"/api/export?key={'j' * 43}").status_code == 401
    keyed.cookies.set("crest_key_9999", KEY)  # another crest's cookie (a cookie of 127.0.0.1 goes to every port)
    assert keyed.get("/api/export").status_code == 401
    keyed.cookies.clear()
    refused = keyed.post("/api/checkins", json={"note": "written by someone else"})
    assert refused.status_code == 401
    assert refused.json() == {
        "detail": "this crest opens only with its key: open the whole address crest serve printed, key and all; "
        "nothing was read"
    }
    with pytest.raises(WebSocketDisconnect), keyed.websocket_connect("ws://127.0.0.1:8765/api/check/live"):
        pass
    assert [one["note"] for one in keyed.get("/api/checkins", headers=OWNERS).json()] == ["private"]


def test_the_refusal_is_crests_page_in_one_sentence_with_its_style(keyed: TestClient) -> None:
    page = keyed.get("/settings")
    assert page.status_code == 401 and "<h1>That did not work</h1>" in page.text
    assert (
        "<p>This crest opens only with its key: open the whole address crest serve printed, key and all; nothing "
        in (page.text)
    )
    assert keyed.get("/static/crest.css").status_code == 200  # the page's own style, nothing personal


def test_the_address_with_the_key_gives_the_browser_its_cookie_and_drops_the_key(keyed: TestClient) -> None:
    traded = keyed.get(f"/journal?page=2&key={KEY}", follow_redirects=False)
    # On from crest's own page (a browser gives a SameSite=Strict cookie to no redirect begun on another site),
    # the keyed address sent nowhere as a Referer.
    assert traded.status_code == 200 and KEY not in traded.text
    assert '<meta http-equiv="refresh" content="0;url=/journal?page=2">' in traded.text
    assert traded.headers["referrer-policy"] == "no-referrer"
    cookie = traded.headers["set-cookie"]
    assert cookie.startswith(f"crest_key_8765={KEY};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    elsewhere = keyed.get(f"{OWN}//attacker.example?key={KEY}", follow_redirects=False)
    assert 'content="0;url=/attacker.example"' in elsewhere.text
    backslash = keyed.get(f"{OWN}/%5Cattacker.example?key={KEY}")  # a browser reads `/\x` as `//x`, another site
    assert 'content="0;url=/%5Cattacker.example"' in backslash.text
    browser = {"Sec-Fetch-Site": "same-origin", "Origin": OWN}
    assert keyed.get("/journal").status_code == 200  # the cookie the 303 set
    assert keyed.post("/api/checkins", json={"note": "mine"}, headers=browser).status_code == 201
    with keyed.websocket_connect("ws://127.0.0.1:8765/api/check/live", headers=browser):
        pass


def test_the_key_still_needs_crests_own_pages_for_a_change(keyed: TestClient) -> None:
    """The key lets the owner's browser in; a page of another site in that browser still changes nothing."""
    keyed.get(f"/?key={KEY}")
    other_site = {"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"}
    assert keyed.post("/api/checkins", json={"note": "forged"}, headers=other_site).status_code == 403
    assert keyed.get("/api/checkins").json() == []


def test_the_key_is_its_owners_alone_and_kept_across_starts(tmp_path: Path) -> None:
    home = tmp_path / "crest"
    before = os.umask(0o022)
    try:
        key = key_for(home)
        page = opening_page(home, with_key("http://127.0.0.1:8765/", key))
    finally:
        os.umask(before)
    assert stat.S_IMODE((home / KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(page.stat().st_mode) == 0o600 and stat.S_IMODE(home.stat().st_mode) == 0o700
    assert key_for(home) == key and len(key) == 43
    assert f'url=http://127.0.0.1:8765/?key={key}"' in page.read_text()
    (home / KEY_FILE).write_text("")  # emptied by hand: a new one, never an empty key that anyone could send
    assert key_for(home) != key and len(key_for(home)) == 43


def test_a_folder_crest_cannot_write_gets_a_key_for_this_run(tmp_path: Path) -> None:
    """A folder crest may only read (a backup's journal, opened to read) keeps no key: one for this run only."""
    (tmp_path / "a file").write_text("")
    home = tmp_path / "a file" / "crest"  # nothing can be written under a file, even by root
    first, second = key_for(home), key_for(home)
    page = opening_page(home, with_key("http://127.0.0.1:8765/", first))
    assert len(first) == 43 and first != second
    assert page.parent != home and stat.S_IMODE(page.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(page.stat().st_mode) == 0o600


# s50: no cache keeps crest's answers (L3). The local app's pages and JSON carry a journal, and a shared computer's
# browser cache kept them after the tab was closed. Every answer but the static files, refusals and the key's trade
# included, says `Cache-Control: no-store` (practice mode: test_practice_web).


def test_every_page_and_answer_of_the_local_app_is_no_store(keyed: TestClient) -> None:
    assert keyed.post("/api/checkins", json={"note": "private"}, headers=OWNERS).status_code == 201
    [check_in] = keyed.get("/api/checkins", headers=OWNERS).json()
    pages = sorted(
        re.sub(r"\{\w+\}", str(check_in["id"]), path)
        for method, path in app_routes(keyed.app)  # type: ignore[arg-type]
        if method == "GET" and not path.startswith("/static")
    )
    assert "/journal" in pages and "/api/export" in pages and len(pages) > 30
    for path in pages:
        answer = keyed.get(path, headers=OWNERS, follow_redirects=False)
        assert answer.headers.get("cache-control") == "no-store", (path, answer.status_code)


def test_refusals_and_the_keys_trade_are_no_store_too(keyed: TestClient) -> None:
    answers = {
        "no key": keyed.get("/journal"),
        "another host": keyed.get("/journal", headers={**OWNERS, "Host": "attacker.example:8765"}),
        "another site": keyed.post("/api/checkins", json={}, headers={**OWNERS, "Sec-Fetch-Site": "cross-site"}),
        "no such page": keyed.get("/no-such-page", headers=OWNERS),
        "the key traded": keyed.get(f"/journal?key={KEY}", follow_redirects=False),  # it sets the key's cookie
    }
    assert {what: answer.headers.get("cache-control") for what, answer in answers.items()} == dict.fromkeys(
        answers, "no-store"
    )


def test_static_files_stay_cacheable(keyed: TestClient) -> None:
    for path in ("/static/crest.css", "/static/crest.js"):
        answer = keyed.get(path)
        assert answer.status_code == 200 and "no-store" not in answer.headers.get("cache-control", ""), path
