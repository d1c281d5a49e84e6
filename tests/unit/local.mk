# tests/unit/: one TAP program per module.
check_PROGRAMS += tests/unit/test_error
tests_unit_test_error_SOURCES = tests/unit/test_error.c
tests_unit_test_error_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_error

check_PROGRAMS += tests/unit/test_kvparams
tests_unit_test_kvparams_SOURCES = tests/unit/test_kvparams.c
tests_unit_test_kvparams_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_kvparams
include tests/unit/conf.mk
include tests/unit/api.mk
include tests/unit/load.mk
include tests/unit/res.mk
include tests/unit/func.mk
include tests/unit/param.mk
include tests/unit/sched.mk
include tests/unit/plugins.mk
include tests/unit/store.mk
include tests/unit/rpc.mk
include tests/unit/stack.mk
include tests/unit/signal.mk
include tests/unit/service.mk

check_PROGRAMS += tests/unit/test_json
tests_unit_test_json_SOURCES = tests/unit/test_json.c
tests_unit_test_json_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_json
