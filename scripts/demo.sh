#!/usr/bin/env bash
# Installs entente into .venv and runs the main job on the bundled demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -qq --upgrade pip
# -qq: pip still stops on errors; its warnings about third-party metadata (justext asks for an
# lxml extra that lxml no longer ships) are not ours to fix
.venv/bin/pip install -qq -e .
exec .venv/bin/entente demo "$@"
