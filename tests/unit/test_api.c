/* Request-level tests of heat-api (api/): every v1 route, Heat's error
 * bodies and status map, redirects, limits, version negotiation and the
 * health check, against the server on 127.0.0.1 (a free port) with a fake
 * engine behind the in-process RPC transport that records what it was
 * asked and answers in Heat's engine API format. */
#include "config.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api_server.h"
#include "http_client.h"
#include "hh_conf.h"
#include "hh_opts.h"
#include "rpc.h"
#include "tap.h"

/* ---- the fake engine ---- */

#define ID(name, id, path)                                                                         \
    "{\"tenant\": \"t1\", \"stack_name\": \"" name "\", \"stack_id\": \"" id                       \
    "\", \"path\": \"" path "\"}"
#define STACK                                                                                      \
    "{\"stack_identity\": " ID(                                                                    \
        "s1", "id-1",                                                                              \
        "") ", \"updated_time\": null, "                                                           \
            "\"stack_user_project_id\": \"t1\", \"deletion_time\": null, \"stack_owner\": "        \
            "\"admin\", "                                                                          \
            "\"stack_status_reason\": \"Stack CREATE completed successfully\", "                   \
            "\"creation_time\": \"2026-01-01T00:00:00Z\", \"notification_topics\": [], "           \
            "\"description\": \"d\", \"template_description\": \"d\", \"stack_action\": "          \
            "\"CREATE\", "                                                                         \
            "\"stack_status\": \"COMPLETE\", \"parameters\": {\"p\": \"v\"}, \"outputs\": "        \
            "[{\"output_key\": \"o\", \"output_value\": 1, \"description\": \"x\"}], "             \
            "\"capabilities\": [], \"disable_rollback\": true, \"timeout_mins\": null, "           \
            "\"parent\": null, "                                                                   \
            "\"tags\": null, \"stack_name\": \"s1\"}"
#define RESOURCE                                                                                   \
    "{\"resource_identity\": " ID(                                                                 \
        "s1", "id-1",                                                                              \
        "/resources/r 1") ", \"description\": \"\", "                                              \
                          "\"resource_name\": \"r 1\", \"physical_resource_id\": \"p1\", "         \
                          "\"stack_identity\": " ID(                                               \
                              "s1", "id-1",                                                        \
                              "") ", \"stack_name\": \"s1\", "                                     \
                                  "\"resource_action\": \"CREATE\", \"resource_status\": "         \
                                  "\"COMPLETE\", "                                                 \
                                  "\"resource_status_reason\": \"state changed\", "                \
                                  "\"resource_type\": \"OS::Heat::Stack\", "                       \
                                  "\"creation_time\": \"2026-01-01T00:00:00Z\", "                  \
                                  "\"updated_time\": null, \"required_by\": [], "                  \
                                  "\"metadata\": {\"m\": 1}, \"nested_stack_id\": " ID(            \
                                      "s1-child", "id-2",                                          \
                                      "") ", "                                                     \
                                          "\"parent_resource\": null, \"attributes\": {}}"
#define EVENT                                                                                      \
    "{\"event_identity\": " ID(                                                                    \
        "s1", "id-1",                                                                              \
        "/resources/r1/events/ev-1") ", "                                                          \
                                     "\"stack_identity\": " ID(                                    \
                                         "s1", "id-1",                                             \
                                         "") ", \"stack_name\": \"s1\", "                          \
                                             "\"event_time\": \"2026-01-01T00:00:00Z\", "          \
                                             "\"resource_name\": \"r1\", "                         \
                                             "\"physical_resource_id\": \"p1\", "                  \
                                             "\"resource_action\": \"CREATE\", "                   \
                                             "\"resource_status\": \"COMPLETE\", "                 \
                                             "\"resource_status_reason\": \"state changed\", "     \
                                             "\"resource_type\": \"OS::Heat::None\", "             \
                                             "\"resource_properties\": {\"a\": 1}}"

static const struct {
    const char *method;
    const char *result;
} canned[] = {
    {"list_stacks", "[" STACK "," STACK "]"},
    {"count_stacks", "7"},
    {"show_stack", "[" STACK "]"},
    {"preview_stack", STACK},
    {"create_stack", ID("s1", "id-1", "")},
    {"identify_stack", ID("s1", "id-1", "")},
    {"update_stack", ID("s1", "id-1", "")},
    {"preview_update_stack", "{\"unchanged\": [], \"updated\": []}"},
    {"delete_stack", "null"},
    {"abandon_stack", "{\"name\": \"s1\", \"resources\": {}}"},
    {"export_stack", "{\"name\": \"s1\", \"exported\": true}"},
    {"get_template", "{\"heat_template_version\": \"2018-08-31\"}"},
    {"get_environment", "{\"parameters\": {\"p\": \"v\"}}"},
    {"get_files", "{\"f.yaml\": \"x\"}"},
    {"stack_snapshot", "{\"id\": \"snap-1\", \"name\": \"n\"}"},
    {"show_snapshot", "{\"id\": \"snap-1\"}"},
    {"delete_snapshot", "null"},
    {"stack_list_snapshots", "[{\"id\": \"snap-1\"}]"},
    {"stack_restore", "null"},
    {"list_outputs", "[{\"output_key\": \"o\", \"description\": \"x\"}]"},
    {"show_output", "{\"output_key\": \"o\", \"output_value\": 1}"},
    {"list_stack_resources", "[" RESOURCE "]"},
    {"describe_stack_resource", RESOURCE},
    {"resource_signal", "null"},
    {"resource_mark_unhealthy", "null"},
    {"list_events", "[" EVENT "]"},
    {"stack_suspend", "null"},
    {"stack_resume", "null"},
    {"stack_check", "null"},
    {"stack_cancel_update", "null"},
    {"validate_template", "{\"Description\": \"d\", \"Parameters\": {}}"},
    {"list_resource_types", "[\"OS::Heat::None\"]"},
    {"resource_schema", "{\"resource_type\": \"OS::Heat::None\"}"},
    {"generate_template", "{\"HeatTemplateFormatVersion\": \"2012-12-12\"}"},
    {"list_template_versions", "[{\"version\": \"heat_template_version.2018-08-31\"}]"},
    {"list_template_functions", "[{\"functions\": \"get_param\"}]"},
    {"get_revision", "\"19.0.0\""},
    {"list_services", "[{\"binary\": \"heat-engine\"}]"},
    {"list_software_configs", "[{\"id\": \"c1\"}]"},
    {"show_software_config", "{\"id\": \"c1\"}"},
    {"create_software_config", "{\"id\": \"c1\"}"},
    {"delete_software_config", "null"},
    {"list_software_deployments", "[{\"id\": \"d1\"}]"},
    {"metadata_software_deployments", "[{\"id\": \"d1\"}]"},
    {"show_software_deployment", "{\"id\": \"d1\"}"},
    {"create_software_deployment", "{\"id\": \"d1\"}"},
    {"update_software_deployment", "{\"id\": \"d1\"}"},
    {"delete_software_deployment", "null"},
};

