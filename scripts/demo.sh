#!/usr/bin/env bash
# Make (or reuse) the project's virtual environment .venv with commsplan installed, then write
# the demo documents (plan, reports, PDFs when LibreOffice is there) from
# examples/ke-hoach-truyen-thong-2024.xlsx into out/demo/.
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) here=${BASH_SOURCE[0]%/*} ;; *) here=. ;; esac
source "$here/venv.sh"
commsplan_venv
cd "$COMMSPLAN_ROOT"
exec "$VENV_PYTHON" -m commsplan generate --config examples/commsplan.toml "$@"
