"""A practice served by the web app, filled with the actors of issue 12, for the API, page and matrix tests.

Practice 1 (Clinic): an admin; Pat, the practitioner linked to client A (Ann); Sam, a practitioner of the same
practice linked to client B (Ben) but not to A; Rae, a practitioner linked to A who was then removed (her old
cookie), and who signed in again afterwards (an account with no practice); Eve, a practitioner who has not set up
two-step sign-in yet. Practice 2 (Elsewhere): its admin and Lee, its practitioner. Ann has a session, a check-in,
a PSFS round and a prescription. Every other practitioner and admin has set up two-step sign-in (they must); the
clients have not (they may).
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.accounts.passwords import TEST_COST
from crest.accounts.second_factor import DRIFT_STEPS, STEP_SECONDS, code_at, step_at
from crest.errors import CrestError
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import Region, SessionStatus, Side
from crest.safety.screen import QUESTIONS
from crest.services.bundle import Services
from crest.services.practice_link import (
    LinkNotAccepted,
    NotThere,
    PracticeLink,
    PracticeRefused,
    PracticeUnreachable,
    asked_to_wait,
    refused_in_words,
)
from crest.web.app import create_app
from crest.web.practice_app import PracticeOptions
from crest.web.practice_door import COOKIE_NAME
from support.clock import FakeClock

PASSWORD = "a quiet evening walk"
ORIGIN = "http://testserver"
ALL_CLEAR = {question.id: False for question in QUESTIONS}
# (who invites, the page they invite from, the form it posts to)
INVITE_FORMS = (
    ("linked_practitioner", "/practice", "/practice/invites"),
    ("admin", "/practice/admin", "/practice/admin/invites"),
)
ACTORS = (
    "anonymous",
    "client_a",
    "client_b",
    "linked_practitioner",
    "unlinked_practitioner",
    "other_practice_practitioner",
    "admin",
    "removed_practitioner",
    "no_practice",
    "enrolling_practitioner",  # signed in with the password, two-step sign-in not set up yet
)


class NoPoseModelHere(CrestError):
    """The position checker in these tests: reaching it proves the request got past authorization."""


def no_pose_model() -> Any:
    raise NoPoseModelHere("no pose model in this test")


def practice_app(url: str, clock: FakeClock) -> FastAPI:
    return create_app(
        url,
        clock=clock,
        local_zone=UTC,
        checker_factory=no_pose_model,
        # served under TestClient's own name, as `crest serve --practice --host testserver --port 80` would be
        practice=PracticeOptions(password_cost=TEST_COST, served_at=("testserver", 80)),
    )


def browser(app: FastAPI, token: str | None = None) -> TestClient:
    """A browser on this practice's own pages: every request carries the server's Origin."""
    client = TestClient(app, headers={"Origin": ORIGIN})
    if token:
        client.cookies.set(COOKIE_NAME, token)
    return client


@dataclass
class World:
    database: Path
    clock: FakeClock
    tokens: dict[str, str | None] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    invite_codes: dict[str, str] = field(default_factory=dict)  # one unused client invite per actor
    reset_codes: dict[str, str] = field(default_factory=dict)  # one unused password link per actor (own account)
    app_secrets: dict[str, str] = field(default_factory=dict)  # what the admin's authenticator app holds

    def app_code(self, actor: str) -> str:
        """What the actor's authenticator app shows now: a code of a step later than any the world used (its
        clock has moved on since they set it up)."""
        return code_at(self.app_secrets[actor], step_at(self.clock()))

    def copy_to(self, folder: Path) -> str:
        """A copy of the whole database: each test that changes things gets its own."""
        target = folder / "practice.db"
        shutil.copyfile(self.database, target)
        return f"sqlite:///{target}"

    def copied_to(self, folder: Path) -> World:
        """The same world as a build of its own in `folder`: its database, its clock and what its actors hold, each
        a copy (a test module that moves its clock or changes its database leaves this world as it was)."""
        copied = copy.deepcopy(self)
        copied.database = folder / self.database.name
        shutil.copyfile(self.database, copied.database)
        return copied


def sign_in(app: FastAPI, email: str) -> str:
    """Signed in with the password, and for an account with two-step sign-in a code its app shows now."""
    with TestClient(app) as fresh:
        body = {"email": email, "password": PASSWORD}
        code = app_code(app, email)
        if code is not None:
            body["second_factor_code"] = code
        response = fresh.post("/api/auth/login", json=body)
        assert response.status_code == 200, response.text
        return str(response.cookies[COOKIE_NAME])


def app_code(app: FastAPI, email: str) -> str | None:
    """What the person's authenticator app shows now, when the account has one: a code of a time step it has not
    used yet (the next step, within the drift allowed, or else the clock moves on to a fresh one). The app knows
    the secret as the server does: read here from the practice's database, as the phone read it from the QR code.
    """
    door = app.state.practice_door
    store = door.accounts._store
    clock: FakeClock = door.accounts._clock
    found = store.account_by_email(email)
    factor = None if found is None else store.second_factor(found[0].id)
    if factor is None or factor.confirmed_at is None:
        return None
    step = step_at(clock())
    if factor.last_step is not None and factor.last_step >= step + DRIFT_STEPS:
        clock.advance(STEP_SECONDS * (factor.last_step - step - DRIFT_STEPS + 1))
        step = step_at(clock())
    fresh = step if factor.last_step is None or factor.last_step < step else factor.last_step + 1
    return code_at(factor.secret, fresh)


def set_up_two_factor(app: FastAPI, token: str) -> str:
    """Through the pages, as a person does: start, read the secret off the page as an app scans it, confirm; the
    sign-in's new token (confirming the password and a code renews it, ASVS 5.0 7.2.4)."""
    door = app.state.practice_door
    with browser(app, token) as client:
        client.follow_redirects = False
        assert client.post("/account/two-factor/start").status_code == 303
        actor, _ = door.accounts.actor_for_session(token)
        secret = door.accounts.second_factor_state(actor).setting_up
        assert secret is not None
        code = code_at(secret, step_at(door.practice.now()))
        confirmed = client.post("/account/two-factor/confirm", data={"password": PASSWORD, "code": code})
        assert confirmed.status_code == 200, confirmed.text
        assert "recovery codes" in confirmed.text
        return str(confirmed.cookies[COOKIE_NAME])


