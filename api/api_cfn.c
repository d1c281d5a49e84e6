/* api_cfn: the CFN API's request: parameters, context, AWS errors, the
 * engine call, and the signal routes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_cfn_internal.h"
#include "api_cfn_xml.h"
#include "api_fault.h"
#include "hh_log.h"
#include "hh_py.h"

#define PARAMS_MAX 1024 /* query and form parameters of one request */

hh_api_cfn *hh_api_cfn_new(const hh_conf *conf, hh_rpc *rpc, hh_error *err)
{
    hh_api_cfn *api = calloc(1, sizeof(*api));

    if (api == NULL) {
        hh_error_set(err, ENOMEM, NULL, "out of memory");
        return NULL;
    }
    api->rpc = rpc;
    api->max_template_size = 524288;
    if (conf != NULL) {
        api->max_template_size = (size_t)hh_conf_get_int(conf, "DEFAULT", "max_template_size");
        api->rpc_timeout_ms = hh_conf_get_int(conf, "DEFAULT", "rpc_response_timeout") * 1000;
    }
    return api;
}

void hh_api_cfn_free(hh_api_cfn *api)
{
    free(api);
}

/* ---- answers ---- */

/* heat/api/aws/exception.py: the AWS code, its HTTP status, Type and
 * explanation. */
static const struct {
    const char *code;
    int status;
    const char *type;
    const char *explanation;
} aws_errors[] = {
    {"IncompleteSignature", 400, "Sender",
     "The request signature does not conform to AWS standards"},
    {"InternalFailure", 500, "Server",
     "The request processing has failed due to an internal error"},
    {"InvalidAction", 400, "Sender", "The action or operation requested is invalid"},
    {"InvalidClientTokenId", 403, "Sender",
     "The certificate or AWS Key ID provided does not exist"},
    {"InvalidParameterCombination", 400, "Sender", "Incompatible parameters were used together"},
    {"InvalidParameterValue", 400, "Sender", "A bad or out-of-range value was supplied"},
    {"InvalidQueryParameter", 400, "Sender",
     "AWS query string is malformed, does not adhere to AWS spec"},
    {"MalformedQueryString", 404, "Sender", "The query string is malformed"},
    {"MissingAction", 400, "Sender", "The request is missing an action or operation parameter"},
    {"MissingAuthenticationToken", 403, "Sender",
     "Does not contain a valid AWS Access Key or certificate"},
    {"MissingParameter", 400, "Sender", "A mandatory input parameter is missing"},
    {"AlreadyExists", 400, "Sender", "Resource with the name requested already exists"},
    {"AccessDenied", 403, "Sender", "User is not authorized to perform action"},
    {"SignatureDoesNotMatch", 403, "Sender",
     "The request signature we calculated does not match the signature you provided"},
    {"RequestLimitExceeded", 400, "Sender", "Payload exceeds maximum allowed size"},
    /* HeatActionInProgressError: code InvalidAction, its own explanation */
    {"ActionInProgress", 400, "Sender",
     "Cannot perform action on stack while other actions are in progress"},
    /* HeatServiceUnavailableError: no broker, or no engine queue on it */
    {"ServiceUnavailable", 503, "Server", "Service temporarily unavailable"},
};

/* Write doc (stolen) as the request asks: XML, or JSON with
 * ContentType=JSON. */
static void send_doc(cfn_req *r, int status, json_t *doc)
{
    char *body = NULL;
    size_t len = 0;

    if (doc != NULL && r->json) {
        body = hh_py_dumps(doc);
        len = body != NULL ? strlen(body) : 0;
    } else if (doc != NULL) {
        body = hh_cfn_xml(doc, &len);
    }
    json_decref(doc);
    if (body == NULL) {
        hh_http_resp_status(r->resp, 500);
        return;
    }
    hh_http_resp_status(r->resp, status);
    hh_http_resp_body(r->resp, r->json ? "application/json" : "application/xml", body, len);
}

/* The entry of aws_errors for code; an unknown code gets the last. */
static size_t aws_error_find(const char *code)
{
    size_t i, n = sizeof(aws_errors) / sizeof(aws_errors[0]);

    for (i = 0; i < n - 1 && strcmp(aws_errors[i].code, code) != 0; i++)
        ;
    return i;
}

