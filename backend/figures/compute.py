"""The region's figures for the councils' progress reports: numbers only, no personal data.

Everything is counted from what the database already holds: intakes (municipality, language,
status, when they started), the start of the integration term (DUO's notice, or the intake's
creation as an estimate), the brede intake meeting attended (appointments), the date of the PIP
(the case manager's PIP draft, backend/pip/), the invitation chain, the stored answers and who
helped type them. The policy goals these serve are in domain.md §7 (deadlines met, the route mix
against the forecast 63/26/16, participation, a client rating of at least 7: the person's 1-10
rating after sending, backend/satisfaction.py; its scores only, never the comments).

Small numbers are suppressed: a count from 1 to 4 is shown as "fewer than 5" (None here), and a
share whose numerator or denominator is suppressed is not shown, so that a figure for a small
municipality does not point to a person. Zero is shown.
"""

from __future__ import annotations

import enum
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.intakes import current_answers
from backend.models import (
    AnswerSource,
    Appointment,
    AppointmentStatus,
    Intake,
    IntakeStatus,
    Invitation,
    InvitationStep,
    Municipality,
    PipVersion,
    SatisfactionRating,
    as_utc,
)
from backend.pip.indications import Route, route_label
from backend.prefilled import PIP_TERM, STAFF_LANGUAGE, term_start
from backend.presenters.labels import language_name
from backend.satisfaction import GOAL, HIGHEST, LOWEST
from backend.scheduling.invitations import CHAIN
from backend.scheduling.slots import LOCAL_TIME
from backend.scheduling.types import APPOINTMENT_TYPES
from backend.workspace.text import nl_
from forms import load_schema
from locales import translate

# Counts from 1 to SMALL_CELL - 1 are not shown.
SMALL_CELL = 5
# The seed's yearly forecast of routes (domain.md §7): B1 63, education 26, Z 16 of 105.
FORECAST_ROUTES = {"b1": 63, "education": 26, "z": 16}
FORECAST_ROUTE_SHARES: dict[str, float | None] = {
    route: round(100 * n / sum(FORECAST_ROUTES.values()), 1) for route, n in FORECAST_ROUTES.items()
}


def invitation_step_label(step: InvitationStep) -> str:
    labels = {
        InvitationStep.FIRST_INVITATION: nl_("First invitation"),
        InvitationStep.WARNING_SECOND_INVITATION: nl_("Warning and second invitation"),
        InvitationStep.FINE_THIRD_INVITATION: nl_("Fine and third invitation"),
        InvitationStep.SECOND_FINE: nl_("Second fine, PIP set without the person"),
    }
    return labels[step]


def shown(count: int) -> int | None:
    """The count as it may be shown: None for 1 to 4 (suppressed)."""
    return None if 0 < count < SMALL_CELL else count


def share(part: int, whole: int) -> float | None:
    """part / whole as a percentage (one decimal). Not shown when the part or the rest (whole minus
    part) is a suppressed count: 1 of 7 would show as 14.3 %, and 6 of 7 tells the same."""
    if whole == 0 or shown(part) is None or shown(whole - part) is None:
        return None
    return round(100 * part / whole, 1)


def hide_complement(rows: list[Row], measure: str) -> list[Row]:
    """Secondary suppression of one column. When exactly one count of the column is hidden, the
    total shown elsewhere would give it away (the total minus the others): the smallest other
    count above zero is hidden too, with the shares of its row (not the forecast, which is no count)."""
    if sum(1 for row in rows if row.counts.get(measure, 0) is None) != 1:
        return rows
    others = [row for row in rows if row.counts.get(measure)]
    if not others:
        return rows
    smallest = min(others, key=lambda row: row.counts[measure] or 0)
    return [
        Row(
            row.key,
            row.label,
            {**row.counts, measure: None},
            {name: (value if name == "forecast" else None) for name, value in row.shares.items()},
        )
        if row is smallest
        else row
        for row in rows
    ]


@dataclass(frozen=True)
class Scope:
    """Whose intakes are counted: some municipalities, or (None) the whole region, also the
    intakes whose municipality is not known yet."""

    municipality_codes: frozenset[str] | None
    label: str


@dataclass(frozen=True)
class Period:
    """Intakes begun from `first` up to and including `last` (either may be open)."""

    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class Row:
    """One line of a table: a label and its counts (None: fewer than 5)."""

    key: str
    label: str
    counts: dict[str, int | None]
    shares: dict[str, float | None] = field(default_factory=dict)


class Milestone(enum.StrEnum):
    INTAKE = "intake"  # the brede intake meeting was held (an attended appointment)
    PIP = "pip"  # the PIP was set (the date of the PIP in the case manager's draft)


