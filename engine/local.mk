# engine/: the heat-engine daemon (main in engine_main.c, service_*.c for
# the service registry, the active/standby role and the control socket).
sbin_PROGRAMS += engine/heat-engine
engine_heat_engine_SOURCES = engine/engine_main.c \
	engine/service_control.c engine/service_control.h \
	engine/service_registry.c engine/service_registry.h \
	engine/service_role.c engine/service_role.h
engine_heat_engine_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine \
	-I$(top_srcdir)/engine/store -I$(top_srcdir)/engine/stack
engine_heat_engine_LDADD = $(HH_STACK_LIBS) $(HH_CORE_LIBS) $(SQLITE_LIBS) -lpthread

dist_man_MANS += man/heat-engine.8
TESTS += tests/engine/engine_daemon.sh
EXTRA_DIST += tests/engine/engine_daemon.sh
