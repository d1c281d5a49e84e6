#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The heat-engine OCF agent beyond ocf-tester (TAP), against a real engine
# on SQLite: monitor codes from the control socket (promoted; failed
# promoted when deposed by a newer term or without its database), the
# promotion scores (through stand-ins for crm_master/crm_attribute), notify
# after another node's promotion, stop escalating SIGTERM to SIGKILL, a
# recycled pid, validation failures with their exit reasons.
# shellcheck source=tests/ocf/ocf_lib.sh
. "${top_srcdir:-.}/tests/ocf/ocf_lib.sh"

ocf_setup
# A deposed engine stands by by itself at its next heartbeat; the monitor's
# own verdict on one (failed promoted) is checked before that comes.
sed -i 's/^report_interval = .*/report_interval = 60/' "$work/heat.conf"
# agent ACTION [VAR=VALUE...]: run the heat-engine agent with the test's
# parameters; its exit code into rc, its output into stdout/stderr
eng() {
    action=$1
    shift
    run_prog env OCF_RESKEY_binary="$bin/engine/heat-engine" OCF_RESKEY_config="$work/heat.conf" \
        OCF_RESKEY_user="$me" OCF_RESKEY_pid="$work/engine/engine.pid" \
        OCF_RESKEY_control_socket="$work/engine/engine.sock" \
        OCF_RESKEY_CRM_meta_promotable=true OCF_RESKEY_CRM_meta_clone_max=3 \
        HA_SBIN_DIR="$work/sbin" PATH="$work/sbin:$PATH" __OCF_ACTION="$action" "$@" \
        "$bin/ocf/heat-engine" "$action"
}
# The promotion score calls land in $work/scores (no cluster here).
mkdir -p "$work/sbin"
for t in crm_master crm_attribute; do
    printf '#!/bin/sh\necho "$*" >>"%s/scores"\n' "$work" >"$work/sbin/$t"
    chmod +x "$work/sbin/$t"
done
last_score() { tail -n 1 "$work/scores" 2>/dev/null; }
score_is() { last_score | grep -q -- "$1"; }
epid() { cat "$work/engine/engine.pid"; }

eng monitor
check "monitor of a stopped engine: not running (7)" rc_is 7
check "and no promotion score" score_is "-D"
eng start
check "start: 0" rc_is 0
pids="$pids $(epid)"
check "start leaves a standby engine" sh -c "'$bin/engine/heat-engine' --control-socket '$work/engine/engine.sock' status | grep -qx role=standby"
eng monitor
check "monitor of the standby engine: running (0)" rc_is 0
check "a healthy standby engine sets promotion_score 100" score_is "-v 100"
eng promote
check "promote: 0" rc_is 0
t1=$("$bin/engine/heat-engine" --control-socket "$work/engine/engine.sock" status | sed -n 's/^term=//p')
eng monitor
check "monitor of the active engine: promoted (8)" rc_is 8
check "the active engine sets one more (101)" score_is "-v 101"
eng promote
t2=$("$bin/engine/heat-engine" --control-socket "$work/engine/engine.sock" status | sed -n 's/^term=//p')
check "each promotion takes a newer fencing term ($t1, then $t2)" test "$t2" -gt "$t1"
eng notify OCF_RESKEY_CRM_meta_notify_type=post OCF_RESKEY_CRM_meta_notify_operation=promote \
    OCF_RESKEY_CRM_meta_notify_promote_uname=n1 OCF_RESKEY_CRM_meta_on_node=n1
eng monitor
check "a post-promote notify naming this node keeps it promoted" rc_is 8
eng notify OCF_RESKEY_CRM_meta_notify_type=post OCF_RESKEY_CRM_meta_notify_operation=promote \
    OCF_RESKEY_CRM_meta_notify_promote_uname=n2 OCF_RESKEY_CRM_meta_on_node=n1
check "notify answers 0" rc_is 0
eng monitor
check "after another node's promotion the active engine stood by (0)" rc_is 0
eng promote
check "promoted again" rc_is 0

