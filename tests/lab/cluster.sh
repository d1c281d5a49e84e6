# cluster.sh: a 3-node corosync cluster in network namespaces on this
# machine, with a heat-ha-agent per node supervising its heat-engine, all
# engines on one SQLite database. Source it after tests/lib/tap.sh and
# tests/lib/daemon.sh; everything lives under $work.
#
#   lab_can_run             0 when root and network namespaces work (else
#                           prints why)
#   lab_up TOKEN            namespaces, bridge, corosync on every node (TOKEN:
#                           totem token in ms, empty for corosync's default),
#                           quorate; the database made
#   lab_down                every process in the lab's namespaces killed
#                           (all were started here), the namespaces deleted
#   nrun N CMD...           run CMD inside node N (network + mount namespace)
#   corosync_start N / agent_start N    start node N's daemon (pid recorded
#                           in $work/nN/corosync.pid, agent.pid)
#   lab_node_net N          node N's namespace and its link to the bridge
#   net_cut N / net_heal N  take node N's port on the bridge down / up
#
# Layout: netns hh<pid>-hub holds bridge br0; node N is netns hh<pid>-nN
# (eth0 10.251.0.1N, a veth to the bridge) plus a mount namespace (fresh
# /run and /dev/shm: corosync's pid file and libqb's rings are per node)
# held by a sleeping process. Control and agent sockets are files under
# $work/nN, reachable from the host.
# shellcheck shell=sh disable=SC2154 # $work is tap.sh's, $pids daemon.sh's

lab_ns="hh$$"
lab_net=10.251.0
lab_nodes="1 2 3"
# absolute: entering a node's mount namespace moves to its root directory
lab_build=$(cd "${top_builddir:-.}" && pwd)
lab_agent="$lab_build/agent/heat-ha-agent"
lab_engine="$lab_build/engine/heat-engine"
lab_manage="$lab_build/engine/store/heat-manage"

lab_can_run() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "not root"
        return 1
    fi
    if ! ip netns add "$lab_ns-probe" 2>/dev/null; then
        echo "no network namespace support"
        return 1
    fi
    ip netns del "$lab_ns-probe"
    return 0
}

holder() { cat "$work/n$1/holder.pid"; }

nrun() {
    nrun_n=$1
    shift
    nsenter -t "$(holder "$nrun_n")" -m -n -- "$@"
}

# node_conf N TOKEN: corosync.conf and heat.conf of node N
node_conf() {
    d="$work/n$1"
    {
        printf 'totem {\n    version: 2\n    cluster_name: hhlab\n    transport: knet\n'
        printf '    crypto_cipher: none\n    crypto_hash: none\n'
        [ -n "$2" ] && printf '    token: %s\n' "$2"
        printf '}\nnodelist {\n'
        for m in $lab_nodes; do
            printf '    node {\n        ring0_addr: %s.1%s\n        name: n%s\n        nodeid: %s\n    }\n' \
                "$lab_net" "$m" "$m" "$m"
        done
        printf '}\nquorum {\n    provider: corosync_votequorum\n}\n'
        printf 'logging {\n    to_logfile: yes\n    logfile: %s/corosync.log\n' "$d"
        printf '    to_stderr: no\n    to_syslog: no\n    timestamp: hires\n}\n'
        printf 'system {\n    state_dir: %s\n}\n' "$d"
    } >"$d/corosync.conf"
    cat >"$d/heat.conf" <<EOF
[DEFAULT]
host = n$1
transport_url = inproc://
graceful_shutdown_timeout = 5
[database]
connection = sqlite:///$work/heat.db
[ha]
node_name = n$1
cpg_group = heat-ha-lab
control_socket = $d/engine.sock
agent_socket = $d/agent.sock
engine_command = $lab_engine -f --config-file $d/heat.conf --pid-file $d/engine.pid
engine_health_interval = 1
engine_health_timeout = 2
restart_delay = 0.5
EOF
}

