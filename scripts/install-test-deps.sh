#!/usr/bin/env bash
# Install what the tests need on a fresh Debian machine: LibreOffice (PDFs), poppler-utils
# (pdftotext, pdftoppm), fonts-liberation2 (Times New Roman's metrics), and the Python package
# with its test extras. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation2)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Cài đặt gói hệ thống: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" fontconfig >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e ".[test]"
