/* api_cfn_stacks: the CFN API's 13 actions (heat/api/cfn/v1/stacks.py
 * StackController), each from the engine's API format to Heat's AWS one. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_cfn_internal.h"
#include "api_fetch.h"
#include "doc_load.h"
#include "hh_py.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Whether an AWS field is a number or a timestamp (AWS's types): one
 * without a value is left out, where Heat writes None, which AWS clients
 * cannot read as a number or a time (the AWS CLI fails on it). */
static bool typed_field(const char *name)
{
    static const char *const typed[] = {
        "CreationTime",         "LastUpdatedTime",  "DeletionTime",   "Timestamp",
        "LastUpdatedTimestamp", "TimeoutInMinutes", "DisableRollback"};

    for (size_t i = 0; i < N(typed); i++)
        if (strcmp(typed[i], name) == 0)
            return true;
    return false;
}

/* reformat_dict_keys: {out: in[key]} for each pair {key, out} of map
 * whose key in holds, in map's order (a typed field without a value left
 * out). New. */
static json_t *remap(const json_t *in, const char *const (*map)[2], size_t n)
{
    json_t *out = json_object();

    for (size_t i = 0; out != NULL && i < n; i++) {
        json_t *v = json_object_get(in, map[i][0]);

        if (v != NULL && !(json_is_null(v) && typed_field(map[i][1])))
            json_object_set(out, map[i][1], v);
    }
    return out;
}

/* '_'.join((action, status)) of two keys of o, set as key of out. */
static void set_status(json_t *out, const char *key, const json_t *o, const char *action,
                       const char *status)
{
    const char *a = json_string_value(json_object_get(o, action));
    const char *s = json_string_value(json_object_get(o, status));
    char buf[128];

    snprintf(buf, sizeof(buf), "%s_%s", a != NULL ? a : "", s != NULL ? s : "");
    json_object_set_new(out, key, json_string(buf));
}

/* urllib's quote(s, safe) appended to b. */
static void quote_to(hh_pybuf *b, const char *s, const char *safe)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("_.-~", *p) != NULL || strchr(safe, *p) != NULL)
            hh_pybuf_add(b, (const char *)p, 1);
        else
            hh_pybuf_addf(b, "%%%02X", *p);
    }
}

static const char *str_of(const json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));

    return v != NULL ? v : "";
}

/* HeatIdentifier.arn() of an identity (borrowed): new JSON string. */
static json_t *arn_of(const json_t *id)
{
    hh_pybuf b = {0};
    char *s;
    json_t *out;

    hh_pybuf_adds(&b, "arn:openstack:heat::");
    quote_to(&b, str_of(id, "tenant"), "");
    hh_pybuf_adds(&b, ":stacks/");
    quote_to(&b, str_of(id, "stack_name"), "");
    hh_pybuf_adds(&b, "/");
    quote_to(&b, str_of(id, "stack_id"), "");
    quote_to(&b, str_of(id, "path"), "/");
    if ((s = hh_pybuf_take(&b)) == NULL)
        return NULL;
    out = json_string(s);
    free(s);
    return out;
}

/* _id_format: StackId as the ARN, EventId as the event's id (the last
 * component of its identity's path). */
static json_t *id_format(json_t *o)
{
    const json_t *sid = json_object_get(o, "StackId");
    const json_t *eid = json_object_get(o, "EventId");

    if (json_is_object(sid))
        json_object_set_new(o, "StackId", arn_of(sid));
    if (json_is_object(eid)) {
        const char *path = str_of(eid, "path");
        const char *last = strrchr(path, '/');

        json_object_set_new(o, "EventId", json_string(last != NULL ? last + 1 : path));
    }
    return o;
}

/* HeatIdentifier.from_arn of a stack ARN: a new identity, or NULL when
 * text is not one (ValueError: the caller asks the engine instead). */
