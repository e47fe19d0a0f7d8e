"""Answers typed the way people type them (issue #10, causes learnt on the studied set-4): Amharic,
Tigrinya, Dari, Farsi, Pashto and Arabic in Latin letters ("awo", "yebleyn", "nadarum", "la2"),
Kurmanji with and without its letters, option descriptions that were missing in several
languages ("yes a few", "we rent a house", "my husband died", "nursing school"), and Somali
ordinal months ("bishii sagaalaad"). Each cause in at least three languages.

These are the team's own examples; the held-out evaluation is bench/understanding/ (never tuned to).
"""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.understanding import interpret

TODAY = date(2026, 12, 6)
SCHEMA = load_schema()
WEEK = ("mon", "tue", "wed", "thu", "fri")


def understood(question_id: str, text: str, language: str) -> object:
    """What the dialogue takes the message for: the value, or the kind of no-answer or request."""
    result = interpret(SCHEMA.question(question_id), text, language, today=TODAY)
    if result.kind == "answer" and result.reading is not None:
        value = result.reading.value
        return sorted(value) if isinstance(value, list) else value
    return result.no_answer or result.request or result.kind


def days(*names: str, part: str) -> list[str]:
    return sorted(f"{day}_{part}" for day in names)


# -- cause 1: Latin letters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("am", "driving_licence", "awo alegn", "yes"),
        ("am", "bank_account", "aydelem, yelegnim", "no"),
        ("am", "has_smartphone", "alegn", "yes"),
        ("ti", "bank_account", "ewe aloni", "yes"),
        ("ti", "driving_licence", "aykonen", "no"),
        ("ti", "health_insurance", "yebleyn", "no"),
        ("fa_AF", "bank_account", "ne nadarum", "no"),
        ("fa_AF", "driving_licence", "bale darum", "yes"),
        ("fa_AF", "debts", "hich", "no"),
        ("fa", "bank_account", "are daram", "yes"),
        ("fa", "driving_licence", "na nadaram", "no"),
        ("ps", "bank_account", "ho laram", "yes"),
        ("ps", "driving_licence", "na nishta", "no"),
        ("ps", "benefit", "sahi da", "yes"),
        ("ar", "bank_account", "eh 3andi", "yes"),
        ("ar", "driving_licence", "la2 ma3andi", "no"),
        ("ku", "bank_account", "erê heye", "yes"),
        ("ku", "driving_licence", "nexer tine", "no"),
    ],
)
def test_yes_no_have_and_have_not_in_latin_letters(language: str, question: str, text: str, expected: str) -> None:
    assert understood(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("ti", "dutch_level", "qelil", "a_little"),
        ("ti", "english_level", "tsbuq", "good"),
        ("ti", "dutch_level", "ftsimu", "none"),
        ("am", "dutch_level", "tinish tinish", "a_little"),
        ("am", "english_level", "mekakelegna", "reasonable"),
        ("am", "english_level", "betam tiru", "good"),
        ("fa_AF", "dutch_level", "kami", "a_little"),
        ("fa_AF", "english_level", "khub", "good"),
        ("fa", "english_level", "motevaset", "reasonable"),
        ("ps", "dutch_level", "lag lag", "a_little"),
        ("ps", "english_level", "der kha", "good"),
        ("ar", "dutch_level", "shway", "a_little"),
        ("ar", "english_level", "ma3qool", "reasonable"),
        ("ku", "dutch_level", "hineki", "a_little"),
        ("ku", "english_level", "pir bash", "good"),
    ],
)
def test_language_levels_in_latin_letters(language: str, question: str, text: str, expected: str) -> None:
    assert understood(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ti", "senuy ngho, rebue dhri qetri", ["mon_morning", "wed_afternoon"]),
        ("ti", "kulu mealti ngho", days(*WEEK, part="morning")),
        (
            "ti",
            "kulu meal'ti bzeyka arbi",
            sorted(
                days("mon", "tue", "wed", "thu", part="morning") + days("mon", "tue", "wed", "thu", part="afternoon")
            ),
        ),
        ("am", "maksegno tewat ena hamus keseat", ["thu_afternoon", "tue_morning"]),
        ("am", "beyeqenu tewat besteqer arb", days("mon", "tue", "wed", "thu", part="morning")),
        ("fa_AF", "chaharshanbe sobh, juma bad az chasht", ["fri_afternoon", "wed_morning"]),
        ("fa_AF", "har roz sobh ghair az juma", days("mon", "tue", "wed", "thu", part="morning")),
        ("fa", "doshanbe va chaharshanbe sobh", ["mon_morning", "wed_morning"]),
        ("ps", "doshanba sahar aw panjshanba maspakhin", ["mon_morning", "thu_afternoon"]),
        ("ps", "hara wraz sahar perta juma", days("mon", "tue", "wed", "thu", part="morning")),
        ("ar", "el sob7 kel yom ma3ada el jom3a", days("mon", "tue", "wed", "thu", part="morning")),
        ("ar", "el tlata ba3d el dohr", ["tue_afternoon"]),
        ("ku", "hemi roj sibe", days(*WEEK, part="morning")),
        ("ku", "hemû roj piştî nîvro ji bili ini", days("mon", "tue", "wed", "thu", part="afternoon")),
        ("ku", "dushem u charshem sibe", ["mon_morning", "wed_morning"]),
    ],
)
def test_days_day_parts_every_day_and_except_in_latin_letters(language: str, text: str, expected: list[str]) -> None:
    assert understood("availability", text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ti", "sebeytey ab ethiopia ala", "abroad"),
        ("ti", "sebeytey moyta", "no"),
        ("ti", "msay alo", "in_netherlands"),
        ("am", "balebete ezih new", "in_netherlands"),
        ("am", "miste ethiopia nat", "abroad"),
        ("am", "bale motual", "no"),
        ("fa_AF", "shawharam dar pakistan ast", "abroad"),
        ("fa_AF", "khanumam inja ast", "in_netherlands"),
        ("fa_AF", "shoharam faut kada", "no"),
        ("fa", "hamsaram ba ma zendegi mikone", "in_netherlands"),
        ("ps", "khaza me dalta da", "in_netherlands"),
        ("ps", "mere me pa pakistan ke de", "abroad"),
        ("ar", "zawjti b sourya", "abroad"),
        ("ar", "zawji twaffa", "no"),
        ("ku", "jina min li vir e", "in_netherlands"),
        ("ku", "mere min mir", "no"),
    ],
)
def test_partner_words_in_latin_letters(language: str, text: str, expected: str) -> None:
    assert understood("partner", text, language) == expected


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("fa_AF", "member_relation", "madaram", "parent"),
        ("fa_AF", "member_relation", "beradaram", "sibling"),
        ("fa", "member_relation", "khaharam", "sibling"),
        ("ps", "member_relation", "mor me", "parent"),
        ("ar", "member_relation", "emmi", "parent"),
        ("ti", "member_relation", "adey", "parent"),
        ("ku", "member_relation", "xwiska min", "sibling"),
        ("ti", "social_contacts", "ewe qurub", "few"),
        ("fa_AF", "social_contacts", "ha chand nafar", "few"),
        ("ps", "social_contacts", "ho der", "many"),
        ("ku", "social_contacts", "na tu kes", "none"),
        ("fa_AF", "housing_situation", "khana kiraya", "own_home"),
        ("ps", "housing_situation", "da wror kor", "family_friends"),
        ("ku", "housing_situation", "li cem birayê xwe", "family_friends"),
    ],
)
def test_household_and_contacts_in_latin_letters(language: str, question: str, text: str, expected: str) -> None:
    assert understood(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("ti", "shimey Yonas Tesfay eyu", "Yonas Tesfay"),
        ("am", "sime Tigist Bekele new", "Tigist Bekele"),
        ("fa_AF", "nami man Zahra Haidari ast", "Zahra Haidari"),
        ("fa_AF", "nami Zahra Haidari", "Zahra Haidari"),
        ("fa", "esmam Sara Ahmadi hast", "Sara Ahmadi"),
        ("ps", "num me Gul Khan de", "Gul Khan"),
        ("ar", "ismi Rania Haddad", "Rania Haddad"),
        ("ku", "nave min Rojda Ali ye", "Rojda Ali"),
    ],
)
def test_name_introductions_in_latin_letters(language: str, text: str, name: str) -> None:
    assert understood("full_name", text, language) == name


