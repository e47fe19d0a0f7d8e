"""The retention job: each stage of a person's data is deleted when its time has come.

Run by the worker (backend/worker.py) every `retention_interval_minutes`; the periods come from
backend/config.py and are explained in README "Privacy":

1. **Abandoned**: a chat without an intake, or with a partial intake the team never took up
   (no invitation, term start, appointment, section check or correction), that nobody touched
   for `retention_abandoned_days`: deleted whole.
2. **Transcript**: Rasa's events of a conversation whose intake was sent, once
   `retention_transcript_days` have passed since the sending and since the last message. The
   answers stay in the backend; a later message starts a fresh Rasa conversation.
3. **Intake**: a sent intake (or a partial one the team took up) with everything on it
   (answers and their versions, translations, appointments, reminders, notices, invitations, the
   conversation), once nothing happened to it for `retention_intake_days` and no appointment is
   ahead. The system holds no PIP decision date, so the clock runs from the last thing that
   happened: sending, a correction, an invitation, an appointment.
4. **Orphans**: Rasa's events of a sender no conversation knows, after
   `retention_orphan_transcript_hours`.

Each conversation is deleted in a transaction of its own, after checking again (with its row
locked) that it is still due: a person who writes at that moment is not deleted. The log and the
audit log get counts only, never contents or ids.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, delete, exists, or_, select
from sqlalchemy.orm import Session, sessionmaker

from backend import audit
from backend.config import Settings, get_settings
from backend.db import Base, get_sessionmaker
from backend.models import (
    AnswerSource,
    Appointment,
    AppointmentChange,
    Conversation,
    DeletedConversationName,
    Intake,
    IntakeAnswer,
    IntakeStart,
    IntakeStatus,
    Invitation,
    SectionReview,
    as_utc,
    utcnow,
)
from backend.privacy.erasure import TRACKER_EVENTS, delete_conversation
from backend.privacy.tracker import TrackerStore, tracker_store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionPolicy:
    abandoned: timedelta
    transcript: timedelta
    intake: timedelta
    orphan_transcript: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            abandoned=timedelta(days=settings.retention_abandoned_days),
            transcript=timedelta(days=settings.retention_transcript_days),
            intake=timedelta(days=settings.retention_intake_days),
            orphan_transcript=timedelta(hours=settings.retention_orphan_transcript_hours),
        )


@dataclass
class RetentionReport:
    abandoned_conversations: int = 0
    expired_intakes: int = 0
    transcripts: int = 0
    orphan_transcripts: int = 0
    rows: Counter[str] = field(default_factory=Counter)

    @property
    def anything(self) -> bool:
        return bool(self.abandoned_conversations or self.expired_intakes or self.transcripts or self.orphan_transcripts)

    def summary(self) -> dict[str, object]:
        return {
            "abandoned_conversations": self.abandoned_conversations,
            "expired_intakes": self.expired_intakes,
            "transcripts": self.transcripts,
            "orphan_transcripts": self.orphan_transcripts,
            "rows": dict(sorted(self.rows.items())),
        }


# -- When a stage is due ------------------------------------------------------------------


def _conversation_quiet_since(cutoff: datetime) -> ColumnElement[bool]:
    return and_(
        Conversation.created_at <= cutoff,
        or_(Conversation.last_message_at.is_(None), Conversation.last_message_at <= cutoff),
    )


def _intake_untouched_since(cutoff: datetime) -> ColumnElement[bool]:
    """Nothing happened to the intake after `cutoff`: no answer or correction, no check, no
    term start, no invitation or reply, no appointment made, held or changed."""
    return and_(
        Intake.created_at <= cutoff,
        or_(Intake.submitted_at.is_(None), Intake.submitted_at <= cutoff),
        ~exists().where(IntakeAnswer.intake_id == Intake.id, IntakeAnswer.recorded_at > cutoff),
        ~exists().where(SectionReview.intake_id == Intake.id, SectionReview.reviewed_at > cutoff),
        ~exists().where(IntakeStart.intake_id == Intake.id, IntakeStart.set_at > cutoff),
        ~exists().where(
            Invitation.intake_id == Intake.id,
            or_(Invitation.sent_at > cutoff, Invitation.responded_at > cutoff),
        ),
        ~exists().where(
            Appointment.intake_id == Intake.id,
            or_(Appointment.created_at > cutoff, Appointment.starts_at > cutoff),
        ),
        ~exists().where(
            AppointmentChange.appointment_id == Appointment.id,
            Appointment.intake_id == Intake.id,
            AppointmentChange.at > cutoff,
        ),
    )


def _taken_up_by_the_team() -> ColumnElement[bool]:
    """The team works with this intake: it must stay for the intake period, not the abandoned
    one (an unanswered invitation chain is exactly a person who stopped chatting)."""
    return or_(
        exists().where(Invitation.intake_id == Intake.id),
        exists().where(IntakeStart.intake_id == Intake.id),
        exists().where(Appointment.intake_id == Intake.id),
        exists().where(SectionReview.intake_id == Intake.id),
        exists().where(IntakeAnswer.intake_id == Intake.id, IntakeAnswer.source == AnswerSource.CASE_MANAGER),
    )


def abandoned(policy: RetentionPolicy, now: datetime) -> ColumnElement[bool]:
    cutoff = now - policy.abandoned
    partial_left = and_(
        Intake.status == IntakeStatus.PARTIAL, ~_taken_up_by_the_team(), _intake_untouched_since(cutoff)
    )
    return and_(_conversation_quiet_since(cutoff), or_(Intake.id.is_(None), partial_left))


def expired(policy: RetentionPolicy, now: datetime) -> ColumnElement[bool]:
    cutoff = now - policy.intake
    # Appointments starting after the cutoff count as activity, so one still ahead keeps it.
    in_use = or_(Intake.status == IntakeStatus.SUBMITTED, _taken_up_by_the_team())
    return and_(Intake.id.is_not(None), in_use, _intake_untouched_since(cutoff), _conversation_quiet_since(cutoff))


def transcript_due(policy: RetentionPolicy, now: datetime) -> ColumnElement[bool]:
    cutoff = now - policy.transcript
    return and_(
        Intake.status == IntakeStatus.SUBMITTED,
        Intake.submitted_at <= cutoff,
        or_(Conversation.last_message_at.is_(None), Conversation.last_message_at <= cutoff),
        # Not deleted yet, or the person wrote again afterwards (a new transcript began).
        or_(
            Conversation.transcript_deleted_at.is_(None),
            Conversation.last_message_at > Conversation.transcript_deleted_at,
        ),
    )


def _due(condition: ColumnElement[bool]) -> Select[Conversation]:
    return select(Conversation).outerjoin(Intake, Intake.conversation_id == Conversation.id).where(condition)


def _due_ids(condition: ColumnElement[bool]) -> Select[int]:
    return select(Conversation.id).outerjoin(Intake, Intake.conversation_id == Conversation.id).where(condition)


# -- The job --------------------------------------------------------------------------------


@contextmanager
def _transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    session = sessions()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def _delete_due(
    sessions: sessionmaker[Session], tracker: TrackerStore, condition: ColumnElement[bool], rows: Counter[str]
) -> int:
    """Delete every conversation (with all on it) that meets `condition`; returns how many."""
    with _transaction(sessions) as session:
        ids = list(session.scalars(_due_ids(condition)))
    deleted = 0
    for conversation_id in ids:
        with _transaction(sessions) as session:
            conversation = session.scalar(
                _due(and_(condition, Conversation.id == conversation_id)).with_for_update(of=Conversation)
            )
            if conversation is None:  # it changed meanwhile: no longer due
                continue
            rows.update(delete_conversation(session, tracker, conversation))
            deleted += 1
    return deleted


# The backend's own copies of the chat: the gateway's replies kept for resends (chat_message),
# and what was written while a person was in the chat (handover, with its messages).
TRANSCRIPT_TABLES = ("chat_message", "handover")


def _delete_transcripts(
    sessions: sessionmaker[Session], tracker: TrackerStore, policy: RetentionPolicy, now: datetime, rows: Counter[str]
) -> int:
    with _transaction(sessions) as session:
        due = list(session.scalars(_due(transcript_due(policy, now)).with_for_update(of=Conversation)))
        for conversation in due:
            for name in TRANSCRIPT_TABLES:
                table = Base.metadata.tables.get(name)
                if table is not None:
                    result = session.execute(delete(table).where(table.c.conversation_id == conversation.id))
                    if result.rowcount:  # type: ignore[attr-defined]
                        rows[name] += result.rowcount  # type: ignore[attr-defined]
            rows[TRACKER_EVENTS] += tracker.delete([conversation.rasa_sender])
            conversation.transcript_deleted_at = now
        return len(due)


def _delete_orphans(
    sessions: sessionmaker[Session], tracker: TrackerStore, policy: RetentionPolicy, now: datetime, rows: Counter[str]
) -> int:
    last_events = tracker.last_event_times()
    if not last_events:
        return 0
    with _transaction(sessions) as session:
        known = set(session.scalars(select(Conversation.rasa_sender)))
    cutoff = (now - policy.orphan_transcript).timestamp()
    orphans = [sender for sender, at in last_events.items() if sender not in known and at <= cutoff]
    rows[TRACKER_EVENTS] += tracker.delete(orphans)
    return len(orphans)


def _forget_deleted_names(
    sessions: sessionmaker[Session], policy: RetentionPolicy, now: datetime, rows: Counter[str]
) -> None:
    """The names of deleted conversations are kept only while a save of theirs can still be on
    its way: the action server's outbox tries again every 15 s at most, so after as long as an
    abandoned chat is kept (30 days) none is left."""
    with _transaction(sessions) as session:
        result = session.execute(
            delete(DeletedConversationName).where(DeletedConversationName.deleted_at <= now - policy.abandoned)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            rows[DeletedConversationName.__tablename__] += result.rowcount  # type: ignore[attr-defined]


def run_retention(
    sessions: sessionmaker[Session], tracker: TrackerStore, policy: RetentionPolicy, now: datetime
) -> RetentionReport:
    """One pass of every stage. Recorded in the audit log (counts only) when it deleted anything."""
    report = RetentionReport()
    report.abandoned_conversations = _delete_due(sessions, tracker, abandoned(policy, now), report.rows)
    report.expired_intakes = _delete_due(sessions, tracker, expired(policy, now), report.rows)
    report.transcripts = _delete_transcripts(sessions, tracker, policy, now, report.rows)
    report.orphan_transcripts = _delete_orphans(sessions, tracker, policy, now, report.rows)
    _forget_deleted_names(sessions, policy, now, report.rows)
    if report.anything:
        with _transaction(sessions) as session:
            audit.record(session, None, "retention", "retention", detail=report.summary())
        log.info("retention: %s", report.summary())
    return report


def retention_pass() -> RetentionReport:
    """One pass with the configured periods, databases and the current time (the worker's job)."""
    settings = get_settings()
    tracker = tracker_store()
    try:
        return run_retention(get_sessionmaker(), tracker, RetentionPolicy.from_settings(settings), utcnow())
    finally:
        tracker.close()


# -- When a person's data will go (for the subject-access overview) ---------------------------
# The same rules as the queries above, for one intake in Python; tests/backend/test_privacy.py
# checks that the job deletes exactly at these moments.


def _last_step(session: Session, intake: Intake, conversation: Conversation) -> datetime:
    moments: list[datetime | None] = [
        intake.created_at,
        intake.submitted_at,
        conversation.created_at,
        conversation.last_message_at,
        intake.start.set_at if intake.start else None,
    ]
    moments += [a.recorded_at for a in intake.answers]
    moments += [r.reviewed_at for r in intake.section_reviews]
    for invitation in session.scalars(select(Invitation).where(Invitation.intake_id == intake.id)):
        moments += [invitation.sent_at, invitation.responded_at]
    for appointment in session.scalars(select(Appointment).where(Appointment.intake_id == intake.id)):
        moments += [appointment.created_at, appointment.starts_at]
        changes = select(AppointmentChange.at).where(AppointmentChange.appointment_id == appointment.id)
        moments += list(session.scalars(changes))
    return max(as_utc(moment) for moment in moments if moment is not None)


def _team_took_up(session: Session, intake: Intake) -> bool:
    return (
        intake.start is not None
        or bool(intake.section_reviews)
        or any(a.source == AnswerSource.CASE_MANAGER for a in intake.answers)
        or session.scalar(select(exists().where(Invitation.intake_id == intake.id))) is True
        or session.scalar(select(exists().where(Appointment.intake_id == intake.id))) is True
    )


def intake_deleted_after(session: Session, intake: Intake, policy: RetentionPolicy) -> datetime:
    """When the retention job deletes this intake if nothing else happens to it."""
    conversation = session.get_one(Conversation, intake.conversation_id)
    in_use = intake.status == IntakeStatus.SUBMITTED or _team_took_up(session, intake)
    return _last_step(session, intake, conversation) + (policy.intake if in_use else policy.abandoned)


def transcript_deleted_after(session: Session, intake: Intake, policy: RetentionPolicy) -> datetime:
    """When the retention job deletes Rasa's transcript of this intake's conversation."""
    conversation = session.get_one(Conversation, intake.conversation_id)
    if intake.status != IntakeStatus.SUBMITTED or intake.submitted_at is None:
        return intake_deleted_after(session, intake, policy)
    moments = [as_utc(intake.submitted_at)]
    if conversation.last_message_at is not None:
        moments.append(as_utc(conversation.last_message_at))
    return max(moments) + policy.transcript
