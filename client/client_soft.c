/* client_soft: the heat client's software configuration verbs
 * (heatclient/v1/shell.py, heatclient/common/deployment_utils.py):
 * config-create, config-list, config-show, config-delete,
 * deployment-create, deployment-list, deployment-show,
 * deployment-metadata-show, deployment-delete, deployment-output-show.
 *
 * deployment-create derives a config from the one given (its inputs
 * valued from -i, plus deploy_server_id, deploy_action and
 * deploy_signal_transport), stores it, and deploys it to the server.
 * TEMP_URL_SIGNAL needs a Swift TempURL, which needs Keystone: with
 * --os-no-client-auth it is refused as heatclient refuses it. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_cmd.h"
#include "client_files.h"
#include "client_table.h"
#include "doc_load.h"

static const char *const id_names[] = {"<ID>", "<OUTPUT NAME>"};
static const char *const config_names[] = {"<CONFIG_NAME>"};
static const char *const deploy_names[] = {"<DEPLOY_NAME>"};

typedef struct soft_args {
    hh_cli_args base;
    const char *defn_file, *config_file, *group, *limit, *marker, *action, *config, *server,
        *transport, *container, *format;
    hh_strv inputs;
    long timeout;
    bool config_only, all;
} soft_args;

#define S(field) offsetof(soft_args, field)

/* path + "/" + escaped id (new string; NULL after printing why). */
static char *id_path(hh_cli *cli, const char *path, const char *id)
{
    char *esc = hh_cli_http(cli) != NULL ? hh_client_http_escape(cli->http, id) : NULL;
    char *out = NULL;

    if (esc != NULL && asprintf(&out, "%s/%s", path, esc) < 0)
        out = NULL;
    if (out == NULL && cli->http != NULL)
        hh_cli_fail("out of memory");
    free(esc);
    return out;
}

/* GET path/id into *out (the object under key, new); 404 says
 * "NOTFOUND: ID". */
static int get_by_id(hh_cli *cli, const char *path, const char *id, const char *key,
                     const char *notfound, json_t **out)
{
    char *p = id_path(cli, path, id), *msg = NULL;
    json_t *answer = NULL;
    int rc = 1;

    *out = NULL;
    if (p != NULL && asprintf(&msg, "%s: %s", notfound, id) >= 0 &&
        hh_cli_call404(cli, "GET", p, NULL, &answer, msg) == 0) {
        *out = json_incref(json_object_get(answer, key));
        rc = *out != NULL ? 0 : hh_cli_fail("%s: the answer has no %s", notfound, key);
    }
    json_decref(answer);
    free(p);
    free(msg);
    return rc;
}

/* ---- configs ---------------------------------------------------------------- */

/* o's member k when it is set and not empty (Python's "o.get(k) or
 * dflt"), else dflt: a new reference either way (dflt is stolen). */
static json_t *member_or(const json_t *o, const char *k, json_t *dflt)
{
    json_t *v = json_object_get(o, k);

    if (v == NULL || json_is_null(v) || json_is_false(v) ||
        (json_is_string(v) && json_string_length(v) == 0) ||
        ((json_is_array(v) || json_is_object(v)) && json_array_size(v) + json_object_size(v) == 0))
        return dflt;
    json_decref(dflt);
    return json_incref(v);
}

/* The text of a file named on the command line (new string), or NULL
 * after printing why. */
static char *file_text(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    hh_error err;

    hh_error_clear(&err);
    if (hh_client_read_file(path, &text, &len, &err) != 0)
        hh_cli_fail("%s", err.message);
    return text;
}

/* The config heatclient builds: group, config text, and inputs, outputs
 * and options from the definition file (new object). */
