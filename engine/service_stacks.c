/* service_stacks: the engine API's stack, resource, event and output
 * methods (heat/engine/service.py EngineService), on the store. */
#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service_internal.h"
#include "stack_format.h"
#include "stack_model.h"
#include "tmpl_request.h"

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

/* A list argument given as a list of strings or one comma-separated string:
 * *out new array of strings (NULL when absent or empty). */
static json_t *str_list(const json_t *v)
{
    json_t *out;

    if (json_is_array(v))
        return json_array_size(v) > 0 ? json_deep_copy(v) : NULL;
    if (!json_is_string(v) || json_string_length(v) == 0)
        return NULL;
    out = json_array();
    for (const char *p = json_string_value(v); out != NULL && *p != '\0';) {
        size_t n = strcspn(p, ",");

        json_array_append_new(out, json_stringn(p, n));
        p += n;
        if (*p == ',')
            p++;
    }
    return out;
}

static bool list_has(const json_t *list, const char *s)
{
    size_t i;
    json_t *v;

    json_array_foreach(list, i, v)
    {
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
            return true;
    }
    return false;
}

/* How many of want's strings the stack's tags hold. */
static size_t tags_matching(const json_t *tags, const json_t *want)
{
    size_t i, n = 0;
    json_t *v;

    json_array_foreach(want, i, v)
    {
        if (list_has(tags, json_string_value(v)))
            n++;
    }
    return n;
}

/* ---- stacks ------------------------------------------------------------- */

HH_SVC_METHOD(identify_stack)
{
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_name"), true, &row, err);

    if (rc == 0 && (*result = hh_svc_stack_identity(row, NULL)) == NULL)
        rc = oom(err);
    json_decref(row);
    return rc;
}

/* Heat's stack list filters (api.translate_filters) onto the store's
 * columns; keys the store does not filter on are left out. *out new. */
static json_t *stack_filters(const json_t *in)
{
    static const char *const map[][2] = {
        {"stack_name", "name"},      {"stack_action", "action"}, {"stack_status", "status"},
        {"stack_owner", "username"}, {"parent", "owner_id"},     {"name", "name"},
        {"action", "action"},        {"status", "status"},       {"id", "id"},
        {"tenant", "tenant"},        {"username", "username"},   {"owner_id", "owner_id"},
    };
    json_t *out = json_object();

    for (size_t i = 0; out != NULL && i < sizeof(map) / sizeof(map[0]); i++) {
        const json_t *v = json_object_get(in, map[i][0]);

        if (v != NULL && (json_is_string(v) || json_is_array(v)) &&
            json_object_get(out, map[i][1]) == NULL)
            json_object_set(out, map[i][1], (json_t *)v);
    }
    return out;
}

/* A {Heat's name, column} pair of sort keys. */
typedef struct sort_map {
    const char *name, *column;
} sort_map;

/* The column of the first of keys (a list or comma-separated string) that
 * map knows; others are ignored, as Heat's. NULL when none. */
static const char *sort_key(const json_t *keys, const sort_map *map, size_t n)
{
    json_t *list = str_list(keys), *v;
    const char *key = NULL;
    size_t i;

    json_array_foreach(list, i, v)
    {
        for (size_t j = 0; key == NULL && j < n; j++)
            if (strcmp(json_string_value(v), map[j].name) == 0)
                key = map[j].column;
    }
    json_decref(list);
    return key;
}

/* Heat's sort keys of stacks (rpc_api names and column names). */
static const sort_map stack_sorts[] = {
    {"stack_name", "name"},          {"name", "name"},
    {"stack_status", "status"},      {"status", "status"},
    {"creation_time", "created_at"}, {"created_at", "created_at"},
    {"updated_time", "updated_at"},  {"updated_at", "updated_at"},
};

static int sort_dir_arg(const hh_svc_call *c, const char **dir, hh_error *err)
{
    *dir = hh_svc_arg_str(c, "sort_dir");
    if (*dir != NULL && strcmp(*dir, "asc") != 0 && strcmp(*dir, "desc") != 0)
        return hh_error_set(err, HH_EINVAL, "Invalid",
                            "Unknown sort direction, must be 'desc' or 'asc'");
    return 0;
}

/* The stacks list_stacks and count_stacks select: tenant (unless admin),
 * filters, deleted/nested, tags and hidden tags. *out new array of rows. */
