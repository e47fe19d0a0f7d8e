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
DENY = "/deny"
SKIP = "/skip"
DONT_KNOW = "/dont_know"
HUMAN = "/human_handoff"
HELP = "/help"
TALK_TO_PERSON = N_("Talk to a person")
# A value read from a sentence with little certainty, checked with the person before it is stored.
CONFIRM_READING = N_("{value} — is that right?")
# A message that may be a request: checked with the person before it is acted on.
CHECK_REQUEST = {
    "help": N_("Do you want an explanation of this question?"),
    "back": N_("Do you want to go back to the previous question?"),
    "pause": N_("Do you want to stop for now and continue later?"),
    "person": N_("Do you want to talk to a person?"),
    "skip": N_("Do you want to skip this question?"),
}

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
    "utter_already_submitted": Text(
        N_("Your answers are already sent. A case manager will contact you."),
        (
            Button(N_("Change my appointment"), "/reschedule"),
            Button(N_("Cancel my appointment"), "/cancel_appointment"),
        ),
    ),
    # -- appointments (the times and details are filled in by backend/nlg/render.py) --------
    "utter_choose_slot": Text(N_("Now we plan your first meeting. When can you come? Tap a time.")),
    "utter_choose_new_slot": Text(N_("No problem. Choose a new time.")),
    "utter_no_slots": Text(
        N_("We cannot find a time for you yet. Your case manager will call you to plan the meeting.")
    ),
    "utter_slot_taken": Text(N_("Sorry, someone just took that time. Please choose another time.")),
    "utter_appointment_booked": Text(N_("Your appointment is booked.")),
    "utter_appointment_moved": Text(N_("Your appointment is moved.")),
    "utter_ask_cancel_appointment": Text(
        N_("Do you want to cancel your appointment?"),
        (
            Button(N_("Yes, cancel it"), '/cancel_appointment{"confirmed":"yes"}'),
            Button(N_("No, keep it"), '/cancel_appointment{"confirmed":"no"}'),
        ),
    ),
    "utter_appointment_cancelled": Text(
        N_("Your appointment is cancelled. You must still come to a meeting. Choose a new time when you can."),
        (Button(N_("Choose a new time"), "/reschedule"),),
    ),
    "utter_appointment_kept": Text(N_("Good. Your appointment stays as it is.")),
    "utter_no_appointment": Text(N_("You have no appointment now."), (Button(N_("Choose a time"), "/reschedule"),)),
    "utter_submit_failed": Text(
        N_("Sorry, sending did not work. Your answers are saved. Send any message to try again.")
    ),
    # The backend has not confirmed the submission yet: it waits in the action server's outbox
    # (kept on disk, delivered as soon as the backend takes it). Never "sent" before it is.
    "utter_submit_pending": Text(
        N_(
            "Your answers are kept safely. We send them to the municipality as soon as we can."
            " Send any message to go on."
        )
    ),
    "utter_paused": Text(
        N_("Your answers are saved. Come back when you want: send any message and we go on where you stopped.")
    ),
    "utter_welcome_back": Text(N_("Welcome back! We go on where you stopped.")),
    "utter_going_back": Text(N_("OK, we go back one question.")),
    "utter_correcting": Text(N_("OK, we correct that answer.")),
    "utter_kept_for_case_manager": Text(
        N_("I could not read this well. I saved what you wrote for your case manager. We go on.")
    ),
    "utter_human_handoff": Text(
        N_("OK. A case manager will contact you. Your answers are saved.\n\nYou can also go on here if you want.")
    ),
    "utter_cannot_skip": Text(
        N_("We need this answer for your plan. If it is hard, tap 'Help' or ask for a person."),
        (Button(N_("Help"), HELP), Button(N_("Talk to a person"), HUMAN)),
    ),
    "utter_offer_skip": Text(
        N_("This seems hard. You can skip this question, or ask for a person."),
        (Button(N_("Skip"), SKIP), Button(N_("Talk to a person"), HUMAN)),
    ),
    "utter_offer_person": Text(
        N_("This seems hard. A person can help you with this question."),
        (Button(N_("Talk to a person"), HUMAN),),
    ),
    "utter_moving_on": Text(N_("No problem. Your case manager will ask you this question in the meeting. We go on.")),
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
    "utter_invalid_email": Text(N_("I did not understand the e-mail address. It looks like this: name@example.com.")),
    "utter_invalid_yes_no": Text(N_("Please tap 'Yes' or 'No'.")),
}

# Texts that are assembled in code (nlg/render.py) rather than taken whole from RESPONSES.
LANGUAGE_PROMPT = N_("Welcome! Choose your language.")
SECTION_SUMMARY_INTRO = N_("{section}: please check your answers.")
SECTION_CONFIRM_PROMPT = N_("Is this right?")
SECTION_CONFIRM_YES = N_("Yes, this is right")
FINAL_INTRO = N_("You answered all the questions. Thank you!")
FINAL_PROMPT = N_("Do you want to send your answers to the municipality now?")
CONFIRM_YES = N_("Yes, send")
CHANGE_BUTTON = N_("Change: {label}")
PROGRESS = N_("{section} ({number} of {total})")
ITEM_PROGRESS = N_("{group}: number {number}")
CHOSEN_SO_FAR = N_("You chose: {choices}")
NOT_ANSWERED = N_("(no answer)")
YES_BUTTON = N_("Yes")
NO_BUTTON = N_("No")
DONT_KNOW_BUTTON = N_("I don't know")
SKIP_BUTTON = N_("Skip")
DONE_BUTTON = N_("Done")
HELP_BUTTON = N_("Help")
GENERIC_HELP = N_("Answer in your own words, or tap a button. You can also write 'back', 'skip' or 'stop for now'.")
NO_ANSWER_DISPLAY = {
    "__skipped__": N_("(skipped)"),
    "__dont_know__": N_("(I don't know)"),
    "__none__": N_("(none)"),
    "__needs_help__": N_("(ask in the meeting)"),
}
YES_NO_DISPLAY = {"yes": YES_BUTTON, "no": NO_BUTTON, "unknown": DONT_KNOW_BUTTON}
APPROXIMATE = N_("around {date}")

