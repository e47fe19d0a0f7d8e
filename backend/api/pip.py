"""The PIP draft of an intake, for the case managers of its municipality (backend/pip/).

The same access rule and audit as reading the intake (backend/policy.py): another
municipality's intake is 'not found', and every read, save, history read and PDF is audited,
refused ones too.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import Response

from backend.deps import SessionDep
from backend.documents.pdf import pdf_headers
from backend.pip.draft import PipDraftOut, PipSaveIn, VersionOut, build_draft, save_version, version_out, versions
from backend.pip.pdf import pip_pdf
from backend.policy import CASE_MANAGERS, Audit, audited, intake_for

router = APIRouter(prefix="/api/intakes", tags=["pip"])


@router.get("/{intake_id}/pip")
def read_pip(
    intake_id: uuid.UUID, audit: Annotated[Audit, audited("read_pip", "intake", CASE_MANAGERS)], session: SessionDep
) -> PipDraftOut:
    """The PIP draft: prefilled from the intake, with the newest saved version of the case manager's fields."""
    intake = intake_for(session, audit, intake_id)
    return build_draft(session, intake)


@router.put("/{intake_id}/pip")
def save_pip(
    intake_id: uuid.UUID,
    body: PipSaveIn,
    audit: Annotated[Audit, audited("save_pip", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> PipDraftOut:
    """Save the case manager's fields as a new version (409 when someone saved a newer one meanwhile)."""
    intake = intake_for(session, audit, intake_id)
    row = save_version(session, intake, body, audit.user)
    audit.note(version=row.version)
    return build_draft(session, intake)


@router.get("/{intake_id}/pip/versions")
def pip_history(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("read_pip_history", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> list[VersionOut]:
    """Every saved version, oldest first: who saved what, when."""
    intake = intake_for(session, audit, intake_id)
    rows = versions(session, intake)
    audit.note(count=len(rows))
    return [version_out(row) for row in rows]


@router.get("/{intake_id}/pip.pdf")
def pip_as_pdf(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("export_pip_pdf", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> Response:
    """The PIP draft as a PDF for the person's file, marked as a draft."""
    intake = intake_for(session, audit, intake_id)
    draft = build_draft(session, intake)
    audit.note(version=draft.version)
    return Response(pip_pdf(draft), media_type="application/pdf", headers=pdf_headers(f"pip-concept-{intake.id}.pdf"))
