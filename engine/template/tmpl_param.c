/* tmpl_param: see tmpl_param.h. Follows heat/engine/parameters.py,
 * hot/parameters.py, cfn/parameters.py and parameter_groups.py. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_constraint.h"
#include "tmpl_param.h"

#define MSG_MAX HH_CONSTRAINT_MSG_MAX

typedef struct param {
    char *name;
    bool pseudo;
    hh_ptype type;
    const char *type_name; /* the template's spelling */
    json_t *def;           /* schema default, NULL = None */
    json_t *description;   /* raw, NULL when absent */
    json_t *label;
    json_t *tags;
    bool hidden, immutable;
    hh_constraint **cons;
    size_t ncons;
    json_t *user_value;   /* NULL = not given */
    json_t *user_default; /* from parameter_defaults */
} param;

struct hh_params {
    const hh_tversion *v;
    param *items; /* pseudo-parameters first, then the template's in order */
    size_t n, cap;
    size_t npseudo;
    json_t *user_values; /* as bound, for the unknown-name check */
};

static const char *const hot_types[] = {"string", "number", "comma_delimited_list", "json",
                                        "boolean"};
static const char *const cfn_types[] = {"String", "Number", "CommaDelimitedList", "Json",
                                        "Boolean"};
/* The schema type of each spelling above, in the same order. */
static const hh_ptype param_types[] = {HH_PT_STRING, HH_PT_NUMBER, HH_PT_LIST, HH_PT_MAP,
                                       HH_PT_BOOLEAN};

static void param_clear(param *p)
{
    size_t i;

    free(p->name);
    json_decref(p->def);
    json_decref(p->description);
    json_decref(p->label);
    json_decref(p->tags);
    for (i = 0; i < p->ncons; i++)
        hh_constraint_free(p->cons[i]);
    free(p->cons);
    json_decref(p->user_value);
    json_decref(p->user_default);
    memset(p, 0, sizeof(*p));
}

void hh_params_free(hh_params *p)
{
    size_t i;

    if (p == NULL)
        return;
    for (i = 0; i < p->n; i++)
        param_clear(&p->items[i]);
    free(p->items);
    json_decref(p->user_values);
    free(p);
}

static param *add_param(hh_params *p)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        param *np = realloc(p->items, cap * sizeof(*np));

        if (np == NULL)
            return NULL;
        p->items = np;
        p->cap = cap;
    }
    memset(&p->items[p->n], 0, sizeof(param));
    return &p->items[p->n++];
}

static int add_constraint(param *pr, hh_constraint *c)
{
    hh_constraint **nc = realloc(pr->cons, (pr->ncons + 1) * sizeof(*nc));

    if (nc == NULL) {
        hh_constraint_free(c);
        return ENOMEM;
    }
    pr->cons = nc;
    pr->cons[pr->ncons++] = c;
    return 0;
}

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static bool key_in(const char *k, const char *const *keys)
{
    size_t i;

    for (i = 0; keys[i]; i++)
        if (strcmp(keys[i], k) == 0)
            return true;
    return false;
}

static int check_keys(const char *name, const json_t *schema, const char *const *keys,
                      hh_error *err)
{
    const char *k;
    json_t *v;

    if (!json_is_object(schema))
        return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                            "Invalid parameter (%s), expected a mapping", name);
    json_object_foreach((json_t *)schema, k, v) {
        if (!key_in(k, keys))
            return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                                "Invalid key '%s' for parameter (%s)", k, name);
    }
    return 0;
}

static int set_type(param *pr, const json_t *type, const char *const *names, hh_error *err)
{
    size_t i;
    char *s = NULL;

    if (json_is_string(type))
        for (i = 0; i < 5; i++)
            if (strcmp(json_string_value(type), names[i]) == 0) {
                pr->type = param_types[i];
                pr->type_name = names[i];
                return 0;
            }
    s = hh_py_str(type);
    if (s == NULL)
        return oom(err);
    hh_error_set(err, HH_EINVAL, "InvalidSchemaError", "Invalid type (%s)", s);
    free(s);
    return HH_EINVAL;
}

static json_t *copy_or_null(const json_t *v)
{
    return (v == NULL || json_is_null(v)) ? NULL : json_deep_copy(v);
}

