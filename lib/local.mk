# lib/: code every program shares.
noinst_LIBRARIES += lib/libhh.a
lib_libhh_a_SOURCES = \
	lib/hh_error.c lib/hh_error.h \
	lib/hh_log.c lib/hh_log.h \
	lib/hh_kvparams.c lib/hh_kvparams.h \
	lib/hh_json.c lib/hh_json.h \
	lib/hh_py.c lib/hh_py.h \
	lib/hh_constraint.c lib/hh_constraint.h \
	lib/hh_daemon.c lib/hh_daemon.h
lib_libhh_a_SOURCES += lib/hh_yaml.c lib/hh_yaml.h
include lib/conf.mk
