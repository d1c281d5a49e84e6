/* Unit tests of the engine's request API (engine/service_api.h) through
 * hh_rpc_call on the in-process transport, against a real engine on a
 * temporary SQLite store: every wired method's answer in Heat's engine API
 * format and its Heat errors, the methods not wired yet, tenant isolation,
 * the limits (stacks per tenant, resources per stack, events per stack with
 * the purge), standby refusal and resume on promotion.
 *
 * The main thread is the service's owner (its event loop); the tests run on
 * a client thread, as an API process would. Every wait is bounded. */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc_load.h"
#include "hh_conf.h"
#include "hh_opts.h"
#include "rpc.h"
#include "service_api.h"
#include "store.h"
#include "../lib/test_db.h"
#include "tap.h"

static hh_rpc *rpc;
static char dir[256], url[512];

/* owner commands from the client thread */
enum { CMD_NONE, CMD_DEACTIVATE, CMD_ACTIVATE, CMD_QUIT };
static atomic_int cmd;
static atomic_int resumed_count;

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static hh_rpc_context ctx_of(const char *tenant, bool admin)
{
    hh_rpc_context c;

    memset(&c, 0, sizeof(c));
    snprintf(c.tenant, sizeof(c.tenant), "%s", tenant);
    snprintf(c.user, sizeof(c.user), "user-of-%s", tenant);
    c.is_admin = admin;
    return c;
}

static hh_rpc_context t1, t2, t3, t4, adm;

/* Call method with args (stolen) as ctx: rc, *res new (may be NULL). */
static int call(const hh_rpc_context *ctx, const char *method, json_t *args, json_t **res,
                hh_error *err)
{
    hh_rpc_request *req = hh_rpc_request_new(method, args, ctx);
    json_t *r = NULL;
    int rc;

    hh_error_clear(err);
    rc = hh_rpc_call(rpc, HH_RPC_ENGINE_TOPIC, req, 20000, &r, err);
    hh_rpc_request_free(req);
    if (res != NULL)
        *res = r;
    else
        json_decref(r);
    return rc;
}

/* The failure's type and message are Heat's. */
static void fails_as(int rc, const hh_error *err, const char *type, const char *msg,
                     const char *what)
{
    if (!ok(rc != 0 && err->type != NULL && strcmp(err->type, type) == 0, "%s: %s", what, type))
        diag("rc %d type %s message %s", rc, err->type ? err->type : "-", err->message);
    if (msg != NULL)
        is_str(err->message, msg, "%s: message", what);
}

static int owner_cmd(int c)
{
    atomic_store(&cmd, c);
    for (int i = 0; i < 1000 && atomic_load(&cmd) != CMD_NONE; i++)
        usleep(10000);
    return atomic_load(&cmd) == CMD_NONE ? 0 : -1;
}

/* The identity of stack name/id of ctx's tenant (new). */
static json_t *ident_in(const hh_rpc_context *ctx, const char *name, const char *id)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "tenant", ctx->tenant, "stack_name", name, "stack_id",
                     id, "path", "");
}

static json_t *ident(const char *name, const char *id)
{
    return ident_in(&t1, name, id);
}

/* Wait (bounded: 15 s) until stack name/id of ctx is not IN_PROGRESS: its
 * ACTION_STATUS into buf. */
static const char *wait_in(const hh_rpc_context *ctx, const char *name, const char *id, char *buf,
                           size_t len)
{
    for (int i = 0; i < 1500; i++) {
        json_t *s = NULL;
        hh_error err;

        snprintf(buf, len, "(none)");
        if (call(ctx, "show_stack", json_pack("{s:o}", "stack_identity", ident_in(ctx, name, id)),
                 &s, &err) == 0)
            snprintf(buf, len, "%s_%s", jstr(json_array_get(s, 0), "stack_action"),
                     jstr(json_array_get(s, 0), "stack_status"));
        json_decref(s);
        if (strstr(buf, "IN_PROGRESS") == NULL)
            break;
        usleep(10000);
    }
    return buf;
}

/* show_stack's single entry for stack id (new, or NULL). */
static json_t *show(const hh_rpc_context *ctx, const char *name, const char *id)
{
    json_t *res = NULL, *one;
    hh_error err;

    if (call(ctx, "show_stack",
             json_pack("{s:o, s:b}", "stack_identity", ident(name, id), "resolve_outputs", 1), &res,
             &err) != 0)
        return NULL;
    one = json_incref(json_array_get(res, 0));
    json_decref(res);
    return one;
}

/* Wait (bounded: 15 s) until the stack is no longer IN_PROGRESS; its
 * "ACTION_STATUS" into buf. */
static const char *wait_done(const char *name, const char *id, char *buf, size_t len)
{
    snprintf(buf, len, "(not found)");
    for (int i = 0; i < 1500; i++) {
        json_t *s = show(&t1, name, id);

        if (s != NULL) {
            snprintf(buf, len, "%s_%s", jstr(s, "stack_action"), jstr(s, "stack_status"));
            json_decref(s);
            if (strstr(buf, "IN_PROGRESS") == NULL)
                break;
        }
        usleep(10000);
    }
    return buf;
}

static const char *tmpl_basic = "heat_template_version: 2016-10-14\n"
                                "description: service test\n"
                                "parameters:\n"
                                "  greeting: {type: string, default: hello}\n"
                                "  secret: {type: string, default: s3cr3t, hidden: true}\n"
                                "resources:\n"
                                "  a: {type: OS::Heat::None}\n"
                                "  b:\n"
                                "    type: OS::Heat::Value\n"
                                "    properties: {value: {get_param: greeting}}\n"
                                "    depends_on: a\n"
                                "outputs:\n"
                                "  out_b: {value: {get_attr: [b, value]}, description: the value}\n"
                                "  ref_a: {value: {get_resource: a}}\n"
                                "  bad: {value: {list_join: [',', {get_resource: a}]}}\n";

/* A template's text as the object the API sends (new). */
static json_t *doc(const char *text)
{
    json_t *d = NULL;

    if (hh_doc_parse(text, strlen(text), "t.yaml", NULL, &d, NULL, NULL) != 0)
        diag("test template does not parse");
    return d;
}

/* create_stack as ctx: 0 with id filled, or the rc. */
static int create(const hh_rpc_context *ctx, const char *name, const char *text, json_t *args,
                  char *id, hh_error *err)
{
    json_t *res = NULL, *tmpl = doc(text);
    int rc;

    rc = call(ctx, "create_stack",
              json_pack("{s:s, s:o, s:{}, s:{}, s:o}", "stack_name", name, "template", tmpl,
                        "params", "files", "args", args ? args : json_object()),
              &res, err);
    if (rc == 0)
        snprintf(id, HH_STORE_ID_LEN, "%s", jstr(res, "stack_id"));
    json_decref(res);
    return rc;
}

