"""A warning sign crest reads in a note reaches the practice without the note (the walk-through of a client who
does not share notes and writes of bladder trouble): `crest sync` sends the sign, never the words, and the server
alerts the practitioner, names the sign in the report and holds practice on the client's Today until the same end
as the client's own crest."""

from __future__ import annotations

import subprocess
from datetime import UTC
from pathlib import Path

from crest.journal.practice_store import PracticeStore
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import Region, Side
from crest.safety.screen import AdviceLevel
from crest.services.bundle import Services
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, browser, link_as_cleo, local_crest, practice_app, sign_in

NOTE = "new numbness between my legs and trouble controlling my bladder since yesterday"
WORDS = ("trouble controlling", "since yesterday", "numbness between my legs")
# named by the sign that fired, in crest's words (knowledge/sign_words.py), never by the note's
SIGN = "trouble passing urine or controlling the bladder or bowels"


def test_a_sign_read_in_an_unshared_note_alerts_reports_and_holds_on_the_server(world: World, tmp_path: Path) -> None:
    server_folder = tmp_path / "server"
    server_folder.mkdir()
    url = world.copy_to(server_folder)
    app = practice_app(url, world.clock)
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        clock.advance(600)
        sharp = PainRating(Region.LOWER_BACK, 8, Side.CENTRE, quality="sharp")
        local.check_ins.add(CheckIn(at=clock(), pain=(sharp,), note=NOTE))
        held = local.safety.standing()
        assert held.level is AdviceLevel.URGENT and held.answer_again_from is not None
        link_as_cleo(app, world, home, local, clock, notes_shared=False)  # as `crest link` without --share-notes
        assert PracticeLink(home, local.sync, clock, InProcess(app)).sync().sent == {
            "check_ins": 1,
            "safety_screens": 1,
        }

    with browser(app, world.tokens["linked_practitioner"]) as practitioner:
        [row] = [row for row in practitioner.get("/api/practice/clients").json() if row["name"] == "Cleo"]
        assert [alert["kind"] for alert in row["alerts"]][:2] == ["warning_signs", "severe_pain"]
        assert SIGN in row["alerts"][0]["text"]
        page = practitioner.get(f"/practice/clients/{row['id']}").text
        detail = practitioner.get(f"/api/practice/clients/{row['id']}").json()
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(practitioner.get(f"/api/practice/clients/{row['id']}/report.pdf").content)
    report = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert SIGN in page and SIGN in report
    assert "No warning sign stands" not in report
    for shown in (page, str(detail), report):
        assert not any(words in shown for words in WORDS)

    with browser(app, sign_in(app, "cleo@example.org")) as cleo:
        today = cleo.get("/").text
        refused = cleo.post("/api/sessions", json={"planned_minutes": 15})
        assert not any(words in cleo.get("/api/checkins").text for words in WORDS)
    assert refused.status_code == 409 and "urgent" in refused.text
    assert "Begin</button>" not in today or "disabled" in today.split("Begin</button>")[0].rsplit("<button", 1)[1]

    with Journal.open(url, clock=world.clock) as server:
        found = PracticeStore(server).account_by_email("cleo@example.org")
        assert found is not None and found[0].person_id is not None
        on_server = Services.over(server.for_person(found[0].person_id), clock, UTC).safety.standing()
    assert (on_server.level, on_server.answer_again_from) == (held.level, held.answer_again_from)

    stored = b"".join(path.read_bytes() for path in server_folder.rglob("*") if path.is_file())
    assert not any(words.encode() in stored for words in WORDS)
