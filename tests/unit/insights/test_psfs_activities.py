"""PSFS: every activity still followed is offered again, and a change says which activity carried it."""

from datetime import UTC, datetime, timedelta

from crest.insights.progress import psfs_line
from crest.insights.psfs import active_activities, psfs_change
from crest.insights.verdicts import Verdict
from crest.journal.records import PsfsActivity, PsfsAssessment

NOW = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)


def _round(days_ago: int, *scores: tuple[str, int]) -> PsfsAssessment:
    return PsfsAssessment(NOW - timedelta(days=days_ago), tuple(PsfsActivity(name, score) for name, score in scores))


def test_every_activity_of_every_round_is_offered_with_its_last_score() -> None:
    rounds = [
        _round(28, ("Tying my shoes", 3), ("Sitting through a film", 4), ("Gardening", 2)),
        _round(14, ("tying my shoes", 5)),  # a quick round that rated one activity only
    ]
    active = active_activities(rounds)
    assert [(one.name, one.last_score) for one in active] == [
        ("tying my shoes", 5),  # the latest spelling and score
        ("Sitting through a film", 4),
        ("Gardening", 2),
    ]
    assert active[1].last_rated_at == NOW - timedelta(days=28)
    assert active_activities([]) == ()


def test_at_most_five_the_most_recently_rated_in_the_order_first_named() -> None:
    rounds = [
        _round(40, ("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1)),
        _round(20, ("f", 2), ("b", 2)),
    ]
    assert [one.name for one in active_activities(rounds)] == ["a", "b", "c", "d", "f"]  # "e": rated longest ago


def test_a_change_carried_by_one_activity_names_it_not_the_average() -> None:
    change = psfs_change(
        [
            _round(14, ("Tying my shoes", 3), ("Gardening", 5), ("Lifting my child", 4)),
            _round(0, ("Tying my shoes", 6), ("Gardening", 5), ("Lifting my child", 4)),
        ]
    )
    assert change.verdict is Verdict.BETTER and not change.mean_changed_detectably  # the average rose by 1.0
    assert [one.name for one in change.detectable_activities] == ["Tying my shoes"]
    text = psfs_line(change).text
    assert text.startswith("daily activities (PSFS): Tying my shoes 3 → 6 (+3), easier by at least 3 points, ")
    assert "a change the scale detects in one activity" in text
    assert "the average 4.0 → 5.0 (+1.0) moved less than the 2 points it needs" in text
    assert "does not reach the medium important difference of 2.3" in text


def test_a_change_of_the_average_is_said_of_the_average() -> None:
    change = psfs_change(
        [_round(14, ("Tying my shoes", 3), ("Gardening", 4)), _round(0, ("Tying my shoes", 5), ("Gardening", 6))]
    )
    assert change.verdict is Verdict.BETTER and change.mean_changed_detectably
    assert change.detectable_activities == ()
    text = psfs_line(change).text
    assert "average 3.5 → 5.5 (+2.0), easier by at least 2 points, a change the scale detects in the average" in text


def test_activities_moving_both_ways_are_named_as_no_clear_change() -> None:
    change = psfs_change(
        [_round(14, ("Tying my shoes", 3), ("Gardening", 6)), _round(0, ("Tying my shoes", 6), ("Gardening", 3))]
    )
    assert change.verdict is Verdict.NO_CLEAR_CHANGE
    assert "no clear change: Tying my shoes 3 → 6 (+3), Gardening 6 → 3 (-3) moved in opposite directions" in (
        psfs_line(change).text
    )


def test_a_later_round_of_new_activities_only_does_not_hide_the_change_before_it() -> None:
    """`crest psfs --rate 'walking=3'` made a round of one new activity; the +2.3 the rounds before it showed was
    gone from Progress and the report, which then said "3 rounds ... rated once so far"."""
    first = _round(28, ("Sitting at my desk", 3), ("Picking up my toddler", 2), ("Gardening", 5))
    second = _round(14, ("Sitting at my desk", 7), ("Picking up my toddler", 5), ("Gardening", 5))
    walking = _round(0, ("Walking", 3))
    change = psfs_change([first, second, walking])
    assert change.baseline is first and change.latest is second
    assert change.verdict is Verdict.BETTER and change.mean_change is not None and change.mean_change > 2
    assert [(one.name, one.ratings) for one in change.uncompared] == [("Walking", ((walking.at, 3),))]
    assert psfs_change([first, walking]).verdict is Verdict.NOT_ENOUGH_DATA  # nothing in common: no change yet


def test_an_average_beside_an_added_activity_says_it_is_of_those_rated_both_times() -> None:
    rounds = [
        _round(28, ("Tying my shoes", 3), ("Sitting through a film", 4)),
        _round(14, ("Tying my shoes", 4), ("Sitting through a film", 5), ("Walking the dog", 3)),
        _round(1, ("Tying my shoes", 7), ("Sitting through a film", 8), ("Walking the dog", 6)),
    ]
    line = psfs_line(psfs_change(rounds)).text
    # The latest round's own average is 7.0: the 7.5 is that of the two activities rated both times
    assert line.startswith("daily activities (PSFS): average of the 2 activities rated both times 3.5 → 7.5 (+4.0)")
    assert line.endswith("; Walking the dog not rated both times, so not compared")
    same = psfs_line(psfs_change([rounds[0], _round(1, ("Tying my shoes", 7), ("Sitting through a film", 8))]))
    assert same.text.startswith("daily activities (PSFS): average 3.5 → 7.5 (+4.0)")  # the same activities: plain
