/* api_v1_misc: template validation, resource types, template versions,
 * build info, services, software configs and deployments
 * (heat/api/openstack/v1/stacks.py, build_info.py, services.py,
 * software_configs.py, software_deployments.py). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_v1_internal.h"

/* Call method with args and answer 200 with the result, wrapped under
 * wrap unless NULL. */
static void call_reply(v1_req *r, const char *method, json_t *args, const char *wrap)
{
    json_t *res = NULL;

    if (v1_call(r, method, args, &res) != 0)
        return;
    if (wrap != NULL)
        v1_reply(r, 200, json_pack("{s:O}", wrap, res));
    else
        v1_reply(r, 200, json_incref(res));
    json_decref(res);
}

static void call_no_content(v1_req *r, const char *method, json_t *args)
{
    json_t *res = NULL;

    if (v1_call(r, method, args, &res) != 0)
        return;
    if (json_is_object(res) && json_object_get(res, "Error") != NULL)
        v1_http_error(r, 400, "%s",
                      json_string_value(json_object_get(res, "Error"))
                          ? json_string_value(json_object_get(res, "Error"))
                          : "");
    else
        hh_api_plain(r->http, r->resp, 204, NULL);
    json_decref(res);
}

static void validate(v1_req *r)
{
    json_t *body = v1_need_body(r), *tmpl = NULL, *env = NULL, *args = NULL, *res = NULL;
    const json_t *files, *e;
    const char *ignore;
    bool show_nested = false;

    if (body == NULL)
        return;
    if (v1_arg_bool(r, "show_nested", &show_nested, NULL) != 0 ||
        v1_data_template(r, body, false, &tmpl) != 0)
        return;
    if (v1_data_environment(r, body, &env) != 0) {
        json_decref(tmpl);
        return;
    }
    files = json_object_get(body, "files");
    args = json_pack("{s:o, s:o, s:O?, s:b}", "template", tmpl, "params", env, "files",
                     json_is_object(files) ? files : NULL, "show_nested", show_nested);
    if (args == NULL) {
        v1_http_error(r, 500, "out of memory");
        return;
    }
    if ((e = json_object_get(body, "environment_files")) != NULL)
        json_object_set(args, "environment_files", (json_t *)e);
    if ((e = json_object_get(body, "files_container")) != NULL)
        json_object_set(args, "files_container", (json_t *)e);
    if ((ignore = hh_http_req_arg(r->http, "ignore_errors")) != NULL && ignore[0] != '\0') {
        json_t *list = NULL;

        if (v1_tags(r, "ignore_errors", ignore, &list) != 0) {
            json_decref(args);
            return;
        }
        json_object_set_new(args, "ignorable_errors", list);
    }
    if (v1_call(r, "validate_template", args, &res) != 0)
        return;
    e = json_object_get(res, "Error");
    if (json_is_object(res) && e != NULL) {
        char *text = json_is_string(e) ? NULL : json_dumps(e, JSON_ENCODE_ANY);

        v1_http_error(r, 400, "%s", json_is_string(e) ? json_string_value(e) : text ? text : "");
        free(text);
    } else {
        v1_reply(r, 200, json_incref(res));
    }
    json_decref(res);
}

static void resource_types(v1_req *r)
{
    json_t *args = json_object();
    const char *v;
    bool with_description = false;

    if (v1_arg_bool(r, "with_description", &with_description, NULL) != 0) {
        json_decref(args);
        return;
    }
    if ((v = hh_http_req_arg(r->http, "support_status")) != NULL)
        json_object_set_new(args, "support_status", json_string(v));
    if ((v = hh_http_req_arg(r->http, "name")) != NULL)
        json_object_set_new(args, "type_name", json_string(v));
    if ((v = hh_http_req_arg(r->http, "version")) != NULL)
        json_object_set_new(args, "heat_version", json_string(v));
    json_object_set_new(args, "with_description", json_boolean(with_description));
    call_reply(r, "list_resource_types", args, "resource_types");
}

