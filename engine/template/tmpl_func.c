/* tmpl_func: the walker of intrinsic functions (heat/engine/function.py,
 * template.parse, conditions.py) and the Python views of JSON values Heat's
 * results and messages depend on.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "func_internal.h"
#include "tmpl_func.h"

/* Per-thread walk state: the nesting depth (bounds recursion across
 * re-entrant calls from ctx ops) and, during one outermost call, the
 * resolved conditions: name -> true/false, or null while in progress
 * (conditions.py's _in_progress, for cycle detection). */
static _Thread_local int walk_depth;
static _Thread_local json_t *walk_conds;

#define SVF "StackValidationFailed"

int hh_fn_error(hh_error *err, const char *pytype, const char *fmt, ...)
{
    char msg[HH_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (strcmp(pytype, "KeyError") == 0) {
        hh_pybuf b = {0};

        hh_py_repr_text_to(&b, msg, strlen(msg));
        hh_error_set(err, HH_EINVAL, pytype, "%s", b.s ? b.s : msg);
        hh_pybuf_free(&b);
    } else {
        hh_error_set(err, HH_EINVAL, pytype, "%s", msg);
    }
    return HH_EINVAL;
}

/* ---- lookup ------------------------------------------------------------ */

static const hh_func_def *table_find(const hh_func_def *t, const char *name)
{
    for (; t && t->name; t++)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

const hh_func_def *hh_func_lookup(const hh_tversion *v, const json_t *snippet, json_t **args)
{
    const char *name = NULL;
    json_t *val = NULL;
    const hh_func_def *def = NULL;

    if (!v || !json_is_object(snippet) || json_object_size(snippet) != 1)
        return NULL;
    json_object_foreach((json_t *)snippet, name, val) def = table_find(v->functions, name);
    if (def && args)
        *args = val;
    return def;
}

const hh_func_def *hh_func_lookup_condition(const hh_tversion *v, const json_t *snippet,
                                            json_t **args)
{
    const char *name = NULL;
    json_t *val = NULL;
    const hh_func_def *def = NULL;

    if (!v || !json_is_object(snippet) || json_object_size(snippet) != 1)
        return NULL;
    json_object_foreach((json_t *)snippet, name, val)
    {
        def = table_find(v->condition_functions, name);
        if (!def)
            def = table_find(v->functions, name);
    }
    if (def && args)
        *args = val;
    return def;
}

/* The Invalid pseudo-definition returned for non-condition functions in a
 * condition walk; the name comes from the node. */
static const hh_func_def invalid_def = {
    .name = NULL,
    .description = NULL,
    .eval = hh_fn_eval,
    .check = hh_fn_check,
    .kind = HH_FK_INVALID,
};

const hh_func_def *hh_fn_call(const hh_fwalk *w, const json_t *node, json_t **args)
{
    const char *name = NULL;
    json_t *val = NULL;
    const hh_func_def *def = NULL;

    if (!json_is_object(node) || json_object_size(node) != 1)
        return NULL;
    json_object_foreach((json_t *)node, name, val)
    {
        if (w->cond) {
            def = table_find(w->v->condition_functions, name);
            if (!def) {
                def = table_find(w->v->functions, name);
                if (def && def->kind != HH_FK_REMOVED)
                    def = &invalid_def;
            }
        } else {
            def = table_find(w->v->functions, name);
        }
    }
    if (def && args)
        *args = val;
    return def;
}

static const char *call_name(const json_t *node)
{
    const char *name = NULL;
    json_t *val = NULL;

    json_object_foreach((json_t *)node, name, val) return name;
    return "";
}

static bool is_macro(const hh_func_def *def)
{
    return def->kind == HH_FK_IF || def->kind == HH_FK_IF_NULLABLE || def->kind == HH_FK_CFN_IF;
}

static bool is_cfn_kind(int kind)
{
    return kind >= HH_FK_CFN_FIND_IN_MAP;
}

static int depth_enter(hh_error *err)
{
    if (walk_depth >= HH_FUNC_MAX_DEPTH)
        return hh_error_set(err, HH_ELIMIT, SVF, "Template snippet nested deeper than %d levels",
                            HH_FUNC_MAX_DEPTH);
    walk_depth++;
    return 0;
}

static void depth_leave(void)
{
    walk_depth--;
}

/* A public call opens a condition-cache scope unless it re-enters (from a
 * ctx op) with the same conditions section, which shares the scope. */
typedef struct walk_scope {
    json_t *conds;
    const json_t *defs;
    bool owner;
} walk_scope;

static _Thread_local const json_t *walk_defs;

static int walk_begin(const hh_fctx *ctx, walk_scope *saved)
{
    const json_t *defs = ctx ? ctx->conditions : NULL;

    saved->conds = walk_conds;
    saved->defs = walk_defs;
    saved->owner = false;
    if (walk_conds && walk_defs == defs)
        return 0;
    walk_conds = json_object();
    if (!walk_conds) {
        walk_conds = saved->conds;
        return ENOMEM;
    }
    walk_defs = defs;
    saved->owner = true;
    return 0;
}

static void walk_end(walk_scope *saved)
{
    if (saved->owner) {
        json_decref(walk_conds);
        walk_conds = saved->conds;
        walk_defs = saved->defs;
    }
}

/* ---- paths ------------------------------------------------------------- */

/* template.parse paths: '.'.join([path, key]) and path + "[i]". */
static char *path_dot(const char *path, const char *key)
{
    char *p = NULL;

    if (asprintf(&p, "%s.%s", path ? path : "", key) < 0)
        return NULL;
    return p;
}

static char *path_idx(const char *path, size_t i)
{
    char *p = NULL;

    if (asprintf(&p, "%s[%zu]", path ? path : "", i) < 0)
        return NULL;
    return p;
}

/* function.validate paths as HeatExceptionWithPath renders the list:
 * the first item bare, digit items as [n], others after a dot. */
static char *vpath_key(const char *path, const char *key)
{
    char *p = NULL;
    bool digits = *key != '\0';

    for (const char *k = key; *k; k++)
        if (!isdigit((unsigned char)*k))
            digits = false;
    if (digits)
        return asprintf(&p, "%s[%s]", path, key) < 0 ? NULL : p;
    if (!*path)
        return strdup(key);
    return asprintf(&p, "%s.%s", path, key) < 0 ? NULL : p;
}

/* Wrap a raw error of a function at path into StackValidationFailed
 * ("path: message"), as template.parse and function.validate do. */
static int wrap_svf(hh_error *err, int rc, const char *path)
{
    if (!err)
        return rc;
    if (path && *path)
        hh_error_prefix(err, "%s: ", path);
    err->type = SVF;
    return rc;
}

static bool is_python_error(const hh_error *err)
{
    return err && err->type &&
           (strcmp(err->type, "TypeError") == 0 || strcmp(err->type, "ValueError") == 0 ||
            strcmp(err->type, "KeyError") == 0);
}

/* ---- dispatch ---------------------------------------------------------- */

static int removed_error(const char *name, hh_error *err)
{
    return hh_error_set(err, HH_EINVAL, "InvalidTemplateVersion",
                        "The template version is invalid: The function %s is not supported in "
                        "this version of HOT.",
                        name);
}

static int invalid_error(const char *name, hh_error *err)
{
    return hh_fn_error(err, "ValueError", "The function \"%s\" is invalid in this context", name);
}

static int do_check(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err)
{
    if (is_cfn_kind(def->kind))
        return hh_fn_cfn_check(w, def, args, err);
    return hh_fn_hot_check(w, def, args, err);
}

static int do_validate(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err)
{
    if (is_cfn_kind(def->kind))
        return hh_fn_cfn_validate(w, def, args, err);
    return hh_fn_hot_validate(w, def, args, err);
}

static int do_result(const hh_fwalk *w, const hh_func_def *def, json_t *args, json_t **out,
                     hh_error *err)
{
    if (is_cfn_kind(def->kind))
        return hh_fn_cfn_result(w, def, args, out, err);
    return hh_fn_hot_result(w, def, args, out, err);
}

/* If's arguments: [condition, value_if_true, value_if_false]; with
 * IfNullable a missing value_if_false means "drop" (NULL). */
static int if_args(const hh_func_def *def, const char *name, json_t *args, json_t **cond,
                   json_t **yes, json_t **no, hh_error *err)
{
    size_t n = json_is_array(args) ? json_array_size(args) : 0;

    if (n == 3 || (n == 2 && def->kind == HH_FK_IF_NULLABLE)) {
        *cond = json_array_get(args, 0);
        *yes = json_array_get(args, 1);
        *no = n == 3 ? json_array_get(args, 2) : NULL;
        return 0;
    }
    return hh_fn_error(err, "ValueError",
                       "Arguments to \"%s\" must be of the form: [condition_name, value_if_true, "
                       "value_if_false]",
                       name);
}

/* ---- parse phase ------------------------------------------------------- */

int hh_fn_parse(const hh_fwalk *w, json_t *node, const char *path, hh_error *err)
{
    const hh_func_def *def = NULL;
    json_t *args = NULL;
    char *sub = NULL;
    int rc = depth_enter(err);

    if (rc)
        return rc;
    def = hh_fn_call(w, node, &args);
    if (def) {
        const char *name = call_name(node);

        sub = path_dot(path, name);
        if (!sub) {
            rc = ENOMEM;
            goto done;
        }
        if (is_macro(def)) {
            json_t *cond = NULL, *yes = NULL, *no = NULL;
            hh_fwalk cw = *w;
            bool value = false;

            rc = if_args(def, name, args, &cond, &yes, &no, err);
            if (rc)
                goto wrap;
            cw.cond = true;
            /* template.parse_condition(stack, condition, self.fn_name) */
            rc = hh_fn_parse(&cw, cond, name, err);
            if (rc)
                goto done;
            rc = hh_fn_condition(&cw, cond, &value, err);
            if (rc)
                goto wrap;
            if (value || no)
                rc = hh_fn_parse(w, value ? yes : no, sub, err);
            goto done;
        }
        rc = hh_fn_parse(w, args, sub, err);
        if (rc)
            goto done;
        if (def->kind == HH_FK_INVALID)
            rc = invalid_error(name, err);
        else if (def->kind != HH_FK_REMOVED)
            rc = do_check(w, def, args, err);
    wrap:
        if (rc && is_python_error(err))
            rc = wrap_svf(err, rc, sub);
        goto done;
    }
    if (json_is_object(node)) {
        const char *k;
        json_t *x;

        json_object_foreach(node, k, x)
        {
            sub = path_dot(path, k);
            if (!sub) {
                rc = ENOMEM;
                goto done;
            }
            rc = hh_fn_parse(w, x, sub, err);
            if (rc)
                goto done;
            free(sub);
            sub = NULL;
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *x;

        json_array_foreach(node, i, x)
        {
            sub = path_idx(path, i);
            if (!sub) {
                rc = ENOMEM;
                goto done;
            }
            rc = hh_fn_parse(w, x, sub, err);
            if (rc)
                goto done;
            free(sub);
            sub = NULL;
        }
    }
done:
    free(sub);
    depth_leave();
    return rc;
}

/* ---- validate phase ---------------------------------------------------- */

int hh_fn_validate(const hh_fwalk *w, json_t *node, const char *path, hh_error *err)
{
    const hh_func_def *def = NULL;
    json_t *args = NULL;
    char *sub = NULL;
    int rc = depth_enter(err);

    if (rc)
        return rc;
    def = hh_fn_call(w, node, &args);
    if (def) {
        const char *name = call_name(node);

        if (def->kind == HH_FK_REMOVED) {
            rc = removed_error(name, err);
        } else if (def->kind == HH_FK_INVALID) {
            rc = invalid_error(name, err);
        } else if (is_macro(def)) {
            json_t *cond = NULL, *yes = NULL, *no = NULL;
            hh_fwalk cw = *w;
            bool value = false;

            rc = if_args(def, name, args, &cond, &yes, &no, err);
            cw.cond = true;
            if (!rc)
                rc = hh_fn_condition(&cw, cond, &value, err);
            if (!rc && (value || no))
                rc = hh_fn_validate(w, value ? yes : no, "", err);
        } else {
            /* Heat validates the arguments first in most classes, then
             * checks its own shape (GetAtt, Repeat, MakeURL, Yaql). */
            rc = hh_fn_validate(w, args, "", err);
            if (!rc)
                rc = do_validate(w, def, args, err);
        }
        if (rc && rc != HH_ELIMIT && rc != ENOMEM) {
            sub = vpath_key(path, name);
            if (!sub) {
                rc = ENOMEM;
                goto done;
            }
            rc = wrap_svf(err, rc, sub);
        }
        goto done;
    }
    if (json_is_object(node)) {
        const char *k;
        json_t *x;

        json_object_foreach(node, k, x)
        {
            sub = vpath_key(path, k);
            if (!sub) {
                rc = ENOMEM;
                goto done;
            }
            rc = hh_fn_validate(w, x, sub, err);
            if (rc)
                goto done;
            free(sub);
            sub = NULL;
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *x;

        json_array_foreach(node, i, x)
        {
            if (asprintf(&sub, "%s[%zu]", path, i) < 0) {
                sub = NULL;
                rc = ENOMEM;
                goto done;
            }
            rc = hh_fn_validate(w, x, sub, err);
            if (rc)
                goto done;
            free(sub);
            sub = NULL;
        }
    }
done:
    free(sub);
    depth_leave();
    return rc;
}

/* ---- result phase ------------------------------------------------------ */

int hh_fn_resolve(const hh_fwalk *w, json_t *node, bool nullable, json_t **out, hh_error *err)
{
    const hh_func_def *def = NULL;
    json_t *args = NULL, *res = NULL;
    int rc = depth_enter(err);

    *out = NULL;
    if (rc)
        return rc;
    if (!node) {
        /* an absent argument reads as None */
        *out = json_null();
        goto done;
    }
    def = hh_fn_call(w, node, &args);
    if (def) {
        const char *name = call_name(node);

        if (def->kind == HH_FK_REMOVED) {
            /* Removed.result is the call itself, unresolved (validation is
             * where Heat refuses it) */
            res = json_deep_copy(node);
            if (!res)
                rc = ENOMEM;
        } else if (def->kind == HH_FK_INVALID) {
            rc = invalid_error(name, err);
        } else if (is_macro(def)) {
            json_t *cond = NULL, *yes = NULL, *no = NULL;
            hh_fwalk cw = *w;
            bool value = false;

            rc = if_args(def, name, args, &cond, &yes, &no, err);
            cw.cond = true;
            if (!rc)
                rc = hh_fn_condition(&cw, cond, &value, err);
            if (!rc && (value || no))
                rc = hh_fn_resolve(w, value ? yes : no, true, &res, err);
            /* else: dropped (Heat's Ellipsis) */
        } else {
            rc = do_result(w, def, args, &res, err);
        }
        if (!rc && !res && !nullable) {
            res = json_null();
        }
        goto done;
    }
    if (json_is_object(node)) {
        const char *k;
        json_t *x, *r = NULL;

        res = json_object();
        if (!res) {
            rc = ENOMEM;
            goto done;
        }
        json_object_foreach(node, k, x)
        {
            rc = hh_fn_resolve(w, x, true, &r, err);
            if (rc)
                goto done;
            if (r && json_object_set_new(res, k, r)) {
                rc = ENOMEM;
                goto done;
            }
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *x, *r = NULL;

        res = json_array();
        if (!res) {
            rc = ENOMEM;
            goto done;
        }
        json_array_foreach(node, i, x)
        {
            rc = hh_fn_resolve(w, x, true, &r, err);
            if (rc)
                goto done;
            if (r && json_array_append_new(res, r)) {
                rc = ENOMEM;
                goto done;
            }
        }
    } else {
        res = json_incref(node);
    }
done:
    if (rc) {
        json_decref(res);
        res = NULL;
    }
    *out = res;
    depth_leave();
    return rc;
}

/* ---- conditions -------------------------------------------------------- */

/* conditions.Conditions.is_enabled for a name. */
static int condition_enabled(const hh_fwalk *w, const char *name, bool *out, hh_error *err)
{
    const json_t *defs = w->ctx ? w->ctx->conditions : NULL;
    json_t *state = walk_conds ? json_object_get(walk_conds, name) : NULL;
    json_t *def = NULL, *val = NULL;
    char *path = NULL;
    hh_fwalk cw = *w;
    int rc = 0;

    if (!defs) {
        if (w->ctx && w->ctx->ops && w->ctx->ops->condition)
            rc = w->ctx->ops->condition(w->ctx->ud, name, out, err);
        else
            rc = HH_ENOTFOUND;
        if (rc == HH_ENOTFOUND)
            rc = hh_fn_error(err, "ValueError", "Invalid condition \"%s\"", name);
        return rc;
    }
    def = json_object_get(defs, name);
    if (!def)
        return hh_fn_error(err, "ValueError", "Invalid condition \"%s\"", name);
    if (state) {
        if (json_is_null(state))
            return hh_error_set(err, HH_EINVAL, SVF,
                                "Condition validation error: Circular definition for condition "
                                "\"%s\"",
                                name);
        *out = json_is_true(state);
        return 0;
    }
    if (walk_conds && json_object_set_new(walk_conds, name, json_null()))
        return ENOMEM;
    cw.cond = true;
    if (asprintf(&path, "conditions.%s", name) < 0) {
        path = NULL;
        rc = ENOMEM;
        goto done;
    }
    rc = hh_fn_parse(&cw, def, path, err);
    if (!rc)
        rc = hh_fn_resolve(&cw, def, false, &val, err);
    if (rc)
        goto done;
    if (!json_is_boolean(val)) {
        hh_pybuf b = {0};

        hh_py_str_to(&b, val);
        rc = hh_error_set(err, HH_EINVAL, SVF,
                          "Condition validation error: The definition of condition \"%s\" is "
                          "invalid: %s",
                          name, b.s ? b.s : "");
        hh_pybuf_free(&b);
        goto done;
    }
    *out = json_is_true(val);
    if (walk_conds && json_object_set_new(walk_conds, name, json_boolean(*out)))
        rc = ENOMEM;
done:
    if (rc && walk_conds)
        json_object_del(walk_conds, name);
    json_decref(val);
    free(path);
    return rc;
}

int hh_fn_condition_value(const hh_fwalk *w, const json_t *val, bool *out, hh_error *err)
{
    hh_pybuf b = {0};
    int rc = 0;

    if (json_is_boolean(val)) {
        *out = json_is_true(val);
        return 0;
    }
    if (json_is_string(val))
        return condition_enabled(w, json_string_value(val), out, err);
    hh_py_str_to(&b, val);
    rc = hh_fn_error(err, "ValueError", "Invalid condition \"%s\"", b.s ? b.s : "");
    hh_pybuf_free(&b);
    return rc;
}

int hh_fn_condition(const hh_fwalk *w, json_t *node, bool *out, hh_error *err)
{
    json_t *val = NULL;
    hh_fwalk cw = *w;
    int rc = 0;

    cw.cond = true;
    rc = hh_fn_resolve(&cw, node, false, &val, err);
    if (!rc)
        rc = hh_fn_condition_value(&cw, val, out, err);
    json_decref(val);
    return rc;
}

/* ---- public entry points ----------------------------------------------- */

int hh_fn_eval(const hh_func_def *def, const hh_tversion *v, const hh_fctx *ctx, json_t *args,
               const char *path, json_t **result, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    json_t *node = NULL;
    walk_scope scope;
    int rc = 0;

    *result = NULL;
    if (!def->name)
        return invalid_error("?", err);
    node = json_pack("{sO}", def->name, args);
    if (!node)
        return ENOMEM;
    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = hh_fn_parse(&w, node, path ? path : "", err);
    if (!rc)
        rc = hh_fn_resolve(&w, node, true, result, err);
    walk_end(&scope);
    json_decref(node);
    return rc;
}

int hh_fn_check(const hh_func_def *def, const hh_tversion *v, const hh_fctx *ctx, json_t *args,
                const char *path, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    json_t *node = NULL;
    walk_scope scope;
    int rc = 0;

    if (!def->name)
        return invalid_error("?", err);
    node = json_pack("{sO}", def->name, args);
    if (!node)
        return ENOMEM;
    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = hh_fn_parse(&w, node, path ? path : "", err);
    walk_end(&scope);
    json_decref(node);
    return rc;
}

int hh_func_resolve(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                    json_t **out, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    walk_scope scope;
    int rc = 0;

    *out = NULL;
    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = hh_fn_parse(&w, snippet, path ? path : "", err);
    if (!rc)
        rc = hh_fn_resolve(&w, snippet, false, out, err);
    walk_end(&scope);
    return rc;
}

int hh_func_resolve_condition(const hh_tversion *v, const hh_fctx *ctx, json_t *expr,
                              const char *path, bool *out, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = true};
    walk_scope scope;
    int rc = 0;

    *out = false;
    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = hh_fn_parse(&w, expr, path ? path : "", err);
    if (!rc)
        rc = hh_fn_condition(&w, expr, out, err);
    walk_end(&scope);
    return rc;
}

int hh_func_validate(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                     hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    walk_scope scope;
    int rc = 0;

    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = hh_fn_parse(&w, snippet, path ? path : "", err);
    if (!rc)
        rc = hh_fn_validate(&w, snippet, path ? path : "", err);
    walk_end(&scope);
    return rc;
}

int hh_func_validate_condition(const hh_tversion *v, const hh_fctx *ctx, json_t *expr,
                               const char *path, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = true};
    walk_scope scope;
    int rc = 0;

    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = hh_fn_parse(&w, expr, path ? path : "", err);
    if (!rc)
        rc = hh_fn_validate(&w, expr, path ? path : "", err);
    walk_end(&scope);
    return rc;
}

/* Resource name a reference function names: the string argument of
 * get_resource/Ref, the first item of get_attr/Fn::GetAtt. */
static const char *ref_name(const hh_func_def *def, json_t *args, bool *is_ref)
{
    *is_ref = false;
    switch (def->kind) {
    case HH_FK_GET_RESOURCE:
        return json_string_value(args);
    case HH_FK_CFN_REF:
        *is_ref = true;
        return json_string_value(args);
    case HH_FK_GET_ATTR_SEL:
    case HH_FK_GET_ATTR:
    case HH_FK_GET_ATTR_ALL:
    case HH_FK_CFN_GET_ATT:
        return json_is_array(args) ? json_string_value(json_array_get(args, 0)) : NULL;
    default:
        return NULL;
    }
}

static int deps_walk(const hh_tversion *v, const json_t *node, const json_t *resources,
                     json_t *deps, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = NULL, .cond = false};
    const hh_func_def *def = NULL;
    json_t *args = NULL;
    int rc = depth_enter(err);

    if (rc)
        return rc;
    def = hh_fn_call(&w, node, &args);
    if (def) {
        bool is_ref = false;
        const char *name = def->kind == HH_FK_REMOVED ? NULL : ref_name(def, args, &is_ref);

        if (name && json_object_get(resources, name) &&
            json_object_set_new(deps, name, json_true()))
            rc = ENOMEM;
        if (!rc)
            rc = deps_walk(v, args, resources, deps, err);
    } else if (json_is_object(node)) {
        const char *k;
        json_t *x;

        json_object_foreach((json_t *)node, k, x)
        {
            rc = deps_walk(v, x, resources, deps, err);
            if (rc)
                break;
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *x;

        json_array_foreach(node, i, x)
        {
            rc = deps_walk(v, x, resources, deps, err);
            if (rc)
                break;
        }
    }
    depth_leave();
    return rc;
}

int hh_func_dependencies(const hh_tversion *v, const json_t *snippet, const json_t *resources,
                         json_t *deps, hh_error *err)
{
    if (!v || !json_is_object(deps))
        return hh_error_set(err, HH_EINTERNAL, NULL, "dependencies: bad arguments");
    return deps_walk(v, snippet, resources, deps, err);
}

/* function.dependencies with a stack: a reference to a resource the
 * stack does not have is InvalidTemplateReference naming the path; an if
 * follows only the branch its condition selects. */
static int refs_walk(const hh_fwalk *w, json_t *node, const char *path, hh_error *err)
{
    const hh_func_def *def = NULL;
    json_t *args = NULL;
    char *sub = NULL;
    int rc = depth_enter(err);

    if (rc)
        return rc;
    def = hh_fn_call(w, node, &args);
    if (def) {
        const char *name = call_name(node);
        bool is_ref = false;
        const char *res = NULL;
        json_t *resolved = NULL;

        sub = path_dot(path, name);
        if (!sub) {
            rc = ENOMEM;
            goto done;
        }
        if (is_macro(def)) {
            json_t *cond = NULL, *yes = NULL, *no = NULL;
            hh_fwalk cw = *w;
            bool value = false;

            cw.cond = true;
            rc = if_args(def, name, args, &cond, &yes, &no, err);
            if (!rc)
                rc = hh_fn_condition(&cw, cond, &value, err);
            if (!rc && (value || no))
                rc = refs_walk(w, value ? yes : no, sub, err);
            goto done;
        }
        rc = refs_walk(w, args, sub, err);
        if (rc || def->kind == HH_FK_REMOVED || def->kind == HH_FK_INVALID)
            goto done;
        res = ref_name(def, args, &is_ref);
        if (!res && (def->kind == HH_FK_GET_RESOURCE ||
                     ((def->kind == HH_FK_GET_ATTR_SEL || def->kind == HH_FK_GET_ATTR ||
                       def->kind == HH_FK_GET_ATTR_ALL || def->kind == HH_FK_CFN_GET_ATT) &&
                      json_is_array(args) && json_array_size(args) > 0))) {
            json_t *n = def->kind == HH_FK_GET_RESOURCE ? args : json_array_get(args, 0);

            rc = hh_fn_resolve(w, n, false, &resolved, err);
            if (rc)
                goto done;
            res = json_string_value(resolved);
            if (!res) {
                hh_pybuf b = {0};

                hh_py_str_to(&b, resolved);
                rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                                  "The specified reference \"%s\" (in %s) is incorrect.",
                                  b.s ? b.s : "", path);
                hh_pybuf_free(&b);
                json_decref(resolved);
                goto done;
            }
        }
        if (res) {
            json_t *val = NULL;
            int r = HH_ENOTFOUND;

            if (w->ctx && w->ctx->ops && w->ctx->ops->get_resource)
                r = w->ctx->ops->get_resource(w->ctx->ud, res, &val, err);
            json_decref(val);
            if (r == HH_ENOTFOUND && !is_ref)
                rc =
                    hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                                 "The specified reference \"%s\" (in %s) is incorrect.", res, path);
            else if (r && r != HH_ENOTFOUND)
                rc = r;
        }
        json_decref(resolved);
        goto done;
    }
    if (json_is_object(node)) {
        const char *k;
        json_t *x;

        json_object_foreach(node, k, x)
        {
            sub = path_dot(path, k);
            if (!sub) {
                rc = ENOMEM;
                goto done;
            }
            rc = refs_walk(w, x, sub, err);
            if (rc)
                goto done;
            free(sub);
            sub = NULL;
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *x;

        json_array_foreach(node, i, x)
        {
            sub = path_idx(path, i);
            if (!sub) {
                rc = ENOMEM;
                goto done;
            }
            rc = refs_walk(w, x, sub, err);
            if (rc)
                goto done;
            free(sub);
            sub = NULL;
        }
    }
done:
    free(sub);
    depth_leave();
    return rc;
}

int hh_func_references(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                       hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    walk_scope scope;
    int rc = 0;

    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = hh_fn_parse(&w, snippet, path ? path : "", err);
    if (!rc)
        rc = refs_walk(&w, snippet, path ? path : "", err);
    walk_end(&scope);
    return rc;
}
