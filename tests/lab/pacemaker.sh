#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-ha under Pacemaker in a real 3-node cluster (TAP): corosync and
# Pacemaker in network namespaces on this machine, every resource of the
# pcs recipe (conf/pcs-heat-ha.sh) created with `pcs -f` and pushed with
# `pcs cluster cib-push` (no pcsd): the VIP (IPaddr2), HAProxy on every node
# with the file heat-ha-haproxy writes, heat-api and heat-api-cfn on every
# node, heat-engine as a promotable clone. For corosync's default token and
# for token 1000 ms:
#   - every resource Started or Promoted, one engine promoted, the VIP with
#     it, and stacks listed through the VIP;
#   - kill -9 of the heat-api of the VIP's node while a client loop GETs
#     the stack list through the VIP: not one failed request (HAProxy
#     retries on another node and takes the server out), and Pacemaker
#     starts heat-api again;
#   - a crash of the node holding the promoted engine and the VIP (every
#     process killed, its cable pulled, its /run wiped) during a client
#     loop: another engine promoted, the VIP moved, the failed requests
#     counted; then the node boots again and rejoins, the engine staying
#     where it is.
# Prints the failover times and failed-request counts as a table (LAB_TABLE,
# when set, gets it as well).
#
# Storage: one SQLite file ($work/heat.db) that every node's engine opens
# (the nodes share this machine's file system): a promotable engine needs
# one shared database, and the engines fence each other through the term
# stored in it. A Galera cluster is what a real deployment uses
# (heat-ha-haproxy's galera listener).
#
# Names differ from tests/lab/cluster.sh's lab (namespaces hp<pid>-*,
# 10.252.0.0/24, VIP 10.252.0.100), so both can run on one machine.
# Needs root and network namespaces, corosync, pacemaker, pcs,
# resource-agents, haproxy and python3 (else skipped), and the built
# programs and OCF agents (top_builddir: ocf:heat-ha:* appear in the nodes
# only, over the system's agents). The requests through the VIP need an
# RPC transport between the nodes: without one in the build, those checks
# are skipped. Every wait is bounded; every process it started is killed
# and its namespaces removed at exit.
: "${top_srcdir:=.}"
# shellcheck source=tests/lib/tap.sh
. "$top_srcdir/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "$top_srcdir/tests/lib/daemon.sh"
# shellcheck source=tests/lab/cluster.sh
. "$top_srcdir/tests/lab/cluster.sh"

# a lab of its own beside cluster.sh's
lab_ns="hp$$"
lab_net=10.252.0
vip=$lab_net.100
top_src=$(cd "$top_srcdir" && pwd)
recipe="$top_src/conf/pcs-heat-ha.sh"
state="$top_src/tests/lab/crm_state.py"
loop="$top_src/tests/lab/http_loop.py"
gen="$lab_build/haproxy/heat-ha-haproxy"
# per node, inside its private /run
node_heat_conf=/run/heat/heat.conf
list_url="http://$vip:8004/v1/admin/stacks"

# node N's namespaces, with its host name (Pacemaker and the agents ask it)
nrun() {
    nrun_n=$1
    shift
    nsenter -t "$(holder "$nrun_n")" -m -n -u -- "$@"
}
hubrun() { ip netns exec "$lab_ns-hub" "$@"; }

if ! why=$(lab_can_run); then
    echo "1..0 # SKIP $why"
    exit 0
fi
for p in corosync pacemakerd pcs crm_mon haproxy python3; do
    command -v "$p" >/dev/null 2>&1 || {
        echo "1..0 # SKIP $p is not installed (tools/install-deps.sh)"
        exit 0
    }
done
trap 'lab_down; [ -n "${LAB_LOGS:-}" ] && cp -r "$work" "$LAB_LOGS"; daemon_cleanup' EXIT

