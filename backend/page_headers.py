"""The response headers of every HTML page (the chat page, the staff pages, the workspace)."""

from __future__ import annotations

# The pages load only their own scripts and style sheets and talk only to this backend: no inline
# script or style, no other origin, not framed, never cached (the staff pages show intakes; the
# chat page must never be an old one that no longer fits the API).
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
