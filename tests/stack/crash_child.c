/* crash_child: one engine action on a store, to be killed (-9) at any
 * instruction by tests/stack/crash_resume.sh, the resume by a fresh
 * engine, and the checks of the store afterwards.
 *
 *   crash_child create URL         take a term, create the stack "crash",
 *                                  print "ack" once acknowledged, run to
 *                                  the end, print "ran SECONDS" (from the
 *                                  acknowledgement) and, when it rolls
 *                                  back, "rollback SECONDS" the moment
 *                                  the rollback is seen
 *   crash_child create-fail URL    the same with "boom" (below)
 *   crash_child update URL         take a term, update "crash" to the
 *                                  second template; output as create's
 *   crash_child update-fail URL    the same with "boom"
 *   crash_child delete URL         take a term, delete "crash"
 *   crash_child resume URL [check [loose]]
 *                                  take a term (a newly promoted engine);
 *                                  print where the root stack stood (first
 *                                  line: "ACTION_STATUS ..." or "absent"),
 *                                  resume every stack IN_PROGRESS, run it
 *                                  to its end; with check, then check
 *   crash_child check URL [loose]  check the store, print its shape
 *
 * Every stack is created with rollback enabled. The tree (first template,
 * 208 resources in 15 stacks): the root has 90 resources of its own (a
 * binary tree of Values joined by get_attr, a fan-out of Nones from one root,
 * TestResources with small waits on them, RandomStrings, a depends_on
 * chain of Nones, a join), a ResourceGroup "grp" of 10 members of the
 * files map's member.yaml (8 resources each), two template resources of
 * member.yaml ("tr", "gone") and an OS::Heat::Stack "remote" of
 * member.yaml's text (get_file).
 *
 * The update's template removes every fourth TestResource, replaces every
 * fourth (update_replace with a new value) and three RandomStrings (a new
 * length), updates every fourth in place, adds five Nones; it removes
 * "gone" (its stack is deleted) and adds "fresh"; the group removes
 * member 1 (removal_policies), adds member 10 and updates every member's
 * label; member.yaml's second version removes a resource, adds one,
 * updates two in place and replaces one, so every nested stack is updated
 * as well. The -fail actions add "boom", a TestResource that fails: to the update
 * after everything else, so that the update rolls back through the nested
 * stacks; to the create in the middle of the Value tree (with
 * "after_boom" depending on it), so that the create fails while nested
 * stacks are being created and rolls back.
 *
 * check: the invariants of a stack tree the actions have left (no stack
 * IN_PROGRESS; every live stack reached from the root through its stack
 * resources, each child's owner right: no orphan; one row per resource
 * name, and for a finished stack the rows its template names and no
 * other; no physical id twice in the tree; no physical resource created
 * twice or deleted twice, none leaked: each created one is a live row's
 * or was deleted; the last event of each stack and of each live row's
 * physical id is its stored state; a resource created only after what
 * it depends on, in a deleted stack deleted only after what depends on
 * it; after a failed create, what depends on the failure never started)
 * fail with messages on stderr. On stdout the tree's
 * shape: each stack (by its path of resource names, live or deleted) with
 * its state and own events, each resource with its state and the
 * sequence of its transitions; runs that reach the same end print the
 * same shape. loose: only the live stacks, without resource events (a
 * create that fails in the middle created what the timing allowed).
 *
 * $CRASH_WAIT_SCALE (1 to 1000, default 1) multiplies the TestResources'
 * waits (see wait_scale).
 *
 * Exit codes: 0 success, 1 a check failed, 2 usage or setup error. Every
 * loop is bounded; an action is bounded at 120 s. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stack_engine.h"
#include "store.h"

#define STACK_NAME "crash"
#define TENANT "tenant-crash"
#define N_VALUE 25
#define N_FAN 29
#define N_TEST 20
#define N_RAND 8
#define N_CHAIN 6
#define N_EXTRA 5
#define GROUP_COUNT 10
#define STACK_EVENT_TYPE "OS::Heat::Stack"

/* The root templates: created, updated, updated with a late failure,
 * created with a failure in the middle. */
enum { V_BASE, V_UPDATE, V_UPDATE_FAIL, V_CREATE_FAIL };

/* The factor of every TestResource's wait: $CRASH_WAIT_SCALE (1 to 1000,
 * default 1). A longer action leaves a test more time to act in its
 * middle (tests/engine/engine_fence.sh pauses an engine there). */
static double wait_scale(void)
{
    const char *v = getenv("CRASH_WAIT_SCALE");
    double f = v != NULL ? strtod(v, NULL) : 1.0;

    return f >= 1.0 && f <= 1000.0 ? f : 1.0;
}

