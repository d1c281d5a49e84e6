#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-api as an operator runs it (TAP): the uniform command line, exit
# codes, serving on [heat_api] bind_host/bind_port, signals. Needs the built
# program (top_builddir), curl and python3 (to find a free port). Every wait
# is bounded and only processes this script started are signalled.
# heat_api_cfn_daemon.sh runs the same checks on heat-api-cfn ([heat_api_cfn],
# the Query API's ListStacks) by setting prog before sourcing this.
prog=${prog:-heat-api}
section=heat_api
list_url=v1/admin/stacks
if [ "$prog" = heat-api-cfn ]; then
    section=heat_api_cfn
    list_url="v1/?Action=ListStacks"
fi
api="${top_builddir:-.}/api/$prog"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
run() { run_prog "$api" "$@"; }
# gone PID: the process has exited
gone() { ! kill -0 "$1" 2>/dev/null; }
rc_out() { rc_is "$1" && out_has "$2"; }
rc_err() { rc_is "$1" && err_has "$2"; }
status_is() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/heat.conf" <<CONF
[DEFAULT]
transport_url = inproc://
rpc_response_timeout = 1
[$section]
bind_host = 127.0.0.1
bind_port = $port
workers = 2
CONF
printf '[DEFAULT]\ntransport_url = kafka://h:1/\n' >"$work/kafka.conf"
printf '[%s]\nbind_port = 99999\n' "$section" >"$work/badport.conf"

run --version
check "--version prints the version" rc_out 0 "$prog (heat-ha)"
run --help
check "--help prints the usage" rc_out 0 "usage: $prog"
run --bogus
check "an unknown option exits 2" rc_err 2 "unknown option --bogus"
run --config-file
check "--config-file without a file exits 2" rc_is 2
run -t --config-file "$work/heat.conf"
check "-t with a good configuration exits 0" rc_out 0 "configuration OK"
run -t --config-file "$work/badport.conf"
check "-t with a bad port exits 3" rc_out 3 "configuration error"
run -t --config-file "$work/kafka.conf"
check "-t with a transport this build lacks exits 3" rc_out 3 "no RPC driver"
run -t --config-file "$work/missing.conf"
check "-t with a missing file exits 3" rc_is 3

"$api" -f --config-file "$work/heat.conf" >"$work/api.out" 2>&1 &
pid=$!
pids="$pids $pid"
check "$prog serves GET / with 300" wait_for 50 status_is "http://127.0.0.1:$port/" 300
check "stack-list without an engine is 500 (MessagingTimeout)" \
    status_is "http://127.0.0.1:$port/$list_url" 500
check "healthcheck without an engine is 503" status_is "http://127.0.0.1:$port/healthcheck" 503
check "responses carry x-openstack-request-id" \
    sh -c "curl -si http://127.0.0.1:$port/ | grep -qi '^x-openstack-request-id: req-'"

"$api" -f --config-file "$work/heat.conf" >"$work/second.out" 2>&1 &
second=$!
pids="$pids $second"
check "a second $prog on the same port exits" wait_for 50 gone "$second"
wait "$second"
check "... with exit code 4" test $? -eq 4

kill -HUP "$pid"
check "SIGHUP keeps it serving" wait_for 20 status_is "http://127.0.0.1:$port/" 300
kill -TERM "$pid"
check "SIGTERM stops it" wait_for 50 gone "$pid"
wait "$pid"
check "... with exit code 0" test $? -eq 0
check "it logged its start and stop" sh -c "grep -q 'started' '$work/api.out' && grep -q 'SIGTERM: stopping' '$work/api.out'"
tap_done
