"""The intake form: reading each answer, the conversational requests around it, and submitting.

The form's slots come from forms/intake.yaml (generated into the domain); which slot is
asked next is decided by forms/dialogue.py from the answers so far (conditions, repeating
groups, section summaries). Every answer slot is filled with the raw message text (a
`from_text` mapping); here the latest message is read:

  * a conversational request (help, back, skip, I don't know, pause, talk to a person,
    another language) is handled and the question is asked again, or the next one;
  * otherwise the text is parsed with forms.answers and stored as a clean value, or refused
    with a translated explanation. Repeated refusals lead to an offer of a person and, at
    last, to moving on: never a loop.

After every accepted answer the answers so far are saved in the backend, so nothing is lost
when the person stops halfway.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from itertools import pairwise
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend_client import answers_from_form, save_and_confirm, save_in_background
from actions.submission import collected_answers
from forms import Question, load_schema
from forms.answers import is_valid_stored_value, yes_or_no
from forms.dialogue import (
    ANSWER_ORDER_SLOT,
    ANSWER_TEXTS_SLOT,
    CHOICE_DRAFTS_SLOT,
    CONFIRMED_SLOT,
    DONE_CHOICE,
    DONT_KNOW,
    GROUP_ITEMS_SLOT,
    INVALID_ATTEMPTS_SLOT,
    LANGUAGE_SLOT,
    LAST_MESSAGE_SLOT,
    NEEDS_HELP,
    NONE,
    PAUSED_SLOT,
    PENDING_SLOT,
    PRIVACY_SLOT,
    SKIPPED,
    SUMMARIES_DUE_SLOT,
    applies,
    completed_sections,
    finished_items,
    group_state,
    required_slots,
)
from forms.lexicon import words_of
from forms.readers import Reading, correction_in, no_answer_in, read, request_in
from forms.readers.calendars import ETHIOPIAN
from forms.readers.choices import countries_named, named_exactly
from forms.readers.dates import marked_ethiopian, month_name_words
from forms.readers.matching import Match, covered, find, find_in, index_for
from forms.readers.numbers import age_said, from_postposition, numbers_in, periods_said, years_said
from forms.readers.reading import CONFIRM_BELOW
from forms.readers.text import read_email
from forms.readers.yes_no import ends_with_answer_word, puts_a_number_right, starts_with_answer_word
from forms.schema import NO, SECTION_CONFIRM_PREFIX, UNKNOWN, YES, country_options
from forms.stored import slot_updates
from forms.understanding import (
    BORN,
    CALENDAR,
    REQUEST_CONFIDENCE,
    REQUEST_INTENTS,
    Interpretation,
    answers_the_question,
    interpret,
)
from locales import SOURCE_LANGUAGE, find_language, get_language, translate

log = logging.getLogger(__name__)

FORM_NAME = "intake_form"
# After this many answers that could not be read, the assistant moves on: what the person typed
# is kept for the case manager ("not understood by the assistant"), never a loop.
MOVE_ON_AFTER = 2

Updates = dict[str, Any]


def _latest(tracker: Tracker) -> tuple[str | None, float, dict[str, Any], str]:
    """Intent name, its confidence, entity values and text of the person's latest message."""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    entities = {e.get("entity"): e.get("value") for e in message.get("entities") or [] if e.get("entity")}
    return intent.get("name"), float(intent.get("confidence") or 0.0), entities, str(message.get("text") or "")


def _is_button_payload(text: str) -> bool:
    return text.startswith("/")


def _answers_the_question(slot: str, text: str, language: str) -> bool:
    """Whether typed text is an answer to the question asked, so that a language named in it is
    no request to switch (forms.understanding.answers_the_question)."""
    schema = load_schema()
    if _is_button_payload(text) or not schema.has_question(slot):
        return False
    question = schema.question(slot)
    return answers_the_question(question, text, read(question, text, language, lambda m: translate(language, m)))


def _yes_or_no(intent: str | None, is_request: bool, text: str, language: str) -> str | None:
    """YES, NO or None (not understood). Typed words count first (also in a short sentence);
    the classifier's affirm/deny only when it is sure (or a button was tapped), so an unsure
    guess is asked again instead of being stored as someone's answer."""
    if not _is_button_payload(text):
        typed = yes_or_no(text, lambda message: translate(language, message), language)
        if typed is not None:
            return typed
    if is_request and intent in ("affirm", "deny"):
        return YES if intent == "affirm" else NO
    return None


def _numbers_put_right(text: str, language: str, question: Question | None = None) -> bool:
    """Two different numbers with a word of correction between them ("four years, not three",
    "چهار سال بود نه سه سال"); with a `question`, only numbers it can hold ("2014 not 2015" puts
    a year right, not a number of years)."""
    words = words_of(text)
    numbers = [
        n
        for n in numbers_in(words, language)
        if question is None or (n.value == int(n.value) and is_valid_stored_value(question, int(n.value)))
    ]
    corrections = [
        *find(words, index_for(language, "number_corrections"), exact_only=True),
        *find(words, index_for(language, "negations"), exact_only=True),  # Dutch "niet", French "pas"
    ]
    return any(
        a.value != b.value and any(a.end <= c.start and c.end <= b.start for c in corrections)
        for a, b in pairwise(numbers)
    )


def _read_again_put_right(question: Question, item: dict[str, Any], text: str, language: str) -> Any:
    """ "from 2015 to 2023" answered before, "it was 2014, not 2015" now: the words said before
    with the year put right, read again (9). None unless one year of those words is said wrong
    and one new year is said."""
    before = str((item.get("texts") or {}).get(question.id) or "")
    said_before = {int(n.value) for n in numbers_in(words_of(before), language) if 1900 <= n.value <= 2100}
    said_now = {int(n.value) for n in numbers_in(words_of(text), language) if 1900 <= n.value <= 2100}
    wrong, new = said_now & said_before, said_now - said_before
    if len(wrong) != 1 or len(new) != 1:
        return None
    reading = read(question, before.replace(str(wrong.pop()), str(new.pop())), language)
    return reading.value if reading.ok else None


def _item_described(group: Question, text: str, language: str, another: bool) -> dict[str, Any] | None:
    """ "ቅድሚኡ ሹፌር ሚኒባስ" (before that, a minibus driver) at *Did you have another job?*: no yes
    or no, but the answer to the item's first question: a yes, and that answer. Not a request, a
    question back, a "no" or a "don't know" said in other words. None when no item is described.

    At *another school?* (`another`), "ድሕሪኡ ናይ ስፌት ኮርስ" (after that a sewing course) names the
    next item by a word of "after that" or "also" (`next_one` in the word files): a yes too, with
    the first answer when it can be read, else that question is asked."""
    first = group.items[0]
    if "?" in text or "؟" in text or request_in(text, language) is not None or no_answer_in(text, language):
        return None
    words = words_of(text)
    if find(words, index_for(language, "negations"), exact_only=True):
        return None
    if first.type == "text" and not first.validation.person_name:
        # Only what the question can hold: a whole story is no job title (at most 100 letters).
        if len(words) >= 2 and is_valid_stored_value(first, text.strip()):
            return {first.id: text.strip()}
        return None
    reading = read(first, text, language, lambda m: translate(language, m))
    if reading.ok and reading.certainty >= CONFIRM_BELOW:
        return {first.id: reading.value}
    if another and len(words) >= 2 and find_in(words, language, "next_one", exact_only=True):
        return {}
    return None


def conversation_language(tracker: Tracker) -> str:
    language = get_language(tracker.get_slot(LANGUAGE_SLOT))
    return language.code if language else SOURCE_LANGUAGE


# The question whose answer an e-mail address typed anywhere replaces.
EMAIL_QUESTION = "email"
# At a free-text question a correction of an earlier value is short ("sorry, I live in Venhuizen").
FREE_TEXT_CORRECTION_WORDS = 8
# The country everyone who uses the assistant lives in now: never a country of origin said again later.
HOST_COUNTRY = "NL"


