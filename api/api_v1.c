/* api_v1: the route table, the request context, body and query parsing,
 * the engine call. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_v1_internal.h"
#include "hh_json.h"
#include "hh_log.h"

/* Heat's v1 router (heat/api/openstack/v1/__init__.py), in its order. */
#define T "/{tenant_id}"
#define SI T "/stacks/{stack_name}/{stack_id}"
static const hh_api_route routes[] = {
    /* stacks */
    {1, "POST", T "/validate", A_VALIDATE, false},
    {1, "GET", T "/resource_types", A_RESOURCE_TYPES, false},
    {1, "GET", T "/resource_types/{type_name}", A_RESOURCE_SCHEMA, false},
    {1, "GET", T "/resource_types/{type_name}/template", A_GENERATE_TEMPLATE, false},
    {1, "GET", T "/template_versions", A_TEMPLATE_VERSIONS, false},
    {1, "GET", T "/template_versions/{template_version}/functions", A_TEMPLATE_FUNCTIONS, false},
    {1, "GET", T "/stacks", A_STACK_INDEX, false},
    {1, "POST", T "/stacks", A_STACK_CREATE, false},
    {1, "POST", T "/stacks/preview", A_STACK_PREVIEW, false},
    {1, "GET", T "/stacks/detail", A_STACK_DETAIL, false},
    {1, "GET", T "/stacks/{stack_name}", A_STACK_LOOKUP, false},
    {1, "POST", T "/stacks/{stack_name}", A_STACK_LOOKUP, false},
    {1, "PUT", T "/stacks/{stack_name}", A_STACK_LOOKUP, false},
    {1, "PATCH", T "/stacks/{stack_name}", A_STACK_LOOKUP, false},
    {1, "DELETE", T "/stacks/{stack_name}", A_STACK_LOOKUP, false},
    {1, "GET", T "/stacks/{stack_name:arn}", A_STACK_LOOKUP, false},
    {1, "POST", T "/stacks/{stack_name:arn}", A_STACK_LOOKUP, false},
    {1, "PUT", T "/stacks/{stack_name:arn}", A_STACK_LOOKUP, false},
    {1, "PATCH", T "/stacks/{stack_name:arn}", A_STACK_LOOKUP, false},
    {1, "DELETE", T "/stacks/{stack_name:arn}", A_STACK_LOOKUP, false},
    {1, "GET", T "/stacks/{stack_name}/{path:resources|events|template|actions|environment|files}",
     A_STACK_LOOKUP, false},
    {1, "POST", T "/stacks/{stack_name}/{path:resources|events|template|actions}", A_STACK_LOOKUP,
     false},
    {1, "GET", SI, A_STACK_SHOW, false},
    {1, "GET", SI "/template", A_STACK_TEMPLATE, false},
    {1, "GET", SI "/environment", A_STACK_ENVIRONMENT, false},
    {1, "GET", SI "/files", A_STACK_FILES, false},
    {1, "PUT", SI, A_STACK_UPDATE, false},
    {1, "PATCH", SI, A_STACK_UPDATE_PATCH, false},
    {1, "PUT", SI "/preview", A_STACK_PREVIEW_UPDATE, false},
    {1, "PATCH", SI "/preview", A_STACK_PREVIEW_UPDATE_PATCH, false},
    {1, "DELETE", SI, A_STACK_DELETE, false},
    {1, "DELETE", SI "/abandon", A_STACK_ABANDON, false},
    {1, "GET", SI "/export", A_STACK_EXPORT, false},
    {1, "POST", SI "/snapshots", A_SNAPSHOT_CREATE, false},
    {1, "GET", SI "/snapshots/{snapshot_id}", A_SNAPSHOT_SHOW, false},
    {1, "DELETE", SI "/snapshots/{snapshot_id}", A_SNAPSHOT_DELETE, false},
    {1, "GET", SI "/snapshots", A_SNAPSHOT_LIST, false},
    {1, "POST", SI "/snapshots/{snapshot_id}/restore", A_SNAPSHOT_RESTORE, false},
    {1, "GET", SI "/outputs", A_OUTPUT_LIST, false},
    {1, "GET", SI "/outputs/{output_key}", A_OUTPUT_SHOW, false},
    /* resources */
    {2, "GET", SI "/resources", A_RESOURCE_INDEX, false},
    {2, "GET", SI "/resources/{resource_name}", A_RESOURCE_SHOW, false},
    {2, "GET", SI "/resources/{resource_name}/metadata", A_RESOURCE_METADATA, false},
    {2, "POST", SI "/resources/{resource_name}/signal", A_RESOURCE_SIGNAL, false},
    {2, "PATCH", SI "/resources/{resource_name}", A_RESOURCE_MARK_UNHEALTHY, false},
    /* events */
    {3, "GET", SI "/events", A_EVENT_INDEX, false},
    {3, "GET", SI "/resources/{resource_name}/events", A_EVENT_INDEX_RESOURCE, false},
    {3, "GET", SI "/resources/{resource_name}/events/{event_id}", A_EVENT_SHOW, false},
    /* actions */
    {4, "POST", SI "/actions", A_ACTION, false},
    /* build info */
    {5, "GET", T "/build_info", A_BUILD_INFO, false},
    /* software configs */
    {6, "GET", T "/software_configs", A_CONFIG_INDEX, false},
    {6, "POST", T "/software_configs", A_CONFIG_CREATE, false},
    {6, "GET", T "/software_configs/{config_id}", A_CONFIG_SHOW, false},
    {6, "DELETE", T "/software_configs/{config_id}", A_CONFIG_DELETE, false},
    /* software deployments */
    {7, "GET", T "/software_deployments", A_DEPLOYMENT_INDEX, false},
    {7, "GET", T "/software_deployments/metadata/{server_id}", A_DEPLOYMENT_METADATA, false},
    {7, "POST", T "/software_deployments", A_DEPLOYMENT_CREATE, false},
    {7, "GET", T "/software_deployments/{deployment_id}", A_DEPLOYMENT_SHOW, false},
    {7, "PUT", T "/software_deployments/{deployment_id}", A_DEPLOYMENT_UPDATE, false},
    {7, "DELETE", T "/software_deployments/{deployment_id}", A_DEPLOYMENT_DELETE, false},
    /* services (a submapper in Heat: no 405 or OPTIONS answers) */
    {8, "GET", T "/services", A_SERVICE_INDEX, true},
};
#undef T
#undef SI

