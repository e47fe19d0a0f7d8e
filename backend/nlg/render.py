"""Render a response name into the message Rasa sends, in the conversation's language.

Rasa calls the NLG endpoint for every bot message (forms' questions included) with the
response name and the tracker. Question texts come from forms/intake.yaml, the other
texts from nlg/texts.py; both are translated through the gettext catalogs.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from backend.nlg import texts
from backend.scheduling.messages import appointment_details, slot_title
from forms import Question, Section, load_schema
from forms.dialogue import (
    CHOICE_DRAFTS_SLOT,
    DONE_CHOICE,
    PENDING_SLOT,
    SUMMARIES_DUE_SLOT,
    finished_items,
    group_state,
    position_in_section,
    section_questions,
)
from locales import SOURCE_LANGUAGE, get_language, languages, translate
from locales.detect import propose_languages

ASK_PREFIX = "utter_ask_"


class UnknownResponse(KeyError):
    """The dialogue asked for a response name that has no text."""


def conversation_language(slots: dict[str, Any]) -> str:
    language = get_language(slots.get("language"))
    return language.code if language else SOURCE_LANGUAGE


def _payload(intent: str, entities: dict[str, str]) -> str:
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}"


def _message(text: str, buttons: list[dict[str, str]], language: str) -> dict[str, Any]:
    lang = get_language(language)
    meta = {"language": language, "direction": lang.direction if lang else "ltr"}
    # `custom` reaches the chat gateway as a separate message; it reads and removes it.
    return {"text": text, "buttons": buttons, "custom": {"meta": meta}}


def _language_prompt(typed: str | None) -> dict[str, Any]:
    """Every language in its own name and script; the ones the person seems to be typing in
    (an offline guess from what they typed before choosing) come first."""
    proposed = propose_languages(typed) if typed and not typed.startswith("/") else []
    ordered = sorted(languages(), key=lambda lang: proposed.index(lang.code) if lang.code in proposed else 99)
    lines: list[str] = []
    for lang in ordered:
        line = translate(lang.code, texts.LANGUAGE_PROMPT)
        if line not in lines:
            lines.append(line)
    buttons = [
        {"title": lang.native_name, "payload": _payload("choose_language", {"language": lang.code})} for lang in ordered
    ]
    return {"text": "\n".join(lines), "buttons": buttons, "custom": {"meta": {"language": None}}}


def option_title(question: Question, code: str, language: str) -> str:
    option = question.option(code)
    if option is None:
        return code
    if option.territory:
        return country_name(code, language)
    return translate(language, option.label) if option.translatable else option.label


def country_name(code: str, language: str) -> str:
    """A country's name in the language (CLDR through Babel), English where the locale has none."""
    lang = get_language(language)
    try:
        name = Locale.parse(lang.format_locale if lang else language).territories.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return str(name or Locale("en").territories.get(code, code))


def _format_date(stored: str, language: str) -> str:
    """A (partial, maybe approximate) stored date in the language's own way of writing dates."""
    lang = get_language(language)
    locale = lang.format_locale if lang else language
    approximate = stored.startswith("~")
    parts = stored.lstrip("~").split("-")
    if len(parts) == 3:
        text = format_date(date.fromisoformat(stored.lstrip("~")), format="long", locale=locale)
    elif len(parts) == 2:
        text = format_date(date(int(parts[0]), int(parts[1]), 1), format="MMMM y", locale=locale)
    else:
        text = parts[0]
    return translate(language, texts.APPROXIMATE).format(date=text) if approximate else text


def display_value(question: Question, value: Any, language: str) -> str:
    """An answer as the person (or, in Dutch, the case manager) should read it back."""
    if value in (None, "", []):
        return translate(language, texts.NOT_ANSWERED)
    if isinstance(value, str) and value in texts.NO_ANSWER_DISPLAY:
        return translate(language, texts.NO_ANSWER_DISPLAY[value])
    if question.type == "date":
        return _format_date(str(value), language)
    if question.type == "single_choice":
        return option_title(question, str(value), language)
    if question.type == "multiple_choice" and isinstance(value, list):
        return ", ".join(option_title(question, str(code), language) for code in value)
    if question.type == "yes_no" and value in texts.YES_NO_DISPLAY:
        return translate(language, texts.YES_NO_DISPLAY[value])
    return str(value)


