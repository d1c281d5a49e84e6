#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-all driven by the real OpenStack clients from Debian (TAP):
# python3-heatclient's `heat` with the seed's verbs (and heat-ha's C `heat`
# printing the same bytes) and python3-openstackclient's
# `openstack stack ...` on the demo template, asserting the values computed
# from the parameters given, the statuses and the resources; then heat-all's
# own command line, exit codes and signals. A client package that is absent
# skips its part (tools/install-deps.sh installs both). With HH_VALGRIND set
# (tools/run-tests.sh's valgrind pass) heat-all itself runs under it, so an
# error or leak in heat-all fails its exit status check. With HH_TEST_DB_URL
# set (make check-mariadb) heat-all runs on a database of its own there
# ([database] connection, tests/lib/test_db.sh), else on its default
# SQLite file. Every wait is bounded; only processes this script started
# are signalled.
all="${top_builddir:-.}/all/heat-all"
client="${top_builddir:-.}/client/heat"
templates="${top_srcdir:-.}/conf/templates"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/test_db.sh
. "${top_srcdir:-.}/tests/lib/test_db.sh"
run() { run_prog "$all" "$@"; }
gone() { ! kill -0 "$1" 2>/dev/null; }
rc_out() { rc_is "$1" && out_has "$2"; }
refused_with() { ! rc_is 0 && err_has "$1"; }
status_is() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; }
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# start CONF LOG: heat-all in the foreground of this script, its pid in $pid
start() {
    # shellcheck disable=SC2086 # HH_VALGRIND is a command line
    ${HH_VALGRIND:-} "$all" -f --config-file "$1" >"$2" 2>&1 </dev/null &
    pid=$!
    pids="$pids $pid"
}
# stop PID: SIGTERM, then its exit status into $work/rc (or "running")
stop() {
    kill -TERM "$1"
    if wait_for 300 gone "$1"; then
        wait "$1"
        echo $? >"$work/rc"
        pids=$(echo " $pids " | sed "s/ $1 / /")
    else
        echo running >"$work/rc"
    fi
}

port=$(free_port)
url="http://127.0.0.1:$port"
state="$work/state"
cat >"$work/heat.conf" <<CONF
[DEFAULT]
state_path = $state
num_engine_workers = 2
graceful_shutdown_timeout = 30
[heat_api]
bind_port = $port
workers = 2
[heat_api_cfn]
bind_port = $(free_port)
CONF
db=""
if [ -n "${HH_TEST_DB_URL:-}" ]; then
    db=$(test_db_url heat_all "") || {
        echo "Bail out! no database for the test"
        exit 1
    }
    printf '[database]\nconnection = %s\n' "$db" >>"$work/heat.conf"
fi

# ---- command line ----
run --version
check "--version names the program" rc_out 0 "^heat-all (heat-ha) "
run --help
check "--help lists the uniform options" sh -c "for o in -f -t --config-file --config-dir --version --help; do grep -q -- \"\$o\" '$work/stdout' || exit 1; done"
run --bogus
check "an unknown option exits 2" rc_is 2
run -f extra
check "a stray argument exits 2" rc_is 2
run -t --config-file "$work/heat.conf"
check "-t makes the state directory and the database, exits 0" rc_out 0 "configuration OK"
if [ -z "$db" ]; then
    check "the database is state_path/heat.sqlite" test -s "$state/heat.sqlite"
else
    skip "the database is state_path/heat.sqlite" "[database] connection is set (HH_TEST_DB_URL)"
fi
printf '[DEFAULT]\nstate_path = relative/dir\n' >"$work/rel.conf"
run -t --config-file "$work/rel.conf"
check "-t with a relative state_path exits 3" rc_out 3 "state_path"
printf '[DEFAULT]\nstate_path = %s\n[database]\nconnection = sqlite:///%s/nodir/x/heat.db\n' \
    "$state" "$work" >"$work/badb.conf"
run -t --config-file "$work/badb.conf"
check "-t with a database that cannot be opened exits 4" rc_out 4 "database error"

# ---- serving ----
start "$work/heat.conf" "$work/all.log"
check "heat-all answers GET / with 300" wait_for 100 status_is "$url/" 300
check "its healthcheck reaches the engine" status_is "$url/healthcheck" 200
check "it logs that it took a term" wait_for 100 grep -q "started.*term" "$work/all.log"
check "the pid file holds its pid" test "$(cat "$state/heat-all.pid" 2>/dev/null)" = "$pid"
run -f --config-file "$work/heat.conf"
check "a second heat-all on the same state_path exits 5" rc_is 5
# The listening address is Heat's [heat_api] bind_port: a taken one is exit 6.
# It is another heat-all: its own state_path and database (heat.conf's last
# section, when there is one), else it would take the term and fence the
# first one.
sed "s|^state_path = .*|state_path = $work/other|; /^\[database\]/,\$d" "$work/heat.conf" >"$work/busy.conf"
if [ -n "$db" ]; then
    printf '[database]\nconnection = %s\n' "$(test_db_url heat_all "")" >>"$work/busy.conf"
