/* heat-engine: the orchestration daemon.
 *
 * Start-up, in order, each failure with its own exit code (documented in
 * heat-engine(8)):
 *   1. command line                              EXIT_USAGE     2
 *   2. configuration files                       EXIT_CONFIG    3
 *   3. database reachable, schema at the latest  EXIT_DATABASE  4
 *   4. pid file locked (flock)                   EXIT_RUNNING   5
 *   5. control socket                            EXIT_RUNTIME   1
 *   6. daemonise unless --foreground, register in the service table, start
 *      the worker pool, take the active role when --active.
 * Then one poll() loop on the main thread, the owner of the engine's
 * request API (service_api.h) and of the stack engine: signals arrive
 * through a self-pipe (the handlers only write the signal number), control
 * requests on the socket, requests that start actions and the completions
 * of the engine's workers on the service's descriptors, and the heartbeat
 * is a timeout.
 *
 * Role. Promotion (control socket, or --active) takes a new term, starts
 * the stack engine with it, resumes every IN_PROGRESS stack and serves the
 * engine topic on the transport of [DEFAULT] transport_url (hh_service_serve,
 * the call heat-all makes too); demotion stops serving and stops starting
 * work (running steps end, every action stays where the store says for the
 * next active engine).
 *
 * Stop. SIGTERM/SIGINT: the topic is no longer served, queued requests are
 * refused, and the engine is stopped as on demotion: each running step
 * finishes and commits (a checkpoint: the next active engine resumes the
 * action from there), bounded by graceful_shutdown_timeout, past which the
 * process exits EXIT_RUNTIME anyway (the store stays consistent: every
 * state is committed before the next step). Then the service row is
 * soft-deleted, exit 0. SIGHUP reopens the logs ([DEFAULT] log_file and
 * syslog). A fatal error at run time exits EXIT_RUNTIME.
 */
#include "config.h"

#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hh_conf.h"
#include "hh_daemon.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "res_plugin.h"
#include "rpc.h"
#include "service_api.h"
#include "service_control.h"
#include "service_registry.h"
#include "service_role.h"
#include "stack_pool.h"
#include "store.h"

enum {
    EXIT_RUNTIME = 1,  /* fatal error after start, or the control socket */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_CONFIG = 3,   /* a configuration file is missing or wrong */
    EXIT_DATABASE = 4, /* database unreachable or its schema not at the latest */
    EXIT_RUNNING = 5,  /* another heat-engine holds the pid file */
};

#define DEFAULT_PID_FILE "/run/heat-ha/heat-engine.pid"

typedef struct options {
    bool foreground;
    bool test_config;
    bool active;
    const char *control_socket; /* NULL: [ha] control_socket */
    const char *pid_file;
} options;

static int sig_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;

    /* The only work done in a handler: hand the signal to the loop. */
    if (write(sig_pipe[1], &b, 1) < 0) {
        /* pipe full: the loop has signals to read already */
    }
    errno = saved;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: heat-engine [-f] [-t] [--active] [--config-file FILE]... [--config-dir DIR]\n"
            "                   [--control-socket PATH] [--pid-file PATH]\n"
            "       heat-engine --version | --help\n"
            "\n"
            "  -f, --foreground        stay in the foreground, log to stderr as well\n"
            "  -t, --test-config       check the configuration and the database, then exit\n"
            "      --active            take the active role at start (single node)\n"
            "      --config-file FILE  read FILE (repeatable; later files win)\n"
            "      --config-dir DIR    read DIR/*.conf after the files\n"
            "      --control-socket P  control socket instead of [ha] control_socket\n"
            "      --pid-file PATH     pid file (default " DEFAULT_PID_FILE ")\n"
            "      --version           print the version and exit\n"
            "  -h, --help              print this help and exit\n"
            "\n"
            "exit codes: 0 stopped cleanly, 1 fatal error, 2 bad usage, 3 bad configuration,\n"
            "4 database unreachable or not synced, 5 already running\n");
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, options *o)
{
    enum { OPT_ACTIVE = 256, OPT_CONFIG_FILE, OPT_CONFIG_DIR, OPT_SOCKET, OPT_PID, OPT_VERSION };
    static const struct option longopts[] = {
        {"foreground", no_argument, NULL, 'f'},
        {"test-config", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"active", no_argument, NULL, OPT_ACTIVE},
        {"config-file", required_argument, NULL, OPT_CONFIG_FILE},
        {"config-dir", required_argument, NULL, OPT_CONFIG_DIR},
        {"control-socket", required_argument, NULL, OPT_SOCKET},
        {"pid-file", required_argument, NULL, OPT_PID},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":fth", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            o->foreground = true;
            break;
        case 't':
            o->test_config = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case OPT_VERSION:
            printf("heat-engine (heat-ha) %s\n", PACKAGE_VERSION);
            return 0;
        case OPT_ACTIVE:
            o->active = true;
            break;
        case OPT_CONFIG_FILE:
        case OPT_CONFIG_DIR:
            break; /* hh_conf_load_args reads them, in order */
        case OPT_SOCKET:
            o->control_socket = optarg;
            break;
        case OPT_PID:
            o->pid_file = optarg;
            break;
        case ':':
            fprintf(stderr, "heat-engine: option %s needs an argument\n", argv[optind - 1]);
            usage(stderr);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "heat-engine: unknown option %s\n", argv[optind - 1]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "heat-engine: unexpected argument %s\n", argv[optind]);
        usage(stderr);
        return EXIT_USAGE;
    }
    return -1;
}

