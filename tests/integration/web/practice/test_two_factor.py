"""Two-step sign-in (OWASP ASVS 5.0 6.3.3, 6.5): an authenticator app's codes (TOTP, RFC 6238) after the password,
set up on the account's own page, required of practitioners and admins, chosen by clients; recovery codes; no code
twice; wrong codes back off as wrong passwords do; the admin's reset; every step audited."""

from __future__ import annotations

import html
import re
from datetime import UTC
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.accounts.second_factor import STEP_SECONDS, code_at, step_at
from crest.services.accounts import FREE_FAILURES_PER_ACCOUNT, token_hash
from crest.services.audit import Audited
from crest.web.practice_door import CODE_STEP_COOKIE_NAME, COOKIE_NAME
from support.practice_web import ORIGIN, PASSWORD, InProcess, World, app_code, browser, sign_in

BEN = "ben@example.org"


def _set_up(app: FastAPI, client: TestClient, clock: World) -> tuple[str, list[str]]:
    """Through the pages, as a person does: start, read the key off the page, type the app's code. The key and the
    recovery codes shown."""
    started = client.post("/account/two-factor/start", follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == "/account/two-factor"
    page = client.get("/account/two-factor").text
    assert '<svg width="' in page and 'class="qr-code"' in page  # the QR code, drawn by the server itself
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    shown = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)
    assert shown is not None
    secret = shown.group(1).replace(" ", "")
    code = code_at(secret, step_at(clock.clock()))
    confirmed = client.post("/account/two-factor/confirm", data={"password": PASSWORD, "code": code})
    assert confirmed.status_code == 200, confirmed.text
    codes = re.findall(r"<li><code>(\d{4}-\d{4}-\d{4})</code></li>", confirmed.text)
    return secret, codes


def _password_step(app: FastAPI, email: str = BEN) -> TestClient:
    """A browser whose password was just right: it holds the code step's cookie, and no session."""
    client = TestClient(app, headers={"Origin": ORIGIN})
    client.follow_redirects = False
    landed = client.post("/login", data={"email": email, "password": PASSWORD})
    assert landed.status_code == 303 and landed.headers["location"] == "/login/code", landed.text
    assert CODE_STEP_COOKIE_NAME in client.cookies and COOKIE_NAME not in client.cookies
    return client


def test_a_session_alone_cannot_turn_it_on_without_the_password(app: FastAPI, world: World) -> None:
    # A walk-through took an open session and turned two-step sign-in on with its own app: the owner was locked out.
    with browser(app, world.tokens["client_b"]) as taken:
        taken.post("/account/two-factor/start")
        secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', taken.get("/account/two-factor").text)
        assert secret is not None
        code = code_at(secret.group(1).replace(" ", ""), step_at(world.clock()))
        for password in ("", "a guess at it"):
            refused = taken.post("/account/two-factor/confirm", data={"password": password, "code": code})
            assert refused.status_code == 401
            assert "That password is not this account&#39;s; it is still off" in refused.text
        assert "Off: your password alone signs you in" in taken.get("/account").text


