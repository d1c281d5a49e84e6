# tests/fuzz/: libFuzzer target of RPC message decoding and validation
# (configure --enable-fuzzers CC=clang, which instruments every object).
if ENABLE_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_rpc
tests_fuzz_fuzz_rpc_SOURCES = tests/fuzz/fuzz_rpc.c
tests_fuzz_fuzz_rpc_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/rpc
tests_fuzz_fuzz_rpc_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_rpc_LDADD = $(HH_RPC_LIBS) $(HH_CORE_LIBS)
endif
EXTRA_DIST += tests/fuzz/fuzz_rpc.c tests/fuzz/corpus/rpc
