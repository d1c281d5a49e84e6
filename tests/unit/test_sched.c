/* Unit tests for stack_pool and stack_sched: the pool's hand-off and
 * shutdown, the scheduler's order, bounds, failure, cancel and timeout. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stack_pool.h"
#include "stack_sched.h"
#include "tap.h"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}

/* ---- pool ------------------------------------------------------------- */

static atomic_int counter;

static int job_count(void *arg)
{
    atomic_fetch_add(&counter, 1);
    return (int)(long)arg;
}

static atomic_bool gate;
static atomic_int gate_began;

static int job_gate(void *arg)
{
    (void)arg;
    atomic_fetch_add(&gate_began, 1);
    while (!atomic_load(&gate))
        sleep_ms(1);
    return 7;
}

static void test_pool(void)
{
    hh_pool *p = NULL;
    hh_pool_result res;
    long i, sum = 0, want = 0;
    int rc, bad = 0;

    is_int(hh_pool_new(0, &p), EINVAL, "pool: zero workers refused");
    is_int(hh_pool_new(4, &p), 0, "pool: start 4 workers");
    is_int(hh_pool_workers(p), 4, "pool: worker count");
    is_int(hh_pool_wait(p, 0, &res), ENOENT, "pool: nothing outstanding is ENOENT");

    atomic_store(&counter, 0);
    for (i = 0; i < 10000; i++) {
        if (hh_pool_submit(p, job_count, (void *)i) != 0)
            bad++;
        want += i;
    }
    is_int(bad, 0, "pool: 10000 jobs submitted");
    for (i = 0; i < 10000; i++) {
        rc = hh_pool_wait(p, -1, &res);
        if (rc != 0 || res.fn != job_count || res.rc != (int)(long)res.arg)
            bad++;
        sum += res.rc;
    }
    is_int(bad, 0, "pool: 10000 completions handed back with their rc");
    is_int(sum, want, "pool: each job's result came back once");
    is_int(atomic_load(&counter), 10000, "pool: each job ran once");
    is_int(hh_pool_outstanding(p), 0, "pool: nothing outstanding");

    hh_pool_wake(p);
    atomic_store(&gate, false);
    hh_pool_submit(p, job_gate, NULL);
    is_int(hh_pool_wait(p, -1, &res), EINTR, "pool: a wake interrupts the wait once");
    is_int(hh_pool_wait(p, 20, &res), ETIMEDOUT, "pool: bounded wait times out");
    atomic_store(&gate, true);
    is_int(hh_pool_wait(p, -1, &res), 0, "pool: the gated job comes back");
    is_int(res.rc, 7, "pool: with its rc");
    hh_pool_free(p);
    ok(1, "pool: stop 4 workers");
}

static int readable(int fd, int timeout_ms)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};

    return poll(&pfd, 1, timeout_ms) == 1 && (pfd.revents & POLLIN);
}

/* The descriptor for an event loop: readable exactly while something is
 * pending. */
static void test_pool_fd(void)
{
    hh_pool *p = NULL;
    hh_pool_result res;
    int fd, i, got = 0;

    hh_pool_new(2, &p);
    hh_pool_submit(p, job_count, (void *)1L);
    fd = hh_pool_fd(p);
    ok(fd >= 0, "fd: made on demand");
    is_int(hh_pool_fd(p), fd, "fd: the same each time");
    ok(readable(fd, 5000), "fd: readable once a job completed");
    for (i = 0; i < 3; i++)
        hh_pool_submit(p, job_count, (void *)2L);
    while (got < 4) {
        if (!readable(fd, 5000))
            break;
        while (hh_pool_wait(p, 0, &res) == 0)
            got++;
    }
    is_int(got, 4, "fd: every completion collected through the loop");
    ok(!readable(fd, 0), "fd: not readable when nothing is pending");
    hh_pool_wake(p);
    ok(readable(fd, 0), "fd: a wake makes it readable");
    is_int(hh_pool_wait(p, 0, &res), EINTR, "fd: the wake is collected");
    ok(!readable(fd, 0), "fd: and then it is quiet");
    hh_pool_free(p);
}

