# client/: the heat command-line client.
bin_PROGRAMS += client/heat
client_heat_SOURCES = client/heat_main.c \
	client/client_files.c client/client_files.h
client_heat_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine/resources
client_heat_LDADD = $(HH_CORE_LIBS)
TESTS += tests/client/validate.sh
EXTRA_DIST += tests/client/validate.sh
