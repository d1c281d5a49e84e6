# tests/fuzz/: libFuzzer target of heat-api on raw HTTP requests
# (configure --enable-fuzzers CC=clang, which instruments every object).
if ENABLE_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_api
tests_fuzz_fuzz_api_SOURCES = tests/fuzz/fuzz_api.c
tests_fuzz_fuzz_api_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/api -I$(top_srcdir)/engine/rpc
tests_fuzz_fuzz_api_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_api_LDADD = $(HH_API_LIBS) $(HH_RPC_LIBS) $(HH_CORE_LIBS) -lpthread
endif
EXTRA_DIST += tests/fuzz/fuzz_api.c tests/fuzz/corpus/api
