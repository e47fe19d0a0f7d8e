"""Run with Rasa's Python (.venv-rasa): checks two of the speed fixes of rasa_addons/server.py and
prints one JSON line of findings for tests/unit/test_rasa_speedups.py."""

from __future__ import annotations

import asyncio
import copy
import json

import jsonschema
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.slots import CategoricalSlot, TextSlot
from rasa.utils.endpoints import EndpointConfig
from rasa_addons import server


async def main() -> dict[str, object]:
    server._install_kept_http_sessions()
    server._install_fast_slot_copy()
    findings: dict[str, object] = {}

    # Replies of the action server: valid ones pass, and an invalid one fails with the same error
    # as jsonschema's own validate gives.
    spec = RemoteAction.action_response_format_spec()
    valid = {
        "events": [
            {"event": "slot", "name": "full_name", "value": "Semhar", "timestamp": None},
            {"event": "action", "name": "intake_form", "policy": None, "confidence": 1.0},
            {"event": "active_loop", "name": None},
            {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 1.0}}},
            {"event": "bot", "text": "hello", "metadata": {}},
        ],
        "responses": [{"text": "hello"}],
    }
    invalid = [
        {"events": [{"event": "slot", "name": "full_name"}]},  # no value
        {"events": [{"event": "no_such_event"}]},
        {"events": [{"name": "full_name", "value": 1}]},  # no event
        {"events": [{"event": 7}]},
        {"events": [{"event": "user", "text": 5}]},
        {"events": "not a list"},
    ]

    def outcome(validate: object, instance: object) -> str:
        try:
            validate(instance, spec)  # type: ignore[operator]
        except jsonschema.ValidationError as error:
            return f"{error.message} at {list(error.absolute_path)}"
        return "valid"

    findings["valid_reply_passes"] = outcome(server.cached_validate, valid) == "valid"
    findings["same_errors"] = [outcome(server.cached_validate, i) for i in invalid] == [
        outcome(server._original_validate, i) for i in invalid
    ] and all(outcome(server._original_validate, i) != "valid" for i in invalid)

    # Slots: a copy is a new object with the same attributes, and setting one leaves the other.
    slot = CategoricalSlot("education", mappings=[{"type": "custom"}], values=["none", "primary"])
    slot.value = "primary"
    copied = copy.copy(slot)
    findings["slot_copy_same"] = type(copied) is CategoricalSlot and copied.__dict__ == slot.__dict__
    copied.value = "none"
    findings["slot_copy_apart"] = slot.value == "primary" and copied is not slot
    findings["text_slot_copy_same"] = copy.copy(TextSlot("name", mappings=[])).__dict__ == TextSlot("name", []).__dict__

    # HTTP: calls to one endpoint share one session and its connection; answers are as before.
    peers: list[object] = []

    async def answer(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername") if request.transport else None)
        return web.json_response({"echo": await request.json(), "auth": request.headers.get("Authorization")})

    app = web.Application()
    app.router.add_post("/nlg", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}/nlg", headers={"Authorization": "Bearer t"})
    replies = [await endpoint.request(json={"n": n}) for n in range(3)]
    findings["answers"] = replies == [{"echo": {"n": n}, "auth": "Bearer t"} for n in range(3)]
    findings["one_connection"] = len(peers) == 3 and len(set(peers)) == 1
    # Idle longer than KEEP_ALIVE_SECONDS: a new connection (the server may be closing the old one).
    await asyncio.sleep(server.KEEP_ALIVE_SECONDS + 0.5)
    await endpoint.request(json={"n": 3})
    findings["new_connection_after_idle"] = peers[-1] != peers[0]
    await runner.cleanup()
    return findings


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
