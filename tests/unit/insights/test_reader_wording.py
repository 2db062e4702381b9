"""One wording switch: the same lines speak to the person ("you") or, for their clinician, of the person."""

import re
from datetime import UTC, date, datetime, timedelta

from crest.insights.pain import pain_trends
from crest.insights.practice import DEFAULT_WEEKLY_GOAL, TargetSource, WeeklyTarget, adherence
from crest.insights.progress import adherence_line, psfs_line, trend_line
from crest.insights.psfs import psfs_change
from crest.insights.reader import Reader
from crest.insights.verdicts import Verdict
from crest.journal.records import CheckIn, PainRating, PsfsActivity, PsfsAssessment
from crest.journal.vocabulary import Region, Side

SECOND_PERSON = re.compile(r"\byou(r|rs|rself)?\b", re.IGNORECASE)
FIRST = date(2026, 3, 4)


def _worse_trend_check_ins() -> list[CheckIn]:
    def rated(day: int, score: int) -> CheckIn:
        at = datetime(FIRST.year, FIRST.month, FIRST.day, 18, tzinfo=UTC) + timedelta(days=day)
        return CheckIn(at=at, pain=(PainRating(Region.HIP, score, Side.LEFT),))

    return [rated(day, 2) for day in range(3)] + [rated(day, 6) for day in range(14, 17)]


def test_a_clinician_reads_of_the_person_never_you() -> None:
    (trend,) = pain_trends(_worse_trend_check_ins(), UTC)
    assert trend.verdict is Verdict.WORSE
    now = datetime(2026, 3, 20, 12, tzinfo=UTC)
    practice = adherence([], _worse_trend_check_ins(), UTC, now, weekly_goal=5)
    prescribed = adherence([], [], UTC, now, None, WeeklyTarget(7, TargetSource.PRESCRIPTION))
    once = psfs_change([PsfsAssessment(at=now, activities=(PsfsActivity("gardening", 4),))])
    never = psfs_change([])
    for make in (
        lambda reader: trend_line(trend, reader),
        lambda reader: adherence_line(practice, reader),
        lambda reader: adherence_line(prescribed, reader),
        lambda reader: psfs_line(once, reader),
        lambda reader: psfs_line(never, reader),
    ):
        clinician = make(Reader.CLINICIAN).text
        assert clinician != make(Reader.PERSON).text  # the person is spoken to; the clinician is told of them
        assert not SECOND_PERSON.search(clinician), clinician
        assert " rate " not in f" {clinician} "  # nor asked to do what only the person can
    assert "their own weekly goal: 5 sessions a week" in adherence_line(practice, Reader.CLINICIAN).text
    assert "the prescription: 7 sessions a week" in adherence_line(prescribed, Reader.CLINICIAN).text
    assert trend_line(trend, Reader.CLINICIAN).text.startswith("hip (left): 2.0 → 6.0")


def test_a_goal_left_at_crests_default_reads_as_crests_suggestion_not_as_the_persons_own() -> None:
    """Walk-through "is it helping?" L4: "your weekly goal: 7" to someone who never set one."""
    now = datetime(2026, 3, 20, 12, tzinfo=UTC)
    left = adherence([], [], UTC, now, weekly_goal=DEFAULT_WEEKLY_GOAL)
    chosen = adherence([], [], UTC, now, weekly_goal=DEFAULT_WEEKLY_GOAL - 2)
    assert "crest's suggested weekly goal: 7 sessions a week" in adherence_line(left, Reader.CLINICIAN).text
    assert "their own weekly goal: 5 sessions a week" in adherence_line(chosen, Reader.CLINICIAN).text
    # to the person, with where to choose their own; their own is theirs, with no such hint
    person = adherence_line(left, Reader.PERSON).text
    assert "crest's suggested weekly goal: 7 sessions a week (0 of 7 in the last 7 days; set your own in Settings)" in (
        person
    )
    assert "your weekly goal" not in person
    assert "your weekly goal: 5 sessions a week (0 of 5 in the last 7 days)" in adherence_line(chosen).text