hh_api_v1 *hh_api_v1_new(const hh_conf *conf, hh_rpc *rpc, hh_error *err)
{
    hh_api_v1 *api = calloc(1, sizeof(*api));
    const char *root = NULL;

    if (api == NULL) {
        hh_error_set(err, ENOMEM, NULL, "out of memory");
        return NULL;
    }
    api->rpc = rpc;
    api->max_body = 1048576;
    api->max_template_size = 524288;
    if (conf != NULL) {
        api->max_body = (size_t)hh_conf_get_int(conf, "DEFAULT", "max_json_body_size");
        api->max_template_size = (size_t)hh_conf_get_int(conf, "DEFAULT", "max_template_size");
        api->rpc_timeout_ms = hh_conf_get_int(conf, "DEFAULT", "rpc_response_timeout") * 1000;
        root = hh_conf_get_str(conf, "heat_api", "heat_api_root");
    }
    if (root != NULL) {
        size_t n;

        snprintf(api->api_root, sizeof(api->api_root), "%s", root);
        n = strlen(api->api_root);
        while (n > 0 && api->api_root[n - 1] == '/')
            api->api_root[--n] = '\0';
    }
    snprintf(api->revision, sizeof(api->revision), "%s", PACKAGE_VERSION);
    pthread_mutex_init(&api->kept_lock, NULL);
    return api;
}

