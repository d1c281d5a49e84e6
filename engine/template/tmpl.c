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

#include "res_registry.h"
#include "hh_py.h"
#include "tmpl.h"

const hh_tmpl_limits hh_tmpl_limits_default = {
    .max_template_size = 524288,
    .max_resources_per_stack = 1000,
    .max_depth = 100,
    .max_aliases = 100,
    .max_nested_stack_depth = 5,
};

/* The names a dialect gives to sections and keys. */
typedef struct dialect_names {
    const char *description, *parameter_groups, *parameters, *resources, *outputs, *conditions,
        *mappings;
    const char *res_type, *res_properties, *res_metadata, *res_depends_on, *res_deletion_policy,
        *res_update_policy, *res_description, *res_condition, *res_external_id;
    const char *out_value, *out_description, *out_condition;
} dialect_names;

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

struct hh_tmpl {
    json_t *doc;     /* the document, owned */
    hh_srcmap *map;  /* node positions, owned */
    json_t *files;   /* files map, owned reference, may be NULL */
    char source[HH_ERROR_SRC_MAX];
    hh_tmpl_limits lim;
    const hh_tversion *ver;
    const dialect_names *names;
    int depth; /* 0 for a stack's own template, 1 for a template resource's ... */

    /* Built by prepare(): valid until the next prepare or free. */
    hh_env *env;          /* borrowed from the caller of validate/resolve */
    hh_params *params;    /* owned */
    json_t *enabled;      /* resource name -> true, for enabled resources */
    hh_pseudo pseudo;     /* borrowed strings */
};

/* ---- small helpers ---------------------------------------------------- */

static const json_t *section(const hh_tmpl *t, const char *name)
{
    const json_t *s;

    if (name == NULL)
        return NULL;
    s = json_object_get(t->doc, name);
    return json_is_null(s) ? NULL : s;
}

/* Point err at node (or at key of object when node has no place). */
static void place_at(const hh_tmpl *t, hh_error *err, const json_t *node, const json_t *object,
                     const char *key)
{
    int line = 0, column = 0;

    if (err == NULL || err->line > 0)
        return;
    if (node != NULL && hh_srcmap_get(t->map, node, &line, &column) == 0) {
        hh_error_at(err, t->source, line, column);
        return;
    }
    if (object != NULL && key != NULL &&
        hh_srcmap_get_key(t->map, object, key, &line, &column) == 0) {
        hh_error_at(err, t->source, line, column);
        return;
    }
    if (object != NULL && hh_srcmap_get(t->map, object, &line, &column) == 0)
        hh_error_at(err, t->source, line, column);
}

static bool is_resource_name(const hh_tmpl *t, const char *name)
{
    const json_t *res = section(t, t->names->resources);

    return json_is_object(res) && json_object_get(res, name) != NULL;
}

/* ---- where an error is --------------------------------------------------- */

/* Heat names the place of most errors with a path in the message:
 * "outputs.o.value.Fn::Join: ...", "Property error: : resources.v.properties
 * .value: : ...", "conditions.a.and: ...", "... (in b.Properties.a) ...",
 * 'Circular definition for condition "a"', "Parameter 'p' is invalid".
 * path_of_message copies that path, in the template's spelling, to buf. */
