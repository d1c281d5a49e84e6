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

/* The path of a node while walking: a chain of frames on the walkers'
 * stacks from the node up to a root. A root (up NULL) holds the caller's
 * text (NULL reads as ""); any other frame a mapping key or call name
 * (key), or a list index (key NULL, idx). Frames borrow their text from
 * the snippet or the caller and live as long as the walk of their node;
 * text is made only when a message needs it (path_text). */
typedef struct wpath {
    const struct wpath *up;
    const char *key;
    size_t idx;
} wpath;

/* How a path reads. PATH_PARSE is template.parse's: '.'.join([path, key])
 * and path + "[i]". PATH_VALIDATE is HeatExceptionWithPath's rendering of
 * function.validate's list: the first item bare, digit items as [n],
 * others after a dot. */
typedef enum path_style { PATH_PARSE, PATH_VALIDATE } path_style;

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static void path_to(hh_pybuf *b, const wpath *p, path_style style)
{
    if (!p->up) {
        hh_pybuf_adds(b, p->key ? p->key : "");
        return;
    }
    path_to(b, p->up, style);
    if (!p->key)
        hh_pybuf_addf(b, "[%zu]", p->idx);
    else if (style == PATH_VALIDATE && all_digits(p->key))
        hh_pybuf_addf(b, "[%s]", p->key);
    else if (style == PATH_PARSE || b->len > 0)
        hh_pybuf_addf(b, ".%s", p->key);
    else
        hh_pybuf_adds(b, p->key);
}

/* The text of p (new string), or NULL with *rc ENOMEM or HH_ELIMIT. */
static char *path_text(const wpath *p, path_style style, int *rc)
{
    hh_pybuf b = {0};
    char *s = NULL;

    path_to(&b, p, style);
    *rc = b.rc;
    s = hh_pybuf_take(&b);
    if (!s && !*rc)
        *rc = ENOMEM;
    return s;
}

/* Wrap a raw error of a function at path into StackValidationFailed
 * ("path: message"), as template.parse and function.validate do. Returns
 * rc, or the rc of rendering the path when that fails. */
