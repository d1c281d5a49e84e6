/* stack_engine: the engine's actions on stacks, run on the worker pool
 * (see stack_engine.h).
 *
 * Algorithm: Kahn's topological order, event-driven, as stack_sched's,
 * but with steps that may be "in progress": a node's job returns after
 * one handler or check call, and the owner submits the node's next poll
 * when it is due, so a waiting resource holds no worker. The graph and its
 * edges are stack_sched's (hh_sched_graph).
 *
 * Hand-off: a node belongs to the owner while its phase is not QUEUED and
 * to the one worker running its job while it is; the pool's completion
 * queue hands it back. The model is shared read-only (stack_model.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stack_internal.h"
#include "stack_model.h"
#include "stack_pool.h"
#include "stack_sched.h"

typedef enum node_phase {
    N_IDLE,    /* not started */
    N_QUEUED,  /* a job of it is on the pool */
    N_WAITING, /* in progress, next poll at due */
    N_DONE,
    N_FAILED,
} node_phase;

typedef enum job_kind {
    J_START,  /* commit IN_PROGRESS, then the handler */
    J_RESUME, /* IN_PROGRESS already committed by a dead engine: the handler again */
    J_POLL,   /* the check */
} job_kind;

typedef enum node_result {
    R_DONE,
    R_PENDING,
    R_FAILED,
    R_FENCED,
} node_result;

struct action;

typedef struct node {
    struct action *a;
    size_t idx;
    int64_t res_id;
    node_phase phase;
    job_kind job;
    node_result result;
    double due;       /* N_WAITING: next poll (monotonic seconds) */
    double poll_secs; /* the job's answer for R_PENDING */
    double action_started;
    size_t waiting;    /* predecessors not yet done */
    json_t *props;     /* resolved properties of the running action (owned) */
    char reason[1024]; /* R_FAILED: the resource's status_reason */
} node;

typedef struct action {
    hh_stack_engine *e;
    hh_raction action;
    char stack_id[HH_STORE_ID_LEN];
    int64_t term;
    hh_stack_model *m;
    hh_sched_graph *g;
    node *nodes;
    size_t n;
    size_t queued;  /* nodes N_QUEUED */
    size_t waiting; /* nodes N_WAITING */
    bool failed, cancelled, fenced, timed_out;
    bool then_delete; /* superseded by a delete: no final state, delete next */
    int64_t delete_term;
    double fail_time;
    double deadline;   /* the stack's timeout (monotonic) */
    atomic_bool abort; /* ask running checks to stop */
    char reason[1024]; /* first failure's resource reason */
    struct action *next;
} action;

struct hh_stack_engine {
    hh_stack_engine_opts opts;
    char *url;
    hh_pool *pool;
    hh_store *owner;
    pthread_mutex_t slock; /* the free worker handles */
    hh_store **free_st;
    int nfree, cap;
    action *actions;
    size_t nactive;
};

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static double mono_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- engine ------------------------------------------------------------- */

int hh_stack_engine_new(const hh_stack_engine_opts *opts, hh_stack_engine **out, hh_error *err)
{
    hh_stack_engine *e;
    int rc;

    *out = NULL;
    if (opts == NULL || opts->store_url == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "a store URL is required");
    e = calloc(1, sizeof(*e));
    if (e == NULL)
        return oom(err);
    pthread_mutex_init(&e->slock, NULL);
    e->opts = *opts;
    if (e->opts.workers <= 0)
        e->opts.workers = 4;
    if (e->opts.poll_secs <= 0)
        e->opts.poll_secs = 1.0;
    if (e->opts.error_wait_secs < 0)
        e->opts.error_wait_secs = 240;
    if (e->opts.stack_action_timeout <= 0)
        e->opts.stack_action_timeout = 3600;
    e->url = strdup(opts->store_url);
    e->cap = e->opts.workers;
    e->free_st = calloc((size_t)e->cap, sizeof(*e->free_st));
    if (e->url == NULL || e->free_st == NULL) {
        rc = oom(err);
        goto fail;
    }
    e->opts.store_url = e->url;
    rc = hh_store_open(e->url, &e->owner, err);
    if (rc == 0)
        rc = hh_store_db_sync(e->owner, -1, err);
    if (rc != 0)
        goto fail;
    rc = hh_pool_new(e->opts.workers, &e->pool);
    if (rc != 0) {
        hh_error_set(err, rc, NULL, "worker pool: %s", hh_strerror(rc));
        goto fail;
    }
    *out = e;
    return 0;
fail:
    hh_stack_engine_free(e);
    return rc;
}

