"""The causes behind the misses of the held-out set `set-9` (bench/understanding/set-9), fixed in
general and tested here in at least three languages each, in our own words."""

from __future__ import annotations

import pytest

from forms.readers import read
from forms.readers.matching import word_matches
from forms.schema import load_schema
from forms.understanding import Interpretation, interpret
from tests.unit.test_intake_form import Conversation
from tests.unit.test_several_facts_in_an_item import answered_until


def question(question_id: str):  # type: ignore[no-untyped-def]
    return load_schema().question(question_id)


def outcome(result: Interpretation) -> tuple[str, object]:
    if result.kind == "answer":
        assert result.reading is not None
        return "answer", result.reading.value
    if result.kind == "no_answer":
        return "no_answer", result.no_answer
    return result.kind, result.request


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I prefer not to say"),
        ("en", "i dont want to answer that"),
        ("nl", "dat wil ik niet zeggen"),
        ("ar", "ما بدي احكي عن هالشي"),
        ("tr", "söylemek istemiyorum"),
        ("am", "መናገር አልፈልግም"),
        ("fr", "je veux pas en parler"),
    ],
)
def test_declining_at_a_yes_no_question_is_skipped_not_no(language: str, text: str) -> None:
    # The "not" of "I don't want to say" declines; it is no "no" (health and debts were stored as "no").
    assert outcome(interpret(question("debts"), text, language)) == ("no_answer", "skipped")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "no, and I don't want to say more"), ("nl", "nee, en meer wil ik niet zeggen")],
)
def test_a_no_said_before_declining_more_stays_no(language: str, text: str) -> None:
    assert outcome(interpret(question("debts"), text, language)) == ("answer", "no")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "i dont understand what this means"), ("nl", "ik begrijp het niet"), ("tr", "anlamadım ne demek")],
)
def test_not_understanding_at_a_yes_no_question_asks_for_help(language: str, text: str) -> None:
    assert outcome(interpret(question("diploma_evaluation"), text, language)) == ("request", "help")


@pytest.mark.parametrize(
    ("language", "text"), [("fa_AF", "خدا میفامه"), ("en", "my wife knows"), ("nl", "mijn dochter weet het")]
)
def test_i_dont_know_to_a_yes_no_question_is_the_answer_unknown(language: str, text: str) -> None:
    # The same value as the "I don't know" button; not a separate "no answer".
    assert outcome(interpret(question("digid_applied"), text, language)) == ("answer", "unknown")


@pytest.mark.parametrize(
    ("typed", "known", "same"),
    [
        ("yesss", "yes", True),
        ("noooo", "no", True),
        ("balee", "bale", True),
        ("zoon", "zon", False),
        ("been", "ben", False),
    ],
)
def test_a_letter_held_down_is_one_letter_but_dutch_double_vowels_stay(typed: str, known: str, same: bool) -> None:
    assert word_matches(typed, known)[0] is same


@pytest.mark.parametrize(
    ("question_id", "language", "text", "wanted"),
    [
        ("health_insurer", "ar", "منزيس", "Menzis"),
        ("health_insurer", "ps", "مېنزېس", "Menzis"),
        ("health_insurer", "en", "zilveren kruis", "Zilveren Kruis"),
        ("health_insurer", "am", "ኢንሹራንሴ ሜንዚስ ነው", "Menzis"),
        ("landlord", "fa", "ووننزورگ", "Woonzorg"),
        ("landlord", "ar", "انترماريس", "Intermaris"),
        ("energy_company", "ar", "فاتنفال", "Vattenfall"),
        ("energy_company", "fa", "انیکو", "Eneco"),
        ("energy_company", "ti", "ኢነኮ", "Eneco"),
    ],
)
def test_a_dutch_company_typed_by_its_sound_is_stored_as_the_company_writes_it(
    question_id: str, language: str, text: str, wanted: str
) -> None:
    assert outcome(interpret(question(question_id), text, language)) == ("answer", wanted)


