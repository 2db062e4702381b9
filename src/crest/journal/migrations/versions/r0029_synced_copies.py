"""The same rest (or check-in) logged on two computers of one person, pushed by each under its own uid, is held once
at the practice: the second computer's uid is kept beside the row it names (`synced_copies`), so that each computer
is still told its own records (GET /api/sync/held) and deletes only its own. Rows held before stay as they were:
none is merged by this revision.

Revision ID: r0029_synced_copies
Revises: r0028_kept_warning_sign_rules
"""

import sqlalchemy as sa
from alembic import op

revision = "r0029_synced_copies"
down_revision = "r0028_kept_warning_sign_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    person = sa.ForeignKey("people.id", ondelete="CASCADE", name="fk_synced_copies_person_id")
    op.create_table(
        "synced_copies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), person, server_default=sa.text("1"), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("pushed_by_device", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("practice_sessions.id", ondelete="CASCADE"), nullable=True),
        sa.Column("check_in_id", sa.Integer(), sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=True),
    )
    op.create_index("ix_synced_copies_person_uid", "synced_copies", ["person_id", "uid"], unique=True)
    op.create_index("ix_synced_copies_session_id", "synced_copies", ["session_id"])
    op.create_index("ix_synced_copies_check_in_id", "synced_copies", ["check_in_id"])


def downgrade() -> None:
    op.drop_table("synced_copies")