static void test_info(void)
{
    json_t *res = NULL;
    hh_error err;
    int rc;

    rc = call(&t1, "list_template_versions", NULL, &res, &err);
    ok(rc == 0 && json_array_size(res) > 10, "list_template_versions lists the versions");
    ok(rc == 0 && strcmp(jstr(json_array_get(res, 0), "type"), "cfn") + 1 > 0 &&
           jstr(json_array_get(res, 0), "version") != NULL,
       "a version entry has version and type");
    json_decref(res);
    rc = call(&t1, "list_template_functions",
              json_pack("{s:s}", "template_version", "heat_template_version.2016-10-14"), &res,
              &err);
    ok(rc == 0 && json_array_size(res) > 5 && jstr(json_array_get(res, 0), "functions") != NULL,
       "list_template_functions of 2016-10-14");
    json_decref(res);
    rc = call(&t1, "list_template_functions",
              json_pack("{s:s}", "template_version", "heat_template_version.1999-01-01"), NULL,
              &err);
    fails_as(rc, &err, "NotFound",
             "Template with version heat_template_version.1999-01-01 not found",
             "unknown template version");

    rc =
        call(&t1, "validate_template", json_pack("{s:o}", "template", doc(tmpl_basic)), &res, &err);
    ok(rc == 0 && json_object_get(json_object_get(res, "Parameters"), "greeting") != NULL &&
           json_is_string(json_object_get(res, "Description")),
       "validate_template answers Description and Parameters");
    json_decref(res);
    rc = call(&t1, "validate_template",
              json_pack("{s:o}", "template",
                        doc("heat_template_version: 2016-10-14\nresources:\n"
                            "  x: {type: OS::Nope::DoesNotExist}\n")),
              &res, &err);
    ok(rc == 0 && jstr(res, "Error") != NULL &&
           strstr(jstr(res, "Error"), "OS::Nope::DoesNotExist") != NULL,
       "validate_template of a bad template answers {Error: ...} as Heat's");
    json_decref(res);
    rc = call(&t1, "validate_template",
              json_pack("{s:o}", "template", doc("heat_template_version: 1999-01-01\n")), NULL,
              &err);
    fails_as(rc, &err, "InvalidTemplateVersion", NULL, "validate_template of an unknown version");

    rc = call(&t1, "list_resource_types", NULL, &res, &err);
    ok(rc == 0 && json_array_size(res) > 5, "list_resource_types");
    json_decref(res);
    rc = call(&t1, "list_resource_types", json_pack("{s:s}", "type_name", "OS::Heat::None"), &res,
              &err);
    ok(rc == 0 && json_array_size(res) == 1 &&
           strcmp(json_string_value(json_array_get(res, 0)), "OS::Heat::None") == 0,
       "list_resource_types filtered by type_name");
    json_decref(res);
    rc =
        call(&t1, "list_resource_types", json_pack("{s:s}", "support_status", "BOGUS"), NULL, &err);
    fails_as(rc, &err, "Invalid", NULL, "list_resource_types with an unknown support_status");
    rc = call(&t1, "resource_schema", json_pack("{s:s}", "type_name", "OS::Heat::Value"), &res,
              &err);
    ok(rc == 0 && strcmp(jstr(res, "resource_type"), "OS::Heat::Value") == 0 &&
           json_object_get(json_object_get(res, "properties"), "value") != NULL,
       "resource_schema of OS::Heat::Value");
    json_decref(res);
    rc = call(&t1, "resource_schema", json_pack("{s:s}", "type_name", "OS::No::Such"), NULL, &err);
    fails_as(rc, &err, "EntityNotFound", "The Resource Type (OS::No::Such) could not be found.",
             "resource_schema of an unknown type");
    rc =
        call(&t1, "generate_template",
             json_pack("{s:s, s:s}", "type_name", "OS::Heat::RandomString", "template_type", "hot"),
             &res, &err);
    ok(rc == 0 && json_object_get(res, "heat_template_version") != NULL &&
           json_object_get(json_object_get(res, "parameters"), "length") != NULL,
       "generate_template hot");
    json_decref(res);
    res = NULL;
    rc = call(&t1, "generate_template",
              json_pack("{s:s, s:s}", "type_name", "OS::Heat::Value", "template_type", "hot"), NULL,
              &err);
    fails_as(rc, &err, "HeatException", "KeyError: 'Any'",
             "generate_template of a type with an Any property (Heat's KeyError)");
    json_decref(res);

    rc = call(&t1, "get_revision", NULL, &res, &err);
    ok(rc == 0 && json_is_string(res), "get_revision is a string");
    json_decref(res);
    rc = call(&t1, "list_services", NULL, &res, &err);
    ok(rc == 0 && json_array_size(res) == 1 &&
           strcmp(jstr(json_array_get(res, 0), "binary"), "heat-engine") == 0 &&
           jstr(json_array_get(res, 0), "status") != NULL,
       "list_services in Heat's format");
    json_decref(res);
}

