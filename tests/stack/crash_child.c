/* crash_child: one engine action on a store, to be killed (-9) at any
 * instruction by tests/stack/crash_resume.sh, and the checks of the store
 * afterwards.
 *
 *   crash_child create URL NAME    take a term, create NAME from the test
 *                                  template, run it to its end
 *   crash_child delete URL NAME    take a term, delete NAME, run to its end
 *   crash_child resume URL         take a term (a newly promoted engine),
 *                                  resume every IN_PROGRESS stack
 *   crash_child update URL NAME    take a term, update NAME to the second
 *                                  template (crash-rb: to one that fails
 *                                  late, so the update rolls back)
 *   crash_child check URL NAME create|delete|absent|update|rollback
 *                                  the store as the action must leave it
 *                                  (absent: no stack of that name at all)
 *
 * The template has CRASH_RESOURCES (202) resources: a chain of Values
 * joined by get_attr, a fan-out of Nones from one root and a fan-in into
 * one, TestResources with small waits referring to them, RandomStrings,
 * and a depends_on chain of Nones. The stack named "crash-fail" has two
 * more: "boom", a TestResource that fails in the middle of the Value chain,
 * and "after_boom" depending on it; its create must end CREATE_FAILED with
 * Heat's reasons, whatever the kill interrupted. The update's template
 * (V_UPDATE) replaces every fourth TestResource (update_replace with a new
 * value) and five RandomStrings (a new length), updates every fourth in
 * place, removes every fourth and adds ten Nones; V_BROKEN adds to it
 * "boom", failing after the rest, so that the update rolls back (the
 * stack "crash-rb" is created with rollback enabled). Exit codes: 0 success,
 * 1 a check failed, 2 usage or setup error. Every loop is bounded; run
 * bounds the action at 120 s. */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack_engine.h"
#include "store.h"

#define N_VALUE 50
#define N_FAN 60
#define N_TEST 40
#define N_RAND 20
#define N_CHAIN 30
#define CRASH_RESOURCES (N_VALUE + N_FAN + N_TEST + N_RAND + N_CHAIN + 2)

/* The failure the failing variant ("crash-fail") ends with. */
#define BOOM_REASON "ValueError: resources.boom: Test Resource failed boom"

static bool failing_variant(const char *name)
{
    return strcmp(name, "crash-fail") == 0;
}

/* The templates of an update: the created one, the update's, and the
 * update's with a late failure. */
enum { V_BASE, V_UPDATE, V_BROKEN };

/* The stack whose update fails and rolls back. */
static bool rollback_variant(const char *name)
{
    return strcmp(name, "crash-rb") == 0;
}

/* The test template; with fail, also "boom" (a TestResource that fails,
 * in the middle of the Value chain) and "after_boom" depending on it;
 * variant as above. */
