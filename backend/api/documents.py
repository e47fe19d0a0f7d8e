"""Documents as PDF: the prefilled brede intake for case managers, and the person's own answers.

The case manager's PDF has the access check and audit of the intake's JSON detail (a read of
another municipality's intake is refused as 'not found', and recorded). The person's PDF is
for whoever holds the conversation, like every chat endpoint: the phone's unguessable id
names it; it exists once the person has sent their answers.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Response

from backend.api.chat import _conversation
from backend.deps import SessionDep
from backend.documents.intake_document import intake_pdf
from backend.documents.own_answers import NOT_SENT_YET, answers_pdf, intake_of, is_sent
from backend.documents.pdf import pdf_headers
from backend.policy import CASE_MANAGERS, Audit, audited, intake_for, not_staff
from locales import SOURCE_LANGUAGE, translate

router = APIRouter(prefix="/api", tags=["documents"])

PDF: dict[int | str, dict[str, Any]] = {200: {"content": {"application/pdf": {}}, "description": "The PDF"}}


@router.get("/intakes/{intake_id}/document.pdf", response_class=Response, responses=PDF)
def intake_document(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("export_intake_pdf", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> Response:
    """The prefilled brede intake as a tagged PDF in Dutch, for the person's dossier."""
    intake = intake_for(session, audit, intake_id)  # recorded by `audited`, refused reads too
    filename = f"brede-intake-{str(intake.id)[:8]}.pdf"
    return Response(intake_pdf(session, intake), media_type="application/pdf", headers=pdf_headers(filename))


@router.get(
    "/chat/conversations/{conversation_id}/answers.pdf",
    response_class=Response,
    responses=PDF,
    dependencies=[not_staff("the person's own answers, named by the phone's unguessable id")],
)
def own_answers(conversation_id: str, session: SessionDep) -> Response:
    """The person's own answers in their own language, after they sent them."""
    conversation = _conversation(session, conversation_id)
    intake = intake_of(session, conversation)
    if intake is None or not is_sent(intake):
        # The phone opened a link, not the chat's API: a short text it shows as it is.
        language = conversation.language or (intake.language if intake else SOURCE_LANGUAGE)
        message = translate(language, NOT_SENT_YET)
        return Response(message, status_code=409, media_type="text/plain; charset=utf-8")
    return Response(answers_pdf(session, intake), media_type="application/pdf", headers=pdf_headers("answers.pdf"))