static json_t *stack_from_arn(const char *text)
{
    const char *f = text, *path, *s1, *s2;
    char *tenant, *name, *id, *rest;
    json_t *out = NULL;
    int colons = 0;

    if (strncasecmp(text, "arn:", 4) != 0)
        return NULL;
    for (const char *p = text; *p != '\0' && colons < 5; p++)
        if (*p == ':' && ++colons == 4)
            f = p + 1; /* the tenant's field */
    if (colons < 5 || strncmp(text + 4, "openstack:heat:", 15) != 0)
        return NULL;
    path = strchr(f, ':') + 1;
    if (strncmp(path, "stacks/", 7) != 0 || (s1 = strchr(path + 7, '/')) == NULL ||
        s1 == path + 7 || s1[1] == '\0' || s1[1] == '/')
        return NULL;
    s2 = strchr(s1 + 1, '/');
    if (s2 == NULL)
        s2 = s1 + strlen(s1);
    tenant = cfn_unquote(f, (size_t)(path - 1 - f), false);
    name = cfn_unquote(path + 7, (size_t)(s1 - path - 7), false);
    id = cfn_unquote(s1 + 1, (size_t)(s2 - s1 - 1), false);
    rest = cfn_unquote(s2, strlen(s2), false);
    if (tenant != NULL && name != NULL && id != NULL && rest != NULL)
        out = json_pack("{s:s, s:s, s:s, s:s}", "tenant", tenant, "stack_name", name, "stack_id",
                        id, "path", rest);
    free(tenant);
    free(name);
    free(id);
    free(rest);
    return out;
}

/* _get_identity: the ARN's identity, or the engine's identify_stack of a
 * name. 0 with *out new; -1 answered. */
static int get_identity(cfn_req *r, const char *name, json_t **out)
{
    if ((*out = stack_from_arn(name)) != NULL)
        return 0;
    return cfn_call(r, "identify_stack", json_pack("{s:s}", "stack_name", name), out);
}

/* A parameter the action needs (Heat's req.params[...] KeyError): -1
 * answered MissingParameter when absent. */
static int need_param(cfn_req *r, const char *name, const char **out)
{
    if ((*out = cfn_param(r, name)) == NULL)
        return cfn_error(r, "MissingParameter", name);
    return 0;
}

/* _get_template and template_format.parse: *out new; -1 answered. */
static int get_template(cfn_req *r, json_t **out)
{
    const char *body = cfn_param(r, "TemplateBody");
    const char *url = cfn_param(r, "TemplateUrl");
    hh_doc_limits lim = hh_doc_limits_default;
    char *fetched = NULL, msg[HH_ERROR_MSG_MAX + 64];
    size_t len = 0;
    json_t *doc = NULL;
    hh_error err;
    int rc = -1;

    hh_error_clear(&err);
    *out = NULL;
    if (body == NULL && url != NULL) {
        if (hh_api_fetch(url, r->api->max_template_size, r->api->rpc_timeout_ms, &fetched, &len,
                         &err) != 0) {
            snprintf(msg, sizeof(msg), "Failed to fetch template: %s", err.message);
            return cfn_error(r, "InvalidParameterValue", msg);
        }
        body = fetched;
    }
    if (body == NULL)
        return cfn_error_returned(r, "MissingParameter",
                                  "TemplateBody or TemplateUrl were not given.");
    len = strlen(body);
    if (len > r->api->max_template_size) {
        snprintf(msg, sizeof(msg),
                 "Template size (%zu bytes) exceeds maximum allowed size (%zu bytes).", len,
                 r->api->max_template_size);
        cfn_error(r, "RequestLimitExceeded", msg);
        goto done;
    }
    lim.max_size = r->api->max_template_size;
    if (hh_doc_parse(body, len, NULL, &lim, &doc, NULL, &err) != 0 || !json_is_object(doc) ||
        (json_object_get(doc, "heat_template_version") == NULL &&
         json_object_get(doc, "HeatTemplateFormatVersion") == NULL &&
         json_object_get(doc, "AWSTemplateFormatVersion") == NULL)) {
        cfn_error_returned(r, "InvalidParameterValue",
                           "The Template must be a JSON or YAML document.");
        goto done;
    }
    *out = doc;
    doc = NULL;
    rc = 0;
done:
    json_decref(doc);
    free(fetched);
    return rc;
}

