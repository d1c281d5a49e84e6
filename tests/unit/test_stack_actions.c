/* Lifecycle tests of the stack actions beyond create and delete
 * (stack_update, stack_actions, stack_engine's convergence and cleanup):
 * update in place, replacement, added and removed resources, PATCH with
 * existing parameters and clear_parameters, immutable parameters, failed
 * updates with and without rollback, the rollback of a failed create,
 * cancel_update with and without rollback, suspend, resume, check, the
 * states Heat refuses, and the resume of an update and of a rollback
 * abandoned half-way. Events and reasons are Heat 19's (convergence). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack_engine.h"
#include "stack_fixture.h"
#include "store.h"
#include "tap.h"

static int create_ex(hh_stack_engine *e, const char *text, const char *name, bool rollback,
                     char *id, hh_error *err)
{
    json_t *tmpl = json_string(text);
    hh_tmpl_request req = {.template = tmpl};
    hh_stack_create_opts o = {.name = name, .tenant = "tenant-1", .disable_rollback = !rollback};
    int rc = hh_stack_create_ex(e, &req, &o, 0, id, err);

    json_decref(tmpl);
    if (rc == 0 && hh_stack_engine_run(e, 20000) != 0)
        diag("create of %s did not end", name);
    return rc;
}

static int update(hh_stack_engine *e, const char *id, const char *text, json_t *params,
                  const hh_stack_update_opts *o, hh_error *err)
{
    json_t *tmpl = text != NULL ? json_string(text) : NULL;
    hh_tmpl_request req = {.template = tmpl, .parameters = params};
    int rc = hh_stack_update(e, id, &req, o, 0, err);

    json_decref(tmpl);
    return rc;
}

/* "ACTION_STATUS" of the stack into buf. */
static const char *state(hh_stack_engine *e, const char *id, char *buf, size_t len)
{
    json_t *row = fx_stack_row(hh_stack_engine_store(e), id, true);

    snprintf(buf, len, "%s_%s", fx_jstr(row, "action"), fx_jstr(row, "status"));
    json_decref(row);
    return buf;
}

static char *reason(hh_stack_engine *e, const char *id)
{
    json_t *row = fx_stack_row(hh_stack_engine_store(e), id, true);
    char *s = strdup(fx_jstr(row, "status_reason"));

    json_decref(row);
    return s;
}

static json_t *resource(hh_stack_engine *e, const char *id, const char *name)
{
    json_t *r = NULL;

    hh_store_resource_get_by_name(hh_stack_engine_store(e), id, name, &r, NULL);
    return r;
}

static json_t *rows_of(hh_stack_engine *e, const char *id)
{
    json_t *rows = NULL;

    hh_store_resource_list(hh_stack_engine_store(e), id, &rows, NULL);
    return rows;
}

/* How many rows the stack has of name. */
static size_t rows_named(hh_stack_engine *e, const char *id, const char *name)
{
    json_t *rows = rows_of(e, id), *r;
    size_t i, n = 0;

    json_array_foreach(rows, i, r)
    {
        n += strcmp(fx_jstr(r, "name"), name) == 0;
    }
    json_decref(rows);
    return n;
}

/* Events of (name, action, status) from index from on; the first's index
 * in *at (-1: none). */
static int ev_count(const json_t *evs, const char *name, const char *action, const char *status,
                    long from, long *at)
{
    size_t i;
    json_t *ev;
    int n = 0;

    if (at != NULL)
        *at = -1;
    json_array_foreach(evs, i, ev)
    {
        if ((long)i < from || strcmp(fx_jstr(ev, "resource_name"), name) != 0 ||
            strcmp(fx_jstr(ev, "resource_action"), action) != 0 ||
            strcmp(fx_jstr(ev, "resource_status"), status) != 0)
            continue;
        if (n++ == 0 && at != NULL)
            *at = (long)i;
    }
    return n;
}

/* The index of the stack's last event of (action, status) with reason. */
static long stack_ev(const json_t *evs, const char *name, const char *action, const char *status,
                     const char *why)
{
    size_t i;
    json_t *ev;
    long at = -1;

    json_array_foreach(evs, i, ev)
    {
        if (strcmp(fx_jstr(ev, "resource_type"), "OS::Heat::Stack") == 0 &&
            strcmp(fx_jstr(ev, "resource_name"), name) == 0 &&
            strcmp(fx_jstr(ev, "resource_action"), action) == 0 &&
            strcmp(fx_jstr(ev, "resource_status"), status) == 0 &&
            strcmp(fx_jstr(ev, "resource_status_reason"), why) == 0)
            at = (long)i;
    }
    return at;
}

