/* api_fetch: bounded URL reads for template_url (libcurl). */
#include "config.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_fetch.h"

typedef struct sink {
    char *buf;
    size_t len, max;
    bool too_big;
} sink;

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
    sink *s = arg;
    size_t len = size * n;
    char *b;

    if (s->len + len > s->max) {
        s->too_big = true;
        return 0; /* curl stops with CURLE_WRITE_ERROR */
    }
    if ((b = realloc(s->buf, s->len + len + 1)) == NULL)
        return 0;
    memcpy(b + s->len, p, len);
    s->buf = b;
    s->len += len;
    s->buf[s->len] = '\0';
    return len;
}

int hh_api_fetch(const char *url, size_t max, long timeout_ms, char **out, size_t *len,
                 hh_error *err)
{
    sink s = {.max = max};
    size_t slen = strcspn(url, ":");
    CURL *c = NULL;
    CURLcode cc;
    long status = 0;
    int rc = 0;

    *out = NULL;
    *len = 0;
    if (url[slen] != ':' || !((slen == 4 && strncasecmp(url, "http", 4) == 0) ||
                              (slen == 5 && strncasecmp(url, "https", 5) == 0)))
        return hh_error_set(err, HH_EINVAL, NULL, "Invalid URL scheme %.*s",
                            url[slen] == ':' ? (int)slen : 0, url);
    if ((c = curl_easy_init()) == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    curl_easy_setopt(c, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : 60000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    cc = curl_easy_perform(c);
    if (cc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    if (s.too_big)
        rc = hh_error_set(err, HH_ELIMIT, NULL, "Template exceeds maximum allowed size (%zu bytes)",
                          max);
    else if (cc != CURLE_OK || status >= 400)
        rc = hh_error_set(err, EIO, NULL, "Failed to retrieve template from %s", url);
    if (rc != 0) {
        free(s.buf);
        return rc;
    }
    *out = s.buf != NULL ? s.buf : strdup("");
    *len = s.len;
    return *out != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}
