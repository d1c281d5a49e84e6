/* api_fetch: Heat's urlfetch.get for template_url: an http or https URL
 * read with libcurl, at most max bytes, within timeout_ms.
 *
 * Errors are Heat's URLFetchError texts, which the API shows after
 * "Could not retrieve template: ": "Invalid URL scheme <scheme>", "Template
 * exceeds maximum allowed size (<max> bytes)", "Failed to retrieve
 * template from <url>" (an unreachable host, an HTTP status of 400 or
 * more, a timeout). Thread-safe once curl_global_init has run (the API
 * server runs it at start).
 */
#ifndef HH_API_FETCH_H
#define HH_API_FETCH_H

#include <stddef.h>

#include "hh_error.h"

/* *out new (malloc, NUL-terminated), *len its length. 0, or an rc with
 * err's message (HH_EINVAL, HH_ELIMIT, EIO) filled. */
int hh_api_fetch(const char *url, size_t max, long timeout_ms, char **out, size_t *len,
                 hh_error *err);

#endif
