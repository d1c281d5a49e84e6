/* client_resources: the heat client's verbs on a stack's parts
 * (heatclient/v1/shell.py): output-list, output-show, resource-list,
 * resource-show, resource-metadata, resource-signal, event-list,
 * event-show, template-show. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_cmd.h"
#include "client_table.h"
#include "hh_yaml.h"

#define MAX_POS 3

static const char *const stack_names[] = {"<NAME or ID>", "<RESOURCE>", "<EVENT>"};

/* "/stacks/NAME/ID" + p1 + a + p2 + b (a and b escaped, may be NULL),
 * after the stack's lookup (new string; NULL after printing why). */
static char *stack_sub(hh_cli *cli, const char *ident, const char *p1, const char *a,
                       const char *p2, const char *b)
{
    char *path = NULL, *out = NULL, *ea = NULL, *eb = NULL;

    if (hh_cli_stack_path(cli, ident, &path) != 0)
        return NULL;
    ea = a != NULL ? hh_client_http_escape(cli->http, a) : NULL;
    eb = b != NULL ? hh_client_http_escape(cli->http, b) : NULL;
    if (asprintf(&out, "%s%s%s%s%s", path, p1, ea ? ea : "", p2 ? p2 : "", eb ? eb : "") < 0)
        out = NULL;
    if (out == NULL)
        hh_cli_fail("out of memory");
    free(path);
    free(ea);
    free(eb);
    return out;
}

/* heatclient's Resource.stack_name / Event.stack_name: from the "stack"
 * link ".../stacks/NAME/ID" when the server does not give it. */
static void add_stack_names(json_t *rows)
{
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *r = json_array_get(rows, i), *links = json_object_get(r, "links");

        if (json_object_get(r, "stack_name") != NULL)
            continue;
        for (size_t j = 0; j < json_array_size(links); j++) {
            json_t *l = json_array_get(links, j);
            const char *rel = json_string_value(json_object_get(l, "rel"));
            const char *href = json_string_value(json_object_get(l, "href"));

            if (rel != NULL && href != NULL && strcmp(rel, "stack") == 0) {
                const char *end = strrchr(href, '/'), *start = end;

                while (start != NULL && start > href && start[-1] != '/')
                    start--;
                if (end != NULL && start != NULL)
                    json_object_set_new(r, "stack_name",
                                        json_stringn(start, (size_t)(end - start)));
            }
        }
    }
}

/* ---- outputs -------------------------------------------------------------- */

static int cmd_output_list(hh_cli *cli, int argc, char **argv)
{
    static const char *const fields[] = {"output_key", "description"};
    const char *pos[1];
    char *path = NULL;
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 1, 1, pos, stack_names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    path = stack_sub(cli, pos[0], "/outputs", NULL, NULL, NULL);
    if (path != NULL && hh_cli_call(cli, "GET", path, NULL, &out) == 0)
        rc = hh_print_list(stdout, json_object_get(out, "outputs"), fields, 2, 0, NULL) ? 1 : 0;
    json_decref(out);
    free(path);
    return rc;
}

typedef struct output_opts {
    const char *format;
    bool all, detail;
} output_opts;

enum { O_WITH_DETAIL = 256 };

static int on_output_opt(int c, void *arg)
{
    output_opts *o = arg;

    switch (c) {
    case 'F':
        o->format = optarg;
        return 0;
    case 'a':
        o->all = true;
        return 0;
    case O_WITH_DETAIL:
        o->detail = true;
        return 0;
    default:
        return -1;
    }
}

/* show_output of heatclient's output-show. */
static int show_output(const output_opts *o, const json_t *output)
{
    const json_t *err = json_object_get(output, "output_error");
    const json_t *v = json_object_get(output, "output_value");
    bool as_json = strcmp(o->format, "json") == 0;
    char *s;

    if (err != NULL) {
        s = hh_fmt_value(err, HH_FMT_STR);
        hh_cli_fail("Output error: %s", s ? s : "");
        free(s);
        return 1;
    }
    if (o->detail) {
        hh_fmt_rule rules[] = {{"output_value", as_json ? HH_FMT_JSON : HH_FMT_STR}, {NULL, 0}};

        return hh_print_dict(stdout, output, rules) ? 1 : 0;
    }
    if (as_json)
        s = hh_fmt_json(output, ", ");
    else if (json_is_object(v) || json_is_array(v))
        s = hh_fmt_json(v, ", ");
    else
        s = hh_fmt_value(v, HH_FMT_STR);
    if (s == NULL)
        return hh_cli_fail("out of memory");
    printf("%s\n", s);
    free(s);
    return 0;
}

