/* client_events: the heat client's event and hook verbs
 * (heatclient/v1/shell.py, heatclient/common/hook_utils.py and
 * event_utils.py): event-list, event-show, hook-poll, hook-clear.
 *
 * Hooks are seen through events: a resource paused on a breakpoint has
 * an event "ACTION paused until Hook pre-ACTION is cleared" after the
 * stack's "Stack ACTION started", and none "Hook pre-ACTION is cleared"
 * after it. A hook is cleared by signalling {"unset_hook": TYPE} to the
 * resource. */
#include "config.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_cmd.h"
#include "client_table.h"

static const char *const stack_names[] = {"<NAME or ID>", "<RESOURCE>", "<EVENT>"};

typedef struct event_args {
    hh_cli_args base;
    const char *resource, *limit, *marker, *depth, *format;
    hh_strv filters;
    bool pre_create, pre_update, pre_delete;
} event_args;

/* EventLogContext.prepend_paths: the names of the resources that made
 * the stacks above stack_id, outermost first, put before path[0..*n)
 * (bounded: a cycle in ctx ends after a few levels). */
static void prepend_paths(const json_t *ctx, const char *stack_id, const char **path, size_t *n,
                          size_t max, int depth)
{
    const json_t *info = json_object_get(ctx, stack_id), *nested;
    const char *res;

    if (info == NULL || depth > 32 || *n >= max)
        return;
    res = json_string_value(json_array_get(info, 1));
    nested = res != NULL ? json_object_get(ctx, res) : NULL;
    if (nested != NULL || (res != NULL && res[0] != '\0')) {
        memmove(path + 1, path, *n * sizeof(*path));
        (*n)++;
        path[0] = nested != NULL ? json_string_value(json_array_get(nested, 1)) : res;
        if (path[0] == NULL)
            path[0] = "";
        if (nested != NULL)
            prepend_paths(ctx, json_string_value(json_array_get(nested, 0)) ?: "", path, n, max,
                          depth + 1);
    }
}

/* EventLogContext.build_resource_name: the event's resource name with the
 * path of nested stack resources learnt from the events seen so far
 * (recorded in ctx: stack id -> [parent stack id, resource name]). */
static void event_name(const json_t *e, json_t *ctx, char *buf, size_t len)
{
    const char *res = json_string_value(json_object_get(e, "resource_name"));
    const char *stack_id = json_string_value(json_object_get(e, "stack_id"));
    const char *phys = json_string_value(json_object_get(e, "physical_resource_id"));
    const char *status = json_string_value(json_object_get(e, "resource_status"));
    const char *path[34];
    size_t n = 0, off = 0;
    bool stack_event;

    if (stack_id == NULL) {
        const json_t *links = json_object_get(e, "links"), *l;
        size_t i;

        json_array_foreach(links, i, l)
        {
            const char *rel = json_string_value(json_object_get(l, "rel"));
            const char *href = json_string_value(json_object_get(l, "href"));

            if (rel != NULL && strcmp(rel, "stack") == 0) {
                stack_id = href != NULL ? strrchr(href, '/') + 1 : NULL;
                break;
            }
        }
    }
    if (stack_id == NULL || stack_id[0] == '\0') {
        snprintf(buf, len, "%s", res ? res : "None");
        return;
    }
    stack_event = phys != NULL && strcmp(stack_id, phys) == 0;
    if (stack_event)
        json_object_set_new(ctx, stack_id, json_pack("[s,s?]", stack_id, res));
    else if (phys != NULL && phys[0] != '\0' && status != NULL &&
             strcmp(status, "CREATE_IN_PROGRESS") == 0)
        json_object_set_new(ctx, phys, json_pack("[s,s?]", stack_id, res));
    if (res != NULL && res[0] != '\0' && !stack_event)
        path[n++] = res;
    prepend_paths(ctx, stack_id, path, &n, 33, 0);
    buf[0] = '\0';
    for (size_t i = 0; i < n && off < len; i++)
        off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? "." : "", path[i]);
}

void hh_cli_print_event_log(const json_t *events, json_t *context)
{
    json_t *ctx = context != NULL ? json_incref(context) : json_object();

    for (size_t i = 0; i < json_array_size(events); i++) {
        const json_t *e = json_array_get(events, i);
        char *t = hh_fmt_value(json_object_get(e, "event_time"), HH_FMT_STR), name[1024];

        if (t != NULL && strchr(t, 'T') != NULL)
            *strchr(t, 'T') = ' ';
        event_name(e, ctx, name, sizeof(name));
        printf("%s [%s]: %s  %s\n", t ? t : "", name,
               json_string_value(json_object_get(e, "resource_status")) ?: "",
               json_string_value(json_object_get(e, "resource_status_reason")) ?: "");
        free(t);
    }
    json_decref(ctx);
}

