"""The PDF documents: the prefilled brede intake in Dutch for the case manager, and the person's
own answers in their own language, read back with poppler (`pdftotext`, `pdftoppm`)."""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from backend.config import get_settings
from backend.documents.templates import direction
from backend.main import create_app
from backend.models import (
    AnswerSource,
    Appointment,
    AppointmentStatus,
    AuditEvent,
    IntakeAnswer,
    Location,
    LocationKind,
    Resource,
    ResourceKind,
    StaffRole,
    TranslationStatus,
)
from backend.nlg.render import render
from backend.presenters import labels
from backend.workspace.text import staff_translations
from locales import language_codes, translate
from tests.backend.test_access import HOORN, MEDEMBLIK, dutch
from tests.backend.test_chat_gateway_load import _free_port as free_port
from tests.backend.test_chat_gateway_load import _serving as serving

# Directional marks pdftotext puts around right-to-left runs: not part of the words.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

GEEZ_GOAL = "ኣብ ሆርን ክሰርሕን ክመሃርን ደልየ"  # "I want to work and study in Hoorn"
GEEZ_JOB = "ሓጻቢት"
ARABIC_GOAL = "أريد أن أعمل في مستشفى"
ARABIC_OTHER = "أحب الطبخ وكرة القدم"


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is missing: run scripts/system-services.sh (Debian poppler-utils)"
    return path


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF in reading order, whitespace folded, as a screen reader or search finds it."""
    result = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(BIDI_MARKS.sub("", result.stdout.decode("utf-8")).split())


def pdf_info(pdf: bytes) -> str:
    return subprocess.run([poppler("pdfinfo"), "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def pdf_structure(pdf: bytes) -> str:
    """The tagged structure (PDF/UA) with its text, as poppler reads the structure tree."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(
            [poppler("pdfinfo"), "-struct-text", file.name], capture_output=True, check=True
        ).stdout.decode()


def first_page_png(pdf: bytes, keep_as: str) -> Image.Image:
    """Page 1 drawn at 60 dpi; kept as <temp dir>/<keep_as>.png to look at by eye."""
    root = Path(tempfile.gettempdir()) / keep_as
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "60", "-singlefile", "-f", "1", "-l", "1", "-", str(root)],
        input=pdf,
        check=True,
    )
    return Image.open(root.with_suffix(".png")).convert("L")


def ink(image: Image.Image) -> float:
    """The share of the page that is not white."""
    histogram = image.histogram()
    return 1 - sum(histogram[240:]) / sum(histogram)


def staff_dutch(message: str) -> str:
    """A staff text in Dutch (the staff domain), which must differ from the English source."""
    translated = staff_translations().gettext(message)
    assert translated != message, f"not translated into Dutch: {message!r}"
    return translated


def post_intake(
    client: TestClient,
    headers: dict[str, str],
    language: str,
    answers: list[dict[str, Any]],
    complete: bool = True,
    conversation: str | None = None,
) -> tuple[str, str]:
    conversation = conversation or secrets.token_urlsafe(32)
    body = {"conversation_id": conversation, "language": language, "answers": answers, "complete": complete}
    response = client.post("/api/internal/intakes", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return conversation, response.json()["intake_id"]


TIGRINYA = [
    {"question_id": "full_name", "value": "Semhar Tekle", "original_text": "Semhar Tekle"},
    {"question_id": "date_of_birth", "value": "~2003", "original_text": "ብግምት 2003"},
    {"question_id": "municipality", "value": HOORN},
    {"question_id": "email", "value": None, "no_answer": "none"},
    {"question_id": "mental_health_help", "value": "yes"},
    {"question_id": "job_title", "item": 0, "value": GEEZ_JOB, "original_text": GEEZ_JOB},
    {"question_id": "jobs", "value": 1},
    {"question_id": "dream_job", "value": GEEZ_GOAL, "original_text": GEEZ_GOAL},
]


def add_appointment(intake_id: str) -> None:
    """A missed brede intake, straight in the database (booking is tested in test_appointments)."""
    from backend.db import session_scope

    with session_scope() as session:
        office = Location(
            name=f"Stadhuis Hoorn {uuid.uuid4().hex[:6]}", address="Nieuwe Steen 1", kind=LocationKind.OFFICE
        )
        office.municipality_code = HOORN
        session.add(office)
        session.flush()
        room = Resource(kind=ResourceKind.ROOM, name="Spreekkamer 2", location_id=office.id)
        manager = Resource(kind=ResourceKind.CASE_MANAGER, name="Klantmanager Hoorn")
        session.add_all([room, manager])
        session.flush()
        starts = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
        session.add(
            Appointment(
                intake_id=uuid.UUID(intake_id),
                type_code="brede_intake",
                status=AppointmentStatus.NO_SHOW,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                location_id=office.id,
                case_manager_id=manager.id,
                room_id=room.id,
            )
        )


def translate_job(intake_id: str) -> None:
    """The worker's machine translation of the job title (the dream job stays waiting)."""
    from backend.db import session_scope

    with session_scope() as session:
        job = session.scalars(
            select(IntakeAnswer).where(
                IntakeAnswer.intake_id == uuid.UUID(intake_id), IntakeAnswer.question_id == "job_title"
            )
        ).one()
        assert job.translation is not None
        job.translation.status, job.translation.text_nl, job.translation.route = (
            TranslationStatus.MACHINE,
            "kapster",
            "ti>en>nl",
        )


def audit_actions(intake_id: str) -> list[str]:
    from backend.db import session_scope

    with session_scope() as session:
        return list(
            session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == intake_id).order_by(AuditEvent.id))
        )