fi
run -f --config-file "$work/busy.conf"
check "a heat-all on a taken bind_port exits 6" rc_is 6

# stack_status NAME: the stack's status over the API ("none" when absent)
stack_status() {
    curl -s "$url/v1/admin/stacks?name=$1" |
        python3 -c 'import json, sys; s = json.load(sys.stdin)["stacks"]; print(s[0]["stack_status"] if s else "none")'
}
status_of() { [ "$(stack_status "$1")" = "$2" ]; }

if command -v heat >/dev/null 2>&1; then
    heat() {
        command heat --heat-url "$url/v1/admin" --os-no-client-auth --os-auth-token x "$@"
    }
    # same_as_c VERB...: heat-ha's C client prints what python-heatclient
    # printed for the last run, byte for byte
    c_client() {
        "$client" --heat-url "$url/v1/admin" --os-no-client-auth --os-auth-token x "$@" \
            >"$work/c.out" 2>&1
    }
    same_as_c() {
        c_client "$@" && diff "$work/stdout" "$work/c.out"
    }
    # same_as_c_but_times VERB...: as same_as_c, every ISO time masked in both
    # (a service's heartbeat may fall between the two runs)
    same_as_c_but_times() {
        c_client "$@" || return 1
        iso='[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9][.0-9]*'
        sed "s/$iso/TIME/g" "$work/stdout" >"$work/py.masked"
        sed "s/$iso/TIME/g" "$work/c.out" >"$work/c.masked"
        diff "$work/py.masked" "$work/c.masked"
    }
    run_prog heat stack-create -f "$templates/demo.yaml" -P "greeting=hi;group_count=4" s1
    check "heat stack-create -f demo.yaml -P \"greeting=hi;group_count=4\" s1" rc_out 0 "s1"
    check "... answers CREATE_IN_PROGRESS" out_has "CREATE_IN_PROGRESS"
    check "s1 reaches CREATE_COMPLETE" wait_for 300 status_of s1 CREATE_COMPLETE
    run_prog heat stack-list
    check "heat stack-list shows s1 CREATE_COMPLETE" \
        sh -c "grep ' s1 ' '$work/stdout' | grep -q CREATE_COMPLETE"
    check "... the C client's stack-list is the same table" same_as_c stack-list
    run_prog heat output-show --all s1
    check "heat output-show --all: message computed from the parameters" rc_out 0 '^hi from s1$'
    check "... the nested template's output" out_has '^hi from s1-nested$'
    check "... the group's refs, group_count of them" out_has '"s1-group-[a-z0-9]*-3-'
    check "... and no fifth member" sh -c "! grep -q 's1-group-[a-z0-9]*-4-' '$work/stdout'"
    check "... the random string, secret_length long" grep -Eq '^[A-Za-z0-9]{16}$' "$work/stdout"
    check "... the C client's output-show --all is the same" same_as_c output-show --all s1
    run_prog heat stack-show s1
    check "heat stack-show s1" rc_out 0 "| stack_status  *| CREATE_COMPLETE "
    check "... the C client's stack-show is the same table" same_as_c stack-show s1
    run_prog heat event-list -F log s1
    check "heat event-list -F log s1: resources named by their stack path" \
        rc_out 0 "\[s1.group\]: CREATE_COMPLETE  state changed"
    check "... the C client's event log is the same" same_as_c event-list -F log s1
    run_prog heat service-list
    check "heat service-list shows this engine up" \
        sh -c "grep heat-engine '$work/stdout' | grep -q ' up '"
    check "... the C client's service-list is the same table" same_as_c_but_times service-list
    role_active() { c_client service-list --role && grep heat-engine "$work/c.out" | grep -q '| active |'; }
    check "the C client's service-list --role shows heat-all's engine active" role_active
    run_prog heat stack-delete s1
    check "heat stack-delete s1" rc_is 0
    check "s1 is gone" wait_for 300 status_of s1 none
else
    echo "# SKIP heat: python3-heatclient is not installed"
fi

