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
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "res_schema.h"

#define PATH_MAX_LEN 1024
#define MSG_MAX 1536
#define MAX_NESTING 64 /* schemas nest a few levels; the bound guards data */

const hh_aschema hh_attr_show = {
    .name = "show",
    .description = "Detailed information about resource.",
    .type = HH_AT_MAP,
};

const char *hh_ptype_name(hh_ptype t)
{
    static const char *const names[] = {
        [HH_PT_STRING] = "string",   [HH_PT_INTEGER] = "integer", [HH_PT_NUMBER] = "number",
        [HH_PT_BOOLEAN] = "boolean", [HH_PT_MAP] = "map",         [HH_PT_LIST] = "list",
        [HH_PT_ANY] = "any",
    };
    return (unsigned)t <= HH_PT_ANY ? names[t] : "any";
}

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

/* ---- Python formatting of JSON values ------------------------------------ */

/* A growing string; on ENOMEM it stays valid and records the failure. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
    int rc;
} sbuf;

static void sb_addn(sbuf *b, const char *s, size_t n)
{
    if (b->rc != 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        char *p = NULL;

        while (cap < b->len + n + 1)
            cap *= 2;
        p = realloc(b->s, cap);
        if (p == NULL) {
            b->rc = ENOMEM;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_add(sbuf *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void sb_addf(sbuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sb_addn(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* Python's repr(float): the shortest digits that read back exactly,
 * positional for exponents -4..15, else d.ddde+XX. */
static void py_float(sbuf *b, double d)
{
    char digits[40], out[64];
    int prec, exp10 = 0;
    char *e = NULL;

    if (isnan(d)) {
        sb_add(b, "nan");
        return;
    }
    if (isinf(d)) {
        sb_add(b, d < 0 ? "-inf" : "inf");
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(digits, sizeof(digits), "%.*e", prec - 1, d);
        if (strtod(digits, NULL) == d)
            break;
    }
    e = strchr(digits, 'e');
    if (e == NULL) {
        sb_add(b, digits);
        return;
    }
    exp10 = atoi(e + 1);
    *e = '\0';
    if (exp10 >= -4 && exp10 < 16) {
        /* positional: print with enough decimals, then keep one zero */
        int decimals = prec - 1 - exp10;
        char *dot = NULL;

        snprintf(out, sizeof(out), "%.*f", decimals > 0 ? decimals : 0, d);
        dot = strchr(out, '.');
        if (dot == NULL)
            strcat(out, ".0");
        sb_add(b, out);
    } else {
        /* mantissa without trailing zeros, exponent at least two digits */
        size_t n = strlen(digits);

        while (n > 0 && digits[n - 1] == '0' && strchr(digits, '.') != NULL)
            digits[--n] = '\0';
        if (n > 0 && digits[n - 1] == '.')
            digits[--n] = '\0';
        sb_addf(b, "%se%c%02d", digits, exp10 < 0 ? '-' : '+', abs(exp10));
    }
}

static void py_repr(sbuf *b, const json_t *v);

/* Python's repr(str): single quotes unless the text has ' and no ". */
static void py_repr_str(sbuf *b, const char *s)
{
    char q = (strchr(s, '\'') != NULL && strchr(s, '"') == NULL) ? '"' : '\'';
    const unsigned char *p = NULL;

    sb_addn(b, &q, 1);
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\')
            sb_add(b, "\\\\");
        else if (*p == (unsigned char)q)
            sb_addf(b, "\\%c", q);
        else if (*p == '\n')
            sb_add(b, "\\n");
        else if (*p == '\r')
            sb_add(b, "\\r");
        else if (*p == '\t')
            sb_add(b, "\\t");
        else if (*p < 0x20 || *p == 0x7f)
            sb_addf(b, "\\x%02x", *p);
        else
            sb_addn(b, (const char *)p, 1);
    }
    sb_addn(b, &q, 1);
}

