# haproxy/: heat-ha-haproxy, the generator of haproxy.cfg from heat.conf
# [ha] (the model and the file in haproxy_gen.c, the command line in
# haproxy_main.c).
sbin_PROGRAMS += haproxy/heat-ha-haproxy
haproxy_heat_ha_haproxy_SOURCES = haproxy/haproxy_main.c \
	haproxy/haproxy_gen.c haproxy/haproxy_gen.h
haproxy_heat_ha_haproxy_LDADD = lib/libhh.a $(JANSSON_LIBS) $(YAML_LIBS) -lpthread -lm

dist_man_MANS += man/heat-ha-haproxy.8

# Every generated file passes haproxy -c; bad [ha] input exits 1 with
# the key named.
TESTS += tests/haproxy/haproxy_gen.sh
EXTRA_DIST += tests/haproxy/haproxy_gen.sh