static const char *errmsg(const hh_error *err, int rc)
{
    return err->message[0] != '\0' ? err->message : hh_strerror(rc);
}

/* Open the database and check its schema: 0 or EXIT_DATABASE (err says why,
 * without the URL's password). *out: the open store when out is non-NULL. */
static int check_database(const hh_conf *conf, hh_store **out, hh_error *err)
{
    hh_store *st = NULL;
    char *url = NULL;
    int v = 0, rc;

    rc = hh_store_conf_url(conf, &url, err);
    if (rc == 0)
        rc = hh_store_open(url, &st, err);
    free(url);
    if (rc == 0 && (rc = hh_store_db_version(st, &v, err)) == 0 && v != hh_store_schema_latest(st))
        rc = hh_error_set(err, HH_EINVAL, NULL,
                          "the database schema is at version %d, not %d: run heat-manage "
                          "db_sync",
                          v, hh_store_schema_latest(st));
    if (rc != 0 || out == NULL)
        hh_store_close(st);
    else
        *out = st;
    return rc == 0 ? 0 : EXIT_DATABASE;
}

/* Lock the pid file (flock, kept across fork) without writing it yet.
 * *fd: the open file. 0, EXIT_RUNNING or EXIT_RUNTIME. */
static int lock_pid_file(const char *path, int *fd)
{
    char dir[4096];
    char *slash;

    snprintf(dir, sizeof(dir), "%s", path);
    slash = strrchr(dir, '/');
    if (slash != NULL && slash != dir) {
        *slash = '\0';
        (void)mkdir(dir, 0755);
    }
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (*fd < 0) {
        hh_log_error("pid file %s: %s", path, strerror(errno));
        return EXIT_RUNTIME;
    }
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char pid[32] = "";
        ssize_t r = pread(*fd, pid, sizeof(pid) - 1, 0);

        if (r > 0)
            pid[strcspn(pid, "\n")] = '\0';
        if (e == EWOULDBLOCK)
            hh_log_error("already running: pid file %s is locked (pid %s)", path,
                         pid[0] != '\0' ? pid : "unknown");
        else
            hh_log_error("pid file %s: %s", path, strerror(e));
        close(*fd);
        *fd = -1;
        return e == EWOULDBLOCK ? EXIT_RUNNING : EXIT_RUNTIME;
    }
    return 0;
}

static int write_pid(int fd)
{
    char buf[32];
    int len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

    if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)len, 0) != len)
        return errno != 0 ? errno : EIO;
    return 0;
}

static int setup_signals(void)
{
    struct sigaction sa;
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};

    if (pipe2(sig_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
        return errno;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        if (sigaction(sigs[i], &sa, NULL) != 0)
            return errno;
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL) != 0 ? errno : 0;
}

/* Stop the service (hh_service_free: each running step finishes and
 * commits) on a thread of its own, so that the wait is bounded. */
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

/* 0 when the service stopped within timeout_s seconds, else ETIMEDOUT
 * (the stopping thread is left to the process's exit; the store holds
 * every committed step for the next active engine). */
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

