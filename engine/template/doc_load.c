/* doc_load: YAML or JSON text -> jansson tree + srcmap (contract in doc_load.h).
 *
 * JSON: jansson first (Heat tries json.loads first); places come from a
 * second read of the same text by libyaml's event parser, walked in step
 * with the jansson tree and abandoned at the first disagreement.
 * YAML: libyaml events folded into jansson nodes on an explicit stack (no
 * recursion, so deep input cannot overflow the C stack), resolving plain
 * scalars with PyYAML's YAML 1.1 implicit resolver.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "doc_load.h"
#include "hh_yaml.h"

const hh_doc_limits hh_doc_limits_default = {
    .max_size = 524288,
    .max_depth = 100,
    .max_aliases = 100,
    .max_nodes = 1000000,
};

#define DOC_DEPTH_DEFAULT 100
#define DOC_DEPTH_CAP 1000
#define DOC_ALIASES_DEFAULT 100
#define DOC_NODES_DEFAULT 1000000
/* PyYAML names a str input stream so; Heat's messages show this name. */
#define DOC_STREAM_NAME "<unicode string>"
#define DOC_TAG_PREFIX "tag:yaml.org,2002:"

/* Resolved tags: PyYAML safe constructors we honour or refuse. */
enum doc_tag {
    TG_NONE = 0, /* no tag or the non-specific "!" */
    TG_STR,
    TG_NULL,
    TG_BOOL,
    TG_INT,
    TG_FLOAT,
    TG_TIMESTAMP,
    TG_MERGE,
    TG_VALUE,
    TG_SEQ,
    TG_MAP,
    TG_UNSUPPORTED, /* binary, omap, pairs, set: no JSON form */
    TG_UNKNOWN,
};

enum doc_kind { NK_SCALAR, NK_SEQ, NK_MAP };

typedef struct doc_anchor {
    char *name;     /* owned */
    json_t *node;   /* owned reference; NULL while its collection is open */
    char *text;     /* owned scalar text (used when the alias is a key); NULL for collections */
    size_t text_len;
    int merge;      /* the anchored scalar is the merge key << */
    int kind;       /* enum doc_kind */
    size_t count;   /* nodes in the anchored subtree */
    int height;     /* 0 for a scalar, 1 + children's for a collection */
    int line, col;  /* 1-based */
} doc_anchor;

typedef struct doc_frame {
    json_t *node;   /* owned: array or object being filled */
    int is_map;
    int line, col;  /* 1-based start mark */
    size_t count;   /* nodes inside, itself included */
    int height;
    size_t anchor;  /* 1 + index in anchors, or 0 */
    /* mappings: the key waiting for its value */
    int have_key;
    int key_merge;
    char *key;      /* owned */
    size_t key_len;
    int key_line, key_col;
    json_t *merges; /* owned array of objects, in merge order, or NULL */
} doc_frame;

typedef struct doc_state {
    const char *text;
    size_t len;
    int max_depth;
    int max_aliases;
    size_t max_nodes;
    hh_srcmap *map; /* owned */
    hh_error *err;
    const char *source;
    doc_frame *stack;
    int depth;
    int stack_cap;
    doc_anchor *anchors;
    size_t nanchors;
    size_t anchors_cap;
    size_t *anchor_slots; /* open addressing over anchor names: 1 + index, 0 empty */
    size_t anchor_slots_cap; /* power of two, at least twice nanchors */
    int aliases;
    size_t nodes;
    json_t *root; /* owned */
    int have_root;
} doc_state;

/* ---- messages ---------------------------------------------------------- */

typedef struct doc_buf {
    char *p;
    size_t cap;
    size_t used;
} doc_buf;

__attribute__((format(printf, 2, 3))) static void doc_buf_add(doc_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->used >= b->cap)
        return;
    va_start(ap, fmt);
    n = vsnprintf(b->p + b->used, b->cap - b->used, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    b->used += (size_t)n;
    if (b->used >= b->cap)
        b->used = b->cap - 1;
}

/* Length of the line break at pos (libyaml's breaks: LF, CR, CRLF, NEL,
 * LS, PS), 0 if none; NUL also stops a snippet as in PyYAML. */
static size_t doc_break_len(const char *t, size_t len, size_t pos)
{
    const unsigned char *u = (const unsigned char *)t;

    if (pos >= len)
        return 0;
    if (u[pos] == '\r')
        return (pos + 1 < len && u[pos + 1] == '\n') ? 2 : 1;
    if (u[pos] == '\n' || u[pos] == '\0')
        return 1;
    if (u[pos] == 0xC2 && pos + 1 < len && u[pos + 1] == 0x85)
        return 2;
    if (u[pos] == 0xE2 && pos + 2 < len && u[pos + 1] == 0x80 &&
        (u[pos + 2] == 0xA8 || u[pos + 2] == 0xA9))
        return 3;
    return 0;
}

static size_t doc_cp_next(const char *t, size_t len, size_t pos)
{
    pos++;
    while (pos < len && ((unsigned char)t[pos] & 0xC0) == 0x80)
        pos++;
    return pos;
}

