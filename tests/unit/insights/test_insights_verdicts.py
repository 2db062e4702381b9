"""The verdict rules at every boundary: exactly 2 points, exactly 30%, a rise of 2, too few ratings."""

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest

from crest.insights.pain import pain_trends
from crest.insights.verdicts import PAIN_SOURCE, PSFS_MID_SOURCE, PSFS_SOURCE, Verdict, judge_pain, judge_psfs
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region

F = Fraction


@pytest.mark.parametrize(
    ("baseline", "latest", "verdict"),
    [
        (F(6), F(4), Verdict.BETTER),  # exactly 2 points, 33%
        (F(6), F(9, 2), Verdict.NO_CLEAR_CHANGE),  # 1.5 points: not enough
        (F(10), F(7), Verdict.BETTER),  # exactly 30% (3 of 10), and more than 2 points
        (F(8), F(6), Verdict.NO_CLEAR_CHANGE),  # 2 points but only 25%
        (F(15, 2), F(5), Verdict.BETTER),  # 2.5 of 7.5 is 33%
        (F(7), F(5), Verdict.NO_CLEAR_CHANGE),  # 2 points, but 2 of 7 is under 30%
        (F(3), F(5), Verdict.WORSE),  # a rise of exactly 2
        (F(3), F(9, 2), Verdict.NO_CLEAR_CHANGE),  # a rise of 1.5
        (F(0), F(2), Verdict.WORSE),
        (F(5), F(5), Verdict.NO_CLEAR_CHANGE),
        (F(2), F(0), Verdict.BETTER),  # 2 points is 100% of 2
    ],
)
def test_pain_verdict_boundaries(baseline: Fraction, latest: Fraction, verdict: Verdict) -> None:
    assert judge_pain(baseline, latest) is verdict


def test_thirty_percent_is_exact_not_floating_point() -> None:
    # 0.3 * 10 is 3.0000000000000004 in floating point; the rule must still call a fall from 10 to 7 better.
    assert judge_pain(F(10), F(7)) is Verdict.BETTER
    assert judge_pain(F(10), F(71, 10)) is Verdict.NO_CLEAR_CHANGE


@pytest.mark.parametrize(
    ("mean_change", "activities", "verdict"),
    [
        (F(2), [2, 2], Verdict.BETTER),  # the mean by exactly 2
        (F(19, 10), [2, 1], Verdict.NO_CLEAR_CHANGE),
        (F(-2), [-2, -2], Verdict.WORSE),
        (F(1), [3, -1], Verdict.BETTER),  # one activity by exactly 3
        (F(1), [2, 0], Verdict.NO_CLEAR_CHANGE),
        (F(-1), [-3, 1], Verdict.WORSE),
        (F(0), [3, -3], Verdict.NO_CLEAR_CHANGE),  # one up 3 and one down 3: no clear change
    ],
)
def test_psfs_verdict_boundaries(mean_change: Fraction, activities: list[int], verdict: Verdict) -> None:
    assert judge_psfs(mean_change, activities) is verdict


def test_every_source_is_named() -> None:
    assert PAIN_SOURCE.short == "Farrar 2001; Ostelo 2008"
    assert "Stratford" in PSFS_SOURCE.full and "Abbott" in PSFS_MID_SOURCE.full


DAY_ONE = date(2026, 3, 2)


def _ratings(scores_by_day: dict[int, list[int]], region: Region = Region.LOWER_BACK) -> list[CheckIn]:
    check_ins = []
    for day, scores in scores_by_day.items():
        for index, score in enumerate(scores):
            at = datetime.combine(DAY_ONE + timedelta(days=day), datetime.min.time(), UTC) + timedelta(hours=8 + index)
            check_ins.append(CheckIn(at=at, pain=(PainRating(region, score, region.usual_side),)))
    return check_ins


