/* heat-ha-agent: the Corosync-aware supervisor that elects the one active
 * heat-engine of the cluster and keeps the local services running.
 *
 * Daemon (no command): single-threaded on the libqb main loop. Start-up,
 * each failure with its own exit code (heat-ha-agent(8)):
 *   1. command line                                  EXIT_USAGE   2
 *   2. configuration files                           EXIT_CONFIG  3
 *   3. pid file locked (flock)                       EXIT_RUNNING 5
 *   4. the agent's socket ([ha] agent_socket)        EXIT_LISTEN  6
 *   5. daemonise unless --foreground; the loop: the engine's health checks
 *      (agent_engine.h), the supervised services (agent_supervise.h), the
 *      cluster (agent_cluster.h), operator requests on the socket, signals.
 * SIGTERM/SIGINT: the engine is demoted (waiting for it), the agent leaves
 * the group (another member takes over at once), the services are stopped;
 * exit 0. SIGHUP reopens the logs. libqb's own log lines go through hh_log.
 *
 * Commands (a client of a running agent's socket): status [--json],
 * move-leader NODE, standby [on|off]. Exit 0, 1 when the agent refused,
 * 2 bad usage, 3 bad configuration, 4 agent not reachable.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <qb/qblog.h>
#include <qb/qbloop.h>

#include "agent_cluster.h"
#include "agent_engine.h"
#include "agent_supervise.h"
#include "hh_conf.h"
#include "hh_daemon.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "service_control.h"

#define DEFAULT_PID_FILE "/run/heat-ha/heat-ha-agent.pid"
#define STOP_TIMEOUT_MS 10000
#define CLIENT_TIMEOUT_S 5
#define MOVE_WAIT_S 15

enum {
    EXIT_RUNTIME = 1,
    EXIT_USAGE = 2,
    EXIT_CONFIG = 3,
    EXIT_UNREACHABLE = 4, /* commands: no agent answers */
    EXIT_RUNNING = 5,
    EXIT_LISTEN = 6,
};

typedef struct options {
    bool foreground;
    bool test_config;
    bool json;
    const char *socket; /* NULL: [ha] agent_socket */
    const char *pid_file;
    int nargs;
    char **args; /* the command and its arguments */
} options;

static void usage(FILE *out)
{
    fprintf(out, "usage: heat-ha-agent [-f] [-t] [--config-file FILE]... [--config-dir DIR]\n"
                 "                     [--pid-file PATH] [--socket PATH]\n"
                 "       heat-ha-agent [--config-file FILE]... [--socket PATH] COMMAND\n"
                 "       heat-ha-agent --version | --help\n"
                 "\n"
                 "commands (to the running agent):\n"
                 "  status [--json]     leader, term, members, quorum, local services\n"
                 "  move-leader NODE    hand the leadership to NODE (name or node id)\n"
                 "  standby [on|off]    maintenance: never lead (on, the default) or lead again\n"
                 "\n"
                 "  -f, --foreground        stay in the foreground, log to stderr as well\n"
                 "  -t, --test-config       check the configuration, then exit\n"
                 "      --config-file FILE  read FILE (repeatable; later files win)\n"
                 "      --config-dir DIR    read DIR/*.conf after the files\n"
                 "      --pid-file PATH     pid file (default " DEFAULT_PID_FILE ")\n"
                 "      --socket PATH       the agent's socket instead of [ha] agent_socket\n"
                 "      --json              status as JSON\n"
                 "      --version           print the version and exit\n"
                 "  -h, --help              print this help and exit\n"
                 "\n"
                 "exit codes: 0 success, 1 fatal error or refused command, 2 bad usage,\n"
                 "3 bad configuration, 4 agent not reachable, 5 already running,\n"
                 "6 cannot listen on the agent's socket\n");
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, options *o)
{
    const hh_daemon_opt extra[] = {
        {.name = "pid-file", .value = &o->pid_file},
        {.name = "socket", .value = &o->socket},
        {.name = "json", .flag = &o->json},
        {.name = NULL},
    };
    hh_daemon_cli cli = {.extra = extra, .operands = true};
    int status = hh_daemon_parse_args(argc, argv, "heat-ha-agent", usage, EXIT_USAGE, &cli);

    o->foreground = cli.foreground;
    o->test_config = cli.test_config;
    o->args = argv + cli.first_operand;
    o->nargs = argc - cli.first_operand;
    return status;
}

