/* api_v1_res: resources, events and stack actions
 * (heat/api/openstack/v1/resources.py, events.py, actions.py). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_v1_internal.h"

static void resource_index(v1_req *r)
{
    static const char *const filter_keys[] = {
        "type", "status", "name", "action", "id", "physical_resource_id", NULL};
    json_t *filters = NULL, *list = NULL, *out = NULL;
    json_int_t depth = 0;
    bool detail = false;
    char bad[1024] = "";
    size_t used = 0;

    /* any other query key is refused, named as Python prints a list */
    for (size_t i = 0; i < hh_http_req_arg_count(r->http); i++) {
        const char *k, *v;
        bool known;

        hh_http_req_arg_at(r->http, i, &k, &v);
        known = strcmp(k, "nested_depth") == 0 || strcmp(k, "with_detail") == 0;
        for (size_t j = 0; filter_keys[j] != NULL && !known; j++)
            known = strcmp(k, filter_keys[j]) == 0;
        if (!known && strstr(bad, k) == NULL) {
            int w = snprintf(bad + used, sizeof(bad) - used, "%s'%s'", used ? ", " : "", k);
            if (w > 0 && (size_t)w < sizeof(bad) - used)
                used += (size_t)w;
        }
    }
    if (used > 0) {
        v1_http_error(r, 400, "Invalid filter parameters [%s]", bad);
        return;
    }
    if (v1_arg_int(r, "nested_depth", &depth, NULL) != 0 ||
        v1_arg_bool(r, "with_detail", &detail, NULL) != 0)
        return;
    filters = json_object();
    for (size_t i = 0; filter_keys[i] != NULL; i++) {
        json_t *v = v1_arg_mixed(r, filter_keys[i]);
        if (v != NULL)
            json_object_set_new(filters, filter_keys[i], v);
    }
    if (v1_call(r, "list_stack_resources",
                json_pack("{s:o, s:I, s:b, s:o}", "stack_identity", v1_identity(r), "nested_depth",
                          depth, "with_detail", detail, "filters", filters),
                &list) != 0)
        return;
    out = json_array();
    for (size_t i = 0; i < json_array_size(list); i++)
        json_array_append_new(out, v1_format_resource(r, json_array_get(list, i)));
    v1_reply(r, 200, json_pack("{s:o}", "resources", out));
    json_decref(list);
}

static void resource_show(v1_req *r, bool metadata)
{
    json_t *args = json_pack("{s:o, s:s}", "stack_identity", v1_identity(r), "resource_name",
                             v1_param(r, "resource_name"));
    json_t *res = NULL;

    if (!metadata) {
        json_t *attrs = v1_arg_all(r, "with_attr");
        json_object_set_new(args, "with_attr", json_array_size(attrs) ? attrs : json_null());
        if (json_array_size(attrs) == 0)
            json_decref(attrs);
    }
    if (v1_call(r, "describe_stack_resource", args, &res) != 0)
        return;
    if (metadata)
        v1_reply(r, 200,
                 json_pack("{s:O}", "metadata",
                           json_object_get(res, "metadata") ? json_object_get(res, "metadata")
                                                            : json_null()));
    else
        v1_reply(r, 200, json_pack("{s:o}", "resource", v1_format_resource(r, res)));
    json_decref(res);
}

static void resource_signal(v1_req *r)
{
    json_t *res = NULL;

    if (v1_call(r, "resource_signal",
                json_pack("{s:o, s:s, s:O, s:b}", "stack_identity", v1_identity(r), "resource_name",
                          v1_param(r, "resource_name"), "details",
                          r->body != NULL ? r->body : json_null(), "sync_call", false),
                &res) != 0)
        return;
    json_decref(res);
    v1_reply(r, 200, NULL);
}

static void mark_unhealthy(v1_req *r)
{
    json_t *body = v1_need_body(r);
    const char *key;
    json_t *value, *mark, *reason;
    char bad[512] = "";
    size_t used = 0;
    bool flag;

    if (body == NULL)
        return;
    json_object_foreach(body, key, value)
    {
        if (strcmp(key, "mark_unhealthy") != 0 && strcmp(key, "resource_status_reason") != 0) {
            int w = snprintf(bad + used, sizeof(bad) - used, "%s'%s'", used ? ", " : "", key);
            if (w > 0 && (size_t)w < sizeof(bad) - used)
                used += (size_t)w;
        }
    }
    if (used > 0) {
        v1_http_error(r, 400, "Invalid keys in resource mark unhealthy {%s}", bad);
        return;
    }
    mark = json_object_get(body, "mark_unhealthy");
    if (mark == NULL) {
        v1_http_error(r, 400, "Missing mandatory (mark_unhealthy) key from mark unhealthy request");
        return;
    }
    if (json_is_boolean(mark)) {
        flag = json_is_true(mark);
    } else if (json_is_string(mark) && (strcasecmp(json_string_value(mark), "true") == 0 ||
                                        strcasecmp(json_string_value(mark), "false") == 0)) {
        flag = strcasecmp(json_string_value(mark), "true") == 0;
    } else {
        char *text = json_dumps(mark, JSON_ENCODE_ANY);
        v1_http_error(r, 400,
                      "Unrecognized value \"%s\" for \"mark_unhealthy\", acceptable values are: "
                      "true, false.",
                      text != NULL ? text : "");
        free(text);
        return;
    }
    reason = json_object_get(body, "resource_status_reason");
    if (v1_call(r, "resource_mark_unhealthy",
                json_pack("{s:o, s:s, s:b, s:o}", "stack_identity", v1_identity(r), "resource_name",
                          v1_param(r, "resource_name"), "mark_unhealthy", flag,
                          "resource_status_reason",
                          reason != NULL ? json_incref(reason) : json_string("")),
                &value) != 0)
        return;
    json_decref(value);
    v1_reply(r, 200, NULL);
}

