/* tmpl: a template as the engine sees it (see tmpl.h).
 *
 * Validation follows the order of Heat's Stack.validate so that the first
 * error reported is the one Heat reports: top-level sections, parameters,
 * parameter groups, conditions, resource definitions (keys, field types,
 * conditions), duplicate names, references and functions of each enabled
 * resource, outputs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "res_plugin.h"
#include "res_registry.h"
#include "hh_py.h"
#include "tmpl_internal.h"

const hh_tmpl_limits hh_tmpl_limits_default = {
    .max_template_size = 524288,
    .max_resources_per_stack = 1000,
    .max_depth = 100,
    .max_aliases = 100,
    .max_nested_stack_depth = 5,
};

static const dialect_names hot_names = {
    .description = "description",
    .parameter_groups = "parameter_groups",
    .parameters = "parameters",
    .resources = "resources",
    .outputs = "outputs",
    .conditions = "conditions",
    .mappings = NULL,
    .res_type = "type",
    .res_properties = "properties",
    .res_metadata = "metadata",
    .res_depends_on = "depends_on",
    .res_deletion_policy = "deletion_policy",
    .res_update_policy = "update_policy",
    .res_description = "description",
    .res_condition = "condition",
    .res_external_id = "external_id",
    .out_value = "value",
    .out_description = "description",
    .out_condition = "condition",
};

static const dialect_names cfn_names = {
    .description = "Description",
    .parameter_groups = NULL,
    .parameters = "Parameters",
    .resources = "Resources",
    .outputs = "Outputs",
    .conditions = "Conditions",
    .mappings = "Mappings",
    .res_type = "Type",
    .res_properties = "Properties",
    .res_metadata = "Metadata",
    .res_depends_on = "DependsOn",
    .res_deletion_policy = "DeletionPolicy",
    .res_update_policy = "UpdatePolicy",
    .res_description = "Description",
    .res_condition = "Condition",
    .res_external_id = NULL,
    .out_value = "Value",
    .out_description = "Description",
    .out_condition = "Condition",
};

/* ---- small helpers ---------------------------------------------------- */

const json_t *hh_tmpl_section(const hh_tmpl *t, const char *name)
{
    const json_t *s;

    if (name == NULL)
        return NULL;
    s = json_object_get(t->doc, name);
    return json_is_null(s) ? NULL : s;
}

static bool is_resource_name(const hh_tmpl *t, const char *name)
{
    const json_t *res = hh_tmpl_section(t, t->names->resources);

    return json_is_object(res) && json_object_get(res, name) != NULL;
}

/* ---- parse ------------------------------------------------------------ */

/* A new empty template object with its source, files and limits set. */
static hh_tmpl *tmpl_alloc(const char *source, const json_t *files, const hh_tmpl_limits *lim)
{
    hh_tmpl *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return NULL;
    t->lim = lim ? *lim : hh_tmpl_limits_default;
    snprintf(t->source, sizeof(t->source), "%s", source ? source : "");
    if (files != NULL)
        t->files = json_incref((json_t *)files);
    return t;
}

/* Check the top level of t->doc and detect its version. */
static int tmpl_settle(hh_tmpl *t, hh_error *err)
{
    if (!json_is_object(t->doc)) {
        hh_error_set(err, HH_EINVAL, "HTTPBadRequest",
                     "The template is not a JSON object or YAML mapping.");
        hh_tmpl_place_at(t, err, t->doc, NULL, NULL);
        return HH_EINVAL;
    }
    t->ver = hh_tversion_detect(t->doc, err);
    if (t->ver == NULL) {
        hh_tmpl_place_version_error(t, err);
        return err != NULL && err->rc != 0 ? err->rc : HH_EINVAL;
    }
    t->names = t->ver->dialect == HH_DIALECT_HOT ? &hot_names : &cfn_names;
    return 0;
}

