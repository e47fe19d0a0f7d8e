"""The person's own answers as a PDF, in their own language, after they sent them.

Built from the same facts and texts as the subject access overview (backend/privacy/access.py):
each answered question of forms/intake.yaml in the person's language, what they typed in their
own words where the assistant read it into something else (a date, a choice), and who entered
an answer the case manager corrected. Right-to-left languages get a right-to-left page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.documents.pdf import render_pdf
from backend.documents.templates import render
from backend.intakes import current_answers
from backend.models import AnswerSource, Conversation, Intake, IntakeAnswer, IntakeStatus, NoAnswer
from backend.privacy.access import IN_YOUR_WORDS, SOURCES, _answer_text, person_language
from forms import Question, load_schema
from locales import translate


def N_(message: str) -> str:  # noqa: N802 - marks a text for extraction; translated when shown
    return message


TITLE = N_("Your answers")
INTRO = N_("You sent these answers to the municipality on {date}.")
NOT_SENT_YET = N_("You can download your answers when they have been sent. Try again in a moment.")
DOWNLOAD = N_("Download your answers (PDF)")

# Answers that are no answer for the person: the question no longer applied, or the item was taken away.
NOT_SHOWN = (NoAnswer.NOT_APPLICABLE, NoAnswer.REMOVED)


@dataclass(frozen=True)
class Answer:
    label: str
    value: str
    # What the person typed, where the assistant read it into something else (a date, a choice).
    words: str | None = None
    # "Entered by your case manager" when a case manager corrected it.
    source_note: str | None = None


@dataclass(frozen=True)
class Part:
    title: str
    answers: list[Answer]


def intake_of(session: Session, conversation: Conversation) -> Intake | None:
    return session.scalar(select(Intake).where(Intake.conversation_id == conversation.id))


def is_sent(intake: Intake | None) -> bool:
    """The person's answers can be downloaded once they have sent them."""
    return intake is not None and intake.status == IntakeStatus.SUBMITTED


def _answer(question: Question, answer: IntakeAnswer, language: str) -> Answer:
    label = translate(language, question.label)
    if question.group_id is not None:
        label = f"{label} ({answer.item + 1})"
    value = _answer_text(question, answer, language)
    words = answer.original_text if answer.original_text and answer.original_text.strip() != value.strip() else None
    corrected = answer.source == AnswerSource.CASE_MANAGER
    return Answer(
        label=label,
        value=value,
        words=words,
        source_note=translate(language, SOURCES[answer.source]) if corrected else None,
    )


def parts(intake: Intake, language: str) -> list[Part]:
    """The answers by section of forms/intake.yaml, in the schema's order, in `language`."""
    latest = current_answers(intake)
    result = []
    for section in load_schema().sections:
        answers = []
        for question in (q for top in section.questions for q in (top, *top.items)):
            if question.type == "group":
                continue  # the number of items; each item's answers follow
            for (question_id, _item), answer in sorted(latest.items()):
                if question_id == question.id and answer.no_answer not in NOT_SHOWN:
                    answers.append(_answer(question, answer, language))
        if answers:
            result.append(Part(title=translate(language, section.title), answers=answers))
    return result


def answers_html(session: Session, intake: Intake) -> str:
    language = person_language(session, intake)
    return render(
        "own_answers.html",
        language,
        title=TITLE,
        intro=INTRO,
        in_your_words=IN_YOUR_WORDS,
        sent_at=intake.submitted_at,
        parts=parts(intake, language),
    )


def answers_pdf(session: Session, intake: Intake) -> bytes:
    return render_pdf(answers_html(session, intake))