# A newer term taken elsewhere (another engine's promotion): deposed.
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=5)
c.execute("UPDATE fence_term SET term = term + 5 WHERE id = 1")
c.commit()
' "$db"
eng monitor
check "an active engine deposed by a newer term: failed promoted (9)" rc_is 9
check "with its exit reason" err_has "deposed"
check "and no promotion score" score_is "-D"
eng demote
check "demote: 0" rc_is 0
eng monitor
check "the demoted engine: running (0)" rc_is 0
eng promote
check "a promotion takes the newest term again" rc_is 0
eng monitor
check "promoted (8)" rc_is 8

# The database breaks under the active engine.
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=5)
c.execute("ALTER TABLE fence_term RENAME TO fence_term_away")
c.commit()
' "$db"
eng monitor
check "an active engine that cannot read its database: failed promoted (9)" rc_is 9
check "with its exit reason" err_has "database is unreachable"
eng demote
eng monitor
check "a standby engine with a broken database still runs (0)" rc_is 0
check "but gets no promotion score" score_is "-D"
eng promote
check "an engine without its database is not promoted (1)" rc_is 1
check "with its exit reason" err_has "not promoting an unhealthy heat-engine"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=5)
c.execute("ALTER TABLE fence_term_away RENAME TO fence_term")
c.commit()
' "$db"
eng monitor
check "the database back: healthy standby again" score_is "-v 100"

# Stop escalates: a stopped (SIGSTOP) engine ignores SIGTERM.
p=$(epid)
kill -STOP "$p"
eng stop OCF_RESKEY_CRM_meta_timeout=2000
check "stop of an engine deaf to SIGTERM: 0 within the stop timeout" rc_is 0
check "it escalated to SIGKILL" err_has "SIGKILL"
check "the engine is gone" wait_for 20 gone "$p"
check "pid file removed" test ! -e "$work/engine/engine.pid"
eng stop
check "stop of a stopped engine: 0" rc_is 0
eng monitor
check "monitor after stop: not running (7)" rc_is 7

# A pid file naming a live process that is not the engine (recycled pid).
sleep 30 &
sp=$!
pids="$pids $sp"
echo "$sp" >"$work/engine/engine.pid"
eng monitor
check "a recycled pid in the pid file: not running (7)" rc_is 7
kill "$sp"
rm -f "$work/engine/engine.pid"

# Validation.
eng validate-all OCF_RESKEY_binary="$work/no-such-engine"
check "validate-all with a missing binary: not installed (5)" rc_is 5
check "with its exit reason" err_has "not found"
eng validate-all OCF_RESKEY_config="$work/missing.conf"
check "validate-all with a missing configuration: not configured (6)" rc_is 6
eng monitor OCF_RESKEY_config="$work/missing.conf" OCF_RESKEY_CRM_meta_interval=0
check "a probe with the configuration missing: not running (7)" rc_is 7
eng validate-all OCF_RESKEY_user=no-such-user-hh
check "validate-all with an unknown user: not installed (5)" rc_is 5
eng validate-all OCF_RESKEY_promotion_score=high
check "validate-all with a bad promotion_score: not configured (6)" rc_is 6
# An engine without its RPC transport (a driver this build lacks).
printf '[DEFAULT]\ntransport_url = kafka://h:1/\n' >"$work/kafka.conf"
eng start OCF_RESKEY_additional_parameters="--config-file $work/kafka.conf"
check "an engine without a transport starts (0)" rc_is 0
pids="$pids $(epid)"
eng monitor
check "and runs (0)" rc_is 0
check "but gets no promotion score" score_is "-D"
check "the monitor says why" err_has "no RPC transport (none)"
eng promote
check "it is not promoted (1)" rc_is 1
eng monitor OCF_RESKEY_check_broker=false
check "with check_broker=false it is healthy" score_is "-v 100"
eng promote OCF_RESKEY_check_broker=false
check "and promoted (0)" rc_is 0
eng monitor OCF_RESKEY_check_broker=false
check "promoted (8)" rc_is 8
eng monitor
check "an active engine without its transport, check_broker=true: failed promoted (9)" rc_is 9
eng stop
check "stop: 0" rc_is 0

printf '[DEFAULT]\nreport_interval = soon\n[database]\nconnection = sqlite:///%s\n' "$db" >"$work/bad.conf"
eng start OCF_RESKEY_config="$work/bad.conf"
check "start with a bad configuration: not configured (6)" rc_is 6
check "with its exit reason" err_has "bad configuration"


tap_done
