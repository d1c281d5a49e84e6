/* api_cfn_xml: Heat's XMLResponseSerializer, written as lxml writes. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "api_cfn_xml.h"
#include "hh_py.h"

#define DEPTH_MAX 64 /* deeper values are written as their str() */

/* One UTF-8 sequence at s (n bytes left): its code point and length, or
 * length 1 and -1 when malformed. */
static long utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
    size_t want;
    long cp;

    *len = 1;
    if (s[0] < 0x80)
        return s[0];
    if ((s[0] & 0xe0) == 0xc0) {
        want = 2;
        cp = s[0] & 0x1f;
    } else if ((s[0] & 0xf0) == 0xe0) {
        want = 3;
        cp = s[0] & 0x0f;
    } else if ((s[0] & 0xf8) == 0xf0) {
        want = 4;
        cp = s[0] & 0x07;
    } else {
        return -1;
    }
    if (want > n)
        return -1;
    for (size_t i = 1; i < want; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    *len = want;
    return cp;
}

/* Whether XML 1.0 allows code point cp in text. */
static bool xml_char(long cp)
{
    return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
           (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/* Text as lxml's tostring (ASCII output) escapes it. */
static void text_to(hh_pybuf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, len;

    while (i < n) {
        long cp = utf8_decode(p + i, n - i, &len);

        if (cp < 0 || !xml_char(cp))
            cp = 0xfffd;
        if (cp == '&')
            hh_pybuf_adds(b, "&amp;");
        else if (cp == '<')
            hh_pybuf_adds(b, "&lt;");
        else if (cp == '>')
            hh_pybuf_adds(b, "&gt;");
        else if (cp == '\r')
            hh_pybuf_adds(b, "&#13;");
        else if (cp < 0x80)
            hh_pybuf_addf(b, "%c", (char)cp);
        else
            hh_pybuf_addf(b, "&#%ld;", cp);
        i += len;
    }
}

/* An element name: the key with what a name may not hold made '_'. */
static void name_to(hh_pybuf *b, const char *key)
{
    if (key[0] == '\0' ||
        !((key[0] >= 'A' && key[0] <= 'Z') || (key[0] >= 'a' && key[0] <= 'z') || key[0] == '_'))
        hh_pybuf_adds(b, "_");
    for (const char *p = key; *p != '\0'; p++) {
        char c = *p;

        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            c = '_';
        hh_pybuf_add(b, &c, 1);
    }
}

static void element_to(hh_pybuf *b, const char *name, const json_t *v, bool json_only, int depth);

/* object_to_element: the content of an element holding v. */
static void content_to(hh_pybuf *b, const json_t *v, int depth, bool *empty)
{
    const char *key;
    json_t *item;
    size_t i;
    char *s;

    *empty = false;
    if (json_is_array(v) && depth < DEPTH_MAX) {
        *empty = json_array_size(v) == 0;
        json_array_foreach(v, i, item) element_to(b, "member", item, false, depth + 1);
    } else if (json_is_object(v) && depth < DEPTH_MAX) {
        *empty = json_object_size(v) == 0;
        json_object_foreach((json_t *)v, key, item)
        {
            bool jo = strcmp(key, "TemplateBody") == 0 || strcmp(key, "Metadata") == 0;

            element_to(b, key, item, jo, depth + 1);
        }
    } else {
        if ((s = hh_py_str(v)) == NULL) {
            b->rc = b->rc != 0 ? b->rc : ENOMEM;
            return;
        }
        text_to(b, s, strlen(s));
        free(s);
    }
}

static void element_to(hh_pybuf *b, const char *name, const json_t *v, bool json_only, int depth)
{
    size_t mark;
    bool empty = true;

    hh_pybuf_adds(b, "<");
    name_to(b, name);
    mark = b->len;
    hh_pybuf_adds(b, ">");
    if (json_only) {
        /* JSON inside XML, and nothing for a false value */
        if (hh_py_truthy(v)) {
            char *s = hh_py_dumps(v);

            if (s == NULL)
                b->rc = b->rc != 0 ? b->rc : ENOMEM;
            else
                text_to(b, s, strlen(s));
            free(s);
            empty = false;
        }
    } else {
        content_to(b, v, depth, &empty);
    }
    if (empty && b->rc == 0 && b->len == mark + 1) {
        /* neither text nor children: <Name/> */
        b->len = mark;
        hh_pybuf_adds(b, "/>");
        return;
    }
    hh_pybuf_adds(b, "</");
    name_to(b, name);
    hh_pybuf_adds(b, ">");
}

char *hh_cfn_xml(const json_t *doc, size_t *len)
{
    hh_pybuf b = {0};
    void *it = json_is_object(doc) ? json_object_iter((json_t *)doc) : NULL;
    char *out;

    if (it == NULL)
        return NULL;
    element_to(&b, json_object_iter_key(it), json_object_iter_value(it), false, 0);
    if (b.rc == 0 && b.s == NULL)
        return NULL;
    *len = b.len;
    out = hh_pybuf_take(&b);
    return out;
}