/* heatclient's event table: resource_name (logical_resource_id from an
 * older server), id, reason, status, time, and stack_name when nested. */
static int print_events(json_t *rows, bool nested)
{
    const char *fields[6] = {"resource_name",   "id",         "resource_status_reason",
                             "resource_status", "event_time", "stack_name"};
    size_t first = 0;

    if (json_array_size(rows) == 0)
        first = 1;
    else if (json_object_get(json_array_get(rows, 0), "resource_name") == NULL)
        fields[0] = "logical_resource_id";
    hh_cli_add_stack_names(rows);
    return hh_print_list(stdout, rows, fields + first, (nested ? 6 : 5) - first, -1, NULL) ? 1 : 0;
}

/* --nested-depth as an int (0 when not given); 1 after printing why. */
static int nested_depth(const event_args *o, long *depth)
{
    char *end = NULL;

    *depth = 0;
    if (o->depth == NULL)
        return 0;
    *depth = strtol(o->depth, &end, 10);
    if (end == o->depth || *end != '\0')
        return hh_cli_fail("--nested-depth invalid value %s", o->depth);
    return 0;
}

/* GET the events of stack ident (of one resource when resource is not
 * NULL) in ascending order, with o's limit, marker, depth and filters.
 * *out: the answer (new). */
static int get_events(hh_cli *cli, const char *ident, const event_args *o, long depth, json_t **out)
{
    char *path = NULL, *q = NULL, *full = NULL;
    int rc = 1;

    *out = NULL;
    if (hh_cli_http(cli) == NULL)
        return 1;
    path = o->resource ? hh_cli_stack_sub(cli, ident, "/resources/", o->resource, "/events", NULL)
                       : hh_cli_stack_sub(cli, ident, "/events", NULL, NULL, NULL);
    if (path == NULL)
        goto done;
    hh_cli_query_add(cli, &q, "sort_dir", "asc");
    if (o->limit)
        hh_cli_query_add(cli, &q, "limit", o->limit);
    if (o->marker)
        hh_cli_query_add(cli, &q, "marker", o->marker);
    if (depth > 0)
        hh_cli_query_add(cli, &q, "nested_depth", o->depth);
    if (hh_cli_query_filters(cli, &q, &o->filters) != 0)
        goto done;
    if (asprintf(&full, "%s%s", path, q ? q : "") < 0) {
        full = NULL;
        goto done;
    }
    rc = hh_cli_call(cli, "GET", full, NULL, out);
done:
    free(path);
    free(q);
    free(full);
    return rc;
}

static const hh_cli_opt event_list_opts[] = {
    {"resource", 'r', HH_OPT_STR, offsetof(event_args, resource), "<RESOURCE>"},
    {"filters", 'f', HH_OPT_LIST, offsetof(event_args, filters), "<KEY1=VALUE1;KEY2=VALUE2...>"},
    {"limit", 'l', HH_OPT_STR, offsetof(event_args, limit), "<LIMIT>"},
    {"marker", 'm', HH_OPT_STR, offsetof(event_args, marker), "<ID>"},
    {"nested-depth", 'n', HH_OPT_STR, offsetof(event_args, depth), "<DEPTH>"},
    {"format", 'F', HH_OPT_STR, offsetof(event_args, format), "<FORMAT>"},
    {NULL},
};

static int cmd_event_list(hh_cli *cli, hh_cli_args *args)
{
    const event_args *o = (const event_args *)args;
    json_t *out = NULL;
    long depth;
    int rc = 1;

    if (o->depth != NULL && o->resource != NULL)
        return hh_cli_fail("--nested-depth cannot be specified with --resource");
    if (nested_depth(o, &depth) != 0 || get_events(cli, args->pos.v[0], o, depth, &out) != 0)
        goto done;
    if (o->format != NULL && strcmp(o->format, "log") == 0) {
        hh_cli_print_event_log(json_object_get(out, "events"), NULL);
        rc = 0;
    } else {
        rc = print_events(json_object_get(out, "events"), depth > 0);
    }
done:
    json_decref(out);
    return rc;
}

static int cmd_event_show(hh_cli *cli, hh_cli_args *args)
{
    static const hh_fmt_rule rules[] = {
        {"links", HH_FMT_LINKS},
        {"resource_properties", HH_FMT_JSON},
        {NULL, 0},
    };
    const char *const *pos = args->pos.v;
    char *path = hh_cli_stack_sub(cli, pos[0], "/resources/", pos[1], "/events/", pos[2]);
    json_t *out = NULL;
    int rc = 1;

    if (path != NULL && hh_cli_call(cli, "GET", path, NULL, &out) == 0)
        rc = hh_print_dict(stdout, json_object_get(out, "event"), rules) ? 1 : 0;
    json_decref(out);
    free(path);
    return rc;
}