/* ---- the daemon ---- */

typedef struct agent {
    qb_loop_t *loop;
    hh_conf *conf;
    hh_agent_engine *engine;
    hh_super *super;
    hh_cluster *cluster;
    hh_control *ctl;
    int ctl_fds[HH_CONTROL_MAX_CLIENTS + 1];
    size_t nctl;
    bool stopping;    /* the services are being stopped on purpose */
    bool stop_engine; /* [ha] no_quorum_policy = stop, with a supervised engine */
} agent;

static void on_engine_change(void *arg)
{
    agent *a = arg;

    if (a->cluster != NULL)
        hh_cluster_local_changed(a->cluster);
}

static void on_service(const char *name, pid_t pid, void *arg)
{
    agent *a = arg;

    if (strcmp(name, "heat-engine") != 0 || a->stopping)
        return;
    if (pid == 0)
        hh_agent_engine_lost(a->engine);
    else
        hh_agent_engine_started(a->engine);
}

/* [ha] no_quorum_policy = stop: the engine (demoted by the election
 * already) is stopped while this node's partition has no quorum, and
 * started again when it regains it. */
static void on_quorum(bool quorate, void *arg)
{
    agent *a = arg;

    if (a->stop_engine && !a->stopping)
        hh_super_hold(a->super, "heat-engine", !quorate, STOP_TIMEOUT_MS);
}

static json_t *status_json(const agent *a)
{
    json_t *st = hh_cluster_status(a->cluster);

    if (st == NULL)
        return NULL;
    json_object_set_new(st, "engine", hh_agent_engine_status(a->engine));
    json_object_set_new(st, "services", hh_super_status(a->super));
    return st;
}

static json_t *control_request(const json_t *req, void *arg)
{
    agent *a = arg;
    const char *op = json_string_value(json_object_get(req, "op"));
    hh_error err;

    hh_error_clear(&err);
    if (!json_is_object(req) || op == NULL)
        return json_pack("{s:s}", "error", "a request is an object with a string \"op\"");
    if (strcmp(op, "status") == 0)
        return status_json(a);
    if (strcmp(op, "move-leader") == 0) {
        const char *node = json_string_value(json_object_get(req, "node"));

        if (node == NULL)
            return json_pack("{s:s}", "error", "move-leader needs a string \"node\"");
        if (hh_cluster_move(a->cluster, node, &err) != 0)
            return json_pack("{s:s}", "error", err.message);
        return json_pack("{s:b}", "ok", true);
    }
    if (strcmp(op, "standby") == 0) {
        hh_cluster_set_standby(a->cluster, !json_is_false(json_object_get(req, "on")));
        return json_pack("{s:b}", "ok", true);
    }
    return json_pack("{s:s+}", "error", "unknown op: ", op);
}

static int32_t on_ctl_fd(int32_t fd, int32_t revents, void *data);

/* Poll exactly the descriptors the control socket asks for: they change
 * with every accept and close, so all are registered again after each
 * dispatch. */
static void ctl_sync(agent *a)
{
    struct pollfd fds[HH_CONTROL_MAX_CLIENTS + 1];
    size_t n;

    for (size_t i = 0; i < a->nctl; i++)
        qb_loop_poll_del(a->loop, a->ctl_fds[i]);
    a->nctl = 0;
    n = hh_control_pollfds(a->ctl, fds);
    for (size_t i = 0; i < n; i++) {
        if (fds[i].fd < 0)
            continue;
        if (qb_loop_poll_add(a->loop, QB_LOOP_MED, fds[i].fd, POLLIN, a, on_ctl_fd) == 0)
            a->ctl_fds[a->nctl++] = fds[i].fd;
    }
}

static int32_t on_ctl_fd(int32_t fd, int32_t revents, void *data)
{
    agent *a = data;
    struct pollfd p = {.fd = fd, .events = POLLIN, .revents = (short)revents};

    hh_control_dispatch(a->ctl, &p, 1);
    ctl_sync(a);
    return 0;
}

static int32_t on_stop_signal(int32_t sig, void *data)
{
    agent *a = data;

    hh_log_notice("signal %d: stopping", sig);
    qb_loop_stop(a->loop);
    return 0;
}

