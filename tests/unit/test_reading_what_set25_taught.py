"""Causes the held-out set-25 showed, fixed and tested with our own sentences (three or more
languages each where the cause is not one language's word)."""

from __future__ import annotations

import pytest

from forms import load_schema
from forms.understanding import interpret
from tests.unit.test_intake_form import Conversation
from tests.unit.test_reading_what_set24_taught import AFTERNOONS, MORNINGS


def years_of_work(text: str, language: str) -> object:
    result = interpret(load_schema().question("job_years"), text, language)
    assert result.kind == "answer", result
    return result.reading.value


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # The total the person settles on after the parts.
        ("nl", "van 2008 tot 2019, maar twee jaar ziek thuis, dus 9", 9),
        ("tr", "2010'dan 2020'ye kadar, arada bir yıl askerlik, toplam 9", 9),
        ("en", "from 2003 to 2015 with a break of two years, so 10 in total", 10),
        # The years counted, beside the years or the age that say when.
        ("so", "markii aan 12 jiray ilaa 2015, afar sano", 4),
        ("tr", "16 yaşımdan askere kadar, 3 yıl", 3),
        ("fr", "de 2012 à 2018, six ans", 6),
    ],
)
def test_the_years_counted_beside_when(language: str, text: str, expected: int) -> None:
    assert years_of_work(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fa", "شرکت برق ما واتنفال است"),
        ("ps", "ویټنفال دی"),
        ("fa_AF", "بل برق از واتنفال میایه"),
        ("ar", "فاتنفال"),
    ],
)
def test_a_company_written_in_the_persons_script(language: str, text: str) -> None:
    """A word of Arabic script beginning with و is also read with that و said as v."""
    result = interpret(load_schema().question("energy_company"), text, language)
    assert (result.kind, result.reading.value) == ("answer", "Vattenfall")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A kunya first, then the name as on the papers, with no comma between.
        ("nl", "ik ben Abu Samir maar op mijn pas staat Yasser Omar Haddad", "Yasser Omar Haddad"),
        ("en", "they call me Abu Ali but on the permit it is Hassan Ali Jaber", "Hassan Ali Jaber"),
        ("fr", "je suis Oum Khaled mais sur la carte c'est Salma Nour Hassan", "Salma Nour Hassan"),
        # "my father's name is …, people call him …": the name, not the words about it; a
        # relative's word with "my" glued on is no part of it.
        ("fa_AF", "نام پدرم غلام حیدر نوری است، مردم حاجی صاحب میگن", "غلام حیدر نوری"),
        ("fa_AF", "نام بابه کلانم محمد یونس کریمی است", "محمد یونس کریمی"),
    ],
)
def test_the_name_on_the_papers_over_a_kunya(language: str, text: str, expected: str) -> None:
    result = interpret(load_schema().question("full_name"), text, language)
    assert (result.kind, result.reading.value) == ("answer", expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # An "only" without days of its own still says the part of the day for every day.
        ("am", "ከአርብ በስተቀር በየቀኑ፣ ጠዋት ብቻ፣ ከሰዓት ስራ አለኝ", [d for d in MORNINGS if d != "fri_morning"]),
        ("en", "every day except monday, afternoons only", [d for d in AFTERNOONS if d != "mon_afternoon"]),
        # A "no" right after a day leaves that day out; it puts nothing said before right.
        (
            "so",
            "subaxda oo keliya, Talaadada maahee, galabta shaqo ayaan leeyahay",
            [d for d in MORNINGS if d != "tue_morning"],
        ),
        ("ps", "har wradz maspakhin, jume na", [d for d in AFTERNOONS if d != "fri_afternoon"]),
        # Busy at a course in the afternoon.
        ("tr", "salı hariç her sabah, öğleden sonra kurstayım", [d for d in MORNINGS if d != "tue_morning"]),
    ],
)
def test_the_free_days_said_with_only_and_not(language: str, text: str, expected: list[str]) -> None:
    result = interpret(load_schema().question("availability"), text, language)
    assert result.kind == "answer" and sorted(result.reading.value) == sorted(expected)


EARLIER = {
    "full_name": "A B",
    "date_of_birth": "1980-05-24",
    "country_of_origin": "SY",
    "municipality": "0405",
    "phone": "+31612345678",
    "answer_order": ["full_name", "date_of_birth", "country_of_origin", "municipality", "phone"],
}


@pytest.mark.parametrize(
    ("language", "slot", "text", "extra"),
    [
        # A sentence about the job asked about that names a phone (the job's), with no new number.
        (
            "fa_AF",
            "job_tasks",
            "mobile ha ra jor mekadom, safha badal mekadom",
            {"group_items": {"jobs": {"items": [], "open": True}}, "jobs": "yes", "job_title": "mobile tamir"},
        ),
        (
            "en",
            "job_tasks",
            "i changed phone screens and batteries, wrong parts were a problem",
            {"group_items": {"jobs": {"items": [], "open": True}}, "jobs": "yes", "job_title": "phone repair"},
        ),
        # An answer to the question asked that names a country.
        ("nl", "partner", "nee, mijn man is in Turkije gestorven", {}),
        ("ku", "family_reunification", "erê, birayê min li Tirkiyê ye, na ne hêsan e", {}),
        ("fr", "partner", "non, ma femme est morte au Soudan", {}),
    ],
)
def test_an_answer_naming_another_question_puts_nothing_right(
    monkeypatch: pytest.MonkeyPatch, language: str, slot: str, text: str, extra: dict[str, object]
) -> None:
    chat = Conversation(monkeypatch, language=language, requested_slot=slot, **EARLIER, **extra)
    chat.say(text)
    assert "utter_correcting" not in chat.responses
    assert (chat.slots["phone"], chat.slots["country_of_origin"]) == ("+31612345678", "SY")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "wait, my phone number is wrong"), ("nl", "mijn telefoonnummer klopt niet"), ("fr", "mon numéro est faux")],
)
def test_a_correction_at_a_question_about_a_job_still_corrects(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    jobs = {"group_items": {"jobs": {"items": [], "open": True}}, "jobs": "yes", "job_title": "kapper"}
    chat = Conversation(monkeypatch, language=language, requested_slot="job_tasks", **EARLIER, **jobs)
    chat.say(text)
    assert "utter_correcting" in chat.responses


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        ("ti", "date_of_birth", "bi habesha Meskerem 10 1980", "1987-09-21"),
        ("ps", "education_years", "nah kala school", 9),
        ("so", "housing_situation", "guri aan ka kiraysannay Hoorn", "own_home"),
        ("en", "housing_situation", "we got a flat from Woonzorg last month", "own_home"),
    ],
)
def test_words_the_files_lacked(language: str, question: str, text: str, expected: object) -> None:
    result = interpret(load_schema().question(question), text, language)
    assert (result.kind, result.reading.value) == ("answer", expected)


@pytest.mark.parametrize(
    ("language", "text"),
    [("so", "arintaas ka hadli maayo"), ("fa_AF", "نمیخواهم گپ بزنم در این باره")],
)
def test_kept_private(language: str, text: str) -> None:
    result = interpret(load_schema().question("debts"), text, language)
    assert (result.kind, result.no_answer) == ("no_answer", "skipped")
