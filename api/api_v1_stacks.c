/* api_v1_stacks: the stack routes (heat/api/openstack/v1/stacks.py). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_fetch.h"
#include "api_v1_internal.h"
#include "doc_load.h"
#include "tmpl_env.h"

/* InstantiationData.PARAMS: the body keys that are not "args". */
static const char *const data_params[] = {
    "stack_name", "template",          "template_url",    "parameters", "environment",
    "files",      "environment_files", "files_container", NULL,
};

/* stacks_view.basic_keys */
static const char *const basic_keys[] = {
    "stack_identity",        "stack_name",    "description",  "stack_status", "stack_status_reason",
    "creation_time",         "deletion_time", "updated_time", "stack_owner",  "parent",
    "stack_user_project_id", "tags",          NULL,
};

/* Parse text as YAML or JSON (template_format.parse / simple_parse) into
 * *out (new); -1 answered "<what> not in valid format: ..." (400). */
static int parse_text(v1_req *r, const char *what, const char *text, json_t **out)
{
    hh_doc_limits lim = hh_doc_limits_default;
    hh_error err;
    json_t *doc = NULL;
    size_t len = strlen(text);

    hh_error_clear(&err);
    if (len > r->api->max_template_size)
        return v1_limit_error(r, "Template", len, r->api->max_template_size);
    lim.max_size = r->api->max_template_size;
    if (hh_doc_parse(text, len, NULL, &lim, &doc, NULL, &err) != 0)
        return v1_http_error(r, 400, "%s not in valid format: %s", what, err.message);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return v1_http_error(r, 400,
                             "%s not in valid format: The %s is not a JSON object or "
                             "YAML mapping.",
                             what, what[0] == 'T' ? "template" : "environment");
    }
    *out = doc;
    return 0;
}

/* validate_template_limit(str(template)) with the JSON text's length. */
static int check_template_size(v1_req *r, const json_t *tmpl)
{
    char *text = json_dumps(tmpl, JSON_COMPACT);
    size_t len = text != NULL ? strlen(text) : 0;

    free(text);
    if (len > r->api->max_template_size)
        return v1_limit_error(r, "Template", len, r->api->max_template_size);
    return 0;
}

/* InstantiationData.template(): *out new, or NULL for a PATCH without one.
 * -1 answered. */
int v1_data_template(v1_req *r, const json_t *data, bool patch, json_t **out)
{
    const json_t *t;

    *out = NULL;
    if ((t = json_object_get(data, "adopt_stack_data")) != NULL) {
        json_t *adopt = NULL;
        const json_t *tmpl;

        if (json_is_string(t)) {
            if (parse_text(r, "Adopt data", json_string_value(t), &adopt) != 0) {
                /* Heat words this one "Invalid adopt data: ..." */
                return -1;
            }
        } else if (json_is_object(t)) {
            adopt = json_incref((json_t *)t);
        } else {
            return v1_http_error(r, 400, "Invalid adopt data: the data is not a mapping");
        }
        tmpl = json_object_get(adopt, "template");
        if (tmpl == NULL) {
            json_decref(adopt);
            return v1_http_error(r, 400, "Invalid adopt data: 'template'");
        }
        *out = json_incref((json_t *)tmpl);
        json_decref(adopt);
        return check_template_size(r, *out);
    }
    if ((t = json_object_get(data, "template")) != NULL && json_is_object(t)) {
        if (check_template_size(r, t) != 0)
            return -1;
        *out = json_incref((json_t *)t);
        return 0;
    }
    if (t != NULL && json_is_string(t))
        return parse_text(r, "Template", json_string_value(t), out);
    if (t == NULL && (t = json_object_get(data, "template_url")) != NULL) {
        hh_error err;
        char *text = NULL;
        size_t len = 0;
        int rc;

        hh_error_clear(&err);
        if (!json_is_string(t))
            return v1_http_error(r, 400, "Could not retrieve template: Invalid URL scheme ");
        if (hh_api_fetch(json_string_value(t), r->api->max_template_size, r->api->rpc_timeout_ms,
                         &text, &len, &err) != 0)
            return v1_http_error(r, 400, "Could not retrieve template: %s", err.message);
        rc = parse_text(r, "Template", text, out);
        free(text);
        return rc;
    }
    if (patch)
        return 0;
    return v1_http_error(r, 400, "No template specified");
}