if command -v openstack >/dev/null 2>&1; then
    os() {
        command openstack --os-auth-type none --os-endpoint "$url/v1/admin" "$@"
    }
    run_prog os stack create -t "$templates/demo.yaml" --parameter greeting=hey \
        --parameter group_count=2 --wait -f value -c stack_status s2
    check "openstack stack create --wait: CREATE_COMPLETE" rc_out 0 "^CREATE_COMPLETE$"
    run_prog os stack list -f value -c "Stack Name" -c "Stack Status"
    check "openstack stack list shows s2" rc_out 0 "^s2 CREATE_COMPLETE$"
    run_prog os stack show -f json s2
    check "openstack stack show gives the parameters" rc_out 0 '"greeting": "hey"'
    run_prog os stack output show --all -f json s2
    check "openstack stack output show --all: the message" rc_out 0 'hey from s2'
    check "... the nested output" out_has 'hey from s2-nested'
    run_prog os stack resource list -f value -c resource_name -c resource_status s2
    check "openstack stack resource list: every resource CREATE_COMPLETE" sh -c "
        for r in secret marker message slow group child; do
            grep -q \"^\$r CREATE_COMPLETE\$\" '$work/stdout' || exit 1
        done"
    run_prog os stack event list s2
    check "openstack stack event list has the stack's events" \
        sh -c "grep -q 'slow.*CREATE_COMPLETE' '$work/stdout' && grep -q 's2.*CREATE_COMPLETE' '$work/stdout'"
    run_prog os stack update --existing --parameter greeting=howdy --wait -f value -c stack_status s2
    check "openstack stack update --existing --wait: UPDATE_COMPLETE" rc_out 0 "^UPDATE_COMPLETE$"
    run_prog os stack output show -f value -c output_value s2 message
    check "the update changed the computed output" rc_out 0 "^howdy from s2$"
    run_prog os orchestration template validate -t "$templates/demo.yaml" -f json
    check "openstack orchestration template validate lists the parameters" \
        sh -c "grep -q '\"greeting\"' '$work/stdout' && grep -q '\"group_count\"' '$work/stdout'"
    run_prog os orchestration template validate -t "$templates/demo.yaml" --parameter no_such=1
    check "... and refuses an unknown parameter" refused_with no_such
    run_prog os orchestration service list -f value -c Binary -c Status
    check "openstack orchestration service list: heat-engine up" rc_out 0 "^heat-engine up$"
    run_prog os orchestration resource type list -f value
    check "openstack orchestration resource type list" \
        sh -c "grep -q '^OS::Heat::RandomString$' '$work/stdout' && grep -q '^OS::Heat::ResourceGroup$' '$work/stdout'"
    run_prog os stack delete -y --wait s2
    check "openstack stack delete --wait" rc_is 0
    check "s2 is gone" status_of s2 none
else
    echo "# SKIP openstack: python3-openstackclient is not installed"
fi

kill -HUP "$pid"
check "SIGHUP reopens the logs and keeps serving" wait_for 50 grep -q "logs reopened" "$work/all.log"
check "... still answering" status_is "$url/" 300
stop "$pid"
check "SIGTERM stops heat-all with exit status 0" rc_is 0
check "the pid file is removed" test ! -e "$state/heat-all.pid"
check "the API no longer listens" sh -c "! curl -s -o /dev/null '$url/'"

# A create interrupted by SIGTERM resumes at the next start.
start "$work/heat.conf" "$work/all2.log"
check "heat-all starts again on the same state" wait_for 100 status_is "$url/" 300
term_of() { sed -n 's/.* with term \([0-9]*\) .*/\1/p' "$1"; }
# the API answers a moment before heat-all logs its start (with its term)
newer_term() {
    t2=$(term_of "$work/all2.log")
    [ -n "$t2" ] && [ "$t2" -gt "$(term_of "$work/all.log")" ]
}
check "with a newer fencing term" wait_for 100 newer_term
tmpl='{"heat_template_version": "2018-08-31", "resources": {"w": {"type": "OS::Heat::TestResource", "properties": {"value": "v", "action_wait_secs": {"create": 3}}}}}'
curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"stack_name\": \"s3\", \"template\": $tmpl}" "$url/v1/admin/stacks"
check "a slow create is IN_PROGRESS" status_of s3 CREATE_IN_PROGRESS
stop "$pid"
check "SIGTERM in the middle of it exits 0" rc_is 0
start "$work/heat.conf" "$work/all3.log"
check "the next start resumes it" wait_for 300 grep -q "1 IN_PROGRESS stack(s) resumed" "$work/all3.log"
check "to CREATE_COMPLETE" wait_for 300 status_of s3 CREATE_COMPLETE
stop "$pid"
check "and stops with exit status 0" rc_is 0

tap_done
