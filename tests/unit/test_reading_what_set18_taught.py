"""What set-17 left, and what the held-out set-18 taught, fixed in general (session 16).

Each cause is tested in at least three languages with our own sentences, not the sets' wordings.
"""

from __future__ import annotations

import pytest

from tests.unit.test_intake_form import Conversation
from tests.unit.test_reading_what_set13_taught import outcome
from tests.unit.test_several_facts_in_an_item import answered_until


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The person's own word for how well they speak wins over a CEFR level beside it.
        ("nl", "goed hoor, vorig jaar B1 gehaald", "good"),
        ("en", "not bad, i did the A2 exam", "reasonable"),
        ("tr", "biraz biliyorum ama B1 sertifikam var", "a_little"),
        ("fr", "couramment, j'ai le C1", "good"),
        # A CEFR level alone is read by its level (`cefr` in forms/intake.yaml), in every language.
        ("ar", "عندي A2", "a_little"),
        ("ti", "B1 ሓሊፈ", "reasonable"),
        ("so", "waxaan haystaa B2", "good"),
    ],
)
def test_the_own_word_for_a_level_wins_over_a_cefr_level(language: str, text: str, wanted: str) -> None:
    assert outcome("dutch_level", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "three guys from Eritrea in Hoorn, that's it"),
        ("nl", "ik ken er 2 uit de moskee"),
        ("ar", "بعرف ٤ عائلات سوريين هون"),
        ("tr", "iki tane Türk aile var"),
    ],
)
def test_a_few_people_counted_is_a_few(language: str, text: str) -> None:
    assert outcome("social_contacts", text, language) == ("answer", "few")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "I came here 2 years ago"), ("nl", "niemand, ik woon hier pas 3 maanden"), ("ar", "لا حدا")],
)
def test_a_time_or_nobody_is_no_count_of_people(language: str, text: str) -> None:
    assert outcome("social_contacts", text, language) != ("answer", "few")


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # At an e-mail or phone question, "I don't know" or "none" anywhere in a sentence says it:
        # a sentence without an address or a number cannot be one.
        ("en", "email", "my daughter made me one last year but i forgot what it is", "dont_know"),
        ("nl", "email", "heb er een gehad bij het azc maar ik weet niet meer welke", "dont_know"),
        ("fr", "phone", "c'est une nouvelle carte sim, je ne sais pas encore mon numéro", "dont_know"),
        ("ar", "email", "ما عندي ايميل، كل شي بيعملو ابني عالتلفون", "none"),
    ],
)
def test_no_value_said_in_a_sentence_at_email_or_phone(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("no_answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "zero six four four... i forgot the rest"),
        ("nl", "06 12 en de rest weet ik niet meer"),
        ("fr", "06 45 et le reste j'ai oublié"),
    ],
)
def test_a_number_said_in_part_is_asked_again(language: str, text: str) -> None:
    assert outcome("phone", text, language)[0] == "refused"


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("3 çile 1988", "1988-01-03"), ("roja 14ê çileyê sala 1979", "1979-01-14"), ("cile 2003", "2003-01")],
)
def test_kurmanji_cile_is_january(text: str, wanted: str) -> None:
    assert outcome("date_of_birth", text, "ku") == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A word of the person's own language is no other language's name of a country:
        # Latin-typed Pashto "sham" (I can) and "sam" (right) are no "Şam" (Syria).
        ("ps", "za ba form dakawalay sham"),
        ("ps", "sam dey, 1402 kal"),
        ("ku", "ez ê hîn bibim"),
    ],
)
def test_a_word_of_the_own_language_names_no_country(language: str, text: str) -> None:
    from forms.readers.choices import countries_named

    assert countries_named(text, language, exact=False) == set()


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [("ps", "afghanistan, kandahar", "AF"), ("ar", "ana min el sham", "SY"), ("ar", "درست بمصر", "EG")],
)
def test_country_names_stay_countries(language: str, text: str, wanted: str) -> None:
    from forms.readers.choices import countries_named

    assert countries_named(text, language, exact=False) == {wanted}


