"""The PIP draft: what the intake says, beside what the case manager writes and decides.

The PIP (Persoonlijk Plan Inburgering en Participatie) fixes the learning route, the support and
guidance, participation and how financieel ontzorgen is arranged; it is a decision (beschikking)
of the college, due 10 weeks after DUO's notice (domain.md §1.4). This module prefills a draft
from the brede intake, for the case manager to complete:

- the person's own wishes (their main wish, the work they want, anything else), never their
  `Hoofddoel`: GGM gives that to the municipality (domain.md §3.1), so it is a case manager field;
- the route indications of `backend.pip.indications`, each with the answers it rests on;
- work experience and participation wishes;
- points of attention: health help wanted, young children and early education (VVE, a duty to
  inform parents, domain.md §1.2), money and the six months in which the municipality pays the
  fixed costs from the benefit (Participatiewet art. 56a, domain.md §1.6), care tasks, an interpreter.

Everything prefilled is a suggestion. The case manager's fields (`PipFields`) are saved as
versions: every save is a new `PipVersion` with its author and time, nothing is overwritten.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.errors import BadRequest, Conflict
from backend.intakes import current_answers, person_name
from backend.models import (
    Intake,
    IntakeAnswer,
    Municipality,
    NoAnswer,
    PipVersion,
    StaffUser,
    TranslationStatus,
    day_in_amsterdam,
    utcnow,
)
from backend.pip.indications import Evidence, Route, RouteIndications, route_indications, route_label
from backend.prefilled import STAFF_LANGUAGE, display, pip_deadline, term_start
from backend.text_input import StrictText
from backend.workspace.text import nl_
from forms import load_schema
from forms.answers import age_in_years
from locales import translate


def draft_notice() -> str:
    return nl_(
        "Draft. The case manager completes this plan and decides on it. The route indications are suggestions"
        " with their reasons, never a decision: the case manager chooses the route and gives the reasons."
    )


class MainGoal(enum.StrEnum):
    """The main goal (GGM `Hoofddoel`, enum Doel, domain.md §3.3): set by the municipality."""

    PAID_WORK = "paid_work"
    ENTREPRENEURSHIP = "entrepreneurship"
    STUDY = "study"
    WORK_TO_CAPACITY = "work_to_capacity"
    WORK_FIT = "work_fit"
    SOCIALLY_FIT = "socially_fit"


def main_goal_label(goal: MainGoal) -> str:
    labels = {
        MainGoal.PAID_WORK: nl_("Paid work"),
        MainGoal.ENTREPRENEURSHIP: nl_("Own business"),
        MainGoal.STUDY: nl_("Study with student finance"),
        MainGoal.WORK_TO_CAPACITY: nl_("Paid work to the best of their ability"),
        MainGoal.WORK_FIT: nl_("Getting ready for work"),
        MainGoal.SOCIALLY_FIT: nl_("Taking part in society"),
    }
    return labels[goal]


# The person's wishes and plans, in the order the draft shows them.
WISH_QUESTIONS = ("main_wish", "dream_job", "anything_else")
WORK_QUESTIONS = ("job_title", "job_years", "job_country")
PARTICIPATION_QUESTIONS = ("social_contacts", "feels_lonely", "availability")
# The fixed costs the municipality pays from the benefit in its first months (Participatiewet art. 56a).
FIXED_COSTS_MONTHS = 6
TEXT_LIMIT = 4000


class PipFields(BaseModel):
    """What the case manager writes and decides. Empty until they fill it in."""

    main_goal: MainGoal | None = None
    route: Route | None = None  # the case manager's decision
    route_reasons: StrictText | None = Field(default=None, max_length=TEXT_LIMIT)
    learnability_test_outcome: Route | None = None  # the leerbaarheidstoets result from DUO
    participation: StrictText | None = Field(default=None, max_length=TEXT_LIMIT)  # work, MAP, volunteering
    support: StrictText | None = Field(default=None, max_length=TEXT_LIMIT)  # maatschappelijke begeleiding
    financial_relief: bool | None = None  # the municipality pays the fixed costs for the first months
    early_education_informed: bool | None = None  # the parents were told about VVE
    attention_notes: StrictText | None = Field(default=None, max_length=TEXT_LIMIT)
    pip_date: date | None = None  # the date of the PIP decision (dagtekening)
    notes: StrictText | None = Field(default=None, max_length=TEXT_LIMIT)

    @model_validator(mode="after")
    def _blank_text_is_empty(self) -> PipFields:
        for name in ("route_reasons", "participation", "support", "attention_notes", "notes"):
            value = getattr(self, name)
            if isinstance(value, str) and not value.strip():
                setattr(self, name, None)
        return self


class PipSaveIn(BaseModel):
    fields: PipFields
    # The version the case manager edited (None: the first). A save on an older version than the
    # newest is refused (409), so that nobody overwrites a colleague's save unseen.
    based_on_version: int | None = Field(default=None, ge=1)


class EvidenceOut(BaseModel):
    question_id: str
    item: int | None
    label: str
    value: str


class SignalOut(BaseModel):
    code: str
    text: str
    evidence: list[EvidenceOut]


class IndicationOut(BaseModel):
    route: Route
    label: str
    signals: list[SignalOut]


class AnswerOut(BaseModel):
    """One answer from the intake, in Dutch, with the person's own words and their translation."""

    question_id: str
    item: int | None
    label: str
    display: str
    original_text: str | None
    original_language: str | None
    text_nl: str | None  # the Dutch translation of the person's words, when there is one
    translation_status: TranslationStatus | None


