# agent/: heat-ha-agent, the Corosync-aware supervisor (main in
# agent_main.c; the election as a pure function in agent_election.c, the
# CPG/quorum protocol in agent_cluster.c, the engine's control socket client
# in agent_engine.c, the local services in agent_supervise.c). The agent's
# own socket is the engine's control socket server (engine/service_control.c).
sbin_PROGRAMS += agent/heat-ha-agent
agent_heat_ha_agent_SOURCES = agent/agent_main.c agent/agent_clock.h \
	agent/agent_election.c agent/agent_election.h \
	agent/agent_cluster.c agent/agent_cluster.h \
	agent/agent_engine.c agent/agent_engine.h \
	agent/agent_health.c agent/agent_health.h \
	agent/agent_supervise.c agent/agent_supervise.h \
	agent/agent_probe.c agent/agent_probe.h \
	engine/service_control.c engine/service_control.h
agent_heat_ha_agent_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/engine
agent_heat_ha_agent_CFLAGS = $(AM_CFLAGS) $(COROSYNC_CFLAGS) $(QB_CFLAGS)
agent_heat_ha_agent_LDADD = lib/libhh.a $(COROSYNC_LIBS) $(QB_LIBS) $(JANSSON_LIBS) \
	$(YAML_LIBS) -lpthread -lm

dist_man_MANS += man/heat-ha-agent.8

# The election as a pure function: membership, health, priority,
# stickiness, quorum, hand-over.
check_PROGRAMS += tests/unit/test_election
tests_unit_test_election_SOURCES = tests/unit/test_election.c agent/agent_election.c
tests_unit_test_election_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
TESTS += tests/unit/test_election

# The health verdicts: an engine's status answer, the debounce, an HTTP
# status line.
check_PROGRAMS += tests/unit/test_agent_health
tests_unit_test_agent_health_SOURCES = tests/unit/test_agent_health.c agent/agent_health.c
tests_unit_test_agent_health_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_unit_test_agent_health_LDADD = $(JANSSON_LIBS)
TESTS += tests/unit/test_agent_health

TESTS += tests/agent/agent_daemon.sh
EXTRA_DIST += tests/agent/agent_daemon.sh
