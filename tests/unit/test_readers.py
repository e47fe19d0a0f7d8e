"""The answer readers on the kinds of failure seen with outsiders' conversations (issue #10), each
in at least three languages: answers inside sentences, commands that must not hijack answers,
corrections by name, codes instead of free text, other calendars.

These are the team's own examples; the held-out evaluation is bench/understanding/ (never tuned to).
"""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.lexicon import check_lexicon, lexicon_languages, normalize
from forms.readers import correction_in, no_answer_in, read, request_in
from forms.understanding import interpret
from locales import languages

TODAY = date(2026, 12, 5)
SCHEMA = load_schema()


def value(question_id: str, typed: str, language: str) -> object:
    reading = read(SCHEMA.question(question_id), typed, language, today=TODAY)
    return reading.value if reading.ok else reading.error


# -- one home per language -------------------------------------------------------------------------


def test_every_language_has_a_complete_word_file() -> None:
    """Adding a language means adding locales/<code>/answers.yaml with every key (README)."""
    assert sorted(lexicon_languages()) == sorted(lang.code for lang in languages())
    problems = {code: check_lexicon(code) for code in lexicon_languages()}
    assert problems == {code: [] for code in problems}


def test_letter_variants_people_type_are_the_same_word() -> None:
    assert normalize("أيوه") == normalize("ايوه")
    assert normalize("يک") == normalize("یک")
    assert normalize("ሐምሌ") == normalize("ሀምሌ")
    assert normalize("ኣሎኒ") == normalize("አሎኒ")
    assert normalize("፲፱፻፹፪") == "1982"


# -- yes or no inside a sentence, the rest kept as a note ---------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("yes I have one", "en", "yes"), ("ja, die heb ik", "nl", "yes"), ("oui j'en ai un", "fr", "yes"),
        ("نعم عندي", "ar", "yes"), ("بله دارم", "fa", "yes"), ("እወ ኣሎኒ", "ti", "yes"), ("evet var", "tr", "yes"),
        ("no I don't have it", "en", "no"), ("nee heb ik niet", "nl", "no"), ("لا ما عندي", "ar", "no"),
        ("نه ندارم", "fa_AF", "no"), ("የለኝም", "am", "no"), ("maya ma haysto", "so", "no"),
    ],
)  # fmt: skip
def test_yes_or_no_in_a_short_sentence(typed: str, language: str, expected: str) -> None:
    assert value("digid_applied", typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "language"),
    [("yes but it is from abroad", "en"), ("ja maar hij is uit Syrië", "nl"), ("نعم بس من سوريا", "ar")],
)
def test_a_yes_with_more_words_keeps_them(typed: str, language: str) -> None:
    reading = read(SCHEMA.question("driving_licence"), typed, language)
    assert reading.value == "yes" and reading.unplaced


# -- numbers, dates, choices from sentences ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("9 years", "en", 9), ("nine", "en", 9), ("٩ سنوات", "ar", 9), ("negen jaar", "nl", 9),
        ("neuf ans", "fr", 9), ("dokuz yıl", "tr", 9), ("from 2010 to 2015", "en", 5), ("2 no sorry 3", "en", 3),
    ],
)  # fmt: skip
def test_numbers_inside_sentences(typed: str, language: str, expected: int) -> None:
    assert value("job_years", typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("ولدت في ١٥ آذار ١٩٩٠", "ar", "1990-03-15"),
        ("ተወሊደ ኣብ 15 መጋቢት 1990", "ti", "1990-03-15"),
        ("۱۵ حمل ۱۳۶۹ به دنیا آمدم", "fa_AF", "1990-04-04"),
        ("I was born on 15 March 1990", "en", "1990-03-15"),
        ("je suis né vers 1990", "fr", "~1990"),
        ("I am 34 years old", "en", "~1992"),
    ],
)
def test_dates_inside_sentences(typed: str, language: str, expected: str) -> None:
    assert value("date_of_birth", typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("መስከረም 1 1982", "am", "1989-09-11"),  # Ethiopian calendar: 7 to 8 years behind
        ("ጥር 10 1982", "am", "1990-01-18"),
        ("born Tir 10 1982 in the Ethiopian calendar", "en", "1990-01-18"),
        ("15 መጋቢት 1990", "ti", "1990-03-15"),  # Eritrea: Gregorian months, Tigrinya names
    ],
)
def test_ethiopian_dates_are_converted(typed: str, language: str, expected: str) -> None:
    assert value("date_of_birth", typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("I finished secondary school", "en", "secondary_upper"),
        ("j'ai fini le lycée", "fr", "secondary_upper"),
        ("ik heb de middelbare school afgemaakt", "nl", "secondary_upper"),
        ("درست في الجامعة، حقوق", "ar", "bachelor"),
        ("lise mezunuyum", "tr", "secondary_upper"),
        ("12 years of school", "en", "secondary_upper"),
    ],
)
def test_education_described_in_words(typed: str, language: str, expected: str) -> None:
    assert value("education_level", typed, language) == expected