/* environment_format.default_for_missing */
static void default_for_missing(json_t *env)
{
    static const char *const maps[] = {"parameters", "parameter_defaults", "resource_registry",
                                       NULL};
    static const char *const lists[] = {"encrypted_param_names", "event_sinks", NULL};

    for (size_t i = 0; maps[i] != NULL; i++)
        if (json_object_get(env, maps[i]) == NULL)
            json_object_set_new(env, maps[i], json_object());
    for (size_t i = 0; lists[i] != NULL; i++)
        if (json_object_get(env, lists[i]) == NULL)
            json_object_set_new(env, lists[i], json_array());
}

static bool truthy(const json_t *v)
{
    return v != NULL && !json_is_null(v) && !json_is_false(v) &&
           !(json_is_array(v) && json_array_size(v) == 0) &&
           !(json_is_object(v) && json_object_size(v) == 0) &&
           !(json_is_string(v) && json_string_length(v) == 0);
}

/* InstantiationData.environment(): *out new; -1 answered. */
int v1_data_environment(v1_req *r, const json_t *data, json_t **out)
{
    const json_t *e = json_object_get(data, "environment");
    const json_t *params = json_object_get(data, "parameters");
    json_t *env = NULL;

    *out = NULL;
    if (e != NULL && !truthy(json_object_get(data, "environment_files"))) {
        hh_env *parsed = NULL;
        hh_error err;

        hh_error_clear(&err);
        if (json_is_string(e)) {
            if (json_string_length(e) == 0)
                env = json_object();
            else if (parse_text(r, "Environment", json_string_value(e), &env) != 0)
                return -1;
        } else if (json_is_object(e)) {
            env = json_deep_copy(e);
        } else if (json_is_null(e)) {
            env = json_object();
        } else {
            return v1_http_error(r, 400,
                                 "Environment not in valid format: The environment is "
                                 "not a valid YAML mapping data type.");
        }
        if (hh_env_from_json(env, &parsed, &err) != 0) {
            json_decref(env);
            return v1_http_error(r, 400, "Environment not in valid format: %s", err.message);
        }
        hh_env_free(parsed);
    } else {
        env = json_object();
    }
    if (env == NULL)
        return v1_http_error(r, 500, "out of memory");
    default_for_missing(env);
    if (params != NULL && !json_is_null(params)) {
        if (!json_is_object(params)) {
            json_decref(env);
            return v1_http_error(r, 400, "The parameters must be a mapping");
        }
        json_object_update(json_object_get(env, "parameters"), (json_t *)params);
    }
    *out = env;
    return 0;
}

/* InstantiationData.args() + StackController.prepare_args: new; -1
 * answered. */
static int data_args(v1_req *r, const json_t *data, bool patch, bool is_update, json_t **out)
{
    json_t *args = json_object();
    const char *key;
    json_t *value, *v;

    *out = NULL;
    json_object_foreach((json_t *)data, key, value)
    {
        bool skip = false;
        for (size_t i = 0; data_params[i] != NULL; i++)
            skip = skip || strcmp(data_params[i], key) == 0;
        if (!skip)
            json_object_set(args, key, value);
    }
    if (patch)
        json_object_set_new(args, "existing", json_true());
    if ((v = json_object_get(args, "timeout_mins")) != NULL && !json_is_null(v)) {
        if (json_is_string(v)) {
            const char *s = json_string_value(v);
            char *end = NULL;
            long long n = strtoll(s, &end, 10);

            if (end == s || *end != '\0') {
                json_decref(args);
                return v1_http_error(r, 400, "Only integer is acceptable by 'timeout_mins'.");
            }
            json_object_set_new(args, "timeout_mins", json_integer(n));
            v = json_object_get(args, "timeout_mins");
        }
        if (!json_is_integer(v)) {
            json_decref(args);
            return v1_http_error(r, 400, "Only integer is acceptable by 'timeout_mins'.");
        }
        if (json_integer_value(v) < 0) {
            json_decref(args);
            return v1_http_error(r, 400,
                                 "Value '%" JSON_INTEGER_FORMAT "' is invalid for 'timeout_mins' "
                                 "which only accepts non-negative integer.",
                                 json_integer_value(v));
        }
    }
    if ((v = json_object_get(args, "tags")) != NULL && !json_is_null(v)) {
        json_t *tags = NULL;

        if (json_is_string(v)) {
            if (v1_tags(r, "tags", json_string_value(v), &tags) != 0) {
                json_decref(args);
                return -1;
            }
            json_object_set_new(args, "tags", tags);
        } else if (!json_is_array(v)) {
            json_decref(args);
            hh_api_fault(r->resp, 0, "AttributeError", NULL);
            return -1;
        }
    }
    if (!is_update && json_object_get(args, "converge") != NULL) {
        json_decref(args);
        return v1_http_error(r, 400,
                             "converge flag only supported in stack update (or update preview) "
                             "request.");
    }
    *out = args;
    return 0;
}

