"""A session's breath reading (rates per window, reasons for no reading, movement times), as JSON text.

Numbered r0007 because r0005 is taken on another branch (data: r0005_pain_places, not yet on main); it follows
main's head, r0006_practice_mode.

Revision ID: r0008_session_breath
Revises: r0007_pain_places
"""

import sqlalchemy as sa
from alembic import op

revision = "r0008_session_breath"
down_revision = "r0007_pain_places"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild: rebuilding practice_sessions would drop it, and its check-ins with it.
    op.add_column("practice_sessions", sa.Column("breath", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("practice_sessions", "breath")