/* member.yaml, version 1 or 2 (new). */
static json_t *member_template(int version)
{
    json_t *res = json_object();

    json_object_set_new(res, "n0", json_pack("{s:s}", "type", "OS::Heat::None"));
    json_object_set_new(res, "n1",
                        json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on", "n0"));
    json_object_set_new(res, "n2", json_pack("{s:s}", "type", "OS::Heat::None"));
    if (version == 1)
        json_object_set_new(
            res, "n3",
            json_pack("{s:s,s:[s,s]}", "type", "OS::Heat::None", "depends_on", "n1", "n2"));
    else
        json_object_set_new(
            res, "n4",
            json_pack("{s:s,s:[s,s]}", "type", "OS::Heat::None", "depends_on", "n1", "n2"));
    json_object_set_new(
        res, "r0",
        json_pack("{s:s,s:{s:i}}", "type", "OS::Heat::RandomString", "properties", "length", 8));
    /* v, t: updated in place by version 2; t2 replaced (update_replace) */
    json_object_set_new(res, "v",
                        json_pack("{s:s,s:{s:o}}", "type", "OS::Heat::Value", "properties", "value",
                                  version == 1 ? json_pack("{s:s}", "get_param", "label")
                                               : json_pack("{s:[s,[{s:s},s]]}", "list_join", "-",
                                                           "get_param", "label", "v2")));
    json_object_set_new(res, "t",
                        json_pack("{s:s,s:{s:o,s:f}}", "type", "OS::Heat::TestResource",
                                  "properties", "value",
                                  version == 1 ? json_pack("{s:[s,s]}", "get_attr", "r0", "value")
                                               : json_pack("{s:[s,[{s:[s,s]},s]]}", "list_join", "",
                                                           "get_attr", "r0", "value", "x"),
                                  "wait_secs", 0.01 * wait_scale()));
    json_object_set_new(res, "t2",
                        json_pack("{s:s,s:{s:o,s:b}}", "type", "OS::Heat::TestResource",
                                  "properties", "value",
                                  version == 1 ? json_pack("{s:s}", "get_param", "label")
                                               : json_pack("{s:[s,[{s:s},s]]}", "list_join", "-",
                                                           "get_param", "label", "v2"),
                                  "update_replace", 1));
    return json_pack("{s:s,s:{s:{s:s,s:s}},s:o,s:{s:{s:[s,s]}}}", "heat_template_version",
                     "2016-10-14", "parameters", "label", "type", "string", "default", "none",
                     "resources", res, "outputs", "label", "value", "get_attr", "v", "value");
}

/* The files map of variant (new): member.yaml's text. */
static json_t *files_map(int variant)
{
    json_t *m = member_template(variant == V_UPDATE || variant == V_UPDATE_FAIL ? 2 : 1);
    char *text = json_dumps(m, JSON_SORT_KEYS | JSON_COMPACT);
    json_t *files = json_pack("{s:s}", "member.yaml", text ? text : "");

    free(text);
    json_decref(m);
    return files;
}

/* The root template of variant (new). */
static json_t *root_template(int variant)
{
    bool updated = variant == V_UPDATE || variant == V_UPDATE_FAIL;
    json_t *res = json_object(), *joined, *group;
    char name[32], prev[32];
    int i;

    json_object_set_new(res, "root", json_pack("{s:s}", "type", "OS::Heat::None"));
    for (i = 0; i < N_VALUE; i++) {
        /* a binary tree: value i reads value (i - 1) / 2 */
        snprintf(name, sizeof(name), "value%02d", i);
        snprintf(prev, sizeof(prev), "value%02d", (i - 1) / 2);
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
    joined = json_array();
    for (i = 0; i < N_TEST; i++) {
        json_t *value;

        snprintf(name, sizeof(name), "test%02d", i);
        snprintf(prev, sizeof(prev), "fan%02d", i);
        if (updated && i % 4 == 2)
            continue;             /* removed */
        if (updated && i % 4 < 2) /* 0: replaced, 1: updated in place */
            value = json_pack("{s:[s,[{s:s},s]]}", "list_join", "-", "get_resource", prev, "v2");
        else
            value = json_pack("{s:s}", "get_resource", prev);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:{s:o,s:f,s:b}}", "type", "OS::Heat::TestResource",
                                      "properties", "value", value, "wait_secs",
                                      0.01 * (i % 3 + 1) * wait_scale(), "update_replace",
                                      i % 4 == 0));
        json_array_append_new(joined, json_string(name));
    }
    for (i = 0; i < N_RAND; i++) {
        snprintf(name, sizeof(name), "rand%02d", i);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:{s:i}}", "type", "OS::Heat::RandomString",
                                      "properties", "length", 8 + i + (updated && i < 3)));
    }
    for (i = 0; i < N_CHAIN; i++) {
        snprintf(name, sizeof(name), "chain%02d", i);
        snprintf(prev, sizeof(prev), "chain%02d", i - 1);
        json_object_set_new(res, name,
                            json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on",
                                      i == 0 ? "rand00" : prev));
    }
    for (i = 0; updated && i < N_EXTRA; i++) {
        snprintf(name, sizeof(name), "extra%02d", i);
        json_object_set_new(
            res, name, json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on", "chain05"));
    }
    snprintf(prev, sizeof(prev), "value%02d", N_VALUE - 1);
    json_array_append_new(joined, json_string(prev));
    json_object_set_new(res, "join",
                        json_pack("{s:s,s:o}", "type", "OS::Heat::None", "depends_on", joined));

    group = json_pack("{s:i,s:{s:s,s:{s:s}}}", "count", GROUP_COUNT, "resource_def", "type",
                      "member.yaml", "properties", "label", updated ? "m%index%-v2" : "m%index%");
    if (updated)
        json_object_set_new(group, "removal_policies",
                            json_pack("[{s:[s]}]", "resource_list", "1"));
    json_object_set_new(
        res, "grp", json_pack("{s:s,s:o}", "type", "OS::Heat::ResourceGroup", "properties", group));
    json_object_set_new(res, "tr",
                        json_pack("{s:s,s:{s:{s:[s,s]}}}", "type", "member.yaml", "properties",
                                  "label", "get_attr", prev, "value"));
    json_object_set_new(res, updated ? "fresh" : "gone",
                        json_pack("{s:s,s:{s:s}}", "type", "member.yaml", "properties", "label",
                                  updated ? "fresh" : "gone"));
    json_object_set_new(res, "remote",
                        json_pack("{s:s,s:{s:{s:s},s:{s:s}}}", "type", "OS::Heat::Stack",
                                  "properties", "template", "get_file", "member.yaml", "parameters",
                                  "label", "remote"));
    if (variant == V_UPDATE_FAIL)
        /* after everything else: the nested updates are done, then undone */
        json_object_set_new(res, "boom",
                            json_pack("{s:s,s:[s,s,s,s,s,s],s:{s:b,s:f}}", "type",
                                      "OS::Heat::TestResource", "depends_on", "join", "grp", "tr",
                                      "fresh", "remote", "extra04", "properties", "fail", 1,
                                      "wait_secs", 0.02 * wait_scale()));
    if (variant == V_CREATE_FAIL)
        /* in the middle: the group's members are being created */
        json_object_set_new(res, "boom",
                            json_pack("{s:s,s:s,s:{s:b,s:f}}", "type", "OS::Heat::TestResource",
                                      "depends_on", "value08", "properties", "fail", 1, "wait_secs",
                                      0.02 * wait_scale()));
    if (variant == V_CREATE_FAIL)
        json_object_set_new(res, "after_boom",
                            json_pack("{s:s,s:s}", "type", "OS::Heat::None", "depends_on", "boom"));
    return json_pack("{s:s,s:o,s:{s:{s:[s,s]}}}", "heat_template_version", "2016-10-14",
                     "resources", res, "outputs", "last", "value", "get_attr", prev, "value");
}

