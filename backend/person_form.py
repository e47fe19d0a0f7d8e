"""The intake's questions as a web form (issue #13, deliverable 5): the same questions, readers and
messages as the chat, section by section, for a volunteer at a laptop beside the person and for
people who prefer a form.

One intake for chat and form. The form reads the conversation's stored answers as the chat's slots
(forms/stored.py), shows the questions that apply by the chat's own rule (forms/dialogue.py
`applies`), reads every typed value with the chat's reader (forms/understanding.py `interpret`),
refuses it with the chat's own translated message, and stores through backend/intakes.py with the
source `form`. The chat learns the form's answers on its next turn (actions/intake_form.py).

Field names in the posted form: `q.<question id>` for an ordinary question, `q.<question id>.<item>`
for a question of a repeating group's item, `items.<group id>` the number of item blocks shown,
`confirm.<field name>` the text whose unsure reading the page showed back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from backend.intakes import SubmittedAnswer, current_answers
from backend.models import Intake, NoAnswer
from backend.nlg import texts as chat_texts
from backend.nlg.render import country_name, display_value, option_title
from backend.nlg.texts import N_, RESPONSES
from forms import Question, load_schema
from forms.dialogue import (
    ANSWER_TEXTS_SLOT,
    GROUP_ITEMS_SLOT,
    NO_ANSWER_REASONS,
    SKIPPED,
    Slots,
    applies,
    finished_items,
    is_no_answer,
)
from forms.schema import NO, UNKNOWN, YES, IntakeSchema, Section
from forms.stored import slot_value, slots_from_answers
from forms.understanding import interpret
from locales import translate

# The form's own texts (the questions, options, buttons and messages are the chat's).
FILL_AS_FORM = N_("Fill in as a form")
FORM_TITLE = N_("Your answers as a form")
FORM_INTRO = N_("The same questions as in the chat. What you save here is also in the chat.")
BACK_TO_CHAT = N_("Back to the chat")
SAVE = N_("Save")
SAVE_AND_NEXT = N_("Save and go to the next part")
SAVED = N_("Your answers are saved.")
NOT_SAVED = N_("Some answers could not be saved. Please look at the messages in red.")
PARTS = N_("Parts of the form")
ADD_ITEM = N_("Add one more")
REMOVE_ITEM = N_("Remove")
CHOOSE = N_("Choose")
SAVE_AGAIN = N_("Save again to keep it, or change it.")
# The chat learns the form's answers when the person writes in it next (actions/intake_form.py).
RETURN_HINT = N_(
    "Back in the chat, send any message (for example 'ok'): "
    "the chat then asks the first question that has no answer yet."
)
ALL_ANSWERED = N_("You answered all the questions. Go back to the chat to check your answers and send them.")

# "Do you have children?" before the first item: no is stored as no items.
WHETHER = ((YES, chat_texts.YES_BUTTON), (NO, chat_texts.NO_BUTTON))
# Above this many options a single choice is a list to choose from, not a row of round buttons.
SELECT_FROM = 16
NO_ANSWER_OF = {"skipped": NoAnswer.SKIPPED, "dont_know": NoAnswer.DONT_KNOW, "none": NoAnswer.NONE}


@dataclass
class Field:
    """One question on the page, with what it shows now."""

    name: str
    question: Question
    label: str
    help: str | None
    kind: str  # text, textarea, yes_no, radio, select, checkboxes
    text: str = ""  # the typed text shown in a text field
    chosen: list[str] = field(default_factory=list)  # the chosen option codes
    options: list[tuple[str, str]] = field(default_factory=list)  # (code, title in the language)
    error: str | None = None
    check: str | None = None  # an unsure reading, shown back for the person to check


@dataclass
class Item:
    number: int  # 1, 2, ... as the person counts
    title: str
    fields: list[Field]


@dataclass
class Group:
    """A repeating group (children, schools, jobs): its items and the way to add or remove one."""

    name: str
    question: Question
    title: str  # what the group holds ("Children"), for the add button
    label: str
    help: str | None
    items: list[Item]
    # No item yet: "Do you have children?" with yes / no (no is stored as 0 items).
    ask_whether: Field | None = None


Entry = Field | Group


@dataclass
class SectionPage:
    section: Section
    number: int
    total: int
    title: str
    intro: str | None
    entries: list[Entry]


@dataclass
class Posted:
    """What a save did: the answers stored, the fields refused or shown back (kept as typed)."""

    answers: list[SubmittedAnswer] = field(default_factory=list)
    problems: dict[str, Field] = field(default_factory=dict)  # by field name


Form = Mapping[str, str]
Lists = Callable[[str], list[str]]  # all values posted under one name (checkboxes)


def stored_slots(intake: Intake | None) -> Slots:
    """The intake's current answers as the chat's slots."""
    if intake is None:
        return slots_from_answers([])
    return slots_from_answers(
        {
            "question_id": row.question_id,
            "item": row.item,
            "value": row.value,
            "no_answer": row.no_answer.value if row.no_answer else None,
            "original_text": row.original_text,
        }
        for row in sorted(current_answers(intake).values(), key=lambda row: (row.recorded_at, row.id))
    )


def item_slots(slots: Slots, group: Question, index: int) -> tuple[Slots, dict[str, str]]:
    """The slots as the chat holds them while it fills item `index` of the group (its answers in
    the item questions' slots, the other items finished), and the person's words in that item."""
    items = finished_items(slots, group.id)
    values = items[index]["values"] if index < len(items) else {}
    texts = items[index]["texts"] if index < len(items) else {}
    groups = dict(slots.get(GROUP_ITEMS_SLOT) or {})
    groups[group.id] = {**groups.get(group.id, {}), "items": items[:index] + items[index + 1 :]}
    return {**slots, **values, GROUP_ITEMS_SLOT: groups}, dict(texts)


def first_open_section(slots: Slots, schema: IntakeSchema | None = None) -> Section:
    """The first section with a question that applies and has no answer yet (else the last)."""
    schema = schema or load_schema()
    for section in schema.sections:
        if any(slots.get(q.id) is None and applies(q, slots, schema) for q in section.questions):
            return section
    return schema.sections[-1]


def all_answered(slots: Slots, schema: IntakeSchema | None = None) -> bool:
    schema = schema or load_schema()
    return all(slots.get(q.id) is not None for s in schema.sections for q in s.questions if applies(q, slots, schema))


# -- showing -------------------------------------------------------------------------------


def _kind(question: Question) -> str:
    if question.type == "yes_no":
        return "yes_no"
    if question.type == "single_choice":
        return "select" if len(question.options) > SELECT_FROM else "radio"
    if question.type == "multiple_choice":
        return "checkboxes"
    return "textarea" if question.type == "long_text" else "text"


def _options(question: Question, language: str) -> list[tuple[str, str]]:
    if question.type == "yes_no":
        options = [(YES, chat_texts.YES_BUTTON), (NO, chat_texts.NO_BUTTON)]
        if question.skippable:
            options.append((UNKNOWN, chat_texts.DONT_KNOW_BUTTON))
        return [(code, translate(language, title)) for code, title in options]
    titled = [(o.code, option_title(question, o.code, language)) for o in question.options]
    if any(o.territory for o in question.options):
        # Countries by their name in the person's language, the most common ones first.
        common = [(code, country_name(code, language)) for code in question.buttons]
        rest = sorted((t for t in titled if t[0] not in question.buttons), key=lambda t: t[1])
        return [*common, *rest]
    return titled


def _shown_text(question: Question, value: Any, text: str | None, language: str) -> str:
    """What a text field shows of a stored answer: the person's words, else the value read back."""
    if value is None:
        return ""
    if text:
        return text
    return display_value(question, value, language)


def make_field(question: Question, name: str, value: Any, text: str | None, language: str) -> Field:
    kind = _kind(question)
    shown = Field(
        name=name,
        question=question,
        label=translate(language, question.prompt),
        help=translate(language, question.help) if question.help else None,
        kind=kind,
        options=_options(question, language) if kind not in ("text", "textarea") else [],
    )
    if kind in ("text", "textarea"):
        shown.text = _shown_text(question, value, text, language)
    elif isinstance(value, list):
        shown.chosen = [str(v) for v in value]
    elif value is not None and not is_no_answer(value):
        shown.chosen = [str(value)]
    return shown


def section_page(
    section: Section,
    slots: Slots,
    language: str,
    problems: Mapping[str, Field] | None = None,
    blocks: Mapping[str, int] | None = None,
) -> SectionPage:
    """The section's questions that apply, with the stored answers (or, after a refused save,
    what was typed and why it was refused). `blocks`: how many item blocks a group shows when
    that is more than its stored items (an item being added)."""
    schema = load_schema()
    problems = problems or {}
    texts = slots.get(ANSWER_TEXTS_SLOT) or {}
    entries: list[Entry] = []
    for question in section.questions:
        if not applies(question, slots, schema):
            continue
        name = f"q.{question.id}"
        if question.type != "group":
            entries.append(
                problems.get(name)
                or make_field(question, name, slots.get(question.id), texts.get(question.id), language)
            )
            continue
        shown = max(len(finished_items(slots, question.id)), (blocks or {}).get(question.id, 0))
        entries.append(_group(question, slots, language, problems, shown))
    number = schema.sections.index(section) + 1
    return SectionPage(
        section=section,
        number=number,
        total=len(schema.sections),
        title=translate(language, section.title),
        intro=translate(language, section.intro) if section.intro else None,
        entries=entries,
    )


def _group(question: Question, slots: Slots, language: str, problems: Mapping[str, Field], shown: int) -> Group:
    schema = load_schema()
    items = []
    for index in range(min(shown, question.max_items or shown)):
        here, texts = item_slots(slots, question, index)
        fields = []
        for sub in question.items:
            if not applies(sub, here, schema):
                continue
            name = f"q.{sub.id}.{index}"
            fields.append(problems.get(name) or make_field(sub, name, here.get(sub.id), texts.get(sub.id), language))
        title = translate(language, chat_texts.ITEM_PROGRESS).format(
            group=translate(language, question.label), number=index + 1
        )
        items.append(Item(number=index + 1, title=title, fields=fields))
    group = Group(
        name=f"q.{question.id}",
        question=question,
        title=translate(language, question.label),
        label=translate(language, question.prompt),
        help=translate(language, question.help) if question.help else None,
        items=items,
    )
    if not items:
        whether = make_field(question, group.name, None, None, language)
        whether.kind = "yes_no"
        whether.options = [(code, translate(language, title)) for code, title in WHETHER]
        if slots.get(question.id) == 0:
            whether.chosen = [NO]
        group.ask_whether = problems.get(group.name) or whether
    return group


# -- reading what was posted ---------------------------------------------------------------


def _message(language: str, response: str) -> str:
    return translate(language, RESPONSES[response].text)


def read_typed(
    question: Question, name: str, typed: str, language: str, checked: str | None
) -> tuple[SubmittedAnswer | None, Field | None]:
    """A typed value, read as the chat reads it: the answer to store, or the field shown again
    with the chat's message (refused), or with the value read back to check (unsure)."""
    interpretation = interpret(question, typed, language, translate=lambda m: translate(language, m))
    reading = interpretation.reading
    shown = make_field(question, name, None, None, language)
    shown.text = typed
    no_answer = interpretation.no_answer if interpretation.kind == "no_answer" else None
    if no_answer is None and reading is not None and reading.ok and reading.no_answer is not None:
        no_answer = reading.no_answer
    if no_answer is not None:
        if not question.skippable:
            shown.error = _message(language, "utter_cannot_skip").split("\n")[0]
            return None, shown
        return SubmittedAnswer(question.id, None, no_answer=NO_ANSWER_OF.get(no_answer, NoAnswer.SKIPPED)), None
    if reading is not None and reading.ok and interpretation.kind != "refused":
        if reading.needs_confirmation and checked != typed:
            value = display_value(question, reading.value, language)
            check = translate(language, chat_texts.CONFIRM_READING).format(value=value)
            shown.check = f"{check} {translate(language, SAVE_AGAIN)}"
            return None, shown
        return SubmittedAnswer(question.id, reading.value, original_text=typed), None
    error = reading.error if reading is not None and reading.error else "choice"
    response = f"utter_invalid_{error}"
    shown.error = _message(language, response if response in RESPONSES else "utter_invalid_choice")
    return None, shown


def _read_chosen(question: Question, name: str, chosen: Sequence[str], language: str) -> tuple[Any, Field | None]:
    """Codes chosen with round buttons, a list or check boxes: known ones only."""
    shown = make_field(question, name, None, None, language)
    shown.chosen = list(chosen)
    known = {code for code, _title in shown.options}
    if any(code not in known for code in chosen):
        shown.error = _message(language, "utter_invalid_choice")
        return None, shown
    if question.type == "multiple_choice":
        return list(chosen), None
    return (chosen[0] if chosen else None), None


def read_field(
    question: Question, name: str, form: Form, lists: Lists, stored: Any, stored_text: str | None, language: str
) -> tuple[SubmittedAnswer | None, Field | None]:
    """One field of a posted section: an answer to store (None: left empty or unchanged) and the
    field to show again when it was refused or needs checking."""
    kind = _kind(question)
    if kind in ("text", "textarea"):
        typed = (form.get(name) or "").strip()
        if not typed or typed == _shown_text(question, stored, stored_text, language):
            return None, None  # empty, or the stored answer as it was shown: nothing new to read
        return read_typed(question, name, typed, language, form.get(f"confirm.{name}"))
    chosen = [code for code in lists(name) if code]
    if kind == "checkboxes":
        value, problem = _read_chosen(question, name, chosen, language)
        if problem is not None:
            return None, problem
        if not value:
            # All unticked: nothing chosen. Stored as skipped only when something was chosen before.
            if stored in (None, SKIPPED) or not question.skippable:
                return None, None
            return SubmittedAnswer(question.id, None, no_answer=NoAnswer.SKIPPED), None
        return (None, None) if value == stored else (SubmittedAnswer(question.id, value), None)
    value, problem = _read_chosen(question, name, chosen[:1], language)
    if problem is not None or value is None or value == stored:
        return None, problem
    return SubmittedAnswer(question.id, value), None


def read_section(section: Section, slots: Slots, form: Form, lists: Lists, language: str) -> tuple[Posted, Slots]:
    """Read the posted section against the stored answers (`slots`): the answers to store and the
    fields refused. Questions are read in order with the answers read so far, as the chat asks
    them: a question that stops applying is recorded as not applicable; one that starts to apply
    is shown after the save (it was not on the page)."""
    schema = load_schema()
    posted = Posted()
    now = dict(slots)
    texts = slots.get(ANSWER_TEXTS_SLOT) or {}
    for question in section.questions:
        shown_before = applies(question, slots, schema)
        if not shown_before:
            continue
        if not applies(question, now, schema):
            if slots.get(question.id) is not None:
                posted.answers.append(SubmittedAnswer(question.id, None, no_answer=NoAnswer.NOT_APPLICABLE))
            continue
        if question.type == "group":
            _read_group(question, slots, form, lists, language, posted)
            continue
        name = f"q.{question.id}"
        answer, problem = read_field(
            question, name, form, lists, slots.get(question.id), texts.get(question.id), language
        )
        if problem is not None:
            posted.problems[name] = problem
        if answer is not None:
            posted.answers.append(answer)
            now[question.id] = _as_slot(answer)
    return posted, now


def _as_slot(answer: SubmittedAnswer) -> Any:
    return slot_value({"value": answer.value, "no_answer": answer.no_answer.value if answer.no_answer else None})


def _read_group(question: Question, slots: Slots, form: Form, lists: Lists, language: str, posted: Posted) -> None:
    schema = load_schema()
    stored_items = finished_items(slots, question.id)
    try:
        shown = int(form.get(f"items.{question.id}") or 0)
    except ValueError:
        shown = 0
    shown = max(0, min(shown, question.max_items or shown))
    kept = 0
    for index in range(shown):
        here, texts = item_slots(slots, question, index)
        filled = False
        for sub in question.items:
            if not applies(sub, here, schema):
                continue
            name = f"q.{sub.id}.{index}"
            answer, problem = read_field(sub, name, form, lists, here.get(sub.id), texts.get(sub.id), language)
            if problem is not None:
                posted.problems[name] = problem
                filled = True
            if answer is not None:
                posted.answers.append(
                    SubmittedAnswer(sub.id, answer.value, answer.original_text, index, answer.no_answer)
                )
                here[sub.id] = _as_slot(answer)
                filled = True
            elif here.get(sub.id) is not None:
                filled = True
        if filled:
            kept = index + 1
    count = max(kept, len(stored_items))
    if count and slots.get(question.id) != count:
        posted.answers.append(SubmittedAnswer(question.id, count))
    if not stored_items and not shown:
        whether = lists(f"q.{question.id}")
        if whether[:1] == [NO] and slots.get(question.id) != 0:
            posted.answers.append(SubmittedAnswer(question.id, 0))


def removal(question: Question, slots: Slots, index: int) -> list[SubmittedAnswer]:
    """Remove item `index` of a group: the later items move up one place (new versions), the last
    place is recorded as removed, and the group's count goes down. Nothing is deleted."""
    items = finished_items(slots, question.id)
    if not 0 <= index < len(items):
        return []
    remaining = items[:index] + items[index + 1 :]
    answers: list[SubmittedAnswer] = []
    for position in range(index, len(items)):
        item = remaining[position] if position < len(remaining) else None
        for sub in question.items:
            value = item["values"].get(sub.id) if item else None
            if value is None:
                if sub.id in items[position]["values"]:
                    answers.append(SubmittedAnswer(sub.id, None, item=position, no_answer=NoAnswer.REMOVED))
                continue
            if is_no_answer(value):
                reason = NoAnswer(NO_ANSWER_REASONS[value])
                answers.append(SubmittedAnswer(sub.id, None, item=position, no_answer=reason))
            else:
                text = item["texts"].get(sub.id) if item else None
                answers.append(SubmittedAnswer(sub.id, value, original_text=text, item=position))
    answers.append(SubmittedAnswer(question.id, len(remaining)))
    return answers
