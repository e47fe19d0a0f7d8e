"""The rasa-sdk action server: validates answers, drives the intake form, submits to the backend.

Started as `python -m rasa_sdk --actions actions` in the Python 3.11 environment.
"""

import threading

from forms.lexicon import lexicon_languages
from forms.readers import warm_up

# Build the answer readers' word indexes (about 3 s) beside the start-up, not on someone's first message.
threading.Thread(target=warm_up, args=(lexicon_languages(),), name="readers-warm-up", daemon=True).start()
