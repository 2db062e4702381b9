"""Check-ins as use cases: how the body feels before or after a session, or on its own; and the calm answer
to a check-in that says a session made things worse or names a warning sign."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.insights.timeframe import start_of_day
from crest.journal.plausibility import check_new_check_in
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import CheckInTiming
from crest.safety.rated_places import PLACES_OF_SIGNS, PlaceOfASign
from crest.safety.screen import AdviceLevel
from crest.safety.worse_check_in import (
    WarningLevel,
    WarningSign,
    WorseAdvice,
    after_check_in_advice,
    help_warning,
    warning_signs,
)
from crest.services.fingerprints import IfMatch, require_unchanged

if TYPE_CHECKING:
    from crest.journal.store import Journal
    from crest.services.safety import Safety


class CheckIns:
    def __init__(self, journal: Journal, clock: Clock, zone: tzinfo, safety: Safety) -> None:
        self._journal = journal
        self._clock = clock
        self._zone = zone  # the person's: where "today" begins
        self._safety = safety  # keeps an urgent-care sign a check-in raised before the check-in changes or goes

    def now(self) -> datetime:
        """The time a new check-in gets when the person does not give one."""
        return self._clock()

    def add(self, check_in: CheckIn, session_uid: str | None = None) -> CheckIn:
        """Save a check-in that could have happened (`plausibility.check_new_check_in`). `session_uid`: the uid of
        the session it follows, as its page was given it; a session deleted in another tab since (whose id may now
        name a newer one: SQLite reuses the newest deleted id) is not followed: the check-in is kept on its own."""
        if check_in.session_id is not None and not self._journal.has_uid("sessions", check_in.session_id, session_uid):
            check_in = replace(check_in, session_id=None, timing=CheckInTiming.STANDALONE, compared_with_before=None)
        check_new_check_in(check_in, self._clock())
        saved = self._journal.get_checkin(self._journal.add_checkin(check_in))
        self._safety.hold_from_entry(saved)  # told late, a sign still holds its whole time from now
        self._safety.interrupt_rests_it_stops()
        return saved

    def urgent_signs(self, check_in: CheckIn) -> tuple[WarningSign, ...]:
        """The urgent-care signs `check_in` would name once saved, nothing saved: each holds for two weeks and no
        correction lifts it, so every door asks "is that right?" before saving one (a slip costs nothing then)."""
        return tuple(sign for sign in check_in_warning_signs(check_in) if sign.level is WarningLevel.URGENT_CARE)

    def replace(
        self,
        check_in_id: int,
        check_in: CheckIn,
        uid: str | None = None,
        loaded: str | None = None,
        if_match: IfMatch | None = None,
    ) -> CheckIn:
        """Correct a check-in: a "see a clinician" sign it named is lifted with the mistake, an urgent-care one
        holds on (`Safety.keep_urgent_warnings`). `uid`: the one the page that sent it was given (`uids`), so that
        a tab left open on a deleted check-in never overwrites the next, which may have its id (`RecordReplaced`).
        `loaded` (an edit page's) and `if_match` (an API client's): the fingerprint of the check-in as it was shown,
        so that an older copy never silently undoes a correction saved since (`fingerprints.require_unchanged`)."""
        check_new_check_in(check_in, self._clock())
        self._require(check_in_id, uid, loaded, if_match)  # refused before anything is kept
        self._safety.keep_urgent_warnings(check_in_id)
        self._journal.update_checkin(replace(check_in, id=check_in_id))
        corrected = self._journal.get_checkin(check_in_id)
        self._safety.lift_with_the_check_in(check_in_id, corrected)
        self._safety.hold_from_entry(corrected)
        return corrected

    def delete(self, check_in_id: int, uid: str | None = None, if_match: IfMatch | None = None) -> None:
        """Delete a check-in; an urgent-care sign it named holds on, and `uid` and `if_match` are checked, as for
        `replace`."""
        self._require(check_in_id, uid, if_match=if_match)
        self._safety.keep_urgent_warnings(check_in_id)
        self._journal.delete_checkin(check_in_id)  # a "see a clinician" sign's hold from its entry goes with it

    def _require(
        self, check_in_id: int, uid: str | None, loaded: str | None = None, if_match: IfMatch | None = None
    ) -> None:
        shown = self._journal.get_checkin(check_in_id)
        self._journal.require_uid("check_ins", check_in_id, uid)  # one deleted since is said so, not "changed"
        require_unchanged(shown, loaded, if_match)

    def uids(self, check_in_ids: Collection[int]) -> dict[int, str]:
        """Each check-in's uid, which a page sends back with an edit or a delete (`replace`, `delete`)."""
        return self._journal.uids_of("check_ins", check_in_ids)

    def get(self, check_in_id: int) -> CheckIn:
        return self._journal.get_checkin(check_in_id)

    def rated_before(self, session_id: int) -> tuple[PainRating, ...]:
        """The places rated in the check-in just before this session (none when there was none)."""
        before = [c for c in self._journal.list_checkins(session_id=session_id) if c.timing is CheckInTiming.BEFORE]
        return before[-1].pain if before else ()

    def list_check_ins(self, since: datetime | None = None, session_id: int | None = None) -> list[CheckIn]:
        """Oldest first."""
        return self._journal.list_checkins(since=since, session_id=session_id)

    def advice_for(self, check_in: CheckIn) -> WorseAdvice | None:
        """The answer to this check-in: clearly worse than before the session, or a warning sign; else None."""
        before = None
        variant = None
        if check_in.session_id is not None and check_in.timing is CheckInTiming.AFTER:
            same_session = self._journal.list_checkins(session_id=check_in.session_id)
            before = next((other for other in same_session if other.timing is CheckInTiming.BEFORE), None)
            variant = self._journal.get_session(check_in.session_id).variant
        standing = self._safety.standing()
        side_lying_only, urgent = standing.side_lying_only, standing.level is AdviceLevel.URGENT  # from before too
        return after_check_in_advice(check_in, before, note_warnings(check_in), variant, side_lying_only, urgent)

    def latest(self) -> CheckIn | None:
        return self._journal.latest_checkin()

    def worse_today(self) -> WorseAdvice | None:
        """The answer to today's latest clearly worse check-in ("stop for today, the supported variant next time"),
        which the start of every session repeats until the day ends, whatever check-ins came after; advice only."""
        today = start_of_day(self._clock().astimezone(self._zone).date(), self._zone)
        for check_in in reversed(self._journal.list_checkins(since=today)):
            advice = self.advice_for(check_in)
            if advice is not None and advice.worse:
                return advice
        return None

    def latest_advice(self) -> WorseAdvice | None:
        """The answer to the latest check-in: Today shows it until the next check-in."""
        latest = self.latest()
        return None if latest is None else self.advice_for(latest)


