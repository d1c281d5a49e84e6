/* res_plugin: the behaviour of resource types (heat/engine/resource.py).
 *
 * Each hh_rtype (res_registry.h) points at one const struct hh_rplugin_ops:
 * the handlers Heat's Resource subclasses define (handle_create,
 * check_create_complete, handle_update, ...). A NULL member means "this
 * type has no such handler" and the dispatchers below give Heat's default
 * behaviour for it, so the engine calls hh_rplugin_* and never the members.
 *
 * Steps never block. A handler that starts something long answers
 * step->done = false and the engine polls the matching check_*_complete
 * later (step->poll_secs is a hint) on any worker, or, after a crash, on
 * another engine. Everything a check needs is therefore in the context:
 * the properties, the resource data, the physical id and the time the
 * engine recorded the action IN_PROGRESS. Plugins keep no memory between
 * calls.
 *
 * The engine's loop for one action (CREATE shown; UPDATE, DELETE, SUSPEND,
 * RESUME and CHECK are the same with their own handlers):
 *
 *   1. commit (CREATE, IN_PROGRESS) with action_started = now
 *   2. rc = hh_rplugin_handle(t, HH_RACT_CREATE, &ctx, NULL, &step, &err)
 *      (hh_rctx_set_physical_id inside it commits the id through the
 *      engine's callback before it returns: invariant 1)
 *   3. while rc == 0 && !step.done: wait step.poll_secs (or the engine's
 *      own interval), rc = hh_rplugin_check_complete(t, HH_RACT_CREATE,
 *      &ctx, &step, &err)
 *   4. commit (CREATE, COMPLETE) or, on rc != 0, (CREATE, FAILED) with
 *      Heat's reason "<err.type>: resources.<name>: <err.message>"
 *
 * Crash-resume: an engine that finds a resource (A, IN_PROGRESS) rebuilds
 * the context (same action_started, stored physical id and data) and
 * calls hh_rplugin_handle again, then polls. Every handler here is
 * idempotent for that: it finds what it did in the resource data or the
 * physical id and does not do it twice.
 */
#ifndef HH_RES_PLUGIN_H
#define HH_RES_PLUGIN_H

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"
#include "res_registry.h"
#include "res_schema.h"

/* Heat's physical_resource_name_limit (resource.py) and the size of the
 * physical id column. */
#define HH_RPHYS_NAME_LIMIT 255
#define HH_RPHYS_ID_MAX 256

/* Actions a handler serves (Heat's ACTIONS that reach plugins). */
typedef enum hh_raction {
    HH_RACT_CREATE = 0,
    HH_RACT_UPDATE,
    HH_RACT_DELETE,
    HH_RACT_SUSPEND,
    HH_RACT_RESUME,
    HH_RACT_CHECK,
    /* Heat's ADOPT: the resource takes the id and data of its adopt data
     * (Resource.handle_adopt; no plugin has its own yet, the default of
     * hh_rplugin_handle serves every type). */
    HH_RACT_ADOPT,
    /* Heat's SNAPSHOT: no plugin has a handle_snapshot yet (Heat's
     * default: nothing to do, the resource is SNAPSHOT COMPLETE). */
    HH_RACT_SNAPSHOT,
} hh_raction;

/* The resource data key under which the engine keeps a resource's adopt
 * data ({"resource_id": ..., "resource_data": {...}} as JSON text) from
 * the adopt request until the ADOPT handler has applied it. */
#define HH_RDATA_ADOPT "heat-ha:adopt"

/* "CREATE", "UPDATE", ... */
const char *hh_raction_name(hh_raction a);

struct hh_rnested_spec;

/* The engine's services to a plugin, as a const vtable (one per engine or
 * test) with its ud. Every member is required unless said otherwise. */
