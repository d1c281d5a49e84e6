/* hh_constraint: see hh_constraint.h. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "hh_constraint.h"

/* ---- schema types ------------------------------------------------------- */

const char *hh_ptype_name(hh_ptype t)
{
    static const char *const names[] = {
        [HH_PT_STRING] = "string",   [HH_PT_INTEGER] = "integer", [HH_PT_NUMBER] = "number",
        [HH_PT_BOOLEAN] = "boolean", [HH_PT_MAP] = "map",         [HH_PT_LIST] = "list",
        [HH_PT_ANY] = "any",
    };
    return (unsigned)t <= HH_PT_ANY ? names[t] : "any";
}

const char *hh_ptype_heat_name(hh_ptype t)
{
    static const char *const names[] = {
        [HH_PT_STRING] = "String",   [HH_PT_INTEGER] = "Integer", [HH_PT_NUMBER] = "Number",
        [HH_PT_BOOLEAN] = "Boolean", [HH_PT_MAP] = "Map",         [HH_PT_LIST] = "List",
        [HH_PT_ANY] = "Any",
    };
    return (unsigned)t <= HH_PT_ANY ? names[t] : "Any";
}

/* ---- constraints: construction ------------------------------------------ */

static int set_err(hh_error *err, int rc, const char *type, const char *msg)
{
    return hh_error_set(err, rc, type, "%s", msg);
}

static hh_constraint *c_alloc(hh_ckind kind, const json_t *desc)
{
    hh_constraint *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->kind = kind;
    if (desc != NULL && hh_py_truthy(desc)) {
        c->description = hh_py_str(desc);
        if (c->description == NULL) {
            free(c);
            return NULL;
        }
    }
    return c;
}

void hh_constraint_free(hh_constraint *c)
{
    if (c == NULL)
        return;
    free(c->description);
    json_decref(c->min);
    json_decref(c->max);
    json_decref(c->step);
    json_decref(c->offset);
    json_decref(c->allowed);
    if (c->kind == HH_CK_ALLOWED_PATTERN && c->pattern)
        regfree(&c->re);
    free(c->pattern);
    free(c->name);
    free(c);
}

/* Schema.get_num: None stays None, others through str_to_num. */
static int get_num(const json_t *v, json_t **out, hh_error *err)
{
    char msg[HH_CONSTRAINT_MSG_MAX];
    int rc;

    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    rc = hh_py_str_to_num(v, out, msg, sizeof(msg));
    if (rc == HH_EINVAL)
        return set_err(err, rc, json_is_string(v) ? "ValueError" : "TypeError", msg);
    return rc;
}

static int new_range(hh_ckind kind, const json_t *min, const json_t *max, const json_t *desc,
                     hh_constraint **out, hh_error *err)
{
    hh_constraint *c = NULL;
    int rc = 0;

    *out = NULL;
    c = c_alloc(kind, desc);
    if (c == NULL)
        return ENOMEM;
    if ((rc = get_num(min, &c->min, err)) != 0 || (rc = get_num(max, &c->max, err)) != 0)
        goto done;
    if (c->min == NULL && c->max == NULL) {
        rc = set_err(err, HH_EINVAL, "InvalidSchemaError",
                     kind == HH_CK_LENGTH ? "A length constraint must have a min value and/or "
                                           "a max value specified."
                                         : "A range constraint must have a min value and/or "
                                           "a max value specified.");
        goto done;
    }
    if (kind == HH_CK_LENGTH &&
        ((c->min && !json_is_integer(c->min)) || (c->max && !json_is_integer(c->max)))) {
        rc = set_err(err, HH_EINVAL, "InvalidSchemaError", "min/max length must be integral");
        goto done;
    }
    *out = c;
    c = NULL;
done:
    hh_constraint_free(c);
    return rc;
}

int hh_constraint_new_range(hh_ckind kind, const json_t *min, const json_t *max,
                            const char *description, hh_constraint **out, hh_error *err)
{
    json_t *d = description ? json_string(description) : NULL;
    int rc = new_range(kind, min, max, d, out, err);

    json_decref(d);
    return rc;
}

static int new_modulo(const json_t *step, const json_t *offset, const json_t *desc,
                      hh_constraint **out, hh_error *err)
{
    hh_constraint *c = NULL;
    double s, o;
    int rc = 0;

    *out = NULL;
    c = c_alloc(HH_CK_MODULO, desc);
    if (c == NULL)
        return ENOMEM;
    if ((rc = get_num(step, &c->step, err)) != 0 || (rc = get_num(offset, &c->offset, err)) != 0)
        goto done;
    if (c->step == NULL || c->offset == NULL) {
        rc = set_err(err, HH_EINVAL, "InvalidSchemaError",
                     "A modulo constraint must have a step value and an offset value "
                     "specified.");
        goto done;
    }
    s = json_number_value(c->step);
    o = json_number_value(c->offset);
    if (trunc(s) != s || trunc(o) != o) {
        rc = set_err(err, HH_EINVAL, "InvalidSchemaError", "step/offset must be integer");
        goto done;
    }
    if (s == 0) {
        rc = set_err(err, HH_EINVAL, "InvalidSchemaError", "step cannot be 0.");
        goto done;
    }
    if (fabs(o) >= fabs(s)) {
        rc = set_err(err, HH_EINVAL, "InvalidSchemaError",
                     "offset must be smaller (by absolute value) than step.");
        goto done;
    }
    if (s * o < 0) {
        rc = set_err(err, HH_EINVAL, "InvalidSchemaError",
                     "step and offset must be both positive or both negative.");
        goto done;
    }
    *out = c;
    c = NULL;
done:
    hh_constraint_free(c);
    return rc;
}

static int new_allowed(const json_t *allowed, const json_t *desc, hh_constraint **out,
                       hh_error *err)
{
    hh_constraint *c = NULL;

    *out = NULL;
    if (!json_is_array(allowed))
        return set_err(err, HH_EINVAL, "InvalidSchemaError", "AllowedValues must be a list");
    c = c_alloc(HH_CK_ALLOWED_VALUES, desc);
    if (c == NULL)
        return ENOMEM;
    c->allowed = json_deep_copy(allowed);
    if (c->allowed == NULL) {
        hh_constraint_free(c);
        return ENOMEM;
    }
    *out = c;
    return 0;
}

