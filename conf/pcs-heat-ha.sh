#!/bin/sh
# pcs-heat-ha.sh: heat-ha under Pacemaker, the pcs recipe.
#
# Pacemaker is the elector here (heat-ha-agent is not run): it keeps one
# heat-engine promoted (ACTIVE) and the others unpromoted (STANDBY), runs
# heat-api, heat-api-cfn and HAProxy on every node, and moves the virtual IP.
#
#   heat-vip            ocf:heartbeat:IPaddr2, [ha] vip of heat.conf
#   haproxy-clone       HAProxy on every node with the file heat-ha-haproxy(8)
#                       writes; its frontends bind the VIP "transparent", so
#                       every copy runs whichever node holds the address
#   heat-api-clone      heat-api on every node (stateless)
#   heat-api-cfn-clone  heat-api-cfn on every node (stateless)
#   heat-engine-clone   promotable clone of ocf:heat-ha:heat-engine, one
#                       promoted: promote raises the engine's fencing term in
#                       the database, so a deposed engine can write nothing
#
# Constraints:
#   order start haproxy-clone "then" start heat-vip     the VIP comes up where
#   colocation heat-vip with haproxy-clone (INFINITY)  HAProxy already runs
#   order start heat-api(-cfn)-clone "then" start haproxy-clone (Optional)
#                       HAProxy's first checks find the APIs up
#   colocation heat-vip with Promoted heat-engine-clone (score 1000)
#   order promote heat-engine-clone "then" start heat-vip (Optional)
#                       the VIP and the active engine share one node: a node
#                       crash then costs one failover, not two (with them
#                       apart, a crash of either node is an outage). A score,
#                       not INFINITY: without a promotable engine the VIP
#                       still answers (503 from /healthcheck explains why)
#
# Before: corosync and Pacemaker running on every node (pcs cluster setup);
# heat.conf on every node with [ha] vip and nodes, [heat_api] bind_host and
# [heat_api_cfn] bind_host set to the node's own address, one database every
# engine reaches ([database] connection: Galera through the VIP, see
# galera_nodes); `heat-ha-haproxy -o /etc/haproxy/haproxy.cfg` on every node;
# the agents in /usr/lib/ocf/resource.d/heat-ha/ (make install). With
# Galera under Pacemaker too, add: pcs constraint order start galera-clone
# "then" start heat-engine-clone.
#
# Run it once, on one node:   conf/pcs-heat-ha.sh
# or build the resources offline and push them in one step:
#   pcs cluster cib cib.xml && PCS="pcs -f cib.xml" conf/pcs-heat-ha.sh &&
#   pcs cluster cib-push cib.xml --config
#
# Environment (defaults in brackets):
#   PCS                 the pcs command [pcs]
#   HEAT_CONF           heat.conf every service reads [/etc/heat/heat.conf]
#   VIP                 the virtual IP [heat-ha-haproxy's source: [ha] vip]
#   VIP_CIDR            its prefix length [[ha] vip_prefix, 24]
#   VIP_NIC             its interface [empty: the one whose network holds it]
#   HAPROXY_CFG         [/etc/haproxy/haproxy.cfg]
#   HAPROXY_BIN         [/usr/sbin/haproxy]
#   MONITOR             seconds between monitors of every resource [10]
#                       (the unpromoted engines': one more)
#   HEAT_API_AGENT, HEAT_API_CFN_AGENT, HEAT_ENGINE_AGENT
#                       [ocf:heat-ha:heat-api, ocf:heat-ha:heat-api-cfn,
#                       ocf:heat-ha:heat-engine]
#   HEAT_API_PARAMS, HEAT_API_CFN_PARAMS, HEAT_ENGINE_PARAMS
#                       the agents' parameters as name=value words
#                       [config=$HEAT_CONF; set but empty: none]
# A value with a space cannot be passed through these words: add such a
# parameter afterwards with pcs resource update.
set -eu