static void test_pool_shutdown(void)
{
    hh_pool *p = NULL;
    hh_pool_result res;
    int i, cancelled = 0, ran = 0;

    hh_pool_new(1, &p);
    atomic_store(&gate, false);
    atomic_store(&gate_began, 0);
    for (i = 0; i < 5; i++)
        hh_pool_submit(p, job_gate, NULL);
    for (i = 0; i < 5000 && atomic_load(&gate_began) == 0; i++)
        sleep_ms(1); /* the worker takes the first */
    is_int(hh_pool_shutdown(p, 30), ETIMEDOUT, "shutdown: bound reached while a job runs");
    is_int(hh_pool_submit(p, job_gate, NULL), ESHUTDOWN, "shutdown: no new jobs");
    atomic_store(&gate, true);
    is_int(hh_pool_shutdown(p, 1000), 0, "shutdown: the running job finished within the bound");
    while (hh_pool_wait(p, 0, &res) == 0) {
        if (res.rc == ECANCELED)
            cancelled++;
        else if (res.rc == 7)
            ran++;
    }
    is_int(ran, 1, "shutdown: the running job completed");
    is_int(cancelled, 4, "shutdown: queued jobs came back ECANCELED");
    hh_pool_free(p);

    /* free with jobs in flight waits for them */
    hh_pool_new(2, &p);
    atomic_store(&counter, 0);
    for (i = 0; i < 100; i++)
        hh_pool_submit(p, job_count, NULL);
    hh_pool_free(p);
    ok(atomic_load(&counter) <= 100, "shutdown: free with jobs in flight returns");
}

/* Continuations: a job chains the next on its own worker. */
typedef struct chain_job {
    hh_pool *p;
    int left;      /* continuations still to chain */
    bool quiet;    /* chained quietly */
    bool gate_end; /* the last one waits for the gate */
    pthread_t self;
    int then_rc, again_rc;
    struct chain_job *next;
} chain_job;

static int job_chain(void *arg)
{
    chain_job *j = arg;

    j->self = pthread_self();
    if (j->next == NULL) {
        atomic_fetch_add(&gate_began, 1);
        while (j->gate_end && !atomic_load(&gate))
            sleep_ms(1);
        return 0;
    }
    j->then_rc = hh_pool_then(j->p, job_chain, j->next, j->quiet);
    j->again_rc = hh_pool_then(j->p, job_chain, j->next, j->quiet);
    return j->left;
}

/* Chains its continuation first, then waits for the gate. */
static int job_then_gate(void *arg)
{
    chain_job *j = arg;

    j->then_rc = hh_pool_then(j->p, job_chain, j->next, false);
    atomic_fetch_add(&gate_began, 1);
    while (!atomic_load(&gate))
        sleep_ms(1);
    return 0;
}