@pytest.mark.parametrize(
    ("language", "question_id", "text"),
    [
        # At the group question a number without its unit fills no years of the item: a grade,
        # an age ("since I was 12"), or Dari "ده" (in; also Persian ten).
        ("am", "schooling", "አዎ 12ኛ ክፍል ጨርሻለሁ"),
        ("en", "schooling", "yes, I finished grade 12 in Asmara"),
        ("fa_AF", "schooling", "بلی ده هالند مکتب ISK"),
        ("fa_AF", "jobs", "آ از ۱۲ سالگی کار کدم"),
        ("fa", "jobs", "بله از ۱۴ سالگی تو مغازه کار میکردم"),
    ],
)
def test_a_number_without_its_unit_fills_no_years_at_the_group_question(
    language: str, question_id: str, text: str
) -> None:
    from forms import load_schema
    from forms.readers import read

    reading = read(load_schema().question(question_id), text, language)
    assert reading.value == "yes" and not {"education_years", "job_years"} & set(reading.others)


def test_years_with_their_unit_fill_the_item_at_the_group_question() -> None:
    from forms import load_schema
    from forms.readers import read

    reading = read(load_schema().question("jobs"), "ja, ik was 5 jaar kapper in Damascus", "nl")
    assert reading.value == "yes" and reading.others.get("job_years") == 5


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # "except" leaves out the days right after it, not the part of the day said after them.
        ("en", "except wednesday, every morning", ["mon_morning", "tue_morning", "thu_morning", "fri_morning"]),
        ("nl", "behalve vrijdag elke ochtend", ["mon_morning", "tue_morning", "wed_morning", "thu_morning"]),
        # Days joined by "and" before the word of "except" are all left out.
        ("tr", "pazartesi ve cuma hariç her gün öğleden sonra", ["tue_afternoon", "wed_afternoon", "thu_afternoon"]),
        ("en", "monday and friday not, every day in the morning", ["tue_morning", "wed_morning", "thu_morning"]),
        # A part of the day with a "no" ending its clause is left out.
        (
            "fr",
            "tous les jours le matin, l'après-midi non",
            ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"],
        ),
        ("en", "only thursday, morning or afternoon doesnt matter", ["thu_morning", "thu_afternoon"]),
    ],
)
def test_days_and_parts_left_out(language: str, text: str, wanted: list[str]) -> None:
    result = outcome("availability", text, language)
    assert result[0] == "answer" and sorted(result[1]) == sorted(wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [("ti", "ናይ ክራይ ገዛ", "own_home"), ("ar", "3indna bait eejar", "own_home"), ("ti", "ብክራይ ኢናንነብር", "own_home")],
)
def test_a_rented_home_in_more_spellings(language: str, text: str, wanted: str) -> None:
    assert outcome("housing_situation", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "slot", "earlier", "old", "text"),
    [
        # A plain answer to the yes/no question asked is no correction of an earlier question its
        # words name: another language's word of "back" (Kurmanji "paş") does not make it one, nor
        # a "no" that ends the message.
        ("fr", "solo_conversation", "interpreter_needed", "no", "non pas besoin"),
        ("en", "feels_lonely", "partner", "in_netherlands", "sometimes my wife feels alone, me no"),
        ("nl", "feels_lonely", "partner", "in_netherlands", "mijn vrouw soms wel, ik nee"),
        ("tr", "feels_lonely", "partner", "in_netherlands", "eşim bazen yalnız hissediyor, ben hayır"),
    ],
)
def test_an_answer_to_the_question_asked_corrects_no_earlier_one(
    monkeypatch: pytest.MonkeyPatch, language: str, slot: str, earlier: str, old: str, text: str
) -> None:
    # The meeting alone is asked of people with a partner.
    slots = answered_until(slot, language, partner="in_netherlands")
    slots.update({earlier: old, "answer_order": [earlier]})
    chat = Conversation(monkeypatch, requested_slot=slot, **slots)
    chat.say(text)
    assert chat.slots[earlier] == old
    assert chat.slots[slot] == "no"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "one question: what is DigiD actually? before I said no"),
        ("ti", "ሓደ ሕቶ: DigiD እንታይ ማለት እዩ? ኣይፋል ኢለ ነይረ"),
        ("nl", "wat is DigiD eigenlijk? ik had nee gezegd"),
    ],
)
def test_a_question_about_an_earlier_answer_is_no_correction_of_it(language: str, text: str) -> None:
    from forms import load_schema
    from forms.readers import correction_in

    assert correction_in(text, language, [q.id for q in load_schema().questions]) is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A "no" that answers the question asked, beside a word for family, puts no age right.
        ("ar", "لا، بيقول اولاده كبار وما حيجوا"),
        ("en", "no, he says his children are grown up, they will not come"),
        ("nl", "nee, zijn kinderen zijn al groot, die komen niet"),
    ],
)
def test_a_no_beside_family_words_puts_no_age_right(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    from tests.unit.test_reading_what_the_sets_taught import _with_items

    members = [{"member_relation": "other_family", "member_age": 13}]
    slots = _with_items(language, "family_reunification", "household_members", members)
    chat = Conversation(monkeypatch, requested_slot="family_reunification", **slots)
    chat.say(text)
    items = chat.slots["group_items"]["household_members"]["items"]
    assert items[0]["values"]["member_age"] == 13
    assert chat.slots["family_reunification"] == "no"


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A child's age said before the month is no day of the date.
        ("ar", "بنتي عمرها ٥ انولدت بتركيا شباط ٢٠٢١", "2021-02"),
        ("en", "my son, he is 7, born in december 2018", "2018-12"),
        ("fr", "ma fille a 4 ans, née en mars 2022", "2022-03"),
    ],
)
def test_an_age_before_the_month_is_no_day(language: str, text: str, wanted: str) -> None:
    assert outcome("child_date_of_birth", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Languages the options do not list, as people say them: Arabic without the article and
        # with the masculine ending ("سواحلي" for CLDR's "السواحلية").
        ("ar", "سواحلي وشوي انجليزي", ["other", "en"]),
        ("ar", "بحكي هوسا", ["other"]),
        ("en", "swahili and a bit of english", ["other", "en"]),
    ],
)
def test_languages_not_listed_are_other(language: str, text: str, wanted: list[str]) -> None:
    result = outcome("other_languages", text, language)
    assert result[0] == "answer" and sorted(result[1]) == sorted(wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A yes or no in a short clause of its own, the reason in the others: checked with the person.
        ("en", "maybe yes, i think too much about my family and i dont sleep", "yes"),
        ("tr", "belki, emin değilim. evet, uykusuzluk çok", "yes"),
        ("nl", "misschien, ik weet het niet goed. ja, ik slaap slecht", "yes"),
    ],
)
def test_a_yes_or_no_settled_in_a_short_clause(language: str, text: str, wanted: str) -> None:
    from forms import load_schema
    from forms.readers import read

    reading = read(load_schema().question("mental_health_help"), text, language)
    assert reading.value == wanted and reading.needs_confirmation


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "Wait, why ...?" about an earlier question's subject is a question, no correction of it.
        ("nl", "wacht ik wil iets vragen: waarom moet ik mijn schulden vertellen aan de gemeente?"),
        ("en", "wait, why do you need my birthday?"),
        ("fr", "attendez, pourquoi vous voulez mon numéro de téléphone ?"),
    ],
)
def test_a_why_question_is_no_correction(language: str, text: str) -> None:
    from forms import load_schema
    from forms.readers import correction_in

    assert correction_in(text, language, [q.id for q in load_schema().questions]) is None


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A volunteer's label of the person's whole name ("his full name").
        ("ar", "اسمه الكامل عبدالله يوسف ابراهيم", "عبدالله يوسف ابراهيم"),
        ("ar", "اسمها الكامل مريم احمد", "مريم احمد"),
    ],
)
def test_a_third_person_label_of_the_whole_name(language: str, text: str, wanted: str) -> None:
    assert outcome("full_name", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Another language's short word is no word of approximation ("ça" is no "ca", circa).
        ("fr", "sur mon papier c 12 03 1993, c ça", "1993-03-12"),
        ("fr", "le 5 mai 1988, oui c'est ça", "1988-05-05"),
        ("en", "حوالي 1990", "~1990"),
    ],
)
def test_approximate_only_by_a_word_of_approximation(language: str, text: str, wanted: str) -> None:
    assert outcome("date_of_birth", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A word of one letter neither corrects nor leaves out: Latin-typed Tigrinya "n" is "and".
        ("ti", "snuy n slus n dhri qetri", ["mon_afternoon", "tue_afternoon"]),
        ("ti", "hamus n arbi ngho", ["thu_morning", "fri_morning"]),
        ("en", "monday n tuesday morning", ["mon_morning", "tue_morning"]),
    ],
)
def test_a_one_letter_word_is_no_correction_between_days(language: str, text: str, wanted: list[str]) -> None:
    result = outcome("availability", text, language)
    assert result[0] == "answer" and sorted(result[1]) == sorted(wanted)
