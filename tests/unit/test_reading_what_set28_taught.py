"""Causes the held-out set-28 showed, fixed and tested with our own sentences."""

from __future__ import annotations

import pytest

from tests.unit.test_intake_form import Conversation
from tests.unit.test_reading_what_set27_taught import interpreted
from tests.unit.test_several_facts_in_an_item import answered_until


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # "First" beside the word for the family name, then the first name with its own label.
        ("fa", "فامیلی اول: احمدی، اسمم لیلا", "لیلا احمدی"),
        ("fa_AF", "اول تخلص: رحیمی، بعد نام: بی بی زینب", "بی بی زینب رحیمی"),
        ("ps", "لومړی تخلص: صافي، بیا نوم: احمد شاه", "احمد شاه صافي"),
        ("ps", "awal takhalus: Safi, noom me Wahid", "Wahid Safi"),
        ("ku", "pêşî paşnavê me: Biro, navê min Rênas", "Rênas Biro"),
        ("ar", "esm el osra awwal: Haddad, w esmi Rami Salim", "Rami Salim Haddad"),
        # The name said whole at the end, in the order wanted.
        ("tr", "Soyadım önce: KOÇ, adım Emine. Emine Koç", "Emine Koç"),
        ("am", "yeabate sim mejemeria: Ali Kedir. sime Kedir new. Kedir Ali", "Kedir Ali"),
        ("fr", "Le nom d'abord chez nous: MUKENDI Aline. Donc Aline Mukendi", "Aline Mukendi"),
        # A part said again inside another is left out.
        ("nl", "Naam: Fatma Demir. Achternaam Demir", "Fatma Demir"),
    ],
)
def test_the_order_said_in_words_with_labelled_parts(language: str, text: str, expected: str) -> None:
    assert interpreted("full_name", text, language) == ("answer", expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("so", "Hodan, guriga waxaan ku niraahnaa Hodo", "Hodan"),
        ("fr", "Christine, à la maison on dit Kiki", "Christine"),
        ("fa_AF", "Nasir, lekin hama Nasi mega", "Nasir"),
        ("ps", "Farid, kor ke ye Fari bolo", "Farid"),
        ("en", "Benjamin, at home everybody says Benji", "Benjamin"),
    ],
)
def test_a_name_alone_before_what_the_family_calls_them(language: str, text: str, expected: str) -> None:
    assert interpreted("member_name", text, language) == ("answer", expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Mrs. Halima Osman", "Halima Osman"),  # a title before a full stop
        ("tr", "Emre, kardeşimin oğlu", "Emre"),
        ("fa", "فرهاد.. ببخشید اشتباه شد، فرزاد نوری", "فرزاد نوری"),
    ],
)
def test_a_first_clause_that_is_no_name_alone(language: str, text: str, expected: str) -> None:
    assert interpreted("member_name" if language == "tr" else "full_name", text, language) == ("answer", expected)


def _job(title: str, tasks: str, years: object, said: str, country: str = "CD") -> dict[str, object]:
    return {
        "values": {"job_title": title, "job_tasks": tasks, "job_years": years, "job_country": country},
        "texts": {"job_years": said},
    }


def test_years_of_a_job_are_no_correction_of_the_years_of_school(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "years" is also the word of *Years in this job*: "2 or 3 years, I don't remember" at the
    next job's years answers it; the years of school in total stay as confirmed."""
    slots = answered_until("jobs", "en", schooling_years_total=12)
    groups = {"jobs": {"items": [_job("baker", "bread", 5, "5 years")], "open": True}}
    chat = Conversation(
        monkeypatch,
        requested_slot="job_years",
        answer_order=["schooling_years_total"],
        group_items=groups,
        jobs=2,
        **{**slots, "job_title": "cleaner", "job_tasks": "offices"},
    )
    chat.say("2 or 3 years i dont remember")
    assert chat.slots["schooling_years_total"] == 12
    assert chat.slots["job_years"] == "__dont_know__"
    assert "utter_correcting" not in chat.responses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the bakery in Mosul was 2012 not 2013, so 8 years", 8),
        # Without the new count: the years said before, read again with the year put right.
        ("the bakery in Mosul was from 2012, not 2013", 8),
    ],
)
def test_a_year_of_a_job_put_right_at_the_next_question(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: int
) -> None:
    slots = answered_until("jobs", "en")
    bakery = _job("baker, my own bakery in Mosul", "bread", 7, "from 2013 to 2020")
    groups = {"jobs": {"items": [bakery], "open": False}}
    chat = Conversation(monkeypatch, requested_slot="jobs", answer_order=[], group_items=groups, jobs=1, **slots)
    chat.say(text)
    assert "utter_correcting" in chat.responses
    assert chat.slots["group_items"]["jobs"]["items"][0]["values"]["job_years"] == expected


