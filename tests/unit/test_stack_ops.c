/* Unit tests of the stack requests of stack_ops.h on the store: abandon
 * and export, adopt of the abandoned data (same physical ids and data,
 * ADOPT COMPLETE), snapshots (create, show, list, delete, limits), the
 * previews of a create and of an update (every change category), and
 * Heat's errors when an option is off or a request is refused. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "res_plugin.h"
#include "stack_engine.h"
#include "stack_fixture.h"
#include "stack_ops.h"
#include "store.h"
#include "tap.h"

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Create and run to the end. */
static int create(hh_stack_engine *e, const char *text, const char *name, char *id)
{
    int rc = fx_create_text(e, text, name, id);

    return rc != 0 ? rc : hh_stack_engine_run(e, 10000);
}

/* Events of stack id with (name, action, status). */
static int ev_count(hh_store *st, const char *id, const char *name, const char *action,
                    const char *status)
{
    json_t *evs = NULL, *ev;
    size_t i;
    int n = 0;

    hh_store_event_list(st, id, NULL, &evs, NULL);
    json_array_foreach(evs, i, ev)
    {
        n += strcmp(jstr(ev, "resource_name"), name) == 0 &&
             strcmp(jstr(ev, "resource_action"), action) == 0 &&
             strcmp(jstr(ev, "resource_status"), status) == 0;
    }
    json_decref(evs);
    return n;
}

static const char *adopt_tmpl = "heat_template_version: 2016-10-14\n"
                                "resources:\n"
                                "  rand:\n"
                                "    type: OS::Heat::RandomString\n"
                                "    properties: {length: 10}\n"
                                "  test:\n"
                                "    type: OS::Heat::TestResource\n"
                                "    properties: {value: {get_attr: [rand, value]}}\n"
                                "  none: {type: OS::Heat::None}\n"
                                "outputs:\n"
                                "  secret: {value: {get_attr: [rand, value]}}\n";

static void test_options_off(void)
{
    hh_stack_engine *e = fx_engine();
    hh_stack_ops_conf off = {.max_snapshots_per_stack = -1};
    hh_stack_create_opts o = {.name = "adopted", .tenant = "tenant-1"};
    hh_tmpl_request req = {0};
    json_t *out = NULL, *data = json_object();
    char id[HH_STORE_ID_LEN];
    hh_error err;

    is_int(hh_stack_abandon(e, &off, "no-such-stack", true, 0, &out, &err), HH_EUNSUPPORTED,
           "abandon disabled");
    is_str(err.type, "NotSupported", "abandon disabled: NotSupported");
    is_str(err.message, "Stack Abandon is not supported.", "abandon disabled: Heat's message");
    ok(out == NULL, "nothing returned");
    is_int(hh_stack_adopt(e, &off, &req, &o, data, 0, id, &err), HH_EUNSUPPORTED, "adopt disabled");
    is_str(err.type, "NotSupported", "adopt disabled: NotSupported");
    is_str(err.message, "Stack Adopt is not supported.", "adopt disabled: Heat's message");
    off.enable_stack_abandon = true;
    is_int(hh_stack_abandon(e, &off, "no-such-stack", false, 0, &out, &err), HH_ENOTFOUND,
           "export of no stack");
    is_str(err.message, "The Stack (no-such-stack) could not be found.", "EntityNotFound's text");
    json_decref(data);
    hh_stack_engine_free(e);
}