static int stack_select(hh_svc_call *c, const char *sort_key, const char *sort_dir, json_t **out,
                        hh_error *err)
{
    hh_store_list_opts lo = {.sort_key = sort_key, .sort_dir = sort_dir};
    json_t *filters = stack_filters(json_object_get(c->args, "filters"));
    json_t *rows = NULL, *kept = NULL, *hidden = NULL, *row;
    json_t *tags = str_list(json_object_get(c->args, "tags"));
    json_t *tags_any = str_list(json_object_get(c->args, "tags_any"));
    json_t *not_tags = str_list(json_object_get(c->args, "not_tags"));
    json_t *not_tags_any = str_list(json_object_get(c->args, "not_tags_any"));
    const char *const *hv;
    size_t i, nh = 0;
    int rc;

    *out = NULL;
    if (filters == NULL || (kept = json_array()) == NULL || (hidden = json_array()) == NULL) {
        rc = oom(err);
        goto done;
    }
    if (!hh_svc_arg_bool(c, "show_hidden", false)) {
        hv = hh_conf_get_list(hh_svc_conf(c->s), "DEFAULT", "hidden_stack_tags", &nh);
        for (i = 0; i < nh; i++)
            json_array_append_new(hidden, json_string(hv[i]));
    }
    lo.filters = filters;
    rc = hh_store_stack_list(c->st, c->ctx->is_admin ? NULL : c->ctx->tenant, &lo,
                             hh_svc_arg_bool(c, "show_deleted", false),
                             hh_svc_arg_bool(c, "show_nested", false), &rows, err);
    if (rc != 0)
        goto done;
    json_array_foreach(rows, i, row)
    {
        const json_t *t = json_object_get(row, "tags");

        if (tags != NULL && tags_matching(t, tags) != json_array_size(tags))
            continue;
        if (tags_any != NULL && tags_matching(t, tags_any) == 0)
            continue;
        if (not_tags != NULL && tags_matching(t, not_tags) == json_array_size(not_tags))
            continue;
        if (not_tags_any != NULL && tags_matching(t, not_tags_any) > 0)
            continue;
        if (tags_matching(t, hidden) > 0)
            continue;
        json_array_append(kept, row);
    }
    *out = kept;
    kept = NULL;
done:
    json_decref(kept);
    json_decref(rows);
    json_decref(filters);
    json_decref(hidden);
    json_decref(tags);
    json_decref(tags_any);
    json_decref(not_tags);
    json_decref(not_tags_any);
    return rc;
}

HH_SVC_METHOD(list_stacks)
{
    const char *dir, *marker = hh_svc_arg_str(c, "marker");
    json_t *rows = NULL, *list = NULL, *row;
    long long limit;
    size_t i, start = 0;
    int rc;

    if ((rc = hh_svc_arg_int(c, "limit", -1, &limit, err)) != 0 ||
        (rc = sort_dir_arg(c, &dir, err)) != 0)
        return rc;
    if (limit < -1 || (limit < 0 && json_is_integer(json_object_get(c->args, "limit"))))
        return hh_error_set(err, HH_EINVAL, "Invalid", "Value must be a non-negative integer");
    rc = stack_select(c,
                      sort_key(json_object_get(c->args, "sort_keys"), stack_sorts,
                               sizeof(stack_sorts) / sizeof(stack_sorts[0])),
                      dir, &rows, err);
    if (rc != 0)
        return rc;
    /* a marker that is no stack of the list is ignored, as Heat's */
    json_array_foreach(rows, i, row)
    {
        if (marker != NULL && strcmp(jstr(row, "id"), marker) == 0)
            start = i + 1;
    }
    if ((list = json_array()) == NULL) {
        json_decref(rows);
        return oom(err);
    }
    for (i = start; i < json_array_size(rows) && (limit < 0 || (long long)(i - start) < limit); i++)
        json_array_append_new(list, hh_svc_format_stack_db(json_array_get(rows, i)));
    json_decref(rows);
    *result = list;
    return 0;
}

HH_SVC_METHOD(count_stacks)
{
    json_t *rows = NULL;
    int rc = stack_select(c, NULL, NULL, &rows, err);

    if (rc == 0)
        *result = json_integer((json_int_t)json_array_size(rows));
    json_decref(rows);
    return rc;
}

/* format_stack of row, its model loaded on c->st. */
static int show_one(hh_svc_call *c, const json_t *row, bool resolve_outputs, json_t **out,
                    hh_error *err)
{
    hh_stack_model *m = NULL;
    json_t *params = NULL, *outputs = NULL;
    bool deleted = strcmp(jstr(row, "action") ? jstr(row, "action") : "", "DELETE") == 0 &&
                   strcmp(jstr(row, "status") ? jstr(row, "status") : "", "COMPLETE") == 0;
    int rc;

    *out = NULL;
    rc = hh_stack_model_load(c->st, jstr(row, "id"), true, &m, err);
    /* outputs resolve on read (a failing one carries output_error) */
    if (rc == 0 && resolve_outputs && !deleted)
        rc = hh_stack_format_outputs(m, c->st, &outputs, err);
    if (rc == 0) {
        /* the model is this call's own: no worker resolves with it */
        params = hh_params_show_json(hh_stack_model_params(m));
        *out = hh_svc_format_stack(row, hh_stack_model_template(m), params, outputs);
        if (*out == NULL)
            rc = oom(err);
    }
    json_decref(params);
    json_decref(outputs);
    hh_stack_model_free(m);
    return rc;
}

