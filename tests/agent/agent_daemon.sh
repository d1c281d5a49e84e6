#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-ha-agent on one machine without a reachable corosync (TAP): the
# command line and exit codes, -t, the commands against no agent, and a
# running agent that supervises a heat-engine: the engine is started,
# checked healthy and kept standby (no corosync, no quorum: no leader), a
# killed engine is restarted with its restart counted, status as a table
# and as JSON, move-leader refused without quorum, standby on and off; the
# engine's database made unreachable (its fence_term table renamed away):
# unhealthy after engine_health_failures failed checks, healthy again once
# it is back; a clean stop on SIGTERM that stops the engine; an engine that
# exits at once restarted with a doubling delay until its crash loop;
# no_quorum_policy = stop holding the engine stopped without quorum; real
# heat-api and heat-api-cfn checked with GET /healthcheck, a stopped
# (SIGSTOP) heat-api killed and restarted after api_health_failures
# unanswered checks. The cluster itself is tests/lab/failover.sh. With
# HH_VALGRIND set the agent runs under it.
# Every wait is bounded; only processes this script started are signalled.
agent="${top_builddir:-.}/agent/heat-ha-agent"
engine="${top_builddir:-.}/engine/heat-engine"
manage="${top_builddir:-.}/engine/store/heat-manage"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
run() { run_prog "$agent" "$@"; }

run --version
check "--version exits 0" rc_is 0
check "--version names the program" out_has "^heat-ha-agent (heat-ha) "
run --help
check "--help lists the options and commands" sh -c "for o in -f -t --config-file --config-dir --pid-file --socket --json status move-leader standby; do grep -q -- \"\$o\" '$work/stdout' || exit 1; done"
run --frobnicate
check "unknown option exits 2" rc_is 2
run --config-file
check "option without its argument exits 2" rc_is 2
run --config-file /dev/null frobnicate
check "unknown command exits 2" rc_is 2
run --config-file /dev/null standby maybe
check "standby takes on or off only" rc_is 2

printf '[ha]\ncrash_loop_count = 0\n' >"$work/bad.conf"
run -t --config-file "$work/bad.conf"
check "-t with a bad [ha] value exits 3" rc_is 3
check "-t names the bad key" out_has "crash_loop_count"
run -t --config-file "$work/missing.conf"
check "-t with a missing file exits 3" rc_is 3
run --config-file /dev/null --socket "$work/none.sock" status
check "status without an agent exits 4" rc_is 4
check "and says it cannot reach it" err_has "cannot reach the agent"

d=$work
printf '[database]\nconnection = sqlite:///%s/heat.db\n' "$d" >"$d/manage.conf"
"$manage" --config-file "$d/manage.conf" db_sync >/dev/null 2>&1
cat >"$d/heat.conf" <<EOF
[DEFAULT]
transport_url = inproc://
[database]
connection = sqlite:///$d/heat.db
[ha]
node_name = solo
cpg_group = heat-ha-test-$$
control_socket = $d/engine.sock
agent_socket = $d/agent.sock
engine_command = $engine -f --config-file $d/heat.conf --pid-file $d/engine.pid
engine_health_interval = 1
engine_health_timeout = 2
engine_health_failures = 2
restart_delay = 0.2
EOF
run -t --config-file "$d/heat.conf"
check "-t with a good configuration exits 0" rc_is 0
check "-t prints configuration OK" out_has "^configuration OK$"

# shellcheck disable=SC2086 # HH_VALGRIND is a command line
${HH_VALGRIND:-} "$agent" -f --config-file "$d/heat.conf" --pid-file "$d/agent.pid" \
    >"$d/agent.log" 2>&1 </dev/null &
apid=$!
pids="$pids $apid"
st() { "$agent" --config-file "$d/heat.conf" status --json 2>/dev/null; }
field() { st | python3 -c "import json, sys; s = json.load(sys.stdin); print($1)"; }
engine_healthy() { [ "$(field 's["engine"]["healthy"]')" = True ]; }
check "agent answers status" wait_for 100 st
check "agent started the engine, which is healthy" wait_for 100 engine_healthy
check "not connected to corosync" test "$(field 's["connected"]')" = False
check "no quorum, no leader" test "$(field 's["quorate"], s["leader"]')" = "False None"
check "the engine stays standby" test "$(field 's["engine"]["role"], s["engine"]["wanted"]')" = "standby standby"
check "the engine service is running" test "$(field 's["services"][0]["name"], s["services"][0]["state"]')" = "heat-engine running"
epid=$(cat "$d/engine.pid")
check "status has the engine's pid" test "$(field 's["services"][0]["pid"]')" = "$epid"
run --config-file "$d/heat.conf" status
check "status table exits 0" rc_is 0
check "status table names the node and the quorum" sh -c "grep -q '^node *solo' '$work/stdout' && grep -q 'NOT quorate' '$work/stdout'"
check "status table says there is no leader" out_has "^leader *none"
check "status table lists the engine service" out_has "^heat-engine *running"
run --config-file "$d/heat.conf" move-leader solo
check "move-leader without quorum exits 1" rc_is 1
check "and says why" err_has "no quorum"
run --config-file "$d/heat.conf" standby
check "standby exits 0" rc_is 0
check "status shows standby" test "$(field 's["standby"]')" = True
run --config-file "$d/heat.conf" standby off
check "standby off" test "$(field 's["standby"]')" = False