def _accept(app: FastAPI, code: str, email: str, name: str, consent: bool = True) -> tuple[str, dict[str, Any]]:
    with TestClient(app) as fresh:
        body = {"code": code, "email": email, "password": PASSWORD, "name": name, "consent": consent}
        response = fresh.post("/api/auth/accept-invite", json=body)
        assert response.status_code == 201, response.text
        return str(response.cookies[COOKIE_NAME]), response.json()


def _invite(app: FastAPI, token: str, role: str) -> str:
    with browser(app, token) as client:
        response = client.post("/api/practice/invites", json={"role": role})
        assert response.status_code == 201, response.text
        return str(response.json()["code"])


def _invite_id(door: Any, code: str) -> int:
    from crest.services.accounts import token_hash

    invite = door.accounts._store.invite(token_hash(code))
    assert invite is not None
    return int(invite.id)


def build_world(folder: Path) -> World:
    clock = FakeClock()
    database = folder / "world.db"
    app = practice_app(f"sqlite:///{database}", clock)
    door = app.state.practice_door
    world = World(database, clock)
    with TestClient(app):
        door.accounts.create_practice("Clinic", "admin@clinic.example", PASSWORD, "Ada Admin")
        door.accounts.create_practice("Elsewhere", "boss@elsewhere.example", PASSWORD, "Bo Boss")
        admin = sign_in(app, "admin@clinic.example")
        other_admin = sign_in(app, "boss@elsewhere.example")
        admin = set_up_two_factor(app, admin)
        other_admin = set_up_two_factor(app, other_admin)
        pat, _ = _accept(app, _invite(app, admin, "practitioner"), "pat@clinic.example", "Pat Physio")
        sam, _ = _accept(app, _invite(app, admin, "practitioner"), "sam@clinic.example", "Sam Second")
        rae, _ = _accept(app, _invite(app, admin, "practitioner"), "rae@clinic.example", "Rae Removed")
        lee, _ = _accept(app, _invite(app, other_admin, "practitioner"), "lee@elsewhere.example", "Lee Elsewhere")
        pat, sam, rae, lee = (set_up_two_factor(app, practitioner) for practitioner in (pat, sam, rae, lee))
        eve, _ = _accept(app, _invite(app, admin, "practitioner"), "eve@clinic.example", "Eve Enrolling")
        ann, _ = _accept(app, _invite(app, pat, "client"), "ann@example.org", "Ann")
        ben, _ = _accept(app, _invite(app, sam, "client"), "ben@example.org", "Ben")
        with browser(app, rae) as client:  # Rae also follows Ann, until she is removed
            code = client.post("/api/practice/invites", json={"role": "client"}).json()["code"]
        with TestClient(app) as again:
            body = {"code": code, "email": "ann@example.org", "password": PASSWORD, "name": "Ann", "consent": True}
            assert again.post("/api/auth/accept-invite", json=body).status_code == 201
        with browser(app, ann) as client:
            assert client.post("/api/safety/answers", json={"answers": ALL_CLEAR}).status_code == 200
            session = client.post("/api/sessions", json={"planned_minutes": 15}).json()
            clock.advance(15 * 60)
            client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 900, "status": "completed"})
            check_in = client.post(
                "/api/checkins",
                json={
                    "timing": "after",
                    "session_id": session["id"],
                    "pain": [{"region": "hip", "side": "left", "score": 4}],
                },
            ).json()
            psfs = client.post("/api/psfs", json={"activities": [{"name": "sitting", "score": 4}]}).json()
            me = client.get("/api/auth/me").json()
            link_id = client.get("/api/account/sharing").json()[0]["link_id"]
        with browser(app, ben) as client:
            assert client.post("/api/safety/answers", json={"answers": ALL_CLEAR}).status_code == 200
        with browser(app, pat) as client:
            ann_id = client.get("/api/practice/clients").json()[0]["id"]
            prescribed = client.post(f"/api/practice/clients/{ann_id}/prescriptions", json={"minutes": 20})
            assert prescribed.status_code == 201, prescribed.text
        with browser(app, admin) as client:
            members = {p["email"]: p["membership_id"] for p in client.get("/api/practice/practitioners").json()}
            assert client.delete(f"/api/practice/practitioners/{members['rae@clinic.example']}").status_code == 204
        no_practice = sign_in(app, "rae@clinic.example")
        world.tokens = {
            "anonymous": None,
            "client_a": ann,
            "client_b": ben,
            "linked_practitioner": pat,
            "unlinked_practitioner": sam,
            "other_practice_practitioner": lee,
            "admin": admin,
            "removed_practitioner": rae,
            "no_practice": no_practice,
            "enrolling_practitioner": eve,
        }
        for actor in ACTORS:
            world.invite_codes[actor] = _invite(app, pat, "client")
            # each for an account of its own, the admin of a practice of its own (a new link replaces the last)
            email = f"reset-{actor.replace('_', '-')}@example.org"
            door.accounts.create_practice(f"Reset {actor}", email, PASSWORD, f"Reset {actor}")
            world.reset_codes[actor] = door.accounts.reset_link_by_operator(email).code
        found = door.accounts._store.account_by_email("admin@clinic.example")
        factor = None if found is None else door.accounts._store.second_factor(found[0].id)
        assert factor is not None
        world.app_secrets = {"admin": factor.secret}
        world.ids = {
            "session": session["id"],
            "check_in": check_in["id"],
            "psfs": psfs["id"],
            "client": ann_id,
            "link": link_id,
            "practitioner_membership": members["pat@clinic.example"],
            "open_invite": _invite_id(door, world.invite_codes["anonymous"]),  # one of Pat's, not yet accepted
        }
        assert me["role"] == "client"
    return world


