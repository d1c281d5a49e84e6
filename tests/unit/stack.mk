# tests/unit/: stack model and actions (create, delete, update, rollback,
# suspend, resume, check, resume after a crash) on the store.
check_PROGRAMS += tests/unit/test_stack
tests_unit_test_stack_SOURCES = tests/unit/test_stack.c tests/unit/stack_fixture.c \
	tests/unit/stack_fixture.h
tests_unit_test_stack_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/stack \
	-I$(top_srcdir)/engine/store -I$(top_srcdir)/engine/resources
tests_unit_test_stack_LDADD = $(HH_STACK_LIBS) $(TEST_LIBS) -lpthread
TESTS += tests/unit/test_stack

# stack_ops: preview, abandon and adopt, snapshots.
check_PROGRAMS += tests/unit/test_stack_ops
tests_unit_test_stack_ops_SOURCES = tests/unit/test_stack_ops.c tests/unit/stack_fixture.c \
	tests/unit/stack_fixture.h
tests_unit_test_stack_ops_CPPFLAGS = $(tests_unit_test_stack_CPPFLAGS)
tests_unit_test_stack_ops_LDADD = $(HH_STACK_LIBS) $(TEST_LIBS) -lpthread
TESTS += tests/unit/test_stack_ops

# stack_update, stack_actions: update, rollback, cancel, suspend, resume, check.
check_PROGRAMS += tests/unit/test_stack_actions
tests_unit_test_stack_actions_SOURCES = tests/unit/test_stack_actions.c tests/unit/stack_fixture.c \
	tests/unit/stack_fixture.h
tests_unit_test_stack_actions_CPPFLAGS = $(tests_unit_test_stack_CPPFLAGS)
tests_unit_test_stack_actions_LDADD = $(tests_unit_test_stack_LDADD)
TESTS += tests/unit/test_stack_actions

# nested stacks and the group resources.
check_PROGRAMS += tests/unit/test_nested
tests_unit_test_nested_SOURCES = tests/unit/test_nested.c tests/unit/stack_fixture.c \
	tests/unit/stack_fixture.h
tests_unit_test_nested_CPPFLAGS = $(tests_unit_test_stack_CPPFLAGS)
tests_unit_test_nested_LDADD = $(HH_STACK_LIBS) $(TEST_LIBS) -lpthread
TESTS += tests/unit/test_nested

# stack lifecycle across resources and child stacks: the create retry
# loop, updated_time, adopt of nested stacks, cleanup of registry-mapped
# types, cancel and timeout reaching child stacks.
check_PROGRAMS += tests/unit/test_stack_lifecycle
tests_unit_test_stack_lifecycle_SOURCES = tests/unit/test_stack_lifecycle.c \
	tests/unit/stack_fixture.c tests/unit/stack_fixture.h
tests_unit_test_stack_lifecycle_CPPFLAGS = $(tests_unit_test_stack_CPPFLAGS)
tests_unit_test_stack_lifecycle_LDADD = $(tests_unit_test_stack_LDADD)
TESTS += tests/unit/test_stack_lifecycle

# the group resources' attribute paths and update policies.
check_PROGRAMS += tests/unit/test_group
tests_unit_test_group_SOURCES = tests/unit/test_group.c tests/unit/stack_fixture.c \
	tests/unit/stack_fixture.h
tests_unit_test_group_CPPFLAGS = $(tests_unit_test_stack_CPPFLAGS)
tests_unit_test_group_LDADD = $(HH_STACK_LIBS) $(TEST_LIBS) -lpthread
TESTS += tests/unit/test_group

# breakpoint hooks: pauses, clears, crash-resume, cancel and timeout,
# nested paths.
check_PROGRAMS += tests/unit/test_hooks
tests_unit_test_hooks_SOURCES = tests/unit/test_hooks.c tests/unit/stack_fixture.c \
	tests/unit/stack_fixture.h
tests_unit_test_hooks_CPPFLAGS = $(tests_unit_test_stack_CPPFLAGS)
tests_unit_test_hooks_LDADD = $(tests_unit_test_stack_LDADD)
TESTS += tests/unit/test_hooks
