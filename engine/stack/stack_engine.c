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
 * queue hands it back. A worker whose node succeeded releases the nodes
 * waiting for it itself and runs the first of them that became ready as
 * its job's continuation (hh_pool_then): a chain of resources goes on
 * without waking the owner or another worker. So the start of a node
 * (IDLE to QUEUED), the nodes' counts of predecessors not done and the
 * action's count of queued nodes are shared: they change under the
 * action's lock, and the owner writes every phase under it. Whatever
 * stops new work (failure, cancel, timeout, fencing, a superseding
 * action) sets the action's halt flag, which a worker reads before it
 * continues with a node; a worker whose node failed sets it at once (the
 * owner goes by its own flags: the nodes it finds ready together start
 * together). The model is shared read-only (stack_model.h). */
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

#include <sys/random.h>

#include "hh_log.h"
#include "hh_py.h"
#include "stack_internal.h"
#include "stack_model.h"
#include "stack_nested.h"
#include "stack_pool.h"
#include "stack_sched.h"
#include "tmpl_env.h"

typedef enum node_phase {
    N_IDLE,    /* not started */
    N_QUEUED,  /* a job of it is on the pool */
    N_WAITING, /* in progress, next poll at due */
    N_DONE,
    N_FAILED,
} node_phase;

typedef enum job_kind {
    J_START,  /* decide, commit IN_PROGRESS, then the handler */
    J_RESUME, /* IN_PROGRESS already committed by a dead engine: the handler again */
    J_POLL,   /* the check */
    J_HOOK,   /* paused on a breakpoint hook (n->hook): cleared yet? */
} job_kind;

typedef enum node_result {
    R_DONE,
    R_PENDING,
    R_FAILED,
    R_FENCED,
    R_RETRY,  /* failed with ResourceInError (recorded FAILED): retry it */
    R_PAUSED, /* paused on the breakpoint hook n->hook */
} node_result;

/* What a node does to its resource. */
typedef enum node_kind {
    K_ACT,      /* the action's resource action (create, delete, suspend, ...) */
    K_CONVERGE, /* update, rollback: bring it to the stack's template */
    K_CLEANUP,  /* delete a row the template no longer has (or a replaced one) */
} node_kind;

/* What follows an action that writes no final state of its own. */
typedef enum then_kind {
    THEN_NONE,
    THEN_DELETE,   /* superseded by a delete */
    THEN_ROLLBACK, /* its failure (or a cancel) starts a rollback */
} then_kind;

struct action;

typedef struct node {
    struct action *a;
    size_t idx;
    node_kind kind;
    hh_raction ract; /* the resource action of its current step */
    int64_t res_id;  /* the row it acts on (a replacement's once made) */
    node_phase phase;
    job_kind job;
    node_result result;
    bool unsupported; /* CHECK: the type has no check handler */
    double due;       /* N_WAITING: next poll (monotonic seconds) */
    double poll_secs; /* the job's answer for R_PENDING */
    double action_started;
    bool started_unsaved; /* its step's transaction has not saved it yet */
    size_t waiting;       /* predecessors not yet done (the action's lock) */
    json_t *props;        /* resolved properties of the running action (owned) */
    json_t *diff;         /* UPDATE: the prop_diff (owned) */
    job_kind wait_job;    /* N_WAITING: the job due (J_POLL, J_HOOK, or a retry's J_START) */
    /* Breakpoint hooks (stack_internal.h): the hook n is paused on (or,
     * for J_HOOK, checks); a cleared pre hook whose key the next commit
     * deletes; the owner ends the pause by a failure (the worker reads it
     * after the submit's hand-off) */
    unsigned hook;
    unsigned hook_passed; /* cleared: the step goes on (no pause again) */
    unsigned hook_forget;
    bool hook_abort;
    /* Heat's create retry loop (Resource.create): in it, the node's next
     * step is retry_ract (DELETE, then CREATE again); count[CREATE] and
     * count[DELETE]; the first failure's reason, the node's at the end */
    bool retry;
    hh_raction retry_ract;
    int tries_create, tries_delete;
    char first_reason[1024];
    char name[HH_STORE_NAME_MAX + 1];
    /* R_PENDING: the physical id when it can be a stack's (a nested
     * stack's parent resource waits for its child: woken by its end) */
    char pid[HH_STORE_ID_LEN];
    /* The owner's (a wake may come while the node's job runs: the job
     * read the child's state or the hook's gate before the child ended
     * or the hook was cleared, so its result says "wait" though the
     * wait is over):
     *   waits_on  the stack its last R_PENDING waited for, collected:
     *             while its next poll runs, the end of another stack
     *             does not concern it ("": not waiting on a stack, or
     *             not yet known: a handler that may create the child)
     *   rewake    a wake (of waits_on, or of any stack when "", or a
     *             hook's clear) came while its job ran: its R_PENDING or
     *             R_PAUSED is polled at once */
    char waits_on[HH_STORE_ID_LEN];
    bool rewake;
    char reason[1024]; /* R_FAILED: the resource's status_reason */
} node;

