"""Choices read by what people say, not only by the option's label.

Every option has the ways people describe it (locales/<code>/answers.yaml, `options`), its label
in English and in the person's language, and for some kinds of option names from CLDR through
Babel: countries (ISO 3166 codes) and languages. An education level can also be read from the
school years it covers ("12 years of school", "grade 9").

Single choice: the option with the strongest match wins; a tie is not guessed. Multiple choice:
every option named. Availability (weekday × part of day) is read by its own rules: "mornings",
"every day except Friday", "Monday and Thursday afternoon".
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from babel import Locale
from babel.languages import get_territory_language_info

from forms.lexicon import (
    WEEK_PARTS_QUESTIONS,
    Lexicon,
    Phrase,
    all_lexicons,
    cldr_locales,
    lexicons_for,
    load_lexicon,
    other_lexicons,
    words_of,
)
from forms.lexicon import phrase as to_phrase
from forms.readers.matching import (
    ARABIC_PREFIXES,
    Match,
    PhraseIndex,
    clauses,
    covered,
    filler_words,
    find,
    find_in,
    index_for,
    merged,
)
from forms.readers.numbers import numbers_in
from forms.readers.reading import CONFIRM_BELOW, Reading, Translator, refused
from forms.readers.sounds import by_sound, is_latin
from forms.readers.yes_no import read_yes_no
from forms.schema import Question, load_municipalities
from locales import languages

# Option codes of the spoken-language list and the CLDR language codes that name them.
_LANGUAGE_CODES = {"fa_AF": ("fa_AF", "prs"), "kmr": ("ku", "kmr"), "ckb": ("ckb",)}


@cache
def option_key(question: Question) -> str | None:
    """Where a lexicon describes this question's options: its option list, or the question id."""
    from forms.lexicon import option_keys

    keys = option_keys()
    codes = tuple(o.code for o in question.options)
    if question.id in keys:
        return question.id
    return next((key for key, key_codes in keys.items() if key_codes == codes and key != question.id), None)


def _descriptions(question: Question, lexicons: tuple[Lexicon, ...]) -> dict[str, list[Phrase]]:
    key = option_key(question)
    tables = []
    for lex in lexicons:
        if key is not None:
            tables.append(lex.options.get(key, {}))
        if question.id != key:
            tables.append(lex.options.get(question.id, {}))
    return merged(*tables)


@cache
def _every_country_name(languages: tuple[str, ...] | None = None) -> dict[str, list[Phrase]]:
    """Every country's name in the given conversation languages (all twelve when None): CLDR's
    and the spoken forms of the lexicons."""
    codes = [c for c in cldr_locales() if languages is None or c in languages]
    tables: list[dict[str, list[Phrase]]] = []
    for code in codes:
        territories = Locale.parse(code).territories
        # "Saoedi-Arabië" is also typed "Saoedi Arabië".
        tables.append(
            {
                c: list(dict.fromkeys([to_phrase(name), to_phrase(name.replace("-", " "))]))
                for c, name in territories.items()
                if len(c) == 2 and c.isalpha()
            }
        )
    tables += [{c: list(p) for c, p in lex.countries.items()} for lex in all_lexicons() if lex.code in codes]
    return merged(*tables)


@cache
def _country_names(languages: tuple[str, ...] | None = None) -> dict[str, list[Phrase]]:
    table = _every_country_name(languages)
    # Short names collide with ordinary words: names of three letters or less ("هند", "دبی") are
    # matched only as whole words (`_short_country_names`), never as the start of a longer word
    # ("هندسة", engineering; "دبیرستان", high school).
    return {code: [p for p in phrases if len("".join(p)) > 3] for code, phrases in table.items()}


@cache
def _other_country_index(language: str) -> PhraseIndex:
    """Country names in the languages the person does not speak: matched only as typed. With a
    typo allowed, the Dutch "Servië" took the English "service" for Serbia."""
    own = set(_own_languages(language))
    return PhraseIndex(_country_names(tuple(c for c in cldr_locales() if c not in own)))


def _own_languages(language: str) -> tuple[str, ...]:
    return tuple(lex.code for lex in lexicons_for(language))


def _short_country_matches(words: list[str]) -> list[Match]:
    """Countries with a name of three letters ("مصر", "هند", "دبی") named as a whole word, also
    after an Arabic-script prefix ("بمصر", in Egypt); never as the start of a longer word."""
    names = _short_country_names()
    found = []
    for i, word in enumerate(words):
        forms = [word, *(word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) == 3)]
        code = next((names[f] for f in forms if f in names), None)
        if code:
            found.append(Match(code, i, i + 1, word in names))  # "بمصر": with a prefix
    return found


@cache
def _short_country_names() -> dict[str, str]:
    """{name: code} of the one-word country names of three letters."""
    table = _every_country_name()
    return {p[0]: code for code, phrases in table.items() for p in phrases if len(p) == 1 and len(p[0]) == 3}


@cache
def _language_names(codes: tuple[str, ...]) -> dict[str, list[Phrase]]:
    """The options' languages by their names in all twelve languages (CLDR)."""
    tables: list[dict[str, list[Phrase]]] = []
    for locale_code in cldr_locales():
        names = Locale.parse(locale_code).languages
        table: dict[str, list[Phrase]] = {}
        for code in codes:
            for cldr in _LANGUAGE_CODES.get(code, (code,)):
                if name := names.get(cldr):
                    table.setdefault(code, []).append(to_phrase(name))
        tables.append(table)
    return merged(*tables)


def assistant_languages_named(text: str) -> list[str]:
    """The assistant's languages a message names, in order, by their names in any of the twelve
    languages (CLDR), also with a prefix or an ending ("በእንግሊዝኛ", in English): their codes."""
    codes = _assistant_languages()
    return [codes[m.key] for m in find(words_of(text), _assistant_language_index(), typos=False)]


@cache
def _assistant_languages() -> dict[str, str]:
    """The assistant's own languages (locales/) by the codes the language options use: Kurmanji,
    "ku" in the chat, is "kmr" there."""
    option_code = {cldr: code for code, cldrs in _LANGUAGE_CODES.items() for cldr in cldrs}
    return {option_code.get(lang.code, lang.code): lang.code for lang in languages()}


@cache
def _assistant_language_index() -> PhraseIndex:
    return PhraseIndex(_language_names(tuple(_assistant_languages())))


@cache
def _other_language_names(codes: tuple[str, ...]) -> dict[str, list[Phrase]]:
    """ "Hausa", "السواحلية", "آلمانی": languages the options do not list are "other". The names
    (CLDR, in all twelve languages) of every language that at least 5 % of some country speak;
    short names (2 letters) are left out, they are ordinary words somewhere."""
    listed = {cldr for code in codes for cldr in _LANGUAGE_CODES.get(code, (code,))}
    spoken: set[str] = set()
    for territory in Locale.parse("en").territories:
        if isinstance(territory, str) and len(territory) == 2:
            for language, info in get_territory_language_info(territory).items():
                if float(info.get("population_percent") or 0) >= 5:
                    spoken.add(language.split("_")[0])
    names: list[Phrase] = []
    for locale_code in cldr_locales():
        known = Locale.parse(locale_code).languages
        for c in sorted(spoken - listed - {"und"}):
            if c in known:
                names += [to_phrase(name) for name in _spoken_forms(known[c])]
    # A name that is also one of the options' names ("Kurdish" for ckb and kmr) is that option.
    taken = {p for phrases in _language_names(codes).values() for p in phrases}
    return {"other": [p for p in dict.fromkeys(names) if p and p not in taken and len("".join(p)) >= 4]}


