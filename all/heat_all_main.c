/* heat-all: the embedded default, one process with the native API, the
 * CFN Query API and the engine on SQLite, over the in-process RPC
 * transport.
 *
 * Start-up, in order, each failure with heat-engine's exit codes
 * (heat-all(8)):
 *   1. command line (the uniform daemon one)       HH_EXIT_USAGE    2
 *   2. configuration files, [DEFAULT] state_path   HH_EXIT_CONFIG   3
 *   3. the database: [database] connection, or
 *      sqlite:///STATE_PATH/heat.sqlite when unset;
 *      its schema brought to the latest            HH_EXIT_DATABASE 4
 *   4. pid file STATE_PATH/heat-all.pid locked      HH_EXIT_RUNNING  5
 *   5. daemonise unless --foreground, register in the service table, take
 *      the active role (a new fencing term; every IN_PROGRESS stack is
 *      resumed) and serve the engine topic on the in-process transport
 *      ([DEFAULT] transport_url is not read: one heat.conf serves heat-all
 *      and a cluster alike)
 *   6. the native API on [heat_api] bind_host and bind_port, then the CFN
 *      Query API on [heat_api_cfn] bind_host and bind_port, each on
 *      127.0.0.1 unless its bind_host is set (noauth: keep them on
 *      loopback)                                   HH_EXIT_LISTEN   6
 * Then the engine's owner loop on the main thread (hh_sdaemon_loop, as
 * heat-engine), the APIs on their own threads.
 *
 * Stop. SIGTERM/SIGINT: the APIs stop (running requests finish), then the
 * engine as heat-engine stops: each running step finishes and commits,
 * bounded by graceful_shutdown_timeout (past it, exit HH_EXIT_RUNTIME);
 * the service row is soft-deleted, exit 0. SIGHUP reopens the logs.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api_server.h"
#include "hh_conf.h"
#include "hh_daemon.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "res_plugin.h"
#include "rpc.h"
#include "service_api.h"
#include "service_daemon.h"
#include "service_registry.h"
#include "service_role.h"
#include "store.h"

static void usage(FILE *out)
{
    hh_daemon_usage(out, "heat-all", NULL, "the configuration and the database", NULL,
                    "0 stopped cleanly, 1 fatal error, 2 bad usage, 3 bad configuration,\n"
                    "4 database unusable, 5 already running, 6 cannot listen on [heat_api] or\n"
                    "[heat_api_cfn] bind_host and bind_port\n");
}

static const char *errmsg(const hh_error *err, int rc)
{
    return err->message[0] != '\0' ? err->message : hh_strerror(rc);
}

/* heat-all's defaults over conf: the state directory (created), the SQLite
 * database in it when [database] connection is unset, the APIs on loopback
 * when [heat_api] or [heat_api_cfn] bind_host is unset. pid_file (len bytes): the pid file's
 * path. 0 or HH_EXIT_CONFIG (logged). */
static int embedded_defaults(hh_conf *conf, bool test_config, char *pid_file, size_t len)
{
    static const char *const apis[] = {"heat_api", "heat_api_cfn"};
    const char *state = hh_conf_get_str(conf, "DEFAULT", "state_path");
    char url[4200];
    hh_error err;

    hh_error_clear(&err);
    if (state == NULL || state[0] != '/') {
        hh_daemon_config_error(test_config, "[DEFAULT] state_path must be an absolute path");
        return HH_EXIT_CONFIG;
    }
    if (mkdir(state, 0700) != 0 && errno != EEXIST) {
        hh_daemon_config_error(test_config, "[DEFAULT] state_path %s: %s", state, strerror(errno));
        return HH_EXIT_CONFIG;
    }
    if ((size_t)snprintf(pid_file, len, "%s/heat-all.pid", state) >= len) {
        hh_daemon_config_error(test_config, "[DEFAULT] state_path is too long");
        return HH_EXIT_CONFIG;
    }
    if (hh_conf_get_str(conf, "database", "connection") == NULL) {
        snprintf(url, sizeof(url), "sqlite:///%s/heat.sqlite", state);
        if (hh_conf_set(conf, "database", "connection", url, &err) != 0) {
            hh_daemon_config_error(test_config, "%s", err.message);
            return HH_EXIT_CONFIG;
        }
    }
    for (size_t i = 0; i < sizeof(apis) / sizeof(apis[0]); i++)
        if (!hh_conf_is_set(conf, apis[i], "bind_host") &&
            hh_conf_set(conf, apis[i], "bind_host", "127.0.0.1", &err) != 0) {
            hh_daemon_config_error(test_config, "%s", err.message);
            return HH_EXIT_CONFIG;
        }
    return 0;
}