static void test_stack_reads(void)
{
    json_t *res = NULL, *s = NULL, *o;
    char id[HH_STORE_ID_LEN], buf[64];
    hh_error err;
    size_t i;
    int rc;

    if (!ok(create(&t1, "s1", tmpl_basic, json_pack("{s:[s,s]}", "tags", "x", "y"), id, &err) == 0,
            "create_stack"))
        diag("%s: %s", err.type ? err.type : "", err.message);
    is_str(wait_done("s1", id, buf, sizeof(buf)), "CREATE_COMPLETE", "the stack is created");
    rc = create(&t1, "s1", tmpl_basic, NULL, buf, &err);
    fails_as(rc, &err, "StackExists", "The Stack (s1) already exists.", "a second s1");
    rc = create(&t1, "1bad", tmpl_basic, NULL, buf, &err);
    fails_as(rc, &err, "StackValidationFailed", NULL, "a stack name starting with a digit");
    rc = create(&t1, "s-params", tmpl_basic, json_pack("{s:s}", "disable_rollback", "maybe"), buf,
                &err);
    fails_as(rc, &err, "ValueError",
             "Unrecognized value \"maybe\" for \"disable_rollback\", acceptable values are: true, "
             "false.",
             "disable_rollback not a boolean");

    /* identify */
    rc = call(&t1, "identify_stack", json_pack("{s:s}", "stack_name", "s1"), &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "stack_id"), id) == 0 &&
           strcmp(jstr(res, "tenant"), "tenant-1") == 0 && strcmp(jstr(res, "path"), "") == 0,
       "identify_stack by name");
    json_decref(res);
    rc = call(&t1, "identify_stack", json_pack("{s:s}", "stack_name", id), &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "stack_name"), "s1") == 0, "identify_stack by id");
    json_decref(res);
    rc = call(&t1, "identify_stack", json_pack("{s:s}", "stack_name", "nope"), NULL, &err);
    fails_as(rc, &err, "EntityNotFound", "The Stack (nope) could not be found.",
             "identify_stack of no stack");
    rc = call(&t2, "identify_stack", json_pack("{s:s}", "stack_name", id), NULL, &err);
    fails_as(rc, &err, "EntityNotFound", NULL, "another tenant's stack by id");

    /* show */
    s = show(&t1, "s1", id);
    ok(s != NULL, "show_stack");
    is_str(jstr(s, "stack_status_reason"), "Stack CREATE completed successfully", "status reason");
    is_str(jstr(s, "description"), "service test", "description");
    is_str(jstr(json_object_get(s, "stack_identity"), "stack_id"), id, "stack_identity");
    is_str(jstr(json_object_get(s, "parameters"), "OS::stack_name"), "s1", "OS::stack_name");
    is_str(jstr(json_object_get(s, "parameters"), "secret"), "******", "hidden parameter masked");
    is_str(jstr(s, "stack_owner"), "user-of-tenant-1", "stack_owner is the user");
    ok(json_array_size(json_object_get(s, "tags")) == 2 &&
           strcmp(json_string_value(json_array_get(json_object_get(s, "tags"), 1)), "y") == 0,
       "tags");
    o = json_object_get(s, "outputs");
    ok(json_array_size(o) == 3, "three outputs");
    json_array_foreach(o, i, res)
    {
        if (strcmp(jstr(res, "output_key"), "out_b") == 0) {
            is_str(jstr(res, "output_value"), "hello", "out_b resolved");
            is_str(jstr(res, "description"), "the value", "out_b description");
        }
        if (strcmp(jstr(res, "output_key"), "ref_a") == 0)
            is_str(jstr(res, "description"), "No description given", "default description");
        if (strcmp(jstr(res, "output_key"), "bad") == 0)
            ok(jstr(res, "output_error") != NULL &&
                   json_is_null(json_object_get(res, "output_value")),
               "a failing output carries output_error and does not fail the show");
    }
    json_decref(s);
    res = NULL;
    rc = call(&t1, "show_stack",
              json_pack("{s:o, s:b}", "stack_identity", ident("s1", id), "resolve_outputs", 0),
              &res, &err);
    ok(rc == 0 && json_object_get(json_array_get(res, 0), "outputs") == NULL,
       "resolve_outputs false: no outputs");
    json_decref(res);
    rc = call(&t2, "show_stack", json_pack("{s:o}", "stack_identity", ident("s1", id)), NULL, &err);
    fails_as(rc, &err, "EntityNotFound", "The Stack (s1) could not be found.",
             "another tenant cannot show it");
    rc =
        call(&adm, "show_stack", json_pack("{s:o}", "stack_identity", ident("s1", id)), &res, &err);
    ok(rc == 0 && json_array_size(res) == 1, "an admin context can");
    json_decref(res);
    rc = call(&t1, "show_stack", json_pack("{s:o}", "stack_identity", ident("other", id)), NULL,
              &err);
    fails_as(rc, &err, "EntityNotFound", "The Stack (other) could not be found.",
             "an identity whose name does not match");

    /* templates, environment, files */
    rc = call(&t1, "get_template", json_pack("{s:o}", "stack_identity", ident("s1", id)), &res,
              &err);
    ok(rc == 0 && json_object_get(json_object_get(res, "resources"), "b") != NULL, "get_template");
    json_decref(res);
    rc = call(&t1, "get_environment", json_pack("{s:o}", "stack_identity", ident("s1", id)), &res,
              &err);
    ok(rc == 0 && json_is_object(res), "get_environment");
    json_decref(res);
    rc = call(&t1, "get_files", json_pack("{s:o}", "stack_identity", ident("s1", id)), &res, &err);
    ok(rc == 0 && json_is_object(res), "get_files");
    json_decref(res);

    /* resources */
    rc = call(&t1, "list_stack_resources", json_pack("{s:o}", "stack_identity", ident("s1", id)),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 2, "list_stack_resources");
    json_array_foreach(res, i, o)
    {
        if (strcmp(jstr(o, "resource_name"), "a") == 0) {
            ok(json_array_size(json_object_get(o, "required_by")) == 1 &&
                   strcmp(json_string_value(json_array_get(json_object_get(o, "required_by"), 0)),
                          "b") == 0,
               "a is required by b");
            is_str(jstr(o, "resource_status"), "COMPLETE", "resource_status");
            is_str(jstr(json_object_get(o, "resource_identity"), "path"), "/resources/a",
                   "resource_identity path");
            ok(json_object_get(o, "metadata") == NULL, "no detail: no metadata");
        }
    }
    json_decref(res);
    rc = call(&t1, "list_stack_resources",
              json_pack("{s:o, s:b, s:{s:s}}", "stack_identity", ident("s1", id), "with_detail", 1,
                        "filters", "type", "OS::Heat::V*"),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 1 &&
           strcmp(jstr(json_array_get(res, 0), "resource_name"), "b") == 0 &&
           json_object_get(json_array_get(res, 0), "metadata") != NULL,
       "list_stack_resources with a type filter and detail");
    json_decref(res);
    rc = call(&t1, "describe_stack_resource",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "resource_name", "b"),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "resource_type"), "OS::Heat::Value") == 0 &&
           strcmp(jstr(res, "resource_action"), "CREATE") == 0,
       "describe_stack_resource");
    json_decref(res);
    rc = call(&t1, "describe_stack_resource",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "resource_name", "zz"),
              NULL, &err);
    fails_as(rc, &err, "ResourceNotFound", "The Resource (zz) could not be found in Stack s1.",
             "describe_stack_resource of no resource");
    rc = call(&t1, "describe_stack_resources",
              json_pack("{s:o, s:n}", "stack_identity", ident("s1", id), "resource_name"), &res,
              &err);
    ok(rc == 0 && json_array_size(res) == 2, "describe_stack_resources");
    json_decref(res);

    /* a physical id leads back to its resource */
    rc = call(&t1, "describe_stack_resource",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "resource_name", "a"), &s,
              &err);
    rc = call(&t1, "find_physical_resource",
              json_pack("{s:s}", "physical_resource_id", jstr(s, "physical_resource_id")), &res,
              &err);
    ok(rc == 0 && strcmp(jstr(res, "path"), "/resources/a") == 0, "find_physical_resource");
    json_decref(res);
    rc = call(&t2, "find_physical_resource",
              json_pack("{s:s}", "physical_resource_id", jstr(s, "physical_resource_id")), NULL,
              &err);
    fails_as(rc, &err, "EntityNotFound", NULL, "find_physical_resource of another tenant");
    json_decref(s);

    /* events */
    rc =
        call(&t1, "list_events", json_pack("{s:o}", "stack_identity", ident("s1", id)), &res, &err);
    ok(rc == 0 && json_array_size(res) == 6, "list_events: the stack's and both resources' events");
    if (rc == 0) {
        o = json_array_get(res, 0);
        is_str(jstr(o, "resource_status_reason"), "Stack CREATE started", "first event");
        ok(strstr(jstr(json_object_get(o, "event_identity"), "path"), "/resources/s1/events/") ==
               jstr(json_object_get(o, "event_identity"), "path"),
           "event_identity path");
        ok(json_object_get(o, "resource_properties") == NULL, "no properties in a listing");
    }
    {
        const char *marker = jstr(json_array_get(res, 1), "event_identity");
        json_t *page = NULL, *first = json_object_get(json_array_get(res, 2), "event_identity");
        char mk[HH_STORE_ID_LEN + 1];
        const char *p = jstr(json_object_get(json_array_get(res, 1), "event_identity"), "path");

        (void)marker;
        snprintf(mk, sizeof(mk), "%s", strrchr(p, '/') + 1);
        rc = call(&t1, "list_events",
                  json_pack("{s:o, s:i, s:s}", "stack_identity", ident("s1", id), "limit", 2,
                            "marker", mk),
                  &page, &err);
        ok(rc == 0 && json_array_size(page) == 2 &&
               json_equal(json_object_get(json_array_get(page, 0), "event_identity"), first),
           "list_events with limit and marker");
        json_decref(page);
        rc = call(&t1, "list_events",
                  json_pack("{s:o, s:s, s:{s:s}}", "stack_identity", ident("s1", id), "sort_dir",
                            "desc", "filters", "resource_status", "COMPLETE"),
                  &page, &err);
        ok(rc == 0 && json_array_size(page) == 3 &&
               strcmp(jstr(json_array_get(page, 0), "resource_name"), "s1") == 0,
           "list_events filtered, newest first");
        json_decref(page);
        rc = call(
            &t1, "list_events",
            json_pack("{s:o, s:{s:s}}", "stack_identity", ident("s1", id), "filters", "uuid", mk),
            &page, &err);
        ok(rc == 0 && json_array_size(page) == 1 &&
               json_object_get(json_array_get(page, 0), "resource_properties") != NULL,
           "one event by uuid carries its properties (event show)");
        json_decref(page);
        rc = call(&t1, "list_events",
                  json_pack("{s:o, s:i}", "stack_identity", ident("s1", id), "nested_depth", 2),
                  &page, &err);
        ok(rc == 0 && json_array_size(page) == 6 &&
               json_object_get(json_array_get(page, 0), "root_stack_id") != NULL,
           "list_events with nested_depth carries root_stack_id");
        json_decref(page);
        rc = call(&t1, "list_events",
                  json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "limit", "x"), NULL,
                  &err);
        fails_as(rc, &err, "Invalid", NULL, "a limit that is no integer");
    }
    json_decref(res);

    /* outputs */
    rc = call(&t1, "list_outputs", json_pack("{s:o}", "stack_identity", ident("s1", id)), &res,
              &err);
    ok(rc == 0 && json_array_size(res) == 3 &&
           json_object_get(json_array_get(res, 0), "output_value") == NULL,
       "list_outputs: keys and descriptions only");
    json_decref(res);
    rc = call(&t1, "show_output",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "output_key", "out_b"),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "output_value"), "hello") == 0, "show_output");
    json_decref(res);
    rc = call(&t1, "show_output",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "output_key", "nope"),
              NULL, &err);
    fails_as(rc, &err, "NotFound", "Specified output key nope not found.",
             "show_output of no output");

    /* mark unhealthy and back */
    rc = call(&t1, "resource_mark_unhealthy",
              json_pack("{s:o, s:s, s:b, s:s}", "stack_identity", ident("s1", id), "resource_name",
                        "a", "mark_unhealthy", 1, "resource_status_reason", "broken"),
              NULL, &err);
    ok(rc == 0, "resource_mark_unhealthy");
    rc = call(&t1, "describe_stack_resource",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "resource_name", "a"),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "resource_action"), "CHECK") == 0 &&
           strcmp(jstr(res, "resource_status"), "FAILED") == 0 &&
           strcmp(jstr(res, "resource_status_reason"), "broken") == 0,
       "the resource is CHECK_FAILED with the reason");
    json_decref(res);
    rc = call(&t1, "resource_mark_unhealthy",
              json_pack("{s:o, s:s, s:b}", "stack_identity", ident("s1", id), "resource_name", "a",
                        "mark_unhealthy", 0),
              NULL, &err);
    rc = call(&t1, "describe_stack_resource",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "resource_name", "a"),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "resource_status"), "COMPLETE") == 0 &&
           strcmp(jstr(res, "resource_status_reason"),
                  "state changed by resource_mark_unhealthy api") == 0,
       "marked healthy again: CHECK_COMPLETE");
    json_decref(res);
    rc = call(&t1, "resource_mark_unhealthy",
              json_pack("{s:o, s:s, s:b}", "stack_identity", ident("s1", id), "resource_name", "zz",
                        "mark_unhealthy", 1),
              NULL, &err);
    fails_as(rc, &err, "ResourceNotFound", NULL, "mark_unhealthy of no resource");

    /* signals reach the resource's plugin */
    rc = call(&t1, "resource_signal",
              json_pack("{s:o, s:s, s:{}, s:b}", "stack_identity", ident("s1", id), "resource_name",
                        "b", "details", "sync_call", 1),
              NULL, &err);
    fails_as(rc, &err, "ResourceActionNotSupported", "signal is not supported for resource.",
             "resource_signal of a type without signals");
    rc = call(&t1, "resource_signal",
              json_pack("{s:o, s:s, s:{}}", "stack_identity", ident("s1", id), "resource_name",
                        "zz", "details"),
              NULL, &err);
    fails_as(rc, &err, "ResourceNotFound", NULL, "resource_signal of no resource");

    /* methods whose engine action is not there yet, and refusals */
    rc = call(&t1, "stack_cancel_update", json_pack("{s:o}", "stack_identity", ident("s1", id)),
              NULL, &err);
    fails_as(rc, &err, "NotSupported",
             "Cancelling update when stack is CREATE_COMPLETE is not supported.",
             "cancel_update of a stack not updating");
    rc = call(&t2, "update_stack",
              json_pack("{s:o, s:o, s:n, s:n, s:{}}", "stack_identity", ident("s1", id), "template",
                        doc(tmpl_basic), "params", "files", "args"),
              NULL, &err);
    fails_as(rc, &err, "EntityNotFound", NULL, "another tenant cannot update it");
    rc = call(&t1, "migrate_convergence_1", json_pack("{s:s}", "stack_id", id), NULL, &err);
    fails_as(rc, &err, "NotSupported", "Migrating to convergence is not supported.",
             "a method the engine lacks answers NotSupported");
    rc = call(&t1, "stack_list_snapshots", json_pack("{s:o}", "stack_identity", ident("s1", id)),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 0, "stack_list_snapshots of a stack without any");
    json_decref(res);
    rc = call(&t1, "show_snapshot",
              json_pack("{s:o, s:s}", "stack_identity", ident("s1", id), "snapshot_id", "snap"),
              NULL, &err);
    fails_as(rc, &err, "NotFound", "Snapshot with id snap not found",
             "show_snapshot of no snapshot");

    /* preview */
    rc = call(&t1, "preview_stack",
              json_pack("{s:s, s:o, s:{}, s:{}, s:{}}", "stack_name", "pv", "template",
                        doc(tmpl_basic), "params", "files", "args"),
              &res, &err);
    ok(rc == 0 && json_array_size(json_object_get(res, "resources")) == 2 &&
           json_object_get(res, "stack_status") == NULL &&
           strcmp(jstr(json_object_get(res, "stack_identity"), "stack_id"), "None") == 0,
       "preview_stack");
    json_decref(res);
    rc = call(&t1, "preview_stack",
              json_pack("{s:s, s:o, s:{}, s:{}, s:{}}", "stack_name", "s1", "template",
                        doc(tmpl_basic), "params", "files", "args"),
              NULL, &err);
    fails_as(rc, &err, "StackExists", NULL, "preview_stack of a taken name");
}