static int32_t on_hup(int32_t sig, void *data)
{
    hh_log_reopen();
    return 0;
}

/* libqb's own messages, through hh_log at the same levels */
static void qb_to_hh(int32_t t, struct qb_log_callsite *cs, struct timespec *ts, const char *msg)
{
    hh_log_level level = cs->priority <= LOG_ERR       ? HH_LOG_ERROR
                         : cs->priority == LOG_WARNING ? HH_LOG_WARNING
                         : cs->priority == LOG_NOTICE  ? HH_LOG_NOTICE
                         : cs->priority == LOG_INFO    ? HH_LOG_INFO
                                                       : HH_LOG_DEBUG;

    hh_log(level, "libqb: %s", msg);
}

static void route_qb_log(void)
{
    int32_t t;

    qb_log_init("heat-ha-agent", LOG_DAEMON, LOG_INFO);
    qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
    qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
    t = qb_log_custom_open(qb_to_hh, NULL, NULL, NULL);
    if (t >= 0) {
        qb_log_ctl(t, QB_LOG_CONF_ENABLED, QB_TRUE);
        qb_log_filter_ctl(t, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*",
                          hh_log_get_level() >= HH_LOG_DEBUG ? LOG_DEBUG : LOG_INFO);
    }
}

/* Add the configured services, the APIs with their health check on their
 * [section] bind_host and bind_port; 0 or EXIT_CONFIG (logged). */
static int add_services(agent *a, bool test_config)
{
    static const struct {
        const char *name, *key, *section;
        int death_signal;
    } svc[] = {{"heat-engine", "engine_command", NULL, SIGKILL},
               {"heat-api", "api_command", "heat_api", SIGTERM},
               {"heat-api-cfn", "api_cfn_command", "heat_api_cfn", SIGTERM}};
    hh_super_check check = {
        .interval = hh_conf_get_float(a->conf, "ha", "api_health_interval"),
        .timeout = hh_conf_get_float(a->conf, "ha", "api_health_timeout"),
        .failures = hh_conf_get_int(a->conf, "ha", "api_health_failures"),
        .start_timeout = hh_conf_get_float(a->conf, "ha", "api_start_timeout"),
    };

    for (size_t i = 0; i < sizeof(svc) / sizeof(svc[0]); i++) {
        const char *cmd = hh_conf_get_str(a->conf, "ha", svc[i].key);
        const char *key = svc[i].key;
        int rc;

        if (cmd == NULL || cmd[0] == '\0')
            continue;
        rc = hh_super_add(a->super, svc[i].name, cmd, svc[i].death_signal);
        if (rc == 0 && svc[i].section != NULL) {
            check.host = hh_conf_get_str(a->conf, svc[i].section, "bind_host");
            check.port = hh_conf_get_int(a->conf, svc[i].section, "bind_port");
            key = "bind_host";
            rc = hh_super_check_http(a->super, svc[i].name, &check);
        }
        if (rc != 0) {
            const char *section = key != svc[i].key ? svc[i].section : "ha";

            hh_log_error("configuration: [%s] %s: %s", section, key, hh_strerror(rc));
            if (test_config)
                printf("configuration error: [%s] %s: %s\n", section, key, hh_strerror(rc));
            return EXIT_CONFIG;
        }
    }
    return 0;
}

