#!/usr/bin/env bash
# The test command: lint, type-check, then every test with real engines and models.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