static json_t *config_of(const soft_args *a)
{
    json_t *c = json_pack("{s:s,s:s}", "group", a->group ? a->group : "Heat::Ungrouped", "config",
                          ""),
           *defn = NULL;
    char *text = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (c == NULL) {
        hh_cli_fail("out of memory");
        return NULL;
    }
    if (a->defn_file != NULL) {
        if ((text = file_text(a->defn_file)) == NULL)
            goto fail;
        if (text[0] == '\0')
            defn = json_object();
        else if (hh_doc_parse(text, strlen(text), a->defn_file, NULL, &defn, NULL, &err) != 0) {
            hh_cli_fail("Error parsing %s: %s", a->defn_file, err.message);
            goto fail;
        }
        if (!json_is_object(defn)) {
            hh_cli_fail("Error parsing %s: the definition is not a mapping", a->defn_file);
            goto fail;
        }
        free(text);
        text = NULL;
    }
    /* defn.get(k, default): a value given, even empty, is kept */
    json_object_set_new(c, "inputs", json_incref(json_object_get(defn, "inputs")) ?: json_array());
    json_object_set_new(c, "outputs",
                        json_incref(json_object_get(defn, "outputs")) ?: json_array());
    json_object_set_new(c, "options",
                        json_incref(json_object_get(defn, "options")) ?: json_object());
    if (a->config_file != NULL) {
        if ((text = file_text(a->config_file)) == NULL)
            goto fail;
        json_object_set_new(c, "config", json_string(text));
    }
    json_decref(defn);
    free(text);
    return c;
fail:
    json_decref(defn);
    json_decref(c);
    free(text);
    return NULL;
}

static const hh_cli_opt config_create_opts[] = {
    {"definition-file", 'f', HH_OPT_STR, S(defn_file), "<FILE or URL>"},
    {"config-file", 'c', HH_OPT_STR, S(config_file), "<FILE or URL>"},
    {"group", 'g', HH_OPT_STR, S(group), "<GROUP_NAME>"},
    {NULL},
};

static int cmd_config_create(hh_cli *cli, hh_cli_args *args)
{
    const char *name = args->pos.v[0];
    json_t *config = config_of((const soft_args *)args), *check = NULL;
    int rc = 1;

    if (config == NULL)
        return 1;
    /* a template of one config resource, validated first as heatclient does */
    check =
        json_pack("{s:{s:s,s:{s:{s:s,s:O}}}}", "template", "heat_template_version", "2013-05-23",
                  "resources", name, "type", "OS::Heat::SoftwareConfig", "properties", config);
    if (check == NULL || hh_cli_call(cli, "POST", "/validate", check, NULL) != 0)
        goto done;
    json_object_set_new(config, "name", json_string(name));
    rc = hh_cli_call_print(cli, "POST", "/software_configs", config, "software_config", NULL);
done:
    json_decref(check);
    json_decref(config);
    return rc;
}

static const hh_cli_opt config_list_opts[] = {
    {"limit", 'l', HH_OPT_STR, S(limit), "<LIMIT>"},
    {"marker", 'm', HH_OPT_STR, S(marker), "<ID>"},
    {NULL},
};

/* GET base with the query q (new, freed here) and print the list. */
static int list_with_query(hh_cli *cli, const char *base, char *q, const char *key,
                           const char *const *fields, size_t n, int sortby)
{
    char *path = NULL;
    int rc = 1;

    if (asprintf(&path, "%s%s", base, q ? q : "") < 0)
        path = NULL;
    if (path != NULL)
        rc = hh_cli_list(cli, path, key, fields, n, sortby, NULL);
    free(q);
    free(path);
    return rc;
}

static int cmd_config_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"id", "name", "group", "creation_time"};
    const soft_args *a = (const soft_args *)args;
    char *q = NULL;

    if (hh_cli_http(cli) == NULL)
        return 1;
    if (a->limit)
        hh_cli_query_add(cli, &q, "limit", a->limit);
    if (a->marker)
        hh_cli_query_add(cli, &q, "marker", a->marker);
    return list_with_query(cli, "/software_configs", q, "software_configs", fields, 4, -1);
}

static const hh_cli_opt config_show_opts[] = {
    {"config-only", 'c', HH_OPT_FLAG, S(config_only), NULL},
    {NULL},
};

static int cmd_config_show(hh_cli *cli, hh_cli_args *args)
{
    json_t *sc = NULL;
    int rc = get_by_id(cli, "/software_configs", args->pos.v[0], "software_config",
                       "Configuration not found", &sc);

    if (rc == 0 && ((const soft_args *)args)->config_only) {
        char *s = hh_fmt_value(json_object_get(sc, "config"), HH_FMT_STR);

        printf("%s\n", s ? s : "");
        free(s);
    } else if (rc == 0) {
        hh_cli_print_json(sc);
    }
    json_decref(sc);
    return rc;
}

