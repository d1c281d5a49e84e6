#!/bin/sh
# The main job on the embedded default: build heat-ha and validate the
# sample templates offline with the heat client, as heat template-validate
# does against a server.
# Usage: tools/run-demo.sh       (BUILD_ROOT, default ./_build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=${BUILD_ROOT:-$top/_build}

"$top/tools/install-deps.sh"
"$top/tools/build.sh" "$root/release"
heat=$root/release/client/heat
t=$top/conf/templates

echo "+ heat template-validate -f demo.yaml -P \"greeting=hi;group_count=4\""
"$heat" template-validate -f "$t/demo.yaml" -P "greeting=hi;group_count=4"
echo "+ heat template-validate -f demo.yaml -e demo-env.yaml"
"$heat" template-validate -f "$t/demo.yaml" -e "$t/demo-env.yaml"
echo "+ heat template-validate -f demo.yaml -P no_such_parameter=1   (refused)"
if "$heat" template-validate -f "$t/demo.yaml" -P no_such_parameter=1; then
    echo "demo: an unknown parameter was accepted" >&2
    exit 1
fi
echo "demo: done"
