"""The warning sign crest read in a check-in's note, kept without the note's words: a practice server that keeps
no notes still holds practice and alerts on a sign only a note can name (bladder or bowel trouble).

Revision ID: r0016_check_in_note_sign
Revises: r0015_session_demo
"""

import sqlalchemy as sa
from alembic import op

revision = "r0016_check_in_note_sign"
down_revision = "r0015_session_demo"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild: rebuilding check_ins would drop their ratings by cascade.
    op.add_column("check_ins", sa.Column("note_sign", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column("check_ins", "note_sign")
