/* golden_sched: run the golden scheduler cases and speak TAP.
 *
 * Usage: golden_sched DIR   (DIR holds case directories; the format is in
 * tests/scheduler/README.md). For each case:
 *   - the template's dependency graph (hh_tmpl_dependencies) must equal
 *     expected.json "graph";
 *   - with one worker, create (forward) and delete (reverse) must run the
 *     nodes in "create_order" and "delete_order";
 *   - with a `fail` or `cancel` file, one worker must give expected.json
 *     "create" and "delete" (outcome, order, completed, failed,
 *     not_started);
 *   - with four workers the same runs must respect the partial order (a
 *     node starts only after everything it waits for ended) and end with
 *     the same sets; for a failing or cancelled run, where parallel
 *     branches may legitimately get further, the sets must be the same
 *     when the graph decides them (every node comes before or after the
 *     failing one), else bounded: what precedes the failing node
 *     completed, what follows it never started, nothing else failed.
 */
#include "config.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "golden_case.h"
#include "stack_pool.h"
#include "stack_sched.h"
#include "tmpl_request.h"

/* ---- the step ---------------------------------------------------------- */

typedef struct probe {
    const hh_sched_graph *g;
    const char *fail, *cancel;
    atomic_int seq;
    atomic_int *start, *end; /* per node, -1 while unset */
} probe;

static int step(void *data, const char *node, const hh_sched_run *run)
{
    probe *pr = data;
    long i = hh_sched_graph_find(pr->g, node);
    int rc = 0;

    atomic_store(&pr->start[i], atomic_fetch_add(&pr->seq, 1));
    if (pr->cancel != NULL && strcmp(node, pr->cancel) == 0)
        hh_sched_run_cancel((hh_sched_run *)run);
    if (pr->fail != NULL && strcmp(node, pr->fail) == 0)
        rc = HH_EINVAL;
    atomic_store(&pr->end[i], atomic_fetch_add(&pr->seq, 1));
    return rc;
}

/* Run g on pool; *report_out is the run's report (new). Returns the number
 * of partial-order violations (-1 when the run could not be made). */
static int run_graph(const hh_sched_graph *g, hh_pool *pool, bool reverse, const char *fail,
                     const char *cancel, json_t **report_out)
{
    size_t n = hh_sched_graph_size(g), i, k, ne;
    hh_sched_opts o = {.dir = reverse ? HH_SCHED_REVERSE : HH_SCHED_FORWARD, .grace_ms = -1};
    hh_sched_run *r = NULL;
    probe pr = {.g = g, .fail = fail, .cancel = cancel};
    int bad = 0;

    *report_out = NULL;
    pr.start = calloc(n + 1, sizeof(*pr.start));
    pr.end = calloc(n + 1, sizeof(*pr.end));
    for (i = 0; i < n; i++) {
        atomic_init(&pr.start[i], -1);
        atomic_init(&pr.end[i], -1);
    }
    if (hh_sched_run_new(g, pool, &o, step, &pr, &r) != 0 || hh_sched_run_exec(r) != 0) {
        bad = -1;
        goto done;
    }
    for (i = 0; i < n; i++) {
        const size_t *e = hh_sched_graph_edges(g, i, reverse, &ne);

        if (atomic_load(&pr.start[i]) < 0)
            continue;
        for (k = 0; k < ne; k++)
            if (atomic_load(&pr.end[e[k]]) < 0 ||
                atomic_load(&pr.end[e[k]]) > atomic_load(&pr.start[i]) ||
                hh_sched_run_state(r, e[k]) != HH_SCHED_DONE)
                bad++;
    }
    *report_out = hh_sched_run_report(r);
done:
    hh_sched_run_free(r);
    free(pr.start);
    free(pr.end);
    return bad;
}

static char *dump(const json_t *v)
{
    return json_dumps(v, JSON_ENCODE_ANY | JSON_SORT_KEYS | JSON_COMPACT);
}

