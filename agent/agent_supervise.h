/* agent_supervise: the local services heat-ha-agent starts and keeps
 * running (heat-engine, heat-api, heat-api-cfn as [ha] configures them).
 *
 * Each service is a command line (split at white space, no shell) run as a
 * child of the agent. The agent's death reaches the child as its
 * death_signal (PR_SET_PDEATHSIG): SIGKILL for the engine, so an engine
 * never outlives the agent that promoted it, SIGTERM for the stateless
 * APIs.
 *
 * Restart with backoff: an exited service is started again after
 * delay * 2^(k-1) seconds (at most delay_max), k being its exits within
 * the crash-loop window; at crash_loop_count exits within the window it is
 * declared in a crash loop and left stopped (logged at error level) until
 * hh_super_reset. Exits are reaped on SIGCHLD from the agent's loop.
 *
 * Health checks (hh_super_check_http): every interval, GET /healthcheck on
 * the service's address (agent_probe.h); any HTTP answer within the
 * timeout counts as answered (heat-api answers 503 when no engine
 * answers: not the process's fault). A started process has start_timeout
 * seconds to answer a first time; after that, `failures` checks in a row
 * without an answer get it killed (SIGKILL: it does not answer, it may not
 * heed SIGTERM) and its exit is handled as any other: restarted with the
 * backoff, counted towards the crash loop.
 */
#ifndef HH_AGENT_SUPERVISE_H
#define HH_AGENT_SUPERVISE_H

#include <stdbool.h>
#include <sys/types.h>

#include <jansson.h>
#include <qb/qbloop.h>

typedef struct hh_super hh_super;

typedef struct hh_super_policy {
    double delay;          /* first restart delay, seconds */
    double delay_max;      /* longest restart delay */
    int crash_loop_count;  /* exits within the window that stop restarts */
    int crash_loop_window; /* seconds */
} hh_super_policy;

/* Called from the loop when service name started (pid > 0) or exited
 * (pid 0). */
typedef void (*hh_super_fn)(const char *name, pid_t pid, void *arg);

/* loop: borrowed. policy: copied. *out is new (hh_super_free). 0 or
 * ENOMEM. */
int hh_super_new(qb_loop_t *loop, const hh_super_policy *policy, hh_super_fn fn, void *arg,
                 hh_super **out);

/* Add service name with command (both copied; command split at white
 * space); not started yet. 0, ENOMEM, or EINVAL for an empty command. */
int hh_super_add(hh_super *s, const char *name, const char *command, int death_signal);

/* Start every added service that is not running. */
void hh_super_start(hh_super *s);

/* Forget a service's crash loop and start it again. 0, or HH_ENOTFOUND. */
int hh_super_reset(hh_super *s, const char *name);

typedef struct hh_super_check {
    const char *host; /* the address the service listens on (borrowed) */
    int port;
    double interval;      /* seconds between checks */
    double timeout;       /* seconds for an answer */
    int failures;         /* checks in a row without an answer that get it restarted */
    double start_timeout; /* seconds a started process has to answer first */
} hh_super_check;

/* Check service name over HTTP (check is copied). 0, HH_ENOTFOUND (no
 * such service), EEXIST (checked already), EINVAL (host is not an address
 * literal, or a bad port), ENOMEM. */
int hh_super_check_http(hh_super *s, const char *name, const hh_super_check *check);

/* Hold service name stopped (hold: SIGTERM when it runs, SIGKILL after
 * timeout_ms; its exit is not a crash and it is not restarted) or let it
 * run again (started at once unless in a crash loop). 0, or HH_ENOTFOUND. */
int hh_super_hold(hh_super *s, const char *name, bool hold, unsigned timeout_ms);

/* Is service name supervised (added)? */
bool hh_super_has(const hh_super *s, const char *name);

/* Stop every service: SIGTERM, then SIGKILL to those still running after
 * timeout_ms; blocks (reaping) until all have exited. No restarts after
 * this. */
void hh_super_stop(hh_super *s, unsigned timeout_ms);

/* [{"name", "pid", "state": "running"|"waiting"|"crash-loop"|"held"|"stopped",
 *   "restarts", "last_exit", "recent_exits" (within the window),
 *   "health" (checked services only): {"url", "state": "answering" |
 *   "starting" | "failing" | "stopped", "http_status" (of the last answer,
 *   0: none since the start), "failures" (in a row), "failures_allowed",
 *   "problem" (why the last check failed; absent when it was answered)}}]:
 * new reference, NULL when out of memory. */
json_t *hh_super_status(const hh_super *s);

void hh_super_free(hh_super *s); /* s may be NULL; stops nothing */

#endif
