/* service_info: the engine API's methods about templates, resource types,
 * services, the build and snapshots (heat/engine/service.py). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "res_registry.h"
#include "service_internal.h"
#include "tmpl_request.h"

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* Heat's validate_template answers {"Error": message} for a template that
 * does not validate (the API turns it into a 400); a template without a
 * known version is a failure of its own type, as Heat's. */
HH_SVC_METHOD(validate_template)
{
    const json_t *files = json_object_get(c->args, "files");
    const json_t *env = json_object_get(c->args, "params");
    const json_t *envf = json_object_get(c->args, "environment_files");
    hh_tmpl_request req = {
        .template = json_object_get(c->args, "template"),
        .source = "template",
        .files = json_is_object(files) ? files : NULL,
        .environment = json_is_object(env) ? env : NULL,
        .environment_files = json_is_array(envf) ? envf : NULL,
    };
    hh_tmpl *t = NULL;
    hh_env *e = NULL;
    hh_error verr;
    int rc;

    hh_error_clear(&verr);
    rc = hh_tmpl_request_load(&req, NULL, &t, &e, &verr);
    if (rc == 0)
        rc = hh_tmpl_validate(t, e, result, &verr);
    hh_tmpl_free(t);
    hh_env_free(e);
    if (rc == 0)
        return 0;
    if (rc == ENOMEM || (verr.type != NULL && strcmp(verr.type, "InvalidTemplateVersion") == 0)) {
        *err = verr;
        return rc;
    }
    *result = json_pack("{s:s}", "Error", verr.message);
    return *result != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

HH_SVC_METHOD(list_template_versions)
{
    json_t *list = json_array();

    (void)c;
    for (size_t i = 0; list != NULL && i < hh_tversion_count(); i++)
        json_array_append_new(list, hh_tversion_to_json(hh_tversion_at(i)));
    *result = list;
    return list != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

HH_SVC_METHOD(list_template_functions)
{
    const char *name = hh_svc_arg_str(c, "template_version");
    const char *dot = strchr(name, '.');
    const hh_tversion *v = NULL;
    char key[64];

    if (dot != NULL && (size_t)(dot - name) < sizeof(key)) {
        snprintf(key, sizeof(key), "%.*s", (int)(dot - name), name);
        v = hh_tversion_find(key, dot + 1);
    }
    if (v == NULL)
        return hh_error_set(err, HH_ENOTFOUND, "NotFound", "Template with version %s not found",
                            name);
    *result = hh_tversion_functions_json(v, hh_svc_arg_bool(c, "with_condition", false));
    return *result != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

HH_SVC_METHOD(list_resource_types)
{
    hh_rtype_filter f = {
        .name = hh_svc_arg_str(c, "type_name"),
        .version = hh_svc_arg_str(c, "heat_version"),
        .support_status = hh_svc_arg_str(c, "support_status"),
        .with_description = hh_svc_arg_bool(c, "with_description", false),
    };

    return hh_rtype_list_json(&f, result, err);
}

static int type_of(const hh_svc_call *c, const hh_rtype **t, hh_error *err)
{
    const char *name = hh_svc_arg_str(c, "type_name");

    *t = hh_rtype_lookup(name);
    if (*t == NULL)
        return hh_error_set(err, HH_ENOTFOUND, "EntityNotFound",
                            "The Resource Type (%s) could not be found.", name);
    return 0;
}

HH_SVC_METHOD(resource_schema)
{
    const hh_rtype *t;
    int rc = type_of(c, &t, err);

    return rc != 0 ? rc
                   : hh_rtype_schema_json(t, hh_svc_arg_bool(c, "with_description", false), result,
                                          err);
}

HH_SVC_METHOD(generate_template)
{
    const char *kind = hh_svc_arg_str(c, "template_type");
    const hh_rtype *t;
    int rc = type_of(c, &t, err);

    return rc != 0 ? rc : hh_rtype_template_json(t, kind != NULL ? kind : "cfn", result, err);
}

HH_SVC_METHOD(list_services)
{
    json_t *rows = NULL, *list = NULL, *row;
    size_t i;
    int rc = hh_store_service_list(c->st, &rows, err);

    if (rc == 0 && (list = json_array()) == NULL)
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_array_foreach(rows, i, row)
    {
        if (rc == 0)
            json_array_append_new(list, hh_svc_format_service(row));
    }
    json_decref(rows);
    *result = list;
    return rc;
}

HH_SVC_METHOD(get_revision)
{
    (void)c;
    *result = json_string(PACKAGE_VERSION);
    return *result != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

HH_SVC_METHOD(authenticated_to_backend)
{
    (void)c;
    (void)err;
    *result = json_true(); /* noauth and Keystone contexts are checked by the API */
    return 0;
}

/* ---- snapshots ---------------------------------------------------------- */

HH_SVC_METHOD(stack_snapshot)
{
    hh_stack_ops_conf oc = hh_svc_ops_conf(c->s);
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_snapshot(c->engine, &oc, jstr(row, "id"), hh_svc_arg_str(c, "name"),
                               c->ctx->tenant, c->ctx->is_admin, c->term, result, err);
    if (rc == 0)
        hh_svc_watch_events(c->s, jstr(row, "id"));
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(stack_list_snapshots)
{
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_snapshot_list(c->engine, jstr(row, "id"), result, err);
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(show_snapshot)
{
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_snapshot_show(c->engine, jstr(row, "id"), hh_svc_arg_str(c, "snapshot_id"),
                                    result, err);
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(delete_snapshot)
{
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_snapshot_delete(c->engine, jstr(row, "id"), hh_svc_arg_str(c, "snapshot_id"),
                                      c->term, err);
    if (rc == 0)
        *result = json_null();
    json_decref(row);
    return rc;
}

HH_SVC_METHOD(stack_restore)
{
    json_t *row = NULL;
    int rc = hh_svc_get_stack(c, json_object_get(c->args, "stack_identity"), false, &row, err);

    if (rc == 0)
        rc = hh_stack_restore(c->engine, jstr(row, "id"), hh_svc_arg_str(c, "snapshot_id"), c->term,
                              err);
    if (rc == 0) {
        hh_svc_watch_events(c->s, jstr(row, "id"));
        *result = json_null();
    }
    json_decref(row);
    return rc;
}
