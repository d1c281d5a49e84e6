/* stack_preview: Heat's preview_stack and preview_update_stack
 * (heat/engine/service.py, Stack.preview_resources, StackUpdate.preview).
 * See stack_ops.h for the contracts.
 *
 * A previewed stack is saved in a private in-memory store ("sqlite://",
 * its own database) and loaded from there as a model: its functions then
 * resolve exactly as those of a stack whose resources are not created
 * yet (get_resource gives the name, get_attr null), with the code that
 * resolves stored stacks, and nothing reaches the engine's store. The
 * request of an update is merged with the stored stack and checked by
 * hh_stack_update_prepare (stack_update.c), as the update itself does. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stack_format.h"
#include "stack_internal.h"
#include "stack_model.h"
#include "stack_ops.h"

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

/* ---- a stack not stored ------------------------------------------------- */

typedef struct scratch {
    hh_store *st;
    hh_stack_model *m;
} scratch;

static void scratch_free(scratch *s)
{
    hh_stack_model_free(s->m);
    hh_store_close(s->st);
}

/* Save t and env as the stack spec (its id given) in a private store and
 * load it back. */
static int scratch_new(hh_tmpl *t, hh_env *env, const json_t *files, hh_store_stack_spec *spec,
                       scratch *s, hh_error *err)
{
    char id[HH_STORE_ID_LEN];
    int rc;

    memset(s, 0, sizeof(*s));
    rc = hh_store_open("sqlite://", &s->st, err);
    if (rc == 0)
        rc = hh_store_db_sync(s->st, -1, err);
    if (rc == 0)
        rc = hh_stack_model_save_new(s->st, 0, t, env, files, spec, id, err);
    if (rc == 0)
        rc = hh_stack_model_load(s->st, id, false, &s->m, err);
    return rc;
}

/* The resources of a model in its store, formatted with flags; as
 * Heat's preview shows resources not created, without times. */
static int format_all(scratch *s, unsigned flags, json_t **out, hh_error *err)
{
    json_t *rows = NULL, *list = NULL, *row, *r;
    size_t i;
    int rc;

    *out = NULL;
    rc = hh_store_resource_list(s->st, hh_stack_model_id(s->m), &rows, err);
    if (rc != 0)
        return rc;
    list = json_array();
    if (list == NULL)
        rc = oom(err);
    json_array_foreach(rc == 0 ? rows : NULL, i, row)
    {
        rc = hh_stack_format_resource(s->m, s->st, row, flags, &r, err);
        if (rc != 0)
            break;
        json_object_set_new(r, "creation_time", json_null());
        json_object_set_new(r, "updated_time", json_null());
        if (json_array_append_new(list, r) != 0) {
            rc = oom(err);
            break;
        }
    }
    if (rc == 0) {
        *out = list;
        list = NULL;
    }
    json_decref(list);
    json_decref(rows);
    return rc;
}

/* Template.__getitem__(DESCRIPTION): "No description" when absent. */
static const char *tmpl_description(const hh_stack_model *m)
{
    const json_t *doc = hh_stack_model_template(m);
    const json_t *d = json_object_get(doc, "description");

    if (d == NULL)
        d = json_object_get(doc, "Description");
    return json_is_string(d) ? json_string_value(d) : "No description";
}

