# tests/bench/: benchmarks (built by make, run by tests/bench/run-bench.sh).
noinst_PROGRAMS += tests/bench/bench_template
tests_bench_bench_template_SOURCES = tests/bench/bench_template.c
tests_bench_bench_template_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
tests_bench_bench_template_LDADD = $(TEST_LIBS)
EXTRA_DIST += tests/bench/run-bench.sh
noinst_PROGRAMS += tests/bench/bench_engine
tests_bench_bench_engine_SOURCES = tests/bench/bench_engine.c
tests_bench_bench_engine_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/stack \
	-I$(top_srcdir)/engine/store -I$(top_srcdir)/engine/resources
tests_bench_bench_engine_LDADD = $(HH_STACK_LIBS) $(TEST_LIBS) -lpthread
# the engine bench at small sizes, so that it keeps building and running
TESTS += tests/bench/bench_engine_smoke.sh
EXTRA_DIST += tests/bench/bench_engine_smoke.sh
# the native API under wrk against heat-all (run by run-bench.sh)
EXTRA_DIST += tests/bench/bench-api.sh tests/bench/wrk_report.lua
EXTRA_DIST += tests/bench/README.md
# AMQP RPC round trips through a private broker (bench-amqp.sh runs it)
noinst_PROGRAMS += tests/bench/bench_amqp
tests_bench_bench_amqp_SOURCES = tests/bench/bench_amqp.c
tests_bench_bench_amqp_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/rpc
tests_bench_bench_amqp_LDADD = $(HH_RPC_LIBS) $(TEST_LIBS) -lpthread
EXTRA_DIST += tests/bench/bench-amqp.sh
