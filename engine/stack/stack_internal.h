/* stack_internal: what the stack action files share (stack_engine.c,
 * stack_create.c, stack_delete.c, stack_update.c, stack_actions.c,
 * stack_resume.c, stack_hook.c). Not for other modules: they use
 * stack_engine.h. */
#ifndef HH_STACK_INTERNAL_H
#define HH_STACK_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "res_plugin.h"
#include "stack_engine.h"
#include "stack_model.h"
#include "store.h"

/* The stack's own events carry this type (Heat's stack events). */
#define HH_STACK_EVENT_TYPE "OS::Heat::Stack"

/* The actions of a stack (Heat's Stack.ACTIONS that run on resources):
 * the resource actions with their hh_raction values, and ROLLBACK. UPDATE
 * and ROLLBACK converge the resources to the stack's current template
 * (create, update in place, replace, then delete what the template no
 * longer has); the others run one resource action over the graph
 * (DELETE and SUSPEND in reverse dependency order). */
typedef enum hh_sact {
    HH_SACT_CREATE = HH_RACT_CREATE,
    HH_SACT_UPDATE = HH_RACT_UPDATE,
    HH_SACT_DELETE = HH_RACT_DELETE,
    HH_SACT_SUSPEND = HH_RACT_SUSPEND,
    HH_SACT_RESUME = HH_RACT_RESUME,
    HH_SACT_CHECK = HH_RACT_CHECK,
    HH_SACT_ADOPT = HH_RACT_ADOPT,
    HH_SACT_SNAPSHOT = HH_RACT_SNAPSHOT,
    HH_SACT_ROLLBACK,
    /* Heat's restore of a snapshot: an UPDATE to the snapshot's template
     * under the stack action RESTORE (resources act UPDATE). */
    HH_SACT_RESTORE,
} hh_sact;

/* "CREATE", ..., "ROLLBACK", "RESTORE" (static). */
const char *hh_sact_name(hh_sact a);
/* The action named name; false when there is none. */
bool hh_sact_from_name(const char *name, hh_sact *out);

/* Start the action on stack_id, whose (action, IN_PROGRESS) state the
 * caller committed (for UPDATE and ROLLBACK with the stack pointing at the
 * template to converge to). resume: the action was begun by an engine that
 * died; the resources' stored states say where it stood. */
int hh_stack_sact_start(hh_stack_engine *e, const char *stack_id, hh_sact action, int64_t term,
                        bool resume, hh_error *err);

/* hh_stack_sact_start of a new action (not a resume) of the stack named
 * stack_name; when it cannot start (other than fenced), the stack is
 * committed (action, FAILED) "Stack <ACTION> failed: <why>" (it exists:
 * say why it went no further). err may be NULL. */
int hh_stack_sact_launch(hh_stack_engine *e, const char *stack_id, const char *stack_name,
                         hh_sact act, int64_t term, hh_error *err);

/* The same for the resource actions (HH_RACT_CREATE, DELETE, ADOPT,
 * SNAPSHOT, ...). */
int hh_stack_action_start(hh_stack_engine *e, const char *stack_id, hh_raction action, int64_t term,
                          bool resume, hh_error *err);

/* Does an action of e run on stack_id? */
bool hh_stack_engine_runs(const hh_stack_engine *e, const char *stack_id);

/* Owner's thread: stack_id's action ended, or its start failed with its
 * failure committed (stack_id borrowed). A resource of e waiting for it
 * as its nested stack is polled at once (in-process: after a crash the
 * poll interval stays the way), also when its job runs now and may have
 * read the stack's state before the end; the next dispatch says so
 * (next_ms 0). */
void hh_stack_engine_wake_parents(hh_stack_engine *e, const char *stack_id);

/* A delete supersedes the running action on stack_id (Heat deletes a
 * stack whose create is in progress): the action is cancelled and writes
 * no final state; once none of its jobs runs, the delete starts with term.
 * The caller has committed (DELETE, IN_PROGRESS). HH_ENOTFOUND when no
 * action runs on it, HH_EEXISTS when a delete runs or is pending. */
int hh_stack_engine_supersede(hh_stack_engine *e, const char *stack_id, int64_t term);

/* The same for a rollback (cancel_update with rollback): the caller has
 * committed the rollback's start (hh_stack_rollback_begin). HH_EEXISTS
 * when a delete or a rollback runs or is pending. */