int hh_stack_preview(hh_stack_engine *e, const hh_tmpl_request *req, const hh_stack_create_opts *o,
                     json_t **out, hh_error *err)
{
    hh_store_stack_spec spec = {0};
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    json_t *existing = NULL, *res = NULL, *outs = NULL, *result = NULL;
    scratch s = {0};
    hh_pseudo pseudo;
    char now[HH_STORE_TIME_LEN];
    int rc;

    *out = NULL;
    if (o == NULL || o->name == NULL || o->tenant == NULL)
        return hh_error_set(err, HH_EINVAL, "HTTPBadRequest",
                            "a stack name and a tenant are required");
    rc = hh_tmpl_request_load(req, hh_stack_engine_limits(e), &t, &env, err);
    if (rc != 0)
        goto done;
    if (hh_store_stack_get_by_name(hh_stack_engine_store(e), o->tenant, o->name, &existing, NULL) ==
        0) {
        rc =
            hh_error_set(err, HH_EEXISTS, "StackExists", "The Stack (%s) already exists.", o->name);
        goto done;
    }
    /* a stack without an id: str(None), as Heat's identifier shows it */
    pseudo = (hh_pseudo){.stack_name = o->name, .stack_id = "None", .project_id = o->tenant};
    rc = hh_tmpl_check_create(t, env, &pseudo, err);
    if (rc != 0)
        goto done;
    spec.id = "None";
    spec.name = o->name;
    spec.tenant = o->tenant;
    spec.username = o->username;
    spec.timeout_mins = o->timeout_mins > 0 ? o->timeout_mins : 0;
    spec.disable_rollback = o->disable_rollback;
    spec.tags = o->tags;
    rc = scratch_new(t, env, req->files, &spec, &s, err);
    if (rc == 0)
        rc = format_all(&s, HH_FMT_DETAIL | HH_FMT_PROPS, &res, err);
    if (rc == 0)
        rc = hh_stack_format_outputs(s.m, s.st, &outs, err);
    if (rc != 0)
        goto done;
    /* format_stack(preview=True) */
    hh_store_time_format((int64_t)time(NULL), now);
    result = json_pack(
        "{s:s, s:o, s:s, s:n, s:n, s:[], s:o, s:s, s:s, s:[], s:b, s:o?, s:s?, s:n, s:n, s:O?, "
        "s:O, s:O}",
        "stack_name", o->name, "stack_identity",
        hh_stack_identity(o->tenant, o->name, "None", NULL), "creation_time", now, "updated_time",
        "deletion_time", "notification_topics", "parameters",
        hh_params_show_json(hh_stack_model_params(s.m)), "description", tmpl_description(s.m),
        "template_description", tmpl_description(s.m), "capabilities", "disable_rollback",
        o->disable_rollback, "timeout_mins",
        o->timeout_mins > 0 ? json_integer(o->timeout_mins) : NULL, "stack_owner", o->username,
        "parent", "stack_user_project_id", "tags", o->tags, "outputs", outs, "resources", res);
    if (result == NULL) {
        rc = oom(err);
        goto done;
    }
    *out = result;
done:
    json_decref(outs);
    json_decref(res);
    json_decref(existing);
    scratch_free(&s);
    hh_tmpl_free(t);
    hh_env_free(env);
    return rc;
}

/* ---- preview of an update ----------------------------------------------- */

enum { C_UNCHANGED, C_UPDATED, C_REPLACED, C_ADDED, C_DELETED, C_N };
static const char *const cat_names[C_N] = {"unchanged", "updated", "replaced", "added", "deleted"};

/* A definition without its properties, to compare the rest of two
 * (Heat compares whole frozen definitions). */
static json_t *def_rest(const json_t *def)
{
    json_t *d = json_is_object(def) ? json_deep_copy(def) : json_object();

    json_object_del(d, "properties");
    json_object_del(d, "Properties");
    return d;
}

static bool state_is(const json_t *row, const char *action, const char *status)
{
    const char *a = json_string_value(json_object_get(row, "action"));
    const char *s = json_string_value(json_object_get(row, "status"));

    return (action == NULL || (a != NULL && strcmp(a, action) == 0)) && s != NULL &&
           strcmp(s, status) == 0;
}

/* StackUpdate.preview for a resource of both stacks: Resource.preview_update
 * (_needs_update and update_template_diff_properties). */