static size_t doc_cp_prev(const char *t, size_t pos)
{
    pos--;
    while (pos > 0 && ((unsigned char)t[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

/* Byte offset of 0-based (line, column) in the text, column in characters. */
static size_t doc_offset(const char *t, size_t len, int line, int column)
{
    size_t pos = 0;

    for (int l = 0; l < line && pos < len;) {
        size_t b = doc_break_len(t, len, pos);
        if (b > 0 && t[pos] != '\0') {
            pos += b;
            l++;
        } else {
            pos = doc_cp_next(t, len, pos);
        }
    }
    for (int c = 0; c < column && pos < len && doc_break_len(t, len, pos) == 0; c++)
        pos = doc_cp_next(t, len, pos);
    return pos;
}

/* PyYAML Mark.__str__ with get_snippet(indent=4, max_length=75). */
static void doc_mark(doc_buf *b, const doc_state *st, int line, int column)
{
    size_t ptr = doc_offset(st->text, st->len, line, column);
    size_t start = ptr, end = ptr;
    int head = 0, tail = 0, n = 0, m = 0;

    doc_buf_add(b, "  in \"%s\", line %d, column %d:\n", DOC_STREAM_NAME, line + 1, column + 1);
    while (start > 0) {
        size_t prev = doc_cp_prev(st->text, start);
        if (doc_break_len(st->text, st->len, prev) > 0)
            break;
        start = prev;
        n++;
        if (n > 36) {
            head = 1;
            for (int i = 0; i < 5; i++)
                start = doc_cp_next(st->text, st->len, start);
            n -= 5;
            break;
        }
    }
    while (end < st->len && doc_break_len(st->text, st->len, end) == 0) {
        end = doc_cp_next(st->text, st->len, end);
        m++;
        if (m > 36) {
            tail = 1;
            for (int i = 0; i < 5; i++)
                end = doc_cp_prev(st->text, end);
            break;
        }
    }
    doc_buf_add(b, "    %s%.*s%s\n", head ? " ... " : "", (int)(end - start), st->text + start,
                tail ? " ... " : "");
    doc_buf_add(b, "%*s^", 4 + n + (head ? 5 : 0), "");
}

/* Record a PyYAML MarkedYAMLError: context (may be NULL) at 0-based
 * (cline, ccol) (cline < 0: no mark), problem at (pline, pcol). The error
 * place is the problem mark. Returns rc. */
static int doc_fail(doc_state *st, int rc, const char *context, int cline, int ccol,
                    const char *problem, int pline, int pcol)
{
    char msg[HH_ERROR_MSG_MAX];
    doc_buf b = {msg, sizeof(msg), 0};

    msg[0] = '\0';
    if (context != NULL)
        doc_buf_add(&b, "%s\n", context);
    if (context != NULL && cline >= 0 && (cline != pline || ccol != pcol)) {
        doc_mark(&b, st, cline, ccol);
        doc_buf_add(&b, "\n");
    }
    doc_buf_add(&b, "%s", problem ? problem : "");
    if (pline >= 0) {
        doc_buf_add(&b, "\n");
        doc_mark(&b, st, pline, pcol);
    }
    hh_error_set(st->err, rc, NULL, "%s", msg);
    hh_error_at(st->err, st->source, pline >= 0 ? pline + 1 : 0, pline >= 0 ? pcol + 1 : 0);
    return rc;
}

/* A problem at 1-based (line, col) with a context at 1-based (cl, cc). */
__attribute__((format(printf, 8, 9))) static int doc_fail_at(doc_state *st, int rc,
                                                           const char *context, int cl, int cc,
                                                           int line, int col, const char *fmt, ...)
{
    char problem[HH_ERROR_MSG_MAX / 2];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(problem, sizeof(problem), fmt, ap);
    va_end(ap);
    return doc_fail(st, rc, context, cl - 1, cc - 1, problem, line - 1, col - 1);
}

/* Quote s[0..n) (n SIZE_MAX: up to its NUL) as Python's repr of a str
 * does for plain text: 'x', or "x" when it holds a quote. */
static const char *doc_repr(char *buf, size_t cap, const char *s, size_t n)
{
    int q;

    if (n == SIZE_MAX)
        n = strlen(s);
    q = memchr(s, '\'', n) != NULL && memchr(s, '"', n) == NULL ? '"' : '\'';

    if (n > cap / 2)
        n = cap / 2;
    snprintf(buf, cap, "%c%.*s%c", q, (int)n, s, q);
    return buf;
}

static int doc_parser_fail(doc_state *st, const yaml_parser_t *p)
{
    char problem[HH_ERROR_MSG_MAX / 2];
    int line = 0, col = 0;

    switch (p->error) {
    case YAML_MEMORY_ERROR:
        hh_error_set(st->err, ENOMEM, NULL, "out of memory while parsing");
        return ENOMEM;
    case YAML_READER_ERROR: {
        /* ReaderError: "unacceptable character #x%04x: <problem>" at a
         * position (characters from the start); place from the offset. */
        size_t off = p->problem_offset < st->len ? p->problem_offset : st->len;
        size_t chars = 0;
        for (size_t i = 0; i < off; i = doc_cp_next(st->text, st->len, i))
            chars++;
        for (size_t i = 0; i < off;) {
            size_t bl = doc_break_len(st->text, st->len, i);
            if (bl > 0 && st->text[i] != '\0') {
                line++;
                col = 0;
                i += bl;
            } else {
                col++;
                i = doc_cp_next(st->text, st->len, i);
            }
        }
        if (p->problem_value != -1)
            snprintf(problem, sizeof(problem),
                     "unacceptable character #x%04x: %s\n  in \"%s\", position %zu",
                     (unsigned)p->problem_value, p->problem ? p->problem : "", DOC_STREAM_NAME,
                     chars);
        else
            snprintf(problem, sizeof(problem), "%s\n  in \"%s\", position %zu",
                     p->problem ? p->problem : "", DOC_STREAM_NAME, chars);
        hh_error_set(st->err, HH_EPARSE, NULL, "%s", problem);
        hh_error_at(st->err, st->source, line + 1, col + 1);
        return HH_EPARSE;
    }
    default:
        return doc_fail(st, HH_EPARSE, p->context, p->context ? (int)p->context_mark.line : -1,
                        (int)p->context_mark.column, p->problem ? p->problem : "unknown error",
                        (int)p->problem_mark.line, (int)p->problem_mark.column);
    }
}

/* ---- scalar resolution (PyYAML resolver.py / constructor.py) ----------- */

static int doc_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Implicit tag of a plain scalar (resolver.py's regexps, hh_yaml.h).
 * Timestamps are str: Heat constructs them as str, the default. */
static int doc_resolve_plain(const char *s, size_t n)
{
    switch (hh_yaml_resolve_plain(s, n)) {
    case HH_YAML_NULL:
        return TG_NULL;
    case HH_YAML_BOOL:
        return TG_BOOL;
    case HH_YAML_MERGE:
        return TG_MERGE;
    case HH_YAML_VALUE:
        return TG_VALUE;
    case HH_YAML_FLOAT:
        return TG_FLOAT;
    case HH_YAML_INT:
        return TG_INT;
    default:
        return TG_STR;
    }
}

static int doc_tag_id(const char *tag)
{
    static const struct {
        const char *name;
        int id;
    } known[] = {
        {"str", TG_STR},     {"null", TG_NULL},   {"bool", TG_BOOL},
        {"int", TG_INT},     {"float", TG_FLOAT}, {"timestamp", TG_TIMESTAMP},
        {"merge", TG_MERGE}, {"value", TG_VALUE}, {"seq", TG_SEQ},
        {"map", TG_MAP},     {"binary", TG_UNSUPPORTED}, {"omap", TG_UNSUPPORTED},
        {"pairs", TG_UNSUPPORTED}, {"set", TG_UNSUPPORTED},
    };
    size_t plen = strlen(DOC_TAG_PREFIX);

    if (tag == NULL || strcmp(tag, "!") == 0)
        return TG_NONE;
    if (strncmp(tag, DOC_TAG_PREFIX, plen) != 0)
        return TG_UNKNOWN;
    for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
        if (strcmp(tag + plen, known[k].name) == 0)
            return known[k].id;
    return TG_UNKNOWN;
}

/* s without '_', NUL-terminated, lower-cased if lower. New string or NULL. */
static char *doc_strip(const char *s, size_t n, int lower)
{
    char *o = malloc(n + 1), *q = o;

    if (o == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_')
            continue;
        *q++ = (char)(lower && s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    }
    *q = '\0';
    return o;
}

/* Unsigned digits of s in base into *v; 0, -1 invalid, -2 overflow. */
static int doc_digits(const char *s, int base, uint64_t *v)
{
    uint64_t acc = 0;

    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        int d;
        if (doc_is_digit(*s))
            d = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            return -1;
        if (d >= base)
            return -1;
        if (acc > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return -2;
        acc = acc * (uint64_t)base + (uint64_t)d;
    }
    *v = acc;
    return 0;
}

/* construct_yaml_int: 0, -1 invalid, -2 out of the 64-bit range, ENOMEM. */
static int doc_construct_int(const char *s, size_t n, json_int_t *out)
{
    char *buf = doc_strip(s, n, 0), *v = buf;
    uint64_t mag = 0;
    int neg = 0, rc = 0;

    if (buf == NULL)
        return ENOMEM;
    if (*v == '-' || *v == '+') {
        neg = *v == '-';
        v++;
    }
    if (*v == '\0') {
        rc = -1;
    } else if (strcmp(v, "0") == 0) {
        mag = 0;
    } else if (strncmp(v, "0b", 2) == 0) {
        rc = doc_digits(v + 2, 2, &mag);
    } else if (strncmp(v, "0x", 2) == 0) {
        rc = doc_digits(v + 2, 16, &mag);
    } else if (v[0] == '0') {
        rc = doc_digits(v, 8, &mag);
    } else if (strchr(v, ':') != NULL) {
        /* base 60, most significant group first */
        char *part = v;
        mag = 0;
        while (rc == 0) {
            char *colon = strchr(part, ':');
            uint64_t d = 0;
            if (colon != NULL)
                *colon = '\0';
            rc = doc_digits(part, 10, &d);
            if (rc == 0 && (mag > (UINT64_MAX - d) / 60))
                rc = -2;
            if (rc == 0)
                mag = mag * 60 + d;
            if (colon == NULL)
                break;
            part = colon + 1;
        }
    } else {
        rc = doc_digits(v, 10, &mag);
    }
    if (rc == 0) {
        if (neg ? mag > (uint64_t)INT64_MAX + 1 : mag > (uint64_t)INT64_MAX)
            rc = -2;
        else if (neg)
            *out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(json_int_t)mag;
        else
            *out = (json_int_t)mag;
    }
    free(buf);
    return rc;
}

/* Python float() of a '_'-free, lower-cased string: strtod on the whole
 * text, without C's hexadecimal form. */
static int doc_pyfloat(const char *s, double *out)
{
    char *end = NULL;

    if (*s == '\0' || strchr(s, 'x') != NULL || strchr(s, 'p') != NULL)
        return -1;
    errno = 0;
    *out = strtod(s, &end);
    if (*end != '\0')
        return -1;
    return 0;
}

/* construct_yaml_float: 0, -1 invalid, ENOMEM. */
static int doc_construct_float(const char *s, size_t n, double *out)
{
    char *buf = doc_strip(s, n, 1), *v = buf;
    double sign = 1.0, val = 0.0;
    int rc = 0;

    if (buf == NULL)
        return ENOMEM;
    if (*v == '-' || *v == '+') {
        sign = *v == '-' ? -1.0 : 1.0;
        v++;
    }
    if (strcmp(v, ".inf") == 0) {
        val = sign * INFINITY;
    } else if (strcmp(v, ".nan") == 0) {
        val = NAN;
    } else if (strchr(v, ':') != NULL) {
        /* digits reversed, value += digit*base, base *= 60: PyYAML's order */
        double base = 1.0;
        char *p = v + strlen(v);
        for (;;) {
            char *q = p;
            double d;
            while (q > v && q[-1] != ':')
                q--;
            *p = '\0';
            rc = doc_pyfloat(q, &d);
            if (rc != 0)
                break;
            val += d * base;
            base *= 60;
            if (q == v)
                break;
            p = q - 1;
        }
        val *= sign;
    } else {
        rc = doc_pyfloat(v, &val);
        val *= sign;
    }
    if (rc == 0)
        *out = val;
    free(buf);
    return rc;
}

/* ---- tree building ------------------------------------------------------ */

static const char *doc_kind_name(int kind)
{
    return kind == NK_MAP ? "mapping" : kind == NK_SEQ ? "sequence" : "scalar";
}

static int doc_json_kind(const json_t *v)
{
    return json_is_object(v) ? NK_MAP : json_is_array(v) ? NK_SEQ : NK_SCALAR;
}

static int doc_count_node(doc_state *st, size_t add, int line, int col)
{
    if (add > st->max_nodes || st->nodes > st->max_nodes - add)
        return doc_fail_at(st, HH_ELIMIT, NULL, 0, 0, line, col,
                           "document expands to more than %zu nodes", st->max_nodes);
    st->nodes += add;
    return 0;
}

static size_t doc_name_hash(const char *name)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return (size_t)h;
}

/* Anchors are found through a hash of their names (duplicates are refused,
 * so each name is present once): O(1) per anchor and alias. */
static doc_anchor *doc_anchor_find(doc_state *st, const char *name)
{
    size_t mask = st->anchor_slots_cap - 1;

    if (st->anchor_slots_cap == 0)
        return NULL;
    for (size_t i = doc_name_hash(name) & mask; st->anchor_slots[i] != 0; i = (i + 1) & mask) {
        doc_anchor *a = &st->anchors[st->anchor_slots[i] - 1];
        if (strcmp(a->name, name) == 0)
            return a;
    }
    return NULL;
}

/* Make room in the name hash for one more anchor. 0 or ENOMEM. */
static int doc_anchor_slots_grow(doc_state *st)
{
    size_t ncap = st->anchor_slots_cap ? st->anchor_slots_cap : 32;
    size_t *n = NULL;

    if ((st->nanchors + 1) * 2 <= st->anchor_slots_cap)
        return 0;
    while ((st->nanchors + 1) * 2 > ncap)
        ncap *= 2;
    n = calloc(ncap, sizeof(*n));
    if (n == NULL)
        return ENOMEM;
    for (size_t k = 0; k < st->nanchors; k++) {
        size_t i = doc_name_hash(st->anchors[k].name) & (ncap - 1);
        while (n[i] != 0)
            i = (i + 1) & (ncap - 1);
        n[i] = k + 1;
    }
    free(st->anchor_slots);
    st->anchor_slots = n;
    st->anchor_slots_cap = ncap;
    return 0;
}

/* Register anchor name at 1-based line/col; *index gets 1 + its index. */
static int doc_anchor_add(doc_state *st, const char *name, int kind, int line, int col,
                          size_t *index)
{
    doc_anchor *a = doc_anchor_find(st, name);
    char rb[256];

    if (a != NULL) {
        char ctx[HH_ERROR_MSG_MAX / 4];
        snprintf(ctx, sizeof(ctx), "found duplicate anchor %s; first occurrence",
                 doc_repr(rb, sizeof(rb), name, SIZE_MAX));
        return doc_fail(st, HH_EPARSE, ctx, a->line - 1, a->col - 1, "second occurrence",
                        line - 1, col - 1);
    }
    if (doc_anchor_slots_grow(st) != 0)
        return ENOMEM;
    if (st->nanchors == st->anchors_cap) {
        size_t ncap = st->anchors_cap ? st->anchors_cap * 2 : 16;
        doc_anchor *n = realloc(st->anchors, ncap * sizeof(*n));
        if (n == NULL)
            return ENOMEM;
        st->anchors = n;
        st->anchors_cap = ncap;
    }
    a = &st->anchors[st->nanchors];
    memset(a, 0, sizeof(*a));
    a->name = strdup(name);
    if (a->name == NULL)
        return ENOMEM;
    a->kind = kind;
    a->line = line;
    a->col = col;
    st->nanchors++;
    *index = st->nanchors;
    {
        size_t mask = st->anchor_slots_cap - 1, i = doc_name_hash(name) & mask;
        while (st->anchor_slots[i] != 0)
            i = (i + 1) & mask;
        st->anchor_slots[i] = st->nanchors;
    }
    return 0;
}

/* Merge value v (borrowed) for the mapping in frame f. */
static int doc_merge_value(doc_state *st, doc_frame *f, json_t *v, int line, int col)
{
    int rc = 0;

    if (f->merges == NULL) {
        f->merges = json_array();
        if (f->merges == NULL)
            return ENOMEM;
    }
    if (json_is_object(v)) {
        rc = doc_count_node(st, json_object_size(v), line, col);
        if (rc == 0 && json_array_append(f->merges, v) != 0)
            rc = ENOMEM;
    } else if (json_is_array(v)) {
        /* earlier mappings win: merge the list in reverse order */
        for (size_t i = json_array_size(v); i > 0 && rc == 0; i--) {
            json_t *m = json_array_get(v, i - 1);
            if (!json_is_object(m)) {
                int l = line, c = col;
                hh_srcmap_get(st->map, m, &l, &c);
                return doc_fail_at(st, HH_EPARSE, "while constructing a mapping", f->line,
                                   f->col, l, c, "expected a mapping for merging, but found %s",
                                   doc_kind_name(doc_json_kind(m)));
            }
            rc = doc_count_node(st, json_object_size(m), line, col);
            if (rc == 0 && json_array_append(f->merges, m) != 0)
                rc = ENOMEM;
        }
    } else {
        return doc_fail_at(st, HH_EPARSE, "while constructing a mapping", f->line, f->col, line,
                           col, "expected a mapping or list of mappings for merging, but found %s",
                           doc_kind_name(doc_json_kind(v)));
    }
    return rc;
}

/* The JSON text of a non-string scalar used as a mapping key, as Python's
 * json.dumps writes a bool, None, int or float key; false for strings. */
static bool doc_key_text(const json_t *v, char *buf, size_t len)
{
    int prec;

    switch (json_typeof(v)) {
    case JSON_TRUE:
        snprintf(buf, len, "true");
        return true;
    case JSON_FALSE:
        snprintf(buf, len, "false");
        return true;
    case JSON_NULL:
        snprintf(buf, len, "null");
        return true;
    case JSON_INTEGER:
        snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return true;
    case JSON_REAL:
        /* Python's repr: the shortest text that reads back the same. */
        for (prec = 1; prec <= 17; prec++) {
            snprintf(buf, len, "%.*g", prec, json_real_value(v));
            if (strtod(buf, NULL) == json_real_value(v))
                break;
        }
        if (strpbrk(buf, ".en") == NULL && strlen(buf) + 2 < len)
            strcat(buf, ".0");
        return true;
    default:
        return false;
    }
}

/* Add a completed node v (stolen) to the open collection or as the root.
 * text/tlen: the scalar's text when it is used as a key; merge: the scalar
 * is the merge key. line/col: 1-based start mark. */
static int doc_add(doc_state *st, json_t *v, int kind, size_t count, int height, const char *text,
                   size_t tlen, int merge, int line, int col)
{
    doc_frame *f = st->depth > 0 ? &st->stack[st->depth - 1] : NULL;
    int rc = 0;

    if (f == NULL) {
        st->root = v;
        st->have_root = 1;
        return 0;
    }
    f->count += count;
    if (height + 1 > f->height)
        f->height = height + 1;
    if (!f->is_map) {
        if (json_array_append_new(f->node, v) != 0)
            rc = ENOMEM;
        return rc;
    }
    if (!f->have_key) {
        char keybuf[64];

        if (kind != NK_SCALAR) {
            json_decref(v);
            return doc_fail_at(st, HH_EPARSE, "while constructing a mapping", f->line, f->col,
                               line, col, "%s", "found unhashable key");
        }
        /* A key that resolves to a bool, null or number becomes the text
         * JSON gives it (yes: -> "true", 0x10: -> "16"): templates reach
         * Heat as JSON, whose keys are these texts. */
        if (!merge && doc_key_text(v, keybuf, sizeof(keybuf))) {
            text = keybuf;
            tlen = strlen(keybuf);
        }
        json_decref(v);
        f->key = malloc(tlen + 1);
        if (f->key == NULL)
            return ENOMEM;
        memcpy(f->key, text, tlen);
        f->key[tlen] = '\0';
        f->key_len = tlen;
        f->key_merge = merge;
        f->key_line = line;
        f->key_col = col;
        f->have_key = 1;
        return 0;
    }
    if (f->key_merge) {
        rc = doc_merge_value(st, f, v, line, col);
        json_decref(v);
    } else if (json_object_getn(f->node, f->key, f->key_len) != NULL) {
        char rb[256];
        json_decref(v);
        rc = doc_fail_at(st, HH_EPARSE, "while constructing a mapping", f->line, f->col,
                         f->key_line, f->key_col, "found duplicate key %s",
                         doc_repr(rb, sizeof(rb), f->key, f->key_len));
    } else if (json_object_setn_new(f->node, f->key, f->key_len, v) != 0) {
        rc = HH_EPARSE;
        hh_error_set(st->err, rc, NULL, "invalid mapping key");
        hh_error_at(st->err, st->source, f->key_line, f->key_col);
    } else {
        rc = hh_srcmap_put_key(st->map, f->node, f->key, f->key_line, f->key_col);
    }
    free(f->key);
    f->key = NULL;
    f->have_key = 0;
    f->key_merge = 0;
    return rc;
}

static int doc_scalar(doc_state *st, const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    doc_frame *f = st->depth > 0 ? &st->stack[st->depth - 1] : NULL;
    int is_key = f != NULL && f->is_map && !f->have_key;
    const char *tag_text = (const char *)ev->data.scalar.tag;
    int tag = doc_tag_id(tag_text);
    json_t *v = NULL;
    int merge = 0, rc = 0;
    char rb[256];

    if (tag == TG_NONE)
        tag = ev->data.scalar.plain_implicit ? doc_resolve_plain(s, n) : TG_STR;
    if (tag == TG_VALUE && is_key)
        tag = TG_STR; /* flatten_mapping retags '=' keys as str */
    rc = doc_count_node(st, 1, line, col);
    if (rc != 0)
        goto done;
    switch (tag) {
    case TG_STR:
    case TG_TIMESTAMP:
        v = json_stringn(s, n);
        if (v == NULL) {
            rc = doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col, "%s",
                             "scalar is not valid UTF-8 text");
            goto done;
        }
        break;
    case TG_NULL:
        v = json_null();
        break;
    case TG_BOOL: {
        char *low = doc_strip(s, n, 1);
        int b = -1;
        if (low == NULL) {
            rc = ENOMEM;
            goto done;
        }
        if (strlen(low) == n) {
            if (!strcmp(low, "yes") || !strcmp(low, "true") || !strcmp(low, "on"))
                b = 1;
            else if (!strcmp(low, "no") || !strcmp(low, "false") || !strcmp(low, "off"))
                b = 0;
        }
        free(low);
        if (b < 0) {
            rc = doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col, "invalid boolean %s",
                             doc_repr(rb, sizeof(rb), s, n));
            goto done;
        }
        v = json_boolean(b);
        break;
    }
    case TG_INT: {
        json_int_t i = 0;
        rc = doc_construct_int(s, n, &i);
        if (rc == ENOMEM)
            goto done;
        if (rc != 0) {
            rc = doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col,
                             rc == -2 ? "integer %s is out of the 64-bit range"
                                      : "invalid literal for int(): %s",
                             doc_repr(rb, sizeof(rb), s, n));
            goto done;
        }
        v = json_integer(i);
        break;
    }
    case TG_FLOAT: {
        double d = 0;
        rc = doc_construct_float(s, n, &d);
        if (rc == ENOMEM)
            goto done;
        if (rc != 0) {
            rc = doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col,
                             "could not convert string to float: %s",
                             doc_repr(rb, sizeof(rb), s, n));
            goto done;
        }
        /* jansson has no inf/nan: keep Python's str() of the float */
        if (isnan(d))
            v = json_string("nan");
        else if (isinf(d))
            v = json_string(d > 0 ? "inf" : "-inf");
        else
            v = json_real(d);
        break;
    }
    case TG_MERGE:
        if (is_key) {
            merge = 1;
            v = json_null();
            break;
        }
        /* fall through - no constructor for a merge tag as a value */
    case TG_VALUE:
    case TG_UNKNOWN:
        /* an implicit merge or value tag has no tag text in the event */
        rc = doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col,
                         "could not determine a constructor for the tag %s",
                         doc_repr(rb, sizeof(rb), tag == TG_MERGE   ? DOC_TAG_PREFIX "merge"
                                                  : tag == TG_VALUE ? DOC_TAG_PREFIX "value"
                                                                    : tag_text, SIZE_MAX));
        goto done;
    case TG_UNSUPPORTED:
        rc = doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col, "the tag %s is not supported",
                         doc_repr(rb, sizeof(rb), tag_text, SIZE_MAX));
        goto done;
    default: /* TG_SEQ, TG_MAP on a scalar */
        rc = doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col,
                         "expected a %s node, but found scalar",
                         tag == TG_SEQ ? "sequence" : "mapping");
        goto done;
    }
    if (v == NULL) {
        rc = ENOMEM;
        goto done;
    }
    if (!is_key) {
        rc = hh_srcmap_put(st->map, v, line, col);
        if (rc != 0)
            goto done;
    }
    if (ev->data.scalar.anchor != NULL) {
        size_t idx = 0;
        doc_anchor *a = NULL;
        rc = doc_anchor_add(st, (const char *)ev->data.scalar.anchor, NK_SCALAR, line, col, &idx);
        if (rc != 0)
            goto done;
        a = &st->anchors[idx - 1];
        a->text = malloc(n + 1);
        if (a->text == NULL) {
            rc = ENOMEM;
            goto done;
        }
        memcpy(a->text, s, n);
        a->text[n] = '\0';
        a->text_len = n;
        a->merge = merge;
        a->count = 1;
        a->node = json_incref(v);
    }
    rc = doc_add(st, v, NK_SCALAR, 1, 0, s, n, merge, line, col);
    v = NULL;