HH_SVC_METHOD(show_stack)
{
    const json_t *ident = json_object_get(c->args, "stack_identity");
    bool resolve = hh_svc_arg_bool(c, "resolve_outputs", true);
    json_t *rows = NULL, *list = json_array(), *row, *one;
    size_t i;
    int rc = 0;

    if (list == NULL)
        return oom(err);
    if (ident != NULL && !json_is_null(ident)) {
        rc = hh_svc_get_stack(c, ident, true, &row, err);
        if (rc == 0) {
            rows = json_array();
            json_array_append_new(rows, row);
        }
    } else {
        rc = hh_store_stack_list(c->st, c->ctx->is_admin ? NULL : c->ctx->tenant, NULL, false,
                                 false, &rows, err);
    }
    json_array_foreach(rows, i, row)
    {
        if (rc != 0)
            break;
        rc = show_one(c, row, resolve, &one, err);
        if (rc == 0)
            json_array_append_new(list, one);
    }
    json_decref(rows);
    if (rc != 0)
        json_decref(list);
    else
        *result = list;
    return rc;
}

/* One column of the stack's raw template row. */
static int raw_field(hh_svc_call *c, const char *field, json_t **result, hh_error *err)
{
    json_t *row = NULL, *raw = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), true, &row, err);

    if (rc == 0)
        rc = hh_store_template_get(
            c->st, json_integer_value(json_object_get(row, "raw_template_id")), &raw, err);
    if (rc == 0) {
        json_t *v = json_object_get(raw, field);

        *result = v != NULL ? json_deep_copy(v) : json_object();
    }
    json_decref(row);
    json_decref(raw);
    return rc;
}

HH_SVC_METHOD(get_template)
{
    return raw_field(c, "template", result, err);
}

HH_SVC_METHOD(get_environment)
{
    return raw_field(c, "environment", result, err);
}

HH_SVC_METHOD(get_files)
{
    return raw_field(c, "files", result, err);
}

/* Heat's Stack name rule (stack.py STACK_NAME_RE). */
static int check_stack_name(const char *name, hh_error *err)
{
    size_t n = strlen(name);
    bool good = n > 0 && n <= 255 &&
                ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));

    for (size_t i = 1; good && i < n; i++)
        good = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-",
                      name[i]) != NULL;
    if (good)
        return 0;
    return hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                        "Invalid stack name %s must contain only alphanumeric or \"_-.\" "
                        "characters, must start with alpha and must be 255 characters or less.",
                        name);
}

/* Heat's extract_args for create: timeout_mins, disable_rollback, tags;
 * adopt_stack_data is refused (adopt is not wired). */
typedef struct create_args {
    int timeout_mins;
    bool disable_rollback;
    json_t *tags; /* owned, may be NULL */
} create_args;

static int bool_value(const json_t *v, const char *name, bool *out, hh_error *err)
{
    static const char *const yes[] = {"1", "t", "true", "on", "y", "yes"};
    static const char *const no[] = {"0", "f", "false", "off", "n", "no"};
    const char *s = json_string_value(v);

    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return 0;
    }
    for (size_t i = 0; s != NULL && i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
            *out = strcasecmp(s, yes[i]) == 0;
            return 0;
        }
    }
    return hh_error_set(err, HH_EINVAL, "ValueError",
                        "Unrecognized value \"%s\" for \"%s\", acceptable values are: true, false.",
                        s != NULL ? s : "", name);
}