def _spoken_forms(name: str) -> list[str]:
    """A language's CLDR name and how people say it: Arabic "السواحلية" (the Swahili language) is
    said "سواحلي" (Swahili), without the article and with the adjective's masculine ending."""
    forms = [name]
    if name.startswith("ال") and len(name.split()) == 1:
        bare = name[2:]
        forms += [bare, bare[:-2] + "ي" if bare.endswith("ية") else bare]
    return list(dict.fromkeys(forms))


def _labels(question: Question, translate: Translator) -> dict[str, list[Phrase]]:
    return _label_table(question, _translated(question, translate))


def _translated(question: Question, translate: Translator) -> tuple[str | None, ...]:
    return tuple(translate(option.label) if option.translatable else None for option in question.options)


@cache
def _label_table(question: Question, translated: tuple[str | None, ...]) -> dict[str, list[Phrase]]:
    """The options' labels, also as written otherwise and as translated: made once per question and
    translation (a list of 200 countries took a fifth of the action server's CPU per turn)."""
    table: dict[str, list[Phrase]] = {}
    for option, translation in zip(question.options, translated, strict=True):
        names = [option.label, *option.also_written]
        if translation is not None:
            names.append(translation)
        table[option.code] = [p for p in (to_phrase(n) for n in names) if p]
    return table


@cache
def _label_index(question: Question, translated: tuple[str | None, ...]) -> PhraseIndex:
    return PhraseIndex(_label_table(question, translated))


def _phrase_indices(question: Question, language: str, translate: Translator) -> tuple[PhraseIndex, ...]:
    """The option labels as shown (in the person's language), and the cached descriptions."""
    return (_label_index(question, _translated(question, translate)), _description_index(question, language))


@cache
def _description_index(question: Question, language: str) -> PhraseIndex:
    """How people describe the options in the person's language, and CLDR's names of countries
    and languages; built once per question and language."""
    codes = tuple(o.code for o in question.options)
    tables = [_descriptions(question, lexicons_for(language))]
    if any(o.territory for o in question.options):
        tables.append(_country_names(_own_languages(language)))
    if option_key(question) == "spoken_languages":
        tables.append(_language_names(codes))
        if "other" in codes:
            tables.append(_other_language_names(codes))
    return PhraseIndex(merged(*tables))


@cache
def _cefr_index(question: Question) -> PhraseIndex:
    """The CEFR levels of the options (`cefr` in forms/intake.yaml), the same in every language."""
    return PhraseIndex({o.code: [to_phrase(level) for level in o.cefr] for o in question.options if o.cefr})


@cache
def _other_descriptions(question: Question, language: str) -> PhraseIndex:
    return PhraseIndex(merged(*(_descriptions(question, (lex,)) for lex in other_lexicons(language))))


