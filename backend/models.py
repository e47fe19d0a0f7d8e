"""Tables of the backend. Changes go through an Alembic migration (backend/alembic/versions)."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.db import Base
from backend.security import new_sender_id


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every datetime we store is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# Where the team works: a day on the calendar is a day in Amsterdam (from 23:00 or 22:00 UTC it
# is already the next day there).
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def day_in_amsterdam(moment: datetime) -> date:
    return as_utc(moment).astimezone(AMSTERDAM).date()


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
    FORM = "form"  # typed by the person (or beside them) in the web form instead of the chat


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
    # A volunteer sits beside the person: answers given meanwhile are marked as assisted.
    assisted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    assisted_by: Mapped[StaffUser | None] = relationship()
    # Rasa knows the conversation by this pseudonym (its sender id), never by the phone's token:
    # what Rasa stores or logs then opens no chat. The action server names the conversation by
    # it when it saves answers; erasure and retention delete Rasa's events of this sender.
    rasa_sender: Mapped[str] = mapped_column(String(200), unique=True, default=new_sender_id)
    # When the retention job last deleted Rasa's transcript of this conversation.
    transcript_deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


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
    # The person asked in the chat to talk to a person (a flag for the case manager).
    help_requested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The sequence number of the newest save from the action server that was stored: a late
    # retry of an older save must never overwrite newer answers (backend/intakes.py).
    last_save_sequence: Mapped[int | None] = mapped_column(BigInteger)
    # The person started over on their phone: this partial intake will not be continued (it is
    # kept for the team until retention deletes it, or deleted at once if the person chose so).
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    answers: Mapped[list[IntakeAnswer]] = relationship(
        back_populates="intake",
        order_by="(IntakeAnswer.question_id, IntakeAnswer.item, IntakeAnswer.version)",
        lazy="selectin",
    )
    section_reviews: Mapped[list[SectionReview]] = relationship(
        back_populates="intake", order_by="SectionReview.reviewed_at", lazy="selectin"
    )
    start: Mapped[IntakeStart | None] = relationship(lazy="selectin")
    # The person's rating of the chat after sending (backend/satisfaction.py); read in the intake's detail only.
    satisfaction_rating: Mapped[SatisfactionRating | None] = relationship(lazy="select", viewonly=True)


class NoAnswer(enum.StrEnum):
    """Why an answer holds no value."""

    SKIPPED = "skipped"  # the person chose not to answer
    DONT_KNOW = "dont_know"
    NONE = "none"  # the person has none: no e-mail address, no courses
    NEEDS_HELP = "needs_help"  # repeated invalid answers: to be asked in the meeting
    NOT_APPLICABLE = "not_applicable"  # a later change made the question not apply
    REMOVED = "removed"  # a repeating-group item that is no longer there


class IntakeAnswer(Base):
    """One version of one answer. A correction adds a version; nothing is overwritten.

    `item` numbers the items of a repeating group (school 0, school 1, ...); it is 0 for
    ordinary questions.
    """

    __tablename__ = "intake_answer"
    __table_args__ = (UniqueConstraint("intake_id", "question_id", "item", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(60))
    item: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version: Mapped[int]
    value: Mapped[Any] = mapped_column(JSON)
    no_answer: Mapped[NoAnswer | None] = mapped_column(_enum(NoAnswer, "no_answer"))
    # What the person typed, in their own words and script, and in which language.
    original_text: Mapped[str | None] = mapped_column(Text)
    original_language: Mapped[str] = mapped_column(String(10))
    source: Mapped[AnswerSource] = mapped_column(_enum(AnswerSource, "answer_source"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    intake: Mapped[Intake] = relationship(back_populates="answers")
    translation: Mapped[AnswerTranslation | None] = relationship(back_populates="answer", lazy="selectin")


class SectionReview(Base):
    """A case manager confirmed one section of an intake as checked."""

    __tablename__ = "section_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[str] = mapped_column(String(40))
    reviewed_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    intake: Mapped[Intake] = relationship(back_populates="section_reviews")
    reviewed_by: Mapped[StaffUser] = relationship(lazy="joined")


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


# -- Appointments with the regional integration team (RIT) ---------------------------------


class IntakeStart(Base):
    """The start of the person's integration term, which starts the 10-week clock of the PIP.

    Set by a case manager from DUO's notice; until then the clock counts from the intake's
    creation (an estimate, shown as such).
    """

    __tablename__ = "intake_start"

    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), primary_key=True)
    starts_on: Mapped[date]
    set_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LocationKind(enum.StrEnum):
    OFFICE = "office"  # a municipality's office
    AZC = "azc"  # an asylum seekers' centre


class Location(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    address: Mapped[str] = mapped_column(String(200))
    kind: Mapped[LocationKind] = mapped_column(_enum(LocationKind, "location_kind"))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"), index=True)


class ResourceKind(enum.StrEnum):
    CASE_MANAGER = "case_manager"
    INTERPRETER = "interpreter"
    ROOM = "room"


class Resource(Base):
    """Whatever an appointment needs at one time: a case manager, an interpreter or a room.

    Case managers serve the municipalities of their staff account; a room belongs to a
    location; an interpreter speaks `languages` and, when `by_phone`, joins any location by
    telephone.
    """

    __tablename__ = "resource"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ResourceKind] = mapped_column(_enum(ResourceKind, "resource_kind"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), unique=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    by_phone: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)

    staff_user: Mapped[StaffUser | None] = relationship(lazy="selectin")
    location: Mapped[Location | None] = relationship(lazy="selectin")
    hours: Mapped[list[WorkingHours]] = relationship(lazy="selectin", cascade="all, delete-orphan")


class WorkingHours(Base):
    """A weekly period a resource is available, in local (Amsterdam) time."""

    __tablename__ = "working_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]  # 0 = Monday
    starts: Mapped[time]
    ends: Mapped[time]


class Absence(Base):
    """A resource is not available (holiday, illness, training)."""

    __tablename__ = "absence"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(String(200))


class AppointmentStatus(enum.StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class Appointment(Base):
    """One RIT appointment of one person. Moves change it in place; the log keeps history."""

    __tablename__ = "appointment"
    __table_args__ = (
        # A person has at most one open appointment of each type.
        Index(
            "uq_appointment_open_per_type",
            "intake_id",
            "type_code",
            unique=True,
            postgresql_where=text("status = 'booked'"),
            sqlite_where=text("status = 'booked'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    type_code: Mapped[str] = mapped_column(String(30))
    status: Mapped[AppointmentStatus] = mapped_column(_enum(AppointmentStatus, "appointment_status"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    case_manager_id: Mapped[int] = mapped_column(ForeignKey("resource.id"))
    room_id: Mapped[int] = mapped_column(ForeignKey("resource.id"))
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("resource.id"))
    interpreter_language: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    intake: Mapped[Intake] = relationship(lazy="joined")
    location: Mapped[Location] = relationship(lazy="joined")
    case_manager: Mapped[Resource] = relationship(foreign_keys=[case_manager_id], lazy="joined")
    room: Mapped[Resource] = relationship(foreign_keys=[room_id], lazy="joined")
    interpreter: Mapped[Resource | None] = relationship(foreign_keys=[interpreter_id], lazy="joined")


class ResourceClaim(Base):
    """A resource is taken for one 15-minute block by one appointment.

    The primary key makes double booking impossible in the database itself, on SQLite and
    PostgreSQL alike: of two transactions claiming the same block, one fails.
    """

    __tablename__ = "resource_claim"

    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"), primary_key=True)
    block_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    appointment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"), index=True)


class ChangeActor(enum.StrEnum):
    PERSON = "person"  # in the chat
    STAFF = "staff"
    SYSTEM = "system"


class AppointmentChange(Base):
    """Every booking, move, cancellation and outcome: who, when, from what to what."""

    __tablename__ = "appointment_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[ChangeActor] = mapped_column(_enum(ChangeActor, "change_actor"))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    action: Mapped[str] = mapped_column(String(20))  # booked, moved, cancelled, attended, no_show
    old_starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    new_starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)


class ReminderStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # taken by a worker; never taken again (at most once)
    SENT = "sent"
    CANCELLED = "cancelled"  # the appointment moved or was cancelled


class Reminder(Base):
    __tablename__ = "reminder"
    __table_args__ = (UniqueConstraint("appointment_id", "kind", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # two_days, two_hours
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[ReminderStatus] = mapped_column(_enum(ReminderStatus, "reminder_status"), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    appointment: Mapped[Appointment] = relationship(lazy="joined")


class ChatMessage(Base):
    """A message from the phone, known by the id the phone gave it, with the reply it got.

    The phone sends a message again with the same id when it did not hear back (a network error):
    the chat gateway answers such a resend with the reply stored here and never hands the message
    to Rasa a second time, where it would answer the next question. Only the newest few per
    conversation are kept (backend/api/chat.py); the reply holds what the assistant said.
    """

    __tablename__ = "chat_message"
    __table_args__ = (UniqueConstraint("conversation_id", "client_message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    client_message_id: Mapped[str] = mapped_column(String(64))
    # When the gateway took the message; the reply is None while Rasa is still answering it.
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reply: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The volunteer beside the person when the message was typed (also handed to Rasa with the
    # message, so that the answer's source is decided by this moment, not by when it is saved).
    assisted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))


class ChatNotice(Base):
    """A message the system sends into a person's chat (a reminder), rendered in their language.

    The chat page fetches notices it has not shown yet. One notice per reminder at most.
    """

    __tablename__ = "chat_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    reminder_id: Mapped[int | None] = mapped_column(ForeignKey("reminder.id"), unique=True)
    response: Mapped[str] = mapped_column(String(60))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InvitationStep(enum.StrEnum):
    """The enforcement chain of the law (domain.md §1.7)."""

    FIRST_INVITATION = "first_invitation"
    WARNING_SECOND_INVITATION = "warning_second"  # written warning with a second invitation
    FINE_THIRD_INVITATION = "fine_third"  # €250 fine and a third invitation
    SECOND_FINE = "second_fine"  # second €250 fine; the PIP is set without the person's input


class Invitation(Base):
    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("intake_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    step: Mapped[InvitationStep] = mapped_column(_enum(InvitationStep, "invitation_step"))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    respond_by: Mapped[date]
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    fine_eur: Mapped[int | None]
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class SchedulingProblem(Base):
    """No slot fits before the deadline: the case manager is told, with the reason."""

    __tablename__ = "scheduling_problem"

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    type_code: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)  # in Dutch, for the case manager
    found_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# -- Free text in Dutch for the case manager -------------------------------------------------


class TranslationStatus(enum.StrEnum):
    WAITING = "waiting"  # the worker will try a machine translation
    NEEDS_HUMAN = "needs_human"  # no machine model for this language: the human translation queue
    MACHINE = "machine"  # machine-made (Argos), marked as such
    HUMAN = "human"  # by a volunteer, interpreter or case manager


class AnswerTranslation(Base):
    """The Dutch text of one free-text answer version, and how it was made."""

    __tablename__ = "answer_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("intake_answer.id", ondelete="CASCADE"), unique=True)
    source_language: Mapped[str] = mapped_column(String(10))
    status: Mapped[TranslationStatus] = mapped_column(_enum(TranslationStatus, "translation_status"), index=True)
    text_nl: Mapped[str | None] = mapped_column(Text)
    route: Mapped[str | None] = mapped_column(String(40))  # e.g. "ar>en>nl" for a machine pivot
    translated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    translated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    answer: Mapped[IntakeAnswer] = relationship(lazy="joined", back_populates="translation")


# -- Volunteers beside a person ---------------------------------------------------------------


class AssistanceCode(Base):
    """A one-time code a volunteer asked for on their own device (the staff page), to type on
    the person's phone to start helping there: no staff password is ever typed on that phone.
    Only a keyed hash of the code is kept; using the code deletes it (backend/assistance.py)."""

    __tablename__ = "assistance_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# -- The PIP draft (Persoonlijk Plan Inburgering en Participatie) -----------------------------


class PipVersion(Base):
    """One save of a case manager's PIP draft for one intake (backend/pip/).

    Every save is a new version with its author and time; nothing is overwritten, so the
    history shows who wrote what. The route is the case manager's decision (`decided_route`);
    `indications` keeps the suggestions, with the answers they rest on, as they were shown at
    the time of the save, so that the record shows what the decision was taken beside.
    """

    __tablename__ = "pip_version"
    __table_args__ = (UniqueConstraint("intake_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)  # the case manager's fields (backend/pip/draft.py)
    decided_route: Mapped[str | None] = mapped_column(String(20))  # b1 / education / z; None until decided
    pip_date: Mapped[date | None]  # the date of the PIP decision (dagtekening), once it is set
    indications: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    author: Mapped[StaffUser] = relationship(lazy="joined")


# -- Continuing a chat on another device (backend/resume.py) -----------------------------------


class ResumeCode(Base):
    """A short code the person asked for, to continue their chat on another phone or a
    volunteer's laptop. One live code per conversation; only a keyed hash is kept; using it,
    revoking it or asking for a new one deletes it."""

    __tablename__ = "resume_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ConversationDevice(Base):
    """Another device that continues a conversation (opened with a resume code): it holds a token
    of its own, of which only the hash is kept, like the first phone's (Conversation.token_hash)."""

    __tablename__ = "conversation_device"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# -- A real person in the chat (backend/handover.py) -------------------------------------------