static int wrap_svf(hh_error *err, int rc, const wpath *path, path_style style)
{
    char *text = NULL;
    int trc = 0;

    if (!err)
        return rc;
    text = path_text(path, style, &trc);
    if (!text)
        return trc;
    if (*text)
        hh_error_prefix(err, "%s: ", text);
    err->type = SVF;
    free(text);
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

/* ---- the walk ---------------------------------------------------------- */

/* One pass over snippets: what it does at a call (def with args) of node
 * at path. out is NULL unless the pass builds a result (then *out is a new
 * reference, or NULL for a value dropped). ud is the pass's own state. */
typedef struct walk_pass walk_pass;
struct walk_pass {
    int (*call)(const walk_pass *p, const hh_fwalk *w, json_t *node, const hh_func_def *def,
                json_t *args, const wpath *path, json_t **out, hh_error *err);
    void *ud;
};

/* The traversal every pass shares (template.parse, function.validate,
 * function.dependencies and function.resolve recurse alike): depth is
 * bounded; a call of w's table goes to p->call; each item of a mapping or
 * list is walked under a frame of its key or index. With out, the walk
 * builds node's result (new reference): a mapping or list of its items'
 * results, leaving out items dropped (NULL), or a leaf itself (None for
 * an absent node). */
static int walk(const walk_pass *p, const hh_fwalk *w, json_t *node, const wpath *path,
                json_t **out, hh_error *err)
{
    const hh_func_def *def = NULL;
    json_t *args = NULL, *res = NULL, *r = NULL;
    int rc = depth_enter(err);

    if (out)
        *out = NULL;
    if (rc)
        return rc;
    def = hh_fn_call(w, node, &args);
    if (def) {
        rc = p->call(p, w, node, def, args, path, out ? &res : NULL, err);
    } else if (json_is_object(node)) {
        const char *k;
        json_t *x;

        if (out && !(res = json_object())) {
            rc = ENOMEM;
            goto done;
        }
        json_object_foreach(node, k, x)
        {
            wpath sub = {.up = path, .key = k};

            rc = walk(p, w, x, &sub, out ? &r : NULL, err);
            if (rc)
                goto done;
            if (r && json_object_set_new(res, k, r)) {
                rc = ENOMEM;
                goto done;
            }
        }
    } else if (json_is_array(node)) {
        size_t i;
        json_t *x;

        if (out && !(res = json_array())) {
            rc = ENOMEM;
            goto done;
        }
        json_array_foreach(node, i, x)
        {
            wpath sub = {.up = path, .idx = i};

            rc = walk(p, w, x, &sub, out ? &r : NULL, err);
            if (rc)
                goto done;
            if (r && json_array_append_new(res, r)) {
                rc = ENOMEM;
                goto done;
            }
        }
    } else if (out) {
        res = node ? json_incref(node) : json_null();
    }
done:
    if (rc) {
        json_decref(res);
        res = NULL;
    }
    if (out)
        *out = res;
    depth_leave();
    return rc;
}

/* A macro call (def with args) in a pass that follows only the branch
 * its condition selects: the condition is read in a condition walk
 * (hh_fn_condition), then value_if_true or value_if_false is walked at
 * path with p (out as walk's); a dropped value walks nothing (*out NULL).
 * Raw errors are left to the caller to wrap. */
static int walk_if(const walk_pass *p, const hh_fwalk *w, const hh_func_def *def,
                   const char *name, json_t *args, const wpath *path, json_t **out, hh_error *err)
{
    json_t *cond = NULL, *yes = NULL, *no = NULL;
    bool value = false;
    int rc = if_args(def, name, args, &cond, &yes, &no, err);

    if (!rc)
        rc = hh_fn_condition(w, cond, &value, err);
    if (!rc && (value || no))
        rc = walk(p, w, value ? yes : no, path, out, err);
    return rc;
}

/* ---- parse phase ------------------------------------------------------- */

static int parse_call(const walk_pass *p, const hh_fwalk *w, json_t *node, const hh_func_def *def,
                      json_t *args, const wpath *path, json_t **out, hh_error *err);
static const walk_pass parse_pass = {.call = parse_call, .ud = NULL};

/* Heat's Function.__init__ over node: raw errors of a call become
 * StackValidationFailed at the call's template.parse path. */
static int parse_node(const hh_fwalk *w, json_t *node, const wpath *path, hh_error *err)
{
    return walk(&parse_pass, w, node, path, NULL, err);
}

static int parse_call(const walk_pass *p, const hh_fwalk *w, json_t *node, const hh_func_def *def,
                      json_t *args, const wpath *path, json_t **out, hh_error *err)
{
    const char *name = call_name(node);
    wpath sub = {.up = path, .key = name};
    int rc = 0;

    (void)p;
    (void)out;
    if (is_macro(def)) {
        json_t *cond = NULL, *yes = NULL, *no = NULL;
        wpath croot = {.key = name};
        hh_fwalk cw = *w;
        bool value = false;

        rc = if_args(def, name, args, &cond, &yes, &no, err);
        if (rc)
            goto wrap;
        cw.cond = true;
        /* template.parse_condition(stack, condition, self.fn_name) */
        rc = parse_node(&cw, cond, &croot, err);
        if (rc)
            goto done;
        rc = hh_fn_condition(&cw, cond, &value, err);
        if (rc)
            goto wrap;
        if (value || no)
            rc = parse_node(w, value ? yes : no, &sub, err);
        goto done;
    }
    rc = parse_node(w, args, &sub, err);
    if (rc)
        goto done;
    if (def->kind == HH_FK_INVALID)
        rc = invalid_error(name, err);
    else if (def->kind != HH_FK_REMOVED)
        rc = do_check(w, def, args, err);
wrap:
    if (rc && is_python_error(err))
        rc = wrap_svf(err, rc, &sub, PATH_PARSE);
done:
    return rc;
}

/* ---- validate phase ---------------------------------------------------- */

static int validate_call(const walk_pass *p, const hh_fwalk *w, json_t *node,
                         const hh_func_def *def, json_t *args, const wpath *path, json_t **out,
                         hh_error *err);
static const walk_pass validate_pass = {.call = validate_call, .ud = NULL};

/* Heat's Function.validate over node (parsed): errors become
 * StackValidationFailed at each enclosing call's function.validate path,
 * which starts afresh inside each call's arguments. */
static int validate_node(const hh_fwalk *w, json_t *node, const wpath *path, hh_error *err)
{
    return walk(&validate_pass, w, node, path, NULL, err);
}

static int validate_call(const walk_pass *p, const hh_fwalk *w, json_t *node,
                         const hh_func_def *def, json_t *args, const wpath *path, json_t **out,
                         hh_error *err)
{
    const char *name = call_name(node);
    wpath root = {.key = NULL};
    int rc = 0;

    (void)out;
    if (def->kind == HH_FK_REMOVED) {
        rc = removed_error(name, err);
    } else if (def->kind == HH_FK_INVALID) {
        rc = invalid_error(name, err);
    } else if (is_macro(def)) {
        rc = walk_if(p, w, def, name, args, &root, NULL, err);
    } else {
        /* Heat validates the arguments first in most classes, then
         * checks its own shape (GetAtt, Repeat, MakeURL, Yaql). */
        rc = validate_node(w, args, &root, err);
        if (!rc)
            rc = do_validate(w, def, args, err);
    }
    if (rc && rc != HH_ELIMIT && rc != ENOMEM) {
        wpath sub = {.up = path, .key = name};

        rc = wrap_svf(err, rc, &sub, PATH_VALIDATE);
    }
    return rc;
}

/* ---- result phase ------------------------------------------------------ */

static int resolve_call(const walk_pass *p, const hh_fwalk *w, json_t *node,
                        const hh_func_def *def, json_t *args, const wpath *path, json_t **out,
                        hh_error *err)
{
    const char *name = call_name(node);
    int rc = 0;

    if (def->kind == HH_FK_REMOVED) {
        /* Removed.result is the call itself, unresolved (validation is
         * where Heat refuses it) */
        *out = json_deep_copy(node);
        if (!*out)
            rc = ENOMEM;
    } else if (def->kind == HH_FK_INVALID) {
        rc = invalid_error(name, err);
    } else if (is_macro(def)) {
        /* a dropped value is Heat's Ellipsis */
        rc = walk_if(p, w, def, name, args, path, out, err);
    } else {
        rc = do_result(w, def, args, out, err);
    }
    return rc;
}

static const walk_pass resolve_pass = {.call = resolve_call, .ud = NULL};

int hh_fn_resolve(const hh_fwalk *w, json_t *node, bool nullable, json_t **out, hh_error *err)
{
    wpath root = {.key = NULL}; /* results carry no path */
    int rc = walk(&resolve_pass, w, node, &root, out, err);

    /* only a call drops a value */
    if (!rc && !*out && !nullable)
        *out = json_null();
    return rc;
}

/* ---- conditions -------------------------------------------------------- */

/* conditions.Conditions.is_enabled for a name. */
static int condition_enabled(const hh_fwalk *w, const char *name, bool *out, hh_error *err)
{
    const json_t *defs = w->ctx ? w->ctx->conditions : NULL;
    json_t *state = walk_conds ? json_object_get(walk_conds, name) : NULL;
    json_t *def = NULL, *val = NULL;
    wpath root = {.key = "conditions"}, at = {.up = &root, .key = name};
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
    rc = parse_node(&cw, def, &at, err);
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
    wpath root = {.key = path};
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
        rc = parse_node(&w, node, &root, err);
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
    wpath root = {.key = path};
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
        rc = parse_node(&w, node, &root, err);
    walk_end(&scope);
    json_decref(node);
    return rc;
}

int hh_func_resolve(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                    json_t **out, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    wpath root = {.key = path};
    walk_scope scope;
    int rc = 0;

    *out = NULL;
    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = parse_node(&w, snippet, &root, err);
    if (!rc)
        rc = hh_fn_resolve(&w, snippet, false, out, err);
    walk_end(&scope);
    return rc;
}

int hh_func_resolve_condition(const hh_tversion *v, const hh_fctx *ctx, json_t *expr,
                              const char *path, bool *out, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = true};
    wpath root = {.key = path};
    walk_scope scope;
    int rc = 0;

    *out = false;
    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = parse_node(&w, expr, &root, err);
    if (!rc)
        rc = hh_fn_condition(&w, expr, out, err);
    walk_end(&scope);
    return rc;
}

