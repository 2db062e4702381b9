from importlib import resources

import pytest

from crest.protocol import VARIANT_NAMES, InvalidProtocol, load_protocol, parse_protocol


def bundled_text() -> str:
    return resources.files("crest.protocol").joinpath("crp.toml").read_text(encoding="utf-8")


def test_bundled_protocol_loads_with_all_variants() -> None:
    protocol = load_protocol()
    assert set(protocol.variants) == set(VARIANT_NAMES)
    assert protocol.timing.default_minutes == 15
    assert (protocol.timing.min_minutes, protocol.timing.max_minutes) == (5, 30)


def test_setup_covers_every_part_of_the_position() -> None:
    ids = [step.id for step in load_protocol().setup]
    assert ids == ["surface", "lie_down", "knees_and_feet", "heel_distance", "head", "lower_back", "arms"]


def test_every_text_cites_a_known_source() -> None:
    protocol = load_protocol()
    texts = [*protocol.setup, *protocol.rest_cues, *protocol.ending, protocol.settle_cue, protocol.closing_cue]
    for text in texts:
        assert protocol.cite(text.sources)


def test_supported_variant_rewords_the_leg_steps_only() -> None:
    protocol = load_protocol()
    standard = protocol.setup_for("standard")
    supported = protocol.setup_for("supported")
    changed = [a.id for a, b in zip(standard, supported, strict=True) if a != b]
    assert changed == ["knees_and_feet", "heel_distance"]
    assert "chair" in supported[2].text


def test_somatic_variant_has_slow_rounds() -> None:
    somatic = load_protocol().variants["somatic"]
    assert somatic.movement_rounds == 3
    assert [part.id for part in somatic.movement] == ["arch", "press", "release"]


def test_the_somatic_arch_says_to_leave_it_out_if_it_hurts() -> None:
    # crp-facts.md: with facet or arthritis pain, watch for pain from arching; only the help entry said so.
    somatic = load_protocol().variants["somatic"]
    assert "if it hurts, leave it out" in somatic.movement[0].text
    setup = somatic.replaces_setup["lower_back"]
    assert "arthritis" in setup.text and "PT" in setup.sources


def test_broken_file_names_the_field() -> None:
    text = bundled_text().replace("default_minutes = 15", 'default_minutes = "soon"')
    with pytest.raises(InvalidProtocol, match=r"field timing\.default_minutes"):
        parse_protocol(text)


def test_unknown_source_is_named() -> None:
    text = bundled_text().replace('sources = ["G"]\n', 'sources = ["NOPE"]\n', 1)
    with pytest.raises(InvalidProtocol, match="unknown source 'NOPE'"):
        parse_protocol(text)


def test_missing_variant_is_reported() -> None:
    text = bundled_text().split("[variants.somatic]")[0]
    with pytest.raises(InvalidProtocol, match="somatic"):
        parse_protocol(text)


def test_not_toml_is_reported() -> None:
    with pytest.raises(InvalidProtocol, match="not valid TOML"):
        parse_protocol("this is = = not toml")


def test_side_lying_variant_has_its_own_setup_cues_and_ending_with_sources() -> None:
    protocol = load_protocol()
    steps = protocol.setup_for("side_lying")
    assert [step.title for step in steps][1:3] == ["Lie on your side", "Knees bent, a pillow between them"]
    assert not any("on your back" in step.text.lower() or "ceiling" in step.text for step in steps)
    cues = [protocol.settle_cue_for("side_lying"), *protocol.rest_cues_for("side_lying")]
    assert not any("back of your head" in cue.text or "ceiling" in cue.text for cue in cues)
    ending = protocol.ending_for("side_lying")
    assert "roll" not in ending[0].text  # already on the side
    assert "NHS" in protocol.cite(protocol.variants["side_lying"].sources)
    for text in [*steps, *cues, *ending]:
        assert protocol.cite(text.sources)
    assert protocol.rest_cues_for("standard") == protocol.rest_cues  # the other variants keep their words


def test_the_supported_variant_brings_the_calves_down_before_rolling_to_the_side() -> None:
    """Its ending said "roll gently onto one side" with both calves still on the chair seat: a roll that drops the
    legs off the seat and twists the lower back it is meant to ease."""
    protocol = load_protocol()
    roll, come_up = protocol.ending_for("supported")
    said = roll.text
    assert "calves off the seat" in said and said.index("feet on the floor") < said.index("roll gently onto one side")
    assert protocol.cite(roll.sources)
    assert come_up == protocol.ending_for("standard")[1]
    assert "seat" not in protocol.ending_for("standard")[0].text  # feet on the floor already


def test_an_unknown_cue_replacement_is_named() -> None:
    text = bundled_text().replace(
        "[variants.side_lying.replaces_cues.contact]", "[variants.side_lying.replaces_cues.nope]"
    )
    with pytest.raises(InvalidProtocol, match="unknown cues: nope"):
        parse_protocol(text)


def test_somatic_setup_says_why_the_lower_back_is_pressed_there() -> None:
    protocol = load_protocol()
    standard = {step.id: step for step in protocol.setup_for("standard")}["lower_back"]
    somatic = {step.id: step for step in protocol.setup_for("somatic")}["lower_back"]
    assert "Don't press your lower back into the floor" in standard.text
    assert "gently press" in somatic.text and "only pressing" in somatic.text  # the exception, said in words
    press = next(part for part in protocol.variants["somatic"].movement if part.id == "press")
    assert "only for these few breaths" in press.text