static int resolve_output(hh_cli *cli, const char *stack_path, const char *key, json_t **out)
{
    hh_client_http *h = cli->http;
    char *esc = hh_client_http_escape(h, key ? key : "None"), *path = NULL, *msg = NULL;
    int rc = 1;

    if (esc != NULL && asprintf(&path, "%s/outputs/%s", stack_path, esc) >= 0 &&
        asprintf(&msg, "Output %s not found.", key ? key : "None") >= 0)
        rc = hh_cli_call404(cli, "GET", path, NULL, out, msg);
    else
        hh_cli_fail("out of memory");
    free(esc);
    free(path);
    free(msg);
    return rc;
}

static int cmd_output_show(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'F'},
        {"all", no_argument, NULL, 'a'},
        {"with-detail", no_argument, NULL, O_WITH_DETAIL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    output_opts o = {.format = "raw"};
    const char *pos[2];
    char *path = NULL, *lpath = NULL;
    json_t *out = NULL, *one = NULL;
    int rc = hh_cli_args(argc, argv, "F:ah", opts, on_output_opt, &o, 1, 2, pos, stack_names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    if (o.all && pos[1] != NULL) {
        hh_cli_fail("Can't specify an output name and the --all flag");
        goto done;
    }
    if (hh_cli_stack_path(cli, pos[0], &path) != 0)
        goto done;
    if (!o.all) {
        if (resolve_output(cli, path, pos[1], &one) == 0)
            rc = show_output(&o, json_object_get(one, "output"));
        goto done;
    }
    if (asprintf(&lpath, "%s/outputs", path) < 0) {
        lpath = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "GET", lpath, NULL, &out) != 0)
        goto done;
    rc = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(json_object_get(out, "outputs")); i++) {
        const char *key = json_string_value(
            json_object_get(json_array_get(json_object_get(out, "outputs"), i), "output_key"));

        json_decref(one);
        one = NULL;
        rc = resolve_output(cli, path, key, &one);
        if (rc == 0)
            rc = show_output(&o, json_object_get(one, "output"));
    }
done:
    json_decref(out);
    json_decref(one);
    free(path);
    free(lpath);
    return rc;
}

/* ---- resources ------------------------------------------------------------ */

typedef struct res_opts {
    const char *depth;
    bool detail;
    hh_strv filters, attrs;
    const char *data, *data_file;
} res_opts;

static int on_res_opt(int c, void *arg)
{
    res_opts *o = arg;

    switch (c) {
    case 'n':
        o->depth = optarg;
        return 0;
    case O_WITH_DETAIL:
        o->detail = true;
        return 0;
    case 'f':
        return hh_strv_push(&o->filters, optarg);
    case 'a':
        return hh_strv_push(&o->attrs, optarg);
    default:
        return -1;
    }
}

static int cmd_resource_list(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"nested-depth", required_argument, NULL, 'n'},
        {"with-detail", no_argument, NULL, O_WITH_DETAIL},
        {"filter", required_argument, NULL, 'f'},
        {"filters", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    res_opts o = {0};
    const char *pos[1];
    const char *fields[6] = {"resource_name",   "physical_resource_id", "resource_type",
                             "resource_status", "updated_time",         "stack_name"};
    char *path = NULL, *q = NULL, *full = NULL;
    json_t *out = NULL, *rows;
    int rc = hh_cli_args(argc, argv, "n:f:h", opts, on_res_opt, &o, 1, 1, pos, stack_names);

    if (rc != 0) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    rc = 1;
    path = stack_sub(cli, pos[0], "/resources", NULL, NULL, NULL);
    if (path == NULL)
        goto done;
    if (o.depth != NULL)
        hh_cli_query_add(cli, &q, "nested_depth", o.depth);
    if (o.detail)
        hh_cli_query_add(cli, &q, "with_detail", "True");
    if (hh_cli_query_filters(cli, &q, &o.filters) != 0)
        goto done;
    if (asprintf(&full, "%s%s", path, q ? q : "") < 0) {
        full = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "GET", full, NULL, &out) != 0)
        goto done;
    rows = json_object_get(out, "resources");
    if (json_array_size(rows) > 0 &&
        json_object_get(json_array_get(rows, 0), "resource_name") == NULL)
        fields[0] = "logical_resource_id";
    add_stack_names(rows);
    rc = hh_print_list(stdout, rows, fields, o.depth || o.detail ? 6 : 5, 4, NULL) ? 1 : 0;
