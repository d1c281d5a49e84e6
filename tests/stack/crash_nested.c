/* crash_nested: the engine that tests/stack/crash_nested.sh kills (-9) in
 * the middle of the create or delete of a tree of nested stacks, and the
 * checks of the store after a fresh engine resumed it.
 *
 *   crash_nested create URL NAME   create the tree, print "created <id>"
 *                                  once acknowledged, run to the end
 *   crash_nested delete URL NAME   delete it, print "deleting", run
 *   crash_nested resume URL        a newer term resumes every stack left
 *                                  IN_PROGRESS; prints where they stood
 *   crash_nested check URL NAME create|delete|absent
 *
 * The tree (206 resources in 25 stacks): the root has 5 OS::Heat::None, a
 * ResourceGroup of 20 members of member.yaml (8 resources each), a
 * template resource of member.yaml and an OS::Heat::Stack of member.yaml's
 * text. The create check: every stack CREATE_COMPLETE; every resource
 * CREATE_COMPLETE with one CREATE IN_PROGRESS and one CREATE COMPLETE
 * event; every stack resource's physical id names a live child whose
 * owner (a nested stack) or name (OS::Heat::Stack) is right, with the
 * template's resources; no live stack that no resource names (a child
 * created twice); each stack's own events once. The delete check: every
 * stack of the store deleted, DELETE_COMPLETE. "absent": no stack at all,
 * or a tree that passes the create check (a create killed before its
 * acknowledgement). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack_engine.h"
#include "store.h"

#define TENANT "tenant-crash"
#define GROUP_COUNT 20
#define MEMBER_RESOURCES 8

static const char *member_yaml =
    "heat_template_version: 2016-10-14\n"
    "parameters:\n"
    "  label: {type: string, default: none}\n"
    "resources:\n"
    "  n0: {type: OS::Heat::None}\n"
    "  n1: {type: OS::Heat::None, depends_on: n0}\n"
    "  n2: {type: OS::Heat::None}\n"
    "  n3: {type: OS::Heat::None, depends_on: [n1, n2]}\n"
    "  r0: {type: OS::Heat::RandomString, properties: {length: 8}}\n"
    "  r1: {type: OS::Heat::RandomString, depends_on: r0}\n"
    "  v: {type: OS::Heat::Value, properties: {value: {get_param: label}}}\n"
    "  t: {type: OS::Heat::TestResource, properties: {value: {get_attr: [r0, value]}}}\n"
    "outputs:\n"
    "  label: {value: {get_attr: [v, value]}}\n";

static const char *root_yaml =
    "heat_template_version: 2016-10-14\n"
    "resources:\n"
    "  a: {type: OS::Heat::None}\n"
    "  b: {type: OS::Heat::None}\n"
    "  c: {type: OS::Heat::None, depends_on: [a, b]}\n"
    "  d: {type: OS::Heat::None}\n"
    "  e: {type: OS::Heat::None, depends_on: grp}\n"
    "  grp:\n"
    "    type: OS::Heat::ResourceGroup\n"
    "    properties:\n"
    "      count: 20\n"
    "      resource_def: {type: member.yaml, properties: {label: 'm%index%'}}\n"
    "  tr: {type: member.yaml, properties: {label: {get_attr: [grp, resource.3.label]}}}\n"
    "  remote:\n"
    "    type: OS::Heat::Stack\n"
    "    properties:\n"
    "      template: {get_file: member.yaml}\n"
    "      parameters: {label: remote}\n";

static int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    failures++;
}

static const char *js(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "";
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
    if (hh_store_term_acquire(hh_stack_engine_store(e), "crash_nested", term, &err) != 0) {
        fprintf(stderr, "term: %s\n", err.message);
        hh_stack_engine_free(e);
        return NULL;
    }
    return e;
}

/* Every stack of the store (deleted ones with deleted), nested included. */
static json_t *all_stacks(hh_store *st, bool deleted)
{
    hh_store_list_opts lo = {0};
    json_t *stacks = NULL;

    lo.sort_dir = "asc";
    hh_store_stack_list(st, NULL, &lo, deleted, true, &stacks, NULL);
    return stacks != NULL ? stacks : json_array();
}

