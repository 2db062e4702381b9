"""A clinician's all-clear for answers that advised seeing one (who, which day, which answers it covers), and
sessions logged rather than timed (done without the app: on holiday, at a class).

Revision ID: r0004_safety_clearance
Revises: r0003_psfs
"""

import sqlalchemy as sa
from alembic import op

revision = "r0004_safety_clearance"
down_revision = "r0003_psfs"
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
    # ADD COLUMN, never a table rebuild: rebuilding practice_sessions would drop it, and its check-ins with it.
    op.add_column("practice_sessions", sa.Column("logged", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("practice_sessions", "logged")
    op.drop_table("safety_clearances")
