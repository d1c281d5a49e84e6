/* Unit tests of nested stacks (stack_nested, res_nested, res_group):
 * OS::Heat::Stack, template resources from the files map and through the
 * resource registry, ResourceGroup with %index% and removal policies,
 * ResourceChain, AutoScalingGroup's sizes and ScalingPolicy's signals
 * (adjustment types, bounds, cooldown), the nesting depth and resource limits, a failing child
 * failing its parent with Heat's reasons, get_attr through nested
 * outputs, deletion of children, and resume of nested actions abandoned
 * at many points without a child created twice. Reasons are Heat 19's
 * (stack_resource.py, remote_stack.py, exception.py ResourceFailure). */
#include "config.h"

#include <jansson.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stack_engine.h"
#include "stack_fixture.h"
#include "stack_model.h"
#include "store.h"
#include "tap.h"

static int create(hh_stack_engine *e, const char *text, json_t *files, const char *env,
                  const char *name, char *id, hh_error *err)
{
    return fx_create(e, text, files, env, name, id, err);
}

/* The children of stack id (live), and their count. */
static size_t children(hh_store *st, const char *id, json_t **out)
{
    json_t *kids = NULL;
    size_t n;

    hh_store_stack_children(st, id, &kids, NULL);
    n = json_array_size(kids);
    if (out != NULL)
        *out = kids;
    else
        json_decref(kids);
    return n;
}

/* ---- OS::Heat::Stack ------------------------------------------------------ */

static void test_heat_stack(void)
{
    const char *tmpl =
        "heat_template_version: 2016-10-14\n"
        "resources:\n"
        "  remote:\n"
        "    type: OS::Heat::Stack\n"
        "    properties:\n"
        "      parameters: {who: world}\n"
        "      template: |\n"
        "        heat_template_version: 2016-10-14\n"
        "        parameters: {who: {type: string}}\n"
        "        resources:\n"
        "          v: {type: OS::Heat::Value, properties: {value: {get_param: who}}}\n"
        "        outputs:\n"
        "          greeting: {value: {list_join: ['', [hello-, {get_attr: [v, "
        "value]}]]}}\n"
        "outputs:\n"
        "  all: {value: {get_attr: [remote, outputs]}}\n"
        "  name: {value: {get_attr: [remote, stack_name]}}\n"
        "  ref: {value: {get_resource: remote}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *r, *child, *outs;
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_error err;

    is_int(create(e, tmpl, NULL, NULL, "hs", id, &err), 0, "OS::Heat::Stack: create accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "parent");
    r = fx_resource(st, id, "remote");
    snprintf(cid, sizeof(cid), "%s", fx_jstr(r, "physical_resource_id"));
    is_int(strlen(cid), 36, "the resource's physical id is the stack's id");
    child = fx_stack_row(st, cid, false);
    ok(child != NULL, "the stack exists");
    ok(json_is_null(json_object_get(child, "owner_id")),
       "a stack of its own, not nested (Heat's RemoteStack)");
    ok(fx_jstr(child, "name") && strncmp(fx_jstr(child, "name"), "hs-remote-", 10) == 0,
       "named as the resource's physical name");
    is_str(fx_jstr(child, "status"), "COMPLETE", "its create completed");
    is_str(fx_jstr(child, "tenant"), "tenant-1", "in the parent's tenant");
    is_int(children(st, id, NULL), 0, "no nested stack");
    outs = fx_outputs(st, id);
    is_str(fx_jstr(json_object_get(outs, "all"), "greeting"), "hello-world",
           "outputs: parameters reached the stack");
    is_str(fx_jstr(outs, "name"), fx_jstr(child, "name"), "stack_name");
    is_str(fx_jstr(outs, "ref"), cid, "get_resource: the stack's id");
    json_decref(outs);
    json_decref(child);
    json_decref(r);

    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    child = fx_stack_row(st, cid, true);
    ok(child && json_is_string(json_object_get(child, "deleted_at")), "the stack is deleted");
    is_str(fx_jstr(child, "action"), "DELETE", "DELETE");
    is_str(fx_jstr(child, "status"), "COMPLETE", "DELETE_COMPLETE");
    json_decref(child);
    child = fx_stack_row(st, id, true);
    is_str(fx_jstr(child, "status"), "COMPLETE", "the parent DELETE_COMPLETE");
    json_decref(child);
    hh_stack_engine_free(e);
}

/* A failing stack of OS::Heat::Stack: Heat's ResourceInError. */
static void test_heat_stack_fail(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  remote:\n"
                       "    type: OS::Heat::Stack\n"
                       "    properties:\n"
                       "      template: |\n"
                       "        heat_template_version: 2016-10-14\n"
                       "        resources:\n"
                       "          boom: {type: OS::Heat::TestResource, properties: {fail: "
                       "true}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *r;
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_error err;

    is_int(create(e, tmpl, NULL, NULL, "hsf", id, &err), 0, "failing OS::Heat::Stack accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    r = fx_resource(st, id, "remote");
    is_str(fx_jstr(r, "status_reason"),
           "ResourceInError: resources.remote: Went to status CREATE_FAILED due to \"Resource "
           "CREATE failed: ValueError: resources.boom: Test Resource failed boom\"",
           "Heat's ResourceInError reason");
    snprintf(cid, sizeof(cid), "%s", fx_jstr(r, "physical_resource_id"));
    json_decref(r);
    fx_expect_state(st, id, "CREATE", "FAILED", "parent");
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    r = fx_stack_row(st, cid, true);
    ok(r && json_is_string(json_object_get(r, "deleted_at")), "the failed stack is deleted too");
    json_decref(r);
    hh_stack_engine_free(e);
}

/* ---- template resources ---------------------------------------------------- */

static const char *inner_yaml = "heat_template_version: 2016-10-14\n"
                                "parameters:\n"
                                "  size: {type: number, default: 1}\n"
                                "  label: {type: string}\n"
                                "resources:\n"
                                "  v: {type: OS::Heat::Value, properties: {value: {get_param: "
                                "label}}}\n"
                                "  r: {type: OS::Heat::RandomString, properties: {length: "
                                "{get_param: size}}}\n"
                                "outputs:\n"
                                "  label: {value: {get_attr: [v, value]}}\n"
                                "  random: {value: {get_attr: [r, value]}}\n"
                                "  broken: {value: {list_join: [',', {get_attr: [v, value]}]}}\n";

/* The environment mapping My::Inner to inner.yaml. */
static const char *inner_env = "resource_registry:\n  My::Inner: inner.yaml\n";

static void test_template_resource(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  direct: {type: inner.yaml, properties: {size: 5, label: one}}\n"
                       "  mapped:\n"
                       "    type: My::Inner\n"
                       "    properties: {label: {get_attr: [direct, label]}}\n"
                       "outputs:\n"
                       "  label: {value: {get_attr: [mapped, label]}}\n"
                       "  random: {value: {get_attr: [direct, random]}}\n"
                       "  ref: {value: {get_resource: direct}}\n"
                       "  broken: {value: {get_attr: [direct, broken]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *files = json_pack("{s:s}", "inner.yaml", inner_yaml);
    json_t *r, *kids = NULL, *kid, *outs, *rows = NULL;
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], want[200];
    hh_error err;
    size_t i;

    is_int(create(e, tmpl, files, inner_env, "tr", id, &err), 0,
           "template resources: create accepted");
    if (err.rc != 0)
        diag("%s", err.message);
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "parent");
    is_int(children(st, id, &kids), 2, "two nested stacks");
    json_array_foreach(kids, i, kid)
    {
        const char *prn = fx_jstr(kid, "parent_resource_name");

        r = fx_resource(st, id, prn);
        is_str(fx_jstr(r, "physical_resource_id"), fx_jstr(kid, "id"), "%s: physical id = child",
               prn);
        ok(json_integer_value(json_object_get(kid, "nested_depth")) == 1, "%s: nested_depth 1",
           prn);
        is_str(fx_jstr(kid, "status"), "COMPLETE", "%s: child CREATE_COMPLETE", prn);
        snprintf(want, sizeof(want), "tr-%s-", prn);
        ok(strncmp(fx_jstr(kid, "name"), want, strlen(want)) == 0, "%s: Heat's child name", prn);
        hh_store_resource_list(st, fx_jstr(kid, "id"), &rows, NULL);
        is_int(json_array_size(rows), 2, "%s: the child's resources", prn);
        is_str(fx_jstr(json_array_get(rows, 0), "root_stack_id"), id,
               "%s: the child's resources count in the root", prn);
        json_decref(rows);
        if (strcmp(prn, "direct") == 0)
            snprintf(cid, sizeof(cid), "%s", fx_jstr(kid, "id"));
        json_decref(r);
    }
    json_decref(kids);
    outs = fx_outputs(st, id);
    is_str(fx_jstr(outs, "label"), "one",
           "get_attr through nested outputs, and properties as "
           "parameters, twice nested");
    is_int(json_string_length(json_object_get(outs, "random")), 5, "a number parameter");
    snprintf(want, sizeof(want), "arn:openstack:heat::tenant-1:stacks/");
    ok(fx_jstr(outs, "ref") && strncmp(fx_jstr(outs, "ref"), want, strlen(want)) == 0 &&
           strstr(fx_jstr(outs, "ref"), cid) != NULL,
       "get_resource: the child's ARN");
    ok(fx_jstr(json_object_get(outs, "broken"), "output_error") &&
           strncmp(fx_jstr(json_object_get(outs, "broken"), "output_error"),
                   "Error in direct output broken: ", 31) == 0,
       "a failed child output: TemplateOutputError");
    json_decref(outs);

    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    r = fx_stack_row(st, cid, true);
    ok(r && json_is_string(json_object_get(r, "deleted_at")), "the child is soft-deleted");
    is_str(fx_jstr(r, "action"), "DELETE", "child DELETE");
    is_str(fx_jstr(r, "status"), "COMPLETE", "child DELETE_COMPLETE");
    json_decref(r);
    is_int(children(st, id, NULL), 0, "no live child left");
    json_decref(files);
    hh_stack_engine_free(e);
}

