"""Render a response name into the message Rasa sends, in the conversation's language.

Rasa calls the NLG endpoint for every bot message (forms' questions included) with the
response name and the tracker. Question texts come from forms/intake.yaml, the other
texts from nlg/texts.py; both are translated through the gettext catalogs.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from babel.dates import format_date

from backend.nlg import texts
from forms import Question, load_schema
from locales import SOURCE_LANGUAGE, get_language, languages, translate

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


def _language_prompt() -> dict[str, Any]:
    lines: list[str] = []
    for lang in languages():
        line = translate(lang.code, texts.LANGUAGE_PROMPT)
        if line not in lines:
            lines.append(line)
    buttons = [
        {"title": lang.native_name, "payload": _payload("choose_language", {"language": lang.code})}
        for lang in languages()
    ]
    return {"text": "\n".join(lines), "buttons": buttons, "custom": {"meta": {"language": None}}}


def option_title(question: Question, code: str, language: str) -> str:
    option = question.option(code)
    if option is None:
        return code
    return translate(language, option.label) if option.translatable else option.label


def display_value(question: Question, value: Any, language: str) -> str:
    """An answer as the person should read it back in the summary."""
    if value in (None, ""):
        return translate(language, texts.NOT_ANSWERED)
    if question.type == "date":
        lang = get_language(language)
        return format_date(
            date.fromisoformat(str(value)), format="long", locale=lang.format_locale if lang else language
        )
    if question.type == "single_choice":
        return option_title(question, str(value), language)
    return str(value)


def _question_prompt(question: Question, language: str) -> dict[str, Any]:
    schema = load_schema()
    section = next(s for s in schema.sections if s.id == question.section_id)
    number = section.questions.index(question) + 1
    progress = translate(language, texts.PROGRESS).format(
        section=translate(language, section.title), number=number, total=len(section.questions)
    )
    buttons = [
        {"title": option_title(question, o.code, language), "payload": _payload("inform", {"choice": o.code})}
        for o in question.options
    ]
    return _message(f"{progress}\n{translate(language, question.prompt)}", buttons, language)


def _summary(slots: dict[str, Any], language: str) -> dict[str, Any]:
    lines = [translate(language, texts.SUMMARY_INTRO)]
    buttons = [{"title": translate(language, texts.CONFIRM_YES), "payload": texts.AFFIRM}]
    for question in load_schema().questions:
        label = translate(language, question.label)
        lines.append(f"• {label}: {display_value(question, slots.get(question.id), language)}")
        buttons.append(
            {
                "title": translate(language, texts.CHANGE_BUTTON).format(label=label),
                "payload": _payload("change", {"field": question.id}),
            }
        )
    text = "\n".join(lines) + "\n\n" + translate(language, texts.CONFIRM_PROMPT)
    return _message(text, buttons, language)


def render(name: str, slots: dict[str, Any]) -> dict[str, Any]:
    language = conversation_language(slots)
    if name == "utter_ask_language":
        return _language_prompt()
    if name == "utter_ask_intake_confirmed":
        return _summary(slots, language)
    if name.startswith(ASK_PREFIX) and load_schema().has_question(name[len(ASK_PREFIX) :]):
        return _question_prompt(load_schema().question(name[len(ASK_PREFIX) :]), language)
    response = texts.RESPONSES.get(name)
    if response is None:
        raise UnknownResponse(name)
    buttons = [{"title": translate(language, b.title), "payload": b.payload} for b in response.buttons]
    return _message(translate(language, response.text), buttons, language)


def response_names() -> list[str]:
    """Every response name the dialogue may use; the Rasa domain is generated from this."""
    names = {"utter_ask_language", "utter_ask_intake_confirmed", *texts.RESPONSES}
    names.update(f"{ASK_PREFIX}{q.id}" for q in load_schema().questions)
    return sorted(names)