done:
    hh_strv_free(&o.filters);
    hh_strv_free(&o.attrs);
    json_decref(out);
    free(path);
    free(q);
    free(full);
    return rc;
}

/* method on the resource's path + tail and hand back its JSON; 404 says "Stack or
 * resource not found: ID RESOURCE". */
static int get_resource_part(hh_cli *cli, const char *ident, const char *res, const char *tail,
                             const char *query, const char *method, const json_t *body,
                             json_t **out)
{
    char *path = stack_sub(cli, ident, "/resources/", res, tail, NULL), *full = NULL, *msg = NULL;
    int rc = 1;

    if (path == NULL)
        return 1;
    if (asprintf(&full, "%s%s", path, query ? query : "") >= 0 &&
        asprintf(&msg, "Stack or resource not found: %s %s", ident, res) >= 0)
        rc = hh_cli_call404(cli, method, full, body, out, msg);
    free(path);
    free(full);
    free(msg);
    return rc;
}

static int cmd_resource_show(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"with-attr", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const hh_fmt_rule rules[] = {
        {"attributes", HH_FMT_JSON},
        {"links", HH_FMT_LINKS},
        {"required_by", HH_FMT_LINES},
        {NULL, 0},
    };
    res_opts o = {0};
    const char *pos[2];
    char *q = NULL;
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "a:h", opts, on_res_opt, &o, 2, 2, pos, stack_names);

    if (rc != 0) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    rc = 1;
    if (hh_cli_http(cli) == NULL)
        goto done;
    for (size_t i = 0; i < o.attrs.n; i++)
        hh_cli_query_add(cli, &q, "with_attr", o.attrs.v[i]);
    if (get_resource_part(cli, pos[0], pos[1], "", q, "GET", NULL, &out) == 0)
        rc = hh_print_dict(stdout, json_object_get(out, "resource"), rules) ? 1 : 0;
done:
    hh_strv_free(&o.filters);
    hh_strv_free(&o.attrs);
    json_decref(out);
    free(q);
    return rc;
}

static int cmd_resource_metadata(hh_cli *cli, int argc, char **argv)
{
    const char *pos[2];
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 2, 2, pos, stack_names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = get_resource_part(cli, pos[0], pos[1], "/metadata", NULL, "GET", NULL, &out);
    if (rc == 0)
        hh_cli_print_json(json_object_get(out, "metadata"));
    json_decref(out);
    return rc;
}

static int on_signal_opt(int c, void *arg)
{
    res_opts *o = arg;

    if (c == 'D')
        o->data = optarg;
    else if (c == 'f')
        o->data_file = optarg;
    else
        return -1;
    return 0;
}

