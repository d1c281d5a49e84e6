#!/bin/sh
# The main job on the embedded default: build heat-ha, start heat-all on a
# free loopback port with a temporary state directory, and run the seed's
# workflow on the cloud-free demo template with heat-ha's own C `heat`
# client (noauth): stack-create with -P, stack-list, output-show --all,
# service-list, stack-delete. Then stop heat-all. (python3-heatclient's
# `heat` runs the same verbs in tests/integration/heat_all.sh.)
# Usage: tools/run-demo.sh       (BUILD_ROOT, default ./_build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=${BUILD_ROOT:-$top/_build}

"$top/tools/install-deps.sh"
"$top/tools/build.sh" "$root/release"
all=$root/release/all/heat-all
client=$root/release/client/heat
t=$top/conf/templates
state=$(mktemp -d)
pid=""
finish() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        wait "$pid" || true
    fi
    rm -rf "$state"
}
trap finish EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cfn_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
cat >"$state/heat.conf" <<CONF
[DEFAULT]
state_path = $state
[heat_api]
bind_host = 127.0.0.1
bind_port = $port
[heat_api_cfn]
bind_port = $cfn_port
CONF
echo "+ heat-all -f --config-file heat.conf   (state in $state, API on $url)"
"$all" -f --config-file "$state/heat.conf" >"$state/heat-all.log" 2>&1 &
pid=$!
n=0
until curl -s -o /dev/null "$url/"; do
    n=$((n + 1))
    if [ "$n" -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "demo: heat-all did not start" >&2
        cat "$state/heat-all.log" >&2
        exit 1
    fi
    sleep 0.1
done

heat() {
    echo "+ heat $*"
    "$client" --heat-url "$url/v1/admin" --os-no-client-auth --os-auth-token x "$@"
}
# wait_status NAME STATUS: poll the stack (at most 60 s)
wait_status() {
    n=0
    while [ "$n" -lt 600 ]; do
        s=$(curl -s "$url/v1/admin/stacks?name=$1" | python3 -c '
import json, sys
s = json.load(sys.stdin)["stacks"]
print(s[0]["stack_status"] if s else "none")')
        [ "$s" = "$2" ] && return 0
        case $s in *FAILED) echo "demo: stack $1 is $s" >&2; return 1 ;; esac
        sleep 0.1
        n=$((n + 1))
    done
    echo "demo: stack $1 is still $s" >&2
    return 1
}

cd "$t"
heat stack-create -f demo.yaml -P "greeting=hi;group_count=4" s1
wait_status s1 CREATE_COMPLETE
heat stack-list
heat output-show --all s1
heat service-list
heat stack-delete s1
wait_status s1 none
heat stack-list

echo "+ kill -TERM $pid   (heat-all)"
kill -TERM "$pid"
wait "$pid"
pid=""
echo "demo: done"
