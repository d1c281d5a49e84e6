#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-ha-agent in a real 3-node corosync cluster (tests/lab/cluster.sh:
# network namespaces on this machine, one agent per node supervising its
# heat-engine, one SQLite database), TAP. For corosync's default token and
# for token 1000 ms, the leader is failed in turn: kill -9 of its agent, of
# its engine, of its corosync; its network cut; a clean stop of the node;
# then the node is started again; then move-leader and standby hand the
# leadership over. Every engine's control socket is sampled
# throughout (about every 10 ms): never two ACTIVE engines at one instant
# (sample_roles.py says how that is told from sequential answers),
# exactly one after each failure, on another node, and the cut-off
# minority demotes its own engine. Prints the time from each failure to
# the new ACTIVE engine (LAB_TABLE, when set, gets the table as well;
# about 3 minutes in all).
# Needs root and network namespaces (else skipped), corosync, the built
# programs (top_builddir) and python3. Every wait is bounded; the processes
# and namespaces it made are removed at exit.
: "${top_srcdir:=.}"
# shellcheck source=tests/lib/tap.sh
. "$top_srcdir/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "$top_srcdir/tests/lib/daemon.sh"
# shellcheck source=tests/lab/cluster.sh
. "$top_srcdir/tests/lab/cluster.sh"
sampler="$top_srcdir/tests/lab/sample_roles.py"

if ! why=$(lab_can_run); then
    echo "1..0 # SKIP $why"
    exit 0
fi
trap 'lab_down; daemon_cleanup' EXIT

socks() { echo "$work/n1/engine.sock $work/n2/engine.sock $work/n3/engine.sock"; }
# shellcheck disable=SC2046 # one argument per socket
roles() { python3 "$sampler" roles $(socks); }
# leader: the node whose engine alone is active (nothing when not exactly one)
leader() { roles | tr ' ' '\n' | grep -n '^active$' | awk -F: 'END { if (NR == 1) print $1 }'; }
one_active_not() { one_=$(leader) && [ -n "$one_" ] && [ "$one_" != "$1" ]; }
# whole: every agent sees 3 members, synced, quorate, healthy engines, one leader
whole() {
    for n in $lab_nodes; do
        "$lab_agent" --socket "$work/n$n/agent.sock" status --json 2>/dev/null | python3 -c '
import json, sys
s = json.load(sys.stdin)
m = s["members"]
ok = (len(m) == 3 and s["synced"] and s["quorate"] and s["leader"]
      and all(x["known"] and x["healthy"] for x in m))
sys.exit(0 if ok else 1)' || return 1
    done
    [ -n "$(leader)" ]
}
event() { echo "$(date +%s.%N) $1 $2" >>"$work/events"; }
agent_pid() { cat "$work/n$1/agent.pid"; }
corosync_pid() { nrun "$1" cat /run/corosync.pid; }
gone() { ! kill -0 "$1" 2>/dev/null; }
wait_whole() { wait_for 600 whole; }
no_double() { grep -q '^double 0 ' "$1" || { cat "$1" && false; }; }