/* HOTParamSchema(.from_dict) for the version's key set. */
static int parse_hot(const hh_tversion *v, param *pr, const json_t *schema, hh_error *err)
{
    static const char *const keys[] = {"type",   "description", "default",   "schema",
                                       "constraints", "hidden", "label", "immutable",
                                       NULL};
    static const char *const keys_tags[] = {"type",   "description", "default",
                                            "schema", "constraints", "hidden",
                                            "label",  "immutable",   "tags",
                                            NULL};
    const json_t *cons, *c, *tags;
    size_t i;
    int rc;

    rc = check_keys(pr->name, schema, v->param_tags ? keys_tags : keys, err);
    if (rc != 0)
        return rc;
    if (json_object_get(schema, "type") == NULL)
        return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                            "Missing parameter type for parameter: %s", pr->name);
    tags = json_object_get(schema, "tags");
    if (v->param_tags && tags != NULL && !json_is_array(tags))
        return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                            "Tags property should be a list for parameter: %s", pr->name);
    cons = json_object_get(schema, "constraints");
    if (cons != NULL && !json_is_null(cons)) {
        if (!json_is_array(cons))
            return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                                "Invalid parameter constraints for parameter %s, expected a "
                                "list",
                                pr->name);
        json_array_foreach(cons, i, c) {
            hh_constraint *hc = NULL;

            rc = hh_constraint_from_hot(c, v->modulo, &hc, err);
            if (rc == 0)
                rc = add_constraint(pr, hc);
            if (rc != 0)
                return rc;
        }
    }
    rc = set_type(pr, json_object_get(schema, "type"), hot_types, err);
    if (rc != 0)
        return rc;
    pr->def = copy_or_null(json_object_get(schema, "default"));
    pr->description = copy_or_null(json_object_get(schema, "description"));
    pr->label = copy_or_null(json_object_get(schema, "label"));
    pr->tags = v->param_tags ? copy_or_null(tags) : NULL;
    pr->hidden = hh_py_truthy(json_object_get(schema, "hidden"));
    pr->immutable = hh_py_truthy(json_object_get(schema, "immutable"));
    return 0;
}

/* parameters.Schema.from_dict (CFN keys). */
static int parse_cfn(param *pr, const json_t *schema, hh_error *err)
{
    static const char *const keys[] = {"Type",      "Default",     "NoEcho",
                                       "AllowedValues", "AllowedPattern", "MaxLength",
                                       "MinLength", "MaxValue",    "MinValue",
                                       "Description", "ConstraintDescription", "Label",
                                       NULL};
    const json_t *cd = json_object_get(schema, "ConstraintDescription");
    const char *desc = NULL;
    char *descs = NULL, *noecho = NULL;
    hh_constraint *c = NULL;
    size_t i;
    int rc;

    rc = check_keys(pr->name, schema, keys, err);
    if (rc != 0)
        return rc;
    if (json_object_get(schema, "Type") == NULL)
        return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                            "Missing parameter type for parameter: %s", pr->name);
    if (cd != NULL && hh_py_truthy(cd)) {
        descs = hh_py_str(cd);
        if (descs == NULL)
            return oom(err);
        desc = descs;
    }
    if (json_object_get(schema, "MinValue") || json_object_get(schema, "MaxValue")) {
        rc = hh_constraint_new_range(HH_CK_RANGE, json_object_get(schema, "MinValue"),
                                     json_object_get(schema, "MaxValue"), desc, &c, err);
        if (rc == 0)
            rc = add_constraint(pr, c);
        if (rc != 0)
            goto done;
    }
    if (json_object_get(schema, "MinLength") || json_object_get(schema, "MaxLength")) {
        rc = hh_constraint_new_range(HH_CK_LENGTH, json_object_get(schema, "MinLength"),
                                     json_object_get(schema, "MaxLength"), desc, &c, err);
        if (rc == 0)
            rc = add_constraint(pr, c);
        if (rc != 0)
            goto done;
    }
    if (json_object_get(schema, "AllowedValues")) {
        rc = hh_constraint_new_allowed(json_object_get(schema, "AllowedValues"), desc, &c, err);
        if (rc == 0)
            rc = add_constraint(pr, c);
        if (rc != 0)
            goto done;
    }
    if (json_object_get(schema, "AllowedPattern")) {
        rc = hh_constraint_new_pattern(json_object_get(schema, "AllowedPattern"), desc, &c, err);
        if (rc == 0)
            rc = add_constraint(pr, c);
        if (rc != 0)
            goto done;
    }
    rc = set_type(pr, json_object_get(schema, "Type"), cfn_types, err);
    if (rc != 0)
        goto done;
    pr->def = copy_or_null(json_object_get(schema, "Default"));
    pr->description = copy_or_null(json_object_get(schema, "Description"));
    pr->label = copy_or_null(json_object_get(schema, "Label"));
    if (json_object_get(schema, "NoEcho")) {
        noecho = hh_py_str(json_object_get(schema, "NoEcho"));
        if (noecho == NULL) {
            rc = oom(err);
            goto done;
        }
        for (i = 0; noecho[i]; i++)
            noecho[i] = (char)tolower((unsigned char)noecho[i]);
        pr->hidden = strcmp(noecho, "true") == 0;
    }
