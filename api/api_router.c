/* api_router: ordered pattern matching with Heat's 405/OPTIONS rules. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "api_router.h"

/* Length of the pattern segment starting at p (up to '/' or the end; the
 * '/' inside "{...}" alternatives does not occur). */
static size_t seg_len(const char *p)
{
    return strcspn(p, "/");
}

/* Match path against pattern; on success record the parameters in m
 * (values copied into m->buf). */
static bool match_one(const char *pattern, const char *path, hh_api_match *m)
{
    const char *p = pattern, *s = path;
    size_t used = 0;

    m->nparams = 0;
    while (*p != '\0') {
        size_t pl, sl;

        if (*p != '/' || *s != '/')
            return false;
        p++;
        s++;
        pl = seg_len(p);
        sl = seg_len(s);
        if (p[0] == '{') {
            const char *colon = memchr(p, ':', pl);
            const char *name_end = colon != NULL ? colon : p + pl - 1;
            size_t take = sl;

            if (m->nparams >= HH_API_ROUTE_PARAMS_MAX || sl == 0)
                return false;
            if (colon != NULL) {
                size_t wl = (size_t)(p + pl - 1 - (colon + 1));

                if (wl == 3 && strncmp(colon + 1, "arn", 3) == 0) {
                    if (strncmp(s, "arn:", 4) != 0)
                        return false;
                    take = strlen(s); /* the rest of the path */
                } else {
                    /* one of the words a|b|c */
                    const char *w = colon + 1, *end = p + pl - 1;
                    bool any = false;

                    while (w < end && !any) {
                        const char *bar = memchr(w, '|', (size_t)(end - w));
                        size_t n = (size_t)((bar != NULL ? bar : end) - w);

                        any = n == sl && strncmp(w, s, n) == 0;
                        w = bar != NULL ? bar + 1 : end;
                    }
                    if (!any)
                        return false;
                }
            }
            if (used + take + 1 > sizeof(m->buf))
                return false;
            /* names point into the static pattern: keep them as pointers
             * to a NUL-terminated copy in buf as well */
            memcpy(m->buf + used, s, take);
            m->buf[used + take] = '\0';
            m->values[m->nparams] = m->buf + used;
            used += take + 1;
            {
                size_t nl = (size_t)(name_end - (p + 1));

                if (used + nl + 1 > sizeof(m->buf))
                    return false;
                memcpy(m->buf + used, p + 1, nl);
                m->buf[used + nl] = '\0';
                m->names[m->nparams] = m->buf + used;
                used += nl + 1;
            }
            m->nparams++;
            s += take;
            p += pl;
            if (take != sl && *p != '\0')
                return false; /* the rest-of-path segment must be the last */
        } else {
            if (pl != sl || strncmp(p, s, pl) != 0)
                return false;
            p += pl;
            s += sl;
        }
    }
    return *s == '\0';
}

static void allow_of(const hh_api_route *table, size_t n, const char *pattern, char *allow,
                     size_t len)
{
    size_t used = 0;

    allow[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].pattern, pattern) != 0)
            continue;
        int w = snprintf(allow + used, len - used, "%s%s", used ? "," : "", table[i].method);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
}

static bool seen_before(const hh_api_route *table, size_t from, size_t i)
{
    for (size_t j = from; j < i; j++)
        if (strcmp(table[j].pattern, table[i].pattern) == 0)
            return true;
    return false;
}

hh_api_route_result hh_api_route_match(const hh_api_route *table, size_t n, const char *method,
                                       const char *path, hh_api_match *m)
{
    static const char *const known[] = {"HEAD", "GET", "POST", "PUT", "PATCH", "DELETE"};
    bool is_options = strcmp(method, "OPTIONS") == 0;
    bool is_known = false;
    size_t b = 0;

    memset(m, 0, offsetof(hh_api_match, buf));
    if (strlen(path) >= HH_API_PATH_MAX)
        return HH_API_ROUTE_NOT_FOUND;
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        is_known = is_known || strcmp(known[i], method) == 0;
    while (b < n) {
        size_t e = b;

        while (e < n && table[e].batch == table[b].batch)
            e++;
        for (size_t i = b; i < e; i++) {
            if (strcmp(table[i].method, method) == 0 && match_one(table[i].pattern, path, m)) {
                m->route = &table[i];
                return HH_API_ROUTE_FOUND;
            }
        }
        /* the batch's URLs in order of first appearance */
        for (size_t i = b; i < e && !table[b].no_defaults && (is_known || is_options); i++) {
            if (seen_before(table, b, i) || !match_one(table[i].pattern, path, m))
                continue;
            allow_of(table + b, e - b, table[i].pattern, m->allow, sizeof(m->allow));
            m->nparams = 0;
            return is_options ? HH_API_ROUTE_OPTIONS : HH_API_ROUTE_NOT_ALLOWED;
        }
        b = e;
    }
    m->nparams = 0;
    return HH_API_ROUTE_NOT_FOUND;
}

const char *hh_api_match_param(const hh_api_match *m, const char *name)
{
    for (size_t i = 0; i < m->nparams; i++)
        if (strcmp(m->names[i], name) == 0)
            return m->values[i];
    return NULL;
}
