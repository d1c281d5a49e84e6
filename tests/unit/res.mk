# tests/unit/: resource type schemas and properties validation.
check_PROGRAMS += tests/unit/test_res_schema
tests_unit_test_res_schema_SOURCES = tests/unit/test_res_schema.c
tests_unit_test_res_schema_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
tests_unit_test_res_schema_LDADD = engine/resources/libhhres.a $(TEST_LIBS)
TESTS += tests/unit/test_res_schema