static struct {
    pthread_mutex_t lock;
    char method[64];
    json_t *args;
    char tenant[256];
    char request_id[256];
    int calls;
    const char *fail_type; /* next call fails with this class */
    const char *override;  /* next call answers this JSON */
} eng = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int fake_engine(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    const char *fail, *over;

    (void)arg;
    pthread_mutex_lock(&eng.lock);
    snprintf(eng.method, sizeof(eng.method), "%s", req->method);
    json_decref(eng.args);
    eng.args = json_deep_copy(req->args);
    snprintf(eng.tenant, sizeof(eng.tenant), "%s", req->ctx.tenant);
    snprintf(eng.request_id, sizeof(eng.request_id), "%s", req->ctx.request_id);
    eng.calls++;
    fail = eng.fail_type;
    over = eng.override;
    eng.fail_type = NULL;
    eng.override = NULL;
    pthread_mutex_unlock(&eng.lock);
    if (fail != NULL)
        return hh_error_set(err, hh_rpc_rc_for_type(fail), hh_rpc_type_known(fail),
                            "The thing (x) failed.");
    if (strcmp(req->method, "identify_stack") == 0 &&
        strcmp(json_string_value(json_object_get(req->args, "stack_name")), "missing") == 0)
        return hh_error_set(err, HH_ENOTFOUND, "EntityNotFound",
                            "The Stack (missing) could not be found.");
    if (over != NULL) {
        *result = json_loads(over, JSON_DECODE_ANY, NULL);
        return 0;
    }
    for (size_t i = 0; i < sizeof(canned) / sizeof(canned[0]); i++)
        if (strcmp(canned[i].method, req->method) == 0) {
            *result = json_loads(canned[i].result, JSON_DECODE_ANY, NULL);
            return 0;
        }
    return hh_error_set(err, HH_EUNSUPPORTED, "NoSuchMethod", "no canned reply for %s",
                        req->method);
}

/* The last call's method and an argument (borrowed until the next call). */
static const char *last_method(void)
{
    return eng.method;
}

static json_t *last_arg(const char *name)
{
    return json_object_get(eng.args, name);
}

static void engine_reset(void)
{
    pthread_mutex_lock(&eng.lock);
    eng.method[0] = '\0';
    json_decref(eng.args);
    eng.args = NULL;
    eng.calls = 0;
    pthread_mutex_unlock(&eng.lock);
}

/* ---- the HTTP client ---- */

static int port;
typedef http_resp resp;
#define call http_call
#define jstr jpath_str
#define jget jpath

/* Heat's error body of status with type (and message when not NULL). */
static void is_fault(const resp *r, long status, const char *type, const char *message,
                     const char *what)
{
    if (!ok(http_is_fault(r, status, type, message), "%s: %ld %s", what, status, type))
        diag("got %ld %s", r->status, r->body);
}

#define BASE "http://127.0.0.1:%d/v1/t1"
static char base[128];

static void test_versions_and_health(hh_rpc *rpc)
{
    resp *r;
    char want[256];
    const char *fwd[] = {"X-Forwarded-Proto: https", "X-Forwarded-Host: heat.example.com", NULL};
    hh_error err;

    r = call("GET", "/", NULL, NULL);
    snprintf(want, sizeof(want), "http://127.0.0.1:%d/v1/", port);
    is_int(r->status, 300, "GET / is 300");
    is_str(jstr(r->json, "versions.0.links.0.href"), want, "version document links /v1/");
    is_str(jstr(r->json, "versions.0.id"), "v1.0", "version id v1.0");
    ok(strncmp(r->request_id, "req-", 4) == 0 && strlen(r->request_id) == 40,
       "x-openstack-request-id is req-<uuid>: %s", r->request_id);
    r = call("GET", "/", NULL, fwd);
    is_str(jstr(r->json, "versions.0.links.0.href"), "https://heat.example.com/v1/",
           "the version link honours X-Forwarded-Proto and X-Forwarded-Host");
    is_int(call("GET", "/v2/t1/stacks", NULL, NULL)->status, 300, "an unknown version is 300");
    r = call("GET", "/v1", NULL, NULL);
    ok(r->status == 404 && strstr(r->body, "<h1>404 Not Found</h1>") != NULL &&
           strstr(r->ctype, "text/html") != NULL,
       "GET /v1 is webob's HTML 404");
    is_int(call("GET", "/nothing", NULL, NULL)->status, 404, "a path without version is 404");
    r = call("GET", "/healthcheck", NULL, NULL);
    ok(r->status == 200 && strcmp(r->body, "OK") == 0, "healthcheck 200 OK with an engine");
    hh_rpc_unserve(rpc, HH_RPC_ENGINE_TOPIC);
    r = call("GET", "/healthcheck", NULL, NULL);
    is_int(r->status, 503, "healthcheck 503 without an engine");
    r = call("GET", "/v1/t1/services", NULL, NULL);
    is_fault(r, 503, "HTTPServiceUnavailable", "All heat engines are down.",
             "service-list without an engine");
    hh_error_clear(&err);
    hh_rpc_serve(rpc, HH_RPC_ENGINE_TOPIC, fake_engine, NULL, &err);
}

static void test_router(void)
{
    resp *r;
    char path[256];
    const char *other[] = {"X-Project-Id: t2", NULL};

    r = call("OPTIONS", "/v1/t1/stacks", NULL, NULL);
    ok(r->status == 204 && strcmp(r->allow, "GET,POST") == 0, "OPTIONS 204 Allow GET,POST (%s)",
       r->allow);
    r = call("DELETE", "/v1/t1/stacks", NULL, NULL);
    ok(r->status == 405 && strcmp(r->allow, "GET,POST") == 0, "DELETE /stacks 405 with Allow");
    is_fault(r, 405, "HTTPMethodNotAllowed", NULL, "405 has Heat's body");
    r = call("HEAD", "/v1/t1/stacks/s1/id-1", NULL, NULL);
    ok(r->status == 405 && strcmp(r->allow, "GET,PUT,PATCH,DELETE") == 0,
       "HEAD on a stack: 405 Allow GET,PUT,PATCH,DELETE (%s)", r->allow);
    r = call("OPTIONS", "/v1/t1/stacks/s1/id-1/resources/r/events", NULL, NULL);
    ok(r->status == 204 && strcmp(r->allow, "GET") == 0, "OPTIONS on resource events: GET");
    is_int(call("GET", "/v1/t1/nothing", NULL, NULL)->status, 404, "an unknown route is 404");
    is_int(call("POST", "/v1/t1/services", "{}", NULL)->status, 404,
           "POST /services is 404 (no 405 there, as Heat)");
    r = call("GET", "/v1/t1/stacks", NULL, other);
    is_fault(r, 403, "HTTPForbidden", "Access was denied to this resource.",
             "a path tenant not the request's project");
    engine_reset();
    call("GET", "/v1/t1/stacks", NULL, NULL);
    is_str(eng.tenant, "t1", "the context's tenant is the path's");
    snprintf(path, sizeof(path), "/v1/t1/stacks?%s", "a=1");
    (void)path;
}