static char *data_value(hh_stack_engine *e, const json_t *r)
{
    char *v = NULL;

    hh_store_resource_data_get(hh_stack_engine_store(e),
                               json_integer_value(json_object_get(r, "id")), "value", &v, NULL);
    return v;
}

/* What the two templates of test_update share. */
#define UPDATE_COMMON                                                                              \
    "heat_template_version: 2016-10-14\n"                                                          \
    "parameters:\n"                                                                                \
    "  p: {type: string, default: one}\n"                                                          \
    "resources:\n"                                                                                 \
    "  keep: {type: OS::Heat::None}\n"                                                             \
    "  inplace:\n"                                                                                 \
    "    type: OS::Heat::TestResource\n"                                                           \
    "    properties: {value: {get_param: p}}\n"                                                    \
    "  repl:\n"                                                                                    \
    "    type: OS::Heat::TestResource\n"                                                           \
    "    properties: {value: {get_param: p}, update_replace: true}\n"                              \
    "  user:\n"                                                                                    \
    "    type: OS::Heat::Value\n"                                                                  \
    "    properties: {value: {get_attr: [repl, output]}}\n"

static const char *v1 = UPDATE_COMMON "  gone: {type: OS::Heat::RandomString}\n";
static const char *v2 = UPDATE_COMMON "  added: {type: OS::Heat::None, depends_on: user}\n";

/* Update in place, replacement, added and removed resources. */
static void test_update(void)
{
    hh_stack_engine *e = fx_engine();
    json_t *params = json_pack("{s:s}", "p", "two");
    json_t *keep0, *inpl0, *repl0, *keep1, *inpl1, *repl1, *user1, *evs, *row;
    char id[HH_STORE_ID_LEN], buf[64], *why, *v;
    long at, start;
    hh_error err;

    is_int(create_ex(e, v1, "upd", false, id, &err), 0, "create");
    is_str(state(e, id, buf, sizeof(buf)), "CREATE_COMPLETE", "created");
    keep0 = resource(e, id, "keep");
    inpl0 = resource(e, id, "inplace");
    repl0 = resource(e, id, "repl");
    evs = fx_events(hh_stack_engine_store(e), id);
    start = (long)json_array_size(evs);
    json_decref(evs);

    is_int(update(e, id, v2, params, NULL, &err), 0, "update accepted");
    why = reason(e, id);
    is_str(why, "Stack UPDATE started", "UPDATE IN_PROGRESS at once");
    free(why);
    is_int(update(e, id, v2, params, NULL, &err), HH_EEXISTS, "a second update while it runs");
    is_str(err.type, "ActionInProgress", "... is ActionInProgress");
    is_int(hh_stack_engine_run(e, 20000), 0, "update ends");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "UPDATE_COMPLETE");
    why = reason(e, id);
    is_str(why, "Stack UPDATE completed successfully", "Heat's reason");
    free(why);

    keep1 = resource(e, id, "keep");
    inpl1 = resource(e, id, "inplace");
    repl1 = resource(e, id, "repl");
    user1 = resource(e, id, "user");
    evs = fx_events(hh_stack_engine_store(e), id);
    is_int(ev_count(evs, "keep", "UPDATE", "IN_PROGRESS", start, NULL), 0,
           "an unchanged resource has no events");
    ok(strcmp(fx_jstr(keep1, "action"), "CREATE") == 0 &&
           strcmp(fx_jstr(keep1, "status_reason"), fx_jstr(keep0, "status_reason")) == 0 &&
           json_integer_value(json_object_get(keep1, "id")) ==
               json_integer_value(json_object_get(keep0, "id")),
       "... and keeps its state and row");
    is_int(ev_count(evs, "inplace", "UPDATE", "COMPLETE", start, NULL), 1, "in place: UPDATE");
    is_str(fx_jstr(inpl1, "physical_resource_id"), fx_jstr(inpl0, "physical_resource_id"),
           "... keeps its physical id");
    is_int(json_integer_value(json_object_get(inpl1, "id")),
           json_integer_value(json_object_get(inpl0, "id")), "... and its row");
    v = data_value(e, inpl1);
    is_str(v, "two", "... handle_update saw the new value");
    free(v);
    is_str(fx_jstr(json_object_get(inpl1, "properties_data"), "value"), "two",
           "... its stored properties are the new ones");
    is_int(ev_count(evs, "repl", "CREATE", "COMPLETE", start, &at), 1,
           "replacement: the new one is created");
    ok(ev_count(evs, "repl", "DELETE", "COMPLETE", at, NULL) == 1,
       "... and the old one deleted after it");
    ok(strcmp(fx_jstr(repl1, "physical_resource_id"), fx_jstr(repl0, "physical_resource_id")) != 0,
       "... with a new physical id");
    is_int(json_integer_value(json_object_get(repl1, "replaces")),
           json_integer_value(json_object_get(repl0, "id")), "... its row replaces the old");
    is_int((int)rows_named(e, id, "repl"), 1, "... one row of it is left");
    v = data_value(e, user1);
    ok(v == NULL, "a Value keeps no data");
    free(v);
    is_str(fx_jstr(json_object_get(user1, "properties_data"), "value"), "two",
           "a dependent is updated with the replacement's attribute");
    is_int(ev_count(evs, "added", "CREATE", "COMPLETE", start, NULL), 1, "added: created");
    is_int(ev_count(evs, "gone", "DELETE", "COMPLETE", start, NULL), 1, "removed: deleted");
    is_int((int)rows_named(e, id, "gone"), 0, "... and its row is gone");
    row = resource(e, id, "added");
    is_int((int)json_array_size(json_object_get(row, "requires")), 1, "requires recorded");
    json_decref(row);
    row = fx_stack_row(hh_stack_engine_store(e), id, true);
    ok(json_integer_value(json_object_get(row, "prev_raw_template_id")) > 0,
       "the previous template is kept");
    json_decref(row);
    json_decref(evs);

    /* delete after an update: every row goes */
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
    is_int(hh_stack_engine_run(e, 20000), 0, "delete ends");
    is_str(state(e, id, buf, sizeof(buf)), "DELETE_COMPLETE", "deleted");

    json_decref(keep0);
    json_decref(inpl0);
    json_decref(repl0);
    json_decref(keep1);
    json_decref(inpl1);
    json_decref(repl1);
    json_decref(user1);
    json_decref(params);
    hh_stack_engine_free(e);
}

