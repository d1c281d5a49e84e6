# tests/unit: template versions and intrinsic functions. The function
# sources are linked directly so this test does not depend on the rest of
# libhhtmpl.a or libhh.a (only hh_error and hh_py).
check_PROGRAMS += tests/unit/test_func
tests_unit_test_func_SOURCES = tests/unit/test_func.c \
	engine/template/tmpl_version.c engine/template/tmpl_func.c \
	engine/template/func_hot.c engine/template/func_cfn.c lib/hh_error.c lib/hh_py.c
tests_unit_test_func_LDADD = $(JANSSON_LIBS) -lm
TESTS += tests/unit/test_func