int hh_stack_engine_supersede_rollback(hh_stack_engine *e, const char *stack_id, int64_t term);

/* Cancel without rollback: the caller has committed the stack's FAILED
 * state; nothing new starts, resources in progress finish normally and
 * the action writes no final state of its own. */
int hh_stack_engine_stop(hh_stack_engine *e, const char *stack_id);

const hh_tmpl_limits *hh_stack_engine_limits(const hh_stack_engine *e);

/* Commit the stack's state and its event in one transaction of st (or in
 * the caller's open one). */
int hh_stack_state_commit(hh_store *st, int64_t term, const char *stack_id, const char *stack_name,
                          const char *act, const char *status, const char *reason, hh_error *err);

/* The start of a rollback of the failed CREATE or UPDATE of stack row
 * (borrowed), in the caller's transaction: the stack points at the
 * template to go back to (an update's previous template; for a create an
 * empty one, as Heat's convergence rollback), the failed one kept as
 * prev_raw_template_id, and (ROLLBACK, IN_PROGRESS) "Stack ROLLBACK
 * started" with its event. */
int hh_stack_rollback_begin(hh_store *st, int64_t term, const json_t *row, hh_error *err);

/* hh_stack_update as the stack action action (HH_SACT_UPDATE, or
 * HH_SACT_RESTORE: committed (RESTORE, IN_PROGRESS) "Stack RESTORE
 * started", ending "Stack RESTORE completed successfully"; a failed
 * restore is not rolled back, as Heat's). */
int hh_stack_update_as(hh_stack_engine *e, const char *stack_id, const hh_tmpl_request *req,
                       const hh_stack_update_opts *o, hh_sact action, int64_t term, hh_error *err);

/* Called by hh_stack_create_action inside its transaction on st, after
 * the stack stack_id and its resources (INIT) are saved: more writes of
 * the same commit (adopt data). */
typedef int (*hh_stack_saved_fn)(hh_store *st, int64_t term, const char *stack_id, void *ud,
                                 hh_error *err);

/* hh_stack_create_ex as action act (HH_RACT_CREATE or HH_RACT_ADOPT:
 * stored (act, IN_PROGRESS) "Stack <ACT> started"), with saved (may be
 * NULL) called before the commit. */
int hh_stack_create_action(hh_stack_engine *e, const hh_tmpl_request *req,
                           const hh_stack_create_opts *o, hh_raction act, hh_stack_saved_fn saved,
                           void *ud, int64_t term, char *stack_id, hh_error *err);

/* The live stack id (*row new): EntityNotFound "The Stack (<id>) could
 * not be found." when absent or deleted. */
int hh_stack_row_get(hh_store *st, const char *stack_id, json_t **row, hh_error *err);

/* Heat's Stack.prepare_abandon of the stored stack stack_id (*out new),
 * see hh_stack_abandon; nested stacks' data for their resources. */
int hh_stack_abandon_data(hh_store *st, const char *stack_id, json_t **out, hh_error *err);

/* An adopt's writes after its stack stack_id and resources are saved (a
 * hh_stack_saved_fn; ud: the adopt data's "resources" object, borrowed):
 * each resource's entry kept under HH_RDATA_ADOPT for its ADOPT handler,
 * its metadata set. */
int hh_stack_adopt_saved(hh_store *st, int64_t term, const char *stack_id, void *ud, hh_error *err);

/* Stack.adopt's rollback of a failed adopt (unless disable_rollback), in
 * the caller's transaction on st after the stack's (ADOPT, FAILED): as an
 * abandon, the resources are left to exist (no delete handler runs) and
 * recorded DELETE COMPLETE; the stack (ROLLBACK, IN_PROGRESS) "Stack
 * ROLLBACK started" then (ROLLBACK, COMPLETE) "Stack ROLLBACK completed
 * successfully". */
int hh_stack_adopt_rollback(hh_store *st, int64_t term, const char *stack_id, const char *name,
                            hh_error *err);

/* A snapshot's end (stack_snapshot.c), in the caller's transaction on st,
 * before the stack's final state: the stack's IN_PROGRESS snapshot gets
 * status and reason and, as Heat's save_snapshot, the stack's abandon
 * data with "status" set to status. No IN_PROGRESS snapshot: 0. */
int hh_stack_snapshot_finish(hh_store *st, int64_t term, hh_stack_model *m, const char *status,
                             const char *reason, hh_error *err);

