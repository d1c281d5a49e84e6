# tests/unit/: the option registry and heat.conf parser.
check_PROGRAMS += tests/unit/test_conf
tests_unit_test_conf_SOURCES = tests/unit/test_conf.c
tests_unit_test_conf_LDADD = lib/libhh.a -lpthread -lm
TESTS += tests/unit/test_conf
EXTRA_DIST += tests/unit/fixtures/seed-heat.conf
