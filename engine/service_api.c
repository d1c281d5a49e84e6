/* service_api: the dispatcher, its method table, the hand-off of action
 * requests to the owner's thread and the store handles of readers (see
 * service_api.h).
 *
 * Hand-off: a queued request is a job on a FIFO under qlock; the
 * dispatcher appends it, writes the eventfd and waits on qdone until the
 * owner marks it done. The owner drains the eventfd, then runs the jobs
 * one by one outside the lock. A job belongs to the dispatcher's stack
 * frame; the owner touches it only while it is queued or running. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "hh_log.h"
#include "service_internal.h"

/* Where a method runs. */
typedef enum svc_where {
    SVC_READ,  /* a transport thread, on a pooled store handle */
    SVC_KEPT,  /* the same, its answers kept while the data is unchanged (service_cache) */
    SVC_OWNER, /* queued to the owner's thread (starts or changes actions) */
} svc_where;

/* The method table: every EngineClient method of rpc_msg.c. fn NULL means
 * the engine function behind it is not there yet: the request fails with
 * NotSupported "<feature> is not supported.". Wiring a method is one line. */
typedef struct svc_method {
    const char *name;
    hh_svc_fn fn;
    svc_where where;
    const char *feature; /* fn NULL: what is not supported */
} svc_method;

#define READ(n)                                                                                    \
    {                                                                                              \
#n, hh_svc_##n, SVC_READ, NULL                                                             \
    }
#define KEPT(n)                                                                                    \
    {                                                                                              \
#n, hh_svc_##n, SVC_KEPT, NULL                                                             \
    }
#define OWNER(n)                                                                                   \
    {                                                                                              \
#n, hh_svc_##n, SVC_OWNER, NULL                                                            \
    }
#define UNWIRED(n, what)                                                                           \
    {                                                                                              \
#n, NULL, SVC_OWNER, what                                                                  \
    }

/* Sorted by name (bisected). */
static const svc_method methods[] = {
    OWNER(abandon_stack),
    READ(authenticated_to_backend),
    READ(check_software_deployment),
    KEPT(count_stacks),
    OWNER(create_software_config),
    OWNER(create_software_deployment),
    OWNER(create_stack),
    OWNER(delete_snapshot),
    OWNER(delete_software_config),
    OWNER(delete_software_deployment),
    OWNER(delete_stack),
    READ(describe_stack_resource),
    READ(describe_stack_resources),
    OWNER(export_stack),
    READ(find_physical_resource),
    READ(generate_template),
    READ(get_environment),
    READ(get_files),
    READ(get_revision),
    READ(get_template),
    READ(identify_stack),
    READ(list_events),
    READ(list_outputs),
    READ(list_resource_types),
    READ(list_services),
    READ(list_software_configs),
    READ(list_software_deployments),
    READ(list_stack_resources),
    KEPT(list_stacks),
    READ(list_template_functions),
    READ(list_template_versions),
    READ(metadata_software_deployments),
    UNWIRED(migrate_convergence_1, "Migrating to convergence"),
    OWNER(preview_stack),
    OWNER(preview_update_stack),
    OWNER(resource_mark_unhealthy),
    READ(resource_schema),
    OWNER(resource_signal),
    READ(show_output),
    OWNER(show_snapshot),
    READ(show_software_config),
    READ(show_software_deployment),
    READ(show_stack),
    OWNER(signal_software_deployment),
    OWNER(stack_cancel_update),
    OWNER(stack_check),
    OWNER(stack_list_snapshots),
    OWNER(stack_restore),
    OWNER(stack_resume),
    OWNER(stack_snapshot),
    OWNER(stack_suspend),
    OWNER(update_software_deployment),
    OWNER(update_stack),
    READ(validate_template),
};

#undef READ
#undef KEPT
#undef OWNER
#undef UNWIRED

static int method_cmp(const void *key, const void *entry)
{
    return strcmp(key, ((const svc_method *)entry)->name);
}

/* The table's entry for name, or NULL (the table is sorted by name). */
static const svc_method *method_find(const char *name)
{
    return bsearch(name, methods, sizeof(methods) / sizeof(methods[0]), sizeof(methods[0]),
                   method_cmp);
}

