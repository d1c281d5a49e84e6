# tests/unit/: the store API (SQLite, or the MySQL server of HH_TEST_DB_URL).
check_PROGRAMS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/store -I$(top_srcdir)/tests/lib \
	$(MYSQL_CFLAGS)
tests_unit_test_store_LDADD = $(HH_STORE_LIBS) $(TEST_LIBS)
TESTS += tests/unit/test_store