def test_a_weekly_median_not_a_single_day_decides() -> None:
    # First week 6, 7, 6 (median 6); latest week 4, 3, 9 (median 4): one bad day does not hide the fall.
    trend = pain_trends(_ratings({0: [6], 2: [7], 4: [6], 28: [4], 30: [3], 32: [9]}), UTC)[0]
    assert (trend.baseline.median, trend.latest and trend.latest.median) == (6, 4)
    assert trend.verdict is Verdict.BETTER
    assert trend.change == -2
    assert trend.weeks == 5


def test_too_few_ratings_in_either_window_is_not_enough_data() -> None:
    two_in_baseline = _ratings({0: [8], 3: [8], 20: [2], 21: [2], 22: [2]})
    assert pain_trends(two_in_baseline, UTC)[0].verdict is Verdict.NOT_ENOUGH_DATA
    two_in_latest = _ratings({0: [8], 1: [8], 2: [8], 21: [2], 22: [2]})
    assert pain_trends(two_in_latest, UTC)[0].verdict is Verdict.NOT_ENOUGH_DATA
    three_each = _ratings({0: [8], 1: [8], 2: [8], 20: [2], 21: [2], 22: [2]})
    assert pain_trends(three_each, UTC)[0].verdict is Verdict.BETTER


def test_a_stray_early_rating_does_not_leave_a_place_without_a_verdict_for_good() -> None:
    # One rating on day 0, then daily from day 9: 7 for ten days, then 2. The first week with 3 ratings (days 9-15)
    # is the baseline; a baseline of day 0's week alone could never hold 3 ratings, however often one rates later.
    check_ins = _ratings({0: [7]} | {day: [7 if day < 19 else 2] for day in range(9, 31)})
    trend = pain_trends(check_ins, UTC)[0]
    assert (trend.baseline.first_day, trend.baseline.scores) == (DAY_ONE + timedelta(days=9), (7,) * 7)
    assert trend.latest is not None and trend.latest.median == 2
    assert trend.verdict is Verdict.BETTER


def test_one_week_of_data_never_compares_with_itself() -> None:
    trend = pain_trends(_ratings({0: [8, 7], 1: [8, 7], 2: [2, 2], 6: [1, 1]}), UTC)[0]
    assert trend.latest is None
    assert trend.verdict is Verdict.NOT_ENOUGH_DATA


def test_latest_is_the_last_seven_days_with_ratings() -> None:
    # Ratings on days 10 to 40; the latest week is days 34-40 only.
    trend = pain_trends(_ratings({0: [5], 1: [5], 2: [5], 10: [9], 20: [9], 34: [7], 38: [7], 40: [7]}), UTC)[0]
    assert trend.latest is not None
    assert (trend.latest.first_day, trend.latest.last_day) == (DAY_ONE + timedelta(34), DAY_ONE + timedelta(40))
    assert trend.latest.scores == (7, 7, 7)
    assert trend.verdict is Verdict.WORSE  # a rise of exactly 2


def test_a_chosen_start_takes_the_seven_days_before_it_as_baseline() -> None:
    check_ins = _ratings({0: [9], 1: [9], 2: [9], 10: [6], 11: [6], 12: [6], 20: [4], 21: [4], 22: [4]})
    from_start = pain_trends(check_ins, UTC, start=DAY_ONE + timedelta(days=13))[0]
    assert from_start.baseline.scores == (6, 6, 6)  # days 6-12
    assert from_start.verdict is Verdict.BETTER  # 6 -> 4: 2 points, 33%
    assert pain_trends(check_ins, UTC)[0].baseline.scores == (9, 9, 9)


def test_each_place_has_its_own_trend() -> None:
    back = _ratings({0: [6], 1: [6], 2: [6], 14: [6], 15: [6], 16: [6]})
    hip = _ratings({0: [2], 1: [2], 2: [2], 14: [5], 15: [5], 16: [5]}, Region.HIP)
    verdicts = {trend.place.region: trend.verdict for trend in pain_trends(back + hip, UTC)}
    assert verdicts == {Region.LOWER_BACK: Verdict.NO_CLEAR_CHANGE, Region.HIP: Verdict.WORSE}
