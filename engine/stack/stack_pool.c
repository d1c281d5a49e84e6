/* stack_pool: worker threads fed from a FIFO, completions handed back
 * through a second FIFO to the owning thread. One mutex guards both queues;
 * `work` wakes workers, `done` wakes the owner. Waits use CLOCK_MONOTONIC.
 * The optional pipe is level-triggered by hand: one byte is in it exactly
 * while a completion or a wake is pending (written and drained under the
 * mutex). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "stack_pool.h"

typedef struct pool_job {
    hh_pool_fn fn;
    void *arg;
    int rc;
    struct pool_job *next;
} pool_job;

typedef struct job_fifo {
    pool_job *head, *tail;
} job_fifo;

struct hh_pool {
    pthread_mutex_t lock;
    pthread_cond_t work; /* queued grew, or shutdown */
    pthread_cond_t done; /* a job finished, or a wake */
    pthread_t *threads;
    int workers;
    int started; /* threads actually created */
    job_fifo queued;
    job_fifo finished;
    size_t outstanding; /* submitted, not collected */
    int running;
    bool stopping;
    bool woken;
    int pipefd[2];  /* -1 until hh_pool_fd */
    bool signalled; /* a byte is in the pipe */
};

/* Under the lock: something is pending for the owner. */
static void notify(hh_pool *p)
{
    char b = 1;

    if (p->pipefd[1] >= 0 && !p->signalled && write(p->pipefd[1], &b, 1) == 1)
        p->signalled = true;
}

/* Under the lock: nothing pending any more. */
static void unnotify(hh_pool *p)
{
    char b[16];

    if (!p->signalled || p->finished.head != NULL || p->woken)
        return;
    while (read(p->pipefd[0], b, sizeof(b)) > 0)
        ;
    p->signalled = false;
}

static void fifo_push(job_fifo *q, pool_job *j)
{
    j->next = NULL;
    if (q->tail != NULL)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
}

static pool_job *fifo_pop(job_fifo *q)
{
    pool_job *j = q->head;

    if (j != NULL) {
        q->head = j->next;
        if (q->head == NULL)
            q->tail = NULL;
    }
    return j;
}

