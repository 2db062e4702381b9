"""The first journal schema: sessions, check-ins with pain and sensations, safety answers, settings.

Revision ID: r0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "r0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("actual_seconds", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("position_check_summary", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(300), nullable=True),
        sa.Column("last_checkpoint_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_practice_sessions_started_at", "practice_sessions", ["started_at"])
    op.create_index("ix_practice_sessions_status", "practice_sessions", ["status"])
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timing", sa.String(20), nullable=False),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("practice_sessions.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("compared_with_before", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_check_ins_at", "check_ins", ["at"])
    op.create_index("ix_check_ins_session_id", "check_ins", ["session_id"])
    op.create_table(
        "pain_ratings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("check_in_id", sa.Integer(), sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("side", sa.String(20), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
    )
    op.create_index("ix_pain_ratings_check_in_id", "pain_ratings", ["check_in_id"])
    op.create_table(
        "check_in_sensations",
        sa.Column(
            "check_in_id",
            sa.Integer(),
            sa.ForeignKey("check_ins.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("sensation", sa.String(40), primary_key=True),
    )
    op.create_table(
        "safety_screens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("advice_level", sa.String(40), nullable=False),
    )
    op.create_index("ix_safety_screens_answered_at", "safety_screens", ["answered_at"])
    op.create_table(
        "safety_answers",
        sa.Column(
            "screen_id",
            sa.Integer(),
            sa.ForeignKey("safety_screens.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("question_id", sa.String(80), primary_key=True),
        sa.Column("answer", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "settings",
        "safety_answers",
        "safety_screens",
        "check_in_sensations",
        "pain_ratings",
        "check_ins",
        "practice_sessions",
    ):
        op.drop_table(table)
