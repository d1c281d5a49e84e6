# api/: the HTTP front ends: the native Orchestration API v1 (heat-api) and
# the CFN Query API (heat-api-cfn).
# libhhapi.a holds the server so heat-all can run it beside the engine.
noinst_LIBRARIES += api/libhhapi.a
api_libhhapi_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/api -I$(top_srcdir)/engine/rpc \
	$(MHD_CFLAGS) $(CURL_CFLAGS)
api_libhhapi_a_SOURCES = \
	api/api_http.c api/api_http.h \
	api/api_fault.c api/api_fault.h \
	api/api_fetch.c api/api_fetch.h \
	api/api_router.c api/api_router.h \
	api/api_server.c api/api_server.h \
	api/api_v1.c api/api_v1.h api/api_v1_internal.h \
	api/api_v1_views.c api/api_v1_stacks.c api/api_v1_res.c api/api_v1_misc.c \
	api/api_cfn.c api/api_cfn.h api/api_cfn_internal.h api/api_cfn_stacks.c \
	api/api_cfn_xml.c api/api_cfn_xml.h \
	api/api_daemon.c api/api_daemon.h
# What a program links to serve the API (before HH_RPC_LIBS and HH_CORE_LIBS).
HH_API_LIBS = api/libhhapi.a $(MHD_LIBS) $(CURL_LIBS)

sbin_PROGRAMS += api/heat-api
api_heat_api_SOURCES = api/heat_api_main.c
api_heat_api_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/api -I$(top_srcdir)/engine/rpc
api_heat_api_LDADD = $(HH_API_LIBS) $(HH_RPC_LIBS) $(HH_CORE_LIBS) -lpthread

sbin_PROGRAMS += api/heat-api-cfn
api_heat_api_cfn_SOURCES = api/heat_api_cfn_main.c
api_heat_api_cfn_CPPFLAGS = $(api_heat_api_CPPFLAGS)
api_heat_api_cfn_LDADD = $(api_heat_api_LDADD)

dist_man_MANS += man/heat-api.8 man/heat-api-cfn.8
TESTS += tests/api/heat_api_daemon.sh tests/api/heat_api_cfn_daemon.sh
EXTRA_DIST += tests/api/heat_api_daemon.sh tests/api/heat_api_cfn_daemon.sh
