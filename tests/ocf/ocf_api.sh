#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The heat-api and heat-api-cfn OCF agents beyond ocf-tester (TAP): the
# /healthcheck policy (a lone heat-api's 503 tolerated unless
# require_engine=true), a start that fails with its exit reason and the
# program's output in log_file, the listening address and port read from
# the configuration when unset, kill -9 then monitor and stop, running as
# another user (as root), validation.
# shellcheck source=tests/ocf/ocf_lib.sh
. "${top_srcdir:-.}/tests/ocf/ocf_lib.sh"

ocf_setup
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
# port and bind unset: the configuration's [heat_api_cfn] (127.0.0.1, $cfn_port)
api heat-api-cfn start OCF_RESKEY_port= OCF_RESKEY_bind= OCF_RESKEY_pid="$work/cfn/cfn.pid"
check "heat-api-cfn without port and bind: start (0)" rc_is 0
cpid=$(cat "$work/cfn/cfn.pid")
pids="$pids $cpid"
check "it listens where its configuration says" \
    sh -c "curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$cfn_port/healthcheck | grep -q 503"
check "and the agent wrote that port" grep -qx "bind_port = $cfn_port" "$work/cfn/cfn.conf"
api heat-api-cfn monitor OCF_RESKEY_port= OCF_RESKEY_bind= OCF_RESKEY_pid="$work/cfn/cfn.pid"
check "the monitor asks there (0)" rc_is 0
api heat-api-cfn stop OCF_RESKEY_port= OCF_RESKEY_bind= OCF_RESKEY_pid="$work/cfn/cfn.pid"
check "stop (0)" rc_is 0
check "the process is gone" wait_for 50 gone "$cpid"
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
