"""Start Rasa's own command line with speed fixes that leave its behaviour unchanged.

1. JSON-schema validators are built once, and an event is checked against the one kind of event
   it names (`_one_of_by_event`), not against all 23.

Why: Rasa checks every reply of the action server and of the NLG endpoint with
`jsonschema.validate(reply, spec)`. That call first validates the *spec itself* against the
JSON Schema meta-schema (draft 2020-12, slow) and builds a new validator: about half of
Rasa's CPU time per message on our machines (measured with py-spy). The specs never change,
so we build each validator once and validate replies exactly as `jsonschema.validate` does.

2. Calls to the NLG endpoint carry the slots and the latest message's text, not the whole
   conversation. Rasa sends the full tracker with every event to render one text; our NLG
   endpoint reads only these, and serialising hundreds of events per bot message grew with
   the length of the intake.

3. Calls to the action server carry the events since the person's latest message (what
   rasa-sdk reads: the latest message and the slots just extracted), not the whole history,
   and the domain is turned into a dict once instead of on every call. Slots, the latest
   message and the active form are sent in full, as before.

4. Event classes are looked up by name from a table. Rasa walks the whole class hierarchy for
   every event it reads back from the tracker store: a fifth of its CPU time per message on a
   long intake (py-spy).

5. The tracker store keeps the latest tracker of recent conversations in memory
   (`rasa_addons/tracker_store.py`, named in endpoints.yml), checked against the database.

6. One HTTP session per endpoint (the action server, the NLG endpoint), kept with its open
   connections. Rasa made a new aiohttp session, and so a new connection, for every call: several
   per message, each costing Rasa, the backend and the action server a connection set-up.
   Connections idle for KEEP_ALIVE_SECONDS are not reused (the backend closes idle ones after 5 s).

7. Slots are copied by copying their attributes. Every new tracker copies all slots of the
   domain (about 220), and Rasa makes several trackers per message (a copy to validate the form,
   one to predict from, ...); `copy.copy` took its generic pickling path for each: 0.3 ms per
   tracker of 98 slots, 0.1 ms now. The copy is the same (a new object, the same attributes).

Usage (tools/run.py): `python -m rasa_addons.server run --model ... --endpoints ...`
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
from typing import Any

import jsonschema
import jsonschema.validators
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_original_validate = jsonschema.validate


@functools.lru_cache(maxsize=64)
def _validator(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    one_of = _one_of_by_event(validator_class.VALIDATORS["oneOf"])
    return jsonschema.validators.extend(validator_class, {"oneOf": one_of})(schema)


_NO_CONST = object()


def _event_const(subschema: Any) -> Any:
    properties = subschema.get("properties") if isinstance(subschema, dict) else None
    event = properties.get("event") if isinstance(properties, dict) else None
    return event["const"] if isinstance(event, dict) and "const" in event else _NO_CONST


def _one_of_by_event(original: Any) -> Any:
    """`oneOf` over Rasa's 23 kinds of event, checking only the kind the event names.

    jsonschema checks an event against each kind in turn (most of the time spent validating an
    action server's reply, ~9 % of Rasa's CPU per message). A kind whose `event` is another
    constant can never hold for an event that has an `event` string, so when exactly one of the
    others holds, `oneOf` holds. Anything else (no `event` string, no kind or several kinds
    holding) goes to jsonschema's own `oneOf`: the same errors as before."""

    def one_of(validator: Any, subschemas: Any, instance: Any, schema: Any) -> Any:
        if isinstance(instance, dict) and isinstance(instance.get("event"), str):
            candidates = [s for s in subschemas if _event_const(s) in (_NO_CONST, instance["event"])]
            if sum(1 for s in candidates if validator.evolve(schema=s).is_valid(instance)) == 1:
                return
        yield from original(validator, subschemas, instance, schema)

    return one_of


def cached_validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """Same result and errors as `jsonschema.validate`, with the validator cached per schema."""
    if cls is not None or args or kwargs:
        _original_validate(instance, schema, cls, *args, **kwargs)
        return
    error = best_match(_validator(json.dumps(schema, sort_keys=True)).iter_errors(instance))
    if error is not None:
        raise error