static bool path_of_message(const hh_tmpl *t, const char *msg, char *buf, size_t len)
{
    const dialect_names *n = t->names;
    const char *p, *end;
    const char *sections[] = {n->resources, n->outputs, n->conditions, n->parameters,
                              n->parameter_groups};
    size_t i;

    if (strncmp(msg, "Property error: : ", 18) == 0)
        msg += 18;
    else if (strncmp(msg, "Property error: ", 16) == 0)
        msg += 16;
    else if (strncmp(msg, "Output validation error: ", 25) == 0)
        msg += 25;
    for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
        size_t sl = sections[i] ? strlen(sections[i]) : 0;

        if (sl > 0 && strncmp(msg, sections[i], sl) == 0 && msg[sl] == '.' &&
            (end = strstr(msg, ": ")) != NULL) {
            snprintf(buf, len, "%.*s", (int)(end - msg), msg);
            return true;
        }
    }
    if ((p = strstr(msg, "(in ")) != NULL && (end = strchr(p, ')')) != NULL) {
        /* dependency style: name.Properties.key -> resources.name.properties.key */
        char dep[512], *dot, *rest;

        snprintf(dep, sizeof(dep), "%.*s", (int)(end - p - 4), p + 4);
        dot = strchr(dep, '.');
        rest = dot ? dot + 1 : NULL;
        if (dot)
            *dot = '\0';
        if (rest && strncmp(rest, "Properties", 10) == 0)
            snprintf(buf, len, "%s.%s.%s%s", n->resources, dep, n->res_properties, rest + 10);
        else if (rest && strncmp(rest, "Metadata", 8) == 0)
            snprintf(buf, len, "%s.%s.%s%s", n->resources, dep, n->res_metadata, rest + 8);
        else
            snprintf(buf, len, "%s.%s", n->resources, dep);
        return true;
    }
    if ((p = strstr(msg, "condition \"")) != NULL && (end = strchr(p + 11, '"')) != NULL) {
        snprintf(buf, len, "%s.%.*s", n->conditions, (int)(end - p - 11), p + 11);
        return true;
    }
    if ((p = strstr(msg, "for parameter (")) != NULL && (end = strchr(p + 15, ')')) != NULL) {
        snprintf(buf, len, "%s.%.*s", n->parameters, (int)(end - p - 15), p + 15);
        return true;
    }
    if (strncmp(msg, "Invalid type (", 14) == 0) {
        snprintf(buf, len, "%s", n->parameters);
        return true;
    }
    if (strncmp(msg, "Parameter '", 11) == 0 && (end = strchr(msg + 11, '\'')) != NULL) {
        snprintf(buf, len, "%s.%.*s", n->parameters, (int)(end - msg - 11), msg + 11);
        return true;
    }
    return false;
}

/* Walk path (dot-separated keys, [n] indexes) from the document root and
 * put on err the place of the deepest node it names: a mapping key's own
 * place, or an item's, and inside a function call the function's name.
 * Returns that node (NULL when not even the first segment matches). */
static const json_t *place_by_path(const hh_tmpl *t, hh_error *err, const char *path)
{
    const json_t *node = t->doc, *obj = NULL, *args = NULL;
    const char *key = NULL, *seg = path;
    char name[512];
    int line = 0, column = 0, depth = 0;

    while (*seg) {
        size_t n = strcspn(seg, ".[<");
        const json_t *next;

        snprintf(name, sizeof(name), "%.*s", (int)n, seg);
        seg += n;
        if (*seg == '<') /* "name<nested.yaml>": a template resource's file */
            seg += strcspn(seg, ">") + (strchr(seg, '>') ? 1 : 0);
        if (n > 0) {
            next = json_is_object(node) ? json_object_get(node, name) : NULL;
            if (next == NULL)
                break;
            obj = node;
            key = json_object_iter_key(json_object_iter_at((json_t *)node, name));
            node = next;
            depth++;
        }
        while (*seg == '[') {
            char *endp;
            long idx = strtol(seg + 1, &endp, 10);

            if (*endp != ']' || !json_is_array(node) || idx < 0 ||
                (size_t)idx >= json_array_size(node)) {
                seg = "";
                break;
            }
            node = json_array_get(node, (size_t)idx);
            obj = NULL;
            seg = endp + 1;
            depth++;
        }
        if (*seg == '.')
            seg++;
        else if (*seg != '\0' && *seg != '[')
            break;
    }
    if (depth == 0)
        return NULL;
    /* inside a call, the fault is the function's */
    if (json_is_object(node) && hh_func_lookup(t->ver, node, (json_t **)&args) != NULL) {
        obj = node;
        key = json_object_iter_key(json_object_iter((json_t *)node));
    }
    if (obj != NULL && key != NULL && hh_srcmap_get_key(t->map, obj, key, &line, &column) == 0)
        hh_error_at(err, t->source, line, column);
    else if (hh_srcmap_get(t->map, node, &line, &column) == 0)
        hh_error_at(err, t->source, line, column);
    return node;
}

