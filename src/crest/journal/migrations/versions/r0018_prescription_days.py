"""The weekdays a practitioner chose for a prescription (mon,wed,fri); NULL for a prescription without them, as
every one before was: the client's reminder spreads its days a week itself.

Revision ID: r0018_prescription_days
Revises: r0017_pulled_session_notes
"""

import sqlalchemy as sa
from alembic import op

revision = "r0018_prescription_days"
down_revision = "r0017_pulled_session_notes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, never a table rebuild: the prescriptions stay as they are, with no days chosen.
    op.add_column("prescriptions", sa.Column("days", sa.String(27), nullable=True))


def downgrade() -> None:
    op.drop_column("prescriptions", "days")