static void generate_template(v1_req *r)
{
    const char *t = hh_http_req_arg(r->http, "template_type");
    char type[8] = "cfn";

    if (t != NULL) {
        if (strcasecmp(t, "cfn") != 0 && strcasecmp(t, "hot") != 0) {
            v1_http_error(r, 400,
                          "Template type is not supported: Invalid template type \"%s\", valid "
                          "types are: cfn, hot.",
                          t);
            return;
        }
        snprintf(type, sizeof(type), "%s", strcasecmp(t, "hot") == 0 ? "hot" : "cfn");
    }
    call_reply(
        r, "generate_template",
        json_pack("{s:s, s:s}", "type_name", v1_param(r, "type_name"), "template_type", type),
        NULL);
}

static void template_functions(v1_req *r)
{
    bool with_condition = false;

    if (v1_arg_bool(r, "with_condition_func", &with_condition, NULL) != 0)
        return;
    call_reply(r, "list_template_functions",
               json_pack("{s:s, s:b}", "template_version", v1_param(r, "template_version"),
                         "with_condition", with_condition),
               "template_functions");
}

static void build_info(v1_req *r)
{
    json_t *rev = NULL;

    if (v1_call(r, "get_revision", json_object(), &rev) != 0)
        return;
    v1_reply(r, 200,
             json_pack("{s:{s:s}, s:{s:O}}", "api", "revision", r->api->revision, "engine",
                       "revision", rev != NULL ? rev : json_null()));
    json_decref(rev);
}

static void services(v1_req *r)
{
    hh_rpc_request *req = hh_rpc_request_new("list_services", NULL, &r->ctx);
    json_t *res = NULL;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    if (req == NULL) {
        v1_http_error(r, 500, "out of memory");
        return;
    }
    rc = hh_rpc_call(r->api->rpc, HH_RPC_ENGINE_TOPIC, req, r->api->rpc_timeout_ms, &res, &err);
    hh_rpc_request_free(req);
    if (rc != 0) {
        const char *type = err.type != NULL ? err.type : hh_rpc_type_for_rc(rc);

        if (strcmp(type, "MessagingTimeout") == 0)
            v1_http_error(r, 503, "All heat engines are down.");
        else
            hh_api_fault_from_error(r->resp, &err);
        return;
    }
    v1_reply(r, 200, json_pack("{s:o}", "services", res != NULL ? res : json_array()));
}

static void config_index(v1_req *r)
{
    json_t *args = json_object();
    const char *marker = hh_http_req_arg(r->http, "marker");
    json_int_t limit = 0;
    bool has = false, global = false;
    hh_rpc_context saved = r->ctx;

    if (v1_arg_bool(r, "global_tenant", &global, NULL) != 0 ||
        v1_arg_int(r, "limit", &limit, &has) != 0) {
        json_decref(args);
        return;
    }
    if (has)
        json_object_set_new(args, "limit", json_integer(limit));
    if (marker != NULL && marker[0] != '\0')
        json_object_set_new(args, "marker", json_string(marker));
    if (global)
        r->ctx.is_admin = true;
    call_reply(r, "list_software_configs", args, "software_configs");
    r->ctx = saved;
}

static void config_create(v1_req *r)
{
    static const char *const keys[] = {"name",    "group",   "config", "inputs",
                                       "outputs", "options", NULL};
    json_t *body = v1_need_body(r), *args;

    if (body == NULL)
        return;
    args = json_object();
    for (size_t i = 0; keys[i] != NULL; i++) {
        json_t *v = json_object_get(body, keys[i]);
        json_object_set(args, keys[i], v != NULL ? v : json_null());
    }
    call_reply(r, "create_software_config", args, "software_config");
}

/* Keys of body copied into args: all of them (null when absent) or only
 * those set and not null. */
