/* srcmap: node address -> place, (object address, key) -> place.
 * Open addressing, linear probing, capacity a power of two, load <= 1/2. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hh_error.h"
#include "srcmap.h"

typedef struct srcmap_ent {
    const void *node; /* NULL marks an empty slot */
    char *key;        /* owned; NULL for a node entry */
    uint64_t hash;
    int line;
    int column;
} srcmap_ent;

struct hh_srcmap {
    srcmap_ent *ents;
    size_t cap; /* power of two, or 0 before the first put */
    size_t count;
};

#define SRCMAP_MIN_CAP 64

/* splitmix64 finaliser on the address, FNV-1a on the key. */
static uint64_t srcmap_hash(const void *node, const char *key)
{
    uint64_t h = (uint64_t)(uintptr_t)node;

    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    if (key != NULL) {
        uint64_t f = 0xcbf29ce484222325ULL;
        for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++) {
            f ^= *p;
            f *= 0x100000001b3ULL;
        }
        h ^= f + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    return h;
}

static int srcmap_same(const srcmap_ent *e, const void *node, const char *key, uint64_t hash)
{
    if (e->node != node || e->hash != hash)
        return 0;
    if (key == NULL || e->key == NULL)
        return key == NULL && e->key == NULL;
    return strcmp(e->key, key) == 0;
}

/* Slot holding (node, key), or the empty slot where it would go. */
static srcmap_ent *srcmap_slot(srcmap_ent *ents, size_t cap, const void *node, const char *key,
                               uint64_t hash)
{
    size_t mask = cap - 1;
    size_t i = (size_t)hash & mask;

    while (ents[i].node != NULL && !srcmap_same(&ents[i], node, key, hash))
        i = (i + 1) & mask;
    return &ents[i];
}

static int srcmap_grow(hh_srcmap *map)
{
    size_t ncap = map->cap ? map->cap * 2 : SRCMAP_MIN_CAP;
    srcmap_ent *n = NULL;

    if (ncap < map->cap)
        return ENOMEM;
    n = calloc(ncap, sizeof(*n));
    if (n == NULL)
        return ENOMEM;
    for (size_t i = 0; i < map->cap; i++) {
        srcmap_ent *e = &map->ents[i];
        if (e->node != NULL)
            *srcmap_slot(n, ncap, e->node, e->key, e->hash) = *e;
    }
    free(map->ents);
    map->ents = n;
    map->cap = ncap;
    return 0;
}

hh_srcmap *hh_srcmap_new(void)
{
    return calloc(1, sizeof(hh_srcmap));
}

void hh_srcmap_free(hh_srcmap *map)
{
    if (map == NULL)
        return;
    for (size_t i = 0; i < map->cap; i++)
        free(map->ents[i].key);
    free(map->ents);
    free(map);
}

static int srcmap_put(hh_srcmap *map, const void *node, const char *key, int line, int column)
{
    uint64_t hash = srcmap_hash(node, key);
    srcmap_ent *e = NULL;
    int rc = 0;

    if ((map->count + 1) * 2 > map->cap) {
        rc = srcmap_grow(map);
        if (rc != 0)
            goto done;
    }
    e = srcmap_slot(map->ents, map->cap, node, key, hash);
    if (e->node == NULL) {
        char *copy = NULL;
        if (key != NULL) {
            copy = strdup(key);
            if (copy == NULL) {
                rc = ENOMEM;
                goto done;
            }
        }
        e->node = node;
        e->key = copy;
        e->hash = hash;
        map->count++;
    }
    e->line = line;
    e->column = column;
done:
    return rc;
}

static int srcmap_get(const hh_srcmap *map, const void *node, const char *key, int *line,
                      int *column)
{
    const srcmap_ent *e = NULL;

    if (map == NULL || map->cap == 0 || node == NULL)
        return HH_ENOTFOUND;
    e = srcmap_slot(map->ents, map->cap, node, key, srcmap_hash(node, key));
    if (e->node == NULL)
        return HH_ENOTFOUND;
    if (line != NULL)
        *line = e->line;
    if (column != NULL)
        *column = e->column;
    return 0;
}

static int srcmap_singleton(const json_t *node)
{
    return json_is_true(node) || json_is_false(node) || json_is_null(node);
}

int hh_srcmap_put(hh_srcmap *map, const json_t *node, int line, int column)
{
    if (node == NULL || srcmap_singleton(node))
        return 0;
    return srcmap_put(map, node, NULL, line, column);
}

int hh_srcmap_get(const hh_srcmap *map, const json_t *node, int *line, int *column)
{
    if (node == NULL || srcmap_singleton(node))
        return HH_ENOTFOUND;
    return srcmap_get(map, node, NULL, line, column);
}

int hh_srcmap_put_key(hh_srcmap *map, const json_t *object, const char *key, int line,
                      int column)
{
    if (object == NULL || key == NULL)
        return 0;
    return srcmap_put(map, object, key, line, column);
}

int hh_srcmap_get_key(const hh_srcmap *map, const json_t *object, const char *key, int *line,
                      int *column)
{
    if (key == NULL)
        return HH_ENOTFOUND;
    return srcmap_get(map, object, key, line, column);
}

size_t hh_srcmap_count(const hh_srcmap *map)
{
    return map ? map->count : 0;
}
