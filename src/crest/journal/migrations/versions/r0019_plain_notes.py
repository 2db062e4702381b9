"""Notes kept as plain text: each hidden control character an older crest let into a note (DEL, a C1 control, a
bidirectional override or isolate; C0 controls were refused already) becomes U+FFFD, the replacement character.

Crest now refuses these characters in every note at every door (a terminal acts on them: \\x9b starts an escape
sequence, U+202E reverses the rest of a line), and a record read back is checked as it was made, so a note kept
before would have made its check-in or prescription unreadable, and a practitioner's note unsendable to the client's
crest. U+FFFD keeps the note's length (a note at its limit stays within it) and shows that a character was there.
Line breaks and tabs stay: a note may be several lines.

Revision ID: r0019_plain_notes
Revises: r0018_prescription_days
"""

import sqlalchemy as sa
from alembic import op

revision = "r0019_plain_notes"
down_revision = "r0018_prescription_days"
branch_labels = None
depends_on = None

# The characters as this revision knows them (a migration must not follow later changes to the rule): C0 controls
# but the line breaks and the tab, DEL, C1, and the bidirectional overrides and isolates.
_HIDDEN = {
    *(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"),
    *(chr(code) for code in range(0x7F, 0xA0)),
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
}
_REPLACED = str.maketrans(dict.fromkeys(_HIDDEN, "\ufffd"))
# The notes of each table, by the column that holds them. A prescription's note never held a carriage return
# (refused with every C0 control but the line break and the tab), so the same table of characters fits all three.
_NOTES = (("check_ins", "note"), ("session_notes", "text"), ("prescriptions", "note"))
_BATCH = 1000  # rows read at once: a practice's server may hold years of notes of many clients


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
            changed = [
                {"id": row_id, "note": plain} for row_id, note in rows if (plain := note.translate(_REPLACED)) != note
            ]
            if changed:
                connection.execute(sa.text(f"UPDATE {table} SET {column} = :note WHERE id = :id"), changed)


def downgrade() -> None:
    pass  # the characters replaced are not kept anywhere, and an older crest reads the plain notes as they are
