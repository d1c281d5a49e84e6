/* The AMQP RPC driver: transport_url parsing (always), then, with brokers
 * (tests/rpc/amqp_driver.sh starts two: HH_TEST_RABBIT_WORK and
 * HH_TEST_RABBITCTL name them), call, cast, timeout, an unroutable call, a
 * bad message rejected, concurrency, unserve, reconnection after a broker
 * restart and failover to the second broker. */
#include "config.h"

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hh_conf.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "rpc.h"
#include "rpc_amqp_conf.h"
#include "tap.h"

static int scale = 1; /* waits x10 under valgrind */

/* ---- transport_url ---- */

static hh_conf *new_conf(void)
{
    hh_conf *conf = hh_conf_new();

    hh_opts_register_api(conf);
    return conf;
}

static void test_conf(void)
{
    hh_conf *conf = new_conf();
    hh_amqp_conf c;
    hh_error err;

    hh_error_clear(&err);
    is_int(hh_amqp_conf_parse(conf, "rabbit://u:p%40ss@h1:5673,v:q@[::1]:5674,h3/vh%2Fx", &c, &err),
           0, "a URL with three brokers parses");
    is_int(c.nbrokers, 3, "... three brokers");
    is_str(c.brokers[0].host, "h1", "... first host");
    is_int(c.brokers[0].port, 5673, "... its port");
    is_str(c.brokers[0].password, "p@ss", "... its password, percent-decoded");
    is_str(c.brokers[1].host, "::1", "... an IPv6 host without brackets");
    is_int(c.brokers[1].port, 5674, "... its port");
    is_str(c.brokers[1].user, "v", "... its own user");
    is_str(c.brokers[2].user, "guest", "... a host without credentials takes rabbit_userid");
    is_int(c.brokers[2].port, 5672, "... and port 5672");
    is_str(c.vhost, "vh/x", "... the vhost, percent-decoded");
    is_int(hh_amqp_conf_parse(conf, "amqp://h/", &c, &err), 0, "amqp:// with an empty vhost");
    is_str(c.vhost, "/", "... is vhost /");

    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_hosts", "r1:1001,r2", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_port", "1234", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_userid", "heat", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_password", "secret", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_virtual_host", "prod", &err);
    is_int(hh_amqp_conf_parse(conf, "rabbit://", &c, &err), 0, "rabbit:// takes the legacy keys");
    ok(c.nbrokers == 2 && strcmp(c.brokers[0].host, "r1") == 0 && c.brokers[0].port == 1001 &&
           strcmp(c.brokers[1].host, "r2") == 0 && c.brokers[1].port == 1234,
       "... rabbit_hosts, rabbit_port for a host without one");
    ok(strcmp(c.brokers[1].user, "heat") == 0 && strcmp(c.brokers[1].password, "secret") == 0 &&
           strcmp(c.vhost, "prod") == 0,
       "... rabbit_userid, rabbit_password, rabbit_virtual_host");
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_hosts", NULL, &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_host", "single", &err);
    is_int(hh_amqp_conf_parse(conf, "rabbit://", &c, &err), 0, "rabbit:// without rabbit_hosts");
    ok(c.nbrokers == 1 && strcmp(c.brokers[0].host, "single") == 0 && c.brokers[0].port == 1234,
       "... rabbit_host and rabbit_port");
    is_str(c.exchange, "heat", "control_exchange defaults to heat");
    ok(c.retry_interval == 1 && c.retry_backoff == 2 && c.interval_max == 30 &&
           c.reconnect_delay == 1.0 && c.heartbeat_s == 60,
       "oslo.messaging's timing defaults");
    ok(hh_amqp_conf_retry_wait(&c, 1) == 1 && hh_amqp_conf_retry_wait(&c, 3) == 5 &&
           hh_amqp_conf_retry_wait(&c, 100) == 30,
       "retry waits grow by rabbit_retry_backoff up to rabbit_interval_max");

    static const char *const bad[] = {
        "kafka://h:1/",   "rabbit:/h",          "rabbit://h:0/",      "rabbit://h:99999/",
        "rabbit://h:x/",  "rabbit://::1:5672/", "rabbit://u:p%zz@h/", "rabbit://h1,,h2/",
        "rabbit://[::1/", "rabbit://u:p@/",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        hh_error_clear(&err);
        ok(hh_amqp_conf_parse(conf, bad[i], &c, &err) == HH_ECONFIG && err.type != NULL &&
               strstr(err.message, "transport_url") != NULL,
           "bad transport_url %zu is HH_ECONFIG naming the key", i);
    }
    hh_error_clear(&err);
    hh_amqp_conf_parse(conf, "rabbit://u:topsecret@h:1/", &c, &err);
    hh_amqp_conf_parse(conf, "rabbit://u:topsecret@h:0/", &c, &err);
    ok(strstr(err.message, "topsecret") == NULL, "no password in the error");
    hh_conf_free(conf);
}

