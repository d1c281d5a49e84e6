# tests/fuzz/: libFuzzer target of the heat.conf parser (configure
# --enable-fuzzers CC=clang). The library sources are compiled into the
# target so that the parser carries the fuzzer's coverage instrumentation.
if ENABLE_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_conf
tests_fuzz_fuzz_conf_SOURCES = tests/fuzz/fuzz_conf.c \
	lib/hh_conf.c lib/hh_opts.c lib/hh_error.c lib/hh_log.c
tests_fuzz_fuzz_conf_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_conf_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_conf_LDADD = -lpthread -lm
endif
EXTRA_DIST += tests/fuzz/fuzz_conf.c tests/fuzz/corpus/conf
