# tests/unit: parameters, constraints and environments.
check_PROGRAMS += tests/unit/test_param tests/unit/test_env
tests_unit_test_param_SOURCES = tests/unit/test_param.c
tests_unit_test_param_LDADD = $(TEST_LIBS)
tests_unit_test_env_SOURCES = tests/unit/test_env.c
tests_unit_test_env_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_param tests/unit/test_env
# tests/unit: Python's views of values (hh_py).
check_PROGRAMS += tests/unit/test_py
tests_unit_test_py_SOURCES = tests/unit/test_py.c
tests_unit_test_py_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_py
