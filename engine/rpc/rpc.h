/* rpc: the engine's request transport, one API over several drivers.
 *
 * Client side: hh_rpc_call sends a request to a topic and waits for its reply
 * (at most rpc_response_timeout seconds unless told otherwise; then the call
 * fails with MessagingTimeout); hh_rpc_cast sends one and waits for nothing.
 * Server side: hh_rpc_serve registers one dispatcher per topic; it gets each
 * decoded, validated request and returns a result or an error, which travels
 * back as a typed failure (rpc_msg.h).
 *
 * Drivers are const vtables selected by name ("inproc": the server runs on
 * the transport's own threads in this process; "amqp": through a RabbitMQ
 * broker, rpc_amqp.c, whose header comment gives its wire format and its
 * threads). Requests
 * cross a driver as encoded JSON bytes, never as pointers, so every server
 * decodes and validates exactly what a network would carry. A network
 * driver's replies are bytes too (hh_rpc_handle, hh_rpc_reply_decode); the
 * in-process driver hands a call's result over as the JSON value the
 * dispatcher made (hh_rpc_handle_result): encoding and parsing it again
 * was most of the cost of a large reply (a list of 100 stacks). A failure
 * still goes through its encoding, so the caller sees the same error on
 * every driver; a result is not held to HH_RPC_MSG_MAX in process. A
 * result is read-only for everyone: the dispatcher may hand the same value
 * to several callers (the engine keeps some answers, service_cache.c), and
 * a caller may keep it to recognise that answer again.
 *
 * Thread-safe: any thread may call, cast, serve and unserve concurrently.
 */
#ifndef HH_RPC_H
#define HH_RPC_H

#include <jansson.h>
#include <stdbool.h>

#include "hh_conf.h"
#include "hh_error.h"
#include "rpc_msg.h"

#define HH_RPC_TOPIC_MAX 128         /* bytes of a topic name, NUL included */
#define HH_RPC_ENGINE_TOPIC "engine" /* Heat's rpc_api.ENGINE_TOPIC */
/* Heat's rpc_api.LISTENER_TOPIC: each engine process serves
 * "heat-engine-listener.<engine_id>" for its whole life (standby too), so
 * one engine can be asked directly (get_revision, list_services ...). */
#define HH_RPC_LISTENER_TOPIC "heat-engine-listener"

typedef struct hh_rpc hh_rpc;

/* A dispatcher: answers one request (borrowed, validated: req->def is set).
 * Returns 0 with *result a new reference (NULL is JSON null), or an rc with
 * err filled (err->type is the Heat class the caller sees; when NULL the
 * class follows the rc). Runs on a transport thread: may block, but the
 * caller's timeout keeps running. */
typedef int (*hh_rpc_dispatch_fn)(void *arg, const hh_rpc_request *req, json_t **result,
                                  hh_error *err);

/* The driver vtable. Every function returns 0 or an rc and fills err. */
typedef struct hh_rpc_driver {
    const char *name;
    /* New driver state from conf (borrowed, may be NULL: defaults). */
    int (*open)(const hh_conf *conf, void **state, hh_error *err);
    /* Stop serving and free the state; no call or cast may be in progress. */
    void (*close)(void *state);
    /* Send request bytes to topic and wait up to timeout_ms for the reply:
     * 0 with *result a new reference, or the failure's rc with err filled
     * (a network driver decodes the reply's bytes with hh_rpc_reply_decode;
     * ETIMEDOUT with type MessagingTimeout when none came in time). */
    int (*call)(void *state, const char *topic, const char *req, size_t len, int timeout_ms,
                json_t **result, hh_error *err);
    /* Send request bytes to topic; no reply. */
    int (*cast)(void *state, const char *topic, const char *req, size_t len, hh_error *err);
    /* Deliver topic's requests to the dispatcher fn(arg, ...) through
     * hh_rpc_handle or hh_rpc_handle_result. HH_EEXISTS if served. */
    int (*listen)(void *state, const char *topic, hh_rpc_dispatch_fn fn, void *arg, hh_error *err);
    /* Stop delivering topic; returns once no fn of topic runs any more.
     * HH_ENOTFOUND if topic is not served. */
    int (*unlisten)(void *state, const char *topic);
    /* Optional (NULL: always): whether requests can be sent now (a network
     * driver: connected to a broker). */
    bool (*connected)(void *state);
} hh_rpc_driver;

extern const hh_rpc_driver hh_rpc_inproc;
extern const hh_rpc_driver hh_rpc_amqp; /* rpc_amqp.c: RabbitMQ */

/* The driver named name ("inproc", "amqp"), or NULL. */
const hh_rpc_driver *hh_rpc_driver_find(const char *name);

/* New transport on driver name. conf (borrowed, may be NULL) gives
 * [DEFAULT] rpc_response_timeout when registered there (else 60 s). NULL
 * with err filled on failure (HH_ENOTFOUND for an unknown driver). */
hh_rpc *hh_rpc_new(const char *driver, const hh_conf *conf, hh_error *err);
/* Stops every server and frees; no call may be in progress. NULL is fine. */
void hh_rpc_free(hh_rpc *rpc);

/* Whether rpc can send requests now: the AMQP driver is connected to a
 * broker (it reconnects by itself; see rpc_amqp.c), the in-process one
 * always. Any thread; a health check (heat-engine's control socket
 * reports it as broker_ok), never a promise for the next call. */
bool hh_rpc_connected(const hh_rpc *rpc);

/* Send req (borrowed; validated and encoded here) to topic and wait for its
 * reply: 0 with *result a new reference, else the failure's rc with err
 * filled (MessagingTimeout after timeout_ms; timeout_ms <= 0 means
 * rpc_response_timeout). */
int hh_rpc_call(hh_rpc *rpc, const char *topic, hh_rpc_request *req, int timeout_ms,
                json_t **result, hh_error *err);
/* Send req to topic without waiting; any failure of the server is lost. */
int hh_rpc_cast(hh_rpc *rpc, const char *topic, hh_rpc_request *req, hh_error *err);

/* Serve topic with fn(arg, ...). arg is borrowed until hh_rpc_unserve (or
 * hh_rpc_free) returns. */
int hh_rpc_serve(hh_rpc *rpc, const char *topic, hh_rpc_dispatch_fn fn, void *arg, hh_error *err);
int hh_rpc_unserve(hh_rpc *rpc, const char *topic);

/* The server's work on one request's bytes, as every driver runs it:
 * decode, validate, dispatch, encode the reply (a failure reply for
 * anything wrong, never a crash). *reply is new; 0 or ENOMEM. */
int hh_rpc_handle(hh_rpc_dispatch_fn fn, void *arg, const char *req, size_t len, char **reply,
                  size_t *reply_len);
/* The same work for a caller in this process: decode, validate, dispatch;
 * 0 with *result a new reference (JSON null when the dispatcher gave
 * none), or the failure's rc with err filled as hh_rpc_reply_decode fills
 * it from the failure reply hh_rpc_handle would have sent. */
int hh_rpc_handle_result(hh_rpc_dispatch_fn fn, void *arg, const char *req, size_t len,
                         json_t **result, hh_error *err);

#endif