static void test_stack_list(void)
{
    resp *r;
    char want[512];

    engine_reset();
    r = call("GET",
             "/v1/t1/stacks?status=COMPLETE&status=FAILED&name=s1&sort_keys=stack_name"
             "&sort_keys=creation_time&show_nested=True&tags=a,b&bogus=1",
             NULL, NULL);
    is_int(r->status, 200, "stack-list 200");
    is_str(last_method(), "list_stacks", "stack-list calls list_stacks");
    ok(json_array_size(jget(last_arg("filters"), "status")) == 2 &&
           strcmp(jstr(last_arg("filters"), "name") ? jstr(last_arg("filters"), "name") : "",
                  "s1") == 0 &&
           json_object_size(last_arg("filters")) == 2,
       "filters: a repeated key is a list, unknown keys dropped");
    ok(json_is_true(last_arg("show_nested")), "show_nested=True is a boolean");
    ok(json_array_size(last_arg("sort_keys")) == 2, "sort_keys is multi-valued");
    ok(json_array_size(last_arg("tags")) == 2, "tags split on commas");
    is_str(jstr(r->json, "stacks.0.id"), "id-1", "stacks carry id");
    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1", port);
    is_str(jstr(r->json, "stacks.0.links.0.href"), want, "self link");
    is_str(jstr(r->json, "stacks.0.stack_status"), "CREATE_COMPLETE", "status joins the action");
    is_str(jstr(r->json, "stacks.0.project"), "t1", "project shown (noauth is admin)");
    ok(jget(r->json, "stacks.0.stack_action") == NULL &&
           jget(r->json, "stacks.0.outputs") == NULL &&
           jget(r->json, "stacks.0.parameters") == NULL,
       "list items have only basic keys");
    ok(jget(r->json, "links") == NULL && jget(r->json, "count") == NULL,
       "no next link without limit, no count without with_count");

    r = call("GET", "/v1/t1/stacks?limit=2&marker=old&with_count=true", NULL, NULL);
    is_str(last_method(), "count_stacks", "with_count calls count_stacks");
    is_int(json_integer_value(jget(r->json, "count")), 7, "count from the engine");
    snprintf(want, sizeof(want), BASE "/stacks?limit=2&with_count=true&marker=id-1", port);
    is_str(jstr(r->json, "links.0.href"), want, "next link with the last id as marker");
    is_str(jstr(r->json, "links.0.rel"), "next", "next link rel");

    r = call("GET", "/v1/t1/stacks?limit=abc", NULL, NULL);
    is_fault(r, 400, "HTTPBadRequest", "Only integer is acceptable by 'limit'.", "limit=abc");
    r = call("GET", "/v1/t1/stacks?limit=-1", NULL, NULL);
    is_fault(r, 400, "HTTPBadRequest",
             "Value '-1' is invalid for 'limit' which only accepts non-negative integer.",
             "limit=-1");
    r = call("GET", "/v1/t1/stacks?show_deleted=maybe", NULL, NULL);
    is_fault(r, 400, "HTTPBadRequest",
             "Unrecognized value \"maybe\" for \"show_deleted\", acceptable values are: true, "
             "false.",
             "show_deleted=maybe");

    r = call("GET", "/v1/t1/stacks/detail", NULL, NULL);
    ok(r->status == 200 && jget(r->json, "stacks.0.parameters") != NULL,
       "stacks/detail has every key");
}