/* The engine arguments of create, preview, update and preview_update:
 * template, params, files, args, environment_files, files_container. */
static json_t *instantiation_args(v1_req *r, bool patch, bool is_update)
{
    json_t *data = v1_need_body(r);
    json_t *tmpl = NULL, *env = NULL, *args = NULL, *out = NULL;
    const json_t *files, *env_files, *container;

    if (data == NULL)
        return NULL;
    if (v1_data_template(r, data, patch, &tmpl) != 0 || v1_data_environment(r, data, &env) != 0 ||
        data_args(r, data, patch, is_update, &args) != 0)
        goto done;
    files = json_object_get(data, "files");
    env_files = json_object_get(data, "environment_files");
    container = json_object_get(data, "files_container");
    if (files != NULL && !json_is_object(files) && !json_is_null(files)) {
        v1_http_error(r, 400, "The files must be a mapping");
        goto done;
    }
    if (env_files != NULL && !json_is_array(env_files) && !json_is_null(env_files)) {
        v1_http_error(r, 400, "The environment_files must be a list");
        goto done;
    }
    out = json_pack("{s:O?, s:O, s:o, s:O, s:O?, s:O?}", "template", tmpl, "params", env, "files",
                    files != NULL && !json_is_null(files) ? json_incref((json_t *)files)
                                                          : json_object(),
                    "args", args, "environment_files", env_files, "files_container", container);
    if (out == NULL)
        v1_http_error(r, 400, "The request's fields have the wrong types");
done:
    json_decref(tmpl);
    json_decref(env);
    json_decref(args);
    return out;
}

static const char *stack_name_of(v1_req *r)
{
    const json_t *name = json_object_get(r->body, "stack_name");

    if (name == NULL) {
        v1_http_error(r, 400, "No stack name specified");
        return NULL;
    }
    if (!json_is_string(name)) {
        v1_http_error(r, 400, "The stack name must be a string");
        return NULL;
    }
    return json_string_value(name);
}

static void do_create(v1_req *r, bool preview)
{
    json_t *args = NULL, *res = NULL, *stack = NULL;
    const char *name;
    char *href = NULL;

    if (v1_need_body(r) == NULL || (name = stack_name_of(r)) == NULL)
        return;
    if ((args = instantiation_args(r, false, false)) == NULL)
        return;
    json_object_set_new(args, "stack_name", json_string(name));
    if (v1_call(r, preview ? "preview_stack" : "create_stack", args, &res) != 0)
        return;
    if (preview) {
        v1_reply(r, 200, json_pack("{s:o}", "stack", v1_format_stack(r, res, NULL, false)));
        json_decref(res);
        return;
    }
    stack = json_pack("{s:O}", "stack_identity", res);
    href = v1_make_url(r, res);
    if (href != NULL)
        hh_http_resp_header(r->resp, "Location", href);
    v1_reply(r, 201, json_pack("{s:o}", "stack", v1_format_stack(r, stack, NULL, false)));
    free(href);
    json_decref(stack);
    json_decref(res);
}

