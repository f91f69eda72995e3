#!/usr/bin/env bash
# Everything CI runs: install what tests need, lint, types, import contracts, the migrations and docs
# checks, then the whole pytest suite (browser tests included) on SQLite and on PostgreSQL, then the
# production smoke test (gunicorn on production settings, on the same PostgreSQL server).
#   scripts/test.sh              everything
#   scripts/test.sh --lint-only  the static checks alone
#   PYTEST_ARGS="-k households"  passed on to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
mkdir -p var

export DJANGO_SETTINGS_MODULE=config.settings.test
export DJANGO_ALLOW_ASYNC_UNSAFE=true
PY=.venv/bin/python
step() { printf '\n== %s\n' "$*"; }

step "ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
step "mypy"
.venv/bin/mypy fostering config
step "import contracts"
.venv/bin/lint-imports --no-cache
step "migrations are complete"
$PY manage.py makemigrations --check --dry-run >/dev/null
step "docs/timescales.md matches the rules"
$PY manage.py timescales_doc --check
[ "${1:-}" = "--lint-only" ] && exit 0

workers="${PYTEST_WORKERS:-2}"
run_pytest() {
  local label="$1"; shift
  step "pytest on $label"
  local log; log=$(mktemp)
  set +e
  "$@" $PY -m pytest -n "$workers" -p no:cacheprovider ${PYTEST_ARGS:-} 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    [ "$status" -eq 5 ] && echo "pytest collected no tests on $label: that is a failure"
    rm -f "$log"; exit 1
  fi
  grep -Eq '[0-9]+ passed' "$log" || { echo "no test passed on $label"; rm -f "$log"; exit 1; }
  rm -f "$log"
}

run_pytest SQLite env DATABASE_URL="sqlite:///$(pwd)/var/test.sqlite3"

# PostgreSQL: our own server on a loopback port, stopped again whatever happens.
source scripts/postgres.sh
pg_start
trap pg_stop EXIT
run_pytest PostgreSQL env DATABASE_URL="$PG_URL"

step "production smoke test"
scripts/smoke_production.sh
