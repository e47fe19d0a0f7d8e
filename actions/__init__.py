"""The rasa-sdk action server: validates answers, drives the intake form, submits to the backend.

Started as `python -m rasa_sdk --actions actions` in the Python 3.11 environment.
"""

import os
import threading

from forms.lexicon import lexicon_languages
from forms.readers import warm_up

# Build the answer readers' word indexes (about 3 s) beside the start-up, not on someone's first message.
threading.Thread(target=warm_up, args=(lexicon_languages(),), name="readers-warm-up", daemon=True).start()

# Deliver the saves still in the outbox (the backend was away, or this server was killed) at
# start-up, not at someone's next message. Only in the Sanic process that serves requests
# (rasa-sdk imports this package in its manager process too); the outbox's file lock keeps it
# to one deliverer when there are several.
if os.environ.get("SANIC_WORKER_NAME", "").startswith("Sanic-Server"):
    from actions.backend_client import deliverer

    deliverer()
