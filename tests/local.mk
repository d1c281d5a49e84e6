# tests/: unit tests (C, TAP), golden template cases, fuzzers.
# The per-test databases (tests/lib/test_db.h) come with every test's libraries.
check_LIBRARIES += tests/lib/libhhtestdb.a
tests_lib_libhhtestdb_a_SOURCES = tests/lib/test_db.c tests/lib/test_db.h
tests_lib_libhhtestdb_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/store
TEST_LIBS = tests/lib/libhhtestdb.a $(HH_STORE_LIBS) $(HH_CORE_LIBS)
EXTRA_DIST += tests/lib/mariadb.sh tests/lib/mariadb_lib.sh tests/lib/test_db.sh
# ... and for test scripts (tests/lib/test_db.sh)
check_PROGRAMS += tests/lib/hh-test-db
tests_lib_hh_test_db_SOURCES = tests/lib/hh_test_db.c
tests_lib_hh_test_db_LDADD = $(TEST_LIBS)
EXTRA_DIST += tests/unit/tap.h tests/shellcheck.sh tests/lib/tap.sh tests/lib/daemon.sh tests/lib/engine_ctl.sh
TESTS += tests/shellcheck.sh
include tests/unit/local.mk
include tests/templates/local.mk
include tests/fuzz/conf.mk
include tests/fuzz/load.mk
include tests/fuzz/template.mk
include tests/bench/local.mk
include tests/scheduler/local.mk
include tests/fuzz/rpc.mk
include tests/fuzz/api.mk
include tests/stack/local.mk
include tests/lab/local.mk

# The tests that take their database from HH_TEST_DB_URL (tests/lib/test_db.h);
# make check-mariadb runs them again, each on databases of its own, on a private
# MariaDB server that tests/lib/mariadb.sh starts and stops (tools/run-tests.sh
# does; "SKIP: ..." when mariadb-server is not installed), and the Galera test
# (tests/store/galera.sh, its own 3-node cluster).
DB_TESTS = tests/unit/test_store tests/unit/test_stack tests/unit/test_stack_ops \
	tests/unit/test_stack_actions tests/unit/test_nested tests/unit/test_stack_lifecycle \
	tests/unit/test_group tests/unit/test_signal tests/store/heat_manage.sh \
	tests/store/galera.sh tests/unit/test_hooks tests/unit/test_service \
	tests/unit/test_api_e2e tests/unit/test_api_cfn tests/client/client_verbs.sh \
	tests/engine/engine_daemon.sh tests/integration/heat_all.sh \
	tests/integration/heat_all_cfn.sh tests/stack/crash_resume.sh \
	tests/integration/amqp_services.sh
check-mariadb:
	@dir=$$(mktemp -d /tmp/hh-mariadb.XXXXXX) || exit 1; \
	trap '$(top_srcdir)/tests/lib/mariadb.sh stop "$$dir/server"; rm -rf "$$dir"' EXIT; \
	env=$$($(top_srcdir)/tests/lib/mariadb.sh start "$$dir/server"); rc=$$?; \
	if [ $$rc -eq 77 ]; then echo "SKIP: MariaDB server not installed (mariadb-server)"; exit 0; fi; \
	[ $$rc -eq 0 ] || exit 1; \
	eval "$$env"; export HH_TEST_DB_URL; echo "MariaDB $$MARIADB_SOCKET (pid $$MARIADB_PID)"; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$(DB_TESTS)"
.PHONY: check-mariadb

include tests/dist/local.mk
