#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-engine driven as an operator and the HA agent drive it, against a
# temporary SQLite database, or a database of its own on HH_TEST_DB_URL's
# MySQL server (tests/lib/test_db.sh) when that is set (TAP): command line, exit codes, the control
# socket, the service registry, signals; the stack work of an active
# engine: a create left IN_PROGRESS by a killed engine (tests/stack/
# crash_child) is resumed on promotion, SIGTERM in the middle of it stops
# within graceful_shutdown_timeout leaving it resumable, [DEFAULT]
# log_file is followed through a rotation on SIGHUP. Needs the built programs
# (top_builddir) and python3 as the socket client. Every wait is bounded and
# only processes this script started are signalled.
engine="${top_builddir:-.}/engine/heat-engine"
manage="${top_builddir:-.}/engine/store/heat-manage"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/engine_ctl.sh
. "${top_srcdir:-.}/tests/lib/engine_ctl.sh"
# shellcheck source=tests/lib/test_db.sh
. "${top_srcdir:-.}/tests/lib/test_db.sh"
run() { run_prog "$engine" "$@"; }

services() { "$manage" --config-file "$work/heat.conf" service list 2>/dev/null; }
listed() { services | grep -q -- "$1"; }
not_listed() { ! services | grep -q -- "$1"; }

url=$(test_db_url engine_daemon "sqlite:///$work/heat.db") || {
    echo "Bail out! no database for the test"
    exit 1
}
printf '[database]\nconnection = %s\n' "$url" >"$work/heat.conf"
# a broker that is never reachable (port 1 refuses): the engine runs without one
printf '[DEFAULT]\nreport_interval = 1\ngraceful_shutdown_timeout = 5\ntransport_url = rabbit://guest:guest@127.0.0.1:1/\n' >"$work/engine.conf"
printf '[DEFAULT]\ntransport_url = rabbit://guest:guest@127.0.0.1:1/\n[database]\nconnection = %s\n[ha]\ncontrol_socket = %s/conf.sock\n' \
    "$url" "$work" >"$work/ha.conf"
sock="$work/engine.sock"
pidf="$work/engine.pid"

run --version
check "--version exits 0" rc_is 0
check "--version names the program" out_has "^heat-engine (heat-ha) "
run --help
check "--help exits 0" rc_is 0
check "--help lists every option" sh -c "for o in -f -t --active --config-file --config-dir --control-socket --pid-file --timeout --version --help status promote demote; do grep -q -- \"\$o\" '$work/stdout' || exit 1; done"
run --frobnicate
check "unknown option exits 2" rc_is 2
run --config-file
check "option without its argument exits 2" rc_is 2
run -f extra
check "stray argument exits 2" rc_is 2
check "naming it an unknown command" err_has "unknown command extra"

run -t --config-file "$work/heat.conf"
check "-t before db_sync exits 4" rc_is 4
check "-t says to run db_sync" out_has "run heat-manage db_sync"
"$manage" --config-file "$work/heat.conf" db_sync >/dev/null 2>&1
check "heat-manage db_sync" test $? -eq 0
run -t --config-file "$work/heat.conf" --config-file "$work/engine.conf"
check "-t with a good configuration exits 0" rc_is 0
check "-t prints configuration OK" out_has "^configuration OK$"
printf '[DEFAULT]\nreport_interval = soon\n' >"$work/bad.conf"
run -t --config-file "$work/heat.conf" --config-file "$work/bad.conf"
check "-t with a bad value exits 3" rc_is 3
check "-t names the bad key" out_has "report_interval"
run -t --config-file "$work/missing.conf"
check "-t with a missing file exits 3" rc_is 3
printf '[DEFAULT]\ndebug = true\n' >"$work/nodb.conf"
run -t --config-file "$work/nodb.conf"
check "-t without [database] connection exits 3" rc_is 3
printf '[database]\nconnection = mysql+pymysql://heat:secretpw@db/heat\n' >"$work/my.conf"
run -t --config-file "$work/my.conf"
check "-t with an unusable database exits 4" rc_is 4
check "and keeps the password out of its words" sh -c "! grep -q secretpw '$work/stdout' '$work/stderr'"
printf '[DEFAULT]\ndebug = true\n[database]\nconnection = %s\n[keystone_authtoken]\npassword = hushhush\n' \
    "$url" >"$work/debug.conf"
run -t --config-file "$work/debug.conf"
check "debug logs the configuration values" err_has "DEBUG: \[database\] connection = ${url%%:*}:"
check "with secrets masked" sh -c "! grep -q hushhush '$work/stderr'"

# One engine in the foreground, in the background of this script.
"$engine" -f --config-file "$work/heat.conf" --config-file "$work/engine.conf" \
    --control-socket "$sock" --pid-file "$pidf" >"$work/engine.log" 2>&1 </dev/null &