# The RPC transport between the nodes' APIs and engines: AMQP through a
# private RabbitMQ in the hub namespace (the network every node reaches; no
# node's crash takes it down) when the build has the driver and
# rabbitmq-server is installed; else in-process, and the requests through
# the VIP are skipped.
use_broker=no
check_broker=false
api_checks=no
api_why="no RPC transport between the nodes in this build (inproc only)"
printf '[DEFAULT]\ntransport_url = rabbit://guest:guest@%s.1:5672/\n' "$lab_net" >"$work/amqp.conf"
# (rabbit.sh's brokers listen on loopback unless it knows RABBIT_LISTEN)
if grep -q RABBIT_LISTEN "$top_src/tests/lib/rabbit.sh" 2>/dev/null &&
    [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] &&
    "$lab_build/api/heat-api" -t --config-file "$work/amqp.conf" >/dev/null 2>&1; then
    use_broker=yes check_broker=true api_checks=yes
fi
# broker_start: tests/lib/rabbit.sh's broker "lab", run in the hub and
# listening on the bridge's address (its processes die with the hub)
broker_start() {
    # shellcheck disable=SC2016 # expanded by the inner shell
    ip netns exec "$lab_ns-hub" sh -c '
        work=$1
        . "$2/tests/lib/daemon.sh"
        trap - EXIT
        . "$2/tests/lib/rabbit.sh"
        RABBIT_LISTEN=$3 rabbit_start lab' sh "$work" "$top_src" "$lab_net.1"
}
transport_url() {
    if [ "$use_broker" = yes ]; then
        echo "rabbit://guest:guest@$lab_net.1:$(cat "$work/rabbit-lab/port" 2>/dev/null)/"
    else
        echo inproc://
    fi
}

# ---- the nodes ----

# heat.conf of node N: its APIs on its own address, HAProxy's view of all
pcmk_heat_conf() {
    cat <<EOF
[DEFAULT]
host = n$1
transport_url = $(transport_url)
graceful_shutdown_timeout = 5
[database]
connection = sqlite:///$work/heat.db
[heat_api]
bind_host = $lab_net.1$1
[heat_api_cfn]
bind_host = $lab_net.1$1
[ha]
node_name = n$1
vip = $vip
nodes = n1:$lab_net.11, n2:$lab_net.12, n3:$lab_net.13
haproxy_check_interval = 0.5
haproxy_timeout = 10
haproxy_stats_socket = /run/haproxy/admin.sock
EOF
}

# What node N's /run holds after a boot (run inside the node).
fresh_run() {
    nrun "$1" sh -ec "
        mkdir -p /run/crm /run/lock /run/resource-agents /run/haproxy /run/heat-ha /run/heat
        chown hacluster:haclient /run/crm
        cp '$work/n$1/heat.conf' $node_heat_conf"
}

pacemaker_start() {
    nrun "$1" env PCMK_logfile=/var/log/pacemaker/pacemaker.log pacemakerd \
        </dev/null >>"$work/n$1/pacemakerd.out" 2>&1 &
    echo $! >"$work/n$1/pacemakerd.pid"
    pids="$pids $!"
}

# The bootstrap CIB every node starts with: no fencing in the lab (a
# crashed node is known dead: its processes are gone), a 2 s DC election
# instead of 20, sticky resources.
pcmk_cib0() {
    cibadmin --empty >"$work/cib0.xml" &&
        pcs -f "$work/cib0.xml" property set stonith-enabled=false dc-deadtime=2s \
            cluster-recheck-interval=30s &&
        pcs -f "$work/cib0.xml" resource defaults update resource-stickiness=100 >/dev/null
}