done:
    json_decref(v);
    return rc;
}

static int doc_alias(doc_state *st, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    doc_anchor *a = doc_anchor_find(st, name);
    char rb[256];
    int rc = 0;

    if (a == NULL)
        return doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col, "found undefined alias %s",
                           doc_repr(rb, sizeof(rb), name, SIZE_MAX));
    if (a->node == NULL)
        return doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col, "%s",
                           "found unconstructable recursive node");
    if (++st->aliases > st->max_aliases)
        return doc_fail_at(st, HH_ELIMIT, NULL, 0, 0, line, col,
                           "document has more than %d aliases", st->max_aliases);
    if (st->depth + a->height > st->max_depth)
        return doc_fail_at(st, HH_ELIMIT, NULL, 0, 0, line, col,
                           "document nesting is deeper than %d levels", st->max_depth);
    rc = doc_count_node(st, a->count, line, col);
    if (rc != 0)
        return rc;
    return doc_add(st, json_incref(a->node), a->kind, a->count, a->height, a->text, a->text_len,
                   a->merge, line, col);
}

static int doc_start(doc_state *st, const yaml_event_t *ev, int is_map)
{
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    const yaml_char_t *tagp = is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    const yaml_char_t *anchor =
        is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    int tag = doc_tag_id((const char *)tagp);
    doc_frame *parent = st->depth > 0 ? &st->stack[st->depth - 1] : NULL;
    doc_frame *f = NULL;
    char rb[256];
    int rc = 0;

    if (parent != NULL && parent->is_map && !parent->have_key)
        return doc_fail_at(st, HH_EPARSE, "while constructing a mapping", parent->line,
                           parent->col, line, col, "%s", "found unhashable key");
    if (tag == TG_UNKNOWN || tag == TG_MERGE || tag == TG_VALUE)
        return doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col,
                           "could not determine a constructor for the tag %s",
                           doc_repr(rb, sizeof(rb), (const char *)tagp, SIZE_MAX));
    if (tag == TG_UNSUPPORTED)
        return doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col, "the tag %s is not supported",
                           doc_repr(rb, sizeof(rb), (const char *)tagp, SIZE_MAX));
    if (tag != TG_NONE && tag != (is_map ? TG_MAP : TG_SEQ))
        return doc_fail_at(st, HH_EPARSE, NULL, 0, 0, line, col,
                           "expected a %s node, but found %s",
                           tag == TG_SEQ ? "sequence" : tag == TG_MAP ? "mapping" : "scalar",
                           is_map ? "mapping" : "sequence");
    if (st->depth + 1 > st->max_depth)
        return doc_fail_at(st, HH_ELIMIT, NULL, 0, 0, line, col,
                           "document nesting is deeper than %d levels", st->max_depth);
    rc = doc_count_node(st, 1, line, col);
    if (rc != 0)
        return rc;
    if (st->depth == st->stack_cap) {
        int ncap = st->stack_cap ? st->stack_cap * 2 : 16;
        doc_frame *n = realloc(st->stack, (size_t)ncap * sizeof(*n));
        if (n == NULL)
            return ENOMEM;
        st->stack = n;
        st->stack_cap = ncap;
    }
    f = &st->stack[st->depth];
    memset(f, 0, sizeof(*f));
    f->node = is_map ? json_object() : json_array();
    if (f->node == NULL)
        return ENOMEM;
    st->depth++;
    f->is_map = is_map;
    f->line = line;
    f->col = col;
    f->count = 1;
    f->height = 1;
    if (anchor != NULL)
        rc = doc_anchor_add(st, (const char *)anchor, is_map ? NK_MAP : NK_SEQ, line, col,
                            &f->anchor);
    return rc;
}

