/* client_resources: the heat client's verbs on a stack's parts
 * (heatclient/v1/shell.py): output-list, output-show, resource-list,
 * resource-show, resource-metadata, resource-signal,
 * resource-mark-unhealthy, template-show. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_cmd.h"
#include "client_table.h"
#include "hh_yaml.h"

static const char *const stack_names[] = {"<NAME or ID>", "<RESOURCE>", "reason"};
static const char *const output_names[] = {"<NAME or ID>", "<OUTPUT NAME>"};

/* ---- outputs -------------------------------------------------------------- */

static int cmd_output_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"output_key", "description"};
    char *path = NULL;
    json_t *out = NULL;
    int rc = 1;

    path = hh_cli_stack_sub(cli, args->pos.v[0], "/outputs", NULL, NULL, NULL);
    if (path != NULL && hh_cli_call(cli, "GET", path, NULL, &out) == 0)
        rc = hh_print_list(stdout, json_object_get(out, "outputs"), fields, 2, 0, NULL) ? 1 : 0;
    json_decref(out);
    free(path);
    return rc;
}

typedef struct output_args {
    hh_cli_args base;
    const char *format;
    bool all, detail;
} output_args;

static const hh_cli_opt output_opts[] = {
    {"format", 'F', HH_OPT_STR, offsetof(output_args, format), "<FORMAT>"},
    {"all", 'a', HH_OPT_FLAG, offsetof(output_args, all), NULL},
    {"with-detail", 0, HH_OPT_FLAG, offsetof(output_args, detail), NULL},
    {NULL},
};

