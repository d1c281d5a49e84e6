/* haproxy_gen: heat.conf [ha] -> haproxy.cfg (see haproxy_gen.h). */
#include "config.h"

#include "haproxy_gen.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Servers per backend; far above any real controller count. */
#define GEN_MAX_NODES 64
/* An address as written in the file: "[v6]" or v4 or a host name. */
#define GEN_ADDR_MAX 260
/* Failed checks that take a server out, good ones that bring it back. */
#define GEN_FALL 2
#define GEN_RISE 2

typedef struct gen_node {
    char name[128];
    char addr[GEN_ADDR_MAX]; /* haproxy's spelling: IPv6 in brackets */
} gen_node;

typedef struct gen_model {
    char vip[GEN_ADDR_MAX];
    int api_port, cfn_port, galera_port;
    int api_backend_port, cfn_backend_port;
    long check_ms, timeout_s, galera_timeout_s;
    const char *stats_socket;
    gen_node nodes[GEN_MAX_NODES];
    size_t n_nodes;
    gen_node galera[GEN_MAX_NODES];
    size_t n_galera;
    int galera_ports[GEN_MAX_NODES];
} gen_model;

/* HH_ECONFIG with "[ha] KEY: message" in err. */
static int bad(hh_error *err, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(hh_error *err, const char *key, const char *fmt, ...)
{
    char msg[HH_ERROR_MSG_MAX / 2];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return hh_error_set(err, HH_ECONFIG, NULL, "[ha] %s: %s", key, msg);
}

/* A host name as RFC 1123 allows: labels of letters, digits and '-', not
 * starting or ending with '-', joined by '.'. */
static bool is_host_name(const char *s)
{
    size_t label = 0;

    if (s[0] == '\0' || strlen(s) > 253)
        return false;
    for (const char *p = s;; p++) {
        if (*p == '.' || *p == '\0') {
            if (label == 0 || p[-1] == '-')
                return false;
            if (*p == '\0')
                return true;
            label = 0;
        } else if (isalnum((unsigned char)*p) || (*p == '-' && label > 0)) {
            if (++label > 63)
                return false;
        } else {
            return false;
        }
    }
}

/* addr (borrowed, may be bracketed IPv6) into haproxy's spelling in out;
 * false when it is neither an IP address nor a host name. */
static bool spell_addr(const char *addr, char *out, size_t len)
{
    unsigned char buf[sizeof(struct in6_addr)];
    char plain[GEN_ADDR_MAX];
    size_t n = strlen(addr);

    if (n >= sizeof(plain))
        return false;
    if (addr[0] == '[' && n > 2 && addr[n - 1] == ']') {
        memcpy(plain, addr + 1, n - 2);
        plain[n - 2] = '\0';
        if (inet_pton(AF_INET6, plain, buf) != 1)
            return false;
        snprintf(out, len, "[%s]", plain);
        return true;
    }
    if (inet_pton(AF_INET6, addr, buf) == 1) {
        snprintf(out, len, "[%s]", addr);
        return true;
    }
    if (inet_pton(AF_INET, addr, buf) == 1 || is_host_name(addr)) {
        snprintf(out, len, "%s", addr);
        return true;
    }
    return false;
}

static int load_nodes(const hh_conf *conf, gen_model *m, hh_error *err)
{
    size_t n = 0;
    const char *const *items = hh_conf_get_list(conf, "ha", "nodes", &n);

    if (n == 0)
        return bad(err, "nodes",
                   "not set: the back ends are every node's APIs, list them as name:address");
    if (n > GEN_MAX_NODES)
        return bad(err, "nodes", "more than 64 nodes");
    for (size_t i = 0; i < n; i++) {
        gen_node *node = &m->nodes[i];
        const char *colon = strchr(items[i], ':'); /* the option's check saw one */
        size_t name_len = colon != NULL ? (size_t)(colon - items[i]) : 0;

        if (colon == NULL || name_len >= sizeof(node->name))
            return bad(err, "nodes", "\"%s\": expected name:address", items[i]);
        memcpy(node->name, items[i], name_len);
        node->name[name_len] = '\0';
        if (!spell_addr(colon + 1, node->addr, sizeof(node->addr)))
            return bad(err, "nodes", "\"%s\": the address is neither an IP address nor a host name",
                       items[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(m->nodes[j].name, node->name) == 0)
                return bad(err, "nodes", "node name \"%s\" given twice", node->name);
    }
    m->n_nodes = n;
    return 0;
}

/* [ha] galera_nodes: host or host:port (the option's check), IPv6 in
 * brackets; servers named galera1, galera2, ... in order. */
static int load_galera(const hh_conf *conf, gen_model *m, hh_error *err)
{
    size_t n = 0;
    const char *const *items = hh_conf_get_list(conf, "ha", "galera_nodes", &n);

    if (n > GEN_MAX_NODES)
        return bad(err, "galera_nodes", "more than 64 members");
    for (size_t i = 0; i < n; i++) {
        char host[GEN_ADDR_MAX];
        const char *it = items[i];
        const char *port = NULL;
        size_t host_len;

        if (it[0] == '[') {
            const char *close = strchr(it, ']');

            host_len = close != NULL ? (size_t)(close - it) + 1 : strlen(it);
            port = close != NULL && close[1] == ':' ? close + 2 : NULL;
        } else {
            const char *colon = strchr(it, ':');

            /* more than one ':' without brackets: a bare IPv6 address */
            if (colon != NULL && strchr(colon + 1, ':') == NULL) {
                host_len = (size_t)(colon - it);
                port = colon + 1;
            } else {
                host_len = strlen(it);
            }
        }
        if (host_len >= sizeof(host))
            return bad(err, "galera_nodes", "\"%s\": host name too long", it);
        memcpy(host, it, host_len);
        host[host_len] = '\0';
        if (!spell_addr(host, m->galera[i].addr, sizeof(m->galera[i].addr)))
            return bad(err, "galera_nodes",
                       "\"%s\": the host is neither an IP address nor a host name", it);
        snprintf(m->galera[i].name, sizeof(m->galera[i].name), "galera%zu", i + 1);
        m->galera_ports[i] = port != NULL ? atoi(port) : 3306;
        if (m->galera_ports[i] <= 0 || m->galera_ports[i] > 65535)
            return bad(err, "galera_nodes", "\"%s\": the port is not in 1..65535", it);
    }
    m->n_galera = n;
    return 0;
}

static int port_of(const hh_conf *conf, const char *group, const char *name, int *out,
                   hh_error *err)
{
    *out = hh_conf_get_int(conf, group, name);
    if (*out > 0)
        return 0;
    hh_error_set(err, HH_ECONFIG, NULL, "[%s] %s: port 0 cannot be published or checked", group,
                 name);
    return HH_ECONFIG;
}

static int load_model(const hh_conf *conf, gen_model *m, hh_error *err)
{
    const char *vip = hh_conf_get_str(conf, "ha", "vip");
    int rc;

    if (vip == NULL || vip[0] == '\0')
        return bad(err, "vip", "not set: the frontends listen on the virtual IP");
    if (!spell_addr(vip, m->vip, sizeof(m->vip)))
        return bad(err, "vip", "\"%s\" is not an IP address", vip);
    if ((rc = port_of(conf, "ha", "haproxy_api_port", &m->api_port, err)) != 0 ||
        (rc = port_of(conf, "ha", "haproxy_api_cfn_port", &m->cfn_port, err)) != 0 ||
        (rc = port_of(conf, "ha", "haproxy_galera_port", &m->galera_port, err)) != 0 ||
        (rc = port_of(conf, "heat_api", "bind_port", &m->api_backend_port, err)) != 0 ||
        (rc = port_of(conf, "heat_api_cfn", "bind_port", &m->cfn_backend_port, err)) != 0)
        return rc;
    if (m->api_port == m->cfn_port)
        return bad(err, "haproxy_api_cfn_port",
                   "the same port as haproxy_api_port: the two frontends need their own");
    m->check_ms = (long)(hh_conf_get_float(conf, "ha", "haproxy_check_interval") * 1000.0 + 0.5);
    m->timeout_s = hh_conf_get_int(conf, "ha", "haproxy_timeout");
    m->galera_timeout_s = hh_conf_get_int(conf, "ha", "haproxy_galera_timeout");
    m->stats_socket = hh_conf_get_str(conf, "ha", "haproxy_stats_socket");
    if (m->stats_socket == NULL || m->stats_socket[0] != '/')
        return bad(err, "haproxy_stats_socket", "must be an absolute path");
    if (strpbrk(m->stats_socket, " \t\"'#\\") != NULL)
        return bad(err, "haproxy_stats_socket", "\"%s\": no spaces, quotes, '#' or '\\'",
                   m->stats_socket);
    if ((rc = load_nodes(conf, m, err)) != 0)
        return rc;
    if ((rc = load_galera(conf, m, err)) != 0)
        return rc;
    if (m->n_galera > 0 && (m->galera_port == m->api_port || m->galera_port == m->cfn_port))
        return bad(err, "haproxy_galera_port", "the same port as an API frontend");
    return 0;
}

static void write_api(FILE *out, const gen_model *m, const char *name, const char *what, int port,
                      int backend_port)
{
    fprintf(out,
            "\n# %s on the virtual IP; every node's %s behind it\n"
            "frontend %s\n"
            "    bind %s:%d transparent\n"
            "    option forwardfor\n"
            "    http-request set-header X-Forwarded-Proto https if { ssl_fc }\n"
            "    http-request set-header X-Forwarded-Proto http if !{ ssl_fc }\n"
            "    acl idempotent method GET HEAD OPTIONS TRACE PUT DELETE\n"
            "    http-request disable-l7-retry if !idempotent\n"
            "    default_backend %s_servers\n"
            "\n"
            "backend %s_servers\n"
            "    balance roundrobin\n"
            "    option httpchk GET /healthcheck\n"
            "    http-check expect status 200\n"
            "    default-server inter %ldms fastinter %ldms downinter %ldms fall %d rise %d\n",
            what, what, name, m->vip, port, name, name, m->check_ms,
            m->check_ms / 2 > 0 ? m->check_ms / 2 : 1, m->check_ms, GEN_FALL, GEN_RISE);
    for (size_t i = 0; i < m->n_nodes; i++)
        fprintf(out, "    server %s %s:%d check\n", m->nodes[i].name, m->nodes[i].addr,
                backend_port);
}

static void write_galera(FILE *out, const gen_model *m)
{
    fprintf(out,
            "\n# Galera: one writer at a time. The first member takes every\n"
            "# connection while it is up, the others are backups; sessions are cut\n"
            "# when their server goes down, and the backups' when the first returns.\n"
            "listen galera\n"
            "    bind %s:%d transparent\n"
            "    mode tcp\n"
            "    option tcplog\n"
            "    option tcpka\n"
            "    timeout client %lds\n"
            "    timeout server %lds\n"
            "    default-server inter %ldms fastinter %ldms downinter %ldms fall %d rise %d "
            "on-marked-down shutdown-sessions\n",
            m->vip, m->galera_port, m->galera_timeout_s, m->galera_timeout_s, m->check_ms,
            m->check_ms / 2 > 0 ? m->check_ms / 2 : 1, m->check_ms, GEN_FALL, GEN_RISE);
    for (size_t i = 0; i < m->n_galera; i++)
        fprintf(out, "    server %s %s:%d check%s\n", m->galera[i].name, m->galera[i].addr,
                m->galera_ports[i], i == 0 ? " on-marked-up shutdown-backup-sessions" : " backup");
}

int hh_haproxy_write(const hh_conf *conf, FILE *out, hh_error *err)
{
    gen_model *m = calloc(1, sizeof(*m));
    int rc;

    hh_error_clear(err);
    if (m == NULL)
        return ENOMEM;
    if ((rc = load_model(conf, m, err)) != 0)
        goto done;
    fprintf(out,
            "# haproxy.cfg for heat-ha, written by heat-ha-haproxy from heat.conf [ha].\n"
            "# Regenerate it rather than editing it.\n"
            "global\n"
            "    log /dev/log local0\n"
            "    maxconn 4096\n"
            "    stats socket %s mode 600 level admin expose-fd listeners\n"
            "    stats timeout 30s\n"
            "\n"
            "defaults\n"
            "    mode http\n"
            "    log global\n"
            "    option httplog\n"
            "    option dontlognull\n"
            "    option http-server-close\n"
            "    option redispatch 1\n"
            "    retries 3\n"
            "    retry-on conn-failure empty-response junk-response response-timeout "
            "0rtt-rejected 502 503 504\n"
            "    timeout connect 5s\n"
            "    timeout http-request 10s\n"
            "    timeout http-keep-alive 10s\n"
            "    timeout queue 30s\n"
            "    timeout client %lds\n"
            "    timeout server %lds\n"
            "    timeout check %ldms\n",
            m->stats_socket, m->timeout_s, m->timeout_s, m->check_ms > 1000 ? m->check_ms : 1000);
    write_api(out, m, "heat_api", "heat-api", m->api_port, m->api_backend_port);
    write_api(out, m, "heat_api_cfn", "heat-api-cfn", m->cfn_port, m->cfn_backend_port);
    if (m->n_galera > 0)
        write_galera(out, m);
    if (fflush(out) != 0 || ferror(out)) {
        rc = errno != 0 ? errno : EIO;
        hh_error_set(err, rc, NULL, "writing the configuration: %s", strerror(rc));
    }
done:
    free(m);
    return rc;
}
