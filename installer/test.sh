#!/usr/bin/env bash
# Installs everything the tests need and runs the whole suite: `bash installer/test.sh [pytest args]`.
#   As root: installs the missing Debian packages of installer/debian-packages.txt.
#   Then: a venv (WEBDESK_VENV, default ./.venv, shared with run.sh) with `pip install -e '.[test]'`,
#   ruff on desktop/ and tests/, and pytest (two workers) with QT_QPA_PLATFORM=offscreen.
#   Exit code: pytest's, except that "no tests ran" (5) counts as a failure.
#   CI=true makes a test whose real component is missing fail instead of skip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source installer/common.sh
started=$SECONDS

venv="${WEBDESK_VENV:-$PWD/.venv}"
mapfile -t packages < <(debian_packages "")
install_debian_packages "${packages[@]}"
ensure_venv "$venv"
# Editable, so the tests import the code of this checkout; the same install as run.sh's.
install_webdesk "$venv"
log "installed in $((SECONDS - started)) s"

export PATH="$venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen
unset WEBDESK_HOME WEBDESK_DATABASE_URL

lint="passed"
if ! ruff check --quiet desktop tests; then
    lint="FAILED"
fi
log "ruff check desktop tests: $lint"

output="$(mktemp /tmp/webdesk-pytest-XXXXXX.log)"
set +e
# Two workers (pytest-xdist), each taking whole files (module fixtures built once), the long
# files first (tests/conftest.py); every worker has its own PostgreSQL cluster, sshd, users
# and folders, as separate runs on one machine always had.  `-n 0` runs it in one process.
# A worker that crashes (a segfault) ends the run as a failure naming the test it ran, at
# once: replacing it once left the run waiting for ever (stop 21, round 3 of the stress loop).
python -m pytest -q -o faulthandler_timeout=900 --durations=15 \
    -n 2 --dist loadfile --no-loadscope-reorder --max-worker-restart=0 "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e
summary="$(grep -E '^(=+ )?([0-9]+ [a-z]+(, )?)+ in [0-9.]+s|no tests ran' "$output" | tail -n 1 || true)"
rm -f "$output"
if ((status == 5)); then
    log "pytest collected no tests: that counts as a failure"
    status=1
fi
log "ruff: $lint; pytest exit code: $status; $((SECONDS - started)) s in all"
printf '%s\n' "${summary:-pytest printed no summary line (exit code $status)}"
exit "$status"
