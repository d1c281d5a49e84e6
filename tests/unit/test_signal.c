/* Unit tests of resource signals, metadata and health marks
 * (stack_signal.c) and of the wait condition types (res_heat_wait.c) on
 * the store: a handle signalled, a WaitCondition completing with count N,
 * failing on FAILURE, timing out with Heat's reason, its data attribute;
 * the CFN variants; a signal to a type that takes none; mark_unhealthy;
 * a crash between a signal and the condition's completion. Reasons and
 * messages are Heat 19's (heat/engine/resource.py, wait_condition.py). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "res_plugin.h"
#include "stack_engine.h"
#include "stack_fixture.h"
#include "stack_model.h"
#include "store.h"
#include "tap.h"

static const char *jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "(none)";
}

static json_t *resource(hh_stack_engine *e, const char *id, const char *name)
{
    json_t *r = NULL;

    hh_store_resource_get_by_name(hh_stack_engine_store(e), id, name, &r, NULL);
    return r;
}

static const char *status_of(hh_stack_engine *e, const char *id, const char *name, char *buf,
                             size_t len)
{
    json_t *r = resource(e, id, name);

    snprintf(buf, len, "%s_%s", jstr(r, "action"), jstr(r, "status"));
    json_decref(r);
    return buf;
}

/* Run e until resource name is in state want (bounded: 5 s). */
static bool run_until(hh_stack_engine *e, const char *id, const char *name, const char *want)
{
    char buf[64];

    for (int i = 0; i < 250; i++) {
        if (strcmp(status_of(e, id, name, buf, sizeof(buf)), want) == 0)
            return true;
        hh_stack_engine_run(e, 20);
    }
    return strcmp(status_of(e, id, name, buf, sizeof(buf)), want) == 0;
}

static json_t *stack_row(hh_stack_engine *e, const char *id)
{
    json_t *row = NULL;

    hh_store_stack_get(hh_stack_engine_store(e), id, true, &row, NULL);
    return row;
}

/* The events of resource name with action act, in order. */
static json_t *events(hh_stack_engine *e, const char *id, const char *name, const char *act)
{
    json_t *all = NULL, *out = json_array(), *ev;
    size_t i;

    hh_store_event_list(hh_stack_engine_store(e), id, NULL, &all, NULL);
    json_array_foreach(all, i, ev)
    {
        if (strcmp(jstr(ev, "resource_name"), name) == 0 &&
            (act == NULL || strcmp(jstr(ev, "resource_action"), act) == 0))
            json_array_append(out, ev);
    }
    json_decref(all);
    return out;
}

static json_t *outputs(hh_stack_engine *e, const char *id)
{
    hh_stack_model *m = NULL;
    json_t *out = NULL;
    hh_error err;

    if (hh_stack_model_load(hh_stack_engine_store(e), id, false, &m, &err) == 0)
        hh_stack_model_outputs(m, hh_stack_engine_store(e), &out, &err);
    hh_stack_model_free(m);
    return out;
}

static int signal_json(hh_stack_engine *e, const char *id, const char *name, const char *details,
                       bool sync, json_t **md, hh_error *err)
{
    json_t *d = details != NULL ? json_loads(details, JSON_DECODE_ANY, NULL) : NULL;
    int rc;

    hh_error_clear(err);
    rc = hh_stack_resource_signal(e, id, name, d, sync, 0, md, err);
    json_decref(d);
    return rc;
}

static const char *heat_tmpl = "heat_template_version: 2016-10-14\n"
                               "resources:\n"
                               "  handle: {type: OS::Heat::WaitConditionHandle}\n"
                               "  wait:\n"
                               "    type: OS::Heat::WaitCondition\n"
                               "    properties:\n"
                               "      handle: {get_resource: handle}\n"
                               "      count: 2\n"
                               "      timeout: 30\n"
                               "  after: {type: OS::Heat::None, depends_on: wait}\n"
                               "outputs:\n"
                               "  data: {value: {get_attr: [wait, data]}}\n"
                               "  curl: {value: {get_attr: [handle, curl_cli]}}\n"
                               "  endpoint: {value: {get_attr: [handle, endpoint]}}\n"
                               "  token: {value: {get_attr: [handle, token]}}\n"
                               "  signal: {value: {get_attr: [handle, signal]}}\n";

