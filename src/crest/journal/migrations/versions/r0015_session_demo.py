"""A session run on a clock faster than real time (`crest session --speed`, the page's `?speed=`): a demo, kept
for its check-ins but never counted as practice. Sessions already written were all taken as real ones.

Revision ID: r0015_session_demo
Revises: r0014_safety_warnings
"""

import sqlalchemy as sa
from alembic import op

revision = "r0015_session_demo"
down_revision = "r0014_safety_warnings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild: rebuilding practice_sessions would drop it, and its check-ins with it.
    op.add_column("practice_sessions", sa.Column("demo", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("practice_sessions", "demo")