/* Absolute CLOCK_MONOTONIC time timeout_ms from now. */
static struct timespec deadline_after(long timeout_ms)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += (timeout_ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* A new job of fn(arg); NULL on ENOMEM. */
static pool_job *job_new(hh_pool_fn fn, void *arg)
{
    pool_job *j = malloc(sizeof(*j));

    if (j != NULL) {
        j->fn = fn;
        j->arg = arg;
        j->rc = 0;
    }
    return j;
}

/* The job a worker runs and its continuation (hh_pool_then), per thread:
 * set and read by the worker only. */
static _Thread_local hh_pool *tl_pool;
static _Thread_local pool_job *tl_then;
static _Thread_local bool tl_quiet;
static _Thread_local bool tl_in_job;

static void *worker_main(void *arg)
{
    hh_pool *p = arg;
    pool_job *j = NULL;

    tl_pool = p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        if (j == NULL) {
            while (p->queued.head == NULL && !p->stopping)
                pthread_cond_wait(&p->work, &p->lock);
            if (p->stopping)
                break; /* shutdown drops whatever is still queued */
            j = fifo_pop(&p->queued);
            p->running++;
        }
        pthread_mutex_unlock(&p->lock);
        tl_in_job = true;
        j->rc = j->fn(j->arg);
        tl_in_job = false;
        pthread_mutex_lock(&p->lock);
        fifo_push(&p->finished, j);
        j = tl_then; /* runs even when stopping: part of the running job */
        tl_then = NULL;
        if (j == NULL)
            p->running--;
        if (j == NULL || !tl_quiet) {
            notify(p);
            /* outside the lock: the owner it wakes finds it free */
            pthread_mutex_unlock(&p->lock);
            pthread_cond_broadcast(&p->done);
            pthread_mutex_lock(&p->lock);
        }
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int hh_pool_then(hh_pool *p, hh_pool_fn fn, void *arg, bool quiet)
{
    pool_job *j;
    int rc = 0;

    if (tl_pool != p || !tl_in_job)
        return EINVAL;
    if (tl_then != NULL)
        return EBUSY;
    j = job_new(fn, arg);
    if (j == NULL)
        return ENOMEM;
    pthread_mutex_lock(&p->lock);
    if (p->stopping)
        rc = ESHUTDOWN;
    else
        p->outstanding++;
    pthread_mutex_unlock(&p->lock);
    if (rc != 0) {
        free(j);
        return rc;
    }
    tl_then = j;
    tl_quiet = quiet;
    return 0;
}

int hh_pool_new(int workers, hh_pool **out)
{
    hh_pool *p = NULL;
    pthread_condattr_t ca;
    int rc = 0, i;

    *out = NULL;
    if (workers < 1 || workers > HH_POOL_MAX_WORKERS)
        return EINVAL;
    p = calloc(1, sizeof(*p));
    if (p == NULL)
        return ENOMEM;
    p->threads = calloc((size_t)workers, sizeof(*p->threads));
    if (p->threads == NULL) {
        free(p);
        return ENOMEM;
    }
    p->workers = workers;
    p->pipefd[0] = p->pipefd[1] = -1;
    pthread_mutex_init(&p->lock, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->work, &ca);
    pthread_cond_init(&p->done, &ca);
    pthread_condattr_destroy(&ca);
    for (i = 0; i < workers; i++) {
        rc = pthread_create(&p->threads[i], NULL, worker_main, p);
        if (rc != 0)
            goto done;
        p->started++;
    }
done:
    if (rc != 0) {
        hh_pool_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int hh_pool_workers(const hh_pool *p)
{
    return p->workers;
}

int hh_pool_submit(hh_pool *p, hh_pool_fn fn, void *arg)
{
    pool_job *j = job_new(fn, arg);
    int rc = 0;

    if (j == NULL)
        return ENOMEM;
    pthread_mutex_lock(&p->lock);
    if (p->stopping) {
        rc = ESHUTDOWN;
    } else {
        fifo_push(&p->queued, j);
        p->outstanding++;
    }
    pthread_mutex_unlock(&p->lock);
    if (rc != 0)
        free(j);
    else
        pthread_cond_signal(&p->work); /* outside the lock: see worker_main */
    return rc;
}

size_t hh_pool_outstanding(hh_pool *p)
{
    size_t n;

    pthread_mutex_lock(&p->lock);
    n = p->outstanding;
    pthread_mutex_unlock(&p->lock);
    return n;
}

int hh_pool_wait(hh_pool *p, long timeout_ms, hh_pool_result *res)
{
    struct timespec until = deadline_after(timeout_ms > 0 ? timeout_ms : 0);
    pool_job *j = NULL;
    int rc = 0;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        j = fifo_pop(&p->finished);
        if (j != NULL)
            break;
        if (p->woken) {
            p->woken = false;
            rc = EINTR;
            break;
        }
        if (p->outstanding == 0) {
            rc = ENOENT;
            break;
        }
        if (timeout_ms == 0) {
            rc = ETIMEDOUT;
            break;
        }
        if (timeout_ms < 0) {
            pthread_cond_wait(&p->done, &p->lock);
        } else if (pthread_cond_timedwait(&p->done, &p->lock, &until) == ETIMEDOUT) {
            j = fifo_pop(&p->finished);
            if (j == NULL)
                rc = ETIMEDOUT;
            break;
        }
    }
    if (j != NULL)
        p->outstanding--;
    unnotify(p);
    pthread_mutex_unlock(&p->lock);
    if (j != NULL) {
        res->fn = j->fn;
        res->arg = j->arg;
        res->rc = j->rc;
        free(j);
    }
    return rc;
}

int hh_pool_fd(hh_pool *p)
{
    int fd;

    pthread_mutex_lock(&p->lock);
    if (p->pipefd[0] < 0) {
        if (pipe2(p->pipefd, O_NONBLOCK | O_CLOEXEC) != 0) {
            p->pipefd[0] = p->pipefd[1] = -1;
        } else if (p->finished.head != NULL || p->woken) {
            notify(p);
        }
    }
    fd = p->pipefd[0];
    pthread_mutex_unlock(&p->lock);
    return fd;
}

void hh_pool_wake(hh_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->woken = true;
    notify(p);
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->lock);
}

int hh_pool_shutdown(hh_pool *p, long timeout_ms)
{
    struct timespec until = deadline_after(timeout_ms > 0 ? timeout_ms : 0);
    pool_job *j;
    int rc = 0;

    pthread_mutex_lock(&p->lock);
    if (!p->stopping) {
        p->stopping = true;
        while ((j = fifo_pop(&p->queued)) != NULL) {
            j->rc = ECANCELED;
            fifo_push(&p->finished, j);
            notify(p);
        }
        pthread_cond_broadcast(&p->work);
    }
    while (p->running > 0) {
        if (timeout_ms == 0) {
            rc = ETIMEDOUT;
            break;
        }
        if (timeout_ms < 0) {
            pthread_cond_wait(&p->done, &p->lock);
        } else if (pthread_cond_timedwait(&p->done, &p->lock, &until) == ETIMEDOUT) {
            rc = p->running > 0 ? ETIMEDOUT : 0;
            break;
        }
    }
    pthread_mutex_unlock(&p->lock);
    return rc;
}

void hh_pool_free(hh_pool *p)
{
    pool_job *j;
    int i;

    if (p == NULL)
        return;
    hh_pool_shutdown(p, -1);
    for (i = 0; i < p->started; i++)
        pthread_join(p->threads[i], NULL);
    while ((j = fifo_pop(&p->finished)) != NULL)
        free(j);
    if (p->pipefd[0] >= 0) {
        close(p->pipefd[0]);
        close(p->pipefd[1]);
    }
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p);
}
