"""What the held-out sets set-10 and set-11 taught, fixed in general (session 12).

Each cause is tested in at least three languages with our own sentences, not the sets' wordings.
"""

from __future__ import annotations

import pytest

from forms.schema import load_schema
from forms.understanding import Interpretation, interpret


def question(question_id: str):  # type: ignore[no-untyped-def]
    return load_schema().question(question_id)


def outcome(result: Interpretation) -> tuple[str, object]:
    if result.kind in ("request", "check_request"):
        return result.kind, result.request
    if result.kind == "no_answer":
        return "no_answer", result.no_answer
    if result.kind == "answer" and result.reading is not None:
        return "answer", result.reading.value
    return result.kind, None


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A nickname after the name ("but people call me ...") is not the name.
        ("en", "my name is Yusuf Ahmed Ali but everyone calls me Yoyo", "Yusuf Ahmed Ali"),
        ("nl", "Samira El Idrissi maar iedereen noemt me Sami", "Samira El Idrissi"),
        ("ku", "navê min Dilovan Ezîz e lê her kes dibêje Dilo", "Dilovan Ezîz"),
        ("ar", "اسمي خالد حسين بس الناس بتقلي ابو حسين", "خالد حسين"),
        # A remark after it ("as on my residence permit") is not the name either.
        ("fr", "je m'appelle Awa Traoré comme sur mon titre de séjour", "Awa Traoré"),
        ("nl", "mijn naam is hawa abdi nur zoals op de pas", "Hawa Abdi Nur"),
        ("so", "magacaygu waa Ifrah Cali Nuur sida ku qoran kaarka", "Ifrah Cali Nuur"),
        ("ar", "اسمي سلمى يوسف متل ما مكتوب عالكرت", "سلمى يوسف"),
        # ... unless the remark says the name more fully.
        ("en", "Ahmed, but my full name is Ahmed Ali Hassan", "Ahmed Ali Hassan"),
        # "I am the wife of X, my name is Y": the clause about the relative names the relative.
        ("nl", "ik ben de vrouw van Yonas, ik heet Saba Tekle", "Saba Tekle"),
        ("en", "I am the husband of Amina, my name is Farah Osman", "Farah Osman"),
        ("so", "waxaan ahay xaaskii Axmed, magacaygu waa Deeqa Jaamac", "Deeqa Jaamac"),
        ("ti", "ኣነ ሰበይቲ ዳዊት እየ፡ ስመይ ሄለን ተኽለ", "ሄለን ተኽለ"),
        # Labels of the parts: the father's / grandfather's name labels the next part.
        ("am", "ስም ሰላም የአባት ስም ታደሰ", "ሰላም ታደሰ"),
        ("so", "magaca koowaad Maryan, magaca aabe Cabdi, awoowe Nuur", "Maryan Cabdi Nuur"),
        ("ti", "shim: Senait, shim abo: Tesfay", "Senait Tesfay"),
        ("en", "first name Grace, last name Okello", "Grace Okello"),
        # Bibi (a relation word, and a first name) first after a label or a correction.
        ("fa_AF", "نام مکمل: بی بی زینب رحیمی", "بی بی زینب رحیمی"),
        ("ps", "بشپړ نوم: بی بی ګلالۍ", "بی بی ګلالۍ"),
        ("ps", "زما نوم بی بی... بخښنه، بی بی ګلالۍ احمدزۍ", "بی بی ګلالۍ احمدزۍ"),
        # "... is" written onto the name in Persian ("زهراست" = Zahra is).
        ("fa", "اسمش ساراست", "سارا"),
        ("fa_AF", "نام دخترم لیلاست", "لیلا"),
        # A relative's name after "the name of my mother is".
        ("nl", "de naam van mijn vader is Osman Ali", "Osman Ali"),
        ("en", "the name of my brother is Omar", "Omar"),
        ("ku", "navê xwişka min Rojda ye", "Rojda"),
        # Arabic in Latin letters with digits: the letters ("7" is h, "3" the ayn).
        ("ar", "esmi 7amid 3ali", "Hamid Ali"),
        ("ar", "ismo 5aled", "Khaled"),
        ("en", "my name is sa3id", "Sa'id"),
        # A Latin name typed in small letters is written as a name.
        ("so", "magacaygu waa faadumo cali", "Faadumo Cali"),
        ("fr", "je m'appelle jean-paul habimana", "Jean-Paul Habimana"),
        ("en", "my name is mohammed al hassan", "Mohammed al Hassan"),
    ],
)
def test_the_name_without_what_is_said_around_it(language: str, text: str, wanted: str) -> None:
    about_a_relative = ("اسمش", "نام دخترم", "vader", "brother", "xwişka")
    question_id = "member_name" if any(w in text for w in about_a_relative) else "full_name"
    assert outcome(interpret(question(question_id), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fa", "نمیخوام اسم پسرم رو بگم"),
        ("ku", "naxwazim navê wî bibêjim"),
        ("ps", "نه غواړم نوم یې ووایم"),
        ("en", "I don't want to give his name"),
    ],
)
def test_not_wanting_to_say_a_name_declines(language: str, text: str) -> None:
    assert outcome(interpret(question("member_name"), text, language)) == ("no_answer", "skipped")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "pourquoi vous voulez savoir mon nom"),
        ("tr", "adımı neden soruyorsunuz"),
        ("so", "maxaad u rabtaa magacayga"),
        ("am", "ለምን ስሜን ትጠይቃላችሁ"),
        ("en", "why you need it"),
        ("nl", "waarom wil je dat weten"),
    ],
)
def test_asking_why_without_a_question_mark_is_no_name_but_a_question(language: str, text: str) -> None:
    """Like "why do you need my name?": nothing is stored and the question comes back with its help."""
    assert outcome(interpret(question("full_name"), text, language)) == ("request", "help")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Another language's "no" is no correction of a name: French "la" is Arabic "no".
        ("fr", "mon nom c'est Mariam Coulibaly, comme sur la carte", "Mariam Coulibaly"),
        ("fr", "Fatou Sow, la maman de Awa", "Fatou Sow"),
        ("en", "Hassan Ali, la familia Ali", "Hassan Ali"),
    ],
)
def test_another_languages_no_does_not_put_a_name_right(language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question("full_name"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The last digits of a phone number typed again after a correction word.
        ("fa", "۰۶۱۲۳۴۵۶۷۸ نه ببخشید آخرش ۹۹", "+31612345699"),
        ("ku", "0612345678 na bibore dawiya wê 90 e", "+31612345690"),
        ("en", "0612345678 sorry no the end is 77", "+31612345677"),
    ],
)
def test_the_end_of_a_phone_number_put_right(language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question("phone"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "question_id", "text"),
    [
        # "I have none" in one clause, the reason in another.
        ("en", "phone", "i use my brother's phone, i have no own phone"),
        ("fa_AF", "phone", "تیلفون ندارم، از تیلفون برادرم استفاده میکنم"),
        ("ku", "email", "emaila min a kevn winda bû, tune"),
        ("fa", "email", "ایمیل داشتم ولی رمزش یادم رفت، الان ندارم"),
    ],
)
def test_none_said_in_one_clause_of_a_phone_or_email_answer(language: str, question_id: str, text: str) -> None:
    assert outcome(interpret(question(question_id), text, language)) == ("no_answer", "none")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The yes or no the message settles on, in its last clause.
        ("en", "we applied for my mother but the IND refused, so no", "no"),
        ("fa", "برای برادرم درخواست دادیم ولی رد شد، پس نه", "no"),
        ("ku", "me daxwaz kir ji bo diya min lê red bû, yanî na", "no"),
        ("nl", "mijn vrouw wilde niet komen eerst, maar nu wel, dus ja", "yes"),
    ],
)
def test_the_answer_a_message_settles_on(language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question("family_reunification"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # A partner who died (words between the person and the verb): no partner.
        ("tr", "partner", "eşim iki yıl önce savaşta öldü", "no"),
        ("am", "partner", "ሚስቴ በበሽታ ሞታለች", "no"),
        ("so", "partner", "xaaskaygii sanadkii hore ayay dhimatay", "no"),
        ("en", "partner", "my wife was killed in Aleppo in 2016", "no"),
        # "a little, a phone bill" to *Do you have debts?*: yes.
        ("nl", "debts", "een beetje, nog een telefoonrekening van Odido", "yes"),
        ("so", "debts", "wax yar, biilka korontada", "yes"),
        ("fa", "debts", "یه کم، قبض برق مونده", "yes"),
        # "we don't know yet" to *Family reunification*: unknown.
        ("ps", "family_reunification", "انشاالله، خو لا نه پوهېږو", "unknown"),
        ("fa_AF", "family_reunification", "هنوز نمیفامیم چه میشه", "unknown"),
        ("ku", "family_reunification", "hê nizanin, em li bendê ne", "unknown"),
    ],
)
def test_everyday_words_of_a_yes_no_question(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question(question_id), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "I don't want to talk about it" declines; it is no "no".
        ("fr", "je ne veux pas en parler, désolé"),
        ("tr", "bu konuda konuşmak istemiyorum"),
        ("am", "ስለሱ ማውራት አልፈልግም"),
        ("ar", "ma badi a7ki 3an hada"),
    ],
)
def test_not_wanting_to_talk_about_it_declines(language: str, text: str) -> None:
    assert outcome(interpret(question("debts"), text, language)) == ("no_answer", "skipped")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "mag ik even pauze, er wordt aangebeld"),
        ("fr", "une pause svp, le bébé pleure"),
        ("en", "can we pause, my son needs me"),
    ],
)
def test_a_pause_with_its_reason_after_it(language: str, text: str) -> None:
    assert outcome(interpret(question("debts"), text, language)) == ("request", "pause")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A date said all in words, the year too.
        ("en", "three june nineteen eighty seven", "1987-06-03"),
        ("fr", "douze mars mille neuf cent quatre-vingt-huit", "1988-03-12"),
        ("tr", "yirmi iki şubat bin dokuz yüz seksen yedi", "1987-02-22"),
        ("so", "toban maarso kun sagaal boqol sideed iyo toddobaatan", "1978-03-10"),
        ("nl", "drie juni negentienhonderd zevenentachtig", "1987-06-03"),
        # An age beside the date is no day of it.
        ("tr", "kızım 2 yaşında, nisan 2024 te doğdu", "2024-04"),
        ("en", "he is 4 years old, born may 2022", "2022-05"),
        ("am", "2 amet new, april 2024 new yetewelede", "2024-04"),
        # Persian and Afghan months in Latin letters; Kurmanji months with their endings;
        # Egyptian/Levantine months in Latin letters.
        ("fa", "15 mehr 1368", "1989-10-07"),
        ("fa_AF", "12 saratan 1365", "1986-07-03"),
        ("ku", "ez 3ê gulana 1990an hatime dinyayê", "1990-05-03"),
        ("ku", "٣ی ئادارێ ١٩٩٠", "1990-03-03"),
        ("ar", "5 febrayer 1993", "1993-02-05"),
        # "like on my permit" after a date is no approximation.
        ("en", "3 march 1990 like on my residence permit", "1990-03-03"),
        # A Tigrinya date marked Ethiopian in Latin letters ("bgeez").
        ("ti", "tiri 12 1982 bgeez", "1990-01-20"),
        # A short month name with a day and a year after it, and the year put right.
        ("ps", "د مې ۵ ۱۹۸۲ نه بخښنه ۱۹۸۳", "1983-05-05"),
        ("ps", "د مې ۱۲ ۱۹۹۱", "1991-05-12"),
        ("ps", "لور مې ۲۰۱۵ کې زیږیدلې", "2015"),  # "مې" is also "my"
    ],
)
def test_dates_as_people_write_them(language: str, text: str, wanted: str) -> None:
    from datetime import date

    from forms.readers.dates import read_date

    assert read_date(text, language, date(2026, 12, 6)).value == wanted


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A yes or no first, a question after it: the answer, the question is a remark.
        ("nl", "nee, wat is dat eigenlijk?", "no"),
        ("ku", "na, ev çi ye?", "no"),
        ("so", "maya, waa maxay taasi?", "no"),
        # A question, then a lone yes or no after it.
        ("tr", "okul belgesi de sayılır mı? evet", "yes"),
        ("fr", "une attestation, ça compte? oui", "yes"),
    ],
)
def test_an_answer_beside_a_question(language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question("diploma_evaluation"), text, language)) == ("answer", wanted)


