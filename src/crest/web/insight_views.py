"""What the Progress summary, Today's line and the PSFS page show: sentences with their verdicts and sources."""

from typing import Any

from crest.insights.progress import (
    Line,
    ProgressSummary,
    adherence_line,
    before_after_line,
    no_before_after,
    psfs_line,
    trend_basis,
    trend_line,
    worse_week_line,
)
from crest.insights.reader import sentence
from crest.insights.verdicts import (
    CHANGE_NOT_CAUSE,
    DAY_COUNTS_ONCE,
    MIN_DAYS_PER_WINDOW,
    PAIN_BETTER,
    PAIN_RULE,
    PAIN_SOURCE,
    PSFS_RULE,
    PSFS_SOURCE,
)


def line_view(line: Line, verdict: str | None = None) -> dict[str, Any]:
    return {
        "text": sentence(line.text),
        "verdict": verdict,
        "source": None if line.source is None else line.source.short,
        "source_full": None if line.source is None else line.source.full,
    }


def _sentence_or_none(text: str | None) -> str | None:
    return None if text is None else sentence(text)


def summary_view(summary: ProgressSummary) -> dict[str, Any]:
    return {
        "places": [
            line_view(trend_line(trend), trend.verdict.value)
            | {"basis": sentence(trend_basis(trend)), "worse_week": _sentence_or_none(worse_week_line(trend))}
            for trend in summary.trends
        ],
        "practice": line_view(adherence_line(summary.adherence)),
        "before_after": [line_view(before_after_line(change)) for change in summary.before_after],
        "no_before_after": sentence(no_before_after(summary.demo_kept)),
        "psfs": line_view(psfs_line(summary.psfs), summary.psfs.verdict.value),
        "pain_rule": sentence(PAIN_RULE),
        "change_not_cause": sentence(CHANGE_NOT_CAUSE),
        "day_counts_once": sentence(DAY_COUNTS_ONCE),
        "pain_better": PAIN_BETTER,
        "min_days": MIN_DAYS_PER_WINDOW,
        "pain_source": PAIN_SOURCE.full,
        "psfs_rule": sentence(PSFS_RULE),
        "psfs_source": PSFS_SOURCE.full,
        "since": summary.start,
    }