done:
    free(descs);
    free(noecho);
    return rc;
}

static const char *const aws_regions[] = {"us-east-1",      "us-west-1", "us-west-2",
                                          "sa-east-1",      "eu-west-1", "ap-southeast-1",
                                          "ap-northeast-1", NULL};

static int add_pseudo(hh_params *p, const char *name, const char *value, const char *desc)
{
    param *pr = add_param(p);

    if (pr == NULL)
        return ENOMEM;
    pr->pseudo = true;
    pr->type = HH_PT_STRING;
    pr->type_name = p->v->dialect == HH_DIALECT_HOT ? "string" : "String";
    pr->name = strdup(name);
    pr->def = json_string(value);
    pr->description = desc ? json_string(desc) : NULL;
    if (pr->name == NULL || pr->def == NULL || (desc && pr->description == NULL))
        return ENOMEM;
    if (strcmp(name, "AWS::Region") == 0) {
        json_t *allowed = json_array();
        hh_constraint *c = NULL;
        size_t i;
        int rc;

        if (allowed == NULL)
            return ENOMEM;
        for (i = 0; aws_regions[i]; i++)
            json_array_append_new(allowed, json_string(aws_regions[i]));
        rc = hh_constraint_new_allowed(allowed, NULL, &c, NULL);
        json_decref(allowed);
        if (rc == 0)
            rc = add_constraint(pr, c);
        return rc;
    }
    return 0;
}

/* urllib.parse.quote(s, safe='') */
static char *url_quote(const char *s)
{
    size_t n = strlen(s), i, j = 0;
    char *out = malloc(3 * n + 1);

    if (out == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~')
            out[j++] = (char)c;
        else
            j += (size_t)sprintf(out + j, "%%%02X", c);
    }
    out[j] = '\0';
    return out;
}

/* The pseudo-parameters for identity ps (NULL = no stack yet), placed
 * before the template's parameters. */
static int make_pseudo(hh_params *p, const hh_pseudo *ps)
{
    param *tmpl_items = NULL;
    size_t ntmpl = p->n - p->npseudo, i, old = p->npseudo;
    int rc = 0;

    /* keep the template's parameters aside, rebuild the pseudo ones */
    tmpl_items = malloc((ntmpl ? ntmpl : 1) * sizeof(param));
    if (tmpl_items == NULL)
        return ENOMEM;
    if (ntmpl > 0)
        memcpy(tmpl_items, p->items + old, ntmpl * sizeof(param));
    for (i = 0; i < old; i++)
        param_clear(&p->items[i]);
    p->n = 0;
    if (p->v->dialect == HH_DIALECT_HOT) {
        const char *sid = ps && ps->stack_id ? ps->stack_id : "";
        const char *tenant = ps && ps->project_id ? ps->project_id : "";

        if ((rc = add_pseudo(p, "OS::stack_id", sid, "Stack ID")) != 0 ||
            (rc = add_pseudo(p, "OS::project_id", tenant, "Project ID")) != 0)
            goto done;
        if (ps && ps->stack_name && *ps->stack_name &&
            (rc = add_pseudo(p, "OS::stack_name", ps->stack_name, "Stack Name")) != 0)
            goto done;
    } else {
        char *arn = NULL;

        if (ps == NULL) {
            arn = strdup("None");
        } else {
            char *t = url_quote(ps->project_id ? ps->project_id : "");
            char *nm = url_quote(ps->stack_name ? ps->stack_name : "");
            char *id = url_quote(ps->stack_id ? ps->stack_id : "");

            if (t && nm && id && asprintf(&arn, "arn:openstack:heat::%s:stacks/%s/%s", t, nm,
                                          id) < 0)
                arn = NULL;
            free(t);
            free(nm);
            free(id);
        }
        if (arn == NULL) {
            rc = ENOMEM;
            goto done;
        }
        rc = add_pseudo(p, "AWS::StackId", arn, "Stack ID");
        free(arn);
        if (rc != 0)
            goto done;
        if (ps && ps->stack_name && *ps->stack_name &&
            ((rc = add_pseudo(p, "AWS::StackName", ps->stack_name, "Stack Name")) != 0 ||
             (rc = add_pseudo(p, "AWS::Region", ps->region ? ps->region : "ap-southeast-1",
                              NULL)) != 0))
            goto done;
    }
done:
    p->npseudo = p->n;
    for (i = 0; i < ntmpl; i++) {
        param *pr = add_param(p);

        if (pr == NULL) {
            /* cannot happen: capacity held them before; keep them safe */
            rc = ENOMEM;
            param_clear(&tmpl_items[i]);
            continue;
        }
        *pr = tmpl_items[i];
    }
    free(tmpl_items);
    return rc;
}

