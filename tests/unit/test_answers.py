"""Reading typed answers: tables of real-looking input per language and script."""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.answers import looks_like_bsn, normalize_digits, parse_answer, read_date, read_number, read_phone

TODAY = date(2026, 11, 23)
SCHEMA = load_schema()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15-03-1990", date(1990, 3, 15)),
        ("15/3/1990", date(1990, 3, 15)),
        ("15.03.1990", date(1990, 3, 15)),
        ("15 03 1990", date(1990, 3, 15)),
        (" 5-7-2001 ", date(2001, 7, 5)),
        ("1990-03-15", date(1990, 3, 15)),
        ("15 maart 1990", date(1990, 3, 15)),
        ("15 March 1990", date(1990, 3, 15)),
        ("1 mei 1985", date(1985, 5, 1)),
        ("3 okt. 1979", date(1979, 10, 3)),
        ("١٥/٣/١٩٩٠", date(1990, 3, 15)),  # Arabic-Indic digits
        ("١٥-٠٣-١٩٩٠", date(1990, 3, 15)),
        ("۱۵/۰۳/۱۹۹۰", date(1990, 3, 15)),  # Persian digits
        ("٥،٧،٢٠٠١", date(2001, 7, 5)),  # Arabic comma as separator
    ],
)
def test_dates_people_type(typed: str, expected: date) -> None:
    assert read_date(typed) == expected


@pytest.mark.parametrize("typed", ["", "yesterday", "31-02-1990", "15-13-1990", "1990", "15/03", "abc 1990"])
def test_not_a_date(typed: str) -> None:
    assert read_date(typed) is None


def test_date_of_birth_rules() -> None:
    question = SCHEMA.question("date_of_birth")
    assert parse_answer(question, "15-03-1990", TODAY).value == "1990-03-15"
    assert parse_answer(question, "15-03-2030", TODAY).error == "date_future"
    assert parse_answer(question, "15-03-2020", TODAY).error == "date_age"  # six years old
    assert parse_answer(question, "15-03-1890", TODAY).error == "date_age"
    assert parse_answer(question, "last spring", TODAY).error == "date"


def test_digits_of_every_script_become_ascii() -> None:
    assert normalize_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹") == "0123456789 0123456789"


@pytest.mark.parametrize(
    ("typed", "is_bsn"),
    [
        ("111222333", True),  # passes the eleven-test
        ("my bsn is 111 222 333", True),
        ("111.222.333", True),
        ("١١١٢٢٢٣٣٣", True),
        ("123456789", False),  # fails the eleven-test
        ("0612345678", False),  # a phone number: ten digits
        ("000000000", False),
        ("15-03-1990", False),
    ],
)
def test_bsn_detection(typed: str, is_bsn: bool) -> None:
    assert looks_like_bsn(typed) is is_bsn


@pytest.mark.parametrize(
    ("typed", "value", "error"),
    [
        ("Ahmed Mohammed", "Ahmed Mohammed", None),
        ("  فاطمة   الزهراء ", "فاطمة الزهراء", None),
        ("ሄለን ተስፋይ", "ሄለን ተስፋይ", None),
        ("A", None, "too_short"),
        ("x" * 101, None, "too_long"),
        ("12345", None, "no_letters"),
        ("111222333", None, "bsn"),
    ],
)
def test_names(typed: str, value: str | None, error: str | None) -> None:
    parsed = parse_answer(SCHEMA.question("full_name"), typed)
    assert (parsed.value, parsed.error) == (value, error)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("0405", "0405"),
        ("Hoorn", "0405"),
        ("  stede broec ", "0532"),
        ("MEDEMBLIK", "0420"),
        ("3", "0405"),
        ("٣", "0405"),
    ],
)
def test_municipality_by_code_name_or_number(typed: str, code: str) -> None:
    assert parse_answer(SCHEMA.question("municipality"), typed).value == code


@pytest.mark.parametrize("typed", ["Amsterdam", "0", "8", "/inform"])
def test_unknown_municipality(typed: str) -> None:
    assert parse_answer(SCHEMA.question("municipality"), typed).error == "choice"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3", 3),
        ("٣", 3),
        ("۱۲", 12),
        ("three", 3),
        ("Drie", 3),
        ("ثلاثة", 3),
        ("ሰለስተ", 3),
        ("12.", 12),
        ("twee", 2),
        ("zero", 0),
    ],
)
def test_numbers_people_type(typed: str, expected: int) -> None:
    assert read_number(typed) == expected


@pytest.mark.parametrize("typed", ["", "many", "3 or 4", "-1", "1.5"])
def test_not_a_number(typed: str) -> None:
    assert read_number(typed) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("(020) 123 4567", "+31201234567"),
        ("0229-123456", "+31229123456"),
        ("٠٦١٢٣٤٥٦٧٨", "+31612345678"),
        ("+291 7 123456", "+2917123456"),  # Eritrea, with its country code
    ],
)
def test_phone_numbers_in_usual_formats(typed: str, expected: str) -> None:
    assert read_phone(typed) == expected


@pytest.mark.parametrize("typed", ["", "12345", "061234567", "06123456789", "phone", "+31 0 1234567"])
def test_not_a_phone_number(typed: str) -> None:
    assert read_phone(typed) is None