static void action_free(action *a)
{
    size_t i;

    if (a == NULL)
        return;
    for (i = 0; a->nodes != NULL && i < a->n; i++)
        json_decref(a->nodes[i].props);
    free(a->nodes);
    hh_sched_graph_free(a->g);
    hh_stack_model_free(a->m);
    free(a);
}

void hh_stack_engine_free(hh_stack_engine *e)
{
    action *a;
    int i;

    if (e == NULL)
        return;
    hh_pool_free(e->pool); /* joins the workers: no job touches an action after this */
    while ((a = e->actions) != NULL) {
        e->actions = a->next;
        action_free(a);
    }
    for (i = 0; i < e->nfree; i++)
        hh_store_close(e->free_st[i]);
    hh_store_close(e->owner);
    free(e->free_st);
    free(e->url);
    pthread_mutex_destroy(&e->slock);
    free(e);
}

struct hh_store *hh_stack_engine_store(hh_stack_engine *e)
{
    return e->owner;
}

size_t hh_stack_engine_active(const hh_stack_engine *e)
{
    return e->nactive;
}

const hh_tmpl_limits *hh_stack_engine_limits(const hh_stack_engine *e)
{
    return e->opts.limits;
}

bool hh_stack_engine_runs(const hh_stack_engine *e, const char *stack_id)
{
    const action *a;

    for (a = e->actions; a != NULL; a = a->next)
        if (strcmp(a->stack_id, stack_id) == 0)
            return true;
    return false;
}

int hh_stack_engine_fd(hh_stack_engine *e)
{
    return hh_pool_fd(e->pool);
}

int hh_stack_engine_supersede(hh_stack_engine *e, const char *stack_id, int64_t term)
{
    action *a;

    for (a = e->actions; a != NULL; a = a->next) {
        if (strcmp(a->stack_id, stack_id) != 0)
            continue;
        if (a->action == HH_RACT_DELETE || a->then_delete)
            return HH_EEXISTS;
        a->then_delete = true;
        a->delete_term = term;
        a->cancelled = true;
        atomic_store(&a->abort, true);
        return 0;
    }
    return HH_ENOTFOUND;
}

int hh_stack_engine_cancel(hh_stack_engine *e, const char *stack_id)
{
    action *a;

    for (a = e->actions; a != NULL; a = a->next) {
        if (strcmp(a->stack_id, stack_id) == 0) {
            a->cancelled = true;
            atomic_store(&a->abort, true);
            return 0;
        }
    }
    return HH_ENOTFOUND;
}

/* A worker's store handle: one kept from an earlier job, or a new one. */
static hh_store *store_take(hh_stack_engine *e, hh_error *err)
{
    hh_store *st = NULL;

    pthread_mutex_lock(&e->slock);
    if (e->nfree > 0)
        st = e->free_st[--e->nfree];
    pthread_mutex_unlock(&e->slock);
    if (st == NULL && hh_store_open(e->url, &st, err) != 0)
        return NULL;
    return st;
}

static void store_give(hh_stack_engine *e, hh_store *st)
{
    pthread_mutex_lock(&e->slock);
    if (e->nfree < e->cap) {
        e->free_st[e->nfree++] = st;
        st = NULL;
    }
    pthread_mutex_unlock(&e->slock);
    hh_store_close(st);
}

/* ---- commits ------------------------------------------------------------ */

/* Actions that bring resources into being from their definitions: their
 * properties are resolved at the start and stored (Heat's create and
 * adopt, _update_stored_properties). */
