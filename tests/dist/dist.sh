#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The distributed test (TAP; make dist-check, a step of tools/run-tests.sh):
# heat-ha as the seed deploys it, on one machine. A 3-node MariaDB Galera
# cluster behind an HAProxy single-writer frontend (node 1 active, nodes 2
# and 3 backup), a RabbitMQ broker, 3 heat-engine processes (one ACTIVE,
# promoted through its control socket) and 2 heat-api processes, each on
# loopback ports chosen free at start with a private directory.
#   (a) kill -9 of the ACTIVE engine during 20 concurrent stack creates
#       through the APIs, another engine promoted: every stack completes, no
#       resource exists twice, none was created twice
#   (d) SIGSTOP of the ACTIVE engine in the middle of stack work, another
#       promoted, SIGCONT: the old one writes nothing (the stack rows as the
#       new one left them, its writes refused as fenced) and stands by
#   (b) kill -9 of the Galera node that takes the writes in the middle of 20
#       creates: HAProxy moves to a backup, no acknowledged stack is lost
# A restart of the broker mid-workload (503 with Heat's error body, then
# recovery by itself) is tests/integration/amqp_services.sh's.
# At the end a table of figures: seconds to the new ACTIVE engine or
# writer, stacks completed, failed requests. The harness alone (Galera up,
# HAProxy routing to node 1, then to a backup once node 1 is killed) runs
# when the MySQL or AMQP driver is not built; everything is skipped when
# MariaDB/Galera, HAProxy or RabbitMQ are not installed. Bounded: every
# wait has a limit; every process is started and stopped by its pid.
manage="${top_builddir:-.}/engine/store/heat-manage"
api="${top_builddir:-.}/api/heat-api"
here="${top_srcdir:-.}/tests/dist"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/engine_ctl.sh
. "${top_srcdir:-.}/tests/lib/engine_ctl.sh"
# shellcheck source=tests/lib/fence_db.sh
. "${top_srcdir:-.}/tests/lib/fence_db.sh"
# shellcheck source=tests/dist/dist_lib.sh
. "$here/dist_lib.sh"
have_rabbit=no
if [ -f "${top_srcdir:-.}/tests/lib/rabbit.sh" ]; then
    # shellcheck disable=SC1091 # the AMQP driver's broker library
    . "${top_srcdir:-.}/tests/lib/rabbit.sh"
    rabbit_available && have_rabbit=yes
    trap 'rabbit_kill_all; daemon_cleanup' EXIT
fi
trap 'exit 143' TERM
trap 'exit 130' INT
t_start=$(date +%s)

if ! dist_galera_available; then
    echo "1..0 # SKIP tests/lib/galera.sh (the Galera test cluster) or the mariadb client is not there"
    exit 0
fi
if ! command -v haproxy >/dev/null; then
    echo "1..0 # SKIP HAProxy is not installed (tools/install-deps.sh)"
    exit 0
fi
# The drivers: heat-manage names a missing MySQL driver, heat-api -t a
# missing AMQP one.
printf '[database]\nconnection = mysql+pymysql://u:p@127.0.0.1:1/heat\n' >"$work/probe.conf"
"$manage" --config-file "$work/probe.conf" db_version >"$work/probe.out" 2>&1
have_mysql=yes
grep -qi "not built\|unsupported\|not supported" "$work/probe.out" && have_mysql=no
printf '[DEFAULT]\ntransport_url = rabbit://guest:guest@127.0.0.1:1/\n' >"$work/probe2.conf"
"$api" -t --config-file "$work/probe2.conf" >"$work/probe2.out" 2>&1
have_amqp=yes
grep -q "no RPC driver" "$work/probe2.out" && have_amqp=no
echo "# MySQL driver: $have_mysql, AMQP driver: $have_amqp, RabbitMQ: $have_rabbit"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---- the harness: Galera x3 behind HAProxy (the broker starts meanwhile) ----
if [ "$have_mysql" = yes ] && [ "$have_amqp" = yes ] && [ "$have_rabbit" = yes ]; then
    (rabbit_start mq >"$work/rabbit.out" 2>&1 && touch "$work/rabbit.up") &
    rabbit_job=$!
fi
t0=$(now)
dist_galera_start
galera_rc=$?
if grep -q "^SKIP:" "$work/galera.err"; then
    echo "1..0 # $(grep "^SKIP:" "$work/galera.err")"
    exit 0
fi
check "Galera: 3 nodes Synced" test "$galera_rc" = 0
t_galera=$(secs "$t0" "$(now)")
echo "# Galera up in $t_galera s"
check "HAProxy's single-writer frontend answers" dist_haproxy_start
writer() { dist_haproxy_sql "SELECT @@wsrep_node_name" 2>/dev/null; }
check "HAProxy sends the writes to node 1" test "$(writer)" = node1

