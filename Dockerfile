FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////data/summits.db \
    LOAD_SEEDS=0 \
    PORT=8000

WORKDIR /srv/summits

# Dependencies first, in their own cached layer, pinned with hashes (requirements.lock,
# compiled from pyproject.toml with pip-compile --generate-hashes).
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY pyproject.toml README.md alembic.ini ./
COPY app/ app/
COPY migrations/ migrations/
COPY seeds/ seeds/
COPY scripts/prestart.sh scripts/docker_start.sh scripts/
RUN pip install --no-cache-dir --no-deps -e . \
    && useradd --system --uid 10001 --create-home summits \
    && mkdir -p /data && chown summits /data

USER 10001
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/health', timeout=4)"]
CMD ["bash", "scripts/docker_start.sh"]
