/* Unit tests of the stack actions on the store (stack_engine, stack_model,
 * stack_create, stack_delete, stack_resume): create and delete of stacks of
 * OS::Heat::None, Value, RandomString and TestResource with dependencies,
 * outputs resolved against the created resources, events in Heat's order
 * with Heat's reasons, a failing resource, fencing, and a resume of an
 * abandoned action in the same process. Expected reasons are those of
 * Heat 19 (tests/../shared reference captures 12 and 26c). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack_engine.h"
#include "stack_fixture.h"
#include "stack_model.h"
#include "store.h"
#include "tap.h"

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int create(hh_stack_engine *e, const char *text, const char *name, json_t *params, char *id,
                  hh_error *err)
{
    json_t *tmpl = json_string(text);
    hh_tmpl_request req = {.template = tmpl, .parameters = params};
    int rc = hh_stack_create(e, &req, name, "tenant-1", 0, id, err);

    json_decref(tmpl);
    return rc;
}

static json_t *events_of(hh_store *st, const char *id)
{
    json_t *evs = NULL;

    hh_store_event_list(st, id, NULL, &evs, NULL);
    return evs;
}

static const char *basic_tmpl =
    "heat_template_version: 2016-10-14\n"
    "parameters:\n"
    "  greeting: {type: string, default: hello}\n"
    "resources:\n"
    "  a: {type: OS::Heat::None}\n"
    "  b:\n"
    "    type: OS::Heat::Value\n"
    "    properties: {value: {get_resource: a}}\n"
    "  c:\n"
    "    type: OS::Heat::RandomString\n"
    "    properties: {length: 12}\n"
    "  d:\n"
    "    type: OS::Heat::TestResource\n"
    "    depends_on: b\n"
    "    properties:\n"
    "      value: {list_join: ['-', [{get_param: greeting}, {get_attr: [c, value]}]]}\n"
    "      wait_secs: 0.05\n"
    "outputs:\n"
    "  out_d: {value: {get_attr: [d, output]}}\n"
    "  ref_a: {value: {get_resource: a}}\n"
    "  val_b: {value: {get_attr: [b, value]}}\n"
    "  rand: {value: {get_resource: c}}\n"
    "  name: {value: {get_param: 'OS::stack_name'}}\n"
    "  bad: {value: {list_join: [',', {get_resource: a}]}}\n";

static void test_create_delete(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_model *m = NULL;
    json_t *row = NULL, *evs, *a, *b, *c, *d, *outs = NULL, *data = NULL;
    char id[HH_STORE_ID_LEN];
    hh_error err;
    long i1, i2;

    if (!ok(create(e, basic_tmpl, "basic", NULL, id, &err) == 0, "create accepted"))
        diag("%s: %s", err.type ? err.type : "", err.message);
    is_int(strlen(id), 36, "the stack id is reported");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status"), "IN_PROGRESS", "committed CREATE IN_PROGRESS before returning");
    is_str(jstr(row, "status_reason"), "Stack CREATE started", "Heat's start reason");
    json_decref(row);
    evs = events_of(st, id);
    is_str(jstr(json_array_get(evs, 0), "resource_status_reason"), "Stack CREATE started",
           "the stack's event committed before the id is reported");
    json_decref(evs);

    is_int(hh_stack_engine_run(e, 10000), 0, "create runs to its end");
    is_int(hh_stack_engine_active(e), 0, "no action left");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "action"), "CREATE", "stack action CREATE");
    is_str(jstr(row, "status"), "COMPLETE", "stack CREATE_COMPLETE");
    is_str(jstr(row, "status_reason"), "Stack CREATE completed successfully", "Heat's reason");
    json_decref(row);

    a = fx_resource(st, id, "a");
    b = fx_resource(st, id, "b");
    c = fx_resource(st, id, "c");
    d = fx_resource(st, id, "d");
    is_str(jstr(a, "status"), "COMPLETE", "a complete");
    is_str(jstr(d, "status_reason"), "state changed", "resource reason 'state changed'");
    ok(jstr(a, "physical_resource_id") && strlen(jstr(a, "physical_resource_id")) == 36,
       "None's physical id is a UUID");
    ok(jstr(b, "physical_resource_id") &&
           strncmp(jstr(b, "physical_resource_id"), "basic-b-", 8) == 0,
       "Value's physical id is its physical name");
    is_str(jstr(json_object_get(b, "properties_data"), "value"), jstr(a, "physical_resource_id"),
           "get_resource resolved to the created resource's id");
    hh_store_resource_data_get_all(st, json_integer_value(json_object_get(c, "id")), &data, NULL);
    ok(jstr(data, "value") != NULL && strlen(jstr(data, "value")) == 12, "random string stored");

    is_int(hh_stack_model_load(st, id, false, &m, &err), 0, "model loads");
    is_int(hh_stack_model_outputs(m, st, &outs, &err), 0, "outputs resolve");
    {
        char want[64];

        snprintf(want, sizeof(want), "hello-%s", jstr(data, "value"));
        is_str(jstr(outs, "out_d"), want, "get_attr of TestResource output (param + random)");
    }
    is_str(jstr(outs, "ref_a"), jstr(a, "physical_resource_id"), "get_resource output");
    is_str(jstr(outs, "val_b"), jstr(a, "physical_resource_id"), "get_attr of Value");
    is_str(jstr(outs, "rand"), jstr(data, "value"), "RandomString's reference is its value");
    is_str(jstr(outs, "name"), "basic", "pseudo-parameter");
    ok(jstr(json_object_get(outs, "bad"), "output_error") != NULL,
       "a failing output carries output_error");
    json_decref(outs);
    hh_stack_model_free(m);

    evs = events_of(st, id);
    is_int(json_array_size(evs), 10, "2 stack + 2 per resource events");
    is_str(jstr(json_array_get(evs, 0), "resource_status_reason"), "Stack CREATE started", "first");
    is_str(jstr(json_array_get(evs, 9), "resource_status_reason"),
           "Stack CREATE completed successfully", "last");
    is_str(jstr(json_array_get(evs, 9), "physical_resource_id"), id, "stack event id");
    i1 = fx_ev_find(evs, "a", "CREATE", "COMPLETE");
    i2 = fx_ev_find(evs, "b", "CREATE", "IN_PROGRESS");
    ok(i1 >= 0 && i2 > i1, "b starts after a completes");
    i1 = fx_ev_find(evs, "b", "CREATE", "COMPLETE");
    i2 = fx_ev_find(evs, "d", "CREATE", "IN_PROGRESS");
    ok(i1 >= 0 && i2 > i1, "d starts after b completes (depends_on)");
    i1 = fx_ev_find(evs, "c", "CREATE", "COMPLETE");
    ok(i1 >= 0 && i2 > i1, "d starts after c completes (get_attr)");
    is_str(jstr(json_array_get(evs, (size_t)fx_ev_find(evs, "d", "CREATE", "COMPLETE")),
                "physical_resource_id"),
           jstr(d, "physical_resource_id"), "event carries the physical id");
    json_decref(evs);

    /* delete in reverse order */
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete accepted");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status_reason"), "Stack DELETE started", "DELETE IN_PROGRESS committed");
    json_decref(row);
    is_int(hh_stack_delete(e, id, 0, &err), HH_EEXISTS, "a second delete while one runs");
    is_str(err.type, "ActionInProgress", "... is ActionInProgress");
    is_int(hh_stack_engine_run(e, 10000), 0, "delete runs to its end");
    row = NULL;
    is_int(hh_store_stack_get(st, id, false, &row, NULL), HH_ENOTFOUND, "stack soft-deleted");
    hh_store_stack_get(st, id, true, &row, NULL);
    is_str(jstr(row, "action"), "DELETE", "DELETE ...");
    is_str(jstr(row, "status"), "COMPLETE", "... COMPLETE");
    is_str(jstr(row, "status_reason"), "Stack DELETE completed successfully", "Heat's reason");
    json_decref(row);
    evs = events_of(st, id);
    is_int(json_array_size(evs), 20, "2 stack + 2 per resource delete events");
    i1 = fx_ev_find(evs, "d", "DELETE", "COMPLETE");
    i2 = fx_ev_find(evs, "b", "DELETE", "IN_PROGRESS");
    ok(i1 >= 0 && i2 > i1, "b deleted after d");
    i2 = fx_ev_find(evs, "c", "DELETE", "IN_PROGRESS");
    ok(i1 >= 0 && i2 > i1, "c deleted after d");
    i1 = fx_ev_find(evs, "b", "DELETE", "COMPLETE");
    i2 = fx_ev_find(evs, "a", "DELETE", "IN_PROGRESS");
    ok(i1 >= 0 && i2 > i1, "a deleted after b");
    is_str(jstr(json_array_get(evs, 19), "resource_status_reason"),
           "Stack DELETE completed successfully", "last delete event");
    json_decref(evs);
    is_int(hh_stack_delete(e, id, 0, &err), HH_ENOTFOUND, "a deleted stack is not found");

    json_decref(a);
    json_decref(b);
    json_decref(c);
    json_decref(d);
    json_decref(data);
    hh_stack_engine_free(e);
}

