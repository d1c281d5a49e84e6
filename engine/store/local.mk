# engine/store/: the store API, its drivers, and heat-manage.
noinst_LIBRARIES += engine/store/libhhstore.a
engine_store_libhhstore_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/store
engine_store_libhhstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(MYSQL_CFLAGS)
engine_store_libhhstore_a_SOURCES = \
	engine/store/store.c engine/store/store.h engine/store/store_driver.h \
	engine/store/store_sqlite.c engine/store/store_mysql.c
# What a program links to use the store.
HH_STORE_LIBS = engine/store/libhhstore.a $(SQLITE_LIBS) $(MYSQL_LIBS) -lm

sbin_PROGRAMS += engine/store/heat-manage
engine_store_heat_manage_SOURCES = engine/store/manage_main.c
engine_store_heat_manage_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/store
engine_store_heat_manage_LDADD = $(HH_STORE_LIBS) $(HH_CORE_LIBS)

dist_man_MANS += man/heat-manage.8
TESTS += tests/store/heat_manage.sh
EXTRA_DIST += tests/store/heat_manage.sh
