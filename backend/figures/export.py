"""The figures as JSON (pydantic), as CSV and as the charts of the figures page.

One home for how a figure is named and written: the JSON API, the CSV export and the page all
take their labels and numbers from here. A suppressed count (fewer than 5) is null in JSON and
"<5" in the CSV and on the page.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date

from pydantic import BaseModel

from backend.figures.compute import SMALL_CELL, Deadline, Figures, Row, Satisfaction, SatisfactionRow
from backend.figures.svg import Bar, bar_chart
from backend.workspace.text import nl_

SUPPRESSED = f"<{SMALL_CELL}"


class RowOut(BaseModel):
    key: str
    label: str
    counts: dict[str, int | None]
    shares: dict[str, float | None]


class DeadlineOut(BaseModel):
    milestone: str
    label: str
    met: int | None
    late: int | None
    overdue: int | None
    pending: int | None
    share_met: float | None
    median_days: float | None


class SatisfactionRowOut(BaseModel):
    key: str
    label: str
    ratings: int | None
    mean: float | None  # null for fewer than 5 ratings
    share_at_goal: float | None  # percentage of ratings of at least `goal`


class SatisfactionOut(BaseModel):
    """The person's 1-10 rating after sending: scores only (the comments are not figures)."""

    goal: int  # the policy goal: a rating of at least this
    total: SatisfactionRowOut
    by_municipality: list[SatisfactionRowOut]
    distribution: list[RowOut]  # per score 1 to 10


class FiguresOut(BaseModel):
    scope: str  # the municipalities counted, or the region
    municipality_codes: list[str] | None  # None: the whole region
    first: date | None
    last: date | None
    today: date
    suppressed_below: int  # counts from 1 to this minus 1 are null
    intakes: int | None
    submitted: int | None
    estimated_starts: int | None
    by_municipality: list[RowOut]
    by_language: list[RowOut]
    deadlines: list[DeadlineOut]
    routes_decided: list[RowOut]
    routes_indicated: list[RowOut]
    appointments: list[RowOut]
    invitations: list[RowOut]
    questions: list[RowOut]
    volunteer_assisted: int | None
    volunteer_assisted_share: float | None
    satisfaction: SatisfactionOut


def _row(row: Row) -> RowOut:
    return RowOut(key=row.key, label=row.label, counts=row.counts, shares=row.shares)


def _deadline(deadline: Deadline) -> DeadlineOut:
    return DeadlineOut(**{**asdict(deadline), "milestone": deadline.milestone.value})


def _satisfaction_row(row: SatisfactionRow) -> SatisfactionRowOut:
    return SatisfactionRowOut(**asdict(row))


def _satisfaction(satisfaction: Satisfaction) -> SatisfactionOut:
    return SatisfactionOut(
        goal=satisfaction.goal,
        total=_satisfaction_row(satisfaction.total),
        by_municipality=[_satisfaction_row(r) for r in satisfaction.by_municipality],
        distribution=[_row(r) for r in satisfaction.distribution],
    )


def as_json(figures: Figures) -> FiguresOut:
    codes = figures.scope.municipality_codes
    return FiguresOut(
        scope=figures.scope.label,
        municipality_codes=sorted(codes) if codes is not None else None,
        first=figures.period.first,
        last=figures.period.last,
        today=figures.today,
        suppressed_below=figures.suppressed_below,
        intakes=figures.intakes,
        submitted=figures.submitted,
        estimated_starts=figures.estimated_starts,
        by_municipality=[_row(r) for r in figures.by_municipality],
        by_language=[_row(r) for r in figures.by_language],
        deadlines=[_deadline(d) for d in figures.deadlines],
        routes_decided=[_row(r) for r in figures.routes_decided],
        routes_indicated=[_row(r) for r in figures.routes_indicated],
        appointments=[_row(r) for r in figures.appointments],
        invitations=[_row(r) for r in figures.invitations],
        questions=[_row(r) for r in figures.questions],
        volunteer_assisted=figures.volunteer_assisted,
        volunteer_assisted_share=figures.volunteer_assisted_share,
        satisfaction=_satisfaction(figures.satisfaction),
    )