int main(int argc, char **argv)
{
    hh_daemon_cli o = {0};
    hh_conf *conf = NULL;
    hh_sdaemon_parts parts = {0};
    hh_service *svc = NULL; /* borrowed from parts */
    hh_rpc *rpc = NULL;
    hh_api_server *api = NULL, *cfn = NULL;
    hh_api_server_opts cfn_opts = {.kind = HH_API_CFN, .port = -1};
    bool overran = false; /* the stop outlasted its bound: its thread still runs */
    char host[256], pid_file[4200];
    int status, pid_fd = -1, sig_fd = -1, resumed = 0, rc;
    hh_error err;

    hh_error_clear(&err);
    if ((status = hh_daemon_parse_args(argc, argv, "heat-all", usage, HH_EXIT_USAGE, &o)) >= 0)
        return status;
    hh_log_open("heat-all", true, false);
    if ((rc = hh_daemon_conf(argc, argv, o.test_config, hh_opts_register_all, &conf)) != 0) {
        status = rc == ENOMEM ? HH_EXIT_RUNTIME : HH_EXIT_CONFIG;
        goto done;
    }
    if ((status = embedded_defaults(conf, o.test_config, pid_file, sizeof(pid_file))) != 0 ||
        (status = hh_sdaemon_logs(conf, o.test_config)) != 0)
        goto done;
    hh_conf_log_values(conf);
    /* where the wait condition handles' URLs point */
    if (hh_rsignal_configure(hh_conf_get_str(conf, "DEFAULT", "heat_waitcondition_server_url"),
                             hh_conf_get_str(conf, "clients_heat", "url")) != 0) {
        hh_log_error("out of memory");
        status = HH_EXIT_RUNTIME;
        goto done;
    }
    /* The embedded database is brought to the latest schema here: there is
     * no heat-manage db_sync step on a single machine. */
    if ((status = hh_sdaemon_database(conf, true, NULL, &err)) != 0) {
        hh_log_error("database: %s", errmsg(&err, err.rc));
        if (o.test_config)
            printf("database error: %s\n", errmsg(&err, err.rc));
        goto done;
    }
    if (o.test_config) {
        printf("configuration OK\n");
        goto done;
    }
    hh_sdaemon_host(conf, host, sizeof(host));
    /* Signals first: one arriving during start-up waits in the pipe and
     * stops heat-all cleanly as soon as the loop runs. */
    if ((rc = hh_daemon_signal_pipe(&sig_fd)) != 0) {
        hh_log_error("start-up: signals: %s", strerror(rc));
        status = HH_EXIT_RUNTIME;
        goto done;
    }
    if ((rc = hh_daemon_pidfile_lock(pid_file, &pid_fd)) != 0) {
        status = rc == EWOULDBLOCK ? HH_EXIT_RUNNING : HH_EXIT_RUNTIME;
        goto done;
    }
    status = HH_EXIT_RUNTIME;
    if (hh_daemon_background("heat-all", o.foreground,
                             hh_conf_get_bool(conf, "DEFAULT", "use_stderr")) != 0)
        goto done;
    if ((rc = hh_daemon_pidfile_write(pid_fd)) != 0) {
        hh_log_error("pid file %s: %s", pid_file, strerror(rc));
        goto done;
    }
    if ((status = hh_sdaemon_start(conf, host, &parts)) != 0)
        goto done;
    status = HH_EXIT_RUNTIME;
    svc = parts.svc;
    /* Always the active engine: a new term, every IN_PROGRESS stack resumed. */
    if (hh_role_promote(parts.role, &err) != 0 ||
        hh_service_activate(svc, hh_role_term(parts.role), &resumed, &err) != 0) {
        hh_log_error("activation: %s", errmsg(&err, err.rc));
        status = HH_EXIT_DATABASE;
        goto stop;
    }
    if ((rpc = hh_rpc_new("inproc", conf, &err)) == NULL || hh_service_serve(svc, rpc, &err) != 0) {
        hh_log_error("start-up: in-process RPC: %s", errmsg(&err, err.rc));
        goto stop;
    }
    if ((rc = hh_api_server_new(conf, rpc, NULL, &api, &err)) != 0) {
        hh_log_error("start-up: %s", errmsg(&err, rc));
        status = rc == ENOMEM ? HH_EXIT_RUNTIME : HH_EXIT_LISTEN;
        goto stop;
    }
    if ((rc = hh_api_server_new(conf, rpc, &cfn_opts, &cfn, &err)) != 0) {
        hh_log_error("start-up: %s", errmsg(&err, rc));
        status = rc == ENOMEM ? HH_EXIT_RUNTIME : HH_EXIT_LISTEN;
        goto stop;
    }
    hh_log_notice("heat-all %s started (pid %ld): API on %s port %d, CFN API on %s port %d, "
                  "engine %s with term %lld (%d IN_PROGRESS stack(s) resumed), %d workers, "
                  "database in %s",
                  PACKAGE_VERSION, (long)getpid(), hh_conf_get_str(conf, "heat_api", "bind_host"),
                  hh_api_server_port(api), hh_conf_get_str(conf, "heat_api_cfn", "bind_host"),
                  hh_api_server_port(cfn), parts.engine_id, (long long)hh_role_term(parts.role),
                  resumed, hh_sdaemon_workers(conf),
                  hh_conf_get_str(conf, "DEFAULT", "state_path"));
    status = hh_sdaemon_loop(sig_fd, parts.reg, svc, NULL);

stop:
    /* the APIs first (running requests finish), then the engine */
    hh_api_server_free(cfn);
    cfn = NULL;
    hh_api_server_free(api);
    api = NULL;
    if ((rc = hh_sdaemon_stop(conf, svc, rpc, parts.reg)) != 0) {
        status = rc;
        overran = true;
    }
    svc = parts.svc = NULL;
    rpc = NULL;
done:
    hh_api_server_free(cfn);
    hh_api_server_free(api);
    hh_sdaemon_parts_free(&parts);
    hh_rpc_free(rpc);
    if (pid_fd >= 0) {
        (void)unlink(pid_file); /* ours: we hold its lock */
        close(pid_fd);
    }
    if (!overran) {
        hh_conf_free(conf);
        hh_rsignal_reset();
        hh_log_close();
    }
    return status;
}
