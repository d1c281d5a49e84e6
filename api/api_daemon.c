/* api_daemon: heat-api's and heat-api-cfn's main. */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_daemon.h"
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

static const char *prog_name = "heat-api";
static const char *section = "heat_api";

static void usage(FILE *out)
{
    char codes[256];

    snprintf(codes, sizeof(codes),
             "0 stopped cleanly, 1 fatal error, 2 bad usage, 3 bad configuration,\n"
             "4 cannot listen on [%s] bind_host and bind_port\n",
             section);
    hh_daemon_usage(out, prog_name, NULL, "the configuration", NULL, codes);
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

int hh_api_daemon_main(int argc, char **argv, hh_api_kind kind)
{
    hh_daemon_cli o = {0};
    hh_conf *conf = NULL;
    hh_rpc *rpc = NULL;
    hh_api_server *srv = NULL;
    hh_api_server_opts so = {.kind = kind, .port = -1};
    sigset_t sigs;
    char driver[32] = "";
    const char *url;
    int status, rc, sig = 0;
    hh_error err;

    if (kind == HH_API_CFN) {
        prog_name = "heat-api-cfn";
        section = "heat_api_cfn";
    }
    hh_error_clear(&err);
    if ((status = hh_daemon_parse_args(argc, argv, prog_name, usage, EXIT_USAGE, &o)) >= 0)
        return status;
    hh_log_open(prog_name, true, false);
    if ((rc = hh_daemon_conf(argc, argv, o.test_config, hh_opts_register_api, &conf)) != 0) {
        status = rc == ENOMEM ? EXIT_RUNTIME : EXIT_CONFIG;
        goto done;
    }
    status = EXIT_CONFIG;
    hh_log_set_level(hh_conf_get_bool(conf, "DEFAULT", "debug") ? HH_LOG_DEBUG : HH_LOG_INFO);
    url = hh_conf_get_str(conf, "DEFAULT", "transport_url");
    if (!driver_for(url, driver, sizeof(driver))) {
        char masked[512];

        hh_conf_mask_url(url != NULL ? url : "", masked, sizeof(masked));
        hh_daemon_config_error(o.test_config,
                               "[DEFAULT] transport_url %s: no RPC driver \"%s\" in this build",
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
    if (hh_daemon_background(prog_name, o.foreground,
                             !o.foreground && hh_conf_get_bool(conf, "DEFAULT", "use_stderr")) !=
        0) {
        status = EXIT_RUNTIME;
        goto done;
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
    if ((rc = hh_api_server_new(conf, rpc, &so, &srv, &err)) != 0) {
        hh_log_error("start-up: %s", err.message[0] ? err.message : hh_strerror(rc));
        status = rc == ENOMEM ? EXIT_RUNTIME : EXIT_LISTEN;
        goto done;
    }
    hh_log_notice("%s %s started (pid %ld)", prog_name, PACKAGE_VERSION, (long)getpid());
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
