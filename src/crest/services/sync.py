"""`crest sync` on both ends, over one person's journal: what to send (each record with its stable uid and a
fingerprint of its contents), and how the practice's server takes it in (insert or replace by uid, delete by uid,
a batch at a time), with the records checked by the importer's own rules; and the practitioners' notes on the
sessions, which go the other way."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from crest.accounts.records import Prescription, SyncedSessionNote
from crest.counting import counted
from crest.errors import CrestError
from crest.journal.records import CheckIn, JournalContents
from crest.journal.transfer import parse_export
from crest.journal.transfer.fields import LINKED_SETTING, check_in_fields, psfs_fields, screen_fields, session_fields
from crest.journal.transfer.json_format import export_json
from crest.journal.transfer.practitioner_notes import SessionNoteOut
from crest.journal.unreadable import left_out_line

if TYPE_CHECKING:
    from crest.journal.store import Journal, RecordKind
    from crest.services.safety import Safety

KINDS: tuple[RecordKind, ...] = ("sessions", "check_ins", "safety_screens", "psfs")


@dataclass(frozen=True)
class Outgoing:
    """A journal's records as sync sees them."""

    contents: JournalContents
    uids: dict[RecordKind, dict[int, str]]  # by record id
    fingerprints: dict[RecordKind, dict[str, str]]  # by uid: a digest of what the record says
    sizes: dict[RecordKind, dict[int, int]]  # by record id: the bytes a push spends on it
    every_sign: bool = True  # each check-in names every warning sign read in its note, not only the most urgent
    sign_rules: bool = True  # ... and which sign of each fired (`CheckIn.note_sign_rules`)

    def batch(self, chosen: Mapping[RecordKind, Sequence[int]]) -> tuple[str, dict[RecordKind, dict[int, str]]]:
        """The JSON text of these records (by id) and their uids, ready to push."""
        picked = {kind: set(ids) for kind, ids in chosen.items()}
        contents = JournalContents(
            sessions=tuple(s for s in self.contents.sessions if s.id in picked.get("sessions", set())),
            check_ins=tuple(c for c in self.contents.check_ins if c.id in picked.get("check_ins", set())),
            safety_screens=tuple(
                s for s in self.contents.safety_screens if s.id in picked.get("safety_screens", set())
            ),
            psfs=tuple(a for a in self.contents.psfs if a.id in picked.get("psfs", set())),
        )
        uids = {
            kind: {record_id: self.uids[kind][record_id] for record_id in picked.get(kind, set())} for kind in KINDS
        }
        return export_json(contents), uids


# The most uids the practice lists in one answer to GET /api/sync/held (35 bytes each in its JSON: 350 KB), and a
# crest asks for a page: a journal at its caps holds 220,000 records, an answer of 7.7 MB read whole.
HELD_PER_PAGE = 10_000
# The cursor of a page of what the practice holds of a computer's records (GET /api/sync/held): the last kind and uid
# of the page before.
HELD_CURSOR = r"^(sessions|check_ins|safety_screens|psfs):[0-9a-f]{32}$"


@dataclass(frozen=True)
class HeldPage:
    """A page of the uids a linked computer pushed that the practice still holds, per kind (`JournalSync.pushed_by`)."""

    held: dict[RecordKind, list[str]]
    next: str | None  # the cursor of the next page; None: this is the last


def read_held_cursor(cursor: str) -> tuple[RecordKind, str]:
    """A page's cursor (HELD_CURSOR, checked by the door) as the kind and uid the next page starts after."""
    kind, _, uid = cursor.partition(":")
    return next(known for known in KINDS if known == kind), uid


_SESSION_NOTES = TypeAdapter(list[SessionNoteOut])


class UnreadableNotes(CrestError):
    """The practice sent notes crest will not keep (not the shape agreed, or not plain text): none are kept."""


