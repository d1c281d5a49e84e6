/* rpc_msg: message schema, method table, validation, failure conversion. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rpc_msg.h"

/* Argument type shorthands. */
#define S HH_RPC_T_STR
#define I HH_RPC_T_INT
#define B HH_RPC_T_BOOL
#define O HH_RPC_T_OBJ
#define L HH_RPC_T_LIST
#define N HH_RPC_T_NULL
/* A stack identity: Heat's identifier dict, or a name or id. */
#define SID (O | S)

#define REQ(n, t)                                                                                  \
    {                                                                                              \
        .name = (n), .types = (t), .required = true                                                \
    }
#define OPT(n, t)                                                                                  \
    {                                                                                              \
        .name = (n), .types = (t)                                                                  \
    }
#define OPT_SINCE(n, t, v)                                                                         \
    {                                                                                              \
        .name = (n), .types = (t), .since = (v)                                                    \
    }
#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }

static const hh_rpc_arg a_none[] = {END};
static const hh_rpc_arg a_stack[] = {REQ("stack_identity", SID), END};
static const hh_rpc_arg a_identify[] = {REQ("stack_name", S), END};
static const hh_rpc_arg a_list_stacks[] = {OPT("limit", I | S | N),
                                           OPT("marker", S | N),
                                           OPT("sort_keys", L | S | N),
                                           OPT("sort_dir", S | N),
                                           OPT("filters", O | N),
                                           OPT("show_deleted", B | N),
                                           OPT("show_nested", B | N),
                                           OPT("show_hidden", B | N),
                                           OPT("tags", L | S | N),
                                           OPT("tags_any", L | S | N),
                                           OPT("not_tags", L | S | N),
                                           OPT("not_tags_any", L | S | N),
                                           END};
static const hh_rpc_arg a_count_stacks[] = {
    OPT("filters", O | N),      OPT("show_deleted", B | N),     OPT("show_nested", B | N),
    OPT("show_hidden", B | N),  OPT("tags", L | S | N),         OPT("tags_any", L | S | N),
    OPT("not_tags", L | S | N), OPT("not_tags_any", L | S | N), END};
static const hh_rpc_arg a_show_stack[] = {REQ("stack_identity", SID | N),
                                          OPT_SINCE("resolve_outputs", B, 20), END};
static const hh_rpc_arg a_preview_stack[] = {REQ("stack_name", S),
                                             REQ("template", O),
                                             REQ("params", O | N),
                                             REQ("files", O | N),
                                             REQ("args", O | N),
                                             OPT_SINCE("environment_files", L | N, 23),
                                             OPT_SINCE("files_container", S | N, 36),
                                             END};
static const hh_rpc_arg a_create_stack[] = {
    REQ("stack_name", S), REQ("template", O), REQ("params", O | N), REQ("files", O | N),
    REQ("args", O | N), OPT_SINCE("environment_files", L | N, 23),
    OPT_SINCE("files_container", S | N, 36),
    /* engine-to-engine only (nested stacks) */
    OPT("owner_id", S | N), OPT("nested_depth", I | N), OPT("user_creds_id", S | I | N),
    OPT("stack_user_project_id", S | N), OPT("parent_resource_name", S | N),
    OPT_SINCE("template_id", I | S | N, 29), END};
static const hh_rpc_arg a_update_stack[] = {REQ("stack_identity", SID),
                                            REQ("template", O | N),
                                            REQ("params", O | N),
                                            REQ("files", O | N),
                                            REQ("args", O | N),
                                            OPT_SINCE("environment_files", L | N, 23),
                                            OPT_SINCE("files_container", S | N, 36),
                                            OPT_SINCE("template_id", I | S | N, 29),
                                            END};
static const hh_rpc_arg a_preview_update[] = {REQ("stack_identity", SID),
                                              REQ("template", O | N),
                                              REQ("params", O | N),
                                              REQ("files", O | N),
                                              REQ("args", O | N),
                                              OPT_SINCE("environment_files", L | N, 23),
                                              OPT_SINCE("files_container", S | N, 36),
                                              END};
static const hh_rpc_arg a_validate[] = {REQ("template", O),
                                        OPT("params", O | N),
                                        OPT_SINCE("files", O | N, 17),
                                        OPT_SINCE("show_nested", B, 18),
                                        OPT_SINCE("environment_files", L | N, 23),
                                        OPT_SINCE("ignorable_errors", L | N, 24),
                                        OPT_SINCE("files_container", S | N, 36),
                                        END};