static void test_abandon_adopt(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_ops_conf conf = {true, true, -1};
    hh_stack_create_opts o = {.name = "adopted", .tenant = "tenant-1"};
    hh_tmpl_request req = {0};
    json_t *exported = NULL, *data = NULL, *row, *r1, *r2, *res;
    char id[HH_STORE_ID_LEN], aid[HH_STORE_ID_LEN], bid[HH_STORE_ID_LEN];
    hh_error err;
    const char *names[] = {"rand", "test", "none"};
    size_t i;

    if (!ok(create(e, adopt_tmpl, "original", id) == 0, "stack created"))
        goto done;
    ok(hh_stack_abandon(e, &conf, id, false, 0, &exported, &err) == 0, "export");
    row = fx_stack_row(st, id, false);
    ok(row != NULL, "an export leaves the stack");
    json_decref(row);

    if (!ok(hh_stack_abandon(e, &conf, id, true, 0, &data, &err) == 0, "abandon"))
        diag("%s", err.message);
    ok(json_equal(data, exported), "abandon gives what export gives");
    is_str(jstr(data, "name"), "original", "data: name");
    is_str(jstr(data, "id"), id, "data: id");
    is_str(jstr(data, "action"), "CREATE", "data: action");
    is_str(jstr(data, "status"), "COMPLETE", "data: status");
    is_str(jstr(data, "project_id"), "tenant-1", "data: project_id");
    ok(json_is_object(json_object_get(json_object_get(data, "template"), "resources")),
       "data: the template");
    ok(json_is_object(json_object_get(data, "environment")) &&
           json_is_array(
               json_object_get(json_object_get(data, "environment"), "encrypted_param_names")),
       "data: the user environment");
    ok(json_is_object(json_object_get(data, "files")), "data: files");
    ok(json_object_get(data, "tags") != NULL &&
           json_object_get(data, "stack_user_project_id") != NULL,
       "data: tags and stack_user_project_id");
    res = json_object_get(data, "resources");
    is_int(json_object_size(res), 3, "data: every resource");
    r1 = json_object_get(res, "rand");
    is_str(jstr(r1, "name"), "rand", "resource: name");
    is_str(jstr(r1, "type"), "OS::Heat::RandomString", "resource: type");
    is_str(jstr(r1, "action"), "CREATE", "resource: action");
    is_str(jstr(r1, "status"), "COMPLETE", "resource: status");
    ok(json_is_object(json_object_get(r1, "metadata")), "resource: metadata");
    ok(jstr(r1, "resource_id") != NULL && jstr(r1, "resource_id")[0] != '\0',
       "resource: its physical id");
    ok(jstr(json_object_get(r1, "resource_data"), "value") != NULL, "resource: its data");
    ok(json_object_get(json_object_get(r1, "resource_data"), "heat-ha:action_started") == NULL,
       "the engine's own data is not exported");

    row = fx_stack_row(st, id, false);
    ok(row == NULL, "the abandoned stack is gone");
    json_decref(row);
    row = fx_stack_row(st, id, true);
    is_str(jstr(row, "action"), "DELETE", "soft-deleted: DELETE");
    is_str(jstr(row, "status"), "COMPLETE", "soft-deleted: COMPLETE");
    is_str(jstr(row, "status_reason"), "Stack DELETE completed successfully", "Heat's reason");
    json_decref(row);
    is_int(ev_count(st, id, "test", "DELETE", "COMPLETE"), 1, "resources recorded as deleted");
    json_decref(exported);
    is_int(hh_stack_abandon(e, &conf, id, true, 0, &exported, &err), HH_ENOTFOUND,
           "abandon twice: EntityNotFound");
    ok(exported == NULL, "nothing returned");

    /* adopt the data back */
    if (!ok(hh_stack_adopt(e, &conf, &req, &o, data, 0, aid, &err) == 0, "adopt accepted"))
        diag("%s: %s", err.type ? err.type : "", err.message);
    row = fx_stack_row(st, aid, false);
    is_str(jstr(row, "action"), "ADOPT", "stored ADOPT");
    is_str(jstr(row, "status_reason"), "Stack ADOPT started", "Heat's start reason");
    json_decref(row);
    is_int(hh_stack_engine_run(e, 10000), 0, "adopt runs to its end");
    row = fx_stack_row(st, aid, false);
    is_str(jstr(row, "status"), "COMPLETE", "ADOPT COMPLETE");
    is_str(jstr(row, "status_reason"), "Stack ADOPT completed successfully", "Heat's reason");
    json_decref(row);
    for (i = 0; i < 3; i++) {
        r2 = fx_resource(st, aid, names[i]);
        r1 = json_object_get(res, names[i]);
        is_str(jstr(r2, "action"), "ADOPT", "%s: ADOPT", names[i]);
        is_str(jstr(r2, "status"), "COMPLETE", "%s: COMPLETE", names[i]);
        is_str(jstr(r2, "physical_resource_id"), jstr(r1, "resource_id"),
               "%s: the same physical id", names[i]);
        is_int(ev_count(st, aid, names[i], "ADOPT", "IN_PROGRESS"), 1, "%s: ADOPT IN_PROGRESS",
               names[i]);
        is_int(ev_count(st, aid, names[i], "ADOPT", "COMPLETE"), 1, "%s: ADOPT COMPLETE", names[i]);
        if (i == 0) {
            char *v = NULL;

            hh_store_resource_data_get(st, json_integer_value(json_object_get(r2, "id")), "value",
                                       &v, NULL);
            is_str(v, jstr(json_object_get(r1, "resource_data"), "value"), "rand: the same data");
            free(v);
            ok(hh_store_resource_data_get(st, json_integer_value(json_object_get(r2, "id")),
                                          HH_RDATA_ADOPT, &v, NULL) == HH_ENOTFOUND,
               "the adopt data is not kept");
        }
        json_decref(r2);
    }

    /* a resource without its resource_id fails as Heat's */
    json_object_del(json_object_get(res, "none"), "resource_id");
    o.name = "adopted-2";
    o.disable_rollback = true;
    ok(hh_stack_adopt(e, &conf, &req, &o, data, 0, bid, &err) == 0, "adopt without an id");
    hh_stack_engine_run(e, 10000);
    row = fx_stack_row(st, bid, false);
    is_str(jstr(row, "status"), "FAILED", "ADOPT FAILED");
    is_str(jstr(row, "status_reason"),
           "Resource ADOPT failed: Exception: resources.none: Resource ID was not provided.",
           "Heat's reason");
    json_decref(row);

    /* with rollback: Stack.adopt's rollback deletes as an abandon does */
    o.name = "adopted-3";
    o.disable_rollback = false;
    ok(hh_stack_adopt(e, &conf, &req, &o, data, 0, bid, &err) == 0, "adopt with rollback");
    hh_stack_engine_run(e, 10000);
    row = fx_stack_row(st, bid, false);
    is_str(jstr(row, "action"), "ROLLBACK", "rolled back");
    is_str(jstr(row, "status"), "COMPLETE", "ROLLBACK COMPLETE");
    is_str(jstr(row, "status_reason"), "Stack ROLLBACK completed successfully", "Heat's reason");
    json_decref(row);
    is_int(ev_count(st, bid, "adopted-3", "ADOPT", "FAILED"), 1, "the adopt's failure recorded");
    is_int(ev_count(st, bid, "adopted-3", "ROLLBACK", "IN_PROGRESS"), 1, "Stack ROLLBACK started");
    r2 = fx_resource(st, bid, "rand");
    is_str(jstr(r2, "action"), "DELETE", "an adopted resource is let go");
    is_str(jstr(r2, "physical_resource_id"), jstr(json_object_get(res, "rand"), "resource_id"),
           "without its delete handler (retained)");
    json_decref(r2);
    is_int(hh_stack_adopt(e, &conf, &req, &o, data, 0, bid, &err), HH_EEXISTS,
           "adopt under a live name: StackExists");
done:
    json_decref(data);
    hh_stack_engine_free(e);
}

