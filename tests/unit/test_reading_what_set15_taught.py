"""What the held-out sets set-15 and set-16 taught, fixed in general (session 14).

Each cause is tested in at least three languages with our own sentences, not the set's wordings.
"""

from __future__ import annotations

import pytest

from tests.unit.test_intake_form import Conversation
from tests.unit.test_reading_what_set13_taught import outcome
from tests.unit.test_several_facts_in_an_item import answered_until


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A language said with "not" before it, or with only a "no" after it, is not spoken.
        ("en", "french and arabic, not english", ["fr", "ar"]),
        ("fr", "l'arabe mais pas l'anglais", ["ar"]),
        ("nl", "arabisch, frans niet", ["ar"]),
        ("tr", "farsça biliyorum, arapça yok", ["fa"]),
        ("so", "carabi waan ku hadlaa, faransiis maya", ["ar"]),
        ("ti", "ዓረብ, እንግሊዝኛ ኣይፋል", ["ar"]),
    ],
)
def test_a_language_said_no_to_is_left_out(language: str, text: str, wanted: list[str]) -> None:
    kind, value = outcome("other_languages", text, language)
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # More than a "no" after it is how well, not a no: the language stays.
        ("en", "arabic, english not so good", ["ar", "en"]),
        ("nl", "arabisch en engels een beetje", ["ar", "en"]),
        # The "n" of Tigrinya is "and", no "no".
        ("ti", "amharigna n arabigna n", ["am", "ar"]),
    ],
)
def test_a_language_with_more_than_a_no_after_it_stays(language: str, text: str, wanted: list[str]) -> None:
    kind, value = outcome("other_languages", text, language)
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # "X, not Y" at a single choice: the "not" says no to Y; it puts nothing right.
        ("en", "interpreter_language", "somali please, not arabic", "so"),
        ("ku", "interpreter_language", "erebî, ne tirkî", "ar"),
        ("fa_AF", "first_language", "پشتو، نه دری", "ps"),
        ("fr", "country_of_origin", "je viens du Soudan, pas de l'Égypte", "SD"),
        # ... unless the option is named again after it: then the "no" puts it right.
        ("fa", "education_country", "در سوریه... نه عراق، در عراق بود", "IQ"),
        ("en", "education_country", "in syria... no iraq, it was in iraq", "IQ"),
    ],
)
def test_not_before_an_option_at_a_single_choice(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # "only" between two parts of the day goes with the part before it; the rest is the reason.
        ("am", "ከሰአት ብቻ ጠዋት ስራ አለኝ", [f"{d}_afternoon" for d in WEEKDAYS]),
        ("ti", "ንግሆ ጥራይ ድሕሪ ቐትሪ ስራሕ ኣለኒ", [f"{d}_morning" for d in WEEKDAYS]),
        ("so", "subaxda oo kaliya galabta shaqo ayaan aadaa", [f"{d}_morning" for d in WEEKDAYS]),
        # "not" right before a day leaves it out; it puts nothing right.
        ("en", "afternoons, but not friday", [f"{d}_afternoon" for d in WEEKDAYS if d != "fri"]),
        ("nl", "ochtenden, niet dinsdag", [f"{d}_morning" for d in WEEKDAYS if d != "tue"]),
        ("fr", "les matins, pas lundi", [f"{d}_morning" for d in WEEKDAYS if d != "mon"]),
        # "<day> except, every day": the days after "except" are days, not "every day".
        ("tr", "cuma hariç her gün", [f"{d}_{p}" for d in WEEKDAYS if d != "fri" for p in ("morning", "afternoon")]),
        # Two parts joined after one day both go with it; a part of the next day does not.
        ("fa", "فقط دوشنبه، صبح یا عصر فرقی نمیکنه", ["mon_morning", "mon_afternoon"]),
        ("en", "only thursday, morning or afternoon", ["thu_morning", "thu_afternoon"]),
        ("ar", "بس الثلاثاء، الصبح او بعد الظهر", ["tue_morning", "tue_afternoon"]),
        ("en", "tuesday morning, wednesday afternoon", ["tue_morning", "wed_afternoon"]),
        # "I am" is no "a.m.".
        ("en", "I am free every day", [f"{d}_{p}" for d in WEEKDAYS for p in ("morning", "afternoon")]),
    ],
)
def test_parts_of_the_day_with_only_not_and_or(language: str, text: str, wanted: list[str]) -> None:
    kind, value = outcome("availability", text, language)
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A title before a name is no part of it (`titles` in the word files) ...
        ("en", "Mrs Amina Yusuf", "Amina Yusuf"),
        ("nl", "mevrouw Selam Haile", "Selam Haile"),
        ("fr", "je suis Monsieur Oumar Diallo", "Oumar Diallo"),
        ("ti", "ኣቶ ተስፋይ ገብረ", "ተስፋይ ገብረ"),
        ("am", "ዶ/ር ሄኖክ ታደሰ", "ሄኖክ ታደሰ"),
        ("fa", "آقای رضا احمدی", "رضا احمدی"),
        ("so", "Macallin Cabdi Xasan", "Cabdi Xasan"),
        # ... but at the end, inside, or alone it is the name.
        ("ku", "navê min Rêzan Hecî ye", "Rêzan Hecî"),
        ("en", "my name is Omar Sheikh Ali", "Omar Sheikh Ali"),
        ("ku", "navê wê Xanim e", "Xanim"),
    ],
)
def test_a_title_before_a_name_is_left_out(language: str, text: str, wanted: str) -> None:
    assert outcome("full_name", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The first name alone in one clause, the last name after its label in the next ...
        ("tr", "Ayşe, soyadım Demir", "Ayşe Demir"),
        ("en", "Sam, surname Jones", "Sam Jones"),
        ("ar", "خالد ... والكنية الحمصي", "خالد الحمصي"),
        ("ar", "اسمي رنا وكنيتي الخطيب", "رنا الخطيب"),
        ("nl", "Semhar, achternaam Tesfay", "Semhar Tesfay"),
        ("fr", "Aicha Mahamat, nom de famille Idriss", "Aicha Mahamat Idriss"),
        # A whole name first, then a remark about one of its parts: the name as said.
        ("fr", "Oumar Saleh Abdallah, Saleh c'est le nom de mon père", "Oumar Saleh Abdallah"),
        # A label of the last name beside a word of "later": no last name is given.
        ("fa", "مریم، فامیلی بعدا میگم", "مریم"),
        ("ku", "Zozan, paşnavê min paşê dibêjim", "Zozan"),
        ("en", "John... my surname I tell later", "John"),
        ("nl", "Fatima, achternaam later", "Fatima"),
    ],
)
def test_a_first_name_then_the_last_name_after_its_label(language: str, text: str, wanted: str) -> None:
    assert outcome("full_name", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("en", "we call him Sami", "Sami"),
        ("nl", "we noemen haar Lula", "Lula"),
        ("fr", "on l'appelle Didier", "Didier"),
        ("tr", "Ayşe diyoruz", "Ayşe"),
    ],
)
def test_the_name_a_household_member_is_called(language: str, text: str, wanted: str) -> None:
    assert outcome("member_name", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A sure "yes" to "Did you have another job?" is the answer; "later" beside it asks for
        # no pause (the person goes on to tell about the job that came later).
        ("tr", "evet, sonra"),
        ("en", "yes, later"),
        ("fr", "oui, plus tard"),
        ("so", "haa, kadib"),
    ],
)
def test_yes_with_a_word_of_later_at_another_job(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    slots: dict[str, object] = {**answered_until("jobs", language)}
    slots["answer_order"] = ["job_title", "job_tasks", "job_years", "job_country"]
    slots["group_items"] = {"jobs": {"items": [], "open": True}}
    slots.update(jobs=None, job_title="teacher", job_tasks="lessons", job_years=5, job_country="TR")
    chat = Conversation(monkeypatch, requested_slot="jobs", **slots)
    chat.say(text)
    assert chat.asked == "job_title"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A pause in so many words first, its reason after it, with no comma between.
        ("fr", "je continue plus tard maintenant je dois cuisiner"),
        ("nl", "ik ga later verder nu moet ik koken"),
        ("tr", "sonra devam ederim şimdi yemek yapıyorum"),
        ("en", "can we continue later i need to cook now"),
    ],
)
def test_a_pause_with_its_reason_after_it(language: str, text: str) -> None:
    assert outcome("municipality", text, language) == ("request", "pause")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "Not now, ..." at a yes/no question is a "no", not a pause.
        ("fr", "pas maintenant il est encore petit"),
        ("tr", "şimdi değil çocuk daha küçük"),
        ("nl", "nu niet hij is nog klein"),
    ],
)
def test_not_now_with_a_reason_is_no_pause(language: str, text: str) -> None:
    assert outcome("early_education_info", text, language) != ("request", "pause")


