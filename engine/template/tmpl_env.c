/* tmpl_env: see tmpl_env.h. Follows heat/engine/environment.py,
 * heat/common/environment_format.py, heat/common/environment_util.py and
 * heatclient's template_utils.deep_update.
 *
 * The raw sections as the user wrote them (after merges) are the truth;
 * the registry is rebuilt from them (ResourceRegistry._load_registry) each
 * time they change, then the entries lookups added are replayed. */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_load.h"
#include "hh_constraint.h"
#include "hh_json.h"
#include "tmpl_env.h"

struct hh_env {
    json_t *raw;       /* the sections as given, merged */
    json_t *registry;  /* user registry: {"resources": {...}, type: value, ...} */
    json_t *templates; /* entries lookups added: [[type, value, replace], ...] */
    json_t *strategies_seen; /* merge_environments' available_strategies */
    char *source;      /* file name for messages, "" when none */
};

static const char *const sections[] = {"parameters",     "resource_registry",
                                       "parameter_defaults", "encrypted_param_names",
                                       "event_sinks",    "parameter_merge_strategies",
                                       NULL};

static const char *const hook_names[] = {"pre-create",  "pre-update",  "pre-delete",
                                         "post-create", "post-update", "post-delete",
                                         NULL};
static const char *const restricted_names[] = {"update", "replace", NULL};

/* The global registry: Heat's etc/heat/environment.d/default.yaml. */
static const char *const global_registry[][2] = {
    {"OS::Quantum*", "OS::Neutron*"},
    {"AWS::CloudWatch::Alarm", "file:///etc/heat/templates/AWS_CloudWatch_Alarm.yaml"},
    {"OS::Metering::Alarm", "OS::Aodh::Alarm"},
    {"AWS::RDS::DBInstance", "file:///etc/heat/templates/AWS_RDS_DBInstance.yaml"},
    {"OS::Ceilometer::Alarm", "OS::Aodh::Alarm"},
    {"OS::Ceilometer::GnocchiResourcesAlarm", "OS::Aodh::GnocchiResourcesAlarm"},
    {"OS::Ceilometer::GnocchiAggregationByMetricsAlarm",
     "OS::Aodh::GnocchiAggregationByMetricsAlarm"},
    {"OS::Ceilometer::GnocchiAggregationByResourcesAlarm",
     "OS::Aodh::GnocchiAggregationByResourcesAlarm"},
    {"OS::Ceilometer::CombinationAlarm", "OS::Aodh::CombinationAlarm"},
};

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static bool in_list(const char *s, const char *const *list)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_template_name(const char *s)
{
    return ends_with(s, ".yaml") || ends_with(s, ".template");
}

void hh_env_free(hh_env *env)
{
    if (env == NULL)
        return;
    json_decref(env->raw);
    json_decref(env->registry);
    json_decref(env->templates);
    json_decref(env->strategies_seen);
    free(env->source);
    free(env);
}

hh_env *hh_env_new(void)
{
    hh_env *env = calloc(1, sizeof(*env));

    if (env == NULL)
        return NULL;
    env->raw = json_pack("{s{}s{}s{}s[]s[]}", "parameters", "parameter_defaults",
                         "resource_registry", "encrypted_param_names", "event_sinks");
    env->registry = json_pack("{s{}}", "resources");
    env->templates = json_array();
    env->strategies_seen = json_object();
    env->source = strdup("");
    if (!env->raw || !env->registry || !env->templates || !env->strategies_seen ||
        !env->source) {
        hh_env_free(env);
        return NULL;
    }
    return env;
}

/* A value listing names from allowed: a string, or a sequence of them
 * (an empty list counts as valid, as Python's all([]) does). */
static bool valid_names(const json_t *v, const char *const *allowed)
{
    size_t i;
    json_t *x;

    if (json_is_string(v))
        return in_list(json_string_value(v), allowed);
    if (!json_is_array(v))
        return false;
    json_array_foreach(v, i, x) {
        if (!json_is_string(x) || !in_list(json_string_value(x), allowed))
            return false;
    }
    return true;
}

