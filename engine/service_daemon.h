/* service_daemon: what heat-engine and heat-all share to run the engine
 * as a daemon: the exit codes of their start-up steps, the log set-up, the
 * database check, the worker count, the bounded stop, and the owner's
 * event loop (signals, the service's requests and completions, the
 * service registry's heartbeat, and the caller's own descriptors).
 */
#ifndef HH_SERVICE_DAEMON_H
#define HH_SERVICE_DAEMON_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_conf.h"
#include "hh_error.h"
#include "rpc.h"
#include "service_api.h"
#include "service_registry.h"
#include "service_role.h"
#include "store.h"

/* Exit codes, documented in heat-engine(8) and heat-all(8). */
enum {
    HH_EXIT_RUNTIME = 1,  /* fatal error after start */
    HH_EXIT_USAGE = 2,    /* bad command line */
    HH_EXIT_CONFIG = 3,   /* a configuration file is missing or wrong */
    HH_EXIT_DATABASE = 4, /* database unreachable or its schema not at the latest */
    HH_EXIT_RUNNING = 5,  /* another process holds the pid file */
    HH_EXIT_LISTEN = 6,   /* heat-all: the API cannot listen on its address */
};

/* The log level ([DEFAULT] debug) and log file ([DEFAULT] log_file,
 * log_dir) of conf (borrowed). 0, or HH_EXIT_CONFIG after logging why
 * (and printing it on stdout when test_config). */
int hh_sdaemon_logs(const hh_conf *conf, bool test_config);

/* Open the database of [database] connection and check its schema; with
 * sync, bring an older schema to the latest first (heat-all's embedded
 * store). 0 or HH_EXIT_DATABASE (err says why, without the URL's
 * password). *out: the open store when out is non-NULL (new, close with
 * hh_store_close). */
int hh_sdaemon_database(const hh_conf *conf, bool sync, hh_store **out, hh_error *err);

/* The engine's worker threads: [DEFAULT] num_engine_workers when set,
 * else one per CPU, at least 4. */
int hh_sdaemon_workers(const hh_conf *conf);

/* [DEFAULT] host, or the system host name, into buf (len bytes); returns
 * buf. */
const char *hh_sdaemon_host(const hh_conf *conf, char *buf, size_t len);

/* What an engine daemon runs, made by hh_sdaemon_start. */
typedef struct hh_sdaemon_parts {
    hh_store *st;     /* the registry's and the role's store handle */
    hh_role *role;    /* standby, term 0 */
    hh_registry *reg; /* this engine's service row */
    hh_service *svc;  /* the engine's service, standby */
    char engine_id[HH_STORE_ID_LEN];
} hh_sdaemon_parts;

/* An engine daemon's start, after the fork (a SQLite handle must not cross
 * one): the store (schema at the latest), a new engine id, the role, the
 * service row of host (borrowed) and the service, with
 * hh_sdaemon_workers(conf) workers. p's members are new, the caller's to
 * free with hh_sdaemon_parts_free, also on failure. 0, HH_EXIT_DATABASE or
 * HH_EXIT_RUNTIME (logged). */
int hh_sdaemon_start(const hh_conf *conf, const char *host, hh_sdaemon_parts *p);
/* Free what p holds that hh_sdaemon_stop did not take (the service when
 * set, the registry, the role, then the store); p's members become NULL. */
void hh_sdaemon_parts_free(hh_sdaemon_parts *p);

/* An engine daemon's stop, once per process: svc stops serving, then is
 * freed (each running step finishes and commits) on a thread of its own
 * for at most [DEFAULT] graceful_shutdown_timeout seconds of conf; rpc is
 * freed; reg's service row is removed (reg itself stays the caller's).
 * Steals svc and rpc (either may be NULL). Returns 0, or HH_EXIT_RUNTIME
 * when the steps outlasted the bound: the stopping thread is left to the
 * process's exit (the store holds every committed step for the next
 * active engine) and the caller must free nothing the engine may still use
 * (conf, the logs). */
int hh_sdaemon_stop(const hh_conf *conf, hh_service *svc, hh_rpc *rpc, hh_registry *reg);

/* A caller's own descriptors in the loop (heat-engine's control socket):
 * pollfds fills at most max entries, dispatch gets them back after poll.
 * tick (may be NULL) runs after every round, heartbeat true when the
 * registry's heartbeat was due in it (heat-engine's term check). */
typedef struct hh_sdaemon_hooks {
    size_t max;
    size_t (*pollfds)(void *arg, struct pollfd *fds);
    void (*dispatch)(void *arg, const struct pollfd *fds, size_t n);
    void (*tick)(void *arg, bool heartbeat);
    void *arg;
} hh_sdaemon_hooks;

#define HH_SDAEMON_HOOK_FDS_MAX 64

/* The owner's loop: sigfd (hh_daemon_signal_pipe; SIGHUP reopens the
 * logs, SIGTERM and SIGINT end the loop), svc's descriptors and timers,
 * reg's heartbeat, the hooks' descriptors (hooks may be NULL; max at most
 * HH_SDAEMON_HOOK_FDS_MAX). All borrowed. Returns 0 when told to stop, or
 * HH_EXIT_RUNTIME on a fatal error. */
int hh_sdaemon_loop(int sigfd, hh_registry *reg, hh_service *svc, const hh_sdaemon_hooks *hooks);

#endif
