"""The FastAPI application: `uvicorn backend.main:app`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from backend.api import admin, auth, chat, health, intakes, internal, nlg
from backend.config import get_settings
from backend.errors import install_error_handlers
from locales import SOURCE_LANGUAGE, languages

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")


def create_app() -> FastAPI:
    # The interactive API documentation helps developers; production does not publish it.
    public_docs = get_settings().environment != "production"
    app = FastAPI(
        title="Westfriesland intake assistant",
        version="0.1.0",
        docs_url="/docs" if public_docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if public_docs else None,
    )
    install_error_handlers(app)
    for router in (health.router, chat.router, nlg.router, internal.router, auth.router, intakes.router, admin.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def chat_page(request: Request) -> HTMLResponse:
        # The page starts in the source language; the conversation switches it once the
        # person has chosen theirs (every chat turn returns the language and texts).
        return templates.TemplateResponse(
            request,
            "chat.html",
            {
                "lang": SOURCE_LANGUAGE,
                "ui": chat.ui_texts(SOURCE_LANGUAGE),
                "languages": [lang.code for lang in languages()],
            },
        )

    return app


app = create_app()
