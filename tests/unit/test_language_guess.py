"""The offline guess of the language someone types in, used to order the language buttons."""

from __future__ import annotations

import pytest

from backend.nlg.render import render
from locales.detect import propose_languages


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("ሰላም ከመይ ኣለኹም ክጅምር ደልየ", "ti"),
        ("ሰላም እንዴት ናችሁ መጀመር እፈልጋለሁ", "am"),
        ("مرحبا كيف حالكم بدي ابلش", "ar"),
        ("سلام وقت بخیر میخواهم شروع کنم", "fa"),
        ("سلام ورور څنګه یاست غواړم پیل وکړم", "ps"),
        ("goedemiddag ik wil graag beginnen", "nl"),
        ("good afternoon i would like to begin", "en"),
        ("bonjour je voudrais commencer", "fr"),
        ("merhaba nasilsiniz baslamak istiyorum", "tr"),
        ("iska warran waxaan rabaa inaan bilaabo", "so"),
        ("silav hûn çawa ne ez dixwazim dest pê bikim", "ku"),
    ],
)
def test_a_first_message_proposes_its_language(typed: str, language: str) -> None:
    proposed = propose_languages(typed)
    assert proposed and language in proposed[:2], proposed


def test_dari_and_farsi_are_proposed_together() -> None:
    assert set(propose_languages("سلام چطور استی تشکر")[:2]) == {"fa", "fa_AF"}


@pytest.mark.parametrize("typed", ["", "1", "12-03-1990", "?!", "a"])
def test_nothing_is_proposed_without_letters(typed: str) -> None:
    assert propose_languages(typed) == []


def test_the_language_screen_puts_the_guess_first_and_keeps_every_language() -> None:
    usual = [b["title"] for b in render("utter_ask_language", {})["buttons"]]
    guessed = render("utter_ask_language", {}, typed="ሰላም ከመይ ኣለኹም")
    titles = [b["title"] for b in guessed["buttons"]]
    assert titles[0] == "ትግርኛ" and sorted(titles) == sorted(usual)
    assert guessed["text"].splitlines()[0] != render("utter_ask_language", {})["text"].splitlines()[0]
    # A tapped button is no typing: the usual order.
    assert [b["title"] for b in render("utter_ask_language", {}, typed="/greet")["buttons"]] == usual
