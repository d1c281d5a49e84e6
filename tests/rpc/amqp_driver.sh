#!/bin/sh
# The AMQP RPC driver against two real RabbitMQ brokers (TAP): starts them
# (tests/lib/rabbit.sh) and runs tests/unit/test_rpc_amqp, which restarts
# and kills them through tests/lib/rabbitctl.sh. Skipped when
# rabbitmq-server is not installed. Under HH_VALGRIND (the valgrind pass)
# the test program runs under it.
prog="${top_builddir:-.}/tests/unit/test_rpc_amqp"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/rabbit.sh
. "${top_srcdir:-.}/tests/lib/rabbit.sh"
rabbit_tap_start a b
HH_TEST_RABBITCTL="$(cd "${top_srcdir:-.}" && pwd)/tests/lib/rabbitctl.sh"
HH_TEST_RABBIT_WORK=$work
export HH_TEST_RABBITCTL HH_TEST_RABBIT_WORK
# shellcheck disable=SC2086 # HH_VALGRIND is a command line
${HH_VALGRIND:-} "$prog"
status=$?
rabbit_stop_all
exit $status
