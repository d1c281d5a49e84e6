/* rpc_inproc: the in-process RPC driver.
 *
 * Requests are copied into a bounded FIFO; a fixed pool of server threads
 * takes them in order and runs the topic's handler. A call waits on its own
 * completion (a condition variable on the driver's lock, CLOCK_MONOTONIC
 * deadline); the completion is reference-counted between the caller and the
 * server thread, so a caller that timed out leaves and the late reply is
 * dropped by whichever side lets go last. A request crosses the driver as
 * bytes, as on a broker; a call's outcome comes back as the dispatcher's
 * result value or the error a network caller would decode
 * (hh_rpc_handle_result): the caller gets the completion's reference to
 * the result (read-only, rpc.h), the server thread lets go of it under the
 * driver's lock.
 *
 * A call to a topic nobody serves fails at once with MessagingTimeout (a
 * broker would hold it until the timeout); a cast to one is dropped, as a
 * broker drops an unroutable message.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rpc.h"

#define INPROC_THREADS 4
#define INPROC_QUEUE_MAX 4096

typedef struct inproc_completion {
    pthread_cond_t cond;
    int refs; /* caller + server thread; freed at 0 (under the driver lock) */
    bool done;
    int rc; /* the call's outcome; ETIMEDOUT when the topic went away before it ran */
    json_t *result;
    hh_error err; /* the server's failure (err.rc != 0 when it ran and failed) */
} inproc_completion;

typedef struct inproc_job {
    struct inproc_job *next;
    char topic[HH_RPC_TOPIC_MAX];
    char *bytes;
    size_t len;
    inproc_completion *c; /* NULL for a cast */
} inproc_job;

typedef struct inproc_topic {
    struct inproc_topic *next;
    char name[HH_RPC_TOPIC_MAX];
    hh_rpc_dispatch_fn fn;
    void *arg;
    int busy; /* handlers of this topic running now */
} inproc_topic;

typedef struct inproc {
    pthread_mutex_t lock;
    pthread_cond_t work; /* a job was queued, or stopping */
    pthread_cond_t idle; /* a handler finished */
    inproc_job *head, *tail;
    size_t queued;
    inproc_topic *topics;
    bool stopping;
    pthread_t threads[INPROC_THREADS];
    int nthreads;
} inproc;

static void completion_unref(inproc_completion *c)
{
    if (--c->refs > 0)
        return;
    pthread_cond_destroy(&c->cond);
    json_decref(c->result);
    free(c);
}

