/* bench_api: requests/s and latency of heat-api's GET /v1/{tenant}/stacks
 * with 100 stacks, over HTTP/1.1 keep-alive on loopback, with C client
 * threads (libcurl). The engine behind the in-process transport answers
 * list_stacks from memory, so the figure is the API's own cost: HTTP,
 * routing, the RPC encode/decode round trip and the view formatting.
 *
 *   bench_api [SECONDS [CONNECTIONS [URL]]]   (default 3 s, 1 and 10 connections)
 *
 * With URL (e.g. heat-all's http://127.0.0.1:8004/v1/admin/stacks) the
 * clients measure that server instead, engine and store included.
 */
#include "config.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api_server.h"
#include "hh_conf.h"
#include "hh_opts.h"
#include "rpc.h"

static json_t *stacks;

static int engine(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    (void)arg;
    if (strcmp(req->method, "list_stacks") != 0)
        return hh_error_set(err, HH_EUNSUPPORTED, "NoSuchMethod", "%s", req->method);
    *result = json_incref(stacks);
    return 0;
}

static json_t *make_stacks(int n)
{
    json_t *list = json_array();

    for (int i = 0; i < n; i++) {
        char name[32], id[64];

        snprintf(name, sizeof(name), "stack-%d", i);
        snprintf(id, sizeof(id), "00000000-0000-4000-8000-%012d", i);
        json_array_append_new(
            list, json_pack("{s:{s:s, s:s, s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:s, s:n, s:n, s:s, "
                            "s:n, s:s, s:n}",
                            "stack_identity", "tenant", "admin", "stack_name", name, "stack_id", id,
                            "path", "", "stack_name", name, "description", "bench", "stack_action",
                            "CREATE", "stack_status", "COMPLETE", "stack_status_reason",
                            "Stack CREATE completed successfully", "creation_time",
                            "2026-01-01T00:00:00Z", "updated_time", "deletion_time", "stack_owner",
                            "admin", "parent", "stack_user_project_id", "admin", "tags"));
    }
    return list;
}

typedef struct worker {
    pthread_t tid;
    const char *url;
    double until;
    double *lat; /* seconds of each request */
    size_t n, cap;
    int errors;
} worker;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
    (void)p;
    (void)arg;
    return size * n;
}

static void *run(void *arg)
{
    worker *w = arg;
    CURL *c = curl_easy_init();

    curl_easy_setopt(c, CURLOPT_URL, w->url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    while (now() < w->until) {
        double t0 = now();
        long status = 0;

        if (curl_easy_perform(c) != CURLE_OK ||
            (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status), status != 200)) {
            w->errors++;
            continue;
        }
        if (w->n == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 4096;
            w->lat = realloc(w->lat, w->cap * sizeof(*w->lat));
        }
        w->lat[w->n++] = now() - t0;
    }
    curl_easy_cleanup(c);
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void bench(const char *url, double secs, int conns)
{
    worker *w = calloc((size_t)conns, sizeof(*w));
    double *all = NULL, t0 = now();
    size_t total = 0, k = 0;
    int errors = 0;

    for (int i = 0; i < conns; i++) {
        w[i].url = url;
        w[i].until = t0 + secs;
        pthread_create(&w[i].tid, NULL, run, &w[i]);
    }
    for (int i = 0; i < conns; i++) {
        pthread_join(w[i].tid, NULL);
        total += w[i].n;
        errors += w[i].errors;
    }
    all = malloc((total ? total : 1) * sizeof(*all));
    for (int i = 0; i < conns; i++) {
        memcpy(all + k, w[i].lat, w[i].n * sizeof(*all));
        k += w[i].n;
        free(w[i].lat);
    }
    qsort(all, total, sizeof(*all), cmp);
    printf("| GET %s | %2d | %8.0f | %7.2f | %7.2f | %d |\n",
           strstr(url, "/v1/") ? strstr(url, "/v1/") : url, conns, (double)total / (now() - t0),
           total ? all[total / 2] * 1e3 : 0, total ? all[(size_t)((double)total * 0.99)] * 1e3 : 0,
           errors);
    free(all);
    free(w);
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 3;
    int only = argc > 2 ? atoi(argv[2]) : 0;
    hh_conf *conf = hh_conf_new();
    hh_api_server_opts o = {.bind_host = "127.0.0.1", .port = 0, .workers = 2};
    hh_api_server *srv = NULL;
    hh_rpc *rpc;
    hh_error err;
    char url[1024];

    hh_error_clear(&err);
    if (argc > 3) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        printf("| request | connections | requests/s | p50 ms | p99 ms | errors |\n");
        printf("|---|---|---|---|---|---|\n");
        bench(argv[3], secs, only > 0 ? only : 1);
        curl_global_cleanup();
        hh_conf_free(conf);
        return 0;
    }
    hh_opts_register_api(conf);
    stacks = make_stacks(100);
    rpc = hh_rpc_new("inproc", conf, &err);
    if (rpc == NULL || hh_rpc_serve(rpc, HH_RPC_ENGINE_TOPIC, engine, NULL, &err) != 0 ||
        hh_api_server_new(conf, rpc, &o, &srv, &err) != 0) {
        fprintf(stderr, "bench_api: %s\n", err.message);
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/v1/admin/stacks", hh_api_server_port(srv));
    printf("| request | connections | requests/s | p50 ms | p99 ms | errors |\n");
    printf("|---|---|---|---|---|---|\n");
    if (only > 0) {
        bench(url, secs, only);
    } else {
        bench(url, secs, 1);
        bench(url, secs, 10);
    }
    hh_api_server_free(srv);
    hh_rpc_free(rpc);
    hh_conf_free(conf);
    json_decref(stacks);
    curl_global_cleanup();
    return 0;
}