static void test_heat_wait(void)
{
    hh_stack_engine *e = fx_engine();
    json_t *md = NULL, *evs, *row, *outs, *h;
    char id[HH_STORE_ID_LEN], buf[64], want[512];
    hh_error err;

    is_int(fx_create_text(e, heat_tmpl, "waiter", id), 0, "stack with a wait condition accepted");
    ok(run_until(e, id, "wait", "CREATE_IN_PROGRESS"), "the wait condition waits");
    is_str(status_of(e, id, "handle", buf, sizeof(buf)), "CREATE_COMPLETE", "the handle exists");
    h = resource(e, id, "handle");
    is_int(strlen(jstr(h, "physical_resource_id")), 32, "the handle's id: 32 hex digits");
    json_decref(h);
    hh_stack_engine_run(e, 50);
    is_str(status_of(e, id, "wait", buf, sizeof(buf)), "CREATE_IN_PROGRESS",
           "still waiting without signals");

    is_int(signal_json(e, id, "handle", "{\"status\": \"SUCCESS\", \"data\": \"d1\", \"id\": 1}",
                       true, &md, &err),
           0, "signal accepted");
    ok(json_is_object(json_object_get(md, "1")), "sync: the handle's metadata is answered");
    is_str(jstr(json_object_get(md, "1"), "reason"), "Signal 1 received", "Heat's default reason");
    ok(json_object_get(json_object_get(md, "1"), "id") == NULL, "the id is the key, not a field");
    json_decref(md);
    md = NULL;
    evs = events(e, id, "handle", "SIGNAL");
    is_int(json_array_size(evs), 1, "one SIGNAL event");
    is_str(jstr(json_array_get(evs, 0), "resource_status_reason"),
           "Signal: status:SUCCESS reason:Signal 1 received", "Heat's signal event reason");
    is_str(jstr(json_array_get(evs, 0), "resource_status"), "COMPLETE",
           "the event carries the resource's status");
    json_decref(evs);
    hh_stack_engine_run(e, 50);
    is_str(status_of(e, id, "wait", buf, sizeof(buf)), "CREATE_IN_PROGRESS",
           "1 of 2 signals: still waiting");

    /* bad signals: sync fails with Heat's ResourceFailure, async answers 0 */
    is_int(signal_json(e, id, "handle", "{\"status\": \"BOGUS\"}", true, NULL, &err), HH_EINVAL,
           "a bad status is refused");
    is_str(err.type, "ResourceFailure", "ResourceFailure");
    is_str(err.message, "ValueError: resources.handle: Metadata format invalid", "Heat's message");
    is_int(
        signal_json(e, id, "handle", "{\"status\": \"SUCCESS\", \"extra\": 1}", false, NULL, &err),
        0, "async: the handler's failure is not the caller's");
    is_int(signal_json(e, id, "handle", "[1]", true, NULL, &err), HH_EINVAL, "a list is no signal");
    is_str(err.message,
           "AttributeError: resources.handle: 'list' object has no attribute 'setdefault'",
           "Heat's AttributeError");
    evs = events(e, id, "handle", "SIGNAL");
    is_int(json_array_size(evs), 1, "failed signals leave no event");
    json_decref(evs);

    /* signals to other resources */
    is_int(signal_json(e, id, "after", "{}", false, NULL, &err), HH_EUNSUPPORTED,
           "None takes no signal, async too");
    is_str(err.type, "ResourceActionNotSupported", "ResourceActionNotSupported");
    is_str(err.message, "signal is not supported for resource.", "Heat's message");
    is_int(signal_json(e, id, "nope", "{}", true, NULL, &err), HH_ENOTFOUND, "no such resource");
    is_str(err.type, "ResourceNotFound", "ResourceNotFound");
    is_str(err.message, "The Resource (nope) could not be found in Stack waiter.",
           "Heat's message");
    is_int(signal_json(e, "0000", "handle", "{}", true, NULL, &err), HH_ENOTFOUND, "no such stack");
    is_str(err.type, "EntityNotFound", "EntityNotFound");

    /* breakpoint hooks */
    is_int(signal_json(e, id, "handle", "{\"unset_hook\": \"pre-nothing\"}", true, NULL, &err),
           HH_EINVAL, "an unknown hook type");
    is_str(err.type, "InvalidBreakPointHook", "InvalidBreakPointHook");
    h = resource(e, id, "handle");
    snprintf(want, sizeof(want),
             "Invalid hook type \"pre-nothing\" for HeatWaitConditionHandle \"handle\" [%s] "
             "Stack \"waiter\" [%s]",
             jstr(h, "physical_resource_id"), id);
    is_str(err.message, want, "Heat's message names the resource and the stack");
    is_int(signal_json(e, id, "handle", "{\"unset_hook\": \"pre-create\"}", true, NULL, &err),
           HH_EINVAL, "a hook the resource is not paused on");
    ok(strncmp(err.message, "The \"pre-create\" hook is not defined on HeatWaitConditionHandle",
               60) == 0,
       "Heat's message: %s", err.message);
    hh_store_resource_data_set(hh_stack_engine_store(e), 0,
                               json_integer_value(json_object_get(h, "id")), "pre-update", "True",
                               false, NULL);
    json_decref(h);
    is_int(signal_json(e, id, "handle", "{\"unset_hook\": \"pre-update\"}", true, NULL, &err), 0,
           "a hook set is cleared");
    evs = events(e, id, "handle", "CREATE");
    is_str(jstr(json_array_get(evs, json_array_size(evs) - 1), "resource_status_reason"),
           "Hook pre-update is cleared", "with Heat's event");
    json_decref(evs);
    is_int(signal_json(e, id, "handle", "{\"unset_hook\": \"pre-update\"}", true, NULL, &err),
           HH_EINVAL, "and is gone");

    is_int(signal_json(e, id, "handle", NULL, true, NULL, &err), 0, "second signal, no details");
    ok(run_until(e, id, "wait", "CREATE_COMPLETE"), "2 of 2: the wait condition completes");
    is_int(hh_stack_engine_run(e, 5000), 0, "the stack ends");
    row = stack_row(e, id);
    is_str(jstr(row, "status"), "COMPLETE", "CREATE_COMPLETE");
    json_decref(row);

    outs = outputs(e, id);
    is_str(jstr(outs, "data"), "{\"1\": \"d1\", \"2\": null}", "data: Heat's JSON of the signals");
    snprintf(want, sizeof(want),
             "http://127.0.0.1:8004/v1/tenant-1/stacks/waiter/%s/resources/"
             "handle/signal",
             id);
    is_str(jstr(outs, "endpoint"), want, "endpoint: the native API's signal URL");
    ok(strlen(jstr(outs, "token")) == 32, "token");
    snprintf(want, sizeof(want),
             "curl -i -X POST -H 'X-Auth-Token: %s' -H 'Content-Type: application/json' -H "
             "'Accept: application/json' http://127.0.0.1:8004/v1/tenant-1/stacks/waiter/%s/"
             "resources/handle/signal",
             jstr(outs, "token"), id);
    is_str(jstr(outs, "curl"), want, "curl_cli");
    is_str(jstr(outs, "signal"), "null", "signal of TOKEN_SIGNAL: null");
    json_decref(outs);

    is_int(hh_stack_resource_metadata(e, id, "handle", &md, &err), 0, "metadata show");
    is_int(json_object_size(md), 2, "both signals in the handle's metadata");
    json_decref(md);
    is_int(hh_stack_resource_metadata(e, id, "after", &md, &err), 0, "metadata of a None");
    ok(json_is_object(md) && json_object_size(md) == 0, "{}");
    json_decref(md);

    /* mark_unhealthy */
    is_int(hh_stack_resource_mark_unhealthy(e, id, "after", true, "broken", 0, &err), 0,
           "mark unhealthy");
    row = resource(e, id, "after");
    is_str(jstr(row, "action"), "CHECK", "CHECK ...");
    is_str(jstr(row, "status"), "FAILED", "... FAILED");
    is_str(jstr(row, "status_reason"), "broken", "with the reason given");
    is_int(hh_stack_resource_mark_unhealthy(e, id, jstr(row, "physical_resource_id"), true, NULL, 0,
                                            &err),
           0, "mark again, by physical id");
    json_decref(row);
    evs = events(e, id, "after", "CHECK");
    is_int(json_array_size(evs), 1, "no event when the state stays");
    json_decref(evs);
    is_int(hh_stack_resource_mark_unhealthy(e, id, "after", false, NULL, 0, &err), 0, "unmark");
    row = resource(e, id, "after");
    is_str(jstr(row, "status"), "COMPLETE", "CHECK_COMPLETE");
    is_str(jstr(row, "status_reason"), "state changed by resource_mark_unhealthy api",
           "Heat's default reason");
    json_decref(row);
    is_int(hh_stack_resource_mark_unhealthy(e, id, "after", false, NULL, 0, &err), 0,
           "unmark of a healthy resource changes nothing");
    evs = events(e, id, "after", "CHECK");
    is_int(json_array_size(evs), 2, "one event per change");
    json_decref(evs);
    is_int(hh_stack_resource_mark_unhealthy(e, id, "ghost", true, NULL, 0, &err), HH_ENOTFOUND,
           "mark of no resource");

    /* a resource being deleted takes no signal */
    row = resource(e, id, "handle");
    hh_store_resource_set_state(hh_stack_engine_store(e), 0,
                                json_integer_value(json_object_get(row, "id")), "DELETE",
                                "IN_PROGRESS", "state changed", NULL);
    json_decref(row);
    is_int(signal_json(e, id, "handle", "{}", true, NULL, &err), HH_EUNSUPPORTED,
           "no signal during DELETE");
    is_str(err.message, "Signal resource during DELETE is not supported.", "Heat's message");
    evs = events(e, id, "handle", "DELETE");
    is_str(jstr(json_array_get(evs, json_array_size(evs) - 1), "resource_status_reason"),
           "Cannot signal resource during DELETE", "Heat's event");
    json_decref(evs);
    hh_stack_engine_free(e);
}

