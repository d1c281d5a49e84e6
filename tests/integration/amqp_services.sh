#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-engine --active, heat-api and heat-api-cfn as three processes talking
# through a real RabbitMQ broker (tests/lib/rabbit.sh) (TAP): the C client
# and, when installed, python3-heatclient and the openstack CLI create, list,
# show and delete stacks through heat-api; the CFN API answers through the
# broker; each engine serves its own listener topic. Then the broker is
# restarted while a bounded loop of API calls runs: every answer is 200 or a
# 503 with Heat's error body, and everything recovers by itself (no process
# restarted). Skipped when rabbitmq-server is not installed. Under
# HH_VALGRIND the three daemons run under it and must exit cleanly. The
# store is SQLite, or a database of its own on HH_TEST_DB_URL's MySQL
# server when that is set (tests/lib/test_db.sh).
engine="${top_builddir:-.}/engine/heat-engine"
api="${top_builddir:-.}/api/heat-api"
cfn="${top_builddir:-.}/api/heat-api-cfn"
manage="${top_builddir:-.}/engine/store/heat-manage"
client="${top_builddir:-.}/client/heat"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/rabbit.sh
. "${top_srcdir:-.}/tests/lib/rabbit.sh"
# shellcheck source=tests/lib/test_db.sh
. "${top_srcdir:-.}/tests/lib/test_db.sh"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
gone() { ! kill -0 "$1" 2>/dev/null; }
status_is() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; }
# daemon NAME PROG ARGS...: start PROG in the background, its pid in $NAME_pid
daemon() {
    name=$1
    shift
    # shellcheck disable=SC2086 # HH_VALGRIND is a command line
    ${HH_VALGRIND:-} "$@" >"$work/$name.log" 2>&1 </dev/null &
    eval "${name}_pid=$!"
    pids="$pids $!"
}
# stop PID: SIGTERM, wait, its exit status into $work/rc
stop() {
    kill -TERM "$1"
    if wait_for 300 gone "$1"; then
        wait "$1"
        echo $? >"$work/rc"
    else
        echo running >"$work/rc"
    fi
}

rabbit_tap_start mq
port=$(free_port)
cfn_port=$(free_port)
url="http://127.0.0.1:$port"
db=$(test_db_url amqp_services "sqlite:///$work/heat.db") || {
    echo "Bail out! no database for the test"
    exit 1
}
cat >"$work/heat.conf" <<CONF
[DEFAULT]
transport_url = rabbit://guest:guest@127.0.0.1:$(rabbit_port mq)/
rpc_response_timeout = $((10 * wait_scale))
report_interval = 1
num_engine_workers = 2
graceful_shutdown_timeout = 30
[oslo_messaging_rabbit]
heartbeat_timeout_threshold = 10
kombu_reconnect_delay = 0.2
rabbit_retry_interval = 1
rabbit_retry_backoff = 0
[database]
connection = $db
[heat_api]
bind_host = 127.0.0.1
bind_port = $port
workers = 4
[heat_api_cfn]
bind_host = 127.0.0.1
bind_port = $cfn_port
workers = 2
CONF
cat >"$work/t.yaml" <<'YAML'
heat_template_version: 2018-08-31
parameters:
  word: {type: string, default: hi}
resources:
  rnd: {type: OS::Heat::RandomString, properties: {length: 8}}
  msg:
    type: OS::Heat::Value
    properties: {value: {list_join: ['-', [{get_param: word}, {get_attr: [rnd, value]}]]}}
outputs:
  message: {value: {get_attr: [msg, value]}}
YAML
"$manage" --config-file "$work/heat.conf" db_sync >"$work/manage.out" 2>&1
check "heat-manage db_sync" test $? = 0

daemon engine "$engine" -f --active --config-file "$work/heat.conf" \
    --control-socket "$work/engine.sock" --pid-file "$work/engine.pid"
daemon api "$api" -f --config-file "$work/heat.conf"
daemon cfn "$cfn" -f --config-file "$work/heat.conf"
# shellcheck disable=SC2154 # set by daemon()
check "heat-api's healthcheck reaches the engine through the broker" \
    wait_for 300 status_is "$url/healthcheck" 200
check "heat-api-cfn's too" wait_for 300 status_is "http://127.0.0.1:$cfn_port/healthcheck" 200
check "the engine logs its AMQP connection without the password" \
    sh -c "grep -q 'AMQP: connected to guest@127.0.0.1' '$work/engine.log' && ! grep -q 'guest:guest' '$work/engine.log'"

c_heat() {
    "$client" --heat-url "$url/v1/admin" --os-no-client-auth --os-auth-token x "$@"
}
stack_status() {
    curl -s "$url/v1/admin/stacks?name=$1" |
        python3 -c 'import json, sys; s = json.load(sys.stdin)["stacks"]; print(s[0]["stack_status"] if s else "none")'
}
status_of() { [ "$(stack_status "$1")" = "$2" ]; }

run_prog c_heat stack-create -f "$work/t.yaml" -P word=amqp a1
check "C client stack-create through heat-api and the broker" rc_is 0
check "a1 reaches CREATE_COMPLETE" wait_for 300 status_of a1 CREATE_COMPLETE
run_prog c_heat output-show a1 message
check "its output was computed by the engine" out_has "amqp-"
run_prog c_heat stack-list
check "C client stack-list shows a1" sh -c "grep ' a1 ' '$work/stdout' | grep -q CREATE_COMPLETE"
if command -v heat >/dev/null 2>&1; then
    run_prog heat --heat-url "$url/v1/admin" --os-no-client-auth --os-auth-token x stack-show a1
    check "python-heatclient stack-show a1" sh -c "grep -q '| stack_status .*CREATE_COMPLETE' '$work/stdout'"