static void test_lists_and_limits(void)
{
    json_t *res = NULL;
    char id2[HH_STORE_ID_LEN], id3[HH_STORE_ID_LEN], buf[64], other[HH_STORE_ID_LEN];
    hh_error err;
    int rc;

    /* s1 exists (tags x, y); two more of tenant-1 and one of tenant-2 */
    rc = create(&t1, "s2", tmpl_basic, json_pack("{s:[s]}", "tags", "x"), id2, &err);
    ok(rc == 0, "create s2");
    rc = create(&t1, "s3", tmpl_basic, json_pack("{s:[s]}", "tags", "data-processing-cluster"), id3,
                &err);
    ok(rc == 0, "create s3 with a hidden tag");
    rc = create(&t2, "s1", tmpl_basic, NULL, other, &err);
    ok(rc == 0, "another tenant may use the name s1");
    wait_done("s2", id2, buf, sizeof(buf));
    wait_done("s3", id3, buf, sizeof(buf));

    rc = create(&t1, "s4", tmpl_basic, NULL, buf, &err);
    fails_as(rc, &err, "RequestLimitExceeded",
             "Request limit exceeded: You have reached the maximum stacks per tenant, 3. Please "
             "delete some stacks.",
             "max_stacks_per_tenant");

    rc = call(&t1, "list_stacks", NULL, &res, &err);
    ok(rc == 0 && json_array_size(res) == 2, "list_stacks: own stacks, hidden one left out");
    if (rc == 0)
        ok(jstr(json_array_get(res, 0), "stack_status") != NULL &&
               json_object_get(json_array_get(res, 0), "stack_identity") != NULL &&
               json_object_get(json_array_get(res, 0), "parameters") == NULL,
           "list entries in format_stack_db_object's shape");
    json_decref(res);
    rc = call(&t1, "list_stacks", json_pack("{s:b}", "show_hidden", 1), &res, &err);
    ok(rc == 0 && json_array_size(res) == 3, "show_hidden shows it");
    json_decref(res);
    rc = call(&t1, "list_stacks", json_pack("{s:s}", "tags", "x,y"), &res, &err);
    ok(rc == 0 && json_array_size(res) == 1, "tags: stacks with all of them");
    json_decref(res);
    rc = call(&t1, "list_stacks", json_pack("{s:[s], s:b}", "not_tags_any", "y", "show_hidden", 1),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 2, "not_tags_any");
    json_decref(res);
    rc = call(
        &t1, "list_stacks",
        json_pack("{s:[s], s:s, s:i}", "sort_keys", "stack_name", "sort_dir", "asc", "limit", 1),
        &res, &err);
    ok(rc == 0 && json_array_size(res) == 1 &&
           strcmp(jstr(json_array_get(res, 0), "stack_name"), "s1") == 0,
       "sorted by name, limit 1");
    json_decref(res);
    rc = call(
        &t1, "list_stacks",
        json_pack("{s:[s], s:s, s:s}", "sort_keys", "stack_name", "sort_dir", "asc", "marker", id2),
        &res, &err);
    ok(rc == 0 && json_array_size(res) == 0, "after the marker s2 (s3 hidden): nothing");
    json_decref(res);
    rc =
        call(&t1, "list_stacks", json_pack("{s:{s:s}}", "filters", "stack_name", "s2"), &res, &err);
    ok(rc == 0 && json_array_size(res) == 1, "filter by name");
    json_decref(res);
    rc = call(&t1, "list_stacks", json_pack("{s:s}", "sort_dir", "up"), NULL, &err);
    fails_as(rc, &err, "Invalid", NULL, "an unknown sort_dir");
    rc = call(&t2, "list_stacks", NULL, &res, &err);
    ok(rc == 0 && json_array_size(res) == 1, "the other tenant sees its own only");
    json_decref(res);
    rc = call(&adm, "list_stacks", json_pack("{s:b}", "show_hidden", 1), &res, &err);
    ok(rc == 0 && json_array_size(res) == 4, "an admin context sees every tenant's");
    json_decref(res);
    rc = call(&t1, "count_stacks", NULL, &res, &err);
    ok(rc == 0 && json_integer_value(res) == 2, "count_stacks");
    json_decref(res);

    /* max_resources_per_stack (5) */
    rc = create(&t2, "big",
                "heat_template_version: 2016-10-14\nresources:\n"
                "  r1: {type: OS::Heat::None}\n  r2: {type: OS::Heat::None}\n"
                "  r3: {type: OS::Heat::None}\n  r4: {type: OS::Heat::None}\n"
                "  r5: {type: OS::Heat::None}\n  r6: {type: OS::Heat::None}\n",
                NULL, buf, &err);
    ok(rc != 0 && strstr(err.message, "maximum resources per stack") != NULL,
       "max_resources_per_stack: %s", err.message);

    /* delete */
    rc = call(&t2, "delete_stack", json_pack("{s:o}", "stack_identity", ident("s3", id3)), NULL,
              &err);
    fails_as(rc, &err, "EntityNotFound", NULL, "another tenant cannot delete it");
    rc = call(&t1, "delete_stack", json_pack("{s:o}", "stack_identity", ident("s3", id3)), NULL,
              &err);
    ok(rc == 0, "delete_stack");
    is_str(wait_done("s3", id3, buf, sizeof(buf)), "DELETE_COMPLETE", "the stack is deleted");
    rc = call(&t1, "delete_stack", json_pack("{s:o}", "stack_identity", ident("s3", id3)), NULL,
              &err);
    fails_as(rc, &err, "EntityNotFound", "The Stack (s3) could not be found.", "delete again");
    rc = call(&t1, "list_stacks", json_pack("{s:b, s:b}", "show_deleted", 1, "show_hidden", 1),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 3, "show_deleted lists the deleted one");
    json_decref(res);
    rc = create(&t1, "s4", tmpl_basic, NULL, buf, &err);
    ok(rc == 0, "room for a stack again after a delete");
}