PCS=${PCS:-pcs}
HEAT_CONF=${HEAT_CONF:-/etc/heat/heat.conf}
conf_value() { # conf_value GROUP KEY: the value in $HEAT_CONF, if any
    [ -r "$HEAT_CONF" ] || return 0
    awk -v g="[$1]" -v k="$2" '
        /^\[/ { in_g = (tolower($0) == g) }
        in_g && $1 == k { sub(/^[^=:]*[=:][ \t]*/, ""); v = $0 }
        END { if (v != "") print v }' "$HEAT_CONF"
}
VIP=${VIP:-$(conf_value ha vip)}
VIP_CIDR=${VIP_CIDR:-$(conf_value ha vip_prefix)}
VIP_CIDR=${VIP_CIDR:-24}
VIP_NIC=${VIP_NIC:-}
HAPROXY_CFG=${HAPROXY_CFG:-/etc/haproxy/haproxy.cfg}
HAPROXY_BIN=${HAPROXY_BIN:-/usr/sbin/haproxy}
MONITOR=${MONITOR:-10}
HEAT_API_AGENT=${HEAT_API_AGENT:-ocf:heat-ha:heat-api}
HEAT_API_CFN_AGENT=${HEAT_API_CFN_AGENT:-ocf:heat-ha:heat-api-cfn}
HEAT_ENGINE_AGENT=${HEAT_ENGINE_AGENT:-ocf:heat-ha:heat-engine}
HEAT_API_PARAMS=${HEAT_API_PARAMS-config=$HEAT_CONF}
HEAT_API_CFN_PARAMS=${HEAT_API_CFN_PARAMS-config=$HEAT_CONF}
HEAT_ENGINE_PARAMS=${HEAT_ENGINE_PARAMS-config=$HEAT_CONF}
[ -n "$VIP" ] || {
    echo "pcs-heat-ha.sh: no VIP: set VIP or [ha] vip in $HEAT_CONF" >&2
    exit 2
}

# the virtual IP
# shellcheck disable=SC2086 # PCS is a command line
$PCS resource create heat-vip ocf:heartbeat:IPaddr2 ip="$VIP" cidr_netmask="$VIP_CIDR" \
    ${VIP_NIC:+nic="$VIP_NIC"} op monitor interval="${MONITOR}s"

# HAProxy on every node. resource-agents has no haproxy agent; "anything"
# runs it in the foreground (-Ws: master-worker) and watches the process.
# shellcheck disable=SC2086
$PCS resource create haproxy ocf:heartbeat:anything binfile="$HAPROXY_BIN" \
    cmdline_options="-Ws -f $HAPROXY_CFG" op monitor interval="${MONITOR}s" \
    clone interleave=true

# the APIs on every node; their monitor asks GET /healthcheck
# shellcheck disable=SC2086 # PARAMS are words
$PCS resource create heat-api "$HEAT_API_AGENT" $HEAT_API_PARAMS \
    op monitor interval="${MONITOR}s" clone interleave=true
# shellcheck disable=SC2086
$PCS resource create heat-api-cfn "$HEAT_API_CFN_AGENT" $HEAT_API_CFN_PARAMS \
    op monitor interval="${MONITOR}s" clone interleave=true

# the engine: one promoted. Two monitors, one per role, at different
# intervals (Pacemaker needs them distinct); notify lets the agents see
# promotions elsewhere.
# shellcheck disable=SC2086
$PCS resource create heat-engine "$HEAT_ENGINE_AGENT" $HEAT_ENGINE_PARAMS \
    op monitor interval="${MONITOR}s" role=Promoted \
    monitor interval="$((MONITOR + 1))s" role=Unpromoted \
    promotable promoted-max=1 promoted-node-max=1 notify=true interleave=true

# shellcheck disable=SC2086
{
    $PCS constraint order start haproxy-clone "then" start heat-vip
    $PCS constraint colocation add heat-vip with haproxy-clone INFINITY
    $PCS constraint order start heat-api-clone "then" start haproxy-clone kind=Optional
    $PCS constraint order start heat-api-cfn-clone "then" start haproxy-clone kind=Optional
    $PCS constraint colocation add heat-vip with Promoted heat-engine-clone 1000
    $PCS constraint order promote heat-engine-clone "then" start heat-vip kind=Optional
}
