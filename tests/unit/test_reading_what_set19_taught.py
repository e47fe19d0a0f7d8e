"""What the held-out set-19 taught (issue #10), each cause with our own sentences in at least
three languages: another group item described without a yes ("before that a minibus driver" at
*Did you have another job?*); availability with a reason ("because mornings I have school"), a
part said not possible ("afternoons no, the children come home"), "never the afternoons"; an
e-mail dictated in Arabic or Persian script; a phone number in groups with words between, or
with number words after typed digits; the day of a date said after the month and the year."""

from __future__ import annotations

from datetime import date

import pytest

from forms.schema import load_schema
from forms.understanding import interpret
from tests.unit.test_intake_form import Conversation
from tests.unit.test_several_facts_in_an_item import answered_until

TODAY = date(2026, 12, 7)


def value_of(question_id: str, text: str, language: str) -> object:
    result = interpret(load_schema().question(question_id), text, language, today=TODAY)
    assert result.kind == "answer", (text, result)
    assert result.reading is not None
    return result.reading.value


# -- another item described, without a yes ------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("en", "yes I had a shop in Mekelle", "before that I drove a minibus"),
        ("ti", "እወ ኣብ መቐለ ድኳን ነይሩኒ", "ab port sudan shay ysheT neyre"),
        ("fr", "oui j'étais couturière à Goma", "avant ça vendeuse au marché"),
        ("ar", "نعم كنت سائق تكسي", "وقبلها اشتغلت بمطعم"),
    ],
)
def test_another_job_described_without_a_yes_opens_it(
    monkeypatch: pytest.MonkeyPatch, language: str, first: str, second: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="jobs", **answered_until("jobs", language))
    chat.say(first)
    assert chat.asked == "job_title"
    chat.say("shop owner" if language == "en" else first)
    chat.say("selling phones")
    chat.say("5")
    chat.say("ET")
    assert chat.asked == "jobs"  # "Did you have another job?"
    chat.say(second)
    # The description is the new job's title; what it did there is asked next.
    assert chat.asked == "job_tasks"
    assert chat.slots["job_title"] == second


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "what do you mean by job?"), ("fr", "je ne sais pas"), ("ar", "لا ما اشتغلت غيرها")],
)
def test_a_question_back_or_a_no_at_another_job_opens_none(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="jobs", **answered_until("jobs", language))
    chat.say(text)
    assert chat.asked != "job_title"


@pytest.mark.parametrize(
    ("language", "text", "level"),
    [
        ("en", "secondary school in Asmara", "secondary"),
        ("nl", "middelbare school in Syrië", "secondary"),
        ("so", "jaamacad ayaan dhigtay", "bachelor"),
    ],
)
def test_another_school_named_without_a_yes_opens_it(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str, level: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="schooling", **answered_until("schooling", language))
    chat.say(text)
    assert str(chat.slots.get("education_level", "")).startswith(level)


# -- availability -----------------------------------------------------------------------------------

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
MORNINGS = [f"{day}_morning" for day in WEEKDAYS]
AFTERNOONS = [f"{day}_afternoon" for day in WEEKDAYS]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A reason begins a clause of its own: the busy part is in it.
        ("en", "all afternoons because in the morning I have my course", AFTERNOONS),
        ("nl", "elke middag want ik heb les in de ochtend", AFTERNOONS),
        ("tr", "öğleden sonra çünkü sabah kursum var", AFTERNOONS),
        ("ar", "الصبح لانو بعد الضهر عندي شغل", MORNINGS),
        # A part said not possible, the rest of its clause why.
        ("so", "subaxdii waa fiican tahay, galabta maya shaqo ayaan leeyahay", MORNINGS),
        ("am", "ጠዋት ይሻለኛል፣ ከሰዓት አይሆንም ስራ አለኝ", MORNINGS),
        ("ti", "ንግሆ ይሓይሽ፡ ድሕሪ ቐትሪ ኣይከኣልን ስራሕ ኣሎኒ", MORNINGS),
        # "never" before the part (with an article between): left out, no correction.
        ("fr", "lundi matin et mercredi matin, jamais l'après-midi", ["mon_morning", "wed_morning"]),
        ("en", "monday and friday morning, never the afternoon", ["mon_morning", "fri_morning"]),
        # Days with the Tigrinya "and" ending, the Amharic form of Friday.
        ("ti", "ሰኑይ ንግሆ፡ ሓሙስን ዓርብን ኣይከኣለንን", ["mon_morning"]),
    ],
)
def test_availability_with_a_reason_or_a_part_not_possible(language: str, text: str, expected: list[str]) -> None:
    assert sorted(value_of("availability", text, language)) == sorted(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "lundi matin, non pardon, mardi matin", ["tue_morning"]),
        ("en", "monday morning no tuesday morning", ["tue_morning"]),
        ("en", "morning or afternoon doesn't matter", MORNINGS + AFTERNOONS),
    ],
)
def test_a_correction_of_availability_still_puts_it_right(language: str, text: str, expected: list[str]) -> None:
    assert sorted(value_of("availability", text, language)) == sorted(expected)  # type: ignore[arg-type]