static const hh_rpc_arg a_list_resource_types[] = {
    OPT_SINCE("support_status", S | N, 1), OPT_SINCE("type_name", S | N, 16),
    OPT_SINCE("heat_version", S | N, 16), OPT_SINCE("with_description", B, 30), END};
static const hh_rpc_arg a_template_functions[] = {REQ("template_version", S),
                                                  OPT_SINCE("with_condition", B, 35), END};
static const hh_rpc_arg a_resource_schema[] = {REQ("type_name", S),
                                               OPT_SINCE("with_description", B, 30), END};
static const hh_rpc_arg a_generate_template[] = {REQ("type_name", S),
                                                 OPT_SINCE("template_type", S, 9), END};
static const hh_rpc_arg a_list_events[] = {REQ("stack_identity", SID),
                                           OPT("filters", O | N),
                                           OPT("limit", I | S | N),
                                           OPT("marker", S | N),
                                           OPT("sort_keys", L | S | N),
                                           OPT("sort_dir", S | N),
                                           OPT_SINCE("nested_depth", I | S | N, 31),
                                           END};
static const hh_rpc_arg a_describe_resource[] = {
    REQ("stack_identity", SID), REQ("resource_name", S), OPT_SINCE("with_attr", B | L | N, 2), END};
static const hh_rpc_arg a_find_physical[] = {REQ("physical_resource_id", S), END};
static const hh_rpc_arg a_describe_resources[] = {REQ("stack_identity", SID),
                                                  REQ("resource_name", S | N), END};
static const hh_rpc_arg a_list_resources[] = {
    REQ("stack_identity", SID), OPT("nested_depth", I | S | N), OPT_SINCE("with_detail", B, 12),
    OPT_SINCE("filters", O | N, 25), END};
static const hh_rpc_arg a_cancel_update[] = {REQ("stack_identity", SID),
                                             OPT_SINCE("cancel_with_rollback", B, 14), END};
static const hh_rpc_arg a_resource_signal[] = {REQ("stack_identity", SID), REQ("resource_name", S),
                                               REQ("details", HH_RPC_T_ANY),
                                               OPT_SINCE("sync_call", B, 3), END};
static const hh_rpc_arg a_mark_unhealthy[] = {REQ("stack_identity", SID), REQ("resource_name", S),
                                              REQ("mark_unhealthy", B),
                                              OPT("resource_status_reason", S | N), END};
static const hh_rpc_arg a_config_id[] = {REQ("config_id", S), END};
static const hh_rpc_arg a_list_configs[] = {OPT("limit", I | S | N), OPT("marker", S | N), END};
static const hh_rpc_arg a_create_config[] = {REQ("group", S),
                                             REQ("name", S),
                                             REQ("config", S | O | L | N),
                                             OPT("inputs", L | N),
                                             OPT("outputs", L | N),
                                             OPT("options", O | N),
                                             END};
static const hh_rpc_arg a_list_deployments[] = {OPT("server_id", S | N), END};
static const hh_rpc_arg a_server_id[] = {REQ("server_id", S), END};
static const hh_rpc_arg a_deployment_id[] = {REQ("deployment_id", S), END};
static const hh_rpc_arg a_check_deployment[] = {REQ("deployment_id", S), REQ("timeout", I), END};
static const hh_rpc_arg a_create_deployment[] = {REQ("server_id", S),
                                                 OPT("config_id", S | N),
                                                 OPT_SINCE("deployment_id", S | N, 21),
                                                 OPT("input_values", O | N),
                                                 OPT("action", S),
                                                 OPT("status", S),
                                                 OPT("status_reason", S | N),
                                                 OPT("stack_user_project_id", S | N),
                                                 END};
static const hh_rpc_arg a_update_deployment[] = {REQ("deployment_id", S),
                                                 OPT("config_id", S | N),
                                                 OPT("input_values", O | N),
                                                 OPT("output_values", O | N),
                                                 OPT("action", S | N),
                                                 OPT("status", S | N),
                                                 OPT("status_reason", S | N),
                                                 OPT_SINCE("updated_at", S | N, 5),
                                                 END};
