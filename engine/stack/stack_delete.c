/* stack_delete: Heat's delete_stack (heat/engine/service.py) and
 * Stack.delete (heat/engine/stack.py) on the store. The resources' part
 * runs in stack_engine.c, which soft-deletes the stack at the end. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "stack_internal.h"

int hh_stack_delete(hh_stack_engine *e, const char *stack_id, int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL;
    const char *name;
    bool running;
    int rc;

    rc = hh_store_stack_get(st, stack_id, false, &row, NULL);
    if (rc == HH_ENOTFOUND)
        return hh_error_set(err, rc, "EntityNotFound", "The Stack (%s) could not be found.",
                            stack_id);
    if (rc != 0)
        return hh_error_set(err, rc, NULL, "stack %s: %s", stack_id, hh_strerror(rc));
    name = json_string_value(json_object_get(row, "name"));
    running = hh_stack_engine_runs(e, stack_id);
    if (running && strcmp(json_string_value(json_object_get(row, "action")), "DELETE") == 0) {
        rc = hh_error_set(err, HH_EEXISTS, "ActionInProgress",
                          "Stack %s already has an action (%s) in progress.", name, "DELETE");
        goto done;
    }
    rc = hh_stack_state_commit(st, term, stack_id, name, "DELETE", "IN_PROGRESS",
                               "Stack DELETE started", err);
    if (rc != 0)
        goto done;
    /* an action in progress (a create) is cancelled and the delete
     * follows it, as Heat's delete_stack stops the stack's running thread */
    if (running)
        rc = hh_stack_engine_supersede(e, stack_id, term);
    if (!running || rc == HH_ENOTFOUND)
        rc = hh_stack_action_start(e, stack_id, HH_RACT_DELETE, term, false, err);
    else if (rc != 0)
        hh_error_set(err, rc, "ActionInProgress",
                     "Stack %s already has an action (%s) in progress.", name, "DELETE");
done:
    json_decref(row);
    return rc;
}