static hh_stack_engine *engine(const char *url, int64_t *term)
{
    hh_stack_engine_opts o = {.store_url = url, .workers = 4, .poll_secs = 0.01};
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

static const char *js(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "";
}

/* Every stack of the store, nested and deleted ones included (new). */
static json_t *all_stacks(hh_store *st)
{
    hh_store_list_opts lo = {0};
    json_t *stacks = NULL;

    lo.sort_dir = "asc";
    if (hh_store_stack_list(st, NULL, &lo, true, true, &stacks, NULL) != 0)
        return json_array();
    return stacks;
}

/* Where the killed action stood: the root's state, then how many stacks
 * of the tree were in progress (stdout, the test's record of kill
 * points). */
static void where(hh_store *st)
{
    json_t *stacks = all_stacks(st), *s, *root = NULL;
    size_t i;
    int busy = 0, live = 0;

    json_array_foreach(stacks, i, s)
    {
        if (json_is_string(json_object_get(s, "deleted_at")))
            continue;
        live++;
        busy += strcmp(js(s, "status"), "IN_PROGRESS") == 0;
        if (strcmp(js(s, "name"), STACK_NAME) == 0 && json_is_null(json_object_get(s, "owner_id")))
            root = s;
    }
    if (root != NULL)
        printf("%s_%s, %d of %d live stacks in progress\n", js(root, "action"), js(root, "status"),
               busy, live);
    else
        printf("absent, %d live stacks\n", live);
    fflush(stdout);
    json_decref(stacks);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Drive e's actions to their end, at most 120 s (ETIMEDOUT after). With
 * timed, print "rollback SECONDS" the moment the root stack is first seen
 * ROLLBACK (it is looked at between slices of 20 ms) and "ran SECONDS" at
 * the end. */
static int run(hh_stack_engine *e, bool timed)
{
    struct timespec t0;
    double rolled = -1;
    json_t *row = NULL;
    int rc;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        rc = hh_stack_engine_run(e, 20);
        if (timed && rolled < 0 &&
            hh_store_stack_get_by_name(hh_stack_engine_store(e), TENANT, STACK_NAME, &row, NULL) ==
                0 &&
            strcmp(js(row, "action"), "ROLLBACK") == 0) {
            rolled = seconds_since(&t0);
            printf("rollback %.3f\n", rolled);
            fflush(stdout);
        }
        json_decref(row);
        row = NULL;
    } while (rc == ETIMEDOUT && seconds_since(&t0) < 120);
    if (rc == 0 && timed)
        printf("ran %.3f\n", seconds_since(&t0));
    return rc;
}

static int check(const char *url, bool loose);

static int act(const char *what, const char *url, bool fail)
{
    hh_stack_engine *e;
    json_t *tmpl = NULL, *files = NULL, *row = NULL;
    char id[HH_STORE_ID_LEN];
    int64_t term = 0;
    hh_error err;
    int rc = 0, n = 0;

    e = engine(url, &term);
    if (e == NULL)
        return 2;
    if (strcmp(what, "create") == 0) {
        hh_tmpl_request req = {0};
        hh_stack_create_opts o = {.name = STACK_NAME, .tenant = TENANT, .disable_rollback = false};

        tmpl = root_template(fail ? V_CREATE_FAIL : V_BASE);
        files = files_map(V_BASE);
        req.template = tmpl;
        req.files = files;
        rc = hh_stack_create_ex(e, &req, &o, term, id, &err);
    } else if (strcmp(what, "update") == 0) {
        hh_tmpl_request req = {0};

        tmpl = root_template(fail ? V_UPDATE_FAIL : V_UPDATE);
        files = files_map(V_UPDATE);
        req.template = tmpl;
        req.files = files;
        rc = hh_store_stack_get_by_name(hh_stack_engine_store(e), TENANT, STACK_NAME, &row, &err);
        if (rc == 0)
            rc = hh_stack_update(e, js(row, "id"), &req, NULL, term, &err);
    } else if (strcmp(what, "delete") == 0) {
        rc = hh_store_stack_get_by_name(hh_stack_engine_store(e), TENANT, STACK_NAME, &row, &err);
        if (rc == 0)
            rc = hh_stack_delete(e, js(row, "id"), term, &err);
    } else {
        where(hh_stack_engine_store(e));
        rc = hh_stack_resume_all(e, term, &n, &err);
    }
    if (rc == 0 && strcmp(what, "resume") != 0) {
        /* acknowledged: from here the action must reach its end */
        printf("ack\n");
        fflush(stdout);
    }
    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", what, err.message);
        rc = 2;
    } else if (run(e, strcmp(what, "resume") != 0) != 0) {
        fprintf(stderr, "%s: still running after 120 s\n", what);
        rc = 2;
    }
    json_decref(row);
    json_decref(files);
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

    if (failures++ < 30) {
        fputs("# ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
}

/* What the checks gather over the whole tree. */
typedef struct tree {
    hh_store *st;
    bool loose;
    json_t *stacks;  /* every stack of the store */
    json_t *byid;    /* stack id -> its row (borrowed from stacks) */
    json_t *reached; /* live stack id -> true: reached from the root */
    json_t *live;    /* physical id -> "path/name" of its live row */
    json_t *created; /* physical id -> true: a CREATE COMPLETE event */
    json_t *deleted; /* physical id -> true: a DELETE COMPLETE event */
    json_t *tried;   /* physical id -> true: a CREATE FAILED event */
    json_t *blocks;  /* the shape, a string per stack */
    int resources;   /* live rows of the tree */
} tree;

static bool is_deleted(const json_t *row)
{
    return json_is_string(json_object_get(row, "deleted_at"));
}

/* A stack's path (new string in buf): the root's name; a nested stack's
 * owner's path and its parent resource's name; another top level stack
 * (an OS::Heat::Stack's) "^" and its name without the random suffix. */
static void stack_path(tree *t, const json_t *row, char *buf, size_t len, int depth)
{
    const char *owner = js(row, "owner_id"), *name = js(row, "name");
    const json_t *parent = json_object_get(t->byid, owner);

    if (owner[0] != '\0' && parent != NULL && depth < 10) {
        char up[512];

        stack_path(t, parent, up, sizeof(up), depth + 1);
        snprintf(buf, len, "%s/%s", up, js(row, "parent_resource_name"));
    } else if (strcmp(name, STACK_NAME) == 0) {
        snprintf(buf, len, "%s", name);
    } else {
        const char *dash = strrchr(name, '-');

        snprintf(buf, len, "^%.*s", (int)(dash != NULL ? dash - name : (long)strlen(name)), name);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Append "s" to buf (bounded). */
static void add(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t len, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;

    if (used + 1 >= len)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + used, len - used, fmt, ap);
    va_end(ap);
}

/* The resource names of a stored template (new object name -> true). */
static json_t *template_names(hh_store *st, const json_t *row)
{
    json_t *tmpl = NULL, *names = json_object(), *res, *v;
    const char *k;

    if (hh_store_template_get(st, json_integer_value(json_object_get(row, "raw_template_id")),
                              &tmpl, NULL) != 0) {
        fail("stack %s: no template", js(row, "name"));
        return names;
    }
    res = json_object_get(json_object_get(tmpl, "template"), "resources");
    json_object_foreach(res, k, v)
    {
        json_object_set_new(names, k, json_true());
    }
    json_decref(tmpl);
    return names;
}

/* The dependency graph of the stack's stored template (new: {name:
 * [names it depends on]}; {} when it cannot be had). */
static json_t *template_graph(hh_store *st, const json_t *row)
{
    json_t *tmpl = NULL, *graph = NULL;
    hh_tmpl *t = NULL;

    if (hh_store_template_get(st, json_integer_value(json_object_get(row, "raw_template_id")),
                              &tmpl, NULL) == 0 &&
        hh_tmpl_from_doc(json_incref(json_object_get(tmpl, "template")), NULL, "crash",
                         json_object_get(tmpl, "files"), NULL, &t, NULL) == 0)
        hh_tmpl_dependencies(t, NULL, &graph, NULL);
    hh_tmpl_free(t);
    json_decref(tmpl);
    return graph != NULL ? graph : json_object();
}

/* The events' order against the template's dependencies (events of one
 * stack): a resource's first CREATE IN_PROGRESS comes after the first
 * CREATE COMPLETE of each resource it depends on; in a stack deleted, a
 * resource's DELETE IN_PROGRESS after the DELETE COMPLETE of each
 * resource that depends on it. */
static void check_order(hh_store *st, const json_t *row, const json_t *events, const char *path)
{
    json_t *graph = template_graph(st, row), *first = json_object(), *deps, *d, *ev;
    bool deleted = is_deleted(row);
    const char *name;
    char key[600];
    size_t i, k;

    json_array_foreach(events, i, ev)
    {
        snprintf(key, sizeof(key), "%s %s_%s", js(ev, "resource_name"), js(ev, "resource_action"),
                 js(ev, "resource_status"));
        if (json_object_get(first, key) == NULL)
            json_object_set_new(first, key, json_integer((json_int_t)i));
    }
    json_object_foreach(graph, name, deps)
    {
        json_array_foreach(deps, k, d)
        {
            const char *dn = json_string_value(d);
            json_t *a, *b;

            snprintf(key, sizeof(key), "%s CREATE_IN_PROGRESS", name);
            a = json_object_get(first, key);
            snprintf(key, sizeof(key), "%s CREATE_COMPLETE", dn);
            b = json_object_get(first, key);
            if (a != NULL && (b == NULL || json_integer_value(b) > json_integer_value(a)))
                fail("%s/%s started before %s was created", path, name, dn);
            if (!deleted)
                continue;
            snprintf(key, sizeof(key), "%s DELETE_IN_PROGRESS", dn);
            a = json_object_get(first, key);
            snprintf(key, sizeof(key), "%s DELETE_COMPLETE", name);
            b = json_object_get(first, key);
            if (a != NULL && b != NULL && json_integer_value(b) > json_integer_value(a))
                fail("%s/%s deleted before %s", path, dn, name);
        }
    }
    json_decref(first);
    json_decref(graph);
}

/* One stack (live or deleted): its events (pid bookkeeping, last events,
 * the shape block); a live one's rows (and through their physical ids its
 * children, walked when walk). */
static void check_stack(tree *t, const json_t *row, bool walk, int depth)
{
    const char *id = js(row, "id"), *sname = js(row, "name");
    bool deleted = is_deleted(row);
    json_t *rows = NULL, *events = NULL, *byname = json_object(), *seq = json_object();
    json_t *lastev = json_object(), *tnames = NULL, *r, *ev, *v;
    const char **names = NULL;
    const char *k;
    char path[512], own[4096] = "", *block = NULL;
    size_t i, n = 0, blen = 1 << 16;
    json_t *last_own = NULL, *boom_failed = NULL;

    stack_path(t, row, path, sizeof(path), 0);
    if (strcmp(js(row, "status"), "IN_PROGRESS") == 0)
        fail("stack %s left %s_IN_PROGRESS", path, js(row, "action"));
    if (deleted &&
        (strcmp(js(row, "action"), "DELETE") != 0 || strcmp(js(row, "status"), "COMPLETE") != 0))
        fail("stack %s deleted but %s_%s", path, js(row, "action"), js(row, "status"));

    /* events: own ones, per resource name, physical ids */
    hh_store_event_list(t->st, id, NULL, &events, NULL);
    json_array_foreach(events, i, ev)
    {
        const char *rn = js(ev, "resource_name"), *pid = js(ev, "physical_resource_id");
        const char *a = js(ev, "resource_action"), *s = js(ev, "resource_status");
        char step[64];

        if (strcmp(rn, sname) == 0 && strcmp(js(ev, "resource_type"), STACK_EVENT_TYPE) == 0) {
            add(own, sizeof(own), "\n  own %s_%s %s", a, s, js(ev, "resource_status_reason"));
            last_own = ev;
            continue;
        }
        snprintf(step, sizeof(step), " %s_%s", a, s);
        v = json_object_get(seq, rn);
        if (v == NULL) {
            json_object_set_new(seq, rn, json_string(step));
        } else {
            char *joined = NULL;

            if (asprintf(&joined, "%s%s", json_string_value(v), step) > 0)
                json_object_set_new(seq, rn, json_string(joined));
            free(joined);
        }
        if (pid[0] != '\0')
            json_object_set(lastev, pid, ev);
        /* started, its outcome maybe never reported (a delete that
         * superseded a resumed create stops it without an event): the
         * delete may follow */
        if (strcmp(s, "IN_PROGRESS") == 0 && strcmp(a, "CREATE") == 0 && pid[0] != '\0')
            json_object_set_new(t->tried, pid, json_true());
        if (strcmp(s, "FAILED") == 0 && strcmp(a, "CREATE") == 0) {
            json_object_set_new(t->tried, pid, json_true());
            if (strcmp(rn, "boom") == 0 && boom_failed == NULL)
                boom_failed = ev;
        }
        if (boom_failed != NULL && strcmp(rn, "after_boom") == 0 && strcmp(a, "CREATE") == 0)
            fail("%s/%s started after boom failed", path, rn);
        if (strcmp(s, "COMPLETE") != 0 || pid[0] == '\0')
            continue;
        if (strcmp(a, "CREATE") == 0) {
            if (json_object_get(t->created, pid) != NULL)
                fail("%s/%s: physical resource %s created twice", path, rn, pid);
            json_object_set_new(t->created, pid, json_true());
        } else if (strcmp(a, "DELETE") == 0) {
            if (json_object_get(t->deleted, pid) != NULL)
                fail("%s/%s: physical resource %s deleted twice", path, rn, pid);
            json_object_set_new(t->deleted, pid, json_true());
        }
    }
    check_order(t->st, row, events, path);
    if (last_own == NULL)
        fail("stack %s: no event of its own", path);
    else if (strcmp(js(last_own, "resource_action"), js(row, "action")) != 0 ||
             strcmp(js(last_own, "resource_status"), js(row, "status")) != 0 ||
             strcmp(js(last_own, "resource_status_reason"), js(row, "status_reason")) != 0)
        fail("stack %s is %s_%s \"%s\", its last event %s_%s \"%s\"", path, js(row, "action"),
             js(row, "status"), js(row, "status_reason"), js(last_own, "resource_action"),
             js(last_own, "resource_status"), js(last_own, "resource_status_reason"));

    /* rows: one per name, the template's, states and physical ids */
    if (!deleted) {
        bool finished =
            strcmp(js(row, "status"), "COMPLETE") == 0 && strcmp(js(row, "action"), "DELETE") != 0;

        hh_store_resource_list(t->st, id, &rows, NULL);
        if (finished)
            tnames = template_names(t->st, row);
        json_array_foreach(rows, i, r)
        {
            const char *rn = js(r, "name"), *pid = js(r, "physical_resource_id");
            const json_t *child;

            t->resources++;
            if (json_object_get(byname, rn) != NULL)
                fail("%s/%s: two rows", path, rn);
            json_object_set(byname, rn, r);
            if (tnames != NULL && json_object_get(tnames, rn) == NULL)
                fail("%s/%s: a row the template does not have (leaked)", path, rn);
            if (finished && strcmp(js(r, "status"), "COMPLETE") != 0)
                fail("%s/%s is %s_%s: %s", path, rn, js(r, "action"), js(r, "status"),
                     js(r, "status_reason"));
            if (strcmp(js(r, "action"), "INIT") == 0)
                continue;
            if (pid[0] == '\0') {
                fail("%s/%s: no physical id", path, rn);
                continue;
            }
            if (json_object_get(t->live, pid) != NULL)
                fail("%s/%s: physical id %s also %s's", path, rn, pid,
                     json_string_value(json_object_get(t->live, pid)));
            else {
                char where[600];

                snprintf(where, sizeof(where), "%s/%s", path, rn);
                json_object_set_new(t->live, pid, json_string(where));
            }
            ev = json_object_get(lastev, pid);
            if (ev == NULL || strcmp(js(ev, "resource_action"), js(r, "action")) != 0 ||
                strcmp(js(ev, "resource_status"), js(r, "status")) != 0)
                fail("%s/%s is %s_%s, its last event %s_%s", path, rn, js(r, "action"),
                     js(r, "status"), ev ? js(ev, "resource_action") : "(none)",
                     ev ? js(ev, "resource_status") : "");
            child = json_object_get(t->byid, pid);
            if (child == NULL || !walk)
                continue;
            /* a stack resource: its child is live and owned by it */
            if (is_deleted(child))
                fail("%s/%s: its stack %s is deleted", path, rn, pid);
            else if (!json_is_null(json_object_get(child, "owner_id")) &&
                     (strcmp(js(child, "owner_id"), id) != 0 ||
                      strcmp(js(child, "parent_resource_name"), rn) != 0))
                fail("%s/%s: its stack %s has the wrong owner", path, rn, pid);
            else if (json_object_get(t->reached, pid) != NULL)
                fail("%s/%s: stack %s reached twice", path, rn, pid);
            else if (depth < 8) {
                json_object_set_new(t->reached, pid, json_true());
                check_stack(t, child, true, depth + 1);
            }
        }
        json_object_foreach(tnames, k, v)
        {
            if (json_object_get(byname, k) == NULL)
                fail("%s/%s: in the template, no row", path, k);
        }
    }

    /* the shape block */
    block = calloc(1, blen);
    if (block == NULL)
        goto done;
    add(block, blen, "%s %s %s_%s %s%s", path, deleted ? "deleted" : "live", js(row, "action"),
        js(row, "status"), js(row, "status_reason"), own);
    json_object_foreach(byname, k, v)
    {
        if (json_object_get(seq, k) == NULL)
            json_object_set_new(seq, k, json_string(""));
    }
    names = calloc(json_object_size(seq) + json_object_size(byname) + 1, sizeof(*names));
    json_object_foreach(t->loose ? byname : seq, k, v)
    {
        if (names != NULL)
            names[n++] = k;
    }
    if (names != NULL)
        qsort(names, n, sizeof(*names), cmp_str);
    for (i = 0; i < n && !(t->loose && deleted); i++) {
        r = json_object_get(byname, names[i]);
        add(block, blen, "\n  %s %s", names[i], r ? js(r, "type") : "-");
        if (r != NULL)
            add(block, blen, " %s_%s", js(r, "action"), js(r, "status"));
        if (!t->loose)
            add(block, blen, ":%s", json_string_value(json_object_get(seq, names[i])));
    }
    if (!(t->loose && deleted))
        json_array_append_new(t->blocks, json_string(block));
done:
    free(block);
    free(names);
    json_decref(tnames);
    json_decref(lastev);
    json_decref(seq);
    json_decref(byname);
    json_decref(events);
    json_decref(rows);
}

static int check(const char *url, bool loose)
{
    tree t = {.loose = loose};
    const json_t *root = NULL, *s;
    const char *k;
    json_t *v;
    hh_error err;
    size_t i, nlive = 0, ndeleted = 0;
    const char **blocks = NULL;

    if (hh_store_open(url, &t.st, &err) != 0) {
        fprintf(stderr, "store: %s\n", err.message);
        return 2;
    }
    t.stacks = all_stacks(t.st);
    t.byid = json_object();
    t.reached = json_object();
    t.live = json_object();
    t.created = json_object();
    t.deleted = json_object();
    t.tried = json_object();
    t.blocks = json_array();
    json_array_foreach(t.stacks, i, s)
    {
        json_object_set(t.byid, js(s, "id"), (json_t *)s);
        if (is_deleted(s))
            ndeleted++;
        else
            nlive++;
        if (strcmp(js(s, "name"), STACK_NAME) == 0 &&
            json_is_null(json_object_get(s, "owner_id")) && (root == NULL || is_deleted(root)))
            root = s;
    }
    if (root == NULL) {
        if (json_array_size(t.stacks) > 0)
            fail("no root stack, %zu others", json_array_size(t.stacks));
        printf("absent\n");
        goto done;
    }
    /* the live tree from the root, then every stack it did not reach:
     * live ones are orphans (leaked, or created twice) */
    if (!is_deleted(root)) {
        json_object_set_new(t.reached, js(root, "id"), json_true());
        check_stack(&t, root, true, 0);
    }
    json_array_foreach(t.stacks, i, s)
    {
        if (json_object_get(t.reached, js(s, "id")) != NULL)
            continue;
        if (!is_deleted(s))
            fail("live stack %s (%s_%s) is no stack resource's: an orphan", js(s, "name"),
                 js(s, "action"), js(s, "status"));
        check_stack(&t, s, false, 0);
    }
    /* physical resources: created once (checked above), none leaked */
    json_object_foreach(t.created, k, v)
    {
        if ((json_object_get(t.deleted, k) != NULL) == (json_object_get(t.live, k) != NULL))
            fail("physical resource %s is %s", k,
                 json_object_get(t.live, k) ? "live and deleted" : "leaked");
    }
    json_object_foreach(t.live, k, v)
    {
        if (json_object_get(t.created, k) == NULL)
            fail("%s (%s) has no CREATE COMPLETE event", k, json_string_value(v));
    }
    json_object_foreach(t.deleted, k, v)
    {
        if (json_object_get(t.created, k) == NULL && json_object_get(t.tried, k) == NULL)
            fail("%s deleted but never created", k);
    }

    blocks = calloc(json_array_size(t.blocks) + 1, sizeof(*blocks));
    if (blocks == NULL)
        goto done;
    json_array_foreach(t.blocks, i, v)
    {
        blocks[i] = json_string_value(v);
    }
    qsort(blocks, json_array_size(t.blocks), sizeof(*blocks), cmp_str);
    if (loose)
        printf("tree: %d live resources in %zu live stacks\n", t.resources, nlive);
    else
        printf("tree: %d live resources in %zu live stacks, %zu deleted stacks\n", t.resources,
               nlive, ndeleted);
    for (i = 0; i < json_array_size(t.blocks); i++)
        printf("%s\n", blocks[i]);
done:
    free(blocks);
    json_decref(t.blocks);
    json_decref(t.tried);
    json_decref(t.deleted);
    json_decref(t.created);
    json_decref(t.live);
    json_decref(t.reached);
    json_decref(t.byid);
    json_decref(t.stacks);
    hh_store_close(t.st);
    if (failures > 0)
        fprintf(stderr, "# %d failed checks\n", failures);
    return failures > 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    int rc;

    if (argc >= 3 && (strcmp(argv[1], "create") == 0 || strcmp(argv[1], "update") == 0 ||
                      strcmp(argv[1], "delete") == 0))
        return act(argv[1], argv[2], false);
    if (argc >= 3 && (strcmp(argv[1], "create-fail") == 0 || strcmp(argv[1], "update-fail") == 0)) {
        argv[1][6] = '\0'; /* the action */
        return act(argv[1], argv[2], true);
    }
    if (argc >= 3 && strcmp(argv[1], "resume") == 0) {
        rc = act(argv[1], argv[2], false);
        if (rc == 0 && argc >= 4 && strcmp(argv[3], "check") == 0)
            rc = check(argv[2], argc >= 5 && strcmp(argv[4], "loose") == 0);
        return rc;
    }
    if (argc >= 3 && strcmp(argv[1], "check") == 0)
        return check(argv[2], argc >= 4 && strcmp(argv[3], "loose") == 0);
    fprintf(stderr, "usage: crash_child create|create-fail|update|update-fail|delete URL |"
                    " resume URL [check [loose]] | check URL [loose]\n");
    return 2;
}
