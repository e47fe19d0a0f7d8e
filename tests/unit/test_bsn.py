"""The BSN filter (forms/readers/text.py `looks_like_bsn`): every way people type a citizen service
number is caught, and what merely has many digits (phone numbers, dates, years, amounts) is not.

111222333 and 123456782 pass the BSN eleven-test; 014105718 does too, so "14105718" is its
eight-digit form (the leading zero dropped, as spreadsheets do). The numbers that must pass were
chosen so that their digits, joined the naive way, pass the eleven-test as well: each row fails
when the filter mistakes it for a BSN.
"""

from __future__ import annotations

import pytest
from stdnum.nl import bsn

from forms.answers import looks_like_bsn

TYPED_BSNS = [
    "111222333",
    "111 222 333",
    "111  222  333",  # double spaces
    "111.222.333",
    "1112.22.333",  # as the government writes it
    "111-222-333",
    "111 - 222 - 333",  # spaced dashes
    "111–222–333",  # en dashes
    "111 — 222 — 333",  # em dashes
    "111/222/333",
    "111,222,333",
    "111_222_333",
    "111\u200b222\u200b333",  # zero-width spaces
    "1\u200d1\u200e1 2\u200c22 333",  # joiners and a direction mark
    "\u2066111 222 333\u2069",  # inside a direction isolate
    "111\u00a0222\u00a0333",  # no-break spaces
    "111\u2009222\u2009333",  # thin spaces
    "111\n222\n333",
    "1 1 1 2 2 2 3 3 3",
    "١١١٢٢٢٣٣٣",  # Arabic-Indic digits
    "۱۱۱ ۲۲۲ ۳۳۳",  # Persian digits
    "１１１２２２３３３",  # full-width digits
    "१११२२२३३३",  # Devanagari digits
    "14105718",  # the eight-digit form
    "014105718",
    "BSN:111222333",
    "mijn bsn is 123456782, mijn telefoon 06-12345678",
    "111222333 15-03-1990",  # beside a date
    "06 12345678 111222333",  # beside a phone number
    "1234 56 782",
    "ወላዲ 111 222 333 እዩ",
]

NOT_BSNS = [
    # Phone numbers: "672969658" (the mobile number after +31) passes the eleven-test.
    "+31 6 72969658",
    "+31 6 7296 9658",
    "+31672969658",
    "0031672969658",
    "0031 6 72969658",
    "06-72969658",
    "06 72969658",
    "mon numéro c'est le 06-72969658",
    "+49 30 123456782",
    "+44 7911 123456",
    "+1 415 555 2671",
    "+32 470 12 34 56",
    "0612345678",
    # Dates and years: 01011960 and 20112014 pass the eleven-test as eight-digit forms.
    "01-01-1960",
    "01011960",
    "1960-01-01",
    "01/01/1960",
    "born 2011 2014",
    "15-03-1990",
    # Amounts of money: 123456782 passes the eleven-test.
    "€ 1.234.567,82",
    "1.234.567,82 euro",
    "$1,234,567.82",
    "EUR 123456782",
    # Other numbers.
    "123456789",  # fails the eleven-test
    "000000000",
    "10:30",
    "my children are 3, 7 and 10",
    "ik woon op nummer 12, postcode 1621 AB",
    '/choose_slot{"slot_token": "brede_intake~20261126T1330~3~12~5~0"}',
]


def test_the_examples_are_what_they_claim() -> None:
    """The table rows test something: the numbers in them do pass the eleven-test."""
    for number in ("111222333", "123456782", "014105718", "672969658", "001011960", "020112014"):
        assert bsn.is_valid(number), number


@pytest.mark.parametrize("typed", TYPED_BSNS)
def test_every_typing_of_a_bsn_is_caught(typed: str) -> None:
    assert looks_like_bsn(typed)


@pytest.mark.parametrize("typed", NOT_BSNS)
def test_phone_numbers_dates_and_amounts_are_no_bsn(typed: str) -> None:
    assert not looks_like_bsn(typed)
