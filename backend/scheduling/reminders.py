"""Reminders: send due reminders into the chat and through a pluggable notifier.

Reminders live in the database, so they survive restarts. A worker takes a due reminder by
switching it from `pending` to `sending` in its own committed transaction (`FOR UPDATE SKIP
LOCKED` on PostgreSQL, so parallel workers never wait on each other; the conditional update
makes the switch win-once on SQLite too). A reminder that is not `pending` is never taken
again, so nothing is sent twice, also after a crash: a crash between taking and finishing
leaves it `sending`, visible for a person to check, rather than sending it a second time.

The background worker (`python -m backend.worker`, started by the launcher) runs it.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.db import session_scope
from backend.models import (
    AppointmentStatus,
    ChatNotice,
    Conversation,
    Reminder,
    ReminderStatus,
    as_utc,
    utcnow,
)
from backend.scheduling.messages import details_of, reminder_heading
from locales import SOURCE_LANGUAGE

log = logging.getLogger(__name__)

BATCH = 50


@dataclass(frozen=True)
class Notification:
    """What a notifier sends: the text in the person's language, and to whom (the conversation)."""

    conversation_id: int
    language: str
    text: str
    reminder_id: int


class Notifier(Protocol):
    def send(self, notification: Notification) -> None: ...


class LogNotifier:
    """The default: no SMS or e-mail gateway is configured, so only log that one would send."""

    def send(self, notification: Notification) -> None:
        # No personal data in the log: ids and language only.
        log.info(
            "reminder %s for conversation %s (%s) would go out by SMS/e-mail",
            notification.reminder_id,
            notification.conversation_id,
            notification.language,
        )


def load_notifier(spec: str | None) -> Notifier:
    """`module:Class` from INTAKE_NOTIFIER, or the log-only default."""
    if not spec:
        return LogNotifier()
    module_name, _, class_name = spec.partition(":")
    notifier: Notifier = getattr(importlib.import_module(module_name), class_name)()
    return notifier


def _take_due(now: datetime) -> list[int]:
    """Switch due reminders to `sending`, committed, and return the ids this worker won."""
    won: list[int] = []
    with session_scope() as session:
        due = session.scalars(
            select(Reminder.id)
            .where(Reminder.status == ReminderStatus.PENDING, Reminder.due_at <= now)
            .order_by(Reminder.due_at)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        ).all()
        for reminder_id in due:
            taken = session.execute(
                update(Reminder)
                .where(Reminder.id == reminder_id, Reminder.status == ReminderStatus.PENDING)
                .values(status=ReminderStatus.SENDING)
            )
            if taken.rowcount == 1:  # type: ignore[attr-defined]
                won.append(reminder_id)
    return won


def _deliver(session: Session, reminder_id: int, now: datetime) -> Notification | None:
    """Put the reminder into the chat and mark it sent, in one transaction."""
    reminder = session.get_one(Reminder, reminder_id)
    appointment = reminder.appointment
    if appointment.status != AppointmentStatus.BOOKED:
        reminder.status = ReminderStatus.CANCELLED
        return None
    conversation = session.get_one(Conversation, appointment.intake.conversation_id)
    language = conversation.language or appointment.intake.language or SOURCE_LANGUAGE
    heading = reminder_heading(language, as_utc(appointment.starts_at), now)
    text = f"{heading}\n{details_of(appointment, language)}"
    session.add(
        ChatNotice(
            conversation_id=conversation.id,
            reminder_id=reminder.id,
            response="appointment_reminder",
            values={"text": text, "language": language, "appointment_id": str(appointment.id)},
        )
    )
    reminder.status = ReminderStatus.SENT
    reminder.sent_at = now
    return Notification(conversation.id, language, text, reminder.id)


def send_due_reminders(notifier: Notifier, now: datetime | None = None) -> int:
    """One pass: send every due reminder once. Returns how many were sent."""
    now = now or utcnow()
    sent = 0
    for reminder_id in _take_due(now):
        with session_scope() as session:
            notification = _deliver(session, reminder_id, now)
        if notification is not None:
            try:
                notifier.send(notification)
            except Exception:  # a gateway error must not stop the other reminders
                log.exception("notifier failed for reminder %s (the chat has it)", reminder_id)
            sent += 1
    return sent
