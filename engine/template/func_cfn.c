/* func_cfn: the CFN intrinsic functions (heat/engine/cfn/functions.py),
 * used by AWSTemplateFormatVersion and HeatTemplateFormatVersion templates
 * and by heat_template_version 2013-05-23.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "func_internal.h"

#define TE "TypeError"
#define VE "ValueError"
#define KE "KeyError"

#define SPLIT_EXAMPLE "\"%s\" : [ \",\", \"str1,str2\"]]"
#define REPLACE_EXAMPLE                                                                            \
    "{\"%s\": [ {\"$var1\": \"foo\", \"%%var2%%\": \"bar\"}, \"$var1 is %%var2%%\"]}"
#define MLTM_CORRECT                                                                               \
    "\n            {'Fn::MemberListToMap': ['Name', 'Value',\n"                                    \
    "                                     ['.member.0.Name=key',\n"                                \
    "                                      '.member.0.Value=door']]}\n            "

static bool isfn(const hh_fwalk *w, const json_t *j)
{
    return hh_fn_call(w, j, NULL) != NULL;
}

static void free_items(json_t **items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        json_decref(items[i]);
        items[i] = NULL;
    }
}

/* Unpack args into n items; a wrong count becomes (type, msg) when msg is
 * given, else stays Python's ValueError. */
static int unpack(const hh_fwalk *w, json_t *args, size_t n, json_t **items, const char *type,
                  const char *msg, hh_error *err)
{
    int rc = hh_fn_unpack(w, args, n, items, err);

    if (rc && msg && err && err->type && strcmp(err->type, VE) == 0)
        rc = hh_fn_error(err, type, "%s", msg);
    return rc;
}

int hh_fn_cfn_check(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err)
{
    const char *f = def->name;
    json_t *it[3] = {NULL, NULL, NULL};
    char msg[512];
    int rc = 0;

    switch (def->kind) {
    case HH_FK_CFN_FIND_IN_MAP:
        rc = hh_fn_unpack(w, args, 3, it, err);
        if (rc && err && err->type && strcmp(err->type, VE) == 0)
            rc = hh_fn_error(err, KE, "%s", err->message);
        break;
    case HH_FK_CFN_GET_ATT:
        snprintf(msg, sizeof(msg),
                 "Arguments to \"%s\" must be of the form [resource_name, attribute]", f);
        rc = unpack(w, args, 2, it, VE, msg, err);
        break;
    case HH_FK_CFN_SELECT:
        snprintf(msg, sizeof(msg), "Arguments to \"%s\" must be of the form [index, collection]",
                 f);
        rc = unpack(w, args, 2, it, VE, msg, err);
        break;
    case HH_FK_CFN_JOIN:
        if (!json_is_array(args) || json_array_size(args) != 2)
            rc = hh_fn_error(err, json_is_array(args) ? VE : TE,
                             "Incorrect arguments to \"%s\" should be: \"%s\" : [ \" \", [ "
                             "\"str1\", \"str2\"]]",
                             f, f);
        break;
    case HH_FK_CFN_SPLIT:
        snprintf(msg, sizeof(msg), "Incorrect arguments to \"%s\" should be: " SPLIT_EXAMPLE, f, f);
        if (json_is_string(args) || (json_is_object(args) && !isfn(w, args)))
            rc = hh_fn_error(err, TE, "%s", msg);
        else
            rc = unpack(w, args, 2, it, VE, msg, err);
        break;
    case HH_FK_CFN_REPLACE:
        snprintf(msg, sizeof(msg), "Incorrect arguments to \"%s\" should be: " REPLACE_EXAMPLE, f,
                 f);
        if (json_is_string(args) || (json_is_object(args) && !isfn(w, args)))
            rc = hh_fn_error(err, TE, "%s", msg);
        else
            rc = unpack(w, args, 2, it, VE, msg, err);
        if (!rc && !(json_is_object(it[0]) || isfn(w, it[0])))
            rc = hh_fn_error(err, TE, "\"%s\" parameters must be a mapping", f);
        break;
    case HH_FK_CFN_MEMBER_LIST_TO_MAP:
        rc = unpack(w, args, 3, it, TE, "Wrong Arguments try: \"" MLTM_CORRECT "\"", err);
        if (!rc && (!json_is_string(it[0]) || isfn(w, it[0])))
            rc = hh_fn_error(err, TE, "%s Key Name must be a string", f);
        else if (!rc && !json_is_string(it[1]))
            rc = hh_fn_error(err, TE, "%s Value Name must be a string", f);
        break;
    case HH_FK_CFN_RESOURCE_FACADE: {
        const char *s = json_string_value(args);

        if (!s ||
            (strcmp(s, "Metadata") && strcmp(s, "DeletionPolicy") && strcmp(s, "UpdatePolicy")))
            rc = hh_fn_error(err, VE,
                             "Incorrect arguments to \"%s\" should be one of: Metadata, "
                             "DeletionPolicy, UpdatePolicy",
                             f);
        break;
    }
    case HH_FK_CFN_EQUALS:
        if (!json_is_array(args) || json_array_size(args) != 2)
            rc = hh_fn_error(err, VE, "Arguments to \"%s\" must be of the form: [value_1, value_2]",
                             f);
        break;
    case HH_FK_CFN_NOT:
        if (!json_is_array(args) || json_array_size(args) != 1)
            rc = hh_fn_error(err, VE, "Arguments to \"%s\" must be of the form: [condition]", f);
        break;
    case HH_FK_CFN_AND:
    case HH_FK_CFN_OR:
        if (!json_is_array(args))
            rc = hh_fn_error(err, VE, "Arguments to \"%s\" must be a list of conditions", f);
        else if (json_array_size(args) < 2)
            rc = hh_fn_error(err, VE, "The minimum number of condition arguments to \"%s\" is 2.",
                             f);
        break;
    default:
        break;
    }
    free_items(it, 3);
    return rc;
}

