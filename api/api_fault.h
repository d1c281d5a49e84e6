/* api_fault: Heat's error responses and webob's plain ones.
 *
 * Errors follow heat/api/middleware/fault.py FaultWrapper:
 *   {"code": 404, "title": "Not Found",
 *    "explanation": "The resource could not be found.",
 *    "error": {"type": "EntityNotFound", "traceback": null,
 *              "message": "The Stack (x) could not be found."}}
 * with the HTTP status from Heat's exception class (error_map, walked up
 * the class's bases: anything else is 500). "message" is present only for
 * "safe" exceptions (Heat's own classes and the HTTP errors the API raises,
 * e.g. HTTPBadRequest), as Heat does; "traceback" is always null (no
 * Python traceback exists here).
 *
 * The non-error answers webob builds (302 Found, 202 Accepted, 300, the
 * router's 404) come as HTML, or as JSON when the client accepts
 * application/json, byte for byte as webob writes them.
 */
#ifndef HH_API_FAULT_H
#define HH_API_FAULT_H

#include <jansson.h>
#include <stdbool.h>

#include "api_http.h"
#include "hh_error.h"

/* HTTP status for a Heat exception class name (NULL: 500). */
int hh_api_fault_status(const char *type);
/* webob's title and explanation of an HTTP status (never NULL). */
const char *hh_api_http_title(int status);
const char *hh_api_http_explanation(int status);
/* Whether Heat shows the message of an exception of this class. */
bool hh_api_fault_safe(const char *type);

/* New error body (see above); message NULL leaves "message" out. */
json_t *hh_api_fault_body(int status, const char *type, const char *message);

/* Answer resp with an error: the status given (0: from type), type and
 * message (NULL: none; not shown unless type is safe). */
void hh_api_fault(hh_http_response *resp, int status, const char *type, const char *message);
/* Answer with the error err carries (type: err->type, else the class for
 * err->rc). */
void hh_api_fault_from_error(hh_http_response *resp, const hh_error *err);
/* Answer an HTTP error raised by the API itself (type "HTTPBadRequest",
 * "HTTPNotFound" ... from the status), with message or, when NULL, the
 * status's explanation (webob's str() of the exception). */
void hh_api_fault_http(hh_http_response *resp, int status, const char *message);

/* webob's body of a non-error status (302, 202, 300, 404 of the router):
 * HTML, or JSON when req accepts application/json. location (borrowed)
 * is set as Location for 3xx and written in the body of 302. */
void hh_api_plain(const hh_http_request *req, hh_http_response *resp, int status,
                  const char *location);

#endif
