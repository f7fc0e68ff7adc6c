#!/bin/sh
# Set up coprod in ./.venv: the system libraries WeasyPrint needs (Debian/Ubuntu),
# then the package itself. Safe to run again: it only installs what is missing.
# Usage: scripts/setup.sh [--dev]   (--dev adds the test tools and the browser for accessibility tests)
set -eu
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

# Libraries WeasyPrint loads, and fonts that cover Welsh (ŵ, ŷ).
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in $PACKAGES; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
            missing="$missing $pkg"
        fi
    done
    if [ "$DEV" = 1 ]; then
        # Test tools, checked by command so that a node or browser installed another way counts.
        command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
        command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
        command -v npm >/dev/null 2>&1 || missing="$missing npm"
    fi
fi
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" = none ]; then
        echo "coprod setup: please install these system packages, then run again:$missing" >&2
        exit 1
    fi
    echo "coprod setup: installing system packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=".venv/.coprod-installed-$DEV"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    if [ "$DEV" = 1 ]; then
        .venv/bin/python -m pip install -q -e '.[dev]'
    else
        .venv/bin/python -m pip install -q -e .
    fi
    touch "$stamp"
fi
if [ "$DEV" = 1 ] && [ -f tests/axe/package.json ] && [ ! -d tests/axe/node_modules ]; then
    (cd tests/axe && npm install --silent --no-audit --no-fund >/dev/null)
fi