static const hh_rpc_arg a_signal_deployment[] = {REQ("deployment_id", S), REQ("details", O | N),
                                                 OPT_SINCE("updated_at", S | N, 6), END};
static const hh_rpc_arg a_stack_snapshot[] = {REQ("stack_identity", SID), REQ("name", S | N), END};
static const hh_rpc_arg a_snapshot_id[] = {REQ("stack_identity", SID), REQ("snapshot_id", S), END};
static const hh_rpc_arg a_show_output[] = {REQ("stack_identity", SID), REQ("output_key", S), END};
static const hh_rpc_arg a_migrate[] = {REQ("stack_id", S), END};

/* Sorted by name (hh_rpc_method_find bisects). */
static const hh_rpc_method methods[] = {
    {"abandon_stack", 0, a_stack},
    {"authenticated_to_backend", 0, a_none},
    {"check_software_deployment", 27, a_check_deployment},
    {"count_stacks", 0, a_count_stacks},
    {"create_software_config", 0, a_create_config},
    {"create_software_deployment", 0, a_create_deployment},
    {"create_stack", 0, a_create_stack},
    {"delete_snapshot", 0, a_snapshot_id},
    {"delete_software_config", 0, a_config_id},
    {"delete_software_deployment", 0, a_deployment_id},
    {"delete_stack", 0, a_stack},
    {"describe_stack_resource", 0, a_describe_resource},
    {"describe_stack_resources", 0, a_describe_resources},
    {"export_stack", 22, a_stack},
    {"find_physical_resource", 0, a_find_physical},
    {"generate_template", 0, a_generate_template},
    {"get_environment", 28, a_stack},
    {"get_files", 32, a_stack},
    {"get_revision", 0, a_none},
    {"get_template", 0, a_stack},
    {"identify_stack", 0, a_identify},
    {"list_events", 0, a_list_events},
    {"list_outputs", 19, a_stack},
    {"list_resource_types", 0, a_list_resource_types},
    {"list_services", 4, a_none},
    {"list_software_configs", 10, a_list_configs},
    {"list_software_deployments", 0, a_list_deployments},
    {"list_stack_resources", 0, a_list_resources},
    {"list_stacks", 0, a_list_stacks},
    {"list_template_functions", 13, a_template_functions},
    {"list_template_versions", 11, a_none},
    {"metadata_software_deployments", 0, a_server_id},
    {"migrate_convergence_1", 34, a_migrate},
    {"preview_stack", 0, a_preview_stack},
    {"preview_update_stack", 15, a_preview_update},
    {"resource_mark_unhealthy", 26, a_mark_unhealthy},
    {"resource_schema", 0, a_resource_schema},
    {"resource_signal", 0, a_resource_signal},
    {"show_output", 19, a_show_output},
    {"show_snapshot", 0, a_snapshot_id},
    {"show_software_config", 0, a_config_id},
    {"show_software_deployment", 0, a_deployment_id},
    {"show_stack", 0, a_show_stack},
    {"signal_software_deployment", 0, a_signal_deployment},
    {"stack_cancel_update", 0, a_cancel_update},
    {"stack_check", 0, a_stack},
    {"stack_list_snapshots", 0, a_stack},
    {"stack_restore", 0, a_snapshot_id},
    {"stack_resume", 0, a_stack},
    {"stack_snapshot", 0, a_stack_snapshot},
    {"stack_suspend", 0, a_stack},
    {"update_software_deployment", 0, a_update_deployment},
    {"update_stack", 0, a_update_stack},
    {"validate_template", 0, a_validate},
};

#undef S
#undef I
#undef B
#undef O
#undef L
#undef N

const hh_rpc_method *hh_rpc_methods(size_t *count)
{
    if (count != NULL)
        *count = sizeof(methods) / sizeof(methods[0]);
    return methods;
}

