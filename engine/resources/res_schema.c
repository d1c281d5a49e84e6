/* res_schema: Heat's Properties validation and conversion, and the schema
 * JSON of properties and attributes. See res_schema.h for the contracts.
 *
 * Algorithm (properties.py): a level of properties (the top, a map with a
 * nested schema, or a list's items) first refuses unknown keys, then takes
 * each schema key in order: a present value (null included) is converted
 * to the key's type, a missing one takes the default or is "not assigned"
 * when required. Converting a map or list converts its children as a new
 * level. With validate on, constraints are checked after conversion and
 * nested levels refuse unknown keys; with it off only conversion runs.
 * Messages reproduce Python's formatting of the values (str, repr and
 * json.dumps), since Heat interpolates them.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"
#include "res_schema.h"

#define PATH_MAX_LEN 1024
#define MSG_MAX 1536
#define MAX_NESTING 64 /* schemas nest a few levels; the bound guards data */

const hh_aschema hh_attr_show = {
    .name = "show",
    .description = "Detailed information about resource.",
    .type = HH_AT_MAP,
};

const char *hh_atype_name(hh_atype t)
{
    static const char *const names[] = {
        [HH_AT_UNKNOWN] = NULL, [HH_AT_STRING] = "string",   [HH_AT_MAP] = "map",
        [HH_AT_LIST] = "list",  [HH_AT_INTEGER] = "integer", [HH_AT_BOOLEAN] = "boolean",
    };
    return (unsigned)t <= HH_AT_BOOLEAN ? names[t] : NULL;
}

const char *hh_support_status_name(hh_support_status s)
{
    static const char *const names[] = {
        [HH_SUPPORTED] = "SUPPORTED",   [HH_SUPPORT_UNKNOWN] = "UNKNOWN",
        [HH_DEPRECATED] = "DEPRECATED", [HH_UNSUPPORTED] = "UNSUPPORTED",
        [HH_HIDDEN] = "HIDDEN",
    };
    return (unsigned)s <= HH_HIDDEN ? names[s] : "UNKNOWN";
}

const hh_pschema *hh_pschema_find(const hh_pschema *schema, const char *name)
{
    if (schema == NULL || name == NULL)
        return NULL;
    for (; schema->name != NULL; schema++)
        if (strcmp(schema->name, name) == 0)
            return schema;
    return NULL;
}

/* JSON text of a table literal (default, bound, allowed list). New ref. */
static json_t *literal(const char *text)
{
    if (text == NULL)
        return NULL;
    return json_loads(text, JSON_DECODE_ANY, NULL);
}

/* ---- validation state ---------------------------------------------------- */

typedef struct vctx {
    const hh_props_opts *opts;
    char path[PATH_MAX_LEN]; /* Heat's path below the section: ".a[0].b" */
    size_t plen;
    char errpath[PATH_MAX_LEN]; /* path of the failure */
    char msg[MSG_MAX];          /* the failure, without prefix */
    int depth;
} vctx;

/* Push a key (".name", or "[name]" when all digits) or an index. Returns
 * the length to restore. */
static size_t path_push(vctx *v, const char *name, long index)
{
    size_t old = v->plen;
    int n;

    if (name != NULL) {
        const char *p = name;
        int digits = *p != '\0';

        for (; *p; p++)
            if (!isdigit((unsigned char)*p))
                digits = 0;
        n = snprintf(v->path + old, sizeof(v->path) - old, digits ? "[%s]" : ".%s", name);
    } else {
        n = snprintf(v->path + old, sizeof(v->path) - old, "[%ld]", index);
    }
    if (n > 0)
        v->plen = old + (size_t)n < sizeof(v->path) ? old + (size_t)n : sizeof(v->path) - 1;
    return old;
}

static void path_pop(vctx *v, size_t old)
{
    v->plen = old;
    v->path[old] = '\0';
}

/* Record a failure at the current path. Returns HH_EINVAL. */
__attribute__((format(printf, 2, 3))) static int fail(vctx *v, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
    va_end(ap);
    memcpy(v->errpath, v->path, v->plen + 1);
    return HH_EINVAL;
}

