"""The person's 1-10 rating after sending (backend/satisfaction.py, backend/api/chat_rating.py):
stored once per intake, only after sending, refused in the person's language, read by the
municipality's case managers in the intake (audited), and counted in the figures without comments."""

from __future__ import annotations

import csv
import io
import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from backend.models import AuditEvent, Intake, SatisfactionRating, StaffRole
from backend.nlg.texts import RESPONSES, UI_TEXTS
from locales import translate
from tests.backend.test_access import HOORN, MEDEMBLIK
from tests.backend.test_figures import _session_cookie, nl, page_client, parse_svg  # noqa: F401 (fixture)
from tests.backend.test_limits import limits, own_client  # noqa: F401 (fixtures)
from tests.backend.test_privacy import chat_person, shared_tracker  # noqa: F401 (fixture)

ENKHUIZEN = "0388"
# Intakes of this test begin in March 2024: outside every other test's period.
PERIOD = {"first": "2024-03-01", "last": "2024-03-31"}
SVG = "{http://www.w3.org/2000/svg}"


def post_intake(
    client: TestClient, headers: dict[str, str], language: str, municipality: str, complete: bool = True
) -> tuple[str, str]:
    conversation = secrets.token_urlsafe(32)
    body = {
        "conversation_id": conversation,
        "language": language,
        "answers": [
            {"question_id": "municipality", "value": municipality},
            {"question_id": "full_name", "value": "Test Persoon", "original_text": "Test Persoon"},
        ],
        "complete": complete,
    }
    response = client.post("/api/internal/intakes", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return conversation, str(response.json()["intake_id"])


def rating_url(conversation: str) -> str:
    return f"/api/chat/conversations/{conversation}/rating"


def stored(intake_id: str) -> SatisfactionRating | None:
    from backend.db import session_scope

    with session_scope() as session:
        rating = session.scalar(select(SatisfactionRating).where(SatisfactionRating.intake_id == uuid.UUID(intake_id)))
        if rating is not None:
            session.expunge(rating)
        return rating


def test_the_rating_is_stored_after_sending_and_a_second_one_replaces_it(
    client: TestClient, internal_headers: dict[str, str]
) -> None:
    conversation, intake_id = post_intake(client, internal_headers, "ti", HOORN)
    assert client.get(rating_url(conversation)).json() == {"can_rate": True, "score": None, "rated_at": None}

    comment = "ጽቡቕ\x00 ኣገልግሎት"  # a NUL from a broken keyboard is cleaned, the words stay
    response = client.put(rating_url(conversation), json={"score": 8, "comment": comment})
    assert response.status_code == 200, response.text
    assert response.json()["score"] == 8
    rating = stored(intake_id)
    assert rating is not None
    assert (rating.score, rating.comment, rating.language) == (8, "ጽቡቕ ኣገልግሎት", "ti")

    # Rating again (the person changed their mind) replaces the rating: one per intake.
    again = client.put(rating_url(conversation), json={"score": 6, "comment": "  "})
    assert again.status_code == 200
    rating = stored(intake_id)
    assert rating is not None and (rating.score, rating.comment) == (6, None)
    state = client.get(rating_url(conversation)).json()
    assert state["can_rate"] and state["score"] == 6 and "comment" not in state
    from backend.db import session_scope

    with session_scope() as session:
        count = len(
            list(
                session.scalars(
                    select(SatisfactionRating.id).where(SatisfactionRating.intake_id == uuid.UUID(intake_id))
                )
            )
        )
    assert count == 1


def test_no_rating_before_sending_409_in_the_persons_language(
    client: TestClient, internal_headers: dict[str, str]
) -> None:
    conversation, intake_id = post_intake(client, internal_headers, "ar", HOORN, complete=False)
    assert client.get(rating_url(conversation)).json()["can_rate"] is False
    refused = client.put(rating_url(conversation), json={"score": 9})
    assert refused.status_code == 409
    assert refused.json()["detail"] == translate("ar", UI_TEXTS["rating_not_sent"]) != UI_TEXTS["rating_not_sent"]
    assert stored(intake_id) is None
    # Nobody's conversation: not found, nothing said about intakes.
    unknown = secrets.token_urlsafe(32)
    assert client.put(rating_url(unknown), json={"score": 9}).status_code == 404
    assert client.get(rating_url(unknown)).status_code == 404


def test_a_bad_score_is_refused_with_a_translated_message(client: TestClient, internal_headers: dict[str, str]) -> None:
    conversation, intake_id = post_intake(client, internal_headers, "so", HOORN)
    for score in (0, 11, -3):
        refused = client.put(rating_url(conversation), json={"score": score})
        assert refused.status_code == 422
        assert refused.json()["detail"] == translate("so", UI_TEXTS["rating_choose"]) != UI_TEXTS["rating_choose"]
    assert client.put(rating_url(conversation), json={"score": "many"}).status_code == 422
    assert client.put(rating_url(conversation), json={}).status_code == 422
    assert stored(intake_id) is None


def test_a_bsn_in_the_comment_is_refused_and_not_stored(client: TestClient, internal_headers: dict[str, str]) -> None:
    conversation, intake_id = post_intake(client, internal_headers, "fa_AF", HOORN)
    refused = client.put(rating_url(conversation), json={"score": 9, "comment": "my BSN is 111 222 333"})
    assert refused.status_code == 422
    message = RESPONSES["utter_invalid_bsn"].text
    assert refused.json()["detail"] == translate("fa_AF", message) != message
    assert stored(intake_id) is None
    # A phone number is no BSN.
    assert client.put(rating_url(conversation), json={"score": 9, "comment": "bel 06-12345678"}).status_code == 200


def test_rating_is_rate_limited_like_the_chat(
    limits: Callable[..., None],  # noqa: F811
    own_client: TestClient,  # noqa: F811
    internal_headers: dict[str, str],
) -> None:
    limits(message_rate_per_conversation="2/minute")
    conversation, _intake_id = post_intake(own_client, internal_headers, "tr", HOORN)
    assert [own_client.put(rating_url(conversation), json={"score": 7}).status_code for _ in range(2)] == [200, 200]
    refused = own_client.put(rating_url(conversation), json={"score": 7})
    assert refused.status_code == 429
    assert refused.json()["detail"] == translate("tr", UI_TEXTS["too_many"])


def test_the_case_manager_of_the_municipality_reads_the_comment_in_the_intake_audited(
    client: TestClient,
    page_client: TestClient,  # noqa: F811
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    from backend.db import session_scope
    from backend.workspace.sessions import SESSION_COOKIE

    conversation, intake_id = post_intake(client, internal_headers, "ti", HOORN)
    assert client.put(rating_url(conversation), json={"score": 9, "comment": "ብጣዕሚ ጽቡቕ"}).status_code == 200
    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    detail = client.get(f"/api/intakes/{intake_id}", headers=hoorn.headers)
    assert detail.status_code == 200
    assert detail.json()["rating"]["score"] == 9 and detail.json()["rating"]["comment"] == "ብጣዕሚ ጽቡቕ"
    page_client.cookies.set(SESSION_COOKIE, _session_cookie(hoorn.username))
    page = page_client.get(f"/werkplek/intakes/{intake_id}")
    assert page.status_code == 200
    assert 'id="intake-rating"' in page.text and 'lang="ti" dir="auto">ብጣዕሚ ጽቡቕ</q>' in page.text
    elsewhere = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    assert client.get(f"/api/intakes/{intake_id}", headers=elsewhere.headers).status_code == 404
    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    assert client.get(f"/api/intakes/{intake_id}", headers=volunteer.headers).status_code == 403
    with session_scope() as session:
        actions = list(
            session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == intake_id).order_by(AuditEvent.id))
        )
    # The API and the page read it; the other municipality's case manager was refused.
    assert actions == ["read_intake", "read_intake", "read_intake_refused"]


