"""The breath of one rest for the pages (the session's end, the journal): the chart drawn for a wide screen and
for a phone, one plain line, the movements, the per-minute numbers, and the note that goes beside it."""

from typing import Any

from crest.breath.chart import breath_chart, trend_rows
from crest.breath.result import RELAXATION_NOTE, BreathResult
from crest.charts import NARROW_WIDTH, WIDTH


def breath_view(result: BreathResult) -> dict[str, Any]:
    return {
        "chart": breath_chart(result, WIDTH),
        "chart_narrow": breath_chart(result, NARROW_WIDTH),
        "summary": result.summary(),
        "stillness": result.stillness_line(),
        "rows": trend_rows(result) if result.readings else [],
        "note": RELAXATION_NOTE,
    }
