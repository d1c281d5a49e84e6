/* heat_test_server: heat-api and the engine service in one process over
 * the in-process transport, on a SQLite store in the directory argv[1]
 * or a database of its own on HH_TEST_DB_URL's server (tests/lib/test_db.h)
 * (heat-all's shape), for the client's tests. Prints the API's port on
 * stdout once it serves, then runs until SIGTERM or SIGINT. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_server.h"
#include "hh_conf.h"
#include "hh_opts.h"
#include "rpc.h"
#include "service_api.h"
#include "store.h"
#include "test_db.h"

static volatile sig_atomic_t quit;

static void on_signal(int sig)
{
    (void)sig;
    quit = 1;
}

int main(int argc, char **argv)
{
    hh_conf *conf = NULL;
    hh_service_opts so = {.poll_secs = 0.01, .error_wait_secs = 0.05};
    hh_api_server_opts ao = {.bind_host = "127.0.0.1", .port = 0, .workers = 2};
    hh_store_service_spec spec = {.engine_id = "e1",
                                  .host = "h",
                                  .hostname = "h",
                                  .binary = "heat-engine",
                                  .topic = "engine",
                                  .report_interval = 60};
    struct sigaction sa;
    hh_service *svc = NULL;
    hh_api_server *api = NULL;
    hh_store *st = NULL;
    hh_rpc *rpc = NULL;
    hh_error err;
    int64_t term = 0;
    char url[4200], *u;
    int rc = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: heat_test_server STATE_DIR\n");
        return 2;
    }
    hh_error_clear(&err);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    snprintf(url, sizeof(url), "sqlite:///%s/heat.db", argv[1]);
    if ((u = hh_test_db_new("heat_test_server", url)) == NULL)
        return 1;
    snprintf(url, sizeof(url), "%s", u);
    free(u);
    if (hh_store_open(url, &st, &err) != 0 || hh_store_db_sync(st, -1, &err) != 0 ||
        hh_store_service_create(st, &spec, NULL, &err) != 0 ||
        hh_store_term_acquire(st, "test", &term, &err) != 0)
        goto done;
    hh_store_close(st);
    st = NULL;
    conf = hh_conf_new();
    so.conf = conf;
    hh_opts_register_engine(conf);
    hh_opts_register_api(conf);
    hh_conf_set(conf, "database", "connection", url, NULL);
    hh_conf_set(conf, "DEFAULT", "num_engine_workers", "2", NULL);
    hh_conf_set(conf, "DEFAULT", "enable_stack_abandon", "true", NULL);
    hh_conf_set(conf, "DEFAULT", "enable_stack_adopt", "true", NULL);
    rpc = hh_rpc_new("inproc", conf, &err);
    if (rpc == NULL || hh_service_new(&so, &svc, &err) != 0 ||
        hh_service_activate(svc, term, NULL, &err) != 0 || hh_service_serve(svc, rpc, &err) != 0 ||
        hh_api_server_new(conf, rpc, &ao, &api, &err) != 0)
        goto done;
    printf("%d\n", hh_api_server_port(api));
    fflush(stdout);
    while (!quit)
        hh_service_run(svc, 20);
    rc = 0;
done:
    if (rc != 0)
        fprintf(stderr, "heat_test_server: %s\n", err.message);
    hh_store_close(st);
    hh_api_server_free(api);
    hh_service_free(svc);
    hh_rpc_free(rpc);
    hh_conf_free(conf);
    return rc;
}