int hh_constraint_new_allowed(const json_t *allowed, const char *description,
                              hh_constraint **out, hh_error *err)
{
    json_t *d = description ? json_string(description) : NULL;
    int rc = new_allowed(allowed, d, out, err);

    json_decref(d);
    return rc;
}

/* Python re syntax -> POSIX ERE (see the header for the subset). */
static char *translate_pattern(const char *p)
{
    hh_pybuf b = {0};

    hh_pybuf_adds(&b, "^(");
    while (*p) {
        if (*p == '\\' && p[1]) {
            char e = p[1];

            if (e == 'd')
                hh_pybuf_adds(&b, "[0-9]");
            else if (e == 'D')
                hh_pybuf_adds(&b, "[^0-9]");
            else if (e == 'n')
                hh_pybuf_adds(&b, "\n");
            else if (e == 't')
                hh_pybuf_adds(&b, "\t");
            else if (e == 'A')
                ; /* start of value: the whole pattern is anchored */
            else if (e == 'Z')
                ; /* end of value: likewise */
            else
                hh_pybuf_add(&b, p, 2);
            p += 2;
        } else if (*p == '(' && p[1] == '?' && p[2] == ':') {
            hh_pybuf_adds(&b, "(");
            p += 3;
        } else if (*p == '[') {
            bool neg = false, dash = false, rbr = false, lbr = false;
            hh_pybuf in = {0};

            p++;
            if (*p == '^') {
                neg = true;
                p++;
            }
            if (*p == ']') {
                rbr = true;
                p++;
            }
            while (*p && *p != ']') {
                if (*p == '\\' && p[1]) {
                    char e = p[1];

                    if (e == 'd')
                        hh_pybuf_adds(&in, "0-9");
                    else if (e == 'w')
                        hh_pybuf_adds(&in, "[:alnum:]_");
                    else if (e == 's')
                        hh_pybuf_adds(&in, "[:space:]");
                    else if (e == 'n')
                        hh_pybuf_adds(&in, "\n");
                    else if (e == 't')
                        hh_pybuf_adds(&in, "\t");
                    else if (e == '-')
                        dash = true;
                    else if (e == ']')
                        rbr = true;
                    else if (e == '[')
                        lbr = true;
                    else
                        hh_pybuf_add(&in, &p[1], 1);
                    p += 2;
                } else if (*p == '[') {
                    lbr = true; /* literal in Python; placed last so it starts no class */
                    p++;
                } else {
                    hh_pybuf_add(&in, p, 1);
                    p++;
                }
            }
            hh_pybuf_adds(&b, neg ? "[^" : "[");
            if (rbr)
                hh_pybuf_adds(&b, "]");
            if (in.s)
                hh_pybuf_adds(&b, in.s);
            if (lbr)
                hh_pybuf_adds(&b, "[");
            if (dash)
                hh_pybuf_adds(&b, "-");
            hh_pybuf_adds(&b, "]");
            free(in.s);
            if (*p == ']')
                p++;
        } else {
            hh_pybuf_add(&b, p, 1);
            p++;
        }
    }
    hh_pybuf_adds(&b, ")$");
    return hh_pybuf_take(&b);
}

static int new_pattern(const json_t *pattern, const json_t *desc, hh_constraint **out,
                       hh_error *err)
{
    hh_constraint *c = NULL;
    char *posix = NULL;
    int rc = 0, rrc;

    *out = NULL;
    if (!json_is_string(pattern))
        return set_err(err, HH_EINVAL, "InvalidSchemaError", "AllowedPattern must be a string");
    c = c_alloc(HH_CK_ALLOWED_PATTERN, desc);
    if (c == NULL)
        return ENOMEM;
    posix = translate_pattern(json_string_value(pattern));
    if (posix == NULL) {
        rc = ENOMEM;
        goto done;
    }
    rrc = regcomp(&c->re, posix, REG_EXTENDED | REG_NOSUB);
    if (rrc != 0) {
        char ebuf[256];

        regerror(rrc, &c->re, ebuf, sizeof(ebuf));
        rc = hh_error_set(err, HH_EINVAL, "InvalidSchemaError", "Invalid pattern \"%s\": %s",
                          json_string_value(pattern), ebuf);
        goto done;
    }
    c->pattern = strdup(json_string_value(pattern));
    if (c->pattern == NULL) {
        regfree(&c->re);
        rc = ENOMEM;
        goto done;
    }
    *out = c;
    c = NULL;
done:
    free(posix);
    hh_constraint_free(c);
    return rc;
}

int hh_constraint_new_pattern(const json_t *pattern, const char *description,
                              hh_constraint **out, hh_error *err)
{
    json_t *d = description ? json_string(description) : NULL;
    int rc = new_pattern(pattern, d, out, err);

    json_decref(d);
    return rc;
}

/* Schema._check_dict */
static int check_dict(const json_t *d, const char *const *keys, const char *entity,
                      hh_error *err)
{
    const char *k;
    json_t *v;
    size_t i;

    if (!json_is_object(d))
        return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                            "Invalid %s, expected a mapping", entity);
    json_object_foreach((json_t *)d, k, v) {
        bool found = false;

        for (i = 0; keys[i]; i++)
            if (strcmp(keys[i], k) == 0)
                found = true;
        if (!found)
            return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                                "Invalid key '%s' for %s", k, entity);
    }
    return 0;
}

