"""A second factor for practice mode's sign-in (OWASP ASVS 5.0 6.3.3): an authenticator app's TOTP secret per
account with the last time step used (no code twice), single-use recovery codes kept as argon2id hashes, and the
half-signed-in state between the password and the code.

Revision ID: r0012_second_factors
Revises: r0011_sign_in_addresses
"""

import sqlalchemy as sa
from alembic import op

revision = "r0012_second_factors"
down_revision = "r0011_sign_in_addresses"
branch_labels = None
depends_on = None


def upgrade() -> None:
    moment = sa.DateTime(timezone=True)
    account = sa.ForeignKey("accounts.id", ondelete="CASCADE")
    op.create_table(
        "second_factors",
        sa.Column("account_id", sa.Integer(), account, primary_key=True),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("confirmed_at", moment, nullable=True),
        sa.Column("last_step", sa.BigInteger(), nullable=True),
    )
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code_hash", sa.String(200), nullable=False),
        sa.Column("used_at", moment, nullable=True),
    )
    op.create_index("ix_recovery_codes_account_id", "recovery_codes", ["account_id"])
    op.create_table(
        "pending_sign_ins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("expires_at", moment, nullable=False),
        sa.Column("address", sa.String(64), nullable=True),
    )
    op.create_index("ix_pending_sign_ins_account_id", "pending_sign_ins", ["account_id"])


def downgrade() -> None:
    op.drop_table("pending_sign_ins")
    op.drop_table("recovery_codes")
    op.drop_table("second_factors")
