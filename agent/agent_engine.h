/* agent_engine: the agent's side of the local heat-engine's control socket
 * (engine/service_control.h): health checks and the wanted role.
 *
 * Asynchronous on the agent's libqb loop, one request at a time, a new
 * connection each: {"op": "status"} every health interval, and
 * {"op": "promote"} / {"op": "demote"} whenever the role the engine reports
 * differs from the wanted one (a promotion takes a new fencing term in the
 * engine). A request unanswered within the health timeout fails.
 *
 * Health: healthy after a status answer; unhealthy at once when the socket
 * is missing or refuses connections (no engine runs), when the supervisor
 * reports the process gone (hh_agent_engine_lost) or a promotion fails;
 * after the health timeout when requests time out or fail otherwise.
 *
 * Holding: the engine holds (or may hold) the active role from the moment
 * a promotion is sent until a demotion is confirmed or the engine is known
 * to be dead (or unreachable for the health timeout); the election counts
 * on it so that two engines are never told to be active at once.
 */
#ifndef HH_AGENT_ENGINE_H
#define HH_AGENT_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include <qb/qbloop.h>

typedef struct hh_agent_engine hh_agent_engine;

/* Called (from the loop) when healthy, holding, the role or the term
 * changed. */
typedef void (*hh_agent_engine_fn)(void *arg);

/* sock: the engine's control socket (copied). interval_ms between health
 * checks; timeout_ms for a request and for the health verdict. loop is
 * borrowed. The engine is wanted standby. *out is new: free with
 * hh_agent_engine_free. 0 or ENOMEM. */
int hh_agent_engine_new(qb_loop_t *loop, const char *sock, unsigned interval_ms,
                        unsigned timeout_ms, hh_agent_engine_fn fn, void *arg,
                        hh_agent_engine **out);
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
/* The role the engine last reported: "active", "standby" or "unknown". */
const char *hh_agent_engine_role(const hh_agent_engine *e);
/* The term the engine last reported (0: none). */
int64_t hh_agent_engine_term(const hh_agent_engine *e);

#endif