static void report_json(const json_t *got, const json_t *want, const char *label)
{
    char diag[8192] = "";
    bool same = got != NULL && want != NULL && json_equal((json_t *)got, (json_t *)want);

    if (!same) {
        char *g = dump(got), *w = dump(want);

        snprintf(diag, sizeof(diag), "got %s, want %s", g ? g : "(null)", w ? w : "(null)");
        free(g);
        free(w);
    }
    golden_report(same, label, diag);
}

/* Nodes reachable from `from` following waits-for edges backwards
 * (before: what must end first) or forwards (after). mark[i] set. */
static void reach(const hh_sched_graph *g, size_t from, bool reverse, bool after, char *mark)
{
    size_t ne, k;
    /* after: the nodes that wait for `from` */
    const size_t *e = hh_sched_graph_edges(g, from, after ? !reverse : reverse, &ne);

    for (k = 0; k < ne; k++)
        if (!mark[e[k]]) {
            mark[e[k]] = 1;
            reach(g, e[k], reverse, after, mark);
        }
}

static bool in_set(const json_t *set, const char *name)
{
    size_t i;
    json_t *v;

    json_array_foreach(set, i, v)
    {
        if (strcmp(json_string_value(v), name) == 0)
            return true;
    }
    return false;
}

/* Four workers on a stopped run: see the file comment. */
static void check_stopped(const hh_sched_graph *g, bool reverse, const char *node,
                          const json_t *got, const json_t *want, const char *label)
{
    size_t n = hh_sched_graph_size(g), i;
    long at = hh_sched_graph_find(g, node);
    char *before = calloc(n + 1, 1), *after = calloc(n + 1, 1);
    char diag[1024] = "";
    bool decided = true, ok = true;

    reach(g, (size_t)at, reverse, false, before);
    reach(g, (size_t)at, reverse, true, after);
    for (i = 0; i < n; i++)
        if (i != (size_t)at && !before[i] && !after[i])
            decided = false;
    if (!json_equal(json_object_get(got, "outcome"), json_object_get(want, "outcome")) ||
        !json_equal(json_object_get(got, "failed"), json_object_get(want, "failed"))) {
        ok = false;
        snprintf(diag, sizeof(diag), "outcome or failed set differ");
    } else if (decided) {
        static const char *sets[] = {"completed", "not_started"};

        for (i = 0; i < 2; i++)
            if (!json_equal(json_object_get(got, sets[i]), json_object_get(want, sets[i]))) {
                ok = false;
                snprintf(diag, sizeof(diag), "%s differs though the graph decides it", sets[i]);
            }
    } else {
        for (i = 0; i < n && ok; i++) {
            const char *name = hh_sched_graph_name(g, i);

            if (before[i] && !in_set(json_object_get(got, "completed"), name))
                ok = false;
            if (after[i] && !in_set(json_object_get(got, "not_started"), name))
                ok = false;
            if (!ok)
                snprintf(diag, sizeof(diag), "%s: %s", name,
                         before[i] ? "should have completed" : "should not have started");
        }
    }
    if (ok && !decided)
        printf("# %s: parallel branches may get further; bounds checked\n", label);
    golden_report(ok, label, diag);
    free(before);
    free(after);
}

/* ---- cases ------------------------------------------------------------- */

static int load_graph(const char *casedir, json_t **graph, hh_error *err)
{
    char path[4096], *text;
    json_t *tjson = NULL;
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    hh_tmpl_request req = {.source = "template.yaml"};
    int rc;

    snprintf(path, sizeof(path), "%s/template.yaml", casedir);
    text = golden_slurp(path, NULL);
    if (text == NULL)
        return hh_error_set(err, ENOENT, NULL, "%s: cannot read", path);
    tjson = json_string(text);
    req.template = tjson;
    rc = hh_tmpl_request_load(&req, NULL, &t, &env, err);
    if (rc == 0)
        rc = hh_tmpl_dependencies(t, env, graph, err);
    hh_tmpl_free(t);
    hh_env_free(env);
    json_decref(tjson);
    free(text);
    return rc;
}