/* PATCH (existing), clear_parameters, immutable parameters, options. */
static void test_patch(void)
{
    const char *t =
        "heat_template_version: 2016-10-14\n"
        "parameters:\n"
        "  p: {type: string, default: one}\n"
        "  q: {type: string, default: fixed, immutable: true}\n"
        "resources:\n"
        "  v:\n"
        "    type: OS::Heat::TestResource\n"
        "    properties: {value: {list_join: ['-', [{get_param: p}, {get_param: q}]]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_stack_update_opts patch = {.existing = true, .disable_rollback = -1};
    json_t *params, *r, *row, *tags, *clear;
    char id[HH_STORE_ID_LEN], buf[64], *v;
    hh_error err;

    is_int(create_ex(e, t, "patched", false, id, &err), 0, "create");
    params = json_pack("{s:s}", "p", "two");
    tags = json_pack("[s]", "tag1");
    patch.tags = tags;
    patch.timeout_mins = 7;
    is_int(update(e, id, NULL, params, &patch, &err), 0, "PATCH with a parameter only");
    json_decref(params);
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "UPDATE_COMPLETE");
    r = resource(e, id, "v");
    v = data_value(e, r);
    is_str(v, "two-fixed", "the stored template with the new parameter");
    free(v);
    json_decref(r);
    row = fx_stack_row(hh_stack_engine_store(e), id, true);
    is_int(json_integer_value(json_object_get(row, "timeout")), 7, "timeout_mins as given");
    is_str(json_string_value(json_array_get(json_object_get(row, "tags"), 0)), "tag1",
           "tags as given");
    json_decref(row);

    /* a PATCH without parameters keeps p=two; clear_parameters resets it */
    patch.tags = NULL;
    patch.timeout_mins = 0;
    is_int(update(e, id, NULL, NULL, &patch, &err), 0, "PATCH keeping everything");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    r = resource(e, id, "v");
    v = data_value(e, r);
    is_str(v, "two-fixed", "the existing parameter is kept");
    free(v);
    json_decref(r);
    row = fx_stack_row(hh_stack_engine_store(e), id, true);
    is_int(json_integer_value(json_object_get(row, "timeout")), 7, "PATCH keeps the timeout");
    is_str(json_string_value(json_array_get(json_object_get(row, "tags"), 0)), "tag1",
           "PATCH keeps the tags");
    json_decref(row);
    clear = json_pack("[s]", "p");
    patch.clear_parameters = clear;
    is_int(update(e, id, NULL, NULL, &patch, &err), 0, "PATCH with clear_parameters");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    r = resource(e, id, "v");
    v = data_value(e, r);
    is_str(v, "one-fixed", "the cleared parameter is back to its default");
    free(v);
    json_decref(r);
    json_decref(clear);

    params = json_pack("{s:s}", "q", "changed");
    is_int(update(e, id, t, params, NULL, &err), HH_EINVAL, "an immutable parameter changed");
    is_str(err.type, "ImmutableParameterModified", "... ImmutableParameterModified");
    is_str(err.message, "The following parameters are immutable and may not be updated: q",
           "... Heat's message");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "... the stack is untouched");
    json_decref(params);

    /* PUT clears tags not given */
    is_int(update(e, id, t, NULL, NULL, &err), 0, "PUT");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    row = fx_stack_row(hh_stack_engine_store(e), id, true);
    ok(!json_is_array(json_object_get(row, "tags")), "PUT without tags clears them");
    json_decref(row);

    is_int(hh_stack_update(e, "no-such-stack", &(hh_tmpl_request){0}, NULL, 0, &err), HH_ENOTFOUND,
           "update of no stack");
    is_str(err.type, "EntityNotFound", "... EntityNotFound");
    json_decref(tags);
    hh_stack_engine_free(e);
}