@pytest.mark.parametrize(
    ("question_id", "typed", "language", "expected"),
    [
        ("dutch_level", "a little", "en", "a_little"), ("dutch_level", "een beetje", "nl", "a_little"),
        ("dutch_level", "شوية", "ar", "a_little"), ("digital_skills", "only WhatsApp", "en", "a_little"),
        ("housing_situation", "in the camp", "en", "azc"), ("housing_situation", "in het AZC", "nl", "azc"),
        ("main_wish", "I want to find a job", "en", "paid_work"),
    ],
)  # fmt: skip
def test_choices_described_in_words(question_id: str, typed: str, language: str, expected: str) -> None:
    assert value(question_id, typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("mornings except Friday", "en", ["mon_morning", "tue_morning", "wed_morning", "thu_morning"]),
        ("'s ochtends behalve vrijdag", "nl", ["mon_morning", "tue_morning", "wed_morning", "thu_morning"]),
        ("le matin sauf le vendredi", "fr", ["mon_morning", "tue_morning", "wed_morning", "thu_morning"]),
        ("Monday morning and Thursday afternoon", "en", ["mon_morning", "thu_afternoon"]),
    ],
)
def test_availability_in_words(typed: str, language: str, expected: list[str]) -> None:
    assert value("availability", typed, language) == expected


# -- codes, not free text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("I come from Syria, Aleppo", "en", "SY"), ("من سوريا", "ar", "SY"), ("ካብ ኤርትራ", "ti", "ER"),
        ("Suriye'den geldim", "tr", "SY"), ("از افغانستان هستم", "fa_AF", "AF"), ("Soomaaliya", "so", "SO"),
    ],
)  # fmt: skip
def test_countries_as_iso_codes(typed: str, language: str, expected: str) -> None:
    assert value("country_of_origin", typed, language) == expected


@pytest.mark.parametrize(("typed", "language"), [("ሆርን", "ti"), ("Hoorn", "en"), ("هورن", "ar")])
def test_a_dutch_town_is_no_country(typed: str, language: str) -> None:
    assert value("country_of_origin", typed, language) == "choice"


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("Arabic and English", "en", ["ar", "en"]),
        ("عربي وانجليزي", "ar", ["ar", "en"]),
        ("ትግርኛን ዓረብኛን", "ti", ["ti", "ar"]),
    ],
)
def test_languages_as_codes(typed: str, language: str, expected: list[str]) -> None:
    assert value("other_languages", typed, language) == expected


# -- commands never hijack answers, answers never hijack commands -------------------------------------


@pytest.mark.parametrize(
    ("typed", "language"),
    [("Jean Pierre Mukendi", "fr"), ("Personne Aminata Diallo", "fr"), ("Stop Tesfay Haile", "ti")],
)
def test_a_name_is_never_a_request(typed: str, language: str) -> None:
    """Even when the classifier is sure it is one (a three-word French name read as 'talk to a person')."""
    result = interpret(SCHEMA.question("full_name"), typed, language, "human_handoff", 0.97)
    assert result.kind == "answer"