static void test_stack_create(void)
{
    resp *r;
    char want[512];
    const json_t *params;

    engine_reset();
    r = call("POST", "/v1/t1/stacks",
             "{\"stack_name\": \"s1\", \"template\": {\"heat_template_version\": "
             "\"2018-08-31\"}, \"parameters\": {\"a\": \"b\"}, \"environment\": "
             "{\"parameters\": {\"a\": \"x\", \"c\": \"d\"}}, \"files\": {\"f\": \"x\"}, "
             "\"timeout_mins\": 5, \"disable_rollback\": true, \"tags\": \"t1,t2\"}",
             NULL);
    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1", port);
    is_int(r->status, 201, "create is 201");
    is_str(r->location, want, "Location is the self link");
    is_str(jstr(r->json, "stack.id"), "id-1", "body has the id");
    is_str(jstr(r->json, "stack.links.0.href"), want, "body has the self link");
    is_str(last_method(), "create_stack", "create calls create_stack");
    is_str(jstr(eng.args, "stack_name"), "s1", "stack_name sent");
    params = last_arg("params");
    is_str(jstr(params, "parameters.a"), "b", "parameters override the environment's");
    is_str(jstr(params, "parameters.c"), "d", "environment parameters kept");
    ok(json_is_object(jget(params, "resource_registry")) &&
           json_is_array(jget(params, "event_sinks")) &&
           json_is_object(jget(params, "parameter_defaults")),
       "missing environment sections filled in");
    is_int(json_integer_value(jget(last_arg("args"), "timeout_mins")), 5, "args: timeout_mins");
    ok(json_is_true(jget(last_arg("args"), "disable_rollback")), "args: disable_rollback");
    is_str(jstr(last_arg("args"), "tags.1"), "t2", "args: tags split");
    ok(jget(last_arg("args"), "parameters") == NULL && jget(last_arg("args"), "files") == NULL,
       "args hold only the other keys");
    is_str(jstr(last_arg("files"), "f"), "x", "files sent");

    r = call("POST", "/v1/t1/stacks",
             "{\"stack_name\": \"s1\", \"template\": \"heat_template_version: 2018-08-31\\n"
             "resources: {}\\n\"}",
             NULL);
    ok(r->status == 201 && json_is_object(last_arg("template")) &&
           strcmp(jstr(last_arg("template"), "heat_template_version"), "2018-08-31") == 0,
       "a YAML template text is parsed");
    r = call("POST", "/v1/t1/stacks", "{\"stack_name\": ", NULL);
    ok(r->status == 400 && strcmp(jstr(r->json, "error.type"), "HTTPBadRequest") == 0 &&
           jstr(r->json, "error.message") != NULL,
       "malformed JSON body: 400 HTTPBadRequest (%s)", jstr(r->json, "error.message"));
    r = call("POST", "/v1/t1/stacks", "{\"template\": {}}", NULL);
    is_fault(r, 400, "HTTPBadRequest", "No stack name specified", "no stack_name");
    r = call("POST", "/v1/t1/stacks", "{\"stack_name\": \"s\"}", NULL);
    is_fault(r, 400, "HTTPBadRequest", "No template specified", "no template");
    r = call("POST", "/v1/t1/stacks",
             "{\"stack_name\": \"s\", \"template\": {}, \"converge\": true}", NULL);
    is_fault(r, 400, "HTTPBadRequest",
             "converge flag only supported in stack update (or update preview) request.",
             "converge on create");
    r = call("POST", "/v1/t1/stacks", "{\"stack_name\": \"s\", \"template\": \"a: [\"}", NULL);
    ok(r->status == 400 &&
           strncmp(jstr(r->json, "error.message") ? jstr(r->json, "error.message") : "",
                   "Template not in valid format: ", 30) == 0,
       "a template text that is not YAML: 400");
    r = call("POST", "/v1/t1/stacks",
             "{\"stack_name\": \"s\", \"template\": {}, \"environment\": {\"bogus\": {}}}", NULL);
    ok(r->status == 400 && strstr(r->body, "Environment not in valid format") != NULL,
       "an environment with an unknown section: 400");
    {
        char body[512];

        snprintf(body, sizeof(body),
                 "{\"stack_name\": \"s1\", \"template_url\": "
                 "\"http://127.0.0.1:%d/v1/t1/stacks/s1/id-1/template\"}",
                 port);
        r = call("POST", "/v1/t1/stacks", body, NULL);
        ok(r->status == 201 && strcmp(last_method(), "create_stack") == 0 &&
               jstr(last_arg("template"), "heat_template_version") != NULL,
           "template_url: the template is fetched over HTTP");
        snprintf(body, sizeof(body),
                 "{\"stack_name\": \"s1\", \"template_url\": \"http://127.0.0.1:%d/nothing\"}",
                 port);
        r = call("POST", "/v1/t1/stacks", body, NULL);
        ok(http_is_fault(r, 400, "HTTPBadRequest", NULL) &&
               strncmp(jstr(r->json, "error.message"),
                       "Could not retrieve template: Failed to retrieve template from http://",
                       69) == 0,
           "template_url answering 404: 400 Could not retrieve template");
    }
    r = call("POST", "/v1/t1/stacks",
             "{\"stack_name\": \"s1\", \"template_url\": \"ftp://example.com/t.yaml\"}", NULL);
    is_fault(r, 400, "HTTPBadRequest", "Could not retrieve template: Invalid URL scheme ftp",
             "template_url with another scheme");
    r = call("POST", "/v1/t1/stacks", "[1]", NULL);
    is_fault(r, 400, "HTTPBadRequest", NULL, "a body that is not an object is no body");

    eng.fail_type = "StackExists";
    r = call("POST", "/v1/t1/stacks", "{\"stack_name\": \"s1\", \"template\": {}}", NULL);
    is_fault(r, 409, "StackExists", "The thing (x) failed.", "StackExists from the engine");
    eng.fail_type = "StackValidationFailed";
    r = call("POST", "/v1/t1/stacks", "{\"stack_name\": \"s1\", \"template\": {}}", NULL);
    is_fault(r, 400, "StackValidationFailed", "The thing (x) failed.", "StackValidationFailed");
    eng.fail_type = "MessagingTimeout";
    r = call("POST", "/v1/t1/stacks", "{\"stack_name\": \"s1\", \"template\": {}}", NULL);
    ok(r->status == 500 && jget(r->json, "error.message") == NULL,
       "MessagingTimeout: 500 without a message (not safe)");
    eng.fail_type = "ActionInProgress";
    is_int(call("DELETE", "/v1/t1/stacks/s1/id-1", NULL, NULL)->status, 409,
           "ActionInProgress is 409");
    eng.fail_type = "Error";
    is_int(call("DELETE", "/v1/t1/stacks/s1/id-1", NULL, NULL)->status, 500, "Error is 500");

    r = call("POST", "/v1/t1/stacks/preview", "{\"stack_name\": \"s1\", \"template\": {}}", NULL);
    ok(r->status == 200 && strcmp(last_method(), "preview_stack") == 0 &&
           strcmp(jstr(r->json, "stack.stack_status"), "CREATE_COMPLETE") == 0,
       "preview: preview_stack, formatted stack");
}

static void test_lookup_and_show(void)
{
    resp *r;
    char want[512];
    const char *fwd[] = {"X-Forwarded-Proto: https", "X-Forwarded-Host: vip:8004", NULL};

    r = call("GET", "/v1/t1/stacks/s1", NULL, NULL);
    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1", port);
    ok(r->status == 302 && strcmp(r->location, want) == 0, "lookup by name: 302 %s", r->location);
    ok(strstr(r->body, "The resource was found at") != NULL, "302 has webob's body");
    is_str(jstr(eng.args, "stack_name"), "s1", "identify_stack by name");
    r = call("GET", "/v1/t1/stacks/s1/resources?nested_depth=2&with_detail=true", NULL, fwd);
    is_str(r->location,
           "https://vip:8004/v1/t1/stacks/s1/id-1/resources?nested_depth=2&with_detail=true",
           "lookup with subpath and query, behind a proxy");
    r = call("DELETE", "/v1/t1/stacks/s1", NULL, NULL);
    ok(r->status == 302 && strcmp(r->location, want) == 0, "DELETE by name redirects too");
    r = call("POST", "/v1/t1/stacks/s1/actions", "{\"check\": null}", NULL);
    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1/actions", port);
    ok(r->status == 302 && strcmp(r->location, want) == 0, "POST actions by name redirects");
    engine_reset();
    r = call("GET", "/v1/t1/stacks/arn:openstack:heat::t1:stacks/s9/id-9", NULL, NULL);
    snprintf(want, sizeof(want), BASE "/stacks/s9/id-9", port);
    ok(r->status == 302 && strcmp(r->location, want) == 0 && eng.calls == 0,
       "lookup by ARN without the engine: %s", r->location);
    r = call("GET", "/v1/t1/stacks/missing", NULL, NULL);
    is_fault(r, 404, "EntityNotFound", "The Stack (missing) could not be found.",
             "lookup of a missing stack");

    r = call("GET", "/v1/t1/stacks/s1/id-1?resolve_outputs=False", NULL, NULL);
    ok(r->status == 200 && json_is_false(last_arg("resolve_outputs")),
       "show passes resolve_outputs=False");
    ok(jstr(last_arg("stack_identity"), "stack_id") != NULL &&
           strcmp(jstr(last_arg("stack_identity"), "stack_id"), "id-1") == 0 &&
           strcmp(jstr(last_arg("stack_identity"), "tenant"), "t1") == 0,
       "show sends Heat's identity");
    is_str(jstr(r->json, "stack.stack_status"), "CREATE_COMPLETE", "show joins the status");
    is_str(jstr(r->json, "stack.outputs.0.output_key"), "o", "show keeps outputs");
    ok(jget(r->json, "stack.project") == NULL && jget(r->json, "stack.stack_identity") == NULL,
       "show has no project and no identity");
    r = call("GET", "/v1/t1/stacks/s1/id-1?resolve_outputs=perhaps", NULL, NULL);
    is_int(r->status, 400, "resolve_outputs=perhaps is 400");
    eng.override = "[]";
    is_int(call("GET", "/v1/t1/stacks/s1/id-1", NULL, NULL)->status, 500,
           "an empty show_stack answer is 500");
}

/* What section 1.1/1.2 of Heat's API asks of every route beyond its own
 * answer: links and Location behind a proxy, the next link only on a full
 * page, a request id on every answer (redirects and faults too), the 302
 * for every method a name-only path takes. */