static json_t *crash_template(bool fail, int variant)
{
    json_t *res = json_object(), *t;
    char name[32], prev[32];
    int i;

    json_object_set_new(res, "root", json_pack("{s:s}", "type", "OS::Heat::None"));
    for (i = 0; i < N_VALUE; i++) {
        snprintf(name, sizeof(name), "value%02d", i);
        snprintf(prev, sizeof(prev), "value%02d", i - 1);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:{s:o}}", "type", "OS::Heat::Value", "properties",
                                      "value",
                                      i == 0 ? json_pack("{s:s}", "get_resource", "root")
                                             : json_pack("{s:[s,s]}", "get_attr", prev, "value")));
    }
    for (i = 0; i < N_FAN; i++) {
        snprintf(name, sizeof(name), "fan%02d", i);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on", "root"));
    }
    for (i = 0; i < N_TEST; i++) {
        json_t *value;

        snprintf(name, sizeof(name), "test%02d", i);
        snprintf(prev, sizeof(prev), "fan%02d", i);
        if (variant != V_BASE && i % 4 == 2)
            continue; /* removed */
        if (variant != V_BASE && i % 4 < 2)
            value = json_pack("{s:[s,[{s:s},s]]}", "list_join", "-", "get_resource", prev, "v2");
        else
            value = json_pack("{s:s}", "get_resource", prev);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:{s:o,s:f,s:b}}", "type", "OS::Heat::TestResource",
                                      "properties", "value", value, "wait_secs", 0.01 * (i % 5 + 1),
                                      "update_replace", i % 4 == 0));
    }
    for (i = 0; i < N_RAND; i++) {
        snprintf(name, sizeof(name), "rand%02d", i);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:{s:i}}", "type", "OS::Heat::RandomString",
                                      "properties", "length",
                                      8 + i + (variant != V_BASE && i < 5)));
    }
    for (i = 0; variant != V_BASE && i < 10; i++) {
        snprintf(name, sizeof(name), "extra%02d", i);
        json_object_set_new(
            res, name, json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on", "chain29"));
    }
    for (i = 0; i < N_CHAIN; i++) {
        snprintf(name, sizeof(name), "chain%02d", i);
        snprintf(prev, sizeof(prev), "chain%02d", i - 1);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on",
                                      i == 0 ? "rand00" : prev));
    }
    t = json_array();
    for (i = 0; i < N_TEST; i++) {
        snprintf(name, sizeof(name), "test%02d", i);
        if (variant == V_BASE || i % 4 != 2)
            json_array_append_new(t, json_string(name));
    }
    if (variant == V_BROKEN)
        json_object_set_new(res, "boom",
                            json_pack("{s:s,s:s,s:{s:b,s:f}}", "type", "OS::Heat::TestResource",
                                      "depends_on", "join", "properties", "fail", 1, "wait_secs",
                                      0.05));
    if (fail) {
        json_object_set_new(res, "boom",
                            json_pack("{s:s,s:s,s:{s:b,s:f}}", "type", "OS::Heat::TestResource",
                                      "depends_on", "value20", "properties", "fail", 1, "wait_secs",
                                      0.05));
        json_object_set_new(res, "after_boom",
                            json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on", "boom"));
    }
    snprintf(prev, sizeof(prev), "value%02d", N_VALUE - 1);
    json_array_append_new(t, json_string(prev));
    json_object_set_new(res, "join",
                        json_pack("{s:s,s:o}", "type", "OS::Heat::None", "depends_on", t));
    return json_pack("{s:s,s:o,s:{s:{s:[s,s]}}}", "heat_template_version", "2016-10-14",
                     "resources", res, "outputs", "last", "value", "get_attr", prev, "value");
}

static hh_stack_engine *engine(const char *url, int64_t *term)
{
    hh_stack_engine_opts o = {.store_url = url, .workers = 4, .poll_secs = 0.02};
    hh_stack_engine *e = NULL;
    hh_error err;

    if (hh_stack_engine_new(&o, &e, &err) != 0) {
        fprintf(stderr, "engine: %s\n", err.message);
        return NULL;
    }
    if (hh_store_term_acquire(hh_stack_engine_store(e), "crash_child", term, &err) != 0) {
        fprintf(stderr, "term: %s\n", err.message);
        hh_stack_engine_free(e);
        return NULL;
    }
    return e;
}

/* Where the killed action stood: "CREATE_IN_PROGRESS 37/202 complete,
 * 4 in progress" (on stdout, for the test's record of kill points). */
static void where(hh_store *st)
{
    hh_store_list_opts lo = {0};
    json_t *stacks = NULL, *rows = NULL, *s, *r;
    size_t i, k;
    int done = 0, busy = 0;

    hh_store_stack_list(st, NULL, &lo, false, true, &stacks, NULL);
    json_array_foreach(stacks, i, s)
    {
        hh_store_resource_list(st, json_string_value(json_object_get(s, "id")), &rows, NULL);
        json_array_foreach(rows, k, r)
        {
            const char *a = json_string_value(json_object_get(r, "action"));
            const char *st_ = json_string_value(json_object_get(r, "status"));

            if (strcmp(a, json_string_value(json_object_get(s, "action"))) == 0)
                done += strcmp(st_, "COMPLETE") == 0, busy += strcmp(st_, "IN_PROGRESS") == 0;
        }
        printf("%s_%s %d/%zu done, %d in progress\n",
               json_string_value(json_object_get(s, "action")),
               json_string_value(json_object_get(s, "status")), done, json_array_size(rows), busy);
        json_decref(rows);
        rows = NULL;
    }
    if (json_array_size(stacks) == 0)
        printf("no stack\n");
    json_decref(stacks);
}

