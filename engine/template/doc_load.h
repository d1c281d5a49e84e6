/* doc_load: YAML or JSON text -> one jansson tree, with source positions.
 *
 * Heat's rules (heat/common/template_format.py): text whose first
 * non-blank character is '{' is JSON, anything else is YAML read with the
 * YAML 1.1 safe resolver except that timestamps stay strings (so
 * heat_template_version: 2015-10-15 is the string "2015-10-15").
 * Duplicate mapping keys are refused. Mapping keys are strings (a scalar key
 * such as 1 or true becomes its text).
 *
 * Bounds (hh_doc_limits): the text size, the nesting depth of collections
 * and the number of alias expansions ("billion laughs" is refused fast,
 * before any expansion is built).
 */
#ifndef HH_DOC_LOAD_H
#define HH_DOC_LOAD_H

#include <jansson.h>
#include <stddef.h>

#include "hh_error.h"
#include "srcmap.h"

typedef struct hh_doc_limits {
    size_t max_size;    /* bytes of text; 0 = unlimited */
    int max_depth;      /* nesting of sequences and mappings; 0 = default 100 */
    int max_aliases;    /* alias nodes (*ref) in the text; 0 = default 100 */
    size_t max_nodes;   /* nodes after alias expansion; 0 = default 1000000 */
} hh_doc_limits;

/* Default limits: max_size 524288 (Heat's max_template_size). */
extern const hh_doc_limits hh_doc_limits_default;

/* Parse text[0..len) into *out (new reference). source names the text in
 * errors ("template.yaml", "<body>"). If map is not NULL it receives a new
 * hh_srcmap giving each container and scalar node's line and column.
 * On failure returns HH_EPARSE (syntax, duplicate key) or HH_ELIMIT and fills
 * err with Heat's wording and the 1-based line and column. */
int hh_doc_parse(const char *text, size_t len, const char *source, const hh_doc_limits *lim,
                 json_t **out, hh_srcmap **map, hh_error *err);

#endif