static void test_heat_fail_timeout(void)
{
#define WAIT_TMPL(count, timeout)                                                                  \
    "heat_template_version: 2016-10-14\n"                                                          \
    "resources:\n"                                                                                 \
    "  h: {type: OS::Heat::WaitConditionHandle}\n"                                                 \
    "  w:\n"                                                                                       \
    "    type: OS::Heat::WaitCondition\n"                                                          \
    "    properties: {handle: {get_resource: h}, count: " count ", timeout: " timeout "}\n"
    hh_stack_engine *e = fx_engine();
    char id[HH_STORE_ID_LEN], id2[HH_STORE_ID_LEN];
    json_t *row;
    hh_error err;

    is_int(fx_create_text(e, WAIT_TMPL("1", "30"), "fails", id), 0, "stack accepted");
    ok(run_until(e, id, "w", "CREATE_IN_PROGRESS"), "waiting");
    is_int(signal_json(e, id, "h", "{\"status\": \"FAILURE\", \"reason\": \"disk full\"}", true,
                       NULL, &err),
           0, "a FAILURE signal");
    is_int(hh_stack_engine_run(e, 5000), 0, "the stack ends");
    row = resource(e, id, "w");
    is_str(jstr(row, "status"), "FAILED", "the wait condition fails");
    is_str(jstr(row, "status_reason"), "WaitConditionFailure: resources.w: disk full",
           "Heat's WaitConditionFailure");
    json_decref(row);
    row = stack_row(e, id);
    is_str(jstr(row, "status_reason"),
           "Resource CREATE failed: WaitConditionFailure: resources.w: disk full",
           "the stack's reason");
    json_decref(row);

    is_int(fx_create_text(e, WAIT_TMPL("2", "1"), "times-out", id2), 0,
           "a one-second wait for two signals");
    ok(run_until(e, id2, "w", "CREATE_IN_PROGRESS"), "waiting");
    is_int(signal_json(e, id2, "h", "{\"reason\": \"first\"}", true, NULL, &err), 0, "one signal");
    is_int(hh_stack_engine_run(e, 5000), 0, "the stack ends");
    row = resource(e, id2, "w");
    is_str(jstr(row, "status_reason"), "WaitConditionTimeout: resources.w: 1 of 2 received - first",
           "Heat's WaitConditionTimeout");
    json_decref(row);
    hh_stack_engine_free(e);
}

