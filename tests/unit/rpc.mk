# tests/unit/: the RPC message schema and the in-process transport.
check_PROGRAMS += tests/unit/test_rpc
tests_unit_test_rpc_SOURCES = tests/unit/test_rpc.c
tests_unit_test_rpc_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/rpc
tests_unit_test_rpc_LDADD = $(HH_RPC_LIBS) $(TEST_LIBS)
TESTS += tests/unit/test_rpc
# The AMQP driver: tests/rpc/amqp_driver.sh runs it against real brokers.
check_PROGRAMS += tests/unit/test_rpc_amqp
tests_unit_test_rpc_amqp_SOURCES = tests/unit/test_rpc_amqp.c
tests_unit_test_rpc_amqp_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/rpc
tests_unit_test_rpc_amqp_CFLAGS = $(AM_CFLAGS) $(RABBITMQ_CFLAGS)
tests_unit_test_rpc_amqp_LDADD = $(HH_RPC_LIBS) $(TEST_LIBS)
TESTS += tests/rpc/amqp_driver.sh
EXTRA_DIST += tests/rpc/amqp_driver.sh tests/lib/rabbit.sh tests/lib/rabbitctl.sh
# heat-engine, heat-api and heat-api-cfn on a real broker, restarted mid-run.
TESTS += tests/integration/amqp_services.sh
EXTRA_DIST += tests/integration/amqp_services.sh
# a paused ACTIVE engine holds one request of the engine topic at most
TESTS += tests/integration/amqp_engine_pause.sh
EXTRA_DIST += tests/integration/amqp_engine_pause.sh
