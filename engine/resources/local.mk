# engine/resources/: resource types: schemas, registry, plugins.
noinst_LIBRARIES += engine/resources/libhhres.a
engine_resources_libhhres_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
engine_resources_libhhres_a_SOURCES = \
	engine/resources/res_schema.c engine/resources/res_schema.h \
	engine/resources/res_registry.c engine/resources/res_registry.h \
	engine/resources/res_types_heat.c \
	engine/resources/res_plugin.c engine/resources/res_plugin.h \
	engine/resources/res_heat_basic.c \
	engine/resources/res_nested.c engine/resources/res_nested.h \
	engine/resources/res_group.c
# OS::Heat::AutoScalingGroup
engine_resources_libhhres_a_SOURCES += engine/resources/res_heat_scaling.c
# wait conditions and their handles
engine_resources_libhhres_a_SOURCES += engine/resources/res_heat_wait.c
# the software config family
engine_resources_libhhres_a_SOURCES += engine/resources/res_heat_config.c