def count_text(value: int | None) -> str:
    return SUPPRESSED if value is None else str(value)


def mean_text(value: float | None) -> str:
    """'7,4' as Dutch writes it; a dash when the mean is not shown (fewer than 5 ratings)."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def share_text(value: float | None) -> str:
    """'45,5 %' as Dutch writes it; a dash when the share is not shown."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def table_names() -> dict[str, str]:
    """The name of each table, in Dutch: headings on the page and the first column of the CSV."""
    return {
        "by_municipality": nl_("Intakes per municipality"),
        "by_language": nl_("Intakes per language"),
        "deadlines": nl_("Deadlines"),
        "routes_decided": nl_("Routes chosen in the PIP"),
        "routes_indicated": nl_("Routes indicated in the PIP drafts"),
        "appointments": nl_("Appointments"),
        "invitations": nl_("Invitation chain"),
        "questions": nl_("Questions: answered and where people stopped"),
        "totals": nl_("Totals"),
        "satisfaction": nl_("Satisfaction with the chat (1-10)"),
        "satisfaction_distribution": nl_("Ratings per score"),
    }


def measure_names() -> dict[str, str]:
    """The name of each number, in Dutch (the column headings)."""
    return {
        "count": nl_("Number"),
        "share": nl_("Share"),
        "forecast": nl_("forecast (region, per year)"),
        "intakes": nl_("Intakes"),
        "submitted": nl_("Sent"),
        "met": nl_("In time"),
        "late": nl_("Late"),
        "overdue": nl_("Overdue, not yet"),
        "pending": nl_("Not yet, still in time"),
        "share_met": nl_("Share in time"),
        "median_days": nl_("Median days"),
        "booked": nl_("Booked"),
        "cancelled": nl_("Cancelled"),
        "attended": nl_("Attended"),
        "no_show": nl_("Did not come"),
        "sent": nl_("Sent"),
        "responded": nl_("Responded"),
        "reached": nl_("Reached"),
        "answered": nl_("Answered"),
        "no_answer": nl_("No answer"),
        "stopped_after": nl_("Stopped after this question"),
        "estimated_starts": nl_("Start estimated (no notice date)"),
        "volunteer_assisted": nl_("Made with a volunteer"),
        "volunteer_assisted_share": nl_("Share made with a volunteer"),
        "ratings": nl_("Ratings"),
        "mean": nl_("Mean rating"),
        "share_at_goal": nl_("Share rated 7 or higher"),
    }