static void test_pool_then(void)
{
    hh_pool *p = NULL;
    hh_pool_result res;
    chain_job jobs[4];
    int i, got = 0, in_order = 1, fd;
    bool same = true;

    hh_pool_new(4, &p);
    is_int(hh_pool_then(p, job_count, NULL, false), EINVAL, "then: refused outside a job");
    memset(jobs, 0, sizeof(jobs));
    for (i = 0; i < 4; i++) {
        jobs[i].p = p;
        jobs[i].left = 3 - i;
        jobs[i].next = i < 3 ? &jobs[i + 1] : NULL;
    }
    atomic_store(&gate_began, 0);
    hh_pool_submit(p, job_chain, &jobs[0]);
    for (i = 0; i < 4; i++) {
        if (hh_pool_wait(p, 5000, &res) != 0)
            break;
        got++;
        if (res.arg != &jobs[i])
            in_order = 0;
    }
    is_int(got, 4, "then: a job and its 3 continuations come back");
    ok(in_order, "then: each continuation after the job that chained it");
    for (i = 1; i < 4; i++)
        same = same && pthread_equal(jobs[i].self, jobs[0].self);
    ok(same, "then: continuations run on the job's worker");
    is_int(jobs[0].then_rc, 0, "then: accepted in a job");
    is_int(jobs[0].again_rc, EBUSY, "then: a second one in the same job refused");
    is_int(hh_pool_outstanding(p), 0, "then: nothing outstanding after the chain");

    /* quiet: the owner is woken only by the chain's last completion */
    fd = hh_pool_fd(p);
    memset(jobs, 0, sizeof(jobs));
    for (i = 0; i < 2; i++) {
        jobs[i].p = p;
        jobs[i].quiet = true;
        jobs[i].next = i < 1 ? &jobs[i + 1] : NULL;
    }
    jobs[1].gate_end = true;
    atomic_store(&gate, false);
    atomic_store(&gate_began, 0);
    hh_pool_submit(p, job_chain, &jobs[0]);
    for (i = 0; i < 5000 && atomic_load(&gate_began) == 0; i++)
        sleep_ms(1); /* the continuation runs: the first completion is in */
    ok(!readable(fd, 0), "then: a quiet completion does not make the fd readable");
    atomic_store(&gate, true);
    ok(readable(fd, 5000), "then: the chain's last completion does");
    got = 0;
    while (got < 2 && hh_pool_wait(p, 5000, &res) == 0)
        got++;
    is_int(got, 2, "then: both completions collected");

    /* a shutdown that begins while the job runs waits for its continuation */
    memset(jobs, 0, sizeof(jobs));
    jobs[0].p = p;
    jobs[0].next = &jobs[1];
    atomic_store(&gate, false);
    atomic_store(&gate_began, 0);
    hh_pool_submit(p, job_then_gate, &jobs[0]);
    for (i = 0; i < 5000 && atomic_load(&gate_began) == 0; i++)
        sleep_ms(1);
    is_int(hh_pool_shutdown(p, 30), ETIMEDOUT, "then: shutdown waits for the running job");
    atomic_store(&gate, true);
    is_int(hh_pool_shutdown(p, 5000), 0, "then: the job and its continuation end");
    got = 0;
    while (hh_pool_wait(p, 0, &res) == 0)
        got += res.arg == &jobs[1] && res.rc == 0;
    is_int(got, 1, "then: its continuation ran and came back");
    ok(atomic_load(&gate_began) == 2, "then: both ran");
    hh_pool_free(p);
}

/* ---- scheduler -------------------------------------------------------- */

typedef struct probe {
    atomic_int cur, max, seq, calls;
    const hh_sched_graph *g;
    atomic_int *start, *end; /* per node sequence numbers */
    const char *fail;        /* the node that fails */
    const char *cancel;      /* the node that cancels the run */
    long sleep;              /* ms each step takes */
    const char *slow;        /* when set, only this node takes `sleep`, and
                                the failing node waits until it has begun */
    atomic_bool slow_began;
    bool poll_cancel; /* steps end early (ECANCELED) when asked */
} probe;

