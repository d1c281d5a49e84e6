/* stack_signal: signals, metadata and health marks of one resource
 * (heat/engine/service.py resource_signal, resource_mark_unhealthy,
 * describe_stack_resource's metadata; heat/engine/resource.py signal,
 * _signal_check_action, _handle_signal, metadata_get, state_set).
 *
 * Every call runs on the owner's thread with the owner's store handle, in
 * one transaction per change: a signal's metadata and data changes and its
 * event are committed together or not at all (invariant 1), so a crash
 * leaves either the whole signal or none of it, and a wait condition that
 * resumes after it finds exactly what was committed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_log.h"
#include "hh_py.h"
#include "stack_internal.h"
#include "stack_model.h"
#include "tmpl_env.h"

/* One resource of a loaded stack. */
typedef struct target {
    hh_stack_model *m;
    json_t *row; /* the resource row */
    const char *name;
} target;

static void target_free(target *t)
{
    json_decref(t->row);
    hh_stack_model_free(t->m);
}

static int stack_not_found(const char *stack_id, hh_error *err)
{
    return hh_error_set(err, HH_ENOTFOUND, "EntityNotFound", "The Stack (%s) could not be found.",
                        stack_id);
}

static int resource_not_found(const target *t, const char *name, hh_error *err)
{
    return hh_error_set(err, HH_ENOTFOUND, "ResourceNotFound",
                        "The Resource (%s) could not be found in Stack %s.", name,
                        hh_stack_model_name(t->m));
}

static int load_stack(hh_stack_engine *e, const char *stack_id, target *t, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    int rc;

    memset(t, 0, sizeof(*t));
    rc = hh_stack_model_load(st, stack_id, false, &t->m, err);
    if (rc == HH_ENOTFOUND)
        return stack_not_found(stack_id, err);
    return rc;
}

/* The resource named name of the loaded stack (t->row). */
static int find_by_name(hh_stack_engine *e, target *t, const char *name, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    int rc;

    json_decref(t->row);
    t->row = NULL;
    if (json_object_get(hh_stack_model_graph(t->m), name) == NULL)
        return resource_not_found(t, name, err);
    rc = hh_store_resource_get_by_name(st, hh_stack_model_id(t->m), name, &t->row, err);
    if (rc == HH_ENOTFOUND)
        return resource_not_found(t, name, err);
    if (rc == 0)
        t->name = json_string_value(json_object_get(t->row, "name"));
    return rc;
}

/* The stack stack_id and its resource named name. */
static int load_target(hh_stack_engine *e, const char *stack_id, const char *name, target *t,
                       hh_error *err)
{
    int rc = load_stack(e, stack_id, t, err);

    return rc != 0 ? rc : find_by_name(e, t, name, err);
}

static const char *rstr(const json_t *row, const char *key)
{
    const char *v = json_string_value(json_object_get(row, key));

    return v != NULL ? v : "";
}

/* Commit (in st's open transaction) the resource's event. */
static int add_event(target *t, hh_store *st, int64_t term, const char *action, const char *status,
                     const char *reason)
{
    return hh_stack_resource_event(t->m, st, term, t->row, action, status, reason, NULL);
}

/* resource.py _handle_signal's get_string_details. */
static const char *signal_details_text(const json_t *details, char *buf, size_t len)
{
    if (details == NULL || json_is_null(details))
        return "No signal details provided";
    if (json_is_string(details))
        return json_string_value(details);
    if (json_is_object(details) && json_object_get(details, "previous") != NULL &&
        json_object_get(details, "current") != NULL && json_object_get(details, "reason") != NULL) {
        char *p = hh_py_str(json_object_get(details, "previous"));
        char *c = hh_py_str(json_object_get(details, "current"));
        char *r = hh_py_str(json_object_get(details, "reason"));

        snprintf(buf, len, "alarm state changed from %s to %s (%s)", p ? p : "", c ? c : "",
                 r ? r : "");
        free(p);
        free(c);
        free(r);
        return buf;
    }
    return "Unknown";
}

/* The plugin's signal and its event, committed in one transaction. */
static int signal_commit(hh_store *st, target *t, const json_t *details, int64_t term,
                         struct hh_stack_nested *nested, hh_error *err)
{
    hh_stack_rctx_hold hold;
    hh_rctx ctx;
    char *result = NULL, *reason = NULL, buf[1024];
    hh_error ferr;
    bool own = !hh_store_in_transaction(st); /* else a store-only step's */
    int rc;

