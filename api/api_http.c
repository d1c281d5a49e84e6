/* api_http: libmicrohttpd server, request bounds, request ids. */
#include "config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api_http.h"
#include "hh_json.h"
#include "hh_log.h"

#define DEFAULT_MAX_BODY 1048576u
#define DEFAULT_MAX_HEADER_LINE 16384u
#define MIN_CONN_MEMORY (64u * 1024u)

struct hh_http_server {
    struct MHD_Daemon *mhd;
    hh_http_handler_fn fn;
    void *arg;
    hh_http_opts opts;
    char name[64];
    int port;
};

typedef struct http_arg {
    const char *key;
    const char *value;
} http_arg;

struct hh_http_request {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    char id[HH_HTTP_REQUEST_ID_LEN];
    char *body;
    size_t len, cap;
    size_t announced; /* body bytes announced or seen when too large */
    size_t discarded; /* bytes thrown away after the limit */
    hh_http_limit limit;
    http_arg args[HH_HTTP_ARGS_MAX];
    size_t nargs;
    bool answered;
};

struct hh_http_response {
    int status;
    char *ctype;
    char *body;
    size_t len;
    char **hdrs; /* name, value, name, value ... */
    size_t nhdrs;
};

typedef struct req_ctx {
    hh_http_request req;
    hh_http_response resp;
} req_ctx;

/* ---- request ids ---- */