/* HeatIdentifier.from_arn: new identity, or NULL when arn is not one. */
static json_t *identity_from_arn(const char *arn)
{
    char *copy = strdup(arn), *fields[6] = {0}, *p = copy, *rest, *name, *id, *path;
    json_t *out = NULL;
    int n = 0;

    if (copy == NULL)
        return NULL;
    /* fields[5] is the rest, colons included */
    while (n < 5 && (rest = strchr(p, ':')) != NULL) {
        *rest = '\0';
        fields[n++] = p;
        p = rest + 1;
    }
    fields[n++] = p;
    if (n < 6 || strcasecmp(fields[0], "arn") != 0 || strcmp(fields[1], "openstack") != 0 ||
        strcmp(fields[2], "heat") != 0 || strncmp(fields[5], "stacks/", 7) != 0)
        goto done;
    name = fields[5] + 7;
    if ((id = strchr(name, '/')) == NULL || id == name)
        goto done;
    *id++ = '\0';
    path = id + strcspn(id, "/");
    if (path == id)
        goto done;
    {
        char idbuf[256];
        snprintf(idbuf, sizeof(idbuf), "%.*s", (int)(path - id), id);
        out = json_pack("{s:s, s:s, s:s, s:s}", "tenant", fields[4], "stack_name", name, "stack_id",
                        idbuf, "path", path);
    }
done:
    free(copy);
    return out;
}

static void do_lookup(v1_req *r)
{
    const char *name = v1_param(r, "stack_name");
    const char *path = hh_api_match_param(r->m, "path");
    json_t *identity = identity_from_arn(name);
    char *url = NULL, *query = NULL, *loc = NULL;

    if (identity == NULL &&
        v1_call(r, "identify_stack", json_pack("{s:s}", "stack_name", name), &identity) != 0)
        return;
    url = v1_make_url(r, identity);
    query = v1_query_string(r, NULL);
    if (url == NULL || query == NULL) {
        v1_http_error(r, 500, "Invalid Stack address");
        goto done;
    }
    loc = malloc(strlen(url) + (path ? strlen(path) : 0) + strlen(query) + 3);
    if (loc == NULL)
        goto done;
    sprintf(loc, "%s%s%s%s%s", url, path ? "/" : "", path ? path : "", query[0] ? "?" : "", query);
    hh_api_plain(r->http, r->resp, 302, loc);
done:
    free(url);
    free(query);
    free(loc);
    json_decref(identity);
}