int hh_fn_cfn_validate(const hh_fwalk *w, const hh_func_def *def, json_t *args, hh_error *err)
{
    json_t *it[2] = {NULL, NULL};
    int rc = 0;

    if (def->kind != HH_FK_CFN_GET_ATT)
        return 0;
    rc = hh_fn_unpack(w, args, 2, it, err);
    if (!rc)
        rc = hh_fn_get_attr_validate(w, it[0], it[1], false, err);
    free_items(it, 2);
    return rc;
}

/* cfn Ref: a resource's reference id when the stack has a resource of that
 * name, else the parameter (ParamRef); param_only for the condition Ref. */
static int ref_result(const hh_fwalk *w, json_t *args, bool param_only, json_t **out, hh_error *err)
{
    json_t *name = NULL;
    int rc = hh_fn_get(w, args, &name, err);

    if (rc)
        goto done;
    if (!param_only && json_is_string(name) && w->ctx && w->ctx->ops && w->ctx->ops->get_resource) {
        rc = w->ctx->ops->get_resource(w->ctx->ud, json_string_value(name), out, err);
        if (rc != HH_ENOTFOUND)
            goto done;
    }
    rc = HH_ENOTFOUND;
    if (json_is_string(name) && w->ctx && w->ctx->ops && w->ctx->ops->get_param)
        rc = w->ctx->ops->get_param(w->ctx->ud, json_string_value(name), out, err);
    if (rc == HH_ENOTFOUND) {
        hh_pybuf b = {0};

        hh_py_str_to(&b, name);
        rc = hh_error_set(err, HH_EINVAL, "InvalidTemplateReference",
                          "The specified reference \"%s\" (in unknown) is incorrect.",
                          b.s ? b.s : "");
        hh_pybuf_free(&b);
    }
done:
    json_decref(name);
    return rc;
}

static int key_error(const json_t *key, hh_error *err)
{
    hh_pybuf b = {0};
    int rc;

    /* str(KeyError(key)) is repr(key) */
    hh_py_repr_to(&b, key);
    rc = hh_error_set(err, HH_EINVAL, KE, "%s", b.s ? b.s : "");
    hh_pybuf_free(&b);
    return rc;
}

