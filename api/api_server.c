/* api_server: heat-api's and heat-api-cfn's server, version negotiation
 * and health check. */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_cfn.h"
#include "api_fault.h"
#include "api_http.h"
#include "api_server.h"
#include "api_v1.h"
#include "hh_log.h"

struct hh_api_server {
    hh_http_server *http;
    hh_api_v1 *v1;   /* HH_API_NATIVE */
    hh_api_cfn *cfn; /* HH_API_CFN */
    hh_rpc *rpc;
    int health_timeout_ms;
};

#define ACCEPT_PREFIX "application/vnd.openstack.orchestration-"

/* version_negotiation's "^v(\d+)\.?(\d+)?" at the start of seg: true with
 * the numbers when it matches. */
static bool match_version(const char *seg, long *major, long *minor)
{
    char *end = NULL;

    if (seg[0] != 'v' || !isdigit((unsigned char)seg[1]))
        return false;
    *major = strtol(seg + 1, &end, 10);
    *minor = 0;
    if (*end == '.')
        end++;
    if (isdigit((unsigned char)*end))
        *minor = strtol(end, NULL, 10);
    return true;
}

/* heat/api/versions.py: 300 with the version document. */
static void versions(hh_http_request *req, hh_http_response *resp)
{
    const char *proto = hh_http_req_header(req, "X-Forwarded-Proto");
    const char *host = hh_http_req_header(req, "X-Forwarded-Host");
    char href[1024];
    json_t *doc;

    if (host == NULL || host[0] == '\0')
        host = hh_http_req_header(req, "Host");
    snprintf(href, sizeof(href), "%.*s://%.*s/v1/",
             proto != NULL && proto[0] ? (int)strcspn(proto, ", ") : 4,
             proto != NULL && proto[0] ? proto : "http",
             host != NULL ? (int)strcspn(host, ", ") : 9, host != NULL ? host : "localhost");
    doc = json_pack("{s:[{s:s, s:s, s:[{s:s, s:s}]}]}", "versions", "id", "v1.0", "status",
                    "CURRENT", "links", "rel", "self", "href", href);
    if (doc != NULL)
        hh_http_resp_json(resp, 300, doc);
    json_decref(doc);
}

static void healthcheck(hh_api_server *s, hh_http_request *req, hh_http_response *resp)
{
    hh_rpc_context ctx;
    hh_rpc_request *call;
    json_t *res = NULL;
    hh_error err;
    int rc = ENOMEM;
    char *body;

    memset(&ctx, 0, sizeof(ctx));
    snprintf(ctx.request_id, sizeof(ctx.request_id), "%s", hh_http_req_id(req));
    ctx.is_admin = true;
    hh_error_clear(&err);
    if ((call = hh_rpc_request_new("get_revision", NULL, &ctx)) != NULL)
        rc = hh_rpc_call(s->rpc, HH_RPC_ENGINE_TOPIC, call, s->health_timeout_ms, &res, &err);
    hh_rpc_request_free(call);
    json_decref(res);
    if (rc == 0) {
        body = strdup("OK");
        hh_http_resp_status(resp, 200);
    } else {
        char msg[HH_ERROR_MSG_MAX + 64];

        snprintf(msg, sizeof(msg), "no engine answers: %s",
                 err.message[0] != '\0' ? err.message : hh_strerror(rc));
        body = strdup(msg);
        hh_http_resp_status(resp, 503);
    }
    hh_http_resp_body(resp, "text/plain; charset=UTF-8", body, body != NULL ? strlen(body) : 0);
}

/* The API served, on path (the part after /v1). */
static void serve_v1(hh_api_server *s, hh_http_request *req, hh_http_response *resp,
                     const char *path)
{
    if (s->cfn != NULL)
        hh_api_cfn_handle(s->cfn, req, resp, path);
    else
        hh_api_v1_handle(s->v1, req, resp, path);
}

