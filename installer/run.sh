#!/usr/bin/env bash
# Installs WebDesk and starts it: `bash installer/run.sh [webdesk arguments...]`.
#   As root, installs the missing Qt runtime libraries (Debian packages) first.
#   WEBDESK_VENV  where the virtual environment goes (default: ./.venv)
#   PYTHON        the Python 3.11+ that creates it (default: python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source installer/common.sh

venv="${WEBDESK_VENV:-$PWD/.venv}"
mapfile -t runtime < <(debian_packages "app runtime")
install_debian_packages "${runtime[@]}"
ensure_venv "$venv"
# A plain (non-editable) install: redone whenever the code, resources or pyproject change.
pip_install_once "$venv" "app $(fingerprint pyproject.toml setup.py desktop resources)" .
exec "$venv/bin/webdesk" "$@"
