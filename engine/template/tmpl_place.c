/* tmpl_place: where in the template an error is.
 *
 * Heat names the place of most errors with a path in the message; these
 * functions find the node the message names and put its line and column
 * on the error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl_internal.h"

/* Point err at node (or at key of object when node has no place). */
void hh_tmpl_place_at(const hh_tmpl *t, hh_error *err, const json_t *node, const json_t *object,
                      const char *key)
{
    int line = 0, column = 0;

    if (err == NULL || err->line > 0)
        return;
    if (node != NULL && hh_srcmap_get(t->map, node, &line, &column) == 0) {
        hh_error_at(err, t->source, line, column);
        return;
    }
    if (object != NULL && key != NULL &&
        hh_srcmap_get_key(t->map, object, key, &line, &column) == 0) {
        hh_error_at(err, t->source, line, column);
        return;
    }
    if (object != NULL && hh_srcmap_get(t->map, object, &line, &column) == 0)
        hh_error_at(err, t->source, line, column);
}

/* Heat names the place of most errors with a path in the message:
 * "outputs.o.value.Fn::Join: ...", "Property error: : resources.v.properties
 * .value: : ...", "conditions.a.and: ...", "... (in b.Properties.a) ...",
 * 'Circular definition for condition "a"', "Parameter 'p' is invalid".
 * path_of_message copies that path, in the template's spelling, to buf. */
static bool path_of_message(const hh_tmpl *t, const char *msg, char *buf, size_t len)
{
    const dialect_names *n = t->names;
    const char *p, *end;
    const char *sections[] = {n->resources, n->outputs, n->conditions, n->parameters,
                              n->parameter_groups};
    size_t i;

    if (strncmp(msg, "Property error: : ", 18) == 0)
        msg += 18;
    else if (strncmp(msg, "Property error: ", 16) == 0)
        msg += 16;
    else if (strncmp(msg, "Output validation error: ", 25) == 0)
        msg += 25;
    for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
        size_t sl = sections[i] ? strlen(sections[i]) : 0;

        if (sl > 0 && strncmp(msg, sections[i], sl) == 0 && msg[sl] == '.' &&
            (end = strstr(msg, ": ")) != NULL) {
            snprintf(buf, len, "%.*s", (int)(end - msg), msg);
            return true;
        }
    }
    if ((p = strstr(msg, "(in ")) != NULL && (end = strchr(p, ')')) != NULL) {
        /* dependency style: name.Properties.key -> resources.name.properties.key */
        char dep[512], *dot, *rest;

        snprintf(dep, sizeof(dep), "%.*s", (int)(end - p - 4), p + 4);
        dot = strchr(dep, '.');
        rest = dot ? dot + 1 : NULL;
        if (dot)
            *dot = '\0';
        if (rest && strncmp(rest, "Properties", 10) == 0)
            snprintf(buf, len, "%s.%s.%s%s", n->resources, dep, n->res_properties, rest + 10);
        else if (rest && strncmp(rest, "Metadata", 8) == 0)
            snprintf(buf, len, "%s.%s.%s%s", n->resources, dep, n->res_metadata, rest + 8);
        else
            snprintf(buf, len, "%s.%s", n->resources, dep);
        return true;
    }
    if ((p = strstr(msg, "condition \"")) != NULL && (end = strchr(p + 11, '"')) != NULL) {
        snprintf(buf, len, "%s.%.*s", n->conditions, (int)(end - p - 11), p + 11);
        return true;
    }
    if ((p = strstr(msg, "for parameter (")) != NULL && (end = strchr(p + 15, ')')) != NULL) {
        snprintf(buf, len, "%s.%.*s", n->parameters, (int)(end - p - 15), p + 15);
        return true;
    }
    if (strncmp(msg, "Invalid type (", 14) == 0) {
        snprintf(buf, len, "%s", n->parameters);
        return true;
    }
    if (strncmp(msg, "Parameter '", 11) == 0 && (end = strchr(msg + 11, '\'')) != NULL) {
        snprintf(buf, len, "%s.%.*s", n->parameters, (int)(end - msg - 11), msg + 11);
        return true;
    }
    return false;
}

/* Walk path (dot-separated keys, [n] indexes) from the document root and
 * put on err the place of the deepest node it names: a mapping key's own
 * place, or an item's, and inside a function call the function's name.
 * Returns that node (NULL when not even the first segment matches). */
static const json_t *place_by_path(const hh_tmpl *t, hh_error *err, const char *path)
{
    const json_t *node = t->doc, *obj = NULL, *args = NULL;
    const char *key = NULL, *seg = path;
    char name[512];
    int line = 0, column = 0, depth = 0;

    while (*seg) {
        size_t n = strcspn(seg, ".[<");
        const json_t *next;

        snprintf(name, sizeof(name), "%.*s", (int)n, seg);
        seg += n;
        if (*seg == '<') /* "name<nested.yaml>": a template resource's file */
            seg += strcspn(seg, ">") + (strchr(seg, '>') ? 1 : 0);
        if (n > 0) {
            next = json_is_object(node) ? json_object_get(node, name) : NULL;
            if (next == NULL)
                break;
            obj = node;
            key = json_object_iter_key(json_object_iter_at((json_t *)node, name));
            node = next;
            depth++;
        }
        while (*seg == '[') {
            char *endp;
            long idx = strtol(seg + 1, &endp, 10);

            if (*endp != ']' || !json_is_array(node) || idx < 0 ||
                (size_t)idx >= json_array_size(node)) {
                seg = "";
                break;
            }
            node = json_array_get(node, (size_t)idx);
            obj = NULL;
            seg = endp + 1;
            depth++;
        }
        if (*seg == '.')
            seg++;
        else if (*seg != '\0' && *seg != '[')
            break;
    }
    if (depth == 0)
        return NULL;
    /* inside a call, the fault is the function's */
    if (json_is_object(node) && hh_func_lookup(t->ver, node, (json_t **)&args) != NULL) {
        obj = node;
        key = json_object_iter_key(json_object_iter((json_t *)node));
    }
    if (obj != NULL && key != NULL && hh_srcmap_get_key(t->map, obj, key, &line, &column) == 0)
        hh_error_at(err, t->source, line, column);
    else if (hh_srcmap_get(t->map, node, &line, &column) == 0)
        hh_error_at(err, t->source, line, column);
    return node;
}

