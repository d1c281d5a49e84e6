/* rpc: transport API over the driver vtables; the server's request path. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rpc.h"

static const hh_rpc_driver *const drivers[] = {&hh_rpc_inproc, &hh_rpc_amqp};

/* One served topic: the dispatcher the driver's bytes go to. */
typedef struct rpc_server {
    struct rpc_server *next;
    char topic[HH_RPC_TOPIC_MAX];
    hh_rpc_dispatch_fn fn;
    void *arg;
} rpc_server;

struct hh_rpc {
    const hh_rpc_driver *driver;
    void *state;
    int timeout_ms;
    pthread_mutex_t lock; /* guards servers */
    rpc_server *servers;
};

const hh_rpc_driver *hh_rpc_driver_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
        if (strcmp(drivers[i]->name, name) == 0)
            return drivers[i];
    return NULL;
}

hh_rpc *hh_rpc_new(const char *driver, const hh_conf *conf, hh_error *err)
{
    const hh_rpc_driver *d = hh_rpc_driver_find(driver);
    hh_rpc *rpc;
    int rc;

    if (d == NULL) {
        hh_error_set(err, HH_ENOTFOUND, "NotSupported", "no RPC driver named \"%s\"",
                     driver != NULL ? driver : "(null)");
        return NULL;
    }
    if ((rpc = calloc(1, sizeof(*rpc))) == NULL) {
        hh_error_set(err, ENOMEM, "HeatException", "out of memory");
        return NULL;
    }
    rpc->driver = d;
    rpc->timeout_ms = 60 * 1000;
    if (conf != NULL) {
        int s = hh_conf_get_int(conf, "DEFAULT", "rpc_response_timeout");
        if (s > 0)
            rpc->timeout_ms = s * 1000;
    }
    pthread_mutex_init(&rpc->lock, NULL);
    if ((rc = d->open(conf, &rpc->state, err)) != 0) {
        pthread_mutex_destroy(&rpc->lock);
        free(rpc);
        return NULL;
    }
    return rpc;
}

void hh_rpc_free(hh_rpc *rpc)
{
    rpc_server *s, *next;

    if (rpc == NULL)
        return;
    rpc->driver->close(rpc->state); /* joins every server thread */
    for (s = rpc->servers; s != NULL; s = next) {
        next = s->next;
        free(s);
    }
    pthread_mutex_destroy(&rpc->lock);
    free(rpc);
}

bool hh_rpc_connected(const hh_rpc *rpc)
{
    return rpc->driver->connected == NULL || rpc->driver->connected(rpc->state);
}

static int check_topic(const char *topic, hh_error *err)
{
    if (topic == NULL || topic[0] == '\0' || strlen(topic) >= HH_RPC_TOPIC_MAX)
        return hh_error_set(err, HH_EINVAL, "Invalid", "an RPC topic is a name of 1 to %d bytes",
                            HH_RPC_TOPIC_MAX - 1);
    return 0;
}

int hh_rpc_call(hh_rpc *rpc, const char *topic, hh_rpc_request *req, int timeout_ms,
                json_t **result, hh_error *err)
{
    char *msg = NULL;
    size_t len = 0;
    int rc;

    *result = NULL;
    if ((rc = check_topic(topic, err)) != 0)
        goto done;
    if ((rc = hh_rpc_request_encode(req, &msg, &len, err)) != 0)
        goto done;
    if (timeout_ms <= 0)
        timeout_ms = rpc->timeout_ms;
    rc = rpc->driver->call(rpc->state, topic, msg, len, timeout_ms, result, err);
done:
    free(msg);
    return rc;
}

int hh_rpc_cast(hh_rpc *rpc, const char *topic, hh_rpc_request *req, hh_error *err)
{
    char *msg = NULL;
    size_t len = 0;
    int rc;

    if ((rc = check_topic(topic, err)) != 0)
        return rc;
    if ((rc = hh_rpc_request_encode(req, &msg, &len, err)) != 0)
        return rc;
    rc = rpc->driver->cast(rpc->state, topic, msg, len, err);
    free(msg);
    return rc;
}

