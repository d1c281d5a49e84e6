# tests/unit/: the store API (SQLite, or the MySQL server of HH_TEST_DB_URL).
check_PROGRAMS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/store -I$(top_srcdir)/tests/lib \
	$(MYSQL_CFLAGS)
tests_unit_test_store_LDADD = $(HH_STORE_LIBS) $(TEST_LIBS)
TESTS += tests/unit/test_store
# The store on Galera: run by tests/store/galera.sh (make check-mariadb).
check_PROGRAMS += tests/unit/test_galera
tests_unit_test_galera_SOURCES = tests/unit/test_galera.c
tests_unit_test_galera_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/store
tests_unit_test_galera_LDADD = $(HH_STORE_LIBS) $(TEST_LIBS)
EXTRA_DIST += tests/store/galera.sh tests/lib/galera.sh tests/lib/free_port.sh
