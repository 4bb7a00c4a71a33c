#!/usr/bin/env bash
# Install commsplan and write the demo documents (plan, reports, PDFs when LibreOffice is there)
# from examples/ke-hoach-truyen-thong-2024.xlsx into out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -e .
exec python3 -m commsplan generate --config examples/commsplan.toml "$@"