@pytest.mark.parametrize(
    ("language", "slot", "before", "text", "after"),
    [
        # A date of birth put right at a later question: the number said wrong is left out, a
        # year alone keeps the day and month, a day and month alone keep the year.
        ("am", "email", "1990-03-05", "ይቅርታ የልደት ቀኔ ተሳስቻለሁ 1989 ነው 1990 አይደለም", "1989-03-05"),
        ("en", "email", "1990-03-05", "sorry my birthday is wrong, it is 1989 not 1990", "1989-03-05"),
        ("ar", "phone", "1990-03-05", "عفوا غلطت بتاريخ الميلاد، ٦ آذار مو ٥", "1990-03-06"),
        # A month name of one language is no family word of another ("mart": March, and Arabic "wife").
        ("tr", "email", "1990-03-05", "dogum tarihim yanlis, 6 mart 1990 dogru", "1990-03-06"),
        ("tr", "digid_applied", "1990-03-05", "doğum tarihim yanlış oldu, 6 mart 1990", "1990-03-06"),
    ],
)
def test_a_date_of_birth_put_right_later(
    monkeypatch: pytest.MonkeyPatch, language: str, slot: str, before: str, text: str, after: str
) -> None:
    slots: dict[str, object] = {**answered_until(slot, language), "date_of_birth": before}
    slots["answer_order"] = ["date_of_birth"]
    chat = Conversation(monkeypatch, requested_slot=slot, **slots)
    chat.say(text)
    assert chat.slots["date_of_birth"] == after
    assert chat.asked == slot


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # A master's named with the words for a university and a degree is a master's.
        ("en", "education_level", "master degree from Kabul University", "master"),
        ("so", "education_level", "master degree jaamacadda Muqdisho", "master"),
        ("fr", "education_level", "un master à l'université de Kinshasa", "master"),
        # A grandparent explained by a parent ("my father's mother") is a grandparent.
        ("nl", "member_relation", "oma, de moeder van mijn vader", "grandparent"),
        ("en", "member_relation", "my grandmother, my mother's mother", "grandparent"),
        ("fr", "member_relation", "ma grand-mère, la mère de mon père", "grandparent"),
        # "My son does the computer for me": no skill of one's own (checked with the person).
        ("en", "digital_skills", "my son does all of that for me", "none"),
        ("nl", "digital_skills", "mijn dochter regelt dat allemaal", "none"),
        ("fr", "digital_skills", "c'est ma fille qui s'occupe de ça", "none"),
    ],
)
def test_the_level_or_relation_a_description_means(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)
