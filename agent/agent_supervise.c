/* agent_supervise: start, reap and restart the local services (see the
 * header). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent_supervise.h"
#include "hh_error.h"
#include "agent_clock.h"
#include "agent_health.h"
#include "agent_probe.h"
#include "hh_log.h"

#define MAX_SERVICES 8
#define MAX_ARGS 64
#define MAX_EXITS 64 /* exit times kept per service for the window */

typedef struct service {
    char *name;
    char *line; /* the command, split in place */
    char *argv[MAX_ARGS + 1];
    int death_signal;
    pid_t pid; /* 0: not running */
    bool crash_loop;
    int restarts;
    char last_exit[48];
    uint64_t exits[MAX_EXITS]; /* ms, a ring */
    size_t nexits;
    qb_loop_timer_handle restart_timer;
    struct hh_super *owner;
    bool held;                       /* hh_super_hold: kept stopped */
    qb_loop_timer_handle kill_timer; /* a held service's SIGKILL */

    /* the HTTP health check (probe NULL: none) */
    hh_probe *probe;
    hh_super_check check;
    hh_health_count checks;
    uint64_t started_ms;
    bool answered;    /* a check was answered since the start */
    bool health_kill; /* killed for not answering */
    int http_status;  /* of the last answer (0: none since the start) */
    char problem[96]; /* why the last check failed ("" when it was answered) */
    qb_loop_timer_handle check_timer;
} service;

struct hh_super {
    qb_loop_t *loop;
    hh_super_policy policy;
    hh_super_fn fn;
    void *arg;
    qb_loop_signal_handle sigchld;
    bool stopping;
    size_t n;
    service svc[MAX_SERVICES];
};

/* Exits of sv within the crash-loop window ending now. */
static int recent_exits(const service *sv, uint64_t now)
{
    uint64_t window = (uint64_t)sv->owner->policy.crash_loop_window * 1000;
    size_t kept = sv->nexits < MAX_EXITS ? sv->nexits : MAX_EXITS;
    int k = 0;

    for (size_t i = 0; i < kept; i++)
        if (now - sv->exits[i] < window)
            k++;
    return k;
}

static void on_check(void *data);

/* Stop checking sv (not running). */
static void check_stop(service *sv)
{
    if (sv->probe != NULL)
        hh_probe_cancel(sv->probe);
    qb_loop_timer_del(sv->owner->loop, sv->check_timer);
    sv->check_timer = 0;
}

static void check_arm(service *sv)
{
    if (sv->probe != NULL && sv->pid != 0 && sv->check_timer == 0)
        qb_loop_timer_add(sv->owner->loop, QB_LOOP_MED,
                          (uint64_t)(sv->check.interval * 1000) * HH_NS_PER_MS, sv, on_check,
                          &sv->check_timer);
}

/* A check's outcome: count it (not while a new process has time to
 * answer first), kill a process that stopped answering (its exit is then
 * handled as any other, backoff and crash loop included). */
static void on_probe(void *arg, int code, const char *why)
{
    service *sv = arg;
    uint64_t now = hh_agent_now_ms();

    if (sv->pid == 0)
        return;
    if (code > 0) {
        if (!sv->answered || !sv->checks.healthy)
            hh_log_notice("service %s answers %s (%d)", sv->name, hh_probe_url(sv->probe), code);
        sv->answered = true;
        sv->http_status = code;
        sv->problem[0] = '\0';
        hh_health_record(&sv->checks, true);
    } else {
        snprintf(sv->problem, sizeof(sv->problem), "%s", why);
        if (!sv->answered && now - sv->started_ms < (uint64_t)(sv->check.start_timeout * 1000)) {
            hh_log_debug("service %s starting: %s: %s", sv->name, hh_probe_url(sv->probe), why);
        } else {
            hh_health_record(&sv->checks, false);
            hh_log_warning("service %s (pid %d): %s: %s (%u of %u)", sv->name, (int)sv->pid,
                           hh_probe_url(sv->probe), why, sv->checks.failures, sv->checks.threshold);
            if (sv->checks.failures >= sv->checks.threshold) {
                hh_log_error("service %s (pid %d) did not answer %u health checks in a row: "
                             "killed to be restarted",
                             sv->name, (int)sv->pid, sv->checks.failures);
                sv->health_kill = true;
                kill(sv->pid, SIGKILL);
                return; /* no further check until it is started again */
            }
        }
    }
    check_arm(sv);
}