/* Copy key places of src into dst for key. */
static int doc_copy_key_place(doc_state *st, json_t *dst, const json_t *src, const char *key)
{
    int l = 0, c = 0;

    if (hh_srcmap_get_key(st->map, src, key, &l, &c) != 0)
        return 0;
    return hh_srcmap_put_key(st->map, dst, key, l, c);
}

/* Set key of src (a key pointer from iterating src, so its length is
 * known even with NUL bytes in it) to v in dst, with its place. */
static int doc_set_from(doc_state *st, json_t *dst, const json_t *src, const char *key, json_t *v)
{
    size_t klen = json_object_iter_key_len(json_object_key_to_iter(key));

    if (json_object_setn(dst, key, klen, v) != 0)
        return ENOMEM;
    return doc_copy_key_place(st, dst, src, key);
}

/* Apply SafeLoader's flatten_mapping: merged pairs first, own pairs last;
 * a later pair replaces the value and keeps the first one's position. */
static int doc_flatten(doc_state *st, doc_frame *f)
{
    json_t *res = json_object(), *m = NULL, *v = NULL;
    const char *k = NULL;
    size_t i = 0;
    int rc = 0;

    if (res == NULL)
        return ENOMEM;
    json_array_foreach(f->merges, i, m) {
        json_object_foreach(m, k, v) {
            rc = doc_set_from(st, res, m, k, v);
            if (rc != 0)
                goto done;
        }
    }
    json_object_foreach(f->node, k, v) {
        rc = doc_set_from(st, res, f->node, k, v);
        if (rc != 0)
            goto done;
    }
    json_decref(f->node);
    f->node = res;
    res = NULL;
done:
    json_decref(res);
    return rc;
}

