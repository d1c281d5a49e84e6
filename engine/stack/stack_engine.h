/* stack_engine: the stack actions of one engine (heat/engine/service.py
 * create_stack, update_stack, stack_cancel_update, delete_stack,
 * stack_suspend, stack_resume, stack_check; heat/engine/stack.py) on the
 * store, run on the worker pool.
 *
 * An hh_stack_engine owns a worker pool and store handles on one store URL
 * (one per worker, and the owner's). Actions start on the owner's thread
 * and return at once with their first state committed; the owner then
 * drives them: hh_stack_engine_run until they end, or, from an event loop,
 * hh_stack_engine_fd + hh_stack_engine_dispatch.
 *
 * One resource's action is a sequence of short jobs, none of which waits:
 *   start  commit (A, IN_PROGRESS) "state changed" + event, with the
 *          resolved properties and the action's start time; the plugin's
 *          handle (a physical id is committed through the context before
 *          the handler returns); done -> finish, else poll later
 *   poll   the plugin's check_*_complete; done -> finish, else again
 *          after the plugin's poll_secs (or opts.poll_secs): the worker is
 *          free meanwhile; a resource waiting for its nested stack is
 *          polled at once when that stack's action ends (or fails to
 *          start), and one paused on a hook when a signal clears it, also
 *          when the end or the clear comes while the resource's job runs
 *          (the wake is kept for the job's result: none is lost)
 *   finish commit (A, COMPLETE) "state changed" + event; on an error
 *          (A, FAILED) "<Type>: resources.<name>: <message>" + event
 * A resource starts when its dependencies are COMPLETE (delete and
 * suspend: when the resources depending on it are). A breakpoint hook of
 * the stack's environment pauses a resource before or after its create,
 * update or delete until a signal clears it (stack_internal.h). A failure starts nothing new; resources
 * in progress go on for opts.error_wait_secs, then are aborted ((A, FAILED)
 * "A aborted"). When no resource runs any more the stack is committed
 * (A, COMPLETE) "Stack A completed successfully" or (A, FAILED)
 * "Resource R failed: <the first failed resource's reason>" (R the
 * resource's action: an update whose replacement fails says "Resource
 * CREATE failed: ..."), with its event. A cancel stops as a failure does, but at once ("Resource A
 * failed: Operation cancelled"); so does the stack's timeout (timeout_mins,
 * else opts.stack_action_timeout, counted from when the action was
 * committed IN_PROGRESS): "A timed out" ("Create timed out"). Every write
 * carries the action's term; HH_EFENCED ends the action at once without
 * further writes (a newer engine owns the stack).
 *
 * Crash-resume (invariant 1): every state is committed before the next
 * step, so hh_stack_resume_all finds in the store where each action
 * stood and finishes it (see there).
 *
 * Threads: everything here is called from the owner's thread.
 */
#ifndef HH_STACK_ENGINE_H
#define HH_STACK_ENGINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "hh_error.h"
#include "tmpl.h"
#include "tmpl_request.h"

typedef struct hh_stack_engine hh_stack_engine;

typedef struct hh_stack_engine_opts {
    const char *store_url;  /* required (a file: workers open their own handles) */
    int workers;            /* num_engine_workers; <= 0: 4 */
    double poll_secs;       /* default poll interval; <= 0: 1.0 */
    double error_wait_secs; /* Heat's error_wait_time; < 0: 240 */
    /* Heat's stack_action_timeout (seconds) for a stack without
     * timeout_mins; <= 0: 3600 */
    double stack_action_timeout;
    const hh_tmpl_limits *limits; /* NULL: the defaults */
    /* Heat's action_retry_limit (Resource.create's retry loop): a
     * resource create that fails with ResourceInError is recorded
     * (CREATE, FAILED), deleted ((DELETE, IN_PROGRESS|COMPLETE), its
     * physical id cleared) and created again, up to this many times (a
     * delete failing so is retried likewise); then the first failure is
     * the resource's. 0: no retry; < 0: Heat's default, 5. */
    int action_retry_limit;
    /* Heat's retry_backoff_delay before the n-th retry of an action:
     * (2^n + uniform[0, 2)) seconds, times this; <= 0: 1.0. */
    double retry_backoff_scale;
    /* For tests (NULL otherwise): called on the worker as a resource's
     * job ends, before its completion goes back to the owner, with
     * job_end_arg, the stack's id and the resource's name (borrowed for
     * the call), and whether the resource still waits (it is polled, or
     * its pause checked, later); so a test can hold a job while the
     * owner goes on and force an interleaving. */
    void (*job_end)(void *arg, const char *stack_id, const char *resource, bool waiting);
    void *job_end_arg;
} hh_stack_engine_opts;