def slim_nlg_request_format(utter_action: str, tracker: Any, output_channel: str, **kwargs: Any) -> dict[str, Any]:
    response_id = kwargs.pop("response_id", None)
    # The latest message's text too: the language screen puts the language it was typed in first.
    latest = tracker.latest_message.text if tracker.latest_message else None
    state = {"sender_id": tracker.sender_id, "slots": tracker.current_slot_values(), "latest_message": {"text": latest}}
    return {
        "response": utter_action,
        "id": response_id,
        "arguments": kwargs,
        "tracker": state,
        "channel": {"name": output_channel},
    }


def _install_slim_action_calls() -> None:
    import rasa
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import EventVerbosity

    def action_call_format(self: Any, tracker: Any, domain: Any) -> dict[str, Any]:
        state = tracker.current_state(EventVerbosity.NONE)
        events = list(tracker.events)
        last_user = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=0)
        state["events"] = [event.as_dict() for event in events[last_user:]]
        result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state}
        result["version"] = rasa.__version__
        if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
            result["domain"] = domain.as_dict()
        return result

    original_as_dict = Domain.as_dict

    def as_dict_once(self: Any) -> dict[str, Any]:
        cached: dict[str, Any] | None = self.__dict__.get("_as_dict_cache")
        if cached is None:
            cached = original_as_dict(self)
            self.__dict__["_as_dict_cache"] = cached
        return cached

    RemoteAction._action_call_format = action_call_format
    Domain.as_dict = as_dict_once


def _install_event_type_table() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    table: dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        if type_name not in table:
            try:
                table[type_name] = original(type_name, None)
            except ValueError:
                table[type_name] = None
        found = table[type_name]
        if found is not None or type_name == "topic":
            return found
        if default is not None:
            return default
        raise ValueError(f"Unknown event name '{type_name}'.")

    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]


# Below the backend's (uvicorn's) 5 s and the action server's 120 s: a connection the server may be
# closing right now is never used for a request.
KEEP_ALIVE_SECONDS = 2.0


class _Borrowed:
    """`async with endpoint.session() as session` without closing the kept session at the end."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def __aenter__(self) -> Any:
        return self._session

    async def __aexit__(self, *exc: object) -> None:
        return None


def _install_kept_http_sessions() -> None:
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    # id(endpoint) -> (endpoint, its loop, its session); the endpoint is held so its id stays its own.
    kept: dict[int, tuple[Any, asyncio.AbstractEventLoop, aiohttp.ClientSession]] = {}

    def session(self: Any) -> Any:
        loop = asyncio.get_running_loop()
        found = kept.get(id(self))
        if found is None or found[1] is not loop or found[2].closed:
            basic = self.basic_auth
            auth = aiohttp.BasicAuth(basic["username"], basic["password"]) if basic else None
            made = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS),
            )
            found = (self, loop, made)
            kept[id(self)] = found
        return _Borrowed(found[2])

    EndpointConfig.session = session  # type: ignore[method-assign]


def _install_fast_slot_copy() -> None:
    from rasa.shared.core.slots import Slot

    def copy_slot(self: Any) -> Any:
        # What copy.copy does for an object with a __dict__ and no __slots__ or __reduce__ of its own.
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

    Slot.__copy__ = copy_slot  # type: ignore[attr-defined]


def main() -> None:
    jsonschema.validate = cached_validate  # Rasa imports `validate` from jsonschema at call time
    import rasa.core.nlg.callback

    rasa.core.nlg.callback.nlg_request_format = slim_nlg_request_format  # looked up at call time
    _install_slim_action_calls()
    _install_event_type_table()
    _install_kept_http_sessions()
    _install_fast_slot_copy()
    from rasa.__main__ import main as rasa_main

    # endpoints.yml names this store; Rasa would silently fall back to an in-memory store (and
    # forget every conversation on restart) if it could not import it, so import it here first.
    import rasa_addons.tracker_store  # noqa: F401

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