# -- e-mail and phone ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        ("ar", "ايميلي salma.h ات جيميل دوت كوم", "salma.h@gmail.com"),
        ("fa", "ایمیلم reza77 ات جیمیل دات کام", "reza77@gmail.com"),
        ("ps", "bilal ات هاټمیل ډاټ کام", "bilal@hotmail.com"),
        ("ti", "yonas ኣት ጂሜይል ዶት ኮም", "yonas@gmail.com"),
        ("fr", "aline.k a gmail.com", "aline.k@gmail.com"),
    ],
)
def test_an_email_dictated_in_the_persons_script(language: str, text: str, address: str) -> None:
    assert value_of("email", text, language) == address


@pytest.mark.parametrize(
    ("language", "text", "phone"),
    [
        ("en", "it's 0645 then 221 then 908", "+31645221908"),
        ("ar", "رقمي 0645 بعدين 221 بعدين 908", "+31645221908"),
        ("tr", "0645 sonra 221 sonra 908", "+31645221908"),
        ("en", "06 two four zero zero one one three three", "+31624001133"),
        ("fr", "06 un deux trois quatre cinq six sept huit", "+31612345678"),
    ],
)
def test_a_phone_number_in_groups_or_with_number_words_after_digits(language: str, text: str, phone: str) -> None:
    assert value_of("phone", text, language) == phone


def test_three_small_numbers_are_no_phone_number() -> None:
    result = interpret(load_schema().question("phone"), "I have 3 kids aged 4 5 and 7", "en", today=TODAY)
    assert result.kind != "answer"


# -- dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ar", "شباط 1991، اليوم 12", "1991-02-12"),
        ("ku", "Adar 1988, roj 3", "1988-03-03"),
        ("ps", "جنوري ۱۹۷۹، ورځ یې ۱۷", "1979-01-17"),
        ("en", "june 2001, the day 9", "2001-06-09"),
        # An age before the date belongs to its own number: the day after it is the day.
        ("tr", "41 yaşındayım, 12 mart 1985", "1985-03-12"),
        ("en", "I am 41, 12 march 1985", "1985-03-12"),
    ],
)
def test_the_day_said_after_the_month_and_year(language: str, text: str, expected: str) -> None:
    assert value_of("date_of_birth", text, language) == expected


# -- names typed by someone else, or with a part said again ------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("en", "I am the volunteer, his name is Tesfay Gebru", "Tesfay Gebru"),
        ("ar", "انا جارتها بكتب عنها، اسمها سعاد محمد", "سعاد محمد"),
        ("fa", "من دخترش هستم، اسمش مریم رحیمی", "مریم رحیمی"),
        ("so", "aniga waxaan ahay deriskeeda, magaceedu waa Faadumo Cali", "Faadumo Cali"),
        ("ku", "ez cîranê wî me, navê wî Azad Silêman e", "Azad Silêman"),
        # The person's own name first, a relative's after: the person's.
        ("en", "I am Fatima, my husband's name is Ali", "Fatima"),
        ("ar", "انا فاطمة، اسم زوجي علي", "فاطمة"),
    ],
)
def test_the_name_after_its_own_introduction_over_an_i_am(language: str, text: str, name: str) -> None:
    assert value_of("full_name", text, language) == name


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("en", "its Samuel Tesfaye, Tesfaye is my fathers name", "Samuel Tesfaye"),
        ("fr", "mon nom c'est Aline Kabongo, prénom Aline", "Aline Kabongo"),
        ("tr", "benim adım Zeynep Arslan, soyadım Arslan", "Zeynep Arslan"),
        ("nl", "Naam: Ahmad Karimi. Achternaam Karimi", "Ahmad Karimi"),
    ],
)
def test_a_part_of_the_name_said_again_is_not_added(language: str, text: str, name: str) -> None:
    assert value_of("full_name", text, language) == name


