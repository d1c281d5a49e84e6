/* heat-engine: the orchestration daemon.
 *
 * Start-up, in order, each failure with its own exit code (documented in
 * heat-engine(8)):
 *   1. command line                              HH_EXIT_USAGE    2
 *   2. configuration files                       HH_EXIT_CONFIG   3
 *   3. database reachable, schema at the latest  HH_EXIT_DATABASE 4
 *   4. pid file locked (flock)                   HH_EXIT_RUNNING  5
 *   5. control socket                            HH_EXIT_RUNTIME  1
 *   6. daemonise unless --foreground, register in the service table, start
 *      the worker pool, take the active role when --active.
 * Then one poll() loop on the main thread (hh_sdaemon_loop, heat-all's
 * too), the owner of the engine's request API (service_api.h) and of the
 * stack engine: signals arrive
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
 * next active engine). An active engine that finds a newer term in the
 * store (a write refused as fenced, or, idle, its check at each heartbeat:
 * it was deposed while paused or cut off) demotes itself (engine_tick).
 * From start to stop, standby or active, the engine also serves its own
 * topic HH_RPC_LISTENER_TOPIC.<engine_id>.
 *
 * Stop. SIGTERM/SIGINT: the topic is no longer served, queued requests are
 * refused, and the engine is stopped as on demotion: each running step
 * finishes and commits (a checkpoint: the next active engine resumes the
 * action from there), bounded by graceful_shutdown_timeout, past which the
 * process exits HH_EXIT_RUNTIME anyway (the store stays consistent: every
 * state is committed before the next step). Then the service row is
 * soft-deleted, exit 0. SIGHUP reopens the logs ([DEFAULT] log_file and
 * syslog). A fatal error at run time exits HH_EXIT_RUNTIME.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine_command.h"
#include "hh_conf.h"
#include "hh_daemon.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "res_plugin.h"
#include "rpc.h"
#include "service_api.h"
#include "service_control.h"
#include "service_daemon.h"
#include "service_registry.h"
#include "service_role.h"
#include "store.h"

#define DEFAULT_PID_FILE "/run/heat-ha/heat-engine.pid"

typedef struct options {
    bool foreground;
    bool test_config;
    bool active;
    const char *control_socket; /* NULL: [ha] control_socket */
    const char *pid_file;
    const char *command; /* NULL: run the daemon */
    int timeout_ms;      /* a command's wait for the engine */
} options;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: heat-engine [-f] [-t] [--active] [--config-file FILE]... [--config-dir DIR]\n"
            "                   [--control-socket PATH] [--pid-file PATH]\n"
            "       heat-engine [--config-file FILE]... [--control-socket PATH] [--timeout S]\n"
            "                   status | promote | demote\n"
            "       heat-engine --version | --help\n"
            "\n"
            "  -f, --foreground        stay in the foreground, log to stderr as well\n"
            "  -t, --test-config       check the configuration and the database, then exit\n"
            "      --active            take the active role at start (single node)\n"
            "      --config-file FILE  read FILE (repeatable; later files win)\n"
            "      --config-dir DIR    read DIR/*.conf after the files\n"
            "      --control-socket P  control socket instead of [ha] control_socket\n"
            "      --pid-file PATH     pid file (default " DEFAULT_PID_FILE ")\n"
            "      --timeout S         a command's wait for the engine (default 10 s)\n"
            "      --version           print the version and exit\n"
            "  -h, --help              print this help and exit\n"
            "\n"
            "exit codes: 0 stopped cleanly, 1 fatal error, 2 bad usage, 3 bad configuration,\n"
            "4 database unreachable or not synced, 5 already running\n"
            "\n"
            "commands (to the running engine's control socket, printing KEY=VALUE lines):\n"
            "  status              role, term, database and broker health\n"
            "  promote             take the active role with a new fencing term\n"
            "  demote              give the active role up\n"
            "command exit codes: 0 done, 1 refused by the engine, 2 bad usage,\n"
            "3 bad configuration, 4 no engine answers\n");
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, options *o)
{
    const char *timeout = NULL;
    const hh_daemon_opt extra[] = {
        {.name = "active", .flag = &o->active},
        {.name = "control-socket", .value = &o->control_socket},
        {.name = "pid-file", .value = &o->pid_file},
        {.name = "timeout", .value = &timeout},
        {.name = NULL},
    };
    hh_daemon_cli cli = {.extra = extra, .operands = true};
    char *end = NULL;
    long secs = 10;
    int status = hh_daemon_parse_args(argc, argv, "heat-engine", usage, HH_EXIT_USAGE, &cli);

    if (status >= 0)
        return status;
    o->foreground = cli.foreground;
    o->test_config = cli.test_config;
    if (cli.first_operand < argc)
        o->command = argv[cli.first_operand];
    if (timeout != NULL)
        secs = strtol(timeout, &end, 10);
    if (o->command != NULL && strcmp(o->command, "status") != 0 &&
        strcmp(o->command, "promote") != 0 && strcmp(o->command, "demote") != 0) {
        fprintf(stderr, "heat-engine: unknown command %s\n", o->command);
        usage(stderr);
        return HH_EXIT_USAGE;
    }
    if (cli.first_operand + 1 < argc || (o->command == NULL && timeout != NULL) ||
        (timeout != NULL && (end == timeout || *end != '\0' || secs < 1 || secs > 3600))) {
        fprintf(stderr, "heat-engine: %s\n",
                cli.first_operand + 1 < argc ? "one command at most"
                : o->command == NULL         ? "--timeout goes with a command"
                                             : "--timeout takes 1 to 3600 seconds");
        usage(stderr);
        return HH_EXIT_USAGE;
    }
    o->timeout_ms = (int)secs * 1000;
    return -1;
}

