/* service_api: the engine's request API (heat/engine/service.py
 * EngineService): one dispatcher for every EngineClient method of
 * rpc_msg.h, its results in Heat's engine API format (service_format.h),
 * its failures Heat's exception types.
 *
 * Threads. An hh_service belongs to one owner thread, the thread of the
 * event loop that calls hh_service_new, hh_service_step and the role
 * changes; the stack engine (stack_engine.h) is only ever called there.
 * RPC dispatchers run on transport threads:
 *   read-only methods (show, list, get_template, validate ...) run there at
 *     once, each on a store handle of its own taken from a pool;
 *   methods that start or change actions (create, delete, cancel,
 *     mark_unhealthy ...) are queued to the owner (an eventfd its loop
 *     polls: hh_service_pollfds) and the dispatcher waits for the answer.
 *     hh_service_step runs them one at a time, in arrival order, so a
 *     limit check and the create it guards see the same store.
 *
 * Role. A new service is standby: it serves reads, and refuses the queued
 * methods with ConcurrentTransaction ("engine is not active"). Promotion
 * (hh_service_activate) starts the stack engine with the promotion's term
 * and resumes every IN_PROGRESS stack (hh_stack_resume_all); demotion
 * (hh_service_deactivate) stops starting work: the engine is freed, which
 * waits for the steps running on the workers and leaves every action where
 * the store says it stands, for the next active engine to resume.
 *
 * Tenancy (invariant 5): a request sees the stacks of its context's tenant
 * (or whose stack_user_project_id is that tenant, as Heat's stack users);
 * an admin context (is_admin, Heat's admin context for global_tenant
 * listings) sees every tenant's stacks. Another tenant's stack is
 * EntityNotFound, as in Heat's database layer.
 *
 * Limits, as Heat's service enforces them: max_stacks_per_tenant at create
 * (RequestLimitExceeded "You have reached the maximum stacks per tenant,
 * N. Please delete some stacks."), max_resources_per_stack,
 * max_template_size and max_nested_stack_depth through the template layer,
 * max_events_per_stack with Heat's purge of the oldest
 * event_purge_batch_size events (done by the owner after the engine's
 * steps: see hh_service_step).
 */
#ifndef HH_SERVICE_API_H
#define HH_SERVICE_API_H

#include <jansson.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "hh_conf.h"
#include "hh_error.h"
#include "rpc.h"

typedef struct hh_service hh_service;

#define HH_SERVICE_POLLFDS 2 /* entries hh_service_pollfds fills at most */

typedef struct hh_service_opts {
    /* Required, borrowed for the service's life, with the engine options
     * registered (hh_opts_register_engine): [database] connection,
     * [DEFAULT] num_engine_workers, stack_action_timeout, error_wait_time,
     * max_* limits, event_purge_batch_size, hidden_stack_tags,
     * enable_stack_abandon. */
    const hh_conf *conf;
    /* Worker threads of the engine; <= 0: [DEFAULT] num_engine_workers,
     * or 4 when that is unset. */
    int workers;
    /* Tests: the engine's poll interval (<= 0: the engine's default) and
     * error wait (< 0: [DEFAULT] error_wait_time). */
    double poll_secs;
    double error_wait_secs;
} hh_service_opts;

/* *out new (standby), on the calling thread, which becomes the owner;
 * free with hh_service_free. Opens a store handle (the schema must be at
 * the latest: heat-manage db_sync). */
int hh_service_new(const hh_service_opts *o, hh_service **out, hh_error *err);
/* Owner thread. Unserves first if serving (hh_service_unserve), fails
 * queued requests, frees the engine (waiting for its running steps). NULL
 * is fine. */
void hh_service_free(hh_service *s);

/* Serve HH_RPC_ENGINE_TOPIC on rpc (borrowed until hh_service_unserve) with
 * hh_service_dispatch. The same call serves heat-all (inproc) and a daemon
 * (any transport). */
int hh_service_serve(hh_service *s, hh_rpc *rpc, hh_error *err);
/* Stop serving; queued requests are answered (refused) first so no
 * transport thread stays blocked. Owner thread. */
void hh_service_unserve(hh_service *s);

/* The dispatcher itself (hh_rpc_dispatch_fn; arg is the hh_service):
 * answers req, any thread but the owner's. */
int hh_service_dispatch(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err);

/* Event loop. Fill fds (HH_SERVICE_POLLFDS entries) with what to poll and
 * return how many; *timeout_ms: the longest the owner may sleep (-1: no
 * bound). Then hh_service_step with what poll reported (fds may be NULL
 * with n 0: just do what is due). */
size_t hh_service_pollfds(hh_service *s, struct pollfd *fds, long *timeout_ms);
void hh_service_step(hh_service *s, const struct pollfd *fds, size_t n);
/* Poll and step for at most timeout_ms (tests and simple owners). */
void hh_service_run(hh_service *s, long timeout_ms);

/* Owner thread. Become active with term (a new fencing term): start the
 * engine and resume IN_PROGRESS stacks; *resumed (may be NULL) says how
 * many. Again while active: the new term replaces the old one and the
 * engine restarts with it. */
int hh_service_activate(hh_service *s, int64_t term, int *resumed, hh_error *err);
/* Owner thread. Become standby; waits for the running steps (see above). */
void hh_service_deactivate(hh_service *s);
bool hh_service_active(const hh_service *s);
/* Actions the engine is running (0 when standby). */
size_t hh_service_busy(const hh_service *s);
/* Owner thread. Has a write of this activation been refused as fenced (a
 * newer term exists: the engine was deposed, e.g. while it was paused)?
 * The owner then checks the term and stands down (hh_role_check). */
bool hh_service_fenced(const hh_service *s);

#endif
