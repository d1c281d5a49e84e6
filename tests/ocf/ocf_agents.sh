#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The OCF resource agents (ocf/, built into $top_builddir/ocf) (TAP): their
# meta-data is valid against resource-agents' RelaxNG schema and ra-api-1
# DTD, they and the man page generator are shellcheck-clean, ocf-tester
# passes for each against real daemons (heat-api and heat-api-cfn on the
# in-process transport, heat-engine on SQLite) on free loopback ports with
# all state under a temporary directory; then what ocf-tester does not
# reach: the engine's monitor codes from its control socket (promoted,
# failed promoted with a broken database), the promotion scores, the
# notify after another node's promotion, stop escalating SIGTERM to SIGKILL,
# validation failures with their exit reasons, a recycled pid, the API's
# /healthcheck policy. Needs resource-agents (else skipped), xmllint,
# xsltproc, curl, python3, the linter and the built programs. Every wait is
# bounded; only processes this script started are signalled. Skipped in the
# valgrind pass (the agents run the programs themselves, not under valgrind;
# tests/engine/engine_daemon.sh covers heat-engine's commands there).
top=${top_srcdir:-.}
build=${top_builddir:-.}
ocf_root=/usr/lib/ocf
rng=/usr/share/resource-agents/metadata.rng
dtd=/usr/share/resource-agents/ra-api-1.dtd
if [ -n "${HH_VALGRIND:-}" ]; then
    echo "1..0 # SKIP the agents run the programs themselves (not under valgrind)"
    exit 0
fi
for f in "$ocf_root/lib/heartbeat/ocf-shellfuncs" /usr/sbin/ocf-tester "$rng" "$dtd"; do
    if [ ! -e "$f" ]; then
        echo "1..0 # SKIP $f missing (tools/install-deps.sh installs resource-agents)"
        exit 0
    fi
done
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "$top/tests/lib/daemon.sh"

bin=$(cd "$build" && pwd)
agents="heat-api heat-api-cfn heat-engine"
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
me=$(id -un)
# gone PID: exited (a zombie waiting for init to reap it counts)
gone() { ! kill -0 "$1" 2>/dev/null || ps -p "$1" -o stat= | grep -q '^Z'; }
export OCF_ROOT="$ocf_root" HA_RSCTMP="$work/rsctmp"
mkdir -p "$HA_RSCTMP"
# What Pacemaker would not pass: the test's own quick stop timeout.
export OCF_RESKEY_CRM_meta_timeout=10000

# -- meta-data, schema, shellcheck, manuals --
for a in $agents; do
    "$bin/ocf/$a" meta-data >"$work/$a.xml"
    check "$a meta-data valid against resource-agents' metadata.rng" \
        xmllint --noout --relaxng "$rng" "$work/$a.xml"
    check "$a meta-data valid against ra-api-1.dtd" xmllint --noout --dtdvalid "$dtd" "$work/$a.xml"
    check "$a meta-data describes every parameter it reads" sh -c "
        for p in \$(sed -n 's/.*OCF_RESKEY_\\([a-z_]*\\)_default=.*/\\1/p' '$bin/ocf/$a'); do
            grep -q \"<parameter name=\\\"\$p\\\"\" '$work/$a.xml' || { echo \"\$p\"; exit 1; }
        done"
    check "ocf_heat-ha_$a(7) lists every parameter" sh -c "
        for p in \$(sed -n 's/.*<parameter name=\"\\([a-z_]*\\)\".*/\\1/p' '$work/$a.xml'); do
            grep -q \"^\\.It Cm \$p \" '$bin/ocf/ocf_heat-ha_$a.7' || { echo \"\$p\"; exit 1; }
        done"
done
check "the agents and ocf-man.sh are shellcheck-clean" \
    shellcheck -s sh "$bin/ocf/heat-api" "$bin/ocf/heat-api-cfn" "$bin/ocf/heat-engine" \
    "$top/ocf/ocf-man.sh"
check "heat-engine's meta-data has promote, demote, notify and a monitor per role" sh -c "
    for w in 'name=\"promote\"' 'name=\"demote\"' 'name=\"notify\"' 'role=\"Promoted\"' 'role=\"Unpromoted\"'; do
        grep -q \"\$w\" '$work/heat-engine.xml' || exit 1
    done"
check "the man page of heat-engine tells both ways to elect the engine" sh -c "
    grep -q 'Pacemaker as the elector' '$bin/ocf/ocf_heat-ha_heat-engine.7' &&
    grep -q 'heat-ha-agent without Pacemaker' '$bin/ocf/ocf_heat-ha_heat-engine.7'"

# -- ocf-tester against real daemons --
db="$work/heat.db"
# rpc_response_timeout bounds a lone heat-api's /healthcheck (its 503) to 1 s
cfn_port=$(free_port)
printf '[DEFAULT]\ntransport_url = inproc://\nreport_interval = 1\ngraceful_shutdown_timeout = 5\nrpc_response_timeout = 1\n[database]\nconnection = sqlite:///%s\n[heat_api_cfn]\nbind_host = 127.0.0.1\nbind_port = %s\n' \
    "$db" "$cfn_port" >"$work/heat.conf"
"$bin/engine/store/heat-manage" --config-file "$work/heat.conf" db_sync >/dev/null 2>&1
check "heat-manage db_sync" test $? -eq 0