static const char *base = "heat_template_version: 2016-10-14\n"
                          "resources:\n"
                          "  a:\n"
                          "    type: OS::Heat::TestResource\n"
                          "    properties: {value: first}\n"
                          "  r:\n"
                          "    type: OS::Heat::TestResource\n"
                          "    properties: {value: first, update_replace: true}\n";

static const char *broken = "heat_template_version: 2016-10-14\n"
                            "resources:\n"
                            "  a:\n"
                            "    type: OS::Heat::TestResource\n"
                            "    properties: {value: second}\n"
                            "  r:\n"
                            "    type: OS::Heat::TestResource\n"
                            "    properties: {value: second, update_replace: true}\n"
                            "  boom:\n"
                            "    type: OS::Heat::TestResource\n"
                            "    depends_on: [a, r]\n"
                            "    properties: {fail: true}\n";

#define BOOM "ValueError: resources.boom: Test Resource failed boom"

/* A failed update rolls back unless disable_rollback. */
static void test_rollback(void)
{
    hh_stack_engine *e = fx_engine();
    hh_stack_update_opts norb = {.disable_rollback = 1};
    json_t *a0, *r0, *a1, *r1, *evs;
    char id[HH_STORE_ID_LEN], buf[64], *why, *v;
    hh_error err;

    is_int(create_ex(e, base, "rolls-back", true, id, &err), 0, "create (rollback enabled)");
    a0 = resource(e, id, "a");
    r0 = resource(e, id, "r");
    is_int(update(e, id, broken, NULL, NULL, &err), 0, "a failing update");
    is_int(hh_stack_engine_run(e, 20000), 0, "update and rollback end");
    is_str(state(e, id, buf, sizeof(buf)), "ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE");
    why = reason(e, id);
    is_str(why, "Stack ROLLBACK completed successfully", "Heat's reason");
    free(why);
    evs = fx_events(hh_stack_engine_store(e), id);
    ok(stack_ev(evs, "rolls-back", "UPDATE", "FAILED", "Resource CREATE failed: " BOOM) >= 0,
       "UPDATE_FAILED with the resource's action and reason");
    ok(stack_ev(evs, "rolls-back", "ROLLBACK", "IN_PROGRESS", "Stack ROLLBACK started") >
           stack_ev(evs, "rolls-back", "UPDATE", "FAILED", "Resource CREATE failed: " BOOM),
       "then Stack ROLLBACK started");
    a1 = resource(e, id, "a");
    r1 = resource(e, id, "r");
    v = data_value(e, a1);
    is_str(v, "first", "the in-place update is updated back");
    free(v);
    is_int(json_integer_value(json_object_get(r1, "id")),
           json_integer_value(json_object_get(r0, "id")), "the replaced row is restored");
    is_str(fx_jstr(r1, "physical_resource_id"), fx_jstr(r0, "physical_resource_id"),
           "... with its physical id");
    ok(json_is_null(json_object_get(r1, "replaced_by")), "... visible again");
    is_int((int)rows_named(e, id, "r"), 1, "the replacement is deleted");
    is_int((int)rows_named(e, id, "boom"), 0, "the failed new resource is deleted");
    is_int((int)rows_named(e, id, "a"), 1, "one row of a");
    json_decref(evs);
    json_decref(a1);
    json_decref(r1);

    /* without rollback the stack stays UPDATE_FAILED; a new update fixes it */
    is_int(update(e, id, broken, NULL, &norb, &err), 0, "failing update, disable_rollback");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_FAILED", "UPDATE_FAILED");
    why = reason(e, id);
    is_str(why, "Resource CREATE failed: " BOOM, "Heat's reason");
    free(why);
    is_int(update(e, id, base, NULL, &norb, &err), 0, "update of the failed stack");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "UPDATE_COMPLETE");
    is_int((int)rows_named(e, id, "boom"), 0, "the failed resource is deleted");
    is_int((int)rows_named(e, id, "r"), 1, "one row of r");
    json_decref(a0);
    json_decref(r0);

    /* the rollback of a failed create deletes what it made */
    is_int(create_ex(e, broken, "create-rb", true, id, &err), 0, "a failing create");
    is_str(state(e, id, buf, sizeof(buf)), "ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE");
    evs = fx_events(hh_stack_engine_store(e), id);
    ok(stack_ev(evs, "create-rb", "CREATE", "FAILED", "Resource CREATE failed: " BOOM) >= 0,
       "CREATE_FAILED first");
    ok(ev_count(evs, "a", "DELETE", "COMPLETE", 0, NULL) == 1, "a is deleted");
    {
        long boom_done, a_start, r_start;

        ev_count(evs, "boom", "DELETE", "COMPLETE", 0, &boom_done);
        ev_count(evs, "a", "DELETE", "IN_PROGRESS", 0, &a_start);
        ev_count(evs, "r", "DELETE", "IN_PROGRESS", 0, &r_start);
        ok(boom_done >= 0 && a_start > boom_done && r_start > boom_done,
           "the failed resource is deleted before what it requires");
    }
    json_decref(evs);
    a1 = rows_of(e, id);
    is_int((int)json_array_size(a1), 0, "no resource is left");
    json_decref(a1);
    hh_stack_engine_free(e);
}