static json_t *pick(const json_t *body, const char *const *keys, bool only_set)
{
    json_t *args = json_object();

    for (size_t i = 0; keys[i] != NULL; i++) {
        json_t *v = json_object_get(body, keys[i]);
        if (v != NULL && !json_is_null(v))
            json_object_set(args, keys[i], v);
        else if (!only_set)
            json_object_set_new(args, keys[i], json_null());
    }
    return args;
}

static void deployment_create(v1_req *r)
{
    static const char *const keys[] = {
        "config_id", "server_id",     "input_values",          "action",
        "status",    "status_reason", "stack_user_project_id", NULL};
    json_t *body = v1_need_body(r);

    if (body == NULL)
        return;
    /* action and status have the engine's defaults when not given */
    call_reply(r, "create_software_deployment", pick(body, keys, true), "software_deployment");
}

static void deployment_update(v1_req *r)
{
    static const char *const keys[] = {
        "config_id", "input_values", "output_values", "action", "status", "status_reason", NULL};
    json_t *body = v1_need_body(r), *args;

    if (body == NULL)
        return;
    args = pick(body, keys, true);
    json_object_set_new(args, "deployment_id", json_string(v1_param(r, "deployment_id")));
    call_reply(r, "update_software_deployment", args, "software_deployment");
}

void v1_misc(v1_req *r, int action)
{
    const char *v;

    switch (action) {
    case A_VALIDATE:
        validate(r);
        break;
    case A_RESOURCE_TYPES:
        resource_types(r);
        break;
    case A_RESOURCE_SCHEMA:
        call_reply(r, "resource_schema",
                   json_pack("{s:s, s:b}", "type_name", v1_param(r, "type_name"),
                             "with_description", false),
                   NULL);
        break;
    case A_GENERATE_TEMPLATE:
        generate_template(r);
        break;
    case A_TEMPLATE_VERSIONS:
        call_reply(r, "list_template_versions", json_object(), "template_versions");
        break;
    case A_TEMPLATE_FUNCTIONS:
        template_functions(r);
        break;
    case A_BUILD_INFO:
        build_info(r);
        break;
    case A_SERVICE_INDEX:
        services(r);
        break;
    case A_CONFIG_INDEX:
        config_index(r);
        break;
    case A_CONFIG_CREATE:
        config_create(r);
        break;
    case A_CONFIG_SHOW:
        call_reply(r, "show_software_config",
                   json_pack("{s:s}", "config_id", v1_param(r, "config_id")), "software_config");
        break;
    case A_CONFIG_DELETE:
        call_no_content(r, "delete_software_config",
                        json_pack("{s:s}", "config_id", v1_param(r, "config_id")));
        break;
    case A_DEPLOYMENT_INDEX:
        v = hh_http_req_arg(r->http, "server_id");
        call_reply(r, "list_software_deployments",
                   v != NULL && v[0] != '\0' ? json_pack("{s:s}", "server_id", v) : json_object(),
                   "software_deployments");
        break;
    case A_DEPLOYMENT_METADATA:
        call_reply(r, "metadata_software_deployments",
                   json_pack("{s:s}", "server_id", v1_param(r, "server_id")), "metadata");
        break;
    case A_DEPLOYMENT_CREATE:
        deployment_create(r);
        break;
    case A_DEPLOYMENT_SHOW:
        call_reply(r, "show_software_deployment",
                   json_pack("{s:s}", "deployment_id", v1_param(r, "deployment_id")),
                   "software_deployment");
        break;
    case A_DEPLOYMENT_UPDATE:
        deployment_update(r);
        break;
    case A_DEPLOYMENT_DELETE:
        call_no_content(r, "delete_software_deployment",
                        json_pack("{s:s}", "deployment_id", v1_param(r, "deployment_id")));
        break;
    default:
        hh_api_plain(r->http, r->resp, 404, NULL);
        break;
    }
}
