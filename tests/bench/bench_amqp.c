/* bench_amqp: RPC round trips through a RabbitMQ broker with the amqp
 * driver, a server transport and a client transport in this process (two
 * connections, as heat-engine and heat-api have). Rows: sequential calls
 * from 1 caller, then from 4 callers at once, then confirmed casts; each
 * with round trips (or casts) per second, p50 and p99 of one call, beside
 * the lab's raw librabbitmq figures (reply_to + correlation_id, exclusive
 * reply queue, loopback: 5,000-6,000/s, median 140-175 us, p99 0.6-1.5 ms).
 * Bounded: --calls N per row (default 5000).
 *
 * Usage: bench_amqp --url rabbit://guest:guest@127.0.0.1:PORT/ [--calls N]
 * (tests/bench/bench-amqp.sh starts a private broker and runs it).
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hh_conf.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "rpc.h"

#define CALLERS 4

static double now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int dispatch(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    (void)arg;
    (void)err;
    *result = json_pack("{s:O}", "echo", json_object_get(req->args, "stack_identity"));
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

typedef struct run {
    pthread_t th;
    hh_rpc *rpc;
    bool cast;
    int n;
    double *lat; /* n latencies, us */
    int failed;
} run;

static void *run_main(void *arg)
{
    run *r = arg;
    hh_rpc_request *req =
        hh_rpc_request_new("stack_check", json_pack("{s:s}", "stack_identity", "bench"), NULL);

    for (int i = 0; i < r->n; i++) {
        json_t *res = NULL;
        hh_error err;
        double t0 = now_us();
        int rc = r->cast ? hh_rpc_cast(r->rpc, "bench", req, &err)
                         : hh_rpc_call(r->rpc, "bench", req, 10000, &res, &err);

        r->lat[i] = now_us() - t0;
        r->failed += rc != 0;
        json_decref(res);
    }
    hh_rpc_request_free(req);
    return NULL;
}

/* One row: callers threads, n operations in all. */
static int row(const char *name, hh_rpc *rpc, int callers, int n, bool cast)
{
    run runs[CALLERS];
    double *all = calloc((size_t)n, sizeof(double)), t0, secs;
    int per = n / callers, failed = 0, k = 0;

    if (all == NULL)
        return 1;
    t0 = now_us();
    for (int i = 0; i < callers; i++) {
        runs[i] = (run){.rpc = rpc, .cast = cast, .n = per, .lat = all + i * per};
        pthread_create(&runs[i].th, NULL, run_main, &runs[i]);
    }
    for (int i = 0; i < callers; i++) {
        pthread_join(runs[i].th, NULL);
        failed += runs[i].failed;
        k += per;
    }
    secs = (now_us() - t0) / 1e6;
    qsort(all, (size_t)k, sizeof(double), cmp_double);
    printf("| %-26s | %6d | %9.0f | %7.0f | %7.0f | %s |\n", name, k, k / secs, all[k / 2],
           all[(size_t)(k * 0.99)],
           cast ? "(casts: none measured)" : "5,000-6,000 / 140-175 / 600-1,500");
    free(all);
    if (failed > 0)
        fprintf(stderr, "%s: %d operations failed\n", name, failed);
    return failed > 0;
}

int main(int argc, char **argv)
{
    const char *url = NULL;
    int calls = 5000, status = 1;
    hh_conf *conf = hh_conf_new();
    hh_rpc *srv = NULL, *cli = NULL;
    hh_error err;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--url") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(argv[i], "--calls") == 0 && i + 1 < argc)
            calls = atoi(argv[++i]);
    }
    if (url == NULL || calls < CALLERS || calls > 1000000) {
        fprintf(stderr, "usage: bench_amqp --url rabbit://... [--calls N (4..1000000)]\n");
        return 2;
    }
    hh_log_open("bench_amqp", true, false);
    hh_log_set_level(HH_LOG_WARNING);
    hh_error_clear(&err);
    hh_opts_register_api(conf);
    if (hh_conf_set(conf, "DEFAULT", "transport_url", url, &err) != 0 ||
        (srv = hh_rpc_new("amqp", conf, &err)) == NULL ||
        (cli = hh_rpc_new("amqp", conf, &err)) == NULL ||
        hh_rpc_serve(srv, "bench", dispatch, NULL, &err) != 0) {
        fprintf(stderr, "bench_amqp: %s\n", err.message);
        goto done;
    }
    printf("| %-26s | %6s | %9s | %7s | %7s | %s |\n", "AMQP RPC (heat-ha driver)", "ops", "ops/s",
           "p50 us", "p99 us", "lab raw librabbitmq: /s, p50 us, p99 us");
    printf("|----------------------------|--------|-----------|---------|---------|------|\n");
    status = row("call, 1 caller", cli, 1, calls, false);
    status |= row("call, 4 callers", cli, CALLERS, calls, false);
    status |= row("cast (confirmed), 1 caller", cli, 1, calls, true);
done:
    hh_rpc_free(cli);
    hh_rpc_free(srv);
    hh_conf_free(conf);
    hh_log_close();
    return status;
}