static void test_snapshots(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_ops_conf conf = {false, false, 2};
    json_t *s1 = NULL, *s2 = NULL, *shown = NULL, *list = NULL, *row, *data;
    char id[HH_STORE_ID_LEN], other[HH_STORE_ID_LEN], sid[HH_STORE_ID_LEN];
    hh_error err;

    if (!ok(create(e, adopt_tmpl, "snapped", id) == 0, "stack created") ||
        !ok(create(e, adopt_tmpl, "other", other) == 0, "another stack created"))
        goto done;
    if (!ok(hh_stack_snapshot(e, &conf, id, "first", NULL, false, 0, &s1, &err) == 0,
            "snapshot accepted"))
        diag("%s", err.message);
    is_str(jstr(s1, "status"), "IN_PROGRESS", "reported IN_PROGRESS");
    is_str(jstr(s1, "name"), "first", "its name");
    ok(json_is_null(json_object_get(s1, "data")), "no data yet");
    ok(jstr(s1, "creation_time") != NULL, "creation_time");
    snprintf(sid, sizeof(sid), "%s", jstr(s1, "id"));
    row = fx_stack_row(st, id, false);
    is_str(jstr(row, "action"), "SNAPSHOT", "stack SNAPSHOT");
    is_str(jstr(row, "status_reason"), "Stack SNAPSHOT started", "Heat's start reason");
    json_decref(row);
    is_int(hh_stack_snapshot(e, &conf, id, "busy", NULL, false, 0, &s2, &err), HH_EEXISTS,
           "a snapshot of a stack in progress");
    is_str(err.message, "Stack snapped already has an action (SNAPSHOT) in progress.",
           "ActionInProgress's text");
    is_int(hh_stack_engine_run(e, 10000), 0, "snapshot runs to its end");
    row = fx_stack_row(st, id, false);
    is_str(jstr(row, "status"), "COMPLETE", "stack SNAPSHOT COMPLETE");
    is_str(jstr(row, "status_reason"), "Stack SNAPSHOT completed successfully", "Heat's reason");
    json_decref(row);
    is_int(ev_count(st, id, "test", "SNAPSHOT", "COMPLETE"), 1, "a resource's SNAPSHOT event");

    ok(hh_stack_snapshot_show(e, id, sid, &shown, &err) == 0, "show");
    is_str(jstr(shown, "status"), "COMPLETE", "snapshot COMPLETE");
    is_str(jstr(shown, "status_reason"), "Stack SNAPSHOT completed successfully",
           "snapshot's reason");
    data = json_object_get(shown, "data");
    is_str(jstr(data, "action"), "SNAPSHOT", "data: the stack's action");
    is_str(jstr(data, "status"), "COMPLETE", "data: the final status");
    is_str(jstr(data, "id"), id, "data: the stack's id");
    is_str(jstr(json_object_get(json_object_get(data, "resources"), "test"), "action"), "SNAPSHOT",
           "data: the resources SNAPSHOT");
    ok(json_is_object(json_object_get(data, "template")), "data: the template");

    ok(hh_stack_snapshot(e, &conf, id, NULL, NULL, false, 0, &s2, &err) == 0, "second snapshot");
    is_int(hh_stack_engine_run(e, 10000), 0, "it runs to its end");
    is_int(ev_count(st, id, "test", "SNAPSHOT", "COMPLETE"), 2, "every resource snapshotted again");
    ok(hh_stack_snapshot_list(e, id, &list, &err) == 0, "list");
    is_int(json_array_size(list), 2, "two snapshots");
    ok(strcmp(jstr(json_array_get(list, 0), "id"), sid) == 0 ||
           strcmp(jstr(json_array_get(list, 1), "id"), sid) == 0,
       "the first among them");
    json_decref(list);
    list = NULL;
    is_int(hh_stack_snapshot(e, &conf, id, "third", NULL, false, 0, &list, &err), HH_ELIMIT,
           "max_snapshots_per_stack");
    is_str(err.type, "RequestLimitExceeded", "RequestLimitExceeded");
    is_str(err.message,
           "You have reached the maximum snapshots per stack, 2. Please delete some snapshots.",
           "Heat's message");
    ok(list == NULL, "nothing returned");

    is_int(hh_stack_snapshot_show(e, other, sid, &list, &err), HH_ENOTFOUND,
           "a snapshot of another stack");
    is_str(err.type, "SnapshotNotFound", "SnapshotNotFound");
    ok(strstr(err.message, "for Stack (other) could not be found.") != NULL, "its text");
    ok(hh_stack_snapshot_delete(e, id, sid, 0, &err) == 0, "delete");
    is_int(hh_stack_snapshot_show(e, id, sid, &list, &err), HH_ENOTFOUND, "deleted");
    is_str(err.type, "NotFound", "NotFound");
    ok(hh_stack_snapshot_list(e, id, &list, &err) == 0 && json_array_size(list) == 1, "one left");
    json_decref(list);
    is_int(hh_stack_snapshot_delete(e, id, sid, 0, &err), HH_ENOTFOUND, "delete twice");
done:
    json_decref(s1);
    json_decref(s2);
    json_decref(shown);
    hh_stack_engine_free(e);
}