int hh_tmpl_parse(const char *text, size_t len, const char *source, const json_t *files,
                  const hh_tmpl_limits *lim, hh_tmpl **out, hh_error *err)
{
    hh_doc_limits dlim = hh_doc_limits_default;
    hh_tmpl *t;
    int rc;

    *out = NULL;
    t = tmpl_alloc(source, files, lim);
    if (t == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    if (len > t->lim.max_template_size) {
        rc = hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded",
                          "Request limit exceeded: Template size (%zu bytes) exceeds maximum "
                          "allowed size (%zu bytes).",
                          len, t->lim.max_template_size);
        goto done;
    }
    dlim.max_size = t->lim.max_template_size;
    dlim.max_depth = t->lim.max_depth;
    dlim.max_aliases = t->lim.max_aliases;
    rc = hh_doc_parse(text, len, t->source, &dlim, &t->doc, &t->map, err);
    if (rc == HH_EPARSE) {
        hh_error_prefix(err, "Error parsing template %s ", t->source);
        err->type = "HTTPBadRequest";
    } else if (rc != 0 && err != NULL && err->type == NULL) {
        err->type = "RequestLimitExceeded";
    }
    if (rc == 0 && json_is_object(t->doc) &&
        json_object_get(t->doc, "heat_template_version") == NULL &&
        json_object_get(t->doc, "HeatTemplateFormatVersion") == NULL &&
        json_object_get(t->doc, "AWSTemplateFormatVersion") == NULL) {
        /* heat/common/template_format.py parse() */
        rc = hh_error_set(err, HH_EINVAL, "HTTPBadRequest", "Template format version not found.");
        hh_tmpl_place_at(t, err, t->doc, NULL, NULL);
    }
    if (rc == 0)
        rc = tmpl_settle(t, err);
done:
    if (rc != 0) {
        hh_tmpl_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

int hh_tmpl_from_doc(json_t *doc, hh_srcmap *map, const char *source, const json_t *files,
                     const hh_tmpl_limits *lim, hh_tmpl **out, hh_error *err)
{
    hh_tmpl *t;
    int rc;

    *out = NULL;
    t = tmpl_alloc(source, files, lim);
    if (t == NULL) {
        json_decref(doc);
        hh_srcmap_free(map);
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    }
    t->doc = doc;
    t->map = map;
    rc = tmpl_settle(t, err);
    if (rc != 0) {
        hh_tmpl_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

static void reset_prepared(hh_tmpl *t)
{
    hh_params_free(t->params);
    t->params = NULL;
    json_decref(t->enabled);
    t->enabled = NULL;
    t->env = NULL;
}

void hh_tmpl_free(hh_tmpl *t)
{
    if (t == NULL)
        return;
    reset_prepared(t);
    json_decref(t->doc);
    json_decref(t->files);
    hh_srcmap_free(t->map);
    free(t);
}

const hh_tversion *hh_tmpl_version(const hh_tmpl *t)
{
    return t->ver;
}

const json_t *hh_tmpl_doc(const hh_tmpl *t)
{
    return t->doc;
}

/* ---- the function context --------------------------------------------- */

static int ctx_get_param(void *ud, const char *name, json_t **value, hh_error *err)
{
    hh_tmpl *t = ud;

    /* template parameters and pseudo-parameters alike */
    if (t->params == NULL)
        return HH_ENOTFOUND;
    return hh_params_value(t->params, name, value, err);
}

static int ctx_get_resource(void *ud, const char *name, json_t **value, hh_error *err)
{
    hh_tmpl *t = ud;

    /* A resource disabled by its condition is not in the stack. Not
     * created yet, the reference is the name (Heat's FnGetRefId without a
     * physical id). */
    if (json_object_get(t->enabled, name) == NULL)
        return HH_ENOTFOUND;
    *value = json_string(name);
    return *value ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static int ctx_get_attr(void *ud, const char *res, const char *attr, json_t **value, hh_error *err)
{
    hh_tmpl *t = ud;
    const json_t *rdef;
    const char *type;
    const hh_rtype *rt;

    if (!is_resource_name(t, res))
        return HH_ENOTFOUND;
    rdef = json_object_get(hh_tmpl_section(t, t->names->resources), res);
    type = json_string_value(json_object_get(rdef, t->names->res_type));
    rt = type ? hh_rtype_lookup(type) : NULL;
    if (attr != NULL && rt != NULL && !hh_rtype_has_attribute(rt, attr))
        return hh_rtype_attribute_error(res, attr, err);
    *value = json_null();
    return 0;
}

static int ctx_get_file(void *ud, const char *key, json_t **value, hh_error *err)
{
    hh_tmpl *t = ud;
    json_t *v = json_object_get(t->files, key);

    if (v == NULL)
        return HH_ENOTFOUND;
    *value = json_incref(v);
    return 0;
}

/* Availability zones come from the compute service, which a template
 * alone does not have: Heat's answer without one. */
static int ctx_get_azs(void *ud, json_t **value, hh_error *err)
{
    *value = NULL;
    return hh_error_set(err, HH_EUNSUPPORTED, "EndpointNotFound",
                        "Could not find requested endpoint in Service Catalog.");
}

static const hh_fctx_ops tmpl_fctx_ops = {
    .get_param = ctx_get_param,
    .get_resource = ctx_get_resource,
    .get_attr = ctx_get_attr,
    .get_file = ctx_get_file,
    .condition = NULL, /* names are resolved by the function layer (hh_fctx.conditions) */
    .resource_facade = NULL, /* a top-level template has no facade */
    .get_azs = ctx_get_azs,
};

static hh_fctx fctx_of(hh_tmpl *t)
{
    hh_fctx ctx = {.ops = &tmpl_fctx_ops,
                   .ud = t,
                   .mappings = hh_tmpl_section(t, t->names->mappings),
                   .conditions = t->ver->conditions ? hh_tmpl_section(t, t->names->conditions) : NULL};

    return ctx;
}

/* ---- conditions ------------------------------------------------------- */

/* A resource or output condition: absent (enabled), a boolean, the name of
 * a condition of the conditions section, or a condition expression. Errors
 * are placed at path ("resources.r.condition: Invalid condition ..."). */
static int condition_enabled(hh_tmpl *t, json_t *cond, const char *path, bool *enabled,
                             hh_error *err)
{
    hh_fctx ctx = fctx_of(t);
    int rc;

    *enabled = true;
    if (cond == NULL || json_is_null(cond))
        return 0;
    rc = hh_func_resolve_condition(t->ver, &ctx, cond, path, enabled, err);
    /* Heat's is_enabled raises ValueError('Invalid condition "x"'), which
     * the definition wraps in StackValidationFailed with its path; other
     * condition errors are StackValidationFailed already. */
    if (rc != 0 && err != NULL && strncmp(err->message, "Invalid condition", 17) == 0) {
        hh_error_prefix(err, "%s: ", path);
        err->type = "StackValidationFailed";
    }
    return rc;
}

/* Heat's Conditions.validate: each definition a boolean or a function. */
static int validate_conditions(hh_tmpl *t, hh_error *err)
{
    const json_t *defs;
    const char *name;
    json_t *expr;
    hh_fctx ctx = fctx_of(t);
    char path[512];
    int rc;

    if (!t->ver->conditions)
        return 0;
    defs = hh_tmpl_section(t, t->names->conditions);
    if (defs == NULL)
        return 0;
    if (!json_is_object(defs)) {
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "Conditions validation error: Condition definitions must be a map. "
                          "Found a %s instead",
                          hh_py_type_name(defs));
        hh_tmpl_place_at(t, err, defs, NULL, NULL);
        return rc;
    }
    json_object_foreach((json_t *)defs, name, expr)
    {
        if (!json_is_boolean(expr) && hh_func_lookup_condition(t->ver, expr, NULL) == NULL) {
            char *text = hh_py_str(expr);

            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Condition validation error: The definition of condition \"%s\" is "
                              "invalid: %s",
                              name, text ? text : "?");
            free(text);
            hh_tmpl_place_at(t, err, expr, defs, name);
            return rc;
        }
        snprintf(path, sizeof(path), "%s.%s", t->names->conditions, name);
        rc = hh_func_validate_condition(t->ver, &ctx, expr, path, err);
        if (rc != 0) {
            hh_tmpl_place_at(t, err, expr, defs, name);
            return rc;
        }
    }
    return 0;
}

/* ---- top-level structure ---------------------------------------------- */

static bool is_section(const hh_tmpl *t, const char *key)
{
    const dialect_names *n = t->names;

    if (strcmp(key, t->ver->key) == 0)
        return true;
    if ((n->description && strcmp(key, n->description) == 0) ||
        (n->parameter_groups && strcmp(key, n->parameter_groups) == 0) ||
        strcmp(key, n->parameters) == 0 || strcmp(key, n->resources) == 0 ||
        strcmp(key, n->outputs) == 0 || (n->mappings && strcmp(key, n->mappings) == 0))
        return true;
    return t->ver->conditions && strcmp(key, n->conditions) == 0;
}

static bool is_resource_key(const hh_tmpl *t, const char *key);

/* Heat's Template.validate: known sections, every resource a mapping with a
 * type. */
static int validate_structure(hh_tmpl *t, hh_error *err)
{
    const char *key, *name;
    json_t *value, *res;
    const json_t *resources;

    json_object_foreach(t->doc, key, value)
    {
        if (!is_section(t, key)) {
            hh_error_set(err, HH_EINVAL, "InvalidTemplateSection",
                         "The template section is invalid: %s", key);
            hh_tmpl_place_at(t, err, NULL, t->doc, key);
            return HH_EINVAL;
        }
    }
    resources = hh_tmpl_section(t, t->names->resources);
    if (resources == NULL)
        return 0;
    if (!json_is_object(resources)) {
        /* Heat fails on it as Python does */
        hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                     "'%s' object has no attribute 'items'", hh_py_type_name(resources));
        hh_tmpl_place_at(t, err, resources, t->doc, t->names->resources);
        return HH_EINVAL;
    }
    if (t->lim.max_resources_per_stack >= 0 &&
        json_object_size(resources) > (size_t)t->lim.max_resources_per_stack) {
        hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded",
                     "Request limit exceeded: You have reached the maximum resources per stack, "
                     "please contact your cloud administrator.");
        return HH_ELIMIT;
    }
    json_object_foreach((json_t *)resources, name, res)
    {
        if (!json_is_object(res)) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "\"%s\" must contain a map of resource maps. Found a [<class '%s'>] "
                         "instead",
                         t->names->resources, hh_py_type_name(res));
            hh_tmpl_place_at(t, err, res, resources, name);
            return HH_EINVAL;
        }
        if (t->ver->dialect == HH_DIALECT_HOT) {
            const char *rkey;
            json_t *v;

            /* HOT's validate_section: keys first, then the type. Heat's
             * table there holds condition and external_id in every version
             * (a class dict updated by a subclass); the definition refuses
             * them before 2016-10-14. */
            json_object_foreach(res, rkey, v)
            {
                if (!is_resource_key(t, rkey) && strcmp(rkey, "condition") != 0 &&
                    strcmp(rkey, "external_id") != 0) {
                    hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                                 "\"%s\" is not a valid keyword inside a resource definition",
                                 rkey);
                    hh_tmpl_place_at(t, err, NULL, res, rkey);
                    return HH_EINVAL;
                }
            }
        }
        if (json_object_size(res) == 0 || json_object_get(res, t->names->res_type) == NULL) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Each resource must contain a %s key.", t->names->res_type);
            hh_tmpl_place_at(t, err, res, resources, name);
            return HH_EINVAL;
        }
    }
    return 0;
}

