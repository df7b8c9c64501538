#!/usr/bin/env bash
# Installs WebDesk, puts a `webdesk` launcher on PATH and starts it:
#   bash installer/run.sh              the demo: `webdesk --demo` (no display: a narrated tour)
#   bash installer/run.sh ARGS...      `webdesk ARGS...` instead
# As root, installs the missing Debian packages of the app first (Qt runtime, Thai fonts).
#   WEBDESK_VENV     where the virtual environment goes (default: ./.venv, shared with test.sh)
#   WEBDESK_BIN_DIR  where the launcher goes (default: /usr/local/bin as root, else ~/.local/bin)
#   PYTHON           the Python 3.11+ that creates the venv (default: python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source installer/common.sh

venv="${WEBDESK_VENV:-$PWD/.venv}"
mapfile -t runtime < <(debian_packages "app runtime")
install_debian_packages "${runtime[@]}"
ensure_venv "$venv"
install_webdesk "$venv"
install_launcher "$venv/bin/webdesk"
if (($# == 0)); then
    set -- --demo
fi
exec "$venv/bin/webdesk" "$@"