/* *out new; free with hh_stack_engine_free (which waits for running jobs
 * and abandons the actions: their state stays in the store for a resume). */
int hh_stack_engine_new(const hh_stack_engine_opts *opts, hh_stack_engine **out, hh_error *err);
void hh_stack_engine_free(hh_stack_engine *e);

/* The owner's store handle (borrowed): reads of what the actions wrote. */
struct hh_store *hh_stack_engine_store(hh_stack_engine *e);

/* Number of actions not yet ended. */
size_t hh_stack_engine_active(const hh_stack_engine *e);
/* Number of actions a write refused as fenced (HH_EFENCED: a newer term
 * exists, this engine was deposed) stopped, since the engine started. */
size_t hh_stack_engine_fenced(const hh_stack_engine *e);

/* Drive the actions until none is left or timeout_ms passed (< 0: no
 * bound). 0 when none is left, ETIMEDOUT otherwise. */
int hh_stack_engine_run(hh_stack_engine *e, long timeout_ms);

/* For an event loop: readable while a job has finished (hh_pool_fd). */
int hh_stack_engine_fd(hh_stack_engine *e);
/* Handle finished jobs and due polls without waiting; *next_ms: how long
 * the owner may wait before calling again (-1: no action left). */
int hh_stack_engine_dispatch(hh_stack_engine *e, long *next_ms);

/* Ask the action on stack_id to stop (Heat's cancel): nothing new starts,
 * resources in progress are aborted, the stack fails. HH_ENOTFOUND when
 * no action of this engine runs on it. */
int hh_stack_engine_cancel(hh_stack_engine *e, const char *stack_id);

/* Create (service.create_stack): load and check the request as Heat does
 * before a create (hh_tmpl_check_create with the stack's name), then
 * commit in one transaction the template, the stack (CREATE, IN_PROGRESS)
 * "Stack CREATE started", a resource (INIT, COMPLETE) per enabled
 * resource and the stack's event; copy the new id to stack_id
 * (HH_STORE_ID_LEN bytes) and start the action. Errors before the commit
 * leave nothing in the store (Heat's exception types in err; a live stack
 * of that name: StackExists, HH_EEXISTS). This short form has Heat's
 * default disable_rollback (true): a failure ends CREATE_FAILED. */
int hh_stack_create(hh_stack_engine *e, const hh_tmpl_request *req, const char *stack_name,
                    const char *tenant, int64_t term, char *stack_id, hh_error *err);

/* The same with the request's other fields (service.create_stack args):
 * o->name and o->tenant are required; the rest may be 0/NULL. With
 * disable_rollback false a failed create (resource failure or timeout)
 * rolls back as Heat's convergence does: (CREATE, FAILED) and (ROLLBACK,
 * IN_PROGRESS) "Stack ROLLBACK started" commit together, the stack points
 * at an empty template of the same version (the failed one kept as the
 * previous), every resource is deleted, and the stack ends (ROLLBACK,
 * COMPLETE) "Stack ROLLBACK completed successfully" (not deleted). */
typedef struct hh_stack_create_opts {
    const char *name;
    const char *tenant;
    const char *username;
    int timeout_mins;      /* 0: the engine's stack_action_timeout */
    bool disable_rollback; /* false: a failed create rolls back (see below) */
    const json_t *tags;    /* array of strings, borrowed, may be NULL */
} hh_stack_create_opts;
int hh_stack_create_ex(hh_stack_engine *e, const hh_tmpl_request *req,
                       const hh_stack_create_opts *o, int64_t term, char *stack_id, hh_error *err);

