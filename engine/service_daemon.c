/* service_daemon: the engine's daemon steps heat-engine and heat-all share
 * (service_daemon.h). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hh_daemon.h"
#include "hh_log.h"
#include "service_daemon.h"
#include "stack_pool.h"

static const char *errmsg(const hh_error *err, int rc)
{
    return err->message[0] != '\0' ? err->message : hh_strerror(rc);
}

int hh_sdaemon_logs(const hh_conf *conf, bool test_config)
{
    return hh_daemon_logs(conf, test_config) == 0 ? 0 : HH_EXIT_CONFIG;
}

int hh_sdaemon_database(const hh_conf *conf, bool sync, hh_store **out, hh_error *err)
{
    hh_store *st = NULL;
    char *url = NULL;
    int v = 0, rc;

    rc = hh_store_conf_url(conf, &url, err);
    if (rc == 0)
        rc = hh_store_open(url, &st, err);
    free(url);
    if (rc == 0 && sync)
        rc = hh_store_db_sync(st, -1, err);
    if (rc == 0 && (rc = hh_store_db_version(st, &v, err)) == 0 && v != hh_store_schema_latest(st))
        rc = hh_error_set(err, HH_EINVAL, NULL,
                          "the database schema is at version %d, not %d: run heat-manage "
                          "db_sync",
                          v, hh_store_schema_latest(st));
    if (rc != 0 || out == NULL)
        hh_store_close(st);
    else
        *out = st;
    return rc == 0 ? 0 : HH_EXIT_DATABASE;
}

int hh_sdaemon_workers(const hh_conf *conf)
{
    long n;

    if (hh_conf_is_set(conf, "DEFAULT", "num_engine_workers"))
        return hh_conf_get_int(conf, "DEFAULT", "num_engine_workers");
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 4 ? (int)(n > HH_POOL_MAX_WORKERS ? HH_POOL_MAX_WORKERS : n) : 4;
}

const char *hh_sdaemon_host(const hh_conf *conf, char *buf, size_t len)
{
    const char *host = hh_conf_get_str(conf, "DEFAULT", "host");

    if (host != NULL && host[0] != '\0')
        snprintf(buf, len, "%s", host);
    else if (len < 2 || gethostname(buf, len - 1) != 0)
        snprintf(buf, len, "localhost");
    else
        buf[len - 1] = '\0';
    return buf;
}

int hh_sdaemon_start(const hh_conf *conf, const char *host, hh_sdaemon_parts *p)
{
    hh_service_opts so = {.conf = conf, .workers = hh_sdaemon_workers(conf), .error_wait_secs = -1};
    hh_error err;
    int rc;

    hh_error_clear(&err);
    if (hh_sdaemon_database(conf, false, &p->st, &err) != 0) {
        hh_log_error("database: %s", errmsg(&err, err.rc));
        return HH_EXIT_DATABASE;
    }
    if ((rc = hh_store_uuid(p->engine_id)) != 0 ||
        (rc = hh_role_new(p->st, p->engine_id, host, &p->role)) != 0) {
        hh_log_error("start-up: %s", hh_strerror(rc));
        return HH_EXIT_RUNTIME;
    }
    if ((rc = hh_registry_start(p->st, host, p->engine_id,
                                hh_conf_get_int(conf, "DEFAULT", "report_interval"), &p->reg,
                                &err)) != 0) {
        hh_log_error("service registration: %s", errmsg(&err, rc));
        return HH_EXIT_DATABASE;
    }
    if ((rc = hh_service_new(&so, &p->svc, &err)) != 0) {
        hh_log_error("engine service: %s", errmsg(&err, rc));
        return HH_EXIT_RUNTIME;
    }
    return 0;
}

void hh_sdaemon_parts_free(hh_sdaemon_parts *p)
{
    hh_service_free(p->svc);
    hh_registry_free(p->reg);
    hh_role_free(p->role);
    hh_store_close(p->st);
    p->svc = NULL;
    p->reg = NULL;
    p->role = NULL;
    p->st = NULL;
}

/* hh_sdaemon_stop's hand-off to its stopping thread. */
typedef struct stopper {
    hh_service *svc;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool done;
} stopper;