static int extract_args(const json_t *args, create_args *a, hh_error *err)
{
    const json_t *v;
    size_t i;
    json_t *t;

    memset(a, 0, sizeof(*a));
    v = json_object_get(args, "timeout_mins");
    if (v != NULL && !json_is_null(v)) {
        long long n = 0;
        char *end = NULL;

        if (json_is_integer(v))
            n = json_integer_value(v);
        else if (json_is_string(v))
            n = strtoll(json_string_value(v), &end, 10);
        if (json_is_string(v) && (end == json_string_value(v) || *end != '\0'))
            n = 0; /* Heat logs a failed conversion and goes on without one */
        else if (n < 0 || n > 1000000)
            return hh_error_set(err, HH_EINVAL, "ValueError", "Invalid timeout value %lld", n);
        a->timeout_mins = (int)n;
    }
    v = json_object_get(args, "disable_rollback");
    if (v != NULL && bool_value(v, "disable_rollback", &a->disable_rollback, err) != 0)
        return err->rc;
    v = json_object_get(args, "tags");
    if (v == NULL || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
        return 0;
    a->tags = str_list(v);
    if (!json_is_array(v) && !json_is_string(v))
        return hh_error_set(err, HH_EINVAL, "ValueError", "Invalid tags, not a list");
    json_array_foreach(a->tags, i, t)
    {
        const char *s = json_string_value(t);

        if (s == NULL)
            return hh_error_set(err, HH_EINVAL, "ValueError", "Invalid tag, not a string");
        if (strlen(s) > 80)
            return hh_error_set(err, HH_EINVAL, "ValueError",
                                "Invalid tag, \"%s\" is longer than 80 characters", s);
        if (strchr(s, ',') != NULL)
            return hh_error_set(err, HH_EINVAL, "ValueError",
                                "Invalid tag, \"%s\" contains a comma", s);
    }
    return 0;
}

/* Heat's _validate_new_stack: the name is free in the tenant and the tenant
 * below max_stacks_per_tenant. */
static int validate_new_stack(hh_svc_call *c, const char *name, hh_error *err)
{
    int limit = hh_conf_get_int(hh_svc_conf(c->s), "DEFAULT", "max_stacks_per_tenant");
    json_t *existing = NULL;
    int64_t count = 0;
    int rc;

    if ((rc = check_stack_name(name, err)) != 0)
        return rc;
    if (hh_store_stack_get_by_name(c->st, c->ctx->tenant, name, &existing, NULL) == 0) {
        json_decref(existing);
        return hh_error_set(err, HH_EEXISTS, "StackExists", "The Stack (%s) already exists.", name);
    }
    if (limit < 0)
        return 0;
    if ((rc = hh_store_stack_count(c->st, c->ctx->tenant, false, &count, err)) != 0)
        return rc;
    if (count >= limit)
        return hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded",
                            "Request limit exceeded: You have reached the maximum stacks per "
                            "tenant, %d. Please delete some stacks.",
                            limit);
    return 0;
}

static hh_tmpl_request request_of(const hh_svc_call *c)
{
    const json_t *files = json_object_get(c->args, "files");
    const json_t *env = json_object_get(c->args, "params");
    const json_t *envf = json_object_get(c->args, "environment_files");

    return (hh_tmpl_request){
        .template = json_object_get(c->args, "template"),
        .source = "template",
        .files = json_is_object(files) ? files : NULL,
        .environment = json_is_object(env) ? env : NULL,
        .environment_files = json_is_array(envf) ? envf : NULL,
    };
}

HH_SVC_METHOD(create_stack)
{
    const char *name = hh_svc_arg_str(c, "stack_name");
    hh_tmpl_request req = request_of(c);
    create_args a;
    hh_stack_create_opts o = {0};
    const json_t *adopt;
    json_t *row = NULL;
    char id[HH_STORE_ID_LEN] = "";
    int rc;

    if (json_object_get(c->args, "owner_id") != NULL &&
        !json_is_null(json_object_get(c->args, "owner_id")))
        return hh_svc_not_supported(err, "Creating a nested stack through the API");
    if ((rc = extract_args(json_object_get(c->args, "args"), &a, err)) != 0)
        goto done;
    if ((rc = validate_new_stack(c, name, err)) != 0)
        goto done;
    o.name = name;
    o.tenant = c->ctx->tenant;
    o.username = c->ctx->user[0] != '\0' ? c->ctx->user : NULL;
    o.timeout_mins = a.timeout_mins;
    o.disable_rollback = a.disable_rollback;
    o.tags = a.tags;
    adopt = json_object_get(json_object_get(c->args, "args"), "adopt_stack_data");
    if (adopt != NULL && !json_is_null(adopt)) {
        hh_stack_ops_conf oc = hh_svc_ops_conf(c->s);
        json_t *data = json_is_string(adopt) ? json_loads(json_string_value(adopt), 0, NULL)
                                             : json_incref((json_t *)adopt);

        rc =
            hh_stack_adopt(c->engine, &oc, &req, &o, data != NULL ? data : adopt, c->term, id, err);
        json_decref(data);
    } else {
        rc = hh_stack_create_ex(c->engine, &req, &o, c->term, id, err);
    }
    if (rc == 0 || id[0] != '\0') {
        /* created (a start failure leaves it FAILED, as Heat's) */
        hh_svc_watch_events(c->s, id);
        rc = hh_store_stack_get(c->st, id, false, &row, err);
        if (rc == 0)
            *result = hh_svc_stack_identity(row, NULL);
    }
done:
    json_decref(a.tags);
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(preview_stack)
{
    const char *name = hh_svc_arg_str(c, "stack_name");
    hh_tmpl_request req = request_of(c);
    hh_stack_create_opts o = {0};
    create_args a;
    int rc;

    if ((rc = extract_args(json_object_get(c->args, "args"), &a, err)) == 0 &&
        (rc = validate_new_stack(c, name, err)) == 0) {
        o.name = name;
        o.tenant = c->ctx->tenant;
        o.username = c->ctx->user[0] != '\0' ? c->ctx->user : NULL;
        o.timeout_mins = a.timeout_mins;
        o.disable_rollback = a.disable_rollback;
        o.tags = a.tags;
        rc = hh_stack_preview(c->engine, &req, &o, result, err);
    }
    json_decref(a.tags);
    return rc;
}

HH_SVC_METHOD(preview_update_stack)
{
    const json_t *args = json_object_get(c->args, "args");
    hh_tmpl_request req = request_of(c);
    hh_stack_update_req u = {.req = &req};
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0 && json_object_get(args, "existing") != NULL)
        rc = bool_value(json_object_get(args, "existing"), "existing", &u.existing, err);
    if (rc == 0) {
        const json_t *t = json_object_get(c->args, "template");

        if (json_is_null(t) || (json_is_object(t) && json_object_size(t) == 0))
            req.template = NULL; /* PATCH without a template: the stack's own */
        u.clear_parameters = json_object_get(args, "clear_parameters");
        rc = hh_stack_preview_update(c->engine, jstr(row, "id"), &u, result, err);
    }
    json_decref(row);
    return rc;
}