/* is_hook_definition / is_valid_restricted_action: 1 for a valid item,
 * 0 for another key, HH_EINVAL (err filled) for a bad value. */
static int registry_item(const char *k, const json_t *v, hh_error *err)
{
    char *s = NULL;
    int rc;

    if (strcmp(k, "hooks") != 0 && strcmp(k, "restricted_actions") != 0)
        return 0;
    if (strcmp(k, "hooks") == 0 && valid_names(v, hook_names))
        return 1;
    if (strcmp(k, "restricted_actions") == 0 && valid_names(v, restricted_names))
        return 1;
    s = hh_py_str(v);
    if (s == NULL)
        return oom(err);
    if (strcmp(k, "hooks") == 0)
        rc = hh_error_set(err, HH_EINVAL, "InvalidBreakPointHook",
                          "Invalid hook type \"%s\" for resource breakpoint, acceptable hook "
                          "types are: ('pre-create', 'pre-update', 'pre-delete', "
                          "'post-create', 'post-update', 'post-delete')",
                          s);
    else
        rc = hh_error_set(err, HH_EINVAL, "InvalidRestrictedAction",
                          "Invalid restricted_action type \"%s\" for resource, acceptable "
                          "restricted_action types are: ('update', 'replace')",
                          s);
    free(s);
    return rc;
}

/* An entry that is a ResourceInfo (not a nested level, not a hook item). */
static bool is_info(const char *k, const json_t *v)
{
    return !json_is_object(v) && strcmp(k, "hooks") != 0 && strcmp(k, "restricted_actions") != 0;
}

/* ResourceRegistry._load_registry into level (one level of the registry). */
static int load_level(json_t *level, const json_t *src, hh_error *err)
{
    const char *k;
    json_t *v;
    int rc;

    json_object_foreach((json_t *)src, k, v) {
        if (json_is_null(v)) {
            if (ends_with(k, "*")) {
                size_t plen = strlen(k) - 1;
                const char *rk;
                json_t *rv;
                void *tmp;

                json_object_foreach_safe(level, tmp, rk, rv) {
                    if (is_info(rk, rv) && strncmp(rk, k, plen) == 0)
                        json_object_del(level, rk);
                }
            } else
                json_object_del(level, k);
            continue;
        }
        rc = registry_item(k, v, err);
        if (rc < 0 || rc > 1)
            return rc;
        if (rc == 1) {
            if (json_object_set_new(level, k, json_deep_copy(v)) != 0)
                return oom(err);
            continue;
        }
        if (json_is_object(v)) {
            json_t *sub = json_object_get(level, k);

            if (!json_is_object(sub)) {
                sub = json_object();
                if (sub == NULL || json_object_set_new(level, k, sub) != 0)
                    return oom(err);
            }
            rc = load_level(sub, v, err);
            if (rc != 0)
                return rc;
            continue;
        }
        /* a ResourceInfo: templates keep the template name as value; Heat
         * takes any other non-string as a plugin class and fails on it */
        if (!is_template_name(k) && !json_is_string(v))
            return hh_error_set(err, HH_EINVAL, "AttributeError",
                                "'%s' object has no attribute 'support_status'",
                                json_is_integer(v) ? "int"
                                : json_is_real(v)  ? "float"
                                : json_is_array(v) ? "list"
                                                   : "bool");
        if (is_template_name(k))
            rc = json_object_set_new(level, k, json_string(k));
        else
            rc = json_object_set_new(level, k, json_deep_copy(v));
        if (rc != 0)
            return oom(err);
    }
    return 0;
}

static int rebuild_registry(hh_env *env, hh_error *err)
{
    json_t *reg = json_pack("{s{}}", "resources");
    const json_t *src = json_object_get(env->raw, "resource_registry");
    size_t i;
    json_t *t;
    int rc = 0;

    if (reg == NULL)
        return oom(err);
    if (json_is_object(src)) {
        rc = load_level(reg, src, err);
        if (rc != 0)
            goto done;
    }
    json_array_foreach(env->templates, i, t) {
        const char *key = json_string_value(json_array_get(t, 0));

        if (json_is_true(json_array_get(t, 2)) || json_object_get(reg, key) == NULL)
            json_object_set(reg, key, json_array_get(t, 1));
    }
    json_decref(env->registry);
    env->registry = reg;
    reg = NULL;
done:
    json_decref(reg);
    return rc;
}