@pytest.mark.parametrize(
    ("typed", "language"),
    [("yes, I have diabetes", "en"), ("ja, ik heb suikerziekte", "nl"), ("نعم عندي سكري", "ar")],
)
def test_a_health_answer_is_never_stop_for_now(typed: str, language: str) -> None:
    result = interpret(SCHEMA.question("physical_health_help"), typed, language, "pause", 0.93)
    assert result.kind == "answer" and result.reading is not None and result.reading.value == "yes"


@pytest.mark.parametrize(
    ("typed", "language", "wanted"),
    [
        ("go back please", "en", "back"), ("terug", "nl", "back"), ("رجوع", "ar", "back"),
        ("help", "en", "help"), ("ik wil een persoon spreken", "nl", "person"), ("stop for now", "en", "pause"),
    ],
)  # fmt: skip
def test_clear_requests_are_requests(typed: str, language: str, wanted: str) -> None:
    assert request_in(typed, language) == wanted
    assert interpret(SCHEMA.question("full_name"), typed, language).kind == "request"


@pytest.mark.parametrize(("typed", "language"), [("I went back to school", "en"), ("ik ging terug naar huis", "nl")])
def test_a_request_word_in_an_answer_is_no_request(typed: str, language: str) -> None:
    assert request_in(typed, language) is None


# -- corrections by name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language", "question_id"),
    [
        ("wait, my birthday is wrong", "en", "date_of_birth"),
        ("mijn geboortedatum is fout", "nl", "date_of_birth"),
        ("تاريخ ميلادي غلط", "ar", "date_of_birth"),
        ("the phone number I gave is not right", "en", "phone"),
        ("mon numéro de téléphone est faux", "fr", "phone"),
    ],
)
def test_a_correction_names_its_question(typed: str, language: str, question_id: str) -> None:
    found = correction_in(typed, language, ["full_name", "date_of_birth", "phone", "email"])
    assert found is not None and found[0] == question_id


# -- "I don't know", "I have none" -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "language", "said"),
    [
        ("I don't know", "en", "dont_know"), ("weet ik niet", "nl", "dont_know"), ("ما بعرف", "ar", "dont_know"),
        ("no email", "en", "none"), ("ایمیل ندارم", "fa", "none"), ("ኢሜይል የለኝም", "am", "none"),
    ],
)  # fmt: skip
def test_no_answers_said_in_words(typed: str, language: str, said: str) -> None:
    assert no_answer_in(typed, language) == said


# -- the schema holds what people tell -----------------------------------------------------------------------


def test_everyone_in_the_household_and_the_years_of_school_have_a_place() -> None:
    relation = SCHEMA.question("member_relation")
    assert {o.code for o in relation.options} >= {"parent", "sibling", "other_family", "other"}
    assert SCHEMA.question("member_age").type == "number"
    assert SCHEMA.question("schooling_years_total").type == "number"
    assert SCHEMA.question("country_of_origin").option("ER") is not None


@pytest.mark.parametrize(("typed", "language"), [("call me Amina", "en"), ("Stop Aminata", "en")])
def test_a_request_word_beside_a_name_is_a_name(typed: str, language: str) -> None:
    assert interpret(SCHEMA.question("full_name"), typed, language).kind == "answer"


@pytest.mark.parametrize(
    ("group_id", "typed", "language", "count"),
    [
        ("children", "yes, two daughters", "en", 2),
        ("children", "نعم عندي ٢ بنات", "ar", 2),
        ("jobs", "oui 2 travails", "fr", 2),
        ("household_members", "ja 3", "nl", 3),
    ],
)
def test_a_group_answer_that_counts_its_items(group_id: str, typed: str, language: str, count: int) -> None:
    reading = read(SCHEMA.question(group_id), typed, language, today=TODAY)
    assert reading.value == "yes" and len(reading.items) == count and not reading.others


