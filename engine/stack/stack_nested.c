/* stack_nested: nested stacks on the store and the owner's queue of their
 * actions (see stack_nested.h). Heat's StackResource.create_with_template,
 * delete_nested and _check_status_complete's reads, with
 * environment.get_child_environment for the child's environment. */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack_internal.h"
#include "stack_model.h"
#include "stack_nested.h"

typedef enum nq_kind {
    NQ_CREATE,
    NQ_UPDATE,
    NQ_DELETE,
    NQ_ADOPT,
    NQ_CANCEL,
    NQ_ROLLBACK, /* a cancel with rollback */
} nq_kind;

/* The child's action that a create, update or adopt item starts. */
static const char *const nq_action[] = {"CREATE", "UPDATE", "DELETE",
                                        "ADOPT",  "CANCEL", "ROLLBACK"};

/* The resource data key of the last update a parent committed to its
 * child (the token of hh_rctx_ops.nested_update). */
#define DATA_UPDATE_TOKEN "heat-ha:nested_update"

typedef struct nq_item {
    nq_kind kind;
    char id[HH_STORE_ID_LEN];
    int64_t term;
    struct nq_item *next;
} nq_item;

struct hh_stack_nested {
    pthread_mutex_t lock;
    nq_item *head, **tail;
    const hh_tmpl_limits *lim;
};

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static const char *jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "";
}

int hh_stack_nested_new(const hh_tmpl_limits *lim, hh_stack_nested **out)
{
    hh_stack_nested *q = calloc(1, sizeof(*q));

    *out = NULL;
    if (q == NULL)
        return ENOMEM;
    pthread_mutex_init(&q->lock, NULL);
    q->tail = &q->head;
    q->lim = lim != NULL ? lim : &hh_tmpl_limits_default;
    *out = q;
    return 0;
}

void hh_stack_nested_free(hh_stack_nested *q)
{
    nq_item *it;

    if (q == NULL)
        return;
    while ((it = q->head) != NULL) {
        q->head = it->next;
        free(it);
    }
    pthread_mutex_destroy(&q->lock);
    free(q);
}

static int queue_push(hh_stack_nested *q, nq_kind kind, const char *id, int64_t term, hh_error *err)
{
    nq_item *it = calloc(1, sizeof(*it));

    if (it == NULL)
        return oom(err);
    it->kind = kind;
    it->term = term;
    snprintf(it->id, sizeof(it->id), "%s", id);
    pthread_mutex_lock(&q->lock);
    *q->tail = it;
    q->tail = &it->next;
    pthread_mutex_unlock(&q->lock);
    return 0;
}

/* ---- the owner's side --------------------------------------------------- */

/* Start the create or update of child id, committed (CREATE or UPDATE,
 * IN_PROGRESS) by a worker, unless an action runs on it or it moved on. */
static void start_child(hh_stack_engine *e, const nq_item *it)
{
    hh_store *st = hh_stack_engine_store(e);
    json_t *row = NULL;
    const char *act, *status;
    char reason[HH_ERROR_MSG_MAX + 64];
    hh_error err;
    int rc;

    hh_error_clear(&err);
    if (hh_stack_engine_runs(e, it->id) || hh_store_stack_get(st, it->id, false, &row, NULL) != 0)
        goto done;
    act = json_string_value(json_object_get(row, "action"));
    status = json_string_value(json_object_get(row, "status"));
    if (act == NULL || status == NULL || strcmp(act, nq_action[it->kind]) != 0 ||
        strcmp(status, "IN_PROGRESS") != 0)
        goto done;
    if (it->kind == NQ_UPDATE) {
        hh_stack_sact_launch(e, it->id, json_string_value(json_object_get(row, "name")),
                             HH_SACT_UPDATE, it->term, NULL);
        goto done;
    }
    /* as a resume: the child's stored states say where it stands */
    rc = hh_stack_action_start(e, it->id, it->kind == NQ_ADOPT ? HH_RACT_ADOPT : HH_RACT_CREATE,
                               it->term, true, &err);
    if (rc != 0 && rc != HH_EFENCED) {
        snprintf(reason, sizeof(reason), "Stack %s failed: %s", act, err.message);
        hh_stack_state_commit(st, it->term, it->id, json_string_value(json_object_get(row, "name")),
                              act, "FAILED", reason, NULL);
        hh_stack_engine_wake_parents(e, it->id); /* its parent reads the failure */
    }
done:
    json_decref(row);
}

