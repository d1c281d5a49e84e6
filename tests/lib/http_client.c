/* http_client: libcurl client for the heat-api tests. */
#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http_client.h"

static CURL *curl;
static int port;
static http_resp last;

void http_client_init(int p)
{
    if (curl == NULL) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        curl = curl_easy_init();
    }
    port = p;
}

void http_client_free(void)
{
    json_decref(last.json);
    last.json = NULL;
    if (curl != NULL) {
        curl_easy_cleanup(curl);
        curl_global_cleanup();
    }
    curl = NULL;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
    http_resp *r = arg;
    size_t len = size * n, room = sizeof(r->body) - 1 - r->len;

    memcpy(r->body + r->len, p, len < room ? len : room);
    r->len += len < room ? len : room;
    r->body[r->len] = '\0';
    return len;
}

static void header_value(const char *line, size_t len, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);

    if (len > nl + 1 && strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
        const char *v = line + nl + 1;
        size_t vl = len - nl - 1;

        while (vl > 0 && *v == ' ')
            v++, vl--;
        while (vl > 0 && (v[vl - 1] == '\r' || v[vl - 1] == '\n'))
            vl--;
        snprintf(out, cap, "%.*s", (int)vl, v);
    }
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
    http_resp *r = arg;
    size_t len = size * n;

    header_value(p, len, "Location", r->location, sizeof(r->location));
    header_value(p, len, "Allow", r->allow, sizeof(r->allow));
    header_value(p, len, "x-openstack-request-id", r->request_id, sizeof(r->request_id));
    header_value(p, len, "Content-Type", r->ctype, sizeof(r->ctype));
    return len;
}

http_resp *http_call(const char *method, const char *path, const char *body,
                     const char *const *headers)
{
    http_resp *r = &last;
    struct curl_slist *h = NULL;
    bool has_type = false;
    char url[4096];

    json_decref(r->json);
    memset(r, 0, sizeof(*r));
    snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", port, path);
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, r);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    else
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (body != NULL) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    for (const char *const *p = headers; p != NULL && *p != NULL; p++)
        has_type = has_type || strncasecmp(*p, "Content-Type:", 13) == 0;
    if (!has_type)
        h = curl_slist_append(h, "Content-Type: application/json");
    for (; headers != NULL && *headers != NULL; headers++)
        h = curl_slist_append(h, *headers);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
    if (curl_easy_perform(curl) != CURLE_OK)
        r->status = -1;
    else
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(h);
    r->json = json_loadb(r->body, r->len, JSON_DECODE_ANY, NULL);
    return r;
}

const json_t *jpath(const json_t *root, const char *path)
{
    char buf[256], *save = NULL, *tok;
    const json_t *v = root;

    snprintf(buf, sizeof(buf), "%s", path);
    for (tok = strtok_r(buf, ".", &save); tok != NULL && v != NULL;
         tok = strtok_r(NULL, ".", &save))
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(tok)) : json_object_get(v, tok);
    return v;
}

const char *jpath_str(const json_t *root, const char *path)
{
    return json_string_value(jpath(root, path));
}

bool http_is_fault(const http_resp *r, long status, const char *type, const char *message)
{
    const char *t = jpath_str(r->json, "error.type");
    const char *m = jpath_str(r->json, "error.message");

    return r->status == status && json_integer_value(jpath(r->json, "code")) == status &&
           jpath_str(r->json, "title") != NULL && jpath_str(r->json, "explanation") != NULL &&
           json_is_null(jpath(r->json, "error.traceback")) && t != NULL && strcmp(t, type) == 0 &&
           (message == NULL || (m != NULL && strcmp(m, message) == 0));
}
