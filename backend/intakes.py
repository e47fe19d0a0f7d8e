"""Storing intakes from the dialogue and showing them to case managers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session, lazyload, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from backend import policy, resume
from backend.errors import STAFF_LANGUAGE, BadRequest, NotFound, _
from backend.models import (
    AnswerSource,
    AnswerTranslation,
    Conversation,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    NoAnswer,
    StaffUser,
    TranslationStatus,
    as_utc,
    utcnow,
)
from backend.security import token_hash
from forms import Question, load_schema
from forms.answers import is_valid_stored_value
from locales import translate

MUNICIPALITY_FIELD = "personal.municipality"


@dataclass(frozen=True)
class SubmittedAnswer:
    question_id: str
    value: Any
    original_text: str | None = None
    item: int = 0
    no_answer: NoAnswer | None = None


AnswerKey = tuple[str, int]  # (question id, group item)


def named_by_action_server(conversation_id: str) -> ColumnElement[bool]:
    """The conversation the action server names: by Rasa's sender id, the pseudonym the chat
    gateway gives Rasa. The phone's token names it too, for callers that save without Rasa
    (the backend tests); both are unguessable and the internal API needs its own token."""
    return or_(Conversation.rasa_sender == conversation_id, Conversation.token_hash == token_hash(conversation_id))


def get_or_create_conversation(session: Session, conversation_id: str) -> Conversation:
    conversation = session.scalar(select(Conversation).where(named_by_action_server(conversation_id)))
    if conversation is None:
        # A sender the gateway did not start (someone talking to Rasa directly, as the
        # end-to-end tests do): Rasa's events are stored under this id, so it is the sender.
        conversation = Conversation(token_hash=token_hash(conversation_id), rasa_sender=conversation_id)
        session.add(conversation)
        session.flush()
    return conversation


def current_answers(intake: Intake) -> dict[AnswerKey, IntakeAnswer]:
    """The newest version of each answer, by (question id, item)."""
    latest: dict[AnswerKey, IntakeAnswer] = {}
    for answer in intake.answers:
        key = (answer.question_id, answer.item)
        if key not in latest or answer.version > latest[key].version:
            latest[key] = answer
    return latest


def person_name(intake: Intake) -> str | None:
    """The name the person gave (the newest version): the question marked `person_name` in
    forms/intake.yaml, outside repeating groups. For lists and the calendar."""
    name_questions = {q.id for q in load_schema().questions if q.validation.person_name and q.group_id is None}
    answers = [a for a in intake.answers if a.question_id in name_questions and isinstance(a.value, str)]
    newest = max(answers, key=lambda a: a.version, default=None)
    return str(newest.value) if newest is not None else None


def check_answer(answer: SubmittedAnswer) -> None:
    """Refuse an unknown question or a value that is not well-formed for it (Dutch message)."""
    schema = load_schema()
    if not schema.has_question(answer.question_id):
        raise BadRequest(_("Unknown question: {question}"), question=answer.question_id)
    question = schema.question(answer.question_id)

    def invalid() -> BadRequest:
        # Named as the case manager sees the question: a correction's error is shown on the staff page.
        label = translate(STAFF_LANGUAGE, question.label)
        return BadRequest(_("Invalid value for question: {question}"), question=label)

    if answer.item < 0 or (question.group_id is None and answer.item != 0):
        raise invalid()
    if answer.no_answer is not None:
        if answer.value is not None:
            raise invalid()
        return
    if not is_valid_stored_value(question, answer.value):
        raise invalid()


def _to_translate(question: Question, row: IntakeAnswer) -> bool:
    """Whether the person's words need a Dutch translation for the case manager: free text, words
    the assistant could not read (kept for the meeting), and what was said beside a yes or no."""
    if not row.original_text:
        return False
    return (
        question.needs_translation
        or row.no_answer == NoAnswer.NEEDS_HELP
        or (question.type == "yes_no" and row.no_answer is None)
    )


def add_version(
    session: Session,
    intake: Intake,
    latest: dict[AnswerKey, IntakeAnswer],
    answer: SubmittedAnswer,
    source: AnswerSource,
    recorded_by: StaffUser | None = None,
    language: str | None = None,
) -> IntakeAnswer | None:
    """Store `answer` as the next version of its field; nothing when it did not change."""
    key = (answer.question_id, answer.item)
    previous = latest.get(key)
    if previous is not None and _same(previous, answer):
        return None
    row = IntakeAnswer(
        intake_id=intake.id,
        question_id=answer.question_id,
        item=answer.item,
        version=(previous.version + 1) if previous else 1,
        value=answer.value,
        no_answer=answer.no_answer,
        original_text=answer.original_text,
        original_language=language or intake.language,
        source=source,
        recorded_by_id=recorded_by.id if recorded_by else None,
    )
    session.add(row)
    latest[key] = row
    question = load_schema().question(answer.question_id)
    if _to_translate(question, row) and row.original_language != STAFF_LANGUAGE:
        # The worker translates it into Dutch, or queues it for a person (backend/translation).
        row.translation = AnswerTranslation(source_language=row.original_language, status=TranslationStatus.WAITING)
    if question.fills == MUNICIPALITY_FIELD and answer.value is not None:
        intake.municipality_code = str(answer.value)
    return row


def _same(stored: IntakeAnswer, answer: SubmittedAnswer) -> bool:
    return (
        stored.value == answer.value
        and stored.no_answer == answer.no_answer
        and stored.original_text == answer.original_text
    )


def _latest_from_chat(intake: Intake) -> dict[AnswerKey, IntakeAnswer]:
    latest: dict[AnswerKey, IntakeAnswer] = {}
    for answer in intake.answers:
        key = (answer.question_id, answer.item)
        from_dialogue = answer.source in (AnswerSource.CHAT, AnswerSource.VOLUNTEER)
        if from_dialogue and (key not in latest or answer.version > latest[key].version):
            latest[key] = answer
    return latest


def _removed_items(latest: dict[AnswerKey, IntakeAnswer], answers: list[SubmittedAnswer]) -> list[SubmittedAnswer]:
    """Item answers beyond a group's new number of items: recorded as removed, not deleted."""
    schema = load_schema()
    counts = {
        a.question_id: a.value
        for a in answers
        if a.no_answer is None and schema.question(a.question_id).type == "group" and isinstance(a.value, int)
    }
    removed = []
    for (question_id, item), stored in latest.items():
        group_id = schema.question(question_id).group_id if schema.has_question(question_id) else None
        if group_id in counts and item >= counts[group_id] and stored.no_answer != NoAnswer.REMOVED:
            removed.append(SubmittedAnswer(question_id, None, item=item, no_answer=NoAnswer.REMOVED))
    return removed