static bool is_resource_key(const hh_tmpl *t, const char *key)
{
    const dialect_names *n = t->names;
    const char *keys[] = {n->res_type,          n->res_properties,    n->res_metadata,
                          n->res_depends_on,    n->res_deletion_policy, n->res_update_policy,
                          n->res_description};
    size_t i;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    if (!t->ver->conditions)
        return false;
    return strcmp(key, n->res_condition) == 0 ||
           (n->res_external_id != NULL && strcmp(key, n->res_external_id) == 0);
}

/* One resource definition's keys and field types (Heat's
 * _rsrc_defn_args), and whether its condition enables it. */
static int check_definition(hh_tmpl *t, const char *name, json_t *res, bool *enabled,
                            hh_error *err)
{
    const dialect_names *n = t->names;
    const char *key;
    json_t *v, *dep;
    size_t i;
    char path[512];
    int rc;

    /* Only HOT refuses unknown keys (Heat's CFN templates ignore them). */
    if (strchr(name, '/') != NULL) {
        hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                     "Resource name may not contain \"/\"");
        hh_tmpl_place_at(t, err, NULL, hh_tmpl_section(t, n->resources), name);
        return HH_EINVAL;
    }
    json_object_foreach(res, key, v)
    {
        if (t->ver->dialect == HH_DIALECT_HOT && !is_resource_key(t, key)) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Invalid keyword(s) inside a resource definition: %s", key);
            hh_tmpl_place_at(t, err, NULL, res, key);
            return HH_EINVAL;
        }
    }
