/* heat-api end to end: the API server and the real engine service in one
 * process over the in-process transport (as heat-all runs them), on a
 * temporary SQLite store. A client thread runs the seed's workflow over
 * HTTP (create with parameters, list, show, outputs, resources, events,
 * validate, service list, delete) and the errors Heat gives on the way;
 * the main thread is the engine's owner loop. Every wait is bounded. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_e2e.h"
#include "http_client.h"
#include "tap.h"

static int port;
static char stack_url[512];

#define TEMPLATE                                                                                   \
    "{\"heat_template_version\": \"2018-08-31\", \"description\": \"demo\", "                      \
    "\"parameters\": {\"greeting\": {\"type\": \"string\"}}, "                                     \
    "\"resources\": {\"marker\": {\"type\": \"OS::Heat::None\"}, "                                 \
    "\"message\": {\"type\": \"OS::Heat::Value\", \"depends_on\": \"marker\", \"properties\": "    \
    "{\"value\": {\"str_replace\": {\"template\": \"$g from $s\", \"params\": {\"$g\": "           \
    "{\"get_param\": \"greeting\"}, \"$s\": {\"get_param\": \"OS::stack_name\"}}}}}}}, "           \
    "\"outputs\": {\"message\": {\"description\": \"the message\", \"value\": "                    \
    "{\"get_attr\": [\"message\", \"value\"]}}}}"

static void is_fault(const http_resp *r, long status, const char *type, const char *what)
{
    if (!ok(http_is_fault(r, status, type, NULL), "%s: %ld %s", what, status, type))
        diag("got %ld %s", r->status, r->body);
}

/* Show the stack until its status leaves IN_PROGRESS (at most 20 s). */
static const char *wait_status(const char *path)
{
    static char status[64];

    for (int i = 0; i < 200; i++) {
        http_resp *r = http_call("GET", path, NULL, NULL);
        const char *s = jpath_str(r->json, "stack.stack_status");

        snprintf(status, sizeof(status), "%s", s != NULL ? s : "(none)");
        if (s == NULL || strstr(s, "IN_PROGRESS") == NULL)
            return status;
        usleep(100000);
    }
    return status;
}

/* The stack index's body is kept while the engine's answer is the same
 * (api_v1.c): again the same body, but never one formatted for another
 * base URL or query. self: the stack's link as this client sees it. */
static void kept_index(const char *self)
{
    static const char *const fwd[] = {"X-Forwarded-Proto: https",
                                      "X-Forwarded-Host: heat.example.com:8004", NULL};
    static const char proxied[] = "https://heat.example.com:8004/v1/admin/stacks/s1/";
    char first[8192];
    http_resp *r = http_call("GET", "/v1/admin/stacks", NULL, NULL);
    const char *link;

    snprintf(first, sizeof(first), "%s", r->body);
    r = http_call("GET", "/v1/admin/stacks", NULL, NULL);
    ok(r->status == 200 && strcmp(r->body, first) == 0, "stack-list again: the same body");
    r = http_call("GET", "/v1/admin/stacks", NULL, fwd);
    link = jpath_str(r->json, "stacks.0.links.0.href");
    ok(link != NULL && strncmp(link, proxied, strlen(proxied)) == 0,
       "behind a proxy: links of the forwarded host (%s)", link);
    r = http_call("GET", "/v1/admin/stacks?limit=1", NULL, NULL);
    ok(r->status == 200 && jpath_str(r->json, "links.0.rel") != NULL &&
           strcmp(jpath_str(r->json, "links.0.rel"), "next") == 0,
       "with a limit: the next link of that query");
    r = http_call("GET", "/v1/admin/stacks", NULL, NULL);
    is_str(jpath_str(r->json, "stacks.0.links.0.href"), self, "and the direct links again");
    ok(jpath(r->json, "links") == NULL, "without the next link");
}

