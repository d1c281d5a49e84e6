# engine/template: the template object (validation, outputs, dependencies)
engine_template_libhhtmpl_a_SOURCES += engine/template/tmpl.c engine/template/tmpl.h \
	engine/template/tmpl_internal.h engine/template/tmpl_place.c engine/template/tmpl_graph.c \
	engine/template/tmpl_request.c engine/template/tmpl_request.h
engine_template_libhhtmpl_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
