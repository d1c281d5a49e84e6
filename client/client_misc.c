/* client_misc: the heat client's service verbs (heatclient/v1/shell.py):
 * service-list, build-info, template-version-list,
 * template-function-list, resource-type-list, resource-type-show,
 * resource-type-template and the snapshot verbs. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_cmd.h"
#include "client_table.h"
#include "hh_yaml.h"

static const char *const names[] = {"<NAME or ID>", "<SNAPSHOT>"};
static const char *const tnames[] = {"<RESOURCE_TYPE>"};

typedef struct service_list_args {
    hh_cli_args base;
    bool role;
} service_list_args;

static const hh_cli_opt service_list_opts[] = {
    {"role", 'r', HH_OPT_FLAG, offsetof(service_list_args, role), NULL},
    {NULL},
};

/* heatclient's columns; --role adds each engine's role (active or
 * standby), a heat-ha field heatclient does not show. */
static int cmd_service_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"hostname", "binary",     "engine_id", "host",
                                         "topic",    "updated_at", "status",    "role"};
    const service_list_args *a = (const service_list_args *)args;

    return hh_cli_list(cli, "/services", "services", fields, a->role ? 8 : 7, 1, NULL);
}

static int cmd_build_info(hh_cli *cli, hh_cli_args *args)
{
    static const hh_fmt_rule rules[] = {{"api", HH_FMT_JSON}, {"engine", HH_FMT_JSON}, {NULL, 0}};
    json_t *out = NULL;
    int rc;

    (void)args;
    rc = hh_cli_call(cli, "GET", "/build_info", NULL, &out);
    if (rc == 0)
        rc = hh_print_dict(stdout, out, rules) ? 1 : 0;
    json_decref(out);
    return rc;
}

static int cmd_template_version_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"version", "type"};

    (void)args;
    return hh_cli_list(cli, "/template_versions", "template_versions", fields, 2, 1, NULL);
}

/* GET base + name (escaped) + suffix into *out (new); 404 says nf1 NAME
 * nf2. */
static int get_named(hh_cli *cli, const char *base, const char *name, const char *suffix,
                     const char *nf1, const char *nf2, json_t **out)
{
    char *esc = NULL, *path = NULL, *msg = NULL;
    int rc;

    *out = NULL;
    if (hh_cli_http(cli) == NULL)
        return 1;
    esc = hh_client_http_escape(cli->http, name);
    if (esc != NULL && asprintf(&path, "%s%s%s", base, esc, suffix) >= 0 &&
        asprintf(&msg, "%s%s%s", nf1, name, nf2) >= 0)
        rc = hh_cli_call404(cli, "GET", path, NULL, out, msg);
    else
        rc = hh_cli_fail("out of memory");
    free(esc);
    free(path);
    free(msg);
    return rc;
}

static int cmd_template_function_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"functions", "description"};
    json_t *out = NULL;
    int rc = get_named(cli, "/template_versions/", args->pos.v[0], "/functions",
                       "Template version not found: ", "", &out);

    if (rc == 0)
        rc = hh_print_list(stdout, json_object_get(out, "template_functions"), fields, 2, 0, NULL)
                 ? 1
                 : 0;
    json_decref(out);
    return rc;
}

typedef struct type_list_args {
    hh_cli_args base;
    hh_strv filters;
} type_list_args;

static const hh_cli_opt type_list_opts[] = {
    {"filters", 'f', HH_OPT_LIST, offsetof(type_list_args, filters),
     "<KEY1=VALUE1;KEY2=VALUE2...>"},
    {NULL},
};