/* An engine action on the request's stack (stack_identity), under the
 * call's term; on success the stack's events are watched and the answer
 * is None. */
typedef int (*stack_act_fn)(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err);

static int stack_action(hh_svc_call *c, stack_act_fn act, json_t **result, hh_error *err)
{
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = act(c->engine, jstr(row, "id"), c->term, err);
    if (rc == 0) {
        hh_svc_watch_events(c->s, jstr(row, "id"));
        *result = json_null();
    }
    json_decref(row);
    return rc;
}

static int cancel_with_rollback(hh_stack_engine *e, const char *id, int64_t term, hh_error *err)
{
    return hh_stack_cancel_update(e, id, true, term, err);
}

static int cancel_without_rollback(hh_stack_engine *e, const char *id, int64_t term, hh_error *err)
{
    return hh_stack_cancel_update(e, id, false, term, err);
}

HH_SVC_METHOD(delete_stack)
{
    return stack_action(c, hh_stack_delete, result, err);
}

static int abandon(hh_svc_call *c, bool really, json_t **result, hh_error *err)
{
    hh_stack_ops_conf oc = hh_svc_ops_conf(c->s);
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_abandon(c->engine, &oc, jstr(row, "id"), really, c->term, result, err);
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(abandon_stack)
{
    return abandon(c, true, result, err);
}

HH_SVC_METHOD(export_stack)
{
    return abandon(c, false, result, err);
}

HH_SVC_METHOD(update_stack)
{
    const json_t *args = json_object_get(c->args, "args"),
                 *t = json_object_get(c->args, "template");
    hh_tmpl_request req = request_of(c);
    hh_stack_update_opts o = {.disable_rollback = -1};
    create_args a = {0};
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = extract_args(args, &a, err);
    if (rc == 0 && json_object_get(args, "existing") != NULL)
        rc = bool_value(json_object_get(args, "existing"), "existing", &o.existing, err);
    if (rc == 0) {
        /* a PATCH without a template keeps the stack's */
        if (json_is_null(t) || (o.existing && json_is_object(t) && json_object_size(t) == 0))
            req.template = NULL;
        o.clear_parameters = json_object_get(args, "clear_parameters");
        o.timeout_mins = a.timeout_mins;
        if (json_object_get(args, "disable_rollback") != NULL)
            o.disable_rollback = a.disable_rollback ? 1 : 0;
        o.tags = a.tags;
        rc = hh_stack_update(c->engine, jstr(row, "id"), &req, &o, c->term, err);
    }
    if (rc == 0) {
        hh_svc_watch_events(c->s, jstr(row, "id"));
        *result = hh_svc_stack_identity(row, NULL);
    }
    json_decref(a.tags);
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(stack_suspend)
{
    return stack_action(c, hh_stack_suspend, result, err);
}

HH_SVC_METHOD(stack_resume)
{
    return stack_action(c, hh_stack_resume, result, err);
}

HH_SVC_METHOD(stack_check)
{
    return stack_action(c, hh_stack_check, result, err);
}

HH_SVC_METHOD(stack_cancel_update)
{
    return stack_action(c,
                        hh_svc_arg_bool(c, "cancel_with_rollback", true) ? cancel_with_rollback
                                                                         : cancel_without_rollback,
                        result, err);
}

/* ---- resources ---------------------------------------------------------- */

static bool filter_match(const json_t *filters, const char *key, const char *alias,
                         const char *value, bool glob)
{
    const json_t *f = json_object_get(filters, key);
    size_t i;
    json_t *v;

    if (f == NULL && alias != NULL)
        f = json_object_get(filters, alias);
    if (f == NULL || json_is_null(f))
        return true;
    if (value == NULL)
        return false;
    if (json_is_string(f))
        return glob ? fnmatch(json_string_value(f), value, 0) == 0
                    : strcmp(json_string_value(f), value) == 0;
    json_array_foreach(f, i, v)
    {
        const char *s = json_string_value(v);

        if (s != NULL && (glob ? fnmatch(s, value, 0) == 0 : strcmp(s, value) == 0))
            return true;
    }
    return false;
}

static bool resource_match(const json_t *filters, const json_t *res)
{
    return filter_match(filters, "name", "resource_name", jstr(res, "name"), false) &&
           filter_match(filters, "status", "resource_status", jstr(res, "status"), false) &&
           filter_match(filters, "action", "resource_action", jstr(res, "action"), false) &&
           filter_match(filters, "type", "resource_type", jstr(res, "type"), true) &&
           filter_match(filters, "id", "uuid", jstr(res, "uuid"), false) &&
           filter_match(filters, "physical_resource_id", NULL, jstr(res, "physical_resource_id"),
                        false);
}

/* Append the resources of stack row (and of its nested stacks down to
 * depth) to list. */
static int list_resources(hh_svc_call *c, const json_t *row, int depth, const json_t *filters,
                          bool detail, json_t *list, hh_error *err)
{
    hh_stack_model *m = NULL;
    json_t *res = NULL, *kids = NULL, *r, *o;
    size_t i;
    int rc;

    rc = hh_stack_model_load(c->st, jstr(row, "id"), true, &m, err);
    if (rc == 0)
        rc = hh_store_resource_list(c->st, jstr(row, "id"), &res, err);
    json_array_foreach(res, i, r)
    {
        if (rc != 0)
            break;
        if (!resource_match(filters, r))
            continue;
        rc = hh_stack_format_resource(m, c->st, r, detail ? HH_FMT_DETAIL : 0, &o, err);
        if (rc == 0 && json_array_append_new(list, o) != 0)
            rc = oom(err);
    }
    if (rc == 0 && depth > 0)
        rc = hh_store_stack_children(c->st, jstr(row, "id"), &kids, err);
    json_array_foreach(kids, i, r)
    {
        if (rc != 0)
            break;
        rc = list_resources(c, r, depth - 1, filters, detail, list, err);
    }
    json_decref(kids);
    json_decref(res);
    hh_stack_model_free(m);
    return rc;
}

HH_SVC_METHOD(list_stack_resources)
{
    int maxd = hh_conf_get_int(hh_svc_conf(c->s), "DEFAULT", "max_nested_stack_depth");
    json_t *row = NULL, *list = NULL;
    long long depth;
    int rc;

    if ((rc = hh_svc_arg_int(c, "nested_depth", 0, &depth, err)) != 0)
        return rc;
    if (depth < 0)
        depth = 0;
    if (depth > maxd)
        depth = maxd;
    rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), true, &row, err);
    if (rc == 0 && (list = json_array()) == NULL)
        rc = oom(err);
    if (rc == 0)
        rc = list_resources(c, row, (int)depth, json_object_get(c->args, "filters"),
                            hh_svc_arg_bool(c, "with_detail", false), list, err);
    if (rc == 0) {
        *result = list;
        list = NULL;
    }
    json_decref(list);
    json_decref(row);
    return rc;
}

