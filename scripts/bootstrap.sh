#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine: system packages (when missing), the virtual
# environment with the Python packages, and the front-end assets from npm. Safe to run again.
#   scripts/bootstrap.sh          what the service needs
#   scripts/bootstrap.sh --test   also what the tests need (PostgreSQL, Chromium and its driver)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=(python3-venv nodejs npm)
[ "$want_test" = 1 ] && packages+=(postgresql chromium chromium-driver fonts-liberation)
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

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/python scripts/assets.py >/dev/null
