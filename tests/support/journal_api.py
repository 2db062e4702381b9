"""A few weeks of practice, written through a running crest server's JSON API (for browser tests)."""

import json
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from support.clock import FakeClock

DEMO_CLOCK_SPEED = 3600.0


def call(base: str, method: str, path: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{base}{path}", data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        text = response.read()
    return json.loads(text) if text else None


def answer_safety_with_no(base: str) -> None:
    questions = call(base, "GET", "/api/safety/questions")
    call(base, "POST", "/api/safety/answers", {"answers": {question["id"]: False for question in questions}})


def _pain(lower_back: int, left_hip: int) -> list[dict[str, Any]]:
    return [
        {"region": "lower_back", "side": "centre", "score": lower_back},
        {"region": "hip", "side": "left", "score": left_hip},
    ]


def _breath_slowing() -> dict[str, Any]:
    """Ten minutes of a breath read by the camera: 14 slowing to 8 a minute, no reading while the body moved."""
    rates = [14.0, 13.5, 12.0, 12.0, None, None, 10.0, 9.5, 9.0, 8.5, 8.0, 8.0, 8.0, 8.0]
    starts = [30.0 * index for index in range(10)] + [300.0 + 60.0 * index for index in range(4)]
    windows: list[dict[str, Any]] = []
    for start, rate in zip(starts, rates, strict=True):
        window: dict[str, Any] = {"start_s": start, "end_s": start + (30.0 if start < 300 else 60.0), "rate_bpm": rate}
        if rate is None:
            window["reason"] = "moving"
        windows.append(window)
    return {"rate_bpm": 9.25, "windows": windows, "movements": [{"at_s": 121.0}, {"at_s": 140.5}]}


BREATH_SLOWING = _breath_slowing()


def finish_on_a_demo_clock(base: str, session: dict[str, Any], **extra: Any) -> Any:
    """Rest the whole planned time on a demo clock an hour a second (the server lets no session rest longer than
    its clock ran), then finish the session as completed."""
    planned_s = session["planned_minutes"] * 60
    time.sleep(planned_s / DEMO_CLOCK_SPEED)
    finish = {"elapsed_s": planned_s, "status": "completed", "clock_speed": DEMO_CLOCK_SPEED, **extra}
    return call(base, "POST", f"/api/sessions/{session['id']}/finish", finish)


def seed_weeks_of_practice(base: str) -> None:
    """Lower back rated 7, 2, 6 over three weeks (a V: a filled line would show as a wedge), the left hip along,
    a logged rest in each of those weeks, the last with a check-in before and after it (lower back 6 -> 5, left hip
    unchanged at 3), then a demo session today with a check-in before and after: lower back 6 -> 4, left hip
    unchanged at 3; the camera read its breath."""
    answer_safety_with_no(base)
    now = datetime.now(UTC)
    for days_ago, back, hip in ((20, 7, 4), (13, 2, 5), (6, 6, 3)):
        # A rest that week, logged: today's rest runs on a demo clock, which never counts as practice.
        started = now - timedelta(days=days_ago, hours=1)
        rest = call(base, "POST", "/api/sessions/logged", {"started_at": started.isoformat(), "minutes": 15})
        at = (now - timedelta(days=days_ago)).isoformat()
        if days_ago > 6:
            call(base, "POST", "/api/checkins", {"at": at, "pain": _pain(back, hip)})
            continue
        # A demo's change from before to after is left out, so the change chart rests on this real one.
        before_at = (started - timedelta(minutes=1)).isoformat()
        linked = {"session_id": rest["id"]}
        call(base, "POST", "/api/checkins", {**linked, "at": before_at, "timing": "before", "pain": _pain(back, hip)})
        call(base, "POST", "/api/checkins", {**linked, "at": at, "timing": "after", "pain": _pain(5, hip)})
    before = call(base, "POST", "/api/checkins", {"timing": "before", "pain": _pain(6, 3)})
    session = call(base, "POST", "/api/sessions", {"planned_minutes": 10, "before_checkin_id": before["id"]})
    finish_on_a_demo_clock(base, session, breath=BREATH_SLOWING)
    after = {"session_id": session["id"], "timing": "after", "pain": _pain(4, 3), "note": "Calmer"}
    call(base, "POST", "/api/checkins", after)


def seed_something_of_everything(api: httpx.Client, clock: FakeClock) -> dict[str, int]:
    """Through `api` (a TestClient, or an httpx client of a server running on `clock`): the safety answers, three
    weeks of pain ratings, a session with a check-in before and after it (noting yawning) and a breath reading, and
    a PSFS round, so that every part of every page has something to show. The session's id, as "session"."""
    questions = api.get("/api/safety/questions").json()
    api.post("/api/safety/answers", json={"answers": {q["id"]: False for q in questions}}).raise_for_status()
    for days_ago, back, hip in ((20, 7, 4), (13, 2, 5), (6, 6, 3)):
        at = (clock.now - timedelta(days=days_ago)).isoformat()
        api.post("/api/checkins", json={"at": at, "pain": _pain(back, hip)}).raise_for_status()
    before = api.post("/api/checkins", json={"timing": "before", "pain": _pain(6, 3)}).json()
    session = api.post("/api/sessions", json={"planned_minutes": 10, "before_checkin_id": before["id"]}).json()
    clock.advance(600)
    finish = {"elapsed_s": 600, "status": "completed", "breath": BREATH_SLOWING}
    api.post(f"/api/sessions/{session['id']}/finish", json=finish).raise_for_status()
    after = {"session_id": session["id"], "timing": "after", "pain": _pain(4, 3), "sensations": ["yawning"]}
    api.post("/api/checkins", json={**after, "note": "Calmer"}).raise_for_status()
    api.post("/api/psfs", json={"activities": [{"name": "sitting", "score": 4}]}).raise_for_status()
    return {"session": session["id"]}


def rest_ended_early(client: httpx.Client, clock: FakeClock, seconds: int) -> None:
    """A rest started and ended early after `seconds` on the app's clock (a rest under a minute, or one of a minute)."""
    session = client.post("/api/sessions", json={"planned_minutes": 5}).json()
    clock.advance(seconds)
    finished = {"elapsed_s": seconds, "status": "ended_early"}
    assert client.post(f"/api/sessions/{session['id']}/finish", json=finished).status_code == 200