struct hh_rctx;
typedef struct hh_rctx_ops {
    /* Resource data (Heat's resource_data table). get: *value is a new
     * malloc'd string, or NULL when key is absent (rc 0). set: value NULL
     * deletes key; redact as Heat's data_set (encrypted at rest, hidden in
     * listings). The write is committed before set returns. */
    int (*data_get)(void *ud, const char *key, char **value);
    int (*data_set)(void *ud, const char *key, const char *value, bool redact);
    /* Record the physical id (Heat's resource_id_set); committed before it
     * returns, so no creation is reported without its id. */
    int (*set_physical_id)(void *ud, const char *id);
    /* Wall-clock seconds since the epoch (real time, comparable across
     * engines: a check may run on another node after a failover). */
    double (*now)(void *ud);
    /* Fill buf with len random bytes. NULL: getrandom(2). */
    int (*random)(void *ud, void *buf, size_t len);

    /* ---- metadata, signals and the other resources of the stack --------
     * (wait conditions and their handles, software configs; the engine's
     * side is stack_model.c). Optional: a NULL member makes its hh_rctx_*
     * call answer HH_EUNSUPPORTED. */
    /* The resource's metadata (Heat's metadata_get(refresh=True), the
     * rsrc_metadata column): *out new reference, {} when none is stored. */
    int (*metadata_get)(void *ud, json_t **out, hh_error *err);
    /* Replace the metadata (Heat's metadata_set): committed before it
     * returns, or with the caller's open transaction (a signal commits it
     * with its event). A resource not created yet (INIT) or being deleted
     * is Heat's ResourceNotAvailable (HH_ENOTFOUND). */
    int (*metadata_set)(void *ud, const json_t *metadata, hh_error *err);
    /* The stack row (borrowed, store.h keys: id, name, tenant,
     * stack_user_project_id, ...), valid while the context is. */
    const json_t *(*stack_row)(void *ud);
    /* Another resource of the same stack, as Heat's stack.resource_by_refid:
     * the first, in creation order, in a state Heat accepts (INIT COMPLETE,
     * CREATE, RESUME or UPDATE IN_PROGRESS or COMPLETE, CHECK COMPLETE)
     * whose reference id (hh_rplugin_reference_id) or name is refid.
     * *peer: a new context (properties: its stored ones; same store and
     * term as this one) to free with peer_close, or NULL when none
     * matches (rc 0). A type without behaviour is not matched. */
    int (*peer_open)(void *ud, const char *refid, struct hh_rctx **peer, hh_error *err);
    void (*peer_close)(void *ud, struct hh_rctx *peer);
    /* Software configs of the stack's tenant (store.h software_config).
     * config_create stores {name, group, config} and records the new id as
     * the resource's physical id in one transaction (no config is left
     * that its resource does not know). config_get: *out new record;
     * HH_ENOTFOUND (Heat's NotFound) when absent, as for config_delete. */
    int (*config_create)(void *ud, const char *name, const char *group, const json_t *config,
                         char id_out[37], hh_error *err);
    int (*config_get)(void *ud, const char *id, json_t **out, hh_error *err);
    int (*config_delete)(void *ud, const char *id, hh_error *err);
    /* Signal peer (from peer_open) as a signal from outside does: its
     * handle_signal(details) and the SIGNAL event, in one transaction
     * (Heat's rsrc.signal() of the polling signal transports). */
    int (*peer_signal)(void *ud, struct hh_rctx *peer, const json_t *details, hh_error *err);

    /* ---- nested stacks (the engine's stack_nested.c) ----------------------
     * What the resources that own a stack (Heat's StackResource: template
     * resources, ResourceGroup, ResourceChain; OS::Heat::Stack's stack of
     * its own) ask of the engine. They run on a worker, which never starts
     * an action: a create commits the child's rows and the owner's thread
     * starts its action; a delete is queued for the owner. Every member may
     * be NULL (a context without stacks: HH_EUNSUPPORTED through the
     * hh_rctx_nested_* calls below). Errors fill err with Heat's
     * exception type. */
    /* Create the child stack of spec (see hh_rnested_spec) for this
     * resource: in one transaction its template, its stack row (CREATE,
     * IN_PROGRESS) "Stack CREATE started", its resources (INIT), its event
     * and its id as this resource's physical id (invariant 1: the id is
     * recorded with the child, never after it); then the child's create
     * is queued for the owner. child_id (HH_RPHYS_ID_MAX bytes) in and
     * out: non-empty on entry names the child of an earlier call (a
     * re-handle after a crash), which is not created again but queued
     * again when it is still (CREATE, IN_PROGRESS). Limits: Heat's
     * RequestLimitExceeded for max_nested_stack_depth ("Recursion depth
     * exceeds N.") and max_resources_per_stack (counted over the root
     * stack, as Heat's total_resources). */
    int (*nested_create)(void *ud, const struct hh_rnested_spec *spec, char *child_id,
                         hh_error *err);
    /* The child's stack row (*row new reference: id, name, tenant,
     * action, status, status_reason, ...); HH_ENOTFOUND when there is
     * none or it is deleted. */
    int (*nested_get)(void *ud, const char *child_id, json_t **row, hh_error *err);
    /* The child's resource rows (*rows new array, creation order). */
    int (*nested_resources)(void *ud, const char *child_id, json_t **rows, hh_error *err);
    /* Resolve snippet (borrowed: a function call such as {"get_attr":
     * ["0", "x"]}) against the child as its outputs resolve; *value new
     * reference. The child's outputs are {"get_attr": [...]} of the
     * outputs section: see hh_rctx_nested_outputs. */
    int (*nested_resolve)(void *ud, const char *child_id, const json_t *snippet, json_t **value,
                          hh_error *err);
    /* The child's outputs as stack_model resolves them ({key: value},
     * {key: {"output_error": message}}); *outputs new reference. */
    int (*nested_outputs)(void *ud, const char *child_id, json_t **outputs, hh_error *err);
    /* Update the child to spec (Heat's update_with_template): the child
     * environment and template as for nested_create, checked as an update
     * is; then in one transaction the new template (the old kept as the
     * previous one), the child (UPDATE, IN_PROGRESS) "Stack UPDATE
     * started" with its event, and token recorded in this resource's data;
     * then the child's update is queued for the owner. A call with the
     * token of the last committed update (a re-handle after a crash: the
     * parent action's start time) commits nothing again and queues the
     * child again while its update is in progress. */
    int (*nested_update)(void *ud, const char *child_id, const struct hh_rnested_spec *spec,
                         const char *token, hh_error *err);
    /* Queue the delete of the child for the owner (Heat's delete_stack on
     * it: a create running on it is stopped first). A child that is gone
     * is no error. */
    int (*nested_delete)(void *ud, const char *child_id, hh_error *err);
    /* Queue Heat's stack_cancel_update(cancel_with_rollback=False) of the
     * child for the owner: a child whose CREATE or UPDATE is in progress
     * is committed (A, FAILED) "Stack A cancelled" and stops (its own
     * children in progress likewise); any other child is left alone. */
    int (*nested_cancel)(void *ud, const char *child_id, hh_error *err);
    /* The child's current template as stored (*tmpl new reference: the
     * mapping the groups gave, or the text of a template file). */
    int (*nested_template)(void *ud, const char *child_id, json_t **tmpl, hh_error *err);

    /* The resource's update_policy in the template of the current action
     * (Heat's self.update_policy: the new definition's during an update),
     * resolved and converted by the type's update_policy schema with its
     * defaults; *out new reference, {} for a type without a schema.
     * Optional (HH_EUNSUPPORTED). */
    int (*update_policy)(void *ud, json_t **out, hh_error *err);
} hh_rctx_ops;

