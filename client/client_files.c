#include "config.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client_files.h"
#include "doc_load.h"
#include "hh_json.h"

/* Bound on files pulled in through nested references (a loop of includes
 * ends here instead of growing without end). */
#define MAX_INCLUDED_FILES 1000

int hh_client_read_file(const char *path, char **text, size_t *len, hh_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;

    *text = NULL;
    if (f == NULL)
        return hh_error_set(err, errno, NULL, "Could not fetch contents for file://%s: %s", path,
                            strerror(errno));
    do {
        if (n + 4096 + 1 > cap) {
            char *grown;

            cap = cap ? cap * 2 : 8192;
            grown = realloc(buf, cap);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return hh_error_set(err, ENOMEM, NULL, "out of memory");
            }
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

/* Collapse "." and ".." segments of an absolute path, in place. */
static void normalise_path(char *path)
{
    char *out = path, *seg = path;

    while (*seg) {
        char *end;
        size_t len;

        while (*seg == '/')
            seg++;
        end = strchr(seg, '/');
        len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 0)
            break;
        if (len == 1 && seg[0] == '.') {
            /* skip */
        } else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > path && *(out - 1) != '/')
                out--;
            if (out > path)
                out--;
        } else {
            *out++ = '/';
            memmove(out, seg, len);
            out += len;
        }
        seg += len;
    }
    if (out == path)
        *out++ = '/';
    *out = '\0';
}

/* The absolute path that ref names, relative to the directory base_dir. A
 * file:// URL gives its path; another scheme is refused (offline client). */
static int resolve_ref(const char *base_dir, const char *ref, char *path, size_t len, hh_error *err)
{
    if (strncmp(ref, "file://", 7) == 0)
        snprintf(path, len, "%s", ref + 7);
    else if (strstr(ref, "://") != NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, NULL,
                            "Could not fetch contents for %s: only local files can be read", ref);
    else if (ref[0] == '/')
        snprintf(path, len, "%s", ref);
    else
        snprintf(path, len, "%s/%s", base_dir, ref);
    normalise_path(path);
    return 0;
}

static void dir_of(const char *path, char *dir, size_t len)
{
    const char *slash = strrchr(path, '/');

    snprintf(dir, len, "%.*s", slash && slash != path ? (int)(slash - path) : 1,
             slash ? path : "/");
}

