/* api_http: the one HTTP server of heat-ha's APIs, on libmicrohttpd.
 *
 * A server listens on one address and hands every complete request to one
 * handler, on a pool of threads (libmicrohttpd's thread pool: each thread
 * runs its own poll loop over its share of the connections, so a handler
 * may block, e.g. on an RPC call, while the other threads serve). HTTP/1.1
 * keep-alive is on unless opts say otherwise.
 *
 * Bounds (invariant 4): a request body is read up to max_body bytes; a
 * larger one (by Content-Length, or while a chunked body streams in) is not
 * read further: the handler gets the request with hh_http_req_limit() ==
 * HH_HTTP_BODY_TOO_LARGE and the connection closes after the answer. A
 * header line longer than max_header_line gives HH_HTTP_HEADER_TOO_LONG;
 * the whole header block is bounded by the connection's memory (4 times
 * max_header_line, at least 64 KiB), beyond which libmicrohttpd answers 431
 * itself. A connection idle for idle_timeout seconds is closed.
 *
 * Every request gets a request id "req-<uuid4>" (hh_http_req_id), sent back
 * on every response the handler makes as x-openstack-request-id.
 *
 * Thread-safety: the handler runs on any pool thread, concurrently with
 * itself; a request and its response belong to that one call.
 */
#ifndef HH_API_HTTP_H
#define HH_API_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"

#define HH_HTTP_REQUEST_ID_LEN 41 /* "req-" + 36 + NUL */
#define HH_HTTP_ARGS_MAX 256      /* query arguments kept; more is HH_HTTP_TOO_MANY_ARGS */

typedef struct hh_http_server hh_http_server;
typedef struct hh_http_request hh_http_request;
typedef struct hh_http_response hh_http_response;

typedef struct hh_http_opts {
    const char *bind_host;  /* IPv4 or IPv6 literal; NULL: 0.0.0.0 */
    int port;               /* 0: a free port, see hh_http_server_port */
    int workers;            /* pool threads; <= 0: one per CPU, at least 2 */
    int backlog;            /* listen(2) backlog; <= 0: 4096 */
    size_t max_body;        /* bytes of a request body; 0: 1048576 */
    size_t max_header_line; /* bytes of one header line; 0: 16384 */
    unsigned idle_timeout;  /* seconds a connection may stay idle; 0: never closed */
    bool no_keep_alive;     /* close every connection after its response */
    const char *name;       /* for log lines, e.g. "heat-api"; NULL: "http" */
} hh_http_opts;

/* Answer req by filling resp (both borrowed for the call). A handler that
 * sets nothing answers 500 with an empty body. */
typedef void (*hh_http_handler_fn)(void *arg, hh_http_request *req, hh_http_response *resp);

/* New server listening on opts' address, serving with fn(arg, ...) (arg
 * borrowed until hh_http_server_free returns). NULL with err filled when
 * the address cannot be bound (errno rc, e.g. EADDRINUSE) or opts are
 * wrong (HH_EINVAL). */
hh_http_server *hh_http_server_new(const hh_http_opts *opts, hh_http_handler_fn fn, void *arg,
                                   hh_error *err);
/* Stop listening, close every connection (waits for running handlers) and
 * free. NULL is fine. */
void hh_http_server_free(hh_http_server *srv);
/* The port the server listens on (the one chosen when opts->port was 0). */
int hh_http_server_port(const hh_http_server *srv);

/* --- requests (all strings borrowed, valid during the handler call) --- */

typedef enum hh_http_limit {
    HH_HTTP_OK = 0,
    HH_HTTP_BODY_TOO_LARGE,  /* body above max_body: not read (see _body_len) */
    HH_HTTP_HEADER_TOO_LONG, /* a header line above max_header_line */
    HH_HTTP_TOO_MANY_ARGS,   /* more than HH_HTTP_ARGS_MAX query arguments */
} hh_http_limit;

const char *hh_http_req_method(const hh_http_request *req);
/* The path, percent-decoded, without the query string. */
const char *hh_http_req_path(const hh_http_request *req);
const char *hh_http_req_id(const hh_http_request *req);
/* A request header (case-insensitive name), or NULL. */
const char *hh_http_req_header(const hh_http_request *req, const char *name);
/* The body (NUL-terminated, may hold other NULs) and its length; "" when
 * none. When the body was too large: "" and *len the size announced by
 * Content-Length or read so far. */
const char *hh_http_req_body(const hh_http_request *req, size_t *len);
hh_http_limit hh_http_req_limit(const hh_http_request *req);
/* Query arguments in order: their count, and the i-th (value NULL for a
 * bare "?key"). */
size_t hh_http_req_arg_count(const hh_http_request *req);
void hh_http_req_arg_at(const hh_http_request *req, size_t i, const char **key, const char **value);
/* The first value of key, or NULL (also for a bare key). */
const char *hh_http_req_arg(const hh_http_request *req, const char *key);

/* --- responses --- */

void hh_http_resp_status(hh_http_response *resp, int status);
/* Add a header (name and value copied). 0 or ENOMEM. */
int hh_http_resp_header(hh_http_response *resp, const char *name, const char *value);
/* Set the body: steals body (malloc'ed, len bytes; NULL is empty);
 * content_type copied, NULL for none. */
void hh_http_resp_body(hh_http_response *resp, const char *content_type, char *body, size_t len);
/* status and value (borrowed) as "application/json"; 0 or ENOMEM. */
int hh_http_resp_json(hh_http_response *resp, int status, const json_t *value);

/* Write a new random request id "req-<uuid4>" into buf
 * (HH_HTTP_REQUEST_ID_LEN bytes). */
void hh_http_new_request_id(char *buf);

#endif
