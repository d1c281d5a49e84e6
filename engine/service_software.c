/* service_software: the engine API's software configs and deployments
 * (heat/engine/service_software_config.py SoftwareConfigService, the
 * formats of heat/engine/api.py format_software_config and
 * format_software_deployment) on the store's software_config and
 * software_deployment tables. A non-admin context finds its project's
 * records only (a deployment also by its stack_user_project_id). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "service_internal.h"

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static json_t *copy_or(const json_t *v, json_t *dflt)
{
    if (v == NULL || json_is_null(v))
        return dflt;
    json_decref(dflt);
    return json_deep_copy(v);
}

/* The project whose records the context reads (NULL: every one). */
static const char *project_of(const hh_svc_call *c)
{
    return c->ctx->is_admin ? NULL : c->ctx->tenant;
}

/* format_software_config(sc, detail, include_project). New. */
static json_t *format_config(const json_t *sc, bool detail, bool include_project)
{
    const json_t *cfg = json_object_get(sc, "config");
    json_t *o =
        json_pack("{s:s?, s:s?, s:s?, s:s?}", "id", jstr(sc, "id"), "name", jstr(sc, "name"),
                  "group", jstr(sc, "group"), "creation_time", jstr(sc, "created_at"));

    if (o != NULL && detail) {
        json_object_set_new(o, "config", copy_or(json_object_get(cfg, "config"), json_null()));
        json_object_set_new(o, "inputs", copy_or(json_object_get(cfg, "inputs"), json_array()));
        json_object_set_new(o, "outputs", copy_or(json_object_get(cfg, "outputs"), json_array()));
        json_object_set_new(o, "options", copy_or(json_object_get(cfg, "options"), json_object()));
    }
    if (o != NULL && include_project)
        json_object_set_new(o, "project", copy_or(json_object_get(sc, "tenant"), json_null()));
    return o;
}

/* format_software_deployment. New. */
static json_t *format_deployment(const json_t *sd)
{
    json_t *o = json_pack(
        "{s:s?, s:s?, s:o, s:o, s:s?, s:s?, s:s?, s:s?, s:s?}", "id", jstr(sd, "id"), "server_id",
        jstr(sd, "server_id"), "input_values",
        copy_or(json_object_get(sd, "input_values"), json_object()), "output_values",
        copy_or(json_object_get(sd, "output_values"), json_object()), "action", jstr(sd, "action"),
        "status", jstr(sd, "status"), "status_reason", jstr(sd, "status_reason"), "config_id",
        jstr(sd, "config_id"), "creation_time", jstr(sd, "created_at"));

    if (o != NULL && jstr(sd, "updated_at") != NULL)
        json_object_set_new(o, "updated_time", json_string(jstr(sd, "updated_at")));
    return o;
}

