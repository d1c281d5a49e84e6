/* client_http: libcurl requests to heat-api (see client_http.h). */
#include "config.h"

#include "client_http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"

#define BODY_MAX (64u << 20) /* bytes of one answer kept */

struct hh_client_http {
    CURL *curl;
    char *endpoint;
    char *token;
    long timeout;
    bool debug;
};

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
    hh_pybuf *b = arg;

    if (b->len + size * n > BODY_MAX)
        return 0;
    hh_pybuf_add(b, data, size * n);
    return b->rc == 0 ? size * n : 0;
}

hh_client_http *hh_client_http_new(const char *endpoint, const char *token, long timeout_secs,
                                   bool debug)
{
    hh_client_http *h = calloc(1, sizeof(*h));
    size_t n;

    if (h == NULL)
        return NULL;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    h->curl = curl_easy_init();
    h->endpoint = strdup(endpoint);
    h->token = token != NULL ? strdup(token) : NULL;
    if (h->curl == NULL || h->endpoint == NULL || (token != NULL && h->token == NULL)) {
        hh_client_http_free(h);
        return NULL;
    }
    n = strlen(h->endpoint);
    while (n > 0 && h->endpoint[n - 1] == '/')
        h->endpoint[--n] = '\0';
    h->timeout = timeout_secs;
    h->debug = debug;
    return h;
}

void hh_client_http_free(hh_client_http *h)
{
    if (h == NULL)
        return;
    if (h->curl != NULL)
        curl_easy_cleanup(h->curl);
    free(h->endpoint);
    free(h->token);
    free(h);
    curl_global_cleanup();
}

void hh_client_resp_clear(hh_client_resp *r)
{
    json_decref(r->json);
    free(r->message);
    free(r->location);
    memset(r, 0, sizeof(*r));
}

const char *hh_client_http_endpoint(const hh_client_http *h)
{
    return h->endpoint;
}

char *hh_client_http_escape(hh_client_http *h, const char *s)
{
    char *e = curl_easy_escape(h->curl, s, 0);
    char *out = e != NULL ? strdup(e) : NULL;

    curl_free(e);
    return out;
}

/* The message heatclient shows for a failed answer: error.message of
 * Heat's fault body, else the body's text, else the status line. */
static char *error_message(long status, const json_t *json, const char *text)
{
    const char *m = json_string_value(json_object_get(json_object_get(json, "error"), "message"));
    hh_pybuf b = {0};

    if (m == NULL)
        m = json_string_value(json_object_get(json, "message"));
    if (m != NULL)
        hh_pybuf_adds(&b, m);
    else if (text != NULL && text[0] != '\0')
        hh_pybuf_adds(&b, text);
    else
        hh_pybuf_addf(&b, "HTTP %ld", status);
    return hh_pybuf_take(&b);
}

int hh_client_http_call(hh_client_http *h, const char *method, const char *path, const json_t *body,
                        bool follow, hh_client_resp *r)
{
    struct curl_slist *hdrs = NULL;
    hh_pybuf in = {0};
    char *payload = NULL, *auth = NULL, *url = NULL, *loc = NULL;
    char ebuf[CURL_ERROR_SIZE] = "";
    CURL *c = h->curl;
    CURLcode cc;
    int rc = -1;

    memset(r, 0, sizeof(*r));
    if (asprintf(&url, "%s%s", h->endpoint, path) < 0) {
        url = NULL;
        goto oom;
    }
    curl_easy_reset(c);
    hdrs = curl_slist_append(hdrs, "Accept: application/json");
    hdrs = curl_slist_append(hdrs, "User-Agent: python-heatclient");
    if (h->token != NULL) {
        if (asprintf(&auth, "X-Auth-Token: %s", h->token) < 0) {
            auth = NULL;
            goto oom;
        }
        hdrs = curl_slist_append(hdrs, auth);
    }
    if (body != NULL) {
        payload = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
        if (payload == NULL)
            goto oom;
        hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload);
    } else if (strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
               strcmp(method, "PATCH") == 0) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
    }
    if (hdrs == NULL)
        goto oom;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &in);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, follow ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
    if (h->timeout > 0)
        curl_easy_setopt(c, CURLOPT_TIMEOUT, h->timeout);
    if (h->debug)
        fprintf(stderr, "DEBUG: %s %s%s%s\n", method, url, payload ? " " : "",
                payload ? payload : "");
    cc = curl_easy_perform(c);
    if (cc != CURLE_OK) {
        hh_pybuf b = {0};

        hh_pybuf_addf(&b, "Unable to establish connection to %s: %s", url,
                      ebuf[0] ? ebuf : curl_easy_strerror(cc));
        r->message = hh_pybuf_take(&b);
        goto done;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc != NULL)
        r->location = strdup(loc);
    if (in.len > 0 && in.rc == 0)
        r->json = json_loadb(in.s, in.len, JSON_DECODE_ANY, NULL);
    if (h->debug)
        fprintf(stderr, "DEBUG: HTTP %ld %.*s\n", r->status, (int)(in.len > 2000 ? 2000 : in.len),
                in.s ? in.s : "");
    if (r->status >= 200 && r->status < (follow ? 300 : 400)) {
        rc = 0;
        goto done;
    }
    {
        char *text = hh_pybuf_take(&in);

        r->message = error_message(r->status, r->json, text);
        free(text);
    }
    goto done;
oom:
    r->message = strdup("out of memory");
done:
    hh_pybuf_free(&in);
    curl_slist_free_all(hdrs);
    free(payload);
    free(auth);
    free(url);
    return rc;
}
