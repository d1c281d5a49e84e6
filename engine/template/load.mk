# engine/template: load part (YAML/JSON document loader, source map)
engine_template_libhhtmpl_a_SOURCES += \
	engine/template/doc_load.c engine/template/doc_load.h \
	engine/template/srcmap.c engine/template/srcmap.h
