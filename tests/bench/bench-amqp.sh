#!/bin/sh
# AMQP RPC round trips through a private RabbitMQ broker (tests/lib/rabbit.sh)
# with heat-ha's amqp driver: bench_amqp's table (calls from 1 and 4 callers,
# confirmed casts: ops/s, p50, p99) beside the lab's raw librabbitmq figures.
# Usage: tests/bench/bench-amqp.sh BUILD_DIR [CALLS]   (CALLS per row, default 5000)
set -u
build=${1:?usage: bench-amqp.sh BUILD_DIR [CALLS]}
calls=${2:-5000}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
# shellcheck source=tests/lib/daemon.sh
. "$top/tests/lib/daemon.sh"
# shellcheck source=tests/lib/rabbit.sh
. "$top/tests/lib/rabbit.sh"
trap 'rabbit_kill_all; daemon_cleanup' EXIT
if ! rabbit_available; then
    echo "bench-amqp: rabbitmq-server is not installed; skipped"
    exit 0
fi
rabbit_start bench >"$work/start.out" 2>&1 || {
    cat "$work/start.out"
    exit 1
}
"$build/tests/bench/bench_amqp" --url "$(rabbit_url bench)" --calls "$calls"
status=$?
rabbit_stop_all
exit $status