@pytest.mark.parametrize(
    ("group_id", "typed", "language", "first"),
    [
        ("children", "yes, a son of 7 years old", "en", {"child_date_of_birth": "~2019"}),
        ("household_members", "my brother, 19 years old", "en", {"member_relation": "sibling", "member_age": 19}),
        ("jobs", "yes, driver 5 years in Syria", "en", {"job_years": 5, "job_country": "SY"}),
    ],
)
def test_an_age_or_years_is_no_count(group_id: str, typed: str, language: str, first: dict[str, object]) -> None:
    reading = read(SCHEMA.question(group_id), typed, language, today=TODAY)
    assert reading.value == "yes" and reading.others == first and not reading.items


@pytest.mark.parametrize(
    ("typed", "language", "name"),
    [
        # A correction inside the message: the name after it.
        ("Yonas Kidan... sorry I mean Yonas Kidane", "en", "Yonas Kidane"),
        ("احمد علي، لا عفوا، احمد عليوي", "ar", "احمد عليوي"),
        ("Mariam Barry... non pardon, Mariama Barry", "fr", "Mariama Barry"),
        # What follows a colon: "on my permit it says: ...", or labelled parts.
        ("On my residence permit it is written: Mulu Fesehaye Negusse", "en", "Mulu Fesehaye Negusse"),
        ("ኣብ ወረቐተይ ከምዚ ተጻሒፉ: ሳባ ተኽለ", "ti", "ሳባ ተኽለ"),
        ("Ad: Hasan, soyad: Celik", "tr", "Hasan Celik"),
        # A name set apart: Latin letters in another script, capitals among lowercase words.
        ("በፈቃዴ ላይ Tigist Alemayehu ተብሎ ተጽፏል", "am", "Tigist Alemayehu"),
        ("hi its Amina Hassan Abdi here", "en", "Amina Hassan Abdi"),
        ("op mijn pas staat Ibrahim Jama Ali", "nl", "Ibrahim Jama Ali"),
        # Without an introduction, the whole name comes first.
        ("Sahra Ismaaciil Nuur, laakiin dadku waxay i yiraahdaan Sahro", "so", "Sahra Ismaaciil Nuur"),
    ],
)
def test_names_in_the_ways_people_write_them(typed: str, language: str, name: str) -> None:
    assert read(SCHEMA.question("full_name"), typed, language).value == name


WEEKDAY_MORNINGS = ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"]


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("only mornings, Monday to Friday", "en"),
        ("ከሰኞ እስከ አርብ ጠዋት ብቻ", "am"),
        ("subaxda oo kaliya, Isniin ilaa Jimce", "so"),
        ("tenê sibehan, Duşem heta Înê", "ku"),
    ],
)
def test_a_range_of_weekdays(typed: str, language: str) -> None:
    reading = read(SCHEMA.question("availability"), typed, language)
    assert sorted(reading.value) == sorted(WEEKDAY_MORNINGS)


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("Somali... no sorry, Arabic", "en", ["ar"]),
        ("Farisî... na, Erebî", "ku", ["ar"]),
        ("ሶማሊ... ኖ ኖ ተጋግየ፣ ዓረብኛ", "ti", ["ar"]),
    ],
)
def test_a_choice_put_right_in_the_same_message(typed: str, language: str, expected: list[str]) -> None:
    assert read(SCHEMA.question("other_languages"), typed, language).value == expected


@pytest.mark.parametrize(
    ("typed", "language"), [("dont know exactly", "en"), ("مو متذكر بالضبط", "ar"), ("یادم نیست دقیقا", "fa")]
)
def test_i_dont_know_exactly_is_no_yes(typed: str, language: str) -> None:
    assert read(SCHEMA.question("digid_applied"), typed, language).value == "unknown"