def note_warning_entries(check_in: CheckIn) -> tuple[str, ...]:
    """The help entries of every warning sign a check-in's note names, in its words alone or read with the places
    the check-in rates (`rated_places`), each once, most urgent first; of equals, the words' own first, then the
    places' in their order: the entries of the rules that fire on them, so the same as `crest ask` pins."""
    from crest.knowledge.sign_words import RULE_ENTRIES  # with the red-flag rules: a third of a second to import

    found = dict.fromkeys(RULE_ENTRIES[name] for name in _rules_read(check_in))
    return tuple(sorted(found, key=lambda entry_id: not _is_urgent(entry_id)))


def may_name_with_its_pain(note: str) -> bool:
    """Whether a note names a warning sign alone or with some rated place said before it (`note_warning_entries`
    with every place rated): the check-ins worth reading whole (`Safety`), a few of months of them."""
    return bool(_words_rules(note)) or any(
        _place_rules(place, note) for place in PLACES_OF_SIGNS if place.speaks_of(note)
    )


@lru_cache(maxsize=32768)  # as _words_rules, for each place: read again at every safety check
def _place_rules(place: PlaceOfASign, note: str) -> tuple[str, ...]:
    """The names of `place`'s rules that fire on the note read after the place."""
    from crest.knowledge.text import clean_question
    from crest.services.help import help_search

    return tuple(rule.name for rule in help_search().fired_rules(clean_question(f"{place.said} {note}"), place.rules))


