"""Notes kept as crest now takes them: each zero-width character that joins nothing (U+200B zero-width space, U+2060
word joiner, U+FEFF byte-order mark) an older crest let into a note is dropped, and each line break (\\r\\n, a lone
\\r) becomes a line feed.

Crest now refuses these zero-width characters in a note at every door, and a record read back is checked as it was
made, so a check-in kept with one would have become unreadable (and with it every list of check-ins), and a
practitioner's note unsendable to the client's crest. Dropped, not replaced (as r0019 replaced controls with U+FFFD):
they showed nothing, so the note reads as it did, only shorter. The line breaks are rewritten so that what is kept
is what is read. The zero-width joiner and non-joiner stay (a joined emoji, Persian words need them).

Revision ID: r0021_note_characters
Revises: r0020_pushed_by_device
"""

import sqlalchemy as sa
from alembic import op

revision = "r0021_note_characters"
down_revision = "r0020_pushed_by_device"
branch_labels = None
depends_on = None

# The characters as this revision knows them (a migration must not follow later changes to the rule).
_DROPPED = str.maketrans(dict.fromkeys("\u200b\u2060\ufeff"))
# The notes that crest reads with its note rule (records.check_note), by table and column; a prescription's note has
# a rule of its own, which never took a carriage return.
_NOTES = (("check_ins", "note"), ("session_notes", "text"))
_BATCH = 1000  # rows read at once: a practice's server may hold years of notes of many clients


def _plain(note: str) -> str:
    return note.translate(_DROPPED).replace("\r\n", "\n").replace("\r", "\n")


def upgrade() -> None:
    connection = op.get_bind()
    for table, column in _NOTES:
        last = 0
        while True:
            rows = connection.execute(
                sa.text(
                    f"SELECT id, {column} FROM {table} WHERE id > :last AND {column} IS NOT NULL "
                    f"ORDER BY id LIMIT {_BATCH}"
                ),
                {"last": last},
            ).all()
            if not rows:
                break
            last = rows[-1][0]
            changed = [{"id": row_id, "note": plain} for row_id, note in rows if (plain := _plain(note)) != note]
            if changed:
                connection.execute(sa.text(f"UPDATE {table} SET {column} = :note WHERE id = :id"), changed)


def downgrade() -> None:
    pass  # the characters dropped are not kept anywhere, and an older crest reads the plain notes as they are
