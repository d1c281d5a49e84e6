/* heat-api: the native Orchestration API daemon.
 *
 * Start-up, each failure with its own exit code (heat-api(8)):
 *   1. command line                                   EXIT_USAGE     2
 *   2. configuration files, the RPC transport named
 *      by [DEFAULT] transport_url                     EXIT_CONFIG    3
 *   3. the listening address ([heat_api] bind_host,
 *      bind_port)                                     EXIT_LISTEN    4
 *   4. daemonise unless --foreground, then serve until SIGTERM or SIGINT
 *      (running requests finish); SIGHUP reopens the logs.
 * A fatal error after start exits EXIT_RUNTIME (1).
 *
 * heat-api keeps no state (invariant 3): it reaches the engine only through
 * the RPC transport. The in-process transport ("inproc://") has no engine
 * in this process, so a heat-api started with it answers but its
 * /healthcheck says 503; heat-all runs the same server beside the engine.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_server.h"
#include "hh_conf.h"
#include "hh_daemon.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "rpc.h"

enum {
    EXIT_RUNTIME = 1,
    EXIT_USAGE = 2,
    EXIT_CONFIG = 3,
    EXIT_LISTEN = 4,
};

static void usage(FILE *out)
{
    fprintf(out, "usage: heat-api [-f] [-t] [--config-file FILE]... [--config-dir DIR]\n"
                 "       heat-api --version | --help\n"
                 "\n"
                 "  -f, --foreground        stay in the foreground, log to stderr as well\n"
                 "  -t, --test-config       check the configuration, then exit\n"
                 "      --config-file FILE  read FILE (repeatable; later files win)\n"
                 "      --config-dir DIR    read DIR/*.conf after the files\n"
                 "      --version           print the version and exit\n"
                 "  -h, --help              print this help and exit\n"
                 "\n"
                 "exit codes: 0 stopped cleanly, 1 fatal error, 2 bad usage, 3 bad configuration,\n"
                 "4 cannot listen on [heat_api] bind_host and bind_port\n");
}

/* The RPC driver for [DEFAULT] transport_url's scheme into buf; false when
 * the URL names none this build has. */
static bool driver_for(const char *url, char *buf, size_t len)
{
    size_t n = url != NULL ? strcspn(url, ":") : 0;

    if (url == NULL || url[n] != ':')
        return false;
    if (n == 6 && strncmp(url, "inproc", 6) == 0)
        snprintf(buf, len, "inproc");
    else if ((n == 6 && strncmp(url, "rabbit", 6) == 0) || (n == 4 && strncmp(url, "amqp", 4) == 0))
        snprintf(buf, len, "amqp");
    else
        snprintf(buf, len, "%.*s", (int)n, url);
    return hh_rpc_driver_find(buf) != NULL;
}

int main(int argc, char **argv)
{
    hh_daemon_cli o = {0};
    hh_conf *conf = NULL;
    hh_rpc *rpc = NULL;
    hh_api_server *srv = NULL;
    sigset_t sigs;
    char driver[32] = "";
    const char *url;
    int status, rc, sig = 0;
    hh_error err;

    hh_error_clear(&err);
    if ((status = hh_daemon_parse_args(argc, argv, "heat-api", usage, EXIT_USAGE, &o)) >= 0)
        return status;
    hh_log_open("heat-api", true, false);
    status = EXIT_CONFIG;
    if ((conf = hh_conf_new()) == NULL || hh_opts_register_api(conf) != 0) {
        hh_log_error("out of memory");
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
    hh_log_set_level(hh_conf_get_bool(conf, "DEFAULT", "debug") ? HH_LOG_DEBUG : HH_LOG_INFO);
    url = hh_conf_get_str(conf, "DEFAULT", "transport_url");
    if (!driver_for(url, driver, sizeof(driver))) {
        char masked[512];

        hh_conf_mask_url(url != NULL ? url : "", masked, sizeof(masked));
        hh_log_error("configuration: [DEFAULT] transport_url %s: no RPC driver \"%s\" in this "
                     "build",
                     masked, driver);
        if (o.test_config)
            printf("configuration error: [DEFAULT] transport_url %s: no RPC driver \"%s\" in "
                   "this build\n",
                   masked, driver);
        goto done;
    }
    if (o.test_config) {
        printf("configuration OK\n");
        status = 0;
        goto done;
    }
    if (strcmp(driver, "inproc") == 0)
        hh_log_warning("transport_url is inproc://: no engine runs in this process, so "
                       "every request needing one fails (use heat-all for one process)");
    hh_conf_log_values(conf);
    if (!o.foreground) {
        hh_log_open("heat-api", false, true);
        if ((rc = hh_daemon_detach()) != 0) {
            hh_log_error("start-up: daemonise: %s", strerror(rc));
            status = EXIT_RUNTIME;
            goto done;
        }
    }
    /* Every thread (the server's included) inherits these blocked: only
     * sigwait below takes them. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    if ((rpc = hh_rpc_new(driver, conf, &err)) == NULL) {
        hh_log_error("start-up: RPC transport %s: %s", driver, err.message);
        status = EXIT_RUNTIME;
        goto done;
    }
    if ((rc = hh_api_server_new(conf, rpc, NULL, &srv, &err)) != 0) {
        hh_log_error("start-up: %s", err.message[0] ? err.message : hh_strerror(rc));
        status = rc == ENOMEM ? EXIT_RUNTIME : EXIT_LISTEN;
        goto done;
    }
    hh_log_notice("heat-api %s started (pid %ld)", PACKAGE_VERSION, (long)getpid());
    for (;;) {
        if (sigwait(&sigs, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            hh_log_reopen();
            hh_log_notice("SIGHUP: logs reopened");
            continue;
        }
        hh_log_notice("%s: stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
        break;
    }
    status = 0;
done:
    hh_api_server_free(srv);
    hh_rpc_free(rpc);
    hh_conf_free(conf);
    hh_log_close();
    return status;
}
