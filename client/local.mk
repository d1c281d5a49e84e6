# client/: the heat command-line client.
bin_PROGRAMS += client/heat
client_heat_SOURCES = client/heat_main.c \
	client/client_cmd.c client/client_cmd.h \
	client/client_http.c client/client_http.h \
	client/client_table.c client/client_table.h \
	client/client_stacks.c client/client_resources.c client/client_misc.c \
	client/client_events.c client/client_soft.c client/client_validate.c \
	client/client_files.c client/client_files.h
client_heat_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources $(CURL_CFLAGS)
client_heat_LDADD = $(HH_CORE_LIBS) $(CURL_LIBS)
TESTS += tests/client/validate.sh
EXTRA_DIST += tests/client/validate.sh

# The client's tests drive a real heat-api with the engine behind it.
check_PROGRAMS += tests/client/heat_test_server
tests_client_heat_test_server_SOURCES = tests/client/heat_test_server.c
tests_client_heat_test_server_CPPFLAGS = $(engine_libhhservice_a_CPPFLAGS) -I$(top_srcdir)/api \
	-I$(top_srcdir)/tests/lib
tests_client_heat_test_server_LDADD = $(HH_API_LIBS) $(HH_SERVICE_LIBS) $(TEST_LIBS) $(SQLITE_LIBS) -lpthread
TESTS += tests/client/client_verbs.sh tests/client/client_hooks.sh
EXTRA_DIST += tests/client/client_verbs.sh tests/client/client_hooks.sh