static int find_in_map_result(const hh_fwalk *w, json_t *args, json_t **out, hh_error *err)
{
    json_t *it[3] = {NULL, NULL, NULL}, *r[3] = {NULL, NULL, NULL}, *m = NULL;
    int rc = hh_fn_unpack(w, args, 3, it, err);

    for (int i = 0; !rc && i < 3; i++)
        rc = hh_fn_get(w, it[i], &r[i], err);
    if (rc)
        goto done;
    m = json_is_string(r[0]) && w->ctx ? json_object_get(w->ctx->mappings, json_string_value(r[0]))
                                       : NULL;
    if (!m) {
        rc = key_error(r[0], err);
        goto done;
    }
    for (int i = 1; i < 3; i++) {
        if (json_is_array(r[i]) || json_is_object(r[i])) {
            rc = hh_fn_error(err, TE, "unhashable type: '%s'", hh_py_type_name(r[i]));
            goto done;
        }
        if (json_is_array(m)) {
            json_int_t idx = json_integer_value(r[i]);

            if (!json_is_integer(r[i]) || idx < 0 || (size_t)idx >= json_array_size(m)) {
                rc = json_is_integer(r[i])
                         ? hh_fn_error(err, "IndexError", "list index out of range")
                         : hh_fn_error(err, TE, "list indices must be integers or slices, not %s",
                                       hh_py_type_name(r[i]));
                goto done;
            }
            m = json_array_get(m, (size_t)idx);
        } else if (json_is_object(m)) {
            json_t *next =
                json_is_string(r[i]) ? json_object_get(m, json_string_value(r[i])) : NULL;

            if (!next) {
                rc = key_error(r[i], err);
                goto done;
            }
            m = next;
        } else {
            rc = hh_fn_error(err, TE, "'%s' object is not subscriptable", hh_py_type_name(m));
            goto done;
        }
    }
    *out = json_incref(m);
done:
    free_items(it, 3);
    free_items(r, 3);
    return rc;
}

static int select_result(const hh_fwalk *w, const char *f, json_t *args, json_t **out,
                         hh_error *err)
{
    json_t *it[2] = {NULL, NULL}, *index = NULL, *strings = NULL;
    json_int_t idx = 0;
    bool idx_int = false;
    int rc = hh_fn_unpack(w, args, 2, it, err);

    if (!rc)
        rc = hh_fn_get(w, it[0], &index, err);
    if (!rc)
        rc = hh_fn_get(w, it[1], &strings, err);
    if (rc)
        goto done;
    if (json_is_string(strings) && json_string_length(strings) == 0) {
        *out = json_string("");
        goto done;
    }
    if (json_is_string(strings)) {
        json_error_t jerr;
        json_t *parsed = json_loads(json_string_value(strings), JSON_DECODE_ANY, &jerr);

        if (!parsed) {
            rc = hh_fn_error(err, VE, "\"%s\": %s: line %d column %d (char %d)", f, jerr.text,
                             jerr.line, jerr.column, jerr.position);
            goto done;
        }
        json_decref(strings);
        strings = parsed;
    }
    if (json_is_object(strings)) {
        json_t *v = NULL;

        if (!json_is_string(index)) {
            rc = hh_fn_error(err, TE, "Index to \"%s\" must be a string", f);
            goto done;
        }
        v = json_object_get(strings, json_string_value(index));
        *out = v ? json_incref(v) : json_string("");
        goto done;
    }
    {
        hh_error scratch;

        hh_error_clear(&scratch);
        idx_int = hh_fn_pyint(index, &idx, &scratch) == 0;
    }
    if (json_is_array(strings)) {
        json_int_t n = (json_int_t)json_array_size(strings);

        if (!idx_int) {
            rc = hh_fn_error(err, TE, "Index to \"%s\" must be an integer", f);
            goto done;
        }
        if (idx < 0)
            idx += n;
        if (idx < 0 || idx >= n)
            *out = json_string("");
        else
            *out = json_incref(json_array_get(strings, (size_t)idx));
        goto done;
    }
    if (json_is_null(strings)) {
        *out = json_string("");
        goto done;
    }
    rc = hh_fn_error(err, TE, "Arguments to %s not fully resolved", f);
done:
    if (!rc && !*out)
        rc = ENOMEM;
    free_items(it, 2);
    json_decref(index);
    json_decref(strings);
    return rc;
}

static int split_result(const hh_fwalk *w, const char *f, json_t *args, json_t **out, hh_error *err)
{
    json_t *it[2] = {NULL, NULL}, *s = NULL;
    int rc = hh_fn_unpack(w, args, 2, it, err);

    if (!rc)
        rc = hh_fn_get(w, it[1], &s, err);
    if (rc)
        goto done;
    if (!json_is_string(it[0])) {
        rc = hh_fn_error(err, TE, "Delimiter for %s must be string", f);
        goto done;
    }
    if (!json_is_string(s)) {
        rc = hh_fn_error(err, TE, "String to split must be string; got <class '%s'>",
                         hh_py_type_name(s));
        goto done;
    }
    rc = hh_fn_split_str(json_string_value(s), json_string_length(s), it[0], out, err);
done:
    free_items(it, 2);
    json_decref(s);
    return rc;
}

