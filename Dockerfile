FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////data/summits.db

WORKDIR /srv/summits

# Dependencies first, in their own cached layer.
COPY pyproject.toml README.md ./
RUN mkdir -p app && touch app/__init__.py \
    && pip install --no-cache-dir . \
    && pip uninstall -y summits

COPY app/ app/
COPY migrations/ migrations/
COPY alembic.ini ./
COPY seeds/ seeds/
COPY scripts/prestart.sh scripts/prestart.sh
RUN pip install --no-cache-dir --no-deps -e . \
    && useradd --system --uid 10001 --create-home summits \
    && mkdir -p /data && chown summits /data

USER 10001
VOLUME ["/data"]
EXPOSE 8000
CMD ["bash", "scripts/prestart.sh"]
