/* service_internal: what the service files share (service_api.c, the
 * method files service_stacks.c and service_info.c, service_format.c).
 * Not for other modules: they use service_api.h. */
#ifndef HH_SERVICE_INTERNAL_H
#define HH_SERVICE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "hh_conf.h"
#include "hh_error.h"
#include "rpc_msg.h"
#include "service_api.h"
#include "stack_engine.h"
#include "stack_ops.h"
#include "store.h"

/* One request being answered. */
typedef struct hh_svc_call {
    hh_service *s;
    const hh_rpc_request *req;
    const json_t *args;        /* borrowed: req->args */
    const hh_rpc_context *ctx; /* borrowed: &req->ctx */
    hh_store *st;              /* the handle this call reads (and writes) with */
    hh_stack_engine *engine;   /* owner methods only: the engine (NULL when standby) */
    int64_t term;              /* owner methods only: the active term */
} hh_svc_call;

typedef int (*hh_svc_fn)(hh_svc_call *c, json_t **result, hh_error *err);

/* ---- service_api.c: for the method files ---- */

const hh_conf *hh_svc_conf(const hh_service *s);

/* Argument helpers: the value of args[name], or the fallback when absent
 * or null. Types were validated by rpc_msg. */
const char *hh_svc_arg_str(const hh_svc_call *c, const char *name);
bool hh_svc_arg_bool(const hh_svc_call *c, const char *name, bool dflt);
/* An integer given as a JSON integer or a decimal string (Heat's API passes
 * query strings through): Invalid "<what> must be an integer" otherwise. */
int hh_svc_arg_int(const hh_svc_call *c, const char *name, long long dflt, long long *out,
                   hh_error *err);

/* The stack a stack_identity names (an identifier object, or a name or id
 * as Heat's identify_stack takes), as the context may see it (Heat's
 * _get_stack): *row new. EntityNotFound "The Stack (name) could not be
 * found." when absent, deleted (unless show_deleted), another tenant's, or
 * when the identifier's name or path does not match. */
int hh_svc_get_stack(hh_svc_call *c, const json_t *identity, bool show_deleted, json_t **row,
                     hh_error *err);
/* May the context see stack row? */
bool hh_svc_visible(const hh_svc_call *c, const json_t *row);
/* The heat.conf options of stack_ops.h. */
hh_stack_ops_conf hh_svc_ops_conf(const hh_service *s);
/* Heat's NotSupported "<feature> is not supported." */
int hh_svc_not_supported(hh_error *err, const char *feature);

/* ---- service_cache.c: answers kept while the store's data is unchanged ----
 * For read methods whose answer follows from the store's data, the
 * context's tenant and admin flag and the arguments alone (no clock, no
 * outside service). Thread-safe. A store whose driver keeps no data
 * version (hh_store_data_version) gets no cache hits. */
typedef struct hh_svc_cache hh_svc_cache;

/* A lookup's key (new, owned by the query) and data version. */
typedef struct hh_svc_cache_query {
    char *key;
    uint64_t version;
} hh_svc_cache_query;

/* New empty cache, or NULL when out of memory. */
hh_svc_cache *hh_svc_cache_new(void);
void hh_svc_cache_free(hh_svc_cache *k); /* NULL is fine */
/* Look c up (k may be NULL: a miss) before the method runs on c->st: true
 * with *answer a new reference to a shared value nobody may change; false
 * with *q filled: run the method, then hand its answer to
 * hh_svc_cache_put (or free q->key). */
bool hh_svc_cache_get(hh_svc_cache *k, const hh_svc_call *c, hh_svc_cache_query *q,
                      json_t **answer);
/* Keep answer (borrowed: a reference is taken; from now on nobody may
 * change it) under q, whose key is taken over. */
void hh_svc_cache_put(hh_svc_cache *k, hh_svc_cache_query *q, json_t *answer);

/* ---- service_format.c: Heat's engine API format (heat/engine/api.py) ---- */

/* dict(stack.identifier()) of stack row (borrowed); res (may be NULL)
 * names a resource of it (hh_stack_identity). New. */
json_t *hh_svc_stack_identity(const json_t *row, const char *res);
/* format_stack_db_object (list_stacks). New. */
json_t *hh_svc_format_stack_db(const json_t *row);
/* format_stack: the stack row with its parameters and template (borrowed,
 * may be NULL: none); outputs (borrowed: hh_stack_format_outputs's list,
 * NULL: no "outputs" key). New. */
