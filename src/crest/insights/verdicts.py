"""Whether a change matters: the published thresholds, each with its source, and the rules that apply them.

Pain (0-10): a fall of at least 2 points that is also at least 30% of the starting level is the smallest change
people usually call "much better" (Farrar et al. 2001; Ostelo et al. 2008); a rise of 2 or more counts as worse.
PSFS (0-10 per activity): a change of 2 in the mean, or 3 in one activity, is the smallest change the scale can
tell from noise (Stratford et al. 1995); the medium minimal important difference of 2.3 (Abbott & Schmitt 2014)
is named beside it. Pure: numbers in, a verdict out.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Verdict(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    NO_CLEAR_CHANGE = "no_clear_change"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def label(self) -> str:
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.BETTER: "better",
    Verdict.WORSE: "worse",
    Verdict.NO_CLEAR_CHANGE: "no clear change",
    Verdict.NOT_ENOUGH_DATA: "not enough data yet",
}


@dataclass(frozen=True)
class Source:
    short: str  # for one line: "Farrar 2001; Ostelo 2008"
    full: str  # the references, for the report and the "how was this computed" note


PAIN_SOURCE = Source(
    "Farrar 2001; Ostelo 2008",
    "Farrar JT et al., Pain 2001;94:149-158; Ostelo RW et al., Spine 2008;33(1):90-94",
)
PSFS_SOURCE = Source("Stratford 1995", "Stratford P et al., Physiotherapy Canada 1995;47(4):258-263")
PSFS_MID_SOURCE = Source("Abbott & Schmitt 2014", "Abbott JH, Schmitt JS, JOSPT 2014;44(8):560-564")

WINDOW_DAYS = 7  # a week: baseline and latest are weekly medians, never single days
# A week's median stands for the week only if the week's ratings come from several days: "weekly medians, never
# single days" (crp-facts §6, a product choice). Ratings counted alone let two sittings of three ratings each, a week
# apart, read as "better" (journal walk-through H2). Three days is the fewest whose median has a day on each side of
# it, so no one day or pair of days decides the week; a day rated several times still counts once here.
MIN_DAYS_PER_WINDOW = 3
# And a week's median is taken of its days, each day its own median (pain.median_of_days), at every door.
DAY_COUNTS_ONCE = "a day rated more than once counts once in its week, as the median of its ratings"
PAIN_MIN_DROP_POINTS = 2
PAIN_MIN_DROP_SHARE = Fraction(3, 10)  # 30% of the baseline
PAIN_MIN_RISE_POINTS = 2
PSFS_MEAN_CHANGE_POINTS = 2  # smallest detectable change of the mean (Stratford 1995)
PSFS_ONE_ACTIVITY_POINTS = 3  # smallest detectable change of one activity (Stratford 1995)
PSFS_MEDIUM_MID_POINTS = Fraction(23, 10)  # medium minimal important difference (Abbott & Schmitt 2014)

PAIN_BETTER = f"a fall of at least {PAIN_MIN_DROP_POINTS} points and at least 30% of the first week's level"
PAIN_RULE = f"better: {PAIN_BETTER}; worse: a rise of {PAIN_MIN_RISE_POINTS} points or more ({PAIN_SOURCE.short})"
# The ratings are the person's own, over time, with nothing held equal: a verdict cannot say what did it.
CHANGE_NOT_CAUSE = (
    "a verdict says how the ratings changed, not what changed them: time, treatment and the rest of life count in "
    "them as much as the rests"
)
PSFS_RULE = (
    f"a change of {PSFS_MEAN_CHANGE_POINTS} points in the average, or {PSFS_ONE_ACTIVITY_POINTS} in one activity, "
    f"is the smallest the scale can detect ({PSFS_SOURCE.short}); the verdict uses this figure. "
    f"A change of 2.3 is the medium minimal important difference ({PSFS_MID_SOURCE.short})"
)


def judge_pain(baseline: Fraction, latest: Fraction) -> Verdict:
    """Pain verdict from two weekly medians (exact fractions, so 30% of 10 is exactly 3)."""
    drop = baseline - latest
    if drop >= PAIN_MIN_DROP_POINTS and drop >= PAIN_MIN_DROP_SHARE * baseline:
        return Verdict.BETTER
    if -drop >= PAIN_MIN_RISE_POINTS:
        return Verdict.WORSE
    return Verdict.NO_CLEAR_CHANGE


def judge_psfs(mean_change: Fraction, activity_changes: Sequence[int]) -> Verdict:
    """PSFS verdict (higher is better): the mean decides; when it does not, one activity changing by 3 does,
    unless another moved as far the other way."""
    if mean_change >= PSFS_MEAN_CHANGE_POINTS:
        return Verdict.BETTER
    if mean_change <= -PSFS_MEAN_CHANGE_POINTS:
        return Verdict.WORSE
    up = any(change >= PSFS_ONE_ACTIVITY_POINTS for change in activity_changes)
    down = any(change <= -PSFS_ONE_ACTIVITY_POINTS for change in activity_changes)
    if up and not down:
        return Verdict.BETTER
    if down and not up:
        return Verdict.WORSE
    return Verdict.NO_CLEAR_CHANGE
