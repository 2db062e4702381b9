"""When each phase starts and each cue is spoken, from the protocol, the variant and the minutes chosen.

Pure and deterministic: the same inputs always give the same timeline, measured in session seconds.
"""

from dataclasses import dataclass, replace
from typing import Literal

from crest.errors import CrestError
from crest.input_problems import outside_range, quoted
from crest.protocol.model import Protocol, SourcedText, UnknownVariant, VariantName

PhaseName = Literal["settle", "movement", "rest", "closing"]
CueKind = Literal["settle", "movement", "rest", "closing"]


class InvalidDuration(CrestError):
    """A session length outside what the protocol allows."""


@dataclass(frozen=True)
class Phase:
    name: PhaseName
    start_s: int
    end_s: int


@dataclass(frozen=True)
class Cue:
    at_s: int
    kind: CueKind
    id: str
    text: str
    citation: str
    # False: shown in place of the cue before it, never said: its words about the time left no longer hold.
    spoken: bool = True


@dataclass(frozen=True)
class Timeline:
    variant: VariantName
    variant_title: str  # as every door shows the variant: "On your side", not `side_lying`
    minutes: int
    total_s: int
    checkpoint_every_s: int
    phases: tuple[Phase, ...]
    cues: tuple[Cue, ...]
    # The first checkpoint comes this early, so that a rest killed in its first half minute is offered back with the
    # seconds it had, not as "broken off after 0 s". One checkpoint costs about a millisecond on SQLite (an fsync'd
    # UPDATE 4 to 13 ms), so it is the first seconds, not the write, that are worth saving.
    first_checkpoint_s: int = 5

    def checkpoint_due(self, elapsed_s: float) -> int:
        """The latest checkpoint moment at or before `elapsed_s`, 0 before the first: `first_checkpoint_s` in, then
        every `checkpoint_every_s`."""
        if elapsed_s < self.first_checkpoint_s:
            return 0
        return max(self.first_checkpoint_s, int(elapsed_s) // self.checkpoint_every_s * self.checkpoint_every_s)

    def phase_at(self, elapsed_s: float) -> Phase:
        """The phase running at `elapsed_s`; the last phase once the time is up."""
        for phase in self.phases:
            if elapsed_s < phase.end_s:
                return phase
        return self.phases[-1]


def check_variant(protocol: Protocol, variant: str) -> VariantName:
    for name in protocol.variants:
        if name == variant:
            return name
    known = ", ".join(protocol.variants)
    raise UnknownVariant(f"unknown variant {quoted(variant)}; choose one of {known}")


# What the timer says at 00:00, in place of the last minute's cue ("About a minute left"), at every door.
TIME_UP = "Time is up."


def about_left(seconds: int) -> str:
    """The closing cue's opening words, true when it is said: "About a minute left." for the last 60 s."""
    minutes = round(seconds / 60)
    return "About a minute left." if minutes <= 1 else f"About {minutes} minutes left."


# "About a minute left." holds for the first quarter of the closing stretch (down to 45 s left); from then on every
# door shows the closing cue without it, as the clock beside it says the rest (walk s56 L3: still shown at 0:20).
CLOSING_WORDS_HOLD = 4


def check_minutes(protocol: Protocol, minutes: int, what: str = "minutes") -> int:
    """`what`: the minutes as the door names them (`--minutes` in the terminal)."""
    timing = protocol.timing
    if not timing.min_minutes <= minutes <= timing.max_minutes:
        raise InvalidDuration(f"{what}: {outside_range(timing.min_minutes, timing.max_minutes, minutes)}")
    return minutes


def usual_range_note(protocol: Protocol, minutes: int) -> str | None:
    """A gentle one-line note when the chosen length is outside the usual range."""
    timing = protocol.timing
    if timing.usual_min_minutes <= minutes <= timing.usual_max_minutes:
        return None
    return f"Most people rest for {timing.usual_min_minutes}-{timing.usual_max_minutes} minutes; {minutes} is fine too."


def build_timeline(protocol: Protocol, variant: str, minutes: int) -> Timeline:
    variant_name = check_variant(protocol, variant)
    check_minutes(protocol, minutes)
    timing = protocol.timing
    chosen = protocol.variants[variant_name]
    total_s = minutes * 60
    settle_end_s = timing.settle_s
    movement_end_s = settle_end_s + chosen.movement_s
    closing_start_s = total_s - timing.closing_s

    phases = [Phase("settle", 0, settle_end_s)]
    if chosen.movement_s:
        phases.append(Phase("movement", settle_end_s, movement_end_s))
    phases += [Phase("rest", movement_end_s, closing_start_s), Phase("closing", closing_start_s, total_s)]

    def cue(at_s: int, kind: CueKind, text: SourcedText) -> Cue:
        return Cue(at_s, kind, text.id, text.text, protocol.cite(text.sources))

    cues = [cue(0, "settle", protocol.settle_cue_for(variant_name))]
    movement_citation = protocol.cite(chosen.movement_sources) if chosen.movement_sources else ""
    at_s = settle_end_s
    for _ in range(chosen.movement_rounds):
        for part in chosen.movement:
            cues.append(Cue(at_s, "movement", part.id, part.text, movement_citation))
            at_s += part.seconds
    rest_cues = protocol.rest_cues_for(variant_name)
    rest_times = _rest_cue_times(movement_end_s, closing_start_s, timing.min_cue_gap_s, len(rest_cues))
    cues += [cue(at_s, "rest", text) for at_s, text in zip(rest_times, rest_cues, strict=False)]
    closing = cue(closing_start_s, "closing", protocol.closing_cue_for(variant_name))
    cues.append(replace(closing, text=f"{about_left(timing.closing_s)} {closing.text}"))
    cues.append(replace(closing, at_s=closing_start_s + timing.closing_s // CLOSING_WORDS_HOLD, spoken=False))
    return Timeline(
        variant=variant_name,
        variant_title=protocol.variants[variant_name].title,
        minutes=minutes,
        total_s=total_s,
        checkpoint_every_s=timing.checkpoint_every_s,
        phases=tuple(phases),
        cues=tuple(cues),
    )


def _rest_cue_times(rest_start_s: int, closing_start_s: int, min_gap_s: int, most: int) -> list[int]:
    """Evenly spaced moments inside the rest, each at least `min_gap_s` from its neighbours and from the
    cues that open and close the rest, so the voice stays rare however long the session."""
    rest_s = closing_start_s - rest_start_s
    count = min(most, max(0, rest_s // min_gap_s - 1))
    if count == 0:
        return []
    gap_s = rest_s / (count + 1)
    return [rest_start_s + round(gap_s * (index + 1)) for index in range(count)]