static inproc_topic *topic_find(inproc *p, const char *name)
{
    for (inproc_topic *t = p->topics; t != NULL; t = t->next)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

static void *inproc_worker(void *arg)
{
    inproc *p = arg;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        inproc_job *job;
        inproc_topic *t;
        json_t *result = NULL;
        hh_error err;
        int rc = ETIMEDOUT;

        hh_error_clear(&err);
        while (!p->stopping && p->head == NULL)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->head == NULL)
            break; /* stopping and drained */
        job = p->head;
        p->head = job->next;
        if (p->head == NULL)
            p->tail = NULL;
        p->queued--;
        t = topic_find(p, job->topic);
        if (t != NULL) {
            t->busy++;
            pthread_mutex_unlock(&p->lock);
            rc = hh_rpc_handle_result(t->fn, t->arg, job->bytes, job->len, &result, &err);
            pthread_mutex_lock(&p->lock);
            if (--t->busy == 0)
                pthread_cond_broadcast(&p->idle);
        }
        if (job->c != NULL) {
            job->c->rc = rc;
            job->c->result = result;
            if (t != NULL && rc != 0)
                job->c->err = err;
            job->c->done = true;
            pthread_cond_signal(&job->c->cond);
            completion_unref(job->c);
        } else {
            json_decref(result);
        }
        free(job->bytes);
        free(job);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void inproc_close(void *state)
{
    inproc *p = state;
    inproc_topic *t, *next;

    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    for (t = p->topics; t != NULL; t = next) {
        next = t->next;
        free(t);
    }
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->idle);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

static int inproc_open(const hh_conf *conf, void **state, hh_error *err)
{
    inproc *p;
    int rc;

    *state = NULL;
    if ((p = calloc(1, sizeof(*p))) == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->idle, NULL);
    for (int i = 0; i < INPROC_THREADS; i++) {
        if ((rc = pthread_create(&p->threads[i], NULL, inproc_worker, p)) != 0) {
            inproc_close(p);
            return hh_error_set(err, rc, "HeatException", "cannot start an RPC thread: %s",
                                hh_strerror(rc));
        }
        p->nthreads++;
    }
    *state = p;
    return 0;
}

/* Queue a copy of bytes for topic (lock held). */
static int enqueue(inproc *p, const char *topic, const char *bytes, size_t len,
                   inproc_completion *c, hh_error *err)
{
    inproc_job *job;

    if (p->queued >= INPROC_QUEUE_MAX)
        return hh_error_set(err, EAGAIN, "MessagingTimeout",
                            "RPC queue of topic %s is full (%d requests)", topic, INPROC_QUEUE_MAX);
    if ((job = calloc(1, sizeof(*job))) == NULL || (job->bytes = malloc(len + 1)) == NULL) {
        free(job);
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    }
    memcpy(job->bytes, bytes, len);
    job->bytes[len] = '\0';
    job->len = len;
    snprintf(job->topic, sizeof(job->topic), "%s", topic);
    job->c = c;
    if (p->tail != NULL)
        p->tail->next = job;
    else
        p->head = job;
    p->tail = job;
    p->queued++;
    pthread_cond_signal(&p->work);
    return 0;
}

static int inproc_call(void *state, const char *topic, const char *req, size_t len, int timeout_ms,
                       json_t **result, hh_error *err)
{
    inproc *p = state;
    inproc_completion *c = NULL;
    pthread_condattr_t attr;
    struct timespec deadline;
    int rc = 0;

    *result = NULL;
    if ((c = calloc(1, sizeof(*c))) == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cond, &attr);
    pthread_condattr_destroy(&attr);
    c->refs = 1;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }

    pthread_mutex_lock(&p->lock);
    if (p->stopping || topic_find(p, topic) == NULL) {
        rc = hh_error_set(err, ETIMEDOUT, "MessagingTimeout",
                          "Timed out waiting for a reply: no server listens on topic %s", topic);
        goto done;
    }
    if ((rc = enqueue(p, topic, req, len, c, err)) != 0)
        goto done;
    c->refs++; /* the server thread's */
    while (!c->done) {
        if (pthread_cond_timedwait(&c->cond, &p->lock, &deadline) == ETIMEDOUT && !c->done)
            break;
    }
    if (c->done && c->rc != 0 && c->err.rc != 0) {
        if (err != NULL)
            *err = c->err;
        rc = c->rc;
        goto done;
    }
    if (!c->done || c->rc != 0) {
        rc = hh_error_set(err, ETIMEDOUT, "MessagingTimeout",
                          "Timed out waiting for a reply to a call on topic %s after %d ms", topic,
                          timeout_ms);
        goto done;
    }
    *result = c->result;
    c->result = NULL;
done:
    completion_unref(c);
    pthread_mutex_unlock(&p->lock);
    return rc;
}

static int inproc_cast(void *state, const char *topic, const char *req, size_t len, hh_error *err)
{
    inproc *p = state;
    int rc = 0;

    pthread_mutex_lock(&p->lock);
    if (!p->stopping && topic_find(p, topic) != NULL)
        rc = enqueue(p, topic, req, len, NULL, err);
    pthread_mutex_unlock(&p->lock);
    return rc;
}

static int inproc_listen(void *state, const char *topic, hh_rpc_dispatch_fn fn, void *arg,
                         hh_error *err)
{
    inproc *p = state;
    inproc_topic *t;
    int rc = 0;

    pthread_mutex_lock(&p->lock);
    if (topic_find(p, topic) != NULL) {
        rc = hh_error_set(err, HH_EEXISTS, "Invalid", "topic %s is already served", topic);
    } else if ((t = calloc(1, sizeof(*t))) == NULL) {
        rc = hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    } else {
        snprintf(t->name, sizeof(t->name), "%s", topic);
        t->fn = fn;
        t->arg = arg;
        t->next = p->topics;
        p->topics = t;
    }
    pthread_mutex_unlock(&p->lock);
    return rc;
}

static int inproc_unlisten(void *state, const char *topic)
{
    inproc *p = state;
    inproc_topic **tp, *t = NULL;

    pthread_mutex_lock(&p->lock);
    for (tp = &p->topics; *tp != NULL; tp = &(*tp)->next) {
        if (strcmp((*tp)->name, topic) == 0) {
            t = *tp;
            *tp = t->next;
            break;
        }
    }
    while (t != NULL && t->busy > 0)
        pthread_cond_wait(&p->idle, &p->lock);
    pthread_mutex_unlock(&p->lock);
    if (t == NULL)
        return HH_ENOTFOUND;
    free(t);
    return 0;
}

const hh_rpc_driver hh_rpc_inproc = {
    .name = "inproc",
    .open = inproc_open,
    .close = inproc_close,
    .call = inproc_call,
    .cast = inproc_cast,
    .listen = inproc_listen,
    .unlisten = inproc_unlisten,
};
