#!/usr/bin/env bash
# Production smoke test (ADR 8): the service as production runs it, behind a TLS proxy.
# PostgreSQL (the server at $PG_URL, with a database of its own; or a throwaway one), production settings,
# collectstatic into the manifest storage, `check --deploy` with no warning at all, the small demo
# council, then gunicorn, and every page of the access matrix opened by one role of each kind signed in
# through the real sign-in and two-factor pages (scripts/smoke_production.py).
#   scripts/smoke_production.sh      (make test runs it after the PostgreSQL pass)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
started=$SECONDS
step() { printf '\n== smoke: %s (at %ss)\n' "$*" "$((SECONDS - started))"; }

work="$(mktemp -d)"
gunicorn_pid=""
own_pg=""
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null
  [ -n "$own_pg" ] && pg_stop
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${PG_URL:-}" ]; then
  source scripts/postgres.sh
  pg_start
  own_pg=1
fi
db_url="${PG_URL%/*}/fostering_smoke"
PG_URL="$PG_URL" $PY - <<'EOF'
import os, psycopg
with psycopg.connect(os.environ["PG_URL"], autocommit=True) as connection:
    connection.execute("DROP DATABASE IF EXISTS fostering_smoke")
    connection.execute("CREATE DATABASE fostering_smoke")
EOF

# What production needs from the environment; nothing of the test settings is left over.
unset DJANGO_ALLOW_ASYNC_UNSAFE
export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="$db_url"
export DJANGO_SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS=localhost
export FOSTERING_VAR_DIR="$work"
export SECURE_SSL_REDIRECT=true

step "migrate"
$PY manage.py migrate --noinput >/dev/null
step "collectstatic"
$PY manage.py collectstatic --noinput | tail -1
step "check --deploy (any warning fails)"
$PY manage.py check --deploy --fail-level WARNING
step "the small demo council"
$PY manage.py demo_council --scale small --seed 1 --quiet

port="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
step "gunicorn on 127.0.0.1:$port"
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 50); do
  (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/accounts/login/" -H 'Host: localhost')
[ "$status" = 301 ] || { echo "plain HTTP should be redirected to HTTPS, got $status"; exit 1; }
echo "the sign-in page through the proxy:"
curl -sI "http://127.0.0.1:$port/accounts/login/" -H 'Host: localhost' -H 'X-Forwarded-Proto: https' \
  | grep -iE '^(HTTP|content-security|strict-transport|x-frame|x-content|referrer|cross-origin|cache-control)'

step "every page of the access matrix"
set +e
$PY scripts/smoke_production.py "http://127.0.0.1:$port"
result=$?
set -e
if [ "$result" -ne 0 ]; then
  echo "-- gunicorn log"; tail -50 "$work/gunicorn.log"
  exit 1
fi
echo "production smoke test passed in $((SECONDS - started))s"
