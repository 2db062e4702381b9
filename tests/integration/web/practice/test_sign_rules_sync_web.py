"""`crest sync` sends which sign of each help entry a note named (`note_sign_rules`) to a practice that says it reads
them, and nothing of them to one that does not, which refuses a check-in with them as an unknown field. A crest learns
it from the practice's answer to a push (`sign_rules`), keeps it with the link, and sends again, in the same sync,
each check-in whose note names a sign. The practitioner's alert and client page then name night pain, not the help
entry's title; a practice from before them names the entry, as before."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI

from crest.services.checkins import entry_warning
from crest.services.practice_link import LINK_FILE
from support.practice_web import OLDER_THAN_SIGN_RULES, Recorded, World, cleos_alert_and_page, synced_twice

NOTE = "My back pain wakes me at night and changing position doesn't ease it"
NIGHT_PAIN = "pain at night that changing position does not ease"  # its own words (`sign_words`)
ENTRY_TITLE = entry_warning("warning_cancer").title.lower()


def _shown(app: FastAPI, world: World) -> tuple[str, ...]:
    """The practitioner's alert for Cleo and Cleo's page, lower-case."""
    return tuple(shown.lower() for shown in cleos_alert_and_page(app, world))


def test_a_practice_that_reads_which_sign_fired_names_night_pain(world: World, app: FastAPI, tmp_path: Path) -> None:
    transport = Recorded(app)
    assert synced_twice(app, world, tmp_path / "home", transport, NOTE) == ({"check_ins": 1, "safety_screens": 1}, {})
    [before], [learnt] = (pushed for pushed in transport.pushed if pushed)
    assert "note_sign_rules" not in before and learnt["note_sign_rules"] == ["night_pain"]
    assert json.loads((tmp_path / "home" / LINK_FILE).read_text())["sign_rules"] is True
    for shown in _shown(app, world):
        assert NIGHT_PAIN in shown and ENTRY_TITLE not in shown


def test_a_practice_from_before_them_is_sent_none_and_names_the_entry(
    world: World, app: FastAPI, tmp_path: Path
) -> None:
    transport = Recorded(app, older=OLDER_THAN_SIGN_RULES)
    assert synced_twice(app, world, tmp_path / "home", transport, NOTE) == ({"check_ins": 1, "safety_screens": 1}, {})
    assert not any("note_sign_rules" in check_in for pushed in transport.pushed for check_in in pushed)
    assert json.loads((tmp_path / "home" / LINK_FILE).read_text())["sign_rules"] is False
    for shown in _shown(app, world):
        assert ENTRY_TITLE in shown and NIGHT_PAIN not in shown
