"""Prometheus metrics at `/metrics` (prometheus_client, its own registry, per process).

Labels are route templates, methods and status classes only: never a path (a path can hold a
conversation's secret id) and nothing a person typed. Queue lengths are read from the database
at each scrape (a collector), so they are right whichever process answered.

Who may read it: the internal token (`Authorization: Bearer $INTAKE_INTERNAL_API_TOKEN`, what
Prometheus sends as its bearer token) from anywhere, or anyone on this machine's loopback address
whose request did not come through a proxy (no X-Forwarded-For / Forwarded header). Everyone
else gets 403.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.api.rasa_gate import RasaGate
from backend.config import get_settings
from backend.db import session_scope
from backend.deps import INTERNAL_TOKEN_REFUSED
from backend.errors import NotPermitted
from backend.models import AnswerTranslation, Reminder, ReminderStatus, TranslationStatus, utcnow
from backend.policy import not_staff
from backend.security import same_secret

CHAT_TURN_ROUTE = ("POST", "/api/chat/conversations/{conversation_id}/messages")
NLG_ROUTE = ("POST", "/nlg")
# Seconds; a chat turn may wait up to 40 s for Rasa (rasa_timeout_seconds).
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 40.0)
LOOPBACK = {"127.0.0.1", "::1"}
REGISTRY = CollectorRegistry()


HTTP_RESPONSES = Counter(
    "intake_http_responses",
    "HTTP responses by method, route template and status class (2xx, 3xx, 4xx, 5xx).",
    ("method", "route", "status"),
    registry=REGISTRY,
)
CHAT_TURN_SECONDS = Histogram(
    "intake_chat_turn_seconds",
    "Time to answer a message from the phone (POST .../messages), Rasa included, by status class.",
    ("status",),
    buckets=BUCKETS,
    registry=REGISTRY,
)
RASA_SECONDS = Histogram(
    "intake_rasa_call_seconds",
    "Time of one call to Rasa's REST channel (its NLG and action callbacks included), by outcome.",
    ("outcome",),
    buckets=BUCKETS,
    registry=REGISTRY,
)
NLG_SECONDS = Histogram(
    "intake_nlg_seconds", "Time to render the texts of one NLG request from Rasa.", buckets=BUCKETS, registry=REGISTRY
)
REGISTRY.register(INTERNAL_TOKEN_REFUSED)


def route_template(scope: Scope, root_path: str = "") -> str:
    """The matched route's template ("/api/intakes/{intake_id}"), a mount's path ("/static": a
    mount adds its path to the scope's root path), or "(no route)"."""
    path = getattr(scope.get("route"), "path", None)
    if path:
        return str(path)
    mounted = str(scope.get("root_path", ""))
    return mounted[len(root_path) :] if len(mounted) > len(root_path) else "(no route)"


class HttpMetrics:
    """Counts every response by route template and status class, and times chat turns and NLG."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        root_path = str(scope.get("root_path", ""))
        status = 500  # when the app raises before answering

        async def watching_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        finally:
            seconds = time.perf_counter() - started
            route = (scope["method"], route_template(scope, root_path))
            status_class = f"{status // 100}xx"
            HTTP_RESPONSES.labels(*route, status_class).inc()
            if route == CHAT_TURN_ROUTE:
                CHAT_TURN_SECONDS.labels(status_class).observe(seconds)
            elif route == NLG_ROUTE:
                NLG_SECONDS.observe(seconds)


class TimedRasaGate(RasaGate):
    """The chat's way to Rasa, with each call to Rasa timed (the wait for a place in line is not)."""

    async def ask(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        started = time.perf_counter()
        outcome = "error"
        try:
            replies = await super().ask(*args, **kwargs)
            outcome = "ok"
            return replies
        finally:
            RASA_SECONDS.labels(outcome).observe(time.perf_counter() - started)


class QueueLengths(Collector):
    """Gauges read from the database at each scrape: a few indexed counts."""

    def collect(self) -> Iterable[Metric]:
        with session_scope() as session:
            translations = dict(
                session.execute(select(AnswerTranslation.status, func.count()).group_by(AnswerTranslation.status))
                .tuples()
                .all()
            )
            reminders = dict(
                session.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).tuples().all()
            )
            due = session.scalar(
                select(func.count()).where(Reminder.status == ReminderStatus.PENDING, Reminder.due_at <= utcnow())
            )
        waiting = GaugeMetricFamily(
            "intake_translations_waiting",
            "Free-text answers waiting for a Dutch translation, by queue.",
            labels=["queue"],
        )
        waiting.add_metric(["machine"], translations.get(TranslationStatus.WAITING, 0))
        waiting.add_metric(["human"], translations.get(TranslationStatus.NEEDS_HUMAN, 0))
        yield waiting
        yield GaugeMetricFamily(
            "intake_reminders_due", "Appointment reminders due and not yet taken by the worker.", value=due or 0
        )
        held = GaugeMetricFamily(
            "intake_reminders",
            "Appointment reminders held in the database, by status (sent ones until retention).",
            labels=["status"],
        )
        for reminder_status in ReminderStatus:
            held.add_metric([reminder_status.value], reminders.get(reminder_status, 0))
        yield held


REGISTRY.register(QueueLengths())


def may_read_metrics(request: Request) -> bool:
    authorization = request.headers.get("authorization", "")
    token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
    if same_secret(token, get_settings().internal_api_token):
        return True
    proxied = "x-forwarded-for" in request.headers or "forwarded" in request.headers
    return request.client is not None and request.client.host in LOOPBACK and not proxied


router = APIRouter(tags=["metrics"], dependencies=[not_staff("counts only; the internal token or loopback")])


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    if not may_read_metrics(request):
        raise NotPermitted()
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