static void on_check(void *data)
{
    service *sv = data;

    sv->check_timer = 0;
    if (sv->pid != 0 && !sv->health_kill)
        hh_probe_start(sv->probe, (unsigned)(sv->check.timeout * 1000));
}

static void start_one(service *sv)
{
    sigset_t all;
    pid_t parent = getpid(), pid;

    pid = fork();
    if (pid < 0) {
        hh_log_error("service %s: fork: %s", sv->name, strerror(errno));
        return;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);

        /* the child: die with the agent, signals as at exec by default */
        prctl(PR_SET_PDEATHSIG, sv->death_signal);
        if (getppid() != parent)
            _exit(127);
        sigemptyset(&all);
        sigprocmask(SIG_SETMASK, &all, NULL);
        for (int sig = 1; sig < NSIG; sig++)
            signal(sig, SIG_DFL);
        if (null >= 0) {
            dup2(null, 0);
            if (null > 2)
                close(null);
        }
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
        execvp(sv->argv[0], sv->argv);
        fprintf(stderr, "heat-ha-agent: %s: cannot run %s: %s\n", sv->name, sv->argv[0],
                strerror(errno));
        _exit(127);
    }
    sv->pid = pid;
    sv->started_ms = hh_agent_now_ms();
    sv->answered = false;
    sv->health_kill = false;
    sv->http_status = 0;
    sv->problem[0] = '\0';
    sv->checks.failures = 0;
    sv->checks.healthy = false;
    check_arm(sv);
    hh_log_notice("service %s started: pid %d", sv->name, (int)pid);
    sv->owner->fn(sv->name, pid, sv->owner->arg);
}

static void on_restart(void *data)
{
    service *sv = data;

    sv->restart_timer = 0;
    if (!sv->owner->stopping && sv->pid == 0 && !sv->crash_loop && !sv->held) {
        sv->restarts++;
        start_one(sv);
    }
}

static void exited(service *sv, int status)
{
    hh_super *s = sv->owner;
    uint64_t now = hh_agent_now_ms();
    int k;
    double delay;

    if (WIFSIGNALED(status))
        snprintf(sv->last_exit, sizeof(sv->last_exit), "signal %d%s", WTERMSIG(status),
                 sv->health_kill ? " (not answering)" : "");
    else
        snprintf(sv->last_exit, sizeof(sv->last_exit), "status %d", WEXITSTATUS(status));
    sv->pid = 0;
    sv->health_kill = false;
    check_stop(sv);
    qb_loop_timer_del(s->loop, sv->kill_timer);
    sv->kill_timer = 0;
    if (!sv->held)
        sv->exits[sv->nexits++ % MAX_EXITS] = now;
    s->fn(sv->name, 0, s->arg);
    if (s->stopping)
        return;
    if (sv->held) {
        hh_log_notice("service %s stopped (%s): held", sv->name, sv->last_exit);
        return;
    }
    k = recent_exits(sv, now);
    if (k >= s->policy.crash_loop_count) {
        sv->crash_loop = true;
        hh_log_error("service %s exited (%s) %d times within %d s: crash loop, not restarted",
                     sv->name, sv->last_exit, k, s->policy.crash_loop_window);
        return;
    }
    delay = s->policy.delay;
    for (int i = 1; i < k && delay < s->policy.delay_max; i++)
        delay *= 2;
    if (delay > s->policy.delay_max)
        delay = s->policy.delay_max;
    hh_log_warning("service %s exited (%s); restart in %.1f s", sv->name, sv->last_exit, delay);
    qb_loop_timer_add(s->loop, QB_LOOP_MED, (uint64_t)(delay * 1000) * HH_NS_PER_MS, sv, on_restart,
                      &sv->restart_timer);
}

