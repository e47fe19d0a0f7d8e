"""What the held-out set-20 taught (issue #10), each cause with our own sentences in at least
three languages: a rented home said with the verb ("we rented a house"); opening one's own shop
as the main wish; the days one is free with a day and part left out ("all week except Thursday
afternoon", "mornings, but Wednesday morning not"), a day said busy with its reason ("Tuesday
morning I have the doctor"), a "no" that ends its clause is no denial of the next one, an English
day written short that is a word of the person's language ("mon mari"); a phone number in tens
said with "and"; writing "with mistakes"; "I don't know... yes"."""

from __future__ import annotations

import pytest

from forms.schema import load_schema
from forms.understanding import interpret
from tests.unit.test_reading_what_set19_taught import TODAY, value_of

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
MORNINGS = [f"{day}_morning" for day in WEEKDAYS]
AFTERNOONS = [f"{day}_afternoon" for day in WEEKDAYS]
WEEK = MORNINGS + AFTERNOONS


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ti", "ገዛ ተኻሪና ኣብ Hoorn"),
        ("ti", "geza tekarina ab Medemblik"),
        ("am", "ቤት ተከራይተን ነው የምንኖረው"),
        ("en", "we rent a house in Hoorn"),
    ],
)
def test_a_rented_home_said_with_the_verb(language: str, text: str) -> None:
    assert value_of("housing_situation", text, language) == "own_home"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fa", "میخوام یه آرایشگاه برای خودم باز کنم"),
        ("ku", "dixwazim dikanekê vekim"),
        ("am", "የራሴን ሱቅ መክፈት እፈልጋለሁ"),
        ("fr", "ouvrir mon salon de coiffure"),
        ("nl", "een eigen winkel openen"),
    ],
)
def test_opening_ones_own_shop_is_own_business(language: str, text: str) -> None:
    assert value_of("main_wish", text, language) == "own_business"


def without(*options: str) -> list[str]:
    return sorted(option for option in WEEK if option not in options)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A day and a part left out together.
        ("en", "every day except Monday morning", without("mon_morning")),
        ("nl", "de hele week behalve vrijdagmiddag", without("fri_afternoon")),
        ("nl", "alleen 's ochtends, maar dinsdag ochtend niet", sorted(m for m in MORNINGS if m != "tue_morning")),
        # A day said busy, with its reason: left out of the rest.
        ("en", "mornings, but Tuesday morning I have the doctor", sorted(m for m in MORNINGS if m != "tue_morning")),
        ("fa_AF", "صبح ها، ولی پنجشنبه صبح داکتر دارم", sorted(m for m in MORNINGS if m != "thu_morning")),
        ("fr", "tous les jours, mais mercredi j'ai rendez-vous à l'hôpital", without("wed_morning", "wed_afternoon")),
        # A "no" ending its clause is not about the part that opens the next one.
        ("so", "subaxda maya, galabta waa fiican tahay", AFTERNOONS),
        ("en", "mornings no, afternoons are fine", AFTERNOONS),
    ],
)
def test_availability_with_a_day_and_part_left_out(language: str, text: str, expected: list[str]) -> None:
    assert sorted(value_of("availability", text, language)) == sorted(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "le mardi avec mon mari, le matin", ["tue_morning"]),
        ("en", "mon and wed", ["mon_morning", "mon_afternoon", "wed_morning", "wed_afternoon"]),
        ("ku", "سێشەمب و پێنجشەمب، هەینی نا", ["tue_morning", "tue_afternoon", "thu_morning", "thu_afternoon"]),
    ],
)
def test_weekdays_in_the_persons_own_words(language: str, text: str, expected: list[str]) -> None:
    assert sorted(value_of("availability", text, language)) == sorted(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text", "phone"),
    [
        ("fa", "صفر شیش، بیست و یک، سی و دو، چهل و سه، پنجاه و چهار", "+31621324354"),
        ("ar", "صفر ستة، واحد وعشرين، اتنين وتلاتين، تلاتة واربعين، اربعة وخمسين", "+31621324354"),
        ("nl", "nul zes, eenentwintig, tweeëndertig, drieënveertig, vierenvijftig", "+31621324354"),
    ],
)
def test_a_phone_number_in_tens_with_and(language: str, text: str, phone: str) -> None:
    assert value_of("phone", text, language) == phone


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ku", "bi xeletî dinivîsim"),
        ("en", "I write but with many mistakes"),
        ("tr", "yazıyorum ama hatalı"),
        ("fr", "j'écris avec des fautes"),
    ],
)
def test_writing_with_mistakes_is_a_little(language: str, text: str) -> None:
    assert value_of("writes_own_language", text, language) == "a_little"


def test_writing_without_mistakes_is_no_little() -> None:
    assert value_of("writes_own_language", "no mistakes, I write well", "en") != "a_little"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("ku", "nizanim.. belê, xew nayê", "yes"),
        ("fr", "je sais pas, non", "no"),
        ("ar", "ما بعرف، ايه بفكر كتير", "yes"),
    ],
)
def test_a_yes_or_no_after_i_dont_know(language: str, text: str, value: str) -> None:
    assert value_of("mental_health_help", text, language) == value


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("en", "why do you want my name? ok, Grace Atieno", "Grace Atieno"),
        ("nl", "waarom moet u mijn naam weten? goed, Omar Farah", "Omar Farah"),
        ("tr", "adım neden lazım? tamam, Elif Kaya", "Elif Kaya"),
        ("ar", "ليش بدكم اسمي؟ طيب، سامر الخطيب", "سامر الخطيب"),
        ("ti", "ስመይ ስለምንታይ ደሊኹም? ሕራይ፡ ዳዊት ገብሩ", "ዳዊት ገብሩ"),
    ],
)
def test_the_name_after_a_question_about_the_name(language: str, text: str, name: str) -> None:
    assert value_of("full_name", text, language) == name


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "where is the office? near the station"), ("ti", "ኣበይ ኢኹም ዘለኹም ሕጂ? ቢሮ ኣበይ እዩ")],
)
def test_words_after_another_question_are_no_name(language: str, text: str) -> None:
    result = interpret(load_schema().question("full_name"), text, language, today=TODAY)
    assert result.kind != "answer"


@pytest.mark.parametrize(
    ("question", "text", "name"),
    [
        ("full_name", "people call me Sunny but my real name is Sani Musa", "Sani Musa"),
        ("member_name", "we call him Baba but his name is Yohannes", "Yohannes"),
        # The name first, the nickname after it: the name.
        ("full_name", "its Mohammed Al Hassan but people call me Hamoudi", "Mohammed Al Hassan"),
    ],
)
def test_a_nickname_then_the_real_name(question: str, text: str, name: str) -> None:
    assert value_of(question, text, "en") == name


@pytest.mark.parametrize(
    ("language", "text", "languages"),
    [
        ("en", "Arabic yes, Turkish no, English a bit", ["ar", "en"]),
        ("fr", "arabe oui, anglais non, turc un peu", ["ar", "tr"]),
        ("nl", "Arabisch ja, Engels nee, Frans een beetje", ["ar", "fr"]),
        ("ti", "arabic ewe, english ayfal, amharic ewe", ["ar", "am"]),
        # A "no" that puts the list right is still a correction.
        ("en", "Somali, no sorry, Arabic", ["ar"]),
    ],
)
def test_each_language_with_its_own_yes_or_no(language: str, text: str, languages: list[str]) -> None:
    assert value_of("other_languages", text, language) == languages