static void py_repr(sbuf *b, const json_t *v)
{
    size_t i;
    const char *k = NULL;
    json_t *x = NULL;
    int first = 1;

    switch (json_typeof(v)) {
    case JSON_STRING:
        py_repr_str(b, json_string_value(v));
        break;
    case JSON_INTEGER:
        sb_addf(b, "%lld", (long long)json_integer_value(v));
        break;
    case JSON_REAL:
        py_float(b, json_real_value(v));
        break;
    case JSON_TRUE:
        sb_add(b, "True");
        break;
    case JSON_FALSE:
        sb_add(b, "False");
        break;
    case JSON_NULL:
        sb_add(b, "None");
        break;
    case JSON_ARRAY:
        sb_add(b, "[");
        json_array_foreach(v, i, x)
        {
            if (i > 0)
                sb_add(b, ", ");
            py_repr(b, x);
        }
        sb_add(b, "]");
        break;
    case JSON_OBJECT:
        sb_add(b, "{");
        json_object_foreach((json_t *)v, k, x)
        {
            if (!first)
                sb_add(b, ", ");
            first = 0;
            py_repr_str(b, k);
            sb_add(b, ": ");
            py_repr(b, x);
        }
        sb_add(b, "}");
        break;
    }
}

/* Python's str(): strings as they are, everything else as repr. */
static void py_str(sbuf *b, const json_t *v)
{
    if (v == NULL)
        sb_add(b, "None");
    else if (json_is_string(v))
        sb_add(b, json_string_value(v));
    else
        py_repr(b, v);
}

/* Decode one UTF-8 sequence at *p; invalid bytes pass as themselves. */
static unsigned long utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned long c = s[0];
    int n = 0, i;

    if (c >= 0xf0 && c < 0xf8) {
        n = 3;
        c &= 0x07;
    } else if (c >= 0xe0) {
        n = 2;
        c &= 0x0f;
    } else if (c >= 0xc0) {
        n = 1;
        c &= 0x1f;
    }
    for (i = 1; i <= n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *p = s + 1;
            return s[0];
        }
        c = (c << 6) | (s[i] & 0x3f);
    }
    *p = s + n + 1;
    return c;
}