static void test_route_rules(void)
{
    resp *r;
    char want[512], first[64];
    const char *fwd[] = {"X-Forwarded-Proto: https", "X-Forwarded-Host: vip:8004", NULL};
    const char *create = "{\"stack_name\": \"s1\", \"template\": {\"heat_template_version\": "
                         "\"2018-08-31\"}}";
    static const char *const methods[] = {"PUT", "PATCH", "GET", "DELETE"};
    static const struct {
        const char *method, *path, *body;
        long status;
    } faults[] = {
        {"GET", "/v1", NULL, 404},
        {"GET", "/v1/t1/nothing", NULL, 404},
        {"DELETE", "/v1/t1/stacks", NULL, 405},
        {"GET", "/v1/t1/stacks?limit=abc", NULL, 400},
        {"POST", "/v1/t1/stacks", "{", 400},
        {"GET", "/v1/t1/stacks/missing", NULL, 404},
    };

    r = call("POST", "/v1/t1/stacks", create, fwd);
    is_int(r->status, 201, "create behind a proxy is 201");
    is_str(r->location, "https://vip:8004/v1/t1/stacks/s1/id-1",
           "201 Location honours X-Forwarded-Proto and X-Forwarded-Host");
    is_str(jstr(r->json, "stack.links.0.href"), "https://vip:8004/v1/t1/stacks/s1/id-1",
           "the created stack's self link too");

    r = call("GET", "/v1/t1/stacks?limit=2", NULL, fwd);
    is_str(jstr(r->json, "stacks.0.links.0.href"), "https://vip:8004/v1/t1/stacks/s1/id-1",
           "list self links behind a proxy");
    is_str(jstr(r->json, "links.0.href"), "https://vip:8004/v1/t1/stacks?limit=2&marker=id-1",
           "the next link behind a proxy");
    r = call("GET", "/v1/t1/stacks?limit=3", NULL, NULL);
    ok(r->status == 200 && json_array_size(jget(r->json, "stacks")) == 2 &&
           jget(r->json, "links") == NULL,
       "fewer stacks than the limit: no next link");
    r = call("GET", "/v1/t1/stacks?limit=0", NULL, NULL);
    ok(r->status == 200 && jget(r->json, "links") == NULL &&
           json_integer_value(last_arg("limit")) == 0,
       "limit=0 goes to the engine, no next link");
    r = call("GET", "/v1/t1/stacks?with_count=true", NULL, NULL);
    ok(json_integer_value(jget(r->json, "count")) == 7 && jget(r->json, "links") == NULL,
       "with_count alone: count, no links");
    r = call("GET", "/v1/t1/stacks?marker=m1&sort_dir=asc&sort_keys=stack_name", NULL, NULL);
    ok(json_is_string(last_arg("marker")) &&
           strcmp(json_string_value(last_arg("marker")), "m1") == 0 &&
           json_is_string(last_arg("sort_dir")) &&
           strcmp(json_string_value(last_arg("sort_dir")), "asc") == 0 &&
           json_array_size(last_arg("sort_keys")) == 1,
       "marker, sort_dir and sort_keys go to the engine");

    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1", port);
    for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
        r = call(methods[i], "/v1/t1/stacks/s1", i < 2 ? "{}" : NULL, NULL);
        ok(r->status == 302 && strcmp(r->location, want) == 0 && r->request_id[0] != '\0',
           "%s by name: 302 to the canonical path, with a request id", methods[i]);
    }
    r = call("GET", "/v1/t1/stacks/id-1", NULL, NULL);
    ok(r->status == 302 && strcmp(r->location, want) == 0, "lookup by id: 302 too");

    first[0] = '\0';
    for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
        r = call(faults[i].method, faults[i].path, faults[i].body, NULL);
        ok(r->status == faults[i].status && strncmp(r->request_id, "req-", 4) == 0 &&
               strcmp(r->request_id, first) != 0,
           "%s %s: %ld with its own x-openstack-request-id (%s)", faults[i].method, faults[i].path,
           faults[i].status, r->request_id);
        snprintf(first, sizeof(first), "%s", r->request_id);
    }
    r = call("OPTIONS", "/v1/t1/nothing", NULL, NULL);
    is_int(r->status, 404, "OPTIONS on no route is 404");
    r = call("OPTIONS", "/v1/t1/stacks/s1/id-1", NULL, NULL);
    ok(r->status == 204 && strcmp(r->allow, "GET,PUT,PATCH,DELETE") == 0 && r->len == 0,
       "OPTIONS on a stack: 204, empty, Allow GET,PUT,PATCH,DELETE");
}

static void test_stack_routes(void)
{
    resp *r;

    r = call("PUT", "/v1/t1/stacks/s1/id-1", "{\"template\": {}, \"parameters\": {\"a\": 1}}",
             NULL);
    ok(r->status == 202 && strcmp(last_method(), "update_stack") == 0 &&
           jget(last_arg("args"), "existing") == NULL,
       "PUT: 202 update_stack");
    r = call("PUT", "/v1/t1/stacks/s1/id-1", "{\"parameters\": {\"a\": 1}}", NULL);
    is_fault(r, 400, "HTTPBadRequest", "No template specified", "PUT without template");
    r = call("PATCH", "/v1/t1/stacks/s1/id-1", "{\"parameters\": {\"a\": 1}}", NULL);
    ok(r->status == 202 && json_is_true(jget(last_arg("args"), "existing")) &&
           json_is_null(last_arg("template")),
       "PATCH: existing=true, no template");
    r = call("PUT", "/v1/t1/stacks/s1/id-1/preview?show_nested=true", "{\"template\": {}}", NULL);
    ok(r->status == 200 && strcmp(last_method(), "preview_update_stack") == 0 &&
           jget(r->json, "resource_changes.updated") != NULL &&
           json_is_true(jget(last_arg("args"), "show_nested")),
       "preview update: resource_changes, show_nested in args");
    r = call("PATCH", "/v1/t1/stacks/s1/id-1/preview", "{}", NULL);
    ok(r->status == 200 && json_is_true(jget(last_arg("args"), "existing")), "preview PATCH");
    r = call("DELETE", "/v1/t1/stacks/s1/id-1", NULL, NULL);
    ok(r->status == 204 && r->len == 0 && strcmp(last_method(), "delete_stack") == 0,
       "DELETE: 204 delete_stack");
    r = call("DELETE", "/v1/t1/stacks/s1/id-1/abandon", NULL, NULL);
    ok(r->status == 200 && strcmp(jstr(r->json, "name"), "s1") == 0, "abandon returns the data");
    r = call("GET", "/v1/t1/stacks/s1/id-1/export", NULL, NULL);
    ok(r->status == 200 && json_is_true(jget(r->json, "exported")), "export");
    r = call("GET", "/v1/t1/stacks/s1/id-1/template", NULL, NULL);
    is_str(jstr(r->json, "heat_template_version"), "2018-08-31", "template as stored");
    r = call("GET", "/v1/t1/stacks/s1/id-1/environment", NULL, NULL);
    is_str(jstr(r->json, "parameters.p"), "v", "environment");
    r = call("GET", "/v1/t1/stacks/s1/id-1/files", NULL, NULL);
    is_str(json_string_value(json_object_get(r->json, "f.yaml")), "x", "files");
    r = call("POST", "/v1/t1/stacks/s1/id-1/snapshots", "{\"name\": \"n\"}", NULL);
    ok(r->status == 200 && strcmp(jstr(eng.args, "name"), "n") == 0 &&
           strcmp(jstr(r->json, "id"), "snap-1") == 0,
       "snapshot create");
    r = call("GET", "/v1/t1/stacks/s1/id-1/snapshots", NULL, NULL);
    is_str(jstr(r->json, "snapshots.0.id"), "snap-1", "snapshot list");
    r = call("GET", "/v1/t1/stacks/s1/id-1/snapshots/snap-1", NULL, NULL);
    ok(strcmp(jstr(r->json, "snapshot.id"), "snap-1") == 0 &&
           strcmp(jstr(eng.args, "snapshot_id"), "snap-1") == 0,
       "snapshot show");
    is_int(call("DELETE", "/v1/t1/stacks/s1/id-1/snapshots/snap-1", NULL, NULL)->status, 204,
           "snapshot delete 204");
    is_int(call("POST", "/v1/t1/stacks/s1/id-1/snapshots/snap-1/restore", NULL, NULL)->status, 202,
           "snapshot restore 202");
    r = call("GET", "/v1/t1/stacks/s1/id-1/outputs", NULL, NULL);
    is_str(jstr(r->json, "outputs.0.output_key"), "o", "output list");
    r = call("GET", "/v1/t1/stacks/s1/id-1/outputs/o", NULL, NULL);
    ok(strcmp(jstr(r->json, "output.output_key"), "o") == 0 &&
           strcmp(jstr(eng.args, "output_key"), "o") == 0,
       "output show");
}

