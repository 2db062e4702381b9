"""One palette for the charts: Progress (both themes), the report page and the PDF give a place the same colour,
and every mark, the faint single ratings included, stands out from the card it is drawn on."""

import re

import pytest
from test_theme_contrast import CSS, DARK, LIGHT, contrast

from crest.place_colours import LIGHT_SERIES_COLOURS
from crest.report.render import CHART_STYLE, report_css


def _rule(selector: str) -> dict[str, str]:
    body = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert body is not None, selector
    return dict((name.strip(), value.strip()) for name, value in re.findall(r"([a-z-]+)\s*:\s*([^;]+)", body.group(1)))


def _blend(colour: str, background: str, opacity: float) -> str:
    def channels(hex_colour: str) -> list[int]:
        return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]

    pairs = zip(channels(colour), channels(background), strict=True)
    mixed = (round(c * opacity + b * (1 - opacity)) for c, b in pairs)
    return "#" + "".join(f"{value:02x}" for value in mixed)


def test_the_report_takes_the_light_theme_colours_of_progress_in_its_chart_and_its_legend() -> None:
    assert tuple(LIGHT[f"chart-{slot}"] for slot in range(1, 7)) == LIGHT_SERIES_COLOURS
    for slot, colour in enumerate(LIGHT_SERIES_COLOURS):
        assert f".series-{slot}{{stroke:{colour};fill:{colour}}}" in CHART_STYLE
        assert re.search(rf"\.swatch-{slot} \{{ background: {colour}; \}}", report_css())


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("slot", range(1, 7))
def test_a_faint_single_rating_still_stands_out_from_the_card(palette: dict[str, str], slot: int) -> None:
    faint = _rule(".chart circle.faint")
    colour, surface = palette[f"chart-{slot}"], palette["surface"]
    if faint.get("stroke", "none") == "none":  # only the pale fill shows
        seen = _blend(colour, surface, float(faint.get("fill-opacity", "1")))
    else:  # the ring in the series' colour is the outline the eye finds
        assert faint["stroke"] == "var(--series)"
        seen = _blend(colour, surface, float(faint.get("stroke-opacity", "1")))
    assert contrast(seen, surface) >= 3.0  # WCAG's least for a mark that carries meaning