static const char *slow = "heat_template_version: 2016-10-14\n"
                          "parameters:\n"
                          "  p: {type: string, default: one}\n"
                          "resources:\n"
                          "  s:\n"
                          "    type: OS::Heat::TestResource\n"
                          "    properties:\n"
                          "      value: {get_param: p}\n"
                          "      action_wait_secs: {update: 2}\n"
                          "  n: {type: OS::Heat::None, depends_on: s}\n";

static void test_cancel(void)
{
    hh_stack_engine *e = fx_engine();
    json_t *params = json_pack("{s:s}", "p", "two"), *r;
    char id[HH_STORE_ID_LEN], buf[64], *why, *v;
    hh_error err;

    is_int(create_ex(e, slow, "cancels", true, id, &err), 0, "create");
    is_int(hh_stack_cancel_update(e, id, true, 0, &err), HH_EUNSUPPORTED,
           "cancel of a completed stack");
    is_str(err.type, "NotSupported", "... NotSupported");
    is_str(err.message, "Cancelling update when stack is CREATE_COMPLETE is not supported.",
           "... Heat's message");

    is_int(update(e, id, slow, params, NULL, &err), 0, "a slow update");
    ok(fx_run_until(e, id, "s", "UPDATE", "IN_PROGRESS", 20000), "running");
    is_int(hh_stack_cancel_update(e, id, true, 0, &err), 0, "cancel with rollback");
    is_str(state(e, id, buf, sizeof(buf)), "ROLLBACK_IN_PROGRESS", "ROLLBACK at once");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE");
    r = resource(e, id, "s");
    v = data_value(e, r);
    is_str(v, "one", "back to the old value");
    free(v);
    json_decref(r);

    is_int(update(e, id, slow, params, NULL, &err), 0, "the slow update again");
    ok(fx_run_until(e, id, "s", "UPDATE", "IN_PROGRESS", 20000), "running");
    is_int(hh_stack_cancel_update(e, id, false, 0, &err), 0, "cancel without rollback");
    why = reason(e, id);
    is_str(why, "Stack UPDATE cancelled", "Heat's stop_traversal reason");
    free(why);
    is_int(hh_stack_engine_run(e, 20000), 0, "what ran finishes");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_FAILED", "UPDATE_FAILED");
    r = resource(e, id, "s");
    is_str(fx_jstr(r, "status"), "COMPLETE", "the resource in progress completed normally");
    json_decref(r);
    r = resource(e, id, "n");
    is_str(fx_jstr(r, "action"), "CREATE", "nothing new started");
    json_decref(r);
    json_decref(params);
    hh_stack_engine_free(e);
}

