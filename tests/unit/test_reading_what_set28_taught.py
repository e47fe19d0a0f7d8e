"""Causes the held-out set-28 showed, fixed and tested with our own sentences."""

from __future__ import annotations

import pytest

from tests.unit.test_reading_what_set27_taught import interpreted


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