void hh_stack_nested_dispatch(hh_stack_engine *e, hh_stack_nested *q)
{
    nq_item *items, *it;
    hh_error err;

    pthread_mutex_lock(&q->lock);
    items = q->head;
    q->head = NULL;
    q->tail = &q->head;
    pthread_mutex_unlock(&q->lock);
    while ((it = items) != NULL) {
        items = it->next;
        if (it->kind == NQ_CANCEL || it->kind == NQ_ROLLBACK) {
            /* a child not in a cancellable state is no error (Heat's
             * _handle_cancel logs NotSupported) */
            hh_error_clear(&err);
            hh_stack_cancel_update(e, it->id, it->kind == NQ_ROLLBACK, it->term, &err);
        } else if (it->kind != NQ_DELETE) {
            start_child(e, it);
        } else {
            /* a child that is gone or already deleting is no error; the
             * parent's check reads how the delete ends */
            hh_error_clear(&err);
            hh_stack_delete(e, it->id, it->term, &err);
        }
        free(it);
    }
}

/* ---- the worker's side -------------------------------------------------- */

/* Heat's get_child_environment: the parent's user environment with
 * params as the parameters; for a nested stack (not a top-level one) the
 * registry's "resources" narrowed to the entries of the parent resource
 * (remove_resources_except: the union of the entries whose name, a glob,
 * matches it, the exact one last; so hooks reach nested stacks by path)
 * and a template resource's own mapping
 * removed (item_to_remove). New reference. */
static json_t *child_environment(hh_stack_model *m, const char *res_name,
                                 const hh_rnested_spec *spec)
{
    const hh_env *penv = hh_stack_model_env(m);
    json_t *doc = penv != NULL ? hh_env_to_json(penv) : json_object();
    json_t *reg, *rres, *mine;
    const char *type = hh_stack_model_type_name(m, res_name);

    if (doc == NULL)
        return NULL;
    json_object_set_new(doc, "parameters",
                        spec->parameters != NULL ? json_deep_copy(spec->parameters)
                                                 : json_object());
    reg = json_object_get(doc, "resource_registry");
    if (spec->top_level || !json_is_object(reg))
        return doc;
    if (spec->template == NULL && type != NULL && json_is_string(json_object_get(reg, type)))
        json_object_del(reg, type);
    rres = json_object_get(reg, "resources");
    if (rres != NULL) {
        /* every entry whose name (a glob) matches, then the exact one */
        json_t *narrow = json_object();
        const char *pat;
        json_t *v;

        json_object_foreach(rres, pat, v)
        {
            if (json_is_object(v) && fnmatch(pat, res_name, FNM_NOESCAPE) == 0)
                json_object_update(narrow, v);
        }
        mine = json_object_get(rres, res_name);
        if (json_is_object(mine))
            json_object_update(narrow, mine);
        if (narrow != NULL && json_object_size(narrow) > 0)
            json_object_set_new(reg, "resources", narrow);
        else {
            json_decref(narrow);
            json_object_del(reg, "resources");
        }
    }
    return doc;
}

/* The child of a re-handle: queued again while its action (CREATE or
 * UPDATE) is in progress. */
static int requeue(hh_stack_rctx_hold *h, const char *child_id, const char *action, nq_kind kind,
                   hh_error *err)
{
    json_t *row = NULL;
    const char *act, *status;
    int rc = 0;

    if (hh_store_stack_get(h->st, child_id, false, &row, NULL) == 0) {
        act = json_string_value(json_object_get(row, "action"));
        status = json_string_value(json_object_get(row, "status"));
        if (act != NULL && status != NULL && strcmp(act, action) == 0 &&
            strcmp(status, "IN_PROGRESS") == 0)
            rc = queue_push(h->nested, kind, child_id, h->term, err);
    }
    json_decref(row);
    return rc;
}

/* Heat's RequestLimitExceeded, raised by the parent resource. */
static int limit_exceeded(hh_error *err, const char *what)
{
    return hh_error_set(err, HH_ELIMIT, "RequestLimitExceeded", "Request limit exceeded: %s", what);
}

/* An error of the child's template or of its validation: Heat gets it
 * back from the RPC call that creates the child, which the parent
 * resource shows as "resources.<name>: <message>" (a remote exception
 * translated to ResourceFailure); OS::Heat::Stack keeps the type. */
static int child_error(const char *res_name, const hh_rnested_spec *spec, int rc, hh_error *err)
{
    char msg[HH_ERROR_MSG_MAX];

    if (err == NULL || spec->top_level || rc == ENOMEM)
        return rc;
    snprintf(msg, sizeof(msg), "%s", err->message);
    return hh_error_set(err, rc, hh_rfailure_whole, "resources.%s: %s", res_name, msg);
}

