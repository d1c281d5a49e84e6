/* rpc_amqp: the RPC driver over AMQP 0-9-1 (RabbitMQ, librabbitmq).
 *
 * Wire. Requests go through the topic exchange [DEFAULT] control_exchange
 * ("heat") with the topic as routing key; a served topic is a queue of the
 * same name bound with that key ("engine": shared by the engines serving it,
 * kept when the last consumer leaves so requests wait for the next engine;
 * a topic with a server part, "heat-engine-listener.<engine_id>", is one
 * process's own queue and is deleted with its consumer). Queues and the
 * exchange are durable when amqp_durable_queues is true. A call carries
 * correlation_id, reply_to (this transport's reply queue: server-named,
 * exclusive, auto-deleted, consumed without acks) and expiration (its
 * timeout: a request no caller waits for any more is dropped by the
 * broker), and is published mandatory: when no queue takes it the broker
 * returns it and the call fails at once with MessageUndeliverable. The
 * reply goes to the default exchange with the caller's reply_to as key and
 * the same correlation_id. The body is the JSON of rpc_msg.h both ways.
 *
 * Server side. A delivery is handed to a pool of worker threads. Each
 * consumer has at most one delivery unacknowledged (basic.qos prefetch 1,
 * per consumer in RabbitMQ): the broker sends the next one once the last
 * was acknowledged (as a worker takes it up), and a topic's requests go to whichever of its
 * servers is ready. A server that stops without closing its connection (a
 * paused process: SIGSTOP, a frozen VM) holds one request at most; the
 * broker gives its connection up once its heartbeats stop (about
 * heartbeat_timeout_threshold seconds) and hands that request to another
 * server, which answers it if its caller still waits (its expiration), so
 * a paused engine delays one call by about that long (not every call
 * the broker would have sent it). A redelivered request is logged
 * (INFO). A worker first
 * decodes the request: one that cannot be parsed (not JSON, too large) is
 * logged and rejected without requeue (basic.reject; a failure reply still
 * goes to its caller, if it named one); any other is acknowledged and
 * then dispatched through hh_rpc_handle, whose reply is published. The
 * acknowledgement precedes the work: a request runs at most once, as in
 * oslo.messaging (an engine dying mid-request leaves its caller to time
 * out, never a second run).
 *
 * Publisher confirms (confirm.select) are on: a cast returns once the
 * broker confirmed it (basic.ack), fails on basic.nack, on a lost
 * connection, or when no confirm came within rpc_response_timeout.
 *
 * Connection. One connection (one channel) per transport. The brokers of
 * rpc_amqp_conf.h are tried in turn, starting after the last one that
 * failed (failover); a round in which every broker failed is followed by
 * the retry wait (rabbit_retry_interval, rabbit_retry_backoff,
 * rabbit_interval_max), a lost connection by kombu_reconnect_delay. AMQP
 * heartbeats of heartbeat_timeout_threshold / 2 s are negotiated, so a
 * silent broker is given up after about heartbeat_timeout_threshold
 * seconds. On every (re)connection the exchange, the reply queue and every
 * served topic's queue and consumer are declared again.
 *
 * Broker down. Calls and casts made while the transport is disconnected
 * fail at once with MessageDeliveryFailure (ENOTCONN), except during a
 * connection attempt round, which they wait for (bounded by their
 * timeout); calls and casts in flight when the connection is lost fail
 * with it too, since their replies and confirms are gone. The API maps
 * MessageDeliveryFailure and MessageUndeliverable to 503.
 *
 * Threads (librabbitmq is not thread-safe per connection). One I/O thread
 * per transport owns the connection: it alone calls librabbitmq. Other
 * threads never touch the connection: they queue commands (publish, ack,
 * reject) under the driver lock and wake the I/O thread through an
 * eventfd; the I/O thread sleeps in poll() on the socket and the eventfd
 * (bounded by half the heartbeat interval, so heartbeats go out in time).
 * Callers wait for their reply or confirm on a condition variable of their
 * own (CLOCK_MONOTONIC deadline); the I/O thread completes them under the
 * lock, and a caller that timed out removes its entry under the same
 * lock, so a late reply finds nothing and is dropped. Dispatchers run on
 * the worker threads (AMQP_WORKERS), never on the I/O thread, so a slow
 * dispatcher never delays heartbeats or other callers' replies. listen
 * and unlisten wait (while connected) until the I/O thread has declared or
 * cancelled the consumer; unlisten then waits for the topic's running
 * dispatchers, as the vtable requires. A delivery for a topic no longer
 * served is rejected with requeue, for another server.
 */
#include "config.h"

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "hh_log.h"
#include "rpc.h"
#include "rpc_amqp_conf.h"

#define AMQP_WORKERS 4
#define AMQP_PREFETCH 1 /* unacknowledged deliveries a consumer */
#define AMQP_CHANNEL 1
#define AMQP_CONNECT_TIMEOUT_S 5
#define AMQP_RPC_TIMEOUT_S 10
#define AMQP_FRAME_MAX 131072
#define AMQP_CORR_MAX 256 /* an AMQP short string, NUL included */
#define AMQP_REPLY_TAG "reply"

typedef enum { ST_CONNECTING, ST_UP, ST_DOWN } link_state;

/* A call waiting for its reply, or a cast for its confirm. */
typedef struct pending {
    struct pending *next;
    char corr[AMQP_CORR_MAX];
    bool is_cast;
    uint64_t seq; /* a cast's delivery tag once published; 0 before */
    bool done;
    int rc;
    hh_error err;
    char *reply; /* a call's reply bytes (malloc) */
    size_t reply_len;
    pthread_cond_t cond;
} pending;

typedef enum { CMD_PUBLISH, CMD_ACK, CMD_REJECT } cmd_kind;