static int cmd_resource_type_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"resource_type"};
    const type_list_args *a = (const type_list_args *)args;
    char *q = NULL, *path = NULL;
    json_t *out = NULL, *rows = json_array();
    int rc = 1;

    if (rows == NULL || hh_cli_http(cli) == NULL || hh_cli_query_filters(cli, &q, &a->filters) != 0)
        goto done;
    if (asprintf(&path, "/resource_types%s", q ? q : "") < 0) {
        path = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "GET", path, NULL, &out) != 0)
        goto done;
    for (size_t i = 0; i < json_array_size(json_object_get(out, "resource_types")); i++) {
        json_t *t = json_array_get(json_object_get(out, "resource_types"), i);

        json_array_append_new(rows, json_is_object(t) ? json_incref(t)
                                                      : json_pack("{s:O}", "resource_type", t));
    }
    rc = hh_print_list(stdout, rows, fields, 1, 0, NULL) ? 1 : 0;
done:
    json_decref(out);
    json_decref(rows);
    free(q);
    free(path);
    return rc;
}

/* GET /resource_types/TYPE[suffix]: 404 says nf1 TYPE nf2. */
static int get_type(hh_cli *cli, const char *type, const char *suffix, const char *nf1,
                    const char *nf2, json_t **out)
{
    return get_named(cli, "/resource_types/", type, suffix, nf1, nf2, out);
}

static int cmd_resource_type_show(hh_cli *cli, hh_cli_args *args)
{
    json_t *out = NULL;
    int rc = get_type(cli, args->pos.v[0], "", "Resource Type not found: ", "", &out);
    if (rc == 0)
        hh_cli_print_json(out);
    json_decref(out);
    return rc;
}

typedef struct type_tmpl_args {
    hh_cli_args base;
    const char *type, *format;
} type_tmpl_args;

static const hh_cli_opt type_tmpl_opts[] = {
    {"template-type", 't', HH_OPT_STR, offsetof(type_tmpl_args, type), "<TEMPLATE_TYPE>"},
    {"format", 'F', HH_OPT_STR, offsetof(type_tmpl_args, format), "<FORMAT>"},
    {NULL},
};

static int cmd_resource_type_template(hh_cli *cli, hh_cli_args *args)
{
    const type_tmpl_args *a = (const type_tmpl_args *)args;
    const char *type = a->type ? a->type : "cfn", *format = a->format ? a->format : "json";
    char *suffix = NULL, *text = NULL;
    json_t *out = NULL;
    int rc;

    if (strcmp(format, "json") != 0 && strcmp(format, "yaml") != 0)
        return hh_cli_fail("The format must be one of: json, yaml");
    if (asprintf(&suffix, "/template?template_type=%s", strcmp(type, "hot") ? "cfn" : "hot") < 0)
        return hh_cli_fail("out of memory");
    rc = get_type(cli, args->pos.v[0], suffix, "Resource Type ", " not found.", &out);
    if (rc == 0 && strcmp(format, "yaml") == 0) {
        if (hh_yaml_dump(out, &text) == 0)
            printf("%s\n", text);
        else
            rc = hh_cli_fail("the template cannot be written as YAML");
    } else if (rc == 0) {
        hh_cli_print_json(out);
    }
    json_decref(out);
    free(suffix);
    free(text);
    return rc;
}

/* ---- snapshots ------------------------------------------------------------ */

/* The stack's snapshots path, with the snapshot id escaped and tail
 * (new; NULL after printing why). */
static char *snap_path(hh_cli *cli, const hh_cli_args *args, const char *tail)
{
    const char *snap = hh_cli_pos(args, 1);

    return hh_cli_stack_sub(cli, args->pos.v[0], snap ? "/snapshots/" : "/snapshots", snap, tail,
                            NULL);
}

typedef struct snap_args {
    hh_cli_args base;
    const char *name;
    bool yes;
} snap_args;

static const hh_cli_opt snapshot_opts[] = {
    {"name", 'n', HH_OPT_STR, offsetof(snap_args, name), "<NAME>"},
    {NULL},
};

static const hh_cli_opt yes_opts[] = {
    {"yes", 'y', HH_OPT_FLAG, offsetof(snap_args, yes), NULL},
    {NULL},
};