static void do_index(v1_req *r)
{
    static const char *const singles[] = {"limit",       "marker",       "sort_dir", "show_deleted",
                                          "show_nested", "show_hidden",  "tags",     "tags_any",
                                          "not_tags",    "not_tags_any", NULL};
    static const char *const bools[] = {"show_deleted", "show_nested", "show_hidden", NULL};
    static const char *const tag_keys[] = {"tags", "tags_any", "not_tags", "not_tags_any", NULL};
    static const char *const filter_keys[] = {"stack_name",
                                              "stack_action",
                                              "stack_status",
                                              "stack_status_reason",
                                              "disable_rollback",
                                              "timeout_mins",
                                              "stack_owner",
                                              "parent",
                                              "stack_user_project_id",
                                              "id",
                                              "status",
                                              "name",
                                              "action",
                                              "tenant",
                                              "username",
                                              "owner_id",
                                              NULL};
    json_t *params = json_object(), *filters = json_object(), *count_args = NULL;
    json_t *stacks = NULL, *formatted = NULL, *result = NULL, *links, *count = NULL;
    json_t *sort_keys = v1_arg_all(r, "sort_keys");
    bool global = false, with_count = false, has;
    hh_rpc_context saved = r->ctx;

    if (v1_arg_bool(r, "global_tenant", &global, NULL) != 0)
        goto done;
    for (size_t i = 0; singles[i] != NULL; i++) {
        const char *v = hh_http_req_arg(r->http, singles[i]);
        if (v != NULL && v[0] != '\0')
            json_object_set_new(params, singles[i], json_string(v));
    }
    if (json_array_size(sort_keys) > 0)
        json_object_set(params, "sort_keys", sort_keys);
    for (size_t i = 0; filter_keys[i] != NULL; i++) {
        json_t *v = v1_arg_mixed(r, filter_keys[i]);
        if (v != NULL)
            json_object_set_new(filters, filter_keys[i], v);
    }
    for (size_t i = 0; bools[i] != NULL; i++) {
        bool b = false;
        if (json_object_get(params, bools[i]) == NULL)
            continue;
        if (v1_arg_bool(r, bools[i], &b, NULL) != 0)
            goto done;
        json_object_set_new(params, bools[i], json_boolean(b));
    }
    if (json_object_get(params, "limit") != NULL) {
        json_int_t n = 0;
        if (v1_arg_int(r, "limit", &n, &has) != 0)
            goto done;
        json_object_set_new(params, "limit", json_integer(n));
    }
    for (size_t i = 0; tag_keys[i] != NULL; i++) {
        json_t *tags = NULL;
        const char *v = json_string_value(json_object_get(params, tag_keys[i]));
        if (v == NULL)
            continue;
        if (v1_tags(r, tag_keys[i], v, &tags) != 0)
            goto done;
        json_object_set_new(params, tag_keys[i], tags);
    }
    {
        const char *wc = hh_http_req_arg(r->http, "with_count");
        if (wc != NULL && wc[0] != '\0' && v1_arg_bool(r, "with_count", &with_count, NULL) != 0)
            goto done;
    }
    if (global)
        r->ctx.is_admin = true; /* the admin context of Heat's global_index */
    if (with_count) {
        count_args = json_deep_copy(params);
        json_object_del(count_args, "limit");
        json_object_del(count_args, "marker");
        json_object_del(count_args, "sort_keys");
        json_object_del(count_args, "sort_dir");
        json_object_set(count_args, "filters", json_object_size(filters) ? filters : json_null());
    }
    json_object_set(params, "filters", json_object_size(filters) ? filters : json_null());
    if (v1_call(r, "list_stacks", params, &stacks) != 0) {
        params = NULL;
        goto done;
    }
    params = NULL;
    if (with_count) {
        int rc = v1_call(r, "count_stacks", count_args, &count);
        count_args = NULL;
        if (rc != 0)
            goto done;
    }
    if (count == NULL && v1_kept_reply(r, stacks))
        goto done;
    formatted = json_array();
    for (size_t i = 0; i < json_array_size(stacks); i++)
        json_array_append_new(formatted,
                              v1_format_stack(r, json_array_get(stacks, i), basic_keys, true));
    result = json_pack("{s:O}", "stacks", formatted);
    if ((links = v1_collection_links(r, formatted)) != NULL)
        json_object_set_new(result, "links", links);
    if (count != NULL) {
        json_object_set(result, "count", count);
        v1_reply(r, 200, result);
    } else {
        v1_kept_store_reply(r, stacks, result);
    }
done:
    r->ctx = saved;
    json_decref(params);
    json_decref(filters);
    json_decref(count_args);
    json_decref(sort_keys);
    json_decref(stacks);
    json_decref(formatted);
    json_decref(count);
}

static void do_detail(v1_req *r)
{
    json_t *stacks = NULL, *out;

    if (v1_call(r, "list_stacks", json_object(), &stacks) != 0)
        return;
    out = json_array();
    for (size_t i = 0; i < json_array_size(stacks); i++)
        json_array_append_new(out, v1_format_stack(r, json_array_get(stacks, i), NULL, false));
    v1_reply(r, 200, json_pack("{s:o}", "stacks", out));
    json_decref(stacks);
}

static void do_show(v1_req *r)
{
    bool resolve = true;
    json_t *list = NULL;

    if (v1_arg_bool(r, "resolve_outputs", &resolve, NULL) != 0)
        return;
    if (v1_call(
            r, "show_stack",
            json_pack("{s:o, s:b}", "stack_identity", v1_identity(r), "resolve_outputs", resolve),
            &list) != 0)
        return;
    if (!json_is_array(list) || json_array_size(list) == 0) {
        hh_api_fault_http(r->resp, 500, NULL);
    } else {
        v1_reply(
            r, 200,
            json_pack("{s:o}", "stack", v1_format_stack(r, json_array_get(list, 0), NULL, false)));
    }
    json_decref(list);
}

static void do_update(v1_req *r, bool patch, bool preview)
{
    json_t *args, *res = NULL;

    if ((args = instantiation_args(r, patch, true)) == NULL)
        return;
    if (preview) {
        bool show_nested = false, has = false;
        if (v1_arg_bool(r, "show_nested", &show_nested, &has) != 0) {
            json_decref(args);
            return;
        }
        if (has)
            json_object_set_new(json_object_get(args, "args"), "show_nested",
                                json_boolean(show_nested));
    }
    json_object_set_new(args, "stack_identity", v1_identity(r));
    if (v1_call(r, preview ? "preview_update_stack" : "update_stack", args, &res) != 0)
        return;
    if (preview)
        v1_reply(r, 200, json_pack("{s:O}", "resource_changes", res));
    else
        hh_api_plain(r->http, r->resp, 202, NULL);
    json_decref(res);
}