/* Work for the I/O thread. */
typedef struct cmd {
    struct cmd *next;
    cmd_kind kind;
    /* publish */
    bool to_topic; /* the control exchange; else the default exchange (a reply) */
    bool want_reply;
    bool mandatory;
    char key[AMQP_CORR_MAX]; /* topic or reply queue */
    char corr[AMQP_CORR_MAX];
    char *body;
    size_t len;
    int expiration_ms; /* 0: none */
    /* ack, reject */
    uint64_t tag;
    unsigned gen;
    bool requeue;
} cmd;

typedef struct served {
    struct served *next;
    char name[HH_RPC_TOPIC_MAX];
    hh_rpc_dispatch_fn fn;
    void *arg;
    int busy;      /* dispatchers of this topic running */
    bool removing; /* unlisten under way */
} served;

/* A delivered request for the workers. */
typedef struct job {
    struct job *next;
    char topic[HH_RPC_TOPIC_MAX];
    char reply_to[AMQP_CORR_MAX]; /* "" when no reply is wanted */
    char corr[AMQP_CORR_MAX];
    char *body;
    size_t len;
    uint64_t tag;
    unsigned gen;
} job;

/* The I/O thread's own list of consumers on the current connection. */
typedef struct consumer {
    struct consumer *next;
    char name[HH_RPC_TOPIC_MAX];
} consumer;

typedef struct amqp_drv {
    hh_amqp_conf conf;
    pthread_mutex_t lock;
    pthread_cond_t state_cv; /* state changed or topics reconciled */
    pthread_cond_t work_cv;  /* a job queued, or stopping */
    pthread_cond_t idle_cv;  /* a dispatcher finished */
    int efd;                 /* wakes the I/O thread */
    /* under lock */
    link_state state;
    unsigned gen; /* connection generation; bumped when one is lost */
    bool stopping;
    cmd *cmd_head, *cmd_tail;
    pending *pending;
    served *topics;
    job *job_head, *job_tail;
    unsigned long reconcile_req, reconcile_done;
    uint64_t corr_next;
    char last_error[HH_ERROR_MSG_MAX / 2];
    /* threads */
    pthread_t io;
    bool io_started;
    pthread_t workers[AMQP_WORKERS];
    int nworkers;
    /* the I/O thread's alone */
    amqp_connection_state_t conn;
    char reply_queue[AMQP_CORR_MAX];
    uint64_t pub_seq;
    size_t next_broker;
    consumer *consumers;
    char where[HH_AMQP_FIELD_MAX * 2 + 16]; /* user@host:port, for logs */
    char corr_prefix[32];
} amqp_drv;

/* ---- helpers (lock held where they touch shared state) ---- */

static void wake(amqp_drv *d)
{
    uint64_t one = 1;
    ssize_t n = write(d->efd, &one, sizeof(one));

    (void)n; /* a full counter is already a wake-up */
}

static void cmd_free(cmd *c)
{
    if (c != NULL)
        free(c->body);
    free(c);
}

/* Queue c for the I/O thread (steals it). Lock held. */
static void post_locked(amqp_drv *d, cmd *c)
{
    c->next = NULL;
    if (d->cmd_tail != NULL)
        d->cmd_tail->next = c;
    else
        d->cmd_head = c;
    d->cmd_tail = c;
}

static void post(amqp_drv *d, cmd *c)
{
    pthread_mutex_lock(&d->lock);
    if (d->stopping) {
        cmd_free(c);
    } else {
        post_locked(d, c);
        wake(d);
    }
    pthread_mutex_unlock(&d->lock);
}

static pending *pending_find(amqp_drv *d, const char *corr)
{
    for (pending *p = d->pending; p != NULL; p = p->next)
        if (strcmp(p->corr, corr) == 0)
            return p;
    return NULL;
}

static void pending_unlink(amqp_drv *d, pending *p)
{
    for (pending **pp = &d->pending; *pp != NULL; pp = &(*pp)->next)
        if (*pp == p) {
            *pp = p->next;
            return;
        }
}

/* Complete p with a failure (lock held). */
static void pending_fail(pending *p, int rc, const char *type, const char *msg)
{
    if (p->done)
        return;
    p->done = true;
    p->rc = hh_error_set(&p->err, rc, type, "%s", msg);
    pthread_cond_signal(&p->cond);
}

static served *topic_find(amqp_drv *d, const char *name)
{
    for (served *t = d->topics; t != NULL; t = t->next)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

static void deadline_in(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

static void cond_init_mono(pthread_cond_t *c)
{
    pthread_condattr_t attr;

    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(c, &attr);
    pthread_condattr_destroy(&attr);
}

static char *dup_bytes(const void *b, size_t len)
{
    char *s = malloc(len + 1);

    if (s != NULL) {
        if (len > 0)
            memcpy(s, b, len);
        s[len] = '\0';
    }
    return s;
}

/* An AMQP short string into buf (NUL-terminated, truncated). */
static void bytes_str(amqp_bytes_t b, char *buf, size_t len)
{
    size_t n = b.len < len - 1 ? b.len : len - 1;

    if (n > 0)
        memcpy(buf, b.bytes, n);
    buf[n] = '\0';
}

/* ---- the I/O thread ---- */

/* A librabbitmq reply as an rc with err. */
static int io_reply(amqp_rpc_reply_t r, const char *what, hh_error *err)
{
    switch (r.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return 0;
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure", "%s: %s", what,
                            amqp_error_string2(r.library_error));
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (r.reply.id == AMQP_CONNECTION_CLOSE_METHOD || r.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
            const amqp_connection_close_t *m = r.reply.decoded;
            char text[256];

            bytes_str(m->reply_text, text, sizeof(text));
            return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure", "%s: %u %s", what,
                                (unsigned)m->reply_code, text);
        }
        return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure",
                            "%s: unexpected server method 0x%08x", what, (unsigned)r.reply.id);
    default:
        return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure", "%s: no reply", what);
    }
}

/* The outcome of librabbitmq's last synchronous method. */
static int io_check(amqp_drv *d, const char *what, hh_error *err)
{
    return io_reply(amqp_get_rpc_reply(d->conn), what, err);
}