# lab_node_net N: node N's network namespace, its eth0 on the hub's bridge
# (veth v$N there) with the address $lab_net.1N
lab_node_net() {
    ip netns add "$lab_ns-n$1" || return 1
    ip -n "$lab_ns-hub" link add "v$1" type veth peer name eth0 netns "$lab_ns-n$1"
    ip -n "$lab_ns-hub" link set "v$1" master br0 up
    ip -n "$lab_ns-n$1" link set lo up
    ip -n "$lab_ns-n$1" addr add "$lab_net.1$1/24" dev eth0
    ip -n "$lab_ns-n$1" link set eth0 up
}

lab_up() {
    ip netns add "$lab_ns-hub" || return 1
    ip -n "$lab_ns-hub" link set lo up
    ip -n "$lab_ns-hub" link add br0 type bridge
    ip -n "$lab_ns-hub" link set br0 up
    for n in $lab_nodes; do
        mkdir -p "$work/n$n"
        lab_node_net "$n" || return 1
        ip netns exec "$lab_ns-n$n" unshare --mount --propagation private sh -c \
            'mount -t tmpfs -o mode=0755 tmpfs /run && mount -t tmpfs -o mode=1777 tmpfs /dev/shm && exec sleep 3600' \
            </dev/null >/dev/null 2>&1 &
        echo $! >"$work/n$n/holder.pid"
        pids="$pids $!"
        node_conf "$n" "$1"
    done
    for n in $lab_nodes; do
        wait_for 50 sh -c "[ \"\$(cat /proc/$(holder "$n")/comm)\" = sleep ]" || return 1
    done
    printf '[database]\nconnection = sqlite:///%s/heat.db\n' "$work" >"$work/manage.conf"
    "$lab_manage" --config-file "$work/manage.conf" db_sync >/dev/null 2>&1 || return 1
    for n in $lab_nodes; do
        corosync_start "$n"
    done
    for n in $lab_nodes; do
        wait_for 300 quorate "$n" 3 || return 1
    done
}

# quorate N VOTES: node N's corosync is quorate with VOTES votes
quorate() {
    out=$(nrun "$1" corosync-quorumtool -s 2>/dev/null)
    echo "$out" | grep -q '^Quorate: *Yes' &&
        [ "$(echo "$out" | awk '/^Total votes:/ {print $3}')" = "$2" ]
}

corosync_start() {
    # nsenter and the daemon exec in turn: $! is the daemon's pid
    nsenter -t "$(holder "$1")" -m -n -- corosync -f -c "$work/n$1/corosync.conf" \
        </dev/null >>"$work/n$1/corosync.out" 2>&1 &
    echo $! >"$work/n$1/corosync.pid"
    pids="$pids $!"
}

agent_start() {
    nsenter -t "$(holder "$1")" -m -n -- "$lab_agent" -f --config-file "$work/n$1/heat.conf" \
        --pid-file "$work/n$1/agent.pid" </dev/null >>"$work/n$1/agent.log" 2>&1 &
    echo $! >"$work/n$1/agent.pid.started"
    pids="$pids $!"
}

net_cut() { ip -n "$lab_ns-hub" link set "v$1" down; }
net_heal() { ip -n "$lab_ns-hub" link set "v$1" up; }

lab_down() {
    for ns in "$lab_ns-n1" "$lab_ns-n2" "$lab_ns-n3" "$lab_ns-hub"; do
        [ -e "/run/netns/$ns" ] || continue
        p=$(ip netns pids "$ns" 2>/dev/null)
        # shellcheck disable=SC2086 # a list of pids
        [ -n "$p" ] && kill -KILL $p 2>/dev/null
    done
    for n in $lab_nodes; do
        [ -f "$work/n$n/holder.pid" ] && kill -KILL "$(holder "$n")" 2>/dev/null
    done
    sleep 0.2
    for ns in "$lab_ns-n1" "$lab_ns-n2" "$lab_ns-n3" "$lab_ns-hub"; do
        [ -e "/run/netns/$ns" ] && ip netns del "$ns"
    done
    return 0
}