    hh_error_clear(&ferr);
    rc = hh_stack_model_rctx(t->m, st, term, t->row, json_object_get(t->row, "properties_data"), 0,
                             &hold, &ctx, err);
    if (rc != 0)
        return rc;
    hold.nested = nested;
    if (ctx.type->ops->handle_signal == NULL) /* raised before Heat's try */
        return hh_rplugin_signal(ctx.type, &ctx, details, &result, err);
    if (own && (rc = hh_store_begin(st, err)) != 0)
        return rc;
    rc = hh_rplugin_signal(ctx.type, &ctx, details, &result, &ferr);
    if (rc == 0 && hold.rc != 0) {
        rc = hold.rc;
        ferr = hold.err;
    }
    if (rc != 0 && hold.rc == 0 && ferr.type != NULL &&
        strcmp(ferr.type, "NoActionRequired") == 0) {
        /* Heat's _handle_signal: no event, no failure */
        hh_log_info("signal %s:%s: %s", hh_stack_model_name(t->m), t->name, ferr.message);
        free(result);
        return own ? hh_store_commit(st, err) : 0;
    }
    if (rc != 0) {
        if (own)
            hh_store_rollback(st);
        if (rc == HH_EFENCED)
            return hh_error_set(err, rc, NULL, "%s", ferr.message);
        /* ResourceFailure(ex, rsrc): "<Type>: resources.<name>: <message>" */
        return hh_error_set(err, rc, "ResourceFailure", "%s: resources.%s: %s",
                            ferr.type != NULL ? ferr.type : "Error", t->name,
                            ferr.message[0] != '\0' ? ferr.message : hh_strerror(rc));
    }
    if (result != NULL && result[0] != '\0') {
        if (asprintf(&reason, "Signal: %s", result) < 0)
            reason = NULL;
    } else {
        reason = strdup(signal_details_text(details, buf, sizeof(buf)));
    }
    rc = reason != NULL ? add_event(t, st, term, "SIGNAL", rstr(t->row, "status"), reason) : ENOMEM;
    if (own && rc == 0)
        rc = hh_store_commit(st, err);
    else if (own)
        hh_store_rollback(st);
    free(reason);
    free(result);
    return rc;
}

int hh_stack_signal_commit(hh_stack_model *m, hh_store *st, int64_t term, const json_t *row,
                           const json_t *details, struct hh_stack_nested *nested, hh_error *err)
{
    target t = {
        .m = m, .row = (json_t *)row, .name = json_string_value(json_object_get(row, "name"))};

    return signal_commit(st, &t, details, term, nested, err);
}

/* str(resource): 'Class "name" [physical id] Stack "s" [id]'. */
static void resource_str(const target *t, const hh_rtype *type, char *buf, size_t len)
{
    const char *pid = rstr(t->row, "physical_resource_id");
    const char *cls = type != NULL && type->class_name != NULL ? type->class_name : "Resource";

    if (pid[0] != '\0')
        snprintf(buf, len, "%s \"%s\" [%s] Stack \"%s\" [%s]", cls, t->name, pid,
                 hh_stack_model_name(t->m), hh_stack_model_id(t->m));
    else
        snprintf(buf, len, "%s \"%s\" Stack \"%s\" [%s]", cls, t->name, hh_stack_model_name(t->m),
                 hh_stack_model_id(t->m));
}

/* _signal_check_hook and _unset_hook: details {"unset_hook": hook}
 * clears a breakpoint the resource is paused on (resource data hook =
 * "True", as trigger_hook records it), with the event (A, S) "Hook <hook>
 * is cleared"; the key keeps HH_STACK_HOOK_CLEARED until the engine's
 * next step of the resource deletes it (stack_internal.h), and the
 * engine's action on the stack looks at once. *handled: the signal was an
 * unset_hook. */