def read_session_notes(answer: Any) -> list[SyncedSessionNote]:
    """The practice's answer with the notes, checked note by note; `UnreadableNotes` names the first that fails."""
    try:
        notes = _SESSION_NOTES.validate_python(answer)
    except ValidationError as error:
        first = error.errors()[0]
        # where and why, never the input: it may not be printable
        where = ", ".join(
            f"note {part + 1}" if isinstance(part, int) else _NOTE_FIELDS.get(str(part), str(part))
            for part in first["loc"]
        )
        where += ": " if where else ""
        raise UnreadableNotes(
            f"the practice sent notes on your sessions that crest will not keep ({where}{_wrong_in_words(first)}); "
            "the notes kept before stay as they were. Tell your practitioner: their server may need an update"
        ) from None
    return [note.record() for note in notes]


# A note's fields (SessionNoteOut) and what is wrong with one, in a person's words: never a class or a type's name
_NOTE_FIELDS = {"session_uid": "session", "author": "author", "text": "text", "written_at": "time written"}
_WRONG = {
    "list_type": "not a list of notes",
    "model_type": "not a note",
    "model_attributes_type": "not a note",
    "dict_type": "not a note",
    "missing": "missing",
    "string_type": "not text",
    "string_pattern_mismatch": "not a session crest sent",
    "timezone_aware": "a time without its time zone",
    "extra_forbidden": "not part of a note",
}