/* list_stacks and count_stacks are kept while the store is unchanged
 * (service_cache): the same value again, and every write visible in the
 * next answer, whichever connection made it. */
static void test_kept_answers(void)
{
    hh_rpc_context t5 = ctx_of("tenant-5", false);
    json_t *a = NULL, *b = NULL, *other = NULL, *c = NULL;
    char id[HH_STORE_ID_LEN], buf[64];
    hh_store *st = NULL;
    int64_t term = 0;
    uint64_t version = 0;
    hh_error err;
    int rc;

    rc = create(&t5, "kept", tmpl_basic, NULL, id, &err);
    ok(rc == 0, "create a stack of tenant-5");
    is_str(wait_in(&t5, "kept", id, buf, sizeof(buf)), "CREATE_COMPLETE", "created");
    rc = call(&t5, "list_stacks", NULL, &a, &err);
    ok(rc == 0 && json_array_size(a) == 1, "list_stacks");
    rc = call(&t5, "list_stacks", NULL, &b, &err);
    /* answers are kept unless the store's driver cannot tell a change */
    if (hh_store_open(url, &st, &err) != 0 ||
        hh_store_data_version(st, &version, &err) != HH_EUNSUPPORTED)
        ok(rc == 0 && a == b, "the same answer again while nothing changed (kept)");
    else
        skip("the store's driver keeps no data version: nothing is kept",
             "the same answer again while nothing changed (kept)");
    hh_store_close(st);
    st = NULL;
    json_decref(b);
    rc = call(&t5, "list_stacks", json_pack("{s:b}", "show_nested", 1), &b, &err);
    ok(rc == 0 && b != a && json_array_size(b) == 1, "other arguments: another answer");
    json_decref(b);
    rc = call(&t1, "list_stacks", NULL, &other, &err);
    ok(rc == 0 && other != a && json_array_size(other) > 0 &&
           strcmp(jstr(json_object_get(json_array_get(other, 0), "stack_identity"), "tenant"),
                  "tenant-1") == 0,
       "another tenant: its own answer");

    /* a write by another connection (as heat-manage or another engine
     * would make), then the next list */
    if (hh_store_open(url, &st, &err) != 0 || hh_store_term_current(st, &term, &err) != 0 ||
        hh_store_stack_set_state(st, term, id, "CHECK", "COMPLETE", "by hand", &err) != 0)
        diag("store: %s", err.message);
    rc = call(&t5, "list_stacks", NULL, &b, &err);
    ok(rc == 0 && b != a, "a write: a new answer");
    is_str(jstr(json_array_get(b, 0), "stack_action"), "CHECK", "the write is in the next list");
    is_str(jstr(json_array_get(b, 0), "stack_status_reason"), "by hand", "its reason too");
    is_str(jstr(json_array_get(a, 0), "stack_action"), "CREATE",
           "the answer handed out before is unchanged");
    rc = call(&t5, "count_stacks", NULL, &c, &err);
    ok(rc == 0 && json_integer_value(c) == 1, "count_stacks");
    json_decref(c);
    rc = hh_store_stack_soft_delete(st, term, id, &err);
    ok(rc == 0, "the stack deleted by another connection");
    rc = call(&t5, "count_stacks", NULL, &c, &err);
    ok(rc == 0 && json_integer_value(c) == 0, "count_stacks follows at once");
    json_decref(c);
    json_decref(b);
    rc = call(&t5, "list_stacks", NULL, &b, &err);
    ok(rc == 0 && json_array_size(b) == 0, "and so does list_stacks");
    hh_store_close(st);
    json_decref(a);
    json_decref(b);
    json_decref(other);
}

static void test_events_purge(void)
{
    char id[HH_STORE_ID_LEN], buf[64];
    json_t *res = NULL;
    hh_error err;
    size_t n = 0;

    /* max_events_per_stack 8, batch 4: 2 + 2 * 4 events reach the limit */
    if (!ok(create(&t2, "ev",
                   "heat_template_version: 2016-10-14\nresources:\n"
                   "  r1: {type: OS::Heat::None}\n  r2: {type: OS::Heat::None}\n"
                   "  r3: {type: OS::Heat::None}\n  r4: {type: OS::Heat::None}\n",
                   NULL, id, &err) == 0,
            "create a stack of 10 events"))
        diag("%s", err.message);
    for (int i = 0; i < 500; i++) {
        json_t *s = NULL;

        if (call(&t2, "show_stack",
                 json_pack("{s:{s:s, s:s, s:s, s:s}}", "stack_identity", "tenant", "tenant-2",
                           "stack_name", "ev", "stack_id", id, "path", ""),
                 &s, &err) == 0)
            snprintf(buf, sizeof(buf), "%s", jstr(json_array_get(s, 0), "stack_status"));
        json_decref(s);
        json_decref(res);
        res = NULL;
        call(&t2, "list_events",
             json_pack("{s:{s:s, s:s, s:s, s:s}}", "stack_identity", "tenant", "tenant-2",
                       "stack_name", "ev", "stack_id", id, "path", ""),
             &res, &err);
        n = json_array_size(res);
        if (strcmp(buf, "COMPLETE") == 0 && n < 8)
            break;
        usleep(10000);
    }
    ok(n > 0 && n < 8, "the oldest events were purged: %zu left", n);
    ok(n > 0 && strcmp(jstr(json_array_get(res, n - 1), "resource_status_reason"),
                       "Stack CREATE completed successfully") == 0,
       "the newest event is kept");
    json_decref(res);
}

static void test_roles(void)
{
    static const char *slow = "heat_template_version: 2016-10-14\nresources:\n"
                              "  w:\n    type: OS::Heat::TestResource\n"
                              "    properties: {value: v, wait_secs: 0.3}\n";
    char id[HH_STORE_ID_LEN], buf[64];
    hh_error err;
    int rc;

    rc = create(&t3, "slow", slow, NULL, id, &err);
    ok(rc == 0, "create a slow stack");
    ok(owner_cmd(CMD_DEACTIVATE) == 0, "demoted while it runs");
    rc = create(&t3, "refused", slow, NULL, buf, &err);
    fails_as(rc, &err, "ConcurrentTransaction", NULL, "a standby engine starts no action");
    {
        json_t *s = NULL;

        rc = call(&t3, "show_stack",
                  json_pack("{s:{s:s, s:s, s:s, s:s}}", "stack_identity", "tenant", "tenant-3",
                            "stack_name", "slow", "stack_id", id, "path", ""),
                  &s, &err);
        ok(rc == 0 && strcmp(jstr(json_array_get(s, 0), "stack_status"), "IN_PROGRESS") == 0,
           "a standby still answers reads; the stack is left IN_PROGRESS");
        json_decref(s);
    }
    ok(owner_cmd(CMD_ACTIVATE) == 0 && atomic_load(&resumed_count) >= 1,
       "promoted: the IN_PROGRESS stack is resumed");
    for (int i = 0; i < 1500; i++) {
        json_t *s = NULL;

        call(&t3, "show_stack",
             json_pack("{s:{s:s, s:s, s:s, s:s}}", "stack_identity", "tenant", "tenant-3",
                       "stack_name", "slow", "stack_id", id, "path", ""),
             &s, &err);
        snprintf(buf, sizeof(buf), "%s", jstr(json_array_get(s, 0), "stack_status") ?: "");
        json_decref(s);
        if (strcmp(buf, "IN_PROGRESS") != 0)
            break;
        usleep(10000);
    }
    is_str(buf, "COMPLETE", "the resumed create completes");
}

