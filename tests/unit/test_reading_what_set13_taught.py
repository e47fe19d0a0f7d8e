"""What the held-out set set-13 taught, fixed in general (session 13).

Each cause is tested in at least three languages with our own sentences, not the set's wordings.
"""

from __future__ import annotations

from datetime import date

import pytest

from forms.readers import read, request_in
from forms.schema import load_schema
from forms.understanding import Interpretation, interpret
from tests.unit.test_intake_form import Conversation
from tests.unit.test_several_facts_in_an_item import answered_until

TODAY = date(2026, 12, 6)


def outcome(question_id: str, text: str, language: str) -> tuple[str, object]:
    result: Interpretation = interpret(load_schema().question(question_id), text, language, today=TODAY)
    if result.kind in ("request", "check_request"):
        return result.kind, result.request
    if result.kind == "no_answer":
        return "no_answer", result.no_answer
    if result.kind == "answer" and result.reading is not None:
        return "answer", result.reading.value
    return result.kind, None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # An answer in the clauses before a question back stands ("…, is that Hoorn?").
        ("en", "we got a house in Zwaag, is that Hoorn?"),
        ("nl", "we wonen in Zwaag, hoort dat bij Hoorn?"),
        ("ti", "ኣብ ዝዋግ ኢና ዘለና, ሆርን ድዩ?"),
        ("fr", "on habite à Zwaag, c'est Hoorn non ?"),
    ],
)
def test_an_answer_before_a_question_back(language: str, text: str) -> None:
    assert outcome("municipality", text, language) == ("answer", "0405")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "what is an azc?"), ("nl", "wat is een azc eigenlijk?"), ("fr", "c'est quoi un azc ?")],
)
def test_a_question_back_alone_still_asks_for_help(language: str, text: str) -> None:
    assert outcome("housing_situation", text, language) == ("request", "help")


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # "My own language", "the same language I write in": the language of the chat.
        ("en", "interpreter_language", "in the same language I am typing now", "en"),
        ("ar", "interpreter_language", "بنفس اللغة اللي عم اكتب فيها", "ar"),
        ("ku", "interpreter_language", "bi zimanê xwe yê dayikê", "kmr"),
        ("ti", "interpreter_language", "ብቋንቋይ ይሓይሽ", "ti"),
        ("fa_AF", "first_language", "زبان مادری خودم", "fa_AF"),
        # A language named wins over "my language".
        ("ti", "first_language", "ቋንቋይ ትግረ እዩ", "tig"),
        ("en", "first_language", "my mother tongue is Somali", "so"),
    ],
)
def test_own_language_is_the_chat_language(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Own-locale CLDR abbreviations of Monday to Friday.
        ("nl", "di en vr 's middags", ["tue_afternoon", "fri_afternoon"]),
        ("nl", "ma ochtend en do middag", ["mon_morning", "thu_afternoon"]),
        # Dutch "na" (after) is no English "na" (no): the day stays.
        ("nl", "woensdag na 2 uur", ["wed_afternoon"]),
        ("en", "wednesday after 2", ["wed_afternoon"]),
        ("tr", "çarşamba saat 2den sonra", ["wed_afternoon"]),
    ],
)
def test_weekdays_abbreviated_and_after_an_hour(language: str, text: str, wanted: list[str]) -> None:
    assert outcome("availability", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A longer "no" phrase first, then a question back: the "no" answers.
        ("nl", "nee nog niet, wat is dat precies?"),
        ("fr", "non pas encore, ça sert à quoi ?"),
        ("en", "no not yet, what is it?"),
    ],
)
def test_a_no_phrase_before_a_question_back_answers(language: str, text: str) -> None:
    assert outcome("digid_applied", text, language) == ("answer", "no")


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # Names of a doubled syllable are names, not noise.
        ("nl", "member_name", "ze heet Lemlem", "Lemlem"),
        ("en", "member_name", "her name is Lemlem", "Lemlem"),
        ("ti", "member_name", "ለምለም", "ለምለም"),
        ("ar", "member_name", "اسمها لولو", "لولو"),
        # Tigrinya "ሽማ" (her name), as people say it.
        ("ti", "member_name", "ሽማ ሳባ እያ", "ሳባ"),
        # "… is my name" with a word of politeness after it.
        ("en", "full_name", "Hawa Abdi Nur is my name sir", "Hawa Abdi Nur"),
        ("en", "full_name", "Grace Okello is my name, thank you", "Grace Okello"),
        ("nl", "full_name", "Farid Rahimi is mijn naam alstublieft", "Farid Rahimi"),
    ],
)
def test_names(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(("language", "text"), [("en", "asdasd"), ("en", "hahaha"), ("ti", "ሀሀሀሀ"), ("ar", "هههههه")])
def test_noise_is_still_no_name(language: str, text: str) -> None:
    assert outcome("full_name", text, language)[0] == "refused"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A first clause that is the request alone asks for it, whatever the reason holds.
        ("en", "pause, I have to get the kids from school"),
        ("fr", "pause, je dois aller chercher les enfants"),
        ("nl", "pauze, ik moet de kinderen ophalen"),
    ],
)
def test_a_request_first_and_its_reason(language: str, text: str) -> None:
    assert outcome("debts", text, language) == ("request", "pause")