static bool defines_resources(const action *a)
{
    return a->action == HH_RACT_CREATE || a->action == HH_RACT_ADOPT;
}

int hh_stack_state_commit(hh_store *st, int64_t term, const char *stack_id, const char *stack_name,
                          const char *act, const char *status, const char *reason, hh_error *err)
{
    hh_store_event_spec ev = {.stack_id = stack_id,
                              .resource_name = stack_name,
                              .resource_action = act,
                              .resource_status = status,
                              .resource_status_reason = reason,
                              .physical_resource_id = stack_id,
                              .resource_type = HH_STACK_EVENT_TYPE};
    bool own = !hh_store_in_transaction(st);
    int rc;

    if (own && (rc = hh_store_begin(st, err)) != 0)
        return rc;
    rc = hh_store_stack_set_state(st, term, stack_id, act, status, reason, err);
    if (rc == 0)
        rc = hh_store_event_create(st, term, &ev, NULL, err);
    if (own) {
        if (rc == 0)
            return hh_store_commit(st, err);
        hh_store_rollback(st);
    }
    return rc;
}

/* The id an event shows: the physical id, else the physical name Heat's
 * events show before there is one. */
void hh_stack_event_physical_id(const hh_stack_model *m, const char *name, const char *uuid,
                                const char *pid, char *buf, size_t len)
{
    char *pname = NULL;

    if (pid != NULL && pid[0] != '\0') {
        snprintf(buf, len, "%s", pid);
        return;
    }
    if (uuid != NULL && hh_physical_name(hh_stack_model_name(m), name, uuid, HH_RPHYS_NAME_LIMIT,
                                         &pname, NULL) == 0) {
        snprintf(buf, len, "%s", pname);
        free(pname);
        return;
    }
    buf[0] = '\0';
}

/* Commit a resource's state with its event (and, for IN_PROGRESS, the
 * action's start time and properties) in one transaction. */
static int resource_commit(action *a, hh_store *st, const json_t *row, const char *pid,
                           const char *status, const char *reason, const json_t *props,
                           double started, hh_error *err)
{
    const char *name = json_string_value(json_object_get(row, "name"));
    const char *act = hh_raction_name(a->action);
    char pbuf[HH_RPHYS_ID_MAX + 64], tbuf[64];
    hh_store_event_spec ev = {0};
    int rc;

    hh_stack_event_physical_id(a->m, name, json_string_value(json_object_get(row, "uuid")), pid,
                               pbuf, sizeof(pbuf));
    ev.stack_id = a->stack_id;
    ev.resource_name = name;
    ev.resource_action = act;
    ev.resource_status = status;
    ev.resource_status_reason = reason;
    ev.physical_resource_id = pbuf;
    ev.resource_type = json_string_value(json_object_get(row, "type"));
    ev.resource_properties = props;
    rc = hh_store_begin(st, err);
    if (rc != 0)
        return rc;
    rc = hh_store_resource_set_state(st, a->term, json_integer_value(json_object_get(row, "id")),
                                     act, status, reason, err);
    if (rc == 0 && started > 0) {
        snprintf(tbuf, sizeof(tbuf), "%.6f", started);
        rc = hh_store_resource_data_set(st, a->term, json_integer_value(json_object_get(row, "id")),
                                        HH_STACK_DATA_ACTION_STARTED, tbuf, false, err);
    }
    if (rc == 0 && props != NULL && defines_resources(a))
        rc = hh_store_resource_set_properties(
            st, a->term, json_integer_value(json_object_get(row, "id")), props, err);
    if (rc == 0)
        rc = hh_store_event_create(st, a->term, &ev, NULL, err);
    if (rc == 0)
        return hh_store_commit(st, err);
    hh_store_rollback(st);
    return rc;
}

/* ---- one job of one node (worker thread) ------------------------------- */

static void fail_reason(node *n, const char *type_name, const char *name, const hh_error *err,
                        int rc)
{
    snprintf(n->reason, sizeof(n->reason), "%s: resources.%s: %s",
             err->type != NULL ? err->type : "Error", name,
             err->message[0] != '\0' ? err->message : hh_strerror(rc));
    (void)type_name;
}