# -- cause 2: option descriptions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("ar", "dutch_level", "معقول", "reasonable"),
        ("fa", "english_level", "معقول", "reasonable"),
        ("en", "english_level", "reasonably well", "reasonable"),
        ("en", "social_contacts", "yes a few", "few"),
        ("ar", "social_contacts", "ايه شوي", "few"),
        ("ps", "social_contacts", "هو څو کسان", "few"),
        ("fa", "social_contacts", "آره چند نفر", "few"),
        ("tr", "social_contacts", "hayır kimse", "none"),
        ("fr", "social_contacts", "non personne", "none"),
        ("am", "social_contacts", "አዎ ብዙ", "many"),
    ],
)
def test_levels_and_contacts_described(language: str, question: str, text: str, expected: str) -> None:
    assert understood(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "I want my diploma recognised and study here", "study"),
        ("ar", "بدي ادرس هون مشان معادلة شهادتي", "study"),
        ("fa", "میخوام اینجا درس بخونم", "study"),
        ("en", "open my own garage", "own_business"),
        ("nl", "mijn eigen garage beginnen", "own_business"),
        ("fr", "ouvrir mon propre garage", "own_business"),
        ("tr", "kendi dükkanımı açmak", "own_business"),
        ("en", "study and also work", "work_and_study"),
        ("fr", "étudier et aussi travailler", "work_and_study"),
        ("ar", "ادرس واشتغل", "work_and_study"),
        ("fa", "هم درس هم کار", "work_and_study"),
    ],
)
def test_main_wishes_described(language: str, text: str, expected: str) -> None:
    assert understood("main_wish", text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "we rent a house in Hoorn", "own_home"),
        ("fr", "nous louons une maison", "own_home"),
        ("ar", "مستأجرين بيت", "own_home"),
        ("tr", "kirada oturuyoruz", "own_home"),
        ("en", "at my brother's house", "family_friends"),
        ("fa", "خونه برادرم", "family_friends"),
        ("so", "guriga walaalkay", "family_friends"),
    ],
)
def test_housing_described(language: str, text: str, expected: str) -> None:
    assert understood("housing_situation", text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "my husband lives with us", "in_netherlands"),
        ("nl", "mijn man woont bij ons", "in_netherlands"),
        ("fr", "mon mari habite avec nous", "in_netherlands"),
        ("en", "my wife is in Ethiopia", "abroad"),
        ("nl", "mijn vrouw is in Ethiopië", "abroad"),
        ("en", "my husband passed away", "no"),
        ("tr", "kocam vefat etti", "no"),
        ("ar", "زوجي توفى الله يرحمه", "no"),
    ],
)
def test_partner_described(language: str, text: str, expected: str) -> None:
    assert understood("partner", text, language) == expected


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("en", "education_level", "the first years of secondary", "secondary_lower"),
        ("ar", "education_level", "إعدادية", "secondary_lower"),
        ("ar", "education_level", "e3dadiye", "secondary_lower"),
        ("ku", "education_level", "dibistana navendi", "secondary_lower"),
        ("en", "education_level", "paramedical school", "vocational"),
        ("nl", "education_level", "verpleegkunde opleiding", "vocational"),
        ("fr", "education_level", "école d'infirmières", "vocational"),
        ("en", "education_level", "ISK", "other"),
        ("nl", "education_level", "taalschool", "other"),
        ("tr", "education_level", "dil kursu", "other"),
        ("en", "other_languages", "pidgin", ["other"]),
        ("en", "other_languages", "english and pidgin", ["en", "other"]),
        ("fr", "other_languages", "un peu d'anglais", ["en"]),
    ],
)
def test_schooling_and_languages_described(language: str, question: str, text: str, expected: object) -> None:
    assert understood(question, text, language) == expected