#define FIELD_TYPE(fkey, cond, tname)                                                             \
    do {                                                                                           \
        v = json_object_get(res, (fkey));                                                          \
        if (v != NULL && !(cond) && hh_func_lookup(t->ver, v, NULL) == NULL) {                     \
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",                                  \
                         "Resource %s %s type must be %s", name, (fkey), (tname));                 \
            hh_tmpl_place_at(t, err, v, res, (fkey));                                                      \
            return HH_EINVAL;                                                                      \
        }                                                                                          \
    } while (0)
    FIELD_TYPE(n->res_type, json_is_string(v), "string");
    FIELD_TYPE(n->res_properties, json_is_object(v), "object");
    FIELD_TYPE(n->res_metadata, json_is_object(v), "object");
    FIELD_TYPE(n->res_update_policy, json_is_object(v), "object");
    FIELD_TYPE(n->res_deletion_policy, json_is_string(v), "string");
#undef FIELD_TYPE
    v = json_object_get(res, n->res_type);
    if (!json_is_string(v)) {
        hh_error_set(err, HH_EINVAL, "StackValidationFailed", "Resource %s %s type must be string",
                     name, n->res_type);
        hh_tmpl_place_at(t, err, v, res, n->res_type);
        return HH_EINVAL;
    }
    v = json_object_get(res, n->res_description);
    if (v != NULL && !json_is_string(v)) {
        hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                     "Resource %s %s type must be string", name, n->res_description);
        hh_tmpl_place_at(t, err, v, res, n->res_description);
        return HH_EINVAL;
    }
    v = json_object_get(res, n->res_depends_on);
    if (v != NULL && !json_is_null(v)) {
        if (!json_is_string(v) && !json_is_array(v)) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Resource %s %s type must be list or string", name, n->res_depends_on);
            hh_tmpl_place_at(t, err, v, res, n->res_depends_on);
            return HH_EINVAL;
        }
        json_array_foreach(v, i, dep)
        {
            if (!json_is_string(dep)) {
                hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                             "Resource %s %s must be a list of strings", name,
                             n->res_depends_on);
                hh_tmpl_place_at(t, err, dep, res, n->res_depends_on);
                return HH_EINVAL;
            }
        }
    }
    v = json_object_get(res, n->res_deletion_policy);
    if (json_is_string(v)) {
        const char *p = json_string_value(v);
        bool ok = strcmp(p, "Delete") == 0 || strcmp(p, "Retain") == 0 ||
                  (strcmp(p, "Snapshot") == 0);

        if (!ok && t->ver->lowercase_deletion_policy)
            ok = strcmp(p, "delete") == 0 || strcmp(p, "retain") == 0 ||
                 strcmp(p, "snapshot") == 0;
        if (!ok) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed", "Invalid deletion policy \"%s\"",
                         p);
            hh_tmpl_place_at(t, err, v, res, n->res_deletion_policy);
            return HH_EINVAL;
        }
    }
    if (n->res_external_id != NULL && t->ver->conditions) {
        v = json_object_get(res, n->res_external_id);
        if (v != NULL && !json_is_string(v) && hh_func_lookup(t->ver, v, NULL) == NULL) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Resource %s %s type must be string", name, n->res_external_id);
            hh_tmpl_place_at(t, err, v, res, n->res_external_id);
            return HH_EINVAL;
        }
    }
    *enabled = true;
    if (t->ver->conditions) {
        v = json_object_get(res, n->res_condition);
        snprintf(path, sizeof(path), "%s.%s.%s", n->resources, name, n->res_condition);
        rc = condition_enabled(t, v, path, enabled, err);
        if (rc != 0) {
            hh_tmpl_place_at(t, err, v, res, n->res_condition);
            return rc;
        }
    }
    return 0;
}

/* ---- preparation shared by validate, resolve and dependencies ------------ */

/* How much prepare() checks: LOAD binds values only (resolving outputs,
 * dependencies); VALIDATE and CREATE also run Heat's checks before the
 * resource definitions, the values of parameters only for CREATE.
 * CREATE_NESTED is CREATE for a template resource's template, whose
 * parameters the parent already checked (some wait on resources). */
typedef enum prepare_mode {
    PREPARE_LOAD,
    PREPARE_VALIDATE,
    PREPARE_CREATE,
    PREPARE_CREATE_NESTED,
} prepare_mode;

/* Heat's validate_template answers a failure inside its own checks with a
 * 400 of its own (HTTPBadRequest) carrying the message; before a create the
 * same failure keeps its type. Structure errors are wrapped first
 * (_validate_template): StackValidationFailed before a create. */
static int retag(int rc, hh_error *err, prepare_mode mode, bool structure)
{
    if (rc == 0 || err == NULL || mode == PREPARE_LOAD)
        return rc;
    if (mode == PREPARE_VALIDATE) {
        if (structure || (err->type != NULL && strcmp(err->type, "StackValidationFailed") == 0))
            err->type = "HTTPBadRequest";
    } else if (structure && (err->type == NULL ||
                             strcmp(err->type, "RequestLimitExceeded") != 0)) {
        err->type = "StackValidationFailed";
    }
    return rc;
}

/* Parse the parameters, bind the environment's values, validate the
 * structure and settle which resources are enabled, in Heat's order:
 * structure, parameters, parameter groups, conditions, definitions. */