/* The child's template and environment (*t, *env new; *files borrowed),
 * checked as a create of the stack named name with id (Heat's
 * _parse_template_and_validate_stack on the child); *graph (new, may be
 * NULL) its dependency graph. */
static int child_load(hh_stack_rctx_hold *h, const hh_rnested_spec *spec, const char *name,
                      const char *id, hh_tmpl **t, hh_env **env, json_t **graph, hh_error *err)
{
    hh_stack_model *m = h->m;
    const char *res_name = json_string_value(json_object_get(h->res, "name"));
    const char *impl = NULL;
    const json_t *tmpl_json = spec->template;
    hh_tmpl_request req = {0};
    json_t *envj = NULL;
    hh_pseudo pseudo;
    int rc;

    *t = NULL;
    *env = NULL;
    if (graph != NULL)
        *graph = NULL;
    if (tmpl_json == NULL) {
        impl = hh_stack_model_impl(m, res_name);
        tmpl_json = impl != NULL ? json_object_get(hh_stack_model_files(m), impl) : NULL;
        if (!json_is_string(tmpl_json)) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Could not fetch remote template \"%s\": Invalid URL scheme ",
                              impl != NULL ? impl : "");
            return child_error(res_name, spec, rc, err);
        }
    }
    envj = child_environment(m, res_name, spec);
    if (envj == NULL)
        return oom(err);
    req.template = tmpl_json;
    req.source = impl != NULL ? impl : "template";
    req.files = hh_stack_model_files(m);
    req.environment = envj;
    rc = hh_tmpl_request_load(&req, h->nested->lim, t, env, err);
    if (rc == 0) {
        pseudo =
            (hh_pseudo){.stack_name = name, .stack_id = id, .project_id = hh_stack_model_tenant(m)};
        rc = hh_tmpl_check_create(*t, *env, &pseudo, err);
    }
    if (rc == 0 && graph != NULL)
        rc = hh_tmpl_dependencies(*t, *env, graph, err);
    json_decref(envj);
    if (rc != 0) {
        hh_tmpl_free(*t);
        hh_env_free(*env);
        *t = NULL;
        *env = NULL;
        rc = child_error(res_name, spec, rc, err);
    }
    return rc;
}

static int not_here(hh_error *err)
{
    return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                        "Nested stacks are not supported here.");
}

