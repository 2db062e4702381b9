"""Names kept as plain text: each hidden control character an older crest let into a daily activity's name, a
clinician's name on an all-clear or a position check's summary (DEL, a C1 control, a bidirectional override or
isolate, and in a summary a C0 control or a line break) becomes U+FFFD, the replacement character.

Crest now refuses these characters in those texts at every door (a terminal acts on them: \\x9b starts an escape
sequence, U+202E reverses the rest of a line), as r0019 made notes plain, and a record read back is checked as it was
made, so a round of activities, an all-clear or a session kept with one would have become unreadable. U+FFFD keeps
the text's length and shows that a character was there.

Revision ID: r0022_plain_names
Revises: r0021_note_characters
"""

import sqlalchemy as sa
from alembic import op

revision = "r0022_plain_names"
down_revision = "r0021_note_characters"
branch_labels = None
depends_on = None

# The characters as this revision knows them (a migration must not follow later changes to the rule): C0 controls,
# DEL, C1, and the bidirectional overrides and isolates. A name never kept C0 (refused, or made a space).
_HIDDEN = {
    *(chr(code) for code in range(0x20)),
    *(chr(code) for code in range(0x7F, 0xA0)),
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
}
_REPLACED = str.maketrans(dict.fromkeys(_HIDDEN, "\ufffd"))
# By table, the columns that pick out a row and the column of text.
_TEXTS = (
    ("psfs_activities", ("assessment_id", "position"), "name"),
    ("safety_clearances", ("id",), "clinician"),
    ("practice_sessions", ("id",), "position_check_summary"),
)


def upgrade() -> None:
    connection = op.get_bind()
    for table, keys, column in _TEXTS:
        # read through a cursor, only the rows that change kept: few hold such a character
        rows = connection.execute(
            sa.text(f"SELECT {', '.join(keys)}, {column} FROM {table} WHERE {column} IS NOT NULL")
        )
        changed = [
            {**dict(zip(keys, row[:-1], strict=True)), "text": plain}
            for row in rows
            if (plain := row[-1].translate(_REPLACED)) != row[-1]
        ]
        where = " AND ".join(f"{key} = :{key}" for key in keys)
        if changed:
            connection.execute(sa.text(f"UPDATE {table} SET {column} = :text WHERE {where}"), changed)


def downgrade() -> None:
    pass  # the characters replaced are not kept anywhere, and an older crest reads the plain texts as they are
