"""The intake as a web form (backend/person_form.py, backend/api/form_page.py): the chat's readers,
messages and conditions, repeating groups, and one intake shared with the chat, whose action
server learns the form's answers on its next turn. Real PostgreSQL."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

import actions.intake_form as intake_form
from actions.intake_form import ValidateIntakeForm
from actions.submission import collected_answers
from backend.db import session_scope
from backend.models import AnswerSource, Conversation, Intake, IntakeAnswer, NoAnswer
from backend.nlg.texts import RESPONSES
from backend.person_form import NOT_SAVED
from backend.resume import held_by
from forms import load_schema
from forms.dialogue import next_slot
from forms.readers import read
from locales import translate
from tests.backend.test_access import HOORN
from tests.unit.test_intake_form import run_in_own_loop


def new_conversation(client: TestClient, language: str = "am") -> str:
    """A chat as the page starts it, with the language the person chose in it."""
    token: str = client.post("/api/chat/conversations").json()["conversation_id"]
    with session_scope() as session:
        conversation = session.scalar(select(Conversation).where(held_by(token)))
        assert conversation is not None
        conversation.language = language
    return token


def post_section(client: TestClient, token: str, section: str, data: dict[str, Any], language: str = "am") -> Any:
    return client.post(
        f"/form/{token}", params={"section": section, "lang": language}, data=data, follow_redirects=False
    )


def stored(token: str) -> list[IntakeAnswer]:
    with session_scope() as session:
        conversation = session.scalar(select(Conversation).where(held_by(token)))
        assert conversation is not None
        intake = session.scalar(select(Intake).where(Intake.conversation_id == conversation.id))
        assert intake is not None
        rows = list(intake.answers)
        session.expunge_all()
        return rows


def current(token: str, question_id: str, item: int = 0) -> IntakeAnswer:
    rows = [a for a in stored(token) if a.question_id == question_id and a.item == item]
    return max(rows, key=lambda a: a.version)


def page(client: TestClient, token: str, section: str, language: str = "am", **params: str) -> str:
    response = client.get(f"/form/{token}", params={"section": section, "lang": language, **params})
    assert response.status_code == 200, response.text
    html: str = response.text
    return html


def test_an_amharic_save_stores_what_the_chats_reader_reads_with_source_form(client: TestClient) -> None:
    token = new_conversation(client)
    html = page(client, token, "personal")
    assert '<html lang="am" dir="ltr">' in html
    assert translate("am", "What is your full name?") in html  # the chat's question, in Amharic
    typed_date = "፲፭ መጋቢት 1990"  # 15 (Ge'ez numeral) of Megabit (the Ethiopian month), 1990
    question = load_schema().question("date_of_birth")
    expected = read(question, typed_date, "am", lambda m: translate("am", m))
    assert expected.ok
    response = post_section(
        client,
        token,
        "personal",
        {"q.full_name": "አሚና ዩሱፍ", "q.date_of_birth": typed_date, "q.municipality": HOORN, "action": "save"},
    )
    assert response.status_code == 303, response.text
    assert "saved=1" in response.headers["location"]
    birth = current(token, "date_of_birth")
    assert birth.value == expected.value
    assert birth.original_text == typed_date and birth.original_language == "am"
    assert birth.source == AnswerSource.FORM
    assert current(token, "full_name").value == "አሚና ዩሱፍ"
    assert current(token, "municipality").value == HOORN
    # Saving the page again unchanged adds no version.
    post_section(client, token, "personal", {"q.full_name": "አሚና ዩሱፍ", "q.date_of_birth": typed_date})
    assert len([a for a in stored(token) if a.question_id == "date_of_birth"]) == 1


def test_a_refused_value_shows_the_chats_amharic_message_beside_it_and_nothing_is_lost(client: TestClient) -> None:
    token = new_conversation(client)
    response = post_section(
        client, token, "personal", {"q.full_name": "ሳባ ገብሬ", "q.date_of_birth": "ሰማያዊ", "q.municipality": HOORN}
    )
    assert response.status_code == 422
    message = translate("am", RESPONSES["utter_invalid_date"].text)
    assert message != RESPONSES["utter_invalid_date"].text  # really Amharic
    html = response.text
    assert message in html and translate("am", NOT_SAVED) in html
    # Beside its field: the error is the field's description, and the typed text is kept.
    assert re.search(r'id="q.date_of_birth"[^>]*value="ሰማያዊ"|value="ሰማያዊ"[^>]*id="q.date_of_birth"', html) or (
        'value="ሰማያዊ"' in html and 'aria-describedby="q.date_of_birth-help q.date_of_birth-error"' in html
    )
    assert 'id="q.date_of_birth-error"' in html
    # The other answers of the section were stored.
    assert current(token, "full_name").value == "ሳባ ገብሬ"
    assert not [a for a in stored(token) if a.question_id == "date_of_birth"]


def test_a_condition_hides_a_question_until_its_answer_makes_it_apply(client: TestClient) -> None:
    token = new_conversation(client, "ar")
    html = page(client, token, "contact", "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert 'name="q.driving_licence"' in html
    assert "q.driving_licence_country" not in html
    post_section(client, token, "contact", {"q.driving_licence": "yes"}, "ar")
    html = page(client, token, "contact", "ar")
    assert 'name="q.driving_licence_country"' in html
    # Changing the answer to "no" hides it again, and its stored answer is recorded as not applicable.
    post_section(client, token, "contact", {"q.driving_licence_country": "SY"}, "ar")
    assert current(token, "driving_licence_country").value == "SY"
    post_section(client, token, "contact", {"q.driving_licence": "no", "q.driving_licence_country": "SY"}, "ar")
    assert "q.driving_licence_country" not in page(client, token, "contact", "ar")
    assert current(token, "driving_licence_country").no_answer == NoAnswer.NOT_APPLICABLE


def test_a_group_item_is_added_filled_and_removed(client: TestClient) -> None:
    token = new_conversation(client)
    html = page(client, token, "household")
    assert 'name="q.children"' in html and "q.child_date_of_birth.0" not in html
    # "Do you have children?" yes: the first child's questions.
    response = post_section(client, token, "household", {"q.children": "yes", "items.children": "0"})
    assert response.status_code == 303 and "add=children" in response.headers["location"]
    html = client.get(response.headers["location"]).text
    assert 'name="q.child_date_of_birth.0"' in html
    assert "q.early_education_info" not in html  # no young child yet
    response = post_section(
        client, token, "household", {"items.children": "1", "q.child_date_of_birth.0": "2023", "action": "add:children"}
    )
    assert response.status_code == 303
    assert current(token, "child_date_of_birth", 0).value == "2023"
    assert current(token, "children").value == 1
    html = client.get(response.headers["location"]).text
    assert 'name="q.child_date_of_birth.1"' in html  # the added, empty second child
    assert 'name="q.early_education_info"' in html  # a child of 0 to 5: the condition on the group holds
    post_section(client, token, "household", {"items.children": "2", "q.child_date_of_birth.1": "2010"})
    assert current(token, "children").value == 2
    # Removing the first child: the second moves up, its old place is recorded as removed.
    post_section(client, token, "household", {"items.children": "2", "action": "remove:children:0"})
    assert current(token, "child_date_of_birth", 0).value == "2010"
    assert current(token, "child_date_of_birth", 1).no_answer == NoAnswer.REMOVED
    assert current(token, "children").value == 1
    assert "q.early_education_info" not in page(client, token, "household")


def test_a_refused_value_in_a_new_item_keeps_the_item(client: TestClient) -> None:
    token = new_conversation(client)
    post_section(client, token, "household", {"q.children": "yes", "items.children": "0"})
    response = post_section(client, token, "household", {"items.children": "1", "q.child_date_of_birth.0": "ሰማያዊ"})
    assert response.status_code == 422
    assert 'value="ሰማያዊ"' in response.text and 'id="q.child_date_of_birth.0-error"' in response.text


def test_an_unknown_conversation_is_not_found(client: TestClient) -> None:
    assert client.get("/form/not-a-real-conversation-id-at-all").status_code == 404
    assert post_section(client, "not-a-real-conversation-id-at-all", "personal", {}).status_code == 404


def test_the_chat_keeps_its_sources_and_does_not_ask_again_what_the_form_answered(
    client: TestClient, internal_headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = new_conversation(client)
    # The chat answered the name; the chat's action server saves it as it does.
    chat_slots: dict[str, Any] = {
        "language": "am",
        "privacy_acknowledged": True,
        "full_name": "አሚና ዩሱፍ",
        "answer_texts": {"full_name": "አሚና ዩሱፍ"},
        "answer_order": ["full_name"],
    }
    saved = client.post(
        "/api/internal/intakes",
        headers=internal_headers,
        json={"conversation_id": token, "language": "am", "answers": collected_answers(chat_slots), "complete": False},
    )
    assert saved.status_code == 200, saved.text
    # The chat asked the date of birth; the person switched to the form and answered the rest of
    # the section there, and the phone number.
    post_section(client, token, "personal", {"q.date_of_birth": "15-03-1990", "q.municipality": HOORN})
    post_section(client, token, "contact", {"q.phone": "06 12345678"})
    assert current(token, "full_name").source == AnswerSource.CHAT
    assert current(token, "date_of_birth").source == AnswerSource.FORM

    # Back in the chat, the person types something: the action server reads the form's answers
    # from the backend (the real internal API) before it reads the message.
    def from_backend(conversation_id: str) -> list[dict[str, Any]]:
        response = client.get(f"/api/internal/conversations/{conversation_id}/form-answers", headers=internal_headers)
        assert response.status_code == 200, response.text
        answers: list[dict[str, Any]] = response.json()["answers"]
        return answers

    async def answers_from_form(conversation_id: str) -> list[dict[str, Any]]:
        return from_backend(conversation_id)

    monkeypatch.setattr(intake_form, "answers_from_form", answers_from_form)
    saves: list[list[dict[str, Any]]] = []
    monkeypatch.setattr(intake_form, "save_in_background", lambda tracker, language, answers, *a: saves.append(answers))
    slots = {**chat_slots, "requested_slot": "date_of_birth", "date_of_birth": "ok"}
    message = {"text": "ok", "intent": {"name": "affirm", "confidence": 0.9}, "entities": [], "metadata": {}}
    events = [{"event": "user", "text": "ok"}, {"event": "slot", "name": "date_of_birth", "value": "ok"}]
    tracker = Tracker(token, slots, message, events, False, None, {"name": "intake_form"}, "action_listen")
    result = run_in_own_loop(
        ValidateIntakeForm().run(CollectingDispatcher(), tracker, {"forms": {"intake_form": {"required_slots": []}}})
    )
    after = dict(chat_slots)
    for event in result:
        if event.get("event") == "slot":
            after[event["name"]] = event["value"]
    assert after["date_of_birth"] == "1990-03-15"  # the form's answer, not the message "ok"
    assert after["municipality"] == HOORN and after["phone"] == current(token, "phone").value
    assert after["answer_texts"]["phone"] == "06 12345678"
    # The chat continues at the first question nobody answered (not the name, date, municipality,
    # or phone): the country of origin, which the form left empty.
    assert next_slot(after) == "country_of_origin"
    # The chat saves them at once (through its outbox, recorded here), unchanged: no new
    # version, their source stays.
    [sent] = saves
    assert {"question_id": "phone", "item": None, "value": "+31612345678", "original_text": "06 12345678"} in sent
    assert all(answer["question_id"] != "date_of_birth" or answer["value"] == "1990-03-15" for answer in sent)
    sequence = int(time.time() * 1000) * 1000  # as actions/backend_client.save_sequence numbers it
    resaved = client.post(
        "/api/internal/intakes",
        headers=internal_headers,
        json={"conversation_id": token, "language": "am", "answers": sent, "complete": False, "sequence": sequence},
    )
    assert resaved.status_code == 200
    assert len([a for a in stored(token) if a.question_id == "phone"]) == 1
    assert current(token, "phone").source == AnswerSource.FORM
    assert current(token, "full_name").source == AnswerSource.CHAT
    # Known to the chat now: not given again, so that the person can change one in the chat
    # ("back") without the form's older answer coming back. A newer form answer is given.
    assert from_backend(token) == []
    time.sleep(0.01)
    post_section(client, token, "contact", {"q.phone": "0687654321"})
    assert [(a["question_id"], a["value"]) for a in from_backend(token)] == [("phone", "+31687654321")]


def test_the_chat_links_the_form_at_the_questions_section(client: TestClient) -> None:
    from backend.api.chat import _form_link

    link = _form_link("token-of-the-phone", "am", 2)
    assert link.url == "/form/token-of-the-phone?section=contact&lang=am"
    assert link.title == translate("am", "Fill in as a form")


def test_the_forms_source_is_named_for_the_case_manager_and_the_person() -> None:
    from backend.presenters.labels import source_label
    from backend.privacy.access import SOURCES

    assert source_label(AnswerSource.FORM) == "formulier"
    assert translate("am", SOURCES[AnswerSource.FORM]) == "በቅጹ ውስጥ በእርስዎ የተሰጠ"
