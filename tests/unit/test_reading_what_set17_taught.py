"""What set-16 left and the held-out set-17 taught, fixed in general (session 15).

Each cause is tested in at least three languages with our own sentences, not the set's wordings.
"""

from __future__ import annotations

import pytest

from tests.unit.test_reading_what_set13_taught import outcome


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # An address spelled out with the words for "_" and "-" (`email_words` in the word files).
        ("en", "its ahmed underscore ali 90 at hotmail dot com", "ahmed_ali90@hotmail.com"),
        ("nl", "ahmed liggend streepje ali at gmail.com", "ahmed_ali@gmail.com"),
        ("tr", "ahmet alt çizgi kaya et gmail nokta com", "ahmet_kaya@gmail.com"),
        ("fr", "sara tiret k arobase yahoo point fr", "sara-k@yahoo.fr"),
        # A known provider with the domain's end after a space.
        ("en", "ahmedali at gmail com", "ahmedali@gmail.com"),
        ("ku", "dilan.ali@hotmail com", "dilan.ali@hotmail.com"),
    ],
)
def test_an_address_spelled_out(language: str, text: str, wanted: str) -> None:
    assert outcome("email", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"), [("en", "ahmed at gmail"), ("fr", "mariam arobase hotmail"), ("ar", "ahmad at yahoo")]
)
def test_an_address_without_its_ending_is_asked_again(language: str, text: str) -> None:
    assert outcome("email", text, language)[0] == "refused"
