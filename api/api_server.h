/* api_server: heat-api (or heat-api-cfn) as one object: the HTTP server
 * on [heat_api]'s (or [heat_api_cfn]'s) address, Heat's version
 * negotiation (GET / and unknown versions answer 300 with the version
 * document; /v1 goes to the API served, as does a request accepting
 * application/vnd.openstack.orchestration-v1), and
 * /healthcheck (200 "OK" when an engine answers a get_revision call within
 * the health check timeout, 503 otherwise: HAProxy and the OCF monitor use
 * it).
 *
 * The engine is reached only through rpc (borrowed), so heat-all runs this
 * in the engine's process on the in-process transport, and the heat-api
 * daemon on the network transport.
 */
#ifndef HH_API_SERVER_H
#define HH_API_SERVER_H

#include "hh_conf.h"
#include "hh_error.h"
#include "rpc.h"

typedef struct hh_api_server hh_api_server;

/* Which API a server answers under /v1: the native one (heat-api,
 * [heat_api], port 8004) or the CFN Query API (heat-api-cfn, api_cfn.h,
 * [heat_api_cfn], port 8000). Version negotiation and /healthcheck are
 * the same for both, as in Heat. */
typedef enum hh_api_kind {
    HH_API_NATIVE = 0,
    HH_API_CFN,
} hh_api_kind;

typedef struct hh_api_server_opts {
    hh_api_kind kind;
    const char *bind_host; /* NULL: [heat_api] (or [heat_api_cfn]) bind_host */
    int port;              /* < 0: the section's bind_port; 0: a free port */
    int workers;           /* <= 0: the section's workers */
    unsigned idle_timeout; /* 0: [eventlet_opts] client_socket_timeout */
    int health_timeout_ms; /* <= 0: 3000, capped by rpc_response_timeout */
} hh_api_server_opts;

/* Start serving: *out new. conf is borrowed for the call (NULL: every
 * default), rpc until hh_api_server_free returns; o may be NULL (the
 * native API on its configured address). Errors:
 * the address cannot be bound (errno, e.g. EADDRINUSE) or ENOMEM, err
 * filled. */
int hh_api_server_new(const hh_conf *conf, hh_rpc *rpc, const hh_api_server_opts *o,
                      hh_api_server **out, hh_error *err);
/* The port served (the chosen one when asked for 0). */
int hh_api_server_port(const hh_api_server *s);
/* Stop (running requests finish) and free. NULL is fine. */
void hh_api_server_free(hh_api_server *s);

#endif
