"""Reading typed answers: tables of real-looking input per language and script.

The readers themselves live in forms/readers/ (with the words of each language in
locales/<code>/answers.yaml); forms.answers is what the dialogue and the backend call.
"""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.answers import is_valid_stored_value, looks_like_bsn, normalize_digits, parse_answer, read_phone, says_none
from forms.answers import yes_or_no as typed_yes_or_no
from forms.readers import CONFIRM_BELOW, read
from forms.readers.dates import read_date_value
from forms.readers.numbers import read_number as read_number_for

TODAY = date(2026, 11, 23)
SCHEMA = load_schema()


def read_date(typed: str, language: str = "en") -> date | None:
    """A full calendar date, or None."""
    stored = read_date_value(typed, language, TODAY, allow_partial=False)
    return date.fromisoformat(stored) if stored and not stored.startswith("~") else None


def read_partial_date(typed: str, language: str = "en") -> str | None:
    return read_date_value(typed, language, TODAY)


def read_number(typed: str, language: str = "en") -> int | None:
    """A number read with certainty (an unsure one would be checked with the person)."""
    reading = read_number_for(SCHEMA.question("rent"), typed, language)
    return reading.value if reading.ok and reading.certainty >= CONFIRM_BELOW else None


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


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15 mars 1990", date(1990, 3, 15)), ("22 août 1991", date(1991, 8, 22)),  # French
        ("1 Şubat 1988", date(1988, 2, 1)), ("12 temmuz 1993", date(1993, 7, 12)),  # Turkish
        ("5 Luuliyo 1992", date(1992, 7, 5)),  # Somali
        ("3 tebax 1987", date(1987, 8, 3)),  # Kurmanji
        ("15 آذار 1990", date(1990, 3, 15)), ("١٥ مارس ١٩٩٠", date(1990, 3, 15)),  # Arabic, Levant and Egypt
        ("15 كانون الثاني 1990", date(1990, 1, 15)),
        ("۱۵ مارس ۱۹۹۰", date(1990, 3, 15)),  # Farsi, Gregorian months
        ("march 15, 1990", date(1990, 3, 15)), ("March 15th 1990", date(1990, 3, 15)),
        ("15th of march 1990", date(1990, 3, 15)),
        ("15.3.90", date(1990, 3, 15)),  # two-digit year
        # Solar Hijri (Afghanistan, Iran): month names or numbers, converted to Gregorian.
        ("15 حمل 1369", date(1990, 4, 4)), ("1 فروردین ۱۳۶۹", date(1990, 3, 21)), ("15-1-1369", date(1990, 4, 4)),
        ("1 جدی 1399", date(2020, 12, 21)),
    ],
)  # fmt: skip
def test_dates_in_every_language_and_calendar(typed: str, expected: date) -> None:
    assert read_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        # Eritreans write Gregorian months with Tigrinya names...
        ("መጋቢት 15 1990", "ti", date(1990, 3, 15)), ("7 ሕዳር 1988", "ti", date(1988, 11, 7)),
        # ...Ethiopians give dates in the Ethiopian calendar, 7 to 8 years behind.
        ("መስከረም 1 2016", "am", date(2023, 9, 12)), ("ጥር 10 1982", "am", date(1990, 1, 18)),
        ("ሐምሌ 5 1975 ዓ.ም", "am", date(1983, 7, 12)),
        ("15 حمل 1369", "fa_AF", date(1990, 4, 4)), ("15 حمل 1369", "ps", date(1990, 4, 4)),
    ],
)  # fmt: skip
def test_dates_in_the_calendar_of_the_language(typed: str, language: str, expected: date) -> None:
    assert read_date(typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yaklaşık 1990", "~1990"), ("nêzîkî 1990", "~1990"), ("1990 ገደማ", "~1990"), ("1990 ዳርጋ", "~1990"),
        ("1990 or so", "~1990"), ("qiyaastii 1990", "~1990"), ("environ 1990", "~1990"),
        ("۱۳۶۹", "~1990"),  # a Solar Hijri year spans two Gregorian years: approximate
        ("اسد ۱۳۶۵", "1986-08"), ("تشرين الأول 1985", "1985-10"), ("ጥሪ 1990", "1990-01"),
    ],
)  # fmt: skip
def test_partial_dates_in_every_language(typed: str, expected: str) -> None:
    language = "ti" if "ጥሪ" in typed else "en"
    assert read_partial_date(typed, language) == expected


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
    ("typed", "name"),
    [
        ("My name is Fatima Ali", "Fatima Ali"), ("Ahmed Hassan is my name", "Ahmed Hassan"),
        ("اسمي فاطمة علي", "فاطمة علي"), ("ስመይ ሰምሃር ተኽለ እዩ", "ሰምሃር ተኽለ"), ("ስሜ አበበ ከበደ ነው", "አበበ ከበደ"),
        ("Benim adım Ayşe Yılmaz", "Ayşe Yılmaz"), ("Je m'appelle Aminata Diallo", "Aminata Diallo"),
        ("Magacaygu waa Cali Xasan", "Cali Xasan"), ("Navê min Rojda Şêxo", "Rojda Şêxo"),
        ("نام من مریم کریمی است", "مریم کریمی"), ("زما نوم احمد شاه دی", "احمد شاه"),
        ("Ik heet Sanne de Vries", "Sanne de Vries"),
        # names, not introductions
        ("Eman Ali", "Eman Ali"), ("Imran Khan", "Imran Khan"), ("Ezra Tesfay", "Ezra Tesfay"),
        ("Ez Aldin Hamdan", "Ez Aldin Hamdan"), ("Naima Yusuf", "Naima Yusuf"),
    ],
)  # fmt: skip
def test_a_name_without_its_introduction(typed: str, name: str) -> None:
    assert parse_answer(SCHEMA.question("full_name"), typed).value == name


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


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("horn", "0405"), ("hoorn!", "0405"), ("medemblick", "0420"), ("enkhuisen", "0388"),
        ("stede broek", "0532"), ("Koggeland", "1598"), ("opmer", "0439"),
        ("هورن", "0405"), ("هوورن.", "0405"), ("مدمبلك", "0420"), ("اوپمير", "0439"), ("ستده بروک", "0532"),
        ("ሆርን", "0405"), ("ሁርን", "0405"), ("ኮገንላንድ", "1598"), ("መደምብሊክ", "0420"),
    ],
)  # fmt: skip
def test_municipality_as_people_spell_it(typed: str, code: str) -> None:
    """In their own script, or with a small typo: people know the town by its sound."""
    assert parse_answer(SCHEMA.question("municipality"), typed).value == code


