#!/usr/bin/env bash
# Installs entente with its test extras into .venv and runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null && ! command -v chromium >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1) \
    || echo "warning: could not install chromium; browser tests will fail"
fi
python3 -m venv .venv
.venv/bin/pip install -qq --upgrade pip
# -qq: pip still stops on errors; its warnings about third-party metadata (justext asks for an
# lxml extra that lxml no longer ships) are not ours to fix
.venv/bin/pip install -qq -e '.[test,ray]'
exec .venv/bin/python -m pytest -q "$@"