def test_figures_count_ratings_mean_and_share_of_7_or_more_with_small_numbers_suppressed(
    client: TestClient,
    page_client: TestClient,  # noqa: F811
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    from backend.db import session_scope
    from backend.workspace.sessions import SESSION_COOKIE

    # Hoorn: 7 ratings (mean 7.0, 4 of 7 at least 7: the 3 others would be given away, no share);
    # Medemblik: 5 ratings, all at least 7 (100 %); Enkhuizen: 2 ratings (suppressed).
    rated = {HOORN: [9, 8, 10, 7, 5, 6, 4], MEDEMBLIK: [7, 8, 9, 10, 7], ENKHUIZEN: [3, 4]}
    intakes: list[str] = []
    for municipality, scores in rated.items():
        for score in scores:
            conversation, intake_id = post_intake(client, internal_headers, "ti", municipality)
            response = client.put(rating_url(conversation), json={"score": score, "comment": "persoonlijk commentaar"})
            assert response.status_code == 200
            intakes.append(intake_id)
    # A sent intake without a rating is not counted as one.
    intakes.append(post_intake(client, internal_headers, "ti", HOORN)[1])
    with session_scope() as session:
        session.execute(
            update(Intake)
            .where(Intake.id.in_([uuid.UUID(i) for i in intakes]))
            .values(created_at=datetime(2024, 3, 5, 10, tzinfo=UTC))
        )

    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    mine = client.get("/api/figures", params=PERIOD, headers=hoorn.headers).json()["satisfaction"]
    assert mine["goal"] == 7
    assert mine["total"]["ratings"] == 7 and mine["total"]["mean"] == 7.0
    assert mine["total"]["share_at_goal"] is None  # 4 of 7: the 3 below 7 would be given away
    distribution = {row["key"]: row["counts"]["count"] for row in mine["distribution"]}
    assert list(distribution) == [str(n) for n in range(1, 11)]
    assert distribution["1"] == 0 and distribution["9"] is None  # 1 rating of 9: suppressed

    administrator = make_staff(StaffRole.ADMINISTRATOR)
    region = client.get("/api/figures", params=PERIOD, headers=administrator.headers).json()["satisfaction"]
    assert region["total"]["ratings"] == 14
    assert region["total"]["mean"] == round(sum(sum(s) for s in rated.values()) / 14, 1) == 6.9
    assert region["total"]["share_at_goal"] == round(100 * 9 / 14, 1) == 64.3  # 9 of 14 at least 7
    per = {row["key"]: row for row in region["by_municipality"]}
    assert (per[HOORN]["ratings"], per[HOORN]["mean"]) == (7, 7.0)
    assert per[ENKHUIZEN] == {
        "key": ENKHUIZEN,
        "label": "Enkhuizen",
        "ratings": None,
        "mean": None,
        "share_at_goal": None,
    }
    # Enkhuizen's 2 alone hidden would be given away by 14 - 7 - 5: the smallest other count
    # (Medemblik's 5) is hidden too, with its mean and share.
    assert (per[MEDEMBLIK]["ratings"], per[MEDEMBLIK]["mean"], per[MEDEMBLIK]["share_at_goal"]) == (None, None, None)
    assert per["0439"]["ratings"] == 0 and per["0439"]["mean"] is None  # Opmeer: none
    one = client.get("/api/figures", params={**PERIOD, "municipality": MEDEMBLIK}, headers=administrator.headers)
    medemblik = one.json()["satisfaction"]["total"]
    assert (medemblik["ratings"], medemblik["mean"], medemblik["share_at_goal"]) == (5, 8.2, 100.0)

    # The comments are personal data: in no figure, not in the CSV, not on the page.
    csv_response = client.get("/api/figures.csv", params=PERIOD, headers=administrator.headers)
    assert csv_response.status_code == 200
    text = csv_response.content.decode("utf-8-sig")
    assert "persoonlijk commentaar" not in text
    lines = list(csv.reader(io.StringIO(text)))
    table = nl("Satisfaction with the chat (1-10)")
    assert [table, nl("Westfriesland region"), nl("Mean rating"), "6,9"] in lines
    assert [table, "Hoorn", nl("Ratings"), "7"] in lines and [table, "Enkhuizen", nl("Ratings"), "<5"] in lines
    assert [nl("Ratings per score"), "10", nl("Ratings"), "<5"] in lines

    page_client.cookies.set(SESSION_COOKIE, _session_cookie(administrator.username))
    page = page_client.get("/werkplek/cijfers", params=PERIOD)
    assert page.status_code == 200, page.text
    assert "persoonlijk commentaar" not in page.text
    start = page.text.index(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img"', page.text.index("chart-satisfaction") - 300
    )
    chart = parse_svg(page.text[start : page.text.index("</svg>", start) + 6])
    assert chart.get("aria-labelledby") == "chart-satisfaction-title chart-satisfaction-desc"
    bars = [g.find(f"{SVG}title").text for g in chart.iter(f"{SVG}g")]  # type: ignore[union-attr]
    # 1-10: none of 1 and 2; 3, 5, 6 once, 4, 8, 9 and 10 twice, 7 three times: all <5.
    assert bars == ["1: 0", "2: 0", "3: <5", "4: <5", "5: <5", "6: <5", "7: <5", "8: <5", "9: <5", "10: <5"]
    assert 'id="figures-satisfaction-mean"' in page.text


def test_the_person_sees_their_rating_in_the_subject_access_overview_and_erasure_deletes_it(
    client: TestClient,
    internal_headers: dict[str, str],
    make_staff: Any,
    shared_tracker: Any,  # noqa: F811 (Rasa's tracker store, which the overview reads too)
) -> None:
    person = chat_person(client, internal_headers, "ti", [{"question_id": "municipality", "value": HOORN}])
    comment = f"ጽቡቕ {secrets.token_hex(4)}"
    assert client.put(rating_url(person.token), json={"score": 4, "comment": comment}).status_code == 200
    admin = make_staff(StaffRole.ADMINISTRATOR)
    response = client.get(f"/api/admin/intakes/{person.intake_id}/subject-access", headers=admin.headers)
    assert response.status_code == 200, response.text
    for overview in response.json()["overviews"]:
        question = translate(overview["language"], UI_TEXTS["rating_question"])
        part = next(p for p in overview["parts"] if p["title"] == question)
        assert [(e["value"], e["details"]) for e in part["entries"]] == [("4 / 10", [comment])]

    assert client.delete(f"/api/admin/intakes/{person.intake_id}", headers=admin.headers).status_code == 200
    assert stored(str(person.intake_id)) is None
