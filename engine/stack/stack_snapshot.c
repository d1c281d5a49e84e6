/* stack_snapshot: Heat's stack_snapshot, show_snapshot,
 * stack_list_snapshots and delete_snapshot (heat/engine/service.py, the
 * legacy engine's path) and Stack.snapshot (heat/engine/stack.py). The
 * resources' part runs in stack_engine.c as HH_RACT_SNAPSHOT; its end
 * comes back here (hh_stack_snapshot_finish). See stack_ops.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stack_internal.h"
#include "stack_ops.h"

/* api.format_snapshot of a stored snapshot row (new reference). */
static json_t *format_snapshot(const json_t *row)
{
    return json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "id", json_object_get(row, "id"),
                     "name", json_object_get(row, "name"), "status", json_object_get(row, "status"),
                     "status_reason", json_object_get(row, "status_reason"), "data",
                     json_object_get(row, "data"), "creation_time",
                     json_object_get(row, "created_at"));
}

static int formatted(const json_t *row, json_t **out, hh_error *err)
{
    *out = format_snapshot(row);
    return *out != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

/* The snapshot IN_PROGRESS of stack_id (a stack runs one action at a
 * time, so at most one): *id filled, HH_ENOTFOUND when none. */
static int in_progress(hh_store *st, const char *stack_id, char id[HH_STORE_ID_LEN], hh_error *err)
{
    json_t *list = NULL, *s;
    size_t i;
    int rc = hh_store_snapshot_list(st, stack_id, &list, err);

    if (rc != 0)
        return rc;
    rc = HH_ENOTFOUND;
    json_array_foreach(list, i, s)
    {
        const char *status = json_string_value(json_object_get(s, "status"));

        if (status != NULL && strcmp(status, "IN_PROGRESS") == 0) {
            snprintf(id, HH_STORE_ID_LEN, "%s", json_string_value(json_object_get(s, "id")));
            rc = 0;
        }
    }
    json_decref(list);
    return rc;
}

int hh_stack_snapshot_finish(hh_store *st, int64_t term, hh_stack_model *m, const char *status,
                             const char *reason, hh_error *err)
{
    char id[HH_STORE_ID_LEN];
    json_t *data = NULL;
    int rc = in_progress(st, hh_stack_model_id(m), id, err);

    if (rc == HH_ENOTFOUND)
        return 0;
    /* save_snapshot: the stack's data as it stands, with the final status */
    if (rc == 0)
        rc = hh_stack_abandon_data(st, hh_stack_model_id(m), &data, err);
    if (rc == 0)
        rc = json_object_set_new(data, "status", json_string(status)) == 0
                 ? 0
                 : hh_error_set(err, ENOMEM, NULL, "out of memory");
    if (rc == 0)
        rc = hh_store_snapshot_update(st, term, id, status, reason, data, err);
    json_decref(data);
    return rc;
}

int hh_stack_snapshot(hh_stack_engine *e, const hh_stack_ops_conf *conf, const char *stack_id,
                      const char *name, const char *tenant, bool is_admin, int64_t term,
                      json_t **out, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL, *list = NULL, *snap = NULL;
    const char *sname, *status;
    char id[HH_STORE_ID_LEN];
    int rc;

    *out = NULL;
    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc != 0)
        return rc;
    sname = json_string_value(json_object_get(row, "name"));
    status = json_string_value(json_object_get(row, "status"));
    if ((status != NULL && strcmp(status, "IN_PROGRESS") == 0) ||
        hh_stack_engine_runs(e, stack_id)) {
        rc = hh_error_set(err, HH_EEXISTS, "ActionInProgress",
                          "Stack %s already has an action (%s) in progress.", sname,
                          json_string_value(json_object_get(row, "action")));
        goto done;
    }
    if (!is_admin && conf != NULL && conf->max_snapshots_per_stack >= 0) {
        rc = hh_store_snapshot_list(st, stack_id, &list, err);
        if (rc != 0)
            goto done;
        if (json_array_size(list) >= (size_t)conf->max_snapshots_per_stack) {
            rc = hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded",
                              "You have reached the maximum snapshots per stack, %d. Please "
                              "delete some snapshots.",
                              conf->max_snapshots_per_stack);
            goto done;
        }
    }
    if (tenant == NULL)
        tenant = json_string_value(json_object_get(row, "tenant"));
    /* the snapshot and "Stack SNAPSHOT started": one commit */
    rc = hh_store_begin(st, err);
    if (rc != 0)
        goto done;
    rc = hh_store_snapshot_create(st, term, stack_id, name, tenant, NULL, "IN_PROGRESS", NULL, id,
                                  err);
    if (rc == 0)
        rc = hh_stack_state_commit(st, term, stack_id, sname, "SNAPSHOT", "IN_PROGRESS",
                                   "Stack SNAPSHOT started", err);
    if (rc != 0) {
        hh_store_rollback(st);
        goto done;
    }
    rc = hh_store_commit(st, err);
    if (rc == 0)
        rc = hh_store_snapshot_get(st, id, &snap, err);
    if (rc != 0)
        goto done;
    rc = hh_stack_sact_launch(e, stack_id, sname, HH_SACT_SNAPSHOT, term, err);
    if (rc != 0) {
        /* the stack is FAILED: so is its snapshot, for the same reason */
        char reason[HH_ERROR_MSG_MAX + 64];

        snprintf(reason, sizeof(reason), "Stack SNAPSHOT failed: %s", err ? err->message : "");
        if (rc != HH_EFENCED)
            hh_store_snapshot_update(st, term, id, "FAILED", reason, NULL, NULL);
        goto done;
    }
    rc = formatted(snap, out, err);
