"""The workspace's translation queue: answers people wrote in their own language that no
machine can translate into Dutch, for volunteers and case managers to translate, and machine
translations to check. The pages call the JSON API's route functions (backend/api/translations.py)
with an audit record of their own: the same scope (volunteers: their municipalities, never a
health answer), the same checks and audit entries.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from backend.api import translations as api
from backend.api.params import RowId
from backend.deps import SessionDep
from backend.errors import ApiError
from backend.models import TranslationStatus
from backend.policy import TRANSLATORS, Audit, audited
from backend.presenters.labels import translation_queue_count
from backend.workspace.sessions import CsrfChecked, WorkspaceUser, workspace_user
from backend.workspace.templating import WORKSPACE, render_page, see_other

router = APIRouter(prefix=f"{WORKSPACE}/vertalen", include_in_schema=False)
WORK = {TranslationStatus.NEEDS_HUMAN, TranslationStatus.MACHINE}  # what the queue lists


def _is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


@router.get("", response_class=HTMLResponse)
def queue_page(
    request: Request,
    user: WorkspaceUser,
    audit: Annotated[Audit, audited("read_translation_queue", "translation", TRANSLATORS, login=workspace_user)],
    session: SessionDep,
    status: str | None = None,
    vertaald: str | None = None,
) -> HTMLResponse:
    """The items to translate (or, `status=machine`, machine translations to check)."""
    wanted = TranslationStatus(status) if status in {s.value for s in WORK} else TranslationStatus.NEEDS_HUMAN
    items = api.translation_queue(audit, session, wanted)
    return render_page(
        request,
        "workspace/translations.html",
        user,
        tab="vertalen",
        items=items,
        status=wanted.value,
        count=translation_queue_count(len(items), wanted),
        saved_question=vertaald,
        errors={},
    )


@router.post("/{translation_id}", response_class=HTMLResponse, dependencies=[CsrfChecked])
def translate_answer(
    request: Request,
    translation_id: RowId,
    user: WorkspaceUser,
    audit: Annotated[Audit, audited("translate_answer", "intake", TRANSLATORS, login=workspace_user)],
    session: SessionDep,
    text_nl: Annotated[str, Form(max_length=4000)] = "",
    status: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Save the Dutch translation (the API's): the item leaves the queue. Refused: the item
    again with what was typed and the API's Dutch message."""
    try:
        saved = api.complete_translation(translation_id, api.TranslationIn(text_nl=text_nl), audit, session)
    except ApiError as refused:
        if refused.status_code != 400:
            raise
        # Nothing written: the item is still in the queue. Shown again, with the message.
        audit.note(refused=refused.status_code)
        wanted = TranslationStatus.MACHINE if status == TranslationStatus.MACHINE else TranslationStatus.NEEDS_HUMAN
        items = api.translation_queue(audit, session, wanted)
        item = next((i for i in items if i.id == translation_id), None)
        errors = {translation_id: (text_nl, refused.message)}
        if item is not None and _is_htmx(request):
            return render_page(
                request,
                "workspace/_translation_fragment.html",
                user,
                status_code=422,
                item=item,
                status=wanted.value,
                errors=errors,
            )
        return render_page(
            request,
            "workspace/translations.html",
            user,
            tab="vertalen",
            status_code=422,
            items=items,
            status=wanted.value,
            count=translation_queue_count(len(items), wanted),
            errors=errors,
        )
    if _is_htmx(request):
        # The count above the list changes too (htmx swaps it out of band).
        wanted = TranslationStatus.MACHINE if status == TranslationStatus.MACHINE else TranslationStatus.NEEDS_HUMAN
        left = api.translation_queue(audit, session, wanted)
        count = translation_queue_count(len(left), wanted)
        return render_page(request, "workspace/_translation_done.html", user, question=saved.question, count=count)
    query = urlencode({"status": status or TranslationStatus.NEEDS_HUMAN.value, "vertaald": saved.question})
    return see_other(f"{WORKSPACE}/vertalen?{query}")
