"""Tables of the backend. Changes go through an Alembic migration (backend/alembic/versions)."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Enum, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.db import Base


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every datetime we store is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as plain strings with a CHECK constraint: the same on SQLite and PostgreSQL.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )


class StaffRole(enum.StrEnum):
    CASE_MANAGER = "case_manager"
    VOLUNTEER = "volunteer"
    ADMINISTRATOR = "administrator"


class IntakeStatus(enum.StrEnum):
    PARTIAL = "partial"
    SUBMITTED = "submitted"


class AnswerSource(enum.StrEnum):
    CHAT = "chat"  # typed or tapped by the person themself
    VOLUNTEER = "volunteer"  # entered in a session a volunteer assisted
    CASE_MANAGER = "case_manager"  # entered or corrected by a case manager


class Municipality(Base):
    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


staff_municipality = Table(
    "staff_municipality",
    Base.metadata,
    Column("staff_user_id", ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_code", ForeignKey("municipality.code"), primary_key=True),
)


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[StaffRole] = mapped_column(_enum(StaffRole, "staff_role"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    municipalities: Mapped[list[Municipality]] = relationship(secondary=staff_municipality, lazy="selectin")

    @property
    def municipality_codes(self) -> set[str]:
        return {m.code for m in self.municipalities}


class StaffSession(Base):
    """A staff login. Only the SHA-256 of the bearer token is stored."""

    __tablename__ = "staff_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    user: Mapped[StaffUser] = relationship(lazy="joined")


class Conversation(Base):
    """A statushouder's chat. The browser holds the unguessable id; we store only its hash."""

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_message_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Intake(Base):
    """The pre-intake of one person, filled from one conversation."""

    __tablename__ = "intake"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"), unique=True)
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    status: Mapped[IntakeStatus] = mapped_column(_enum(IntakeStatus, "intake_status"))
    schema_version: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    answers: Mapped[list[IntakeAnswer]] = relationship(
        back_populates="intake", order_by="(IntakeAnswer.question_id, IntakeAnswer.version)", lazy="selectin"
    )


class IntakeAnswer(Base):
    """One version of one answer. A correction adds a version; nothing is overwritten."""

    __tablename__ = "intake_answer"
    __table_args__ = (UniqueConstraint("intake_id", "question_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(60))
    version: Mapped[int]
    value: Mapped[Any] = mapped_column(JSON)
    # What the person typed, in their own words and script, and in which language.
    original_text: Mapped[str | None] = mapped_column(Text)
    original_language: Mapped[str] = mapped_column(String(10))
    source: Mapped[AnswerSource] = mapped_column(_enum(AnswerSource, "answer_source"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    intake: Mapped[Intake] = relationship(back_populates="answers")


class AuditEvent(Base):
    """Who read or changed personal data, and when. Never deleted by the application."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64), index=True)
    municipality_code: Mapped[str | None] = mapped_column(String(4))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
