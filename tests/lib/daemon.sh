# daemon.sh: for TAP scripts that start daemons. Source it after tap.sh:
#   pids                 the processes the script started and has not seen
#                        stop; each is sent SIGKILL at exit, then $work removed
#   wait_for TENTHS COMMAND...   until COMMAND succeeds, at most TENTHS/10 s
#                        times $wait_scale; 1 when it never did
#   wait_scale           10 when HH_VALGRIND is set (tools/run-tests.sh's
#                        valgrind pass: every process is slower), else 1
# shellcheck shell=sh
pids=""
wait_scale=1
[ -n "${HH_VALGRIND:-}" ] && wait_scale=10
daemon_cleanup() {
    for p in $pids; do
        kill -KILL "$p" 2>/dev/null
    done
    # shellcheck disable=SC2154 # $work is tap.sh's
    rm -rf "$work"
}
trap daemon_cleanup EXIT

wait_for() {
    t=$(($1 * ${wait_scale:-1}))
    shift
    while [ "$t" -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
        t=$((t - 1))
    done
    return 1
}