/* What a nested stack is made of (nested_create). */
typedef struct hh_rnested_spec {
    /* The child's template (borrowed): a mapping, or YAML/JSON text.
     * NULL: the template file the resource's type resolves to (a
     * template resource: the files map entry), whose registry entry is
     * left out of the child's environment (Heat's item_to_remove). */
    const json_t *template;
    /* The child's parameters (borrowed object, may be NULL). The child's
     * environment is the parent's (Heat's get_child_environment: the
     * registry, parameter_defaults ...) with these as its parameters;
     * its files are the parent's. */
    const json_t *parameters;
    int timeout_mins; /* 0: the parent stack's */
    /* Heat's create_with_template(adopt_data=...): the child's abandon
     * data (borrowed object, may be NULL). The child is then adopted:
     * committed (ADOPT, IN_PROGRESS) "Stack ADOPT started" with each of
     * its resources' entry of adopt_data "resources" kept for their ADOPT
     * handlers, and the child's adopt queued. */
    const json_t *adopt_data;
    /* Heat's RemoteStack (OS::Heat::Stack): a stack of its own, top level
     * (no owner), named as the resource's physical name, not a nested
     * stack; the nesting depth still counts, so that a template that
     * embeds itself stops at max_nested_stack_depth. */
    bool top_level;
} hh_rnested_spec;

/* One resource as a handler sees it. The engine fills it; plugins read it
 * and change it only through the hh_rctx_* calls below. */