def _wrong_in_words(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "value_error":  # crest's own checks of the text and the author: said in crest's words already
        return error["msg"].removeprefix("Value error, ")
    if kind == "string_too_long":
        return f"longer than {counted(int(error.get('ctx', {}).get('max_length', 0)), 'character')}"
    if kind.startswith("datetime"):
        return "not a date and time"
    return _WRONG.get(kind, "not what crest reads")


# Check-ins whose notes are read between two reports of how far the reading has come (`with_note_signs`): a
# journal of 6,000 check-ins took seconds to read in silence before the first batch went.
READ_PER_STEP = 1_000


def _quiet(done: int, total: int) -> None:
    """No report of how far the reading has come."""


def _unsaid(records: int) -> None:
    """No word before the journal is read."""


def with_note_signs(
    check_ins: tuple[CheckIn, ...],
    *,
    every_sign: bool = True,
    sign_rules: bool = True,
    on_read: Callable[[int, int], None] = _quiet,
) -> tuple[CheckIn, ...]:
    """The check-ins with the warning signs crest reads in each note, most urgent first, so the server holds
    practice and alerts on each without the note's words (a sign only a note can name: bladder or bowel trouble).
    Without `every_sign` (a practice server that has not said it reads them all), the most urgent alone: such a
    server refuses a check-in with several, as a crest from before them does. With `sign_rules`, which sign of each
    fired (`note_sign_rules`), so that the practice names night pain, not every sign of possible cancer; a server
    that has not said it reads them refuses them, and names each sign by its help entry. `on_read(done, total)`
    after each READ_PER_STEP check-ins read."""
    from crest.services.checkins import note_sign_entries, note_sign_rules  # the help system's rules read the notes

    read: list[CheckIn] = []
    for start in range(0, len(check_ins), READ_PER_STEP):
        read += (
            replace(
                check_in,
                note_signs=note_sign_entries(check_in) if every_sign else note_sign_entries(check_in)[:1],
                note_sign_rules=note_sign_rules(check_in) if sign_rules else (),
            )
            for check_in in check_ins[start : start + READ_PER_STEP]
        )
        on_read(len(read), len(check_ins))
    return tuple(read)


def strip_notes(check_ins: tuple[CheckIn, ...]) -> tuple[CheckIn, ...]:
    """The check-ins without the person's own notes (what is shared when notes are not)."""
    return tuple(replace(check_in, note=None) for check_in in check_ins)


def _fingerprint(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _pushed_bytes(fields: dict[str, Any]) -> int:
    """A record's bytes in a push: its JSON (as the journal file writes it) inside the push's JSON."""
    return len(json.dumps(json.dumps(fields, ensure_ascii=False)))


class JournalSync:
    def __init__(self, journal: Journal, safety: Safety) -> None:
        self._journal = journal
        self._safety = safety

    def mark_linked(self) -> None:
        """Say in the journal that a practice knows its records by uid, so that its exports keep them."""
        if LINKED_SETTING not in self._journal.get_settings():
            self._journal.save_settings({LINKED_SETTING: "true"})

    def outgoing(
        self,
        *,
        notes: bool = False,
        every_sign: bool = True,
        sign_rules: bool = True,
        on_read: Callable[[int, int], None] = _quiet,
        on_reading_journal: Callable[[int], None] = _unsaid,
    ) -> Outgoing:
        """The records to sync; the person's own check-in notes only with `notes` (they share them); every warning
        sign read in a note, or only the most urgent without `every_sign`, and which sign of each fired only with
        `sign_rules` (`with_note_signs`, which reports to `on_read` how far it has come). `on_reading_journal(records)`
        before the journal is read: seconds at 12,000 records, read whole in one transaction (a snapshot, so a record
        written meanwhile is either in it with its uid or left for the next sync), so not reported in steps."""
        on_reading_journal(sum(map(len, self._journal.record_uids().values())))
        contents = self._journal.export_contents()
        # A row left out (edited by hand into values crest refuses) would read as deleted here, and be deleted at
        # the practice too: nothing is sent until it is put right.
        left_out = left_out_line(self._journal.unreadable_rows(), "nothing was sent: crest sync found")
        if left_out:
            raise CrestError(left_out)
        check_ins = with_note_signs(contents.check_ins, every_sign=every_sign, sign_rules=sign_rules, on_read=on_read)
        contents = replace(contents, check_ins=check_ins)
        if not notes:
            contents = replace(contents, check_ins=strip_notes(contents.check_ins))
        # read with the records, in their transaction: a record written since has no uid here to miss
        uids = {kind: dict(contents.uids[kind]) for kind in KINDS}
        by_kind: dict[RecordKind, list[tuple[int | None, dict[str, Any]]]] = {
            "sessions": [(s.id, session_fields(s)) for s in contents.sessions],
            "check_ins": [(c.id, check_in_fields(c)) for c in contents.check_ins],
            "safety_screens": [(s.id, screen_fields(s)) for s in contents.safety_screens],
            "psfs": [(a.id, psfs_fields(a)) for a in contents.psfs],
        }
        fingerprints = {
            kind: {uids[kind][record_id or 0]: _fingerprint(fields) for record_id, fields in records}
            for kind, records in by_kind.items()
        }
        # The journal's JSON text travels inside the push's JSON, escaped again: a note's quotes and accents cost
        # twice, so its size is measured the way it is sent.
        sizes = {
            kind: {record_id or 0: _pushed_bytes(fields) for record_id, fields in records}
            for kind, records in by_kind.items()
        }
        return Outgoing(contents, uids, fingerprints, sizes, every_sign, sign_rules)

    def receive(
        self,
        journal_text: str,
        uids: Mapping[RecordKind, Mapping[int, str]],
        deleted: Mapping[RecordKind, Sequence[str]],
        *,
        notes: bool = False,
        device: int | None = None,
    ) -> tuple[dict[str, int], int]:
        """Take in a pushed batch: every record checked first (a bad one refuses the batch, naming it), then
        stored in one transaction, each noted as pushed by the linked computer `device`. Sending the same batch
        again changes nothing. Check-in notes are kept only with `notes` (the person shares them): an older crest
        may send them anyway. The records stored per kind, and how many records were deleted: only this person's
        own, so a uid this journal does not hold counts for nothing."""
        contents = parse_export(journal_text, "the synced batch")
        if not notes:
            contents = replace(contents, check_ins=strip_notes(contents.check_ins))
        # A check-in deleted or corrected at home keeps its urgent-care sign there: here too, or the practice
        # would lift the hold that the person's own crest keeps.
        # (a check-in sent without its uid is refused by the merge, naming it)
        sent = uids.get("check_ins", {})
        incoming = {sent[c.id or 0]: c for c in contents.check_ins if (c.id or 0) in sent}
        # A check-in held for two computers (the same one logged on both) stays when one deletes it: its copy goes,
        # or the row is handed on to the copy. Nothing to keep apart from it then.
        told_deleted = deleted.get("check_ins", ())
        copies = self._journal.copies_held("check_ins") if told_deleted or incoming else {}
        gone = set(told_deleted) - copies.keys() - self._journal.copied_uids("check_ins", told_deleted)
        changed = [*gone, *incoming]
        if changed:
            stored = {uid: check_in_id for check_in_id, uid in self._journal.record_uids()["check_ins"].items()}
            stored |= copies
            corrected = [
                stored[uid]
                for uid in changed
                if uid in stored and not self._told_more_of_its_signs(stored[uid], incoming.get(uid))
            ]
            self._safety.keep_urgent_warnings(*corrected)
        removed = self._journal.merge_synced(contents, uids, deleted, device)
        received = {
            "sessions": len(contents.sessions),
            "check_ins": len(contents.check_ins),
            "safety_screens": len(contents.safety_screens),
            "psfs": len(contents.psfs),
        }
        return received, removed

    def _told_more_of_its_signs(self, check_in_id: int, again: CheckIn | None) -> bool:
        """Whether the check-in comes again only to tell more of its signs: every one (`note_signs`) and which of
        each fired (`note_sign_rules`), as a crest sends each once it learns that the practice reads them. Nothing
        was corrected and no sign lifted, so none is kept apart from it (it would stand twice, in the entry's words
        and in its own)."""
        if again is None:
            return False
        kept = self._journal.get_checkin(check_in_id)
        # Compared field by field, not rebuilt: a check-in whose session was deleted at home comes again standalone,
        # and with the practice's session it would be no check-in at all (that is a correction, not more signs).
        # The sender's session id names its own journal's session: the same one where both have one.
        told_apart = {"id", "session_id", "note_signs", "note_sign_rules"}
        same = all(
            getattr(again, field.name) == getattr(kept, field.name)
            for field in fields(CheckIn)
            if field.compare and field.name not in told_apart  # as == compares them
        )
        same_session = (again.session_id is None) == (kept.session_id is None)
        return same and same_session and set(kept.note_signs) <= set(again.note_signs)

    def from_a_linked_crest(self, kind: RecordKind, record_ids: Collection[int]) -> set[int]:
        """Those of these records (by id) that the person's own crest pushed: the practice's pages show them
        read-only, since their journal on their computer is the source of truth and only its sync changes them."""
        return self._journal.pushed_ids(kind, record_ids)

    def require_entered_here(self, kind: RecordKind, record_id: int) -> None:
        """Refuse (`FromYourCrest`) opening a record for an edit on the practice's pages: a linked crest pushed it."""
        self._journal.require_uid(kind, record_id, None)

    def pushed_by(self, device: int, after: str | None, limit: int) -> HeldPage:
        """The uids of the records the linked computer `device` pushed that are still held, per kind: what it may
        tell deleted (a crest whose own note of them is lost asks for them). At most `limit`, from the page's cursor
        `after` (None: the first page); the next page's cursor with them while more are left."""
        listed = self._journal.uids_pushed_by(device, None if after is None else read_held_cursor(after), limit + 1)
        page = listed[:limit]
        held: dict[RecordKind, list[str]] = {kind: [] for kind in KINDS}
        for kind, uid in page:
            held[kind].append(uid)
        more = len(listed) > limit
        return HeldPage(held, f"{page[-1][0]}:{page[-1][1]}" if more else None)

    def keep_prescription(self, prescription: Prescription | None, now: datetime) -> None:
        """The practice's current prescription, kept on this computer so Today and the reminder follow it."""
        self._journal.keep_pulled_prescription(prescription, now)

    def session_notes(self) -> list[SyncedSessionNote]:
        """The practitioners' notes on this person's sessions, to send to their linked crest."""
        return self._journal.synced_session_notes()

    def keep_session_notes(self, notes: Sequence[SyncedSessionNote]) -> int:
        """The practice's notes on these sessions in place of those kept before (one edited or deleted there
        follows); how many were kept (one on a session deleted here is not)."""
        return self._journal.keep_pulled_session_notes(notes)
