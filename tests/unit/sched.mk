# tests/unit/: the worker pool and the dependency scheduler.
check_PROGRAMS += tests/unit/test_sched
tests_unit_test_sched_SOURCES = tests/unit/test_sched.c
tests_unit_test_sched_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/stack
tests_unit_test_sched_LDADD = engine/stack/libhhstack.a $(TEST_LIBS) -lpthread
TESTS += tests/unit/test_sched