def test_the_case_manager_pdf_is_dutch_by_section_with_the_geez_words_beside_the_translation(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    _conversation, intake_id = post_intake(client, internal_headers, "ti", TIGRINYA)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    invitation = client.post(
        f"/api/intakes/{intake_id}/invitations",
        json={"respond_by": (date.today() + timedelta(days=14)).isoformat()},
        headers=staff.headers,
    )
    assert invitation.status_code == 201, invitation.text
    add_appointment(intake_id)
    translate_job(intake_id)

    response = client.get(f"/api/intakes/{intake_id}/document.pdf", headers=staff.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    pdf = response.content
    info = pdf_info(pdf)
    assert "Tagged:          yes" in info, info  # PDF/UA: structure for screen readers
    assert "Semhar Tekle" in info  # the title names the person
    structure = pdf_structure(pdf)
    for tag in ("H1 (block)", "H2 (block)", "Table (block)", "TH ", "TD"):
        assert tag in structure
    assert f'"{GEEZ_GOAL}"' in structure  # the tagged text, not only the drawn one

    text = pdf_text(pdf)
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()
    # In Dutch, by section of forms/intake.yaml, in the schema's order (after the planning).
    position = text.find(staff_dutch("Planned appointments"))
    for section in detail["sections"]:
        position = text.find(section["title"], position + 1)
        assert position != -1, f"section {section['id']} missing or out of order"
    assert staff_dutch("Prefilled broad intake") in text
    for label in ("Question", "Answer", "Source and time", "Legal dates", "Points of attention", "Invitation chain"):
        assert staff_dutch(label) in text
    # Every field with its value, source and time; the person's own words beside the Dutch.
    assert "Geboortedatum ongeveer 2003 ብግምት 2003" in text
    assert GEEZ_GOAL in text and GEEZ_JOB in text  # the Ge'ez words present and in logical order
    goal = next(f for s in detail["sections"] for f in s["fields"] if f["question_id"] == "dream_job")
    assert goal["translation"]["label"] in text  # the free text waits for its Dutch translation
    job = next(f for g in detail["sections"] for group in g["groups"] for item in group["items"] for f in item)
    assert job["question_id"] == "job_title" and job["translation"]["text_nl"] == "kapster"
    assert f"{GEEZ_JOB} {staff_dutch('Dutch: {text}').format(text='kapster')}" in text  # beside each other
    assert job["translation"]["label"] in text  # "machinevertaling, niet gecontroleerd (ti>en>nl)"
    assert (
        f"{labels.source_label(AnswerSource.CHAT)} {labels.dutch_datetime(datetime.fromisoformat(goal['recorded_at']))}"
        in text
    )
    # Empty fields are shown as such; health answers marked as special-category data.
    assert "Telefoonnummer (geen antwoord)" in text
    email = next(f for s in detail["sections"] for f in s["fields"] if f["question_id"] == "email")
    assert f"E-mailadres {email['display']}" in text
    assert staff_dutch("special category data (health)") in text
    # Flags, the legal dates, the invitation chain and the appointments.
    assert len(detail["flags"]) >= 2 and all(flag["label"] in text for flag in detail["flags"])
    deadline = date.fromisoformat(detail["pip_deadline"])
    assert f"{staff_dutch('PIP due (10 weeks)')} {labels.dutch_date(deadline)}" in text
    assert "Eerste uitnodiging" in text and "Brede intake" in text and "Klantmanager Hoorn" in text
    assert staff_dutch("did not come") in text

    image = first_page_png(pdf, "intake-ti-page-1")
    assert image.size[0] > 400 and 0.02 < ink(image) < 0.5, ink(image)
    assert audit_actions(intake_id).count("export_intake_pdf") == 1


def test_another_municipality_and_other_roles_get_no_pdf_and_the_refusal_is_audited(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    _conversation, intake_id = post_intake(client, internal_headers, "ti", TIGRINYA)
    elsewhere = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    refused = client.get(f"/api/intakes/{intake_id}/document.pdf", headers=elsewhere.headers)
    assert refused.status_code == 404 and refused.json()["detail"] == dutch("Not found.")
    assert audit_actions(intake_id) == ["export_intake_pdf_refused"]

    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    assert client.get(f"/api/intakes/{intake_id}/document.pdf", headers=volunteer.headers).status_code == 403
    assert client.get(f"/api/intakes/{intake_id}/document.pdf").status_code == 401
    missing = client.get(f"/api/intakes/{uuid.uuid4()}/document.pdf", headers=elsewhere.headers)
    assert missing.status_code == 404


def test_the_person_downloads_their_own_answers_in_arabic_right_to_left(
    client: TestClient, internal_headers: dict[str, str]
) -> None:
    answers = [
        {"question_id": "full_name", "value": "أحمد الخطيب", "original_text": "أحمد الخطيب"},
        {"question_id": "date_of_birth", "value": "1990-03-15", "original_text": "١٥/٣/١٩٩٠"},
        {"question_id": "municipality", "value": HOORN},
        {"question_id": "dream_job", "value": ARABIC_GOAL, "original_text": ARABIC_GOAL},
        {"question_id": "anything_else", "value": ARABIC_OTHER, "original_text": ARABIC_OTHER},
    ]
    conversation, _intake_id = post_intake(client, internal_headers, "ar", answers, complete=False)
    url = f"/api/chat/conversations/{conversation}/answers.pdf"
    # Not before the answers are sent: a short message in the person's language.
    early = client.get(url)
    assert early.status_code == 409 and early.text == translate(
        "ar", "You can download your answers when they have been sent. Try again in a moment."
    )
    post_intake(client, internal_headers, "ar", answers, conversation=conversation)

    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content)
    title = translate("ar", "Your answers")
    assert title != "Your answers" and title in text
    assert translate("ar", "About you") in text and translate("ar", "Date of birth") in text
    assert ARABIC_GOAL in text and ARABIC_OTHER in text and "أحمد الخطيب" in text  # logical order
    assert "١٥/٣/١٩٩٠" in text  # what they typed, beside the date as read
    assert "Hoorn" in text
    image = first_page_png(response.content, "own-answers-ar-page-1")
    width = image.size[0]
    # Right to left: the title is drawn at the right of the page.
    title_band = image.crop((0, 0, width, image.size[1] // 10))
    left, right = (
        title_band.crop((0, 0, width // 2, title_band.size[1])),
        title_band.crop((width // 2, 0, width, title_band.size[1])),
    )
    assert ink(right) > 2 * ink(left), (ink(left), ink(right))
    assert 0.01 < ink(image) < 0.5


def test_the_person_downloads_their_answers_in_tigrinya_and_only_their_own(
    client: TestClient, internal_headers: dict[str, str]
) -> None:
    conversation, _intake_id = post_intake(client, internal_headers, "ti", TIGRINYA)
    other, _other_id = post_intake(
        client,
        internal_headers,
        "ti",
        [{"question_id": "full_name", "value": "Yonas Berhe", "original_text": "Yonas Berhe"}],
    )
    text = pdf_text(client.get(f"/api/chat/conversations/{conversation}/answers.pdf").content)
    assert translate("ti", "Your answers") in text
    assert GEEZ_GOAL in text and GEEZ_JOB in text and "Semhar Tekle" in text
    assert "Yonas Berhe" not in text
    # Their health answer is theirs to keep; the case manager's labels are not in it.
    assert translate("ti", "Help with stress or worries") in text
    assert staff_dutch("Prefilled broad intake") not in text and staff_dutch("Source and time") not in text

    other_text = pdf_text(client.get(f"/api/chat/conversations/{other}/answers.pdf").content)
    assert "Yonas Berhe" in other_text and "Semhar Tekle" not in other_text
    assert client.get(f"/api/chat/conversations/{secrets.token_urlsafe(32)}/answers.pdf").status_code == 404
    image = first_page_png(client.get(f"/api/chat/conversations/{conversation}/answers.pdf").content, "own-ti")
    assert 0.01 < ink(image) < 0.5


def test_the_message_after_sending_carries_the_pdf_link() -> None:
    for name in ("utter_intake_submitted", "utter_already_submitted"):
        message = render(name, {"language": "ti"})
        assert message["custom"]["meta"]["answers_pdf"] is True
    assert "answers_pdf" not in render("utter_privacy_needed", {"language": "ti"})["custom"]["meta"]
    assert translate("ti", "Download your answers (PDF)") != "Download your answers (PDF)"


def test_the_chat_offers_the_answers_as_a_pdf_after_sending(
    monkeypatch: pytest.MonkeyPatch, database_url: str, internal_headers: dict[str, str]
) -> None:
    """Through the real chat gateway: a stand-in for Rasa's REST channel answers with the message
    after sending (text, then its `custom` meta, as Rasa sends them); the phone gets a link."""

    async def webhook(request: Request) -> JSONResponse:
        sender = (await request.json())["sender"]
        message = render("utter_intake_submitted", {"language": "ti"})
        return JSONResponse(
            [
                {"recipient_id": sender, "text": message["text"], "buttons": message["buttons"]},
                {"recipient_id": sender, "custom": message["custom"]},
            ]
        )

    rasa = Starlette(routes=[Route("/webhooks/rest/webhook", webhook, methods=["POST"])])
    with serving(rasa, free_port()) as rasa_url:
        monkeypatch.setenv("INTAKE_RASA_URL", rasa_url)
        get_settings.cache_clear()
        try:
            with TestClient(create_app()) as client:
                conversation = client.post("/api/chat/conversations").json()["conversation_id"]
                post_intake(client, internal_headers, "ti", TIGRINYA, conversation=conversation)
                turn = client.post(f"/api/chat/conversations/{conversation}/messages", json={"text": "እወ"})
                assert turn.status_code == 200, turn.text
                link = turn.json()["messages"][-1]["link"]
                assert link["title"] == translate("ti", "Download your answers (PDF)")
                assert link["url"] == f"/api/chat/conversations/{conversation}/answers.pdf"
                pdf = client.get(link["url"])
                assert pdf.status_code == 200 and GEEZ_GOAL in pdf_text(pdf.content)
        finally:
            monkeypatch.undo()
            get_settings.cache_clear()


@pytest.mark.parametrize("language", language_codes())
def test_the_persons_pdf_in_every_language_with_its_direction(
    client: TestClient, internal_headers: dict[str, str], language: str
) -> None:
    answers = [
        {"question_id": "full_name", "value": "Amina Yusuf", "original_text": "Amina Yusuf"},
        {"question_id": "municipality", "value": HOORN},
        {"question_id": "digid_applied", "value": "yes"},
    ]
    conversation, _intake_id = post_intake(client, internal_headers, language, answers)
    pdf = client.get(f"/api/chat/conversations/{conversation}/answers.pdf").content

    # Without spaces and zero-width joiners: pdftotext drops the space between a Latin word and
    # Arabic script ("DigiD"), and the zero-width non-joiner of Persian (it draws nothing).
    def squeezed(words: str) -> str:
        return "".join(words.replace("\u200c", "").replace("\u200d", "").split())

    text = squeezed(pdf_text(pdf))
    for message in ("Your answers", "DigiD applied for", "Contact", "Yes"):
        assert squeezed(translate(language, message)) in text, message
    assert "AminaYusuf" in text
    image = first_page_png(pdf, f"own-answers-{language}")
    width, height = image.size
    title_band = image.crop((0, 0, width, height // 10))
    left = ink(title_band.crop((0, 0, width // 2, title_band.size[1])))
    right = ink(title_band.crop((width // 2, 0, width, title_band.size[1])))
    assert (right > 2 * left) if direction(language) == "rtl" else (left > 2 * right), (left, right)


def test_the_workspace_intake_page_links_the_pdf_and_serves_it_by_the_session_cookie(
    client: TestClient,
    make_staff,  # type: ignore[no-untyped-def]
    internal_headers: dict[str, str],
) -> None:
    from backend.workspace.sessions import SESSION_COOKIE
    from tests.backend.test_figures import _session_cookie

    _conversation, intake_id = post_intake(client, internal_headers, "ti", TIGRINYA)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    elsewhere = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    with TestClient(client.app) as browser:
        browser.cookies.set(SESSION_COOKIE, _session_cookie(staff.username))
        page = browser.get(f"/werkplek/intakes/{intake_id}")
        assert page.status_code == 200, page.text
        assert f'href="/werkplek/intakes/{intake_id}/brede-intake.pdf"' in page.text
        pdf = browser.get(f"/werkplek/intakes/{intake_id}/brede-intake.pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert staff_dutch("Prefilled broad intake") in pdf_text(pdf.content) and GEEZ_GOAL in pdf_text(pdf.content)
    with TestClient(client.app) as other:
        other.cookies.set(SESSION_COOKIE, _session_cookie(elsewhere.username))
        assert other.get(f"/werkplek/intakes/{intake_id}/brede-intake.pdf").status_code == 404
    assert audit_actions(intake_id).count("export_intake_pdf") == 1
    assert "export_intake_pdf_refused" in audit_actions(intake_id)