typedef struct hh_rctx {
    const hh_rtype *type;   /* borrowed */
    const char *stack_name; /* Heat's stack.name */
    const char *name;       /* the resource's name in the template */
    const char *uuid;       /* the resource's uuid (version 4) */
    /* Properties resolved and converted by hh_rplugin_properties: every
     * property of the schema, defaults applied (borrowed). For an update
     * (handle and check) the new ones; prior_properties the old ones,
     * NULL outside an update. */
    const json_t *properties;
    const json_t *prior_properties;
    /* The recorded physical id ("" when none); hh_rctx_set_physical_id
     * keeps it current. */
    char physical_id[HH_RPHYS_ID_MAX];
    /* When the engine committed the current action IN_PROGRESS (its clock,
     * seconds); kept across a crash-resume. */
    double action_started;
    /* The engine sets it to ask a running action to stop (stack cancel,
     * timeout, shutdown); checks answer ECANCELED. NULL: never. */
    const atomic_bool *cancel;
    const hh_rctx_ops *ops;
    void *ud;
} hh_rctx;

int hh_rctx_data_get(hh_rctx *ctx, const char *key, char **value);
int hh_rctx_data_set(hh_rctx *ctx, const char *key, const char *value, bool redact);
int hh_rctx_set_physical_id(hh_rctx *ctx, const char *id);
double hh_rctx_now(hh_rctx *ctx);
bool hh_rctx_cancelled(const hh_rctx *ctx);
int hh_rctx_random(hh_rctx *ctx, void *buf, size_t len);
/* The metadata block of hh_rctx_ops (HH_EUNSUPPORTED when the engine gives
 * none). peer_close takes NULL. */
int hh_rctx_metadata_get(hh_rctx *ctx, json_t **out, hh_error *err);
int hh_rctx_metadata_set(hh_rctx *ctx, const json_t *metadata, hh_error *err);
const json_t *hh_rctx_stack_row(hh_rctx *ctx); /* NULL when none */
int hh_rctx_peer_open(hh_rctx *ctx, const char *refid, hh_rctx **peer, hh_error *err);
void hh_rctx_peer_close(hh_rctx *ctx, hh_rctx *peer);
/* config_create also sets ctx->physical_id. */
int hh_rctx_config_create(hh_rctx *ctx, const char *name, const char *group, const json_t *config,
                          hh_error *err);
int hh_rctx_config_get(hh_rctx *ctx, const char *id, json_t **out, hh_error *err);
int hh_rctx_config_delete(hh_rctx *ctx, const char *id, hh_error *err);
int hh_rctx_peer_signal(hh_rctx *ctx, hh_rctx *peer, const json_t *details, hh_error *err);

/* The nested-stack services (hh_rctx_ops' nested_* members), with
 * HH_EUNSUPPORTED "Nested stacks are not supported here." when the
 * context has none. hh_rctx_nested_create passes ctx->physical_id as the
 * child of an earlier call and keeps ctx->physical_id current. */
int hh_rctx_nested_create(hh_rctx *ctx, const hh_rnested_spec *spec, hh_error *err);
int hh_rctx_nested_get(hh_rctx *ctx, const char *child_id, json_t **row, hh_error *err);
int hh_rctx_nested_resources(hh_rctx *ctx, const char *child_id, json_t **rows, hh_error *err);
int hh_rctx_nested_resolve(hh_rctx *ctx, const char *child_id, const json_t *snippet,
                           json_t **value, hh_error *err);
int hh_rctx_nested_outputs(hh_rctx *ctx, const char *child_id, json_t **outputs, hh_error *err);
int hh_rctx_nested_delete(hh_rctx *ctx, const char *child_id, hh_error *err);
int hh_rctx_nested_cancel(hh_rctx *ctx, const char *child_id, hh_error *err);
int hh_rctx_nested_template(hh_rctx *ctx, const char *child_id, json_t **tmpl, hh_error *err);
int hh_rctx_update_policy(hh_rctx *ctx, json_t **out, hh_error *err);
/* nested_update of the child ctx->physical_id with the token of the
 * resource's current action (its action_started). */
int hh_rctx_nested_update(hh_rctx *ctx, const hh_rnested_spec *spec, hh_error *err);
/* The same with token (borrowed) naming the update: a signal's resize of
 * a scaling group, which is not the resource's action. */
