#!/bin/sh
# rabbitctl.sh WORK start|stop|kill|port|url NAME: rabbit.sh's functions on
# the brokers under WORK (a test script's $work) from another process, e.g.
# a C test restarting its broker. Exit 0 on success.
[ $# -eq 3 ] || {
    echo "usage: $0 WORK start|stop|kill|port|url NAME" >&2
    exit 2
}
work=$1
pids=""
wait_scale=1
[ -n "${HH_VALGRIND:-}" ] && wait_scale=10
wait_for() {
    t=$(($1 * wait_scale))
    shift
    while [ "$t" -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
        t=$((t - 1))
    done
    return 1
}
# shellcheck source=tests/lib/rabbit.sh
. "$(dirname "$0")/rabbit.sh"
case $2 in
start) rabbit_start "$3" ;;
stop) rabbit_stop "$3" ;;
kill) rabbit_kill "$3" ;;
port) rabbit_port "$3" ;;
url) rabbit_url "$3" ;;
*)
    echo "$0: unknown command $2" >&2
    exit 2
    ;;
esac
