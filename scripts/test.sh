#!/usr/bin/env bash
# Install what the tests need (see install-test-deps.sh), then run the whole test suite with
# the Python of the project's virtual environment .venv. Arguments go to pytest.
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) here=${BASH_SOURCE[0]%/*} ;; *) here=. ;; esac
source "$here/venv.sh"
bash "$here/install-test-deps.sh"
cd "$COMMSPLAN_ROOT"
export PATH="$COMMSPLAN_VENV/bin:$PATH" VIRTUAL_ENV="$COMMSPLAN_VENV"
exec "$VENV_PYTHON" -m pytest -q "$@"