static const char *fail_tmpl = "heat_template_version: 2016-10-14\n"
                               "resources:\n"
                               "  ok: {type: OS::Heat::None}\n"
                               "  boom:\n"
                               "    type: OS::Heat::TestResource\n"
                               "    depends_on: ok\n"
                               "    properties: {fail: true}\n"
                               "  slow:\n"
                               "    type: OS::Heat::TestResource\n"
                               "    depends_on: ok\n"
                               "    properties: {action_wait_secs: {create: 30}}\n"
                               "  after:\n"
                               "    type: OS::Heat::None\n"
                               "    depends_on: boom\n";

static void test_failure(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL, *evs, *r;
    char id[HH_STORE_ID_LEN];
    const char *want = "ValueError: resources.boom: Test Resource failed boom";
    hh_error err;
    long n;

    is_int(create(e, fail_tmpl, "sample-fail", NULL, id, &err), 0, "failing stack accepted");
    is_int(hh_stack_engine_run(e, 10000), 0, "it ends (slow is aborted after error_wait)");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status"), "FAILED", "stack CREATE_FAILED");
    is_str(jstr(row, "status_reason"),
           "Resource CREATE failed: ValueError: resources.boom: Test Resource failed boom",
           "Heat's stack reason");
    json_decref(row);
    r = fx_resource(st, id, "boom");
    is_str(jstr(r, "status"), "FAILED", "boom CREATE_FAILED");
    is_str(jstr(r, "status_reason"), want, "Heat's resource reason");
    json_decref(r);
    r = fx_resource(st, id, "after");
    is_str(jstr(r, "action"), "INIT", "nothing new starts after a failure");
    json_decref(r);
    r = fx_resource(st, id, "slow");
    is_str(jstr(r, "status"), "FAILED", "a resource in progress is aborted");
    is_str(jstr(r, "status_reason"), "CREATE aborted", "Heat's abort reason");
    json_decref(r);
    evs = events_of(st, id);
    n = (long)json_array_size(evs);
    is_str(jstr(json_array_get(evs, (size_t)n - 1), "resource_status_reason"),
           "Resource CREATE failed: ValueError: resources.boom: Test Resource failed boom",
           "last event: the stack's failure");
    ok(fx_ev_find(evs, "boom", "CREATE", "FAILED") >
           fx_ev_find(evs, "boom", "CREATE", "IN_PROGRESS"),
       "boom: IN_PROGRESS then FAILED");
    is_str(jstr(json_array_get(evs, (size_t)fx_ev_find(evs, "boom", "CREATE", "FAILED")),
                "resource_status_reason"),
           want, "the failure event's reason");
    ok(fx_ev_find(evs, "after", "CREATE", "IN_PROGRESS") < 0,
       "no event for a resource never started");
    json_decref(evs);

    /* delete of the failed stack */
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete of a failed stack");
    is_int(hh_stack_engine_run(e, 10000), 0, "it ends");
    hh_store_stack_get(st, id, true, &row, NULL);
    is_str(jstr(row, "status"), "COMPLETE", "failed stack DELETE_COMPLETE");
    ok(json_is_string(json_object_get(row, "deleted_at")), "soft-deleted");
    json_decref(row);
    evs = events_of(st, id);
    ok(fx_ev_find(evs, "boom", "DELETE", "COMPLETE") > 0, "the failed resource is deleted");
    ok(fx_ev_find(evs, "after", "DELETE", "IN_PROGRESS") < 0,
       "a never-created resource is skipped");
    json_decref(evs);
    hh_stack_engine_free(e);
}

