/* res_nested: Heat's StackResource (heat/engine/resources/stack_resource.py)
 * and the stack family built on it: template resources
 * (template_resource.py: a type that is a template file, directly or
 * through the resource registry) and OS::Heat::Stack (RemoteStack,
 * openstack/heat/remote_stack.py, here a stack of the same engine). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "res_nested.h"

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* ---- StackResource ------------------------------------------------------ */

/* StackResource._check_status_complete: the child's action want ended
 * (action is the parent resource's, which decides a missing child). */
static int check_status(hh_rctx *ctx, hh_raction action, const char *want, bool remote,
                        hh_rstep *step, hh_error *err)
{
    const char *act, *status, *reason;
    json_t *row = NULL;
    int rc;

    step->done = false;
    if (ctx->physical_id[0] == '\0') {
        if (action == HH_RACT_DELETE) {
            step->done = true;
            return 0;
        }
        return hh_error_set(err, HH_EINTERNAL, "Error", "Cannot %s %s, stack not created", want,
                            ctx->name);
    }
    rc = hh_rctx_nested_get(ctx, ctx->physical_id, &row, err);
    if (rc == HH_ENOTFOUND) {
        if (action == HH_RACT_DELETE) {
            step->done = true;
            return 0;
        }
        return hh_error_set(err, rc, "EntityNotFound", "The Stack (%s) could not be found.",
                            ctx->physical_id);
    }
    if (rc != 0)
        return rc;
    act = jstr(row, "action");
    status = jstr(row, "status");
    reason = jstr(row, "status_reason");
    if (act == NULL || status == NULL || strcmp(act, want) != 0 ||
        strcmp(status, "IN_PROGRESS") == 0) {
        /* the child's action has not ended (or not begun) */
    } else if (strcmp(status, "COMPLETE") == 0) {
        step->done = true;
    } else if (strcmp(status, "FAILED") == 0) {
        if (remote)
            rc = hh_error_set(err, HH_EINVAL, "ResourceInError",
                              "Went to status %s_%s due to \"%s\"", act, status,
                              reason != NULL ? reason : "");
        else
            rc = hh_rfailure_nested(ctx->name, act, reason, HH_EINVAL, err);
    } else {
        rc = hh_error_set(err, HH_EINVAL, "ResourceUnknownStatus",
                          "%s - Unknown status %s due to \"%s\"", "Stack unknown status", status,
                          reason != NULL ? reason : "Unknown");
    }
    json_decref(row);
    return rc;
}

int hh_rnested_check(hh_rctx *ctx, hh_raction action, bool remote, hh_rstep *step, hh_error *err)
{
    return check_status(ctx, action, hh_raction_name(action), remote, step, err);
}

int hh_rnested_create(hh_rctx *ctx, const hh_rnested_spec *spec, hh_rstep *step, hh_error *err)
{
    hh_rnested_spec s = *spec;
    json_t *data = NULL;
    char *text = NULL;
    int rc;

    /* an adopt: the child's abandon data, kept until the child is */
    rc = hh_rctx_data_get(ctx, HH_RDATA_ADOPT, &text);
    if (rc != 0)
        return hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc));
    if (text != NULL) {
        data = json_loads(text, 0, NULL);
        s.adopt_data = json_is_object(data) ? data : NULL;
    }
    rc = hh_rctx_nested_create(ctx, &s, err);
    if (rc == 0 && text != NULL)
        rc = hh_rctx_data_set(ctx, HH_RDATA_ADOPT, NULL, false);
    json_decref(data);
    free(text);
    if (rc != 0)
        return rc;
    step->done = false;
    return 0;
}

int hh_rnested_adopt(hh_rctx *ctx, int (*create)(hh_rctx *, hh_rstep *, hh_error *), hh_rstep *step,
                     hh_error *err)
{
    char *text = NULL;
    int rc;

    if (ctx->physical_id[0] == '\0') {
        rc = hh_rctx_data_get(ctx, HH_RDATA_ADOPT, &text);
        if (rc != 0)
            return hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc));
        free(text);
        if (text == NULL)
            return hh_error_set(err, HH_EINVAL, "Exception", "Resource ID was not provided.");
    }
    return create(ctx, step, err);
}

int hh_rnested_check_adopt(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_check(ctx, HH_RACT_ADOPT, false, step, err);
}

int hh_rnested_check_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_check(ctx, HH_RACT_CREATE, false, step, err);
}

int hh_rnested_update(hh_rctx *ctx, const hh_rnested_spec *spec, hh_rstep *step, hh_error *err)
{
    int rc;

    if (ctx->physical_id[0] == '\0')
        return hh_rnested_create(ctx, spec, step, err);
    rc = hh_rctx_nested_update(ctx, spec, err);
    step->done = false;
    return rc;
}

