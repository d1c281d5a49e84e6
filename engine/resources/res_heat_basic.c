/* res_heat_basic: the behaviour of OS::Heat::None, OS::Heat::Value,
 * OS::Heat::RandomString and OS::Heat::TestResource (heat/engine/resources/
 * openstack/heat/{none_resource,value,random_string,test_resource}.py).
 *
 * Every handler is idempotent for crash-resume (res_plugin.h): what it has
 * done is found again in the resource data or the physical id. None of
 * them acts outside the store (HH_RPLUGIN_STORE_ONLY). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"
#include "res_plugin.h"

static int set_physical_name(hh_rctx *ctx, hh_error *err)
{
    char *name = NULL;
    int rc =
        hh_physical_name(ctx->stack_name, ctx->name, ctx->uuid, HH_RPHYS_NAME_LIMIT, &name, err);

    if (rc == 0)
        rc = hh_rctx_set_physical_id(ctx, name);
    free(name);
    return rc;
}

/* The resource data value of key as JSON (a string, or null). */
static int data_json(hh_rctx *ctx, const char *key, json_t **out)
{
    char *v = NULL;
    int rc = hh_rctx_data_get(ctx, key, &v);

    *out = NULL;
    if (rc != 0)
        return rc;
    *out = v != NULL ? json_string(v) : json_null();
    free(v);
    return *out != NULL ? 0 : ENOMEM;
}

static const json_t *prop(const hh_rctx *ctx, const char *name)
{
    return json_object_get(ctx->properties, name);
}

/* ---- OS::Heat::None ------------------------------------------------------- */

static int none_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    char id[37];
    int rc;

    (void)err;
    if (ctx->physical_id[0] == '\0') {
        rc = hh_rctx_uuid4(ctx, id);
        if (rc == 0)
            rc = hh_rctx_set_physical_id(ctx, id);
        if (rc != 0)
            return rc;
    }
    /* is_placeholder: set when a None replaces another type's resource */
    rc = hh_rctx_data_set(ctx, "is_placeholder", "True", false);
    step->done = rc == 0;
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_none = {
    .handle_create = none_create,
    /* handle_delete: a placeholder has nothing to delete */
    .flags = HH_RPLUGIN_NEVER_UPDATE | HH_RPLUGIN_STORE_ONLY,
};

/* ---- OS::Heat::Value ------------------------------------------------------- */

/* Value.reparse: the schema of "value" follows "type" (HOT parameter
 * types to property types). */
/* clang-format off */
#define VALUE_TYPED(ptype)                                                                         \
    {                                                                                              \
        {.name = "value",                                                                          \
         .type = ptype,                                                                            \
         .description = "The expression to generate the \"value\" attribute.",                     \
         .required = true,                                                                         \
         .update_allowed = true},                                                                  \
        {.name = NULL},                                                                            \
    }
/* clang-format on */
static const hh_pschema value_string_p[] = VALUE_TYPED(HH_PT_STRING);
static const hh_pschema value_number_p[] = VALUE_TYPED(HH_PT_NUMBER);
static const hh_pschema value_list_p[] = VALUE_TYPED(HH_PT_LIST);
static const hh_pschema value_map_p[] = VALUE_TYPED(HH_PT_MAP);
static const hh_pschema value_boolean_p[] = VALUE_TYPED(HH_PT_BOOLEAN);

static const struct {
    const char *type;
    const hh_pschema *schema;
} value_types[] = {
    {"string", value_string_p},
    {"number", value_number_p},
    {"comma_delimited_list", value_list_p},
    {"json", value_map_p},
    {"boolean", value_boolean_p},
};

static int value_validate(const hh_rtype *t, const char *name, const json_t *props,
                          const hh_props_opts *opts, const char *section, hh_error *err)
{
    const char *type = json_string_value(json_object_get(props, "type"));
    json_t *only = NULL;
    size_t i;
    int rc = 0;

    (void)t;
    (void)name;
    if (type == NULL)
        return 0; /* no type: anything goes */
    for (i = 0; i < sizeof(value_types) / sizeof(value_types[0]); i++) {
        if (strcmp(value_types[i].type, type) != 0)
            continue;
        /* the typed "value" alone: "type" was checked by the schema */
        only = json_object();
        if (only == NULL)
            return ENOMEM;
        if (json_object_get(props, "value") != NULL &&
            json_object_set(only, "value", json_object_get(props, "value")) != 0) {
            json_decref(only);
            return ENOMEM;
        }
        rc = hh_props_validate(value_types[i].schema, only, true, opts, section, err);
        json_decref(only);
        return rc;
    }
    return 0; /* not a known type: the schema's allowed_values says so */
}

static int value_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    int rc = set_physical_name(ctx, err);

    step->done = rc == 0;
    return rc;
}