@pytest.mark.parametrize("typed", ["Amsterdam", "0", "8", "/inform", "Alkmaar", "Den Haag", "horen", "0406"])
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


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("On Bir", 11), ("dort", 4), ("üç", 3),  # Turkish, with and without its letters
        ("kow iyo toban", 11), ("saddex", 3),  # Somali
        ("pênc", 5), ("penc", 5), ("dozdeh", 12),  # Kurmanji
        ("سه", 3), ("يک", 1), ("دوازده", 12),  # Farsi and Dari, also from an Arabic keyboard
        ("پنځه", 5), ("دولس", 12),  # Pashto
        ("ሦስት", 3), ("አስራ ሁለት", 12),  # Amharic
        ("ዓሰርተ ክልተ", 12), ("ዕስራ", 20),  # Tigrinya
        ("تلاتة", 3), ("اثنا عشر", 12),  # Arabic, colloquial and standard
        ("dix-sept", 17), ("deux", 2),  # French
    ],
)  # fmt: skip
def test_number_words_in_every_language(typed: str, expected: int) -> None:
    languages = ["en", "nl", "fr", "tr", "so", "ku", "ar", "fa", "fa_AF", "ps", "ti", "am"]
    assert any(read_number(typed, language) == expected for language in languages)


@pytest.mark.parametrize("typed", ["", "many", "3 or 4", "1.5"])
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


