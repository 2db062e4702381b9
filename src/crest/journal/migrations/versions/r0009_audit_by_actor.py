"""The audit log read by who acted: an account's own recent activity (what, when, from where) on its Account page.

Revision ID: r0009_audit_by_actor
Revises: r0008_session_breath
"""

from alembic import op

revision = "r0009_audit_by_actor"
down_revision = "r0008_session_breath"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_log_actor_at", "audit_log", ["actor_account_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_actor_at", "audit_log")