/* environment_format.validate plus the shape of each section. */
static int check_sections(const json_t *doc, hh_error *err)
{
    const char *k;
    json_t *v;

    json_object_foreach((json_t *)doc, k, v) {
        if (!in_list(k, sections))
            return hh_error_set(err, HH_EINVAL, "ValueError",
                                "environment has wrong section \"%s\"", k);
        if (json_is_null(v))
            return hh_error_set(err, HH_EINVAL, "ValueError",
                                "environment has empty section \"%s\"", k);
        if ((strcmp(k, "encrypted_param_names") == 0 || strcmp(k, "event_sinks") == 0)) {
            if (!json_is_array(v))
                return hh_error_set(err, HH_EINVAL, "ValueError",
                                    "environment section \"%s\" must be a list", k);
        } else if (!json_is_object(v))
            return hh_error_set(err, HH_EINVAL, "ValueError",
                                "environment section \"%s\" must be a mapping", k);
    }
    return 0;
}

int hh_env_from_json(const json_t *doc, hh_env **out, hh_error *err)
{
    hh_env *env = NULL;
    const char *k;
    json_t *v;
    int rc = 0;

    *out = NULL;
    if (doc != NULL && !json_is_null(doc) && !json_is_object(doc))
        return hh_error_set(err, HH_EINVAL, "ValueError",
                            "The environment is not a valid YAML mapping data type.");
    if (doc != NULL && json_is_object(doc) && (rc = check_sections(doc, err)) != 0)
        return rc;
    env = hh_env_new();
    if (env == NULL)
        return oom(err);
    if (doc != NULL && json_is_object(doc)) {
        json_object_foreach((json_t *)doc, k, v) {
            if (json_object_set_new(env->raw, k, json_deep_copy(v)) != 0) {
                rc = oom(err);
                goto done;
            }
        }
    }
    rc = rebuild_registry(env, err);
    if (rc != 0)
        goto done;
    *out = env;
    env = NULL;
done:
    hh_env_free(env);
    return rc;
}

int hh_env_parse(const char *text, size_t len, const char *source, hh_env **out, hh_error *err)
{
    json_t *doc = NULL;
    int rc;

    *out = NULL;
    if (text != NULL && len > 0) {
        rc = hh_doc_parse(text, len, source ? source : "", NULL, &doc, NULL, err);
        if (rc != 0) {
            if (err != NULL)
                err->type = "ValueError"; /* environment_format.parse */
            return rc;
        }
    }
    rc = hh_env_from_json(doc, out, err);
    json_decref(doc);
    if (rc == 0 && source != NULL) {
        char *s = strdup(source);

        if (s == NULL) {
            hh_env_free(*out);
            *out = NULL;
            return oom(err);
        }
        free((*out)->source);
        (*out)->source = s;
    }
    return rc;
}

int hh_env_deep_update(hh_env *env, const hh_env *overlay, hh_error *err)
{
    if (hh_json_deep_update(env->raw, overlay->raw) != 0)
        return oom(err);
    return rebuild_registry(env, err);
}

/* ---- engine merge (environment_util.merge_environments) ------------------ */

static const char *strategy_for(const json_t *in_file, const char *key, const json_t *seen)
{
    const json_t *d = json_object_get(in_file, "default");
    const char *env_default = json_is_string(d) ? json_string_value(d) : "overwrite";
    const json_t *s = json_object_get(in_file, key);
    const char *st;

    if (s == NULL)
        s = json_object_get(seen, key);
    st = json_is_string(s) ? json_string_value(s) : env_default;
    if (strcmp(st, "overwrite") == 0 || strcmp(st, "merge") == 0 ||
        strcmp(st, "deep_merge") == 0)
        return st;
    return env_default;
}

/* Type of a parameter for merging: from param_names' value (a type name in
 * either dialect), else guessed from the value. */