static int run_job(void *arg)
{
    node *n = arg;
    action *a = n->a;
    hh_stack_engine *e = a->e;
    const char *name = hh_sched_graph_name(a->g, n->idx);
    const char *act = hh_raction_name(a->action);
    hh_store *st = NULL;
    json_t *row = NULL;
    hh_stack_rctx_hold hold;
    hh_rctx ctx;
    hh_rstep step;
    hh_error err, perr;
    char *started = NULL;
    int rc = 0, prc = 0;

    hh_error_clear(&err);
    hh_error_clear(&perr);
    memset(&step, 0, sizeof(step));
    memset(&hold, 0, sizeof(hold));
    n->result = R_FAILED;
    st = store_take(e, &err);
    if (st == NULL) {
        rc = err.rc != 0 ? err.rc : EIO;
        goto failed;
    }
    rc = hh_store_resource_get(st, n->res_id, &row, &err);
    if (rc != 0)
        goto failed;

    if (n->job == J_START) {
        if (defines_resources(a))
            prc = hh_stack_model_properties(a->m, st, name, &n->props, &perr);
        else
            n->props = json_incref(json_object_get(row, "properties_data"));
        n->action_started = wall_now();
        rc = resource_commit(a, st, row,
                             json_string_value(json_object_get(row, "physical_resource_id")),
                             "IN_PROGRESS", "state changed", n->props, n->action_started, &err);
        if (rc != 0)
            goto failed;
        if (prc != 0) {
            err = perr;
            rc = prc;
            goto failed;
        }
    } else if (n->job == J_RESUME) {
        /* the dead engine committed IN_PROGRESS with the start time and,
         * for a create, the properties */
        rc =
            hh_store_resource_data_get(st, n->res_id, HH_STACK_DATA_ACTION_STARTED, &started, &err);
        n->action_started = rc == 0 ? strtod(started, NULL) : wall_now();
        hh_error_clear(&err);
        n->props = json_incref(json_object_get(row, "properties_data"));
        if (!json_is_object(n->props) && defines_resources(a)) {
            json_decref(n->props);
            n->props = NULL;
            rc = hh_stack_model_properties(a->m, st, name, &n->props, &err);
            if (rc != 0)
                goto failed;
        }
    }

    rc =
        hh_stack_model_rctx(a->m, st, a->term, row, n->props, n->action_started, &hold, &ctx, &err);
    if (rc != 0)
        goto failed;
    ctx.cancel = &a->abort;
    if (n->job == J_POLL)
        rc = hh_rplugin_check_complete(ctx.type, a->action, &ctx, &step, &err);
    else
        rc = hh_rplugin_handle(ctx.type, a->action, &ctx, NULL, &step, &err);
    if (hold.rc == HH_EFENCED || rc == HH_EFENCED) {
        n->result = R_FENCED;
        goto done;
    }
    if (rc != 0)
        goto failed;
    if (!step.done) {
        n->result = R_PENDING;
        n->poll_secs = step.poll_secs > 0 ? step.poll_secs : e->opts.poll_secs;
        goto done;
    }
    rc = resource_commit(a, st, row, ctx.physical_id, "COMPLETE",
                         step.reason[0] != '\0' ? step.reason : "state changed", NULL, 0, &err);
    if (rc == HH_EFENCED) {
        n->result = R_FENCED;
        goto done;
    }
    if (rc != 0)
        goto failed;
    n->result = R_DONE;
    goto done;

failed:
    if (rc == HH_EFENCED) {
        n->result = R_FENCED;
        goto done;
    }
    if (rc == ECANCELED && atomic_load(&a->abort))
        snprintf(n->reason, sizeof(n->reason), "%s aborted", act);
    else
        fail_reason(n, NULL, name, &err, rc);
    n->result = R_FAILED;
    if (st != NULL && row != NULL) {
        const char *pid = hold.st != NULL
                              ? ctx.physical_id
                              : json_string_value(json_object_get(row, "physical_resource_id"));

        rc = resource_commit(a, st, row, pid, "FAILED", n->reason, NULL, 0, &err);
        if (rc == HH_EFENCED)
            n->result = R_FENCED;
    }
done:
    free(started);
    json_decref(row);
    if (st != NULL)
        store_give(e, st);
    return 0;
}

