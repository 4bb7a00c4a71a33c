#!/usr/bin/env bash
# Install what the tests need (see install-test-deps.sh), check the code with ruff and mypy
# (their settings are in pyproject.toml), then run the test suite with the Python of the
# project's virtual environment .venv. Arguments go to pytest. The exit status is pytest's when
# a test fails, else 1 when ruff or mypy found something, else 0.
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) here=${BASH_SOURCE[0]%/*} ;; *) here=. ;; esac
source "$here/venv.sh"
bash "$here/install-test-deps.sh"
cd "$COMMSPLAN_ROOT"
export PATH="$COMMSPLAN_VENV/bin:$PATH" VIRTUAL_ENV="$COMMSPLAN_VENV"
checks=0
"$VENV_PYTHON" -m ruff check --quiet . || checks=1
"$VENV_PYTHON" -m mypy || checks=1
status=0
"$VENV_PYTHON" -m pytest -q "$@" || status=$?
if [ "$status" -ne 0 ]; then
    exit "$status"
fi
exit "$checks"
