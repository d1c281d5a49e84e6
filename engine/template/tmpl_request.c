#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"

#include "tmpl_request.h"

/* The environment the body gives directly (an object or text). */
static int body_environment(const json_t *environment, hh_env **env, hh_error *err)
{
    if (environment == NULL || json_is_null(environment)) {
        *env = hh_env_new();
        return *env ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
    }
    if (json_is_string(environment))
        return hh_env_parse(json_string_value(environment), json_string_length(environment),
                            "environment", env, err);
    return hh_env_from_json(environment, env, err);
}

/* A template sent as an object is bounded by the length of Python's str()
 * of it, as Heat's API bounds it (validate_template_limit). */
static int check_object_size(const json_t *template, const hh_tmpl_limits *lim, hh_error *err)
{
    char *text = hh_py_str(template);
    size_t len;

    if (text == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    len = hh_utf8_len(text);
    free(text);
    if (len > lim->max_template_size)
        return hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded",
                            "Request limit exceeded: Template size (%zu bytes) exceeds maximum "
                            "allowed size (%zu bytes).",
                            len, lim->max_template_size);
    return 0;
}

static int load(const hh_tmpl_request *req, hh_srcmap *map, const hh_tmpl_limits *lim,
                hh_tmpl **tmpl, hh_env **env, hh_error *err)
{
    const char *source = req->source ? req->source : "<request>";
    hh_tmpl *t = NULL;
    hh_env *e = NULL, *file_env = NULL;
    hh_params *schemas = NULL;
    json_t *types = NULL;
    const json_t *name;
    size_t i;
    int rc;

    *tmpl = NULL;
    *env = NULL;
    if (json_is_object(req->template)) {
        rc = check_object_size(req->template, lim ? lim : &hh_tmpl_limits_default, err);
        if (rc != 0) {
            hh_srcmap_free(map);
            return rc;
        }
    }
    if (json_is_string(req->template)) {
        /* Heat's API parses template text itself (template_format.parse,
         * which calls it "[root stack]") and answers a failure with 400
         * "Template not in valid format: ...". */
        hh_srcmap_free(map);
        rc = hh_tmpl_parse(json_string_value(req->template), json_string_length(req->template),
                           "[root stack]", req->files, lim, &t, err);
        if (rc != 0 && err != NULL) {
            if (err->type != NULL && (strcmp(err->type, "HTTPBadRequest") == 0 ||
                                      strcmp(err->type, "ValueError") == 0)) {
                hh_error_prefix(err, "Template not in valid format: ");
                err->type = "HTTPBadRequest";
            }
            snprintf(err->source, sizeof(err->source), "%s", source);
        }
    } else if (json_is_object(req->template)) {
        rc = hh_tmpl_from_doc(json_incref((json_t *)req->template), map, source, req->files, lim,
                              &t, err);
    } else {
        hh_srcmap_free(map);
        rc = hh_error_set(err, HH_EINVAL, "HTTPBadRequest", "No template specified");
    }
    if (rc != 0)
        goto done;

    if (json_array_size(req->environment_files) > 0) {
        e = hh_env_new();
        if (e == NULL) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            goto done;
        }
    } else {
        rc = body_environment(req->environment, &e, err);
        if (rc != 0)
            goto done;
    }
    if (req->parameters != NULL && !json_is_null(req->parameters)) {
        rc = hh_env_set_parameters(e, req->parameters, err);
        if (rc != 0)
            goto done;
    }
    /* Merge strategies depend on each parameter's type (Heat's
     * all_param_schemata). */
    if (json_array_size(req->environment_files) > 0) {
        rc = hh_params_new(hh_tmpl_version(t),
                           json_object_get(hh_tmpl_doc(t),
                                           hh_tmpl_version(t)->dialect == HH_DIALECT_HOT
                                               ? "parameters"
                                               : "Parameters"),
                           &schemas, err);
        if (rc != 0)
            goto done;
        types = hh_params_types_json(schemas);
    }
    json_array_foreach(req->environment_files, i, name)
    {
        const json_t *text = json_object_get(req->files, json_string_value(name));

        if (!json_is_string(text)) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Could not fetch files: %s", json_string_value(name));
            goto done;
        }
        rc = hh_env_parse(json_string_value(text), json_string_length(text),
                          json_string_value(name), &file_env, err);
        if (rc == 0)
            rc = hh_env_merge(e, file_env, types, err);
        hh_env_free(file_env);
        file_env = NULL;
        if (rc != 0)
            goto done;
    }
    *tmpl = t;
    *env = e;
    t = NULL;
    e = NULL;
    rc = 0;
done:
    json_decref(types);
    hh_params_free(schemas);
    hh_tmpl_free(t);
    hh_env_free(e);
    return rc;
}

int hh_tmpl_request_load(const hh_tmpl_request *req, const hh_tmpl_limits *lim, hh_tmpl **tmpl,
                         hh_env **env, hh_error *err)
{
    return load(req, NULL, lim, tmpl, env, err);
}

int hh_tmpl_request_load_doc(const hh_tmpl_request *req, hh_srcmap *map,
                             const hh_tmpl_limits *lim, hh_tmpl **tmpl, hh_env **env,
                             hh_error *err)
{
    return load(req, map, lim, tmpl, env, err);
}
