"""Subject access (AVG art. 15): everything held about one person, in Dutch and in their language.

One overview per language, built from the same facts: the record itself (dates, language,
municipality, when it will be deleted), every answer with its whole history (the person's own
words, the Dutch translation, who entered it and when), the points of attention derived from
the answers, appointments with their history, invitations and fines, the messages the system
sent into the chat, the chat transcript Rasa still holds, and who worked with the data when.

Who worked with it is named by role, not by name: the person has a right to know that and when
their data was consulted and why, not which employee did it (CJEU C-579/21, Pankki S, 2023).
Texts are English message ids rendered through the catalogs: Dutch through the `nl` catalog,
like every staff text. What people typed stays as typed.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.handover import signature
from backend.intakes import current_answers
from backend.models import (
    AnswerSource,
    Appointment,
    AppointmentChange,
    AuditEvent,
    ChatNotice,
    Conversation,
    Handover,
    HandoverAuthor,
    HandoverMessage,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    Invitation,
    InvitationStep,
    Municipality,
    SatisfactionRating,
    SchedulingProblem,
    StaffRole,
    StaffUser,
    as_utc,
    utcnow,
)
from backend.nlg import texts
from backend.nlg.render import display_value
from backend.prefilled import HELP_REQUESTED_FLAG, NEEDS_HELP_FLAG, NO_ANSWER_LABELS, flags
from backend.privacy.erasure import audit_entries_about
from backend.privacy.retention import RetentionPolicy, intake_deleted_after, transcript_deleted_after
from backend.privacy.tracker import TrackerStore
from backend.scheduling.messages import appointment_details, interpreter_kind
from backend.scheduling.slots import LOCAL_TIME
from forms import Question, load_schema
from locales import get_language, translate

STAFF_LANGUAGE = "nl"


def N_(message: str) -> str:  # noqa: N802 - marks a text for extraction; translated when shown
    return message


TITLE = N_("Everything we keep about you")
INTRO = N_("This overview shows all data that the intake assistant keeps about you, on {date}.")
NOTHING = N_("Nothing is kept.")

RECORD = N_("Your record")
STARTED = N_("Started on")
SENT = N_("Sent to the integration team on")
NOT_SENT = N_("Not sent yet")
LANGUAGE = N_("Your language")
MUNICIPALITY = N_("Municipality")
NOT_KNOWN = N_("Not known yet")
TERM_START = N_("Start of your integration term")
ANSWERS_KEPT = N_("Your answers are kept until")
TRANSCRIPT_KEPT = N_("Your chat messages are kept until")
TRANSCRIPT_GONE = N_("Already deleted")
LATER_IF_NEEDED = N_("A new step in your case (an answer, an appointment, a letter) moves this date later.")

IN_YOUR_WORDS = N_("In your words: {text}")
DUTCH_TRANSLATION = N_("Dutch translation: {text}")
SAVED_ON = N_("Saved on {date}")
EARLIER = N_("Earlier: {value} (saved on {date})")
SOURCES = {
    AnswerSource.CHAT: N_("Given by you in the chat"),
    AnswerSource.VOLUNTEER: N_("Given with the help of a volunteer"),
    AnswerSource.CASE_MANAGER: N_("Entered by your case manager"),
    AnswerSource.FORM: N_("Given by you in the form"),
}

OTHER_ANSWERS = N_("Other answers")

POINTS_OF_ATTENTION = N_("Points of attention for your case manager")

APPOINTMENTS = N_("Your appointments")
CHANGES = {
    "booked": N_("Booked on {date}"),
    "moved": N_("Moved on {date}"),
    "cancelled": N_("Cancelled on {date}"),
    "attended": N_("Marked as attended on {date}"),
    "no_show": N_("Marked as missed on {date}"),
}
REASON = N_("Reason: {text}")

INVITATIONS = N_("Invitations and fines")
INVITATION_STEPS = {
    InvitationStep.FIRST_INVITATION: N_("First invitation"),
    InvitationStep.WARNING_SECOND_INVITATION: N_("Written warning with a second invitation"),
    InvitationStep.FINE_THIRD_INVITATION: N_("Fine of €250 with a third invitation"),
    InvitationStep.SECOND_FINE: N_("Second fine of €250"),
}
SENT_ON = N_("Sent on {date}")
ANSWER_BY = N_("Answer by {date}")
ANSWERED_ON = N_("Answered on {date}")
PLANNING_NOTES = N_("Planning notes of the team (in Dutch)")

NOTICES = N_("Messages we sent you")
TRANSCRIPT = N_("Your chat messages")
YOU = N_("You")
ASSISTANT = N_("Assistant")

WHO_WORKED = N_("Who worked with your data")
ROLES = {
    StaffRole.CASE_MANAGER: N_("A case manager"),
    StaffRole.VOLUNTEER: N_("A volunteer"),
    StaffRole.ADMINISTRATOR: N_("An administrator"),
}
THE_SYSTEM = N_("The system")
ACTIONS = {
    "read_intake": N_("read your answers"),
    "export_intake": N_("exported your answers"),
    "correct_field": N_("corrected an answer"),
    "confirm_section": N_("checked a part of your answers"),
    "translate_answer": N_("translated an answer into Dutch"),
    "start_assistance": N_("helped you in the chat"),
    "end_assistance": N_("stopped helping you in the chat"),
    "subject_access_export": N_("made this overview"),
    "read_timeline": N_("read your planning"),
    "search_slots": N_("looked for a time for your appointment"),
    "book_appointment": N_("planned or changed an appointment"),
    "move_appointment": N_("planned or changed an appointment"),
    "cancel_appointment": N_("planned or changed an appointment"),
    "appointment_outcome": N_("planned or changed an appointment"),
    "set_term_start": N_("recorded the start of your integration term"),
    "send_invitation": N_("sent you an invitation"),
}
REFUSED = N_("tried to open your data, which was not allowed")
OTHER_ACTION = N_("worked with your data")


class Entry(BaseModel):
    label: str
    value: str
    details: list[str] = []


class Part(BaseModel):
    title: str
    entries: list[Entry]


class Overview(BaseModel):
    language: str
    direction: str
    title: str
    intro: str
    parts: list[Part]


class _Facts:
    """What is held about the person, gathered once and rendered in each language."""

    def __init__(self, session: Session, tracker: TrackerStore, intake: Intake, policy: RetentionPolicy) -> None:
        self.intake = intake
        self.conversation = session.get_one(Conversation, intake.conversation_id)
        self.municipality = session.get(Municipality, intake.municipality_code) if intake.municipality_code else None
        self.answers_kept_until = intake_deleted_after(session, intake, policy)
        self.transcript_kept_until = transcript_deleted_after(session, intake, policy)
        self.appointments = list(
            session.scalars(
                select(Appointment).where(Appointment.intake_id == intake.id).order_by(Appointment.starts_at)
            )
        )
        self.changes = {
            a.id: list(
                session.scalars(
                    select(AppointmentChange)
                    .where(AppointmentChange.appointment_id == a.id)
                    .order_by(AppointmentChange.at)
                )
            )
            for a in self.appointments
        }
        self.invitations = list(
            session.scalars(select(Invitation).where(Invitation.intake_id == intake.id).order_by(Invitation.sent_at))
        )
        self.problems = list(
            session.scalars(
                select(SchedulingProblem)
                .where(SchedulingProblem.intake_id == intake.id)
                .order_by(SchedulingProblem.found_at)
            )
        )
        self.notices = list(
            session.scalars(
                select(ChatNotice).where(ChatNotice.conversation_id == self.conversation.id).order_by(ChatNotice.id)
            )
        )
        self.chat = tracker.chat_lines(self.conversation.rasa_sender)
        # What was written while a person was in the chat (backend/handover.py), with who wrote it.
        self.handover_messages = list(
            session.scalars(
                select(HandoverMessage)
                .join(Handover, HandoverMessage.handover_id == Handover.id)
                .where(Handover.conversation_id == self.conversation.id)
                .order_by(HandoverMessage.id)
            )
        )
        audit_query = (
            select(AuditEvent, StaffUser.role)
            .outerjoin(StaffUser, AuditEvent.actor_id == StaffUser.id)
            .where(audit_entries_about(intake.id, self.conversation.id))
            .order_by(AuditEvent.id)
        )
        self.audit = [(event, role) for event, role in session.execute(audit_query)]
        # Their rating of the chat after sending, with their comment (backend/satisfaction.py).
        self.rating = session.scalar(select(SatisfactionRating).where(SatisfactionRating.intake_id == intake.id))
        self.today = utcnow()


def _locale(language: str) -> str:
    lang = get_language(language)
    return lang.format_locale if lang else language


def _day(moment: datetime | date, language: str) -> str:
    if isinstance(moment, datetime):
        moment = as_utc(moment).astimezone(LOCAL_TIME).date()
    return format_date(moment, format="long", locale=_locale(language))


def _moment(moment: datetime, language: str) -> str:
    return format_datetime(as_utc(moment).astimezone(LOCAL_TIME), format="medium", locale=_locale(language))


def _answer_text(question: Question, answer: IntakeAnswer, language: str) -> str:
    if answer.no_answer is not None:
        person_words = texts.NO_ANSWER_DISPLAY.get(f"__{answer.no_answer.value}__")
        return translate(language, person_words or NO_ANSWER_LABELS[answer.no_answer.value])
    return display_value(question, answer.value, language)


def _answer_entry(question: Question, history: list[IntakeAnswer], language: str) -> Entry:
    current, *earlier = sorted(history, key=lambda a: a.version, reverse=True)
    label = translate(language, question.label)
    if question.group_id is not None:
        label = f"{label} ({current.item + 1})"
    details = []
    if current.original_text:
        details.append(translate(language, IN_YOUR_WORDS).format(text=current.original_text))
    if current.translation is not None and current.translation.text_nl:
        details.append(translate(language, DUTCH_TRANSLATION).format(text=current.translation.text_nl))
    details.append(translate(language, SOURCES[current.source]))
    details.append(translate(language, SAVED_ON).format(date=_moment(current.recorded_at, language)))
    for older in earlier:
        value = _answer_text(question, older, language)
        if older.original_text:
            value = f"{value} — {older.original_text}"
        details.append(translate(language, EARLIER).format(value=value, date=_moment(older.recorded_at, language)))
    return Entry(label=label, value=_answer_text(question, current, language), details=details)


def _record(facts: _Facts, language: str) -> Part:
    intake, conversation = facts.intake, facts.conversation
    lang = get_language(conversation.language or intake.language)
    entries = [
        Entry(label=translate(language, STARTED), value=_day(conversation.created_at, language)),
        Entry(
            label=translate(language, SENT),
            value=_day(intake.submitted_at, language)
            if intake.status == IntakeStatus.SUBMITTED and intake.submitted_at
            else translate(language, NOT_SENT),
        ),
        Entry(label=translate(language, LANGUAGE), value=lang.native_name if lang else intake.language),
        Entry(
            label=translate(language, MUNICIPALITY),
            value=facts.municipality.name if facts.municipality else translate(language, NOT_KNOWN),
        ),
    ]
    if intake.start is not None:
        entries.append(Entry(label=translate(language, TERM_START), value=_day(intake.start.starts_on, language)))
    entries.append(
        Entry(
            label=translate(language, ANSWERS_KEPT),
            value=_day(facts.answers_kept_until, language),
            details=[translate(language, LATER_IF_NEEDED)],
        )
    )
    transcript_gone = conversation.transcript_deleted_at is not None and not facts.chat
    entries.append(
        Entry(
            label=translate(language, TRANSCRIPT_KEPT),
            value=translate(language, TRANSCRIPT_GONE)
            if transcript_gone
            else _day(facts.transcript_kept_until, language),
        )
    )
    return Part(title=translate(language, RECORD), entries=entries)


def _answers(facts: _Facts, language: str) -> list[Part]:
    schema = load_schema()
    parts = []
    keys = sorted(current_answers(facts.intake))
    shown: set[str] = set()
    for section in schema.sections:
        entries = []
        for question in (q for top in section.questions for q in (top, *top.items)):
            shown.add(question.id)
            for item in (item for (qid, item) in keys if qid == question.id):
                entries.append(_answer_entry(question, _history(facts, question.id, item), language))
        if entries:
            parts.append(Part(title=translate(language, section.title), entries=entries))
    # Answers to questions an earlier version of the form asked: held too, shown by their id.
    others = [
        _answer_entry(_unknown_question(qid), _history(facts, qid, item), language)
        for (qid, item) in keys
        if qid not in shown
    ]
    if others:
        parts.append(Part(title=translate(language, OTHER_ANSWERS), entries=others))
    return parts


def _history(facts: _Facts, question_id: str, item: int) -> list[IntakeAnswer]:
    return [a for a in facts.intake.answers if a.question_id == question_id and a.item == item]


def _unknown_question(question_id: str) -> Question:
    return Question(id=question_id, section_id="", type="text", label=question_id, prompt="", fills="", skippable=True)


def _points_of_attention(facts: _Facts, language: str) -> Part:
    # flags() gives Dutch labels; render the same message ids in the overview's language.
    labels = {f.id: f.label for f in load_schema().flags}
    labels.update(help_requested=HELP_REQUESTED_FLAG, needs_help=NEEDS_HELP_FLAG)
    entries = [Entry(label=translate(language, labels[flag_id]), value="") for flag_id, _dutch in flags(facts.intake)]
    return Part(title=translate(language, POINTS_OF_ATTENTION), entries=entries)


def _appointments(facts: _Facts, language: str) -> Part:
    entries = []
    for appointment in facts.appointments:
        details = []
        for change in facts.changes[appointment.id]:
            details.append(
                translate(language, CHANGES.get(change.action, OTHER_ACTION)).format(date=_moment(change.at, language))
            )
            if change.reason:
                details.append(translate(language, REASON).format(text=change.reason))
        value = appointment_details(
            language,
            appointment.type_code,
            as_utc(appointment.starts_at),
            appointment.location.name,
            appointment.location.address,
            interpreter_kind(appointment),
        )
        label = value.split("\n", 1)[0]
        entries.append(Entry(label=label, value=value, details=details))
    return Part(title=translate(language, APPOINTMENTS), entries=entries)


def _invitations(facts: _Facts, language: str) -> list[Part]:
    entries = []
    for invitation in facts.invitations:
        details = [translate(language, ANSWER_BY).format(date=_day(invitation.respond_by, language))]
        if invitation.responded_at is not None:
            details.append(translate(language, ANSWERED_ON).format(date=_day(invitation.responded_at, language)))
        entries.append(
            Entry(
                label=translate(language, INVITATION_STEPS[invitation.step]),
                value=translate(language, SENT_ON).format(date=_day(invitation.sent_at, language)),
                details=details,
            )
        )
    parts = [Part(title=translate(language, INVITATIONS), entries=entries)]
    if facts.problems:
        notes = [Entry(label=_day(p.found_at, language), value=p.detail) for p in facts.problems]
        parts.append(Part(title=translate(language, PLANNING_NOTES), entries=notes))
    return parts


def _chat(facts: _Facts, language: str) -> list[Part]:
    notices = [Entry(label=_moment(n.created_at, language), value=str(n.values.get("text", ""))) for n in facts.notices]
    timed = [
        (
            as_utc(line.at),
            Entry(
                label=f"{translate(language, YOU if line.by_person else ASSISTANT)} · {_moment(line.at, language)}",
                value=line.text,
            ),
        )
        for line in facts.chat
    ]
    for message in facts.handover_messages:
        if message.author == HandoverAuthor.STAFF and message.staff_user is not None:
            who = signature(message.staff_user, language)
        else:
            who = translate(language, YOU if message.author == HandoverAuthor.PERSON else ASSISTANT)
        at = as_utc(message.created_at)
        timed.append((at, Entry(label=f"{who} · {_moment(at, language)}", value=message.text)))
    lines = [entry for _, entry in sorted(timed, key=lambda pair: pair[0])]
    return [
        Part(title=translate(language, NOTICES), entries=notices),
        Part(title=translate(language, TRANSCRIPT), entries=lines),
    ]


def _rating(facts: _Facts, language: str) -> Part:
    """The rating of the chat, under the question the person was asked (the page's own text)."""
    entries = []
    if facts.rating is not None:
        comment = [facts.rating.comment] if facts.rating.comment else []
        entries.append(
            Entry(label=_moment(facts.rating.rated_at, language), value=f"{facts.rating.score} / 10", details=comment)
        )
    return Part(title=translate(language, texts.UI_TEXTS["rating_question"]), entries=entries)


def _who_worked(facts: _Facts, language: str) -> Part:
    entries = []
    for event, role in facts.audit:
        who = translate(language, ROLES[role]) if role is not None else translate(language, THE_SYSTEM)
        action = REFUSED if event.action.endswith("_refused") else ACTIONS.get(event.action, OTHER_ACTION)
        entries.append(Entry(label=_moment(event.at, language), value=f"{who}: {translate(language, action)}"))
    return Part(title=translate(language, WHO_WORKED), entries=entries)


def _overview(facts: _Facts, language: str) -> Overview:
    parts = [
        _record(facts, language),
        *_answers(facts, language),
        _points_of_attention(facts, language),
        _appointments(facts, language),
        *_invitations(facts, language),
        *_chat(facts, language),
        _rating(facts, language),
        _who_worked(facts, language),
    ]
    nothing = translate(language, NOTHING)
    for part in parts:
        if not part.entries:
            part.entries = [Entry(label=nothing, value="")]
    lang = get_language(language)
    return Overview(
        language=language,
        direction=lang.direction if lang else "ltr",
        title=translate(language, TITLE),
        intro=translate(language, INTRO).format(date=_day(facts.today, language)),
        parts=parts,
    )


def person_language(session: Session, intake: Intake) -> str:
    conversation = session.get_one(Conversation, intake.conversation_id)
    return conversation.language or intake.language


def subject_access(session: Session, tracker: TrackerStore, intake: Intake, policy: RetentionPolicy) -> list[Overview]:
    """The overview in Dutch, then in the person's own language (once when that is Dutch)."""
    facts = _Facts(session, tracker, intake, policy)
    languages = [STAFF_LANGUAGE]
    own = person_language(session, intake)
    if own != STAFF_LANGUAGE:
        languages.append(own)
    return [_overview(facts, language) for language in languages]
