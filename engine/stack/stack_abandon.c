/* stack_abandon: Heat's abandon_stack / export_stack and the adopt form of
 * create_stack (heat/engine/service.py), Stack.prepare_abandon and
 * Resource.prepare_abandon (heat/engine/stack.py, resource.py). See
 * stack_ops.h for the contracts. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack_internal.h"
#include "stack_ops.h"

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

int hh_stack_row_get(hh_store *st, const char *stack_id, json_t **row, hh_error *err)
{
    int rc = hh_store_stack_get(st, stack_id, false, row, NULL);

    if (rc == HH_ENOTFOUND)
        return hh_error_set(err, rc, "EntityNotFound", "The Stack (%s) could not be found.",
                            stack_id);
    if (rc != 0)
        return hh_error_set(err, rc, NULL, "stack %s: %s", stack_id, hh_strerror(rc));
    return 0;
}

/* Resource.data(): the resource's data without the engine's own keys
 * ("heat-ha:..."), which mean nothing to another stack. */
static int user_data(hh_store *st, int64_t res_id, json_t **out, hh_error *err)
{
    json_t *all = NULL, *v;
    const char *key;
    void *tmp;
    int rc = hh_store_resource_data_get_all(st, res_id, &all, err);

    *out = NULL;
    if (rc != 0)
        return rc;
    json_object_foreach_safe(all, tmp, key, v)
    {
        if (strncmp(key, "heat-ha:", 8) == 0)
            json_object_del(all, key);
    }
    *out = all;
    return 0;
}

/* The live nested stack of stack_id that resource name owns, or NULL. */
static const json_t *nested_of(const json_t *children, const char *name)
{
    const json_t *c;
    size_t i;

    json_array_foreach(children, i, c)
    {
        const char *p = json_string_value(json_object_get(c, "parent_resource_name"));

        if (p != NULL && strcmp(p, name) == 0)
            return c;
    }
    return NULL;
}

/* Environment.user_env_as_dict of the stored environment. */
static json_t *user_env(const json_t *stored)
{
    json_t *env = json_is_object(stored) ? json_deep_copy(stored) : json_object();

    if (env != NULL && json_object_get(env, "encrypted_param_names") == NULL)
        json_object_set_new(env, "encrypted_param_names", json_array());
    return env;
}

int hh_stack_abandon_data(hh_store *st, const char *stack_id, json_t **out, hh_error *err)
{
    json_t *row = NULL, *raw = NULL, *rows = NULL, *children = NULL, *res = NULL, *d = NULL;
    json_t *r;
    size_t i;
    int rc;

    *out = NULL;
    rc = hh_store_stack_get(st, stack_id, false, &row, err);
    if (rc == 0)
        rc = hh_store_template_get(st, json_integer_value(json_object_get(row, "raw_template_id")),
                                   &raw, err);
    if (rc == 0)
        rc = hh_store_resource_list(st, stack_id, &rows, err);
    if (rc == 0)
        rc = hh_store_stack_children(st, stack_id, &children, err);
    if (rc != 0)
        goto done;
    res = json_object();
    if (res == NULL) {
        rc = oom(err);
        goto done;
    }
    json_array_foreach(rows, i, r)
    {
        const char *name = json_string_value(json_object_get(r, "name"));
        const json_t *child = nested_of(children, name);
        const json_t *md = json_object_get(r, "rsrc_metadata");
        json_t *data = NULL, *one;

        if (child != NULL) {
            /* StackResource.prepare_abandon: the nested stack's data */
            rc = hh_stack_abandon_data(st, json_string_value(json_object_get(child, "id")), &one,
                                       err);
        } else {
            rc = user_data(st, json_integer_value(json_object_get(r, "id")), &data, err);
            one = rc != 0
                      ? NULL
                      : json_pack("{s:s?, s:O?, s:s?, s:s?, s:s?, s:o, s:o}", "name", name,
                                  "resource_id", json_object_get(r, "physical_resource_id"), "type",
                                  json_string_value(json_object_get(r, "type")), "action",
                                  json_string_value(json_object_get(r, "action")), "status",
                                  json_string_value(json_object_get(r, "status")), "metadata",
                                  json_is_object(md) ? json_incref((json_t *)md) : json_object(),
                                  "resource_data", data);
            if (rc == 0 && one == NULL)
                rc = oom(err);
        }
        if (rc != 0)
            goto done;
        json_object_set_new(res, name, one);
    }
    d = json_pack("{s:O?, s:O?, s:O?, s:O?, s:o, s:O?, s:O?, s:O, s:O?, s:O?, s:O?}", "name",
                  json_object_get(row, "name"), "id", json_object_get(row, "id"), "action",
                  json_object_get(row, "action"), "status", json_object_get(row, "status"),
                  "environment", user_env(json_object_get(raw, "environment")), "files",
                  json_object_get(raw, "files"), "template", json_object_get(raw, "template"),
                  "resources", res, "project_id", json_object_get(row, "tenant"),
                  "stack_user_project_id", json_object_get(row, "stack_user_project_id"), "tags",
                  json_object_get(row, "tags"));
    if (d == NULL) {
        rc = oom(err);
        goto done;
    }
    *out = d;
done:
    json_decref(res);
    json_decref(children);
    json_decref(rows);
    json_decref(raw);
    json_decref(row);
    return rc;
}

