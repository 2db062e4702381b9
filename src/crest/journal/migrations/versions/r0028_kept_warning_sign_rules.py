"""Which red-flag rules a kept urgent warning's sign came from (`SafetyWarning.sign_rules`), beside its words: a sign
whose words a later crest rewords still finds its help entry, and cites its sources, by the rules' names. Kept by
the names, separated by spaces (they have none). Warnings kept before this revision have none, and find their entry
by their words, as before.

Revision ID: r0028_kept_warning_sign_rules
Revises: r0027_invite_link_key
"""

import sqlalchemy as sa
from alembic import op

revision = "r0028_kept_warning_sign_rules"
down_revision = "r0027_invite_link_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("safety_warnings", sa.Column("sign_rules", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("safety_warnings", "sign_rules")
