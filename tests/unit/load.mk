# tests/unit: document loader and source map
check_PROGRAMS += tests/unit/test_doc_load
tests_unit_test_doc_load_SOURCES = tests/unit/test_doc_load.c
tests_unit_test_doc_load_LDADD = $(TEST_LIBS)
TESTS += tests/unit/test_doc_load