# Texts of the chat page itself (backend/templates/chat.html and static/chat.js).
UI_TEXTS: dict[str, str] = {
    "title": N_("Intake assistant"),
    "placeholder": N_("Type your answer"),
    "send": N_("Send"),
    "error": N_("Something went wrong. Please try again."),
    "restart": N_("Start again"),
    "too_long": N_("Your message is too long. Please make it shorter."),
    # Back-pressure: the system is full for a moment. The page keeps what was typed.
    "busy": N_("One moment please, many people are writing now. Send your answer again in a minute."),
    # Over a limit (backend/throttle.py): one person or address sending far faster than anyone types.
    "too_many": N_("You are sending many messages quickly. Please wait a minute, then send your answer again."),
    "add_to_calendar": N_("Add to my calendar"),
    # A volunteer beside the person types here the one-time code their own device (the staff
    # page) shows; no staff password is typed on the person's phone. What is entered meanwhile
    # is marked as entered with their help.
    "volunteer": N_("Volunteer? Help here"),
    "volunteer_intro": N_(
        "Volunteer: type the code from your own phone. Answers given while you help are marked as given with your help."
    ),
    "volunteer_code": N_("Code"),
    "volunteer_login": N_("Start helping"),
    "cancel": N_("Cancel"),
    "volunteer_failed": N_("That code did not work. Check the code, or ask for a new one."),
    "volunteer_too_many": N_("Too many wrong codes. Try again in {minutes} min."),
    "assisted_by": N_("A volunteer is helping: {name}"),
    "assistance_stop": N_("Stop helping"),
    # The person's message when they come back from the web form (backend/person_form.py): the chat
    # then asks the first question without an answer.
    "back_from_form": N_("Back to the chat"),
    # Offline: what the person sent waits on the phone and goes when the network is back.
    "waiting": N_("Waiting for the network"),
    "sent": N_("Sent"),
    "offline": N_("No network. What you write is kept and sent later."),
    # Read aloud (backend/speech.py): a speaker button on each message.
    "read_aloud": N_("Read aloud"),
    "no_voice": N_(
        "There is no voice for your language yet. A volunteer can read with you, or you can talk to a person."
    ),
    "speech_gone": N_("This older message can no longer be read aloud."),
    "speech_failed": N_("Reading aloud does not work now. Please try again later."),
    "talk_to_person": TALK_TO_PERSON,
    # The progress bar above the chat: the part of the intake the question belongs to.
    "progress": N_("Part {number} of {total}: {section}"),
    # Resume codes (backend/resume.py): go on with this conversation on another phone or computer.
    "resume_open": N_("Continue on another device"),
    "resume_intro": N_(
        "With this code you can go on with this conversation on another phone or computer. Your answers stay. "
        "Do not give the code to others."
    ),
    # TRANSLATORS: {when} is a day and time, e.g. "Monday 7 December 2026, 09:00".
    "resume_valid": N_("The code works once, until {when}."),
    "resume_revoke": N_("Stop this code"),
    "resume_have_code": N_("I have a code"),
    "resume_enter": N_("Type your code"),
    "resume_go": N_("Continue"),
    "resume_failed": N_("That code did not work. Check it, or ask for a new code on your other device."),
    "resume_too_many": N_("Too many wrong codes. Try again in {minutes} min."),
    "close": N_("Close"),
    # Start again: continue this conversation, or close it (and delete the answers if wanted).
    "restart_question": N_(
        "Do you want to continue this conversation, or start over? If you start over, this conversation is closed."
    ),
    "restart_continue": N_("Continue"),
    "restart_over": N_("Start over"),
    "restart_delete": N_("Also delete my answers so far"),
    # A real person in the chat (backend/handover.py).
    "handover_waiting": N_("Waiting for a person. Until someone joins, the assistant goes on."),
    # TRANSLATORS: {name} is a first name and a role, e.g. "Amina (case manager)".
    "handover_talking": N_("You are writing with {name}."),
    "handover_end": N_("Back to the assistant"),
    # The rating after the answers were sent (backend/satisfaction.py, static/chat-rating.js).
    "rating_question": N_("How satisfied are you with this conversation?"),
    "rating_scale": N_("1 = not at all, 10 = very"),
    "rating_comment": N_("Do you want to tell us more? (not required)"),
    "rating_send": N_("Send rating"),
    "rating_thanks": N_("Thank you for your rating."),
    "rating_choose": N_("Choose a number from 1 to 10."),
    "rating_not_sent": N_("You can rate the conversation after you have sent your answers."),
}