int hh_rctx_nested_update_token(hh_rctx *ctx, const hh_rnested_spec *spec, const char *token,
                                hh_error *err);

/* The result of one handler or check call. */
typedef struct hh_rstep {
    bool done;        /* false: in progress, poll the check */
    double poll_secs; /* hint for the next poll; 0: the engine's default */
    /* A status_reason for the COMPLETE state other than Heat's default
     * ("CHECK not supported for OS::Heat::None"), or "". */
    char reason[256];
} hh_rstep;

/* The plugin vtable. Handlers return 0 or an rc with err filled; a failed
 * action's err->type is the exception class Heat names in the reason
 * ("ValueError"). */
struct hh_rplugin_ops {
    /* Checks of a type beyond its schema (Heat's validate()), run after
     * hh_rtype_validate_properties succeeded with_value. props, opts and
     * section as for that call (props functions resolved, not converted).
     * NULL: nothing more to check. */
    int (*validate)(const hh_rtype *t, const char *name, const json_t *props,
                    const hh_props_opts *opts, const char *section, hh_error *err);

    int (*handle_create)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*check_create_complete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);

    /* Heat's needs_replace_with_prop_diff: changed is the JSON array of
     * changed property names. NULL: false. */
    bool (*needs_replace)(const json_t *changed, const json_t *after, const json_t *before);
    /* prop_diff: {name: new value} of the changed properties (borrowed).
     * NULL handle_update: Heat's default, which replaces on any property
     * change; hh_rplugin_update_decide already said REPLACE then. */
    int (*handle_update)(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err);
    int (*check_update_complete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);

    int (*handle_delete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*check_delete_complete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*handle_suspend)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*check_suspend_complete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*handle_resume)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*check_resume_complete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*handle_check)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*check_check_complete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    /* Heat's handle_create_cancel / handle_update_cancel: called once
     * when the engine aborts the resource's running action (action:
     * CREATE, UPDATE, ...; the stack's cancel or timeout), after its
     * check answered ECANCELED. NULL: nothing to stop. */
    int (*handle_cancel)(hh_rctx *ctx, hh_raction action, hh_error *err);
    /* Heat's handle_adopt: the resource's adopt data is under
     * HH_RDATA_ADOPT. NULL: the default of hh_rplugin_handle. */
    int (*handle_adopt)(hh_rctx *ctx, hh_rstep *step, hh_error *err);
    int (*check_adopt_complete)(hh_rctx *ctx, hh_rstep *step, hh_error *err);

    /* handle_signal: details borrowed (may be NULL); *result a new string
     * for the event "Signal: <result>", or NULL. NULL member: the type
     * takes no signal. An err of type "NoActionRequired" (Heat's
     * resource.NoActionRequired) is no failure: what the handler wrote is
     * committed without an event, and the message is logged. */
    int (*handle_signal)(hh_rctx *ctx, const json_t *details, char **result, hh_error *err);
    /* metadata_update (signals of wait conditions, ...). NULL: no-op. */
    int (*metadata_update)(hh_rctx *ctx, const json_t *metadata, hh_error *err);

    /* get_resource / Ref. *out new reference. NULL: Heat's default. */
    int (*reference_id)(hh_rctx *ctx, json_t **out, hh_error *err);
    /* _resolve_attribute for a name of the attribute schema (or any name
     * for HH_RT_ANY_ATTRIBUTES types). *out new reference (JSON null for
     * None). *delay_secs: Heat answers this much later (TestResource's
     * attr_wait_secs); the engine waits without blocking a worker. */
    int (*resolve_attribute)(hh_rctx *ctx, const char *attr, json_t **out, double *delay_secs,
                             hh_error *err);
    /* Heat's get_attribute(key, *path) of the types that override it
     * (the groups, template resources): attr with path (borrowed array,
     * maybe empty) applied as the type does, *out new reference. NULL:
     * resolve_attribute, then select_from_attribute along path. */
    int (*get_attribute)(hh_rctx *ctx, const char *attr, const json_t *path, json_t **out,
                         double *delay_secs, hh_error *err);

    unsigned flags; /* HH_RPLUGIN_* */
};