# --- the answer types of the full pre-intake ------------------------------------------------

SCHEMA = load_schema()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2019", "2019"),
        ("٢٠١٩", "2019"),
        ("۲۰۱۹", "2019"),
        ("around 1990", "~1990"),
        ("Around 1990.", "~1990"),
        ("ongeveer 1985", "~1985"),
        ("ca. 1990", "~1990"),
        ("حوالي ١٩٩٠", "~1990"),
        ("تقريبا 1990", "~1990"),
        ("ብግምት 1990", "~1990"),
        ("03-2019", "2019-03"),
        ("maart 2019", "2019-03"),
        ("March 2019", "2019-03"),
        ("15-3-2019", "2019-03-15"),
        ("around 15-3-2019", "~2019-03-15"),
    ],
)
def test_partial_and_approximate_dates(typed: str, expected: str) -> None:
    parsed = parse_answer(SCHEMA.question("child_date_of_birth"), typed, today=date(2026, 11, 23))
    assert parsed.value == expected


def test_partial_dates_in_the_future_are_refused() -> None:
    question = SCHEMA.question("child_date_of_birth")
    assert parse_answer(question, "2031", today=date(2026, 11, 23)).error == "date_future"
    assert parse_answer(question, "13-2019", today=date(2026, 11, 23)).error == "date"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Arabic, English", ["ar", "en"]),
        ("arabic and english", ["ar", "en"]),
        ("1 en 12", ["ar", "en"]),
        ("Tigrinya / Amharic", ["ti", "am"]),
        ("farsi", ["fa"]),
    ],
)
def test_several_choices_in_one_message(typed: str, expected: list[str]) -> None:
    assert parse_answer(SCHEMA.question("other_languages"), typed).value == expected


@pytest.mark.parametrize(
    ("question", "typed", "expected"),
    [
        ("first_language", "kurmanji", "kmr"),
        ("housing_situation", "azc", "azc"),
        ("main_wish", "own business", "own_business"),
        ("municipality", "stede", "0532"),
        ("availability", "monday", ["mon_morning", "mon_afternoon"]),  # several choices: every match
        ("availability", "friday morning and tuesday", ["fri_morning", "tue_morning", "tue_afternoon"]),
        ("main_wish", "work", "paid_work"),  # "work and study" needs both
        ("partner", "yes", None),  # in the Netherlands or in another country
        ("dutch_level", "no", "none"),  # "How well do you speak Dutch?" "No."
    ],
)
def test_words_of_one_option_choose_it(question: str, typed: str, expected: object) -> None:
    assert parse_answer(SCHEMA.question(question), typed).value == expected


def test_choices_in_the_persons_language() -> None:
    arabic = {"Arabic": "العربية", "English": "الإنجليزية"}
    parsed = parse_answer(SCHEMA.question("other_languages"), "العربية، الإنجليزية", lambda m: arabic.get(m, m))
    assert parsed.value == ["ar", "en"]
    assert parse_answer(SCHEMA.question("other_languages"), "Klingon").error == "choice"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yes", "yes"), ("Ja", "yes"), ("نعم", "yes"), ("أيوه!", "yes"), ("እወ", "yes"), ("እወ።", "yes"),
        ("Evet", "yes"), ("haa", "yes"), ("belê", "yes"), ("بلی", "yes"), ("آره", "yes"), ("هو", "yes"),
        ("አዎ", "yes"), ("oui", "yes"), ("nee", "no"), ("Nee hoor", "no"), ("لا", "no"), ("la2", "no"),
        ("ኣይፋል", "no"), ("አይደለም", "no"), ("hayır", "no"), ("maya", "no"), ("نخیر", "no"), ("نه", "no"),
        ("non", "no"), ("nexêr", "no"), ("👍", "yes"), ("👍🏾", "yes"), ("✔️", "yes"), ("👎🏻", "no"), ("❌", "no"),
    ],
)  # fmt: skip
def test_yes_and_no_typed(typed: str, expected: str) -> None:
    """A short yes or no is understood in whatever language the conversation is in."""
    assert parse_answer(SCHEMA.question("digid_applied"), typed).value == expected