/* extract_param_pairs(prefix Parameters, ParameterKey, ParameterValue):
 * members sorted by their index, a later one of a key winning. New. */
static json_t *user_params(cfn_req *r)
{
    static const char prefix[] = "Parameters.member.";
    json_t *byidx = json_object(), *out = json_object(), *m;
    const char *key;
    json_t *v;

    json_object_foreach(r->params, key, v)
    {
        char idx[32], *end = NULL;
        const char *field;
        long n;

        if (strncmp(key, prefix, sizeof(prefix) - 1) != 0)
            continue;
        n = strtol(key + sizeof(prefix) - 1, &end, 10);
        if (end == key + sizeof(prefix) - 1 || *end != '.' || n < 0)
            continue;
        field = end + 1;
        snprintf(idx, sizeof(idx), "%020ld", n);
        if ((m = json_object_get(byidx, idx)) == NULL) {
            m = json_object();
            json_object_set_new(byidx, idx, m);
        }
        json_object_set(m, field, v);
    }
    /* sorted by index: the zero-padded keys sort as the numbers do */
    {
        const char **keys = calloc(json_object_size(byidx) + 1, sizeof(*keys));
        size_t n = 0;

        json_object_foreach(byidx, key, m) if (keys != NULL) keys[n++] = key;
        for (size_t i = 1; keys != NULL && i < n; i++)
            for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
                const char *t = keys[j];

                keys[j] = keys[j - 1];
                keys[j - 1] = t;
            }
        for (size_t i = 0; keys != NULL && i < n; i++) {
            const json_t *k, *val;

            m = json_object_get(byidx, keys[i]);
            k = json_object_get(m, "ParameterKey");
            val = json_object_get(m, "ParameterValue");
            if (k != NULL && val != NULL)
                json_object_set(out, json_string_value(k), (json_t *)val);
        }
        if (keys == NULL) {
            json_decref(out);
            out = NULL;
        }
        free(keys);
    }
    json_decref(byidx);
    return out;
}

/* ---- the actions ---- */

static void list_stacks(cfn_req *r)
{
    static const char *const map[][2] = {
        {"creation_time", "CreationTime"},
        {"updated_time", "LastUpdatedTime"},
        {"stack_identity", "StackId"},
        {"stack_name", "StackName"},
        {"stack_status_reason", "StackStatusReason"},
        {"template_description", "TemplateDescription"},
    };
    json_t *list = NULL, *out = json_array(), *s;
    size_t i;

    if (cfn_call(r, "list_stacks", NULL, &list) != 0) {
        json_decref(out);
        return;
    }
    json_array_foreach(list, i, s)
    {
        json_t *o = remap(s, map, N(map));

        set_status(o, "StackStatus", s, "stack_action", "stack_status");
        if (json_object_get(s, "deletion_time") != NULL &&
            !json_is_null(json_object_get(s, "deletion_time")))
            json_object_set(o, "DeletionTime", json_object_get(s, "deletion_time"));
        json_array_append_new(out, id_format(o));
    }
    json_decref(list);
    cfn_reply(r, "ListStacks", json_pack("{s:o}", "StackSummaries", out));
}

/* format_stack_outputs' transform: ':' in keys made '.', recursively. */
static json_t *colons_to_dots(const json_t *o)
{
    json_t *out = json_object();
    const char *key;
    json_t *v;

    json_object_foreach((json_t *)o, key, v)
    {
        char *k = strdup(key);

        if (k == NULL)
            continue;
        for (char *p = k; *p != '\0'; p++)
            if (*p == ':')
                *p = '.';
        json_object_set_new(out, k, json_is_object(v) ? colons_to_dots(v) : json_incref(v));
        free(k);
    }
    return out;
}