int hh_constraint_from_hot(const json_t *def, bool modulo, hh_constraint **out, hh_error *err)
{
    static const char *const ckeys[] = {"description", "length", "range", "modulo",
                                        "allowed_values", "allowed_pattern",
                                        "custom_constraint", NULL};
    static const char *const rkeys[] = {"min", "max", NULL};
    static const char *const mkeys[] = {"step", "offset", NULL};
    const json_t *desc, *cdef;
    int rc;

    *out = NULL;
    if ((rc = check_dict(def, ckeys, "parameter constraints", err)) != 0)
        return rc;
    desc = json_object_get(def, "description");
    if (modulo && (cdef = json_object_get(def, "modulo")) != NULL) {
        if ((rc = check_dict(cdef, mkeys, "modulo constraint", err)) != 0)
            return rc;
        return new_modulo(json_object_get(cdef, "step"), json_object_get(cdef, "offset"), desc,
                          out, err);
    }
    if ((cdef = json_object_get(def, "range")) != NULL) {
        if ((rc = check_dict(cdef, rkeys, "range constraint", err)) != 0)
            return rc;
        return new_range(HH_CK_RANGE, json_object_get(cdef, "min"), json_object_get(cdef, "max"),
                         desc, out, err);
    }
    if ((cdef = json_object_get(def, "length")) != NULL) {
        if ((rc = check_dict(cdef, rkeys, "length constraint", err)) != 0)
            return rc;
        return new_range(HH_CK_LENGTH, json_object_get(cdef, "min"),
                         json_object_get(cdef, "max"), desc, out, err);
    }
    if ((cdef = json_object_get(def, "allowed_values")) != NULL)
        return new_allowed(cdef, desc, out, err);
    if ((cdef = json_object_get(def, "allowed_pattern")) != NULL)
        return new_pattern(cdef, desc, out, err);
    if ((cdef = json_object_get(def, "custom_constraint")) != NULL) {
        hh_constraint *c = c_alloc(HH_CK_CUSTOM, desc);

        if (c == NULL)
            return ENOMEM;
        c->name = hh_py_str(cdef);
        if (c->name == NULL) {
            hh_constraint_free(c);
            return ENOMEM;
        }
        *out = c;
        return 0;
    }
    return set_err(err, HH_EINVAL, "InvalidSchemaError", "No constraint expressed");
}

/* JSON text of a table literal (bound, allowed list). New ref or NULL. */
static json_t *literal(const char *text)
{
    if (text == NULL)
        return NULL;
    return json_loads(text, JSON_DECODE_ANY, NULL);
}

int hh_constraint_from_def(const hh_constraint_def *def, hh_constraint **out, hh_error *err)
{
    json_t *desc = NULL, *a = NULL, *b = NULL;
    int rc = 0;

    *out = NULL;
    if (def->description != NULL && (desc = json_string(def->description)) == NULL)
        return ENOMEM;
    if ((def->min != NULL && (a = literal(def->min)) == NULL) ||
        (def->max != NULL && (b = literal(def->max)) == NULL)) {
        rc = hh_error_set(err, HH_EINTERNAL, NULL, "constraint table: bad bound");
        goto done;
    }
    switch (def->kind) {
    case HH_CK_RANGE:
    case HH_CK_LENGTH:
        rc = new_range(def->kind, a, b, desc, out, err);
        break;
    case HH_CK_MODULO:
        a = json_integer(def->step);
        b = json_integer(def->offset);
        rc = a && b ? new_modulo(a, b, desc, out, err) : ENOMEM;
        break;
    case HH_CK_ALLOWED_VALUES:
        a = literal(def->allowed);
        if (!json_is_array(a)) {
            rc = hh_error_set(err, HH_EINTERNAL, NULL, "constraint table: bad allowed list");
            break;
        }
        rc = new_allowed(a, desc, out, err);
        break;
    case HH_CK_ALLOWED_PATTERN:
        a = json_string(def->pattern ? def->pattern : "");
        rc = a ? new_pattern(a, desc, out, err) : ENOMEM;
        break;
    case HH_CK_CUSTOM:
        if ((*out = c_alloc(HH_CK_CUSTOM, desc)) == NULL ||
            ((*out)->name = strdup(def->name ? def->name : "")) == NULL) {
            hh_constraint_free(*out);
            *out = NULL;
            rc = ENOMEM;
        }
        break;
    case HH_CK_END:
        rc = hh_error_set(err, HH_EINTERNAL, NULL, "constraint table: END has no check");
        break;
    }
done:
    json_decref(desc);
    json_decref(a);
    json_decref(b);
    return rc;
}

static json_t *range_json(const hh_constraint_def *def)
{
    json_t *o = json_object();

    if (def->min != NULL)
        json_object_set_new(o, "min", literal(def->min));
    if (def->max != NULL)
        json_object_set_new(o, "max", literal(def->max));
    return o;
}

json_t *hh_constraint_def_to_json(const hh_constraint_def *def)
{
    json_t *o = json_object();

    if (o == NULL)
        return NULL;
    if (def->description != NULL)
        json_object_set_new(o, "description", json_string(def->description));
    switch (def->kind) {
    case HH_CK_RANGE:
        json_object_set_new(o, "range", range_json(def));
        break;
    case HH_CK_LENGTH:
        json_object_set_new(o, "length", range_json(def));
        break;
    case HH_CK_MODULO:
        json_object_set_new(o, "modulo",
                            json_pack("{s:I,s:I}", "step", (json_int_t)def->step, "offset",
                                      (json_int_t)def->offset));
        break;
    case HH_CK_ALLOWED_VALUES:
        json_object_set_new(o, "allowed_values", literal(def->allowed));
        break;
    case HH_CK_ALLOWED_PATTERN:
        json_object_set_new(o, "allowed_pattern", json_string(def->pattern));
        break;
    case HH_CK_CUSTOM:
        json_object_set_new(o, "custom_constraint", json_string(def->name));
        break;
    case HH_CK_END:
        break;
    }
    return o;
}

const char *hh_constraint_class(const hh_constraint *c)
{
    static const char *const names[] = {
        [HH_CK_END] = "",
        [HH_CK_RANGE] = "Range",
        [HH_CK_LENGTH] = "Length",
        [HH_CK_MODULO] = "Modulo",
        [HH_CK_ALLOWED_VALUES] = "AllowedValues",
        [HH_CK_ALLOWED_PATTERN] = "AllowedPattern",
        [HH_CK_CUSTOM] = "CustomConstraint",
    };

    return (unsigned)c->kind <= HH_CK_CUSTOM ? names[c->kind] : "";
}

