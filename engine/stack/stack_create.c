/* stack_create: Heat's create_stack (heat/engine/service.py) and
 * Stack.create (heat/engine/stack.py) on the store. The resources' part
 * runs in stack_engine.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stack_internal.h"
#include "stack_model.h"
#include "tmpl_request.h"

int hh_stack_create(hh_stack_engine *e, const hh_tmpl_request *req, const char *stack_name,
                    const char *tenant, int64_t term, char *stack_id, hh_error *err)
{
    hh_stack_create_opts o = {.name = stack_name, .tenant = tenant, .disable_rollback = true};

    return hh_stack_create_ex(e, req, &o, term, stack_id, err);
}

int hh_stack_create_ex(hh_stack_engine *e, const hh_tmpl_request *req,
                       const hh_stack_create_opts *o, int64_t term, char *stack_id, hh_error *err)
{
    return hh_stack_create_action(e, req, o, HH_RACT_CREATE, NULL, NULL, term, stack_id, err);
}

int hh_stack_create_action(hh_stack_engine *e, const hh_tmpl_request *req,
                           const hh_stack_create_opts *o, hh_raction act, hh_stack_saved_fn saved,
                           void *ud, int64_t term, char *stack_id, hh_error *err)
{
    const char *act_name = hh_raction_name(act);
    char started[64];
    const char *stack_name = o->name, *tenant = o->tenant;
    hh_store *st = hh_stack_engine_store(e);
    hh_store_stack_spec spec = {0};
    hh_store_event_spec ev = {0};
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    json_t *existing = NULL;
    hh_pseudo pseudo;
    char id[HH_STORE_ID_LEN];
    int rc;

    if (stack_id != NULL)
        stack_id[0] = '\0';
    if (stack_name == NULL || tenant == NULL)
        return hh_error_set(err, HH_EINVAL, "HTTPBadRequest",
                            "a stack name and a tenant are required");
    rc = hh_tmpl_request_load(req, hh_stack_engine_limits(e), &t, &env, err);
    if (rc != 0)
        goto done;
    if (hh_store_stack_get_by_name(st, tenant, stack_name, &existing, NULL) == 0) {
        rc = hh_error_set(err, HH_EEXISTS, "StackExists", "The Stack (%s) already exists.",
                          stack_name);
        goto done;
    }
    rc = hh_store_uuid(id);
    if (rc != 0) {
        hh_error_set(err, rc, NULL, "no random UUID: %s", hh_strerror(rc));
        goto done;
    }
    pseudo = (hh_pseudo){.stack_name = stack_name, .stack_id = id, .project_id = tenant};
    rc = hh_tmpl_check_create(t, env, &pseudo, err);
    if (rc != 0)
        goto done;

    /* the template, the stack, its resources (INIT) and "Stack CREATE
     * started" (ADOPT: "Stack ADOPT started"): one commit, before the id
     * is reported */
    snprintf(started, sizeof(started), "Stack %s started", act_name);
    spec.id = id;
    spec.name = stack_name;
    spec.tenant = tenant;
    spec.action = act_name;
    spec.status = "IN_PROGRESS";
    spec.status_reason = started;
    spec.username = o->username;
    spec.timeout_mins = o->timeout_mins > 0 ? o->timeout_mins : 0;
    spec.disable_rollback = o->disable_rollback;
    spec.tags = o->tags;
    rc = hh_store_begin(st, err);
    if (rc != 0)
        goto done;
    rc = hh_stack_model_save_new(st, term, t, env, req->files, &spec, id, err);
    if (rc == 0 && saved != NULL)
        rc = saved(st, term, id, ud, err);
    if (rc == 0) {
        ev.stack_id = id;
        ev.resource_name = stack_name;
        ev.resource_action = act_name;
        ev.resource_status = "IN_PROGRESS";
        ev.resource_status_reason = started;
        ev.physical_resource_id = id;
        ev.resource_type = HH_STACK_EVENT_TYPE;
        rc = hh_store_event_create(st, term, &ev, NULL, err);
    }
    if (rc != 0) {
        hh_store_rollback(st);
        goto done;
    }
    rc = hh_store_commit(st, err);
    if (rc != 0)
        goto done;
    if (stack_id != NULL)
        snprintf(stack_id, HH_STORE_ID_LEN, "%s", id);

    rc = hh_stack_sact_launch(e, id, stack_name, (hh_sact)act, term, err);
done:
    json_decref(existing);
    hh_tmpl_free(t);
    hh_env_free(env);
    return rc;
}
