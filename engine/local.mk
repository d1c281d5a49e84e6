# engine/: the heat-engine daemon (main in engine_main.c, service_*.c for
# the service registry, the active/standby role, the control socket and
# the engine's request API).
# The engine's request API (service_api.h), the service registry, the role
# and the daemon steps (service_daemon.h): heat-engine and heat-all link it.
noinst_LIBRARIES += engine/libhhservice.a
engine_libhhservice_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine \
	-I$(top_srcdir)/engine/store -I$(top_srcdir)/engine/stack \
	-I$(top_srcdir)/engine/resources -I$(top_srcdir)/engine/rpc
engine_libhhservice_a_SOURCES = \
	engine/service_api.c engine/service_api.h engine/service_internal.h \
	engine/service_cache.c \
	engine/service_format.c engine/service_stacks.c engine/service_info.c \
	engine/service_software.c \
	engine/service_daemon.c engine/service_daemon.h \
	engine/service_registry.c engine/service_registry.h \
	engine/service_role.c engine/service_role.h
# What a program links to serve the engine's API (before HH_CORE_LIBS).
HH_SERVICE_LIBS = engine/libhhservice.a $(HH_RPC_LIBS) $(HH_STACK_LIBS)

sbin_PROGRAMS += engine/heat-engine
engine_heat_engine_SOURCES = engine/engine_main.c \
	engine/engine_command.c engine/engine_command.h \
	engine/service_control.c engine/service_control.h
engine_heat_engine_CPPFLAGS = $(engine_libhhservice_a_CPPFLAGS)
engine_heat_engine_LDADD = $(HH_SERVICE_LIBS) $(HH_CORE_LIBS) $(SQLITE_LIBS) -lpthread

dist_man_MANS += man/heat-engine.8
TESTS += tests/engine/engine_daemon.sh tests/engine/engine_fence.sh tests/engine/engine_fence_mysql.sh
EXTRA_DIST += tests/engine/engine_daemon.sh tests/engine/engine_fence.sh \
	tests/engine/engine_fence_mysql.sh tests/lib/fence_db.sh
