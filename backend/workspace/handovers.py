"""The workspace's chats: people who asked for a person (backend/handover.py). A case manager
or volunteer takes a chat, writes in it, and hands it back to the assistant.

Each page calls the JSON API's route functions (backend/api/handovers.py) with an audit record
of the page's own (backend/policy.py `audited`, logged in by the session cookie): the same
query, the same checks (their municipalities only; volunteers without the assistant's
conversation, which holds health answers), the same audit entries. The conversation refreshes
itself (htmx) while the page is open; every form works without JavaScript too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import func, select

from backend import handover
from backend.api import handovers as api
from backend.api.params import MAX_ID
from backend.deps import SessionDep
from backend.errors import NotFound
from backend.models import Handover, StaffUser
from backend.policy import TRANSLATORS, Audit, audited, staff_only
from backend.workspace.sessions import CsrfChecked, workspace_user
from backend.workspace.templating import WORKSPACE, render_page, see_other

router = APIRouter(prefix=f"{WORKSPACE}/gesprekken", include_in_schema=False)
PAGE = f"{WORKSPACE}/gesprekken"


def _id(handover_id: int) -> int:
    if not 1 <= handover_id <= MAX_ID:
        raise NotFound()
    return handover_id


@router.get("", response_class=HTMLResponse)
def handovers_page(
    audit: Annotated[Audit, audited("list_handovers", "conversation", TRANSLATORS, login=workspace_user)],
    request: Request,
    session: SessionDep,
) -> HTMLResponse:
    """The open chats this staff member may take, oldest request first, with the conversation."""
    rows = api.open_handovers(audit, session)
    return render_page(
        request, "workspace/handovers.html", audit.user, tab="gesprekken", handovers=rows, waiting=len(rows)
    )


# How many are waiting: a number, no one's data (the list polls it to say when to refresh).
COUNTING = staff_only(TRANSLATORS, "how many chats wait: a number only", login=workspace_user)


@router.get("/wachtend", response_class=HTMLResponse)
def waiting_fragment(request: Request, session: SessionDep, user: Annotated[StaffUser, COUNTING]) -> HTMLResponse:
    """The number of open chats this staff member may take (htmx polls it on the list)."""
    count = session.scalar(
        select(func.count()).select_from(Handover).where(Handover.ended_at.is_(None), handover.visible_to(user))
    )
    return render_page(request, "workspace/_handovers_waiting.html", user, waiting=int(count or 0))


@router.get("/{handover_id}/gesprek", response_class=HTMLResponse)
def conversation_fragment(
    audit: Annotated[Audit, audited("read_handover", "conversation", TRANSLATORS, login=workspace_user)],
    request: Request,
    handover_id: int,
    session: SessionDep,
) -> HTMLResponse:
    """One chat's conversation (htmx polls it while the page is open)."""
    item = api._visible(session, audit, _id(handover_id))
    view = api._view(session, item, audit.user)
    return render_page(request, "workspace/_handover_log.html", audit.user, h=view)


@router.post("/{handover_id}/overnemen", dependencies=[CsrfChecked])
def take(
    audit: Annotated[Audit, audited("take_handover", "conversation", TRANSLATORS, login=workspace_user)],
    handover_id: int,
    session: SessionDep,
) -> Response:
    api.take(_id(handover_id), audit, session)
    return see_other(f"{PAGE}#handover-{handover_id}")


@router.post("/{handover_id}/bericht", dependencies=[CsrfChecked])
def write(
    audit: Annotated[Audit, audited("write_handover_message", "conversation", TRANSLATORS, login=workspace_user)],
    handover_id: int,
    session: SessionDep,
    text: Annotated[str, Form(max_length=api.MAX_TEXT)] = "",
) -> Response:
    try:
        body = api.StaffMessageIn(text=text)
    except ValidationError:
        return see_other(f"{PAGE}#handover-{handover_id}")  # an empty message: nothing to send
    api.write(_id(handover_id), body, audit, session)
    return see_other(f"{PAGE}#handover-{handover_id}")


@router.post("/{handover_id}/teruggeven", dependencies=[CsrfChecked])
def hand_back(
    audit: Annotated[Audit, audited("hand_back_handover", "conversation", TRANSLATORS, login=workspace_user)],
    handover_id: int,
    session: SessionDep,
) -> Response:
    api.hand_back(_id(handover_id), audit, session)
    return see_other(PAGE)
