/* stack_sched: run a step for every node of a dependency graph on the
 * worker pool, in dependency order (heat/engine/scheduler.py
 * DependencyTaskGroup).
 *
 * Algorithm: Kahn's topological order, event-driven. A node becomes ready
 * the moment every node it waits for has succeeded: forward (create,
 * update) waits for the nodes it depends on, reverse (delete) for the nodes
 * that depend on it. Ready nodes start in name order (a min-heap of name
 * ranks), at most max_running at a time, so with one worker the order is
 * the smallest topological order by name: deterministic.
 *
 * Stopping, as Heat's stack actions do:
 *   failure  a step returned rc != 0: no new node starts; running steps go
 *            on for grace_ms (Heat's error_wait_time), then are asked to
 *            stop (hh_sched_run_cancelled turns true);
 *   cancel   hh_sched_run_cancel, from any thread: no new node starts and
 *            running steps are asked to stop at once;
 *   timeout  timeout_ms after the start (the stack's timeout_mins): as
 *            cancel.
 * The first of these fixes the outcome. In every case the run ends only
 * when no step runs any more: steps are never abandoned on a worker (their
 * memory stays valid), so a step must look at hh_sched_run_cancelled when
 * it waits on something slow.
 *
 * Threads: everything here runs on the caller's (owning) thread except the
 * step function, which runs on a pool worker, and hh_sched_run_cancel /
 * hh_sched_run_cancelled, which any thread may call.
 */
#ifndef HH_STACK_SCHED_H
#define HH_STACK_SCHED_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"
#include "stack_pool.h"

/* ---- graph ------------------------------------------------------------ */

typedef struct hh_sched_graph hh_sched_graph;

/* Build a graph from {name: [names it depends on]} (borrowed), the shape
 * hh_tmpl_dependencies gives. Nodes are ranked by name (strcmp order).
 * Errors (HH_EINVAL, in err): not an object, a dependency list that is not
 * an array of strings, a dependency naming no node, a cycle
 * ("Circular Dependency Found: a, b" naming the nodes left on cycles or
 * behind them). *out is new. */
int hh_sched_graph_from_json(const json_t *deps, hh_sched_graph **out, hh_error *err);
void hh_sched_graph_free(hh_sched_graph *g);

size_t hh_sched_graph_size(const hh_sched_graph *g);
/* Name of node i (borrowed; i < size, nodes in name order). */
const char *hh_sched_graph_name(const hh_sched_graph *g, size_t i);
/* Index of the node called name, or -1. */
long hh_sched_graph_find(const hh_sched_graph *g, const char *name);
/* Nodes i depends on (forward) or that depend on i (reverse), as indices
 * in ascending order (borrowed). */
const size_t *hh_sched_graph_edges(const hh_sched_graph *g, size_t i, bool reverse, size_t *n);

/* ---- runs ------------------------------------------------------------- */

typedef enum hh_sched_dir {
    HH_SCHED_FORWARD, /* create, update: dependencies first */
    HH_SCHED_REVERSE, /* delete: dependents first */
} hh_sched_dir;

typedef struct hh_sched_opts {
    hh_sched_dir dir;
    int max_running; /* steps at once; 0: the pool's worker count */
    long timeout_ms; /* the whole run; <= 0: none */
    long grace_ms;   /* after a failure, before running steps are asked to
                        stop; < 0: never asked */
} hh_sched_opts;

typedef enum hh_sched_outcome {
    HH_SCHED_COMPLETE,  /* every node succeeded */
    HH_SCHED_FAILED,    /* a step failed first */
    HH_SCHED_CANCELLED, /* hh_sched_run_cancel came first */
    HH_SCHED_TIMED_OUT, /* timeout_ms ran out first */
} hh_sched_outcome;

typedef enum hh_sched_state {
    HH_SCHED_NOT_STARTED, /* its step was never called */
    HH_SCHED_RUNNING,
    HH_SCHED_DONE,        /* its step returned 0 */
    HH_SCHED_NODE_FAILED, /* its step returned rc != 0 */
} hh_sched_state;

typedef struct hh_sched_run hh_sched_run;

/* A step: runs on a worker thread for one node. data is the caller's (the
 * same for every node); node is the node's name (borrowed for the call).
 * Returns 0 on success, else an rc (hh_error scheme). */
typedef int (*hh_sched_step_fn)(void *data, const char *node, const hh_sched_run *run);

/* A run of step over g on pool; g, pool and data are borrowed and must
 * outlive the run. opts NULL: forward, no timeout, grace 0. *out is new. */
int hh_sched_run_new(const hh_sched_graph *g, hh_pool *pool, const hh_sched_opts *opts,
                     hh_sched_step_fn step, void *data, hh_sched_run **out);
/* Free a finished run (or one never started). r may be NULL. */
void hh_sched_run_free(hh_sched_run *r);

/* Run to the end on the caller's thread: start, collect completions, start
 * what becomes ready, stop as described above. Every completion the pool
 * hands back must belong to this run (the pool has no other user while it
 * runs). Returns 0 when the run ended (whatever its outcome), else an rc
 * (the pool refused a job: the run then stops as on a failure). */
int hh_sched_run_exec(hh_sched_run *r);

/* The same, event-driven, for an owner that shares the pool between runs
 * and collects completions itself:
 *   hh_sched_run_start once; for each completion c from hh_pool_wait,
 *   hh_sched_run_of(&c) names its run (NULL: not a scheduler job), and
 *   hh_sched_run_handle(run, &c) takes it; hh_sched_run_poll after a wake
 *   or a time-out applies cancel and the deadlines and says how long the
 *   owner may wait before polling again (ms, -1: no deadline pending). */
int hh_sched_run_start(hh_sched_run *r);
hh_sched_run *hh_sched_run_of(const hh_pool_result *res);
int hh_sched_run_handle(hh_sched_run *r, const hh_pool_result *res);
long hh_sched_run_poll(hh_sched_run *r);
bool hh_sched_run_finished(const hh_sched_run *r);

/* Ask the run to stop (any thread): the outcome becomes CANCELLED unless a
 * failure or the timeout came first. Wakes the pool's owner. */
void hh_sched_run_cancel(hh_sched_run *r);
/* True once running steps are asked to stop (any thread, steps included). */
bool hh_sched_run_cancelled(const hh_sched_run *r);

hh_sched_outcome hh_sched_run_outcome(const hh_sched_run *r);
/* "COMPLETE", "FAILED", "CANCELLED", "TIMED_OUT". */
const char *hh_sched_outcome_name(hh_sched_outcome o);
hh_sched_state hh_sched_run_state(const hh_sched_run *r, size_t node);
/* The rc of node's step (0 unless it failed). */
int hh_sched_run_rc(const hh_sched_run *r, size_t node);
/* Index of the node whose failure stopped the run, or -1. */
long hh_sched_run_first_failed(const hh_sched_run *r);

/* A summary (new reference):
 *   {"outcome": "FAILED", "first_failed": "b" | null,
 *    "order": [nodes in the order their steps ended],
 *    "completed": [...], "failed": [...], "not_started": [...]}
 * with the three sets in name order. */
json_t *hh_sched_run_report(const hh_sched_run *r);

#endif