static hh_ptype merge_type(const json_t *param_names, const char *key, const json_t *value)
{
    const json_t *t = param_names ? json_object_get(param_names, key) : NULL;

    if (json_is_string(t)) {
        const char *s = json_string_value(t);

        if (strcasecmp(s, "number") == 0)
            return HH_PT_NUMBER;
        if (strcasecmp(s, "comma_delimited_list") == 0 ||
            strcasecmp(s, "CommaDelimitedList") == 0)
            return HH_PT_LIST;
        if (strcasecmp(s, "json") == 0)
            return HH_PT_MAP;
        if (strcasecmp(s, "boolean") == 0)
            return HH_PT_BOOLEAN;
        return HH_PT_STRING;
    }
    if (json_is_number(value))
        return HH_PT_NUMBER;
    if (json_is_array(value))
        return HH_PT_LIST;
    if (json_is_object(value))
        return HH_PT_MAP;
    if (json_is_boolean(value))
        return HH_PT_BOOLEAN;
    return HH_PT_STRING;
}

static json_t *merge_list(json_t *old, const json_t *new);

/* merge_map: new reference to the result (old is consumed). */
static json_t *merge_map(json_t *old, const json_t *new, bool deep)
{
    const char *k;
    json_t *v;

    if (!hh_py_truthy(old) || !json_is_object(old) || !json_is_object(new)) {
        json_decref(old);
        return json_deep_copy(new);
    }
    json_object_foreach((json_t *)new, k, v) {
        json_t *ov = json_object_get(old, k), *nv = NULL;

        if (json_is_null(v))
            continue;
        if (!deep)
            nv = json_deep_copy(v);
        else if (json_is_object(v))
            nv = hh_py_truthy(ov) ? merge_map(json_incref(ov), v, true) : json_deep_copy(v);
        else if (json_is_array(v))
            nv = hh_py_truthy(ov) ? merge_list(json_incref(ov), v) : json_deep_copy(v);
        else if (json_is_string(v) && (ov == NULL || json_is_string(ov))) {
            char *s = NULL;

            if (asprintf(&s, "%s%s", ov ? json_string_value(ov) : "", json_string_value(v)) >= 0)
                nv = json_string(s);
            free(s);
        } else
            nv = json_deep_copy(v);
        if (nv == NULL || json_object_set_new(old, k, nv) != 0) {
            json_decref(old);
            return NULL;
        }
    }
    return old;
}

/* merge_list: lists extend, comma-delimited strings join with ",". A list
 * meeting a string (Heat raises) takes the string's items. */
static json_t *merge_list(json_t *old, const json_t *new)
{
    if (!hh_py_truthy(old)) {
        json_decref(old);
        return json_deep_copy(new);
    }
    if (json_is_array(old)) {
        json_t *c = json_deep_copy(new);

        if (c == NULL) {
            json_decref(old);
            return NULL;
        }
        if (json_is_array(c))
            json_array_extend(old, c);
        else if (json_is_string(c)) {
            const char *s = json_string_value(c), *e;

            for (;;) {
                e = strchr(s, ',');
                json_array_append_new(old, json_stringn(s, e ? (size_t)(e - s) : strlen(s)));
                if (e == NULL)
                    break;
                s = e + 1;
            }
        }
        json_decref(c);
        return old;
    }
    if (json_is_string(old) && json_is_string(new)) {
        char *s = NULL;
        json_t *r = NULL;

        if (asprintf(&s, "%s,%s", json_string_value(old), json_string_value(new)) >= 0)
            r = json_string(s);
        free(s);
        json_decref(old);
        return r;
    }
    json_decref(old);
    return json_deep_copy(new);
}

