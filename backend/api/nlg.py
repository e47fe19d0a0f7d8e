"""Rasa's external NLG endpoint: every bot message is rendered here from the catalogs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from backend.deps import InternalCaller
from backend.errors import NotFound, _
from backend.nlg.render import MESSAGE_VALUES, UnknownResponse, render
from backend.policy import not_staff

router = APIRouter(tags=["nlg"], dependencies=[InternalCaller, not_staff("Rasa, with the internal token")])


@router.post("/nlg")
async def generate(request: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """Rasa posts {"response": name, "arguments": {...}, "tracker": {...}, "channel": {...}}."""
    name = str(request.get("response") or request.get("template") or "")
    slots = dict((request.get("tracker") or {}).get("slots") or {})
    # Values an action hands to its message (rasa-sdk `utter_message(response=..., key=value)`):
    # Rasa renders an action's messages before it applies the action's slot events, so what the
    # message must show comes along as an argument and wins over the older slot value.
    arguments = request.get("arguments") or {}
    slots.update({key: arguments[key] for key in MESSAGE_VALUES if key in arguments})
    latest = ((request.get("tracker") or {}).get("latest_message") or {}).get("text")
    try:
        return render(name, slots, typed=str(latest) if latest else None)
    except UnknownResponse:
        raise NotFound(_("No text exists for response {name}."), name=name) from None