bool hh_constraint_valid_for(const hh_constraint *c, hh_ptype t)
{
    switch (c->kind) {
    case HH_CK_RANGE:
    case HH_CK_MODULO:
        return t == HH_PT_INTEGER || t == HH_PT_NUMBER;
    case HH_CK_LENGTH:
        return t == HH_PT_STRING || t == HH_PT_LIST || t == HH_PT_MAP;
    case HH_CK_ALLOWED_PATTERN:
        return t == HH_PT_STRING;
    case HH_CK_ALLOWED_VALUES:
    case HH_CK_CUSTOM:
        return t != HH_PT_MAP && t != HH_PT_ANY;
    case HH_CK_END:
        break;
    }
    return false;
}

/* ---- constraints: checks ------------------------------------------------ */

static int num_cmp(const json_t *a, const json_t *b)
{
    if (json_is_integer(a) && json_is_integer(b)) {
        json_int_t x = json_integer_value(a), y = json_integer_value(b);

        return x < y ? -1 : x > y;
    }
    {
        double x = json_number_value(a), y = json_number_value(b);

        return x < y ? -1 : x > y;
    }
}

/* Schema.to_schema_type for allowed_values; NULL + msg on failure. */
static json_t *to_schema_type(const json_t *v, hh_ptype t, const char *tname, char *msg,
                              size_t len, int *rc)
{
    json_t *out = NULL;
    char tmp[HH_CONSTRAINT_MSG_MAX];
    bool b;

    *rc = 0;
    if (t == HH_PT_NUMBER || t == HH_PT_INTEGER) {
        *rc = hh_py_str_to_num(v, &out, tmp, sizeof(tmp));
        if (*rc == 0 && t == HH_PT_INTEGER && json_is_real(out)) {
            json_decref(out); /* "1.5 is not an integer." */
            out = NULL;
            *rc = HH_EINVAL;
        }
    } else if (t == HH_PT_STRING) {
        char *s = hh_py_str(v);

        out = s ? json_string(s) : NULL;
        free(s);
        if (out == NULL)
            *rc = ENOMEM;
        return out;
    } else if (t == HH_PT_BOOLEAN) {
        *rc = hh_py_bool_from_string(v, &b, tmp, sizeof(tmp));
        if (*rc == 0)
            out = json_boolean(b);
    } else
        return json_incref((json_t *)v);
    if (*rc == HH_EINVAL) {
        char *s = hh_py_str(v);

        snprintf(msg, len, "Value \"%s\" is invalid for data type \"%s\".", s ? s : "", tname);
        free(s);
    }
    return out;
}

static bool py_in(const json_t *v, const json_t *list)
{
    size_t i;

    for (i = 0; i < json_array_size(list); i++)
        if (hh_py_eq(v, json_array_get(list, i)))
            return true;
    return false;
}

static int fail_msg(const hh_constraint *c, char *msg, size_t len, const char *generated)
{
    snprintf(msg, len, "%s", c->description ? c->description : generated);
    return HH_EINVAL;
}

static bool py_mod_matches(const json_t *v, const json_t *step, const json_t *offset)
{
    if (json_is_integer(v) && json_is_integer(step)) {
        json_int_t a = json_integer_value(v), s = json_integer_value(step), r;

        r = a % s;
        if (r != 0 && ((r < 0) != (s < 0)))
            r += s;
        return (double)r == json_number_value(offset);
    }
    {
        double a = json_number_value(v), s = json_number_value(step), r;

        r = fmod(a, s);
        if (r != 0 && ((r < 0) != (s < 0)))
            r += s;
        return r == json_number_value(offset);
    }
}

int hh_constraint_check(const hh_constraint *c, const json_t *value, hh_ptype t,
                        const char *type_name, hh_custom_fn custom, void *ctx, char *msg,
                        size_t len)
{
    char gen[HH_CONSTRAINT_MSG_MAX];
    char *a = NULL, *b2 = NULL, *vs = NULL;
    json_t *num = NULL, *conv = NULL;
    int rc = 0;

    gen[0] = '\0';
    switch (c->kind) {
    case HH_CK_RANGE:
    case HH_CK_LENGTH: {
        bool ok = true;

        if (c->kind == HH_CK_RANGE) {
            rc = hh_py_str_to_num(value, &num, msg, len);
            if (rc != 0)
                goto done; /* the conversion error, not the description */
        } else {
            json_int_t n;

            if (json_is_string(value))
                n = (json_int_t)hh_utf8_len(json_string_value(value));
            else if (json_is_array(value))
                n = (json_int_t)json_array_size(value);
            else if (json_is_object(value))
                n = (json_int_t)json_object_size(value);
            else {
                snprintf(msg, len, "object of type '%s' has no len()", hh_py_type_name(value));
                rc = HH_EINVAL;
                goto done;
            }
            num = json_integer(n);
            if (num == NULL) {
                rc = ENOMEM;
                goto done;
            }
        }
        if (c->min && num_cmp(num, c->min) < 0)
            ok = false;
        if (c->max && num_cmp(num, c->max) > 0)
            ok = false;
        if (ok)
            goto done;
        a = hh_py_str(c->min);
        b2 = hh_py_str(c->max);
        if (c->kind == HH_CK_RANGE) {
            vs = hh_py_str(value);
            snprintf(gen, sizeof(gen), "%s is out of range (min: %s, max: %s)", vs ? vs : "",
                     a ? a : "", b2 ? b2 : "");
        } else
            snprintf(gen, sizeof(gen), "length (%" JSON_INTEGER_FORMAT
                     ") is out of range (min: %s, max: %s)",
                     json_integer_value(num), a ? a : "", b2 ? b2 : "");
        rc = fail_msg(c, msg, len, gen);
        break;
    }
    case HH_CK_MODULO:
        rc = hh_py_str_to_num(value, &num, msg, len);
        if (rc != 0)
            goto done;
        if (py_mod_matches(num, c->step, c->offset))
            goto done;
        vs = hh_py_str(value);
        a = hh_py_str(c->step);
        b2 = hh_py_str(c->offset);
        snprintf(gen, sizeof(gen), "%s is not a multiple of %s with an offset of %s",
                 vs ? vs : "", a ? a : "", b2 ? b2 : "");
        rc = fail_msg(c, msg, len, gen);
        break;
    case HH_CK_ALLOWED_VALUES: {
        bool ok = false;
        size_t i;

        if (json_is_array(value)) {
            ok = true;
            for (i = 0; i < json_array_size(value); i++)
                if (!py_in(json_array_get(value, i), c->allowed))
                    ok = false;
        } else {
            json_t *allowed = json_array();

            if (allowed == NULL) {
                rc = ENOMEM;
                goto done;
            }
            for (i = 0; i < json_array_size(c->allowed); i++) {
                json_t *x = to_schema_type(json_array_get(c->allowed, i), t, type_name, msg,
                                           len, &rc);

                if (rc != 0) {
                    json_decref(allowed);
                    goto done;
                }
                json_array_append_new(allowed, x);
            }
            conv = to_schema_type(value, t, type_name, msg, len, &rc);
            if (rc == 0)
                ok = py_in(conv, allowed);
            json_decref(allowed);
            if (rc != 0)
                goto done;
        }
        if (ok)
            goto done;
        vs = hh_py_dumps(value);
        a = hh_py_dumps(c->allowed);
        snprintf(gen, sizeof(gen), "%s is not an allowed value %s", vs ? vs : "", a ? a : "");
        rc = fail_msg(c, msg, len, gen);
        break;
    }
    case HH_CK_ALLOWED_PATTERN:
        vs = hh_py_str(value);
        if (vs == NULL) {
            rc = ENOMEM;
            goto done;
        }
        if (regexec(&c->re, vs, 0, NULL, 0) == 0)
            goto done;
        snprintf(gen, sizeof(gen), "\"%s\" does not match pattern \"%s\"", vs, c->pattern);
        rc = fail_msg(c, msg, len, gen);
        break;
    case HH_CK_CUSTOM:
        if (custom != NULL) {
            bool valid = true;

            rc = custom(ctx, c->name, value, &valid, gen, sizeof(gen));
            if (rc != 0 || valid)
                goto done;
            if (gen[0] == '\0') {
                vs = hh_py_str(value);
                snprintf(gen, sizeof(gen), "\"%s\" does not validate %s", vs ? vs : "",
                         c->name);
            }
            rc = fail_msg(c, msg, len, gen);
            break;
        }
        rc = hh_custom_constraint_check(c->name, value, gen, sizeof(gen));
        if (rc == 0)
            goto done;
        if (rc == HH_ENOTFOUND)
            rc = HH_EINVAL;
        if (rc == HH_EINVAL)
            rc = fail_msg(c, msg, len, gen);
        break;
    case HH_CK_END:
        break;
    }
done:
    free(a);
    free(b2);
    free(vs);
    json_decref(num);
    json_decref(conv);
    return rc;
}

