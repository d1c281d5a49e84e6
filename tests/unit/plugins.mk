# tests/unit/: resource plugins (res_plugin, res_heat_basic).
check_PROGRAMS += tests/unit/test_plugins
tests_unit_test_plugins_SOURCES = tests/unit/test_plugins.c
tests_unit_test_plugins_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
tests_unit_test_plugins_LDADD = engine/resources/libhhres.a $(TEST_LIBS)
TESTS += tests/unit/test_plugins
