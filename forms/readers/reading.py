"""What an answer reader found in a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Option labels and buttons are matched in the person's language too: `translate(message)`.
Translator = Callable[[str], str]


def untranslated(message: str) -> str:
    return message


# Below this certainty a value read from a sentence is checked with the person in one short
# yes/no question ("Secondary school — is that right?") before it is stored.
CONFIRM_BELOW = 0.75


@dataclass(frozen=True)
class Reading:
    """The value(s) a reader found for the question asked, or why it found none.

    value      the clean value to store (a code, an ISO date, a number, a list of codes)
    no_answer  instead of a value: "dont_know", "none" or "skipped" (the person said so)
    error      why nothing could be read (an error code of forms.answers.ERROR_CODES)
    certainty  1.0 = the message is the value itself; lower = read from a sentence
    unplaced   the words that were not used for the value (kept beside it as the person's note)
    others     facts for other questions in the same message: {question id: value}
    items      for a group question, every item the message lists
    """

    value: Any = None
    no_answer: str | None = None
    error: str | None = None
    certainty: float = 1.0
    unplaced: tuple[str, ...] = ()
    others: dict[str, Any] = field(default_factory=dict)
    # For a group question: the items one message lists ("three children: 3, 7 and 10 years
    # old"), each {item question id: value}; `others` then holds the first of them.
    items: tuple[dict[str, Any], ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None and (self.value is not None or self.no_answer is not None)

    @property
    def needs_confirmation(self) -> bool:
        return self.ok and self.no_answer is None and self.certainty < CONFIRM_BELOW


def refused(error: str) -> Reading:
    return Reading(error=error, certainty=0.0)