int hh_stack_nested_op_create(void *ud, const hh_rnested_spec *spec, char *child_id, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    hh_stack_model *m = h->m;
    const json_t *prow;
    const char *res_name = json_string_value(json_object_get(h->res, "name"));
    const char *uuid = json_string_value(json_object_get(h->res, "uuid"));
    const char *root;
    const hh_tmpl_limits *lim;
    hh_store_stack_spec ss = {0};
    hh_store_event_spec ev = {0};
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    json_t *graph = NULL;
    char id[HH_STORE_ID_LEN], *name = NULL;
    json_int_t depth;
    int64_t total = 0;
    nq_kind kind = spec->adopt_data != NULL ? NQ_ADOPT : NQ_CREATE;
    char started[32];
    int rc;

    if (h->nested == NULL || m == NULL || res_name == NULL)
        return not_here(err);
    if (child_id[0] != '\0')
        return requeue(h, child_id, nq_action[kind], kind, err);
    prow = hh_stack_model_row(m);
    lim = h->nested->lim;
    depth = json_integer_value(json_object_get(prow, "nested_depth"));
    if (depth >= lim->max_nested_stack_depth) {
        char what[64];

        snprintf(what, sizeof(what), "Recursion depth exceeds %d.", lim->max_nested_stack_depth);
        return limit_exceeded(err, what);
    }
    rc = hh_store_uuid(id);
    if (rc == 0)
        rc = hh_physical_name(hh_stack_model_name(m), res_name, uuid, HH_RPHYS_NAME_LIMIT, &name,
                              err);
    if (rc == 0)
        rc = child_load(h, spec, name, id, &t, &env, &graph, err);
    if (rc != 0)
        goto done;
    /* Heat's _validate_nested_resources: the root stack's resources with
     * the child's, nested stacks included */
    root = json_string_value(json_object_get(h->res, "root_stack_id"));
    if (!spec->top_level && lim->max_resources_per_stack >= 0 && root != NULL) {
        rc = hh_store_resource_count_root(h->st, root, &total, err);
        if (rc != 0)
            goto done;
        if (total + (int64_t)json_object_size(graph) > lim->max_resources_per_stack) {
            rc = limit_exceeded(err, "Maximum resources per stack exceeded.");
            goto done;
        }
    }

    /* the child and its id as this resource's physical id: one commit */
    ss.id = id;
    ss.name = name;
    ss.tenant = hh_stack_model_tenant(m);
    ss.username = json_string_value(json_object_get(prow, "username"));
    ss.owner_id = spec->top_level ? NULL : hh_stack_model_id(m);
    ss.parent_resource_name = spec->top_level ? NULL : res_name;
    ss.timeout_mins = spec->timeout_mins > 0
                          ? spec->timeout_mins
                          : (int)json_integer_value(json_object_get(prow, "timeout"));
    ss.disable_rollback = true;
    ss.nested_depth = (int)depth + 1;
    snprintf(started, sizeof(started), "Stack %s started", nq_action[kind]);
    ss.action = nq_action[kind];
    ss.status = "IN_PROGRESS";
    ss.status_reason = started;
    ss.stack_user_project_id = json_string_value(json_object_get(prow, "stack_user_project_id"));
    rc = hh_store_begin(h->st, err);
    if (rc != 0)
        goto done;
    rc = hh_stack_model_save_new(h->st, h->term, t, env, hh_stack_model_files(m), &ss, id, err);
    if (rc == 0 && kind == NQ_ADOPT)
        rc = hh_stack_adopt_saved(h->st, h->term, id,
                                  json_object_get(spec->adopt_data, "resources"), err);
    if (rc == 0)
        rc = hh_store_resource_set_physical_id(h->st, h->term, h->res_id, id, err);
    if (rc == 0) {
        ev.stack_id = id;
        ev.resource_name = name;
        ev.resource_action = nq_action[kind];
        ev.resource_status = "IN_PROGRESS";
        ev.resource_status_reason = started;
        ev.physical_resource_id = id;
        ev.resource_type = HH_STACK_EVENT_TYPE;
        rc = hh_store_event_create(h->st, h->term, &ev, NULL, err);
    }
    if (rc == 0)
        rc = hh_store_commit(h->st, err);
    else
        hh_store_rollback(h->st);
    if (rc != 0)
        goto done;
    snprintf(child_id, HH_RPHYS_ID_MAX, "%s", id);
    rc = queue_push(h->nested, kind, id, h->term, err);
done:
    if (rc == HH_EFENCED && h->rc == 0)
        h->rc = rc;
    free(name);
    json_decref(graph);
    hh_tmpl_free(t);
    hh_env_free(env);
    return rc;
}

int hh_stack_nested_op_update(void *ud, const char *child_id, const hh_rnested_spec *spec,
                              const char *token, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    json_t *row = NULL, *envj = NULL;
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    char *last = NULL;
    int64_t tid = 0;
    bool own = !hh_store_in_transaction(h->st); /* else a signal's, which commits */
    int rc;

    if (h->nested == NULL || h->m == NULL)
        return not_here(err);
    rc = hh_store_resource_data_get(h->st, h->res_id, DATA_UPDATE_TOKEN, &last, NULL);
    if (rc == 0 && strcmp(last, token) == 0) {
        /* committed by this action before a crash */
        free(last);
        return requeue(h, child_id, "UPDATE", NQ_UPDATE, err);
    }
    free(last);
    if (strcmp(jstr(hh_stack_model_row(h->m), "action"), "ROLLBACK") == 0 &&
        hh_store_stack_get(h->st, child_id, false, &row, NULL) == 0) {
        /* the parent's rollback (update_with_template's _try_rollback):
         * a child whose update (not this action's: its token) runs is
         * cancelled with rollback, and a child rolling back (or rolled
         * back) is not updated again: the parent resource waits for its
         * ROLLBACK (hh_rnested_check) */
        const char *act = jstr(row, "action"), *status = jstr(row, "status");

        rc = -1;
        if (strcmp(act, "ROLLBACK") == 0)
            rc = 0;
        else if (strcmp(act, "UPDATE") == 0 && strcmp(status, "IN_PROGRESS") == 0)
            rc = queue_push(h->nested, NQ_ROLLBACK, child_id, h->term, err);
        json_decref(row);
        row = NULL;
        if (rc >= 0)
            return rc;
    }
    rc = hh_store_stack_get(h->st, child_id, false, &row, err);
    if (rc == HH_ENOTFOUND)
        rc =
            hh_error_set(err, rc, "EntityNotFound", "The Stack (%s) could not be found.", child_id);
    if (rc != 0)
        goto done;
    rc = child_load(h, spec, json_string_value(json_object_get(row, "name")), child_id, &t, &env,
                    NULL, err);
    if (rc != 0)
        goto done;
    envj = hh_env_to_json(env);
    if (envj == NULL) {
        rc = oom(err);
        goto done;
    }
    /* the new template (the old one kept for the child's own rollback),
     * "Stack UPDATE started" and the token: one commit */
    rc = own ? hh_store_begin(h->st, err) : 0;
    if (rc != 0)
        goto done;
    rc = hh_store_template_create(h->st, h->term, hh_tmpl_doc(t), hh_stack_model_files(h->m), envj,
                                  &tid, err);
    if (rc == 0)
        rc = hh_store_stack_set_template(
            h->st, h->term, child_id, tid,
            json_integer_value(json_object_get(row, "raw_template_id")), err);
    if (rc == 0 && spec->timeout_mins > 0)
        rc = hh_store_stack_set_options(h->st, h->term, child_id, spec->timeout_mins, true,
                                        json_object_get(row, "tags"), err);
    if (rc == 0)
        rc = hh_stack_state_commit(h->st, h->term, child_id,
                                   json_string_value(json_object_get(row, "name")), "UPDATE",
                                   "IN_PROGRESS", "Stack UPDATE started", err);
    if (rc == 0)
        rc = hh_store_resource_data_set(h->st, h->term, h->res_id, DATA_UPDATE_TOKEN, token, false,
                                        err);
    if (own && rc == 0)
        rc = hh_store_commit(h->st, err);
    else if (own)
        hh_store_rollback(h->st);
    if (rc == 0)
        rc = queue_push(h->nested, NQ_UPDATE, child_id, h->term, err);
done:
    if (rc == HH_EFENCED && h->rc == 0)
        h->rc = rc;
    json_decref(envj);
    json_decref(row);
    hh_tmpl_free(t);
    hh_env_free(env);
    return rc;
}

