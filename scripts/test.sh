#!/usr/bin/env bash
# Install what the tests need (see install-test-deps.sh), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec python3 -m pytest -q "$@"