@dataclass(frozen=True)
class Deadline:
    """How often a milestone came within the legal 10 weeks after the start (Besluit 5.3)."""

    milestone: Milestone
    label: str
    met: int | None
    late: int | None
    overdue: int | None  # not yet, and the 10 weeks are over
    pending: int | None  # not yet, within the 10 weeks
    share_met: float | None  # met / (met + late + overdue)
    median_days: float | None  # start to milestone, of those that happened


@dataclass(frozen=True)
class SatisfactionRow:
    """The ratings of one municipality (or the scope): how many, their mean and the share of at least 7."""

    key: str
    label: str
    ratings: int | None  # None: fewer than 5
    mean: float | None  # not shown for fewer than 5 ratings
    share_at_goal: float | None  # share of ratings of at least GOAL


@dataclass(frozen=True)
class Satisfaction:
    """The person's 1-10 rating after sending (backend/satisfaction.py): scores only, never comments."""

    goal: int
    total: SatisfactionRow
    by_municipality: list[SatisfactionRow]
    distribution: list[Row]  # per score 1 to 10: how many gave it


@dataclass(frozen=True)
class Figures:
    scope: Scope
    period: Period
    today: date
    suppressed_below: int
    intakes: int | None
    submitted: int | None
    estimated_starts: int | None  # intakes whose term start is estimated (no notice date recorded)
    by_municipality: list[Row]
    by_language: list[Row]
    deadlines: list[Deadline]
    routes_decided: list[Row]
    routes_indicated: list[Row]
    appointments: list[Row]
    invitations: list[Row]
    questions: list[Row]
    volunteer_assisted: int | None
    volunteer_assisted_share: float | None
    satisfaction: Satisfaction


def _scoped_intakes(session: Session, scope: Scope, period: Period) -> list[Intake]:
    query = select(Intake).order_by(Intake.created_at)
    if scope.municipality_codes is not None:
        query = query.where(Intake.municipality_code.in_(scope.municipality_codes))
    if period.first is not None:
        query = query.where(Intake.created_at >= datetime.combine(period.first, time.min, LOCAL_TIME))
    if period.last is not None:
        query = query.where(Intake.created_at < datetime.combine(period.last, time.max, LOCAL_TIME))
    return list(session.scalars(query))


def _counted_rows(counter: Counter[str], labels: dict[str, str], order: Iterable[str], total: int) -> list[Row]:
    return [
        Row(
            key=key,
            label=labels.get(key, key),
            counts={"count": shown(counter[key])},
            shares={"share": share(counter[key], total)},
        )
        for key in order
    ]


def _deadline(milestone: Milestone, label: str, dates: list[tuple[date, date | None]], today: date) -> Deadline:
    """`dates`: per intake its start and the day the milestone was reached (None: not yet)."""
    met = late = overdue = pending = 0
    days: list[int] = []
    for start, reached in dates:
        due = start + PIP_TERM
        if reached is None:
            if today > due:
                overdue += 1
            else:
                pending += 1
            continue
        days.append((reached - start).days)
        if reached <= due:
            met += 1
        else:
            late += 1
    counts = {"met": shown(met), "late": shown(late), "overdue": shown(overdue), "pending": shown(pending)}
    # The four add up to the number of intakes (shown): one hidden count alone would be given away.
    if sum(1 for value in counts.values() if value is None) == 1:
        smallest = min(
            (name for name, value in counts.items() if value), key=lambda name: counts[name] or 0, default=None
        )
        if smallest is not None:
            counts[smallest] = None
    return Deadline(
        milestone=milestone,
        label=label,
        met=counts["met"],
        late=counts["late"],
        overdue=counts["overdue"],
        pending=counts["pending"],
        share_met=share(met, met + late + overdue),
        median_days=float(statistics.median(days)) if len(days) >= SMALL_CELL else None,
    )


def _latest_pip_versions(session: Session, intake_ids: list[object]) -> dict[object, PipVersion]:
    latest: dict[object, PipVersion] = {}
    if not intake_ids:
        return latest
    for row in session.scalars(select(PipVersion).where(PipVersion.intake_id.in_(intake_ids))):
        if row.intake_id not in latest or row.version > latest[row.intake_id].version:
            latest[row.intake_id] = row
    return latest


