/* Unit tests of breakpoint hooks (Heat's Resource._break_if_required,
 * Registry.matches_hook, remove_resources_except, Resource.signal's
 * unset_hook): a resource whose name the environment's resource_registry
 * gives a hook pauses before (pre-*) or after (post-*) its create, update
 * or delete until a signal {"unset_hook": hook} clears it; the pause is
 * stored state (it survives the engine's death, and so does its clear); a
 * cancel or timeout ends it. Reasons and event states are Heat 19's. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack_engine.h"
#include "stack_fixture.h"
#include "store.h"
#include "tap.h"

#define T_HOT "heat_template_version: 2016-10-14\n"

/* r1, then r2 after it. */
static const char *pair_tmpl = T_HOT "resources:\n"
                                     "  r1: {type: OS::Heat::None}\n"
                                     "  r2: {type: OS::Heat::None, depends_on: r1}\n";

/* How many events of resource name of stack id have reason. */
static int reason_count(hh_store *st, const char *id, const char *name, const char *reason)
{
    json_t *evs = fx_events(st, id), *ev;
    size_t i;
    int n = 0;

    json_array_foreach(evs, i, ev)
    {
        if (strcmp(fx_jstr(ev, "resource_name"), name) == 0 &&
            strcmp(fx_jstr(ev, "resource_status_reason"), reason) == 0)
            n++;
    }
    json_decref(evs);
    return n;
}

/* The (action, status) of the last event of name with reason, as "A_S";
 * "" when there is none. Into buf. */
static const char *reason_state(hh_store *st, const char *id, const char *name, const char *reason,
                                char *buf, size_t len)
{
    json_t *evs = fx_events(st, id), *ev;
    size_t i;

    buf[0] = '\0';
    json_array_foreach(evs, i, ev)
    {
        if (strcmp(fx_jstr(ev, "resource_name"), name) == 0 &&
            strcmp(fx_jstr(ev, "resource_status_reason"), reason) == 0)
            snprintf(buf, len, "%s_%s", fx_jstr(ev, "resource_action"),
                     fx_jstr(ev, "resource_status"));
    }
    json_decref(evs);
    return buf;
}

/* The stored value of hook on resource name of stack id ("" when none). */
static const char *hook_data(hh_store *st, const char *id, const char *name, const char *hook,
                             char *buf, size_t len)
{
    json_t *r = fx_resource(st, id, name);
    char *v = NULL;

    buf[0] = '\0';
    if (r != NULL && hh_store_resource_data_get(st, json_integer_value(json_object_get(r, "id")),
                                                hook, &v, NULL) == 0)
        snprintf(buf, len, "%s", v);
    free(v);
    json_decref(r);
    return buf;
}

/* Drive e (bounded: max_ms) until the hook of name in stack id is stored
 * "True" (paused). */
static bool run_until_paused(hh_stack_engine *e, const char *id, const char *name, const char *hook,
                             long max_ms)
{
    char v[32];

    for (long waited = 0; waited < max_ms; waited += 10) {
        if (strcmp(hook_data(hh_stack_engine_store(e), id, name, hook, v, sizeof(v)), "True") == 0)
            return true;
        if (hh_stack_engine_run(e, 10) == 0)
            return false;
    }
    return false;
}

/* Signal {"unset_hook": hook} to resource name of stack id. */
static int clear_hook(hh_stack_engine *e, const char *id, const char *name, const char *hook,
                      hh_error *err)
{
    json_t *d = json_pack("{s:s}", "unset_hook", hook);
    int rc = hh_stack_resource_signal(e, id, name, d, false, 0, NULL, err);

    json_decref(d);
    return rc;
}

/* Drive e a little: a paused action does not end (the state cannot move
 * on; the slice only gives it the chance to). */
static bool still_running(hh_stack_engine *e)
{
    return hh_stack_engine_run(e, 100) == ETIMEDOUT;
}

/* pre-create: the resource stays INIT_COMPLETE with the event (INIT,
 * COMPLETE) "CREATE paused until Hook pre-create is cleared", those after
 * it wait; the clear goes on; a second clear is InvalidBreakPointHook. */