int hh_stack_nested_op_get(void *ud, const char *child_id, json_t **row, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;

    return hh_store_stack_get(h->st, child_id, false, row, err);
}

int hh_stack_nested_op_resources(void *ud, const char *child_id, json_t **rows, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;

    return hh_store_resource_list(h->st, child_id, rows, err);
}

int hh_stack_nested_op_resolve(void *ud, const char *child_id, const json_t *snippet,
                               json_t **value, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    hh_stack_model *cm = NULL;
    int rc;

    *value = NULL;
    rc = hh_stack_model_load(h->st, child_id, false, &cm, err);
    if (rc == 0)
        rc = hh_stack_model_resolve(cm, h->st, snippet, "outputs", value, err);
    hh_stack_model_free(cm);
    return rc;
}

int hh_stack_nested_op_outputs(void *ud, const char *child_id, json_t **outputs, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    hh_stack_model *cm = NULL;
    int rc;

    *outputs = NULL;
    rc = hh_stack_model_load(h->st, child_id, false, &cm, err);
    if (rc == 0)
        rc = hh_stack_model_outputs(cm, h->st, outputs, err);
    hh_stack_model_free(cm);
    return rc;
}

int hh_stack_nested_op_delete(void *ud, const char *child_id, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;

    if (h->nested == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                            "Nested stacks are not supported here.");
    return queue_push(h->nested, NQ_DELETE, child_id, h->term, err);
}

int hh_stack_nested_op_cancel(void *ud, const char *child_id, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    json_t *prow = NULL;
    nq_kind kind = NQ_CANCEL;

    if (h->nested == NULL)
        return not_here(err);
    /* the parent's update cancelled by its own rollback (a cancel with
     * rollback has committed it): the child's update is rolled back too,
     * as the parent's rollback would (Heat's _try_rollback) */
    if (h->m != NULL && strcmp(jstr(hh_stack_model_row(h->m), "action"), "UPDATE") == 0 &&
        hh_store_stack_get(h->st, hh_stack_model_id(h->m), false, &prow, NULL) == 0 &&
        strcmp(jstr(prow, "action"), "ROLLBACK") == 0 &&
        strcmp(jstr(prow, "status"), "IN_PROGRESS") == 0)
        kind = NQ_ROLLBACK;
    json_decref(prow);
    return queue_push(h->nested, kind, child_id, h->term, err);
}

int hh_stack_nested_op_template(void *ud, const char *child_id, json_t **tmpl, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    json_t *row = NULL, *t = NULL;
    int rc;

    *tmpl = NULL;
    rc = hh_store_stack_get(h->st, child_id, false, &row, err);
    if (rc == 0)
        rc = hh_store_template_get(
            h->st, json_integer_value(json_object_get(row, "raw_template_id")), &t, err);
    if (rc == 0)
        *tmpl = json_incref(json_object_get(t, "template"));
    json_decref(t);
    json_decref(row);
    return rc;
}