def _no_answers_it(question: Question, words: list[str], text: str, language: str) -> bool:
    """ "no, I can speak English" to *Do you want an interpreter?*, "no, together with my wife is
    ok" to *Do you want a meeting alone?*, "no, only my wife and the children" to *Does anyone
    else live with you?*: a yes or no that opens (or ends) the message answers the yes/no (or
    group) question asked; the question it names (English level, partner) is not said to be
    wrong. A word of a mistake ("wrong", "not right") or "back" still makes it a correction."""
    if question.type not in ("yes_no", "group"):
        return False
    # "sometimes my wife feels alone, me no" to *Do you often feel alone?*: a "no" ending the
    # message answers too.
    opens = starts_with_answer_word(text, language)
    if not opens and ends_with_answer_word(text, language) is None:
        return False
    if not opens and len(words) >= 3 and numbers_in(words[-3:-1], language):
        # "ይቅርታ ትንሹ ልጄ 10 አመቱ ነው እንጂ 9 አይደለም" (my youngest is 10, not 9), "… arbaete
        # aykonen" at *Did you go to school?*: the "not" after a number says the number is wrong.
        return False
    # The person's own words only: Kurmanji "paş" (back) is no "back" in "non pas besoin".
    return not find(words, index_for(language, "corrections")) and not any(
        m.key == "back" for m in find(words, index_for(language, "requests"), exact_only=True)
    )


def _chosen_surely(question: Question, words: list[str], text: str, language: str) -> bool:
    """ "mornings, when the children are at school, but not Wednesday" at *When can you come?*:
    options read with certainty answer a choice question; a "no" or "not" in it, beside the
    name of another question (children), does not say that answer is wrong. A word of a mistake
    ("wrong") or "back" still makes it a correction."""
    if question.type not in ("single_choice", "multiple_choice"):
        return False
    reading = read(question, text, language, lambda m: translate(language, m))
    if not reading.ok or reading.value is None or reading.certainty < CONFIRM_BELOW:
        return False
    return not find(words, index_for(language, "corrections")) and not any(
        m.key == "back" for m in find(words, index_for(language, "requests"), exact_only=True)
    )


def _before_last_correction(text: str, language: str) -> str:
    """ "it is 21-07-1993 not 12" -> "it is 21-07-1993": the words before the last "no", "not" or
    "wrong" (what follows it is the value said wrong before)."""
    words = text.split()
    normalised = [" ".join(words_of(w)) for w in words]
    corrections = sorted(
        [
            *find_in(normalised, language, "number_corrections", exact_only=True),
            *find_in(normalised, language, "negations", exact_only=True),  # Dutch "niet", French "pas"
        ],
        key=lambda m: m.start,
    )
    return " ".join(words[: corrections[-1].start]) if corrections else text


def _after_last_correction(text: str, language: str) -> str:
    """ "c pas 1999 c 1998, 1 janvier 1998" -> "c 1998, 1 janvier 1998": what follows the last
    "no", "not" or "sorry" (the value said right), or the whole text."""
    words = text.split()
    normalised = [" ".join(words_of(w)) for w in words]
    corrections = find_in(normalised, language, "number_corrections", exact_only=True)
    return " ".join(words[corrections[-1].end :]) if corrections else text


def _earlier(question: Question, tracker: Tracker) -> dict[str, Any]:
    """The earlier answer a question depends on (`other_than`: the first language at "Which other
    languages?"); at a date, the calendar of a date the person gave before ("ሓምለ 4 1968 ብግእዝ"
    first, then "መጋቢት 22 2005" for a child: the Ethiopian calendar again)."""
    earlier: dict[str, Any] = {}
    if question.other_than:
        earlier[question.other_than] = tracker.get_slot(question.other_than)
    if question.type == "number" and (born := _year_of(tracker.get_slot("date_of_birth"))) is not None:
        earlier[BORN] = born  # "from age 14 until 2016" at the years of a job or a school
    if question.type == "date":
        language = conversation_language(tracker)
        texts = (tracker.get_slot(ANSWER_TEXTS_SLOT) or {}).values()
        if any(isinstance(t, str) and marked_ethiopian(t, language) for t in texts):
            earlier[CALENDAR] = ETHIOPIAN
    return earlier


def _family_named(words: list[str], language: str) -> list[Match]:
    """The words for people of the household ("my son", "بنتي"); not a month beside a number that
    looks like one ("26 آبان": Aban, no "ابا", father)."""
    months = month_name_words(words, language)
    return [m for m in find_in(words, language, "family") if not months.intersection(range(m.start, m.end))]


def _within_a_year(value: Any, year: str) -> bool:
    """Whether a date ("1995-03-25", "~1995") is in the year given, or one beside it."""
    said = str(value or "").lstrip("~")[:4]
    return said.isdigit() and abs(int(said) - int(year)) <= 1


def _new_value(question: Question, text: str, language: str, old_value: Any) -> Any:
    """The value other than `old_value` that a correction says for `question`, read with
    certainty, or None. "ne Hoorn, Venhuizen" and "12 not 10": the value said before is the
    wrong one, so the words that say it are left out when both are named."""

    def value_words(part: str) -> str:
        # The words of correction themselves ("ne", "sorry") say no value: a Dari "ne" is no Niger.
        kept = [w for w in part.split() if not find_in(words_of(w), language, "number_corrections", exact_only=True)]
        return " ".join(kept) if any(ch.isalnum() for w in kept for ch in w) else ""

    if question.type == "number":
        # "I said six years, but it was eight; I started in 2010": the one other number the
        # question can hold (a year like 2010 is no number of years), whatever the words around it.
        typed = words_of(text)
        # A word of correction is no number: Turkish "yok" (no, none) is also a zero.
        correcting = covered(typed, find_in(typed, language, "number_corrections", exact_only=True))
        said = [n for n in numbers_in(typed, language) if not correcting.intersection(range(n.start, n.end))]
        if not said:
            return None
        others = {
            int(n.value)
            for n in said
            if n.value == int(n.value) and int(n.value) != old_value and is_valid_stored_value(question, int(n.value))
        }
        if len(others) == 1:
            return others.pop()
    words = value_words(text).split()
    # A year stored from an age ("~2012" from "14") is said again as that age: "15, not 14".
    old_age = (
        str(date.today().year - int(old_value[1:]))
        if isinstance(old_value, str) and re.fullmatch(r"~\d{4}", old_value)
        else None
    )
    said_before = [
        w
        for w in words
        if w == old_age or read(question, w, language, lambda m: translate(language, m)).value == old_value
    ]
    without_old = " ".join(w for w in words if w not in said_before)
    parts = (text, _before_last_correction(text, language), _after_last_correction(text, language))
    # A number as typed first: "20 years, 21 no" says which one is wrong by the "no" after it.
    as_typed = [text] if question.type == "number" else []
    for candidate in [*as_typed, *(value_words(p) for p in parts), without_old]:
        if not candidate:
            continue
        reading = read(question, candidate, language, lambda m: translate(language, m))
        # A year from an age ("15 አመቷ ነው", she is 15) is read as approximate, a little less sure.
        from_age = question.type == "date" and str(reading.value).startswith("~") and reading.certainty >= 0.8
        sure = reading.certainty >= 0.9 or from_age
        if reading.ok and reading.value is not None and sure and reading.value != old_value:
            return reading.value
    return None


def _date_near(question: Question, values: list[Any], text: str, language: str) -> list[int]:
    """ "my son's birthday is not 5 Dey, it is 15 Dey 1379": the one item whose date is within a
    month of the new date said (the wrong one was said in another calendar, or without its year)."""
    if question.type != "date":
        return []
    reading = read(question, _after_last_correction(text, language) or text, language)
    # "… اول مهر ۹۰ به دنیا اومده نه شهریور" (born 1 Mehr 90, not Shahrivar): what follows the last
    # "no" is the month said wrong; the new date is the one the message says.
    new = _as_date(reading.value if reading.ok else _new_value(question, text, language, None))
    if new is None:
        return []
    near = [i for i, v in enumerate(values) if (old := _as_date(v)) is not None and 0 < abs((new - old).days) <= 31]
    return near if len(near) == 1 else []


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _said_in(value: Any, words: list[str], language: str) -> bool:
    """Whether a stored date or number is named in the words ("not 2016" names "2016-05-07";
    "negen jaar" names 9)."""
    said = str(value).lstrip("~")
    if said in words or said[:4] in words:
        return True
    if isinstance(value, str) and re.fullmatch(r"~\d{4}", value):
        # "~2012" stored from "she is 14": "15, not 14" names it by the age.
        age = date.today().year - int(said)
        return any(n.value == age for n in numbers_in(words, language))
    return isinstance(value, int) and any(n.value == value for n in numbers_in(words, language))