/* DELETE path/ID for each ID given: a missing one prints "MISSING with ID
 * ID not found" and counts; another error ends it. */
static int delete_each(hh_cli *cli, const hh_cli_args *args, const char *path, const char *missing,
                       const char *what)
{
    int failed = 0;

    for (size_t i = 0; i < args->pos.n; i++) {
        char *p = id_path(cli, path, args->pos.v[i]);
        hh_client_resp r;

        if (p == NULL)
            return 1;
        if (hh_client_http_call(cli->http, "DELETE", p, NULL, true, &r) != 0) {
            if (r.status != 404) {
                hh_cli_fail("%s", r.message ? r.message : "out of memory");
                hh_client_resp_clear(&r);
                free(p);
                return 1;
            }
            printf("%s with ID %s not found\n", missing, args->pos.v[i]);
            failed++;
        }
        hh_client_resp_clear(&r);
        free(p);
    }
    if (failed)
        return hh_cli_fail("Unable to delete %d of the %zu %s.", failed, args->pos.n, what);
    return 0;
}

static int cmd_config_delete(hh_cli *cli, hh_cli_args *args)
{
    return delete_each(cli, args, "/software_configs", "Software config", "configs");
}

/* ---- deployments -------------------------------------------------------------- */

/* deployment_utils.build_derived_config_params, for the transports that
 * need no Swift (new object; NULL after printing why). */
static json_t *derived_config(const soft_args *a, const json_t *source, const char *name)
{
    json_t *values = NULL, *inputs = NULL, *in, *v, *out = NULL;
    const char *key;
    size_t i;

    if (hh_cli_kv_pairs(&a->inputs, &values) != 0)
        return NULL;
    inputs = json_deep_copy(json_object_get(source, "inputs"));
    if (!json_is_array(inputs)) {
        json_decref(inputs);
        inputs = json_array();
    }
    json_array_foreach(inputs, i, in)
    {
        const char *n = json_string_value(json_object_get(in, "name"));

        v = n != NULL ? json_object_get(values, n) : NULL;
        if (v != NULL) {
            json_object_set(in, "value", v);
            json_object_del(values, n);
        } else {
            json_object_set(in, "value", json_object_get(in, "default") ?: json_null());
        }
    }
    json_object_foreach(values, key, v) json_array_append_new(
        inputs, json_pack("{s:s,s:s,s:O}", "name", key, "type", "String", "value", v));
    json_array_append_new(inputs, json_pack("{s:s,s:s,s:s,s:s}", "name", "deploy_server_id",
                                            "description", "ID of the server being deployed to",
                                            "type", "String", "value", a->server));
    json_array_append_new(inputs,
                          json_pack("{s:s,s:s,s:s,s:s}", "name", "deploy_action", "description",
                                    "Name of the current action being deployed", "type", "String",
                                    "value", a->action ? a->action : "UPDATE"));
    json_array_append_new(
        inputs, json_pack("{s:s,s:s,s:s,s:s}", "name", "deploy_signal_transport", "description",
                          "How the server should signal to heat with the deployment output "
                          "values.",
                          "type", "String", "value", a->transport));
    out = json_pack("{s:o,s:o,s:o,s:O,s:o,s:s}", "group",
                    member_or(source, "group", json_string("Heat::Ungrouped")), "config",
                    member_or(source, "config", json_string("")), "options",
                    member_or(source, "options", json_object()), "inputs", inputs, "outputs",
                    member_or(source, "outputs", json_array()), "name", name);
    if (out == NULL)
        hh_cli_fail("out of memory");
    json_decref(values);
    json_decref(inputs);
    return out;
}