static const char *cfn_tmpl = "AWSTemplateFormatVersion: '2010-09-09'\n"
                              "Resources:\n"
                              "  Handle: {Type: 'AWS::CloudFormation::WaitConditionHandle'}\n"
                              "  Wait:\n"
                              "    Type: AWS::CloudFormation::WaitCondition\n"
                              "    Properties: {Handle: {Ref: Handle}, Timeout: 30, Count: 2}\n"
                              "Outputs:\n"
                              "  Data: {Value: {'Fn::GetAtt': [Wait, Data]}}\n"
                              "  Url: {Value: {Ref: Handle}}\n";

static void test_cfn_wait(void)
{
    hh_stack_engine *e = fx_engine();
    char id[HH_STORE_ID_LEN], want[512];
    json_t *md = NULL, *evs, *row, *outs, *sig;
    hh_error err;

    is_int(fx_create_text(e, cfn_tmpl, "cfn", id), 0, "CFN stack accepted");
    ok(run_until(e, id, "Wait", "CREATE_IN_PROGRESS"), "the CFN wait condition waits");
    is_int(signal_json(e, id, "Handle",
                       "{\"Status\": \"SUCCESS\", \"Reason\": \"r1\", \"UniqueId\": \"a\", "
                       "\"Data\": \"x\"}",
                       true, &md, &err),
           0, "CFN signal");
    is_str(jstr(json_object_get(md, "a"), "Data"), "x", "stored under its UniqueId");
    json_decref(md);
    is_int(signal_json(e, id, "Handle", "{\"Status\": \"SUCCESS\"}", true, NULL, &err), HH_EINVAL,
           "a CFN signal needs all four keys");
    is_str(err.message, "ValueError: resources.Handle: Metadata format invalid", "Heat's message");
    is_int(signal_json(e, id, "Handle", NULL, true, NULL, &err), 0, "no details: nothing to do");
    evs = events(e, id, "Handle", "SIGNAL");
    is_int(json_array_size(evs), 2, "two SIGNAL events");
    is_str(jstr(json_array_get(evs, 0), "resource_status_reason"),
           "Signal: status:SUCCESS reason:r1", "first");
    is_str(jstr(json_array_get(evs, 1), "resource_status_reason"), "No signal details provided",
           "Heat's text without details");
    json_decref(evs);
    /* metadata_update is a signal without event */
    sig = json_pack("{s:s,s:s,s:s,s:i}", "Status", "SUCCESS", "Reason", "r2", "UniqueId", "b",
                    "Data", 7);
    is_int(hh_stack_resource_metadata_update(e, id, "Handle", sig, 0, &err), 0, "metadata update");
    json_decref(sig);
    ok(run_until(e, id, "Wait", "CREATE_COMPLETE"), "2 of 2: complete");
    hh_stack_engine_run(e, 5000);
    outs = outputs(e, id);
    is_str(jstr(outs, "Data"), "{\"a\": \"x\", \"b\": 7}", "Data attribute");
    snprintf(want, sizeof(want),
             "http://127.0.0.1:8000/v1/waitcondition/"
             "arn%%3Aopenstack%%3Aheat%%3A%%3Atenant-1%%3Astacks/cfn/%s/resources/Handle"
             "?SignatureMethod=HmacSHA256&SignatureVersion=2&AWSAccessKeyId=",
             id);
    ok(strncmp(jstr(outs, "Url"), want, strlen(want)) == 0, "Ref: Heat's signed URL form: %s",
       jstr(outs, "Url"));
    json_decref(outs);

    is_int(
        fx_create_text(e,
                       "AWSTemplateFormatVersion: '2010-09-09'\n"
                       "Resources:\n"
                       "  Bad:\n"
                       "    Type: AWS::CloudFormation::WaitCondition\n"
                       "    Properties: {Handle: 'http://host/v1/waitcondition/x', Timeout: 30}\n",
                       "cfn-bad", id),
        0, "a CFN wait condition on a bad URL");
    hh_stack_engine_run(e, 5000);
    row = resource(e, id, "Bad");
    is_str(jstr(row, "status_reason"),
           "ValueError: resources.Bad: \"http://host/v1/waitcondition/x\" is not a valid ARN URL",
           "a Handle that is no ARN URL: Heat's ValueError");

    json_decref(row);
    hh_stack_engine_free(e);
}