/* Forget the kept body (kept_lock held or the API unshared). */
static void kept_clear(hh_api_v1 *api)
{
    json_decref(api->kept_answer);
    free(api->kept_base);
    free(api->kept_query);
    free(api->kept_body);
    api->kept_answer = NULL;
    api->kept_base = api->kept_query = api->kept_body = NULL;
    api->kept_len = 0;
}

void hh_api_v1_free(hh_api_v1 *api)
{
    if (api == NULL)
        return;
    kept_clear(api);
    pthread_mutex_destroy(&api->kept_lock);
    free(api);
}

/* ---- helpers ---- */

void v1_reply(v1_req *r, int status, json_t *value)
{
    if (value == NULL)
        value = json_null();
    if (hh_http_resp_json(r->resp, status, value) != 0)
        hh_http_resp_status(r->resp, 500);
    json_decref(value);
}

bool v1_kept_reply(v1_req *r, const json_t *answer)
{
    hh_api_v1 *api = r->api;
    char *query = NULL, *body = NULL;
    size_t len = 0;

    if ((query = v1_query_string(r, NULL)) == NULL)
        return false;
    pthread_mutex_lock(&api->kept_lock);
    if (api->kept_answer == answer && strcmp(api->kept_base, r->base) == 0 &&
        strcmp(api->kept_query, query) == 0 && (body = malloc(api->kept_len + 1)) != NULL) {
        len = api->kept_len;
        memcpy(body, api->kept_body, len + 1);
    }
    pthread_mutex_unlock(&api->kept_lock);
    free(query);
    if (body == NULL)
        return false;
    hh_http_resp_status(r->resp, 200);
    hh_http_resp_body(r->resp, "application/json", body, len);
    return true;
}

void v1_kept_store_reply(v1_req *r, json_t *answer, json_t *value)
{
    hh_api_v1 *api = r->api;
    size_t len = 0;
    char *body = hh_json_dump_ascii(value, &len);
    char *query = v1_query_string(r, NULL), *base = strdup(r->base), *kept = NULL;

    json_decref(value);
    if (body == NULL) {
        hh_http_resp_status(r->resp, 500);
        goto done;
    }
    if (query != NULL && base != NULL && (kept = malloc(len + 1)) != NULL) {
        memcpy(kept, body, len + 1);
        pthread_mutex_lock(&api->kept_lock);
        kept_clear(api);
        api->kept_answer = json_incref(answer);
        api->kept_base = base;
        api->kept_query = query;
        api->kept_body = kept;
        api->kept_len = len;
        pthread_mutex_unlock(&api->kept_lock);
        base = query = NULL;
    }
    hh_http_resp_status(r->resp, 200);
    hh_http_resp_body(r->resp, "application/json", body, len);
done:
    free(query);
    free(base);
}

int v1_http_error(v1_req *r, int status, const char *fmt, ...)
{
    char msg[HH_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    hh_api_fault_http(r->resp, status, msg);
    return -1;
}

int v1_limit_error(v1_req *r, const char *what, size_t len, size_t max)
{
    char msg[256];

    snprintf(msg, sizeof(msg), "%s size (%zu bytes) exceeds maximum allowed size (%zu bytes).",
             what, len, max);
    hh_api_fault(r->resp, 0, "RequestLimitExceeded", msg);
    return -1;
}

json_t *v1_need_body(v1_req *r)
{
    if (r->body == NULL)
        hh_api_fault_http(r->resp, 400, NULL);
    return r->body;
}

const char *v1_param(const v1_req *r, const char *name)
{
    const char *v = hh_api_match_param(r->m, name);

    return v != NULL ? v : "";
}

json_t *v1_identity(const v1_req *r)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "tenant", r->ctx.tenant, "stack_name",
                     v1_param(r, "stack_name"), "stack_id", v1_param(r, "stack_id"), "path", "");
}