/* Python's json.dumps(): ensure_ascii, ", " and ": " separators. */
static void py_json(sbuf *b, const json_t *v)
{
    size_t i;
    const char *k = NULL;
    json_t *x = NULL;
    int first = 1;

    switch (json_typeof(v)) {
    case JSON_STRING: {
        const unsigned char *p = (const unsigned char *)json_string_value(v);

        sb_add(b, "\"");
        while (*p) {
            unsigned long c = utf8_next(&p);

            if (c == '"')
                sb_add(b, "\\\"");
            else if (c == '\\')
                sb_add(b, "\\\\");
            else if (c == '\n')
                sb_add(b, "\\n");
            else if (c == '\r')
                sb_add(b, "\\r");
            else if (c == '\t')
                sb_add(b, "\\t");
            else if (c == '\b')
                sb_add(b, "\\b");
            else if (c == '\f')
                sb_add(b, "\\f");
            else if (c < 0x20 || (c >= 0x7f && c < 0x10000))
                sb_addf(b, "\\u%04lx", c);
            else if (c >= 0x10000) {
                c -= 0x10000;
                sb_addf(b, "\\u%04lx\\u%04lx", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
            } else {
                char ch = (char)c;

                sb_addn(b, &ch, 1);
            }
        }
        sb_add(b, "\"");
        break;
    }
    case JSON_INTEGER:
    case JSON_REAL:
        py_repr(b, v);
        break;
    case JSON_TRUE:
        sb_add(b, "true");
        break;
    case JSON_FALSE:
        sb_add(b, "false");
        break;
    case JSON_NULL:
        sb_add(b, "null");
        break;
    case JSON_ARRAY:
        sb_add(b, "[");
        json_array_foreach(v, i, x)
        {
            if (i > 0)
                sb_add(b, ", ");
            py_json(b, x);
        }
        sb_add(b, "]");
        break;
    case JSON_OBJECT:
        sb_add(b, "{");
        json_object_foreach((json_t *)v, k, x)
        {
            json_t *key = json_string(k);

            if (!first)
                sb_add(b, ", ");
            first = 0;
            if (key != NULL)
                py_json(b, key);
            json_decref(key);
            sb_add(b, ": ");
            py_json(b, x);
        }
        sb_add(b, "}");
        break;
    }
}

/* JSON text of a table literal (default, bound, allowed list). New ref. */
static json_t *literal(const char *text)
{
    if (text == NULL)
        return NULL;
    return json_loads(text, JSON_DECODE_ANY, NULL);
}

/* Python's type name of a JSON value, for int()'s TypeError. */
static const char *py_type(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "dict";
    case JSON_ARRAY:
        return "list";
    case JSON_STRING:
        return "str";
    case JSON_INTEGER:
        return "int";
    case JSON_REAL:
        return "float";
    case JSON_TRUE:
    case JSON_FALSE:
        return "bool";
    default:
        return "NoneType";
    }
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
static int fail_val(vctx *v, const char *pre, void (*show)(sbuf *, const json_t *),
                    const json_t *value, const char *post)
{
    sbuf b = {0};
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

/* ---- constraints ------------------------------------------------------- */

static int num_of(const json_t *v, double *out)
{
    if (json_is_integer(v))
        *out = (double)json_integer_value(v);
    else if (json_is_real(v))
        *out = json_real_value(v);
    else if (json_is_true(v))
        *out = 1;
    else if (json_is_false(v))
        *out = 0;
    else
        return -1;
    return 0;
}

/* Length as Python's len(): code points of a string, items otherwise. */
static size_t py_len(const json_t *v)
{
    if (json_is_string(v)) {
        const unsigned char *p = (const unsigned char *)json_string_value(v);
        size_t n = 0;

        for (; *p; p++)
            if ((*p & 0xc0) != 0x80)
                n++;
        return n;
    }
    if (json_is_array(v))
        return json_array_size(v);
    if (json_is_object(v))
        return json_object_size(v);
    return 0;
}

/* Python equality of two JSON values as the schema type sees them:
 * numbers by value, bools as numbers, the rest structurally. */
static int py_equal(const json_t *a, const json_t *b)
{
    double x, y;

    if (num_of(a, &x) == 0 && num_of(b, &y) == 0)
        return x == y;
    return json_equal(a, b);
}

/* Allowed value as schema.to_schema_type converts it; new ref or NULL. */
static json_t *to_schema_type(hh_ptype type, const json_t *v)
{
    switch (type) {
    case HH_PT_STRING:
        if (json_is_string(v))
            return json_incref((json_t *)v);
        else {
            sbuf b = {0};
            json_t *s = NULL;

            py_str(&b, v);
            s = b.rc == 0 ? json_string(b.s ? b.s : "") : NULL;
            free(b.s);
            return s;
        }
    case HH_PT_BOOLEAN:
        if (json_is_boolean(v))
            return json_incref((json_t *)v);
        if (json_is_string(v)) {
            const char *s = json_string_value(v);

            if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
                strcasecmp(s, "on") == 0 || strcasecmp(s, "y") == 0 || strcasecmp(s, "t") == 0)
                return json_true();
            return json_false();
        }
        return json_incref((json_t *)v);
    default:
        return json_incref((json_t *)v);
    }
}

static int check_allowed(const hh_pconstraint *c, hh_ptype type, const json_t *value, bool *valid)
{
    json_t *allowed = literal(c->allowed);
    size_t i, j;
    json_t *a = NULL, *x = NULL;
    int rc = 0;

    *valid = false;
    if (!json_is_array(allowed)) {
        rc = HH_EINTERNAL;
        goto done;
    }
    if (json_is_array(value)) {
        *valid = true;
        json_array_foreach(value, i, x)
        {
            int found = 0;

            json_array_foreach(allowed, j, a) if (py_equal(a, x)) found = 1;
            if (!found)
                *valid = false;
        }
        goto done;
    }
    json_array_foreach(allowed, i, a)
    {
        json_t *conv = to_schema_type(type, a);

        if (conv == NULL) {
            rc = ENOMEM;
            goto done;
        }
        if (py_equal(conv, value))
            *valid = true;
        json_decref(conv);
        if (*valid)
            break;
    }
done:
    json_decref(allowed);
    return rc;
}

/* Full match of a Python regular expression, approximated by POSIX ERE
 * (leftmost-longest instead of Python's first alternative; \d \w \s are
 * mapped to classes). */
static int check_pattern(const char *pattern, const char *s, bool *valid)
{
    sbuf b = {0};
    const char *p = NULL;
    regex_t re;
    int rc = 0;

    sb_add(&b, "^(");
    for (p = pattern; *p; p++) {
        if (p[0] == '\\' && p[1] != '\0') {
            const char *cls = NULL;

            switch (p[1]) {
            case 'd':
                cls = "[0-9]";
                break;
            case 'D':
                cls = "[^0-9]";
                break;
            case 'w':
                cls = "[A-Za-z0-9_]";
                break;
            case 'W':
                cls = "[^A-Za-z0-9_]";
                break;
            case 's':
                cls = "[[:space:]]";
                break;
            case 'S':
                cls = "[^[:space:]]";
                break;
            }
            if (cls != NULL) {
                sb_add(&b, cls);
                p++;
                continue;
            }
            sb_addn(&b, p, 2);
            p++;
            continue;
        }
        sb_addn(&b, p, 1);
    }
    sb_add(&b, ")$");
    if (b.rc != 0) {
        rc = b.rc;
        goto done;
    }
    if (regcomp(&re, b.s, REG_EXTENDED | REG_NOSUB) != 0) {
        *valid = false;
        goto done;
    }
    *valid = regexec(&re, s, 0, NULL, 0) == 0;
    regfree(&re);
done:
    free(b.s);
    return rc;
}

/* "(min: 1, max: None)" parts: the literal as Python prints it. */
static void bound(sbuf *b, const char *text)
{
    json_t *v = literal(text);

    if (v == NULL)
        sb_add(b, "None");
    else
        py_str(b, v);
    json_decref(v);
}

int hh_pconstraint_check(const hh_pconstraint *c, hh_ptype type, const json_t *value,
                         const hh_props_opts *opts, bool *valid, char *msg, size_t len)
{
    sbuf b = {0};
    double x = 0, lo = 0, hi = 0;
    json_t *jlo = NULL, *jhi = NULL;
    int rc = 0;

    *valid = true;
    if (msg != NULL && len > 0)
        msg[0] = '\0';
    switch (c->kind) {
    case HH_CK_RANGE:
    case HH_CK_LENGTH:
        jlo = literal(c->min);
        jhi = literal(c->max);
        if (c->kind == HH_CK_LENGTH)
            x = (double)py_len(value);
        else if (num_of(value, &x) != 0)
            break; /* Heat's str_to_num would have failed in conversion */
        if (jlo != NULL && num_of(jlo, &lo) == 0 && x < lo)
            *valid = false;
        if (jhi != NULL && num_of(jhi, &hi) == 0 && x > hi)
            *valid = false;
        if (*valid)
            break;
        if (c->kind == HH_CK_LENGTH)
            sb_addf(&b, "length (%zu) is out of range (min: ", py_len(value));
        else {
            py_str(&b, value);
            sb_add(&b, " is out of range (min: ");
        }
        bound(&b, c->min);
        sb_add(&b, ", max: ");
        bound(&b, c->max);
        sb_add(&b, ")");
        break;
    case HH_CK_MODULO:
        if (num_of(value, &x) != 0 || c->step == 0)
            break;
        {
            /* Python's % takes the sign of the divisor */
            double m = fmod(x, (double)c->step);

            if (m != 0 && ((m < 0) != (c->step < 0)))
                m += (double)c->step;
            if (m != (double)c->offset)
                *valid = false;
        }
        if (*valid)
            break;
        py_str(&b, value);
        sb_addf(&b, " is not a multiple of %ld with an offset of %ld", c->step, c->offset);
        break;
    case HH_CK_ALLOWED_VALUES:
        rc = check_allowed(c, type, value, valid);
        if (rc != 0 || *valid)
            break;
        {
            json_t *allowed = literal(c->allowed);
            size_t i;
            json_t *a = NULL;

            py_json(&b, value);
            sb_add(&b, " is not an allowed value [");
            json_array_foreach(allowed, i, a)
            {
                if (i > 0)
                    sb_add(&b, ", ");
                py_json(&b, a);
            }
            sb_add(&b, "]");
            json_decref(allowed);
        }
        break;
    case HH_CK_ALLOWED_PATTERN:
        if (!json_is_string(value))
            break;
        rc = check_pattern(c->pattern, json_string_value(value), valid);
        if (rc != 0 || *valid)
            break;
        sb_addf(&b, "\"%s\" does not match pattern \"%s\"", json_string_value(value), c->pattern);
        break;
    case HH_CK_CUSTOM:
        if (opts == NULL || opts->custom == NULL)
            break;
        {
            char cmsg[512] = "";

            rc = opts->custom(opts->custom_ctx, c->name, value, valid, cmsg, sizeof(cmsg));
            if (rc != 0 || *valid)
                break;
            if (cmsg[0] != '\0')
                sb_add(&b, cmsg);
            else {
                sb_add(&b, "\"");
                py_str(&b, value);
                sb_addf(&b, "\" does not validate %s", c->name);
            }
        }
        break;
    case HH_CK_END:
        break;
    }
    if (rc == 0 && b.rc != 0)
        rc = b.rc;
    if (rc == 0 && !*valid && msg != NULL && len > 0)
        snprintf(msg, len, "%s", c->description != NULL ? c->description : (b.s ? b.s : ""));
    free(b.s);
    json_decref(jlo);
    json_decref(jhi);
    return rc;
}

/* ---- conversion (Property.get_value) ------------------------------------- */

static int level(vctx *v, const hh_pschema *schema, const json_t *data, bool validate,
                 json_t **out);

/* Python's int(str): whitespace, sign, digits with single underscores. */
static int py_int_str(const char *s, long long *out)
{
    char buf[64];
    size_t n = 0;
    char *end = NULL;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '+' || *s == '-')
        buf[n++] = *s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    for (; *s && !isspace((unsigned char)*s); s++) {
        if (*s == '_' && isdigit((unsigned char)s[1]) && n > 0 &&
            isdigit((unsigned char)buf[n - 1]))
            continue;
        if (!isdigit((unsigned char)*s) || n + 1 >= sizeof(buf))
            return -1;
        buf[n++] = *s;
    }
    while (isspace((unsigned char)*s))
        s++;
    if (*s != '\0')
        return -1;
    buf[n] = '\0';
    errno = 0;
    *out = strtoll(buf, &end, 10);
    return errno == 0 ? 0 : -1; /* beyond 64 bits: refused (Python has no bound) */
}