static json_t *format_stack(const json_t *s)
{
    static const char *const outmap[][2] = {
        {"description", "Description"},
        {"output_key", "OutputKey"},
        {"output_value", "OutputValue"},
    };
    const char *const map[][2] = {
        {"capabilities", "Capabilities"},
        {"creation_time", "CreationTime"},
        {"description", "Description"},
        {"disable_rollback", "DisableRollback"},
        {"notification_topics", "NotificationARNs"},
        {"parameters", "Parameters"},
        {"stack_identity", "StackId"},
        {"stack_name", "StackName"},
        {"stack_status_reason", "StackStatusReason"},
        {"timeout_mins", "TimeoutInMinutes"},
        /* only when the stack was updated */
        {json_is_null(json_object_get(s, "updated_time")) ? "" : "updated_time", "LastUpdatedTime"},
    };
    json_t *o = remap(s, map, N(map)), *outs = json_array(), *params = json_array(), *v;
    const json_t *in = json_object_get(s, "parameters");
    const char *key;
    size_t i;

    set_status(o, "StackStatus", s, "stack_action", "stack_status");
    json_array_foreach(json_object_get(s, "outputs"), i, v)
    {
        json_t *t = colons_to_dots(v);

        json_array_append_new(outs, remap(t, outmap, N(outmap)));
        json_decref(t);
    }
    json_object_set_new(o, "Outputs", outs);
    json_object_foreach((json_t *)in, key, v) json_array_append_new(
        params, json_pack("{s:s, s:O}", "ParameterKey", key, "ParameterValue", v));
    json_object_set_new(o, "Parameters", params);
    return id_format(o);
}

static void describe_stacks(cfn_req *r)
{
    const char *name = cfn_param(r, "StackName");
    json_t *id = NULL, *list = NULL, *out, *s;
    size_t i;

    if (name != NULL && get_identity(r, name, &id) != 0)
        return;
    if (cfn_call(r, "show_stack",
                 json_pack("{s:o, s:b}", "stack_identity", id != NULL ? id : json_null(),
                           "resolve_outputs", 1),
                 &list) != 0)
        return;
    out = json_array();
    json_array_foreach(list, i, s) json_array_append_new(out, format_stack(s));
    json_decref(list);
    cfn_reply(r, "DescribeStacks", json_pack("{s:o}", "Stacks", out));
}

/* extract_args: TimeoutInMinutes, DisableRollback, OnFailure. *out new;
 * -1 answered. */
static int create_args(cfn_req *r, json_t **out)
{
    const char *timeout = cfn_param(r, "TimeoutInMinutes");
    const char *disable = cfn_param(r, "DisableRollback");
    const char *on_failure = cfn_param(r, "OnFailure");

    *out = NULL;
    if (disable != NULL && on_failure != NULL)
        return cfn_error(r, "InvalidParameterCombination",
                         "DisableRollback and OnFailure may not be used together");
    if ((*out = json_object()) == NULL)
        return cfn_error(r, "InternalFailure", NULL);
    if (timeout != NULL)
        json_object_set_new(*out, "timeout_mins", json_string(timeout));
    if (disable != NULL)
        json_object_set_new(*out, "disable_rollback", json_string(disable));
    if (on_failure != NULL && strcmp(on_failure, "DO_NOTHING") == 0)
        json_object_set_new(*out, "disable_rollback", json_string("true"));
    else if (on_failure != NULL &&
             (strcmp(on_failure, "ROLLBACK") == 0 || strcmp(on_failure, "DELETE") == 0))
        json_object_set_new(*out, "disable_rollback", json_string("false"));
    return 0;
}