static int cmd_stack_snapshot(hh_cli *cli, hh_cli_args *args)
{
    const snap_args *a = (const snap_args *)args;
    char *path = snap_path(cli, args, NULL);
    json_t *body = a->name != NULL ? json_pack("{s:s}", "name", a->name) : json_object();
    int rc = hh_cli_call_print(cli, "POST", path, body, NULL, NULL);

    json_decref(body);
    free(path);
    return rc;
}

static int cmd_snapshot_show(hh_cli *cli, hh_cli_args *args)
{
    char *path = snap_path(cli, args, NULL);
    int rc = hh_cli_call_print(cli, "GET", path, NULL, NULL, "Stack or snapshot not found");

    free(path);
    return rc;
}

static int cmd_snapshot_delete(hh_cli *cli, hh_cli_args *args)
{
    const snap_args *a = (const snap_args *)args;
    char *path = NULL;
    int rc = 1;

    if (!a->yes &&
        !hh_cli_confirm("Are you sure you want to delete the snapshot of this stack [Y/N]?"))
        return 0;
    path = snap_path(cli, args, NULL);
    if (path != NULL &&
        hh_cli_call404(cli, "DELETE", path, NULL, NULL, "Stack or snapshot not found") == 0) {
        printf("Request to delete the snapshot %s of the stack %s has been accepted.\n",
               args->pos.v[1], args->pos.v[0]);
        rc = 0;
    }
    free(path);
    return rc;
}

static int cmd_stack_restore(hh_cli *cli, hh_cli_args *args)
{
    char *path = snap_path(cli, args, "/restore");
    int rc = path != NULL
                 ? hh_cli_call404(cli, "POST", path, NULL, NULL, "Stack or snapshot not found")
                 : 1;

    free(path);
    return rc;
}

static int cmd_snapshot_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"id", "name", "status", "status_reason", "creation_time"};
    char *path = snap_path(cli, args, NULL);
    int rc = path != NULL ? hh_cli_list(cli, path, "snapshots", fields, 5, 0, NULL) : 1;

    free(path);
    return rc;
}

static const char *const vnames[] = {"<TEMPLATE_VERSION>"};

const hh_cli_verb hh_cli_misc_verbs[] = {
    {"service-list", cmd_service_list, "List the Heat engines.", service_list_opts,
     sizeof(service_list_args)},
    {"build-info", cmd_build_info, "Retrieve build information."},
    {"template-version-list", cmd_template_version_list, "List the available template versions."},
    {"template-function-list", cmd_template_function_list, "List the available functions.", NULL, 0,
     vnames, 1, 1},
    {"resource-type-list", cmd_resource_type_list, "List the available resource types.",
     type_list_opts, sizeof(type_list_args)},
    {"resource-type-show", cmd_resource_type_show, "Show the resource type.", NULL, 0, tnames, 1,
     1},
    {"resource-type-template", cmd_resource_type_template,
     "Generate a template based on a resource type.", type_tmpl_opts, sizeof(type_tmpl_args),
     tnames, 1, 1},
    {"resource-template", cmd_resource_type_template, "DEPRECATED!", type_tmpl_opts,
     sizeof(type_tmpl_args), tnames, 1, 1},
    {"stack-snapshot", cmd_stack_snapshot, "Make a snapshot of a stack.", snapshot_opts,
     sizeof(snap_args), names, 1, 1},
    {"snapshot-show", cmd_snapshot_show, "Show a snapshot of a stack.", NULL, 0, names, 2, 2},
    {"snapshot-delete", cmd_snapshot_delete, "Delete a snapshot of a stack.", yes_opts,
     sizeof(snap_args), names, 2, 2},
    {"stack-restore", cmd_stack_restore, "Restore a snapshot of a stack.", NULL, 0, names, 2, 2},
    {"snapshot-list", cmd_snapshot_list, "List the snapshots of a stack.", NULL, 0, names, 1, 1},
    {NULL},
};