static void test_suspend_resume_check(void)
{
    const char *t = "heat_template_version: 2016-10-14\n"
                    "resources:\n"
                    "  a: {type: OS::Heat::None}\n"
                    "  b: {type: OS::Heat::Value, properties: {value: {get_resource: a}}}\n"
                    "  c: {type: OS::Heat::RandomString, depends_on: b}\n";
    hh_stack_engine *e = fx_engine();
    json_t *evs, *r;
    char id[HH_STORE_ID_LEN], buf[64], *why;
    long ia, ic, n0;
    hh_error err;

    is_int(create_ex(e, t, "sus", false, id, &err), 0, "create");
    is_int(hh_stack_resume(e, id, 0, &err), 0, "resume of a stack not suspended starts");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "RESUME_FAILED", "RESUME_FAILED");
    why = reason(e, id);
    ok(strcmp(why, "Resource RESUME failed: Error: resources.a: State ('CREATE', 'COMPLETE') "
                   "invalid for resume") == 0,
       "Heat's reason: %s", why);
    free(why);
    r = resource(e, id, "a");
    is_str(fx_jstr(r, "action"), "CREATE", "the refused resource is left as it was");
    json_decref(r);

    is_int(hh_stack_suspend(e, id, 0, &err), 0, "suspend");
    why = reason(e, id);
    is_str(why, "Stack SUSPEND started", "SUSPEND IN_PROGRESS");
    free(why);
    is_int(hh_stack_suspend(e, id, 0, &err), HH_EEXISTS, "suspend while it runs");
    is_str(err.type, "ActionInProgress", "... ActionInProgress");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "SUSPEND_COMPLETE", "SUSPEND_COMPLETE");
    evs = fx_events(hh_stack_engine_store(e), id);
    ev_count(evs, "a", "SUSPEND", "COMPLETE", 0, &ia);
    ev_count(evs, "c", "SUSPEND", "COMPLETE", 0, &ic);
    ok(ic >= 0 && ia > ic, "suspended in reverse order");
    n0 = (long)json_array_size(evs);
    json_decref(evs);
    is_int(hh_stack_suspend(e, id, 0, &err), 0, "suspend again");
    evs = fx_events(hh_stack_engine_store(e), id);
    is_int((int)json_array_size(evs), (int)n0, "... does nothing");
    json_decref(evs);
    is_int(update(e, id, t, NULL, NULL, &err), HH_EUNSUPPORTED, "update of a suspended stack");
    is_str(err.message, "Updating a stack when it is suspended is not supported.",
           "... Heat's message");

    is_int(hh_stack_resume(e, id, 0, &err), 0, "resume");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "RESUME_COMPLETE", "RESUME_COMPLETE");
    why = reason(e, id);
    is_str(why, "Stack RESUME completed successfully", "Heat's reason");
    free(why);
    evs = fx_events(hh_stack_engine_store(e), id);
    ev_count(evs, "a", "RESUME", "COMPLETE", 0, &ia);
    ev_count(evs, "c", "RESUME", "COMPLETE", 0, &ic);
    ok(ia >= 0 && ic > ia, "resumed in order");
    json_decref(evs);

    is_int(hh_stack_check(e, id, 0, &err), 0, "check");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "CHECK_COMPLETE", "CHECK_COMPLETE");
    why = reason(e, id);
    is_str(why, "Stack CHECK completed successfully. 'CHECK' not fully supported (see resources)",
           "Heat's reason for types without a check");
    free(why);
    r = resource(e, id, "b");
    is_str(fx_jstr(r, "status_reason"), "CHECK not supported for OS::Heat::Value",
           "the resource's reason");
    json_decref(r);
    evs = fx_events(hh_stack_engine_store(e), id);
    is_int(ev_count(evs, "b", "CHECK", "IN_PROGRESS", 0, NULL), 0, "no CHECK IN_PROGRESS");
    is_int(ev_count(evs, "b", "CHECK", "COMPLETE", 0, NULL), 1, "one CHECK COMPLETE");
    json_decref(evs);
    is_int(hh_stack_check(e, id, 0, &err), 0, "a second check");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    evs = fx_events(hh_stack_engine_store(e), id);
    is_int(ev_count(evs, "b", "CHECK", "COMPLETE", 0, NULL), 2, "checks again");
    json_decref(evs);
    is_int(hh_stack_check(e, "no-such-stack", 0, &err), HH_ENOTFOUND, "check of no stack");

    /* a suspend whose engine died right after its start: resumed */
    is_int(hh_store_stack_set_state(hh_stack_engine_store(e), 0, id, "SUSPEND", "IN_PROGRESS",
                                    "Stack SUSPEND started", &err),
           0, "a suspend left IN_PROGRESS");
    {
        hh_stack_engine *e2 = fx_engine();
        int n = 0;

        is_int(hh_stack_resume_all(e2, 0, &n, &err), 0, "resume_all");
        is_int(n, 1, "... resumes it");
        is_int(hh_stack_engine_run(e2, 20000), 0, "ends");
        is_str(state(e2, id, buf, sizeof(buf)), "SUSPEND_COMPLETE", "SUSPEND_COMPLETE");
        r = resource(e2, id, "a");
        is_str(fx_jstr(r, "action"), "SUSPEND", "its resources are suspended");
        json_decref(r);
        hh_stack_engine_free(e2);
    }
    is_int(hh_stack_resume(e, id, 0, &err), 0, "resume");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");

    /* a check whose engine died after a resource's check failed: the
     * stack fails with the list of the reasons (Heat's ExceptionGroup of
     * aggregate_exceptions) */
    r = resource(e, id, "a");
    is_int(hh_store_resource_set_state(hh_stack_engine_store(e), 0,
                                       json_integer_value(json_object_get(r, "id")), "CHECK",
                                       "FAILED", "Error: resources.a: gone", &err),
           0, "a resource's check failed");
    json_decref(r);
    is_int(hh_store_stack_set_state(hh_stack_engine_store(e), 0, id, "CHECK", "IN_PROGRESS",
                                    "Stack CHECK started", &err),
           0, "the check left IN_PROGRESS");
    {
        hh_stack_engine *e2 = fx_engine();

        is_int(hh_stack_resume_all(e2, 0, NULL, &err), 0, "resume_all");
        is_int(hh_stack_engine_run(e2, 20000), 0, "ends");
        is_str(state(e2, id, buf, sizeof(buf)), "CHECK_FAILED", "CHECK_FAILED");
        why = reason(e2, id);
        is_str(why, "Resource CHECK failed: ['Error: resources.a: gone']",
               "Heat's ExceptionGroup reason");
        free(why);
        hh_stack_engine_free(e2);
    }

    is_int(update(e, id, t, NULL, NULL, &err), 0, "update after check");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "UPDATE_COMPLETE");
    hh_stack_engine_free(e);
}