if [ "$have_mysql" = no ] || [ "$have_amqp" = no ] || [ "$have_rabbit" = no ]; then
    # the harness alone: the writer's failover
    t0=$(now)
    dist_galera_kill 1
    on_node2() { [ "$(writer)" = node2 ]; }
    check "node 1 killed: HAProxy sends the writes to node 2 (a backup)" wait_for 200 on_node2
    echo "# writer switch in $(secs "$t0" "$(now)") s"
    two_nodes() { [ "$(dist_galera_size 2)" = 2 ]; }
    check "the cluster goes on with 2 nodes" wait_for 300 two_nodes
    check "a write through HAProxy" dist_haproxy_sql "CREATE TABLE heat.t (i INT PRIMARY KEY); INSERT INTO heat.t VALUES (1)"
    check "node 3 has it" test "$(dist_galera_sql 3 "SELECT i FROM heat.t")" = 1
    dist_stop_all
    check "every server stopped" test -z "$(echo "$pids" | tr -d ' ')"
    echo "# the scenarios need the MySQL and AMQP drivers and RabbitMQ: skipped"
    tap_done
fi

# ---- heat-ha on it ----
url=$(dist_db_url)
wait "$rabbit_job"
pids="$pids $(cat "$(rabbit_dir mq)/beam.pid" "$(rabbit_dir mq)/epmd.pid" 2>/dev/null | tr '\n' ' ')"
check "RabbitMQ broker" test -f "$work/rabbit.up"
cat >"$work/heat.conf" <<EOF
[DEFAULT]
transport_url = $(rabbit_url mq)
rpc_response_timeout = 10
report_interval = 1
graceful_shutdown_timeout = 5
num_engine_workers = 4
[oslo_messaging_rabbit]
# a paused engine's connection is given up after about 4 s, and the one
# request it holds is answered by the new ACTIVE engine within its 10 s
heartbeat_timeout_threshold = 4
[database]
connection = $url
EOF
"$manage" --config-file "$work/heat.conf" db_sync >"$work/sync.out" 2>&1
check "heat-manage db_sync through HAProxy" test $? -eq 0
fence_db_kind=mysql
fence_db_url=$url
for n in 1 2 3; do
    check "heat-engine $n, standby" dist_engine_start "$n" "$work/heat.conf"
done
for n in 1 2; do
    check "heat-api $n" dist_api_start "$n" "$work/heat.conf"
done
u1=$(dist_api_url 1)
u2=$(dist_api_url 2)
check "engine 1 promoted" test "$(field "$(dist_engine_sock 1)" '{"op": "promote"}' role)" = active
active_listed() { "$manage" --config-file "$work/heat.conf" service list 2>/dev/null |
    awk '$8 == "active"' | grep -c . | grep -qx 1; }
check "service list: one active engine of 3" active_listed

# each stack: two TestResources that wait 3 s, a RandomString, a Value
cat >"$work/stack.yaml" <<'EOF'
heat_template_version: 2016-10-14
resources:
  rnd:
    type: OS::Heat::RandomString
  slow1:
    type: OS::Heat::TestResource
    properties: {value: one, wait_secs: 3}
  slow2:
    type: OS::Heat::TestResource
    properties: {value: {get_resource: rnd}, wait_secs: 3}
  last:
    type: OS::Heat::Value
    properties: {value: {get_attr: [slow1, output]}}
EOF
load() { python3 "$here/dist_load.py" "$@"; }
# waited FILE URL PREFIX N TIMEOUT: load wait, its report kept in FILE (the
# figures' stacks completed) and printed
waited() {
    waited_f=$1
    shift
    load wait "$@" >"$waited_f"
    waited_rc=$?
    cat "$waited_f"
    return "$waited_rc"
}
completed() { awk 'NR == 1 {print $2}' "$1"; }
# stacks_like PREFIX: stacks of that name prefix in the store
stacks_like() { fence_db_py 'print(q("SELECT COUNT(*) FROM stack WHERE name LIKE ?", argv[0] + "-%")[0][0])' "$1"; }
at_least() { [ "$(stacks_like "$1")" -ge "$2" ]; }
# the invariants of the store: one live stack per name, one row per
# resource name, no physical id twice, no resource created twice (one
# CREATE COMPLETE event at most)
no_twice() {
    fence_db_py '
d = q("SELECT COUNT(*) FROM (SELECT stack_id, name FROM resource"
      " GROUP BY stack_id, name HAVING COUNT(*) > 1) x")[0][0]
p = q("SELECT COUNT(*) FROM (SELECT physical_resource_id FROM resource"
      " WHERE physical_resource_id IS NOT NULL AND physical_resource_id <> ?"
      " GROUP BY physical_resource_id HAVING COUNT(*) > 1) x", "")[0][0]
e = q("SELECT COUNT(*) FROM (SELECT stack_id, resource_name FROM event"
      " WHERE resource_action = ? AND resource_status = ? AND resource_type <> ?"
      " GROUP BY stack_id, resource_name HAVING COUNT(*) > 1) x",
      "CREATE", "COMPLETE", "OS::Heat::Stack")[0][0]
s = q("SELECT COUNT(*) FROM (SELECT tenant, name FROM stack WHERE owner_id IS NULL"
      " AND deleted_at IS NULL GROUP BY tenant, name HAVING COUNT(*) > 1) x")[0][0]
print(s, d, p, e)
assert (str(s), str(d), str(p), str(e)) == ("0", "0", "0", "0"), (s, d, p, e)'
}
acked() { python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))[sys.argv[2]]))' "$1" "$2"; }
failed_requests() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["failed_requests"])' "$1"; }