static void run_case(const char *dir, const char *name, hh_pool *pool1, hh_pool *pool4)
{
    char casedir[4096], path[4096], label[512];
    json_t *expected = NULL, *graph = NULL, *rep = NULL;
    hh_sched_graph *g = NULL;
    char *fail = NULL, *cancel = NULL;
    hh_error err;
    int dir_i, bad;

    snprintf(casedir, sizeof(casedir), "%s/%s", dir, name);
    snprintf(path, sizeof(path), "%s/expected.json", casedir);
    expected = json_load_file(path, 0, NULL);
    fail = golden_read_word(casedir, "fail");
    cancel = golden_read_word(casedir, "cancel");
    hh_error_clear(&err);
    snprintf(label, sizeof(label), "%s: graph", name);
    if (expected == NULL) {
        golden_report(false, label, "expected.json missing or not JSON");
        goto done;
    }
    if (load_graph(casedir, &graph, &err) != 0) {
        golden_report(false, label, err.message);
        goto done;
    }
    report_json(graph, json_object_get(expected, "graph"), label);
    if (hh_sched_graph_from_json(graph, &g, &err) != 0) {
        golden_report(false, label, err.message);
        goto done;
    }
    for (dir_i = 0; dir_i < 2; dir_i++) {
        bool reverse = dir_i == 1;
        const char *verb = reverse ? "delete" : "create";
        char key[32];

        /* one worker: the order */
        snprintf(label, sizeof(label), "%s: %s order, 1 worker", name, verb);
        snprintf(key, sizeof(key), "%s_order", verb);
        bad = run_graph(g, pool1, reverse, NULL, NULL, &rep);
        report_json(json_object_get(rep, "order"), json_object_get(expected, key), label);
        json_decref(rep);

        /* four workers: the partial order, every node completed */
        snprintf(label, sizeof(label), "%s: %s, 4 workers, partial order", name, verb);
        bad = run_graph(g, pool4, reverse, NULL, NULL, &rep);
        golden_report(bad == 0 &&
                   json_array_size(json_object_get(rep, "completed")) == hh_sched_graph_size(g),
               label, bad ? "a node started before what it waits for ended" : "not completed");
        json_decref(rep);

        if (fail == NULL && cancel == NULL)
            continue;
        snprintf(label, sizeof(label), "%s: %s %s %s, 1 worker", name, verb,
                 fail ? "failing at" : "cancelled at", fail ? fail : cancel);
        run_graph(g, pool1, reverse, fail, cancel, &rep);
        json_object_del(rep, "first_failed"); /* the fail file names it */
        report_json(rep, json_object_get(expected, verb), label);
        json_decref(rep);

        snprintf(label, sizeof(label), "%s: %s %s %s, 4 workers", name, verb,
                 fail ? "failing at" : "cancelled at", fail ? fail : cancel);
        bad = run_graph(g, pool4, reverse, fail, cancel, &rep);
        if (bad != 0)
            golden_report(false, label, "a node started before what it waits for ended");
        else
            check_stopped(g, reverse, fail ? fail : cancel, rep, json_object_get(expected, verb),
                          label);
        json_decref(rep);
    }
done:
    hh_sched_graph_free(g);
    json_decref(graph);
    json_decref(expected);
    free(fail);
    free(cancel);
}

int main(int argc, char **argv)
{
    hh_pool *pool1 = NULL, *pool4 = NULL;
    char **names = NULL;
    size_t n = 0, i;
    struct stat st;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 2 || stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "usage: golden_sched DIR\n");
        return 2;
    }
    if (hh_pool_new(1, &pool1) != 0 || hh_pool_new(4, &pool4) != 0) {
        fprintf(stderr, "golden_sched: cannot start the worker pools\n");
        return 2;
    }
    names = golden_list_dir(argv[1], "", &n);
    for (i = 0; i < n; i++) {
        char path[4096];

        snprintf(path, sizeof(path), "%s/%s/template.yaml", argv[1], names[i]);
        if (stat(path, &st) == 0) /* a case directory (README.md and scripts are not) */
            run_case(argv[1], names[i], pool1, pool4);
    }
    golden_free_names(names, n);
    hh_pool_free(pool1);
    hh_pool_free(pool4);
    return golden_done();
}
