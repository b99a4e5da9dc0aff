#!/usr/bin/env bash
# Installs entente into .venv and runs the main job on the bundled demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
exec .venv/bin/entente demo "$@"
