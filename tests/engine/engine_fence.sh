#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# Fencing without a cluster (TAP): two heat-engine processes share one
# database. A is promoted and resumes a create of a tree of 208 resources
# (tests/stack/crash_child, its TestResources waiting 3 to 9 s) left
# IN_PROGRESS by a killed engine; in the
# middle of that work A is paused (SIGSTOP), B is promoted through its
# control socket (a newer term) and finishes the create; then A is
# resumed (SIGCONT). A must write nothing: the stack rows (every table but
# the service registry's, whose heartbeats are unfenced) are the same
# before and after A ran again, A's log says its writes were refused
# (fenced) and it stands by by itself, the service list shows B active and
# A standby, and the tree has no resource twice, nothing created twice.
# Last, an idle active engine deposed by a promotion stands by at its next
# heartbeat.
#
# The database: SQLite by default; FENCE_DB=mysql runs the same on the
# MariaDB server of tests/lib/mariadb.sh (skipped when that driver or
# server is missing). On SQLite a paused process that holds the file's
# write lock blocks every other writer, so A is only left paused at a
# moment it holds no write transaction (its lock on the WAL index, in
# /proc/locks); a paused MariaDB client's row locks are its server's
# business (innodb_lock_wait_timeout). Every wait is bounded; only
# processes this script started are signalled.
engine="${top_builddir:-.}/engine/heat-engine"
manage="${top_builddir:-.}/engine/store/heat-manage"
child="${top_builddir:-.}/tests/stack/crash_child"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/engine_ctl.sh
. "${top_srcdir:-.}/tests/lib/engine_ctl.sh"
# shellcheck source=tests/lib/fence_db.sh
. "${top_srcdir:-.}/tests/lib/fence_db.sh"

db=${FENCE_DB:-sqlite}
if ! fence_db_up "$db"; then
    echo "1..0 # SKIP $db: $fence_db_why"
    exit 0
fi

printf '[database]\nconnection = %s\n' "$fence_db_url" >"$work/heat.conf"
# inproc://: no engine of this test reaches for a broker on localhost:5672
printf '[DEFAULT]\nreport_interval = 1\ngraceful_shutdown_timeout = 5\nnum_engine_workers = 4\ntransport_url = inproc://\n' \
    >"$work/engine.conf"
"$manage" --config-file "$work/heat.conf" db_sync >"$work/sync.out" 2>&1
check "heat-manage db_sync on $db" test $? -eq 0

# start NAME: a standby engine with its own socket, pid file and log;
# its pid in $started
start() {
    "$engine" -f --config-file "$work/heat.conf" --config-file "$work/engine.conf" \
        --control-socket "$work/$1.sock" --pid-file "$work/$1.pid" \
        >"$work/$1.log" 2>&1 </dev/null &
    started=$!
    pids="$pids $started"
}
services() { "$manage" --config-file "$work/heat.conf" service list 2>/dev/null; }
# role_of ENGINE_ID: its role in heat-manage service list
role_of() { services | awk -v id="$1" '$3 == id {print $8}'; }

# A create left IN_PROGRESS by an engine killed right after acknowledging it.
: >"$work/child.out"
CRASH_WAIT_SCALE=300 "$child" create "$fence_db_url" >"$work/child.out" 2>&1 &
cpid=$!
n=0
while [ "$n" -lt 4000 ] && ! grep -q '^ack' "$work/child.out" && alive "$cpid"; do
    sleep 0.005
    n=$((n + 1))
done
kill -KILL "$cpid" 2>/dev/null
wait "$cpid" 2>/dev/null
check "a create is left IN_PROGRESS by a killed engine" \
    test "$(fence_db_stack_state crash)" = CREATE_IN_PROGRESS

