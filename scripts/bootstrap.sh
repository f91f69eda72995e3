#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine: system packages (when missing), the virtual
# environment with the Python packages, and the front-end assets from npm. Safe to run again.
#   scripts/bootstrap.sh          what the service needs
#   scripts/bootstrap.sh --test   also what the tests need (PostgreSQL, Chromium and its driver)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Pango and an Arial-metric font for the PDFs WeasyPrint makes; poppler to look at them in tests.
packages=(python3-venv nodejs npm libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation)
[ "$want_test" = 1 ] && packages+=(postgresql chromium chromium-driver poppler-utils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A machine with its own node and npm (not from Debian) does not need Debian's.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
if python3 -c "import venv, ensurepip" 2>/dev/null; then missing=("${missing[@]/python3-venv}"); fi
read -r -a missing <<< "${missing[*]:-}"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/pip install -q --disable-pip-version-check uv
fi
req=requirements.txt
[ "$want_test" = 1 ] && req=requirements-dev.txt
stamp=".venv/.installed-$(sha256sum "$req" requirements.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/uv pip install -q --python .venv/bin/python -r "$req"
  touch "$stamp"
fi

# The DfE's SSDA903 rules (csc-validator-be-903) pin pandas < 2 and numpy < 1.25, so they live in their own
# environment, called by `manage.py export_903 --validate` through scripts/validate_903.py.
stamp903=".venv-903/.installed-$(sha256sum requirements-903.txt | cut -c1-16)"
if [ ! -f "$stamp903" ]; then
  [ -x .venv-903/bin/python ] || python3 -m venv .venv-903
  .venv/bin/uv pip install -q --python .venv-903/bin/python -r requirements-903.txt
  touch "$stamp903"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/python scripts/assets.py >/dev/null