def test_a_yes_asked_back_is_no_answer() -> None:
    assert outcome(interpret(question("diploma_evaluation"), "yes? what do you mean", "en")) == ("request", "help")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "I don't know yet" in one clause, why in the other.
        ("nl", "weet ik nog niet, we wonen nog in het azc"),
        ("tr", "henüz bilmiyorum, hâlâ kamptayım"),
        ("fr", "je ne sais pas encore, on est toujours au centre"),
    ],
)
def test_dont_know_said_in_one_clause(language: str, text: str) -> None:
    assert outcome(interpret(question("municipality"), text, language)) == ("no_answer", "dont_know")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "go back, the last answer was wrong" at a choice question: back.
        ("en", "go back please, my last answer was wrong"),
        ("ps", "شاته لاړ شه، مخکینی ځواب غلط و"),
        ("ku", "vegere, bersiva min şaş bû"),
    ],
)
def test_back_to_put_an_answer_right_at_a_choice_question(language: str, text: str) -> None:
    assert outcome(interpret(question("municipality"), text, language)) == ("request", "back")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "I got it, but it is at my uncle's in Syria" to *Did you get a diploma?*: yes.
        ("ar", "اخدتها بس هي عند اهلي بحلب"),
        ("fa", "گرفتم ولی پیش خواهرم تو تهرانه"),
        ("ku", "min girt lê li mala bavê min e"),
    ],
)
def test_got_the_diploma(language: str, text: str) -> None:
    assert outcome(interpret(question("education_diploma"), text, language)) == ("answer", "yes")