@pytest.mark.parametrize(
    ("language", "earlier", "open_item", "text", "expected"),
    [
        # An earlier job named by its own words, its years said anew, no word of correction.
        (
            "fr",
            _job("mécanicien, mon propre garage à Goma", "réparer les moteurs", 8, "de 2010 à 2018"),
            {"job_title": "chauffeur à Kampala", "job_tasks": "conduire", "job_years": 3, "job_country": "UG"},
            "et le garage à Goma c'était de 2011 à 2018, donc 7 ans",
            7,
        ),
        # "النجارة" (carpentry) names the job "نجار" (carpenter).
        (
            "ar",
            _job("نجار", "اصلح ابواب وشبابيك", 20, "عشرين سنة تقريبا", "IQ"),
            {"job_title": "عامل مطعم", "job_tasks": "اغسل صحون", "job_years": 2, "job_country": "TR"},
            "وشي ثاني، النجارة ما كانت عشرين سنة، كانت ١٥ سنة من ٢٠٠٤ الى ٢٠١٩",
            15,
        ),
    ],
)
def test_an_earlier_job_named_with_its_years_said_anew(
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    earlier: dict[str, object],
    open_item: dict[str, object],
    text: str,
    expected: int,
) -> None:
    slots = answered_until("jobs", language)
    groups = {"jobs": {"items": [earlier], "open": True}}
    chat = Conversation(
        monkeypatch, requested_slot="jobs", answer_order=[], group_items=groups, jobs=2, **{**slots, **open_item}
    )
    chat.say(text)
    assert chat.slots["group_items"]["jobs"]["items"][0]["values"]["job_years"] == expected
    assert chat.slots["job_years"] == open_item["job_years"]  # the open job keeps its own


def test_another_job_in_the_same_words_is_a_new_job(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "after that also in a garage in Goma, 2 years" describes the next job, it corrects none."""
    slots = answered_until("jobs", "en")
    groups = {"jobs": {"items": [_job("mechanic, my own garage in Goma", "engines", 8, "8 years")], "open": False}}
    chat = Conversation(monkeypatch, requested_slot="jobs", answer_order=[], group_items=groups, jobs=1, **slots)
    chat.say("after that also in a garage in Goma, 2 years")
    assert chat.slots["group_items"]["jobs"]["items"][0]["values"]["job_years"] == 8


def test_an_age_word_belongs_to_the_number_before_it() -> None:
    """ "از ده سالگی تا چهل سالگی، سی سال" (from age ten to age forty, thirty years): thirty."""
    assert interpreted("job_years", "از ده سالگی تا چهل سالگی، سی سال", "fa_AF") == ("answer", 30)
    assert interpreted("job_years", "از دوازده سالگی تا سی سالگی، هجده سال", "fa") == ("answer", 18)


@pytest.mark.parametrize(
    ("language", "text", "expected", "part"),
    [
        # The part of the day said first is the free one; the other, later and with no day beside
        # it, tells why.
        ("tr", "sabahları, öğleden sonra çocukları okuldan alıyorum", ["mon", "tue", "wed", "thu", "fri"], "morning"),
        ("ar", "kol yom el sob7 3ashan ba3d el dohr ba3mal", ["mon", "tue", "wed", "thu", "fri"], "morning"),
        (
            "fa_AF",
            "har roz baad az chasht, sob da kurs astum, faqat jumma ne",
            ["mon", "tue", "wed", "thu"],
            "afternoon",
        ),
        ("ps", "سهار، جمعه پرته، مازدیګر کار کوم", ["mon", "tue", "wed", "thu"], "morning"),
        # "when the children are at school" says when the person is free.
        ("fa", "صبح ها وقتی بچه ها مدرسه ان، ولی پنجشنبه نه", ["mon", "tue", "wed", "fri"], "morning"),
    ],
)
def test_the_part_of_the_day_said_first_is_the_free_one(
    language: str, text: str, expected: list[str], part: str
) -> None:
    kind, value = interpreted("availability", text, language)
    assert kind == "answer" and sorted(value) == sorted(f"{day}_{part}" for day in expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Both parts free: with "also", or a day beside the later part.
        (
            "en",
            "mornings, afternoons also ok",
            {f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("morning", "afternoon")},
        ),
        (
            "ps",
            "har sahar, juma na, aw seshamba mazigar ham kedai shi",
            {"mon_morning", "tue_morning", "wed_morning", "thu_morning", "tue_afternoon"},
        ),
    ],
)
def test_a_later_part_of_the_day_that_is_also_free(language: str, text: str, expected: set[str]) -> None:
    kind, value = interpreted("availability", text, language)
    assert kind == "answer" and set(value) == expected


def test_a_child_born_a_month_later_in_the_solar_hijri_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "… اول آبان ۹۲ به دنیا اومده نه مهر" (born 1 Aban 92, not Mehr) at the next child's date:
    the first child's date moves a month, and the municipality is not touched."""
    slots = answered_until("children", "fa", municipality="0420")
    first = {"values": {"child_date_of_birth": "2013-09-23", "child_lives_with_you": "yes"}, "texts": {}}
    groups = {"children": {"items": [first], "open": True}}
    chat = Conversation(
        monkeypatch,
        requested_slot="child_date_of_birth",
        answer_order=["municipality"],
        group_items=groups,
        children=2,
        **slots,
    )
    chat.say("ببخشید تاریخ دخترم اشتباه شد، اول آبان ۹۲ به دنیا اومده نه مهر")
    assert chat.slots["group_items"]["children"]["items"][0]["values"]["child_date_of_birth"] == "2013-10-23"
    assert chat.slots["municipality"] == "0420"


def test_a_month_name_names_no_question() -> None:
    from forms.readers import correction_in

    assert correction_in("پسرم اول مهر ۹۰ به دنیا اومده نه شهریور", "fa", ["municipality"]) is None


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "une école de coiffure à Bujumbura", "vocational"),
        ("ku", "پەیمانگەها تەکنیکی، بەشێ کارەبا", "vocational"),
        ("ku", "ئامادەیی، پۆلا یازدێ", "secondary_upper"),
    ],
)
def test_kinds_of_school_the_files_lacked(language: str, text: str, expected: str) -> None:
    assert interpreted("education_level", text, language) == ("answer", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("y o n a s 8 8 @ gmail . com", "yonas88@gmail.com"),
        ("s a r a 2 0 1 0 at hotmail dot com", "sara2010@hotmail.com"),
        ("my email is a.b@gmail.com", "a.b@gmail.com"),
    ],
)
def test_an_address_typed_letter_by_letter(text: str, expected: str) -> None:
    assert interpreted("email", text, "en") == ("answer", expected)


