#!/usr/bin/env bash
# Everything CI runs: install what tests need, lint, types, import contracts, the migrations and docs
# checks, then the whole pytest suite (browser tests included) on SQLite and on PostgreSQL.
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
run_pytest() {  # label, database URL, then pytest's own arguments
  local label="$1" url="$2"; shift 2
  step "pytest on $label"
  local log; log=$(mktemp)
  set +e
  DATABASE_URL="$url" $PY -m pytest -n "$workers" -p no:cacheprovider "$@" ${PYTEST_ARGS:-} 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    [ "$status" -eq 5 ] && echo "pytest collected no tests on $label: that is a failure"
    rm -f "$log"; exit 1
  fi
  grep -Eq '[0-9]+ passed' "$log" || { echo "no test passed on $label"; rm -f "$log"; exit 1; }
  rm -f "$log"
}

# On SQLite, what proves the zero-setup demo works (the `sqlite` marker, see conftest.py); SQLITE_TESTS=all
# runs everything there too.
sqlite_mark=(-m sqlite)
[ "${SQLITE_TESTS:-}" = all ] && sqlite_mark=()
run_pytest SQLite "sqlite:///$(pwd)/var/test.sqlite3" "${sqlite_mark[@]}"

# PostgreSQL: our own server on a loopback port, stopped again whatever happens.
source scripts/postgres.sh
pg_start
trap pg_stop EXIT
run_pytest PostgreSQL "$PG_URL"