/* ---- a server ---- */

typedef struct server_state {
    pthread_mutex_t lock;
    int casts;
    int calls;
} server_state;

static int dispatch(void *arg, const hh_rpc_request *req, json_t **result, hh_error *err)
{
    server_state *st = arg;
    const char *what = json_string_value(json_object_get(req->args, "stack_identity"));

    pthread_mutex_lock(&st->lock);
    st->calls++;
    pthread_mutex_unlock(&st->lock);
    if (what == NULL)
        what = "";
    if (strcmp(what, "slow") == 0) {
        usleep(1500 * 1000);
    } else if (strcmp(what, "fail") == 0) {
        return hh_error_set(err, HH_ENOTFOUND, "EntityNotFound",
                            "The Stack (x) could not be found.");
    } else if (strcmp(what, "count") == 0) {
        pthread_mutex_lock(&st->lock);
        st->casts++;
        pthread_mutex_unlock(&st->lock);
    }
    *result = json_pack("{s:s}", "echo", what);
    return 0;
}

static hh_rpc_request *request(const char *what)
{
    return hh_rpc_request_new("stack_check", json_pack("{s:s}", "stack_identity", what), NULL);
}

/* One call of stack_check(what) on topic: rc, and the echo checked. */
static int call(hh_rpc *rpc, const char *topic, const char *what, int timeout_ms, hh_error *err)
{
    hh_rpc_request *req = request(what);
    json_t *res = NULL;
    int rc;

    hh_error_clear(err);
    rc = hh_rpc_call(rpc, topic, req, timeout_ms, &res, err);
    if (rc == 0 && strcmp(json_string_value(json_object_get(res, "echo")) ?: "", what) != 0)
        rc = hh_error_set(err, HH_EINTERNAL, NULL, "a reply for another request");
    json_decref(res);
    hh_rpc_request_free(req);
    return rc;
}

static int cast(hh_rpc *rpc, const char *topic, const char *what, hh_error *err)
{
    hh_rpc_request *req = request(what);
    int rc;

    hh_error_clear(err);
    rc = hh_rpc_cast(rpc, topic, req, err);
    hh_rpc_request_free(req);
    return rc;
}

static const char *type_of(const hh_error *err)
{
    return err->type != NULL ? err->type : "(none)";
}

static char *ctl_out(const char *cmd, const char *name)
{
    char line[1024], *out = NULL;
    FILE *p;

    snprintf(line, sizeof(line), "\"%s\" \"%s\" %s %s", getenv("HH_TEST_RABBITCTL"),
             getenv("HH_TEST_RABBIT_WORK"), cmd, name);
    if ((p = popen(line, "r")) == NULL)
        return NULL;
    if (fgets(line, sizeof(line), p) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        out = strdup(line);
    }
    pclose(p);
    return out;
}

static int ctl(const char *cmd, const char *name)
{
    char line[1024];

    snprintf(line, sizeof(line), "\"%s\" \"%s\" %s %s >/dev/null", getenv("HH_TEST_RABBITCTL"),
             getenv("HH_TEST_RABBIT_WORK"), cmd, name);
    return system(line);
}