static void create_or_update(cfn_req *r, const char *action, bool update)
{
    json_t *params = user_params(r), *args = NULL, *tmpl = NULL, *id = NULL, *res = NULL;
    const char *name;

    if (params == NULL) {
        cfn_error(r, "InternalFailure", NULL);
        return;
    }
    if (create_args(r, &args) != 0 || get_template(r, &tmpl) != 0 ||
        need_param(r, "StackName", &name) != 0)
        goto done;
    if (update && get_identity(r, name, &id) != 0)
        goto done;
    /* the parameters as the environment's (Heat's Environment reads a
     * mapping without sections as parameters) */
    if (update)
        cfn_call(r, "update_stack",
                 json_pack("{s:O, s:O, s:{s:O}, s:{}, s:O}", "stack_identity", id, "template", tmpl,
                           "params", "parameters", params, "files", "args", args),
                 &res);
    else
        cfn_call(r, "create_stack",
                 json_pack("{s:s, s:O, s:{s:O}, s:{}, s:O}", "stack_name", name, "template", tmpl,
                           "params", "parameters", params, "files", "args", args),
                 &res);
    if (res == NULL)
        goto done;
    if (json_is_object(res) && json_is_string(json_object_get(res, "stack_id")))
        cfn_reply(r, action, json_pack("{s:o}", "StackId", arn_of(res)));
    else
        cfn_reply(r, action, json_incref(res));
done:
    json_decref(res);
    json_decref(id);
    json_decref(tmpl);
    json_decref(args);
    json_decref(params);
}

static void cancel_update(cfn_req *r)
{
    const char *name;
    json_t *id = NULL;

    if (need_param(r, "StackName", &name) != 0 || get_identity(r, name, &id) != 0)
        return;
    if (cfn_call(r, "stack_cancel_update",
                 json_pack("{s:o, s:b}", "stack_identity", id, "cancel_with_rollback", 1),
                 NULL) != 0)
        return;
    cfn_reply(r, "CancelUpdateStack", json_object());
}

static void get_template_action(cfn_req *r)
{
    const char *name;
    json_t *id = NULL, *tmpl = NULL;

    if (need_param(r, "StackName", &name) != 0 || get_identity(r, name, &id) != 0)
        return;
    if (cfn_call(r, "get_template", json_pack("{s:o}", "stack_identity", id), &tmpl) != 0)
        return;
    cfn_reply(r, "GetTemplate",
              json_pack("{s:o}", "TemplateBody", tmpl != NULL ? tmpl : json_null()));
}

static void validate_template(cfn_req *r)
{
    json_t *tmpl = NULL, *res = NULL, *list, *v;
    const char *key;

    if (get_template(r, &tmpl) != 0)
        return;
    if (cfn_call(r, "validate_template", json_pack("{s:o, s:{}}", "template", tmpl, "params"),
                 &res) != 0)
        return;
    if (json_object_get(res, "Error") != NULL) {
        cfn_reply(r, "ValidateTemplate", json_incref(json_object_get(res, "Error")));
        json_decref(res);
        return;
    }
    list = json_array();
    json_object_foreach(json_object_get(res, "Parameters"), key, v)
    {
        /* value.get(key, default) of Default, Description, NoEcho */
        json_t *p = json_pack("{s:s, s:s, s:s, s:s}", "ParameterKey", key, "DefaultValue", "",
                              "Description", "", "NoEcho", "false");
        static const char *const keys[][2] = {
            {"Default", "DefaultValue"}, {"Description", "Description"}, {"NoEcho", "NoEcho"}};

        for (size_t k = 0; p != NULL && k < N(keys); k++)
            if (json_object_get(v, keys[k][0]) != NULL)
                json_object_set(p, keys[k][1], json_object_get(v, keys[k][0]));
        json_array_append_new(list, p);
    }
    if (json_is_object(res))
        json_object_set_new(res, "Parameters", list);
    else
        json_decref(list);
    cfn_reply(r, "ValidateTemplate", res);
}

static void delete_stack(cfn_req *r)
{
    const char *name;
    json_t *id = NULL, *res = NULL;

    if (need_param(r, "StackName", &name) != 0 || get_identity(r, name, &id) != 0)
        return;
    if (cfn_call(r, "delete_stack", json_pack("{s:o}", "stack_identity", id), &res) != 0)
        return;
    if (json_is_object(res) && json_object_get(res, "Error") != NULL)
        cfn_reply(r, "DeleteStack", json_incref(json_object_get(res, "Error")));
    else
        cfn_reply(r, "DeleteStack", json_string(""));
    json_decref(res);
}

