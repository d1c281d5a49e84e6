/* api_fault: Heat's exception-to-status map and error bodies. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_fault.h"
#include "rpc_msg.h"

/* heat/api/middleware/fault.py error_map, with the classes whose nearest
 * mapped base gives the status (heat/common/exception.py): e.g.
 * NotAuthorized is a Forbidden, ResourceNotFound an EntityNotFound. */
static const struct {
    const char *type;
    int status;
} error_map[] = {
    {"AttributeError", 400},
    {"ActionInProgress", 409},
    {"ValueError", 400},
    {"EntityNotFound", 404},
    {"ResourceNotFound", 404},
    {"SnapshotNotFound", 404},
    {"NotFound", 404},
    {"ResourceActionNotSupported", 400},
    {"InvalidGlobalResource", 500},
    {"ResourceNotAvailable", 404},
    {"PhysicalResourceNameAmbiguity", 400},
    {"PhysicalResourceIDAmbiguity", 400},
    {"InvalidTenant", 403},
    {"Forbidden", 403},
    {"NotAuthorized", 403},
    {"StackExists", 409},
    {"StackValidationFailed", 400},
    {"InvalidSchemaError", 400},
    {"InvalidTemplateReference", 400},
    {"InvalidTemplateVersion", 400},
    {"InvalidTemplateSection", 400},
    {"UnknownUserParameter", 400},
    {"RevertFailed", 500},
    {"StopActionFailed", 500},
    {"EventSendFailed", 500},
    {"ServerBuildFailed", 500},
    {"InvalidEncryptionKey", 500},
    {"NotSupported", 400},
    {"MissingCredentialError", 400},
    {"UserParameterMissing", 400},
    {"RequestLimitExceeded", 400},
    {"DownloadLimitExceeded", 400},
    {"Invalid", 400},
    {"ResourcePropertyConflict", 400},
    {"PropertyUnspecifiedError", 400},
    {"ObjectFieldInvalid", 400},
    {"ReadOnlyFieldError", 400},
    {"ObjectActionError", 400},
    {"IncompatibleObjectVersion", 400},
    {"OrphanedObjectError", 400},
    {"UnsupportedObjectError", 400},
    {"ResourceTypeUnavailable", 400},
    {"InvalidBreakPointHook", 400},
    {"ImmutableParameterModified", 400},
    {"CircularDependencyException", 400},
    /* the RPC transport has no broker, or no engine queue took the call:
     * unavailable for now, as /healthcheck says */
    {"MessageDeliveryFailure", 503},
    {"MessageUndeliverable", 503},
};

/* Classes that are not Heat's own: Heat shows no message for them. */
static const char *const unsafe[] = {
    "ValueError",       "AttributeError", "KeyError",           "TypeError",
    "MessagingTimeout", "NoSuchMethod",   "UnsupportedVersion",
};

static const struct {
    int status;
    const char *title;
    const char *explanation;
} statuses[] = {
    {200, "OK", ""},
    {202, "Accepted", "The request is accepted for processing."},
    {204, "No Content", ""},
    {300, "Multiple Choices", "The resource has been moved to"},
    {302, "Found", "The resource was found at"},
    {400, "Bad Request",
     "The server could not comply with the request since it is either malformed or otherwise "
     "incorrect."},
    {403, "Forbidden", "Access was denied to this resource."},
    {404, "Not Found", "The resource could not be found."},
    {405, "Method Not Allowed",
     "The server could not comply with the request since it is either malformed or otherwise "
     "incorrect."},
    {409, "Conflict", "There was a conflict when trying to complete your request."},
    {413, "Request Entity Too Large", "The body of your request was too large for this server."},
    {431, "Request Header Fields Too Large", "The request header fields were too large"},
    {500, "Internal Server Error",
     "The server has either erred or is incapable of performing the requested operation."},
    {503, "Service Unavailable",
     "The server is currently unavailable. Please try again at a later time."},
};