def test_the_ethiopian_calendar_said_as_by_the_ethiopian() -> None:
    # ሓምለ 12 1984 by the Ethiopian (calendar) is 19 July 1992.
    assert outcome("date_of_birth", "ሓምለ 12 1984 ብናይ ኢትዮጵያ", "ti") == ("answer", "1992-07-19")


# -- what set-14 taught (studied after its one measurement) -------------------------------------------


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # "not" right before an option's words: that option is not said.
        ("en", "partner", "no, the father of my children is not with us", "no"),
        ("nl", "housing_situation", "niet meer in het azc, we huren een huis", "own_home"),
        ("fr", "housing_situation", "plus dans le camp, on loue un appartement", "own_home"),
        ("ar", "housing_situation", "مو بالكامب، ساكنين ببيت ايجار", "own_home"),
        # "Still" and "yet" are no "not": still in the AZC.
        ("tr", "housing_situation", "hala azcdeyim", "azc"),
        ("fa", "housing_situation", "هنوز تو کمپ هستیم", "azc"),
    ],
)
def test_an_option_said_not_to_be(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # The first number is the sum of the others: the total.
        ("en", "schooling_years_total", "14 years, 6 primary, 6 secondary and 2 college", 14),
        ("nl", "schooling_years_total", "12 jaar, 6 basisschool en 6 middelbare", 12),
        # A "not" before the last number, or a "no" after it: the last one is the wrong one.
        ("en", "member_age", "she is 60 not 61", 60),
        ("nl", "member_age", "ze is 67, niet 68", 67),
        ("ar", "member_age", "عمرها ٦٠ مو ٦١", 60),
        ("ps", "member_age", "شل کاله دی، یوویشت نه", 20),
        # "2, no, 3" still puts it right.
        ("en", "member_age", "2 no sorry 3", 3),
        # Latin-typed Pashto hundreds.
        ("ps", "rent", "shpag sawa aw pinza", 605),
    ],
)
def test_several_numbers(language: str, question_id: str, text: str, wanted: int) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "yes one friend lives with me"),
        ("ps", "ho yaw malgaray me rasara osegi"),
        ("nl", "ja, een vriend woont bij ons"),
    ],
)
def test_one_in_a_group_answer_is_no_age(language: str, text: str) -> None:
    reading = read(load_schema().question("household_members"), text, language)
    assert reading.value == "yes"
    assert "member_age" not in reading.others


