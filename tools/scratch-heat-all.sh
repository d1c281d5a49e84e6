# scratch-heat-all.sh: a throw-away heat-all for scripts (sourced by
# tools/run-demo.sh and tests/bench/bench-api.sh): a new state directory, free
# loopback ports for the native and the CFN API, a heat.conf naming them, the
# start bounded to 10 s, and the cleanup.
#
#   scratch_start HEAT_ALL [PARENT]
#       start HEAT_ALL -f on a new state directory (under PARENT, default
#       $TMPDIR or /tmp) and wait until GET / answers 300. Sets:
#         scratch_state  the state directory (heat.conf, heat-all.log)
#         scratch_pid    heat-all's process id
#         scratch_port   the native API's port
#         scratch_url    http://127.0.0.1:PORT of the native API
#         scratch_cfn_port  the CFN API's port
#         scratch_cold   seconds from the start to the first 300
#       On a failure it prints heat-all's log and returns 1.
#   scratch_stop
#       stop heat-all (TERM, then wait) and remove the state directory; safe
#       to call twice. The caller traps it: trap scratch_stop EXIT
# shellcheck shell=sh disable=SC2034 # the scratch_ variables are for the caller
scratch_state=""
scratch_pid=""

# a free loopback TCP port (bound once by the kernel's choice, then released)
scratch_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

scratch_now() { date +%s.%N; }

scratch_start() {
    scratch_state=$(mktemp -d "${2:-${TMPDIR:-/tmp}}/heat-all.XXXXXX") || return 1
    scratch_port=$(scratch_free_port) && scratch_cfn_port=$(scratch_free_port) || return 1
    scratch_url="http://127.0.0.1:$scratch_port"
    cat >"$scratch_state/heat.conf" <<CONF
[DEFAULT]
state_path = $scratch_state
[heat_api]
bind_host = 127.0.0.1
bind_port = $scratch_port
[heat_api_cfn]
bind_host = 127.0.0.1
bind_port = $scratch_cfn_port
CONF
    scratch_t0=$(scratch_now)
    "$1" -f --config-file "$scratch_state/heat.conf" >"$scratch_state/heat-all.log" 2>&1 &
    scratch_pid=$!
    scratch_n=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "$scratch_url/" || true)" = 300 ]; do
        scratch_n=$((scratch_n + 1))
        if [ "$scratch_n" -gt 1000 ] || ! kill -0 "$scratch_pid" 2>/dev/null; then
            echo "heat-all did not start:" >&2
            cat "$scratch_state/heat-all.log" >&2
            return 1
        fi
        sleep 0.01
    done
    scratch_cold=$(awk -v a="$scratch_t0" -v b="$(scratch_now)" 'BEGIN { printf "%.2f", b - a }')
}

scratch_stop() {
    if [ -n "$scratch_pid" ] && kill -0 "$scratch_pid" 2>/dev/null; then
        kill -TERM "$scratch_pid"
        wait "$scratch_pid" || true
    fi
    scratch_pid=""
    [ -z "$scratch_state" ] || rm -rf "$scratch_state"
    scratch_state=""
}
