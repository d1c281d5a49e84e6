# tests/unit/: resource signals, metadata, mark_unhealthy and the wait
# condition and software config types on the store.
check_PROGRAMS += tests/unit/test_signal
tests_unit_test_signal_SOURCES = tests/unit/test_signal.c tests/unit/stack_fixture.c \
	tests/unit/stack_fixture.h
tests_unit_test_signal_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/stack \
	-I$(top_srcdir)/engine/store -I$(top_srcdir)/engine/resources
tests_unit_test_signal_LDADD = $(HH_STACK_LIBS) $(TEST_LIBS) -lpthread
TESTS += tests/unit/test_signal
