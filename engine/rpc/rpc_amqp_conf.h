/* rpc_amqp_conf: where and how the AMQP driver connects, from heat.conf.
 *
 * [DEFAULT] transport_url, oslo.messaging's form:
 *   rabbit://[user[:pass]@]host[:port][,[user[:pass]@]host[:port]...]/[vhost][?query]
 * ("amqp://" is the same; user, password and vhost are percent-decoded; a
 * host may be a bracketed IPv6 address; the query is ignored). Each host is
 * one broker, tried in the order given; a host without credentials takes
 * [oslo_messaging_rabbit] rabbit_userid and rabbit_password, without a port
 * 5672; an empty vhost is "/". "rabbit://" (or "amqp://") naming no host
 * takes the seed's legacy keys of [oslo_messaging_rabbit]: rabbit_hosts
 * (host[:port] items) or else rabbit_host and rabbit_port, rabbit_userid,
 * rabbit_password, rabbit_virtual_host.
 *
 * Timing keys, oslo.messaging's names and defaults: heartbeat_timeout_threshold
 * (s, 0 = no heartbeats), rabbit_retry_interval, rabbit_retry_backoff,
 * rabbit_interval_max (the wait before the n-th reconnection attempt round
 * is min(interval + (n - 1) * backoff, max)), kombu_reconnect_delay (s
 * after a lost connection before the first attempt), [DEFAULT]
 * control_exchange (the topic exchange requests go through),
 * amqp_durable_queues, rpc_response_timeout. Unregistered keys take the
 * defaults, so a conf of any program (or NULL) works.
 */
#ifndef HH_RPC_AMQP_CONF_H
#define HH_RPC_AMQP_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "hh_conf.h"
#include "hh_error.h"

#define HH_AMQP_FIELD_MAX 256 /* bytes of a host, user, password, vhost, exchange */
#define HH_AMQP_BROKERS_MAX 16
#define HH_AMQP_DEFAULT_PORT 5672

typedef struct hh_amqp_broker {
    char host[HH_AMQP_FIELD_MAX]; /* without IPv6 brackets */
    int port;
    char user[HH_AMQP_FIELD_MAX];
    char password[HH_AMQP_FIELD_MAX];
} hh_amqp_broker;

typedef struct hh_amqp_conf {
    hh_amqp_broker brokers[HH_AMQP_BROKERS_MAX];
    size_t nbrokers; /* >= 1 */
    char vhost[HH_AMQP_FIELD_MAX];
    char exchange[HH_AMQP_FIELD_MAX];
    int heartbeat_s;       /* heartbeat_timeout_threshold; 0: none */
    double retry_interval; /* seconds */
    double retry_backoff;
    double interval_max;
    double reconnect_delay;
    int timeout_ms; /* rpc_response_timeout: a cast's wait for its confirm */
    bool durable;
} hh_amqp_conf;

/* Fill *out from conf (borrowed, may be NULL: "rabbit://" with every
 * default). HH_ECONFIG with err (type Invalid) naming the key when
 * transport_url is malformed (no password ever appears in the message). */
int hh_amqp_conf_load(const hh_conf *conf, hh_amqp_conf *out, hh_error *err);

/* The same from url (borrowed) instead of [DEFAULT] transport_url. */
int hh_amqp_conf_parse(const hh_conf *conf, const char *url, hh_amqp_conf *out, hh_error *err);

/* The wait in seconds before attempt round n (n >= 1) after the first
 * failed one: min(retry_interval + (n - 1) * retry_backoff, interval_max). */
double hh_amqp_conf_retry_wait(const hh_amqp_conf *c, int n);

#endif