def _button(title: str, payload: str, language: str) -> dict[str, str]:
    return {"title": translate(language, title), "payload": payload}


def _answer_buttons(question: Question, slots: dict[str, Any], language: str) -> list[dict[str, str]]:
    """The buttons under a question: its options (or yes/no), then skip or "I don't know"."""
    if question.type in ("yes_no", "group"):
        buttons = [_button(texts.YES_BUTTON, texts.AFFIRM, language), _button(texts.NO_BUTTON, texts.DENY, language)]
        if question.skippable and question.type == "yes_no":
            buttons.append(_button(texts.DONT_KNOW_BUTTON, texts.DONT_KNOW, language))
        return buttons
    chosen = (slots.get(CHOICE_DRAFTS_SLOT) or {}).get(question.id) or []
    shown = [o for o in question.options if not question.buttons or o.code in question.buttons]
    buttons = [
        {"title": option_title(question, o.code, language), "payload": _payload("inform", {"choice": o.code})}
        for o in shown
        if o.code not in chosen
    ]
    if question.type == "multiple_choice":
        buttons.append(_button(texts.DONE_BUTTON, _payload("inform", {"choice": DONE_CHOICE}), language))
    elif question.skippable:
        buttons.append(_button(texts.SKIP_BUTTON, texts.SKIP, language))
    return buttons


def _progress(question: Question, slots: dict[str, Any], language: str) -> str:
    schema = load_schema()
    section = schema.section(question.section_id)
    number, total = position_in_section(question, slots, schema)
    line = translate(language, texts.PROGRESS).format(
        section=translate(language, section.title), number=number, total=total
    )
    if question.group_id is not None:
        group = schema.question(question.group_id)
        item = len(finished_items(slots, group.id)) + 1
        line += "\n" + translate(language, texts.ITEM_PROGRESS).format(
            group=translate(language, group.label), number=item
        )
    return line


def _section_starts(question: Question, slots: dict[str, Any]) -> bool:
    """True when nothing in the question's section has been answered yet."""
    section = load_schema().section(question.section_id)
    return question.group_id is None and all(slots.get(q.id) is None for q in section.questions)


def _question_prompt(question: Question, slots: dict[str, Any], language: str) -> dict[str, Any]:
    section = load_schema().section(question.section_id)
    parts = [_progress(question, slots, language)]
    if section.intro and _section_starts(question, slots):
        parts.append(translate(language, section.intro))
    prompt = question.prompt
    if question.type == "group" and (finished_items(slots, question.id) or group_state(slots, question.id)["open"]):
        prompt = question.more_prompt or question.prompt
    parts.append(translate(language, prompt))
    chosen = (slots.get(CHOICE_DRAFTS_SLOT) or {}).get(question.id) or []
    if chosen:
        parts.append(translate(language, texts.CHOSEN_SO_FAR).format(choices=display_value(question, chosen, language)))
    buttons = _answer_buttons(question, slots, language)
    buttons.append(_button(texts.HELP_BUTTON, texts.HELP, language))
    message = _message("\n".join(parts), buttons, language)
    message["custom"]["meta"]["progress"] = section_progress(section, language)
    return message


def section_progress(section: Section, language: str) -> dict[str, Any]:
    """Where the question is in the intake, for the chat page's progress bar: its section's
    number among all sections, and the section's title in the person's language."""
    sections = load_schema().sections
    number = next(i for i, s in enumerate(sections, start=1) if s.id == section.id)
    return {"number": number, "total": len(sections), "section": translate(language, section.title)}


def _confirm_reading(question: Question, value: Any, language: str) -> dict[str, Any]:
    """ "Secondary school — is that right?" for a value read from a sentence with little certainty."""
    text = translate(language, texts.CONFIRM_READING).format(value=display_value(question, value, language))
    buttons = [_button(texts.YES_BUTTON, texts.AFFIRM, language), _button(texts.NO_BUTTON, texts.DENY, language)]
    return _message(text, buttons, language)