static int doc_end(doc_state *st)
{
    doc_frame *f = &st->stack[st->depth - 1];
    json_t *node = NULL;
    int rc = 0;

    if (f->merges != NULL && json_array_size(f->merges) > 0) {
        rc = doc_flatten(st, f);
        if (rc != 0)
            return rc;
    }
    json_decref(f->merges);
    f->merges = NULL;
    free(f->key);
    f->key = NULL;
    rc = hh_srcmap_put(st->map, f->node, f->line, f->col);
    if (rc != 0)
        return rc;
    if (f->anchor > 0) {
        doc_anchor *a = &st->anchors[f->anchor - 1];
        a->node = json_incref(f->node);
        a->count = f->count;
        a->height = f->height;
    }
    node = f->node;
    f->node = NULL;
    st->depth--;
    /* f is popped; add to the parent */
    return doc_add(st, node, json_is_object(node) ? NK_MAP : NK_SEQ, f->count, f->height, NULL, 0,
                   0, f->line, f->col);
}

static void doc_state_free(doc_state *st)
{
    for (int i = 0; i < st->depth; i++) {
        json_decref(st->stack[i].node);
        json_decref(st->stack[i].merges);
        free(st->stack[i].key);
    }
    free(st->stack);
    for (size_t i = 0; i < st->nanchors; i++) {
        free(st->anchors[i].name);
        free(st->anchors[i].text);
        json_decref(st->anchors[i].node);
    }
    free(st->anchors);
    free(st->anchor_slots);
    json_decref(st->root);
    hh_srcmap_free(st->map);
}