static void test_resources_events_actions(void)
{
    resp *r;
    char want[512];

    r = call("GET", "/v1/t1/stacks/s1/id-1/resources?nested_depth=2&type=OS::Heat::None", NULL,
             NULL);
    is_int(r->status, 200, "resource list 200");
    is_int(json_integer_value(last_arg("nested_depth")), 2, "nested_depth sent");
    is_str(jstr(last_arg("filters"), "type"), "OS::Heat::None", "type filter sent");
    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1/resources/r%%201", port);
    is_str(jstr(r->json, "resources.0.links.0.href"), want, "resource self link, quoted");
    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1", port);
    is_str(jstr(r->json, "resources.0.links.1.href"), want, "resource stack link");
    is_str(jstr(r->json, "resources.0.links.2.rel"), "nested", "nested link");
    is_str(jstr(r->json, "resources.0.logical_resource_id"), "r 1", "logical_resource_id");
    is_str(jstr(r->json, "resources.0.resource_status"), "CREATE_COMPLETE", "status joined");
    ok(jget(r->json, "resources.0.metadata") == NULL &&
           jget(r->json, "resources.0.stack_identity") == NULL,
       "no metadata or stack identity in resources");
    r = call("GET", "/v1/t1/stacks/s1/id-1/resources?bogus=1", NULL, NULL);
    is_fault(r, 400, "HTTPBadRequest", "Invalid filter parameters ['bogus']",
             "unknown resource filter");
    r = call("GET", "/v1/t1/stacks/s1/id-1/resources/r1?with_attr=a&with_attr=b", NULL, NULL);
    ok(r->status == 200 && json_array_size(last_arg("with_attr")) == 2 &&
           strcmp(jstr(r->json, "resource.resource_name"), "r 1") == 0,
       "resource show with with_attr");
    r = call("GET", "/v1/t1/stacks/s1/id-1/resources/r1/metadata", NULL, NULL);
    is_int(json_integer_value(jget(r->json, "metadata.m")), 1, "resource metadata");
    r = call("POST", "/v1/t1/stacks/s1/id-1/resources/r1/signal", "{\"data\": 1}", NULL);
    ok(r->status == 200 && strcmp(last_method(), "resource_signal") == 0 &&
           json_integer_value(jget(last_arg("details"), "data")) == 1,
       "signal passes the body as details");
    r = call("PATCH", "/v1/t1/stacks/s1/id-1/resources/r1",
             "{\"mark_unhealthy\": true, \"resource_status_reason\": \"bad\"}", NULL);
    ok(r->status == 200 && json_is_true(last_arg("mark_unhealthy")) &&
           strcmp(jstr(eng.args, "resource_status_reason"), "bad") == 0,
       "mark unhealthy");
    r = call("PATCH", "/v1/t1/stacks/s1/id-1/resources/r1", "{\"x\": 1, \"mark_unhealthy\": 1}",
             NULL);
    is_fault(r, 400, "HTTPBadRequest", "Invalid keys in resource mark unhealthy {'x'}",
             "mark unhealthy with an unknown key");
    r = call("PATCH", "/v1/t1/stacks/s1/id-1/resources/r1", "{\"resource_status_reason\": \"\"}",
             NULL);
    is_fault(r, 400, "HTTPBadRequest",
             "Missing mandatory (mark_unhealthy) key from mark unhealthy request",
             "mark unhealthy without the flag");

    r = call("GET", "/v1/t1/stacks/s1/id-1/events?limit=5&resource_status=COMPLETE", NULL, NULL);
    is_int(r->status, 200, "event list 200");
    is_int(json_integer_value(last_arg("limit")), 5, "event limit sent");
    is_str(jstr(last_arg("filters"), "resource_status"), "COMPLETE", "event filter sent");
    is_str(jstr(r->json, "events.0.id"), "ev-1", "event id from its identity");
    snprintf(want, sizeof(want), BASE "/stacks/s1/id-1/resources/r1", port);
    is_str(jstr(r->json, "events.0.links.1.href"), want, "event resource link");
    is_str(jstr(r->json, "events.0.links.2.rel"), "stack", "event stack link");
    ok(jget(r->json, "events.0.resource_type") == NULL &&
           strcmp(jstr(r->json, "events.0.resource_status"), "CREATE_COMPLETE") == 0,
       "event summaries: summary keys, status joined");
    r = call("GET", "/v1/t1/stacks/s1/id-1/resources/r1/events", NULL, NULL);
    is_str(jstr(last_arg("filters"), "resource_name"), "r1", "resource events filter by name");
    eng.override = "[]";
    r = call("GET", "/v1/t1/stacks/s1/id-1/resources/r1/events", NULL, NULL);
    is_fault(r, 404, "HTTPNotFound", "No events found for resource r1", "no events");
    r = call("GET", "/v1/t1/stacks/s1/id-1/resources/r1/events/ev-1", NULL, NULL);
    ok(r->status == 200 && strcmp(jstr(r->json, "event.resource_type"), "OS::Heat::None") == 0 &&
           strcmp(jstr(last_arg("filters"), "uuid"), "ev-1") == 0,
       "event show: detail, filtered by uuid");
    eng.override = "[]";
    r = call("GET", "/v1/t1/stacks/s1/id-1/resources/r1/events/ev-2", NULL, NULL);
    is_fault(r, 404, "HTTPNotFound", "No event ev-2 found", "event show of a missing event");

    r = call("POST", "/v1/t1/stacks/s1/id-1/actions", "{\"suspend\": null}", NULL);
    ok(r->status == 200 && strcmp(last_method(), "stack_suspend") == 0, "suspend");
    call("POST", "/v1/t1/stacks/s1/id-1/actions", "{\"resume\": null}", NULL);
    is_str(last_method(), "stack_resume", "resume");
    call("POST", "/v1/t1/stacks/s1/id-1/actions", "{\"check\": null}", NULL);
    is_str(last_method(), "stack_check", "check");
    call("POST", "/v1/t1/stacks/s1/id-1/actions", "{\"cancel_without_rollback\": null}", NULL);
    ok(strcmp(last_method(), "stack_cancel_update") == 0 &&
           json_is_false(last_arg("cancel_with_rollback")),
       "cancel_without_rollback");
    call("POST", "/v1/t1/stacks/s1/id-1/actions", "{\"cancel_update\": null}", NULL);
    ok(json_is_true(last_arg("cancel_with_rollback")), "cancel_update rolls back");
    is_fault(call("POST", "/v1/t1/stacks/s1/id-1/actions", "{}", NULL), 400, "HTTPBadRequest",
             "No action specified", "no action");
    is_fault(call("POST", "/v1/t1/stacks/s1/id-1/actions", "{\"check\": 1, \"resume\": 1}", NULL),
             400, "HTTPBadRequest", "Multiple actions specified", "two actions");
    is_fault(call("POST", "/v1/t1/stacks/s1/id-1/actions", "{\"fly\": 1}", NULL), 400,
             "HTTPBadRequest", "Invalid action fly specified", "an unknown action");
}

