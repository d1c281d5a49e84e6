# engine/template: param part
engine_template_libhhtmpl_a_SOURCES += engine/template/tmpl_param.c \
	engine/template/tmpl_param.h \
	engine/template/tmpl_env.c \
	engine/template/tmpl_env.h
