/* api_e2e: the engine and an API server in one process for the tests. */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_e2e.h"
#include "hh_conf.h"
#include "hh_opts.h"
#include "http_client.h"
#include "rpc.h"
#include "service_api.h"
#include "store.h"
#include "test_db.h"

static atomic_int quit;
static int client_port;
static void (*client_workflow)(int port);

static void *client(void *arg)
{
    (void)arg;
    client_workflow(client_port);
    atomic_store(&quit, 1);
    return NULL;
}

int api_e2e_run(hh_api_kind kind, void (*workflow)(int port))
{
    hh_conf *conf = hh_conf_new();
    hh_service_opts so = {.conf = conf, .poll_secs = 0.01, .error_wait_secs = 0.05};
    hh_api_server_opts ao = {.kind = kind, .bind_host = "127.0.0.1", .port = 0, .workers = 2};
    hh_store_service_spec spec = {.engine_id = "e1",
                                  .host = "h",
                                  .hostname = "h",
                                  .binary = "heat-engine",
                                  .topic = "engine",
                                  .report_interval = 60};
    hh_service *svc = NULL;
    hh_api_server *api = NULL;
    hh_store *st = NULL;
    hh_rpc *rpc = NULL;
    pthread_t th;
    hh_error err;
    int64_t term = 0;
    int rc;
    char dir[64], url[1024], cmd[128], *u;

    hh_error_clear(&err);
    snprintf(dir, sizeof(dir), "/tmp/test_api_e2e.XXXXXX");
    if (mkdtemp(dir) == NULL)
        return 99;
    snprintf(url, sizeof(url), "sqlite:///%s/heat.db", dir);
    /* or a database of its own on HH_TEST_DB_URL's server */
    if ((u = hh_test_db_new("api_e2e", url)) == NULL)
        return 99;
    snprintf(url, sizeof(url), "%s", u);
    free(u);
    if (hh_store_open(url, &st, &err) != 0 || hh_store_db_sync(st, -1, &err) != 0 ||
        hh_store_service_create(st, &spec, NULL, &err) != 0 ||
        hh_store_term_acquire(st, "test", &term, &err) != 0) {
        fprintf(stderr, "api_e2e: store: %s\n", err.message);
        return 99;
    }
    hh_store_close(st);
    hh_opts_register_engine(conf);
    hh_opts_register_api(conf);
    hh_conf_set(conf, "database", "connection", url, NULL);
    hh_conf_set(conf, "DEFAULT", "num_engine_workers", "2", NULL);
    rc = 99;
    if ((rpc = hh_rpc_new("inproc", conf, &err)) == NULL || hh_service_new(&so, &svc, &err) != 0 ||
        hh_service_activate(svc, term, NULL, &err) != 0 || hh_service_serve(svc, rpc, &err) != 0 ||
        hh_api_server_new(conf, rpc, &ao, &api, &err) != 0)
        fprintf(stderr, "api_e2e: the engine or the API cannot start: %s\n", err.message);
    if (api != NULL) {
        client_port = hh_api_server_port(api);
        client_workflow = workflow;
        http_client_init(client_port);
        pthread_create(&th, NULL, client, NULL);
        while (!atomic_load(&quit))
            hh_service_run(svc, 20);
        pthread_join(th, NULL);
        http_client_free();
        rc = 0;
    }
    hh_api_server_free(api);
    hh_service_free(svc);
    hh_rpc_free(rpc);
    hh_conf_free(conf);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "api_e2e: could not remove %s\n", dir);
    return rc;
}
