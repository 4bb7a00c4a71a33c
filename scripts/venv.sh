# Sourced by the scripts beside it: find a Python ≥ 3.11 and make (or reuse) the project's
# virtual environment .venv with commsplan installed in it. Nothing is installed into the
# system's Python, which Debian 12 and Ubuntu 24.04 refuse (PEP 668, "externally managed").
#
#   source "$here/venv.sh"      # sets COMMSPLAN_ROOT, COMMSPLAN_VENV, VENV_PYTHON
#   commsplan_venv [EXTRA]      # .venv ready, with commsplan (and its EXTRA, e.g. test)
#
# Only bash builtins run before a Python is found, so the message about a missing or too old
# Python shows even on a bare PATH.

COMMSPLAN_MIN_PYTHON=(3 11)
case ${BASH_SOURCE[0]} in */*) COMMSPLAN_ROOT=${BASH_SOURCE[0]%/*}/.. ;; *) COMMSPLAN_ROOT=.. ;; esac
COMMSPLAN_ROOT=$(cd "$COMMSPLAN_ROOT" && pwd)
COMMSPLAN_VENV=$COMMSPLAN_ROOT/.venv
VENV_PYTHON=$COMMSPLAN_VENV/bin/python

commsplan_fail() {  # message lines (Vietnamese, then English) → stderr, exit 2
    printf '%s\n' "$@" >&2
    exit 2
}

commsplan_apt_install() {  # system packages, through apt-get (sudo when not root)
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Cài đặt gói hệ thống: $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The first of python3, python3.14 … python3.11 on PATH that is ≥ 3.11 → PYTHON.
commsplan_find_python() {
    local candidate version seen=""
    for candidate in python3 python3.14 python3.13 python3.12 python3.11; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        version=$("$candidate" -c 'import sys; print(*sys.version_info[:3], sep=".")' 2>/dev/null) \
            || continue
        if _commsplan_recent "$version"; then
            PYTHON=$(command -v "$candidate")
            return 0
        fi
        seen+="${seen:+, }$candidate (Python $version)"
    done
    local need="${COMMSPLAN_MIN_PYTHON[0]}.${COMMSPLAN_MIN_PYTHON[1]}" has="chưa có Python 3"
    [ -n "$seen" ] && has="chỉ có $seen"
    commsplan_fail \
        "commsplan cần Python $need trở lên; máy này $has." \
        "Hãy cài Python $need (hoặc mới hơn) rồi chạy lại: trên Debian/Ubuntu" \
        "    sudo apt-get install python$need python$need-venv" \
        "trên Windows, macOS hay máy khác: https://www.python.org/downloads/" \
        "commsplan needs Python $need or newer; this machine has ${seen:-no Python 3}." \
        "Install Python $need or newer (apt-get install python$need python$need-venv," \
        "or https://www.python.org/downloads/) and run this again."
}

_commsplan_recent() {  # "3.11.2" → true when ≥ COMMSPLAN_MIN_PYTHON
    local major minor rest
    IFS=. read -r major minor rest <<<"$1"
    [ "$major" -gt "${COMMSPLAN_MIN_PYTHON[0]}" ] && return 0
    [ "$major" -eq "${COMMSPLAN_MIN_PYTHON[0]}" ] && [ "$minor" -ge "${COMMSPLAN_MIN_PYTHON[1]}" ]
}

_commsplan_venv_usable() {  # a Python recent enough, with pip (a venv made without ensurepip has none)
    [ -x "$VENV_PYTHON" ] && "$VENV_PYTHON" -c \
        "import sys, pip; sys.exit(sys.version_info < (${COMMSPLAN_MIN_PYTHON[0]}, ${COMMSPLAN_MIN_PYTHON[1]}))" \
        >/dev/null 2>&1
}

# .venv made with PYTHON. The distribution's Python on Debian and Ubuntu (installed in /usr)
# makes a venv only with the package pythonX.Y-venv, which brings ensurepip's pip.
commsplan_make_venv() {
    local errors version prefix
    if [ -e "$COMMSPLAN_VENV" ]; then
        echo "Tạo lại môi trường ảo .venv (bản cũ không dùng được)"
    fi
    rm -rf "$COMMSPLAN_VENV"
    errors=$("$PYTHON" -m venv "$COMMSPLAN_VENV" 2>&1) && return 0
    rm -rf "$COMMSPLAN_VENV"  # what a failed attempt left: a Python without pip
    version=$("$PYTHON" -c 'import sys; print(*sys.version_info[:2], sep=".")')
    prefix=$("$PYTHON" -c 'import sys; print(sys.base_prefix)')
    if [ "$prefix" = /usr ] && command -v apt-get >/dev/null 2>&1; then
        commsplan_apt_install "python$version-venv"
        errors=$("$PYTHON" -m venv "$COMMSPLAN_VENV" 2>&1) && return 0
        rm -rf "$COMMSPLAN_VENV"
    fi
    commsplan_fail "$errors" \
        "Không tạo được môi trường ảo .venv bằng $PYTHON; trên Debian/Ubuntu hãy cài gói python$version-venv." \
        "Could not make the virtual environment .venv with $PYTHON; on Debian/Ubuntu install python$version-venv."
}

commsplan_venv() {  # [EXTRA]
    local extra=${1:-} stamp state
    if ! _commsplan_venv_usable; then
        commsplan_find_python
        commsplan_make_venv
    fi
    # Installed once; again only when the packaging or the checkout's place changes. The code
    # itself is installed in editable mode, so edits need no reinstall.
    state="$COMMSPLAN_ROOT $(cat "$COMMSPLAN_ROOT/setup.cfg" "$COMMSPLAN_ROOT/pyproject.toml" | cksum)"
    stamp=$COMMSPLAN_VENV/.commsplan-installed${extra:+-$extra}
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$state" ]; then
        return 0
    fi
    if [ -z "$extra" ] && [ "$(cat "$COMMSPLAN_VENV"/.commsplan-installed-* 2>/dev/null | head -n 1)" = "$state" ]; then
        return 0  # installed with an extra: the package itself is there too
    fi
    echo "Cài đặt commsplan${extra:+ [$extra]} vào .venv"
    "$VENV_PYTHON" -m pip install -q --disable-pip-version-check -e "$COMMSPLAN_ROOT${extra:+[$extra]}" \
        || commsplan_fail "Không cài được commsplan vào .venv (xem lỗi của pip ở trên)." \
                          "Could not install commsplan into .venv (see pip's error above)."
    rm -f "$COMMSPLAN_VENV"/.commsplan-installed*
    printf '%s\n' "$state" >"$stamp"
}