/* Delete (service.delete_stack): commit (DELETE, IN_PROGRESS) "Stack
 * DELETE started" with its event and start the action: resources in
 * reverse dependency order (never-created ones, INIT, are skipped as Heat
 * does); at the end (DELETE, COMPLETE) "Stack DELETE completed
 * successfully", its event, and the stack soft-deleted (its resources
 * removed) in one transaction. A create running on the stack in this
 * engine is cancelled (its resources in progress aborted, no final state
 * of its own) and the delete starts when none of its jobs runs any more;
 * a delete already running is Heat's ActionInProgress (HH_EEXISTS). A
 * stack that does not exist (or is deleted): EntityNotFound (HH_ENOTFOUND). */
int hh_stack_delete(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err);

/* Update (service.update_stack with _prepare_stack_updates, convergence's
 * converge_stack). The stack must exist (else EntityNotFound,
 * HH_ENOTFOUND), not be SUSPEND or DELETE (NotSupported "Updating a stack
 * when it is suspended is not supported." / "... deleting ...",
 * HH_EUNSUPPORTED) and have no action in progress (ActionInProgress,
 * HH_EEXISTS; Heat's legacy lock: heat-ha runs one action per stack).
 *
 * PUT (o->existing false): req is the whole new template, files,
 * environment and parameters. PATCH (existing true): the stored template
 * when req->template is NULL, the stored files updated by req->files, the
 * stored environment without o->clear_parameters with req's environment
 * and parameters loaded over it, parameters the template lacks dropped.
 * The result is checked as a create is (hh_tmpl_check_create: Heat's
 * exception types), then Parameters.immutable_params_modified
 * (ImmutableParameterModified, HH_EINVAL). timeout_mins and
 * disable_rollback as given, else the stack's; tags as given, else none
 * (PUT) or the stack's (PATCH). Errors leave the store as it was.
 *
 * Then one transaction: the new raw template, the stack pointing at it
 * with the old one as prev_raw_template_id, the options, (UPDATE,
 * IN_PROGRESS) "Stack UPDATE started" and its event; the action starts.
 * Each resource of the new template, in dependency order: a new one (or
 * one never created, INIT) is created; a FAILED or deleted one, or one
 * whose type changed, is replaced; otherwise hh_rplugin_update_decide
 * says: unchanged (no event; only its current_template_id moves on), in
 * place ((UPDATE, IN_PROGRESS|COMPLETE) "state changed" through the
 * plugin's handle_update with the prop_diff, empty when only its
 * metadata, depends_on, deletion_policy, update_policy, external_id or
 * condition changed), or replace. A replacement
 * (Heat's default, create before delete) is a new row for the name
 * created (CREATE events; the new row "replaces" the old, the old is
 * "replaced_by" it, both committed before anything is created), so a
 * resumed update finds it. When every resource is done, what the new
 * template does not keep (removed resources, replaced rows) is deleted in
 * reverse dependency order (DELETE events), each row removed with its
 * DELETE COMPLETE: one row per name is left. The stack ends (UPDATE,
 * COMPLETE) "Stack UPDATE completed successfully", or (UPDATE, FAILED)
 * "Resource R failed: ...", after which, unless disable_rollback, the
 * rollback starts in the same transaction: (ROLLBACK, IN_PROGRESS) "Stack
 * ROLLBACK started" with the stack back on the previous template (the
 * failed one kept as prev_raw_template_id) and the same convergence run
 * to it: resources the update did not touch stay, in-place updates are
 * updated back, a replaced resource's old row becomes the visible one
 * again and the replacement is deleted. It ends (ROLLBACK, COMPLETE)
 * "Stack ROLLBACK completed successfully" or (ROLLBACK, FAILED). */