static int prepare(hh_tmpl *t, hh_env *env, const hh_pseudo *pseudo, prepare_mode mode,
                   hh_error *err)
{
    const json_t *resources, *groups;
    const char *name;
    json_t *res;
    bool enabled;
    int rc;

    reset_prepared(t);
    t->env = env;
    t->enabled = json_object();
    if (t->enabled == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    if (pseudo != NULL)
        t->pseudo = *pseudo;

    rc = hh_params_new(t->ver, hh_tmpl_section(t, t->names->parameters), &t->params, err);
    if (rc != 0) {
        hh_tmpl_place_at(t, err, hh_tmpl_section(t, t->names->parameters), t->doc, t->names->parameters);
        return rc;
    }
    rc = validate_structure(t, err);
    if (rc != 0)
        return retag(rc, err, mode, true);
    rc = hh_params_bind(t->params, env ? hh_env_parameters(env) : NULL,
                        env ? hh_env_parameter_defaults(env) : NULL, pseudo ? &t->pseudo : NULL,
                        err);
    if (rc != 0)
        return retag(rc, err, mode, false);

    if (mode != PREPARE_LOAD) {
        rc = hh_params_validate(t->params, mode == PREPARE_CREATE, err);
        if (rc != 0)
            return retag(rc, err, mode, false);
        groups = t->names->parameter_groups ? hh_tmpl_section(t, t->names->parameter_groups) : NULL;
        rc = hh_param_groups_check(groups, t->params, err);
        if (rc != 0) {
            hh_tmpl_place_at(t, err, groups, t->doc, t->names->parameter_groups);
            return retag(rc, err, mode, false);
        }
        rc = validate_conditions(t, err);
        if (rc != 0)
            return retag(rc, err, mode, false);
    }

    resources = hh_tmpl_section(t, t->names->resources);
    json_object_foreach((json_t *)resources, name, res)
    {
        rc = check_definition(t, name, res, &enabled, err);
        if (rc != 0)
            return retag(rc, err, mode, false);
        if (enabled)
            json_object_set_new(t->enabled, name, json_true());
    }
    return 0;
}

/* The implementation type of a resource after the environment's registry. */
static int resource_impl_type(hh_tmpl *t, const char *name, const char *type, char **impl,
                              hh_error *err)
{
    int rc = HH_ENOTFOUND;

    if (t->env != NULL)
        rc = hh_env_resolve_type(t->env, name, type, impl, err);
    if (rc == HH_ENOTFOUND) {
        *impl = strdup(type);
        rc = *impl ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
    }
    return rc;
}

/* Names of the top-level properties whose value refers to a resource
 * (not created yet: Heat defers their constraint checks). New reference. */
static json_t *deferred_properties(hh_tmpl *t, const json_t *props, hh_error *err)
{
    json_t *deferred = json_array(), *deps = NULL, *v;
    const char *key;

    if (deferred == NULL)
        return NULL;
    json_object_foreach((json_t *)props, key, v)
    {
        deps = json_object();
        if (deps == NULL || hh_func_dependencies(t->ver, v, hh_tmpl_section(t, t->names->resources), deps,
                                                 err) != 0) {
            json_decref(deps);
            json_decref(deferred);
            return NULL;
        }
        if (json_object_size(deps) > 0)
            json_array_append_new(deferred, json_string(key));
        json_decref(deps);
    }
    return deferred;
}

/* Resolve each top-level property of props (may be NULL) into *out (a new
 * object). A failure is Heat's "Property error: : <path>.<key>: : <msg>"
 * (the property layer's error wrapped once more by stack validation). */
static int resolve_properties(hh_tmpl *t, json_t *props, const char *path, json_t **out,
                              hh_error *err)
{
    hh_fctx ctx = fctx_of(t);
    json_t *result = json_object(), *v, *value = NULL;
    const char *key;
    char kpath[768];
    int rc;

    *out = NULL;
    if (result == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_object_foreach(props, key, v)
    {
        snprintf(kpath, sizeof(kpath), "%s.%s", path, key);
        rc = hh_func_resolve(t->ver, &ctx, v, kpath, &value, err);
        if (rc != 0) {
            hh_error_prefix(err, "Property error: : %s: : ", kpath);
            err->type = "StackValidationFailed";
            hh_tmpl_place_at(t, err, v, props, key);
            json_decref(result);
            return rc;
        }
        json_object_set_new(result, key, value ? value : json_null());
        value = NULL;
    }
    *out = result;
    return 0;
}

/* The property layer says "Property error: <path>: <msg>"; stack
 * validation before a create wraps that once more, and Heat shows
 * "Property error: : <path>: : <msg>". */
static void rewrap_property_error(hh_error *err)
{
    static const char prefix[] = "Property error: ";
    char rest[HH_ERROR_MSG_MAX], *sep;

    if (err == NULL || strncmp(err->message, prefix, sizeof(prefix) - 1) != 0)
        return;
    snprintf(rest, sizeof(rest), "%s", err->message + sizeof(prefix) - 1);
    sep = strstr(rest, ": ");
    if (sep == NULL)
        return;
    *sep = '\0';
    snprintf(err->message, sizeof(err->message), "Property error: : %s: : %s", rest, sep + 2);
}

/* The environment of a template resource's own template (Heat's
 * get_child_environment): the parent's registry, parameter_defaults and
 * event_sinks, with params (borrowed) as its parameters. */
static int child_environment(const hh_env *parent, const json_t *params, hh_env **out,
                             hh_error *err)
{
    json_t *doc;
    int rc;

    *out = NULL;
    if (parent == NULL) {
        doc = json_object();
    } else {
        doc = hh_env_to_json(parent);
    }
    if (doc == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_object_set(doc, "parameters", (json_t *)params);
    rc = hh_env_from_json(doc, out, err);
    json_decref(doc);
    return rc;
}

static int validate_all(hh_tmpl *t, hh_env *env, const hh_pseudo *pseudo, prepare_mode mode,
                        hh_error *err);

/* A resource whose type is a template (a files entry, directly or through
 * the registry): its template parses and validates with the resource's
 * properties as parameters, within max_nested_stack_depth. Errors of the
 * nested template are placed as Heat places them: "resources.<name><<file>>:
 * <message>". */
static int validate_template_resource(hh_tmpl *t, const char *name, json_t *res,
                                      const char *impl, bool strict, hh_error *err)
{
    const dialect_names *n = t->names;
    json_t *text = json_object_get(t->files, impl), *props, *values = NULL, *vjson = NULL, *v;
    hh_tmpl *child = NULL;
    hh_env *cenv = NULL;
    const char *key;
    char path[512];
    int rc;

    if (!json_is_string(text)) {
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "Could not fetch remote template \"%s\": Invalid URL scheme ", impl);
        hh_tmpl_place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
        return rc;
    }
    if (t->depth + 1 > t->lim.max_nested_stack_depth) {
        rc = hh_error_set(err, HH_ELIMIT, "StackValidationFailed", "Recursion depth exceeds %d.",
                          t->lim.max_nested_stack_depth);
        hh_tmpl_place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
        return rc;
    }
    rc = hh_tmpl_parse(json_string_value(text), json_string_length(text), impl, t->files, &t->lim,
                       &child, err);
    if (rc != 0)
        goto nested_error;
    child->depth = t->depth + 1;

    props = json_object_get(res, n->res_properties);
    snprintf(path, sizeof(path), "%s.%s.%s", n->resources, name, n->res_properties);
    if (strict) {
        rc = resolve_properties(t, json_is_object(props) ? props : NULL, path, &values, err);
        if (rc != 0)
            goto done;
    } else {
        values = json_object();
    }
    /* The nested template's parameters are the resource's properties. */
    rc = hh_params_new(child->ver, hh_tmpl_section(child, child->names->parameters), &child->params,
                       err);
    if (rc != 0)
        goto nested_error;
    json_object_foreach(props, key, v)
    {
        if (!hh_params_has(child->params, key)) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Property error: %s: Unknown Property %s", path, key);
            hh_tmpl_place_at(t, err, NULL, props, key);
            goto done;
        }
    }
    if (strict) {
        json_t *schemas = hh_params_validate_json(child->params);
        size_t i;

        for (i = 0; i < hh_params_count(child->params); i++) {
            const char *pname = hh_params_name(child->params, i);
            json_t *schema = json_object_get(schemas, pname);

            if (json_object_get(schema, "Default") == NULL &&
                json_object_get(props, pname) == NULL) {
                rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                                  "Property error: : %s: : Property %s not assigned", path, pname);
                hh_tmpl_place_at(t, err, props, res, n->res_properties);
                json_decref(schemas);
                goto done;
            }
        }
        json_decref(schemas);
        /* values that wait on resources are unknown: the nested template
         * sees them as not given */
        vjson = json_object();
        json_object_foreach(values, key, v)
        {
            if (!json_is_null(v))
                json_object_set(vjson, key, v);
        }
    }
    rc = child_environment(t->env, vjson ? vjson : values, &cenv, err);
    if (rc != 0)
        goto done;
    rc = validate_all(child, cenv, NULL, strict ? PREPARE_CREATE_NESTED : PREPARE_VALIDATE, err);
    if (rc != 0)
        goto nested_error;
    if (t->env != NULL)
        hh_env_register_template(t->env, impl);
    rc = 0;
    goto done;

nested_error:
    if (err != NULL) {
        hh_error_prefix(err, "%s.%s<%s>: ", n->resources, name, impl);
        if (err->type == NULL || strcmp(err->type, "HTTPBadRequest") == 0)
            err->type = "StackValidationFailed";
        err->line = 0;
        hh_tmpl_place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
    }
done:
    json_decref(values);
    json_decref(vjson);
    hh_env_free(cenv);
    hh_tmpl_free(child);
    return rc;
}