static int run_daemon(const options *o, hh_conf *conf, int argc, char **argv)
{
    agent a = {.conf = conf};
    hh_super_policy policy = {
        .delay = hh_conf_get_float(conf, "ha", "restart_delay"),
        .delay_max = hh_conf_get_float(conf, "ha", "restart_delay_max"),
        .crash_loop_count = hh_conf_get_int(conf, "ha", "crash_loop_count"),
        .crash_loop_window = hh_conf_get_int(conf, "ha", "crash_loop_window"),
    };
    hh_cluster_config cc = {
        .group = hh_conf_get_str(conf, "ha", "cpg_group"),
        .priority = hh_conf_get_int(conf, "ha", "priority"),
        .takeover_delay_ms = (unsigned)(hh_conf_get_float(conf, "ha", "takeover_delay") * 1000),
        .quorum_fn = on_quorum,
    };
    const char *sock = o->socket != NULL ? o->socket : hh_conf_get_str(conf, "ha", "agent_socket");
    const char *engine_sock = hh_conf_get_str(conf, "ha", "control_socket");
    hh_agent_engine_config ec = {
        .sock = engine_sock,
        .interval_ms = (unsigned)hh_conf_get_int(conf, "ha", "engine_health_interval") * 1000,
        .timeout_ms = (unsigned)hh_conf_get_int(conf, "ha", "engine_health_timeout") * 1000,
        .failures = (unsigned)hh_conf_get_int(conf, "ha", "engine_health_failures"),
        .check_broker = hh_conf_get_bool(conf, "ha", "engine_check_broker"),
    };
    char host[256] = "";
    qb_loop_signal_handle sh;
    hh_error err;
    int pid_fd = -1, status, rc;

    hh_error_clear(&err);
    cc.node_name = hh_conf_get_str(conf, "ha", "node_name");
    if (cc.node_name == NULL)
        cc.node_name = hh_conf_get_str(conf, "DEFAULT", "host");
    if (cc.node_name == NULL) {
        gethostname(host, sizeof(host) - 1);
        cc.node_name = host;
    }
    if ((status = hh_daemon_logs(conf, o->test_config) != 0 ? EXIT_CONFIG : 0) != 0)
        goto done;
    status = EXIT_RUNTIME;
    if ((a.loop = qb_loop_create()) == NULL ||
        hh_super_new(a.loop, &policy, on_service, &a, &a.super) != 0)
        goto done;
    if ((status = add_services(&a, o->test_config)) != 0)
        goto done;
    cc.quorum_arg = &a;
    a.stop_engine = strcmp(hh_conf_get_str(conf, "ha", "no_quorum_policy"), "stop") == 0 &&
                    hh_super_has(a.super, "heat-engine");
    if (a.stop_engine)
        hh_super_hold(a.super, "heat-engine", true, STOP_TIMEOUT_MS); /* until quorum */
    if (o->test_config) {
        printf("configuration OK\n");
        goto done;
    }
    if ((rc = hh_daemon_pidfile_lock(o->pid_file, &pid_fd)) != 0) {
        status = rc == EWOULDBLOCK ? EXIT_RUNNING : EXIT_RUNTIME;
        goto done;
    }
    if ((rc = hh_control_open(sock, control_request, &a, &a.ctl, &err)) != 0) {
        hh_log_error("%s", err.message);
        status = EXIT_LISTEN;
        goto done;
    }
    status = EXIT_RUNTIME;
    if (!o->foreground) {
        if ((rc = hh_daemon_detach()) != 0) {
            hh_log_error("cannot run in the background: %s", strerror(rc));
            goto done;
        }
        hh_log_open("heat-ha-agent", hh_conf_get_bool(conf, "DEFAULT", "use_stderr"), true);
    } else {
        hh_log_open("heat-ha-agent", true, true);
    }
    if ((rc = hh_daemon_pidfile_write(pid_fd)) != 0) {
        hh_log_error("pid file %s: %s", o->pid_file, strerror(rc));
        goto done;
    }
    route_qb_log();
    signal(SIGPIPE, SIG_IGN);
    qb_loop_signal_add(a.loop, QB_LOOP_HIGH, SIGTERM, &a, on_stop_signal, &sh);
    qb_loop_signal_add(a.loop, QB_LOOP_HIGH, SIGINT, &a, on_stop_signal, &sh);
    qb_loop_signal_add(a.loop, QB_LOOP_HIGH, SIGHUP, &a, on_hup, &sh);
    if (hh_agent_engine_new(a.loop, &ec, on_engine_change, &a, &a.engine) != 0 ||
        hh_cluster_new(a.loop, &cc, a.engine, &a.cluster) != 0) {
        hh_log_error("out of memory");
        goto done;
    }
    ctl_sync(&a);
    hh_super_start(a.super);
    hh_log_notice("started: node %s, group %s, priority %d, engine socket %s, agent socket %s",
                  cc.node_name, cc.group, cc.priority, engine_sock, sock);
    qb_loop_run(a.loop);

    /* a clean stop: demote, then leave (another member takes over at
     * once), then stop the services */
    hh_agent_engine_demote_sync(a.engine);
    hh_cluster_leave(a.cluster);
    a.stopping = true;
    hh_super_stop(a.super, STOP_TIMEOUT_MS);
    hh_log_notice("stopped");
    status = 0;
done:
    hh_cluster_free(a.cluster);
    hh_agent_engine_free(a.engine);
    hh_super_free(a.super);
    if (a.loop != NULL) {
        for (size_t i = 0; i < a.nctl; i++)
            qb_loop_poll_del(a.loop, a.ctl_fds[i]);
        qb_loop_destroy(a.loop);
    }
    hh_control_free(a.ctl);
    qb_log_fini();
    if (pid_fd >= 0) {
        (void)unlink(o->pid_file);
        close(pid_fd);
    }
    (void)argc;
    (void)argv;
    return status;
}