/* A failing child fails its parent with Heat's nested reason. */
static void test_nested_failure(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  outer: {type: outer.yaml}\n";
    const char *outer = "heat_template_version: 2016-10-14\n"
                        "resources:\n"
                        "  mid: {type: mid.yaml}\n";
    const char *mid = "heat_template_version: 2016-10-14\n"
                      "resources:\n"
                      "  boom: {type: OS::Heat::TestResource, properties: {fail: true}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *files = json_pack("{s:s,s:s}", "outer.yaml", outer, "mid.yaml", mid);
    json_t *r, *row;
    char id[HH_STORE_ID_LEN];
    hh_error err;

    is_int(create(e, tmpl, files, NULL, "nf", id, &err), 0, "failing nested: create accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    r = fx_resource(st, id, "outer");
    is_str(fx_jstr(r, "status_reason"),
           "ValueError: resources.outer.resources.mid.resources.boom: Test Resource failed boom",
           "Heat's ResourceFailure path through two levels");
    row = fx_stack_row(st, id, false);
    is_str(fx_jstr(row, "status_reason"),
           "Resource CREATE failed: ValueError: resources.outer.resources.mid.resources.boom: "
           "Test Resource failed boom",
           "the root's reason");
    json_decref(row);
    row = fx_stack_row(st, fx_jstr(r, "physical_resource_id"), false);
    is_str(fx_jstr(row, "status"), "FAILED", "the child CREATE_FAILED");
    json_decref(row);
    json_decref(r);
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete of the failed tree");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    row = fx_stack_row(st, id, true);
    is_str(fx_jstr(row, "status"), "COMPLETE", "DELETE_COMPLETE");
    json_decref(row);
    json_decref(files);
    hh_stack_engine_free(e);
}

/* ---- groups ----------------------------------------------------------------- */

static void test_resource_group(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  g:\n"
                       "    type: OS::Heat::ResourceGroup\n"
                       "    properties:\n"
                       "      count: 3\n"
                       "      removal_policies: [{resource_list: ['1']}]\n"
                       "      resource_def:\n"
                       "        type: OS::Heat::Value\n"
                       "        properties: {value: 'member-%index%', type: string}\n"
                       "  h:\n"
                       "    type: OS::Heat::ResourceGroup\n"
                       "    properties:\n"
                       "      count: 2\n"
                       "      index_var: __i__\n"
                       "      resource_def:\n"
                       "        type: OS::Heat::Value\n"
                       "        properties: {value: {a: ['x__i__', __i__]}}\n"
                       "outputs:\n"
                       "  values: {value: {get_attr: [g, value]}}\n"
                       "  one: {value: {get_attr: [g, resource.2.value]}}\n"
                       "  ref2: {value: {get_attr: [g, resource.2]}}\n"
                       "  refs: {value: {get_attr: [g, refs]}}\n"
                       "  refs_map: {value: {get_attr: [g, refs_map]}}\n"
                       "  removed: {value: {get_attr: [g, removed_rsrc_list]}}\n"
                       "  missing: {value: {get_attr: [g, resource.1]}}\n"
                       "  h: {value: {get_attr: [h, value]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *r, *rows = NULL, *outs, *data = NULL;
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_error err;

    is_int(create(e, tmpl, NULL, NULL, "rg", id, &err), 0, "ResourceGroup: create accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "parent");
    r = fx_resource(st, id, "g");
    snprintf(cid, sizeof(cid), "%s", fx_jstr(r, "physical_resource_id"));
    hh_store_resource_list(st, cid, &rows, NULL);
    is_int(json_array_size(rows), 3, "three members");
    ok(fx_resource(st, cid, "1") == NULL, "a name of the removal policies is skipped");
    json_decref(rows);
    hh_store_resource_data_get_all(st, json_integer_value(json_object_get(r, "id")), &data, NULL);
    is_str(fx_jstr(data, "name_blacklist"), "1", "the skiplist in resource data");
    json_decref(data);
    json_decref(r);
    outs = fx_outputs(st, id);
    {
        char *s = json_dumps(json_object_get(outs, "values"), JSON_COMPACT);

        is_str(s, "[\"member-0\",\"member-2\",\"member-3\"]", "%%index%% replaced, [attr] list");
        free(s);
    }
    is_str(fx_jstr(outs, "one"), "member-2", "resource.<i>.<attr>");
    r = fx_resource(st, cid, "2");
    is_str(fx_jstr(outs, "ref2"),
           fx_jstr(r, "physical_resource_id")[0] ? fx_jstr(r, "physical_resource_id") : "2",
           "resource.<i>: the member's reference");
    json_decref(r);
    is_int(json_array_size(json_object_get(outs, "refs")), 3, "refs");
    is_int(json_object_size(json_object_get(outs, "refs_map")), 3, "refs_map");
    ok(json_object_get(json_object_get(outs, "refs_map"), "3") != NULL, "refs_map by name");
    {
        char *s = json_dumps(json_object_get(outs, "removed"), JSON_COMPACT);

        is_str(s, "[\"1\"]", "removed_rsrc_list");
        free(s);
        s = json_dumps(json_object_get(outs, "h"), JSON_COMPACT);
        is_str(s, "[{\"a\":[\"x0\",\"0\"]},{\"a\":[\"x1\",\"1\"]}]",
               "index_var replaced in nested strings");
        free(s);
    }
    is_str(fx_jstr(json_object_get(outs, "missing"), "output_error"),
           "Member '1' not found in group resource 'g'.", "Heat's member NotFound");
    json_decref(outs);
    ok(fx_delete_run(e, id, cid), "delete: the group's stack DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

static void test_resource_chain(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  c:\n"
                       "    type: OS::Heat::ResourceChain\n"
                       "    properties:\n"
                       "      resources: [OS::Heat::Value, OS::Heat::Value, OS::Heat::Value]\n"
                       "      resource_properties: {value: same}\n"
                       "outputs:\n"
                       "  values: {value: {get_attr: [c, value]}}\n"
                       "  refs: {value: {get_attr: [c, refs]}}\n"
                       "  last: {value: {get_attr: [c, resource.2.value]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *r, *evs = NULL, *outs;
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_error err;

    is_int(create(e, tmpl, NULL, NULL, "rc", id, &err), 0, "ResourceChain: create accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "parent");
    r = fx_resource(st, id, "c");
    snprintf(cid, sizeof(cid), "%s", fx_jstr(r, "physical_resource_id"));
    json_decref(r);
    hh_store_event_list(st, cid, NULL, &evs, NULL);
    ok(fx_ev_find(evs, "1", "CREATE", "IN_PROGRESS") > fx_ev_find(evs, "0", "CREATE", "COMPLETE") &&
           fx_ev_find(evs, "2", "CREATE", "IN_PROGRESS") >
               fx_ev_find(evs, "1", "CREATE", "COMPLETE"),
       "chained by depends_on");
    json_decref(evs);
    outs = fx_outputs(st, id);
    {
        char *s = json_dumps(json_object_get(outs, "values"), JSON_COMPACT);

        is_str(s, "[\"same\",\"same\",\"same\"]", "resource_properties to every member");
        free(s);
    }
    is_int(json_array_size(json_object_get(outs, "refs")), 3, "refs");
    is_str(fx_jstr(outs, "last"), "same", "resource.<i>.<attr>");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

/* ---- updates ---------------------------------------------------------------- */

static int update(hh_stack_engine *e, const char *id, const char *text, json_t *files,
                  hh_error *err)
{
    json_t *tmpl = json_string(text);
    hh_tmpl_request req = {.template = tmpl, .files = files};
    hh_stack_update_opts o = {.disable_rollback = 1};
    int rc = hh_stack_update(e, id, &req, &o, 0, err);

    json_decref(tmpl);
    return rc;
}

static char *dumps(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

static void test_update(void)
{
    const char *t1 =
        "heat_template_version: 2016-10-14\n"
        "resources:\n"
        "  g:\n"
        "    type: OS::Heat::ResourceGroup\n"
        "    properties:\n"
        "      count: 2\n"
        "      resource_def: {type: OS::Heat::Value, properties: {value: 'v%index%'}}\n"
        "  t: {type: inner.yaml, properties: {label: one}}\n"
        "  s:\n"
        "    type: OS::Heat::Stack\n"
        "    properties:\n"
        "      parameters: {label: a}\n"
        "      template: {get_file: inner.yaml}\n"
        "outputs:\n"
        "  values: {value: {get_attr: [g, value]}}\n"
        "  removed: {value: {get_attr: [g, removed_rsrc_list]}}\n"
        "  label: {value: {get_attr: [t, label]}}\n"
        "  s: {value: {get_attr: [s, outputs, label]}}\n";
    const char *t2 =
        "heat_template_version: 2016-10-14\n"
        "resources:\n"
        "  g:\n"
        "    type: OS::Heat::ResourceGroup\n"
        "    properties:\n"
        "      count: 4\n"
        "      removal_policies: [{resource_list: ['0']}]\n"
        "      resource_def: {type: OS::Heat::Value, properties: {value: 'v%index%'}}\n"
        "  t: {type: inner.yaml, properties: {label: two}}\n"
        "  s:\n"
        "    type: OS::Heat::Stack\n"
        "    properties:\n"
        "      parameters: {label: b}\n"
        "      template: {get_file: inner.yaml}\n"
        "outputs:\n"
        "  values: {value: {get_attr: [g, value]}}\n"
        "  removed: {value: {get_attr: [g, removed_rsrc_list]}}\n"
        "  label: {value: {get_attr: [t, label]}}\n"
        "  s: {value: {get_attr: [s, outputs, label]}}\n";
    const char *t3 = "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  g:\n"
                     "    type: OS::Heat::ResourceGroup\n"
                     "    properties:\n"
                     "      count: 4\n"
                     "      resource_def:\n"
                     "        type: OS::Heat::TestResource\n"
                     "        properties: {fail: true}\n"
                     "  t: {type: inner.yaml, properties: {label: two}}\n"
                     "  s:\n"
                     "    type: OS::Heat::Stack\n"
                     "    properties:\n"
                     "      parameters: {label: b}\n"
                     "      template: {get_file: inner.yaml}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *files = json_pack("{s:s}", "inner.yaml", inner_yaml), *r, *row, *outs, *rows = NULL;
    char id[HH_STORE_ID_LEN], gid[HH_STORE_ID_LEN], tid[HH_STORE_ID_LEN], *s;
    hh_error err;

    is_int(create(e, t1, files, NULL, "upd", id, &err), 0, "update: created");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    r = fx_resource(st, id, "g");
    snprintf(gid, sizeof(gid), "%s", fx_jstr(r, "physical_resource_id"));
    json_decref(r);
    r = fx_resource(st, id, "t");
    snprintf(tid, sizeof(tid), "%s", fx_jstr(r, "physical_resource_id"));
    json_decref(r);
    is_int(update(e, id, t2, files, &err), 0, "update accepted");
    if (err.rc != 0)
        diag("%s", err.message);
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "UPDATE", "COMPLETE", "parent");
    r = fx_resource(st, id, "g");
    is_str(fx_jstr(r, "physical_resource_id"), gid, "the group is updated in place");
    is_str(fx_jstr(r, "action"), "UPDATE", "group UPDATE_COMPLETE");
    json_decref(r);
    fx_expect_state(st, gid, "UPDATE", "COMPLETE", "the group's stack");
    hh_store_resource_list(st, gid, &rows, NULL);
    is_int(json_array_size(rows), 4, "resized to 4 members");
    ok(fx_resource(st, gid, "0") == NULL && (r = fx_resource(st, gid, "4")) != NULL,
       "member 0 removed by the policy, 4 added");
    json_decref(r);
    json_decref(rows);
    outs = fx_outputs(st, id);
    s = dumps(json_object_get(outs, "values"));
    is_str(s, "[\"v1\",\"v2\",\"v3\",\"v4\"]", "members after the resize");
    free(s);
    s = dumps(json_object_get(outs, "removed"));
    is_str(s, "[\"0\"]", "removed_rsrc_list");
    free(s);
    is_str(fx_jstr(outs, "label"), "two", "template resource: new parameters reach the child");
    is_str(fx_jstr(outs, "s"), "b", "OS::Heat::Stack: new parameters reach the stack");
    json_decref(outs);
    r = fx_resource(st, id, "t");
    is_str(fx_jstr(r, "physical_resource_id"), tid, "the template resource kept its child");
    json_decref(r);
    row = fx_stack_row(st, tid, false);
    ok(json_integer_value(json_object_get(row, "prev_raw_template_id")) > 0,
       "the child keeps its previous template");
    json_decref(row);

    /* a failing member fails the parent's update with Heat's path */
    is_int(update(e, id, t3, files, &err), 0, "failing update accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "UPDATE", "FAILED", "parent");
    r = fx_resource(st, id, "g");
    /* the members are replaced (their type changed): the child's reason
     * names the replacements' CREATE, which is not its own action, so the
     * parent takes it whole (ResourceFailure without a parsed path) */
    ok(fx_jstr(r, "status_reason") &&
           strncmp(fx_jstr(r, "status_reason"),
                   "resources.g: Resource CREATE failed: ValueError: resources[", 59) == 0 &&
           strstr(fx_jstr(r, "status_reason"), "]: Test Resource failed") != NULL,
       "Heat's nested reason: %s", fx_jstr(r, "status_reason"));
    json_decref(r);
    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    is_int(children(st, id, NULL), 0, "no child left");
    row = fx_stack_row(st, gid, true);
    ok(row && json_is_string(json_object_get(row, "deleted_at")), "the group's stack deleted");
    json_decref(row);
    json_decref(files);
    hh_stack_engine_free(e);
}

/* ---- OS::Heat::AutoScalingGroup ------------------------------------------- */

/* min_size lo, max_size hi, desired_capacity want (none when < 0). */
static const char *asg_yaml(char *buf, size_t len, int lo, int hi, int want)
{
    char sizes[128];

    snprintf(sizes, sizeof(sizes), "min_size: %d\n      max_size: %d", lo, hi);
    if (want >= 0)
        snprintf(sizes + strlen(sizes), sizeof(sizes) - strlen(sizes),
                 "\n      desired_capacity: %d", want);
    snprintf(buf, len,
             "heat_template_version: 2016-10-14\n"
             "resources:\n"
             "  asg:\n"
             "    type: OS::Heat::AutoScalingGroup\n"
             "    properties:\n"
             "      %s\n"
             "      cooldown: 60\n"
             "      resource: {type: OS::Heat::Value, properties: {value: hello}}\n"
             "outputs:\n"
             "  size: {value: {get_attr: [asg, current_size]}}\n"
             "  refs: {value: {get_attr: [asg, refs]}}\n"
             "  refs_map: {value: {get_attr: [asg, refs_map]}}\n"
             "  first: {value: {get_attr: [asg, resource.0.value]}}\n"
             "  missing: {value: {get_attr: [asg, resource.9]}}\n",
             sizes);
    return buf;
}

/* The names of the members of child cid (new array, creation order). */
static json_t *member_names(hh_store *st, const char *cid)
{
    json_t *rows = NULL, *names = json_array(), *row;
    size_t i;

    hh_store_resource_list(st, cid, &rows, NULL);
    json_array_foreach(rows, i, row)
    {
        json_array_append(names, json_object_get(row, "name"));
    }
    json_decref(rows);
    return names;
}

/* An update that removes template resources (of the files map, and
 * through a resource_registry mapping) and a group member of a template
 * resource deletes their stacks: the rows the template no longer
 * describes are deleted through their own type as the environment
 * resolves it, not refused as a type that is no plugin. */
static void test_update_removes_template_resources(void)
{
    const char *t1 = "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  keep: {type: OS::Heat::None}\n"
                     "  direct: {type: inner.yaml, properties: {label: one}}\n"
                     "  mapped: {type: My::Inner, properties: {label: two}}\n"
                     "  g:\n"
                     "    type: OS::Heat::ResourceGroup\n"
                     "    properties:\n"
                     "      count: 2\n"
                     "      resource_def: {type: inner.yaml, properties: {label: 'm%index%'}}\n";
    const char *t2 = "heat_template_version: 2016-10-14\n"
                     "resources:\n"
                     "  keep: {type: OS::Heat::None}\n"
                     "  g:\n"
                     "    type: OS::Heat::ResourceGroup\n"
                     "    properties:\n"
                     "      count: 2\n"
                     "      removal_policies: [{resource_list: ['0']}]\n"
                     "      resource_def: {type: inner.yaml, properties: {label: 'm%index%'}}\n";
    char id[HH_STORE_ID_LEN], direct[HH_STORE_ID_LEN] = "", mapped[HH_STORE_ID_LEN] = "";
    char member0[HH_STORE_ID_LEN] = "";
    const char *which[] = {direct, mapped, member0};
    const char *names[] = {"direct", "mapped", "group member 0"};
    json_t *tmpl = json_string(t2), *envj = json_string(inner_env), *r, *g, *kids = NULL;
    json_t *files = json_pack("{s:s}", "inner.yaml", inner_yaml);
    hh_tmpl_request req = {.template = tmpl, .files = files, .environment = envj};
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    hh_error err;
    size_t i;

    is_int(create(e, t1, files, inner_env, "rm", id, &err), 0,
           "removed template resources: create");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "created");
    r = fx_resource(st, id, "direct");
    snprintf(direct, sizeof(direct), "%s", r ? fx_jstr(r, "physical_resource_id") : "");
    json_decref(r);
    r = fx_resource(st, id, "mapped");
    snprintf(mapped, sizeof(mapped), "%s", r ? fx_jstr(r, "physical_resource_id") : "");
    json_decref(r);
    g = fx_resource(st, id, "g");
    r = g ? fx_resource(st, fx_jstr(g, "physical_resource_id"), "0") : NULL;
    snprintf(member0, sizeof(member0), "%s", r ? fx_jstr(r, "physical_resource_id") : "");
    json_decref(r);

    is_int(hh_stack_update(e, id, &req, NULL, 0, &err), 0, "update without them");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "UPDATE", "COMPLETE", "updated");
    ok((r = fx_resource(st, id, "direct")) == NULL, "no row of the removed template resource");
    json_decref(r);
    ok((r = fx_resource(st, id, "mapped")) == NULL, "no row of the removed mapped one");
    json_decref(r);
    for (i = 0; i < 3; i++) {
        r = fx_stack_row(st, which[i], true);
        ok(r != NULL && json_is_string(json_object_get(r, "deleted_at")) &&
               strcmp(fx_jstr(r, "action"), "DELETE") == 0 &&
               strcmp(fx_jstr(r, "status"), "COMPLETE") == 0,
           "%s: its stack deleted", names[i]);
        json_decref(r);
    }
    is_int(children(st, id, &kids), 1, "one live child left: the group's");
    is_int(g ? children(st, fx_jstr(g, "physical_resource_id"), NULL) : 0, 2,
           "the group: two live members");
    json_decref(kids);
    json_decref(g);
    json_decref(tmpl);
    json_decref(envj);
    json_decref(files);
    hh_stack_engine_free(e);
}

static void test_autoscaling_group(void)
{
    char t[1024], id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], *s;
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *r, *names, *before, *outs, *md;
    hh_error err;

    is_int(create(e, asg_yaml(t, sizeof(t), 1, 4, 2), NULL, NULL, "asg", id, &err), 0,
           "AutoScalingGroup: create accepted");
    if (err.rc != 0)
        diag("%s", err.message);
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "parent");
    r = fx_resource(st, id, "asg");
    snprintf(cid, sizeof(cid), "%s", fx_jstr(r, "physical_resource_id"));
    md = json_object_get(r, "rsrc_metadata");
    ok(json_is_false(json_object_get(md, "scaling_in_progress")), "scaling_in_progress false");
    {
        void *it = json_object_iter(json_object_get(md, "cooldown_end"));

        is_str(it ? json_string_value(json_object_iter_value(it)) : NULL, "exact_capacity : 2",
               "cooldown_end records Heat's reason");
        ok(it && strlen(json_object_iter_key(it)) >= 19 && json_object_iter_key(it)[10] == 'T',
           "cooldown_end is an ISO time");
    }
    json_decref(r);
    before = member_names(st, cid);
    is_int(json_array_size(before), 2, "desired_capacity members");
    ok(strlen(json_string_value(json_array_get(before, 0))) == 12, "members named by short ids");
    outs = fx_outputs(st, id);
    is_int(json_integer_value(json_object_get(outs, "size")), 2, "current_size");
    is_int(json_array_size(json_object_get(outs, "refs")), 2, "refs");
    ok(json_object_get(json_object_get(outs, "refs_map"),
                       json_string_value(json_array_get(before, 1))) != NULL,
       "refs_map by member name");
    is_str(fx_jstr(outs, "first"), "hello", "resource.<index>.<attr>");
    is_str(fx_jstr(json_object_get(outs, "missing"), "output_error"),
           "Member '9' not found in group resource 'asg'.", "Heat's member NotFound");
    json_decref(outs);

    /* desired_capacity up: the members stay, one is added */
    is_int(update(e, id, asg_yaml(t, sizeof(t), 1, 4, 3), NULL, &err), 0, "update to 3 accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "UPDATE", "COMPLETE", "parent");
    r = fx_resource(st, id, "asg");
    is_str(fx_jstr(r, "physical_resource_id"), cid, "the group is updated in place");
    json_decref(r);
    names = member_names(st, cid);
    is_int(json_array_size(names), 3, "resized to 3");
    ok(json_equal(json_array_get(names, 0), json_array_get(before, 0)) &&
           json_equal(json_array_get(names, 1), json_array_get(before, 1)),
       "the members are kept");
    json_decref(before);
    before = names;

    /* down to 1: the newest stays */
    is_int(update(e, id, asg_yaml(t, sizeof(t), 1, 4, 1), NULL, &err), 0, "update to 1 accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    names = member_names(st, cid);
    is_int(json_array_size(names), 1, "resized to 1");
    ok(json_equal(json_array_get(names, 0), json_array_get(before, 2)), "the oldest go first");
    json_decref(names);
    json_decref(before);

    /* no desired_capacity: the current size, raised to the new min_size */
    is_int(update(e, id, asg_yaml(t, sizeof(t), 2, 4, -1), NULL, &err), 0,
           "update of min_size accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    names = member_names(st, cid);
    is_int(json_array_size(names), 2, "raised to min_size");
    json_decref(names);
    outs = fx_outputs(st, id);
    is_int(json_integer_value(json_object_get(outs, "size")), 2, "current_size after updates");
    s = dumps(json_object_get(outs, "refs"));
    ok(s != NULL && s[0] == '[', "refs: %s", s);
    free(s);
    json_decref(outs);

    ok(fx_delete_run(e, id, cid), "delete: the group's stack DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

/* The SIGNAL events of resource name in stack id. */
static size_t signal_events(hh_store *st, const char *id, const char *name)
{
    json_t *evs = NULL, *ev;
    size_t i, n = 0;

    hh_store_event_list(st, id, NULL, &evs, NULL);
    json_array_foreach(evs, i, ev)
    {
        if (strcmp(fx_jstr(ev, "resource_name"), name) == 0 &&
            strcmp(fx_jstr(ev, "resource_action"), "SIGNAL") == 0)
            n++;
    }
    json_decref(evs);
    return n;
}

/* Signal policy of stack id, then let the group's resize run; the
 * group's size after it. */
static size_t scale(hh_stack_engine *e, const char *id, const char *cid, const char *policy)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *names;
    hh_error err;
    size_t n;

    if (hh_stack_resource_signal(e, id, policy, NULL, true, 0, NULL, &err) != 0)
        diag("signal %s: %s", policy, err.message);
    hh_stack_engine_run(e, 20000);
    names = member_names(st, cid);
    n = json_array_size(names);
    json_decref(names);
    return n;
}

static void test_scaling_policy(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  asg:\n"
                       "    type: OS::Heat::AutoScalingGroup\n"
                       "    properties:\n"
                       "      min_size: 1\n"
                       "      max_size: 4\n"
                       "      desired_capacity: 2\n"
                       "      resource: {type: OS::Heat::Value, properties: {value: v}}\n"
                       "  up:\n"
                       "    type: OS::Heat::ScalingPolicy\n"
                       "    properties:\n"
                       "      auto_scaling_group_id: {get_resource: asg}\n"
                       "      adjustment_type: change_in_capacity\n"
                       "      scaling_adjustment: 1\n"
                       "  exact:\n"
                       "    type: OS::Heat::ScalingPolicy\n"
                       "    properties:\n"
                       "      auto_scaling_group_id: {get_resource: asg}\n"
                       "      adjustment_type: exact_capacity\n"
                       "      scaling_adjustment: 4\n"
                       "  half:\n"
                       "    type: OS::Heat::ScalingPolicy\n"
                       "    properties:\n"
                       "      auto_scaling_group_id: {get_resource: asg}\n"
                       "      adjustment_type: percent_change_in_capacity\n"
                       "      scaling_adjustment: -50\n"
                       "  step:\n"
                       "    type: OS::Heat::ScalingPolicy\n"
                       "    properties:\n"
                       "      auto_scaling_group_id: {get_resource: asg}\n"
                       "      adjustment_type: percent_change_in_capacity\n"
                       "      scaling_adjustment: 10\n"
                       "      min_adjustment_step: 2\n"
                       "  slow:\n"
                       "    type: OS::Heat::ScalingPolicy\n"
                       "    properties:\n"
                       "      auto_scaling_group_id: {get_resource: asg}\n"
                       "      adjustment_type: change_in_capacity\n"
                       "      scaling_adjustment: -1\n"
                       "      cooldown: 600\n"
                       "outputs:\n"
                       "  size: {value: {get_attr: [asg, current_size]}}\n";
    const char *bad = "heat_template_version: 2016-10-14\n"
                      "resources:\n"
                      "  p:\n"
                      "    type: OS::Heat::ScalingPolicy\n"
                      "    properties:\n"
                      "      auto_scaling_group_id: nowhere\n"
                      "      adjustment_type: change_in_capacity\n"
                      "      scaling_adjustment: 1\n"
                      "      min_adjustment_step: 1\n";
    const char *lost = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  p:\n"
                       "    type: OS::Heat::ScalingPolicy\n"
                       "    properties:\n"
                       "      auto_scaling_group_id: nowhere\n"
                       "      adjustment_type: change_in_capacity\n"
                       "      scaling_adjustment: 1\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], lid[HH_STORE_ID_LEN];
    json_t *r, *outs, *md;
    hh_error err;

    is_int(create(e, tmpl, NULL, NULL, "scaling", id, &err), 0, "ScalingPolicy: create accepted");
    if (err.rc != 0)
        diag("%s", err.message);
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "parent");
    r = fx_resource(st, id, "asg");
    snprintf(cid, sizeof(cid), "%s", fx_jstr(r, "physical_resource_id"));
    json_decref(r);
    r = fx_resource(st, id, "up");
    ok(fx_jstr(r, "physical_resource_id") && strlen(fx_jstr(r, "physical_resource_id")) == 32,
       "a policy's physical id is its stack user's");
    json_decref(r);

    is_int(scale(e, id, cid, "up"), 3, "change_in_capacity +1: 2 -> 3");
    is_int(signal_events(st, id, "up"), 1, "the policy's SIGNAL event");
    fx_expect_state(st, cid, "UPDATE", "COMPLETE", "the group's stack");
    is_int(scale(e, id, cid, "exact"), 4, "exact_capacity 4");
    is_int(scale(e, id, cid, "up"), 4, "max_size bounds a change");
    is_int(signal_events(st, id, "up"), 1, "no change in capacity: no event");
    is_int(scale(e, id, cid, "half"), 2, "percent -50: 4 -> 2");
    is_int(scale(e, id, cid, "half"), 1, "percent -50: 2 -> 1");
    is_int(scale(e, id, cid, "half"), 1, "min_size bounds a change");
    is_int(scale(e, id, cid, "step"), 3, "percent 10 of 1 with min_adjustment_step 2: 1 -> 3");
    is_int(scale(e, id, cid, "slow"), 2, "cooldown 600: the first signal scales");
    is_int(scale(e, id, cid, "slow"), 2, "the second is refused in the cooldown");
    is_int(signal_events(st, id, "slow"), 1, "no event for the refused signal");
    is_int(scale(e, id, cid, "up"), 2, "the group's cooldown refuses any policy");
    r = fx_resource(st, id, "asg");
    md = json_object_get(r, "rsrc_metadata");
    ok(json_is_false(json_object_get(md, "scaling_in_progress")), "scaling_in_progress false");
    {
        void *it = json_object_iter(json_object_get(md, "cooldown_end"));

        is_str(it ? json_string_value(json_object_iter_value(it)) : NULL, "change_in_capacity : -1",
               "cooldown_end: Heat's reason of the last resize");
    }
    json_decref(r);
    outs = fx_outputs(st, id);
    is_int(json_integer_value(json_object_get(outs, "size")), 2, "current_size");
    json_decref(outs);

    /* a policy whose group is not in the stack */
    is_int(create(e, lost, NULL, NULL, "lost", lid, &err), 0, "a lost policy created");
    hh_stack_engine_run(e, 20000);
    ok(hh_stack_resource_signal(e, lid, "p", NULL, true, 0, NULL, &err) != 0 &&
           strcmp(
               err.message,
               "NotFound: resources.p: Alarm p could not find scaling group named \"nowhere\"") ==
               0,
       "Heat's NotFound: %s", err.message);
    is_int(create(e, bad, NULL, NULL, "bad", lid, &err), HH_EINVAL,
           "min_adjustment_step without percent is refused");
    ok(strstr(err.message,
              "min_adjustment_step property should only be specified for adjustment_type with "
              "value percent_change_in_capacity.") != NULL,
       "Heat's ResourcePropertyValueDependency: %s", err.message);

    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

/* ---- limits ----------------------------------------------------------------- */

static void test_limits(void)
{
    /* groups of groups: at run time, below the template's validation */
    const char *deep = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  g:\n"
                       "    type: OS::Heat::ResourceGroup\n"
                       "    properties:\n"
                       "      count: 1\n"
                       "      resource_def:\n"
                       "        type: OS::Heat::ResourceGroup\n"
                       "        properties:\n"
                       "          count: 1\n"
                       "          resource_def:\n"
                       "            type: OS::Heat::ResourceGroup\n"
                       "            properties:\n"
                       "              count: 1\n"
                       "              resource_def: {type: OS::Heat::None}\n";
    const char *loop = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  again: {type: loop.yaml}\n";
    const char *big = "heat_template_version: 2016-10-14\n"
                      "resources:\n"
                      "  n: {type: OS::Heat::None}\n"
                      "  g:\n"
                      "    type: OS::Heat::ResourceGroup\n"
                      "    properties:\n"
                      "      count: 4\n"
                      "      resource_def: {type: OS::Heat::None}\n";
    hh_tmpl_limits lim = hh_tmpl_limits_default;
    hh_stack_engine *e;
    hh_store *st;
    json_t *r, *files = json_pack("{s:s}", "loop.yaml", loop);
    char id[HH_STORE_ID_LEN];
    hh_error err;

    lim.max_nested_stack_depth = 2;
    lim.max_resources_per_stack = 5;
    e = fx_engine_with(2, &lim);
    st = hh_stack_engine_store(e);
    is_int(create(e, deep, NULL, NULL, "deep", id, &err), 0, "nested groups: create accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    r = fx_resource(st, id, "g");
    is_str(fx_jstr(r, "status_reason"),
           "RequestLimitExceeded: resources.g.resources[0].resources[0]: Request limit exceeded: "
           "Recursion depth exceeds 2.",
           "max_nested_stack_depth: Heat's reason, members as [n]");
    json_decref(r);
    fx_expect_state(st, id, "CREATE", "FAILED", "parent");

    ok(create(e, loop, files, NULL, "loop", id, &err) != 0, "a template that nests itself");
    is_str(err.type, "StackValidationFailed", "is refused before the create");
    ok(strstr(err.message, "Recursion depth exceeds 2.") != NULL, "Heat's message");

    is_int(create(e, big, NULL, NULL, "big", id, &err), 0, "4 members + 2: accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    r = fx_resource(st, id, "g");
    is_str(fx_jstr(r, "status_reason"),
           "RequestLimitExceeded: resources.g: Request limit exceeded: Maximum resources per "
           "stack exceeded.",
           "max_resources_per_stack counts the root's total");
    ok(json_string_length(json_object_get(r, "physical_resource_id")) == 0, "no child was created");
    json_decref(r);
    json_decref(files);
    hh_stack_engine_free(e);
}

/* ---- resume ----------------------------------------------------------------- */

/* Stop the engine after ms of a create of nested stacks, resume in a new
 * one: every level completes and each resource has one child. */
static void resume_once(int ms, int *bad)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  t: {type: inner.yaml, properties: {label: x}}\n"
                       "  g:\n"
                       "    type: OS::Heat::ResourceGroup\n"
                       "    properties:\n"
                       "      count: 3\n"
                       "      resource_def: {type: inner.yaml, properties: {label: '%index%'}}\n";
    json_t *files = json_pack("{s:s}", "inner.yaml", inner_yaml), *kids = NULL, *kid, *row;
    hh_stack_engine *e = fx_engine(), *e2;
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], name[64];
    hh_error err;
    size_t i;
    int n = 0;

    snprintf(name, sizeof(name), "resume-%d", ms);
    if (create(e, tmpl, files, NULL, name, id, &err) != 0) {
        (*bad)++;
        diag("create: %s", err.message);
    }
    hh_stack_engine_run(e, ms);
    hh_stack_engine_free(e);
    e2 = fx_engine();
    st = hh_stack_engine_store(e2);
    hh_stack_resume_all(e2, 0, &n, &err);
    if (hh_stack_engine_run(e2, 20000) != 0)
        (*bad)++;
    row = fx_stack_row(st, id, false);
    if (row == NULL || strcmp(fx_jstr(row, "status"), "COMPLETE") != 0) {
        (*bad)++;
        diag("%d ms: %s", ms, row ? fx_jstr(row, "status_reason") : "no stack");
    }
    json_decref(row);
    /* one child per resource, each complete; the group's members too */
    if (children(st, id, &kids) != 2)
        (*bad)++;
    json_array_foreach(kids, i, kid)
    {
        json_t *r = fx_resource(st, id, fx_jstr(kid, "parent_resource_name"));

        if (strcmp(fx_jstr(kid, "status"), "COMPLETE") != 0 ||
            strcmp(fx_jstr(r, "physical_resource_id"), fx_jstr(kid, "id")) != 0)
            (*bad)++;
        json_decref(r);
        if (strcmp(fx_jstr(kid, "parent_resource_name"), "g") == 0 &&
            children(st, fx_jstr(kid, "id"), NULL) != 3)
            (*bad)++;
    }
    json_decref(kids);
    is_int(hh_stack_delete(e2, id, 0, &err), 0, "%d ms: delete after the resume", ms);
    hh_stack_engine_run(e2, 20000);
    row = fx_stack_row(st, id, true);
    if (row == NULL || strcmp(fx_jstr(row, "action"), "DELETE") != 0 ||
        strcmp(fx_jstr(row, "status"), "COMPLETE") != 0)
        (*bad)++;
    json_decref(row);
    json_decref(files);
    hh_stack_engine_free(e2);
}

static void test_resume(void)
{
    int ms, bad = 0;

    for (ms = 0; ms <= 90; ms += 6)
        resume_once(ms, &bad);
    is_int(bad, 0, "resumed at 16 points: every level completes, no child twice");
}

/* A nested stack's end wakes its parent resource at once: with a poll
 * interval of an hour, the parents of a ResourceGroup, an OS::Heat::Stack
 * and a template resource complete their create and delete only through
 * the wake (the run's bound is far below the interval). */
static void test_nested_wake(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  group:\n"
                       "    type: OS::Heat::ResourceGroup\n"
                       "    properties:\n"
                       "      count: 3\n"
                       "      resource_def: {type: OS::Heat::None}\n"
                       "  remote:\n"
                       "    type: OS::Heat::Stack\n"
                       "    properties:\n"
                       "      template: |\n"
                       "        heat_template_version: 2016-10-14\n"
                       "        resources:\n"
                       "          v: {type: OS::Heat::Value, properties: {value: x}}\n"
                       "  tr:\n"
                       "    type: chain.yaml\n"
                       "    depends_on: [group, remote]\n";
    const char *chain = "heat_template_version: 2016-10-14\n"
                        "resources:\n"
                        "  a: {type: OS::Heat::None}\n"
                        "  b: {type: OS::Heat::None, depends_on: a}\n";
    hh_stack_engine_opts o = {
        .store_url = fx_store_url(), .workers = 2, .poll_secs = 3600, .error_wait_secs = 0.05};
    hh_stack_engine *e = NULL;
    hh_store *st;
    json_t *files = json_pack("{s:s}", "chain.yaml", chain), *row;
    char id[HH_STORE_ID_LEN];
    hh_error err;

    is_int(hh_stack_engine_new(&o, &e, &err), 0, "wake: engine polling every hour");
    if (e == NULL)
        goto done;
    st = hh_stack_engine_store(e);
    is_int(create(e, tmpl, files, NULL, "wake", id, &err), 0, "wake: create accepted");
    is_int(hh_stack_engine_run(e, 30000), 0, "wake: the create ends without a poll");
    fx_expect_state(st, id, "CREATE", "COMPLETE", "wake: parent");
    is_int(children(st, id, NULL), 2, "wake: the group's and the template resource's stacks");
    is_int(hh_stack_delete(e, id, 0, &err), 0, "wake: delete");
    is_int(hh_stack_engine_run(e, 30000), 0, "wake: the delete ends without a poll");
    row = fx_stack_row(st, id, true);
    is_str(fx_jstr(row, "action"), "DELETE", "wake: parent DELETE");
    is_str(fx_jstr(row, "status"), "COMPLETE", "wake: ... COMPLETE");
    json_decref(row);
    hh_stack_engine_free(e);
done:
    json_decref(files);
}

/* A job_end hook (hh_stack_engine_opts) holding the first job of
 * resource res that ends waiting until the nested stack it made (its
 * physical id) is CREATE_COMPLETE: the child's end, and the wake the
 * owner sends for it, come while the parent resource's job still runs. */
typedef struct held_job {
    const char *res;
    atomic_int held;   /* jobs held (1 at most) */
    atomic_bool ended; /* the child ended while the job was held */
} held_job;

static void hold_until_child_ends(void *arg, const char *stack_id, const char *resource,
                                  bool waiting)
{
    held_job *h = arg;
    hh_store *st = NULL;
    json_t *r, *row;
    char child[HH_STORE_ID_LEN];

    if (!waiting || strcmp(resource, h->res) != 0 || atomic_fetch_add(&h->held, 1) != 0)
        return;
    if (hh_store_open(fx_store_url(), &st, NULL) != 0)
        return;
    r = fx_resource(st, stack_id, h->res);
    snprintf(child, sizeof(child), "%s", fx_jstr(r, "physical_resource_id"));
    json_decref(r);
    /* a bounded wait for a state (20 s: the child has one resource) */
    for (int i = 0; i < 2000 && child[0] != '\0' && !atomic_load(&h->ended); i++) {
        row = fx_stack_row(st, child, true);
        if (strcmp(fx_jstr(row, "action"), "CREATE") == 0 &&
            strcmp(fx_jstr(row, "status"), "COMPLETE") == 0)
            atomic_store(&h->ended, true);
        else
            usleep(10000);
        json_decref(row);
    }
    hh_store_close(st);
}

/* The lost wake: a nested stack that ends while its parent resource's
 * job (the handler that made it) still runs sends its wake before the
 * resource waits; the engine polls every hour, so the parent completes
 * only when the wake is kept for the job's result. For each kind of
 * parent resource, its job is held until its child ended. */
static void test_nested_wake_held(void)
{
    static const char *const kinds[][2] = {
        {"remote", "heat_template_version: 2016-10-14\n"
                   "resources:\n"
                   "  remote:\n"
                   "    type: OS::Heat::Stack\n"
                   "    properties:\n"
                   "      template: |\n"
                   "        heat_template_version: 2016-10-14\n"
                   "        resources:\n"
                   "          v: {type: OS::Heat::Value, properties: {value: x}}\n"},
        {"group", "heat_template_version: 2016-10-14\n"
                  "resources:\n"
                  "  group:\n"
                  "    type: OS::Heat::ResourceGroup\n"
                  "    properties:\n"
                  "      count: 1\n"
                  "      resource_def: {type: OS::Heat::None}\n"},
        {"tr", "heat_template_version: 2016-10-14\n"
               "resources:\n"
               "  tr: {type: one.yaml}\n"},
    };
    json_t *files = json_pack("{s:s}", "one.yaml",
                              "heat_template_version: 2016-10-14\n"
                              "resources:\n"
                              "  a: {type: OS::Heat::None}\n");
    size_t k;

    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        const char *res = kinds[k][0];
        held_job h = {.res = res};
        hh_stack_engine_opts o = {.store_url = fx_store_url(),
                                  .workers = 2,
                                  .poll_secs = 3600,
                                  .error_wait_secs = 0.05,
                                  .job_end = hold_until_child_ends,
                                  .job_end_arg = &h};
        hh_stack_engine *e = NULL;
        char id[HH_STORE_ID_LEN], name[32];
        hh_error err;

        snprintf(name, sizeof(name), "held-%s", res);
        is_int(hh_stack_engine_new(&o, &e, &err), 0, "%s: engine polling every hour", name);
        if (e == NULL)
            continue;
        is_int(create(e, kinds[k][1], files, NULL, name, id, &err), 0, "%s: create accepted", name);
        is_int(hh_stack_engine_run(e, 20000), 0, "%s: the create ends without a poll", name);
        is_int(atomic_load(&h.held), 1, "%s: the parent resource's job was held", name);
        ok(atomic_load(&h.ended), "%s: its child ended while it ran", name);
        fx_expect_state(hh_stack_engine_store(e), id, "CREATE", "COMPLETE", name);
        hh_stack_engine_free(e);
    }
    json_decref(files);
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_nested") != 0)
        return 99;
    test_heat_stack();
    test_heat_stack_fail();
    test_template_resource();
    test_nested_failure();
    test_resource_group();
    test_resource_chain();
    test_update();
    test_update_removes_template_resources();
    test_autoscaling_group();
    test_scaling_policy();
    test_limits();
    test_resume();
    test_nested_wake();
    test_nested_wake_held();
    fx_store_close();
    return done_testing();
}