/* show_output of heatclient's output-show. */
static int show_output(const output_args *o, const json_t *output)
{
    const json_t *err = json_object_get(output, "output_error");
    const json_t *v = json_object_get(output, "output_value");
    bool as_json = o->format != NULL && strcmp(o->format, "json") == 0;
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

static int cmd_output_show(hh_cli *cli, hh_cli_args *args)
{
    const output_args *o = (const output_args *)args;
    const char *const pos[2] = {args->pos.v[0], hh_cli_pos(args, 1)};
    char *path = NULL, *lpath = NULL;
    json_t *out = NULL, *one = NULL;
    int rc = 1;

    if (o->all && pos[1] != NULL) {
        hh_cli_fail("Can't specify an output name and the --all flag");
        goto done;
    }
    if (hh_cli_stack_path(cli, pos[0], &path) != 0)
        goto done;
    if (!o->all) {
        if (resolve_output(cli, path, pos[1], &one) == 0)
            rc = show_output(o, json_object_get(one, "output"));
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
            rc = show_output(o, json_object_get(one, "output"));
    }
done:
    json_decref(out);
    json_decref(one);
    free(path);
    free(lpath);
    return rc;
}

/* ---- resources ------------------------------------------------------------ */

typedef struct res_args {
    hh_cli_args base;
    const char *depth, *data, *data_file;
    bool detail, reset;
    hh_strv filters, attrs;
} res_args;

static const hh_cli_opt res_list_opts[] = {
    {"nested-depth", 'n', HH_OPT_STR, offsetof(res_args, depth), "<DEPTH>"},
    {"with-detail", 0, HH_OPT_FLAG, offsetof(res_args, detail), NULL},
    {"filter", 'f', HH_OPT_LIST, offsetof(res_args, filters), "<KEY=VALUE>"},
    {"filters", 0, HH_OPT_LIST, offsetof(res_args, filters), "<KEY=VALUE>", true},
    {NULL},
};

static int cmd_resource_list(hh_cli *cli, hh_cli_args *args)
{
    const res_args *o = (const res_args *)args;
    const char *fields[6] = {"resource_name",   "physical_resource_id", "resource_type",
                             "resource_status", "updated_time",         "stack_name"};
    char *path = NULL, *q = NULL, *full = NULL;
    json_t *out = NULL, *rows;
    int rc = 1;

    path = hh_cli_stack_sub(cli, args->pos.v[0], "/resources", NULL, NULL, NULL);
    if (path == NULL)
        goto done;
    if (o->depth != NULL)
        hh_cli_query_add(cli, &q, "nested_depth", o->depth);
    if (o->detail)
        hh_cli_query_add(cli, &q, "with_detail", "True");
    if (hh_cli_query_filters(cli, &q, &o->filters) != 0)
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
    hh_cli_add_stack_names(rows);
    rc = hh_print_list(stdout, rows, fields, o->depth || o->detail ? 6 : 5, 4, NULL) ? 1 : 0;
done:
    json_decref(out);
    free(path);
    free(q);
    free(full);
    return rc;
}

/* method on the path of the resource args names (stack, resource) + tail
 * and hand back its JSON; 404 says "Stack or resource not found: ID
 * RESOURCE". */
static int get_resource_part(hh_cli *cli, const hh_cli_args *args, const char *tail,
                             const char *query, const char *method, const json_t *body,
                             json_t **out)
{
    const char *ident = args->pos.v[0], *res = args->pos.v[1];
    char *path = hh_cli_stack_sub(cli, ident, "/resources/", res, tail, NULL), *full = NULL,
         *msg = NULL;
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

static const hh_cli_opt res_show_opts[] = {
    {"with-attr", 'a', HH_OPT_LIST, offsetof(res_args, attrs), "<ATTRIBUTE>"},
    {NULL},
};

static int cmd_resource_show(hh_cli *cli, hh_cli_args *args)
{
    static const hh_fmt_rule rules[] = {
        {"attributes", HH_FMT_JSON},
        {"links", HH_FMT_LINKS},
        {"required_by", HH_FMT_LINES},
        {NULL, 0},
    };
    const res_args *o = (const res_args *)args;
    char *q = NULL;
    json_t *out = NULL;
    int rc = 1;

    if (hh_cli_http(cli) == NULL)
        return 1;
    for (size_t i = 0; i < o->attrs.n; i++)
        hh_cli_query_add(cli, &q, "with_attr", o->attrs.v[i]);
    if (get_resource_part(cli, args, "", q, "GET", NULL, &out) == 0)
        rc = hh_print_dict(stdout, json_object_get(out, "resource"), rules) ? 1 : 0;
    json_decref(out);
    free(q);
    return rc;
}

static int cmd_resource_metadata(hh_cli *cli, hh_cli_args *args)
{
    json_t *out = NULL;
    int rc = get_resource_part(cli, args, "/metadata", NULL, "GET", NULL, &out);

    if (rc == 0)
        hh_cli_print_json(json_object_get(out, "metadata"));
    json_decref(out);
    return rc;
}

static const hh_cli_opt signal_opts[] = {
    {"data", 'D', HH_OPT_STR, offsetof(res_args, data), "<DATA>"},
    {"data-file", 'f', HH_OPT_STR, offsetof(res_args, data_file), "<FILE>"},
    {NULL},
};

static int cmd_resource_signal(hh_cli *cli, hh_cli_args *args)
{
    const res_args *o = (const res_args *)args;
    json_t *data = NULL;
    json_error_t jerr;
    int rc;

    if (o->data != NULL && o->data_file != NULL)
        return hh_cli_fail("Can only specify one of data and data-file");
    if (o->data_file != NULL || o->data != NULL) {
        data = o->data_file != NULL ? json_load_file(o->data_file, JSON_DECODE_ANY, &jerr)
                                    : json_loads(o->data, JSON_DECODE_ANY, &jerr);
        if (data == NULL)
            return hh_cli_fail("Data should be in JSON format: %s", jerr.text);
    }
    if (data != NULL && !json_is_object(data)) {
        json_decref(data);
        return hh_cli_fail("Data should be a JSON dict");
    }
    rc = get_resource_part(cli, args, "/signal", NULL, "POST", data, NULL);
    json_decref(data);
    return rc;
}

static const hh_cli_opt unhealthy_opts[] = {
    {"reset", 0, HH_OPT_FLAG, offsetof(res_args, reset), NULL},
    {NULL},
};

static int cmd_resource_mark_unhealthy(hh_cli *cli, hh_cli_args *args)
{
    const res_args *o = (const res_args *)args;
    const char *reason = hh_cli_pos(args, 2);
    json_t *body = json_pack("{s:b,s:s}", "mark_unhealthy", !o->reset, "resource_status_reason",
                             reason != NULL ? reason : "");
    int rc;

    if (body == NULL)
        return hh_cli_fail("out of memory");
    rc = get_resource_part(cli, args, "", NULL, "PATCH", body, NULL);
    json_decref(body);
    return rc;
}

/* ---- template-show -------------------------------------------------------- */

static int cmd_template_show(hh_cli *cli, hh_cli_args *args)
{
    char *path = NULL, *text = NULL;
    json_t *out = NULL;
    int rc = 1;

    path = hh_cli_stack_sub(cli, args->pos.v[0], "/template", NULL, NULL, NULL);
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
    {"output-list", cmd_output_list, "Show available outputs.", NULL, 0, stack_names, 1, 1},
    {"output-show", cmd_output_show, "Show a specific stack output.", output_opts,
     sizeof(output_args), output_names, 1, 2},
    {"resource-list", cmd_resource_list, "Show list of resources belonging to a stack.",
     res_list_opts, sizeof(res_args), stack_names, 1, 1},
    {"resource-show", cmd_resource_show, "Describe the resource.", res_show_opts, sizeof(res_args),
     stack_names, 2, 2},
    {"resource-metadata", cmd_resource_metadata, "List resource metadata.", NULL, 0, stack_names, 2,
     2},
    {"resource-signal", cmd_resource_signal, "Send a signal to a resource.", signal_opts,
     sizeof(res_args), stack_names, 2, 2},
    {"resource-mark-unhealthy", cmd_resource_mark_unhealthy, "Set resource's health.",
     unhealthy_opts, sizeof(res_args), stack_names, 2, 3},
    {"template-show", cmd_template_show, "Get the template for the specified stack.", NULL, 0,
     stack_names, 1, 1},
    {NULL},
};