/* ---- the owner's side ---------------------------------------------------- */

static int submit(action *a, node *n, job_kind job)
{
    int rc;

    n->job = job;
    n->phase = N_QUEUED;
    rc = hh_pool_submit(a->e->pool, run_job, n);
    if (rc != 0) {
        n->phase = N_FAILED;
        snprintf(n->reason, sizeof(n->reason), "%s: resources.%s: %s", "Error",
                 hh_sched_graph_name(a->g, n->idx), hh_strerror(rc));
        if (!a->failed) {
            a->failed = true;
            a->fail_time = mono_now();
            snprintf(a->reason, sizeof(a->reason), "%s", n->reason);
        }
        return rc;
    }
    a->queued++;
    return 0;
}

static bool may_start(const action *a)
{
    return !a->failed && !a->cancelled && !a->fenced && !a->timed_out;
}

/* Start every idle node whose predecessors are done (name order). */
static void start_ready(action *a)
{
    size_t i;

    for (i = 0; i < a->n && may_start(a); i++)
        if (a->nodes[i].phase == N_IDLE && a->nodes[i].waiting == 0)
            submit(a, &a->nodes[i], J_START);
}

/* The nodes waiting for node i: forward, the nodes depending on it;
 * reverse, the nodes it depends on. */
static void release(action *a, size_t i)
{
    const size_t *succ;
    size_t k, ns;

    succ = hh_sched_graph_edges(a->g, i, a->action != HH_RACT_DELETE, &ns);
    for (k = 0; k < ns; k++)
        if (a->nodes[succ[k]].waiting > 0)
            a->nodes[succ[k]].waiting--;
}

static void node_failed(action *a, node *n)
{
    n->phase = N_FAILED;
    /* the first of failure, cancel and timeout is the stack's reason */
    if (!a->failed && !a->cancelled && !a->timed_out) {
        a->failed = true;
        a->fail_time = mono_now();
        snprintf(a->reason, sizeof(a->reason), "%s", n->reason);
    }
}

static void collected(action *a, node *n)
{
    a->queued--;
    switch (n->result) {
    case R_DONE:
        n->phase = N_DONE;
        release(a, n->idx);
        break;
    case R_PENDING:
        n->phase = N_WAITING;
        n->due = mono_now() + n->poll_secs;
        a->waiting++;
        break;
    case R_FAILED:
        node_failed(a, n);
        break;
    case R_FENCED:
        n->phase = N_FAILED;
        a->fenced = true;
        break;
    }
    if (n->phase == N_DONE || n->phase == N_FAILED) {
        json_decref(n->props);
        n->props = NULL;
    }
}

/* Commit the stack's final state with what the action adds to it (a
 * snapshot's data and state: stack_snapshot.c) in one transaction. */
static int final_commit(action *a, const char *status, const char *reason, hh_error *err)
{
    hh_store *st = a->e->owner;
    const char *act = hh_raction_name(a->action);
    const char *name = hh_stack_model_name(a->m);
    int rc;

    if (a->action != HH_RACT_SNAPSHOT)
        return hh_stack_state_commit(st, a->term, a->stack_id, name, act, status, reason, err);
    rc = hh_store_begin(st, err);
    if (rc != 0)
        return rc;
    rc = hh_stack_snapshot_finish(st, a->term, a->m, status, reason, err);
    if (rc == 0)
        rc = hh_stack_state_commit(st, a->term, a->stack_id, name, act, status, reason, err);
    if (rc == 0)
        return hh_store_commit(st, err);
    hh_store_rollback(st);
    return rc;
}

