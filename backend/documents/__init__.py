"""Documents as PDF: the prefilled brede intake for the case manager, the person's own answers.

`pdf.render_pdf(html)` turns an HTML page into a tagged PDF (PDF/UA-1) with WeasyPrint;
`templates.render(name, language, catalog, **context)` renders a template of
backend/templates/documents/ in one language (staff documents: the Dutch `staff` domain).
"""