pid=$!
pids="$pids $pid"
check "engine answers on its control socket" wait_for 100 ctl "$sock" '{"op": "status"}'
check "starts standby" test "$(field "$sock" '{"op": "status"}' role)" = standby
check "status has term 0" test "$(field "$sock" '{"op": "status"}' term)" = 0
check "status has the host" test -n "$(field "$sock" '{"op": "status"}' host)"
engine_id=$(field "$sock" '{"op": "status"}' engine_id)
check "status has a UUID engine_id" sh -c "echo '$engine_id' | grep -Eq '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'"
check "pid file holds the engine's pid" test "$(cat "$pidf")" = "$pid"
check "service row while running" listed "$engine_id"
check "service is up" sh -c "'$manage' --config-file '$work/heat.conf' service list 2>/dev/null | grep '$engine_id' | grep -q ' up '"
t1=$(field "$sock" '{"op": "promote"}' term)
check "promote makes it active" test "$(field "$sock" '{"op": "status"}' role)" = active
check "promote takes term 1" test "$t1" = 1
role_listed() { services | grep -- "$engine_id" | awk '{print $8}'; }
check "service list shows it active" test "$(role_listed)" = active
t2=$(field "$sock" '{"op": "promote"}' term)
check "a second promote takes a newer term" test "$t2" -gt "$t1"
check "demote answers standby" test "$(field "$sock" '{"op": "demote"}' role)" = standby
check "status after demote is standby" test "$(field "$sock" '{"op": "status"}' role)" = standby
check "service list shows it standby once demoted" test "$(role_listed)" = standby
check "unknown op is an error reply" sh -c "python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(sys.argv[1])
s.sendall(b\"{\\\"op\\\": \\\"frob\\\"}\\nnot json\\n{\\\"op\\\": \\\"status\\\"}\\n\")
f = s.makefile()
a, b, c = f.readline(), f.readline(), f.readline()
sys.exit(0 if \"unknown op\" in a and \"not JSON\" in b and \"standby\" in c else 1)
' '$sock'"
check "still running after a bad request" alive "$pid"
check "status reports the database reachable" test "$(field "$sock" '{"op": "status"}' database_ok)" = True
check "and the database's current term" test "$(field "$sock" '{"op": "status"}' database_term)" = "$t2"
check "status reports no broker while none is reachable" test "$(field "$sock" '{"op": "status"}' broker_ok)" = False

# The commands: a client of the control socket printing KEY=VALUE lines.
run --control-socket "$sock" status
check "status command exits 0" rc_is 0
check "prints the role" out_has "^role=standby$"
check "and the health" sh -c "grep -qx database_ok=true '$work/stdout' && grep -qx broker_ok=false '$work/stdout' && grep -qx transport=amqp '$work/stdout'"
run --control-socket "$sock" --timeout 5 promote
check "promote command exits 0" rc_is 0
check "prints the new role and term" sh -c "grep -qx role=active '$work/stdout' && grep -qx term=$((t2 + 1)) '$work/stdout'"
run --config-file "$work/heat.conf" --control-socket "$sock" demote
check "demote command exits 0" rc_is 0
check "prints the standby role" out_has "^role=standby$"
run --control-socket "$work/none.sock" status
check "a command without an engine exits 4" rc_is 4
check "and says so" err_has "no engine answers"
run --control-socket "$sock" frob
check "an unknown command exits 2" rc_is 2
run --control-socket "$sock" status demote
check "two commands exit 2" rc_is 2
run --control-socket "$sock" --timeout 0 status
check "a bad --timeout exits 2" rc_is 2
t2=$((t2 + 1))

run -f --config-file "$work/heat.conf" --control-socket "$work/other.sock" --pid-file "$pidf"
check "a second engine on the same pid file exits 5" rc_is 5
check "and says it is already running" err_has "already running"
check "the first engine keeps its socket" ctl "$sock" '{"op": "status"}'

kill -HUP "$pid"
check "SIGHUP reopens the logs" wait_for 50 grep -q "logs reopened" "$work/engine.log"
check "SIGHUP keeps it running" alive "$pid"
check "and answering" ctl "$sock" '{"op": "status"}'
updated() { services | grep -- "$engine_id" | awk '{print $7}'; }
before=$(updated)
moved() { [ "$(updated)" != "$before" ]; }
check "heartbeats move updated_at" wait_for 50 moved
# A silent engine's row: down, removed by service clean, back with its
# next heartbeat.
status_listed() { services | grep -- "$engine_id" | awk '{print $6}'; }
is_down() { [ "$(status_listed)" = down ]; }
kill -STOP "$pid"
check "a paused engine turns down" wait_for 100 is_down
"$manage" --config-file "$work/heat.conf" service clean >/dev/null 2>&1
check "service clean removes its row" not_listed "$engine_id"
kill -CONT "$pid"
is_up() { [ "$(status_listed)" = up ]; }
check "once resumed its heartbeat registers it again, up" wait_for 50 is_up

kill -TERM "$pid"
check "SIGTERM stops it within 10 s" wait_for 100 dead "$pid"
reap "$pid"
check "exit status 0 after SIGTERM" rc_is 0
check "service row gone after a clean stop" not_listed "$engine_id"
check "socket removed" test ! -e "$sock"
check "pid file removed" test ! -e "$pidf"

# --active and [ha] control_socket, stopped by SIGINT.
"$engine" -f --active --config-file "$work/ha.conf" --pid-file "$pidf" \
    >"$work/engine2.log" 2>&1 </dev/null &
pid=$!
pids="$pids $pid"
check "[ha] control_socket is used" wait_for 100 ctl "$work/conf.sock" '{"op": "status"}'
check "--active starts active" test "$(field "$work/conf.sock" '{"op": "status"}' role)" = active
check "with a term newer than before" test "$(field "$work/conf.sock" '{"op": "status"}' term)" -gt "$t2"
kill -INT "$pid"
check "SIGINT stops it" wait_for 100 dead "$pid"
reap "$pid"
check "exit status 0 after SIGINT" rc_is 0

# Without -f: the parent returns once the daemon is set up.
run --config-file "$work/heat.conf" --control-socket "$sock" --pid-file "$pidf"
check "background start exits 0" rc_is 0
check "daemon answers" wait_for 100 ctl "$sock" '{"op": "status"}'
dpid=$(cat "$pidf")
pids="$pids $dpid"
check "daemon's pid in the pid file" alive "$dpid"
kill -TERM "$dpid"
check "daemon stops on SIGTERM" wait_for 100 dead "$dpid"
dead "$dpid" && forget "$dpid"
check "daemon's service row gone" wait_for 20 not_listed heat-engine

# Stack work. A create left IN_PROGRESS by an engine killed in its middle.
child="${top_builddir:-.}/tests/stack/crash_child"
# state NAME: ACTION_STATUS of the live stack NAME, or none
state() {
    st=$(test_db_row "$url" "SELECT action, status FROM stack WHERE name = '$1' AND deleted_at IS NULL")
    echo "${st:-none}"
}
in_progress() { [ "$(state "$1")" = CREATE_IN_PROGRESS ]; }
created() { "$child" check "$url" >"$work/shape" && grep -q '^crash live CREATE_COMPLETE' "$work/shape"; }
"$child" create "$url" >"$work/child.out" 2>&1 &
cpid=$!
# killed as soon as it acknowledged the create (at most 20 s of 5 ms polls)
n=0
while [ "$n" -lt 4000 ] && ! grep -q '^ack' "$work/child.out" && alive "$cpid"; do
    sleep 0.005
    n=$((n + 1))
done
kill -KILL "$cpid" 2>/dev/null
wait "$cpid" 2>/dev/null
check "a create is left IN_PROGRESS by a killed engine" in_progress crash

printf '[DEFAULT]\nlog_file = engine3.log\nlog_dir = %s\ngraceful_shutdown_timeout = 5\n' \
    "$work" >"$work/log.conf"
"$engine" -f --config-file "$work/heat.conf" --config-file "$work/engine.conf" \
    --config-file "$work/log.conf" --control-socket "$sock" --pid-file "$pidf" \
    >/dev/null 2>&1 </dev/null &
pid=$!
pids="$pids $pid"
check "a standby engine answers" wait_for 100 ctl "$sock" '{"op": "status"}'
check "it logs to [DEFAULT] log_file in log_dir" grep -q "standing by" "$work/engine3.log"
check "a standby engine leaves the stack alone" in_progress crash
mv "$work/engine3.log" "$work/engine3.log.1"
kill -HUP "$pid"
check "SIGHUP opens log_file anew after a rotation" wait_for 50 grep -q "logs reopened" "$work/engine3.log"
field "$sock" '{"op": "promote"}' role >/dev/null
check "promotion resumes the IN_PROGRESS stack" \
    wait_for 100 grep -Eq " [1-9][0-9]* IN_PROGRESS stack\\(s\\) resumed" "$work/engine3.log"
kill -TERM "$pid"
check "SIGTERM in the middle of the work stops within graceful_shutdown_timeout" \
    wait_for 100 dead "$pid"
reap "$pid"
check "exit status 0: every running step finished and was committed" rc_is 0
not_failed() { [ "$(test_db_value "$url" "SELECT status FROM stack WHERE name = 'crash'")" != FAILED ]; }
check "the stack is IN_PROGRESS or created, never broken" not_failed

"$engine" -f --active --config-file "$work/heat.conf" --config-file "$work/engine.conf" \
    --config-file "$work/log.conf" --control-socket "$sock" --pid-file "$pidf" \
    >/dev/null 2>&1 </dev/null &
pid=$!
pids="$pids $pid"
check "the next active engine finishes the create" wait_for 600 created
kill -TERM "$pid"
check "and stops" wait_for 100 dead "$pid"
reap "$pid"
check "exit status 0" rc_is 0

tap_done