static void reap(hh_super *s)
{
    pid_t pid;
    int status;

    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (size_t i = 0; i < s->n; i++)
            if (s->svc[i].pid == pid)
                exited(&s->svc[i], status);
    }
}

static int32_t on_sigchld(int32_t sig, void *data)
{
    reap(data);
    return 0;
}

int hh_super_new(qb_loop_t *loop, const hh_super_policy *policy, hh_super_fn fn, void *arg,
                 hh_super **out)
{
    hh_super *s = calloc(1, sizeof(*s));

    *out = NULL;
    if (s == NULL)
        return ENOMEM;
    s->loop = loop;
    s->policy = *policy;
    s->fn = fn;
    s->arg = arg;
    qb_loop_signal_add(loop, QB_LOOP_HIGH, SIGCHLD, s, on_sigchld, &s->sigchld);
    *out = s;
    return 0;
}

int hh_super_add(hh_super *s, const char *name, const char *command, int death_signal)
{
    service *sv;
    size_t argc = 0;
    char *save = NULL;

    if (s->n == MAX_SERVICES)
        return HH_ELIMIT;
    sv = &s->svc[s->n];
    memset(sv, 0, sizeof(*sv));
    sv->owner = s;
    sv->death_signal = death_signal;
    if ((sv->name = strdup(name)) == NULL || (sv->line = strdup(command)) == NULL) {
        free(sv->name);
        return ENOMEM;
    }
    for (char *w = strtok_r(sv->line, " \t\n", &save); w != NULL && argc < MAX_ARGS;
         w = strtok_r(NULL, " \t\n", &save))
        sv->argv[argc++] = w;
    if (argc == 0) {
        free(sv->name);
        free(sv->line);
        return EINVAL;
    }
    snprintf(sv->last_exit, sizeof(sv->last_exit), "none");
    s->n++;
    return 0;
}

void hh_super_start(hh_super *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->svc[i].pid == 0 && !s->svc[i].crash_loop && !s->svc[i].held &&
            s->svc[i].restart_timer == 0)
            start_one(&s->svc[i]);
}

int hh_super_reset(hh_super *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++) {
        service *sv = &s->svc[i];

        if (strcmp(sv->name, name) != 0)
            continue;
        sv->crash_loop = false;
        sv->nexits = 0;
        if (sv->pid == 0 && sv->restart_timer == 0 && !sv->held)
            start_one(sv);
        return 0;
    }
    return HH_ENOTFOUND;
}

int hh_super_check_http(hh_super *s, const char *name, const hh_super_check *check)
{
    for (size_t i = 0; i < s->n; i++) {
        service *sv = &s->svc[i];
        int rc;

        if (strcmp(sv->name, name) != 0)
            continue;
        if (sv->probe != NULL)
            return EEXIST;
        if ((rc = hh_probe_new(s->loop, check->host, check->port, "/healthcheck", on_probe, sv,
                               &sv->probe)) != 0)
            return rc;
        sv->check = *check;
        sv->check.host = NULL; /* the probe keeps the address */
        sv->checks.threshold = check->failures > 0 ? (unsigned)check->failures : 1;
        check_arm(sv);
        return 0;
    }
    return HH_ENOTFOUND;
}

static void on_kill(void *data)
{
    service *sv = data;

    sv->kill_timer = 0;
    if (sv->pid != 0 && sv->held) {
        hh_log_warning("service %s did not stop in time: SIGKILL", sv->name);
        kill(sv->pid, SIGKILL);
    }
}