def test_a_company_not_on_the_list_stays_as_typed() -> None:
    assert outcome(interpret(question("landlord"), "Stichting Het Dorp", "nl")) == ("answer", "Stichting Het Dorp")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "go back to the previous question, the years were wrong"),
        ("fa_AF", "برگرد سوال پیش، سال ها غلط شد"),
        ("ku", "vegere pirsa berê, sal şaş bû"),
        ("ps", "بېرته مخکنۍ پوښتنې ته، کلونه غلط دي"),
    ],
)
def test_go_back_with_a_wrong_answer_at_free_text_is_back(language: str, text: str) -> None:
    assert outcome(interpret(question("job_tasks"), text, language)) == ("request", "back")


def test_a_story_with_back_and_wrong_in_it_stays_an_answer() -> None:
    text = "I drove the truck back and forth and fixed what was wrong"
    assert outcome(interpret(question("job_tasks"), text, "en"))[0] == "answer"


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "i want to talk to someone"), ("fr", "parler avec quelqu'un"), ("tr", "biriyle konuşmak istiyorum")],
)
def test_talking_to_someone_is_the_answer_to_a_health_question(language: str, text: str) -> None:
    assert outcome(interpret(question("mental_health_details"), text, language)) == ("answer", text)


@pytest.mark.parametrize(
    ("question_id", "language", "text"),
    [
        ("debts", "nl", "geen schulden"),
        ("debts", "fr", "aucune dette"),
        ("bank_account", "en", "no account"),
    ],
)
def test_none_of_the_thing_asked_is_no(question_id: str, language: str, text: str) -> None:
    assert outcome(interpret(question(question_id), text, language)) == ("answer", "no")


@pytest.mark.parametrize(
    ("question_id", "language", "text", "wanted"),
    [
        ("has_smartphone", "en", "I have a simple phone without internet", "no"),
        ("has_smartphone", "so", "taleefan caadi ah ayaan haystaa", "no"),
        ("has_smartphone", "tr", "tuşlu telefonum var", "no"),
        ("care_tasks", "nl", "mijn zoon is gehandicapt, ik zorg voor hem", "yes"),
        ("care_tasks", "am", "አካል ጉዳተኛ ልጅ አለኝ እጠብቀዋለሁ", "yes"),
        ("family_reunification", "en", "we applied, waiting for the answer", "yes"),
        ("family_reunification", "fa", "درخواست دادیم، منتظر جوابیم", "yes"),
        ("family_reunification", "nl", "aanvraag ingediend, wachten op de IND", "yes"),
    ],
)
def test_the_questions_own_words_win_over_a_general_i_have(
    question_id: str, language: str, text: str, wanted: str
) -> None:
    assert outcome(interpret(question(question_id), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(("language", "text"), [("en", "yes, an old phone"), ("nl", "ja, een oude telefoon")])
def test_a_yes_said_first_stays_the_answer(language: str, text: str) -> None:
    assert outcome(interpret(question("has_smartphone"), text, language)) == ("answer", "yes")


@pytest.mark.parametrize(
    ("language", "applied", "but_not_known"),
    [
        ("am", "አመልክቻለሁ", "አመልክቻለሁ ግን አላውቅም"),
        ("ar", "قدمت", "قدمت بس ما بعرف"),
        ("en", "i asked", "i asked but i dont know"),
    ],
)
def test_i_applied_answers_have_you_applied_not_do_you_get_it(language: str, applied: str, but_not_known: str) -> None:
    assert outcome(interpret(question("digid_applied"), applied, language)) == ("answer", "yes")
    assert outcome(interpret(question("benefit"), but_not_known, language)) == ("answer", "unknown")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "one girl"), ("fa_AF", "یک دختر"), ("ar", "الحمدلله بنت وولد"), ("ku", "du kur"), ("so", "wiil iyo gabar")],
)
def test_naming_children_answers_do_you_have_children(language: str, text: str) -> None:
    assert outcome(interpret(question("children"), text, language))[:2] == ("answer", "yes")


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "wacht even, het kind huilt"), ("en", "wait, the baby is crying"), ("ar", "ما عندي ولاد")],
)
def test_a_child_named_beside_a_request_or_a_no_is_not_yes(language: str, text: str) -> None:
    assert outcome(interpret(question("children"), text, language)) != ("answer", "yes")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("fr", "2 ans ou 3, je crois 3", 3),
        ("tr", "2 ya da 3, galiba 3", 3),
        ("so", "in ka badan 20, qiyaastii 25", 25),
        ("am", "ከ20 በላይ ወደ 25", 25),
    ],
)
def test_a_number_weighed_and_settled_on_is_the_last_checked_with_the_person(
    language: str, text: str, wanted: int
) -> None:
    reading = read(question("job_years"), text, language)
    assert reading.value == wanted and reading.needs_confirmation


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("ar", "hussein.ali@gmail.con لا قصدي .com", "hussein.ali@gmail.com"),
        ("fa_AF", "mursal.k@gmail.cm نی gmail.com", "mursal.k@gmail.com"),
        ("ar", "ايميلي: yousef.omar(at)gmail.com", "yousef.omar@gmail.com"),
        ("en", "email: samira.adam (at) yahoo . com", "samira.adam@yahoo.com"),
        ("fa", "ایمیلم: parisa.n[at]yahoo.com", "parisa.n@yahoo.com"),
        ("en", "my e-mail na abdiqani.nur@gmail.com", "abdiqani.nur@gmail.com"),
        ("en", "ahmad alali 1990 @ gmail.com", "ahmadalali1990@gmail.com"),
    ],
)
def test_email_addresses_with_their_sign_in_words_or_a_no_that_puts_them_right(
    language: str, text: str, wanted: str
) -> None:
    assert outcome(interpret(question("email"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "mornings, in the afternoon i have class"),
        ("fa_AF", "صبح ها، چاشت کورس دارم"),
        ("ku", "sibehan, piştî nîvro kursa min heye"),
        ("ps", "سهار، ماسپښین کورس لرم"),
    ],
)
def test_a_part_of_the_day_the_person_is_busy_is_left_out(language: str, text: str) -> None:
    value = outcome(interpret(question("availability"), text, language))[1]
    assert value == ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"]


