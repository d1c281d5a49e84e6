# tests/: unit tests (C, TAP), golden template cases, fuzzers.
TEST_LIBS = engine/template/libhhtmpl.a lib/libhh.a $(JANSSON_LIBS) $(YAML_LIBS) -lpthread -lm
EXTRA_DIST += tests/unit/tap.h
include tests/unit/local.mk
include tests/fuzz/conf.mk
include tests/fuzz/load.mk