const hh_rpc_method *hh_rpc_method_find(const char *name)
{
    size_t lo = 0, hi = sizeof(methods) / sizeof(methods[0]);

    if (name == NULL)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, methods[mid].name);
        if (c == 0)
            return &methods[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* Heat exception classes and the rc each stands for. The first entry for an
 * rc is the class hh_rpc_type_for_rc gives it. */
static const struct {
    const char *type;
    int rc;
} types[] = {
    {"EntityNotFound", HH_ENOTFOUND},
    {"Invalid", HH_EINVAL},
    {"RequestLimitExceeded", HH_ELIMIT},
    {"StackExists", HH_EEXISTS},
    {"NotSupported", HH_EUNSUPPORTED},
    {"MessagingTimeout", ETIMEDOUT},
    {"Forbidden", EACCES},
    {"ActionInProgress", EBUSY},
    {"ConcurrentTransaction", HH_EFENCED},
    {"HeatException", HH_EINTERNAL},
    /* the others, by rc */
    {"NotFound", HH_ENOTFOUND},
    {"ResourceNotFound", HH_ENOTFOUND},
    {"SnapshotNotFound", HH_ENOTFOUND},
    {"ResourceNotAvailable", HH_ENOTFOUND},
    {"PhysicalResourceExists", HH_EEXISTS},
    {"StackValidationFailed", HH_EINVAL},
    {"ValueError", HH_EINVAL},
    {"AttributeError", HH_EINVAL},
    {"InvalidSchemaError", HH_EINVAL},
    {"InvalidTemplateReference", HH_EINVAL},
    {"InvalidTemplateVersion", HH_EINVAL},
    {"InvalidTemplateSection", HH_EINVAL},
    {"InvalidTemplateAttribute", HH_EINVAL},
    {"UnknownUserParameter", HH_EINVAL},
    {"UserParameterMissing", HH_EINVAL},
    {"ImmutableParameterModified", HH_EINVAL},
    {"ResourcePropertyConflict", HH_EINVAL},
    {"PropertyUnspecifiedError", HH_EINVAL},
    {"PhysicalResourceNameAmbiguity", HH_EINVAL},
    {"PhysicalResourceIDAmbiguity", HH_EINVAL},
    {"MissingCredentialError", HH_EINVAL},
    {"InvalidBreakPointHook", HH_EINVAL},
    {"ResourceTypeUnavailable", HH_EINVAL},
    {"ObjectFieldInvalid", HH_EINVAL},
    {"DownloadLimitExceeded", HH_ELIMIT},
    {"StackResourceLimitExceeded", HH_ELIMIT},
    {"ResourceActionNotSupported", HH_EUNSUPPORTED},
    {"UnsupportedVersion", HH_EUNSUPPORTED},
    {"NoSuchMethod", HH_EUNSUPPORTED},
    {"InvalidServiceVersion", HH_EUNSUPPORTED},
    {"NotAuthorized", EACCES},
    {"InvalidTenant", EACCES},
    {"NotAuthenticated", EACCES},
    {"ResourceFailure", HH_EINTERNAL},
    {"Error", HH_EINTERNAL},
    {"InvalidGlobalResource", HH_EINTERNAL},
    {"StopActionFailed", HH_EINTERNAL},
    {"EventSendFailed", HH_EINTERNAL},
    {"ActionNotComplete", EBUSY},
    /* oslo.messaging's: no broker connection, no queue took a call */
    {"MessageDeliveryFailure", ENOTCONN},
    {"MessageUndeliverable", EHOSTUNREACH},
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

const char *hh_rpc_type_known(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < NTYPES; i++)
        if (strcmp(types[i].type, name) == 0)
            return types[i].type;
    return NULL;
}

const char *hh_rpc_type_for_rc(int rc)
{
    if (rc == HH_EPARSE)
        return "Invalid";
    if (rc == ETIME)
        return "MessagingTimeout";
    if (rc == EPERM)
        return "Forbidden";
    for (size_t i = 0; i < NTYPES; i++)
        if (types[i].rc == rc)
            return types[i].type;
    return "HeatException";
}

int hh_rpc_rc_for_type(const char *type)
{
    if (type == NULL)
        return HH_EINTERNAL;
    for (size_t i = 0; i < NTYPES; i++)
        if (strcmp(types[i].type, type) == 0)
            return types[i].rc;
    return HH_EINTERNAL;
}

/* --- requests ----------------------------------------------------------- */

hh_rpc_request *hh_rpc_request_new(const char *method, json_t *args, const hh_rpc_context *ctx)
{
    hh_rpc_request *req = NULL;

    if (method == NULL || strlen(method) >= HH_RPC_METHOD_MAX)
        goto fail;
    if (args == NULL && (args = json_object()) == NULL)
        return NULL;
    if (!json_is_object(args))
        goto fail;
    if ((req = calloc(1, sizeof(*req))) == NULL)
        goto fail;
    req->version = HH_RPC_VERSION_MINOR;
    snprintf(req->method, sizeof(req->method), "%s", method);
    req->args = args;
    if (ctx != NULL)
        req->ctx = *ctx;
    return req;
fail:
    json_decref(args);
    return NULL;
}

void hh_rpc_request_free(hh_rpc_request *req)
{
    if (req == NULL)
        return;
    json_decref(req->args);
    free(req);
}

static const char *json_type_word(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "list";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return "number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "boolean";
    case JSON_NULL:
    default:
        return "null";
    }
}