/* Where the killed action stood, a line per stack left in progress. */
static void where(hh_store *st)
{
    json_t *stacks = all_stacks(st, false), *s;
    size_t i;
    int busy = 0;

    json_array_foreach(stacks, i, s)
    {
        if (strcmp(js(s, "status"), "IN_PROGRESS") == 0)
            busy++;
    }
    printf("%s: %d of %zu stacks\n", busy > 0 ? "STACKS_IN_PROGRESS" : "nothing in progress", busy,
           json_array_size(stacks));
    json_decref(stacks);
}

static int act(const char *what, const char *url, const char *name)
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
        hh_stack_create_opts o = {.name = name, .tenant = TENANT, .disable_rollback = true};

        tmpl = json_string(root_yaml);
        files = json_pack("{s:s}", "member.yaml", member_yaml);
        req.template = tmpl;
        req.files = files;
        rc = hh_stack_create_ex(e, &req, &o, term, id, &err);
        if (rc == 0) {
            printf("created %s\n", id);
            fflush(stdout);
        }
    } else if (strcmp(what, "delete") == 0) {
        rc = hh_store_stack_get_by_name(hh_stack_engine_store(e), TENANT, name, &row, &err);
        if (rc == 0)
            rc = hh_stack_delete(e, js(row, "id"), term, &err);
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
    json_decref(files);
    json_decref(tmpl);
    hh_stack_engine_free(e);
    return rc;
}

/* ---- checks ------------------------------------------------------------- */

static bool is_stack_type(const char *type)
{
    return strcmp(type, "member.yaml") == 0 || strcmp(type, "OS::Heat::ResourceGroup") == 0 ||
           strcmp(type, "OS::Heat::Stack") == 0;
}

/* The events of (name, action, status) in events. */
static int count_events(const json_t *events, const char *name, const char *action,
                        const char *status)
{
    size_t i;
    json_t *ev;
    int n = 0;

    json_array_foreach(events, i, ev)
    {
        n += strcmp(js(ev, "resource_name"), name) == 0 &&
             strcmp(js(ev, "resource_action"), action) == 0 &&
             strcmp(js(ev, "resource_status"), status) == 0;
    }
    return n;
}

/* Check stack id and, through its stack resources, its children; every
 * stack reached is added to seen. *resources: resources counted. */