static int base64_result(const hh_fwalk *w, const char *f, json_t *args, json_t **out,
                         hh_error *err)
{
    json_t *v = NULL;
    int rc = hh_fn_get(w, args, &v, err);

    if (rc)
        return rc;
    if (!json_is_string(v)) {
        json_decref(v);
        return hh_fn_error(err, TE, "\"%s\" argument must be a string", f);
    }
    *out = v;
    return 0;
}

typedef struct member {
    long long index;
    size_t order;
    const char *key; /* points into a piece */
    size_t keylen;
    json_t *value;
} member;

static int member_cmp(const void *a, const void *b)
{
    const member *x = a, *y = b;

    if (x->index != y->index)
        return x->index < y->index ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* MemberListToMap: "k=v" items into a dict, then aws_utils.
 * extract_param_pairs: keys ".member.<n>.<field>" grouped by n (sorted),
 * each group's keyname/valuename fields making one entry. */
static int member_list_result(const hh_fwalk *w, const char *f, json_t *args, json_t **out,
                              hh_error *err)
{
    json_t *it[3] = {NULL, NULL, NULL}, *list = NULL, *partials = NULL, *res = NULL, *x;
    member *ms = NULL;
    size_t nm = 0, i;
    const char *k;
    int rc = hh_fn_unpack(w, args, 3, it, err);

    if (!rc)
        rc = hh_fn_get(w, it[2], &list, err);
    if (rc)
        goto done;
    partials = json_object();
    res = json_object();
    if (!partials || !res) {
        rc = ENOMEM;
        goto done;
    }
    if (json_is_object(list)) {
        json_t *keys = json_array();

        json_object_foreach(list, k, x) json_array_append_new(keys, json_string(k));
        json_decref(list);
        list = keys;
    } else if (json_is_string(list)) {
        /* a string iterates as characters: none contains '=' */
        if (json_string_length(list) > 0) {
            rc = hh_fn_error(err, VE,
                             "dictionary update sequence element #0 has length 1; 2 is required");
            goto done;
        }
        json_decref(list);
        list = json_array();
    }
    if (!json_is_array(list)) {
        rc = hh_fn_error(err, TE, "Member list must be a list");
        goto done;
    }
    json_array_foreach(list, i, x)
    {
        const char *s = json_string_value(x), *eq = NULL;

        if (!s) {
            rc = hh_fn_error(err, TE, "Member list items must be strings");
            goto done;
        }
        eq = strchr(s, '=');
        if (!eq) {
            rc = hh_fn_error(err, VE,
                             "dictionary update sequence element #%zu has length 1; 2 is "
                             "required",
                             i);
            goto done;
        }
        {
            char *key = strndup(s, (size_t)(eq - s));

            if (!key || json_object_set_new(partials, key, json_string(eq + 1))) {
                free(key);
                rc = ENOMEM;
                goto done;
            }
            free(key);
        }
    }
    ms = calloc(json_object_size(partials) + 1, sizeof(*ms));
    if (!ms) {
        rc = ENOMEM;
        goto done;
    }
    json_object_foreach(partials, k, x)
    {
        const char *p = k, *digits;
        long long n = 0;

        if (strncmp(p, ".member.", 8) != 0)
            continue;
        p += 8;
        digits = p;
        while (isdigit((unsigned char)*p))
            n = n * 10 + (*p++ - '0');
        if (p == digits || *p != '.')
            continue;
        p++;
        ms[nm].index = n;
        ms[nm].order = nm;
        ms[nm].key = p;
        ms[nm].keylen = strcspn(p, "\n");
        ms[nm].value = x;
        nm++;
    }
    qsort(ms, nm, sizeof(*ms), member_cmp);
    for (i = 0; i < nm;) {
        size_t j = i;
        json_t *kv = NULL, *vv = NULL;
        const char *kn = json_string_value(it[0]), *vn = json_string_value(it[1]);

        for (; j < nm && ms[j].index == ms[i].index; j++) {
            if (kn && strlen(kn) == ms[j].keylen && strncmp(ms[j].key, kn, ms[j].keylen) == 0)
                kv = ms[j].value;
            if (vn && strlen(vn) == ms[j].keylen && strncmp(ms[j].key, vn, ms[j].keylen) == 0)
                vv = ms[j].value;
        }
        if (kv && vv && json_object_set(res, json_string_value(kv), vv)) {
            rc = ENOMEM;
            goto done;
        }
        i = j;
    }
    *out = res;
    res = NULL;
done:
    free(ms);
    free_items(it, 3);
    json_decref(list);
    json_decref(partials);
    json_decref(res);
    return rc;
}

int hh_fn_cfn_result(const hh_fwalk *w, const hh_func_def *def, json_t *args, json_t **out,
                     hh_error *err)
{
    const char *f = def->name;
    json_t *it[2] = {NULL, NULL};
    int rc = 0;

    *out = NULL;
    switch (def->kind) {
    case HH_FK_CFN_FIND_IN_MAP:
        return find_in_map_result(w, args, out, err);
    case HH_FK_CFN_GET_AZS:
        if (w->ctx && w->ctx->ops && w->ctx->ops->get_azs)
            return w->ctx->ops->get_azs(w->ctx->ud, out, err);
        *out = json_pack("[s]", "nova");
        return *out ? 0 : ENOMEM;
    case HH_FK_CFN_REF:
    case HH_FK_CFN_PARAM_REF:
        return ref_result(w, args, def->kind == HH_FK_CFN_PARAM_REF, out, err);
    case HH_FK_CFN_GET_ATT: {
        json_t *path = json_array();

        rc = path ? hh_fn_unpack(w, args, 2, it, err) : ENOMEM;
        if (!rc)
            rc = hh_fn_get_attr_result(w, f, it[0], it[1], path, false, out, err);
        json_decref(path);
        free_items(it, 2);
        return rc;
    }
    case HH_FK_CFN_SELECT:
        return select_result(w, f, args, out, err);
    case HH_FK_CFN_JOIN:
        return hh_fn_join_result(w, f, json_array_get(args, 0), json_array_get(args, 1), out, err);
    case HH_FK_CFN_SPLIT:
        return split_result(w, f, args, out, err);
    case HH_FK_CFN_REPLACE: {
        /* Replace semantics of the 2013 str_replace (no JSON values) */
        static const hh_func_def plain = {.name = "Fn::Replace", .kind = HH_FK_REPLACE};

        rc = hh_fn_unpack(w, args, 2, it, err);
        if (!rc)
            rc = hh_fn_replace_result(w, &plain, f, it[0], it[1], out, err);
        free_items(it, 2);
        return rc;
    }
    case HH_FK_CFN_BASE64:
        return base64_result(w, f, args, out, err);
    case HH_FK_CFN_MEMBER_LIST_TO_MAP:
        return member_list_result(w, f, args, out, err);
    case HH_FK_CFN_RESOURCE_FACADE:
        return hh_fn_facade_result(w, f, args, true, out, err);
    case HH_FK_CFN_EQUALS: {
        json_t *a = NULL, *b = NULL;

        rc = hh_fn_get(w, json_array_get(args, 0), &a, err);
        if (!rc)
            rc = hh_fn_get(w, json_array_get(args, 1), &b, err);
        if (!rc)
            *out = json_boolean(hh_py_eq(a, b));
        json_decref(a);
        json_decref(b);
        return rc;
    }
    case HH_FK_CFN_NOT:
        return hh_fn_not_result(w, json_array_get(args, 0), out, err);
    case HH_FK_CFN_AND:
    case HH_FK_CFN_OR: {
        json_t *a = NULL, *x;
        size_t i;
        bool is_and = def->kind == HH_FK_CFN_AND, acc = is_and;

        rc = hh_fn_get(w, args, &a, err);
        json_array_foreach(a, i, x)
        {
            bool v = false;

            if (rc)
                break;
            rc = hh_fn_condition_value(w, x, &v, err);
            if (!rc && v != is_and) {
                acc = v;
                break;
            }
        }
        if (!rc)
            *out = json_boolean(acc);
        json_decref(a);
        return rc;
    }
    default:
        return hh_error_set(err, HH_EINTERNAL, NULL, "no implementation for %s", f);
    }
}
