/* service_format: the engine API's answers in Heat's format
 * (heat/engine/api.py format_stack, format_stack_db_object,
 * format_stack_outputs, format_stack_resource, format_event,
 * format_snapshot; heat/engine/service_utils.py format_service), from the
 * store's records. Keys are Heat's rpc_api names; the REST layer maps
 * them to its JSON. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "service_internal.h"
#include "stack_format.h"

/* o's string at key (a new reference to the same value: strings are never
 * changed in place), or null. */
static json_t *jstr_or_null(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    return json_is_string(v) ? json_incref(v) : json_null();
}

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A template section or key in either dialect (HOT lower case, CFN
 * capitalised). */
static const json_t *either(const json_t *o, const char *hot, const char *cfn)
{
    const json_t *v = json_object_get(o, hot);

    return v != NULL ? v : json_object_get(o, cfn);
}

const char *hh_svc_tmpl_description(const json_t *tmpl)
{
    const json_t *d = either(tmpl, "description", "Description");

    return json_is_string(d) ? json_string_value(d) : "No description";
}

json_t *hh_svc_stack_identity(const json_t *row, const char *res)
{
    return hh_stack_identity(jstr(row, "tenant"), jstr(row, "name"), jstr(row, "id"), res);
}

/* The stored tags, or null when there are none (format_stack_db_object);
 * [] when empty_list (format_stack). */
static json_t *tags_of(const json_t *row, bool empty_list)
{
    const json_t *t = json_object_get(row, "tags");

    if (json_is_array(t) && json_array_size(t) > 0)
        return json_deep_copy(t);
    return empty_list ? json_array() : json_null();
}

/* Set the keys of pairs (ASCII literals: jansson's UTF-8 check of each is
 * skipped) in order; each value stolen, NULL fails. 0, or -1 with the
 * values not set yet released. A list formats every row with it: json_pack
 * parsed its format anew for each. */
typedef struct kv {
    const char *key;
    json_t *value;
} kv;

static int put_all(json_t *o, kv *pairs, size_t n)
{
    int rc = o != NULL ? 0 : -1;

    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && pairs[i].value != NULL)
            rc = json_object_set_new_nocheck(o, pairs[i].key, pairs[i].value);
        else {
            json_decref(pairs[i].value);
            rc = -1;
        }
    }
    return rc;
}

