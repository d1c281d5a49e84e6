/* stack_format: Heat's RPC formats of resources and outputs (see
 * stack_format.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stack_format.h"

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

json_t *hh_stack_identity(const char *tenant, const char *stack_name, const char *stack_id,
                          const char *res)
{
    char path[HH_STORE_NAME_MAX + 16] = "";

    if (res != NULL)
        snprintf(path, sizeof(path), "/resources/%s", res);
    return json_pack("{s:s?, s:s?, s:s?, s:s}", "stack_name", stack_name, "stack_id", stack_id,
                     "tenant", tenant, "path", path);
}

/* Resource.required_by: the resources whose dependencies name it. */
static json_t *required_by(const hh_stack_model *m, const char *name)
{
    json_t *out = json_array(), *deps, *d;
    const char *other;
    size_t i;

    json_object_foreach((json_t *)hh_stack_model_graph(m), other, deps)
    {
        json_array_foreach(deps, i, d)
        {
            if (out != NULL && json_is_string(d) && strcmp(json_string_value(d), name) == 0) {
                json_array_append_new(out, json_string(other));
                break;
            }
        }
    }
    return out;
}

static bool not_created(const json_t *res)
{
    const char *act = json_string_value(json_object_get(res, "action"));

    return act == NULL || strcmp(act, "INIT") == 0;
}

/* A definition's key in either dialect ("description" / "Description"). */
static const json_t *def_get(const json_t *def, const char *hot, const char *cfn)
{
    const json_t *v = json_object_get(def, hot);

    return v != NULL ? v : json_object_get(def, cfn);
}

/* format_resource_attributes: 'show' is None for every type heat-ha has,
 * so each attribute is resolved on its own. */
static json_t *attributes(hh_stack_model *m, hh_store *st, const json_t *res)
{
    json_t *out = json_object(), *v;
    hh_stack_rctx_hold hold;
    const hh_aschema *a;
    hh_rctx ctx;
    hh_error err;

    if (out == NULL || hh_stack_model_rctx(m, st, 0, res, json_object_get(res, "properties_data"),
                                           0, &hold, &ctx, &err) != 0)
        return out;
    for (a = ctx.type->attributes; a != NULL && a->name != NULL; a++) {
        if (strcmp(a->name, "show") == 0)
            continue;
        v = NULL;
        if (not_created(res) ||
            hh_rplugin_attribute(ctx.type, &ctx, a->name, &v, NULL, &err) != 0) {
            json_decref(v);
            v = json_null();
        }
        json_object_set_new(out, a->name, v);
    }
    return out;
}

/* format_resource_properties: the resolved properties; Heat gives None
 * for each property that does not resolve. */
static json_t *properties(hh_stack_model *m, hh_store *st, const char *name)
{
    json_t *props = NULL;
    const hh_rtype *t = NULL;
    const hh_pschema *p;
    hh_error err;

    if (hh_stack_model_properties(m, st, name, &props, &err) == 0)
        return props;
    props = json_object();
    if (props != NULL && hh_stack_model_rtype(m, name, &t, &err) == 0)
        for (p = t->properties; p != NULL && p->name != NULL; p++)
            json_object_set_new(props, p->name, json_null());
    return props;
}

int hh_stack_format_resource(hh_stack_model *m, hh_store *st, const json_t *res, unsigned flags,
                             json_t **out, hh_error *err)
{
    const char *name = json_string_value(json_object_get(res, "name"));
    const char *sname = hh_stack_model_name(m), *tenant = hh_stack_model_tenant(m);
    const char *sid = hh_stack_model_id(m);
    const json_t *row = hh_stack_model_row(m);
    const json_t *pid = json_object_get(res, "physical_resource_id");
    const json_t *updated = json_object_get(res, "updated_at");
    const json_t *parent = json_object_get(row, "parent_resource_name");
    const json_t *def = hh_stack_model_resource_def(m, name);
    json_t *r;

    *out = NULL;
    if (json_is_null(updated) || updated == NULL)
        updated = json_object_get(res, "created_at");
    r = json_pack("{s:s?, s:s, s:O?, s:O?, s:O?, s:O?, s:o, s:o, s:s?, s:o, s:O?, s:O?}",
                  "resource_name", name, "physical_resource_id",
                  json_is_string(pid) ? json_string_value(pid) : "", "resource_action",
                  json_object_get(res, "action"), "resource_status", json_object_get(res, "status"),
                  "resource_status_reason", json_object_get(res, "status_reason"), "resource_type",
                  json_object_get(res, "type"), "resource_identity",
                  hh_stack_identity(tenant, sname, sid, name), "stack_identity",
                  hh_stack_identity(tenant, sname, sid, NULL), "stack_name", sname, "required_by",
                  required_by(m, name), "creation_time", json_object_get(res, "created_at"),
                  "updated_time", updated);
    if (r == NULL)
        return oom(err);
    if (json_is_string(parent))
        json_object_set(r, "parent_resource", (json_t *)parent);
    if (flags & HH_FMT_DETAIL) {
        const json_t *desc = def_get(def, "description", "Description");
        const json_t *md = not_created(res) ? def_get(def, "metadata", "Metadata")
                                            : json_object_get(res, "rsrc_metadata");

        json_object_set_new(r, "description",
                            json_string(json_is_string(desc) ? json_string_value(desc) : ""));
        json_object_set_new(r, "metadata",
                            json_is_object(md) ? json_incref((json_t *)md) : json_object());
        json_object_set_new(r, "attributes", attributes(m, st, res));
    }
    if (flags & HH_FMT_PROPS)
        json_object_set_new(r, "properties", properties(m, st, name));
    *out = r;
    return 0;
}

int hh_stack_format_outputs(hh_stack_model *m, hh_store *st, json_t **out, hh_error *err)
{
    const json_t *doc = hh_stack_model_template(m);
    const json_t *defs = def_get(doc, "outputs", "Outputs"), *def;
    json_t *values = NULL, *list = NULL, *v, *o;
    const char *key;
    int rc;

    *out = NULL;
    rc = hh_stack_model_outputs(m, st, &values, err);
    if (rc != 0)
        return rc;
    list = json_array();
    if (list == NULL) {
        rc = oom(err);
        goto done;
    }
    json_object_foreach((json_t *)(json_is_object(defs) ? defs : NULL), key, def)
    {
        const json_t *desc = def_get(def, "description", "Description");
        const json_t *failure = NULL;

        v = json_object_get(values, key);
        if (json_is_object(v) && json_object_size(v) == 1)
            failure = json_object_get(v, "output_error");
        o = json_pack("{s:s, s:s, s:O}", "output_key", key, "description",
                      json_is_string(desc) ? json_string_value(desc) : "No description given",
                      "output_value", failure != NULL || v == NULL ? json_null() : v);
        if (o == NULL || json_array_append_new(list, o) != 0) {
            rc = oom(err);
            goto done;
        }
        if (failure != NULL)
            json_object_set(o, "output_error", (json_t *)failure);
    }
    *out = list;
    list = NULL;
done:
    json_decref(list);
    json_decref(values);
    return rc;
}
