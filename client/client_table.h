/* client_table: heatclient's output shapes (heatclient/common/utils.py on
 * prettytable): print_list, print_dict, and the value formatters.
 *
 * Tables are left-aligned with one space of padding and +---+ borders;
 * a cell with newlines spans several lines; widths count code points. A
 * value without a formatter prints as Python's str() of it (None, True,
 * ['a'], {'k': 'v'}).
 */
#ifndef HH_CLIENT_TABLE_H
#define HH_CLIENT_TABLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum hh_fmt {
    HH_FMT_STR = 0, /* str(value) */
    HH_FMT_JSON,    /* json_formatter: indent 2, ", " and ": " separators */
    HH_FMT_WRAP,    /* text_wrap_formatter: lines of at most 55 characters */
    HH_FMT_LINKS,   /* link_formatter: "href (rel)" per line */
    HH_FMT_LINES,   /* newline_list_formatter: one item per line */
} hh_fmt;

/* A field's formatter; arrays of them end with {NULL, 0}. */
typedef struct hh_fmt_rule {
    const char *field;
    hh_fmt fmt;
} hh_fmt_rule;

/* Value v (borrowed, NULL is None) formatted (new string, NULL on ENOMEM). */
char *hh_fmt_value(const json_t *v, hh_fmt fmt);

/* json.dumps(v, indent=2, separators=(item_sep, ": ")) with UTF-8 kept
 * (new string, NULL on ENOMEM). item_sep is "," (jsonutils.dumps with
 * indent) or ", " (heatclient's json_formatter). */
char *hh_fmt_json(const json_t *v, const char *item_sep);

/* print_list: one row per object of objs (borrowed array), the columns
 * fields[0..n) read from each object; sortby is a column index or -1 (rows
 * in the given order). Returns 0 or ENOMEM. */
int hh_print_list(FILE *out, const json_t *objs, const char *const *fields, size_t n, int sortby,
                  const hh_fmt_rule *rules);

/* print_dict: Property/Value rows of obj (borrowed), sorted by property;
 * nothing but a newline when obj is empty. Returns 0 or ENOMEM. */
int hh_print_dict(FILE *out, const json_t *obj, const hh_fmt_rule *rules);

#endif