# -- cause 3: Somali ordinal months ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 bishii sagaalaad 1990", "1990-09-15"),
        ("15-ka bishii 9aad 1990", "1990-09-15"),
        ("3 bishii 12aad 1985", "1985-12-03"),
        ("4 bishii afaraad 1993", "1993-04-04"),
        ("2 bisha 2-aad 1999", "1999-02-02"),
        ("bishii saddexaad 1988", "1988-03"),
    ],
)
def test_somali_ordinal_months(text: str, expected: str) -> None:
    assert understood("date_of_birth", text, "so") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ar", "ta2riban sept 1990", "~1990-09"),
        ("ar", "7awali 1990", "~1990"),
        ("ps", "taqriban 1990", "~1990"),
        ("ti", "darga 1985", "~1985"),
        ("am", "1990 gedema", "~1990"),
    ],
)
def test_about_a_year_in_latin_letters(language: str, text: str, expected: str) -> None:
    # The digit of Arabizi "ta2riban" (about) is no day of the month.
    assert understood("date_of_birth", text, language) == expected


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        # Turkish converbs: "working and studying".
        ("tr", "main_wish", "hem okuyup hem çalışmak", "work_and_study"),
        ("tr", "main_wish", "çalışıp okumak istiyorum", "work_and_study"),
        # Tigrinya "-ን ... -ን" (and) on the part of the day.
        ("ti", "availability", "ሰሉስ ድሕሪ ቐትርን ሓሙስ ንግሆን", ["thu_morning", "tue_afternoon"]),
        ("ti", "availability", "selus dhri qetrin hamus nghon", ["thu_morning", "tue_afternoon"]),
        # Pashto "په ... کې" (in) around the house.
        ("ps", "housing_situation", "د خور په کور کې", "family_friends"),
        ("ps", "housing_situation", "da wror pa kor ke", "family_friends"),
    ],
)
def test_words_in_their_grammatical_forms(language: str, question: str, text: str, expected: object) -> None:
    assert understood(question, text, language) == expected
