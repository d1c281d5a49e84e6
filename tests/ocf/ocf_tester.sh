#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# resource-agents' ocf-tester passes for each OCF agent (TAP), against real
# daemons on free loopback ports with all state under a temporary
# directory: heat-api alone on the in-process transport, the heat-api-cfn
# agent running heat-all, heat-engine (promotable) on SQLite.
# shellcheck source=tests/ocf/ocf_lib.sh
. "${top_srcdir:-.}/tests/ocf/ocf_lib.sh"

ocf_setup

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


tap_done
