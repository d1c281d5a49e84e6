/* func_internal: what tmpl_func.c, func_hot.c, func_cfn.c and
 * tmpl_version.c share. Not an interface for the rest of the tree.
 *
 * Evaluation follows heat/engine/function.py in three phases:
 *   parse    construct every call bottom-up; each implementation's argument
 *            shape check runs here (Heat's Function.__init__). An if (a
 *            Macro) resolves its condition while parsing and parses only the
 *            branch it takes.
 *   validate Heat's Function.validate: per-function checks, then arguments.
 *   result   Heat's Function.result: each implementation resolves the parts
 *            of its arguments it needs through hh_fn_resolve.
 * Raw errors of implementations carry the Python exception Heat raises as
 * their type ("TypeError", "ValueError", "KeyError"); the walker wraps them
 * into StackValidationFailed with a path where Heat does.
 */
#ifndef HH_FUNC_INTERNAL_H
#define HH_FUNC_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"
#include "hh_py.h"
#include "tmpl_func.h"
#include "tmpl_version.h"

/* Implementations, one per Heat function class. */
typedef enum hh_fkind {
    HH_FK_REMOVED = 1,        /* hot_funcs.Removed */
    HH_FK_INVALID,            /* function.Invalid (not a condition function) */
    HH_FK_GET_PARAM,          /* GetParam */
    HH_FK_GET_RESOURCE,       /* GetResource */
    HH_FK_GET_ATTR_SEL,       /* GetAttThenSelect (2013-05-23) */
    HH_FK_GET_ATTR,           /* GetAtt (2014-10-16, 2015-04-30) */
    HH_FK_GET_ATTR_ALL,       /* GetAttAllAttributes (2015-10-15+) */
    HH_FK_GET_FILE,           /* GetFile */
    HH_FK_REPLACE,            /* Replace */
    HH_FK_REPLACE_JSON,       /* ReplaceJson */
    HH_FK_REPLACE_STRICT,     /* ReplaceJsonStrict */
    HH_FK_REPLACE_VSTRICT,    /* ReplaceJsonVeryStrict */
    HH_FK_JOIN,               /* Join */
    HH_FK_JOIN_MULTI,         /* JoinMultiple */
    HH_FK_REPEAT,             /* Repeat */
    HH_FK_REPEAT_MAP,         /* RepeatWithMap */
    HH_FK_REPEAT_NESTED,      /* RepeatWithNestedLoop */
    HH_FK_DIGEST,             /* Digest */
    HH_FK_STR_SPLIT,          /* StrSplit */
    HH_FK_MAP_MERGE,          /* MapMerge */
    HH_FK_MAP_REPLACE,        /* MapReplace */
    HH_FK_YAQL,               /* Yaql (a subset, func_hot.c) */
    HH_FK_IF,                 /* If */
    HH_FK_IF_NULLABLE,        /* IfNullable */
    HH_FK_EQUALS,             /* Equals */
    HH_FK_NOT,                /* Not */
    HH_FK_AND,                /* And */
    HH_FK_OR,                 /* Or */
    HH_FK_FILTER,             /* Filter */
    HH_FK_MAKE_URL,           /* MakeURL */
    HH_FK_LIST_CONCAT,        /* ListConcat */
    HH_FK_LIST_CONCAT_UNIQUE, /* ListConcatUnique */
    HH_FK_CONTAINS,           /* Contains */
    HH_FK_RESOURCE_FACADE,    /* hot ResourceFacade */
    HH_FK_CFN_FIND_IN_MAP,
    HH_FK_CFN_GET_AZS,
    HH_FK_CFN_REF,       /* Ref: resource if named in the stack, else ParamRef */
    HH_FK_CFN_PARAM_REF, /* ParamRef (condition Ref) */
    HH_FK_CFN_GET_ATT,
    HH_FK_CFN_SELECT,
    HH_FK_CFN_JOIN,
    HH_FK_CFN_SPLIT,
    HH_FK_CFN_REPLACE,
    HH_FK_CFN_BASE64,
    HH_FK_CFN_MEMBER_LIST_TO_MAP,
    HH_FK_CFN_RESOURCE_FACADE,
    HH_FK_CFN_IF,
    HH_FK_CFN_EQUALS,
    HH_FK_CFN_NOT,
    HH_FK_CFN_AND,
    HH_FK_CFN_OR,
} hh_fkind;

/* Bounds. */
#define HH_FUNC_MAX_DEPTH 1000        /* nesting of snippets and calls */
#define HH_FUNC_MAX_ITEMS 100000      /* items a repeat may produce */
#define HH_FUNC_MAX_STRING HH_PYBUF_MAX /* bytes of one produced string */
/* What one repeat may produce in all: bytes of strings plus 64 per value,
 * so nested repeats and long templates cannot multiply without bound. */
#define HH_FUNC_MAX_REPEAT_OUTPUT (16u << 20)

/* One walk: the version, the outside, and which table names calls
 * (functions, or condition functions when cond). */
