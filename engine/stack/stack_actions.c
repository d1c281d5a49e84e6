/* stack_actions: Heat's stack_suspend, stack_resume and stack_check
 * (heat/engine/service.py) and Stack.suspend, resume, check
 * (heat/engine/stack.py stack_task) on the store. The resources' part runs
 * in stack_engine.c, with Resource.suspend/resume/check's own checks. */
#include "config.h"

#include <string.h>

#include "stack_internal.h"

/* Commit (act, IN_PROGRESS) "Stack <act> started" and start the action,
 * unless the stack is already (act, COMPLETE) and skip_complete (Heat's
 * "already suspended" / "already resumed": nothing happens). */
static int stack_task(hh_stack_engine *e, const char *stack_id, hh_sact act, bool skip_complete,
                      int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    const char *name = hh_sact_name(act);
    const char *sname, *saction, *sstatus;
    char reason[64];
    json_t *row = NULL;
    int rc;

    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc != 0)
        return rc;
    sname = json_string_value(json_object_get(row, "name"));
    saction = json_string_value(json_object_get(row, "action"));
    sstatus = json_string_value(json_object_get(row, "status"));
    if (saction == NULL || sstatus == NULL) {
        rc = hh_error_set(err, HH_EINTERNAL, NULL, "stack %s has no state", stack_id);
        goto done;
    }
    /* the stack lock: one action at a time */
    if (strcmp(sstatus, "IN_PROGRESS") == 0 || hh_stack_engine_runs(e, stack_id)) {
        rc = hh_error_set(err, HH_EEXISTS, "ActionInProgress",
                          "Stack %s already has an action (%s) in progress.", sname, saction);
        goto done;
    }
    if (skip_complete && strcmp(saction, name) == 0 && strcmp(sstatus, "COMPLETE") == 0)
        goto done;
    snprintf(reason, sizeof(reason), "Stack %s started", name);
    rc = hh_stack_state_commit(st, term, stack_id, sname, name, "IN_PROGRESS", reason, err);
    if (rc != 0)
        goto done;
    rc = hh_stack_sact_launch(e, stack_id, sname, act, term, err);
done:
    json_decref(row);
    return rc;
}

int hh_stack_suspend(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err)
{
    return stack_task(e, stack_id, HH_SACT_SUSPEND, true, term, err);
}

int hh_stack_resume(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err)
{
    return stack_task(e, stack_id, HH_SACT_RESUME, true, term, err);
}

int hh_stack_check(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err)
{
    return stack_task(e, stack_id, HH_SACT_CHECK, false, term, err);
}