static int step(void *data, const char *node, const hh_sched_run *run)
{
    probe *pr = data;
    long i = hh_sched_graph_find(pr->g, node);
    int c = atomic_fetch_add(&pr->cur, 1) + 1, m = atomic_load(&pr->max), rc = 0;

    while (c > m && !atomic_compare_exchange_weak(&pr->max, &m, c))
        ;
    atomic_fetch_add(&pr->calls, 1);
    if (pr->start)
        atomic_store(&pr->start[i], atomic_fetch_add(&pr->seq, 1));
    if (pr->cancel && strcmp(node, pr->cancel) == 0)
        hh_sched_run_cancel((hh_sched_run *)run);
    if (pr->slow && strcmp(node, pr->slow) == 0)
        atomic_store(&pr->slow_began, true);
    if (pr->slow && pr->fail && strcmp(node, pr->fail) == 0)
        for (int t = 0; t < 1000 && !atomic_load(&pr->slow_began); t++)
            sleep_ms(1);
    for (long t = 0; t < pr->sleep && (!pr->slow || strcmp(node, pr->slow) == 0); t++) {
        if (pr->poll_cancel && hh_sched_run_cancelled(run)) {
            rc = ECANCELED;
            break;
        }
        sleep_ms(1);
    }
    if (pr->fail && strcmp(node, pr->fail) == 0)
        rc = HH_EINVAL;
    if (pr->end)
        atomic_store(&pr->end[i], atomic_fetch_add(&pr->seq, 1));
    atomic_fetch_sub(&pr->cur, 1);
    return rc;
}

static hh_sched_graph *graph(const char *text)
{
    json_t *j = json_loads(text, 0, NULL);
    hh_sched_graph *g = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (hh_sched_graph_from_json(j, &g, &err) != 0)
        diag("graph: %s", err.message);
    json_decref(j);
    return g;
}

/* A random DAG of n nodes n0000...: each node depends on up to 3 earlier. */
static hh_sched_graph *random_graph(int n, unsigned seed)
{
    json_t *j = json_object();
    hh_sched_graph *g = NULL;
    char name[32];
    int i, k;

    srand(seed);
    for (i = 0; i < n; i++) {
        json_t *deps = json_array();

        for (k = 0; i > 0 && k < rand() % 4; k++) {
            snprintf(name, sizeof(name), "n%04d", rand() % i);
            json_array_append_new(deps, json_string(name));
        }
        snprintf(name, sizeof(name), "n%04d", i);
        json_object_set_new(j, name, deps);
    }
    hh_sched_graph_from_json(j, &g, NULL);
    json_decref(j);
    return g;
}

static char *run_json(hh_pool *p, const hh_sched_graph *g, hh_sched_opts *o, probe *pr,
                      const char *field)
{
    hh_sched_run *r = NULL;
    json_t *rep;
    char *s;

    pr->g = g;
    hh_sched_run_new(g, p, o, step, pr, &r);
    if (hh_sched_run_exec(r) != 0)
        diag("exec failed");
    rep = hh_sched_run_report(r);
    s = json_dumps(field ? json_object_get(rep, field) : rep, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(rep);
    hh_sched_run_free(r);
    return s;
}

static void is_run(hh_pool *p, const hh_sched_graph *g, hh_sched_opts *o, probe *pr,
                   const char *field, const char *want, const char *name)
{
    char *s = run_json(p, g, o, pr, field);

    is_str(s, want, "%s", name);
    free(s);
}

static void test_graph(void)
{
    hh_sched_graph *g = NULL;
    json_t *j = json_loads("{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"], \"d\": []}", 0, NULL);
    hh_error err;

    hh_error_clear(&err);
    is_int(hh_sched_graph_from_json(j, &g, &err), HH_EINVAL, "graph: a cycle is refused");
    is_str(err.message, "Circular Dependency Found: a, b, c", "graph: the cycle is named");
    json_decref(j);
    j = json_loads("{\"a\": [\"zz\"]}", 0, NULL);
    is_int(hh_sched_graph_from_json(j, &g, &err), HH_EINVAL, "graph: unknown dependency refused");
    is_str(err.message, "dependencies of a: no node named zz", "graph: the unknown name is given");
    json_decref(j);
    g = graph("{\"b\": [\"a\", \"a\"], \"a\": []}");
    ok(g != NULL && hh_sched_graph_size(g) == 2 && strcmp(hh_sched_graph_name(g, 0), "a") == 0,
       "graph: nodes in name order");
    {
        size_t n;

        hh_sched_graph_edges(g, 1, false, &n);
        is_int(n, 1, "graph: repeated dependency counted once");
    }
    hh_sched_graph_free(g);
}