def _question_rows(intakes: list[Intake]) -> list[Row]:
    """Per question, in the order the chat asks them: how many intakes reached it, answered it,
    left it without an answer (skipped, does not know, ...), and of the intakes never sent, how
    many stopped after it (their newest answer from the chat)."""
    schema = load_schema()
    reached: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    no_answer: Counter[str] = Counter()
    stopped: Counter[str] = Counter()
    for intake in intakes:
        latest = list(current_answers(intake).values())
        for question_id in {a.question_id for a in intake.answers}:
            reached[question_id] += 1
        for question_id in {a.question_id for a in latest if a.no_answer is None}:
            answered[question_id] += 1
        for question_id in {a.question_id for a in latest if a.no_answer is not None}:
            no_answer[question_id] += 1
        if intake.status == IntakeStatus.PARTIAL:
            # The person's own answers (in the chat, with a volunteer or in the web form), not corrections.
            from_chat = [
                a for a in intake.answers if a.source in (AnswerSource.CHAT, AnswerSource.VOLUNTEER, AnswerSource.FORM)
            ]
            if from_chat:
                last = max(from_chat, key=lambda a: (as_utc(a.recorded_at), a.id))
                stopped[last.question_id] += 1
    rows = []
    for question in schema.questions:
        rows.append(
            Row(
                key=question.id,
                label=translate(STAFF_LANGUAGE, question.label),
                counts={
                    "reached": shown(reached[question.id]),
                    "answered": shown(answered[question.id]),
                    "no_answer": shown(no_answer[question.id]),
                    "stopped_after": shown(stopped[question.id]),
                },
                shares={"answered": share(answered[question.id], reached[question.id])},
            )
        )
    return rows


def _satisfaction_row(key: str, label: str, scores: list[int]) -> SatisfactionRow:
    count = len(scores)
    at_goal = sum(1 for score in scores if score >= GOAL)
    return SatisfactionRow(
        key=key,
        label=label,
        ratings=shown(count),
        # A mean of 1 to 4 ratings says too much about each of them.
        mean=round(statistics.fmean(scores), 1) if count >= SMALL_CELL else None,
        share_at_goal=share(at_goal, count),
    )


def _satisfaction(
    session: Session, intakes: list[Intake], scope: Scope, codes: list[str], labels: dict[str, str]
) -> Satisfaction:
    """The ratings of the intakes counted: in the scope, per municipality (`codes`), and per score."""
    ids = [i.id for i in intakes]
    municipality_of = {i.id: i.municipality_code or "" for i in intakes}
    ratings = (
        list(session.scalars(select(SatisfactionRating).where(SatisfactionRating.intake_id.in_(ids)))) if ids else []
    )
    scores = [r.score for r in ratings]
    per_code: dict[str, list[int]] = {code: [] for code in codes}
    for rating in ratings:
        per_code.setdefault(municipality_of[rating.intake_id], []).append(rating.score)
    rows = [_satisfaction_row(code or "unknown", labels.get(code, code), per_code[code]) for code in codes]
    # Secondary suppression, as for the intakes per municipality: one hidden count next to the
    # total would be given away, so the smallest other count is hidden too, with its mean and share.
    if sum(1 for row in rows if row.ratings is None) == 1:
        others = [row for row in rows if row.ratings]
        if others:
            smallest = min(others, key=lambda row: row.ratings or 0)
            rows = [SatisfactionRow(r.key, r.label, None, None, None) if r is smallest else r for r in rows]
    given = Counter(scores)
    distribution = [
        Row(key=str(score), label=str(score), counts={"count": shown(given[score])}, shares={})
        for score in range(LOWEST, HIGHEST + 1)
    ]
    return Satisfaction(
        goal=GOAL,
        total=_satisfaction_row("total", scope.label, scores),
        by_municipality=rows,
        distribution=hide_complement(distribution, "count"),
    )