def test_fourteen_in_sorani_letters() -> None:
    assert interpreted("schooling_years_total", "چواردە سال", "ku") == ("answer", 14)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A year of birth and the age it gives.
        ("en", "born in 1961 so 65", 65),
        ("tr", "2010 doğumlu, 16", 16),
        ("am", "በ1966 ነው የተወለደው፣ ስለዚህ 60", 60),
        ("fr", "elle est de 2015 donc 11", 11),
    ],
)
def test_a_year_of_birth_with_the_age(language: str, text: str, expected: int) -> None:
    assert interpreted("member_age", text, language) == ("answer", expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("nl", "2014 ongeveer, in Libanon geboren", "~2014"),
        ("nl", "dat weet mijn man beter, ergens 2019", "~2019"),
        ("fa", "2018 bud fek konam", "~2018"),
    ],
)
def test_about_a_year(language: str, text: str, expected: str) -> None:
    assert interpreted("child_date_of_birth", text, language) == ("answer", expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "je suis né le 4 du 9 1987", "1987-09-04"),
        ("ku", "5ê Hezîranê 1983", "1983-06-05"),
        ("tr", "5inci Haziran 1983", "1983-06-05"),
        ("en", "the 4th of September 1987", "1987-09-04"),
    ],
)
def test_a_day_with_a_word_or_an_ending_before_the_month(language: str, text: str, expected: str) -> None:
    assert interpreted("date_of_birth", text, language) == ("answer", expected)


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        # The word for "month" or "years" between the numbers stays.
        ("tr", "date_of_birth", "7. ayın 4'ü, 1992", "1992-07-04"),
        ("so", "child_date_of_birth", "wiilku waa 4 sano, Abriil 2022", "2022-04"),
        # "بساعده" (I help him) is no noun with "ة".
        ("ar", "care_tasks", "ابوي عنده اعاقة وانا بساعده بكل شي", "yes"),
    ],
)
def test_what_the_new_rules_leave_alone(language: str, question: str, text: str, expected: str) -> None:
    assert interpreted(question, text, language) == ("answer", expected)


def test_a_part_of_the_day_beside_its_day_is_no_general_one() -> None:
    kind, value = interpreted("availability", "ሰሉስ ድሕሪ ቀትሪ፡ ሓሙስ እውን ንግሆ", "ti")
    assert kind == "answer" and set(value) == {"tue_afternoon", "thu_morning"}


def test_an_earlier_job_named_while_the_next_is_answered_is_no_correction(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "like in the garage in Goma, 3 years" at the next job's tasks is about the next job."""
    slots = answered_until("jobs", "en")
    garage = _job("mechanic, my own garage in Goma", "engines", 8, "8 years")
    groups = {"jobs": {"items": [garage], "open": True}}
    chat = Conversation(
        monkeypatch,
        requested_slot="job_tasks",
        answer_order=[],
        group_items=groups,
        jobs=2,
        **{**slots, "job_title": "mechanic in Kampala"},
    )
    chat.say("repairing engines like in the garage in Goma, 3 years")
    assert chat.slots["group_items"]["jobs"]["items"][0]["values"]["job_years"] == 8


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fa", "esmam Dariush Karimi-e", "Dariush Karimi"),
        ("fa_AF", "nam-e ma Wahid Rahimi-st", "Wahid Rahimi"),
        ("en", "my name is Nour Al-Amin", "Nour Al-Amin"),  # a hyphen inside a name stays
    ],
)
def test_is_typed_onto_a_latin_persian_name(language: str, text: str, expected: str) -> None:
    assert interpreted("full_name", text, language) == ("answer", expected)
