/* agent_engine: health checks and the wanted role of the local engine over
 * its control socket (see the header). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "agent_engine.h"
#include "agent_clock.h"
#include "agent_health.h"
#include "hh_log.h"

#define REPLY_MAX 4096

typedef enum op { OP_NONE = 0, OP_STATUS, OP_PROMOTE, OP_DEMOTE } op;

static const char *const op_line[] = {"", "{\"op\": \"status\"}\n", "{\"op\": \"promote\"}\n",
                                      "{\"op\": \"demote\"}\n"};
static const char *const op_name[] = {"", "status", "promote", "demote"};

struct hh_agent_engine {
    qb_loop_t *loop;
    char *sock;
    unsigned interval_ms, timeout_ms;
    bool check_broker;
    hh_agent_engine_fn fn;
    void *arg;

    bool want_active;
    bool healthy;
    bool holding;
    bool reported_active; /* the role of the last answer (a deposed engine is not active) */
    bool deposed;         /* the last answer said active, the database holds a newer term */
    bool known;           /* an answer came since the engine (re)started */
    int64_t term, db_term;
    hh_health_count checks;          /* consecutive failed checks */
    char problem[HH_HEALTH_WHY_MAX]; /* the last failed check's reason ("" after a good one) */
    uint64_t bad_until_ms;           /* a failed promotion keeps it unhealthy until then */

    op inflight;
    int fd;
    size_t len;
    char buf[REPLY_MAX];
    qb_loop_timer_handle timeout_timer, check_timer;
    bool check_due;
};

static void next(hh_agent_engine *e);

/* Record health and holding; tell the owner of a change (or always, when
 * force: the role or term changed). */
static void set_state(hh_agent_engine *e, bool healthy, bool holding, bool force)
{
    if (e->healthy == healthy && e->holding == holding && !force)
        return;
    if (e->healthy != healthy)
        hh_log(healthy ? HH_LOG_NOTICE : HH_LOG_ERROR, "local engine %s",
               healthy ? "healthy" : "unhealthy");
    e->healthy = healthy;
    e->holding = holding;
    e->fn(e->arg);
}

static void close_request(hh_agent_engine *e)
{
    if (e->fd >= 0) {
        qb_loop_poll_del(e->loop, e->fd);
        close(e->fd);
        e->fd = -1;
    }
    qb_loop_timer_del(e->loop, e->timeout_timer);
    e->timeout_timer = 0;
    e->inflight = OP_NONE;
    e->len = 0;
}

/* A request failed: a failed check; dead: the engine surely is not
 * running (unhealthy at once). Unreachable for the checks that make it
 * unhealthy, it is no longer taken to hold the role. */
static void failed(hh_agent_engine *e, op what, bool dead, const char *why)
{
    snprintf(e->problem, sizeof(e->problem), "%s request: %s", op_name[what], why);
    if (!dead)
        hh_health_record(&e->checks, false);
    hh_log(e->healthy ? HH_LOG_WARNING : HH_LOG_DEBUG,
           "engine control socket %s: %s request: %s (%u of %u)", e->sock, op_name[what], why,
           e->checks.failures, e->checks.threshold);
    if (dead) {
        e->reported_active = false;
        e->deposed = false;
        e->known = false;
        e->checks.failures = e->checks.threshold;
        e->checks.healthy = false;
    }
    set_state(e, e->checks.healthy && e->healthy, e->checks.healthy ? e->holding : false, false);
}

