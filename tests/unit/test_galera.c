/* The store on a Galera cluster (tests/store/galera.sh starts one with
 * tests/lib/galera.sh and runs this with GALERA_URL_1..3 set): a write
 * transaction on node 1 loses the certification race to a write of the
 * same row on node 2 (1213); the store re-runs it whole and its effects
 * appear once on every node. When what it read changed, the re-run fails
 * (EBUSY) and nothing of it appears. Reads see the latest write of any
 * node (wsrep_sync_wait). Two nodes cannot both create a stack name. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"

static const char *jstr(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s != NULL ? s : "(none)";
}

/* The URL of database db on node (1-based). *out: new. */
static char *node_url(int node, const char *db)
{
    char var[32], *url = NULL;
    const char *base, *q;

    snprintf(var, sizeof(var), "GALERA_URL_%d", node);
    base = getenv(var);
    if (base == NULL || (q = strchr(base, '?')) == NULL)
        return NULL;
    if (asprintf(&url, "%.*s%s%s&db_retry_interval=0.01", (int)(q - base), base, db, q) < 0)
        return NULL;
    return url;
}

static hh_store *open_node(int node, const char *db)
{
    char *url = node_url(node, db);
    hh_store *st = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (url == NULL || hh_store_open(url, &st, &err) != 0)
        diag("open node %d: %s", node, err.message);
    free(url);
    return st;
}

typedef struct world {
    hh_store *n1, *n2, *n3;
    char stack[HH_STORE_ID_LEN];
    int64_t res;
} world;

/* A database on the cluster with a stack and a resource; a handle on each
 * node. */
static int world_new(const char *db, world *w)
{
    char *url = NULL;
    hh_store_stack_spec sp = {.name = db, .tenant = "g"};
    hh_store_resource_spec rs = {.name = "a"};
    json_t *t = json_pack("{s:s}", "heat_template_version", "2018-08-31");
    hh_error err;
    int rc;

    memset(w, 0, sizeof(*w));
    hh_error_clear(&err);
    rc = hh_store_create_database(getenv("GALERA_URL_1"), db, &url, &err);
    free(url);
    if (rc != 0) {
        diag("create database: %s", err.message);
        json_decref(t);
        return rc;
    }
    w->n1 = open_node(1, db);
    rc = EIO;
    if (w->n1 == NULL || (rc = hh_store_db_sync(w->n1, -1, &err)) != 0 ||
        (rc = hh_store_template_create(w->n1, 0, t, NULL, NULL, &sp.raw_template_id, &err)) != 0 ||
        (rc = hh_store_stack_create(w->n1, 0, &sp, w->stack, &err)) != 0)
        goto done;
    rs.stack_id = w->stack;
    if ((rc = hh_store_resource_create(w->n1, 0, &rs, &w->res, NULL, &err)) != 0)
        goto done;
    /* the other nodes see all of it at once (wsrep_sync_wait) */
    w->n2 = open_node(2, db);
    w->n3 = open_node(3, db);
    rc = w->n2 != NULL && w->n3 != NULL ? 0 : EIO;
done:
    if (rc != 0)
        diag("world: %s", err.message);
    json_decref(t);
    return rc;
}

static void world_free(world *w)
{
    hh_store_close(w->n1);
    hh_store_close(w->n2);
    hh_store_close(w->n3);
}

static int64_t events_named(hh_store *st, const char *stack, const char *name)
{
    hh_store_list_opts lo = {.filters = json_pack("{s:s}", "resource_name", name)};
    json_t *evs = NULL;
    int64_t n = -1;

    if (hh_store_event_list(st, stack, &lo, &evs, NULL) == 0)
        n = (int64_t)json_array_size(evs);
    json_decref(evs);
    json_decref((json_t *)lo.filters);
    return n;
}

/* Node 1's transaction writes the resource and an event; node 2 writes the
 * resource and commits first. read_stack: node 1 read the stack first and
 * node 2 changes it too. */