@dataclass(frozen=True)
class TypedWith:
    """Who sat beside the person when the saved answers were typed: the chat gateway records it
    with each message and the dialogue carries it into the save (None: nobody helped)."""

    volunteer_id: int | None


@dataclass(frozen=True)
class StoredSubmission:
    intake: Intake
    # False: an older save than one already stored (a late retry); its answers were ignored.
    stored: bool


def store_submission(
    session: Session,
    conversation_token: str,
    language: str,
    answers: list[SubmittedAnswer],
    complete: bool,
    help_requested: bool = False,
    sequence: int | None = None,
    typed_with: TypedWith | None = None,
) -> StoredSubmission:
    """Save what the person answered. Idempotent: the same submission twice changes nothing.

    A changed answer is stored as a new version beside the old one, never over it. `sequence`
    numbers the action server's saves of one conversation: one older than the newest stored is
    a late retry, and its answers are ignored so that they never overwrite newer ones. Its
    `complete` and `help_requested` are still kept: they are never taken back, so no order of
    arrival can make them wrong. `typed_with` None (a caller that does not know): whoever
    assists the conversation now.
    """
    for answer in answers:
        check_answer(answer)
    conversation = get_or_create_conversation(session, conversation_token)
    intake = locked_intake(session, conversation, language, ANSWERS_ONLY)

    older = sequence is not None and intake.last_save_sequence is not None and sequence < intake.last_save_sequence
    if not older:
        _store_answers(session, intake, conversation, language, answers, typed_with)
        if sequence is not None:
            intake.last_save_sequence = sequence
    if help_requested and intake.help_requested_at is None:
        intake.help_requested_at = utcnow()
    if complete and intake.status != IntakeStatus.SUBMITTED:
        intake.status = IntakeStatus.SUBMITTED
        intake.submitted_at = utcnow()
    # Flushed, not read back: the caller needs the intake's id and status, both set here. (Reading
    # the whole intake again after every save was a third of the backend's CPU per chat turn.)
    session.flush()
    return StoredSubmission(intake, stored=not older)