/* ---- hooks ------------------------------------------------------------------ */

/* hook_utils.get_hook_type_via_status: the hook a stack in progress can
 * be paused on (a static string), or NULL after printing why. */
static const char *hook_type_of(hh_cli *cli, const char *ident)
{
    char *path = hh_cli_stack_sub(cli, ident, "", NULL, NULL, NULL);
    const char *status, *type = NULL;
    json_t *out = NULL;

    if (path == NULL || hh_cli_call(cli, "GET", path, NULL, &out) != 0)
        goto done;
    status = json_string_value(json_object_get(json_object_get(out, "stack"), "stack_status"));
    if (status == NULL || strstr(status, "IN_PROGRESS") == NULL)
        hh_cli_fail("Stack status %s not IN_PROGRESS", status ? status : "None");
    else if (strstr(status, "CREATE") != NULL)
        type = "pre-create";
    else if (strstr(status, "UPDATE") != NULL)
        type = "pre-update";
    else if (strstr(status, "DELETE") != NULL)
        type = "pre-delete";
    else
        hh_cli_fail("Unexpected stack status %s, only create, update and delete supported", status);
done:
    json_decref(out);
    free(path);
    return type;
}

static bool reason_is(const json_t *e, const char *reason)
{
    const char *r = json_string_value(json_object_get(e, "resource_status_reason"));

    return r != NULL && strcmp(r, reason) == 0;
}

static bool same_resource(const json_t *a, const json_t *b)
{
    const char *sa = json_string_value(json_object_get(a, "stack_name"));
    const char *sb = json_string_value(json_object_get(b, "stack_name"));
    const char *ra = json_string_value(json_object_get(a, "resource_name"));
    const char *rb = json_string_value(json_object_get(b, "resource_name"));

    return sa && sb && ra && rb && strcmp(sa, sb) == 0 && strcmp(ra, rb) == 0;
}

/* event_utils.get_hook_events: of the events since the stack's last
 * "Stack ACTION started", those pausing a resource on hook and not
 * followed by that resource's clear event; in the order the resources
 * were first paused (new array). */
