/* stack_model: one stack as the store holds it (heat/engine/stack.py
 * Stack.load, Stack.store), and the resolution of its functions against
 * the store and the resource plugins.
 *
 * A model is loaded from the store: the stack row, its raw template
 * (template, files, environment), the parameters bound from the
 * environment with the stack's identity as pseudo-parameters, and the
 * dependency graph of the enabled resources. It does not cache resource
 * rows: each resolution reads the store through the handle the caller
 * passes, so a model is shared by every worker of an action.
 *
 * Threads: after hh_stack_model_load a model is read-only except for the
 * parameter lookups, which a mutex inside serialises; any thread may call
 * the functions below with its own store handle.
 *
 * Functions resolve as in a running Heat stack:
 *   get_param     the bound parameters and pseudo-parameters
 *   get_resource  the plugin's reference id (Heat's FnGetRefId: by default
 *                 the physical id, else the resource name) of the stored
 *                 resource
 *   get_attr      the plugin's attribute, computed from the stored
 *                 resource (its physical id and resource data); "show" is
 *                 the resource row as Heat shows it
 *   get_file      the stored files map
 */
#ifndef HH_STACK_MODEL_H
#define HH_STACK_MODEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "hh_error.h"
#include "res_plugin.h"
#include "store.h"
#include "tmpl.h"

typedef struct hh_stack_model hh_stack_model;

/* Load stack id (soft-deleted ones too when show_deleted). *out new, free
 * with hh_stack_model_free. Errors: HH_ENOTFOUND, the template's errors
 * (a stored template is valid: they mean the store was changed by hand). */
int hh_stack_model_load(hh_store *st, const char *id, bool show_deleted, hh_stack_model **out,
                        hh_error *err);
void hh_stack_model_free(hh_stack_model *m); /* m may be NULL */

/* The stack's fields (borrowed, valid while m lives). */
const char *hh_stack_model_id(const hh_stack_model *m);
const char *hh_stack_model_name(const hh_stack_model *m);
const char *hh_stack_model_tenant(const hh_stack_model *m);
/* The stack row as loaded (borrowed): action, status, ... */
const json_t *hh_stack_model_row(const hh_stack_model *m);
/* {name: [names it depends on]} of the enabled resources (borrowed). */
const json_t *hh_stack_model_graph(const hh_stack_model *m);
/* The stored template document and the definition of resource name in
 * it as written (borrowed; NULL for no such resource). */
const json_t *hh_stack_model_template(const hh_stack_model *m);
const json_t *hh_stack_model_resource_def(const hh_stack_model *m, const char *name);
/* The bound parameters (borrowed). Their lookups take the model's lock:
 * read them directly only while no worker resolves functions with m. */
const hh_params *hh_stack_model_params(const hh_stack_model *m);

/* The resource type of resource name after the environment's registry
 * (borrowed static entry; a template resource's is
 * hh_rtype_template_resource). A type heat-ha does not know or a type
 * without behaviour is HH_EUNSUPPORTED with Heat's exception type in
 * err. */
int hh_stack_model_rtype(const hh_stack_model *m, const char *name, const hh_rtype **out,
                         hh_error *err);
/* The type whose handlers act on the stored resource row res (borrowed):
 * the template's (hh_stack_model_rtype), or for a row the template no
 * longer describes as it is (removed or retyped by an update) the row's
 * own: a plugin's or a template file, else the type after the registry
 * of the stack's environment, else after the environment of the template
 * the row was last converged to (read through st, may be NULL), so that a
 * removed resource of a mapped type is deleted as what it is. Errors as
 * hh_stack_model_rtype's. */
int hh_stack_model_row_rtype(hh_stack_model *m, hh_store *st, const json_t *res,
                             const hh_rtype **out, hh_error *err);

/* The type as the template names it (borrowed; NULL for no such resource). */
const char *hh_stack_model_type_name(const hh_stack_model *m, const char *name);
/* The resource's definition as the template writes it (borrowed; NULL
 * for no such resource), and whether the template is CFN's dialect. */
const json_t *hh_stack_model_definition(const hh_stack_model *m, const char *name);
bool hh_stack_model_is_cfn(const hh_stack_model *m);

