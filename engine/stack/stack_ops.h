/* stack_ops: the stack requests beside create and delete that the RPC
 * service serves (heat/engine/service.py): preview of a create and of an
 * update, abandon (and export) and adopt, snapshots and their restore.
 *
 * Results are what Heat's engine returns over RPC (heat/engine/api.py
 * formats), as new JSON references; errors carry Heat's exception type
 * and message in err. Like stack_engine.h, everything here is called from
 * the engine owner's thread; actions started here (adopt, snapshot) run on
 * the engine as create does and end with hh_stack_engine_run/dispatch.
 */
#ifndef HH_STACK_OPS_H
#define HH_STACK_OPS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "hh_error.h"
#include "stack_engine.h"
#include "store.h"
#include "tmpl_request.h"

/* The heat.conf options these requests obey ([DEFAULT] of the same names). */
typedef struct hh_stack_ops_conf {
    bool enable_stack_abandon;
    bool enable_stack_adopt;
    int max_snapshots_per_stack; /* < 0: no limit */
} hh_stack_ops_conf;

/* ---- preview (stack_preview.c) ------------------------------------------ */

/* preview_stack: the stack o->name of o->tenant as a create of req would
 * make it, nothing stored (api.format_stack_preview): format_stack's
 * preview fields (stack_name, stack_identity with stack_id "None",
 * creation_time now, parameters with OS::stack_id "None", outputs,
 * disable_rollback, timeout_mins, stack_owner, tags ...) and "resources",
 * each resource as format_stack_resource(with_props=True) of a resource
 * not yet created (INIT COMPLETE, properties resolved as Heat's preview
 * resolves them: get_resource gives the name, get_attr null). Errors as
 * hh_stack_create_ex's checks (StackExists, StackValidationFailed, ...).
 * *out new. */
int hh_stack_preview(hh_stack_engine *e, const hh_tmpl_request *req, const hh_stack_create_opts *o,
                     json_t **out, hh_error *err);

/* The request of an update (service.update_stack args): req (borrowed)
 * gives the template (NULL with existing: the stack's own), files,
 * environment and parameters; existing is Heat's PATCH; clear_parameters
 * (borrowed array of names, may be NULL) as Heat's. */
typedef struct hh_stack_update_req {
    const hh_tmpl_request *req;
    bool existing;
    const json_t *clear_parameters;
} hh_stack_update_req;

/* preview_update_stack: {"unchanged", "updated", "replaced", "added",
 * "deleted"}, each a list of resources as format_stack_resource shows
 * them (unchanged, replaced, added: the new definition's resource;
 * updated, deleted: the stored one), sorted by name. A resource is
 * replaced when its type changes, when it is FAILED or DELETE COMPLETE,
 * or when hh_rplugin_update_decide says REPLACE; updated when the
 * decision is IN_PLACE or only another part of its definition changed.
 * The new template is merged with the stored stack as Heat's
 * _prepare_stack_updates does (hh_stack_update_prepare). A stack that
 * does not exist: EntityNotFound; the update's errors (NotSupported of an
 * immutable property, ImmutableParameterModified, ...). *out new. */
int hh_stack_preview_update(hh_stack_engine *e, const char *stack_id, const hh_stack_update_req *u,
                            json_t **out, hh_error *err);

/* Heat's _prepare_stack_updates on the stored stack stack_id
 * (stack_update.c; hh_stack_update and the preview share it): the new
 * template and environment of an update (both new, caller frees) and the
 * files they were loaded with (*files new). With u->existing (PATCH): the
 * request's template or else the stored one, the stored files updated by
 * the request's, the stored environment without clear_parameters with
 * the request's environment merged over it, parameters the new template
 * does not declare dropped. Without (PUT): the request alone. Then the
 * checks of an update: hh_tmpl_check_create with the stack's identity and
 * Heat's ImmutableParameterModified. No such stack: EntityNotFound. */
int hh_stack_update_prepare(hh_store *st, const char *stack_id, const hh_stack_update_req *u,
                            const hh_tmpl_limits *lim, hh_tmpl **tmpl, hh_env **env, json_t **files,
                            hh_error *err);

/* ---- abandon and adopt (stack_abandon.c) -------------------------------- */

/* abandon_stack (abandon true) and export_stack (false): Heat's
 * Stack.prepare_abandon data of stack_id in *out (new): name, id,
 * action, status, template, environment, files, project_id,
 * stack_user_project_id, tags and resources {name: {name, resource_id,
 * type, action, status, metadata, resource_data}} (a nested stack's
 * resource: the nested stack's own data). An abandon then deletes the
 * stack from the store as Heat's delete(abandon=True) does, in one
 * transaction: "Stack DELETE started", each resource DELETE IN_PROGRESS
 * and COMPLETE without its delete handler, "Stack DELETE completed
 * successfully", the stack (and its nested stacks) soft-deleted; the
 * resources themselves are left alone. Not enabled
 * (conf->enable_stack_abandon): NotSupported "Stack Abandon is not
 * supported." (HH_EUNSUPPORTED). No such stack: EntityNotFound. An action
 * of this engine running on it: ActionInProgress (HH_EEXISTS). */
