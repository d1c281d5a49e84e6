# engine/stack/: the worker pool and the dependency scheduler.
noinst_LIBRARIES += engine/stack/libhhstack.a
engine_stack_libhhstack_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/stack
engine_stack_libhhstack_a_SOURCES = \
	engine/stack/stack_pool.c engine/stack/stack_pool.h \
	engine/stack/stack_sched.c engine/stack/stack_sched.h
