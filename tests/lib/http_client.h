/* http_client: what the HTTP tests of heat-api share: one libcurl client
 * on 127.0.0.1:<port>, a response with the headers the tests look at and
 * the body parsed as JSON, and JSON path lookups. Not thread-safe: one
 * client thread. */
#ifndef HH_HTTP_CLIENT_H
#define HH_HTTP_CLIENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct http_resp {
    long status; /* -1 when the request failed */
    char body[65536];
    size_t len;
    char location[2048];
    char allow[128];
    char request_id[128];
    char ctype[128];
    json_t *json; /* the body as JSON, or NULL; owned by the response */
} http_resp;

/* Talk to 127.0.0.1:port from now on (first call: curl's global init). */
void http_client_init(int port);
void http_client_free(void);

/* One request: method, path (with query), body (NULL: none; sent as
 * application/json unless headers say otherwise), headers: NULL-terminated
 * extra header lines (may be NULL). Returns the client's one response
 * (borrowed, overwritten by the next call). */
http_resp *http_call(const char *method, const char *path, const char *body,
                     const char *const *headers);

/* The value at path ("a.b.0.c": objects by key, arrays by index) of root,
 * or NULL; jpath_str: its string, or NULL. Borrowed. */
const json_t *jpath(const json_t *root, const char *path);
const char *jpath_str(const json_t *root, const char *path);

/* Whether r is Heat's error body of status with type, and message when
 * message is not NULL. */
bool http_is_fault(const http_resp *r, long status, const char *type, const char *message);

#endif
