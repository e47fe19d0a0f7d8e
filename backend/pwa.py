"""The chat page as an installable app that opens without a network (a PWA).

The browser installs the app from the web manifest (static/manifest.webmanifest) and keeps the
page, its script, style sheet and icons through the service worker (static/sw.js). The service
worker is served from the site's root, /sw.js, because a worker controls only the pages under
its own path, and the chat page is "/". The texts of the chosen language travel with every chat
turn and are kept on the phone by chat.js (localStorage); the fonts are the phone's own.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from backend.policy import not_staff

router = APIRouter(include_in_schema=False, dependencies=[not_staff("the phone app's service worker: no data")])
STATIC_DIR = Path(__file__).resolve().parent / "static"

# What the chat page may use beyond the strict page policy: its own service worker, its own web
# manifest and its own spoken messages (backend/api/speech.py). Nothing from another origin.
CHAT_PAGE_POLICY_ADDITIONS = "worker-src 'self'; manifest-src 'self'; media-src 'self'"


def chat_page_headers(page_headers: dict[str, str]) -> dict[str, str]:
    """The strict headers of every page, with the three sources the app needs added."""
    policy = page_headers["Content-Security-Policy"].rstrip("; ") + "; " + CHAT_PAGE_POLICY_ADDITIONS
    return {**page_headers, "Content-Security-Policy": policy}


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