/* The action the child runs for an update of its parent resource: UPDATE,
 * CREATE for a child the update created, ROLLBACK for a child that the
 * parent's rollback rolls back (Heat's target_action ROLLBACK). */
static const char *update_action(hh_rctx *ctx)
{
    json_t *row = NULL;
    const char *a = "UPDATE", *act;

    if (ctx->physical_id[0] != '\0' && hh_rctx_nested_get(ctx, ctx->physical_id, &row, NULL) == 0 &&
        (act = jstr(row, "action")) != NULL &&
        (strcmp(act, "CREATE") == 0 || strcmp(act, "ROLLBACK") == 0))
        a = act[0] == 'C' ? "CREATE" : "ROLLBACK";
    json_decref(row);
    return a;
}

int hh_rnested_check_update(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return check_status(ctx, HH_RACT_UPDATE, update_action(ctx), false, step, err);
}

int hh_rnested_cancel(hh_rctx *ctx, hh_raction action, hh_error *err)
{
    if (ctx->physical_id[0] == '\0' || (action != HH_RACT_CREATE && action != HH_RACT_UPDATE))
        return 0;
    return hh_rctx_nested_cancel(ctx, ctx->physical_id, err);
}

int hh_rnested_handle_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    int rc;

    if (ctx->physical_id[0] == '\0') {
        step->done = true;
        return 0;
    }
    rc = hh_rctx_nested_delete(ctx, ctx->physical_id, err);
    step->done = false;
    return rc;
}

int hh_rnested_check_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_check(ctx, HH_RACT_DELETE, false, step, err);
}

int hh_rnested_output(hh_rctx *ctx, const char *key, json_t **out, hh_error *err)
{
    json_t *outputs = NULL, *o;
    const char *msg;
    int rc;

    *out = NULL;
    if (ctx->physical_id[0] == '\0') {
        *out = json_null();
        return 0;
    }
    rc = hh_rctx_nested_outputs(ctx, ctx->physical_id, &outputs, err);
    if (rc == HH_ENOTFOUND) {
        hh_error_clear(err);
        *out = json_null();
        return 0;
    }
    if (rc != 0)
        return rc;
    o = json_object_get(outputs, key);
    if (o == NULL) {
        rc = hh_error_set(err, HH_ENOTFOUND, "NotFound", "Specified output key %s not found.", key);
    } else if (json_is_object(o) && (msg = jstr(o, "output_error")) != NULL &&
               json_object_size(o) == 1) {
        rc = hh_error_set(err, HH_EINVAL, "TemplateOutputError", "Error in %s output %s: %s",
                          ctx->name, key, msg);
    } else {
        *out = json_incref(o);
    }
    json_decref(outputs);
    return rc;
}

/* ---- template resources ------------------------------------------------- */

/* Heat's child_params: the properties that have a value. */
static json_t *child_params(const json_t *props)
{
    json_t *params = json_object(), *v;
    const char *k;

    if (params == NULL)
        return NULL;
    json_object_foreach((json_t *)props, k, v)
    {
        if (!json_is_null(v))
            json_object_set(params, k, v);
    }
    return params;
}

static int tr_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    hh_rnested_spec spec = {0};
    json_t *params = child_params(ctx->properties);
    int rc;

    if (params == NULL)
        return oom(err);
    spec.parameters = params;
    rc = hh_rnested_create(ctx, &spec, step, err);
    json_decref(params);
    return rc;
}

/* TemplateResource.handle_adopt. */
static int tr_adopt(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_adopt(ctx, tr_create, step, err);
}

static int tr_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    hh_rnested_spec spec = {0};
    json_t *params = child_params(ctx->properties);
    int rc;

    (void)prop_diff;
    if (params == NULL)
        return oom(err);
    spec.parameters = params;
    rc = hh_rnested_update(ctx, &spec, step, err);
    json_decref(params);
    return rc;
}

static int tr_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay, hh_error *err)
{
    int rc = hh_rnested_output(ctx, attr, out, err);

    (void)delay;
    if (rc == HH_ENOTFOUND)
        return hh_rtype_attribute_error(ctx->name, attr, err);
    return rc;
}

/* TemplateResource.get_reference_id: the child's OS::stack_id output when
 * it has one, else the child's ARN. */
