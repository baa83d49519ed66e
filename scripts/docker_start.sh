#!/usr/bin/env bash
# The image's command: prepare the database (scripts/prestart.sh), then serve.
set -euo pipefail
bash "$(dirname "$0")/prestart.sh"
exec uvicorn app.main:create_app --factory --host 0.0.0.0 --port "${PORT:-8000}"