/* The node under root (in document order) that is a scalar spelled token,
 * or a mapping key spelled token: its place goes to line and column. */
static bool find_token(const hh_tmpl *t, const json_t *root, const char *token, int depth,
                       int *line, int *column)
{
    const char *key;
    json_t *v;
    size_t i;
    char text[64];

    if (depth > 64)
        return false;
    if (json_is_object(root)) {
        json_object_foreach((json_t *)root, key, v)
        {
            if (strcmp(key, token) == 0 && hh_srcmap_get_key(t->map, root, key, line, column) == 0)
                return true;
            if (find_token(t, v, token, depth + 1, line, column))
                return true;
        }
        return false;
    }
    if (json_is_array(root)) {
        json_array_foreach(root, i, v)
        {
            if (find_token(t, v, token, depth + 1, line, column))
                return true;
        }
        return false;
    }
    if (json_is_string(root))
        snprintf(text, sizeof(text), "%s", json_string_value(root));
    else if (json_is_integer(root))
        snprintf(text, sizeof(text), "%" JSON_INTEGER_FORMAT, json_integer_value(root));
    else
        return false;
    return strcmp(text, token) == 0 && hh_srcmap_get(t->map, root, line, column) == 0;
}

/* Narrow err's place to the value its message quotes, within the node the
 * path named (name: the path's last segment, skipped): "ghost" of 'The specified reference
 * "ghost"', 'colour' of "Invalid key 'colour'", integer of "Invalid type
 * (integer)", -1 of "-1 is out of range". */
static void place_by_token(const hh_tmpl *t, hh_error *err, const json_t *within,
                           const char *name)
{
    static const char *const opens = "\"'(";
    static const char *const closes = "\"')";
    const char *m = err->message, *p;
    char token[128];
    int line, column;
    size_t i;

    for (p = m; *p; p++) {
        const char *o = strchr(opens, *p), *end;

        if (o == NULL || *p == '\0')
            continue;
        end = strchr(p + 1, closes[o - opens]);
        if (end == NULL || end == p + 1 || (size_t)(end - p - 1) >= sizeof(token))
            continue;
        snprintf(token, sizeof(token), "%.*s", (int)(end - p - 1), p + 1);
        /* the name of the thing at fault is where the path already points */
        if (name != NULL && strcmp(token, name) == 0) {
            p = end;
            continue;
        }
        if (find_token(t, within, token, 0, &line, &column)) {
            hh_error_at(err, t->source, line, column);
            return;
        }
        p = end;
    }
    /* a value opening the message ("-1 is out of range"), or named after
     * "Invalid default " */
    p = m;
    for (const char *q = strstr(m, ": : "); q != NULL; q = strstr(q + 1, ": : "))
        p = q + 4;
    if (strstr(m, "Invalid default ") != NULL) {
        p = strstr(m, "Invalid default ") + 16;
        i = strcspn(p, " ");
        snprintf(token, sizeof(token), "%.*s", (int)(i < sizeof(token) ? i : 0), p);
        if (find_token(t, within, token, 0, &line, &column))
            hh_error_at(err, t->source, line, column);
        return;
    }
    for (i = 0;
         (p[i] == '-' && i == 0) || (p[i] >= '0' && p[i] <= '9'); i++)
        ;
    if (i > 0 && p[i] == ' ') {
        snprintf(token, sizeof(token), "%.*s", (int)i, p);
        if (find_token(t, within, token, 0, &line, &column))
            hh_error_at(err, t->source, line, column);
    }
}

/* Give err the place its message names, when it names one: the node of
 * the path, narrowed to the value the message quotes. */
static void place_error(const hh_tmpl *t, hh_error *err)
{
    const json_t *within;
    char path[1024];

    if (err == NULL || err->rc == 0)
        return;
    if (!path_of_message(t, err->message, path, sizeof(path)))
        return;
    within = place_by_path(t, err, path);
    if (within != NULL)
        place_by_token(t, err, within,
                       strrchr(path, '.') ? strrchr(path, '.') + 1 : path);
}

/* A version error is at the version's value, or at its key when it has
 * none; "Ambiguous versions" at the second version key. */
