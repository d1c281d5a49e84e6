# all/: heat-all, the embedded default: the native API, the CFN API and the
# engine in one process over the in-process transport, on SQLite under state_path.
sbin_PROGRAMS += all/heat-all
all_heat_all_SOURCES = all/heat_all_main.c
all_heat_all_CPPFLAGS = $(engine_libhhservice_a_CPPFLAGS) -I$(top_srcdir)/api
all_heat_all_LDADD = $(HH_API_LIBS) $(HH_SERVICE_LIBS) $(HH_CORE_LIBS) $(SQLITE_LIBS) -lpthread

dist_man_MANS += man/heat-all.8
TESTS += tests/integration/heat_all.sh tests/integration/heat_all_cfn.sh
EXTRA_DIST += tests/integration/heat_all.sh tests/integration/heat_all_cfn.sh