/* ---- custom constraints ------------------------------------------------- */

/* Names of heat.constraints entry points that need a cloud service. */
static const char *const service_constraints[] = {
    "barbican.container", "barbican.secret", "blazar.reservation", "cinder.backup",
    "cinder.qos_specs", "cinder.snapshot", "cinder.volume", "cinder.vtype", "designate.zone",
    "glance.image", "ironic.node", "ironic.portgroup", "keystone.domain", "keystone.group",
    "keystone.project", "keystone.region", "keystone.role", "keystone.service", "keystone.user",
    "magnum.cluster_template", "manila.share_network", "manila.share_snapshot",
    "manila.share_type", "mistral.workflow", "monasca.notification", "neutron.address_scope",
    "neutron.flow_classifier", "neutron.lb.provider", "neutron.lbaas.listener",
    "neutron.lbaas.loadbalancer", "neutron.lbaas.pool", "neutron.lbaas.provider",
    "neutron.network", "neutron.port", "neutron.port_pair", "neutron.port_pair_group",
    "neutron.qos_policy", "neutron.router", "neutron.security_group", "neutron.segment",
    "neutron.subnet", "neutron.subnetpool", "neutron.taas.tap_flow",
    "neutron.taas.tap_service", "nova.flavor", "nova.host", "nova.keypair", "nova.network",
    "nova.server", "octavia.flavor", "octavia.flavorprofile", "octavia.l7policy",
    "octavia.listener", "octavia.loadbalancer", "octavia.pool", "sahara.cluster",
    "sahara.cluster_template", "sahara.data_source", "sahara.image", "sahara.job_binary",
    "sahara.job_type", "sahara.plugin", "senlin.cluster", "senlin.policy",
    "senlin.policy_type", "senlin.profile", "senlin.profile_type", "test_constr",
    "trove.flavor", "zaqar.queue", NULL};

static bool has_space(const char *s)
{
    for (; *s; s++)
        if (isspace((unsigned char)*s))
            return true;
    return false;
}

/* Strict dotted quad; with zerofill the octets may carry leading zeros. */
static bool parse_v4(const char *s, bool zerofill, uint32_t *out)
{
    uint32_t v = 0;
    int parts = 0;

    while (parts < 4) {
        const char *start = s;
        unsigned long o = 0;

        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s)) {
            o = o * 10 + (unsigned long)(*s - '0');
            if (o > 255)
                return false;
            s++;
        }
        if (!zerofill && s - start > 1 && *start == '0')
            return false;
        v = (v << 8) | (uint32_t)o;
        parts++;
        if (parts < 4) {
            if (*s != '.')
                return false;
            s++;
        }
    }
    if (*s)
        return false;
    *out = v;
    return true;
}