/* heat-engine's options: the engine's and the HA agent's ([ha]). */
static int register_opts(hh_conf *conf)
{
    int rc = hh_opts_register_engine(conf);

    return rc != 0 ? rc : hh_opts_register_agent(conf);
}

static const char *errmsg(const hh_error *err, int rc)
{
    return err->message[0] != '\0' ? err->message : hh_strerror(rc);
}

/* What the control requests and the loop act on. */
typedef struct engine_state {
    hh_role *role;
    hh_service *svc;
    hh_rpc *rpc;           /* the transport, or NULL when none is available */
    const char *transport; /* its driver's name, "none" without one */
    hh_store *st;          /* the role's store handle, for the health check */
    hh_control *ctl;       /* the control socket */
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

/* Health, added to a role reply (borrowed) for the OCF agent and the HA
 * agent: "database_ok" (a read of the fencing term on the engine's own
 * store handle worked), "database_term" (the store's current term: above
 * "term" while active means a newer engine deposed this one) or
 * "database_error"; "broker_ok" (the RPC transport is open and, for a
 * network driver, connected to a broker now) and "transport" (its driver). */
static void add_health(const engine_state *es, json_t *reply)
{
    int64_t term = 0;
    hh_error err;

    hh_error_clear(&err);
    if (hh_store_term_current(es->st, &term, &err) == 0) {
        json_object_set_new(reply, "database_ok", json_true());
        json_object_set_new(reply, "database_term", json_integer((json_int_t)term));
    } else {
        json_object_set_new(reply, "database_ok", json_false());
        json_object_set_new(reply, "database_error",
                            json_string(errmsg(&err, err.rc != 0 ? err.rc : HH_EINTERNAL)));
    }
    json_object_set_new(reply, "broker_ok",
                        json_boolean(es->rpc != NULL && hh_rpc_connected(es->rpc)));
    json_object_set_new(reply, "transport", json_string(es->transport));
}

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
    if (json_object_get(reply, "role") != NULL)
        add_health(es, reply);
    return reply;
}

static size_t control_pollfds(void *arg, struct pollfd *fds)
{
    return hh_control_pollfds(((engine_state *)arg)->ctl, fds);
}

static void control_dispatch(void *arg, const struct pollfd *fds, size_t n)
{
    hh_control_dispatch(((engine_state *)arg)->ctl, fds, n);
}