def compute(session: Session, scope: Scope, period: Period, today: date | None = None) -> Figures:
    today = today or datetime.now(LOCAL_TIME).date()
    intakes = _scoped_intakes(session, scope, period)
    total = len(intakes)
    ids: list[object] = [i.id for i in intakes]

    # Intakes per municipality and per language.
    names = {m.code: m.name for m in session.scalars(select(Municipality))}
    municipality_of = Counter(i.municipality_code or "" for i in intakes)
    submitted_of = Counter(i.municipality_code or "" for i in intakes if i.status == IntakeStatus.SUBMITTED)
    codes = sorted(scope.municipality_codes) if scope.municipality_codes is not None else sorted(names)
    if scope.municipality_codes is None:
        codes.append("")  # the intakes whose municipality is not known yet
    labels = {**names, "": nl_("Municipality not known yet")}
    codes_in_order = sorted(codes, key=lambda c: (c == "", labels.get(c, c)))
    by_municipality = [
        Row(
            key=code or "unknown",
            label=labels.get(code, code),
            counts={"intakes": shown(municipality_of[code]), "submitted": shown(submitted_of[code])},
        )
        for code in codes_in_order
    ]
    for measure in ("intakes", "submitted"):
        by_municipality = hide_complement(by_municipality, measure)
    language_of = Counter(i.language for i in intakes)
    submitted_language = Counter(i.language for i in intakes if i.status == IntakeStatus.SUBMITTED)
    by_language = [
        Row(
            key=code,
            label=language_name(code),
            counts={"intakes": shown(language_of[code]), "submitted": shown(submitted_language[code])},
        )
        for code, _count in language_of.most_common()
    ]
    for measure in ("intakes", "submitted"):
        by_language = hide_complement(by_language, measure)

    # Deadlines: the start of the term to the intake meeting and to the PIP.
    appointments = list(session.scalars(select(Appointment).where(Appointment.intake_id.in_(ids)))) if ids else []
    held: dict[object, date] = {}
    for appointment in appointments:
        if appointment.type_code == "brede_intake" and appointment.status == AppointmentStatus.ATTENDED:
            day = as_utc(appointment.starts_at).astimezone(LOCAL_TIME).date()
            held[appointment.intake_id] = min(day, held.get(appointment.intake_id, day))
    latest_pip = _latest_pip_versions(session, ids)
    starts = {i.id: term_start(i) for i in intakes}
    deadlines = [
        _deadline(
            Milestone.INTAKE,
            nl_("Intake meeting held within 10 weeks of the start"),
            [(starts[i.id][0], held.get(i.id)) for i in intakes],
            today,
        ),
        _deadline(
            Milestone.PIP,
            nl_("PIP set within 10 weeks of the start"),
            [(starts[i.id][0], p.pip_date if (p := latest_pip.get(i.id)) else None) for i in intakes],
            today,
        ),
    ]

    # The route mix: as decided by the case managers, and as the drafts indicated.
    route_labels = {route.value: route_label(route) for route in Route}
    decided = Counter(p.decided_route or "undecided" for p in latest_pip.values())
    routes_decided = _counted_rows(
        decided,
        {**route_labels, "undecided": nl_("Not decided yet")},
        [*(r.value for r in Route), "undecided"],
        len(latest_pip),
    )
    # Beside each route, the region's forecast (domain.md §7, from the seed: 63 B1, 26 education,
    # 16 Z of 105 asylum migrants in a route a year), as a share of the routes decided.
    routes_decided = [
        Row(row.key, row.label, row.counts, {**row.shares, "forecast": FORECAST_ROUTE_SHARES.get(row.key)})
        for row in routes_decided
    ]
    routes_decided = hide_complement(routes_decided, "count")
    indicated = Counter(str(i["route"]) for p in latest_pip.values() for i in p.indications)
    # More than one route may be indicated per draft: these do not add up to a total, nothing to complement.
    routes_indicated = _counted_rows(indicated, route_labels, [r.value for r in Route], len(latest_pip))

    # Appointments by type and outcome; the share of no-shows of those that were due.
    appointment_rows = []
    for type_code, kind in APPOINTMENT_TYPES.items():
        outcome = Counter(a.status.value for a in appointments if a.type_code == type_code)
        due = outcome[AppointmentStatus.ATTENDED.value] + outcome[AppointmentStatus.NO_SHOW.value]
        appointment_rows.append(
            Row(
                key=type_code,
                label=kind.label_nl,  # already Dutch
                counts={status.value: shown(outcome[status.value]) for status in AppointmentStatus},
                shares={"no_show": share(outcome[AppointmentStatus.NO_SHOW.value], due)},
            )
        )

    # The invitation chain: how far it went, and how many answered each step.
    invitations = list(session.scalars(select(Invitation).where(Invitation.intake_id.in_(ids)))) if ids else []
    sent = Counter(i.step for i in invitations)
    answered = Counter(i.step for i in invitations if i.responded_at is not None)
    invitation_rows = [
        Row(
            key=step.value,
            label=invitation_step_label(step),
            counts={"sent": shown(sent[step]), "responded": shown(answered[step])},
            shares={"responded": share(answered[step], sent[step])},
        )
        for step in CHAIN
    ]

    assisted = sum(1 for i in intakes if any(a.source == AnswerSource.VOLUNTEER for a in i.answers))
    return Figures(
        scope=scope,
        period=period,
        today=today,
        suppressed_below=SMALL_CELL,
        intakes=shown(total),
        submitted=shown(sum(1 for i in intakes if i.status == IntakeStatus.SUBMITTED)),
        estimated_starts=shown(sum(1 for start in starts.values() if start[1])),
        by_municipality=by_municipality,
        by_language=by_language,
        deadlines=deadlines,
        routes_decided=routes_decided,
        routes_indicated=routes_indicated,
        appointments=appointment_rows,
        invitations=invitation_rows,
        questions=_question_rows(intakes),
        volunteer_assisted=shown(assisted),
        volunteer_assisted_share=share(assisted, total),
        satisfaction=_satisfaction(session, intakes, scope, codes_in_order, labels),
    )
