# engine/rpc/: the engine's request API: message schema, transport, drivers.
noinst_LIBRARIES += engine/rpc/libhhrpc.a
engine_rpc_libhhrpc_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/rpc
engine_rpc_libhhrpc_a_SOURCES = \
	engine/rpc/rpc_msg.c engine/rpc/rpc_msg.h \
	engine/rpc/rpc.c engine/rpc/rpc.h engine/rpc/rpc_inproc.c \
	engine/rpc/rpc_amqp.c engine/rpc/rpc_amqp_conf.c engine/rpc/rpc_amqp_conf.h
engine_rpc_libhhrpc_a_CFLAGS = $(AM_CFLAGS) $(RABBITMQ_CFLAGS)
# What a program links to use RPC (before HH_CORE_LIBS).
HH_RPC_LIBS = engine/rpc/libhhrpc.a $(RABBITMQ_LIBS)