static unsigned json_type_bit(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return HH_RPC_T_OBJ;
    case JSON_ARRAY:
        return HH_RPC_T_LIST;
    case JSON_STRING:
        return HH_RPC_T_STR;
    case JSON_INTEGER:
        return HH_RPC_T_INT;
    case JSON_REAL:
        return HH_RPC_T_REAL;
    case JSON_TRUE:
    case JSON_FALSE:
        return HH_RPC_T_BOOL;
    case JSON_NULL:
    default:
        return HH_RPC_T_NULL;
    }
}

/* "string or null" for an accepted type set. */
static void types_words(unsigned t, char *buf, size_t len)
{
    static const char *const words[] = {"string", "integer", "boolean", "object",
                                        "list",   "null",    "number"};
    size_t used = 0;

    buf[0] = '\0';
    for (unsigned i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (!(t & (1u << i)))
            continue;
        int n = snprintf(buf + used, len - used, "%s%s", used ? " or " : "", words[i]);
        if (n < 0 || (size_t)n >= len - used)
            return;
        used += (size_t)n;
    }
}

int hh_rpc_request_validate(hh_rpc_request *req, hh_error *err)
{
    const hh_rpc_method *m;
    const char *key;
    json_t *value;

    req->def = NULL;
    if ((m = hh_rpc_method_find(req->method)) == NULL)
        return hh_error_set(err, HH_ENOTFOUND, "NoSuchMethod",
                            "Endpoint does not support RPC method %s", req->method);
    if (req->version > HH_RPC_VERSION_MINOR)
        return hh_error_set(err, HH_EUNSUPPORTED, "UnsupportedVersion",
                            "Endpoint does not support RPC version 1.%u (newest is 1.%u)",
                            req->version, HH_RPC_VERSION_MINOR);
    if (req->version < m->since)
        return hh_error_set(err, HH_EUNSUPPORTED, "UnsupportedVersion",
                            "RPC method %s needs version 1.%u, the request is 1.%u", m->name,
                            m->since, req->version);
    if (!json_is_object(req->args))
        return hh_error_set(err, HH_EINVAL, "Invalid", "%s: args must be an object", m->name);
    for (const hh_rpc_arg *a = m->args; a->name != NULL; a++) {
        value = json_object_get(req->args, a->name);
        if (value == NULL) {
            if (a->required)
                return hh_error_set(err, HH_EINVAL, "Invalid",
                                    "%s: missing required argument \"%s\"", m->name, a->name);
            continue;
        }
        if (!(json_type_bit(value) & a->types)) {
            char want[96];
            types_words(a->types, want, sizeof(want));
            return hh_error_set(err, HH_EINVAL, "Invalid", "%s: argument \"%s\" must be %s, not %s",
                                m->name, a->name, want, json_type_word(value));
        }
        if (req->version < a->since)
            return hh_error_set(err, HH_EUNSUPPORTED, "UnsupportedVersion",
                                "%s: argument \"%s\" needs version 1.%u, the request is 1.%u",
                                m->name, a->name, a->since, req->version);
    }
    json_object_foreach(req->args, key, value)
    {
        const hh_rpc_arg *a;
        for (a = m->args; a->name != NULL; a++)
            if (strcmp(a->name, key) == 0)
                break;
        if (a->name == NULL)
            return hh_error_set(err, HH_EINVAL, "Invalid", "%s: unexpected argument \"%.64s\"",
                                m->name, key);
    }
    req->def = m;
    return 0;
}

/* Dump v compactly into a new NUL-terminated buffer of at most
 * HH_RPC_MSG_MAX bytes. */
