"""`crest sync` sends every warning sign a note names to a practice that says it reads them, and the older form (the
most urgent alone, `note_sign`) to one that does not, which refuses a check-in with `note_signs` as an unknown field.
A crest learns it from the practice's answer to a push (`every_sign`), keeps it with the link, and sends again, in the
same sync, each check-in whose note names several signs; the person is told of each record once."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI

from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region, Side
from crest.knowledge.sign_words import SIGN_WORDS
from crest.services.checkins import entry_warning
from crest.services.practice_link import LINK_FILE, PracticeLink, PracticeUnreachable
from support.clock import FakeClock
from support.practice_web import (
    OLDER_THAN_EVERY_SIGN,
    InProcess,
    Recorded,
    World,
    browser,
    cleos_alert_and_page,
    local_crest,
    synced_twice,
)

NOTE = "I have a fever and chills, and trouble controlling my bladder since yesterday"
# each named by its own words (`note_sign_rules`); by a practice from before them, by its help entry's title
URGENT = SIGN_WORDS["bladder_or_bowel_trouble"].lower()
CLINICIAN = SIGN_WORDS["fever_or_chills"].lower()
URGENT_ENTRY = entry_warning("warning_cauda_equina").title.lower()


def _synced(app: FastAPI, world: World, home: Path, transport: Recorded) -> tuple[dict[str, int], dict[str, int]]:
    """A check-in whose note names an urgent sign and a see-a-clinician one, synced twice (`synced_twice`)."""
    return synced_twice(app, world, home, transport, NOTE)


def test_a_practice_that_reads_every_sign_is_sent_every_sign_in_the_first_sync(
    world: World, app: FastAPI, tmp_path: Path
) -> None:
    transport = Recorded(app)
    first, second = _synced(app, world, tmp_path / "home", transport)

    assert (first, second) == ({"check_ins": 1, "safety_screens": 1}, {})  # the check-in sent twice, told once
    [before], [learnt] = (pushed for pushed in transport.pushed if pushed)
    assert "note_signs" not in before and before["note_sign"] == "warning_cauda_equina"
    assert learnt["note_signs"] == ["warning_cauda_equina", "warning_infection"]
    assert json.loads((tmp_path / "home" / LINK_FILE).read_text())["every_sign"] is True
    alert, page = cleos_alert_and_page(app, world)
    assert URGENT in alert and CLINICIAN in alert and alert.index(URGENT) < alert.index(CLINICIAN)
    assert URGENT in page.lower() and CLINICIAN in page.lower()


def test_a_practice_from_before_every_sign_is_sent_the_most_urgent_alone(
    world: World, app: FastAPI, tmp_path: Path
) -> None:
    transport = Recorded(app, older=OLDER_THAN_EVERY_SIGN)
    first, second = _synced(app, world, tmp_path / "home", transport)

    assert (first, second) == ({"check_ins": 1, "safety_screens": 1}, {})
    assert all("note_signs" not in check_in for pushed in transport.pushed for check_in in pushed)
    assert json.loads((tmp_path / "home" / LINK_FILE).read_text())["every_sign"] is False
    alert, page = cleos_alert_and_page(app, world)
    assert URGENT_ENTRY in alert and CLINICIAN not in alert and CLINICIAN not in page.lower()


def test_a_practice_put_back_to_an_older_server_is_asked_again_after_one_refused_sync(
    world: World, app: FastAPI, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    _synced(app, world, home, Recorded(app))  # every sign learnt
    older = Recorded(app, older=OLDER_THAN_EVERY_SIGN)
    clock = FakeClock()
    clock.advance(3600)
    with local_crest(home, clock) as local:
        local.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.LOWER_BACK, 3, Side.CENTRE),), note=NOTE))
        with pytest.raises(PracticeUnreachable, match="note_signs: unknown field"):
            PracticeLink(home, local.sync, clock, older).sync()
        assert json.loads((home / LINK_FILE).read_text())["every_sign"] is False
        # both check-ins in the form that server holds (the first went with every sign), and this visit's answers
        assert PracticeLink(home, local.sync, clock, older).sync().sent == {"check_ins": 2, "safety_screens": 1}
    sent = older.pushed[-1]
    assert [check_in.get("note_sign") for check_in in sent] == ["warning_cauda_equina"] * 2
    assert not any("note_signs" in check_in or "note_sign_rules" in check_in for check_in in sent)


def test_a_connection_that_fails_keeps_what_the_practice_said_it_reads(
    world: World, app: FastAPI, tmp_path: Path
) -> None:
    """Before, any failure of a push (the connection refused or dropped) dropped every_sign and sign_rules: the next
    sync sent each check-in naming several signs with its most urgent alone, then again with all (sync walk-through
    L5). Only the practice's refusal drops them now (the test above)."""
    home = tmp_path / "home"
    _synced(app, world, home, Recorded(app))  # every sign learnt
    clock = FakeClock()
    clock.advance(3600)
    with local_crest(home, clock) as local:
        local.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.LOWER_BACK, 3, Side.CENTRE),), note=NOTE))
        with pytest.raises(PracticeUnreachable, match="the connection dropped"):
            PracticeLink(home, local.sync, clock, InProcess(app, fail_after_pushes=0)).sync()
        kept = json.loads((home / LINK_FILE).read_text())
        assert (kept["every_sign"], kept["sign_rules"]) == (True, True)
        again = Recorded(app)
        assert PracticeLink(home, local.sync, clock, again).sync().sent == {"check_ins": 1, "safety_screens": 1}
    [[sent]] = (pushed for pushed in again.pushed if pushed)  # once, with every sign
    assert sent["note_signs"][0] == "warning_cauda_equina" and len(sent["note_signs"]) == 2 and sent["note_sign_rules"]


