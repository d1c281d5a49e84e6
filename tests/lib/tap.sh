# tap.sh: TAP for shell test scripts. Source it, then:
#   run_prog PROGRAM ARGS...   run a program, keeping its stdout, stderr, exit code
#   check "description" COMMAND...   one TAP result: ok when COMMAND succeeds
#   skip "description" "reason"   one TAP result, skipped (ok ... # SKIP reason)
#   rc_is N / out_has TEXT / err_has TEXT   common COMMANDs about the last run
#   tap_done                   print the plan and exit (1 when a check failed)
# $work is a temporary directory removed at exit.
# shellcheck shell=sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tap_n=0
tap_status=0

check() {
    tap_n=$((tap_n + 1))
    tap_desc=$1
    shift
    if "$@" >"$work/check.out" 2>"$work/check.err"; then
        echo "ok $tap_n - $tap_desc"
    else
        echo "not ok $tap_n - $tap_desc"
        cat "$work/check.out" "$work/check.err" "$work/stdout" "$work/stderr" 2>/dev/null |
            sed 's/^/# /' | head -20
        tap_status=1
    fi
}

skip() {
    tap_n=$((tap_n + 1))
    echo "ok $tap_n - $1 # SKIP $2"
}

run_prog() {
    "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
    echo $? >"$work/rc"
}

rc_is() { [ "$(cat "$work/rc")" = "$1" ]; }
out_has() { grep -q -- "$1" "$work/stdout"; }
err_has() { grep -q -- "$1" "$work/stderr"; }

tap_done() {
    echo "1..$tap_n"
    exit "$tap_status"
}
