# crash_lib.sh: kill -9 of an engine at a random point and what the
# crash-resume scripts need around it (the functions may run in
# concurrent subshells). Source it after tests/lib/tap.sh,
# with $child set to the program to kill (tests/stack/crash_child). It sets
# $dbdir (a directory for the databases, removed at exit), $url (its
# heat.db) and $seed (CRASH_SEED or the time).
# shellcheck shell=sh
# (the variables are the sourcing script's)
# shellcheck disable=SC2034
seed=${CRASH_SEED:-$(date +%s)}
# the databases: fsync on a RAM file system costs nothing, the runs stay
# short; removed at exit with tap.sh's $work
dbdir=$(mktemp -d "${CRASH_DIR:-/dev/shm}/crash.XXXXXX" 2>/dev/null || mktemp -d)
# shellcheck disable=SC2154
trap 'rm -rf "$work" "$dbdir"' EXIT
url="sqlite:///$dbdir/heat.db"

# run_killed OUT DELAY MARK ARGS...: start "$child ARGS..." and kill it
# (-9) DELAY seconds after its start or, with MARK, DELAY seconds after
# it printed a line starting with MARK (its stdout is kept in OUT.child,
# its stderr in OUT.child.err). $killed is 1 when the kill ended it, 0
# when it had ended before; $how says so for the test's record.
run_killed() {
    o=$1
    d=$2
    m=$3
    shift 3
    # emptied here, not by the child's redirection: a child killed before
    # its shell opened the file must not leave the previous run's
    # acknowledgement to be read as its own
    : >"$o.child"
    # shellcheck disable=SC2154 # $child is the sourcing script's
    "$child" "$@" >>"$o.child" 2>"$o.child.err" &
    pid=$!
    if [ -n "$m" ]; then
        n=0
        while [ "$n" -lt 4000 ] && ! printed "$m" "$o.child" && kill -0 "$pid" 2>/dev/null; do
            sleep 0.005
            n=$((n + 1))
        done
    fi
    sleep "$d"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ $? = 137 ]; then
        killed=1
        how="killed $d s after its ${m:-start}"
    else
        killed=0
        how="ended before $d s after its ${m:-start}"
    fi
}

# printed MARK FILE: FILE has a line starting with MARK (read by the
# shell itself: polled, it forks nothing).
printed() {
    while IFS= read -r line; do
        case $line in "$1"*) return 0 ;; esac
    done <"$2"
    return 1
}

# acked OUT: did the last run_killed OUT child acknowledge its action?
acked() { printed ack "$1.child"; }

# delays N SEED MAX: N delays drawn uniformly from [0, MAX], one a line.
delays() {
    awk -v n="$1" -v s="$2" -v m="$3" 'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%.3f\n", rand() * m }'
}
