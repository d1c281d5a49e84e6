/* hh_yaml: PyYAML's resolver and dumper (see hh_yaml.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "hh_error.h"
#include "hh_py.h"
#include "hh_yaml.h"

/* ---- scalar resolution (PyYAML resolver.py) ----------------------------- */

static int y_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* One or more base-60 groups ":[0-5]?[0-9]" from *i; 1 if matched. */
static int y_match_sexa(const char *s, size_t n, size_t *i)
{
    int groups = 0;

    while (*i < n && s[*i] == ':') {
        size_t j = *i + 1, d = 0;
        while (j + d < n && y_digit(s[j + d]))
            d++;
        if (d == 1 || (d == 2 && s[j] <= '5'))
            *i = j + d;
        else
            return 0;
        groups++;
    }
    return groups > 0;
}

/* [0-9_]* from *i */
static void y_skip_digits(const char *s, size_t n, size_t *i)
{
    while (*i < n && (y_digit(s[*i]) || s[*i] == '_'))
        (*i)++;
}

/* Optional exponent "[eE][-+][0-9]+" then end of string. */
static int y_exp_end(const char *s, size_t n, size_t i)
{
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t d = 0;
        i++;
        if (i >= n || (s[i] != '-' && s[i] != '+'))
            return 0;
        i++;
        while (i < n && y_digit(s[i])) {
            i++;
            d++;
        }
        if (d == 0)
            return 0;
    }
    return i == n;
}

static int y_match_float(const char *s, size_t n)
{
    size_t i = 0;

    if (n == 0)
        return 0;
    /* \.(nan|NaN|NAN) and \.[0-9][0-9_]*(exp)? : no sign */
    if (s[0] == '.') {
        if ((n == 4 && (!memcmp(s, ".nan", 4) || !memcmp(s, ".NaN", 4) || !memcmp(s, ".NAN", 4))) ||
            (n == 4 && (!memcmp(s, ".inf", 4) || !memcmp(s, ".Inf", 4) || !memcmp(s, ".INF", 4))))
            return 1;
        if (n >= 2 && y_digit(s[1])) {
            i = 2;
            y_skip_digits(s, n, &i);
            return y_exp_end(s, n, i);
        }
        return 0;
    }
    if (s[0] == '-' || s[0] == '+')
        i = 1;
    if (n - i == 4 && s[i] == '.' &&
        (!memcmp(s + i, ".inf", 4) || !memcmp(s + i, ".Inf", 4) || !memcmp(s + i, ".INF", 4)))
        return 1;
    if (i >= n || !y_digit(s[i]))
        return 0;
    i++;
    y_skip_digits(s, n, &i);
    if (i < n && s[i] == '.') {
        i++;
        y_skip_digits(s, n, &i);
        return y_exp_end(s, n, i);
    }
    /* [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* */
    if (!y_match_sexa(s, n, &i) || i >= n || s[i] != '.')
        return 0;
    i++;
    y_skip_digits(s, n, &i);
    return i == n;
}

static int y_match_int(const char *s, size_t n)
{
    size_t i = 0, start;

    if (n > 0 && (s[0] == '-' || s[0] == '+'))
        i = 1;
    if (i >= n || !y_digit(s[i]))
        return 0;
    if (s[i] == '0') {
        if (i + 1 == n)
            return 1; /* 0 */
        if (s[i + 1] == 'b' || s[i + 1] == 'x') {
            int hex = s[i + 1] == 'x';
            i += 2;
            start = i;
            while (i < n && (s[i] == '_' || (hex ? isxdigit((unsigned char)s[i]) != 0
                                                 : (s[i] == '0' || s[i] == '1'))))
                i++;
            return i == n && i > start;
        }
        /* 0[0-7_]+ */
        i++;
        while (i < n && ((s[i] >= '0' && s[i] <= '7') || s[i] == '_'))
            i++;
        return i == n;
    }
    /* [1-9][0-9_]* then optionally base-60 groups */
    i++;
    y_skip_digits(s, n, &i);
    if (i == n)
        return 1;
    return y_match_sexa(s, n, &i) && i == n;
}

