"""HTML to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint.

Use it for every document the system hands out:

    from backend.documents.pdf import render_pdf
    from backend.documents.templates import render

    html = render("my_document.html", "nl", staff_translations(), title="...", ...)  # or any HTML str
    pdf_bytes = render_pdf(html)
    return Response(pdf_bytes, media_type="application/pdf", headers=pdf_headers("pip.pdf"))

The HTML must be a whole page with `<html lang="..." dir="...">` and a `<title>` (PDF/UA needs
the language and a title; the title becomes the PDF's title). Extend
`documents/base.html`: it carries the stylesheet with the fonts the machine has for Latin,
Arabic and Ethiopic script (installed by scripts/system-services.sh, found by fontconfig, so
Arabic is joined and right-to-left and Ge'ez is drawn, not boxes).

Nothing is fetched while rendering: the HTML holds the person's words, so a URL in it must
never make the server open a connection or read a file. Styles belong inline in the template.
"""

from __future__ import annotations

from typing import NoReturn

from weasyprint import HTML
from weasyprint.urls import URLFetcher

# PDF/UA-1: tagged (headings, tables and lists as structure), with language and title, so that
# a screen reader reads it and text is extracted in logical order (also right-to-left text).
PDF_VARIANT = "pdf/ua-1"


class NothingFetched(URLFetcher):  # type: ignore[misc]  # weasyprint has no type hints
    """Refuses every URL: WeasyPrint leaves the image or stylesheet out and logs a warning."""

    def fetch(self, url: str, headers: object = None) -> NoReturn:
        raise ValueError(f"documents load nothing from outside the page: {url[:80]}")


def render_pdf(html: str) -> bytes:
    """The PDF of one HTML page (a str, e.g. from `backend.documents.templates.render`)."""
    document = HTML(string=html, url_fetcher=NothingFetched())
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)  # the bytes, as no target is given
    return pdf


def pdf_headers(filename: str) -> dict[str, str]:
    """Response headers for a PDF download: saved under `filename` (ASCII), never cached."""
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}