@pytest.mark.parametrize(
    ("language", "text"),
    [("ps", "لږ، نوم مې لیکلی شم"), ("en", "yes I can write, a little slow"), ("fr", "un peu, je peux écrire mon nom")],
)
def test_a_little_qualifies_i_can(language: str, text: str) -> None:
    assert outcome("writes_own_language", text, language) == ("answer", "a_little")


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # A known name by its sound in another script, one letter apart.
        ("ps", "health_insurer", "زیلورن کروس", "Zilveren Kruis"),
        ("fa", "landlord", "ووون کمپانی", "Wooncompagnie"),
        ("ar", "landlord", "انترماريس", "Intermaris"),
    ],
)
def test_known_names_by_sound(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        ("en", "main_wish", "i want to open my own barber shop", "own_business"),
        ("en", "housing_situation", "we have a rent house now", "own_home"),
        ("ps", "availability", "dushanba aw charshanba la gharmi wrusta", ["mon_afternoon", "wed_afternoon"]),
    ],
)
def test_words_the_files_lacked(language: str, question_id: str, text: str, wanted: object) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "my head is tired from all these many questions"),
        ("nl", "mijn hoofd is moe van al die vragen vandaag"),
    ],
)
def test_a_long_message_the_classifier_alone_calls_pause_is_checked(language: str, text: str) -> None:
    result = interpret(load_schema().question("housing_situation"), text, language, "pause", 0.9, today=TODAY)
    assert request_in(text, language) is None
    assert (result.kind, result.request) == ("check_request", "pause")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "sorry my son is 3 february 2023? no it is 13 february 2023"),
        ("nl", "sorry, mijn zoon is geboren op 13 februari 2023, niet 3 februari"),
        ("fr", "pardon mon fils est né le 13 février 2023, pas le 3"),
    ],
)
def test_a_correction_of_the_child_still_open(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    """At "Do you have another child?" the child just told of is still open (its answers in the
    item slots): a correction of its date of birth puts that right, and the question stays."""
    slots: dict[str, object] = {**answered_until("children", language), "date_of_birth": "1985-10-03"}
    slots["answer_order"] = ["date_of_birth", "child_date_of_birth", "child_lives_with_you"]
    slots["group_items"] = {"children": {"items": [], "open": True}}
    slots["children"] = None
    slots["child_date_of_birth"] = "2023-02-03"
    slots["child_lives_with_you"] = "yes"
    chat = Conversation(monkeypatch, requested_slot="children", **slots)
    chat.say(text)
    assert chat.slots["child_date_of_birth"] == "2023-02-13"
    assert chat.slots["date_of_birth"] == "1985-10-03"
    assert chat.asked == "children"


@pytest.mark.parametrize(
    ("language", "slot", "text", "kept"),
    [
        # A "no" that answers the yes/no question asked is no correction of the question it names.
        ("en", "interpreter_needed", "no I can speak english", ("english_level", "good")),
        ("en", "feels_lonely", "no, my wife is with me here", ("partner", "in_netherlands")),
        ("nl", "interpreter_needed", "nee, mijn Engels is goed genoeg", ("english_level", "good")),
        # "نه" (also "from") beside a word for town at a free-text question corrects nothing.
        ("ps", "courses", "بار مې له یو ښار نه بل ته وړ", ("municipality", "0405")),
    ],
)
def test_a_no_beside_a_question_name_is_no_correction(
    monkeypatch: pytest.MonkeyPatch, language: str, slot: str, text: str, kept: tuple[str, str]
) -> None:
    slots: dict[str, object] = {**answered_until(slot, language)}
    slots[kept[0]] = kept[1]
    slots["answer_order"] = [kept[0]]
    chat = Conversation(monkeypatch, requested_slot=slot, **slots)
    chat.say(text)
    assert chat.slots[kept[0]] == kept[1]
    assert chat.asked != kept[0]


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A name, then how the papers write it: the name as on the papers.
        ("tr", "mehmet ali yilmaz, ikamet kartinda mehmet yilmaz", "Mehmet Yilmaz"),
        ("ti", "ስመይ ሰላም ተኽለ ሃብተ እዩ፡ ኣብ ፍቓድ ግን ሰላም ተኽለ", "ሰላም ተኽለ"),
        ("en", "Abdi Hassan Nur, on my permit it is Abdi Nur", "Abdi Nur"),
        ("fa_AF", "zahra rahimi, dar kart Zahra Rahimy nawishta", "Zahra Rahimy"),
        # A remark about the permit without a name keeps the name said.
        ("fr", "je m'appelle Awa Traoré comme sur mon titre de séjour", "Awa Traoré"),
        ("en", "Samuel Okello, sorry Samuel Okelo with one l, the permit has one l", "Samuel Okelo"),
    ],
)
def test_the_name_as_on_the_papers(language: str, text: str, wanted: str) -> None:
    assert outcome("full_name", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"), [("ku", "هێشتا نزانم"), ("en", "i dont know yet"), ("fr", "je sais pas encore")]
)
def test_i_dont_know_yet_is_the_option_not_sure(language: str, text: str) -> None:
    assert outcome("main_wish", text, language) == ("answer", "not_sure")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ku", "ma şaredarî alîkariya mobîlyayan jî dike?"),
        ("en", "does the gemeente also pay for furniture?"),
        ("fa", "این اطلاعات به اداره مهاجرت هم میره؟"),
    ],
)
def test_a_question_back_is_no_company_name(language: str, text: str) -> None:
    assert outcome("energy_company", text, language) == ("request", "help")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The relation said first, another clause saying whose son it is (checked with the person).
        ("fr", "mon neveu, le fils de ma grande soeur", "other_family"),
        ("en", "my nephew, the son of my sister", "other_family"),
        # In one clause the order of words differs by language: the word files decide.
        ("ps", "د ورور زوی مې", "other_family"),
    ],
)
def test_a_relation_explained_after_it(language: str, text: str, wanted: str) -> None:
    assert outcome("member_relation", text, language) == ("answer", wanted)


