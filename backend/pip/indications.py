"""What the intake's answers suggest for the learning route: indications with their reasons, never a choice.

The college (in practice the case manager) sets the route in the PIP; it weighs the
leerbaarheidstoets with the rest of the brede intake and gives reasons when it deviates from the
test (domain.md §1.3, §1.4, §5). The AI Act counts a system that assesses people for public
services as high-risk and the domain notes say: humans decide routes (domain.md §6). So this module
decides nothing. It points out, by a few plain rules anyone can read below, which answers speak for
which route, and names every answer it rests on, with its value, so that the case manager can check
it. More than one route can be indicated, or none; a route is never chosen here.

The three routes are those of the law (domain.md §1.5; GGM `UitkomstLeerbaarheidstoets`, §3.3):
- B1 route: exams at B1 within the term, for people who can learn a language at that pace;
- education route (onderwijsroute): mainly young people, towards mbo/hbo/wo through a
  taalschakeltraject; case law requires that it is looked into properly for young people
  (ABRvS 24-12-2024, ECLI:NL:RVS:2024:5413, domain.md §1.4);
- Z route: self-reliance, for people with low learnability.
The thresholds below (which schooling counts as little, from what age a learner is older) are the
team's reading of those descriptions [inference in domain.md's terms], not rules of the law.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from backend.intakes import current_answers
from backend.models import Intake, IntakeAnswer, NoAnswer, day_in_amsterdam, utcnow
from backend.prefilled import STAFF_LANGUAGE, display
from backend.workspace.text import nl_
from forms import load_schema
from forms.answers import age_in_years
from locales import translate


class Route(enum.StrEnum):
    """The learning routes of the Wet inburgering 2021 (GGM UitkomstLeerbaarheidstoets)."""

    B1 = "b1"
    EDUCATION = "education"
    Z = "z"


def route_label(route: Route) -> str:
    """The route's name in Dutch, as GGM and the law write it."""
    labels = {Route.B1: nl_("B1 route"), Route.EDUCATION: nl_("Education route"), Route.Z: nl_("Z route")}
    return labels[route]


# Schooling from least to most, by the codes of `education_level` in forms/intake.yaml.
# "other" is not ranked: it says nothing about the level.
EDUCATION_RANK = {"primary": 1, "secondary_lower": 2, "secondary_upper": 3, "vocational": 4, "bachelor": 5, "master": 6}
SECONDARY = EDUCATION_RANK["secondary_lower"]
# Fewer years of school than a full primary school (6 years) count as little schooling.
FEW_SCHOOL_YEARS = 6
# From this age learning a new language and a new script usually goes slower: an indication
# for the Z route only together with low literacy (never on its own).
OLDER_LEARNER_AGE = 50
# The answers the rules read; those not answered are listed, so the case manager sees how thin
# the basis of an indication is.
QUESTIONS_READ = (
    "date_of_birth",
    "schooling",
    "education_level",
    "schooling_years_total",
    "reads_own_language",
    "writes_own_language",
    "latin_alphabet",
    "dutch_level",
)


def _signal_text(code: str, age: int = 0, years: int = 0) -> str:
    """What a signal means, in Dutch (the staff catalog)."""
    match code:
        case "young":
            return nl_("Young person (%(age)d years): the education route must be looked into", age=age)
        case "older":
            return nl_("Older learner (%(age)d years)", age=age)
        case "secondary":
            return nl_("Secondary education or higher")
        case "school_years":
            return nl_("At least %(years)d years of school", years=years)
        case "little_schooling":
            return nl_("Little schooling: no school, only primary school, or fewer than 6 years")
        case "literate":
            return nl_("Reads their own language well")
        case "low_literacy":
            return nl_("Reads or writes their own language a little or not, or does not read the Latin alphabet")
        case "some_dutch":
            return nl_("Already speaks some Dutch")
    raise ValueError(code)


@dataclass(frozen=True)
class Evidence:
    """One answer an indication rests on, as the case manager reads it."""

    question_id: str
    item: int | None  # the school (0, 1, ...) for an answer inside a repeating group
    label: str  # the question, in Dutch
    value: str  # the answer, in Dutch (or "ongeveer 2003", "Heeft geen", ...)


@dataclass(frozen=True)
class Signal:
    code: str
    text: str  # in Dutch
    evidence: list[Evidence]


@dataclass(frozen=True)
class Indication:
    route: Route
    label: str  # in Dutch
    signals: list[Signal]


@dataclass(frozen=True)
class RouteIndications:
    indications: list[Indication]
    # The questions the rules read that have no answer (skipped, "does not know", not asked yet).
    missing: list[Evidence] = field(default_factory=list)


class _Answers:
    """The current answers of one intake, read the way the rules need them."""

    def __init__(self, intake: Intake) -> None:
        self.latest = current_answers(intake)
        self.schema = load_schema()

    def all(self, question_id: str) -> list[IntakeAnswer]:
        """Every current answer to the question (one per group item), in item order; removed items left out."""
        return [
            answer
            for (qid, _item), answer in sorted(self.latest.items(), key=lambda entry: entry[0])
            if qid == question_id and answer.no_answer != NoAnswer.REMOVED
        ]

    def one(self, question_id: str) -> IntakeAnswer | None:
        return self.latest.get((question_id, 0))

    def value(self, question_id: str) -> object:
        answer = self.one(question_id)
        return answer.value if answer is not None and answer.no_answer is None else None

    def evidence(self, answer: IntakeAnswer) -> Evidence:
        question = self.schema.question(answer.question_id)
        return Evidence(
            question_id=answer.question_id,
            item=answer.item if question.group_id is not None else None,
            label=translate(STAFF_LANGUAGE, question.label),
            value=display(question, answer),
        )

    def missing(self, question_id: str) -> Evidence:
        question = self.schema.question(question_id)
        return Evidence(
            question_id=question_id,
            item=None,
            label=translate(STAFF_LANGUAGE, question.label),
            value=display(question, self.one(question_id)),
        )