static int io_status(int st, const char *what, hh_error *err)
{
    if (st == AMQP_STATUS_OK)
        return 0;
    return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure", "%s: %s", what,
                        amqp_error_string2(st));
}

/* Open a connection to broker b and declare the exchange and the reply
 * queue. 0 with d->conn set, or an rc with err (d->conn NULL). */
static int io_connect_one(amqp_drv *d, const hh_amqp_broker *b, hh_error *err)
{
    struct timeval cto = {.tv_sec = AMQP_CONNECT_TIMEOUT_S};
    struct timeval rto = {.tv_sec = AMQP_RPC_TIMEOUT_S};
    amqp_socket_t *sock;
    amqp_queue_declare_ok_t *q;
    int hb = d->conf.heartbeat_s > 0 ? (d->conf.heartbeat_s + 1) / 2 : 0;
    int rc;

    if ((d->conn = amqp_new_connection()) == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    if ((sock = amqp_tcp_socket_new(d->conn)) == NULL) {
        rc = hh_error_set(err, ENOMEM, "HeatException", "out of memory");
        goto done;
    }
    if ((rc = io_status(amqp_socket_open_noblock(sock, b->host, b->port, &cto), "connect", err)) !=
        0)
        goto done;
    amqp_set_handshake_timeout(d->conn, &rto);
    amqp_set_rpc_timeout(d->conn, &rto);
    if ((rc = io_reply(amqp_login(d->conn, d->conf.vhost, 0, AMQP_FRAME_MAX, hb,
                                  AMQP_SASL_METHOD_PLAIN, b->user, b->password),
                       "login", err)) != 0)
        goto done;
    amqp_channel_open(d->conn, AMQP_CHANNEL);
    if ((rc = io_check(d, "channel.open", err)) != 0)
        goto done;
    amqp_confirm_select(d->conn, AMQP_CHANNEL);
    if ((rc = io_check(d, "confirm.select", err)) != 0)
        goto done;
    amqp_basic_qos(d->conn, AMQP_CHANNEL, 0, AMQP_PREFETCH, 0);
    if ((rc = io_check(d, "basic.qos", err)) != 0)
        goto done;
    amqp_exchange_declare(d->conn, AMQP_CHANNEL, amqp_cstring_bytes(d->conf.exchange),
                          amqp_cstring_bytes("topic"), 0, d->conf.durable, 0, 0, amqp_empty_table);
    if ((rc = io_check(d, "exchange.declare", err)) != 0)
        goto done;
    q = amqp_queue_declare(d->conn, AMQP_CHANNEL, amqp_empty_bytes, 0, 0, 1, 1, amqp_empty_table);
    if ((rc = io_check(d, "queue.declare (replies)", err)) != 0)
        goto done;
    bytes_str(q->queue, d->reply_queue, sizeof(d->reply_queue));
    amqp_basic_consume(d->conn, AMQP_CHANNEL, amqp_cstring_bytes(d->reply_queue),
                       amqp_cstring_bytes(AMQP_REPLY_TAG), 0, 1, 1, amqp_empty_table);
    rc = io_check(d, "basic.consume (replies)", err);
done:
    if (rc != 0 && d->conn != NULL) {
        amqp_destroy_connection(d->conn);
        d->conn = NULL;
    }
    return rc;
}

static void consumers_free(amqp_drv *d)
{
    consumer *c, *next;

    for (c = d->consumers; c != NULL; c = next) {
        next = c->next;
        free(c);
    }
    d->consumers = NULL;
}

static bool consuming(amqp_drv *d, const char *name)
{
    for (consumer *c = d->consumers; c != NULL; c = c->next)
        if (strcmp(c->name, name) == 0)
            return true;
    return false;
}

/* Declare, bind and consume topic name. */
static int io_serve(amqp_drv *d, const char *name, hh_error *err)
{
    amqp_bytes_t q = amqp_cstring_bytes(name);
    consumer *c;
    int rc;

    amqp_queue_declare(d->conn, AMQP_CHANNEL, q, 0, d->conf.durable, 0, strchr(name, '.') != NULL,
                       amqp_empty_table);
    if ((rc = io_check(d, "queue.declare", err)) != 0)
        return rc;
    amqp_queue_bind(d->conn, AMQP_CHANNEL, q, amqp_cstring_bytes(d->conf.exchange), q,
                    amqp_empty_table);
    if ((rc = io_check(d, "queue.bind", err)) != 0)
        return rc;
    amqp_basic_consume(d->conn, AMQP_CHANNEL, q, q, 0, 0, 0, amqp_empty_table);
    if ((rc = io_check(d, "basic.consume", err)) != 0)
        return rc;
    if ((c = calloc(1, sizeof(*c))) == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    snprintf(c->name, sizeof(c->name), "%s", name);
    c->next = d->consumers;
    d->consumers = c;
    hh_log_info("AMQP: serving topic %s", name);
    return 0;
}

static int io_unserve(amqp_drv *d, const char *name, hh_error *err)
{
    int rc;

    amqp_basic_cancel(d->conn, AMQP_CHANNEL, amqp_cstring_bytes(name));
    if ((rc = io_check(d, "basic.cancel", err)) != 0)
        return rc;
    for (consumer **cp = &d->consumers; *cp != NULL; cp = &(*cp)->next)
        if (strcmp((*cp)->name, name) == 0) {
            consumer *c = *cp;

            *cp = c->next;
            free(c);
            break;
        }
    return 0;
}

/* Make the consumers match the served topics, one change at a time (the
 * lock is not held across librabbitmq calls). */
static int io_reconcile(amqp_drv *d, hh_error *err)
{
    for (;;) {
        char name[HH_RPC_TOPIC_MAX] = "";
        bool add = false;
        int rc;

        pthread_mutex_lock(&d->lock);
        for (served *t = d->topics; t != NULL && name[0] == '\0'; t = t->next)
            if (!t->removing && !consuming(d, t->name)) {
                snprintf(name, sizeof(name), "%s", t->name);
                add = true;
            }
        for (consumer *c = d->consumers; c != NULL && name[0] == '\0'; c = c->next) {
            served *t = topic_find(d, c->name);

            if (t == NULL || t->removing)
                snprintf(name, sizeof(name), "%s", c->name);
        }
        pthread_mutex_unlock(&d->lock);
        if (name[0] == '\0')
            return 0;
        if ((rc = add ? io_serve(d, name, err) : io_unserve(d, name, err)) != 0)
            return rc;
    }
}

static int io_publish(amqp_drv *d, cmd *c, hh_error *err)
{
    amqp_basic_properties_t props;
    amqp_bytes_t body = {.len = c->len, .bytes = c->body};
    char expiration[24];
    int rc;

    memset(&props, 0, sizeof(props));
    props._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
    props.content_type = amqp_cstring_bytes("application/json");
    props.delivery_mode = d->conf.durable && c->to_topic ? 2 : 1;
    if (c->corr[0] != '\0') {
        props._flags |= AMQP_BASIC_CORRELATION_ID_FLAG;
        props.correlation_id = amqp_cstring_bytes(c->corr);
    }
    if (c->want_reply) {
        props._flags |= AMQP_BASIC_REPLY_TO_FLAG;
        props.reply_to = amqp_cstring_bytes(d->reply_queue);
    }
    if (c->expiration_ms > 0) {
        snprintf(expiration, sizeof(expiration), "%d", c->expiration_ms);
        props._flags |= AMQP_BASIC_EXPIRATION_FLAG;
        props.expiration = amqp_cstring_bytes(expiration);
    }
    rc = io_status(
        amqp_basic_publish(d->conn, AMQP_CHANNEL,
                           c->to_topic ? amqp_cstring_bytes(d->conf.exchange) : amqp_empty_bytes,
                           amqp_cstring_bytes(c->key), c->mandatory, 0, &props, body),
        "basic.publish", err);
    if (rc != 0)
        return rc;
    d->pub_seq++; /* confirm mode numbers every publish of the channel */
    if (c->corr[0] != '\0' && c->to_topic) {
        pthread_mutex_lock(&d->lock);
        pending *p = pending_find(d, c->corr);

        if (p != NULL && p->is_cast)
            p->seq = d->pub_seq;
        pthread_mutex_unlock(&d->lock);
    }
    return 0;
}

/* Run the queued commands on the connection. */
static int io_commands(amqp_drv *d, hh_error *err)
{
    cmd *list, *c;
    unsigned gen;
    int rc = 0;

    pthread_mutex_lock(&d->lock);
    list = d->cmd_head;
    d->cmd_head = d->cmd_tail = NULL;
    gen = d->gen;
    pthread_mutex_unlock(&d->lock);
    while ((c = list) != NULL) {
        list = c->next;
        if (rc == 0) {
            if (c->kind == CMD_PUBLISH)
                rc = io_publish(d, c, err);
            else if (c->gen == gen && c->kind == CMD_ACK)
                rc = io_status(amqp_basic_ack(d->conn, AMQP_CHANNEL, c->tag, 0), "basic.ack", err);
            else if (c->gen == gen)
                rc = io_status(amqp_basic_reject(d->conn, AMQP_CHANNEL, c->tag, c->requeue),
                               "basic.reject", err);
        }
        cmd_free(c);
    }
    return rc;
}

/* A reply (from our reply queue) or a request (from a served topic). */
static void io_deliver(amqp_drv *d, const char *ctag, uint64_t tag, bool redelivered,
                       const amqp_message_t *m)
{
    const amqp_basic_properties_t *pr = &m->properties;
    char corr[AMQP_CORR_MAX] = "";
    job *j;

    if (pr->_flags & AMQP_BASIC_CORRELATION_ID_FLAG)
        bytes_str(pr->correlation_id, corr, sizeof(corr));
    if (strcmp(ctag, AMQP_REPLY_TAG) == 0) {
        pending *p;

        pthread_mutex_lock(&d->lock);
        if ((p = pending_find(d, corr)) != NULL && !p->is_cast && !p->done) {
            p->reply = dup_bytes(m->body.bytes, m->body.len);
            p->reply_len = m->body.len;
            p->done = true;
            p->rc = p->reply != NULL
                        ? 0
                        : hh_error_set(&p->err, ENOMEM, "HeatException", "out of memory");
            pthread_cond_signal(&p->cond);
        }
        pthread_mutex_unlock(&d->lock);
        return; /* no caller waits any more: dropped */
    }
    if (redelivered)
        hh_log_info("RPC: a request on topic %s redelivered: a server it went to before did "
                    "not take it up (its connection was lost, or it stopped serving the topic)",
                    ctag);
    if ((j = calloc(1, sizeof(*j))) == NULL ||
        (j->body = dup_bytes(m->body.bytes, m->body.len)) == NULL) {
        free(j);
        hh_log_error("RPC: out of memory: a request on topic %s is requeued", ctag);
        amqp_basic_reject(d->conn, AMQP_CHANNEL, tag, 1);
        return;
    }
    snprintf(j->topic, sizeof(j->topic), "%s", ctag);
    if (pr->_flags & AMQP_BASIC_REPLY_TO_FLAG)
        bytes_str(pr->reply_to, j->reply_to, sizeof(j->reply_to));
    snprintf(j->corr, sizeof(j->corr), "%s", corr);
    j->len = m->body.len;
    j->tag = tag;
    pthread_mutex_lock(&d->lock);
    j->gen = d->gen;
    if (d->job_tail != NULL)
        d->job_tail->next = j;
    else
        d->job_head = j;
    d->job_tail = j;
    pthread_cond_signal(&d->work_cv);
    pthread_mutex_unlock(&d->lock);
}

/* A mandatory call no queue took. */
static void io_returned(amqp_drv *d, const amqp_basic_return_t *ret, const amqp_message_t *m)
{
    char corr[AMQP_CORR_MAX] = "", key[HH_RPC_TOPIC_MAX], text[128], msg[512];
    pending *p;

    if (m->properties._flags & AMQP_BASIC_CORRELATION_ID_FLAG)
        bytes_str(m->properties.correlation_id, corr, sizeof(corr));
    bytes_str(ret->routing_key, key, sizeof(key));
    bytes_str(ret->reply_text, text, sizeof(text));
    snprintf(msg, sizeof(msg),
             "No server listens on topic %s: the broker returned the request (%u %s)", key,
             (unsigned)ret->reply_code, text);
    pthread_mutex_lock(&d->lock);
    if ((p = pending_find(d, corr)) != NULL)
        pending_fail(p, EHOSTUNREACH, "MessageUndeliverable", msg);
    pthread_mutex_unlock(&d->lock);
}

/* basic.ack / basic.nack of publisher confirms. */
static void io_confirm(amqp_drv *d, uint64_t tag, bool multiple, bool ack)
{
    pthread_mutex_lock(&d->lock);
    for (pending *p = d->pending; p != NULL; p = p->next) {
        if (!p->is_cast || p->done || p->seq == 0 ||
            !(p->seq == tag || (multiple && p->seq <= tag)))
            continue;
        if (ack) {
            p->done = true;
            p->rc = 0;
            pthread_cond_signal(&p->cond);
        } else {
            pending_fail(p, ENOTCONN, "MessageDeliveryFailure",
                         "The broker refused the message (basic.nack)");
        }
    }
    pthread_mutex_unlock(&d->lock);
}

static int io_read_message(amqp_drv *d, amqp_channel_t ch, amqp_message_t *m, hh_error *err)
{
    amqp_rpc_reply_t r = amqp_read_message(d->conn, ch, m, 0);

    if (r.reply_type == AMQP_RESPONSE_NORMAL)
        return 0;
    return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure", "reading a message: %s",
                        r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION
                            ? amqp_error_string2(r.library_error)
                            : "the broker closed the channel");
}

/* Handle every frame librabbitmq has or can read without waiting. */
static int io_drain(amqp_drv *d, hh_error *err)
{
    for (;;) {
        struct timeval zero = {0, 0};
        amqp_frame_t f;
        amqp_message_t m;
        int st = amqp_simple_wait_frame_noblock(d->conn, &f, &zero), rc = 0;

        if (st == AMQP_STATUS_TIMEOUT)
            return 0;
        if (st != AMQP_STATUS_OK)
            return io_status(st, "reading from the broker", err);
        if (f.frame_type != AMQP_FRAME_METHOD)
            continue;
        switch (f.payload.method.id) {
        case AMQP_BASIC_DELIVER_METHOD: {
            const amqp_basic_deliver_t *dv = f.payload.method.decoded;
            char ctag[HH_RPC_TOPIC_MAX];
            uint64_t tag = dv->delivery_tag;
            bool again = dv->redelivered != 0;

            bytes_str(dv->consumer_tag, ctag, sizeof(ctag));
            if ((rc = io_read_message(d, f.channel, &m, err)) != 0)
                return rc;
            io_deliver(d, ctag, tag, again, &m);
            amqp_destroy_message(&m);
            break;
        }
        case AMQP_BASIC_RETURN_METHOD: {
            amqp_basic_return_t ret = *(const amqp_basic_return_t *)f.payload.method.decoded;
            char key[HH_RPC_TOPIC_MAX], text[128];

            /* the decoded strings live in librabbitmq's frame pool */
            bytes_str(ret.routing_key, key, sizeof(key));
            bytes_str(ret.reply_text, text, sizeof(text));
            ret.routing_key = amqp_cstring_bytes(key);
            ret.reply_text = amqp_cstring_bytes(text);
            if ((rc = io_read_message(d, f.channel, &m, err)) != 0)
                return rc;
            io_returned(d, &ret, &m);
            amqp_destroy_message(&m);
            break;
        }
        case AMQP_BASIC_ACK_METHOD: {
            const amqp_basic_ack_t *a = f.payload.method.decoded;

            io_confirm(d, a->delivery_tag, a->multiple, true);
            break;
        }
        case AMQP_BASIC_NACK_METHOD: {
            const amqp_basic_nack_t *a = f.payload.method.decoded;

            io_confirm(d, a->delivery_tag, a->multiple, false);
            break;
        }
        case AMQP_CHANNEL_CLOSE_METHOD:
        case AMQP_CONNECTION_CLOSE_METHOD: {
            const amqp_connection_close_t *c = f.payload.method.decoded;
            char text[256];

            bytes_str(c->reply_text, text, sizeof(text));
            rc = hh_error_set(
                err, ENOTCONN, "MessageDeliveryFailure", "the broker closed the %s: %u %s",
                f.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ? "channel" : "connection",
                (unsigned)c->reply_code, text);
            if (f.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD) {
                amqp_connection_close_ok_t ok = {.dummy = 0};

                amqp_send_method(d->conn, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
            }
            return rc;
        }
        case AMQP_BASIC_CANCEL_METHOD:
            return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure",
                                "the broker cancelled a consumer (its queue was deleted)");
        default:
            break;
        }
        amqp_maybe_release_buffers(d->conn);
    }
}

/* Serve the connection until it fails or the transport stops. */
static int io_run(amqp_drv *d, hh_error *err)
{
    int timeout = d->conf.heartbeat_s > 0 ? d->conf.heartbeat_s * 1000 / 4 : 1000;
    int rc;

    if (timeout < 100)
        timeout = 100;
    if (timeout > 1000)
        timeout = 1000;
    for (;;) {
        struct pollfd fds[2] = {{.fd = amqp_get_sockfd(d->conn), .events = POLLIN},
                                {.fd = d->efd, .events = POLLIN}};
        unsigned long req;

        pthread_mutex_lock(&d->lock);
        req = d->reconcile_req;
        if (d->stopping) {
            pthread_mutex_unlock(&d->lock);
            return 0;
        }
        pthread_mutex_unlock(&d->lock);
        if ((rc = io_commands(d, err)) != 0)
            return rc;
        if (req != d->reconcile_done) {
            if ((rc = io_reconcile(d, err)) != 0)
                return rc;
            pthread_mutex_lock(&d->lock);
            d->reconcile_done = req;
            pthread_cond_broadcast(&d->state_cv);
            pthread_mutex_unlock(&d->lock);
        }
        if ((rc = io_drain(d, err)) != 0)
            return rc;
        if (poll(fds, 2, timeout) > 0 && (fds[1].revents & POLLIN)) {
            uint64_t v;
            ssize_t n = read(d->efd, &v, sizeof(v));

            (void)n;
        }
    }
}

/* Connection lost or never made: fail what waits on it (lock held). */
static void fail_all_locked(amqp_drv *d, const char *why)
{
    cmd *c, *next;

    for (pending *p = d->pending; p != NULL; p = p->next)
        pending_fail(p, ENOTCONN, "MessageDeliveryFailure", why);
    for (c = d->cmd_head; c != NULL; c = next) {
        next = c->next;
        cmd_free(c);
    }
    d->cmd_head = d->cmd_tail = NULL;
}

static void set_state(amqp_drv *d, link_state s, const char *why)
{
    pthread_mutex_lock(&d->lock);
    d->state = s;
    if (why != NULL)
        snprintf(d->last_error, sizeof(d->last_error), "%s", why);
    if (s != ST_UP) {
        char msg[HH_ERROR_MSG_MAX];

        snprintf(msg, sizeof(msg), "The RPC transport is not connected to a broker: %s",
                 d->last_error);
        fail_all_locked(d, msg);
    }
    pthread_cond_broadcast(&d->state_cv);
    pthread_mutex_unlock(&d->lock);
}

/* Sleep seconds unless the transport stops; commands queued meanwhile fail. */
static void io_sleep(amqp_drv *d, double seconds)
{
    struct timespec until, now;

    deadline_in(&until, (long)(seconds * 1000));
    for (;;) {
        struct pollfd pfd = {.fd = d->efd, .events = POLLIN};
        long ms;

        pthread_mutex_lock(&d->lock);
        if (d->stopping) {
            pthread_mutex_unlock(&d->lock);
            return;
        }
        fail_all_locked(d, "The RPC transport is not connected to a broker");
        pthread_mutex_unlock(&d->lock);
        clock_gettime(CLOCK_MONOTONIC, &now);
        ms = (until.tv_sec - now.tv_sec) * 1000 + (until.tv_nsec - now.tv_nsec) / 1000000;
        if (ms <= 0)
            return;
        if (poll(&pfd, 1, (int)ms) > 0) {
            uint64_t v;
            ssize_t n = read(d->efd, &v, sizeof(v));

            (void)n;
        }
    }
}

/* One round over the brokers, from the one after the last that failed. */
static int io_connect(amqp_drv *d, hh_error *err)
{
    int rc = ENOTCONN;

    for (size_t i = 0; i < d->conf.nbrokers; i++) {
        const hh_amqp_broker *b = &d->conf.brokers[(d->next_broker + i) % d->conf.nbrokers];

        snprintf(d->where, sizeof(d->where), "%s@%s:%d", b->user, b->host, b->port);
        hh_error_clear(err);
        if ((rc = io_connect_one(d, b, err)) == 0) {
            d->next_broker = (d->next_broker + i) % d->conf.nbrokers;
            return 0;
        }
        hh_log_warning("AMQP server %s is unreachable: %s", d->where, err->message);
    }
    d->next_broker = (d->next_broker + 1) % d->conf.nbrokers;
    return rc;
}

static void *io_main(void *arg)
{
    amqp_drv *d = arg;
    int failed_rounds = 0;
    hh_error err;

    for (;;) {
        bool stopping;

        pthread_mutex_lock(&d->lock);
        stopping = d->stopping;
        if (!stopping)
            d->state = ST_CONNECTING;
        pthread_mutex_unlock(&d->lock);
        if (stopping)
            break;
        if (io_connect(d, &err) != 0) {
            double wait = hh_amqp_conf_retry_wait(&d->conf, ++failed_rounds);

            set_state(d, ST_DOWN, err.message);
            hh_log_error("AMQP: no broker reachable; trying again in %.1f s", wait);
            io_sleep(d, wait);
            continue;
        }
        failed_rounds = 0;
        d->pub_seq = 0;
        consumers_free(d);
        pthread_mutex_lock(&d->lock);
        d->reconcile_done = d->reconcile_req - 1; /* declare every topic again */
        pthread_mutex_unlock(&d->lock);
        hh_log_notice("AMQP: connected to %s (vhost %s)", d->where, d->conf.vhost);
        set_state(d, ST_UP, NULL);
        hh_error_clear(&err);
        if (io_run(d, &err) == 0) /* stopping */
            break;
        hh_log_error("AMQP: connection to %s lost: %s; reconnecting", d->where, err.message);
        pthread_mutex_lock(&d->lock);
        d->gen++;
        pthread_mutex_unlock(&d->lock);
        set_state(d, ST_DOWN, err.message);
        amqp_destroy_connection(d->conn);
        d->conn = NULL;
        d->next_broker = (d->next_broker + 1) % d->conf.nbrokers;
        io_sleep(d, d->conf.reconnect_delay);
    }
    if (d->conn != NULL) {
        io_commands(d, &err); /* the last replies */
        amqp_channel_close(d->conn, AMQP_CHANNEL, AMQP_REPLY_SUCCESS);
        amqp_connection_close(d->conn, AMQP_REPLY_SUCCESS);
        amqp_destroy_connection(d->conn);
        d->conn = NULL;
    }
    consumers_free(d);
    set_state(d, ST_DOWN, "the transport is closed");
    return NULL;
}

/* ---- workers ---- */

static cmd *reply_cmd(const job *j, char *body, size_t len)
{
    cmd *c = calloc(1, sizeof(*c));

    if (c == NULL) {
        free(body);
        return NULL;
    }
    c->kind = CMD_PUBLISH;
    snprintf(c->key, sizeof(c->key), "%s", j->reply_to);
    snprintf(c->corr, sizeof(c->corr), "%s", j->corr);
    c->body = body;
    c->len = len;
    return c;
}

static void post_settle(amqp_drv *d, const job *j, cmd_kind kind, bool requeue)
{
    cmd *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return; /* unsettled: the broker redelivers it after a reconnection */
    c->kind = kind;
    c->tag = j->tag;
    c->gen = j->gen;
    c->requeue = requeue;
    post(d, c);
}

static void work(amqp_drv *d, const job *j, hh_rpc_dispatch_fn fn, void *arg)
{
    hh_rpc_request *req = NULL;
    char *reply = NULL;
    size_t reply_len = 0;
    hh_error err;
    int rc;

    hh_error_clear(&err);
    rc = hh_rpc_request_decode(j->body, j->len, &req, &err);
    hh_rpc_request_free(req);
    if (rc == HH_EPARSE || rc == HH_ELIMIT) {
        hh_log_warning("RPC: rejected a message on topic %s that cannot be parsed: %s", j->topic,
                       err.message);
        post_settle(d, j, CMD_REJECT, false);
        if (j->reply_to[0] != '\0' &&
            hh_rpc_reply_encode_failure(&err, &reply, &reply_len, NULL) == 0) {
            cmd *c = reply_cmd(j, reply, reply_len);

            if (c != NULL)
                post(d, c);
        }
        return;
    }
    post_settle(d, j, CMD_ACK, false);
    if (hh_rpc_handle(fn, arg, j->body, j->len, &reply, &reply_len) != 0) {
        hh_log_error("RPC: out of memory answering a request on topic %s", j->topic);
        return;
    }
    if (j->reply_to[0] != '\0') {
        cmd *c = reply_cmd(j, reply, reply_len);

        if (c != NULL)
            post(d, c);
    } else {
        free(reply);
    }
}

static void *worker_main(void *arg)
{
    amqp_drv *d = arg;

    pthread_mutex_lock(&d->lock);
    for (;;) {
        job *j;
        served *t;

        while (!d->stopping && d->job_head == NULL)
            pthread_cond_wait(&d->work_cv, &d->lock);
        if (d->stopping)
            break;
        j = d->job_head;
        d->job_head = j->next;
        if (d->job_head == NULL)
            d->job_tail = NULL;
        t = topic_find(d, j->topic);
        if (t != NULL && t->removing)
            t = NULL;
        if (t != NULL)
            t->busy++;
        pthread_mutex_unlock(&d->lock);
        if (t == NULL)
            post_settle(d, j, CMD_REJECT, true); /* for another server of the topic */
        else
            work(d, j, t->fn, t->arg);
        pthread_mutex_lock(&d->lock);
        if (t != NULL && --t->busy == 0)
            pthread_cond_broadcast(&d->idle_cv);
        free(j->body);
        free(j);
    }
    pthread_mutex_unlock(&d->lock);
    return NULL;
}

/* ---- the vtable ---- */

static void amqp_close(void *state)
{
    amqp_drv *d = state;
    job *j, *jn;
    served *t, *tn;

    if (d == NULL)
        return;
    pthread_mutex_lock(&d->lock);
    d->stopping = true;
    pthread_cond_broadcast(&d->work_cv);
    pthread_cond_broadcast(&d->state_cv);
    pthread_mutex_unlock(&d->lock);
    wake(d);
    for (int i = 0; i < d->nworkers; i++)
        pthread_join(d->workers[i], NULL);
    if (d->io_started)
        pthread_join(d->io, NULL);
    for (j = d->job_head; j != NULL; j = jn) {
        jn = j->next;
        free(j->body);
        free(j);
    }
    for (t = d->topics; t != NULL; t = tn) {
        tn = t->next;
        free(t);
    }
    fail_all_locked(d, "the transport is closed");
    if (d->efd >= 0)
        close(d->efd);
    pthread_cond_destroy(&d->state_cv);
    pthread_cond_destroy(&d->work_cv);
    pthread_cond_destroy(&d->idle_cv);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

static int amqp_open(const hh_conf *conf, void **state, hh_error *err)
{
    amqp_drv *d;
    struct timespec now;
    int rc;

    *state = NULL;
    if ((d = calloc(1, sizeof(*d))) == NULL)
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    d->efd = -1;
    pthread_mutex_init(&d->lock, NULL);
    cond_init_mono(&d->state_cv);
    pthread_cond_init(&d->work_cv, NULL);
    pthread_cond_init(&d->idle_cv, NULL);
    d->state = ST_CONNECTING;
    snprintf(d->last_error, sizeof(d->last_error), "not connected yet");
    clock_gettime(CLOCK_REALTIME, &now);
    snprintf(d->corr_prefix, sizeof(d->corr_prefix), "%lx%lx-", (unsigned long)getpid(),
             (unsigned long)(now.tv_sec * 1000000000L + now.tv_nsec));
    if ((rc = hh_amqp_conf_load(conf, &d->conf, err)) != 0)
        goto fail;
    if ((d->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
        rc = hh_error_set(err, errno, "HeatException", "eventfd: %s", strerror(errno));
        goto fail;
    }
    for (int i = 0; i < AMQP_WORKERS; i++) {
        if ((rc = pthread_create(&d->workers[i], NULL, worker_main, d)) != 0) {
            hh_error_set(err, rc, "HeatException", "cannot start an RPC thread: %s",
                         hh_strerror(rc));
            goto fail;
        }
        d->nworkers++;
    }
    if ((rc = pthread_create(&d->io, NULL, io_main, d)) != 0) {
        hh_error_set(err, rc, "HeatException", "cannot start the AMQP thread: %s", hh_strerror(rc));
        goto fail;
    }
    d->io_started = true;
    *state = d;
    return 0;
fail:
    amqp_close(d);
    return rc;
}

/* Wait while a connection attempt is under way (lock held); 0 when up,
 * else ENOTCONN with err filled. */
static int wait_up_locked(amqp_drv *d, const struct timespec *until, hh_error *err)
{
    while (!d->stopping && d->state == ST_CONNECTING)
        if (pthread_cond_timedwait(&d->state_cv, &d->lock, until) == ETIMEDOUT)
            break;
    if (d->stopping)
        return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure", "the transport is closed");
    if (d->state != ST_UP)
        return hh_error_set(err, ENOTCONN, "MessageDeliveryFailure",
                            "The RPC transport is not connected to a broker: %s", d->last_error);
    return 0;
}

/* Send bytes to topic and wait for the reply (a call) or the confirm (a
 * cast) until timeout_ms. */
static int send_wait(amqp_drv *d, const char *topic, const char *req, size_t len, int timeout_ms,
                     bool is_cast, json_t **result, hh_error *err)
{
    pending *p = calloc(1, sizeof(*p));
    cmd *c = calloc(1, sizeof(*c));
    struct timespec until;
    int rc;

    if (p == NULL || c == NULL || (c->body = dup_bytes(req, len)) == NULL) {
        cmd_free(c);
        free(p);
        return hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    }
    cond_init_mono(&p->cond);
    p->is_cast = is_cast;
    c->kind = CMD_PUBLISH;
    c->to_topic = true;
    c->want_reply = !is_cast;
    c->mandatory = !is_cast;
    c->expiration_ms = is_cast ? 0 : timeout_ms;
    c->len = len;
    snprintf(c->key, sizeof(c->key), "%s", topic);
    deadline_in(&until, timeout_ms);

    pthread_mutex_lock(&d->lock);
    snprintf(p->corr, sizeof(p->corr), "%s%" PRIu64, d->corr_prefix, ++d->corr_next);
    snprintf(c->corr, sizeof(c->corr), "%s", p->corr);
    if ((rc = wait_up_locked(d, &until, err)) != 0) {
        cmd_free(c);
        goto done;
    }
    p->next = d->pending;
    d->pending = p;
    post_locked(d, c);
    wake(d);
    while (!p->done)
        if (pthread_cond_timedwait(&p->cond, &d->lock, &until) == ETIMEDOUT)
            break;
    pending_unlink(d, p);
    if (!p->done) {
        rc = hh_error_set(err, ETIMEDOUT, "MessagingTimeout",
                          is_cast ? "Timed out waiting for the broker to confirm a cast on topic "
                                    "%s after %d ms"
                                  : "Timed out waiting for a reply to a call on topic %s after %d "
                                    "ms",
                          topic, timeout_ms);
    } else if (p->rc != 0) {
        if (err != NULL)
            *err = p->err;
        rc = p->rc;
    }
done:
    pthread_mutex_unlock(&d->lock);
    if (rc == 0 && !is_cast)
        rc = hh_rpc_reply_decode(p->reply, p->reply_len, result, err);
    pthread_cond_destroy(&p->cond);
    free(p->reply);
    free(p);
    return rc;
}

static int amqp_call(void *state, const char *topic, const char *req, size_t len, int timeout_ms,
                     json_t **result, hh_error *err)
{
    *result = NULL;
    return send_wait(state, topic, req, len, timeout_ms, false, result, err);
}

static int amqp_cast(void *state, const char *topic, const char *req, size_t len, hh_error *err)
{
    amqp_drv *d = state;

    return send_wait(d, topic, req, len, d->conf.timeout_ms, true, NULL, err);
}

/* Ask the I/O thread to reconcile the consumers and wait for it while it
 * is connected or connecting (lock held). */
static void reconcile_locked(amqp_drv *d)
{
    unsigned long want = ++d->reconcile_req;
    struct timespec until;

    wake(d);
    deadline_in(&until, AMQP_RPC_TIMEOUT_S * 3 * 1000L);
    while (!d->stopping && (d->state == ST_CONNECTING ||
                            (d->state == ST_UP && (long)(d->reconcile_done - want) < 0)))
        if (pthread_cond_timedwait(&d->state_cv, &d->lock, &until) == ETIMEDOUT)
            break;
}

static int amqp_listen(void *state, const char *name, hh_rpc_dispatch_fn fn, void *arg,
                       hh_error *err)
{
    amqp_drv *d = state;
    served *t;
    int rc = 0;

    pthread_mutex_lock(&d->lock);
    if (topic_find(d, name) != NULL) {
        rc = hh_error_set(err, HH_EEXISTS, "Invalid", "topic %s is already served", name);
    } else if ((t = calloc(1, sizeof(*t))) == NULL) {
        rc = hh_error_set(err, ENOMEM, "HeatException", "out of memory");
    } else {
        snprintf(t->name, sizeof(t->name), "%s", name);
        t->fn = fn;
        t->arg = arg;
        t->next = d->topics;
        d->topics = t;
        reconcile_locked(d);
    }
    pthread_mutex_unlock(&d->lock);
    return rc;
}

static int amqp_unlisten(void *state, const char *name)
{
    amqp_drv *d = state;
    served *t;

    pthread_mutex_lock(&d->lock);
    if ((t = topic_find(d, name)) == NULL || t->removing) {
        pthread_mutex_unlock(&d->lock);
        return HH_ENOTFOUND;
    }
    t->removing = true;
    reconcile_locked(d);
    for (served **tp = &d->topics; *tp != NULL; tp = &(*tp)->next)
        if (*tp == t) {
            *tp = t->next;
            break;
        }
    while (t->busy > 0)
        pthread_cond_wait(&d->idle_cv, &d->lock);
    pthread_mutex_unlock(&d->lock);
    free(t);
    return 0;
}

static bool amqp_connected(void *state)
{
    amqp_drv *d = state;
    bool up;

    pthread_mutex_lock(&d->lock);
    up = d->state == ST_UP;
    pthread_mutex_unlock(&d->lock);
    return up;
}

const hh_rpc_driver hh_rpc_amqp = {
    .name = "amqp",
    .open = amqp_open,
    .close = amqp_close,
    .call = amqp_call,
    .cast = amqp_cast,
    .listen = amqp_listen,
    .unlisten = amqp_unlisten,
    .connected = amqp_connected,
};
