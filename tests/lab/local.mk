# tests/lab/: 3-node clusters in network namespaces (need root), their own
# target, run once by tools/run-tests.sh, not part of make check:
# `make lab-check` runs both labs, `make lab-check-agent` heat-ha-agent's
# (failover.sh), `make lab-check-pacemaker` the Pacemaker recipe's
# (pacemaker.sh).
EXTRA_DIST += tests/lab/cluster.sh tests/lab/failover.sh tests/lab/sample_roles.py \
	tests/lab/pacemaker.sh tests/lab/crm_state.py tests/lab/http_loop.py
LAB_ENV = top_srcdir='$(top_srcdir)' top_builddir='$(abs_top_builddir)'
lab-check: all
	rc=0; $(LAB_ENV) $(top_srcdir)/tests/lab/failover.sh || rc=1; \
	$(LAB_ENV) $(top_srcdir)/tests/lab/pacemaker.sh || rc=1; exit $$rc
lab-check-agent: all
	$(LAB_ENV) $(top_srcdir)/tests/lab/failover.sh
lab-check-pacemaker: all
	$(LAB_ENV) $(top_srcdir)/tests/lab/pacemaker.sh
.PHONY: lab-check lab-check-agent lab-check-pacemaker
