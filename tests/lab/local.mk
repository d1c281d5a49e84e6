# tests/lab/: heat-ha-agent in a 3-node corosync cluster in network
# namespaces (needs root). Its own target, run once by tools/run-tests.sh,
# not part of make check: `make lab-check`.
EXTRA_DIST += tests/lab/cluster.sh tests/lab/failover.sh tests/lab/sample_roles.py
lab-check: all
	top_srcdir='$(top_srcdir)' top_builddir='$(abs_top_builddir)' \
		$(top_srcdir)/tests/lab/failover.sh
.PHONY: lab-check
