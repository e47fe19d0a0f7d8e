"""Answer readers: find the answer to the question asked inside what the person typed.

`read(question, text, language)` gives a `Reading`: the value(s) found, how sure the reader is,
the words it could not place, or why it found nothing. One reader per question type, every word
list from the person's language file (`locales/<code>/answers.yaml`, see forms/lexicon.py).

Besides answers, a message can be a request ("go back", "help", "I want a person") or a
correction of an earlier answer ("my birthday is wrong"): `request_in` and `correction_in` tell,
and the dialogue decides which reading wins (actions/intake_form.py).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from forms.lexicon import lexicons_for, words_of
from forms.readers.choices import countries_named, named_exactly, options_listed, read_choice
from forms.readers.dates import month_words, read_date
from forms.readers.matching import (
    Match,
    PhraseIndex,
    clauses,
    covered,
    filler_words,
    find,
    find_in,
    index_for,
    uncovered_words,
)
from forms.readers.numbers import few_counted, numbers_in, read_number, years_said
from forms.readers.reading import CONFIRM_BELOW, Reading, Translator, refused, untranslated
from forms.readers.text import (
    dutch_mobile_beside_another,
    looks_like_bsn,
    read_email,
    read_phone,
    read_phone_value,
    read_text,
)
from forms.readers.yes_no import (
    ends_with_answer_word,
    puts_a_number_right,
    read_yes_no,
    starts_with_answer_word,
    yes_no_described,
)
from forms.schema import NO, UNKNOWN, YES, Question

__all__ = [
    "CONFIRM_BELOW",
    "Reading",
    "Translator",
    "correction_in",
    "looks_like_bsn",
    "no_answer_in",
    "read",
    "read_phone_value",
    "request_in",
    "untranslated",
    "warm_up",
]


# Question types where "I have none" is an answer of its own (types with buttons have theirs).
NONE_TYPES = ("text", "long_text", "email", "phone")
# At most this many other words around "I don't know" / "I have none" (a longer message is an answer).
_MAX_OTHER_WORDS = 3


def no_answer_in(text: str, language: str, question: Question | None = None) -> str | None:
    """ "dont_know", "none" or "skipped" when the message says just that (a few words around it
    allowed: "no e-mail", "ایمیل ندارم", "I don't know the date"; with the `question`, the words
    that name it do not count: "I don't have a phone number yet")."""
    words = [w for w in words_of(text) if any(ch.isalnum() for ch in w) or w == "?"]
    if any(w != "?" for w in words):
        words = [w for w in words if w != "?"]  # "Amina?": the question mark says nothing here
    if not words:
        return None
    matches = find(words, index_for(language, "no_answers"))
    if question is not None and question.validation.person_name:
        # "نمیخوام اسمشو بگم", "naxwazim navê wê bibêjim" (I don't want to say her name): the words
        # for a name stand inside the decline; without them it is the decline of the word file.
        naming = _naming_words(question.id, language) | _introduction_words(language)
        without = [w for w in words if w not in naming]
        found = find(without, index_for(language, "no_answers")) if without else []
        if found:
            words, matches = without, found
    foreign = not matches
    if foreign:
        # Another language's words only when they make the whole message, as typed ("nein",
        # "نه" in the English chat): "Aslan" in "Zeynep Öztürk Aslan" is a name, whatever it
        # means elsewhere.
        matches = [m for m in find(words, index_for(language, "no_answers", others=True)) if m.exact]
    others = uncovered_words(words, matches)
    if question is not None:
        naming = _naming_words(question.id, language)
        if question.validation.person_name:
            naming |= _introduction_words(language)  # "نام شه نمیگم": "her name", I won't say
        others = [w for w in others if w not in naming]
    if foreign and others:
        return None
    if not matches or len(others) > _MAX_OTHER_WORDS:
        return None
    if len(others) >= 2 and all(not m.exact and m.size == 1 and len(words[m.start]) <= 3 for m in matches):
        return None  # "جوشکار یا هر کار فنی" (a welder or any technical work): "فنی" is no "نی"
    kinds = {m.key for m in matches}
    if len(kinds) > 1:
        return "dont_know" if "dont_know" in kinds else None
    if kinds == {"skipped"} and all(m.size == 1 for m in matches):
        # "next", "skip", "private" alone are read like requests: "next please" declines,
        # "next week monday" and "Skip Johnson" do not.
        return "skipped" if _only_request_and_filler(words, matches, language, whole=False) else None
    return matches[0].key


def no_answer_anywhere(text: str, language: str) -> str | None:
    """ "dont_know", "none" or "skipped" said anywhere in a message of any length, when it says
    only one of them ("I had one but forgot the address", "ما عندي ايميل ابني بيعمللي كل شي"):
    for an e-mail address or a phone number, which a sentence without one cannot be. Not beside a
    number said in part ("06 12 ... I forgot the rest": asked again), and "none" only in more than
    one word ("no e-mail"; a lone "no" in a long sentence says no "none")."""
    words = words_of(text)
    numbers = numbers_in(words, language)
    if len(numbers) > 1 or any(ch.isdigit() for ch in text):
        return None  # "I have one but ...": one number word is no number said in part
    found = find(words, index_for(language, "no_answers"))
    kinds = {m.key for m in found if m.size > 1 or (m.exact and m.key != "none")}
    return kinds.pop() if len(kinds) == 1 else None


# A request is at most this many words besides filler ("please", "can I", "the question").
_MAX_REQUEST_WORDS = 8


def request_in(text: str, language: str, whole: bool = False, mistakes_are_back: bool = True) -> str | None:
    """The request the whole message makes (back, help, pause, person, skip, language), or None.

    Only a message that is (nearly) nothing but the request counts: the request's words with at
    most one other word ("back pls"), or with filler around them and nothing else (`filler` in
    the word files: "please", "can I", "sorry", "the question", "now"; numbers too). "Sorry, can
    I please go back to the previous question" is a request; "I want to go back to my country"
    is not (a word of an answer beside the filler), nor a lone request word with one other word
    ("next week", "back home"), nor one said not wanted ("I don't want to go back"). With
    `whole`, not one other word may stand beside it, filler neither ("call me Amina" at the name
    question is a name). "I made a mistake" is "back" unless `mistakes_are_back` is off (to "<value>
    — is that right?" it is a "no")."""
    words = [w for w in words_of(text) if any(ch.isalnum() for ch in w) or w == "?"]
    if not words or len(words) > 2 * _MAX_REQUEST_WORDS:
        return None
    if not whole and (asked := _request_then_not(text, language)) is not None:
        return asked
    # Only the person's own words (and those its speakers mix in, and English): a request word
    # of another language is often an answer here (Kurdish "paş", back, is French "pas", not).
    matches = find(words, index_for(language, "requests"), exact_only=True)
    # "ምን አውቃለሁ" (what do I know: I don't know) holds "ምን" (what: help); the longer words win.
    saying = find(words, index_for(language, "no_answers"), exact_only=True)
    matches = [m for m in matches if not any(n.start <= m.start and m.end <= n.end and n.size > m.size for n in saying)]
    if any(words[m.start : m.end] != ["?"] for m in matches):
        # "is er iemand?": the question mark of another request is no request for help.
        matches = [m for m in matches if words[m.start : m.end] != ["?"]]
    if (
        mistakes_are_back
        and not whole
        and {m.key for m in matches} <= {"back"}
        and not find_in(words, language, "fields")
    ):
        # "I made a mistake", "je me suis trompé", "yanlış yazdım geri": a mistake said without
        # naming the question, and nothing else asked for, is the answer just given: back to it
        # (`_correction` takes the named ones).
        used = covered(words, matches)
        matches = sorted(
            [
                *matches,
                *(
                    Match("back", m.start, m.end, m.exact)
                    for m in find(words, index_for(language, "corrections"), exact_only=True)
                    if not used & set(range(m.start, m.end))
                ),
            ],
            key=lambda m: m.start,
        )
    kinds = {m.key for m in matches}
    if len(kinds) > 1 and not whole:
        # "بس ارجع" ("just go back"; "بس" alone is also "enough, stop"): a request word that is
        # also filler gives way to the other request.
        filler = filler_words(language)
        kept = [m for m in matches if not (m.size == 1 and words[m.start] in filler)]
        if kept and len({m.key for m in kept}) == 1:
            matches, kinds = kept, {kept[0].key}
    if len(kinds) == 1 and _only_request_and_filler(words, matches, language, whole):
        return matches[0].key
    if not whole and kinds <= {"person"} and _talk_to_a_person(words, language):
        return "person"
    if not whole and kinds <= {"person", "language", "help"} and _someone_who_speaks(words, language):
        return "person"
    if not whole and kinds == {"pause"}:
        # "can I take a break, the children are calling": a pause asked for in the first clause,
        # the reason after it.
        parts = clauses(text)
        if len(parts) > 1 and request_in(parts[0], language) == "pause":
            return "pause"
        # "wait, I need to find my card", "dur bi kimliğime bakayım": a pause to look up the papers.
        # Not with a value read off them ("wait, on my card it is 1 January 1990").
        no_digits = not any(ch.isdigit() for w in words for ch in w)
        if len(words) <= _MAX_REQUEST_WORDS and no_digits and find(words, index_for(language, "papers")):
            return "pause"
        # "je continue plus tard là je vais au travail", "ik ga later verder nu werk": the request
        # in so many words first, its reason after it (no comma between). Not a "not now" ("şimdi
        # değil ama ...", "pas maintenant, elle va déjà à la garderie"): that is a "no".
        for end in range(len(words) - 1, 1, -1):
            first = " ".join(words[:end])
            if request_in(first, language, whole=True) == "pause":
                return None if read_yes_no(first, language).ok else "pause"
    return None


def _request_then_not(text: str, language: str) -> str | None:
    """ "can I talk to a real person please, not a computer", "bi insanla konuşabilir miyim,
    robotla değil": a person asked for in the first clause, then a short clause saying what is not
    wanted."""
    first = before_what_is_not_wanted(text, language)
    # Only a person ("what is e-mail? I have none" asks for help, then answers).
    return "person" if first != text and request_in(first, language) == "person" else None


def before_what_is_not_wanted(text: str, language: str) -> str:
    """The first clause, when the clauses after it are short and say what is not wanted ("...,
    not a computer"); else the whole text."""
    parts = [part for clause in clauses(text) for part in re.split(r"[?؟]", clause) if part.strip()]
    if len(parts) < 2:
        return text
    tail = words_of(" ".join(parts[1:]))
    # Turkish and Amharic say "not" after the word ("robotla değil"): a word of "except" too.
    denied = find(tail, index_for(language, "negations"), exact_only=True) or find(
        tail, index_for(language, "except"), exact_only=True
    )
    if len(tail) > 4 or not denied:
        return text
    return parts[0]


def _only_request_and_filler(words: list[str], matches: list[Match], language: str, whole: bool) -> bool:
    """Whether the words beside the request's make no answer of it: at most one other word
    ("back pls", "skip bro"), or only filler and numbers ("sorry, can we go back to the previous
    question please", "wait 2 min please"). A content word beside filler makes an answer ("I want
    to go back to my country", "I need help with computers")."""
    others = uncovered_words(words, matches)
    if whole:
        return not others and len(words) <= _MAX_REQUEST_WORDS
    used = covered(words, matches)
    filler = covered(words, find(words, index_for(language, "filler")))
    if any(
        i > 0 and i not in used | filler
        for m in find(words, index_for(language, "negations"), exact_only=True)
        for i in range(m.start, m.end)
    ):
        return False  # "I don't want to go back", "ik wil niet terug": the request is said not wanted
    if len(others) <= 1 and len(words) <= _MAX_REQUEST_WORDS:
        # "next week", "back home": one request word followed by one other word is as likely an
        # answer; "ብዙሕ ኣይተረደኣንን" (much / I don't understand) and "go back x" are requests.
        alnum = [i for i, w in enumerate(words) if w != "?"]
        lone_word = len(used) == 1 and len(alnum) == 2 and alnum[0] in used
        if not (others and lone_word):
            return True
    rest = [w for i, w in enumerate(words) if i not in used | filler and any(ch.isalpha() for ch in w)]
    return not rest and len(words) - len(filler - used) <= _MAX_REQUEST_WORDS


def _talk_to_a_person(words: list[str], language: str) -> bool:
    """ "I want to talk to a real person", "bir kişiyle konuşmak istiyorum": a verb of talking and
    a word for a person in one short message, in any words around them."""
    found = {m.key for m in find(words, index_for(language, "talk_to_a_person"), exact_only=True)}
    return found == {"talk", "person"}


def _someone_who_speaks(words: list[str], language: str) -> bool:
    """ "turkce bilen biri var mi", "ትግርኛ ዝዛረብ ሰብ ኣሎ ዶ" (is there someone who speaks Turkish,
    Tigrinya?): a word for a person and a language's name in a short message."""
    from forms.schema import load_schema

    found = find(words, index_for(language, "talk_to_a_person"), exact_only=True)
    if len(words) > 7 or not any(m.key == "person" for m in found):
        return False
    named = read_choice(load_schema().question("first_language"), " ".join(words), language, untranslated)
    return named.ok and named.value != "other"


def someone_else_knows(text: str, language: str) -> bool:
    """ "mijn dochter weet het", "oglum biliyor", "ልጄ ነው የሚያውቀው": a short message saying that
    someone else knows the answer; the person does not (`others_know` in the word files)."""
    words = [w for w in words_of(text) if any(ch.isalnum() for ch in w)]
    return 0 < len(words) <= 6 and bool(find(words, index_for(language, "others_know"), exact_only=True))


def asks_for_a_person_only(text: str, language: str) -> bool:
    """ "ik wil met een mens praten aub", "lütfen bir insanla konuşmak istiyorum": a verb of
    talking and a word for a person with nothing but filler around them. At a free-text question
    this is the request; "I want to talk to someone about my health" (a word of an answer beside
    them) is not."""
    words = [w for w in words_of(text) if any(ch.isalnum() for ch in w)]
    if not words or len(words) > 2 * _MAX_REQUEST_WORDS or not _talk_to_a_person(words, language):
        return False
    used = covered(words, find(words, index_for(language, "talk_to_a_person"), exact_only=True))
    filler = covered(words, find(words, index_for(language, "filler")))
    return all(i in used | filler or not any(ch.isalpha() for ch in w) for i, w in enumerate(words))


# How many words may stand between "go back" and the question's name ("go back to the question
# about the DigiD").
_BACK_TO_NAME = 5


def _back_to(back: Match, named: list[Match], fields: list[Match], answered: list[str]) -> bool:
    """ "Go back" said of an answered question named a few words on ("go back to the question
    about my first language"); not when another thing is named first ("I want to go back to work
    after I learn the language")."""
    targets = [n for n in named if n.key in answered and 0 <= n.start - back.end <= _BACK_TO_NAME]
    others = [f for f in fields if f.key not in answered and f.start >= back.end]
    return any(not any(o.start < t.start for o in others) for t in targets)


def correction_in(text: str, language: str, answered: list[str]) -> tuple[str, str] | None:
    """The earlier question a message says is wrong ("my birthday is wrong", "the phone number I
    gave is not right"), among the questions already `answered`, with the words left when the
    correction and the question's name are taken out (maybe the right value); None when it
    names none."""
    from forms.schema import load_schema

    words = words_of(text)
    # A month's name is no word of a question's name with an ending: "شهریور" (Shahrivar) is no
    # "شهر" (city, the municipality).
    months = month_words(words, language)
    field_words = [m for m in find_in(words, language, "fields") if m.exact or m.start not in months]
    named = [*field_words, *find(words, _label_words(language))]
    # "wrong", "not right"; or "go back" just before the question's name ("go back to the DigiD,
    # I have it"), not a "back" of its own ("بدي ارجع اشتغل ... بعد ما اتعلم اللغة": I want to go
    # back to work after I learn the language).
    said_wrong = find_in(words, language, "corrections") or [
        m
        for m in find_in(words, language, "requests", exact_only=True)
        if m.key == "back" and _back_to(m, named, field_words, answered)
    ]
    # "sorry, my own date of birth is 20 Ordibehesht 1365, not 66": "sorry" or "not" beside
    # the question's name and a new value (the person's own words only).
    corrections = said_wrong or find(words, index_for(language, "number_corrections"), exact_only=True)
    if not corrections:
        return None
    fields = [m for m in named if m.key in answered]
    if not fields:
        return None
    rest = " ".join(uncovered_words(words, [*corrections, *fields]))
    if asks_back(text) and (not said_wrong or find(words, index_for(language, "question_words"), exact_only=True)):
        # "what is DigiD? before I said no", "wait, why must I tell my debts to the municipality?":
        # a question about an earlier one, no correction of it.
        return None
    if not said_wrong:
        # Only "no" or "sorry" beside a question's name: a correction only with a new value for
        # it. "بار مې له یو ښار نه بل ته وړ" (I carried loads from one city to another; "نه" is
        # also "from") at *What did you do in this job?* says nothing of the municipality.
        target = load_schema().question(fields[0].key)
        if target.is_free_text or not read(target, rest, language).ok:
            return None
    return fields[0].key, rest


def asks_back(text: str, language: str | None = None) -> bool:
    """A question of three words or more ("digid ne demek?", "DigiD څه شی دی؟"); with the
    `language`, also without a question mark when it asks why ("pourquoi vous voulez mon nom")."""
    words = [w for w in words_of(text) if w != "?"]
    if ("?" in text or "؟" in text) and len(words) >= 3:
        return True
    return language is not None and bool(find(words, index_for(language, "question_words"), exact_only=True))


def _answered_beside_the_question(text: str, language: str) -> bool:
    """ "no, what is that?", "only a certificate, does it count? yes": a yes or no said first, or
    alone after the question mark, answers; the question beside it is the person's remark."""
    parts = re.split(r"[?؟]", text)
    before, after = parts[0], parts[-1]
    # "yes? what do you mean": a "yes" asked back is no answer. After the question a short yes or
    # no, or one set apart by a comma ("Pourquoi ... ? Non, je ne l'ai pas encore demandé").
    set_apart = re.match(r"\s*\S+(?:\s+\S+)?\s*[,،،።፣]", after) is not None
    return (len(words_of(before)) >= 2 and starts_with_answer_word(before, language)) or (
        bool(words_of(after)) and starts_with_answer_word(after, language) and (len(words_of(after)) <= 2 or set_apart)
    )


def _before_the_question(text: str) -> str:
    """The clauses before the one that asks, when only the last one asks ("ዝዋግ ነው የምንኖረው, ሆርን
    ነው አይደል?" → "ዝዋግ ነው የምንኖረው"); else nothing."""
    parts = clauses(text)
    asking = [i for i, part in enumerate(parts) if "?" in part or "؟" in part]
    if len(parts) < 2 or asking != [len(parts) - 1]:
        return ""
    return ", ".join(parts[:-1])


def read(
    question: Question,
    text: str,
    language: str,
    translate: Translator = untranslated,
    today: date | None = None,
    calendar: str | None = None,
    born: int | None = None,
) -> Reading:
    """Read what the person typed for `question`. `translate` gives labels in their language;
    `calendar` is the one the person gave an earlier date in; `born` the year of birth they gave
    ("from age 14 until 2016" at the years of a job)."""
    if (
        asks_back(text)
        and question.type in ("yes_no", "group", "single_choice", "multiple_choice")
        and not (question.type == "yes_no" and _answered_beside_the_question(text, language))
    ):
        # "what does DigiD mean?", "can we speak English?": a question back, never the answer
        # (the classifier's request, or asking again, takes it from here). An answer said in the
        # clauses before it stands ("we live in Zwaag, is that Hoorn?").
        before = _before_the_question(text)
        if before and question.type.endswith("choice"):
            reading = read_choice(question, before, language, translate)
            if reading.ok:
                return reading
        return refused("choice" if question.type.endswith("choice") else "yes_no")
    if question.type in ("yes_no", "group"):
        reading = read_yes_no(text, language, (translate("Yes"),), (translate("No"),))
        if question.type == "group":
            return _group(question, reading, text, language, translate, today)
        # "Only a photo on my phone" to "Do you have this diploma with you, on paper or as a
        # photo?", "I have a simple phone" to "Do you have a smartphone?": the question's own
        # words for yes or no (`options` in the word file) over a general "I have", not over a
        # "yes" or "no" said first.
        described = yes_no_described(question.id, text, language)
        general = reading.ok and (reading.certainty >= 1.0 or starts_with_answer_word(text, language))
        last = ends_with_answer_word(text, language)
        if last is not None and not starts_with_answer_word(text, language):
            # "we applied, but the IND said no, so no": the answer the person settles on.
            return Reading(value=last, certainty=0.9, unplaced=tuple(words_of(text)))
        if described is not None and described != reading.value and not general:
            return Reading(value=described, certainty=0.9, unplaced=tuple(words_of(text)))
        if (not reading.ok or reading.value == UNKNOWN) and (settled := _settled_in_a_clause(text, language)):
            # "maybe yes, I think a lot about my family and I don't sleep well", "Belki, ama ...
            # Evet, uykusuzluk var": the yes or no of a short clause of its own; checked with
            # the person.
            return Reading(value=settled, certainty=0.7, unplaced=tuple(words_of(text)))
        return reading
    if question.type == "date":
        reading = read_date(text, language, today, question.validation.allow_partial, calendar)
        return _checked_date(question, reading, today)
    if question.type in ("single_choice", "multiple_choice"):
        reading = read_choice(question, text, language, translate)
        if not reading.ok and (said := _option_said_by_yes_or_no(question, text, language)) is not None:
            return said
        if not reading.ok and (someone := _option_said_by_naming_someone(question, text, language)) is not None:
            return someone
        return reading
    if question.type == "number":
        return read_number(question, text, language, born)
    if question.type == "phone":
        # "رقمي العراقي 0770 123 4567": a number of the country the message names, when it is
        # one there ("06 12345678, I am from Syria" stays Dutch).
        named = countries_named(text, language, exact=False) - {"NL"}
        foreign = read_phone(text, named.pop(), language) if len(named) == 1 else refused("phone")
        if foreign.ok and not dutch_mobile_beside_another(text):
            return foreign
        # "in Syria it was +963 944 123456, now 06 74962835": the Dutch number is the one to call.
        return read_phone(text, language=language)
    if question.type == "email":
        return read_email(text, language)
    return read_text(question, text, language)


def _settled_in_a_clause(text: str, language: str) -> str | None:
    """The one yes or no said in clauses of at most three words of a message of several clauses
    (the others tell why), or None when there is none or both."""
    parts = [part for part in clauses(text) if words_of(part)]
    if len(parts) < 2:
        return None
    said: set[str] = set()
    for part in parts:
        reading = read_yes_no(part, language)
        if len(words_of(part)) <= 3 and reading.ok and reading.value in (YES, NO):
            said.add(str(reading.value))
    return said.pop() if len(said) == 1 else None


def _option_said_by_yes_or_no(question: Question, text: str, language: str) -> Reading | None:
    """The option a plain yes or no means (`answers` in forms/intake.yaml): "ewe", "اي" to "Can
    you read in your own language?" is "Yes, well"; "la ana 3azab" to "Do you have a partner?" is "No"."""
    by_answer = {o.answers: o.code for o in question.options if o.answers}
    declined = no_answer_in(text, language) in ("skipped", "dont_know")
    if not by_answer or declined or request_in(text, language) is not None:
        return None  # "I don't want to say" declines: its "don't" is no "no"
    said = read_yes_no(text, language)
    if not said.ok or said.certainty < CONFIRM_BELOW or said.value not in by_answer:
        return None
    return Reading(value=by_answer[str(said.value)], certainty=0.9, unplaced=said.unplaced)


def _option_said_by_naming_someone(question: Question, text: str, language: str) -> Reading | None:
    """The option a message means by naming someone (`names_someone` in forms/intake.yaml): "ابن
    عمي ساكن بهورن", "only my brother", "two Sudanese in Hoorn, that's all" to "Do you know people
    nearby?" is "a few". Not with a "no" or "not" in it ("I don't know my neighbours")."""
    code = next((o.code for o in question.options if o.names_someone), None)
    if code is None:
        return None
    words = words_of(text)
    named = any(m.key == "relation" for m in find(words, index_for(language, "not_a_name")))
    if not (named or few_counted(text, language)) or find(words, index_for(language, "negations"), exact_only=True):
        return None
    return Reading(value=code, certainty=0.9, unplaced=tuple(words))


def warm_up(languages: list[str]) -> None:
    """Build every word index once (a few seconds), so that no person waits for it on their
    first message: the action server calls this in the background when it starts."""
    from forms.schema import load_schema

    schema = load_schema()
    for language in languages:
        for question in schema.questions:
            read(question, "1", language)
        no_answer_in("1", language)
        request_in("1", language)
        index_for(language, "filler")  # request_in reads them only beside a request word
        index_for(language, "negations")
        correction_in("1", language, [])


def _only_the_family(text: str, language: str) -> bool:
    """ "tenê ez û zarok", "only me and my wife": an "only" with nothing beside it but the person,
    their partner and children (asked before this question) and words such as "and", "please"."""
    words = words_of(text)
    family = find(words, index_for(language, "family_at_home"), exact_only=True)
    only = find(words, index_for(language, "only"), exact_only=True)
    if not family or not only:
        return False
    said = [
        *family,
        *only,
        *find(words, index_for(language, "self_introductions"), exact_only=True),
        *find(words, index_for(language, "number_joiners"), exact_only=True),
    ]
    filler = filler_words(language)
    return all(i in covered(words, said) or word in filler for i, word in enumerate(words))


def _group(
    group: Question, reading: Reading, text: str, language: str, translate: Translator, today: date | None
) -> Reading:
    """ "Do you have children?" — "yes", or a first item told at once ("my mother lives with me",
    "I studied law at university", "a daughter born in 2019"): yes, with what it says of the item."""
    if puts_a_number_right(text, language) and not starts_with_answer_word(text, language):
        # "sorry, my birthday is 4 Sibat 1991, not 1990" at "Do you have children?", "… 10 አመቱ
        # ነው እንጂ 9 አይደለም" (he is 10, not 9) at *Did you go to school?*: a correction of an earlier
        # answer (the dialogue takes it), no yes or no, not two children born in 1990 and 1991.
        return refused("yes_no")
    if reading.ok and reading.value == NO and (only_one := _only_one_after_no(group, text, language, translate, today)):
        return only_one
    if reading.ok and reading.value not in (YES, UNKNOWN) and reading.certainty >= CONFIRM_BELOW:
        return reading
    if any(q.id == "member_relation" for q in group.items) and _only_the_family(text, language):
        # "فقط من و بچه ها" (only me and the children) at *Does anyone else live with you?*: no one.
        return Reading(value=NO, certainty=0.9)
    relation = next((q for q in group.items if q.id == "member_relation"), None)
    if relation is not None and not numbers_in(words_of(text), language) and not (reading.ok and reading.value == NO):
        # "ablam ve eniştem" (my sister and my brother-in-law) at *Does anyone else live with
        # you?*: one item per person named, each with their relation.
        listed = options_listed(relation, text, language, translate)
        if len(listed) >= 2:
            people: tuple[dict[str, object], ...] = tuple({relation.id: code} for code in listed)
            return Reading(value=YES, certainty=0.9, others=dict(people[0]), items=people)
    dated, counted = _dated_items(group, text, language, today or date.today())
    if dated and not (reading.ok and reading.value == NO):
        # "Two children of 3 and 5", "one son, 7 years old": counted items, the others queued;
        # "a son of 7 years old": the first item, maybe more to come.
        items = tuple(dated) if len(dated) > 1 or counted else ()
        return Reading(value=YES, certainty=0.9, others=dict(dated[0]), items=items)
    item: dict[str, object] = {}
    one_named = False
    count = _count_of_items(group, text, language)
    for question in group.items:
        if question.is_free_text or question.type == "yes_no":
            continue
        if question.type == "number" and count:
            continue  # "yes, 2": how many there are, not the first one's age or years
        found = read(question, text, language, translate, today)
        if not (found.ok and found.value is not None and found.certainty >= 0.9):
            continue
        counts_years = question.type == "number" and (question.validation.max_value or 0) <= 60
        if counts_years and years_said(text, language) is None:
            # "yes, I finished grade 12", "بلی ده هالند مکتب" (ده: in, and Persian ten): years
            # at a school or a job only with their unit ("for 6 years"); else it only says
            # there is one.
            one_named = True
            continue
        if question.type == "number" and found.value == 1 and not any(ch.isdigit() for ch in text):
            # "yes, one friend lives with me", "ik had een winkel": "one" is "a", no age or
            # years; it still says there is one.
            one_named = True
            continue
        if question.type != "single_choice" or named_exactly(question, str(found.value), text, language, translate):
            item[question.id] = found.value  # a choice only as written: no typo guesses about the item
    if item:
        # "My mother and my 2 brothers": the first item; how many there are is not clear.
        return Reading(value=YES, certainty=max(0.9, reading.certainty if reading.ok else 0), others=item)
    if count:
        # "Yes, two daughters": two items, nothing known of them yet.
        return Reading(value=YES, certainty=0.9, items=tuple({} for _ in range(count)))
    if one_named and not (reading.ok and reading.value == NO):
        return Reading(value=YES, certainty=0.9, unplaced=tuple(words_of(text)))
    if not reading.ok and _names_items(group, text, language):
        # "one boy", "یک دختر", "بنت وولد" to "Do you have children?": yes (how many is asked after).
        return Reading(value=YES, certainty=0.9, unplaced=tuple(words_of(text)))
    return reading if reading.ok and reading.value != UNKNOWN else refused("yes_no")


def _only_one_after_no(
    group: Question, text: str, language: str, translate: Translator, today: date | None
) -> Reading | None:
    """ "ښوونځي ته نه دی تللی، یوازې دوه کاله مدرسه" (I did not go to school, only two years of
    madrasa): the "no" is about one kind of item; a clause of "only" after it names one, and says
    yes. Not for people: "no, only my wife and the children" (no one else), "no children yet, I am
    only 20" (an age, no child)."""
    if any(q.type == "date" or q.id == "member_relation" for q in group.items):
        return None
    for part in [part for part in clauses(text) if words_of(part)][1:]:
        words = words_of(part)
        if not find_in(words, language, "only", exact_only=True) or find_in(
            words, language, "negations", exact_only=True
        ):
            continue
        named = read(group, part, language, translate, today)
        if named.ok and named.value == YES and (named.others or named.items):
            return named
    return None


def _names_items(group: Question, text: str, language: str) -> bool:
    """Whether a message names the group's items in its own words (the word file's
    `fields.<group id>`: "son", "daughters") and says no "not" or "none"."""
    words = words_of(text)
    named = any(m.key == group.id for m in find_in(words, language, "fields"))
    # A word of "only" is no request: Arabic "bas" is "stop" and "only" ("... until grade 9 bas").
    only = covered(words, find_in(words, language, "only", exact_only=True))
    requests = [m for m in find_in(words, language, "requests", exact_only=True) if m.start not in only]
    said_else = (
        find_in(words, language, "negations", exact_only=True)  # "no children"
        or requests  # "wait, the child is crying"
        or no_answer_in(text, language) is not None
    )
    return named and not said_else


def _count_of_items(group: Question, text: str, language: str) -> int:
    """How many items a message names ("yes, 2 children", "three brothers"), or 0. A number
    said as an age ("she is 7 years old") or a year is not a count."""
    words = words_of(text)
    found = numbers_in(words, language)
    if len(found) != 1 or find_in(words, language, "age"):
        return 0
    count = found[0].value
    beside = [*find(words, index_for(language, "units")), *find(words, index_for(language, "until"), exact_only=True)]
    if any(m.end == found[0].start or m.start == found[0].end for m in beside):
        return 0  # "yes until grade 8", "yes, 4 years": a grade or a duration, not eight schools
    if words[found[0].start].isdigit() and re.search(rf"(?<![\w]){words[found[0].start]}[^\W\d_]", text):
        return 0  # "awo 8gna kifl" (8th grade), "3am" (Arabizi): a number with letters on it counts nothing
    if count == 1 and not words[found[0].start].isdigit():
        return 0  # "un", "een", "bir", "a" are also "a": "oui un peu" counts nothing
    return int(count) if count == int(count) and 1 <= count <= group.max_items else 0


def _dated_items(group: Question, text: str, language: str, today: date) -> tuple[list[dict[str, object]], bool]:
    """The items of a group whose first question is a date, listed in one message ("two
    daughters, born 2015 and 2019", "three children of 3, 7 and 10 years old", "a son of 7
    years old"), and whether the message counted them ("three children: ...")."""
    dated = next((q for q in group.items if q.type == "date"), None)
    if dated is None:
        return [], False
    words = words_of(text)
    numbers = [int(n.value) for n in numbers_in(words, language) if n.value == int(n.value)]
    counted = len(numbers) >= 2 and numbers[0] == len(numbers) - 1
    if counted:
        numbers = numbers[1:]  # "three children: 3, 7 and 10" - the first number counts them
    years = [n for n in numbers if 1940 <= n <= today.year]
    if len(years) >= 2 and len(years) == len([n for n in numbers if n > 31]):
        return [{dated.id: str(year)} for year in years], counted
    ages = [n for n in numbers if 0 <= n <= 40]
    said_as_ages = bool(find_in(words, language, "age"))
    if ages and len(ages) == len(numbers) and said_as_ages:
        return [{dated.id: f"~{today.year - age}"} for age in ages], counted
    return [], False


def _checked_date(question: Question, reading: Reading, today: date | None) -> Reading:
    from forms.answers import date_problem  # forms.answers builds on this package

    if not reading.ok:
        return reading
    problem = date_problem(question, str(reading.value), today or date.today())
    return refused(problem) if problem else reading


@cache
def _label_words(language: str) -> PhraseIndex:
    """The words of the questions' labels in the person's language that name one question only
    ("DigiD", "rijbewijs", "ehliyet"): a correction may name any question by them, also one the
    `fields` lists of the word file do not have."""
    from forms import load_schema
    from locales import translate

    every_label = {q.id: words_of(translate(language, q.label)) for q in load_schema().questions}
    labels = {q.id: every_label[q.id] for q in load_schema().questions if q.group_id is None}
    # Counted over every label, the items' too: "years" of "Years of school in total" is also the
    # word of "Years in this job", so "2 or 3 years, I don't remember" at a job names no total.
    counts: dict[str, int] = {}
    for words in every_label.values():
        for word in set(words):
            counts[word] = counts.get(word, 0) + 1
    distinct = {
        qid: [(w,) for w in words if counts[w] == 1 and len(w) >= 4 and not w.isdigit()]
        for qid, words in labels.items()
    }
    return PhraseIndex({qid: phrases for qid, phrases in distinct.items() if phrases})


@cache
def _introduction_words(language: str) -> frozenset[str]:
    """The words of "my name is", "her name", "اسمش" in the person's languages."""
    return frozenset(w for lex in lexicons_for(language) for phrase in lex.name_introductions for w in phrase)


def _naming_words(question_id: str, language: str) -> frozenset[str]:
    """The words that name a question in the person's languages: its `fields` phrases and its
    translated label ("phone", "number", "telefoon")."""
    from forms import load_schema
    from locales import translate

    schema = load_schema()
    if not schema.has_question(question_id):
        return frozenset()
    words = set(words_of(translate(language, schema.question(question_id).label)))
    for lex in lexicons_for(language):
        words.update(w for phrase in lex.fields.get(question_id, ()) for w in phrase)
    return frozenset(words)
