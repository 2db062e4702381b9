"""`crest sync` of a large journal said nothing for seconds while it read the journal's check-ins (the warning signs
in their notes: 6 s at 12,000 records) before the first batch went (sync walk-through L1). It now says how far the
reading has come, on stderr, as it says the batches; and before that, that it reads the journal (3 s at 12,000
records, in silence until then)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from crest.cli import practice_cmd
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region, Side
from crest.services import sync
from crest.services.practice_link import PracticeLink
from support.clock import FakeClock
from support.practice_web import InProcess, World, link_as_cleo, local_crest


def test_the_reading_of_the_check_ins_is_said_as_it_goes(
    app: FastAPI, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sync, "READ_PER_STEP", 2)  # as 1,000 of a journal of thousands
    clock = FakeClock()
    home = tmp_path / "home"
    with local_crest(home, clock) as local:
        for _ in range(5):
            clock.advance(3600)
            local.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.LOWER_BACK, 3, Side.CENTRE),)))
        link_as_cleo(app, world, home, local, clock)
        said: list[tuple[int, int]] = []
        journal: list[int] = []
        result = PracticeLink(home, local.sync, clock, InProcess(app)).sync(
            on_read=lambda *read: said.append(read), on_reading_journal=journal.append
        )
    assert said == [(2, 5), (4, 5), (5, 5)] and result.sent["check_ins"] == 5
    assert journal == [6]  # the 5 check-ins and the safety screen, said before they are read
    for done, total in said:
        practice_cmd._check_ins_read(done, total)
    assert capsys.readouterr() == ("", "read 2 of 5 check-ins\nread 4 of 5 check-ins\nread 5 of 5 check-ins\n")
    practice_cmd._check_ins_read(1, 1)  # a journal read in one step says nothing: the summary is the sync
    assert capsys.readouterr() == ("", "")
    practice_cmd._reading_journal(12_000)
    practice_cmd._reading_journal(2)  # a small journal is read at once
    assert capsys.readouterr() == ("", "reading the journal (12,000 records)\n")