static int y_match_bool(const char *s, size_t n, int *val)
{
    static const char *const yes[] = {"yes",  "Yes", "YES", "true", "True",
                                      "TRUE", "on",  "On",  "ON"};
    static const char *const no[] = {"no",    "No",  "NO",  "false", "False",
                                     "FALSE", "off", "Off", "OFF"};

    for (size_t k = 0; k < sizeof(yes) / sizeof(yes[0]); k++) {
        if (strlen(yes[k]) == n && memcmp(s, yes[k], n) == 0) {
            *val = 1;
            return 1;
        }
        if (strlen(no[k]) == n && memcmp(s, no[k], n) == 0) {
            *val = 0;
            return 1;
        }
    }
    return 0;
}

/* [0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]? at the start, the
 * beginning of both of resolver.py's timestamp forms (a date alone, or a
 * date with a time: both are timestamps when the rest fits; a str that
 * starts so is quoted, which PyYAML does for the ones that fit). */
static int y_match_timestamp(const char *s, size_t n)
{
    size_t i = 0, d;

    for (; i < 4; i++)
        if (i >= n || !y_digit(s[i]))
            return 0;
    for (int part = 0; part < 2; part++) {
        if (i >= n || s[i] != '-')
            return 0;
        i++;
        for (d = 0; i < n && y_digit(s[i]) && d < 2; d++)
            i++;
        if (d == 0)
            return 0;
    }
    return i == n || s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t';
}

hh_yaml_kind hh_yaml_resolve_plain(const char *s, size_t n)
{
    int b;

    if (n == 0 || (n == 1 && s[0] == '~') ||
        (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4))))
        return HH_YAML_NULL;
    if (y_match_bool(s, n, &b))
        return HH_YAML_BOOL;
    if (n == 2 && s[0] == '<' && s[1] == '<')
        return HH_YAML_MERGE;
    if (n == 1 && s[0] == '=')
        return HH_YAML_VALUE;
    if (y_match_float(s, n))
        return HH_YAML_FLOAT;
    if (y_match_int(s, n))
        return HH_YAML_INT;
    if (y_match_timestamp(s, n))
        return HH_YAML_TIMESTAMP;
    return HH_YAML_STR;
}

/* ---- dumper (PyYAML representer.py + serializer.py over libyaml) -------- */

#define Y_STR "tag:yaml.org,2002:str"
#define Y_INT "tag:yaml.org,2002:int"
#define Y_FLOAT "tag:yaml.org,2002:float"
#define Y_BOOL "tag:yaml.org,2002:bool"
#define Y_NULL "tag:yaml.org,2002:null"
#define Y_MAP "tag:yaml.org,2002:map"
#define Y_SEQ "tag:yaml.org,2002:seq"

static int y_write(void *data, unsigned char *buffer, size_t size)
{
    hh_pybuf *b = data;

    hh_pybuf_add(b, (const char *)buffer, size);
    return b->rc == 0;
}

static int y_emit(yaml_emitter_t *em, yaml_event_t *ev)
{
    return yaml_emitter_emit(em, ev) ? 0 : HH_EINVAL;
}

/* A scalar of tag: plain_implicit when it resolves to tag as plain text
 * (the serializer's implicit test), quoted_implicit for str only. */