int v1_call(v1_req *r, const char *method, json_t *args, json_t **result)
{
    hh_rpc_request *req = hh_rpc_request_new(method, args, &r->ctx);
    json_t *res = NULL;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    if (req == NULL) {
        hh_api_fault(r->resp, 500, "HeatException", "out of memory");
        return ENOMEM;
    }
    rc = hh_rpc_call(r->api->rpc, HH_RPC_ENGINE_TOPIC, req, r->api->rpc_timeout_ms, &res, &err);
    hh_rpc_request_free(req);
    if (rc != 0) {
        hh_log_info("heat-api: %s %s: %s failed: %s %s", hh_http_req_id(r->http),
                    hh_http_req_path(r->http), method,
                    err.type != NULL ? err.type : hh_rpc_type_for_rc(rc), err.message);
        hh_api_fault_from_error(r->resp, &err);
        return rc;
    }
    if (result != NULL)
        *result = res;
    else
        json_decref(res);
    return 0;
}

/* oslo strutils.bool_from_string(strict) after param_utils' check. */
int v1_arg_bool(v1_req *r, const char *name, bool *out, bool *present)
{
    const char *v = hh_http_req_arg(r->http, name);
    bool has = false;

    for (size_t i = 0; i < hh_http_req_arg_count(r->http); i++) {
        const char *k, *val;
        hh_http_req_arg_at(r->http, i, &k, &val);
        has = has || strcmp(k, name) == 0;
    }
    if (present != NULL)
        *present = has;
    if (!has)
        return 0;
    if (v == NULL)
        v = "";
    if (strcasecmp(v, "true") == 0)
        *out = true;
    else if (strcasecmp(v, "false") == 0)
        *out = false;
    else
        return v1_http_error(r, 400,
                             "Unrecognized value \"%s\" for \"%s\", acceptable values are: "
                             "true, false.",
                             v, name);
    return 0;
}

/* param_utils.extract_int(allow_zero=True, allow_negative=False). */
int v1_arg_int(v1_req *r, const char *name, json_int_t *out, bool *present)
{
    const char *v = hh_http_req_arg(r->http, name);
    const char *p;
    char *end = NULL;
    long long n;

    if (present != NULL)
        *present = v != NULL && v[0] != '\0';
    if (v == NULL || v[0] == '\0')
        return 0;
    /* oslo is_int_like: int(str) == str, so "+1", " 1" and "01" are not */
    p = v[0] == '-' ? v + 1 : v;
    if (*p == '\0' || strspn(p, "0123456789") != strlen(p) || (p[0] == '0' && p[1] != '\0'))
        return v1_http_error(r, 400, "Only integer is acceptable by '%s'.", name);
    errno = 0;
    n = strtoll(v, &end, 10);
    if (errno != 0)
        return v1_http_error(r, 400, "Value '%s' is invalid for '%s' which only accepts integer.",
                             v, name);
    if (n < 0)
        return v1_http_error(r, 400,
                             "Value '%s' is invalid for '%s' which only accepts non-negative "
                             "integer.",
                             v, name);
    *out = (json_int_t)n;
    return 0;
}

json_t *v1_arg_all(const v1_req *r, const char *name)
{
    json_t *list = json_array();

    for (size_t i = 0; list != NULL && i < hh_http_req_arg_count(r->http); i++) {
        const char *k, *v;
        hh_http_req_arg_at(r->http, i, &k, &v);
        if (strcmp(k, name) == 0)
            json_array_append_new(list, json_string(v != NULL ? v : ""));
    }
    return list;
}

json_t *v1_arg_mixed(const v1_req *r, const char *name)
{
    json_t *all = v1_arg_all(r, name), *one;
    size_t n = json_array_size(all);

    /* get_allowed_params keeps a value only when it is truthy */
    if (n == 0 || (n == 1 && json_string_length(json_array_get(all, 0)) == 0)) {
        json_decref(all);
        return NULL;
    }
    if (n > 1)
        return all;
    one = json_incref(json_array_get(all, 0));
    json_decref(all);
    return one;
}