@pytest.mark.parametrize("typed", ["maybe", "2", "the weather"])
def test_not_a_clear_yes_or_no(typed: str) -> None:
    assert parse_answer(SCHEMA.question("digid_applied"), typed).error == "yes_no"


@pytest.mark.parametrize(("typed", "language"), [("yes no", "en"), ("نعم لا", "ar"), ("ja nee", "nl")])
def test_yes_and_no_together_is_checked_with_the_person(typed: str, language: str) -> None:
    reading = read(SCHEMA.question("digid_applied"), typed, language)
    assert reading.value == "yes" and reading.needs_confirmation


@pytest.mark.parametrize(
    "typed",
    [
        "No", "nope.", "None", "nothing", "I dont have email", "i don't have an email address", "sorry no",
        "Nee", "heb ik niet", "Ik heb geen e-mail", "geen", "niks", "non", "je n'ai pas d'email", "rien",
        "yok", "Email yok", "hiç yok", "maya", "ma haysto", "email ma haysto", "tune", "emaila min tune",
        "لا", "لا يوجد", "ما عندي ايميل", "ليس لدي بريد الكتروني", "مافي", "ma3andi email",
        "ندارم", "ایمیل ندارم", "نه", "هیچ", "نشته", "ایمیل نلرم",
        "የብለይን", "ኢመይል የብለይን", "የለን", "የለኝም", "ኢሜይል የለኝም", "ምንም",
    ],
)  # fmt: skip
def test_i_have_none_typed(typed: str) -> None:
    assert any(
        says_none(typed, language=lang) for lang in ("en", "nl", "fr", "tr", "so", "ku", "ar", "fa", "ps", "ti", "am")
    )


@pytest.mark.parametrize(
    "typed",
    [
        "", "amina.yusuf@gmail.com", "06 12345678", "not sure", "I did a course in sewing in Asmara",
        "no, but I want to learn Dutch very much", "Nooit gehad maar wil ik graag", "Menzis", "Notebook",
        "ደርሆ ምሕላው", "درست خیاطی در کابل", "yes",
    ],
)  # fmt: skip
def test_not_i_have_none(typed: str) -> None:
    assert not any(says_none(typed, language=lang) for lang in ("en", "nl", "ar", "fa", "ti"))


def test_yes_and_no_in_the_persons_catalog() -> None:
    """The catalog's own words for the buttons count too (e.g. a Tigrinya "Yes" label)."""
    assert typed_yes_or_no("Jawohl", lambda message: {"Yes": "Jawohl"}.get(message, message)) == "yes"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Ahmed@Gmail.com", "ahmed@gmail.com"), (" fatima.ali@hotmail.nl ", "fatima.ali@hotmail.nl"), ("a@b", None)],
)
def test_email_addresses(typed: str, expected: str | None) -> None:
    assert parse_answer(SCHEMA.question("email"), typed).value == expected


@pytest.mark.parametrize(
    ("question_id", "value", "valid"),
    [
        ("child_date_of_birth", "~2019", True),
        ("child_date_of_birth", "2019-13", False),
        ("date_of_birth", "1990-02-30", False),
        ("other_languages", ["ar", "en"], True),
        ("other_languages", ["ar", "ar"], False),
        ("other_languages", ["xx"], False),
        ("digid_applied", "unknown", True),
        ("digid_applied", "maybe", False),
        ("education_years", 4, True),
        ("education_years", "4", False),
        ("education_years", 99, False),
        ("children", 2, True),
        ("children", 99, False),
        ("email", "a@b.nl", True),
    ],
)
def test_stored_values_are_checked(question_id: str, value: object, valid: bool) -> None:
    assert is_valid_stored_value(SCHEMA.question(question_id), value) is valid