/* One resource's event and state, in the caller's transaction. */
static int resource_state(hh_store *st, int64_t term, const char *stack_id, const json_t *r,
                          const char *status, hh_error *err)
{
    hh_store_event_spec ev = {0};
    int rc;

    ev.stack_id = stack_id;
    ev.resource_name = json_string_value(json_object_get(r, "name"));
    ev.resource_action = "DELETE";
    ev.resource_status = status;
    ev.resource_status_reason = "state changed";
    ev.physical_resource_id = json_string_value(json_object_get(r, "physical_resource_id"));
    if (ev.physical_resource_id == NULL)
        ev.physical_resource_id = "";
    ev.resource_type = json_string_value(json_object_get(r, "type"));
    rc = hh_store_resource_set_state(st, term, json_integer_value(json_object_get(r, "id")),
                                     "DELETE", status, "state changed", err);
    if (rc == 0)
        rc = hh_store_event_create(st, term, &ev, NULL, err);
    return rc;
}

/* Stack.delete(action, abandon=True) of stack_id and its nested stacks,
 * in the caller's transaction: every resource is retained (no handler
 * runs), its states and events as a delete records them; a DELETE ends
 * with the stack soft-deleted, a ROLLBACK (of a failed adopt) with the
 * stack (ROLLBACK, COMPLETE). Nested stacks are deleted. */
static int abandon_delete(hh_store *st, int64_t term, const char *stack_id, const char *name,
                          const char *act, hh_error *err)
{
    char started[64], completed[64];

    json_t *rows = NULL, *children = NULL;
    size_t i;
    int rc;

    snprintf(started, sizeof(started), "Stack %s started", act);
    snprintf(completed, sizeof(completed), "Stack %s completed successfully", act);
    rc = hh_stack_state_commit(st, term, stack_id, name, act, "IN_PROGRESS", started, err);
    if (rc == 0)
        rc = hh_store_resource_list(st, stack_id, &rows, err);
    if (rc == 0)
        rc = hh_store_stack_children(st, stack_id, &children, err);
    /* reverse order of creation, as a delete goes */
    for (i = json_array_size(rows); rc == 0 && i-- > 0;) {
        const json_t *r = json_array_get(rows, i);
        const char *rname = json_string_value(json_object_get(r, "name"));
        const char *ract = json_string_value(json_object_get(r, "action"));
        const json_t *child = nested_of(children, rname);

        if (ract != NULL && strcmp(ract, "INIT") == 0)
            continue; /* never created: a delete does nothing (Heat's) */
        rc = resource_state(st, term, stack_id, r, "IN_PROGRESS", err);
        if (rc == 0 && child != NULL)
            rc = abandon_delete(st, term, json_string_value(json_object_get(child, "id")),
                                json_string_value(json_object_get(child, "name")), "DELETE", err);
        if (rc == 0)
            rc = resource_state(st, term, stack_id, r, "COMPLETE", err);
    }
    if (rc == 0)
        rc = hh_stack_state_commit(st, term, stack_id, name, act, "COMPLETE", completed, err);
    if (rc == 0 && strcmp(act, "DELETE") == 0)
        rc = hh_store_stack_soft_delete(st, term, stack_id, err);
    json_decref(children);
    json_decref(rows);
    return rc;
}