int cfn_error(cfn_req *r, const char *code, const char *detail)
{
    size_t i = aws_error_find(code);
    char msg[HH_ERROR_MSG_MAX + 256];
    const char *shown;
    bool json = r->json;

    if (detail != NULL && detail[0] != '\0')
        snprintf(msg, sizeof(msg), "%s:%s", aws_errors[i].explanation, detail);
    else
        snprintf(msg, sizeof(msg), "%s", aws_errors[i].explanation);
    shown = strcmp(code, "ActionInProgress") == 0 ? "InvalidAction" : aws_errors[i].code;
    r->json = false; /* HeatAPIException's body is XML from its constructor */
    send_doc(r, aws_errors[i].status,
             json_pack("{s:{s:{s:s, s:s, s:s}}}", "ErrorResponse", "Error", "Type",
                       aws_errors[i].type, "Code", shown, "Message", msg));
    r->json = json;
    return -1;
}

int cfn_error_returned(cfn_req *r, const char *code, const char *detail)
{
    if (!r->json)
        return cfn_error(r, code, detail);
    /* webob's str(HTTPError): the detail or the explanation */
    send_doc(r, 200,
             json_string(detail != NULL && detail[0] != '\0'
                             ? detail
                             : aws_errors[aws_error_find(code)].explanation));
    return -1;
}

int cfn_remote_error(cfn_req *r, const hh_error *err)
{
    /* map_remote_error's lists (matched on the class name alone) */
    static const char *const invalid[] = {
        "AttributeError",
        "ValueError",
        "InvalidTenant",
        "EntityNotFound",
        "ResourceActionNotSupported",
        "ResourceNotFound",
        "ResourceNotAvailable",
        "StackValidationFailed",
        "InvalidSchemaError",
        "InvalidTemplateReference",
        "InvalidTemplateVersion",
        "InvalidTemplateSection",
        "UnknownUserParameter",
        "UserParameterMissing",
        "MissingCredentialError",
        "ResourcePropertyConflict",
        "PropertyUnspecifiedError",
        "NotSupported",
        "InvalidBreakPointHook",
        "PhysicalResourceIDAmbiguity",
    };
    const char *type = err->type != NULL ? err->type : hh_rpc_type_for_rc(err->rc);
    const char *detail = hh_api_fault_safe(type) ? err->message : NULL;
    const char *code = "InternalFailure";

    for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
        if (strcmp(invalid[i], type) == 0)
            code = "InvalidParameterValue";
    if (strcmp(type, "Forbidden") == 0 || strcmp(type, "NotAuthorized") == 0)
        code = "AccessDenied";
    else if (strcmp(type, "StackExists") == 0)
        code = "AlreadyExists";
    else if (strcmp(type, "ActionInProgress") == 0)
        code = "ActionInProgress";
    else if (strcmp(type, "RequestLimitExceeded") == 0)
        code = "RequestLimitExceeded";
    else if (strcmp(type, "MessageDeliveryFailure") == 0 ||
             strcmp(type, "MessageUndeliverable") == 0)
        code = "ServiceUnavailable";
    return cfn_error_returned(r, code, detail);
}

void cfn_reply(cfn_req *r, const char *action, json_t *result)
{
    char resp_key[64], result_key[64];

    snprintf(resp_key, sizeof(resp_key), "%sResponse", action);
    snprintf(result_key, sizeof(result_key), "%sResult", action);
    if (result == NULL) {
        hh_http_resp_status(r->resp, 500);
        return;
    }
    send_doc(r, 200, json_pack("{s:{s:o}}", resp_key, result_key, result));
}

int cfn_call(cfn_req *r, const char *method, json_t *args, json_t **result)
{
    hh_rpc_request *req = hh_rpc_request_new(method, args, &r->ctx);
    json_t *res = NULL;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    if (req == NULL)
        return cfn_error(r, "InternalFailure", NULL);
    rc = hh_rpc_call(r->api->rpc, HH_RPC_ENGINE_TOPIC, req, r->api->rpc_timeout_ms, &res, &err);
    hh_rpc_request_free(req);
    if (rc != 0) {
        if (err.rc == 0)
            err.rc = rc;
        hh_log_info("heat-api-cfn: %s: %s failed: %s %s", hh_http_req_id(r->http), method,
                    err.type != NULL ? err.type : hh_rpc_type_for_rc(rc), err.message);
        return cfn_remote_error(r, &err);
    }
    if (result != NULL)
        *result = res;
    else
        json_decref(res);
    return 0;
}