def test_the_clients_list_and_the_clients_page_say_the_check_in_once_before_its_signs(
    world: World, app: FastAPI, tmp_path: Path
) -> None:
    """Each sign read "urgent-care warning sign in a check-in of DAY: ..." (a practice-mode review)."""
    _synced(app, world, tmp_path / "home", Recorded(app))
    alert, page = cleos_alert_and_page(app, world)
    assert alert.startswith("2 warning signs in a check-in of ") and alert.count("check-in of") == 1
    assert (
        alert.index(URGENT) < alert.index(CLINICIAN)
        and f"{URGENT} (seek urgent care)" in alert
        and f"{CLINICIAN} (see a clinician)" in alert
    )
    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        clients = practitioner.get("/practice").text
    # the pages list each sign, one item (test_alert_signs_listed_web): neither sign's words here hold "; "
    lead, _, signs = html.escape(alert, quote=False).partition(": ")
    items = "".join(f"<li>{sign}</li>" for sign in signs.split("; "))
    for shown in (clients, page):
        assert f'{lead}:</span><ul class="alert-signs">{items}</ul>' in shown


def test_the_clients_page_says_each_sign_under_its_check_in_without_its_day_again(
    world: World, app: FastAPI, tmp_path: Path
) -> None:
    """Under its own check-in, whose line begins with its day and time, each sign read "Warning sign in a check-in of
    DAY: ..."; it now says the sign and what it asks. The safety section, where a sign stands alone, keeps the day."""
    _synced(app, world, tmp_path / "home", Recorded(app))
    _, page = cleos_alert_and_page(app, world)
    check_ins = page.split('id="checkins-heading"', 1)[1].split("</section>", 1)[0]
    signs = [html.unescape(sign) for sign in re.findall(r'<strong class="check-in-sign">(.*?)</strong>', check_ins)]
    assert [sign.lower() for sign in signs] == [
        f"warning sign (seek urgent care): {URGENT}",
        f"warning sign (see a clinician): {CLINICIAN}",
    ]
    assert "check-in of" not in check_ins
    safety = page.split('id="safety-heading"', 1)[1].split("</section>", 1)[0]
    dated = f"warning sign in a check-in of {world.clock():%-d %B %Y}: {URGENT}"
    assert dated.lower() in html.unescape(safety).lower()
