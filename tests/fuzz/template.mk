# tests/fuzz/: libFuzzer target of the whole template pipeline (configure
# --enable-fuzzers CC=clang, which instruments every object for coverage).
if ENABLE_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_template
tests_fuzz_fuzz_template_SOURCES = tests/fuzz/fuzz_template.c
tests_fuzz_fuzz_template_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
tests_fuzz_fuzz_template_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_template_LDADD = $(HH_CORE_LIBS)
endif
EXTRA_DIST += tests/fuzz/fuzz_template.c tests/fuzz/corpus/template