enum {
    /* Heat's NoneResource._needs_update: never updated, never replaced. */
    HH_RPLUGIN_NEVER_UPDATE = 1u << 0,
    /* Every handler and check of the type acts through the context only
     * (resource data, physical id): it makes nothing outside the engine's
     * database. A step of it whose writes are all undone (the engine died
     * before they were committed) has left nothing behind, and running it
     * again is as running it once. The engine may then commit a step's
     * state changes with the handler's writes in one transaction (e.g.
     * (A, IN_PROGRESS), the physical id and (A, COMPLETE)): each is still
     * committed before it is reported, in one disk write instead of
     * several. A type that creates or calls anything elsewhere must not
     * set it: its physical id must be committed the moment it exists. */
    HH_RPLUGIN_STORE_ONLY = 1u << 1,
    /* Heat's StackResource._needs_update: updated in place on every stack
     * update, changed properties or not (the child decides what changes),
     * unless a changed property is not update_allowed. */
    HH_RPLUGIN_ALWAYS_UPDATE = 1u << 2,
};

/* The plugins of OS::Heat::None, Value, RandomString, TestResource
 * (res_heat_basic.c). */
extern const struct hh_rplugin_ops hh_rplugin_heat_none;
extern const struct hh_rplugin_ops hh_rplugin_heat_value;
extern const struct hh_rplugin_ops hh_rplugin_heat_random_string;
extern const struct hh_rplugin_ops hh_rplugin_heat_test_resource;

/* OS::Heat::Stack (res_nested.c), OS::Heat::ResourceGroup and
 * OS::Heat::ResourceChain (res_group.c): resources that own a stack. */
extern const struct hh_rplugin_ops hh_rplugin_heat_stack;
extern const struct hh_rplugin_ops hh_rplugin_heat_resource_group;
extern const struct hh_rplugin_ops hh_rplugin_heat_resource_chain;
/* OS::Heat::AutoScalingGroup and OS::Heat::ScalingPolicy
 * (res_heat_scaling.c). */
extern const struct hh_rplugin_ops hh_rplugin_heat_autoscaling_group;
extern const struct hh_rplugin_ops hh_rplugin_heat_scaling_policy;

/* The type of every template resource (a type that is a template file,
 * directly or through the registry; res_nested.c): not in the registry's
 * listing; properties passed on as the nested template's parameters,
 * attributes its outputs. */
extern const hh_rtype hh_rtype_template_resource;

/* ---- dispatch: what the engine calls ------------------------------------ */

/* The properties of ctx: hh_props_resolve of the type's schema (JSON {}
 * for HH_RT_ANY_PROPERTIES types). *out new reference. */
int hh_rplugin_properties(const hh_rtype *t, const json_t *props, const char *section, json_t **out,
                          hh_error *err);

/* Type-specific validation (ops->validate); 0 for types without it. The
 * template layer calls it after hh_rtype_validate_properties(with_value)
 * and wraps its "Property error: ..." messages as it wraps the schema's. */
int hh_rplugin_validate(const hh_rtype *t, const char *name, const json_t *props,
                        const hh_props_opts *opts, const char *section, hh_error *err);

/* Heat's action_handler_task, split in its two halves. handle: the
 * handler of action (prop_diff for UPDATE only, else NULL); no handler is
 * done at once, except CHECK, which is done with reason "CHECK not
 * supported for <type>" as Heat records it, and ADOPT, whose default is
 * Heat's handle_adopt: the physical id and the resource data from the
 * adopt data the engine stored under HH_RDATA_ADOPT, which is then
 * removed (so a resumed adopt does nothing twice); no resource_id there
 * is Heat's "Exception: Resource ID was not provided." (a type with its own
 * handle_adopt, a resource owning a stack, adopts its child instead). check_complete: the check of
 * action; no check means done. A cancelled ctx makes checks answer
 * ECANCELED. A type without ops (schema only) is HH_EUNSUPPORTED. */
int hh_rplugin_handle(const hh_rtype *t, hh_raction action, hh_rctx *ctx, const json_t *prop_diff,
                      hh_rstep *step, hh_error *err);
int hh_rplugin_check_complete(const hh_rtype *t, hh_raction action, hh_rctx *ctx, hh_rstep *step,
                              hh_error *err);

/* ops->handle_cancel of action, or 0 for a type without it. */
int hh_rplugin_cancel(const hh_rtype *t, hh_raction action, hh_rctx *ctx, hh_error *err);

