/* res_nested: what the resources that own a stack share (Heat's
 * StackResource, heat/engine/resources/stack_resource.py): the handlers
 * around the child stack, through the nested_* services of the context
 * (res_plugin.h). The stack family (template resources, OS::Heat::Stack)
 * is res_nested.c; the groups (ResourceGroup, ResourceChain) res_group.c.
 * Not for the engine: it uses res_plugin.h. */
#ifndef HH_RES_NESTED_H
#define HH_RES_NESTED_H

#include <jansson.h>
#include <stdbool.h>

#include "res_plugin.h"

/* _check_status_complete of the child ctx->physical_id for action:
 * done when the child is (action, COMPLETE); in progress while it is
 * another action or IN_PROGRESS; its failure fails the resource with
 * Heat's ResourceFailure reason (hh_rfailure_nested), or for remote
 * (OS::Heat::Stack) ResourceInError 'Went to status <A>_FAILED due to
 * "<reason>"'. A child that is gone is done for DELETE and the
 * resource's failure otherwise. */
int hh_rnested_check(hh_rctx *ctx, hh_raction action, bool remote, hh_rstep *step, hh_error *err);

/* Create the child from spec, then wait for it (check_create_complete
 * is hh_rnested_check_create). In an adopt (the resource's data holds
 * HH_RDATA_ADOPT: its entry of the adopt data, the nested stack's own
 * abandon data) the child is adopted from it (spec->adopt_data) and the
 * key removed once the child is recorded. */
int hh_rnested_create(hh_rctx *ctx, const hh_rnested_spec *spec, hh_rstep *step, hh_error *err);
int hh_rnested_check_create(hh_rctx *ctx, hh_rstep *step, hh_error *err);

/* handle_adopt of a resource that owns a stack (TemplateResource and
 * ResourceGroup in Heat): its create (which adopts the child, see
 * hh_rnested_create); without adopt data and child, Heat's "Exception:
 * Resource ID was not provided.". check_adopt_complete: the child's
 * ADOPT. */
int hh_rnested_adopt(hh_rctx *ctx, int (*create)(hh_rctx *, hh_rstep *, hh_error *), hh_rstep *step,
                     hh_error *err);
int hh_rnested_check_adopt(hh_rctx *ctx, hh_rstep *step, hh_error *err);

/* update_with_template: the child updated to spec, then wait for it;
 * a resource without a child yet creates it (Heat creates an empty one
 * first). The check follows the child's UPDATE, or its CREATE when the
 * update created it. */
int hh_rnested_update(hh_rctx *ctx, const hh_rnested_spec *spec, hh_rstep *step, hh_error *err);
int hh_rnested_check_update(hh_rctx *ctx, hh_rstep *step, hh_error *err);

/* StackResource._handle_cancel (handle_create_cancel,
 * handle_update_cancel): the child's create or update in progress is
 * cancelled without rollback; no child: nothing to do. */
int hh_rnested_cancel(hh_rctx *ctx, hh_raction action, hh_error *err);

/* delete_nested: the child's delete, then wait for it (done at once
 * without a child). */
int hh_rnested_handle_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err);
int hh_rnested_check_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err);

/* get_output: the child's output key (*out new reference). An output
 * the child does not have is HH_ENOTFOUND with Heat's NotFound
 * "Specified output key <key> not found."; a failed one is Heat's
 * TemplateOutputError "Error in <name> output <key>: <message>". No child
 * yet: JSON null. */
int hh_rnested_output(hh_rctx *ctx, const char *key, json_t **out, hh_error *err);

/* ---- what the groups share (res_group.c) ---------------------------------- */

/* A child template (heat_template_version 2015-04-30) of the members defs
 * ({name: definition}, stolen), with the refs_map output ({name:
 * {get_resource: name}} of names) when with_refs_map. New reference, NULL
 * on ENOMEM. */
json_t *hh_rgroup_template(json_t *defs, const json_t *names, bool with_refs_map);

/* {"get_attr": [member, attr, path...]} (attr NULL: left out; path
 * borrowed, may be NULL). New reference, NULL on ENOMEM. */
json_t *hh_rgroup_member_attr(const char *member, const char *attr, const json_t *path);

/* Resolve snippet (stolen; NULL is ENOMEM) in the child ctx->physical_id
 * (*out new reference). */
int hh_rgroup_resolve(hh_rctx *ctx, json_t *snippet, json_t **out, hh_error *err);

/* Heat's ResourceGroup / ResourceChain get_attribute(attr, *path) over the
 * members names (borrowed array of strings, in order), resolved in the
 * child ctx->physical_id (path borrowed, may be NULL):
 *   refs                 every member's reference, then path selected
 *   refs_map             (when refs_map) {member: reference}, path unused
 *   attributes           {member: its attribute path[0] along path[1:]};
 *                        without path InvalidTemplateAttribute
 *   resource.<m>         member m's reference (no path), else its
 *                        attribute path[0] along path[1:]
 *   resource.<m>.<a>     member m's attribute a along path
 *   any other name a     the list of every member's attribute a along path
 * No child yet: JSON null. A member not in names is Heat's NotFound
 * "Member '<m>' not found in group resource '<name>'." (HH_EINVAL). *out
 * new reference. */
int hh_rgroup_get_attribute(hh_rctx *ctx, const json_t *names, const char *attr, const json_t *path,
                            bool refs_map, json_t **out, hh_error *err);

/* ---- batches (heat/scaling/rolling_update.py; res_group.c) ------------------ */

/* The batches of a rolling update from curr members to targ, batch_size
 * at a time keeping min_in_service (new array of [capacity, new members]
 * pairs, NULL on ENOMEM): needs_update and next_batch, with
 * ResourceGroup's count of the members updated (group) or
 * InstanceGroup's. */
json_t *hh_rbatch_plan(json_int_t targ, json_int_t curr, json_int_t batch_size,
                       json_int_t min_in_service, bool group);

/* _update_timeout: ValueError "The current update policy will result in
 * stack update timeout." when the pauses between nbatches batches reach
 * the stack's timeout (its timeout_mins, else 60 minutes). */
int hh_rbatch_timeout(hh_rctx *ctx, size_t nbatches, double pause, hh_error *err);

/* The child template of one batch: capacity members, num_new of them
 * with the new definition (*tmpl new reference). */
typedef int (*hh_rbatch_fn)(hh_rctx *ctx, json_int_t capacity, json_int_t num_new, json_t **tmpl,
                            hh_error *err);

/* Run batches (borrowed, from hh_rbatch_plan, maybe with more entries
 * after the first rolling ones, e.g. a final resize) as the resource's
 * current action: each a child update (the first creates the child when
 * there is none) to fn's template, pause seconds between the first
 * rolling ones. The state is kept in resource data under the action's
 * start time, so a check on another engine and a re-handle after a crash
 * continue it. hh_rbatch_resume (at the start of a handler): *resumed
 * when the action has batches, the running one started again (nothing is
 * committed twice). hh_rbatch_check is the check of create and update:
 * done when the last batch is. */
int hh_rbatch_start(hh_rctx *ctx, const json_t *batches, size_t rolling, double pause,
                    hh_rbatch_fn fn, hh_rstep *step, hh_error *err);
int hh_rbatch_resume(hh_rctx *ctx, hh_rbatch_fn fn, bool *resumed, hh_rstep *step, hh_error *err);
int hh_rbatch_check(hh_rctx *ctx, hh_rbatch_fn fn, hh_rstep *step, hh_error *err);

#endif
