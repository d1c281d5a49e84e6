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

/* Restricted actions a resource may carry (bit mask). */
enum {
    HH_RESTRICT_UPDATE = 1 << 0,
    HH_RESTRICT_REPLACE = 1 << 1,
};

/* An empty environment (all sections present and empty); NULL on ENOMEM. */
hh_env *hh_env_new(void);
void hh_env_free(hh_env *env);

/* Parse an environment file's text (YAML or JSON, doc_load's rules; empty
 * text is an empty environment; a syntax error keeps doc_load's message and
 * place with type "ValueError") and check it as hh_env_from_json does.
 * source names the file in errors and in hh_env_merge's conflict message.
 * *out is new. */
int hh_env_parse(const char *text, size_t len, const char *source, hh_env **out, hh_error *err);

/* Same from an already-loaded mapping (borrowed; NULL or null = empty),
 * e.g. an API body. Errors (type "ValueError"; the API wraps them as
 * "Environment not in valid format: ..."): a document that is not a
 * mapping ("The environment is not a valid YAML mapping data type."), an
 * unknown section ('environment has wrong section "x"'), a null section
 * ('environment has empty section "x"'), a section of the wrong shape
 * ('environment section "x" must be a mapping' / "... must be a list":
 * Heat fails later without a message of its own). Registry errors:
 * InvalidBreakPointHook, InvalidRestrictedAction with Heat's texts.
 * *out is new. */
int hh_env_from_json(const json_t *doc, hh_env **out, hh_error *err);

/* heatclient's client-side merge of several -e files: a deep update of env
 * by overlay (borrowed), later files winning; mappings merge key by key, a
 * null over a mapping keeps the mapping, anything else replaces. */
int hh_env_deep_update(hh_env *env, const hh_env *overlay, hh_error *err);

/* The engine's merge of one environment file (borrowed) into env
 * (env_util.merge_environments; call once per file in order): parameters
 * and parameter_defaults by the file's parameter_merge_strategies
 * (overwrite, merge, deep_merge; "default" sets the file's default),
 * considering only names in param_names ({name: type} as
 * hh_params_types_json gives; NULL = every name, its type guessed from the
 * value); other sections shallow-merged. merge: strings concatenate,
 * lists extend and comma-delimited strings join, json shallow-updates;
 * deep_merge: json merges recursively; boolean is
 * InvalidMergeStrategyForParam. A parameter given different strategies by
 * two files merged into the same env is ConflictingMergeStrategyForParam
 * naming the file's source. */
int hh_env_merge(hh_env *env, const hh_env *file_env, const json_t *param_names, hh_error *err);

/* Body "parameters" of an API request: updated into env parameters. */
int hh_env_set_parameters(hh_env *env, const json_t *params, hh_error *err);

/* Borrowed sections. */
const json_t *hh_env_parameters(const hh_env *env);
const json_t *hh_env_parameter_defaults(const hh_env *env);
const json_t *hh_env_registry(const hh_env *env);

/* Resolve the implementation of resource res_name (may be NULL) declared
 * with type: candidates are a template type itself, the resource's own
 * mapping (resources: {res_name: {type: impl}}, exact name), the exact
 * type and the matching globs, from the user registry and then Heat's
 * global one (etc/heat/environment.d/default.yaml, built in); ordered user
 * first, longer registry path first, then by path; the first is followed
 * (aliases and globs chain). *impl receives a new string: a type name or a
 * template file key (ends .yaml/.template). HH_ENOTFOUND when nothing maps
 * type (the caller uses type itself); a chain that comes back to a type is
 * RecursionError 'Resource type "A" is recursive: A -> B -> A' (Heat
 * recurses until Python's RecursionError). As Heat does, a lookup from the
 * user registry that passes through a mapping and ends at a plugin or a
 * global entry records type -> that mapping's value in the registry (even
 * a resource's own mapping then shows at the top level), and a template
 * type is recorded as "type": "type"; hh_env_to_json shows both. */
int hh_env_resolve_type(const hh_env *env, const char *res_name, const char *type, char **impl,
                        hh_error *err);

/* Hooks set for res_name (HH_HOOK_* mask): the union over every
 * resources entry whose name (fnmatch glob) matches. */
unsigned hh_env_hooks(const hh_env *env, const char *res_name);

/* Heat's name of the hook bit hook ("pre-create", ...; static), NULL for
 * anything but one HH_HOOK_* bit; and the bit of a hook's name (0 for no
 * hook type). */
const char *hh_env_hook_name(unsigned hook);
unsigned hh_env_hook_from_name(const char *name);

/* Restricted actions for res_name (HH_RESTRICT_* mask), likewise. */
unsigned hh_env_restricted_actions(const hh_env *env, const char *res_name);

/* Register a template resource type seen in a template (Heat lists these in
 * the validate output's resource_registry as "type": "type", after the
 * user's entries). Kept across merges. */
int hh_env_register_template(hh_env *env, const char *type);

/* The environment as Heat shows it to users: parameters,
 * parameter_defaults, resource_registry (with "resources"), event_sinks;
 * encrypted_param_names and merge strategies left out (new reference). */
json_t *hh_env_to_json(const hh_env *env);

#endif