/* Update in place or replace (Resource._needs_update and
 * update_template_diff_properties). before, after: hh_rplugin_properties
 * results. *decision: NONE when no property changed (the engine still
 * updates in place when another part of the definition changed, e.g.
 * metadata; HH_RPLUGIN_ALWAYS_UPDATE types are IN_PLACE with an empty
 * prop_diff) or for HH_RPLUGIN_NEVER_UPDATE types; REPLACE when the plugin
 * asks (needs_replace) or a changed property is not update_allowed (any
 * property of an HH_RT_PASS_PROPERTIES type is);
 * IN_PLACE otherwise, with *prop_diff {name: new value} (new reference;
 * NULL unless IN_PLACE). A changed immutable property is Heat's
 * NotSupported "Update to properties a, b of <name> (<type>) is not
 * supported." (HH_EUNSUPPORTED). The engine replaces on its own, before
 * asking, a resource that is FAILED, DELETE_COMPLETE or INIT_COMPLETE. */
typedef enum hh_rupdate {
    HH_RUPDATE_NONE = 0,
    HH_RUPDATE_IN_PLACE,
    HH_RUPDATE_REPLACE,
} hh_rupdate;
int hh_rplugin_update_decide(const hh_rtype *t, const char *name, const json_t *before,
                             const json_t *after, hh_rupdate *decision, json_t **prop_diff,
                             hh_error *err);

/* get_resource: ops->reference_id, or Heat's default (the physical id,
 * else the resource name). *out new reference. */
int hh_rplugin_reference_id(const hh_rtype *t, hh_rctx *ctx, json_t **out, hh_error *err);

/* get_attr of a plugin attribute ("show" is the engine's). An attribute
 * the type does not have is Heat's InvalidTemplateAttribute. *delay_secs
 * may be NULL. *out new reference. */
int hh_rplugin_attribute(const hh_rtype *t, hh_rctx *ctx, const char *attr, json_t **out,
                         double *delay_secs, hh_error *err);
/* The same with get_attr's path (borrowed array, NULL as empty): Heat's
 * FnGetAtt(attr, *path), through ops->get_attribute when the type has
 * it, else the attribute selected along path (None when the path leads
 * nowhere). */
int hh_rplugin_attribute_path(const hh_rtype *t, hh_rctx *ctx, const char *attr, const json_t *path,
                              json_t **out, double *delay_secs, hh_error *err);

/* Signal: ops->handle_signal, or Heat's ResourceActionNotSupported
 * "signal is not supported for resource." (HH_EUNSUPPORTED). */
int hh_rplugin_signal(const hh_rtype *t, hh_rctx *ctx, const json_t *details, char **result,
                      hh_error *err);

/* ---- failure reasons ---------------------------------------------------- */

/* The status_reason of a resource whose action failed with rc and err
 * (Heat's ResourceFailure): "<err->type>: resources.<name>: <message>"
 * ("Error" without a type, hh_strerror(rc) without a message); an err of
 * type hh_rfailure_whole (hh_rfailure_nested) is the whole reason
 * already. Into buf (len bytes, cut to fit). */
void hh_rfailure_reason(const char *name, const hh_error *err, int rc, char *buf, size_t len);

/* The err->type of a reason that hh_rfailure_reason takes whole. */
extern const char hh_rfailure_whole[];

/* Heat's ResourceFailure of resource name from the status_reason of its
 * child stack, whose action is action (StackResource's
 * _check_status_complete): a reason "... Resource <ACTION> failed:
 * <error>: <path>: <message>" becomes "<error>: resources.<name>.<path>:
 * <message>" (path items that are digits as "[n]"), any other
 * "resources.<name>: <reason>". Fills err (type hh_rfailure_whole) and
 * returns rc (HH_EINVAL when 0). */
int hh_rfailure_nested(const char *name, const char *action, const char *reason, int rc,
                       hh_error *err);

/* ---- physical names ----------------------------------------------------- */

/* Heat's short_id.get_id: 12 lower-case base32 characters of the 60 random
 * "time" bits of a version 4 UUID. out: 13 bytes. HH_EINVAL for a text
 * that is not a UUID or not of version 4 (Heat's "Invalid UUID version
 * (n)"). */
int hh_short_id(const char *uuid, char out[13], hh_error *err);