/* The entry of resource name in list, or NULL. */
static json_t *find_res(const json_t *list, const char *name)
{
    json_t *r;
    size_t i;

    json_array_foreach(list, i, r)
    {
        if (strcmp(jstr(r, "resource_name"), name) == 0)
            return r;
    }
    return NULL;
}

static const char *preview_tmpl = "heat_template_version: 2016-10-14\n"
                                  "description: previewed\n"
                                  "parameters:\n"
                                  "  greeting: {type: string, default: hello}\n"
                                  "resources:\n"
                                  "  a: {type: OS::Heat::None}\n"
                                  "  b:\n"
                                  "    type: OS::Heat::Value\n"
                                  "    properties: {value: {get_resource: a}}\n"
                                  "  c:\n"
                                  "    type: OS::Heat::TestResource\n"
                                  "    properties: {value: {get_param: greeting}}\n"
                                  "    metadata: {k: v}\n"
                                  "outputs:\n"
                                  "  out_c:\n"
                                  "    description: c's output\n"
                                  "    value: {get_attr: [c, output]}\n"
                                  "  ref_a: {value: {get_resource: a}}\n";

static void test_preview_create(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *tmpl = json_string(preview_tmpl), *out = NULL, *res, *r, *outs, *p;
    hh_tmpl_request req = {.template = tmpl};
    hh_stack_create_opts o = {.name = "previewed", .tenant = "tenant-1", .timeout_mins = 7};
    int64_t before = -1, after = -2;
    hh_error err;

    hh_store_stack_count(st, NULL, true, &before, NULL);
    if (!ok(hh_stack_preview(e, &req, &o, &out, &err) == 0, "preview"))
        diag("%s: %s", err.type ? err.type : "", err.message);
    hh_store_stack_count(st, NULL, true, &after, NULL);
    is_int(after, before, "nothing stored");
    is_str(jstr(out, "stack_name"), "previewed", "stack_name");
    is_str(jstr(json_object_get(out, "stack_identity"), "stack_id"), "None",
           "a stack without an id");
    is_str(jstr(json_object_get(out, "stack_identity"), "tenant"), "tenant-1", "its tenant");
    is_str(jstr(json_object_get(out, "parameters"), "OS::stack_id"), "None",
           "OS::stack_id as Heat's preview shows it");
    is_str(jstr(json_object_get(out, "parameters"), "greeting"), "hello", "parameters");
    is_str(jstr(out, "description"), "previewed", "description");
    is_str(jstr(out, "template_description"), "previewed", "template_description");
    is_int(json_integer_value(json_object_get(out, "timeout_mins")), 7, "timeout_mins");
    ok(jstr(out, "creation_time") != NULL, "creation_time");
    ok(json_is_null(json_object_get(out, "updated_time")), "updated_time null");
    ok(json_object_get(out, "stack_status") == NULL, "no status in a preview");
    outs = json_object_get(out, "outputs");
    is_int(json_array_size(outs), 2, "outputs");
    is_str(jstr(json_array_get(outs, 0), "output_key"), "out_c", "output key");
    is_str(jstr(json_array_get(outs, 0), "description"), "c's output", "output description");
    is_str(jstr(json_array_get(outs, 1), "description"), "No description given",
           "no description given");
    is_str(jstr(json_array_get(outs, 1), "output_value"), "a",
           "get_resource of a resource not created: its name");
    res = json_object_get(out, "resources");
    is_int(json_array_size(res), 3, "every resource");
    r = find_res(res, "b");
    is_str(jstr(r, "resource_action"), "INIT", "INIT");
    is_str(jstr(r, "resource_status"), "COMPLETE", "COMPLETE");
    is_str(jstr(r, "resource_type"), "OS::Heat::Value", "type");
    is_str(jstr(r, "physical_resource_id"), "", "no physical id");
    is_str(jstr(json_object_get(r, "properties"), "value"), "a", "properties resolved");
    is_str(jstr(json_object_get(r, "resource_identity"), "path"), "/resources/b",
           "resource_identity");
    ok(json_is_object(json_object_get(r, "attributes")) &&
           json_is_null(json_object_get(json_object_get(r, "attributes"), "value")),
       "attributes of a resource not created: null");
    r = find_res(res, "a");
    p = json_object_get(r, "required_by");
    ok(json_array_size(p) == 1 && strcmp(json_string_value(json_array_get(p, 0)), "b") == 0,
       "required_by");
    r = find_res(res, "c");
    is_str(jstr(json_object_get(r, "metadata"), "k"), "v", "metadata of the definition");
    is_str(jstr(json_object_get(r, "properties"), "value"), "hello", "get_param resolved");
    ok(json_object_get(json_object_get(r, "properties"), "wait_secs") != NULL,
       "every property of the schema");
    json_decref(out);
    out = NULL;

    o.name = "taken";
    ok(create(e, preview_tmpl, "taken", NULL) == 0, "a stack named taken");
    is_int(hh_stack_preview(e, &req, &o, &out, &err), HH_EEXISTS, "preview of a taken name");
    is_str(err.type, "StackExists", "StackExists");
    json_decref(tmpl);
    tmpl = json_string("heat_template_version: 2016-10-14\n"
                       "parameters: {x: {type: string}}\n"
                       "resources: {a: {type: OS::Heat::None}}\n");
    req.template = tmpl;
    o.name = "missing";
    ok(hh_stack_preview(e, &req, &o, &out, &err) != 0 && out == NULL, "a missing parameter");
    is_str(err.type, "UserParameterMissing", "Heat's exception");
    json_decref(tmpl);
    hh_stack_engine_free(e);
}

