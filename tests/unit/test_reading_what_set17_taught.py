"""What set-16 left and the held-out set-17 taught, fixed in general (session 15).

Each cause is tested in at least three languages with our own sentences, not the set's wordings.
"""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.understanding import interpret
from tests.unit.test_intake_form import Conversation
from tests.unit.test_reading_what_set13_taught import outcome
from tests.unit.test_several_facts_in_an_item import answered_until


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # An address spelled out with the words for "_" and "-" (`email_words` in the word files).
        ("en", "its ahmed underscore ali 90 at hotmail dot com", "ahmed_ali90@hotmail.com"),
        ("nl", "ahmed liggend streepje ali at gmail.com", "ahmed_ali@gmail.com"),
        ("tr", "ahmet alt çizgi kaya et gmail nokta com", "ahmet_kaya@gmail.com"),
        ("fr", "sara tiret k arobase yahoo point fr", "sara-k@yahoo.fr"),
        # A known provider with the domain's end after a space.
        ("en", "ahmedali at gmail com", "ahmedali@gmail.com"),
        ("ku", "dilan.ali@hotmail com", "dilan.ali@hotmail.com"),
    ],
)
def test_an_address_spelled_out(language: str, text: str, wanted: str) -> None:
    assert outcome("email", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"), [("en", "ahmed at gmail"), ("fr", "mariam arobase hotmail"), ("ar", "ahmad at yahoo")]
)
def test_an_address_without_its_ending_is_asked_again(language: str, text: str) -> None:
    assert outcome("email", text, language)[0] == "refused"


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Days joined by "and", "to" or a comma share the part of the day said after the last.
        ("en", "monday and wednesday morning, also friday afternoon", ["mon_morning", "wed_morning", "fri_afternoon"]),
        ("ku", "sêşem û înê piştî nîvro", ["tue_afternoon", "fri_afternoon"]),
        ("tr", "pazartesi ve cuma sabah", ["mon_morning", "fri_morning"]),
        ("so", "talaado ilaa khamiis galabta", ["tue_afternoon", "wed_afternoon", "thu_afternoon"]),
        # A part before a day of another clause is the day's before it.
        ("fa_AF", "seshanbe sob, jumma bad az chasht", ["tue_morning", "fri_afternoon"]),
        ("tr", "salı sabah, cuma da bütün gün", ["tue_morning", "fri_morning", "fri_afternoon"]),
        # Hours from and to: the morning when they end by noon, the afternoon from noon on.
        ("en", "monday to wednesday from 8 to 11", ["mon_morning", "tue_morning", "wed_morning"]),
        ("nl", "donderdag van 13 tot 16 uur", ["thu_afternoon"]),
        (
            "ps",
            "هره ورځ له ۸ نه تر ۱۲ پورې",
            ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"],
        ),
    ],
)
def test_days_and_parts_of_the_day_said_together(language: str, text: str, wanted: list[str]) -> None:
    kind, value = outcome("availability", text, language)
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("tr", "tam anlamadım, kira benim paramdan mı kesilecek?"),
        ("en", "i dont get it, is the rent taken from my money?"),
        ("nl", "snap ik niet, wordt de huur van mijn geld betaald?"),
    ],
)
def test_a_question_back_gets_the_help_text_whatever_the_classifier_says(language: str, text: str) -> None:
    # The classifier's "I don't know" would put "(I don't know)" in the intake and move on.
    result = interpret(
        load_schema().question("housing_situation"), text, language, "dont_know", 0.95, today=date(2026, 12, 7)
    )
    assert (result.kind, result.request) == ("request", "help")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A "no" that answers "Does anyone else live with you?" is no correction of the partner.
        ("fr", "non, seulement ma femme et les enfants"),
        ("en", "no, just my wife and kids"),
        ("nl", "nee, alleen mijn vrouw en de kinderen"),
        ("tr", "hayır, sadece eşim ve çocuklar"),
    ],
)
def test_a_no_at_a_group_question_beside_the_partner_is_no_correction(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    slots: dict[str, object] = {**answered_until("household_members", language), "partner": "in_netherlands"}
    slots["answer_order"] = ["partner"]
    chat = Conversation(monkeypatch, requested_slot="household_members", **slots)
    chat.say(text)
    assert chat.slots["partner"] == "in_netherlands"
    assert chat.asked != "partner"


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # The years counted, and from when to when: the count (checked when the two disagree).
        ("nl", "job_years", "drie jaar, van 2015 tot 2018", 3),
        ("en", "education_years", "6 years, from 2001 to 2007", 6),
        ("fa", "job_years", "۱۰ سال از ۱۳۹۰ تا ۱۴۰۰", 10),
        ("tr", "job_years", "2010'dan 2015'e, beş yıl", 5),
    ],
)
def test_years_counted_beside_the_years_from_and_to(language: str, question_id: str, text: str, wanted: int) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A "no" alone in the first clause at a question with the option "none", a reason after it.
        ("fa", "نه، پسرم کارهای کامپیوتر رو انجام میده"),
        ("en", "no, my grandson helps me with it"),
        ("fr", "non, c'est ma fille qui fait tout"),
    ],
)
def test_a_no_then_a_reason_at_a_level_question_is_none(language: str, text: str) -> None:
    assert outcome("digital_skills", text, language) == ("answer", "none")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The month said with the word for "month" after the year, or with French "d'".
        ("ku", "2018 meha 5", "2018-05"),
        ("ar", "٢٠١٧ شهر ٤", "2017-04"),
        ("fr", "en 2014, au mois d'avril", "2014-04"),
        ("fr", "2019 au mois d'août", "2019-08"),
    ],
)
def test_a_month_said_after_the_year(language: str, text: str, wanted: str) -> None:
    assert outcome("child_date_of_birth", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A whole name first, then a clause about one of its words: the name said first.
        ("fr", "Marie Kanyinda Mbala, Kanyinda c'est le postnom", "Marie Kanyinda Mbala"),
        ("tr", "Mehmet Ali Yıldız, Ali ikinci adım", "Mehmet Ali Yıldız"),
        ("en", "Omar Faruk Hassan, Faruk is my middle name", "Omar Faruk Hassan"),
        # ... but a fuller name after it is the name.
        ("en", "Ali Hassan, Ali Hassan Mohammed", "Ali Hassan Mohammed"),
        # A family name in capitals before the given names is written as a name, in the order typed.
        ("fr", "MUKENDI Jeanne", "Mukendi Jeanne"),
        ("en", "ABDI Mohamed Hassan", "Abdi Mohamed Hassan"),
        ("nl", "HAILE Selam", "Haile Selam"),
    ],
)
def test_a_name_with_a_remark_or_in_capitals(language: str, text: str, wanted: str) -> None:
    assert outcome("full_name", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The month as a number beside the word "month" (an ordinal's ending or a small word
        # between), the other small number the day; where the number follows the word "month",
        # a number before it is the day's.
        ("en", "the 2nd of the 7th month 1990", "1990-07-02"),
        ("nl", "de 2e van de 7e maand 1990", "1990-07-02"),
        ("fr", "le 2 du 7eme mois 1990", "1990-07-02"),
        ("fa", "روز دوم ماه هفتم ۱۹۹۰", "1990-07-02"),
        ("ar", "يوم ٢ شهر ٧ ١٩٩٠", "1990-07-02"),
        # A number with the year between it and the month is no day ("the third one: 2019, month 8").
        ("ar", "التالت ٢٠١٩ شهر ٨", "2019-08"),
    ],
)
def test_a_month_said_as_a_number_beside_the_word_month(language: str, text: str, wanted: str) -> None:
    assert outcome("child_date_of_birth", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # A sentence about school or work answers the group question (`fields.schooling`,
        # `fields.jobs` in the word files); with a "not" it is a no.
        ("en", "jobs", "I worked in a bakery in Aleppo", "yes"),
        ("nl", "jobs", "ik heb in een fabriek gewerkt", "yes"),
        ("fa", "jobs", "در یک کارخانه کار میکردم", "yes"),
        ("ar", "schooling", "درست بالمدرسة لحد الصف السابع", "yes"),
        ("so", "schooling", "waxaan dhigan jiray dugsi hoose", "yes"),
        ("en", "schooling", "I never went to school", "no"),
        ("en", "jobs", "I never worked, I was at home", "no"),
    ],
)
def test_a_sentence_about_school_or_work_answers_the_group_question(
    language: str, question_id: str, text: str, wanted: str
) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "first_language"),
    [
        # "No other, only my own language" at *Which other languages?*: none; "other" said no
        # to is left out and the language said is the first one.
        ("fr", "aucune autre, juste le français", "fr"),
        ("tr", "başka yok, sadece türkçe", "tr"),
        ("en", "no other, only somali", "so"),
        ("so", "luqad kale ma aqaan, soomaali oo kaliya", "so"),
    ],
)
def test_no_other_language_only_the_own_one(language: str, text: str, first_language: str) -> None:
    question = load_schema().question("other_languages")
    result = interpret(question, text, language, earlier={"first_language": first_language}, today=date(2026, 12, 7))
    assert (result.kind, result.no_answer) == ("no_answer", "none")