typedef struct hh_stack_update_opts {
    bool existing;                  /* PATCH: keep what is not given */
    const json_t *clear_parameters; /* PATCH: array of names (borrowed), may be NULL */
    int timeout_mins;               /* > 0: the new timeout; else the stack's */
    int disable_rollback;           /* 0 or 1; < 0: the stack's */
    const json_t *tags;             /* array of strings (borrowed); NULL: see above */
} hh_stack_update_opts;
/* o may be NULL: a PUT keeping timeout and disable_rollback. */
int hh_stack_update(hh_stack_engine *e, const char *stack_id, const hh_tmpl_request *req,
                    const hh_stack_update_opts *o, int64_t term, hh_error *err);

/* Cancel an update (service.stack_cancel_update, convergence). Allowed on
 * (UPDATE, IN_PROGRESS), without rollback also on (CREATE, IN_PROGRESS);
 * otherwise NotSupported "Cancelling update when stack is
 * <ACTION>_<STATUS> is not supported." (HH_EUNSUPPORTED); no stack:
 * EntityNotFound. with_rollback: the rollback's start is committed at once
 * (as after a failure, without the FAILED state), the update's resources
 * in progress are aborted ("UPDATE aborted", as a cancel) and the
 * rollback runs when none of its jobs does. Without: (A, FAILED) "Stack A
 * cancelled" is committed at once; nothing new starts and what is in
 * progress finishes normally (Heat's stop_traversal), and so for every
 * nested stack below it that is IN_PROGRESS. A resource that owns a child
 * stack and is aborted (a cancel with rollback, the stack's cancel or
 * timeout) cancels the child's create or update without rollback (Heat's
 * handle_create_cancel, handle_update_cancel). */
int hh_stack_cancel_update(hh_stack_engine *e, const char *stack_id, bool with_rollback,
                           int64_t term, hh_error *err);

/* Suspend, resume and check (service.stack_suspend, stack_resume,
 * stack_check; Stack.suspend/resume/check through stack_task). The stack
 * must exist (EntityNotFound) and have no action in progress
 * (ActionInProgress, HH_EEXISTS). A stack already (SUSPEND, COMPLETE) is
 * not suspended again, one already (RESUME, COMPLETE) not resumed (0,
 * nothing committed: Heat's "already suspended"). Otherwise (A,
 * IN_PROGRESS) "Stack A started" is committed and each resource runs the
 * plugin's handler (suspend in reverse dependency order, resume and check
 * forward) with Heat's checks first: suspend refuses a resource whose
 * action is DELETE or whose status is not COMPLETE (unless a failed
 * suspend), resume one not SUSPEND_COMPLETE, RESUME_FAILED or
 * RESUME_COMPLETE: the resource is left as it is and the stack fails
 * "Resource A failed: Error: resources.<name>: State ('CREATE',
 * 'FAILED') invalid for suspend" (so a resume of a stack that is not
 * suspended fails so). Check: a type without a check handler is set
 * (CHECK, COMPLETE) "CHECK not supported for <type>" without
 * IN_PROGRESS (an INIT one left as it is) and the stack's COMPLETE is
 * followed by a second event "Stack CHECK completed successfully. 'CHECK'
 * not fully supported (see resources)"; a checkable INIT resource fails
 * "Can not check <name>, resource not created yet."; a check that fails
 * stops only what depends on that resource, and the stack fails with the
 * list of the reasons ("Resource CHECK failed: ['Error: ...', ...]",
 * Heat's aggregate_exceptions). */
int hh_stack_suspend(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err);
int hh_stack_resume(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err);
int hh_stack_check(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err);

/* Resume every stack the store shows IN_PROGRESS (CREATE, UPDATE,
 * ROLLBACK, DELETE, SUSPEND, RESUME, CHECK, ADOPT, SNAPSHOT) that no
 * action of this engine runs: resources COMPLETE stay; resources IN_PROGRESS are resumed
 * through the plugin (handle again with the recorded action_started and
 * physical id: handlers are idempotent, so nothing is created twice),
 * resources not started are started; a resource FAILED fails the stack as
 * it would have. An update or rollback finds the resources it had
 * converged by their current_template_id and a replacement it had made
 * by its replaces link, so nothing is created twice and the cleanup
 * deletes every row the template does not keep. A create in Heat's retry
 * loop (action_retry_limit) goes on where it stood: a retriable failure
 * is committed with the loop's count and first failure
 * (HH_STACK_DATA_RETRY), so the delete, the next create or the end of
 * the loop follows. First, a resource left IN_PROGRESS in a live stack
 * that is not (an action stopped by a cancel, whose resources in progress
 * were to finish, when the engine died) is committed (A, FAILED) "A
 * aborted" with its event, its physical id kept: nothing would ever
 * finish it. *resumed (may be NULL): how many actions started. */