def csv_text(figures: Figures) -> str:
    """One line per number: table, row, measure, value (suppressed counts as "<5")."""
    tables = table_names()
    measures = measure_names()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([nl_("Table"), nl_("Row"), nl_("Measure"), nl_("Value")])
    totals = tables["totals"]
    writer.writerow([totals, figures.scope.label, measures["intakes"], count_text(figures.intakes)])
    writer.writerow([totals, figures.scope.label, measures["submitted"], count_text(figures.submitted)])
    writer.writerow([totals, figures.scope.label, measures["estimated_starts"], count_text(figures.estimated_starts)])
    writer.writerow(
        [totals, figures.scope.label, measures["volunteer_assisted"], count_text(figures.volunteer_assisted)]
    )
    writer.writerow(
        [
            totals,
            figures.scope.label,
            measures["volunteer_assisted_share"],
            share_text(figures.volunteer_assisted_share),
        ]
    )
    for deadline in figures.deadlines:
        for name in ("met", "late", "overdue", "pending"):
            writer.writerow([tables["deadlines"], deadline.label, measures[name], count_text(getattr(deadline, name))])
        writer.writerow([tables["deadlines"], deadline.label, measures["share_met"], share_text(deadline.share_met)])
        median = "–" if deadline.median_days is None else f"{deadline.median_days:g}".replace(".", ",")
        writer.writerow([tables["deadlines"], deadline.label, measures["median_days"], median])
    for table in (
        "by_municipality",
        "by_language",
        "routes_decided",
        "routes_indicated",
        "appointments",
        "invitations",
        "questions",
    ):
        rows: list[Row] = getattr(figures, table)
        for row in rows:
            for name, value in row.counts.items():
                writer.writerow([tables[table], row.label, measures[name], count_text(value)])
            for name, ratio in row.shares.items():
                label = measures["share"] if name == "share" else f"{measures['share']}: {measures[name].lower()}"
                writer.writerow([tables[table], row.label, label, share_text(ratio)])
    satisfaction = figures.satisfaction
    for rated in (satisfaction.total, *satisfaction.by_municipality):
        writer.writerow([tables["satisfaction"], rated.label, measures["ratings"], count_text(rated.ratings)])
        writer.writerow([tables["satisfaction"], rated.label, measures["mean"], mean_text(rated.mean)])
        share_at_goal = share_text(rated.share_at_goal)
        writer.writerow([tables["satisfaction"], rated.label, measures["share_at_goal"], share_at_goal])
    for score in satisfaction.distribution:
        writer.writerow(
            [tables["satisfaction_distribution"], score.label, measures["ratings"], count_text(score.counts["count"])]
        )
    return out.getvalue()


def charts(figures: Figures) -> dict[str, str]:
    """The page's charts (SVG), by table name. Each has a table with the same numbers beside it."""
    tables = table_names()
    measures = measure_names()

    def counts(rows: list[Row], measure: str) -> list[Bar]:
        return [Bar(r.label, r.counts[measure], count_text(r.counts[measure])) for r in rows]

    # Where people stopped, most often first; suppressed ones (1 to 4) after those, never the zeros.
    stopped = sorted(
        (r for r in figures.questions if r.counts["stopped_after"] != 0),
        key=lambda r: -(r.counts["stopped_after"] or 0),
    )
    return {
        "by_municipality": bar_chart(
            "chart-municipality",
            tables["by_municipality"],
            nl_("Number of intakes per municipality; fewer than 5 is not shown."),
            counts(figures.by_municipality, "intakes"),
        ),
        "by_language": bar_chart(
            "chart-language",
            tables["by_language"],
            nl_("Number of intakes per language of the chat; fewer than 5 is not shown."),
            counts(figures.by_language, "intakes"),
        ),
        "deadlines": bar_chart(
            "chart-deadlines",
            measures["share_met"],
            nl_("Share of intakes where the intake meeting was held and the PIP set within 10 weeks of the start."),
            [Bar(d.label, d.share_met, share_text(d.share_met)) for d in figures.deadlines],
            maximum=100,
        ),
        "routes_decided": bar_chart(
            "chart-routes",
            tables["routes_decided"],
            nl_("Number of PIP drafts per route chosen by the case manager."),
            counts(figures.routes_decided, "count"),
        ),
        "appointments": bar_chart(
            "chart-no-shows",
            nl_("Did not come"),
            nl_("Share of appointments the person did not come to, of those attended or missed, per type."),
            [Bar(r.label, r.shares["no_show"], share_text(r.shares["no_show"])) for r in figures.appointments],
            maximum=100,
        ),
        "satisfaction": bar_chart(
            "chart-satisfaction",
            tables["satisfaction_distribution"],
            nl_("People per rating, from 1 (not at all satisfied) to 10 (very); fewer than 5 is not shown."),
            counts(figures.satisfaction.distribution, "count"),
        ),
        "questions": bar_chart(
            "chart-stopped",
            measures["stopped_after"],
            nl_("Of the intakes not sent yet: the question after which the person stopped, most often first."),
            counts(stopped, "stopped_after"),
        ),
    }