static int tr_reference(hh_rctx *ctx, json_t **out, hh_error *err)
{
    json_t *row = NULL, *v = NULL;
    hh_error oerr;
    int rc;

    *out = NULL;
    if (ctx->physical_id[0] == '\0') {
        *out = json_string(ctx->name);
        return *out != NULL ? 0 : oom(err);
    }
    hh_error_clear(&oerr);
    if (hh_rnested_output(ctx, "OS::stack_id", &v, &oerr) == 0 && !json_is_null(v)) {
        *out = v;
        return 0;
    }
    json_decref(v);
    rc = hh_rctx_nested_get(ctx, ctx->physical_id, &row, err);
    if (rc == 0) {
        *out = json_sprintf("arn:openstack:heat::%s:stacks/%s/%s", jstr(row, "tenant"),
                            jstr(row, "name"), ctx->physical_id);
        if (*out == NULL)
            rc = oom(err);
    } else if (rc == HH_ENOTFOUND) {
        hh_error_clear(err);
        *out = json_string(ctx->physical_id);
        rc = *out != NULL ? 0 : oom(err);
    }
    json_decref(row);
    return rc;
}

static const struct hh_rplugin_ops template_resource_ops = {
    .handle_create = tr_create,
    .check_create_complete = hh_rnested_check_create,
    .handle_update = tr_update,
    .check_update_complete = hh_rnested_check_update,
    .handle_delete = hh_rnested_handle_delete,
    .check_delete_complete = hh_rnested_check_delete,
    .handle_cancel = hh_rnested_cancel,
    .handle_adopt = tr_adopt,
    .check_adopt_complete = hh_rnested_check_adopt,
    .reference_id = tr_reference,
    .resolve_attribute = tr_attribute,
    .flags = HH_RPLUGIN_ALWAYS_UPDATE,
};

const hh_rtype hh_rtype_template_resource = {
    .name = "TemplateResource",
    .class_name = "TemplateResource",
    .description = "A resource implemented by a nested stack.",
    .flags = HH_RT_PASS_PROPERTIES | HH_RT_ANY_ATTRIBUTES,
    .ops = &template_resource_ops,
};

/* ---- OS::Heat::Stack ---------------------------------------------------- */

/* RemoteStack's stack from its properties. */
static hh_rnested_spec hs_spec(const hh_rctx *ctx)
{
    hh_rnested_spec spec = {0};

    spec.template = json_object_get(ctx->properties, "template");
    spec.parameters = json_object_get(ctx->properties, "parameters");
    if (!json_is_object(spec.parameters))
        spec.parameters = NULL;
    spec.timeout_mins = (int)json_integer_value(json_object_get(ctx->properties, "timeout"));
    spec.top_level = true;
    return spec;
}

static int hs_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    hh_rnested_spec spec = hs_spec(ctx);

    return hh_rnested_create(ctx, &spec, step, err);
}

static int hs_check_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_check(ctx, HH_RACT_CREATE, true, step, err);
}

static int hs_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    hh_rnested_spec spec = hs_spec(ctx);

    (void)prop_diff;
    return hh_rnested_update(ctx, &spec, step, err);
}

static int hs_check_update(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return check_status(ctx, HH_RACT_UPDATE, update_action(ctx), true, step, err);
}

static int hs_check_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_check(ctx, HH_RACT_DELETE, true, step, err);
}

static int hs_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay, hh_error *err)
{
    json_t *row = NULL, *outputs = NULL, *v, *result;
    const char *k;
    int rc;

    (void)delay;
    *out = NULL;
    if (ctx->physical_id[0] == '\0') {
        *out = json_null();
        return 0;
    }
    if (strcmp(attr, "stack_name") == 0) {
        rc = hh_rctx_nested_get(ctx, ctx->physical_id, &row, err);
        if (rc == 0)
            *out = json_incref(json_object_get(row, "name"));
        json_decref(row);
    } else {
        /* outputs: {key: value}, a failed output's value None */
        rc = hh_rctx_nested_outputs(ctx, ctx->physical_id, &outputs, err);
        if (rc != 0)
            goto done;
        result = json_object();
        if (result == NULL) {
            rc = oom(err);
            goto done;
        }
        json_object_foreach(outputs, k, v)
        {
            bool failed = json_is_object(v) && json_object_size(v) == 1 &&
                          json_object_get(v, "output_error") != NULL;

            json_object_set(result, k, failed ? json_null() : v);
        }
        *out = result;
    }
done:
    if (rc == HH_ENOTFOUND) {
        /* ignore_not_found: None */
        hh_error_clear(err);
        json_decref(*out);
        *out = json_null();
        rc = 0;
    }
    json_decref(outputs);
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_stack = {
    .handle_create = hs_create,
    .check_create_complete = hs_check_create,
    .handle_update = hs_update,
    .check_update_complete = hs_check_update,
    .handle_delete = hh_rnested_handle_delete,
    .check_delete_complete = hs_check_delete,
    .handle_cancel = hh_rnested_cancel,
    .resolve_attribute = hs_attribute,
    .flags = HH_RPLUGIN_ALWAYS_UPDATE,
};
