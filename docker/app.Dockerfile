# Backend and action server (Python 3.11). Build context: the repository root.
FROM python:3.11.7-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements/app.txt requirements/app.txt
RUN pip install --no-cache-dir -r requirements/app.txt
COPY backend backend
COPY actions actions
COPY forms forms
COPY locales locales
COPY tools tools
# The typed examples teach the language guess of the first screen (locales/detect.py).
COPY bot/data/nlu bot/data/nlu
COPY babel.cfg ./
# var/: Argos Translate's folders (worker) and the action server's outbox, volumes in
# docker-compose.yml; made here so that new volumes belong to the user the services run as.
RUN python -m babel.messages.frontend compile -d locales \
    && useradd --system --uid 10001 intake \
    && mkdir -p var/argos var/outbox && chown -R intake var
USER intake
EXPOSE 8000 5055
CMD ["python", "-m", "uvicorn", "backend.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
