"""First visit of the chat on a slow phone network: bytes transferred and time to the first question.

    .venv/bin/python -m bench.phone_first_load            # starts its own system (SQLite)
    .venv/bin/python -m bench.phone_first_load --runs 5 --cpu 4

Debian's Chromium at phone size (390 x 844), a fresh profile each run (no HTTP cache, no service
worker), the network throttled through the DevTools protocol (Network.emulateNetworkConditions)
to a profile of `PROFILES`:
- "slow-3g": DevTools' own Slow 3G preset (2000 ms latency on every request, 50 KB/s down and up);
- "3g": WebPageTest's "3G Slow" (400 ms round trip, 400 kbit/s down, 400 kbit/s up).
`--cpu 4` also slows the processor four times, as on an old phone.

Measured per run: the time from the start of navigation until the first question (the language
choice, the first message of every conversation, with its buttons; drawn in the page itself, see
backend/pwa.py) is visible, until the conversation has started behind it, and the bytes
transferred (headers and compressed bodies, as the network carried them, from Chromium's
`encodedDataLength`) until then and until the page is idle, including what the service worker
fetches to keep the app for offline use. Issue #13's targets: <= 150 KB, <= 3 s on slow 3G.
Not a test: the numbers depend on the machine (the backend's and Rasa's time is in them).
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, ViewportSize, sync_playwright

from bench.conversation_load import start
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

PHONE: ViewportSize = {"width": 390, "height": 844}
KB = 1000  # kilobytes as the network counts them
PROFILES: dict[str, dict[str, Any]] = {
    "slow-3g": {"latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000},
    "3g": {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
}
FIRST_QUESTION = ".msg.bot + .buttons button, .bot-row + .buttons button"
IDLE_AFTER_S = 3.0
PAINTED = """() => new Promise((resolve) => {
    new PerformanceObserver((list) => {
        const entry = list.getEntries().find((e) => e.identifier === "first-question");
        if (entry) resolve(entry.renderTime || entry.startTime);
    }).observe({ type: "element", buffered: true });
})"""


@dataclass
class Visit:
    first_question_s: float
    conversation_ready_s: float
    bytes_to_first_question: int
    bytes_total: int
    requests: list[tuple[str, int]]


def visit(browser: Browser, url: str, profile: dict[str, Any], cpu_slowdown: float) -> Visit:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="ar")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
    if cpu_slowdown > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    # What the service worker fetches for its cache is not the page's traffic: counted apart.
    worker_bytes: list[int] = []
    context.on(
        "requestfinished",
        lambda r: worker_bytes.append(_transferred(r)) if r.service_worker is not None else None,
    )

    started = time.monotonic()
    page.goto(url, wait_until="commit")
    page.locator(FIRST_QUESTION).first.wait_for(state="visible", timeout=120_000)
    # When it was drawn on the screen (Element Timing of the drawn question, from the start of
    # navigation): laid out is not yet painted, a style sheet still loading holds the painting.
    first_question_s = page.evaluate(PAINTED) / 1000
    bytes_to_first_question = sum(sizes.values())
    # The conversation started and the assistant's own language choice shown (the drawn one gone).
    page.locator(".msg.bot:not(.first)").first.wait_for(state="visible", timeout=120_000)
    conversation_ready_s = time.monotonic() - started
    _wait_until_idle(page, sizes)
    requests = [(urls.get(rid, "?").replace(url.rstrip("/"), ""), size) for rid, size in sizes.items()]
    total = sum(sizes.values()) + sum(worker_bytes)
    context.close()
    return Visit(first_question_s, conversation_ready_s, bytes_to_first_question, total, requests)


def _transferred(request: Any) -> int:
    try:
        s = request.sizes()
        return int(s["responseBodySize"] + s["responseHeadersSize"] + s["requestHeadersSize"])
    except Exception:  # a request without a response (cancelled)
        return 0


def _wait_until_idle(page: Any, sizes: dict[str, int]) -> None:
    """Until nothing new has finished loading for IDLE_AFTER_S (the service worker's copies)."""
    seen, quiet_since = len(sizes), time.monotonic()
    while time.monotonic() - quiet_since < IDLE_AFTER_S:
        page.wait_for_timeout(250)
        if len(sizes) != seen:
            seen, quiet_since = len(sizes), time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profiles", nargs="+", choices=PROFILES, default=list(PROFILES))
    parser.add_argument("--cpu", type=float, default=1.0, help="CPU slowdown (4 = an old phone)")
    parser.add_argument("--port-offset", type=int, default=300)
    args = parser.parse_args()

    system, _database = start(False, args.port_offset)
    try:
        url = system.config.backend_url + "/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            visit(browser, url, PROFILES["3g"], 1.0)  # warm-up: the backend's and Rasa's first turn
            results = {
                name: [visit(browser, url, PROFILES[name], args.cpu) for _ in range(args.runs)]
                for name in args.profiles
            }
            browser.close()
    finally:
        system.stop()

    print(f"\nFirst visit of the chat page, phone size, fresh profile, CPU slowdown {args.cpu:g}x, {args.runs} runs\n")
    print(
        "| network | first question visible (median, max) | transferred until then "
        "| conversation started (median) | whole first visit |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, visits in results.items():
        times = [v.first_question_s for v in visits]
        print(
            f"| {name} | {statistics.median(times):.2f} s, {max(times):.2f} s "
            f"| {statistics.median(v.bytes_to_first_question for v in visits) / KB:.1f} KB "
            f"| {statistics.median(v.conversation_ready_s for v in visits):.2f} s "
            f"| {statistics.median(v.bytes_total for v in visits) / KB:.1f} KB |"
        )
    print("\nRequests of the last visit (bytes on the network):")
    for path, size in next(iter(results.values()))[-1].requests:
        print(f"  {size:>7}  {path}")


if __name__ == "__main__":
    main()