/* OS::Heat::None acts on the store only (HH_RPLUGIN_STORE_ONLY): each
 * step's IN_PROGRESS and COMPLETE go in one commit, so no other event
 * ever comes between them, whatever the workers do at the same time. */
static void test_one_transaction(void)
{
    hh_stack_engine *e = fx_engine_with(4, NULL);
    hh_store *st = hh_stack_engine_store(e);
    char text[4096], id[HH_STORE_ID_LEN], name[16];
    const char *acts[] = {"CREATE", "DELETE"};
    json_t *evs;
    hh_error err;
    int i, k, apart = 0;
    size_t len;

    len = (size_t)snprintf(text, sizeof(text), "heat_template_version: 2016-10-14\nresources:\n");
    for (i = 0; i < 24; i++)
        len += (size_t)snprintf(text + len, sizeof(text) - len, "  n%02d: {type: OS::Heat::None}\n",
                                i);
    is_int(create(e, text, "one-tx", NULL, id, &err), 0, "24 None resources, 4 workers");
    is_int(hh_stack_engine_run(e, 10000), 0, "create ends");
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete accepted");
    is_int(hh_stack_engine_run(e, 10000), 0, "delete ends");
    evs = events_of(st, id);
    for (k = 0; k < 2; k++) {
        for (i = 0; i < 24; i++) {
            long start, end;

            snprintf(name, sizeof(name), "n%02d", i);
            start = fx_ev_find(evs, name, acts[k], "IN_PROGRESS");
            end = fx_ev_find(evs, name, acts[k], "COMPLETE");
            if (start < 0 || end != start + 1)
                apart++;
        }
    }
    is_int(apart, 0, "every IN_PROGRESS event is followed by its own COMPLETE");
    json_decref(evs);
    hh_stack_engine_free(e);
}

