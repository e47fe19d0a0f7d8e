"""The document templates (backend/templates/documents/) and what they need to be rendered.

Each render names its language: `_` in the template translates through that language's
catalog, dates are written the way that language writes them, and `lang`/`dir` of the page
follow it. No text of a document is written in a template in any other way, so that every
word can be found in the catalogs. A document for the person (own_answers.html) takes its
texts from the `messages` domain, translated into all twelve languages (babel.cfg); a
document for staff (intake.html) from the Dutch-only `staff` domain (babel-staff.cfg,
`translations=staff_translations()`).
"""

from __future__ import annotations

import gettext
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from backend.models import as_utc
from backend.scheduling.slots import LOCAL_TIME
from locales import get_language, translations

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents"


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html_lang(code: str) -> str:
    """A catalog code as HTML and PDF name a language: fa_AF is fa-AF."""
    return code.replace("_", "-")


def direction(code: str | None) -> str:
    lang = get_language(code)
    return lang.direction if lang else "ltr"


def _locale(code: str) -> str:
    lang = get_language(code)
    return lang.format_locale if lang else code


def day(moment: date | datetime, language: str) -> str:
    """A date as the language writes it in full (local date for a moment)."""
    if isinstance(moment, datetime):
        moment = as_utc(moment).astimezone(LOCAL_TIME).date()
    return format_date(moment, format="long", locale=_locale(language))


def moment(value: datetime, language: str) -> str:
    """A moment on the clock in the Netherlands, short date and time."""
    return format_datetime(as_utc(value).astimezone(LOCAL_TIME), format="short", locale=_locale(language))


def render(name: str, language: str, catalog: gettext.NullTranslations | None = None, **context: Any) -> str:
    """The page `name` in `language`. Given to the template: `_` (through `catalog`, by default
    the language's `messages` catalog), `day`, `moment`, `lang`, `dir`, `html_lang` and
    `direction`; `context` may replace any of them."""
    template = _environment().get_template(name)
    texts = catalog or translations(language)
    given: dict[str, Any] = {
        "_": texts.gettext,
        "day": lambda value: day(value, language),
        "moment": lambda value: moment(value, language),
        "lang": html_lang(language),
        "dir": direction(language),
        "html_lang": html_lang,
        "direction": direction,
    }
    return template.render({**given, **context})
