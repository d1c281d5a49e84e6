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
# shellcheck source=tools/scratch-heat-all.sh
. "$top/tools/scratch-heat-all.sh"
trap scratch_stop EXIT
echo "+ heat-all -f --config-file heat.conf   (a new state directory, API on a free port)"
scratch_start "$all"
url=$scratch_url

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

echo "+ kill -TERM $scratch_pid   (heat-all)"
scratch_stop
echo "demo: done"