/* A signal committed, then the engine dies before the wait condition
 * saw it: the next engine's resume completes the condition with it. */
static void test_crash_resume(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  h: {type: OS::Heat::WaitConditionHandle}\n"
                       "  w:\n"
                       "    type: OS::Heat::WaitCondition\n"
                       "    properties: {handle: {get_resource: h}, timeout: 60}\n";
    hh_stack_engine *e = fx_engine(), *e2;
    char id[HH_STORE_ID_LEN];
    json_t *row, *evs, *md = NULL;
    hh_error err;
    int n = 0;

    is_int(fx_create_text(e, tmpl, "crashy", id), 0, "stack accepted");
    ok(run_until(e, id, "w", "CREATE_IN_PROGRESS"), "waiting");
    is_int(signal_json(e, id, "h", "{\"data\": \"after the crash\"}", true, NULL, &err), 0,
           "signal committed");
    hh_stack_engine_free(e); /* dies before the next poll */

    e2 = fx_engine();
    is_int(hh_stack_resume_all(e2, 0, &n, &err), 0, "resume");
    is_int(n, 1, "the stack is resumed");
    is_int(hh_stack_engine_run(e2, 5000), 0, "it ends");
    row = stack_row(e2, id);
    is_str(jstr(row, "status"), "COMPLETE", "CREATE_COMPLETE with the signal sent before");
    json_decref(row);
    hh_stack_resource_metadata(e2, id, "h", &md, &err);
    is_int(json_object_size(md), 1, "the signal is kept once");
    json_decref(md);
    evs = events(e2, id, "h", "SIGNAL");
    is_int(json_array_size(evs), 1, "one SIGNAL event");
    json_decref(evs);
    evs = events(e2, id, "w", "CREATE");
    is_int(json_array_size(evs), 2, "w: IN_PROGRESS once, COMPLETE once");
    json_decref(evs);
    hh_stack_engine_free(e2);
}