/* Each record of rows formatted by fmt into a new list. */
static int format_all(const json_t *rows, json_t *(*fmt)(const json_t *, void *), void *arg,
                      json_t **out, hh_error *err)
{
    json_t *list = json_array(), *r;
    size_t i;

    json_array_foreach(rows, i, r)
    {
        json_t *o = list != NULL ? fmt(r, arg) : NULL;

        if (o == NULL || json_array_append_new(list, o) != 0) {
            json_decref(list);
            list = NULL;
            break;
        }
    }
    *out = list;
    return list != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static json_t *fmt_config_summary(const json_t *sc, void *admin)
{
    return format_config(sc, false, *(const bool *)admin);
}

static json_t *fmt_config_detail(const json_t *sc, void *arg)
{
    (void)arg;
    return format_config(sc, true, false);
}

static json_t *fmt_deployment(const json_t *sd, void *arg)
{
    (void)arg;
    return format_deployment(sd);
}

/* ---- configs ------------------------------------------------------------ */

HH_SVC_METHOD(list_software_configs)
{
    json_t *rows = NULL;
    bool admin = c->ctx->is_admin;
    long long limit;
    int rc = hh_svc_arg_int(c, "limit", 0, &limit, err);

    if (rc == 0)
        rc = hh_store_software_config_list(c->st, project_of(c), (int)limit,
                                           hh_svc_arg_str(c, "marker"), &rows, err);
    if (rc == 0)
        rc = format_all(rows, fmt_config_summary, &admin, result, err);
    json_decref(rows);
    return rc;
}

HH_SVC_METHOD(show_software_config)
{
    json_t *sc = NULL;
    int rc = hh_store_software_config_get(c->st, hh_svc_arg_str(c, "config_id"), project_of(c), &sc,
                                          err);

    if (rc == 0 && (*result = format_config(sc, true, false)) == NULL)
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_decref(sc);
    return rc;
}

HH_SVC_METHOD(create_software_config)
{
    char id[HH_STORE_ID_LEN];
    json_t *cfg, *sc = NULL;
    int rc;

    cfg = json_pack("{s:o, s:o, s:o, s:o}", "inputs",
                    copy_or(json_object_get(c->args, "inputs"), json_array()), "outputs",
                    copy_or(json_object_get(c->args, "outputs"), json_array()), "options",
                    copy_or(json_object_get(c->args, "options"), json_object()), "config",
                    copy_or(json_object_get(c->args, "config"), json_null()));
    if (cfg == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    rc = hh_store_software_config_create(c->st, c->term, hh_svc_arg_str(c, "name"),
                                         hh_svc_arg_str(c, "group"), cfg, c->ctx->tenant, id, err);
    if (rc == 0)
        rc = hh_store_software_config_get(c->st, id, NULL, &sc, err);
    if (rc == 0 && (*result = format_config(sc, true, false)) == NULL)
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_decref(sc);
    json_decref(cfg);
    return rc;
}

HH_SVC_METHOD(delete_software_config)
{
    int rc = hh_store_software_config_delete(c->st, c->term, hh_svc_arg_str(c, "config_id"),
                                             project_of(c), err);

    if (rc == 0)
        *result = json_null();
    return rc;
}

/* ---- deployments -------------------------------------------------------- */

HH_SVC_METHOD(list_software_deployments)
{
    json_t *rows = NULL;
    int rc = hh_store_software_deployment_list(c->st, project_of(c), hh_svc_arg_str(c, "server_id"),
                                               &rows, err);

    if (rc == 0)
        rc = format_all(rows, fmt_deployment, NULL, result, err);
    json_decref(rows);
    return rc;
}

/* The deployment's record formatted into *result. */
static int show_deployment(hh_svc_call *c, const char *id, json_t **result, hh_error *err)
{
    json_t *sd = NULL;
    int rc = hh_store_software_deployment_get(c->st, id, project_of(c), &sd, err);

    if (rc == 0 && (*result = format_deployment(sd)) == NULL)
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_decref(sd);
    return rc;
}

HH_SVC_METHOD(show_software_deployment)
{
    return show_deployment(c, hh_svc_arg_str(c, "deployment_id"), result, err);
}

/* Heat's check_software_deployment: wait (at most timeout seconds) until
 * the deployment is no longer IN_PROGRESS, then show it. */
HH_SVC_METHOD(check_software_deployment)
{
    const char *id = hh_svc_arg_str(c, "deployment_id");
    long long timeout;
    int rc = hh_svc_arg_int(c, "timeout", 0, &timeout, err);

    for (long long waited = 0; rc == 0; waited += 100) {
        json_t *sd = NULL;
        bool busy;

        rc = hh_store_software_deployment_get(c->st, id, project_of(c), &sd, err);
        busy = rc == 0 && strcmp(jstr(sd, "status") ? jstr(sd, "status") : "", "IN_PROGRESS") == 0;
        json_decref(sd);
        if (rc != 0 || !busy || waited >= timeout * 1000)
            break;
        usleep(100000);
    }
    return rc != 0 ? rc : show_deployment(c, id, result, err);
}

HH_SVC_METHOD(create_software_deployment)
{
    hh_store_deployment_spec spec = {
        .id = hh_svc_arg_str(c, "deployment_id"),
        .config_id = hh_svc_arg_str(c, "config_id"),
        .server_id = hh_svc_arg_str(c, "server_id"),
        .input_values = json_object_get(c->args, "input_values"),
        .tenant = c->ctx->tenant,
        .stack_user_project_id = hh_svc_arg_str(c, "stack_user_project_id"),
        .action = hh_svc_arg_str(c, "action"),
        .status = hh_svc_arg_str(c, "status"),
        .status_reason = hh_svc_arg_str(c, "status_reason"),
    };
    char id[HH_STORE_ID_LEN];
    int rc;

    /* the EngineClient's defaults */
    if (spec.action == NULL)
        spec.action = "INIT";
    if (spec.status == NULL)
        spec.status = "COMPLETE";
    if (spec.status_reason == NULL)
        spec.status_reason = "";
    rc = hh_store_software_deployment_create(c->st, c->term, &spec, id, err);
    return rc != 0 ? rc : show_deployment(c, id, result, err);
}

/* update with spec (its non-NULL members), then show. */
static int update_deployment(hh_svc_call *c, const char *id, const hh_store_deployment_spec *spec,
                             json_t **result, hh_error *err)
{
    int rc = hh_store_software_deployment_update(c->st, c->term, id, project_of(c), spec, err);

    return rc != 0 ? rc : show_deployment(c, id, result, err);
}

HH_SVC_METHOD(update_software_deployment)
{
    hh_store_deployment_spec spec = {
        .config_id = hh_svc_arg_str(c, "config_id"),
        .input_values = json_object_get(c->args, "input_values"),
        .output_values = json_object_get(c->args, "output_values"),
        .action = hh_svc_arg_str(c, "action"),
        .status = hh_svc_arg_str(c, "status"),
        .status_reason = hh_svc_arg_str(c, "status_reason"),
    };

    if (json_is_null(spec.input_values))
        spec.input_values = NULL;
    if (json_is_null(spec.output_values))
        spec.output_values = NULL;
    return update_deployment(c, hh_svc_arg_str(c, "deployment_id"), &spec, result, err);
}

HH_SVC_METHOD(delete_software_deployment)
{
    int rc = hh_store_software_deployment_delete(c->st, c->term, hh_svc_arg_str(c, "deployment_id"),
                                                 project_of(c), err);

    if (rc == 0)
        *result = json_null();
    return rc;
}

HH_SVC_METHOD(metadata_software_deployments)
{
    const char *server = hh_svc_arg_str(c, "server_id");
    json_t *rows = NULL, *configs = NULL, *sd;
    size_t i;
    int rc;

    if (server == NULL || server[0] == '\0')
        return hh_error_set(err, HH_EINVAL, "ValueError", "server_id must be specified");
    rc = hh_store_software_deployment_list(c->st, project_of(c), server, &rows, err);
    if (rc == 0 && (configs = json_array()) == NULL)
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_array_foreach(rows, i, sd)
    {
        json_t *sc = NULL;

        if (rc == 0)
            rc = hh_store_software_config_get(c->st, jstr(sd, "config_id"), NULL, &sc, err);
        if (rc == 0)
            json_array_append_new(configs, sc);
    }
    /* ordered by config name, as Heat's, for a deterministic list */
    for (i = 1; rc == 0 && i < json_array_size(configs); i++)
        for (size_t j = i; j > 0; j--) {
            json_t *a = json_array_get(configs, j - 1), *b = json_array_get(configs, j);

            if (strcmp(jstr(a, "name") ? jstr(a, "name") : "",
                       jstr(b, "name") ? jstr(b, "name") : "") <= 0)
                break;
            json_incref(a);
            json_array_set(configs, j - 1, b);
            json_array_set_new(configs, j, a);
        }
    if (rc == 0)
        rc = format_all(configs, fmt_config_detail, NULL, result, err);
    json_decref(configs);
    json_decref(rows);
    return rc;
}

/* Heat's signal_software_deployment: the outputs of a deployment that is
 * IN_PROGRESS, its status from deploy_status_code and the error outputs;
 * answers the event reason (None when it was not IN_PROGRESS). */
HH_SVC_METHOD(signal_software_deployment)
{
    static const char *const std_outputs[] = {"deploy_stdout", "deploy_stderr",
                                              "deploy_status_code"};
    const char *id = hh_svc_arg_str(c, "deployment_id");
    const json_t *details = json_object_get(c->args, "details"), *code, *out;
    json_t *sd = NULL, *sc = NULL, *ov = NULL, *reasons = NULL, *shown = NULL;
    hh_store_deployment_spec spec = {0};
    char event[512], reason[4096] = "", codebuf[64] = "";
    bool failed = false;
    size_t i;
    int rc;

    rc = hh_store_software_deployment_get(c->st, id, project_of(c), &sd, err);
    if (rc != 0)
        return rc;
    if (strcmp(jstr(sd, "status") ? jstr(sd, "status") : "", "IN_PROGRESS") != 0) {
        *result = json_null(); /* outputs are only taken while IN_PROGRESS */
        goto done;
    }
    if ((rc = hh_store_software_config_get(c->st, jstr(sd, "config_id"), NULL, &sc, err)) != 0)
        goto done;
    ov = copy_or(json_object_get(sd, "output_values"), json_object());
    reasons = json_object();
    code = json_object_get(details, "deploy_status_code");
    if (json_is_integer(code))
        snprintf(codebuf, sizeof(codebuf), "%lld", (long long)json_integer_value(code));
    else if (json_is_string(code))
        snprintf(codebuf, sizeof(codebuf), "%s", json_string_value(code));
    if (codebuf[0] != '\0' && strcmp(codebuf, "0") != 0) {
        char msg[128];

        failed = true;
        snprintf(msg, sizeof(msg), "Deployment exited with non-zero status code: %s", codebuf);
        json_object_set_new(reasons, "deploy_status_code", json_string(msg));
        snprintf(event, sizeof(event), "deployment %s failed (%s)", id, codebuf);
    } else {
        snprintf(event, sizeof(event), "deployment %s succeeded", id);
    }
    json_array_foreach(json_object_get(json_object_get(sc, "config"), "outputs"), i, out)
    {
        const char *key = jstr(out, "name");
        const json_t *v = key != NULL ? json_object_get(details, key) : NULL;

        if (v == NULL)
            continue;
        json_object_set(ov, key, (json_t *)v);
        if (json_is_true(json_object_get(out, "error_output"))) {
            failed = true;
            json_object_set(reasons, key, (json_t *)v);
            snprintf(event, sizeof(event), "deployment %s failed", id);
        }
    }
    for (i = 0; i < sizeof(std_outputs) / sizeof(std_outputs[0]); i++) {
        const json_t *v = json_object_get(details, std_outputs[i]);

        json_object_set_new(ov, std_outputs[i], v ? json_deep_copy(v) : json_null());
    }
    if (failed) {
        const char *k;
        json_t *v;

        /* "key : value" of each error output, joined by ", " */
        json_object_foreach(reasons, k, v)
        {
            char *text = json_is_string(v) ? NULL : json_dumps(v, JSON_ENCODE_ANY);
            size_t len = strlen(reason);

            snprintf(reason + len, sizeof(reason) - len, "%s%s : %s", len ? ", " : "", k,
                     text ? text : json_string_value(v));
            free(text);
        }
    }
    spec.output_values = ov;
    spec.status = failed ? "FAILED" : "COMPLETE";
    spec.status_reason = failed ? reason : "Outputs received";
    rc = update_deployment(c, id, &spec, &shown, err);
    if (rc == 0)
        *result = json_string(event);
done:
    json_decref(shown);
    json_decref(reasons);
    json_decref(ov);
    json_decref(sc);
    json_decref(sd);
    return rc;
}
