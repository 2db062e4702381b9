"""An invitation withdrawn is told apart from one that ran out: `withdrawn_at`. A withdrawal used to end the link by
setting `expires_at` to that moment, so the practitioner's list dropped every invitation no longer open, and a client
whose link ran out vanished from it without a word. Now an invitation that ran out stays listed ("expired on ...")
until its sender withdraws it.

Invitations already there: every one was made to last exactly 14 days (`INVITE_LIFETIME`, unchanged since practice
mode began, and a withdrawal was only possible while it was open), so one not used that ended sooner was withdrawn,
at the moment it ended.

Revision ID: r0030_invite_withdrawn
Revises: r0029_synced_copies
"""

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "r0030_invite_withdrawn"
down_revision = "r0029_synced_copies"
branch_labels = None
depends_on = None

# The lifetime as this revision knows it (a migration must not follow later changes to the rule).
_LIFETIME = timedelta(days=14)
_INVITES = sa.table(
    "invites",
    sa.column("id", sa.Integer()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("expires_at", sa.DateTime(timezone=True)),
    sa.column("used_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    op.add_column("invites", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_INVITES.c.id, _INVITES.c.created_at, _INVITES.c.expires_at).where(_INVITES.c.used_at.is_(None))
    )
    # both times read alike (naive on SQLite, aware on PostgreSQL), so their difference is the link's life
    withdrawn = [{"invite": row.id} for row in rows if row.expires_at - row.created_at < _LIFETIME]
    if withdrawn:
        connection.execute(sa.text("UPDATE invites SET withdrawn_at = expires_at WHERE id = :invite"), withdrawn)


def downgrade() -> None:
    # a withdrawal stays an end of the link (its `expires_at`), as an older crest reads it
    op.drop_column("invites", "withdrawn_at")
