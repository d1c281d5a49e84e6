# engine/stack/: the worker pool, the dependency scheduler, the stack model
# and the stack actions.
noinst_LIBRARIES += engine/stack/libhhstack.a
engine_stack_libhhstack_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/stack \
	-I$(top_srcdir)/engine/store -I$(top_srcdir)/engine/resources
engine_stack_libhhstack_a_SOURCES = \
	engine/stack/stack_pool.c engine/stack/stack_pool.h \
	engine/stack/stack_sched.c engine/stack/stack_sched.h \
	engine/stack/stack_model.c engine/stack/stack_model.h \
	engine/stack/stack_engine.c engine/stack/stack_engine.h engine/stack/stack_internal.h \
	engine/stack/stack_create.c engine/stack/stack_delete.c engine/stack/stack_resume.c \
	engine/stack/stack_ops.h engine/stack/stack_abandon.c engine/stack/stack_snapshot.c \
	engine/stack/stack_preview.c engine/stack/stack_format.c engine/stack/stack_format.h \
	engine/stack/stack_nested.c engine/stack/stack_nested.h
# resource signals, metadata and health marks; breakpoint hooks
engine_stack_libhhstack_a_SOURCES += engine/stack/stack_signal.c engine/stack/stack_hook.c
# update, rollback, cancel_update; suspend, resume, check
engine_stack_libhhstack_a_SOURCES += engine/stack/stack_update.c engine/stack/stack_actions.c
# What a program links to run stack actions (libhhstack needs the store,
# the resource plugins, the template layer and libhh: HH_CORE_LIBS).
HH_STACK_LIBS = engine/stack/libhhstack.a $(HH_STORE_LIBS)
