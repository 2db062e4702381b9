"""Pain over time: one series per place (region and side), its trend from a baseline week to the latest week,
and the change from before to after a session."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from fractions import Fraction
from statistics import mean, median

from crest.insights.timeframe import start_of_week
from crest.insights.verdicts import MIN_DAYS_PER_WINDOW, PAIN_MIN_RISE_POINTS, WINDOW_DAYS, Verdict, judge_pain
from crest.journal.records import CheckIn, PracticeSession, place_words
from crest.journal.vocabulary import CheckInTiming, Region, Side


@dataclass(frozen=True)
class Place:
    region: Region
    side: Side | None

    def __lt__(self, other: "Place") -> bool:
        # A place rated without a side sorts before its sided ones (None cannot be compared with a side).
        return (self.region, self.side or "") < (other.region, other.side or "")

    @property
    def label(self) -> str:
        """'lower back (centre)', 'hip (left)'; a rating stored before places had sides: 'lower back'."""
        return self.region.label if self.side is None else place_words(self.region, self.side)

    @property
    def heading(self) -> str:
        """'Lower back', 'Hip (left)': the place on its own, as a table row or a chart's legend names it."""
        return self.label[:1].upper() + self.label[1:]


@dataclass(frozen=True)
class Rating:
    at: datetime
    score: int


@dataclass(frozen=True)
class PlaceSeries:
    place: Place
    ratings: tuple[Rating, ...]  # oldest first

    @property
    def last_rated_at(self) -> datetime:
        return self.ratings[-1].at

    @property
    def highest(self) -> Rating:
        """The worst rating, the latest time it was given: a single bad day a weekly median would hide."""
        return max(self.ratings, key=lambda rating: (rating.score, rating.at))


@dataclass(frozen=True)
class BeforeAfter:
    """One place rated before and after the same session."""

    place: Place
    before: int
    after: int

    @property
    def change(self) -> int:
        """After minus before: negative is better."""
        return self.after - self.before


@dataclass(frozen=True)
class SessionChange:
    """A session and each place rated both before and after it, in place order (never averaged together)."""

    session: PracticeSession
    places: tuple[BeforeAfter, ...]


def series_by_place(check_ins: Sequence[CheckIn]) -> list[PlaceSeries]:
    """Every rated place with its ratings in time order; the most recently rated place first, and of places rated
    at the same time the more painful first (a chart with room for a few lines keeps those)."""
    by_place: dict[Place, list[Rating]] = defaultdict(list)
    for check_in in sorted(check_ins, key=lambda c: (c.at, c.id or 0)):
        for rating in check_in.pain:
            by_place[Place(rating.region, rating.side)].append(Rating(check_in.at, rating.score))
    series = [PlaceSeries(place, tuple(ratings)) for place, ratings in by_place.items()]
    return sorted(series, key=lambda one: (one.last_rated_at, one.ratings[-1].score), reverse=True)


@dataclass(frozen=True)
class PlaceChange:
    """The mean change from before to after a session at one place (negative is better), over `sessions`."""

    place: Place
    mean_change: float
    sessions: int


def median_of_days(rated: Iterable[tuple[date, int]]) -> Fraction | None:
    """The median of the rated days, each day standing as its own median rating; None without a rating.

    A day counts once however often it was rated: three check-ins on a bad day outweighed the rest of the week when
    every rating counted (journal walk-through). The day's median, not its last rating: on a session day the last
    rating is often the one after the rest, which would tilt the week towards relief; the median keeps every rating
    of the day in it and lets none decide it alone.
    """
    by_day: dict[date, list[Fraction]] = defaultdict(list)
    for day, score in rated:
        by_day[day].append(Fraction(score))
    return median(median(scores) for scores in by_day.values()) if by_day else None


@dataclass(frozen=True)
class Window:
    """A week of ratings at one place: local days `first_day` to `last_day`, both included."""

    first_day: date
    last_day: date
    rated: tuple[tuple[date, int], ...]  # each rating's local day and score, in time order

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(score for _, score in self.rated)

    @property
    def days(self) -> int:
        """How many days of the week hold a rating: a verdict counts days, not ratings (MIN_DAYS_PER_WINDOW)."""
        return len({day for day, _ in self.rated})

    @property
    def median(self) -> Fraction | None:
        return median_of_days(self.rated)

    @property
    def enough(self) -> bool:
        return self.days >= MIN_DAYS_PER_WINDOW


