"""What the held-out set-21 taught (issue #10), each cause with our own sentences in at least
three languages: the day of a date as an ordinal word beside a month name ("the tenth of June");
the Netherlands named in a later message is no country of origin; options read with certainty
are no correction of another question they mention; a child's date put right where the wrong
one was said in another calendar; "whatsapp, tiktok, that's all"; "two or three people"; a rented
home "with my sister"; parts of the day joined by an ending ("ጠዋትም ከሰዓትም"); "never" after a
day; "ok. then no"; a nickname after the name; Dutch numbers written as one word."""

from __future__ import annotations

import pytest

from forms.schema import load_schema
from forms.understanding import Interpretation, interpret
from tests.unit.test_intake_form import Conversation
from tests.unit.test_reading_what_set19_taught import TODAY, value_of
from tests.unit.test_several_facts_in_an_item import answered_until

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def interpreted(question_id: str, text: str, language: str) -> Interpretation:
    """The message read at the question as the dialogue reads it, without the classifier."""
    return interpret(load_schema().question(question_id), text, language, None, 0.0, lambda m: m, TODAY)


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("en", "date_of_birth", "nineteen eighty seven, the twenty first of March", "1987-03-21"),
        ("fr", "date_of_birth", "je suis née le vingt-troisième jour de mai 1991", "1991-05-23"),
        ("nl", "date_of_birth", "de derde april 1979", "1979-04-03"),
        ("tr", "date_of_birth", "1975 yılının mart ayının on beşinci günü", "1975-03-15"),
        ("tr", "child_date_of_birth", "oğlum 2019 doğumlu, ekimin dokuzunda", "2019-10-09"),
        ("ar", "date_of_birth", "العشرين من شهر ايار ١٩٨٣", "1983-05-20"),
        ("ps", "date_of_birth", "د ۱۳۶۰ کال د سلواغې لسمه", "1982-01-30"),
        ("ps", "date_of_birth", "1362 kal da hamal 5ma", "1983-03-25"),
        ("am", "date_of_birth", "የጥር ወር በአስራ አምስተኛው ቀን 1975 ዓ.ም", "1983-01-23"),
        # Not the rank of a child beside a word for the child.
        ("en", "child_date_of_birth", "my second son, june 2020", "2020-06"),
        ("tr", "child_date_of_birth", "üçüncü çocuğum nisan 2021", "2021-04"),
        # Not the first of a number said in words: "بیست و یکم" is the twenty-first.
        ("fa", "child_date_of_birth", "بیست و یکم اسفند ۹۷", "2019-03-12"),
    ],
)
def test_the_day_as_an_ordinal_beside_a_month_name(language: str, question: str, text: str, expected: str) -> None:
    assert value_of(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "asked", "text"),
    [
        # A free-text answer that names the Netherlands with a word of change.
        ("am", "anything_else", "የኢትዮጵያ መንጃ ፍቃዴን ወደ ሆላንድ መቀየር እፈልጋለሁ"),
        ("en", "anything_else", "sorry, I want to change my Syrian licence to a Dutch one"),
        # A "no" with a language named by its country.
        ("tr", "interpreter_needed", "hayır, İngilizce ya da biraz Hollandaca konuşabiliriz"),
        ("ar", "interpreter_needed", "لا، بحكي انكليزي وشوي هولندي"),
    ],
)
def test_the_netherlands_said_later_is_no_country_of_origin(
    monkeypatch: pytest.MonkeyPatch, language: str, asked: str, text: str
) -> None:
    slots: dict[str, object] = {**answered_until(asked, language), "country_of_origin": "ET"}
    slots["answer_order"] = ["full_name", "country_of_origin", "municipality"]
    chat = Conversation(monkeypatch, requested_slot=asked, **slots)
    chat.say(text)
    assert chat.slots["country_of_origin"] == "ET"
    assert "utter_correcting" not in chat.responses


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ps", "سهار، کله چې ماشومان ښوونځي کې وي، خو چهارشنبه نه", ["mon", "tue", "thu", "fri"]),
        ("en", "mornings when the children are at school, but not on wednesday", ["mon", "tue", "thu", "fri"]),
        ("fr", "le matin quand les enfants sont à l'école, pas le mercredi", ["mon", "tue", "thu", "fri"]),
    ],
)
def test_options_read_surely_are_no_correction_of_another_question(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str, expected: list[str]
) -> None:
    slots: dict[str, object] = {**answered_until("availability", language), "early_education_info": "yes"}
    slots["answer_order"] = ["date_of_birth", "early_education_info", "digital_skills"]
    chat = Conversation(monkeypatch, requested_slot="availability", **slots)
    chat.say(text)
    assert "utter_correcting" not in chat.responses
    assert chat.slots["availability"] == [f"{day}_morning" for day in expected]


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("fa", "ببخشید تاریخ تولد پسرم رو اشتباه گفتم، ۵ دی نیست، ۱۵ دی ۱۳۷۹", "2001-01-04"),
        ("en", "sorry, my son's birthday is not 25 December, it is the 4th of January 2001", "2001-01-04"),
        ("nl", "sorry, mijn zoon is niet op 25 december geboren maar op 4 januari 2001", "2001-01-04"),
    ],
)
def test_a_childs_date_put_right_without_the_wrong_year(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str, wanted: str
) -> None:
    """The wrong date said without its year (or in another calendar): the child whose date is
    within a month of the new one is meant; the person's own date stays."""
    slots: dict[str, object] = {**answered_until("availability", language), "date_of_birth": "1972-05-04"}
    slots["answer_order"] = ["date_of_birth", "children"]
    children = [
        {"values": {"child_date_of_birth": "1996-08-10", "child_lives_with_you": "no"}, "texts": {}},
        {"values": {"child_date_of_birth": "2000-12-25", "child_lives_with_you": "yes"}, "texts": {}},
    ]
    slots["group_items"] = {"children": {"items": children, "open": False}}
    chat = Conversation(monkeypatch, requested_slot="availability", **slots)
    chat.say(text)
    items = chat.slots["group_items"]["children"]["items"]
    assert [item["values"]["child_date_of_birth"] for item in items] == ["1996-08-10", wanted]
    assert chat.slots["date_of_birth"] == "1972-05-04"


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        # Only the apps of a phone: a little.
        ("fr", "digital_skills", "whatsapp, tiktok, c'est tout", "a_little"),
        ("en", "digital_skills", "facebook and youtube that's it", "a_little"),
        ("ar", "digital_skills", "واتساب وفيسبوك وبس", "a_little"),
        ("am", "digital_skills", "ዋትስአፕ እና ቲክቶክ ብቻ", "a_little"),
        # Two or three people: a few.
        ("fr", "social_contacts", "deux ou trois Guinéens à Hoorn", "few"),
        ("en", "social_contacts", "two or three Eritreans in Enkhuizen", "few"),
        ("so", "social_contacts", "laba ama saddex qof oo Soomaali ah", "few"),
        # The home said first, then who lives there too; the family's home said first.
        ("ku", "housing_situation", "xaniyê kirê bi birayê xwe re", "own_home"),
        ("en", "housing_situation", "a rented flat with my brother", "own_home"),
        ("so", "housing_situation", "guri kiro ah, aniga iyo walaashay", "own_home"),
        ("en", "housing_situation", "at my uncle's, in his house", "family_friends"),
    ],
)
def test_choices_said_the_everyday_way(language: str, question: str, text: str, expected: str) -> None:
    assert value_of(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Parts of the day joined by an ending: "ጠዋትም ከሰዓትም" (mornings and afternoons).
        (
            "am",
            "ሰኞ፣ ረቡዕ እና አርብ፣ ጠዋትም ከሰዓትም",
            ["mon_morning", "mon_afternoon", "wed_morning", "wed_afternoon", "fri_morning", "fri_afternoon"],
        ),
        # "Never" after a day.
        ("tr", "öğleden sonraları, ama salı hiç olmaz", [f"{d}_afternoon" for d in WEEKDAYS if d != "tue"]),
        ("tr", "sabahlari, cuma hic olmaz", [f"{d}_morning" for d in WEEKDAYS if d != "fri"]),
        ("en", "afternoons, but never on monday", [f"{d}_afternoon" for d in WEEKDAYS if d != "mon"]),
    ],
)
def test_availability_said_the_everyday_way(language: str, text: str, expected: list[str]) -> None:
    assert sorted(value_of("availability", text, language)) == sorted(expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "ok. then no, nobody is coming", "no"),
        ("fr", "d'accord. alors non", "no"),
        ("nl", "oké. dan nee", "no"),
        ("en", "no. yes, my wife is still in Ethiopia", "yes"),
    ],
)
def test_an_answer_after_an_ok_is_the_answer_checked(language: str, text: str, expected: str) -> None:
    result = interpreted("family_reunification", text, language)
    assert result.reading is not None and result.reading.value == expected


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("so", "magaceygu waa Faadumo Cali Xasan, dadku waxay igu yeeraan Faadumo Yare", "Faadumo Cali Xasan"),
        ("nl", "Hij heet Yusuf Bakr. Iedereen noemt hem Abu Ali, maar dat is niet zijn echte naam.", "Yusuf Bakr"),
        ("en", "She is Hawa Musa. People call her Mama Hawa, but that is not her real name", "Hawa Musa"),
    ],
)
def test_a_nickname_after_the_name(language: str, text: str, name: str) -> None:
    assert value_of("full_name", text, language) == name


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("nl", "rent", "zeshonderdvijfenveertig euro", 645),
        ("nl", "rent", "ongeveer achthonderd per maand", 800),
        ("nl", "member_age", "hij is tweeënzeventig", 72),
        ("ti", "rent", "ሸሞንተ ሚእትን ሓምሳን", 850),
    ],
)
def test_numbers_written_as_one_word_or_joined_by_an_ending(
    language: str, question: str, text: str, expected: int
) -> None:
    assert value_of(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # "All except X: Y and Z": the language after "except" (Turkish, Pashto: before it) is left out.
        ("fr", "toutes sauf l'arabe: français et anglais", ["fr", "en"]),
        ("ku", "hemû ji bilî Tirkî: Erebî û Îngilîzî", ["ar", "en"]),
        ("en", "all except Farsi: Arabic and English", ["ar", "en"]),
        ("tr", "Arapça hariç hepsi: Farsça ve İngilizce", ["fa", "en"]),
        ("ps", "له دري پرته یوازې انګلیسي", ["en"]),
        # A "not" that denies is read as before.
        ("en", "Arabic and English, but not French", ["ar", "en"]),
    ],
)
def test_languages_said_with_except(language: str, text: str, expected: list[str]) -> None:
    assert value_of("other_languages", text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "can I talk to a real person please, not a computer"),
        ("tr", "bir insanla konuşabilir miyim, robotla değil"),
        ("fa_AF", "میشه با یک آدم گپ بزنم؟ نه با ماشین"),
        ("am", "ከሰው ጋር ማውራት እችላለሁ? ከማሽን ጋር አይደለም"),
    ],
)
def test_a_person_asked_for_then_what_is_not_wanted(language: str, text: str) -> None:
    result = interpreted("full_name", text, language)
    assert (result.kind, result.request) == ("request", "person")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "samir.k.1990@gmail.com sorry 1991 not 1990", "samir.k.1991@gmail.com"),
        ("nl", "fatma77@hotmail.com nee 78 niet 77", "fatma78@hotmail.com"),
        ("tr", "ayse.k84@gmail.com yok 85 olacak", "ayse.k85@gmail.com"),
    ],
)
def test_a_number_in_the_address_put_right_after_it(language: str, text: str, expected: str) -> None:
    result = interpreted("email", text, language)
    assert result.reading is not None and result.reading.value == expected
    assert result.reading.certainty < 0.9  # checked with the person


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ku", "ez e-mailê bi kar naynim"),
        ("so", "email ma isticmaalo"),
        ("ar", "ما بستعمل ايميل ابدا"),
        ("fr", "je n'utilise pas les emails"),
        ("tr", "e-posta kullanmıyorum hiç"),
    ],
)
def test_i_do_not_use_email_is_none(language: str, text: str) -> None:
    result = interpreted("email", text, language)
    assert (result.kind, result.no_answer) == ("no_answer", "none")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "hold on, I have to get my residence card"),
        ("nl", "wacht even, ik zoek mijn verblijfspas"),
        ("ar", "لحظة بدي جيب الاقامة"),
        ("am", "ቆይ መታወቂያዬን ላምጣ"),
    ],
)
def test_a_pause_to_look_up_the_papers(language: str, text: str) -> None:
    result = interpreted("date_of_birth", text, language)
    assert (result.kind, result.request) == ("request", "pause")


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        # "I am healthy" at the health question is a no.
        ("am", "physical_health_help", "ጤነኛ ነኝ፣ እግዚአብሔር ይመስገን", "no"),
        ("ps", "physical_health_help", "روغ یم، شکر", "no"),
        ("fa_AF", "physical_health_help", "صحتم خوب است", "no"),
        ("en", "physical_health_help", "healthy, thank god", "no"),
        # A fine or a letter from the CJIB is a debt.
        ("en", "debts", "only a train fine from the CJIB, 90 euro", "yes"),
        ("fa_AF", "debts", "یک جریمه از CJIB دارم", "yes"),
        ("tr", "debts", "bir trafik cezası var, ödeyemedim", "yes"),
    ],
)
def test_yes_or_no_said_by_describing_it(language: str, question: str, text: str, expected: str) -> None:
    assert value_of(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "لسا ما بعرف وين رح يعطونا البيت"),
        ("so", "weli ma garanayo meesha nala geynayo"),
        ("en", "I don't know yet where they will give us a house"),
    ],
)
def test_not_knowing_yet_where_one_will_live(language: str, text: str) -> None:
    result = interpreted("municipality", text, language)
    assert (result.kind, result.no_answer) == ("no_answer", "dont_know")


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        # About one number, then exactly another: the exact one.
        ("fr", "rent", "à peu près 650, exactement 642", 642),
        ("ku", "rent", "nêzî 600, rast 587", 587),
        ("en", "rent", "about 700, 689 exactly", 689),
        # Years of school said per school: the total.
        ("tr", "schooling_years_total", "5 ilkokul 3 ortaokul 4 lise", 12),
        ("fr", "schooling_years_total", "5 primaire + 4 secondaire", 9),
        ("am", "schooling_years_total", "6 የመጀመሪያ ደረጃ፣ 2 ሁለተኛ ደረጃ", 8),
    ],
)
def test_numbers_said_in_two_steps(language: str, question: str, text: str, expected: int) -> None:
    assert value_of(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "question", "text"),
    [
        ("fa_AF", "email", "میشه انگلیسی ادامه بدیم؟"),
        ("nl", "phone", "kunnen we in het Engels verder? dat is makkelijker"),
        ("tr", "email", "arapça devam edebilir miyiz lütfen?"),
        ("ps", "email", "په دري خبرې وکړو؟"),
    ],
)
def test_another_language_asked_for_in_a_sentence(language: str, question: str, text: str) -> None:
    result = interpreted(question, text, language)
    assert (result.kind, result.request) == ("request", "language")


