/* stack_hook: breakpoint hooks and resource events (see stack_internal.h;
 * heat/engine/resource.py _break_if_required, trigger_hook, has_hook,
 * clear_hook, _add_event; environment.py matches_hook). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack_internal.h"
#include "stack_model.h"
#include "tmpl_env.h"

static const char *rstr(const json_t *row, const char *key)
{
    const char *v = json_string_value(json_object_get(row, key));

    return v != NULL ? v : "";
}

int hh_stack_resource_event(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                            const char *action, const char *status, const char *reason,
                            hh_error *err)
{
    const char *name = rstr(row, "name");
    char pid[HH_RPHYS_ID_MAX + 64];
    hh_store_event_spec ev = {0};

    hh_stack_event_physical_id(m, name, rstr(row, "uuid"), rstr(row, "physical_resource_id"), pid,
                               sizeof(pid));
    ev.stack_id = hh_stack_model_id(m);
    ev.resource_name = name;
    ev.resource_action = action;
    ev.resource_status = status;
    ev.resource_status_reason = reason;
    ev.physical_resource_id = pid;
    ev.resource_type = rstr(row, "type");
    ev.resource_properties = json_object_get(row, "properties_data");
    return hh_store_event_create(st, term, &ev, NULL, err);
}

int hh_stack_hook_read(hh_store *st, int64_t res_id, unsigned hook, hh_stack_hook_gate *out,
                       hh_error *err)
{
    char *v = NULL;
    hh_error mine;
    int rc;

    *out = HH_HOOK_GATE_NONE;
    hh_error_clear(&mine);
    rc = hh_store_resource_data_get(st, res_id, hh_env_hook_name(hook), &v, &mine);
    if (rc == HH_ENOTFOUND)
        rc = 0;
    else if (rc != 0 && err != NULL)
        *err = mine;
    if (rc == 0 && v != NULL)
        *out = strcmp(v, "True") == 0 ? HH_HOOK_GATE_PAUSED : HH_HOOK_GATE_PASSED;
    free(v);
    return rc;
}

/* The end of writes made in st's open transaction (own false: the
 * caller's, which a failure marks failed) or in one of their own. */
static int in_tx(hh_store *st, int rc_writes, bool own, hh_error *err)
{
    if (!own)
        return rc_writes;
    if (rc_writes == 0)
        return hh_store_commit(st, err);
    hh_store_rollback(st);
    return rc_writes;
}

/* The action word of a hook: "CREATE" for pre-create and post-create. */
static const char *hook_action(unsigned hook)
{
    if (hook & (HH_HOOK_PRE_CREATE | HH_HOOK_POST_CREATE))
        return "CREATE";
    if (hook & (HH_HOOK_PRE_UPDATE | HH_HOOK_POST_UPDATE))
        return "UPDATE";
    return "DELETE";
}

int hh_stack_hook_enter(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                        unsigned hook, const char *action, const char *status,
                        hh_stack_hook_gate *out, hh_error *err)
{
    int64_t id = json_integer_value(json_object_get(row, "id"));
    const hh_env *env = hh_stack_model_env(m);
    char reason[96];
    bool own;
    int rc;

    *out = HH_HOOK_GATE_NONE;
    if (env == NULL || (hh_env_hooks(env, rstr(row, "name")) & hook) == 0)
        return 0;
    rc = hh_stack_hook_read(st, id, hook, out, err);
    if (rc != 0 || *out != HH_HOOK_GATE_NONE)
        return rc;
    own = !hh_store_in_transaction(st);
    if (own && (rc = hh_store_begin(st, err)) != 0)
        return rc;
    snprintf(reason, sizeof(reason), "%s paused until Hook %s is cleared", hook_action(hook),
             hh_env_hook_name(hook));
    rc = hh_store_resource_data_set(st, term, id, hh_env_hook_name(hook), "True", false, err);
    if (rc == 0)
        rc = hh_stack_resource_event(m, st, term, row, action, status, reason, err);
    rc = in_tx(st, rc, own, err);
    if (rc == 0)
        *out = HH_HOOK_GATE_PAUSED;
    return rc;
}

int hh_stack_hook_abandon(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                          unsigned hook, const char *action, const char *status, hh_error *err)
{
    int64_t id = json_integer_value(json_object_get(row, "id"));
    bool own = !hh_store_in_transaction(st);
    hh_stack_hook_gate g;
    int rc;

    /* a delete of a missing key would fail the caller's transaction */
    rc = hh_stack_hook_read(st, id, hook, &g, err);
    if (rc != 0)
        return rc;
    if (own && (rc = hh_store_begin(st, err)) != 0)
        return rc;
    if (g != HH_HOOK_GATE_NONE)
        rc = hh_store_resource_data_delete(st, term, id, hh_env_hook_name(hook), err);
    if (rc == 0)
        rc = hh_stack_resource_event(m, st, term, row, action, status,
                                     "Failure occurred while waiting.", err);
    return in_tx(st, rc, own, err);
}
