# shellcheck shell=bash
# Shared by installer/run.sh and installer/test.sh (sourced, not run).
# Expects: the current directory is the repository root; `set -euo pipefail` in the caller.

log() { printf '[webdesk installer] %s\n' "$*" >&2; }

# Package names from installer/debian-packages.txt; with an argument, only the block
# between the lines "# --- NAME --- begin" and "# --- NAME --- end".
debian_packages() {
    local block="${1:-}"
    local file="installer/debian-packages.txt"
    if [[ -n "$block" ]]; then
        sed -n "/^# --- ${block}.*begin/,/^# --- ${block}.*end/p" "$file"
    else
        cat "$file"
    fi | sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d'
}

missing_debian_packages() {
    local package status
    for package in "$@"; do
        status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)"
        [[ "$status" == ii* ]] || printf '%s\n' "$package"
    done
}

apt_lists_present() {
    compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null \
        || compgen -G '/var/lib/apt/lists/*_Packages.*' >/dev/null
}

# Install the given Debian packages that are missing: as root with apt-get, otherwise
# only say what is missing (the tests then skip, or fail under CI=true).
install_debian_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        log "not a Debian system: install the equivalents of installer/debian-packages.txt yourself"
        return 0
    fi
    local missing
    mapfile -t missing < <(missing_debian_packages "$@")
    if ((${#missing[@]} == 0)); then
        log "Debian packages: all ${#} present"
        return 0
    fi
    if [[ "$(id -u)" != 0 ]]; then
        log "missing Debian packages (run as root to install them): ${missing[*]}"
        return 0
    fi
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    local apt=(apt-get -y -q -o Dpkg::Use-Pty=0 --no-install-recommends)
    if ! apt_lists_present; then
        apt-get update -q >/dev/null
    fi
    if ! "${apt[@]}" install "${missing[@]}" >/tmp/webdesk-apt.log 2>&1; then
        log "apt-get install failed; updating the package lists and trying again"
        apt-get update -q >/dev/null
        "${apt[@]}" install "${missing[@]}" >/tmp/webdesk-apt.log 2>&1 || {
            tail -n 30 /tmp/webdesk-apt.log >&2
            log "apt-get install failed (log: /tmp/webdesk-apt.log)"
            return 1
        }
    fi
    log "Debian packages installed"
}

# The Python that builds the venv: $PYTHON, else python3; it must be 3.11 or newer.
find_python() {
    local python="${PYTHON:-python3}"
    if ! command -v "$python" >/dev/null 2>&1; then
        log "no $python found: install Python 3.11 (Debian: python3 python3-venv)"
        return 1
    fi
    if ! "$python" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))'; then
        log "$python is $("$python" -V 2>&1); WebDesk needs Python 3.11 or newer"
        return 1
    fi
    printf '%s\n' "$python"
}

# Create the venv at $1 unless it is there and works.
ensure_venv() {
    local venv="$1" python
    if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import pip' >/dev/null 2>&1; then
        return 0
    fi
    if [[ -e "$venv" && ! -f "$venv/pyvenv.cfg" ]]; then
        log "$venv exists and is not a virtual environment: move it away or set WEBDESK_VENV"
        return 1
    fi
    python="$(find_python)"
    log "creating the virtual environment $venv ($("$python" -V 2>&1))"
    rm -rf "$venv"
    if ! "$python" -m venv "$venv" >/tmp/webdesk-venv.log 2>&1; then
        if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
            log "python -m venv failed; installing Debian's python3-venv"
            install_debian_packages python3-venv
            rm -rf "$venv"
            "$python" -m venv "$venv"
        else
            cat /tmp/webdesk-venv.log >&2
            log "python -m venv failed (Debian: apt-get install python3-venv)"
            return 1
        fi
    fi
    rm -f /tmp/webdesk-venv.log
}

# A fingerprint of what an install depends on: the given files and folders' contents.
fingerprint() {
    find "$@" -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 2>/dev/null \
        | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

# WebDesk into venv $1, the same way for both README commands (one stamp, so running them
# alternately installs nothing twice): editable, with the test extras (a superset of the app's
# needs).  Redone when pyproject.toml or setup.py change, or when the venv's `desktop` is not
# this checkout's.
install_webdesk() {
    local venv="$1" stamp_value checkout="$PWD"
    stamp_value="editable+test $PWD $(fingerprint pyproject.toml setup.py)"
    pip_install_once "$venv" "$stamp_value" -e '.[test]'
    # (the checkout's path is taken before the `cd /`: inside the subshell $PWD is "/")
    if ! (cd / && "$venv/bin/python" -c 'import desktop, sys; sys.exit(not desktop.__file__.startswith(sys.argv[1] + "/"))' "$checkout"); then
        log "desktop is not imported from this checkout; reinstalling"
        rm -f "$venv/.webdesk-install"
        pip_install_once "$venv" "$stamp_value" -e '.[test]'
    fi
}

# Where the `webdesk` launcher goes: $WEBDESK_BIN_DIR, else /usr/local/bin for root and
# ~/.local/bin for everyone else (as pipx does).
launcher_dir() {
    if [[ -n "${WEBDESK_BIN_DIR:-}" ]]; then
        printf '%s\n' "$WEBDESK_BIN_DIR"
    elif [[ "$(id -u)" == 0 ]]; then
        printf '%s\n' /usr/local/bin
    else
        printf '%s\n' "$HOME/.local/bin"
    fi
}

# Put `webdesk` on PATH: a symbolic link to the venv's entry point (replaced only when it is
# a link already; a file of the same name that is not ours is left alone, with a warning).
install_launcher() {
    local target="$1" dir link
    dir="$(launcher_dir)"
    link="$dir/webdesk"
    mkdir -p "$dir"
    if [[ -e "$link" && ! -L "$link" ]]; then
        log "$link exists and is not a link made by this installer: left alone; run $target"
        return 0
    fi
    if [[ "$(readlink "$link" 2>/dev/null)" != "$target" ]]; then
        ln -sfn "$target" "$link"
        log "launcher: $link -> $target"
    fi
    case ":$PATH:" in
        *":$dir:"*) ;;
        *) log "add $dir to your PATH (e.g. in ~/.profile: export PATH=\"$dir:\$PATH\")" ;;
    esac
}

# pip install "$2..." into venv $1 unless the stamp file says the same install was done.
pip_install_once() {
    local venv="$1" stamp_value="$2"
    shift 2
    local stamp="$venv/.webdesk-install"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$stamp_value" && -x "$venv/bin/webdesk" ]]; then
        log "Python packages: up to date in $venv"
        return 0
    fi
    log "pip install $* (into $venv)"
    rm -f "$stamp"
    "$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -q "$@"
    printf '%s\n' "$stamp_value" >"$stamp"
}
