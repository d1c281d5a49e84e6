# tests/stack/: kill -9 of an engine in the middle of a create, update,
# delete or rollback of a tree of nested stacks, resume in a fresh
# process, check the store.
check_PROGRAMS += tests/stack/crash_child
tests_stack_crash_child_SOURCES = tests/stack/crash_child.c
tests_stack_crash_child_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/stack \
	-I$(top_srcdir)/engine/store -I$(top_srcdir)/engine/resources
tests_stack_crash_child_LDADD = $(HH_STACK_LIBS) $(TEST_LIBS) -lpthread
TESTS += tests/stack/crash_resume.sh
EXTRA_DIST += tests/stack/crash_resume.sh tests/stack/crash_lib.sh