@dataclass(frozen=True)
class PainTrend:
    """A place's baseline week against its latest week, and what the change means."""

    place: Place
    baseline: Window
    latest: Window | None  # None: no rating after the baseline week yet
    verdict: Verdict
    # The place's last rating, wherever it falls, and its local day: named with its day where there is no verdict,
    # so that a rating weeks old is not read as today's pain
    last_score: int
    last_rated_on: date
    # The worst calendar week wholly between the two, where it rose by a rise that counts as worse above the first
    # week and stands above the latest: a flare the two ends of the verdict leave out, said beside it (never a day)
    worse_week: Window | None = None
    # The baseline is the 7 days before a chosen start: over, they will hold no more ratings than they do
    fixed_baseline: bool = False

    @property
    def change(self) -> Fraction | None:
        """Latest minus baseline median: negative is better."""
        if self.latest is None or self.baseline.median is None or self.latest.median is None:
            return None
        return self.latest.median - self.baseline.median

    @property
    def judged_change(self) -> Fraction | None:
        """The change the verdict was given on; None without a verdict: beside too few ratings a figure ('+0.0')
        reads as measured."""
        return None if self.verdict is Verdict.NOT_ENOUGH_DATA else self.change

    @property
    def weeks(self) -> int:
        """Weeks from the start of the baseline to the end of the latest week (at least 1)."""
        end = self.latest.last_day if self.latest is not None else self.baseline.last_day
        return max(1, round(((end - self.baseline.first_day).days + 1) / 7))


def _before_after_scores(
    sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn]
) -> dict[int, dict[CheckInTiming, dict[Place, int]]]:
    # A demo's ratings are the person's own, but its rest passed in seconds: what changed was no effect of a rest.
    rested = {session.id for session in sessions if session.id is not None and not session.demo}
    scores: dict[int, dict[CheckInTiming, dict[Place, int]]] = defaultdict(lambda: defaultdict(dict))
    for check_in in check_ins:
        if check_in.session_id in rested and check_in.timing in (CheckInTiming.BEFORE, CheckInTiming.AFTER):
            for rating in check_in.pain:
                scores[check_in.session_id][check_in.timing][Place(rating.region, rating.side)] = rating.score
    return scores


def change_per_session(sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn]) -> list[SessionChange]:
    """Sessions in real time, in the given order, whose before and after check-ins rate at least one place in
    common."""
    scores = _before_after_scores(sessions, check_ins)
    changes = []
    for session in sessions:
        timings = scores.get(session.id or 0, {})
        before, after = timings.get(CheckInTiming.BEFORE, {}), timings.get(CheckInTiming.AFTER, {})
        shared = sorted(set(before) & set(after))
        if shared:
            changes.append(SessionChange(session, tuple(BeforeAfter(p, before[p], after[p]) for p in shared)))
    return changes


def change_by_place(sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn]) -> list[PlaceChange]:
    """For each place rated before and after the same session of `sessions` in real time: the mean change and how
    many sessions it rests on."""
    differences: dict[Place, list[int]] = defaultdict(list)
    for timings in _before_after_scores(sessions, check_ins).values():
        before, after = timings.get(CheckInTiming.BEFORE, {}), timings.get(CheckInTiming.AFTER, {})
        for place in set(before) & set(after):
            differences[place].append(after[place] - before[place])
    changes = [PlaceChange(place, mean(values), len(values)) for place, values in differences.items()]
    return sorted(changes, key=lambda change: (-change.sessions, change.place))


def pain_trends(check_ins: Sequence[CheckIn], zone: tzinfo, start: date | None = None) -> list[PainTrend]:
    """Each place's trend, the most recently rated place first.

    The baseline is the first week, starting on a day with a rating, that holds enough ratings to judge (one stray
    early rating would otherwise leave the place without a verdict for good, however often it is rated later), or,
    given `start`, the 7 days before it. The latest is the week ending on the last day with a rating after the
    baseline (the two never overlap).
    """
    return [_trend(series, zone, start) for series in series_by_place(check_ins)]