static int worker_count(const hh_conf *conf)
{
    long n;

    if (hh_conf_is_set(conf, "DEFAULT", "num_engine_workers"))
        return hh_conf_get_int(conf, "DEFAULT", "num_engine_workers");
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 4 ? (int)(n > HH_POOL_MAX_WORKERS ? HH_POOL_MAX_WORKERS : n) : 4;
}

/* What the control requests and the loop act on. */
typedef struct engine_state {
    hh_role *role;
    hh_service *svc;
    hh_rpc *rpc; /* the transport, or NULL when none is available */
} engine_state;

/* Bring the service in line with the role: active with the role's term
 * (a new promotion restarts the engine with the new term and resumes what
 * is IN_PROGRESS), or standby. Owner's thread. Returns 0, or the rc of a
 * failed activation (err says why; the service is then standby). */
static int follow_role(engine_state *es, int64_t *served_term, hh_error *err)
{
    int resumed = 0, rc;

    if (!hh_role_active(es->role)) {
        if (hh_service_active(es->svc)) {
            hh_service_unserve(es->svc);
            hh_service_deactivate(es->svc);
            hh_log_notice("standby: serving no requests, starting no work");
        }
        *served_term = 0;
        return 0;
    }
    if (hh_service_active(es->svc) && *served_term == hh_role_term(es->role))
        return 0;
    hh_service_unserve(es->svc);
    rc = hh_service_activate(es->svc, hh_role_term(es->role), &resumed, err);
    if (rc != 0) {
        *served_term = 0;
        return rc;
    }
    *served_term = hh_role_term(es->role);
    hh_log_notice("active with term %lld: %d IN_PROGRESS stack(s) resumed", (long long)*served_term,
                  resumed);
    if (es->rpc != NULL && (rc = hh_service_serve(es->svc, es->rpc, err)) != 0)
        hh_log_error("serving topic %s: %s", HH_RPC_ENGINE_TOPIC, err->message);
    return 0;
}

static int64_t served_term; /* the term the service runs with; 0: standby */

static json_t *control_request(const json_t *req, void *arg)
{
    engine_state *es = arg;
    json_t *reply = hh_role_request(es->role, req);
    hh_error err;

    hh_error_clear(&err);
    if (follow_role(es, &served_term, &err) != 0) {
        /* the engine could not start with the new term: stand by */
        hh_log_error("activation with term %lld failed: %s", (long long)hh_role_term(es->role),
                     err.message);
        hh_role_demote(es->role);
        json_decref(reply);
        reply = json_pack("{s:s+}", "error", "activation failed: ", err.message);
    }
    return reply;
}

/* The RPC driver [DEFAULT] transport_url names: "inproc://" the in-process
 * one; "rabbit://" (the default) and "amqp://" the AMQP driver when built. */
static hh_rpc *open_transport(const hh_conf *conf)
{
    const char *url = hh_conf_get_str(conf, "DEFAULT", "transport_url");
    char scheme[32] = "";
    hh_rpc *rpc;
    hh_error err;

    if (url != NULL)
        sscanf(url, "%31[^:]", scheme);
    hh_error_clear(&err);
    rpc = hh_rpc_new(strcmp(scheme, "inproc") == 0 ? "inproc" : "amqp", conf, &err);
    if (rpc == NULL)
        hh_log_warning("transport_url %s://: %s; this engine serves no RPC requests",
                       scheme[0] != '\0' ? scheme : "(unset)", err.message);
    return rpc;
}