static const char *upd_v1 = "heat_template_version: 2016-10-14\n"
                            "parameters:\n"
                            "  p: {type: string, default: dflt}\n"
                            "  imm: {type: string, default: x, immutable: true}\n"
                            "resources:\n"
                            "  keep: {type: OS::Heat::TestResource, properties: {value: fixed}}\n"
                            "  upd:\n"
                            "    type: OS::Heat::TestResource\n"
                            "    properties: {value: {get_param: p}}\n"
                            "  md: {type: OS::Heat::TestResource, properties: {value: m}}\n"
                            "  rnd: {type: OS::Heat::RandomString, properties: {length: 8}}\n"
                            "  retype: {type: OS::Heat::None}\n"
                            "  gone: {type: OS::Heat::None}\n";

static const char *upd_v2 = "heat_template_version: 2016-10-14\n"
                            "parameters:\n"
                            "  p: {type: string, default: dflt}\n"
                            "  imm: {type: string, default: x, immutable: true}\n"
                            "resources:\n"
                            "  keep: {type: OS::Heat::TestResource, properties: {value: fixed}}\n"
                            "  upd: {type: OS::Heat::TestResource, properties: {value: new}}\n"
                            "  md:\n"
                            "    type: OS::Heat::TestResource\n"
                            "    properties: {value: m}\n"
                            "    metadata: {changed: true}\n"
                            "  rnd: {type: OS::Heat::RandomString, properties: {length: 10}}\n"
                            "  retype: {type: OS::Heat::Value, properties: {value: v}}\n"
                            "  added: {type: OS::Heat::None}\n";

/* The names of category cat of a preview, joined by ",". */
static const char *names_of(const json_t *pv, const char *cat)
{
    static char buf[256];
    const json_t *r;
    size_t i, off = 0;

    buf[0] = '\0';
    json_array_foreach(json_object_get(pv, cat), i, r)
    {
        off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%s", i ? "," : "",
                                jstr(r, "resource_name"));
    }
    return buf;
}