static int dump_bounded(const json_t *v, char **out, size_t *len, hh_error *err)
{
    char *buf = json_dumps(v, JSON_COMPACT); /* one pass; escapes keep NULs out */
    size_t need;

    *out = NULL;
    *len = 0;
    if (buf == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "cannot encode message");
    if ((need = strlen(buf)) > HH_RPC_MSG_MAX) {
        free(buf);
        return hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded",
                            "Request limit exceeded: message of %zu bytes is larger than %u", need,
                            HH_RPC_MSG_MAX);
    }
    *out = buf;
    *len = need;
    return 0;
}

static json_t *context_to_json(const hh_rpc_context *c)
{
    json_t *roles = json_array();
    json_t *o = NULL;

    if (roles == NULL)
        return NULL;
    for (size_t i = 0; i < c->nroles && i < HH_RPC_ROLES_MAX; i++)
        if (json_array_append_new(roles, json_string(c->roles[i])) != 0)
            goto fail;
    o = json_pack("{s:s, s:s, s:o, s:s, s:b}", "tenant", c->tenant, "user", c->user, "roles", roles,
                  "request_id", c->request_id, "is_admin", c->is_admin);
    return o; /* json_pack stole roles, also on failure */
fail:
    json_decref(roles);
    return NULL;
}