int hh_params_new(const hh_tversion *v, const json_t *section, hh_params **out, hh_error *err)
{
    hh_params *p = NULL;
    const char *name;
    json_t *schema;
    int rc = 0;

    *out = NULL;
    p = calloc(1, sizeof(*p));
    if (p == NULL)
        return oom(err);
    p->v = v;
    if (section != NULL && !json_is_null(section) && !json_is_object(section)) {
        /* Heat calls .items() on the section */
        rc = hh_error_set(err, HH_EINVAL, "AttributeError",
                          "'%s' object has no attribute 'items'",
                          json_is_array(section)    ? "list"
                          : json_is_string(section) ? "str"
                          : json_is_integer(section) ? "int"
                          : json_is_real(section)    ? "float"
                                                     : "bool");
        goto done;
    }
    if (section != NULL && json_is_object(section)) {
        json_object_foreach((json_t *)section, name, schema) {
            param *pr = add_param(p);

            if (pr == NULL || (pr->name = strdup(name)) == NULL) {
                rc = oom(err);
                goto done;
            }
            rc = v->dialect == HH_DIALECT_HOT ? parse_hot(v, pr, schema, err)
                                              : parse_cfn(pr, schema, err);
            if (rc != 0)
                goto done;
        }
    }
    rc = make_pseudo(p, NULL);
    if (rc != 0) {
        rc = oom(err);
        goto done;
    }
    *out = p;
    p = NULL;
done:
    hh_params_free(p);
    return rc;
}

static param *find(const hh_params *p, const char *name)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        if (strcmp(p->items[i].name, name) == 0)
            return &p->items[i];
    return NULL;
}

static param *find_tmpl(const hh_params *p, const char *name)
{
    size_t i;

    for (i = p->npseudo; i < p->n; i++)
        if (strcmp(p->items[i].name, name) == 0)
            return &p->items[i];
    return NULL;
}

size_t hh_params_count(const hh_params *p)
{
    return p ? p->n - p->npseudo : 0;
}

const char *hh_params_name(const hh_params *p, size_t i)
{
    return p && i < p->n - p->npseudo ? p->items[p->npseudo + i].name : NULL;
}

bool hh_params_has(const hh_params *p, const char *name)
{
    return p && find(p, name) != NULL;
}

bool hh_params_hidden(const hh_params *p, const char *name)
{
    param *pr = p ? find(p, name) : NULL;

    return pr && pr->hidden;
}

bool hh_params_immutable(const hh_params *p, const char *name)
{
    param *pr = p ? find(p, name) : NULL;

    return pr && pr->immutable;
}

int hh_params_bind(hh_params *p, const json_t *values, const json_t *defaults,
                   const hh_pseudo *pseudo, hh_error *err)
{
    const char *k;
    json_t *v;
    size_t i;

    if (make_pseudo(p, pseudo) != 0)
        return oom(err);
    json_decref(p->user_values);
    p->user_values = NULL;
    for (i = 0; i < p->n; i++) {
        param *pr = &p->items[i];

        json_decref(pr->user_value);
        pr->user_value = NULL;
        json_decref(pr->user_default);
        pr->user_default = NULL;
        if (!pr->pseudo && json_is_object(values))
            pr->user_value = copy_or_null(json_object_get(values, pr->name));
        if (json_is_object(defaults))
            pr->user_default = copy_or_null(json_object_get(defaults, pr->name));
    }
    if (json_is_object(values)) {
        p->user_values = json_object();
        if (p->user_values == NULL)
            return oom(err);
        json_object_foreach((json_t *)values, k, v)
            json_object_set_new(p->user_values, k, json_null());
    }
    return 0;
}

/* Default, or NULL: the environment's parameter_defaults win. */
static const json_t *default_of(const param *pr)
{
    return pr->user_default ? pr->user_default : pr->def;
}

static const json_t *value_of(const param *pr)
{
    return pr->user_value ? pr->user_value : default_of(pr);
}

/* CommaDelimitedListParam.parse; *out new. */
static int parse_list(const json_t *v, json_t **out, char *msg, size_t len)
{
    json_t *l = json_array();
    size_t i;

    *out = NULL;
    if (l == NULL)
        return ENOMEM;
    if (json_is_array(v)) {
        json_t *x;

        json_array_foreach(v, i, x) {
            char *s = hh_py_str(x);

            if (s == NULL || json_array_append_new(l, json_string(s)) != 0) {
                free(s);
                json_decref(l);
                return ENOMEM;
            }
            free(s);
        }
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v), *c;

        if (*s) {
            for (;;) {
                c = strchr(s, ',');
                json_array_append_new(l, json_stringn(s, c ? (size_t)(c - s) : strlen(s)));
                if (c == NULL)
                    break;
                s = c + 1;
            }
        }
    } else {
        const char *tn = hh_py_type_name(v);

        snprintf(msg, len,
                 "Value must be a comma-delimited list string: '%s' object has no attribute "
                 "'split'",
                 tn);
        json_decref(l);
        return HH_EINVAL;
    }
    *out = l;
    return 0;
}