# -- what set-12 taught (studied after its one measurement, session 12) --------------------------------


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A whole day beside a day: both parts of it.
        ("en", "tuesday the whole day, friday afternoon", ["tue_morning", "tue_afternoon", "fri_afternoon"]),
        ("nl", "woensdag de hele dag en maandag ochtend", ["wed_morning", "wed_afternoon", "mon_morning"]),
        ("tr", "salı bütün gün, cuma sabah", ["tue_morning", "tue_afternoon", "fri_morning"]),
        # An hour after noon beside "after" is the afternoon; bringing the children is busy time.
        (
            "en",
            "every day after 2, in the morning i take the kids to school",
            [f"{d}_afternoon" for d in ("mon", "tue", "wed", "thu", "fri")],
        ),
        ("fr", "chaque jour à partir de 14h", [f"{d}_afternoon" for d in ("mon", "tue", "wed", "thu", "fri")]),
        ("ar", "كل يوم بعد الساعة ١", [f"{d}_afternoon" for d in ("mon", "tue", "wed", "thu", "fri")]),
    ],
)
def test_availability_said_with_a_whole_day_or_an_hour(language: str, text: str, wanted: list[str]) -> None:
    assert sorted(interpret(question("availability"), text, language).reading.value) == sorted(wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # "me, no" after what someone else does: none.
        ("fa", "dokhtaram kara ye computer ro mikone, man na"),
        ("ku", "keça min hemû tiştî dike, ez na"),
        ("ar", "binti bta3mel kol shi, ana la"),
    ],
)
def test_someone_else_does_it_me_no(language: str, text: str) -> None:
    assert outcome(interpret(question("digital_skills"), text, language)) == ("answer", "none")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A grade or a duration beside "yes" is no number of schools.
        ("en", "yes until grade 9"),
        ("fr", "oui jusqu'en classe 6"),
        ("tr", "evet 5 yıl"),
    ],
)
def test_a_grade_is_no_count_of_schools(language: str, text: str) -> None:
    result = interpret(question("schooling"), text, language)
    assert outcome(result) == ("answer", "yes") and not result.reading.items


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A nickname first, then the real name after a word for "name".
        ("fa", "بهش میگیم مامان‌بزرگ ولی اسمش مریم هست", "مریم"),
        ("ps", "ټول ورته بی بی وایي خو اصلي نوم یې ګلالۍ دی", "ګلالۍ"),
        ("ku", "em jê re dibêjin Pîrê lê navê wê yê rast Xecê ye", "Xecê"),
        # "... is" after a zero-width non-joiner.
        ("fa", "اسمش ریحانه‌ست", "ریحانه"),
    ],
)
def test_a_nickname_first_then_the_name(language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question("member_name"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The Ethiopic colon "፡" after a label; a remark after it is no name.
        ("am", "ስም፡ ሰላማዊት የአባት ስም፡ ታደሰ", "ሰላማዊት ታደሰ"),
        ("ti", "ስም፡ ሚካኤል ስም ኣቦ፡ ገብረ", "ሚካኤል ገብረ"),
        ("ti", "ሰላም ኣነ ሳራ ተስፋይ እበሃል፡ ከምቲ ኣብ ወረቐት ዘሎ", "ሳራ ተስፋይ"),
    ],
)
def test_the_ethiopic_colon(language: str, text: str, wanted: str) -> None:
    assert outcome(interpret(question("full_name"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # "What do I know" is "I don't know", though it holds the word for "what".
        ("am", "ምን አውቃለሁ", ("answer", "unknown")),
        ("ti", "እንታይ ፈሊጠ", ("answer", "unknown")),
        # My adviser, the case manager: a person.
        ("so", "la taliyahayga ayaan rabaa", ("request", "person")),
        ("ti", "ኣማኻሪየይ እደሊ", ("request", "person")),
        ("nl", "ik wil mijn klantmanager", ("request", "person")),
        # Carrying on later: a pause.
        ("fa", "شب ادامه میدم", ("request", "pause")),
        ("en", "i will finish tonight", ("request", "pause")),
        ("ku", "demeke din", ("request", "pause")),
    ],
)
def test_short_replies_set12_taught(language: str, text: str, wanted: tuple[str, object]) -> None:
    assert outcome(interpret(question("digid_applied"), text, language)) == wanted


@pytest.mark.parametrize(
    ("language", "text"), [("ar", "احيانا بالليل"), ("fa", "گاهی وقتا"), ("nl", "soms, als mijn man werkt")]
)
def test_sometimes_alone_is_yes(language: str, text: str) -> None:
    assert outcome(interpret(question("feels_lonely"), text, language)) == ("answer", "yes")


def test_a_name_then_the_ethiopic_word_space_and_a_nickname() -> None:
    assert outcome(interpret(question("full_name"), "ሳምራዊት ዓንደብርሃን፡ ሳሚ ይብሉኒ", "ti")) == ("answer", "ሳምራዊት ዓንደብርሃን")


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # A correction inside a list of languages, then "only": what "only" names.
        ("en", "French, English a bit, no not English, only French", ["fr"]),
        ("tr", "arapça, ingilizce biraz, yok ingilizce unuttum, sadece arapça", ["ar"]),
        ("so", "carabi, ingiriis yar, maya ingiriis waan ilaaway, carabi kaliya", ["ar"]),
    ],
)
def test_only_after_a_correction_in_a_list(language: str, text: str, wanted: list[str]) -> None:
    assert outcome(interpret(question("other_languages"), text, language)) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # At a child's date: "sorry, my OWN date of birth is …, not …" corrects the person's own.
        ("fa", "ببخشید تاریخ تولد خودم ۲۰ اردیبهشت ۱۳۶۵ هست نه ۶۶"),
        ("en", "sorry my own date of birth is 10 May 1986 not 1987"),
        ("nl", "sorry, mijn eigen geboortedatum is 10 mei 1986, niet 1987"),
    ],
)
def test_own_birthday_put_right_at_a_childs_date(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    from tests.unit.test_intake_form import Conversation
    from tests.unit.test_several_facts_in_an_item import answered_until

    slots = {**answered_until("children", language), "date_of_birth": "1987-05-10"}
    order = ["full_name", "date_of_birth", "country_of_origin", "municipality", "phone", "email", "partner"]
    chat = Conversation(monkeypatch, requested_slot="children", **{**slots, "answer_order": order})
    chat.say({"fa": "بله", "en": "yes", "nl": "ja"}[language])
    assert chat.asked == "child_date_of_birth"
    chat.say(text)
    assert chat.slots["date_of_birth"] == "1986-05-10"
    assert chat.asked == "child_date_of_birth"


@pytest.mark.parametrize(
    ("language", "text"), [("am", "awo 8gna kifl dires"), ("en", "yes until 8th grade"), ("fr", "oui jusqu'en 9e")]
)
def test_an_ordinal_is_no_count_of_schools(language: str, text: str) -> None:
    result = interpret(question("schooling"), text, language)
    assert outcome(result) == ("answer", "yes") and not result.reading.items


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Fetching the children is busy time.
        ("fa", "سه‌شنبه و پنجشنبه صبح، بعدازظهر باید بچه رو بیارم", ["tue_morning", "thu_morning"]),
        ("ku", "duşem û çarşem sibê, piştî nîvro zarok ji dibistanê tên", ["mon_morning", "wed_morning"]),
        ("nl", "maandag en woensdag ochtend, middag moet ik de kinderen ophalen", ["mon_morning", "wed_morning"]),
    ],
)
def test_fetching_the_children_is_busy(language: str, text: str, wanted: list[str]) -> None:
    assert interpret(question("availability"), text, language).reading.value == wanted