# What a save of the chat reads of the intake: its answers (every version, to compare with), not
# their translations, reviews or start. Loading all of the intake on every turn was most of the
# backend's CPU time per chat message (py-spy, README "Many people at once").
ANSWERS_ONLY: tuple[LoaderOption, ...] = (
    selectinload(Intake.answers).lazyload(IntakeAnswer.translation),
    lazyload(Intake.section_reviews),
    lazyload(Intake.start),
)


def locked_intake(
    session: Session, conversation: Conversation, language: str, options: tuple[LoaderOption, ...] = ()
) -> Intake:
    """The conversation's intake, made when it has none, locked until the transaction ends: the
    saves of one conversation (the chat's and the web form's) are stored one after the other.
    `options`: what to load with it (all its eager relationships when none)."""
    query = select(Intake).where(Intake.conversation_id == conversation.id).with_for_update()
    intake = session.scalar(query.options(*options))
    if intake is None:
        intake = Intake(
            id=uuid.uuid4(),
            conversation_id=conversation.id,
            language=language,
            status=IntakeStatus.PARTIAL,
            schema_version=load_schema().version,
        )
        session.add(intake)
        session.flush()
    return intake


def store_form_answers(
    session: Session, conversation: Conversation, language: str, answers: list[SubmittedAnswer]
) -> Intake:
    """Save answers given in the web form (backend/person_form.py) into the conversation's one
    intake, with source `form`; a volunteer assisting the conversation is recorded beside them.
    Unchanged answers add no version. The chat learns them from `form_answers` on its next turn."""
    for answer in answers:
        check_answer(answer)
    intake = locked_intake(session, conversation, language)
    intake.language = language
    latest = current_answers(intake)
    for answer in answers:
        add_version(session, intake, latest, answer, AnswerSource.FORM, conversation.assisted_by, language)
    session.flush()
    session.refresh(intake)
    return intake