class AttentionPointOut(BaseModel):
    code: str
    label: str
    note: str | None  # what it means for the plan, in Dutch
    answers: list[AnswerOut]


class OptionOut(BaseModel):
    code: str
    label: str


class VersionOut(BaseModel):
    version: int
    saved_at: datetime
    author_id: int
    author_name: str
    decided_route: Route | None
    pip_date: date | None
    fields: PipFields


class PipDraftOut(BaseModel):
    intake_id: uuid.UUID
    draft: bool  # always True: this is never the decision itself
    notice: str
    name: str | None
    language: str
    municipality: str | None
    term_start: date
    term_start_estimated: bool
    pip_deadline: date
    wishes: list[AnswerOut]
    work_experience: list[list[AnswerOut]]
    participation: list[AnswerOut]
    indications: list[IndicationOut]
    indication_basis_missing: list[EvidenceOut]  # answers the indications would read but are missing
    attention_points: list[AttentionPointOut]
    fields: PipFields  # the newest saved version's, or empty
    version: int | None  # the newest saved version (None: never saved)
    saved_at: datetime | None
    saved_by: str | None
    main_goal_options: list[OptionOut]
    route_options: list[OptionOut]


# -- reading the intake ------------------------------------------------------------------------


def _answer_out(answer: IntakeAnswer) -> AnswerOut:
    question = load_schema().question(answer.question_id)
    translation = answer.translation
    return AnswerOut(
        question_id=answer.question_id,
        item=answer.item if question.group_id is not None else None,
        label=translate(STAFF_LANGUAGE, question.label),
        display=display(question, answer),
        original_text=answer.original_text,
        original_language=answer.original_language if answer.original_text else None,
        text_nl=translation.text_nl if translation is not None else None,
        translation_status=translation.status if translation is not None else None,
    )


class _Intake:
    def __init__(self, intake: Intake) -> None:
        self.latest = current_answers(intake)

    def answer(self, question_id: str) -> IntakeAnswer | None:
        return self.latest.get((question_id, 0))

    def answered(self, question_id: str) -> bool:
        answer = self.answer(question_id)
        return answer is not None and answer.no_answer is None

    def value(self, question_id: str) -> object:
        answer = self.answer(question_id)
        return answer.value if answer is not None and answer.no_answer is None else None

    def shown(self, *question_ids: str) -> list[AnswerOut]:
        """The answers there are (also "skipped" or "does not know": that too is worth knowing)."""
        return [_answer_out(a) for q in question_ids if (a := self.answer(q)) is not None]

    def items(self, *question_ids: str) -> list[list[AnswerOut]]:
        """The items of a repeating group, each with the answers given for it."""
        numbers = sorted(
            {item for (qid, item), a in self.latest.items() if qid in question_ids and a.no_answer != NoAnswer.REMOVED}
        )
        return [
            [_answer_out(a) for q in question_ids if (a := self.latest.get((q, number))) is not None]
            for number in numbers
        ]


def _attention_points(facts: _Intake, today: date) -> list[AttentionPointOut]:
    points: list[AttentionPointOut] = []

    def point(code: str, label: str, note: str | None, answers: list[AnswerOut]) -> None:
        points.append(AttentionPointOut(code=code, label=label, note=note, answers=answers))

    # Health: only whether help is wanted; the details stay in the intake (special-category data).
    if facts.value("physical_health_help") == "yes" or facts.value("mental_health_help") == "yes":
        point(
            "health_help",
            nl_("Wants help with health"),
            nl_("Plan the help in the PIP and take it into account for the route and its intensity."),
            facts.shown("physical_health_help", "mental_health_help"),
        )
    # Young children: the municipality must inform parents about early education (VVE, domain.md §1.2).
    young_children = [
        a
        for (qid, _item), a in sorted(facts.latest.items(), key=lambda entry: entry[0])
        if qid == "child_date_of_birth" and a.no_answer is None and isinstance(a.value, str)
        if 0 <= age_in_years(a.value, today) < 5
    ]
    if young_children:
        point(
            "young_children",
            nl_("Young children (VVE information)"),
            nl_("Inform the parents about early childhood education (VVE) and record that they were informed."),
            [_answer_out(a) for a in young_children] + facts.shown("early_education_info"),
        )
    if facts.value("care_tasks") == "yes":
        point("care_tasks", nl_("Care tasks"), None, facts.shown("care_tasks"))
    # Money: always shown. For people on a benefit the municipality pays rent, energy and health
    # insurance from it during the first six months (financieel ontzorgen, domain.md §1.6).
    point(
        "finances",
        nl_("Money and fixed costs"),
        nl_(
            "During the first %(months)d months of the benefit the municipality pays the rent, energy and"
            " health insurance from it (financial relief, Participation Act art. 56a).",
            months=FIXED_COSTS_MONTHS,
        ),
        facts.shown("benefit", "fixed_costs_help", "debts", "bank_account", "health_insurance"),
    )
    if facts.value("interpreter_needed") == "yes":
        point("interpreter", nl_("Interpreter needed"), None, facts.shown("interpreter_needed", "interpreter_language"))
    return points