def _check_request(request: str, language: str) -> dict[str, Any]:
    """ "Do you want to talk to a person?" for a message that may be that request."""
    buttons = [_button(texts.YES_BUTTON, texts.AFFIRM, language), _button(texts.NO_BUTTON, texts.DENY, language)]
    return _message(translate(language, texts.CHECK_REQUEST[request]), buttons, language)


def _summary_line(question: Question, slots: dict[str, Any], language: str) -> str:
    label = translate(language, question.label)
    if question.type != "group":
        return f"• {label}: {display_value(question, slots.get(question.id), language)}"
    items = finished_items(slots, question.id)
    if not items:
        return f"• {label}: {display_value(question, slots.get(question.id) or None, language)}"
    lines = [f"• {label}:"]
    for number, item in enumerate(items, start=1):
        values = [
            display_value(q, item["values"].get(q.id), language) for q in question.items if q.id in item["values"]
        ]
        lines.append(f"   {number}. " + "; ".join(values))
    return "\n".join(lines)


def _summary_lines(section: Section, slots: dict[str, Any], language: str) -> str:
    asked = section_questions(section, slots, load_schema())
    title = translate(language, section.title)
    lines = [translate(language, texts.SECTION_SUMMARY_INTRO).format(section=title)]
    lines += [_summary_line(q, slots, language) for q in asked]
    return "\n".join(lines)


def _section_summary(section: Section, slots: dict[str, Any], language: str) -> dict[str, Any]:
    """The summary as a question of its own: after "Change: <section>" from a summary shown
    above a question, or at the end."""
    asked = section_questions(section, slots, load_schema())
    buttons = [_button(texts.SECTION_CONFIRM_YES, texts.AFFIRM, language)]
    buttons += [
        {
            "title": translate(language, texts.CHANGE_BUTTON).format(label=translate(language, q.label)),
            "payload": _payload("change", {"field": q.id}),
        }
        for q in asked
    ]
    text = _summary_lines(section, slots, language) + "\n\n" + translate(language, texts.SECTION_CONFIRM_PROMPT)
    return _message(text, buttons, language)


def _with_summaries(message: dict[str, Any], slots: dict[str, Any], language: str) -> dict[str, Any]:
    """A section just completed: its summary above the next question, with one button to change
    something in it. The person checks it without a turn of its own (an answer to the question
    below is the "yes"); the button opens the summary as a question with a button per answer."""
    schema = load_schema()
    sections = [s for s in schema.sections if s.id in (slots.get(SUMMARIES_DUE_SLOT) or [])]
    if not sections:
        return message
    summaries = [_summary_lines(section, slots, language) for section in sections]
    change = [
        {
            "title": translate(language, texts.CHANGE_BUTTON).format(label=translate(language, section.title)),
            "payload": _payload("change", {"field": section.confirm_slot}),
        }
        for section in sections
    ]
    return {**message, "text": "\n\n".join([*summaries, message["text"]]), "buttons": [*message["buttons"], *change]}


def _final_summary(language: str) -> dict[str, Any]:
    """All sections were confirmed one by one; here only: send, or reopen a section."""
    buttons = [_button(texts.CONFIRM_YES, texts.AFFIRM, language)]
    for section in load_schema().sections:
        buttons.append(
            {
                "title": translate(language, texts.CHANGE_BUTTON).format(label=translate(language, section.title)),
                "payload": _payload("change", {"field": section.confirm_slot}),
            }
        )
    text = translate(language, texts.FINAL_INTRO) + "\n\n" + translate(language, texts.FINAL_PROMPT)
    return _message(text, buttons, language)


def _question_help(slots: dict[str, Any], language: str) -> dict[str, Any]:
    requested = slots.get("requested_slot")
    schema = load_schema()
    if isinstance(requested, str) and schema.has_question(requested):
        help_text = schema.question(requested).help
        if help_text:
            return _message(translate(language, help_text), [], language)
    return _message(translate(language, texts.GENERIC_HELP), [], language)


