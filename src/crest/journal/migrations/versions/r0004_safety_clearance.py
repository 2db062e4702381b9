"""A clinician's all-clear for answers that advised seeing one (who, which day, which answers it covers).

Revision ID: r0004_safety_clearance
Revises: r0002_session_writer
"""

import sqlalchemy as sa
from alembic import op

revision = "r0004_safety_clearance"
down_revision = "r0002_session_writer"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_clearances",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("clinician", sa.String(200), nullable=False),
        sa.Column("cleared_on", sa.Date(), nullable=False),
        sa.Column("question_ids", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("safety_clearances")