class InProcess:
    """`crest link` and `crest sync` talking to the practice app in this process (no network)."""

    def __init__(self, app: FastAPI, fail_after_pushes: int | None = None) -> None:
        self.client = TestClient(app)
        self.pushes = 0
        self.fail_after_pushes = fail_after_pushes

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        path = url.split("https://practice.test", 1)[1]
        if path == "/api/sync/push":
            if self.fail_after_pushes is not None and self.pushes >= self.fail_after_pushes:
                raise PracticeUnreachable("the connection dropped (a test)")
            self.pushes += 1
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        # the bytes `http_transport` sends (json.dumps escapes accents): a push weighs here what it weighs there
        data = None if body is None else json.dumps(body).encode("utf-8")
        if data is not None:
            headers["Content-Type"] = "application/json"
        response = self.client.request(method, path, content=data, headers=headers)
        if response.status_code == 401:
            raise LinkNotAccepted("the practice no longer accepts this computer's link")
        if response.status_code == 429 and token is not None:  # as `http_transport`: the practice's pace
            raise asked_to_wait(response.headers.get("Retry-After"))
        if response.status_code == 404:  # as `http_transport`: a route the practice lacks, or another's object
            raise NotThere(refused_in_words(404, response.text))
        if response.status_code >= 400:
            raise PracticeUnreachable(refused_in_words(response.status_code, response.text))
        return response.json() if response.content else None


