/* Unit tests of the group resources' attribute paths and update policies
 * (res_group, res_heat_scaling, res_nested): get_attr with a path through
 * ResourceGroup, ResourceChain, AutoScalingGroup and OS::Heat::Stack as
 * Heat 19's get_attribute(key, *path) answers it (resource_group.py,
 * resource_chain.py, autoscaling_group.py, grouputils.get_nested_attrs,
 * attributes.select_from_attribute), in outputs and in the properties of
 * dependent resources. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stack_engine.h"
#include "stack_fixture.h"
#include "store.h"
#include "tap.h"

/* Whether output key of outs is the JSON text want. */
static bool out_is(const json_t *outs, const char *key, const char *want)
{
    char *s = json_dumps(json_object_get(outs, key), JSON_COMPACT | JSON_ENCODE_ANY);
    bool same = s != NULL && strcmp(s, want) == 0;

    if (!same)
        diag("%s: got %s, want %s", key, s ? s : "(none)", want);
    free(s);
    return same;
}

/* The physical id of resource name of stack id, into buf. */
static const char *phys(hh_store *st, const char *id, const char *name, char *buf, size_t len)
{
    json_t *r = fx_resource(st, id, name);

    snprintf(buf, len, "%s", fx_jstr(r, "physical_resource_id"));
    json_decref(r);
    return buf;
}

/* Create text as stack name and run it to its end: CREATE_COMPLETE. */
static bool create_run(hh_stack_engine *e, const char *text, const char *name, char *id)
{
    hh_error err;

    if (fx_create(e, text, NULL, NULL, name, id, &err) != 0 || hh_stack_engine_run(e, 20000) != 0)
        return false;
    return fx_state_is(hh_stack_engine_store(e), id, "CREATE", "COMPLETE");
}

/* ---- attribute paths -------------------------------------------------------- */

