"""The journal's tables (SQLAlchemy 2 ORM). Migrations in `migrations/versions` create exactly these."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware times as UTC; SQLite keeps no zone, so every value read back is marked UTC again."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class SessionRow(Base):
    __tablename__ = "practice_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    actual_seconds: Mapped[int] = mapped_column(Integer, default=0)
    variant: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    position_check_summary: Mapped[str | None] = mapped_column(Text)
    writer: Mapped[str | None] = mapped_column(String(300))  # the process writing checkpoints: pid@host
    last_checkpoint_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    logged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # done without the app
    breath: Mapped[str | None] = mapped_column(Text)  # the breath reading as JSON: numbers only, never pictures


class CheckInRow(Base):
    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    timing: Mapped[str] = mapped_column(String(20))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True
    )
    compared_with_before: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    pain: Mapped[list[PainRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PainRow.position", lazy="selectin"
    )
    sensations: Mapped[list[SensationRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SensationRow.sensation", lazy="selectin"
    )


class PainRow(Base):
    __tablename__ = "pain_ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_in_id: Mapped[int] = mapped_column(ForeignKey("check_ins.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(40))
    side: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)


class SensationRow(Base):
    __tablename__ = "check_in_sensations"

    check_in_id: Mapped[int] = mapped_column(ForeignKey("check_ins.id", ondelete="CASCADE"), primary_key=True)
    sensation: Mapped[str] = mapped_column(String(40), primary_key=True)


class SafetyScreenRow(Base):
    __tablename__ = "safety_screens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    advice_level: Mapped[str] = mapped_column(String(40))
    answers: Mapped[list[SafetyAnswerRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SafetyAnswerRow.question_id",
        lazy="selectin",
    )


class SafetyAnswerRow(Base):
    __tablename__ = "safety_answers"

    screen_id: Mapped[int] = mapped_column(
        ForeignKey("safety_screens.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    answer: Mapped[bool] = mapped_column(Boolean)


class SafetyClearanceRow(Base):
    __tablename__ = "safety_clearances"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    clinician: Mapped[str] = mapped_column(String(200))
    cleared_on: Mapped[date] = mapped_column(Date)
    question_ids: Mapped[str] = mapped_column(Text)  # the answers it covers, separated by spaces


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PsfsAssessmentRow(Base):
    """One round of the Patient-Specific Functional Scale."""

    __tablename__ = "psfs_assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    activities: Mapped[list[PsfsActivityRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="PsfsActivityRow.position", lazy="selectin"
    )


class PsfsActivityRow(Base):
    __tablename__ = "psfs_activities"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("psfs_assessments.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)