@pytest.mark.parametrize(
    ("language", "first", "text"),
    [("ar", "ar", "بس عربي"), ("fa", "fa", "فقط فارسی"), ("ku", "kmr", "tenê kurdî"), ("ps", "ps", "یوازې پښتو")],
)
def test_only_the_first_language_is_no_other_language(language: str, first: str, text: str) -> None:
    result = interpret(question("other_languages"), text, language, earlier={"first_language": first})
    assert outcome(result) == ("no_answer", "none")


def test_other_languages_leave_out_the_first_but_keep_the_rest() -> None:
    result = interpret(question("other_languages"), "Arabic and English", "en", earlier={"first_language": "ar"})
    assert outcome(result) == ("answer", ["en"])
    # "another language" first is not one language: French stays beside Lingala.
    result = interpret(question("other_languages"), "lingala et français", "fr", earlier={"first_language": "other"})
    assert result.reading is not None and sorted(result.reading.value) == ["fr", "other"]


@pytest.mark.parametrize(
    ("question_id", "language", "text", "wanted"),
    [
        ("member_relation", "ar", "حماتي", "other_family"),
        ("member_relation", "nl", "mijn schoonmoeder", "other_family"),
        ("member_relation", "tr", "kaynanam", "other_family"),
        ("member_relation", "nl", "mijn moeder", "parent"),
        ("writes_own_language", "am", "ስሜን ብቻ", "a_little"),
        ("writes_own_language", "tr", "sadece adımı", "a_little"),
        ("writes_own_language", "nl", "alleen mijn naam", "a_little"),
        ("social_contacts", "am", "ጎረቤቴን ብቻ", "few"),
        ("social_contacts", "en", "only my neighbour", "few"),
        ("social_contacts", "nl", "alleen mijn buurvrouw", "few"),
        ("housing_situation", "ti", "ኣብ ዝተኻረኽዎ ገዛ", "own_home"),
        ("housing_situation", "en", "the house i rent", "own_home"),
        ("housing_situation", "en", "at my uncles", "family_friends"),
    ],
)
def test_options_said_in_everyday_words(question_id: str, language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question(question_id), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("tr", "merhaba nasılsınız"),
        ("fa_AF", "خوب هستم تشکر"),
        ("am", "እንደምን ዋላችሁ"),
    ],
)
def test_a_greeting_is_no_name(language: str, text: str) -> None:
    assert interpret(question("full_name"), text, language).kind == "refused"


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("tr", "Ali Can", "Ali Can"),
        ("ku", "birayê min, Rêber", "Rêber"),
        ("en", "my name is Amina Yusuf", "Amina Yusuf"),
    ],
)
def test_names_with_a_small_word_stay_names(language: str, text: str, wanted: str) -> None:
    question_id = "member_name" if "birayê" in text else "full_name"
    assert outcome(interpret(question(question_id), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(("language", "text"), [("fa", "وستوود"), ("ps", "ویستوود"), ("nl", "ik woon in Westwoud")])
def test_westwoud_in_any_script_is_drechterland(language: str, text: str) -> None:
    assert outcome(interpret(question("municipality"), text, language)) == ("answer", "0498")


@pytest.mark.parametrize(("language", "text"), [("so", "sarkaal la hadal"), ("en", "he lives with his grandmother")])
def test_another_languages_yes_or_no_counts_only_as_the_whole_reply(language: str, text: str) -> None:
    # Arabic "la" (no) inside Somali "la hadal" (talk with), Turkish "he" (yes) opening English.
    assert outcome(interpret(question("digid_applied"), text, language)) not in (("answer", "yes"), ("answer", "no"))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "sorry my birth date is 6 may not 5 may"),
        ("ar", "معليش غلطت في تاريخ ميلادي، الصاح ٦ ايار مش ٥"),
        ("nl", "sorry, mijn geboortedatum is 6 mei, niet 5 mei"),
    ],
)
def test_a_birthday_put_right_later_by_day_and_month_keeps_its_year(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    slots = {**answered_until("digid_applied", language), "date_of_birth": "1992-05-05", "phone": "+31629384756"}
    order = ["full_name", "date_of_birth", "country_of_origin", "municipality", "phone", "email"]
    chat = Conversation(monkeypatch, requested_slot="digid_applied", **{**slots, "answer_order": order})
    chat.say(text)
    assert chat.slots["date_of_birth"] == "1992-05-06"
    assert chat.asked == "digid_applied"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("so", "waxaan dhashay 1990, bisha iyo maalinta ma garanayo"),
        ("so", "1990, maalinta ma aqaan"),
    ],
)
def test_a_country_is_not_read_from_a_latin_word_with_a_suffix_at_another_question(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    # Somali "maalinta" (the day) is "Maali" (Mali) with a suffix: at the date question no country.
    chat = Conversation(monkeypatch, requested_slot="date_of_birth", **answered_until("date_of_birth", language))
    chat.say(text)
    assert chat.slots.get("country_of_origin") is None
    assert chat.asked == "country_of_origin"


@pytest.mark.parametrize(
    ("question_id", "language", "text", "wanted"),
    [
        ("reads_own_language", "ti", "ewe", ("answer", "well")),
        ("reads_own_language", "ar", "اي", ("answer", "well")),
        ("writes_own_language", "en", "yes", ("answer", "well")),
        ("partner", "ar", "la ana 3azab", ("answer", "no")),
        ("partner", "ti", "ayfal ayteme'arekun", ("answer", "no")),
        ("partner", "tr", "söylemek istemiyorum", ("no_answer", "skipped")),
        ("partner", "am", "መናገር አልፈልግም", ("no_answer", "skipped")),
    ],
)
def test_a_plain_yes_or_no_means_the_option_the_form_says(
    question_id: str, language: str, text: str, wanted: tuple[str, str]
) -> None:
    # `answers: "yes"` on "Yes, well", `answers: "no"` on "No" (forms/intake.yaml); a decline stays one.
    assert outcome(interpret(question(question_id), text, language)) == wanted


def test_a_plain_yes_says_no_option_where_the_form_names_none() -> None:
    # "Do you have a partner?" - "yes": in the Netherlands or abroad? The buttons ask.
    assert interpret(question("partner"), "yes", "en").kind == "refused"


@pytest.mark.parametrize(
    ("language", "text"),
    [("am", "በተከራየነው ቤት"), ("ti", "ኣብ ዝተኻረኽናዮ ገዛ"), ("tr", "kendi kiraladığımız evde oturuyoruz")],
)
def test_a_rented_home_said_with_the_verb_in_any_person(language: str, text: str) -> None:
    # A stem in the word file ("ተከራ", rent-) matches behind an Ethiopic preposition ("በ") too.
    assert outcome(interpret(question("housing_situation"), text, language)) == ("answer", "own_home")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("ar", "ابن عمي ساكن بهورن", "few"),
        ("ps", "یوازې ورور مې", "few"),
        ("en", "only my brother", "few"),
        ("fa", "یه خانواده ایرانی رو میشناسیم", "few"),
        ("nl", "nee", "none"),
    ],
)
def test_naming_someone_is_knowing_a_few_people(language: str, text: str, wanted: str) -> None:
    # `names_someone` on "Yes, a few" (forms/intake.yaml): a relative or a neighbour named.
    assert outcome(interpret(question("social_contacts"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        (
            "fr",
            "le matin quand les enfants sont à l'école, lundi mardi jeudi",
            ["mon_morning", "tue_morning", "thu_morning"],
        ),
        (
            "en",
            "mornings when the kids are at school",
            ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"],
        ),
    ],
)
def test_the_childrens_school_is_free_time_not_busy(language: str, text: str, wanted: list[str]) -> None:
    # "school" alone is no busy word, and another language's word ("les", Dutch lesson) is none.
    assert outcome(interpret(question("availability"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("question_id", "text", "wanted"),
    [
        ("digid_applied", "بەلێ", ("answer", "yes")),
        ("digid_applied", "نەخێر", ("answer", "no")),
        ("digid_applied", "نزانم", ("answer", "unknown")),
        ("country_of_origin", "ئەز ژ عیراقێ مە", ("answer", "IQ")),
        ("member_relation", "بابێ من", ("answer", "parent")),
    ],
)
def test_kurmanji_typed_in_arabic_script(question_id: str, text: str, wanted: tuple[str, str]) -> None:
    # Kurds from Duhok (Badini) type Kurmanji in Arabic script (set-11 taught this after its measurement).
    assert outcome(interpret(question(question_id), text, "ku")) == wanted


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ku", "bibore, dayikbûna min şaş e: 4 sibat 1991 e ne 1990"),
        ("en", "sorry, my birthday is 4 February 1991 not 1990"),
        ("nl", "sorry, mijn geboortedatum is 4 februari 1991, niet 1990"),
    ],
)
def test_a_birthday_put_right_at_do_you_have_children_corrects_it(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    # Its "not" (before 1990) is no "no children", and its two years are no two children.
    slots = {**answered_until("children", language), "date_of_birth": "1990-02-04"}
    order = ["full_name", "date_of_birth", "country_of_origin", "municipality", "phone", "email", "partner"]
    chat = Conversation(monkeypatch, requested_slot="children", **{**slots, "answer_order": order})
    chat.say(text)
    assert chat.slots["date_of_birth"] == "1991-02-04"
    assert chat.slots.get("children") is None
    assert chat.asked == "children"


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("fa", "نام: علی. فامیلی: حسینی", "علی حسینی"),
        ("fa_AF", "نام: محمد نعیم. تخلص: رحیمی", "محمد نعیم رحیمی"),
        ("ps", "نوم: نجیب الله. تخلص: مومند", "نجیب الله مومند"),
        ("fr", "prénom: Aya, nom: Kouassi", "Aya Kouassi"),
    ],
)
def test_labelled_name_parts_split_by_a_full_stop(language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question("full_name"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fa", "ببخشید تاریخ تولدم ۱۶ مهر ۱۳۶۸ هست نه ۱۵"),
        ("en", "sorry my birthday is 8 October 1989 not the 7th"),
        ("nl", "sorry, ik ben geboren op 8 oktober 1989, niet 7"),
        ("ar", "عفوا تاريخ ميلادي ٨ تشرين الأول ١٩٨٩ مو ٧"),  # "مو", the "not" of a verb
        ("ar", "تاريخ ميلادي ٨ تشرين الاول ١٩٨٩ مو ٧"),
    ],
)
def test_a_birthday_put_right_without_naming_it_wrong_at_a_group_question(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    # No "wrong" word, only "sorry": the whole date beside it puts the birthday right there too.
    slots = {**answered_until("children", language), "date_of_birth": "1989-10-07"}
    order = ["full_name", "date_of_birth", "country_of_origin", "municipality", "phone", "email", "partner"]
    chat = Conversation(monkeypatch, requested_slot="children", **{**slots, "answer_order": order})
    chat.say(text)
    assert chat.slots["date_of_birth"] == "1989-10-08"
    assert chat.slots.get("children") is None
    assert chat.asked == "children"