static void handle(void *arg, hh_http_request *req, hh_http_response *resp)
{
    hh_api_server *s = arg;
    const char *path = hh_http_req_path(req);
    const char *seg = path[0] == '/' ? path + 1 : path;
    size_t seglen = strcspn(seg, "/");
    const char *accept = hh_http_req_header(req, "Accept");
    long major, minor;

    if (strcmp(path, "/healthcheck") == 0) {
        healthcheck(s, req, resp);
        return;
    }
    if (seglen == 0 || (seglen == 8 && strncmp(seg, "versions", 8) == 0)) {
        versions(req, resp);
        return;
    }
    if (match_version(seg, &major, &minor)) {
        if (major == 1 && minor == 0)
            serve_v1(s, req, resp, seg + seglen);
        else
            versions(req, resp);
        return;
    }
    if (accept != NULL && strncmp(accept, ACCEPT_PREFIX, strlen(ACCEPT_PREFIX)) == 0) {
        if (match_version(accept + strlen(ACCEPT_PREFIX), &major, &minor) && major == 1 &&
            minor == 0) {
            serve_v1(s, req, resp, path);
            return;
        }
        if (match_version(accept + strlen(ACCEPT_PREFIX), &major, &minor)) {
            versions(req, resp);
            return;
        }
    }
    hh_api_plain(req, resp, 404, NULL);
}

int hh_api_server_new(const hh_conf *conf, hh_rpc *rpc, const hh_api_server_opts *o,
                      hh_api_server **out, hh_error *err)
{
    hh_api_server_opts none = {.port = -1};
    hh_api_server *s = NULL;
    const char *sect;
    hh_http_opts ho;
    int rpc_ms = 60000;

    *out = NULL;
    if (o == NULL)
        o = &none;
    sect = o->kind == HH_API_CFN ? "heat_api_cfn" : "heat_api";
    memset(&ho, 0, sizeof(ho));
    if ((s = calloc(1, sizeof(*s))) == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    /* template_url reads (api_fetch) run on the server's threads */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    s->rpc = rpc;
    if (o->kind == HH_API_CFN)
        s->cfn = hh_api_cfn_new(conf, rpc, err);
    else
        s->v1 = hh_api_v1_new(conf, rpc, err);
    if (s->v1 == NULL && s->cfn == NULL) {
        free(s);
        curl_global_cleanup();
        return ENOMEM;
    }
    ho.name = o->kind == HH_API_CFN ? "heat-api-cfn" : "heat-api";
    ho.bind_host = o->bind_host;
    ho.port = o->port;
    ho.workers = o->workers;
    ho.idle_timeout = o->idle_timeout;
    if (conf != NULL) {
        if (ho.bind_host == NULL)
            ho.bind_host = hh_conf_get_str(conf, sect, "bind_host");
        if (ho.port < 0)
            ho.port = hh_conf_get_int(conf, sect, "bind_port");
        if (ho.workers <= 0)
            ho.workers = hh_conf_get_int(conf, sect, "workers");
        if (ho.idle_timeout == 0)
            ho.idle_timeout =
                (unsigned)hh_conf_get_int(conf, "eventlet_opts", "client_socket_timeout");
        ho.backlog = hh_conf_get_int(conf, sect, "backlog");
        ho.max_body = (size_t)hh_conf_get_int(conf, "DEFAULT", "max_json_body_size");
        ho.max_header_line = (size_t)hh_conf_get_int(conf, sect, "max_header_line");
        ho.no_keep_alive = !hh_conf_get_bool(conf, "eventlet_opts", "wsgi_keep_alive");
        rpc_ms = hh_conf_get_int(conf, "DEFAULT", "rpc_response_timeout") * 1000;
    }
    if (ho.port < 0)
        ho.port = o->kind == HH_API_CFN ? 8000 : 8004;
    s->health_timeout_ms = o->health_timeout_ms > 0 ? o->health_timeout_ms : 3000;
    if (s->health_timeout_ms > rpc_ms)
        s->health_timeout_ms = rpc_ms;
    if ((s->http = hh_http_server_new(&ho, handle, s, err)) == NULL) {
        int rc = err != NULL && err->rc != 0 ? err->rc : HH_EINTERNAL;

        hh_api_v1_free(s->v1);
        hh_api_cfn_free(s->cfn);
        free(s);
        curl_global_cleanup();
        return rc;
    }
    hh_log_info("%s: serving on %s port %d", ho.name, ho.bind_host ? ho.bind_host : "0.0.0.0",
                hh_http_server_port(s->http));
    *out = s;
    return 0;
}

int hh_api_server_port(const hh_api_server *s)
{
    return hh_http_server_port(s->http);
}

void hh_api_server_free(hh_api_server *s)
{
    if (s == NULL)
        return;
    hh_http_server_free(s->http);
    hh_api_v1_free(s->v1);
    hh_api_cfn_free(s->cfn);
    free(s);
    curl_global_cleanup();
}