# What a practice server from before each says nothing of in its answer to a push, and the check-in field it refuses.
OLDER_THAN_EVERY_SIGN = {"every_sign": "note_signs", "sign_rules": "note_sign_rules"}
OLDER_THAN_SIGN_RULES = {"sign_rules": "note_sign_rules"}


class Recorded(InProcess):
    """The practice app in this process, with each push's check-ins noted; as `older` (`OLDER_THAN_...`), a practice
    from before some fields of a check-in: its answer to a push says nothing of them, and it refuses a batch that
    holds them, as an unknown field."""

    def __init__(self, app: FastAPI, *, older: dict[str, str] | None = None) -> None:
        super().__init__(app)
        self.older = older or {}
        self.pushed: list[list[dict[str, Any]]] = []

    def __call__(self, method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
        if not url.endswith("/api/sync/push") or body is None:
            return super().__call__(method, url, body, token)
        check_ins = json.loads(body["journal"])["check_ins"]
        self.pushed.append(check_ins)
        for unknown in self.older.values():
            if any(unknown in check_in for check_in in check_ins):
                raise PracticeRefused(f"the practice refused: check_ins[0], field {unknown}: unknown field", 422)
        answer = super().__call__(method, url, body, token)
        return {key: value for key, value in answer.items() if key not in self.older}


@contextmanager
def local_crest(home: Path, clock: FakeClock) -> Iterator[Services]:
    """A person's own crest in `home` (SQLite), its safety screen answered all clear."""
    home.mkdir(exist_ok=True)
    with Journal.open(f"sqlite:///{home / 'crest.db'}", clock=clock) as journal:
        services = Services.over(journal, clock, UTC, link_home=home)
        services.safety.record(ALL_CLEAR)
        yield services


def link_as_cleo(
    app: FastAPI, world: World, home: Path, services: Services, clock: FakeClock, notes_shared: bool = False
) -> str:
    """`crest link` of the crest in `home` to the practice, as Cleo with the practice-less client's invite; the
    practice's name."""
    linking = PracticeLink(home, services.sync, clock, InProcess(app))
    code = world.invite_codes["no_practice"]
    return linking.link("https://practice.test", code, "cleo@example.org", PASSWORD, "Cleo", notes_shared, "laptop")


def cleos_page_after(world: World, folder: Path, check_ins: Sequence[CheckIn], now: datetime) -> str:
    """Cleo's page as her practitioner reads it at `now`, on a practice of its own in `folder`, once her crest (its
    `check_ins` added) is linked and synced."""
    (folder / "server").mkdir()
    server_clock = FakeClock(now)
    app = practice_app(world.copy_to(folder / "server"), server_clock)
    clock = FakeClock(now)
    home = folder / "home"
    with local_crest(home, clock) as local:
        for check_in in check_ins:
            local.check_ins.add(check_in)
        link_as_cleo(app, world, home, local, clock)
        PracticeLink(home, local.sync, clock, InProcess(app)).sync()
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        [row] = [row for row in pat.get("/api/practice/clients").json() if row["name"] == "Cleo"]
        return pat.get(f"/practice/clients/{row['id']}").text


def linked_with_a_rest(app: FastAPI, world: World, home: Path, services: Services, clock: FakeClock) -> int:
    """A finished 10-minute rest in the crest in `home`, which is then linked as Cleo (`link_as_cleo`) and synced;
    the rest's id there."""
    rested = a_rest(services, clock)
    link_as_cleo(app, world, home, services, clock)
    PracticeLink(home, services.sync, clock, InProcess(app)).sync()
    return rested


def a_rest(services: Services, clock: FakeClock) -> int:
    """A finished 10-minute rest in this crest, ending now; its id."""
    session = services.practice.start(10, "standard")
    clock.advance(600)
    services.practice.finish(session.id or 0, 600, SessionStatus.COMPLETED)
    return session.id or 0


def synced_twice(
    app: FastAPI, world: World, home: Path, transport: InProcess, note: str
) -> tuple[dict[str, int], dict[str, int]]:
    """A check-in with `note`, linked as Cleo and synced twice: what each sync said it sent."""
    clock = FakeClock()
    with local_crest(home, clock) as local:
        clock.advance(600)
        local.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.LOWER_BACK, 4, Side.CENTRE),), note=note))
        link_as_cleo(app, world, home, local, clock)
        first = PracticeLink(home, local.sync, clock, transport).sync().sent
        clock.advance(60)
        return first, PracticeLink(home, local.sync, clock, transport).sync().sent


