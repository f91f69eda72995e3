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
echo "Serving the fostering service at http://127.0.0.1:8000/ (Ctrl+C stops it)"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
