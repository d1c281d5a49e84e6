/* hh_json: JSON helpers every program shares (jansson trees). */
#ifndef HH_JSON_H
#define HH_JSON_H

#include <jansson.h>

/* python-heatclient's template_utils.deep_update: merge new into old (both
 * borrowed; old changed in place, which must be an object): nested
 * mappings merge recursively, a null never replaces a mapping, anything
 * else replaces the old value (a copy). 0 or ENOMEM. */
int hh_json_deep_update(json_t *old, const json_t *new_value);

#endif