int hh_stack_abandon(hh_stack_engine *e, const hh_stack_ops_conf *conf, const char *stack_id,
                     bool abandon, int64_t term, json_t **out, hh_error *err);

/* create_stack with adopt_stack_data (borrowed object, the data of an
 * abandon): the create of hh_stack_create_ex with req's template (NULL:
 * the adopt data's "template") and the adopt data's environment
 * parameters under the request's, committed (ADOPT, IN_PROGRESS) "Stack
 * ADOPT started"; each resource then runs Heat's ADOPT, taking the
 * resource_id, resource_data and metadata its entry in adopt_data
 * "resources" gives: (ADOPT, IN_PROGRESS) then (ADOPT, COMPLETE) "state
 * changed", the stack "Stack ADOPT completed successfully". A resource
 * that owns a nested stack (a template resource) has the nested stack's
 * own data as its entry: its child is adopted from it (the child's
 * resources ADOPT, the child ADOPT_COMPLETE, the resource's physical id
 * the child). Any other resource without a resource_id fails
 * "Exception: resources.<name>: Resource ID was not provided.", and then,
 * unless o->disable_rollback, Stack.adopt's rollback lets the resources
 * go as an abandon does (ROLLBACK COMPLETE, see hh_stack_abandon). Not enabled (conf->enable_stack_adopt):
 * NotSupported "Stack Adopt is not supported."; adopt data that is not an
 * object: "Invalid adopt data: ..." (HTTPBadRequest). stack_id as
 * hh_stack_create's. */
int hh_stack_adopt(hh_stack_engine *e, const hh_stack_ops_conf *conf, const hh_tmpl_request *req,
                   const hh_stack_create_opts *o, const json_t *adopt_data, int64_t term,
                   char *stack_id, hh_error *err);

/* ---- snapshots (stack_snapshot.c) ---------------------------------------- */

/* stack_snapshot: store a snapshot named name (may be NULL) of stack_id
 * for tenant (NULL: the stack's), IN_PROGRESS, and start Heat's SNAPSHOT
 * action: the stack (SNAPSHOT, IN_PROGRESS) "Stack SNAPSHOT started", each
 * resource SNAPSHOT IN_PROGRESS then COMPLETE, then in one transaction the
 * snapshot COMPLETE (or FAILED) with the stack's abandon data ("status"
 * the final status) and the reason "Stack SNAPSHOT completed
 * successfully", and the stack likewise. *out (new): the snapshot as
 * api.format_snapshot shows it when stored (id, name, status
 * IN_PROGRESS, status_reason, data null, creation_time). Errors: no such
 * stack EntityNotFound; the stack IN_PROGRESS ActionInProgress; unless
 * is_admin, conf->max_snapshots_per_stack reached: RequestLimitExceeded
 * "You have reached the maximum snapshots per stack, N. Please delete
 * some snapshots." (HH_ELIMIT). */
int hh_stack_snapshot(hh_stack_engine *e, const hh_stack_ops_conf *conf, const char *stack_id,
                      const char *name, const char *tenant, bool is_admin, int64_t term,
                      json_t **out, hh_error *err);

/* show_snapshot: *out new, format_snapshot. No such stack:
 * EntityNotFound; no such snapshot: NotFound "Snapshot with id <id> not
 * found"; a snapshot of another stack: SnapshotNotFound "The Snapshot
 * (<id>) for Stack (<stack name>) could not be found." (HH_ENOTFOUND). */
int hh_stack_snapshot_show(hh_stack_engine *e, const char *stack_id, const char *snapshot_id,
                           json_t **out, hh_error *err);

/* stack_list_snapshots: *out new array of format_snapshot (the store's
 * order). No such stack: EntityNotFound. */
int hh_stack_snapshot_list(hh_stack_engine *e, const char *stack_id, json_t **out, hh_error *err);

/* stack_restore: Heat's Stack.restore, an update of stack_id to the
 * template, environment and files of the snapshot's data (PUT: the
 * stack's timeout and disable_rollback kept) under the stack action
 * RESTORE: (RESTORE, IN_PROGRESS) "Stack RESTORE started", resources
 * converged as hh_stack_update does (they act UPDATE), then "Stack
 * RESTORE completed successfully" (a failure is not rolled back). A
 * snapshot not COMPLETE: NotSupported "Restoring incomplete snapshot is
 * not supported."; errors of show and of hh_stack_update otherwise
 * (ActionInProgress for a stack in progress). */
int hh_stack_restore(hh_stack_engine *e, const char *stack_id, const char *snapshot_id,
                     int64_t term, hh_error *err);

/* delete_snapshot: remove the snapshot (no resource keeps snapshot data
 * of its own yet, so nothing else is to delete). One IN_PROGRESS:
 * NotSupported "Deleting in-progress snapshot is not supported."; errors
 * of show otherwise. */
int hh_stack_snapshot_delete(hh_stack_engine *e, const char *stack_id, const char *snapshot_id,
                             int64_t term, hh_error *err);

#endif
