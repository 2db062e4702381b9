"""`crest link` whose answer was lost (the practice took the invitation, the token never came) may be run again: the
invitation keeps the SHA-256 of the random key the first `crest link` sent (and kept), and which computer it linked,
so that a repeat with the same key ends that first token and answers with a new one. Invitations used before this
revision have neither, and are not taken again, as before.

Revision ID: r0027_invite_link_key
Revises: r0026_check_in_note_sign_rules
"""

import sqlalchemy as sa
from alembic import op

revision = "r0027_invite_link_key"
down_revision = "r0026_check_in_note_sign_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invites", sa.Column("link_key_hash", sa.String(64), nullable=True))
    op.add_column("invites", sa.Column("linked_device_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("invites", "linked_device_id")
    op.drop_column("invites", "link_key_hash")