static int unset_hook(hh_stack_engine *e, target *t, const json_t *details, int64_t term,
                      bool *handled, hh_error *err)
{
    const json_t *h = json_object_get(details, "unset_hook");
    hh_store *st = hh_stack_engine_store(e);
    int64_t rid = json_integer_value(json_object_get(t->row, "id"));
    const hh_rtype *type = NULL;
    char what[1024], reason[128], *hs = NULL;
    hh_stack_hook_gate g = HH_HOOK_GATE_NONE;
    unsigned hook;
    int rc;

    *handled = false;
    if (!json_is_object(details) || h == NULL)
        return 0;
    *handled = true;
    hs = hh_py_str(h);
    if (hs == NULL)
        return ENOMEM;
    hook = hh_env_hook_from_name(hs);
    hh_stack_model_rtype(t->m, t->name, &type, NULL);
    resource_str(t, type, what, sizeof(what));
    if (hook == 0)
        rc = hh_error_set(err, HH_EINVAL, "InvalidBreakPointHook",
                          "Invalid hook type \"%s\" for %s", hs, what);
    else if ((rc = hh_stack_hook_read(st, rid, hook, &g, err)) != 0)
        goto done;
    else if (g != HH_HOOK_GATE_PAUSED)
        rc = hh_error_set(err, HH_EINVAL, "InvalidBreakPointHook",
                          "The \"%s\" hook is not defined on %s", hs, what);
    else if ((rc = hh_store_begin(st, err)) == 0) {
        snprintf(reason, sizeof(reason), "Hook %s is cleared", hs);
        rc = hh_store_resource_data_set(st, term, rid, hs, HH_STACK_HOOK_CLEARED, false, err);
        if (rc == 0)
            rc = add_event(t, st, term, rstr(t->row, "action"), rstr(t->row, "status"), reason);
        if (rc == 0)
            rc = hh_store_commit(st, err);
        else
            hh_store_rollback(st);
        if (rc == 0)
            hh_stack_engine_hook_cleared(e, hh_stack_model_id(t->m));
    }
done:
    free(hs);
    return rc;
}

int hh_stack_resource_signal(hh_stack_engine *e, const char *stack_id, const char *resource_name,
                             const json_t *details, bool sync, int64_t term, json_t **metadata,
                             hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    const char *act;
    char reason[128];
    bool hooked = false;
    target t;
    int rc;

    if (metadata != NULL)
        *metadata = NULL;
    rc = load_target(e, stack_id, resource_name, &t, err);
    if (rc != 0)
        goto done;
    /* _signal_check_action: no signal while suspended or deleted (so,
     * as in Heat, a post-delete pause is not cleared: the stack's
     * timeout ends it) */
    act = rstr(t.row, "action");
    if (strcmp(act, "SUSPEND") == 0 || strcmp(act, "DELETE") == 0) {
        snprintf(reason, sizeof(reason), "Cannot signal resource during %s", act);
        rc = hh_store_begin(st, err);
        if (rc == 0 && (rc = add_event(&t, st, term, act, rstr(t.row, "status"), reason)) == 0)
            rc = hh_store_commit(st, err);
        else if (rc != 0)
            hh_store_rollback(st);
        if (rc == 0)
            rc = hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                              "Signal resource during %s is not supported.", act);
        goto done;
    }
    rc = unset_hook(e, &t, details, term, &hooked, err);
    if (rc != 0)
        goto done;
    if (!hooked)
        rc = signal_commit(st, &t, details, term, hh_stack_engine_nested(e), err);
    if (rc != 0 && !sync && rc != HH_EFENCED &&
        strcmp(err->type ? err->type : "", "ResourceActionNotSupported") != 0) {
        /* Heat handles an asynchronous signal in a thread of its own:
         * the caller has its answer before the handler fails */
        hh_log_info("signal %s:%s: %s", hh_stack_model_name(t.m), t.name, err->message);
        hh_error_clear(err);
        rc = 0;
    }
    if (rc == 0 && sync && metadata != NULL)
        rc = hh_stack_resource_metadata(e, stack_id, resource_name, metadata, err);
done:
    target_free(&t);
    return rc;
}

int hh_stack_resource_metadata(hh_stack_engine *e, const char *stack_id, const char *resource_name,
                               json_t **out, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    const json_t *md;
    target t;
    int rc;

    *out = NULL;
    rc = load_target(e, stack_id, resource_name, &t, err);
    if (rc != 0)
        goto done;
    /* metadata_get: the stored metadata once the resource exists, else
     * (INIT, or never written) the template's */
    md = json_object_get(t.row, "rsrc_metadata");
    if (strcmp(rstr(t.row, "action"), "INIT") != 0 && json_is_object(md)) {
        *out = json_incref((json_t *)md);
    } else {
        rc = hh_stack_model_metadata(t.m, st, t.name, out, err);
    }
done:
    target_free(&t);
    return rc;
}

int hh_stack_resource_metadata_update(hh_stack_engine *e, const char *stack_id,
                                      const char *resource_name, const json_t *metadata,
                                      int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_rctx_hold hold;
    hh_rctx ctx;
    target t;
    int rc;

    rc = load_target(e, stack_id, resource_name, &t, err);
    if (rc == 0)
        rc = hh_stack_model_rctx(t.m, st, term, t.row, json_object_get(t.row, "properties_data"), 0,
                                 &hold, &ctx, err);
    if (rc != 0 || ctx.type->ops->metadata_update == NULL)
        goto done; /* Heat's default metadata_update does nothing */
    if ((rc = hh_store_begin(st, err)) != 0)
        goto done;
    rc = ctx.type->ops->metadata_update(&ctx, metadata, err);
    if (rc == 0 && hold.rc != 0) {
        rc = hold.rc;
        *err = hold.err;
    }
    if (rc == 0)
        rc = hh_store_commit(st, err);
    else
        hh_store_rollback(st);
done:
    target_free(&t);
    return rc;
}

