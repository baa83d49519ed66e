#!/usr/bin/env bash
# Container start: migrate, load the seeds (idempotent), then serve.
set -euo pipefail
summits db upgrade
summits load --quiet seeds/ || echo "some seed files failed to load" >&2
exec uvicorn app.main:create_app --factory --host 0.0.0.0 --port "${PORT:-8000}"
