"""Passwords and tokens. Only hashes are stored (passwords: Argon2id); tokens are compared in
constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.argon2 import Argon2Hasher

# Argon2id with OWASP's recommended minimum (19 MiB of memory, 2 passes, 1 lane): about 0.1 s per
# login on one core. A stored hash made with other parameters is replaced at the next login.
_PASSWORDS = PasswordHash((Argon2Hasher(memory_cost=19 * 1024, time_cost=2, parallelism=1),))
# The scheme before Argon2id; still read, so that such a hash is upgraded at the next login.
_LEGACY_SCRYPT = "scrypt$"


@dataclass(frozen=True)
class PasswordCheck:
    valid: bool
    # When valid and the stored hash is of an older scheme or older parameters: its replacement.
    new_hash: str | None = None


def hash_password(password: str) -> str:
    return _PASSWORDS.hash(password)


def check_password(password: str, stored: str) -> PasswordCheck:
    """Whether `password` matches the stored hash, and the hash to store instead if it is outdated."""
    if stored.startswith(_LEGACY_SCRYPT):
        valid = _verify_scrypt(password, stored)
        return PasswordCheck(valid, hash_password(password) if valid else None)
    try:
        valid, updated = _PASSWORDS.verify_and_update(password, stored)
    except UnknownHashError:
        return PasswordCheck(False)
    return PasswordCheck(valid, updated if valid else None)


def verify_password(password: str, stored: str) -> bool:
    return check_password(password, stored).valid


def _verify_scrypt(password: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return False
    digest = hashlib.scrypt(password.encode(), salt=salt, n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(digest, expected)


def new_token() -> str:
    """An unguessable token (256 bits), safe in URLs."""
    return secrets.token_urlsafe(32)


def new_sender_id() -> str:
    """The pseudonym by which Rasa knows a conversation (its sender id). Random rather than
    derived from the phone's token: nothing, not even a server secret, links the two outside
    the backend's conversation table, and it survives a change of secrets."""
    return secrets.token_hex(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_secret(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
