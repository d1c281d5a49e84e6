/* Unit tests of stack lifecycle rules that cross resources and their child
 * stacks: Heat's create retry loop (action_retry_limit: a create failing
 * with ResourceInError is deleted and created again), updated_time, the
 * adopt of a stack whose resources own nested stacks, the cleanup of a
 * removed resource whose type the resource registry mapped, and a
 * parent's cancel and timeout reaching its child stacks in progress.
 * Expected states and reasons are Heat 19's (resource.py create(),
 * stack_resource.py handle_create_cancel, worker.py stop_traversal). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "res_plugin.h"
#include "stack_engine.h"
#include "stack_fixture.h"
#include "stack_model.h"
#include "stack_ops.h"
#include "store.h"
#include "tap.h"

/* The (action, status) pairs of resource name's events, in order, as
 * "A_S A_S ..." into buf. */
static const char *event_trail(hh_store *st, const char *id, const char *name, char *buf,
                               size_t len)
{
    json_t *evs = NULL, *ev;
    size_t i, used = 0;

    buf[0] = '\0';
    hh_store_event_list(st, id, NULL, &evs, NULL);
    json_array_foreach(evs, i, ev)
    {
        if (strcmp(fx_jstr(ev, "resource_name"), name) != 0)
            continue;
        used +=
            (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s_%s", used ? " " : "",
                             fx_jstr(ev, "resource_action"), fx_jstr(ev, "resource_status"));
    }
    json_decref(evs);
    return buf;
}

/* An engine on the fixture's store with Heat's retry loop on. */
static hh_stack_engine *retry_engine_scaled(int limit, double scale)
{
    hh_stack_engine_opts o = {.store_url = fx_store_url(),
                              .workers = 2,
                              .poll_secs = 0.01,
                              .error_wait_secs = 0.05,
                              .action_retry_limit = limit,
                              .retry_backoff_scale = scale};
    hh_stack_engine *e = NULL;
    hh_error err;

    if (hh_stack_engine_new(&o, &e, &err) != 0)
        diag("engine: %s", err.message);
    return e;
}

static hh_stack_engine *retry_engine(int limit)
{
    return retry_engine_scaled(limit, 0.001);
}

/* ---- (a) action_retry_limit ----------------------------------------------- */

/* An OS::Heat::Stack whose child fails, its failing resource's delete
 * waiting delete_secs (text of a number). Into buf (len bytes). */
static const char *remote_fail(char *buf, size_t len, const char *delete_secs)
{
    snprintf(buf, len,
             "heat_template_version: 2016-10-14\n"
             "resources:\n"
             "  remote:\n"
             "    type: OS::Heat::Stack\n"
             "    properties:\n"
             "      template: |\n"
             "        heat_template_version: 2016-10-14\n"
             "        resources:\n"
             "          boom: {type: OS::Heat::TestResource, properties: {fail: true,"
             " action_wait_secs: {delete: %s}}}\n"
             "  fine: {type: OS::Heat::None}\n",
             delete_secs);
    return buf;
}

/* OS::Heat::Stack's child failing is Heat's ResourceInError: the create
 * is retried (delete, then create again) action_retry_limit times, each
 * child deleted before the next is made; the first failure is the
 * resource's reason in the end. */