/* webob's exception class for a status, as Heat's error "type". */
static const struct {
    int status;
    const char *type;
} http_types[] = {
    {400, "HTTPBadRequest"},
    {403, "HTTPForbidden"},
    {404, "HTTPNotFound"},
    {405, "HTTPMethodNotAllowed"},
    {409, "HTTPConflict"},
    {413, "HTTPRequestEntityTooLarge"},
    {431, "HTTPRequestHeaderFieldsTooLarge"},
    {500, "HTTPInternalServerError"},
    {503, "HTTPServiceUnavailable"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

int hh_api_fault_status(const char *type)
{
    if (type == NULL)
        return 500;
    for (size_t i = 0; i < N(error_map); i++)
        if (strcmp(error_map[i].type, type) == 0)
            return error_map[i].status;
    for (size_t i = 0; i < N(http_types); i++)
        if (strcmp(http_types[i].type, type) == 0)
            return http_types[i].status;
    return 500;
}

bool hh_api_fault_safe(const char *type)
{
    if (type == NULL)
        return false;
    for (size_t i = 0; i < N(unsafe); i++)
        if (strcmp(unsafe[i], type) == 0)
            return false;
    return true;
}

const char *hh_api_http_title(int status)
{
    for (size_t i = 0; i < N(statuses); i++)
        if (statuses[i].status == status)
            return statuses[i].title;
    return "Internal Server Error";
}

const char *hh_api_http_explanation(int status)
{
    for (size_t i = 0; i < N(statuses); i++)
        if (statuses[i].status == status)
            return statuses[i].explanation;
    return "";
}

json_t *hh_api_fault_body(int status, const char *type, const char *message)
{
    json_t *error =
        json_pack("{s:s, s:n}", "type", type != NULL ? type : "HeatException", "traceback");
    json_t *body = NULL;

    if (error == NULL)
        return NULL;
    if (message != NULL && json_object_set_new(error, "message", json_string(message)) != 0) {
        json_decref(error);
        return NULL;
    }
    body = json_pack("{s:i, s:s, s:s, s:o}", "code", status, "title", hh_api_http_title(status),
                     "explanation", hh_api_http_explanation(status), "error", error);
    return body;
}

void hh_api_fault(hh_http_response *resp, int status, const char *type, const char *message)
{
    json_t *body;

    if (status <= 0)
        status = hh_api_fault_status(type);
    body = hh_api_fault_body(status, type, hh_api_fault_safe(type) ? message : NULL);
    hh_http_resp_status(resp, status);
    if (body != NULL)
        hh_http_resp_json(resp, status, body);
    json_decref(body);
}

void hh_api_fault_from_error(hh_http_response *resp, const hh_error *err)
{
    const char *type = err->type != NULL ? err->type : hh_rpc_type_for_rc(err->rc);

    hh_api_fault(resp, 0, type, err->message);
}

void hh_api_fault_http(hh_http_response *resp, int status, const char *message)
{
    const char *type = "HTTPInternalServerError";

    for (size_t i = 0; i < N(http_types); i++)
        if (http_types[i].status == status)
            type = http_types[i].type;
    hh_api_fault(resp, status, type, message != NULL ? message : hh_api_http_explanation(status));
}

/* Append text to a growing buffer, HTML-escaped when html. */
static void put(char **buf, size_t *len, size_t *cap, const char *text, bool html)
{
    for (const char *p = text; *p != '\0'; p++) {
        const char *rep = NULL;
        char c[2] = {*p, '\0'};
        size_t n;

        if (html && *p == '&')
            rep = "&amp;";
        else if (html && *p == '<')
            rep = "&lt;";
        else if (html && *p == '>')
            rep = "&gt;";
        else if (html && *p == '"')
            rep = "&#34;";
        rep = rep != NULL ? rep : c;
        n = strlen(rep);
        if (*len + n + 1 > *cap) {
            size_t nc = (*cap + n + 1) * 2;
            char *b = realloc(*buf, nc);
            if (b == NULL)
                return;
            *buf = b;
            *cap = nc;
        }
        memcpy(*buf + *len, rep, n);
        *len += n;
        (*buf)[*len] = '\0';
    }
}

static bool accepts_json(const hh_http_request *req)
{
    const char *accept = hh_http_req_header(req, "Accept");

    return accept != NULL && strstr(accept, "application/json") != NULL &&
           strstr(accept, "text/html") == NULL;
}

void hh_api_plain(const hh_http_request *req, hh_http_response *resp, int status,
                  const char *location)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    char line[64];
    const char *expl = hh_api_http_explanation(status);
    bool json = accepts_json(req);

    hh_http_resp_status(resp, status);
    if (location != NULL)
        hh_http_resp_header(resp, "Location", location);
    if (status == 204) {
        hh_http_resp_body(resp, NULL, NULL, 0);
        return;
    }
    snprintf(line, sizeof(line), "%d %s", status, hh_api_http_title(status));
    if (json) {
        /* {"message": ..., "code": "302 Found", "title": "Found"} */
        put(&buf, &len, &cap, expl, false);
        if (status == 302 && location != NULL) {
            put(&buf, &len, &cap, " <a href=\"", false);
            put(&buf, &len, &cap, location, false);
            put(&buf, &len, &cap, "\">", false);
            put(&buf, &len, &cap, location, false);
            put(&buf, &len, &cap, "</a>;\nyou should be redirected automatically.\n\n", false);
        } else {
            put(&buf, &len, &cap, "<br /><br />\n\n\n", false);
        }
        json_t *body = json_pack("{s:s?, s:s, s:s}", "message", buf, "code", line, "title",
                                 hh_api_http_title(status));
        free(buf);
        if (body != NULL)
            hh_http_resp_json(resp, status, body);
        json_decref(body);
        return;
    }
    put(&buf, &len, &cap, "<html>\n <head>\n  <title>", false);
    put(&buf, &len, &cap, line, false);
    put(&buf, &len, &cap, "</title>\n </head>\n <body>\n  <h1>", false);
    put(&buf, &len, &cap, line, false);
    put(&buf, &len, &cap, "</h1>\n  ", false);
    put(&buf, &len, &cap, expl, false);
    if (status == 302 && location != NULL) {
        put(&buf, &len, &cap, " <a href=\"", false);
        put(&buf, &len, &cap, location, true);
        put(&buf, &len, &cap, "\">", false);
        put(&buf, &len, &cap, location, true);
        put(&buf, &len, &cap, "</a>;\nyou should be redirected automatically.\n\n\n", false);
    } else {
        put(&buf, &len, &cap, "<br /><br />\n\n\n\n", false);
    }
    put(&buf, &len, &cap, " </body>\n</html>", false);
    hh_http_resp_body(resp, "text/html; charset=UTF-8", buf, buf != NULL ? len : 0);
}
