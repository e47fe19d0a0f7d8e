"""Text from outside, made safe to store: the one home of what the database cannot hold.

PostgreSQL refuses NUL in text and JSON, and a lone UTF-16 surrogate ("\\ud800", which JSON can
carry) cannot be encoded at all: one such character in one answer failed every later save of the
whole intake, and a chat message with one gave a 500. Each input follows one of two policies:

- **cleaned**: what a person typed in the chat (messages, answers, their own words). Control
  characters (NUL and the rest, except new line and tab), lone surrogates and Unicode
  non-characters are removed and the text is NFC-normalised; nothing else they typed is lost,
  and nobody is asked to type again what a broken keyboard or copy-paste added.
- **refused**: what staff, the API or the command line send. A clear message (422) names the
  field, so the person who typed it can correct it: a case manager's correction is not
  silently changed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

# Cc except tab and new line (C0, DEL, C1), every surrogate code point (only a lone one can be
# in a Python str), and the non-characters: U+FDD0..U+FDEF and the last two of every plane.
_UNSTORABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)

# The error type of a refused value: the API's validation handler gives it its own message.
UNSTORABLE_ERROR = "unstorable_character"


def clean_text(text: str) -> str:
    """The text without the characters that cannot be stored, in NFC (composed) form."""
    return unicodedata.normalize("NFC", _UNSTORABLE.sub("", text))


def clean_value(value: Any) -> Any:
    """`clean_text` on every string inside a JSON-like value (an answer may be a list or an object)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    return value


def has_unstorable(value: Any) -> bool:
    """Whether any string inside a JSON-like value holds a character that cannot be stored."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, list):
        return any(has_unstorable(item) for item in value)
    if isinstance(value, dict):
        return any(has_unstorable(key) or has_unstorable(item) for key, item in value.items())
    return False


def _refuse_unstorable(value: Any) -> Any:
    if has_unstorable(value):
        raise PydanticCustomError(UNSTORABLE_ERROR, "holds a character that cannot be stored")
    return value


# Before the type's own validation, so that the check sees the value exactly as it was sent.
CleanText = Annotated[str, BeforeValidator(clean_value)]
CleanValue = Annotated[Any, BeforeValidator(clean_value)]
StrictText = Annotated[str, BeforeValidator(_refuse_unstorable)]
StrictValue = Annotated[Any, BeforeValidator(_refuse_unstorable)]
