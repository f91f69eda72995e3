#!/usr/bin/env bash
# Set up and serve the demo council on SQLite at http://127.0.0.1:8000 .
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=config.settings.local
mkdir -p var
.venv/bin/python manage.py migrate --no-input -v0
if [ ! -f var/.demo-loaded ]; then
  echo "Building the demo council (once)..."
  .venv/bin/python manage.py demo_council --scale county --seed 1 --quiet
  touch var/.demo-loaded
fi
.venv/bin/python manage.py demo_council --logins
echo
# One worker runs the background jobs (the 903 check, ...) beside the server, and stops with it.
.venv/bin/python manage.py db_worker --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Serving the fostering service at http://127.0.0.1:8000/ (Ctrl+C stops it and its worker)"
.venv/bin/python manage.py runserver 127.0.0.1:8000