def _scores(matches: list[Match]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for match in matches:
        scores[match.key] = scores.get(match.key, 0) + match.size + (0.5 if match.exact else 0)
    return scores


def _by_grades(question: Question, words: list[str], language: str, named_grade: bool = False) -> str | None:
    """ "12 years of school", "grade 9", "until class 6": the level whose grades hold the number.
    With `named_grade` only a number beside a word for "grade" ("grade 8", "klas 8", "8ኛ ክፍል")."""
    graded = [o for o in question.options if o.grades]
    if not graded:
        return None
    numbers = [n for n in numbers_in(words, language) if 1 <= n.value <= 20]
    if named_grade:
        # "grade 8", "klas 8"; not "year", also a word for a grade somewhere: "4 years" is no grade.
        year_words = {p for lex in lexicons_for(language) for p in lex.units.get("year", ())}
        grades = [
            m
            for m in find_in(words, language, "units")
            if m.key in ("grade", "year") and tuple(words[m.start : m.end]) not in year_words
        ]
        numbers = [n for n in numbers if any(abs(m.start - n.end) <= 1 or abs(n.start - m.end) <= 1 for m in grades)]
    if len(numbers) != 1:
        return None
    years = int(numbers[0].value)
    return next((o.code for o in graded if o.grades and o.grades[0] <= years <= o.grades[1]), None)


def countries_named(text: str, language: str, exact: bool = True) -> set[str]:
    """The countries a message names (names and demonyms of every language); as written, or
    with `exact` off also with a typo or an affix in the person's languages ("ایرانیم")."""
    words = words_of(text)
    own = find(words, _country_index(language), exact_only=exact)
    return {m.key for m in _with_other_country_names(own, words, language)}


def options_listed(question: Question, text: str, language: str, translate: Translator) -> list[str]:
    """The options a message lists one after the other, as written ("ablam ve eniştem", my sister
    and my brother-in-law; "my mother and my father"): one code per naming, in the order said.
    Nothing when a word of "no" or "not" is in it: "not my brother" lists no brother."""
    words = words_of(text)
    if find(words, index_for(language, "negations"), exact_only=True) or find(
        words, index_for(language, "not_words"), exact_only=True
    ):
        return []
    found = sorted(find(words, _phrase_indices(question, language, translate), typos=False), key=lambda m: m.start)
    listed: list[Match] = []
    for match in found:
        if not listed or match.start >= listed[-1].end:
            listed.append(match)
    return [m.key for m in listed]


def named_exactly(
    question: Question, code: str, text: str, language: str, translate: Translator, heard_too: bool = True
) -> bool:
    """Whether the message names the option `code` as written, without a typo: what another
    question's answer may say of this one ("کامران", a first name, is one letter from "کامرون",
    Cameroon). A grammatical affix is no typo ("ሓብተይን", my sister and). With `heard_too` off, a
    place written by its sound in another script does not count."""
    words = words_of(text)
    indices = _phrase_indices(question, language, translate)
    found = find(words, indices, typos=False)
    if any(o.territory for o in question.options):
        # A country with a suffix on a word in Latin letters is too easy a guess: Somali
        # "maalinta" (the day) is "Maali" (Mali) with "-nta". Prefixes of Arabic and Ethiopic
        # script ("بالسودان") count, and suffixes on other words ("annemle", with my mother).
        found = [m for m in found if m.exact or not all(is_latin(w) for w in words[m.start : m.end])]
        found = _with_other_country_names(found, words, language)
    if any(m.key == code for m in found):
        return True
    heard = (
        by_sound(question.options, words)
        if heard_too and any(not o.translatable and not o.territory for o in question.options)
        else None
    )
    return heard == (code, True)


def read_choice(question: Question, text: str, language: str, translate: Translator) -> Reading:
    """The option(s) a message names. "moyen, je sais faire mes mails et un peu word", "ማእኸላይ፣
    ክዛረብ እኽእል ግን ፍጹም ኣይኮነን" (medium, I can speak but not perfectly): when the whole message is
    not sure, a short first clause that names one option is the answer, the rest says why."""
    reading = _read_choice(question, text, language, translate)
    if question.type != "single_choice" or (reading.ok and reading.certainty >= CONFIRM_BELOW):
        return reading
    parts = [part for part in clauses(text) if words_of(part)]
    if len(parts) < 2 or len(words_of(parts[0])) > 3:
        return reading
    first = _read_choice(question, parts[0], language, translate)
    if not (first.ok and first.value is not None and first.certainty >= CONFIRM_BELOW):
        return reading
    if find(words_of(" ".join(parts[1:])), index_for(language, "number_corrections"), exact_only=True):
        return reading  # "Kenya... maya Soomaaliya, …" (Kenya... no, Somalia): put right after it
    rest = _read_choice(question, " ".join(parts[1:]), language, translate)
    if rest.ok and rest.value is not None and rest.value != first.value and rest.certainty >= CONFIRM_BELOW:
        # "تو AZC بودیم، الان خونه خودمونو گرفتیم" (we were in the AZC, now we have our own house),
        # "commencé au Congo, terminé en Ouganda": the rest names another one; not sure.
        return reading
    return Reading(value=first.value, certainty=0.9, unplaced=tuple(words_of(" ".join(parts[1:]))))


def _read_choice(question: Question, text: str, language: str, translate: Translator) -> Reading:
    words = words_of(text)
    if not words:
        return refused("choice")
    if question.id in WEEK_PARTS_QUESTIONS:
        return read_week_parts(question, words, language, text)
    typed = " ".join(words)
    if typed.isdigit() and 1 <= int(typed) <= len(question.options) and not any(o.territory for o in question.options):
        # The number of a button ("2"), where options are not many.
        return Reading(value=question.options[int(typed) - 1].code)
    territories = any(o.territory for o in question.options)
    if typed in {o.code.lower() for o in question.options} and (not territories or text.strip().isupper()):
        # An option's code as typed ("SY" on a country button); a country's only in capitals:
        # "ne", "no", "so" are words.
        code = next(o.code for o in question.options if o.code.lower() == typed)
        return Reading(value=code if question.type == "single_choice" else [code])
    matches = find(words, _phrase_indices(question, language, translate))
    if any(o.territory for o in question.options):
        matches = _with_other_country_names(matches, words, language)
    if (by_country := _named_by_country(question, matches, words, language)) is not None:
        return Reading(value=by_country, certainty=0.9)
    # Options named in the person's own words, for "a grade beside a school without grades".
    named_options = [question.option(m.key) for m in matches]
    if not matches:
        # "ik heb A2": a CEFR level, only when the person's own words name none ("good, I passed
        # B1" is "good": how the person says they speak it).
        matches = find(words, _cefr_index(question), exact_only=True)
    if not matches:
        matches = find(words, _other_descriptions(question, language))
    denials = _denials(matches, words, text, language)
    matches = _after_correction(matches, words, language, denials)
    if question.type == "single_choice":
        matches = _not_negated(matches, words, text, language)
        if len({m.key for m in matches}) >= 2:
            matches = _not_said_not(matches, words, text, language) or matches
    else:
        matches = _not_excepted(_not_denied(matches, words, language, denials), words, language)
    if not matches and option_key(question) == "spoken_languages":
        matches = _own_language(question, words, language)
    if (
        not matches
        and any(not o.translatable and not o.territory for o in question.options)
        and (heard := by_sound(question.options, words))
    ):
        # "ኤንክሁይዘን", "بوفنكارسبل": a place written by its sound in another script. Exactly alike in
        # a short answer is sure; in a sentence, or one letter apart, it is checked with the person.
        code, exact = heard
        return Reading(value=code, certainty=(0.9 if len(words) <= 3 else 0.8) if exact else 0.6)
    if not matches and len(words) <= 3:
        if question.type == "multiple_choice" and (numbered := _numbered(question, words)):
            return Reading(value=numbered)
        close = _close_labels(question, words, translate)
        if len(close) == 1:
            return Reading(value=close[0] if question.type == "single_choice" else close, certainty=0.9)
    ungraded = any(o is not None and not o.grades for o in named_options)
    graded_named = {o.code for o in named_options if o is not None and o.grades}
    first_grades = min((o for o in question.options if o.grades), key=lambda o: o.grades or (0, 0), default=None)
    if (
        question.type == "single_choice"
        and not ungraded
        and (graded := _by_grades(question, words, language, named_grade=True))
        and not (graded_named and graded not in graded_named and first_grades and graded == first_grades.code)
    ):
        # "I stopped at grade 8", "tot de 9e klas": a grade said as one says the level; not beside a
        # school without grades ("university, I left in year 3"), nor a small grade beside a
        # secondary school, which counts its own years ("collège jusqu'en 3ème", "klas 2").
        return Reading(value=graded, certainty=0.9)
    scores = _scores(matches)
    if question.type == "multiple_choice":
        if not scores:
            return refused("choice")
        codes = [m.key for m in matches]
        return Reading(value=list(dict.fromkeys(codes)), certainty=0.9 if len(words) > 4 else 1.0)
    if not scores:
        graded = _by_grades(question, words, language)
        return Reading(value=graded, certainty=0.7) if graded else refused("choice")
    if question.id == "member_relation" and set(scores) == {"grandparent", "parent"}:
        # "oma van mijn vaders kant", "جدتي ام ابوي" (my grandmother, my father's mother): the
        # parent said explains which grandparent; checked with the person.
        return Reading(value="grandparent", certainty=0.7)
    if question.id == "member_relation" and len(scores) > 1 and text and _in_two_clauses(text, matches):
        # "mon neveu, le fils de ma grande soeur": the relation said first; the clause after it
        # says whose son it is. Checked with the person ("oma van mijn kinderen, mijn eigen
        # moeder" is a mother). In one clause the words' order differs by language ("د ورور زوی
        # مې", my brother's son, names the brother first).
        return Reading(value=matches[0].key, certainty=0.7)
    if question.id == "housing_situation" and set(scores) == {"own_home", "family_friends"}:
        # "a rented house with my sister", "xaniyê kirê bi xwişka xwe re": the home said first, then
        # who lives there too; "at my brother's, in his flat": the family's home. Checked.
        return Reading(value=matches[0].key, certainty=0.7)
    if option_key(question) == "read_write" and "a_little" in scores and len(scores) > 1:
        # "a little, I can write my name", "I can read, but slowly": how well qualifies the "I
        # can" (a word of "Yes, well" in the word files).
        return Reading(value="a_little", certainty=0.9)
    if question.id == "education_level" and {"bachelor", "master"} <= set(scores):
        # "master degree, Nairobi University", "فوق لیسانس": a master's is a university degree;
        # the words for a university and a degree beside it describe it.
        return Reading(value="master", certainty=0.9)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best, best_score = ranked[0]
    if both := next((o.code for o in question.options if o.combines and set(o.combines) <= set(scores)), None):
        # "I want to work and study": the option that is both.
        return Reading(value=both, certainty=0.9)
    if len(ranked) > 1 and ranked[1][1] >= best_score:
        # "Arabic, and a little English": the first named, checked with the person.
        tied = {code for code, score in ranked if score >= best_score}
        first = next(m.key for m in matches if m.key in tied)
        return Reading(value=first, certainty=0.6)
    used = {i for m in matches for i in range(m.start, m.end)}
    whole = len(used) == len([w for w in words if any(ch.isalnum() for ch in w)])
    certainty = 1.0 if whole else (0.9 if len(ranked) == 1 else 0.7)
    return Reading(value=best, certainty=certainty)


_EXCEPT_AFTER_THE_OPTION = ("tr", "ps", "am")


def _not_excepted(matches: list[Match], words: list[str], language: str) -> list[Match]:
    """ "tout sauf l'anglais: français et arabe", "له پښتو پرته یوازې اردو": the option right after
    (or right before) a word of "except" is left out. Not a "not" (also in the `except` words for
    the days): "Arabic not so good" still speaks Arabic."""
    denying = {
        p for lex in lexicons_for(language) for kind in ("no", "not_words", "no_before_verb") for p in lex.lists[kind]
    }
    excepts = [
        e
        for e in find(words, index_for(language, "except"), exact_only=True)
        if tuple(words[e.start : e.end]) not in denying
    ]
    if not excepts:
        return matches
    left_out: set[int] = set()
    for e in excepts:
        after = [m for m in matches if 0 <= m.start - e.end <= 1]
        before = [m for m in matches if m.end == e.start]
        # Turkish, Pashto and Amharic say the word after the option ("Farsça hariç", "له پښتو پرته").
        if language in _EXCEPT_AFTER_THE_OPTION:
            if before:
                left_out.add(before[-1].start)
        elif after:
            left_out.add(min(after, key=lambda m: m.start).start)
    # "ولا لغة غير العربي" (no language but Arabic): nothing left is the own language said, kept.
    return [m for m in matches if m.start not in left_out] or matches


def _in_two_clauses(text: str, matches: list[Match]) -> bool:
    """Whether the first match lies in the first clause and another one in a later clause."""
    sizes = [len(words_of(part)) for part in _CLAUSE_BREAK.split(text)]
    ends = list(itertools.accumulate(sizes))
    clause = [next(i for i, end in enumerate(ends) if m.start < end) for m in matches]
    return clause[0] == 0 and any(c > 0 for c in clause[1:])


def _not_negated(matches: list[Match], words: list[str], text: str, language: str) -> list[Match]:
    """Options not said right after a word of "not" (`not_words`) in the same clause: "the father
    of my son is not with us" names no partner here; "not in the camp any more, we rent" no AZC.
    Not "still" or "yet" ("hala azcdeyim": still in the AZC), nor a "not" ending the clause
    before ("heel goed niet, een beetje": a little)."""
    clause = _clauses_of_words(text, len(words))
    negations = find(words, index_for(language, "not_words"), exact_only=True)
    return [m for m in matches if not any(n.end == m.start and clause[n.start] == clause[m.start] for n in negations)]


def _not_said_not(matches: list[Match], words: list[str], text: str, language: str) -> list[Match]:
    """Of two options of a single choice, the one its clause ends with a "not" after is denied:
    "heel goed niet, een beetje", "çok iyi değil, biraz", "heel goed ma aha, wax yar" (a little).
    Not "medium, not so good not so bad": more than a "not" follows "good"."""
    clause = _clauses_of_words(text, len(words))
    denials = find(words, index_for(language, "negations"), exact_only=True)
    denied = {i for d in denials for i in range(d.start, d.end)}
    kept = []
    for m in matches:
        rest = [i for i in range(m.end, len(words)) if clause[i] == clause[m.start]]
        following = any(o.start in rest for o in matches)
        if not (rest and set(rest) <= denied and not following):
            kept.append(m)
    return kept


def _clauses_of_words(text: str, count: int) -> list[int]:
    """The clause (between commas and full stops) of each of the `count` words of `text`."""
    clauses = [i for i, part in enumerate(_CLAUSE_BREAK.split(text)) for _ in words_of(part)]
    return clauses if len(clauses) == count else [0] * count


def _denials(matches: list[Match], words: list[str], text: str, language: str) -> list[Match]:
    """Words of "not" that say no to the option right after them, in the same clause ("Arabic,
    not English", "pas l'anglais"); not when the option is named again later ("in Iraq... no
    Iran, it was in Iran" puts the country right)."""
    clause = _clauses_of_words(text, len(words))
    negations = find(words, index_for(language, "not_words"), exact_only=True) + find(
        words, index_for(language, "no_before_verb"), exact_only=True
    )
    found = []
    for n in negations:
        denied = next((m for m in matches if m.start == n.end and clause[m.start] == clause[n.start]), None)
        if denied is not None and not any(m.key == denied.key and m.start > denied.start for m in matches):
            found.append(n)
    return found


def _not_denied(matches: list[Match], words: list[str], language: str, before: list[Match]) -> list[Match]:
    """Options of a multiple choice the person says no to: right after a word of "not" (`before`:
    "arabe, pas anglais", "English, Pashto too, no, not Pashto": every time it is named), or
    followed by nothing but "no", "not" or "I don't know" until the next option or the end
    ("turks, engels niet", "arapça, ingilizce yok", "carabi, ingiriis ma aqaan"). "English not so
    good" keeps English: more than a "no" follows it."""
    denied_keys = {m.key for m in matches if any(n.end == m.start for n in before)}
    denials = find(words, index_for(language, "negations"), exact_only=True) + [
        m for m in find(words, index_for(language, "no_answers"), exact_only=True) if m.key == "dont_know"
    ]
    # One letter is no denial: Tigrinya "-n" is "and" ("amharigna n tigre n").
    denied = {j for d in denials if d.end - d.start > 1 or len(words[d.start]) > 1 for j in range(d.start, d.end)}
    # "እንግሊዝኛ ግን የለን" (English but no): a "but" beside the "no" (`filler`).
    filler = filler_words(language)
    beside = denied | {j for j, word in enumerate(words) if word in filler}
    kept = []
    for i, match in enumerate(matches):
        following = matches[i + 1] if i + 1 < len(matches) else None
        tail = set(range(match.end, following.start if following else len(words)))
        # "arabe, pas anglais": the "pas" belongs to the option after it.
        next_negated = following is not None and any(n.end == following.start for n in before)
        denied_after = bool(tail & denied) and tail <= beside and not next_negated
        if match.key == "other":
            # "aucune autre, juste le français", "başka yok, sadece türkçe": no other one; the
            # language said beside it is the person's own (left out as the first language).
            # Alone ("luqad kale ma aqaan") it stays: the dialogue reads "no other" as none.
            # Also last, with a "no" right after it ("sadece ingilizce, başka yok": only English,
            # no other one), not an "I forget" ("arabic and some other, I forget the name").
            others_named = any(m.key != "other" for m in matches)
            none_after = following is None and any(
                n.start == match.end and n.end == len(words)
                for n in find(words, index_for(language, "negations"), exact_only=True)
            )
            if not (others_named and (none_after or _said_none(words, match, language, after=i == 0))):
                kept.append(match)
        elif not denied_after and match.key not in denied_keys:
            kept.append(match)
    return kept


def _said_none(words: list[str], match: Match, language: str, after: bool) -> bool:
    """A word of "no", "none" or "not" opening the message right before an option, or (`after`:
    when no option was named before it) right after it: "no other", "geen andere", "başka yok",
    "luqad kale ma aqaan"; not "arabic and some other, I forget the name"."""
    nones = [
        *find(words, index_for(language, "negations"), exact_only=True),
        *find(words, index_for(language, "no_answers"), exact_only=True),  # also the "no" words
    ]
    return any((n.end == match.start and n.start == 0) or (after and n.start == match.end) for n in nones)


def _own_language(question: Question, words: list[str], language: str) -> list[Match]:
    """ "the same language I write in", "ቋንቋይ ጥራይ" (only my language): the language of this
    chat, when no language is named (`own_language` in the word files)."""
    code = next((c for c, names in _LANGUAGE_CODES.items() if language in names), language)
    if question.option(code) is None:
        return []  # Dutch is no option: "mijn eigen taal" from a Dutch chat says nothing
    # The person's own words only: another language's "my language" names that one, not this.
    return [Match(code, m.start, m.end, m.exact) for m in find(words, index_for(language, "own_language"))]


def _with_other_country_names(matches: list[Match], words: list[str], language: str) -> list[Match]:
    """`matches` and the countries named as typed in other languages, or by a short name; not by
    a word of the person's own language ("sham", I can, and "sam", right, in Latin-typed Pashto
    are no Kurdish or Arabic "Şam", Syria)."""
    own = _own_words(language)
    matches = [m for m in matches if not _own_word(m, words, own)]
    taken = {i for m in matches for i in range(m.start, m.end)}
    for extra in (find(words, _other_country_index(language), exact_only=True), _short_country_matches(words)):
        extra = [m for m in extra if not _own_word(m, words, own)]
        fresh = [m for m in extra if not taken & set(range(m.start, m.end))]
        taken |= {i for m in fresh for i in range(m.start, m.end)}
        matches = sorted([*matches, *fresh], key=lambda m: m.start)
    return matches


def _own_word(match: Match, words: list[str], own: frozenset[str]) -> bool:
    """A country matched by one word exactly as typed that is a word of the person's own file (a
    name with an affix, "بسوريا", in Syria, is matched as one and stays)."""
    return match.exact and match.end - match.start == 1 and words[match.start] in own


@cache
def _own_words(language: str) -> frozenset[str]:
    """Every word of the phrases of the person's own word file, but the words of country names
    (CLDR's in every language, and the file's own: "afghanistan" in "pa afghanistan ke" stays a
    country; "sham", a Pashto verb and an English file's spoken name of Syria, does not)."""
    lex = load_lexicon(language)
    groups = [
        *lex.lists.values(),
        *lex.requests.values(),
        *lex.fields.values(),
        *(phrases for option in lex.options.values() for phrases in option.values()),
    ]
    cldr = [Locale.parse(code).territories.values() for code in cldr_locales()]
    countries = {word for names in cldr for name in names for word in to_phrase(name)}
    countries |= {word for phrases in lex.countries.values() for p in phrases for word in p}
    return frozenset(word for phrases in groups for p in phrases for word in p) - countries


@cache
def _country_index(language: str) -> PhraseIndex:
    return PhraseIndex(_country_names(_own_languages(language)))


def _named_by_country(question: Question, matches: list[Match], words: list[str], language: str) -> str | None:
    """ "My wife is in Ethiopia", "mon mari vit avec nous aux Pays-Bas": the option said by naming
    a country (`named_by_country`), when one country is named and no option is named otherwise
    ("no, she stayed in Syria" stays "no")."""
    by_country = {o.named_by_country: o.code for o in question.options if o.named_by_country}
    if not by_country or any(m.key not in by_country.values() for m in matches):
        return None
    named = {m.key for m in _with_other_country_names(find(words, _country_index(language)), words, language)}
    if not named and find(words, _dutch_places_index(), typos=False):
        named = {"NL"}  # "ewe mesluna ab hoorn" (yes, with us in Hoorn): a town here is the Netherlands
    if len(named) != 1:
        return None
    return by_country.get(named.pop()) or by_country.get("other")


@cache
def _dutch_places_index() -> PhraseIndex:
    """The municipalities of forms/municipalities.yaml and their towns, as people write them."""
    names = [n for m in load_municipalities() for n in (m.name, *m.also_written, *m.places)]
    return PhraseIndex({"NL": [p for p in (to_phrase(n) for n in names) if p]})


def _after_correction(
    matches: list[Match], words: list[str], language: str, denials: list[Match] | None = None
) -> list[Match]:
    """ "Somali... no, I was wrong, Arabic": the options named after the last correction word (of
    the person's own languages: Arabic "la", no, is the French article), when options were named
    on both sides of it. A "not" that says no to the option after it (`denials`: "Arabic, not
    English") puts nothing right."""
    denying = {n.end for n in denials or []}
    own = find(words, index_for(language, "number_corrections"), exact_only=True)
    corrections = [c for c in own if c.end not in denying]
    if not corrections or not matches:
        return matches
    last = corrections[-1]
    after = [m for m in matches if m.start >= last.end]
    before = [m for m in matches if m.end <= last.start]
    if not (after and before):
        return matches
    if any(m.end == last.start for m in before) and any(
        m.end < len(words) and read_yes_no(words[m.end], language).ok for m in before[:-1]
    ):
        # "English yes, French no, Arabic a little": each option with its own yes or no; the
        # "no" is French's (left out below), no correction.
        return matches
    # "Arabic, Turkish a little, no, not Turkish, I forgot, only Arabic": after the correction,
    # what "only" names.
    only = find(words[last.end :], index_for(language, "only"), exact_only=True)
    # "only Arabic", or "carabi kaliya" (Somali: Arabic only), the first where both could be meant.
    named = [m for m in after if any(o.end + last.end == m.start for o in only)] or [
        m for m in after if any(o.start + last.end == m.end for o in only)
    ]
    return named or after


def _numbered(question: Question, words: list[str]) -> list[str]:
    """ "1 and 12": the options by their button numbers (only numbers and joining words typed)."""
    numbers = [w for w in words if w.isdigit()]
    if not numbers or len(numbers) < len(words) - len(numbers) or len(question.options) > 20:
        return []
    chosen = [int(n) for n in numbers]
    if any(not 1 <= n <= len(question.options) for n in chosen):
        return []
    return list(dict.fromkeys(question.options[n - 1].code for n in chosen))


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), for short names."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Whether `_edit_distance(a, b) <= limit`, stopping as soon as every way is beyond `limit`:
    a short message is compared with every option's names (257 countries) on every turn."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return False  # the distance never falls again along the rows
        previous = current
    return previous[-1] <= limit


