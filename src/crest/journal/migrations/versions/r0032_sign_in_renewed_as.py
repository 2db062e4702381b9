"""Which sign-in a renewal went on under (`auth_sessions.renewed_as`, the new token's hash, set as the old one ends):
two tabs renewing one sign-in at once, the later finds it ended and follows this to the earlier's new token, instead
of matching it by when it began, its time-out and address, which two sign-ins renewed in one clock tick share. A
sign-in ended otherwise (signed out, ended from elsewhere) has none; so have those ended before this revision.

Revision ID: r0032_sign_in_renewed_as
Revises: r0031_synced_holders
"""

import sqlalchemy as sa
from alembic import op

revision = "r0032_sign_in_renewed_as"
down_revision = "r0031_synced_holders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_sessions") as table:
        table.add_column(sa.Column("renewed_as", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("auth_sessions") as table:
        table.drop_column("renewed_as")