static int act(const char *what, const char *url, const char *name)
{
    hh_stack_engine *e;
    json_t *tmpl = NULL, *row = NULL;
    char id[HH_STORE_ID_LEN];
    int64_t term = 0;
    hh_error err;
    int rc = 0, n = 0;

    e = engine(url, &term);
    if (e == NULL)
        return 2;
    if (strcmp(what, "create") == 0) {
        hh_tmpl_request req = {0};

        hh_stack_create_opts o = {
            .name = name, .tenant = "tenant-crash", .disable_rollback = !rollback_variant(name)};

        tmpl = crash_template(failing_variant(name), V_BASE);
        req.template = tmpl;
        rc = hh_stack_create_ex(e, &req, &o, term, id, &err);
        if (rc == 0) {
            /* acknowledged: from here the stack must reach CREATE_COMPLETE */
            printf("created %s\n", id);
            fflush(stdout);
        }
    } else if (strcmp(what, "update") == 0) {
        hh_tmpl_request req = {0};

        tmpl = crash_template(false, rollback_variant(name) ? V_BROKEN : V_UPDATE);
        req.template = tmpl;
        rc = hh_store_stack_get_by_name(hh_stack_engine_store(e), "tenant-crash", name, &row, &err);
        if (rc == 0)
            rc = hh_stack_update(e, json_string_value(json_object_get(row, "id")), &req, NULL, term,
                                 &err);
        if (rc == 0) {
            /* acknowledged: the update (or its rollback) must complete */
            printf("updating\n");
            fflush(stdout);
        }
    } else if (strcmp(what, "delete") == 0) {
        rc = hh_store_stack_get_by_name(hh_stack_engine_store(e), "tenant-crash", name, &row, &err);
        if (rc == 0)
            rc = hh_stack_delete(e, json_string_value(json_object_get(row, "id")), term, &err);
        if (rc == 0) {
            printf("deleting\n");
            fflush(stdout);
        }
    } else {
        where(hh_stack_engine_store(e));
        rc = hh_stack_resume_all(e, term, &n, &err);
        printf("resumed %d\n", n);
    }
    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", what, err.message);
        rc = 2;
    } else if (hh_stack_engine_run(e, 120000) != 0) {
        fprintf(stderr, "%s: still running after 120 s\n", what);
        rc = 2;
    }
    json_decref(row);
    json_decref(tmpl);
    hh_stack_engine_free(e);
    return rc;
}

/* ---- checks ------------------------------------------------------------- */

