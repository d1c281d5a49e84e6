# tests/dist/: heat-ha on Galera x3 behind HAProxy, RabbitMQ, 3 engines and
# 2 APIs (real servers on loopback, free ports). Its own target, run once
# by tools/run-tests.sh, not part of make check: `make dist-check`.
EXTRA_DIST += tests/dist/dist.sh tests/dist/dist_lib.sh tests/dist/dist_load.py
dist-check: all
	top_srcdir='$(top_srcdir)' top_builddir='$(abs_top_builddir)' \
		$(top_srcdir)/tests/dist/dist.sh
.PHONY: dist-check