typedef struct hh_fwalk {
    const hh_tversion *v;
    const hh_fctx *ctx;
    bool cond;
} hh_fwalk;

/* The call in node for w (borrowed args), or NULL when node is data. In a
 * condition walk a function of the version that is not a condition
 * function is returned as the static Invalid (or Removed) definition. */
const hh_func_def *hh_fn_call(const hh_fwalk *w, const json_t *node, json_t **args);

/* Result phase of node: *out is a new reference, or NULL when nullable and
 * a nullable if dropped the value (Heat's Ellipsis); when not nullable a
 * dropped value is JSON null. */
int hh_fn_resolve(const hh_fwalk *w, json_t *node, bool nullable, json_t **out, hh_error *err);

/* Heat's _get_condition: resolve node (condition walk) and read it as a
 * condition: a boolean, or the name of a condition of the template. */
int hh_fn_condition(const hh_fwalk *w, json_t *node, bool *out, hh_error *err);
/* The same for an already resolved value. */
int hh_fn_condition_value(const hh_fwalk *w, const json_t *val, bool *out, hh_error *err);

/* Dispatch on def->kind; implemented by func_hot.c (HOT and shared kinds)
 * and func_cfn.c (HH_FK_CFN_*). check is the parse-phase shape check on
 * raw args; validate the extra checks of Function.validate (arguments are
 * validated by the walker); result the value. */
int hh_fn_hot_check(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err);
int hh_fn_hot_validate(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err);
int hh_fn_hot_result(const hh_fwalk *w, const hh_func_def *def, json_t *args, json_t **out,
                     hh_error *err);
int hh_fn_cfn_check(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err);
int hh_fn_cfn_validate(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err);
int hh_fn_cfn_result(const hh_fwalk *w, const hh_func_def *def, json_t *args, json_t **out,
                     hh_error *err);

/* The public hh_func_def entry points every table uses. */
int hh_fn_eval(const hh_func_def *def, const hh_tversion *v, const hh_fctx *ctx, json_t *args,
               const char *path, json_t **result, hh_error *err);
int hh_fn_check(const hh_func_def *def, const hh_tversion *v, const hh_fctx *ctx, json_t *args,
                const char *path, hh_error *err);

/* Python's int() and the class name of the call in node (for "cannot
 * unpack non-iterable X object"). py_int returns 0 or an rc with err
 * filled as Python's int() fails (ValueError, TypeError). Python's views
 * of values (str, repr, json.dumps, ==, truth) are hh_py's. */
int hh_fn_pyint(const json_t *j, json_int_t *out, hh_error *err);
const char *hh_fn_pyclass(const hh_fwalk *w, const json_t *node);
/* Shorthand for the result of node, not nullable. */
int hh_fn_get(const hh_fwalk *w, json_t *node, json_t **out, hh_error *err);
/* Python tuple-unpacking of node into n items (new references): lists,
 * strings (characters) and maps (keys) unpack; calls and scalars are
 * TypeError "cannot unpack non-iterable X object"; a wrong count is
 * ValueError with Python's message in err (callers reword). */
int hh_fn_unpack(const hh_fwalk *w, json_t *node, size_t n, json_t **items, hh_error *err);
/* Shared implementations (func_hot.c) used by CFN functions too. */
int hh_fn_get_attr_result(const hh_fwalk *w, const char *fname, json_t *res, json_t *attr,
                          json_t *path, bool all, json_t **out, hh_error *err);
int hh_fn_get_attr_validate(const hh_fwalk *w, json_t *res, json_t *attr, bool all, hh_error *err);
int hh_fn_join_result(const hh_fwalk *w, const char *fname, json_t *delim, json_t *list,
                      json_t **out, hh_error *err);
int hh_fn_replace_result(const hh_fwalk *w, const hh_func_def *def, const char *fname,
                         json_t *params, json_t *tmpl, json_t **out, hh_error *err);
int hh_fn_facade_result(const hh_fwalk *w, const char *fname, json_t *args, bool cfn, json_t **out,
                        hh_error *err);
int hh_fn_get_resource_result(const hh_fwalk *w, const json_t *name, json_t **out, hh_error *err);
int hh_fn_not_result(const hh_fwalk *w, json_t *cond, json_t **out, hh_error *err);
int hh_fn_split_str(const char *s, size_t n, const json_t *delim, json_t **out, hh_error *err);

/* A sequence in Heat's sense: a list (strings are excluded by callers). */
static inline bool hh_fn_is_seq(const json_t *j)
{
    return json_is_array(j);
}

/* Raw error with a Python exception type; KeyError messages are shown as
 * Python shows str(KeyError(msg)), i.e. repr(msg). */
int hh_fn_error(hh_error *err, const char *pytype, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Digests (func_hot.c): hex of alg over data; false if alg unknown. */
bool hh_fn_digest_hex(const char *alg, const unsigned char *data, size_t len, char *hex,
                      size_t hexlen);

#endif
