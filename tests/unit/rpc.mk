# tests/unit/: the RPC message schema and the in-process transport.
check_PROGRAMS += tests/unit/test_rpc
tests_unit_test_rpc_SOURCES = tests/unit/test_rpc.c
tests_unit_test_rpc_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/rpc
tests_unit_test_rpc_LDADD = $(HH_RPC_LIBS) $(TEST_LIBS)
TESTS += tests/unit/test_rpc
