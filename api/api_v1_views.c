/* api_v1_views: Heat's API shapes from the engine's API format
 * (heat/api/openstack/v1/views/stacks_view.py, resources.py
 * format_resource, events.py format_event, util.make_url, and
 * views_common.get_collection_links). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_v1_internal.h"

typedef struct sbuf {
    char *s;
    size_t len, cap;
    bool failed;
} sbuf;

static void sb_putn(sbuf *b, const char *t, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        char *s;

        while (cap < b->len + n + 1)
            cap *= 2;
        if ((s = realloc(b->s, cap)) == NULL) {
            b->failed = true;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_put(sbuf *b, const char *t)
{
    sb_putn(b, t, strlen(t));
}

/* urllib.parse.quote (plus: quote_plus, space as '+'). */
static void sb_quote(sbuf *b, const char *text, const char *safe, bool plus)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("_.-~", *p) != NULL || (safe != NULL && strchr(safe, *p) != NULL)) {
            sb_putn(b, (const char *)p, 1);
        } else if (plus && *p == ' ') {
            sb_putn(b, "+", 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sb_putn(b, e, 3);
        }
    }
}

static char *sb_done(sbuf *b)
{
    if (b->failed) {
        free(b->s);
        return NULL;
    }
    if (b->s == NULL)
        return strdup("");
    return b->s;
}

char *v1_quote(const char *text, const char *safe)
{
    sbuf b = {0};

    sb_quote(&b, text, safe, false);
    return sb_done(&b);
}

static const char *str_of(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL ? s : "";
}

/* The path with its last drop components removed ("/a/b/c/d", 2 ->
 * "/a/b"), as identifier.py's stack() and resource() do. */
static char *path_up(const char *path, int drop)
{
    char *p = strdup(path);
    size_t n;

    if (p == NULL)
        return NULL;
    for (int i = 0; i < drop; i++) {
        char *slash = strrchr(p, '/');
        if (slash == NULL) {
            p[0] = '\0';
            break;
        }
        *slash = '\0';
    }
    n = strlen(p);
    while (n > 0 && p[n - 1] == '/')
        p[--n] = '\0';
    return p;
}

/* base + quote(tenant) + "/stacks/" + quote(name) + "/" + quote(id) +
 * quote(path) with path given separately (NULL: identity's own). */