int hh_super_hold(hh_super *s, const char *name, bool hold, unsigned timeout_ms)
{
    for (size_t i = 0; i < s->n; i++) {
        service *sv = &s->svc[i];

        if (strcmp(sv->name, name) != 0)
            continue;
        if (sv->held == hold)
            return 0;
        sv->held = hold;
        if (hold) {
            qb_loop_timer_del(s->loop, sv->restart_timer);
            sv->restart_timer = 0;
            if (sv->pid != 0) {
                hh_log_notice("service %s held: stopping pid %d", sv->name, (int)sv->pid);
                kill(sv->pid, SIGTERM);
                qb_loop_timer_add(s->loop, QB_LOOP_MED, (uint64_t)timeout_ms * HH_NS_PER_MS, sv,
                                  on_kill, &sv->kill_timer);
            }
        } else {
            hh_log_notice("service %s released", sv->name);
            if (sv->pid == 0 && !sv->crash_loop && sv->restart_timer == 0 && !s->stopping)
                start_one(sv);
        }
        return 0;
    }
    return HH_ENOTFOUND;
}

bool hh_super_has(const hh_super *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->svc[i].name, name) == 0)
            return true;
    return false;
}

static bool any_running(const hh_super *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->svc[i].pid != 0)
            return true;
    return false;
}

void hh_super_stop(hh_super *s, unsigned timeout_ms)
{
    uint64_t end = hh_agent_now_ms() + timeout_ms;
    bool killed = false;

    s->stopping = true;
    for (size_t i = 0; i < s->n; i++) {
        check_stop(&s->svc[i]);
        qb_loop_timer_del(s->loop, s->svc[i].restart_timer);
        s->svc[i].restart_timer = 0;
        qb_loop_timer_del(s->loop, s->svc[i].kill_timer);
        s->svc[i].kill_timer = 0;
        if (s->svc[i].pid != 0)
            kill(s->svc[i].pid, SIGTERM);
    }
    while (any_running(s)) {
        struct timespec tick = {0, 20 * 1000 * 1000};

        if (!killed && hh_agent_now_ms() >= end) {
            for (size_t i = 0; i < s->n; i++)
                if (s->svc[i].pid != 0) {
                    hh_log_warning("service %s did not stop in time: SIGKILL", s->svc[i].name);
                    kill(s->svc[i].pid, SIGKILL);
                }
            killed = true;
        }
        nanosleep(&tick, NULL);
        reap(s);
    }
}

/* The health check's part of sv's status (NULL: no check). */
static json_t *health_json(const service *sv)
{
    const char *state = sv->pid == 0                                ? "stopped"
                        : sv->answered && sv->problem[0] == '\0'    ? "answering"
                        : !sv->answered && sv->checks.failures == 0 ? "starting"
                                                                    : "failing";

    if (sv->probe == NULL)
        return NULL;
    return json_pack("{s:s, s:s, s:i, s:i, s:i, s:s*}", "url", hh_probe_url(sv->probe), "state",
                     state, "http_status", sv->http_status, "failures", (int)sv->checks.failures,
                     "failures_allowed", (int)sv->checks.threshold, "problem",
                     sv->problem[0] != '\0' ? sv->problem : NULL);
}

json_t *hh_super_status(const hh_super *s)
{
    json_t *list = json_array();
    uint64_t now = hh_agent_now_ms();

    for (size_t i = 0; list != NULL && i < s->n; i++) {
        const service *sv = &s->svc[i];
        const char *state = sv->pid != 0        ? "running"
                            : sv->crash_loop    ? "crash-loop"
                            : sv->held          ? "held"
                            : sv->restart_timer ? "waiting"
                                                : "stopped";

        if (json_array_append_new(
                list, json_pack("{s:s, s:i, s:s, s:i, s:s, s:i, s:o*}", "name", sv->name, "pid",
                                (int)sv->pid, "state", state, "restarts", sv->restarts, "last_exit",
                                sv->last_exit, "recent_exits", recent_exits(sv, now), "health",
                                health_json(sv))) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    return list;
}

void hh_super_free(hh_super *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n; i++) {
        qb_loop_timer_del(s->loop, s->svc[i].restart_timer);
        qb_loop_timer_del(s->loop, s->svc[i].check_timer);
        qb_loop_timer_del(s->loop, s->svc[i].kill_timer);
        hh_probe_free(s->svc[i].probe);
        free(s->svc[i].name);
        free(s->svc[i].line);
    }
    qb_loop_signal_del(s->loop, s->sigchld);
    free(s);
}
