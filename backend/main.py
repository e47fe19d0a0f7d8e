"""The FastAPI application: `uvicorn backend.main:app`."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from backend import pwa
from backend import speech as read_aloud
from backend.api import (
    admin,
    appointments,
    assistance,
    auth,
    chat,
    chat_handover,
    chat_rating,
    chat_resume,
    documents,
    form_page,
    handovers,
    health,
    intakes,
    internal,
    nlg,
    resources,
    speech,
    translations,
)
from backend.api import figures as region_figures
from backend.api import pip as pip_drafts
from backend.api import staff as staff_accounts
from backend.config import get_settings
from backend.errors import install_error_handlers
from backend.metrics import HttpMetrics, TimedRasaGate
from backend.metrics import router as metrics_router
from backend.middleware import BodySizeLimit, CachedStatic, RequestId, ServerErrors, install_log_format
from backend.page_headers import PAGE_HEADERS
from backend.policy import not_staff
from backend.workspace import figures as figures_page
from backend.workspace import handovers as handovers_page
from backend.workspace import pip as pip_page
from backend.workspace import staff as staff_accounts_page
from backend.workspace.pages import install_workspace
from backend.workspace.templating import WORKSPACE
from locales import SOURCE_LANGUAGE, languages
from locales.detect import propose_languages

HERE = Path(__file__).resolve().parent
LANGUAGE_GUESS_WARM_UP_DELAY_S = 15.0
STATIC_MAX_AGE_SECONDS = 300
templates = Jinja2Templates(directory=HERE / "templates")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # The language guesser learns its profiles in about 2 s of CPU: in the background, a little
    # after start-up (when Rasa and the action server are starting too on the same cores), so
    # that the first person who types before choosing a language does not wait for it.
    warm_up = threading.Timer(LANGUAGE_GUESS_WARM_UP_DELAY_S, propose_languages, args=("warm up",))
    warm_up.daemon = True
    warm_up.start()
    # The chat's way to Rasa: made here because its client and semaphore belong to this event loop.
    app.state.rasa_gate = TimedRasaGate(get_settings())
    yield
    await app.state.rasa_gate.close()
    warm_up.cancel()


def body_limit(path: str) -> int:
    """The largest request body for a path: the action server and Rasa send whole conversations."""
    settings = get_settings()
    internal = path == "/nlg" or path.startswith("/api/internal/")
    return settings.max_internal_body_bytes if internal else settings.max_body_bytes


def create_app() -> FastAPI:
    # The interactive API documentation helps developers; production does not publish it.
    public_docs = get_settings().environment != "production"
    app = FastAPI(
        title="Westfriesland intake assistant",
        version="0.1.0",
        docs_url="/docs" if public_docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if public_docs else None,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    # Added last, so outermost: every error below it, also in the body limit, is answered and
    # logged without personal data.
    app.add_middleware(BodySizeLimit, limit_for=body_limit)
    app.add_middleware(ServerErrors)
    # Outside ServerErrors: its 500s are counted, and its log line carries the request id.
    app.add_middleware(HttpMetrics)
    app.add_middleware(RequestId)
    install_log_format()
    routers = (
        *(health, chat, chat_resume, chat_handover, nlg, internal, auth, assistance, intakes, appointments),
        *(resources, translations, admin, handovers),
    )
    for router in (module.router for module in routers):
        app.include_router(router)
    app.include_router(metrics_router)
    app.include_router(staff_accounts.router)  # administrators: staff accounts
    app.include_router(staff_accounts_page.router)  # ... and their page in the workspace
    app.include_router(documents.router)  # PDFs: the brede intake, the person's own answers
    app.include_router(speech.router)
    app.include_router(pwa.router)
    app.include_router(pip_drafts.router)  # the PIP draft (backend/pip)
    app.include_router(region_figures.router)  # the region's figures (backend/figures)
    app.include_router(figures_page.router)
    app.include_router(pip_page.router)
    app.include_router(handovers_page.router)  # the workspace's chats (people who asked for a person)
    app.include_router(form_page.router)  # the person's intake as a web form (backend/person_form.py)
    app.include_router(chat_rating.router)  # the person's 1-10 rating after sending (backend/satisfaction.py)
    install_workspace(app)  # the staff workspace's pages under /werkplek
    static = GZipMiddleware(StaticFiles(directory=HERE / "static"), minimum_size=1024)
    app.mount("/static", CachedStatic(static, max_age=STATIC_MAX_AGE_SECONDS), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False, dependencies=[not_staff("the chat page")])
    def chat_page(request: Request) -> Response:
        # The page starts in the source language; the conversation switches it once the
        # person has chosen theirs (every chat turn returns the language and texts).
        styles = pwa.chat_styles()  # inline, with the first question: see backend/pwa.py
        page = templates.TemplateResponse(
            request,
            "chat.html",
            {
                "lang": SOURCE_LANGUAGE,
                "ui": chat.ui_texts(SOURCE_LANGUAGE),
                "languages": [lang.code for lang in languages()],
                # The languages a message can be read aloud in (espeak-ng has a voice for them).
                "voices": read_aloud.languages_with_voice(),
                "styles": styles,
                "first_question": pwa.first_question(),
            },
            headers=pwa.chat_page_headers(PAGE_HEADERS, styles),
        )
        return pwa.compressed(request, page)

    # The staff page's old addresses (bookmarks, links in mails): the workspace (backend/workspace).
    @app.get("/medewerkers", include_in_schema=False, dependencies=[not_staff("a redirect to the workspace")])
    def staff_page() -> RedirectResponse:
        return RedirectResponse(WORKSPACE, status_code=307)

    @app.get("/staff", include_in_schema=False, dependencies=[not_staff("a redirect")])
    def staff_page_redirect() -> RedirectResponse:
        return RedirectResponse(WORKSPACE, status_code=307)

    return app


app = create_app()