def test_a_short_word_inside_a_longer_one_is_no_none() -> None:
    # "فنی" (technical) holds "نی" (no): a welder or any technical work is an answer.
    assert outcome("dream_job", "جوشکار یا هر کار فنی", "fa")[0] == "answer"


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # "Not a robot": a person, in the words people use.
        ("en", "not a robot pls", "person"),
        ("nl", "geen robot aub", "person"),
        ("fr", "pas un robot svp", "person"),
        ("ar", "ما بدي روبوت", "person"),
        ("fa", "ربات نمیخوام", "person"),
        # "I made a mistake" in Latin Persian and Pashto: back.
        ("fa", "eshtebah zadam", "back"),
        ("fa_AF", "galat zadom", "back"),
        ("ps", "ghalat me wawahal", "back"),
        # Wait a little: pause.
        ("ar", "stanna shwaya", "pause"),
        ("ps", "sabar waka", "pause"),
        ("ti", "qurub tsebeyuni", "pause"),
    ],
)
def test_short_requests_in_everyday_words(language: str, text: str, wanted: str) -> None:
    assert outcome("date_of_birth", text, language) == ("request", wanted)


@pytest.mark.parametrize(
    ("language", "text"), [("fa_AF", "maloom nist"), ("ps", "maloma na da"), ("fa", "aslan nemidoonam")]
)
def test_not_known_is_i_dont_know_not_no(language: str, text: str) -> None:
    assert outcome("digid_applied", text, language) == ("answer", "unknown")


@pytest.mark.parametrize(
    ("language", "text"), [("fa_AF", "افغانستان، هرات"), ("ps", "افغانستان، هرات"), ("fa", "ایران، هرات نزدیک مرز")]
)
def test_a_town_beside_the_country_of_origin_is_no_municipality(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    """Herat sounds like Hauwert (Medemblik): beside a country, a town of that country."""
    slots = answered_until("country_of_origin", language)
    chat = Conversation(monkeypatch, requested_slot="country_of_origin", **slots)
    chat.say(text)
    assert chat.slots.get("municipality") is None
    assert chat.asked == "municipality"


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # An Ethiopian month name with a date still to come in that calendar: a Gregorian date,
        # the month as people abroad name it (Ginbot is May, Tir January).
        ("ትንሹ በ2022 ግንቦት 3 እዚህ ሆላንድ", "2022-05-03"),
        ("ginbot 3 2022", "2022-05-03"),
        ("ጥር 2020 ተወለደች", "2020-01"),
        # A date that has been in the Ethiopian calendar stays Ethiopian.
        ("ግንቦት 3 2010", "2018-05-11"),
    ],
)
def test_ethiopian_month_names_with_a_gregorian_year(text: str, wanted: str) -> None:
    assert outcome("child_date_of_birth", text, "am") == ("answer", wanted)


# -- what set-15 taught (studied after its one measurement) -------------------------------------------


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # A spelling put right: the word put right in its place, the rest of the name kept.
        ("en", "full_name", "Ibrahim Mohammed, sorry Mohamed with one m", "Ibrahim Mohamed"),
        ("nl", "full_name", "Hawa Yusuf... sorry Yussuf met dubbel s", "Hawa Yussuf"),
        ("fr", "full_name", "Mariama Conde, pardon Kondé avec K", "Mariama Kondé"),
        # How it is spelled out after the name is no part of it.
        ("nl", "member_name", "Yassin, met dubbel s", "Yassin"),
        ("fr", "member_name", "Annabelle avec deux n", "Annabelle"),
        ("fa", "member_name", "محمدرضا سر هم", "محمدرضا"),
        # "No" between two spellings puts the name right; it is no "no".
        ("ps", "member_name", "ګلالۍ، نه ګلاله", "ګلاله"),
        ("ku", "member_name", "Zîne, na Zîna bi a", "Zîna"),
        ("ar", "member_name", "فاطمة، لا فاطما بالالف", "فاطما"),
    ],
)
def test_a_name_spelled_and_put_right(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"), [("ps", "نوم یې نه وایم"), ("en", "i rather not say"), ("fa", "اسمش رو نمیخوام بگم")]
)
def test_declining_to_give_a_name_still_declines(language: str, text: str) -> None:
    assert outcome("member_name", text, language) == ("no_answer", "skipped")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "Is there someone who speaks <language>?": a person.
        ("tr", "kurtce bilen biri var mi"),
        ("so", "qof carabi ku hadla ma jiraa"),
        ("ti", "ዓረብኛ ዝዛረብ ሰብ ኣሎ ዶ"),
        ("en", "is there somebody who speaks somali"),
        # The case manager's Dutch title, in any language.
        ("ar", "consulent"),
        ("ps", "case manager"),
    ],
)
def test_someone_who_speaks_my_language_is_a_person(language: str, text: str) -> None:
    assert outcome("date_of_birth", text, language) == ("request", "person")


def test_someone_who_speaks_it_at_the_interpreter_question_is_the_answer() -> None:
    assert outcome("interpreter_language", "ትግርኛ ዝዛረብ ሰብ", "ti") == ("answer", "ti")