static void test_misc_routes(void)
{
    resp *r;

    r = call("POST", "/v1/t1/validate?show_nested=true&ignore_errors=E1,E2",
             "{\"template\": {\"heat_template_version\": \"2018-08-31\"}}", NULL);
    ok(r->status == 200 && strcmp(jstr(r->json, "Description"), "d") == 0 &&
           json_is_true(last_arg("show_nested")) &&
           json_array_size(last_arg("ignorable_errors")) == 2,
       "validate");
    eng.override = "{\"Error\": \"bad template\"}";
    r = call("POST", "/v1/t1/validate", "{\"template\": {}}", NULL);
    is_fault(r, 400, "HTTPBadRequest", "bad template", "validate with Error");
    r = call("GET", "/v1/t1/resource_types?name=OS::*&with_description=true", NULL, NULL);
    ok(r->status == 200 && strcmp(jstr(r->json, "resource_types.0"), "OS::Heat::None") == 0 &&
           strcmp(jstr(eng.args, "type_name"), "OS::*") == 0 &&
           json_is_true(last_arg("with_description")),
       "resource types");
    r = call("GET", "/v1/t1/resource_types/OS::Heat::None", NULL, NULL);
    ok(r->status == 200 && strcmp(jstr(eng.args, "type_name"), "OS::Heat::None") == 0,
       "resource type show");
    r = call("GET", "/v1/t1/resource_types/OS::Heat::None/template?template_type=HOT", NULL, NULL);
    ok(r->status == 200 && strcmp(jstr(eng.args, "template_type"), "hot") == 0,
       "resource type template");
    r = call("GET", "/v1/t1/resource_types/OS::Heat::None/template?template_type=xml", NULL, NULL);
    is_fault(r, 400, "HTTPBadRequest",
             "Template type is not supported: Invalid template type \"xml\", valid types are: "
             "cfn, hot.",
             "template_type=xml");
    r = call("GET", "/v1/t1/template_versions", NULL, NULL);
    ok(r->status == 200 && jget(r->json, "template_versions.0.version") != NULL,
       "template versions");
    r = call("GET", "/v1/t1/template_versions/heat_template_version.2018-08-31/functions", NULL,
             NULL);
    ok(r->status == 200 && jget(r->json, "template_functions.0") != NULL &&
           strcmp(jstr(eng.args, "template_version"), "heat_template_version.2018-08-31") == 0,
       "template functions");
    r = call("GET", "/v1/t1/build_info", NULL, NULL);
    ok(r->status == 200 && strcmp(jstr(r->json, "engine.revision"), "19.0.0") == 0 &&
           jstr(r->json, "api.revision") != NULL,
       "build info");
    r = call("GET", "/v1/t1/services", NULL, NULL);
    is_str(jstr(r->json, "services.0.binary"), "heat-engine", "services");
    r = call("GET", "/v1/t1/software_configs?limit=3", NULL, NULL);
    ok(r->status == 200 && jget(r->json, "software_configs.0") != NULL &&
           json_integer_value(last_arg("limit")) == 3,
       "software configs list");
    r = call("POST", "/v1/t1/software_configs", "{\"name\": \"c\", \"group\": \"script\"}", NULL);
    ok(r->status == 200 && strcmp(jstr(r->json, "software_config.id"), "c1") == 0 &&
           json_is_null(last_arg("config")),
       "software config create");
    r = call("GET", "/v1/t1/software_configs/c1", NULL, NULL);
    is_str(jstr(r->json, "software_config.id"), "c1", "software config show");
    is_int(call("DELETE", "/v1/t1/software_configs/c1", NULL, NULL)->status, 204,
           "software config delete");
    r = call("GET", "/v1/t1/software_deployments?server_id=srv", NULL, NULL);
    ok(r->status == 200 && strcmp(jstr(eng.args, "server_id"), "srv") == 0, "deployments list");
    r = call("GET", "/v1/t1/software_deployments/metadata/srv", NULL, NULL);
    ok(r->status == 200 && jget(r->json, "metadata.0") != NULL, "deployment metadata");
    r = call("POST", "/v1/t1/software_deployments",
             "{\"server_id\": \"srv\", \"config_id\": \"c1\"}", NULL);
    ok(r->status == 200 && strcmp(jstr(r->json, "software_deployment.id"), "d1") == 0,
       "deployment create");
    r = call("GET", "/v1/t1/software_deployments/d1", NULL, NULL);
    is_str(jstr(r->json, "software_deployment.id"), "d1", "deployment show");
    r = call("PUT", "/v1/t1/software_deployments/d1", "{\"status\": \"COMPLETE\"}", NULL);
    ok(r->status == 200 && strcmp(jstr(eng.args, "status"), "COMPLETE") == 0, "deployment update");
    is_int(call("DELETE", "/v1/t1/software_deployments/d1", NULL, NULL)->status, 204,
           "deployment delete");
}