else
    echo "# SKIP heat: python3-heatclient is not installed"
fi
if command -v openstack >/dev/null 2>&1; then
    run_prog openstack --os-auth-type none --os-endpoint "$url/v1/admin" stack create \
        -t "$work/t.yaml" --parameter word=os --wait -f value -c stack_status a2
    check "openstack stack create --wait: CREATE_COMPLETE" sh -c "grep -q '^CREATE_COMPLETE$' '$work/stdout'"
    run_prog openstack --os-auth-type none --os-endpoint "$url/v1/admin" stack list \
        -f value -c "Stack Name"
    check "openstack stack list shows a1 and a2" sh -c "grep -q '^a1$' '$work/stdout' && grep -q '^a2$' '$work/stdout'"
    run_prog openstack --os-auth-type none --os-endpoint "$url/v1/admin" stack delete -y --wait a2
    check "openstack stack delete --wait a2" sh -c "! grep -qi error '$work/stdout' '$work/stderr'"
    check "a2 is gone" wait_for 300 status_of a2 none
else
    echo "# SKIP openstack: python3-openstackclient is not installed"
fi
check "the CFN API lists a1 through the broker" sh -c "curl -s 'http://127.0.0.1:$cfn_port/v1/?Action=DescribeStacks&StackName=a1' | grep -q '<StackStatus>CREATE_COMPLETE</StackStatus>'"
engine_id=$(python3 - "$work/engine.sock" <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b'{"op": "status"}\n')
print(json.loads(s.makefile().readline())["engine_id"])
PY
)
check "the engine serves heat-engine-listener.<engine_id>" \
    grep -q "serving topic heat-engine-listener.$engine_id" "$work/engine.log"

# ---- broker restart mid-workload ----
# calls N: N API calls one after the other (a stack list, a stack show, the
# healthcheck), each code and body into $work/calls/I.*; stops early once
# $work/restarted exists and 10 calls in a row after it succeeded (200, or
# the 302 of a stack named without its id).
calls() {
    mkdir -p "$work/calls"
    i=0
    good=0
    while [ "$i" -lt "$1" ]; do
        i=$((i + 1))
        case $((i % 3)) in
        0) path="/v1/admin/stacks" ;;
        1) path="/v1/admin/stacks/a1" ;;
        2) path="/healthcheck" ;;
        esac
        code=$(curl -s -m 30 -o "$work/calls/$i.body" -w '%{http_code}' "$url$path")
        echo "$code $path" >"$work/calls/$i.code"
        if [ -f "$work/restarted" ] && { [ "$code" = 200 ] || [ "$code" = 302 ]; }; then
            good=$((good + 1))
            [ "$good" -ge 10 ] && break
        else
            good=0
        fi
        sleep 0.05
    done
    echo "$i" >"$work/calls/count"
}
calls 1000 &
loop=$!
sleep 1
rabbit_stop mq
check "the broker stopped" test -z "$(rabbit_pid mq)"
sleep 1
rabbit_start mq >"$work/rabbit2.out" 2>&1
check "the broker started again (same port, same data)" test -n "$(rabbit_pid mq)"
touch "$work/restarted"
wait "$loop"
n=$(cat "$work/calls/count")
check "the call loop ended with 10 successes in a row" test "$n" -lt 1000
# every answer is a success, or 503 with Heat's error body (the
# healthcheck's 503 is text)
heat_503() {
    python3 - "$1" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
e = b["error"]
assert b["code"] == 503 and b["title"] == "Service Unavailable", b
assert e["type"] in ("MessageDeliveryFailure", "MessageUndeliverable"), e
assert e["message"] and "traceback" in e, e
PY
}
bad=""
n503=0
for f in "$work"/calls/*.code; do
    read -r code path <"$f"
    body=${f%.code}.body
    case "$code $path" in
    "200 "* | "302 "*) ;;
    "503 /healthcheck") n503=$((n503 + 1)) ;;
    503*) if heat_503 "$body" 2>/dev/null; then n503=$((n503 + 1)); else bad="$bad $code:$path"; fi ;;
    *) bad="$bad $code:$path" ;;
    esac
done
echo "# $n calls, $n503 answered 503 during the outage"
check "only successes and 503s with Heat's error body during the outage ($bad)" test -z "$bad"
check "some calls met the outage (503)" test "$n503" -gt 0
check "the engine logged the lost connection and reconnected" \
    sh -c "grep -q 'connection to .* lost' '$work/engine.log' && test \$(grep -c 'AMQP: connected' '$work/engine.log') -ge 2"
run_prog c_heat stack-create -f "$work/t.yaml" -P word=after a3
check "a stack create after the restart" rc_is 0
check "a3 reaches CREATE_COMPLETE" wait_for 300 status_of a3 CREATE_COMPLETE
check "the CFN API answers again" sh -c "curl -s 'http://127.0.0.1:$cfn_port/v1/?Action=DescribeStacks&StackName=a3' | grep -q '<StackStatus>CREATE_COMPLETE</StackStatus>'"
run_prog c_heat stack-delete a1 a3
check "C client stack-delete a1 a3" rc_is 0
check "a1 is gone" wait_for 300 status_of a1 none
check "a3 is gone" wait_for 300 status_of a3 none

# ---- stop ----
for d in api cfn engine; do
    eval "p=\$${d}_pid"
    stop "$p"
    check "$d stops cleanly on SIGTERM (exit 0)" test "$(cat "$work/rc")" = 0
done
rabbit_stop_all
tap_done
