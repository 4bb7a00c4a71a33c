#!/usr/bin/env bash
# The principal's one command, for a double-click or a scheduled run (cron): checks the sheet
# and writes the plan, the due reports and their PDFs as commsplan.toml says.
# Usage: scripts/generate.sh [path/to/commsplan.toml]   (default: commsplan.toml beside this script's folder)
set -uo pipefail
config="${1:-$(dirname "$0")/../commsplan.toml}"
python3 -m commsplan generate --config "$config"
status=$?
# Keep a terminal opened by a double-click open long enough to read the summary.
if [ -t 0 ] && [ -z "${CI:-}" ]; then read -r -p "Nhấn Enter để đóng cửa sổ... " _; fi
exit $status
