"""The chat page as an installable app that opens without a network (a PWA).

The browser installs the app from the web manifest (static/manifest.webmanifest) and keeps the
page, its script, style sheet and icons through the service worker (static/sw.js). The service
worker is served from the site's root, /sw.js, because a worker controls only the pages under
its own path, and the chat page is "/". The texts of the chosen language travel with every chat
turn and are kept on the phone by chat.js (localStorage); the fonts are the phone's own.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from backend.nlg.render import render
from backend.policy import not_staff

router = APIRouter(include_in_schema=False, dependencies=[not_staff("the phone app's service worker: no data")])
STATIC_DIR = Path(__file__).resolve().parent / "static"

# What the chat page may use beyond the strict page policy: its own service worker, its own web
# manifest and its own spoken messages (backend/api/speech.py). Nothing from another origin.
CHAT_PAGE_POLICY_ADDITIONS = "worker-src 'self'; manifest-src 'self'; media-src 'self'"


def chat_page_headers(page_headers: dict[str, str], styles: str) -> dict[str, str]:
    """The strict headers of every page, with the three sources the app needs added, and the
    page's own style sheet allowed inline by its hash (that exact text, nothing else)."""
    policy = page_headers["Content-Security-Policy"].rstrip("; ") + "; " + CHAT_PAGE_POLICY_ADDITIONS
    policy = policy.replace("style-src 'self'", f"style-src 'self' {style_source(styles)}", 1)
    return {**page_headers, "Content-Security-Policy": policy}


# -- The first visit on a slow network ----------------------------------------------------------
# On a slow phone network every request costs a round trip (2 s on DevTools' "Slow 3G"). So that
# the first question is visible after one, the page arrives with everything it needs to show it:
# its style sheet inline (a <link> would block drawing until a second round trip) and the first
# question of every conversation, the language choice, drawn in the page. The script starts the
# conversation meanwhile; the assistant's own language choice replaces the drawn one.


def chat_styles() -> str:
    """The chat page's style sheet (static/chat.css), put inline in the page."""
    return (STATIC_DIR / "chat.css").read_text(encoding="utf-8")


def style_source(styles: str) -> str:
    """The CSP source that allows exactly this inline style sheet."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(styles.encode()).digest()).decode() + "'"


def first_question() -> dict[str, Any]:
    """The language choice as the assistant asks it (backend/nlg/render.py), before anything typed."""
    return render("utter_ask_language", {})


def compressed(request: Request, response: Response) -> Response:
    """The page gzipped when the browser accepts it (the static files are; a page is not by itself)."""
    if "gzip" not in request.headers.get("accept-encoding", "") or len(response.body) < 1024:
        return response
    body = gzip.compress(bytes(response.body), compresslevel=6)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(body, status_code=response.status_code, headers=headers, media_type=response.media_type)


@router.get("/sw.js")
def service_worker() -> FileResponse:
    # no-cache: the browser asks every time whether the worker changed (a new version of the
    # app reaches the phone at its next visit with a network); an unchanged one is a 304.
    return FileResponse(
        STATIC_DIR / "sw.js",
        media_type="text/javascript",
        headers={
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'self'",
        },
    )