# The notes of months of check-ins, read again at every safety check and by crest sync: the rules read each note
# once, and its signs' entries come from the rules that fired (`note_warning_entries`), its signs' words too.
@lru_cache(maxsize=4096)
def _words_rules(note: str) -> tuple[str, ...]:
    """The names of the red-flag rules that fire on a person's words, as `crest ask` reads them (typos fixed too)."""
    from crest.knowledge.text import clean_question
    from crest.services.help import help_search

    return tuple(rule.name for rule in help_search().fired_rules(clean_question(note)))


def _rules_read(check_in: CheckIn) -> tuple[str, ...]:
    """The red-flag rules that fire on a check-in's note, alone or read with a place it rates, in that order."""
    if not check_in.note:
        return ()
    note = check_in.note
    places = [place for place in PLACES_OF_SIGNS if place.rated_in(check_in.pain) and place.speaks_of(note)]
    return (*_words_rules(note), *(name for place in places for name in _place_rules(place, note)))


def note_sign_rules(check_in: CheckIn) -> tuple[str, ...]:
    """The red-flag rules that fired on a check-in's note, each once: which sign of a help entry the note names
    (night pain, not every sign of possible cancer). Those that fire on its words, alone or read with a place it
    rates, and those crest found in them on the person's own computer (`CheckIn.note_sign_rules`), which is all a
    practice server has where the words were not shared, as `note_sign_entries` gathers their entries."""
    return tuple(dict.fromkeys((*_rules_read(check_in), *check_in.note_sign_rules)))


def _is_urgent(entry_id: str) -> bool:
    return entry_warning(entry_id).level is WarningLevel.URGENT_CARE


@lru_cache(maxsize=256)
def entry_warning(entry_id: str, said: str | None = None, rules: tuple[str, ...] = ()) -> WarningSign:
    """The warning sign of a help entry (`warning_...`), with its level, title and sources; named by `said`, the
    signs of it that fired in their words (`sign_words.said_of`), where they are known, and `rules`, theirs."""
    from crest.services.help import UrgentAnswer, entry

    urgent = entry(entry_id)
    assert isinstance(urgent, UrgentAnswer)  # a warning-sign entry comes with its level
    return help_warning(entry_id, urgent.level, urgent.title, urgent.text, tuple(urgent.sources), said, rules)


def note_sign_entries(check_in: CheckIn) -> tuple[str, ...]:
    """The help entries of the warning signs of a check-in's note, each once, most urgent first: those read in its
    words, and those crest read in them on the person's own computer (`CheckIn.note_signs`), which is all a practice
    server has where the words were not shared. Both, where the words are at hand too: the rules that read them on
    the person's computer may know a sign these do not. What `crest sync` sends in place of the words."""
    found = dict.fromkeys((*note_warning_entries(check_in), *check_in.note_signs))
    return tuple(sorted(found, key=lambda entry_id: not _is_urgent(entry_id)))


def note_warnings(check_in: CheckIn) -> tuple[WarningSign, ...]:
    """The warning signs of a check-in's note, most urgent first (`note_sign_entries`), each named by the signs of it
    that fired (`note_sign_rules`), or by its help entry where none is known."""
    from crest.knowledge.sign_words import RULE_ENTRIES, said_of  # with the red-flag rules, as above

    rules = note_sign_rules(check_in)
    return tuple(
        entry_warning(
            entry_id, said_of(entry_id, rules), tuple(rule for rule in rules if RULE_ENTRIES.get(rule) == entry_id)
        )
        for entry_id in note_sign_entries(check_in)
    )


def check_in_warning_signs(check_in: CheckIn) -> tuple[WarningSign, ...]:
    """The warning signs a check-in names, by its places and by the words of its note."""
    return warning_signs(check_in, note_warnings(check_in))
