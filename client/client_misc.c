/* client_misc: the heat client's service verbs (heatclient/v1/shell.py):
 * service-list, build-info, template-version-list,
 * template-function-list, resource-type-list, resource-type-show,
 * resource-type-template and the snapshot verbs. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_cmd.h"
#include "client_table.h"
#include "hh_yaml.h"

static const char *const names[] = {"<NAME or ID>", "<SNAPSHOT>"};

/* GET path and print the list under key with fields, sorted by column
 * sortby (-1: as given). */
static int list_verb(hh_cli *cli, const char *path, const char *key, const char *const *fields,
                     size_t n, int sortby, const char *notfound)
{
    json_t *out = NULL;
    int rc = hh_cli_call404(cli, "GET", path, NULL, &out, notfound);

    if (rc == 0)
        rc = hh_print_list(stdout, json_object_get(out, key), fields, n, sortby, NULL) ? 1 : 0;
    json_decref(out);
    return rc;
}

static int cmd_service_list(hh_cli *cli, int argc, char **argv)
{
    static const char *const fields[] = {"hostname", "binary",     "engine_id", "host",
                                         "topic",    "updated_at", "status"};
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 0, 0, NULL, NULL);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    return list_verb(cli, "/services", "services", fields, 7, 1, NULL);
}

static int cmd_build_info(hh_cli *cli, int argc, char **argv)
{
    static const hh_fmt_rule rules[] = {{"api", HH_FMT_JSON}, {"engine", HH_FMT_JSON}, {NULL, 0}};
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 0, 0, NULL, NULL);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = hh_cli_call(cli, "GET", "/build_info", NULL, &out);
    if (rc == 0)
        rc = hh_print_dict(stdout, out, rules) ? 1 : 0;
    json_decref(out);
    return rc;
}

static int cmd_template_version_list(hh_cli *cli, int argc, char **argv)
{
    static const char *const fields[] = {"version", "type"};
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 0, 0, NULL, NULL);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    return list_verb(cli, "/template_versions", "template_versions", fields, 2, 1, NULL);
}

static int cmd_template_function_list(hh_cli *cli, int argc, char **argv)
{
    static const char *const fields[] = {"functions", "description"};
    static const char *const vnames[] = {"<TEMPLATE_VERSION>"};
    const char *pos[1];
    char *esc = NULL, *path = NULL, *msg = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 1, 1, pos, vnames);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (hh_cli_http(cli) == NULL)
        return 1;
    esc = hh_client_http_escape(cli->http, pos[0]);
    if (esc != NULL && asprintf(&path, "/template_versions/%s/functions", esc) >= 0 &&
        asprintf(&msg, "Template version not found: %s", pos[0]) >= 0)
        rc = list_verb(cli, path, "template_functions", fields, 2, 0, msg);
    else
        rc = hh_cli_fail("out of memory");
    free(esc);
    free(path);
    free(msg);
    return rc;
}

static int on_filter(int c, void *arg)
{
    return c == 'f' ? hh_strv_push(arg, optarg) : -1;
}

static int cmd_resource_type_list(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"filters", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char *const fields[] = {"resource_type"};
    hh_strv filters = {0};
    char *q = NULL, *path = NULL;
    json_t *out = NULL, *rows = json_array();
    int rc = hh_cli_args(argc, argv, "f:h", opts, on_filter, &filters, 0, 0, NULL, NULL);

    if (rc != 0) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    rc = 1;
    if (hh_cli_http(cli) == NULL || hh_cli_query_filters(cli, &q, &filters) != 0)
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
    hh_strv_free(&filters);
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
    char *esc = NULL, *path = NULL, *msg = NULL;
    int rc;

    if (hh_cli_http(cli) == NULL)
        return 1;
    esc = hh_client_http_escape(cli->http, type);
    if (esc != NULL && asprintf(&path, "/resource_types/%s%s", esc, suffix) >= 0 &&
        asprintf(&msg, "%s%s%s", nf1, type, nf2) >= 0)
        rc = hh_cli_call404(cli, "GET", path, NULL, out, msg);
    else
        rc = hh_cli_fail("out of memory");
    free(esc);
    free(path);
    free(msg);
    return rc;
}

static int cmd_resource_type_show(hh_cli *cli, int argc, char **argv)
{
    static const char *const tnames[] = {"<RESOURCE_TYPE>"};
    const char *pos[1];
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 1, 1, pos, tnames);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = get_type(cli, pos[0], "", "Resource Type not found: ", "", &out);
    if (rc == 0)
        hh_cli_print_json(out);
    json_decref(out);
    return rc;
}

typedef struct type_tmpl_opts {
    const char *type, *format;
} type_tmpl_opts;

static int on_type_tmpl(int c, void *arg)
{
    type_tmpl_opts *o = arg;

    if (c == 't')
        o->type = optarg;
    else if (c == 'F')
        o->format = optarg;
    else
        return -1;
    return 0;
}