static void test_order(void)
{
    hh_pool *p1 = NULL;
    hh_sched_graph *g = graph("{\"a\": [], \"b\": [\"a\"], \"c\": [\"a\"], \"d\": [\"b\", \"c\"],"
                              " \"e\": []}");
    hh_sched_opts fwd = {.dir = HH_SCHED_FORWARD}, rev = {.dir = HH_SCHED_REVERSE};
    probe pr;

    hh_pool_new(1, &p1);
    memset(&pr, 0, sizeof(pr));
    is_run(p1, g, &fwd, &pr, "order", "[\"a\",\"b\",\"c\",\"d\",\"e\"]",
           "order: forward, one worker, name tie-break");
    is_run(p1, g, &rev, &pr, "order", "[\"d\",\"b\",\"c\",\"a\",\"e\"]",
           "order: reverse, dependents first");
    memset(&pr, 0, sizeof(pr));
    pr.fail = "b";
    is_run(p1, g, &fwd, &pr, NULL,
           "{\"outcome\":\"FAILED\",\"first_failed\":\"b\",\"order\":[\"a\",\"b\"],"
           "\"completed\":[\"a\"],\"failed\":[\"b\"],\"not_started\":[\"c\",\"d\",\"e\"]}",
           "failure: no new node starts after it");
    pr.fail = "c";
    is_run(p1, g, &rev, &pr, NULL,
           "{\"outcome\":\"FAILED\",\"first_failed\":\"c\",\"order\":[\"d\",\"b\",\"c\"],"
           "\"completed\":[\"b\",\"d\"],\"failed\":[\"c\"],\"not_started\":[\"a\",\"e\"]}",
           "failure: reverse");
    memset(&pr, 0, sizeof(pr));
    pr.cancel = "b";
    is_run(p1, g, &fwd, &pr, NULL,
           "{\"outcome\":\"CANCELLED\",\"first_failed\":null,\"order\":[\"a\",\"b\"],"
           "\"completed\":[\"a\",\"b\"],\"failed\":[],\"not_started\":[\"c\",\"d\",\"e\"]}",
           "cancel: the running step ends, nothing new starts");
    hh_sched_graph_free(g);
    hh_pool_free(p1);
}

static void test_bounds(void)
{
    hh_pool *p4 = NULL;
    hh_sched_graph *g = random_graph(200, 3), *flat;
    hh_sched_opts o = {.dir = HH_SCHED_FORWARD};
    probe pr;
    char *s;
    int dir, bad;
    json_t *j = json_object();
    char name[16];

    for (int i = 0; i < 64; i++) {
        snprintf(name, sizeof(name), "r%02d", i);
        json_object_set_new(j, name, json_array());
    }
    hh_sched_graph_from_json(j, &flat, NULL);
    json_decref(j);
    hh_pool_new(4, &p4);
    memset(&pr, 0, sizeof(pr));
    pr.sleep = 2;
    s = run_json(p4, flat, &o, &pr, "outcome");
    is_str(s, "\"COMPLETE\"", "bounds: 64 flat nodes on 4 workers complete");
    free(s);
    ok(atomic_load(&pr.max) <= 4, "bounds: at most 4 steps at once (saw %d)", atomic_load(&pr.max));
    ok(atomic_load(&pr.max) >= 2, "bounds: steps do run in parallel (saw %d)",
       atomic_load(&pr.max));
    memset(&pr, 0, sizeof(pr));
    pr.sleep = 2;
    o.max_running = 2;
    s = run_json(p4, flat, &o, &pr, "outcome");
    free(s);
    ok(atomic_load(&pr.max) <= 2, "bounds: max_running 2 is kept (saw %d)", atomic_load(&pr.max));
    o.max_running = 0;

    for (dir = 0; dir < 2; dir++) {
        size_t n = hh_sched_graph_size(g), i, k, ne;
        atomic_int *st = calloc(n, sizeof(*st)), *en = calloc(n, sizeof(*en));

        memset(&pr, 0, sizeof(pr));
        pr.start = st;
        pr.end = en;
        o.dir = dir ? HH_SCHED_REVERSE : HH_SCHED_FORWARD;
        s = run_json(p4, g, &o, &pr, "outcome");
        is_str(s, "\"COMPLETE\"", "partial order: 200-node DAG, 4 workers, %s",
               dir ? "reverse" : "forward");
        free(s);
        bad = 0;
        for (i = 0; i < n; i++) {
            const size_t *e = hh_sched_graph_edges(g, i, dir != 0, &ne);

            for (k = 0; k < ne; k++)
                if (atomic_load(&en[e[k]]) >= atomic_load(&st[i]))
                    bad++;
        }
        is_int(bad, 0, "partial order: every node started after what it waits for ended");
        free(st);
        free(en);
    }
    hh_sched_graph_free(g);
    hh_sched_graph_free(flat);
    hh_pool_free(p4);
}

