"""Urgent-care warning signs kept apart from the check-in that raised them, so that deleting or correcting the
check-in, or deleting everything, does not lift the hold before its waiting time ends.

Revision ID: r0014_safety_warnings
Revises: r0013_second_factor_resets
"""

import sqlalchemy as sa
from alembic import op

revision = "r0014_safety_warnings"
down_revision = "r0013_second_factor_resets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    moment = sa.DateTime(timezone=True)
    person = sa.ForeignKey("people.id", ondelete="CASCADE", name="fk_safety_warnings_person_id")
    op.create_table(
        "safety_warnings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), person, server_default=sa.text("1"), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("held_until", moment, nullable=False),
        sa.Column("raised_at", moment, nullable=True),
        sa.Column("check_in_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("named", sa.Text(), nullable=True),
    )
    op.create_index("ix_safety_warnings_person_held_until", "safety_warnings", ["person_id", "held_until"])


def downgrade() -> None:
    op.drop_index("ix_safety_warnings_person_held_until", table_name="safety_warnings")
    op.drop_table("safety_warnings")
