"""The person's intake as a web form (backend/person_form.py): one section per page.

Authorised like the chat: the path holds the phone's unguessable conversation id (or that of a
device that resumed the chat with a code), and a wrong one is 'not found' (backend/api/chat.py).
The page works without JavaScript: each section is a plain form that posts back here; a refused
value shows the chat's message beside the field, with what was typed kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from backend import person_form
from backend.api.chat import _conversation
from backend.db import session_scope
from backend.deps import SessionDep
from backend.errors import NotFound
from backend.intakes import store_form_answers
from backend.models import Conversation, Intake, IntakeStatus
from backend.nlg.texts import PROGRESS, RESPONSES, UI_TEXTS
from backend.page_headers import PAGE_HEADERS
from backend.policy import not_staff
from backend.presenters.labels import language_tag
from forms import load_schema
from forms.dialogue import finished_items
from forms.schema import YES, Section
from locales import SOURCE_LANGUAGE, get_language, translate

router = APIRouter(
    prefix="/form",
    tags=["form"],
    dependencies=[not_staff("the person's own form, named by the phone's unguessable conversation id")],
)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")

# The texts of the page, translated once per page.
PAGE_TEXTS = {
    "title": person_form.FORM_TITLE,
    "intro": person_form.FORM_INTRO,
    "back": person_form.BACK_TO_CHAT,
    "return_hint": person_form.RETURN_HINT,
    "save": person_form.SAVE,
    "next": person_form.SAVE_AND_NEXT,
    "saved": person_form.SAVED,
    "not_saved": person_form.NOT_SAVED,
    "parts": person_form.PARTS,
    "add": person_form.ADD_ITEM,
    "remove": person_form.REMOVE_ITEM,
    "choose": person_form.CHOOSE,
    "all_answered": person_form.ALL_ANSWERED,
    "app_title": UI_TEXTS["title"],
    "progress": PROGRESS,
    "sent": RESPONSES["utter_already_submitted"].text,
}


def form_url(conversation_id: str, section: str, language: str, **more: str) -> str:
    return f"/form/{conversation_id}?" + urlencode({"section": section, "lang": language, **more})


def _intake(session: Session, conversation: Conversation) -> Intake | None:
    return session.scalar(select(Intake).where(Intake.conversation_id == conversation.id))


def _language(conversation: Conversation, intake: Intake | None, asked: str | None) -> str:
    """The language asked for in the link, else the chat's, else the intake's."""
    if asked and get_language(asked) is not None:
        return asked
    return conversation.language or (intake.language if intake else None) or SOURCE_LANGUAGE


def _section(section_id: str | None, slots: dict[str, Any]) -> Section:
    schema = load_schema()
    if section_id:
        try:
            return schema.section(section_id)
        except KeyError:
            raise NotFound() from None
    return person_form.first_open_section(slots, schema)


@dataclass
class Shown:
    """What one page shows: the section, the language, and after a save its outcome."""

    conversation_id: str
    language: str
    page: person_form.SectionPage
    sent: bool
    complete: bool
    saved: bool = False
    problems: bool = False
    sections: list[tuple[str, str]] = field(default_factory=list)


def _shown(
    conversation_id: str,
    language: str,
    slots: dict[str, Any],
    section: Section,
    intake: Intake | None,
    problems: dict[str, person_form.Field] | None = None,
    blocks: dict[str, int] | None = None,
) -> Shown:
    return Shown(
        conversation_id=conversation_id,
        language=language,
        page=person_form.section_page(section, slots, language, problems, blocks),
        sent=intake is not None and intake.status == IntakeStatus.SUBMITTED,
        complete=person_form.all_answered(slots),
        problems=bool(problems),
        sections=[(s.id, translate(language, s.title)) for s in load_schema().sections],
    )


def _render(request: Request, shown: Shown, status_code: int = 200) -> Response:
    language = get_language(shown.language)
    schema = load_schema()
    index = schema.sections.index(shown.page.section)
    next_section = schema.sections[index + 1].id if index + 1 < len(schema.sections) else None
    context = {
        "shown": shown,
        "page": shown.page,
        "t": {key: translate(shown.language, text) for key, text in PAGE_TEXTS.items()},
        "lang": language_tag(shown.language),
        "direction": language.direction if language else "ltr",
        "action": form_url(shown.conversation_id, shown.page.section.id, shown.language),
        "section_url": lambda section_id: form_url(shown.conversation_id, section_id, shown.language),
        "next_section": next_section,
        "yes": YES,
    }
    return templates.TemplateResponse(
        request, "form/section.html", context, status_code=status_code, headers=PAGE_HEADERS
    )


@router.get("/{conversation_id}", response_class=HTMLResponse)
def form_page(
    conversation_id: str,
    request: Request,
    session: SessionDep,
    section: Annotated[str | None, Query(max_length=40)] = None,
    lang: Annotated[str | None, Query(max_length=10)] = None,
    add: Annotated[str | None, Query(max_length=60)] = None,
    saved: Annotated[bool, Query()] = False,
) -> Response:
    """One section of the form with the answers given so far (in the chat or here)."""
    conversation = _conversation(session, conversation_id)
    intake = _intake(session, conversation)
    language = _language(conversation, intake, lang)
    slots = person_form.stored_slots(intake)
    chosen = _section(section, slots)
    blocks = {}
    if add and any(q.id == add and q.type == "group" for q in chosen.questions):
        # "Add one more": the group shows an empty item after its stored ones.
        blocks[add] = len(finished_items(slots, add)) + 1
    shown = _shown(conversation_id, language, slots, chosen, intake, blocks=blocks)
    shown.saved = saved
    return _render(request, shown)


@dataclass
class SaveOutcome:
    redirect: str | None = None
    shown: Shown | None = None


@router.post("/{conversation_id}", response_class=HTMLResponse)
async def save_section(
    conversation_id: str,
    request: Request,
    section: Annotated[str, Query(max_length=40)],
    lang: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """Save one section: every typed value read by the chat's readers, stored with the source
    `form`; refused values shown again beside their field with the chat's message (422)."""
    posted = await request.form()
    fields = {name: value for name, value in posted.items() if isinstance(value, str)}
    lists = {name: [v for v in posted.getlist(name) if isinstance(v, str)] for name in posted}
    outcome = await run_in_threadpool(_save, conversation_id, section, lang, fields, lists)
    if outcome.redirect is not None:
        return RedirectResponse(outcome.redirect, status_code=303)
    assert outcome.shown is not None
    return _render(request, outcome.shown, status_code=422)