# ---- (a) kill -9 of the ACTIVE engine during 20 creates ----
load create "$u1,$u2" a 20 "$work/stack.yaml" "$work/a.json" &
lpid=$!
pids="$pids $lpid"
check "(a) creates under way: 10 stacks stored" wait_for 600 at_least a 10
t0=$(now)
kill -KILL "$(dist_engine_pid 1)"
check "(a) engine 2 promoted through its control socket" \
    test "$(field "$(dist_engine_sock 2)" '{"op": "promote"}' role)" = active
t_a=$(secs "$t0" "$(now)")
wait "$lpid"
forget "$lpid"
check "(a) every create acknowledged ($(acked "$work/a.json" acked) of 20)" test "$(acked "$work/a.json" acked)" = 20
check "(a) every stack completes" waited "$work/a.wait" "$u2" a 20 120
a_done=$(completed "$work/a.wait")
check "(a) no stack or resource twice, none created twice" no_twice

# ---- (d) SIGSTOP of the ACTIVE engine, another promoted, SIGCONT ----
pid2=$(dist_engine_pid 2)
load create "$u1,$u2" d 10 "$work/stack.yaml" "$work/d.json" &
lpid=$!
pids="$pids $lpid"
check "(d) creates under way: 5 stacks stored" wait_for 600 at_least d 5
check "(d) engine 2 paused outside a write transaction" fence_db_pause "$pid2"
echo "# (d) $fence_db_tries tries"
t0=$(now)
check "(d) engine 3 promoted while engine 2 is paused" \
    test "$(field "$(dist_engine_sock 3)" '{"op": "promote"}' role)" = active
t_d=$(secs "$t0" "$(now)")
wait "$lpid"
forget "$lpid"
check "(d) every stack completes" waited "$work/d.wait" "$u1" d 10 120
d_done=$(completed "$work/d.wait")
fence_db_digest >"$work/before"
kill -CONT "$pid2"
check "(d) engine 2, resumed, stands by" wait_for 300 grep -q "deposed: the current term" "$(dist_engine_dir 2)/log"
fence_db_digest >"$work/after"
check "(d) engine 2 wrote nothing: every stack row as engine 3 left it" cmp "$work/before" "$work/after"
if grep -q "was refused: fenced by a newer term" "$(dist_engine_dir 2)/log"; then
    echo "# (d) engine 2's writes were refused: fenced"
fi
check "(d) no stack or resource twice, none created twice" no_twice

# ---- (b) kill -9 of the Galera writer during 20 creates ----
load create "$u1,$u2" b 20 "$work/stack.yaml" "$work/b.json" &
lpid=$!
pids="$pids $lpid"
check "(b) creates under way: 5 stacks stored" wait_for 600 at_least b 5
t0=$(now)
dist_galera_kill 1
on_node2() { [ "$(writer)" = node2 ]; }
check "(b) node 1 killed: HAProxy sends the writes to node 2" wait_for 200 on_node2
t_b=$(secs "$t0" "$(now)")
wait "$lpid"
forget "$lpid"
b_acked=$(acked "$work/b.json" acked)
echo "# (b) $b_acked creates acknowledged"
python3 -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1]))["acked"]))' "$work/b.json" >"$work/b.acked"
# in the store (through HAProxy), then as the APIs show it
stored_complete() {
    fence_db_py '
want = open(argv[0]).read().split()
have = {n: (a, s) for n, a, s in
        q("SELECT name, action, status FROM stack WHERE name LIKE ? AND deleted_at IS NULL", "b-%")}
done = ("CREATE", "COMPLETE")
print(sum(1 for n in want if have.get(n) == done))
assert want and all(have.get(n) == done for n in want), [(n, have.get(n)) for n in want if have.get(n) != done]' "$work/b.acked"
}
check "(b) no acknowledged stack lost: each one is CREATE_COMPLETE in the store" wait_for 1200 stored_complete
b_done=$(stored_complete 2>/dev/null)
check "(b) heat-api 1 lists them, reading through HAProxy again" load wait "$u1" b 20 30
check "(b) heat-api 2 too" load wait "$u2" b 20 30
check "(b) no stack or resource twice, none created twice" no_twice

echo "# figures                         time (s)  stacks completed  failed requests"
printf '# (a) engine -9, new ACTIVE      %8s  %16s  %15s\n' "$t_a" "$a_done/20" "$(failed_requests "$work/a.json")"
printf '# (d) engine paused, new ACTIVE  %8s  %16s  %15s\n' "$t_d" "$d_done/10" "$(failed_requests "$work/d.json")"
printf '# (b) Galera writer -9, switch   %8s  %16s  %15s\n' "$t_b" "$b_done/20" "$(failed_requests "$work/b.json")"
echo "# Galera up in $t_galera s; whole test $(($(date +%s) - t_start)) s"

dist_stop_all
rabbit_stop_all
check "every server stopped" test -z "$(echo "$pids" | tr -d ' ')"
tap_done