static void test_checks(void)
{
    hh_stack_engine *e = fx_engine_with(1, NULL);
    hh_store *st = hh_stack_engine_store(e);
    const char *need = "heat_template_version: 2016-10-14\n"
                       "parameters: {p: {type: string}}\n"
                       "resources: {a: {type: OS::Heat::None}}\n";
    char id[HH_STORE_ID_LEN];
    json_t *params = json_pack("{s:s}", "p", "x");
    int64_t before = 0, after = 0;
    hh_error err;

    hh_store_stack_count(st, NULL, true, &before, NULL);
    is_int(create(e, need, "needs-p", NULL, id, &err), HH_EINVAL, "missing parameter refused");
    is_str(err.type, "UserParameterMissing", "Heat's exception");
    hh_store_stack_count(st, NULL, true, &after, NULL);
    is_int(after, before, "nothing stored");
    is_int(create(e, need, "needs-p", params, id, &err), 0, "with the parameter");
    is_int(hh_stack_engine_run(e, 10000), 0, "created");
    is_int(create(e, need, "needs-p", params, id, &err), HH_EEXISTS, "same name again");
    is_str(err.type, "StackExists", "StackExists");

    /* the request's other fields are stored */
    {
        json_t *tmpl = json_string(need), *tags = json_pack("[s,s]", "a", "b");
        hh_tmpl_request req = {.template = tmpl, .parameters = params};
        hh_stack_create_opts o = {.name = "with-opts",
                                  .tenant = "tenant-1",
                                  .username = "demo",
                                  .timeout_mins = 7,
                                  .disable_rollback = true,
                                  .tags = tags};
        json_t *row = NULL;

        is_int(hh_stack_create_ex(e, &req, &o, 0, id, &err), 0, "create with options");
        is_int(hh_stack_engine_run(e, 10000), 0, "it runs");
        hh_store_stack_get(st, id, false, &row, NULL);
        is_int(json_integer_value(json_object_get(row, "timeout")), 7, "timeout_mins stored");
        is_str(jstr(row, "username"), "demo", "username stored");
        ok(json_is_true(json_object_get(row, "disable_rollback")), "disable_rollback stored");
        is_int(json_array_size(json_object_get(row, "tags")), 2, "tags stored");
        json_decref(row);
        json_decref(tags);
        json_decref(tmpl);
    }

    /* a type mapped by the environment's resource_registry */
    {
        json_t *tmpl = json_string("heat_template_version: 2016-10-14\n"
                                   "resources: {m: {type: 'My::Thing'}}\n");
        json_t *env = json_pack("{s:{s:s}}", "resource_registry", "My::Thing", "OS::Heat::None");
        hh_tmpl_request req = {.template = tmpl, .environment = env};
        json_t *row = NULL;

        is_int(hh_stack_create(e, &req, "mapped", "tenant-1", 0, id, &err), 0,
               "create with a registry mapping");
        is_int(hh_stack_engine_run(e, 10000), 0, "it runs");
        hh_store_stack_get(st, id, false, &row, NULL);
        is_str(jstr(row, "status"), "COMPLETE", "a mapped type is created by its implementation");
        json_decref(row);
        json_decref(env);
        json_decref(tmpl);
    }
    json_decref(params);
    hh_stack_engine_free(e);
}

