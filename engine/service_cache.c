/* service_cache: answers of read methods kept while the store's data is
 * unchanged (see service_internal.h).
 *
 * An entry is one method's answer for one key (the method, the context's
 * tenant and admin flag, the arguments as sorted compact JSON) at one data
 * version (hh_store_data_version). A lookup takes the version on the
 * call's own handle before the method reads anything, so an answer stored
 * under a version was read after that version was taken, and the store's
 * protocol makes a version stay only while no commit came. Entries of
 * another version are never answered, older ones are replaced first; otherwise
 * slots are replaced round-robin. The answers are shared: every caller
 * gets a reference to the same value and must not change it (rpc.h),
 * which jansson's atomic reference counts make safe across threads. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "service_internal.h"

#define CACHE_SLOTS 8

typedef struct cache_slot {
    char *key;        /* NULL: empty */
    uint64_t version; /* the data version the answer was read at */
    json_t *answer;
} cache_slot;

struct hh_svc_cache {
    pthread_mutex_t lock;
    cache_slot slots[CACHE_SLOTS];
    unsigned next; /* round-robin victim */
};

hh_svc_cache *hh_svc_cache_new(void)
{
    hh_svc_cache *k = calloc(1, sizeof(*k));

    if (k != NULL)
        pthread_mutex_init(&k->lock, NULL);
    return k;
}

static void slot_clear(cache_slot *s)
{
    free(s->key);
    json_decref(s->answer);
    *s = (cache_slot){0};
}

void hh_svc_cache_free(hh_svc_cache *k)
{
    if (k == NULL)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        slot_clear(&k->slots[i]);
    pthread_mutex_destroy(&k->lock);
    free(k);
}

/* The key of c: method, tenant (or "*" for an admin, who lists every
 * tenant's), arguments. New string or NULL. */
static char *call_key(const hh_svc_call *c)
{
    char *args = json_dumps(c->args, JSON_COMPACT | JSON_SORT_KEYS);
    const char *who = c->ctx->is_admin ? "*" : c->ctx->tenant;
    size_t len;
    char *key = NULL;

    if (args == NULL)
        return NULL;
    len = strlen(c->req->method) + strlen(who) + strlen(args) + 3;
    if ((key = malloc(len)) != NULL) {
        /* unambiguous: neither a method name nor compact JSON holds a
         * newline, so the first and the last one split the key */
        strcpy(key, c->req->method);
        strcat(key, "\n");
        strcat(key, who);
        strcat(key, "\n");
        strcat(key, args);
    }
    free(args);
    return key;
}

bool hh_svc_cache_get(hh_svc_cache *k, const hh_svc_call *c, hh_svc_cache_query *q, json_t **answer)
{
    hh_error err;

    *q = (hh_svc_cache_query){0};
    *answer = NULL;
#if JANSSON_THREAD_SAFE_REFCOUNT
    if (k == NULL)
        return false;
    hh_error_clear(&err);
    if (hh_store_data_version(c->st, &q->version, &err) != 0 || (q->key = call_key(c)) == NULL)
        return false;
    pthread_mutex_lock(&k->lock);
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        cache_slot *s = &k->slots[i];

        if (s->key != NULL && s->version == q->version && strcmp(s->key, q->key) == 0) {
            *answer = json_incref(s->answer);
            break;
        }
    }
    pthread_mutex_unlock(&k->lock);
    if (*answer != NULL) {
        free(q->key);
        q->key = NULL;
    }
    return *answer != NULL;
#else
    (void)k;
    (void)c;
    (void)err;
    return false;
#endif
}

void hh_svc_cache_put(hh_svc_cache *k, hh_svc_cache_query *q, json_t *answer)
{
    cache_slot *victim = NULL;

    if (k == NULL || q->key == NULL || answer == NULL) {
        free(q->key);
        q->key = NULL;
        return;
    }
    pthread_mutex_lock(&k->lock);
    for (size_t i = 0; i < CACHE_SLOTS && victim == NULL; i++) {
        cache_slot *s = &k->slots[i];

        if (s->key != NULL && strcmp(s->key, q->key) == 0)
            victim = s;
    }
    /* a newer answer of the same key is kept */
    if (victim != NULL && victim->version > q->version) {
        victim = NULL;
        free(q->key);
        goto done;
    }
    for (size_t i = 0; i < CACHE_SLOTS && victim == NULL; i++) {
        cache_slot *s = &k->slots[i];

        if (s->key == NULL || s->version < q->version)
            victim = s;
    }
    if (victim == NULL)
        victim = &k->slots[k->next++ % CACHE_SLOTS];
    slot_clear(victim);
    victim->key = q->key;
    victim->version = q->version;
    victim->answer = json_incref(answer);
done:
    pthread_mutex_unlock(&k->lock);
    q->key = NULL;
}