/* A raw request: the reply's status line code, or -1. */
static int raw_status(const char *request, size_t len)
{
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    char buf[4096];
    int fd = socket(AF_INET, SOCK_STREAM, 0), code = -1;
    ssize_t got = 0, w;
    size_t sent = 0;
    struct pollfd p;

    inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0)
        goto done;
    while (sent < len && (w = send(fd, request + sent, len - sent, MSG_NOSIGNAL)) > 0)
        sent += (size_t)w;
    p = (struct pollfd){.fd = fd, .events = POLLIN};
    if (poll(&p, 1, 10000) == 1 && (got = recv(fd, buf, sizeof(buf) - 1, 0)) > 12) {
        buf[got] = '\0';
        code = atoi(buf + 9);
    }
done:
    if (fd >= 0)
        close(fd);
    return code;
}

static void test_limits(void)
{
    resp *r;
    char *big = malloc(5000), *hdr = malloc(3000), *req = malloc(8192);
    const char *headers[2] = {hdr, NULL};
    char path[2048];
    int n;

    memset(big, 'x', 4999);
    big[4999] = '\0';
    memcpy(big, "{\"a\": \"", 7);
    big[4997] = '"';
    big[4998] = '}';
    r = call("POST", "/v1/t1/stacks", big, NULL);
    is_fault(r, 400, "RequestLimitExceeded",
             "JSON body size (4999 bytes) exceeds maximum allowed size (4096 bytes).",
             "a body above max_json_body_size");
    /* chunked: no Content-Length, the bound is met while reading */
    n = snprintf(req, 8192,
                 "POST /v1/t1/stacks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n%x\r\n",
                 4999);
    memcpy(req + n, big, 4999);
    memcpy(req + n + 4999, "\r\n0\r\n\r\n", 7);
    is_int(raw_status(req, (size_t)n + 4999 + 7), 400, "a chunked body above the bound: 400");
    snprintf(hdr, 3000, "X-Big: %02990d", 0);
    r = call("GET", "/v1/t1/stacks", NULL, headers);
    is_fault(r, 400, "HTTPBadRequest", "Line too long", "a header line above max_header_line");
    n = snprintf(path, sizeof(path), "/v1/t1/stacks?");
    for (int i = 0; i < 300 && n < (int)sizeof(path) - 8; i++)
        n += snprintf(path + n, sizeof(path) - (size_t)n, "a=%d&", i % 10);
    is_int(call("GET", path, NULL, NULL)->status, 400, "too many query arguments: 400");
    n = snprintf(req, 8192, "GARBAGE\r\n\r\n");
    n = raw_status(req, (size_t)n);
    ok(n == -1 || n >= 400, "a malformed request line: refused or closed (%d)", n);
    is_int(call("GET", "/", NULL, NULL)->status, 300, "the server still answers");
    /* keep-alive: the second request reuses the connection */
    {
        CURL *c = curl_easy_init();
        FILE *null = fopen("/dev/null", "w");
        char url[256];
        long conns = -1;

        snprintf(url, sizeof(url), "http://127.0.0.1:%d/", port);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, null);
        curl_easy_perform(c);
        curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &conns);
        is_int(conns, 0, "keep-alive: the second request opened no connection");
        curl_easy_cleanup(c);
        fclose(null);
    }
    /* an idle connection is closed after client_socket_timeout (1 s here) */
    {
        struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct pollfd p;
        char c;

        inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
        ok(connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0, "idle client connects");
        p = (struct pollfd){.fd = fd, .events = POLLIN};
        ok(poll(&p, 1, 10000) == 1 && recv(fd, &c, 1, 0) <= 0,
           "an idle connection is closed by the server");
        close(fd);
    }
    free(big);
    free(hdr);
    free(req);
}

int main(void)
{
    hh_conf *conf = hh_conf_new();
    hh_rpc *rpc = NULL;
    hh_api_server *srv = NULL;
    hh_api_server_opts o = {
        .bind_host = "127.0.0.1", .port = 0, .workers = 2, .health_timeout_ms = 300};
    hh_error err;

    plan_lazy();
    hh_error_clear(&err);
    hh_opts_register_api(conf);
    hh_conf_set(conf, "DEFAULT", "max_json_body_size", "4096", &err);
    hh_conf_set(conf, "heat_api", "max_header_line", "2048", &err);
    hh_conf_set(conf, "eventlet_opts", "client_socket_timeout", "1", &err);
    hh_conf_set(conf, "DEFAULT", "rpc_response_timeout", "5", &err);
    rpc = hh_rpc_new("inproc", conf, &err);
    ok(rpc != NULL, "in-process transport");
    is_int(hh_rpc_serve(rpc, HH_RPC_ENGINE_TOPIC, fake_engine, NULL, &err), 0, "fake engine");
    is_int(hh_api_server_new(conf, rpc, &o, &srv, &err), 0, "heat-api starts: %s", err.message);
    if (srv == NULL)
        return done_testing();
    port = hh_api_server_port(srv);
    ok(port > 0, "listening on port %d", port);
    snprintf(base, sizeof(base), BASE, port);
    http_client_init(port);

    test_versions_and_health(rpc);
    test_router();
    test_stack_list();
    test_stack_create();
    test_lookup_and_show();
    test_route_rules();
    test_stack_routes();
    test_resources_events_actions();
    test_misc_routes();
    test_limits();

    {
        /* [heat_api] heat_api_root: links and Location from it */
        hh_api_server *rooted = NULL;
        hh_api_server_opts any = {.bind_host = "127.0.0.1", .port = 0, .workers = 1};
        const char *prefix[] = {"X-Forwarded-Prefix: /orchestration", NULL};
        resp *r;

        hh_conf_set(conf, "heat_api", "heat_api_root", "https://heat.example.com/api/v1/", &err);
        is_int(hh_api_server_new(conf, rpc, &any, &rooted, &err), 0, "a server with heat_api_root");
        http_client_init(hh_api_server_port(rooted));
        r = call("POST", "/v1/t1/stacks", "{\"stack_name\": \"s1\", \"template\": {}}", NULL);
        is_str(r->location, "https://heat.example.com/api/v1/t1/stacks/s1/id-1",
               "Location from heat_api_root");
        hh_api_server_free(rooted);
        http_client_init(port);
        r = call("GET", "/v1/t1/stacks/s1", NULL, prefix);
        {
            char want[256];

            snprintf(want, sizeof(want), "http://127.0.0.1:%d/orchestration/v1/t1/stacks/s1/id-1",
                     port);
            is_str(r->location, want, "X-Forwarded-Prefix goes before /v1");
        }
    }
    {
        hh_api_server *other = NULL;
        hh_api_server_opts same = {.bind_host = "127.0.0.1", .port = port};

        hh_error_clear(&err);
        ok(hh_api_server_new(conf, rpc, &same, &other, &err) == EADDRINUSE && other == NULL,
           "a second server on the same port: EADDRINUSE (%s)", err.message);
    }
    http_client_free();
    hh_api_server_free(srv);
    hh_rpc_free(rpc);
    hh_conf_free(conf);
    json_decref(eng.args);
    return done_testing();
}