def last_chat_save(intake: Intake) -> datetime | None:
    """When the person sent the message of the chat's newest stored save (its sequence number is
    that moment in milliseconds, times 1000: actions/backend_client.py `save_sequence`)."""
    if intake.last_save_sequence is None:
        return None
    return datetime.fromtimestamp(intake.last_save_sequence // 1000 / 1000, tz=UTC)


def _has_form_answers(session: Session, which: ColumnElement[bool]) -> bool:
    from_form = (
        exists().where(IntakeAnswer.intake_id == Intake.id, IntakeAnswer.source == AnswerSource.FORM).where(which)
    )
    return bool(session.scalar(select(from_form)))


def has_form_answers(session: Session, conversation: Conversation) -> bool:
    """Whether the conversation's intake holds answers given in the web form. The chat gateway
    tells the action server with each message, which asks for them (`form_answers_for`) only then."""
    return _has_form_answers(session, Intake.conversation_id == conversation.id)


def form_answers_for(session: Session, conversation_id: str) -> list[IntakeAnswer]:
    """`form_answers` of the conversation the action server names (none without an intake).

    The action server asks on every turn of the chat, and most conversations never use the web
    form: one small query says so, and only an intake with answers from the form is read whole."""
    intake_id = session.scalar(
        select(Intake.id)
        .join(Conversation, Intake.conversation_id == Conversation.id)
        .where(named_by_action_server(conversation_id))
    )
    if intake_id is None or not _has_form_answers(session, Intake.id == intake_id):
        return []
    intake = session.get(Intake, intake_id)
    return form_answers(intake) if intake is not None else []


def form_answers(intake: Intake) -> list[IntakeAnswer]:
    """The answers the chat does not know yet: each current answer given in the web form after the
    chat's newest save (the chat takes them in before it saves: actions/intake_form.py), and, for
    a repeating group the form changed, the whole group (its items and its own answer), because
    the chat holds a group as one list. An older form answer the chat later cleared (the person
    went back to change it) is therefore not given to it again."""
    latest = current_answers(intake)
    schema = load_schema()
    since = last_chat_save(intake)

    def group_of(question_id: str) -> str | None:
        if not schema.has_question(question_id):
            return None
        question = schema.question(question_id)
        return question.id if question.type == "group" else question.group_id

    from_form = [
        row
        for row in latest.values()
        if row.source == AnswerSource.FORM and (since is None or as_utc(row.recorded_at) > since)
    ]
    groups = {group for row in from_form if (group := group_of(row.question_id)) is not None}
    whole_groups = [
        row for row in latest.values() if row.source != AnswerSource.FORM and group_of(row.question_id) in groups
    ]
    return sorted([*from_form, *whole_groups], key=lambda row: (row.recorded_at, row.id))


def _store_answers(
    session: Session,
    intake: Intake,
    conversation: Conversation,
    language: str,
    answers: list[SubmittedAnswer],
    typed_with: TypedWith | None,
) -> None:
    intake.language = language
    # Answers typed while a volunteer assisted are marked as assisted, with who. Decided by the
    # time of typing (recorded by the chat gateway), not by when this save arrives: the help may
    # have ended or begun meanwhile.
    if typed_with is None:
        volunteer = conversation.assisted_by
    else:
        volunteer = session.get(StaffUser, typed_with.volunteer_id) if typed_with.volunteer_id is not None else None
    source = AnswerSource.VOLUNTEER if volunteer else AnswerSource.CHAT
    latest = current_answers(intake)
    # The chat sends all its answers every time. One it sent before unchanged must not undo
    # a case manager's later correction, so it is compared with the chat's own last version.
    sent_before = _latest_from_chat(intake)
    for answer in [*answers, *_removed_items(latest, answers)]:
        key = (answer.question_id, answer.item)
        if key in sent_before and _same(sent_before[key], answer):
            continue
        add_version(session, intake, latest, answer, source, recorded_by=volunteer)


def set_assistance(session: Session, conversation_token: str, volunteer: StaffUser | None) -> Conversation:
    """Start (a volunteer) or end (None) assisting the conversation with this token."""
    # Any device holding the conversation: the first phone or one that resumed it (backend/resume.py).
    conversation = session.scalar(select(Conversation).where(resume.held_by(conversation_token)))
    if conversation is None:
        raise NotFound()
    conversation.assisted_by_id = volunteer.id if volunteer else None
    return conversation


def visible_intakes(
    session: Session, user: StaffUser, municipality: str | None = None, status: IntakeStatus | None = None
) -> list[Intake]:
    """Intakes the staff member may read (backend/policy.py), newest first."""
    query = select(Intake).where(policy.intake_scope(user, municipality)).order_by(Intake.created_at.desc())
    if status is not None:
        query = query.where(Intake.status == status)
    return list(session.scalars(query))


def intake_for_staff(session: Session, user: StaffUser, intake_id: uuid.UUID) -> Intake:
    """An intake the user may read (backend/policy.py), else 'not found'. Routes use
    `policy.intake_for`, which also names the intake in the route's audit record."""
    intake = session.get(Intake, intake_id)
    if intake is None or not policy.may_read_intake(user, intake):
        raise NotFound()
    return intake