/* param_merge for one key under merge or deep_merge. */
static int param_merge(json_t *old, const char *key, const json_t *value, hh_ptype t, bool deep,
                       hh_error *err)
{
    json_t *pv = NULL, *cur = json_object_get(old, key), *nv = NULL;
    int rc = 0;

    /* parse_param */
    if (t == HH_PT_MAP) {
        if (json_is_string(value) && json_string_length(value) > 0) {
            json_error_t je;

            pv = json_loads(json_string_value(value), JSON_DECODE_ANY, &je);
            if (pv == NULL)
                return hh_error_set(err, HH_EINVAL, "ValueError",
                                    "Invalid parameter in environment %s.", je.text);
        } else
            pv = json_deep_copy(value);
    } else if (!json_is_string(value) && !json_is_array(value)) {
        return hh_error_set(err, HH_EINVAL, "ValueError", "Invalid parameter in environment .");
    } else
        pv = json_deep_copy(value);
    if (pv == NULL)
        return oom(err);
    switch (t) {
    case HH_PT_MAP:
        nv = merge_map(cur ? json_incref(cur) : json_object(), pv, deep);
        break;
    case HH_PT_LIST:
        nv = merge_list(cur ? json_incref(cur) : NULL, pv);
        break;
    case HH_PT_STRING:
    case HH_PT_NUMBER:
        if (cur == NULL && t == HH_PT_NUMBER) {
            rc = hh_error_set(err, HH_EINVAL, "TypeError",
                              "unsupported operand type(s) for +: 'int' and 'str'");
            goto done;
        }
        if (json_is_string(pv) && (cur == NULL || json_is_string(cur))) {
            char *s = NULL;

            if (asprintf(&s, "%s%s", cur ? json_string_value(cur) : "",
                         json_string_value(pv)) >= 0)
                nv = json_string(s);
            free(s);
        } else {
            rc = hh_error_set(err, HH_EINVAL, "TypeError",
                              "can only concatenate str (not \"list\") to str");
            goto done;
        }
        break;
    case HH_PT_BOOLEAN:
        rc = hh_error_set(err, HH_EINVAL, "InvalidMergeStrategyForParam",
                          "Invalid merge strategy 'merge' for parameter '%s'.", key);
        goto done;    default: /* merge_type gives parameter types only */
        rc = hh_error_set(err, HH_EINTERNAL, NULL, "no merge for type %d", (int)t);
        goto done;
    }
    if (nv == NULL || json_object_set_new(old, key, nv) != 0)
        rc = oom(err);
done:
    json_decref(pv);
    return rc;
}

static bool known_param(const json_t *param_names, const char *key)
{
    return param_names == NULL || json_object_get(param_names, key) != NULL;
}

/* merge_parameters for one section; section_name picks env->raw's slot. */
static int merge_parameters(hh_env *env, const char *section_name, const json_t *new,
                            const json_t *in_file, const json_t *param_names,
                            const char *file_name, hh_error *err)
{
    json_t *old = json_object_get(env->raw, section_name);
    const char *k;
    json_t *v;
    int rc;

    json_object_foreach((json_t *)new, k, v) {
        const char *st;
        const json_t *prev;

        if (!known_param(param_names, k) || json_is_null(v))
            continue;
        st = strategy_for(in_file, k, env->strategies_seen);
        prev = json_object_get(env->strategies_seen, k);
        if (prev == NULL)
            json_object_set_new(env->strategies_seen, k, json_string(st));
        else if (strcmp(json_string_value(prev), st) != 0)
            return hh_error_set(err, HH_EINVAL, "ConflictingMergeStrategyForParam",
                                "Conflicting merge strategy '%s' for parameter '%s' in file "
                                "'%s'.",
                                st, k, file_name);
    }
    if (!hh_py_truthy(old))
        return json_object_set_new(env->raw, section_name, json_deep_copy(new)) ? oom(err) : 0;
    json_object_foreach((json_t *)new, k, v) {
        const char *st;

        if (!known_param(param_names, k) || json_is_null(v))
            continue;
        st = json_string_value(json_object_get(env->strategies_seen, k));
        if (strcmp(st, "deep_merge") == 0 || strcmp(st, "merge") == 0) {
            rc = param_merge(old, k, v, merge_type(param_names, k, v),
                             strcmp(st, "deep_merge") == 0, err);
            if (rc != 0)
                return rc;
        } else if (json_object_set_new(old, k, json_deep_copy(v)) != 0)
            return oom(err);
    }
    return 0;
}