static int resource_not_found(hh_error *err, const char *name, const char *stack)
{
    return hh_error_set(err, HH_ENOTFOUND, "ResourceNotFound",
                        "The Resource (%s) could not be found in Stack %s.", name, stack);
}

HH_SVC_METHOD(describe_stack_resource)
{
    const char *name = hh_svc_arg_str(c, "resource_name");
    hh_stack_model *m = NULL;
    json_t *row = NULL, *res = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_model_load(c->st, jstr(row, "id"), false, &m, err);
    if (rc == 0 && hh_store_resource_get_by_name(c->st, jstr(row, "id"), name, &res, NULL) != 0)
        rc = resource_not_found(err, name, jstr(row, "name"));
    if (rc == 0)
        rc = hh_stack_format_resource(m, c->st, res, HH_FMT_DETAIL, result, err);
    json_decref(res);
    json_decref(row);
    hh_stack_model_free(m);
    return rc;
}

HH_SVC_METHOD(describe_stack_resources)
{
    const char *name = hh_svc_arg_str(c, "resource_name");
    json_t *row = NULL, *list = NULL, *filters = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0 && ((list = json_array()) == NULL ||
                    (name != NULL && (filters = json_pack("{s:s}", "name", name)) == NULL)))
        rc = oom(err);
    if (rc == 0)
        rc = list_resources(c, row, 0, filters, true, list, err);
    if (rc == 0) {
        *result = list;
        list = NULL;
    }
    json_decref(filters);
    json_decref(list);
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(find_physical_resource)
{
    const char *phys = hh_svc_arg_str(c, "physical_resource_id");
    json_t *stacks = NULL, *res = NULL, *row, *r;
    size_t i, j;
    int rc;

    rc = hh_store_stack_list(c->st, c->ctx->is_admin ? NULL : c->ctx->tenant, NULL, false, true,
                             &stacks, err);
    json_array_foreach(stacks, i, row)
    {
        if (rc != 0 || *result != NULL)
            break;
        rc = hh_store_resource_list(c->st, jstr(row, "id"), &res, err);
        json_array_foreach(res, j, r)
        {
            const char *p = jstr(r, "physical_resource_id");

            if (rc == 0 && p != NULL && strcmp(p, phys) == 0) {
                *result = hh_svc_stack_identity(row, jstr(r, "name"));
                break;
            }
        }
        json_decref(res);
        res = NULL;
    }
    json_decref(stacks);
    if (rc == 0 && *result == NULL)
        rc = hh_error_set(err, HH_ENOTFOUND, "EntityNotFound",
                          "The Resource (%s) could not be found.", phys);
    return rc;
}