typedef struct svc_job {
    struct svc_job *next;
    hh_svc_call *call;
    const svc_method *m;
    json_t *result;
    hh_error *err;
    int rc;
    bool done;
} svc_job;

struct hh_service {
    const hh_conf *conf;
    hh_service_opts opts;
    char *url;
    hh_store *owner_st; /* the owner's handle while standby (reads of the sweep) */
    hh_stack_engine *engine;
    int64_t term;
    bool fenced;           /* an owner method met a newer term */
    hh_tmpl_limits limits; /* the engine's (it keeps a pointer) */
    hh_rpc *rpc;           /* serving on it, or NULL */
    hh_svc_cache *answers; /* of the SVC_KEPT methods */
    /* reader handles */
    pthread_mutex_t plock;
    hh_store **free_st;
    size_t nfree, cap;
    /* owner queue */
    pthread_mutex_t qlock;
    pthread_cond_t qdone;
    svc_job *head, *tail;
    bool refusing; /* stopping: jobs are refused, not queued */
    int efd;
    /* event purge sweep */
    json_t *sweep_ids; /* stacks IN_PROGRESS at the last sweep */
    double next_sweep; /* monotonic seconds */
};

#define SWEEP_SECS 0.5

static double mono_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const hh_conf *hh_svc_conf(const hh_service *s)
{
    return s->conf;
}

hh_stack_ops_conf hh_svc_ops_conf(const hh_service *s)
{
    return (hh_stack_ops_conf){
        .enable_stack_abandon = hh_conf_get_bool(s->conf, "DEFAULT", "enable_stack_abandon"),
        .enable_stack_adopt = hh_conf_get_bool(s->conf, "DEFAULT", "enable_stack_adopt"),
        .max_snapshots_per_stack = hh_conf_get_int(s->conf, "DEFAULT", "max_snapshots_per_stack"),
    };
}

int hh_svc_not_supported(hh_error *err, const char *feature)
{
    return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.", feature);
}

/* ---- lifecycle ---- */

