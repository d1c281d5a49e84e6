/* api_v1_internal: what the native API's files share (not installed).
 *
 * One v1_req lives for one request: the matched route, the request context
 * sent to the engine, the base URL links are built from, the parsed body.
 * Handlers answer through r->resp and return nothing: every failure has
 * been answered with Heat's fault body by the helper that met it (the
 * helpers return non-zero then, and the handler returns at once).
 */
#ifndef HH_API_V1_INTERNAL_H
#define HH_API_V1_INTERNAL_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>

#include "api_fault.h"
#include "api_http.h"
#include "api_router.h"
#include "api_v1.h"
#include "rpc.h"

struct hh_api_v1 {
    hh_rpc *rpc;              /* borrowed */
    size_t max_body;          /* [DEFAULT] max_json_body_size */
    size_t max_template_size; /* [DEFAULT] max_template_size */
    int rpc_timeout_ms;       /* <= 0: the transport's */
    char api_root[512];       /* [heat_api] heat_api_root, "" when unset */
    char revision[64];        /* build_info's api revision */
    /* The last stack index answered (v1_kept_reply): the engine's answer
     * (a reference is held, so no other value can take its address while
     * it is kept), the base and query its body was formatted for. */
    pthread_mutex_t kept_lock;
    json_t *kept_answer;
    char *kept_base, *kept_query, *kept_body;
    size_t kept_len;
};

typedef struct v1_req {
    hh_api_v1 *api;
    hh_http_request *http;
    hh_http_response *resp;
    const hh_api_match *m;
    hh_rpc_context ctx;
    char base[1024]; /* links: "<scheme>://<host>/v1/" or heat_api_root + "/" */
    json_t *body;    /* the JSON body when one was sent (an object), else NULL */
} v1_req;

/* The route actions. */
enum v1_action {
    A_VALIDATE = 1,
    A_RESOURCE_TYPES,
    A_RESOURCE_SCHEMA,
    A_GENERATE_TEMPLATE,
    A_TEMPLATE_VERSIONS,
    A_TEMPLATE_FUNCTIONS,
    A_STACK_INDEX,
    A_STACK_CREATE,
    A_STACK_PREVIEW,
    A_STACK_DETAIL,
    A_STACK_LOOKUP,
    A_STACK_SHOW,
    A_STACK_TEMPLATE,
    A_STACK_ENVIRONMENT,
    A_STACK_FILES,
    A_STACK_UPDATE,
    A_STACK_UPDATE_PATCH,
    A_STACK_PREVIEW_UPDATE,
    A_STACK_PREVIEW_UPDATE_PATCH,
    A_STACK_DELETE,
    A_STACK_ABANDON,
    A_STACK_EXPORT,
    A_SNAPSHOT_CREATE,
    A_SNAPSHOT_SHOW,
    A_SNAPSHOT_DELETE,
    A_SNAPSHOT_LIST,
    A_SNAPSHOT_RESTORE,
    A_OUTPUT_LIST,
    A_OUTPUT_SHOW,
    A_RESOURCE_INDEX,
    A_RESOURCE_SHOW,
    A_RESOURCE_METADATA,
    A_RESOURCE_SIGNAL,
    A_RESOURCE_MARK_UNHEALTHY,
    A_EVENT_INDEX,
    A_EVENT_INDEX_RESOURCE,
    A_EVENT_SHOW,
    A_ACTION,
    A_BUILD_INFO,
    A_CONFIG_INDEX,
    A_CONFIG_CREATE,
    A_CONFIG_SHOW,
    A_CONFIG_DELETE,
    A_DEPLOYMENT_INDEX,
    A_DEPLOYMENT_METADATA,
    A_DEPLOYMENT_CREATE,
    A_DEPLOYMENT_SHOW,
    A_DEPLOYMENT_UPDATE,
    A_DEPLOYMENT_DELETE,
    A_SERVICE_INDEX,
};

/* ---- api_v1.c: helpers ---- */

/* Call the engine: method with args (stolen). 0 with *result new (may be
 * NULL when result is NULL: the result is dropped); else the fault is
 * answered and the rc returned. */
int v1_call(v1_req *r, const char *method, json_t *args, json_t **result);
/* The path parameter name (borrowed; "" when absent). */
const char *v1_param(const v1_req *r, const char *name);
/* Heat's identifier of the stack in the path: {"tenant", "stack_name",
 * "stack_id", "path": ""} (new). */
