"""The assistant's own texts (everything that is not a question of forms/intake.yaml).

Each entry is a response name that the dialogue uses (`utter_*`) with its English source
text, the gettext message id. `N_` only marks a text for `pybabel extract`; rendering
translates it into the conversation's language. A blank line in a text starts a new chat
bubble. Keep sentences short and words everyday: many readers have low literacy.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    return message


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Text:
    text: str
    buttons: tuple[Button, ...] = ()


AFFIRM = "/affirm"

RESPONSES: dict[str, Text] = {
    "utter_ask_privacy_acknowledged": Text(
        N_(
            "Hello! I help you get ready for your first meeting with the municipality."
            "\n\nI will ask you some short questions. Your answers go to the integration team of your"
            " municipality. They need them by law to make your plan. Only your case manager can see them."
            "\n\nNever send your BSN number in this chat."
        ),
        (Button(N_("I understand"), AFFIRM),),
    ),
    "utter_privacy_needed": Text(
        N_("To go on, tap 'I understand'. You can also do the intake in person with your case manager.")
    ),
    "utter_intake_submitted": Text(
        N_("Thank you! Your answers are sent to the municipality. A case manager will contact you.")
    ),
    "utter_already_submitted": Text(N_("Your answers are already sent. A case manager will contact you.")),
    "utter_submit_failed": Text(
        N_("Sorry, sending did not work. Your answers are saved. Send any message to try again.")
    ),
    # One explanation per parser error code (forms/answers.py ERROR_CODES).
    "utter_invalid_too_short": Text(N_("That is too short. Please write a little more.")),
    "utter_invalid_too_long": Text(N_("That is too long. Please write it shorter.")),
    "utter_invalid_no_letters": Text(N_("Please write it in letters.")),
    "utter_invalid_bsn": Text(N_("Please do not send your BSN number here. We do not need it in this chat.")),
    "utter_invalid_date": Text(N_("I did not understand the date. Please write it like this: 15-03-1990.")),
    "utter_invalid_date_future": Text(N_("That date is in the future. Please check the year.")),
    "utter_invalid_date_age": Text(N_("Please check the year you were born.")),
    "utter_invalid_choice": Text(N_("Please choose one of the buttons.")),
    "utter_invalid_number": Text(N_("Please write a number, for example 3.")),
    "utter_invalid_number_range": Text(N_("That number is not possible here. Please check it.")),
    "utter_invalid_phone": Text(N_("I did not understand the phone number. Please write it like this: 06 12345678.")),
}

# Texts that are assembled in code (nlg/render.py) rather than taken whole from RESPONSES.
LANGUAGE_PROMPT = N_("Welcome! Choose your language.")
SUMMARY_INTRO = N_("Please check your answers:")
CONFIRM_PROMPT = N_("Is everything right?")
CONFIRM_YES = N_("Yes, send")
CHANGE_BUTTON = N_("Change: {label}")
PROGRESS = N_("{section} ({number} of {total})")
NOT_ANSWERED = N_("(no answer)")

# Texts of the chat page itself (backend/templates/chat.html and static/chat.js).
UI_TEXTS: dict[str, str] = {
    "title": N_("Intake assistant"),
    "placeholder": N_("Type your answer"),
    "send": N_("Send"),
    "error": N_("Something went wrong. Please try again."),
    "restart": N_("Start again"),
    "too_long": N_("Your message is too long. Please make it shorter."),
}