# -- a total said in parts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "total"),
    [
        ("en", "9 school plus 3 college", 12),
        ("ti", "8 ዓመት ቤት ትምህርቲ + 2 ኮሌጅ", 10),
        ("ar", "٦ ابتدائي و ٣ اعدادي", 9),
        ("nl", "6 jaar basisschool en 4 jaar middelbare school", 10),
        ("so", "8 sano dugsi iyo 4 jaamacad", 12),
    ],
)
def test_the_years_of_school_in_parts_add_up(language: str, text: str, total: int) -> None:
    assert value_of("schooling_years_total", text, language) == total


@pytest.mark.parametrize(
    ("language", "text", "value"), [("en", "2 or 3 years", 3), ("en", "12, 6 primary and 6 secondary", 12)]
)
def test_numbers_not_said_as_parts_are_not_added(language: str, text: str, value: int) -> None:
    assert value_of("schooling_years_total", text, language) == value


def test_a_job_of_some_years_is_no_total() -> None:
    # Only a question that asks a total adds up ("adds_up" in forms/intake.yaml).
    result = interpret(load_schema().question("job_years"), "3 and 4", "en", today=TODAY)
    assert not (result.kind == "answer" and result.reading is not None and result.reading.value == 7)


# -- words people use ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "language", "text", "value"),
    [
        ("partner", "nl", "ja, zijn vrouw woont bij hem", "in_netherlands"),
        ("partner", "en", "yes, his wife lives with him", "in_netherlands"),
        ("partner", "ps", "هو، مېړه مې راسره دی", "in_netherlands"),
        ("partner", "fa_AF", "shoharam wafat kada", "no"),
        ("job_years", "ar", "3eshrin sana", 20),
        ("job_years", "ar", "sanateen bas", 2),
        ("schooling_years_total", "ar", "wala sana", 0),
    ],
)
def test_words_set19_was_missing(question: str, language: str, text: str, value: object) -> None:
    assert value_of(question, text, language) == value


# -- the calendar of an earlier date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "own_date", "child_date", "expected"),
    [
        # Megabit 22, 2005 and Yekatit 1, 2016 in the Ethiopian calendar.
        ("ti", "ሓምለ 4 1968 ብግእዝ", "ጓለይ መጋቢት 22 2005", "2013-03-31"),
        ("ti", "ሓምለ 4 1968 ብግእዝ", "ለካቲት 1 2016", "2024-02-09"),
        ("am", "ሐምሌ 4 1968 ዓ.ም", "ልጄ የካቲት 1 2016", "2024-02-09"),
        ("en", "4 Hamle 1968 Ethiopian calendar", "Megabit 22 2005", "2013-03-31"),
    ],
)
def test_a_childs_date_is_read_in_the_calendar_of_the_persons_own(
    monkeypatch: pytest.MonkeyPatch, language: str, own_date: str, child_date: str, expected: str
) -> None:
    slots = answered_until("children", language)
    chat = Conversation(monkeypatch, requested_slot="children", **slots, answer_texts={"date_of_birth": own_date})
    chat.say("/affirm", intent="affirm")
    assert chat.asked == "child_date_of_birth"
    chat.say(child_date)
    assert chat.slots["child_date_of_birth"] == expected


def test_a_childs_date_stays_gregorian_when_the_persons_own_was() -> None:
    # Without an earlier Ethiopian date, "መጋቢት" from an Eritrean is March.
    result = interpret(load_schema().question("child_date_of_birth"), "መጋቢት 22 2015", "ti", today=TODAY)
    assert result.reading is not None and result.reading.value == "2015-03-22"


# -- requests, complaints, "but no", "only us" ------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "je dois arrêter, on reprend demain?"),
        ("so", "hadda waan joojinayaa, berri ayaan sii wadi"),
        ("ti", "ሕጂ ደው ክብል፡ ጽባሕ ንቕጽል"),
        ("am", "አሁን ላቁም፣ ነገ እንቀጥላለን"),
    ],
)
def test_stopping_for_today_at_a_free_text_question_is_a_pause(language: str, text: str) -> None:
    result = interpret(load_schema().question("anything_else"), text, language, today=TODAY)
    assert (result.kind, result.request) == ("request", "pause")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "mijn knie doet pijn, maar ik kan lopen"),
        ("tr", "dizim ağrıyor ama yürüyorum"),
        ("so", "jilibka ayaa i xanuuna laakiin waan socdaa"),
        ("ti", "ብርከይ የሕመኒ ግን እኸይድ"),
        ("ar", "ركبتي بتوجعني بس بمشي"),
    ],
)
def test_a_complaint_at_the_health_question_is_a_yes(language: str, text: str) -> None:
    assert value_of("physical_health_help", text, language) == "yes"


