"""Accessible SVG bar charts, drawn on the server: no chart library in the browser.

A chart is one `<svg role="img">` whose `<title>` and `<desc>` say what it shows (a screen
reader reads those, and the table beside the chart holds the same numbers). Each bar is a group
with its own `<title>` ("Hoorn: 12"), so hovering shows the number too. A suppressed count
(fewer than 5, backend/figures/compute.py) gets no bar, only its label and the "fewer than 5"
text. Every text is escaped: labels come from the catalogs and the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

BAR_HEIGHT = 22
BAR_GAP = 8
CHART_WIDTH = 640
LABEL_WIDTH = 230  # room for the labels left of the bars
VALUE_WIDTH = 70  # room for the number right of the longest bar
TOP = 8
# Presentation attributes, not a style attribute: the pages' Content-Security-Policy allows no inline style.
FONT = 'font-family="sans-serif" font-size="13"'
BAR_COLOUR = "#1f5f8b"  # contrast 7:1 on white (WCAG AA needs 3:1 for graphics)
TEXT_COLOUR = "#1a1a1a"
MAX_LABEL_CHARACTERS = 32


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: suppressed (fewer than 5)
    shown_as: str  # the number as written beside the bar ("12", "45,0 %", "< 5")


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARACTERS else label[: MAX_LABEL_CHARACTERS - 1] + "…"


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar], maximum: float | None = None) -> str:
    """A horizontal bar chart as an SVG element (a string to put in a page as it is).

    `chart_id` must be unique in the page (it names the title and description for
    aria-labelledby); `maximum` fixes the scale (100 for percentages), by default the largest value
    fills the width.
    """
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    largest = maximum or max((b.value for b in bars if b.value is not None), default=0) or 1
    plot_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_WIDTH}" height="{height}"'
        f' viewBox="0 0 {CHART_WIDTH} {height}" aria-labelledby="{title_id} {desc_id}" class="chart">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        middle = y + BAR_HEIGHT / 2
        width = 0.0 if bar.value is None else max(plot_width * bar.value / largest, 0.0)
        parts.append("<g>")
        parts.append(f"<title>{escape(bar.label)}: {escape(bar.shown_as)}</title>")
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" dominant-baseline="middle"'
            f' fill="{TEXT_COLOUR}" {FONT}>{escape(_short(bar.label))}</text>'
        )
        if width > 0:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{middle:.1f}" dominant-baseline="middle"'
            f' fill="{TEXT_COLOUR}" {FONT}>{escape(bar.shown_as)}</text>'
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
