"""The region's figures: counted from seeded intakes, scoped per municipality, small counts suppressed,
as JSON, CSV, accessible SVG charts and the workspace page."""

from __future__ import annotations

import csv
import io
import os
import secrets
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from backend.models import (
    AnswerSource,
    Appointment,
    AppointmentStatus,
    Intake,
    IntakeAnswer,
    IntakeStart,
    Invitation,
    InvitationStep,
    Location,
    LocationKind,
    PipVersion,
    Resource,
    ResourceKind,
    StaffRole,
    StaffSession,
    StaffUser,
)
from backend.workspace.text import staff_translations
from tests.backend.test_access import HOORN, MEDEMBLIK

ENKHUIZEN = "0388"
# The seeded intakes began in January 2025; other tests' intakes begin today, outside this period.
PERIOD = {"first": "2025-01-01", "last": "2025-01-31"}
START = date(2025, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"


def nl(message: str) -> str:
    return staff_translations().gettext(message)


def _submit(client: TestClient, headers: dict[str, str], municipality: str, language: str, complete: bool) -> str:
    answers: list[dict[str, Any]] = [
        {"question_id": "municipality", "value": municipality},
        {"question_id": "full_name", "value": "Test Persoon", "original_text": "Test Persoon"},
        {"question_id": "reads_own_language", "value": "well"},
        # The last answer of the save: an intake never sent stopped after this question.
        {"question_id": "dutch_level", "value": "a_little"},
    ]
    body = {
        "conversation_id": secrets.token_urlsafe(32),
        "language": language,
        "answers": answers,
        "complete": complete,
    }
    response = client.post("/api/internal/intakes", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["intake_id"])


@pytest.fixture(scope="module")
def seeded(client: TestClient, make_staff: Any) -> dict[str, list[str]]:
    """Hoorn 8 intakes (5 Tigrinya, 2 Arabic, 1 Farsi; 7 sent), Medemblik 5 (Arabic), Enkhuizen 2
    (Somali), all begun in January 2025, with meetings, PIPs, invitations and volunteer help in Hoorn."""
    from backend.db import session_scope

    internal = {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"}
    languages = ("ti", "ti", "ti", "ti", "ti", "ar", "ar", "fa")
    hoorn = [_submit(client, internal, HOORN, language, complete=n != 6) for n, language in enumerate(languages)]
    medemblik = [_submit(client, internal, MEDEMBLIK, "ar", complete=True) for _ in range(5)]
    enkhuizen = [_submit(client, internal, ENKHUIZEN, "so", complete=True) for _ in range(2)]
    make_staff(StaffRole.CASE_MANAGER, (HOORN,))

    with session_scope() as session:
        staff_id = session.scalars(select(StaffUser.id)).first()
        for n, intake_id in enumerate([*hoorn, *medemblik, *enkhuizen]):
            created = datetime(2025, 1, 2 + n % 20, 10, tzinfo=UTC)
            session.execute(update(Intake).where(Intake.id == uuid.UUID(intake_id)).values(created_at=created))
        for intake_id in hoorn:
            session.add(IntakeStart(intake_id=uuid.UUID(intake_id), starts_on=START, set_by_id=staff_id))
        location = Location(
            name=f"Figures test {uuid.uuid4().hex[:6]}",
            address="Teststraat 1",
            kind=LocationKind.OFFICE,
            municipality_code=HOORN,
        )
        session.add(location)
        session.flush()
        manager = Resource(kind=ResourceKind.CASE_MANAGER, name="cm", location_id=location.id)
        room = Resource(kind=ResourceKind.ROOM, name="room", location_id=location.id)
        session.add_all([manager, room])
        session.flush()

        def appointment(intake_id: str, day: date, status: AppointmentStatus) -> Appointment:
            starts = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
            return Appointment(
                intake_id=uuid.UUID(intake_id),
                type_code="brede_intake",
                status=status,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=90),
                location_id=location.id,
                case_manager_id=manager.id,
                room_id=room.id,
            )

        # Intake meetings: 5 within 10 weeks of the start, 1 late, 2 never (overdue); before
        # them 5 meetings the person did not come to.
        for n, intake_id in enumerate(hoorn[:6]):
            held = date(2025, 2, 1) if n < 5 else date(2025, 4, 1)
            session.add(appointment(intake_id, held, AppointmentStatus.ATTENDED))
        for intake_id in hoorn[:5]:
            session.add(appointment(intake_id, date(2025, 1, 20), AppointmentStatus.NO_SHOW))
        # PIPs: all 8 set within the 10 weeks, on the Z route (a second version each: only the
        # newest counts).
        for intake_id in hoorn:
            for version, (pip_date, route) in enumerate(((None, None), (date(2025, 3, 1), "z")), start=1):
                session.add(
                    PipVersion(
                        intake_id=uuid.UUID(intake_id),
                        version=version,
                        fields={},
                        decided_route=route,
                        pip_date=pip_date,
                        indications=[{"route": "z"}, {"route": "b1"}] if version == 2 else [],
                        author_id=staff_id,
                    )
                )
        # Invitations: 5 first invitations, all answered.
        for n, intake_id in enumerate(hoorn[:5]):
            session.add(
                Invitation(
                    intake_id=uuid.UUID(intake_id),
                    step=InvitationStep.FIRST_INVITATION,
                    respond_by=date(2025, 1, 15),
                    responded_at=datetime(2025, 1, 10, tzinfo=UTC) if n < 5 else None,
                )
            )
        # Five Hoorn intakes were typed with a volunteer beside the person.
        session.execute(
            update(IntakeAnswer)
            .where(IntakeAnswer.intake_id.in_([uuid.UUID(i) for i in hoorn[:5]]))
            .values(source=AnswerSource.VOLUNTEER)
        )
    return {"hoorn": hoorn, "medemblik": medemblik, "enkhuizen": enkhuizen}


def parse_svg(svg: str) -> ET.Element:
    """The chart as XML: it must be well-formed (our own server's output, not untrusted data)."""
    return ET.fromstring(svg)  # noqa: S314


def rows(table: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in table}


def test_a_case_manager_sees_their_municipality_counted(client: TestClient, make_staff: Any, seeded: Any) -> None:
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    response = client.get("/api/figures", params=PERIOD, headers=staff.headers)
    assert response.status_code == 200, response.text
    figures = response.json()

    assert figures["scope"] == "Hoorn" and figures["municipality_codes"] == [HOORN]
    assert figures["intakes"] == 8 and figures["submitted"] == 7 and figures["estimated_starts"] == 0
    assert list(rows(figures["by_municipality"])) == [HOORN]
    languages = rows(figures["by_language"])
    assert list(languages) == ["ti", "ar", "fa"]
    assert languages["ti"]["counts"] == {"intakes": 5, "submitted": 5}
    assert languages["ar"]["counts"] == {"intakes": None, "submitted": None}  # 2 and 1: suppressed
    assert languages["fa"]["counts"] == {"intakes": None, "submitted": None}  # 1 and 1

    intake_deadline, pip_deadline = figures["deadlines"]
    assert intake_deadline["milestone"] == "intake"
    assert (intake_deadline["met"], intake_deadline["late"], intake_deadline["overdue"]) == (5, None, None)
    assert intake_deadline["pending"] == 0
    # 5 of 8 in time: the 3 others (fewer than 5) would be given away by the share.
    assert intake_deadline["share_met"] is None
    assert intake_deadline["median_days"] == 31.0  # 1 January to 1 February, and 1 April once
    assert (pip_deadline["met"], pip_deadline["overdue"], pip_deadline["share_met"]) == (8, 0, 100.0)
    assert pip_deadline["median_days"] == 59.0  # 1 January to 1 March

    decided = rows(figures["routes_decided"])
    assert decided["z"]["counts"]["count"] == 8 and decided["z"]["shares"]["share"] == 100.0
    assert decided["b1"]["counts"]["count"] == 0 and decided["undecided"]["counts"]["count"] == 0
    assert decided["z"]["shares"]["forecast"] == 15.2  # 16 of 105 a year in the region's forecast
    indicated = rows(figures["routes_indicated"])
    assert indicated["z"]["counts"]["count"] == 8 and indicated["b1"]["counts"]["count"] == 8

    intake_meetings = rows(figures["appointments"])["brede_intake"]
    assert intake_meetings["counts"]["attended"] == 6 and intake_meetings["counts"]["no_show"] == 5
    assert intake_meetings["shares"]["no_show"] == 45.5  # 5 of 11

    first = rows(figures["invitations"])["first_invitation"]
    assert first["counts"] == {"sent": 5, "responded": 5} and first["shares"]["responded"] == 100.0

    questions = rows(figures["questions"])
    assert questions["dutch_level"]["counts"]["reached"] == 8
    assert questions["dutch_level"]["counts"]["stopped_after"] is None  # 1 stopped: suppressed
    assert questions["full_name"]["counts"]["answered"] == 8 and questions["full_name"]["shares"]["answered"] == 100.0
    assert questions["email"]["counts"]["reached"] == 0

    # 5 of 8 typed with a volunteer: the share would give away the 3 others.
    assert figures["volunteer_assisted"] == 5 and figures["volunteer_assisted_share"] is None
    # Nobody rated the chat (tests/backend/test_satisfaction.py counts ratings): 0, no mean.
    satisfaction = figures["satisfaction"]
    assert satisfaction["total"]["ratings"] == 0 and satisfaction["total"]["mean"] is None
    assert [row["counts"]["count"] for row in satisfaction["distribution"]] == [0] * 10


def test_administrators_see_the_region_and_others_are_refused(client: TestClient, make_staff: Any, seeded: Any) -> None:
    administrator = make_staff(StaffRole.ADMINISTRATOR)
    region = client.get("/api/figures", params=PERIOD, headers=administrator.headers).json()
    assert region["municipality_codes"] is None and region["scope"] == nl("Westfriesland region")
    assert region["intakes"] == 15
    by_municipality = rows(region["by_municipality"])
    assert by_municipality[HOORN]["counts"]["intakes"] == 8
    assert by_municipality[ENKHUIZEN]["counts"]["intakes"] is None  # 2: suppressed
    # Secondary suppression: with Enkhuizen's 2 alone hidden, 15 - 8 - 5 would give it away, so
    # the smallest other count (Medemblik's 5) is hidden too.
    assert by_municipality[MEDEMBLIK]["counts"]["intakes"] is None
    assert by_municipality["0439"]["counts"]["intakes"] == 0  # Opmeer: none
    assert "unknown" in by_municipality and len(by_municipality) == 8
    one = client.get("/api/figures", params={**PERIOD, "municipality": MEDEMBLIK}, headers=administrator.headers)
    assert one.json()["intakes"] == 5 and one.json()["scope"] == "Medemblik"

    medemblik = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    assert (
        client.get("/api/figures", params={**PERIOD, "municipality": HOORN}, headers=medemblik.headers).status_code
        == 404
    )
    assert client.get("/api/figures", params=PERIOD, headers=medemblik.headers).json()["intakes"] == 5
    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    assert client.get("/api/figures", headers=volunteer.headers).status_code == 403
    assert client.get("/api/figures.csv", headers=volunteer.headers).status_code == 403
    assert client.get("/api/figures").status_code == 401


def test_the_csv_holds_the_same_numbers(client: TestClient, make_staff: Any, seeded: Any) -> None:
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    response = client.get("/api/figures.csv", params=PERIOD, headers=staff.headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == [nl("Table"), nl("Row"), nl("Measure"), nl("Value")]
    found = {(table, row, measure): value for table, row, measure, value in lines[1:]}
    assert found[(nl("Intakes per municipality"), "Hoorn", nl("Intakes"))] == "8"
    assert found[(nl("Intakes per language"), "Tigrinya", nl("Intakes"))] == "5"
    assert found[(nl("Intakes per language"), "Arabisch", nl("Intakes"))] == "<5"
    assert found[(nl("Totals"), "Hoorn", nl("Made with a volunteer"))] == "5"
    assert found[(nl("Totals"), "Hoorn", nl("Share made with a volunteer"))] == "–"  # not shown: 3 others
    assert found[(nl("Deadlines"), nl("PIP set within 10 weeks of the start"), nl("In time"))] == "8"
    assert found[(nl("Deadlines"), nl("PIP set within 10 weeks of the start"), nl("Share in time"))] == "100,0 %"
    # No names, no answers: only the labels of what was counted.
    assert "Test Persoon" not in response.content.decode("utf-8-sig")


def _session_cookie(user_name: str) -> str:
    from backend.db import session_scope
    from backend.security import new_token, token_hash

    token = new_token()
    with session_scope() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.username == user_name)).one()
        session.add(
            StaffSession(
                token_hash=token_hash(token), staff_user_id=user.id, expires_at=datetime.now(UTC) + timedelta(hours=1)
            )
        )
    return token