def _trend(series: PlaceSeries, zone: tzinfo, start: date | None) -> PainTrend:
    rated = [(rating.at.astimezone(zone).date(), rating.score) for rating in series.ratings]
    week = timedelta(days=WINDOW_DAYS - 1)
    if start is None:
        baseline_first = _first_week_with_enough(rated)
        after_baseline = baseline_first + week + timedelta(days=1)
    else:
        baseline_first = start - timedelta(days=WINDOW_DAYS)
        after_baseline = start
    baseline = _window(rated, baseline_first, baseline_first + week)
    later = [day for day, _ in rated if day >= after_baseline]
    latest = None
    if later:
        last_day = later[-1]
        latest = _window(rated, max(last_day - week, after_baseline), last_day)
    last_rated_on, last_score = rated[-1]
    if latest is None or not baseline.enough or not latest.enough:
        return PainTrend(
            series.place,
            baseline,
            latest,
            Verdict.NOT_ENOUGH_DATA,
            last_score,
            last_rated_on,
            fixed_baseline=start is not None,
        )
    assert baseline.median is not None and latest.median is not None  # both windows hold ratings
    verdict = judge_pain(baseline.median, latest.median)
    worse_week = _worse_week_between(series, zone, baseline, latest)
    return PainTrend(
        series.place, baseline, latest, verdict, last_score, last_rated_on, worse_week, fixed_baseline=start is not None
    )


def _worse_week_between(series: PlaceSeries, zone: tzinfo, baseline: Window, latest: Window) -> Window | None:
    """The calendar week (as the charts draw it) wholly between the baseline and the latest week, with enough days
    to judge, whose median is the highest, at least a rise that counts as worse above the baseline's and above the
    latest's (by any amount: where the latest week is as bad, the verdict says it already); None where none is."""
    between = [
        week
        for week in weekly_medians(series, zone, latest.last_day)
        if baseline.last_day < week.first_day and week.last_day < latest.first_day and week.enough
    ]
    worst = max(between, key=lambda week: (week.median or 0, week.first_day), default=None)
    if worst is None or worst.median is None or baseline.median is None or latest.median is None:
        return None
    # Above the latest too: where the latest week is as bad, the verdict says it already
    rose = worst.median - baseline.median >= PAIN_MIN_RISE_POINTS and worst.median > latest.median
    return worst if rose else None


# How far apart (in days) two weeks' medians may stand on a chart and still be joined by its line: neighbouring
# weeks stand a week apart (an hour more or less across a clock change, nearer where the chart's edge clips one);
# a week without ratings between them puts 10 days or more between two medians, and the line breaks there.
JOINED_WEEKS_DAYS = WINDOW_DAYS + 1


def under_way(monday: date, today: date) -> bool:
    """Whether the calendar week from `monday` holds `today` before its last day: its numbers are only of its days so
    far, which a chart draws as such, never as a full week's (walk s54 L5). On its Sunday it has had all its days."""
    return monday <= today < monday + timedelta(days=WINDOW_DAYS - 1)


def every_week(first: date, last: date) -> list[date]:
    """The Monday of each calendar week from the one holding `first` to the one holding `last`: a weekly table's
    rows, a week with nothing in it among them, so that a week away keeps its row and the table never reads as if
    none were missing (walk s54 L7 on Progress, M3 in the report)."""
    monday = first - timedelta(days=first.weekday())
    return [monday + timedelta(weeks=week) for week in range((last - monday).days // 7 + 1)]


def weekly_medians(series: PlaceSeries, zone: tzinfo, today: date) -> tuple[Window, ...]:
    """The place's ratings week by week, in calendar weeks (local Monday to Sunday), so that every place's week is
    the same week and the charts draw them at the same x; weeks without a rating are left out (a gap, never a zero).
    The week still under way ends `today`: a chart draws its median among the days it has had, never on one to come.

    These are the charts' weeks only: the verdicts' baseline and latest windows (`pain_trends`) keep their own
    definition, 7 days from a place's first rating and the 7 days to its last, which a chart week need not match.
    """
    by_week: dict[date, list[tuple[date, int]]] = defaultdict(list)
    for rating in series.ratings:
        by_week[start_of_week(rating.at, zone).date()].append((rating.at.astimezone(zone).date(), rating.score))
    return tuple(
        Window(monday, max(monday, min(monday + timedelta(days=WINDOW_DAYS - 1), today)), tuple(by_week[monday]))
        for monday in sorted(by_week)
    )


def _first_week_with_enough(rated: Sequence[tuple[date, int]]) -> date:
    """The first rated day whose week holds enough ratings to judge; the first rated day when none does."""
    week = timedelta(days=WINDOW_DAYS - 1)
    for day, _ in rated:
        if _window(rated, day, day + week).enough:
            return day
    return rated[0][0]


def _window(rated: Sequence[tuple[date, int]], first_day: date, last_day: date) -> Window:
    return Window(first_day, last_day, tuple((day, score) for day, score in rated if first_day <= day <= last_day))
