"""axe-core in the browser tests: the accessibility rules (WCAG 2.1 A and AA) run inside a page.

axe.min.js comes from the npm registry, pinned in tests/support/js/package-lock.json and
installed into .cache/js by scripts/bootstrap.sh; the app never serves it. It is evaluated in the
page through the DevTools protocol, which the page's Content-Security-Policy does not govern, so
the page under test keeps its strict policy.

    violations = axe_violations(page)
    assert violations == [], describe(violations)
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tools.paths import PROJECT_DIR

AXE_SCRIPT = (
    Path(os.environ.get("INTAKE_CACHE_DIR") or PROJECT_DIR / ".cache")
    / "js"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)
# The rules of WCAG 2.0 and 2.1, levels A and AA (what Dutch public bodies must meet), and axe's
# best practices (landmarks, one h1, headings in order).
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@cache
def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run scripts/bootstrap.sh (it installs axe-core with npm)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Page, selector: str | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (or inside `selector`): one dict per rule
    broken, with its id, impact, help text and the nodes (their CSS target and HTML)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
        # not govern (a <script> tag, or eval inside the page, would be refused by it).
        page.evaluate(_axe_source() + "\n;undefined")
    context = selector or "document"
    result: dict[str, Any] = page.evaluate(
        """async ([context, tags]) => {
            const target = context === "document" ? document : document.querySelector(context);
            const options = { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] };
            return await window.axe.run(target, options);
        }""",
        [context, RULE_TAGS],
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "html": n["html"], "summary": n.get("failureSummary")} for n in v["nodes"]
            ],
        }
        for v in result["violations"]
    ]


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations as readable lines, for an assertion's message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['html'][:200]}" for n in v["nodes"])
    return "\n".join(lines)