def test_another_language_whose_name_is_forgotten_stays() -> None:
    assert outcome("other_languages", "arabic and some other, i forget the name", "en") == ("answer", ["ar", "other"])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A busy part of the day on some days, then only the free part: the days go with it.
        ("fr", "le matin j'ai cours du lundi au jeudi, donc l'après-midi"),
        ("nl", "'s ochtends taalles van maandag tot donderdag, dus 's middags"),
        ("en", "in the mornings i have class monday to thursday, so afternoons"),
    ],
)
def test_the_days_of_a_busy_part_go_with_the_free_part(language: str, text: str) -> None:
    kind, value = outcome("availability", text, language)
    wanted = ["mon_afternoon", "tue_afternoon", "wed_afternoon", "thu_afternoon"]
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


def test_a_free_part_said_first_is_every_day() -> None:
    kind, value = outcome("availability", "every morning, on monday afternoon i have class", "en")
    wanted = ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"]
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A word of "only" at the end is no request ("bas" is also "stop").
        ("ar", "ro7t madrase la7ad el saf el sabe3 bas"),
        ("ar", "رحت عالمدرسة للصف السادس بس"),
        ("fa_AF", "مکتب رفتم تا صنف شش فقط"),
    ],
)
def test_school_until_a_grade_only_answers_the_group_question(language: str, text: str) -> None:
    assert outcome("schooling", text, language) == ("answer", "yes")
