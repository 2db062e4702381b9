"""Both themes keep text readable: WCAG AA contrast (4.5:1) for text and controls, 3:1 for large marks."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).parents[3] / "src" / "crest" / "web" / "static" / "crest.css").read_text()


COLOURS = re.findall(r"--([a-z0-9-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)", CSS)
LIGHT = {name: light for name, light, _dark in COLOURS}
DARK = {name: dark for name, _light, dark in COLOURS}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


PAIRS = [
    ("text", "bg", 4.5),
    ("text", "surface", 4.5),
    ("muted", "bg", 4.5),
    ("muted", "surface", 4.5),
    ("accent", "bg", 4.5),
    ("accent", "surface", 4.5),
    ("accent-text", "accent", 4.5),
    ("ok", "surface", 4.5),
    ("adjust", "surface", 4.5),
    ("danger", "surface", 4.5),
    ("danger", "bg", 4.5),
    ("focus", "bg", 3.0),
    ("field-border", "bg", 3.0),  # a field's outline, against its own inside (--bg) and around it (WCAG 1.4.11)
    ("field-border", "surface", 3.0),
    ("text", "region-hover", 4.5),
    *((f"chart-{slot}", "surface", 3.0) for slot in range(1, 7)),  # lines and dots are large marks
]


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(("foreground", "background", "least"), PAIRS)
def test_colour_pairs_have_enough_contrast(
    palette: dict[str, str], foreground: str, background: str, least: float
) -> None:
    assert contrast(palette[foreground], palette[background]) >= least


def test_every_colour_has_a_light_and_a_dark_value() -> None:
    declared = set(re.findall(r"^\s*--([a-z0-9-]+):", CSS, flags=re.MULTILINE))
    assert declared == set(LIGHT) == set(DARK)
    assert {"text", "bg", "surface", "accent"} <= declared


def test_an_unrated_slider_is_muted_not_faded() -> None:
    """A pain slider with no score yet must still be found (3:1 against the card), so it changes colour instead
    of fading: at 45% opacity its thumb fell under 3:1 in both themes."""
    rule = re.search(r'\.rating-row\.unrated input\[type="range"\]\s*\{([^}]*)\}', CSS)
    assert rule is not None
    assert "opacity" not in rule.group(1)
    colour = re.search(r"accent-color:\s*var\(--([a-z-]+)\)", rule.group(1))
    assert colour is not None
    for palette in (LIGHT, DARK):
        assert contrast(palette[colour.group(1)], palette["surface"]) >= 3.0