/* Python's float(str) for finite values; hexadecimal and inf/nan refused. */
static int py_float_str(const char *s, double *out)
{
    char buf[128];
    size_t n = 0;
    char *end = NULL;

    for (; *s; s++) {
        if (*s == '_')
            continue;
        if (*s == 'x' || *s == 'X' || n + 1 >= sizeof(buf))
            return -1;
        buf[n++] = *s;
    }
    buf[n] = '\0';
    errno = 0;
    *out = strtod(buf, &end);
    if (end == buf || errno != 0 || !isfinite(*out))
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    return *end == '\0' ? 0 : -1;
}

/* The value Heat uses for None: the default when it is truthy, else the
 * type's empty value ("self.has_default() and self.default() or 0"). */
static json_t *none_value(const hh_pschema *p)
{
    json_t *d = literal(p->default_json);

    if (p->type == HH_PT_MAP && d != NULL)
        return d; /* _get_map takes the default as it is */
    if (d != NULL) {
        int truthy = !(json_is_false(d) || json_is_null(d) ||
                       (json_is_integer(d) && json_integer_value(d) == 0) ||
                       (json_is_real(d) && json_real_value(d) == 0) ||
                       (json_is_string(d) && json_string_length(d) == 0) ||
                       (json_is_array(d) && json_array_size(d) == 0) ||
                       (json_is_object(d) && json_object_size(d) == 0));
        if (truthy)
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

/* Convert value (NULL or null = None) to p's type into *out (new ref);
 * with validate, check constraints and nested levels. */
static int get_value(vctx *v, const hh_pschema *p, const json_t *value, bool validate, json_t **out)
{
    json_t *val = NULL, *res = NULL;
    const hh_pconstraint *c = NULL;
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
            sbuf b = {0};

            py_str(&b, val);
            res = b.rc == 0 ? json_string(b.s) : NULL;
            free(b.s);
        } else {
            rc = fail_val(v, "Value must be a string; got ", py_repr, val, "");
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
                rc = fail_val(v, "Value '", py_repr, val, "' is not an integer");
                goto done;
            }
            n = (long long)d;
        } else if (json_is_boolean(val))
            n = json_is_true(val);
        else if (json_is_string(val)) {
            if (py_int_str(json_string_value(val), &n) != 0) {
                rc = fail(v, "Value '%s' is not an integer", json_string_value(val));
                goto done;
            }
        } else {
            rc = fail(v,
                      "int() argument must be a string, a bytes-like object or a real "
                      "number, not '%s'",
                      py_type(val));
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

            if (py_int_str(json_string_value(val), &n) == 0)
                res = json_integer(n);
            else if (py_float_str(json_string_value(val), &d) == 0)
                res = json_real(d);
            else {
                rc = fail_val(v, "could not convert string to float: ", py_repr, val, "");
                goto done;
            }
        } else {
            rc = fail(v,
                      "int() argument must be a string, a bytes-like object or a real "
                      "number, not '%s'",
                      py_type(val));
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
                sbuf b = {0};

                for (i = 0; s[i]; i++) {
                    char ch = (char)tolower((unsigned char)s[i]);

                    sb_addn(&b, &ch, 1);
                }
                rc = b.rc ? b.rc : fail(v, "\"%s\" is not a valid boolean", b.s ? b.s : "");
                free(b.s);
                goto done;
            }
        } else {
            rc = fail_val(v, "\"", py_str, val, "\" is not a valid boolean");
            goto done;
        }
        break;
    case HH_PT_MAP:
        if (!json_is_object(val)) {
            rc = fail_val(v, "\"", py_str, val, "\" is not a map");
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
            rc = fail_val(v, "\"", py_repr, val, "\" is not a list");
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
            bool valid = true;
            char msg[MSG_MAX];

            rc = hh_pconstraint_check(c, p->type, res, v->opts, &valid, msg, sizeof(msg));
            if (rc != 0)
                goto done;
            if (!valid) {
                rc = fail(v, "%s", msg);
                goto done;
            }
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

static json_t *range_json(const hh_pconstraint *c)
{
    json_t *o = json_object();

    if (c->min != NULL)
        json_object_set_new(o, "min", literal(c->min));
    if (c->max != NULL)
        json_object_set_new(o, "max", literal(c->max));
    return o;
}

/* dict(Constraint): {description?, <name>: <constraint>} */
static json_t *constraint_json(const hh_pconstraint *c)
{
    json_t *o = json_object();

    if (o == NULL)
        return NULL;
    if (c->description != NULL)
        json_object_set_new(o, "description", json_string(c->description));
    switch (c->kind) {
    case HH_CK_RANGE:
        json_object_set_new(o, "range", range_json(c));
        break;
    case HH_CK_LENGTH:
        json_object_set_new(o, "length", range_json(c));
        break;
    case HH_CK_MODULO:
        json_object_set_new(
            o, "modulo",
            json_pack("{s:I,s:I}", "step", (json_int_t)c->step, "offset", (json_int_t)c->offset));
        break;
    case HH_CK_ALLOWED_VALUES:
        json_object_set_new(o, "allowed_values", literal(c->allowed));
        break;
    case HH_CK_ALLOWED_PATTERN:
        json_object_set_new(o, "allowed_pattern", json_string(c->pattern));
        break;
    case HH_CK_CUSTOM:
        json_object_set_new(o, "custom_constraint", json_string(c->name));
        break;
    case HH_CK_END:
        break;
    }
    return o;
}

json_t *hh_pschema_to_json(const hh_pschema *p)
{
    json_t *o = json_object();
    const hh_pschema *n = NULL;
    const hh_pconstraint *c = NULL;

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
            json_array_append_new(a, constraint_json(c));
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
