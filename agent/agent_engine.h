/* agent_engine: the agent's side of the local heat-engine's control socket
 * (engine/service_control.h): health checks and the wanted role.
 *
 * Asynchronous on the agent's libqb loop, one request at a time, a new
 * connection each: {"op": "status"} every health interval, and
 * {"op": "promote"} / {"op": "demote"} whenever the role the engine reports
 * differs from the wanted one (a promotion takes a new fencing term in the
 * engine). A request unanswered within the health timeout fails.
 *
 * Health (agent_health.h): a check fails when a request is not answered
 * within the timeout or fails otherwise, or when the answer shows the
 * engine unfit (its database unreachable; without its RPC transport when
 * check_broker). Unhealthy after `failures` failed checks in a row,
 * healthy again at the first good answer; unhealthy at once when the
 * socket is missing or refuses connections (no engine runs), when the
 * supervisor reports the process gone (hh_agent_engine_lost), and for the
 * timeout after a failed promotion.
 *
 * Role: an engine that answers "active" while its database holds a newer
 * term was deposed: it counts as not active (role "deposed"), and is
 * demoted unless it is wanted active (then promoted: a new term).
 *
 * Holding: the engine holds (or may hold) the active role from the moment
 * a promotion is sent until a demotion is confirmed, the engine is known
 * to be dead, or it is unhealthy for lack of answers; the election counts
 * on it so that two engines are never told to be active at once.
 */
#ifndef HH_AGENT_ENGINE_H
#define HH_AGENT_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>
#include <qb/qbloop.h>

typedef struct hh_agent_engine hh_agent_engine;

/* Called (from the loop) when healthy, holding, the role or the term
 * changed. */
typedef void (*hh_agent_engine_fn)(void *arg);

typedef struct hh_agent_engine_config {
    const char *sock;     /* the engine's control socket (copied) */
    unsigned interval_ms; /* between health checks */
    unsigned timeout_ms;  /* for a request */
    unsigned failures;    /* failed checks in a row that make it unhealthy */
    bool check_broker;    /* an engine without its RPC transport is unhealthy */
} hh_agent_engine_config;

/* cfg is copied, loop borrowed. The engine is wanted standby. *out is
 * new: free with hh_agent_engine_free. 0 or ENOMEM. */
int hh_agent_engine_new(qb_loop_t *loop, const hh_agent_engine_config *cfg, hh_agent_engine_fn fn,
                        void *arg, hh_agent_engine **out);
void hh_agent_engine_free(hh_agent_engine *e); /* e may be NULL */

/* Want the engine active (promote) or standby (demote). */
void hh_agent_engine_want(hh_agent_engine *e, bool active);
bool hh_agent_engine_wanted(const hh_agent_engine *e);

/* Demote now, waiting at most the request timeout (for a clean stop). */
void hh_agent_engine_demote_sync(hh_agent_engine *e);

/* The supervised engine process exited (healthy and holding drop at once),
 * or was started again (check soon). */
void hh_agent_engine_lost(hh_agent_engine *e);
void hh_agent_engine_started(hh_agent_engine *e);

bool hh_agent_engine_healthy(const hh_agent_engine *e);
bool hh_agent_engine_holding(const hh_agent_engine *e);
/* The role the engine last reported: "active", "standby", "deposed" or
 * "unknown". */
const char *hh_agent_engine_role(const hh_agent_engine *e);
/* The term the engine last reported (0: none). */
int64_t hh_agent_engine_term(const hh_agent_engine *e);

/* {"healthy", "holding", "role", "term", "database_term", "wanted",
 *  "failures" (failed checks in a row), "failures_allowed", "problem" (the
 *  last failed check's reason, absent after a good one)}: new reference,
 *  NULL when out of memory. */
json_t *hh_agent_engine_status(const hh_agent_engine *e);

#endif
