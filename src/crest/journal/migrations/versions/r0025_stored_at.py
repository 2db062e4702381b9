"""When a journal stored each check-in and set of safety answers (`stored_at`): a practice's alerts count from it,
so a record a linked crest syncs after the practitioner acknowledged an alert raises the alert again. Records
stored before this revision have none, and count from their own time, as before.

Revision ID: r0025_stored_at
Revises: r0024_check_in_note_signs
"""

import sqlalchemy as sa
from alembic import op

revision = "r0025_stored_at"
down_revision = "r0024_check_in_note_signs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild (as r0016): rebuilding check_ins would drop their ratings by cascade.
    op.add_column("check_ins", sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("safety_screens", sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("safety_screens", "stored_at")
    op.drop_column("check_ins", "stored_at")
