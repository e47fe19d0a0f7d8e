"""Two guards at the edge of the app, as plain ASGI middleware (they see every request first).

- `BodySizeLimit`: a request body is never read past its limit. A declared Content-Length above
  it is refused before one byte is read; a body without one (chunked) is counted while it streams
  and refused as soon as it passes the limit. 413, in Dutch like every error not meant for the chat.
- `ServerErrors`: an unexpected exception becomes a 500, logged as its type, the route and where it
  happened, never with its message, the request body or locals: a database error's message holds
  the values it failed to store (names, answers). Starlette's own handler would log all of it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

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
