/* api_v1: the native Orchestration API v1 (Heat's heat/api/openstack/v1).
 *
 * Every route of Heat's v1 router maps a request to one engine method of
 * rpc_msg.h with Heat's argument names, sent with hh_rpc_call (the API
 * keeps no state: invariant 3), and builds Heat's JSON shapes from the
 * engine's API format (heat/engine/api.py: stacks with "stack_identity",
 * "stack_action" and "stack_status" apart, resources with
 * "resource_identity", events with "event_identity"), with links built from
 * the request's scheme and host (X-Forwarded-Proto / X-Forwarded-Host
 * honoured) or [heat_api] heat_api_root.
 *
 * Auth is noauth: the request's project is the X-Project-Id header (or
 * X-Auth-Project, X-Tenant-Id) when present, else the tenant of the path;
 * a path tenant different from it is 403. The user is X-User-Id (or
 * X-Auth-User, X-User-Name), else "admin", with the role "admin" as Heat's
 * noauth middleware gives. Unlike Heat's noauth the engine context is not
 * an admin one (a tenant sees only its stacks: invariant 5) except for
 * global_tenant listings; stack lists show "project" as Heat's noauth
 * does.
 *
 * Thread-safe: hh_api_v1_handle runs on any number of threads at once.
 */
#ifndef HH_API_V1_H
#define HH_API_V1_H

#include "api_http.h"
#include "hh_conf.h"
#include "hh_error.h"
#include "rpc.h"

typedef struct hh_api_v1 hh_api_v1;

/* New API on rpc (borrowed; must outlive it) with conf's [DEFAULT]
 * max_json_body_size, max_template_size, rpc_response_timeout and
 * [heat_api] heat_api_root (conf borrowed for the call only; NULL:
 * defaults). NULL with err filled on ENOMEM. */
hh_api_v1 *hh_api_v1_new(const hh_conf *conf, hh_rpc *rpc, hh_error *err);
void hh_api_v1_free(hh_api_v1 *api);

/* Answer req (path: the part after "/v1", e.g. "/admin/stacks"). */
void hh_api_v1_handle(hh_api_v1 *api, hh_http_request *req, hh_http_response *resp,
                      const char *path);

#endif
