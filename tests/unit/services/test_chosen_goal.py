"""Whether the weekly goal was chosen is kept beside it; journals and files from before it was kept read as they did
then: a goal other than crest's suggestion of 7 was chosen, 7 was crest's."""

import pytest

from crest.services.preferences import Preferences


@pytest.mark.parametrize(
    ("stored", "chosen"), [({"weekly_goal_sessions": "5"}, True), ({"weekly_goal_sessions": "7"}, False), ({}, False)]
)
def test_a_goal_kept_before_the_choice_was_kept_reads_as_it_did(stored: dict[str, str], chosen: bool) -> None:
    assert Preferences.from_stored(stored).weekly_goal_chosen is chosen


def test_a_chosen_seven_is_kept_as_chosen() -> None:
    kept = Preferences(weekly_goal_sessions=7, weekly_goal_chosen=True).to_stored()
    assert kept["weekly_goal_chosen"] == "true"
    assert Preferences.from_stored(kept).weekly_goal_chosen is True
    assert Preferences.from_stored(kept | {"weekly_goal_chosen": "maybe"}).weekly_goal_chosen is False  # as if unkept
