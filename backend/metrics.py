"""Prometheus metrics at `/metrics`, in the text exposition format (version 0.0.4).

`prometheus_client` is not among the installed packages, so the few counters and histograms
are kept here by hand (per process, like prometheus_client without multiprocess mode). Labels
are route templates, methods and status classes only: never a path (a path can hold a
conversation's secret id) and nothing a person typed.

Who may read it: the internal token (`Authorization: Bearer $INTAKE_INTERNAL_API_TOKEN`, what
Prometheus sends as its bearer token) from anywhere, or anyone on this machine's loopback address
whose request did not come through a proxy (no X-Forwarded-For / Forwarded header). Everyone
else gets 403.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from sqlalchemy import func, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.api.rasa_gate import RasaGate
from backend.config import get_settings
from backend.db import session_scope
from backend.errors import NotPermitted
from backend.models import AnswerTranslation, Reminder, ReminderStatus, TranslationStatus, utcnow
from backend.security import same_secret

CHAT_TURN_ROUTE = ("POST", "/api/chat/conversations/{conversation_id}/messages")
NLG_ROUTE = ("POST", "/nlg")
# Seconds; a chat turn may wait up to 40 s for Rasa (rasa_timeout_seconds).
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 40.0)
LOOPBACK = {"127.0.0.1", "::1"}


def _labels(names: Sequence[str], values: Sequence[str], extra: str = "") -> str:
    pairs = [f'{name}="{_escape(value)}"' for name, value in zip(names, values, strict=True)]
    if extra:
        pairs.append(extra)
    return "{" + ",".join(pairs) + "}" if pairs else ""


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


class Counter:
    def __init__(self, name: str, help_text: str, labels: Sequence[str] = ()) -> None:
        self.name, self.help, self.label_names = name, help_text, tuple(labels)
        self._values: dict[tuple[str, ...], float] = {}
        self._lock = threading.Lock()

    def inc(self, *labels: str, amount: float = 1.0) -> None:
        with self._lock:
            self._values[labels] = self._values.get(labels, 0.0) + amount

    def value(self, *labels: str) -> float:
        return self._values.get(labels, 0.0)

    def exposition(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} counter"
        with self._lock:
            for labels, value in sorted(self._values.items()):
                yield f"{self.name}{_labels(self.label_names, labels)} {_number(value)}"


class Histogram:
    def __init__(self, name: str, help_text: str, labels: Sequence[str] = ()) -> None:
        self.name, self.help, self.label_names = name, help_text, tuple(labels)
        # per label values: [count in each bucket (not cumulative)..., +Inf], sum
        self._values: dict[tuple[str, ...], tuple[list[int], float]] = {}
        self._lock = threading.Lock()

    def observe(self, seconds: float, *labels: str) -> None:
        with self._lock:
            counts, total = self._values.get(labels, ([0] * (len(BUCKETS) + 1), 0.0))
            index = next((i for i, bound in enumerate(BUCKETS) if seconds <= bound), len(BUCKETS))
            counts[index] += 1
            self._values[labels] = (counts, total + seconds)

    def count(self, *labels: str) -> int:
        with self._lock:
            return sum(self._values.get(labels, ([], 0.0))[0])

    def exposition(self) -> Iterable[str]:
        yield f"# HELP {self.name} {self.help}"
        yield f"# TYPE {self.name} histogram"
        with self._lock:
            for labels, (counts, total) in sorted(self._values.items()):
                cumulative = 0
                for bound, count in zip((*map(_number, BUCKETS), "+Inf"), counts, strict=True):
                    cumulative += count
                    le = f'le="{bound}"'
                    yield f"{self.name}_bucket{_labels(self.label_names, labels, le)} {cumulative}"
                yield f"{self.name}_sum{_labels(self.label_names, labels)} {total!r}"
                yield f"{self.name}_count{_labels(self.label_names, labels)} {cumulative}"


HTTP_RESPONSES = Counter(
    "intake_http_responses_total",
    "HTTP responses by method, route template and status class (2xx, 3xx, 4xx, 5xx).",
    ("method", "route", "status"),
)
CHAT_TURN_SECONDS = Histogram(
    "intake_chat_turn_seconds",
    "Time to answer a message from the phone (POST .../messages), Rasa included, by status class.",
    ("status",),
)
RASA_SECONDS = Histogram(
    "intake_rasa_call_seconds",
    "Time of one call to Rasa's REST channel (its NLG and action callbacks included), by outcome.",
    ("outcome",),
)
NLG_SECONDS = Histogram("intake_nlg_seconds", "Time to render the texts of one NLG request from Rasa.")
COLLECTED = (HTTP_RESPONSES, CHAT_TURN_SECONDS, RASA_SECONDS, NLG_SECONDS)


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
            HTTP_RESPONSES.inc(*route, status_class)
            if route == CHAT_TURN_ROUTE:
                CHAT_TURN_SECONDS.observe(seconds, status_class)
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
            RASA_SECONDS.observe(time.perf_counter() - started, outcome)


def queue_lengths() -> Iterable[str]:
    """Gauges read from the database at each scrape: a few indexed counts."""
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
    yield "# HELP intake_translations_waiting Free-text answers waiting for a Dutch translation, by queue."
    yield "# TYPE intake_translations_waiting gauge"
    for status in (TranslationStatus.WAITING, TranslationStatus.NEEDS_HUMAN):
        queue = "machine" if status == TranslationStatus.WAITING else "human"
        yield f'intake_translations_waiting{{queue="{queue}"}} {translations.get(status, 0)}'
    yield "# HELP intake_reminders_due Appointment reminders due and not yet taken by the worker."
    yield "# TYPE intake_reminders_due gauge"
    yield f"intake_reminders_due {due or 0}"
    yield "# HELP intake_reminders Appointment reminders held in the database, by status (sent ones until retention)."
    yield "# TYPE intake_reminders gauge"
    for reminder_status in ReminderStatus:
        yield f'intake_reminders{{status="{reminder_status.value}"}} {reminders.get(reminder_status, 0)}'


def may_read_metrics(request: Request) -> bool:
    authorization = request.headers.get("authorization", "")
    token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
    if same_secret(token, get_settings().internal_api_token):
        return True
    proxied = "x-forwarded-for" in request.headers or "forwarded" in request.headers
    return request.client is not None and request.client.host in LOOPBACK and not proxied


router = APIRouter(tags=["metrics"])


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> PlainTextResponse:
    if not may_read_metrics(request):
        raise NotPermitted()
    lines = [line for metric in COLLECTED for line in metric.exposition()]
    lines.extend(queue_lengths())
    return PlainTextResponse("\n".join(lines) + "\n", media_type="text/plain; version=0.0.4; charset=utf-8")
