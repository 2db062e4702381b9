"""Name the process that writes a session's checkpoints `writer`, so that "owner" stays free for accounts.

Revision ID: r0002_session_writer
Revises: r0001_initial
"""

from alembic import op

revision = "r0002_session_writer"
down_revision = "r0001_initial"
branch_labels = None
depends_on = None

# A plain RENAME COLUMN (SQLite 3.25+, PostgreSQL): rebuilding the table instead would drop practice_sessions,
# and with foreign keys on, dropping it deletes every check-in that belongs to a session.


def upgrade() -> None:
    op.execute("ALTER TABLE practice_sessions RENAME COLUMN owner TO writer")


def downgrade() -> None:
    op.execute("ALTER TABLE practice_sessions RENAME COLUMN writer TO owner")