void hh_http_new_request_id(char *buf)
{
    unsigned char b[16];
    size_t got = 0;

    while (got < sizeof(b)) {
        ssize_t r = getrandom(b + got, sizeof(b) - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    for (; got < sizeof(b); got++) /* getrandom cannot fail on Linux >= 3.17 */
        b[got] = (unsigned char)rand();
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(buf, HH_HTTP_REQUEST_ID_LEN,
             "req-%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
}

/* ---- request accessors ---- */

const char *hh_http_req_method(const hh_http_request *req)
{
    return req->method;
}

const char *hh_http_req_path(const hh_http_request *req)
{
    return req->path;
}

const char *hh_http_req_id(const hh_http_request *req)
{
    return req->id;
}

const char *hh_http_req_header(const hh_http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *hh_http_req_body(const hh_http_request *req, size_t *len)
{
    if (req->limit == HH_HTTP_BODY_TOO_LARGE || req->body == NULL) {
        if (len != NULL)
            *len = req->limit == HH_HTTP_BODY_TOO_LARGE ? req->announced : 0;
        return "";
    }
    if (len != NULL)
        *len = req->len;
    return req->body;
}

hh_http_limit hh_http_req_limit(const hh_http_request *req)
{
    return req->limit;
}

size_t hh_http_req_arg_count(const hh_http_request *req)
{
    return req->nargs;
}

void hh_http_req_arg_at(const hh_http_request *req, size_t i, const char **key, const char **value)
{
    *key = i < req->nargs ? req->args[i].key : NULL;
    *value = i < req->nargs ? req->args[i].value : NULL;
}

const char *hh_http_req_arg(const hh_http_request *req, const char *key)
{
    for (size_t i = 0; i < req->nargs; i++)
        if (strcmp(req->args[i].key, key) == 0)
            return req->args[i].value;
    return NULL;
}

/* ---- responses ---- */

void hh_http_resp_status(hh_http_response *resp, int status)
{
    resp->status = status;
}

int hh_http_resp_header(hh_http_response *resp, const char *name, const char *value)
{
    char **h = realloc(resp->hdrs, (resp->nhdrs + 2) * sizeof(*h));
    char *n = NULL, *v = NULL;

    if (h == NULL)
        return ENOMEM;
    resp->hdrs = h;
    n = strdup(name);
    v = strdup(value);
    if (n == NULL || v == NULL) {
        free(n);
        free(v);
        return ENOMEM;
    }
    h[resp->nhdrs++] = n;
    h[resp->nhdrs++] = v;
    return 0;
}

void hh_http_resp_body(hh_http_response *resp, const char *content_type, char *body, size_t len)
{
    free(resp->body);
    free(resp->ctype);
    resp->body = body;
    resp->len = body != NULL ? len : 0;
    resp->ctype = content_type != NULL ? strdup(content_type) : NULL;
}

int hh_http_resp_json(hh_http_response *resp, int status, const json_t *value)
{
    size_t len = 0;
    char *text = hh_json_dump_ascii(value, &len);

    if (text == NULL)
        return ENOMEM;
    resp->status = status;
    hh_http_resp_body(resp, "application/json", text, len);
    return 0;
}

static void resp_clear(hh_http_response *resp)
{
    for (size_t i = 0; i < resp->nhdrs; i++)
        free(resp->hdrs[i]);
    free(resp->hdrs);
    free(resp->body);
    free(resp->ctype);
    memset(resp, 0, sizeof(*resp));
}

/* ---- the libmicrohttpd callbacks ---- */

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    hh_http_request *req = cls;

    (void)kind;
    if (req->nargs >= HH_HTTP_ARGS_MAX) {
        req->limit = HH_HTTP_TOO_MANY_ARGS;
        return MHD_NO;
    }
    req->args[req->nargs].key = key != NULL ? key : "";
    req->args[req->nargs].value = value;
    req->nargs++;
    return MHD_YES;
}

typedef struct line_check {
    size_t max;
    bool too_long;
} line_check;

static enum MHD_Result check_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    line_check *lc = cls;
    size_t n = (key != NULL ? strlen(key) : 0) + 2 + (value != NULL ? strlen(value) : 0);

    (void)kind;
    if (n > lc->max) {
        lc->too_long = true;
        return MHD_NO;
    }
    return MHD_YES;
}

/* Run the handler and queue its response. */
static enum MHD_Result answer(hh_http_server *srv, req_ctx *ctx)
{
    hh_http_request *req = &ctx->req;
    hh_http_response *resp = &ctx->resp;
    struct MHD_Response *r = NULL;
    enum MHD_Result ok;

    req->answered = true;
    resp->status = 500;
    srv->fn(srv->arg, req, resp);
    r = MHD_create_response_from_buffer(resp->len, resp->body != NULL ? resp->body : (void *)"",
                                        resp->body != NULL ? MHD_RESPMEM_MUST_FREE
                                                           : MHD_RESPMEM_PERSISTENT);
    if (r == NULL)
        return MHD_NO;
    resp->body = NULL; /* libmicrohttpd frees it */
    MHD_add_response_header(r, "x-openstack-request-id", req->id);
    if (resp->ctype != NULL)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->ctype);
    for (size_t i = 0; i + 1 < resp->nhdrs; i += 2)
        MHD_add_response_header(r, resp->hdrs[i], resp->hdrs[i + 1]);
    if (srv->opts.no_keep_alive || req->limit == HH_HTTP_BODY_TOO_LARGE)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    ok = MHD_queue_response(req->conn, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    hh_log_debug("%s: %s %s -> %d %s", srv->name, req->method, req->path, resp->status, req->id);
    return ok;
}

static req_ctx *ctx_new(hh_http_server *srv, struct MHD_Connection *conn, const char *url,
                        const char *method)
{
    req_ctx *ctx = calloc(1, sizeof(*ctx));
    const char *cl;
    line_check lc = {.max = srv->opts.max_header_line};

    if (ctx == NULL)
        return NULL;
    ctx->req.conn = conn;
    ctx->req.method = method;
    ctx->req.path = url;
    hh_http_new_request_id(ctx->req.id);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &ctx->req);
    MHD_get_connection_values(conn, MHD_HEADER_KIND, check_header, &lc);
    if (lc.too_long)
        ctx->req.limit = HH_HTTP_HEADER_TOO_LONG;
    cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl != NULL && ctx->req.limit == HH_HTTP_OK) {
        char *end = NULL;
        unsigned long long n = strtoull(cl, &end, 10);

        if (end != cl && n > srv->opts.max_body) {
            ctx->req.limit = HH_HTTP_BODY_TOO_LARGE;
            ctx->req.announced = n > SIZE_MAX ? SIZE_MAX : (size_t)n;
        }
    }
    return ctx;
}

static int body_append(hh_http_request *req, const char *data, size_t n)
{
    if (req->len + n + 1 > req->cap) {
        size_t cap = req->cap ? req->cap : 4096;
        char *b;

        while (cap < req->len + n + 1)
            cap *= 2;
        if ((b = realloc(req->body, cap)) == NULL)
            return ENOMEM;
        req->body = b;
        req->cap = cap;
    }
    memcpy(req->body + req->len, data, n);
    req->len += n;
    req->body[req->len] = '\0';
    return 0;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls)
{
    hh_http_server *srv = cls;
    req_ctx *ctx = *con_cls;

    (void)version;
    if (ctx == NULL) {
        if ((ctx = ctx_new(srv, conn, url, method)) == NULL)
            return MHD_NO;
        *con_cls = ctx;
        /* A request over a bound is answered before its body is read. */
        if (ctx->req.limit != HH_HTTP_OK)
            return answer(srv, ctx);
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;

        *upload_data_size = 0;
        if (ctx->req.answered)
            return MHD_YES;
        if (ctx->req.limit == HH_HTTP_BODY_TOO_LARGE) {
            /* A chunked body went over the bound: libmicrohttpd answers
             * only once the body is in, so the rest is thrown away; a
             * client sending more than twice the bound is cut off. */
            ctx->req.discarded += n;
            ctx->req.announced += n;
            return ctx->req.discarded > srv->opts.max_body ? MHD_NO : MHD_YES;
        }
        if (ctx->req.len + n > srv->opts.max_body) {
            ctx->req.limit = HH_HTTP_BODY_TOO_LARGE;
            ctx->req.announced = ctx->req.len + n;
            return MHD_YES;
        }
        return body_append(&ctx->req, upload_data, n) == 0 ? MHD_YES : MHD_NO;
    }
    if (ctx->req.answered)
        return MHD_YES;
    return answer(srv, ctx);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    req_ctx *ctx = *con_cls;

    (void)cls;
    (void)conn;
    (void)toe;
    if (ctx == NULL)
        return;
    resp_clear(&ctx->resp);
    free(ctx->req.body);
    free(ctx);
    *con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    hh_http_server *srv = cls;
    char buf[512];

    vsnprintf(buf, sizeof(buf), fmt, ap);
    buf[strcspn(buf, "\n")] = '\0';
    hh_log_debug("%s: libmicrohttpd: %s", srv->name, buf);
}