/* Fencing, seen from the deposed side: an active engine whose write was
 * refused as fenced, or an idle one at each heartbeat, compares its term
 * with the store's; a newer one means another engine was promoted (this
 * one was paused or cut off meanwhile): it stands by at once, so it no
 * longer takes requests it could not carry out. (A busy engine learns it
 * from its actions' next writes, which the fence refuses.) */
static void engine_tick(void *arg, bool heartbeat)
{
    engine_state *es = arg;
    bool deposed = false;
    hh_error err;

    if (!hh_role_active(es->role))
        return;
    if (!hh_service_fenced(es->svc) && !(heartbeat && hh_service_busy(es->svc) == 0))
        return;
    hh_error_clear(&err);
    if (hh_role_check(es->role, &deposed, &err) != 0)
        hh_log_warning("term check: %s", errmsg(&err, err.rc));
    else if (deposed)
        (void)follow_role(es, &served_term, &err);
}

/* The RPC driver [DEFAULT] transport_url names: "inproc://" the in-process
 * one; "rabbit://" (the default) and "amqp://" the AMQP driver when built.
 * *driver: the driver's name, "none" when the transport failed (NULL). */
static hh_rpc *open_transport(const hh_conf *conf, const char **driver)
{
    const char *url = hh_conf_get_str(conf, "DEFAULT", "transport_url");
    char scheme[32] = "";
    hh_rpc *rpc;
    hh_error err;

    if (url != NULL)
        sscanf(url, "%31[^:]", scheme);
    hh_error_clear(&err);
    *driver = strcmp(scheme, "inproc") == 0 ? "inproc" : "amqp";
    rpc = hh_rpc_new(*driver, conf, &err);
    if (rpc == NULL) {
        *driver = "none";
        hh_log_warning("transport_url %s://: %s; this engine serves no RPC requests",
                       scheme[0] != '\0' ? scheme : "(unset)", err.message);
    }
    return rpc;
}

