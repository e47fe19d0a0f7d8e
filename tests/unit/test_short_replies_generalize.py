"""Short replies in wordings that no word list holds whole (issue #10, deliverable 7).

A request is its core words (`requests:` in `locales/<code>/answers.yaml`) with filler around them
(`filler:` there: "please", "can I", "sorry", "the question", "now", and their equivalents), and
at most one other word. Every wording below was made up for this test and is not listed whole in
any word file: the request is found by combining a core word with filler.

The other direction matters as much: an answer with a request word in it stays an answer ("I want
to go back to school" to a free-text question, "call me Amina" at the name question, "next week",
"I don't want to go back").
"""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.lexicon import lexicon_languages, load_lexicon, phrase
from forms.readers import request_in
from forms.understanding import interpret

SCHEMA = load_schema()
TODAY = date(2026, 12, 6)


def kind(question_id: str, typed: str, language: str) -> str:
    """What interpret makes of a typed message: the request's name, or "answer", "refused", ..."""
    result = interpret(SCHEMA.question(question_id), typed, language, today=TODAY)
    if result.kind == "request" and result.request:
        return result.request
    return "skip" if result.no_answer == "skipped" else result.kind


def test_the_wordings_here_are_not_listed_whole() -> None:
    """Otherwise these tests would show the lists, not the combining."""
    for typed, language, _ in [*REQUESTS, *NOT_REQUESTS]:
        lexicon = load_lexicon(language)
        listed = {p for phrases in lexicon.requests.values() for p in phrases}
        assert phrase(typed) not in listed, typed


REQUESTS = [
    # back
    ("sorry, could we please go back to the previous question", "en", "back"),
    ("mag ik nog even terug naar de vorige vraag alsjeblieft", "nl", "back"),
    ("ممكن لو سمحت ارجع للسؤال السابق", "ar", "back"),
    ("ji kerema xwe ez dikarim vegerim pirsa berê", "ku", "back"),
    ("لطفاً میشه به سوال قبلی برگردیم", "fa_AF", "back"),
    ("fadlan ma dib u noqon karaa hadda", "so", "back"),
    # help
    ("sorry I really don't understand this question", "en", "help"),
    ("excusez-moi, je ne comprends pas bien la question", "fr", "help"),
    ("بليز ساعدني بهالسؤال", "ar", "help"),
    ("በጃኻ ሕጂ ሓግዘኒ", "ti", "help"),
    ("مهرباني وکړئ اوس مرسته وکړئ", "ps", "help"),
    ("lütfen bana yardım eder misiniz", "tr", "help"),
    # pause
    ("sorry I have to stop now, can we continue tomorrow", "en", "pause"),
    ("ik wil nu even stoppen", "nl", "pause"),
    ("ببخشید الان وقت ندارم، بعدا ادامه میدم", "fa", "pause"),
    ("ez niha westiyam, em ê sibê berdewam bikin", "ku", "pause"),
    ("waan ka xumahay hadda waan mashquul ahay", "so", "pause"),
    ("ይቅርታ አሁን ደክሞኛል", "am", "pause"),
    ("wait 2 min please", "en", "pause"),
    ("could you take me back", "en", "back"),
    ("just get me a human", "en", "person"),
    ("5 dakika bekle lütfen", "tr", "pause"),
    ("استنى 5 دقائق لو سمحت", "ar", "pause"),
    # person
    ("can I please talk to a real human now", "en", "person"),
    ("je voudrais parler avec une vraie personne s'il vous plait", "fr", "person"),
    ("لطفاً یک شخص واقعی", "fa_AF", "person"),
    ("fadlan qof dhab ah hadda", "so", "person"),
    ("በጃኻ ሕጂ ሰብ እደሊ", "ti", "person"),
    ("ji kerema xwe niha mirovekî rastî", "ku", "person"),
    # skip
    ("can we just skip this question please", "en", "skip"),
    ("kan ik deze vraag even overslaan", "nl", "skip"),
    ("ممكن نتخطى هالسؤال لو سمحت", "ar", "skip"),
    ("lütfen bu soruyu atlayalım", "tr", "skip"),
    ("fadlan su'aashan ka gudub hadda", "so", "skip"),
    ("لطفاً این سوال ره تیر شو", "fa_AF", "skip"),
    # typed in Latin letters (Finglish, Arabizi, Latin Pashto, Amharic, Kurdish without its letters)
    ("lotfan komak konin hala", "fa_AF", "help"),
    ("za os poh na shwam", "ps", "help"),
    ("mumkin trja3ni lw smht", "ar", "back"),
    ("ji kerema xwe niha alikari", "ku", "help"),
    ("behuala eqetlalehu", "am", "pause"),
    ("bad edama medom", "fa_AF", "pause"),
]

