#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_json.h"

int hh_json_deep_update(json_t *old, const json_t *new_value)
{
    const char *key;
    json_t *v;
    int rc;

    json_object_foreach((json_t *)new_value, key, v)
    {
        json_t *cur = json_object_get(old, key);

        if (json_is_object(v)) {
            if (!json_is_object(cur)) {
                cur = json_object();
                if (cur == NULL || json_object_set_new(old, key, cur) != 0)
                    return ENOMEM;
            }
            rc = hh_json_deep_update(cur, v);
            if (rc != 0)
                return rc;
        } else if (json_is_null(v) && json_is_object(cur)) {
            continue; /* heatclient keeps the mapping */
        } else if (json_object_set_new(old, key, json_deep_copy(v)) != 0) {
            return ENOMEM;
        }
    }
    return 0;
}

/* ---- hh_json_dump_ascii ---- */

#define DUMP_MAX_DEPTH 2048

typedef struct jbuf {
    char *s;
    size_t len, cap;
    bool failed;
} jbuf;

/* Room for n more bytes and a NUL. */
static bool jb_room(jbuf *b, size_t n)
{
    size_t cap;
    char *s;

    if (b->failed)
        return false;
    if (b->len + n + 1 <= b->cap)
        return true;
    cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1)
        cap *= 2;
    if ((s = realloc(b->s, cap)) == NULL) {
        b->failed = true;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

static void jb_put(jbuf *b, const char *p, size_t n)
{
    if (jb_room(b, n)) {
        memcpy(b->s + b->len, p, n);
        b->len += n;
    }
}

/* One UTF-8 sequence at p (n bytes left): its length and *cp, or 0 when it
 * is not well-formed (jansson's utf8_check_full rules). */
static size_t utf8_next(const unsigned char *p, size_t n, int32_t *cp)
{
    size_t len, i;
    int32_t v;

    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        len = 2;
        v = p[0] & 0x1F;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        len = 3;
        v = p[0] & 0x0F;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        len = 4;
        v = p[0] & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (len == 3 && v < 0x800) ||
        (len == 4 && v < 0x10000))
        return 0;
    *cp = v;
    return len;
}

/* jansson's dump_string with JSON_ENSURE_ASCII: runs of plain ASCII copied
 * at once, the rest escaped as it escapes them. */
static void jb_string(jbuf *b, const char *str, size_t n)
{
    const unsigned char *p = (const unsigned char *)str, *end = p + n;

    jb_put(b, "\"", 1);
    while (p < end && !b->failed) {
        const unsigned char *run = p;
        char seq[16];
        int32_t cp;
        size_t k;

        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        jb_put(b, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        if ((k = utf8_next(p, (size_t)(end - p), &cp)) == 0) {
            b->failed = true;
            break;
        }
        p += k;
        switch (cp) {
        case '\\':
            jb_put(b, "\\\\", 2);
            break;
        case '"':
            jb_put(b, "\\\"", 2);
            break;
        case '\b':
            jb_put(b, "\\b", 2);
            break;
        case '\f':
            jb_put(b, "\\f", 2);
            break;
        case '\n':
            jb_put(b, "\\n", 2);
            break;
        case '\r':
            jb_put(b, "\\r", 2);
            break;
        case '\t':
            jb_put(b, "\\t", 2);
            break;
        default:
            if (cp < 0x10000) {
                snprintf(seq, sizeof(seq), "\\u%04X", (unsigned)cp);
                jb_put(b, seq, 6);
            } else {
                cp -= 0x10000;
                snprintf(seq, sizeof(seq), "\\u%04X\\u%04X", (unsigned)(0xD800 | (cp >> 10)),
                         (unsigned)(0xDC00 | (cp & 0x3FF)));
                jb_put(b, seq, 12);
            }
        }
    }
    jb_put(b, "\"", 1);
}

static void jb_value(jbuf *b, const json_t *v, int depth)
{
    char num[64];
    size_t i;

    if (depth > DUMP_MAX_DEPTH) {
        b->failed = true;
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        void *it = json_object_iter((json_t *)v);

        jb_put(b, "{", 1);
        for (i = 0; it != NULL && !b->failed; i++) {
            if (i > 0)
                jb_put(b, ", ", 2);
            jb_string(b, json_object_iter_key(it), json_object_iter_key_len(it));
            jb_put(b, ": ", 2);
            jb_value(b, json_object_iter_value(it), depth + 1);
            it = json_object_iter_next((json_t *)v, it);
        }
        jb_put(b, "}", 1);
        break;
    }
    case JSON_ARRAY:
        jb_put(b, "[", 1);
        for (i = 0; i < json_array_size(v) && !b->failed; i++) {
            if (i > 0)
                jb_put(b, ", ", 2);
            jb_value(b, json_array_get(v, i), depth + 1);
        }
        jb_put(b, "]", 1);
        break;
    case JSON_STRING:
        jb_string(b, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        jb_put(b, num,
               (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v)));
        break;
    case JSON_REAL: {
        /* jansson's own digits: its shortest form is not printf's */
        char *text = json_dumps(v, JSON_ENCODE_ANY);

        if (text == NULL)
            b->failed = true;
        else
            jb_put(b, text, strlen(text));
        free(text);
        break;
    }
    case JSON_TRUE:
        jb_put(b, "true", 4);
        break;
    case JSON_FALSE:
        jb_put(b, "false", 5);
        break;
    case JSON_NULL:
        jb_put(b, "null", 4);
        break;
    }
}

char *hh_json_dump_ascii(const json_t *v, size_t *len)
{
    jbuf b = {0};

    if (v == NULL)
        return NULL;
    jb_value(&b, v, 0);
    if (!jb_room(&b, 0)) {
        free(b.s);
        return NULL;
    }
    b.s[b.len] = '\0';
    if (len != NULL)
        *len = b.len;
    return b.s;
}