static const char *config_tmpl =
    "heat_template_version: 2016-10-14\n"
    "resources:\n"
    "  sc:\n"
    "    type: OS::Heat::SoftwareConfig\n"
    "    properties:\n"
    "      group: script\n"
    "      config: \"#!/bin/sh\\necho hi\"\n"
    "      inputs: [{name: foo}, {name: bar, type: Number, default: 1, replace_on_change: true}]\n"
    "      outputs: [{name: result}]\n"
    "      options: {k: v}\n"
    "  st:\n"
    "    type: OS::Heat::StructuredConfig\n"
    "    properties: {config: {a: [1, 2]}}\n"
    "  cc:\n"
    "    type: OS::Heat::CloudConfig\n"
    "    properties: {cloud_config: {runcmd: [[echo, hi]], packages: [nginx], n: '123'}}\n"
    "  mm:\n"
    "    type: OS::Heat::MultipartMime\n"
    "    properties:\n"
    "      parts:\n"
    "      - {config: {get_resource: sc}, filename: a.sh, subtype: x-shellscript}\n"
    "      - {config: {get_resource: cc}}\n"
    "      - {config: \"caf\\u00e9\"}\n"
    "  again:\n"
    "    type: OS::Heat::MultipartMime\n"
    "    properties:\n"
    "      parts: [{config: {get_resource: mm}, type: multipart}, {config: x, filename: b.cfg}]\n"
    "outputs:\n"
    "  sc: {value: {get_attr: [sc, config]}}\n"
    "  st: {value: {get_attr: [st, config]}}\n"
    "  cc: {value: {get_attr: [cc, config]}}\n"
    "  mm: {value: {get_attr: [mm, config]}}\n"
    "  again: {value: {get_attr: [again, config]}}\n";

static void test_configs(void)
{
    hh_stack_engine *e = fx_engine();
    hh_store *st = hh_stack_engine_store(e);
    char id[HH_STORE_ID_LEN], sc_id[HH_STORE_ID_LEN], name[64];
    json_t *row, *cfg = NULL, *outs, *in;
    const char *mm, *again;
    hh_error err;

    is_int(fx_create_text(e, config_tmpl, "configs", id), 0, "config stack accepted");
    is_int(hh_stack_engine_run(e, 5000), 0, "it ends");
    row = stack_row(e, id);
    is_str(jstr(row, "status"), "COMPLETE", "CREATE_COMPLETE");
    json_decref(row);

    row = resource(e, id, "sc");
    snprintf(sc_id, sizeof(sc_id), "%s", jstr(row, "physical_resource_id"));
    json_decref(row);
    is_int(hh_store_software_config_get(st, sc_id, "tenant-1", &cfg, &err), 0,
           "the physical id is the stored config's id");
    snprintf(name, sizeof(name), "configs-sc-");
    ok(strncmp(jstr(cfg, "name"), name, strlen(name)) == 0, "named by the physical name: %s",
       jstr(cfg, "name"));
    is_str(jstr(cfg, "group"), "script", "group");
    in = json_object_get(json_object_get(cfg, "config"), "inputs");
    is_str(jstr(json_array_get(in, 0), "type"), "String", "an input's default type");
    ok(json_object_get(json_array_get(in, 0), "replace_on_change") == NULL,
       "replace_on_change left out when false");
    ok(json_is_true(json_object_get(json_array_get(in, 1), "replace_on_change")),
       "... kept when true");
    ok(json_is_false(json_object_get(
           json_array_get(json_object_get(json_object_get(cfg, "config"), "outputs"), 0),
           "error_output")),
       "an output's error_output");
    is_str(jstr(json_object_get(json_object_get(cfg, "config"), "options"), "k"), "v", "options");
    json_decref(cfg);
    cfg = NULL;

    outs = outputs(e, id);
    is_str(jstr(outs, "sc"), "#!/bin/sh\necho hi", "SoftwareConfig config attribute");
    is_int(json_integer_value(json_array_get(json_object_get(json_object_get(outs, "st"), "a"), 1)),
           2, "StructuredConfig keeps a map");
    is_str(jstr(outs, "cc"),
           "#cloud-config\nn: '123'\npackages:\n- nginx\nruncmd:\n- - echo\n  - hi\n",
           "CloudConfig: PyYAML's dump, sorted, a str that reads as int quoted");
    mm = jstr(outs, "mm");
    ok(strncmp(mm, "Content-Type: multipart/mixed; boundary=\"===============", 56) == 0 &&
           strstr(mm, "==\"\nMIME-Version: 1.0\n\n--===============") != NULL,
       "MultipartMime: the multipart header and Python's boundary");
    ok(strstr(mm, "Content-Type: text/x-shellscript; charset=\"us-ascii\"\nMIME-Version: 1.0\n"
                  "Content-Transfer-Encoding: 7bit\nContent-Disposition: attachment; "
                  "filename=\"a.sh\"\n\n#!/bin/sh\necho hi\n--") != NULL,
       "a part from a config id, with its subtype and filename");
    ok(strstr(mm, "charset=\"us-ascii\"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\n\n"
                  "#cloud-config\n") != NULL,
       "the cloud config as text/plain");
    ok(strstr(mm, "Content-Type: text/plain; charset=\"utf-8\"\nMIME-Version: 1.0\n"
                  "Content-Transfer-Encoding: base64\n\nY2Fmw6k=\n\n--") != NULL,
       "non-ASCII text as base64 utf-8");
    ok(strlen(mm) > 4 && strcmp(mm + strlen(mm) - 4, "==--") != 0 &&
           strcmp(mm + strlen(mm) - 5, "==--\n") == 0,
       "the closing delimiter");
    again = jstr(outs, "again");
    ok(strstr(again, "filename=\"a.sh\"\n\n#!/bin/sh\necho hi\n--") != NULL &&
           strstr(again, "Content-Type: text/plain; charset=\"us-ascii\"\nMIME-Version: 1.0\n"
                         "Content-Transfer-Encoding: 7bit\n\n#cloud-config\n") != NULL,
       "type multipart: the parts of another message appended");
    ok(strstr(again, "Content-Type: text/b; charset=\"us-ascii\"") != NULL,
       "a filename without subtype: the subtype is its stem (Heat's splitext)");
    json_decref(outs);

    is_int(hh_stack_delete(e, id, 0, &err), 0, "delete");
    is_int(hh_stack_engine_run(e, 5000), 0, "it ends");
    is_int(hh_store_software_config_get(st, sc_id, NULL, &cfg, &err), HH_ENOTFOUND,
           "delete removes the config");
    hh_stack_engine_free(e);
}

