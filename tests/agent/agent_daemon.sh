#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-ha-agent on one machine without a reachable corosync (TAP): the
# command line and exit codes, -t, the commands against no agent, and a
# running agent that supervises a heat-engine: the engine is started,
# checked healthy and kept standby (no corosync, no quorum: no leader), a
# killed engine is restarted with its restart counted, status as a table
# and as JSON, move-leader refused without quorum, standby on and off, a
# clean stop on SIGTERM that stops the engine; an engine that exits at once
# restarted with a doubling delay until its crash loop. The cluster itself is
# tests/lab/failover.sh. With HH_VALGRIND set the agent runs under it.
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
tap_done
