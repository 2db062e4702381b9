"""Daily life on the Patient-Specific Functional Scale: the first round against the latest, activity by activity.

An activity is compared only with itself (same name, ignoring case and spacing), and the means are taken over
the activities rated both times, so adding or dropping an activity never reads as a change. The others are kept
beside them (`uncompared`): an activity dropped because it became impossible must not vanish from what a
clinician reads.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction

from crest.insights.verdicts import (
    PSFS_MEAN_CHANGE_POINTS,
    PSFS_MEDIUM_MID_POINTS,
    PSFS_ONE_ACTIVITY_POINTS,
    Verdict,
    judge_psfs,
)
from crest.journal.records import MAX_PSFS_ACTIVITIES, PsfsAssessment, activity_key

ASK_AGAIN_AFTER = timedelta(days=14)


@dataclass(frozen=True)
class ActivityChange:
    name: str
    baseline: int
    latest: int

    @property
    def change(self) -> int:
        """Positive is better: the activity has become easier."""
        return self.latest - self.baseline


@dataclass(frozen=True)
class UncomparedActivity:
    """An activity rated from the baseline round on but not in both it and the latest: no change can be computed."""

    name: str  # as the person last wrote it
    ratings: tuple[tuple[datetime, int], ...]  # each round's score, oldest first

    def score_at(self, moment: datetime) -> int | None:
        """Its score in the round at `moment` (the baseline's, the latest's), or None when it was not rated then."""
        return next((score for at, score in self.ratings if at == moment), None)

    @property
    def rated_once(self) -> bool:
        return len(self.ratings) == 1


@dataclass(frozen=True)
class PsfsChange:
    baseline: PsfsAssessment | None
    latest: PsfsAssessment | None
    activities: tuple[ActivityChange, ...]  # rated both times, in the latest round's order
    verdict: Verdict
    # Rated in the rounds compared but not in both the baseline and the latest, in the order first named
    uncompared: tuple[UncomparedActivity, ...] = ()

    @property
    def baseline_mean(self) -> Fraction | None:
        return _mean([activity.baseline for activity in self.activities])

    @property
    def latest_mean(self) -> Fraction | None:
        return _mean([activity.latest for activity in self.activities])

    @property
    def mean_change(self) -> Fraction | None:
        if self.baseline_mean is None or self.latest_mean is None:
            return None
        return self.latest_mean - self.baseline_mean

    @property
    def measured(self) -> bool:
        """Whether there is a change to tell: until there is, what to say is to rate the same activities again."""
        return self.verdict is not Verdict.NOT_ENOUGH_DATA and self.mean_change is not None

    @property
    def mean_changed_detectably(self) -> bool:
        """Whether the average moved by the scale's smallest detectable change for the average (2 points)."""
        return self.mean_change is not None and abs(self.mean_change) >= PSFS_MEAN_CHANGE_POINTS

    @property
    def detectable_activities(self) -> tuple[ActivityChange, ...]:
        """The activities that moved by the smallest detectable change for one activity (3 points)."""
        return tuple(one for one in self.activities if abs(one.change) >= PSFS_ONE_ACTIVITY_POINTS)

    @property
    def reaches_medium_mid(self) -> bool:
        """Whether the mean moved by the medium minimal important difference (2.3) or more."""
        return self.mean_change is not None and abs(self.mean_change) >= PSFS_MEDIUM_MID_POINTS


def _mean(scores: Sequence[int]) -> Fraction | None:
    return Fraction(sum(scores), len(scores)) if scores else None


def psfs_change(assessments: Sequence[PsfsAssessment], start: datetime | None = None) -> PsfsChange:
    """The baseline (the first round, or the last one before `start`) against the latest round that rates one of its
    activities (the latest round, when none does)."""
    ordered = sorted(assessments, key=lambda one: (one.at, one.id or 0))
    if not ordered:
        return PsfsChange(None, None, (), Verdict.NOT_ENOUGH_DATA)
    baseline = ordered[0]
    if start is not None:
        before = [one for one in ordered if one.at < start]
        baseline = before[-1] if before else next((one for one in ordered if one.at >= start), ordered[0])
    earlier = {activity_key(activity.name): activity.score for activity in baseline.activities}
    # The newest round that rates an activity of the baseline: a later round of new activities only (`crest psfs
    # --rate 'walking=3'`) has nothing to compare, and must not hide the change the rounds before it show.
    after = ordered[ordered.index(baseline) + 1 :]
    sharing = [one for one in after if any(activity_key(activity.name) in earlier for activity in one.activities)]
    latest = sharing[-1] if sharing else ordered[-1]
    if latest is baseline:
        return PsfsChange(baseline, None, (), Verdict.NOT_ENOUGH_DATA)
    matched = tuple(
        ActivityChange(activity.name, earlier[activity_key(activity.name)], activity.score)
        for activity in latest.activities
        if activity_key(activity.name) in earlier
    )
    uncompared = _uncompared(ordered[ordered.index(baseline) :], {activity_key(one.name) for one in matched})
    if not matched:
        return PsfsChange(baseline, latest, (), Verdict.NOT_ENOUGH_DATA, uncompared)
    change = PsfsChange(baseline, latest, matched, Verdict.NOT_ENOUGH_DATA)
    assert change.mean_change is not None  # at least one activity was rated both times
    verdict = judge_psfs(change.mean_change, [activity.change for activity in matched])
    return PsfsChange(baseline, latest, matched, verdict, uncompared)


def _uncompared(rounds: Sequence[PsfsAssessment], compared: set[str]) -> tuple[UncomparedActivity, ...]:
    """Each activity of `rounds` (oldest first) whose key is not in `compared`, with its scores round by round."""
    names: dict[str, str] = {}
    ratings: dict[str, list[tuple[datetime, int]]] = {}
    for one in rounds:
        for activity in one.activities:
            key = activity_key(activity.name)
            if key not in compared:
                names[key] = activity.name
                ratings.setdefault(key, []).append((one.at, activity.score))
    return tuple(UncomparedActivity(names[key], tuple(scores)) for key, scores in ratings.items())


@dataclass(frozen=True)
class ActiveActivity:
    """An activity the person follows, with its last rating: offered again, its last score a hint, never a value."""

    name: str  # as the person last wrote it
    last_score: int
    last_rated_at: datetime


def active_activities(assessments: Sequence[PsfsAssessment]) -> tuple[ActiveActivity, ...]:
    """Every activity named in any round, not only the latest one (a round may rate only some), in the order they
    were first named; when more than five were ever named, the five rated most recently."""
    first_named: dict[str, int] = {}
    latest: dict[str, ActiveActivity] = {}
    for one in sorted(assessments, key=lambda one: (one.at, one.id or 0)):
        for activity in one.activities:
            key = activity_key(activity.name)
            first_named.setdefault(key, len(first_named))
            latest[key] = ActiveActivity(activity.name, activity.score, one.at)
    recent = sorted(latest, key=lambda key: (latest[key].last_rated_at, -first_named[key]), reverse=True)
    return tuple(latest[key] for key in sorted(recent[:MAX_PSFS_ACTIVITIES], key=first_named.__getitem__))


def psfs_due(latest: PsfsAssessment | None, now: datetime) -> bool:
    """The activities are rated again every 14 days (never asked at all counts as due)."""
    return latest is None or now - latest.at >= ASK_AGAIN_AFTER