/* The stack's final state, once nothing runs. */
static void action_finish(action *a)
{
    hh_store *st = a->e->owner;
    const char *act = hh_raction_name(a->action);
    const char *name = hh_stack_model_name(a->m);
    char reason[1200];
    hh_error err;
    int rc;

    if (a->fenced || a->then_delete)
        return; /* a newer engine, or the delete that follows, owns the state */
    hh_error_clear(&err);
    if (a->failed || a->cancelled || a->timed_out) {
        /* the first of failure, cancel and timeout says why (Heat's
         * reasons: ResourceFailure, ForcedCancel, scheduler.Timeout) */
        if (a->failed)
            snprintf(reason, sizeof(reason), "Resource %s failed: %s", act, a->reason);
        else if (a->cancelled)
            snprintf(reason, sizeof(reason), "Resource %s failed: Operation cancelled", act);
        else {
            /* action.title(): "Create timed out" */
            size_t k;

            snprintf(reason, sizeof(reason), "%s timed out", act);
            for (k = 1; reason[k] != ' ' && reason[k] != '\0'; k++)
                reason[k] = (char)tolower((unsigned char)reason[k]);
        }
        rc = final_commit(a, "FAILED", reason, &err);
    } else if (a->action == HH_RACT_DELETE) {
        snprintf(reason, sizeof(reason), "Stack %s completed successfully", act);
        rc = hh_store_begin(st, &err);
        if (rc == 0) {
            hh_stack_state_commit(st, a->term, a->stack_id, name, act, "COMPLETE", reason, &err);
            hh_store_stack_soft_delete(st, a->term, a->stack_id, &err);
            rc = hh_store_commit(st, &err);
        }
    } else {
        snprintf(reason, sizeof(reason), "Stack %s completed successfully", act);
        rc = final_commit(a, "COMPLETE", reason, &err);
    }
    /* A store that refuses (fenced, or down) leaves the stack IN_PROGRESS:
     * the next engine's resume finishes it. */
    (void)rc;
}

/* Apply deadlines, submit due polls, start ready nodes; finish the action
 * when nothing runs. Returns true when it ended. *next: the earliest due
 * poll (monotonic), unchanged when none. */
static bool action_step(action *a, double now, double *next)
{
    size_t i;

    if (!a->failed && !a->cancelled && !a->timed_out && now >= a->deadline)
        a->timed_out = true;
    if ((a->failed && now >= a->fail_time + a->e->opts.error_wait_secs) || a->cancelled ||
        a->timed_out) {
        if (!atomic_load(&a->abort))
            atomic_store(&a->abort, true);
    }
    for (i = 0; i < a->n; i++) {
        node *n = &a->nodes[i];

        if (n->phase != N_WAITING)
            continue;
        if (a->fenced) {
            n->phase = N_FAILED;
            a->waiting--;
            continue;
        }
        if (atomic_load(&a->abort) || n->due <= now) {
            a->waiting--;
            submit(a, n, J_POLL);
        } else if (n->due < *next) {
            *next = n->due;
        }
    }
    start_ready(a);
    if (a->queued == 0 && a->waiting == 0) {
        /* nothing runs and nothing more can start */
        for (i = 0; i < a->n; i++)
            if (a->nodes[i].phase != N_DONE && may_start(a)) {
                snprintf(a->nodes[i].reason, sizeof(a->nodes[i].reason),
                         "Error: resources.%s: its dependencies never completed",
                         hh_sched_graph_name(a->g, i));
                node_failed(a, &a->nodes[i]);
            }
        action_finish(a);
        return true;
    }
    if (a->failed && !atomic_load(&a->abort) && a->waiting > 0 &&
        a->fail_time + a->e->opts.error_wait_secs < *next)
        *next = a->fail_time + a->e->opts.error_wait_secs;
    if (may_start(a) && a->deadline < *next)
        *next = a->deadline;
    return false;
}

/* The delete that superseded a's action, now that no job of a runs (its
 * DELETE IN_PROGRESS is committed already). The new action goes to the
 * head of the list: the dispatch loop steps it now or on its next call. */
