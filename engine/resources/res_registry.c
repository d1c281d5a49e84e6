/* res_registry: lookup, listing, schema JSON and generated templates of the
 * resource types. See res_registry.h for the contracts. */
#include "config.h"

#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "res_registry.h"

/* The families, in Heat's registry order (one today). */
static const struct family {
    const hh_rtype *types;
    const size_t *count;
} families[] = {
    {hh_rtypes_heat, &hh_rtypes_heat_count},
};

bool hh_rtype_is_template(const char *type)
{
    size_t n = type != NULL ? strlen(type) : 0;

    return (n > 5 && strcmp(type + n - 5, ".yaml") == 0) ||
           (n > 9 && strcmp(type + n - 9, ".template") == 0);
}

size_t hh_rtype_count(void)
{
    size_t i, n = 0;

    for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
        n += *families[i].count;
    return n;
}

const hh_rtype *hh_rtype_at(size_t i)
{
    size_t f;

    for (f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        if (i < *families[f].count)
            return &families[f].types[i];
        i -= *families[f].count;
    }
    return NULL;
}

const hh_rtype *hh_rtype_lookup(const char *name)
{
    size_t i, n = hh_rtype_count();

    if (name == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        if (strcmp(hh_rtype_at(i)->name, name) == 0)
            return hh_rtype_at(i);
    return NULL;
}

bool hh_rtype_has_attribute(const hh_rtype *t, const char *attr)
{
    const hh_aschema *a = NULL;

    if (t == NULL || attr == NULL)
        return false;
    if ((t->flags & HH_RT_ANY_ATTRIBUTES) || strcmp(attr, hh_attr_show.name) == 0)
        return true;
    for (a = t->attributes; a != NULL && a->name != NULL; a++)
        if (strcmp(a->name, attr) == 0)
            return true;
    return false;
}

int hh_rtype_attribute_error(const char *resource, const char *attr, hh_error *err)
{
    return hh_error_set(err, HH_EINVAL, "InvalidTemplateAttribute",
                        "The Referenced Attribute (%s %s) is incorrect.", resource ? resource : "",
                        attr ? attr : "");
}

int hh_rtype_validate_properties(const hh_rtype *t, const json_t *props, bool with_value,
                                 const hh_props_opts *opts, const char *section, hh_error *err)
{
    if (t == NULL)
        return hh_error_set(err, HH_EINTERNAL, NULL, "no resource type");
    if (t->flags & HH_RT_ANY_PROPERTIES)
        return 0;
    return hh_props_validate(t->properties, props, with_value, opts, section, err);
}

static bool listed(const hh_rtype *t, const hh_rtype_filter *f, regex_t *re)
{
    if (t->support.status == HH_HIDDEN)
        return false;
    if (re != NULL) {
        regmatch_t m;

        /* re.match: anchored at the start only */
        if (regexec(re, t->name, 1, &m, 0) != 0 || m.rm_so != 0)
            return false;
    }
    if (f != NULL && f->version != NULL &&
        (t->support.version == NULL || strcmp(t->support.version, f->version) != 0))
        return false;
    if (f != NULL && f->support_status != NULL &&
        strcmp(hh_support_status_name(t->support.status), f->support_status) != 0)
        return false;
    return true;
}

int hh_rtype_list_json(const hh_rtype_filter *f, json_t **out, hh_error *err)
{
    static const char *const statuses[] = {"UNKNOWN", "SUPPORTED", "DEPRECATED", "UNSUPPORTED",
                                           "HIDDEN"};
    json_t *list = NULL;
    regex_t re;
    bool have_re = false;
    size_t i, n = hh_rtype_count();
    int rc = 0;

    *out = NULL;
    if (f != NULL && f->support_status != NULL) {
        bool ok = false;

        for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
            if (strcmp(f->support_status, statuses[i]) == 0)
                ok = true;
        if (!ok) {
            rc = hh_error_set(err, HH_EINVAL, "Invalid",
                              "Data supplied was not valid: Invalid support status and should "
                              "be one of ('UNKNOWN', 'SUPPORTED', 'DEPRECATED', 'UNSUPPORTED', "
                              "'HIDDEN')");
            goto done;
        }
    }
    list = json_array();
    if (list == NULL) {
        rc = ENOMEM;
        goto done;
    }
    if (f != NULL && f->name != NULL) {
        if (regcomp(&re, f->name, REG_EXTENDED) != 0)
            goto out; /* Heat answers [] for a bad expression */
        have_re = true;
    }
    for (i = 0; i < n; i++) {
        const hh_rtype *t = hh_rtype_at(i);
        json_t *e = NULL;

        if (!listed(t, f, have_re ? &re : NULL))
            continue;
        if (f != NULL && f->with_description)
            e = json_pack("{s:s,s:s?}", "resource_type", t->name, "description", t->description);
        else
            e = json_string(t->name);
        if (e == NULL || json_array_append_new(list, e) != 0) {
            rc = ENOMEM;
            goto done;
        }
    }
out:
    *out = list;
    list = NULL;
done:
    if (have_re)
        regfree(&re);
    json_decref(list);
    if (rc > 0)
        hh_error_set(err, rc, NULL, "%s", hh_strerror(rc));
    return rc;
}

static int not_supported(const hh_rtype *t, hh_error *err)
{
    return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.", t->name);
}

int hh_rtype_schema_json(const hh_rtype *t, bool with_description, json_t **out, hh_error *err)
{
    json_t *o = NULL, *props = NULL, *attrs = NULL;
    const hh_pschema *p = NULL;
    const hh_aschema *a = NULL;
    int rc = 0;

    *out = NULL;
    if (t->support.status == HH_HIDDEN) {
        rc = not_supported(t, err);
        goto done;
    }
    o = json_object();
    props = json_object();
    attrs = json_object();
    if (o == NULL || props == NULL || attrs == NULL) {
        rc = ENOMEM;
        goto done;
    }
    for (p = t->properties; p != NULL && p->name != NULL; p++)
        if (!p->unimplemented && p->support.status != HH_HIDDEN &&
            json_object_set_new(props, p->name, hh_pschema_to_json(p)) != 0)
            rc = ENOMEM;
    for (a = t->attributes; a != NULL && a->name != NULL; a++)
        if (a->support.status != HH_HIDDEN &&
            json_object_set_new(attrs, a->name, hh_aschema_to_json(a)) != 0)
            rc = ENOMEM;
    if (json_object_set_new(attrs, hh_attr_show.name, hh_aschema_to_json(&hh_attr_show)) != 0)
        rc = ENOMEM;
    if (rc != 0)
        goto done;
    if (json_object_set_new(o, "resource_type", json_string(t->name)) != 0 ||
        json_object_set(o, "properties", props) != 0 ||
        json_object_set(o, "attributes", attrs) != 0 ||
        json_object_set_new(o, "support_status", hh_support_to_json(&t->support)) != 0) {
        rc = ENOMEM;
        goto done;
    }
    if (with_description &&
        json_object_set_new(o, "description",
                            t->description ? json_string(t->description) : json_null()) != 0) {
        rc = ENOMEM;
        goto done;
    }
    *out = o;
    o = NULL;
done:
    json_decref(o);
    json_decref(props);
    json_decref(attrs);
    if (rc > 0)
        hh_error_set(err, rc, NULL, "%s", hh_strerror(rc));
    return rc;
}

/* Parameter of a provider template for one property
 * (Properties._hot_param_def_from_prop / _param_def_from_prop). */
static json_t *param_def(const hh_pschema *p, bool hot)
{
    static const char *const hot_types[] = {
        [HH_PT_STRING] = "string", [HH_PT_INTEGER] = "number",
        [HH_PT_NUMBER] = "number", [HH_PT_BOOLEAN] = "boolean",
        [HH_PT_MAP] = "json",      [HH_PT_LIST] = "comma_delimited_list",
    };
    static const char *const cfn_types[] = {
        [HH_PT_STRING] = "String", [HH_PT_INTEGER] = "Number",
        [HH_PT_NUMBER] = "Number", [HH_PT_BOOLEAN] = "Boolean",
        [HH_PT_MAP] = "Json",      [HH_PT_LIST] = "CommaDelimitedList",
    };
    json_t *o = json_object();
    const hh_constraint_def *c = NULL;

    if (o == NULL)
        return NULL;
    json_object_set_new(o, hot ? "type" : "Type",
                        json_string(hot ? hot_types[p->type] : cfn_types[p->type]));
    if (p->description != NULL)
        json_object_set_new(o, hot ? "description" : "Description", json_string(p->description));
    if (p->default_json != NULL)
        json_object_set_new(o, hot ? "default" : "Default",
                            json_loads(p->default_json, JSON_DECODE_ANY, NULL));
    if (hot) {
        json_t *cs = NULL;

        for (c = p->constraints; c != NULL && c->kind != HH_CK_END; c++) {
            /* Heat writes no description, and {} for modulo and custom
             * constraints */
            json_t *e = c->kind == HH_CK_MODULO || c->kind == HH_CK_CUSTOM
                            ? json_object()
                            : hh_constraint_def_to_json(c);

            if (cs == NULL)
                cs = json_array();
            json_object_del(e, "description");
            json_array_append_new(cs, e);
        }
        if (cs != NULL)
            json_object_set_new(o, "constraints", cs);
        return o;
    }
    for (c = p->constraints; c != NULL && c->kind != HH_CK_END; c++) {
        const char *lo = c->kind == HH_CK_LENGTH ? "MinLength" : "MinValue";
        const char *hi = c->kind == HH_CK_LENGTH ? "MaxLength" : "MaxValue";

        switch (c->kind) {
        case HH_CK_LENGTH:
        case HH_CK_RANGE:
            if (c->min != NULL)
                json_object_set_new(o, lo, json_loads(c->min, JSON_DECODE_ANY, NULL));
            if (c->max != NULL)
                json_object_set_new(o, hi, json_loads(c->max, JSON_DECODE_ANY, NULL));
            break;
        case HH_CK_ALLOWED_VALUES:
            json_object_set_new(o, "AllowedValues", json_loads(c->allowed, JSON_DECODE_ANY, NULL));
            break;
        case HH_CK_ALLOWED_PATTERN:
            json_object_set_new(o, "AllowedPattern", json_string(c->pattern));
            break;
        default:
            break;
        }
    }
    if (p->type == HH_PT_BOOLEAN)
        json_object_set_new(o, "AllowedValues",
                            json_pack("[ssss]", "True", "true", "False", "false"));
    return o;
}

static json_t *output_def(const char *res, const char *attr, const char *desc, bool hot)
{
    if (hot)
        return json_pack("{s:{s:[ss]},s:s?}", "value", "get_attr", res, attr, "description", desc);
    return json_pack("{s:{s:[ss]},s:s?}", "Value", "Fn::GetAtt", res, attr, "Description", desc);
}

int hh_rtype_template_json(const hh_rtype *t, const char *template_type, json_t **out,
                           hh_error *err)
{
    json_t *tmpl = NULL, *params = NULL, *props = NULL, *outputs = NULL, *res = NULL;
    const hh_pschema *p = NULL;
    const hh_aschema *a = NULL;
    const char *rn = t->class_name;
    bool hot;
    int rc = 0;

    *out = NULL;
    if (template_type == NULL ||
        (strcmp(template_type, "hot") != 0 && strcmp(template_type, "cfn") != 0)) {
        rc = hh_error_set(err, HH_EINVAL, "Invalid", "Template type is not supported: %s",
                          template_type ? template_type : "");
        goto done;
    }
    hot = strcmp(template_type, "hot") == 0;
    if (t->support.status == HH_HIDDEN) {
        rc = not_supported(t, err);
        goto done;
    }
    params = json_object();
    props = json_object();
    outputs = json_object();
    if (params == NULL || props == NULL || outputs == NULL) {
        rc = ENOMEM;
        goto done;
    }
    for (p = t->properties; p != NULL && p->name != NULL; p++) {
        json_t *prop = NULL;

        if (p->support.status == HH_HIDDEN || p->unimplemented)
            continue;
        if (p->type == HH_PT_ANY) {
            rc = hh_error_set(err, HH_EUNSUPPORTED, "KeyError", "'Any'");
            goto done;
        }
        if (hot)
            prop = json_pack("{s:s}", "get_param", p->name);
        else if (p->type == HH_PT_LIST)
            prop = json_pack("{s:[s,{s:s}]}", "Fn::Split", ",", "Ref", p->name);
        else
            prop = json_pack("{s:s}", "Ref", p->name);
        if (json_object_set_new(params, p->name, param_def(p, hot)) != 0 ||
            json_object_set_new(props, p->name, prop) != 0) {
            rc = ENOMEM;
            goto done;
        }
    }
    for (a = t->attributes; a != NULL && a->name != NULL; a++)
        if (a->support.status != HH_HIDDEN &&
            json_object_set_new(outputs, a->name, output_def(rn, a->name, a->description, hot)))
            rc = ENOMEM;
    if (json_object_set_new(outputs, hh_attr_show.name,
                            output_def(rn, hh_attr_show.name, hh_attr_show.description, hot)) ||
        json_object_set_new(outputs, "OS::stack_id",
                            hot ? json_pack("{s:{s:s}}", "value", "get_resource", rn)
                                : json_pack("{s:{s:s}}", "Value", "Ref", rn)))
        rc = ENOMEM;
    if (rc != 0)
        goto done;
    res = hot ? json_pack("{s:{s:s,s:O}}", rn, "type", t->name, "properties", props)
              : json_pack("{s:{s:s,s:O}}", rn, "Type", t->name, "Properties", props);
    if (res == NULL) {
        rc = ENOMEM;
        goto done;
    }
    if (hot)
        tmpl = json_pack("{s:s,s:s+,s:O,s:O,s:O}", "heat_template_version", "2016-10-14",
                         "description", "Initial template of ", rn, "parameters", params, "outputs",
                         outputs, "resources", res);
    else
        tmpl = json_pack("{s:s,s:s+,s:O,s:O,s:O}", "HeatTemplateFormatVersion", "2012-12-12",
                         "Description", "Initial template of ", rn, "Parameters", params,
                         "Resources", res, "Outputs", outputs);
    if (tmpl == NULL) {
        rc = ENOMEM;
        goto done;
    }
    *out = tmpl;
    tmpl = NULL;
done:
    json_decref(tmpl);
    json_decref(params);
    json_decref(props);
    json_decref(outputs);
    json_decref(res);
    if (rc > 0)
        hh_error_set(err, rc, NULL, "%s", hh_strerror(rc));
    return rc;
}