static void test_pre_create(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], buf[64];
    json_t *r;
    hh_error err;

    is_int(fx_create(e, pair_tmpl, NULL,
                     "resource_registry: {resources: {r1: {hooks: pre-create}}}", "hook-pre", id,
                     &err),
           0, "created with a pre-create hook on r1");
    ok(run_until_paused(e, id, "r1", "pre-create", 10000), "r1 paused: data pre-create True");
    ok(still_running(e), "the action waits");
    ok(fx_state_is(st, id, "CREATE", "IN_PROGRESS"), "the stack stays CREATE_IN_PROGRESS");
    r = fx_resource(st, id, "r1");
    is_str(fx_jstr(r, "action"), "INIT", "r1 not created yet");
    json_decref(r);
    is_str(reason_state(st, id, "r1", "CREATE paused until Hook pre-create is cleared", buf,
                        sizeof(buf)),
           "INIT_COMPLETE", "Heat's pause event, with the resource's state");
    r = fx_resource(st, id, "r2");
    is_str(fx_jstr(r, "action"), "INIT", "r2 waits for r1");
    json_decref(r);

    is_int(clear_hook(e, id, "r1", "pre-update", &err), HH_EINVAL, "another hook: refused");
    is_str(err.type, "InvalidBreakPointHook", "Heat's type");
    ok(strstr(err.message, "The \"pre-update\" hook is not defined on") != NULL, "Heat's text: %s",
       err.message);
    is_int(clear_hook(e, id, "r1", "pre-creat", &err), HH_EINVAL, "an unknown hook: refused");
    ok(strncmp(err.message, "Invalid hook type \"pre-creat\" for ", 34) == 0, "Heat's text: %s",
       err.message);

    is_int(clear_hook(e, id, "r1", "pre-create", &err), 0, "cleared");
    is_int(reason_count(st, id, "r1", "Hook pre-create is cleared"), 1, "the clear's event");
    is_int(hh_stack_engine_run(e, 20000), 0, "the action ends");
    ok(fx_state_is(st, id, "CREATE", "COMPLETE"), "CREATE_COMPLETE");
    is_str(hook_data(st, id, "r1", "pre-create", buf, sizeof(buf)), "", "the hook's key is gone");
    is_int(clear_hook(e, id, "r1", "pre-create", &err), HH_EINVAL, "no second clear");
    hh_stack_engine_free(e);
}

/* post-create by a glob: the resource is CREATE_COMPLETE and paused with
 * the event (CREATE, COMPLETE); what depends on it waits. */
static void test_post_create_glob(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], buf[64];
    json_t *r;
    hh_error err;

    is_int(fx_create(e, pair_tmpl, NULL,
                     "resource_registry: {resources: {\"*1\": {hooks: [post-create]}}}",
                     "hook-post", id, &err),
           0, "created with post-create on *1");
    ok(run_until_paused(e, id, "r1", "post-create", 10000), "r1 paused after its create");
    ok(still_running(e), "the action waits");
    r = fx_resource(st, id, "r1");
    is_str(fx_jstr(r, "status"), "COMPLETE", "r1 is created");
    json_decref(r);
    is_str(reason_state(st, id, "r1", "CREATE paused until Hook post-create is cleared", buf,
                        sizeof(buf)),
           "CREATE_COMPLETE", "the pause event after the COMPLETE");
    r = fx_resource(st, id, "r2");
    is_str(fx_jstr(r, "action"), "INIT", "r2 waits for r1's hook");
    json_decref(r);
    is_int(clear_hook(e, id, "r1", "post-create", &err), 0, "cleared");
    is_int(hh_stack_engine_run(e, 20000), 0, "the action ends");
    ok(fx_state_is(st, id, "CREATE", "COMPLETE"), "CREATE_COMPLETE");
    hh_stack_engine_free(e);
}

/* The engine dies while paused: a new engine's resume finds the pause
 * (no second pause event) and the clear goes on; a clear made while no
 * engine runs the stack survives too (the hook is passed, not paused
 * again). Likewise for a post-create pause. */