int hh_env_merge(hh_env *env, const hh_env *file_env, const json_t *param_names, hh_error *err)
{
    const json_t *in_file = json_object_get(file_env->raw, "parameter_merge_strategies");
    const char *k;
    json_t *v;
    int rc = 0;

    json_object_foreach(file_env->raw, k, v) {
        if (strcmp(k, "parameter_merge_strategies") == 0 || !hh_py_truthy(v))
            continue;
        if (strcmp(k, "parameters") == 0 || strcmp(k, "parameter_defaults") == 0)
            rc = merge_parameters(env, k, v, in_file, param_names, file_env->source, err);
        else {
            json_t *cur = json_object_get(env->raw, k);
            json_t *nv = json_is_object(v) ? merge_map(cur ? json_incref(cur) : NULL, v, false)
                                           : json_deep_copy(v);

            if (nv == NULL || json_object_set_new(env->raw, k, nv) != 0)
                rc = oom(err);
        }
        if (rc != 0)
            return rc;
    }
    return rebuild_registry(env, err);
}

int hh_env_set_parameters(hh_env *env, const json_t *params, hh_error *err)
{
    json_t *cur = json_object_get(env->raw, "parameters");

    if (params == NULL || json_is_null(params))
        return 0;
    if (!json_is_object(params))
        return hh_error_set(err, HH_EINVAL, "ValueError", "parameters must be a mapping");
    if (!json_is_object(cur)) {
        cur = json_object();
        if (cur == NULL || json_object_set_new(env->raw, "parameters", cur) != 0)
            return oom(err);
    }
    return json_object_update(cur, (json_t *)params) ? oom(err) : 0;
}

const json_t *hh_env_parameters(const hh_env *env)
{
    return json_object_get(env->raw, "parameters");
}

const json_t *hh_env_parameter_defaults(const hh_env *env)
{
    return json_object_get(env->raw, "parameter_defaults");
}

const json_t *hh_env_registry(const hh_env *env)
{
    return env->registry;
}

/* ---- lookup (ResourceRegistry.get_resource_info) ------------------------- */

typedef struct cand {
    bool user;
    int plen;          /* length of the registry path */
    const char *p[3];  /* the path, for ordering */
    const char *key;   /* the registered name (last path item) */
    const json_t *val; /* registered value */
} cand;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    int i, c;

    if (x->user != y->user)
        return x->user ? -1 : 1;
    if (x->plen != y->plen)
        return x->plen > y->plen ? -1 : 1;
    for (i = 0; i < x->plen && i < y->plen; i++) {
        c = strcmp(x->p[i], y->p[i]);
        if (c != 0)
            return c;
    }
    return 0;
}

#define MAX_CANDS 64
#define MAX_CHAIN 32

/* iterable_by over one level set (user registry or global table). */
static size_t collect(const hh_env *env, bool user, const char *type, const char *res_name,
                      cand *out, size_t n)
{
    if (user) {
        const json_t *reg = env->registry, *ress, *impl, *v;
        const char *k;

        if (is_template_name(type) && n < MAX_CANDS)
            out[n++] = (cand){true, 1, {type}, type, NULL};
        ress = json_object_get(reg, "resources");
        impl = res_name ? json_object_get(ress, res_name) : NULL;
        if (json_is_object(impl) && (v = json_object_get(impl, type)) != NULL &&
            is_info(type, v) && n < MAX_CANDS)
            out[n++] = (cand){true, 3, {"resources", res_name, type}, type, v};
        v = json_object_get(reg, type);
        if (v && is_info(type, v) && hh_py_truthy(v) && !is_template_name(type) &&
            n < MAX_CANDS)
            out[n++] = (cand){true, 1, {type}, type, v};
        json_object_foreach((json_t *)reg, k, v) {
            if (!ends_with(k, "*") || !json_is_string(v) || is_template_name(k) ||
                is_template_name(json_string_value(v)))
                continue;
            if (strcmp(type, json_string_value(v)) != 0 &&
                strncmp(type, k, strlen(k) - 1) == 0 && n < MAX_CANDS)
                out[n++] = (cand){true, 1, {k}, k, v};
        }
    } else {
        size_t i;

        for (i = 0; i < sizeof(global_registry) / sizeof(global_registry[0]); i++) {
            const char *k = global_registry[i][0], *val = global_registry[i][1];
            bool glob = ends_with(k, "*") && !is_template_name(val);

            if ((glob && strcmp(type, val) != 0 && strncmp(type, k, strlen(k) - 1) == 0) ||
                (!glob && strcmp(k, type) == 0)) {
                if (n < MAX_CANDS)
                    out[n++] = (cand){false, 1, {k}, k, NULL};
            }
        }
    }
    return n;
}