/* Python's json error wording for the common cases. */
static void json_error_text(const char *text, const json_error_t *je, char *msg, size_t len)
{
    const char *what = "Expecting value";
    const char *near = strstr(je->text, "near '");
    size_t tok = 0, pos = (size_t)je->position, i;
    int line = 1, col = 1;

    if (strstr(je->text, "end of file expected"))
        what = "Extra data";
    else if (strstr(je->text, "string or '}' expected"))
        what = "Expecting property name enclosed in double quotes";
    else if (strstr(je->text, "':' expected"))
        what = "Expecting ':' delimiter";
    else if (strstr(je->text, "'}' expected") || strstr(je->text, "']' expected"))
        what = "Expecting ',' delimiter";
    if (near) {
        const char *e = strrchr(near + 6, '\'');

        tok = e ? (size_t)(e - (near + 6)) : 0;
    }
    pos = pos >= tok ? pos - tok : 0;
    if (pos > strlen(text))
        pos = strlen(text);
    if (strcmp(what, "Expecting ',' delimiter") == 0) {
        /* after a comma Python wants the next item */
        size_t q = pos;

        while (q > 0 && strchr(" \t\r\n", text[q - 1]))
            q--;
        if (q > 0 && text[q - 1] == ',')
            what = "Expecting value";
    }
    for (i = 0; i < pos; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else
            col++;
    }
    snprintf(msg, len, "Value must be valid JSON: %s: line %d column %d (char %zu)", what, line,
             col, pos);
}