static void test_resume(void)
{
    static const char *const hooks[] = {"pre-create", "post-create"};
    char id[HH_STORE_ID_LEN], env[128], reason[96], buf[64];
    hh_error err;

    for (size_t h = 0; h < 2; h++) {
        for (int clear_first = 0; clear_first < 2; clear_first++) {
            hh_stack_engine *e = fx_engine();
            hh_store *st;
            int resumed = 0;

            snprintf(env, sizeof(env), "resource_registry: {resources: {r1: {hooks: %s}}}",
                     hooks[h]);
            snprintf(reason, sizeof(reason), "CREATE paused until Hook %s is cleared", hooks[h]);
            fx_create(e, pair_tmpl, NULL, env, clear_first ? "hook-crash-c" : "hook-crash", id,
                      &err);
            ok(run_until_paused(e, id, "r1", hooks[h], 10000), "%s: paused", hooks[h]);
            hh_stack_engine_free(e); /* the engine dies */

            e = fx_engine();
            st = hh_stack_engine_store(e);
            if (clear_first)
                is_int(clear_hook(e, id, "r1", hooks[h], &err), 0,
                       "%s: cleared while no engine runs it", hooks[h]);
            is_int(hh_stack_resume_all(e, 0, &resumed, &err), 0, "resume");
            is_int(resumed, 1, "one action resumed");
            if (!clear_first) {
                ok(still_running(e), "%s: still paused after the resume", hooks[h]);
                is_str(hook_data(st, id, "r1", hooks[h], buf, sizeof(buf)), "True",
                       "%s: stored paused", hooks[h]);
                is_int(clear_hook(e, id, "r1", hooks[h], &err), 0, "%s: cleared", hooks[h]);
            }
            is_int(hh_stack_engine_run(e, 20000), 0, "%s: the action ends", hooks[h]);
            ok(fx_state_is(st, id, "CREATE", "COMPLETE"), "%s: CREATE_COMPLETE", hooks[h]);
            is_int(reason_count(st, id, "r1", reason), 1, "%s: paused once", hooks[h]);
            is_str(hook_data(st, id, "r1", hooks[h], buf, sizeof(buf)), "", "%s: key gone",
                   hooks[h]);
            ok(fx_delete_run(e, id, NULL), "deleted");
            hh_stack_engine_free(e);
        }
    }
}

/* A cancel without rollback, a stack timeout and a delete superseding
 * the create end a pause: Heat's "Failure occurred while waiting.", the
 * key removed, the resource as it was. */
static void test_pause_ends(void)
{
    hh_stack_engine_opts o = {.store_url = fx_store_url(),
                              .workers = 2,
                              .poll_secs = 0.01,
                              .error_wait_secs = 0.05,
                              .stack_action_timeout = 0.5};
    const char *env = "resource_registry: {resources: {r1: {hooks: pre-create}}}";
    const char *wait = "Failure occurred while waiting.";
    hh_stack_engine *e = fx_engine(), *te = NULL;
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], buf[64];
    json_t *row, *r;
    hh_error err;

    fx_create(e, pair_tmpl, NULL, env, "hook-cancel", id, &err);
    ok(run_until_paused(e, id, "r1", "pre-create", 10000), "paused");
    is_int(hh_stack_cancel_update(e, id, false, 0, &err), 0, "cancel without rollback");
    is_int(hh_stack_engine_run(e, 20000), 0, "the action ends");
    row = fx_stack_row(st, id, false);
    is_str(fx_jstr(row, "status_reason"), "Stack CREATE cancelled", "the stack is cancelled");
    json_decref(row);
    is_str(reason_state(st, id, "r1", wait, buf, sizeof(buf)), "INIT_COMPLETE",
           "the pause ends with Heat's event");
    r = fx_resource(st, id, "r1");
    is_str(fx_jstr(r, "action"), "INIT", "r1 untouched");
    json_decref(r);
    is_str(hook_data(st, id, "r1", "pre-create", buf, sizeof(buf)), "", "its key is gone");

    fx_create(e, pair_tmpl, NULL, env, "hook-delete", id, &err);
    ok(run_until_paused(e, id, "r1", "pre-create", 10000), "paused");
    ok(fx_delete_run(e, id, NULL), "a delete supersedes the paused create");
    is_int(reason_count(st, id, "r1", wait), 1, "the pause ended first");
    hh_stack_engine_free(e);

    if (!ok(hh_stack_engine_new(&o, &te, &err) == 0, "engine with a 0.5 s stack timeout"))
        return;
    st = hh_stack_engine_store(te);
    fx_create(te, pair_tmpl, NULL, env, "hook-timeout", id, &err);
    is_int(hh_stack_engine_run(te, 20000), 0, "the paused create ends");
    row = fx_stack_row(st, id, false);
    is_str(fx_jstr(row, "status_reason"), "Create timed out", "by its timeout");
    json_decref(row);
    is_int(reason_count(st, id, "r1", wait), 1, "the pause ended");
    hh_stack_engine_free(te);
}

/* A job_end hook (hh_stack_engine_opts): the first job of r1 that ends
 * waiting (paused) says so (parked) and is held until the test released
 * it (bounded: 20 s). */
typedef struct held_pause {
    atomic_bool parked;
    atomic_bool go;
} held_pause;

static void hold_paused(void *arg, const char *stack_id, const char *resource, bool waiting)
{
    held_pause *h = arg;

    if (!waiting || strcmp(resource, "r1") != 0 || atomic_exchange(&h->parked, true))
        return;
    for (int i = 0; i < 2000 && !atomic_load(&h->go); i++)
        usleep(10000);
}