static json_t *format_event(const json_t *e)
{
    static const char *const map[][2] = {
        {"event_identity", "EventId"},
        {"resource_name", "LogicalResourceId"},
        {"physical_resource_id", "PhysicalResourceId"},
        {"resource_properties", "ResourceProperties"},
        {"resource_status_reason", "ResourceStatusReason"},
        {"resource_type", "ResourceType"},
        {"stack_identity", "StackId"},
        {"stack_name", "StackName"},
        {"event_time", "Timestamp"},
    };
    json_t *o = remap(e, map, N(map));
    char *props;

    set_status(o, "ResourceStatus", e, "resource_action", "resource_status");
    props = hh_py_dumps(json_object_get(e, "resource_properties"));
    json_object_set_new(o, "ResourceProperties", json_string(props != NULL ? props : "null"));
    free(props);
    return id_format(o);
}

/* The events of one stack (identity stolen) appended to out; -1 answered. */
static int stack_events(cfn_req *r, json_t *id, json_t *out)
{
    json_t *events = NULL, *e;
    size_t i;

    if (cfn_call(r, "list_events", json_pack("{s:o}", "stack_identity", id), &events) != 0)
        return -1;
    json_array_foreach(events, i, e) json_array_append_new(out, format_event(e));
    json_decref(events);
    return 0;
}

static void describe_events(cfn_req *r)
{
    const char *name = cfn_param(r, "StackName");
    json_t *id = NULL, *out = json_array(), *stacks = NULL, *s;
    size_t i;

    if (name != NULL && name[0] != '\0') {
        if (get_identity(r, name, &id) != 0 || stack_events(r, id, out) != 0)
            goto fail;
    } else {
        /* every stack's (the engine lists events by stack) */
        if (cfn_call(r, "list_stacks", NULL, &stacks) != 0)
            goto fail;
        json_array_foreach(stacks, i, s)
        {
            if (stack_events(r, json_incref(json_object_get(s, "stack_identity")), out) != 0)
                goto fail;
        }
        json_decref(stacks);
    }
    cfn_reply(r, "DescribeStackEvents", json_pack("{s:o}", "StackEvents", out));
    return;
fail:
    json_decref(stacks);
    json_decref(out);
}

static void describe_resource(cfn_req *r)
{
    static const char *const map[][2] = {
        {"description", "Description"},
        {"updated_time", "LastUpdatedTimestamp"},
        {"resource_name", "LogicalResourceId"},
        {"metadata", "Metadata"},
        {"physical_resource_id", "PhysicalResourceId"},
        {"resource_status_reason", "ResourceStatusReason"},
        {"resource_type", "ResourceType"},
        {"stack_identity", "StackId"},
        {"stack_name", "StackName"},
    };
    const char *name, *res_name;
    json_t *id = NULL, *res = NULL, *o;

    if (need_param(r, "StackName", &name) != 0 ||
        need_param(r, "LogicalResourceId", &res_name) != 0 || get_identity(r, name, &id) != 0)
        return;
    if (cfn_call(r, "describe_stack_resource",
                 json_pack("{s:o, s:s}", "stack_identity", id, "resource_name", res_name),
                 &res) != 0)
        return;
    o = remap(res, map, N(map));
    set_status(o, "ResourceStatus", res, "resource_action", "resource_status");
    json_decref(res);
    cfn_reply(r, "DescribeStackResource", json_pack("{s:o}", "StackResourceDetail", id_format(o)));
}

