#!/bin/sh
# Benchmarks, in one command:
#  - templates: load + validate of a 1,000-resource template and of a deeply
#    nested function template (bench_template), beside the real Heat 19
#    validating the same files when its API is reachable;
#  - the engine: create then delete of 10, 100 and 1,000 OS::Heat::None
#    (flat, chained, in a ResourceGroup) and 100 concurrent stacks of 10, its
#    cold start and RSS (bench_engine), beside Heat 19's figures measured on
#    this machine (issue 3; the real Heat is not run for these: too slow);
#    then the same on a private MariaDB server (bench_engine --db-url);
#  - the native API: heat-all under wrk on loopback, list of 100 stacks,
#    stack show, bounded creates, RSS and cold start (bench-api.sh), beside
#    Heat 19's figures measured on this machine (issue 4).
# The recorded figures are in tests/bench/README.md.
#
# Usage: tests/bench/run-bench.sh
#   BUILD_ROOT  build directory root (default ./_build; a release build is made)
#   HEAT_REF    Heat native API with tenant (default http://127.0.0.1:28004/v1/admin);
#               (the real Heat 19 from Debian packages, noauth, on loopback)
#   REF_RUNS    validations per file against the reference (default 5)
#   BENCH_DIR   where the engine's SQLite stores go (default: the build
#               directory, on disk as production's; not tmpfs)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
root=${BUILD_ROOT:-$top/_build}
ref=${HEAT_REF:-http://127.0.0.1:28004/v1/admin}
ref_runs=${REF_RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$top/tools/build.sh" "$root/release"
echo "## heat-ha: parse + validate + dependencies + outputs (in process)"
"$root/release/tests/bench/bench_template" --write "$work"

echo
echo "## heat-ha engine: create then delete (SQLite file store, WAL, default workers)"
"$root/release/tests/bench/bench_engine" --dir "${BENCH_DIR:-$root/release}"

echo
echo "## Stack engine on MariaDB (a private server, tests/lib/mariadb.sh; release build)"
mdir=$(mktemp -d /tmp/hh-bench-mariadb.XXXXXX)
if menv=$("$top/tests/lib/mariadb.sh" start "$mdir/server"); then
    eval "$menv"
    "$root/release/tests/bench/bench_engine" --db-url "$HH_TEST_DB_URL"
else
    echo "(no MariaDB server: mariadb-server not installed or it did not start)"
fi
"$top/tests/lib/mariadb.sh" stop "$mdir/server"
rm -rf "$mdir"

echo
echo "## heat-all's native API under wrk (loopback, release build)"
"$top/tests/bench/bench-api.sh" "$root/release/all/heat-all"

echo
echo "## the same files, POST /validate"
if ! curl -s -o /dev/null --max-time 5 "$ref/template_versions"; then
    echo "reference Heat not reachable at $ref: start it to compare"
    exit 0
fi
printf '| %-12s | %-22s | %10s |\n' template server "median ms"
printf '|--------------|------------------------|------------|\n'
for name in flat-1000 nested-fn; do
    # the template as text: Heat parses it as it parses any API request's
    python3 -c 'import json,sys; print(json.dumps({"template": open(sys.argv[1]).read(), "files": {}, "environment": {}, "parameters": {}}))' \
        "$work/$name.yaml" > "$work/$name.json"
    : > "$work/times"
    i=0
    while [ "$i" -lt "$ref_runs" ]; do
        curl -s -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' \
            --data-binary "@$work/$name.json" --max-time 600 "$ref/validate" >> "$work/times"
        i=$((i + 1))
    done
    med=$(sort -n "$work/times" | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}')
    printf '| %-12s | %-22s | %10s |\n' "$name" "Heat 19 (reference)" "$med"
done
