/* api_cfn_internal: what the CFN API's files share (not installed).
 *
 * One cfn_req lives for one request: its parameters (query and form),
 * the request context sent to the engine, the answer's format. Handlers
 * answer through r->resp and return nothing: every failure has been
 * answered with an AWS error body by the helper that met it (the helpers
 * return non-zero then, and the handler returns at once).
 */
#ifndef HH_API_CFN_INTERNAL_H
#define HH_API_CFN_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "api_cfn.h"
#include "api_http.h"
#include "rpc.h"

struct hh_api_cfn {
    hh_rpc *rpc;              /* borrowed */
    size_t max_template_size; /* [DEFAULT] max_template_size */
    int rpc_timeout_ms;       /* <= 0: the transport's */
};

typedef struct cfn_req {
    hh_api_cfn *api;
    hh_http_request *http;
    hh_http_response *resp;
    hh_rpc_context ctx;
    json_t *params; /* name -> string: webob's req.params (query over form) */
    bool json;      /* ContentType=JSON */
} cfn_req;

/* ---- api_cfn.c ---- */

/* Answer Heat's AWS error code (e.g. "InvalidParameterValue") with detail
 * (NULL: the explanation alone), as an error Heat raises: its
 * ErrorResponse in XML with the error's status, whatever ContentType
 * says (Heat serialised it in XML when it was made); returns -1. */
int cfn_error(cfn_req *r, const char *code, const char *detail);
/* The same for an error Heat's controller returns instead of raising
 * (map_remote_error, a missing or unparsable template): in XML the same
 * answer; with ContentType=JSON, Heat's JSON serializer writes the
 * exception as str() of it, a JSON string of the detail (else the
 * explanation), with status 200. Returns -1. */
int cfn_error_returned(cfn_req *r, const char *code, const char *detail);
/* Answer map_remote_error of an engine failure (returned); returns -1. */
int cfn_remote_error(cfn_req *r, const hh_error *err);
/* Answer format_response(action, result): result stolen. */
void cfn_reply(cfn_req *r, const char *action, json_t *result);
/* Call the engine: method with args (stolen). 0 with *result new (NULL
 * result: dropped); else the error is answered and -1 returned. */
int cfn_call(cfn_req *r, const char *method, json_t *args, json_t **result);
/* urllib's unquote (unquote_plus when plus) of n bytes at s: a new
 * string, or NULL on ENOMEM. */
char *cfn_unquote(const char *s, size_t n, bool plus);
/* A parameter's value (borrowed), or NULL when absent. */
const char *cfn_param(const cfn_req *r, const char *name);

/* ---- api_cfn_stacks.c ---- */

/* Run the action named (Action's value, NULL when absent). */
void cfn_action(cfn_req *r, const char *action);

#endif