static const hh_cli_opt deploy_create_opts[] = {
    {"input-value", 'i', HH_OPT_LIST, S(inputs), "<KEY=VALUE>"},
    {"action", 'a', HH_OPT_STR, S(action), "<ACTION>"},
    {"config", 'c', HH_OPT_STR, S(config), "<CONFIG>"},
    {"server", 's', HH_OPT_STR, S(server), "<SERVER>"},
    {"signal-transport", 't', HH_OPT_STR, S(transport), "<TRANSPORT>"},
    {"container", 0, HH_OPT_STR, S(container), "<CONTAINER_NAME>"},
    {"timeout", 0, HH_OPT_INT, S(timeout), "<TIMEOUT>"},
    {NULL},
};

static int cmd_deployment_create(hh_cli *cli, hh_cli_args *args)
{
    soft_args *a = (soft_args *)args;
    json_t *source = NULL, *params = NULL, *derived = NULL, *body = NULL;
    const char *config_id;
    int rc = 1;

    if (a->server == NULL)
        return hh_cli_usage_error("deployment-create",
                                  "the following arguments are required: -s/--server");
    if (a->transport == NULL)
        a->transport = "TEMP_URL_SIGNAL";
    if (a->config != NULL && get_by_id(cli, "/software_configs", a->config, "software_config",
                                       "Configuration not found", &source) != 0)
        goto done;
    if (strcmp(a->transport, "TEMP_URL_SIGNAL") == 0) {
        hh_cli_fail("Cannot use --os-no-client-auth, auth required to create a Swift TempURL.");
        goto done;
    }
    if (strcmp(a->transport, "NO_SIGNAL") != 0) {
        hh_cli_fail("Unsupported signal transport %s", a->transport);
        goto done;
    }
    params = derived_config(a, source, args->pos.v[0]);
    if (params == NULL || hh_cli_call(cli, "POST", "/software_configs", params, &derived) != 0)
        goto done;
    config_id =
        json_string_value(json_object_get(json_object_get(derived, "software_config"), "id"));
    body = json_pack("{s:s,s:s?,s:s,s:s,s:s}", "tenant_id", "asdf", "config_id", config_id,
                     "server_id", a->server, "action", a->action ? a->action : "UPDATE", "status",
                     "IN_PROGRESS");
    if (body == NULL) {
        hh_cli_fail("out of memory");
        goto done;
    }
    rc = hh_cli_call_print(cli, "POST", "/software_deployments", body, "software_deployment", NULL);
done:
    json_decref(source);
    json_decref(params);
    json_decref(derived);
    json_decref(body);
    return rc;
}

static const hh_cli_opt deploy_list_opts[] = {
    {"server", 's', HH_OPT_STR, S(server), "<SERVER>"},
    {NULL},
};

static int cmd_deployment_list(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"id",     "config_id",     "server_id",    "action",
                                         "status", "creation_time", "status_reason"};
    const soft_args *a = (const soft_args *)args;
    char *q = NULL;

    if (hh_cli_http(cli) == NULL)
        return 1;
    if (a->server)
        hh_cli_query_add(cli, &q, "server_id", a->server);
    return list_with_query(cli, "/software_deployments", q, "software_deployments", fields, 7, 5);
}

static int cmd_deployment_show(hh_cli *cli, hh_cli_args *args)
{
    json_t *sd = NULL;
    int rc = get_by_id(cli, "/software_deployments", args->pos.v[0], "software_deployment",
                       "Deployment not found", &sd);

    if (rc == 0)
        hh_cli_print_json(sd);
    json_decref(sd);
    return rc;
}

static int cmd_deployment_metadata_show(hh_cli *cli, hh_cli_args *args)
{
    char *path = id_path(cli, "/software_deployments/metadata", args->pos.v[0]);
    int rc = hh_cli_call_print(cli, "GET", path, NULL, "metadata", NULL);

    free(path);
    return rc;
}

/* Each deployment is read (for its config), deleted, then its config is
 * deleted as well (a failure there is only reported). */
