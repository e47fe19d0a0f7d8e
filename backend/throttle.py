"""Limits on what one person, address or account may ask of the system (issue #11).

- Staff logins: attempts per account and per network address; after a few consecutive failures
  of an account or from an address the next try waits 1, 2, 4 ... s (answered 429 at once, the
  password not looked at); after more failures the account is locked for a while (the right
  password does not work until the lock ends or an administrator lifts it); a successful login
  starts the account's count again.
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

from backend.accounts import login_delay_message
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


def _seconds_left(key: str) -> int:
    """Seconds until a key of ours ends; 0 when it does not exist."""
    if _counts().get(key) <= 0:
        return 0
    return max(1, math.ceil(_counts().get_expiry(key) - time.time()))


def _failures_from(address: str) -> str:
    return _key("login-failures-address", address)


def login_delay_seconds(failures: int) -> int | None:
    """How long the next try waits after `failures` consecutive failed logins: nothing at first,
    then 1, 2, 4 ... s, at most INTAKE_LOGIN_DELAY_MAX_SECONDS."""
    settings = get_settings()
    over = failures - settings.login_delay_after_failures
    if over < 0:
        return None
    return int(min(settings.login_delay_max_seconds, 2 ** min(over, 30)))


def check_login(username: str, address: str) -> None:
    """Before the password is checked: refused while the account is locked, while the delay after
    the account's or the address's last failures runs, or over a login rate."""
    settings = get_settings()
    account = _account(username)
    try:
        locked_for = _seconds_left(f"{account}/locked")
        waits = [_seconds_left(f"{key}/wait") for key in (account, _failures_from(address))]
    except StorageError:
        log.warning("The limits storage did not answer; the lockout was not checked")
        locked_for, waits = 0, [0]
    if locked_for:
        raise TooManyRequests(LOCKED_MESSAGE, minutes=_minutes(locked_for), retry_after_seconds=locked_for)
    # Answered without looking at the password: guessing gets slower with every failure, and a
    # server that sleeps would hold a thread per try instead.
    if delay := max(waits):
        raise TooManyRequests(login_delay_message(delay), retry_after_seconds=delay)
    # The address first: every attempt from it counts, also one its account's limit refuses.
    for rate, key in (
        (settings.login_rate_per_address, _key("login-address", address)),
        (settings.login_rate_per_account, account),
    ):
        wait = _wait_seconds(rate, key)
        if wait is not None:
            raise TooManyRequests(LOGIN_RATE_MESSAGE, minutes=_minutes(wait), retry_after_seconds=wait)


def login_failed(username: str, address: str) -> bool:
    """Count a failed login of the account and from the address, and start the delay before the
    next try of each; True when it locked the account (the failures counted so far end)."""
    settings = get_settings()
    account = _account(username)
    from_address = _failures_from(address)
    lockout_seconds = settings.login_lockout_minutes * 60
    try:
        # The counts end by themselves one lockout period after the first failure. The address's
        # count is not reset by a successful login: one account of one's own must not wipe the
        # failures of guessing at others' (trying one password on many accounts).
        failures = _counts().incr(f"{account}/failures", lockout_seconds)
        address_failures = _counts().incr(f"{from_address}/failures", lockout_seconds)
        if failures >= settings.login_lockout_failures:
            _counts().incr(f"{account}/locked", lockout_seconds)
            _counts().clear(f"{account}/failures")
            _counts().clear(f"{account}/wait")
            return True
        for key, count in ((account, failures), (from_address, address_failures)):
            delay = login_delay_seconds(count)
            if delay is not None:
                _counts().clear(f"{key}/wait")  # a new key: its expiry is the new delay
                _counts().incr(f"{key}/wait", delay)
    except StorageError:
        log.warning("The limits storage did not answer; a failed login was not counted")
        return False
    return False


def lockout_message() -> TooManyRequests:
    """What the person is told at the failure that locked the account."""
    seconds = get_settings().login_lockout_minutes * 60
    return TooManyRequests(LOCKED_MESSAGE, minutes=_minutes(seconds), retry_after_seconds=seconds)


def login_succeeded(username: str) -> None:
    """The account's consecutive failures start again from zero (the address's do not)."""
    try:
        _counts().clear(f"{_account(username)}/failures")
        _counts().clear(f"{_account(username)}/wait")
    except StorageError:
        log.warning("The limits storage did not answer; the failed logins were not reset")


def unlock(username: str) -> None:
    """An administrator lifts the lockout of an account (and its count of failures)."""
    account = _account(username)
    _counts().clear(f"{account}/locked")
    _counts().clear(f"{account}/failures")
    _counts().clear(f"{account}/wait")