# The groups whose items are people, named by words for family ("my son", "my mother").
HOUSEHOLD_GROUPS = frozenset({"children", "household_members"})


def _year_of(date_value: Any) -> int | None:
    """The year of a stored date ("1990-03-15", "~1990", "1990-03"), None when there is none."""
    match = re.match(r"~?(\d{4})", date_value) if isinstance(date_value, str) else None
    return int(match.group(1)) if match else None


def _group_named(group: Question, items: list[dict[str, Any]], words: list[str], language: str) -> bool:
    """A job or a school named in the words: by the group's own words ("work", "school") or by
    the words the person gave for one of its items ("apotheker", "Dokuz Eylül")."""
    if any(m.key == group.id for m in find_in(words, language, "fields")):
        return True
    own_words = {
        word
        for item in items
        for question in group.items
        if question.type == "text" and isinstance(value := item["values"].get(question.id), str)
        for word in words_of(value)
        if len(word) >= 4  # not "in", "de", "the": words that name the job or the school
    }
    return bool(own_words) and bool(find(words, {"item": [(word,) for word in own_words]}))


def _names_the_open_item(slot: str, words: list[str], language: str, tracker: Tracker) -> bool:
    """Whether the words for an earlier question in a message are words the person gave for the
    item being asked about ("mobile" in "safha mobile badal mekadom" after the job "mobile
    tamir"): then the message is about that item."""
    schema = load_schema()
    if not schema.has_question(slot) or (group_id := schema.question(slot).group_id) is None:
        return False
    own = {
        word
        for question in schema.question(group_id).items
        if question.type == "text" and isinstance(value := tracker.get_slot(question.id), str)
        for word in words_of(value)
        if len(word) >= 4
    }
    named = {words[i] for m in find_in(words, language, "fields") for i in range(m.start, m.end)}
    return bool(named & own)


def _items_named(group: Question, items: list[dict[str, Any]], text: str, language: str) -> list[int]:
    """The items a message names by their own answers: a word the person gave for it ("the
    bakery") or its kind said again ("the university", of two schools of four years each)."""
    words = words_of(text)
    named = []
    for index, item in enumerate(items):
        for question in group.items:
            value = item["values"].get(question.id)
            if question.type == "text" and isinstance(value, str):
                own = [(word,) for word in words_of(value) if len(word) >= 4]
                if own and find(words, {"item": own}):
                    named.append(index)
                    break
            if question.type == "single_choice" and value is not None:
                reading = read(question, text, language)
                if reading.ok and reading.value == value:
                    named.append(index)
                    break
    return named


def _said_as_wrong(value: Any, values: list[Any]) -> bool:
    """The new value is one of the group's values as they are (nothing changes)."""
    return any(str(v).lstrip("~") == str(value).lstrip("~") for v in values if v is not None)


