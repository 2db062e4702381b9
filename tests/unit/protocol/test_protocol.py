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