static json_t *pending_hooks(json_t *events, const char *ident, const char *hook)
{
    char action[16], started[64], paused[96], cleared[64], stack[256];
    json_t *pending = json_array();
    size_t start = 0, i;

    snprintf(action, sizeof(action), "%s", hook + 4);
    for (char *p = action; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    snprintf(started, sizeof(started), "Stack %s started", action);
    snprintf(paused, sizeof(paused), "%s paused until Hook %s is cleared", action, hook);
    snprintf(cleared, sizeof(cleared), "Hook %s is cleared", hook);
    snprintf(stack, sizeof(stack), "%.*s", (int)strcspn(ident, "/"), ident);
    hh_cli_add_stack_names(events);
    for (i = 0; i < json_array_size(events); i++) {
        const json_t *e = json_array_get(events, i);
        const char *name = json_string_value(json_object_get(e, "stack_name"));

        if (reason_is(e, started) && name != NULL && strcmp(name, stack) == 0)
            start = i;
    }
    for (i = start; pending != NULL && i < json_array_size(events); i++) {
        json_t *e = json_array_get(events, i);
        size_t j;

        if (!reason_is(e, paused) && !reason_is(e, cleared))
            continue;
        for (j = 0; j < json_array_size(pending); j++)
            if (same_resource(json_array_get(pending, j), e))
                break;
        if (reason_is(e, paused) && j < json_array_size(pending))
            json_array_set(pending, j, e);
        else if (reason_is(e, paused))
            json_array_append(pending, e);
        else if (j < json_array_size(pending))
            json_array_remove(pending, j);
    }
    return pending;
}

static const hh_cli_opt hook_poll_opts[] = {
    {"nested-depth", 'n', HH_OPT_STR, offsetof(event_args, depth), "<DEPTH>"},
    {NULL},
};

static int cmd_hook_poll(hh_cli *cli, hh_cli_args *args)
{
    const event_args *o = (const event_args *)args;
    const char *hook;
    json_t *out = NULL, *pending = NULL;
    long depth;
    int rc = 1;

    if (nested_depth(o, &depth) != 0 || (hook = hook_type_of(cli, args->pos.v[0])) == NULL ||
        get_events(cli, args->pos.v[0], o, depth, &out) != 0)
        goto done;
    pending = pending_hooks(json_object_get(out, "events"), args->pos.v[0], hook);
    rc = pending != NULL ? print_events(pending, depth > 0) : hh_cli_fail("out of memory");
done:
    json_decref(out);
    json_decref(pending);
    return rc;
}

/* hook_utils.clear_wildcard_hooks: in stack ident, follow the nested
 * stacks whose resource names match patterns[0..n) and signal
 * {"unset_hook": hook} to every resource matching res_pattern there. */
static int clear_hooks(hh_cli *cli, const char *ident, char **patterns, size_t n,
                       const char *res_pattern, const char *hook)
{
    char *path = hh_cli_stack_sub(cli, ident, "/resources", NULL, NULL, NULL);
    json_t *out = NULL, *res;
    size_t i;
    int rc = 1;

    if (path == NULL || hh_cli_call(cli, "GET", path, NULL, &out) != 0)
        goto done;
    rc = 0;
    json_array_foreach(json_object_get(out, "resources"), i, res)
    {
        const char *name = json_string_value(json_object_get(res, "resource_name"));
        char *rpath = NULL;

        if (name == NULL || fnmatch(n > 0 ? patterns[0] : res_pattern, name, 0) != 0)
            continue;
        rpath = hh_cli_stack_sub(cli, ident, "/resources/", name, NULL, NULL);
        if (rpath == NULL) {
            rc = 1;
        } else if (n > 0) {
            json_t *r = NULL;
            const char *nested;

            if (hh_cli_call(cli, "GET", rpath, NULL, &r) != 0) {
                rc = 1;
            } else {
                nested = json_string_value(
                    json_object_get(json_object_get(r, "resource"), "physical_resource_id"));
                if (nested != NULL && nested[0] != '\0' &&
                    clear_hooks(cli, nested, patterns + 1, n - 1, res_pattern, hook) != 0)
                    rc = 1;
            }
            json_decref(r);
        } else {
            json_t *body = json_pack("{s:s}", "unset_hook", hook);
            char *spath = NULL;
            hh_client_resp r;

            if (body == NULL || asprintf(&spath, "%s/signal", rpath) < 0) {
                spath = NULL;
                rc = hh_cli_fail("out of memory");
            } else if (hh_client_http_call(cli->http, "POST", spath, body, true, &r) != 0) {
                if (r.status == 404)
                    fprintf(stderr, "Stack %s or resource %s not found for hook %s\n", ident, name,
                            hook);
                else
                    rc = hh_cli_fail("%s", r.message ? r.message : "out of memory");
            }
            if (spath != NULL)
                hh_client_resp_clear(&r);
            json_decref(body);
            free(spath);
        }
        free(rpath);
    }
done:
    json_decref(out);
    free(path);
    return rc;
}

static const hh_cli_opt hook_clear_opts[] = {
    {"pre-create", 0, HH_OPT_FLAG, offsetof(event_args, pre_create), NULL},
    {"pre-update", 0, HH_OPT_FLAG, offsetof(event_args, pre_update), NULL},
    {"pre-delete", 0, HH_OPT_FLAG, offsetof(event_args, pre_delete), NULL},
    {NULL},
};

static int cmd_hook_clear(hh_cli *cli, hh_cli_args *args)
{
    const event_args *o = (const event_args *)args;
    const char *hook = o->pre_create   ? "pre-create"
                       : o->pre_update ? "pre-update"
                       : o->pre_delete ? "pre-delete"
                                       : hook_type_of(cli, args->pos.v[0]);
    int rc = 0;

    if (hook == NULL)
        return 1;
    for (size_t i = 1; rc == 0 && i < args->pos.n; i++) {
        char *copy = strdup(args->pos.v[i]), *save = NULL, *seg;
        char *parts[32];
        size_t n = 0;

        if (copy == NULL)
            return hh_cli_fail("out of memory");
        for (seg = strtok_r(copy, "/", &save); seg != NULL && n < 32;
             seg = strtok_r(NULL, "/", &save))
            parts[n++] = seg;
        if (n == 0)
            rc = hh_cli_fail("Invalid hook %s: name a resource", args->pos.v[i]);
        else if (seg != NULL)
            rc = hh_cli_fail("Invalid hook %s: more than 32 levels", args->pos.v[i]);
        else
            rc = clear_hooks(cli, args->pos.v[0], parts, n - 1, parts[n - 1], hook);
        free(copy);
    }
    return rc;
}

static const char *const hook_names[] = {"<NAME or ID>", "<RESOURCE>"};

const hh_cli_verb hh_cli_event_verbs[] = {
    {"event-list", cmd_event_list, "List events for a stack.", event_list_opts, sizeof(event_args),
     stack_names, 1, 1},
    {"event-show", cmd_event_show, "Describe the event.", NULL, 0, stack_names, 3, 3},
    {"event", cmd_event_show, "DEPRECATED!", NULL, 0, stack_names, 3, 3},
    {"hook-poll", cmd_hook_poll, "List resources with pending hook for a stack.", hook_poll_opts,
     sizeof(event_args), stack_names, 1, 1},
    {"hook-clear", cmd_hook_clear, "Clear hooks on a given stack.", hook_clear_opts,
     sizeof(event_args), hook_names, 2, HH_CLI_MANY},
    {NULL},
};
