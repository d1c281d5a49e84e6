# engine/template/: the template language.
noinst_LIBRARIES += engine/template/libhhtmpl.a
engine_template_libhhtmpl_a_SOURCES =
include engine/template/load.mk
include engine/template/func.mk
include engine/template/param.mk
include engine/template/tmpl.mk