static void answered(hh_agent_engine *e, op what, json_t *reply)
{
    const char *error = json_string_value(json_object_get(reply, "error"));
    uint64_t now = hh_agent_now_ms();
    hh_engine_report rep;
    bool changed;

    hh_engine_report_read(reply, e->check_broker, &rep);
    if (!rep.has_role) {
        hh_log_error("engine %s: %s", what == OP_PROMOTE ? "promotion failed" : "bad answer",
                     error != NULL ? error : "no role in the answer");
        if (what == OP_PROMOTE)
            e->bad_until_ms = now + e->timeout_ms;
        failed(e, what, false, "no role");
        if (what == OP_PROMOTE)
            set_state(e, false, e->reported_active, false);
        return;
    }
    changed = !e->known || e->reported_active != rep.active || e->deposed != rep.deposed ||
              rep.term != e->term;
    e->reported_active = rep.active;
    e->deposed = rep.deposed;
    e->known = true;
    e->term = rep.term;
    e->db_term = rep.db_term;
    if (changed)
        hh_log_notice("local engine %s, term %lld%s", rep.role, (long long)rep.term,
                      rep.deposed ? " (the database holds a newer term)" : "");
    snprintf(e->problem, sizeof(e->problem), "%s", rep.why);
    hh_health_record(&e->checks, rep.fit);
    if (!rep.fit)
        hh_log(e->healthy ? HH_LOG_WARNING : HH_LOG_DEBUG,
               "local engine check failed (%u of %u): %s", e->checks.failures, e->checks.threshold,
               rep.why);
    set_state(e, e->checks.healthy && now >= e->bad_until_ms, e->reported_active, changed);
}