/* ---- the commands ---- */

/* One request to the agent at path; *reply is new. 0, or EXIT_UNREACHABLE
 * (printed). */
static int ask(const char *path, json_t *req, json_t **reply)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    struct timeval tv = {CLIENT_TIMEOUT_S, 0};
    char buf[65536];
    size_t len = 0;
    char *text = json_dumps(req, JSON_COMPACT);
    int fd = -1, status = EXIT_UNREACHABLE;

    *reply = NULL;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    if (text == NULL || (fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0 ||
        connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        fprintf(stderr, "heat-ha-agent: cannot reach the agent at %s: %s\n", path, strerror(errno));
        goto done;
    }
    if (send(fd, text, strlen(text), MSG_NOSIGNAL) < 0 || send(fd, "\n", 1, MSG_NOSIGNAL) < 0) {
        fprintf(stderr, "heat-ha-agent: %s: %s\n", path, strerror(errno));
        goto done;
    }
    while (len < sizeof(buf) - 1 && memchr(buf, '\n', len) == NULL) {
        ssize_t r = recv(fd, buf + len, sizeof(buf) - 1 - len, 0);

        if (r <= 0) {
            fprintf(stderr, "heat-ha-agent: %s: no answer\n", path);
            goto done;
        }
        len += (size_t)r;
    }
    *reply = json_loadb(buf, len, JSON_DISABLE_EOF_CHECK, NULL);
    if (*reply == NULL) {
        fprintf(stderr, "heat-ha-agent: %s: the answer is not JSON\n", path);
        goto done;
    }
    status = 0;
done:
    free(text);
    if (fd >= 0)
        close(fd);
    return status;
}

static const char *yes_no(json_t *v)
{
    return json_is_true(v) ? "yes" : "no";
}

/* A service's health check for the table: "-" when unchecked. */
static void health_text(json_t *h, char *out, size_t size)
{
    const char *state = json_string_value(json_object_get(h, "state"));
    const char *problem = json_string_value(json_object_get(h, "problem"));

    if (state == NULL)
        snprintf(out, size, "-");
    else if (strcmp(state, "answering") == 0)
        snprintf(out, size, "answering (HTTP %" JSON_INTEGER_FORMAT ")",
                 json_integer_value(json_object_get(h, "http_status")));
    else if (strcmp(state, "failing") == 0)
        snprintf(out, size, "failing (%" JSON_INTEGER_FORMAT " of %" JSON_INTEGER_FORMAT "): %s",
                 json_integer_value(json_object_get(h, "failures")),
                 json_integer_value(json_object_get(h, "failures_allowed")),
                 problem != NULL ? problem : "?");
    else
        snprintf(out, size, "%s", state);
}