int hh_rpc_request_encode(hh_rpc_request *req, char **out, size_t *len, hh_error *err)
{
    json_t *msg = NULL, *ctx = NULL;
    char version[16];
    int rc;

    *out = NULL;
    *len = 0;
    if ((rc = hh_rpc_request_validate(req, err)) != 0)
        return rc;
    if ((ctx = context_to_json(&req->ctx)) == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    snprintf(version, sizeof(version), "%d.%u", HH_RPC_VERSION_MAJOR, req->version);
    msg = json_pack("{s:s, s:s, s:O, s:o}", "version", version, "method", req->method, "args",
                    req->args, "context", ctx);
    if (msg == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    rc = dump_bounded(msg, out, len, err);
    json_decref(msg);
    return rc;
}

/* Parse "1.N" (N: 1 to 3 digits, no sign, spaces or leading zeros). */
static int parse_version(const char *s, unsigned *minor)
{
    unsigned v = 0;
    size_t n = 0;

    if (s[0] != '1' || s[1] != '.')
        return -1;
    if (s[2] == '0' && s[3] != '\0')
        return -1; /* no leading zeros: "1.05" is not a version Heat writes */
    for (s += 2; *s != '\0'; s++, n++) {
        if (!isdigit((unsigned char)*s) || n >= 3)
            return -1;
        v = v * 10 + (unsigned)(*s - '0');
    }
    if (n == 0)
        return -1;
    *minor = v;
    return 0;
}

static int copy_ctx_str(const json_t *ctx, const char *key, char *dst, size_t size, hh_error *err)
{
    const json_t *v = json_object_get(ctx, key);

    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return hh_error_set(err, HH_EINVAL, "Invalid", "context.%s must be a string, not %s", key,
                            json_type_word(v));
    if (json_string_length(v) >= size)
        return hh_error_set(err, HH_EINVAL, "Invalid", "context.%s is longer than %zu bytes", key,
                            size - 1);
    memcpy(dst, json_string_value(v), json_string_length(v) + 1);
    return 0;
}

static int context_from_json(const json_t *o, hh_rpc_context *c, hh_error *err)
{
    const json_t *roles, *admin;
    size_t i;
    json_t *r;
    int rc;

    memset(c, 0, sizeof(*c));
    if (o == NULL || json_is_null(o))
        return 0;
    if (!json_is_object(o))
        return hh_error_set(err, HH_EINVAL, "Invalid", "context must be an object, not %s",
                            json_type_word(o));
    if ((rc = copy_ctx_str(o, "tenant", c->tenant, sizeof(c->tenant), err)) != 0 ||
        (rc = copy_ctx_str(o, "user", c->user, sizeof(c->user), err)) != 0 ||
        (rc = copy_ctx_str(o, "request_id", c->request_id, sizeof(c->request_id), err)) != 0)
        return rc;
    roles = json_object_get(o, "roles");
    if (roles != NULL && !json_is_null(roles)) {
        if (!json_is_array(roles))
            return hh_error_set(err, HH_EINVAL, "Invalid", "context.roles must be a list, not %s",
                                json_type_word(roles));
        if (json_array_size(roles) > HH_RPC_ROLES_MAX)
            return hh_error_set(err, HH_EINVAL, "Invalid", "context.roles has more than %d roles",
                                HH_RPC_ROLES_MAX);
        json_array_foreach(roles, i, r)
        {
            if (!json_is_string(r) || json_string_length(r) >= HH_RPC_ID_MAX)
                return hh_error_set(err, HH_EINVAL, "Invalid",
                                    "context.roles[%zu] must be a string of less than %d bytes", i,
                                    HH_RPC_ID_MAX);
            memcpy(c->roles[i], json_string_value(r), json_string_length(r) + 1);
        }
        c->nroles = json_array_size(roles);
    }
    admin = json_object_get(o, "is_admin");
    if (admin != NULL && !json_is_null(admin)) {
        if (!json_is_boolean(admin))
            return hh_error_set(err, HH_EINVAL, "Invalid",
                                "context.is_admin must be a boolean, not %s",
                                json_type_word(admin));
        c->is_admin = json_is_true(admin);
    }
    return 0;
}

/* Parse len bytes as one JSON object. */
static json_t *parse_object(const char *buf, size_t len, const char *what, hh_error *err, int *rc,
                            const char *type)
{
    json_error_t jerr;
    json_t *v;

    if (len > HH_RPC_MSG_MAX) {
        *rc = hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded",
                           "Request limit exceeded: %s of %zu bytes is larger than %u", what, len,
                           HH_RPC_MSG_MAX);
        return NULL;
    }
    if (buf == NULL) {
        *rc = hh_error_set(err, HH_EPARSE, type, "malformed %s: no bytes", what);
        return NULL;
    }
    v = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (v == NULL) {
        *rc = hh_error_set(err, HH_EPARSE, type, "malformed %s: %s at line %d, column %d", what,
                           jerr.text, jerr.line, jerr.column);
        return NULL;
    }
    if (!json_is_object(v)) {
        *rc = hh_error_set(err, HH_EPARSE, type, "malformed %s: an object expected, not %s", what,
                           json_type_word(v));
        json_decref(v);
        return NULL;
    }
    *rc = 0;
    return v;
}

int hh_rpc_request_decode(const char *buf, size_t len, hh_rpc_request **out, hh_error *err)
{
    json_t *msg = NULL, *args;
    const json_t *ver, *method;
    hh_rpc_request *req = NULL;
    const char *key;
    json_t *v;
    int rc = 0;

    *out = NULL;
    if ((msg = parse_object(buf, len, "request", err, &rc, "Invalid")) == NULL)
        goto done;
    json_object_foreach(msg, key, v)
    {
        if (strcmp(key, "version") != 0 && strcmp(key, "method") != 0 && strcmp(key, "args") != 0 &&
            strcmp(key, "context") != 0) {
            rc = hh_error_set(err, HH_EINVAL, "Invalid", "request: unexpected member \"%.64s\"",
                              key);
            goto done;
        }
    }
    method = json_object_get(msg, "method");
    if (!json_is_string(method)) {
        rc = hh_error_set(err, HH_EINVAL, "Invalid", "request: \"method\" must be a string");
        goto done;
    }
    if (json_string_length(method) >= HH_RPC_METHOD_MAX ||
        strlen(json_string_value(method)) != json_string_length(method)) {
        rc = hh_error_set(err, HH_ENOTFOUND, "NoSuchMethod",
                          "Endpoint does not support RPC method %.64s", json_string_value(method));
        goto done;
    }
    ver = json_object_get(msg, "version");
    if (!json_is_string(ver)) {
        rc = hh_error_set(err, HH_EINVAL, "Invalid", "request: \"version\" must be a string");
        goto done;
    }
    args = json_object_get(msg, "args");
    if (args != NULL && !json_is_object(args)) {
        rc = hh_error_set(err, HH_EINVAL, "Invalid", "request: \"args\" must be an object, not %s",
                          json_type_word(args));
        goto done;
    }
    if ((req = hh_rpc_request_new(json_string_value(method), json_incref(args), NULL)) == NULL) {
        rc = hh_error_set(err, ENOMEM, "HeatException", "out of memory");
        goto done;
    }
    if (parse_version(json_string_value(ver), &req->version) != 0) {
        rc = hh_error_set(err, HH_EUNSUPPORTED, "UnsupportedVersion",
                          "Endpoint does not support RPC version %.32s", json_string_value(ver));
        goto done;
    }
    if ((rc = context_from_json(json_object_get(msg, "context"), &req->ctx, err)) != 0)
        goto done;
    if ((rc = hh_rpc_request_validate(req, err)) != 0)
        goto done;
    *out = req;
    req = NULL;
done:
    hh_rpc_request_free(req);
    json_decref(msg);
    return rc;
}

/* --- replies ------------------------------------------------------------ */

json_t *hh_rpc_failure_from_error(const hh_error *e)
{
    char msg[HH_ERROR_MSG_MAX + HH_ERROR_SRC_MAX + 64];
    int rc = e->rc != 0 ? e->rc : HH_EINTERNAL;
    const char *type = e->type != NULL ? e->type : hh_rpc_type_for_rc(rc);

    hh_error_format(e, msg, sizeof(msg));
    return json_pack("{s:s, s:s, s:i}", "type", type, "message", msg, "code", rc);
}

int hh_rpc_error_from_failure(const json_t *f, hh_error *err)
{
    const json_t *type, *message, *code;
    const char *known;
    int rc;

    type = json_object_get(f, "type");
    message = json_object_get(f, "message");
    code = json_object_get(f, "code");
    if (!json_is_object(f) || !json_is_string(type) || json_string_length(type) == 0 ||
        (message != NULL && !json_is_string(message)) || (code != NULL && !json_is_integer(code)))
        return hh_error_set(err, HH_EPARSE, "HeatException",
                            "malformed failure: needs a string \"type\", optional string "
                            "\"message\" and integer \"code\"");
    known = hh_rpc_type_known(json_string_value(type));
    rc = known != NULL ? hh_rpc_rc_for_type(known) : HH_EINTERNAL;
    if (code != NULL) {
        json_int_t c = json_integer_value(code);
        /* only codes of the scheme: project codes and errno values */
        if (c != 0 && c >= -1999 && c <= 4095)
            rc = (int)c;
    }
    hh_error_clear(err);
    if (known != NULL)
        hh_error_set(err, rc, known, "%s", message ? json_string_value(message) : "");
    else
        hh_error_set(err, rc, "HeatException", "%.128s: %s", json_string_value(type),
                     message ? json_string_value(message) : "");
    return rc;
}

int hh_rpc_reply_encode_result(const json_t *result, char **out, size_t *len, hh_error *err)
{
    json_t *msg = json_pack("{s:O}", "result", result != NULL ? result : json_null());
    int rc;

    if (msg == NULL) {
        *out = NULL;
        *len = 0;
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    }
    rc = dump_bounded(msg, out, len, err);
    json_decref(msg);
    return rc;
}

int hh_rpc_reply_encode_failure(const hh_error *failure, char **out, size_t *len, hh_error *err)
{
    json_t *f = hh_rpc_failure_from_error(failure);
    json_t *msg = f != NULL ? json_pack("{s:o}", "failure", f) : NULL;
    int rc;

    if (msg == NULL) {
        *out = NULL;
        *len = 0;
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    }
    rc = dump_bounded(msg, out, len, err);
    json_decref(msg);
    return rc;
}

int hh_rpc_reply_decode(const char *buf, size_t len, json_t **result, hh_error *err)
{
    json_t *msg, *res, *fail;
    int rc;

    *result = NULL;
    if ((msg = parse_object(buf, len, "reply", err, &rc, "HeatException")) == NULL)
        return rc == HH_ELIMIT ? rc : HH_EPARSE;
    res = json_object_get(msg, "result");
    fail = json_object_get(msg, "failure");
    if (json_object_size(msg) != 1 || (res == NULL && fail == NULL)) {
        rc = hh_error_set(err, HH_EPARSE, "HeatException",
                          "malformed reply: needs exactly one of \"result\" or \"failure\"");
    } else if (res != NULL) {
        *result = json_incref(res);
        rc = 0;
    } else {
        rc = hh_rpc_error_from_failure(fail, err);
        if (rc == 0) /* cannot happen: a failure has a non-zero rc */
            rc = hh_error_set(err, HH_EINTERNAL, "HeatException", "failure without a code");
    }
    json_decref(msg);
    return rc;
}
