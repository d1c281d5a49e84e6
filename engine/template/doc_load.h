/* doc_load: YAML or JSON text -> one jansson tree, with source positions.
 *
 * Heat's rules (heat/common/template_format.py simple_parse):
 *  - the text is first read as strict JSON (any value at the top); only if
 *    that fails is it read as YAML, and a failure is reported with YAML's
 *    error. JSON numbers without fraction or exponent are json_integer,
 *    others json_real. Duplicate JSON keys make the JSON read fail, so the
 *    YAML reader reports them.
 *  - YAML is read with the YAML 1.1 safe resolver (PyYAML SafeLoader)
 *    except that timestamps stay strings, so heat_template_version:
 *    2015-10-15 is the string "2015-10-15". Plain scalars: ~ null Null NULL
 *    and empty are null; yes/no/true/false/on/off in lower, Capital or UPPER
 *    case are booleans; 0b binary, 0 octal, 0x hex, decimal and base-60
 *    (1:30) integers with '_' separators are json_integer; floats need a
 *    dot (1e3 is a string, 1.0e+3 is 1000.0), base-60 floats (1:30.5) too.
 *    Quoted scalars are strings. Tags !!str !!int !!float !!bool !!null
 *    !!timestamp (a string) !!seq !!map are honoured as PyYAML's safe
 *    constructor does; !!binary !!omap !!pairs !!set are refused (they have
 *    no JSON form); any other tag is refused with "could not determine a
 *    constructor for the tag". Merge keys (<<) merge as SafeLoader does:
 *    merged keys come first, keys written in the mapping override them,
 *    earlier mappings of a merge list override later ones.
 *  - A YAML stream holding no document, or whose document is null, gives
 *    an empty object (as simple_parse turns None into {}). JSON null stays
 *    null. More than one YAML document is an error.
 *
 * Differences from Heat, chosen because jansson has no form for them:
 *  - .inf, -.inf, .nan and floats that overflow become the strings "inf",
 *    "-inf" and "nan" (Python's str() of those floats).
 *  - Integers outside the 64-bit range are a parse error.
 *  - Mapping keys are strings: a scalar key such as 1, 0x10 or yes becomes
 *    the text written ("1", "0x10", "yes"; null keys ~ and empty give "~"
 *    and ""). A sequence or mapping as a key is an error ("found unhashable
 *    key"). Duplicate keys in one mapping are refused ("found duplicate key"),
 *    where PyYAML keeps the last.
 *  - An alias is the anchored node itself (a new reference to the same
 *    json_t, as PyYAML yields the same object): the tree can be a DAG and
 *    must be treated as read-only; copy (json_deep_copy) before changing it.
 *    An alias to an anchor whose collection is still open (a recursive
 *    structure) is refused.
 *
 * Bounds (hh_doc_limits): the text size; the nesting depth of collections
 * (an alias counts with the depth of what it names); the number of aliases;
 * the number of nodes after alias expansion, counted as aliases resolve
 * (each alias adds its anchor's node count), so "billion laughs" is refused
 * as soon as the count passes max_nodes, in time proportional to the text.
 */
#ifndef HH_DOC_LOAD_H
#define HH_DOC_LOAD_H

#include <jansson.h>
#include <stddef.h>

#include "hh_error.h"
#include "srcmap.h"

typedef struct hh_doc_limits {
    size_t max_size;  /* bytes of text; 0 = unlimited */
    int max_depth;    /* nesting of sequences and mappings; 0 = default 100;
                         values above 1000 count as 1000 (jansson frees and
                         dumps trees recursively) */
    int max_aliases;  /* alias nodes (*ref) in the text; 0 = default 100 */
    size_t max_nodes; /* nodes (keys included) after alias expansion; 0 = default 1000000 */
} hh_doc_limits;

/* Default limits: max_size 524288 (Heat's max_template_size), the other
 * fields at their defaults. */
extern const hh_doc_limits hh_doc_limits_default;

/* Parse text[0..len) into *out (new reference). text need not end in NUL
 * and is read as UTF-8. source names the text in err->source ("template.yaml",
 * "<body>"); it may be NULL. lim NULL means hh_doc_limits_default. If map is
 * not NULL it receives a new hh_srcmap (free with hh_srcmap_free) giving the
 * line and column of each collection and non-singleton scalar node, and of
 * each mapping key (hh_srcmap_get_key). For JSON text the places are
 * best-effort (found by reading the text again as YAML flow).
 *
 * On failure *out and *map are left NULL and the return is HH_EPARSE
 * (syntax, tags, duplicate or unhashable keys, undefined aliases),
 * HH_ELIMIT (a bound) or ENOMEM; err gets the message, err->type NULL (the
 * caller names the Heat exception and prefixes "Error parsing template
 * <source> ") and the 1-based line and column of the problem. Messages have
 * PyYAML's shape: "<context>\n  in \"<unicode string>\", line L, column C:\n
 * <snippet>\n<problem>\n  in ..." with libyaml's context and problem words
 * for syntax errors. The size bound gives Heat's "Template size (N bytes)
 * exceeds maximum allowed size (M bytes)." */
int hh_doc_parse(const char *text, size_t len, const char *source, const hh_doc_limits *lim,
                 json_t **out, hh_srcmap **map, hh_error *err);

#endif