static int doc_parse_yaml(doc_state *st)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int rc = 0, docs = 0, done = 0, doc_line = 0, doc_col = 0;

    if (!yaml_parser_initialize(&parser))
        return ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)st->text, st->len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    while (!done && rc == 0) {
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = doc_parser_fail(st, &parser);
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (docs++ > 0) {
                rc = doc_fail(st, HH_EPARSE, "expected a single document in the stream", doc_line,
                              doc_col, "but found another document", (int)ev.start_mark.line,
                              (int)ev.start_mark.column);
                break;
            }
            doc_line = (int)ev.start_mark.line;
            doc_col = (int)ev.start_mark.column;
            break;
        case YAML_SCALAR_EVENT:
            rc = doc_scalar(st, &ev);
            break;
        case YAML_ALIAS_EVENT:
            rc = doc_alias(st, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            rc = doc_start(st, &ev, 0);
            break;
        case YAML_MAPPING_START_EVENT:
            rc = doc_start(st, &ev, 1);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            rc = st->depth > 0 ? doc_end(st) : HH_EINTERNAL;
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    if (rc == HH_EINTERNAL)
        hh_error_set(st->err, rc, NULL, "unbalanced YAML events");
    if (rc == 0 && (!st->have_root || json_is_null(st->root))) {
        /* simple_parse: a YAML document that is None becomes {} */
        json_decref(st->root);
        st->root = json_object();
        if (st->root == NULL)
            rc = ENOMEM;
    }
    return rc;
}

/* ---- JSON -------------------------------------------------------------- */

typedef struct doc_jframe {
    json_t *node;
    size_t index;
    json_t *next; /* object: value of the key just read */
    int want_key;
} doc_jframe;

/* Places for a JSON tree: read the text as YAML flow and walk in step;
 * stop quietly at the first disagreement (places stay partial). */
static int doc_json_places(doc_state *st, json_t *root)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    doc_jframe *stack = NULL;
    size_t depth = 0, cap = 0;
    int rc = 0, stop = 0, root_used = 0;

    if (!yaml_parser_initialize(&parser))
        return ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)st->text, st->len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    while (!stop && rc == 0 && yaml_parser_parse(&parser, &ev)) {
        doc_jframe *top = depth > 0 ? &stack[depth - 1] : NULL;
        json_t *target = NULL;
        int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
        int is_start = ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT;

        if (ev.type == YAML_STREAM_END_EVENT || ev.type == YAML_ALIAS_EVENT) {
            stop = 1;
        } else if (ev.type == YAML_SCALAR_EVENT && top != NULL && json_is_object(top->node) &&
                   top->want_key) {
            const char *k = (const char *)ev.data.scalar.value;
            top->next = json_object_getn(top->node, k, ev.data.scalar.length);
            top->want_key = 0;
            if (top->next == NULL)
                stop = 1;
            else
                rc = hh_srcmap_put_key(st->map, top->node, k, line, col);
        } else if (ev.type == YAML_SCALAR_EVENT || is_start) {
            if (top == NULL) {
                target = root_used ? NULL : root;
                root_used = 1;
            } else if (json_is_array(top->node)) {
                target = json_array_get(top->node, top->index++);
            } else {
                target = top->next;
                top->next = NULL;
                top->want_key = 1;
            }
            if (target == NULL ||
                (ev.type == YAML_SCALAR_EVENT && (json_is_object(target) || json_is_array(target))) ||
                (ev.type == YAML_SEQUENCE_START_EVENT && !json_is_array(target)) ||
                (ev.type == YAML_MAPPING_START_EVENT && !json_is_object(target))) {
                stop = 1;
            } else {
                rc = hh_srcmap_put(st->map, target, line, col);
                if (rc == 0 && is_start) {
                    if (depth == cap) {
                        size_t ncap = cap ? cap * 2 : 16;
                        doc_jframe *n = realloc(stack, ncap * sizeof(*n));
                        if (n == NULL) {
                            rc = ENOMEM;
                        } else {
                            stack = n;
                            cap = ncap;
                        }
                    }
                    if (rc == 0)
                        stack[depth++] = (doc_jframe){target, 0, NULL, 1};
                }
            }
        } else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
            if (depth == 0)
                stop = 1;
            else
                depth--;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    free(stack);
    return rc;
}