@pytest.mark.parametrize(
    ("question_id", "text", "wanted"),
    [
        # Levantine "ay" (إي) is yes, not another language's "no".
        ("has_smartphone", "ay", "yes"),
        ("health_insurance", "ay", "yes"),
        ("bank_account", "ay ING", "yes"),
        # An Arabizi digit inside a word is a letter, no number: "ya3ni" (I mean), "ba3don".
        ("job_years", "tlt snin bi torkia", 3),
        ("education_years", "sentein bas", 2),
        ("job_years", "ya3ni 4 snin", 4),
    ],
)
def test_arabizi_yes_and_numbers(question_id: str, text: str, wanted: object) -> None:
    assert outcome(interpret(question(question_id), text, "ar")) == ("answer", wanted)


def test_an_arabizi_digit_inside_a_word_stays_in_it() -> None:
    from forms.lexicon import words_of

    assert words_of("ya3ni 12 madrase, ba3don") == ["ya3ni", "12", "madrase", "ba3don"]
    # At the start or the end of a word too ("3ndi", "mnee7", "3ira2"); not a number's suffix or a
    # school year ("3rd", "3aad", "8gna", "5am", "JSS3").
    assert words_of("3ndi 3omro mnee7 3ira2") == ["3ndi", "3omro", "mnee7", "3ira2"]
    assert words_of("15ka bishii 3rd 1den 3aad 8gna 5am JSS3") == [
        *("15", "ka", "bishii", "3", "rd", "1", "den", "3", "aad", "8", "gna", "5", "am", "jss", "3")
    ]


@pytest.mark.parametrize(
    ("question_id", "text", "wanted"),
    [
        ("member_age", "3omro 17", 17),
        ("job_years", "tagriban 3ashr snin", 10),
        ("education_years", "arba3 snin", 4),
        ("country_of_origin", "men el 3ira2, mn el basra", "IQ"),
    ],
)
def test_arabizi_digits_at_the_edges_of_words(question_id: str, text: str, wanted: object) -> None:
    assert outcome(interpret(question(question_id), text, "ar")) == ("answer", wanted)


@pytest.mark.parametrize(
    ("question_id", "text", "wanted"),
    [
        # Kurmanji in Arabic script (Badini): weekdays, morning, July with its ending, a rented house.
        ("availability", "سێشەمبی سپێدێ", ["tue_morning"]),
        ("date_of_birth", "١٠ی تەمموزێ ١٩٨٠", "1980-07-10"),
        ("housing_situation", "ئەم ل خانیێ کرێ دژین", "own_home"),
    ],
)
def test_badini_kurmanji_words(question_id: str, text: str, wanted: object) -> None:
    assert outcome(interpret(question(question_id), text, "ku")) == ("answer", wanted)