static json_t *ident2(const char *name, const char *id)
{
    return ident_in(&t2, name, id);
}

/* Wait (bounded) until stack name/id of tenant-2 is not IN_PROGRESS. */
static void wait2(const char *name, const char *id, char *buf, size_t len)
{
    wait_in(&t2, name, id, buf, len);
}

static void test_stack_ops(void)
{
    char id[HH_STORE_ID_LEN], id2[HH_STORE_ID_LEN], buf[64];
    json_t *res = NULL, *data = NULL, *snap = NULL;
    hh_error err;
    int rc;

    rc = create(&t2, "ops", tmpl_basic, NULL, id, &err);
    ok(rc == 0, "create ops");
    wait2("ops", id, buf, sizeof(buf));
    rc = call(&t2, "stack_snapshot",
              json_pack("{s:o, s:s}", "stack_identity", ident2("ops", id), "name", "snap1"), &snap,
              &err);
    ok(rc == 0 && strcmp(jstr(snap, "name"), "snap1") == 0, "stack_snapshot");
    wait2("ops", id, buf, sizeof(buf));
    is_str(buf, "SNAPSHOT_COMPLETE", "the snapshot action completes");
    rc = call(&t2, "stack_list_snapshots", json_pack("{s:o}", "stack_identity", ident2("ops", id)),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 1, "stack_list_snapshots");
    json_decref(res);
    rc = call(&t2, "show_snapshot",
              json_pack("{s:o, s:s}", "stack_identity", ident2("ops", id), "snapshot_id",
                        jstr(snap, "id")),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "status"), "COMPLETE") == 0 &&
           json_is_object(json_object_get(res, "data")),
       "show_snapshot: COMPLETE with its data");
    json_decref(res);
    rc = call(&t2, "stack_restore",
              json_pack("{s:o, s:s}", "stack_identity", ident2("ops", id), "snapshot_id",
                        jstr(snap, "id")),
              &res, &err);
    ok(rc == 0 && json_is_null(res), "stack_restore");
    json_decref(res);
    wait2("ops", id, buf, sizeof(buf));
    is_str(buf, "RESTORE_COMPLETE", "the restore completes");
    rc = call(&t1, "show_snapshot",
              json_pack("{s:o, s:s}", "stack_identity", ident2("ops", id), "snapshot_id",
                        jstr(snap, "id")),
              NULL, &err);
    fails_as(rc, &err, "EntityNotFound", NULL, "another tenant's snapshot");
    rc = call(&t2, "delete_snapshot",
              json_pack("{s:o, s:s}", "stack_identity", ident2("ops", id), "snapshot_id",
                        jstr(snap, "id")),
              NULL, &err);
    ok(rc == 0, "delete_snapshot");
    json_decref(snap);

    rc = call(&t2, "export_stack", json_pack("{s:o}", "stack_identity", ident2("ops", id)), &data,
              &err);
    ok(rc == 0 && json_object_get(json_object_get(data, "resources"), "a") != NULL,
       "export_stack gives the abandon data");
    json_decref(data);
    rc = call(&t2, "abandon_stack", json_pack("{s:o}", "stack_identity", ident2("ops", id)), &data,
              &err);
    ok(rc == 0 && strcmp(jstr(data, "name"), "ops") == 0, "abandon_stack");
    rc = call(&t2, "show_stack", json_pack("{s:o}", "stack_identity", ident2("ops", id)), &res,
              &err);
    ok(rc == 0 && strcmp(jstr(json_array_get(res, 0), "stack_status"), "COMPLETE") == 0 &&
           strcmp(jstr(json_array_get(res, 0), "stack_action"), "DELETE") == 0,
       "the abandoned stack is deleted");
    json_decref(res);
    rc =
        create(&t2, "adopted", tmpl_basic, json_pack("{s:O}", "adopt_stack_data", data), id2, &err);
    if (!ok(rc == 0, "create_stack with adopt_stack_data"))
        diag("%s", err.message);
    wait2("adopted", id2, buf, sizeof(buf));
    is_str(buf, "ADOPT_COMPLETE", "the adopt completes");
    json_decref(data);
}

/* Wait (bounded) until stack name/id of ctx is not IN_PROGRESS: its
 * ACTION_STATUS into buf. */
static const char *wait3(const char *name, const char *id, char *buf, size_t len)
{
    return wait_in(&t3, name, id, buf, len);
}

static json_t *ident3(const char *name, const char *id)
{
    return ident_in(&t3, name, id);
}

static void test_actions(void)
{
    static const char *grown = "heat_template_version: 2016-10-14\n"
                               "parameters:\n"
                               "  greeting: {type: string, default: hello}\n"
                               "resources:\n"
                               "  a: {type: OS::Heat::None}\n"
                               "  b:\n"
                               "    type: OS::Heat::Value\n"
                               "    properties: {value: {get_param: greeting}}\n"
                               "  c: {type: OS::Heat::None}\n"
                               "outputs:\n"
                               "  out_b: {value: {get_attr: [b, value]}}\n";
    char id[HH_STORE_ID_LEN], buf[64];
    json_t *res = NULL;
    hh_error err;
    int rc;

    rc = create(&t3, "act", tmpl_basic, NULL, id, &err);
    ok(rc == 0, "create act");
    is_str(wait3("act", id, buf, sizeof(buf)), "CREATE_COMPLETE", "created");
    rc = call(&t3, "update_stack",
              json_pack("{s:o, s:o, s:{}, s:{}, s:{}}", "stack_identity", ident3("act", id),
                        "template", doc(grown), "params", "files", "args"),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "stack_id"), id) == 0,
       "update_stack (PUT) answers the identity");
    json_decref(res);
    is_str(wait3("act", id, buf, sizeof(buf)), "UPDATE_COMPLETE", "updated");
    rc = call(&t3, "list_stack_resources", json_pack("{s:o}", "stack_identity", ident3("act", id)),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 3, "the new resource exists");
    json_decref(res);
    rc = call(&t3, "update_stack",
              json_pack("{s:o, s:n, s:{s:{s:s}}, s:{}, s:{s:b}}", "stack_identity",
                        ident3("act", id), "template", "params", "parameters", "greeting", "hi",
                        "files", "args", "existing", 1),
              NULL, &err);
    ok(rc == 0, "update_stack (PATCH) of a parameter only");
    is_str(wait3("act", id, buf, sizeof(buf)), "UPDATE_COMPLETE", "updated again");
    rc = call(&t3, "show_output",
              json_pack("{s:o, s:s}", "stack_identity", ident3("act", id), "output_key", "out_b"),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "output_value"), "hi") == 0, "the output follows the patch");
    json_decref(res);

    rc = call(&t3, "stack_suspend", json_pack("{s:o}", "stack_identity", ident3("act", id)), NULL,
              &err);
    ok(rc == 0, "stack_suspend");
    is_str(wait3("act", id, buf, sizeof(buf)), "SUSPEND_COMPLETE", "suspended");
    rc = call(&t3, "stack_resume", json_pack("{s:o}", "stack_identity", ident3("act", id)), NULL,
              &err);
    ok(rc == 0, "stack_resume");
    is_str(wait3("act", id, buf, sizeof(buf)), "RESUME_COMPLETE", "resumed");
    rc = call(&t3, "stack_check", json_pack("{s:o}", "stack_identity", ident3("act", id)), NULL,
              &err);
    ok(rc == 0, "stack_check");
    is_str(wait3("act", id, buf, sizeof(buf)), "CHECK_COMPLETE", "checked");
    rc = call(&t3, "stack_cancel_update", json_pack("{s:o}", "stack_identity", ident3("act", id)),
              NULL, &err);
    fails_as(rc, &err, "NotSupported",
             "Cancelling update when stack is CHECK_COMPLETE is not supported.",
             "cancel_update when no update runs");
}

