#!/usr/bin/env bash
# The principal's one command, for a double-click or a scheduled run (cron): checks the sheet
# and writes the plan, the due reports and their PDFs as commsplan.toml says. The first run
# makes the project's virtual environment .venv with commsplan in it; later runs reuse it.
# Usage: scripts/generate.sh [path/to/commsplan.toml]   (default: commsplan.toml beside this script's folder)
set -uo pipefail
case ${BASH_SOURCE[0]} in */*) here=${BASH_SOURCE[0]%/*} ;; *) here=. ;; esac

# Keep a terminal opened by a double-click open long enough to read the summary (or the error).
pause() {
    if [ -t 0 ] && [ -z "${CI:-}" ]; then read -r -p "Nhấn Enter để đóng cửa sổ... " _; fi
}
trap pause EXIT

source "$here/venv.sh"
config="${1:-$COMMSPLAN_ROOT/commsplan.toml}"
commsplan_venv
"$VENV_PYTHON" -m commsplan generate --config "$config"