int hh_func_validate(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                     hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    wpath root = {.key = path};
    walk_scope scope;
    int rc = 0;

    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = parse_node(&w, snippet, &root, err);
    if (!rc)
        rc = validate_node(&w, snippet, &root, err);
    walk_end(&scope);
    return rc;
}

int hh_func_validate_condition(const hh_tversion *v, const hh_fctx *ctx, json_t *expr,
                               const char *path, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = true};
    wpath root = {.key = path};
    walk_scope scope;
    int rc = 0;

    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = parse_node(&w, expr, &root, err);
    if (!rc)
        rc = validate_node(&w, expr, &root, err);
    walk_end(&scope);
    return rc;
}

/* ---- dependencies and references --------------------------------------- */

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

/* State of a dependencies pass: the stack's resources (borrowed) and the
 * names found so far (borrowed, filled). */
typedef struct deps_state {
    const json_t *resources;
    json_t *deps;
} deps_state;

/* Every call's arguments are followed, both branches of an if alike; no
 * path is ever rendered. */
static int deps_call(const walk_pass *p, const hh_fwalk *w, json_t *node, const hh_func_def *def,
                     json_t *args, const wpath *path, json_t **out, hh_error *err)
{
    deps_state *st = p->ud;
    bool is_ref = false;
    const char *name = def->kind == HH_FK_REMOVED ? NULL : ref_name(def, args, &is_ref);
    int rc = 0;

    (void)node;
    (void)out;
    if (name && json_object_get(st->resources, name) &&
        json_object_set_new(st->deps, name, json_true()))
        rc = ENOMEM;
    if (!rc)
        rc = walk(p, w, args, path, NULL, err);
    return rc;
}

