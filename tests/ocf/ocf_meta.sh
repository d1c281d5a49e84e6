#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The OCF agents' meta-data and manuals (TAP): the meta-data of each agent
# built in $top_builddir/ocf is valid against resource-agents' RelaxNG
# schema and ra-api-1 DTD and describes every parameter the agent reads;
# each generated ocf_heat-ha_*(7) lists every parameter; the agents and the
# manual generator are shellcheck-clean.
# shellcheck source=tests/ocf/ocf_lib.sh
. "${top_srcdir:-.}/tests/ocf/ocf_lib.sh"

for a in heat-api heat-api-cfn heat-engine; do
    "$bin/ocf/$a" meta-data >"$work/$a.xml"
    check "$a meta-data valid against resource-agents' metadata.rng" \
        xmllint --noout --relaxng "$rng" "$work/$a.xml"
    check "$a meta-data valid against ra-api-1.dtd" xmllint --noout --dtdvalid "$dtd" "$work/$a.xml"
    check "$a meta-data describes every parameter it reads" sh -c "
        for p in \$(sed -n 's/.*OCF_RESKEY_\\([a-z_]*\\)_default=.*/\\1/p' '$bin/ocf/$a'); do
            grep -q \"<parameter name=\\\"\$p\\\"\" '$work/$a.xml' || { echo \"\$p\"; exit 1; }
        done"
    check "ocf_heat-ha_$a(7) lists every parameter" sh -c "
        for p in \$(sed -n 's/.*<parameter name=\"\\([a-z_]*\\)\".*/\\1/p' '$work/$a.xml'); do
            grep -q \"^\\.It Cm \$p \" '$bin/ocf/ocf_heat-ha_$a.7' || { echo \"\$p\"; exit 1; }
        done"
done
check "the agents and ocf-man.sh are shellcheck-clean" \
    shellcheck -s sh "$bin/ocf/heat-api" "$bin/ocf/heat-api-cfn" "$bin/ocf/heat-engine" \
    "$top/ocf/ocf-man.sh"
check "heat-engine's meta-data has promote, demote, notify and a monitor per role" sh -c "
    for w in 'name=\"promote\"' 'name=\"demote\"' 'name=\"notify\"' 'role=\"Promoted\"' 'role=\"Unpromoted\"'; do
        grep -q \"\$w\" '$work/heat-engine.xml' || exit 1
    done"
check "the man page of heat-engine tells both ways to elect the engine" sh -c "
    grep -q 'Pacemaker as the elector' '$bin/ocf/ocf_heat-ha_heat-engine.7' &&
    grep -q 'heat-ha-agent without Pacemaker' '$bin/ocf/ocf_heat-ha_heat-engine.7'"

tap_done
