#!/usr/bin/env bash
# The suite under load: `bash installer/stress.sh [N] [pytest args]` runs `installer/test.sh`
# N times in a row (default 5) while two CPU hogs (`yes > /dev/null`) run beside it, then
# stops the hogs (also on Ctrl-C or an error).  A test that depends on timing, scheduling or
# load shows up here.  Each round prints its time and pytest's summary line; the first round
# that fails ends the loop (its failed tests are listed; the rounds after it are not run).
# Each round's output is kept in a log folder (printed at the start).
# Exit code: 0 only if every round passed.
# Run in the background (`nohup bash installer/stress.sh 5 > stress.out 2>&1 &`), stop it with
# `kill -TERM PID`: a background job ignores SIGINT, so `kill -INT` does nothing there.  The
# running round then gets SIGINT (its process group; `env --default-signal` undoes the ignore
# a background job inherits), so pytest tears its fixtures down — servers, users, folders —
# and the script says which round it stopped in.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=5
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
    rounds="$1"
    shift
fi
logs="$(mktemp -d /tmp/webdesk-stress-XXXXXX)"
hogs=()
stop_hogs() {
    local pid
    for pid in "${hogs[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${hogs[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    hogs=()
}
child=""
round=0
started=$SECONDS
on_signal() {       # Ctrl-C or kill: hogs off now, the running round's pytest interrupted
    stop_hogs
    if [[ -n "$child" ]]; then   # its own process group (set -m): SIGINT reaches pytest,
        kill -INT -- "-$child" 2>/dev/null || true     # which tears its fixtures down
        wait "$child" 2>/dev/null || true
    fi
    echo "[webdesk stress] stopped by a signal during round $round/$rounds," \
         "$((SECONDS - started)) s in all (logs: $logs)"
    exit 130
}
trap stop_hogs EXIT
trap on_signal INT TERM

for _ in 1 2; do
    yes >/dev/null &
    hogs+=("$!")
done
echo "[webdesk stress] $rounds rounds beside two CPU hogs (pids ${hogs[*]}); logs in $logs"

failed_round=0
started=$SECONDS
for ((round = 1; round <= rounds; round++)); do
    log="$logs/round-$round.log"
    round_started=$SECONDS
    set +e
    set -m                   # the round in a process group of its own
    env --default-signal=INT bash installer/test.sh "$@" >"$log" 2>&1 &
    child=$!
    set +m
    wait "$child"            # (a trap runs at once while the script waits here)
    status=$?
    child=""
    set -e
    summary="$(tail -n 1 "$log")"
    echo "[webdesk stress] round $round/$rounds: exit $status in $((SECONDS - round_started)) s: $summary"
    if ((status != 0)); then
        failed_round=$round
        grep -E '^(FAILED|ERROR) ' "$log" | sed "s/^/[webdesk stress]   round $round: /" || true
        grep -E 'left behind' "$log" | sed "s/^/[webdesk stress]   round $round: /" || true
        break                # the first failure ends the loop
    fi
done
stop_hogs
if ((failed_round != 0)); then
    echo "[webdesk stress] round $failed_round/$rounds FAILED after $((failed_round - 1)) passed" \
         "rounds, $((SECONDS - started)) s in all (logs: $logs)"
    exit 1
fi
echo "[webdesk stress] $rounds/$rounds rounds passed in $((SECONDS - started)) s (logs: $logs)"