static char *url_for(const v1_req *r, const json_t *identity, const char *path)
{
    sbuf b = {0};
    const char *tenant = json_string_value(json_object_get(identity, "tenant"));
    const char *name = json_string_value(json_object_get(identity, "stack_name"));
    const json_t *id = json_object_get(identity, "stack_id");
    char idbuf[32];
    const char *ids = json_string_value(id);

    if (!json_is_object(identity) || tenant == NULL || name == NULL || id == NULL)
        return NULL;
    if (ids == NULL && json_is_integer(id)) {
        snprintf(idbuf, sizeof(idbuf), "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        ids = idbuf;
    }
    if (ids == NULL)
        return NULL;
    if (path == NULL)
        path = str_of(identity, "path");
    sb_put(&b, r->base);
    sb_quote(&b, tenant, NULL, false);
    sb_put(&b, "/stacks/");
    sb_quote(&b, name, NULL, false);
    sb_put(&b, "/");
    sb_quote(&b, ids, NULL, false);
    if (path[0] != '\0' && path[0] != '/')
        sb_put(&b, "/");
    sb_quote(&b, path, "/", false);
    return sb_done(&b);
}

char *v1_make_url(const v1_req *r, const json_t *identity)
{
    return url_for(r, identity, NULL);
}

static json_t *link_of(char *href, const char *rel)
{
    json_t *l;

    if (href == NULL)
        return json_pack("{s:n, s:s}", "href", "rel", rel);
    l = json_pack("{s:s, s:s}", "href", href, "rel", rel);
    free(href);
    return l;
}

json_t *v1_make_link(const v1_req *r, const json_t *identity, const char *rel)
{
    return link_of(v1_make_url(r, identity), rel);
}

static bool in_keys(const char *const *keys, const char *key)
{
    if (keys == NULL)
        return true;
    for (; *keys != NULL; keys++)
        if (strcmp(*keys, key) == 0)
            return true;
    return false;
}

/* action + "_" + status (new string value). */
static json_t *joined_status(const json_t *action, const json_t *status)
{
    char buf[256];

    snprintf(buf, sizeof(buf), "%s_%s", json_string_value(action) ? json_string_value(action) : "",
             json_string_value(status) ? json_string_value(status) : "");
    return json_string(buf);
}

json_t *v1_format_stack(const v1_req *r, const json_t *stack, const char *const *keys,
                        bool include_project)
{
    json_t *out = json_object();
    const json_t *action = json_object_get(stack, "stack_action");
    const char *key;
    json_t *value;

    if (out == NULL)
        return NULL;
    /* keys come from a jansson object or are literals: valid UTF-8, so
     * the _nocheck setters (a list formats every stack here) */
    json_object_foreach((json_t *)stack, key, value)
    {
        if (!in_keys(keys, key))
            continue;
        if (strcmp(key, "stack_identity") == 0) {
            json_object_set_nocheck(out, "id", json_object_get(value, "stack_id"));
            json_object_set_new_nocheck(out, "links",
                                        json_pack("[o]", v1_make_link(r, value, "self")));
            if (include_project)
                json_object_set_nocheck(out, "project", json_object_get(value, "tenant"));
        } else if (strcmp(key, "stack_action") == 0) {
            continue;
        } else if (strcmp(key, "stack_status") == 0 && action != NULL) {
            json_object_set_new_nocheck(out, key, joined_status(action, value));
        } else {
            json_object_set_nocheck(out, key, value);
        }
    }
    return out;
}

/* What format_resource and format_event do alike with the other keys:
 * the status joined with the action, resource_name doubled as
 * logical_resource_id, anything else copied. */
static void format_res_key(json_t *out, const char *key, json_t *value, const json_t *action)
{
    if (strcmp(key, "resource_status") == 0 && action != NULL) {
        json_object_set_new(out, key, joined_status(action, value));
    } else if (strcmp(key, "resource_name") == 0) {
        json_object_set(out, "logical_resource_id", value);
        json_object_set(out, key, value);
    } else {
        json_object_set(out, key, value);
    }
}

json_t *v1_format_resource(const v1_req *r, const json_t *res)
{
    json_t *out = json_object();
    const json_t *action = json_object_get(res, "resource_action");
    const char *key;
    json_t *value;

    if (out == NULL)
        return NULL;
    json_object_foreach((json_t *)res, key, value)
    {
        if (strcmp(key, "resource_identity") == 0) {
            const json_t *nested = json_object_get(res, "nested_stack_id");
            char *stack_path = path_up(str_of(value, "path"), 2);
            json_t *links = json_array();

            json_array_append_new(links, v1_make_link(r, value, "self"));
            json_array_append_new(
                links, link_of(url_for(r, value, stack_path ? stack_path : ""), "stack"));
            free(stack_path);
            if (json_is_object(nested))
                json_array_append_new(links, v1_make_link(r, nested, "nested"));
            json_object_set_new(out, "links", links);
        } else if (strcmp(key, "stack_name") == 0 || strcmp(key, "stack_identity") == 0 ||
                   strcmp(key, "resource_action") == 0 || strcmp(key, "nested_stack_id") == 0 ||
                   strcmp(key, "metadata") == 0) {
            continue;
        } else {
            format_res_key(out, key, value, action);
        }
    }
    return out;
}

static const char *const event_summary[] = {
    "event_identity",
    "event_time",
    "resource_name",
    "resource_status",
    "resource_status_reason",
    "physical_resource_id",
    NULL,
};

json_t *v1_format_event(const v1_req *r, const json_t *event, bool detail)
{
    json_t *out = json_object();
    const json_t *action = json_object_get(event, "resource_action");
    const json_t *root = json_object_get(event, "root_stack_id");
    const char *key;
    json_t *value;

    if (out == NULL)
        return NULL;
    json_object_foreach((json_t *)event, key, value)
    {
        if (!detail && !in_keys(event_summary, key))
            continue;
        if (strcmp(key, "event_identity") == 0) {
            const char *path = str_of(value, "path");
            const char *slash = strrchr(path, '/');
            char *res_path = path_up(path, 2);
            char *stack_path = res_path != NULL ? path_up(res_path, 2) : NULL;

            json_object_set_new(out, "id", json_string(slash != NULL ? slash + 1 : path));
            json_object_set_new(
                out, "links",
                json_pack("[o, o, o]", v1_make_link(r, value, "self"),
                          link_of(url_for(r, value, res_path ? res_path : ""), "resource"),
                          link_of(url_for(r, value, stack_path ? stack_path : ""), "stack")));
            free(res_path);
            free(stack_path);
        } else if (strcmp(key, "stack_identity") == 0 || strcmp(key, "stack_name") == 0 ||
                   strcmp(key, "resource_action") == 0) {
            continue;
        } else {
            format_res_key(out, key, value, action);
        }
    }
    if (json_is_object(root) && json_is_array(json_object_get(out, "links")))
        json_array_append_new(json_object_get(out, "links"), v1_make_link(r, root, "root_stack"));
    return out;
}

char *v1_request_url(const v1_req *r)
{
    sbuf b = {0};
    size_t n = strlen(r->base);
    const char *path = hh_http_req_path(r->http);

    /* base ends in "/v1/" (or heat_api_root + "/"): drop its '/' and
     * append the path after /v1 */
    sb_putn(&b, r->base, n > 0 ? n - 1 : 0);
    if (strncmp(path, "/v1/", 4) == 0 || strcmp(path, "/v1") == 0)
        path += 3;
    sb_quote(&b, path, "/~!$&'()*+,;=:@", false);
    return sb_done(&b);
}

char *v1_query_string(const v1_req *r, const char *marker)
{
    sbuf b = {0};
    size_t n = hh_http_req_arg_count(r->http);

    for (size_t i = 0; i < n; i++) {
        const char *k, *v;

        hh_http_req_arg_at(r->http, i, &k, &v);
        if (marker != NULL && strcmp(k, "marker") == 0)
            continue;
        if (b.len > 0)
            sb_put(&b, "&");
        sb_quote(&b, k, NULL, true);
        sb_put(&b, "=");
        sb_quote(&b, v != NULL ? v : "", NULL, true);
    }
    if (marker != NULL) {
        if (b.len > 0)
            sb_put(&b, "&");
        sb_put(&b, "marker=");
        sb_quote(&b, marker, NULL, true);
    }
    return sb_done(&b);
}

json_t *v1_collection_links(const v1_req *r, const json_t *items)
{
    const char *lim = hh_http_req_arg(r->http, "limit");
    long long limit = 0;
    char *end = NULL, *url = NULL, *query = NULL, *href = NULL;
    const char *marker;
    json_t *links = NULL;

    if (lim != NULL)
        limit = strtoll(lim, &end, 10);
    if (lim == NULL || end == lim || *end != '\0' || limit <= 0 ||
        (size_t)limit != json_array_size(items))
        return NULL;
    marker = json_string_value(json_object_get(json_array_get(items, limit - 1), "id"));
    url = v1_request_url(r);
    query = v1_query_string(r, marker != NULL ? marker : "");
    if (url != NULL && query != NULL && (href = malloc(strlen(url) + strlen(query) + 2)) != NULL) {
        sprintf(href, "%s?%s", url, query);
        links = json_pack("[{s:s, s:s}]", "rel", "next", "href", href);
    }
    free(url);
    free(query);
    free(href);
    return links;
}