json_t *hh_svc_format_stack(const json_t *row, const json_t *tmpl, const json_t *params,
                            const json_t *outputs);
/* format_stack_outputs(resolve_value=False) of list_outputs: [{output_key,
 * description}] in template order. New. */
json_t *hh_svc_format_outputs(const json_t *tmpl);
/* format_event of event row ev in stack row stack; root (may be NULL):
 * the root stack's row of a nested listing. New. */
json_t *hh_svc_format_event(const json_t *stack, const json_t *ev, const json_t *root,
                            bool with_props);
/* format_service (service_utils.format_service), with the engine's
 * "role" ("active" or "standby", hh_store_service_list). New. */
json_t *hh_svc_format_service(const json_t *svc);
/* The template's description (Heat: "No description" when none). */
const char *hh_svc_tmpl_description(const json_t *tmpl);

/* ---- method files: one function per EngineClient method ---- */
#define HH_SVC_METHOD(name) int hh_svc_##name(hh_svc_call *c, json_t **result, hh_error *err)
/* service_stacks.c */
HH_SVC_METHOD(identify_stack);
HH_SVC_METHOD(list_stacks);
HH_SVC_METHOD(count_stacks);
HH_SVC_METHOD(show_stack);
HH_SVC_METHOD(get_template);
HH_SVC_METHOD(get_environment);
HH_SVC_METHOD(get_files);
HH_SVC_METHOD(create_stack);
HH_SVC_METHOD(preview_stack);
HH_SVC_METHOD(preview_update_stack);
HH_SVC_METHOD(delete_stack);
HH_SVC_METHOD(abandon_stack);
HH_SVC_METHOD(export_stack);
HH_SVC_METHOD(stack_cancel_update);
HH_SVC_METHOD(update_stack);
HH_SVC_METHOD(stack_suspend);
HH_SVC_METHOD(stack_resume);
HH_SVC_METHOD(stack_check);
HH_SVC_METHOD(list_stack_resources);
HH_SVC_METHOD(describe_stack_resource);
HH_SVC_METHOD(describe_stack_resources);
HH_SVC_METHOD(find_physical_resource);
HH_SVC_METHOD(resource_mark_unhealthy);
HH_SVC_METHOD(resource_signal);
HH_SVC_METHOD(list_events);
HH_SVC_METHOD(list_outputs);
HH_SVC_METHOD(show_output);
/* service_info.c */
HH_SVC_METHOD(validate_template);
HH_SVC_METHOD(list_template_versions);
HH_SVC_METHOD(list_template_functions);
HH_SVC_METHOD(list_resource_types);
HH_SVC_METHOD(resource_schema);
HH_SVC_METHOD(generate_template);
HH_SVC_METHOD(list_services);
HH_SVC_METHOD(get_revision);
HH_SVC_METHOD(authenticated_to_backend);
HH_SVC_METHOD(stack_snapshot);
HH_SVC_METHOD(stack_list_snapshots);
HH_SVC_METHOD(show_snapshot);
HH_SVC_METHOD(delete_snapshot);
HH_SVC_METHOD(stack_restore);

/* service_software.c */
HH_SVC_METHOD(list_software_configs);
HH_SVC_METHOD(show_software_config);
HH_SVC_METHOD(create_software_config);
HH_SVC_METHOD(delete_software_config);
HH_SVC_METHOD(list_software_deployments);
HH_SVC_METHOD(show_software_deployment);
HH_SVC_METHOD(check_software_deployment);
HH_SVC_METHOD(create_software_deployment);
HH_SVC_METHOD(update_software_deployment);
HH_SVC_METHOD(delete_software_deployment);
HH_SVC_METHOD(metadata_software_deployments);
HH_SVC_METHOD(signal_software_deployment);

/* Event purge (max_events_per_stack): Heat deletes the stack's oldest
 * event_purge_batch_size events whenever it holds max_events_per_stack or
 * more; done here until none is left over. */
/* Owner thread: keep stack_id in the purge sweep until its action ends
 * (the methods that start actions call it). */
void hh_svc_watch_events(hh_service *s, const char *stack_id);
int hh_svc_purge_events(hh_store *st, int64_t term, const char *stack_id, int max, int batch,
                        hh_error *err);

#endif
