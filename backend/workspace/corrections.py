"""What a case manager types in a correction form, as the value the API stores, and back.

The browser sends the inputs as typed; reading them is done here, in Python, with the same
readers the chat uses (a date typed the Dutch way, "15-03-1990", "03-1990", "ca. 1990", is read
by forms.readers.dates). What cannot be read is passed on as typed, so that the API's own
Dutch message says why it is refused ("Ongeldige waarde voor vraag: Geboortedatum").
"""

from __future__ import annotations

import re
from typing import Any

from backend.presenters.intakes import FieldOut
from backend.presenters.labels import today
from backend.workspace.text import STAFF_LANGUAGE
from forms.readers.dates import read_date_value

# Already the stored form of a (partial, approximate) date: "1990-03-15", "1990-03", "~1990".
_STORED_DATE = re.compile(r"^(~?)(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_WHOLE_NUMBER = re.compile(r"^-?\d+$")


def typed_value(field: FieldOut, typed: list[str]) -> Any:
    """The form's value(s) for `field` as the stored value; None when nothing was given."""
    if field.type == "multiple_choice":
        return [value for value in typed if value]
    text = typed[0].strip() if typed else ""
    if not text:
        return None
    if field.type == "number":
        return int(text) if _WHOLE_NUMBER.match(text) else text
    if field.type == "date":
        if _STORED_DATE.match(text):
            return text
        return read_date_value(text, STAFF_LANGUAGE, today()) or text
    return text


def typed_text(field: FieldOut) -> str:
    """The current value as a case manager would type it (the correction form's start)."""
    value = field.value
    if value is None or field.no_answer is not None:
        return ""
    if field.type == "date" and isinstance(value, str):
        match = _STORED_DATE.match(value)
        if match:
            approximate, year, month, day = match.groups()
            typed = "-".join(part for part in (day, month, year) if part)
            return f"ca. {typed}" if approximate else typed
    return str(value)


def chosen(field: FieldOut, typed: list[str] | None) -> list[str]:
    """The option codes to show as chosen: what was typed (after an error), else the current value."""
    if typed is not None:
        return typed
    if isinstance(field.value, list):
        return [str(v) for v in field.value]
    return [str(field.value)] if field.value is not None and field.no_answer is None else []