/* An action abandoned half-way (its engine freed, as if it died) and a
 * newer term taken: the old engine's writes are fenced, a new engine
 * resumes the stack to CREATE_COMPLETE without creating anything twice. */
static void test_fence_resume(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  r1: {type: OS::Heat::TestResource, properties: {wait_secs: 1.5}}\n"
                       "  r2: {type: OS::Heat::RandomString}\n"
                       "  r3: {type: OS::Heat::None, depends_on: [r1, r2]}\n";
    hh_stack_engine *e = fx_engine(), *e2;
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL, *r2a, *r2b, *r1a, *r1b, *evs;
    char id[HH_STORE_ID_LEN];
    int64_t term = 0;
    int n = 0;
    hh_error err;

    is_int(create(e, tmpl, "resumed", NULL, id, &err), 0, "create started");
    ok(fx_run_until(e, id, "r2", "CREATE", "COMPLETE", 20000) &&
           fx_run_until(e, id, "r1", "CREATE", "IN_PROGRESS", 20000),
       "stopped half-way");
    r1a = fx_resource(st, id, "r1");
    r2a = fx_resource(st, id, "r2");
    is_str(jstr(r1a, "status"), "IN_PROGRESS", "r1 in progress");
    is_int(hh_store_term_acquire(st, "other", &term, &err), 0, "a newer term");
    is_int(hh_stack_engine_run(e, 10000), 0, "the fenced action ends");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status"), "IN_PROGRESS", "a fenced engine leaves the stack as it was");
    json_decref(row);
    hh_stack_engine_free(e);

    e2 = fx_engine();
    st = hh_stack_engine_store(e2);
    is_int(hh_stack_resume_all(e2, term, &n, &err), 0, "resume");
    ok(n >= 1, "the stack is resumed");
    is_int(hh_stack_engine_run(e2, 10000), 0, "resumed action ends");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status"), "COMPLETE", "CREATE_COMPLETE after resume");
    json_decref(row);
    r1b = fx_resource(st, id, "r1");
    r2b = fx_resource(st, id, "r2");
    is_str(jstr(r1b, "physical_resource_id"), jstr(r1a, "physical_resource_id"),
           "the in-progress resource kept its physical id");
    is_str(jstr(r2b, "physical_resource_id"), jstr(r2a, "physical_resource_id"),
           "a completed resource is untouched");
    evs = events_of(st, id);
    is_int(json_array_size(evs), 8, "each transition reported once");
    json_decref(evs);
    json_decref(r1a);
    json_decref(r1b);
    json_decref(r2a);
    json_decref(r2b);
    hh_stack_engine_free(e2);
}

