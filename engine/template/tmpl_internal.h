/* tmpl_internal: what the files of the template object share (tmpl.c,
 * tmpl_place.c, tmpl_graph.c). Not for other modules: they use tmpl.h. */
#ifndef HH_TMPL_INTERNAL_H
#define HH_TMPL_INTERNAL_H

#include <stdbool.h>

#include "tmpl.h"

/* The names a dialect gives to sections and keys. */
typedef struct dialect_names {
    const char *description, *parameter_groups, *parameters, *resources, *outputs, *conditions,
        *mappings;
    const char *res_type, *res_properties, *res_metadata, *res_depends_on, *res_deletion_policy,
        *res_update_policy, *res_description, *res_condition, *res_external_id;
    const char *out_value, *out_description, *out_condition;
} dialect_names;

struct hh_tmpl {
    json_t *doc;     /* the document, owned */
    hh_srcmap *map;  /* node positions, owned */
    json_t *files;   /* files map, owned reference, may be NULL */
    char source[HH_ERROR_SRC_MAX];
    hh_tmpl_limits lim;
    const hh_tversion *ver;
    const dialect_names *names;
    int depth; /* 0 for a stack's own template, 1 for a template resource's ... */

    /* Built by prepare(): valid until the next prepare or free. */
    hh_env *env;          /* borrowed from the caller of validate/resolve */
    hh_params *params;    /* owned */
    json_t *enabled;      /* resource name -> true, for enabled resources */
    hh_pseudo pseudo;     /* borrowed strings */
};

/* Section name of t's document, or NULL when absent or null (borrowed). */
const json_t *hh_tmpl_section(const hh_tmpl *t, const char *name);

/* Put on err (when it has no place yet) the place of node, or of key in
 * object, or of object. Any of them may be NULL. */
void hh_tmpl_place_at(const hh_tmpl *t, hh_error *err, const json_t *node, const json_t *object,
                      const char *key);

/* Give err the place its message names (a Heat path, a quoted value). */
void hh_tmpl_place_error(const hh_tmpl *t, hh_error *err);

/* A version error's place: the version's value, its key, or the second
 * version key of an ambiguous template. */
void hh_tmpl_place_version_error(const hh_tmpl *t, hh_error *err);

/* The dependency graph of t's enabled resources (see hh_tmpl_dependencies);
 * t must be prepared. */
int hh_tmpl_build_graph(hh_tmpl *t, json_t **graph_out, hh_error *err);

#endif
