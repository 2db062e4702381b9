"""Pain over time: one series per place (region and side), and the change from before to after a session."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crest.journal.records import CheckIn, PracticeSession
from crest.journal.vocabulary import CheckInTiming, Region, Side


@dataclass(frozen=True, order=True)
class Place:
    region: Region
    side: Side | None


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
    """Every rated place with its ratings in time order; the most recently rated place first."""
    by_place: dict[Place, list[Rating]] = defaultdict(list)
    for check_in in sorted(check_ins, key=lambda c: (c.at, c.id or 0)):
        for rating in check_in.pain:
            by_place[Place(rating.region, rating.side)].append(Rating(check_in.at, rating.score))
    series = [PlaceSeries(place, tuple(ratings)) for place, ratings in by_place.items()]
    return sorted(series, key=lambda one: one.last_rated_at, reverse=True)


def change_per_session(sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn]) -> list[SessionChange]:
    """Sessions, in the given order, whose before and after check-ins rate at least one place in common."""
    scores: dict[int, dict[CheckInTiming, dict[Place, int]]] = defaultdict(lambda: defaultdict(dict))
    for check_in in check_ins:
        if check_in.session_id is not None and check_in.timing in (CheckInTiming.BEFORE, CheckInTiming.AFTER):
            for rating in check_in.pain:
                scores[check_in.session_id][check_in.timing][Place(rating.region, rating.side)] = rating.score
    changes = []
    for session in sessions:
        timings = scores.get(session.id or 0, {})
        before, after = timings.get(CheckInTiming.BEFORE, {}), timings.get(CheckInTiming.AFTER, {})
        shared = sorted(set(before) & set(after), key=place_order)
        if shared:
            changes.append(SessionChange(session, tuple(BeforeAfter(p, before[p], after[p]) for p in shared)))
    return changes


def place_order(place: Place) -> tuple[int, int]:
    """Regions and sides in the vocabulary's order; a place without a side comes first."""
    sides = list(Side)
    return list(Region).index(place.region), -1 if place.side is None else sides.index(place.side)