def _save(
    conversation_id: str, section_id: str, asked: str | None, fields: dict[str, str], lists: dict[str, list[str]]
) -> SaveOutcome:
    with session_scope() as session:
        conversation = _conversation(session, conversation_id)
        intake = _intake(session, conversation)
        language = _language(conversation, intake, asked)
        slots = person_form.stored_slots(intake)
        section = _section(section_id, slots)
        if intake is not None and intake.status == IntakeStatus.SUBMITTED:
            # Sent: the chat takes no more answers either; the page shows the answers as sent.
            return SaveOutcome(redirect=form_url(conversation_id, section.id, language))
        result, _now = person_form.read_section(section, slots, fields, lambda name: lists.get(name, []), language)
        if result.answers:
            intake = store_form_answers(session, conversation, language, result.answers)
            slots = person_form.stored_slots(intake)
        action = fields.get("action", "save")
        if action.startswith("remove:") and intake is not None:
            _kind, group_id, position = [*action.split(":"), "", ""][:3]
            group = next((q for q in section.questions if q.id == group_id and q.type == "group"), None)
            if group is not None and position.isdigit():
                intake = store_form_answers(
                    session, conversation, language, person_form.removal(group, slots, int(position))
                )
                slots = person_form.stored_slots(intake)
        adding = action.removeprefix("add:") if action.startswith("add:") else None
        for group in (q for q in section.questions if q.type == "group"):
            if lists.get(f"q.{group.id}", [])[:1] == [YES] and not finished_items(slots, group.id):
                adding = group.id  # "Do you have children?" yes: the first child's questions
        if result.problems:
            blocks = {}
            for group in (q for q in section.questions if q.type == "group"):
                posted_blocks = fields.get(f"items.{group.id}", "0")
                blocks[group.id] = int(posted_blocks) if posted_blocks.isdigit() else 0
                if group.id == adding:
                    blocks[group.id] += 1
            return SaveOutcome(shown=_shown(conversation_id, language, slots, section, intake, result.problems, blocks))
        schema = load_schema()
        target = section.id
        if action == "next":
            index = schema.sections.index(section)
            target = schema.sections[min(index + 1, len(schema.sections) - 1)].id
        extra = {"saved": "1"}
        if adding and target == section.id:
            extra["add"] = adding
        return SaveOutcome(redirect=form_url(conversation_id, target, language, **extra))
