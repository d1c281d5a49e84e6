/* tmpl: a template as the engine sees it.
 *
 * Ties the pieces of engine/template together: the document (doc_load), its
 * version (tmpl_version), parameters (tmpl_param), the environment
 * (tmpl_env), conditions and functions (tmpl_func). Offers what Heat's
 * validate_template returns, the resource definitions with their
 * dependencies, and outputs resolved against a context.
 *
 * HOT and CFN templates are read into one shape: sections are looked up by
 * their dialect's names (resources/Resources, outputs/Outputs, ...), and
 * each resource's keys likewise (type/Type, properties/Properties, ...).
 */
#ifndef HH_TMPL_H
#define HH_TMPL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "doc_load.h"
#include "hh_error.h"
#include "tmpl_env.h"
#include "tmpl_func.h"
#include "tmpl_param.h"
#include "tmpl_version.h"

typedef struct hh_tmpl hh_tmpl;

/* Bounds from heat.conf [DEFAULT]; hh_tmpl_limits_default has Heat's. */
typedef struct hh_tmpl_limits {
    size_t max_template_size;    /* bytes (524288) */
    int max_resources_per_stack; /* 1000; -1 unlimited */
    int max_depth;               /* nesting of collections in the document (100) */
    int max_aliases;             /* YAML aliases (100) */
    int max_nested_stack_depth;  /* template resources within template resources (5) */
} hh_tmpl_limits;

extern const hh_tmpl_limits hh_tmpl_limits_default;

/* Parse template text. source names it in errors. files is the request's
 * files map (borrowed, may be NULL): get_file and template resources read
 * it. lim NULL means the defaults. Errors: parse errors with line and
 * column ("Error parsing template ..."), a top level that is not a mapping,
 * a missing, ambiguous or unknown version, unknown sections. */
int hh_tmpl_parse(const char *text, size_t len, const char *source, const json_t *files,
                  const hh_tmpl_limits *lim, hh_tmpl **out, hh_error *err);

/* Same from an already-loaded document: steals doc and map (map may be
 * NULL: errors then carry no line and column). */
int hh_tmpl_from_doc(json_t *doc, hh_srcmap *map, const char *source, const json_t *files,
                     const hh_tmpl_limits *lim, hh_tmpl **out, hh_error *err);

void hh_tmpl_free(hh_tmpl *t);

const hh_tversion *hh_tmpl_version(const hh_tmpl *t);

/* The document (borrowed) and where its nodes came from. */
const json_t *hh_tmpl_doc(const hh_tmpl *t);

/* Validate as Heat's validate_template does and build its answer (new
 * reference in *result): {Description, Parameters, ParameterGroups (when
 * present), Environment}. env may be NULL (empty). Errors carry Heat's
 * exception type and message, and the line and column of the node at fault
 * when known. */
int hh_tmpl_validate(hh_tmpl *t, hh_env *env, json_t **result, hh_error *err);

/* The checks Heat makes before creating a stack from t (strict
 * validation): every parameter needs a value and meets its constraints,
 * property values meet their schemas. pseudo gives the stack's name and
 * ids (may be NULL). */
int hh_tmpl_check_create(hh_tmpl *t, hh_env *env, const hh_pseudo *pseudo, hh_error *err);

/* Resolve every output offline, after hh_tmpl_validate: resources are not
 * created, so get_resource yields the resource name and get_attr null.
 * *out: {key: value} for outputs whose condition holds; an output whose
 * resolution fails is {key: {"output_error": message}} (new reference). */
int hh_tmpl_resolve_outputs(hh_tmpl *t, hh_env *env, const hh_pseudo *pseudo, json_t **out,
                            hh_error *err);

/* The dependency graph of the enabled resources: {name: [names it depends
 * on, sorted]} (new reference). A cycle is CircularDependencyException
 * naming the resources in it. */
int hh_tmpl_dependencies(hh_tmpl *t, hh_env *env, json_t **graph, hh_error *err);

#endif