kill -KILL "$epid"
restarted() { [ "$(field 's["services"][0]["restarts"]')" = 1 ] && engine_healthy; }
check "a killed engine is restarted and healthy again" wait_for 100 restarted
check "its last exit is recorded" test "$(field 's["services"][0]["last_exit"]')" = "signal 9"
epid=$(cat "$d/engine.pid")

run -f --config-file "$d/heat.conf" --pid-file "$d/agent.pid" --socket "$d/other.sock"
check "a second agent on the pid file exits 5" rc_is 5

# The engine's database made unreachable under it, then back.
rename_fence() {
    python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=5)
c.execute("ALTER TABLE %s RENAME TO %s" % (sys.argv[2], sys.argv[3]))
c.commit()' "$d/heat.db" "$1" "$2"
}
check "the engine reports its database's term" test "$(field 's["engine"]["database_term"] >= 0 and "problem" not in s["engine"]')" = True
rename_fence fence_term fence_term_away
db_unhealthy() { [ "$(field 's["engine"]["healthy"], "database unreachable" in s["engine"].get("problem", "")')" = "False True" ]; }
check "an engine whose database is unreachable turns unhealthy" wait_for 100 db_unhealthy
check "after engine_health_failures failed checks" test "$(field 's["engine"]["failures"] >= 2, s["engine"]["failures_allowed"]')" = "True 2"
# the verdict comes after the second failed check, not the first
debounced() {
    awk '/WARNING: local engine check failed \(1 of 2\): database unreachable/ { a = NR }
         a && /local engine check failed \(2 of 2\): database unreachable/ && !b { b = NR }
         a && /ERROR: local engine unhealthy/ && !u { u = NR }
         END { exit !(a && b && u > b) }' "$d/agent.log"
}
check "one failed check leaves it healthy: unhealthy after the second" debounced
run --config-file "$d/heat.conf" status
check "the status table says why" out_has "^local engine: unhealthy, standby.*checks failed in a row (unhealthy from 2): database unreachable"
check "the engine process is left running" test "$(field 's["services"][0]["state"], s["services"][0]["pid"]')" = "running $epid"
rename_fence fence_term_away fence_term
check "its database back: healthy again" wait_for 100 engine_healthy
check "with no problem reported" test "$(field '"problem" in s["engine"], s["engine"]["failures"]')" = "False 0"

kill -TERM "$apid"
gone() { ! kill -0 "$1" 2>/dev/null; }
check "SIGTERM stops the agent" wait_for 100 gone "$apid"
wait "$apid"
check "with exit 0" test $? -eq 0
pids=""
check "and its engine" wait_for 50 gone "$epid"
check "the agent's socket is removed" test ! -e "$d/agent.sock"
check "the log says it stopped" grep -q "NOTICE: stopped" "$d/agent.log"

# An engine that exits at once: restarted with backoff, then a crash loop.
sed -e "s|^engine_command = .*|engine_command = $(command -v false)|" \
    -e 's|^restart_delay = .*|restart_delay = 0.1\ncrash_loop_count = 3\ncrash_loop_window = 60|' \
    "$d/heat.conf" >"$d/loop.conf"
# shellcheck disable=SC2086 # HH_VALGRIND is a command line
${HH_VALGRIND:-} "$agent" -f --config-file "$d/loop.conf" --pid-file "$d/agent.pid" \
    >"$d/loop.log" 2>&1 </dev/null &
apid=$!
pids="$pids $apid"
looping() { [ "$("$agent" --config-file "$d/loop.conf" status --json 2>/dev/null | python3 -c \
    'import json, sys; s = json.load(sys.stdin)["services"][0]; print(s["state"], s["restarts"], s["recent_exits"])')" = "crash-loop 2 3" ]; }
check "an engine exiting at once ends in a crash loop after 3 exits" wait_for 100 looping
check "the crash loop is logged as an error" grep -q "ERROR: service heat-engine exited (status 1) 3 times" "$d/loop.log"
check "restarts were delayed 0.1 s, then 0.2 s" sh -c "grep -q 'restart in 0.1 s' '$d/loop.log' && grep -q 'restart in 0.2 s' '$d/loop.log'"
run --config-file "$d/loop.conf" status
check "status shows the crash loop" out_has "^heat-engine *crash-loop"
check "and an unhealthy engine" out_has "^local engine: unhealthy"
kill -TERM "$apid"
check "SIGTERM stops that agent too" wait_for 100 gone "$apid"
wait "$apid"
check "with exit 0" test $? -eq 0

