"""backend/text_input.py: what the database cannot hold is found and cleaned, everything else kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from backend.text_input import clean_text, clean_value, has_unstorable

# Every code point, lone surrogates included (they arrive through JSON's "\ud800" escapes).
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60)


@given(ANY_TEXT)
def test_cleaned_text_can_be_stored_and_cleaning_twice_changes_nothing(text: str) -> None:
    cleaned = clean_text(text)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert "\x00" not in cleaned and not has_unstorable(cleaned)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)


def test_only_what_cannot_be_stored_is_taken_out() -> None:
    typed = "Amina\x00 Yusuf\ud800\x07\r\n\tمی\u200cخواهم 👩🏽\u200d⚕️\ufffe\U0010ffff e\u0301"
    assert clean_text(typed) == "Amina Yusuf\n\tمی\u200cخواهم 👩🏽\u200d⚕️ é"  # joiners and emoji stay


def test_values_of_any_shape_are_checked_and_cleaned_throughout() -> None:
    value = {"items": ["a\x00", {"b\ud800": "c"}], "n": 3}
    assert has_unstorable(value)
    assert clean_value(value) == {"items": ["a", {"b": "c"}], "n": 3}
    assert not has_unstorable(clean_value(value))
    assert not has_unstorable(["Yonas", 1990, None, {"ok": True}])
