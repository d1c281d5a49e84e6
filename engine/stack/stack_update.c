/* stack_update: Heat's update_stack, _prepare_stack_updates and
 * stack_cancel_update (heat/engine/service.py) and Stack.converge_stack,
 * rollback (heat/engine/stack.py) on the store. The resources' part runs
 * in stack_engine.c (K_CONVERGE and K_CLEANUP nodes). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stack_internal.h"
#include "stack_model.h"
#include "stack_ops.h"
#include "tmpl_param.h"
#include "tmpl_request.h"
#include "tmpl_version.h"

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static const char *jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "";
}

/* The bound parameters of template t with environment env for the stack
 * of row (its identity as pseudo-parameters). *out new. */
static int bound_params(const hh_tmpl *t, const hh_env *env, const json_t *row, hh_params **out,
                        hh_error *err)
{
    const hh_tversion *v = hh_tmpl_version(t);
    const json_t *doc = hh_tmpl_doc(t);
    const json_t *section =
        json_object_get(doc, v->dialect == HH_DIALECT_CFN ? "Parameters" : "parameters");
    hh_pseudo pseudo = {.stack_name = jstr(row, "name"),
                        .stack_id = jstr(row, "id"),
                        .project_id = jstr(row, "tenant")};
    int rc;

    if (json_is_null(section))
        section = NULL;
    rc = hh_params_new(v, section, out, err);
    if (rc == 0)
        rc = hh_params_bind(*out, hh_env_parameters(env), hh_env_parameter_defaults(env), &pseudo,
                            err);
    return rc;
}

/* The stored template and environment of the stack (raw: the raw
 * template row, borrowed). */
static int stored_tmpl(const json_t *raw, hh_tmpl **t, hh_env **env, hh_error *err)
{
    json_t *doc = json_deep_copy(json_object_get(raw, "template"));
    const json_t *files = json_object_get(raw, "files");
    int rc;

    if (doc == NULL)
        return oom(err);
    rc =
        hh_tmpl_from_doc(doc, NULL, "template", json_is_object(files) ? files : NULL, NULL, t, err);
    if (rc == 0)
        rc = hh_env_from_json(json_object_get(raw, "environment"), env, err);
    return rc;
}

/* PATCH (existing=true): the stored environment with clear_parameters
 * removed, the request's environment loaded over it (env_util's
 * merge, Environment.load), and only the new template's parameters kept.
 * *env is replaced by the result. */
static int patch_env(const json_t *raw, const hh_tmpl *t, const json_t *clear, hh_env **env,
                     hh_error *err)
{
    json_t *base_doc = NULL, *merged = NULL, *params;
    hh_env *base = NULL, *out = NULL;
    hh_params *p = NULL;
    const char *key;
    json_t *v, *tmp;
    size_t i;
    int rc;

    base_doc = json_deep_copy(json_object_get(raw, "environment"));
    if (!json_is_object(base_doc)) {
        json_decref(base_doc);
        base_doc = json_object();
    }
    if (base_doc == NULL)
        return oom(err);
    params = json_object_get(base_doc, "parameters");
    json_array_foreach(clear, i, v)
    {
        if (json_is_string(v) && json_is_object(params))
            json_object_del(params, json_string_value(v));
    }
    rc = hh_env_from_json(base_doc, &base, err);
    if (rc == 0)
        rc = hh_env_deep_update(base, *env, err);
    if (rc == 0) {
        merged = hh_env_to_json(base);
        if (merged == NULL)
            rc = oom(err);
    }
    if (rc == 0) {
        const hh_tversion *ver = hh_tmpl_version(t);
        const json_t *section = json_object_get(
            hh_tmpl_doc(t), ver->dialect == HH_DIALECT_CFN ? "Parameters" : "parameters");

        rc = hh_params_new(ver, json_is_null(section) ? NULL : section, &p, err);
    }
    if (rc == 0) {
        params = json_object_get(merged, "parameters");
        json_object_foreach_safe(params, tmp, key, v)
        {
            bool known = false;

            for (i = 0; i < hh_params_count(p); i++)
                if (strcmp(hh_params_name(p, i), key) == 0)
                    known = true;
            if (!known)
                json_object_del(params, key);
        }
        rc = hh_env_from_json(merged, &out, err);
    }
    if (rc == 0) {
        hh_env_free(*env);
        *env = out;
        out = NULL;
    }
    hh_params_free(p);
    hh_env_free(out);
    hh_env_free(base);
    json_decref(merged);
    json_decref(base_doc);
    return rc;
}