/* Listening socket on host:port, so a bind failure gives its errno. */
static int listen_on(const char *host, int port, int backlog, int *fd_out, hh_error *err)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    int fd = -1, one = 1;

    memset(&ss, 0, sizeof(ss));
    if (inet_pton(AF_INET, host, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
        struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
        sin->sin_family = AF_INET;
        sin->sin_port = htons((uint16_t)port);
        sl = sizeof(*sin);
    } else if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons((uint16_t)port);
        sl = sizeof(*sin6);
    } else {
        return hh_error_set(err, HH_EINVAL, NULL, "bind address %s is not an IP address", host);
    }
    fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return hh_error_set(err, errno, NULL, "socket: %s", strerror(errno));
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, backlog) != 0) {
        int e = errno;
        close(fd);
        return hh_error_set(err, e, NULL, "cannot listen on %s port %d: %s", host, port,
                            strerror(e));
    }
    *fd_out = fd;
    return 0;
}

static int workers_default(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 2 ? 2 : (int)n;
}

hh_http_server *hh_http_server_new(const hh_http_opts *opts, hh_http_handler_fn fn, void *arg,
                                   hh_error *err)
{
    hh_http_server *srv = NULL;
    const union MHD_DaemonInfo *info;
    size_t mem;
    int fd = -1;

    if (opts == NULL || fn == NULL || opts->port < 0 || opts->port > 65535) {
        hh_error_set(err, HH_EINVAL, NULL, "HTTP server: bad options");
        return NULL;
    }
    if ((srv = calloc(1, sizeof(*srv))) == NULL) {
        hh_error_set(err, ENOMEM, NULL, "out of memory");
        return NULL;
    }
    srv->fn = fn;
    srv->arg = arg;
    srv->opts = *opts;
    snprintf(srv->name, sizeof(srv->name), "%s", opts->name != NULL ? opts->name : "http");
    srv->opts.name = srv->name;
    if (srv->opts.bind_host == NULL)
        srv->opts.bind_host = "0.0.0.0";
    if (srv->opts.workers <= 0)
        srv->opts.workers = workers_default();
    if (srv->opts.backlog <= 0)
        srv->opts.backlog = 4096;
    if (srv->opts.max_body == 0)
        srv->opts.max_body = DEFAULT_MAX_BODY;
    if (srv->opts.max_header_line == 0)
        srv->opts.max_header_line = DEFAULT_MAX_HEADER_LINE;
    mem = srv->opts.max_header_line * 4;
    if (mem < MIN_CONN_MEMORY)
        mem = MIN_CONN_MEMORY;
    if (listen_on(srv->opts.bind_host, opts->port, srv->opts.backlog, &fd, err) != 0)
        goto fail;
    srv->mhd = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_access, srv,
        MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)srv->opts.workers,
        MHD_OPTION_CONNECTION_TIMEOUT, srv->opts.idle_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        mem, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log,
        srv, MHD_OPTION_END);
    if (srv->mhd == NULL) {
        close(fd);
        hh_error_set(err, HH_EINTERNAL, NULL, "HTTP server on %s port %d did not start",
                     srv->opts.bind_host, opts->port);
        goto fail;
    }
    info = MHD_get_daemon_info(srv->mhd, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info != NULL ? info->port : opts->port;
    return srv;
fail:
    free(srv);
    return NULL;
}

void hh_http_server_free(hh_http_server *srv)
{
    if (srv == NULL)
        return;
    if (srv->mhd != NULL)
        MHD_stop_daemon(srv->mhd);
    free(srv);
}

int hh_http_server_port(const hh_http_server *srv)
{
    return srv->port;
}