static void test_software(void)
{
    json_t *res = NULL, *sc = NULL, *sd = NULL;
    char cid[HH_STORE_ID_LEN], did[HH_STORE_ID_LEN];
    hh_error err;
    int rc;

    rc = call(&t3, "create_software_config",
              json_pack("{s:s, s:s, s:s, s:[{s:s}], s:[{s:s}]}", "group", "script", "name", "cfg",
                        "config", "echo hi", "inputs", "name", "in1", "outputs", "name", "result"),
              &sc, &err);
    ok(rc == 0 && strcmp(jstr(sc, "group"), "script") == 0 &&
           strcmp(jstr(sc, "config"), "echo hi") == 0 &&
           json_is_object(json_object_get(sc, "options")),
       "create_software_config");
    snprintf(cid, sizeof(cid), "%s", rc == 0 ? jstr(sc, "id") : "");
    json_decref(sc);
    rc = call(&t3, "show_software_config", json_pack("{s:s}", "config_id", cid), &res, &err);
    ok(rc == 0 && json_array_size(json_object_get(res, "inputs")) == 1, "show_software_config");
    json_decref(res);
    rc = call(&t1, "show_software_config", json_pack("{s:s}", "config_id", cid), NULL, &err);
    fails_as(rc, &err, "NotFound", NULL, "another project's config");
    rc = call(&t3, "list_software_configs", NULL, &res, &err);
    ok(rc == 0 && json_array_size(res) == 1 &&
           json_object_get(json_array_get(res, 0), "config") == NULL,
       "list_software_configs: summaries");
    json_decref(res);

    rc = call(&t3, "create_software_deployment",
              json_pack("{s:s, s:s, s:{s:s}, s:s, s:s}", "server_id", "srv1", "config_id", cid,
                        "input_values", "in1", "v", "action", "CREATE", "status", "IN_PROGRESS"),
              &sd, &err);
    ok(rc == 0 && strcmp(jstr(sd, "status"), "IN_PROGRESS") == 0 &&
           strcmp(jstr(sd, "config_id"), cid) == 0,
       "create_software_deployment");
    snprintf(did, sizeof(did), "%s", rc == 0 ? jstr(sd, "id") : "");
    json_decref(sd);
    rc =
        call(&t3, "list_software_deployments", json_pack("{s:s}", "server_id", "srv1"), &res, &err);
    ok(rc == 0 && json_array_size(res) == 1, "list_software_deployments of a server");
    json_decref(res);
    rc = call(&t3, "metadata_software_deployments", json_pack("{s:s}", "server_id", "srv1"), &res,
              &err);
    ok(rc == 0 && json_array_size(res) == 1 &&
           strcmp(jstr(json_array_get(res, 0), "name"), "cfg") == 0,
       "metadata_software_deployments: the server's configs");
    json_decref(res);
    rc = call(&t3, "delete_software_config", json_pack("{s:s}", "config_id", cid), NULL, &err);
    ok(rc != 0, "a config in use cannot be deleted");
    rc = call(&t3, "signal_software_deployment",
              json_pack("{s:s, s:{s:i, s:s}}", "deployment_id", did, "details",
                        "deploy_status_code", 0, "result", "ok"),
              &res, &err);
    ok(rc == 0 && json_is_string(res) && strstr(json_string_value(res), "succeeded") != NULL,
       "signal_software_deployment answers the event reason");
    json_decref(res);
    rc = call(&t3, "check_software_deployment",
              json_pack("{s:s, s:i}", "deployment_id", did, "timeout", 1), &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "status"), "COMPLETE") == 0 &&
           strcmp(jstr(res, "status_reason"), "Outputs received") == 0 &&
           strcmp(jstr(json_object_get(res, "output_values"), "result"), "ok") == 0,
       "the deployment took the outputs: COMPLETE");
    json_decref(res);
    rc = call(&t3, "update_software_deployment",
              json_pack("{s:s, s:s, s:s}", "deployment_id", did, "status", "IN_PROGRESS",
                        "status_reason", "again"),
              &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "status_reason"), "again") == 0, "update_software_deployment");
    json_decref(res);
    rc = call(&t3, "signal_software_deployment",
              json_pack("{s:s, s:{s:i}}", "deployment_id", did, "details", "deploy_status_code", 2),
              &res, &err);
    ok(rc == 0 && strstr(json_string_value(res), "failed (2)") != NULL, "a failing signal");
    json_decref(res);
    rc =
        call(&t3, "show_software_deployment", json_pack("{s:s}", "deployment_id", did), &res, &err);
    is_str(jstr(res, "status_reason"),
           "deploy_status_code : Deployment exited with non-zero status code: 2",
           "its status reason");
    json_decref(res);
    rc = call(&t3, "delete_software_deployment", json_pack("{s:s}", "deployment_id", did), NULL,
              &err);
    ok(rc == 0, "delete_software_deployment");
    rc = call(&t3, "delete_software_config", json_pack("{s:s}", "config_id", cid), NULL, &err);
    ok(rc == 0, "delete_software_config");
    rc = call(&t3, "show_software_config", json_pack("{s:s}", "config_id", cid), NULL, &err);
    fails_as(rc, &err, "NotFound", NULL, "the config is gone");
}

/* The number of stacks list_stacks of tenant-4 answers with filters
 * (stolen) added to its args; -1 on an error. */
static long listed4(json_t *filters)
{
    json_t *res = NULL;
    hh_error err;
    long n = -1;

    if (call(&t4, "list_stacks", filters, &res, &err) == 0)
        n = (long)json_array_size(res);
    else
        diag("list_stacks: %s", err.message);
    json_decref(res);
    return n;
}

/* Stack lifecycle through the engine API: tags at create and update and
 * the list filters over them, updated_time (None until an action other
 * than a create), timeout_mins None by default, events of nested stacks
 * (nested_depth, sort keys and directions across the tree), the
 * resource type listing with descriptions and a support status, and a
 * CFN template generated for a type. */
