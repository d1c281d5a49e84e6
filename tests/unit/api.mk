# tests/unit/: heat-api's routes, errors, redirects and limits over HTTP.
check_PROGRAMS += tests/unit/test_api
tests_unit_test_api_SOURCES = tests/unit/test_api.c \
	tests/lib/http_client.c tests/lib/http_client.h
tests_unit_test_api_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/api -I$(top_srcdir)/engine/rpc \
	-I$(top_srcdir)/tests/lib $(CURL_CFLAGS)
tests_unit_test_api_LDADD = $(HH_API_LIBS) $(HH_RPC_LIBS) $(TEST_LIBS) $(CURL_LIBS) -lpthread
TESTS += tests/unit/test_api

# heat-api with the real engine service in one process (heat-all's shape).
check_PROGRAMS += tests/unit/test_api_e2e
tests_unit_test_api_e2e_SOURCES = tests/unit/test_api_e2e.c \
	tests/lib/api_e2e.c tests/lib/api_e2e.h tests/lib/http_client.c tests/lib/http_client.h
tests_unit_test_api_e2e_CPPFLAGS = $(engine_libhhservice_a_CPPFLAGS) -I$(top_srcdir)/api \
	-I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/tests/lib $(CURL_CFLAGS)
tests_unit_test_api_e2e_LDADD = $(HH_API_LIBS) $(HH_SERVICE_LIBS) $(TEST_LIBS) $(SQLITE_LIBS) \
	$(CURL_LIBS) -lpthread
TESTS += tests/unit/test_api_e2e

# heat-api-cfn with the real engine service: every action, XML and JSON,
# the AWS errors, signed requests, the wait condition and signal URLs.
check_PROGRAMS += tests/unit/test_api_cfn
tests_unit_test_api_cfn_SOURCES = tests/unit/test_api_cfn.c \
	tests/lib/api_e2e.c tests/lib/api_e2e.h tests/lib/http_client.c tests/lib/http_client.h
tests_unit_test_api_cfn_CPPFLAGS = $(tests_unit_test_api_e2e_CPPFLAGS)
tests_unit_test_api_cfn_LDADD = $(tests_unit_test_api_e2e_LDADD)
TESTS += tests/unit/test_api_cfn
