/* tmpl_graph: the dependency graph of a template's resources, and cycles.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl_internal.h"

/* Depth-first search for a cycle; on finding one, name its members in
 * Heat's style. colour: 0 unvisited, 1 on the stack, 2 done. */
static int find_cycle(const json_t *graph, const char *node, json_t *colour, json_t *stack,
                      hh_error *err)
{
    json_t *deps = json_object_get(graph, node), *d;
    size_t i;
    int rc;

    json_object_set_new(colour, node, json_integer(1));
    json_array_append_new(stack, json_string(node));
    json_array_foreach(deps, i, d)
    {
        const char *next = json_string_value(d);
        json_int_t c = json_integer_value(json_object_get(colour, next));

        if (c == 1) {
            char cycle[1024] = "";
            size_t j, start = 0;

            for (j = 0; j < json_array_size(stack); j++)
                if (strcmp(json_string_value(json_array_get(stack, j)), next) == 0)
                    start = j;
            for (j = start; j < json_array_size(stack); j++) {
                size_t used = strlen(cycle);

                snprintf(cycle + used, sizeof(cycle) - used, "%s%s", j > start ? ", " : "",
                         json_string_value(json_array_get(stack, j)));
            }
            return hh_error_set(err, HH_EINVAL, "CircularDependencyException",
                                "Circular Dependency Found: %s", cycle);
        }
        if (c == 0) {
            rc = find_cycle(graph, next, colour, stack, err);
            if (rc != 0)
                return rc;
        }
    }
    json_object_set_new(colour, node, json_integer(2));
    json_array_remove(stack, json_array_size(stack) - 1);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of object as a sorted list of strings (new reference). */
static json_t *sorted_keys(const json_t *object)
{
    size_t n = json_object_size(object), i = 0;
    const char **keys = NULL, *key;
    json_t *v, *list = json_array();

    if (list == NULL || n == 0)
        return list;
    keys = malloc(n * sizeof(*keys));
    if (keys == NULL) {
        json_decref(list);
        return NULL;
    }
    json_object_foreach((json_t *)object, key, v)
    {
        keys[i++] = key;
    }
    qsort(keys, n, sizeof(*keys), cmp_str);
    for (i = 0; i < n; i++)
        json_array_append_new(list, json_string(keys[i]));
    free(keys);
    return list;
}

/* The graph {name: [sorted names it depends on]} of the enabled resources
 * (references in properties and metadata, and depends_on, as Heat's
 * ResourceDefinition.required_resource_names); a cycle is
 * CircularDependencyException. Needs prepare(). */
int hh_tmpl_build_graph(hh_tmpl *t, json_t **graph_out, hh_error *err)
{
    const dialect_names *n = t->names;
    const json_t *resources = hh_tmpl_section(t, n->resources);
    const char *name;
    json_t *res, *graph = NULL, *set = NULL, *list, *dv, *colour = NULL, *stack = NULL;
    json_t *fields[2];
    size_t i, k;
    int rc;

    *graph_out = NULL;
    graph = json_object();
    if (graph == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    json_object_foreach((json_t *)resources, name, res)
    {
        if (json_object_get(t->enabled, name) == NULL)
            continue;
        set = json_object();
        fields[0] = json_object_get(res, n->res_properties);
        fields[1] = json_object_get(res, n->res_metadata);
        for (k = 0; k < 2; k++) {
            if (fields[k] == NULL)
                continue;
            rc = hh_func_dependencies(t->ver, fields[k], t->enabled, set, err);
            if (rc != 0)
                goto done;
        }
        dv = json_object_get(res, n->res_depends_on);
        if (json_is_string(dv) && json_object_get(t->enabled, json_string_value(dv)))
            json_object_set_new(set, json_string_value(dv), json_true());
        json_array_foreach(dv, i, list)
        {
            if (json_object_get(t->enabled, json_string_value(list)))
                json_object_set_new(set, json_string_value(list), json_true());
        }
        list = sorted_keys(set);
        if (list == NULL) {
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
            goto done;
        }
        json_object_set_new(graph, name, list);
        json_decref(set);
        set = NULL;
    }
    colour = json_object();
    stack = json_array();
    json_object_foreach(graph, name, dv)
    {
        if (json_integer_value(json_object_get(colour, name)) != 0)
            continue;
        rc = find_cycle(graph, name, colour, stack, err);
        if (rc != 0) {
            hh_tmpl_place_at(t, err, NULL, resources, name);
            goto done;
        }
    }
    *graph_out = graph;
    graph = NULL;
    rc = 0;
done:
    json_decref(set);
    json_decref(graph);
    json_decref(colour);
    json_decref(stack);
    return rc;
}

