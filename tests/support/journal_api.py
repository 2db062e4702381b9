"""A few weeks of practice, written through a running crest server's JSON API (for browser tests)."""

import json
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any


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


def seed_weeks_of_practice(base: str) -> None:
    """Lower back rated 7, 2, 6 over three weeks (a V: a filled line would show as a wedge), the left hip along,
    then a session today with a check-in before and after: lower back 6 -> 4, left hip unchanged at 3."""
    answer_safety_with_no(base)
    now = datetime.now(UTC)
    for days_ago, back, hip in ((20, 7, 4), (13, 2, 5), (6, 6, 3)):
        at = (now - timedelta(days=days_ago)).isoformat()
        call(base, "POST", "/api/checkins", {"at": at, "pain": _pain(back, hip)})
    before = call(base, "POST", "/api/checkins", {"timing": "before", "pain": _pain(6, 3)})
    session = call(base, "POST", "/api/sessions", {"planned_minutes": 10, "before_checkin_id": before["id"]})
    call(base, "POST", f"/api/sessions/{session['id']}/finish", {"elapsed_s": 600, "status": "completed"})
    after = {"session_id": session["id"], "timing": "after", "pain": _pain(4, 3), "note": "Calmer"}
    call(base, "POST", "/api/checkins", after)
