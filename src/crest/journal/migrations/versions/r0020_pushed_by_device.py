"""Each synced record notes the linked computer that pushed it (`device_tokens.id`), so that the practice tells a
computer which of its records it holds (GET /api/sync/held) and never another's. NULL for every record kept before:
none can be told apart from what the person entered on the practice's pages, so no computer is told it.

Revision ID: r0020_pushed_by_device
Revises: r0019_plain_notes
"""

import sqlalchemy as sa
from alembic import op

revision = "r0020_pushed_by_device"
down_revision = "r0019_plain_notes"
branch_labels = None
depends_on = None

TABLES = ("practice_sessions", "check_ins", "safety_screens", "psfs_assessments")


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild: rebuilding these would drop their ratings and answers by cascade.
    for table in TABLES:
        op.add_column(table, sa.Column("pushed_by_device", sa.Integer(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "pushed_by_device")