static hh_conf *broker_conf(const char *url)
{
    hh_conf *conf = new_conf();
    hh_error err;

    hh_error_clear(&err);
    hh_conf_set(conf, "DEFAULT", "transport_url", url, &err);
    hh_conf_set(conf, "DEFAULT", "rpc_response_timeout", scale > 1 ? "60" : "10", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "heartbeat_timeout_threshold", "4", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_retry_interval", "1", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "rabbit_retry_backoff", "0", &err);
    hh_conf_set(conf, "oslo_messaging_rabbit", "kombu_reconnect_delay", "0.2", &err);
    return conf;
}

/* Call until one succeeds, for at most tenths/10 s (x scale). */
static int call_until_ok(hh_rpc *rpc, const char *topic, int tenths, hh_error *err)
{
    int rc = -1;

    for (int i = 0; i < tenths * scale && rc != 0; i++) {
        if ((rc = call(rpc, topic, "again", 2000 * scale, err)) != 0)
            usleep(100 * 1000);
    }
    return rc;
}

/* ---- concurrency ---- */

typedef struct caller {
    pthread_t th;
    hh_rpc *rpc;
    int id;
    int good;
} caller;

static void *caller_main(void *arg)
{
    caller *c = arg;
    char what[32];
    hh_error err;

    for (int i = 0; i < 25; i++) {
        snprintf(what, sizeof(what), "c%d-%d", c->id, i);
        if (call(c->rpc, HH_RPC_ENGINE_TOPIC, what, 10000 * scale, &err) == 0)
            c->good++;
        else if (c->good == i)
            diag("caller %d call %d: %s %s", c->id, i, type_of(&err), err.message);
    }
    return NULL;
}

/* ---- a raw client: what a broken or hostile peer sends ---- */

/* Publish body to the engine topic with a reply queue; the reply's bytes
 * (new) or NULL. */
static char *raw_request(int port, const char *body)
{
    amqp_connection_state_t conn = amqp_new_connection();
    amqp_socket_t *sock = amqp_tcp_socket_new(conn);
    amqp_basic_properties_t props;
    amqp_queue_declare_ok_t *q;
    amqp_envelope_t env;
    struct timeval tv = {.tv_sec = 10 * scale};
    char *reply = NULL, qname[256];

    if (amqp_socket_open(sock, "127.0.0.1", port) != 0)
        goto done;
    if (amqp_login(conn, "/", 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, "guest", "guest").reply_type !=
        AMQP_RESPONSE_NORMAL)
        goto done;
    amqp_channel_open(conn, 1);
    q = amqp_queue_declare(conn, 1, amqp_empty_bytes, 0, 0, 1, 1, amqp_empty_table);
    if (q == NULL)
        goto done;
    snprintf(qname, sizeof(qname), "%.*s", (int)q->queue.len, (char *)q->queue.bytes);
    amqp_basic_consume(conn, 1, amqp_cstring_bytes(qname), amqp_empty_bytes, 0, 1, 1,
                       amqp_empty_table);
    memset(&props, 0, sizeof(props));
    props._flags = AMQP_BASIC_REPLY_TO_FLAG | AMQP_BASIC_CORRELATION_ID_FLAG;
    props.reply_to = amqp_cstring_bytes(qname);
    props.correlation_id = amqp_cstring_bytes("raw-1");
    amqp_basic_publish(conn, 1, amqp_cstring_bytes("heat"), amqp_cstring_bytes("engine"), 0, 0,
                       &props, amqp_cstring_bytes(body));
    if (amqp_consume_message(conn, &env, &tv, 0).reply_type == AMQP_RESPONSE_NORMAL) {
        reply = strndup(env.message.body.bytes, env.message.body.len);
        amqp_destroy_envelope(&env);
    }
    amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS);
    amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
done:
    amqp_destroy_connection(conn);
    return reply;
}

static int count_lines(FILE *f, const char *needle)
{
    char line[4096];
    int n = 0;

    fflush(f);
    rewind(f);
    while (fgets(line, sizeof(line), f) != NULL)
        n += strstr(line, needle) != NULL;
    fseek(f, 0, SEEK_END);
    return n;
}

