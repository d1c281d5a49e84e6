#!/bin/sh
# The native API under wrk on loopback, against heat-all (engine, SQLite
# store and API in one process), beside Heat 19's figures measured on this
# machine (issue 4). Bounded: every wrk run lasts BENCH_SECS seconds, the
# creates are at most BENCH_CREATES, the start and every wait are bounded.
#
#   - cold start: fork + exec of heat-all on a new state directory to the
#     first 300 on GET /;
#   - GET /v1/admin/stacks with 100 stacks at 1 and 10 connections;
#   - GET of one stack with an output (stack show) at 1 and 10 connections;
#   - POST /v1/admin/stacks of a one-resource stack (OS::Heat::None), at
#     most BENCH_CREATES per connection; the created stacks are deleted after;
#   - heat-all's resident memory idle (after the 100 stacks) and its peak
#     under the load (VmHWM);
#   - heat-all's CPU time per request of each run (user + system from
#     /proc; a POST's includes the engine's create of the stack).
#
# Usage: tests/bench/bench-api.sh HEAT_ALL
#   HEAT_ALL       the heat-all program (a release build: -O2, no sanitizers)
#   BENCH_SECS     seconds of each wrk run (default 10, as Heat's figures)
#   BENCH_CREATES  creates per connection (default 200)
#   BENCH_DIR      where the state directory goes (default: a new one in /tmp)
set -eu
all=${1:?usage: bench-api.sh HEAT_ALL}
secs=${BENCH_SECS:-10}
creates=${BENCH_CREATES:-200}
here=$(cd "$(dirname "$0")" && pwd)
lua=$here/wrk_report.lua

command -v wrk >/dev/null || { echo "bench-api: wrk is not installed (tools/install-deps.sh)" >&2; exit 1; }
# shellcheck source=tools/scratch-heat-all.sh
. "$here/../../tools/scratch-heat-all.sh"
trap scratch_stop EXIT
trap 'exit 1' INT TERM

rss_mib() { awk -v k="$2:" '$1 == k {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

scratch_start "$all" "${BENCH_DIR:-${TMPDIR:-/tmp}}" || exit 1
pid=$scratch_pid
api="$scratch_url/v1/admin"
cold=$scratch_cold

# post NAME [OUTPUTS]: create a one-resource stack, 201 expected
post() {
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data-binary "{\"stack_name\": \"$1\", \"template\": {\"heat_template_version\": \"2018-08-31\", \"resources\": {\"r\": {\"type\": \"OS::Heat::None\"}}, \"outputs\": {\"o\": {\"value\": {\"get_resource\": \"r\"}}}}}" \
        "$api/stacks")
    [ "$code" = 201 ] || { echo "bench-api: POST $1: $code" >&2; exit 1; }
}
# count STATUS: how many stacks of the list have STATUS (any: how many stacks)
count() {
    curl -s "$api/stacks" | python3 -c '
import json, sys
print(sum(1 for s in json.load(sys.stdin)["stacks"] if sys.argv[1] in ("any", s["stack_status"])))' "$1"
}
# wait_count STATUS N: until N stacks have STATUS (at most 120 s)
wait_count() {
    n=0
    while [ "$(count "$1")" != "$2" ]; do
        n=$((n + 1))
        [ "$n" -le 1200 ] || { echo "bench-api: not $2 stacks $1" >&2; exit 1; }
        sleep 0.1
    done
}
# cpu_ticks: heat-all's user + system CPU time so far, in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
# run NAME CONNS URL [CREATES]: one wrk run, one table row (CPU: heat-all's
# CPU time per request, steadier than the rates on a shared machine)
run() {
    c0=$(cpu_ticks)
    line=$(BENCH_CREATES=${4:-0} BENCH_PREFIX=wrk wrk -t"$(($2 < 2 ? 1 : 2))" -c"$2" -d"${secs}s" \
        --timeout 10s -s "$lua" "$3" | grep '^RESULT') || { echo "bench-api: wrk failed" >&2; exit 1; }
    cpu=$(awk -v a="$c0" -v b="$(cpu_ticks)" -v hz="$hz" -v n="$(echo "$line" | awk '{ print $2 }')" \
        'BEGIN { if (n > 0) printf "%.3f", (b - a) * 1000 / hz / n }')
    # shellcheck disable=SC2086
    set -- "$1" "$2" $line
    printf '| %-26s | %5s | %10s | %8s | %8s | %6s | %6s |' "$1" "$2" "$6" "$7" "$8" "$cpu" "$9"
}

i=1
while [ "$i" -le 100 ]; do
    post "s$i"
    i=$((i + 1))
done
wait_count CREATE_COMPLETE 100
id=$(curl -s "$api/stacks?name=s1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["stacks"][0]["id"])')
sleep 1
idle=$(rss_mib "$pid" VmRSS)

echo "| request                    | conns | requests/s | p50 ms   | p99 ms   | CPU ms | errors | Heat 19 req/s (p50, p99) | ratio |"
echo "|----------------------------|-------|------------|----------|----------|--------|--------|--------------------------|-------|"
row() { # heat's req/s, heat's text; after run
    printf ' %-24s | %5s |\n' "$2" "$(echo "$line" | awk -v h="$1" '{ if (h > 0) printf "%.0fx", $4 / h }')"
}
run "GET stacks (100)" 1 "$api/stacks"
row 9.6 "9.6 (100 ms, 256 ms)"
run "GET stacks (100)" 10 "$api/stacks"
row 17 "17 (512 ms, 1160 ms)"
# Heat 19's show of the same stack: measured at load 22 (README.md)
run "GET stack show (outputs)" 1 "$api/stacks/s1/$id"
row 8.8 "8.8 (113 ms, 190 ms)"
run "GET stack show (outputs)" 10 "$api/stacks/s1/$id"
row 11.6 "11.6 (822 ms, 1366 ms)"
run "POST create (1 resource)" 1 "$api/stacks" "$creates"
row 0 "not measured"
peak=$(rss_mib "$pid" VmHWM)
made=$(curl -s "$api/stacks" | python3 -c '
import json, sys
print(sum(1 for s in json.load(sys.stdin)["stacks"] if s["stack_name"].startswith("wrk-")))')
wait_count CREATE_COMPLETE $((100 + made))
# the created stacks deleted: the store is as before the POST run
curl -s "$api/stacks" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["stacks"]:
    if s["stack_name"].startswith("wrk-"):
        print(s["stack_name"] + "/" + s["id"])' | while read -r s; do
    curl -s -o /dev/null -X DELETE "$api/stacks/$s"
done
wait_count any 100

echo
echo "| heat-all                         | heat-ha | Heat 19                        |"
echo "|----------------------------------|---------|--------------------------------|"
printf '| %-32s | %7s | %-30s |\n' "cold start to GET / 300 (s)" "$cold" "1.7 to 2.3"
printf '| %-32s | %7s | %-30s |\n' "RSS idle, 100 stacks (MiB)" "$idle" "heat-api 347-358 (3 processes)"
printf '| %-32s | %7s | %-30s |\n' "RSS peak under the runs (MiB)" "$peak" "+ heat-engine 166-183"
echo "($made stacks created by the POST run, then deleted; each run ${secs} s)"