static void print_status(json_t *st)
{
    json_t *votes = json_object_get(st, "votes"), *leader = json_object_get(st, "leader");
    json_t *eng = json_object_get(st, "engine"), *m;
    size_t i;

    printf("node     %s (id %" JSON_INTEGER_FORMAT "), group %s%s\n",
           json_string_value(json_object_get(st, "name")),
           json_integer_value(json_object_get(st, "nodeid")),
           json_string_value(json_object_get(st, "group")),
           json_is_true(json_object_get(st, "connected")) ? "" : ", corosync not connected");
    printf("quorum   %s", json_is_true(json_object_get(st, "quorate")) ? "quorate" : "NOT quorate");
    if (json_is_object(votes))
        printf(" (%" JSON_INTEGER_FORMAT " of %" JSON_INTEGER_FORMAT
               " votes, quorum %" JSON_INTEGER_FORMAT ")",
               json_integer_value(json_object_get(votes, "total")),
               json_integer_value(json_object_get(votes, "expected")),
               json_integer_value(json_object_get(votes, "quorum")));
    printf("\n");
    if (json_is_object(leader))
        printf("leader   %s (id %" JSON_INTEGER_FORMAT "), term %" JSON_INTEGER_FORMAT "\n",
               json_string_value(json_object_get(leader, "name")),
               json_integer_value(json_object_get(leader, "nodeid")),
               json_integer_value(json_object_get(leader, "term")));
    else
        printf("leader   none\n");
    printf("standby  %s\n\n", yes_no(json_object_get(st, "standby")));
    printf("%-7s %-16s %-8s %-8s %-6s %-8s %-8s %-5s %s\n", "NODEID", "NAME", "PID", "ENGINE",
           "TERM", "HEALTHY", "STANDBY", "PRIO", "LEADER");
    json_array_foreach(json_object_get(st, "members"), i, m)
    {
        printf("%-7" JSON_INTEGER_FORMAT " %-16s %-8" JSON_INTEGER_FORMAT
               " %-8s %-6" JSON_INTEGER_FORMAT " %-8s %-8s %-5" JSON_INTEGER_FORMAT " %s\n",
               json_integer_value(json_object_get(m, "nodeid")),
               json_string_value(json_object_get(m, "name")),
               json_integer_value(json_object_get(m, "pid")),
               json_string_value(json_object_get(m, "role")),
               json_integer_value(json_object_get(m, "term")),
               yes_no(json_object_get(m, "healthy")), yes_no(json_object_get(m, "standby")),
               json_integer_value(json_object_get(m, "priority")),
               json_is_true(json_object_get(m, "leader")) ? "*" : "");
    }
    printf("\nlocal engine: %s, %s, term %" JSON_INTEGER_FORMAT " (wanted %s)",
           json_is_true(json_object_get(eng, "healthy")) ? "healthy" : "unhealthy",
           json_string_value(json_object_get(eng, "role")),
           json_integer_value(json_object_get(eng, "term")),
           json_string_value(json_object_get(eng, "wanted")));
    if (json_is_string(json_object_get(eng, "problem")))
        printf("; %" JSON_INTEGER_FORMAT
               " checks failed in a row (unhealthy from %" JSON_INTEGER_FORMAT "): %s",
               json_integer_value(json_object_get(eng, "failures")),
               json_integer_value(json_object_get(eng, "failures_allowed")),
               json_string_value(json_object_get(eng, "problem")));
    printf("\n");
    if (json_array_size(json_object_get(st, "services")) > 0) {
        printf("\n%-14s %-11s %-8s %-9s %-28s %s\n", "SERVICE", "STATE", "PID", "RESTARTS",
               "LAST EXIT", "HEALTH");
        json_array_foreach(json_object_get(st, "services"), i, m)
        {
            char health[160];

            health_text(json_object_get(m, "health"), health, sizeof(health));
            printf("%-14s %-11s %-8" JSON_INTEGER_FORMAT " %-9" JSON_INTEGER_FORMAT " %-28s %s\n",
                   json_string_value(json_object_get(m, "name")),
                   json_string_value(json_object_get(m, "state")),
                   json_integer_value(json_object_get(m, "pid")),
                   json_integer_value(json_object_get(m, "restarts")),
                   json_string_value(json_object_get(m, "last_exit")), health);
        }
    }
}

/* Is node (name or id) the leader with an active engine in status st? */
static bool leads(json_t *st, const char *node)
{
    json_t *l = json_object_get(st, "leader"), *m;
    char id[24];
    size_t i;

    if (!json_is_object(l))
        return false;
    snprintf(id, sizeof(id), "%" JSON_INTEGER_FORMAT,
             json_integer_value(json_object_get(l, "nodeid")));
    if (strcmp(node, id) != 0 && strcmp(node, json_string_value(json_object_get(l, "name"))) != 0)
        return false;
    json_array_foreach(json_object_get(st, "members"), i, m)
    {
        if (json_is_true(json_object_get(m, "leader")))
            return strcmp(json_string_value(json_object_get(m, "role")), "active") == 0;
    }
    return false;
}