/* Depth and node count of a JSON tree (jansson bounds its depth at 2048,
 * so the recursion is bounded). 0, or HH_ELIMIT with the place. */
static int doc_json_check(doc_state *st, json_t *v, int depth)
{
    int rc = 0;
    int l = 0, c = 0;

    st->nodes++;
    if (json_is_array(v) || json_is_object(v)) {
        if (depth + 1 > st->max_depth) {
            hh_srcmap_get(st->map, v, &l, &c);
            hh_error_set(st->err, HH_ELIMIT, NULL, "document nesting is deeper than %d levels",
                         st->max_depth);
            hh_error_at(st->err, st->source, l, c);
            return HH_ELIMIT;
        }
    }
    if (st->nodes > st->max_nodes) {
        hh_srcmap_get(st->map, v, &l, &c);
        hh_error_set(st->err, HH_ELIMIT, NULL, "document expands to more than %zu nodes",
                     st->max_nodes);
        hh_error_at(st->err, st->source, l, c);
        return HH_ELIMIT;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            rc = doc_json_check(st, e, depth + 1);
            if (rc != 0)
                break;
        }
    } else if (json_is_object(v)) {
        const char *k;
        json_t *e;
        json_object_foreach(v, k, e) {
            st->nodes++; /* the key */
            rc = doc_json_check(st, e, depth + 1);
            if (rc != 0)
                break;
        }
    }
    return rc;
}

