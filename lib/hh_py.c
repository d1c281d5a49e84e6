/* hh_py: see hh_py.h. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hh_error.h"
#include "hh_py.h"

/* ---- growing text ------------------------------------------------------ */

void hh_pybuf_add(hh_pybuf *b, const char *s, size_t n)
{
    if (b->rc)
        return;
    if (b->len + n + 1 > HH_PYBUF_MAX) {
        b->rc = HH_ELIMIT;
        return;
    }
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

void hh_pybuf_adds(hh_pybuf *b, const char *s)
{
    hh_pybuf_add(b, s, strlen(s));
}

void hh_pybuf_addf(hh_pybuf *b, const char *fmt, ...)
{
    char tmp[512], *big = NULL;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(tmp)) {
        hh_pybuf_add(b, tmp, (size_t)n);
        return;
    }
    big = malloc((size_t)n + 1);
    if (big == NULL) {
        b->rc = ENOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    hh_pybuf_add(b, big, (size_t)n);
    free(big);
}

void hh_pybuf_free(hh_pybuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

char *hh_pybuf_take(hh_pybuf *b)
{
    char *s = b->s;

    if (b->rc) {
        hh_pybuf_free(b);
        return NULL;
    }
    b->s = NULL;
    b->len = b->cap = 0;
    return s ? s : strdup("");
}

/* ---- UTF-8 ------------------------------------------------------------- */

/* Decode one sequence (jansson strings are valid UTF-8). */
static unsigned utf8_next(const unsigned char **p, const unsigned char *end)
{
    const unsigned char *s = *p;
    unsigned c = *s++;
    int extra = 0;

    if (c >= 0xf0) {
        c &= 0x07;
        extra = 3;
    } else if (c >= 0xe0) {
        c &= 0x0f;
        extra = 2;
    } else if (c >= 0xc0) {
        c &= 0x1f;
        extra = 1;
    }
    while (extra-- > 0 && s < end)
        c = (c << 6) | (*s++ & 0x3f);
    *p = s;
    return c;
}

size_t hh_utf8_nlen(const char *s, size_t n)
{
    size_t c = 0, i;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

size_t hh_utf8_len(const char *s)
{
    return hh_utf8_nlen(s, strlen(s));
}

/* ---- formatting -------------------------------------------------------- */

/* repr(float): the shortest digits that read back exactly (tried from 1 to
 * 17 significant digits), positional when the decimal exponent is in
 * [-4, 16), else d.ddde+XX. */
static void float_repr(hh_pybuf *b, double d)
{
    char tmp[64], digits[32];
    int prec, exp10, nd = 0, i;
    char *e = NULL, *p = NULL;

    if (isnan(d)) {
        hh_pybuf_adds(b, "nan");
        return;
    }
    if (isinf(d)) {
        hh_pybuf_adds(b, d < 0 ? "-inf" : "inf");
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    /* tmp: [-]d[.ddd]e[+-]xx */
    e = strchr(tmp, 'e');
    exp10 = atoi(e + 1);
    for (p = tmp; p < e; p++)
        if (isdigit((unsigned char)*p))
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    if (signbit(d))
        hh_pybuf_adds(b, "-");
    if (exp10 >= -4 && exp10 < 16) {
        if (exp10 < 0) {
            hh_pybuf_adds(b, "0.");
            for (i = -1; i > exp10; i--)
                hh_pybuf_adds(b, "0");
            hh_pybuf_adds(b, digits);
        } else if (nd <= exp10 + 1) {
            hh_pybuf_adds(b, digits);
            for (i = nd; i <= exp10; i++)
                hh_pybuf_adds(b, "0");
            hh_pybuf_adds(b, ".0");
        } else {
            hh_pybuf_add(b, digits, (size_t)exp10 + 1);
            hh_pybuf_adds(b, ".");
            hh_pybuf_adds(b, digits + exp10 + 1);
        }
    } else {
        hh_pybuf_add(b, digits, 1);
        if (nd > 1) {
            hh_pybuf_adds(b, ".");
            hh_pybuf_adds(b, digits + 1);
        }
        hh_pybuf_addf(b, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    }
}

void hh_py_float_repr(double d, char *buf, size_t len)
{
    hh_pybuf b = {0};

    float_repr(&b, d);
    snprintf(buf, len, "%s", b.s ? b.s : "");
    hh_pybuf_free(&b);
}

/* repr(str): single quotes unless the text has ' and no "; C0 and C1
 * controls as \xNN. */
void hh_py_repr_text_to(hh_pybuf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    char q = '\'';

    if (memchr(s, '\'', n) && !memchr(s, '"', n))
        q = '"';
    hh_pybuf_add(b, &q, 1);
    while (p < end) {
        const unsigned char *start = p;
        unsigned c = utf8_next(&p, end);

        if (c == (unsigned char)q || c == '\\')
            hh_pybuf_addf(b, "\\%c", (char)c);
        else if (c == '\n')
            hh_pybuf_adds(b, "\\n");
        else if (c == '\r')
            hh_pybuf_adds(b, "\\r");
        else if (c == '\t')
            hh_pybuf_adds(b, "\\t");
        else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
            hh_pybuf_addf(b, "\\x%02x", c);
        else
            hh_pybuf_add(b, (const char *)start, (size_t)(p - start));
    }
    hh_pybuf_add(b, &q, 1);
}

static void fmt(hh_pybuf *b, const json_t *v, bool repr)
{
    const char *k = NULL;
    json_t *x = NULL;
    bool first = true;
    size_t i;

    if (v == NULL) {
        hh_pybuf_adds(b, "None");
        return;
    }
    switch (json_typeof(v)) {
    case JSON_STRING:
        if (repr)
            hh_py_repr_text_to(b, json_string_value(v), json_string_length(v));
        else
            hh_pybuf_add(b, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        hh_pybuf_addf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        float_repr(b, json_real_value(v));
        break;
    case JSON_TRUE:
        hh_pybuf_adds(b, "True");
        break;
    case JSON_FALSE:
        hh_pybuf_adds(b, "False");
        break;
    case JSON_NULL:
        hh_pybuf_adds(b, "None");
        break;
    case JSON_ARRAY:
        hh_pybuf_adds(b, "[");
        json_array_foreach(v, i, x) {
            if (i)
                hh_pybuf_adds(b, ", ");
            fmt(b, x, true);
        }
        hh_pybuf_adds(b, "]");
        break;
    case JSON_OBJECT:
        hh_pybuf_adds(b, "{");
        json_object_foreach((json_t *)v, k, x) {
            if (!first)
                hh_pybuf_adds(b, ", ");
            first = false;
            hh_py_repr_text_to(b, k, strlen(k));
            hh_pybuf_adds(b, ": ");
            fmt(b, x, true);
        }
        hh_pybuf_adds(b, "}");
        break;
    }
}

void hh_py_str_to(hh_pybuf *b, const json_t *v)
{
    fmt(b, v, false);
}

void hh_py_repr_to(hh_pybuf *b, const json_t *v)
{
    fmt(b, v, true);
}

/* json.dumps string: ensure_ascii (everything outside ' '..'~' escaped),
 * \uXXXX with surrogate pairs above the BMP. */
static void dumps_str(hh_pybuf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    hh_pybuf_adds(b, "\"");
    while (p < end) {
        unsigned c = utf8_next(&p, end);

        switch (c) {
        case '"':
            hh_pybuf_adds(b, "\\\"");
            break;
        case '\\':
            hh_pybuf_adds(b, "\\\\");
            break;
        case '\n':
            hh_pybuf_adds(b, "\\n");
            break;
        case '\r':
            hh_pybuf_adds(b, "\\r");
            break;
        case '\t':
            hh_pybuf_adds(b, "\\t");
            break;
        case '\b':
            hh_pybuf_adds(b, "\\b");
            break;
        case '\f':
            hh_pybuf_adds(b, "\\f");
            break;
        default:
            if (c < 0x20 || (c >= 0x7f && c < 0x10000))
                hh_pybuf_addf(b, "\\u%04x", c);
            else if (c >= 0x10000) {
                c -= 0x10000;
                hh_pybuf_addf(b, "\\u%04x\\u%04x", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
            } else {
                char ch = (char)c;

                hh_pybuf_add(b, &ch, 1);
            }
        }
    }
    hh_pybuf_adds(b, "\"");
}

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void hh_py_dumps_to(hh_pybuf *b, const json_t *v, bool sort_keys)
{
    double d;

    if (v == NULL) {
        hh_pybuf_adds(b, "null");
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        size_t n = json_object_size(v), i = 0;
        const char **keys = NULL;
        const char *k;
        json_t *x;

        if (n == 0) {
            hh_pybuf_adds(b, "{}");
            break;
        }
        keys = calloc(n, sizeof(*keys));
        if (keys == NULL) {
            b->rc = ENOMEM;
            break;
        }
        json_object_foreach((json_t *)v, k, x) keys[i++] = k;
        if (sort_keys)
            qsort(keys, n, sizeof(*keys), cmp_keys);
        hh_pybuf_adds(b, "{");
        for (i = 0; i < n; i++) {
            if (i)
                hh_pybuf_adds(b, ", ");
            dumps_str(b, keys[i], strlen(keys[i]));
            hh_pybuf_adds(b, ": ");
            hh_py_dumps_to(b, json_object_get(v, keys[i]), sort_keys);
        }
        hh_pybuf_adds(b, "}");
        free(keys);
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;

        hh_pybuf_adds(b, "[");
        json_array_foreach(v, i, x) {
            if (i)
                hh_pybuf_adds(b, ", ");
            hh_py_dumps_to(b, x, sort_keys);
        }
        hh_pybuf_adds(b, "]");
        break;
    }
    case JSON_STRING:
        dumps_str(b, json_string_value(v), json_string_length(v));
        break;
    case JSON_TRUE:
        hh_pybuf_adds(b, "true");
        break;
    case JSON_FALSE:
        hh_pybuf_adds(b, "false");
        break;
    case JSON_NULL:
        hh_pybuf_adds(b, "null");
        break;
    case JSON_REAL:
        d = json_real_value(v);
        if (isnan(d))
            hh_pybuf_adds(b, "NaN");
        else if (isinf(d))
            hh_pybuf_adds(b, d < 0 ? "-Infinity" : "Infinity");
        else
            float_repr(b, d);
        break;
    case JSON_INTEGER:
        hh_pybuf_addf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    }
}

char *hh_py_str(const json_t *v)
{
    hh_pybuf b = {0};

    hh_py_str_to(&b, v);
    return hh_pybuf_take(&b);
}

char *hh_py_repr(const json_t *v)
{
    hh_pybuf b = {0};

    hh_py_repr_to(&b, v);
    return hh_pybuf_take(&b);
}

char *hh_py_dumps(const json_t *v)
{
    hh_pybuf b = {0};

    hh_py_dumps_to(&b, v, false);
    return hh_pybuf_take(&b);
}

const char *hh_py_type_name(const json_t *v)
{
    if (v == NULL)
        return "NoneType";
    switch (json_typeof(v)) {
    case JSON_STRING:
        return "str";
    case JSON_INTEGER:
        return "int";
    case JSON_REAL:
        return "float";
    case JSON_TRUE:
    case JSON_FALSE:
        return "bool";
    case JSON_ARRAY:
        return "list";
    case JSON_OBJECT:
        return "dict";
    default:
        return "NoneType";
    }
}

/* ---- truth and equality ------------------------------------------------ */

bool hh_py_truthy(const json_t *v)
{
    if (v == NULL)
        return false;
    switch (json_typeof(v)) {
    case JSON_STRING:
        return json_string_length(v) > 0;
    case JSON_INTEGER:
        return json_integer_value(v) != 0;
    case JSON_REAL:
        return json_real_value(v) != 0.0;
    case JSON_TRUE:
        return true;
    case JSON_ARRAY:
        return json_array_size(v) > 0;
    case JSON_OBJECT:
        return json_object_size(v) > 0;
    default:
        return false;
    }
}

/* bool is an int; ints compare exactly, anything with a float by value. */
static bool py_number(const json_t *v, double *d, json_int_t *i, bool *isint)
{
    if (json_is_integer(v) || json_is_boolean(v)) {
        *i = json_is_integer(v) ? json_integer_value(v) : json_is_true(v);
        *d = (double)*i;
        *isint = true;
        return true;
    }
    if (json_is_real(v)) {
        *d = json_real_value(v);
        *isint = false;
        return true;
    }
    return false;
}

static bool int_eq_float(json_int_t i, double d)
{
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || trunc(d) != d)
        return false;
    return (json_int_t)d == i;
}

bool hh_py_eq(const json_t *a, const json_t *b)
{
    double da = 0, db = 0;
    json_int_t ia = 0, ib = 0;
    bool inta = false, intb = false;

    if (a == NULL || b == NULL)
        return a == b;
    if (py_number(a, &da, &ia, &inta) && py_number(b, &db, &ib, &intb)) {
        if (inta && intb)
            return ia == ib;
        if (inta != intb) /* int == float exactly, as Python compares them */
            return int_eq_float(inta ? ia : ib, inta ? db : da);
        return da == db;
    }
    if (json_typeof(a) != json_typeof(b))
        return false;
    if (json_is_array(a)) {
        size_t i;

        if (json_array_size(a) != json_array_size(b))
            return false;
        for (i = 0; i < json_array_size(a); i++)
            if (!hh_py_eq(json_array_get(a, i), json_array_get(b, i)))
                return false;
        return true;
    }
    if (json_is_object(a)) {
        const char *k;
        json_t *x;

        if (json_object_size(a) != json_object_size(b))
            return false;
        json_object_foreach((json_t *)a, k, x) {
            json_t *y = json_object_get(b, k);

            if (y == NULL || !hh_py_eq(x, y))
                return false;
        }
        return true;
    }
    return json_equal((json_t *)a, (json_t *)b);
}

/* ---- conversion -------------------------------------------------------- */

char *hh_py_strip(const char *s)
{
    size_t n = strlen(s);

    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    return strndup(s, n);
}

int hh_py_hexdigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool hh_py_parse_int(const char *s, json_int_t *out)
{
    bool neg = false, any = false, under = false;
    unsigned long long v = 0, lim;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    for (; *s; s++) {
        if (*s == '_') {
            if (!any || under)
                return false;
            under = true;
            continue;
        }
        if (!isdigit((unsigned char)*s))
            break;
        lim = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
        if (v > (lim - (unsigned)(*s - '0')) / 10)
            return false;
        v = v * 10 + (unsigned)(*s - '0');
        any = true;
        under = false;
    }
    while (isspace((unsigned char)*s))
        s++;
    if (!any || under || *s)
        return false;
    *out = neg ? (json_int_t)(0 - v) : (json_int_t)v;
    return true;
}

/* Copy the digits at *p (single '_' between digits dropped) to t; the
 * number of digits, or -1 for a misplaced '_'. */
static int digit_part(const char **p, char *t, size_t *tn, size_t tmax)
{
    int n = 0;

    while (isdigit((unsigned char)**p) || **p == '_') {
        if (**p == '_') {
            if (n == 0 || !isdigit((unsigned char)(*p)[1]))
                return -1;
        } else {
            if (*tn + 1 >= tmax)
                return -1;
            t[(*tn)++] = **p;
            n++;
        }
        (*p)++;
    }
    return n;
}

bool hh_py_parse_float(const char *s, double *out)
{
    char t[512];
    size_t tn = 0;
    const char *p = NULL, *q = NULL;
    int before, after = 0;
    bool ok = false;
    char *st = hh_py_strip(s);

    if (st == NULL)
        return false;
    p = st;
    if (*p == '+' || *p == '-')
        t[tn++] = *p++;
    q = p;
    if (strcasecmp(q, "inf") == 0 || strcasecmp(q, "infinity") == 0) {
        *out = tn && t[0] == '-' ? -INFINITY : INFINITY;
        ok = true;
        goto done;
    }
    if (strcasecmp(q, "nan") == 0) {
        *out = NAN;
        ok = true;
        goto done;
    }
    if ((before = digit_part(&p, t, &tn, sizeof(t))) < 0)
        goto done;
    if (*p == '.') {
        t[tn++] = *p++;
        if ((after = digit_part(&p, t, &tn, sizeof(t))) < 0)
            goto done;
    }
    if (before + after == 0)
        goto done;
    if (*p == 'e' || *p == 'E') {
        t[tn++] = *p++;
        if (*p == '+' || *p == '-')
            t[tn++] = *p++;
        if (digit_part(&p, t, &tn, sizeof(t)) <= 0)
            goto done;
    }
    if (*p != '\0')
        goto done;
    t[tn] = '\0';
    *out = strtod(t, NULL);
    ok = true;
done:
    free(st);
    return ok;
}

int hh_py_str_to_num(const json_t *v, json_t **out, char *msg, size_t len)
{
    char *r = NULL;
    json_int_t i;
    double d;
    int rc = 0;

    *out = NULL;
    if (json_is_number(v)) {
        *out = json_deep_copy(v);
        return *out ? 0 : ENOMEM;
    }
    if (json_is_boolean(v)) {
        *out = json_integer(json_is_true(v));
        return *out ? 0 : ENOMEM;
    }
    if (!json_is_string(v)) {
        snprintf(msg, len,
                 "int() argument must be a string, a bytes-like object or a real number, "
                 "not '%s'",
                 hh_py_type_name(v));
        return HH_EINVAL;
    }
    if (hh_py_parse_int(json_string_value(v), &i))
        *out = json_integer(i);
    else if (hh_py_parse_float(json_string_value(v), &d) && !isnan(d))
        *out = json_real(isinf(d) ? copysign(DBL_MAX, d) : d); /* JSON holds no inf */
    else {
        r = hh_py_repr(v);
        if (r == NULL)
            return ENOMEM;
        snprintf(msg, len, "could not convert string to float: %s", r);
        rc = HH_EINVAL;
        goto done;
    }
    if (*out == NULL)
        rc = ENOMEM;
done:
    free(r);
    return rc;
}

int hh_py_bool_from_string(const json_t *v, bool *out, char *msg, size_t len)
{
    static const char *const yes[] = {"1", "t", "true", "on", "y", "yes"};
    static const char *const no[] = {"0", "f", "false", "off", "n", "no"};
    char *s = NULL, *lo = NULL;
    size_t i, n;
    int rc = HH_EINVAL;

    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return 0;
    }
    s = hh_py_str(v);
    if (s == NULL)
        return ENOMEM;
    lo = hh_py_strip(s);
    if (lo == NULL) {
        rc = ENOMEM;
        goto done;
    }
    for (n = 0; lo[n]; n++)
        lo[n] = (char)tolower((unsigned char)lo[n]);
    for (i = 0; i < 6; i++) {
        if (strcmp(lo, yes[i]) == 0) {
            *out = true;
            rc = 0;
            goto done;
        }
        if (strcmp(lo, no[i]) == 0) {
            *out = false;
            rc = 0;
            goto done;
        }
    }
    snprintf(msg, len,
             "Unrecognized value '%s', acceptable values are: '0', '1', 'f', 'false', 'n', "
             "'no', 'off', 'on', 't', 'true', 'y', 'yes'",
             s);
done:
    free(s);
    free(lo);
    return rc;
}

/* ---- paths ---------------------------------------------------------------- */

/* GetParam.get_path_component (attr false) and select_from_attribute's
 * (attr true: a string key does not index a list); false on any failure
 * (Heat then yields "" or None). */
static bool path_step(const json_t *coll, const json_t *key, bool attr, json_t **next)
{
    json_int_t idx = 0;

    if (!(json_is_object(coll) || json_is_array(coll) || json_is_string(coll)))
        return false;
    if (!(json_is_string(key) || json_is_integer(key) || json_is_boolean(key)))
        return false;
    if (json_is_object(coll)) {
        if (!json_is_string(key))
            return false;
        *next = json_incref(json_object_get(coll, json_string_value(key)));
        return *next != NULL;
    }
    if (json_is_string(key)) {
        if (attr || !hh_py_parse_int(json_string_value(key), &idx))
            return false;
    } else {
        idx = json_is_integer(key) ? json_integer_value(key) : json_is_true(key);
    }
    if (json_is_array(coll)) {
        json_int_t n = (json_int_t)json_array_size(coll);

        if (idx < 0)
            idx += n;
        if (idx < 0 || idx >= n)
            return false;
        *next = json_incref(json_array_get(coll, (size_t)idx));
        return true;
    } else {
        const char *s = json_string_value(coll);
        size_t len = json_string_length(coll), at = 0;
        json_int_t n = (json_int_t)hh_utf8_nlen(s, len), k = 0;

        if (idx < 0)
            idx += n;
        if (idx < 0 || idx >= n)
            return false;
        for (k = 0; k < idx; k++) {
            at++;
            while (at < len && ((unsigned char)s[at] & 0xc0) == 0x80)
                at++;
        }
        {
            size_t st = at++;

            while (at < len && ((unsigned char)s[at] & 0xc0) == 0x80)
                at++;
            *next = json_stringn(s + st, at - st);
        }
        return *next != NULL;
    }
}

json_t *hh_py_select_path(const json_t *value, const json_t *path, size_t from, const json_t *fail,
                          bool attr)
{
    json_t *cur = json_incref((json_t *)value);

    for (size_t i = from; json_is_array(path) && i < json_array_size(path); i++) {
        json_t *next = NULL;

        if (!path_step(cur, json_array_get(path, i), attr, &next)) {
            json_decref(cur);
            return json_incref((json_t *)fail);
        }
        json_decref(cur);
        cur = next;
    }
    return cur;
}