/* A resource whose create takes 30 s, one before it, one after it. */
static const char *slow_tmpl = "heat_template_version: 2016-10-14\n"
                               "resources:\n"
                               "  quick: {type: OS::Heat::None}\n"
                               "  slow:\n"
                               "    type: OS::Heat::TestResource\n"
                               "    properties: {action_wait_secs: {create: 30}}\n"
                               "  later: {type: OS::Heat::None, depends_on: slow}\n";

/* A cancel without rollback commits the stack FAILED and lets what is in
 * progress finish; an engine that dies then leaves that resource
 * IN_PROGRESS in a stack no resume runs. The next engine aborts it:
 * (CREATE, FAILED) "CREATE aborted" with its event, its physical id
 * kept, so that nothing stays in progress and the delete that follows
 * has a state to start from. */
static void test_resume_after_cancel(void)
{
    const char *tmpl = slow_tmpl;
    hh_stack_engine *e = fx_engine(), *e2;
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL, *slow, *evs, *text = json_string(tmpl);
    hh_tmpl_request req = {.template = text};
    char id[HH_STORE_ID_LEN], pid[HH_STORE_ID_LEN * 2] = "";
    int64_t first = 0, term = 0;
    int n = -1;
    hh_error err;

    is_int(hh_store_term_acquire(st, "first", &first, &err), 0, "cancel then crash: a term");
    is_int(hh_stack_create(e, &req, "cancel-crash", "tenant-1", first, id, &err), 0,
           "create started");
    json_decref(text);
    ok(fx_run_until(e, id, "slow", "CREATE", "IN_PROGRESS", 20000), "slow in progress");
    is_int(hh_stack_cancel_update(e, id, false, first, &err), 0, "cancelled without rollback");
    slow = fx_resource(st, id, "slow");
    snprintf(pid, sizeof(pid), "%s", jstr(slow, "physical_resource_id"));
    json_decref(slow);
    hh_stack_engine_free(e); /* the engine dies, slow still in progress */

    e2 = fx_engine();
    st = hh_stack_engine_store(e2);
    is_int(hh_store_term_acquire(st, "next", &term, &err), 0, "a newer term");
    is_int(hh_stack_resume_all(e2, term, &n, &err), 0, "resume");
    is_int(n, 0, "no action to resume");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status_reason"), "Stack CREATE cancelled", "the stack stays cancelled");
    json_decref(row);
    slow = fx_resource(st, id, "slow");
    is_str(jstr(slow, "status"), "FAILED", "the resource left in progress is FAILED");
    is_str(jstr(slow, "status_reason"), "CREATE aborted", "CREATE aborted");
    is_str(jstr(slow, "physical_resource_id"), pid, "its physical id kept");
    json_decref(slow);
    evs = events_of(st, id);
    ok(fx_ev_find(evs, "slow", "CREATE", "FAILED") >= 0, "with its event");
    json_decref(evs);
    is_int(hh_stack_delete(e2, id, term, &err), 0, "then deleted");
    is_int(hh_stack_engine_run(e2, 10000), 0, "the delete ends");
    row = fx_stack_row(st, id, true);
    is_str(jstr(row, "status"), "COMPLETE", "DELETE_COMPLETE");
    json_decref(row);
    hh_stack_engine_free(e2);
}