/* Failure "<pre><value as show formats it><post>". */
static int fail_val(vctx *v, const char *pre, void (*show)(hh_pybuf *, const json_t *),
                    const json_t *value, const char *post)
{
    hh_pybuf b = {0};
    int rc;

    show(&b, value);
    if (b.rc != 0) {
        free(b.s);
        return b.rc;
    }
    rc = fail(v, "%s%s%s", pre, b.s ? b.s : "", post);
    free(b.s);
    return rc;
}

/* ---- conversion (Property.get_value) ------------------------------------- */

static int level(vctx *v, const hh_pschema *schema, const json_t *data, bool validate,
                 json_t **out);

/* The value Heat uses for None: the default when it is truthy, else the
 * type's empty value ("self.has_default() and self.default() or 0"). */
static json_t *none_value(const hh_pschema *p)
{
    json_t *d = literal(p->default_json);

    if (p->type == HH_PT_MAP && d != NULL)
        return d; /* _get_map takes the default as it is */
    if (d != NULL) {
        if (hh_py_truthy(d))
            return d;
        json_decref(d);
    }
    switch (p->type) {
    case HH_PT_STRING:
        return json_string("");
    case HH_PT_INTEGER:
    case HH_PT_NUMBER:
        return json_integer(0);
    case HH_PT_BOOLEAN:
        return json_false();
    case HH_PT_MAP:
        return json_object();
    case HH_PT_LIST:
        return json_array();
    default:
        return json_null();
    }
}

/* Check value (of type t) against one constraint of the table; a CUSTOM
 * one only when the options give a validator. */
static int check_constraint(vctx *v, const hh_constraint_def *def, hh_ptype t,
                            const json_t *value)
{
    char msg[MSG_MAX];
    hh_constraint *c = NULL;
    hh_error e = {0};
    int rc;

    if (def->kind == HH_CK_CUSTOM && (v->opts == NULL || v->opts->custom == NULL))
        return 0;
    rc = hh_constraint_from_def(def, &c, &e);
    if (rc != 0)
        return rc;
    rc = hh_constraint_check(c, value, t, hh_ptype_heat_name(t),
                             v->opts ? v->opts->custom : NULL, v->opts ? v->opts->custom_ctx : NULL,
                             msg, sizeof(msg));
    if (rc == HH_EINVAL)
        rc = fail(v, "%s", msg);
    hh_constraint_free(c);
    return rc;
}

/* Convert value (NULL or null = None) to p's type into *out (new ref);
 * with validate, check constraints and nested levels. */