int hh_stack_abandon(hh_stack_engine *e, const hh_stack_ops_conf *conf, const char *stack_id,
                     bool abandon, int64_t term, json_t **out, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL, *data = NULL;
    const char *name;
    int rc;

    *out = NULL;
    if (conf == NULL || !conf->enable_stack_abandon)
        return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                            "Stack Abandon is not supported.");
    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc != 0)
        return rc;
    name = json_string_value(json_object_get(row, "name"));
    if (hh_stack_engine_runs(e, stack_id)) {
        rc = hh_error_set(err, HH_EEXISTS, "ActionInProgress",
                          "Stack %s already has an action (%s) in progress.", name,
                          json_string_value(json_object_get(row, "action")));
        goto done;
    }
    rc = hh_stack_abandon_data(st, stack_id, &data, err);
    if (rc != 0 || !abandon)
        goto done;
    rc = hh_store_begin(st, err);
    if (rc != 0)
        goto done;
    rc = abandon_delete(st, term, stack_id, name, "DELETE", err);
    if (rc == 0)
        rc = hh_store_commit(st, err);
    else
        hh_store_rollback(st);
done:
    if (rc == 0) {
        *out = data;
        data = NULL;
    }
    json_decref(data);
    json_decref(row);
    return rc;
}

int hh_stack_adopt_saved(hh_store *st, int64_t term, const char *stack_id, void *ud, hh_error *err)
{
    const json_t *resources = ud;
    json_t *rows = NULL, *r;
    size_t i;
    int rc = hh_store_resource_list(st, stack_id, &rows, err);

    json_array_foreach(rows, i, r)
    {
        const json_t *entry =
            json_object_get(resources, json_string_value(json_object_get(r, "name")));
        int64_t id = json_integer_value(json_object_get(r, "id"));
        char *text;

        if (rc != 0)
            break;
        if (!json_is_object(entry))
            continue; /* no adopt data: the handler fails as Heat's */
        text = json_dumps(entry, JSON_COMPACT);
        if (text == NULL) {
            rc = oom(err);
            break;
        }
        rc = hh_store_resource_data_set(st, term, id, HH_RDATA_ADOPT, text, false, err);
        free(text);
        if (rc == 0 && json_is_object(json_object_get(entry, "metadata")))
            rc = hh_store_resource_set_metadata(st, term, id, json_object_get(entry, "metadata"),
                                                err);
    }
    json_decref(rows);
    return rc;
}

int hh_stack_adopt(hh_stack_engine *e, const hh_stack_ops_conf *conf, const hh_tmpl_request *req,
                   const hh_stack_create_opts *o, const json_t *adopt_data, int64_t term,
                   char *stack_id, hh_error *err)
{
    hh_tmpl_request r = *req;
    const json_t *env = json_object_get(adopt_data, "environment");
    const json_t *resources = json_object_get(adopt_data, "resources");
    json_t *params = NULL;
    int rc;

    if (stack_id != NULL)
        stack_id[0] = '\0';
    if (conf == NULL || !conf->enable_stack_adopt)
        return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "Stack Adopt is not supported.");
    if (!json_is_object(adopt_data))
        return hh_error_set(err, HH_EINVAL, "HTTPBadRequest",
                            "Invalid adopt data: adopt_stack_data is not a mapping");
    if (r.template == NULL)
        r.template = json_object_get(adopt_data, "template");
    /* the adopt data's parameters, overridden by the request's */
    params = json_deep_copy(json_object_get(env, "parameters"));
    if (!json_is_object(params)) {
        json_decref(params);
        params = json_object();
    }
    if (params == NULL)
        return oom(err);
    if (json_is_object(req->parameters))
        json_object_update(params, (json_t *)req->parameters);
    r.parameters = params;
    rc = hh_stack_create_action(e, &r, o, HH_RACT_ADOPT, hh_stack_adopt_saved, (void *)resources,
                                term, stack_id, err);
    json_decref(params);
    return rc;
}

int hh_stack_adopt_rollback(hh_store *st, int64_t term, const char *stack_id, const char *name,
                            hh_error *err)
{
    return abandon_delete(st, term, stack_id, name, "ROLLBACK", err);
}
