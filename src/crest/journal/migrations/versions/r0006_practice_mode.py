"""Practice mode: people own journals, accounts sign in. Every data table gets `person_id` (1, the local person,
for every existing row) and a stable `uid` for `crest sync`; settings become per person; the practice tables are new.

On SQLite a new foreign key means copying the table (Alembic's batch mode): the migration runner has foreign keys
off while it runs, so dropping the old `practice_sessions` deletes no check-in, and the copy is checked with
`PRAGMA foreign_key_check` before the transaction commits. `settings`, which nothing references, is copied into a
table with its new primary key.

Revision ID: r0006_practice_mode
Revises: r0004_safety_clearance
"""

import sqlalchemy as sa
from alembic import op

revision = "r0006_practice_mode"
down_revision = "r0004_safety_clearance"
branch_labels = None
depends_on = None

# (table, time column) of every data table a person owns, each with its own uid for sync.
_DATA_TABLES = (
    ("practice_sessions", "started_at"),
    ("check_ins", "at"),
    ("safety_screens", "answered_at"),
    ("psfs_assessments", "at"),
)
_SHORT = {
    "practice_sessions": "practice_sessions_person_started",
    "check_ins": "check_ins_person_at",
    "safety_screens": "safety_screens_person_answered",
    "psfs_assessments": "psfs_assessments_person_at",
}


def _random_uid() -> str:
    """32 random hex digits, in each database's own words (the migration must not depend on Python's uuid)."""
    if op.get_bind().dialect.name == "postgresql":
        return "md5(random()::text || clock_timestamp()::text || id::text)"
    return "lower(hex(randomblob(16)))"


def _when() -> sa.Column[object]:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table("people", sa.Column("id", sa.Integer(), primary_key=True), _when())
    op.execute("INSERT INTO people (id, created_at) VALUES (1, CURRENT_TIMESTAMP)")
    if op.get_bind().dialect.name == "postgresql":  # an explicit id leaves the sequence behind
        op.execute("SELECT setval(pg_get_serial_sequence('people', 'id'), 1)")

    for table, moment in _DATA_TABLES:
        # On SQLite, adding a foreign key copies the table (foreign keys are off, so nothing cascades); on
        # PostgreSQL it is an ALTER TABLE. Existing rows take the default: person 1, the local person.
        with op.batch_alter_table(table) as batch:
            person = sa.ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{table}_person_id")
            batch.add_column(sa.Column("person_id", sa.Integer(), person, server_default=sa.text("1"), nullable=False))
            batch.add_column(sa.Column("uid", sa.String(32), server_default=sa.text("''"), nullable=False))
        op.execute(f"UPDATE {table} SET uid = {_random_uid()}")
        op.drop_index(f"ix_{table}_{moment}", table_name=table)
        op.create_index(f"ix_{_SHORT[table]}", table, ["person_id", moment])
        op.create_index(f"ix_{table}_person_uid", table, ["person_id", "uid"], unique=True)

    with op.batch_alter_table("safety_clearances") as batch:  # a clinician's all-clear is one person's too
        person = sa.ForeignKey("people.id", ondelete="CASCADE", name="fk_safety_clearances_person_id")
        batch.add_column(sa.Column("person_id", sa.Integer(), person, server_default=sa.text("1"), nullable=False))
    op.create_index("ix_safety_clearances_person_recorded", "safety_clearances", ["person_id", "recorded_at"])

    op.create_table(
        "settings_by_person",
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.execute("INSERT INTO settings_by_person (person_id, key, value) SELECT 1, key, value FROM settings")
    op.drop_table("settings")
    op.rename_table("settings_by_person", "settings")

    _create_practice_tables()


def _create_practice_tables() -> None:
    moment = sa.DateTime(timezone=True)
    op.create_table(
        "practices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        _when(),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
        _when(),
        sa.Column("removed_at", moment, nullable=True),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("practice_id", sa.Integer(), sa.ForeignKey("practices.id", ondelete="CASCADE"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        _when(),
        sa.Column("ended_at", moment, nullable=True),
    )
    op.create_index("ix_memberships_practice_id", "memberships", ["practice_id"])
    op.create_index("ix_memberships_account_id", "memberships", ["account_id"])
    membership = sa.ForeignKey("memberships.id", ondelete="CASCADE")
    op.create_table(
        "care_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("practice_id", sa.Integer(), sa.ForeignKey("practices.id", ondelete="CASCADE"), nullable=False),
        sa.Column("practitioner_membership_id", sa.Integer(), membership, nullable=False),
        sa.Column(
            "client_membership_id",
            sa.Integer(),
            sa.ForeignKey("memberships.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _when(),
        sa.Column("consent_granted_at", moment, nullable=True),
        sa.Column("consent_revoked_at", moment, nullable=True),
        sa.Column("share_notes", sa.Boolean(), nullable=False),
        sa.Column("ended_at", moment, nullable=True),
    )
    op.create_index("ix_care_links_practitioner_membership_id", "care_links", ["practitioner_membership_id"])
    op.create_index("ix_care_links_client_membership_id", "care_links", ["client_membership_id"])
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("practice_id", sa.Integer(), sa.ForeignKey("practices.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column(
            "invited_by_membership_id",
            sa.Integer(),
            sa.ForeignKey("memberships.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _when(),
        sa.Column("expires_at", moment, nullable=False),
        sa.Column("used_at", moment, nullable=True),
    )
    op.create_table(
        "auth_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        _when(),
        sa.Column("last_seen_at", moment, nullable=False),
        sa.Column("expires_at", moment, nullable=False),
        sa.Column("ended_at", moment, nullable=True),
    )
    op.create_index("ix_auth_sessions_account_id", "auth_sessions", ["account_id"])
    op.create_table(
        "device_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        _when(),
        sa.Column("last_sync_at", moment, nullable=True),
        sa.Column("revoked_at", moment, nullable=True),
    )
    op.create_index("ix_device_tokens_account_id", "device_tokens", ["account_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("at", moment, nullable=False),
    )
    op.create_index("ix_login_failures_key_at", "login_failures", ["key", "at"])
    op.create_table(
        "prescriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("care_link_id", sa.Integer(), sa.ForeignKey("care_links.id", ondelete="CASCADE"), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("sessions_per_day", sa.Integer(), nullable=False),
        sa.Column("days_per_week", sa.Integer(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("reminder_time", sa.String(5), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("prescribed_by", sa.String(200), nullable=False),
        _when(),
        sa.UniqueConstraint("care_link_id", "version", name="uq_prescriptions_link_version"),
    )
    op.create_index("ix_prescriptions_person_created", "prescriptions", ["person_id", "created_at"])
    op.create_table(
        "alert_acknowledgements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("care_link_id", sa.Integer(), sa.ForeignKey("care_links.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("acknowledged_at", moment, nullable=False),
    )
    op.create_index("ix_alert_acknowledgements_link_kind", "alert_acknowledgements", ["care_link_id", "kind"])
    op.create_table(
        "session_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "session_id", sa.Integer(), sa.ForeignKey("practice_sessions.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _when(),
    )
    op.create_index("ix_session_notes_session_id", "session_notes", ["session_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", moment, nullable=False),
        sa.Column("actor_account_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=True),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("subject_person_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(64), nullable=True),
        sa.Column("detail", sa.String(300), nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_subject_at", "audit_log", ["subject_person_id", "at"])


def downgrade() -> None:
    raise NotImplementedError("crest never moves a journal back to an older schema")