static void test_stop(void)
{
    hh_pool *p2 = NULL;
    hh_sched_graph *g = graph("{\"a\": [], \"slow\": [], \"z\": [\"a\"]}");
    hh_sched_graph *chain;
    hh_sched_opts o = {.dir = HH_SCHED_FORWARD, .grace_ms = -1};
    probe pr;
    json_t *j = json_object();
    char name[16], prev[16] = "";

    hh_pool_new(2, &p2);
    /* a fails at once while slow runs: slow finishes (no grace bound) */
    memset(&pr, 0, sizeof(pr));
    pr.fail = "a";
    pr.sleep = 30;
    pr.slow = "slow";
    pr.poll_cancel = true;
    is_run(p2, g, &o, &pr, NULL,
           "{\"outcome\":\"FAILED\",\"first_failed\":\"a\",\"order\":[\"a\",\"slow\"],"
           "\"completed\":[\"slow\"],\"failed\":[\"a\"],\"not_started\":[\"z\"]}",
           "failure: running steps finish (grace without bound)");
    /* grace 0: slow is asked to stop at once and gives up */
    o.grace_ms = 0;
    atomic_store(&pr.slow_began, false);
    is_run(p2, g, &o, &pr, "failed", "[\"a\",\"slow\"]",
           "failure: grace 0 asks running steps to stop");
    o.grace_ms = 5;
    atomic_store(&pr.slow_began, false);
    is_run(p2, g, &o, &pr, "failed", "[\"a\",\"slow\"]",
           "failure: after the grace running steps are asked to stop");

    /* timeout: a chain of 20 steps of 10 ms, timeout 45 ms */
    for (int i = 0; i < 20; i++) {
        json_t *deps = json_array();

        if (prev[0])
            json_array_append_new(deps, json_string(prev));
        snprintf(name, sizeof(name), "c%02d", i);
        json_object_set_new(j, name, deps);
        memcpy(prev, name, sizeof(name));
    }
    hh_sched_graph_from_json(j, &chain, NULL);
    json_decref(j);
    memset(&pr, 0, sizeof(pr));
    pr.sleep = 10;
    o.timeout_ms = 45;
    o.grace_ms = 0;
    {
        hh_sched_run *r = NULL;
        json_t *rep;
        struct timespec t0, t1;
        long ms;

        pr.g = chain;
        hh_sched_run_new(chain, p2, &o, step, &pr, &r);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        hh_sched_run_exec(r);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        rep = hh_sched_run_report(r);
        is_str(hh_sched_outcome_name(hh_sched_run_outcome(r)), "TIMED_OUT", "timeout: outcome");
        ok(json_array_size(json_object_get(rep, "not_started")) >= 10,
           "timeout: later nodes never started (%zu)",
           json_array_size(json_object_get(rep, "not_started")));
        ok(ms < 1000, "timeout: the run ended within a bound (%ld ms)", ms);
        json_decref(rep);
        hh_sched_run_free(r);
    }
    /* cancel before start: nothing runs */
    {
        hh_sched_run *r = NULL;

        memset(&pr, 0, sizeof(pr));
        pr.g = chain;
        o.timeout_ms = 0;
        hh_sched_run_new(chain, p2, &o, step, &pr, &r);
        hh_sched_run_cancel(r);
        hh_sched_run_exec(r);
        is_str(hh_sched_outcome_name(hh_sched_run_outcome(r)), "CANCELLED",
               "cancel: before the start");
        is_int(atomic_load(&pr.calls), 0, "cancel: before the start runs no step");
        hh_sched_run_free(r);
    }
    hh_sched_graph_free(g);
    hh_sched_graph_free(chain);
    hh_pool_free(p2);
}

