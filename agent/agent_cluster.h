/* agent_cluster: heat-ha-agent's membership of the cluster. It joins a CPG
 * group of corosync, tracks quorum through votequorum, runs the election
 * (agent_election.h) and tells the local engine which role to take
 * (agent_engine.h).
 *
 * Protocol: every member multicasts a state message (name, engine health,
 * standby, priority, whether its engine holds the active role, whom it
 * takes for the leader, a digest of the view it was sent in) after each
 * view change and whenever its state changes. A member's state counts only
 * in the view it was sent in, so after a view change the members are
 * unsynced until each member's new state arrives; they then agree on the
 * incumbent (hh_elect_incumbent) and go on electing alike on every
 * delivery. "move" messages set the incumbent for all members at the same
 * point of the agreed order.
 *
 * Quorum is asked of corosync synchronously (quorum_getquorate) whenever a
 * view arrives: CPG delivers a membership change before votequorum's
 * notification of the same change, so a cached flag would be stale there.
 * Losing quorum or the connection to corosync demotes the engine at once;
 * the agent reconnects every second. A leader lost with its node
 * (reason NODEDOWN) is taken over only after takeover_delay, the time its
 * own partition needs to see that it lost quorum and demote.
 */
#ifndef HH_AGENT_CLUSTER_H
#define HH_AGENT_CLUSTER_H

#include <stdbool.h>

#include <jansson.h>
#include <qb/qbloop.h>

#include "agent_engine.h"
#include "hh_error.h"

typedef struct hh_cluster hh_cluster;

typedef struct hh_cluster_config {
    const char *group;     /* CPG group name */
    const char *node_name; /* announced name */
    int priority;
    unsigned takeover_delay_ms;
    /* Called from the loop when this node's partition gains or loses
     * quorum (connected to corosync and quorate), after the election
     * acted on it; NULL: not called. Before the first call there is none. */
    void (*quorum_fn)(bool quorate, void *arg);
    void *quorum_arg;
} hh_cluster_config;

/* Connect to corosync (retried every second while it is down). loop and
 * engine are borrowed; cfg's strings are copied. *out is new
 * (hh_cluster_free). 0 or ENOMEM. */
int hh_cluster_new(qb_loop_t *loop, const hh_cluster_config *cfg, hh_agent_engine *engine,
                   hh_cluster **out);

/* The local engine's health, role or holding changed: announce it. */
void hh_cluster_local_changed(hh_cluster *c);

/* Maintenance: in standby this node is never elected (its engine is
 * demoted once another member takes over). */
void hh_cluster_set_standby(hh_cluster *c, bool on);

/* Hand the leadership to node (a node name or node id): 0, or HH_ENOTFOUND
 * / HH_EINVAL / EAGAIN with err saying why (unknown node, not eligible,
 * not connected or synced). */
int hh_cluster_move(hh_cluster *c, const char *node, hh_error *err);

/* {"nodeid", "name", "connected", "quorate", "synced", "votes": {...},
 *  "leader": {"nodeid", "name", "term"} | null, "standby",
 *  "members": [...]}: new reference, NULL when out of memory. */
json_t *hh_cluster_status(const hh_cluster *c);

/* Leave the group and disconnect (a clean stop, after the engine was
 * demoted). */
void hh_cluster_leave(hh_cluster *c);

void hh_cluster_free(hh_cluster *c); /* c may be NULL */

#endif