def _whole_date(value: Any) -> bool:
    """ "1990-03-15": a day, a month and a year, said for sure (not "~1990", not "1990-03")."""
    return isinstance(value, str) and len(value) == 10 and value[:1].isdigit()


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_intake_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return required_slots(dict(tracker.slots))

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Read the slot the latest message answered (instead of one method per slot name,
        because the question slots come from forms/intake.yaml). Slots that were filled
        earlier and are only re-checked when the form restarts keep their values."""
        requested = tracker.get_slot("requested_slot")
        to_validate = tracker.slots_to_validate()
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        message_id = metadata.get("client_message_id") if isinstance(metadata, dict) else None
        if message_id and message_id == tracker.get_slot(LAST_MESSAGE_SLOT):
            # The same message again: it was read already; the question is simply asked again.
            return [SlotSet(requested, None)] if requested else []
        # A summary shown above the last question is shown once.
        updates: Updates = {SUMMARIES_DUE_SLOT: None} if tracker.get_slot(SUMMARIES_DUE_SLOT) else {}
        # Answers given in the web form since the last turn (the person switched to the form and
        # back): taken into the slots, so that the chat continues at the first unanswered question.
        from_form = await self._answers_from_form(tracker)
        if from_form:
            tracker.slots.update(from_form)
            updates.update(from_form)
            answered_in_form = requested is not None and requested in from_form
            # Saved at once (the asked slot still holds the message's text, not an answer): the
            # backend then knows the chat has them, and does not give them again after the person
            # changed one of them in the chat (backend/intakes.py `form_answers`).
            await self._save(tracker, {} if answered_in_form or requested is None else {requested: None})
            if answered_in_form:
                # The question the chat asked was answered in the form meanwhile: this message is
                # no answer to it; the next unanswered question follows (after any summaries due).
                updates.update(self._summaries_due(tracker))
                if message_id:
                    updates[LAST_MESSAGE_SLOT] = message_id
                return [SlotSet(name, value) for name, value in updates.items()]
        if LANGUAGE_SLOT in to_validate:
            updates.update(self._validate_language(to_validate[LANGUAGE_SLOT]))
            tracker.slots.update(updates)
        if requested in to_validate and requested != LANGUAGE_SLOT:
            result = await self._validate_requested(requested, to_validate[requested], dispatcher, tracker)
            updates.update(result)
            tracker.slots.update(result)
            if result.get(requested) is not None:
                updates.update(self._summaries_due(tracker))
        elif requested == LANGUAGE_SLOT and LANGUAGE_SLOT in to_validate and updates.get(LANGUAGE_SLOT) is None:
            updates[LANGUAGE_SLOT] = None
        if message_id:
            updates[LAST_MESSAGE_SLOT] = message_id
        return [SlotSet(name, value) for name, value in updates.items()]

    @staticmethod
    async def _answers_from_form(tracker: Tracker) -> Updates:
        """The slot changes for the answers given in the web form that the slots do not hold yet."""
        if not tracker.get_slot(LANGUAGE_SLOT):
            return {}  # no intake before the language is chosen
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        if isinstance(metadata, dict) and metadata.get("form_answers") is False:
            # The chat gateway saw no answers from the web form for this conversation (it tells
            # with each message; a message that did not come through it has no word: asked).
            return {}
        answers = await answers_from_form(tracker.sender_id)
        if not answers:
            return {}
        slots = dict(tracker.slots)
        requested = tracker.get_slot("requested_slot")
        if requested:
            slots[requested] = None  # it holds the message's text (from_text), not an answer
        return slot_updates(slots, answers)

    # -- the slot that was asked ---------------------------------------------------------

    async def _validate_requested(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Updates:
        intent, confidence, entities, text = _latest(tracker)
        if intent == "choose_language" and entities.get("language") and _is_button_payload(text):
            # A language button while a question was asked: the language changed, ask again.
            return {slot: None}
        if (
            intent == "choose_language"
            and confidence >= REQUEST_CONFIDENCE
            and slot != PRIVACY_SLOT
            and not _answers_the_question(slot, text, conversation_language(tracker))
        ):
            # Typed: "English please", "بالعربي", "another language". A named language switches
            # at once; otherwise the language buttons. Either way the same question follows.
            # An answer that names a language is an answer, not a switch (checked above), and
            # naming the language already spoken is no request either.
            named = find_language(text)
            if named is not None and named.code != conversation_language(tracker):
                return {LANGUAGE_SLOT: named.code, slot: None}
            if named is None:
                dispatcher.utter_message(response="utter_ask_language")
                return {slot: None}
        if (
            intent == "change"
            and _is_button_payload(text)
            and isinstance(field := entities.get("field"), str)
            and not slot.startswith(SECTION_CONFIRM_PREFIX)
            and slot != CONFIRMED_SLOT
        ):
            # "Change: <section>" under a summary shown above this question: that section's
            # summary as a question of its own (then this question again); or one answer.
            return self._reopen(field, slot, tracker)
        if slot == PRIVACY_SLOT:
            return self._validate_privacy(dispatcher, tracker, is_request=confidence >= REQUEST_CONFIDENCE)
        is_request = confidence >= REQUEST_CONFIDENCE or _is_button_payload(text)
        schema = load_schema()
        language = conversation_language(tracker)
        question = schema.question(slot) if schema.has_question(slot) else None
        pending = tracker.get_slot(PENDING_SLOT) or {}
        if pending.get("question") == slot and pending.get("request") and question is not None:
            # The reply to "Do you want to talk to a person?": yes does it, no asks the question
            # again, anything else is read as usual.
            answer = _yes_or_no(intent, is_request, text, language)
            if answer == YES:
                done = await self._act_on_request(
                    str(pending["request"]), question, str(pending.get("text") or ""), dispatcher, tracker
                )
                return {**done, PENDING_SLOT: None}
            if answer == NO or _is_button_payload(text):
                return {slot: None, PENDING_SLOT: None}
            tracker.slots[PENDING_SLOT] = None
            return {**(await self._validate_requested(slot, value, dispatcher, tracker)), PENDING_SLOT: None}
        if question is not None and not _is_button_payload(text):
            late = self._address_given_later(question, text, language, dispatcher, tracker)
            if late:
                return {**late, slot: None}
            # "My second child was born 2017, not 2016": that child's answer, never the person's own.
            if corrected := self._item_correction(slot, text, language, dispatcher, tracker):
                await self._save(tracker, corrected)
                return corrected
            # "Go back to the DigiD question, I did not apply": the named question, before any
            # request ("go back") is acted on.
            if corrected := self._correction(slot, text, language, dispatcher, tracker):
                await self._save(tracker, corrected)
                return corrected
        interpretation: Interpretation | None = None
        checking = pending.get("question") == slot and "value" in pending  # "<value> — is that right?"
        typed_request = None if _is_button_payload(text) else request_in(text, language, mistakes_are_back=not checking)
        if _is_button_payload(text):
            request = REQUEST_INTENTS.get(intent or "")
        elif question is not None and question.type != "group" and pending.get("question") != slot:
            interpretation = interpret(
                question,
                text,
                language,
                intent,
                confidence,
                lambda m: translate(language, m),
                earlier=_earlier(question, tracker),
            )
            if interpretation.kind == "check_request":
                return {slot: None, PENDING_SLOT: {"question": slot, "request": interpretation.request, "text": text}}
            request = interpretation.request if interpretation.kind == "request" else None
        elif typed_request is not None:
            request = typed_request if typed_request in REQUEST_INTENTS.values() else None
            if request and question is not None and request_in(text, language, whole=True) is None:
                # "evet, sonra" (yes, then ...) at "Did you have another job?": a sure yes is the
                # answer; the request word beside it ("sonra": later) asks for nothing.
                reading = read(question, text, language)
                if reading.ok and reading.certainty >= CONFIRM_BELOW:
                    request = None
        elif pending.get("question") == slot or confidence < REQUEST_CONFIDENCE:
            request = None
        else:
            request = REQUEST_INTENTS.get(intent or "")
            if request and question is not None and read(question, text, language).ok:
                # "ja, mijn zusje woont bij mij" at "Does anyone else live with you?": an answer,
                # whatever the classifier makes of its words (a handover would silence the chat).
                request = None
        if request in ("pause", "person", "back", "help"):
            return await self._act_on_request(str(request), question, text, dispatcher, tracker, slot)
        if not _is_button_payload(text) and (
            (question is None and (corrected := self._correction(slot, text, language, dispatcher, tracker)))
            or (corrected := self._value_given_again(question, interpretation, text, language, dispatcher, tracker))
        ):
            await self._save(tracker, corrected)
            return corrected
        if slot == CONFIRMED_SLOT or slot.startswith(SECTION_CONFIRM_PREFIX):
            return self._validate_confirmation(slot, intent, is_request, entities, tracker)
        if question is None:
            return {slot: value}
        if question.type == "group":
            updates = self._validate_group(question, intent, is_request, text, dispatcher, tracker)
        else:
            updates = self._validate_answer(
                question, intent, is_request, entities, text, interpretation, dispatcher, tracker
            )
        if updates.get(slot) is not None:
            updates.update(self._also_answered(question, text, language, tracker, updates))
            updates.update(self._next_queued_item(question, updates, tracker))
            await self._save(tracker, updates)
        return updates

    @staticmethod
    def _summaries_due(tracker: Tracker) -> Updates:
        """Sections this answer completed: marked as summarised, their summary shown above the
        next question (forms/dialogue.py), so that checking them costs no turn of its own."""
        slots = dict(tracker.slots)
        due = completed_sections(slots)
        if not due:
            return {}
        return {**{SECTION_CONFIRM_PREFIX + section: True for section in due}, SUMMARIES_DUE_SLOT: due}

    async def _act_on_request(
        self,
        request: str,
        question: Question | None,
        text: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str | None = None,
    ) -> Updates:
        """Stop for now, a person, back, help or skip, at the question asked."""
        slot = slot or (question.id if question else "")
        if request == "pause":
            return await self._pause(slot, tracker)
        if request == "person":
            dispatcher.utter_message(response="utter_human_handoff")
            await self._save(tracker, {slot: None}, help_requested=True)
            return {slot: None}
        if request == "back":
            return self._go_back(slot, dispatcher, tracker)
        if request == "skip" and question is not None:
            return self._no_answer(question, "skip", text, dispatcher, tracker)
        dispatcher.utter_message(response="utter_question_help")
        return {slot: None}

    def _address_given_later(
        self, question: Question, text: str, language: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Updates:
        """ "I said I have no e-mail, but I do: sahar@gmail.com", at another question: an e-mail
        address cannot be mistaken for anything else, so it replaces the earlier answer (as a new
        version) and the question asked is asked again."""
        if question.type == "email" or EMAIL_QUESTION not in (tracker.get_slot(ANSWER_ORDER_SLOT) or []):
            return {}
        reading = read_email(text, language)
        if not reading.ok or reading.value == tracker.get_slot(EMAIL_QUESTION):
            return {}
        dispatcher.utter_message(response="utter_correcting")
        return self._accept(load_schema().question(EMAIL_QUESTION), reading.value, text, tracker)

    def _item_correction(
        self, slot: str, text: str, language: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Updates:
        """ "Sorry, my second son was born in 2015, not 2016", "babamın yaşı 72 değil 74", "I said
        nine years as a pharmacist, but it was eleven": a new date, age or number of years for an
        item of a group, said with a word of correction beside a word for that person (a child, a
        parent) or, for jobs and schools, beside the group's word or the item's own words ("the
        pharmacy"). The item is the one whose value the message names as wrong, or the only one;
        the new value replaces it as a new version. Nothing otherwise."""
        words = words_of(text)
        corrects = [
            c
            for c in find(words, index_for(language, "number_corrections"), exact_only=True)
            if not from_postposition(words, c.start, language)
        ]
        # Without a word of correction: an earlier job or school named by its own words with its
        # years said anew ("et le garage à Goma c'était de 2011 à 2018, donc 7 ans"), not a next
        # one ("also", "after that") or a yes.
        named_only = not corrects
        if named_only and (
            not periods_said(text, language)
            or find_in(words, language, "next_one", exact_only=True)
            or starts_with_answer_word(text, language)
        ):
            return {}
        family = bool(_family_named(words, language))
        schema = load_schema()
        if schema.has_question(slot) and _no_answers_it(schema.question(slot), words, text, language):
            # "لا، بيقول اولاده كبار وما حيجوا" (no, he says his children are grown, they won't
            # come) answers *Are you waiting for family to come?*; it puts no age right.
            return {}
        slots = dict(tracker.slots)
        found: list[tuple[str, int, Question, Any]] = []
        for group in (q for q in schema.questions if q.type == "group"):
            items = finished_items(slots, group.id)
            if group_state(slots, group.id)["open"]:
                # The item still open ("Do you have another child?" is asked after its questions):
                # its answers are in the item slots.
                texts = tracker.get_slot(ANSWER_TEXTS_SLOT) or {}
                items = [
                    *items,
                    {
                        "values": {q.id: slots.get(q.id) for q in group.items},
                        "texts": {q.id: texts[q.id] for q in group.items if q.id in texts},
                    },
                ]
            # "عفوا غلطت، مصطفى مواليد ٢٠١٣ مو ٢٠١٢" (sorry, Mustafa was born in 2013, not 2012): a
            # child named by their name, not by a word for a child, is known by the value said wrong.
            by_value_only = group.id in HOUSEHOLD_GROUPS and not family
            if group.id not in HOUSEHOLD_GROUPS and not _group_named(group, items, words, language):
                continue
            # Not while an item of the same group is being answered ("same as in the garage, 3
            # years" at the next job's tasks describes that job).
            inside = schema.has_question(slot) and schema.question(slot).group_id == group.id
            if named_only and (group.id in HOUSEHOLD_GROUPS or inside):
                continue
            finished = len(finished_items(slots, group.id))
            for question in (q for q in group.items if q.type in ("date", "number")):
                values = [item["values"].get(question.id) for item in items]
                named_wrong = [i for i, v in enumerate(values) if v is not None and _said_in(v, words, language)]
                # While the same question is asked for the next item ("my daughter, born 2021, I
                # don't remember the day"), the message answers it: only a value named as wrong
                # ("2016") says an earlier item is meant.
                # The only item, unless the message names a wrong value it does not have ("the job
                # in Turkey was four years, not three" while only the job in Iran was given).
                only = (
                    [0]
                    if len(values) == 1
                    and values[0] is not None
                    and question.id != slot
                    and not (question.type == "number" and _numbers_put_right(text, language, question))
                    else []
                )
                if len(named_wrong) > 1:
                    # "the university was three years, not four", of two schools of four years.
                    named_wrong = [i for i in named_wrong if i in _items_named(group, items, text, language)]
                if named_only:
                    # One earlier item named (not the one still open), its years said anew.
                    named = [i for i in _items_named(group, items, text, language) if i < finished]
                    targets = named if question.type == "number" and question.id != slot and len(named) == 1 else []
                elif by_value_only:
                    targets = named_wrong
                else:
                    targets = named_wrong or only or _date_near(question, values, text, language)
                if len(targets) != 1:
                    continue
                new = _new_value(question, text, language, values[targets[0]])
                if new is None and question.type == "number":
                    # "the salon was from 2014, not 2015": the years said before, with the year put right.
                    new = _read_again_put_right(question, items[targets[0]], text, language)
                if new is not None and not _said_as_wrong(new, values):
                    found.append((group.id, targets[0], question, new))
        if len(found) != 1:
            return {}
        group_id, index, question, value = found[0]
        groups = dict(tracker.get_slot(GROUP_ITEMS_SLOT) or {})
        state = group_state(slots, group_id)
        dispatcher.utter_message(response="utter_correcting")
        if index == len(state["items"]):
            # The open item: its slot holds the answer (a new version of it, the words beside it).
            texts = {**(tracker.get_slot(ANSWER_TEXTS_SLOT) or {}), question.id: text}
            return {question.id: value, ANSWER_TEXTS_SLOT: texts, slot: None}
        item = state["items"][index]
        state["items"][index] = {
            "values": {**item["values"], question.id: value},
            "texts": {**(item.get("texts") or {}), question.id: text},
        }
        groups[group_id] = state
        return {GROUP_ITEMS_SLOT: groups, slot: None}

    def _correction(
        self, slot: str, text: str, language: str, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Updates:
        """ "Wait, my birthday is wrong (it is 16 March)": the named earlier answer is replaced by
        the value in the same message, or asked again. Nothing when the message names none, or
        names someone of the household ("my son's birthday is wrong" is no correction of one's own)."""
        typed = words_of(text)
        # A word of the question's name is no family member: Kurmanji "dayikbûn" (birth) holds "dayik" (mother).
        naming = {i for m in find_in(typed, language, "fields") for i in range(m.start, m.end)}
        if any(m.start not in naming for m in _family_named(typed, language)):
            return {}
        schema = load_schema()
        if schema.has_question(slot) and _no_answers_it(schema.question(slot), typed, text, language):
            return {}
        if schema.has_question(slot) and _chosen_surely(schema.question(slot), typed, text, language):
            return {}
        answered = [
            name
            for name in tracker.get_slot(ANSWER_ORDER_SLOT) or []
            if name != slot and schema.has_question(name) and schema.question(name).group_id is None
        ]
        correction = correction_in(text, language, [n for n in answered if schema.question(n).type != "group"])
        if correction is None:
            return {}
        target_id, rest = correction
        target = schema.question(target_id)
        new_value = self._corrected_value(target, text, rest, language, tracker)
        if new_value is None and _names_the_open_item(slot, typed, language, tracker):
            # "safha mobile badal mekadom, battery o charger" (I changed phone screens, ...) at
            # *What did you do in this job?* after the job "mobile tamir": the phone is the job's.
            return {}
        dispatcher.utter_message(response="utter_correcting")
        if new_value is not None:
            return {**self._accept(target, new_value, text, tracker), slot: None}
        return {**_clear_answer(target, tracker), slot: None}

    @staticmethod
    def _corrected_value(target: Question, text: str, rest: str, language: str, tracker: Tracker) -> Any:
        """The right value said with a correction of `target` ("... it is 16 March"), or None."""
        # The right value in the same message ("... it is 16 March") replaces the old one; a name
        # or free text is asked again, so that it is stored as the person writes it.
        if rest and not target.is_free_text:
            old_value = tracker.get_slot(target.id)
            # An address or number is read from the message as typed ("jubouri79@gmail.com").
            said = text if target.type in ("email", "phone") else rest
            candidates = [said, _before_last_correction(said, language)]
            year = str(old_value).lstrip("~")[:4] if target.type == "date" and old_value else ""
            with_year: list[str] = []
            if year.isdigit():
                # "my birthday is 6 May, not 5 May": the day and month put right, the year kept;
                # in the calendar the month is said in: "መጋቢት 16" (Ethiopian) with the stored 1995
                # is Megabit 16 of 1987 (Ethiopian years are 7-8 behind, Solar Hijri 621-622).
                years = [int(year) - shift for shift in (0, 8, 7, 621, 622)]
                with_year = [f"{words} {y}" for y in years for words in candidates]
                candidates += with_year
            for words in candidates:
                reading = read(target, words, language, lambda m: translate(language, m))
                if words in with_year and not (reading.ok and _within_a_year(reading.value, year)):
                    continue  # another calendar's year: that of the date said before is meant
                # "it is 21-07-1993, not 12": a value equal to the old one is the one said wrong.
                usable = reading.ok and reading.value is not None and not reading.needs_confirmation
                value = reading.value
                said_before = str(old_value or "").lstrip("~")
                if usable and target.type == "date" and str(value).isdigit() and len(said_before) > 4:
                    # "my birthday is wrong, it is 1992, not 1991": the year put right, the day
                    # and month kept.
                    value = f"{value}{said_before[4:]}"
                if usable and value != old_value:
                    return value
        return None

    def _value_given_again(
        self,
        question: Question | None,
        interpretation: Interpretation | None,
        text: str,
        language: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Updates:
        """ "Sorry, it is 17 Ginbot 1987", "bibore, ez li Venhuizen dimînim" at another question: a
        new value for an earlier answer, without naming the question. Only values that cannot be
        taken for much else: a whole date or a phone number where the message is no answer to the
        question asked (digits are no answer to a yes/no question); a place or a country only
        beside a word of correction ("sorry", "not"). The new value replaces the old one as a new
        version; the question asked is asked again."""
        if question is None:
            return {}
        if question.type == "group" and read(question, text, language, lambda m: translate(language, m)).ok:
            return {}  # "two daughters, born 2015 and 2019" answers "Do you have children?"
        # The person's own words of correction only: another language's fuzzy match is no
        # correction ("ba3don bi torkia", still in Turkey, put the country of origin to Turkey).
        corrects = bool(find(words_of(text), index_for(language, "number_corrections"), exact_only=True))
        if interpretation is not None and interpretation.kind in ("no_answer", "request"):
            return {}
        reading = interpretation.reading if interpretation is not None else None
        sure = reading is not None and reading.ok and reading.certainty >= CONFIRM_BELOW
        # "I did a course in 2019" is an answer; at a free-text question only a short "sorry, ..."
        # corrects ("sorry, I want to change my Syrian licence to a Dutch one" is an answer).
        short = len(words_of(text)) <= FREE_TEXT_CORRECTION_WORDS
        # At a number question a reading checked with the person is an answer too: "له ۲۰۰۹ نه تر
        # ۲۰۲۱" (from 2009 until 2021) at the years of a job puts no date of birth right.
        counted = question.type == "number" and reading is not None and reading.ok
        an_answer = not (corrects and short) if question.is_free_text else sure or counted
        digits_answer = question.type in ("phone", "number") or question.is_free_text
        # "My son was born in 2015": a date beside a word for someone else is not one's own.
        about_family = bool(find_in(words_of(text), language, "family"))
        schema = load_schema()
        found: list[tuple[Question, Any]] = []
        for name in tracker.get_slot(ANSWER_ORDER_SLOT) or []:
            if name == question.id or not schema.has_question(name):
                continue
            earlier = schema.question(name)
            if earlier.group_id is not None or earlier.type not in ("date", "phone", "single_choice"):
                continue
            if earlier.type == "single_choice" and not (earlier.also_read and corrects):
                continue
            if earlier.type == "single_choice" and reading is not None and reading.ok:
                # "nee, zijn vrouw is overleden in Iran" at *Do you have a partner?*, "erê, … li
                # Hewlêrê ne" at *Are you waiting for family?*: an answer to the question asked
                # that names a country puts no country of origin right.
                continue
            if earlier.type == "date" and about_family:
                continue
            if an_answer and not (earlier.type == "phone" and not digits_answer):
                continue
            value = _new_value(earlier, text, language, tracker.get_slot(name))
            if value == HOST_COUNTRY and any(option.territory for option in earlier.options):
                # "I want to change my Saudi licence to a Dutch one", "no, English or a little Dutch
                # is fine": the Netherlands named later is where the person lives now, no origin.
                continue
            # At a number question a year is the number's ("from 2003, no 2004, until 2010" at
            # the years of a job); only a whole date there is another answer's.
            year_only = earlier.type == "date" and not _whole_date(value)
            if value is not None and (not year_only or (corrects and question.type != "number")):
                found.append((earlier, value))
        if len(found) != 1:
            return {}
        earlier, value = found[0]
        dispatcher.utter_message(response="utter_correcting")
        return {**self._accept(earlier, value, text, tracker), question.id: None}

    def _also_answered(
        self, question: Question, text: str, language: str, tracker: Tracker, updates: Updates
    ) -> Updates:
        """Later questions the same message answers ("my number is 06 12345678, we live in Hoorn";
        inside a group, "a hairdresser in Sudan for 4 years" at the job title): stored with the
        person's words, shown in the section summary, not asked again."""
        if _is_button_payload(text):
            return {}
        schema = load_schema()
        tracker.slots.update(updates)
        slots = dict(tracker.slots)
        if question.group_id is not None:
            items = schema.question(question.group_id).items
            later = list(items[items.index(question) + 1 :])
        else:
            later = [q for q in schema.questions[schema.questions.index(question) + 1 :] if q.group_id is None]
        found: Updates = {}
        for other in later:
            if slots.get(other.id) is not None or not applies(other, slots):
                continue
            if other.also_read_from == question.id:
                value = _follow_up_value(question, other, text, language)
            elif other.also_read:
                value = _also_read_value(other, text, language, inside_item=question.group_id is not None)
            else:
                continue
            if value is not None:
                accepted = self._accept(other, value, text, tracker)
                tracker.slots.update(accepted)
                found.update(accepted)
        return found

    @staticmethod
    def _validate_language(value: Any) -> Updates:
        language = get_language(str(value)) or find_language(str(value or ""))
        return {LANGUAGE_SLOT: language.code if language else None}

    @staticmethod
    def _reopen(field: str, slot: str, tracker: Tracker) -> Updates:
        schema = load_schema()
        if field.startswith(SECTION_CONFIRM_PREFIX) or field == CONFIRMED_SLOT:
            return {field: None, slot: None}
        if schema.has_question(field):
            return {**_clear_answer(schema.question(field), tracker), slot: None}
        return {slot: None}

    @staticmethod
    def _validate_privacy(dispatcher: CollectingDispatcher, tracker: Tracker, is_request: bool) -> Updates:
        intent, _confidence, _entities, text = _latest(tracker)
        if _yes_or_no(intent, is_request or _is_button_payload(text), text, conversation_language(tracker)) == YES:
            return {PRIVACY_SLOT: True}
        if not _is_button_payload(text):
            dispatcher.utter_message(response="utter_privacy_needed")
        return {PRIVACY_SLOT: None}

    def _validate_confirmation(
        self, slot: str, intent: str | None, is_request: bool, entities: dict[str, Any], tracker: Tracker
    ) -> Updates:
        """A summary: "yes" confirms; a change button clears that answer (or section) to ask it
        again. A reply that is neither, twice, confirms too (never a loop): the case manager
        checks every section anyway."""
        text = str(tracker.latest_message.get("text") or "")
        if _yes_or_no(intent, is_request, text, conversation_language(tracker)) == YES:
            return {slot: True}
        field = entities.get("field")
        if intent == "change" and isinstance(field, str):
            return self._reopen(field, slot, tracker)
        attempts = dict(tracker.get_slot(INVALID_ATTEMPTS_SLOT) or {})
        attempts[slot] = int(attempts.get(slot, 0)) + 1
        if attempts[slot] >= MOVE_ON_AFTER:
            attempts.pop(slot)
            return {slot: True, INVALID_ATTEMPTS_SLOT: attempts}
        return {slot: None, INVALID_ATTEMPTS_SLOT: attempts}

    # -- answers -------------------------------------------------------------------------

    def _validate_answer(
        self,
        question: Question,
        intent: str | None,
        is_request: bool,
        entities: dict[str, Any],
        text: str,
        interpretation: Interpretation | None,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Updates:
        language = conversation_language(tracker)
        pending = tracker.get_slot(PENDING_SLOT) or {}
        if pending.get("question") == question.id:
            return self._settle_pending(question, pending, intent, is_request, text, dispatcher, tracker)
        if _is_button_payload(text):
            return self._button(question, intent, entities, dispatcher, tracker)
        if interpretation is None:
            interpretation = interpret(
                question,
                text,
                language,
                translate=lambda m: translate(language, m),
                earlier=_earlier(question, tracker),
            )
        reading = interpretation.reading
        if interpretation.kind == "no_answer":
            if interpretation.no_answer == "none" and question.skippable:
                # "No" / "I don't have one" to "What is your e-mail address?": an answer of its own,
                # not an invalid e-mail address, and not free text to translate.
                return self._accept(question, NONE, None, tracker)
            reason = "skip" if interpretation.no_answer in ("skipped", "none") else "dont_know"
            return self._no_answer(question, reason, text, dispatcher, tracker)
        if interpretation.kind == "answer" and reading is not None:
            if reading.needs_confirmation:
                pending = {"question": question.id, "value": reading.value, "text": text}
                return {question.id: None, PENDING_SLOT: pending}
            return self._accept(question, reading.value, self._words_to_keep(question, reading, text), tracker)
        error = reading.error if reading is not None and reading.error else "choice"
        return self._refuse(question, f"utter_invalid_{error}", text, dispatcher, tracker)

    @staticmethod
    def _words_to_keep(question: Question, reading: Reading, text: str) -> str | None:
        """The person's own words beside the value: always for free text and values read from
        typing; for a yes or no only when they said more ("yes, but it is from Syria")."""
        if question.type == "yes_no" and not reading.unplaced:
            return None
        return text

    def _button(
        self,
        question: Question,
        intent: str | None,
        entities: dict[str, Any],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Updates:
        """A tapped button: an option, yes / no, skip or "I don't know"."""
        if intent in ("skip", "dont_know"):
            return self._no_answer(question, intent, None, dispatcher, tracker)
        if question.type == "yes_no" and intent in ("affirm", "deny"):
            return self._accept(question, YES if intent == "affirm" else NO, None, tracker)
        if question.type in ("single_choice", "multiple_choice") and "choice" in entities:
            choice = str(entities["choice"])
            if question.type == "multiple_choice":
                return self._add_choice(question, choice, tracker)
            if question.option(choice) is not None:
                return self._accept(question, choice, None, tracker)
        # A button of an earlier message: ask this question again.
        return {question.id: None}

    def _settle_pending(
        self,
        question: Question,
        pending: dict[str, Any],
        intent: str | None,
        is_request: bool,
        text: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Updates:
        """The answer to "<value> — is that right?": yes stores it, no asks the question again,
        anything else is read as a new answer to the question."""
        language = conversation_language(tracker)
        words = words_of(text)
        own = {question.id, question.group_id}
        if (
            not _is_button_payload(text)
            and len(words) > 4
            and not starts_with_answer_word(text, language)
            and any(m.key not in own for m in find_in(words, language, "fields"))
        ):
            # "sorry, about my studies: the university was three years, not four" while "5 — is
            # that right?" waits: about another answer (put right before this one, if it can be),
            # no yes or no to this one; the check is shown again.
            return {question.id: None, PENDING_SLOT: pending}
        answer = _yes_or_no(intent, is_request, text, language)
        if answer is None and find_in(words, language, "corrections", exact_only=True):
            answer = NO  # "that's wrong", "c'est faux"
        tracker.slots[PENDING_SLOT] = None
        if answer == YES:
            return {**self._accept(question, pending.get("value"), pending.get("text"), tracker), PENDING_SLOT: None}
        if answer == NO or _is_button_payload(text):
            return {question.id: None, PENDING_SLOT: None}
        again = self._validate_answer(question, intent, is_request, {}, text, None, dispatcher, tracker)
        return {PENDING_SLOT: None, **again}

    @staticmethod
    def _accept(question: Question, value: Any, original_text: str | None, tracker: Tracker) -> Updates:
        texts = dict(tracker.get_slot(ANSWER_TEXTS_SLOT) or {})
        texts[question.id] = original_text
        order = [name for name in tracker.get_slot(ANSWER_ORDER_SLOT) or [] if name != question.id]
        attempts = dict(tracker.get_slot(INVALID_ATTEMPTS_SLOT) or {})
        attempts.pop(question.id, None)
        return {
            question.id: value,
            ANSWER_TEXTS_SLOT: texts,
            ANSWER_ORDER_SLOT: [*order, question.id],
            INVALID_ATTEMPTS_SLOT: attempts,
        }

    def _no_answer(
        self,
        question: Question,
        reason: str | None,
        text: str | None,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Updates:
        """ "I don't know" or "skip". A question we need counts it like an answer that could not
        be read: asked once more, then kept for the case manager (never a loop)."""
        if not question.skippable:
            return self._refuse(question, "utter_cannot_skip", text, dispatcher, tracker)
        if question.type == "yes_no" and reason == "dont_know":
            return self._accept(question, UNKNOWN, None, tracker)
        return self._accept(question, DONT_KNOW if reason == "dont_know" else SKIPPED, None, tracker)

    def _add_choice(self, question: Question, choice: str, tracker: Tracker) -> Updates:
        """Multiple choice by buttons: each tap adds an option; "Done" stores the list."""
        drafts = dict(tracker.get_slot(CHOICE_DRAFTS_SLOT) or {})
        chosen = list(drafts.get(question.id) or [])
        if choice == DONE_CHOICE:
            drafts.pop(question.id, None)
            updates = self._accept(question, chosen if chosen else SKIPPED, None, tracker)
            return {**updates, CHOICE_DRAFTS_SLOT: drafts}
        if question.option(choice) is not None and choice not in chosen:
            chosen.append(choice)
        drafts[question.id] = chosen
        return {question.id: None, CHOICE_DRAFTS_SLOT: drafts}

    def _refuse(
        self, question: Question, response: str, text: str | None, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Updates:
        """Say why the answer cannot be used and ask once more; the second time, keep what the
        person typed for the case manager ("not understood by the assistant") and move on."""
        attempts = dict(tracker.get_slot(INVALID_ATTEMPTS_SLOT) or {})
        count = int(attempts.get(question.id, 0)) + 1
        attempts[question.id] = count
        texts = dict(tracker.get_slot(ANSWER_TEXTS_SLOT) or {})
        typed = [t for t in (texts.get(question.id), text) if t]
        if count >= MOVE_ON_AFTER:
            dispatcher.utter_message(response="utter_kept_for_case_manager" if typed else "utter_moving_on")
            return self._accept(question, NEEDS_HELP, "\n".join(typed) or None, tracker)
        dispatcher.utter_message(response=response)
        texts[question.id] = "\n".join(typed) or None
        return {question.id: None, INVALID_ATTEMPTS_SLOT: attempts, ANSWER_TEXTS_SLOT: texts}

    # -- repeating groups ----------------------------------------------------------------

    def _validate_group(
        self,
        group: Question,
        intent: str | None,
        is_request: bool,
        text: str,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> Updates:
        """The group's own question: "Do you have children?" first, "Another child?" after each item."""
        groups = dict(tracker.get_slot(GROUP_ITEMS_SLOT) or {})
        state = group_state(dict(tracker.slots), group.id)
        language = conversation_language(tracker)
        said = None if _is_button_payload(text) else no_answer_in(text, language)
        declined = said in ("skipped", "dont_know") or (is_request and intent in ("skip", "dont_know"))
        answer = _yes_or_no(intent, is_request, text, language)
        if (
            answer is not None
            and not _is_button_payload(text)
            and puts_a_number_right(text, language)
            and not starts_with_answer_word(text, language)
        ):
            answer = None  # "… he is 10, not 9": the "not" is the number's (forms/readers._group)
        said_yes_or_no = answer is not None
        first_item: dict[str, Any] = {}
        reading_items: list[dict[str, Any]] = []
        if not _is_button_payload(text):
            reading = read(group, text, language, lambda m: translate(language, m))
            if reading.ok and (answer is None or reading.others or reading.items):
                answer, first_item, reading_items = reading.value, dict(reading.others), list(reading.items)
        # The item described, without a yes ("before that I drove a minibus in Sudan").
        another = bool(state["items"] or state["open"])  # *Did you go to another school?*
        if (
            not said_yes_or_no
            and answer != NO
            and not declined
            and not reading_items
            and not _is_button_payload(text)
            and (described := _item_described(group, text, language, another)) is not None
        ):
            answer, first_item = YES, {**described, **first_item}
        if declined and answer is None and not state["items"] and not state["open"]:
            return self._no_answer(
                group, "dont_know" if "dont_know" in (said, intent) else "skip", text, dispatcher, tracker
            )
        given = state["items"] or state["open"]
        if answer == NO and given and not _is_button_payload(text) and _numbers_put_right(text, language):
            # "Sorry, the job in Turkey was four years, not three" before that job was given: its
            # "not" is no "no more jobs". Asked again, so that the next job is not lost.
            answer = None
        if answer is None:
            return self._refuse(group, "utter_invalid_yes_no", text, dispatcher, tracker)

        updates: Updates = {}
        if state["open"]:
            updates.update(_finish_item(group, state, tracker))
        more = answer == YES and len(state["items"]) < group.max_items
        state["open"] = more
        if more and reading_items:
            # "Three children: 3, 7 and 10 years old": the others wait their turn, already known;
            # after the third, no "Do you have another child?".
            state["queued"] = [{"values": values, "text": text} for values in reading_items[1:]]
            state["total"] = len(state["items"]) + len(reading_items)
        groups[group.id] = state
        updates[GROUP_ITEMS_SLOT] = groups
        if more:
            updates[group.id] = None
            if not reading_items and not _is_button_payload(text):
                # "Yes, I was a driver in Iraq for 5 years": where and how long, for this item.
                for item_question in group.items:
                    if item_question.also_read and item_question.id not in first_item:
                        value = _also_read_value(item_question, text, language, inside_item=True)
                        if value is not None:
                            first_item[item_question.id] = value
            if first_item:
                # "My mother lives with me": the item's answers that the message gave are kept.
                updates.update(_open_item(first_item, text, updates, tracker))
            return updates
        tracker.slots.update(updates)
        return {**updates, **self._accept(group, len(state["items"]), None, tracker)}

    def _next_queued_item(self, question: Question, updates: Updates, tracker: Tracker) -> Updates:
        """When the item being filled is complete and the person already named the next one
        ("3, 7 and 10 years old"), that one opens at once, without "Do you have another child?";
        after the last one they counted ("two daughters") the group is complete."""
        if question.group_id is None:
            return {}
        schema = load_schema()
        group = schema.question(question.group_id)
        slots = {**tracker.slots, **updates}
        state = group_state(slots, group.id)
        last_said = state["total"] and not state["queued"] and len(state["items"]) + 1 >= state["total"]
        if not state["open"] or not (state["queued"] or last_said):
            return {}
        if any(slots.get(q.id) is None and applies(q, slots, schema) for q in group.items):
            return {}
        tracker.slots.update(updates)
        result = _finish_item(group, state, tracker)
        groups = dict(tracker.get_slot(GROUP_ITEMS_SLOT) or {})
        groups[group.id] = state
        result[GROUP_ITEMS_SLOT] = groups
        if last_said:
            # The last of the items the person counted: the group is complete.
            state["open"] = False
            tracker.slots.update(result)
            return {**result, **self._accept(group, len(state["items"]), None, tracker)}
        queued = state["queued"].pop(0)
        result.update(_open_item(dict(queued["values"]), str(queued["text"]), result, tracker))
        return result

    # -- conversational requests ---------------------------------------------------------

    def _go_back(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Updates:
        """Clear the answer given before this question, so the form asks it again."""
        order = list(tracker.get_slot(ANSWER_ORDER_SLOT) or [])
        if not order:
            return {slot: None}
        previous = order.pop()
        schema = load_schema()
        updates: Updates = {slot: None, ANSWER_ORDER_SLOT: order}
        if schema.has_question(previous):
            question = schema.question(previous)
            if question.type == "group":
                # Ask the group's question again; the items given stay.
                updates[previous] = None
            else:
                updates.update(_clear_answer(question, tracker))
                updates[ANSWER_ORDER_SLOT] = order
        else:
            updates[previous] = None
        dispatcher.utter_message(response="utter_going_back")
        return updates

    async def _pause(self, slot: str, tracker: Tracker) -> Updates:
        """Stop for now: the form ends (no required slots while paused) and the answers are saved.
        The next message continues at the same question, also after the servers restart."""
        return {slot: None, PAUSED_SLOT: True}

    async def _save(self, tracker: Tracker, updates: Updates, help_requested: bool = False) -> None:
        """Save the answers so far in the backend (through the outbox, in the background; see backend_client)."""
        slots = {**tracker.slots, **updates}
        save_in_background(tracker, conversation_language(tracker), collected_answers(slots), help_requested)


# A note beside a yes that explains more than "yes I have one": at least this many words.
FOLLOW_UP_MIN_WORDS = 2


def _follow_up_value(asked: Question, follow_up: Question, text: str, language: str) -> Any:
    """What the words beside the answer to `asked` say in answer to its follow-up ("yes, but it
    is from Syria" → SY; "yes, I cannot climb stairs" → those words as the details), or None."""
    note = read(asked, text, language, lambda m: translate(language, m)).unplaced
    if follow_up.is_free_text:
        return text if follow_up.type == "long_text" and len(note) >= FOLLOW_UP_MIN_WORDS else None
    if not note:
        return None
    reading = read(follow_up, " ".join(note), language, lambda m: translate(language, m))
    return reading.value if reading.ok and reading.certainty >= 0.9 else None


def _also_read_value(question: Question, text: str, language: str, inside_item: bool) -> Any:
    """The value a message given to another question holds for `question`, when it is certain.

    Inside a group item only what is plainly said: a duration with its unit ("for 4 years", not
    the 4 of "4 children"), an age with words of age ("60 years old"), a country by name but not
    in a message that names a language ("a Turkish teacher", "af Soomaali" name a language, not
    where the job was)."""
    reading = read(question, text, language, lambda m: translate(language, m))
    if not reading.ok or reading.value is None or reading.certainty < 0.9:
        return None
    if question.type == "single_choice" and not named_exactly(
        question, str(reading.value), text, language, lambda m: translate(language, m)
    ):
        return None  # a typo of a name is a guess about another question: "کامران" is no Cameroon
    if inside_item and question.type == "number":
        is_age = (question.validation.max_value or 0) > 60  # a duration is counted in years up to 60
        said = age_said(text, language) if is_age else years_said(text, language)
        if said != reading.value:
            return None
    if inside_item and question.options == country_options():
        languages = load_schema().question("other_languages")
        if read(languages, text, language).ok:
            return None
    heard_only = question.type == "single_choice" and not named_exactly(
        question, str(reading.value), text, language, lambda m: translate(language, m), heard_too=False
    )
    if heard_only and countries_named(text, language) - {HOST_COUNTRY}:
        # "افغانستان، هرات" (Afghanistan, Herat) at the country of origin: a town of that country,
        # not Hauwert (Medemblik), which sounds the same.
        return None
    return reading.value


def _finish_item(group: Question, state: dict[str, Any], tracker: Tracker) -> Updates:
    """The item being filled is complete: keep it in the group's state, clear its slots."""
    texts = dict(tracker.get_slot(ANSWER_TEXTS_SLOT) or {})
    item = {
        "values": {q.id: tracker.get_slot(q.id) for q in group.items if tracker.get_slot(q.id) is not None},
        "texts": {q.id: texts.pop(q.id, None) for q in group.items if texts.get(q.id)},
    }
    state["items"].append(item)
    item_ids = {q.id for q in group.items}
    updates: Updates = dict.fromkeys(item_ids)
    updates[ANSWER_TEXTS_SLOT] = texts
    updates[ANSWER_ORDER_SLOT] = [n for n in tracker.get_slot(ANSWER_ORDER_SLOT) or [] if n not in item_ids]
    tracker.slots.update(updates)
    return updates


def _open_item(values: dict[str, Any], text: str, updates: Updates, tracker: Tracker) -> Updates:
    """A new item with the answers a message already gave, the person's words beside them."""
    texts = dict(updates.get(ANSWER_TEXTS_SLOT) or tracker.get_slot(ANSWER_TEXTS_SLOT) or {})
    texts.update(dict.fromkeys(values, text))
    order = list(updates.get(ANSWER_ORDER_SLOT) or tracker.get_slot(ANSWER_ORDER_SLOT) or [])
    return {**values, ANSWER_TEXTS_SLOT: texts, ANSWER_ORDER_SLOT: [*order, *values]}


def _clear_answer(question: Question, tracker: Tracker) -> Updates:
    """Forget one answer so that the form asks for it again (for a group: all its items)."""
    updates: Updates = {question.id: None}
    if question.type == "group":
        groups = dict(tracker.get_slot(GROUP_ITEMS_SLOT) or {})
        groups.pop(question.id, None)
        updates[GROUP_ITEMS_SLOT] = groups
        updates.update({item.id: None for item in question.items})
    drafts = dict(tracker.get_slot(CHOICE_DRAFTS_SLOT) or {})
    if drafts.pop(question.id, None) is not None:
        updates[CHOICE_DRAFTS_SLOT] = drafts
    return updates


class ActionSubmitIntake(Action):
    """When the form ends: send the confirmed intake, or save a paused one. Safe to repeat."""

    def name(self) -> str:
        return "action_submit_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        paused = bool(tracker.get_slot(PAUSED_SLOT))
        complete = not paused and tracker.get_slot(CONFIRMED_SLOT) is True
        # After the conversation's earlier saves, through the outbox: "sent" (or "saved") only
        # once the backend confirmed it. Otherwise it stays in the outbox and is delivered as
        # soon as the backend takes it, and the person is told just that; their next message
        # comes back here (the form has nothing left to ask) and tells them when it arrived.
        language = conversation_language(tracker)
        if not await save_and_confirm(tracker, language, collected_answers(dict(tracker.slots)), complete):
            dispatcher.utter_message(response="utter_submit_pending")
            return []
        if paused:
            dispatcher.utter_message(response="utter_paused")
            return []
        dispatcher.utter_message(response="utter_intake_submitted")
        # Next (bot/data/rules/intake.yml): action_offer_slots plans the first meeting.
        return [SlotSet("intake_submitted", True)]


class ActionResumeIntake(Action):
    """A message outside the form (after a pause, a restart or an unexpected turn): continue
    where the person left off. Used as the core fallback, so nothing ends the conversation."""

    def name(self) -> str:
        return "action_resume_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("intake_submitted"):
            dispatcher.utter_message(response="utter_already_submitted")
            return []
        events: list[EventType] = []
        if tracker.get_slot(PAUSED_SLOT):
            dispatcher.utter_message(response="utter_welcome_back")
            events.append(SlotSet(PAUSED_SLOT, False))
        # The form asks the first unanswered question, or submits when all are answered.
        return [*events, FollowupAction(FORM_NAME)]
