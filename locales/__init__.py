"""Supported languages and their gettext catalogs.

`languages.yaml` lists the languages; `<code>/LC_MESSAGES/messages.po` holds each catalog,
compiled to `.mo` by `make catalogs` (the `.mo` files are build output, not committed).
Callers always pass the language explicitly: there is no global "current language",
so one request or conversation can never see another one's language.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel import Locale

LOCALES_DIR = Path(__file__).resolve().parent
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    aliases: tuple[str, ...]
    made_by: str
    complete: bool
    reviewed: bool
    format_locale: str

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr', from CLDR through Babel."""
        return "rtl" if Locale.parse(self.code).text_direction == "rtl" else "ltr"


@cache
def languages() -> tuple[Language, ...]:
    data = yaml.safe_load((LOCALES_DIR / "languages.yaml").read_text(encoding="utf-8"))
    return tuple(
        Language(
            code=str(item["code"]),
            native_name=str(item["native_name"]),
            english_name=str(item["english_name"]),
            aliases=tuple(str(a).casefold() for a in item.get("aliases", [])),
            made_by=str(item["catalog"]["made_by"]),
            complete=bool(item["catalog"]["complete"]),
            reviewed=bool(item["catalog"]["reviewed"]),
            format_locale=str(item.get("format_locale", item["code"])),
        )
        for item in data["languages"]
    )


def language_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in languages())


def get_language(code: str | None) -> Language | None:
    return next((lang for lang in languages() if lang.code == code), None)


def find_language(typed: str) -> Language | None:
    """The language a person named, in any script ("Arabic", "عربي", "ትግርኛ"), or None.

    The whole message may be a name, an alias or a code ("ar"); inside a sentence only
    names and aliases of three letters or more count, so that the Dutch word "en" ("and")
    does not choose English.
    """
    whole = typed.casefold().strip()
    words = whole.replace("،", " ").replace(",", " ").replace(".", " ").split()
    for lang in languages():
        names = {lang.native_name.casefold(), lang.english_name.casefold(), *lang.aliases}
        if whole in names or whole == lang.code:
            return lang
        if any(word in names and len(word) >= 3 for word in words):
            return lang
    return None


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalog of one language; the source text (English) when none exists."""
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALES_DIR, languages=[code], fallback=True)


def translate(code: str, message: str) -> str:
    return translations(code).gettext(message)


def translate_plural(code: str, singular: str, plural: str, count: int) -> str:
    """The form for `count` in the language's own plural rules (Arabic has six: zero, one, two,
    few, many, other, in Babel's order); `{count}` in the text is left to the caller."""
    return translations(code).ngettext(singular, plural, count)