static const char *global_value(const char *k)
{
    size_t i;

    for (i = 0; i < sizeof(global_registry) / sizeof(global_registry[0]); i++)
        if (strcmp(global_registry[i][0], k) == 0)
            return global_registry[i][1];
    return NULL;
}

/* Add type -> value to the user registry, and remember it for rebuilds.
 * replace: overwrite an existing entry (ResourceRegistry._register_info)
 * rather than only fill an absent one (iterable_by's template types). The
 * registry is the lookup's memo, as in Heat: changed through a const env. */
static int learn(const hh_env *env, const char *type, const char *value, bool replace)
{
    json_t *reg = env->registry, *cur = json_object_get(reg, type);

    if (cur != NULL && (!replace || (json_is_string(cur) &&
                                     strcmp(json_string_value(cur), value) == 0)))
        return 0;
    if (json_array_append_new(env->templates,
                              json_pack("[ssb]", type, value, replace)) != 0 ||
        json_object_set_new(reg, type, json_string(value)) != 0)
        return ENOMEM;
    return 0;
}

/* get_resource_info. global_only: following a global entry, which Heat
 * resolves in the global registry alone. *final_user: the implementation
 * found is a user entry (a user template); a lookup from the user registry
 * that passes through a mapping and ends elsewhere (a plugin, a global
 * entry) records type -> the mapping's value, as Heat does. */
static int resolve(const hh_env *env, bool global_only, const char *res_name, const char *type,
                   const char **chain, int depth, char **impl, bool *mapped, bool *final_user,
                   hh_error *err)
{
    cand cands[MAX_CANDS];
    size_t n = 0, i;
    int d;

    for (d = 0; d < depth; d++) {
        if (strcmp(chain[d], type) == 0) {
            char path[1024] = "";

            for (i = 0; i < (size_t)depth; i++)
                snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s -> ", chain[i]);
            snprintf(path + strlen(path), sizeof(path) - strlen(path), "%s", type);
            return hh_error_set(err, HH_EINVAL, "RecursionError",
                                "Resource type \"%s\" is recursive: %s", chain[0], path);
        }
    }
    if (depth >= MAX_CHAIN)
        return hh_error_set(err, HH_ELIMIT, "RecursionError",
                            "Resource type \"%s\" maps through more than %d types", chain[0],
                            MAX_CHAIN);
    chain[depth] = type;
    *final_user = false;
    if (!global_only && is_template_name(type) && learn(env, type, type, false) != 0)
        return oom(err);
    if (!global_only)
        n = collect(env, true, type, res_name, cands, n);
    n = collect(env, false, type, res_name, cands, n);
    qsort(cands, n, sizeof(cands[0]), cand_cmp);
    for (i = 0; i < n; i++) {
        const cand *c = &cands[i];
        const char *val = c->user ? (c->val && json_is_string(c->val)
                                         ? json_string_value(c->val)
                                         : NULL)
                                  : global_value(c->key);
        char *next = NULL;
        int rc;

        *mapped = true;
        *final_user = c->user;
        if (c->val == NULL && c->user) /* a template type used in a template */
            return (*impl = strdup(type)) ? 0 : oom(err);
        if (val == NULL) /* a class registered by value: the type itself */
            return (*impl = strdup(type)) ? 0 : oom(err);
        if (is_template_name(val) || is_template_name(c->key))
            return (*impl = strdup(is_template_name(c->key) ? c->key : val)) ? 0 : oom(err);
        if (ends_with(c->key, "*") && c->plen == 1) {
            size_t plen = strlen(c->key) - 1;

            if (ends_with(val, "*")) {
                if (asprintf(&next, "%.*s%s", (int)(strlen(val) - 1), val, type + plen) < 0)
                    return oom(err);
            } else if ((next = strdup(val)) == NULL)
                return oom(err);
        } else if ((next = strdup(val)) == NULL)
            return oom(err);
        rc = resolve(env, global_only || !c->user, res_name, next, chain, depth + 1, impl,
                     mapped, final_user, err);
        free(next);
        if (rc == 0 && !global_only && !*final_user && learn(env, type, val, true) != 0)
            rc = oom(err);
        return rc;
    }
    /* nothing maps type: it names an implementation itself (a plugin) */
    *final_user = false;
    return (*impl = strdup(type)) ? 0 : oom(err);
}