# no_quorum_policy: stop holds the supervised engine stopped without quorum.
sed -e 's|^restart_delay = .*|restart_delay = 0.2\nno_quorum_policy = freeze|' "$d/heat.conf" >"$d/freeze.conf"
run -t --config-file "$d/freeze.conf"
check "no_quorum_policy = freeze is refused (exit 3)" rc_is 3
check "naming the key" out_has "no_quorum_policy"
sed -e 's|^restart_delay = .*|restart_delay = 0.2\nno_quorum_policy = stop|' "$d/heat.conf" >"$d/stop.conf"
# shellcheck disable=SC2086 # HH_VALGRIND is a command line
${HH_VALGRIND:-} "$agent" -f --config-file "$d/stop.conf" --pid-file "$d/agent.pid" \
    >"$d/stop.log" 2>&1 </dev/null &
apid=$!
pids="$pids $apid"
sst() { "$agent" --config-file "$d/stop.conf" status --json 2>/dev/null | python3 -c \
    'import json, sys; s = json.load(sys.stdin); e = s["services"][0]; print(s["quorate"], e["state"], e["pid"], s["engine"]["healthy"])'; }
held() { [ "$(sst)" = "False held 0 False" ]; }
check "no_quorum_policy = stop: without quorum the engine is held stopped" wait_for 100 held
check "and was never started" sh -c "! grep -q 'service heat-engine started' '$d/stop.log'"
check "the engine's socket is absent" test ! -e "$d/engine.sock"
kill -TERM "$apid"
check "SIGTERM stops that agent" wait_for 100 gone "$apid"
wait "$apid"
check "with exit 0" test $? -eq 0

# Real heat-api and heat-api-cfn, checked with GET /healthcheck.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
cfn_port=$(free_port)
while [ "$cfn_port" = "$port" ]; do cfn_port=$(free_port); done
# the agent's own timing scales with it (slower under valgrind)
api_interval=0.3 api_timeout=1
if [ "$wait_scale" -gt 1 ]; then api_interval=3 api_timeout=10; fi
cat >"$d/api.conf" <<CONF
[DEFAULT]
transport_url = inproc://
[heat_api]
bind_host = 127.0.0.1
bind_port = $port
workers = 1
[heat_api_cfn]
bind_host = 127.0.0.1
bind_port = $cfn_port
[ha]
node_name = apis
cpg_group = heat-ha-test-api-$$
control_socket = $d/none.sock
agent_socket = $d/api-agent.sock
api_command = ${top_builddir:-.}/api/heat-api -f --config-file $d/api.conf
api_cfn_command = ${top_builddir:-.}/api/heat-api-cfn -f --config-file $d/api.conf
api_health_interval = $api_interval
api_health_timeout = $api_timeout
api_health_failures = 2
api_start_timeout = 20
restart_delay = 0.2
CONF
# shellcheck disable=SC2086 # HH_VALGRIND is a command line
${HH_VALGRIND:-} "$agent" -f --config-file "$d/api.conf" --pid-file "$d/agent.pid" \
    >"$d/api.log" 2>&1 </dev/null &
apid=$!
pids="$pids $apid"
ast() { "$agent" --config-file "$d/api.conf" status --json 2>/dev/null; }
svc() { ast | python3 -c "import json, sys; s = {x['name']: x for x in json.load(sys.stdin)['services']}; print($1)"; }
answering() { [ "$(svc "s['$1']['health']['state'], s['$1']['health']['http_status']")" = "answering 503" ]; }
check "heat-api answers its health check (503: no engine)" wait_for 200 answering heat-api
check "heat-api-cfn answers its health check" wait_for 200 answering heat-api-cfn
check "the check asks the configured address" test "$(svc "s['heat-api']['health']['url']")" = "http://127.0.0.1:$port/healthcheck"
run --config-file "$d/api.conf" status
check "the status table shows the APIs' health" sh -c "grep -q '^heat-api  *running.*answering (HTTP 503)' '$work/stdout' && grep -q '^heat-api-cfn  *running.*answering (HTTP 503)' '$work/stdout'"
api_pid=$(svc "s['heat-api']['pid']")
kill -STOP "$api_pid"
killed() { [ "$(svc "s['heat-api']['restarts'], s['heat-api']['last_exit']")" = "1 signal 9 (not answering)" ]; }
check "a stopped heat-api that does not answer is killed and restarted" wait_for 200 killed
check "after api_health_failures unanswered checks" grep -q "ERROR: service heat-api (pid $api_pid) did not answer 2 health checks in a row" "$d/api.log"
check "each unanswered check was logged first" grep -q "WARNING: service heat-api (pid $api_pid): .*no answer in time (1 of 2)" "$d/api.log"
check "the old process is gone" wait_for 50 gone "$api_pid"
check "the new heat-api answers" wait_for 200 answering heat-api
check "with another pid" test "$(svc "s['heat-api']['pid']")" != "$api_pid"
check "heat-api-cfn was left alone" test "$(svc "s['heat-api-cfn']['restarts']")" = 0
cfn_pid=$(svc "s['heat-api-cfn']['pid']")
new_api=$(svc "s['heat-api']['pid']")
kill -TERM "$apid"
check "SIGTERM stops the agent" wait_for 100 gone "$apid"
wait "$apid"
check "with exit 0" test $? -eq 0
pids=""
check "and both APIs" sh -c "! kill -0 $new_api 2>/dev/null && ! kill -0 $cfn_pid 2>/dev/null"
tap_done
