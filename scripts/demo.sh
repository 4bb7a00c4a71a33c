#!/usr/bin/env bash
# Make (or reuse) the project's virtual environment .venv with commsplan installed, then write
# the demo documents (plan, reports, PDFs when LibreOffice is there) from
# examples/ke-hoach-truyen-thong-2024.xlsx into out/demo/. The run works on a fresh copy of the
# workbook in out/ (its issued documents get their files' hashes written into their rows),
# so the example in the repository stays as it is.
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) here=${BASH_SOURCE[0]%/*} ;; *) here=. ;; esac
source "$here/venv.sh"
commsplan_venv
cd "$COMMSPLAN_ROOT"
mkdir -p out
cp examples/ke-hoach-truyen-thong-2024.xlsx out/ke-hoach-truyen-thong-2024.xlsx
sed 's|^output = "[^"]*"|output = "demo"|' examples/commsplan.toml > out/commsplan.toml
exec "$VENV_PYTHON" -m commsplan generate --config out/commsplan.toml "$@"
