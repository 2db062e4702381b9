"""The change from before to after a session, place by place, and the weeks Progress reaches back to."""

from datetime import UTC, datetime, timedelta

from crest.insights.pain import BeforeAfter, Place, change_per_session
from crest.insights.timeframe import weeks_reaching
from crest.journal.records import CheckIn, PainRating, PracticeSession
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side

START = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)  # a Wednesday
BACK = Place(Region.LOWER_BACK, Side.CENTRE)
LEFT_HIP = Place(Region.HIP, Side.LEFT)
BACK_WITHOUT_SIDE = Place(Region.LOWER_BACK, None)


def _check_in(timing: CheckInTiming, *ratings: tuple[Place, int]) -> CheckIn:
    pain = tuple(PainRating(region=place.region, side=place.side, score=score) for place, score in ratings)
    return CheckIn(at=START, timing=timing, session_id=1, pain=pain)


def test_each_place_keeps_its_own_change_instead_of_an_average() -> None:
    session = PracticeSession(START, 10, "standard", SessionStatus.COMPLETED, 600, id=1)
    before = _check_in(CheckInTiming.BEFORE, (LEFT_HIP, 3), (BACK, 6), (BACK_WITHOUT_SIDE, 5))
    after = _check_in(CheckInTiming.AFTER, (BACK, 4), (LEFT_HIP, 3), (BACK_WITHOUT_SIDE, 5))
    [change] = change_per_session([session], [before, after])
    assert change.places == (
        BeforeAfter(LEFT_HIP, 3, 3),
        BeforeAfter(BACK_WITHOUT_SIDE, 5, 5),
        BeforeAfter(BACK, 6, 4),
    )
    assert [rated.change for rated in change.places] == [0, 0, -2]


def test_progress_reaches_back_to_the_first_record_for_at_most_so_many_weeks() -> None:
    assert weeks_reaching(START - timedelta(days=1), START, UTC, 8) == 1  # Tuesday of the same week
    assert weeks_reaching(START - timedelta(days=3), START, UTC, 8) == 2  # the Sunday before
    assert weeks_reaching(START - timedelta(days=400), START, UTC, 8) == 8
    assert weeks_reaching(START + timedelta(days=30), START, UTC, 8) == 1  # a record dated ahead changes nothing