@pytest.mark.parametrize(
    ("language", "question", "text"),
    [
        ("en", "dream_job", "Arabic teacher"),
        ("nl", "courses", "een cursus Engels bij de bibliotheek"),
        ("fr", "other_languages", "arabe et anglais"),
        ("en", "interpreter_language", "Tigrinya please"),
        ("en", "driving_licence_country", "the Turkish one"),
        ("fa", "phone", "هنوز سیمکارت هلندی نگرفتم"),
    ],
)
def test_a_language_named_in_an_answer_is_no_switch(language: str, question: str, text: str) -> None:
    result = interpreted(question, text, language)
    assert result.request != "language"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Everyday short replies the word files lacked: spoken contractions, a polite word before
        # a pause, a word for an official.
        ("fa", "ندونم", ("no_answer", "dont_know")),
        ("fa_AF", "نمیفامم", ("no_answer", "dont_know")),
        ("ti", "ኣምላኽ ይፍለጥ", ("no_answer", "dont_know")),
        ("fa_AF", "ببخشید، حالا میخواهم توقف کنم", ("request", "pause")),
        ("ps", "بښنه غواړم، اوس غواړم ودرېږم", ("request", "pause")),
        ("so", "bini aadam", ("request", "person")),
        ("fa_AF", "مسئول لطفا", ("request", "person")),
    ],
)
def test_everyday_short_replies(language: str, text: str, expected: tuple[str, str]) -> None:
    result = interpreted("date_of_birth", text, language)
    assert (result.kind, result.request or result.no_answer) == expected
