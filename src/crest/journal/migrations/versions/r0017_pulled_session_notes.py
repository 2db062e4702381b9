"""A linked crest keeps its practitioners' notes on its sessions, pulled by `crest sync`: the flag tells those
copies (each sync replaces them) from the notes a practice's server holds as their source. Notes already written
were all a server's own.

Revision ID: r0017_pulled_session_notes
Revises: r0016_check_in_note_sign
"""

import sqlalchemy as sa
from alembic import op

revision = "r0017_pulled_session_notes"
down_revision = "r0016_check_in_note_sign"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("session_notes", sa.Column("pulled", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    # The copies go with the flag: kept, they would read as the server's own notes; the next sync brings them back.
    op.execute(sa.text("DELETE FROM session_notes WHERE pulled"))
    op.drop_column("session_notes", "pulled")