/* Heat's per-resource validation: references of depends_on and of every
 * function, the type, and the properties against the type's schema: names
 * only (validate_template), or, when strict (before a create), values
 * resolved and checked against types and constraints. */
static int validate_resource(hh_tmpl *t, const char *name, json_t *res, bool strict,
                             hh_error *err)
{
    const dialect_names *n = t->names;
    hh_fctx ctx = fctx_of(t);
    json_t *deps, *dep, *props = NULL, *resolved = NULL, *deferred = NULL;
    const char *type = json_string_value(json_object_get(res, n->res_type));
    char *impl = NULL;
    const hh_rtype *rt;
    char path[512];
    size_t i, count;
    int rc;

    /* depends_on may name a resource its condition disables (Heat drops
     * the dependency), not one the template lacks */
    deps = json_object_get(res, n->res_depends_on);
    count = json_is_array(deps) ? json_array_size(deps) : json_is_string(deps) ? 1 : 0;
    for (i = 0; i < count; i++) {
        dep = json_is_array(deps) ? json_array_get(deps, i) : deps;
        if (!is_resource_name(t, json_string_value(dep))) {
            rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                              "The specified reference \"%s\" (in %s) is incorrect.",
                              json_string_value(dep), name);
            hh_tmpl_place_at(t, err, dep, res, n->res_depends_on);
            goto done;
        }
    }

    props = json_object_get(res, n->res_properties);
    snprintf(path, sizeof(path), "%s.%s", name, n->res_properties);
    if (props != NULL) {
        rc = hh_func_validate(t->ver, &ctx, props, path, err);
        if (rc != 0) {
            hh_tmpl_place_at(t, err, props, res, n->res_properties);
            goto done;
        }
    }
    const char *fields[] = {n->res_metadata, n->res_update_policy, n->res_deletion_policy,
                            n->res_external_id};
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        json_t *f = fields[i] ? json_object_get(res, fields[i]) : NULL;

        if (f == NULL)
            continue;
        snprintf(path, sizeof(path), "%s.%s", name, fields[i]);
        rc = hh_func_validate(t->ver, &ctx, f, path, err);
        if (rc != 0) {
            hh_tmpl_place_at(t, err, f, res, fields[i]);
            goto done;
        }
    }

    rc = resource_impl_type(t, name, type, &impl, err);
    if (rc != 0)
        goto done;
    if (hh_rtype_is_template(impl)) {
        rc = validate_template_resource(t, name, res, impl, strict, err);
        goto done;
    }
    rt = hh_rtype_lookup(impl);
    if (rt == NULL) {
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "The Resource Type (%s) could not be found.", type);
        hh_tmpl_place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
        goto done;
    }
    snprintf(path, sizeof(path), "%s.%s.%s", n->resources, name, n->res_properties);
    if (strict && (rt->flags & HH_RT_ANY_PROPERTIES) == 0) {
        /* Heat resolves no property of a type that takes any (None) */
        rc = resolve_properties(t, props, path, &resolved, err);
        if (rc != 0)
            goto done;
        deferred = props ? deferred_properties(t, props, err) : json_array();
        if (deferred == NULL) {
            rc = err != NULL && err->rc ? err->rc : ENOMEM;
            goto done;
        }
        {
            hh_props_opts opts = {.deferred = deferred};

            rc = hh_rtype_validate_properties(rt, resolved, true, &opts, path, err);
            if (rc == 0) /* the type's own checks (Value's type, RandomString's length) */
                rc = hh_rplugin_validate(rt, name, resolved, &opts, path, err);
        }
        if (rc != 0)
            rewrap_property_error(err);
    } else if (!strict) {
        rc = hh_rtype_validate_properties(rt, json_is_object(props) ? props : NULL, false, NULL,
                                          path, err);
    }
    if (rc == 0 && json_is_object(json_object_get(res, n->res_update_policy))) {
        snprintf(path, sizeof(path), "%s.%s.%s", n->resources, name, n->res_update_policy);
        rc = hh_props_validate(rt->update_policy, json_object_get(res, n->res_update_policy),
                               false, NULL, path, err);
        if (rc != 0 && strict)
            rewrap_property_error(err);
    }
    if (rc != 0) {
        hh_tmpl_place_at(t, err, props, res, n->res_properties);
        goto done;
    }
    rc = 0;