static void fmt_v4(uint32_t v, char *buf, size_t len)
{
    snprintf(buf, len, "%u.%u.%u.%u", v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
}

static bool valid_ip(const char *s)
{
    unsigned char a6[16];
    uint32_t v4;

    if (has_space(s))
        return false;
    if (strchr(s, ':'))
        return inet_pton(AF_INET6, s, a6) == 1;
    return parse_v4(s, false, &v4);
}

/* neutron-lib validate_ip_address: NULL when valid, else a new message. */
static char *ip_address_msg(const char *s)
{
    char buf[600], nb[32];
    uint32_t v4;
    int dots = 0;
    const char *p;

    if (valid_ip(s))
        return NULL;
    for (p = s; *p; p++)
        dots += *p == '.';
    if (!has_space(s) && !strchr(s, ':') && dots == 3 && parse_v4(s, true, &v4)) {
        fmt_v4(v4, nb, sizeof(nb));
        snprintf(buf, sizeof(buf), "'%s' is not an accepted IP address, '%s' is recommended", s,
                 nb);
    } else
        snprintf(buf, sizeof(buf), "'%s' is not a valid IP address", s);
    return strdup(buf);
}

/* netaddr IPNetwork parse (implicit prefix for partial IPv4). cidr
 * receives the masked network. Returns false when unparsable. */
static bool parse_net(const char *s, bool *v6, char *cidr, size_t clen, bool *exact)
{
    char addr[128];
    const char *slash = strchr(s, '/');
    size_t alen = slash ? (size_t)(slash - s) : strlen(s);
    long prefix = -1;

    if (alen >= sizeof(addr) || has_space(s))
        return false;
    memcpy(addr, s, alen);
    addr[alen] = '\0';
    if (slash) {
        char *end = NULL;

        if (!isdigit((unsigned char)slash[1]))
            return false;
        prefix = strtol(slash + 1, &end, 10);
        if (*end)
            return false;
    }
    if (strchr(addr, ':')) {
        unsigned char a[16];
        char nb[INET6_ADDRSTRLEN];
        int i;

        *v6 = true;
        if (inet_pton(AF_INET6, addr, a) != 1 || prefix > 128)
            return false;
        if (prefix < 0)
            prefix = 128;
        for (i = 0; i < 16; i++) {
            int bits = (int)prefix - i * 8;

            if (bits <= 0)
                a[i] = 0;
            else if (bits < 8)
                a[i] &= (unsigned char)(0xff << (8 - bits));
        }
        inet_ntop(AF_INET6, a, nb, sizeof(nb));
        snprintf(cidr, clen, "%s/%ld", nb, prefix);
        *exact = true;
    } else {
        /* 1 to 4 octets; missing ones are zero (netaddr's implicit prefix) */
        uint32_t v = 0;
        int parts = 0;
        const char *p = addr;
        char nb[32];

        *v6 = false;
        while (*p) {
            unsigned long o = 0;
            const char *st = p;

            if (!isdigit((unsigned char)*p))
                return false;
            while (isdigit((unsigned char)*p)) {
                o = o * 10 + (unsigned long)(*p - '0');
                if (o > 255)
                    return false;
                p++;
            }
            if (p - st > 1 && *st == '0')
                return false;
            v = (v << 8) | (uint32_t)o;
            if (++parts > 4)
                return false;
            if (*p == '.') {
                p++;
                if (!*p)
                    return false;
            }
        }
        if (parts == 0 || prefix > 32)
            return false;
        *exact = parts == 4;
        v <<= 8 * (4 - parts);
        if (prefix < 0)
            prefix = parts == 4 ? 32 : 8 * parts;
        if (prefix < 32)
            v &= prefix == 0 ? 0 : ~((1u << (32 - prefix)) - 1);
        fmt_v4(v, nb, sizeof(nb));
        snprintf(cidr, clen, "%s/%ld", nb, prefix);
    }
    return true;
}

/* neutron-lib validate_subnet: NULL when valid, else a new message. */
static char *subnet_msg(const char *s)
{
    char buf[600], cidr[80];
    bool v6 = false, exact = false;

    if (!parse_net(s, &v6, cidr, sizeof(cidr), &exact))
        snprintf(buf, sizeof(buf), "'%s' is not a valid IP subnet", s);
    else if (!strchr(s, '/') || (!v6 && !exact))
        snprintf(buf, sizeof(buf), "'%s' isn't a recognized IP subnet cidr, '%s' is recommended",
                 s, cidr);
    else
        return NULL;
    return strdup(buf);
}

static bool valid_mac(const char *s)
{
    size_t n = strlen(s), i, groups = 1, glen = 0, maxg = 0;
    char sep = 0;

    for (i = 0; i < n; i++) {
        char ch = s[i];

        if (isxdigit((unsigned char)ch)) {
            glen++;
            if (glen > maxg)
                maxg = glen;
            continue;
        }
        if (ch != ':' && ch != '-' && ch != '.')
            return false;
        if (glen == 0 || (sep && ch != sep))
            return false;
        sep = ch;
        groups++;
        glen = 0;
    }
    if (glen == 0)
        return false;
    if (sep == 0)
        return n == 12;
    if (groups == 6)
        return sep != '.' && maxg <= 2;
    if (groups == 3)
        return sep == '.' && maxg <= 4;
    if (groups == 2)
        return sep != '.' && maxg <= 6 && n == 13;
    return false;
}

/* heat.common.netutils.validate_dns_format: NULL or a new reason. */
static char *dns_format_reason(const char *data)
{
    char buf[1024];
    size_t n = strlen(data), start = 0, i;
    char *trimmed = NULL, *reason = NULL;
    const char *last = NULL;
    size_t lastlen = 0;
    int labels = 0;

    if (n == 0)
        return NULL;
    trimmed = strndup(data, data[n - 1] == '.' ? n - 1 : n);
    if (trimmed == NULL)
        return NULL;
    n = strlen(trimmed);
    if (hh_utf8_len(trimmed) > 255) {
        snprintf(buf, sizeof(buf), "'%s' exceeds the 255 character FQDN limit", trimmed);
        reason = strdup(buf);
        goto done;
    }
    for (i = 0; i <= n; i++) {
        if (i < n && trimmed[i] != '.')
            continue;
        {
            size_t len = i - start, j;
            const char *lab = trimmed + start;
            bool ok = len >= 1 && len <= 63;

            labels++;
            if (len == 0) {
                reason = strdup("Encountered an empty component.");
                goto done;
            }
            if (lab[0] == '-' || lab[len - 1] == '-') {
                snprintf(buf, sizeof(buf), "Name '%.*s' must not start or end with a hyphen.",
                         (int)len, lab);
                reason = strdup(buf);
                goto done;
            }
            for (j = 0; j < len; j++)
                if (!(islower((unsigned char)lab[j]) || isdigit((unsigned char)lab[j]) ||
                      lab[j] == '-'))
                    ok = false;
            if (!ok) {
                snprintf(buf, sizeof(buf),
                         "Name '%.*s' must be 1-63 characters long, each of which can only be "
                         "alphanumeric or a hyphen.",
                         (int)len, lab);
                reason = strdup(buf);
                goto done;
            }
            last = lab;
            lastlen = len;
        }
        start = i + 1;
    }
    if (data[strlen(data) - 1] == '.' && labels > 1) {
        bool digits = true;

        for (i = 0; i < lastlen; i++)
            if (!isdigit((unsigned char)last[i]))
                digits = false;
        if (digits) {
            snprintf(buf, sizeof(buf), "TLD '%.*s' must not be all numeric.", (int)lastlen, last);
            reason = strdup(buf);
        }
    }
done:
    free(trimmed);
    return reason;
}

static bool digits_n(const char **p, int min, int max, int *out)
{
    int n = 0, v = 0;

    while (n < max && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n < min)
        return false;
    *out = v;
    return true;
}

/* iso8601.parse_date as oslo parse_isotime uses it. 0 or a reason. */
static const char *iso8601_parse(const char *s, time_t *when)
{
    const char *p = s;
    int y, mo = 1, d = 1, h = 0, mi = 0, se = 0, tzs = 0, tzh = 0, tzm = 0;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    struct tm tm = {0};
    int maxd;

    if (!digits_n(&p, 4, 4, &y))
        return "parse";
    if (*p == '-') {
        p++;
        if (!digits_n(&p, 1, 2, &mo))
            return "parse";
    } else if (isdigit((unsigned char)*p) && !digits_n(&p, 2, 2, &mo))
        return "parse";
    if (*p == '-') {
        p++;
        if (!digits_n(&p, 1, 2, &d))
            return "parse";
    } else if (isdigit((unsigned char)*p) && !digits_n(&p, 2, 2, &d))
        return "parse";
    if (*p == 'T' || *p == ' ') {
        p++;
        if (!digits_n(&p, 2, 2, &h))
            return "parse";
        {
            const char *q = p;

            if (*q == ':')
                q++;
            if (isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1])) {
                p = q;
                digits_n(&p, 2, 2, &mi);
                q = p;
                if (*q == ':')
                    q++;
                if (isdigit((unsigned char)*q)) {
                    p = q;
                    digits_n(&p, 1, 2, &se);
                    if ((*p == '.' || *p == ',') && isdigit((unsigned char)p[1])) {
                        p++;
                        while (isdigit((unsigned char)*p))
                            p++;
                    }
                }
            }
        }
        if (*p == 'Z')
            p++;
        else if (*p == '+' || *p == '-') {
            tzs = *p == '-' ? -1 : 1;
            p++;
            if (!digits_n(&p, 2, 2, &tzh))
                return "parse";
            {
                const char *q = p;

                if (*q == ':')
                    q++;
                if (isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1])) {
                    p = q;
                    digits_n(&p, 2, 2, &tzm);
                }
            }
        }
    }
    if (*p)
        return "parse";
    if (mo < 1 || mo > 12)
        return "month must be in 1..12";
    maxd = mdays[mo - 1];
    if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        maxd = 29;
    if (d < 1 || d > maxd)
        return "day is out of range for month";
    if (h > 23)
        return "hour must be in 0..23";
    if (mi > 59)
        return "minute must be in 0..59";
    if (se > 59)
        return "second must be in 0..59";
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    *when = timegm(&tm) - tzs * (tzh * 3600 + tzm * 60);
    return NULL;
}

