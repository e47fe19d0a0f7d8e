"""Rasa's external NLG endpoint: every bot message is rendered here from the catalogs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from backend.deps import InternalCaller
from backend.errors import NotFound, _
from backend.nlg.render import UnknownResponse, render

router = APIRouter(tags=["nlg"], dependencies=[InternalCaller])


@router.post("/nlg")
async def generate(request: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """Rasa posts {"response": name, "arguments": {...}, "tracker": {...}, "channel": {...}}."""
    name = str(request.get("response") or request.get("template") or "")
    slots = (request.get("tracker") or {}).get("slots") or {}
    try:
        return render(name, slots)
    except UnknownResponse:
        raise NotFound(_("No text exists for response {name}."), name=name) from None
