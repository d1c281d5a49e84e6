/* stack_resume: finish the actions of an engine that died (invariant 1).
 * Heat leaves such stacks IN_PROGRESS, or FAILED "Engine went down during
 * stack CREATE"; heat-ha drives each to the state it would have reached,
 * from what the store says every resource had reached (stack_engine.c
 * node_initial: COMPLETE stays, IN_PROGRESS is handled again with its
 * recorded start time and physical id, FAILED fails the stack, INIT
 * starts; an update or rollback finds its claims and replacements through
 * current_template_id and replaces/replaced_by). */
#include "config.h"

#include <string.h>

#include "stack_internal.h"

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