static void start_superseding_delete(hh_stack_engine *e, const action *a)
{
    hh_error err;
    char reason[HH_ERROR_MSG_MAX + 64];

    hh_error_clear(&err);
    if (hh_stack_action_start(e, a->stack_id, HH_RACT_DELETE, a->delete_term, false, &err) == 0)
        return;
    snprintf(reason, sizeof(reason), "Stack DELETE failed: %s", err.message);
    hh_stack_state_commit(e->owner, a->delete_term, a->stack_id, hh_stack_model_name(a->m),
                          "DELETE", "FAILED", reason, NULL);
}

int hh_stack_engine_dispatch(hh_stack_engine *e, long *next_ms)
{
    hh_pool_result res;
    action *a, **pp;
    double now, next;
    int rc;

    while ((rc = hh_pool_wait(e->pool, 0, &res)) == 0) {
        node *n = res.arg;

        collected(n->a, n);
    }
    now = mono_now();
    next = now + 3600;
    for (pp = &e->actions; (a = *pp) != NULL;) {
        if (action_step(a, now, &next)) {
            *pp = a->next;
            e->nactive--;
            if (a->then_delete && !a->fenced)
                start_superseding_delete(e, a);
            action_free(a);
        } else {
            pp = &a->next;
        }
    }
    if (next_ms != NULL) {
        if (e->actions == NULL)
            *next_ms = -1;
        else if (hh_pool_outstanding(e->pool) > 0 && next > now + 3599)
            *next_ms = 1000;
        else
            *next_ms = next <= now ? 0 : (long)((next - now) * 1000) + 1;
    }
    return 0;
}

int hh_stack_engine_run(hh_stack_engine *e, long timeout_ms)
{
    double end = timeout_ms >= 0 ? mono_now() + (double)timeout_ms / 1000 : 0;
    long next = 0, wait;
    hh_pool_result res;
    int rc;

    for (;;) {
        hh_stack_engine_dispatch(e, &next);
        if (e->actions == NULL)
            return 0;
        wait = next;
        if (timeout_ms >= 0) {
            double left = end - mono_now();

            if (left <= 0)
                return ETIMEDOUT;
            if (wait < 0 || wait > (long)(left * 1000) + 1)
                wait = (long)(left * 1000) + 1;
        }
        if (hh_pool_outstanding(e->pool) > 0) {
            rc = hh_pool_wait(e->pool, wait, &res);
            if (rc == 0)
                collected(((node *)res.arg)->a, res.arg);
        } else if (wait > 0) {
            poll(NULL, 0, (int)(wait > 1000 ? 1000 : wait));
        }
    }
}

/* ---- starting an action ---------------------------------------------- */

/* The action's deadline: the stack's timeout_mins (else the engine's
 * stack_action_timeout) from when the action was committed IN_PROGRESS
 * (now, or for a resume the row's updated_at), as monotonic time. */
static double action_deadline(const hh_stack_engine *e, const json_t *row, bool resume)
{
    const char *at = json_string_value(json_object_get(row, "updated_at"));
    json_int_t mins = json_integer_value(json_object_get(row, "timeout"));
    double secs = mins > 0 ? (double)mins * 60 : e->opts.stack_action_timeout;
    double started = wall_now();
    struct tm tm;

    if (at == NULL)
        at = json_string_value(json_object_get(row, "created_at"));
    memset(&tm, 0, sizeof(tm));
    if (resume && at != NULL && strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm) != NULL)
        started = (double)timegm(&tm);
    return mono_now() + (started + secs - wall_now());
}

/* Is reason the "A aborted" of a resource stopped after the failure? */
static bool is_abort(const action *a, const char *reason)
{
    char abort_reason[64];

    snprintf(abort_reason, sizeof(abort_reason), "%s aborted", hh_raction_name(a->action));
    return strcmp(reason, abort_reason) == 0;
}