int v1_tags(v1_req *r, const char *name, const char *value, json_t **out)
{
    json_t *list = json_array();
    const char *p = value;

    (void)name;
    for (;;) {
        size_t n = strcspn(p, ",");

        if (n > 80) {
            json_decref(list);
            return v1_http_error(r, 400, "Invalid tag, \"%.*s\" is longer than 80 characters",
                                 (int)n, p);
        }
        json_array_append_new(list, json_stringn(p, n));
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    *out = list;
    return 0;
}

/* ---- the request ---- */

/* First item of a comma-separated header value, trimmed, into buf. */
static const char *first_item(const char *v, char *buf, size_t len)
{
    size_t n;

    while (*v == ' ' || *v == '\t')
        v++;
    n = strcspn(v, ",");
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    snprintf(buf, len, "%.*s", (int)n, v);
    return buf;
}

static void build_base(v1_req *r)
{
    const char *proto = hh_http_req_header(r->http, "X-Forwarded-Proto");
    const char *host = hh_http_req_header(r->http, "X-Forwarded-Host");
    const char *prefix = hh_http_req_header(r->http, "X-Forwarded-Prefix");
    char p[32], h[512], x[256];

    if (r->api->api_root[0] != '\0') {
        snprintf(r->base, sizeof(r->base), "%s/", r->api->api_root);
        return;
    }
    if (proto != NULL && proto[0] != '\0')
        first_item(proto, p, sizeof(p));
    else
        snprintf(p, sizeof(p), "http");
    if (host != NULL && host[0] != '\0')
        first_item(host, h, sizeof(h));
    else
        snprintf(h, sizeof(h), "%s",
                 hh_http_req_header(r->http, "Host") ? hh_http_req_header(r->http, "Host")
                                                     : "localhost");
    x[0] = '\0';
    if (prefix != NULL && prefix[0] != '\0') {
        size_t n;
        first_item(prefix, x, sizeof(x));
        n = strlen(x);
        while (n > 0 && x[n - 1] == '/')
            x[--n] = '\0';
    }
    snprintf(r->base, sizeof(r->base), "%s://%s%s%s/v1/", p, h, x[0] == '/' || !x[0] ? "" : "/", x);
}

static const char *header_any(const hh_http_request *req, const char *const *names)
{
    for (; *names != NULL; names++) {
        const char *v = hh_http_req_header(req, *names);
        if (v != NULL && v[0] != '\0')
            return v;
    }
    return NULL;
}

/* The noauth context; -1 answered (403) when the path's tenant is not the
 * request's project. */
static int build_context(v1_req *r)
{
    static const char *const project_h[] = {"X-Project-Id", "X-Auth-Project", "X-Tenant-Id", NULL};
    static const char *const user_h[] = {"X-User-Id", "X-Auth-User", "X-User-Name", NULL};
    const char *tenant = v1_param(r, "tenant_id");
    const char *project = header_any(r->http, project_h);
    const char *user = header_any(r->http, user_h);

    if (project == NULL)
        project = tenant;
    if (strcmp(project, tenant) != 0)
        return v1_http_error(r, 403, "%s", hh_api_http_explanation(403));
    if (strlen(project) >= sizeof(r->ctx.tenant) || (user && strlen(user) >= sizeof(r->ctx.user)))
        return v1_http_error(r, 400, "The project or user name is too long");
    snprintf(r->ctx.tenant, sizeof(r->ctx.tenant), "%s", project);
    snprintf(r->ctx.user, sizeof(r->ctx.user), "%s", user != NULL ? user : "admin");
    snprintf(r->ctx.request_id, sizeof(r->ctx.request_id), "%s", hh_http_req_id(r->http));
    snprintf(r->ctx.roles[0], sizeof(r->ctx.roles[0]), "admin");
    r->ctx.nroles = 1;
    /* Heat's noauth makes every request admin, which lets a tenant see
     * every tenant's stacks; here the engine sees a tenant's context
     * (invariant 5) and only global_tenant listings ask for admin. */
    r->ctx.is_admin = false;
    return 0;
}

/* wsgi.is_json_content_type: no type or text/plain is JSON; the body
 * must start with '{'. */
static bool is_json_body(const hh_http_request *req, const char *body, size_t len)
{
    const char *ct = hh_http_req_header(req, "Content-Type");
    size_t n;

    if (len == 0 || body[0] != '{')
        return false;
    if (ct == NULL)
        return true;
    while (*ct == ' ')
        ct++;
    n = strcspn(ct, "; \t");
    if (n == 0 || strncasecmp(ct, "text/plain", 10) == 0)
        return true;
    return (n == 16 && strncasecmp(ct, "application/json", 16) == 0) ||
           (n == 4 && strncmp(ct, "JSON", 4) == 0);
}

/* JSONRequestDeserializer.default: -1 answered when the body is too large
 * or not JSON. */
static int parse_body(v1_req *r)
{
    size_t len = 0;
    const char *body = hh_http_req_body(r->http, &len);
    json_error_t je;

    if (hh_http_req_limit(r->http) == HH_HTTP_BODY_TOO_LARGE)
        return v1_limit_error(r, "JSON body", len, r->api->max_body);
    if (!is_json_body(r->http, body, len))
        return 0;
    r->body = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (r->body == NULL)
        return v1_http_error(r, 400, "%s: line %d column %d (char %d)", je.text, je.line, je.column,
                             je.position);
    return 0;
}

void hh_api_v1_handle(hh_api_v1 *api, hh_http_request *req, hh_http_response *resp,
                      const char *path)
{
    hh_api_match *m = NULL;
    v1_req r;
    int action;

    memset(&r, 0, sizeof(r));
    r.api = api;
    r.http = req;
    r.resp = resp;
    switch (hh_http_req_limit(req)) {
    case HH_HTTP_HEADER_TOO_LONG:
        hh_api_fault_http(resp, 400, "Line too long");
        return;
    case HH_HTTP_TOO_MANY_ARGS:
        hh_api_fault_http(resp, 400, "Too many query parameters");
        return;
    default:
        break;
    }
    if ((m = malloc(sizeof(*m))) == NULL) {
        hh_api_fault(resp, 500, "HeatException", "out of memory");
        return;
    }
    switch (hh_api_route_match(routes, sizeof(routes) / sizeof(routes[0]), hh_http_req_method(req),
                               path, m)) {
    case HH_API_ROUTE_NOT_FOUND:
        hh_api_plain(req, resp, 404, NULL);
        goto done;
    case HH_API_ROUTE_NOT_ALLOWED:
        hh_api_fault_http(resp, 405, NULL);
        hh_http_resp_header(resp, "Allow", m->allow);
        goto done;
    case HH_API_ROUTE_OPTIONS:
        hh_http_resp_status(resp, 204);
        hh_http_resp_header(resp, "Allow", m->allow);
        goto done;
    case HH_API_ROUTE_FOUND:
        break;
    }
    r.m = m;
    if (build_context(&r) != 0)
        goto done;
    build_base(&r);
    if (parse_body(&r) != 0)
        goto done;
    action = m->route->action;
    if (action >= A_RESOURCE_INDEX && action <= A_ACTION)
        v1_resources(&r, action);
    else if (action >= A_VALIDATE && action <= A_OUTPUT_SHOW && action != A_VALIDATE &&
             action != A_RESOURCE_TYPES && action != A_RESOURCE_SCHEMA &&
             action != A_GENERATE_TEMPLATE && action != A_TEMPLATE_VERSIONS &&
             action != A_TEMPLATE_FUNCTIONS)
        v1_stacks(&r, action);
    else
        v1_misc(&r, action);
done:
    json_decref(r.body);
    free(m);
}
