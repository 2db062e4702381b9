"""The Patient-Specific Functional Scale: rounds of up to five activities, each rated 0-10.

Revision ID: r0003_psfs
Revises: r0002_session_writer
"""

import sqlalchemy as sa
from alembic import op

revision = "r0003_psfs"
down_revision = "r0002_session_writer"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "psfs_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_psfs_assessments_at", "psfs_assessments", ["at"])
    op.create_table(
        "psfs_activities",
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey("psfs_assessments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("psfs_activities")
    op.drop_index("ix_psfs_assessments_at", table_name="psfs_assessments")
    op.drop_table("psfs_assessments")