/* An engine abandons an update half-way (freed with a resource in
 * progress, as a crash leaves it); another resumes it. */
static void test_resume(void)
{
    const char *t2 = "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  r:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    properties:\n"
                     "      value: two\n"
                     "      update_replace: true\n"
                     "      action_wait_secs: {create: 1.5}\n"
                     "  a:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    properties: {value: two}\n";
    hh_stack_engine *e = fx_engine(), *e2;
    json_t *r0, *r1, *evs;
    char id[HH_STORE_ID_LEN], buf[64];
    int n = 0;
    hh_error err;

    is_int(create_ex(e, base, "resumed-update", false, id, &err), 0, "create");
    r0 = resource(e, id, "r");
    is_int(update(e, id, t2, NULL, NULL, &err), 0, "update");
    ok(fx_run_until(e, id, "r", "CREATE", "IN_PROGRESS", 20000), "stopped half-way");
    is_int((int)rows_named(e, id, "r"), 2, "the replacement is stored beside the old");
    hh_stack_engine_free(e);

    e2 = fx_engine();
    is_int(hh_stack_resume_all(e2, 0, &n, &err), 0, "resume");
    is_int(n, 1, "one action resumed");
    is_int(hh_stack_engine_run(e2, 20000), 0, "it ends");
    is_str(state(e2, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "UPDATE_COMPLETE");
    r1 = resource(e2, id, "r");
    evs = fx_events(hh_stack_engine_store(e2), id);
    is_int(ev_count(evs, "r", "CREATE", "IN_PROGRESS", 0, NULL), 2,
           "the replacement was started once (and the original once)");
    is_int(ev_count(evs, "r", "CREATE", "COMPLETE", 0, NULL), 2, "... and completed once");
    is_int(ev_count(evs, "r", "DELETE", "COMPLETE", 0, NULL), 1, "the old one deleted once");
    is_int((int)rows_named(e2, id, "r"), 1, "one row left");
    ok(json_integer_value(json_object_get(r1, "id")) !=
           json_integer_value(json_object_get(r0, "id")),
       "it is the replacement");
    json_decref(evs);
    json_decref(r0);
    json_decref(r1);
    hh_stack_engine_free(e2);
}

/* A delete while an update runs stops it and deletes every row, the
 * half-made replacement too; an update of a stack whose create failed
 * replaces the failed resource. */
static void test_delete_update_failed(void)
{
    const char *t2 = "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  a:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    properties: {value: first}\n"
                     "  r:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    properties:\n"
                     "      value: third\n"
                     "      update_replace: true\n"
                     "      action_wait_secs: {create: 5}\n";
    const char *fixed = "heat_template_version: 2016-10-14\n"
                        "resources:\n"
                        "  a:\n"
                        "    type: OS::Heat::TestResource\n"
                        "    properties: {value: second}\n"
                        "  r:\n"
                        "    type: OS::Heat::TestResource\n"
                        "    properties: {value: second, update_replace: true}\n"
                        "  boom:\n"
                        "    type: OS::Heat::TestResource\n"
                        "    depends_on: [a, r]\n"
                        "    properties: {fail: false}\n";
    hh_stack_engine *e = fx_engine();
    json_t *evs, *rows, *b0, *b1;
    char id[HH_STORE_ID_LEN], buf[64];
    hh_error err;

    is_int(create_ex(e, base, "del-upd", false, id, &err), 0, "create");
    is_int(update(e, id, t2, NULL, NULL, &err), 0, "a slow replacing update");
    ok(fx_run_until(e, id, "r", "CREATE", "IN_PROGRESS", 20000), "running");
    is_int((int)rows_named(e, id, "r"), 2, "the replacement is being created");
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete while it runs");
    is_int(hh_stack_engine_run(e, 20000), 0, "update stopped, delete done");
    is_str(state(e, id, buf, sizeof(buf)), "DELETE_COMPLETE", "DELETE_COMPLETE");
    evs = fx_events(hh_stack_engine_store(e), id);
    is_int(ev_count(evs, "r", "DELETE", "COMPLETE", 0, NULL), 2,
           "the old resource and its half-made replacement are both deleted");
    ok(stack_ev(evs, "del-upd", "UPDATE", "FAILED", "Resource UPDATE failed: Operation cancelled") <
           0,
       "the superseded update writes no final state");
    json_decref(evs);

    is_int(create_ex(e, broken, "fix-failed", false, id, &err), 0, "a create that fails");
    is_str(state(e, id, buf, sizeof(buf)), "CREATE_FAILED", "CREATE_FAILED");
    b0 = resource(e, id, "boom");
    is_int(update(e, id, fixed, NULL, NULL, &err), 0, "update of the failed stack");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "UPDATE_COMPLETE");
    b1 = resource(e, id, "boom");
    ok(json_integer_value(json_object_get(b1, "replaces")) ==
           json_integer_value(json_object_get(b0, "id")),
       "the failed resource is replaced");
    is_str(fx_jstr(b1, "status"), "COMPLETE", "... by a complete one");
    rows = rows_of(e, id);
    is_int((int)json_array_size(rows), 3, "one row per resource");
    json_decref(rows);
    json_decref(b0);
    json_decref(b1);
    hh_stack_engine_free(e);
}

