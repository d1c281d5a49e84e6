/* hh_json: JSON helpers every program shares (jansson trees). */
#ifndef HH_JSON_H
#define HH_JSON_H

#include <jansson.h>

/* python-heatclient's template_utils.deep_update: merge new into old (both
 * borrowed; old changed in place, which must be an object): nested
 * mappings merge recursively, a null never replaces a mapping, anything
 * else replaces the old value (a copy). 0 or ENOMEM. */
int hh_json_deep_update(json_t *old, const json_t *new_value);

/* The text json_dumps(v, JSON_ENCODE_ANY | JSON_ENSURE_ASCII) gives, byte
 * for byte (", " and ": " separators, objects in insertion order,
 * non-ASCII as \uXXXX and surrogate pairs), made in one buffer in one pass:
 * the HTTP answers' encoder (jansson's callback per piece was a third of
 * the cost of a list of 100 stacks). v is borrowed; *len (may be NULL) the
 * length. NULL when out of memory, a string is not UTF-8, or v nests
 * deeper than 2048 levels (json_dumps fails there too, or overflows). */
char *hh_json_dump_ascii(const json_t *v, size_t *len);

#endif