@pytest.mark.parametrize(("language", "text"), [("en", "no pain, I am healthy"), ("ar", "لا الحمدلله ما في شي")])
def test_no_complaint_at_the_health_question_is_a_no(language: str, text: str) -> None:
    assert value_of("physical_health_help", text, language) == "no"


@pytest.mark.parametrize(
    ("language", "text", "languages"),
    [
        ("ti", "ዓረብን ኣምሓርኛን፡ እንግሊዝኛ ግን የለን", ["ar", "am"]),
        ("am", "ትግርኛ እና አረብኛ፣ እንግሊዝኛ ግን አይደለም", ["ti", "ar"]),
        ("tr", "arapça ve kürtçe, ingilizce ama yok", ["ar", "kmr"]),
    ],
)
def test_a_language_with_but_no_after_it_is_left_out(language: str, text: str, languages: list[str]) -> None:
    assert value_of("other_languages", text, language) == languages


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fa", "فقط من و همسرم"),
        ("ku", "tenê ez û jina min"),
        ("ps", "یوازې زه او ماشومان"),
        ("en", "only me and the kids"),
    ],
)
def test_only_the_person_partner_and_children_at_anyone_else_is_a_no(language: str, text: str) -> None:
    assert value_of("household_members", text, language) == "no"


def test_only_a_relative_at_anyone_else_is_a_yes() -> None:
    assert value_of("household_members", "only my mother", "en") == "yes"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "Pourquoi vous demandez ça ? Non, je l'ai pas encore demandé.", "no"),
        ("en", "what is digid? yes, my son did it for me", "yes"),
        ("nl", "wat is dat? ja, mijn dochter heeft het aangevraagd", "yes"),
    ],
)
def test_a_yes_or_no_set_apart_after_a_question_back_answers(language: str, text: str, value: str) -> None:
    assert value_of("digid_applied", text, language) == value


@pytest.mark.parametrize(("language", "text"), [("en", "what is digid? no idea what that is")])
def test_a_question_back_with_no_answer_after_it_gets_help(language: str, text: str) -> None:
    result = interpret(load_schema().question("digid_applied"), text, language, today=TODAY)
    assert result.kind != "answer"


# -- ordinal words for the day and the month ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "the third day of the fifth month 1988", "1988-05-03"),
        ("nl", "de derde dag van de vijfde maand 1988", "1988-05-03"),
        ("fr", "le troisième jour du cinquième mois 1988", "1988-05-03"),
        ("ar", "اليوم التاني من الشهر الخامس ١٩٨٨", "1988-05-02"),
        ("so", "maalinta saddexaad ee bisha shanaad 1988", "1988-05-03"),
        ("ti", "ሳልሳይ መዓልቲ ሓሙሻይ ወርሒ 1988", "1988-05-03"),
        ("am", "ሶስተኛው ቀን አምስተኛው ወር 1988", "1988-05-03"),
        ("ku", "roja sêyemîn a meha pêncemîn 1988", "1988-05-03"),
    ],
)
def test_a_date_said_with_ordinal_words(language: str, text: str, expected: str) -> None:
    assert value_of("date_of_birth", text, language) == expected


@pytest.mark.parametrize(
    ("question", "language", "text", "expected"),
    [
        # Ordinals are no numbers elsewhere: "secondary" is no "second", the second child no day.
        ("education_level", "en", "secondary until grade 8 then I stopped", "secondary_lower"),
        ("schooling_years_total", "fr", "6 ans primaire + 7 ans secondaire = 13", 13),
        ("child_date_of_birth", "tr", "ikinci çocuk ağustos 2020", "2020-08"),
        ("child_date_of_birth", "so", "tan labaad abriil 2021", "2021-04"),
    ],
)
def test_ordinal_words_outside_dates_are_no_numbers(question: str, language: str, text: str, expected: object) -> None:
    assert value_of(question, text, language) == expected