/* The lost wake of a clear: a clear that comes while the job that paused
 * (it committed the pause) has not ended yet is kept for the job's
 * result; the engine polls every hour, so the create completes only so. */
static void test_clear_while_pausing(void)
{
    held_pause h = {0};
    hh_stack_engine_opts o = {.store_url = fx_store_url(),
                              .workers = 2,
                              .poll_secs = 3600,
                              .error_wait_secs = 0.05,
                              .job_end = hold_paused,
                              .job_end_arg = &h};
    hh_stack_engine *e = NULL;
    hh_store *st;
    char id[HH_STORE_ID_LEN], buf[64];
    hh_error err;
    int i;

    if (!ok(hh_stack_engine_new(&o, &e, &err) == 0, "engine polling every hour"))
        return;
    st = hh_stack_engine_store(e);
    is_int(fx_create(e, pair_tmpl, NULL,
                     "resource_registry: {resources: {r1: {hooks: pre-create}}}", "hook-held", id,
                     &err),
           0, "created with a pre-create hook on r1");
    for (i = 0; i < 2000 && !atomic_load(&h.parked); i++)
        hh_stack_engine_run(e, 10); /* bounded: 20 s */
    ok(atomic_load(&h.parked), "the job that pauses r1 is held");
    is_str(hook_data(st, id, "r1", "pre-create", buf, sizeof(buf)), "True", "its pause is stored");
    is_int(clear_hook(e, id, "r1", "pre-create", &err), 0, "cleared while the job runs");
    atomic_store(&h.go, true);
    is_int(hh_stack_engine_run(e, 20000), 0, "the action ends without a poll");
    ok(fx_state_is(st, id, "CREATE", "COMPLETE"), "CREATE_COMPLETE");
    hh_stack_engine_free(e);
}

/* pre-update pauses every existing resource of an update (an unchanged
 * one too, as Heat's update() breaks before _needs_update), post-update
 * an update in place; a cancel with rollback ends the pause and the
 * rollback (to an environment without hooks) completes; pre-delete. */
static void test_update_delete(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    const char *v1 = T_HOT "resources:\n"
                           "  a: {type: OS::Heat::Value, properties: {value: one}}\n"
                           "  b: {type: OS::Heat::None}\n";
    const char *v2 = T_HOT "resources:\n"
                           "  a: {type: OS::Heat::Value, properties: {value: two}}\n"
                           "  b: {type: OS::Heat::None}\n";
    json_t *tmpl = json_string(v2), *envj;
    hh_tmpl_request req = {.template = tmpl};
    hh_stack_update_opts uo = {.disable_rollback = 0};
    char id[HH_STORE_ID_LEN], buf[64];
    hh_error err;

    is_int(fx_create(e, v1, NULL, NULL, "hook-update", id, &err), 0, "created without hooks");
    is_int(hh_stack_engine_run(e, 20000), 0, "created");
    envj = json_string("resource_registry: {resources: {b: {hooks: pre-update},"
                       " a: {hooks: post-update}}}");
    req.environment = envj;
    is_int(hh_stack_update(e, id, &req, &uo, 0, &err), 0, "update with hooks");
    ok(run_until_paused(e, id, "b", "pre-update", 10000), "the unchanged b pauses before");
    ok(run_until_paused(e, id, "a", "post-update", 10000), "a pauses after its update");
    is_str(reason_state(st, id, "a", "UPDATE paused until Hook post-update is cleared", buf,
                        sizeof(buf)),
           "UPDATE_COMPLETE", "after its UPDATE_COMPLETE");
    is_str(reason_state(st, id, "b", "UPDATE paused until Hook pre-update is cleared", buf,
                        sizeof(buf)),
           "CREATE_COMPLETE", "b's pause in its state");
    is_int(clear_hook(e, id, "b", "pre-update", &err), 0, "b cleared");
    is_int(clear_hook(e, id, "a", "post-update", &err), 0, "a cleared");
    is_int(hh_stack_engine_run(e, 20000), 0, "the update ends");
    ok(fx_state_is(st, id, "UPDATE", "COMPLETE"), "UPDATE_COMPLETE");

    /* back to v1 without hooks, then to v2 with one, cancelled with
     * rollback while b is paused: the rollback (to v1, no hooks) runs */
    json_decref(tmpl);
    json_decref(envj);
    tmpl = json_string(v1);
    req.template = tmpl;
    req.environment = NULL;
    is_int(hh_stack_update(e, id, &req, &uo, 0, &err), 0, "an update to v1 without hooks");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends without pausing");
    json_decref(tmpl);
    tmpl = json_string(v2);
    req.template = tmpl;
    envj = json_string("resource_registry: {resources: {b: {hooks: pre-update}}}");
    req.environment = envj;
    is_int(hh_stack_update(e, id, &req, &uo, 0, &err), 0, "an update to v2 with a hook");
    ok(run_until_paused(e, id, "b", "pre-update", 10000), "b pauses");
    is_int(hh_stack_cancel_update(e, id, true, 0, &err), 0, "cancel with rollback");
    is_int(hh_stack_engine_run(e, 20000), 0, "the rollback ends");
    ok(fx_state_is(st, id, "ROLLBACK", "COMPLETE"), "ROLLBACK_COMPLETE");
    is_int(reason_count(st, id, "b", "Failure occurred while waiting."), 1, "b's pause ended");
    is_str(hook_data(st, id, "b", "pre-update", buf, sizeof(buf)), "", "b's key is gone");
    json_decref(envj);

    /* pre-delete (an update brings the hook) */
    envj = json_string("resource_registry: {resources: {b: {hooks: pre-delete}}}");
    req.environment = envj;
    is_int(hh_stack_update(e, id, &req, &uo, 0, &err), 0, "an update to a pre-delete hook");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends without pausing");
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
    ok(run_until_paused(e, id, "b", "pre-delete", 10000), "b pauses before its delete");
    ok(still_running(e), "the delete waits");
    is_str(reason_state(st, id, "b", "DELETE paused until Hook pre-delete is cleared", buf,
                        sizeof(buf)),
           "CREATE_COMPLETE", "in b's state (unchanged by the updates)");
    is_int(clear_hook(e, id, "b", "pre-delete", &err), 0, "cleared");
    is_int(hh_stack_engine_run(e, 20000), 0, "the delete ends");
    ok(fx_state_is(st, id, "DELETE", "COMPLETE"), "DELETE_COMPLETE");
    json_decref(envj);
    json_decref(tmpl);
    hh_stack_engine_free(e);
}

