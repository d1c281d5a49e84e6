/* rpc_amqp_conf: transport_url and the [oslo_messaging_rabbit] keys. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"
#include "rpc_amqp_conf.h"

#define RABBIT "oslo_messaging_rabbit"

/* Percent-decode n bytes of s into out (size HH_AMQP_FIELD_MAX); false when
 * too long, a %-escape is broken or it decodes to a NUL. */
static bool unquote(const char *s, size_t n, char *out)
{
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        char c = s[i];

        if (c == '%') {
            int hi, lo;

            if (i + 2 >= n || (hi = hh_py_hexdigit(s[i + 1])) < 0 ||
                (lo = hh_py_hexdigit(s[i + 2])) < 0)
                return false;
            c = (char)(hi * 16 + lo);
            if (c == '\0')
                return false;
            i += 2;
        }
        if (o + 1 >= HH_AMQP_FIELD_MAX)
            return false;
        out[o++] = c;
    }
    out[o] = '\0';
    return true;
}

/* host[:port] or [v6]:port of n bytes at s into b (def_port when none). */
static bool parse_host_port(const char *s, size_t n, int def_port, hh_amqp_broker *b)
{
    const char *end = s + n, *colon = NULL, *h = s;
    size_t hl;

    if (n == 0)
        return false;
    if (s[0] == '[') {
        const char *close = memchr(s, ']', n);

        if (close == NULL || close == s + 1)
            return false;
        h = s + 1;
        hl = (size_t)(close - h);
        if (close + 1 < end) {
            if (close[1] != ':')
                return false;
            colon = close + 1;
        }
    } else {
        colon = memchr(s, ':', n);
        hl = colon != NULL ? (size_t)(colon - s) : n;
        if (colon != NULL && memchr(colon + 1, ':', (size_t)(end - colon - 1)) != NULL)
            return false; /* an IPv6 address needs brackets */
    }
    if (hl == 0 || hl >= sizeof(b->host))
        return false;
    memcpy(b->host, h, hl);
    b->host[hl] = '\0';
    b->port = def_port;
    if (colon != NULL) {
        long p = 0;

        if (colon + 1 == end)
            return false;
        for (const char *q = colon + 1; q < end; q++) {
            if (*q < '0' || *q > '9' || (p = p * 10 + (*q - '0')) > 65535)
                return false;
        }
        if (p == 0)
            return false;
        b->port = (int)p;
    }
    return true;
}

/* One "user:pass@host:port" item of n bytes at s; credentials default to
 * user and pass. */
static bool parse_item(const char *s, size_t n, const char *user, const char *pass,
                       hh_amqp_broker *b)
{
    const char *at = NULL;

    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == '@') {
            at = s + i - 1;
            break;
        }
    snprintf(b->user, sizeof(b->user), "%s", user);
    snprintf(b->password, sizeof(b->password), "%s", pass);
    if (at != NULL) {
        const char *colon = memchr(s, ':', (size_t)(at - s));
        size_t ul = colon != NULL ? (size_t)(colon - s) : (size_t)(at - s);

        if (!unquote(s, ul, b->user))
            return false;
        if (colon != NULL && !unquote(colon + 1, (size_t)(at - colon - 1), b->password))
            return false;
        n -= (size_t)(at + 1 - s);
        s = at + 1;
    }
    return parse_host_port(s, n, HH_AMQP_DEFAULT_PORT, b);
}

static const char *str_or(const hh_conf *conf, const char *group, const char *name, const char *def)
{
    const char *v = conf != NULL ? hh_conf_get_str(conf, group, name) : NULL;

    return v != NULL ? v : def;
}

/* The legacy keys: rabbit_hosts, else rabbit_host and rabbit_port. */
static int legacy_brokers(const hh_conf *conf, hh_amqp_conf *out, hh_error *err)
{
    const char *user = str_or(conf, RABBIT, "rabbit_userid", "guest");
    const char *pass = str_or(conf, RABBIT, "rabbit_password", "guest");
    const char *const *hosts = NULL;
    int port = conf != NULL ? hh_conf_get_int(conf, RABBIT, "rabbit_port") : 0;
    size_t n = 0;

    if (port <= 0)
        port = HH_AMQP_DEFAULT_PORT;
    if (conf != NULL)
        hosts = hh_conf_get_list(conf, RABBIT, "rabbit_hosts", &n);
    if (n > HH_AMQP_BROKERS_MAX)
        return hh_error_set(err, HH_ECONFIG, "Invalid",
                            "[oslo_messaging_rabbit] rabbit_hosts: more than %d brokers",
                            HH_AMQP_BROKERS_MAX);
    for (size_t i = 0; i < n; i++) {
        hh_amqp_broker *b = &out->brokers[i];

        if (!parse_host_port(hosts[i], strlen(hosts[i]), port, b))
            return hh_error_set(err, HH_ECONFIG, "Invalid",
                                "[oslo_messaging_rabbit] rabbit_hosts: \"%s\" is not host[:port]",
                                hosts[i]);
        snprintf(b->user, sizeof(b->user), "%s", user);
        snprintf(b->password, sizeof(b->password), "%s", pass);
    }
    out->nbrokers = n;
    if (n == 0) {
        hh_amqp_broker *b = &out->brokers[0];

        snprintf(b->host, sizeof(b->host), "%s", str_or(conf, RABBIT, "rabbit_host", "localhost"));
        b->port = port;
        snprintf(b->user, sizeof(b->user), "%s", user);
        snprintf(b->password, sizeof(b->password), "%s", pass);
        out->nbrokers = 1;
    }
    snprintf(out->vhost, sizeof(out->vhost), "%s",
             str_or(conf, RABBIT, "rabbit_virtual_host", "/"));
    return 0;
}