static int get_value(vctx *v, const hh_pschema *p, const json_t *value, bool validate, json_t **out)
{
    json_t *val = NULL, *res = NULL;
    const hh_constraint_def *c = NULL;
    int rc = 0;

    *out = NULL;
    if (++v->depth > MAX_NESTING) {
        rc = fail(v, "Properties nested too deeply");
        goto done;
    }
    if (value == NULL || json_is_null(value)) {
        if (p->type == HH_PT_ANY) {
            res = json_null();
            goto constraints;
        }
        val = none_value(p);
    } else {
        val = json_incref((json_t *)value);
    }
    if (val == NULL) {
        rc = ENOMEM;
        goto done;
    }

    switch (p->type) {
    case HH_PT_STRING:
        if (json_is_string(val))
            res = json_incref(val);
        else if (json_is_boolean(val) || json_is_integer(val)) {
            hh_pybuf b = {0};

            hh_py_str_to(&b, val);
            res = b.rc == 0 ? json_string(b.s) : NULL;
            free(b.s);
        } else {
            rc = fail_val(v, "Value must be a string; got ", hh_py_repr_to, val, "");
            goto done;
        }
        break;
    case HH_PT_INTEGER: {
        long long n = 0;

        if (json_is_integer(val))
            n = json_integer_value(val);
        else if (json_is_real(val)) {
            double d = json_real_value(val);

            /* int(5.7) == 5; beyond 64 bits refused (Python has no bound) */
            if (!(d > -9.2e18 && d < 9.2e18)) {
                rc = fail_val(v, "Value '", hh_py_repr_to, val, "' is not an integer");
                goto done;
            }
            n = (long long)d;
        } else if (json_is_boolean(val))
            n = json_is_true(val);
        else if (json_is_string(val)) {
            if (!hh_py_parse_int(json_string_value(val), &n)) {
                rc = fail(v, "Value '%s' is not an integer", json_string_value(val));
                goto done;
            }
        } else {
            rc = fail(v,
                      "int() argument must be a string, a bytes-like object or a real "
                      "number, not '%s'",
                      hh_py_type_name(val));
            goto done;
        }
        res = json_integer(n);
        break;
    }
    case HH_PT_NUMBER:
        if (json_is_number(val) || json_is_boolean(val))
            res = json_incref(val);
        else if (json_is_string(val)) {
            long long n = 0;
            double d = 0;

            if (hh_py_parse_int(json_string_value(val), &n))
                res = json_integer(n);
            else if (hh_py_parse_float(json_string_value(val), &d) && isfinite(d))
                res = json_real(d);
            else {
                rc = fail_val(v, "could not convert string to float: ", hh_py_repr_to, val, "");
                goto done;
            }
        } else {
            rc = fail(v,
                      "int() argument must be a string, a bytes-like object or a real "
                      "number, not '%s'",
                      hh_py_type_name(val));
            goto done;
        }
        break;
    case HH_PT_BOOLEAN:
        if (json_is_boolean(val))
            res = json_incref(val);
        else if (json_is_string(val)) {
            const char *s = json_string_value(val);
            char low[64];
            size_t i;

            for (i = 0; s[i] && i + 1 < sizeof(low); i++)
                low[i] = (char)tolower((unsigned char)s[i]);
            low[i] = '\0';
            if (strcmp(low, "true") == 0)
                res = json_true();
            else if (strcmp(low, "false") == 0)
                res = json_false();
            else {
                hh_pybuf b = {0};

                for (i = 0; s[i]; i++) {
                    char ch = (char)tolower((unsigned char)s[i]);

                    hh_pybuf_add(&b, &ch, 1);
                }
                rc = b.rc ? b.rc : fail(v, "\"%s\" is not a valid boolean", b.s ? b.s : "");
                free(b.s);
                goto done;
            }
        } else {
            rc = fail_val(v, "\"", hh_py_str_to, val, "\" is not a valid boolean");
            goto done;
        }
        break;
    case HH_PT_MAP:
        if (!json_is_object(val)) {
            rc = fail_val(v, "\"", hh_py_str_to, val, "\" is not a map");
            goto done;
        }
        if (p->schema != NULL) {
            rc = level(v, p->schema, val, validate, &res);
            if (rc != 0)
                goto done;
        } else {
            res = json_deep_copy(val);
        }
        break;
    case HH_PT_LIST:
        if (!json_is_array(val)) {
            rc = fail_val(v, "\"", hh_py_repr_to, val, "\" is not a list");
            goto done;
        }
        if (p->schema != NULL) {
            rc = level(v, p->schema, val, validate, &res);
            if (rc != 0)
                goto done;
        } else {
            res = json_deep_copy(val);
        }
        break;
    case HH_PT_ANY:
        res = json_deep_copy(val);
        break;
    }
    if (res == NULL) {
        rc = ENOMEM;
        goto done;
    }

constraints:
    if (validate && p->constraints != NULL) {
        for (c = p->constraints; c->kind != HH_CK_END; c++) {
            rc = check_constraint(v, c, p->type, res);
            if (rc != 0)
                goto done;
        }
    }
    *out = res;
    res = NULL;
done:
    v->depth--;
    json_decref(res);
    json_decref(val);
    return rc;
}