tester() { # AGENT NAME OPTIONS...: ocf-tester's output in $work/NAME.tester
    a=$1 n=$2
    shift 2
    /usr/sbin/ocf-tester -n "$n" "$@" "$bin/ocf/$a" >"$work/$n.tester" 2>&1
}
api_opts() { # NAME PORT: ocf-tester's -o options for an API agent
    echo "-o binary=$bin/api/$1 -o config=$work/heat.conf -o user=$me -o pid=$work/$1/$1.pid" \
        "-o port=$2 -o bind=127.0.0.1 -o log_file=$work/$1.log"
}
engine_opts="-o binary=$bin/engine/heat-engine -o config=$work/heat.conf -o user=$me
    -o pid=$work/engine/engine.pid -o control_socket=$work/engine/engine.sock"
# heat-api alone (its /healthcheck answers 503: no engine on inproc);
# heat-api-cfn's agent running heat-all (API, CFN API and engine in one
# process: 200), its native API on the configuration's free port
# shellcheck disable=SC2046 # the options are words
tester heat-api t-heat-api $(api_opts heat-api "$(free_port)")
check "ocf-tester passes for heat-api" grep -q "passed all tests" "$work/t-heat-api.tester"
sed 's/^/# /' "$work/t-heat-api.tester" | grep -v "^# Beginning\|passed all" | head -20
printf '[heat_api]\nbind_host = 127.0.0.1\nbind_port = %s\n' "$(free_port)" >"$work/all.conf"
# shellcheck disable=SC2046 # the options are words
tester heat-api-cfn t-heat-api-cfn $(api_opts heat-api-cfn "$cfn_port") \
    -o binary="$bin/all/heat-all" -o additional_parameters="--config-file $work/all.conf"
check "ocf-tester passes for heat-api-cfn (on heat-all)" \
    grep -q "passed all tests" "$work/t-heat-api-cfn.tester"
sed 's/^/# /' "$work/t-heat-api-cfn.tester" | grep -v "^# Beginning\|passed all" | head -20
# shellcheck disable=SC2086 # the options are words
tester heat-engine t-engine $engine_opts
check "ocf-tester passes for heat-engine (promotable)" grep -q "passed all tests" "$work/t-engine.tester"
sed 's/^/# /' "$work/t-engine.tester" | grep -v "^# Beginning\|passed all" | head -20

# -- heat-engine beyond ocf-tester --
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
check "promotion without a database fails (1)" rc_is 1
check "with its exit reason" err_has "refused the promotion"
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
printf '[DEFAULT]\nreport_interval = soon\n[database]\nconnection = sqlite:///%s\n' "$db" >"$work/bad.conf"
eng start OCF_RESKEY_config="$work/bad.conf"
check "start with a bad configuration: not configured (6)" rc_is 6
check "with its exit reason" err_has "bad configuration"

# -- the API agents beyond ocf-tester --
api() { # AGENT ACTION [VAR=VALUE...]
    a=$1 action=$2
    shift 2
    run_prog env OCF_RESKEY_binary="$bin/api/$a" OCF_RESKEY_config="$work/heat.conf" \
        OCF_RESKEY_user="$me" OCF_RESKEY_pid="$work/$a/$a.pid" OCF_RESKEY_port="$port" \
        OCF_RESKEY_bind=127.0.0.1 OCF_RESKEY_log_file="$work/$a.log" __OCF_ACTION="$action" \
        "$@" "$bin/ocf/$a" "$action"
}
port=$(free_port)
api heat-api start
check "heat-api start: 0" rc_is 0
apid=$(cat "$work/heat-api/heat-api.pid")
pids="$pids $apid"
check "heat-api listens on the agent's port" \
    sh -c "curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/ | grep -q 300"
check "the lone heat-api's /healthcheck answers 503 (no engine on inproc)" \
    sh -c "curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/healthcheck | grep -q 503"
api heat-api monitor
check "monitor tolerates the 503 by default (0)" rc_is 0
api heat-api monitor OCF_RESKEY_require_engine=true
check "with require_engine=true it fails (1)" rc_is 1
check "with its exit reason" err_has "no engine answers"
printf '[DEFAULT]\ntransport_url = kafka://h:1/\n' >"$work/kafka.conf"
api heat-api-cfn start OCF_RESKEY_port="$(free_port)" OCF_RESKEY_pid="$work/cfn/cfn.pid" \
    OCF_RESKEY_additional_parameters="--config-file $work/kafka.conf"
check "heat-api-cfn refusing its configuration: start fails (1)" rc_is 1
check "with its exit reason" err_has "exited during start-up"
check "its output went to log_file" grep -q "kafka" "$work/heat-api-cfn.log"
kill -KILL "$apid"
check "heat-api killed" wait_for 50 gone "$apid"
api heat-api monitor
check "monitor after kill -9: not running (7)" rc_is 7
api heat-api stop
check "stop after kill -9: 0" rc_is 0
check "and the generated configuration is removed" test ! -e "$work/heat-api/heat-api.conf"
if [ "$(id -u)" = 0 ]; then
    # as another user: su, the state directory made theirs
    chmod 711 "$work"
    mkdir -m 755 "$work/pub"
    cp "$work/heat.conf" "$work/pub/heat.conf"
    chmod 644 "$work/pub/heat.conf"
    api heat-api start OCF_RESKEY_user=nobody OCF_RESKEY_config="$work/pub/heat.conf" \
        OCF_RESKEY_pid="$work/pub/run/api.pid" OCF_RESKEY_log_file=/dev/null
    check "heat-api started as user nobody" rc_is 0
    npid=$(cat "$work/pub/run/api.pid")
    pids="$pids $npid"
    check "runs as nobody" sh -c "ps -o user= -p $npid | grep -qx nobody"
    api heat-api stop OCF_RESKEY_pid="$work/pub/run/api.pid"
    check "and stops" rc_is 0
fi
api heat-api validate-all OCF_RESKEY_port=http
check "validate-all with a bad port: not configured (6)" rc_is 6
check "with its exit reason" err_has "not a number"

tap_done
