# option registry and heat.conf parser
lib_libhh_a_SOURCES += \
	lib/hh_conf.c lib/hh_conf.h \
	lib/hh_opts.c lib/hh_opts.h
