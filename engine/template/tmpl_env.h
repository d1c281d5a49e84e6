/* tmpl_env: environments (heat/engine/environment.py,
 * heat/common/environment_format.py, heat/common/environment_util.py).
 *
 * Sections: parameters, parameter_defaults, resource_registry,
 * encrypted_param_names, event_sinks, parameter_merge_strategies; any other
 * key, or an empty or null section, is Heat's "environment has wrong
 * section" error. The registry maps type aliases (with trailing-* globs),
 * template resources (values ending in .yaml/.template), per-resource
 * overrides (resources: {name-or-glob: {type: impl, hooks: ...}}), and null
 * to remove a mapping.
 */
#ifndef HH_TMPL_ENV_H
#define HH_TMPL_ENV_H

#include <jansson.h>
#include <stdbool.h>

#include "hh_error.h"

typedef struct hh_env hh_env;

/* Breakpoint hooks a resource may carry (bit mask). */
enum {
    HH_HOOK_PRE_CREATE = 1 << 0,
    HH_HOOK_PRE_UPDATE = 1 << 1,
    HH_HOOK_PRE_DELETE = 1 << 2,
    HH_HOOK_POST_CREATE = 1 << 3,
    HH_HOOK_POST_UPDATE = 1 << 4,
    HH_HOOK_POST_DELETE = 1 << 5,
};

/* An empty environment (all sections present and empty); NULL on ENOMEM. */
hh_env *hh_env_new(void);
void hh_env_free(hh_env *env);

/* Parse an environment file's text (YAML or JSON) and check its sections. */
int hh_env_parse(const char *text, size_t len, const char *source, hh_env **out, hh_error *err);

/* Same from an already-loaded mapping (borrowed), e.g. an API body. */
int hh_env_from_json(const json_t *doc, hh_env **out, hh_error *err);

/* heatclient's client-side merge of several -e files: a deep update of env
 * by overlay, later files winning. */
int hh_env_deep_update(hh_env *env, const hh_env *overlay, hh_error *err);

/* The engine's merge of one environment file into env
 * (env_util.merge_environments): parameters and parameter_defaults by the
 * file's parameter_merge_strategies (overwrite, merge, deep_merge),
 * considering only names in param_names (an object; NULL = all); other
 * sections shallow-merged. Conflicting strategies for one parameter across
 * files is ConflictingMergeStrategyForParam. */
int hh_env_merge(hh_env *env, const hh_env *file_env, const json_t *param_names, hh_error *err);

/* Body "parameters" of an API request: updated into env parameters. */
int hh_env_set_parameters(hh_env *env, const json_t *params, hh_error *err);

/* Borrowed sections. */
const json_t *hh_env_parameters(const hh_env *env);
const json_t *hh_env_parameter_defaults(const hh_env *env);
const json_t *hh_env_registry(const hh_env *env);

/* Resolve the implementation of resource res_name declared with type:
 * follows aliases and globs (user entries before global, more specific
 * first, chains followed, loops refused). *impl receives a new string: a
 * type name or a template file key (ends .yaml/.template). HH_ENOTFOUND
 * when nothing maps it (the caller uses type itself). */
int hh_env_resolve_type(const hh_env *env, const char *res_name, const char *type, char **impl,
                        hh_error *err);

/* Hooks set for res_name (HH_HOOK_* mask). */
unsigned hh_env_hooks(const hh_env *env, const char *res_name);

/* Register a template resource type seen in a template (Heat lists these in
 * the validate output's resource_registry). */
int hh_env_register_template(hh_env *env, const char *type);

/* The environment as Heat shows it to users: parameters,
 * parameter_defaults, resource_registry (with "resources"), event_sinks;
 * encrypted_param_names and merge strategies left out (new reference). */
json_t *hh_env_to_json(const hh_env *env);

#endif
