"""A warning sign kept apart from its check-in (the check-in deleted or corrected) cites what the person was shown
when it was read: a sign read in a note cites its help entry, not the safety question that stands in for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.knowledge.sign_words import SIGN_WORDS
from crest.services.bundle import Services
from crest.services.help import entry
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, NUMB_SADDLE


def _signs(services: Services) -> list[tuple[str, tuple[str, ...], bool]]:
    return [
        (reason.sign.title, reason.sign.sources, reason.sign.kept)
        for reason in services.safety.standing().check_in_reasons
    ]


@pytest.mark.parametrize(
    ("note", "entry_id", "named"),
    [
        ("sudden crushing chest pain going down my arm", "warning_emergency", SIGN_WORDS["chest_pain"]),
        (
            "I can't feel when I need to pee and my bottom is numb",
            "warning_cauda_equina",
            "Numbness or a changed feeling in the saddle area, between the legs; less feeling of a full bladder or "
            "bowel, or of passing urine or stool",
        ),
    ],
)
def test_a_sign_read_in_a_note_keeps_its_entry_s_sources_once_its_check_in_is_deleted(
    journal: Journal, clock: FakeClock, note: str, entry_id: str, named: str
) -> None:
    """Named by its own words (`sign_words`), it cites its entry's sources all the same."""
    services = Services.over(journal, clock, UTC)
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=(PainRating("lower_back", 4),), note=note))
    shown = entry(entry_id)
    assert _signs(services) == [(named, tuple(shown.sources), False)]
    assert saved.id is not None

    services.check_ins.delete(saved.id)

    assert _signs(services) == [(named, tuple(shown.sources), True)]


def test_a_sign_read_from_the_places_rated_keeps_its_question_s_source(journal: Journal, clock: FakeClock) -> None:
    services = Services.over(journal, clock, UTC)
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=NUMB_SADDLE))
    [(title, sources, _)] = _signs(services)
    assert saved.id is not None

    services.check_ins.delete(saved.id)

    assert _signs(services) == [(title, sources, True)]


def test_a_kept_sign_whose_words_a_later_crest_reworded_still_cites_its_entry(
    journal: Journal, clock: FakeClock
) -> None:
    """Kept with the rules it came from (r0028), it finds its entry by them: its words as kept are no longer any
    sign's words here, as after an update that reworded them."""
    services = Services.over(journal, clock, UTC)
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), note="sudden crushing chest pain going down my arm"))
    assert saved.id is not None
    services.check_ins.delete(saved.id)
    [kept] = journal.safety_warnings()
    assert kept.sign_rules == ("chest_pain",) and kept.id is not None
    reworded = "Pain or tightness in the chest"  # words no version of `sign_words` here uses
    assert reworded not in SIGN_WORDS.values()
    journal.forget_safety_warnings([kept.id])
    journal.keep_safety_warnings([replace(kept, title=reworded, named=reworded, id=None)])

    assert _signs(services) == [(reworded, tuple(entry("warning_emergency").sources), True)]
