/* srcmap: where each node of a loaded document came from.
 *
 * A map from json_t node addresses to (line, column). The loader fills it;
 * validators look nodes up to put a place on their errors. Nodes must not be
 * freed or replaced while the map is used (the tree is read-only after load).
 * Singleton nodes (true, false, null) have no entry of their own.
 */
#ifndef HH_SRCMAP_H
#define HH_SRCMAP_H

#include <jansson.h>

typedef struct hh_srcmap hh_srcmap;

/* New empty map, NULL on ENOMEM. */
hh_srcmap *hh_srcmap_new(void);
void hh_srcmap_free(hh_srcmap *map);

/* Record node at line/column (1-based). 0 or ENOMEM. */
int hh_srcmap_put(hh_srcmap *map, const json_t *node, int line, int column);

/* 0 and the place, or HH_ENOTFOUND. map may be NULL (then HH_ENOTFOUND). */
int hh_srcmap_get(const hh_srcmap *map, const json_t *node, int *line, int *column);

#endif
