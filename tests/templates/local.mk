# tests/templates/: golden template cases (valid/ and invalid/ directories of
# template + environment + expected answer), run by one TAP program.
check_PROGRAMS += tests/templates/golden
tests_templates_golden_SOURCES = tests/templates/golden.c \
	tests/lib/golden_case.c tests/lib/golden_case.h
tests_templates_golden_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/lib -I$(top_srcdir)/engine/resources
tests_templates_golden_LDADD = $(TEST_LIBS)
TESTS += tests/templates/golden.sh
EXTRA_DIST += tests/templates/golden.sh tests/templates/README.md \
	tests/templates/capture-reference.sh tests/templates/valid tests/templates/invalid