int hh_func_dependencies(const hh_tversion *v, const json_t *snippet, const json_t *resources,
                         json_t *deps, hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = NULL, .cond = false};
    deps_state st = {.resources = resources, .deps = deps};
    walk_pass pass = {.call = deps_call, .ud = &st};
    wpath root = {.key = NULL};

    if (!v || !json_is_object(deps))
        return hh_error_set(err, HH_EINTERNAL, NULL, "dependencies: bad arguments");
    return walk(&pass, &w, (json_t *)snippet, &root, NULL, err);
}

/* "The specified reference" error naming what (the reference as Python's
 * str shows it) at path. */
static int bad_reference(const char *what, const wpath *path, hh_error *err)
{
    int rc = 0;
    char *where = path_text(path, PATH_PARSE, &rc);

    if (!where)
        return rc;
    rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                      "The specified reference \"%s\" (in %s) is incorrect.", what, where);
    free(where);
    return rc;
}

/* function.dependencies with a stack: a reference to a resource the
 * stack does not have is InvalidTemplateReference naming the path; an if
 * follows only the branch its condition selects. */
static int refs_call(const walk_pass *p, const hh_fwalk *w, json_t *node, const hh_func_def *def,
                     json_t *args, const wpath *path, json_t **out, hh_error *err)
{
    const char *name = call_name(node);
    wpath sub = {.up = path, .key = name};
    bool is_ref = false;
    const char *res = NULL;
    json_t *resolved = NULL;
    int rc = 0;

    (void)out;
    if (is_macro(def)) {
        rc = walk_if(p, w, def, name, args, &sub, NULL, err);
        goto done;
    }
    rc = walk(p, w, args, &sub, NULL, err);
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
            rc = bad_reference(b.s ? b.s : "", path, err);
            hh_pybuf_free(&b);
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
            rc = bad_reference(res, path, err);
        else if (r && r != HH_ENOTFOUND)
            rc = r;
    }
done:
    json_decref(resolved);
    return rc;
}

static const walk_pass refs_pass = {.call = refs_call, .ud = NULL};

int hh_func_references(const hh_tversion *v, const hh_fctx *ctx, json_t *snippet, const char *path,
                       hh_error *err)
{
    hh_fwalk w = {.v = v, .ctx = ctx, .cond = false};
    wpath root = {.key = path};
    walk_scope scope;
    int rc = 0;

    rc = walk_begin(ctx, &scope);
    if (!rc)
        rc = parse_node(&w, snippet, &root, err);
    if (!rc)
        rc = walk(&refs_pass, &w, snippet, &root, NULL, err);
    walk_end(&scope);
    return rc;
}