static void place_version_error(const hh_tmpl *t, hh_error *err)
{
    static const char *const keys[] = {"heat_template_version", "HeatTemplateFormatVersion",
                                       "AWSTemplateFormatVersion"};
    const json_t *obj = t->doc;
    const char *key;
    json_t *v;
    int line, column, found = 0;

    if (err == NULL || !json_is_object(obj))
        return;
    json_object_foreach((json_t *)obj, key, v)
    {
        size_t i;

        for (i = 0; i < 3; i++) {
            if (strcmp(key, keys[i]) != 0)
                continue;
            if (++found == 2 || strstr(err->message, "Ambiguous") == NULL) {
                if ((found == 2 || hh_srcmap_get(t->map, v, &line, &column) != 0) &&
                    hh_srcmap_get_key(t->map, obj, key, &line, &column) != 0)
                    return;
                hh_error_at(err, t->source, line, column);
                if (found == 2 || strstr(err->message, "Ambiguous") == NULL)
                    return;
            }
        }
    }
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
        place_at(t, err, t->doc, NULL, NULL);
        return HH_EINVAL;
    }
    t->ver = hh_tversion_detect(t->doc, err);
    if (t->ver == NULL) {
        place_version_error(t, err);
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
        place_at(t, err, t->doc, NULL, NULL);
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

    if (t->params == NULL || !hh_params_has(t->params, name)) {
        /* pseudo-parameters are answered by hh_params too */
        if (t->params == NULL)
            return HH_ENOTFOUND;
    }
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
    rdef = json_object_get(section(t, t->names->resources), res);
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
                   .mappings = section(t, t->names->mappings),
                   .conditions = t->ver->conditions ? section(t, t->names->conditions) : NULL};

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
    defs = section(t, t->names->conditions);
    if (defs == NULL)
        return 0;
    if (!json_is_object(defs)) {
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "Conditions validation error: Condition definitions must be a map. "
                          "Found a %s instead",
                          hh_py_type_name(defs));
        place_at(t, err, defs, NULL, NULL);
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
            place_at(t, err, expr, defs, name);
            return rc;
        }
        snprintf(path, sizeof(path), "%s.%s", t->names->conditions, name);
        rc = hh_func_validate_condition(t->ver, &ctx, expr, path, err);
        if (rc != 0) {
            place_at(t, err, expr, defs, name);
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
            place_at(t, err, NULL, t->doc, key);
            return HH_EINVAL;
        }
    }
    resources = section(t, t->names->resources);
    if (resources == NULL)
        return 0;
    if (!json_is_object(resources)) {
        /* Heat fails on it as Python does */
        hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                     "'%s' object has no attribute 'items'", hh_py_type_name(resources));
        place_at(t, err, resources, t->doc, t->names->resources);
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
            place_at(t, err, res, resources, name);
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
                    place_at(t, err, NULL, res, rkey);
                    return HH_EINVAL;
                }
            }
        }
        if (json_object_size(res) == 0 || json_object_get(res, t->names->res_type) == NULL) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Each resource must contain a %s key.", t->names->res_type);
            place_at(t, err, res, resources, name);
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
        place_at(t, err, NULL, section(t, n->resources), name);
        return HH_EINVAL;
    }
    json_object_foreach(res, key, v)
    {
        if (t->ver->dialect == HH_DIALECT_HOT && !is_resource_key(t, key)) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Invalid keyword(s) inside a resource definition: %s", key);
            place_at(t, err, NULL, res, key);
            return HH_EINVAL;
        }
    }
