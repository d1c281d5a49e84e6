/* tmpl_func: intrinsic functions (HOT and CFN) and their evaluation.
 *
 * A snippet is any part of a template tree. A mapping with exactly one key
 * that names a function of the template's version is a call; everything else
 * is data, walked recursively. Evaluation follows heat/engine/function.py in
 * three phases:
 *   parse    every call's argument shape is checked bottom-up (Heat's
 *            Function constructors); an if resolves its condition here and
 *            parses only the branch it takes. Errors are
 *            StackValidationFailed "<path>.<function>: <message>".
 *   validate Heat's Function.validate (hh_func_validate): per-function checks
 *            (get_attr's resource and attribute, removed CFN functions,
 *            repeat's for_each, make_url's keys, yaql), errors
 *            StackValidationFailed with Heat's rendered validate path.
 *   result   arguments are evaluated lazily by each function (if evaluates
 *            only the branch it takes). Errors keep the Python exception Heat
 *            raises as their type: Heat exceptions (UserParameterMissing,
 *            InvalidTemplateReference, InvalidTemplateAttribute,
 *            InvalidTemplateVersion, StackValidationFailed) or "TypeError",
 *            "ValueError", "KeyError" (message as Python's str(e)),
 *            "AttributeError", "IndexError"; callers wrap those as Heat
 *            does where it wraps them (e.g. output_error).
 * What functions need from outside (parameter values, resources,
 * attributes, files, conditions) comes from an hh_fctx, so the same evaluator
 * serves offline validation and a running stack.
 *
 * Paths name where a snippet sits, in Heat's style, and appear in error
 * messages: parse and validate use the section style ("outputs.x.value",
 * "resources.a.properties"), hh_func_references the dependency style
 * ("a.Properties.value").
 *
 * Bounds (HH_ELIMIT): nesting 1000, repeat 100000 items and 16 MiB of
 * output, produced strings 4 MiB, str_replace 1000 params.
 *
 * yaql: a subset of yaql 1.x is evaluated (literals, $, .name, [index],
 * the standard operators with yaql's precedence, and the methods len,
 * count, sum, max, min, select, where, first, last, distinct, flatten,
 * keys, values, join, toUpper, toLower, str, int, contains, any, all).
 * Parse errors are yaql's ("Bad expression Parse error: ..."); anything
 * else (other methods, $variables, dictionary literals, =~) is refused at
 * validate time: 'The yaql method "x" is not supported by heat-ha'
 * (HH_EUNSUPPORTED). keys() lists in insertion order (yaql: a set).
 */
#ifndef HH_TMPL_FUNC_H
#define HH_TMPL_FUNC_H

#include <jansson.h>
#include <stdbool.h>

#include "hh_error.h"
#include "tmpl_version.h"

/* What the evaluator asks of the outside. Every op returns 0, HH_ENOTFOUND
 * when the named thing does not exist (the evaluator then raises Heat's
 * error for that function), or another rc with err filled. Values are new
 * references. An op left NULL behaves as "not found" (get_azs: ["nova"]). */
typedef struct hh_fctx_ops {
    /* Value of a parameter or pseudo-parameter (OS::stack_name, AWS::StackId
     * ...), already typed by its schema. */
    int (*get_param)(void *ud, const char *name, json_t **value, hh_error *err);
    /* Reference id of a resource (get_resource, Ref to a resource). */
    int (*get_resource)(void *ud, const char *name, json_t **value, hh_error *err);
    /* Attribute attr of resource res; attr NULL means all attributes as a
     * mapping (get_attr [res] from 2015-10-15). JSON null when not available
     * yet (validation, resource not created). HH_ENOTFOUND when the
     * resource's type has no attribute attr (InvalidTemplateAttribute);
     * the evaluator asks get_resource first for the resource itself. The
     * path of get_attr is applied by the evaluator (Heat's
     * select_from_attribute), not by the op. */
    int (*get_attr)(void *ud, const char *res, const char *attr, json_t **value, hh_error *err);
    /* Optional: get_attr with its path (borrowed array, maybe empty), as
     * Heat's Resource.get_attribute(key, *path): the op applies the path
     * itself (a group resolves [group, "resource.0", "x"] as member 0's
     * attribute x, not as a key of member 0's reference). When set, it
     * serves every get_attr with an attribute name and get_attr serves
     * only the all-attributes form. Errors as get_attr. */
    int (*get_attr_path)(void *ud, const char *res, const char *attr, const json_t *path,
                         json_t **value, hh_error *err);
    /* Contents of the files map entry key (a string). */
    int (*get_file)(void *ud, const char *key, json_t **value, hh_error *err);
    /* Value of the named condition of the conditions section; used only
     * when hh_fctx.conditions is NULL. */
    int (*condition)(void *ud, const char *name, bool *value, hh_error *err);
    /* resource_facade / Fn::ResourceFacade: metadata, deletion_policy or
     * update_policy of the parent's resource (provider templates only). key
     * is always the HOT spelling, also for Fn::ResourceFacade; HH_ENOTFOUND
     * outside a provider template. */
    int (*resource_facade)(void *ud, const char *key, json_t **value, hh_error *err);
    /* Fn::GetAZs: availability zones (a list of strings). */
    int (*get_azs)(void *ud, json_t **value, hh_error *err);
} hh_fctx_ops;

