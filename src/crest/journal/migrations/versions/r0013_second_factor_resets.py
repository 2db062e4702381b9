"""A second factor reset by someone else (the practice's admin, or the server's operator): when and by whom, kept
until the account sets up a new one, so that its owner is told at their next sign-in (OWASP ASVS 5.0 6.3.6).

Revision ID: r0013_second_factor_resets
Revises: r0012_second_factors
"""

import sqlalchemy as sa
from alembic import op

revision = "r0013_second_factor_resets"
down_revision = "r0012_second_factors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "second_factor_resets",
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("reset_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reset_by", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("second_factor_resets")