@pytest.fixture()
def page_client(client: TestClient) -> Iterator[TestClient]:
    """A browser of its own (its own cookies), on the same application."""
    with TestClient(client.app) as browser:
        yield browser


def test_the_page_draws_accessible_svg_charts(page_client: TestClient, make_staff: Any, seeded: Any) -> None:
    from backend.workspace.sessions import SESSION_COOKIE

    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    page_client.cookies.set(SESSION_COOKIE, _session_cookie(staff.username))
    response = page_client.get("/werkplek/cijfers", params=PERIOD)
    assert response.status_code == 200, response.text
    html = response.text
    assert "<script" not in html.split("</head>")[1]  # charts drawn on the server, no chart script
    assert 'href="/werkplek/cijfers.csv?first=2025-01-01&amp;last=2025-01-31"' in html
    svgs = [html[start : html.index("</svg>", start) + 6] for start in _find_all(html, "<svg ")]
    assert len(svgs) >= 5
    for svg in svgs:
        root = parse_svg(svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    municipality_chart = parse_svg(svgs[0])
    bars = [g.find(f"{SVG}title").text for g in municipality_chart.iter(f"{SVG}g")]  # type: ignore[union-attr]
    assert bars == ["Hoorn: 8"]
    language_chart = parse_svg(svgs[1])
    bars = [g.find(f"{SVG}title").text for g in language_chart.iter(f"{SVG}g")]  # type: ignore[union-attr]
    assert bars == ["Tigrinya: 5", "Arabisch: <5", "Perzisch: <5"]
    assert "Test Persoon" not in html

    csv_response = page_client.get("/werkplek/cijfers.csv", params=PERIOD)
    assert csv_response.status_code == 200 and "Hoorn" in csv_response.content.decode("utf-8-sig")

    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    page_client.cookies.set(SESSION_COOKIE, _session_cookie(volunteer.username))
    assert page_client.get("/werkplek/cijfers", follow_redirects=False).status_code == 403


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def test_svg_labels_are_escaped() -> None:
    from backend.figures.svg import Bar, bar_chart

    svg = bar_chart("t", "A <b> & 'c'", "desc", [Bar("<script>x</script>", 3, "3"), Bar("hidden", None, "<5")])
    root = parse_svg(svg)
    assert root.find(f"{SVG}title").text == "A <b> & 'c'"  # type: ignore[union-attr]
    assert "<script>" not in svg
    rects = list(root.iter(f"{SVG}rect"))
    assert len(rects) == 1  # the suppressed bar is drawn without a bar