static void describe_resources(cfn_req *r)
{
    static const char *const map[][2] = {
        {"description", "Description"},
        {"resource_name", "LogicalResourceId"},
        {"physical_resource_id", "PhysicalResourceId"},
        {"resource_status_reason", "ResourceStatusReason"},
        {"resource_type", "ResourceType"},
        {"stack_identity", "StackId"},
        {"stack_name", "StackName"},
        {"updated_time", "Timestamp"},
    };
    const char *name = cfn_param(r, "StackName");
    const char *phys = cfn_param(r, "PhysicalResourceId");
    const char *logical = cfn_param(r, "LogicalResourceId");
    json_t *id = NULL, *list = NULL, *out, *res;
    size_t i;

    if (name != NULL && name[0] != '\0' && phys != NULL && phys[0] != '\0') {
        cfn_error(r, "InvalidParameterCombination",
                  "Use `StackName` or `PhysicalResourceId` but not both");
        return;
    }
    if (name == NULL && phys == NULL) {
        cfn_error(r, "MissingParameter", "StackName or PhysicalResourceId");
        return;
    }
    if (name != NULL) {
        if (get_identity(r, name, &id) != 0)
            return;
    } else {
        if (cfn_call(r, "find_physical_resource", json_pack("{s:s}", "physical_resource_id", phys),
                     &id) != 0)
            return;
        /* the resource's identity names its stack */
        json_object_set_new(id, "path", json_string(""));
    }
    if (cfn_call(r, "describe_stack_resources",
                 json_pack("{s:o, s:s?}", "stack_identity", id, "resource_name", logical),
                 &list) != 0)
        return;
    out = json_array();
    json_array_foreach(list, i, res)
    {
        json_t *o = remap(res, map, N(map));

        set_status(o, "ResourceStatus", res, "resource_action", "resource_status");
        json_array_append_new(out, id_format(o));
    }
    json_decref(list);
    cfn_reply(r, "DescribeStackResources", json_pack("{s:o}", "StackResources", out));
}

static void list_resources(cfn_req *r)
{
    static const char *const map[][2] = {
        {"updated_time", "LastUpdatedTimestamp"},
        {"resource_name", "LogicalResourceId"},
        {"physical_resource_id", "PhysicalResourceId"},
        {"resource_status_reason", "ResourceStatusReason"},
        {"resource_type", "ResourceType"},
    };
    const char *name;
    json_t *id = NULL, *list = NULL, *out, *res;
    size_t i;

    if (need_param(r, "StackName", &name) != 0 || get_identity(r, name, &id) != 0)
        return;
    if (cfn_call(r, "list_stack_resources", json_pack("{s:o}", "stack_identity", id), &list) != 0)
        return;
    out = json_array();
    json_array_foreach(list, i, res)
    {
        json_t *o = remap(res, map, N(map));

        set_status(o, "ResourceStatus", res, "resource_action", "resource_status");
        json_array_append_new(out, o);
    }
    json_decref(list);
    cfn_reply(r, "ListStackResources", json_pack("{s:o}", "StackResourceSummaries", out));
}

void cfn_action(cfn_req *r, const char *action)
{
    if (action == NULL)
        cfn_error(r, "InvalidAction", NULL);
    else if (strcmp(action, "ListStacks") == 0)
        list_stacks(r);
    else if (strcmp(action, "CreateStack") == 0)
        create_or_update(r, action, false);
    else if (strcmp(action, "DescribeStacks") == 0)
        describe_stacks(r);
    else if (strcmp(action, "DeleteStack") == 0)
        delete_stack(r);
    else if (strcmp(action, "UpdateStack") == 0)
        create_or_update(r, action, true);
    else if (strcmp(action, "CancelUpdateStack") == 0)
        cancel_update(r);
    else if (strcmp(action, "DescribeStackEvents") == 0)
        describe_events(r);
    else if (strcmp(action, "ValidateTemplate") == 0)
        validate_template(r);
    else if (strcmp(action, "GetTemplate") == 0)
        get_template_action(r);
    else if (strcmp(action, "EstimateTemplateCost") == 0)
        cfn_reply(r, action, json_pack("{s:s}", "Url", "http://en.wikipedia.org/wiki/Gratis"));
    else if (strcmp(action, "DescribeStackResource") == 0)
        describe_resource(r);
    else if (strcmp(action, "DescribeStackResources") == 0)
        describe_resources(r);
    else if (strcmp(action, "ListStackResources") == 0)
        list_resources(r);
    else
        cfn_error(r, "InvalidAction", NULL);
}
