# tests/scheduler/: golden scheduler cases (template + expected graph and
# orders, optional failing or cancelling node), run by one TAP program.
check_PROGRAMS += tests/scheduler/golden_sched
tests_scheduler_golden_sched_SOURCES = tests/scheduler/golden_sched.c \
	tests/lib/golden_case.c tests/lib/golden_case.h
tests_scheduler_golden_sched_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/lib -I$(top_srcdir)/engine/stack
tests_scheduler_golden_sched_LDADD = engine/stack/libhhstack.a $(TEST_LIBS) -lpthread
TESTS += tests/scheduler/golden_sched.sh
EXTRA_DIST += tests/scheduler/golden_sched.sh tests/scheduler/README.md tests/scheduler/reference.py \
	tests/scheduler/cancel-chain \
	tests/scheduler/cancel-fan-in \
	tests/scheduler/cfn-refs \
	tests/scheduler/chain-depends-on \
	tests/scheduler/chain-get-attr \
	tests/scheduler/chain-get-resource \
	tests/scheduler/chain-long \
	tests/scheduler/cond-and-or \
	tests/scheduler/cond-depends-on-disabled \
	tests/scheduler/cond-disabled \
	tests/scheduler/diamond-mixed-edges \
	tests/scheduler/diamond \
	tests/scheduler/edges-duplicate \
	tests/scheduler/fail-chain-middle \
	tests/scheduler/fail-diamond-left \
	tests/scheduler/fail-fan-out-root \
	tests/scheduler/fail-random-200 \
	tests/scheduler/fail-two-chains \
	tests/scheduler/fan-in-wide \
	tests/scheduler/fan-out-fan-in \
	tests/scheduler/fan-out-wide \
	tests/scheduler/flat-empty \
	tests/scheduler/flat-five \
	tests/scheduler/flat-single \
	tests/scheduler/random-dag-200 \
	tests/scheduler/two-chains