NOT_REQUESTS = [
    # one request word with one word of an answer and no filler
    ("next week", "en", None),
    ("back home", "en", None),
    # a request said not wanted
    ("I don't want to go back", "en", None),
    ("ik wil niet terug", "nl", None),
    # filler alone
    ("please", "en", None),
    ("ممكن لو سمحت", "ar", None),
    ("ji kerema xwe", "ku", None),
    # two other words beside the request
    ("I went back to my country in 2019", "en", None),
]


@pytest.mark.parametrize(("typed", "language", "expected"), REQUESTS, ids=[f"{r[2]}-{r[1]}" for r in REQUESTS])
def test_a_request_in_new_words_is_understood(typed: str, language: str, expected: str) -> None:
    assert request_in(typed, language) == expected
    # At a question whose reader finds nothing in it, interpret acts on it.
    assert kind("date_of_birth", typed, language) == expected


@pytest.mark.parametrize(("typed", "language", "expected"), NOT_REQUESTS, ids=[r[0] for r in NOT_REQUESTS])
def test_no_request_is_made_up(typed: str, language: str, expected: None) -> None:
    assert request_in(typed, language) is expected


@pytest.mark.parametrize(
    ("question_id", "typed", "language"),
    [
        # a free-text question: a sentence with a request phrase in it is an answer
        ("dream_job", "I want to go back to school", "en"),
        ("dream_job", "ik wil terug naar school", "nl"),
        ("anything_else", "ممكن ارجع على سوريا", "ar"),
        ("anything_else", "je voudrais parler avec quelqu'un de ma santé", "fr"),
        # a choice question: a content word beside filler makes an answer, not a request
        ("main_wish", "I want to go back to my country", "en"),
        ("main_wish", "ik wil terug naar mijn land", "nl"),
        ("main_wish", "بدي ارجع على بلدي", "ar"),
        ("digital_skills", "I need help with computers", "en"),
        ("digital_skills", "ez alîkarî bi komputerê dixwazim", "ku"),
        # the name question: a name beside "call me" is a name
        ("full_name", "call me Amina", "en"),
        ("full_name", "please call me Amina Hassan", "en"),
        ("full_name", "ji kerema xwe Rojda Ahmed", "ku"),
        ("full_name", "fadlan Hodan Cali", "so"),
    ],
)
def test_an_answer_with_request_words_in_it_stays_an_answer(question_id: str, typed: str, language: str) -> None:
    # An answer, or asked again when the reader cannot place it: never a request.
    assert kind(question_id, typed, language) in ("answer", "refused")


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("please Monday morning", "en"),
        ("Duşem sibê", "ku"),
        ("lütfen pazartesi sabah", "tr"),
        ("fadlan Isniin subax", "so"),
    ],
)
def test_a_time_with_request_words_is_availability(typed: str, language: str) -> None:
    assert kind("availability", typed, language) == "answer"


@pytest.mark.parametrize("language", lexicon_languages())
def test_filler_holds_no_yes_no_or_request_word(language: str) -> None:
    """Filler never decides: a message of filler alone is no request, and a yes, a no or a
    request word in it would make answers or requests vanish beside it."""
    lexicon = load_lexicon(language)
    filler = set(lexicon.lists["filler"])
    decisive = {
        *lexicon.lists["yes"],
        *lexicon.lists["no"],
        *(p for key in ("back", "help", "person", "skip") for p in lexicon.requests[key]),
    }
    assert not filler & decisive, sorted(" ".join(p) for p in filler & decisive)


@pytest.mark.parametrize("language", lexicon_languages())
def test_no_wording_is_both_dont_know_and_a_request(language: str) -> None:
    """ "نه پوهېږم" is "I don't know" in Pashto: listed as "help" too, the request would win at a
    yes/no question and the answer would be lost."""
    lexicon = load_lexicon(language)
    dont_know = set(lexicon.lists["dont_know"])
    for key, phrases in lexicon.requests.items():
        assert not dont_know & set(phrases), (key, sorted(" ".join(p) for p in dont_know & set(phrases)))


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("next week monday", "en", "answer"),
        ("volgende week dinsdag", "nl", "answer"),
        ("sonraki hafta pazartesi", "tr", "answer"),
        ("xigta isniinta", "so", "answer"),
        ("next week", "en", "refused"),  # asked again, never taken for "skip"
        ("skip please", "en", "skip"),
    ],
)
def test_a_skip_word_beside_a_value_is_the_value(typed: str, language: str, expected: str) -> None:
    """ "next" is also "skip": a day read with certainty beside it is the answer, and "next" with
    one word of something else is no decline."""
    assert kind("availability", typed, language) == expected