/* The id a resource's event shows: pid when set, else the physical name
 * Heat's events show before there is one ("" when neither). */
void hh_stack_event_physical_id(const hh_stack_model *m, const char *name, const char *uuid,
                                const char *pid, char *buf, size_t len);

/* Resource._handle_signal of resource row (borrowed; a row of m) on st
 * with term: the plugin's handle_signal(details) and its SIGNAL event in
 * one transaction (stack_signal.c; hh_stack_resource_signal's checks are
 * the caller's). ResourceActionNotSupported for a type without handler;
 * a handler's failure is ResourceFailure "<Type>: resources.<name>:
 * <message>" and commits nothing. */
struct hh_stack_nested;
int hh_stack_signal_commit(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                           const json_t *details, struct hh_stack_nested *nested, hh_error *err);

/* An event of resource row (borrowed; a row of m) in st's open
 * transaction or one of its own: (action, status) reason, with the row's
 * physical id (or physical name), type and properties_data (Heat's
 * Resource._add_event). */
int hh_stack_resource_event(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                            const char *action, const char *status, const char *reason,
                            hh_error *err);

/* ---- breakpoint hooks (stack_hook.c) ----------------------------------
 * Heat's Resource._break_if_required: a resource whose name the stack
 * environment's registry gives a hook (hh_env_hooks: resources entries,
 * globs; a nested stack's registry is its parent resource's entry) stops
 * there until a signal {"unset_hook": hook} clears it. pre-create before a
 * create of the stack's CREATE, pre-update before every update of an
 * existing resource (converging actions), pre-delete before a delete of
 * the stack's DELETE; post-create, post-update (in place) and post-delete
 * after them, the resource then COMPLETE. The resource stays as it is
 * (INIT COMPLETE before its create, CREATE COMPLETE after it) and the
 * stack IN_PROGRESS; the resources waiting for it wait.
 *
 * Stored state (crash-resume): resource data under the hook's name,
 * "True" while paused (Heat's trigger_hook, which the API's unset_hook
 * checks). A clear stores HH_STACK_HOOK_CLEARED there (Heat deletes the
 * key); the engine deletes the key in the transaction of the resource's
 * next step. So an engine that dies while a resource is paused finds it
 * paused, and one that dies after the clear finds the hook passed and
 * does not pause again. A cancel, timeout or failure that aborts a paused
 * resource removes the key with the event "Failure occurred while
 * waiting." (Heat's), the resource's state unchanged. */

/* The value a clear leaves under the hook's key. */
#define HH_STACK_HOOK_CLEARED "cleared"

typedef enum hh_stack_hook_gate {
    HH_HOOK_GATE_NONE,   /* no hook here (not set, or not stored) */
    HH_HOOK_GATE_PAUSED, /* stored "True": paused */
    HH_HOOK_GATE_PASSED, /* cleared: the next step deletes the key */
} hh_stack_hook_gate;

/* The stored state of hook (one HH_HOOK_* bit) of resource res_id. */
int hh_stack_hook_read(hh_store *st, int64_t res_id, unsigned hook, hh_stack_hook_gate *out,
                       hh_error *err);

/* The resource of row (borrowed, a row of m) reaches hook: when the
 * environment sets it and nothing is stored, it is triggered (data
 * "True" and the event (action, status) "<A> paused until Hook <hook> is
 * cleared", A the hook's action, in st's open transaction or one of its
 * own): PAUSED. Otherwise the stored state (NONE when the environment
 * does not set the hook). */
int hh_stack_hook_enter(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                        unsigned hook, const char *action, const char *status,
                        hh_stack_hook_gate *out, hh_error *err);

/* A paused resource's wait ends by a failure (Heat's BaseException in
 * _break_if_required): its key removed, the event (action, status)
 * "Failure occurred while waiting.", in st's open transaction or one of
 * its own. */
int hh_stack_hook_abandon(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                          unsigned hook, const char *action, const char *status, hh_error *err);

/* A hook of stack_id was cleared: the action of this engine on it checks
 * its paused resources now, not at their next poll. */
void hh_stack_engine_hook_cleared(hh_stack_engine *e, const char *stack_id);

/* The engine's queue of child stack actions (stack_nested.h; borrowed):
 * what a signal's handler may queue (a scaling policy resizing its
 * group's stack). */
struct hh_stack_nested *hh_stack_engine_nested(hh_stack_engine *e);

#endif
