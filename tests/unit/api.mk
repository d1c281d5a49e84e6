# tests/unit/: heat-api's routes, errors, redirects and limits over HTTP.
check_PROGRAMS += tests/unit/test_api
tests_unit_test_api_SOURCES = tests/unit/test_api.c
tests_unit_test_api_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/api -I$(top_srcdir)/engine/rpc \
	$(CURL_CFLAGS)
tests_unit_test_api_LDADD = $(HH_API_LIBS) $(HH_RPC_LIBS) $(TEST_LIBS) $(CURL_LIBS) -lpthread
TESTS += tests/unit/test_api