HH_SVC_METHOD(resource_mark_unhealthy)
{
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_resource_mark_unhealthy(
            c->engine, jstr(row, "id"), hh_svc_arg_str(c, "resource_name"),
            hh_svc_arg_bool(c, "mark_unhealthy", false),
            hh_svc_arg_str(c, "resource_status_reason"), c->term, err);
    if (rc == 0) {
        hh_svc_watch_events(c->s, jstr(row, "id"));
        *result = json_null();
    }
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(resource_signal)
{
    bool sync = hh_svc_arg_bool(c, "sync_call", false);
    json_t *row = NULL, *md = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_resource_signal(
            c->engine, jstr(row, "id"), hh_svc_arg_str(c, "resource_name"),
            json_object_get(c->args, "details"), sync, c->term, sync ? &md : NULL, err);
    if (rc == 0) {
        hh_svc_watch_events(c->s, jstr(row, "id"));
        /* Heat answers the metadata of a synchronous signal, else None */
        *result = md != NULL ? md : json_null();
        md = NULL;
    }
    json_decref(md);
    json_decref(row);
    return rc;
}

/* ---- events ------------------------------------------------------------- */

static const sort_map event_sorts[] = {
    {"event_time", "created_at"},           {"created_at", "created_at"},
    {"resource_name", "resource_name"},     {"resource_action", "resource_action"},
    {"resource_status", "resource_status"}, {"resource_type", "resource_type"},
};

static json_t *event_filters(const json_t *in)
{
    static const char *const keys[] = {"resource_name", "resource_action",      "resource_status",
                                       "resource_type", "physical_resource_id", "uuid"};
    json_t *out = json_object();

    for (size_t i = 0; out != NULL && i < sizeof(keys) / sizeof(keys[0]); i++) {
        const json_t *v = json_object_get(in, keys[i]);

        if (v != NULL && (json_is_string(v) || json_is_array(v)))
            json_object_set(out, keys[i], (json_t *)v);
    }
    return out;
}

/* The stacks of a nested listing: row and its descendants down to depth,
 * appended to out. */
static int stack_tree(hh_svc_call *c, const json_t *row, int depth, json_t *out, hh_error *err)
{
    json_t *kids = NULL, *k;
    size_t i;
    int rc = 0;

    json_array_append(out, (json_t *)row);
    if (depth > 0)
        rc = hh_store_stack_children(c->st, jstr(row, "id"), &kids, err);
    json_array_foreach(kids, i, k)
    {
        if (rc == 0)
            rc = stack_tree(c, k, depth - 1, out, err);
    }
    json_decref(kids);
    return rc;
}

/* Events in the order of column key (a string column; NULL: created_at),
 * ties in insertion order (qsort_r). */
static int ev_cmp_asc(const void *a, const void *b, void *key)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    const char *k = key != NULL ? key : "created_at";
    int r = strcmp(jstr(x, k) ? jstr(x, k) : "", jstr(y, k) ? jstr(y, k) : "");

    if (r != 0)
        return r;
    return json_integer_value(json_object_get(x, "id")) <
                   json_integer_value(json_object_get(y, "id"))
               ? -1
               : 1;
}