static int cmd_resource_signal(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"data", required_argument, NULL, 'D'},
        {"data-file", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    res_opts o = {0};
    const char *pos[2];
    json_t *data = NULL;
    json_error_t jerr;
    int rc = hh_cli_args(argc, argv, "D:f:h", opts, on_signal_opt, &o, 2, 2, pos, stack_names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (o.data != NULL && o.data_file != NULL)
        return hh_cli_fail("Can only specify one of data and data-file");
    if (o.data_file != NULL) {
        data = json_load_file(o.data_file, JSON_DECODE_ANY, &jerr);
        if (data == NULL)
            return hh_cli_fail("Data should be in JSON format: %s", jerr.text);
    } else if (o.data != NULL) {
        data = json_loads(o.data, JSON_DECODE_ANY, &jerr);
        if (data == NULL)
            return hh_cli_fail("Data should be in JSON format: %s", jerr.text);
    }
    if (data != NULL && !json_is_object(data)) {
        json_decref(data);
        return hh_cli_fail("Data should be a JSON dict");
    }
    rc = get_resource_part(cli, pos[0], pos[1], "/signal", NULL, "POST", data, NULL);
    json_decref(data);
    return rc;
}

static int on_reset(int c, void *arg)
{
    if (c != 'R')
        return -1;
    *(bool *)arg = true;
    return 0;
}

static int cmd_resource_mark_unhealthy(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"reset", no_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char *const mnames[] = {"<NAME or ID>", "<RESOURCE>", "reason"};
    const char *pos[3];
    bool reset = false;
    json_t *body = NULL;
    int rc = hh_cli_args(argc, argv, "h", opts, on_reset, &reset, 2, 3, pos, mnames);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    body = json_pack("{s:b,s:s}", "mark_unhealthy", !reset, "resource_status_reason",
                     pos[2] != NULL ? pos[2] : "");
    if (body == NULL)
        return hh_cli_fail("out of memory");
    rc = get_resource_part(cli, pos[0], pos[1], "", NULL, "PATCH", body, NULL);
    json_decref(body);
    return rc;
}

/* ---- events ----------------------------------------------------------------- */

typedef struct event_opts {
    const char *resource, *limit, *marker, *depth, *format;
    hh_strv filters;
} event_opts;

static int on_event_opt(int c, void *arg)
{
    event_opts *o = arg;

    switch (c) {
    case 'r':
        o->resource = optarg;
        return 0;
    case 'l':
        o->limit = optarg;
        return 0;
    case 'm':
        o->marker = optarg;
        return 0;
    case 'n':
        o->depth = optarg;
        return 0;
    case 'F':
        o->format = optarg;
        return 0;
    case 'f':
        return hh_strv_push(&o->filters, optarg);
    default:
        return -1;
    }
}

static int cmd_event_list(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"resource", required_argument, NULL, 'r'},
        {"filters", required_argument, NULL, 'f'},
        {"limit", required_argument, NULL, 'l'},
        {"marker", required_argument, NULL, 'm'},
        {"nested-depth", required_argument, NULL, 'n'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    event_opts o = {.format = "table"};
    const char *pos[1];
    const char *fields[6] = {"resource_name",   "id",         "resource_status_reason",
                             "resource_status", "event_time", "stack_name"};
    char *path = NULL, *q = NULL, *full = NULL;
    json_t *out = NULL, *rows;
    long depth = 0;
    int rc =
        hh_cli_args(argc, argv, "r:f:l:m:n:F:h", opts, on_event_opt, &o, 1, 1, pos, stack_names);

    if (rc != 0) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    rc = 1;
    if (o.depth != NULL && o.resource != NULL) {
        hh_cli_fail("--nested-depth cannot be specified with --resource");
        goto done;
    }
    if (o.depth != NULL) {
        char *end = NULL;

        depth = strtol(o.depth, &end, 10);
        if (end == o.depth || *end != '\0') {
            hh_cli_fail("--nested-depth invalid value %s", o.depth);
            goto done;
        }
    }
    if (hh_cli_http(cli) == NULL)
        goto done;
    path = o.resource ? stack_sub(cli, pos[0], "/resources/", o.resource, "/events", NULL)
                      : stack_sub(cli, pos[0], "/events", NULL, NULL, NULL);
    if (path == NULL)
        goto done;
    hh_cli_query_add(cli, &q, "sort_dir", "asc");
    if (o.limit)
        hh_cli_query_add(cli, &q, "limit", o.limit);
    if (o.marker)
        hh_cli_query_add(cli, &q, "marker", o.marker);
    if (depth > 0)
        hh_cli_query_add(cli, &q, "nested_depth", o.depth);
    if (hh_cli_query_filters(cli, &q, &o.filters) != 0)
        goto done;
    if (asprintf(&full, "%s%s", path, q ? q : "") < 0) {
        full = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "GET", full, NULL, &out) != 0)
        goto done;
    rows = json_object_get(out, "events");
    if (strcmp(o.format, "log") == 0) {
        for (size_t i = 0; i < json_array_size(rows); i++) {
            const json_t *e = json_array_get(rows, i);
            char *t = hh_fmt_value(json_object_get(e, "event_time"), HH_FMT_STR);

            if (t != NULL && strchr(t, 'T') != NULL)
                *strchr(t, 'T') = ' ';
            printf("%s [%s]: %s  %s\n", t ? t : "",
                   json_string_value(json_object_get(e, "resource_name")) ?: "",
                   json_string_value(json_object_get(e, "resource_status")) ?: "",
                   json_string_value(json_object_get(e, "resource_status_reason")) ?: "");
            free(t);
        }
        rc = 0;
        goto done;
    }
    if (json_array_size(rows) > 0 &&
        json_object_get(json_array_get(rows, 0), "resource_name") == NULL)
        fields[0] = "logical_resource_id";
    add_stack_names(rows);
    rc = hh_print_list(stdout, rows, fields, depth > 0 ? 6 : 5, -1, NULL) ? 1 : 0;
done:
    hh_strv_free(&o.filters);
    json_decref(out);
    free(path);
    free(q);
    free(full);
    return rc;
}

