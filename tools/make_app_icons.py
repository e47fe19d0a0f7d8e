"""Draw the chat app's PNG icons (backend/static/icons/app-192.png, app-512.png) from app.svg.

Run once after changing the SVG: `.venv/bin/python -m tools.make_app_icons`. Chromium draws
the SVG (as the phone would); the PNGs are committed, the web manifest lists both sizes.
"""

from __future__ import annotations

from playwright.sync_api import sync_playwright

from tools.paths import PROJECT_DIR

ICONS = PROJECT_DIR / "backend" / "static" / "icons"
SIZES = (192, 512)


def main() -> None:
    svg = (ICONS / "app.svg").read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            sized = svg.replace("<svg ", f"<svg width={size} height={size} ")
            page.set_content(f'<body style="margin:0">{sized}</body>')
            page.screenshot(path=str(ICONS / f"app-{size}.png"), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