static void test_retry(void)
{
    hh_stack_engine *e = retry_engine(2);
    hh_store *st = hh_stack_engine_store(e);
    json_t *r, *all = NULL, *s;
    char id[HH_STORE_ID_LEN], trail[512], text[1024];
    const char *want_reason =
        "ResourceInError: resources.remote: Went to status CREATE_FAILED due to \"Resource "
        "CREATE failed: ValueError: resources.boom: Test Resource failed boom\"";
    size_t i, remotes = 0, live = 0;
    hh_error err;

    if (!ok(e != NULL, "engine with action_retry_limit 2"))
        return;
    is_int(fx_create(e, remote_fail(text, sizeof(text), "0"), NULL, NULL, "retry", id, &err), 0,
           "create accepted");
    is_int(hh_stack_engine_run(e, 30000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "FAILED", "the stack after its retries");
    s = fx_stack_row(st, id, false);
    is_str(fx_jstr(s, "status_reason"),
           "Resource CREATE failed: ResourceInError: resources.remote: "
           "Went to status CREATE_FAILED due to \"Resource CREATE "
           "failed: ValueError: resources.boom: Test Resource failed "
           "boom\"",
           "the stack's reason is the first failure");
    json_decref(s);
    is_str(event_trail(st, id, "remote", trail, sizeof(trail)),
           "CREATE_IN_PROGRESS CREATE_FAILED DELETE_IN_PROGRESS DELETE_COMPLETE "
           "CREATE_IN_PROGRESS CREATE_FAILED DELETE_IN_PROGRESS DELETE_COMPLETE "
           "CREATE_IN_PROGRESS CREATE_FAILED",
           "three creates, a delete between each two (Heat's count[CREATE] <= 2)");
    r = fx_resource(st, id, "remote");
    is_str(fx_jstr(r, "action"), "CREATE", "remote CREATE");
    is_str(fx_jstr(r, "status"), "FAILED", "remote FAILED");
    is_str(fx_jstr(r, "status_reason"), want_reason, "Heat's ResourceInError reason");
    /* every child but the last is deleted: none leaked */
    hh_store_stack_list(st, NULL, NULL, true, true, &all, NULL);
    json_array_foreach(all, i, s)
    {
        if (strncmp(fx_jstr(s, "name"), "retry-remote-", 13) != 0)
            continue;
        remotes++;
        if (json_is_null(json_object_get(s, "deleted_at"))) {
            live++;
            is_str(fx_jstr(s, "id"), fx_jstr(r, "physical_resource_id"),
                   "the live child is the resource's physical id");
        }
    }
    is_int((long)remotes, 3, "a child stack per create");
    is_int((long)live, 1, "the two before the last are deleted");
    json_decref(all);
    json_decref(r);
    r = fx_resource(st, id, "fine");
    is_str(fx_jstr(r, "status"), "COMPLETE", "a resource beside it completes");
    json_decref(r);
    hh_stack_engine_free(e);

    /* action_retry_limit 0: no retry */
    e = retry_engine(0);
    st = hh_stack_engine_store(e);
    is_int(fx_create(e, remote_fail(text, sizeof(text), "0"), NULL, NULL, "noretry", id, &err), 0,
           "create accepted");
    is_int(hh_stack_engine_run(e, 30000), 0, "it ends");
    is_str(event_trail(st, id, "remote", trail, sizeof(trail)), "CREATE_IN_PROGRESS CREATE_FAILED",
           "limit 0: one create");
    hh_stack_engine_free(e);

    /* a failure of another type is not retried */
    e = retry_engine(3);
    st = hh_stack_engine_store(e);
    is_int(fx_create(e,
                     "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  boom: {type: OS::Heat::TestResource, properties: {fail: true}}\n",
                     NULL, NULL, "valueerror", id, &err),
           0, "create accepted");
    is_int(hh_stack_engine_run(e, 30000), 0, "it ends");
    is_str(event_trail(st, id, "boom", trail, sizeof(trail)), "CREATE_IN_PROGRESS CREATE_FAILED",
           "a ValueError is not retried");
    hh_stack_engine_free(e);
}

/* An engine that dies during the delete of a retry: the next one finishes
 * that delete and creates again; nothing is created twice or leaked. */
static void test_retry_resume(void)
{
    hh_stack_engine *e = retry_engine(1);
    hh_store *st = hh_stack_engine_store(e);
    json_t *all = NULL, *s;
    char id[HH_STORE_ID_LEN], trail[512], text[1024];
    size_t i, remotes = 0, live = 0;
    int resumed = 0;
    hh_error err;

    is_int(fx_create(e, remote_fail(text, sizeof(text), "1"), NULL, NULL, "rresume", id, &err), 0,
           "create accepted");
    ok(fx_run_until(e, id, "remote", "DELETE", "IN_PROGRESS", 20000),
       "the retry's delete is in progress");
    hh_stack_engine_free(e); /* the engine dies */
    e = retry_engine(1);
    st = hh_stack_engine_store(e);
    is_int(hh_stack_resume_all(e, 0, &resumed, &err), 0, "resume");
    ok(resumed >= 1, "the stack is resumed");
    is_int(hh_stack_engine_run(e, 30000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "FAILED", "after the retry");
    is_str(event_trail(st, id, "remote", trail, sizeof(trail)),
           "CREATE_IN_PROGRESS CREATE_FAILED DELETE_IN_PROGRESS DELETE_COMPLETE "
           "CREATE_IN_PROGRESS CREATE_FAILED",
           "the delete finished, then one more create");
    hh_store_stack_list(st, NULL, NULL, true, true, &all, NULL);
    json_array_foreach(all, i, s)
    {
        if (strncmp(fx_jstr(s, "name"), "rresume-remote-", 15) != 0)
            continue;
        remotes++;
        live += json_is_null(json_object_get(s, "deleted_at"));
    }
    is_int((long)remotes, 2, "a child per create");
    is_int((long)live, 1, "the first is deleted");
    json_decref(all);
    hh_stack_engine_free(e);

    /* dead right after a create's retriable failure (its FAILED state and
     * the loop's mark committed, nothing else): the next engine deletes
     * and creates again, or gives up when the count is spent */
    for (int spent = 0; spent < 2; spent++) {
        char name[32], mark[600];
        json_t *r;

        e = retry_engine(0);
        st = hh_stack_engine_store(e);
        snprintf(name, sizeof(name), "rmark-%d", spent);
        is_int(fx_create(e, remote_fail(text, sizeof(text), "0"), NULL, NULL, name, id, &err), 0,
               "create accepted");
        is_int(hh_stack_engine_run(e, 30000), 0, "it fails");
        r = fx_resource(st, id, "remote");
        snprintf(mark, sizeof(mark), "%d\n%s", spent ? 2 : 1, fx_jstr(r, "status_reason"));
        ok(hh_store_resource_data_set(st, 0, json_integer_value(json_object_get(r, "id")),
                                      HH_STACK_DATA_RETRY, mark, false, NULL) == 0 &&
               hh_store_stack_set_state(st, 0, id, "CREATE", "IN_PROGRESS", "Stack CREATE started",
                                        NULL) == 0,
           "the store as an engine dead after the failure leaves it");
        json_decref(r);
        hh_stack_engine_free(e);
        e = retry_engine(1);
        st = hh_stack_engine_store(e);
        is_int(hh_stack_resume_all(e, 0, &resumed, &err), 0, "resume");
        is_int(hh_stack_engine_run(e, 30000), 0, "it ends");
        fx_expect_state(st, id, "CREATE", "FAILED", "after the resume");
        is_str(event_trail(st, id, "remote", trail, sizeof(trail)),
               spent ? "CREATE_IN_PROGRESS CREATE_FAILED"
                     : "CREATE_IN_PROGRESS CREATE_FAILED DELETE_IN_PROGRESS DELETE_COMPLETE "
                       "CREATE_IN_PROGRESS CREATE_FAILED",
               spent ? "a spent count gives up" : "the loop goes on: delete, create again");
        hh_stack_engine_free(e);
    }

    /* dead while it waits out the backoff after the retry's delete: the
     * next engine creates again */
    e = retry_engine_scaled(1, 1.0);
    st = hh_stack_engine_store(e);
    is_int(fx_create(e, remote_fail(text, sizeof(text), "0"), NULL, NULL, "rbackoff", id, &err), 0,
           "create accepted");
    ok(fx_run_until_state(e, id, "remote", "DELETE", "COMPLETE", 20000),
       "the retry's delete is done, the backoff runs");
    hh_stack_engine_free(e);
    e = retry_engine(1);
    st = hh_stack_engine_store(e);
    is_int(hh_stack_resume_all(e, 0, &resumed, &err), 0, "resume");
    is_int(hh_stack_engine_run(e, 30000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "FAILED", "after the retry");
    is_str(event_trail(st, id, "remote", trail, sizeof(trail)),
           "CREATE_IN_PROGRESS CREATE_FAILED DELETE_IN_PROGRESS DELETE_COMPLETE "
           "CREATE_IN_PROGRESS CREATE_FAILED",
           "the create runs again after the resume");
    hh_stack_engine_free(e);
}

/* ---- (d) cleanup of removed resources of mapped types -------------------- */

static int update(hh_stack_engine *e, const char *id, const char *text, json_t *files,
                  const char *env, hh_error *err)
{
    json_t *tmpl = json_string(text), *envj = env ? json_string(env) : NULL;
    hh_tmpl_request req = {.template = tmpl, .files = files, .environment = envj};
    int rc = hh_stack_update(e, id, &req, NULL, 0, err);

    json_decref(tmpl);
    json_decref(envj);
    return rc;
}

static const char *mapped_env = "resource_registry:\n"
                                "  My::Thing: OS::Heat::None\n"
                                "  My::Nested: inner.yaml\n";

static const char *mapped_tmpl = "heat_template_version: 2016-10-14\n"
                                 "resources:\n"
                                 "  thing: {type: My::Thing}\n"
                                 "  nest: {type: My::Nested}\n"
                                 "  keep: {type: OS::Heat::None}\n";

static const char *keep_tmpl = "heat_template_version: 2016-10-14\n"
                               "resources:\n"
                               "  keep: {type: OS::Heat::None}\n";

static json_t *inner_files(void)
{
    return json_pack("{s:s}", "inner.yaml",
                     "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  v: {type: OS::Heat::Value, properties: {value: x}}\n");
}

/* An update that removes resources whose types the registry mapped (to a
 * plugin and to a template file) deletes them as what they are: the
 * child stack of the template resource goes too. With the same
 * environment, and with an environment that no longer maps them (the
 * row's own template's environment says what they were). */
static void test_mapped_cleanup(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *files = inner_files(), *r, *child;
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], trail[256];
    const char *envs[2] = {NULL, "resource_registry: {}\n"};
    hh_error err;
    int k;

    for (k = 0; k < 2; k++) {
        char name[32];

        snprintf(name, sizeof(name), "mapped-%d", k);
        is_int(fx_create(e, mapped_tmpl, files, mapped_env, name, id, &err), 0, "%s created", name);
        is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
        fx_expect_state(st, id, "CREATE", "COMPLETE", name);
        r = fx_resource(st, id, "nest");
        snprintf(cid, sizeof(cid), "%s", fx_jstr(r, "physical_resource_id"));
        json_decref(r);
        if (k == 0)
            is_int(update(e, id, keep_tmpl, files, mapped_env, &err), 0, "update removing them");
        else
            is_int(update(e, id, keep_tmpl, files, envs[k], &err), 0,
                   "update removing them, the mappings dropped too");
        is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
        fx_expect_state(st, id, "UPDATE", "COMPLETE", "the update");
        is_str(event_trail(st, id, "thing", trail, sizeof(trail)),
               "CREATE_IN_PROGRESS CREATE_COMPLETE DELETE_IN_PROGRESS DELETE_COMPLETE",
               "My::Thing (OS::Heat::None) deleted");
        is_str(event_trail(st, id, "nest", trail, sizeof(trail)),
               "CREATE_IN_PROGRESS CREATE_COMPLETE DELETE_IN_PROGRESS DELETE_COMPLETE",
               "My::Nested (inner.yaml) deleted");
        r = fx_resource(st, id, "thing");
        ok(r == NULL, "the removed row is gone");
        json_decref(r);
        child = fx_stack_row(st, cid, true);
        ok(child != NULL && !json_is_null(json_object_get(child, "deleted_at")),
           "the template resource's child stack is deleted");
        json_decref(child);
        is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
        is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
        fx_expect_state(st, id, "DELETE", "COMPLETE", "deleted");
    }
    json_decref(files);
    hh_stack_engine_free(e);
}

/* ---- (c) adopt of a stack with nested stacks ------------------------------ */

/* The physical id of member name of the child stack of resource res of
 * stack id into buf ("" when there is none). */
static const char *member_pid(hh_store *st, const char *id, const char *res, const char *name,
                              char *buf, size_t len)
{
    json_t *r = fx_resource(st, id, res), *m;

    m = fx_resource(st, fx_jstr(r, "physical_resource_id"), name);
    snprintf(buf, len, "%s", fx_jstr(m, "physical_resource_id"));
    json_decref(m);
    json_decref(r);
    return buf;
}

static const char *adopt_tmpl = "heat_template_version: 2016-10-14\n"
                                "resources:\n"
                                "  thing: {type: My::Thing}\n"
                                "  nest: {type: My::Nested}\n"
                                "  grp:\n"
                                "    type: OS::Heat::ResourceGroup\n"
                                "    properties:\n"
                                "      count: 2\n"
                                "      resource_def: {type: OS::Heat::RandomString}\n";

/* The abandon data of a stack whose template resource and resource group
 * own child stacks adopts back: each child is adopted as a nested stack
 * (ADOPT_COMPLETE) whose resources take the physical ids of the abandoned
 * child's. */
static void test_adopt_nested(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_ops_conf conf = {.enable_stack_abandon = true, .enable_stack_adopt = true};
    hh_stack_create_opts o = {.name = "adopted", .tenant = "tenant-1"};
    json_t *files = inner_files(), *data = NULL, *r, *kids = NULL, *child, *inner;
    hh_tmpl_request req = {.files = files};
    char id[HH_STORE_ID_LEN], aid[HH_STORE_ID_LEN], inner_pid[HH_RPHYS_ID_MAX];
    char m0[HH_RPHYS_ID_MAX], m1[HH_RPHYS_ID_MAX], buf[HH_RPHYS_ID_MAX];
    hh_error err;

    is_int(fx_create(e, adopt_tmpl, files, mapped_env, "to-abandon", id, &err), 0, "created");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "the original");
    r = fx_resource(st, id, "nest");
    inner = fx_resource(st, fx_jstr(r, "physical_resource_id"), "v");
    snprintf(inner_pid, sizeof(inner_pid), "%s", fx_jstr(inner, "physical_resource_id"));
    ok(inner_pid[0] != '\0', "the child's resource has a physical id");
    json_decref(inner);
    json_decref(r);
    member_pid(st, id, "grp", "0", m0, sizeof(m0));
    member_pid(st, id, "grp", "1", m1, sizeof(m1));
    ok(m0[0] != '\0' && m1[0] != '\0', "the group's members have physical ids");
    if (!ok(hh_stack_abandon(e, &conf, id, true, 0, &data, &err) == 0, "abandoned")) {
        diag("%s", err.message);
        goto done;
    }
    ok(json_is_object(json_object_get(json_object_get(json_object_get(data, "resources"), "nest"),
                                      "resources")),
       "the nested resource's data is its stack's");
    req.environment = json_object_get(data, "environment");
    if (!ok(hh_stack_adopt(e, &conf, &req, &o, data, 0, aid, &err) == 0, "adopt accepted")) {
        diag("%s", err.message);
        goto done;
    }
    is_int(hh_stack_engine_run(e, 20000), 0, "the adopt ends");
    fx_expect_state(st, aid, "ADOPT", "COMPLETE", "the adopted stack");
    hh_store_stack_children(st, aid, &kids, NULL);
    is_int((long)json_array_size(kids), 2, "two nested stacks");
    r = fx_resource(st, aid, "nest");
    child = fx_stack_row(st, fx_jstr(r, "physical_resource_id"), false);
    json_decref(r);
    is_str(fx_jstr(child, "action"), "ADOPT", "the child is adopted");
    is_str(fx_jstr(child, "status"), "COMPLETE", "ADOPT_COMPLETE");
    inner = fx_resource(st, fx_jstr(child, "id"), "v");
    is_str(fx_jstr(inner, "physical_resource_id"), inner_pid,
           "the child's resource took the abandoned one's physical id");
    is_str(fx_jstr(inner, "action"), "ADOPT", "inner resource ADOPT");
    json_decref(inner);
    r = fx_resource(st, aid, "nest");
    is_str(fx_jstr(r, "status"), "COMPLETE", "the template resource ADOPT_COMPLETE");
    is_str(fx_jstr(r, "physical_resource_id"), fx_jstr(child, "id"),
           "its physical id is the child");
    json_decref(r);
    json_decref(child);
    r = fx_resource(st, aid, "thing");
    is_str(fx_jstr(r, "status"), "COMPLETE", "a plain resource adopts as before");
    json_decref(r);
    r = fx_resource(st, aid, "grp");
    is_str(fx_jstr(r, "action"), "ADOPT", "the group ADOPT");
    is_str(fx_jstr(r, "status"), "COMPLETE", "the group ADOPT_COMPLETE");
    json_decref(r);
    is_str(member_pid(st, aid, "grp", "0", buf, sizeof(buf)), m0, "member 0 adopted");
    is_str(member_pid(st, aid, "grp", "1", buf, sizeof(buf)), m1, "member 1 adopted");
done:
    json_decref(kids);
    json_decref(data);
    json_decref(files);
    hh_stack_engine_free(e);
}

/* ---- (e) cancel and timeout reach child stacks ------------------------------ */

static json_t *slow_files(const char *secs)
{
    return json_pack("{s:s+++}", "slow.yaml",
                     "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  slow: {type: OS::Heat::TestResource, properties: {wait_secs: ",
                     secs, "}}\n", "  after: {type: OS::Heat::None, depends_on: slow}\n");
}

/* The child stack of resource name of stack id (new reference). */
static json_t *child_of(hh_store *st, const char *id, const char *name)
{
    json_t *r = fx_resource(st, id, name), *c;

    c = fx_stack_row(st, fx_jstr(r, "physical_resource_id"), true);
    json_decref(r);
    return c;
}

/* Heat's cancel without rollback (stop_traversal) fails the stack and
 * every nested stack in progress below it, "Stack CREATE cancelled";
 * what runs finishes normally and nothing new starts. */
static void test_cancel_reaches_children(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *files = slow_files("0.5"), *c, *r;
    char id[HH_STORE_ID_LEN];
    hh_error err;

    is_int(fx_create(e,
                     "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  nest: {type: slow.yaml}\n",
                     files, NULL, "cancel-parent", id, &err),
           0, "created");
    c = NULL;
    if (ok(fx_run_until(e, id, "nest", "CREATE", "IN_PROGRESS", 10000), "the child is made")) {
        c = child_of(st, id, "nest");
        ok(fx_run_until(e, fx_jstr(c, "id"), "slow", "CREATE", "IN_PROGRESS", 10000),
           "the child's resource runs");
    }
    is_int(hh_stack_cancel_update(e, id, false, 0, &err), 0, "cancel without rollback");
    json_decref(c);
    c = child_of(st, id, "nest");
    is_str(fx_jstr(c, "status"), "FAILED", "the child fails at once");
    is_str(fx_jstr(c, "status_reason"), "Stack CREATE cancelled", "Heat's stop_traversal reason");
    is_int(hh_stack_engine_run(e, 20000), 0, "everything ends");
    fx_expect_state(st, id, "CREATE", "FAILED", "the parent");
    r = fx_resource(st, fx_jstr(c, "id"), "slow");
    is_str(fx_jstr(r, "status"), "COMPLETE", "what ran in the child finished normally");
    json_decref(r);
    r = fx_resource(st, fx_jstr(c, "id"), "after");
    is_str(fx_jstr(r, "action"), "INIT", "nothing new started in the child");
    json_decref(r);
    json_decref(c);
    json_decref(files);
    hh_stack_engine_free(e);
}

/* The parent's timeout (and its cancel) aborts its nested resource in
 * progress, whose handle_create_cancel cancels the child's create:
 * the child fails "Stack CREATE cancelled" before its own timeout. */
static void test_timeout_reaches_children(void)
{
    hh_stack_engine_opts o = {.store_url = fx_store_url(),
                              .workers = 2,
                              .poll_secs = 0.01,
                              .error_wait_secs = 0.05,
                              .stack_action_timeout = 1.5};
    hh_stack_engine *e = NULL;
    hh_store *st;
    json_t *files = slow_files("60"), *c, *r;
    char id[HH_STORE_ID_LEN];
    hh_error err;

    if (!ok(hh_stack_engine_new(&o, &e, &err) == 0, "engine with a 1.5 s stack timeout"))
        return;
    st = hh_stack_engine_store(e);
    is_int(fx_create(e,
                     "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  first: {type: OS::Heat::TestResource, properties: {wait_secs: 1}}\n"
                     "  nest: {type: slow.yaml, depends_on: first}\n",
                     files, NULL, "timeout-parent", id, &err),
           0, "created");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "FAILED", "the parent");
    r = fx_stack_row(st, id, false);
    is_str(fx_jstr(r, "status_reason"), "Create timed out", "the parent timed out");
    json_decref(r);
    c = child_of(st, id, "nest");
    is_str(fx_jstr(c, "status"), "FAILED", "the child failed");
    is_str(fx_jstr(c, "status_reason"), "Stack CREATE cancelled",
           "cancelled by its parent, not by its own later timeout");
    json_decref(c);
    r = fx_resource(st, id, "nest");
    is_str(fx_jstr(r, "status_reason"), "CREATE aborted", "the parent's resource aborted");
    json_decref(r);

    /* the engine's cancel (as a delete superseding a create) likewise */
    is_int(fx_create(e,
                     "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  nest: {type: slow.yaml}\n",
                     files, NULL, "cancelled-parent", id, &err),
           0, "created");
    if (ok(fx_run_until(e, id, "nest", "CREATE", "IN_PROGRESS", 10000), "the child is made")) {
        c = child_of(st, id, "nest");
        ok(fx_run_until(e, fx_jstr(c, "id"), "slow", "CREATE", "IN_PROGRESS", 10000),
           "the child's resource runs");
        json_decref(c);
    }
    is_int(hh_stack_engine_cancel(e, id), 0, "the parent's action is cancelled");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    c = child_of(st, id, "nest");
    is_str(fx_jstr(c, "status_reason"), "Stack CREATE cancelled", "the child is cancelled too");
    json_decref(c);
    json_decref(files);
    hh_stack_engine_free(e);
}