done:
    json_decref(resolved);
    json_decref(deferred);
    free(impl);
    return rc;
}

/* Heat's output validation: each output a mapping with a value; its
 * condition and functions valid. */
static int validate_outputs(hh_tmpl *t, hh_error *err)
{
    const dialect_names *n = t->names;
    const json_t *outputs = hh_tmpl_section(t, n->outputs);
    hh_fctx ctx = fctx_of(t);
    const char *key;
    json_t *out, *ov;
    char path[512];
    bool enabled;
    int rc;

    if (outputs == NULL)
        return 0;
    if (!json_is_object(outputs)) {
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "\"%s\" must contain a map of output maps. Found a [<class '%s'>] "
                          "instead",
                          n->outputs, hh_py_type_name(outputs));
        hh_tmpl_place_at(t, err, outputs, NULL, NULL);
        return rc;
    }
    json_object_foreach((json_t *)outputs, key, out)
    {
        if (!json_is_object(out)) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Output validation error: %s.%s: Output definitions must be a map. "
                              "Found a %s instead",
                              n->outputs, key, hh_py_type_name(out));
            hh_tmpl_place_at(t, err, out, outputs, key);
            return rc;
        }
        if (json_object_get(out, n->out_value) == NULL) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Output validation error: %s.%s: Each output definition must "
                              "contain a %s key.",
                              n->outputs, key, n->out_value);
            hh_tmpl_place_at(t, err, out, outputs, key);
            return rc;
        }
        if (t->ver->conditions) {
            ov = json_object_get(out, n->out_condition);
            snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_condition);
            rc = condition_enabled(t, ov, path, &enabled, err);
            if (rc != 0) {
                hh_tmpl_place_at(t, err, ov, out, n->out_condition);
                return rc;
            }
            if (!enabled)
                continue;
        }
        ov = json_object_get(out, n->out_value);
        snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_value);
        rc = hh_func_validate(t->ver, &ctx, ov, path, err);
        if (rc != 0) {
            hh_tmpl_place_at(t, err, ov, out, n->out_value);
            return rc;
        }
    }
    return 0;
}

/* Heat's dependency analysis: every reference of an enabled resource's
 * properties and metadata names an enabled resource
 * (InvalidTemplateReference "... (in a.Properties.value) ..."). */