const char *cfn_param(const cfn_req *r, const char *name)
{
    return json_string_value(json_object_get(r->params, name));
}

/* ---- parameters ---- */

/* A hex digit's value, or -1. */
static int hexval(char c)
{
    static const char digits[] = "0123456789abcdef";
    const char *p = c != '\0' ? strchr(digits, c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c) : NULL;

    return p != NULL ? (int)(p - digits) : -1;
}

char *cfn_unquote(const char *s, size_t n, bool plus)
{
    char *out = malloc(n + 1);
    size_t k = 0;

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (plus && s[i] == '+') {
            out[k++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            out[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
    return out;
}

/* Set params[key] = value (both copied); -1 answered when they are not
 * UTF-8 text or too many. */
static int param_set(cfn_req *r, const char *key, const char *value)
{
    json_t *v = json_string(value != NULL ? value : "");

    if (v == NULL || key == NULL) {
        json_decref(v);
        return cfn_error(r, "InvalidParameterValue", "the parameters must be UTF-8 text");
    }
    if (json_object_size(r->params) >= PARAMS_MAX && json_object_get(r->params, key) == NULL) {
        json_decref(v);
        return cfn_error(r, "InvalidParameterValue", "too many parameters");
    }
    if (json_object_set_new(r->params, key, v) != 0)
        return cfn_error(r, "InvalidParameterValue", "the parameters must be UTF-8 text");
    return 0;
}

/* A form-encoded body (application/x-www-form-urlencoded) into params. */
static int parse_form(cfn_req *r, const char *body, size_t len)
{
    const char *p = body, *end = body + len;

    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp != NULL ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        char *k, *v;
        int rc;

        if (stop == p) {
            p = stop + 1;
            continue;
        }
        k = cfn_unquote(p, (size_t)((eq != NULL ? eq : stop) - p), true);
        v = eq != NULL ? cfn_unquote(eq + 1, (size_t)(stop - eq - 1), true) : strdup("");
        rc = k != NULL && v != NULL ? param_set(r, k, v) : cfn_error(r, "InternalFailure", NULL);
        free(k);
        free(v);
        if (rc != 0)
            return rc;
        p = stop + 1;
    }
    return 0;
}

/* webob's req.params: the form's parameters, then the query's over them.
 * -1 answered. */
static int parse_params(cfn_req *r)
{
    const char *method = hh_http_req_method(r->http);
    const char *ct = hh_http_req_header(r->http, "Content-Type");
    size_t len = 0;
    const char *body = hh_http_req_body(r->http, &len);

    if ((r->params = json_object()) == NULL)
        return cfn_error(r, "InternalFailure", NULL);
    if (hh_http_req_limit(r->http) == HH_HTTP_BODY_TOO_LARGE) {
        char msg[128];

        snprintf(msg, sizeof(msg), "Request body of %zu bytes", len);
        return cfn_error(r, "RequestLimitExceeded", msg);
    }
    if (hh_http_req_limit(r->http) == HH_HTTP_TOO_MANY_ARGS)
        return cfn_error(r, "InvalidParameterValue", "too many parameters");
    if ((strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0) && ct != NULL &&
        strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 &&
        parse_form(r, body, len) != 0)
        return -1;
    for (size_t i = 0; i < hh_http_req_arg_count(r->http); i++) {
        const char *k, *v;

        hh_http_req_arg_at(r->http, i, &k, &v);
        if (param_set(r, k, v) != 0)
            return -1;
    }
    return 0;
}

/* The ec2token middleware's look at the credentials, in noauth: a
 * signature (SigV2 Signature, SigV4 X-Amz-Signature or the Authorization
 * header's Signature=) needs its access key (AWSAccessKeyId,
 * X-Amz-Credential or Credential=), as Heat asks before Keystone checks
 * the pair. The signature itself is not checked. -1 answered. */
static int check_signature(cfn_req *r)
{
    const char *auth = hh_http_req_header(r->http, "Authorization");
    const char *sig = cfn_param(r, "Signature");
    const char *access = cfn_param(r, "AWSAccessKeyId");
    const char *cred = cfn_param(r, "X-Amz-Credential");
    bool has_sig, has_access;

    if (sig == NULL)
        sig = cfn_param(r, "X-Amz-Signature");
    has_sig = sig != NULL && sig[0] != '\0';
    if (sig == NULL && auth != NULL) {
        const char *s = strstr(auth, "Signature=");

        has_sig = s != NULL && s[10] != '\0' && s[10] != ',';
    }
    has_access = access != NULL && access[0] != '\0';
    if (access == NULL && cred != NULL)
        has_access = cred[0] != '\0' && cred[0] != '/';
    if (access == NULL && cred == NULL && auth != NULL) {
        const char *c = strstr(auth, "Credential=");

        has_access = c != NULL && c[11] != '\0' && c[11] != '/' && c[11] != ',';
    }
    if (has_sig && !has_access)
        return cfn_error(r, "MissingAuthenticationToken", NULL);
    return 0;
}

/* Heat's noauth context: X-Auth-Project or "admin", X-Auth-User or
 * "admin", role admin (the engine context is a tenant's, not an admin
 * one: invariant 5). tenant overrides the project when not NULL. -1
 * answered. */
static int build_context(cfn_req *r, const char *tenant)
{
    const char *project = hh_http_req_header(r->http, "X-Auth-Project");
    const char *user = hh_http_req_header(r->http, "X-Auth-User");

    if (project == NULL || project[0] == '\0')
        project = "admin";
    if (tenant != NULL)
        project = tenant;
    if (user == NULL || user[0] == '\0')
        user = "admin";
    if (strlen(project) >= sizeof(r->ctx.tenant) || strlen(user) >= sizeof(r->ctx.user))
        return cfn_error(r, "InvalidParameterValue", "the project or user name is too long");
    snprintf(r->ctx.tenant, sizeof(r->ctx.tenant), "%s", project);
    snprintf(r->ctx.user, sizeof(r->ctx.user), "%s", user);
    snprintf(r->ctx.request_id, sizeof(r->ctx.request_id), "%s", hh_http_req_id(r->http));
    snprintf(r->ctx.roles[0], sizeof(r->ctx.roles[0]), "admin");
    r->ctx.nroles = 1;
    r->ctx.is_admin = false;
    return 0;
}

/* ---- signals ---- */

/* ResourceIdentifier.from_arn: *stack (new identity, "path" "") and the
 * resource name into res (len bytes). -1 answered for a bad ARN. */
static int resource_arn(cfn_req *r, const char *arn, json_t **stack, char *res, size_t len)
{
    char msg[512];
    const char *f[5], *p = arn, *path;
    char *tenant = NULL, *name = NULL, *id = NULL, *rpath = NULL;
    const char *slash1, *slash2, *last;
    int nf = 0, rc = -1;

    /* arn:openstack:heat::<tenant>:stacks/<name>/<id><path> */
    while (nf < 5 && (f[nf] = p) != NULL) {
        const char *c = strchr(p, ':');

        nf++;
        if (c == NULL)
            break;
        p = c + 1;
    }
    snprintf(msg, sizeof(msg), "\"%.400s\" is not a valid ARN", arn);
    if (nf < 5 || strncasecmp(arn, "arn:", 4) != 0 || strchr(f[4], ':') == NULL)
        return cfn_error(r, "InvalidParameterValue", msg);
    path = strchr(f[4], ':') + 1;
    snprintf(msg, sizeof(msg), "\"%.400s\" is not a valid Heat ARN", arn);
    if (strncmp(f[1], "openstack:", 10) != 0 || strncmp(f[2], "heat:", 5) != 0 ||
        strncmp(path, "stacks/", 7) != 0)
        return cfn_error(r, "InvalidParameterValue", msg);
    slash1 = strchr(path + 7, '/');
    slash2 = slash1 != NULL ? strchr(slash1 + 1, '/') : NULL;
    if (slash1 == NULL || slash1 == path + 7 || slash2 == NULL || slash2 == slash1 + 1)
        return cfn_error(r, "InvalidParameterValue", msg);
    /* the resource: the path's last component after "/resources/" */
    last = strrchr(slash2, '/');
    if (last - slash2 < 10 || strncmp(last - 10, "/resources", 10) != 0 || last[1] == '\0') {
        snprintf(msg, sizeof(msg), "\"%.400s\" is not a resource's ARN", arn);
        return cfn_error(r, "InvalidParameterValue", msg);
    }
    tenant = cfn_unquote(f[4], (size_t)(path - 1 - f[4]), false);
    name = cfn_unquote(path + 7, (size_t)(slash1 - path - 7), false);
    id = cfn_unquote(slash1 + 1, (size_t)(slash2 - slash1 - 1), false);
    rpath = cfn_unquote(last + 1, strlen(last + 1), false);
    if (tenant == NULL || name == NULL || id == NULL || rpath == NULL) {
        cfn_error(r, "InternalFailure", NULL);
        goto done;
    }
    if (strlen(rpath) >= len || build_context(r, tenant) != 0) {
        if (strlen(rpath) >= len)
            cfn_error(r, "InvalidParameterValue", "the resource name is too long");
        goto done;
    }
    snprintf(res, len, "%s", rpath);
    *stack = json_pack("{s:s, s:s, s:s, s:s}", "tenant", tenant, "stack_name", name, "stack_id", id,
                       "path", "");
    rc = *stack != NULL ? 0 : cfn_error(r, "InternalFailure", NULL);
done:
    free(tenant);
    free(name);
    free(id);
    free(rpath);
    return rc;
}

/* SignalController: PUT /waitcondition/<arn> (sync) or POST
 * /signal/<arn>; the body is the signal's details when it is JSON. */
static void signal(cfn_req *r, const char *arn, bool sync)
{
    char res[512];
    json_t *stack = NULL, *details = NULL, *md = NULL;
    size_t len = 0;
    const char *body = hh_http_req_body(r->http, &len);
    const char *ct = hh_http_req_header(r->http, "Content-Type");

    if (resource_arn(r, arn, &stack, res, sizeof(res)) != 0)
        return;
    /* JSONRequestDeserializer: a body when its type is JSON, text/plain or
     * none */
    if (len > 0 && (ct == NULL || ct[0] == '\0' || strncasecmp(ct, "application/json", 16) == 0 ||
                    strncasecmp(ct, "text/plain", 10) == 0)) {
        json_error_t je;

        details = json_loadb(body, len, JSON_DECODE_ANY, &je);
        if (details == NULL) {
            char msg[256];

            snprintf(msg, sizeof(msg), "%s", je.text);
            json_decref(stack);
            cfn_error(r, "InvalidParameterValue", msg);
            return;
        }
    }
    if (cfn_call(r, "resource_signal",
                 json_pack("{s:o, s:s, s:o, s:b}", "stack_identity", stack, "resource_name", res,
                           "details", details != NULL ? details : json_null(), "sync_call", sync),
                 sync ? &md : NULL) != 0)
        return;
    if (!sync) {
        hh_http_resp_status(r->resp, 200);
        return;
    }
    /* {"resource": name, "metadata": md}: as XML its root is "resource" */
    send_doc(r, 200,
             json_pack("{s:s, s:o}", "resource", res, "metadata", md != NULL ? md : json_null()));
}

/* ---- the request ---- */

void hh_api_cfn_handle(hh_api_cfn *api, hh_http_request *req, hh_http_response *resp,
                       const char *path)
{
    const char *method = hh_http_req_method(req);
    cfn_req r;

    memset(&r, 0, sizeof(r));
    r.api = api;
    r.http = req;
    r.resp = resp;
    if (hh_http_req_limit(req) == HH_HTTP_HEADER_TOO_LONG) {
        cfn_error(&r, "InvalidParameterValue", "Line too long");
        return;
    }
    if (parse_params(&r) != 0)
        goto done;
    r.json =
        cfn_param(&r, "ContentType") != NULL && strcmp(cfn_param(&r, "ContentType"), "JSON") == 0;
    hh_log_debug("heat-api-cfn: %s %s %s", hh_http_req_id(req), method, path);
    if (strncmp(path, "/waitcondition/", 15) == 0 && strcmp(method, "PUT") == 0) {
        signal(&r, path + 15, true);
    } else if (strncmp(path, "/signal/", 8) == 0 && strcmp(method, "POST") == 0) {
        signal(&r, path + 8, false);
    } else if (path[0] == '\0' || strcmp(path, "/") == 0 || strcmp(path, "/stacks") == 0 ||
               strncmp(path, "/stacks/", 8) == 0) {
        /* the router's "/" (the Action decides) and the stacks resource,
         * whose methods all end in the controller's default: InvalidAction */
        if (check_signature(&r) != 0 || build_context(&r, NULL) != 0)
            goto done;
        if (path[0] != '\0' && strcmp(path, "/") != 0)
            cfn_error(&r, "InvalidAction", NULL);
        else
            cfn_action(&r, cfn_param(&r, "Action"));
    } else {
        hh_api_plain(req, resp, 404, NULL);
    }
done:
    json_decref(r.params);
}