static int bad_url(hh_error *err, const char *why)
{
    return hh_error_set(err, HH_ECONFIG, "Invalid",
                        "[DEFAULT] transport_url: %s (expected "
                        "rabbit://user:pass@host:port[,user:pass@host:port]/vhost)",
                        why);
}

static void timing(const hh_conf *conf, hh_amqp_conf *out)
{
    out->heartbeat_s = 60;
    out->retry_interval = 1;
    out->retry_backoff = 2;
    out->interval_max = 30;
    out->reconnect_delay = 1.0;
    out->timeout_ms = 60 * 1000;
    snprintf(out->exchange, sizeof(out->exchange), "heat");
    if (conf == NULL)
        return;
    out->heartbeat_s = hh_conf_get_int(conf, RABBIT, "heartbeat_timeout_threshold");
    out->retry_interval = hh_conf_get_float(conf, RABBIT, "rabbit_retry_interval");
    out->retry_backoff = hh_conf_get_float(conf, RABBIT, "rabbit_retry_backoff");
    out->interval_max = hh_conf_get_float(conf, RABBIT, "rabbit_interval_max");
    out->reconnect_delay = hh_conf_get_float(conf, RABBIT, "kombu_reconnect_delay");
    out->durable = hh_conf_get_bool(conf, RABBIT, "amqp_durable_queues");
    if (hh_conf_get_int(conf, "DEFAULT", "rpc_response_timeout") > 0)
        out->timeout_ms = hh_conf_get_int(conf, "DEFAULT", "rpc_response_timeout") * 1000;
    snprintf(out->exchange, sizeof(out->exchange), "%s",
             str_or(conf, "DEFAULT", "control_exchange", "heat"));
}

int hh_amqp_conf_parse(const hh_conf *conf, const char *url, hh_amqp_conf *out, hh_error *err)
{
    const char *user = str_or(conf, RABBIT, "rabbit_userid", "guest");
    const char *pass = str_or(conf, RABBIT, "rabbit_password", "guest");
    const char *p, *end, *path;
    size_t slen;

    memset(out, 0, sizeof(*out));
    timing(conf, out);
    if (url == NULL || url[0] == '\0')
        url = "rabbit://";
    slen = strcspn(url, ":");
    if (!((slen == 6 && strncmp(url, "rabbit", 6) == 0) ||
          (slen == 4 && strncmp(url, "amqp", 4) == 0)) ||
        strncmp(url + slen, "://", 3) != 0)
        return bad_url(err, "the scheme is not rabbit:// or amqp://");
    p = url + slen + 3;
    end = p + strcspn(p, "?#");
    path = memchr(p, '/', (size_t)(end - p));
    if (path == NULL)
        path = end;
    if (path == p) /* no host: the legacy keys */
        return legacy_brokers(conf, out, err);
    while (p < path) {
        const char *comma = memchr(p, ',', (size_t)(path - p));
        const char *item_end = comma != NULL ? comma : path;

        if (out->nbrokers == HH_AMQP_BROKERS_MAX)
            return bad_url(err, "too many hosts");
        if (!parse_item(p, (size_t)(item_end - p), user, pass, &out->brokers[out->nbrokers]))
            return bad_url(err, "a host is not [user[:password]@]host[:port]");
        out->nbrokers++;
        p = comma != NULL ? comma + 1 : path;
    }
    if (path < end && path + 1 < end) {
        if (!unquote(path + 1, (size_t)(end - path - 1), out->vhost))
            return bad_url(err, "the virtual host is not well formed");
    } else {
        snprintf(out->vhost, sizeof(out->vhost), "/");
    }
    return 0;
}

int hh_amqp_conf_load(const hh_conf *conf, hh_amqp_conf *out, hh_error *err)
{
    return hh_amqp_conf_parse(conf, str_or(conf, "DEFAULT", "transport_url", "rabbit://"), out,
                              err);
}

double hh_amqp_conf_retry_wait(const hh_amqp_conf *c, int n)
{
    double w = c->retry_interval + (n > 1 ? (n - 1) * c->retry_backoff : 0);

    return w < c->interval_max ? w : c->interval_max;
}
