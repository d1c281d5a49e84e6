/* libFuzzer target: heat-api and heat-api-cfn on raw HTTP bytes. The
 * input is sent as it is to a heat-api listening on 127.0.0.1 or, when it
 * holds "Action=", "/waitcondition/" or "/signal/", to a heat-api-cfn
 * (both started once, with an engine on the in-process transport that
 * answers every method), and the reply read until the server closes or
 * answers. Whatever the bytes (request line, headers, chunked bodies, JSON
 * and form bodies, paths and queries reaching every v1 route and CFN
 * action, ARNs), the server answers or closes: ASan and UBSan in the
 * servers' threads are the oracle. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api_server.h"
#include "hh_conf.h"
#include "hh_opts.h"
#include "rpc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hh_api_server *srv, *cfn;
static hh_rpc *rpc;
static int port, cfn_port;

/* Answers like an engine with one stack "s1". */
static int engine(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    json_t *id = json_pack("{s:s, s:s, s:s, s:s}", "tenant", "t", "stack_name", "s1", "stack_id",
                           "i1", "path", "");

    (void)arg;
    if (strcmp(req->method, "identify_stack") == 0 || strcmp(req->method, "create_stack") == 0) {
        *result = id;
        return 0;
    }
    if (strcmp(req->method, "show_stack") == 0 || strcmp(req->method, "list_stacks") == 0) {
        *result = json_pack("[{s:o, s:s, s:s, s:s}]", "stack_identity", id, "stack_name", "s1",
                            "stack_action", "CREATE", "stack_status", "COMPLETE");
        return 0;
    }
    json_decref(id);
    if (strcmp(req->method, "delete_stack") == 0)
        return hh_error_set(err, HH_ENOTFOUND, "EntityNotFound",
                            "The Stack (s1) could not be "
                            "found.");
    *result = json_object();
    return 0;
}

static void start(void)
{
    hh_conf *conf = hh_conf_new();
    hh_api_server_opts co, o = {.bind_host = "127.0.0.1",
                                .port = 0,
                                .workers = 2,
                                .idle_timeout = 2,
                                .health_timeout_ms = 100};
    hh_error err;

    hh_error_clear(&err);
    hh_opts_register_api(conf);
    hh_conf_set(conf, "DEFAULT", "max_json_body_size", "65536", &err);
    hh_conf_set(conf, "DEFAULT", "rpc_response_timeout", "2", &err);
    rpc = hh_rpc_new("inproc", conf, &err);
    if (rpc == NULL || hh_rpc_serve(rpc, HH_RPC_ENGINE_TOPIC, engine, NULL, &err) != 0 ||
        hh_api_server_new(conf, rpc, &o, &srv, &err) != 0)
        abort();
    co = o;
    co.kind = HH_API_CFN;
    if (hh_api_server_new(conf, rpc, &co, &cfn, &err) != 0)
        abort();
    port = hh_api_server_port(srv);
    cfn_port = hh_api_server_port(cfn);
    hh_conf_free(conf);
}

/* Whether the n bytes at data hold word. */
static bool has(const uint8_t *data, size_t n, const char *word)
{
    size_t len = strlen(word);

    for (size_t i = 0; i + len <= n; i++)
        if (memcmp(data + i, word, len) == 0)
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sockaddr_in sin = {.sin_family = AF_INET};
    char buf[4096];
    size_t sent = 0;
    int fd;

    if (srv == NULL)
        start();
    sin.sin_port = htons((uint16_t)(has(data, size, "Action=") || has(data, size, "/signal/") ||
                                            has(data, size, "/waitcondition/")
                                        ? cfn_port
                                        : port));
    inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
        return 0;
    if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0) {
        while (sent < size) {
            ssize_t w = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
            if (w <= 0)
                break;
            sent += (size_t)w;
        }
        shutdown(fd, SHUT_WR);
        /* the first bytes of the answer within 3 s, the rest as it comes
         * (a kept-alive connection stays open: stop when it pauses) */
        for (int wait_ms = 3000;; wait_ms = 20) {
            struct pollfd p = {.fd = fd, .events = POLLIN};

            if (poll(&p, 1, wait_ms) != 1 || recv(fd, buf, sizeof(buf), 0) <= 0)
                break;
        }
    }
    close(fd);
    return 0;
}
