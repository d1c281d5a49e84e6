# tests/: unit tests (C, TAP), golden template cases, fuzzers.
TEST_LIBS = $(HH_CORE_LIBS)
EXTRA_DIST += tests/unit/tap.h tests/shellcheck.sh tests/lib/tap.sh tests/lib/daemon.sh tests/lib/engine_ctl.sh
TESTS += tests/shellcheck.sh
include tests/unit/local.mk
include tests/templates/local.mk
include tests/fuzz/conf.mk
include tests/fuzz/load.mk
include tests/fuzz/template.mk
include tests/bench/local.mk
include tests/scheduler/local.mk
include tests/fuzz/rpc.mk
include tests/fuzz/api.mk
include tests/stack/local.mk
include tests/lab/local.mk