# run_token LABEL TOKEN: one lab, every failure, a row of the table
run_token() {
    label=$1
    : >"$work/events"
    rm -f "$work/samples" "$work/samples.stop"
    check "$label: cluster up, 3 nodes quorate" lab_up "$2"
    for n in $lab_nodes; do
        agent_start "$n"
    done
    check "$label: agents elect one active engine" wait_whole
    # shellcheck disable=SC2046 # one argument per socket
    python3 "$sampler" sample "$work/samples" 300 $(socks) &
    sampler_pid=$!
    pids="$pids $sampler_pid"
    wait_for 100 test -s "$work/samples"

    l=$(leader)
    event agent-kill "$l"
    kill -KILL "$(agent_pid "$l")"
    check "$label: agent killed on n$l: another engine active" wait_for 300 one_active_not "$l"
    agent_start "$l"
    check "$label: n$l's agent back, cluster whole" wait_whole

    l=$(leader)
    event engine-kill "$l"
    kill -KILL "$(cat "$work/n$l/engine.pid")"
    check "$label: engine killed on n$l: another engine active" wait_for 300 one_active_not "$l"
    check "$label: n$l's engine restarted, cluster whole" wait_whole

    l=$(leader)
    event corosync-kill "$l"
    kill -KILL "$(corosync_pid "$l")"
    check "$label: corosync killed on n$l: another engine active" wait_for 300 one_active_not "$l"
    check "$label: n$l without corosync demoted its engine" \
        sh -c "[ \"\$(python3 '$sampler' roles '$work/n$l/engine.sock')\" = standby ]"
    corosync_start "$l"
    check "$label: n$l's corosync back, cluster whole" wait_whole

    l=$(leader)
    event net-cut "$l"
    net_cut "$l"
    check "$label: n$l cut off: another engine active" wait_for 300 one_active_not "$l"
    check "$label: the cut-off minority n$l demoted its engine" \
        sh -c "[ \"\$(python3 '$sampler' roles '$work/n$l/engine.sock')\" = standby ]"
    net_heal "$l"
    check "$label: n$l's network back, cluster whole" wait_whole

    l=$(leader)
    event clean-stop "$l"
    a=$(agent_pid "$l")
    c=$(corosync_pid "$l")
    kill -TERM "$a"
    wait_for 150 gone "$a"
    kill -TERM "$c"
    check "$label: n$l stopped cleanly: another engine active" wait_for 300 one_active_not "$l"
    # corosync's shutdown outlasts the agent's: a new one started before the
    # old has exited finds its pid file locked and exits at once
    check "$label: n$l's corosync has exited" wait_for 300 gone "$c"
    stopped=$l
    survivor=$(leader)

    event restart "$survivor"
    corosync_start "$stopped"
    agent_start "$stopped"
    check "$label: n$stopped started again, cluster whole" wait_whole
    check "$label: the leader n$survivor kept its role (sticky)" test "$(leader)" = "$survivor"

    target=$((survivor % 3 + 1))
    event move-leader "$survivor"
    check "$label: move-leader n$target from n$stopped" \
        "$lab_agent" --socket "$work/n$stopped/agent.sock" move-leader "n$target"
    check "$label: n$target leads" test "$(leader)" = "$target"
    event standby "$target"
    check "$label: standby on the leader n$target" \
        "$lab_agent" --socket "$work/n$target/agent.sock" standby on
    check "$label: n$target in standby: another engine active" \
        wait_for 300 one_active_not "$target"
    check "$label: standby off" "$lab_agent" --socket "$work/n$target/agent.sock" standby off

    touch "$work/samples.stop"
    wait_for 50 gone "$sampler_pid"
    python3 "$sampler" analyze "$work/samples" "$work/events" >"$work/analysis"
    check "$label: never two ACTIVE engines in $(wc -l <"$work/samples") sampled rounds" \
        no_double "$work/analysis"
    check "$label: the restarted node took nothing over" grep -q '^event restart - ' "$work/analysis"
    row=$(awk -v l="$label" '
        /^event/ && $2 != "restart" { t[$2] = $3 }
        END { printf "%-14s %8s %8s %8s %8s %8s %8s %8s\n", l, t["agent-kill"], t["engine-kill"],
              t["corosync-kill"], t["net-cut"], t["clean-stop"], t["move-leader"], t["standby"] }' \
        "$work/analysis")
    echo "$row" >>"$work/table"
    lab_down
}

run_token "token default" ""
run_token "token 1000" 1000

{
    echo "seconds from the failure of the leader to the new ACTIVE engine"
    printf '%-14s %8s %8s %8s %8s %8s %8s %8s\n' "" agent engine corosync net-cut clean move standby
    printf '%-14s %8s %8s %8s %8s %8s %8s %8s\n' "" kill-9 kill-9 kill-9 "" stop leader ""
    cat "$work/table"
    echo "targets: a process crash or clean stop within 0.5 s; corosync killed or the"
    echo "network cut (a node crash) within corosync's detection time + 1 s"
} >"$work/table.txt"
sed 's/^/# /' "$work/table.txt"
[ -n "${LAB_TABLE:-}" ] && cp "$work/table.txt" "$LAB_TABLE"
tap_done