static int value_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    /* in place: the engine stores the new properties */
    (void)ctx;
    (void)prop_diff;
    (void)err;
    step->done = true;
    return 0;
}

static int value_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay,
                           hh_error *err)
{
    const json_t *v = prop(ctx, "value");

    (void)delay;
    (void)err;
    /* _resolve_attribute reads the class schema (Any): the value as given */
    *out = strcmp(attr, "value") == 0 && v != NULL ? json_incref((json_t *)v) : json_null();
    return 0;
}

const struct hh_rplugin_ops hh_rplugin_heat_value = {
    .validate = value_validate,
    .handle_create = value_create,
    .handle_update = value_update,
    .resolve_attribute = value_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};

/* ---- OS::Heat::RandomString ------------------------------------------------ */

/* The sum of the "min" of a resolved list of {.., min}; -1 when one is
 * unknown (a value deferred until another resource exists). */
static json_int_t sum_min(const json_t *list)
{
    json_int_t sum = 0;
    const json_t *item;
    size_t i;

    json_array_foreach(list, i, item)
    {
        const json_t *m = json_object_get(item, "min");

        if (!json_is_integer(m))
            return -1;
        sum += json_integer_value(m);
    }
    return sum;
}

/* The character_classes to generate from: the hidden, deprecated
 * "sequence" is Heat's translation rule, added to character_classes as
 * {class: sequence, min: 1}. Heat adds it to the classes the user gave;
 * resolved properties cannot tell the default from a given list, so a
 * default list is replaced, any other appended to. New reference. */
static json_t *random_classes(const json_t *props)
{
    const json_t *cls = json_object_get(props, "character_classes");
    const char *seq = json_string_value(json_object_get(props, "sequence"));
    json_t *out, *def;

    if (seq == NULL || seq[0] == '\0')
        return json_is_array(cls) ? json_incref((json_t *)cls) : json_array();
    def = json_pack("[{s:s, s:i}]", "class", "lettersdigits", "min", 1);
    out = json_is_array(cls) && !json_equal(cls, def) ? json_copy((json_t *)cls) : json_array();
    json_decref(def);
    if (out != NULL &&
        json_array_append_new(out, json_pack("{s:s, s:i}", "class", seq, "min", 1)) != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

static int random_validate(const hh_rtype *t, const char *name, const json_t *props,
                           const hh_props_opts *opts, const char *section, hh_error *err)
{
    json_t *resolved = NULL, *classes = NULL;
    json_int_t a, b;
    const json_t *len;
    int rc;

    (void)name;
    (void)opts;
    rc = hh_props_resolve(t->properties, props, section, &resolved, err);
    if (rc != 0)
        goto done;
    classes = random_classes(resolved);
    if (classes == NULL) {
        rc = ENOMEM;
        goto done;
    }
    a = sum_min(json_object_get(resolved, "character_sequences"));
    b = sum_min(classes);
    len = json_object_get(resolved, "length");
    if (a < 0 || b < 0 || !json_is_integer(len))
        goto done;
    if (a + b > json_integer_value(len))
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "Length property cannot be smaller than combined character class and "
                          "character sequence minimums");
done:
    json_decref(classes);
    json_decref(resolved);
    return rc;
}

static int random_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    json_t *classes = NULL;
    char *value = NULL;
    int rc;

    /* a resumed create keeps the string it already stored */
    rc = hh_rctx_data_get(ctx, "value", &value);
    if (rc != 0 || value != NULL)
        goto named;
    classes = random_classes(ctx->properties);
    if (classes == NULL) {
        rc = ENOMEM;
        goto done;
    }
    rc = hh_random_string(ctx, json_object_get(ctx->properties, "character_sequences"), classes,
                          (size_t)json_integer_value(prop(ctx, "length")), &value, err);
    if (rc == 0)
        rc = hh_rctx_data_set(ctx, "value", value, true);
named:
    if (rc == 0)
        rc = set_physical_name(ctx, err);
done:
    free(value);
    json_decref(classes);
    step->done = rc == 0;
    return rc;
}

static int random_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay,
                            hh_error *err)
{
    (void)delay;
    (void)err;
    if (strcmp(attr, "value") != 0) {
        *out = json_null();
        return 0;
    }
    return data_json(ctx, "value", out);
}

static int random_reference(hh_rctx *ctx, json_t **out, hh_error *err)
{
    (void)err;
    if (ctx->physical_id[0] != '\0')
        return data_json(ctx, "value", out);
    *out = json_string(ctx->name);
    return *out != NULL ? 0 : ENOMEM;
}

const struct hh_rplugin_ops hh_rplugin_heat_random_string = {
    .validate = random_validate,
    .handle_create = random_create,
    /* no handle_update: every change (salt) replaces */
    .reference_id = random_reference,
    .resolve_attribute = random_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};

/* ---- OS::Heat::TestResource ------------------------------------------------ */