def _indications_out(found: RouteIndications) -> tuple[list[IndicationOut], list[EvidenceOut]]:
    def evidence(items: list[Evidence]) -> list[EvidenceOut]:
        return [EvidenceOut(question_id=e.question_id, item=e.item, label=e.label, value=e.value) for e in items]

    indications = [
        IndicationOut(
            route=i.route,
            label=i.label,
            signals=[SignalOut(code=s.code, text=s.text, evidence=evidence(s.evidence)) for s in i.signals],
        )
        for i in found.indications
    ]
    return indications, evidence(found.missing)


# -- versions ----------------------------------------------------------------------------------


def versions(session: Session, intake: Intake) -> list[PipVersion]:
    """Every saved version of the intake's PIP draft, oldest first."""
    query = select(PipVersion).where(PipVersion.intake_id == intake.id).order_by(PipVersion.version)
    return list(session.scalars(query))


def latest_version(session: Session, intake: Intake) -> PipVersion | None:
    query = select(PipVersion).where(PipVersion.intake_id == intake.id).order_by(PipVersion.version.desc()).limit(1)
    return session.scalar(query)


def version_out(row: PipVersion) -> VersionOut:
    return VersionOut(
        version=row.version,
        saved_at=row.saved_at,
        author_id=row.author_id,
        author_name=row.author.full_name,
        decided_route=Route(row.decided_route) if row.decided_route else None,
        pip_date=row.pip_date,
        fields=PipFields.model_validate(row.fields),
    )


def _check(fields: PipFields) -> None:
    """The rules a save must meet: a decided route has its reasons, and a PIP date its route."""
    if fields.route is not None and not fields.route_reasons:
        raise BadRequest(nl_("Give the reasons for the route you chose."))
    if fields.pip_date is not None and fields.route is None:
        raise BadRequest(nl_("Choose the route before you set the date of the PIP."))


def save_version(
    session: Session, intake: Intake, body: PipSaveIn, author: StaffUser, today: date | None = None
) -> PipVersion:
    """Store the case manager's fields as the next version (or nothing new when they did not change)."""
    _check(body.fields)
    # One save at a time per intake: the row lock orders two saves that arrive together.
    session.scalar(select(Intake).where(Intake.id == intake.id).with_for_update())
    newest = latest_version(session, intake)
    newest_number = newest.version if newest is not None else None
    if body.based_on_version != newest_number:
        raise Conflict(
            nl_(
                "Someone saved this PIP draft meanwhile (version %(version)s). Reload it and try again.",
                version=newest_number,
            )
        )
    stored = body.fields.model_dump(mode="json")
    if newest is not None and newest.fields == stored:
        return newest
    found = route_indications(intake, today)
    indications, _missing = _indications_out(found)
    row = PipVersion(
        intake_id=intake.id,
        version=(newest_number or 0) + 1,
        fields=stored,
        decided_route=body.fields.route.value if body.fields.route else None,
        pip_date=body.fields.pip_date,
        indications=[i.model_dump(mode="json") for i in indications],
        author_id=author.id,
    )
    session.add(row)
    session.flush()
    session.refresh(row)
    return row


# -- the draft -----------------------------------------------------------------------------------


def build_draft(session: Session, intake: Intake, today: date | None = None) -> PipDraftOut:
    """The PIP draft of one intake: prefilled from the answers, with the newest saved fields."""
    today = today or day_in_amsterdam(utcnow())
    facts = _Intake(intake)
    indications, missing = _indications_out(route_indications(intake, today))
    newest = latest_version(session, intake)
    start, estimated = term_start(intake)
    municipality = session.get(Municipality, intake.municipality_code) if intake.municipality_code else None
    return PipDraftOut(
        intake_id=intake.id,
        draft=True,
        notice=draft_notice(),
        name=person_name(intake),
        language=intake.language,
        municipality=municipality.name if municipality else None,
        term_start=start,
        term_start_estimated=estimated,
        pip_deadline=pip_deadline(intake),
        wishes=facts.shown(*WISH_QUESTIONS),
        work_experience=facts.items(*WORK_QUESTIONS),
        participation=facts.shown(*PARTICIPATION_QUESTIONS),
        indications=indications,
        indication_basis_missing=missing,
        attention_points=_attention_points(facts, today),
        fields=PipFields.model_validate(newest.fields) if newest else PipFields(),
        version=newest.version if newest else None,
        saved_at=newest.saved_at if newest else None,
        saved_by=newest.author.full_name if newest else None,
        main_goal_options=[OptionOut(code=goal.value, label=main_goal_label(goal)) for goal in MainGoal],
        route_options=[OptionOut(code=route.value, label=route_label(route)) for route in Route],
    )
