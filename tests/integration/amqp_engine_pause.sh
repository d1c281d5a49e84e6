#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# A paused ACTIVE engine and the engine topic (TAP): engines A and B and a
# heat-api on a real RabbitMQ broker (tests/lib/rabbit.sh) and one SQLite
# database. A is promoted, then paused (SIGSTOP) while it serves the
# engine topic, and B is promoted. A stopped process still holds its
# consumer of the engine topic, and what the broker delivered to it
# waits, unacknowledged, until the broker gives the connection up for its
# missing heartbeats (heartbeat_timeout_threshold) and hands those
# requests to B. So: concurrent API calls made while A is paused are all
# answered (200) within their rpc_response_timeout; A held at most one of
# them (prefetch 1 a consumer); A, resumed, finds its connection gone and
# stands by (deposed). Skipped when rabbitmq-server is not installed. Every wait is bounded; only
# processes this script started are signalled.
engine="${top_builddir:-.}/engine/heat-engine"
api="${top_builddir:-.}/api/heat-api"
manage="${top_builddir:-.}/engine/store/heat-manage"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/engine_ctl.sh
. "${top_srcdir:-.}/tests/lib/engine_ctl.sh"
# shellcheck source=tests/lib/fence_db.sh
. "${top_srcdir:-.}/tests/lib/fence_db.sh"
# shellcheck source=tests/lib/rabbit.sh
. "${top_srcdir:-.}/tests/lib/rabbit.sh"
rabbit_tap_start mq
fence_db_up sqlite
port=$(rabbit_free_port)
url="http://127.0.0.1:$port"
# the broker gives a silent connection up after about 4 s (x wait_scale), well
# within a call's 20 s
cat >"$work/heat.conf" <<CONF
[DEFAULT]
transport_url = $(rabbit_url mq)
rpc_response_timeout = $((20 * wait_scale))
report_interval = 1
num_engine_workers = 2
graceful_shutdown_timeout = 5
[oslo_messaging_rabbit]
heartbeat_timeout_threshold = $((4 * wait_scale))
kombu_reconnect_delay = 0.2
rabbit_retry_interval = 1
rabbit_retry_backoff = 0
[database]
connection = $fence_db_url
[heat_api]
bind_host = 127.0.0.1
bind_port = $port
workers = 8
CONF
"$manage" --config-file "$work/heat.conf" db_sync >"$work/manage.out" 2>&1
check "heat-manage db_sync" test $? = 0

# start NAME PROG ARGS...: its pid in $started, its log in $work/NAME.log
start() {
    name=$1
    shift
    # shellcheck disable=SC2086 # HH_VALGRIND is a command line
    ${HH_VALGRIND:-} "$@" >"$work/$name.log" 2>&1 </dev/null &
    started=$!
    pids="$pids $started"
}
engine() {
    start "$1" "$engine" -f --config-file "$work/heat.conf" --control-socket "$work/$1.sock" \
        --pid-file "$work/$1.pid"
}
engine a
pid_a=$started
engine b
pid_b=$started
start api "$api" -f --config-file "$work/heat.conf"
check "engine A answers, standby" wait_for 300 ctl "$work/a.sock" '{"op": "status"}'
check "engine B answers, standby" wait_for 300 ctl "$work/b.sock" '{"op": "status"}'
check "A promoted" test "$(field "$work/a.sock" '{"op": "promote"}' role)" = active
list_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/admin/stacks")" = 200 ]; }
check "heat-api lists stacks through A" wait_for 300 list_ok

# pause A outside a write transaction (its heartbeats write the database)
check "A paused outside a write transaction" fence_db_pause "$pid_a"
check "B promoted while A is paused" test "$(field "$work/b.sock" '{"op": "promote"}' role)" = active
# calls N: N concurrent stack lists; each one's code and seconds into
# $work/calls
calls() {
    i=0
    cpids=""
    while [ "$i" -lt "$1" ]; do
        curl -s -m $((60 * wait_scale)) -o /dev/null -w '%{http_code} %{time_total}\n' "$url/v1/admin/stacks" >>"$work/calls" &
        cpids="$cpids $!"
        i=$((i + 1))
    done
    for p in $cpids; do wait "$p"; done
}
: >"$work/calls"
calls 8
sort -k2 -n "$work/calls" | sed 's/^/# call: /'
check "8 calls while A is paused: all answered 200" test "$(grep -c '^200 ' "$work/calls")" = 8
longest=$(sort -k2 -n "$work/calls" | tail -1 | cut -d' ' -f2)
# B logs each request that reached it again after another server had it
again=$(grep -c "request on topic engine redelivered" "$work/b.log")
echo "# the longest call waited $longest s; $again went to A first"
check "A held at most one of them ($again)" test "$again" -le 1

kill -CONT "$pid_a"
check "A, resumed, finds its connection lost" \
    wait_for 300 grep -q "AMQP: connection to .* lost" "$work/a.log"
check "A, deposed, stands by" wait_for 300 grep -q "deposed: the current term" "$work/a.log"

for p in $pid_a $pid_b $started; do
    kill -TERM "$p"
    wait_for 300 dead "$p"
    reap "$p"
done
rabbit_stop_all
tap_done
