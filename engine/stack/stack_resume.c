/* stack_resume: finish the actions of an engine that died (invariant 1).
 * Heat leaves such stacks IN_PROGRESS, or FAILED "Engine went down during
 * stack CREATE"; heat-ha drives each to the state it would have reached,
 * from what the store says every resource had reached (stack_engine.c
 * node_initial: COMPLETE stays, IN_PROGRESS is handled again with its
 * recorded start time and physical id, FAILED fails the stack, INIT
 * starts; an update or rollback finds its claims and replacements through
 * current_template_id and replaces/replaced_by). A resource left
 * IN_PROGRESS in a stack that is not (its action stopped by a cancel
 * before the engine died) is aborted. */
#include "config.h"

#include <string.h>

#include "stack_internal.h"

/* A stack whose action had ended, or stopped (a cancel: its FAILED state
 * committed, the resources in progress left to finish), when the engine
 * died: resources it shows IN_PROGRESS will never finish, as no resume
 * runs a stack that is not IN_PROGRESS. Each becomes (A, FAILED) "A
 * aborted" with its event, as the running action would have aborted it,
 * in one transaction; its physical id stays, for the delete or update
 * that follows. */
static int abort_left(hh_store *st, int64_t term, const json_t *stack, hh_error *err)
{
    const char *id = json_string_value(json_object_get(stack, "id"));
    json_t *rows = NULL, *r;
    bool open = false;
    size_t i;
    int rc;

    rc = hh_store_resource_list(st, id, &rows, err);
    json_array_foreach(rows, i, r)
    {
        const char *act = json_string_value(json_object_get(r, "action"));
        const char *status = json_string_value(json_object_get(r, "status"));
        char reason[64];
        hh_store_event_spec ev = {0};

        if (rc != 0 || act == NULL || status == NULL || strcmp(status, "IN_PROGRESS") != 0)
            continue;
        if (!open && (rc = hh_store_begin(st, err)) == 0)
            open = true;
        snprintf(reason, sizeof(reason), "%s aborted", act);
        ev.stack_id = id;
        ev.resource_name = json_string_value(json_object_get(r, "name"));
        ev.resource_action = act;
        ev.resource_status = "FAILED";
        ev.resource_status_reason = reason;
        ev.physical_resource_id = json_string_value(json_object_get(r, "physical_resource_id"));
        ev.resource_type = json_string_value(json_object_get(r, "type"));
        ev.resource_properties = json_object_get(r, "properties_data");
        if (rc == 0)
            rc = hh_store_resource_set_state(st, term, json_integer_value(json_object_get(r, "id")),
                                             act, "FAILED", reason, err);
        if (rc == 0)
            rc = hh_store_event_create(st, term, &ev, NULL, err);
    }
    if (open) {
        if (rc == 0)
            rc = hh_store_commit(st, err);
        else
            hh_store_rollback(st);
    }
    json_decref(rows);
    return rc;
}

/* abort_left on every live stack (nested ones too) that is not IN_PROGRESS
 * and that no action of e runs. */
static int abort_all_left(hh_stack_engine *e, int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    hh_store_list_opts opts = {0};
    json_t *list = NULL, *row;
    size_t i;
    int rc;

    rc = hh_store_stack_list(st, NULL, &opts, false, true, &list, err);
    json_array_foreach(list, i, row)
    {
        const char *id = json_string_value(json_object_get(row, "id"));
        const char *status = json_string_value(json_object_get(row, "status"));

        if (rc != 0 || id == NULL || (status != NULL && strcmp(status, "IN_PROGRESS") == 0) ||
            hh_stack_engine_runs(e, id))
            continue;
        rc = abort_left(st, term, row, err);
    }
    json_decref(list);
    return rc;
}

int hh_stack_resume_all(hh_stack_engine *e, int64_t term, int *resumed, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    hh_store_list_opts opts = {0};
    json_t *filters = NULL, *list = NULL, *row;
    hh_error one;
    size_t i;
    int rc, first = 0, n = 0;

    if (resumed != NULL)
        *resumed = 0;
    rc = abort_all_left(e, term, err);
    if (rc != 0)
        return rc;
    filters = json_pack("{s:s}", "status", "IN_PROGRESS");
    if (filters == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    opts.filters = filters;
    opts.sort_dir = "asc";
    rc = hh_store_stack_list(st, NULL, &opts, false, true, &list, err);
    json_decref(filters);
    if (rc != 0)
        return rc;
    json_array_foreach(list, i, row)
    {
        const char *id = json_string_value(json_object_get(row, "id"));
        const char *action = json_string_value(json_object_get(row, "action"));
        hh_sact act;

        if (id == NULL || action == NULL || hh_stack_engine_runs(e, id))
            continue;
        if (!hh_sact_from_name(action, &act))
            continue; /* an action heat-ha does not run (ADOPT ...) */
        hh_error_clear(&one);
        rc = hh_stack_sact_start(e, id, act, term, true, &one);
        if (rc == 0) {
            n++;
        } else if (first == 0) {
            first = rc;
            if (err != NULL)
                *err = one;
        }
        if (rc == HH_EFENCED)
            break;
    }
    json_decref(list);
    if (resumed != NULL)
        *resumed = n;
    return first;
}
