# engine/store/: the store API, its drivers, and heat-manage.
noinst_LIBRARIES += engine/store/libhhstore.a
engine_store_libhhstore_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/store
engine_store_libhhstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
engine_store_libhhstore_a_SOURCES = \
	engine/store/store.c engine/store/store.h engine/store/store_driver.h \
	engine/store/store_sqlite.c
# What a program links to use the store.
HH_STORE_LIBS = engine/store/libhhstore.a $(SQLITE_LIBS)

