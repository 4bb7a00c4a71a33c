#!/usr/bin/env bash
# Install what the tests need on a fresh Debian or Ubuntu machine: the project's virtual
# environment .venv with commsplan and its test extras, LibreOffice (PDFs), poppler-utils
# (pdftotext, pdftoppm) and fonts-liberation2 (Times New Roman's metrics). Each step is skipped
# when already done.
set -euo pipefail
case ${BASH_SOURCE[0]} in */*) here=${BASH_SOURCE[0]%/*} ;; *) here=. ;; esac
source "$here/venv.sh"
commsplan_venv test  # first: a machine without a recent enough Python learns it at once

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation2)
if [ ${#missing[@]} -gt 0 ]; then
    commsplan_apt_install "${missing[@]}" fontconfig
fi
