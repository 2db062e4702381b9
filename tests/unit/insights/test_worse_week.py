"""A flare between the verdict's two weeks: a week much worse than the first showed only in the chart, never in the
words beside the verdict; now it is said there, with its median and days (weekly medians, never single days)."""

from datetime import UTC, date, datetime, time, timedelta

from crest.insights.pain import pain_trends
from crest.insights.progress import worse_week_line
from crest.insights.verdicts import Verdict
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region, Side

MONDAY = date(2026, 3, 2)


def _daily(scores_by_week: list[int]) -> list[CheckIn]:
    """One rating a day, every day of each calendar week at that week's score."""
    return [
        CheckIn(
            at=datetime.combine(MONDAY + timedelta(days=7 * week + day), time(18), tzinfo=UTC),
            pain=(PainRating(Region.LOWER_BACK, score, Side.CENTRE),),
        )
        for week, score in enumerate(scores_by_week)
        for day in range(7)
    ]


def test_a_flare_week_between_is_said_beside_a_better_verdict() -> None:
    (trend,) = pain_trends(_daily([6, 5, 9, 5, 3]), UTC)
    assert trend.verdict is Verdict.BETTER
    assert worse_week_line(trend) == (
        "one week between was harder: median 9.0 (7 ratings on 7 days, 16 to 22 Mar 2026), "
        "against 6.0 in the first week and 3.0 in the latest"
    )


def test_the_worst_of_several_harder_weeks_is_named() -> None:
    (trend,) = pain_trends(_daily([5, 8, 9, 7, 5]), UTC)
    assert trend.verdict is Verdict.NO_CLEAR_CHANGE
    assert "median 9.0" in (worse_week_line(trend) or "") and "16 to 22 Mar 2026" in (worse_week_line(trend) or "")


def test_no_flare_no_line() -> None:
    # A rise of under 2 points is no flare (the threshold that counts as worse); nor is a week no worse than the
    # latest, which the verdict names already; nor one with too few days to judge.
    for weeks in ([6, 7, 7, 6, 5], [3, 4, 6, 6, 6]):
        (trend,) = pain_trends(_daily(weeks), UTC)
        assert worse_week_line(trend) is None, weeks
    sparse = [c for c in _daily([6, 6, 9, 6, 6]) if not (14 <= (c.at.date() - MONDAY).days <= 18)]
    (trend,) = pain_trends(sparse, UTC)
    assert worse_week_line(trend) is None


def test_no_line_without_a_verdict() -> None:
    (trend,) = pain_trends(_daily([6]), UTC)
    assert trend.verdict is Verdict.NOT_ENOUGH_DATA and worse_week_line(trend) is None