static int cmd_deployment_delete(hh_cli *cli, hh_cli_args *args)
{
    int failed = 0;

    for (size_t i = 0; i < args->pos.n; i++) {
        const char *id = args->pos.v[i];
        char *p = id_path(cli, "/software_deployments", id), *config_id = NULL, *cp = NULL;
        hh_client_resp r;
        bool deleted = false;

        if (p == NULL)
            return 1;
        if (hh_client_http_call(cli->http, "GET", p, NULL, true, &r) == 0) {
            const char *c = json_string_value(
                json_object_get(json_object_get(r.json, "software_deployment"), "config_id"));

            config_id = strdup(c != NULL ? c : "None");
            hh_client_resp_clear(&r);
            deleted = hh_client_http_call(cli->http, "DELETE", p, NULL, true, &r) == 0;
        }
        if (!deleted) {
            if (r.status == 404)
                printf("Deployment with ID %s not found\n", id);
            failed++;
        } else if (config_id == NULL ||
                   (cp = id_path(cli, "/software_configs", config_id)) == NULL ||
                   (hh_client_resp_clear(&r),
                    hh_client_http_call(cli->http, "DELETE", cp, NULL, true, &r) != 0)) {
            printf("Failed to delete the correlative config %s of deployment %s\n",
                   config_id ? config_id : "None", id);
        }
        hh_client_resp_clear(&r);
        free(p);
        free(cp);
        free(config_id);
    }
    if (failed)
        return hh_cli_fail("Unable to delete %d of the %zu deployments.", failed, args->pos.n);
    return 0;
}

static const hh_cli_opt output_opts[] = {
    {"all", 'a', HH_OPT_FLAG, S(all), NULL},
    {"format", 'F', HH_OPT_STR, S(format), "<FORMAT>"},
    {NULL},
};

static int cmd_deployment_output_show(hh_cli *cli, hh_cli_args *args)
{
    const soft_args *a = (const soft_args *)args;
    const char *name = hh_cli_pos(args, 1);
    json_t *sd = NULL, *outputs, *v;
    char *s = NULL;
    int rc;

    if ((name == NULL) != a->all)
        return hh_cli_fail("Error: either <OUTPUT NAME> or --all argument is needed.");
    rc = get_by_id(cli, "/software_deployments", args->pos.v[0], "software_deployment",
                   "Deployment not found", &sd);
    if (rc != 0)
        return rc;
    outputs = json_object_get(sd, "output_values");
    if (a->all) {
        s = outputs != NULL ? hh_fmt_json(outputs, ", ") : strdup("{}");
    } else if ((v = json_object_get(outputs, name)) != NULL) {
        if ((a->format != NULL && strcmp(a->format, "json") == 0) || json_is_object(v) ||
            json_is_array(v))
            s = hh_fmt_json(v, ", ");
        else
            s = hh_fmt_value(v, HH_FMT_STR);
    } else {
        goto done; /* heatclient prints nothing for an unknown output */
    }
    if (s == NULL)
        rc = hh_cli_fail("out of memory");
    else
        printf("%s\n", s);
done:
    free(s);
    json_decref(sd);
    return rc;
}

const hh_cli_verb hh_cli_soft_verbs[] = {
    {"config-create", cmd_config_create, "Create a software configuration.", config_create_opts,
     sizeof(soft_args), config_names, 1, 1},
    {"config-list", cmd_config_list, "List software configs.", config_list_opts, sizeof(soft_args)},
    {"config-show", cmd_config_show, "View details of a software configuration.", config_show_opts,
     sizeof(soft_args), id_names, 1, 1},
    {"config-delete", cmd_config_delete, "Delete the software configuration(s).", NULL, 0, id_names,
     1, HH_CLI_MANY},
    {"deployment-create", cmd_deployment_create, "Create a software deployment.",
     deploy_create_opts, sizeof(soft_args), deploy_names, 1, 1},
    {"deployment-list", cmd_deployment_list, "List software deployments.", deploy_list_opts,
     sizeof(soft_args)},
    {"deployment-show", cmd_deployment_show, "Show the details of a software deployment.", NULL, 0,
     id_names, 1, 1},
    {"deployment-metadata-show", cmd_deployment_metadata_show,
     "Get deployment configuration metadata for the specified server.", NULL, 0, id_names, 1, 1},
    {"deployment-delete", cmd_deployment_delete, "Delete the software deployment(s).", NULL, 0,
     id_names, 1, HH_CLI_MANY},
    {"deployment-output-show", cmd_deployment_output_show, "Show a specific deployment output.",
     output_opts, sizeof(soft_args), id_names, 1, 2},
    {NULL},
};