typedef struct action {
    hh_stack_engine *e;
    hh_sact action;
    char stack_id[HH_STORE_ID_LEN];
    int64_t term;
    int64_t tmpl_id; /* the stack's template: what resources converge to */
    hh_stack_model *m;
    hh_sched_graph *g;
    node *nodes;
    size_t n;
    bool reverse;         /* the nodes wait for their dependents (delete order) */
    bool cleaning;        /* UPDATE, ROLLBACK, DELETE: the cleanup phase runs */
    pthread_mutex_t lock; /* node phases, their waiting counts, queued */
    size_t queued;        /* nodes N_QUEUED (the lock) */
    size_t waiting;       /* nodes N_WAITING (the owner's) */
    atomic_bool halt;     /* no new node starts */
    bool failed, cancelled, fenced, timed_out;
    bool quiet; /* cancelled without rollback: its final state is committed */
    /* CHECK (Heat's aggregate_exceptions): a failure stops only what
     * depends on it; the failures' reasons in the order they came */
    json_t *agg;
    bool unsupported; /* CHECK: a resource without a check handler */
    then_kind then;   /* no final state: what follows (then_term) */
    int64_t then_term;
    double fail_time;
    double deadline;       /* the stack's timeout (monotonic) */
    atomic_bool abort;     /* ask running checks to stop */
    hh_raction reason_act; /* the resource action that failed first */
    char reason[1024];     /* first failure's resource reason */
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
    size_t nfenced;          /* actions that met a newer term */
    bool woken;              /* a wake made a poll due now: dispatch at once */
    hh_stack_nested *nested; /* child stack actions queued by workers */
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

const char *hh_sact_name(hh_sact a)
{
    if (a == HH_SACT_ROLLBACK)
        return "ROLLBACK";
    return a == HH_SACT_RESTORE ? "RESTORE" : hh_raction_name((hh_raction)a);
}

bool hh_sact_from_name(const char *name, hh_sact *out)
{
    static const hh_sact all[] = {
        HH_SACT_CREATE, HH_SACT_UPDATE, HH_SACT_DELETE,   HH_SACT_SUSPEND,  HH_SACT_RESUME,
        HH_SACT_CHECK,  HH_SACT_ADOPT,  HH_SACT_SNAPSHOT, HH_SACT_ROLLBACK, HH_SACT_RESTORE};
    size_t i;

    for (i = 0; name != NULL && i < sizeof(all) / sizeof(all[0]); i++) {
        if (strcmp(name, hh_sact_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    }
    return false;
}

/* The resource action of the action's K_ACT nodes. */
static hh_raction act_raction(const action *a)
{
    return a->action == HH_SACT_ROLLBACK || a->action == HH_SACT_RESTORE ? HH_RACT_UPDATE
                                                                         : (hh_raction)a->action;
}

static bool converges(const action *a)
{
    return a->action == HH_SACT_UPDATE || a->action == HH_SACT_ROLLBACK ||
           a->action == HH_SACT_RESTORE;
}

/* Resource actions that bring resources into being from their
 * definitions: their properties are resolved at the start and stored
 * (Heat's create and adopt, _update_stored_properties). */
static bool defines_resource(hh_raction ract)
{
    return ract == HH_RACT_CREATE || ract == HH_RACT_ADOPT;
}

/* No new node of a starts (any thread): set with every reason to stop. */
static void halt(action *a)
{
    atomic_store(&a->halt, true);
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
    if (e->opts.action_retry_limit < 0)
        e->opts.action_retry_limit = 5;
    if (e->opts.retry_backoff_scale <= 0)
        e->opts.retry_backoff_scale = 1.0;
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
    rc = hh_stack_nested_new(e->opts.limits, &e->nested);
    if (rc == 0)
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

static void nodes_free(action *a)
{
    size_t i;

    for (i = 0; a->nodes != NULL && i < a->n; i++) {
        json_decref(a->nodes[i].props);
        json_decref(a->nodes[i].diff);
    }
    free(a->nodes);
    a->nodes = NULL;
    a->n = 0;
    hh_sched_graph_free(a->g);
    a->g = NULL;
}

static void action_free(action *a)
{
    if (a == NULL)
        return;
    nodes_free(a);
    hh_stack_model_free(a->m);
    json_decref(a->agg);
    pthread_mutex_destroy(&a->lock);
    free(a);
}

void hh_stack_engine_free(hh_stack_engine *e)
{
    action *a;
    int i;

    if (e == NULL)
        return;
    for (a = e->actions; a != NULL; a = a->next)
        halt(a);           /* chains of continuations end with the step they run */
    hh_pool_free(e->pool); /* joins the workers: no job touches an action after this */
    while ((a = e->actions) != NULL) {
        e->actions = a->next;
        action_free(a);
    }
    for (i = 0; i < e->nfree; i++)
        hh_store_close(e->free_st[i]);
    hh_store_close(e->owner);
    hh_stack_nested_free(e->nested);
    free(e->free_st);
    free(e->url);
    pthread_mutex_destroy(&e->slock);
    free(e);
}

struct hh_stack_nested *hh_stack_engine_nested(hh_stack_engine *e)
{
    return e->nested;
}

struct hh_store *hh_stack_engine_store(hh_stack_engine *e)
{
    return e->owner;
}

size_t hh_stack_engine_active(const hh_stack_engine *e)
{
    return e->nactive;
}

size_t hh_stack_engine_fenced(const hh_stack_engine *e)
{
    return e->nfenced;
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

/* Mark a's action as superseded by what follows (then, with term): it is
 * cancelled and writes no final state. */
static int supersede(hh_stack_engine *e, const char *stack_id, then_kind then, int64_t term)
{
    action *a;

    for (a = e->actions; a != NULL; a = a->next) {
        if (strcmp(a->stack_id, stack_id) != 0)
            continue;
        if (a->action == HH_SACT_DELETE || a->then == THEN_DELETE)
            return HH_EEXISTS;
        if (then == THEN_ROLLBACK && (a->action == HH_SACT_ROLLBACK || a->then != THEN_NONE))
            return HH_EEXISTS;
        a->then = then;
        a->then_term = term;
        a->cancelled = true;
        halt(a);
        atomic_store(&a->abort, true);
        return 0;
    }
    return HH_ENOTFOUND;
}

int hh_stack_engine_supersede(hh_stack_engine *e, const char *stack_id, int64_t term)
{
    return supersede(e, stack_id, THEN_DELETE, term);
}

int hh_stack_engine_supersede_rollback(hh_stack_engine *e, const char *stack_id, int64_t term)
{
    return supersede(e, stack_id, THEN_ROLLBACK, term);
}

int hh_stack_engine_stop(hh_stack_engine *e, const char *stack_id)
{
    action *a;

    for (a = e->actions; a != NULL; a = a->next) {
        if (strcmp(a->stack_id, stack_id) == 0) {
            a->quiet = true;
            halt(a);
            return 0;
        }
    }
    return HH_ENOTFOUND;
}

int hh_stack_engine_cancel(hh_stack_engine *e, const char *stack_id)
{
    action *a;

    for (a = e->actions; a != NULL; a = a->next) {
        if (strcmp(a->stack_id, stack_id) == 0) {
            a->cancelled = true;
            halt(a);
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

/* One resource step's writes, committed together by resource_commit: the
 * state (ract, status, reason) with its event (unless no_event), and what
 * goes with it. One transaction per step: the place to group writes. */
typedef struct rcommit {
    hh_raction ract;
    const char *status;
    const char *reason;
    const char *pid;          /* the event's physical id (NULL: the row's) */
    const json_t *props;      /* the event's resource_properties */
    const json_t *save_props; /* non-NULL: the row's properties_data */
    double started;           /* > 0: the action's start time (resource data) */
    int64_t current;          /* > 0: current_template_id (with requires) */
    const json_t *requires;   /* ids of the resources it requires, or NULL */
    bool state;               /* set the row's state (else only the extras) */
    bool no_event;
    bool remove;            /* delete the row (a cleanup's DELETE COMPLETE) */
    bool clear_pid;         /* clear the physical id (a retry's DELETE COMPLETE) */
    const char *retry_mark; /* non-NULL: HH_STACK_DATA_RETRY's new value */
    unsigned forget;        /* a cleared hook (stored): its key is deleted */
} rcommit;

/* The action's start time of resource id, in its data: what a resume
 * of its IN_PROGRESS step hands the plugin again. */
static int save_started(const action *a, hh_store *st, int64_t id, double started, hh_error *err)
{
    char tbuf[64];

    snprintf(tbuf, sizeof(tbuf), "%.6f", started);
    return hh_store_resource_data_set(st, a->term, id, HH_STACK_DATA_ACTION_STARTED, tbuf, false,
                                      err);
}

static int resource_commit(action *a, hh_store *st, const json_t *row, const rcommit *c,
                           hh_error *err)
{
    const char *name = json_string_value(json_object_get(row, "name"));
    int64_t id = json_integer_value(json_object_get(row, "id"));
    const char *pid =
        c->pid != NULL ? c->pid : json_string_value(json_object_get(row, "physical_resource_id"));
    char pbuf[HH_RPHYS_ID_MAX + 64];
    hh_store_event_spec ev = {0};
    bool own = !hh_store_in_transaction(st);
    int rc = 0;

    if (own && (rc = hh_store_begin(st, err)) != 0)
        return rc;
    if (c->state)
        rc = hh_store_resource_set_state(st, a->term, id, hh_raction_name(c->ract), c->status,
                                         c->reason, err);
    if (rc == 0 && c->started > 0)
        rc = save_started(a, st, id, c->started, err);
    if (rc == 0 && c->save_props != NULL)
        rc = hh_store_resource_set_properties(st, a->term, id, c->save_props, err);
    if (rc == 0 && c->current > 0)
        rc = hh_store_resource_set_current(st, a->term, id, c->current, c->requires, err);
    if (rc == 0 && !c->no_event) {
        hh_stack_event_physical_id(a->m, name, json_string_value(json_object_get(row, "uuid")), pid,
                                   pbuf, sizeof(pbuf));
        ev.stack_id = a->stack_id;
        ev.resource_name = name;
        ev.resource_action = hh_raction_name(c->ract);
        ev.resource_status = c->status;
        ev.resource_status_reason = c->reason;
        ev.physical_resource_id = pbuf;
        ev.resource_type = json_string_value(json_object_get(row, "type"));
        ev.resource_properties = c->props;
        rc = hh_store_event_create(st, a->term, &ev, NULL, err);
    }
    if (rc == 0 && c->clear_pid)
        rc = hh_store_resource_set_physical_id(st, a->term, id, NULL, err);
    if (rc == 0 && c->retry_mark != NULL)
        rc = hh_store_resource_data_set(st, a->term, id, HH_STACK_DATA_RETRY, c->retry_mark, false,
                                        err);
    if (rc == 0 && c->forget != 0)
        rc = hh_store_resource_data_delete(st, a->term, id, hh_env_hook_name(c->forget), err);
    if (rc == 0 && c->remove)
        rc = hh_store_resource_delete(st, a->term, id, err);
    if (!own)
        return rc; /* a failure marks the step's transaction failed */
    if (rc == 0)
        return hh_store_commit(st, err);
    hh_store_rollback(st);
    return rc;
}

/* One transaction per step for a store-only type (HH_RPLUGIN_STORE_ONLY)
 * acting on row: the step's state changes and the handler's writes are
 * committed together at its end, before the node's result reaches the
 * owner (so before anything reports them). A crash before that commit
 * leaves the resource as the previous step left it, and a store-only
 * handler left nothing elsewhere: the resume runs the step again. Other
 * types commit each write at once (their physical id the moment it
 * exists). */
static bool store_only(const action *a, hh_store *st, const json_t *row)
{
    const hh_rtype *t = NULL;

    return hh_stack_model_row_rtype(a->m, st, row, &t, NULL) == 0 && t->ops != NULL &&
           (t->ops->flags & HH_RPLUGIN_STORE_ONLY) != 0;
}

static int step_begin(const action *a, hh_store *st, const json_t *row, hh_error *err)
{
    if (hh_store_in_transaction(st) || !store_only(a, st, row))
        return 0;
    return hh_store_begin(st, err);
}

/* End the step's transaction, if open, with rc: commit when rc is 0. */
static int step_end(hh_store *st, int rc, hh_error *err)
{
    if (!hh_store_in_transaction(st))
        return rc;
    if (rc == 0)
        return hh_store_commit(st, err);
    hh_store_rollback(st);
    return rc;
}

/* ---- one job of one node (worker thread) ------------------------------- */

/* A chain's transaction: the store-only steps of the action's resources
 * (K_ACT) that a worker runs one after the other as continuations share
 * one transaction, committed when the chain stops, branches (a node with
 * more than one node waiting for it: another worker could read it), or
 * reaches CHAIN_TX_STEPS steps or CHAIN_TX_MS. Nothing reads a step of it
 * before the commit but the next step of the chain, on the same handle;
 * a crash before the commit leaves those resources as they were (a resume
 * runs their steps again: they acted on the store only). Held by the
 * worker between a job and its continuation (which always runs). */
#define CHAIN_TX_STEPS 64
#define CHAIN_TX_MS 20.0

typedef struct chain_tx {
    hh_store *st; /* in a transaction; NULL: none held */
    int steps;
    double t0; /* monotonic start */
} chain_tx;

static _Thread_local chain_tx tl_tx;

/* Commit the worker's chain transaction and give its handle back. */
static int chain_tx_end(hh_stack_engine *e)
{
    hh_store *st = tl_tx.st;
    hh_error err;
    int rc;

    if (st == NULL)
        return 0;
    tl_tx.st = NULL;
    hh_error_clear(&err);
    rc = step_end(st, 0, &err);
    store_give(e, st);
    return rc;
}

static const char *jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "";
}

static void fail_reason(node *n, const hh_error *err, int rc)
{
    hh_rfailure_reason(n->name, err, rc, n->reason, sizeof(n->reason));
}

/* The ids of the rows node n requires (the rows of the nodes it depends
 * on): Heat's resource.requires, which orders a later cleanup. New
 * reference; NULL for nodes run in reverse. Their nodes are done, so
 * their res_id is final. */
static json_t *node_requires(const action *a, const node *n)
{
    const size_t *pred;
    size_t k, np;
    json_t *ids;

    if (a->reverse)
        return NULL;
    ids = json_array();
    pred = hh_sched_graph_edges(a->g, n->idx, false, &np);
    for (k = 0; ids != NULL && k < np; k++)
        json_array_append_new(ids, json_integer(a->nodes[pred[k]].res_id));
    return ids;
}

/* Heat's str() of a state tuple: "('CREATE', 'COMPLETE')". */
static void state_text(const json_t *row, char *buf, size_t len)
{
    snprintf(buf, len, "('%s', '%s')", jstr(row, "action"), jstr(row, "status"));
}

/* The checks Heat's Resource.suspend, resume and check make before their
 * action. A refusal fills n->reason and *nowrite (the row is left as it
 * is) and returns HH_EINVAL; a check without handler is done here. */
static int act_precheck(node *n, hh_store *st, const json_t *row, const hh_rtype *t, bool *nowrite,
                        hh_error *err)
{
    action *a = n->a;
    const char *ra = jstr(row, "action"), *rs = jstr(row, "status");
    bool init = strcmp(ra, "INIT") == 0 && strcmp(rs, "COMPLETE") == 0;
    char state[600], why[600];
    rcommit c = {.ract = n->ract, .state = true};
    int rc;

    switch (n->ract) {
    case HH_RACT_SUSPEND:
        if (strcmp(ra, "DELETE") == 0 ||
            (strcmp(ra, "SUSPEND") != 0 && strcmp(rs, "COMPLETE") != 0)) {
            state_text(row, state, sizeof(state));
            snprintf(n->reason, sizeof(n->reason),
                     "Error: resources.%s: State %s invalid for suspend", n->name, state);
            *nowrite = true;
            return HH_EINVAL;
        }
        return 0;
    case HH_RACT_RESUME:
        if (!((strcmp(ra, "SUSPEND") == 0 && strcmp(rs, "COMPLETE") == 0) ||
              (strcmp(ra, "RESUME") == 0 && strcmp(rs, "FAILED") == 0) ||
              (strcmp(ra, "RESUME") == 0 && strcmp(rs, "COMPLETE") == 0))) {
            state_text(row, state, sizeof(state));
            snprintf(n->reason, sizeof(n->reason),
                     "Error: resources.%s: State %s invalid for resume", n->name, state);
            *nowrite = true;
            return HH_EINVAL;
        }
        return 0;
    case HH_RACT_CHECK:
        if (t->ops->handle_check == NULL) {
            /* Heat records "CHECK not supported for <type>", not a
             * check; an INIT resource is left as it is */
            n->unsupported = true;
            n->result = R_DONE;
            if (init)
                return 0;
            snprintf(why, sizeof(why), "CHECK not supported for %s", jstr(row, "type"));
            c.status = "COMPLETE";
            c.reason = why;
            return resource_commit(a, st, row, &c, err);
        }
        if (init) {
            snprintf(why, sizeof(why), "Can not check %s, resource not created yet.", n->name);
            c.status = "FAILED";
            c.reason = why;
            rc = resource_commit(a, st, row, &c, err);
            if (rc != 0)
                return rc;
            snprintf(n->reason, sizeof(n->reason),
                     "Exception: resources.%s: Resource %s not created yet.", n->name, n->name);
            *nowrite = true;
            return HH_EINVAL;
        }
        return 0;
    default:
        return 0;
    }
}

/* Replace the resource of n (Heat's UpdateReplace, creating the new one
 * before the old goes): one transaction makes the new row (INIT, current
 * to the stack's template, replaces the old) and links the old to it; n
 * then creates the new row, *rowp. */
static int make_replacement(node *n, hh_store *st, json_t **rowp, hh_error *err)
{
    action *a = n->a;
    hh_store_resource_spec rs = {0};
    int64_t old = n->res_id, id = 0;
    json_t *row = NULL;
    int rc;

    rs.stack_id = a->stack_id;
    rs.name = n->name;
    rs.type = hh_stack_model_type_name(a->m, n->name);
    rs.action = "INIT";
    rs.status = "COMPLETE";
    rs.status_reason = "";
    rs.current_template_id = a->tmpl_id;
    rs.replaces = old;
    rc = hh_store_begin(st, err);
    if (rc != 0)
        return rc;
    rc = hh_store_resource_create(st, a->term, &rs, &id, NULL, err);
    if (rc == 0)
        rc = hh_store_resource_set_replaced_by(st, a->term, old, id, err);
    if (rc == 0 && n->hook_forget != 0) /* the old row's cleared pre-update */
        rc = hh_store_resource_data_delete(st, a->term, old, hh_env_hook_name(n->hook_forget), err);
    if (rc != 0) {
        hh_store_rollback(st);
        return rc;
    }
    rc = hh_store_commit(st, err);
    if (rc == 0) {
        n->hook_forget = n->hook_passed = 0;
        rc = hh_store_resource_get(st, id, &row, err);
    }
    if (rc != 0)
        return rc;
    n->res_id = id;
    json_decref(*rowp);
    *rowp = row;
    return 0;
}

/* Does the resource's definition in the template it was last converged
 * to (row's current_template_id) differ from the stack's in anything but
 * its properties (Heat's "before != after.freeze()": metadata, depends_on,
 * deletion_policy, update_policy, external_id, condition)? A definition
 * that cannot be read counts as unchanged. */
static bool definition_changed(const action *a, hh_store *st, const json_t *row, const char *name)
{
    static const char *const hot[] = {
        "metadata",  "depends_on", "deletion_policy", "update_policy", "external_id",
        "condition", NULL};
    static const char *const cfn[] = {"Metadata",     "DependsOn", "DeletionPolicy",
                                      "UpdatePolicy", "Condition", NULL};
    bool is_cfn = hh_stack_model_is_cfn(a->m);
    const char *const *keys = is_cfn ? cfn : hot;
    const json_t *after = hh_stack_model_definition(a->m, name), *before;
    json_t *raw = NULL;
    bool changed = false;
    size_t k;

    if (hh_store_template_get(st, json_integer_value(json_object_get(row, "current_template_id")),
                              &raw, NULL) != 0)
        return false;
    before = json_object_get(
        json_object_get(json_object_get(raw, "template"), is_cfn ? "Resources" : "resources"),
        name);
    for (k = 0; before != NULL && keys[k] != NULL && !changed; k++) {
        json_t *x = json_object_get(before, keys[k]), *y = json_object_get(after, keys[k]);
        json_t *xl = NULL, *yl = NULL;

        /* a single dependency is the list of one */
        if (json_is_string(x) && k == 1)
            x = xl = json_pack("[O]", x);
        if (json_is_string(y) && k == 1)
            y = yl = json_pack("[O]", y);
        changed = !(x == NULL && y == NULL) && !json_equal(x, y);
        json_decref(xl);
        json_decref(yl);
    }
    json_decref(raw);
    return changed;
}

/* Heat's Resource.update decision for the resource of n against the
 * stack's template (_needs_update, update_template_diff_properties): an
 * INIT resource is created; a FAILED or deleted one, or one whose type
 * changed, is replaced; else the plugin decides between nothing (done
 * here: current_template_id moves on; a FAILED resource of a type that is
 * never updated is set COMPLETE as Heat's _persist_update_no_change),
 * in place (n->diff; also with no property changed when another part of
 * the definition did) and replace. Sets n->ract and n->props; a property
 * error goes to *prc/perr (the step then fails after its IN_PROGRESS). */
static int converge_decide(node *n, hh_store *st, json_t **rowp, int *prc, hh_error *perr,
                           hh_error *err)
{
    action *a = n->a;
    const json_t *row = *rowp, *before;
    const char *ra = jstr(row, "action"), *rs = jstr(row, "status");
    const char *ttype = hh_stack_model_type_name(a->m, n->name);
    const hh_rtype *t = NULL;
    hh_rupdate d = HH_RUPDATE_NONE;
    json_t *empty = NULL, *diff = NULL, *requires = NULL;
    bool never, always;
    int rc = 0;

    *prc = hh_stack_model_properties(a->m, st, n->name, &n->props, perr);
    if (strcmp(ra, "INIT") == 0) {
        n->ract = HH_RACT_CREATE;
        return 0;
    }
    n->ract = HH_RACT_UPDATE;
    if (*prc != 0)
        return 0;
    *prc = hh_stack_model_rtype(a->m, n->name, &t, perr);
    if (*prc != 0)
        return 0;
    never = (t->ops->flags & HH_RPLUGIN_NEVER_UPDATE) != 0;
    /* StackResource._needs_update: a failed one with a child stack is
     * updated (the child decides), unless it is CHECK_FAILED */
    always = (t->ops->flags & HH_RPLUGIN_ALWAYS_UPDATE) != 0 &&
             jstr(row, "physical_resource_id")[0] != '\0' && strcmp(ra, "CHECK") != 0;
    if ((strcmp(rs, "FAILED") == 0 && !never && !always) || strcmp(ra, "DELETE") == 0 ||
        ttype == NULL || strcmp(ttype, jstr(row, "type")) != 0) {
        d = HH_RUPDATE_REPLACE;
    } else {
        before = json_object_get(row, "properties_data");
        if (!json_is_object(before))
            before = empty = json_object();
        *prc = hh_rplugin_update_decide(t, n->name, before, n->props, &d, &diff, perr);
        json_decref(empty);
        if (*prc != 0)
            return 0;
        if (d == HH_RUPDATE_NONE && !never && definition_changed(a, st, row, n->name)) {
            d = HH_RUPDATE_IN_PLACE; /* handle_update with no property change */
            diff = json_object();
        }
    }
    switch (d) {
    case HH_RUPDATE_NONE: {
        rcommit c = {.ract = HH_RACT_UPDATE, .current = a->tmpl_id};

        requires = node_requires(a, n);
        c.requires = requires;
        c.no_event = true;
        c.forget = n->hook_forget;
        if (strcmp(rs, "FAILED") == 0) {
            /* Heat's _persist_update_no_change */
            hh_raction keep;

            c.state = true;
            c.no_event = false;
            c.status = "COMPLETE";
            c.reason = "Update status to COMPLETE for FAILED resource neither update nor replace.";
            for (keep = HH_RACT_CREATE; keep <= HH_RACT_CHECK; keep++)
                if (strcmp(hh_raction_name(keep), ra) == 0)
                    c.ract = keep;
        }
        rc = resource_commit(a, st, row, &c, err);
        json_decref(requires);
        if (rc == 0) {
            n->hook_forget = n->hook_passed = 0;
            n->result = R_DONE;
        }
        return rc;
    }
    case HH_RUPDATE_IN_PLACE:
        n->diff = diff;
        return 0;
    case HH_RUPDATE_REPLACE:
        break;
    }
    json_decref(diff);
    n->ract = HH_RACT_CREATE;
    return make_replacement(n, st, rowp, err);
}

static bool row_is(const json_t *row, const char *act, const char *status);

/* Does the stack's environment set hook (0: none) for resource name? */
static bool hook_set(const action *a, const char *name, unsigned hook)
{
    const hh_env *env = hh_stack_model_env(a->m);

    return hook != 0 && env != NULL && (hh_env_hooks(env, name) & hook) != 0;
}

/* The pre hook of node n's step on row (0: none; Heat's create, update
 * and delete): pre-create of a create in the stack's CREATE, pre-update
 * of any update of a resource that exists (a converging action, whatever
 * the update then decides), pre-delete of a delete in the stack's DELETE.
 * Not in the create retry loop (Heat's hook comes before it), nor for an
 * update's new resources, replacements and cleanup. */
static unsigned pre_hook(const node *n, const json_t *row)
{
    const action *a = n->a;

    if (n->retry)
        return 0;
    if (n->kind == K_ACT && a->action == HH_SACT_CREATE)
        return HH_HOOK_PRE_CREATE;
    if (n->kind == K_ACT && a->action == HH_SACT_DELETE)
        return HH_HOOK_PRE_DELETE;
    if (n->kind == K_CONVERGE && !row_is(row, "INIT", NULL))
        return HH_HOOK_PRE_UPDATE;
    return 0;
}

/* The post hook of node n's step that completed (0: none): post-create
 * and post-delete of the stack's CREATE and DELETE, post-update of an
 * update in place. */
static unsigned post_hook(const node *n)
{
    const action *a = n->a;

    if (n->kind == K_ACT && n->ract == HH_RACT_CREATE && a->action == HH_SACT_CREATE)
        return HH_HOOK_POST_CREATE;
    if (n->kind == K_ACT && n->ract == HH_RACT_DELETE && a->action == HH_SACT_DELETE && !n->retry)
        return HH_HOOK_POST_DELETE;
    if (n->kind == K_CONVERGE && n->ract == HH_RACT_UPDATE)
        return HH_HOOK_POST_UPDATE;
    return 0;
}

/* Before node n's step on row: its pre hook. Paused (triggered now or
 * before a crash): n->result R_PAUSED, n->hook. Cleared: n->hook_forget,
 * whose key goes with the step's first commit. */
static int pre_hook_gate(node *n, hh_store *st, const json_t *row, hh_error *err)
{
    unsigned hook = n->hook_passed == 0 ? pre_hook(n, row) : 0;
    hh_stack_hook_gate g = HH_HOOK_GATE_NONE;
    int rc;

    if (hook == 0)
        return 0;
    rc = hh_stack_hook_enter(n->a->m, st, n->a->term, row, hook, jstr(row, "action"),
                             jstr(row, "status"), &g, err);
    if (rc == 0 && g == HH_HOOK_GATE_PAUSED) {
        n->ract = n->kind == K_CONVERGE ? HH_RACT_UPDATE : act_raction(n->a);
        n->hook = hook;
        n->result = R_PAUSED;
    } else if (rc == 0 && g == HH_HOOK_GATE_PASSED) {
        n->hook_passed = n->hook_forget = hook;
    }
    return rc;
}

/* The post hook of node n, whose step's COMPLETE is written (not yet
 * committed) in st's transaction: when the environment sets it, the
 * pause is triggered in the same transaction (n->result R_PAUSED). */
static int post_hook_gate(node *n, hh_store *st, hh_error *err)
{
    unsigned hook = post_hook(n);
    json_t *row = NULL;
    hh_stack_hook_gate g = HH_HOOK_GATE_NONE;
    int rc;

    if (!hook_set(n->a, n->name, hook))
        return 0;
    rc = hh_store_resource_get(st, n->res_id, &row, err); /* as just written */
    if (rc == 0)
        rc = hh_stack_hook_enter(n->a->m, st, n->a->term, row, hook, hh_raction_name(n->ract),
                                 "COMPLETE", &g, err);
    if (rc == 0 && g == HH_HOOK_GATE_PASSED) /* a stale clear: gone with this step */
        rc = hh_store_resource_data_delete(st, n->a->term, n->res_id, hh_env_hook_name(hook), err);
    if (rc == 0 && g == HH_HOOK_GATE_PAUSED) {
        n->hook = hook;
        n->result = R_PAUSED;
    }
    json_decref(row);
    return rc;
}

/* Job J_HOOK of node n, paused on n->hook: still paused (R_PAUSED), or
 * cleared: a pre hook's step begins (n->job J_START, n->hook_forget), a
 * post hook's node is done (its key deleted: R_DONE). Ended by the owner
 * (n->hook_abort): the key removed with Heat's event "Failure occurred
 * while waiting.", the resource's state as it is, the node failed "<A>
 * aborted". */
static int hook_wait(node *n, hh_store *st, const json_t *row, hh_error *err)
{
    hh_stack_hook_gate g;
    unsigned hook = n->hook;
    int rc;

    if (n->hook_abort) {
        n->hook_abort = false;
        n->hook = 0;
        rc = hh_stack_hook_abandon(n->a->m, st, n->a->term, row, hook, jstr(row, "action"),
                                   jstr(row, "status"), err);
        snprintf(n->reason, sizeof(n->reason), "%s aborted", hh_raction_name(n->ract));
        n->result = rc == HH_EFENCED ? R_FENCED : R_FAILED;
        return 0;
    }
    rc = hh_stack_hook_read(st, n->res_id, hook, &g, err);
    if (rc != 0)
        return rc;
    if (g == HH_HOOK_GATE_PAUSED) {
        n->result = R_PAUSED;
        return 0;
    }
    n->hook = 0;
    if (hook & (HH_HOOK_POST_CREATE | HH_HOOK_POST_UPDATE | HH_HOOK_POST_DELETE)) {
        if (g == HH_HOOK_GATE_PASSED)
            rc = hh_store_resource_data_delete(st, n->a->term, n->res_id, hh_env_hook_name(hook),
                                               err);
        if (rc == 0)
            n->result = R_DONE;
        return rc;
    }
    n->hook_passed = hook;
    n->hook_forget = g == HH_HOOK_GATE_PASSED ? hook : 0;
    n->job = J_START;
    return 0;
}

/* The first step of node n: what it does (n->ract, n->props), the checks
 * before it, then (ract, IN_PROGRESS) with the start time committed, and
 * for a create or update its requires and current_template_id (a
 * converging node's claim: see node_initial). n->result R_DONE: nothing
 * more to do. */
static int node_begin(node *n, hh_store *st, json_t **rowp, bool *nowrite, hh_error *err)
{
    action *a = n->a;
    const json_t *row = *rowp;
    const hh_rtype *t = NULL;
    json_t *requires = NULL;
    rcommit c = {.state = true, .status = "IN_PROGRESS", .reason = "state changed"};
    hh_error perr;
    int rc = 0, prc = 0;

    hh_error_clear(&perr);
    n->action_started = wall_now();
    rc = pre_hook_gate(n, st, row, err);
    if (rc != 0 || n->result == R_PAUSED)
        return rc;
    if (n->retry) {
        /* a step of the retry loop: the row's stored properties for its
         * delete, resolved again for the create */
        n->ract = n->retry_ract;
        if (n->ract == HH_RACT_DELETE)
            n->props = json_incref(json_object_get(row, "properties_data"));
        else
            prc = hh_stack_model_properties(a->m, st, n->name, &n->props, &perr);
        goto commit;
    }
    switch (n->kind) {
    case K_CLEANUP:
        n->ract = HH_RACT_DELETE;
        if (strcmp(jstr(row, "action"), "INIT") == 0 ||
            (strcmp(jstr(row, "action"), "DELETE") == 0 &&
             strcmp(jstr(row, "status"), "COMPLETE") == 0)) {
            /* nothing exists: the row goes without a delete (Heat's) */
            rc = hh_store_resource_delete(st, a->term, n->res_id, err);
            if (rc == 0)
                n->result = R_DONE;
            return rc;
        }
        n->props = json_incref(json_object_get(row, "properties_data"));
        break;
    case K_ACT:
        n->ract = act_raction(a);
        if (defines_resource(n->ract))
            prc = hh_stack_model_properties(a->m, st, n->name, &n->props, &perr);
        else
            n->props = json_incref(json_object_get(row, "properties_data"));
        if (n->ract == HH_RACT_SUSPEND || n->ract == HH_RACT_RESUME || n->ract == HH_RACT_CHECK) {
            rc = hh_stack_model_rtype(a->m, n->name, &t, err);
            if (rc == 0)
                rc = act_precheck(n, st, row, t, nowrite, err);
            if (rc != 0 || n->result == R_DONE)
                return rc;
        }
        break;
    case K_CONVERGE:
        rc = converge_decide(n, st, rowp, &prc, &perr, err);
        if (rc != 0 || n->result == R_DONE)
            return rc;
        row = *rowp;
        break;
    }
commit:
    rc = step_begin(a, st, row, err);
    if (rc != 0)
        return rc;
    c.ract = n->ract;
    c.props = n->props;
    c.forget = n->hook_forget;
    /* a step in one transaction (step_begin) saves its start only if it
     * ends in progress (node_job): nothing else reads it */
    n->started_unsaved = hh_store_in_transaction(st);
    c.started = n->started_unsaved ? 0 : n->action_started;
    if (defines_resource(n->ract) && json_is_object(n->props))
        c.save_props = n->props;
    if (defines_resource(n->ract) || n->ract == HH_RACT_UPDATE) {
        /* what it requires is known before it acts (Heat's convergence
         * stores it first): a failed one is cleaned up in order too */
        requires = node_requires(a, n);
        c.current = a->tmpl_id;
        c.requires = requires;
    }
    rc = resource_commit(a, st, row, &c, err);
    json_decref(requires);
    if (rc == 0)
        n->hook_forget = n->hook_passed = 0;
    if (rc == 0 && prc != 0) {
        *err = perr;
        rc = prc;
    }
    return rc;
}

/* A step that a dead engine committed IN_PROGRESS: what it was doing. */
static int node_resume(node *n, hh_store *st, const json_t *row, hh_error *err)
{
    action *a = n->a;
    const hh_rtype *t = NULL;
    hh_rupdate d;
    json_t *empty = NULL;
    const json_t *before;
    char *started = NULL;
    int rc;

    rc = hh_store_resource_data_get(st, n->res_id, HH_STACK_DATA_ACTION_STARTED, &started, NULL);
    n->action_started = rc == 0 ? strtod(started, NULL) : wall_now();
    free(started);
    if (n->kind == K_CLEANUP)
        n->ract = HH_RACT_DELETE;
    else if (n->retry)
        n->ract = n->retry_ract;
    else if (n->kind == K_ACT)
        n->ract = act_raction(a);
    else
        n->ract = strcmp(jstr(row, "action"), "UPDATE") == 0 ? HH_RACT_UPDATE : HH_RACT_CREATE;
    if (n->ract == HH_RACT_UPDATE) {
        /* the new properties again, and their difference to the stored
         * ones (stored only when the update completes) */
        rc = hh_stack_model_properties(a->m, st, n->name, &n->props, err);
        if (rc == 0)
            rc = hh_stack_model_rtype(a->m, n->name, &t, err);
        if (rc != 0)
            return rc;
        before = json_object_get(row, "properties_data");
        if (!json_is_object(before))
            before = empty = json_object();
        rc = hh_rplugin_update_decide(t, n->name, before, n->props, &d, &n->diff, err);
        json_decref(empty);
        if (rc == 0 && n->diff == NULL)
            n->diff = json_object();
        return rc;
    }
    /* the dead engine committed IN_PROGRESS with the properties of a
     * create */
    n->props = json_incref(json_object_get(row, "properties_data"));
    if (!json_is_object(n->props) && defines_resource(n->ract)) {
        json_decref(n->props);
        n->props = NULL;
        return hh_stack_model_properties(a->m, st, n->name, &n->props, err);
    }
    return 0;
}

/* Does Heat's create retry loop retry the failure err of node n's step
 * (Resource.create: a ResourceInError of the create, or of the delete
 * between two creates)? */
static bool retriable(const node *n, const hh_error *err)
{
    if (n->a->e->opts.action_retry_limit <= 0 || atomic_load(&n->a->abort) || err->type == NULL ||
        strcmp(err->type, "ResourceInError") != 0)
        return false;
    return n->ract == HH_RACT_CREATE || (n->retry && n->ract == HH_RACT_DELETE);
}

/* One job of node n: its result in n->result (and n->reason). */
static void node_job(node *n)
{
    action *a = n->a;
    hh_stack_engine *e = a->e;
    hh_store *st = NULL;
    json_t *row = NULL, *requires = NULL;
    hh_stack_rctx_hold hold;
    hh_rctx ctx;
    hh_rstep step;
    hh_error err;
    rcommit c = {.state = true};
    bool nowrite = false, chained = tl_tx.st != NULL, keep = false;
    int rc = 0;

    hh_error_clear(&err);
    memset(&step, 0, sizeof(step));
    memset(&hold, 0, sizeof(hold));
    n->result = R_FAILED;
    n->reason[0] = '\0';
    n->pid[0] = '\0';
    n->started_unsaved = false;
    st = chained ? tl_tx.st : store_take(e, &err);
    tl_tx.st = NULL;
    if (st == NULL) {
        rc = err.rc != 0 ? err.rc : EIO;
        goto failed;
    }
    rc = hh_store_resource_get(st, n->res_id, &row, &err);
    if (rc != 0)
        goto failed;
    if (chained && !(n->kind == K_ACT && n->job == J_START && store_only(a, st, row))) {
        /* not a step of the chain's kind: the chain's steps first */
        chained = false;
        if (step_end(st, 0, &err) != 0) {
            n->result = R_FENCED; /* the chain's steps are lost: a resume redoes them */
            goto done;
        }
    }
    if (n->job == J_HOOK) {
        rc = hook_wait(n, st, row, &err);
        if (rc != 0)
            goto failed;
        if (n->job == J_HOOK)
            goto done; /* still paused, done, or ended */
        n->result = R_FAILED;
    }
    if (n->job == J_START) {
        rc = node_begin(n, st, &row, &nowrite, &err);
        if (rc != 0)
            goto failed;
        if (n->result == R_DONE || n->result == R_PAUSED)
            goto done;
    } else if (n->job == J_RESUME) {
        rc = node_resume(n, st, row, &err);
        if (rc != 0)
            goto failed;
    }

    rc = step_begin(a, st, row, &err);
    if (rc == 0)
        rc = hh_stack_model_rctx(a->m, st, a->term, row, n->props, n->action_started, &hold, &ctx,
                                 &err);
    if (rc != 0)
        goto failed;
    hold.nested = e->nested;
    ctx.cancel = &a->abort;
    if (n->ract == HH_RACT_UPDATE && json_is_object(json_object_get(row, "properties_data")))
        ctx.prior_properties = json_object_get(row, "properties_data");
    if (n->job == J_POLL)
        rc = hh_rplugin_check_complete(ctx.type, n->ract, &ctx, &step, &err);
    else
        rc = hh_rplugin_handle(ctx.type, n->ract, &ctx, n->ract == HH_RACT_UPDATE ? n->diff : NULL,
                               &step, &err);
    if (hold.rc == HH_EFENCED || rc == HH_EFENCED) {
        n->result = R_FENCED;
        goto done;
    }
    if (rc != 0)
        goto failed;
    if (!step.done) {
        if (n->started_unsaved && hh_store_in_transaction(st))
            rc = save_started(a, st, n->res_id, n->action_started, &err);
        rc = step_end(st, rc, &err);
        if (rc != 0)
            goto failed;
        n->result = R_PENDING;
        n->poll_secs = step.poll_secs > 0 ? step.poll_secs : e->opts.poll_secs;
        if (strlen(ctx.physical_id) < sizeof(n->pid))
            snprintf(n->pid, sizeof(n->pid), "%s", ctx.physical_id);
        goto done;
    }
    c.ract = n->ract;
    c.status = "COMPLETE";
    c.reason = step.reason[0] != '\0' ? step.reason : "state changed";
    c.pid = ctx.physical_id;
    if (n->kind == K_CLEANUP) {
        c.remove = true;
    } else if (n->retry && n->ract == HH_RACT_DELETE) {
        c.clear_pid = true; /* the create after it makes a new one */
        c.pid = "";
    } else if (defines_resource(n->ract) || n->ract == HH_RACT_UPDATE) {
        requires = node_requires(a, n);
        c.current = a->tmpl_id;
        c.requires = requires;
        if (n->ract == HH_RACT_UPDATE && json_is_object(n->props))
            c.save_props = n->props;
    }
    if (hook_set(a, n->name, post_hook(n)) && !hh_store_in_transaction(st))
        rc = hh_store_begin(st, &err); /* the COMPLETE and the pause together */
    if (rc == 0)
        rc = resource_commit(a, st, row, &c, &err);
    n->result = R_DONE;
    if (rc == 0 && hh_store_in_transaction(st))
        rc = post_hook_gate(n, st, &err);
    if (rc != 0 || n->kind != K_ACT || !hh_store_in_transaction(st) || n->result == R_PAUSED)
        rc = step_end(st, rc, &err);
    /* else its transaction may go on with the next step (chain_tx) */
    if (rc == HH_EFENCED) {
        n->result = R_FENCED;
        goto done;
    }
    if (rc != 0) {
        n->result = R_FAILED;
        goto failed;
    }
    goto done;

failed:
    if (rc == HH_EFENCED) {
        n->result = R_FENCED;
        goto done;
    }
    if (rc == ECANCELED && atomic_load(&a->abort)) {
        snprintf(n->reason, sizeof(n->reason), "%s aborted", hh_raction_name(n->ract));
        /* Heat's handle_<action>_cancel (a child stack's action stops) */
        if (hold.st != NULL)
            (void)hh_rplugin_cancel(ctx.type, n->ract, &ctx, NULL);
    } else if (n->reason[0] == '\0')
        fail_reason(n, &err, rc);
    n->result = R_FAILED;
    if (st != NULL && row != NULL && !nowrite) {
        rcommit f = {.ract = n->ract, .state = true, .status = "FAILED", .reason = n->reason};
        bool in_step = hh_store_in_transaction(st), retry = retriable(n, &err);
        char mark[sizeof(n->first_reason) + 16];

        if (retry && n->ract == HH_RACT_CREATE) {
            /* where the retry loop stands, with the failure (resume) */
            snprintf(mark, sizeof(mark), "%d\n%s", n->tries_create + 1,
                     n->retry ? n->first_reason : n->reason);
            f.retry_mark = mark;
        }
        f.pid = hold.st != NULL ? ctx.physical_id : NULL;
        rc = resource_commit(a, st, row, &f, &err);
        rc = step_end(st, rc, &err);
        if (in_step && rc != 0 && rc != HH_EFENCED) {
            /* the step's transaction is lost: its failure alone */
            f.pid = NULL;
            rc = resource_commit(a, st, row, &f, &err);
            if (chained)
                rc = HH_EFENCED; /* and the chain's steps: a resume redoes them */
        }
        if (rc == HH_EFENCED)
            n->result = R_FENCED;
        else if (rc == 0 && retry)
            n->result = R_RETRY;
    }
done:
    if (st != NULL && hh_store_in_transaction(st)) {
        if (n->result == R_DONE && n->kind == K_ACT) {
            keep = true; /* run_job ends the chain's transaction or goes on */
        } else if (chained && n->result != R_FENCED) {
            /* a refusal that wrote nothing: the chain's steps stay */
            if (step_end(st, 0, &err) != 0)
                n->result = R_FENCED;
        } else {
            hh_store_rollback(st); /* fenced in the step: nothing of it stays */
            if (chained)
                n->result = R_FENCED;
        }
    }
    json_decref(requires);
    json_decref(row);
    if (keep) {
        if (!chained) {
            tl_tx.steps = 0;
            tl_tx.t0 = mono_now();
        }
        tl_tx.st = st;
        tl_tx.steps++;
    } else if (st != NULL) {
        store_give(e, st);
    }
}

/* The owner's test (its flags; a worker reads the halt flag they set):
 * the nodes ready at one time start together, as Heat's do, even when
 * one of them fails at once. */
static bool may_start(const action *a)
{
    return !a->failed && !a->cancelled && !a->fenced && !a->timed_out && !a->quiet;
}

/* Under a's lock, node i succeeded: the nodes waiting for it (forward,
 * the nodes depending on it; reverse, the nodes it depends on) have one
 * predecessor less. Returns the first of them that became ready when a
 * node may start (a worker's continuation), else NULL; *more: others
 * became ready too (the owner starts them). */
static node *release(action *a, size_t i, bool *more)
{
    const size_t *succ;
    size_t k, ns;
    node *first = NULL, *s;

    *more = false;
    succ = hh_sched_graph_edges(a->g, i, !a->reverse, &ns);
    for (k = 0; k < ns; k++) {
        s = &a->nodes[succ[k]];
        if (s->waiting == 0 || --s->waiting > 0 || s->phase != N_IDLE)
            continue;
        if (first == NULL)
            first = s;
        else
            *more = true;
    }
    return first != NULL && !atomic_load(&a->halt) ? first : NULL;
}

/* Does the worker's chain transaction go on with next (claimed), the one
 * node that n's success made ready? Only when no other node waits for n
 * (no other worker may read n before its commit) and within its bounds. */
static bool chain_tx_goes_on(const action *a, const node *n, const node *next, bool more)
{
    size_t ns = 0;

    if (next == NULL || more || tl_tx.steps >= CHAIN_TX_STEPS ||
        (mono_now() - tl_tx.t0) * 1000 >= CHAIN_TX_MS)
        return false;
    hh_sched_graph_edges(a->g, n->idx, !a->reverse, &ns);
    return ns == 1;
}

/* The pool's job: one job of a node. A success releases the nodes waiting
 * for it here and runs the first that became ready as this job's
 * continuation (the others start from the owner's start_ready, in name
 * order); when it made no other node ready, its completion does not wake
 * the owner, which has nothing to do for it before the chain ends. A
 * failure (outside a CHECK's aggregate) or fencing stops new starts
 * before the owner has collected it. */
static int run_job(void *arg)
{
    node *n = arg, *next;
    action *a = n->a;
    bool more = false;

    node_job(n);
    if (n->result == R_DONE && (!n->retry || n->ract == HH_RACT_CREATE)) {
        /* done (a create retry loop's delete is not: retry_next) */
        pthread_mutex_lock(&a->lock);
        next = release(a, n->idx, &more);
        if (next != NULL) {
            next->job = J_START;
            next->phase = N_QUEUED;
            a->queued++;
        }
        pthread_mutex_unlock(&a->lock);
    } else {
        next = NULL;
    }
    if (tl_tx.st != NULL && !chain_tx_goes_on(a, n, next, more) && chain_tx_end(a->e) != 0)
        n->result = R_FENCED; /* its steps are lost: a resume redoes them */
    if ((n->result == R_FAILED && a->agg == NULL) || n->result == R_FENCED)
        halt(a);
    if (next != NULL &&
        (n->result != R_DONE || hh_pool_then(a->e->pool, run_job, next, !more) != 0)) {
        /* left to the owner's start_ready (or to none: halted) */
        if (chain_tx_end(a->e) != 0) {
            n->result = R_FENCED;
            halt(a);
        }
        pthread_mutex_lock(&a->lock);
        next->phase = N_IDLE;
        a->queued--;
        pthread_mutex_unlock(&a->lock);
    }
    if (a->e->opts.job_end != NULL)
        a->e->opts.job_end(a->e->opts.job_end_arg, a->stack_id, n->name,
                           n->result == R_PENDING || n->result == R_PAUSED);
    return 0;
}

/* ---- the owner's side (under the action's lock) --------------------------- */

static void node_failed(action *a, node *n)
{
    n->phase = N_FAILED;
    if (a->agg != NULL && !a->cancelled && !a->timed_out) {
        json_array_append_new(a->agg, json_string(n->reason));
        return;
    }
    /* the first of failure, cancel and timeout is the stack's reason */
    if (!a->failed && !a->cancelled && !a->timed_out) {
        a->failed = true;
        halt(a);
        a->fail_time = mono_now();
        a->reason_act = n->ract;
        snprintf(a->reason, sizeof(a->reason), "%s", n->reason);
    }
}

static int submit(action *a, node *n, job_kind job)
{
    int rc;

    n->job = job;
    n->phase = N_QUEUED;
    n->rewake = false; /* the job reads the state as it is from now on */
    rc = hh_pool_submit(a->e->pool, run_job, n);
    if (rc != 0) {
        snprintf(n->reason, sizeof(n->reason), "%s: resources.%s: %s", "Error", n->name,
                 hh_strerror(rc));
        node_failed(a, n);
        return rc;
    }
    a->queued++;
    return 0;
}

/* Start every idle node whose predecessors are done (name order). */
static void start_ready(action *a)
{
    size_t i;

    for (i = 0; i < a->n && may_start(a); i++)
        if (a->nodes[i].phase == N_IDLE && a->nodes[i].waiting == 0)
            submit(a, &a->nodes[i], J_START);
}

/* Heat's timeutils.retry_backoff_delay(attempt, jitter_max=2.0), times
 * the engine's retry_backoff_scale. */
static double backoff(const action *a, int attempt)
{
    unsigned char r = 0;

    if (getrandom(&r, 1, 0) != 1)
        r = 128;
    return ((double)(1ull << (attempt < 62 ? attempt : 62)) + 2.0 * r / 256.0) *
           a->e->opts.retry_backoff_scale;
}

/* Run job of node n after delay seconds (at once when none). */
static void submit_after(action *a, node *n, job_kind job, double delay)
{
    if (delay <= 0) {
        submit(a, n, job);
        return;
    }
    n->phase = N_WAITING;
    n->wait_job = job;
    n->due = mono_now() + delay;
    a->waiting++;
}

/* The end of a node's failed loop of retries: the first failure is its
 * (Heat raises first_failure, a ResourceFailure of CREATE). */
static void retry_give_up(action *a, node *n)
{
    n->ract = HH_RACT_CREATE;
    if (n->first_reason[0] != '\0') /* unknown after a resume: the last one */
        snprintf(n->reason, sizeof(n->reason), "%s", n->first_reason);
    node_failed(a, n);
}

/* The next step of Heat's create retry loop after node n's step ended
 * with result R_RETRY (a ResourceInError, recorded FAILED) or R_DONE:
 * while count[CREATE] and count[DELETE] are within action_retry_limit, a
 * failed create is followed by a delete, a delete by a create, a failed
 * delete by a delete, each after retry_backoff_delay(count) (none before
 * the first delete). false: the node is done (its create succeeded). */
static bool retry_next(action *a, node *n)
{
    int limit = a->e->opts.action_retry_limit;
    double delay = 0;

    json_decref(n->props);
    n->props = NULL;
    if (n->result == R_DONE) {
        if (!n->retry || n->ract == HH_RACT_CREATE)
            return false;
        n->retry_ract = HH_RACT_CREATE; /* the delete is done */
        delay = backoff(a, n->tries_create);
    } else if (n->ract == HH_RACT_CREATE) {
        if (!n->retry)
            snprintf(n->first_reason, sizeof(n->first_reason), "%s", n->reason);
        n->retry = true;
        if (++n->tries_create > limit) {
            retry_give_up(a, n);
            return true;
        }
        n->retry_ract = HH_RACT_DELETE;
        n->tries_delete = 0;
    } else {
        if (++n->tries_delete > limit) {
            retry_give_up(a, n);
            return true;
        }
        delay = backoff(a, n->tries_delete);
    }
    submit_after(a, n, J_START, delay);
    return true;
}

static void collected(action *a, node *n)
{
    bool rewake = n->rewake;

    a->queued--;
    n->rewake = false;
    if (n->result == R_PENDING) {
        /* a poll that ends waiting on another stack than the one it was
         * registered for may have missed that stack's end: at once */
        if (n->waits_on[0] != '\0' && strcmp(n->waits_on, n->pid) != 0)
            rewake = true;
        snprintf(n->waits_on, sizeof(n->waits_on), "%s", n->pid);
    } else {
        n->waits_on[0] = '\0';
    }
    if (n->unsupported)
        a->unsupported = true;
    if ((n->result == R_RETRY || n->result == R_DONE) && retry_next(a, n))
        return;
    switch (n->result) {
    case R_DONE:
        n->phase = N_DONE; /* its worker released the nodes waiting for it */
        break;
    case R_PENDING:
        n->phase = N_WAITING;
        n->wait_job = J_POLL;
        n->due = mono_now() + (rewake ? 0 : n->poll_secs);
        a->waiting++;
        break;
    case R_PAUSED: /* the clear is read at the engine's poll interval */
        n->phase = N_WAITING;
        n->wait_job = J_HOOK;
        n->due = mono_now() + (rewake ? 0 : a->e->opts.poll_secs);
        a->waiting++;
        break;
    case R_RETRY: /* not reached: retry_next took it */
    case R_FAILED:
        node_failed(a, n);
        break;
    case R_FENCED:
        if (!a->fenced)
            a->e->nfenced++;
        if (!a->fenced)
            hh_log_warning("stack %s: a write under term %lld was refused: fenced by a newer "
                           "term (this engine was deposed); its action stops here and the "
                           "active engine resumes it",
                           a->stack_id, (long long)a->term);
        n->phase = N_FAILED;
        a->fenced = true;
        halt(a);
        break;
    }
    if (n->phase == N_DONE || n->phase == N_FAILED) {
        json_decref(n->props);
        n->props = NULL;
        json_decref(n->diff);
        n->diff = NULL;
    }
}

/* Heat's action.title() of a timeout: "Create timed out". */
static void timeout_reason(const char *act, char *buf, size_t len)
{
    size_t k;

    snprintf(buf, len, "%s timed out", act);
    for (k = 1; buf[k] != ' ' && buf[k] != '\0'; k++)
        buf[k] = (char)tolower((unsigned char)buf[k]);
}

int hh_stack_rollback_begin(hh_store *st, int64_t term, const json_t *row, hh_error *err)
{
    const char *id = json_string_value(json_object_get(row, "id"));
    const char *name = json_string_value(json_object_get(row, "name"));
    int64_t cur = json_integer_value(json_object_get(row, "raw_template_id"));
    int64_t prev = json_integer_value(json_object_get(row, "prev_raw_template_id"));
    json_t *raw = NULL, *doc = NULL;
    const char *key;
    json_t *v;
    int rc = 0;

    if (prev <= 0 || strcmp(jstr(row, "action"), "CREATE") == 0) {
        /* nothing to go back to: the empty template of the same version */
        rc = hh_store_template_get(st, cur, &raw, err);
        doc = json_object();
        if (rc == 0 && doc == NULL)
            rc = oom(err);
        json_object_foreach(json_object_get(raw, "template"), key, v)
        {
            if (rc == 0 && (strcmp(key, "heat_template_version") == 0 ||
                            strcmp(key, "AWSTemplateFormatVersion") == 0 ||
                            strcmp(key, "HeatTemplateFormatVersion") == 0))
                json_object_set(doc, key, v);
        }
        if (rc == 0)
            rc = hh_store_template_create(st, term, doc, json_object_get(raw, "files"),
                                          json_object_get(raw, "environment"), &prev, err);
    }
    if (rc == 0)
        rc = hh_store_stack_set_template(st, term, id, prev, cur, err);
    if (rc == 0)
        rc = hh_stack_state_commit(st, term, id, name, "ROLLBACK", "IN_PROGRESS",
                                   "Stack ROLLBACK started", err);
    json_decref(doc);
    json_decref(raw);
    return rc;
}

/* The stack's final state and its event in st's open transaction, with
 * what the action adds to it (a snapshot's data and state:
 * stack_snapshot.c; a failed adopt's rollback: stack_abandon.c). */
static int final_commit(action *a, const char *status, const char *reason, hh_error *err)
{
    hh_store *st = a->e->owner;
    int rc = 0;

    if (a->action == HH_SACT_SNAPSHOT)
        rc = hh_stack_snapshot_finish(st, a->term, a->m, status, reason, err);
    if (rc == 0)
        rc = hh_stack_state_commit(st, a->term, a->stack_id, hh_stack_model_name(a->m),
                                   hh_sact_name(a->action), status, reason, err);
    if (rc == 0 && a->action == HH_SACT_ADOPT && strcmp(status, "FAILED") == 0 && !a->cancelled &&
        !json_is_true(json_object_get(hh_stack_model_row(a->m), "disable_rollback")))
        rc = hh_stack_adopt_rollback(st, a->term, a->stack_id, hh_stack_model_name(a->m), err);
    return rc;
}

/* The stack's final state, once nothing runs. A failed CREATE or UPDATE
 * of a stack with rollback enabled commits its failure and the start of
 * the rollback together (a crash between them would lose the rollback);
 * a->then says so to the dispatch. */
static void action_finish(action *a)
{
    hh_store *st = a->e->owner;
    const char *act = hh_sact_name(a->action);
    const char *name = hh_stack_model_name(a->m);
    const json_t *row = hh_stack_model_row(a->m);
    json_t *fresh = NULL;
    char reason[1200];
    hh_error err;
    bool rollback;
    int rc;

    if (a->fenced || a->then != THEN_NONE || a->quiet)
        return; /* a newer engine, what follows, or the cancel owns the state */
    hh_error_clear(&err);
    if (json_array_size(a->agg) > 0 && !a->failed) {
        /* Heat's ExceptionGroup: str() of the list of the reasons */
        char *list = hh_py_str(a->agg);

        a->failed = true;
        a->reason_act = act_raction(a);
        snprintf(a->reason, sizeof(a->reason), "%s", list != NULL ? list : "");
        free(list);
    }
    if (a->failed || a->cancelled || a->timed_out) {
        /* the first of failure, cancel and timeout says why (Heat's
         * reasons: ResourceFailure with the resource's action,
         * ForcedCancel, scheduler.Timeout) */
        if (a->failed)
            snprintf(reason, sizeof(reason), "Resource %s failed: %s",
                     hh_raction_name(a->reason_act), a->reason);
        else if (a->cancelled)
            snprintf(reason, sizeof(reason), "Resource %s failed: Operation cancelled", act);
        else
            timeout_reason(act, reason, sizeof(reason));
        rollback = !a->cancelled && (a->action == HH_SACT_CREATE || a->action == HH_SACT_UPDATE) &&
                   !json_is_true(json_object_get(row, "disable_rollback"));
        rc = hh_store_begin(st, &err);
        if (rc == 0)
            rc = final_commit(a, "FAILED", reason, &err);
        if (rc == 0 && rollback) {
            /* the row as it is now (the update's template) */
            rc = hh_store_stack_get(st, a->stack_id, false, &fresh, &err);
            if (rc == 0)
                rc = hh_stack_rollback_begin(st, a->term, fresh, &err);
        }
        if (rc == 0)
            rc = hh_store_commit(st, &err);
        else
            hh_store_rollback(st);
        if (rc == 0 && rollback) {
            a->then = THEN_ROLLBACK;
            a->then_term = a->term;
        }
    } else if (a->action == HH_SACT_DELETE) {
        snprintf(reason, sizeof(reason), "Stack %s completed successfully", act);
        rc = hh_store_begin(st, &err);
        if (rc == 0) {
            hh_stack_state_commit(st, a->term, a->stack_id, name, act, "COMPLETE", reason, &err);
            hh_store_stack_soft_delete(st, a->term, a->stack_id, &err);
            rc = hh_store_commit(st, &err);
        }
    } else {
        snprintf(reason, sizeof(reason), "Stack %s completed successfully", act);
        rc = hh_store_begin(st, &err);
        if (rc == 0)
            rc = final_commit(a, "COMPLETE", reason, &err);
        if (rc == 0 && a->action == HH_SACT_CHECK && a->unsupported) {
            /* Stack.supports_check_action: the state again, with a note */
            char more[1300];

            snprintf(more, sizeof(more), "%s. 'CHECK' not fully supported (see resources)", reason);
            rc = hh_stack_state_commit(st, a->term, a->stack_id, name, act, "COMPLETE", more, &err);
        }
        if (rc == 0)
            rc = hh_store_commit(st, &err);
        else
            hh_store_rollback(st);
    }
    json_decref(fresh);
    /* A store that refuses (fenced, or down) leaves the stack IN_PROGRESS:
     * the next engine's resume finishes it. */
    (void)rc;
}

static int nodes_setup(action *a, const json_t *graph, hh_error *err);
static void node_initial(action *a, node *n, const json_t *row, bool resume);
static void retry_mark_read(action *a, node *n);
static void nodes_start(action *a);

/* UPDATE, ROLLBACK and DELETE end with a cleanup: the rows no node of the
 * action kept (an update's removed and replaced resources, failed
 * replacements left by earlier actions) are deleted in the reverse order
 * of their requires, each row going with its DELETE COMPLETE. false when
 * there is nothing to clean (or it could not be planned: the action
 * fails). */
static bool cleanup_begin(action *a)
{
    json_t *rows = NULL, *graph = NULL, *kept = NULL, *byid = NULL, *row, *r;
    char key[32], dkey[32];
    size_t i, k;
    int64_t count = -1;
    bool all_kept;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    a->cleaning = true;
    kept = json_object();
    graph = json_object();
    byid = json_object();
    rc = kept && graph && byid ? 0 : oom(&err);
    for (i = 0; rc == 0 && i < a->n; i++) {
        snprintf(key, sizeof(key), "%lld", (long long)a->nodes[i].res_id);
        json_object_set_new(kept, key, json_true());
    }
    /* as many rows as kept ones (each a row of the stack): nothing to
     * clean, no need to read them (rows stays NULL) */
    all_kept = rc == 0 && hh_store_resource_count(a->e->owner, a->stack_id, &count, NULL) == 0 &&
               count == (int64_t)json_object_size(kept) && json_object_get(kept, "0") == NULL;
    if (rc == 0 && !all_kept)
        rc = hh_store_resource_list(a->e->owner, a->stack_id, &rows, &err);
    json_array_foreach(rows, i, row)
    {
        snprintf(key, sizeof(key), "%lld",
                 (long long)json_integer_value(json_object_get(row, "id")));
        if (json_object_get(kept, key) == NULL)
            json_object_set(byid, key, row);
    }
    json_array_foreach(rows, i, row)
    {
        json_t *deps;

        snprintf(key, sizeof(key), "%lld",
                 (long long)json_integer_value(json_object_get(row, "id")));
        if (rc != 0 || json_object_get(byid, key) == NULL)
            continue;
        deps = json_array();
        json_array_foreach(json_object_get(row, "requires"), k, r)
        {
            snprintf(dkey, sizeof(dkey), "%lld", (long long)json_integer_value(r));
            if (json_object_get(byid, dkey) != NULL && strcmp(dkey, key) != 0)
                json_array_append_new(deps, json_string(dkey));
        }
        json_object_set_new(graph, key, deps);
    }
    nodes_free(a);
    a->reverse = true;
    if (rc == 0 && json_object_size(graph) > 0)
        rc = nodes_setup(a, graph, &err);
    for (i = 0; rc == 0 && i < a->n; i++) {
        node *n = &a->nodes[i];

        row = json_object_get(byid, hh_sched_graph_name(a->g, i));
        n->kind = K_CLEANUP;
        n->res_id = json_integer_value(json_object_get(row, "id"));
        snprintf(n->name, sizeof(n->name), "%s", jstr(row, "name"));
        node_initial(a, n, row, true);
    }
    if (rc != 0 && !a->failed) {
        a->failed = true;
        halt(a);
        a->fail_time = mono_now();
        a->reason_act = HH_RACT_DELETE;
        snprintf(a->reason, sizeof(a->reason), "Error: %s",
                 err.message[0] ? err.message : hh_strerror(rc));
    }
    json_decref(rows);
    json_decref(graph);
    json_decref(kept);
    json_decref(byid);
    if (rc != 0 || a->n == 0)
        return false;
    nodes_start(a);
    return true;
}

/* Apply deadlines, submit due polls, start ready nodes; move on to the
 * cleanup, or finish the action, when nothing runs. Returns true when it
 * ended. *next: the earliest due poll (monotonic), unchanged when none. */
static bool action_step(action *a, double now, double *next)
{
    size_t i;

    if (!a->failed && !a->cancelled && !a->timed_out && now >= a->deadline) {
        a->timed_out = true;
        halt(a);
    }
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
        if (atomic_load(&a->abort) && n->wait_job == J_START) {
            /* a retry not begun: nothing of it runs */
            a->waiting--;
            retry_give_up(a, n);
        } else if (n->wait_job == J_HOOK && (atomic_load(&a->abort) || a->quiet)) {
            /* a pause ends with the action (Heat's cancel, timeout or
             * stop_traversal reaching _break_if_required) */
            a->waiting--;
            n->hook_abort = true;
            submit(a, n, J_HOOK);
        } else if (atomic_load(&a->abort) || n->due <= now) {
            a->waiting--;
            submit(a, n, n->wait_job);
        } else if (n->due < *next) {
            *next = n->due;
        }
    }
    start_ready(a);
    if (a->queued == 0 && a->waiting == 0) {
        /* nothing runs and nothing more can start */
        for (i = 0; i < a->n && a->agg == NULL; i++)
            if (a->nodes[i].phase != N_DONE && may_start(a)) {
                snprintf(a->nodes[i].reason, sizeof(a->nodes[i].reason),
                         "Error: resources.%s: its dependencies never completed", a->nodes[i].name);
                node_failed(a, &a->nodes[i]);
            }
        if (may_start(a) && !a->cleaning && (converges(a) || a->action == HH_SACT_DELETE) &&
            cleanup_begin(a))
            return action_step(a, now, next);
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

int hh_stack_sact_launch(hh_stack_engine *e, const char *stack_id, const char *stack_name,
                         hh_sact act, int64_t term, hh_error *err)
{
    char reason[HH_ERROR_MSG_MAX + 64];
    hh_error mine;
    int rc;

    if (err == NULL)
        err = &mine;
    hh_error_clear(err);
    rc = hh_stack_sact_start(e, stack_id, act, term, false, err);
    if (rc != 0 && rc != HH_EFENCED) {
        snprintf(reason, sizeof(reason), "Stack %s failed: %s", hh_sact_name(act), err->message);
        hh_stack_state_commit(e->owner, term, stack_id, stack_name, hh_sact_name(act), "FAILED",
                              reason, NULL);
        hh_stack_engine_wake_parents(e, stack_id); /* a nested stack's parent reads its failure */
    }
    return rc;
}

/* What follows a's action, now that no job of a runs (its IN_PROGRESS is
 * committed already). The new action goes to the head of the list: the
 * dispatch loop steps it now or on its next call. */
static void start_next(hh_stack_engine *e, const action *a)
{
    hh_sact act = a->then == THEN_DELETE ? HH_SACT_DELETE : HH_SACT_ROLLBACK;

    hh_stack_sact_launch(e, a->stack_id, hh_stack_model_name(a->m), act, a->then_term, NULL);
}

/* The action on stack_id ended (or never started, its failure
 * committed): a resource of another action waiting for it as its nested
 * stack (the node's physical id is the stack's id) is polled at once,
 * not at its next poll (in-process; the poll stays the way after a
 * crash). A node whose job runs may have read the stack's state before
 * its end and come back waiting (node.rewake): the one polling stack_id
 * is marked, and so is one whose handler runs (its child is not known
 * before the job ends: an extra poll at worst). */
void hh_stack_engine_wake_parents(hh_stack_engine *e, const char *stack_id)
{
    double now = mono_now();
    action *b;
    size_t i;

    for (b = e->actions; b != NULL; b = b->next) {
        pthread_mutex_lock(&b->lock);
        for (i = 0; i < b->n; i++) {
            node *n = &b->nodes[i];
            bool mine = strcmp(n->waits_on, stack_id) == 0;

            if (n->phase == N_WAITING && n->wait_job == J_POLL && mine && n->due > now) {
                n->due = now;
                e->woken = true;
            } else if (n->phase == N_QUEUED && (mine || n->waits_on[0] == '\0')) {
                n->rewake = true;
            }
        }
        pthread_mutex_unlock(&b->lock);
    }
}

void hh_stack_engine_hook_cleared(hh_stack_engine *e, const char *stack_id)
{
    double now = mono_now();
    action *a;
    size_t i;

    for (a = e->actions; a != NULL; a = a->next) {
        if (strcmp(a->stack_id, stack_id) != 0)
            continue;
        pthread_mutex_lock(&a->lock);
        for (i = 0; i < a->n; i++) {
            node *n = &a->nodes[i];

            if (n->phase == N_WAITING && n->wait_job == J_HOOK) {
                n->due = now;
                e->woken = true;
            } else if (n->phase == N_QUEUED) {
                /* it may have read the gate before the clear (node.rewake) */
                n->rewake = true;
            }
        }
        pthread_mutex_unlock(&a->lock);
    }
}

/* A completion of the pool: its node back to the owner. */
static void collect(node *n)
{
    action *a = n->a;

    pthread_mutex_lock(&a->lock);
    collected(a, n);
    pthread_mutex_unlock(&a->lock);
}

int hh_stack_engine_dispatch(hh_stack_engine *e, long *next_ms)
{
    hh_pool_result res;
    action *a, **pp;
    double now, next;
    int rc;

    while ((rc = hh_pool_wait(e->pool, 0, &res)) == 0)
        collect(res.arg);
    hh_stack_nested_dispatch(e, e->nested);
    now = mono_now();
    next = now + 3600;
    for (pp = &e->actions; (a = *pp) != NULL;) {
        bool ended;

        pthread_mutex_lock(&a->lock);
        ended = action_step(a, now, &next);
        pthread_mutex_unlock(&a->lock);
        if (ended) {
            *pp = a->next;
            e->nactive--;
            if (a->then != THEN_NONE && !a->fenced)
                start_next(e, a);
            else
                hh_stack_engine_wake_parents(e, a->stack_id);
            action_free(a);
        } else {
            pp = &a->next;
        }
    }
    if (e->woken) {
        e->woken = false;
        next = now; /* step the woken nodes at once */
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
                collect(res.arg);
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
static bool is_abort(const char *reason)
{
    size_t len = strlen(reason);

    return len > 8 && strcmp(reason + len - 8, " aborted") == 0 && strchr(reason, ':') == NULL;
}

static bool row_is(const json_t *row, const char *act, const char *status)
{
    return strcmp(jstr(row, "action"), act) == 0 &&
           (status == NULL || strcmp(jstr(row, "status"), status) == 0);
}

/* Node n's step is COMPLETE in the store: on a resume, a post hook the
 * dead engine paused on (or that was cleared since) is waited for (or
 * passed) by a J_HOOK job. */
static bool post_paused(action *a, node *n, bool resume)
{
    hh_stack_hook_gate g = HH_HOOK_GATE_NONE;
    unsigned hook = post_hook(n);

    if (!resume || !hook_set(a, n->name, hook) ||
        hh_stack_hook_read(a->e->owner, n->res_id, hook, &g, NULL) != 0 || g == HH_HOOK_GATE_NONE)
        return false;
    n->hook = hook;
    n->job = J_HOOK;
    return true;
}

/* Where a resource's stored state puts its node. K_ACT: the action's own
 * state COMPLETE is done (for SUSPEND, RESUME, CHECK and SNAPSHOT only
 * on a resume: a new one acts again), IN_PROGRESS is resumed, FAILED (on a resume)
 * fails the action. K_CONVERGE: a row claimed by this action
 * (current_template_id is the stack's template; hh_stack_sact_start
 * clears stale claims) is done when COMPLETE and not INIT, resumed when
 * IN_PROGRESS, failed when FAILED; any other row is decided by its job.
 * K_CLEANUP: a DELETE IN_PROGRESS is resumed, the rest start. */
static void node_initial(action *a, node *n, const json_t *row, bool resume)
{
    const char *rstatus = jstr(row, "status");
    bool same, claimed;

    n->phase = N_IDLE;
    n->job = J_START;
    if (row == NULL) {
        snprintf(n->reason, sizeof(n->reason), "Error: resources.%s: not stored", n->name);
        node_failed(a, n);
        return;
    }
    switch (n->kind) {
    case K_CLEANUP:
        if (row_is(row, "DELETE", "IN_PROGRESS"))
            n->job = J_RESUME;
        return;
    case K_CONVERGE:
        claimed = json_integer_value(json_object_get(row, "current_template_id")) == a->tmpl_id;
        if (!claimed || row_is(row, "INIT", NULL))
            return;
        n->ract = strcmp(jstr(row, "action"), "UPDATE") == 0 ? HH_RACT_UPDATE : HH_RACT_CREATE;
        if (strcmp(rstatus, "COMPLETE") == 0) {
            if (!post_paused(a, n, resume))
                n->phase = N_DONE;
            return;
        }
        same = true;
        break;
    case K_ACT:
        n->ract = act_raction(a);
        if (resume && n->ract == HH_RACT_CREATE && a->e->opts.action_retry_limit > 0 &&
            (row_is(row, "DELETE", NULL) || (n->retry && row_is(row, "CREATE", "FAILED")))) {
            /* a create's retry loop left by a dead engine (n->retry and
             * its counts from the mark): a failed create is deleted, the
             * delete finished, then the create runs again */
            n->retry = true;
            if (n->tries_create <= 0)
                n->tries_create = 1;
            n->retry_ract = HH_RACT_DELETE;
            if (row_is(row, "CREATE", NULL) && n->tries_create > a->e->opts.action_retry_limit) {
                snprintf(n->reason, sizeof(n->reason), "%s", jstr(row, "status_reason"));
                retry_give_up(a, n);
            } else if (row_is(row, "CREATE", NULL)) {
                /* the delete starts */
            } else if (strcmp(rstatus, "IN_PROGRESS") == 0) {
                n->job = J_RESUME;
            } else if (strcmp(rstatus, "COMPLETE") == 0) {
                n->retry_ract = HH_RACT_CREATE;
            } else {
                snprintf(n->reason, sizeof(n->reason), "%s", jstr(row, "status_reason"));
                node_failed(a, n);
            }
            return;
        }
        if (a->action == HH_SACT_DELETE && row_is(row, "INIT", NULL)) {
            n->phase = N_DONE; /* never created: nothing to delete (Heat's) */
            return;
        }
        same = row_is(row, hh_raction_name(n->ract), NULL);
        if (same && strcmp(rstatus, "COMPLETE") == 0 &&
            (resume || a->action == HH_SACT_CREATE || a->action == HH_SACT_DELETE ||
             a->action == HH_SACT_ADOPT)) {
            if (!post_paused(a, n, resume))
                n->phase = N_DONE;
            return;
        }
        if (!resume || !same)
            return;
        break;
    }
    if (strcmp(rstatus, "IN_PROGRESS") == 0) {
        n->job = J_RESUME;
    } else if (strcmp(rstatus, "FAILED") == 0) {
        snprintf(n->reason, sizeof(n->reason), "%s", jstr(row, "status_reason"));
        /* aborts only follow the failure that stopped the action: that
         * one is the stack's reason, whatever the order of the nodes */
        if (a->failed && is_abort(a->reason) && !is_abort(n->reason)) {
            a->reason_act = n->ract;
            snprintf(a->reason, sizeof(a->reason), "%s", n->reason);
        }
        node_failed(a, n);
    }
}

/* The retry loop of node n's resource as a dead engine recorded it
 * (HH_STACK_DATA_RETRY): n->retry, count[CREATE] and the first failure. */
static void retry_mark_read(action *a, node *n)
{
    char *mark = NULL, *nl;

    if (hh_store_resource_data_get(a->e->owner, n->res_id, HH_STACK_DATA_RETRY, &mark, NULL) != 0 ||
        mark == NULL)
        return;
    nl = strchr(mark, '\n');
    n->retry = true;
    n->retry_ract = HH_RACT_CREATE;
    n->tries_create = atoi(mark);
    snprintf(n->first_reason, sizeof(n->first_reason), "%s", nl != NULL ? nl + 1 : "");
    free(mark);
}

/* Nodes for graph ({key: [keys it depends on]}), none started. */
static int nodes_setup(action *a, const json_t *graph, hh_error *err)
{
    size_t i;
    int rc;

    rc = hh_sched_graph_from_json(graph, &a->g, err);
    if (rc != 0)
        return rc;
    a->n = hh_sched_graph_size(a->g);
    a->nodes = calloc(a->n ? a->n : 1, sizeof(*a->nodes));
    if (a->nodes == NULL) {
        a->n = 0;
        return oom(err);
    }
    for (i = 0; i < a->n; i++) {
        a->nodes[i].a = a;
        a->nodes[i].idx = i;
        snprintf(a->nodes[i].name, sizeof(a->nodes[i].name), "%s", hh_sched_graph_name(a->g, i));
    }
    return 0;
}

/* Count each node's predecessors not done, resume what a dead engine left
 * in progress, start what is ready. Under a's lock (jobs start here). */
static void nodes_start(action *a)
{
    const size_t *pred;
    size_t i, k, np;

    for (i = 0; i < a->n; i++) {
        pred = hh_sched_graph_edges(a->g, i, a->reverse, &np);
        for (k = 0; k < np; k++)
            if (a->nodes[pred[k]].phase != N_DONE)
                a->nodes[i].waiting++;
    }
    /* resumed steps first (they hold no worker until submitted), even
     * when a stored failure stops the rest: they end as they would have */
    for (i = 0; i < a->n && !a->fenced; i++)
        if (a->nodes[i].phase == N_IDLE &&
            (a->nodes[i].job == J_RESUME || a->nodes[i].job == J_HOOK))
            submit(a, &a->nodes[i], a->nodes[i].job);
    start_ready(a);
}

/* The row each node of a converging action keeps for its name (Heat's
 * _get_best_existing_rsrc_db): the one claimed for the stack's template,
 * else the visible one (not replaced), else the newest; a name without
 * one gets a new INIT row. Outside a resume, claims that did not complete
 * are dropped (they belong to an earlier action). The kept row is made
 * the visible one (replaced_by cleared, the others of its name pointing
 * at it: Heat's restore_prev_rsrc), so functions resolve against it.
 * One transaction. */
static int converge_plan(action *a, const json_t *rows, bool resume, json_t *byname, hh_error *err)
{
    hh_store *st = a->e->owner;
    const json_t *graph = hh_stack_model_graph(a->m);
    const char *name;
    json_t *deps, *row, *best;
    size_t i;
    int rc;

    rc = hh_store_begin(st, err);
    if (rc != 0)
        return rc;
    json_object_foreach((json_t *)graph, name, deps)
    {
        int rank = -1, r;
        int64_t id;

        best = NULL;
        json_array_foreach(rows, i, row)
        {
            if (strcmp(jstr(row, "name"), name) != 0)
                continue;
            r = json_integer_value(json_object_get(row, "current_template_id")) == a->tmpl_id ? 2
                : json_is_null(json_object_get(row, "replaced_by")) ||
                        json_object_get(row, "replaced_by") == NULL
                    ? 1
                    : 0;
            if (r >= rank) {
                rank = r;
                best = row;
            }
        }
        if (best == NULL) {
            hh_store_resource_spec rs = {0};

            rs.stack_id = a->stack_id;
            rs.name = name;
            rs.type = hh_stack_model_type_name(a->m, name);
            rs.status_reason = "";
            rc = hh_store_resource_create(st, a->term, &rs, &id, NULL, err);
            if (rc == 0)
                rc = hh_store_resource_get(st, id, &best, err);
            if (rc == 0)
                json_object_set_new(byname, name, best);
            if (rc != 0)
                break;
            continue;
        }
        id = json_integer_value(json_object_get(best, "id"));
        if (!resume && rank == 2 && !row_is(best, "INIT", NULL) &&
            strcmp(jstr(best, "status"), "COMPLETE") != 0) {
            rc = hh_store_resource_set_current(st, a->term, id, 0, NULL, err);
            json_object_set_new(best, "current_template_id", json_integer(0));
        }
        if (rc == 0 && !json_is_null(json_object_get(best, "replaced_by")) &&
            json_object_get(best, "replaced_by") != NULL)
            rc = hh_store_resource_set_replaced_by(st, a->term, id, 0, err);
        json_array_foreach(rows, i, row)
        {
            if (rc != 0 || row == best || strcmp(jstr(row, "name"), name) != 0 ||
                json_integer_value(json_object_get(row, "replaced_by")) == id)
                continue;
            rc = hh_store_resource_set_replaced_by(
                st, a->term, json_integer_value(json_object_get(row, "id")), id, err);
        }
        if (rc != 0)
            break;
        json_object_set(byname, name, best);
    }
    if (rc != 0) {
        hh_store_rollback(st);
        return rc;
    }
    return hh_store_commit(st, err);
}

int hh_stack_sact_start(hh_stack_engine *e, const char *stack_id, hh_sact act, int64_t term,
                        bool resume, hh_error *err)
{
    action *a;
    json_t *rows = NULL, *row, *byname = NULL;
    size_t i;
    int rc;

    a = calloc(1, sizeof(*a));
    if (a == NULL)
        return oom(err);
    a->e = e;
    a->action = act;
    a->term = term;
    a->reverse = act == HH_SACT_DELETE || act == HH_SACT_SUSPEND;
    if (act == HH_SACT_CHECK && (a->agg = json_array()) == NULL) {
        free(a);
        return oom(err);
    }
    atomic_init(&a->abort, false);
    atomic_init(&a->halt, false);
    pthread_mutex_init(&a->lock, NULL);
    snprintf(a->stack_id, sizeof(a->stack_id), "%s", stack_id);
    rc = hh_stack_model_load(e->owner, stack_id, false, &a->m, err);
    if (rc == 0) {
        a->tmpl_id =
            json_integer_value(json_object_get(hh_stack_model_row(a->m), "raw_template_id"));
        a->deadline = action_deadline(e, hh_stack_model_row(a->m), resume);
        rc = hh_store_resource_list(e->owner, stack_id, &rows, err);
    }
    if (rc != 0)
        goto fail;
    byname = json_object();
    if (byname == NULL) {
        rc = oom(err);
        goto fail;
    }
    if (converges(a)) {
        rc = converge_plan(a, rows, resume, byname, err);
    } else {
        /* the visible row of each name */
        json_array_foreach(rows, i, row)
        {
            const char *name = jstr(row, "name");
            const json_t *had = json_object_get(byname, name);

            if (had == NULL || json_is_null(json_object_get(row, "replaced_by")) ||
                json_object_get(row, "replaced_by") == NULL)
                json_object_set(byname, name, row);
        }
    }
    if (rc == 0)
        rc = nodes_setup(a, hh_stack_model_graph(a->m), err);
    if (rc != 0)
        goto fail;
    for (i = 0; i < a->n; i++) {
        node *n = &a->nodes[i];

        row = json_object_get(byname, n->name);
        n->kind = converges(a) ? K_CONVERGE : K_ACT;
        n->res_id = json_integer_value(json_object_get(row, "id"));
        if (resume && a->action == HH_SACT_CREATE && row != NULL)
            retry_mark_read(a, n);
        node_initial(a, n, row, resume);
    }
    a->next = e->actions;
    e->actions = a;
    e->nactive++;
    json_decref(byname);
    json_decref(rows);
    pthread_mutex_lock(&a->lock);
    nodes_start(a);
    pthread_mutex_unlock(&a->lock);
    return 0;
fail:
    json_decref(byname);
    json_decref(rows);
    action_free(a);
    return rc;
}

int hh_stack_action_start(hh_stack_engine *e, const char *stack_id, hh_raction act, int64_t term,
                          bool resume, hh_error *err)
{
    return hh_stack_sact_start(e, stack_id, (hh_sact)act, term, resume, err);
}
