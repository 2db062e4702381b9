"""Which sign of each help entry a check-in's note named (`note_sign_rules`, the red-flag rules that fired), kept
beside the entries (`note_signs`): a practice that keeps no note named a night-pain note by its entry's title, every
sign of possible cancer. Kept by the rules' names, separated by spaces (they have none). Check-ins stored before this
revision have none, and are named by their entries, as before.

Revision ID: r0026_check_in_note_sign_rules
Revises: r0025_stored_at
"""

import sqlalchemy as sa
from alembic import op

revision = "r0026_check_in_note_sign_rules"
down_revision = "r0025_stored_at"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild (as r0016): rebuilding check_ins would drop their ratings by cascade.
    op.add_column("check_ins", sa.Column("note_sign_rules", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("check_ins", "note_sign_rules")
