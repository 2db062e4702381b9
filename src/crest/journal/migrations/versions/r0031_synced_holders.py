"""The same record, under the same uid, pushed by two computers of one person (a journal copied to the second, or
restored there from an export that kept the uids): the row stays the first computer's and the second is noted
beside it (`synced_holders`), so that each is told its own records (GET /api/sync/held) and deletes only its own.
Before, the row moved to whichever computer pushed it last, and the other sent it again at its next sync.

Revision ID: r0031_synced_holders
Revises: r0030_invite_withdrawn
"""

import sqlalchemy as sa
from alembic import op

revision = "r0031_synced_holders"
down_revision = "r0030_invite_withdrawn"
branch_labels = None
depends_on = None


def upgrade() -> None:
    person = sa.ForeignKey("people.id", ondelete="CASCADE", name="fk_synced_holders_person_id")
    op.create_table(
        "synced_holders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), person, server_default=sa.text("1"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("pushed_by_device", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_synced_holders_person_kind_uid_device",
        "synced_holders",
        ["person_id", "kind", "uid", "pushed_by_device"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_table("synced_holders")