static int run_command(const options *o, const hh_conf *conf)
{
    const char *sock = o->socket != NULL ? o->socket : hh_conf_get_str(conf, "ha", "agent_socket");
    const char *cmd = o->args[0];
    json_t *req = NULL, *reply = NULL;
    int status = EXIT_USAGE;

    if (strcmp(cmd, "status") == 0 && o->nargs == 1) {
        req = json_pack("{s:s}", "op", "status");
    } else if (strcmp(cmd, "move-leader") == 0 && o->nargs == 2) {
        req = json_pack("{s:s, s:s}", "op", "move-leader", "node", o->args[1]);
    } else if (strcmp(cmd, "standby") == 0 && o->nargs <= 2 &&
               (o->nargs == 1 || strcmp(o->args[1], "on") == 0 || strcmp(o->args[1], "off") == 0)) {
        req = json_pack("{s:s, s:b}", "op", "standby", "on",
                        o->nargs == 1 || strcmp(o->args[1], "on") == 0);
    } else {
        fprintf(stderr, "heat-ha-agent: bad command: %s\n", cmd);
        usage(stderr);
        return EXIT_USAGE;
    }
    if ((status = ask(sock, req, &reply)) != 0)
        goto done;
    if (json_is_string(json_object_get(reply, "error"))) {
        fprintf(stderr, "heat-ha-agent: %s: %s\n", cmd,
                json_string_value(json_object_get(reply, "error")));
        status = EXIT_RUNTIME;
        goto done;
    }
    if (strcmp(cmd, "status") == 0) {
        if (o->json) {
            char *text = json_dumps(reply, JSON_INDENT(2) | JSON_SORT_KEYS);

            printf("%s\n", text != NULL ? text : "null");
            free(text);
        } else {
            print_status(reply);
        }
    } else if (strcmp(cmd, "move-leader") == 0) {
        /* wait (bounded) until the node leads with an active engine */
        status = EXIT_RUNTIME;
        for (int i = 0; i < MOVE_WAIT_S * 10 && status != 0; i++) {
            struct timespec tick = {0, 100 * 1000 * 1000};
            json_t *st = NULL;

            json_t *sreq = json_pack("{s:s}", "op", "status");
            if (ask(sock, sreq, &st) == 0 && leads(st, o->args[1]))
                status = 0;
            json_decref(sreq);
            json_decref(st);
            if (status != 0)
                nanosleep(&tick, NULL);
        }
        if (status == 0)
            printf("%s leads\n", o->args[1]);
        else
            fprintf(stderr, "heat-ha-agent: %s did not take the leadership within %d s\n",
                    o->args[1], MOVE_WAIT_S);
    } else {
        printf("standby %s\n", o->nargs == 1 || strcmp(o->args[1], "on") == 0 ? "on" : "off");
    }
done:
    json_decref(req);
    json_decref(reply);
    return status;
}

int main(int argc, char **argv)
{
    options o = {.pid_file = DEFAULT_PID_FILE};
    hh_conf *conf = NULL;
    hh_error err;
    int status, rc;

    hh_error_clear(&err);
    if ((status = parse_args(argc, argv, &o)) >= 0)
        return status;
    hh_log_open("heat-ha-agent", true, false);
    if (o.nargs > 0)
        hh_log_set_level(HH_LOG_ERROR); /* a command prints; unknown keys are not its business */
    status = EXIT_CONFIG;
    conf = hh_conf_new();
    if (conf == NULL || hh_opts_register_agent(conf) != 0) {
        fprintf(stderr, "heat-ha-agent: out of memory\n");
        status = EXIT_RUNTIME;
        goto done;
    }
    if ((rc = hh_conf_load_args(conf, argc, argv, &err)) != 0) {
        char msg[HH_ERROR_MSG_MAX + HH_ERROR_SRC_MAX + 32];

        hh_error_format(&err, msg, sizeof(msg));
        hh_log_error("configuration: %s", msg);
        if (o.test_config)
            printf("configuration error: %s\n", msg);
        goto done;
    }
    status = o.nargs > 0 ? run_command(&o, conf) : run_daemon(&o, conf, argc, argv);
done:
    hh_conf_free(conf);
    hh_log_close();
    return status;
}
