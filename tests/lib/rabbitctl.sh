#!/bin/sh
# rabbitctl.sh WORK start|stop|kill|port|url NAME: rabbit.sh's functions on
# the brokers under WORK (a test script's $work) from another process, e.g.
# a C test restarting its broker. Exit 0 on success.
[ $# -eq 3 ] || {
    echo "usage: $0 WORK start|stop|kill|port|url NAME" >&2
    exit 2
}
# shellcheck source=tests/lib/daemon.sh
. "$(dirname "$0")/daemon.sh"
# WORK is the calling test's, and so are its processes: not daemon.sh's
# to remove or kill at exit
trap - EXIT
work=$1
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
