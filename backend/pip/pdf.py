"""The PIP draft as a PDF for the person's file (WeasyPrint through backend/documents/pdf.py).

Every word on the page comes from the `nl` catalog (the headings below, the draft's labels), so
the template holds no text of its own. Each page says it is a draft: the case manager decides.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from backend.documents.pdf import render_pdf
from backend.pip.draft import PipDraftOut, main_goal_label
from backend.pip.indications import route_label
from backend.prefilled import STAFF_LANGUAGE
from backend.presenters.labels import dutch_date, dutch_datetime, language_name
from backend.workspace.text import nl_

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents"


def headings() -> dict[str, str]:
    """Every heading and fixed text of the page, in Dutch (the staff catalog)."""
    return {
        "title": nl_("PIP draft"),
        "draft_mark": nl_("DRAFT"),
        "person": nl_("Person"),
        "name": nl_("Name"),
        "municipality": nl_("Municipality"),
        "language": nl_("Language of the chat"),
        "term_start": nl_("Start of the term"),
        "estimated": nl_("(estimated: the notice date is not known yet)"),
        "deadline": nl_("PIP due by"),
        "wishes": nl_("Wishes of the person"),
        "work": nl_("Work experience"),
        "participation": nl_("Participation"),
        "indications": nl_("What the intake suggests for the learning route"),
        "no_indication": nl_("The answers point to no route: the learnability test and the meeting decide."),
        "rests_on": nl_("Rests on"),
        "missing": nl_("Not answered (the indications could not use them)"),
        "attention": nl_("Points of attention"),
        "case_manager": nl_("Filled in by the case manager"),
        "main_goal": nl_("Main goal"),
        "route": nl_("Route chosen by the case manager"),
        "route_reasons": nl_("Reasons for the route"),
        "lbt": nl_("Outcome of the learnability test"),
        "participation_plan": nl_("Participation and work"),
        "support": nl_("Guidance and support"),
        "financial_relief": nl_("Municipality pays the fixed costs"),
        "vve_informed": nl_("Parents informed about early education (VVE)"),
        "attention_notes": nl_("Notes on the points of attention"),
        "pip_date": nl_("Date of the PIP"),
        "notes": nl_("Other notes"),
        "empty": nl_("(not filled in)"),
        "yes": nl_("Yes"),
        "no": nl_("No"),
        "never_saved": nl_("Not saved yet by a case manager"),
        "translation": nl_("Dutch translation"),
        "own_words": nl_("In their own words"),
    }


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def pip_html(draft: PipDraftOut) -> str:
    fields = draft.fields
    text = headings()

    def yes_no(value: bool | None) -> str:
        return text["empty"] if value is None else text["yes" if value else "no"]

    def or_empty(value: Any) -> str:
        return text["empty"] if value in (None, "") else str(value)

    chosen = [
        (text["main_goal"], main_goal_label(fields.main_goal) if fields.main_goal else text["empty"]),
        (text["route"], route_label(fields.route) if fields.route else text["empty"]),
        (text["route_reasons"], or_empty(fields.route_reasons)),
        (
            text["lbt"],
            route_label(fields.learnability_test_outcome) if fields.learnability_test_outcome else text["empty"],
        ),
        (text["participation_plan"], or_empty(fields.participation)),
        (text["support"], or_empty(fields.support)),
        (text["financial_relief"], yes_no(fields.financial_relief)),
        (text["vve_informed"], yes_no(fields.early_education_informed)),
        (text["attention_notes"], or_empty(fields.attention_notes)),
        (text["pip_date"], dutch_date(fields.pip_date) if fields.pip_date else text["empty"]),
        (text["notes"], or_empty(fields.notes)),
    ]
    saved = (
        nl_(
            "Version %(version)s, saved %(saved_at)s by %(author)s",
            version=draft.version,
            saved_at=dutch_datetime(draft.saved_at),
            author=draft.saved_by or "",
        )
        if draft.version
        else text["never_saved"]
    )
    template = _environment().get_template("pip_draft.html")
    return template.render(
        draft=draft,
        text=text,
        chosen=chosen,
        saved=saved,
        lang=STAFF_LANGUAGE,
        term_start=dutch_date(draft.term_start),
        pip_deadline=dutch_date(draft.pip_deadline),
        language=language_name(draft.language),
    )


def pip_pdf(draft: PipDraftOut) -> bytes:
    return render_pdf(pip_html(draft))