def test_a_client_turns_it_on_and_then_signs_in_with_the_apps_code(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:
        assert "Off: your password alone signs you in" in ben.get("/account").text
        ben.post("/account/two-factor/start")
        wrong = ben.post("/account/two-factor/confirm", data={"password": PASSWORD, "code": "000000"})
        assert wrong.status_code == 401 and "not the one the app shows" in wrong.text
        secret, codes = _set_up(app, ben, world)
        assert len(codes) == 10 and len(set(codes)) == 10
        assert "On: signing in asks for a code" in ben.get("/account").text
        again = ben.get("/account/two-factor").text
        assert "recovery codes" in again and not any(code in again for code in codes)  # shown once only
    world.clock.advance(STEP_SECONDS)
    client = _password_step(app)
    with client:
        assert client.get("/login/code").status_code == 200
        assert client.get("/api/auth/me").status_code == 401  # half signed in is not signed in
        assert client.get("/account").status_code == 303
        bad = client.post("/login/code", data={"code": "not it"})
        assert bad.status_code == 401 and "That code is not right" in bad.text
        done = client.post("/login/code", data={"code": code_at(secret, step_at(world.clock()))})
        assert done.status_code == 303 and done.headers["location"] == "/"
        assert COOKIE_NAME in client.cookies
        assert client.get("/api/auth/me").json()["email"] == BEN
    audit = app.state.practice_door.audit
    assert "Ben" in [entry.actor_name for entry in audit.entries(Audited.TURN_ON_SECOND_FACTOR)]
    wrong_codes = [entry for entry in audit.entries(Audited.SIGN_IN) if entry.outcome == "wrong_code"]
    assert len(wrong_codes) == 1 and wrong_codes[0].address == "testclient"
    assert [entry.detail for entry in audit.entries(Audited.DENIED) if entry.outcome == "wrong_code"] == ["set up"]


def test_a_code_is_taken_once_within_a_step_either_side(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
    now = step_at(world.clock())
    for step, taken in ((now + 2, False), (now - 1, False), (now + 1, True), (now + 1, False), (now, False)):
        # two steps ahead is too far; a step before the one used at setup, or one used already, never again
        with _password_step(app) as client:
            answer = client.post("/login/code", data={"code": code_at(secret, step)})
            assert (answer.status_code == 303) is taken, (step - now, answer.status_code)
    world.clock.advance(3 * STEP_SECONDS)
    with _password_step(app) as client:  # later, the step behind the clock's (a phone a little slow)
        answer = client.post("/login/code", data={"code": code_at(secret, step_at(world.clock()) - 1)})
        assert answer.status_code == 303


def test_a_recovery_code_signs_in_once(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:  # signed in again by the setup: a new cookie
        _, codes = _set_up(app, ben, world)
        with _password_step(app) as client:
            assert client.post("/login/code", data={"code": f" {codes[3].upper()} "}).status_code == 303
        with _password_step(app) as client:
            again = client.post("/login/code", data={"code": codes[3]})
            assert again.status_code == 401
        assert "9 of your 10 recovery codes are left" in ben.get("/account/two-factor").text
    [used] = app.state.practice_door.audit.entries(Audited.USE_RECOVERY_CODE)
    assert used.detail == "sign in: 9 recovery codes left" and used.actor_name == "Ben"


def test_wrong_codes_back_off_as_wrong_passwords_do(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
    world.clock.advance(STEP_SECONDS)
    with _password_step(app) as client:
        for _ in range(FREE_FAILURES_PER_ACCOUNT):
            assert client.post("/login/code", data={"code": "999999x"}).status_code == 401
        waiting = client.post("/login/code", data={"code": code_at(secret, step_at(world.clock()))})
        assert waiting.status_code == 429 and waiting.headers["Retry-After"] == "1"  # even the right code waits
        assert "Too many wrong sign-in attempts; wait 1 second" in waiting.text
    world.clock.advance(1)
    # the right password does not clear the count (it would let whoever knows it guess codes for ever)
    with _password_step(app) as client:
        assert client.post("/login/code", data={"code": "999999x"}).status_code == 401
        right = {"code": code_at(secret, step_at(world.clock()))}
        assert client.post("/login/code", data=right).status_code == 429  # the wait doubles: 2 seconds
        world.clock.advance(2)
        assert client.post("/login/code", data=right).status_code == 303


def test_a_code_in_another_scripts_digits_is_a_wrong_code_not_an_error(app: FastAPI, world: World) -> None:
    arabic_indic = "\u0661\u0662\u0663\u0664\u0665\u0666"  # what a phone's Arabic keyboard types for 123456
    with browser(app, world.tokens["client_b"]) as ben:
        _set_up(app, ben, world)
    world.clock.advance(STEP_SECONDS)
    with _password_step(app) as client:
        assert client.post("/login/code", data={"code": arabic_indic}).status_code == 401
    with TestClient(app) as client:
        body = {"email": "pat@clinic.example", "password": PASSWORD, "second_factor_code": arabic_indic}
        assert client.post("/api/auth/login", json=body).status_code == 401


def test_wrong_codes_then_a_lock_say_sign_in_attempts_at_every_door_as_wrong_passwords_do(
    app: FastAPI, world: World
) -> None:
    # A walk-through sent five wrong codes with the right password and was told "too many wrong passwords". The
    # refusal comes before anything sent is checked, and saying "codes" would tell the next asker, who may not know
    # the password, that someone did: both kinds of failure say the same.
    body = {"email": "pat@clinic.example", "password": PASSWORD, "second_factor_code": "000000x"}
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        for _ in range(FREE_FAILURES_PER_ACCOUNT):
            assert client.post("/api/auth/login", json=body).status_code == 401
        said = "too many wrong sign-in attempts; wait 1 second and try again"
        locked = client.post("/api/auth/login", json={**body, "second_factor_code": app_code(app, body["email"])})
        assert locked.status_code == 429 and locked.json() == {"detail": said}
        page = client.post("/login", data={"email": body["email"], "password": PASSWORD})
        assert page.status_code == 429 and "Too many wrong sign-in attempts; wait 1 second" in page.text
        guesses = {"email": "eve@clinic.example", "password": "a guess"}  # wrong passwords alone, another account
        for _ in range(FREE_FAILURES_PER_ACCOUNT):
            assert client.post("/api/auth/login", json=guesses).status_code == 401
        guessed = client.post("/api/auth/login", json=guesses)
        assert guessed.status_code == 429 and guessed.json() == {"detail": said}


def test_the_code_step_ends_after_five_minutes(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
    with _password_step(app) as client:
        world.clock.advance(5 * 60)
        late = client.post("/login/code", data={"code": code_at(secret, step_at(world.clock()))})
        assert late.status_code == 401 and "enter your email and password again" in html.unescape(late.text)
        assert "<h1>Sign in</h1>" in late.text


def test_the_api_signs_in_with_the_code_in_the_same_request(app: FastAPI, world: World) -> None:
    with TestClient(app) as client:
        body = {"email": "pat@clinic.example", "password": PASSWORD}
        asked = client.post("/api/auth/login", json=body)
        assert asked.status_code == 401 and "second_factor_code" in asked.json()["detail"]
        assert COOKIE_NAME not in asked.cookies
        done = client.post("/api/auth/login", json={**body, "second_factor_code": app_code(app, body["email"])})
        assert done.status_code == 200 and done.json()["role"] == "practitioner"


def test_a_practitioner_without_it_is_led_to_set_it_up_before_anything_else(app: FastAPI, world: World) -> None:
    with TestClient(app, headers={"Origin": ORIGIN}) as eve:
        landed = eve.post("/login", data={"email": "eve@clinic.example", "password": PASSWORD})
        assert landed.url.path == "/account/two-factor"
        assert "nothing else opens until then" in landed.text
        eve.follow_redirects = False
        for page in ("/practice", "/account", "/", "/practice/admin"):
            answer = eve.get(page)
            assert (answer.status_code, answer.headers["location"]) == (303, "/account/two-factor"), page
        refused = eve.get("/api/practice/clients")
        assert refused.status_code == 403 and "/account/two-factor" in refused.json()["detail"]
        assert eve.get("/api/auth/me").status_code == 403
        _set_up(app, eve, world)
        assert eve.get("/practice").status_code == 200
        assert eve.get("/api/practice/clients").status_code == 200


def test_turning_it_off_asks_the_password_and_a_code(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
        world.clock.advance(STEP_SECONDS)
        code = code_at(secret, step_at(world.clock()))
        wrong = ben.post("/account/two-factor/turn-off", data={"password": "not mine", "code": code})
        assert wrong.status_code == 401 and "it is still on" in html.unescape(wrong.text)
        no_code = ben.post("/account/two-factor/turn-off", data={"password": PASSWORD, "code": "123"})
        assert no_code.status_code == 401 and "That code is not right" in no_code.text
        done = ben.post("/account/two-factor/turn-off", data={"password": PASSWORD, "code": code})
        assert done.status_code == 200 and "Two-step sign-in is off." in done.text
    sign_in(app, BEN)  # the password alone again
    [turned_off] = app.state.practice_door.audit.entries(Audited.TURN_OFF_SECOND_FACTOR)
    assert turned_off.actor_name == "Ben"


def test_the_admin_resets_a_practitioners_second_factor(app: FastAPI, world: World) -> None:
    membership = world.ids["practitioner_membership"]
    path = f"/practice/admin/practitioners/{membership}/two-factor/reset"
    with browser(app, world.tokens["admin"]) as admin:
        assert "Reset two-step sign-in" in admin.get("/practice/admin").text
        asked = admin.get(path)
        assert asked.status_code == 200 and "Reset Pat Physio&#39;s two-step sign-in?" in asked.text
        assert 'name="password"' in asked.text and 'autocomplete="one-time-code"' in asked.text
        # The admin's own password and code first: a session left open is not enough.
        no_password = admin.post(path, data={"password": "not mine", "code": world.app_code("admin")})
        assert no_password.status_code == 401 and "nothing was reset" in html.unescape(no_password.text)
        assert 'name="code"' in no_password.text  # the form again, to try once more
        world.clock.advance(STEP_SECONDS)
        no_code = admin.post(path, data={"password": PASSWORD, "code": "000000"})
        assert no_code.status_code == 401 and "That code is not right" in no_code.text
        with browser(app, world.tokens["linked_practitioner"]) as pat:
            assert pat.get("/api/practice/clients").status_code == 200  # nothing reset yet
        done = admin.post(path, data={"password": PASSWORD, "code": world.app_code("admin")})
        assert done.status_code == 200 and "Pat Physio&#39;s two-step sign-in is reset" in done.text
    with browser(app, world.tokens["linked_practitioner"]) as old:
        assert old.get("/api/practice/clients").status_code == 401  # signed out everywhere
    with TestClient(app, headers={"Origin": ORIGIN}) as pat:  # the password alone, then straight to setting it up
        landed = pat.post("/login", data={"email": "pat@clinic.example", "password": PASSWORD})
        assert landed.url.path == "/account/two-factor"
        told = html.unescape(landed.text)
        assert "Your two-step sign-in was reset today " in told and " by Ada Admin: your old" in told  # not "on today"
        assert "set up a new app to go on" in told and "If you did not ask for this" in told
        _set_up(app, pat, world)
        assert "was reset" not in pat.get("/account/two-factor").text  # told until a new app is set up
    [entry] = app.state.practice_door.audit.entries(Audited.RESET_SECOND_FACTOR)
    pat_account = app.state.practice_door.accounts._store.account_by_email("pat@clinic.example")[0]
    assert (entry.actor_name, entry.detail) == ("Ada Admin", f"for account {pat_account.id} (membership {membership})")
    assert entry.actor_account_id is not None


def test_the_api_resets_a_practitioners_second_factor_with_the_admins_password_and_code(
    app: FastAPI, world: World
) -> None:
    membership = world.ids["practitioner_membership"]
    path = f"/api/practice/practitioners/{membership}/two-factor/reset"
    with browser(app, world.tokens["admin"]) as admin:
        missing = admin.post(path, json={"password": PASSWORD})
        assert missing.status_code == 422
        wrong = admin.post(path, json={"password": PASSWORD, "second_factor_code": "000000"})
        assert wrong.status_code == 401 and "that code is not right" in wrong.json()["detail"]
        for _ in range(FREE_FAILURES_PER_ACCOUNT):
            admin.post(path, json={"password": "not mine", "second_factor_code": world.app_code("admin")})
        waiting = admin.post(path, json={"password": PASSWORD, "second_factor_code": world.app_code("admin")})
        assert waiting.status_code == 429 and int(waiting.headers["Retry-After"]) >= 1  # backs off as sign-in does
        world.clock.advance(15 * 60)
        done = admin.post(path, json={"password": PASSWORD, "second_factor_code": world.app_code("admin")})
        assert done.status_code == 204, done.text
    with browser(app, world.tokens["linked_practitioner"]) as old:
        assert old.get("/api/practice/clients").status_code == 401


def test_the_new_forms_keep_the_origin_rule(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:
        _set_up(app, ben, world)
    with _password_step(app) as client:
        step_cookie = client.cookies[CODE_STEP_COOKIE_NAME]
    with TestClient(app, headers={"Origin": "https://evil.example"}) as elsewhere:
        elsewhere.cookies.set(CODE_STEP_COOKIE_NAME, step_cookie)
        assert elsewhere.post("/login/code", data={"code": "123456"}).status_code == 403
    with TestClient(app) as no_origin:
        no_origin.cookies.set(COOKIE_NAME, world.tokens["client_a"] or "")
        for path in ("/account/two-factor/start", "/account/two-factor/confirm", "/account/two-factor/turn-off"):
            assert no_origin.post(path, data={"code": "123456"}).status_code == 403, path
        membership = world.ids["practitioner_membership"]
        no_origin.cookies.set(COOKIE_NAME, world.tokens["admin"] or "")
        reset = {"password": PASSWORD, "code": world.app_code("admin")}
        page = f"/practice/admin/practitioners/{membership}/two-factor/reset"
        assert no_origin.post(page, data=reset).status_code == 403
        api = {"password": PASSWORD, "second_factor_code": world.app_code("admin")}
        refused = no_origin.post(f"/api/practice/practitioners/{membership}/two-factor/reset", json=api)
        assert refused.status_code == 403


def test_an_invitation_for_an_existing_account_with_it_asks_the_code_too(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
    world.clock.advance(STEP_SECONDS)
    code = world.invite_codes["client_b"]
    form = {"email": BEN, "password": PASSWORD, "name": "Ben", "consent": "on"}
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        client.follow_redirects = False
        asked = client.post(f"/invite/{code}", data=form)
        assert asked.status_code == 401 and 'name="second_factor_code"' in asked.text
        # A program is told the field to send the code in, not to "type" it.
        body = {"code": code, "email": BEN, "password": PASSWORD, "name": "Ben", "consent": True}
        api_asked = client.post("/api/auth/accept-invite", json=body)
        assert api_asked.status_code == 401 and "send it as second_factor_code" in api_asked.json()["detail"]
        typed = code_at(secret, step_at(world.clock()))
        done = client.post(f"/invite/{code}", data={**form, "second_factor_code": typed})
        assert done.status_code == 303 and COOKIE_NAME in client.cookies


def test_a_local_crest_links_an_account_with_it_only_with_the_code(app: FastAPI, world: World, tmp_path: Path) -> None:
    """`crest link --code`: a device token is a way in, so the password alone does not get one (ASVS 5.0 6.3.4)."""
    from crest.journal.store import Journal
    from crest.services.bundle import Services
    from crest.services.practice_link import LinkNotAccepted, PracticeLink

    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
    world.clock.advance(STEP_SECONDS)
    with Journal.open(f"sqlite:///{tmp_path / 'local.db'}", clock=world.clock) as journal:
        services = Services.over(journal, world.clock, UTC, link_home=tmp_path)
        link = PracticeLink(tmp_path, services.sync, world.clock, InProcess(app))
        invite = world.invite_codes["client_b"]
        with pytest.raises(LinkNotAccepted):
            link.link("https://practice.test", invite, BEN, PASSWORD, "Ben", False, "laptop")
        code = code_at(secret, step_at(world.clock()))
        assert link.link("https://practice.test", invite, BEN, PASSWORD, "Ben", False, "laptop", code) == "Clinic"


def test_the_practice_page_offers_a_link_and_a_reset_only_to_those_with_two_step_sign_in(
    app: FastAPI, world: World
) -> None:
    """Both were offered to a practitioner without it and then refused (a link only the operator may make, a reset of
    nothing that signed them out); the page now says who has it set up."""
    with browser(app, world.tokens["admin"]) as admin:
        page = html.unescape(admin.get("/practice/admin").text)
        listed = {one["name"]: one for one in admin.get("/api/practice/practitioners").json()}
        eve = listed["Eve Enrolling"]["membership_id"]
        confirm = admin.get(f"/practice/admin/practitioners/{eve}/two-factor/reset")
        body = {"password": PASSWORD, "second_factor_code": world.app_code("admin")}
        reset = admin.post(f"/api/practice/practitioners/{eve}/two-factor/reset", json=body)
    rows = {row.split(" ", 2)[1]: row for row in re.findall(r"<li>.*?</li>", page, re.S)}
    assert "two-step sign-in on" in rows["Physio"] and "two-step sign-in not set up yet" in rows["Enrolling"]
    assert "Password link: Pat Physio" in rows["Physio"] and "Reset two-step sign-in: Pat Physio" in rows["Physio"]
    assert "Password link" not in rows["Enrolling"] and "Reset two-step sign-in" not in rows["Enrolling"]
    assert "Sign out everywhere: Eve Enrolling" in rows["Enrolling"]  # what works for anyone stays
    assert (listed["Pat Physio"]["two_step"], listed["Eve Enrolling"]["two_step"]) == (True, False)
    said = "Eve Enrolling has no two-step sign-in set up, so there is nothing to reset: they set it up at their next "
    assert confirm.status_code == 409 and said[0].upper() + said[1:] in html.unescape(confirm.text)
    assert reset.status_code == 409 and reset.json()["detail"].startswith(said)
    with browser(app, world.tokens["enrolling_practitioner"]) as still:
        assert still.get("/account/two-factor").status_code == 200  # nobody was signed out


def test_an_admin_whose_second_factor_the_operator_reset_is_not_told_to_tell_the_administrator(
    app: FastAPI, world: World
) -> None:
    """Walk-through L10: reset by the operator, the admin was told to "tell your practice's administrator at once",
    and she is that administrator."""
    app.state.practice_door.accounts.reset_second_factor_by_operator("admin@clinic.example")
    with TestClient(app, headers={"Origin": ORIGIN}) as ada:
        landed = ada.post("/login", data={"email": "admin@clinic.example", "password": PASSWORD})
        told = html.unescape(landed.text)
    assert landed.url.path == "/account/two-factor" and "by the server's operator: your old" in told
    assert "If you did not ask for this, ask the server's operator at once who asked for it." in told
    assert "administrator at once" not in told
    # a practitioner has an administrator to tell
    app.state.practice_door.accounts.reset_second_factor_by_operator("pat@clinic.example")
    with TestClient(app, headers={"Origin": ORIGIN}) as pat:
        told = html.unescape(pat.post("/login", data={"email": "pat@clinic.example", "password": PASSWORD}).text)
    assert "If you did not ask for this, tell your practice's administrator at once." in told


def _invite_from(app: FastAPI, email: str) -> str:
    """Signed in afresh: the world's tokens may have idled out on the module's clock, which earlier tests move."""
    with browser(app, sign_in(app, email)) as inviter:
        made = inviter.post("/api/practice/invites", json={"role": "client"})
        assert made.status_code == 201, made.text
        return str(made.json()["code"])


def test_an_invitation_refused_after_the_code_leaves_the_code_to_use(app: FastAPI, world: World) -> None:
    """A right code given with an acceptance refused for another reason is not used up (a time step cannot come
    back, a recovery code would be gone); a code used once is still refused the second time (ASVS 5.0 6.5)."""
    with browser(app, world.tokens["client_b"]) as ben:  # signed in again by the setup: a new cookie
        secret, recovery = _set_up(app, ben, world)
        world.clock.advance(STEP_SECONDS)
        typed = code_at(secret, step_at(world.clock()))
        form = {"email": BEN, "password": PASSWORD, "name": "Ben", "consent": "on"}
        elsewhere = _invite_from(app, "lee@elsewhere.example")  # Ben is a client of the Clinic
        with TestClient(app, headers={"Origin": ORIGIN}) as client:
            client.follow_redirects = False
            for code in (typed, recovery[0]):
                refused = client.post(f"/invite/{elsewhere}", data={**form, "second_factor_code": code})
                assert refused.status_code == 409 and "already belongs to a practice as client" in refused.text
            done = client.post(f"/invite/{world.invite_codes['client_b']}", data={**form, "second_factor_code": typed})
            assert done.status_code == 303, done.text
        assert "10 of your 10 recovery codes are left" in ben.get("/account/two-factor").text
    body = {
        "code": _invite_from(app, "pat@clinic.example"),
        "email": BEN,
        "password": PASSWORD,
        "name": "Ben",
    }
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        replayed = client.post("/api/auth/accept-invite", json={**body, "consent": True, "second_factor_code": typed})
        assert replayed.status_code == 401 and "that code is not right" in replayed.json()["detail"]


def test_an_invitation_withdrawn_while_its_code_is_checked_leaves_the_code(
    app: FastAPI, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The invitation is read again just before the code is used up: one that ended meanwhile (withdrawn here, as
    one run out or used in another tab would) is refused with the code still good."""
    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
    world.clock.advance(STEP_SECONDS)
    typed = code_at(secret, step_at(world.clock()))
    code = world.invite_codes["client_b"]
    store = app.state.practice_door.accounts._store
    invite = store.invite(token_hash(code))
    read_factor = store.second_factor

    def withdrawn_meanwhile(account_id: int) -> object:  # the practitioner withdraws it as Ben's code is checked
        store.withdraw_invite(invite.id, world.clock())
        return read_factor(account_id)

    monkeypatch.setattr(store, "second_factor", withdrawn_meanwhile)
    form = {"email": BEN, "password": PASSWORD, "name": "Ben", "consent": "on", "second_factor_code": typed}
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        refused = client.post(f"/invite/{code}", data=form)
        assert refused.status_code == 410 and "invite link is not valid" in refused.text
    monkeypatch.undo()
    with _password_step(app) as client:
        assert client.post("/login/code", data={"code": typed}).status_code == 303


def test_crest_link_refuses_a_computer_name_before_the_invitation_and_code_are_used(app: FastAPI, world: World) -> None:
    """The computer's name was checked after the invitation was used and the code spent: the link was refused, the
    account joined all the same, and neither could be given again."""
    with browser(app, world.tokens["client_b"]) as ben:
        secret, _ = _set_up(app, ben, world)
    world.clock.advance(STEP_SECONDS)
    typed = code_at(secret, step_at(world.clock()))
    body = {"code": world.invite_codes["client_b"], "email": BEN, "password": PASSWORD, "name": "Ben", "consent": True}
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        refused = client.post("/api/auth/accept-invite", json={**body, "device_name": " ", "second_factor_code": typed})
        assert refused.status_code == 422 and "the computer's name is empty" in refused.json()["detail"]
        linked = client.post(
            "/api/auth/accept-invite", json={**body, "device_name": "laptop", "second_factor_code": typed}
        )
        assert linked.status_code == 201 and linked.json()["device_token"], linked.text
    with browser(app, world.tokens["admin"]) as admin:
        practitioner = admin.post("/api/practice/invites", json={"role": "practitioner"}).json()["code"]
    as_practitioner = {**body, "code": practitioner, "email": "new@clinic.example", "name": "New", "device_name": "pc"}
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        refused = client.post("/api/auth/accept-invite", json=as_practitioner)
        assert refused.status_code == 403 and "links no computer; accept it in the browser" in refused.json()["detail"]
        in_browser = {key: value for key, value in as_practitioner.items() if key != "device_name"}
        assert client.post("/api/auth/accept-invite", json=in_browser).status_code == 201  # still unused