int hh_stack_resume_all(hh_stack_engine *e, int64_t term, int *resumed, hh_error *err);

/* ---- resource signals, metadata and health (stack_signal.c) -----------
 * Owner's thread, owner's store handle; each change is one transaction
 * with its event. Errors of all four: a stack that does not exist
 * (deleted too) is EntityNotFound (HH_ENOTFOUND); a resource that is not
 * in it ResourceNotFound "The Resource (<name>) could not be found in
 * Stack <stack>." (HH_ENOTFOUND); HH_EFENCED when a newer term exists. */

/* Signal (service.resource_signal, Resource.signal): a resource SUSPENDed
 * or DELETEd gets the event (A, S) "Cannot signal resource during A" and
 * NotSupported "Signal resource during A is not supported."
 * (HH_EUNSUPPORTED); a type without handle_signal ResourceActionNotSupported
 * "signal is not supported for resource." (HH_EUNSUPPORTED), sync or not.
 * details {"unset_hook": hook} clears a breakpoint hook the resource is
 * paused on (resource data hook = "True"; stack_internal.h) with the
 * event "Hook <hook> is cleared", and the action paused on it goes on; an
 * unknown hook type or a hook not set there is Heat's
 * InvalidBreakPointHook (HH_EINVAL). Otherwise the plugin's
 * handle_signal(details: borrowed, may be NULL) runs and its changes
 * (metadata, data) commit with the event (SIGNAL, the resource's status)
 * "Signal: <result>", or Heat's text for a handler
 * without result ("No signal details provided", "Unknown", the details
 * string, or Ceilometer's "alarm state changed from ..."). A handler's
 * failure commits nothing: with sync it is ResourceFailure
 * "<Type>: resources.<name>: <message>"; without sync, as Heat's signal
 * thread, it is logged and the call answers 0. sync and metadata non-NULL:
 * *metadata is the resource's metadata afterwards (new reference; the CFN
 * waitcondition API answers it). */
int hh_stack_resource_signal(hh_stack_engine *e, const char *stack_id, const char *resource_name,
                             const json_t *details, bool sync, int64_t term, json_t **metadata,
                             hh_error *err);

/* The resource's metadata (metadata_get, the API's resource metadata):
 * the stored metadata once the resource was created, else its template
 * metadata resolved against the stack. *out new reference. */
int hh_stack_resource_metadata(hh_stack_engine *e, const char *stack_id, const char *resource_name,
                               json_t **out, hh_error *err);

/* Resource.metadata_update(metadata) of the plugin (an
 * AWS::CloudFormation::WaitConditionHandle takes it as a signal, without
 * event); a no-op for types without one. One transaction. */
int hh_stack_resource_metadata_update(hh_stack_engine *e, const char *stack_id,
                                      const char *resource_name, const json_t *metadata,
                                      int64_t term, hh_error *err);

/* service.resource_mark_unhealthy: resource_name is a name, a physical id
 * (two resources of it: PhysicalResourceIDAmbiguity, HH_EINVAL) or a
 * reference id. unhealthy: (CHECK, FAILED) with reason (NULL or "": "state
 * changed by resource_mark_unhealthy api") unless the resource is being
 * deleted; !unhealthy: a (CHECK, FAILED) resource becomes (CHECK,
 * COMPLETE); otherwise nothing changes. An event when the state changes.
 * A resource IN_PROGRESS under an action of this engine is
 * ActionInProgress (HH_EEXISTS). */
int hh_stack_resource_mark_unhealthy(hh_stack_engine *e, const char *stack_id,
                                     const char *resource_name, bool unhealthy, const char *reason,
                                     int64_t term, hh_error *err);

#endif