static int cmd_resource_type_template(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"template-type", required_argument, NULL, 't'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char *const tnames[] = {"<RESOURCE_TYPE>"};
    type_tmpl_opts o = {.type = "cfn", .format = "json"};
    const char *pos[1];
    char *suffix = NULL, *text = NULL;
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "t:F:h", opts, on_type_tmpl, &o, 1, 1, pos, tnames);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (strcmp(o.format, "json") != 0 && strcmp(o.format, "yaml") != 0)
        return hh_cli_fail("The format must be one of: json, yaml");
    if (asprintf(&suffix, "/template?template_type=%s", strcmp(o.type, "hot") ? "cfn" : "hot") < 0)
        return hh_cli_fail("out of memory");
    rc = get_type(cli, pos[0], suffix, "Resource Type ", " not found.", &out);
    if (rc == 0 && strcmp(o.format, "yaml") == 0) {
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

/* The stack's path + suffix with the snapshot id escaped (new). */
static char *snap_path(hh_cli *cli, const char *ident, const char *snap, const char *tail)
{
    char *path = NULL, *esc = NULL, *out = NULL;

    if (hh_cli_stack_path(cli, ident, &path) != 0)
        return NULL;
    esc = snap != NULL ? hh_client_http_escape(cli->http, snap) : NULL;
    if (asprintf(&out, "%s/snapshots%s%s%s", path, esc ? "/" : "", esc ? esc : "", tail) < 0)
        out = NULL;
    free(path);
    free(esc);
    return out;
}

static int on_snap_name(int c, void *arg)
{
    if (c != 'n')
        return -1;
    *(const char **)arg = optarg;
    return 0;
}

static int cmd_stack_snapshot(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"name", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *pos[1], *name = NULL;
    char *path = NULL;
    json_t *body = NULL, *out = NULL;
    int rc = hh_cli_args(argc, argv, "n:h", opts, on_snap_name, &name, 1, 1, pos, names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    path = snap_path(cli, pos[0], NULL, "");
    body = name != NULL ? json_pack("{s:s}", "name", name) : json_object();
    if (path != NULL && hh_cli_call(cli, "POST", path, body, &out) == 0) {
        hh_cli_print_json(out);
        rc = 0;
    }
    json_decref(body);
    json_decref(out);
    free(path);
    return rc;
}

static int cmd_snapshot_show(hh_cli *cli, int argc, char **argv)
{
    const char *pos[2];
    char *path = NULL;
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 2, 2, pos, names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    path = snap_path(cli, pos[0], pos[1], "");
    if (path != NULL &&
        hh_cli_call404(cli, "GET", path, NULL, &out, "Stack or snapshot not found") == 0) {
        hh_cli_print_json(out);
        rc = 0;
    }
    json_decref(out);
    free(path);
    return rc;
}

static int on_yes(int c, void *arg)
{
    if (c != 'y')
        return -1;
    *(bool *)arg = true;
    return 0;
}

static int cmd_snapshot_delete(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"yes", no_argument, NULL, 'y'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *pos[2];
    bool yes = false;
    char *path = NULL;
    int rc = hh_cli_args(argc, argv, "yh", opts, on_yes, &yes, 2, 2, pos, names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (!yes &&
        !hh_cli_confirm("Are you sure you want to delete the snapshot of this stack [Y/N]?"))
        return 0;
    rc = 1;
    path = snap_path(cli, pos[0], pos[1], "");
    if (path != NULL &&
        hh_cli_call404(cli, "DELETE", path, NULL, NULL, "Stack or snapshot not found") == 0) {
        printf("Request to delete the snapshot %s of the stack %s has been accepted.\n", pos[1],
               pos[0]);
        rc = 0;
    }
    free(path);
    return rc;
}

static int cmd_stack_restore(hh_cli *cli, int argc, char **argv)
{
    const char *pos[2];
    char *path = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 2, 2, pos, names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    path = snap_path(cli, pos[0], pos[1], "/restore");
    if (path != NULL)
        rc = hh_cli_call404(cli, "POST", path, NULL, NULL, "Stack or snapshot not found");
    free(path);
    return rc;
}

static int cmd_snapshot_list(hh_cli *cli, int argc, char **argv)
{
    static const char *const fields[] = {"id", "name", "status", "status_reason", "creation_time"};
    const char *pos[1];
    char *path = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 1, 1, pos, names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    path = snap_path(cli, pos[0], NULL, "");
    if (path != NULL)
        rc = list_verb(cli, path, "snapshots", fields, 5, 0, NULL);
    free(path);
    return rc;
}

const hh_cli_verb hh_cli_misc_verbs[] = {
    {"service-list", cmd_service_list, "List the Heat engines.", ""},
    {"build-info", cmd_build_info, "Retrieve build information.", ""},
    {"template-version-list", cmd_template_version_list, "List the available template versions.",
     ""},
    {"template-function-list", cmd_template_function_list, "List the available functions.",
     "<TEMPLATE_VERSION>"},
    {"resource-type-list", cmd_resource_type_list, "List the available resource types.",
     "[-f <KEY1=VALUE1;KEY2=VALUE2...>]"},
    {"resource-type-show", cmd_resource_type_show, "Show the resource type.", "<RESOURCE_TYPE>"},
    {"resource-type-template", cmd_resource_type_template,
     "Generate a template based on a resource type.",
     "[-t <TEMPLATE_TYPE>] [-F <FORMAT>] <RESOURCE_TYPE>"},
    {"stack-snapshot", cmd_stack_snapshot, "Make a snapshot of a stack.",
     "[-n <NAME>] <NAME or ID>"},
    {"snapshot-show", cmd_snapshot_show, "Show a snapshot of a stack.", "<NAME or ID> <SNAPSHOT>"},
    {"snapshot-delete", cmd_snapshot_delete, "Delete a snapshot of a stack.",
     "[-y] <NAME or ID> <SNAPSHOT>"},
    {"stack-restore", cmd_stack_restore, "Restore a snapshot of a stack.",
     "<NAME or ID> <SNAPSHOT>"},
    {"snapshot-list", cmd_snapshot_list, "List the snapshots of a stack.", "<NAME or ID>"},
    {NULL, NULL, NULL, NULL},
};