/* The node under root (in document order) that is a scalar spelled token,
 * or a mapping key spelled token: its place goes to line and column. */
static bool find_token(const hh_tmpl *t, const json_t *root, const char *token, int depth,
                       int *line, int *column)
{
    const char *key;
    json_t *v;
    size_t i;
    char text[64];

    if (depth > 64)
        return false;
    if (json_is_object(root)) {
        json_object_foreach((json_t *)root, key, v)
        {
            if (strcmp(key, token) == 0 && hh_srcmap_get_key(t->map, root, key, line, column) == 0)
                return true;
            if (find_token(t, v, token, depth + 1, line, column))
                return true;
        }
        return false;
    }
    if (json_is_array(root)) {
        json_array_foreach(root, i, v)
        {
            if (find_token(t, v, token, depth + 1, line, column))
                return true;
        }
        return false;
    }
    if (json_is_string(root))
        snprintf(text, sizeof(text), "%s", json_string_value(root));
    else if (json_is_integer(root))
        snprintf(text, sizeof(text), "%" JSON_INTEGER_FORMAT, json_integer_value(root));
    else
        return false;
    return strcmp(text, token) == 0 && hh_srcmap_get(t->map, root, line, column) == 0;
}

/* Narrow err's place to the value its message quotes, within the node the
 * path named (name: the path's last segment, skipped): "ghost" of 'The specified reference
 * "ghost"', 'colour' of "Invalid key 'colour'", integer of "Invalid type
 * (integer)", -1 of "-1 is out of range". */
static void place_by_token(const hh_tmpl *t, hh_error *err, const json_t *within,
                           const char *name)
{
    static const char *const opens = "\"'(";
    static const char *const closes = "\"')";
    const char *m = err->message, *p;
    char token[128];
    int line, column;
    size_t i;

    for (p = m; *p; p++) {
        const char *o = strchr(opens, *p), *end;

        if (o == NULL || *p == '\0')
            continue;
        end = strchr(p + 1, closes[o - opens]);
        if (end == NULL || end == p + 1 || (size_t)(end - p - 1) >= sizeof(token))
            continue;
        snprintf(token, sizeof(token), "%.*s", (int)(end - p - 1), p + 1);
        /* the name of the thing at fault is where the path already points */
        if (name != NULL && strcmp(token, name) == 0) {
            p = end;
            continue;
        }
        if (find_token(t, within, token, 0, &line, &column)) {
            hh_error_at(err, t->source, line, column);
            return;
        }
        p = end;
    }
    /* a value opening the message ("-1 is out of range"), or named after
     * "Invalid default " */
    p = m;
    for (const char *q = strstr(m, ": : "); q != NULL; q = strstr(q + 1, ": : "))
        p = q + 4;
    if (strstr(m, "Invalid default ") != NULL) {
        p = strstr(m, "Invalid default ") + 16;
        i = strcspn(p, " ");
        snprintf(token, sizeof(token), "%.*s", (int)(i < sizeof(token) ? i : 0), p);
        if (find_token(t, within, token, 0, &line, &column))
            hh_error_at(err, t->source, line, column);
        return;
    }
    for (i = 0;
         (p[i] == '-' && i == 0) || (p[i] >= '0' && p[i] <= '9'); i++)
        ;
    if (i > 0 && p[i] == ' ') {
        snprintf(token, sizeof(token), "%.*s", (int)i, p);
        if (find_token(t, within, token, 0, &line, &column))
            hh_error_at(err, t->source, line, column);
    }
}

/* Give err the place its message names, when it names one: the node of
 * the path, narrowed to the value the message quotes. */
void hh_tmpl_place_error(const hh_tmpl *t, hh_error *err)
{
    const json_t *within;
    char path[1024];

    if (err == NULL || err->rc == 0)
        return;
    if (!path_of_message(t, err->message, path, sizeof(path)))
        return;
    within = place_by_path(t, err, path);
    if (within != NULL)
        place_by_token(t, err, within,
                       strrchr(path, '.') ? strrchr(path, '.') + 1 : path);
}

/* A version error is at the version's value, or at its key when it has
 * none; "Ambiguous versions" at the second version key. */
void hh_tmpl_place_version_error(const hh_tmpl *t, hh_error *err)
{
    static const char *const keys[] = {"heat_template_version", "HeatTemplateFormatVersion",
                                       "AWSTemplateFormatVersion"};
    const json_t *obj = t->doc;
    const char *key;
    json_t *v;
    int line, column, found = 0;

    if (err == NULL || !json_is_object(obj))
        return;
    json_object_foreach((json_t *)obj, key, v)
    {
        size_t i;

        for (i = 0; i < 3; i++) {
            if (strcmp(key, keys[i]) != 0)
                continue;
            if (++found == 2 || strstr(err->message, "Ambiguous") == NULL) {
                if ((found == 2 || hh_srcmap_get(t->map, v, &line, &column) != 0) &&
                    hh_srcmap_get_key(t->map, obj, key, &line, &column) != 0)
                    return;
                hh_error_at(err, t->source, line, column);
                if (found == 2 || strstr(err->message, "Ambiguous") == NULL)
                    return;
            }
        }
    }
}