static void test_lifecycle(void)
{
    static const char *parent = "heat_template_version: 2016-10-14\n"
                                "resources:\n"
                                "  inner: {type: inner.yaml}\n"
                                "  outer: {type: OS::Heat::None}\n";
    char id[HH_STORE_ID_LEN], nid[HH_STORE_ID_LEN], buf[64];
    json_t *res = NULL, *s, *ev;
    const char *prev = "";
    size_t i, inner_events = 0;
    bool sorted = true;
    hh_error err;
    int rc;

    rc = create(&t4, "lc", tmpl_basic, json_pack("{s:[s,s]}", "tags", "alpha", "beta"), id, &err);
    ok(rc == 0, "create with tags");
    is_str(wait_in(&t4, "lc", id, buf, sizeof(buf)), "CREATE_COMPLETE", "created");
    s = show(&t4, "lc", id);
    ok(s != NULL && json_is_null(json_object_get(s, "updated_time")),
       "updated_time None for a stack only created (Heat 19's show)");
    ok(s != NULL && json_is_null(json_object_get(s, "timeout_mins")),
       "timeout_mins None: the engine's stack_action_timeout applies");
    json_decref(s);
    rc = call(&t4, "list_stacks", NULL, &res, &err);
    ok(rc == 0 && json_is_null(json_object_get(json_array_get(res, 0), "updated_time")),
       "updated_time None in the listing");
    json_decref(res);
    is_int(listed4(json_pack("{s:s}", "tags", "alpha,beta")), 1, "tags: all of them");
    is_int(listed4(json_pack("{s:s}", "tags", "alpha,zeta")), 0, "tags: not all of them");
    is_int(listed4(json_pack("{s:s}", "tags_any", "zeta,beta")), 1, "tags_any: one of them");
    is_int(listed4(json_pack("{s:s}", "tags_any", "zeta")), 0, "tags_any: none of them");
    is_int(listed4(json_pack("{s:s}", "not_tags", "alpha,beta")), 0, "not_tags: has all of them");
    is_int(listed4(json_pack("{s:s}", "not_tags", "alpha,zeta")), 1,
           "not_tags: has not all of them");
    is_int(listed4(json_pack("{s:s}", "not_tags_any", "zeta")), 1, "not_tags_any: none of them");

    rc = call(&t4, "update_stack",
              json_pack("{s:o, s:n, s:{}, s:{}, s:{s:b, s:[s]}}", "stack_identity",
                        ident_in(&t4, "lc", id), "template", "params", "files", "args", "existing",
                        1, "tags", "gamma"),
              NULL, &err);
    ok(rc == 0, "update (PATCH) with new tags");
    is_str(wait_in(&t4, "lc", id, buf, sizeof(buf)), "UPDATE_COMPLETE", "updated");
    s = show(&t4, "lc", id);
    ok(s != NULL && json_is_string(json_object_get(s, "updated_time")),
       "updated_time set by the update");
    ok(s != NULL && json_array_size(json_object_get(s, "tags")) == 1 &&
           strcmp(json_string_value(json_array_get(json_object_get(s, "tags"), 0)), "gamma") == 0,
       "the update's tags");
    json_decref(s);
    is_int(listed4(json_pack("{s:s}", "tags", "gamma")), 1, "the new tag lists it");
    is_int(listed4(json_pack("{s:s}", "tags_any", "alpha")), 0, "the old tags are gone");

    /* events of a stack with a nested one */
    rc = call(&t4, "create_stack",
              json_pack("{s:s, s:o, s:{}, s:{s:s}, s:{}}", "stack_name", "lcn", "template",
                        doc(parent), "params", "files", "inner.yaml",
                        "heat_template_version: 2016-10-14\n"
                        "resources:\n"
                        "  leaf: {type: OS::Heat::None}\n",
                        "args"),
              &res, &err);
    ok(rc == 0, "create with a template resource");
    if (rc == 0)
        snprintf(nid, sizeof(nid), "%s", jstr(res, "stack_id"));
    json_decref(res);
    is_str(wait_in(&t4, "lcn", nid, buf, sizeof(buf)), "CREATE_COMPLETE", "created");
    rc = call(&t4, "list_events", json_pack("{s:o}", "stack_identity", ident_in(&t4, "lcn", nid)),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 6, "the stack's own events: 2 + 2 per resource");
    json_decref(res);
    rc = call(&t4, "list_events",
              json_pack("{s:o, s:i, s:[s], s:s}", "stack_identity", ident_in(&t4, "lcn", nid),
                        "nested_depth", 1, "sort_keys", "resource_name", "sort_dir", "desc"),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 10, "nested_depth 1 adds the child's 4 events");
    json_array_foreach(res, i, ev)
    {
        const char *name = jstr(ev, "resource_name");

        inner_events += strcmp(name, "leaf") == 0;
        if (i > 0 && strcmp(prev, name) < 0)
            sorted = false;
        prev = name;
    }
    is_int((long)inner_events, 2, "the child's resource's events");
    ok(sorted, "sorted by resource_name, descending, across the stacks");
    json_decref(res);
    rc = call(&t4, "list_events",
              json_pack("{s:o, s:i, s:i, s:{s:s}}", "stack_identity", ident_in(&t4, "lcn", nid),
                        "nested_depth", 1, "limit", 1, "filters", "resource_name", "leaf"),
              &res, &err);
    ok(rc == 0 && json_array_size(res) == 1 &&
           strcmp(jstr(json_array_get(res, 0), "resource_name"), "leaf") == 0,
       "nested events filtered and limited");
    json_decref(res);

    /* resource types and generated templates */
    rc = call(&t4, "list_resource_types",
              json_pack("{s:b, s:s}", "with_description", 1, "support_status", "SUPPORTED"), &res,
              &err);
    ok(rc == 0 && json_array_size(res) > 5 &&
           json_is_string(json_object_get(json_array_get(res, 0), "resource_type")) &&
           json_is_string(json_object_get(json_array_get(res, 0), "description")),
       "list_resource_types with_description and a support_status");
    json_decref(res);
    rc =
        call(&t4, "generate_template",
             json_pack("{s:s, s:s}", "type_name", "OS::Heat::RandomString", "template_type", "cfn"),
             &res, &err);
    ok(rc == 0 && strcmp(jstr(res, "HeatTemplateFormatVersion"), "2012-12-12") == 0 &&
           json_is_object(json_object_get(res, "Parameters")) &&
           json_is_object(json_object_get(json_object_get(res, "Resources"), "RandomString")),
       "generate_template cfn");
    json_decref(res);
}

static void *client(void *arg)
{
    (void)arg;
    test_info();
    test_stack_reads();
    test_lists_and_limits();
    test_kept_answers();
    test_events_purge();
    test_stack_ops();
    test_roles();
    test_actions();
    test_software();
    test_lifecycle();
    atomic_store(&cmd, CMD_QUIT);
    return NULL;
}

static int64_t new_term(void)
{
    hh_store *st = NULL;
    int64_t term = 0;

    if (hh_store_open(url, &st, NULL) == 0)
        hh_store_term_acquire(st, "test", &term, NULL);
    hh_store_close(st);
    return term;
}

int main(void)
{
    hh_conf *conf = hh_conf_new();
    hh_service_opts so = {.conf = conf, .poll_secs = 0.01, .error_wait_secs = 0.05};
    hh_service *svc = NULL;
    hh_store *st = NULL;
    hh_store_service_spec spec = {.engine_id = "e1",
                                  .host = "h",
                                  .hostname = "h",
                                  .binary = "heat-engine",
                                  .topic = "engine",
                                  .report_interval = 60};
    pthread_t th;
    hh_error err;
    int resumed = 0;
    char cmdline[600];

    plan_lazy();
    t1 = ctx_of("tenant-1", false);
    t2 = ctx_of("tenant-2", false);
    t3 = ctx_of("tenant-3", false);
    t4 = ctx_of("tenant-4", false);
    adm = ctx_of("admin", true);
    snprintf(dir, sizeof(dir), "/tmp/test_service.XXXXXX");
    if (mkdtemp(dir) == NULL)
        return 99;
    snprintf(url, sizeof(url), "sqlite:///%s/heat.db", dir);
    {
        /* or a database of its own on HH_TEST_DB_URL's server */
        char *u = hh_test_db_new("test_service", url);

        if (u == NULL)
            return 99;
        snprintf(url, sizeof(url), "%s", u);
        free(u);
    }
    if (hh_store_open(url, &st, &err) != 0 || hh_store_db_sync(st, -1, &err) != 0 ||
        hh_store_service_create(st, &spec, NULL, &err) != 0) {
        diag("store: %s", err.message);
        return 99;
    }
    hh_store_close(st);
    hh_opts_register_engine(conf);
    hh_conf_set(conf, "database", "connection", url, NULL);
    hh_conf_set(conf, "DEFAULT", "num_engine_workers", "2", NULL);
    hh_conf_set(conf, "DEFAULT", "max_stacks_per_tenant", "3", NULL);
    hh_conf_set(conf, "DEFAULT", "max_resources_per_stack", "5", NULL);
    hh_conf_set(conf, "DEFAULT", "max_events_per_stack", "8", NULL);
    hh_conf_set(conf, "DEFAULT", "event_purge_batch_size", "4", NULL);
    hh_conf_set(conf, "DEFAULT", "enable_stack_abandon", "true", NULL);
    hh_conf_set(conf, "DEFAULT", "enable_stack_adopt", "true", NULL);
    rpc = hh_rpc_new("inproc", conf, &err);
    ok(rpc != NULL, "inproc transport");
    ok(hh_service_new(&so, &svc, &err) == 0, "service on the store");
    ok(hh_service_activate(svc, new_term(), &resumed, &err) == 0 && resumed == 0,
       "activated: nothing to resume");
    ok(hh_service_serve(svc, rpc, &err) == 0, "serving the engine topic");

    pthread_create(&th, NULL, client, NULL);
    /* the owner's loop */
    for (;;) {
        int c = atomic_load(&cmd);

        if (c == CMD_QUIT)
            break;
        if (c == CMD_DEACTIVATE)
            hh_service_deactivate(svc);
        if (c == CMD_ACTIVATE) {
            resumed = 0;
            if (hh_service_activate(svc, new_term(), &resumed, &err) != 0)
                diag("activate: %s", err.message);
            atomic_store(&resumed_count, resumed);
        }
        if (c != CMD_NONE)
            atomic_store(&cmd, CMD_NONE);
        hh_service_run(svc, 20);
    }
    pthread_join(th, NULL);
    hh_service_free(svc);
    hh_rpc_free(rpc);
    hh_conf_free(conf);
    snprintf(cmdline, sizeof(cmdline), "rm -rf '%s'", dir);
    if (system(cmdline) != 0)
        diag("could not remove %s", dir);
    return done_testing();
}
