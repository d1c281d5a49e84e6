# tests/unit/: the engine's request API through the in-process transport.
check_PROGRAMS += tests/unit/test_service
tests_unit_test_service_SOURCES = tests/unit/test_service.c
tests_unit_test_service_CPPFLAGS = $(engine_libhhservice_a_CPPFLAGS)
tests_unit_test_service_LDADD = $(HH_SERVICE_LIBS) $(TEST_LIBS) -lpthread
TESTS += tests/unit/test_service
