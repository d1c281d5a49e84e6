# crash_lib.sh: what the crash-resume scripts share. Source it after
# tests/lib/tap.sh, with $child set to crash_child. It sets $dbdir (a
# directory for the databases, removed at exit), $url (its heat.db),
# $seed (CRASH_SEED or the time), $start, and counters the scripts keep:
# $killed (children killed), $midway (resumed from IN_PROGRESS).
# shellcheck shell=sh
# (the variables are the sourcing scripts')
# shellcheck disable=SC2034
killed=0
midway=0
start=$(date +%s)
seed=${CRASH_SEED:-$(date +%s)}
# the databases: fsync on a RAM file system costs nothing, the runs stay
# short; removed at exit with tap.sh's $work
dbdir=$(mktemp -d "${CRASH_DIR:-/dev/shm}/crash.XXXXXX" 2>/dev/null || mktemp -d)
# shellcheck disable=SC2154
trap 'rm -rf "$work" "$dbdir"' EXIT
url="sqlite:///$dbdir/heat.db"

# run_killed ACTION URL DELAY FROM_ACK [NAME]: start the child, kill -9 it
# DELAY seconds after its start, or after it acknowledged the action when
# FROM_ACK is 1 (unless it ended before); its stdout is $work/child.out,
# and $how says what happened (read by the sourcing script).
# shellcheck disable=SC2034
run_killed() {
    # $work comes from tap.sh
    # shellcheck disable=SC2154
    "$child" "$1" "$2" "${5:-crash}" >"$work/child.out" 2>"$work/child.err" &
    pid=$!
    if [ "$4" = 1 ]; then
        n=0
        while [ "$n" -lt 1000 ] && ! grep -q '^\(created\|deleting\|updating\)' "$work/child.out" &&
            kill -0 "$pid" 2>/dev/null; do
            sleep 0.005
            n=$((n + 1))
        done
    fi
    sleep "$3"
    if kill -9 "$pid" 2>/dev/null; then
        killed=$((killed + 1))
        how="killed $3 s after its $([ "$4" = 1 ] && echo ack || echo start)"
    else
        how="ended before $3 s"
    fi
    wait "$pid" 2>/dev/null || true
}

# delays N SEED MAX: N delays drawn uniformly from [0, MAX], one a line.
delays() {
    awk -v n="$1" -v s="$2" -v m="$3" 'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%.3f\n", rand() * m }'
}

# elapsed T0 T1 FRACTION: FRACTION of the time between two date +%s%N.
elapsed() {
    awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { printf "%.3f", f * (b - a) / 1e9 }'
}
