"""The address each sign-in session began from: an account's Account page lists where it is signed in, so that a
person can tell a sign-in that is not theirs and end it (ASVS 5.0 V7.5.2).

Revision ID: r0011_sign_in_addresses
Revises: r0010_password_resets
"""

import sqlalchemy as sa
from alembic import op

revision = "r0011_sign_in_addresses"
down_revision = "r0010_password_resets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_sessions") as table:
        table.add_column(sa.Column("address", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("auth_sessions") as table:
        table.drop_column("address")
