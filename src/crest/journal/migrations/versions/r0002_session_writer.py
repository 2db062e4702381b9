"""Name the process that writes a session's checkpoints `writer`, so that "owner" stays free for accounts.

Revision ID: r0002_session_writer
Revises: r0001_initial
"""

from alembic import op

revision = "r0002_session_writer"
down_revision = "r0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("practice_sessions") as table:
        table.alter_column("owner", new_column_name="writer")


def downgrade() -> None:
    with op.batch_alter_table("practice_sessions") as table:
        table.alter_column("writer", new_column_name="owner")