/* service.py _find_resource_in_stack: by name, by physical id, then by
 * reference id. */
static int find_resource(hh_stack_engine *e, target *t, const char *name, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    hh_stack_rctx_hold hold;
    hh_rctx ctx;
    json_t *rows = NULL, *row, *match = NULL, *ref = NULL;
    size_t i, n = 0;
    int rc;

    if (json_object_get(hh_stack_model_graph(t->m), name) != NULL)
        return find_by_name(e, t, name, err);
    rc = hh_store_resource_list(st, hh_stack_model_id(t->m), &rows, err);
    json_array_foreach(rows, i, row)
    {
        if (rc != 0)
            break;
        if (strcmp(rstr(row, "physical_resource_id"), name) == 0 &&
            json_object_get(hh_stack_model_graph(t->m), rstr(row, "name")) != NULL) {
            match = row;
            n++;
        }
    }
    if (rc == 0 && n > 1)
        rc = hh_error_set(err, HH_EINVAL, "PhysicalResourceIDAmbiguity",
                          "Multiple physical resources were found with physical ID (%s).", name);
    /* the slow way: resource_by_refid */
    json_array_foreach(rows, i, row)
    {
        if (rc != 0 || match != NULL)
            break;
        if (hh_stack_model_rctx(t->m, st, 0, row, json_object_get(row, "properties_data"), 0, &hold,
                                &ctx, NULL) != 0)
            continue;
        if (hh_rplugin_reference_id(ctx.type, &ctx, &ref, NULL) == 0 && json_is_string(ref) &&
            strcmp(json_string_value(ref), name) == 0)
            match = row;
        json_decref(ref);
        ref = NULL;
    }
    if (rc == 0 && match == NULL)
        rc = resource_not_found(t, name, err);
    if (rc == 0) {
        t->row = json_incref(match);
        t->name = json_string_value(json_object_get(t->row, "name"));
    }
    json_decref(rows);
    return rc;
}

int hh_stack_resource_mark_unhealthy(hh_stack_engine *e, const char *stack_id,
                                     const char *resource_name, bool unhealthy, const char *reason,
                                     int64_t term, hh_error *err)
{
    hh_store *st = hh_stack_engine_store(e);
    const char *act, *status;
    const char *to = NULL;
    target t;
    int rc;

    if (reason == NULL || reason[0] == '\0')
        reason = "state changed by resource_mark_unhealthy api";
    rc = load_stack(e, stack_id, &t, err);
    if (rc == 0)
        rc = find_resource(e, &t, resource_name, err);
    if (rc != 0)
        goto done;
    act = rstr(t.row, "action");
    status = rstr(t.row, "status");
    /* the resource's lock: an action of this engine works on it */
    if (strcmp(status, "IN_PROGRESS") == 0 && hh_stack_engine_runs(e, stack_id)) {
        const json_t *srow = hh_stack_model_row(t.m);

        rc = hh_error_set(err, HH_EEXISTS, "ActionInProgress",
                          "Stack %s already has an action (%s) in progress.",
                          hh_stack_model_name(t.m), rstr(srow, "action"));
        goto done;
    }
    if (unhealthy && strcmp(act, "DELETE") != 0)
        to = "FAILED";
    else if (!unhealthy && strcmp(act, "CHECK") == 0 && strcmp(status, "FAILED") == 0)
        to = "COMPLETE"; /* handle_metadata_reset: nothing here resets */
    if (to == NULL)
        goto done;
    /* state_set: an event only when the state changes */
    if ((rc = hh_store_begin(st, err)) != 0)
        goto done;
    rc = hh_store_resource_set_state(st, term, json_integer_value(json_object_get(t.row, "id")),
                                     "CHECK", to, reason, err);
    if (rc == 0 && !(strcmp(act, "CHECK") == 0 && strcmp(status, to) == 0))
        rc = add_event(&t, st, term, "CHECK", to, reason);
    if (rc == 0)
        rc = hh_store_commit(st, err);
    else
        hh_store_rollback(st);
done:
    target_free(&t);
    return rc;
}