static void test_preview_update(void)
{
    hh_stack_engine *e = fx_engine();
    json_t *t1 = json_string(upd_v1), *t2 = json_string(upd_v2), *pv = NULL, *params, *clear;
    hh_tmpl_request req = {.template = t1};
    hh_stack_update_req u = {.req = &req};
    char id[HH_STORE_ID_LEN];
    hh_error err;

    params = json_pack("{s:s}", "p", "one");
    req.parameters = params;
    if (!ok(hh_stack_create(e, &req, "updated", "tenant-1", 0, id, &err) == 0 &&
                hh_stack_engine_run(e, 10000) == 0,
            "stack created with p=one"))
        goto done;
    json_decref(params);
    params = NULL;

    /* PUT of another template: every category */
    req.template = t2;
    req.parameters = NULL;
    if (!ok(hh_stack_preview_update(e, id, &u, &pv, &err) == 0, "preview of an update"))
        diag("%s: %s", err.type ? err.type : "", err.message);
    is_str(names_of(pv, "unchanged"), "keep", "unchanged");
    is_str(names_of(pv, "updated"), "md,upd", "updated: a property, the metadata");
    is_str(names_of(pv, "replaced"), "retype,rnd", "replaced: a new type, an immutable length");
    is_str(names_of(pv, "added"), "added", "added");
    is_str(names_of(pv, "deleted"), "gone", "deleted");
    is_str(jstr(json_array_get(json_object_get(pv, "updated"), 0), "resource_action"), "CREATE",
           "updated shows the stored resource");
    ok(jstr(json_array_get(json_object_get(pv, "updated"), 0), "physical_resource_id")[0] != '\0',
       "with its physical id");
    is_str(jstr(json_array_get(json_object_get(pv, "added"), 0), "resource_action"), "INIT",
           "added shows the new definition's");
    is_str(jstr(json_array_get(json_object_get(pv, "deleted"), 0), "resource_action"), "CREATE",
           "deleted shows the stored resource");
    json_decref(pv);
    pv = NULL;

    /* PATCH: the stored template and parameters */
    req.template = NULL;
    u.existing = true;
    ok(hh_stack_preview_update(e, id, &u, &pv, &err) == 0, "PATCH without changes");
    is_str(names_of(pv, "unchanged"), "gone,keep,md,retype,rnd,upd", "all unchanged");
    is_str(names_of(pv, "updated"), "", "nothing updated");
    json_decref(pv);
    pv = NULL;
    params = json_pack("{s:s}", "p", "two");
    req.parameters = params;
    ok(hh_stack_preview_update(e, id, &u, &pv, &err) == 0, "PATCH of a parameter");
    is_str(names_of(pv, "updated"), "upd", "its user updated");
    json_decref(pv);
    pv = NULL;
    req.parameters = NULL;
    clear = json_pack("[s]", "p");
    u.clear_parameters = clear;
    ok(hh_stack_preview_update(e, id, &u, &pv, &err) == 0, "PATCH clearing a parameter");
    is_str(names_of(pv, "updated"), "upd", "its default comes back");
    json_decref(pv);
    pv = NULL;
    json_decref(clear);
    u.clear_parameters = NULL;

    /* PUT of the same template without the parameter: the default */
    u.existing = false;
    req.template = t1;
    ok(hh_stack_preview_update(e, id, &u, &pv, &err) == 0, "PUT without the parameter");
    is_str(names_of(pv, "updated"), "upd", "the stored value is not kept");
    json_decref(pv);
    pv = NULL;

    json_decref(params);
    params = json_pack("{s:s}", "imm", "y");
    req.parameters = params;
    is_int(hh_stack_preview_update(e, id, &u, &pv, &err), HH_EINVAL, "an immutable parameter");
    is_str(err.type, "ImmutableParameterModified", "ImmutableParameterModified");
    ok(pv == NULL, "nothing returned");
    is_int(hh_stack_preview_update(e, "no-such-stack", &u, &pv, &err), HH_ENOTFOUND,
           "no such stack");
    is_str(err.type, "EntityNotFound", "EntityNotFound");
done:
    json_decref(params);
    json_decref(t1);
    json_decref(t2);
    hh_stack_engine_free(e);
}

/* An engine that stops with an adopt and a snapshot in progress: the next
 * one finishes both from the store (invariant 1). */