/* The value of one key of a level (Properties._get_property_value). */
static int key_value(vctx *v, const hh_pschema *p, const char *key, long index, const json_t *data,
                     bool validate, json_t **out)
{
    const json_t *value = NULL;
    bool found = false;
    size_t old;
    int rc = 0;

    *out = NULL;
    if (json_is_object(data)) {
        value = json_object_get(data, key);
        found = value != NULL;
    } else if (json_is_array(data)) {
        value = json_array_get(data, (size_t)index);
        found = true;
    }
    if (!found && p->default_json == NULL) {
        if (p->required)
            return fail(v, "Property %s not assigned", key != NULL ? key : "");
        *out = json_null();
        return *out ? 0 : ENOMEM;
    }
    old = path_push(v, key, index);
    rc = get_value(v, p, found ? value : NULL, validate, out);
    path_pop(v, old);
    return rc;
}

/* A nested level: data is a map (schema: named keys) or a list (schema:
 * one item "*"). Result: a map with every schema key, or the list. */
static int level(vctx *v, const hh_pschema *schema, const json_t *data, bool validate, json_t **out)
{
    json_t *res = NULL, *x = NULL;
    const hh_pschema *p = NULL;
    const char *k = NULL;
    json_t *item = NULL;
    size_t i;
    int rc = 0;

    *out = NULL;
    if (json_is_array(data)) {
        res = json_array();
        if (res == NULL)
            return ENOMEM;
        json_array_foreach(data, i, item)
        {
            (void)item;
            rc = key_value(v, &schema[0], NULL, (long)i, data, validate, &x);
            if (rc != 0)
                goto done;
            if (json_array_append_new(res, x) != 0) {
                rc = ENOMEM;
                goto done;
            }
        }
        goto out;
    }
    if (validate) {
        json_object_foreach((json_t *)data, k, x)
        {
            if (hh_pschema_find(schema, k) == NULL) {
                rc = fail(v, "Unknown Property %s", k);
                goto done;
            }
        }
    }
    res = json_object();
    if (res == NULL)
        return ENOMEM;
    for (p = schema; p->name != NULL; p++) {
        rc = key_value(v, p, p->name, 0, data, validate, &x);
        if (rc != 0)
            goto done;
        if (json_object_set_new(res, p->name, x) != 0) {
            rc = ENOMEM;
            goto done;
        }
    }
out:
    *out = res;
    res = NULL;
done:
    json_decref(res);
    return rc;
}

static bool is_deferred(const hh_props_opts *opts, const char *name)
{
    size_t i;
    json_t *x = NULL;

    if (opts == NULL || opts->deferred == NULL)
        return false;
    json_array_foreach(opts->deferred, i,
                       x) if (json_is_string(x) &&
                              strcmp(json_string_value(x), name) == 0) return true;
    return false;
}

static int report(vctx *v, const char *section, hh_error *err)
{
    return hh_error_set(err, HH_EINVAL, "StackValidationFailed", "Property error: %s%s: %s",
                        section != NULL ? section : "", v->errpath, v->msg);
}

/* Top level: Properties.validate(with_value), or the resolved mapping when
 * out is not NULL (then with_value and no constraint check). */
static int top(const hh_pschema *schema, const json_t *props, bool with_value,
               const hh_props_opts *opts, const char *section, json_t **out, hh_error *err)
{
    vctx *v = NULL;
    const json_t *data = props;
    json_t *res = NULL, *x = NULL;
    const hh_pschema *p = NULL;
    const char *k = NULL;
    int rc = 0;

    if (out != NULL)
        *out = NULL;
    if (data != NULL && !json_is_null(data) && !json_is_object(data)) {
        rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                          "Property error: %s: Properties must be a map", section ? section : "");
        goto done;
    }
    v = calloc(1, sizeof(*v));
    if (v == NULL) {
        rc = ENOMEM;
        goto done;
    }
    v->opts = opts;
    if (out == NULL && data != NULL) {
        json_object_foreach((json_t *)data, k, x)
        {
            if (hh_pschema_find(schema, k) == NULL) {
                fail(v, "Unknown Property %s", k);
                rc = report(v, section, err);
                goto done;
            }
        }
    }
    if (out != NULL && (res = json_object()) == NULL) {
        rc = ENOMEM;
        goto done;
    }
    for (p = schema; p != NULL && p->name != NULL; p++) {
        bool present = data != NULL && json_object_get(data, p->name) != NULL;

        if (with_value) {
            bool validate = out == NULL && !is_deferred(opts, p->name);

            x = NULL;
            rc = key_value(v, p, p->name, 0, data, validate, &x);
            if (rc == HH_EINVAL && !validate && present) {
                /* Heat raises a plain ValueError here: the path is the key */
                size_t old = path_push(v, p->name, 0);

                memcpy(v->errpath, v->path, v->plen + 1);
                path_pop(v, old);
            }
            if (rc == HH_EINVAL) {
                rc = report(v, section, err);
                goto done;
            }
            if (rc != 0)
                goto done;
            if (res != NULL && json_object_set_new(res, p->name, x) != 0) {
                rc = ENOMEM;
                goto done;
            }
            if (res == NULL)
                json_decref(x);
        }
        if (p->unimplemented && present && out == NULL) {
            fail(v, "Property %s not implemented yet", p->name);
            rc = report(v, section, err);
            goto done;
        }
    }
    if (out != NULL) {
        *out = res;
        res = NULL;
    }