static void check_tree(hh_store *st, const char *id, size_t want_resources, json_t *seen,
                       int *resources)
{
    json_t *row = NULL, *rows = NULL, *events = NULL, *r, *child;
    size_t i;

    if (hh_store_stack_get(st, id, false, &row, NULL) != 0) {
        fail("stack %s: missing", id);
        return;
    }
    json_object_set_new(seen, id, json_true());
    if (strcmp(js(row, "action"), "CREATE") != 0 || strcmp(js(row, "status"), "COMPLETE") != 0)
        fail("stack %s: %s_%s %s", js(row, "name"), js(row, "action"), js(row, "status"),
             js(row, "status_reason"));
    hh_store_resource_list(st, id, &rows, NULL);
    hh_store_event_list(st, id, NULL, &events, NULL);
    if (json_array_size(rows) != want_resources)
        fail("stack %s: %zu resources, want %zu", js(row, "name"), json_array_size(rows),
             want_resources);
    if (count_events(events, js(row, "name"), "CREATE", "IN_PROGRESS") != 1 ||
        count_events(events, js(row, "name"), "CREATE", "COMPLETE") != 1)
        fail("stack %s: its own events not once each", js(row, "name"));
    json_array_foreach(rows, i, r)
    {
        const char *name = js(r, "name"), *type = js(r, "type");
        const char *pid = js(r, "physical_resource_id");

        (*resources)++;
        if (strcmp(js(r, "action"), "CREATE") != 0 || strcmp(js(r, "status"), "COMPLETE") != 0)
            fail("%s/%s: %s_%s %s", js(row, "name"), name, js(r, "action"), js(r, "status"),
                 js(r, "status_reason"));
        if (count_events(events, name, "CREATE", "IN_PROGRESS") != 1 ||
            count_events(events, name, "CREATE", "COMPLETE") != 1)
            fail("%s/%s: transitions not reported once each", js(row, "name"), name);
        if (!is_stack_type(type))
            continue;
        child = NULL;
        if (hh_store_stack_get(st, pid, false, &child, NULL) != 0) {
            fail("%s/%s: no child %s", js(row, "name"), name, pid);
            continue;
        }
        if (strcmp(type, "OS::Heat::Stack") == 0
                ? !json_is_null(json_object_get(child, "owner_id"))
                : strcmp(js(child, "owner_id"), id) != 0 ||
                      strcmp(js(child, "parent_resource_name"), name) != 0)
            fail("%s/%s: child %s has the wrong owner", js(row, "name"), name, pid);
        check_tree(st, pid,
                   strcmp(type, "OS::Heat::ResourceGroup") == 0 ? GROUP_COUNT : MEMBER_RESOURCES,
                   seen, resources);
        json_decref(child);
    }
    json_decref(events);
    json_decref(rows);
    json_decref(row);
}

static int check(const char *url, const char *name, const char *what)
{
    hh_store *st = NULL;
    json_t *row = NULL, *stacks = NULL, *seen = json_object(), *s;
    hh_error err;
    size_t i;
    int resources = 0;

    if (hh_store_open(url, &st, &err) != 0) {
        fprintf(stderr, "store: %s\n", err.message);
        return 2;
    }
    if (strcmp(what, "delete") == 0) {
        stacks = all_stacks(st, true);
        if (json_array_size(stacks) == 0)
            fail("no stack at all");
        json_array_foreach(stacks, i, s)
        {
            if (!json_is_string(json_object_get(s, "deleted_at")) ||
                strcmp(js(s, "action"), "DELETE") != 0 || strcmp(js(s, "status"), "COMPLETE") != 0)
                fail("stack %s: %s_%s, %s", js(s, "name"), js(s, "action"), js(s, "status"),
                     json_is_string(json_object_get(s, "deleted_at")) ? "deleted" : "live");
        }
    } else if (strcmp(what, "absent") == 0 && json_array_size(stacks = all_stacks(st, true)) == 0) {
        /* the create never committed */
    } else if (hh_store_stack_get_by_name(st, TENANT, name, &row, NULL) != 0) {
        fail("no stack %s", name);
    } else {
        check_tree(st, js(row, "id"), 8, seen, &resources);
        json_decref(stacks);
        stacks = all_stacks(st, true);
        json_array_foreach(stacks, i, s)
        {
            if (json_object_get(seen, js(s, "id")) == NULL)
                fail("stack %s (%s) is no resource's: created twice or leaked", js(s, "name"),
                     json_is_string(json_object_get(s, "deleted_at")) ? "deleted" : "live");
        }
        if (resources != 8 + GROUP_COUNT + (GROUP_COUNT + 2) * MEMBER_RESOURCES)
            fail("%d resources in the tree", resources);
    }
    json_decref(stacks);
    json_decref(seen);
    json_decref(row);
    hh_store_close(st);
    return failures == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && (strcmp(argv[1], "create") == 0 || strcmp(argv[1], "delete") == 0))
        return act(argv[1], argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "resume") == 0)
        return act(argv[1], argv[2], NULL);
    if (argc >= 5 && strcmp(argv[1], "check") == 0)
        return check(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: crash_nested create|delete URL NAME | resume URL | check URL NAME "
                    "create|delete|absent\n");
    return 2;
}
