"""A believable journal of daily practice, built as records in memory and imported in one transaction.

One session a day at 18:00 local time with a check-in before and after it, lower-back pain easing from about 7 to
about 3 over six weeks (with day-to-day noise), a left hip that stays put, and a PSFS round every 14 days. Used by
the tests that need weeks of data and by bench/insights.py (years of it).
"""

import random
from datetime import date, datetime, time, timedelta, tzinfo

from crest.journal.records import (
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsActivity,
    PsfsAssessment,
    SafetyScreen,
)
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side
from crest.safety.screen import QUESTIONS

VARIANTS = ("standard", "standard", "supported", "somatic")
NOTES = ("Lots of yawning today.", "Back felt warm afterwards.", "Hard to settle; the neighbours were loud.")


def daily_practice(first_day: date, days: int, zone: tzinfo, seed: int = 7) -> JournalContents:
    chance = random.Random(seed)
    sessions, check_ins, rounds = [], [], []
    for day in range(days):
        start = datetime.combine(first_day + timedelta(days=day), time(18, 0), tzinfo=zone)
        session_id = day + 1
        easing = max(0.0, 1 - day / 42)  # six weeks from about 7 to about 3
        back = min(10, max(0, round(3 + 4 * easing + chance.choice((-1, 0, 0, 1)))))
        hip = 3 + chance.choice((-1, 0, 0, 0, 0, 1))  # steady, with the odd better or worse day
        sessions.append(
            PracticeSession(
                started_at=start,
                planned_minutes=15,
                variant=VARIANTS[day % len(VARIANTS)],
                status=SessionStatus.COMPLETED if day % 9 else SessionStatus.ENDED_EARLY,
                actual_seconds=900 if day % 9 else 540,
                id=session_id,
            )
        )
        before = (PainRating(Region.LOWER_BACK, back, Side.CENTRE), PainRating(Region.HIP, hip, Side.LEFT))
        after = (PainRating(Region.LOWER_BACK, max(0, back - 1), Side.CENTRE),)
        check_ins.append(
            CheckIn(start - timedelta(minutes=2), CheckInTiming.BEFORE, session_id, before, id=2 * day + 1)
        )
        check_ins.append(
            CheckIn(
                start + timedelta(minutes=16),
                CheckInTiming.AFTER,
                session_id,
                after,
                note=NOTES[day % len(NOTES)] if day % 5 == 0 else None,
                id=2 * day + 2,
            )
        )
        if day % 14 == 0:
            improving = min(day // 14, 4)
            rounds.append(
                PsfsAssessment(
                    start + timedelta(minutes=20),
                    (
                        PsfsActivity("Sitting through a film", min(10, 3 + improving)),
                        PsfsActivity("Tying my shoes", min(10, 4 + improving)),
                        PsfsActivity("Lifting my child", min(10, 2 + improving // 2)),
                    ),
                    id=len(rounds) + 1,
                )
            )
    screen = SafetyScreen(
        datetime.combine(first_day, time(17, 50), tzinfo=zone), {q.id: False for q in QUESTIONS}, "clear", id=1
    )
    return JournalContents(tuple(sessions), tuple(check_ins), (screen,), {}, tuple(rounds))