start a
pid_a=$started
start b
pid_b=$started
check "engine A answers, standby" wait_for 100 ctl "$work/a.sock" '{"op": "status"}'
check "engine B answers, standby" wait_for 100 ctl "$work/b.sock" '{"op": "status"}'
id_a=$(field "$work/a.sock" '{"op": "status"}' engine_id)
id_b=$(field "$work/b.sock" '{"op": "status"}' engine_id)
events0=$(fence_db_count event)
term_a=$(field "$work/a.sock" '{"op": "promote"}' term)
check "A promoted (term $term_a) resumes the create" \
    wait_for 300 grep -q "[1-9][0-9]* IN_PROGRESS stack(s) resumed" "$work/a.log"
# pause A at once, outside a write transaction
check "A paused outside a write transaction" fence_db_pause "$pid_a"
echo "# $fence_db_tries tries"
events_paused=$(fence_db_count event)
check "A was paused in the middle of the stack's work ($((events_paused - events0)) events written)" \
    sh -c "[ '$(fence_db_stack_state crash)' = CREATE_IN_PROGRESS ] && [ $events_paused -gt $events0 ]"
check "service list: A active" test "$(role_of "$id_a")" = active
check "service list: B standby" test "$(role_of "$id_b")" = standby

term_b=$(field "$work/b.sock" '{"op": "promote"}' term)
check "B promoted through its control socket while A is paused" \
    test "$(field "$work/b.sock" '{"op": "status"}' role)" = active
check "B's term ($term_b) is newer than A's ($term_a)" test "$term_b" -gt "$term_a"
check "service list: B active" test "$(role_of "$id_b")" = active
check "service list: A standby (deposed)" test "$(role_of "$id_a")" = standby
check "B resumed the stack" wait_for 100 grep -q "[1-9][0-9]* IN_PROGRESS stack(s) resumed" "$work/b.log"
created() { "$child" check "$fence_db_url" >"$work/shape" 2>"$work/shape.err" &&
    grep -q '^crash live CREATE_COMPLETE' "$work/shape"; }
check "B finishes the create" wait_for 1200 created
check "B wrote past the pause" test "$(fence_db_count event)" -gt "$events_paused"
fence_db_digest >"$work/before"

kill -CONT "$pid_a"
check "A, resumed, has its writes refused: fenced" \
    wait_for 200 grep -q "was refused: fenced by a newer term" "$work/a.log"
check "the refusal names A's term" grep -q "under term $term_a was refused" "$work/a.log"
check "A, deposed, stands by by itself" wait_for 100 grep -q "deposed: the current term is $term_b" "$work/a.log"
check "its control socket says standby" test "$(field "$work/a.sock" '{"op": "status"}' role)" = standby
# A settles: its digest of the stack rows holds still for 1 s (bounded 10 s)
settled() {
    fence_db_digest >"$work/now1"
    sleep 1
    fence_db_digest >"$work/now2"
    cmp -s "$work/now1" "$work/now2"
}
wait_for 100 settled
fence_db_digest >"$work/after"
check "A wrote nothing: every stack row as B left it" cmp "$work/before" "$work/after"
check "A is alive" alive "$pid_a"
roles_after() { [ "$(role_of "$id_a")" = standby ] && [ "$(role_of "$id_b")" = active ]; }
check "service list: A stays standby, B active" roles_after
check "no resource twice, nothing created twice" created

# An idle engine deposed (A promoted again) finds the newer term at its
# next heartbeat and stands by.
term_a2=$(field "$work/a.sock" '{"op": "promote"}' term)
b_standby() { [ "$(field "$work/b.sock" '{"op": "status"}' role)" = standby ]; }
check "A promoted again (term $term_a2): idle B stands by at its next heartbeat" wait_for 100 b_standby
check "B logged why" grep -q "deposed: the current term is $term_a2" "$work/b.log"

kill -TERM "$pid_a" "$pid_b"
both_dead() { dead "$pid_a" && dead "$pid_b"; }
check "both engines stop on SIGTERM" wait_for 100 both_dead
reap "$pid_a"
reap "$pid_b"
fence_db_down
tap_done