int hh_stack_update_prepare(hh_store *st, const char *stack_id, const hh_stack_update_req *u,
                            const hh_tmpl_limits *lim, hh_tmpl **tmpl, hh_env **env, json_t **files,
                            hh_error *err)
{
    hh_tmpl_request r = *u->req;
    json_t *row = NULL, *raw = NULL;
    hh_tmpl *old_t = NULL;
    hh_env *old_env = NULL;
    hh_params *old_p = NULL, *new_p = NULL;
    hh_pseudo pseudo;
    int rc;

    *tmpl = NULL;
    *env = NULL;
    *files = NULL;
    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc == 0)
        rc = hh_store_template_get(st, json_integer_value(json_object_get(row, "raw_template_id")),
                                   &raw, err);
    if (rc != 0)
        goto done;
    if (u->existing) {
        /* PATCH: the stored template and files where none are given */
        if (r.template == NULL)
            r.template = json_object_get(raw, "template");
        *files = json_deep_copy(json_object_get(raw, "files"));
        if (!json_is_object(*files)) {
            json_decref(*files);
            *files = json_object();
        }
        if (*files == NULL || (json_is_object(u->req->files) &&
                               json_object_update(*files, (json_t *)u->req->files))) {
            rc = oom(err);
            goto done;
        }
    } else {
        *files = json_is_object(r.files) ? json_incref((json_t *)r.files) : json_object();
        if (*files == NULL) {
            rc = oom(err);
            goto done;
        }
    }
    r.files = *files;
    rc = hh_tmpl_request_load(&r, lim, tmpl, env, err);
    if (rc == 0 && u->existing)
        rc = patch_env(raw, *tmpl, u->clear_parameters, env, err);
    if (rc != 0)
        goto done;
    pseudo = (hh_pseudo){
        .stack_name = jstr(row, "name"), .stack_id = stack_id, .project_id = jstr(row, "tenant")};
    rc = hh_tmpl_check_create(*tmpl, *env, &pseudo, err);
    if (rc != 0)
        goto done;
    /* Parameters.immutable_params_modified */
    rc = stored_tmpl(raw, &old_t, &old_env, err);
    if (rc == 0)
        rc = bound_params(old_t, old_env, row, &old_p, err);
    if (rc == 0)
        rc = bound_params(*tmpl, *env, row, &new_p, err);
    if (rc == 0)
        rc = hh_params_immutable_modified(old_p, new_p, u->req->parameters, err);
done:
    if (rc != 0) {
        hh_tmpl_free(*tmpl);
        hh_env_free(*env);
        json_decref(*files);
        *tmpl = NULL;
        *env = NULL;
        *files = NULL;
    }
    hh_params_free(old_p);
    hh_params_free(new_p);
    hh_tmpl_free(old_t);
    hh_env_free(old_env);
    json_decref(raw);
    json_decref(row);
    return rc;
}

int hh_stack_update(hh_stack_engine *e, const char *stack_id, const hh_tmpl_request *req,
                    const hh_stack_update_opts *o, int64_t term, hh_error *err)
{
    return hh_stack_update_as(e, stack_id, req, o, HH_SACT_UPDATE, term, err);
}

int hh_stack_update_as(hh_stack_engine *e, const char *stack_id, const hh_tmpl_request *req,
                       const hh_stack_update_opts *o, hh_sact action, int64_t term, hh_error *err)
{
    static const hh_stack_update_opts none = {.disable_rollback = -1};
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_update_req u = {.req = req};
    json_t *row = NULL, *files = NULL, *envj = NULL;
    const json_t *tags;
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    int64_t tid = 0, cur;
    const char *act, *status, *name, *sact = hh_sact_name(action);
    char started[64];
    bool disable_rollback;
    int timeout, rc;

    if (o == NULL)
        o = &none;
    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc != 0)
        return rc;
    act = jstr(row, "action");
    status = jstr(row, "status");
    name = jstr(row, "name");
    if (strcmp(act, "SUSPEND") == 0 || strcmp(act, "DELETE") == 0) {
        rc = hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.",
                          strcmp(act, "SUSPEND") == 0 ? "Updating a stack when it is suspended"
                                                      : "Updating a stack when it is deleting");
        goto done;
    }
    if (strcmp(status, "IN_PROGRESS") == 0 || hh_stack_engine_runs(e, stack_id)) {
        rc = hh_error_set(err, HH_EEXISTS, "ActionInProgress",
                          "Stack %s already has an action (%s) in progress.", name, act);
        goto done;
    }
    cur = json_integer_value(json_object_get(row, "raw_template_id"));
    u.existing = o->existing;
    u.clear_parameters = o->clear_parameters;
    rc =
        hh_stack_update_prepare(st, stack_id, &u, hh_stack_engine_limits(e), &t, &env, &files, err);
    if (rc != 0)
        goto done;

    /* timeout_mins and disable_rollback as given, else the stack's; tags
     * as given, else none (PUT) or the stack's (PATCH) */
    timeout = o->timeout_mins > 0 ? o->timeout_mins
                                  : (int)json_integer_value(json_object_get(row, "timeout"));
    disable_rollback = o->disable_rollback >= 0
                           ? o->disable_rollback != 0
                           : json_is_true(json_object_get(row, "disable_rollback"));
    tags = o->tags;
    if (tags == NULL && o->existing && json_is_array(json_object_get(row, "tags")))
        tags = json_object_get(row, "tags");
    envj = hh_env_to_json(env);
    if (envj == NULL) {
        rc = oom(err);
        goto done;
    }

    /* the new template, the stack pointing at it (the old one kept for a
     * rollback), the options and "Stack UPDATE started" (RESTORE: "Stack
     * RESTORE started"): one commit */
    snprintf(started, sizeof(started), "Stack %s started", sact);
    rc = hh_store_begin(st, err);
    if (rc != 0)
        goto done;
    rc = hh_store_template_create(st, term, hh_tmpl_doc(t), files, envj, &tid, err);
    if (rc == 0)
        rc = hh_store_stack_set_template(st, term, stack_id, tid, cur, err);
    if (rc == 0)
        rc = hh_store_stack_set_options(
            st, term, stack_id, timeout, disable_rollback,
            json_is_array(tags) && json_array_size(tags) > 0 ? tags : NULL, err);
    if (rc == 0)
        rc = hh_stack_state_commit(st, term, stack_id, name, sact, "IN_PROGRESS", started, err);
    if (rc != 0) {
        hh_store_rollback(st);
        goto done;
    }
    rc = hh_store_commit(st, err);
    if (rc != 0)
        goto done;
    rc = hh_stack_sact_launch(e, stack_id, name, action, term, err);
