/* stack_pool: a fixed-size worker pool with an explicit hand-off.
 *
 * The one place heat-ha runs threads (STYLE habit 9). The owning thread
 * submits jobs (a function and its argument); a worker runs the function and
 * hands the job back, with the function's rc, through a completion queue
 * that only the owner reads (hh_pool_wait). Workers touch nothing but the
 * job's argument: whatever the owner shares with a job is the job's business
 * until its completion has been collected.
 *
 * Threading contract: hh_pool_submit, hh_pool_wait, hh_pool_shutdown and
 * hh_pool_free are called from the owning thread only; hh_pool_then from a
 * job (its worker); hh_pool_wake may be called from any thread (it
 * interrupts a waiting owner).
 *
 * Jobs are run in submission order (FIFO), a job's continuation
 * (hh_pool_then) right after the job; at most `workers` run at once.
 */
#ifndef HH_STACK_POOL_H
#define HH_STACK_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"

typedef struct hh_pool hh_pool;

/* A job: runs on a worker thread; its return value comes back as rc. */
typedef int (*hh_pool_fn)(void *arg);

/* A collected completion. rc is the job's return value, or ECANCELED when
 * shutdown dropped the job before a worker took it (fn was not called). */
typedef struct hh_pool_result {
    hh_pool_fn fn;
    void *arg;
    int rc;
} hh_pool_result;

/* Start `workers` threads (1..HH_POOL_MAX_WORKERS). *out is new; free with
 * hh_pool_free. Errors: EINVAL for a bad count, ENOMEM, pthread errors. */
#define HH_POOL_MAX_WORKERS 1024
int hh_pool_new(int workers, hh_pool **out);

/* From inside a job, on its worker: run fn(arg) as a new job on this same
 * worker right after the current job returns and its completion has been
 * handed back (a continuation: no other worker takes it and no thread is
 * woken for it, so a chain of dependent jobs costs no thread hand-off).
 * arg is borrowed as hh_pool_submit's; the continuation counts as
 * outstanding from this call on and comes back as any job's completion.
 * At most one per job. quiet: the current job's completion is handed
 * back without waking the owner (nor making hh_pool_fd readable): the
 * owner collects it with a later one, at the latest with the completion
 * that ends the chain of continuations (a job without one wakes the
 * owner), or when a wait of its own ends. A continuation accepted is part
 * of the running job: it runs even when a shutdown begins before the job
 * returns (the shutdown waits for it; a chain that should stop there is
 * the jobs' to end). Errors: EINVAL when not called from a job of p,
 * EBUSY when the job has one already, ESHUTDOWN after hh_pool_shutdown,
 * ENOMEM. */
int hh_pool_then(hh_pool *p, hh_pool_fn fn, void *arg, bool quiet);

/* Number of worker threads. */
int hh_pool_workers(const hh_pool *p);

/* Queue fn(arg). arg is borrowed: the caller keeps it alive until the
 * completion is collected. Errors: ESHUTDOWN after hh_pool_shutdown, ENOMEM. */
int hh_pool_submit(hh_pool *p, hh_pool_fn fn, void *arg);

/* Jobs submitted and not yet collected (queued, running, or done). */
size_t hh_pool_outstanding(hh_pool *p);

/* Collect one completion into *res, waiting up to timeout_ms (< 0: without
 * bound, 0: do not wait). Returns 0 with *res filled; ETIMEDOUT when the
 * time ran out; EINTR when hh_pool_wake interrupted the wait; ENOENT when
 * nothing is outstanding (nothing will ever come). */
int hh_pool_wait(hh_pool *p, long timeout_ms, hh_pool_result *res);

/* A descriptor for the owner's event loop (poll, libqb, libmicrohttpd):
 * readable while a completion (but a quiet one, hh_pool_then) or a wake is
 * pending; then collect with
 * hh_pool_wait(p, 0, ...) until it returns ETIMEDOUT or ENOENT. Created on
 * the first call, owned by the pool (do not close it). Returns -1 with
 * errno set when the pipe cannot be made. */
int hh_pool_fd(hh_pool *p);

/* Interrupt the owner's current or next hh_pool_wait (it returns EINTR once).
 * Async-signal-unsafe; safe from any thread. */
void hh_pool_wake(hh_pool *p);

/* Stop taking jobs. Jobs still queued are dropped: they come back as
 * completions with rc ECANCELED. Jobs running are let finish: wait up to
 * timeout_ms (< 0: without bound) for them. Returns 0 when no job runs any
 * more, ETIMEDOUT otherwise (call again, or hh_pool_free, which waits).
 * Completions stay collectable with hh_pool_wait. */
int hh_pool_shutdown(hh_pool *p, long timeout_ms);

/* Shut down without a bound, join the workers, drop uncollected
 * completions, free. p may be NULL. */
void hh_pool_free(hh_pool *p);

#endif
