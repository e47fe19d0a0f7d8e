"""Limits on what one person, address or account may ask of the system (issue #11).

- Staff logins: attempts per account and per network address; after consecutive failures the
  account is locked for a while (the right password does not work until the lock ends or an
  administrator lifts it); a successful login starts the count again.
- The chat: new conversations per network address, messages per conversation, tries of a
  volunteer's one-time code per conversation and per address.

Counted with the `limits` library (moving windows), in Redis when REDIS_URL is set, so that every
backend process counts together, otherwise in this process's memory. The limits themselves are
settings (backend/config.py). Over a limit: 429 with Retry-After and a message in the person's
language (the chat) or in Dutch (staff). Accounts, addresses and conversations are counted under
a hash, never by name. When Redis does not answer, the request is let through (and logged): a
limit protects the service, it must not become the reason it is down.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from functools import cache

# `limits` imports the Redis client only at the first limit check; two requests checking at once
# then find a half-imported module and fail ("minimum version of redis not found", a 500 right
# after every start under load). Imported here, once, before any request.
import redis  # noqa: F401
from limits import parse
from limits.errors import StorageError
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.requests import Request

from backend.config import get_settings
from backend.errors import TooManyRequests, _
from backend.nlg.texts import UI_TEXTS

log = logging.getLogger(__name__)

LOGIN_RATE_MESSAGE = _("Too many login attempts. Try again in {minutes} min.")
LOCKED_MESSAGE = _(
    "This account is locked after too many failed logins. Try again in {minutes} min., or ask an administrator."
)


@cache
def _storage(redis_url: str | None) -> MemoryStorage | RedisStorage:
    if redis_url:
        # Short timeouts: a limit check must never hold a request for long.
        return RedisStorage(redis_url, wrap_exceptions=True, socket_timeout=0.5, socket_connect_timeout=0.5)
    return MemoryStorage()


def _counts() -> MemoryStorage | RedisStorage:
    return _storage(get_settings().redis_url)


def _key(kind: str, identifier: str) -> str:
    digest = hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"intake/{kind}/{digest}"


def _wait_seconds(rate: str, key: str) -> int | None:
    """Count one request against `rate`: None while under it, else the seconds until one is allowed."""
    item = parse(rate)
    limiter = MovingWindowRateLimiter(_counts())
    try:
        if limiter.hit(item, key):
            return None
        reset_at = limiter.get_window_stats(item, key).reset_time
    except StorageError:
        log.warning("The limits storage did not answer; the request was let through")
        return None
    return max(1, math.ceil(reset_at - time.time()))


# -- The chat ---------------------------------------------------------------------------------


def address_of(request: Request) -> str:
    """The network address a request came from (behind a proxy: as the proxy reports it, when
    uvicorn runs with --proxy-headers)."""
    return request.client.host if request.client else "unknown"


def check_new_conversation(address: str, language: str) -> None:
    wait = _wait_seconds(get_settings().conversation_rate_per_address, _key("conversations", address))
    if wait is not None:
        raise TooManyRequests(UI_TEXTS["too_many"], language=language, retry_after_seconds=wait)


def check_chat_message(conversation_id: str, language: str) -> None:
    wait = _wait_seconds(get_settings().message_rate_per_conversation, _key("messages", conversation_id))
    if wait is not None:
        raise TooManyRequests(UI_TEXTS["too_many"], language=language, retry_after_seconds=wait)


def check_assistance_code(conversation_id: str, address: str, language: str) -> None:
    """Before a volunteer's one-time code is checked on the person's phone: tries per
    conversation and per network address (each wrong code counts; a right one is used up)."""
    settings = get_settings()
    for rate, key in (
        (settings.assistance_code_rate_per_address, _key("assistance-code-address", address)),
        (settings.assistance_code_rate_per_conversation, _key("assistance-code", conversation_id)),
    ):
        wait = _wait_seconds(rate, key)
        if wait is not None:
            raise TooManyRequests(
                UI_TEXTS["volunteer_too_many"], language=language, minutes=_minutes(wait), retry_after_seconds=wait
            )


def check_resume_code(address: str, language: str) -> None:
    """Before a resume code is checked (backend/resume.py): tries per network address, and over
    all addresses together, so that guessing from many addresses is slow too."""
    settings = get_settings()
    for rate, key in (
        (settings.resume_code_rate_per_address, _key("resume-code-address", address)),
        (settings.resume_code_rate_total, _key("resume-code", "all")),
    ):
        wait = _wait_seconds(rate, key)
        if wait is not None:
            raise TooManyRequests(
                UI_TEXTS["resume_too_many"], language=language, minutes=_minutes(wait), retry_after_seconds=wait
            )


# -- Staff logins -----------------------------------------------------------------------------


def _account(username: str) -> str:
    return _key("account", username.strip().casefold())


def _minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


def check_login(username: str, address: str) -> None:
    """Before the password is checked: refused while the account is locked or over a login rate."""
    settings = get_settings()
    account = _account(username)
    try:
        locked = _counts().get(f"{account}/locked") > 0
        locked_for = _counts().get_expiry(f"{account}/locked") - time.time() if locked else 0.0
    except StorageError:
        log.warning("The limits storage did not answer; the lockout was not checked")
        locked, locked_for = False, 0.0
    if locked:
        seconds = max(1, math.ceil(locked_for))
        raise TooManyRequests(LOCKED_MESSAGE, minutes=_minutes(seconds), retry_after_seconds=seconds)
    # The address first: every attempt from it counts, also one its account's limit refuses.
    for rate, key in (
        (settings.login_rate_per_address, _key("login-address", address)),
        (settings.login_rate_per_account, account),
    ):
        wait = _wait_seconds(rate, key)
        if wait is not None:
            raise TooManyRequests(LOGIN_RATE_MESSAGE, minutes=_minutes(wait), retry_after_seconds=wait)


def login_failed(username: str) -> bool:
    """Count a failed login; True when it locked the account (the failures counted so far end)."""
    settings = get_settings()
    account = _account(username)
    lockout_seconds = settings.login_lockout_minutes * 60
    try:
        # The count ends by itself one lockout period after the first failure.
        failures = _counts().incr(f"{account}/failures", lockout_seconds)
        if failures < settings.login_lockout_failures:
            return False
        _counts().incr(f"{account}/locked", lockout_seconds)
        _counts().clear(f"{account}/failures")
    except StorageError:
        log.warning("The limits storage did not answer; a failed login was not counted")
        return False
    return True


def lockout_message() -> TooManyRequests:
    """What the person is told at the failure that locked the account."""
    seconds = get_settings().login_lockout_minutes * 60
    return TooManyRequests(LOCKED_MESSAGE, minutes=_minutes(seconds), retry_after_seconds=seconds)


def login_succeeded(username: str) -> None:
    """The consecutive failures start again from zero."""
    try:
        _counts().clear(f"{_account(username)}/failures")
    except StorageError:
        log.warning("The limits storage did not answer; the failed logins were not reset")


def unlock(username: str) -> None:
    """An administrator lifts the lockout of an account (and its count of failures)."""
    account = _account(username)
    _counts().clear(f"{account}/locked")
    _counts().clear(f"{account}/failures")