HH_SVC_METHOD(list_events)
{
    int maxd = hh_conf_get_int(hh_svc_conf(c->s), "DEFAULT", "max_nested_stack_depth");
    const char *dir, *marker = hh_svc_arg_str(c, "marker");
    const json_t *fin = json_object_get(c->args, "filters");
    hh_store_list_opts lo = {0};
    json_t *row = NULL, *stacks = NULL, *evs = NULL, *list = NULL, *filters = NULL, *s, *ev;
    long long limit, depth;
    bool with_props = json_object_get(fin, "uuid") != NULL;
    size_t i, j;
    int rc;

    if ((rc = hh_svc_arg_int(c, "limit", -1, &limit, err)) != 0 ||
        (rc = hh_svc_arg_int(c, "nested_depth", 0, &depth, err)) != 0 ||
        (rc = sort_dir_arg(c, &dir, err)) != 0)
        return rc;
    if (depth > maxd)
        depth = maxd;
    rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), true, &row, err);
    if (rc != 0)
        return rc;
    filters = event_filters(fin);
    list = json_array();
    stacks = json_array();
    if (filters == NULL || list == NULL || stacks == NULL) {
        rc = oom(err);
        goto done;
    }
    lo.filters = filters;
    lo.sort_key = sort_key(json_object_get(c->args, "sort_keys"), event_sorts,
                           sizeof(event_sorts) / sizeof(event_sorts[0]));
    lo.sort_dir = dir;
    if (depth <= 0) {
        lo.limit = limit > 0 ? (int)limit : 0;
        lo.marker = marker;
        rc = hh_store_event_list(c->st, jstr(row, "id"), &lo, &evs, err);
        if (rc == HH_ENOTFOUND && marker != NULL) {
            /* a marker that is no event is ignored, as Heat's */
            lo.marker = NULL;
            rc = hh_store_event_list(c->st, jstr(row, "id"), &lo, &evs, err);
        }
        json_array_foreach(evs, i, ev)
        {
            if (rc == 0 && limit != 0)
                json_array_append_new(list, hh_svc_format_event(row, ev, NULL, with_props));
        }
        goto done;
    }
    /* nested: the events of the whole tree in time order, then the page */
    if ((rc = stack_tree(c, row, (int)depth, stacks, err)) != 0)
        goto done;
    {
        json_t *all = json_array(), *owner = json_object();
        size_t n, start = 0;
        json_t **v;

        json_array_foreach(stacks, i, s)
        {
            json_t *part = NULL;

            if (rc == 0)
                rc = hh_store_event_list(c->st, jstr(s, "id"), &lo, &part, err);
            json_array_foreach(part, j, ev)
            {
                json_array_append(all, ev);
                json_object_set(owner, jstr(ev, "uuid"), s);
            }
            json_decref(part);
        }
        n = json_array_size(all);
        v = calloc(n ? n : 1, sizeof(*v));
        for (i = 0; v != NULL && i < n; i++)
            v[i] = json_array_get(all, i);
        /* one order over the tree's stacks, as Heat's one query */
        if (v != NULL)
            qsort_r(v, n, sizeof(*v), ev_cmp_asc, (void *)lo.sort_key);
        if (v != NULL && dir != NULL && strcmp(dir, "desc") == 0)
            for (i = 0; i < n / 2; i++) {
                json_t *t = v[i];

                v[i] = v[n - 1 - i];
                v[n - 1 - i] = t;
            }
        for (i = 0; v != NULL && marker != NULL && i < n; i++)
            if (strcmp(jstr(v[i], "uuid"), marker) == 0)
                start = i + 1;
        for (i = start;
             v != NULL && rc == 0 && i < n && (limit < 0 || (long long)(i - start) < limit); i++)
            json_array_append_new(list,
                                  hh_svc_format_event(json_object_get(owner, jstr(v[i], "uuid")),
                                                      v[i], row, with_props));
        if (v == NULL && rc == 0)
            rc = oom(err);
        free(v);
        json_decref(all);
        json_decref(owner);
    }
done:
    if (rc == 0) {
        *result = list;
        list = NULL;
    }
    json_decref(list);
    json_decref(evs);
    json_decref(stacks);
    json_decref(filters);
    json_decref(row);
    return rc;
}

/* ---- outputs ------------------------------------------------------------ */

HH_SVC_METHOD(list_outputs)
{
    json_t *row = NULL, *raw = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_store_template_get(
            c->st, json_integer_value(json_object_get(row, "raw_template_id")), &raw, err);
    if (rc == 0 && (*result = hh_svc_format_outputs(json_object_get(raw, "template"))) == NULL)
        rc = oom(err);
    json_decref(raw);
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(show_output)
{
    const char *key = hh_svc_arg_str(c, "output_key");
    hh_stack_model *m = NULL;
    json_t *row = NULL, *list = NULL, *o;
    size_t i;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_model_load(c->st, jstr(row, "id"), false, &m, err);
    if (rc == 0)
        rc = hh_stack_format_outputs(m, c->st, &list, err);
    json_array_foreach(list, i, o)
    {
        if (rc == 0 && *result == NULL && strcmp(jstr(o, "output_key"), key) == 0)
            *result = json_incref(o);
    }
    if (rc == 0 && *result == NULL)
        rc = hh_error_set(err, HH_ENOTFOUND, "NotFound", "Specified output key %s not found.", key);
    json_decref(list);
    json_decref(row);
    hh_stack_model_free(m);
    return rc;
}
