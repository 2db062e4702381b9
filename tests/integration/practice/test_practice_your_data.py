"""Your data in practice mode: "delete all my data" and a merged restore touch the person's own journal only."""

from __future__ import annotations

from crest.journal.records import CheckIn
from support.practice import Practice


def test_delete_everything_and_merge_keep_to_one_person(practice: Practice) -> None:
    admin = practice.admin()
    physio = practice.practitioner(admin, "pat@clinic.example")
    ann = practice.client(physio, "ann@example.org", "Ann")
    ben = practice.client(physio, "ben@example.org", "Ben")
    anns, bens = practice.services_for(ann.person_id), practice.services_for(ben.person_id)
    now = practice.clock()
    anns.check_ins.add(CheckIn(at=now, note="Ann's morning"))
    bens.check_ins.add(CheckIn(at=now, note="Ben's morning"))
    bens.preferences.save(bens.preferences.current().model_copy(update={"theme": "dark"}))
    backup = bens.transfer.export_bytes("json")

    anns.transfer.delete_everything()
    assert anns.check_ins.list_check_ins() == []
    assert [c.note for c in bens.check_ins.list_check_ins()] == ["Ben's morning"]
    assert bens.preferences.current().theme == "dark"

    imported = anns.transfer.import_data(backup, "ben.json", merge=True)  # Ben's backup into Ann's journal
    assert (imported.check_ins, imported.skipped) == (1, 0)
    assert [c.note for c in anns.check_ins.list_check_ins()] == ["Ben's morning"]
    again = bens.transfer.import_data(backup, "ben.json", merge=True)
    assert (again.sessions, again.check_ins, again.safety_screens, again.settings) == (0, 0, 0, 0)
    assert again.skipped == 1 + len(bens.preferences.current().model_dump())  # the check-in and each setting
    assert len(bens.check_ins.list_check_ins()) == 1