/* heat_waitcondition_server_url and [clients_heat] url (hh_rsignal_configure). */
static void test_signal_urls(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  h: {type: OS::Heat::WaitConditionHandle}\n"
                       "  c: {type: 'AWS::CloudFormation::WaitConditionHandle'}\n"
                       "  s:\n"
                       "    type: OS::Heat::WaitConditionHandle\n"
                       "    properties: {signal_transport: CFN_SIGNAL}\n"
                       "outputs:\n"
                       "  endpoint: {value: {get_attr: [h, endpoint]}}\n"
                       "  ref: {value: {get_resource: c}}\n"
                       "  signal: {value: {get_attr: [s, signal]}}\n";
    hh_stack_engine *e = fx_engine();
    char id[HH_STORE_ID_LEN], want[512];
    json_t *outs, *sig;

    is_int(hh_rsignal_configure("HTTP://CFN.Example:8000/v1/waitcondition",
                                "https://api.example/v1/%(tenant_id)s"),
           0, "signal URLs configured");
    is_int(fx_create_text(e, tmpl, "urls", id), 0, "stack accepted");
    is_int(hh_stack_engine_run(e, 5000), 0, "it ends");
    outs = outputs(e, id);
    snprintf(want, sizeof(want),
             "https://api.example/v1/tenant-1/stacks/urls/%s/resources/h/signal", id);
    is_str(jstr(outs, "endpoint"), want, "[clients_heat] url: the endpoint's base");
    snprintf(want, sizeof(want), "http://cfn.example:8000/v1/waitcondition/arn%%3Aopenstack");
    ok(strncmp(jstr(outs, "ref"), want, strlen(want)) == 0,
       "heat_waitcondition_server_url, lower-cased as Heat does: %s", jstr(outs, "ref"));
    sig = json_loads(jstr(outs, "signal"), 0, NULL);
    ok(strncmp(jstr(sig, "alarm_url"), want, strlen(want)) == 0 &&
           strstr(jstr(sig, "alarm_url"), "/resources/s?") != NULL,
       "CFN_SIGNAL: {alarm_url: the signed URL of the handle}");
    json_decref(sig);
    json_decref(outs);
    hh_rsignal_reset();
    hh_stack_engine_free(e);
}

/* NO_SIGNAL: the handle is signalled with {} each time the condition
 * looks (Heat's _service_signal); HEAT_SIGNAL's signal attribute. */
