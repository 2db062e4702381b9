"""Each practitioner's note on a session names the account that wrote it, so that its author can edit or delete it
on the client's page (the next `crest sync` carries the change to the client's crest). NULL for every note kept
before, which any practitioner who follows the client may edit or delete (nothing else tells its author), and for a
linked crest's copies.

Revision ID: r0023_note_author
Revises: r0022_plain_names
"""

import sqlalchemy as sa
from alembic import op

revision = "r0023_note_author"
down_revision = "r0022_plain_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild (as r0020): a plain number, no foreign key, since an account's row may go.
    op.add_column("session_notes", sa.Column("author_account_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("session_notes", "author_account_id")