#define FIELD_TYPE(fkey, cond, tname)                                                             \
    do {                                                                                           \
        v = json_object_get(res, (fkey));                                                          \
        if (v != NULL && !(cond) && hh_func_lookup(t->ver, v, NULL) == NULL) {                     \
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",                                  \
                         "Resource %s %s type must be %s", name, (fkey), (tname));                 \
            place_at(t, err, v, res, (fkey));                                                      \
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
        place_at(t, err, v, res, n->res_type);
        return HH_EINVAL;
    }
    v = json_object_get(res, n->res_description);
    if (v != NULL && !json_is_string(v)) {
        hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                     "Resource %s %s type must be string", name, n->res_description);
        place_at(t, err, v, res, n->res_description);
        return HH_EINVAL;
    }
    v = json_object_get(res, n->res_depends_on);
    if (v != NULL && !json_is_null(v)) {
        if (!json_is_string(v) && !json_is_array(v)) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Resource %s %s type must be list or string", name, n->res_depends_on);
            place_at(t, err, v, res, n->res_depends_on);
            return HH_EINVAL;
        }
        json_array_foreach(v, i, dep)
        {
            if (!json_is_string(dep)) {
                hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                             "Resource %s %s must be a list of strings", name,
                             n->res_depends_on);
                place_at(t, err, dep, res, n->res_depends_on);
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
            place_at(t, err, v, res, n->res_deletion_policy);
            return HH_EINVAL;
        }
    }
    if (n->res_external_id != NULL && t->ver->conditions) {
        v = json_object_get(res, n->res_external_id);
        if (v != NULL && !json_is_string(v) && hh_func_lookup(t->ver, v, NULL) == NULL) {
            hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                         "Resource %s %s type must be string", name, n->res_external_id);
            place_at(t, err, v, res, n->res_external_id);
            return HH_EINVAL;
        }
    }
    *enabled = true;
    if (t->ver->conditions) {
        v = json_object_get(res, n->res_condition);
        snprintf(path, sizeof(path), "%s.%s.%s", n->resources, name, n->res_condition);
        rc = condition_enabled(t, v, path, enabled, err);
        if (rc != 0) {
            place_at(t, err, v, res, n->res_condition);
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

    rc = hh_params_new(t->ver, section(t, t->names->parameters), &t->params, err);
    if (rc != 0) {
        place_at(t, err, section(t, t->names->parameters), t->doc, t->names->parameters);
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
        groups = t->names->parameter_groups ? section(t, t->names->parameter_groups) : NULL;
        rc = hh_param_groups_check(groups, t->params, err);
        if (rc != 0) {
            place_at(t, err, groups, t->doc, t->names->parameter_groups);
            return retag(rc, err, mode, false);
        }
        rc = validate_conditions(t, err);
        if (rc != 0)
            return retag(rc, err, mode, false);
    }

    resources = section(t, t->names->resources);
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

static bool is_template_type(const char *type)
{
    size_t n = strlen(type);

    return (n > 5 && strcmp(type + n - 5, ".yaml") == 0) ||
           (n > 9 && strcmp(type + n - 9, ".template") == 0);
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
        if (deps == NULL || hh_func_dependencies(t->ver, v, section(t, t->names->resources), deps,
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
            place_at(t, err, v, props, key);
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
        place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
        return rc;
    }
    if (t->depth + 1 > t->lim.max_nested_stack_depth) {
        rc = hh_error_set(err, HH_ELIMIT, "StackValidationFailed", "Recursion depth exceeds %d.",
                          t->lim.max_nested_stack_depth);
        place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
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
    rc = hh_params_new(child->ver, section(child, child->names->parameters), &child->params,
                       err);
    if (rc != 0)
        goto nested_error;
    json_object_foreach(props, key, v)
    {
        if (!hh_params_has(child->params, key)) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Property error: %s: Unknown Property %s", path, key);
            place_at(t, err, NULL, props, key);
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
                place_at(t, err, props, res, n->res_properties);
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
        place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
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
    size_t i;
    int rc;

    deps = json_object_get(res, n->res_depends_on);
    if (json_is_string(deps)) {
        if (!is_resource_name(t, json_string_value(deps))) {
            rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                              "The specified reference \"%s\" (in %s) is incorrect.",
                              json_string_value(deps), name);
            place_at(t, err, deps, res, n->res_depends_on);
            goto done;
        }
    } else {
        json_array_foreach(deps, i, dep)
        {
            if (!is_resource_name(t, json_string_value(dep))) {
                rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                                  "The specified reference \"%s\" (in %s) is incorrect.",
                                  json_string_value(dep), name);
                place_at(t, err, dep, res, n->res_depends_on);
                goto done;
            }
        }
    }

    props = json_object_get(res, n->res_properties);
    snprintf(path, sizeof(path), "%s.%s", name, n->res_properties);
    if (props != NULL) {
        rc = hh_func_validate(t->ver, &ctx, props, path, err);
        if (rc != 0) {
            place_at(t, err, props, res, n->res_properties);
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
            place_at(t, err, f, res, fields[i]);
            goto done;
        }
    }

    rc = resource_impl_type(t, name, type, &impl, err);
    if (rc != 0)
        goto done;
    if (is_template_type(impl)) {
        rc = validate_template_resource(t, name, res, impl, strict, err);
        goto done;
    }
    rt = hh_rtype_lookup(impl);
    if (rt == NULL) {
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "The Resource Type (%s) could not be found.", type);
        place_at(t, err, json_object_get(res, n->res_type), res, n->res_type);
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
        place_at(t, err, props, res, n->res_properties);
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
    const json_t *outputs = section(t, n->outputs);
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
        place_at(t, err, outputs, NULL, NULL);
        return rc;
    }
    json_object_foreach((json_t *)outputs, key, out)
    {
        if (!json_is_object(out)) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Output validation error: %s.%s: Output definitions must be a map. "
                              "Found a %s instead",
                              n->outputs, key, hh_py_type_name(out));
            place_at(t, err, out, outputs, key);
            return rc;
        }
        if (json_object_get(out, n->out_value) == NULL) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Output validation error: %s.%s: Each output definition must "
                              "contain a %s key.",
                              n->outputs, key, n->out_value);
            place_at(t, err, out, outputs, key);
            return rc;
        }
        if (t->ver->conditions) {
            ov = json_object_get(out, n->out_condition);
            snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_condition);
            rc = condition_enabled(t, ov, path, &enabled, err);
            if (rc != 0) {
                place_at(t, err, ov, out, n->out_condition);
                return rc;
            }
            if (!enabled)
                continue;
        }
        ov = json_object_get(out, n->out_value);
        snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_value);
        rc = hh_func_validate(t->ver, &ctx, ov, path, err);
        if (rc != 0) {
            place_at(t, err, ov, out, n->out_value);
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
    const json_t *resources = section(t, n->resources);
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
            place_at(t, err, field, res, NULL);
            return rc;
        }
    }
    return 0;
}