/* events.py index and show. resource: the path's resource, or NULL;
 * event_id: show one. */
static void events(v1_req *r, const char *resource, const char *event_id)
{
    static const char *const filter_keys[] = {"resource_status", "resource_action", "resource_name",
                                              "resource_type", NULL};
    json_t *args = json_pack("{s:o}", "stack_identity", v1_identity(r));
    json_t *filters = json_object(), *list = NULL, *out = NULL;

    if (event_id == NULL) {
        const char *v;
        json_t *sort_keys = v1_arg_all(r, "sort_keys");
        json_int_t n = 0;
        bool has = false;

        if ((v = hh_http_req_arg(r->http, "marker")) != NULL && v[0] != '\0')
            json_object_set_new(args, "marker", json_string(v));
        if ((v = hh_http_req_arg(r->http, "sort_dir")) != NULL && v[0] != '\0')
            json_object_set_new(args, "sort_dir", json_string(v));
        if (json_array_size(sort_keys) > 0)
            json_object_set(args, "sort_keys", sort_keys);
        json_decref(sort_keys);
        if (v1_arg_int(r, "limit", &n, &has) != 0)
            goto done;
        if (has)
            json_object_set_new(args, "limit", json_integer(n));
        if (v1_arg_int(r, "nested_depth", &n, &has) != 0)
            goto done;
        if (has)
            json_object_set_new(args, "nested_depth", json_integer(n));
        for (size_t i = 0; filter_keys[i] != NULL; i++) {
            json_t *fv = v1_arg_mixed(r, filter_keys[i]);
            if (fv != NULL)
                json_object_set_new(filters, filter_keys[i], fv);
        }
        if (resource != NULL)
            json_object_set_new(filters, "resource_name", json_string(resource));
    } else {
        json_object_set_new(filters, "resource_name", json_string(resource));
        json_object_set_new(filters, "uuid", json_string(event_id));
    }
    json_object_set(args, "filters", json_object_size(filters) ? filters : json_null());
    if (v1_call(r, "list_events", args, &list) != 0) {
        args = NULL;
        goto done;
    }
    args = NULL;
    if (event_id != NULL) {
        if (json_array_size(list) == 0)
            v1_http_error(r, 404, "No event %s found", event_id);
        else
            v1_reply(
                r, 200,
                json_pack("{s:o}", "event", v1_format_event(r, json_array_get(list, 0), true)));
        goto done;
    }
    if (json_array_size(list) == 0 && resource != NULL) {
        v1_http_error(r, 404, "No events found for resource %s", resource);
        goto done;
    }
    out = json_array();
    for (size_t i = 0; i < json_array_size(list); i++)
        json_array_append_new(out, v1_format_event(r, json_array_get(list, i), false));
    v1_reply(r, 200, json_pack("{s:o}", "events", out));
done:
    json_decref(args);
    json_decref(filters);
    json_decref(list);
}

static void stack_action(v1_req *r)
{
    static const char *const actions[] = {
        "suspend", "resume", "check", "cancel_update", "cancel_without_rollback", NULL};
    json_t *body = r->body;
    const char *ac;
    const char *method = NULL;
    json_t *args, *res = NULL;
    size_t n = json_object_size(body);

    if (n < 1) {
        v1_http_error(r, 400, "No action specified");
        return;
    }
    if (n > 1) {
        v1_http_error(r, 400, "Multiple actions specified");
        return;
    }
    ac = json_object_iter_key(json_object_iter(body));
    for (size_t i = 0; actions[i] != NULL; i++)
        if (strcmp(actions[i], ac) == 0)
            method = actions[i];
    if (method == NULL) {
        v1_http_error(r, 400, "Invalid action %s specified", ac);
        return;
    }
    args = json_pack("{s:o}", "stack_identity", v1_identity(r));
    if (strcmp(method, "cancel_update") == 0 || strcmp(method, "cancel_without_rollback") == 0) {
        json_object_set_new(args, "cancel_with_rollback",
                            json_boolean(strcmp(method, "cancel_update") == 0));
        method = "stack_cancel_update";
    } else if (strcmp(method, "suspend") == 0) {
        method = "stack_suspend";
    } else if (strcmp(method, "resume") == 0) {
        method = "stack_resume";
    } else {
        method = "stack_check";
    }
    if (v1_call(r, method, args, &res) != 0)
        return;
    json_decref(res);
    v1_reply(r, 200, NULL);
}

void v1_resources(v1_req *r, int action)
{
    switch (action) {
    case A_RESOURCE_INDEX:
        resource_index(r);
        break;
    case A_RESOURCE_SHOW:
        resource_show(r, false);
        break;
    case A_RESOURCE_METADATA:
        resource_show(r, true);
        break;
    case A_RESOURCE_SIGNAL:
        resource_signal(r);
        break;
    case A_RESOURCE_MARK_UNHEALTHY:
        mark_unhealthy(r);
        break;
    case A_EVENT_INDEX:
        events(r, NULL, NULL);
        break;
    case A_EVENT_INDEX_RESOURCE:
        events(r, v1_param(r, "resource_name"), NULL);
        break;
    case A_EVENT_SHOW:
        events(r, v1_param(r, "resource_name"), v1_param(r, "event_id"));
        break;
    case A_ACTION:
        stack_action(r);
        break;
    default:
        hh_api_plain(r->http, r->resp, 404, NULL);
        break;
    }
}