json_t *v1_identity(const v1_req *r);
/* Answer status with value (stolen; NULL answers JSON null). */
void v1_reply(v1_req *r, int status, json_t *value);
/* Answers kept (the stack index): an answer of the engine is a value
 * nobody changes (rpc.h), and the engine hands the same value again while
 * its own answer is unchanged (service_cache). So the body formatted from
 * one answer for a base URL and query string is the body of every request
 * that gets the same value for the same base and query. A transport that
 * decodes bytes hands a new value each time: nothing is found then.
 * v1_kept_reply answers 200 with the body kept for answer (borrowed) and
 * this request's base and query: true when there was one. */
bool v1_kept_reply(v1_req *r, const json_t *answer);
/* Answer 200 with value (stolen), formatted from answer (borrowed), and
 * keep its body for answer, this base and this query. */
void v1_kept_store_reply(v1_req *r, json_t *answer, json_t *value);
/* Answer an API-raised HTTP error (HTTPBadRequest ...); returns -1. */
int v1_http_error(v1_req *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Answer Heat's RequestLimitExceeded "<what> size (<len> bytes) exceeds
 * maximum allowed size (<max> bytes)."; returns -1. */
int v1_limit_error(v1_req *r, const char *what, size_t len, size_t max);
/* The body, or answer 400 as Heat does when a handler needs one (its
 * TypeError) and return NULL. */
json_t *v1_need_body(v1_req *r);

/* Query parameters (param_utils): 0 with *out set, or -1 answered 400.
 * A missing parameter leaves *out and *present untouched / false. */
int v1_arg_bool(v1_req *r, const char *name, bool *out, bool *present);
int v1_arg_int(v1_req *r, const char *name, json_int_t *out, bool *present);
/* Every value of name (a list, new; empty when absent). */
json_t *v1_arg_all(const v1_req *r, const char *name);
/* util.get_allowed_params for one key: PARAM_TYPE_MIXED gives a string
 * for one value and a list for several; NULL when absent. New. */
json_t *v1_arg_mixed(const v1_req *r, const char *name);
/* param_utils.extract_tags: "a,b" -> ["a","b"] (new) or -1 answered. */
int v1_tags(v1_req *r, const char *name, const char *value, json_t **out);

/* ---- api_v1_stacks.c: InstantiationData ---- */

/* The body's template (template, a YAML/JSON text, adopt_stack_data):
 * *out new, NULL for a PATCH without one; -1 answered as Heat does. */
int v1_data_template(v1_req *r, const json_t *data, bool patch, json_t **out);
/* The body's environment, checked, with every section and the body's
 * "parameters" merged in: *out new; -1 answered. */
int v1_data_environment(v1_req *r, const json_t *data, json_t **out);

/* ---- api_v1_views.c ---- */

/* Heat's util.make_url: base + identifier.url_path() (new string). An
 * identity that is not a stack identifier: NULL. */
char *v1_make_url(const v1_req *r, const json_t *identity);
/* {"href": url, "rel": rel} (new). */
json_t *v1_make_link(const v1_req *r, const json_t *identity, const char *rel);
/* stacks_view.format_stack of an engine stack (borrowed): keys NULL for
 * all. New. */
json_t *v1_format_stack(const v1_req *r, const json_t *stack, const char *const *keys,
                        bool include_project);
json_t *v1_format_resource(const v1_req *r, const json_t *res);
json_t *v1_format_event(const v1_req *r, const json_t *event, bool detail);
/* views_common.get_collection_links: [{"rel": "next", "href": ...}]
 * when limit equals the count of items (formatted, borrowed); NULL when
 * there is no next link. New. */
json_t *v1_collection_links(const v1_req *r, const json_t *items);
/* The request's URL without query: base scheme and host + path (new). */
char *v1_request_url(const v1_req *r);
/* Percent-encode text into a new string; safe: characters kept as they
 * are besides letters, digits and "_.-~". */
char *v1_quote(const char *text, const char *safe);
/* The request's query re-encoded (urlencode(params, True)), "" when none,
 * with key "marker" replaced by marker when marker is not NULL. New. */
char *v1_query_string(const v1_req *r, const char *marker);

/* ---- handlers ---- */
void v1_stacks(v1_req *r, int action);
void v1_resources(v1_req *r, int action);
void v1_misc(v1_req *r, int action);

#endif