/* _wait_secs: action_wait_secs[action], else wait_secs (-1: forever). */
static double test_wait_secs(const json_t *props, const char *action)
{
    const json_t *aws = json_object_get(props, "action_wait_secs");
    const json_t *v = json_is_object(aws) ? json_object_get(aws, action) : NULL;

    if (v == NULL || json_is_null(v))
        v = json_object_get(props, "wait_secs");
    return json_is_number(v) ? json_number_value(v) : 0;
}

static int test_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    const json_t *value = prop(ctx, "value");
    int rc = 0;

    if (!hh_py_truthy(prop(ctx, "fail"))) {
        char *s = hh_py_str(value);

        if (s == NULL)
            return ENOMEM;
        rc = hh_rctx_data_set(ctx, "value", s, false);
        free(s);
        if (rc == 0)
            rc = set_physical_name(ctx, err);
    }
    step->done = false; /* check_create_complete waits wait_secs */
    return rc;
}

/* The "value" change that handle_update acts on (prop_diff.get('value')
 * truthy), from the prior and new properties, so that the check finds it
 * again after a crash. */
static const json_t *test_value_change(const hh_rctx *ctx)
{
    const json_t *after = prop(ctx, "value");

    if (ctx->prior_properties == NULL ||
        hh_py_eq(json_object_get(ctx->prior_properties, "value"), after))
        return NULL;
    return hh_py_truthy(after) ? after : NULL;
}

static int test_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    const json_t *value = json_object_get(prop_diff, "value");
    int rc = 0;

    (void)err;
    if (hh_py_truthy(value) && !hh_py_truthy(prop(ctx, "fail"))) {
        char *s = hh_py_str(value);

        if (s == NULL)
            return ENOMEM;
        rc = hh_rctx_data_set(ctx, "value", s, false);
        free(s);
    }
    step->done = false;
    return rc;
}

static int test_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    (void)ctx;
    (void)err;
    step->done = false;
    return 0;
}

/* _check_status_complete: done once wait_secs have passed since the
 * action started (Heat's strict "waited > wait_secs" holds one clock tick
 * later; a wait of 0 is done at the first check as Heat's is), failing
 * then with Heat's ValueError when "fail" is set, except on DELETE.
 * client_name and entity_name name an OpenStack client to poll meanwhile:
 * heat-ha has none, the poll is only the wait. */
static int test_check(hh_rctx *ctx, hh_raction action, double wait, hh_rstep *step, hh_error *err)
{
    double waited = hh_rctx_now(ctx) - ctx->action_started;

    if (wait >= 0 && waited >= wait) {
        if (hh_py_truthy(prop(ctx, "fail")) && action != HH_RACT_DELETE)
            return hh_error_set(err, HH_EINVAL, "ValueError", "Test Resource failed %s", ctx->name);
        step->done = true;
        return 0;
    }
    step->done = false;
    step->poll_secs = wait < 0 ? 1.0 : fmax(wait - waited, 0.001);
    return 0;
}

static int test_check_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return test_check(ctx, HH_RACT_CREATE, test_wait_secs(ctx->properties, "create"), step, err);
}

static int test_check_update(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    double wait = test_value_change(ctx) != NULL ? test_wait_secs(ctx->properties, "update") : 0;

    return test_check(ctx, HH_RACT_UPDATE, wait, step, err);
}

static int test_check_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return test_check(ctx, HH_RACT_DELETE, test_wait_secs(ctx->properties, "delete"), step, err);
}

/* needs_replace_with_prop_diff: a changed value replaces when
 * update_replace is set. */
static bool test_needs_replace(const json_t *changed, const json_t *after, const json_t *before)
{
    const json_t *name;
    size_t i;

    (void)before;
    json_array_foreach(changed, i, name)
    {
        if (strcmp(json_string_value(name), "value") == 0)
            return hh_py_truthy(json_object_get(after, "update_replace"));
    }
    return false;
}

static int test_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay,
                          hh_error *err)
{
    const json_t *w = prop(ctx, "attr_wait_secs");

    (void)err;
    *delay = json_is_number(w) && json_number_value(w) > 0 ? json_number_value(w) : 0;
    if (strcmp(attr, "output") != 0) {
        *out = json_null();
        return 0;
    }
    return data_json(ctx, "value", out);
}

const struct hh_rplugin_ops hh_rplugin_heat_test_resource = {
    .handle_create = test_create,
    .check_create_complete = test_check_create,
    .needs_replace = test_needs_replace,
    .handle_update = test_update,
    .check_update_complete = test_check_update,
    .handle_delete = test_delete,
    .check_delete_complete = test_check_delete,
    .resolve_attribute = test_attribute,
    /* client_name and entity_name poll no client in heat-ha (test_check) */
    .flags = HH_RPLUGIN_STORE_ONLY,
};