static void test_transports(void)
{
    const char *tmpl = "heat_template_version: 2016-10-14\n"
                       "resources:\n"
                       "  h:\n"
                       "    type: OS::Heat::WaitConditionHandle\n"
                       "    properties: {signal_transport: NO_SIGNAL}\n"
                       "  w:\n"
                       "    type: OS::Heat::WaitCondition\n"
                       "    properties: {handle: {get_resource: h}, count: 2, timeout: 30}\n"
                       "  hs:\n"
                       "    type: OS::Heat::WaitConditionHandle\n"
                       "    properties: {signal_transport: HEAT_SIGNAL}\n"
                       "outputs:\n"
                       "  data: {value: {get_attr: [w, data]}}\n"
                       "  none: {value: {get_attr: [h, signal]}}\n"
                       "  heat: {value: {get_attr: [hs, signal]}}\n";
    hh_stack_engine *e = fx_engine();
    char id[HH_STORE_ID_LEN];
    json_t *row, *outs, *sig, *evs;

    is_int(fx_create_text(e, tmpl, "transports", id), 0, "stack accepted");
    is_int(hh_stack_engine_run(e, 5000), 0, "it ends without a signal sent");
    row = stack_row(e, id);
    is_str(jstr(row, "status"), "COMPLETE", "NO_SIGNAL: the wait condition completes by itself");
    json_decref(row);
    outs = outputs(e, id);
    is_str(jstr(outs, "data"), "{\"1\": null, \"2\": null}", "two empty signals");
    evs = events(e, id, "h", "SIGNAL");
    is_int(json_array_size(evs), 2, "each with its SIGNAL event");
    is_str(jstr(json_array_get(evs, 1), "resource_status_reason"),
           "Signal: status:SUCCESS reason:Signal 2 received", "Heat's reason");
    json_decref(evs);
    is_str(jstr(outs, "none"), "{}", "NO_SIGNAL's signal attribute");
    sig = json_loads(jstr(outs, "heat"), 0, NULL);
    ok(strstr(jstr(sig, "alarm_url"), "/resources/hs/signal") != NULL &&
           strlen(jstr(sig, "password")) == 32 && strcmp(jstr(sig, "project_id"), "tenant-1") == 0,
       "HEAT_SIGNAL: credentials and the signal URL");
    json_decref(sig);
    json_decref(outs);
    hh_stack_engine_free(e);
}

/* A wait condition updated in place (count 1 -> 2) waits again with the
 * signals its handle has; a suspended handle takes no signal. */
static void test_update_suspend(void)
{
#define UPD_TMPL(count)                                                                            \
    "heat_template_version: 2016-10-14\n"                                                          \
    "resources:\n"                                                                                 \
    "  h: {type: OS::Heat::WaitConditionHandle}\n"                                                 \
    "  w:\n"                                                                                       \
    "    type: OS::Heat::WaitCondition\n"                                                          \
    "    properties: {handle: {get_resource: h}, count: " count ", timeout: 30}\n"
    hh_stack_engine *e = fx_engine();
    char id[HH_STORE_ID_LEN], buf[64];
    json_t *tmpl, *row, *evs;
    hh_tmpl_request req = {0};
    hh_error err;

    is_int(fx_create_text(e, UPD_TMPL("1"), "updated", id), 0, "stack accepted");
    ok(run_until(e, id, "w", "CREATE_IN_PROGRESS"), "waiting");
    is_int(signal_json(e, id, "h", "{}", true, NULL, &err), 0, "one signal");
    is_int(hh_stack_engine_run(e, 5000), 0, "created");
    tmpl = json_string(UPD_TMPL("2"));
    req.template = tmpl;
    if (!ok(hh_stack_update(e, id, &req, NULL, 0, &err) == 0, "update of count to 2"))
        diag("%s", err.message);
    json_decref(tmpl);
    ok(run_until(e, id, "w", "UPDATE_IN_PROGRESS"), "the wait condition waits again");
    hh_stack_engine_run(e, 50);
    is_str(status_of(e, id, "w", buf, sizeof(buf)), "UPDATE_IN_PROGRESS",
           "1 of 2 signals: still waiting");
    is_int(signal_json(e, id, "h", "{}", false, NULL, &err), 0, "a second signal (async)");
    is_int(hh_stack_engine_run(e, 5000), 0, "the update ends");
    row = stack_row(e, id);
    is_str(jstr(row, "action"), "UPDATE", "UPDATE ...");
    is_str(jstr(row, "status"), "COMPLETE", "... COMPLETE");
    json_decref(row);

    is_int(hh_stack_suspend(e, id, 0, &err), 0, "suspend");
    is_int(hh_stack_engine_run(e, 5000), 0, "suspended");
    is_str(status_of(e, id, "h", buf, sizeof(buf)), "SUSPEND_COMPLETE", "the handle is suspended");
    is_int(signal_json(e, id, "h", "{}", true, NULL, &err), HH_EUNSUPPORTED,
           "no signal while suspended");
    is_str(err.message, "Signal resource during SUSPEND is not supported.", "Heat's message");
    evs = events(e, id, "h", "SIGNAL");
    is_int(json_array_size(evs), 2, "two signals were taken, not the third");
    json_decref(evs);
    hh_stack_engine_free(e);
#undef UPD_TMPL
}

int main(void)
{
    plan_lazy();
    if (fx_store_open("test_signal") != 0)
        return 99;
    test_heat_wait();
    test_heat_fail_timeout();
    test_cfn_wait();
    test_crash_resume();
    test_configs();
    test_transports();
    test_update_suspend();
    test_signal_urls();
    hh_rsignal_reset();
    fx_store_close();
    return done_testing();
}
