#include "config.h"

#include <string.h>

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

static int load(const hh_tmpl_request *req, hh_srcmap *map, const hh_tmpl_limits *lim,
                hh_tmpl **tmpl, hh_env **env, hh_error *err)
{
    const char *source = req->source ? req->source : "<request>";
    hh_tmpl *t = NULL;
    hh_env *e = NULL, *file_env = NULL;
    const json_t *psec, *name;
    size_t i;
    int rc;

    *tmpl = NULL;
    *env = NULL;
    if (json_is_string(req->template)) {
        hh_srcmap_free(map);
        rc = hh_tmpl_parse(json_string_value(req->template), json_string_length(req->template),
                           source, req->files, lim, &t, err);
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
    psec = json_object_get(hh_tmpl_doc(t), hh_tmpl_version(t)->dialect == HH_DIALECT_HOT
                                               ? "parameters"
                                               : "Parameters");
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
            rc = hh_env_merge(e, file_env, json_is_object(psec) ? psec : NULL, err);
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