def _close_labels(question: Question, words: list[str], translate: Translator) -> list[str]:
    """Options a short message names with a typo ("horn", "stede broek", "مدمبلك") or by part of
    their name ("stede"): one letter off in a short name, two in a long one; codes never guessed."""
    typed = " ".join(words)
    if len(typed) < 4 or typed.isdigit():
        return []
    allowed = 1 if len(typed) < 8 else 2
    typed_words, whole_words = set(words), all(len(w) >= 3 for w in words)
    close, partial = [], []
    for code, names, word_sets in _label_names(question, _translated(question, translate)):
        if any(abs(len(n) - len(typed)) <= allowed and _within_edits(typed, n, allowed) for n in names):
            close.append(code)
        elif whole_words and any(typed_words <= w for w in word_sets):
            partial.append(code)
    return close or partial


@cache
def _label_names(
    question: Question, translated: tuple[str | None, ...]
) -> tuple[tuple[str, tuple[str, ...], tuple[frozenset[str], ...]], ...]:
    """Each option's names as written and as sets of words, for `_close_labels`."""
    table = _label_table(question, translated)
    return tuple(
        (code, tuple(" ".join(p) for p in phrases), tuple(frozenset(p) for p in phrases))
        for code, phrases in table.items()
    )


# -- availability: weekdays and parts of the day ---------------------------------------------------

_WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@cache
def _cldr_weekdays(locale_code: str, own: bool = False) -> dict[str, list[Phrase]]:
    """CLDR's weekday names and abbreviations. Two-letter ones in Latin letters are words too
    often ("do", "ma", "zo"); in the person's `own` language those of Monday to Friday count
    ("di en do 's ochtends"): a day off the options would leave nothing ("zo vroeg mogelijk")."""
    days = Locale.parse(locale_code).days
    table: dict[str, list[Phrase]] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in days[context][width].items():
                shortest = 2 if own and number < 5 else 3
                if len(name.strip(".")) >= (shortest if name.isascii() else 2):
                    table.setdefault(_WEEKDAY_CODES[number], []).append(to_phrase(name))
    return table


def _split_compounds(words: list[str], days: dict[str, list[Phrase]], parts: dict[str, list[Phrase]]) -> list[str]:
    """ "maandagochtend", "vrijdagmiddag": a weekday and a part of the day written as one word."""
    day_words = {p[0] for phrases in days.values() for p in phrases if len(p) == 1 and len(p[0]) >= 2}
    part_words = {p[0] for phrases in parts.values() for p in phrases if len(p) == 1 and len(p[0]) >= 3}
    result = []
    for word in words:
        split = next(
            ([word[:i], word[i:]] for i in range(2, len(word) - 2) if word[:i] in day_words and word[i:] in part_words),
            [word],
        )
        result.extend(split)
    return result


_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Amharic and Tigrinya count the hours from six in the morning: "7 ሰዓት" is one in the afternoon,
# so an hour of one to five there is no afternoon.
_HOURS_FROM_SIX = ("am", "ti")


def _afternoon_hours(words: list[str], language: str) -> list[Match]:
    """ "after 1 o'clock", "na 13 uur", "saat 1den sonra", "بعد الساعة ٢": an hour from noon on
    beside a word of "after" (`after_time` in the word files) is the afternoon."""
    found: list[Match] = []
    afters = find(words, index_for(language, "after_time"), exact_only=True)
    for i, word in enumerate(words):
        if not word.isdigit():
            continue
        hour = int(word)
        if not (12 <= hour <= 17 or (1 <= hour <= 5 and language not in _HOURS_FROM_SIX)):
            continue
        # The "after" word before the hour ("after 1", "بعد الساعة 1": one word between at most)
        # or after it ("1 den sonra", "1 kadib").
        if any(i - 2 <= m.end - 1 < i or i < m.start <= i + 2 for m in afters):
            found.append(Match("afternoon", i, i + 1, True))
    return found