static int check_references(hh_tmpl *t, hh_error *err)
{
    const dialect_names *n = t->names;
    hh_fctx ctx = fctx_of(t);
    const json_t *resources = hh_tmpl_section(t, n->resources);
    const char *name;
    json_t *res, *field;
    char path[512];
    int rc;

    json_object_foreach((json_t *)resources, name, res)
    {
        if (json_object_get(t->enabled, name) == NULL)
            continue;
        field = json_object_get(res, n->res_properties);
        snprintf(path, sizeof(path), "%s.Properties", name);
        rc = field ? hh_func_references(t->ver, &ctx, field, path, err) : 0;
        if (rc == 0) {
            field = json_object_get(res, n->res_metadata);
            snprintf(path, sizeof(path), "%s.Metadata", name);
            rc = field ? hh_func_references(t->ver, &ctx, field, path, err) : 0;
        }
        if (rc != 0) {
            hh_tmpl_place_at(t, err, field, res, NULL);
            return rc;
        }
    }
    return 0;
}

static int validate_all(hh_tmpl *t, hh_env *env, const hh_pseudo *pseudo, prepare_mode mode,
                        hh_error *err)
{
    const json_t *resources;
    json_t *graph = NULL, *res;
    const char *name;
    size_t i;
    int rc;

    rc = prepare(t, env, pseudo, mode, err);
    if (rc != 0)
        return rc;
    resources = hh_tmpl_section(t, t->names->resources);
    for (i = 0; i < hh_params_count(t->params); i++) {
        name = hh_params_name(t->params, i);
        if (json_object_get(t->enabled, name) != NULL) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Duplicate names {'%s'}", name);
            return retag(rc, err, mode, false);
        }
    }
    rc = check_references(t, err);
    if (rc != 0)
        return retag(rc, err, mode, false);
    /* Heat answers a cycle with a 500 without a message on validate; the
     * cycle is named here in both modes. */
    rc = hh_tmpl_build_graph(t, &graph, err);
    json_decref(graph);
    if (rc != 0)
        return rc;
    json_object_foreach((json_t *)resources, name, res)
    {
        if (json_object_get(t->enabled, name) == NULL)
            continue;
        rc = validate_resource(t, name, res, mode == PREPARE_CREATE, err);
        if (rc != 0)
            return retag(rc, err, mode, false);
    }
    return retag(validate_outputs(t, err), err, mode, false);
}

int hh_tmpl_validate(hh_tmpl *t, hh_env *env, json_t **result, hh_error *err)
{
    const json_t *desc, *groups;
    json_t *out = NULL;
    int rc;

    *result = NULL;
    rc = validate_all(t, env, NULL, PREPARE_VALIDATE, err);
    if (rc != 0) {
        hh_tmpl_place_error(t, err);
        return rc;
    }

    out = json_object();
    if (out == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    /* Heat answers the section as it is, or "No description" when it is
     * absent or empty (Python's falsy: "", [], {}, 0, false). */
    desc = hh_tmpl_section(t, t->names->description);
    json_object_set_new(out, "Description",
                        desc != NULL && hh_py_truthy(desc) ? json_incref((json_t *)desc)
                                                           : json_string("No description"));
    json_object_set_new(out, "Parameters", hh_params_validate_json(t->params));
    groups = t->names->parameter_groups ? hh_tmpl_section(t, t->names->parameter_groups) : NULL;
    if (json_is_array(groups) && json_array_size(groups) > 0)
        json_object_set_new(out, "ParameterGroups", json_deep_copy(groups));
    if (env != NULL) {
        json_object_set_new(out, "Environment", hh_env_to_json(env));
    } else {
        hh_env *empty = hh_env_new();

        json_object_set_new(out, "Environment", empty ? hh_env_to_json(empty) : json_object());
        hh_env_free(empty);
    }
    *result = out;
    return 0;
}

int hh_tmpl_check_create(hh_tmpl *t, hh_env *env, const hh_pseudo *pseudo, hh_error *err)
{
    int rc = validate_all(t, env, pseudo, PREPARE_CREATE, err);

    if (rc != 0)
        hh_tmpl_place_error(t, err);
    return rc;
}

int hh_tmpl_resolve_outputs(hh_tmpl *t, hh_env *env, const hh_pseudo *pseudo, json_t **out,
                            hh_error *err)
{
    const dialect_names *n = t->names;
    const json_t *outputs;
    const char *key;
    json_t *o, *value = NULL, *result = NULL;
    hh_fctx ctx;
    hh_error oerr;
    char path[512];
    bool enabled;
    int rc;

    *out = NULL;
    rc = prepare(t, env, pseudo, PREPARE_LOAD, err);
    if (rc != 0)
        return rc;
    ctx = fctx_of(t);
    result = json_object();
    if (result == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    outputs = hh_tmpl_section(t, n->outputs);
    json_object_foreach((json_t *)outputs, key, o)
    {
        hh_error_clear(&oerr);
        if (t->ver->conditions) {
            snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_condition);
            rc = condition_enabled(t, json_object_get(o, n->out_condition), path, &enabled,
                                   &oerr);
            if (rc == 0 && !enabled) {
                /* Heat lists an output whose condition is false, as null */
                json_object_set_new(result, key, json_null());
                continue;
            }
        }
        if (oerr.rc == 0) {
            snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_value);
            rc = hh_func_resolve(t->ver, &ctx, json_object_get(o, n->out_value), path, &value,
                                 &oerr);
        }
        if (oerr.rc != 0 || rc != 0) {
            json_object_set_new(result, key, json_pack("{s:s}", "output_error", oerr.message));
            continue;
        }
        json_object_set_new(result, key, value ? value : json_null());
        value = NULL;
    }
    *out = result;
    return 0;
}

int hh_tmpl_dependencies(hh_tmpl *t, hh_env *env, json_t **graph_out, hh_error *err)
{
    int rc;

    *graph_out = NULL;
    rc = prepare(t, env, NULL, PREPARE_LOAD, err);
    return rc != 0 ? rc : hh_tmpl_build_graph(t, graph_out, err);
}