/* The routes whose answer is the engine's result as it is, or wrapped
 * under one key, or an empty status. */
static void simple(v1_req *r, const char *method, json_t *args, const char *wrap, int status)
{
    json_t *res = NULL;

    if (json_object_get(args, "stack_identity") == NULL)
        json_object_set_new(args, "stack_identity", v1_identity(r));
    if (v1_call(r, method, args, &res) != 0)
        return;
    if (status == 204 || status == 202)
        hh_api_plain(r->http, r->resp, status, NULL);
    else if (wrap != NULL)
        v1_reply(r, status, json_pack("{s:O}", wrap, res));
    else
        v1_reply(r, status, json_incref(res));
    json_decref(res);
}

/* The routes answered by one engine call on the path's stack: the
 * result as it is or under wrap; 202 and 204 with webob's plain body.
 * param: a path parameter passed under its own name. */
static const struct {
    int action;
    const char *method;
    const char *param;
    const char *wrap;
    int status;
} simple_routes[] = {
    {A_STACK_TEMPLATE, "get_template", NULL, NULL, 200},
    {A_STACK_ENVIRONMENT, "get_environment", NULL, NULL, 200},
    {A_STACK_FILES, "get_files", NULL, NULL, 200},
    {A_STACK_DELETE, "delete_stack", NULL, NULL, 204},
    {A_STACK_ABANDON, "abandon_stack", NULL, NULL, 200},
    {A_STACK_EXPORT, "export_stack", NULL, NULL, 200},
    {A_SNAPSHOT_SHOW, "show_snapshot", "snapshot_id", "snapshot", 200},
    {A_SNAPSHOT_DELETE, "delete_snapshot", "snapshot_id", NULL, 204},
    {A_SNAPSHOT_LIST, "stack_list_snapshots", NULL, "snapshots", 200},
    {A_SNAPSHOT_RESTORE, "stack_restore", "snapshot_id", NULL, 202},
    {A_OUTPUT_LIST, "list_outputs", NULL, "outputs", 200},
    {A_OUTPUT_SHOW, "show_output", "output_key", "output", 200},
};

/* PUT, PATCH and their previews. */
static const struct {
    int action;
    bool patch, preview;
} update_routes[] = {
    {A_STACK_UPDATE, false, false},
    {A_STACK_UPDATE_PATCH, true, false},
    {A_STACK_PREVIEW_UPDATE, false, true},
    {A_STACK_PREVIEW_UPDATE_PATCH, true, true},
};

void v1_stacks(v1_req *r, int action)
{
    json_t *body;

    for (size_t i = 0; i < sizeof(simple_routes) / sizeof(simple_routes[0]); i++) {
        const char *p = simple_routes[i].param;

        if (simple_routes[i].action != action)
            continue;
        simple(r, simple_routes[i].method,
               p != NULL ? json_pack("{s:s}", p, v1_param(r, p)) : json_object(),
               simple_routes[i].wrap, simple_routes[i].status);
        return;
    }
    for (size_t i = 0; i < sizeof(update_routes) / sizeof(update_routes[0]); i++) {
        if (update_routes[i].action == action) {
            do_update(r, update_routes[i].patch, update_routes[i].preview);
            return;
        }
    }
    switch (action) {
    case A_STACK_INDEX:
        do_index(r);
        break;
    case A_STACK_CREATE:
        do_create(r, false);
        break;
    case A_STACK_PREVIEW:
        do_create(r, true);
        break;
    case A_STACK_DETAIL:
        do_detail(r);
        break;
    case A_STACK_LOOKUP:
        do_lookup(r);
        break;
    case A_STACK_SHOW:
        do_show(r);
        break;
    case A_SNAPSHOT_CREATE:
        if ((body = v1_need_body(r)) == NULL)
            break;
        simple(
            r, "stack_snapshot",
            json_pack("{s:O}", "name",
                      json_object_get(body, "name") ? json_object_get(body, "name") : json_null()),
            NULL, 200);
        break;
    default:
        hh_api_plain(r->http, r->resp, 404, NULL);
        break;
    }
}