/* Heat's physical_resource_name: "<stack>-<resource>-<short id>", the
 * stack name without trailing '*', reduced to limit characters (0: no
 * limit) as reduce_physical_resource_name does: the first 2 characters,
 * '-', the last limit-3. Lengths count characters (UTF-8), as Python.
 * *out new malloc'd string. A limit below 4 is Heat's ValueError "limit
 * cannot be less than 4". */
int hh_physical_name(const char *stack_name, const char *res_name, const char *uuid, size_t limit,
                     char **out, hh_error *err);

/* Reduce name to limit characters as above; *out new malloc'd string. */
int hh_physical_name_reduce(const char *name, size_t limit, char **out, hh_error *err);

/* A new random version 4 UUID text from ctx's random source. out: 37. */
int hh_rctx_uuid4(hh_rctx *ctx, char out[37]);

/* ---- OS::Heat::RandomString's generator (heat/common/password_gen.py) --- */

/* Heat's generate_password: min characters of each class first, the rest
 * from the union of all classes, then shuffled (random.sample). classes:
 * the resolved character_sequences followed by character_classes as
 * {sequence|class, min} objects. *out new malloc'd UTF-8. No character to
 * choose from is Heat's IndexError "Cannot choose from an empty
 * sequence". */
int hh_random_string(hh_rctx *ctx, const json_t *sequences, const json_t *classes, size_t length,
                     char **out, hh_error *err);

/* ---- wait conditions and software configs --------------------------- */

/* OS::Heat::WaitConditionHandle, OS::Heat::WaitCondition,
 * AWS::CloudFormation::WaitConditionHandle and WaitCondition
 * (res_heat_wait.c); OS::Heat::SoftwareConfig, StructuredConfig,
 * CloudConfig and MultipartMime (res_heat_config.c). */
extern const struct hh_rplugin_ops hh_rplugin_heat_wait_handle;
extern const struct hh_rplugin_ops hh_rplugin_heat_wait_condition;
extern const struct hh_rplugin_ops hh_rplugin_cfn_wait_handle;
extern const struct hh_rplugin_ops hh_rplugin_cfn_wait_condition;
extern const struct hh_rplugin_ops hh_rplugin_heat_software_config;
extern const struct hh_rplugin_ops hh_rplugin_heat_structured_config;
extern const struct hh_rplugin_ops hh_rplugin_heat_cloud_config;
extern const struct hh_rplugin_ops hh_rplugin_heat_multipart_mime;

/* Where servers send signals, for the URLs the handles give (Heat asks
 * Keystone's catalog; heat-ha takes them from heat.conf):
 *   waitcondition_url  heat_waitcondition_server_url, the CFN API's
 *                      ".../v1/waitcondition" (signed URLs of CFN_SIGNAL
 *                      and AWS::CloudFormation::WaitConditionHandle)
 *   heat_url           [clients_heat] url, the native API's
 *                      ".../v1/%(tenant_id)s" (TOKEN_SIGNAL endpoint,
 *                      HEAT_SIGNAL alarm_url)
 * NULL or "" selects the default for heat-all on loopback:
 * http://127.0.0.1:8000/v1/waitcondition and
 * http://127.0.0.1:8004/v1/%(tenant_id)s. Copied. Call before any engine
 * runs a plugin (process-wide, not synchronised with running plugins).
 * ENOMEM, or 0. */
int hh_rsignal_configure(const char *waitcondition_url, const char *heat_url);
void hh_rsignal_reset(void); /* free the copies: back to the defaults */
/* SignalResponder's URLs of the resource ctx runs, as ScalingPolicy's
 * alarm_url (native false: the pre-signed CFN signal URL, the
 * waitcondition URL above with /waitcondition made /signal, the resource's
 * ARN and access key, never expiring) and signal_url (native true: the
 * native API's .../signal of the resource in the stack's project, kept
 * in the resource data). *out a new JSON string, or JSON null before
 * hh_rsignal_prepare ran. 0 or an rc. */
int hh_rsignal_url(hh_rctx *ctx, bool native, json_t **out);
/* Make what hh_rsignal_url gives, once (at the resource's create: the
 * access and secret keys, the native URL), in the resource data. 0 or an
 * rc. */
int hh_rsignal_prepare(hh_rctx *ctx);

#endif
