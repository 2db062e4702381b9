import itertools

import pytest

from crest.protocol import load_protocol
from crest.session.timeline import InvalidDuration, UnknownVariant, build_timeline, usual_range_note

PROTOCOL = load_protocol()
MIN_GAP_S = PROTOCOL.timing.min_cue_gap_s


@pytest.mark.parametrize("minutes", range(5, 31))
@pytest.mark.parametrize("variant", ["standard", "supported", "somatic"])
def test_phases_tile_the_session(variant: str, minutes: int) -> None:
    timeline = build_timeline(PROTOCOL, variant, minutes)
    assert timeline.total_s == minutes * 60
    assert timeline.phases[0].start_s == 0
    assert timeline.phases[-1].end_s == timeline.total_s
    for before, after in zip(timeline.phases, timeline.phases[1:], strict=False):
        assert before.end_s == after.start_s
        assert before.start_s < before.end_s


@pytest.mark.parametrize("minutes", range(5, 31))
def test_rest_cues_are_spaced_minutes_apart_and_never_in_the_last_minute(minutes: int) -> None:
    timeline = build_timeline(PROTOCOL, "standard", minutes)
    spoken = [cue for cue in timeline.cues if cue.spoken and cue.kind in ("settle", "rest", "closing")]
    times = [cue.at_s for cue in spoken]
    assert times == sorted(times)
    assert all(later - earlier >= MIN_GAP_S for earlier, later in itertools.pairwise(times))
    rest_times = [cue.at_s for cue in timeline.cues if cue.kind == "rest"]
    assert all(at_s < timeline.total_s - 60 for at_s in rest_times)
    assert spoken[-1].kind == "closing"
    assert spoken[-1].at_s == timeline.total_s - PROTOCOL.timing.closing_s


def test_fifteen_minutes_has_a_few_rest_cues_each_with_its_source() -> None:
    timeline = build_timeline(PROTOCOL, "standard", 15)
    rest = [cue for cue in timeline.cues if cue.kind == "rest"]
    assert 3 <= len(rest) <= 5
    assert all(cue.citation for cue in rest)


def test_longer_sessions_do_not_repeat_cues() -> None:
    timeline = build_timeline(PROTOCOL, "standard", 30)
    ids = [cue.id for cue in timeline.cues if cue.kind == "rest"]
    assert len(ids) == len(set(ids)) == len(PROTOCOL.rest_cues)


def test_somatic_starts_with_rounds_of_arch_press_release() -> None:
    timeline = build_timeline(PROTOCOL, "somatic", 15)
    assert [phase.name for phase in timeline.phases] == ["settle", "movement", "rest", "closing"]
    movement = [cue.id for cue in timeline.cues if cue.kind == "movement"]
    assert movement == ["arch", "press", "release"] * 3
    assert timeline.phases[1].end_s - timeline.phases[1].start_s == 120


def test_standard_has_no_movement_phase() -> None:
    names = [phase.name for phase in build_timeline(PROTOCOL, "standard", 10).phases]
    assert names == ["settle", "rest", "closing"]


@pytest.mark.parametrize("minutes", [0, 4, 31, 120])
def test_minutes_outside_5_to_30_are_refused(minutes: int) -> None:
    bound = "enter 5 or more" if minutes < 5 else "enter 30 or less"
    with pytest.raises(InvalidDuration, match=f"^minutes: {bound}, not “{minutes}”$"):
        build_timeline(PROTOCOL, "standard", minutes)


def test_unknown_variant_lists_the_known_ones() -> None:
    with pytest.raises(UnknownVariant, match="standard, supported, somatic"):
        build_timeline(PROTOCOL, "upside-down", 15)


@pytest.mark.parametrize(("minutes", "noted"), [(5, True), (9, True), (10, False), (20, False), (21, True)])
def test_note_outside_the_usual_range(minutes: int, noted: bool) -> None:
    note = usual_range_note(PROTOCOL, minutes)
    assert (note is not None) == noted
    if note:
        assert "10-20" in note


def test_phase_at() -> None:
    timeline = build_timeline(PROTOCOL, "standard", 15)
    assert timeline.phase_at(0).name == "settle"
    assert timeline.phase_at(61).name == "rest"
    assert timeline.phase_at(timeline.total_s - 1).name == "closing"
    assert timeline.phase_at(timeline.total_s + 10).name == "closing"


def test_the_side_lying_rest_speaks_its_own_words() -> None:
    cues = {cue.id: cue.text for cue in build_timeline(PROTOCOL, "side_lying", 15).cues}
    assert cues["contact"] == PROTOCOL.variants["side_lying"].replaces_cues["contact"].text
    assert "back of your head" not in " ".join(cues.values())


@pytest.mark.parametrize("minutes", range(10, 31))
@pytest.mark.parametrize("variant", ["standard", "supported", "somatic"])
def test_the_spine_settling_early_on_is_said_first_in_every_rest_with_cues(variant: str, minutes: int) -> None:
    """The cue 'Early on your spine may feel as if it is moving' was the last of the rest: said at minute 26 of 30,
    and never in the default 15 minutes, though the first minutes are when it is felt (crp-facts.md section 4) and
    when someone in pain needs to hear that it is usual."""
    rest = [cue.id for cue in build_timeline(PROTOCOL, variant, minutes).cues if cue.kind == "rest"]
    assert rest[0] == "shifting"