static int y_scalar(yaml_emitter_t *em, const char *tag, hh_yaml_kind kind, const char *text)
{
    yaml_event_t ev;
    size_t n = strlen(text);
    int plain = hh_yaml_resolve_plain(text, n) == kind;

    if (!yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)tag, (yaml_char_t *)text, (int)n,
                                      plain, kind == HH_YAML_STR, YAML_ANY_SCALAR_STYLE))
        return ENOMEM;
    return y_emit(em, &ev);
}

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int y_node(yaml_emitter_t *em, const json_t *v)
{
    yaml_event_t ev;
    char buf[64];
    int rc = 0;

    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        size_t n = json_object_size(v), i = 0;
        const char **keys = calloc(n ? n : 1, sizeof(*keys));
        const char *key;
        json_t *item;

        if (keys == NULL)
            return ENOMEM;
        json_object_foreach((json_t *)v, key, item)
        {
            keys[i++] = key;
        }
        qsort(keys, n, sizeof(*keys), cmp_keys); /* sort_keys=True */
        if (!yaml_mapping_start_event_initialize(&ev, NULL, (yaml_char_t *)Y_MAP, 1,
                                                 YAML_BLOCK_MAPPING_STYLE))
            rc = ENOMEM;
        else
            rc = y_emit(em, &ev);
        for (i = 0; rc == 0 && i < n; i++) {
            rc = y_scalar(em, Y_STR, HH_YAML_STR, keys[i]);
            if (rc == 0)
                rc = y_node(em, json_object_get(v, keys[i]));
        }
        free(keys);
        if (rc == 0 && !yaml_mapping_end_event_initialize(&ev))
            rc = ENOMEM;
        return rc != 0 ? rc : y_emit(em, &ev);
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *item;

        if (!yaml_sequence_start_event_initialize(&ev, NULL, (yaml_char_t *)Y_SEQ, 1,
                                                  YAML_BLOCK_SEQUENCE_STYLE))
            return ENOMEM;
        rc = y_emit(em, &ev);
        json_array_foreach(v, i, item)
        {
            if (rc == 0)
                rc = y_node(em, item);
        }
        if (rc == 0 && !yaml_sequence_end_event_initialize(&ev))
            rc = ENOMEM;
        return rc != 0 ? rc : y_emit(em, &ev);
    }
    case JSON_STRING:
        return y_scalar(em, Y_STR, HH_YAML_STR, json_string_value(v));
    case JSON_INTEGER:
        snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return y_scalar(em, Y_INT, HH_YAML_INT, buf);
    case JSON_REAL: {
        /* represent_float: repr(data).lower(), "1e+20" as "1.0e+20" */
        char *e;

        hh_py_float_repr(json_real_value(v), buf, sizeof(buf) - 2);
        for (e = buf; *e != '\0'; e++)
            *e = (char)tolower((unsigned char)*e);
        e = strchr(buf, 'e');
        if (strchr(buf, '.') == NULL && e != NULL) {
            memmove(e + 2, e, strlen(e) + 1);
            memcpy(e, ".0", 2);
        }
        return y_scalar(em, Y_FLOAT, HH_YAML_FLOAT, buf);
    }
    case JSON_TRUE:
    case JSON_FALSE:
        return y_scalar(em, Y_BOOL, HH_YAML_BOOL, json_is_true(v) ? "true" : "false");
    default:
        return y_scalar(em, Y_NULL, HH_YAML_NULL, "null");
    }
}

int hh_yaml_dump(const json_t *v, char **out)
{
    yaml_emitter_t em;
    yaml_event_t ev;
    hh_pybuf b = {0};
    int rc = 0;

    *out = NULL;
    if (!yaml_emitter_initialize(&em))
        return ENOMEM;
    yaml_emitter_set_output(&em, y_write, &b);
    yaml_emitter_set_width(&em, 80);
    yaml_emitter_set_indent(&em, 2);
    if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING))
        rc = ENOMEM;
    if (rc == 0)
        rc = y_emit(&em, &ev);
    if (rc == 0 && !yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1))
        rc = ENOMEM;
    if (rc == 0)
        rc = y_emit(&em, &ev);
    if (rc == 0)
        rc = y_node(&em, v);
    if (rc == 0 && !yaml_document_end_event_initialize(&ev, 1))
        rc = ENOMEM;
    if (rc == 0)
        rc = y_emit(&em, &ev);
    if (rc == 0 && !yaml_stream_end_event_initialize(&ev))
        rc = ENOMEM;
    if (rc == 0)
        rc = y_emit(&em, &ev);
    yaml_emitter_delete(&em);
    if (rc == 0 && b.rc != 0)
        rc = b.rc;
    if (rc == 0 && (*out = hh_pybuf_take(&b)) == NULL)
        rc = ENOMEM;
    hh_pybuf_free(&b);
    return rc;
}
