# engine/template: func part (template versions and intrinsic functions)
engine_template_libhhtmpl_a_SOURCES += \
	engine/template/tmpl_version.c \
	engine/template/tmpl_func.c \
	engine/template/func_hot.c \
	engine/template/func_cfn.c \
	engine/template/func_internal.h \
	engine/template/tmpl_version.h \
	engine/template/tmpl_func.h