/* A nested stack's resource by path (resources: {nest: {leaf: {hooks}}})
 * and by globs on both levels: the child pauses, its parent resource
 * waits, the clear on the child goes on. */
static void test_nested(void)
{
    static const char *const envs[] = {
        "resource_registry: {resources: {nest: {leaf: {hooks: pre-create}}}}",
        "resource_registry: {resources: {\"ne*\": {\"l*\": {hooks: [pre-create]}},"
        " other: {leaf: {hooks: post-create}}}}"};
    json_t *files =
        json_pack("{s:s}", "child.yaml", T_HOT "resources:\n  leaf: {type: OS::Heat::None}\n");
    char id[HH_STORE_ID_LEN], buf[64];
    hh_error err;

    for (size_t k = 0; k < 2; k++) {
        hh_stack_engine *e = fx_engine();
        hh_store *st = hh_stack_engine_store(e);
        json_t *r = NULL, *c = NULL;
        const char *cid;

        fx_create(e, T_HOT "resources:\n  nest: {type: child.yaml}\n", files, envs[k],
                  k ? "hook-nest-glob" : "hook-nest", id, &err);
        ok(fx_run_until(e, id, "nest", "CREATE", "IN_PROGRESS", 10000), "the child is made");
        r = fx_resource(st, id, "nest");
        cid = fx_jstr(r, "physical_resource_id");
        ok(run_until_paused(e, cid, "leaf", "pre-create", 10000), "the child's leaf pauses (%zu)",
           k);
        ok(still_running(e), "the parent waits");
        is_str(hook_data(st, cid, "leaf", "post-create", buf, sizeof(buf)), "",
               "an entry of another resource does not reach it");
        c = fx_resource(st, id, "nest");
        is_str(fx_jstr(c, "status"), "IN_PROGRESS", "nest in progress");
        is_int(clear_hook(e, cid, "leaf", "pre-create", &err), 0, "cleared in the child");
        is_int(hh_stack_engine_run(e, 20000), 0, "everything ends");
        ok(fx_state_is(st, id, "CREATE", "COMPLETE"), "the parent CREATE_COMPLETE");
        json_decref(c);
        json_decref(r);
        hh_stack_engine_free(e);
    }
    json_decref(files);
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_hooks") != 0)
        return 99;
    test_pre_create();
    test_post_create_glob();
    test_resume();
    test_pause_ends();
    test_clear_while_pausing();
    test_update_delete();
    test_nested();
    fx_store_close();
    return done_testing();
}