/* Heat's cancel with rollback of an update whose nested stack is being
 * updated: the parent's rollback rolls the child's update back
 * (stack_resource.py _try_rollback: stack_cancel_update of the child
 * with rollback, the parent resource waiting for the child's ROLLBACK):
 * both end ROLLBACK_COMPLETE, the child back on its first value. */
static void test_cancel_rollback_child(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *files = json_pack("{s:s}", "slowup.yaml",
                              "heat_template_version: 2016-10-14\n"
                              "parameters: {v: {type: string}}\n"
                              "resources:\n"
                              "  slow: {type: OS::Heat::TestResource, properties: {value:"
                              " {get_param: v}, action_wait_secs: {update: 60}}}\n");
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "parameters: {v: {type: string}}\n"
                       "resources:\n"
                       "  nest: {type: slowup.yaml, properties: {v: {get_param: v}}}\n";
    json_t *tj = json_string(tmpl), *p1 = json_pack("{s:s}", "v", "one"),
           *p2 = json_pack("{s:s}", "v", "two"), *c = NULL, *r;
    hh_tmpl_request req = {.template = tj, .files = files, .parameters = p1};
    hh_stack_update_opts uo = {.disable_rollback = 0};
    char id[HH_STORE_ID_LEN];
    hh_error err;

    is_int(hh_stack_create(e, &req, "cancel-rb-parent", "tenant-1", 0, id, &err), 0, "created");
    is_int(hh_stack_engine_run(e, 20000), 0, "created");
    req.parameters = p2;
    is_int(hh_stack_update(e, id, &req, &uo, 0, &err), 0, "update to two");
    if (ok(fx_run_until(e, id, "nest", "UPDATE", "IN_PROGRESS", 10000), "the child updates")) {
        c = child_of(st, id, "nest");
        ok(fx_run_until_state(e, fx_jstr(c, "id"), "slow", "UPDATE", "IN_PROGRESS", 10000),
           "the child's resource updates");
    }
    is_int(hh_stack_cancel_update(e, id, true, 0, &err), 0, "cancel with rollback");
    is_int(hh_stack_engine_run(e, 20000), 0, "everything ends");
    fx_expect_state(st, id, "ROLLBACK", "COMPLETE", "the parent");
    json_decref(c);
    c = child_of(st, id, "nest");
    is_str(fx_jstr(c, "action"), "ROLLBACK", "the child rolled back (Heat's), not updated again");
    is_str(fx_jstr(c, "status"), "COMPLETE", "the child's rollback completed");
    r = fx_resource(st, fx_jstr(c, "id"), "slow");
    is_str(fx_jstr(json_object_get(r, "properties_data"), "value"), "one",
           "the child's resource is back on its value");
    json_decref(r);
    r = fx_resource(st, id, "nest");
    is_str(fx_jstr(r, "status"), "COMPLETE", "the parent's resource completes");
    json_decref(r);
    json_decref(c);
    json_decref(tj);
    json_decref(p1);
    json_decref(p2);
    json_decref(files);
    hh_stack_engine_free(e);
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_stack_lifecycle") != 0)
        return 99;
    test_retry();
    test_retry_resume();
    test_mapped_cleanup();
    test_adopt_nested();
    test_cancel_reaches_children();
    test_timeout_reaches_children();
    test_cancel_rollback_child();
    fx_store_close();
    return done_testing();
}