done:
    if (rc > 0)
        hh_error_set(err, rc, NULL, "%s", hh_strerror(rc));
    json_decref(res);
    free(v);
    return rc;
}

int hh_props_validate(const hh_pschema *schema, const json_t *props, bool with_value,
                      const hh_props_opts *opts, const char *section, hh_error *err)
{
    return top(schema, props, with_value, opts, section, NULL, err);
}

int hh_props_resolve(const hh_pschema *schema, const json_t *props, const char *section,
                     json_t **out, hh_error *err)
{
    if (out == NULL)
        return hh_error_set(err, HH_EINTERNAL, NULL, "hh_props_resolve: out is NULL");
    return top(schema, props, true, NULL, section, out, err);
}

/* ---- schema JSON --------------------------------------------------------- */

json_t *hh_support_to_json(const hh_support *s)
{
    json_t *o = json_object();

    if (o == NULL)
        return NULL;
    json_object_set_new(o, "status", json_string(hh_support_status_name(s->status)));
    json_object_set_new(o, "message", s->message ? json_string(s->message) : json_null());
    json_object_set_new(o, "version", s->version ? json_string(s->version) : json_null());
    json_object_set_new(o, "previous_status",
                        s->previous ? hh_support_to_json(s->previous) : json_null());
    return o;
}

json_t *hh_pschema_to_json(const hh_pschema *p)
{
    json_t *o = json_object();
    const hh_pschema *n = NULL;
    const hh_constraint_def *c = NULL;

    if (o == NULL)
        return NULL;
    json_object_set_new(o, "type", json_string(hh_ptype_name(p->type)));
    if (p->description != NULL)
        json_object_set_new(o, "description", json_string(p->description));
    if (p->default_json != NULL)
        json_object_set_new(o, "default", literal(p->default_json));
    if (p->schema != NULL) {
        json_t *s = json_object();

        for (n = p->schema; n->name != NULL; n++)
            json_object_set_new(s, n->name, hh_pschema_to_json(n));
        json_object_set_new(o, "schema", s);
    }
    json_object_set_new(o, "required", json_boolean(p->required));
    if (p->constraints != NULL && p->constraints[0].kind != HH_CK_END) {
        json_t *a = json_array();

        for (c = p->constraints; c->kind != HH_CK_END; c++)
            json_array_append_new(a, hh_constraint_def_to_json(c));
        json_object_set_new(o, "constraints", a);
    }
    json_object_set_new(o, "update_allowed", json_boolean(p->update_allowed));
    json_object_set_new(o, "immutable", json_boolean(p->immutable));
    return o;
}

json_t *hh_aschema_to_json(const hh_aschema *a)
{
    json_t *o = json_object();
    const char *t = hh_atype_name(a->type);

    if (o == NULL)
        return NULL;
    if (a->description != NULL)
        json_object_set_new(o, "description", json_string(a->description));
    if (t != NULL)
        json_object_set_new(o, "type", json_string(t));
    return o;
}