json_t *hh_svc_format_stack_db(const json_t *row)
{
    /* dict(stack.identifier()) as hh_svc_stack_identity makes it, the
     * row's strings shared */
    kv ident[] = {
        {"stack_name", jstr_or_null(row, "name")},
        {"stack_id", jstr_or_null(row, "id")},
        {"tenant", jstr_or_null(row, "tenant")},
        {"path", json_string("")},
    };
    json_t *id = json_object(), *o = json_object();
    kv pairs[] = {
        {"stack_identity", put_all(id, ident, 4) == 0 ? id : NULL},
        {"stack_name", jstr_or_null(row, "name")},
        {"description", json_string("")},
        {"stack_action", jstr_or_null(row, "action")},
        {"stack_status", jstr_or_null(row, "status")},
        {"stack_status_reason", jstr_or_null(row, "status_reason")},
        {"creation_time", jstr_or_null(row, "created_at")},
        {"updated_time", jstr_or_null(row, "updated_at")},
        {"deletion_time", jstr_or_null(row, "deleted_at")},
        {"stack_owner", jstr_or_null(row, "username")},
        {"parent", jstr_or_null(row, "owner_id")},
        {"stack_user_project_id", jstr_or_null(row, "stack_user_project_id")},
        {"tags", tags_of(row, false)},
    };

    if (pairs[0].value == NULL)
        json_decref(id);
    if (put_all(o, pairs, sizeof(pairs) / sizeof(pairs[0])) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *hh_svc_format_outputs(const json_t *tmpl)
{
    const json_t *outs = either(tmpl, "outputs", "Outputs");
    json_t *list = json_array();
    const char *key;
    json_t *def;

    if (list == NULL)
        return NULL;
    json_object_foreach((json_t *)outs, key, def)
    {
        const json_t *d = either(def, "description", "Description");
        json_t *o = json_pack("{s:s, s:s}", "output_key", key, "description",
                              json_is_string(d) ? json_string_value(d) : "No description given");

        if (o == NULL || json_array_append_new(list, o) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

json_t *hh_svc_format_stack(const json_t *row, const json_t *tmpl, const json_t *params,
                            const json_t *outputs)
{
    const char *desc = hh_svc_tmpl_description(tmpl);
    const json_t *timeout = json_object_get(row, "timeout");
    json_t *o;

    o = json_pack(
        "{s:o, s:s?, s:o, s:o, s:o, s:[], s:o, s:s, s:s, s:[], s:b, s:o, s:o, s:o, s:o, "
        "s:o, s:o, s:o, s:o}",
        "stack_identity", hh_svc_stack_identity(row, NULL), "stack_name", jstr(row, "name"),
        "creation_time", jstr_or_null(row, "created_at"), "updated_time",
        jstr_or_null(row, "updated_at"), "deletion_time", jstr_or_null(row, "deleted_at"),
        "notification_topics", "parameters", params ? json_deep_copy(params) : json_object(),
        "description", desc, "template_description", desc, "capabilities", "disable_rollback",
        json_is_true(json_object_get(row, "disable_rollback")), "timeout_mins",
        json_integer_value(timeout) > 0 ? json_integer(json_integer_value(timeout)) : json_null(),
        "stack_owner", jstr_or_null(row, "username"), "parent", jstr_or_null(row, "owner_id"),
        "stack_user_project_id", jstr_or_null(row, "stack_user_project_id"), "tags",
        tags_of(row, true), "stack_action", jstr_or_null(row, "action"), "stack_status",
        jstr_or_null(row, "status"), "stack_status_reason", jstr_or_null(row, "status_reason"));
    if (o != NULL && outputs != NULL && json_object_set(o, "outputs", (json_t *)outputs) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *hh_svc_format_event(const json_t *stack, const json_t *ev, const json_t *root,
                            bool with_props)
{
    char path[HH_STORE_NAME_MAX + 64];
    json_t *o, *id = hh_svc_stack_identity(stack, NULL);

    /* EventIdentifier: the resource's path and the event's uuid */
    snprintf(path, sizeof(path), "/resources/%s/events/%s",
             jstr(ev, "resource_name") ? jstr(ev, "resource_name") : "", jstr(ev, "uuid"));
    if (id != NULL)
        json_object_set_new(id, "path", json_string(path));
    o = json_pack("{s:o, s:o, s:s?, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "event_identity", id,
                  "stack_identity", hh_svc_stack_identity(stack, NULL), "stack_name",
                  jstr(stack, "name"), "event_time", jstr_or_null(ev, "created_at"),
                  "resource_name", jstr_or_null(ev, "resource_name"), "physical_resource_id",
                  jstr_or_null(ev, "physical_resource_id"), "resource_action",
                  jstr_or_null(ev, "resource_action"), "resource_status",
                  jstr_or_null(ev, "resource_status"), "resource_status_reason",
                  jstr_or_null(ev, "resource_status_reason"), "resource_type",
                  jstr_or_null(ev, "resource_type"));
    if (o == NULL)
        return NULL;
    if (root != NULL)
        json_object_set_new(o, "root_stack_id", hh_svc_stack_identity(root, NULL));
    if (with_props) {
        const json_t *p = json_object_get(ev, "resource_properties");

        json_object_set_new(o, "resource_properties", p ? json_deep_copy(p) : json_object());
    }
    return o;
}

json_t *hh_svc_format_service(const json_t *svc)
{
    /* Heat's keys, and "role" (heatclient shows only its own columns) */
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:O, s:o, s:o, s:o, s:o}", "role",
                     jstr_or_null(svc, "role"), "id", jstr_or_null(svc, "id"), "binary",
                     jstr_or_null(svc, "binary"), "engine_id", jstr_or_null(svc, "engine_id"),
                     "host", jstr_or_null(svc, "host"), "hostname", jstr_or_null(svc, "hostname"),
                     "topic", jstr_or_null(svc, "topic"), "report_interval",
                     json_object_get(svc, "report_interval")
                         ? json_object_get(svc, "report_interval")
                         : json_null(),
                     "created_at", jstr_or_null(svc, "created_at"), "updated_at",
                     jstr_or_null(svc, "updated_at"), "deleted_at", jstr_or_null(svc, "deleted_at"),
                     "status", jstr_or_null(svc, "status"));
}
