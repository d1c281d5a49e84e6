# tests/bench/: benchmarks (built by make, run by tests/bench/run-bench.sh).
noinst_PROGRAMS += tests/bench/bench_template
tests_bench_bench_template_SOURCES = tests/bench/bench_template.c
tests_bench_bench_template_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
tests_bench_bench_template_LDADD = $(TEST_LIBS)
EXTRA_DIST += tests/bench/run-bench.sh
