/* client_table: prettytable's layout (see client_table.h). */
#include "config.h"

#include "client_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"

#define WRAP_WIDTH 55 /* heatclient's text_wrap_formatter */

/* Code points of the n bytes at s. */
static size_t width_of(const char *s, size_t n)
{
    size_t w = 0;

    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

static void json_to(hh_pybuf *b, const json_t *v, const char *sep, int depth)
{
    size_t i, n;

    if (json_is_array(v) && json_array_size(v) > 0) {
        n = json_array_size(v);
        hh_pybuf_adds(b, "[");
        for (i = 0; i < n; i++) {
            hh_pybuf_addf(b, "%s\n%*s", i ? sep : "", 2 * (depth + 1), "");
            json_to(b, json_array_get(v, i), sep, depth + 1);
        }
        hh_pybuf_addf(b, "\n%*s]", 2 * depth, "");
    } else if (json_is_object(v) && json_object_size(v) > 0) {
        const char *k;
        json_t *x;

        i = 0;
        hh_pybuf_adds(b, "{");
        json_object_foreach((json_t *)v, k, x)
        {
            json_t *key = json_string(k);
            char *ks = key ? json_dumps(key, JSON_ENCODE_ANY) : NULL;

            hh_pybuf_addf(b, "%s\n%*s%s: ", i++ ? sep : "", 2 * (depth + 1), "", ks ? ks : "");
            free(ks);
            json_decref(key);
            json_to(b, x, sep, depth + 1);
        }
        hh_pybuf_addf(b, "\n%*s}", 2 * depth, "");
    } else if (json_is_real(v)) {
        char f[64];

        hh_py_float_repr(json_real_value(v), f, sizeof(f));
        hh_pybuf_adds(b, f);
    } else {
        char *s = json_dumps(v, JSON_ENCODE_ANY);

        hh_pybuf_adds(b, s != NULL ? s : "null");
        free(s);
    }
}

char *hh_fmt_json(const json_t *v, const char *item_sep)
{
    hh_pybuf b = {0};

    json_to(&b, v != NULL ? v : json_null(), item_sep, 0);
    return hh_pybuf_take(&b);
}

/* textwrap.wrap(text, 55) joined by newlines: words separated by
 * whitespace, greedy lines, over-long words broken. */
static void wrap_to(hh_pybuf *b, const char *text)
{
    size_t col = 0;
    const char *p = text;

    while (*p != '\0') {
        size_t n, w;

        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (*p == '\0')
            break;
        n = strcspn(p, " \t\n\r");
        w = width_of(p, n);
        if (col > 0 && col + 1 + w <= WRAP_WIDTH) {
            hh_pybuf_adds(b, " ");
            col++;
        } else if (col > 0) {
            hh_pybuf_adds(b, "\n");
            col = 0;
        }
        while (w > WRAP_WIDTH - col) {
            size_t take = 0, cp = 0;

            while (cp < WRAP_WIDTH - col) {
                take++;
                while (take < n && ((unsigned char)p[take] & 0xC0) == 0x80)
                    take++;
                cp++;
            }
            hh_pybuf_add(b, p, take);
            hh_pybuf_adds(b, "\n");
            p += take;
            n -= take;
            w -= cp;
            col = 0;
        }
        hh_pybuf_add(b, p, n);
        col += w;
        p += n;
    }
}

char *hh_fmt_value(const json_t *v, hh_fmt fmt)
{
    hh_pybuf b = {0};
    size_t i;

    switch (fmt) {
    case HH_FMT_JSON:
        return hh_fmt_json(v, ", ");
    case HH_FMT_WRAP:
        if (json_is_string(v))
            wrap_to(&b, json_string_value(v));
        return hh_pybuf_take(&b);
    case HH_FMT_LINKS:
        for (i = 0; i < json_array_size(v); i++) {
            const json_t *l = json_array_get(v, i);
            const char *href = json_string_value(json_object_get(l, "href"));
            const json_t *rel = json_object_get(l, "rel");

            hh_pybuf_addf(&b, "%s%s", i ? "\n" : "", href ? href : "");
            if (rel != NULL) {
                hh_pybuf_adds(&b, " (");
                hh_py_str_to(&b, rel);
                hh_pybuf_adds(&b, ")");
            }
        }
        return hh_pybuf_take(&b);
    case HH_FMT_LINES:
        for (i = 0; i < json_array_size(v); i++) {
            if (i)
                hh_pybuf_adds(&b, "\n");
            hh_py_str_to(&b, json_array_get(v, i));
        }
        return hh_pybuf_take(&b);
    case HH_FMT_STR:
    default:
        return hh_py_str(json_is_null(v) ? NULL : v);
    }
}

/* ---- the table ---------------------------------------------------------- */

typedef struct table {
    const char *const *head;
    size_t ncol, nrow;
    char ***rows; /* nrow rows of ncol new strings */
    size_t *width;
} table;

static void hrule(FILE *out, const table *t)
{
    for (size_t c = 0; c < t->ncol; c++) {
        fputc('+', out);
        for (size_t i = 0; i < t->width[c] + 2; i++)
            fputc('-', out);
    }
    fputs("+\n", out);
}

/* One row of cells, as many lines as its tallest cell. */
static void row_out(FILE *out, const table *t, const char *const *cells)
{
    const char *pos[64];
    size_t c, ncol = t->ncol < 64 ? t->ncol : 64;
    bool more = true;

    for (c = 0; c < ncol; c++)
        pos[c] = cells[c];
    while (more) {
        more = false;
        for (c = 0; c < ncol; c++) {
            size_t n = pos[c] != NULL ? strcspn(pos[c], "\n") : 0;
            size_t w = pos[c] != NULL ? width_of(pos[c], n) : 0;

            fprintf(out, "| %.*s%*s ", (int)n, pos[c] != NULL ? pos[c] : "", (int)(t->width[c] - w),
                    "");
            if (pos[c] != NULL) {
                pos[c] = pos[c][n] == '\n' ? pos[c] + n + 1 : NULL;
                if (pos[c] != NULL)
                    more = true;
            }
        }
        fputs("|\n", out);
    }
}

static void measure(table *t, const char *s, size_t c)
{
    while (s != NULL) {
        size_t n = strcspn(s, "\n");
        size_t w = width_of(s, n);

        if (w > t->width[c])
            t->width[c] = w;
        s = s[n] == '\n' ? s + n + 1 : NULL;
    }
}

/* qsort has no argument: the sort column and width for row_cmp. The client
 * is single-threaded. */
static size_t sort_col, sort_ncol;

/* prettytable's sort: by the column, ties by the whole row. */
static int row_cmp(const void *a, const void *b)
{
    char *const *ra = *(char **const *)a, *const *rb = *(char **const *)b;
    int d = strcmp(ra[sort_col], rb[sort_col]);

    for (size_t c = 0; d == 0 && c < sort_ncol; c++)
        d = strcmp(ra[c], rb[c]);
    return d;
}

static void table_print(FILE *out, table *t, int sortby)
{
    size_t r, c;

    for (c = 0; c < t->ncol; c++)
        measure(t, t->head[c], c);
    for (r = 0; r < t->nrow; r++)
        for (c = 0; c < t->ncol; c++)
            measure(t, t->rows[r][c], c);
    if (sortby >= 0 && (size_t)sortby < t->ncol && t->nrow > 1) {
        sort_col = (size_t)sortby;
        sort_ncol = t->ncol;
        qsort(t->rows, t->nrow, sizeof(*t->rows), row_cmp);
    }
    hrule(out, t);
    row_out(out, t, t->head);
    hrule(out, t);
    for (r = 0; r < t->nrow; r++)
        row_out(out, t, (const char *const *)t->rows[r]);
    hrule(out, t);
}

static void table_free(table *t)
{
    for (size_t r = 0; r < t->nrow; r++) {
        for (size_t c = 0; c < t->ncol; c++)
            free(t->rows[r][c]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t->width);
}

static hh_fmt fmt_of(const hh_fmt_rule *rules, const char *field)
{
    for (; rules != NULL && rules->field != NULL; rules++)
        if (strcmp(rules->field, field) == 0)
            return rules->fmt;
    return HH_FMT_STR;
}

/* Append a row of ncol cells: each the formatted member of obj (a missing
 * member is ''), or for a dict table the key and its value. */
static int add_row(table *t, const json_t *obj, const char *const *fields, const hh_fmt_rule *rules)
{
    char **row = calloc(t->ncol, sizeof(*row));
    char ***grown;

    if (row == NULL)
        return ENOMEM;
    for (size_t c = 0; c < t->ncol; c++) {
        const json_t *v = json_object_get(obj, fields[c]);

        row[c] = v == NULL ? strdup("") : hh_fmt_value(v, fmt_of(rules, fields[c]));
        if (row[c] == NULL)
            goto oom;
    }
    grown = realloc(t->rows, (t->nrow + 1) * sizeof(*grown));
    if (grown == NULL)
        goto oom;
    t->rows = grown;
    t->rows[t->nrow++] = row;
    return 0;
oom:
    for (size_t c = 0; c < t->ncol; c++)
        free(row[c]);
    free(row);
    return ENOMEM;
}

int hh_print_list(FILE *out, const json_t *objs, const char *const *fields, size_t n, int sortby,
                  const hh_fmt_rule *rules)
{
    table t = {.head = fields, .ncol = n};
    int rc = 0;

    t.width = calloc(n ? n : 1, sizeof(*t.width));
    if (t.width == NULL)
        return ENOMEM;
    for (size_t i = 0; rc == 0 && i < json_array_size(objs); i++)
        rc = add_row(&t, json_array_get(objs, i), fields, rules);
    if (rc == 0)
        table_print(out, &t, sortby);
    table_free(&t);
    return rc;
}

int hh_print_dict(FILE *out, const json_t *obj, const hh_fmt_rule *rules)
{
    static const char *const head[] = {"Property", "Value"};
    table t = {.head = head, .ncol = 2};
    const char *k;
    json_t *v;
    int rc = 0;

    if (json_object_size(obj) == 0) {
        fputc('\n', out);
        return 0;
    }
    t.width = calloc(2, sizeof(*t.width));
    if (t.width == NULL)
        return ENOMEM;
    json_object_foreach((json_t *)obj, k, v)
    {
        json_t *pair = json_pack("{s:s,s:O}", "Property", k, "Value", v);
        hh_fmt_rule r[2] = {{"Value", fmt_of(rules, k)}, {NULL, 0}};

        rc = pair != NULL ? add_row(&t, pair, head, r) : ENOMEM;
        json_decref(pair);
        if (rc != 0)
            break;
    }
    if (rc == 0)
        table_print(out, &t, 0);
    table_free(&t);
    return rc;
}
