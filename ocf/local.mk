# ocf/: the OCF resource agents for Pacemaker (ocf:heat-ha:heat-api,
# heat-api-cfn, heat-engine), each one file made from its .in and the shared
# heat-ha-common.sh, and their manuals ocf_heat-ha_*(7) generated from their
# meta-data (ocf/ocf-man.xsl). Installed under $(ocfrootdir)/resource.d/heat-ha:
# /usr/lib/ocf with --prefix=/usr, or say `make install ocfrootdir=/usr/lib/ocf`.
ocfrootdir = $(prefix)/lib/ocf
ocfagentdir = $(ocfrootdir)/resource.d/heat-ha
ocfagent_SCRIPTS = ocf/heat-api ocf/heat-api-cfn ocf/heat-engine
OCF_MANS = ocf/ocf_heat-ha_heat-api.7 ocf/ocf_heat-ha_heat-api-cfn.7 \
	ocf/ocf_heat-ha_heat-engine.7
man7_MANS = $(OCF_MANS)
CLEANFILES += $(ocfagent_SCRIPTS) $(OCF_MANS)
EXTRA_DIST += ocf/heat-api.in ocf/heat-engine.in ocf/heat-ha-common.sh \
	ocf/ocf-man.xsl ocf/ocf-man.sh ocf/heat-engine.mdoc tests/ocf/ocf_lib.sh
# the longest first, for make -j
OCF_TESTS = tests/ocf/ocf_tester.sh tests/ocf/ocf_engine.sh tests/ocf/ocf_api.sh \
	tests/ocf/ocf_meta.sh
TESTS += $(OCF_TESTS)
EXTRA_DIST += $(OCF_TESTS)
OCF_MAN_DATE = November 29, 2026

# OCF_GEN NAME PORT SECTION WHAT: an agent from its .in on stdin
OCF_GEN = sed -e 's|@sbindir[@]|$(sbindir)|g' -e 's|@VERSION[@]|$(PACKAGE_VERSION)|g' \
	-e '/^\# @include heat-ha-common.sh@$$/{r $(srcdir)/ocf/heat-ha-common.sh' -e 'd' -e '}'
OCF_DEPS = $(srcdir)/ocf/heat-ha-common.sh ocf/local.mk
ocf/heat-api: $(srcdir)/ocf/heat-api.in $(OCF_DEPS)
	$(AM_V_GEN)$(MKDIR_P) ocf && $(OCF_GEN) -e 's|@NAME[@]|heat-api|g' -e 's|@PORT[@]|8004|g' \
	    -e 's|@SECTION[@]|heat_api|g' -e 's|@WHAT[@]|native Orchestration API|g' \
	    <$(srcdir)/ocf/heat-api.in >$@.tmp && chmod 755 $@.tmp && mv $@.tmp $@
ocf/heat-api-cfn: $(srcdir)/ocf/heat-api.in $(OCF_DEPS)
	$(AM_V_GEN)$(MKDIR_P) ocf && $(OCF_GEN) -e 's|@NAME[@]|heat-api-cfn|g' -e 's|@PORT[@]|8000|g' \
	    -e 's|@SECTION[@]|heat_api_cfn|g' -e 's|@WHAT[@]|CloudFormation-compatible Query API|g' \
	    <$(srcdir)/ocf/heat-api.in >$@.tmp && chmod 755 $@.tmp && mv $@.tmp $@
ocf/heat-engine: $(srcdir)/ocf/heat-engine.in $(OCF_DEPS)
	$(AM_V_GEN)$(MKDIR_P) ocf && $(OCF_GEN) <$(srcdir)/ocf/heat-engine.in >$@.tmp && \
	    chmod 755 $@.tmp && mv $@.tmp $@

# OCF_MAN AGENT [FRAGMENT]: the page from the agent's meta-data
OCF_MAN = $(SHELL) $(srcdir)/ocf/ocf-man.sh
OCF_MAN_DEPS = $(srcdir)/ocf/ocf-man.sh $(srcdir)/ocf/ocf-man.xsl
ocf/ocf_heat-ha_heat-api.7: ocf/heat-api $(OCF_MAN_DEPS)
	$(AM_V_GEN)$(OCF_MAN) ocf/heat-api $(srcdir)/ocf/ocf-man.xsl "$(OCF_MAN_DATE)" >$@.tmp && \
	    mv $@.tmp $@
ocf/ocf_heat-ha_heat-api-cfn.7: ocf/heat-api-cfn $(OCF_MAN_DEPS)
	$(AM_V_GEN)$(OCF_MAN) ocf/heat-api-cfn $(srcdir)/ocf/ocf-man.xsl "$(OCF_MAN_DATE)" \
	    >$@.tmp && mv $@.tmp $@
ocf/ocf_heat-ha_heat-engine.7: ocf/heat-engine $(OCF_MAN_DEPS) $(srcdir)/ocf/heat-engine.mdoc
	$(AM_V_GEN)$(OCF_MAN) ocf/heat-engine $(srcdir)/ocf/ocf-man.xsl "$(OCF_MAN_DATE)" \
	    $(srcdir)/ocf/heat-engine.mdoc >$@.tmp && mv $@.tmp $@