int main(int argc, char **argv)
{
    options o = {.pid_file = DEFAULT_PID_FILE};
    hh_conf *conf = NULL;
    hh_sdaemon_parts parts = {0};
    hh_registry *reg = NULL; /* borrowed from parts, as role and svc */
    hh_role *role = NULL;
    hh_control *ctl = NULL;
    hh_service *svc = NULL;
    hh_rpc *rpc = NULL;
    engine_state es = {0};
    bool overran = false; /* the stop outlasted its bound: its thread still runs */
    const char *host, *sock;
    char hostbuf[256] = "", listener[HH_RPC_TOPIC_MAX] = "";
    int status, pid_fd = -1, sig_fd = -1, rc;
    hh_error err;

    hh_error_clear(&err);
    if ((status = parse_args(argc, argv, &o)) >= 0)
        return status;
    hh_log_open("heat-engine", true, false);
    /* a command with its socket named needs no configuration */
    if (o.command != NULL && o.control_socket != NULL) {
        status = hh_engine_command(o.control_socket, o.command, o.timeout_ms, HH_EXIT_USAGE);
        goto done;
    }
    if ((rc = hh_daemon_conf(argc, argv, o.test_config, register_opts, &conf)) != 0) {
        status = rc == ENOMEM ? HH_EXIT_RUNTIME : HH_EXIT_CONFIG;
        goto done;
    }
    sock =
        o.control_socket != NULL ? o.control_socket : hh_conf_get_str(conf, "ha", "control_socket");
    if (o.command != NULL) {
        status = hh_engine_command(sock, o.command, o.timeout_ms, HH_EXIT_USAGE);
        goto done;
    }
    status = HH_EXIT_CONFIG;
    if (hh_conf_get_str(conf, "database", "connection") == NULL) {
        hh_daemon_config_error(o.test_config, "[database] connection is not set");
        goto done;
    }
    if ((status = hh_sdaemon_logs(conf, o.test_config)) != 0)
        goto done;
    hh_conf_log_values(conf);
    /* where the wait condition handles' URLs point */
    if (hh_rsignal_configure(hh_conf_get_str(conf, "DEFAULT", "heat_waitcondition_server_url"),
                             hh_conf_get_str(conf, "clients_heat", "url")) != 0) {
        hh_log_error("out of memory");
        status = HH_EXIT_RUNTIME;
        goto done;
    }
    if ((status = hh_sdaemon_database(conf, false, NULL, &err)) != 0) {
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

    host = hh_sdaemon_host(conf, hostbuf, sizeof(hostbuf));
    /* Signals first: one arriving during start-up waits in the pipe and
     * stops the engine cleanly as soon as the loop runs. */
    if ((rc = hh_daemon_signal_pipe(&sig_fd)) != 0) {
        hh_log_error("start-up: signals: %s", strerror(rc));
        status = HH_EXIT_RUNTIME;
        goto done;
    }
    if ((rc = hh_daemon_pidfile_lock(o.pid_file, &pid_fd)) != 0) {
        status = rc == EWOULDBLOCK ? HH_EXIT_RUNNING : HH_EXIT_RUNTIME;
        goto done;
    }
    status = HH_EXIT_RUNTIME;
    if ((rc = hh_control_open(sock, control_request, NULL, &ctl, &err)) != 0) {
        hh_log_error("%s", errmsg(&err, rc));
        goto done;
    }
    if (hh_daemon_background("heat-engine", o.foreground,
                             hh_conf_get_bool(conf, "DEFAULT", "use_stderr")) != 0)
        goto done;
    if ((rc = hh_daemon_pidfile_write(pid_fd)) != 0) {
        hh_log_error("pid file %s: %s", o.pid_file, strerror(rc));
        goto done;
    }
    if ((status = hh_sdaemon_start(conf, host, &parts)) != 0)
        goto done;
    status = HH_EXIT_RUNTIME;
    role = parts.role;
    reg = parts.reg;
    svc = parts.svc;
    es.role = role;
    es.svc = svc;
    es.st = parts.st;
    es.rpc = rpc = open_transport(conf, &es.transport);
    es.ctl = ctl;
    /* this engine's own topic, standby or active (reads answer on standby) */
    snprintf(listener, sizeof(listener), "%s.%s", HH_RPC_LISTENER_TOPIC, parts.engine_id);
    if (rpc != NULL && hh_rpc_serve(rpc, listener, hh_service_dispatch, svc, &err) != 0)
        hh_log_error("serving topic %s: %s", listener, errmsg(&err, err.rc));
    hh_control_set_arg(ctl, &es);
    hh_log_notice("started: host %s, engine_id %s, service %s, %d workers, control socket %s", host,
                  parts.engine_id, hh_registry_id(reg), hh_sdaemon_workers(conf), sock);
    if (o.active && hh_role_promote(role, &err) != 0) {
        status = HH_EXIT_DATABASE; /* the store refused the term */
    } else if (o.active && follow_role(&es, &served_term, &err) != 0) {
        hh_log_error("activation: %s", errmsg(&err, err.rc));
        status = HH_EXIT_DATABASE;
    } else {
        hh_sdaemon_hooks hooks = {.max = HH_CONTROL_MAX_CLIENTS + 1,
                                  .pollfds = control_pollfds,
                                  .dispatch = control_dispatch,
                                  .tick = engine_tick,
                                  .arg = &es};

        if (!o.active)
            hh_log_notice("standing by: waiting for promotion on %s", sock);
        status = hh_sdaemon_loop(sig_fd, reg, svc, &hooks);
    }

    /* stop: no more requests, running steps finish and commit */
    if (rpc != NULL)
        hh_rpc_unserve(rpc, listener);
    if ((rc = hh_sdaemon_stop(conf, svc, rpc, reg)) != 0) {
        status = rc;
        overran = true;
    }
    svc = parts.svc = NULL;
    rpc = NULL;
done:
    hh_sdaemon_parts_free(&parts);
    hh_rpc_free(rpc);
    hh_control_free(ctl);
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