class Handover(Base):
    """The person asked to talk to a person: open until a staff member hands the chat back to
    the assistant (or the person ends it). Once a staff member has taken it the gateway does not
    ask Rasa."""

    __tablename__ = "handover"
    __table_args__ = (
        Index(
            "uq_handover_open_per_conversation",
            "conversation_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL"),
            sqlite_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    taken_by: Mapped[StaffUser | None] = relationship(lazy="joined")
    conversation: Mapped[Conversation] = relationship(lazy="joined")


class HandoverAuthor(enum.StrEnum):
    PERSON = "person"
    STAFF = "staff"
    SYSTEM = "system"  # taken, handed back, outside working hours


class HandoverMessage(Base):
    """One message during a handover, with who wrote it."""

    __tablename__ = "handover_message"
    __table_args__ = (UniqueConstraint("handover_id", "client_message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handover.id", ondelete="CASCADE"), index=True)
    author: Mapped[HandoverAuthor] = mapped_column(_enum(HandoverAuthor, "handover_author"))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    # The phone's id of the person's message: a resend is stored once.
    client_message_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    staff_user: Mapped[StaffUser | None] = relationship(lazy="joined")


# -- The person's rating of the chat (backend/satisfaction.py) ---------------------------------


class SatisfactionRating(Base):
    """How satisfied the person was with the chat, 1 (not at all) to 10 (very), given after they
    sent their answers, with an optional comment in their own words (personal data: only the case
    managers of the intake's municipality read it, in the intake; the figures count scores only).
    One per intake: rating again replaces the earlier rating."""

    __tablename__ = "satisfaction_rating"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 10", name="score_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), unique=True)
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    rated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# -- Conversations that were deleted (backend/privacy/erasure.py) ------------------------------


class DeletedConversationName(Base):
    """A name a deleted conversation was known by (Rasa's sender id, the phone's token), so that
    a save still on its way from the action server's outbox cannot make the conversation anew:
    it is answered 410 and dropped from the outbox. Only a hash of the name's hash is kept (no
    table holds the name or its plain hash any more); the retention job deletes the row once
    no outbox can hold such a save any longer."""

    __tablename__ = "deleted_conversation_name"

    name_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
