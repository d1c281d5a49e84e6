/* srcmap: where each node of a loaded document came from.
 *
 * A map from json_t node addresses to (line, column), and from (object
 * address, key) to the place of that key. The loader fills it; validators
 * look nodes and keys up to put a place on their errors. Nodes must not be
 * freed or replaced while the map is used (the tree is read-only after load).
 * Singleton nodes (true, false, null) have no entry of their own: look up the
 * key or the containing node instead.
 *
 * Table: open addressing with linear probing, grown to keep the load factor
 * at or below 1/2, so put and get are O(1) on average.
 */
#ifndef HH_SRCMAP_H
#define HH_SRCMAP_H

#include <jansson.h>
#include <stddef.h>

typedef struct hh_srcmap hh_srcmap;

/* New empty map, NULL on ENOMEM. */
hh_srcmap *hh_srcmap_new(void);
/* Free map and its entries (not the nodes). map may be NULL. */
void hh_srcmap_free(hh_srcmap *map);

/* Record node at line/column (1-based); a second put for the same node
 * replaces the place. Singletons (true, false, null) are ignored.
 * 0 or ENOMEM. */
int hh_srcmap_put(hh_srcmap *map, const json_t *node, int line, int column);

/* 0 and the place, or HH_ENOTFOUND. map may be NULL (then HH_ENOTFOUND).
 * line or column may be NULL. */
int hh_srcmap_get(const hh_srcmap *map, const json_t *node, int *line, int *column);

/* Record the place of key in object (the key text is copied; object is only
 * used as an address). A second put for the same pair replaces the place.
 * 0 or ENOMEM. */
int hh_srcmap_put_key(hh_srcmap *map, const json_t *object, const char *key, int line,
                      int column);

/* 0 and the place of key in object, or HH_ENOTFOUND. map may be NULL. */
int hh_srcmap_get_key(const hh_srcmap *map, const json_t *object, const char *key, int *line,
                      int *column);

/* Number of entries (nodes and keys). */
size_t hh_srcmap_count(const hh_srcmap *map);

#endif