static bool is_template_doc(const json_t *doc)
{
    return json_is_object(doc) && (json_object_get(doc, "heat_template_version") ||
                                   json_object_get(doc, "HeatTemplateFormatVersion") ||
                                   json_object_get(doc, "AWSTemplateFormatVersion"));
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int collect(json_t *node, const char *base_dir, json_t *files, hh_error *err);

/* Read the file at path into files under its URL (once). A file that is a
 * template is processed recursively and stored as JSON text. *url_out: the
 * URL (new string). */
static int include_file(const char *path, json_t *files, char **url_out, hh_error *err)
{
    char url[PATH_MAX + 8], dir[PATH_MAX];
    char *text = NULL, *json_text = NULL;
    json_t *doc = NULL;
    size_t len = 0;
    int rc;

    snprintf(url, sizeof(url), "file://%s", path);
    *url_out = strdup(url);
    if (*url_out == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    if (json_object_get(files, url) != NULL)
        return 0;
    if (json_object_size(files) >= MAX_INCLUDED_FILES)
        return hh_error_set(err, HH_ELIMIT, NULL, "More than %d files are included",
                            MAX_INCLUDED_FILES);
    rc = hh_client_read_file(path, &text, &len, err);
    if (rc != 0)
        goto done;
    /* Mark it first, so a file that includes itself ends the recursion. */
    json_object_set_new(files, url, json_string(""));
    if (hh_doc_parse(text, len, url, NULL, &doc, NULL, NULL) == 0 && is_template_doc(doc)) {
        dir_of(path, dir, sizeof(dir));
        rc = collect(doc, dir, files, err);
        if (rc != 0)
            goto done;
        json_text = json_dumps(doc, JSON_COMPACT);
        json_object_set_new(files, url, json_string(json_text ? json_text : ""));
    } else {
        json_object_set_new(files, url, json_stringn(text, len));
    }
    rc = 0;
done:
    free(text);
    free(json_text);
    json_decref(doc);
    return rc;
}

/* heatclient's resolve_template_get_files: rewrite get_file values and
 * template resource types to file:// URLs and read their files. */
static int collect(json_t *node, const char *base_dir, json_t *files, hh_error *err)
{
    const char *key;
    json_t *value;
    size_t i;
    int rc;

    if (json_is_array(node)) {
        json_array_foreach(node, i, value)
        {
            rc = collect(value, base_dir, files, err);
            if (rc != 0)
                return rc;
        }
        return 0;
    }
    if (!json_is_object(node))
        return 0;
    json_object_foreach(node, key, value)
    {
        char path[PATH_MAX], *url = NULL;

        if (json_is_object(value) || json_is_array(value)) {
            rc = collect(value, base_dir, files, err);
            if (rc != 0)
                return rc;
            continue;
        }
        if (!json_is_string(value))
            continue;
        if (strcmp(key, "get_file") != 0 &&
            !(strcmp(key, "type") == 0 && (ends_with(json_string_value(value), ".yaml") ||
                                           ends_with(json_string_value(value), ".template"))))
            continue;
        rc = resolve_ref(base_dir, json_string_value(value), path, sizeof(path), err);
        if (rc == 0)
            rc = include_file(path, files, &url, err);
        if (rc == 0)
            json_object_set_new(node, key, json_string(url));
        free(url);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int absolute_path(const char *path, char *out, size_t len, hh_error *err)
{
    char cwd[PATH_MAX];

    if (path[0] == '/') {
        snprintf(out, len, "%s", path);
    } else {
        if (getcwd(cwd, sizeof(cwd)) == NULL)
            return hh_error_set(err, errno, NULL, "cannot read the working directory: %s",
                                strerror(errno));
        snprintf(out, len, "%s/%s", cwd, path);
    }
    normalise_path(out);
    return 0;
}

int hh_client_read_template(const char *path, json_t **tmpl, hh_srcmap **map, json_t *files,
                            char **url, hh_error *err)
{
    char abspath[PATH_MAX], dir[PATH_MAX], urlbuf[PATH_MAX + 8];
    char *text = NULL;
    json_t *doc = NULL;
    hh_srcmap *positions = NULL;
    size_t len = 0;
    hh_error perr;
    int rc;

    *tmpl = NULL;
    *map = NULL;
    *url = NULL;
    rc = absolute_path(path, abspath, sizeof(abspath), err);
    if (rc != 0)
        return rc;
    snprintf(urlbuf, sizeof(urlbuf), "file://%s", abspath);
    rc = hh_client_read_file(abspath, &text, &len, err);
    if (rc != 0)
        goto done;
    hh_error_clear(&perr);
    rc = hh_doc_parse(text, len, urlbuf, NULL, &doc, &positions, &perr);
    if (rc != 0) {
        rc = hh_error_set(err, rc, "CommandError", "Error parsing template %s %s", urlbuf,
                          perr.message);
        hh_error_at(err, path, perr.line, perr.column);
        goto done;
    }
    if (!json_is_object(doc)) {
        rc = hh_error_set(err, HH_EINVAL, "CommandError",
                          "Error parsing template %s The template is not a JSON object or YAML "
                          "mapping.",
                          urlbuf);
        goto done;
    }
    dir_of(abspath, dir, sizeof(dir));
    rc = collect(doc, dir, files, err);
    if (rc != 0)
        goto done;
    *url = strdup(urlbuf);
    *tmpl = doc;
    *map = positions;
    doc = NULL;
    positions = NULL;
done:
    free(text);
    json_decref(doc);
    hh_srcmap_free(positions);
    return rc;
}

/* heatclient's resolve_environment_urls: template paths of a registry
 * (and of its per-resource overrides) become URLs, their files read. */
static int resolve_registry(json_t *registry, const char *base_dir, json_t *files, hh_error *err)
{
    const char *key, *base = base_dir;
    char dir[PATH_MAX];
    json_t *v;
    int rc;

    if (!json_is_object(registry))
        return 0;
    v = json_object_get(registry, "base_url");
    if (json_is_string(v)) {
        const char *b = json_string_value(v);

        snprintf(dir, sizeof(dir), "%s", strncmp(b, "file://", 7) == 0 ? b + 7 : b);
        base = dir;
    }
    json_object_foreach(registry, key, v)
    {
        char path[PATH_MAX], *url = NULL;

        if (strcmp(key, "base_url") == 0)
            continue;
        if (strcmp(key, "resources") == 0 && json_is_object(v)) {
            const char *rname;
            json_t *rv;

            json_object_foreach(v, rname, rv)
            {
                rc = resolve_registry(rv, base, files, err);
                if (rc != 0)
                    return rc;
            }
            continue;
        }
        if (!json_is_string(v) || (!ends_with(json_string_value(v), ".yaml") &&
                                   !ends_with(json_string_value(v), ".template")))
            continue;
        rc = resolve_ref(base, json_string_value(v), path, sizeof(path), err);
        if (rc == 0)
            rc = include_file(path, files, &url, err);
        if (rc == 0)
            json_object_set_new(registry, key, json_string(url));
        free(url);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int hh_client_read_environments(const char *const *paths, size_t n, json_t **env, json_t *env_urls,
                                json_t *files, hh_error *err)
{
    json_t *merged = json_object(), *doc = NULL;
    char abspath[PATH_MAX], dir[PATH_MAX], url[PATH_MAX + 8];
    char *text = NULL;
    size_t i, len = 0;
    hh_error perr;
    int rc = 0;

    *env = NULL;
    if (merged == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    for (i = 0; i < n; i++) {
        rc = absolute_path(paths[i], abspath, sizeof(abspath), err);
        if (rc == 0)
            rc = hh_client_read_file(abspath, &text, &len, err);
        if (rc != 0)
            goto done;
        snprintf(url, sizeof(url), "file://%s", abspath);
        hh_error_clear(&perr);
        rc = hh_doc_parse(text, len, url, NULL, &doc, NULL, &perr);
        if (rc != 0) {
            rc = hh_error_set(err, rc, "CommandError", "Error parsing %s: %s", url, perr.message);
            hh_error_at(err, paths[i], perr.line, perr.column);
            goto done;
        }
        if (json_is_null(doc)) {
            json_decref(doc);
            doc = json_object();
        }
        if (!json_is_object(doc)) {
            rc = hh_error_set(err, HH_EINVAL, "CommandError",
                              "Error parsing %s: The environment is not a valid YAML mapping "
                              "data type.",
                              url);
            goto done;
        }
        dir_of(abspath, dir, sizeof(dir));
        rc = resolve_registry(json_object_get(doc, "resource_registry"), dir, files, err);
        if (rc != 0)
            goto done;
        {
            char *env_text = json_dumps(doc, JSON_COMPACT);

            json_object_set_new(files, url, json_string(env_text ? env_text : "{}"));
            free(env_text);
        }
        json_array_append_new(env_urls, json_string(url));
        if (hh_json_deep_update(merged, doc) != 0) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            goto done;
        }
        json_decref(doc);
        doc = NULL;
        free(text);
        text = NULL;
    }
    *env = merged;
    merged = NULL;
done:
    free(text);
    json_decref(doc);
    json_decref(merged);
    return rc;
}