/* A change of the definition other than the properties (metadata) is an
 * update in place; the same dependency written as a list is no change. */
static void test_definition_change(void)
{
    const char *t1 = "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  a: {type: OS::Heat::None}\n"
                     "  t:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    depends_on: a\n"
                     "    metadata: {k: one}\n"
                     "    properties: {value: x}\n"
                     "  u:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    depends_on: a\n"
                     "    properties: {value: y}\n";
    const char *t2 = "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  a: {type: OS::Heat::None}\n"
                     "  t:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    depends_on: a\n"
                     "    metadata: {k: two}\n"
                     "    properties: {value: x}\n"
                     "  u:\n"
                     "    type: OS::Heat::TestResource\n"
                     "    depends_on: [a]\n"
                     "    properties: {value: y}\n";
    hh_stack_engine *e = fx_engine();
    json_t *evs;
    char id[HH_STORE_ID_LEN], buf[64];
    hh_error err;

    is_int(create_ex(e, t1, "defn", false, id, &err), 0, "create");
    is_int(update(e, id, t2, NULL, NULL, &err), 0, "update of the metadata");
    is_int(hh_stack_engine_run(e, 20000), 0, "ends");
    is_str(state(e, id, buf, sizeof(buf)), "UPDATE_COMPLETE", "UPDATE_COMPLETE");
    evs = fx_events(hh_stack_engine_store(e), id);
    is_int(ev_count(evs, "t", "UPDATE", "COMPLETE", 0, NULL), 1,
           "changed metadata: updated in place");
    is_int(ev_count(evs, "u", "UPDATE", "IN_PROGRESS", 0, NULL), 0,
           "depends_on as a list: unchanged");
    json_decref(evs);
    hh_stack_engine_free(e);
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_stack_actions") != 0)
        return 99;
    test_update();
    test_patch();
    test_rollback();
    test_cancel();
    test_suspend_resume_check();
    test_resume();
    test_delete_update_failed();
    test_definition_change();
    fx_store_close();
    return done_testing();
}