done:
    json_decref(snap);
    json_decref(list);
    json_decref(row);
    return rc;
}

/* Snapshot.get_snapshot_by_stack: *snap new. */
static int snapshot_of(hh_store *st, const char *stack_id, const char *snapshot_id, json_t **snap,
                       hh_error *err)
{
    json_t *row = NULL;
    int rc;

    *snap = NULL;
    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc != 0)
        return rc;
    rc = hh_store_snapshot_get(st, snapshot_id, snap, NULL);
    if (rc == HH_ENOTFOUND)
        hh_error_set(err, rc, "NotFound", "Snapshot with id %s not found", snapshot_id);
    else if (rc != 0)
        hh_error_set(err, rc, NULL, "snapshot %s: %s", snapshot_id, hh_strerror(rc));
    else if (strcmp(json_string_value(json_object_get(*snap, "stack_id")), stack_id) != 0)
        rc = hh_error_set(err, HH_ENOTFOUND, "SnapshotNotFound",
                          "The Snapshot (%s) for Stack (%s) could not be found.", snapshot_id,
                          json_string_value(json_object_get(row, "name")));
    if (rc != 0) {
        json_decref(*snap);
        *snap = NULL;
    }
    json_decref(row);
    return rc;
}

int hh_stack_snapshot_show(hh_stack_engine *e, const char *stack_id, const char *snapshot_id,
                           json_t **out, hh_error *err)
{
    json_t *snap = NULL;
    int rc = snapshot_of(hh_stack_engine_store(e), stack_id, snapshot_id, &snap, err);

    *out = NULL;
    if (rc == 0)
        rc = formatted(snap, out, err);
    json_decref(snap);
    return rc;
}

int hh_stack_snapshot_list(hh_stack_engine *e, const char *stack_id, json_t **out, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL, *list = NULL, *res = NULL, *s;
    size_t i;
    int rc;

    *out = NULL;
    rc = hh_stack_row_get(st, stack_id, &row, err);
    if (rc == 0)
        rc = hh_store_snapshot_list(st, stack_id, &list, err);
    if (rc == 0 && (res = json_array()) == NULL)
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_array_foreach(rc == 0 ? list : NULL, i, s)
    {
        if (json_array_append_new(res, format_snapshot(s)) != 0) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            break;
        }
    }
    if (rc == 0) {
        *out = res;
        res = NULL;
    }
    json_decref(res);
    json_decref(list);
    json_decref(row);
    return rc;
}

int hh_stack_snapshot_delete(hh_stack_engine *e, const char *stack_id, const char *snapshot_id,
                             int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *snap = NULL;
    const char *status;
    int rc = snapshot_of(st, stack_id, snapshot_id, &snap, err);

    if (rc != 0)
        return rc;
    status = json_string_value(json_object_get(snap, "status"));
    if (status != NULL && strcmp(status, "IN_PROGRESS") == 0)
        rc = hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                          "Deleting in-progress snapshot is not supported.");
    else
        rc = hh_store_snapshot_delete(st, term, snapshot_id, err);
    json_decref(snap);
    return rc;
}

int hh_stack_restore(hh_stack_engine *e, const char *stack_id, const char *snapshot_id,
                     int64_t term, hh_error *err)
{
    static const hh_stack_update_opts keep = {.disable_rollback = -1};
    json_t *snap = NULL;
    const json_t *data;
    hh_tmpl_request req = {0};
    int rc = snapshot_of(hh_stack_engine_store(e), stack_id, snapshot_id, &snap, err);

    if (rc != 0)
        return rc;
    data = json_object_get(snap, "data");
    if (strcmp(json_string_value(json_object_get(snap, "status")), "COMPLETE") != 0 ||
        !json_is_object(data)) {
        rc = hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                          "Restoring incomplete snapshot is not supported.");
        goto done;
    }
    /* Stack.restore_data: the snapshot's template, environment and files
     * (no type has a handle_restore of its own yet), then update_task
     * with action RESTORE */
    req.template = json_object_get(data, "template");
    req.files = json_object_get(data, "files");
    req.environment = json_object_get(data, "environment");
    req.source = "snapshot";
    rc = hh_stack_update_as(e, stack_id, &req, &keep, HH_SACT_RESTORE, term, err);
done:
    json_decref(snap);
    return rc;
}