# pcmk_up TOKEN: namespaces, bridge, corosync and Pacemaker on every node,
# all online with a DC.
pcmk_up() {
    ip netns add "$lab_ns-hub" || return 1
    ip -n "$lab_ns-hub" link set lo up
    ip -n "$lab_ns-hub" link add br0 type bridge
    ip -n "$lab_ns-hub" addr add "$lab_net.1/24" dev br0
    ip -n "$lab_ns-hub" link set br0 up
    if [ "$use_broker" = yes ]; then
        broker_start || return 1
    fi
    for n in $lab_nodes; do
        d="$work/n$n"
        rm -rf "$d"
        mkdir -p "$d/lib/cib" "$d/lib/pengine" "$d/lib/blackbox" "$d/lib/cores" "$d/log" "$d/root"
        node_conf "$n" "$1"
        pcmk_heat_conf "$n" >"$d/heat.conf"
        install -o hacluster -g haclient -m 0600 "$work/cib0.xml" "$d/lib/cib/cib.xml"
        chown -R hacluster:haclient "$d/lib" "$d/log"
        chmod 750 "$d/lib"/*
        chmod 770 "$d/log"
        lab_node_net "$n" || return 1
        # a private /run and /dev/shm (pid files, libqb's rings), Pacemaker's
        # state and logs, the project's agents beside the system's, and a
        # plain home for root: ocf:heartbeat:anything starts HAProxy through
        # `su - root`, whose login shell must not run this machine's slow
        # profile
        ip netns exec "$lab_ns-n$n" unshare --mount --uts --propagation private sh -c "
            hostname n$n &&
            mount -t tmpfs -o mode=0755 tmpfs /run &&
            mount -t tmpfs -o mode=1777 tmpfs /dev/shm &&
            mount --bind '$d/lib' /var/lib/pacemaker &&
            mount --bind '$d/log' /var/log/pacemaker &&
            mount --bind '$d/root' /root &&
            mount -t overlay overlay -o lowerdir='$work/ocf':/usr/lib/ocf/resource.d /usr/lib/ocf/resource.d &&
            exec sleep 3600" </dev/null >"$d/holder.out" 2>&1 &
        echo $! >"$d/holder.pid"
        pids="$pids $!"
    done
    for n in $lab_nodes; do
        wait_for 50 sh -c "[ \"\$(cat /proc/$(holder "$n")/comm)\" = sleep ]" || return 1
        fresh_run "$n" || return 1
        corosync_start "$n"
    done
    for n in $lab_nodes; do
        wait_for 300 quorate "$n" 3 || return 1
    done
    for n in $lab_nodes; do
        pacemaker_start "$n"
    done
    wait_for 900 whole_cluster 1
}

# crm N: node N's view of the cluster (crm_state.py's lines)
crm() { nrun "$1" timeout 10 crm_mon -1 -X 2>/dev/null | python3 "$state"; }
# whole_cluster N: N sees 3 nodes online and a DC
whole_cluster() {
    s=$(crm "$1")
    [ "$(echo "$s" | grep -c '^node .* online$')" = 3 ] && echo "$s" | grep -q '^dc '
}
# where N RES ROLE: the nodes on which RES runs in ROLE, in N's view
where() { crm "$1" | awk -v r="$2" -v role="$3" '$1 == "res" && $2 == r && $3 == role && $5 == "" { print $4 }'; }
# all_running N: in N's view every clone runs on every online node without a
# failure, one engine is promoted and the VIP runs
all_running() {
    s=$(crm "$1")
    up=$(echo "$s" | grep -c '^node .* online$')
    ! echo "$s" | grep -q ' failed$' || return 1
    for r in haproxy heat-api heat-api-cfn; do
        [ "$(echo "$s" | grep -c "^res $r Started ")" = "$up" ] || return 1
    done
    [ "$(echo "$s" | grep -c '^res heat-engine Promoted ')" = 1 ] &&
        [ "$(echo "$s" | grep -c '^res heat-engine \(Promoted\|Unpromoted\) ')" = "$up" ] &&
        [ "$(echo "$s" | grep -c '^res heat-vip Started ')" = 1 ]
}
vip_node() { where "$1" heat-vip Started | sed 's/^n//'; }
promoted_node() { where "$1" heat-engine Promoted | sed 's/^n//'; }
stacks_via_vip() { hubrun curl -sf -m 3 -o /dev/null "$list_url"; }

# ---- the resources ----

# The recipe against a copy of node 1's CIB (pcs -f), pushed in one step.
# The pushed file is kept: the next lab pushes it again.
pcmk_resources() {
    if [ ! -f "$work/resources.xml" ]; then
        nrun 1 timeout 60 pcs cluster cib "$work/resources.xml" || return 1
        env PCS="nsenter -t $(holder 1) -m -n -u -- pcs -f $work/resources.xml" \
            VIP="$vip" VIP_CIDR=24 VIP_NIC=eth0 HEAT_CONF="$node_heat_conf" \
            HAPROXY_CFG="$work/haproxy.cfg" MONITOR=2 \
            HEAT_API_PARAMS="config=$node_heat_conf user=root binary=$lab_build/api/heat-api" \
            HEAT_API_CFN_PARAMS="config=$node_heat_conf user=root binary=$lab_build/api/heat-api-cfn" \
            HEAT_ENGINE_PARAMS="config=$node_heat_conf user=root binary=$lab_build/engine/heat-engine check_broker=$check_broker" \
            sh "$recipe" || return 1
    fi
    nrun 1 timeout 120 pcs cluster cib-push "$work/resources.xml" --config
}

# ---- failures ----

# node_crash N: power off: the cable pulled, every process killed, the
# addresses it held dropped, /run and /dev/shm emptied
node_crash() {
    ip -n "$lab_ns-hub" link set "v$1" down
    h=$(holder "$1")
    for p in $(ip netns pids "$lab_ns-n$1"); do
        [ "$p" != "$h" ] && kill -KILL "$p" 2>/dev/null
    done
    wait_for 50 sh -c "[ \"\$(ip netns pids '$lab_ns-n$1')\" = '$h' ]"
    ip -n "$lab_ns-n$1" addr flush dev eth0
    ip -n "$lab_ns-n$1" addr add "$lab_net.1$1/24" dev eth0
    nrun "$1" sh -c 'rm -rf /run/* /dev/shm/*'
}
node_boot() {
    fresh_run "$1"
    ip -n "$lab_ns-hub" link set "v$1" up
    corosync_start "$1"
    wait_for 300 quorate "$1" 3
    pacemaker_start "$1"
}
# pid_in N NAME: the pid of the process named NAME in node N's namespace
# (every process there was started by this lab)
pid_in() {
    for p in $(ip netns pids "$lab_ns-n$1"); do
        [ "$(cat "/proc/$p/comm" 2>/dev/null)" = "$2" ] && echo "$p" && return 0
    done
    return 1
}
now() { date +%s.%N | cut -c1-14; }
# client loop through the VIP in the hub: client_start SECONDS INTERVAL OUT
client_start() {
    : >"$3"
    hubrun python3 "$loop" "$list_url" "$1" "$2" "$3" &
    client_pid=$!
    pids="$pids $client_pid"
}
client_wait() { wait "$client_pid"; }
# client_total FILE / client_failed FILE: requests made / failed
client_total() { awk 'END { print NR }' "$1"; }
client_failed() { awk '$3 !~ /^2/ { f++ } END { print f + 0 }' "$1"; }
# client_outage FILE T0: seconds from T0 to the end of the first good answer
# after the last failed one (0 when none failed)
client_outage() {
    awk -v t0="$2" '$3 !~ /^2/ { last = NR; bad = 1 } { s[NR] = $2; ok[NR] = ($3 ~ /^2/) }
        END { if (!bad) { print "0.000"; exit }
              for (i = last + 1; i <= NR; i++) if (ok[i]) { printf "%.3f\n", s[i] - t0; exit }
              print "none" }' "$1"
}
elapsed() { echo "$1 $2" | awk '{ printf "%.3f\n", $2 - $1 }'; }

# ---- one lab per token ----

# check_api: a check of requests through the VIP, which need the nodes'
# APIs to reach the promoted engine over the RPC transport
check_api() {
    if [ "$api_checks" = yes ]; then
        check "$@"
    else
        tap_n=$((tap_n + 1))
        echo "ok $tap_n - $1 # SKIP $api_why"
    fi
}

run_token() {
    label=$1
    check "$label: 3 nodes quorate, Pacemaker online with a DC" pcmk_up "$2"
    check "$label: the recipe's resources pushed with pcs cluster cib-push" pcmk_resources
    check "$label: every resource Started or Promoted, one engine promoted" \
        wait_for 1200 all_running 1
    v=$(vip_node 1)
    p=$(promoted_node 1)
    check "$label: the VIP (n$v) with the promoted engine (n$p)" test "$v" = "$p"
    check_api "$label: stacks listed through the VIP" wait_for 300 stacks_via_vip

    # heat-api killed on the VIP's node during a client loop
    client_start 10 0.05 "$work/client-api.out"
    sleep 2
    api_pid=$(pid_in "$v" heat-api)
    check "$label: n$v's heat-api found" test -n "$api_pid"
    kill -KILL "$api_pid"
    client_wait
    api_total=$(client_total "$work/client-api.out")
    api_failed=$(client_failed "$work/client-api.out")
    check_api "$label: heat-api -9 on n$v: none of $api_total GETs through the VIP failed" \
        test "$api_failed" = 0
    check "$label: Pacemaker started n$v's heat-api again" wait_for 600 all_running 1

    # the node of the promoted engine and the VIP crashes during a client loop
    w=$((v % 3 + 1))
    client_start 45 0.1 "$work/client-crash.out"
    sleep 2
    t0=$(now)
    node_crash "$v"
    t_promoted="" t_vip=""
    i=0
    while [ $i -lt 900 ] && { [ -z "$t_promoted" ] || [ -z "$t_vip" ]; }; do
        s=$(crm "$w")
        [ -z "$t_promoted" ] && echo "$s" | grep -q "^res heat-engine Promoted n[^$v]\$" &&
            t_promoted=$(elapsed "$t0" "$(now)")
        [ -z "$t_vip" ] && echo "$s" | grep -q "^res heat-vip Started n[^$v]\$" &&
            t_vip=$(elapsed "$t0" "$(now)")
        sleep 0.1
        i=$((i + 1))
    done
    check "$label: n$v crashed: an engine promoted elsewhere (${t_promoted:-never} s)" \
        test -n "$t_promoted"
    check "$label: n$v crashed: the VIP moved (${t_vip:-never} s)" test -n "$t_vip"
    client_wait
    crash_total=$(client_total "$work/client-crash.out")
    crash_failed=$(client_failed "$work/client-crash.out")
    outage=$(client_outage "$work/client-crash.out" "$t0")
    check_api "$label: the client through the VIP answered again ($outage s)" \
        sh -c "[ '$outage' != none ]"

    node_boot "$v"
    check "$label: n$v booted: the cluster whole, every resource running again" \
        wait_for 1200 all_running "$w"
    check "$label: the promoted engine stayed where it was" \
        test "$(promoted_node "$w")" != "$v"
    printf '%-14s %9s %9s %9s %12s %12s\n' "$label" "$t_promoted" "$t_vip" "$outage" \
        "$crash_failed/$crash_total" "$api_failed/$api_total" >>"$work/table"
    lab_down
}

mkdir -p "$work/ocf/heat-ha"
for a in heat-api heat-api-cfn heat-engine; do
    install -m 0755 "$lab_build/ocf/$a" "$work/ocf/heat-ha/$a"
done
printf '[database]\nconnection = sqlite:///%s/heat.db\n' "$work" >"$work/manage.conf"
check "the shared database made" "$lab_manage" --config-file "$work/manage.conf" db_sync
pcmk_heat_conf 1 >"$work/gen.conf"
check "heat-ha-haproxy writes the lab's haproxy.cfg" \
    "$gen" --config-file "$work/gen.conf" -o "$work/haproxy.cfg"
check "haproxy -c accepts it" haproxy -c -f "$work/haproxy.cfg"
check "the bootstrap CIB" pcmk_cib0

run_token "token default" ""
run_token "token 1000" 1000

{
    echo "crash of the node holding the promoted engine and the VIP: seconds to"
    echo "the engine promoted elsewhere and the VIP moved (Pacemaker's view), to"
    echo "the first good answer through the VIP after the last failed one, and"
    echo "failed/total requests of one sequential client (one GET every 0.1 s, each"
    echo "waiting up to 5 s: an outage counts few requests, its length is the outage"
    echo "column); heat-api kill -9: failed/total GETs (one every 0.05 s)"
    printf '%-14s %9s %9s %9s %12s %12s\n' "" promoted vip client "crash" "heat-api -9"
    printf '%-14s %9s %9s %9s %12s %12s\n' "" "" moved outage failed failed
    cat "$work/table"
} >"$work/table.txt"
sed 's/^/# /' "$work/table.txt"
[ -n "${LAB_TABLE:-}" ] && cp "$work/table.txt" "$LAB_TABLE"
tap_done