/* Resolve the properties of resource name against the stack (functions
 * evaluated through st) and the type's schema (hh_rplugin_properties):
 * *out new reference. Errors as Heat's property resolution. */
int hh_stack_model_properties(hh_stack_model *m, hh_store *st, const char *name, json_t **out,
                              hh_error *err);

/* A resource context (res_plugin.h) for resource row res (borrowed; keys
 * of the store's resource records) with props (borrowed, may be NULL);
 * its type is the template's for that name, or, for a row of another type
 * (a resource an update removed or retyped), the row's own:
 * data and the physical id go to st with term; action_started as given.
 * ctx keeps pointers into m, res, props and into *hold, which the caller
 * keeps alive while ctx is used. */
struct hh_stack_nested;
typedef struct hh_stack_rctx_hold {
    hh_store *st;
    int64_t term;
    int64_t res_id;
    int rc; /* the first store error of a callback (HH_EFENCED stops the action) */
    hh_error err;
    hh_stack_model *m; /* the stack (metadata, stack_row, peer and nested ops) */
    const json_t *res; /* the resource row (borrowed) */
    /* The engine's queue of child stack actions (stack_nested.h), which
     * the engine sets for a resource's action; NULL (as
     * hh_stack_model_rctx leaves it): nested stacks are read only. */
    struct hh_stack_nested *nested;
} hh_stack_rctx_hold;
int hh_stack_model_rctx(hh_stack_model *m, hh_store *st, int64_t term, const json_t *res,
                        const json_t *props, double action_started, hh_stack_rctx_hold *hold,
                        hh_rctx *ctx, hh_error *err);

/* The resource's template metadata (the "metadata" / "Metadata" section
 * of its definition) resolved against the stack as stored: Heat's
 * t.metadata(), what metadata_get answers before the resource exists.
 * *out new reference ({} when the definition has none). */
int hh_stack_model_metadata(hh_stack_model *m, hh_store *st, const char *name, json_t **out,
                            hh_error *err);

/* Resolve snippet (borrowed; functions of the stack's template version)
 * against the stack as outputs are (path names it in errors); *out new
 * reference. */
int hh_stack_model_resolve(hh_stack_model *m, hh_store *st, const json_t *snippet, const char *path,
                           json_t **out, hh_error *err);

/* The implementation type of resource name after the registry: a type
 * name or, for a template resource, the key of its file in the files map
 * (borrowed; NULL for no such resource). */
const char *hh_stack_model_impl(const hh_stack_model *m, const char *name);
/* The stack's files map (borrowed, an object) and environment (borrowed). */
const json_t *hh_stack_model_files(const hh_stack_model *m);
const hh_env *hh_stack_model_env(const hh_stack_model *m);

/* The outputs resolved against the stack as it is stored: {key: value},
 * an output that fails {key: {"output_error": message}}, an output whose
 * condition is false null. *out new reference. */
int hh_stack_model_outputs(hh_stack_model *m, hh_store *st, json_t **out, hh_error *err);

/* Save: store the template of tmpl and env (the raw template row) and a
 * new stack row from spec (raw_template_id filled in) with a resource row
 * (INIT COMPLETE) for each enabled resource, in the caller's transaction
 * or one of its own. id_out as hh_store_stack_create's. The resources'
 * root stack is the stack itself, or for a nested stack (spec->owner_id
 * and parent_resource_name) the parent resource's root. */
int hh_stack_model_save_new(hh_store *st, int64_t term, hh_tmpl *tmpl, hh_env *env,
                            const json_t *files, hh_store_stack_spec *spec, char *id_out,
                            hh_error *err);

/* The resource_data key under which the engine records the time a
 * resource's current action started (seconds since the epoch as text), so
 * that a resumed action keeps it. */
#define HH_STACK_DATA_ACTION_STARTED "heat-ha:action_started"

/* The resource_data key under which the engine records, with a create's
 * retriable failure (Heat's create retry loop, action_retry_limit), how
 * many creates failed and the first failure's reason: "<count>\n<reason>".
 * A resumed create finds there where its retry loop stood. */
#define HH_STACK_DATA_RETRY "heat-ha:retry"

#endif
