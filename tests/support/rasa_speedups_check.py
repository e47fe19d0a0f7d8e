"""Run with Rasa's Python (.venv-rasa): checks two of the speed fixes of rasa_addons/server.py and
prints one JSON line of findings for tests/unit/test_rasa_speedups.py."""

from __future__ import annotations

import asyncio
import copy
import json

from aiohttp import web
from rasa.shared.core.slots import CategoricalSlot, TextSlot
from rasa.utils.endpoints import EndpointConfig
from rasa_addons import server


async def main() -> dict[str, object]:
    server._install_kept_http_sessions()
    server._install_fast_slot_copy()
    findings: dict[str, object] = {}

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
