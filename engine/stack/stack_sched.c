/* stack_sched: Kahn's algorithm driven by pool completions; see
 * stack_sched.h for the contract. */
#include "config.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stack_sched.h"

/* ---- graph ------------------------------------------------------------ */

typedef struct edge_list {
    size_t *v;
    size_t n;
} edge_list;

struct hh_sched_graph {
    size_t n;
    char **names;     /* sorted */
    edge_list *deps;  /* what node i depends on */
    edge_list *rdeps; /* what depends on node i */
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

long hh_sched_graph_find(const hh_sched_graph *g, const char *name)
{
    char **hit = bsearch(&name, g->names, g->n, sizeof(*g->names), cmp_str);

    return hit ? (long)(hit - g->names) : -1;
}

size_t hh_sched_graph_size(const hh_sched_graph *g)
{
    return g->n;
}

const char *hh_sched_graph_name(const hh_sched_graph *g, size_t i)
{
    return i < g->n ? g->names[i] : NULL;
}

const size_t *hh_sched_graph_edges(const hh_sched_graph *g, size_t i, bool reverse, size_t *n)
{
    const edge_list *e = reverse ? &g->rdeps[i] : &g->deps[i];

    *n = e->n;
    return e->v;
}

void hh_sched_graph_free(hh_sched_graph *g)
{
    size_t i;

    if (g == NULL)
        return;
    for (i = 0; i < g->n; i++) {
        free(g->names ? g->names[i] : NULL);
        if (g->deps)
            free(g->deps[i].v);
        if (g->rdeps)
            free(g->rdeps[i].v);
    }
    free(g->names);
    free(g->deps);
    free(g->rdeps);
    free(g);
}

/* Kahn's algorithm over the whole graph: nodes never freed are on a cycle
 * or wait behind one; name them. */
static int check_acyclic(const hh_sched_graph *g, hh_error *err)
{
    size_t *wait = calloc(g->n ? g->n : 1, sizeof(*wait));
    size_t *stack = calloc(g->n ? g->n : 1, sizeof(*stack));
    size_t top = 0, seen = 0, i, k;
    int rc = 0;

    if (wait == NULL || stack == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (i = 0; i < g->n; i++) {
        wait[i] = g->deps[i].n;
        if (wait[i] == 0)
            stack[top++] = i;
    }
    while (top > 0) {
        i = stack[--top];
        seen++;
        for (k = 0; k < g->rdeps[i].n; k++)
            if (--wait[g->rdeps[i].v[k]] == 0)
                stack[top++] = g->rdeps[i].v[k];
    }
    if (seen < g->n) {
        char msg[HH_ERROR_MSG_MAX] = "";
        size_t used = 0;

        for (i = 0; i < g->n && used < sizeof(msg) - 1; i++) {
            if (wait[i] == 0)
                continue;
            used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s%s", used ? ", " : "",
                                     g->names[i]);
        }
        rc = hh_error_set(err, HH_EINVAL, "CircularDependencyException",
                          "Circular Dependency Found: %s", msg);
    }
done:
    free(wait);
    free(stack);
    return rc;
}

int hh_sched_graph_from_json(const json_t *deps, hh_sched_graph **out, hh_error *err)
{
    hh_sched_graph *g = NULL;
    const char *key;
    json_t *list;
    size_t i, k, idx;
    int rc = 0;

    *out = NULL;
    if (!json_is_object(deps))
        return hh_error_set(err, HH_EINVAL, NULL, "a dependency graph must be an object");
    g = calloc(1, sizeof(*g));
    if (g == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    g->n = json_object_size(deps);
    g->names = calloc(g->n ? g->n : 1, sizeof(*g->names));
    g->deps = calloc(g->n ? g->n : 1, sizeof(*g->deps));
    g->rdeps = calloc(g->n ? g->n : 1, sizeof(*g->rdeps));
    if (g->names == NULL || g->deps == NULL || g->rdeps == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto done;
    }
    i = 0;
    json_object_foreach((json_t *)deps, key, list)
    {
        g->names[i] = strdup(key);
        if (g->names[i++] == NULL) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            goto done;
        }
    }
    qsort(g->names, g->n, sizeof(*g->names), cmp_str);
    for (i = 0; i < g->n; i++) {
        edge_list *e = &g->deps[i];

        list = json_object_get(deps, g->names[i]);
        if (!json_is_array(list)) {
            rc = hh_error_set(err, HH_EINVAL, NULL, "dependencies of %s: not a list", g->names[i]);
            goto done;
        }
        e->v = calloc(json_array_size(list) + 1, sizeof(*e->v));
        if (e->v == NULL) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            goto done;
        }
        for (k = 0; k < json_array_size(list); k++) {
            const char *d = json_string_value(json_array_get(list, k));
            long at = d ? hh_sched_graph_find(g, d) : -1;

            if (at < 0) {
                rc = d ? hh_error_set(err, HH_EINVAL, NULL, "dependencies of %s: no node named %s",
                                      g->names[i], d)
                       : hh_error_set(err, HH_EINVAL, NULL, "dependencies of %s: not a name",
                                      g->names[i]);
                goto done;
            }
            e->v[e->n++] = (size_t)at;
        }
        /* sort, drop repeats */
        qsort(e->v, e->n, sizeof(*e->v), cmp_size);
        for (k = 0, idx = 0; k < e->n; k++)
            if (idx == 0 || e->v[idx - 1] != e->v[k])
                e->v[idx++] = e->v[k];
        e->n = idx;
    }
    /* reverse edges, ascending because i ascends */
    for (i = 0; i < g->n; i++)
        for (k = 0; k < g->deps[i].n; k++)
            g->rdeps[g->deps[i].v[k]].n++;
    for (i = 0; i < g->n; i++) {
        g->rdeps[i].v = calloc(g->rdeps[i].n + 1, sizeof(size_t));
        if (g->rdeps[i].v == NULL) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            goto done;
        }
        g->rdeps[i].n = 0;
    }
    for (i = 0; i < g->n; i++)
        for (k = 0; k < g->deps[i].n; k++) {
            edge_list *r = &g->rdeps[g->deps[i].v[k]];

            r->v[r->n++] = i;
        }
    rc = check_acyclic(g, err);
