"""Validation of the intake form and what happens after it.

The form's slots are: the language, the privacy acknowledgement, one slot per question of
forms/intake.yaml (generated into the domain), and the final confirmation. Every answer
slot is filled with the raw message text (a `from_text` mapping); here it is read with
forms.answers, and either stored as a clean value or refused with an explanation, after
which the form asks the same question again.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend_client import BackendUnavailable, submit_intake
from forms import Question, load_schema
from forms.answers import parse_answer
from locales import SOURCE_LANGUAGE, find_language, get_language

FORM_NAME = "intake_form"
ANSWER_TEXTS_SLOT = "answer_texts"


def _latest(tracker: Tracker) -> tuple[str | None, dict[str, Any], str]:
    """Intent name, entity values and text of the person's latest message."""
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    entities = {e.get("entity"): e.get("value") for e in message.get("entities") or [] if e.get("entity")}
    return intent, entities, str(message.get("text") or "")


def _is_button_payload(text: str) -> bool:
    return text.startswith("/")


def conversation_language(tracker: Tracker) -> str:
    language = get_language(tracker.get_slot("language"))
    return language.code if language else SOURCE_LANGUAGE


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_intake_form"

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Validate every slot the latest message filled (instead of one method per slot name,
        because the question slots come from forms/intake.yaml)."""
        updates: dict[str, Any] = {}
        for slot_name, value in tracker.slots_to_validate().items():
            result = self._validate_slot(slot_name, value, dispatcher, tracker)
            updates.update(result)
            tracker.slots.update(result)
        return [SlotSet(name, value) for name, value in updates.items()]

    def _validate_slot(
        self, slot_name: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        schema = load_schema()
        if slot_name == "language":
            return self._validate_language(value)
        if slot_name == "privacy_acknowledged":
            return self._validate_privacy(dispatcher, tracker)
        if slot_name == "intake_confirmed":
            return self._validate_confirmation(tracker)
        if schema.has_question(slot_name):
            return self._validate_answer(schema.question(slot_name), value, dispatcher, tracker)
        return {slot_name: value}

    @staticmethod
    def _validate_language(value: Any) -> dict[str, Any]:
        language = get_language(str(value)) or find_language(str(value or ""))
        return {"language": language.code if language else None}

    @staticmethod
    def _validate_privacy(dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        intent, _entities, text = _latest(tracker)
        if intent == "affirm":
            return {"privacy_acknowledged": True}
        if not _is_button_payload(text):
            dispatcher.utter_message(response="utter_privacy_needed")
        return {"privacy_acknowledged": None}

    @staticmethod
    def _validate_confirmation(tracker: Tracker) -> dict[str, Any]:
        intent, entities, _text = _latest(tracker)
        if intent == "affirm":
            return {"intake_confirmed": True}
        field = entities.get("field")
        if intent == "change" and isinstance(field, str) and load_schema().has_question(field):
            # Clearing the answer makes the form ask that question again, then the summary.
            return {field: None, "intake_confirmed": None}
        return {"intake_confirmed": None}

    @staticmethod
    def _validate_answer(
        question: Question, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        intent, entities, text = _latest(tracker)
        raw = str(value or "")
        if question.type == "single_choice" and intent == "inform" and "choice" in entities:
            raw = str(entities["choice"])
        elif _is_button_payload(raw):
            # A button of another question (or the language menu): ask this question again.
            return {question.id: None}
        parsed = parse_answer(question, raw)
        if not parsed.ok:
            dispatcher.utter_message(response=f"utter_invalid_{parsed.error}")
            return {question.id: None}
        texts = dict(tracker.get_slot(ANSWER_TEXTS_SLOT) or {})
        texts[question.id] = text if not _is_button_payload(text) else None
        return {question.id: parsed.value, ANSWER_TEXTS_SLOT: texts}


def collected_answers(tracker: Tracker) -> dict[str, dict[str, Any]]:
    texts = tracker.get_slot(ANSWER_TEXTS_SLOT) or {}
    return {
        q.id: {"value": tracker.get_slot(q.id), "original_text": texts.get(q.id)}
        for q in load_schema().questions
        if tracker.get_slot(q.id) is not None
    }


class ActionSubmitIntake(Action):
    """Send the confirmed intake to the backend. Safe to repeat: the backend is idempotent."""

    def name(self) -> str:
        return "action_submit_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            await submit_intake(
                tracker.sender_id, conversation_language(tracker), collected_answers(tracker), complete=True
            )
        except BackendUnavailable:
            dispatcher.utter_message(response="utter_submit_failed")
            return []
        dispatcher.utter_message(response="utter_intake_submitted")
        return [SlotSet("intake_submitted", True)]


class ActionResumeIntake(Action):
    """What to do with a message outside the form: continue where the person left off.

    Used as the core fallback, so an unexpected message never ends the conversation.
    """

    def name(self) -> str:
        return "action_resume_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("intake_submitted"):
            dispatcher.utter_message(response="utter_already_submitted")
            return []
        # The form asks the first unanswered question, or submits when all are answered.
        return [FollowupAction(FORM_NAME)]
