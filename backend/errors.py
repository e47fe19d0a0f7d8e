"""Errors the API returns, each with a status code, and one handler for all of them.

Staff-facing messages are Dutch (rendered from the `nl` catalog); chat-facing messages are
rendered in the conversation's language by the chat router itself.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from backend.text_input import UNSTORABLE_ERROR
from locales import translate

STAFF_LANGUAGE = "nl"


def _(message: str) -> str:
    """Mark a message for extraction; it is translated when the error is built."""
    return message


class ApiError(Exception):
    status_code = 400
    default_message = _("The request could not be handled.")

    def __init__(self, message: str | None = None, language: str = STAFF_LANGUAGE, **params: object) -> None:
        self.message = translate(language, message or self.default_message).format(**params)
        super().__init__(self.message)


class BadRequest(ApiError):
    status_code = 400


class NotAuthenticated(ApiError):
    status_code = 401
    default_message = _("Log in first.")


class NotPermitted(ApiError):
    status_code = 403
    default_message = _("You are not allowed to do this.")


class NotFound(ApiError):
    status_code = 404
    default_message = _("Not found.")


class Gone(ApiError):
    """The conversation was deleted (erasure, retention, starting over): a late save must not
    make it anew. The action server drops such a save from its outbox."""

    status_code = 410
    default_message = NotFound.default_message


class Conflict(ApiError):
    status_code = 409
    default_message = _("This conflicts with a change made just before. Try again.")


class ServiceUnavailable(ApiError):
    status_code = 503
    default_message = _("A part of the system is not available. Try again in a moment.")


class Busy(ServiceUnavailable):
    """Too many chat turns at once. The phone shows the message, keeps what was typed, and the
    person sends it again; `Retry-After` says when that is worth it."""

    retry_after_seconds = 60


class TooManyRequests(ApiError):
    """Over a limit (backend/throttle.py); `Retry-After` says in how many seconds it is worth trying again."""

    status_code = 429
    default_message = _("Too many requests. Try again in a moment.")

    def __init__(
        self, message: str | None = None, language: str = STAFF_LANGUAGE, *, retry_after_seconds: int, **params: object
    ) -> None:
        super().__init__(message, language, **params)
        self.retry_after_seconds = retry_after_seconds


class PayloadTooLarge(ApiError):
    status_code = 413
    default_message = _("The request is too large.")


def error_response(exc: ApiError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, NotAuthenticated) else None
    retry_after = getattr(exc, "retry_after_seconds", None)  # Busy, TooManyRequests
    if retry_after is not None:
        headers = {"Retry-After": str(retry_after)}
    body = {"type": type(exc).__name__, "detail": exc.message}
    return JSONResponse(body, status_code=exc.status_code, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(p) for p in err["loc"][1:]) or "body" for err in exc.errors()})
        if any(err["type"] == UNSTORABLE_ERROR for err in exc.errors()):
            # NUL, a control character or a broken character pasted in: it can be taken out.
            text = _(
                "{fields}: holds a character that cannot be stored (an invisible control character, for example)."
                " Remove it and try again."
            )
        else:
            text = _("Some fields are missing or not valid: {fields}.")
        message = translate(STAFF_LANGUAGE, text).format(fields=", ".join(fields))
        return JSONResponse({"type": "BadRequest", "detail": message, "fields": fields}, status_code=422)
