"""A practitioner's note on one of the client's sessions as it travels: from the practice to a linked crest (by
`crest sync`), and in that crest's exports. One schema for both, so a note restored from a backup passed the same
checks as one pulled from the practice."""

from __future__ import annotations

from typing import Any

from pydantic import AwareDatetime, BaseModel, Field, ValidationError, field_validator

from crest.accounts.records import MAX_NAME_CHARACTERS, MAX_SESSION_NOTE_CHARACTERS, SyncedSessionNote, check_name
from crest.errors import CrestError
from crest.journal.records import check_note
from crest.journal.transfer.fields import time_text
from crest.journal.transfer.reading import UID_PATTERN, Place


class SessionNoteOut(BaseModel):
    """A practitioner's note on one of the client's sessions, as the practice sends it to a linked crest, which
    checks it by these same rules before keeping it: the server is trusted with nothing it could get wrong."""

    session_uid: str = Field(pattern=UID_PATTERN, description="the uid the session was pushed with")
    author: str = Field(max_length=MAX_NAME_CHARACTERS, description="the practitioner's name, as the client sees it")
    text: str = Field(max_length=MAX_SESSION_NOTE_CHARACTERS)
    written_at: AwareDatetime

    @field_validator("author")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        try:
            return check_name(value, "the note's author")
        except CrestError as error:
            raise ValueError(error.message) from None

    @field_validator("text")
    @classmethod
    def _plain_note(cls, value: str) -> str:
        try:
            note = check_note(value, MAX_SESSION_NOTE_CHARACTERS)
        except CrestError as error:
            raise ValueError(error.message) from None
        if note is None:
            raise ValueError("the note is empty")
        return note

    @classmethod
    def of(cls, note: SyncedSessionNote) -> SessionNoteOut:
        return cls(session_uid=note.session_uid, author=note.author_name, text=note.text, written_at=note.created_at)

    def record(self) -> SyncedSessionNote:
        return SyncedSessionNote(self.session_uid, self.author, self.text, self.written_at)


NOTE_FIELDS = tuple(SessionNoteOut.model_fields)


def note_fields(note: SyncedSessionNote) -> dict[str, Any]:
    """A kept note as an export writes it: as it was pulled (not checked again: a backup leaves nothing out)."""
    return {
        "session_uid": note.session_uid,
        "author": note.author_name,
        "text": note.text,
        "written_at": time_text(note.created_at),
    }


def note_record(place: Place, fields: dict[str, Any]) -> SyncedSessionNote:
    """A note read from an export, checked as `crest sync` checks a pulled one; the first problem names its field."""
    try:
        return SessionNoteOut.model_validate(fields).record()
    except ValidationError as error:
        first = error.errors()[0]
        field_name = ".".join(str(part) for part in first["loc"]) or None
        # why, never the input: it may not be printable
        raise place.error(field_name, first["msg"].removeprefix("Value error, ")) from None