static int32_t on_reply(int32_t fd, int32_t revents, void *data)
{
    hh_agent_engine *e = data;
    op what = e->inflight;
    char *nl;
    ssize_t r;

    r = recv(fd, e->buf + e->len, sizeof(e->buf) - 1 - e->len, 0);
    if (r < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    if (r <= 0) {
        close_request(e);
        failed(e, what, false, r == 0 ? "connection closed" : strerror(errno));
        next(e);
        return 0;
    }
    e->len += (size_t)r;
    e->buf[e->len] = '\0';
    nl = memchr(e->buf, '\n', e->len);
    if (nl == NULL && e->len < sizeof(e->buf) - 1)
        return 0;
    {
        json_t *reply = json_loadb(e->buf, nl != NULL ? (size_t)(nl - e->buf) : e->len, 0, NULL);

        close_request(e);
        if (reply == NULL)
            failed(e, what, false, "the answer is not JSON");
        else
            answered(e, what, reply);
        json_decref(reply);
    }
    next(e);
    return 0;
}

static void on_timeout(void *data)
{
    hh_agent_engine *e = data;
    op what = e->inflight;

    e->timeout_timer = 0;
    close_request(e);
    failed(e, what, false, "no answer in time");
    next(e);
}

/* Send one request; failures are reported at once. */
static void send_request(hh_agent_engine *e, op what)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    const char *line = op_line[what];
    size_t len = strlen(line);

    e->inflight = what;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", e->sock);
    e->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (e->fd < 0 || connect(e->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        int rc = errno;

        close_request(e);
        failed(e, what, rc == ENOENT || rc == ECONNREFUSED, strerror(rc));
        return;
    }
    if (send(e->fd, line, len, MSG_NOSIGNAL) != (ssize_t)len) {
        int rc = errno;

        close_request(e);
        failed(e, what, false, strerror(rc));
        return;
    }
    if (what == OP_PROMOTE)
        set_state(e, e->healthy, true, false); /* may hold from now on */
    qb_loop_poll_add(e->loop, QB_LOOP_HIGH, e->fd, POLLIN, e, on_reply);
    qb_loop_timer_add(e->loop, QB_LOOP_HIGH, (uint64_t)e->timeout_ms * HH_NS_PER_MS, e, on_timeout,
                      &e->timeout_timer);
}

static void on_check(void *data)
{
    hh_agent_engine *e = data;

    e->check_timer = 0;
    e->check_due = true;
    next(e);
}

/* Send what is due, if nothing is in flight: a role change first, else a
 * due health check; then arm the next check. A failed send is followed
 * by the next check only (no tight retry loop). */
static void next(hh_agent_engine *e)
{
    if (e->inflight != OP_NONE)
        return;
    if (e->known && (e->want_active != e->reported_active || (e->deposed && !e->want_active)) &&
        !(e->want_active && hh_agent_now_ms() < e->bad_until_ms)) {
        send_request(e, e->want_active ? OP_PROMOTE : OP_DEMOTE);
    } else if (e->check_due) {
        e->check_due = false;
        send_request(e, OP_STATUS);
    }
    if (e->inflight == OP_NONE && e->check_timer == 0)
        qb_loop_timer_add(e->loop, QB_LOOP_MED, (uint64_t)e->interval_ms * HH_NS_PER_MS, e,
                          on_check, &e->check_timer);
}

int hh_agent_engine_new(qb_loop_t *loop, const hh_agent_engine_config *cfg, hh_agent_engine_fn fn,
                        void *arg, hh_agent_engine **out)
{
    hh_agent_engine *e = calloc(1, sizeof(*e));

    *out = NULL;
    if (e == NULL || (e->sock = strdup(cfg->sock)) == NULL) {
        free(e);
        return ENOMEM;
    }
    e->loop = loop;
    e->interval_ms = cfg->interval_ms;
    e->timeout_ms = cfg->timeout_ms;
    e->check_broker = cfg->check_broker;
    e->checks.threshold = cfg->failures > 0 ? cfg->failures : 1;
    e->fn = fn;
    e->arg = arg;
    e->fd = -1;
    e->check_due = true;
    next(e);
    *out = e;
    return 0;
}

void hh_agent_engine_free(hh_agent_engine *e)
{
    if (e == NULL)
        return;
    close_request(e);
    qb_loop_timer_del(e->loop, e->check_timer);
    free(e->sock);
    free(e);
}

void hh_agent_engine_want(hh_agent_engine *e, bool active)
{
    if (e->want_active == active)
        return;
    e->want_active = active;
    hh_log_info("local engine wanted %s", active ? "active" : "standby");
    next(e);
}

bool hh_agent_engine_wanted(const hh_agent_engine *e)
{
    return e->want_active;
}

void hh_agent_engine_demote_sync(hh_agent_engine *e)
{
    struct pollfd p;
    uint64_t end = hh_agent_now_ms() + e->timeout_ms;

    e->want_active = false;
    close_request(e);
    if (!e->known || !e->holding)
        return;
    send_request(e, OP_DEMOTE);
    while (e->inflight != OP_NONE) {
        uint64_t now = hh_agent_now_ms();

        if (now >= end) {
            close_request(e);
            break;
        }
        p.fd = e->fd;
        p.events = POLLIN;
        if (poll(&p, 1, (int)(end - now)) > 0)
            on_reply(e->fd, p.revents, e);
    }
}

void hh_agent_engine_lost(hh_agent_engine *e)
{
    close_request(e);
    e->known = false;
    e->reported_active = false;
    e->deposed = false;
    e->checks.failures = e->checks.threshold;
    e->checks.healthy = false;
    snprintf(e->problem, sizeof(e->problem), "the engine process exited");
    set_state(e, false, false, false);
}

void hh_agent_engine_started(hh_agent_engine *e)
{
    e->check_due = true;
    qb_loop_timer_del(e->loop, e->check_timer);
    e->check_timer = 0;
    /* the engine needs a moment to open its socket: the first check
     * comes after one short interval */
    qb_loop_timer_add(e->loop, QB_LOOP_MED, 200 * HH_NS_PER_MS, e, on_check, &e->check_timer);
}

bool hh_agent_engine_healthy(const hh_agent_engine *e)
{
    return e->healthy;
}

bool hh_agent_engine_holding(const hh_agent_engine *e)
{
    return e->holding;
}

const char *hh_agent_engine_role(const hh_agent_engine *e)
{
    return !e->known            ? "unknown"
           : e->deposed         ? "deposed"
           : e->reported_active ? "active"
                                : "standby";
}

int64_t hh_agent_engine_term(const hh_agent_engine *e)
{
    return e->term;
}

json_t *hh_agent_engine_status(const hh_agent_engine *e)
{
    return json_pack("{s:b, s:b, s:s, s:I, s:I, s:s, s:i, s:i, s:s*}", "healthy", e->healthy,
                     "holding", e->holding, "role", hh_agent_engine_role(e), "term",
                     (json_int_t)e->term, "database_term", (json_int_t)e->db_term, "wanted",
                     e->want_active ? "active" : "standby", "failures", (int)e->checks.failures,
                     "failures_allowed", (int)e->checks.threshold, "problem",
                     e->problem[0] != '\0' ? e->problem : NULL);
}