static int build_graph(hh_tmpl *t, json_t **graph_out, hh_error *err);

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
    resources = section(t, t->names->resources);
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
    rc = build_graph(t, &graph, err);
    json_decref(graph);
    if (rc != 0)
        return rc;
    json_object_foreach((json_t *)resources, name, res)
    {
        if (json_object_get(t->enabled, name) == NULL)
            continue;
        rc = validate_resource(t, name, res, mode >= PREPARE_CREATE, err);
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
        place_error(t, err);
        return rc;
    }

    out = json_object();
    if (out == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    /* Heat answers the section as it is, or "No description" when it is
     * absent or empty (Python's falsy: "", [], {}, 0, false). */
    desc = section(t, t->names->description);
    json_object_set_new(out, "Description",
                        desc != NULL && hh_py_truthy(desc) ? json_incref((json_t *)desc)
                                                           : json_string("No description"));
    json_object_set_new(out, "Parameters", hh_params_validate_json(t->params));
    groups = t->names->parameter_groups ? section(t, t->names->parameter_groups) : NULL;
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
        place_error(t, err);
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
    outputs = section(t, n->outputs);
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

/* ---- dependencies ----------------------------------------------------- */

/* Depth-first search for a cycle; on finding one, name its members in
 * Heat's style. colour: 0 unvisited, 1 on the stack, 2 done. */
static int find_cycle(const json_t *graph, const char *node, json_t *colour, json_t *stack,
                      hh_error *err)
{
    json_t *deps = json_object_get(graph, node), *d;
    size_t i;
    int rc;

    json_object_set_new(colour, node, json_integer(1));
    json_array_append_new(stack, json_string(node));
    json_array_foreach(deps, i, d)
    {
        const char *next = json_string_value(d);
        json_int_t c = json_integer_value(json_object_get(colour, next));

        if (c == 1) {
            char cycle[1024] = "";
            size_t j, start = 0;

            for (j = 0; j < json_array_size(stack); j++)
                if (strcmp(json_string_value(json_array_get(stack, j)), next) == 0)
                    start = j;
            for (j = start; j < json_array_size(stack); j++) {
                size_t used = strlen(cycle);

                snprintf(cycle + used, sizeof(cycle) - used, "%s%s", j > start ? ", " : "",
                         json_string_value(json_array_get(stack, j)));
            }
            return hh_error_set(err, HH_EINVAL, "CircularDependencyException",
                                "Circular Dependency Found: %s", cycle);
        }
        if (c == 0) {
            rc = find_cycle(graph, next, colour, stack, err);
            if (rc != 0)
                return rc;
        }
    }
    json_object_set_new(colour, node, json_integer(2));
    json_array_remove(stack, json_array_size(stack) - 1);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of object as a sorted list of strings (new reference). */
static json_t *sorted_keys(const json_t *object)
{
    size_t n = json_object_size(object), i = 0;
    const char **keys = NULL, *key;
    json_t *v, *list = json_array();

    if (list == NULL || n == 0)
        return list;
    keys = malloc(n * sizeof(*keys));
    if (keys == NULL) {
        json_decref(list);
        return NULL;
    }
    json_object_foreach((json_t *)object, key, v)
    {
        keys[i++] = key;
    }
    qsort(keys, n, sizeof(*keys), cmp_str);
    for (i = 0; i < n; i++)
        json_array_append_new(list, json_string(keys[i]));
    free(keys);
    return list;
}

/* The graph {name: [sorted names it depends on]} of the enabled resources
 * (references in properties and metadata, and depends_on, as Heat's
 * ResourceDefinition.required_resource_names); a cycle is
 * CircularDependencyException. Needs prepare(). */
static int build_graph(hh_tmpl *t, json_t **graph_out, hh_error *err)
{
    const dialect_names *n = t->names;
    const json_t *resources = section(t, n->resources);
    const char *name;
    json_t *res, *graph = NULL, *set = NULL, *list, *dv, *colour = NULL, *stack = NULL;
    json_t *fields[2];
    size_t i, k;
    int rc;

    *graph_out = NULL;
    graph = json_object();
    if (graph == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_object_foreach((json_t *)resources, name, res)
    {
        if (json_object_get(t->enabled, name) == NULL)
            continue;
        set = json_object();
        fields[0] = json_object_get(res, n->res_properties);
        fields[1] = json_object_get(res, n->res_metadata);
        for (k = 0; k < 2; k++) {
            if (fields[k] == NULL)
                continue;
            rc = hh_func_dependencies(t->ver, fields[k], t->enabled, set, err);
            if (rc != 0)
                goto done;
        }
        dv = json_object_get(res, n->res_depends_on);
        if (json_is_string(dv) && json_object_get(t->enabled, json_string_value(dv)))
            json_object_set_new(set, json_string_value(dv), json_true());
        json_array_foreach(dv, i, list)
        {
            if (json_object_get(t->enabled, json_string_value(list)))
                json_object_set_new(set, json_string_value(list), json_true());
        }
        list = sorted_keys(set);
        if (list == NULL) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            goto done;
        }
        json_object_set_new(graph, name, list);
        json_decref(set);
        set = NULL;
    }
    colour = json_object();
    stack = json_array();
    json_object_foreach(graph, name, dv)
    {
        if (json_integer_value(json_object_get(colour, name)) != 0)
            continue;
        rc = find_cycle(graph, name, colour, stack, err);
        if (rc != 0) {
            place_at(t, err, NULL, resources, name);
            goto done;
        }
    }
    *graph_out = graph;
    graph = NULL;
    rc = 0;
done:
    json_decref(set);
    json_decref(graph);
    json_decref(colour);
    json_decref(stack);
    return rc;
}

int hh_tmpl_dependencies(hh_tmpl *t, hh_env *env, json_t **graph_out, hh_error *err)
{
    int rc;

    *graph_out = NULL;
    rc = prepare(t, env, NULL, PREPARE_LOAD, err);
    return rc != 0 ? rc : build_graph(t, graph_out, err);
}