static void test_resume(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_ops_conf conf = {true, true, -1};
    hh_stack_create_opts o = {.name = "readopted", .tenant = "tenant-1"};
    hh_tmpl_request req = {0};
    json_t *data = NULL, *snap = NULL, *row, *r;
    char id[HH_STORE_ID_LEN], aid[HH_STORE_ID_LEN], sid[HH_STORE_ID_LEN];
    hh_error err;
    int n = 0;

    if (!ok(create(e, adopt_tmpl, "to-readopt", id) == 0, "stack created") ||
        !ok(hh_stack_abandon(e, &conf, id, true, 0, &data, &err) == 0, "abandoned") ||
        !ok(create(e, adopt_tmpl, "to-snapshot", id) == 0, "another stack created"))
        goto done;
    ok(hh_stack_adopt(e, &conf, &req, &o, data, 0, aid, &err) == 0, "adopt started");
    ok(hh_stack_snapshot(e, &conf, id, "s", NULL, false, 0, &snap, &err) == 0, "snapshot started");
    snprintf(sid, sizeof(sid), "%s", jstr(snap, "id"));
    hh_stack_engine_free(e); /* both stay IN_PROGRESS in the store */

    e = fx_engine();
    st = hh_stack_engine_store(e);
    row = fx_stack_row(st, aid, false);
    is_str(jstr(row, "status"), "IN_PROGRESS", "the adopt was left in progress");
    json_decref(row);
    ok(hh_stack_resume_all(e, 0, &n, &err) == 0, "resume");
    is_int(n, 2, "both actions resumed");
    is_int(hh_stack_engine_run(e, 10000), 0, "they run to their end");
    row = fx_stack_row(st, aid, false);
    is_str(jstr(row, "status_reason"), "Stack ADOPT completed successfully", "adopt completed");
    json_decref(row);
    r = fx_resource(st, aid, "rand");
    is_str(jstr(r, "physical_resource_id"),
           jstr(json_object_get(json_object_get(data, "resources"), "rand"), "resource_id"),
           "with the adopted physical id");
    json_decref(r);
    row = fx_stack_row(st, id, false);
    is_str(jstr(row, "status_reason"), "Stack SNAPSHOT completed successfully",
           "snapshot completed");
    json_decref(row);
    json_decref(snap);
    snap = NULL;
    ok(hh_stack_snapshot_show(e, id, sid, &snap, &err) == 0 &&
           strcmp(jstr(snap, "status"), "COMPLETE") == 0 &&
           json_is_object(json_object_get(json_object_get(snap, "data"), "resources")),
       "the snapshot COMPLETE with its data");
done:
    json_decref(snap);
    json_decref(data);
    hh_stack_engine_free(e);
}

static const char *restore_v2 = "heat_template_version: 2016-10-14\n"
                                "resources:\n"
                                "  rand:\n"
                                "    type: OS::Heat::RandomString\n"
                                "    properties: {length: 12}\n"
                                "  test:\n"
                                "    type: OS::Heat::TestResource\n"
                                "    properties: {value: changed}\n"
                                "  extra: {type: OS::Heat::None}\n";

/* The names of the visible resources of stack id, sorted, joined by ",". */
static const char *res_names(hh_store *st, const char *id)
{
    static char buf[256];
    json_t *rows = NULL, *r;
    const char *names[16];
    size_t i, n = 0, off = 0;

    hh_store_resource_list(st, id, &rows, NULL);
    json_array_foreach(rows, i, r)
    {
        json_t *vis = fx_resource(st, id, jstr(r, "name"));

        if (n < 16 && vis != NULL &&
            json_integer_value(json_object_get(vis, "id")) ==
                json_integer_value(json_object_get(r, "id")))
            names[n++] = jstr(r, "name");
        json_decref(vis);
    }
    for (i = 0; i < n; i++) /* insertion sort: a handful of names */
        for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
            const char *t = names[k];

            names[k] = names[k - 1];
            names[k - 1] = t;
        }
    buf[0] = '\0';
    for (i = 0; i < n; i++)
        off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%s", i ? "," : "", names[i]);
    json_decref(rows);
    return buf;
}