static int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;

    if (failures++ < 20) {
        fputs("# ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
}

static const char *js(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s ? s : "";
}

/* Events of one resource: the order of its transitions, and that each
 * was reported once. */
static void check_events(const json_t *events, const char *action, bool deleted, bool failing,
                         const json_t *rows_by_name, const json_t *graph)
{
    json_t *seen = json_object(), *ev, *r, *deps, *d;
    const char *name;
    size_t i, k;
    char key[600];

    json_array_foreach(events, i, ev)
    {
        const char *rn = js(ev, "resource_name");

        if (strcmp(js(ev, "resource_type"), "OS::Heat::Stack") == 0)
            continue;
        if (strcmp(js(ev, "resource_action"), action) != 0)
            continue;
        snprintf(key, sizeof(key), "%s %s", rn, js(ev, "resource_status"));
        if (json_object_get(seen, key) != NULL)
            fail("transition reported twice: %s%s", key, "");
        json_object_set_new(seen, key, json_integer((json_int_t)i));
        if (strcmp(js(ev, "resource_status"), "IN_PROGRESS") == 0) {
            /* started only after what it waits for completed */
            deps = json_object_get(graph, rn);
            json_array_foreach(deps, k, d)
            {
                const char *dn = json_string_value(d);
                char dkey[600];
                json_t *at;

                if (strcmp(action, "DELETE") == 0)
                    continue; /* checked below in reverse */
                snprintf(dkey, sizeof(dkey), "%s COMPLETE", dn);
                at = json_object_get(seen, dkey);
                if (at == NULL)
                    fail("%s started before %s completed", rn, dn);
            }
        }
        if (strcmp(js(ev, "resource_status"), "COMPLETE") == 0 && !deleted) {
            r = json_object_get(rows_by_name, rn);
            if (strcmp(js(ev, "physical_resource_id"), js(r, "physical_resource_id")) != 0)
                fail("%s: event id differs from the recorded id %s", rn,
                     js(r, "physical_resource_id"));
        }
    }
    json_object_foreach((json_t *)graph, name, d)
    {
        /* a failed create: the events say what the resource's row says */
        const char *ra = js(json_object_get(rows_by_name, name), "action");
        const char *rs = js(json_object_get(rows_by_name, name), "status");
        bool want_done =
            !failing || deleted || (strcmp(ra, "CREATE") == 0 && strcmp(rs, "COMPLETE") == 0);
        bool want_start = !failing || deleted || strcmp(ra, "INIT") != 0;
        bool want_failed = failing && !deleted && strcmp(rs, "FAILED") == 0;

        snprintf(key, sizeof(key), "%s FAILED", name);
        if ((json_object_get(seen, key) != NULL) != want_failed)
            fail("%s: %s FAILED event and state disagree", name, action);
        snprintf(key, sizeof(key), "%s COMPLETE", name);
        if ((json_object_get(seen, key) != NULL) != want_done)
            fail("%s: %s COMPLETE event and state disagree", name, action);
        snprintf(key, sizeof(key), "%s IN_PROGRESS", name);
        if ((json_object_get(seen, key) != NULL) != want_start)
            fail("%s: %s IN_PROGRESS event and state disagree", name, action);
        if (strcmp(action, "DELETE") == 0) {
            /* deleted only after everything depending on it */
            const char *other;
            json_t *od;
            long started = json_integer_value(json_object_get(seen, key));

            json_object_foreach((json_t *)graph, other, od)
            {
                json_array_foreach(od, k, d)
                {
                    char okey[600];
                    json_t *at;

                    if (strcmp(json_string_value(d), name) != 0)
                        continue;
                    snprintf(okey, sizeof(okey), "%s COMPLETE", other);
                    at = json_object_get(seen, okey);
                    if (at == NULL || json_integer_value(at) > started)
                        fail("%s deleted before %s", name, other);
                }
            }
        }
    }
    json_decref(seen);
}

/* The graph the template of (failing, variant) gives (new). */
static json_t *template_graph(bool failing, int variant)
{
    hh_tmpl *t = NULL;
    json_t *graph = NULL;
    hh_error err;

    if (hh_tmpl_from_doc(crash_template(failing, variant), NULL, "crash", NULL, NULL, &t, &err) !=
            0 ||
        hh_tmpl_dependencies(t, NULL, &graph, &err) != 0)
        fail("template: %s%s", err.message, "");
    hh_tmpl_free(t);
    return graph;
}

static int check(const char *url, const char *name, const char *action)
{
    hh_store *st = NULL;
    json_t *row = NULL, *rows = NULL, *events = NULL, *byname = json_object(), *ids = json_object();
    json_t *r, *graph = NULL, *stacks = NULL;
    hh_store_list_opts lo = {0};
    json_t *filters = json_pack("{s:s}", "name", name);
    bool deleted = strcmp(action, "delete") == 0;
    bool failing = failing_variant(name) && !deleted;
    const char *act = deleted ? "DELETE" : "CREATE";
    size_t n_resources = CRASH_RESOURCES + (failing_variant(name) ? 2 : 0);
    char want[128];
    size_t i, nstack = 0;
    hh_error err;

    if (hh_store_open(url, &st, &err) != 0)
        return 2;
    lo.filters = filters;
    hh_store_stack_list(st, "tenant-crash", &lo, true, false, &stacks, &err);
    nstack = json_array_size(stacks);
    if (strcmp(action, "absent") == 0) {
        /* a create killed before it was acknowledged may leave nothing */
        json_decref(filters);
        json_decref(stacks);
        json_decref(ids);
        json_decref(byname);
        hh_store_close(st);
        return nstack == 0 ? 0 : 1;
    }
    if (nstack != 1)
        fail("%s stacks named %s", nstack ? "several" : "no", name);
    row = json_incref(json_array_get(stacks, 0));
    if (strcmp(js(row, "action"), act) != 0 ||
        strcmp(js(row, "status"), failing ? "FAILED" : "COMPLETE") != 0)
        fail("stack is %s %s", js(row, "action"), js(row, "status"));
    if (failing)
        snprintf(want, sizeof(want), "Resource CREATE failed: %s", BOOM_REASON);
    else
        snprintf(want, sizeof(want), "Stack %s completed successfully", act);
    if (strcmp(js(row, "status_reason"), want) != 0)
        fail("stack reason \"%s\"%s", js(row, "status_reason"), "");
    if (deleted != json_is_string(json_object_get(row, "deleted_at")))
        fail("deleted_at: %s%s", deleted ? "not set" : "set", "");

    graph = template_graph(failing_variant(name), V_BASE);

    hh_store_resource_list(st, js(row, "id"), &rows, &err);
    json_array_foreach(rows, i, r)
    {
        const char *pid = js(r, "physical_resource_id");

        if (json_object_get(byname, js(r, "name")) != NULL)
            fail("resource %s stored twice%s", js(r, "name"), "");
        json_object_set(byname, js(r, "name"), r);
        if (failing) {
            /* boom failed; after it nothing new started, what ran was
             * aborted or completed, and nothing stayed in progress */
            bool init = strcmp(js(r, "action"), "INIT") == 0;
            const char *rs = js(r, "status"), *why = js(r, "status_reason");

            if (strcmp(js(r, "name"), "boom") == 0) {
                if (strcmp(rs, "FAILED") != 0 || strcmp(why, BOOM_REASON) != 0)
                    fail("boom is %s: %s", rs, why);
                continue;
            }
            if (strcmp(js(r, "name"), "after_boom") == 0 && !init)
                fail("after_boom started after boom failed: %s", rs);
            if (init)
                continue;
            if (strcmp(rs, "FAILED") == 0) {
                if (strcmp(why, "CREATE aborted") != 0)
                    fail("resource %s failed: %s", js(r, "name"), why);
                continue;
            }
        }
        if (strcmp(js(r, "action"), "CREATE") != 0 || strcmp(js(r, "status"), "COMPLETE") != 0)
            fail("resource %s not CREATE_COMPLETE: %s", js(r, "name"), js(r, "status_reason"));
        if (pid[0] == '\0')
            fail("resource %s has no physical id%s", js(r, "name"), "");
        else if (json_object_get(ids, pid) != NULL)
            fail("physical id %s used twice (%s)", pid, js(r, "name"));
        json_object_set_new(ids, pid, json_true());
    }
    if (!deleted && json_array_size(rows) != n_resources)
        fail("resources stored: %zu of %zu", json_array_size(rows), n_resources);
    if (deleted && json_array_size(rows) != 0)
        fail("resources left after delete%s%s", "", "");

    hh_store_event_list(st, js(row, "id"), NULL, &events, &err);
    /* the stack's own events: started once, finished once, last */
    {
        int started = 0, finished = 0;
        json_t *ev;

        snprintf(want, sizeof(want), "Stack %s started", act);
        json_array_foreach(events, i, ev)
        {
            if (strcmp(js(ev, "resource_status_reason"), want) == 0)
                started++;
            if (strcmp(js(ev, "resource_type"), "OS::Heat::Stack") == 0 &&
                strcmp(js(ev, "resource_action"), act) == 0 &&
                strcmp(js(ev, "resource_status"), "IN_PROGRESS") != 0)
                finished++;
        }
        if (started != 1 || finished != 1)
            fail("stack events: started/finished not once each (%s %s)", act, "");
        ev = json_array_get(events, json_array_size(events) - 1);
        if (failing)
            snprintf(want, sizeof(want), "Resource CREATE failed: %s", BOOM_REASON);
        else
            snprintf(want, sizeof(want), "Stack %s completed successfully", act);
        if (strcmp(js(ev, "resource_status_reason"), want) != 0)
            fail("last event \"%s\"%s", js(ev, "resource_status_reason"), "");
    }
    check_events(events, "CREATE", deleted, failing, byname, graph);
    if (deleted)
        check_events(events, "DELETE", deleted, false, byname, graph);

    json_decref(filters);
    json_decref(stacks);
    json_decref(graph);
    json_decref(events);
    json_decref(rows);
    json_decref(ids);
    json_decref(byname);
    json_decref(row);
    hh_store_close(st);
    if (failures > 0)
        fprintf(stderr, "# %d failed checks\n", failures);
    return failures ? 1 : 0;
}

/* After an update (or its rollback): the stack (A, COMPLETE) with Heat's
 * events, one row per resource of the template it converged to and no
 * other, each COMPLETE; no physical resource created twice or deleted
 * twice, and none leaked: every one created is either a live row's or
 * was deleted (and only what was created, or failed to be, is deleted).
 * TestResource values are the template's. */
static int check_converged(const char *url, const char *name, bool rb)
{
    const char *act = rb ? "ROLLBACK" : "UPDATE";
    hh_store *st = NULL;
    hh_store_list_opts lo = {0};
    json_t *filters = json_pack("{s:s}", "name", name), *stacks = NULL, *row, *rows = NULL;
    json_t *events = NULL, *graph = NULL, *created = json_object(), *deleted = json_object();
    json_t *live = json_object(), *tried = json_object(), *r, *ev;
    const char *key;
    char want[256];
    int started = 0, failed = 0;
    size_t i;
    hh_error err;

    if (hh_store_open(url, &st, &err) != 0)
        return 2;
    lo.filters = filters;
    hh_store_stack_list(st, "tenant-crash", &lo, false, false, &stacks, &err);
    if (json_array_size(stacks) != 1) {
        fail("%zu stacks named %s", json_array_size(stacks), name);
        goto done;
    }
    row = json_array_get(stacks, 0);
    snprintf(want, sizeof(want), "Stack %s completed successfully", act);
    if (strcmp(js(row, "action"), act) != 0 || strcmp(js(row, "status"), "COMPLETE") != 0 ||
        strcmp(js(row, "status_reason"), want) != 0)
        fail("stack is %s %s: %s", js(row, "action"), js(row, "status"), js(row, "status_reason"));
    graph = template_graph(false, rb ? V_BASE : V_UPDATE);

    hh_store_resource_list(st, js(row, "id"), &rows, &err);
    json_array_foreach(rows, i, r)
    {
        const char *rn = js(r, "name"), *pid = js(r, "physical_resource_id");

        if (json_object_get(graph, rn) == NULL)
            fail("resource %s is not in the template (leaked row)%s", rn, "");
        if (json_object_get(live, pid) != NULL)
            fail("physical id %s twice (%s)", pid, rn);
        json_object_set_new(live, pid, json_string(rn));
        if (strcmp(js(r, "status"), "COMPLETE") != 0 ||
            (strcmp(js(r, "action"), "CREATE") != 0 && strcmp(js(r, "action"), "UPDATE") != 0))
            fail("resource %s is %s", rn, js(r, "status_reason"));
        if (!json_is_null(json_object_get(r, "replaced_by")))
            fail("resource %s is replaced%s", rn, "");
        if (strncmp(rn, "test", 4) == 0) {
            char *v = NULL;
            int idx = atoi(rn + 4);

            hh_store_resource_data_get(st, json_integer_value(json_object_get(r, "id")), "value",
                                       &v, NULL);
            if (v == NULL || (!rb && idx % 4 < 2) != (strstr(v, "-v2") != NULL))
                fail("%s has value %s", rn, v ? v : "(none)");
            free(v);
        }
    }
    if (json_array_size(rows) != json_object_size(graph))
        fail("%zu resources for %zu in the template", json_array_size(rows),
             json_object_size(graph));

    hh_store_event_list(st, js(row, "id"), NULL, &events, &err);
    json_array_foreach(events, i, ev)
    {
        const char *pid = js(ev, "physical_resource_id");
        json_t *seen;

        if (strcmp(js(ev, "resource_type"), "OS::Heat::Stack") == 0) {
            snprintf(want, sizeof(want), "Stack %s started", act);
            started += strcmp(js(ev, "resource_status_reason"), want) == 0;
            failed += rb && strcmp(js(ev, "resource_action"), "UPDATE") == 0 &&
                      strcmp(js(ev, "resource_status"), "FAILED") == 0;
            continue;
        }
        if (strcmp(js(ev, "resource_action"), "CREATE") == 0 &&
            strcmp(js(ev, "resource_status"), "FAILED") == 0)
            json_object_set_new(tried, pid, json_true()); /* may be deleted */
        if (strcmp(js(ev, "resource_status"), "COMPLETE") != 0)
            continue;
        if (strcmp(js(ev, "resource_action"), "CREATE") == 0) {
            if ((seen = json_object_get(created, pid)) != NULL)
                fail("%s created twice (%s)", pid, js(ev, "resource_name"));
            json_object_set_new(created, pid, json_true());
        } else if (strcmp(js(ev, "resource_action"), "DELETE") == 0) {
            if ((seen = json_object_get(deleted, pid)) != NULL)
                fail("%s deleted twice (%s)", pid, js(ev, "resource_name"));
            json_object_set_new(deleted, pid, json_true());
        }
    }
    if (started != 1)
        fail("\"Stack %s started\" %d times", act, started);
    if (rb && failed != 1)
        fail("UPDATE FAILED %d times before the rollback%s", failed, "");
    json_object_foreach(created, key, r)
    {
        if ((json_object_get(deleted, key) != NULL) == (json_object_get(live, key) != NULL))
            fail("%s is %s", key, json_object_get(live, key) ? "live and deleted" : "leaked");
    }
    json_object_foreach(live, key, r)
    {
        if (json_object_get(created, key) == NULL)
            fail("%s (%s) has no CREATE COMPLETE", key, json_string_value(r));
    }
    json_object_foreach(deleted, key, r)
    {
        if (json_object_get(created, key) == NULL && json_object_get(tried, key) == NULL)
            fail("%s deleted but never created", key);
    }
done:
    json_decref(filters);
    json_decref(stacks);
    json_decref(rows);
    json_decref(events);
    json_decref(graph);
    json_decref(created);
    json_decref(deleted);
    json_decref(live);
    json_decref(tried);
    hh_store_close(st);
    if (failures > 0)
        fprintf(stderr, "# %d failed checks\n", failures);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && (strcmp(argv[1], "create") == 0 || strcmp(argv[1], "delete") == 0 ||
                      strcmp(argv[1], "update") == 0))
        return act(argv[1], argv[2], argv[3]);
    if (argc >= 5 && strcmp(argv[1], "check") == 0 &&
        (strcmp(argv[4], "update") == 0 || strcmp(argv[4], "rollback") == 0))
        return check_converged(argv[2], argv[3], strcmp(argv[4], "rollback") == 0);
    if (argc >= 3 && strcmp(argv[1], "resume") == 0)
        return act(argv[1], argv[2], NULL);
    if (argc >= 5 && strcmp(argv[1], "check") == 0)
        return check(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: crash_child create|delete|update URL NAME | resume URL |"
                    " check URL NAME create|delete|absent|update|rollback\n");
    return 2;
}
