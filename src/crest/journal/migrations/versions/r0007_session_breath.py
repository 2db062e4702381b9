"""A session's breath reading (rates per window, reasons for no reading, movement times), as JSON text.

Numbered r0007 because other branches hold r0005 and r0006; it follows the head that main had when it was
written, so merging them means chaining these three in one line.

Revision ID: r0007_session_breath
Revises: r0004_safety_clearance
"""

import sqlalchemy as sa
from alembic import op

revision = "r0007_session_breath"
down_revision = "r0004_safety_clearance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild: rebuilding practice_sessions would drop it, and its check-ins with it.
    op.add_column("practice_sessions", sa.Column("breath", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("practice_sessions", "breath")