/* The main loop: returns when told to stop (0) or on a fatal error. */
static int run(hh_control *ctl, hh_registry *reg, hh_service *svc)
{
    struct pollfd fds[1 + HH_SERVICE_POLLFDS + HH_CONTROL_MAX_CLIENTS + 1];

    for (;;) {
        size_t n, ns;
        long wait_ms, svc_ms;
        int r;
        hh_error err;

        fds[0] = (struct pollfd){.fd = sig_pipe[0], .events = POLLIN};
        ns = hh_service_pollfds(svc, fds + 1, &svc_ms);
        n = hh_control_pollfds(ctl, fds + 1 + ns);
        wait_ms = hh_registry_due_ms(reg);
        if (svc_ms >= 0 && svc_ms < wait_ms)
            wait_ms = svc_ms;
        r = poll(fds, 1 + ns + n, (int)wait_ms);
        if (r < 0 && errno != EINTR) {
            hh_log_error("poll: %s", strerror(errno));
            return EXIT_RUNTIME;
        }
        if (r > 0 && (fds[0].revents & POLLIN)) {
            unsigned char sigs[16];
            ssize_t got = read(sig_pipe[0], sigs, sizeof(sigs));

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
        if (r > 0)
            hh_control_dispatch(ctl, fds + 1 + ns, n);
        if (hh_registry_due_ms(reg) == 0) {
            hh_error_clear(&err);
            if (hh_registry_heartbeat(reg, &err) != 0)
                hh_log_warning("service heartbeat failed (retried in report_interval): %s",
                               errmsg(&err, err.rc));
        }
    }
}

int main(int argc, char **argv)
{
    options o = {.pid_file = DEFAULT_PID_FILE};
    hh_conf *conf = NULL;
    hh_store *st = NULL;
    hh_registry *reg = NULL;
    hh_role *role = NULL;
    hh_control *ctl = NULL;
    hh_service *svc = NULL;
    hh_rpc *rpc = NULL;
    engine_state es = {0};
    bool overran = false; /* the stop outlasted its bound: its thread still runs */
    const char *host, *sock;
    char hostbuf[256] = "", engine_id[HH_STORE_ID_LEN];
    int status, pid_fd = -1, rc;
    hh_error err;

    hh_error_clear(&err);
    if ((status = parse_args(argc, argv, &o)) >= 0)
        return status;
    hh_log_open("heat-engine", true, false);
    status = EXIT_CONFIG;
    conf = hh_conf_new();
    if (conf == NULL || hh_opts_register_engine(conf) != 0 || hh_opts_register_agent(conf) != 0) {
        hh_log_error("out of memory");
        status = EXIT_RUNTIME;
        goto done;
    }
    if ((rc = hh_conf_load_args(conf, argc, argv, &err)) != 0) {
        char msg[HH_ERROR_MSG_MAX + HH_ERROR_SRC_MAX + 32];

        hh_error_format(&err, msg, sizeof(msg));
        hh_log_error("configuration: %s", msg);
        if (o.test_config)
            fprintf(stdout, "configuration error: %s\n", msg);
        goto done;
    }
    if (hh_conf_get_str(conf, "database", "connection") == NULL) {
        hh_log_error("configuration: [database] connection is not set");
        if (o.test_config)
            fprintf(stdout, "configuration error: [database] connection is not set\n");
        goto done;
    }
    hh_log_set_level(hh_conf_get_bool(conf, "DEFAULT", "debug") ? HH_LOG_DEBUG : HH_LOG_INFO);
    {
        char path[4096];

        rc = hh_log_file_path(hh_conf_get_str(conf, "DEFAULT", "log_file"),
                              hh_conf_get_str(conf, "DEFAULT", "log_dir"), path, sizeof(path));
        if (rc == 0)
            rc = hh_log_set_file(path);
        if (rc != 0 && rc != HH_ENOTFOUND) {
            hh_log_error("configuration: log_file %s: %s", path, hh_strerror(rc));
            if (o.test_config)
                fprintf(stdout, "configuration error: log_file %s: %s\n", path, hh_strerror(rc));
            goto done;
        }
    }
    hh_conf_log_values(conf);
    /* where the wait condition handles' URLs point */
    if (hh_rsignal_configure(hh_conf_get_str(conf, "DEFAULT", "heat_waitcondition_server_url"),
                             hh_conf_get_str(conf, "clients_heat", "url")) != 0) {
        hh_log_error("out of memory");
        status = EXIT_RUNTIME;
        goto done;
    }
    sock =
        o.control_socket != NULL ? o.control_socket : hh_conf_get_str(conf, "ha", "control_socket");
    if ((status = check_database(conf, NULL, &err)) != 0) {
        hh_log_error("database: %s", errmsg(&err, err.rc));
        if (o.test_config)
            fprintf(stdout, "database error: %s\n", errmsg(&err, err.rc));
        goto done;
    }
    if (o.test_config) {
        printf("configuration OK\n");
        status = 0;
        goto done;
    }

    host = hh_conf_get_str(conf, "DEFAULT", "host");
    if (host == NULL || host[0] == '\0') {
        if (gethostname(hostbuf, sizeof(hostbuf) - 1) != 0)
            snprintf(hostbuf, sizeof(hostbuf), "localhost");
        host = hostbuf;
    }
    /* Signals first: one arriving during start-up waits in the pipe and
     * stops the engine cleanly as soon as the loop runs. */
    if ((rc = setup_signals()) != 0) {
        hh_log_error("start-up: signals: %s", strerror(rc));
        status = EXIT_RUNTIME;
        goto done;
    }
    if ((status = lock_pid_file(o.pid_file, &pid_fd)) != 0)
        goto done;
    status = EXIT_RUNTIME;
    if ((rc = hh_control_open(sock, control_request, NULL, &ctl, &err)) != 0) {
        hh_log_error("%s", errmsg(&err, rc));
        goto done;
    }
    if (!o.foreground) {
        if ((rc = hh_daemon_detach()) != 0) {
            hh_log_error("cannot run in the background: %s", strerror(rc));
            goto done;
        }
        hh_log_open("heat-engine", hh_conf_get_bool(conf, "DEFAULT", "use_stderr"), true);
    } else {
        hh_log_open("heat-engine", true, true);
    }
    if ((rc = write_pid(pid_fd)) != 0) {
        hh_log_error("pid file %s: %s", o.pid_file, strerror(rc));
        goto done;
    }
    /* The store is opened after the fork: a SQLite handle must not cross one. */
    if (check_database(conf, &st, &err) != 0) {
        hh_log_error("database: %s", errmsg(&err, err.rc));
        status = EXIT_DATABASE;
        goto done;
    }
    if ((rc = hh_store_uuid(engine_id)) != 0 ||
        (rc = hh_role_new(st, engine_id, host, &role)) != 0) {
        hh_log_error("start-up: %s", hh_strerror(rc));
        goto done;
    }
    es.role = role;
    if ((rc = hh_registry_start(st, host, engine_id,
                                hh_conf_get_int(conf, "DEFAULT", "report_interval"), &reg, &err)) !=
        0) {
        hh_log_error("service registration: %s", errmsg(&err, rc));
        status = EXIT_DATABASE;
        goto done;
    }
    {
        hh_service_opts so = {.conf = conf, .workers = worker_count(conf), .error_wait_secs = -1};

        if ((rc = hh_service_new(&so, &svc, &err)) != 0) {
            hh_log_error("engine service: %s", errmsg(&err, rc));
            goto done;
        }
    }
    es.svc = svc;
    es.rpc = rpc = open_transport(conf);
    hh_control_set_arg(ctl, &es);
    hh_log_notice("started: host %s, engine_id %s, service %s, %d workers, control socket %s", host,
                  engine_id, hh_registry_id(reg), worker_count(conf), sock);
    if (o.active && hh_role_promote(role, &err) != 0) {
        status = EXIT_DATABASE; /* the store refused the term */
    } else if (o.active && follow_role(&es, &served_term, &err) != 0) {
        hh_log_error("activation: %s", errmsg(&err, err.rc));
        status = EXIT_DATABASE;
    } else {
        if (!o.active)
            hh_log_notice("standing by: waiting for promotion on %s", sock);
        status = run(ctl, reg, svc);
    }

    /* stop: no more requests, running steps finish and commit */
    hh_service_unserve(svc);
    if (stop_bounded(svc, hh_conf_get_int(conf, "DEFAULT", "graceful_shutdown_timeout")) != 0) {
        hh_log_error("engine steps still running after graceful_shutdown_timeout; exiting "
                     "anyway (their actions resume on the next active engine)");
        status = EXIT_RUNTIME;
        overran = true;
    }
    svc = NULL;
    hh_rpc_free(rpc);
    rpc = NULL;
    hh_error_clear(&err);
    if (hh_registry_stop(reg, &err) != 0)
        hh_log_warning("service row not removed: %s", errmsg(&err, err.rc));
    hh_log_notice("stopped");
done:
    hh_service_free(svc);
    hh_rpc_free(rpc);
    hh_registry_free(reg);
    hh_control_free(ctl);
    hh_role_free(role);
    hh_store_close(st);
    if (pid_fd >= 0) {
        (void)unlink(o.pid_file); /* ours: we hold its lock */
        close(pid_fd);
    }
    if (!overran) {
        hh_conf_free(conf);
        hh_rsignal_reset();
        hh_log_close();
    }
    return status;
}