def _hours_from_to(words: list[str], language: str) -> list[Match]:
    """ "from 9 to 12", "له ۹ نه تر ۱۲ پورې", "13 - 17 uur": two hours with a word of "until"
    (`until` in the word files, "-" among them) between them are the morning when they end by
    noon, the afternoon when they begin at noon or later. (Not in Amharic and Tigrinya, which
    count the hours from six.)"""
    if language in _HOURS_FROM_SIX:
        return []
    untils = find(words, index_for(language, "until"), exact_only=True)
    found: list[Match] = []
    for i, first in enumerate(words):
        for j in range(i + 1, min(i + 4, len(words))):
            if not (first.isdigit() and words[j].isdigit()):
                continue
            if not any(i < u.start and u.end <= j for u in untils):
                continue
            start, end = int(first), int(words[j])
            if 6 <= start < end <= 12:
                found.append(Match("morning", i, j + 1, True))
            elif 12 <= start < end <= 18:
                found.append(Match("afternoon", i, j + 1, True))
    return found


_CLAUSE_BREAK = re.compile(r"[,;،؛።፣፡\n]|\.(?:\s|$)")


def read_week_parts(question: Question, words: list[str], language: str, text: str = "") -> Reading:
    """Weekdays × parts of the day. With one part of the day named it goes with every day named
    ("Mon, Tue, Thu mornings"); with both named, a part next to a day belongs to that day
    ("Monday morning and Thursday afternoon"). No day named means every weekday. A day after
    "except", or followed by "except" or "no" ("cuma hariç", "جمعه نه"), is left out."""
    lexicons = lexicons_for(language)
    locale = language if language in cldr_locales() else "en"
    days_table = merged(
        _cldr_weekdays(locale, own=locale == language), _cldr_weekdays("en"), *(lex.weekdays for lex in lexicons)
    )
    parts_table = merged(*(lex.day_parts for lex in lexicons))
    every = merged(*({"every": lex.lists["every_day"]} for lex in lexicons))
    # A "no" after a day leaves it out ("جمعه نه", "friday no"); not a word of "after" in the
    # person's language: English "na" (no) is Dutch "na" (after: "donderdag na 1 uur").
    after_words = {p for lex in lexicons[:1] for p in lex.lists["after_time"]}
    # Nor a "no" of one letter: Latin-typed Tigrinya "n" is "and" ("snuy n slus").
    exception = merged(
        *(
            {
                "except": [
                    *lex.lists["except"],
                    *(p for p in lex.lists["no"] if p not in after_words and len("".join(p)) > 1),
                ]
            }
            for lex in lexicons
        )
    )
    until = merged(*({"until": lex.lists["until"]} for lex in lexicons))
    joining = merged(*({"and": lex.lists["number_joiners"]} for lex in lexicons))
    only = merged(*({"only": lex.lists["only"]} for lex in lexicons))
    # The clause of each word: "only" belongs to its own clause ("afternoons only, mornings I work").
    clause_of: list[int] = []
    if text:
        words = []
        for number, segment in enumerate(_CLAUSE_BREAK.split(text)):
            segment_words = _split_compounds(words_of(segment), days_table, parts_table)
            words += segment_words
            clause_of += [number] * len(segment_words)
    else:
        words = _split_compounds(words, days_table, parts_table)
        clause_of = [0] * len(words)
    # "every afternoon because mornings I have school": a reason begins a clause of its own.
    for reason in find(words, index_for(language, "because"), exact_only=True):
        clause_of[reason.start :] = [number + 1 for number in clause_of[reason.start :]]
    # Each clause on its own: a phrase does not run over a comma ("الصبح بس، مو الاربعا" holds
    # no "بس مو", but not: "بس" is "only" and "مو الاربعا" leaves Wednesday out).
    table = {**days_table, **parts_table, **every, **exception, **until, **only}
    matches = []
    for clause in sorted(set(clause_of)):
        begin = clause_of.index(clause)
        stop = len(clause_of) - clause_of[::-1].index(clause)
        matches += [Match(m.key, m.start + begin, m.end + begin, m.exact) for m in find(words[begin:stop], table)]
    if language != "en":
        # "avec mon mari": an English day written short ("mon") that is a word of the person's
        # own language is that word.
        own_days = PhraseIndex(merged(_cldr_weekdays(locale, own=locale == language), load_lexicon(language).weekdays))
        own_day_starts = {m.start for m in find(words, own_days)}
        own = _own_words(language)
        matches = [
            m
            for m in matches
            if not (
                m.key in days_table and m.end - m.start == 1 and m.start not in own_day_starts and words[m.start] in own
            )
        ]
    named_words = covered(words, [m for m in matches if m.key in days_table or m.key in parts_table])
    hours = [h for h in _hours_from_to(words, language) if not named_words & set(range(h.start, h.end))]
    matches = sorted([*matches, *_afternoon_hours(words, language), *hours], key=lambda m: m.start)
    if not any(m.key in days_table or m.key in parts_table or m.key == "every" for m in matches):
        return refused("choice")
    # "Monday morning, no sorry, Tuesday morning": what follows the correction replaces it.
    named = [m for m in matches if m.key in days_table or m.key in parts_table]
    # Not a word of "after" in the person's language: Dutch "na" is English "na" (no).
    afters = covered(words, find(words, index_for(language, "after_time"), exact_only=True))
    # "mornings, but not Wednesday": a "not" right before a day or part leaves it out (below); it
    # puts nothing right.
    named_starts = {m.start for m in named}

    def right_before_named(n: Match) -> bool:
        # Next to the day or part, or one short word (an article) before it: "jamais les après-midis".
        article = n.end < len(words) and len(words[n.end]) <= 3 and clause_of[n.end] == clause_of[n.start]
        return n.end in named_starts or (article and n.end + 1 in named_starts)

    denying = [
        n
        for kind in ("not_words", "no_before_verb")
        for n in find(words, index_for(language, kind), exact_only=True)
        if right_before_named(n)
    ]
    # Not a word of one letter: Latin-typed Tigrinya "n" (and: "snuy n slus") is no English "n" (no).
    day_ends = {m.end for m in named if m.key in days_table}
    corrections = [
        m
        for m in find(words, index_for(language, "number_corrections"), exact_only=True)
        if not afters & set(range(m.start, m.end))
        and not any(n.start <= m.start < n.end for n in denying)
        and len("".join(words[m.start : m.end])) > 1
        # "Jimcaha maahee" (Friday, not): a "no" right after a day leaves it out (below).
        and m.start not in day_ends
    ]
    if corrections and any(m.end <= corrections[-1].start for m in named):
        after = [m for m in matches if m.start >= corrections[-1].end]
        # Not "Tuesday and Thursday no, the other days mornings": the "no" leaves those out.
        rest = any(m.key == "every" for m in after)
        if any(m.key in days_table or m.key in parts_table for m in after) and not rest:
            matches = after

    # "only afternoons, in the mornings I have class": "only" says which part of the day is meant.
    # Between two parts ("ከሰአት ብቻ ጠዋት ልጆችን ...": afternoon only, mornings I take the children)
    # "only" goes with the part before it; the part after it begins the reason.
    def only_beside(m: Match, o: Match) -> bool:
        if o.key != "only" or clause_of[o.start] != clause_of[m.start]:
            return False
        part_before = any(p.end == o.start and p.key in parts_table for p in matches)
        return o.start == m.end or (o.end == m.start and not part_before)

    # "بس مش الأربعاء", "bas mesh el arba3a": Arabic "bas" (only) before a "not" is "but".
    not_starts = {
        n.start
        for kind in ("not_words", "no_before_verb")
        for n in find(words, index_for(language, kind), exact_only=True)
    }
    # Not across a clause: "الصبح بس، مو الاربعا" (mornings only, not Wednesday) keeps its "only".
    matches = [
        m for m in matches if not (m.key == "only" and m.end in not_starts and clause_of[m.end] == clause_of[m.start])
    ]
    only_parts = {m.key for m in matches if m.key in parts_table and any(only_beside(m, o) for o in matches)}
    # "elke ochtend behalve vrijdag ..., middag alleen maandag", "duşem û sêşem sibe û piştî nîvro,
    # pêncşem tenê piştî nîvro": an "only" with days of its own says which part those days have,
    # not that another clause's days lose theirs.
    only_clauses = {clause_of[o.start] for o in matches if o.key == "only"}
    only_with_days = any(m.key in days_table and clause_of[m.start] in only_clauses for m in matches)
    other_days = only_with_days and any(
        (m.key in days_table or m.key == "every") and clause_of[m.start] not in only_clauses for m in matches
    )
    if len(only_parts) == 1 and not other_days:
        matches = [m for m in matches if m.key not in parts_table or m.key in only_parts]
    matches = [m for m in matches if m.key != "only"]
    # "mornings, in the afternoon I have class": the days and parts of a clause that says the
    # person is busy then are left out, when another clause names the free ones.
    # The person's own words only: Dutch "les" (lesson) is French "les" (the).
    busy = {clause_of[m.start] for m in find(words, index_for(language, "busy"), exact_only=True)}
    # Named free: a part of the day, "every", or a day not said with "except" or "no" beside it
    # ("صبح ها وقتی بچه ها مدرسه ان، ولی جمعه نه": the mornings, when the children are at school,
    # are the free part; the other clause only leaves Friday out).
    beside_except = {
        m.start
        for m in matches
        for e in matches
        if e.key == "except"
        and m.key in days_table
        and (e.start in (m.end, m.end + 1) or e.end in (m.start, m.start - 1))
    }
    named_in = {
        clause_of[m.start]
        for m in matches
        if (m.key in days_table and m.start not in beside_except) or m.key in parts_table or m.key == "every"
    }
    # (day, part) said busy or not possible ("every morning, but Tuesday morning I have the
    # doctor", "all week except Thursday afternoon"): left out of what is said free.
    left_out_pairs: set[tuple[str, str]] = set()
    if busy and named_in - busy:
        for clause in busy:
            busy_days = [m.key for m in matches if m.key in days_table and clause_of[m.start] == clause]
            busy_parts = [m.key for m in matches if m.key in parts_table and clause_of[m.start] == clause]
            left_out_pairs |= {(d, p) for d in busy_days for p in busy_parts or ["morning", "afternoon"]}
        # "le matin j'ai cours du lundi au jeudi, donc l'aprem": a busy part of the day on some
        # days, and only another part said free: the days go with the free part.
        free = [m for m in matches if clause_of[m.start] not in busy]
        busy_part = any(m.key in parts_table and clause_of[m.start] in busy for m in matches)
        free_days = any(m.key in days_table or m.key == "every" for m in free)
        # The busy clause first, the free part as what follows from it ("..., so afternoons");
        # not "every morning, on Monday afternoon I have class".
        busy_first = max(busy) < min(clause_of[m.start] for m in free) if free else False
        carried = {"until", *days_table} if busy_part and busy_first and not free_days else set()
        matches = [m for m in matches if clause_of[m.start] not in busy or m.key in carried]
    # "ogleden sonralari, sabah ilac yuzunden zor" (afternoons, mornings are hard because of the
    # medicine), "kol yom ba3d el dohr 3ashan el madrasa el sob7": the part of the day said first,
    # in the first clause, is the free one; the other part, later in a clause of its own and with
    # no day beside it, tells why (not "mornings, afternoons also": an "also" or "only" keeps it).
    said_parts = [m for m in matches if m.key in parts_table and m.key != "whole_day"]
    day_edges = {i for m in matches if m.key in days_table for i in (m.start, m.end)}
    # The first part said for the whole week, not for a day beside it ("ሰሉስ ድሕሪ ቀትሪ፡ ዓርቢ እውን ንግሆ").
    if (
        said_parts
        and clause_of[said_parts[0].start] == clause_of[matches[0].start]
        and not {said_parts[0].start, said_parts[0].end} & day_edges
    ):
        first_part = said_parts[0]
        also = merged(*({"also": lex.lists["next_one"]} for lex in lexicons))
        keeping = covered(words, find(words, {**only, **also}))
        reasons = [
            m
            for m in said_parts
            if m.key != first_part.key
            and clause_of[m.start] != clause_of[first_part.start]
            and not {m.start, m.end} & day_edges
            and not any(clause_of[i] == clause_of[m.start] for i in keeping)
        ]
        if reasons and len(reasons) == len([m for m in said_parts if m.key != first_part.key]):
            matches = [m for m in matches if m not in reasons]
    excepts = [m for m in matches if m.key == "except"]
    filler = filler_words(language)
    left_out: set[int] = set()  # start of each day or part match that is left out
    paired: set[int] = set()  # start of each day and part match left out together, as a pair
    joined_by = {i for m in find(words, {**joining, **until}, exact_only=True) for i in range(m.start, m.end)}
    for ex in excepts:
        # "perşembe hariç her gün" (Thursday except, every day): days and parts after it only.
        after = [m for m in matches if m.start >= ex.end and (m.key in days_table or m.key in parts_table)]
        # A part of the day only with the "no" ending its clause ("l'après-midi non"; not "morning
        # or afternoon doesn't matter").
        clause_end = all(clause_of[i] != clause_of[ex.start] for i in range(ex.end, len(words)))
        # Or with another clause naming the free days or parts ("mornings, afternoons no, the
        # children come home then"): the "no" is about this part, the rest of its clause is why.
        # Not "only Thursday, morning or afternoon doesn't matter": another part of the day is named
        # elsewhere, and this one alone in its clause.
        parts_here = [m for m in matches if m.key in parts_table and clause_of[m.start] == clause_of[ex.start]]
        named_elsewhere = len(parts_here) == 1 and any(
            clause_of[m.start] != clause_of[ex.start] and m.key in parts_table for m in matches
        )
        # "አርብ ግን አይሆንም", "rebu'e gn aykonen" (Friday but not): a "but" between them.
        but_before = ex.start - 1 if ex.start > 0 and words[ex.start - 1] in filler else ex.start
        before = [
            m
            for m in matches
            if m.end in (ex.start, but_before)
            and (m.key in days_table or (m.key in parts_table and (clause_end or named_elsewhere)))
        ]
        # With a short word between only after a "not" or "never" ("jamais les après-midis"), not
        # "cuma hariç her sabah" (Friday except, every morning).
        # ("but not on Wednesday", "mais pas le mercredi": the "not" inside the "except" words.)
        denies = any(ex.start <= n.start < ex.end for n in denying)
        same_clause = bool(after) and clause_of[after[0].start] == clause_of[ex.start]
        if same_clause and (after[0].start == ex.end or (after[0].start == ex.end + 1 and denies)):
            # "except Friday (and Monday)": the days, or the parts, right after it; not the part
            # said after the days ("ብዘይካ ዓርቢ ኩሉ ንግሆ": except Friday, every morning).
            same_kind = days_table if after[0].key in days_table else parts_table
            run_end = after[0].start
            run = []
            for m in after:
                if (
                    m.start > run_end + 1
                    or m.key not in same_kind
                    or not set(range(run_end, m.start)) <= joined_by
                    or clause_of[m.start] != clause_of[ex.start]  # "… except Wednesday. Friday afternoon too"
                ):
                    break
                run.append(m)
                run_end = m.end
            # "except Thursday afternoon": the part right after the days goes with them.
            part_after = next(
                (
                    m
                    for m in after
                    if m.start == run_end and m.key in parts_table and clause_of[m.start] == clause_of[run[-1].start]
                ),
                None,
            )
            if same_kind is days_table and part_after is not None:
                left_out_pairs |= {(m.key, part_after.key) for m in run}
                paired |= {m.start for m in run} | {part_after.start}
            else:
                left_out |= {m.start for m in run}
        elif (
            before
            and before[-1].key in parts_table
            and (day := next((m for m in matches if m.end == before[-1].start and m.key in days_table), None))
        ):
            # "woensdag ochtend niet": that day's part, not every morning.
            left_out_pairs.add((day.key, before[-1].key))
            paired |= {day.start, before[-1].start}
        elif before:
            # "cuma hariç", "يوم الخميس لأ", "l'après-midi non"; with the days joined to it
            # ("salı ve perşembe hariç", Tuesday and Thursday except).
            left_out.add(before[-1].start)
            kind = days_table if before[-1].key in days_table else parts_table
            run_start = before[-1].start
            for m in reversed([m for m in matches if m.end <= run_start and m.key in kind]):
                if not set(range(m.end, run_start)) <= joined_by or clause_of[m.start] != clause_of[run_start]:
                    break
                left_out.add(m.start)
                run_start = m.start
    days = [m for m in matches if m.key in days_table and m.start not in left_out | paired]
    parts = [m for m in matches if m.key in parts_table and m.start not in left_out | paired]
    left_out_days = {m.key for m in matches if m.key in days_table and m.start in left_out}
    left_out_parts = {m.key for m in matches if m.key in parts_table and m.start in left_out}
    part_kinds = {p.key for p in parts}
    bound: dict[int, list[str]] = {}
    # One part of the day, said after all the days or before all of them ("only mornings, Monday
    # to Friday"), goes with every day.
    trailing = (
        len(part_kinds) == 1
        and bool(days)
        and (all(p.start >= days[-1].end for p in parts) or all(p.end <= days[0].start for p in parts))
    )
    if not trailing:
        # "Friday morning and Tuesday": the part belongs to the day it stands by. One part after
        # the last of several days goes with all of them ("Mon, Tue, Thu mornings").
        # A part before a day in another clause is the day's before it ("dushanbe sob, panjshanbe
        # ...": Monday morning, then Thursday).
        bound = {
            d.start: [p.key]
            for d in days
            for p in parts
            if p.start == d.end or (p.end == d.start and clause_of[p.start] == clause_of[d.start])
        }
        day_words = {i for m in matches if m.key in days_table for i in range(m.start, m.end)}
        busy_from = [m.start for m in find(words, index_for(language, "busy"), exact_only=True)]

        def also_of_the_day(d: Match, p: Match) -> bool:
            # "Tuesday, morning or afternoon", "lundi matin et après-midi": a part one word after
            # the day's own part goes with the day too; not one of the next day ("Tuesday
            # morning, Wednesday afternoon"), nor one the person is busy at ("Wednesday
            # afternoon because in the morning I have class"). Or right after it, the "and" an
            # ending of both ("ሐሙስ ጠዋትም ከሰዓትም": Thursday, mornings and afternoons).
            return any(
                q.start == d.end
                and (q.end + 1 == p.start or (q.end == p.start and clause_of[q.start] == clause_of[p.start]))
                for q in parts
            ) and not (
                p.start - 1 in day_words
                or p.end in day_words
                or any(b > p.start and clause_of[b] == clause_of[p.start] for b in busy_from)
            )

        for d in days:
            for p in parts:
                if d.start in bound and also_of_the_day(d, p):
                    bound[d.start] = [*bound[d.start], p.key]
        # "Monday and Tuesday morning", "isniin ilaa khamiis subaxa": days joined by "and", "to"
        # or a comma share the part said after the last of them.
        joiners = {i for m in find(words, {**joining, **until}, exact_only=True) for i in range(m.start, m.end)}
        for d, following in reversed(list(itertools.pairwise(days))):
            words_between = set(range(d.end, following.start))
            if d.start not in bound and following.start in bound and words_between <= joiners:
                bound[d.start] = bound[following.start]
    unbound = {p.key for p in parts if p.start not in {d.end for d in days} and p.end not in {d.start for d in days}}
    if trailing or not bound:
        general_parts = sorted(part_kinds) or ["morning", "afternoon"]
    else:
        general_parts = sorted(unbound) or ["morning", "afternoon"]
    chosen: list[tuple[str, str]] = []
    if days:
        for day in days:
            chosen += [(day.key, part) for part in bound.get(day.start, general_parts)]
        untils = [m for m in matches if m.key == "until"]
        for first, last in itertools.pairwise(days):
            if (
                any(first.end <= u.start and u.end <= last.start for u in untils)
                and first.key in _WEEK
                and last.key in _WEEK
            ):
                # "Monday to Thursday": the days between too, as the last one is.
                between = _WEEK[_WEEK.index(first.key) + 1 : _WEEK.index(last.key)]
                parts_of_last = bound.get(last.start, general_parts)
                chosen += [(code, part) for code in between for part in parts_of_last]
        first_day = days[0]
        if first_day.key in _WEEK and any(
            u.end <= first_day.start <= u.end + 1 and clause_of[u.start] == clause_of[first_day.start] for u in untils
        ):
            # "kul yom ba3d el dohr, ila el jum3a" (every afternoon, until Friday): a week said up to
            # its last day, from Monday.
            parts_of_last = bound.get(first_day.start, general_parts)
            chosen += [(code, part) for code in _WEEK[: _WEEK.index(first_day.key)] for part in parts_of_last]
        # "elke ochtend behalve vrijdag, ... middag alleen maandag" (every morning but Friday;
        # afternoons only Monday): a clause with "every" and no day of its own says its part of
        # the day for the whole week, beside the days another clause names.
        # Only "every" with its part of the day ("elke ochtend"); "saat fark etmez" (the hour does
        # not matter) or "maalmaha kale" (the other days) beside days says no week.
        day_clauses = {clause_of[d.start] for d in days}
        for every_match in (m for m in matches if m.key == "every" and clause_of[m.start] not in day_clauses):
            every_parts = sorted({p.key for p in parts if p.start == every_match.end})
            chosen += [(code, part) for code in _WEEK[:5] for part in every_parts]
        # "les matins sauf mercredi, et le vendredi après-midi aussi": a clause with a part of the
        # day and an "except" but no day of its own kept says the week, but the days left out.
        for clause in {clause_of[e.start] for e in excepts} - day_clauses:
            clause_parts = sorted({p.key for p in parts if clause_of[p.start] == clause})
            left_here = {m.key for m in matches if m.start in left_out and clause_of[m.start] == clause}
            if left_here:  # a day left out: not "only Thursday, morning or afternoon doesn't matter"
                chosen += [(code, part) for code in _WEEK[:5] if code not in left_here for part in clause_parts]
    else:
        for code in ("mon", "tue", "wed", "thu", "fri"):
            chosen += [(code, part) for part in general_parts]
    codes = {o.code for o in question.options}
    values: list[str] = []
    # "Monday all day": both parts of that day.
    chosen = [(day, p) for day, part in chosen for p in (("morning", "afternoon") if part == "whole_day" else (part,))]
    for day_code, part in chosen:
        option = f"{day_code}_{part}"
        if day_code in left_out_days or part in left_out_parts or (day_code, part) in left_out_pairs:
            continue
        if option in codes and option not in values:
            values.append(option)
    if not values:
        return refused("choice")
    return Reading(value=values, certainty=0.9)
