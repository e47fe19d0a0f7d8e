"""Two guards at the edge of the app, as plain ASGI middleware (they see every request first).

- `BodySizeLimit`: a request body is never read past its limit. A declared Content-Length above
  it is refused before one byte is read; a body without one (chunked) is counted while it streams
  and refused as soon as it passes the limit. 413, in Dutch like every error not meant for the chat.
- `ServerErrors`: an unexpected exception becomes a 500, logged as its type, the route and where it
  happened, never with its message, the request body or locals: a database error's message holds
  the values it failed to store (names, answers). Starlette's own handler would log all of it.
- `RequestId`: every request gets an id (the proxy's X-Request-ID when it is a plain token, else
  a new one), returned as X-Request-ID and written in every log line made while it is handled
  (`RequestIdFilter`, `LOG_FORMAT`), so that a log line can be tied to a request without any
  personal data in it. (structlog is not installed: the standard library's logging does this.)
- `CachedStatic`: static files are cached for a while and then revalidated by their ETag.
"""

from __future__ import annotations

import logging
import re
import traceback
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.errors import PayloadTooLarge, error_response

log = logging.getLogger(__name__)


class _BodyTooLarge(Exception):
    """Raised into the app from `receive` when the body passes the limit."""


class BodySizeLimit:
    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for  # path -> the largest body in bytes (read per request: tests lower it)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await error_response(PayloadTooLarge())(scope, receive, send)
            return

        received = 0
        too_large = False
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise _BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if too_large:
                return  # whatever the app answers to the broken-off body, the 413 below replaces it
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _BodyTooLarge:
            pass
        except Exception:
            if not too_large:
                raise
        if too_large and not response_started:
            await error_response(PayloadTooLarge())(scope, receive, send)


class ServerErrors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def watching_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        except Exception as exc:  # the last line of defence: answered, and logged without data
            log.error("%s in %s %s\n%s", type(exc).__name__, scope["method"], _route(scope), _where(exc))
            if not response_started:
                # No message: the page shows its own, in its own language (here the person's
                # language is not known), and what went wrong is not for the caller to read.
                await JSONResponse({"type": "ServerError"}, status_code=500)(scope, receive, send)


def _route(scope: Scope) -> str:
    """The route's template ("/api/chat/conversations/{conversation_id}/messages"), not the path:
    a path can hold a conversation's secret id."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "(no route)"


def _where(exc: BaseException) -> str:
    """File, line, function and source line of each frame: no message, no values."""
    return "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__))).rstrip()


# -- A request id in every log line ------------------------------------------------------------

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
request_id: ContextVar[str] = ContextVar("request_id", default="-")
_GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")  # a proxy's id; anything else is not echoed


class RequestIdFilter(logging.Filter):
    """Gives each record the id of the request being handled ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def install_log_format() -> None:
    """When nothing configured logging (uvicorn configures only its own loggers), log to stderr
    with the request id; the level stays as it was (warnings and errors)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)


class RequestId:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        current = given if _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(current)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Request-ID"] = current
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)


class CachedStatic:
    """Around the (gzipped) static files: browsers keep a file `max_age` seconds, then ask again
    with its ETag and get a 304 when it did not change. The file names carry no version, so a
    short max-age, not `immutable`: a new chat.js reaches phones within minutes of a deploy."""

    def __init__(self, app: ASGIApp, max_age: int) -> None:
        self.app = app
        self.cache_control = f"public, max-age={max_age}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_cache(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 206, 304):
                headers = MutableHeaders(scope=message)
                headers["Cache-Control"] = self.cache_control
                headers["X-Content-Type-Options"] = "nosniff"
                etag = headers.get("etag")
                if etag and "content-encoding" in headers and not etag.startswith("W/"):
                    # The gzipped bytes are not the file's bytes: the same ETag, but weak.
                    headers["ETag"] = "W/" + etag
            await send(message)

        await self.app(scope, receive, send_with_cache)