/* Decode, validate and dispatch: 0 with *result new (NULL is JSON null),
 * or an rc with err filled (a type and message always). */
static int handle(hh_rpc_dispatch_fn fn, void *arg, const char *bytes, size_t len, json_t **result,
                  hh_error *err)
{
    hh_rpc_request *req = NULL;
    int rc;

    *result = NULL;
    if ((rc = hh_rpc_request_decode(bytes, len, &req, err)) == 0) {
        rc = fn(arg, req, result, err);
        if (rc != 0 && err->rc == 0) /* a dispatcher that gave no detail */
            hh_error_set(err, rc, NULL, "%s failed: %s", req->method, hh_strerror(rc));
        else if (rc == 0 && err->rc != 0)
            hh_error_clear(err);
        else if (rc != 0)
            err->rc = rc;
    }
    if (rc != 0) {
        json_decref(*result);
        *result = NULL;
    }
    hh_rpc_request_free(req);
    return rc;
}

int hh_rpc_handle(hh_rpc_dispatch_fn fn, void *arg, const char *bytes, size_t len, char **reply,
                  size_t *reply_len)
{
    json_t *result = NULL;
    hh_error err, eerr;
    int rc;

    hh_error_clear(&err);
    hh_error_clear(&eerr);
    *reply = NULL;
    *reply_len = 0;
    if ((rc = handle(fn, arg, bytes, len, &result, &err)) == 0)
        rc = hh_rpc_reply_encode_result(result, reply, reply_len, &eerr);
    else
        rc = hh_rpc_reply_encode_failure(&err, reply, reply_len, &eerr);
    if (rc != 0 && rc != ENOMEM) {
        /* the result itself could not be sent (too large): say so instead */
        rc = hh_rpc_reply_encode_failure(&eerr, reply, reply_len, NULL);
    }
    json_decref(result);
    return rc;
}

int hh_rpc_handle_result(hh_rpc_dispatch_fn fn, void *arg, const char *bytes, size_t len,
                         json_t **result, hh_error *err)
{
    hh_error failure;
    char *reply = NULL;
    size_t reply_len = 0;
    int rc;

    hh_error_clear(&failure);
    if ((rc = handle(fn, arg, bytes, len, result, &failure)) == 0) {
        if (*result == NULL)
            *result = json_null();
        return 0;
    }
    /* the failure as a network caller decodes it from its reply */
    if (hh_rpc_reply_encode_failure(&failure, &reply, &reply_len, NULL) != 0)
        return hh_error_set(err, ENOMEM, "HeatException", "the server could not make a reply");
    rc = hh_rpc_reply_decode(reply, reply_len, result, err);
    free(reply);
    return rc;
}

int hh_rpc_serve(hh_rpc *rpc, const char *topic, hh_rpc_dispatch_fn fn, void *arg, hh_error *err)
{
    rpc_server *s;
    int rc;

    if ((rc = check_topic(topic, err)) != 0)
        return rc;
    if ((s = calloc(1, sizeof(*s))) == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    snprintf(s->topic, sizeof(s->topic), "%s", topic);
    s->fn = fn;
    s->arg = arg;
    pthread_mutex_lock(&rpc->lock);
    rc = rpc->driver->listen(rpc->state, topic, fn, arg, err);
    if (rc == 0) {
        s->next = rpc->servers;
        rpc->servers = s;
        s = NULL;
    }
    pthread_mutex_unlock(&rpc->lock);
    free(s);
    return rc;
}

int hh_rpc_unserve(hh_rpc *rpc, const char *topic)
{
    rpc_server **p, *s = NULL;
    int rc;

    if (topic == NULL)
        return HH_ENOTFOUND;
    pthread_mutex_lock(&rpc->lock);
    rc = rpc->driver->unlisten(rpc->state, topic);
    if (rc == 0) {
        for (p = &rpc->servers; *p != NULL; p = &(*p)->next) {
            if (strcmp((*p)->topic, topic) == 0) {
                s = *p;
                *p = s->next;
                break;
            }
        }
    }
    pthread_mutex_unlock(&rpc->lock);
    free(s);
    return rc;
}