static int classify(hh_stack_model *cur, hh_store *st, const json_t *crow, scratch *nw,
                    const char *name, int *cat, hh_error *err)
{
    const hh_rtype *t1 = NULL, *t2 = NULL;
    json_t *before = NULL, *after = NULL, *d1 = NULL, *d2 = NULL;
    hh_rupdate decision;
    int rc;

    rc = hh_stack_model_rtype(cur, name, &t1, err);
    if (rc == 0)
        rc = hh_stack_model_rtype(nw->m, name, &t2, err);
    if (rc != 0)
        return rc;
    *cat = C_REPLACED;
    if (t1 != t2)
        return 0; /* another type: replaced */
    *cat = C_UNCHANGED;
    if (t2->ops != NULL && (t2->ops->flags & HH_RPLUGIN_NEVER_UPDATE))
        return 0;
    *cat = C_REPLACED;
    if (state_is(crow, NULL, "FAILED") || state_is(crow, "DELETE", "COMPLETE"))
        return 0;
    /* before: the properties stored by the last action (the frozen
     * definition), else resolved now */
    before = json_incref(json_object_get(crow, "properties_data"));
    if (!json_is_object(before)) {
        json_decref(before);
        before = NULL;
        rc = hh_stack_model_properties(cur, st, name, &before, err);
    }
    if (rc == 0)
        rc = hh_stack_model_properties(nw->m, nw->st, name, &after, err);
    if (rc == 0)
        rc = hh_rplugin_update_decide(t2, name, before, after, &decision, NULL, err);
    if (rc != 0)
        goto done;
    if (decision == HH_RUPDATE_REPLACE) {
        *cat = C_REPLACED;
    } else if (decision == HH_RUPDATE_IN_PLACE) {
        *cat = C_UPDATED;
    } else {
        d1 = def_rest(hh_stack_model_resource_def(cur, name));
        d2 = def_rest(hh_stack_model_resource_def(nw->m, name));
        *cat = json_equal(d1, d2) ? C_UNCHANGED : C_UPDATED;
    }
done:
    json_decref(d1);
    json_decref(d2);
    json_decref(before);
    json_decref(after);
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* {name: row} of a stack's resources (new). */
static int rows_by_name(hh_store *st, const char *stack_id, json_t **out, hh_error *err)
{
    json_t *rows = NULL, *row;
    size_t i;
    int rc = hh_store_resource_list(st, stack_id, &rows, err);

    *out = NULL;
    if (rc != 0)
        return rc;
    *out = json_object();
    json_array_foreach(*out != NULL ? rows : NULL, i, row)
    {
        json_object_set(*out, json_string_value(json_object_get(row, "name")), row);
    }
    json_decref(rows);
    return *out != NULL ? 0 : oom(err);
}

int hh_stack_preview_update(hh_stack_engine *e, const char *stack_id, const hh_stack_update_req *u,
                            json_t **out, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_model *cur = NULL;
    hh_store_stack_spec spec = {0};
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    json_t *files = NULL, *crows = NULL, *nrows = NULL, *all = NULL, *result = NULL, *v;
    const char **names = NULL;
    const json_t *row;
    scratch nw = {0};
    const char *name;
    size_t n = 0, i;
    int rc;

    *out = NULL;
    /* the request merged with the stored stack and checked as an update's */
    rc = hh_stack_update_prepare(st, stack_id, u, hh_stack_engine_limits(e), &t, &env, &files, err);
    if (rc == 0)
        rc = hh_stack_model_load(st, stack_id, false, &cur, err);
    if (rc != 0)
        goto done;
    row = hh_stack_model_row(cur);
    spec.id = stack_id;
    spec.name = hh_stack_model_name(cur);
    spec.tenant = hh_stack_model_tenant(cur);
    spec.username = json_string_value(json_object_get(row, "username"));
    spec.tags = json_object_get(row, "tags");
    if (!json_is_array(spec.tags))
        spec.tags = NULL;
    rc = scratch_new(t, env, files, &spec, &nw, err);
    if (rc == 0)
        rc = rows_by_name(st, stack_id, &crows, err);
    if (rc == 0)
        rc = rows_by_name(nw.st, stack_id, &nrows, err);
    if (rc != 0)
        goto done;
    /* every name of either stack, sorted */
    all = json_deep_copy(crows);
    names = calloc(json_object_size(crows) + json_object_size(nrows) + 1, sizeof(*names));
    result = json_object();
    if (all == NULL || names == NULL || result == NULL || json_object_update(all, nrows) != 0) {
        rc = oom(err);
        goto done;
    }
    json_object_foreach(all, name, v) names[n++] = name;
    qsort(names, n, sizeof(*names), cmp_name);
    for (i = 0; i < C_N; i++)
        json_object_set_new(result, cat_names[i], json_array());
    for (i = 0; i < n && rc == 0; i++) {
        const json_t *crow = json_object_get(crows, names[i]);
        const json_t *nrow = json_object_get(nrows, names[i]);
        json_t *f = NULL;
        int cat;

        if (crow == NULL)
            cat = C_ADDED;
        else if (nrow == NULL)
            cat = C_DELETED;
        else
            rc = classify(cur, st, crow, &nw, names[i], &cat, err);
        if (rc != 0)
            break;
        /* updated and deleted show the stored resource, the others the
         * new definition's (fmt_action_map) */
        if (cat == C_UPDATED || cat == C_DELETED)
            rc = hh_stack_format_resource(cur, st, crow, HH_FMT_DETAIL, &f, err);
        else
            rc = hh_stack_format_resource(nw.m, nw.st, nrow, HH_FMT_DETAIL, &f, err);
        if (rc == 0 && json_array_append_new(json_object_get(result, cat_names[cat]), f) != 0)
            rc = oom(err);
    }
    if (rc == 0) {
        *out = result;
        result = NULL;
    }
done:
    free(names);
    json_decref(result);
    json_decref(all);
    json_decref(crows);
    json_decref(nrows);
    scratch_free(&nw);
    hh_stack_model_free(cur);
    json_decref(files);
    hh_tmpl_free(t);
    hh_env_free(env);
    return rc;
}