static void race(bool read_stack)
{
    char db[64];
    hh_store_event_spec ev = {.resource_name = "n1"};
    json_t *row = NULL;
    world w;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    snprintf(db, sizeof(db), "hh_galera_%s_%ld", read_stack ? "conflict" : "retry", (long)getpid());
    if (!ok(world_new(db, &w) == 0, "%s: a database on the cluster, a handle on each node", db)) {
        world_free(&w);
        return;
    }
    ev.stack_id = w.stack;
    is_int(hh_store_begin(w.n1, &err), 0, "%s: node 1 begins", db);
    if (read_stack) {
        hh_store_stack_get(w.n1, w.stack, false, &row, &err);
        json_decref(row);
        row = NULL;
    }
    is_int(hh_store_resource_set_state(w.n1, 0, w.res, "UPDATE", "IN_PROGRESS", "n1", &err), 0,
           "%s: node 1 updates the resource", db);
    is_int(hh_store_event_create(w.n1, 0, &ev, NULL, &err), 0, "%s: and writes an event", db);
    if (read_stack)
        is_int(hh_store_stack_set_state(w.n2, 0, w.stack, "UPDATE", "IN_PROGRESS", "n2", &err), 0,
               "%s: node 2 changes the stack node 1 read", db);
    is_int(hh_store_resource_set_state(w.n2, 0, w.res, "UPDATE", "IN_PROGRESS", "n2", &err), 0,
           "%s: node 2 updates the same resource and commits first", db);
    rc = hh_store_commit(w.n1, &err);
    ok(hh_store_retries(w.n1) >= 1, "%s: node 1's transaction lost certification and was re-run",
       db);
    hh_store_resource_get(w.n3, w.res, &row, NULL);
    if (!read_stack) {
        is_int(rc, 0, "%s: node 1 committed (%s)", db, err.message);
        is_int(json_integer_value(json_object_get(row, "atomic_key")), 2,
               "%s: node 3 sees the resource updated once by each", db);
        is_str(jstr(row, "status_reason"), "n1", "%s: node 1's update last", db);
        is_int(events_named(w.n3, w.stack, "n1"), 1, "%s: node 1's event is there once (on node 3)",
               db);
        is_int(events_named(w.n2, w.stack, "n1"), 1, "%s: and on node 2", db);
    } else {
        is_int(rc, EBUSY, "%s: node 1's re-run read another stack: EBUSY", db);
        ok(strstr(err.message, "conflict") != NULL, "%s: it says why: %s", db, err.message);
        is_int(json_integer_value(json_object_get(row, "atomic_key")), 1,
               "%s: nothing of node 1's transaction on node 3", db);
        is_str(jstr(row, "status_reason"), "n2", "%s: the resource is node 2's", db);
        is_int(events_named(w.n3, w.stack, "n1"), 0, "%s: no event of it", db);
    }
    json_decref(row);
    world_free(&w);
}

/* Two nodes create a stack of one name at once, neither seeing the other's
 * uncommitted row nor its lock: the database's unique key on a live
 * stack's name makes the later commit lose certification, and its re-run
 * finds the name taken: one stack, on every node. */
static void name_race(void)
{
    char db[64], id1[HH_STORE_ID_LEN], id2[HH_STORE_ID_LEN];
    hh_store_stack_spec sp = {.name = "twin", .tenant = "g"};
    json_t *t = json_pack("{s:s}", "heat_template_version", "2018-08-31");
    int64_t n = -1;
    world w;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    snprintf(db, sizeof(db), "hh_galera_names_%ld", (long)getpid());
    if (!ok(world_new(db, &w) == 0, "%s: a database on the cluster, a handle on each node", db)) {
        world_free(&w);
        json_decref(t);
        return;
    }
    hh_store_template_create(w.n1, 0, t, NULL, NULL, &sp.raw_template_id, &err);
    is_int(hh_store_begin(w.n1, &err), 0, "%s: node 1 begins", db);
    is_int(hh_store_stack_create(w.n1, 0, &sp, id1, &err), 0,
           "%s: node 1 creates stack twin, not committed yet", db);
    is_int(hh_store_stack_create(w.n2, 0, &sp, id2, &err), 0,
           "%s: node 2 creates twin too and commits first", db);
    rc = hh_store_commit(w.n1, &err);
    ok(rc == EBUSY || rc == HH_EEXISTS, "%s: node 1's commit fails (%s)", db, err.message);
    hh_store_stack_count(w.n3, "g", false, &n, NULL);
    is_int(n, 2, "%s: node 3 sees one twin beside the world's stack", db);
    world_free(&w);
    json_decref(t);
}

int main(void)
{
    plan_lazy();
    if (getenv("GALERA_URL_1") == NULL || getenv("GALERA_URL_3") == NULL) {
        printf("1..0 # SKIP no Galera cluster (run by tests/store/galera.sh)\n");
        return 0;
    }
    race(false);
    race(true);
    name_race();
    return done_testing();
}
