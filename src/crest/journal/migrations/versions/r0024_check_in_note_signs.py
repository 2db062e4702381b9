"""Every warning sign crest read in a check-in's note, most urgent first, where r0016 kept one (the most urgent): a
note naming an urgent sign and a see-a-clinician one is read for both, and a practice server that keeps no notes
now alerts on both. Kept in `note_signs`, separated by spaces (help entry ids have none); r0016's `note_sign` is
copied into it, then dropped.

Revision ID: r0024_check_in_note_signs
Revises: r0023_note_author
"""

import sqlalchemy as sa
from alembic import op

revision = "r0024_check_in_note_signs"
down_revision = "r0023_note_author"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD and DROP COLUMN, never a table rebuild (as r0016): rebuilding check_ins would drop their ratings by cascade.
    op.add_column("check_ins", sa.Column("note_signs", sa.Text(), nullable=True))
    op.execute("UPDATE check_ins SET note_signs = note_sign WHERE note_sign IS NOT NULL")
    op.drop_column("check_ins", "note_sign")


def downgrade() -> None:
    # The way back keeps the most urgent sign, the first, as the crest before this revision kept only that one.
    op.add_column("check_ins", sa.Column("note_sign", sa.String(100), nullable=True))
    connection = op.get_bind()
    kept = connection.execute(sa.text("SELECT id, note_signs FROM check_ins WHERE note_signs IS NOT NULL")).all()
    if kept:
        connection.execute(
            sa.text("UPDATE check_ins SET note_sign = :sign WHERE id = :id"),
            [{"id": row_id, "sign": signs.split()[0]} for row_id, signs in kept],
        )
    op.drop_column("check_ins", "note_signs")