static void test_group_paths(void)
{
    const char *tmpl =
        "heat_template_version: 2016-10-14\n"
        "resources:\n"
        "  g:\n"
        "    type: OS::Heat::ResourceGroup\n"
        "    properties:\n"
        "      count: 3\n"
        "      resource_def:\n"
        "        type: OS::Heat::Value\n"
        "        properties: {type: json, value: {k: 'v%index%', l: ['a%index%', b]}}\n"
        "  dep:\n"
        "    type: OS::Heat::Value\n"
        "    properties:\n"
        "      value: {list_join: ['+', [{get_attr: [g, resource.1, value, k]},\n"
        "                                {get_attr: [g, resource.2.value, l, 0]}]]}\n"
        "outputs:\n"
        "  member: {value: {get_attr: [g, resource.1, value, k]}}\n"
        "  dotted: {value: {get_attr: [g, resource.2.value, l, 0]}}\n"
        "  whole: {value: {get_attr: [g, resource.0.value]}}\n"
        "  list: {value: {get_attr: [g, value, k]}}\n"
        "  list_index: {value: {get_attr: [g, value, l, 1]}}\n"
        "  attributes: {value: {get_attr: [g, attributes, value, l, 0]}}\n"
        "  attributes_bare: {value: {get_attr: [g, attributes]}}\n"
        "  refs_0: {value: {get_attr: [g, refs, 0]}}\n"
        "  refs_map_path: {value: {get_attr: [g, refs_map, '0']}}\n"
        "  missing: {value: {get_attr: [g, resource.7, value]}}\n"
        "  dep: {value: {get_attr: [dep, value]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], ref[HH_STORE_ID_LEN + 64];
    json_t *outs, *refs_map;

    ok(create_run(e, tmpl, "gp", id), "ResourceGroup with get_attr paths: CREATE_COMPLETE");
    phys(st, id, "g", cid, sizeof(cid));
    outs = fx_outputs(st, id);
    ok(out_is(outs, "member", "\"v1\""), "[g, resource.1, value, k]: member 1's value.k");
    ok(out_is(outs, "dotted", "\"a2\""), "[g, resource.2.value, l, 0]: the path after the name");
    ok(out_is(outs, "whole", "{\"k\":\"v0\",\"l\":[\"a0\",\"b\"]}"), "resource.<i>.<attr>");
    ok(out_is(outs, "list", "[\"v0\",\"v1\",\"v2\"]"), "[g, value, k]: every member's value.k");
    ok(out_is(outs, "list_index", "[\"b\",\"b\",\"b\"]"), "[g, value, l, 1]");
    ok(out_is(outs, "attributes", "{\"0\":\"a0\",\"1\":\"a1\",\"2\":\"a2\"}"),
       "[g, attributes, value, l, 0]: {member: value}");
    is_str(fx_jstr(json_object_get(outs, "attributes_bare"), "output_error"),
           "The Referenced Attribute (g attributes) is incorrect.",
           "attributes without a path: InvalidTemplateAttribute");
    phys(st, cid, "0", ref, sizeof(ref));
    is_str(fx_jstr(outs, "refs_0"), ref, "[g, refs, 0]: the path selects from refs");
    refs_map = json_object_get(outs, "refs_map_path");
    ok(json_is_object(refs_map) && json_object_size(refs_map) == 3,
       "[g, refs_map, '0']: refs_map ignores the path (Heat's output)");
    is_str(fx_jstr(json_object_get(outs, "missing"), "output_error"),
           "Member '7' not found in group resource 'g'.", "a member not in the group: NotFound");
    ok(out_is(outs, "dep", "\"v1+a2\""), "get_attr paths in a dependent resource's properties");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

static void test_chain_paths(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  c:\n"
                       "    type: OS::Heat::ResourceChain\n"
                       "    properties:\n"
                       "      resources: [OS::Heat::Value, OS::Heat::Value]\n"
                       "      resource_properties: {type: json, value: {x: [1, 2]}}\n"
                       "  dep:\n"
                       "    type: OS::Heat::Value\n"
                       "    properties: {value: {get_attr: [c, resource.1, value, x, 1]}}\n"
                       "outputs:\n"
                       "  attributes: {value: {get_attr: [c, attributes, value, x, 1]}}\n"
                       "  member: {value: {get_attr: [c, resource.1, value, x]}}\n"
                       "  ref: {value: {get_attr: [c, resource.0]}}\n"
                       "  list: {value: {get_attr: [c, value, x, 0]}}\n"
                       "  refs_1: {value: {get_attr: [c, refs, 1]}}\n"
                       "  missing: {value: {get_attr: [c, resource.2]}}\n"
                       "  dep: {value: {get_attr: [dep, value]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], ref[HH_STORE_ID_LEN + 64];
    json_t *outs;

    ok(create_run(e, tmpl, "cp", id), "ResourceChain with get_attr paths: CREATE_COMPLETE");
    phys(st, id, "c", cid, sizeof(cid));
    outs = fx_outputs(st, id);
    ok(out_is(outs, "attributes", "{\"0\":2,\"1\":2}"), "[c, attributes, value, x, 1]");
    ok(out_is(outs, "member", "[1,2]"), "[c, resource.1, value, x]");
    phys(st, cid, "0", ref, sizeof(ref));
    is_str(fx_jstr(outs, "ref"), ref, "[c, resource.0]: the member's reference");
    ok(out_is(outs, "list", "[1,1]"), "[c, value, x, 0]: every member's");
    phys(st, cid, "1", ref, sizeof(ref));
    is_str(fx_jstr(outs, "refs_1"), ref, "[c, refs, 1]");
    is_str(fx_jstr(json_object_get(outs, "missing"), "output_error"),
           "Member '2' not found in group resource 'c'.", "a member not in the chain: NotFound");
    ok(out_is(outs, "dep", "2"), "a path in a dependent resource's properties");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

static void test_asg_paths(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  a:\n"
                       "    type: OS::Heat::AutoScalingGroup\n"
                       "    properties:\n"
                       "      min_size: 2\n"
                       "      max_size: 3\n"
                       "      resource:\n"
                       "        type: OS::Heat::Value\n"
                       "        properties: {type: json, value: {k: [same, other]}}\n"
                       "  dep:\n"
                       "    type: OS::Heat::Value\n"
                       "    properties: {value: {get_attr: [a, outputs_list, value, k, 1]}}\n"
                       "outputs:\n"
                       "  outputs: {value: {get_attr: [a, outputs, value, k, 0]}}\n"
                       "  outputs_list: {value: {get_attr: [a, outputs_list, value, k]}}\n"
                       "  outputs_bare: {value: {get_attr: [a, outputs]}}\n"
                       "  size: {value: {get_attr: [a, current_size]}}\n"
                       "  refs: {value: {get_attr: [a, refs]}}\n"
                       "  refs_map: {value: {get_attr: [a, refs_map]}}\n"
                       "  r1: {value: {get_attr: [a, resource.1, value, k, 0]}}\n"
                       "  r0: {value: {get_attr: [a, resource.0.value, k]}}\n"
                       "  other: {value: {get_attr: [a, value]}}\n"
                       "  dep: {value: {get_attr: [dep, value]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], want[256];
    json_t *outs, *rows = NULL;
    const char *m0, *m1;

    ok(create_run(e, tmpl, "ap", id), "AutoScalingGroup with get_attr paths: CREATE_COMPLETE");
    phys(st, id, "a", cid, sizeof(cid));
    hh_store_resource_list(st, cid, &rows, NULL);
    is_int(json_array_size(rows), 2, "two members");
    m0 = fx_jstr(json_array_get(rows, 0), "name");
    m1 = fx_jstr(json_array_get(rows, 1), "name");
    outs = fx_outputs(st, id);
    snprintf(want, sizeof(want), "{\"%s\":\"same\",\"%s\":\"same\"}", m0 ? m0 : "", m1 ? m1 : "");
    {
        /* a mapping's key order is not the test's business */
        json_t *w = json_loads(want, 0, NULL);

        ok(json_equal(w, json_object_get(outs, "outputs")),
           "[a, outputs, value, k, 0]: {member: value}");
        json_decref(w);
    }
    ok(out_is(outs, "outputs_list", "[[\"same\",\"other\"],[\"same\",\"other\"]]"),
       "[a, outputs_list, value, k]: [value]");
    is_str(fx_jstr(json_object_get(outs, "outputs_bare"), "output_error"),
           "The Referenced Attribute (a outputs) is incorrect.",
           "outputs without a path: InvalidTemplateAttribute");
    ok(out_is(outs, "size", "2"), "current_size");
    is_int(json_array_size(json_object_get(outs, "refs")), 2, "refs");
    is_int(json_object_size(json_object_get(outs, "refs_map")), 2, "refs_map");
    ok(out_is(outs, "r1", "\"same\""), "[a, resource.1, value, k, 0]: by index");
    ok(out_is(outs, "r0", "[\"same\",\"other\"]"), "[a, resource.0.value, k]");
    is_str(fx_jstr(json_object_get(outs, "other"), "output_error"),
           "The Referenced Attribute (a value) is incorrect.",
           "another name: InvalidTemplateAttribute (an AutoScalingGroup has no member lists)");
    ok(out_is(outs, "dep", "[\"other\",\"other\"]"), "a path in a dependent resource");
    json_decref(outs);
    json_decref(rows);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

static void test_stack_paths(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  s:\n"
                       "    type: OS::Heat::Stack\n"
                       "    properties:\n"
                       "      template: |\n"
                       "        heat_template_version: 2016-10-14\n"
                       "        outputs:\n"
                       "          o: {value: {k: [x, y]}}\n"
                       "  dep:\n"
                       "    type: OS::Heat::Value\n"
                       "    properties: {value: {get_attr: [s, outputs, o, k, 1]}}\n"
                       "outputs:\n"
                       "  o: {value: {get_attr: [s, outputs, o]}}\n"
                       "  ok: {value: {get_attr: [s, outputs, o, k, 0]}}\n"
                       "  none: {value: {get_attr: [s, outputs, nothing, k]}}\n"
                       "  dep: {value: {get_attr: [dep, value]}}\n";
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN];
    json_t *outs;

    ok(create_run(e, tmpl, "sp", id), "OS::Heat::Stack with get_attr paths: CREATE_COMPLETE");
    outs = fx_outputs(st, id);
    ok(out_is(outs, "o", "{\"k\":[\"x\",\"y\"]}"), "[s, outputs, o]: the output");
    ok(out_is(outs, "ok", "\"x\""), "[s, outputs, o, k, 0]: a path into it");
    ok(out_is(outs, "none", "null"), "a path that leads nowhere: None");
    ok(out_is(outs, "dep", "\"y\""), "a path in a dependent resource");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

/* ---- update policies ---------------------------------------------------- */

/* A group of count members of OS::Heat::Value "<val>-%index%" with the
 * update_policy text policy (may be ""). */
static const char *group_yaml(char *buf, size_t len, int count, const char *val, const char *policy)
{
    snprintf(buf, len,
             "heat_template_version: 2016-10-14\n"
             "resources:\n"
             "  g:\n"
             "    type: OS::Heat::ResourceGroup\n"
             "%s"
             "    properties:\n"
             "      count: %d\n"
             "      resource_def:\n"
             "        type: OS::Heat::Value\n"
             "        properties: {value: '%s-%%index%%'}\n"
             "outputs:\n"
             "  values: {value: {get_attr: [g, value]}}\n",
             policy, count, val);
    return buf;
}

/* Which action of the group's stack (named stack) event i of evs
 * (borrowed) ran in: the number of the stack's own IN_PROGRESS events up
 * to it (a batch is one action of the stack). */
static long batch_in(const json_t *evs, long i, const char *stack)
{
    const char *name, *status;
    long k, n = 0;

    for (k = 0; k <= i && k < (long)json_array_size(evs); k++) {
        name = fx_jstr(json_array_get(evs, (size_t)k), "resource_name");
        status = fx_jstr(json_array_get(evs, (size_t)k), "resource_status");
        n += name != NULL && strcmp(name, stack) == 0 && status != NULL &&
             strcmp(status, "IN_PROGRESS") == 0;
    }
    return i >= 0 ? n : -1;
}

/* batch_in for a ResourceGroup's stack, whose members are named by
 * digits: the first event not of a member names the stack. */
static long batch_of(const json_t *evs, long i)
{
    const char *name = fx_jstr(json_array_get(evs, 0), "resource_name");

    return batch_in(evs, i, name != NULL ? name : "");
}

static double now_secs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Update stack id to text and run it: UPDATE_COMPLETE. */
static bool update_run(hh_stack_engine *e, const char *id, const char *text)
{
    hh_error err;

    if (fx_update(e, id, text, NULL, &err) != 0 || hh_stack_engine_run(e, 20000) != 0)
        return false;
    return fx_state_is(hh_stack_engine_store(e), id, "UPDATE", "COMPLETE");
}

static void test_rolling_update(void)
{
    const char *policy = "    update_policy:\n"
                         "      rolling_update: {max_batch_size: 1, pause_time: 0.3}\n";
    char t[2048], id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *outs, *evs;
    long u0, u1, u2, c0, c1, c2, n0;
    double took;

    ok(create_run(e, group_yaml(t, sizeof(t), 3, "a", policy), "ru", id),
       "rolling_update group: CREATE_COMPLETE");
    phys(st, id, "g", cid, sizeof(cid));
    took = now_secs();
    ok(update_run(e, id, group_yaml(t, sizeof(t), 3, "b", policy)),
       "a changed resource_def: UPDATE_COMPLETE");
    took = now_secs() - took;
    outs = fx_outputs(st, id);
    ok(out_is(outs, "values", "[\"b-0\",\"b-1\",\"b-2\"]"), "every member has the new definition");
    json_decref(outs);
    evs = fx_events(st, cid);
    u0 = fx_ev_find(evs, "0", "UPDATE", "IN_PROGRESS");
    u1 = fx_ev_find(evs, "1", "UPDATE", "IN_PROGRESS");
    u2 = fx_ev_find(evs, "2", "UPDATE", "IN_PROGRESS");
    c0 = fx_ev_find(evs, "0", "UPDATE", "COMPLETE");
    c1 = fx_ev_find(evs, "1", "UPDATE", "COMPLETE");
    c2 = fx_ev_find(evs, "2", "UPDATE", "COMPLETE");
    ok(u0 >= 0 && u1 >= 0 && u2 >= 0, "each member updated");
    ok(c2 >= 0 && c2 < u1 && c1 >= 0 && c1 < u0,
       "one at a time, the highest index first (replace_priority): 2, then 1, then 0");
    ok(batch_of(evs, u2) < batch_of(evs, u1) && batch_of(evs, u1) < batch_of(evs, u0),
       "each in an update of its own of the group's stack");
    ok(took >= 0.6, "pause_time 0.3 between the 3 batches: the update took at least 0.6 s");
    json_decref(evs);

    /* max_batch_size 2: members 2 and 1 together, then 0 */
    policy = "    update_policy:\n"
             "      rolling_update: {max_batch_size: 2}\n";
    ok(update_run(e, id, group_yaml(t, sizeof(t), 3, "c", policy)),
       "batches of 2: UPDATE_COMPLETE");
    evs = fx_events(st, cid);
    n0 = (long)json_array_size(evs);
    {
        /* only the events of this update: after the last UPDATE COMPLETE of "0" before it */
        json_t *tail = json_array();
        size_t i;

        for (i = (size_t)(c0 + 1); i < (size_t)n0; i++)
            json_array_append(tail, json_array_get(evs, i));
        u0 = fx_ev_find(tail, "0", "UPDATE", "IN_PROGRESS");
        u1 = fx_ev_find(tail, "1", "UPDATE", "IN_PROGRESS");
        u2 = fx_ev_find(tail, "2", "UPDATE", "IN_PROGRESS");
        c1 = fx_ev_find(tail, "1", "UPDATE", "COMPLETE");
        c2 = fx_ev_find(tail, "2", "UPDATE", "COMPLETE");
        ok(u1 >= 0 && u2 >= 0 && batch_of(tail, u1) == batch_of(tail, u2),
           "members 2 and 1 in one batch");
        ok(u0 > c1 && u0 > c2 && batch_of(tail, u0) == batch_of(tail, u1) + 1,
           "member 0 in the next");
        json_decref(tail);
    }
    json_decref(evs);
    outs = fx_outputs(st, id);
    ok(out_is(outs, "values", "[\"c-0\",\"c-1\",\"c-2\"]"), "the new definition everywhere");
    json_decref(outs);

    /* count alone changes: no rolling update, one resize */
    ok(update_run(e, id, group_yaml(t, sizeof(t), 4, "c", policy)), "count 4: UPDATE_COMPLETE");
    outs = fx_outputs(st, id);
    ok(out_is(outs, "values", "[\"c-0\",\"c-1\",\"c-2\",\"c-3\"]"), "resized");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

static void test_min_in_service(void)
{
    const char *policy = "    update_policy:\n"
                         "      rolling_update: {max_batch_size: 1, min_in_service: 2}\n";
    char t[2048], id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *outs, *evs, *rows = NULL;
    long n2, d2, u0, u1, c0, c1;

    ok(create_run(e, group_yaml(t, sizeof(t), 2, "a", policy), "mis", id),
       "min_in_service group: CREATE_COMPLETE");
    phys(st, id, "g", cid, sizeof(cid));
    ok(update_run(e, id, group_yaml(t, sizeof(t), 2, "b", policy)), "UPDATE_COMPLETE");
    evs = fx_events(st, cid);
    n2 = fx_ev_find(evs, "2", "CREATE", "COMPLETE");
    d2 = fx_ev_find(evs, "2", "DELETE", "COMPLETE");
    u0 = fx_ev_find(evs, "0", "UPDATE", "IN_PROGRESS");
    u1 = fx_ev_find(evs, "1", "UPDATE", "IN_PROGRESS");
    c0 = fx_ev_find(evs, "0", "UPDATE", "COMPLETE");
    c1 = fx_ev_find(evs, "1", "UPDATE", "COMPLETE");
    ok(n2 >= 0 && n2 < u1, "an extra member 2 first, so that 2 stay in service");
    ok(c1 >= 0 && c1 < u0, "then member 1, then member 0");
    ok(d2 > c0 && c0 >= 0, "the extra member removed last");
    json_decref(evs);
    hh_store_resource_list(st, cid, &rows, NULL);
    is_int(json_array_size(rows), 2, "two members at the end");
    json_decref(rows);
    outs = fx_outputs(st, id);
    ok(out_is(outs, "values", "[\"b-0\",\"b-1\"]"), "the new definition");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

static void test_batch_create(void)
{
    const char *policy = "    update_policy:\n"
                         "      batch_create: {max_batch_size: 2, pause_time: 0.3}\n";
    char t[2048], id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *outs, *evs, *row;
    long c0, c1, s2;
    double took;

    took = now_secs();
    ok(create_run(e, group_yaml(t, sizeof(t), 3, "a", policy), "bc", id),
       "batch_create group: CREATE_COMPLETE");
    took = now_secs() - took;
    phys(st, id, "g", cid, sizeof(cid));
    evs = fx_events(st, cid);
    c0 = fx_ev_find(evs, "0", "CREATE", "COMPLETE");
    c1 = fx_ev_find(evs, "1", "CREATE", "COMPLETE");
    s2 = fx_ev_find(evs, "2", "CREATE", "IN_PROGRESS");
    ok(c0 >= 0 && c1 >= 0 && s2 > c0 && s2 > c1, "members 0 and 1 first, then member 2");
    ok(batch_of(evs, c0) == 1 && batch_of(evs, c1) == 1 && batch_of(evs, s2) == 2,
       "two batches: the create of the group's stack, then an update");
    ok(took >= 0.3, "pause_time 0.3 between them: the create took at least 0.3 s");
    json_decref(evs);
    row = fx_stack_row(st, cid, false);
    is_str(fx_jstr(row, "action"), "UPDATE", "the second batch is an update of the group's stack");
    json_decref(row);
    outs = fx_outputs(st, id);
    ok(out_is(outs, "values", "[\"a-0\",\"a-1\",\"a-2\"]"), "every member");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

static void test_policy_timeout(void)
{
    const char *policy = "    update_policy:\n"
                         "      batch_create: {max_batch_size: 1, pause_time: 3000}\n";
    char t[2048], id[HH_STORE_ID_LEN];
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *r;
    hh_error err;

    is_int(fx_create(e, group_yaml(t, sizeof(t), 3, "a", policy), NULL, NULL, "pt", id, &err), 0,
           "create accepted");
    is_int(hh_stack_engine_run(e, 20000), 0, "it ends");
    ok(fx_state_is(st, id, "CREATE", "FAILED"), "pauses beyond the timeout: CREATE_FAILED");
    r = fx_resource(st, id, "g");
    is_str(fx_jstr(r, "status_reason"),
           "ValueError: resources.g: The current update policy will result in stack update "
           "timeout.",
           "Heat's ValueError");
    json_decref(r);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

/* An AutoScalingGroup of 3 OS::Heat::Value members of value val, rolled
 * out 2 at a time. */
static const char *asg_roll_yaml(char *buf, size_t len, const char *val)
{
    snprintf(buf, len,
             "heat_template_version: 2016-10-14\n"
             "resources:\n"
             "  a:\n"
             "    type: OS::Heat::AutoScalingGroup\n"
             "    properties:\n"
             "      min_size: 3\n"
             "      max_size: 3\n"
             "      rolling_updates: {max_batch_size: 2, pause_time: 0.3}\n"
             "      resource: {type: OS::Heat::Value, properties: {value: %s}}\n"
             "outputs:\n"
             "  values: {value: {get_attr: [a, outputs_list, value]}}\n",
             val);
    return buf;
}

static void test_asg_rolling(void)
{
    char t[1024], id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], sname[256];
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *outs, *evs, *rows = NULL, *row;
    const char *m[3];
    long u[3];
    double took;
    int k;

    asg_roll_yaml(t, sizeof(t), "a");
    ok(create_run(e, t, "ar", id), "AutoScalingGroup with rolling_updates: CREATE_COMPLETE");
    phys(st, id, "a", cid, sizeof(cid));
    row = fx_stack_row(st, cid, false);
    snprintf(sname, sizeof(sname), "%s", row != NULL ? fx_jstr(row, "name") : "");
    json_decref(row);
    asg_roll_yaml(t, sizeof(t), "b");
    took = now_secs();
    ok(update_run(e, id, t), "a changed resource: UPDATE_COMPLETE");
    took = now_secs() - took;
    hh_store_resource_list(st, cid, &rows, NULL);
    is_int(json_array_size(rows), 3, "three members still");
    evs = fx_events(st, cid);
    for (k = 0; k < 3; k++) {
        m[k] = fx_jstr(json_array_get(rows, (size_t)k), "name");
        u[k] = fx_ev_find(evs, m[k] ? m[k] : "", "UPDATE", "IN_PROGRESS");
    }
    ok(u[0] >= 0 && u[1] >= 0 && u[2] >= 0, "every member updated in place");
    ok(batch_in(evs, u[0], sname) == batch_in(evs, u[1], sname) &&
           batch_in(evs, u[2], sname) == batch_in(evs, u[0], sname) + 1,
       "the two oldest in the first batch, the newest in the next (max_batch_size 2)");
    ok(took >= 0.3, "pause_time 0.3 between the batches: the update took at least 0.3 s");
    json_decref(evs);
    json_decref(rows);
    outs = fx_outputs(st, id);
    ok(out_is(outs, "values", "[\"b\",\"b\",\"b\"]"), "every member has the new definition");
    json_decref(outs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

/* A ResourceChain of two OS::Heat::TestResource of wait_secs 0.2,
 * concurrent or not. */
static const char *chain_yaml(char *buf, size_t len, const char *concurrent)
{
    snprintf(buf, len,
             "heat_template_version: 2016-10-14\n"
             "resources:\n"
             "  c:\n"
             "    type: OS::Heat::ResourceChain\n"
             "    properties:\n"
             "      concurrent: %s\n"
             "      resources: [OS::Heat::TestResource, OS::Heat::TestResource]\n"
             "      resource_properties: {wait_secs: 0.2}\n",
             concurrent);
    return buf;
}

/* ResourceChain concurrent: true: no member waits for another. */
static void test_chain_concurrent(void)
{
    char t[1024], id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN];
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *evs;

    chain_yaml(t, sizeof(t), "true");
    ok(create_run(e, t, "cc", id), "concurrent chain: CREATE_COMPLETE");
    phys(st, id, "c", cid, sizeof(cid));
    evs = fx_events(st, cid);
    ok(fx_ev_find(evs, "1", "CREATE", "IN_PROGRESS") >= 0 &&
           fx_ev_find(evs, "1", "CREATE", "IN_PROGRESS") <
               fx_ev_find(evs, "0", "CREATE", "COMPLETE"),
       "member 1 starts before member 0 completes");
    json_decref(evs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    chain_yaml(t, sizeof(t), "false");
    ok(create_run(e, t, "cs", id), "chain: CREATE_COMPLETE");
    phys(st, id, "c", cid, sizeof(cid));
    evs = fx_events(st, cid);
    ok(fx_ev_find(evs, "1", "CREATE", "IN_PROGRESS") > fx_ev_find(evs, "0", "CREATE", "COMPLETE"),
       "not concurrent: member 1 waits for member 0");
    json_decref(evs);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

/* A group of 3 OS::Heat::TestResource with the removal_policies text
 * policies and removal_policies_mode mode. */
static const char *removal_yaml(char *buf, size_t len, const char *policies, const char *mode)
{
    snprintf(buf, len,
             "heat_template_version: 2016-10-14\n"
             "resources:\n"
             "  g:\n"
             "    type: OS::Heat::ResourceGroup\n"
             "    properties:\n"
             "      count: 3\n"
             "      removal_policies: %s\n"
             "      removal_policies_mode: %s\n"
             "      resource_def: {type: OS::Heat::TestResource, properties: {value: x}}\n"
             "outputs:\n"
             "  refs_map: {value: {get_attr: [g, refs_map]}}\n"
             "  removed: {value: {get_attr: [g, removed_rsrc_list]}}\n",
             policies, mode);
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The member names of the group's stack cid, sorted, as JSON text (new). */
static char *member_list(hh_store *st, const char *cid)
{
    json_t *rows = NULL, *names = json_array();
    const char *v[16];
    size_t i, n;
    char *s;

    hh_store_resource_list(st, cid, &rows, NULL);
    n = json_array_size(rows) < 16 ? json_array_size(rows) : 16;
    for (i = 0; i < n; i++)
        v[i] = fx_jstr(json_array_get(rows, i), "name");
    qsort(v, n, sizeof(v[0]), cmp_str);
    for (i = 0; i < n; i++)
        json_array_append_new(names, json_string(v[i]));
    s = json_dumps(names, JSON_COMPACT);
    json_decref(names);
    json_decref(rows);
    return s;
}

static void test_removal_policies(void)
{
    char t[2048], pol[256], id[HH_STORE_ID_LEN], cid[HH_STORE_ID_LEN], *s;
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    json_t *outs;
    const char *ref1;

    ok(create_run(e, removal_yaml(t, sizeof(t), "[]", "append"), "rp", id),
       "group of 3: CREATE_COMPLETE");
    phys(st, id, "g", cid, sizeof(cid));
    outs = fx_outputs(st, id);
    ref1 = fx_jstr(json_object_get(outs, "refs_map"), "1");
    ok(ref1 != NULL && strcmp(ref1, "1") != 0, "member 1's reference is not its name");
    snprintf(pol, sizeof(pol), "[{resource_list: ['%s']}]", ref1 ? ref1 : "");
    json_decref(outs);
    ok(update_run(e, id, removal_yaml(t, sizeof(t), pol, "append")),
       "removal by reference: UPDATE_COMPLETE");
    s = member_list(st, cid);
    is_str(s, "[\"0\",\"2\",\"3\"]", "member 1 removed, its name skipped, 3 added");
    free(s);
    outs = fx_outputs(st, id);
    ok(out_is(outs, "removed", "[\"1\"]"), "removed_rsrc_list by name");
    json_decref(outs);

    ok(update_run(e, id, removal_yaml(t, sizeof(t), "[{resource_list: [0]}]", "append")),
       "removal by index (an int), mode append: UPDATE_COMPLETE");
    s = member_list(st, cid);
    is_str(s, "[\"2\",\"3\",\"4\"]", "member 0 removed as well");
    free(s);
    outs = fx_outputs(st, id);
    ok(out_is(outs, "removed", "[\"0\",\"1\"]"), "the skiplist appended to");
    json_decref(outs);

    ok(update_run(e, id, removal_yaml(t, sizeof(t), "[]", "update")),
       "removal_policies_mode update with no policy: UPDATE_COMPLETE");
    outs = fx_outputs(st, id);
    ok(out_is(outs, "removed", "[]"), "the skiplist replaced (emptied)");
    json_decref(outs);
    s = member_list(st, cid);
    is_str(s, "[\"0\",\"1\",\"2\"]", "the first names again");
    free(s);
    ok(fx_delete_run(e, id, NULL), "delete: DELETE_COMPLETE");
    hh_stack_engine_free(e);
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_group") != 0)
        return 99;
    test_group_paths();
    test_chain_paths();
    test_asg_paths();
    test_stack_paths();
    test_rolling_update();
    test_min_in_service();
    test_batch_create();
    test_policy_timeout();
    test_asg_rolling();
    test_chain_concurrent();
    test_removal_policies();
    fx_store_close();
    return done_testing();
}
