"""Each place's colour in the charts: the same slot on Progress, in the report and in its PDF."""

from collections.abc import Iterable

from crest.charts import SERIES_COLOURS
from crest.insights.pain import Place
from crest.journal.vocabulary import Region, Side

# The light theme's --chart-1 to --chart-6 of crest.css (a test keeps them equal): the report is drawn on white
# paper, so it takes these whatever the page's theme.
LIGHT_SERIES_COLOURS = ("#2f6b5a", "#8a4b00", "#3b5bab", "#a3221b", "#7a3f9e", "#6b5e00")


def place_colours(places: Iterable[Place]) -> dict[Place, int]:
    """Each place's colour slot, derived from the place itself so that it keeps its colour from render to render.

    Only when two places that want the same slot are drawn together does the later one (in place order) move on to
    the next free slot.
    """
    colours: dict[Place, int] = {}
    taken: set[int] = set()
    for place in sorted(set(places)):
        slot = _own_slot(place)
        while slot in taken and len(taken) < SERIES_COLOURS:
            slot = (slot + 1) % SERIES_COLOURS
        colours[place] = slot
        taken.add(slot)
    return colours


def _own_slot(place: Place) -> int:
    # Neighbouring regions get neighbouring slots; the right side sits half the palette away from the left.
    right = SERIES_COLOURS // 2 if place.side is Side.RIGHT else 0
    return (list(Region).index(place.region) + right) % SERIES_COLOURS