/* The stack's timeout and a cancel stop the action as Heat's do. */
static void test_timeout_cancel(void)
{
    const char *tmpl = slow_tmpl;
    hh_stack_engine_opts o = {.store_url = fx_store_url(),
                              .workers = 2,
                              .poll_secs = 0.01,
                              .error_wait_secs = 0.05,
                              .stack_action_timeout = 0.3};
    hh_stack_engine *e = NULL;
    hh_store *st;
    json_t *row = NULL, *r;
    char id[HH_STORE_ID_LEN];
    hh_error err;

    is_int(hh_stack_engine_new(&o, &e, &err), 0, "engine with a 0.3 s stack timeout");
    st = hh_stack_engine_store(e);
    is_int(create(e, tmpl, "times-out", NULL, id, &err), 0, "create started");
    is_int(hh_stack_engine_run(e, 10000), 0, "it ends at the timeout");
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status"), "FAILED", "CREATE_FAILED");
    is_str(jstr(row, "status_reason"), "Create timed out", "Heat's timeout reason");
    json_decref(row);
    r = fx_resource(st, id, "slow");
    is_str(jstr(r, "status_reason"), "CREATE aborted", "the waiting resource is aborted");
    json_decref(r);
    r = fx_resource(st, id, "later");
    is_str(jstr(r, "action"), "INIT", "its dependent never starts");
    json_decref(r);

    hh_stack_engine_free(e);
    o.stack_action_timeout = 0;
    is_int(hh_stack_engine_new(&o, &e, &err), 0, "engine with the default timeout");
    st = hh_stack_engine_store(e);
    is_int(create(e, tmpl, "cancelled", NULL, id, &err), 0, "another create");
    ok(fx_run_until(e, id, "slow", "CREATE", "IN_PROGRESS", 20000), "running");
    is_int(hh_stack_engine_cancel(e, id), 0, "cancel");
    is_int(hh_stack_engine_cancel(e, "no-such-stack"), HH_ENOTFOUND, "cancel of no action");
    is_int(hh_stack_engine_run(e, 10000), 0, "the cancelled action ends");
    row = NULL;
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status_reason"), "Resource CREATE failed: Operation cancelled",
           "Heat's cancel reason");
    json_decref(row);

    /* a delete while the create runs: the create is stopped, then deleted */
    is_int(create(e, tmpl, "deleted-early", NULL, id, &err), 0, "a third create");
    ok(fx_run_until(e, id, "slow", "CREATE", "IN_PROGRESS", 20000), "running");
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete while it runs");
    row = NULL;
    hh_store_stack_get(st, id, false, &row, NULL);
    is_str(jstr(row, "status_reason"), "Stack DELETE started", "DELETE IN_PROGRESS at once");
    json_decref(row);
    is_int(hh_stack_delete(e, id, 0, &err), HH_EEXISTS, "a second delete is refused");
    is_int(hh_stack_engine_run(e, 10000), 0, "create stopped, delete done");
    row = NULL;
    hh_store_stack_get(st, id, true, &row, NULL);
    is_str(jstr(row, "status_reason"), "Stack DELETE completed successfully", "deleted");
    json_decref(row);
    {
        json_t *evs = events_of(st, id);
        long ab = fx_ev_find(evs, "slow", "CREATE", "FAILED");

        ok(ab > 0 && fx_ev_find(evs, "slow", "DELETE", "COMPLETE") > ab,
           "the aborted resource is deleted after its create stopped");
        ok(fx_ev_find(evs, "later", "DELETE", "IN_PROGRESS") < 0,
           "the never-started one is skipped");
        ok(fx_ev_find(evs, "times-out", "CREATE", "FAILED") < 0 &&
               fx_ev_find(evs, "deleted-early", "CREATE", "FAILED") < 0,
           "the superseded create writes no final state");
        json_decref(evs);
    }
    hh_stack_engine_free(e);
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_stack") != 0)
        return 99;
    test_create_delete();
    test_failure();
    test_one_transaction();
    test_checks();
    test_timeout_cancel();
    test_fence_resume(); /* last ones: they take newer terms */
    test_resume_after_cancel();
    fx_store_close();
    return done_testing();
}