static void test_large(void)
{
    hh_pool *p4 = NULL;
    hh_sched_graph *g = random_graph(1000, 11);
    hh_sched_opts o = {.dir = HH_SCHED_FORWARD};
    probe pr;
    hh_sched_run *r = NULL;
    json_t *rep;

    hh_pool_new(4, &p4);
    ok(g != NULL && hh_sched_graph_size(g) == 1000, "large: a 1000-node DAG");
    for (int dir = 0; dir < 2; dir++) {
        memset(&pr, 0, sizeof(pr));
        pr.g = g;
        o.dir = dir ? HH_SCHED_REVERSE : HH_SCHED_FORWARD;
        hh_sched_run_new(g, p4, &o, step, &pr, &r);
        is_int(hh_sched_run_exec(r), 0, "large: %s run ends", dir ? "reverse" : "forward");
        rep = hh_sched_run_report(r);
        is_int(json_array_size(json_object_get(rep, "completed")), 1000,
               "large: every node completed");
        is_int(atomic_load(&pr.calls), 1000, "large: each step ran once");
        json_decref(rep);
        hh_sched_run_free(r);
    }

    /* two runs sharing the pool, completions dispatched by the owner */
    {
        hh_sched_run *a = NULL, *b = NULL;
        hh_pool_result res;
        probe pa, pb;
        int bad = 0;

        memset(&pa, 0, sizeof(pa));
        memset(&pb, 0, sizeof(pb));
        pa.g = pb.g = g;
        o.dir = HH_SCHED_FORWARD;
        hh_sched_run_new(g, p4, &o, step, &pa, &a);
        o.dir = HH_SCHED_REVERSE;
        hh_sched_run_new(g, p4, &o, step, &pb, &b);
        hh_sched_run_start(a);
        hh_sched_run_start(b);
        while (!hh_sched_run_finished(a) || !hh_sched_run_finished(b)) {
            if (hh_pool_wait(p4, -1, &res) != 0)
                break;
            if (hh_sched_run_handle(hh_sched_run_of(&res), &res) != 0)
                bad++;
        }
        ok(bad == 0 && hh_sched_run_outcome(a) == HH_SCHED_COMPLETE &&
               hh_sched_run_outcome(b) == HH_SCHED_COMPLETE,
           "shared pool: two runs dispatched by the owner complete");
        is_int(atomic_load(&pa.calls) + atomic_load(&pb.calls), 2000,
               "shared pool: every step ran once");
        hh_sched_run_free(a);
        hh_sched_run_free(b);
    }
    hh_sched_graph_free(g);
    hh_pool_free(p4);
}

int main(void)
{
    plan_lazy();
    test_pool();
    test_pool_fd();
    test_pool_shutdown();
    test_pool_then();
    test_graph();
    test_order();
    test_bounds();
    test_stop();
    test_large();
    return done_testing();
}
