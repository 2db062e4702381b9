"""A push's answer counts the records it really deleted (SQLite and PostgreSQL): a uid of another client's record,
or one nobody holds, deletes nothing and counts for nothing; before, the answer echoed how many uids were asked."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from pathlib import Path

from crest.accounts.model import Client
from crest.journal.records import CheckIn, JournalContents, PainRating
from crest.journal.store import Journal, RecordKind
from crest.journal.transfer.json_format import export_json
from crest.services.bundle import Services
from support.practice import Practice


def _push_one_check_in(practice: Practice, client: Client, folder: Path) -> str:
    """The client's crest keeps one check-in and pushes it; its uid."""
    folder.mkdir()
    with Journal.open(f"sqlite:///{folder / 'crest.db'}", clock=practice.clock) as journal:
        local = Services.over(journal, practice.clock, UTC)
        check_in = local.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("hip", 3, "left"),)))
        outgoing = local.sync.outgoing()
        practice.practice.receive_sync(client, None, *outgoing.batch({"check_ins": [check_in.id or 0]}), {})
        return outgoing.uids["check_ins"][check_in.id or 0]


def _delete(practice: Practice, client: Client, deleted: Mapping[RecordKind, list[str]]) -> int:
    nothing = export_json(JournalContents())
    _received, count = practice.practice.receive_sync(client, None, nothing, {"check_ins": {}}, deleted)
    return count


def test_the_push_counts_only_the_pushing_clients_records_it_deleted(practice: Practice, tmp_path: Path) -> None:
    physio = practice.practitioner(practice.admin(), "pat@clinic.example")
    zoe = practice.client(physio, "zoe@example.org", "Zoe")
    yan = practice.client(physio, "yan@example.org", "Yan")
    zoes = _push_one_check_in(practice, zoe, tmp_path / "zoe")
    yans = _push_one_check_in(practice, yan, tmp_path / "yan")
    nobodys = "0" * 32

    assert _delete(practice, zoe, {"check_ins": [yans, nobodys], "sessions": [nobodys]}) == 0
    assert _delete(practice, zoe, {"check_ins": [zoes, zoes, yans]}) == 1
    assert _delete(practice, zoe, {"check_ins": [zoes]}) == 0  # already gone

    assert practice.services_for(zoe.person_id).check_ins.list_check_ins() == []
    [kept] = practice.services_for(yan.person_id).check_ins.list_check_ins()  # isolation holds
    assert kept.pain == (PainRating("hip", 3, "left"),)