def _signal(code: str, evidence: list[Evidence], age: int = 0, years: int = 0) -> Signal:
    return Signal(code=code, text=_signal_text(code, age=age, years=years), evidence=evidence)


def _young_ages() -> tuple[float, float]:
    """The ages of a young person: the same as the intake's `young_person` flag (forms/intake.yaml),
    so that the flag and the indication never disagree."""
    flag = next(f for f in load_schema().flags if f.id == "young_person")
    assert flag.when.age_between_years is not None
    return flag.when.age_between_years


def route_indications(intake: Intake, today: date | None = None) -> RouteIndications:
    """The routes the answers point to, each with the signals (and their answers) behind it."""
    today = today or day_in_amsterdam(utcnow())
    answers = _Answers(intake)
    signals: dict[str, Signal] = {}  # by code: what the answers show

    def add(signal: Signal) -> None:
        signals[signal.code] = signal

    # Age, from the date of birth (a partial date counts from the middle of its year or month).
    birth = answers.one("date_of_birth")
    if birth is not None and birth.no_answer is None and isinstance(birth.value, str):
        age = int(age_in_years(birth.value, today))
        youngest, oldest = _young_ages()
        if youngest <= age <= oldest:
            add(_signal("young", [answers.evidence(birth)], age=age))
        if age >= OLDER_LEARNER_AGE:
            add(_signal("older", [answers.evidence(birth)], age=age))

    # Schooling: the highest level of any school, the years of school in total.
    levels = [a for a in answers.all("education_level") if a.no_answer is None]
    ranked = [a for a in levels if a.value in EDUCATION_RANK]
    highest = max(ranked, key=lambda a: EDUCATION_RANK[str(a.value)], default=None)
    schooling = answers.one("schooling")  # the number of schools; 0 or "has none": no school at all
    years_answer = answers.one("schooling_years_total")
    years = years_answer.value if years_answer is not None and years_answer.no_answer is None else None
    if highest is not None and EDUCATION_RANK[str(highest.value)] >= SECONDARY:
        add(_signal("secondary", [answers.evidence(highest)]))
    if isinstance(years, int | float) and years >= FEW_SCHOOL_YEARS and years_answer is not None:
        add(_signal("school_years", [answers.evidence(years_answer)], years=int(years)))
    no_school = schooling is not None and (schooling.value == 0 or schooling.no_answer == NoAnswer.NONE)
    only_primary = highest is not None and EDUCATION_RANK[str(highest.value)] < SECONDARY
    few_years = isinstance(years, int | float) and years < FEW_SCHOOL_YEARS
    if (no_school or only_primary or few_years) and "secondary" not in signals:
        evidence = [answers.evidence(a) for a in (schooling if no_school else None, highest, years_answer) if a]
        add(_signal("little_schooling", evidence))

    # Literacy in the person's own language and the Latin alphabet (as the low_literacy flag reads it).
    reads, writes, latin = (answers.one(q) for q in ("reads_own_language", "writes_own_language", "latin_alphabet"))
    low = [
        a
        for a, values in ((reads, ("no", "a_little")), (writes, ("no", "a_little")), (latin, ("no",)))
        if a is not None and a.no_answer is None and a.value in values
    ]
    if low:
        add(_signal("low_literacy", [answers.evidence(a) for a in low]))
    elif reads is not None and reads.value == "well":
        add(_signal("literate", [answers.evidence(reads)]))

    dutch = answers.one("dutch_level")
    if dutch is not None and dutch.no_answer is None and dutch.value in ("reasonable", "good"):
        add(_signal("some_dutch", [answers.evidence(dutch)]))

    def pick(*codes: str) -> list[Signal]:
        return [signals[c] for c in codes if c in signals]

    found: list[Indication] = []
    # Education route: a young person with secondary education or more (domain.md §1.5 and the case law).
    if "young" in signals and ("secondary" in signals or "school_years" in signals):
        found.append(_indication(Route.EDUCATION, pick("young", "secondary", "school_years", "literate", "some_dutch")))
    # B1 route: reads their own language well, and has schooling beyond primary school or some Dutch.
    if "literate" in signals and any(c in signals for c in ("secondary", "school_years", "some_dutch")):
        found.append(_indication(Route.B1, pick("literate", "secondary", "school_years", "some_dutch")))
    # Z route: low literacy together with little schooling or an older age (low learnability, §1.5).
    if "low_literacy" in signals and ("little_schooling" in signals or "older" in signals):
        found.append(_indication(Route.Z, pick("low_literacy", "little_schooling", "older")))

    missing = []
    for question_id in QUESTIONS_READ:
        if answers.schema.question(question_id).group_id is not None:
            continue  # an answer per school: the number of schools (`schooling`) tells whether it is known
        answer = answers.one(question_id)
        if answer is None or answer.no_answer is not None:
            missing.append(answers.missing(question_id))
    return RouteIndications(indications=found, missing=missing)


def _indication(route: Route, signals: list[Signal]) -> Indication:
    return Indication(route=route, label=route_label(route), signals=signals)
