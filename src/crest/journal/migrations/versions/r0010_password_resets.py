"""Password reset links: one-time links an admin, a practitioner or the server's operator makes for someone who
forgot their password (crest sends no email). Only the code's SHA-256 is kept, as for invitations.

Revision ID: r0010_password_resets
Revises: r0009_audit_by_actor
"""

import sqlalchemy as sa
from alembic import op

revision = "r0010_password_resets"
down_revision = "r0009_audit_by_actor"
branch_labels = None
depends_on = None


def upgrade() -> None:
    moment = sa.DateTime(timezone=True)
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("made_by_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("expires_at", moment, nullable=False),
        sa.Column("used_at", moment, nullable=True),
    )
    op.create_index("ix_password_resets_account_id", "password_resets", ["account_id"])


def downgrade() -> None:
    op.drop_table("password_resets")