/* 1 with st->root set if the text is JSON, 0 if not, or an error rc < 0 / errno. */
static int doc_parse_json(doc_state *st)
{
    json_error_t jerr;
    json_t *v = json_loadb(st->text, st->len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    int rc = 0;

    /* jansson stops at a NUL byte; Python's json.loads refuses it */
    if (v != NULL && memchr(st->text, '\0', st->len) != NULL) {
        json_decref(v);
        v = NULL;
    }
    if (v == NULL)
        return 0;
    st->root = v;
    rc = doc_json_places(st, v);
    if (rc == 0)
        rc = doc_json_check(st, v, 0);
    return rc == 0 ? 1 : rc;
}

/* ---- entry -------------------------------------------------------------- */

int hh_doc_parse(const char *text, size_t len, const char *source, const hh_doc_limits *lim,
                 json_t **out, hh_srcmap **map, hh_error *err)
{
    doc_state st;
    int rc = 0;

    memset(&st, 0, sizeof(st));
    hh_error_clear(err);
    if (out != NULL)
        *out = NULL;
    if (map != NULL)
        *map = NULL;
    if (lim == NULL)
        lim = &hh_doc_limits_default;
    if (out == NULL || (text == NULL && len > 0)) {
        rc = hh_error_set(err, EINVAL, NULL, "no text or no result given");
        goto done;
    }
    if (text == NULL)
        text = "";
    st.text = text;
    st.len = len;
    st.err = err;
    st.source = source;
    st.max_depth = lim->max_depth > 0 ? lim->max_depth : DOC_DEPTH_DEFAULT;
    if (st.max_depth > DOC_DEPTH_CAP)
        st.max_depth = DOC_DEPTH_CAP;
    st.max_aliases = lim->max_aliases > 0 ? lim->max_aliases : DOC_ALIASES_DEFAULT;
    st.max_nodes = lim->max_nodes > 0 ? lim->max_nodes : DOC_NODES_DEFAULT;
    if (lim->max_size > 0 && len > lim->max_size) {
        rc = hh_error_set(err, HH_ELIMIT, NULL,
                          "Template size (%zu bytes) exceeds maximum allowed size (%zu bytes).",
                          len, lim->max_size);
        hh_error_at(err, source, 0, 0);
        goto done;
    }
    st.map = hh_srcmap_new();
    if (st.map == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto done;
    }
    rc = doc_parse_json(&st);
    if (rc == 1) {
        rc = 0;
    } else if (rc == 0) {
        json_decref(st.root);
        st.root = NULL;
        rc = doc_parse_yaml(&st);
    }
    if (rc == ENOMEM && (err == NULL || err->rc == 0))
        hh_error_set(err, ENOMEM, NULL, "out of memory");
    if (rc != 0)
        goto done;
    *out = st.root;
    st.root = NULL;
    if (map != NULL) {
        *map = st.map;
        st.map = NULL;
    }
done:
    doc_state_free(&st);
    return rc;
}