static void test_broker(void)
{
    server_state st = {.lock = PTHREAD_MUTEX_INITIALIZER};
    char *url_a = ctl_out("url", "a"), *url_b = ctl_out("url", "b"), *port_a = ctl_out("port", "a");
    char *port_b = ctl_out("port", "b"), two[512], *reply;
    hh_conf *conf = NULL, *conf2 = NULL;
    hh_rpc *srv = NULL, *cli = NULL, *srv2 = NULL, *cli2 = NULL;
    caller callers[6];
    FILE *log = tmpfile();
    json_t *res = NULL;
    hh_error err;
    int rc, good;

    hh_error_clear(&err);
    if (!ok(url_a != NULL && url_b != NULL && port_a != NULL && port_b != NULL && log != NULL,
            "two brokers: %s and %s", url_a ? url_a : "?", url_b ? url_b : "?"))
        goto done;
    hh_log_set_stream(log);
    conf = broker_conf(url_a);
    srv = hh_rpc_new("amqp", conf, &err);
    cli = hh_rpc_new("amqp", conf, &err);
    if (!ok(srv != NULL && cli != NULL, "server and client transports open: %s", err.message))
        goto done;
    is_int(hh_rpc_serve(srv, HH_RPC_ENGINE_TOPIC, dispatch, &st, &err), 0, "serve engine");
    is_int(hh_rpc_serve(srv, HH_RPC_ENGINE_TOPIC, dispatch, &st, &err), HH_EEXISTS,
           "serving it twice is HH_EEXISTS");

    /* call */
    rc = call(cli, HH_RPC_ENGINE_TOPIC, "hello", 0, &err);
    is_int(rc, 0, "a call gets its reply through the broker (%s)", err.message);
    rc = call(cli, HH_RPC_ENGINE_TOPIC, "fail", 0, &err);
    ok(rc == HH_ENOTFOUND && strcmp(type_of(&err), "EntityNotFound") == 0 &&
           strstr(err.message, "could not be found") != NULL,
       "a failure comes back typed: %s %s", type_of(&err), err.message);

    /* many callers at once, each gets its own replies */
    for (int i = 0; i < 6; i++) {
        callers[i] = (caller){.rpc = cli, .id = i};
        pthread_create(&callers[i].th, NULL, caller_main, &callers[i]);
    }
    good = 0;
    for (int i = 0; i < 6; i++) {
        pthread_join(callers[i].th, NULL);
        good += callers[i].good;
    }
    is_int(good, 150, "150 concurrent calls from 6 threads, each with its own reply");

    /* timeout: the late reply is dropped, the next call gets its own */
    rc = call(cli, HH_RPC_ENGINE_TOPIC, "slow", 300, &err);
    ok(rc == ETIMEDOUT && strcmp(type_of(&err), "MessagingTimeout") == 0,
       "a call past its timeout is MessagingTimeout (rc %d %s)", rc, type_of(&err));
    is_int(call(cli, HH_RPC_ENGINE_TOPIC, "after", 5000 * scale, &err), 0,
           "the next call gets its own reply, not the late one");

    /* nobody serves the topic */
    rc = call(cli, "nobody-serves-this", "x", 5000 * scale, &err);
    ok(rc == EHOSTUNREACH && strcmp(type_of(&err), "MessageUndeliverable") == 0,
       "a call no queue takes fails at once: MessageUndeliverable (rc %d %s)", rc, type_of(&err));

    /* casts are confirmed by the broker, then run */
    rc = 0;
    for (int i = 0; i < 20; i++)
        rc |= cast(cli, HH_RPC_ENGINE_TOPIC, "count", &err);
    is_int(rc, 0, "20 casts confirmed by the broker");
    for (int i = 0; i < 100 * scale; i++) {
        pthread_mutex_lock(&st.lock);
        good = st.casts;
        pthread_mutex_unlock(&st.lock);
        if (good == 20)
            break;
        usleep(100 * 1000);
    }
    is_int(good, 20, "... and each ran once on the server");

    /* a message that cannot be parsed */
    pthread_mutex_lock(&st.lock);
    good = st.calls;
    pthread_mutex_unlock(&st.lock);
    reply = raw_request(atoi(port_a), "{not json");
    hh_error_clear(&err);
    ok(reply != NULL && hh_rpc_reply_decode(reply, strlen(reply), &res, &err) == HH_EPARSE &&
           strcmp(type_of(&err), "Invalid") == 0,
       "a message that is not JSON gets an Invalid failure reply (%s)", reply ? reply : "none");
    free(reply);
    json_decref(res);
    res = NULL;
    is_int(call(cli, HH_RPC_ENGINE_TOPIC, "still", 5000 * scale, &err), 0,
           "the server still answers after it");
    pthread_mutex_lock(&st.lock);
    is_int(st.calls - good, 1, "the dispatcher never saw the bad message");
    pthread_mutex_unlock(&st.lock);
    is_int(count_lines(log, "cannot be parsed"), 1,
           "it was logged and rejected once (not requeued)");

    /* a server's own topic goes away with its consumer */
    is_int(hh_rpc_serve(srv, "heat-engine-listener.e1", dispatch, &st, &err), 0,
           "serve a per-engine topic");
    is_int(call(cli, "heat-engine-listener.e1", "direct", 5000 * scale, &err), 0,
           "a call to it is answered");
    is_int(hh_rpc_unserve(srv, "heat-engine-listener.e1"), 0, "unserve it");
    is_int(hh_rpc_unserve(srv, "heat-engine-listener.e1"), HH_ENOTFOUND, "unserve it again");
    rc = call(cli, "heat-engine-listener.e1", "direct", 5000 * scale, &err);
    is_int(rc, EHOSTUNREACH, "its queue is gone: MessageUndeliverable");

    /* broker restart: failures while it is down, then recovery by itself */
    is_int(ctl("stop", "a"), 0, "broker a stopped");
    rc = call(cli, HH_RPC_ENGINE_TOPIC, "down", 5000 * scale, &err);
    ok(rc == ENOTCONN && strcmp(type_of(&err), "MessageDeliveryFailure") == 0,
       "a call while the broker is down: MessageDeliveryFailure (rc %d %s: %s)", rc, type_of(&err),
       err.message);
    rc = cast(cli, HH_RPC_ENGINE_TOPIC, "down", &err);
    ok(rc == ENOTCONN && strcmp(type_of(&err), "MessageDeliveryFailure") == 0,
       "a cast too (rc %d %s)", rc, type_of(&err));
    is_int(ctl("start", "a"), 0, "broker a started again");
    is_int(call_until_ok(cli, HH_RPC_ENGINE_TOPIC, 300, &err), 0,
           "both transports reconnect and the topic is served again (%s)", err.message);
    is_int(cast(cli, HH_RPC_ENGINE_TOPIC, "count", &err), 0, "casts are confirmed again");

    /* failover across two brokers */
    snprintf(two, sizeof(two), "rabbit://guest:guest@127.0.0.1:%s,guest:guest@127.0.0.1:%s/",
             port_a, port_b);
    conf2 = broker_conf(two);
    srv2 = hh_rpc_new("amqp", conf2, &err);
    cli2 = hh_rpc_new("amqp", conf2, &err);
    is_int(hh_rpc_serve(srv2, "failover", dispatch, &st, &err), 0, "serve failover on a,b");
    is_int(call_until_ok(cli2, "failover", 100, &err), 0, "a call through broker a");
    is_int(ctl("kill", "a"), 0, "broker a killed (-9)");
    is_int(call_until_ok(cli2, "failover", 300, &err), 0,
           "both transports fail over to broker b by themselves (%s)", err.message);
    is_int(cast(cli2, "failover", "count", &err), 0, "a cast through broker b is confirmed");

done:
    hh_rpc_free(cli2);
    hh_rpc_free(srv2);
    hh_rpc_free(cli);
    hh_rpc_free(srv);
    hh_conf_free(conf2);
    hh_conf_free(conf);
    hh_log_set_stream(stderr);
    if (log != NULL)
        fclose(log);
    free(url_a);
    free(url_b);
    free(port_a);
    free(port_b);
}

int main(void)
{
    plan_lazy();
    if (getenv("HH_VALGRIND") != NULL && getenv("HH_VALGRIND")[0] != '\0')
        scale = 10;
    hh_log_open("test_rpc_amqp", true, false);
    test_conf();
    if (getenv("HH_TEST_RABBITCTL") != NULL && getenv("HH_TEST_RABBIT_WORK") != NULL)
        test_broker();
    else
        diag("no brokers (HH_TEST_RABBITCTL, HH_TEST_RABBIT_WORK): transport_url tests only");
    hh_log_close();
    return done_testing();
}
