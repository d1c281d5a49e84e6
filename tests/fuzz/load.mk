# tests/fuzz/: libFuzzer target of the template document loader (configure
# --enable-fuzzers CC=clang). The loader sources are compiled into the target
# so that they carry the fuzzer's coverage instrumentation.
if ENABLE_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_load
tests_fuzz_fuzz_load_SOURCES = tests/fuzz/fuzz_load.c \
	engine/template/doc_load.c engine/template/srcmap.c lib/hh_yaml.c lib/hh_py.c lib/hh_error.c
tests_fuzz_fuzz_load_CFLAGS = $(AM_CFLAGS) -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_load_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_load_LDADD = $(JANSSON_LIBS) $(YAML_LIBS) -lm
endif
EXTRA_DIST += tests/fuzz/fuzz_load.c tests/fuzz/corpus/load