int hh_env_resolve_type(const hh_env *env, const char *res_name, const char *type, char **impl,
                        hh_error *err)
{
    const char *chain[MAX_CHAIN + 1];
    bool mapped = false, final_user = false;
    int rc;

    *impl = NULL;
    rc = resolve(env, false, res_name, type, chain, 0, impl, &mapped, &final_user, err);
    if (rc == 0 && !mapped) {
        free(*impl);
        *impl = NULL;
        return HH_ENOTFOUND;
    }
    return rc;
}

static unsigned names_mask(const json_t *v, const char *const *names)
{
    unsigned mask = 0;
    size_t i, j;

    for (j = 0; names[j]; j++) {
        bool on = false;

        if (json_is_string(v))
            on = strcmp(json_string_value(v), names[j]) == 0;
        else if (json_is_array(v))
            for (i = 0; i < json_array_size(v); i++)
                if (json_is_string(json_array_get(v, i)) &&
                    strcmp(json_string_value(json_array_get(v, i)), names[j]) == 0)
                    on = true;
        if (on)
            mask |= 1u << j;
    }
    return mask;
}

static unsigned resource_mask(const hh_env *env, const char *res_name, const char *item,
                              const char *const *names)
{
    const json_t *ress = json_object_get(env->registry, "resources");
    const char *pat;
    json_t *r;
    unsigned mask = 0;

    json_object_foreach((json_t *)ress, pat, r) {
        if (json_is_object(r) && fnmatch(pat, res_name, FNM_NOESCAPE) == 0)
            mask |= names_mask(json_object_get(r, item), names);
    }
    return mask;
}

unsigned hh_env_hooks(const hh_env *env, const char *res_name)
{
    return resource_mask(env, res_name, "hooks", hook_names);
}

const char *hh_env_hook_name(unsigned hook)
{
    for (size_t j = 0; hook_names[j] != NULL; j++)
        if (hook == 1u << j)
            return hook_names[j];
    return NULL;
}

unsigned hh_env_hook_from_name(const char *name)
{
    for (size_t j = 0; name != NULL && hook_names[j] != NULL; j++)
        if (strcmp(name, hook_names[j]) == 0)
            return 1u << j;
    return 0;
}

unsigned hh_env_restricted_actions(const hh_env *env, const char *res_name)
{
    return resource_mask(env, res_name, "restricted_actions", restricted_names);
}

int hh_env_register_template(hh_env *env, const char *type)
{
    const char *k;
    json_t *v;

    /* a template reached through a mapping is not listed by Heat */
    json_object_foreach(env->registry, k, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), type) == 0 && strcmp(k, type) != 0)
            return 0;
    }
    return learn(env, type, type, false);
}

json_t *hh_env_to_json(const hh_env *env)
{
    json_t *o = json_object();

    if (o == NULL)
        return NULL;
    if (json_object_set_new(o, "resource_registry", json_deep_copy(env->registry)) ||
        json_object_set_new(o, "parameters",
                            json_deep_copy(json_object_get(env->raw, "parameters"))) ||
        json_object_set_new(o, "parameter_defaults",
                            json_deep_copy(json_object_get(env->raw, "parameter_defaults"))) ||
        json_object_set_new(o, "event_sinks",
                            json_deep_copy(json_object_get(env->raw, "event_sinks")))) {
        json_decref(o);
        return NULL;
    }
    return o;
}