# Values an action may pass along with a message (see backend/api/nlg.py).
MESSAGE_VALUES = ("offered_slots", "appointment")
SLOT_OFFERS = ("utter_choose_slot", "utter_choose_new_slot")
APPOINTMENT_SHOWN = ("utter_appointment_booked", "utter_appointment_moved", "utter_appointment_kept")
# The answers were sent: the chat gateway adds a link to them as a PDF (backend/api/documents.py).
ANSWERS_SENT = ("utter_intake_submitted", "utter_already_submitted")
HANDOFF = "utter_human_handoff"


def _slot_offer(name: str, slots: dict[str, Any], language: str) -> dict[str, Any]:
    """The offered times as buttons, in the person's language and local time."""
    offered = slots.get("offered_slots") or []
    buttons = [
        {
            "title": slot_title(datetime.fromisoformat(o["starts_at"]), language),
            "payload": _payload("choose_slot", {"slot_token": o["token"]}),
        }
        for o in offered
    ]
    buttons.append(_button(texts.TALK_TO_PERSON, texts.HUMAN, language))
    return _message(translate(language, texts.RESPONSES[name].text), buttons, language)


def _appointment(name: str, slots: dict[str, Any], language: str) -> dict[str, Any]:
    """Booked, moved or kept: what, when, where, what to bring — and a calendar file."""
    lines = [translate(language, texts.RESPONSES[name].text)]
    shown = slots.get("appointment")
    if shown:
        lines.append(
            appointment_details(
                language,
                shown["type_code"],
                datetime.fromisoformat(shown["starts_at"]),
                shown["location"],
                shown["address"],
                shown.get("interpreter"),
            )
        )
    message = _message("\n\n".join(lines), [], language)
    if shown:
        message["custom"]["meta"]["calendar"] = True
    return message


def render(name: str, slots: dict[str, Any], typed: str | None = None) -> dict[str, Any]:
    """The message `name` in the conversation's language. `typed` is the person's latest message."""
    language = conversation_language(slots)
    schema = load_schema()
    if name in SLOT_OFFERS:
        return _slot_offer(name, slots, language)
    if name in APPOINTMENT_SHOWN:
        return _appointment(name, slots, language)
    if name == "utter_ask_language":
        return _language_prompt(typed)
    if name == "utter_ask_intake_confirmed":
        return _with_summaries(_final_summary(language), slots, language)
    if name == "utter_question_help":
        return _question_help(slots, language)
    if name.startswith(ASK_PREFIX):
        slot = name[len(ASK_PREFIX) :]
        if schema.has_question(slot):
            pending = slots.get(PENDING_SLOT) or {}
            if pending.get("question") == slot and pending.get("request") in texts.CHECK_REQUEST:
                return _check_request(str(pending["request"]), language)
            if pending.get("question") == slot:
                return _confirm_reading(schema.question(slot), pending.get("value"), language)
            return _with_summaries(_question_prompt(schema.question(slot), slots, language), slots, language)
        section = next((s for s in schema.sections if s.confirm_slot == slot), None)
        if section is not None:
            return _section_summary(section, slots, language)
    response = texts.RESPONSES.get(name)
    if response is None:
        raise UnknownResponse(name)
    buttons = [{"title": translate(language, b.title), "payload": b.payload} for b in response.buttons]
    message = _message(translate(language, response.text), buttons, language)
    if name in ANSWERS_SENT:
        message["custom"]["meta"]["answers_pdf"] = True
    if name == HANDOFF:
        # The person asked for a person in their own words: the chat gateway opens a handover
        # (backend/handover.py), as it does for the "Talk to a person" button.
        message["custom"]["meta"]["handover"] = True
    return message


def response_names() -> list[str]:
    """Every response name the dialogue may use; the Rasa domain is generated from this."""
    schema = load_schema()
    names = {"utter_ask_language", "utter_ask_intake_confirmed", "utter_question_help", *texts.RESPONSES}
    names.update(f"{ASK_PREFIX}{q.id}" for q in schema.questions)
    names.update(f"{ASK_PREFIX}{s.confirm_slot}" for s in schema.sections)
    return sorted(names)