static bool valid_timezone(const char *s)
{
    char path[1024];
    struct stat st;

    if (*s == '/' || strstr(s, "..") || strlen(s) > 512)
        return false;
    snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", s);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* croniter's field check: 5 or 6 fields, each a comma list of * | ? | n |
 * a-b with optional /step, names for months and weekdays. */
static const char *cron_check(const char *s)
{
    static const int lo[] = {0, 0, 1, 1, 0, 0}, hi[] = {59, 23, 31, 12, 7, 59};
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    static const char *const days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    char *copy = strdup(s), *save = NULL, *field;
    const char *res = NULL;
    int nf = 0;

    if (copy == NULL)
        return "oom";
    for (field = strtok_r(copy, " \t", &save); field; field = strtok_r(NULL, " \t", &save))
        nf++;
    if (nf != 5 && nf != 6) {
        res = "count";
        goto done;
    }
    strcpy(copy, s);
    nf = 0;
    for (field = strtok_r(copy, " \t", &save); field; field = strtok_r(NULL, " \t", &save)) {
        char *isave = NULL, *item;

        for (item = strtok_r(field, ",", &isave); item; item = strtok_r(NULL, ",", &isave)) {
            char *slash = strchr(item, '/');
            char *dash;
            int bounds[2], k, nb = 0;

            if (slash) {
                char *e = NULL;

                *slash = '\0';
                if (!isdigit((unsigned char)slash[1]) || strtol(slash + 1, &e, 10) <= 0 || *e) {
                    res = "bad";
                    goto done;
                }
            }
            if (strcmp(item, "*") == 0 || strcmp(item, "?") == 0)
                continue;
            dash = strchr(item + 1, '-');
            if (dash)
                *dash = '\0';
            for (k = 0; k < (dash ? 2 : 1); k++) {
                const char *t = k ? dash + 1 : item;
                char *e = NULL;
                int m;

                if (isdigit((unsigned char)*t)) {
                    bounds[nb] = (int)strtol(t, &e, 10);
                    if (*e) {
                        res = "bad";
                        goto done;
                    }
                } else {
                    bounds[nb] = -1;
                    for (m = 0; nf == 3 && m < 12; m++)
                        if (strcasecmp(t, months[m]) == 0)
                            bounds[nb] = m + 1;
                    for (m = 0; nf == 4 && m < 7; m++)
                        if (strcasecmp(t, days[m]) == 0)
                            bounds[nb] = m;
                    if (bounds[nb] < 0) {
                        res = "bad";
                        goto done;
                    }
                }
                if (bounds[nb] < lo[nf] || bounds[nb] > hi[nf]) {
                    res = "range";
                    goto done;
                }
                nb++;
            }
        }
        nf++;
    }
done:
    free(copy);
    return res;
}

bool hh_custom_constraint_known(const char *name)
{
    static const char *const generic[] = {"ip_addr",    "mac_addr",        "net_cidr",
                                          "ip_or_cidr", "dns_name",        "dns_domain",
                                          "rel_dns_name", "iso_8601",      "expiration",
                                          "timezone",   "cron_expression", NULL};
    size_t i;

    for (i = 0; generic[i]; i++)
        if (strcmp(generic[i], name) == 0)
            return true;
    for (i = 0; service_constraints[i]; i++)
        if (strcmp(service_constraints[i], name) == 0)
            return true;
    return false;
}

int hh_custom_constraint_check(const char *name, const json_t *value, char *msg, size_t len)
{
    char *vs = NULL, *why = NULL;
    const char *fixed = NULL;
    bool ok = true, with_msg = true;
    char buf[HH_CONSTRAINT_MSG_MAX];
    int rc = 0;

    vs = hh_py_str(value);
    if (vs == NULL)
        return ENOMEM;
    buf[0] = '\0';
    if (strcmp(name, "ip_addr") == 0) {
        ok = json_is_string(value) && valid_ip(vs);
        fixed = "Invalid IP address";
    } else if (strcmp(name, "mac_addr") == 0) {
        ok = json_is_string(value) && valid_mac(vs);
        fixed = "Invalid MAC address.";
    } else if (strcmp(name, "net_cidr") == 0) {
        char cidr[80];
        bool v6, exact;

        if (!parse_net(vs, &v6, cidr, sizeof(cidr), &exact)) {
            snprintf(buf, sizeof(buf), "Invalid net cidr invalid IPNetwork %s ", vs);
            ok = false;
        } else if ((why = subnet_msg(vs)) != NULL) {
            ok = false;
            snprintf(buf, sizeof(buf), "%s", why);
        }
        fixed = buf;
    } else if (strcmp(name, "ip_or_cidr") == 0) {
        why = strchr(vs, '/') ? subnet_msg(vs) : ip_address_msg(vs);
        if (why) {
            ok = false;
            snprintf(buf, sizeof(buf), "%s", why);
        }
        fixed = buf;
    } else if (strcmp(name, "dns_name") == 0 || strcmp(name, "dns_domain") == 0 ||
               strcmp(name, "rel_dns_name") == 0) {
        size_t n = strlen(vs);

        if (strcmp(name, "dns_name") != 0 && n == 0)
            goto done;
        if (strcmp(name, "rel_dns_name") == 0 && n > 0 && vs[n - 1] == '.') {
            snprintf(buf, sizeof(buf), "'%s' is a FQDN. It should be a relative domain name.",
                     vs);
            ok = false;
        } else if (strcmp(name, "rel_dns_name") == 0 && hh_utf8_len(vs) > 255 - 3) {
            snprintf(buf, sizeof(buf),
                     "'%s' contains '%zu' characters. Adding a domain name will cause it to "
                     "exceed the maximum length of a FQDN of '255'.",
                     vs, hh_utf8_len(vs));
            ok = false;
        } else if ((why = dns_format_reason(vs)) != NULL) {
            snprintf(buf, sizeof(buf), "'%s' not in valid format. Reason: %s", vs, why);
            ok = false;
        } else if (strcmp(name, "dns_domain") == 0 && vs[n - 1] != '.') {
            snprintf(buf, sizeof(buf), "'%s' must end with '.'.", vs);
            ok = false;
        }
        fixed = buf;
    } else if (strcmp(name, "iso_8601") == 0) {
        time_t t;

        ok = iso8601_parse(vs, &t) == NULL;
        with_msg = false;
    } else if (strcmp(name, "expiration") == 0) {
        time_t t;
        const char *r;
        char *st = NULL;

        if (!hh_py_truthy(value))
            goto done;
        st = hh_py_strip(vs);
        if (st == NULL) {
            rc = ENOMEM;
            goto done;
        }
        r = iso8601_parse(st, &t);
        if (r && strcmp(r, "parse") == 0)
            snprintf(buf, sizeof(buf), "Expiration %s is invalid: Unable to parse date string '%s'",
                     vs, st);
        else if (r)
            snprintf(buf, sizeof(buf), "Expiration %s is invalid: %s", vs, r);
        else if (t <= time(NULL))
            snprintf(buf, sizeof(buf), "Expiration %s is invalid: Expiration time is out of date.",
                     vs);
        ok = buf[0] == '\0';
        free(st);
        fixed = buf;
    } else if (strcmp(name, "timezone") == 0) {
        if (vs[0] == '\0')
            goto done;
        ok = valid_timezone(vs);
        snprintf(buf, sizeof(buf), "Invalid timezone: '%s'", vs);
        fixed = buf;
    } else if (strcmp(name, "cron_expression") == 0) {
        const char *r;

        if (!hh_py_truthy(value))
            goto done;
        r = cron_check(vs);
        if (r && strcmp(r, "oom") == 0) {
            rc = ENOMEM;
            goto done;
        }
        if (r && strcmp(r, "count") == 0)
            snprintf(buf, sizeof(buf),
                     "Invalid CRON expression: Exactly 5 or 6 columns has to be specified for "
                     "iterator expression.");
        else if (r && strcmp(r, "range") == 0)
            snprintf(buf, sizeof(buf),
                     "Invalid CRON expression: [%s] is not acceptable, out of range", vs);
        else if (r)
            snprintf(buf, sizeof(buf), "Invalid CRON expression: [%s] is not acceptable", vs);
        ok = r == NULL;
        fixed = buf;
    } else if (hh_custom_constraint_known(name)) {
        goto done; /* service-backed: no catalogue here, every value passes */
    } else {
        snprintf(msg, len, "\"%s\" does not validate %s (constraint not found)", vs, name);
        rc = HH_ENOTFOUND;
        goto done;
    }
    if (!ok) {
        if (with_msg && fixed && *fixed)
            snprintf(msg, len, "Error validating value '%s': %s", vs, fixed);
        else
            snprintf(msg, len, "Error validating value '%s'", vs);
        rc = HH_EINVAL;
    }
done:
    free(vs);
    free(why);
    return rc;
}