static void workflow(int api_port)
{
    port = api_port;
    http_resp *r;
    char path[1024], want[512];
    const char *p;

    r = http_call("GET", "/healthcheck", NULL, NULL);
    ok(r->status == 200 && strcmp(r->body, "OK") == 0, "healthcheck: the engine answers");
    r = http_call("POST", "/v1/admin/stacks",
                  "{\"stack_name\": \"s1\", \"parameters\": {\"greeting\": \"hello\"}, "
                  "\"template\": " TEMPLATE "}",
                  NULL);
    is_int(r->status, 201, "stack-create: 201");
    p = jpath_str(r->json, "stack.id");
    snprintf(want, sizeof(want), "http://127.0.0.1:%d/v1/admin/stacks/s1/%s", port,
             p != NULL ? p : "");
    is_str(r->location, want, "Location is the new stack's URL");
    snprintf(stack_url, sizeof(stack_url), "/v1/admin/stacks/s1/%s", p != NULL ? p : "");

    r = http_call("GET", "/v1/admin/stacks/s1", NULL, NULL);
    is_str(r->location, want, "the name redirects to the stack");
    is_str(wait_status(stack_url), "CREATE_COMPLETE", "the stack reaches CREATE_COMPLETE");
    r = http_call("GET", stack_url, NULL, NULL);
    is_str(jpath_str(r->json, "stack.stack_name"), "s1", "stack-show: name");
    is_str(jpath_str(r->json, "stack.parameters.greeting"), "hello", "stack-show: parameters");
    is_str(jpath_str(r->json, "stack.parameters.OS::stack_name"), "s1",
           "stack-show: pseudo parameters");
    is_str(jpath_str(r->json, "stack.outputs.0.output_value"), "hello from s1",
           "stack-show: outputs resolved");
    is_str(jpath_str(r->json, "stack.links.0.href"), want, "stack-show: self link");

    r = http_call("GET", "/v1/admin/stacks", NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "stacks")) == 1 &&
           strcmp(jpath_str(r->json, "stacks.0.stack_status"), "CREATE_COMPLETE") == 0 &&
           strcmp(jpath_str(r->json, "stacks.0.project"), "admin") == 0,
       "stack-list: the stack, its status and project");
    r = http_call("GET", "/v1/other/stacks", NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "stacks")) == 0,
       "another tenant does not see it");
    r = http_call("GET", "/v1/other/stacks/s1", NULL, NULL);
    is_fault(r, 404, "EntityNotFound", "nor find it by name");
    kept_index(want);

    snprintf(path, sizeof(path), "%s/outputs", stack_url);
    r = http_call("GET", path, NULL, NULL);
    is_str(jpath_str(r->json, "outputs.0.output_key"), "message", "output-list");
    snprintf(path, sizeof(path), "%s/outputs/message", stack_url);
    r = http_call("GET", path, NULL, NULL);
    is_str(jpath_str(r->json, "output.output_value"), "hello from s1", "output-show");

    snprintf(path, sizeof(path), "%s/resources", stack_url);
    r = http_call("GET", path, NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "resources")) == 2,
       "resource-list: two resources");
    ok(jpath_str(r->json, "resources.0.links.0.href") != NULL &&
           strcmp(jpath_str(r->json, "resources.0.resource_status"), "CREATE_COMPLETE") == 0,
       "resource-list: links and joined status");
    snprintf(path, sizeof(path), "%s/resources/message", stack_url);
    r = http_call("GET", path, NULL, NULL);
    ok(r->status == 200 &&
           strcmp(jpath_str(r->json, "resource.resource_type"), "OS::Heat::Value") == 0,
       "resource-show");
    snprintf(path, sizeof(path), "%s/resources/nothing", stack_url);
    r = http_call("GET", path, NULL, NULL);
    ok(r->status == 404, "resource-show of a missing resource: 404 (%s)",
       jpath_str(r->json, "error.type"));
    snprintf(path, sizeof(path), "%s/events", stack_url);
    r = http_call("GET", path, NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "events")) >= 5,
       "event-list: the stack's and resources' events (%zu)",
       json_array_size(jpath(r->json, "events")));
    p = jpath_str(r->json, "events.1.id");
    {
        const char *res = jpath_str(r->json, "events.1.resource_name");
        char ev[1024];

        snprintf(ev, sizeof(ev), "%s/resources/%s/events/%s", stack_url, res ? res : "",
                 p ? p : "");
        r = http_call("GET", ev, NULL, NULL);
        ok(r->status == 200 && jpath_str(r->json, "event.resource_type") != NULL, "event-show: %s",
           ev);
    }
    snprintf(path, sizeof(path), "%s/template", stack_url);
    r = http_call("GET", path, NULL, NULL);
    is_str(jpath_str(r->json, "heat_template_version"), "2018-08-31", "template-show");

    r = http_call("POST", "/v1/admin/stacks",
                  "{\"stack_name\": \"s1\", \"parameters\": {\"greeting\": \"x\"}, "
                  "\"template\": " TEMPLATE "}",
                  NULL);
    is_fault(r, 409, "StackExists", "the same name again");
    r = http_call("POST", "/v1/admin/stacks",
                  "{\"stack_name\": \"s2\", \"template\": " TEMPLATE "}", NULL);
    is_fault(r, 400, "UserParameterMissing", "a missing parameter");
    r = http_call("GET", "/v1/admin/stacks/nothing", NULL, NULL);
    ok(http_is_fault(r, 404, "EntityNotFound", "The Stack (nothing) could not be found."),
       "a missing stack: Heat's message (%s)", jpath_str(r->json, "error.message"));

    r = http_call("POST", "/v1/admin/validate", "{\"template\": " TEMPLATE "}", NULL);
    ok(r->status == 200 && jpath(r->json, "Parameters.greeting") != NULL,
       "template-validate: parameters (%ld)", r->status);
    r = http_call("GET", "/v1/admin/template_versions", NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "template_versions")) > 0,
       "template-version-list");
    r = http_call("GET", "/v1/admin/resource_types", NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "resource_types")) > 5,
       "resource-type-list");
    r = http_call("GET", "/v1/admin/resource_types/OS::Heat::None", NULL, NULL);
    is_str(jpath_str(r->json, "resource_type"), "OS::Heat::None", "resource-type-show");
    r = http_call("GET", "/v1/admin/services", NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "services")) == 1 &&
           strcmp(jpath_str(r->json, "services.0.binary"), "heat-engine") == 0,
       "service-list: the engine");
    r = http_call("GET", "/v1/admin/build_info", NULL, NULL);
    ok(r->status == 200 && jpath_str(r->json, "engine.revision") != NULL, "build-info");

    r = http_call("DELETE", "/v1/admin/stacks/s1", NULL, NULL);
    is_str(r->location, want, "stack-delete by name redirects");
    r = http_call("GET", "/v1/admin/stacks", NULL, NULL);
    is_str(jpath_str(r->json, "stacks.0.stack_status"), "CREATE_COMPLETE",
           "listed before the delete");
    r = http_call("DELETE", stack_url, NULL, NULL);
    is_int(r->status, 204, "stack-delete: 204");
    r = http_call("GET", "/v1/admin/stacks", NULL, NULL);
    ok(r->status == 200 &&
           (json_array_size(jpath(r->json, "stacks")) == 0 ||
            strncmp(jpath_str(r->json, "stacks.0.stack_status"), "DELETE_", 7) == 0),
       "the next list after the 204 shows the delete (%s)",
       jpath_str(r->json, "stacks.0.stack_status"));
    {
        const char *s = wait_status(stack_url);

        ok(strcmp(s, "DELETE_COMPLETE") == 0 || strcmp(s, "(none)") == 0,
           "the stack is deleted (%s)", s);
    }
    r = http_call("GET", "/v1/admin/stacks", NULL, NULL);
    ok(r->status == 200 && json_array_size(jpath(r->json, "stacks")) == 0,
       "stack-list is empty again");
}

int main(void)
{
    int rc;

    plan_lazy();
    if ((rc = api_e2e_run(HH_API_NATIVE, workflow)) != 0)
        return rc;
    return done_testing();
}
