/* client_http: the heat client's requests to heat-api (libcurl).
 *
 * One handle per command: the endpoint (--heat-url: ".../v1/TENANT"), the
 * token sent as X-Auth-Token, a timeout. Redirects (heat-api's 302 name
 * lookups) are followed with the method kept, as heatclient does.
 * Errors are reported in heatclient's words: a refused connection is
 * "Unable to establish connection to URL: reason"; an HTTP error carries
 * the server's error.message (Heat's fault body) or the raw body.
 */
#ifndef HH_CLIENT_HTTP_H
#define HH_CLIENT_HTTP_H

#include <jansson.h>
#include <stdbool.h>

typedef struct hh_client_http hh_client_http;

/* New handle on endpoint (borrowed; a trailing '/' is dropped); token may be
 * NULL. timeout_secs <= 0 means none. NULL on ENOMEM or a curl failure. */
hh_client_http *hh_client_http_new(const char *endpoint, const char *token, long timeout_secs,
                                   bool debug);
void hh_client_http_free(hh_client_http *h);

/* One answer: status (0 when no answer came), body parsed as JSON when it
 * is (json new, else NULL), message: what went wrong in heatclient's words
 * (new string; NULL when status is 2xx), location: the Location header of
 * an unfollowed redirect (new string or NULL). */
typedef struct hh_client_resp {
    long status;
    json_t *json;
    char *message;
    char *location;
} hh_client_resp;

void hh_client_resp_clear(hh_client_resp *r);

/* method (GET, POST, PUT, PATCH, DELETE) on endpoint + path (path starts with
 * '/' and is already escaped), with body (borrowed, may be NULL) as JSON.
 * follow false leaves 3xx answers to the caller. Returns 0 when the answer
 * is 2xx (3xx too when not following), else -1 with r->message set. */
int hh_client_http_call(hh_client_http *h, const char *method, const char *path, const json_t *body,
                        bool follow, hh_client_resp *r);

/* path segment s escaped for a URL (new string; NULL on ENOMEM). */
char *hh_client_http_escape(hh_client_http *h, const char *s);

/* The endpoint (borrowed). */
const char *hh_client_http_endpoint(const hh_client_http *h);

#endif