def cleos_alert_and_page(app: FastAPI, world: World) -> tuple[str, str]:
    """The practitioner's warning-signs alert for Cleo, and Cleo's page."""
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        [row] = [row for row in practitioner.get("/api/practice/clients").json() if row["name"] == "Cleo"]
        page = practitioner.get(f"/practice/clients/{row['id']}").text
    return str(next(alert["text"] for alert in row["alerts"] if alert["kind"] == "warning_signs")), page


def ann_in_severe_pain(app: FastAPI, world: World) -> None:
    """A check-in of Ann's (the linked practitioner's client) rating 8/10: a severe pain alert to acknowledge (one
    the client does not have is not found)."""
    with browser(app, world.tokens["client_a"]) as ann:
        pain = [{"region": "hip", "side": "left", "score": 8}]
        assert ann.post("/api/checkins", json={"pain": pain}).status_code == 201


def sams_invite(app: FastAPI, world: World, email: str | None = None) -> str:
    """A client invitation of Sam's (the practitioner who follows nobody), for `email` or anyone: its code."""
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        made = sam.post("/api/practice/invites", json={"role": "client", "email": email})
        assert made.status_code == 201, made.text
        return str(made.json()["code"])


def sams_clients(app: FastAPI, world: World) -> list[str]:
    """The names on Sam's Clients list."""
    with browser(app, world.tokens["unlinked_practitioner"]) as sam:
        return [row["name"] for row in sam.get("/api/practice/clients").json()]