done:
    if (rc != 0) {
        hh_sched_graph_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

/* ---- runs ------------------------------------------------------------- */

/* One node's job: the pool's argument, owned by the run. `ran` is written
 * by the worker and read by the owner after the pool's hand-off. */
typedef struct sched_job {
    hh_sched_run *run;
    size_t node;
    bool ran;
} sched_job;

struct hh_sched_run {
    const hh_sched_graph *g;
    hh_pool *pool;
    hh_sched_opts opts;
    hh_sched_step_fn step;
    void *data;
    sched_job *jobs;
    hh_sched_state *state;
    int *rc;
    size_t *wait;  /* predecessors not yet done */
    size_t *ready; /* min-heap of node indices (= name order) */
    size_t nready;
    size_t *order; /* nodes in the order their steps ended */
    size_t norder;
    size_t running;
    bool started;
    bool stopping; /* no new node starts */
    hh_sched_outcome outcome;
    long first_failed;
    struct timespec t_end;   /* timeout deadline (if timeout_ms > 0) */
    struct timespec t_grace; /* grace deadline (when grace_on) */
    bool grace_on;
    atomic_bool cancel_req; /* set by hh_sched_run_cancel */
    atomic_bool stop_steps; /* read by steps */
    atomic_bool halt;       /* mirrors stopping for jobs still queued */
};

static void ts_add_ms(struct timespec *ts, long ms)
{
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Milliseconds from now until ts (<= 0 when passed). */
static long ms_until(const struct timespec *ts)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(ts->tv_sec - now.tv_sec) * 1000 + (ts->tv_nsec - now.tv_nsec) / 1000000L;
}

static void heap_push(hh_sched_run *r, size_t v)
{
    size_t i = r->nready++;

    while (i > 0 && r->ready[(i - 1) / 2] > v) {
        r->ready[i] = r->ready[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    r->ready[i] = v;
}

static size_t heap_pop(hh_sched_run *r)
{
    size_t top = r->ready[0], last = r->ready[--r->nready], i = 0;

    for (;;) {
        size_t c = 2 * i + 1;

        if (c >= r->nready)
            break;
        if (c + 1 < r->nready && r->ready[c + 1] < r->ready[c])
            c++;
        if (r->ready[c] >= last)
            break;
        r->ready[i] = r->ready[c];
        i = c;
    }
    if (r->nready > 0)
        r->ready[i] = last;
    return top;
}

/* Runs on a worker: skip the step when the run stopped after the job was
 * queued (then the node counts as never started). */
static int sched_trampoline(void *arg)
{
    sched_job *j = arg;
    hh_sched_run *r = j->run;

    if (atomic_load(&r->halt) || atomic_load(&r->cancel_req))
        return 0;
    j->ran = true;
    return r->step(r->data, r->g->names[j->node], r);
}

int hh_sched_run_new(const hh_sched_graph *g, hh_pool *pool, const hh_sched_opts *opts,
                     hh_sched_step_fn step, void *data, hh_sched_run **out)
{
    hh_sched_run *r;
    size_t n = g->n ? g->n : 1, i;

    *out = NULL;
    r = calloc(1, sizeof(*r));
    if (r == NULL)
        return ENOMEM;
    r->g = g;
    r->pool = pool;
    if (opts != NULL)
        r->opts = *opts;
    else
        r->opts.dir = HH_SCHED_FORWARD;
    if (r->opts.max_running <= 0)
        r->opts.max_running = hh_pool_workers(pool);
    r->step = step;
    r->data = data;
    r->first_failed = -1;
    r->outcome = HH_SCHED_COMPLETE;
    atomic_init(&r->cancel_req, false);
    atomic_init(&r->stop_steps, false);
    atomic_init(&r->halt, false);
    r->jobs = calloc(n, sizeof(*r->jobs));
    r->state = calloc(n, sizeof(*r->state));
    r->rc = calloc(n, sizeof(*r->rc));
    r->wait = calloc(n, sizeof(*r->wait));
    r->ready = calloc(n, sizeof(*r->ready));
    r->order = calloc(n, sizeof(*r->order));
    if (!r->jobs || !r->state || !r->rc || !r->wait || !r->ready || !r->order) {
        hh_sched_run_free(r);
        return ENOMEM;
    }
    for (i = 0; i < g->n; i++) {
        size_t k;

        r->jobs[i].run = r;
        r->jobs[i].node = i;
        hh_sched_graph_edges(g, i, r->opts.dir == HH_SCHED_REVERSE, &k);
        r->wait[i] = k;
        if (k == 0)
            heap_push(r, i);
    }
    *out = r;
    return 0;
}

void hh_sched_run_free(hh_sched_run *r)
{
    if (r == NULL)
        return;
    free(r->jobs);
    free(r->state);
    free(r->rc);
    free(r->wait);
    free(r->ready);
    free(r->order);
    free(r);
}

/* The first reason to stop fixes the outcome; failure leaves running steps
 * grace_ms, cancel and timeout ask them to stop at once. */
static void stop(hh_sched_run *r, hh_sched_outcome why)
{
    if (r->stopping)
        return;
    r->stopping = true;
    atomic_store(&r->halt, true);
    r->outcome = why;
    if (why == HH_SCHED_FAILED && r->opts.grace_ms != 0) {
        if (r->opts.grace_ms > 0) {
            clock_gettime(CLOCK_MONOTONIC, &r->t_grace);
            ts_add_ms(&r->t_grace, r->opts.grace_ms);
            r->grace_on = true;
        }
        return;
    }
    atomic_store(&r->stop_steps, true);
}

/* Start ready nodes, smallest name first, up to max_running. */
static int fill(hh_sched_run *r)
{
    int rc = 0;

    while (!r->stopping && r->nready > 0 && r->running < (size_t)r->opts.max_running) {
        size_t v = heap_pop(r);

        rc = hh_pool_submit(r->pool, sched_trampoline, &r->jobs[v]);
        if (rc != 0) {
            stop(r, HH_SCHED_FAILED);
            break;
        }
        r->state[v] = HH_SCHED_RUNNING;
        r->running++;
    }
    return rc;
}

int hh_sched_run_start(hh_sched_run *r)
{
    if (r->started)
        return EALREADY;
    r->started = true;
    if (r->opts.timeout_ms > 0) {
        clock_gettime(CLOCK_MONOTONIC, &r->t_end);
        ts_add_ms(&r->t_end, r->opts.timeout_ms);
    }
    if (atomic_load(&r->cancel_req))
        stop(r, HH_SCHED_CANCELLED);
    return fill(r);
}

hh_sched_run *hh_sched_run_of(const hh_pool_result *res)
{
    return res->fn == sched_trampoline ? ((sched_job *)res->arg)->run : NULL;
}

long hh_sched_run_poll(hh_sched_run *r)
{
    long wait = -1;

    if (atomic_load(&r->cancel_req))
        stop(r, HH_SCHED_CANCELLED);
    if (r->opts.timeout_ms > 0 && !r->stopping) {
        long left = ms_until(&r->t_end);

        if (left <= 0)
            stop(r, HH_SCHED_TIMED_OUT);
        else
            wait = left;
    }
    if (r->grace_on && !atomic_load(&r->stop_steps)) {
        long left = ms_until(&r->t_grace);

        if (left <= 0)
            atomic_store(&r->stop_steps, true);
        else if (wait < 0 || left < wait)
            wait = left;
    }
    return wait;
}

int hh_sched_run_handle(hh_sched_run *r, const hh_pool_result *res)
{
    sched_job *j = res->arg;
    size_t v = j->node, k, n;
    const size_t *next;

    if (hh_sched_run_of(res) != r || r->state[v] != HH_SCHED_RUNNING)
        return HH_EINTERNAL;
    r->running--;
    if (!j->ran) {
        /* the run stopped (or the pool shut down) before the step began */
        r->state[v] = HH_SCHED_NOT_STARTED;
        if (res->rc != 0)
            stop(r, HH_SCHED_FAILED);
        return 0;
    }
    r->order[r->norder++] = v;
    r->rc[v] = res->rc;
    if (res->rc != 0) {
        r->state[v] = HH_SCHED_NODE_FAILED;
        if (!r->stopping)
            r->first_failed = (long)v;
        stop(r, HH_SCHED_FAILED);
        return 0;
    }
    r->state[v] = HH_SCHED_DONE;
    next = hh_sched_graph_edges(r->g, v, r->opts.dir != HH_SCHED_REVERSE, &n);
    for (k = 0; k < n; k++)
        if (--r->wait[next[k]] == 0)
            heap_push(r, next[k]);
    hh_sched_run_poll(r);
    return fill(r);
}

bool hh_sched_run_finished(const hh_sched_run *r)
{
    return r->started && r->running == 0 && (r->stopping || r->nready == 0);
}

int hh_sched_run_exec(hh_sched_run *r)
{
    int rc, first = 0;

    rc = hh_sched_run_start(r);
    if (rc != 0)
        first = rc;
    while (!hh_sched_run_finished(r)) {
        hh_pool_result res;
        long wait = hh_sched_run_poll(r);

        if (hh_sched_run_finished(r))
            break;
        rc = hh_pool_wait(r->pool, wait, &res);
        if (rc == ETIMEDOUT || rc == EINTR)
            continue;
        if (rc != 0) {
            first = first ? first : (rc == ENOENT ? HH_EINTERNAL : rc);
            break;
        }
        rc = hh_sched_run_handle(r, &res);
        if (rc != 0 && first == 0)
            first = rc;
    }
    return first;
}

void hh_sched_run_cancel(hh_sched_run *r)
{
    atomic_store(&r->cancel_req, true);
    hh_pool_wake(r->pool);
}

bool hh_sched_run_cancelled(const hh_sched_run *r)
{
    return atomic_load(&((hh_sched_run *)r)->stop_steps);
}

hh_sched_outcome hh_sched_run_outcome(const hh_sched_run *r)
{
    return r->outcome;
}

const char *hh_sched_outcome_name(hh_sched_outcome o)
{
    switch (o) {
    case HH_SCHED_COMPLETE:
        return "COMPLETE";
    case HH_SCHED_FAILED:
        return "FAILED";
    case HH_SCHED_CANCELLED:
        return "CANCELLED";
    case HH_SCHED_TIMED_OUT:
        return "TIMED_OUT";
    }
    return "?";
}

hh_sched_state hh_sched_run_state(const hh_sched_run *r, size_t node)
{
    return node < r->g->n ? r->state[node] : HH_SCHED_NOT_STARTED;
}

int hh_sched_run_rc(const hh_sched_run *r, size_t node)
{
    return node < r->g->n ? r->rc[node] : 0;
}

long hh_sched_run_first_failed(const hh_sched_run *r)
{
    return r->first_failed;
}

json_t *hh_sched_run_report(const hh_sched_run *r)
{
    json_t *rep = json_object(), *order = json_array(), *done = json_array(),
           *failed = json_array(), *idle = json_array();
    size_t i;

    for (i = 0; i < r->norder; i++)
        json_array_append_new(order, json_string(r->g->names[r->order[i]]));
    for (i = 0; i < r->g->n; i++) {
        json_t *to = r->state[i] == HH_SCHED_DONE          ? done
                     : r->state[i] == HH_SCHED_NODE_FAILED ? failed
                                                           : idle;

        json_array_append_new(to, json_string(r->g->names[i]));
    }
    json_object_set_new(rep, "outcome", json_string(hh_sched_outcome_name(r->outcome)));
    json_object_set_new(rep, "first_failed",
                        r->first_failed >= 0 ? json_string(r->g->names[r->first_failed])
                                             : json_null());
    json_object_set_new(rep, "order", order);
    json_object_set_new(rep, "completed", done);
    json_object_set_new(rep, "failed", failed);
    json_object_set_new(rep, "not_started", idle);
    return rep;
}