static void test_restore(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_ops_conf conf = {false, false, -1};
    json_t *snap = NULL, *t2 = json_string(restore_v2), *row, *r;
    hh_tmpl_request req = {.template = t2};
    char id[HH_STORE_ID_LEN], sid[HH_STORE_ID_LEN];
    char *value = NULL;
    hh_error err;

    if (!ok(create(e, adopt_tmpl, "restored", id) == 0, "stack created"))
        goto done;
    ok(hh_stack_snapshot(e, &conf, id, "before", NULL, false, 0, &snap, &err) == 0,
       "snapshot started");
    snprintf(sid, sizeof(sid), "%s", jstr(snap, "id"));
    is_int(hh_stack_restore(e, id, sid, 0, &err), HH_EUNSUPPORTED,
           "restore of a snapshot in progress");
    is_str(err.message, "Restoring incomplete snapshot is not supported.", "Heat's message");
    is_int(hh_stack_snapshot_delete(e, id, sid, 0, &err), HH_EUNSUPPORTED,
           "delete of a snapshot in progress");
    is_str(err.message, "Deleting in-progress snapshot is not supported.", "Heat's message");
    is_int(hh_stack_engine_run(e, 10000), 0, "snapshot done");

    if (!ok(hh_stack_update(e, id, &req, NULL, 0, &err) == 0, "update to another template"))
        diag("%s", err.message);
    is_int(hh_stack_engine_run(e, 10000), 0, "update done");
    is_str(res_names(st, id), "extra,rand,test", "the updated resources");

    if (!ok(hh_stack_restore(e, id, sid, 0, &err) == 0, "restore accepted"))
        diag("%s: %s", err.type ? err.type : "", err.message);
    row = fx_stack_row(st, id, false);
    is_str(jstr(row, "action"), "RESTORE", "stack RESTORE");
    is_str(jstr(row, "status_reason"), "Stack RESTORE started", "Heat's start reason");
    json_decref(row);
    is_int(hh_stack_engine_run(e, 10000), 0, "restore runs to its end");
    row = fx_stack_row(st, id, false);
    is_str(jstr(row, "status"), "COMPLETE", "RESTORE COMPLETE");
    is_str(jstr(row, "status_reason"), "Stack RESTORE completed successfully", "Heat's reason");
    json_decref(row);
    is_str(res_names(st, id), "none,rand,test", "the snapshot's resources are back");
    r = fx_resource(st, id, "test");
    is_str(jstr(r, "action"), "UPDATE", "test updated back in place");
    value = (char *)jstr(json_object_get(r, "properties_data"), "value");
    ok(value != NULL && strcmp(value, "changed") != 0 && strlen(value) == 10,
       "with the snapshot's properties (get_attr of the restored rand)");
    value = NULL;
    json_decref(r);
    r = fx_resource(st, id, "rand");
    hh_store_resource_data_get(st, json_integer_value(json_object_get(r, "id")), "value", &value,
                               NULL);
    is_int(value != NULL ? (long)strlen(value) : -1, 10,
           "rand replaced with the snapshot's length");
    free(value);
    json_decref(r);
    is_int(hh_stack_restore(e, id, "no-such-snapshot", 0, &err), HH_ENOTFOUND,
           "restore of no snapshot");
    is_str(err.type, "NotFound", "NotFound");
done:
    json_decref(snap);
    json_decref(t2);
    hh_stack_engine_free(e);
}

/* Abandon of a stack with a nested stack: the nested resource's entry is
 * the nested stack's own data (StackResource.prepare_abandon), and the
 * nested stack leaves the store with its parent. */
static void test_abandon_nested(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_ops_conf conf = {true, false, -1};
    json_t *tmpl = json_string("heat_template_version: 2016-10-14\n"
                               "resources:\n"
                               "  inner: {type: inner.yaml}\n"
                               "  plain: {type: OS::Heat::None}\n");
    json_t *files = json_pack("{s:s}", "inner.yaml",
                              "heat_template_version: 2016-10-14\n"
                              "resources:\n"
                              "  deep: {type: OS::Heat::RandomString}\n");
    hh_tmpl_request req = {.template = tmpl, .files = files};
    json_t *data = NULL, *inner, *children = NULL, *row;
    char id[HH_STORE_ID_LEN], child[HH_STORE_ID_LEN] = "";
    hh_error err;

    if (!ok(hh_stack_create(e, &req, "with-nested", "tenant-1", 0, id, &err) == 0 &&
                hh_stack_engine_run(e, 10000) == 0,
            "stack with a nested stack created"))
        goto done;
    hh_store_stack_children(st, id, &children, NULL);
    if (json_array_size(children) == 1)
        snprintf(child, sizeof(child), "%s", jstr(json_array_get(children, 0), "id"));
    ok(child[0] != '\0', "its nested stack");
    if (!ok(hh_stack_abandon(e, &conf, id, true, 0, &data, &err) == 0, "abandon"))
        diag("%s", err.message);
    inner = json_object_get(json_object_get(data, "resources"), "inner");
    is_str(jstr(inner, "id"), child, "the nested resource: the nested stack's data");
    ok(json_object_get(json_object_get(inner, "resources"), "deep") != NULL,
       "with the nested stack's resources");
    is_str(jstr(json_object_get(json_object_get(data, "resources"), "plain"), "name"), "plain",
           "a plain resource as before");
    row = fx_stack_row(st, child, false);
    ok(row == NULL, "the nested stack is gone with its parent");
    json_decref(row);
done:
    json_decref(children);
    json_decref(data);
    json_decref(files);
    json_decref(tmpl);
    hh_stack_engine_free(e);
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_stack_ops") != 0)
        return 99;
    test_options_off();
    test_abandon_adopt();
    test_snapshots();
    test_preview_create();
    test_preview_update();
    test_resume();
    test_restore();
    test_abandon_nested();
    fx_store_close();
    return done_testing();
}