static void *stop_service(void *arg)
{
    stopper *sp = arg;

    hh_service_free(sp->svc);
    pthread_mutex_lock(&sp->lock);
    sp->done = true;
    pthread_cond_signal(&sp->cond);
    pthread_mutex_unlock(&sp->lock);
    return NULL;
}

/* Free svc within timeout_s seconds: 0, or ETIMEDOUT (its thread runs on). */
static int stop_bounded(hh_service *svc, int timeout_s)
{
    static stopper sp = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
    struct timespec until;
    pthread_t th;
    int rc = 0;

    sp.svc = svc;
    if (pthread_create(&th, NULL, stop_service, &sp) != 0) {
        hh_service_free(svc);
        return 0;
    }
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_s;
    pthread_mutex_lock(&sp.lock);
    while (!sp.done && rc == 0)
        rc = pthread_cond_timedwait(&sp.cond, &sp.lock, &until);
    rc = sp.done ? 0 : ETIMEDOUT;
    pthread_mutex_unlock(&sp.lock);
    if (rc == 0)
        pthread_join(th, NULL);
    else
        pthread_detach(th);
    return rc;
}

int hh_sdaemon_stop(const hh_conf *conf, hh_service *svc, hh_rpc *rpc, hh_registry *reg)
{
    int status = 0;
    hh_error err;

    if (svc != NULL) {
        hh_service_unserve(svc);
        if (stop_bounded(svc, hh_conf_get_int(conf, "DEFAULT", "graceful_shutdown_timeout")) != 0) {
            hh_log_error("engine steps still running after graceful_shutdown_timeout; exiting "
                         "anyway (their actions resume on the next active engine)");
            status = HH_EXIT_RUNTIME;
        }
    }
    hh_rpc_free(rpc);
    hh_error_clear(&err);
    if (reg != NULL && hh_registry_stop(reg, &err) != 0)
        hh_log_warning("service row not removed: %s", errmsg(&err, err.rc));
    hh_log_notice("stopped");
    return status;
}

int hh_sdaemon_loop(int sigfd, hh_registry *reg, hh_service *svc, const hh_sdaemon_hooks *hooks)
{
    struct pollfd fds[1 + HH_SERVICE_POLLFDS + HH_SDAEMON_HOOK_FDS_MAX];

    if (hooks != NULL && hooks->max > HH_SDAEMON_HOOK_FDS_MAX)
        return HH_EXIT_RUNTIME;
    for (;;) {
        size_t n = 0, ns;
        long wait_ms, svc_ms;
        bool beat;
        int r;
        hh_error err;

        fds[0] = (struct pollfd){.fd = sigfd, .events = POLLIN};
        ns = hh_service_pollfds(svc, fds + 1, &svc_ms);
        if (hooks != NULL)
            n = hooks->pollfds(hooks->arg, fds + 1 + ns);
        wait_ms = hh_registry_due_ms(reg);
        if (svc_ms >= 0 && svc_ms < wait_ms)
            wait_ms = svc_ms;
        r = poll(fds, 1 + ns + n, (int)wait_ms);
        if (r < 0 && errno != EINTR) {
            hh_log_error("poll: %s", strerror(errno));
            return HH_EXIT_RUNTIME;
        }
        if (r > 0 && (fds[0].revents & POLLIN)) {
            unsigned char sigs[16];
            ssize_t got = read(sigfd, sigs, sizeof(sigs));

            for (ssize_t i = 0; i < got; i++) {
                if (sigs[i] == SIGHUP) {
                    hh_log_reopen();
                    hh_log_notice("SIGHUP: logs reopened");
                } else {
                    hh_log_notice("%s: stopping", sigs[i] == SIGINT ? "SIGINT" : "SIGTERM");
                    return 0;
                }
            }
        }
        hh_service_step(svc, fds + 1, r > 0 ? ns : 0);
        if (r > 0 && hooks != NULL)
            hooks->dispatch(hooks->arg, fds + 1 + ns, n);
        beat = hh_registry_due_ms(reg) == 0;
        if (beat) {
            hh_error_clear(&err);
            if (hh_registry_heartbeat(reg, &err) != 0)
                hh_log_warning("service heartbeat failed (retried in report_interval): %s",
                               errmsg(&err, err.rc));
        }
        if (hooks != NULL && hooks->tick != NULL)
            hooks->tick(hooks->arg, beat);
    }
}