static int cmd_event_show(hh_cli *cli, int argc, char **argv)
{
    static const hh_fmt_rule rules[] = {
        {"links", HH_FMT_LINKS},
        {"resource_properties", HH_FMT_JSON},
        {NULL, 0},
    };
    const char *pos[3];
    char *path = NULL;
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 3, 3, pos, stack_names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    path = stack_sub(cli, pos[0], "/resources/", pos[1], "/events/", pos[2]);
    if (path != NULL && hh_cli_call(cli, "GET", path, NULL, &out) == 0)
        rc = hh_print_dict(stdout, json_object_get(out, "event"), rules) ? 1 : 0;
    json_decref(out);
    free(path);
    return rc;
}

/* ---- template-show -------------------------------------------------------- */

static int cmd_template_show(hh_cli *cli, int argc, char **argv)
{
    const char *pos[1];
    char *path = NULL, *text = NULL;
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 1, 1, pos, stack_names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    path = stack_sub(cli, pos[0], "/template", NULL, NULL, NULL);
    if (path == NULL || hh_cli_call(cli, "GET", path, NULL, &out) != 0)
        goto done;
    if (json_object_get(out, "heat_template_version") != NULL) {
        if (hh_yaml_dump(out, &text) != 0) {
            hh_cli_fail("the template cannot be written as YAML");
            goto done;
        }
        printf("%s\n", text);
    } else {
        hh_cli_print_json(out);
    }
    rc = 0;
done:
    json_decref(out);
    free(path);
    free(text);
    return rc;
}

const hh_cli_verb hh_cli_res_verbs[] = {
    {"output-list", cmd_output_list, "Show available outputs.", "<NAME or ID>"},
    {"output-show", cmd_output_show, "Show a specific stack output.",
     "[-F <FORMAT>] [-a] [--with-detail] <NAME or ID> [<OUTPUT NAME>]"},
    {"resource-list", cmd_resource_list, "Show list of resources belonging to a stack.",
     "[-n <DEPTH>] [--with-detail] [-f <KEY=VALUE>] <NAME or ID>"},
    {"resource-show", cmd_resource_show, "Describe the resource.",
     "[-a <ATTRIBUTE>] <NAME or ID> <RESOURCE>"},
    {"resource-metadata", cmd_resource_metadata, "List resource metadata.",
     "<NAME or ID> <RESOURCE>"},
    {"resource-signal", cmd_resource_signal, "Send a signal to a resource.",
     "[-D <DATA>] [-f <FILE>] <NAME or ID> <RESOURCE>"},
    {"resource-mark-unhealthy", cmd_resource_mark_unhealthy, "Set resource's health.",
     "[--reset] <NAME or ID> <RESOURCE> [reason]"},
    {"event-list", cmd_event_list, "List events for a stack.",
     "[-r <RESOURCE>] [-f <KEY1=VALUE1;KEY2=VALUE2...>] [-l <LIMIT>] [-m <ID>] [-n <DEPTH>] "
     "[-F <FORMAT>] <NAME or ID>"},
    {"event-show", cmd_event_show, "Describe the event.", "<NAME or ID> <RESOURCE> <EVENT>"},
    {"template-show", cmd_template_show, "Get the template for the specified stack.",
     "<NAME or ID>"},
    {NULL, NULL, NULL, NULL},
};