/* Where a resource's stored state puts its node. */
static void node_initial(action *a, node *n, const json_t *row, bool resume)
{
    const char *ract = json_string_value(json_object_get(row, "action"));
    const char *rstatus = json_string_value(json_object_get(row, "status"));
    const char *act = hh_raction_name(a->action);
    bool same = ract != NULL && strcmp(ract, act) == 0;

    n->phase = N_IDLE;
    n->job = J_START;
    if (row == NULL) {
        snprintf(n->reason, sizeof(n->reason), "Error: resources.%s: not stored",
                 hh_sched_graph_name(a->g, n->idx));
        node_failed(a, n);
        return;
    }
    if (a->action == HH_RACT_DELETE && ract != NULL && strcmp(ract, "INIT") == 0) {
        n->phase = N_DONE; /* never created: nothing to delete (Heat's) */
        return;
    }
    /* a new snapshot acts on every resource, even one a former snapshot
     * left SNAPSHOT COMPLETE */
    if (same && rstatus != NULL && strcmp(rstatus, "COMPLETE") == 0 &&
        (resume || a->action != HH_RACT_SNAPSHOT)) {
        n->phase = N_DONE;
        return;
    }
    if (!resume || !same)
        return;
    if (strcmp(rstatus, "IN_PROGRESS") == 0) {
        n->job = J_RESUME;
    } else if (strcmp(rstatus, "FAILED") == 0) {
        snprintf(n->reason, sizeof(n->reason), "%s",
                 json_string_value(json_object_get(row, "status_reason")));
        /* aborts only follow the failure that stopped the action: that
         * one is the stack's reason, whatever the order of the nodes */
        if (a->failed && is_abort(a, a->reason) && !is_abort(a, n->reason))
            snprintf(a->reason, sizeof(a->reason), "%s", n->reason);
        node_failed(a, n);
    }
}

int hh_stack_action_start(hh_stack_engine *e, const char *stack_id, hh_raction act, int64_t term,
                          bool resume, hh_error *err)
{
    action *a;
    json_t *rows = NULL, *row, *byname = NULL;
    const size_t *pred;
    size_t i, np;
    int rc;

    a = calloc(1, sizeof(*a));
    if (a == NULL)
        return oom(err);
    a->e = e;
    a->action = act;
    a->term = term;
    atomic_init(&a->abort, false);
    snprintf(a->stack_id, sizeof(a->stack_id), "%s", stack_id);
    rc = hh_stack_model_load(e->owner, stack_id, false, &a->m, err);
    if (rc == 0)
        rc = hh_sched_graph_from_json(hh_stack_model_graph(a->m), &a->g, err);
    if (rc == 0)
        a->deadline = action_deadline(e, hh_stack_model_row(a->m), resume);
    if (rc == 0)
        rc = hh_store_resource_list(e->owner, stack_id, &rows, err);
    if (rc != 0)
        goto fail;
    byname = json_object();
    if (byname == NULL) {
        rc = oom(err);
        goto fail;
    }
    json_array_foreach(rows, i, row)
    {
        json_object_set(byname, json_string_value(json_object_get(row, "name")), row);
    }
    a->n = hh_sched_graph_size(a->g);
    a->nodes = calloc(a->n ? a->n : 1, sizeof(*a->nodes));
    if (a->nodes == NULL) {
        rc = oom(err);
        goto fail;
    }
    for (i = 0; i < a->n; i++) {
        node *n = &a->nodes[i];

        row = json_object_get(byname, hh_sched_graph_name(a->g, i));
        n->a = a;
        n->idx = i;
        n->res_id = json_integer_value(json_object_get(row, "id"));
        node_initial(a, n, row, resume);
    }
    /* predecessors not done yet */
    for (i = 0; i < a->n; i++) {
        size_t k;

        pred = hh_sched_graph_edges(a->g, i, act == HH_RACT_DELETE, &np);
        for (k = 0; k < np; k++)
            if (a->nodes[pred[k]].phase != N_DONE)
                a->nodes[i].waiting++;
    }
    /* resumed actions first (they hold no worker until submitted) */
    for (i = 0; i < a->n; i++)
        if (a->nodes[i].phase == N_IDLE && a->nodes[i].job == J_RESUME)
            submit(a, &a->nodes[i], J_RESUME);
    a->next = e->actions;
    e->actions = a;
    e->nactive++;
    json_decref(byname);
    json_decref(rows);
    start_ready(a);
    return 0;
fail:
    json_decref(byname);
    json_decref(rows);
    action_free(a);
    return rc;
}