typedef struct hh_fctx {
    const hh_fctx_ops *ops;
    void *ud;
    const json_t *mappings; /* CFN Mappings section (Fn::FindInMap), or NULL */
    /* The conditions section (name -> definition), or NULL. When set, the
     * evaluator resolves condition names itself (each once per outermost
     * call, with Heat's errors for unknown names, cycles and non-boolean
     * definitions) and ops->condition is not used. */
    const json_t *conditions;
} hh_fctx;

/* One function of a version's table. */
typedef struct hh_func_def {
    const char *name;        /* "get_param", "Fn::Join" */
    const char *description; /* for template-function-list */
    /* Evaluate: args is the borrowed value of the call's single key. On
     * success *result is a new reference. For a 2-argument if that drops its
     * enclosing item (2021-04-16), *result is NULL and rc 0 with *dropped set
     * by the caller's walker (see hh_func_resolve). */
    int (*eval)(const struct hh_func_def *def, const hh_tversion *v, const hh_fctx *ctx,
                json_t *args, const char *path, json_t **result, hh_error *err);
    /* Static check of the argument shape without outside values (NULL = none). */
    int (*check)(const struct hh_func_def *def, const hh_tversion *v, const hh_fctx *ctx,
                 json_t *args, const char *path, hh_error *err);
    int kind; /* which implementation (private to the function modules) */
} hh_func_def;

/* The call in snippet, if it is one for v: the table entry and its args
 * (borrowed). NULL when snippet is data. */
const hh_func_def *hh_func_lookup(const hh_tversion *v, const json_t *snippet, json_t **args);

/* The same for a condition expression: the version's condition functions
 * first, then its other functions (which a condition may not use: they are
 * returned so the caller sees a call, and fail in parsing). */
const hh_func_def *hh_func_lookup_condition(const hh_tversion *v, const json_t *snippet,
                                            json_t **args);

/* Parse, then resolve every function in snippet (new reference in *out).
 * Items of a mapping or list whose value is a dropped nullable if are
 * removed; a dropped value at the top is JSON null. A removed CFN function
 * (Ref in HOT 2014-10-16+ ...) resolves to itself, unevaluated, as in Heat:
 * hh_func_validate is where it is refused. */
int hh_func_resolve(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                    json_t **out, hh_error *err);

/* Parse a condition expression with the version's condition functions
 * (other functions are 'The function "x" is invalid in this context'),
 * resolve it and read the result as Heat's Conditions.is_enabled does:
 * a boolean, or the name of a condition ('Invalid condition "x"' when
 * unknown). Resource and output conditions go through here. */
int hh_func_resolve_condition(const hh_tversion *v, const hh_fctx *ctx, json_t *expr,
                              const char *path, bool *out, hh_error *err);

/* Parse, then validate snippet as Heat's function.validate does: argument
 * shapes, removed functions, get_attr resources and attributes through
 * ctx. As in Heat an if validates only the branch its condition selects
 * (so conditions must be resolvable through ctx), and parameters are not
 * looked up (a missing one fails at resolve time). */
int hh_func_validate(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                     hh_error *err);

/* hh_func_validate for a condition expression (Heat's Conditions.validate:
 * the expression parsed with the condition functions, then validated). */
int hh_func_validate_condition(const hh_tversion *v, const hh_fctx *ctx, json_t *expr,
                               const char *path, hh_error *err);

/* Heat's dependency pass over snippet (function.dependencies with a
 * stack): every get_resource, get_attr and Fn::GetAtt (and Ref in its
 * resource form) must name a resource ctx->ops->get_resource knows, else
 * InvalidTemplateReference 'The specified reference "x" (in <path>) is
 * incorrect.' path is in Heat's dependency style ("a.Properties.value";
 * keys joined by '.', function names appended, list items as [i]); an if
 * follows only the branch its condition selects. The snippet is parsed
 * first (argument shapes), as Heat's definitions are before dependencies. */
int hh_func_references(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                       hh_error *err);

/* Add to deps (a JSON object used as a set: name -> true) the name of every
 * resource in resources (the template's resource names, an object) that
 * snippet refers to through get_resource, get_attr, Ref or Fn::GetAtt.
 * Without a context it cannot evaluate conditions, so it follows both
 * branches of every if (a superset of Heat's, which follows the branch
 * taken); a reference whose name is itself a function is not counted. */
int hh_func_dependencies(const hh_tversion *v, const json_t *snippet, const json_t *resources,
                         json_t *deps, hh_error *err);

#endif
