#!/bin/sh
# Set up coprod in ./.venv: the system libraries WeasyPrint needs (Debian/Ubuntu), then
# coprod and the exact versions in requirements/ (the lock file CI tested).
# Safe to run again: each step checks first and says when there is nothing to do.
# Usage: scripts/setup.sh [--dev]   (--dev adds the test tools and the browser for accessibility tests)
set -eu
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1
LOCK=requirements/run.txt
[ "$DEV" = 1 ] && LOCK=requirements/dev.txt

say() { echo "coprod setup: $*"; }

# 1. Libraries WeasyPrint loads, fonts that cover Welsh (ŵ, ŷ), and for --dev the tools
#    the tests drive (checked by command, so a browser installed another way counts).
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in $PACKAGES; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
            missing="$missing $pkg"
        fi
    done
    if [ "$DEV" = 1 ]; then
        command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
        command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
        command -v npm >/dev/null 2>&1 || missing="$missing npm"
        command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"  # msgfmt, msgmerge: translation tests
    fi
    if [ -z "$missing" ]; then
        say "system libraries: already installed"
    else
        if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
        if [ "$SUDO" = none ]; then
            echo "coprod setup: please install these system packages, then run again:$missing" >&2
            exit 1
        fi
        say "system libraries: installing$missing (a few minutes the first time)"
        export DEBIAN_FRONTEND=noninteractive
        $SUDO apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
else
    say "system libraries: not a Debian or Ubuntu machine; PDF output needs Pango (see the README)"
fi

# 2. The environment.
PYTHON="${PYTHON:-python3}"
if [ -x .venv/bin/python ]; then
    say "environment: .venv already there"
else
    say "environment: creating .venv"
    "$PYTHON" -m venv .venv
fi

# 3 and 4. coprod with the locked versions; --dev adds the test tools. The stamp records
#    which lock file was installed, so a changed lock (after `make lock`) installs again.
stamp=".venv/.coprod-installed-$DEV"
want="$(cat "$LOCK" pyproject.toml | cksum)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    if [ "$DEV" = 1 ]; then
        say "coprod and test tools: already installed from $LOCK"
    else
        say "coprod: already installed from $LOCK"
    fi
else
    if [ "$DEV" = 1 ]; then
        say "coprod and test tools: installing the versions in $LOCK (about a minute the first time)"
    else
        say "coprod: installing the versions in $LOCK (about a minute the first time)"
    fi
    .venv/bin/python -m pip install -qq --require-hashes -r "$LOCK"
    # hatchling is in the lock too, so the build uses the locked one, not the newest
    .venv/bin/python -m pip install -qq --no-deps --no-build-isolation -e .
    echo "$want" >"$stamp"
fi

# 5. The browser side of the accessibility tests (axe-core driven by playwright-core).
if [ "$DEV" = 1 ]; then
    if [ -d tests/axe/node_modules/axe-core ] && [ -d tests/axe/node_modules/playwright-core ]; then
        say "browser test tools: already installed"
    else
        say "browser test tools: installing axe-core and playwright-core (under a minute)"
        (cd tests/axe && npm ci --silent --no-audit --no-fund >/dev/null)
    fi
fi
