# The Rasa server (Python 3.10 only), with the model trained at build time from bot/.
FROM python:3.10.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    HOME=/tmp/rasa-home MPLCONFIGDIR=/tmp/rasa-home/matplotlib PYTHONPATH=/app/bot
WORKDIR /app
COPY requirements/rasa.txt requirements/rasa.txt
RUN pip install --no-cache-dir -r requirements/rasa.txt
COPY bot bot
RUN cd bot && rasa train --domain domain --data data --config config.yml --out /app/models \
      --fixed-model-name intake --quiet \
    && useradd --system --uid 10001 rasa && mkdir -p /tmp/rasa-home && chown rasa /tmp/rasa-home
USER rasa
EXPOSE 5005
CMD ["python", "-m", "rasa_addons.server", "run", "--model", "/app/models/intake.tar.gz", \
     "--endpoints", "/app/bot/endpoints.yml", "--credentials", "/app/bot/credentials.yml", "--port", "5005"]