/* JsonParam.parse; *out new. */
static int parse_json(const json_t *v, json_t **out, char *msg, size_t len)
{
    json_error_t je;

    *out = NULL;
    if (!json_is_string(v) || json_string_length(v) == 0) {
        *out = json_deep_copy(v);
        return *out ? 0 : ENOMEM;
    }
    *out = json_loads(json_string_value(v), JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
    if (*out == NULL) {
        json_error_text(json_string_value(v), &je, msg, len);
        return HH_EINVAL;
    }
    return 0;
}

static int run_constraints(const param *pr, const json_t *v, bool skip_custom, char *msg,
                           size_t len)
{
    size_t i;
    int rc;

    for (i = 0; i < pr->ncons; i++) {
        if (skip_custom && pr->cons[i]->kind == HH_CK_CUSTOM)
            continue;
        rc = hh_constraint_check(pr->cons[i], v, pr->type, pr->type_name, NULL, NULL, msg,
                                 len);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Parameter._validate for each type: conversion, then the constraints. */
static int check_value(const param *pr, const json_t *v, char *msg, size_t len)
{
    json_t *parsed = NULL;
    bool b;
    int rc;

    switch (pr->type) {
    case HH_PT_NUMBER:
        rc = hh_py_str_to_num(v, &parsed, msg, len);
        json_decref(parsed);
        parsed = NULL;
        if (rc == 0)
            rc = run_constraints(pr, v, false, msg, len);
        break;
    case HH_PT_BOOLEAN:
        rc = hh_py_bool_from_string(v, &b, msg, len);
        if (rc == 0)
            rc = run_constraints(pr, v, false, msg, len);
        break;
    case HH_PT_LIST:
        rc = parse_list(v, &parsed, msg, len);
        if (rc == 0)
            rc = run_constraints(pr, parsed, false, msg, len);
        break;
    case HH_PT_MAP:
        rc = parse_json(v, &parsed, msg, len);
        if (rc == 0)
            rc = run_constraints(pr, parsed, false, msg, len);
        break;
    default:
        rc = run_constraints(pr, v, false, msg, len);
        break;
    }
    json_decref(parsed);
    return rc;
}

/* Schema.validate: constraints fit the type, the template default meets
 * the constraints other than custom ones. */
static int check_schema(const param *pr, hh_error *err)
{
    char msg[MSG_MAX], *ds = NULL;
    json_t *dv = NULL;
    size_t i;
    int rc = 0;

    for (i = 0; i < pr->ncons; i++)
        if (!hh_constraint_valid_for(pr->cons[i], pr->type))
            return hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                                "Parameter '%s' is invalid: %s constraint invalid for %s",
                                pr->name, hh_constraint_class(pr->cons[i]), pr->type_name);
    if (pr->def == NULL)
        return 0;
    ds = hh_py_str(pr->def);
    if (ds == NULL)
        return oom(err);
    if (pr->type == HH_PT_LIST && !json_is_array(pr->def)) {
        rc = parse_list(pr->def, &dv, msg, sizeof(msg));
        if (rc == HH_EINVAL) {
            /* 'Default must be a comma-delimited list string: <err>' */
            const char *tail = strstr(msg, ": ");

            hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                         "Parameter '%s' is invalid: Default must be a comma-delimited list "
                         "string: %s",
                         pr->name, tail ? tail + 2 : msg);
            goto done;
        }
    } else if (pr->type == HH_PT_LIST) {
        rc = parse_list(pr->def, &dv, msg, sizeof(msg));
    } else
        dv = json_incref(pr->def);
    if (rc != 0)
        goto done;
    rc = run_constraints(pr, dv, true, msg, sizeof(msg));
    if (rc == HH_EINVAL)
        hh_error_set(err, HH_EINVAL, "InvalidSchemaError",
                     "Parameter '%s' is invalid: Invalid default %s (%s)", pr->name, ds, msg);
    else if (rc != 0)
        oom(err);
done:
    free(ds);
    json_decref(dv);
    return rc;
}

int hh_params_validate(hh_params *p, bool require_values, hh_error *err)
{
    char msg[MSG_MAX];
    const char *k;
    json_t *v;
    size_t i;
    int rc;

    if (p->user_values) {
        json_object_foreach(p->user_values, k, v) {
            if (find_tmpl(p, k) == NULL)
                return hh_error_set(err, HH_EINVAL, "UnknownUserParameter",
                                    "The Parameter (%s) was not defined in template.", k);
        }
    }
    for (i = 0; i < p->n; i++) {
        const param *pr = &p->items[i];
        const json_t *val;

        rc = check_schema(pr, err);
        if (rc != 0)
            return rc;
        if (!require_values)
            continue;
        val = value_of(pr);
        if (val == NULL)
            return hh_error_set(err, HH_EINVAL, "UserParameterMissing",
                                "The Parameter (%s) was not provided.", pr->name);
        rc = check_value(pr, val, msg, sizeof(msg));
        if (rc == HH_EINVAL)
            return hh_error_set(err, rc, "StackValidationFailed",
                                "Parameter '%s' is invalid: %s", pr->name, msg);
        if (rc != 0)
            return oom(err);
    }
    return 0;
}

/* The typed value (Parameter.value()); *out new. */
static int typed_value(const param *pr, json_t **out, char *msg, size_t len)
{
    const json_t *v = value_of(pr);
    bool b;
    int rc = 0;

    *out = NULL;
    if (v == NULL)
        return HH_ENOTFOUND;
    switch (pr->type) {
    case HH_PT_STRING: {
        char *s = hh_py_str(v);

        *out = s ? json_string(s) : NULL;
        free(s);
        rc = *out ? 0 : ENOMEM;
        break;
    }
    case HH_PT_NUMBER:
        rc = hh_py_str_to_num(v, out, msg, len);
        break;
    case HH_PT_BOOLEAN:
        rc = hh_py_bool_from_string(v, &b, msg, len);
        if (rc == 0)
            *out = json_boolean(b);
        break;
    case HH_PT_LIST:
        rc = parse_list(v, out, msg, len);
        break;
    case HH_PT_MAP:
        rc = parse_json(v, out, msg, len);
        break;
    default: /* parameters have no other type */
        rc = HH_EINTERNAL;
        break;
    }
    return rc;
}

int hh_params_value(const hh_params *p, const char *name, json_t **out, hh_error *err)
{
    const param *pr = find(p, name);
    char msg[MSG_MAX];
    int rc;

    *out = NULL;
    if (pr == NULL)
        return hh_error_set(err, HH_ENOTFOUND, "InvalidTemplateReference",
                            "The Parameter (%s) was not defined in template.", name);
    rc = typed_value(pr, out, msg, sizeof(msg));
    if (rc == HH_ENOTFOUND)
        return hh_error_set(err, HH_EINVAL, "UserParameterMissing",
                            "The Parameter (%s) was not provided.", name);
    if (rc == HH_EINVAL)
        return hh_error_set(err, rc, "StackValidationFailed", "Parameter '%s' is invalid: %s",
                            name, msg);
    if (rc != 0)
        return oom(err);
    return 0;
}

static const char *const api_types[] = {
    [HH_PT_STRING] = "String", [HH_PT_NUMBER] = "Number", [HH_PT_LIST] = "CommaDelimitedList",
    [HH_PT_MAP] = "Json",      [HH_PT_BOOLEAN] = "Boolean",
};

/* api.format_validate_parameter */
static json_t *validate_entry(const param *pr)
{
    json_t *o = json_object(), *cdesc = NULL;
    size_t i;

    if (o == NULL)
        return NULL;
    json_object_set_new(o, "Type", json_string(api_types[pr->type]));
    json_object_set_new(o, "Description", hh_py_truthy(pr->description)
                                              ? json_deep_copy(pr->description)
                                              : json_string(""));
    json_object_set_new(o, "NoEcho", json_string(pr->hidden ? "true" : "false"));
    json_object_set_new(o, "Label", hh_py_truthy(pr->label) ? json_deep_copy(pr->label)
                                                            : json_string(pr->name));
    if (default_of(pr))
        json_object_set_new(o, "Default", json_deep_copy(default_of(pr)));
    if (hh_py_truthy(pr->user_value))
        json_object_set_new(o, "Value", json_deep_copy(pr->user_value));
    if (hh_py_truthy(pr->tags))
        json_object_set_new(o, "Tags", json_deep_copy(pr->tags));
    for (i = 0; i < pr->ncons; i++) {
        const hh_constraint *c = pr->cons[i];

        switch (c->kind) {
        case HH_CK_LENGTH:
            if (c->min)
                json_object_set_new(o, "MinLength", json_deep_copy(c->min));
            if (c->max)
                json_object_set_new(o, "MaxLength", json_deep_copy(c->max));
            break;
        case HH_CK_RANGE:
            if (c->min)
                json_object_set_new(o, "MinValue", json_deep_copy(c->min));
            if (c->max)
                json_object_set_new(o, "MaxValue", json_deep_copy(c->max));
            break;
        case HH_CK_MODULO:
            json_object_set_new(o, "Step", json_deep_copy(c->step));
            json_object_set_new(o, "Offset", json_deep_copy(c->offset));
            break;
        case HH_CK_ALLOWED_VALUES:
            json_object_set_new(o, "AllowedValues", json_deep_copy(c->allowed));
            break;
        case HH_CK_ALLOWED_PATTERN:
            json_object_set_new(o, "AllowedPattern", json_string(c->pattern));
            break;
        case HH_CK_CUSTOM:
            json_object_set_new(o, "CustomConstraint", json_string(c->name));
            break;
        case HH_CK_END:
            break;
        }
        if (c->description) {
            if (cdesc == NULL)
                cdesc = json_string(c->description);
            else {
                char *j = NULL;

                if (asprintf(&j, "%s %s", json_string_value(cdesc), c->description) >= 0) {
                    json_decref(cdesc);
                    cdesc = json_string(j);
                    free(j);
                }
            }
        }
    }
    if (cdesc)
        json_object_set_new(o, "ConstraintDescription", cdesc);
    return o;
}

json_t *hh_params_validate_json(const hh_params *p)
{
    json_t *o = json_object();
    size_t i;

    if (o == NULL || p == NULL)
        return o;
    for (i = p->npseudo; i < p->n; i++) {
        json_t *e = validate_entry(&p->items[i]);

        if (e == NULL || json_object_set_new(o, p->items[i].name, e) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

/* str(Parameter): the value as text, or ****** when hidden. */
static char *param_text(const param *pr)
{
    char msg[MSG_MAX];
    json_t *v = NULL;
    char *s = NULL;

    if (typed_value(pr, &v, msg, sizeof(msg)) != 0)
        return NULL;
    if (pr->hidden)
        s = strdup("******");
    else if (pr->type == HH_PT_LIST) {
        size_t i, n = 0;
        json_t *x;

        json_array_foreach(v, i, x)
            n += json_string_length(x) + 1;
        s = calloc(1, n + 1);
        json_array_foreach(v, i, x) {
            if (s && i)
                strcat(s, ",");
            if (s)
                strcat(s, json_string_value(x));
        }
    } else if (pr->type == HH_PT_MAP)
        s = hh_py_dumps(v);
    else
        s = hh_py_str(v);
    json_decref(v);
    return s;
}

json_t *hh_params_show_json(const hh_params *p)
{
    json_t *o = json_object();
    size_t i;

    if (o == NULL || p == NULL)
        return o;
    for (i = 0; i < p->n; i++) {
        char *s = param_text(&p->items[i]);

        if (s == NULL)
            continue; /* no value: Heat would fail; such a stack never exists */
        json_object_set_new(o, p->items[i].name, json_string(s));
        free(s);
    }
    return o;
}

/* StackValidationFailed(error='Parameter Groups error', path=[...]) text. */
static int group_error(hh_error *err, const json_t *label, const char *body)
{
    char path[512];

    snprintf(path, sizeof(path), "parameter_groups");
    if (label != NULL) {
        char *l = hh_py_str(label);
        bool digits = l && *l;
        size_t i;

        for (i = 0; l && l[i]; i++)
            if (!isdigit((unsigned char)l[i]))
                digits = false;
        if (json_is_integer(label) || digits)
            snprintf(path + strlen(path), sizeof(path) - strlen(path), "[%s]", l ? l : "");
        else
            snprintf(path + strlen(path), sizeof(path) - strlen(path), ".%s", l ? l : "");
        free(l);
    }
    return hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                        "Parameter Groups error: %s: %s", path, body);
}

/* Names ParameterGroups sees: the template's and the pseudo-parameters of
 * a stack without identity. */
static bool group_name_ok(const hh_params *p, const char *name)
{
    static const char *const hot_pseudo[] = {"OS::stack_id", "OS::project_id", NULL};
    static const char *const cfn_pseudo[] = {"AWS::StackId", NULL};

    if (find_tmpl(p, name))
        return true;
    return key_in(name, p->v->dialect == HH_DIALECT_HOT ? hot_pseudo : cfn_pseudo);
}

int hh_param_groups_check(const json_t *groups, const hh_params *p, hh_error *err)
{
    json_t *seen = NULL, *g;
    char body[MSG_MAX];
    size_t i, j;
    int rc = 0;

    if (!hh_py_truthy(groups))
        return 0;
    if (!json_is_array(groups))
        return hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                            "Parameter Groups error: parameter_groups: The parameter_groups "
                            "should be a list.");
    seen = json_object();
    if (seen == NULL)
        return oom(err);
    json_array_foreach(groups, i, g) {
        const json_t *params, *label, *x;
        json_t *emptys = NULL;

        if (!json_is_object(g)) {
            rc = hh_error_set(err, HH_EINVAL, "StackValidationFailed",
                              "Parameter Groups error: parameter_groups: Each parameter group "
                              "should be a mapping.");
            goto done;
        }
        label = json_object_get(g, "label");
        if (label == NULL)
            label = emptys = json_string("");
        params = json_object_get(g, "parameters");
        if (params == NULL || json_is_null(params))
            rc = group_error(err, label,
                             "The parameters must be provided for each parameter group.");
        else if (!json_is_array(params))
            rc = group_error(err, label, "The parameters of parameter group should be a list.");
        json_array_foreach(params, j, x) {
            char *name;

            if (rc != 0)
                break;
            name = hh_py_str(x);
            if (name == NULL) {
                rc = oom(err);
                break;
            }
            if (json_object_get(seen, name)) {
                snprintf(body, sizeof(body),
                         "The %s parameter must be assigned to one parameter group only.", name);
                rc = group_error(err, label, body);
            } else {
                json_object_set_new(seen, name, json_true());
                if (!group_name_ok(p, name)) {
                    snprintf(body, sizeof(body),
                             "The grouped parameter %s does not reference a valid parameter.",
                             name);
                    rc = group_error(err, label, body);
                }
            }
            free(name);
        }
        json_decref(emptys);
        if (rc != 0)
            goto done;
    }
done:
    json_decref(seen);
    return rc;
}

int hh_params_immutable_modified(const hh_params *old, const hh_params *newp,
                                 const json_t *input, hh_error *err)
{
    char msg[MSG_MAX];
    char *names = NULL;
    size_t i, len = 0;
    int rc = 0;

    for (i = newp->npseudo; i < newp->n; i++) {
        const param *np = &newp->items[i];
        const param *op = find_tmpl(old, np->name);
        json_t *ov = NULL, *nv = NULL;
        const json_t *given = json_is_object(input) ? json_object_get(input, np->name) : NULL;
        bool changed;

        if (op == NULL || !np->immutable)
            continue;
        if (typed_value(op, &ov, msg, sizeof(msg)) != 0)
            ov = NULL;
        if (given != NULL)
            nv = json_incref((json_t *)given);
        else if (typed_value(np, &nv, msg, sizeof(msg)) != 0)
            nv = NULL;
        changed = !hh_py_eq(ov, nv);
        json_decref(ov);
        json_decref(nv);
        if (!changed)
            continue;
        {
            size_t add = strlen(np->name) + 2;
            char *nn = realloc(names, len + add + 1);

            if (nn == NULL) {
                free(names);
                return oom(err);
            }
            names = nn;
            snprintf(names + len, add + 1, "%s%s", len ? ", " : "", np->name);
            len = strlen(names);
        }
    }
    if (names) {
        rc = hh_error_set(err, HH_EINVAL, "ImmutableParameterModified",
                          "The following parameters are immutable and may not be updated: %s",
                          names);
        free(names);
    }
    return rc;
}

json_t *hh_params_types_json(const hh_params *p)
{
    json_t *o = json_object();
    size_t i;

    if (o == NULL || p == NULL)
        return o;
    for (i = p->npseudo; i < p->n; i++)
        if (json_object_set_new(o, p->items[i].name, json_string(p->items[i].type_name)) != 0) {
            json_decref(o);
            return NULL;
        }
    return o;
}
