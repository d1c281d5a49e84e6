# conf/: the sample heat.conf and heat.conf(5), both generated from the
# option tables (lib/hh_opts.c) by tools/hh-genconf and committed.
# `make check` regenerates them into the build tree and fails when the
# committed copies differ; `make update-conf` rewrites the committed copies.
noinst_PROGRAMS += tools/hh-genconf
tools_hh_genconf_SOURCES = tools/hh_genconf.c
tools_hh_genconf_LDADD = lib/libhh.a -lpthread -lm

GENCONF_OUT = conf/heat.conf.sample.gen man/heat.conf.5.gen

conf/heat.conf.sample.gen: tools/hh-genconf$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) conf && tools/hh-genconf$(EXEEXT) sample > $@.tmp && mv $@.tmp $@

man/heat.conf.5.gen: tools/hh-genconf$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) man && tools/hh-genconf$(EXEEXT) man > $@.tmp && mv $@.tmp $@

update-conf: $(GENCONF_OUT)
	cp conf/heat.conf.sample.gen $(srcdir)/conf/heat.conf.sample
	cp man/heat.conf.5.gen $(srcdir)/man/heat.conf.5
.PHONY: update-conf

TESTS += tests/conf_sample_check.sh
tests/conf_sample_check.log: $(GENCONF_OUT)
CLEANFILES += $(GENCONF_OUT)
EXTRA_DIST += conf/heat.conf.sample tests/conf_sample_check.sh
dist_man_MANS += man/heat.conf.5
EXTRA_DIST += conf/templates
# The pcs recipe (Pacemaker runs heat-ha); tests/lab/pacemaker.sh runs it.
EXTRA_DIST += conf/pcs-heat-ha.sh