done:
    hh_tmpl_free(t);
    hh_env_free(env);
    json_decref(envj);
    json_decref(files);
    json_decref(row);
    return rc;
}

/* worker.py stop_traversal of stack row (borrowed): (A, FAILED) "Stack A
 * cancelled" now, nothing new starts and what runs finishes normally; the
 * same for every nested stack below it that is IN_PROGRESS (Heat's
 * get_all_by_root_owner_id), depth first. */
static int stop_traversal(hh_stack_engine *e, const json_t *row, int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    const char *id = jstr(row, "id"), *act = jstr(row, "action");
    char reason[HH_STORE_NAME_MAX + 64];
    json_t *kids = NULL, *kid;
    size_t i;
    int rc = 0;

    if (strcmp(jstr(row, "status"), "IN_PROGRESS") == 0) {
        snprintf(reason, sizeof(reason), "Stack %s cancelled", act);
        rc = hh_stack_state_commit(st, term, id, jstr(row, "name"), act, "FAILED", reason, err);
        if (rc == 0)
            (void)hh_stack_engine_stop(e, id);
    }
    if (rc == 0)
        rc = hh_store_stack_children(st, id, &kids, err);
    json_array_foreach(kids, i, kid)
    {
        if (rc != 0)
            break;
        rc = stop_traversal(e, kid, term, err);
    }
    json_decref(kids);
    return rc;
}

int hh_stack_cancel_update(hh_stack_engine *e, const char *stack_id, bool with_rollback,
                           int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL;
    const char *act, *status, *name;
    bool allowed;
    int rc;

    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc != 0)
        return rc;
    act = jstr(row, "action");
    status = jstr(row, "status");
    name = jstr(row, "name");
    allowed = strcmp(status, "IN_PROGRESS") == 0 &&
              (strcmp(act, "UPDATE") == 0 || (!with_rollback && strcmp(act, "CREATE") == 0));
    if (!allowed) {
        rc = hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                          "Cancelling update when stack is %s_%s is not supported.", act, status);
        goto done;
    }
    if (with_rollback) {
        /* convergence's cancel: the rollback starts at once; what the
         * update has in progress is stopped first */
        rc = hh_store_begin(st, err);
        if (rc == 0)
            rc = hh_stack_rollback_begin(st, term, row, err);
        if (rc == 0)
            rc = hh_store_commit(st, err);
        else
            hh_store_rollback(st);
        if (rc != 0)
            goto done;
        rc = hh_stack_engine_supersede_rollback(e, stack_id, term);
        if (rc == HH_ENOTFOUND)
            rc = hh_stack_sact_launch(e, stack_id, name, HH_SACT_ROLLBACK, term, err);
        else if (rc != 0)
            hh_error_set(err, rc, "ActionInProgress",
                         "Stack %s already has an action (%s) in progress.", name, "ROLLBACK");
        goto done;
    }
    rc = stop_traversal(e, row, term, err);
done:
    json_decref(row);
    return rc;
}