int hh_service_new(const hh_service_opts *o, hh_service **out, hh_error *err)
{
    hh_service *s = NULL;
    const char *url;
    int rc, v = 0;

    *out = NULL;
    if (o == NULL || o->conf == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "a configuration is required");
    url = hh_conf_get_str(o->conf, "database", "connection");
    if (url == NULL)
        return hh_error_set(err, HH_ECONFIG, NULL, "[database] connection is not set");
    if ((s = calloc(1, sizeof(*s))) == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    pthread_mutex_init(&s->plock, NULL);
    pthread_mutex_init(&s->qlock, NULL);
    pthread_cond_init(&s->qdone, NULL);
    s->efd = -1;
    s->conf = o->conf;
    s->opts = *o;
    s->url = strdup(url);
    s->sweep_ids = json_array();
    s->answers = hh_svc_cache_new();
    if (s->url == NULL || s->sweep_ids == NULL || s->answers == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto fail;
    }
    if ((s->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
        rc = hh_error_set(err, errno, NULL, "eventfd: %s", strerror(errno));
        goto fail;
    }
    if ((rc = hh_store_open(s->url, &s->owner_st, err)) != 0)
        goto fail;
    if ((rc = hh_store_db_version(s->owner_st, &v, err)) != 0)
        goto fail;
    if (v != hh_store_schema_latest(s->owner_st)) {
        rc = hh_error_set(err, HH_EINVAL, NULL,
                          "the database schema is at version %d, not %d: run heat-manage db_sync",
                          v, hh_store_schema_latest(s->owner_st));
        goto fail;
    }
    *out = s;
    return 0;
fail:
    hh_service_free(s);
    return rc;
}

/* Answer every queued job with a refusal and refuse new ones until
 * refusing is cleared. */
static void refuse_queued(hh_service *s, bool keep_refusing)
{
    pthread_mutex_lock(&s->qlock);
    s->refusing = keep_refusing;
    while (s->head != NULL) {
        svc_job *j = s->head;

        s->head = j->next;
        j->rc = hh_error_set(j->err, HH_EFENCED, "ConcurrentTransaction",
                             "The engine is stopping: request not run.");
        j->done = true;
    }
    s->tail = NULL;
    pthread_cond_broadcast(&s->qdone);
    pthread_mutex_unlock(&s->qlock);
}

void hh_service_free(hh_service *s)
{
    if (s == NULL)
        return;
    hh_service_unserve(s);
    refuse_queued(s, true);
    hh_service_deactivate(s);
    for (size_t i = 0; i < s->nfree; i++)
        hh_store_close(s->free_st[i]);
    free(s->free_st);
    hh_store_close(s->owner_st);
    hh_svc_cache_free(s->answers);
    if (s->efd >= 0)
        close(s->efd);
    json_decref(s->sweep_ids);
    pthread_cond_destroy(&s->qdone);
    pthread_mutex_destroy(&s->qlock);
    pthread_mutex_destroy(&s->plock);
    free(s->url);
    free(s);
}

int hh_service_serve(hh_service *s, hh_rpc *rpc, hh_error *err)
{
    int rc;

    if (s->rpc != NULL)
        return hh_error_set(err, HH_EEXISTS, NULL, "already serving");
    refuse_queued(s, false);
    rc = hh_rpc_serve(rpc, HH_RPC_ENGINE_TOPIC, hh_service_dispatch, s, err);
    if (rc == 0)
        s->rpc = rpc;
    return rc;
}

void hh_service_unserve(hh_service *s)
{
    if (s->rpc == NULL)
        return;
    /* dispatchers waiting for the owner must be answered before the
     * transport can drain them */
    refuse_queued(s, true);
    hh_rpc_unserve(s->rpc, HH_RPC_ENGINE_TOPIC);
    s->rpc = NULL;
    refuse_queued(s, false);
}

/* ---- roles ---- */

/* The template limits of conf. */
static hh_tmpl_limits limits_of(const hh_conf *conf)
{
    hh_tmpl_limits l = hh_tmpl_limits_default;

    l.max_template_size = (size_t)hh_conf_get_int(conf, "DEFAULT", "max_template_size");
    l.max_resources_per_stack = hh_conf_get_int(conf, "DEFAULT", "max_resources_per_stack");
    l.max_nested_stack_depth = hh_conf_get_int(conf, "DEFAULT", "max_nested_stack_depth");
    return l;
}

static int engine_start(hh_service *s, hh_error *err)
{
    const hh_conf *conf = s->conf;
    hh_stack_engine_opts eo = {0};

    eo.store_url = s->url;
    eo.workers = s->opts.workers > 0 ? s->opts.workers
                 : hh_conf_is_set(conf, "DEFAULT", "num_engine_workers")
                     ? hh_conf_get_int(conf, "DEFAULT", "num_engine_workers")
                     : 4;
    eo.poll_secs = s->opts.poll_secs;
    eo.error_wait_secs = s->opts.error_wait_secs >= 0
                             ? s->opts.error_wait_secs
                             : (double)hh_conf_get_int(conf, "DEFAULT", "error_wait_time");
    eo.stack_action_timeout = (double)hh_conf_get_int(conf, "DEFAULT", "stack_action_timeout");
    eo.action_retry_limit = hh_conf_get_int(conf, "DEFAULT", "action_retry_limit");
    if (eo.action_retry_limit <= 0)
        eo.action_retry_limit = 0; /* Heat's max(action_retry_limit, 0) */
    s->limits = limits_of(conf);
    eo.limits = &s->limits; /* the engine keeps the pointer */
    return hh_stack_engine_new(&eo, &s->engine, err);
}

int hh_service_activate(hh_service *s, int64_t term, int *resumed, hh_error *err)
{
    int rc;

    if (resumed != NULL)
        *resumed = 0;
    hh_service_deactivate(s);
    rc = engine_start(s, err);
    if (rc != 0)
        return rc;
    s->term = term;
    s->fenced = false;
    rc = hh_stack_resume_all(s->engine, term, resumed, err);
    if (rc != 0) {
        hh_service_deactivate(s);
        return rc;
    }
    s->next_sweep = 0;
    return 0;
}

void hh_service_deactivate(hh_service *s)
{
    hh_stack_engine_free(s->engine);
    s->engine = NULL;
}

bool hh_service_active(const hh_service *s)
{
    return s->engine != NULL;
}

size_t hh_service_busy(const hh_service *s)
{
    return s->engine != NULL ? hh_stack_engine_active(s->engine) : 0;
}

bool hh_service_fenced(const hh_service *s)
{
    return s->engine != NULL && (s->fenced || hh_stack_engine_fenced(s->engine) > 0);
}

/* ---- reader handles ---- */

static int handle_take(hh_service *s, hh_store **out, hh_error *err)
{
    pthread_mutex_lock(&s->plock);
    *out = s->nfree > 0 ? s->free_st[--s->nfree] : NULL;
    pthread_mutex_unlock(&s->plock);
    return *out != NULL ? 0 : hh_store_open(s->url, out, err);
}

static void handle_give(hh_service *s, hh_store *st)
{
    if (st == NULL)
        return;
    if (hh_store_in_transaction(st))
        hh_store_rollback(st);
    pthread_mutex_lock(&s->plock);
    if (s->nfree == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4;
        hh_store **n = realloc(s->free_st, cap * sizeof(*n));

        if (n == NULL) {
            pthread_mutex_unlock(&s->plock);
            hh_store_close(st);
            return;
        }
        s->free_st = n;
        s->cap = cap;
    }
    s->free_st[s->nfree++] = st;
    pthread_mutex_unlock(&s->plock);
}

/* ---- the owner ---- */

static void run_owner_job(hh_service *s, svc_job *j)
{
    j->call->engine = s->engine;
    j->call->term = s->term;
    j->call->st = s->engine != NULL ? hh_stack_engine_store(s->engine) : s->owner_st;
    if (s->engine == NULL) {
        j->rc = hh_error_set(j->err, HH_EFENCED, "ConcurrentTransaction",
                             "The engine is not active: %s not run.", j->m->name);
        return;
    }
    j->rc = j->m->fn(j->call, &j->result, j->err);
    if (j->rc == HH_EFENCED && j->err != NULL && strncmp(j->err->message, "fenced", 6) == 0)
        s->fenced = true;
}

size_t hh_service_pollfds(hh_service *s, struct pollfd *fds, long *timeout_ms)
{
    size_t n = 0;
    long t = -1;

    fds[n++] = (struct pollfd){.fd = s->efd, .events = POLLIN};
    if (s->engine != NULL) {
        long next = -1;

        fds[n++] = (struct pollfd){.fd = hh_stack_engine_fd(s->engine), .events = POLLIN};
        /* a dispatch without waiting tells how long the engine may wait */
        hh_stack_engine_dispatch(s->engine, &next);
        t = next;
        if (hh_conf_get_int(s->conf, "DEFAULT", "max_events_per_stack") > 0 &&
            (json_array_size(s->sweep_ids) > 0 || hh_stack_engine_active(s->engine) > 0)) {
            long sweep = (long)((s->next_sweep - mono_now()) * 1000.0);

            if (sweep < 0)
                sweep = 0;
            if (t < 0 || sweep < t)
                t = sweep;
        }
    }
    if (timeout_ms != NULL)
        *timeout_ms = t;
    return n;
}

/* max_events_per_stack: purge the stacks that are or were just IN_PROGRESS
 * (only actions write events). */
static void sweep_events(hh_service *s)
{
    int max = hh_conf_get_int(s->conf, "DEFAULT", "max_events_per_stack");
    int batch = hh_conf_get_int(s->conf, "DEFAULT", "event_purge_batch_size");
    hh_store *st = hh_stack_engine_store(s->engine);
    hh_store_list_opts lo = {0};
    json_t *filters = NULL, *now = NULL, *ids = NULL, *row;
    size_t i;

    s->next_sweep = mono_now() + SWEEP_SECS;
    if (max <= 0)
        return;
    filters = json_pack("{s:s}", "status", "IN_PROGRESS");
    lo.filters = filters;
    if (filters == NULL || hh_store_stack_list(st, NULL, &lo, false, true, &now, NULL) != 0)
        goto done;
    ids = json_array();
    json_array_foreach(now, i, row) json_array_append(ids, json_object_get(row, "id"));
    json_array_extend(s->sweep_ids, ids);
    json_array_foreach(s->sweep_ids, i, row)
    {
        hh_error err;

        hh_error_clear(&err);
        if (hh_svc_purge_events(st, s->term, json_string_value(row), max, batch, &err) != 0 &&
            err.rc != HH_ENOTFOUND)
            hh_log_warning("event purge of stack %s: %s", json_string_value(row), err.message);
    }
    json_decref(s->sweep_ids);
    s->sweep_ids = ids;
    ids = NULL;
done:
    json_decref(ids);
    json_decref(now);
    json_decref(filters);
}

void hh_svc_watch_events(hh_service *s, const char *stack_id)
{
    json_array_append_new(s->sweep_ids, json_string(stack_id));
}

int hh_svc_purge_events(hh_store *st, int64_t term, const char *stack_id, int max, int batch,
                        hh_error *err)
{
    int64_t count = 0, keep;
    int rc;

    if (max <= 0 || batch <= 0)
        return 0;
    if ((rc = hh_store_event_count(st, stack_id, &count, err)) != 0 || count < max)
        return rc;
    /* Heat removes batch events each time the count reaches max */
    keep = count - (int64_t)batch * ((count - max) / batch + 1);
    return hh_store_event_purge(st, term, stack_id, keep > 0 ? keep : 0, NULL, err);
}

void hh_service_step(hh_service *s, const struct pollfd *fds, size_t n)
{
    uint64_t v;

    for (size_t i = 0; i < n; i++)
        if (fds[i].fd == s->efd && fds[i].revents != 0)
            while (read(s->efd, &v, sizeof(v)) > 0) {
            }
    for (;;) {
        svc_job *j;

        pthread_mutex_lock(&s->qlock);
        j = s->head;
        if (j != NULL) {
            s->head = j->next;
            if (s->head == NULL)
                s->tail = NULL;
        }
        pthread_mutex_unlock(&s->qlock);
        if (j == NULL)
            break;
        run_owner_job(s, j);
        pthread_mutex_lock(&s->qlock);
        j->done = true;
        pthread_cond_broadcast(&s->qdone);
        pthread_mutex_unlock(&s->qlock);
    }
    if (s->engine != NULL) {
        long next;

        hh_stack_engine_dispatch(s->engine, &next);
        if (mono_now() >= s->next_sweep &&
            (json_array_size(s->sweep_ids) > 0 || hh_stack_engine_active(s->engine) > 0))
            sweep_events(s);
    }
}

void hh_service_run(hh_service *s, long timeout_ms)
{
    struct pollfd fds[HH_SERVICE_POLLFDS];
    long t;
    size_t n = hh_service_pollfds(s, fds, &t);

    if (t < 0 || t > timeout_ms)
        t = timeout_ms;
    if (poll(fds, n, (int)t) < 0)
        n = 0;
    hh_service_step(s, fds, n);
}

/* ---- the dispatcher ---- */

static int queue_and_wait(hh_service *s, svc_job *j)
{
    uint64_t one = 1;

    pthread_mutex_lock(&s->qlock);
    if (s->refusing) {
        pthread_mutex_unlock(&s->qlock);
        return hh_error_set(j->err, HH_EFENCED, "ConcurrentTransaction",
                            "The engine is stopping: request not run.");
    }
    if (s->tail != NULL)
        s->tail->next = j;
    else
        s->head = j;
    s->tail = j;
    pthread_mutex_unlock(&s->qlock);
    if (write(s->efd, &one, sizeof(one)) < 0) {
        /* the counter is saturated: the owner has wake-ups pending already */
    }
    pthread_mutex_lock(&s->qlock);
    while (!j->done)
        pthread_cond_wait(&s->qdone, &s->qlock);
    pthread_mutex_unlock(&s->qlock);
    return j->rc;
}

int hh_service_dispatch(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    hh_service *s = arg;
    const svc_method *m = method_find(req->method);
    hh_svc_call call = {.s = s, .req = req, .args = req->args, .ctx = &req->ctx};
    int rc;

    *result = NULL;
    if (m == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, "NoSuchMethod",
                            "Endpoint does not support RPC method %s", req->method);
    if (m->fn == NULL)
        return hh_svc_not_supported(err, m->feature);
    if (m->where == SVC_OWNER) {
        svc_job j = {.call = &call, .m = m, .err = err};

        rc = queue_and_wait(s, &j);
        *result = j.result;
        return rc;
    }
    if ((rc = handle_take(s, &call.st, err)) != 0)
        return rc;
    if (m->where == SVC_KEPT) {
        hh_svc_cache_query q;

        if (hh_svc_cache_get(s->answers, &call, &q, result)) {
            rc = 0;
        } else if ((rc = m->fn(&call, result, err)) == 0) {
            hh_svc_cache_put(s->answers, &q, *result);
        } else {
            free(q.key);
        }
    } else {
        rc = m->fn(&call, result, err);
    }
    handle_give(s, call.st);
    if (rc != 0) {
        json_decref(*result);
        *result = NULL;
    }
    return rc;
}

/* ---- helpers of the method files ---- */

const char *hh_svc_arg_str(const hh_svc_call *c, const char *name)
{
    return json_string_value(json_object_get(c->args, name));
}

bool hh_svc_arg_bool(const hh_svc_call *c, const char *name, bool dflt)
{
    const json_t *v = json_object_get(c->args, name);

    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

int hh_svc_arg_int(const hh_svc_call *c, const char *name, long long dflt, long long *out,
                   hh_error *err)
{
    const json_t *v = json_object_get(c->args, name);
    const char *t;
    char *end = NULL;

    *out = dflt;
    if (v == NULL || json_is_null(v))
        return 0;
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 0;
    }
    t = json_string_value(v);
    errno = 0;
    if (t != NULL && t[0] != '\0') {
        long long n = strtoll(t, &end, 10);

        if (errno == 0 && *end == '\0') {
            *out = n;
            return 0;
        }
    }
    return hh_error_set(err, HH_EINVAL, "Invalid", "Invalid value '%s' for %s: must be an integer",
                        t != NULL ? t : "", name);
}

bool hh_svc_visible(const hh_svc_call *c, const json_t *row)
{
    const char *tenant = json_string_value(json_object_get(row, "tenant"));
    const char *sup = json_string_value(json_object_get(row, "stack_user_project_id"));

    if (c->ctx->is_admin)
        return true;
    return (tenant != NULL && strcmp(tenant, c->ctx->tenant) == 0) ||
           (sup != NULL && strcmp(sup, c->ctx->tenant) == 0);
}

static bool uuid_like(const char *s)
{
    static const char pat[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

    if (strlen(s) != sizeof(pat) - 1)
        return false;
    for (size_t i = 0; pat[i] != '\0'; i++) {
        if (pat[i] == '-' ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    }
    return true;
}

static int not_found(hh_error *err, const char *name)
{
    return hh_error_set(err, HH_ENOTFOUND, "EntityNotFound", "The Stack (%s) could not be found.",
                        name);
}

int hh_svc_get_stack(hh_svc_call *c, const json_t *identity, bool show_deleted, json_t **row,
                     hh_error *err)
{
    json_t *r = NULL;
    const char *id, *name, *path;

    *row = NULL;
    if (json_is_string(identity)) {
        /* a name or an id, as identify_stack resolves it */
        name = json_string_value(identity);
        if (uuid_like(name) && hh_store_stack_get(c->st, name, show_deleted, &r, NULL) == 0 &&
            !hh_svc_visible(c, r)) {
            json_decref(r);
            r = NULL;
        }
        if (r == NULL && hh_store_stack_get_by_name(c->st, c->ctx->tenant, name, &r, NULL) != 0)
            return not_found(err, name);
        *row = r;
        return 0;
    }
    id = json_string_value(json_object_get(identity, "stack_id"));
    name = json_string_value(json_object_get(identity, "stack_name"));
    path = json_string_value(json_object_get(identity, "path"));
    if (name == NULL)
        name = id != NULL ? id : "";
    if (id == NULL || hh_store_stack_get(c->st, id, show_deleted, &r, NULL) != 0 ||
        !hh_svc_visible(c, r) || (path != NULL && path[0] != '\0') ||
        strcmp(json_string_value(json_object_get(r, "name")), name) != 0) {
        json_decref(r);
        return not_found(err, name);
    }
    *row = r;
    return 0;
}
