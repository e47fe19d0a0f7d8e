"""Appointments in the chat: offer times, book or move, cancel, and ask for a person.

The backend decides which times are free and books atomically; these actions only carry the
person's choice there and keep what to show in two slots (`offered_slots`, `appointment`),
from which the NLG endpoint renders the words in the person's language.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend_client import BackendUnavailable, appointment_call, save_and_confirm
from actions.intake_form import conversation_language
from actions.submission import collected_answers

OFFERED_SLOTS = "offered_slots"
APPOINTMENT = "appointment"


def _entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value) if value is not None else None


def _offer(dispatcher: CollectingDispatcher, state: dict[str, Any], response: str) -> list[EventType]:
    slots = state.get("slots") or []
    if not slots:
        dispatcher.utter_message(response="utter_no_slots")
        return [SlotSet(OFFERED_SLOTS, None)]
    dispatcher.utter_message(response=response, offered_slots=slots)
    return [SlotSet(OFFERED_SLOTS, slots)]


async def _book(conversation_id: str, token: str) -> dict[str, Any]:
    """Book, and once more when the answer was lost (a timeout): the backend books idempotently
    per conversation, so the second try reports the booking the first one made (if it did)
    instead of making another. The phone is told "booked" only when it is, and otherwise that
    sending failed, with the same times to tap again."""
    try:
        return await appointment_call("book", conversation_id, token=token)
    except BackendUnavailable:
        return await appointment_call("book", conversation_id, token=token)


class ActionOfferSlots(Action):
    """After the intake is sent, and when the person asks for another time."""

    def name(self) -> str:
        return "action_offer_slots"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot("intake_submitted"):
            return []  # the form ended with a pause: nothing to plan yet
        try:
            state = await appointment_call("offer", tracker.sender_id)
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_submit_failed")
            return []
        # Someone with an appointment who asks again wants to move it.
        response = "utter_choose_new_slot" if state.get("appointment") else "utter_choose_slot"
        return [SlotSet(APPOINTMENT, state.get("appointment")), *_offer(dispatcher, state, response)]


class ActionBookSlot(Action):
    """The person tapped a time: book it (or move the appointment there)."""

    def name(self) -> str:
        return "action_book_slot"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        token = _entity(tracker, "slot_token")
        offered = {s["token"] for s in tracker.get_slot(OFFERED_SLOTS) or []}
        if token is None or token not in offered:
            # An old button, or a time that was never offered here: show the current times again.
            return await ActionOfferSlots().run(dispatcher, tracker, domain)
        try:
            state = await _book(tracker.sender_id, token)
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_submit_failed")
            # The same times again, so a tap can try once more (booking the same time twice is safe).
            dispatcher.utter_message(response="utter_choose_slot", offered_slots=tracker.get_slot(OFFERED_SLOTS))
            return []
        if state["outcome"] == "taken":
            dispatcher.utter_message(response="utter_slot_taken")
            return _offer(dispatcher, state, "utter_choose_slot")
        events: list[EventType] = [SlotSet(APPOINTMENT, state["appointment"]), SlotSet(OFFERED_SLOTS, None)]
        response = "utter_appointment_moved" if state["outcome"] == "moved" else "utter_appointment_booked"
        # Rasa renders messages before applying this action's slot events: pass the details along.
        dispatcher.utter_message(response=response, appointment=state["appointment"])
        return events


class ActionCancelAppointment(Action):
    """Ask first; cancel only on "yes"."""

    def name(self) -> str:
        return "action_cancel_appointment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        confirmed = _entity(tracker, "confirmed")
        if tracker.get_slot(APPOINTMENT) is None:
            dispatcher.utter_message(response="utter_no_appointment")
            return []
        if confirmed is None:
            dispatcher.utter_message(response="utter_ask_cancel_appointment")
            return []
        if confirmed != "yes":
            dispatcher.utter_message(response="utter_appointment_kept", appointment=tracker.get_slot(APPOINTMENT))
            return []
        try:
            state = await appointment_call("cancel", tracker.sender_id)
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_submit_failed")
            return []
        if state["outcome"] == "none":
            dispatcher.utter_message(response="utter_no_appointment")
        else:
            dispatcher.utter_message(response="utter_appointment_cancelled")
        return [SlotSet(APPOINTMENT, None), SlotSet(OFFERED_SLOTS, None)]


class ActionRequestPerson(Action):
    """After the intake: the person wants to talk to someone. The case manager sees the flag."""

    def name(self) -> str:
        return "action_request_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        language = conversation_language(tracker)
        answers = collected_answers(dict(tracker.slots))
        if not await save_and_confirm(tracker, language, answers, complete=True, help_requested=True):
            # Kept in the outbox: the request reaches the case manager as soon as the backend is back.
            dispatcher.utter_message(response="utter_submit_pending")
            return []
        dispatcher.utter_message(response="utter_human_handoff")
        return []
