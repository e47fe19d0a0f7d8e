"""Is a typed message an answer, a request, or "I don't know"? One decision, used by the dialogue
(actions/intake_form.py) and measured by the understanding benchmark (bench/understanding/).

The rule, per question: a plausible answer to the question asked is an answer (a name at the name
question, a sentence about health at a health question); a request is acted on only when it is
clearly one: the message is nothing but the request in the person's words, or the intent
classifier is sure and the message is no answer to the question (at a name or free-text
question every message is an answer, so there only the request in so many words counts).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from forms.lexicon import words_of
from forms.readers import (
    CONFIRM_BELOW,
    NONE_TYPES,
    Reading,
    Translator,
    asks_back,
    asks_for_a_person_only,
    before_what_is_not_wanted,
    no_answer_anywhere,
    no_answer_in,
    read,
    request_in,
    someone_else_knows,
    untranslated,
)
from forms.readers.choices import assistant_languages_named
from forms.readers.matching import clauses, covered, find, find_in, index_for, uncovered_words
from forms.readers.reading import refused
from forms.readers.text import corrects_a_name, without_spelling
from forms.readers.yes_no import ends_with_answer_word, read_yes_no, starts_with_answer_word
from forms.schema import NO, UNKNOWN, YES, Question

# Below this NLU confidence a typed message is read as an answer, never as a request
# (buttons are always requests). High, because taking an answer for a request loses it.
REQUEST_CONFIDENCE = 0.75
# The intents of conversational requests, by the names forms.readers.request_in gives them.
REQUEST_INTENTS = {"pause": "pause", "human_handoff": "person", "go_back": "back", "help": "help"}
# Below REQUEST_CONFIDENCE but from here, a message that is no answer and that the classifier
# takes for a request is checked with the person ("Do you want to talk to a person?") instead of
# being refused or acted on: a wrong guess then costs a "no", never a wrong action.
CHECK_REQUEST_FROM = 0.5
# A request only the classifier sees, in a message longer than this, is checked with the person.
_SHORT_REQUEST_WORDS = 4
CHECKED_REQUESTS = {**REQUEST_INTENTS, "skip": "skip"}


@dataclass(frozen=True)
class Interpretation:
    """kind: "request" (name in `request`), "check_request" (perhaps `request`: ask the person),
    "no_answer" (`no_answer`: dont_know, none, skipped), "answer" (`reading`) or "refused"
    (`reading.error` says why)."""

    kind: str
    reading: Reading | None = None
    request: str | None = None
    no_answer: str | None = None


# The key of `earlier` that holds the calendar the person gave an earlier date in.
CALENDAR = "calendar"
BORN = "born"  # the year of birth the person gave (an `earlier` key)


def interpret(
    question: Question,
    text: str,
    language: str,
    intent: str | None = None,
    confidence: float = 0.0,
    translate: Translator = untranslated,
    today: date | None = None,
    earlier: Mapping[str, Any] | None = None,
) -> Interpretation:
    """What a typed message to `question` is. `intent` and `confidence` are the NLU's guess;
    `earlier`: answers given before that this question depends on (`other_than`, and
    `CALENDAR`: the calendar of a date the person gave before; `BORN`: their year of birth)."""
    born = (earlier or {}).get(BORN)
    reading = read(question, text, language, translate, today, calendar=(earlier or {}).get(CALENDAR), born=born)
    if question.other_than and reading.ok and isinstance(reading.value, list):
        said_before = (earlier or {}).get(question.other_than)
        if said_before == "other":
            said_before = None  # "another language" is not one: "Lingala and French" keeps both
        others = [code for code in reading.value if code != said_before]
        if not others and said_before is not None:
            # "فقط فارسی", "tenê kurdî" to "Which other languages?" from a Farsi or Kurdish speaker.
            return Interpretation("no_answer", reading, no_answer="none")
        reading = replace(reading, value=others)
    typed_request = request_in(text, language)
    asks = ("?" in text or "؟" in text) and asks_back(text, language)
    if question.known_names and asks and reading.value not in question.known_names:
        # "does the gemeente also help with furniture?" at *Which company gives you gas and
        # electricity?*: a question back, no company's name; the help text, then the question again.
        return Interpretation("request", refused("text"), request="help")
    if question.type == "yes_no" and reading.ok and _yes_no_only_inside(text, language, "requests", "help"):
        # "I don't understand what this means": the "don't" is the request's, no "no".
        reading, typed_request = refused("yes_no"), "help"
    # At a free-text question a request in so many words counts ("can we continue tomorrow, I
    # have to go" to "Anything else?"), but not at the name question ("call me Amina") nor where
    # the request is itself an answer ("I want to talk to someone" to "What would help you?").
    answer_like = question.validation.person_name or question.sensitive
    # "abeg make i talk to one person", "یه کارمند میخوام" at the rent: the "one" of "a person"
    # is no amount; a number read only from the word for one gives way to the request.
    only_one = question.type == "number" and reading.ok and reading.value == 1 and not any(ch.isdigit() for ch in text)
    if (
        typed_request
        and not only_one
        and reading.ok
        and not (
            typed_request != "language"
            and not question.validation.person_name
            and _opens_with_request(text, language, typed_request)
        )
        and (
            (question.is_free_text and answer_like)
            or (not question.is_free_text and reading.certainty >= CONFIRM_BELOW)
        )
    ):
        # "Duşem sibê" (Monday morning; "sibê" is also "tomorrow"): an answer with a request word
        # beside it is an answer; only the request alone is a request. At the name question also
        # talking to a person in so many words ("can I talk to a person please, not a computer").
        asked_for_a_person = (
            typed_request == "person"
            and question.validation.person_name
            and asks_for_a_person_only(before_what_is_not_wanted(text, language), language)
        )
        typed_request = request_in(text, language, whole=True) or ("person" if asked_for_a_person else None)
    elif typed_request == "person" and question.is_free_text:
        # "Je voudrais parler avec quelqu'un de ma santé" to "Anything else?" tells the case
        # manager something; only "a person" in so many words is a request there ("ik wil met een
        # mens praten aub": the words for talking to a person, and filler).
        typed_request = request_in(text, language, whole=True) or (
            "person" if asks_for_a_person_only(before_what_is_not_wanted(text, language), language) else None
        )
    if typed_request == "person" and question.sensitive:
        # "I want to talk to someone" to "What would help you?" (mental health): the answer.
        typed_request = None
    if (
        typed_request is None
        and (question.is_free_text or not reading.ok)
        and not answer_like
        and _back_to_put_right(text, language)
    ):
        # "go back to the previous question, I wrote the years wrong" to "What did you do there?".
        typed_request = "back"
    if typed_request and question.type.endswith("choice") and reading.ok and reading.certainty >= 1.0:
        # The whole message is an option's own words: "راهنمایی" is a middle school (and "help").
        typed_request = None
    if typed_request in REQUEST_INTENTS.values():
        return Interpretation("request", reading, request=typed_request)
    # "I don't know", "I have none" in words come before the classifier's guess: "ik heb geen
    # telefoon" is "none", whatever the classifier makes of "telefoon".
    # "Annabelle avec deux n": how a name is spelled out is no "no" ("n").
    said = no_answer_in(
        without_spelling(text, language) if question.validation.person_name else text, language, question
    )
    if (
        said is None
        and not reading.ok
        and not question.validation.person_name
        and question.type not in ("yes_no", "group")
    ):
        # "I have no phone of my own, I use my husband's", "I don't know yet, I am still in the
        # AZC": one clause says it; the other tells why.
        each = [no_answer_in(clause, language, question) for clause in _several_clauses(text)]
        said = "none" if "none" in each else next((s for s in each if s), None)
    places = question.type == "single_choice" and any(not o.translatable and not o.territory for o in question.options)
    if said is None and not reading.ok and (question.type in ("email", "phone") or places):
        # "I had one but forgot the address", "new SIM, I don't remember the number", "لسا ما
        # بعرف وين رح يعطونا بيت" (I don't know yet where they will give us a house): no address,
        # number or town in it, so the words of "I don't know" (or "none") anywhere say it.
        said = no_answer_anywhere(text, language)
    if said is not None and question.validation.person_name and reading.ok and corrects_a_name(text, language):
        said = None  # "ملالۍ، نه ملاله" (Malalai, no, Malala): the "no" puts the name right
    if said == "none" and question.validation.person_name:
        said = "skipped"  # "نه غواړم نوم یې ووایم" (no, I don't want to say her name): nobody has no name
    if said == "none" and question.type in ("email", "phone") and reading.ok:
        said = None  # "…@gmail.con لا قصدي .com": the "no" puts the address right; it is no "none"
    if question.type == "yes_no" and reading.ok and _yes_no_only_inside(text, language, "no_answers", "skipped"):
        # "I prefer not to say", "ما بحب احكي بهالموضوع": the "not" declines; it is no "no".
        return Interpretation("no_answer", refused("yes_no"), no_answer="skipped")
    if typed_request is None and said is None and _classifier_request(question, intent, confidence, reading):
        request = REQUEST_INTENTS[intent or ""]
        if request in ("pause", "person") and len(words_of(text)) > _SHORT_REQUEST_WORDS:
            # "we have a rent house now" (the classifier: pause): a sentence with no word of the
            # request is more likely an answer not understood; the person is asked first.
            return Interpretation("check_request", reading, request=request)
        return Interpretation("request", reading, request=request)
    if (
        intent == "choose_language"
        and confidence >= REQUEST_CONFIDENCE
        and not answers_the_question(question, text, reading)
    ):
        # "English please", "بالعربي": another language. A language named in an answer ("yes, a
        # Tigrinya interpreter", "Arabic and English") is an answer.
        return Interpretation("request", reading, request="language")
    if typed_request in (None, "help") and said is None and _another_language_asked(question, text, language, reading):
        return Interpretation("request", reading, request="language")
    if reading.ok and reading.value is None and reading.no_answer is not None:
        # The reader found the person not sure: "2 ou 3 ans, je ne sais plus" (forms/readers/numbers.py).
        return Interpretation("no_answer", reading, no_answer=reading.no_answer)
    # A value read with certainty wins over words of "no" or "I don't know" around it ("I don't
    # know exactly, around 1990"); free text is always "read", so there the words count.
    sure_value = reading.ok and not question.is_free_text and reading.certainty >= CONFIRM_BELOW
    if question.type == "multiple_choice" and reading.ok and reading.value == ["other"] and said is not None:
        # "geen andere", "başka dil bilmiyorum", "luqad kale ma aqaan": no other one, not "other".
        return Interpretation("no_answer", reading, no_answer="none")
    skip_request = intent == "skip" and confidence >= REQUEST_CONFIDENCE and not reading.ok
    if (said == "skipped" and not sure_value) or typed_request == "skip" or skip_request:
        # "I'd rather not say" declines; a value read with certainty beside a word of it does not.
        return Interpretation("no_answer", reading, no_answer="skipped")
    if question.validation.none_is_zero and not reading.ok and _says_never(text, language):
        return Interpretation("answer", Reading(value=0, certainty=0.9))  # "I never went to school": 0
    if (
        not reading.ok
        and question.option("none") is not None
        and question.type == "single_choice"
        and ends_with_answer_word(text, language) == NO
    ):
        # "my son does everything on the computer, me no": the person settles on none.
        return Interpretation("answer", Reading(value="none", certainty=0.9))
    if not reading.ok and question.option("none") is not None and question.type == "single_choice":
        parts = [part for part in clauses(text) if words_of(part)]
        opening = read_yes_no(parts[0], language) if len(parts) > 1 else None
        if opening is not None and opening.ok and opening.value == NO:
            # "no, not at all, my grandson does it for me", "نخیر، بچیم کمپیوتر را میفامه": a "no"
            # alone in the first clause, the reason after it; checked with the person.
            return Interpretation("answer", Reading(value="none", certainty=0.7))
    if said == "none" and not sure_value and question.option("none") is not None and len(words_of(text)) <= 4:
        # "No", "ኣይፋልን", "نه" at "How well do you speak Dutch?" or "Do you know people here?":
        # not at all, nobody; the question's option "none".
        return Interpretation("answer", Reading(value="none", certainty=0.9))
    if said == "none" and question.type == "group" and not sure_value and _none_said_exactly(text, language):
        # "geen kinderen", "nobody" to "Do you have children?", "Does anyone else live with you?": no.
        return Interpretation("answer", Reading(value=NO, certainty=0.9))
    if said == "none" and (question.type in NONE_TYPES or question.type == "multiple_choice") and not sure_value:
        # "none", "هیچ", "qet" to "Which other languages do you speak?": none of them.
        return Interpretation("no_answer", reading, no_answer="none")
    if said == "dont_know" and not sure_value and _is_level_question(question) and _more_than_dont_know(text, language):
        # "Ez îngilîzî nizanim", "ኮምፒውተር ነክቼ አላውቅም": "I don't know English (computers)" is no skill.
        return Interpretation("answer", Reading(value="none", certainty=0.9))
    if said == "dont_know" and not sure_value and question.option("not_sure") is not None:
        # "هێشتا نزانم" (I don't know yet) to *What do you want most?*: its own option.
        return Interpretation("answer", Reading(value="not_sure", certainty=0.9))
    if (
        said == "dont_know"
        and not sure_value
        and question.type == "yes_no"
        and (later := _settles_after(text, language))
    ):
        # "نزانم.. بەلێ، خەو ناهێت" (I don't know.. yes, I don't sleep): the yes or no it settles
        # on after the "I don't know"; checked with the person.
        return Interpretation("answer", Reading(value=later, certainty=0.7))
    if said == "dont_know" and not sure_value:
        return _dont_know(question, reading)
    if (
        not reading.ok
        and said is None
        and typed_request is None
        and _is_level_question(question)
        and find(words_of(text), index_for(language, "family"), exact_only=True)  # the person's own words
    ):
        # "c'est mon fils qui fait l'ordi pour moi", "oğlum bilgisayar işlerimi yapıyor" at *How
        # well can you use a computer?*: someone else does it; none, checked with the person.
        return Interpretation("answer", Reading(value="none", certainty=0.6))
    if (
        said is None
        and not sure_value
        and (question.is_free_text or not reading.ok)
        and someone_else_knows(text, language)
    ):
        # "c'est mon fils qui connait" (the e-mail address): the person does not know it.
        return _dont_know(question, reading)
    if question.is_free_text and not question.translate and _begins_with_dont_know(text, language):
        # "I don't know the name, my wife knows" at the name of a company: not known.
        return Interpretation("no_answer", reading, no_answer="dont_know")
    if reading.ok:
        return Interpretation("answer", reading)
    if question.type == "yes_no" and intent in ("affirm", "deny") and confidence >= REQUEST_CONFIDENCE:
        # Wordings the word lists lack but the classifier knows well ("sure thing", "kabisa").
        return Interpretation("answer", Reading(value=YES if intent == "affirm" else NO, certainty=confidence))
    if asks and intent == "dont_know":
        # "I didn't quite get it, will the rent come from my money?": a question back asks for
        # the help text (and the question again); the classifier's "I don't know" would end it.
        return Interpretation("request", reading, request="help")
    if intent == "dont_know" and confidence >= REQUEST_CONFIDENCE:
        return _dont_know(question, reading)
    if (
        intent in CHECKED_REQUESTS
        and confidence >= CHECK_REQUEST_FROM
        and not question.is_free_text
        and not question.validation.person_name
    ):
        return Interpretation("check_request", reading, request=CHECKED_REQUESTS[intent or ""])
    if asks_back(text, language):
        # "What does full name mean? My father's name too?", "ismimi neden soruyorsunuz": a
        # question back gets the help text.
        return Interpretation("request", reading, request="help")
    return Interpretation("refused", reading)


def _opens_with_request(text: str, language: str, request: str) -> bool:
    """ "pause, I have to pick up the children" (to "Do you have debts?"): a first clause that is
    the request and nothing else asks for it, whatever the reason after it holds ("I have")."""
    parts = clauses(text)
    # Not a "no" the request words hold ("فعلا نه", not now: also "pause"): that answers.
    return (
        len(parts) > 1
        and request_in(parts[0], language, whole=True) == request
        and not read_yes_no(parts[0], language).ok
    )


def _several_clauses(text: str) -> list[str]:
    """The clauses of a message of more than one, else none."""
    parts = clauses(text, keep_ellipsis=True)
    return parts if len(parts) > 1 else []


def _dont_know(question: Question, reading: Reading) -> Interpretation:
    """ "I don't know": to a yes/no question the answer "unknown" (its own button), elsewhere no answer."""
    if question.type == "yes_no":
        return Interpretation("answer", Reading(value=UNKNOWN, certainty=0.9))
    return Interpretation("no_answer", reading, no_answer="dont_know")


def _yes_no_only_inside(text: str, language: str, kind: str, key: str) -> bool:
    """Whether every yes or no of the message lies inside the words of one request or no-answer
    (`kind`, `key`): "I don't want to answer" declines, "I don't understand what it means" asks
    for help; neither is a "no". "No, I don't want to say more" keeps its "no"."""
    words = words_of(text)
    # Only the person's own words (and those they mix in): Kurdish "he?" (help) is Turkish "he" (yes).
    # Not words inside longer ones that say something else ("ምን", what: help, in "ምን አውቃለሁ",
    # what do I know: I don't know).
    saying = find(words, index_for(language, "no_answers"), exact_only=True)
    found = [
        m
        for m in find(words, index_for(language, kind))
        if m.key == key and not any(n.start <= m.start and m.end <= n.end and n.size > m.size for n in saying)
    ]
    inside = covered(words, found)
    if not inside:
        return False
    rest = " ".join(w for i, w in enumerate(words) if i not in inside)
    return not read_yes_no(rest, language).ok


def _back_to_put_right(text: str, language: str) -> bool:
    """A message that starts with "go back" and says something was wrong ("برگرد سوال پیش، سال ها
    غلط شد"): a request to put an answer right, whatever else it says."""
    words = words_of(text)
    requests = find(words, index_for(language, "requests"), exact_only=True)
    # At the start, or after one word ("go", "please": "go back to the previous question").
    starts_back = bool(requests) and requests[0].start <= 1 and requests[0].key == "back"
    return starts_back and bool(find(words, index_for(language, "corrections"), exact_only=True))


def _none_said_exactly(text: str, language: str) -> bool:
    """A word of "none" as written, not inside a longer word ("کلاس", class, holds "کلا", no)."""
    return any(m.key == "none" and m.exact for m in find_in(words_of(text), language, "no_answers"))


def _is_level_question(question: Question) -> bool:
    """A question answered with how well: the `levels` options (none, a little, ...)."""
    return {"none", "a_little"} <= {o.code for o in question.options}


def _more_than_dont_know(text: str, language: str) -> bool:
    words = words_of(text)
    return bool(uncovered_words(words, find_in(words, language, "no_answers")))


def _settles_after(text: str, language: str) -> str | None:
    """YES or NO opening a clause after one that says "I don't know", or None."""
    parts = clauses(text)
    if len(parts) < 2 or no_answer_in(parts[0], language) != "dont_know":
        return None
    for part in parts[1:]:
        # Not "no answer yet" (itself an "I don't know").
        if starts_with_answer_word(part, language) and no_answer_in(part, language) is None:
            reading = read_yes_no(part, language)
            if reading.ok and reading.value in (YES, NO):
                return str(reading.value)
    return None


def _begins_with_dont_know(text: str, language: str) -> bool:
    # The person's own languages only: Kurmanji "nizanin" (we don't know) is the name Nazanin.
    matches = find(words_of(text), index_for(language, "no_answers"))
    return bool(matches) and matches[0].start == 0 and matches[0].key == "dont_know"


def _says_never(text: str, language: str) -> bool:
    """ "I never went to school", "nooit naar school geweest": a short sentence with a "no",
    "never" or "none" in it (and no "I don't know")."""
    words = words_of(text)
    kinds = {m.key for m in find_in(words, language, "no_answers")}
    return len(words) <= 8 and kinds == {"none"}


def answers_the_question(question: Question, text: str, reading: Reading) -> bool:
    """Whether a message is an answer to the question asked (then a language named in it is no
    request to switch): read as a value; at a free-text question any text it accepts ("Dutch
    language" to "What did you study?"). Only the language button or a request in so many words
    (request_in) switches the language there."""
    return reading.ok


def _another_language_asked(question: Question, text: str, language: str, reading: Reading) -> bool:
    """ "can we go on in English?", "میشه انگلیسی ادامه بدیم؟", "ingilizce devam edebilir miyiz": a
    short question that is no answer and names another of the assistant's languages, at a question
    that is not about languages."""
    if reading.ok or len(words_of(text)) > _LANGUAGE_SWITCH_WORDS or question.id in _LANGUAGE_QUESTIONS:
        return False
    # Asked as a question: "the Turkish one" (a licence), "no Dutch SIM yet" name no wish.
    return asks_back(text, language) and any(code != language for code in assistant_languages_named(text))


# Questions whose answers name languages: a language named there is an answer.
_LANGUAGE_QUESTIONS = frozenset(
    {"first_language", "other_languages", "interpreter_language", "dutch_level", "english_level"}
)
_LANGUAGE_SWITCH_WORDS = 10


def _classifier_request(question: Question, intent: str | None, confidence: float, reading: Reading) -> bool:
    if intent not in REQUEST_INTENTS or confidence < REQUEST_CONFIDENCE:
        return False
    if question.type == "group":
        return not reading.ok
    if question.validation.person_name:
        return False  # a name is never taken for a request: "Jean Pierre Mukendi" stays a name
    if question.is_free_text:
        # "I need to talk to someone" to "What would help you?" is an answer: at a free-text
        # question only the request in so many words (request_in) counts.
        return False
    return not reading.ok
