/* tmpl_version: the template versions and their function tables, in the
 * order of Heat's class dictionaries (heat/engine/hot/template.py,
 * heat/engine/cfn/template.py), which is the order template-function-list
 * shows.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "func_internal.h"
#include "tmpl_func.h"
#include "tmpl_version.h"

/* First docstring lines of Heat's function classes. */
#define D_GET_PARAM "A function for resolving parameter references."
#define D_GET_RESOURCE "A function for resolving resource references."
#define D_GET_ATTR "A function for resolving resource attributes."
#define D_GET_FILE "A function for including a file inline."
#define D_REPLACE "A function for performing string substitutions."
#define D_JOIN "A function for joining strings."
#define D_JOIN_MULTI "A function for joining one or more lists of strings."
#define D_REPEAT "A function for iterating over a list of items."
#define D_REPEAT_MAP "A function for iterating over a list of items or a dict of keys."
#define D_DIGEST "A function for performing digest operations."
#define D_STR_SPLIT "A function for splitting delimited strings into a list."
#define D_MAP_MERGE "A function for merging maps."
#define D_MAP_REPLACE "A function for performing substitutions on maps."
#define D_YAQL "A function for executing a yaql expression."
#define D_IF "A function to return corresponding value based on condition evaluation."
#define D_EQUALS "A function for comparing whether two values are equal."
#define D_NOT "A function that acts as a NOT operator on a condition."
#define D_AND "A function that acts as an AND operator on conditions."
#define D_OR "A function that acts as an OR operator on conditions."
#define D_FILTER "A function for filtering out values from lists."
#define D_MAKE_URL "A function for performing substitutions on maps."
#define D_LIST_CONCAT "A function for extending lists."
#define D_LIST_CONCAT_UNIQUE "A function for extending lists with unique items."
#define D_CONTAINS "A function for checking whether specific value is in sequence."
#define D_FACADE "A function for retrieving data in a parent provider template."
#define D_FIND_IN_MAP "A function for resolving keys in the template mappings."
#define D_GET_AZS "A function for retrieving the availability zones."
#define D_REF "A function for resolving parameters or resource references."
#define D_PARAM_REF "A function for resolving parameter references."
#define D_SELECT "A function for selecting an item from a list or map."
#define D_SPLIT "A function for splitting strings."
#define D_BASE64 "A placeholder function for converting to base64."
#define D_MLTM "A function to convert lists with enumerated keys and values to mapping."

#define F(n, K, D)                                                                                 \
    {                                                                                              \
        n, D, hh_fn_eval, hh_fn_check, HH_FK_##K                                                   \
    }
#define RM(n)                                                                                      \
    {                                                                                              \
        n, NULL, hh_fn_eval, hh_fn_check, HH_FK_REMOVED                                            \
    }
#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, NULL, NULL, 0                                                                  \
    }

/* functions removed from 2014-10-16 */
#define REMOVED_2014                                                                               \
    RM("Fn::GetAZs"), RM("Fn::Join"), RM("Fn::Split"), RM("Fn::Replace"), RM("Fn::Base64"),        \
        RM("Fn::MemberListToMap"), RM("Fn::ResourceFacade"), RM("Ref")

static const hh_func_def cfn_2010[] = {
    F("Fn::FindInMap", CFN_FIND_IN_MAP, D_FIND_IN_MAP),
    F("Fn::GetAZs", CFN_GET_AZS, D_GET_AZS),
    F("Ref", CFN_REF, D_REF),
    F("Fn::GetAtt", CFN_GET_ATT, D_GET_ATTR),
    F("Fn::Select", CFN_SELECT, D_SELECT),
    F("Fn::Join", CFN_JOIN, D_JOIN),
    F("Fn::Split", CFN_SPLIT, D_SPLIT),
    F("Fn::Replace", CFN_REPLACE, D_REPLACE),
    F("Fn::Base64", CFN_BASE64, D_BASE64),
    F("Fn::MemberListToMap", CFN_MEMBER_LIST_TO_MAP, D_MLTM),
    F("Fn::ResourceFacade", CFN_RESOURCE_FACADE, D_FACADE),
    F("Fn::If", CFN_IF, D_IF),
    END,
};

static const hh_func_def cfn_2010_cond[] = {
    F("Fn::Equals", CFN_EQUALS, D_EQUALS),
    F("Ref", CFN_PARAM_REF, D_PARAM_REF),
    F("Fn::FindInMap", CFN_FIND_IN_MAP, D_FIND_IN_MAP),
    F("Fn::Not", CFN_NOT, D_NOT),
    F("Fn::And", CFN_AND, D_AND),
    F("Fn::Or", CFN_OR, D_OR),
    END,
};

static const hh_func_def heat_2012[] = {
    F("Fn::FindInMap", CFN_FIND_IN_MAP, D_FIND_IN_MAP),
    F("Fn::GetAZs", CFN_GET_AZS, D_GET_AZS),
    F("Ref", CFN_REF, D_REF),
    F("Fn::GetAtt", CFN_GET_ATT, D_GET_ATTR),
    F("Fn::Select", CFN_SELECT, D_SELECT),
    F("Fn::Join", CFN_JOIN, D_JOIN),
    F("Fn::Split", CFN_SPLIT, D_SPLIT),
    F("Fn::Replace", CFN_REPLACE, D_REPLACE),
    F("Fn::Base64", CFN_BASE64, D_BASE64),
    F("Fn::MemberListToMap", CFN_MEMBER_LIST_TO_MAP, D_MLTM),
    F("Fn::ResourceFacade", CFN_RESOURCE_FACADE, D_FACADE),
    END,
};

static const hh_func_def hot_20130523[] = {
    F("Fn::GetAZs", CFN_GET_AZS, D_GET_AZS),
    F("get_param", GET_PARAM, D_GET_PARAM),
    F("get_resource", GET_RESOURCE, D_GET_RESOURCE),
    F("Ref", CFN_REF, D_REF),
    F("get_attr", GET_ATTR_SEL, D_GET_ATTR),
    F("Fn::Select", CFN_SELECT, D_SELECT),
    F("Fn::Join", CFN_JOIN, D_JOIN),
    F("list_join", JOIN, D_JOIN),
    F("Fn::Split", CFN_SPLIT, D_SPLIT),
    F("str_replace", REPLACE, D_REPLACE),
    F("Fn::Replace", CFN_REPLACE, D_REPLACE),
    F("Fn::Base64", CFN_BASE64, D_BASE64),
    F("Fn::MemberListToMap", CFN_MEMBER_LIST_TO_MAP, D_MLTM),
    F("resource_facade", RESOURCE_FACADE, D_FACADE),
    F("Fn::ResourceFacade", CFN_RESOURCE_FACADE, D_FACADE),
    F("get_file", GET_FILE, D_GET_FILE),
    END,
};

static const hh_func_def hot_20141016[] = {
    F("get_attr", GET_ATTR, D_GET_ATTR),
    F("get_file", GET_FILE, D_GET_FILE),
    F("get_param", GET_PARAM, D_GET_PARAM),
    F("get_resource", GET_RESOURCE, D_GET_RESOURCE),
    F("list_join", JOIN, D_JOIN),
    F("resource_facade", RESOURCE_FACADE, D_FACADE),
    F("str_replace", REPLACE, D_REPLACE),
    F("Fn::Select", CFN_SELECT, D_SELECT),
    REMOVED_2014,
    END,
};

static const hh_func_def hot_20150430[] = {
    F("get_attr", GET_ATTR, D_GET_ATTR),
    F("get_file", GET_FILE, D_GET_FILE),
    F("get_param", GET_PARAM, D_GET_PARAM),
    F("get_resource", GET_RESOURCE, D_GET_RESOURCE),
    F("list_join", JOIN, D_JOIN),
    F("repeat", REPEAT, D_REPEAT),
    F("resource_facade", RESOURCE_FACADE, D_FACADE),
    F("str_replace", REPLACE, D_REPLACE),
    F("Fn::Select", CFN_SELECT, D_SELECT),
    F("digest", DIGEST, D_DIGEST),
    REMOVED_2014,
    END,
};

/* The common head of 2015-10-15 and later. */
#define HOT_2015_HEAD(REPEAT_KIND, REPEAT_DESC)                                                    \
    F("get_attr", GET_ATTR_ALL, D_GET_ATTR), F("get_file", GET_FILE, D_GET_FILE),                  \
        F("get_param", GET_PARAM, D_GET_PARAM), F("get_resource", GET_RESOURCE, D_GET_RESOURCE),   \
        F("list_join", JOIN_MULTI, D_JOIN_MULTI), F("repeat", REPEAT_KIND, REPEAT_DESC),           \
        F("resource_facade", RESOURCE_FACADE, D_FACADE),                                           \
        F("str_replace", REPLACE_JSON, D_REPLACE), F("digest", DIGEST, D_DIGEST),                  \
        F("str_split", STR_SPLIT, D_STR_SPLIT)

static const hh_func_def hot_20151015[] = {
    HOT_2015_HEAD(REPEAT, D_REPEAT),
    RM("Fn::Select"),
    REMOVED_2014,
    END,
};

static const hh_func_def hot_20160408[] = {
    HOT_2015_HEAD(REPEAT, D_REPEAT),
    F("map_merge", MAP_MERGE, D_MAP_MERGE),
    RM("Fn::Select"),
    REMOVED_2014,
    END,
};

static const hh_func_def hot_20161014[] = {
    HOT_2015_HEAD(REPEAT_MAP, D_REPEAT_MAP),
    F("map_merge", MAP_MERGE, D_MAP_MERGE),
    F("yaql", YAQL, D_YAQL),
    F("map_replace", MAP_REPLACE, D_MAP_REPLACE),
    F("if", IF, D_IF),
    RM("Fn::Select"),
    REMOVED_2014,
    END,
};

static const hh_func_def hot_20170224[] = {
    HOT_2015_HEAD(REPEAT_MAP, D_REPEAT_MAP),
    F("map_merge", MAP_MERGE, D_MAP_MERGE),
    F("yaql", YAQL, D_YAQL),
    F("map_replace", MAP_REPLACE, D_MAP_REPLACE),
    F("if", IF, D_IF),
    F("filter", FILTER, D_FILTER),
    F("str_replace_strict", REPLACE_STRICT, D_REPLACE),
    RM("Fn::Select"),
    REMOVED_2014,
    END,
};

#define HOT_2017_09(IF_KIND)                                                                       \
    HOT_2015_HEAD(REPEAT_NESTED, D_REPEAT_MAP), F("map_merge", MAP_MERGE, D_MAP_MERGE),            \
        F("yaql", YAQL, D_YAQL), F("map_replace", MAP_REPLACE, D_MAP_REPLACE),                     \
        F("if", IF_KIND, D_IF), F("filter", FILTER, D_FILTER),                                     \
        F("str_replace_strict", REPLACE_STRICT, D_REPLACE), F("make_url", MAKE_URL, D_MAKE_URL),   \
        F("list_concat", LIST_CONCAT, D_LIST_CONCAT),                                              \
        F("str_replace_vstrict", REPLACE_VSTRICT, D_REPLACE),                                      \
        F("list_concat_unique", LIST_CONCAT_UNIQUE, D_LIST_CONCAT_UNIQUE),                         \
        F("contains", CONTAINS, D_CONTAINS), RM("Fn::Select"), REMOVED_2014

static const hh_func_def hot_20170901[] = {
    HOT_2017_09(IF),
    END,
};

static const hh_func_def hot_20210416[] = {
    HOT_2017_09(IF_NULLABLE),
    END,
};

static const hh_func_def hot_cond_2016[] = {
    F("get_param", GET_PARAM, D_GET_PARAM),
    F("equals", EQUALS, D_EQUALS),
    F("not", NOT, D_NOT),
    F("and", AND, D_AND),
    F("or", OR, D_OR),
    END,
};

static const hh_func_def hot_cond_2017[] = {
    F("get_param", GET_PARAM, D_GET_PARAM),
    F("equals", EQUALS, D_EQUALS),
    F("not", NOT, D_NOT),
    F("and", AND, D_AND),
    F("or", OR, D_OR),
    F("yaql", YAQL, D_YAQL),
    F("contains", CONTAINS, D_CONTAINS),
    END,
};

#define HOT "heat_template_version"

/* Heat's listing order: sorted entry point names, dates before aliases. */
static const hh_tversion versions[] = {
    {"AWSTemplateFormatVersion", "2010-09-09", NULL, HH_DIALECT_CFN, 20100909, true, false, false,
     false, false, cfn_2010, cfn_2010_cond},
    {"HeatTemplateFormatVersion", "2012-12-12", NULL, HH_DIALECT_CFN, 20121212, false, false, false,
     false, false, heat_2012, NULL},
    {HOT, "2013-05-23", NULL, HH_DIALECT_HOT, 20130523, false, false, false, false, false,
     hot_20130523, NULL},
    {HOT, "2014-10-16", NULL, HH_DIALECT_HOT, 20141016, false, false, false, false, false,
     hot_20141016, NULL},
    {HOT, "2015-04-30", NULL, HH_DIALECT_HOT, 20150430, false, false, false, false, false,
     hot_20150430, NULL},
    {HOT, "2015-10-15", NULL, HH_DIALECT_HOT, 20151015, false, false, false, false, false,
     hot_20151015, NULL},
    {HOT, "2016-04-08", NULL, HH_DIALECT_HOT, 20160408, false, false, false, false, false,
     hot_20160408, NULL},
    {HOT, "2016-10-14", "newton", HH_DIALECT_HOT, 20161014, true, false, false, false, true,
     hot_20161014, hot_cond_2016},
    {HOT, "2017-02-24", "ocata", HH_DIALECT_HOT, 20170224, true, false, true, false, true,
     hot_20170224, hot_cond_2016},
    {HOT, "2017-09-01", "pike", HH_DIALECT_HOT, 20170901, true, false, true, false, true,
     hot_20170901, hot_cond_2017},
    {HOT, "2018-03-02", "queens", HH_DIALECT_HOT, 20180302, true, true, true, false, true,
     hot_20170901, hot_cond_2017},
    {HOT, "2018-08-31", "rocky", HH_DIALECT_HOT, 20180831, true, true, true, false, true,
     hot_20170901, hot_cond_2017},
    {HOT, "2021-04-16", "wallaby", HH_DIALECT_HOT, 20210416, true, true, true, true, true,
     hot_20210416, hot_cond_2017},
};

#define NVERSIONS (sizeof(versions) / sizeof(versions[0]))

size_t hh_tversion_count(void)
{
    return NVERSIONS;
}

const hh_tversion *hh_tversion_at(size_t i)
{
    return i < NVERSIONS ? &versions[i] : NULL;
}

const hh_tversion *hh_tversion_find(const char *key, const char *value)
{
    if (!key || !value)
        return NULL;
    for (size_t i = 0; i < NVERSIONS; i++)
        if (strcmp(versions[i].key, key) == 0 &&
            (strcmp(versions[i].value, value) == 0 ||
             (versions[i].alias && strcmp(versions[i].alias, value) == 0)))
            return &versions[i];
    return NULL;
}

static bool is_version_key(const char *k)
{
    return strcmp(k, HOT) == 0 || strcmp(k, "HeatTemplateFormatVersion") == 0 ||
           strcmp(k, "AWSTemplateFormatVersion") == 0;
}

const hh_tversion *hh_tversion_detect(const json_t *tmpl, hh_error *err)
{
    const char *k, *key = NULL, *keys[3];
    json_t *x;
    size_t nkeys = 0, nany = 0;
    char avail[512] = "";
    const hh_tversion *v = NULL;
    size_t navail = 0;

    if (!json_is_object(tmpl)) {
        hh_error_set(err, HH_EINVAL, "InvalidTemplateVersion",
                     "The template version is invalid: Template version was not provided");
        return NULL;
    }
    json_object_foreach((json_t *)tmpl, k, x)
    {
        if (!is_version_key(k))
            continue;
        nany++;
        if (json_is_string(x) && nkeys < 3)
            keys[nkeys++] = k;
    }
    if (nany == 0) {
        /* template_format.parse refuses the document before any version
         * lookup (the API wraps it as "Template not in valid format: ..."). */
        hh_error_set(err, HH_EINVAL, "ValueError", "Template format version not found.");
        return NULL;
    }
    if (nkeys > 1) {
        hh_error_set(err, HH_EINVAL, "InvalidTemplateVersion",
                     "The template version is invalid: Ambiguous versions (%s, %s%s%s)", keys[0],
                     keys[1], nkeys > 2 ? ", " : "", nkeys > 2 ? keys[2] : "");
        return NULL;
    }
    if (nkeys == 0) {
        hh_error_set(err, HH_EINVAL, "InvalidTemplateVersion",
                     "The template version is invalid: Template version was not provided");
        return NULL;
    }
    key = keys[0];
    v = hh_tversion_find(key, json_string_value(json_object_get(tmpl, key)));
    if (v)
        return v;
    /* sorted(): the dates, then the aliases alphabetically */
    for (size_t i = 0; i < NVERSIONS; i++) {
        if (strcmp(versions[i].key, key) != 0)
            continue;
        if (navail++)
            strncat(avail, ", ", sizeof(avail) - strlen(avail) - 1);
        strncat(avail, versions[i].value, sizeof(avail) - strlen(avail) - 1);
    }
    for (size_t i = 0; i < NVERSIONS; i++) {
        if (strcmp(versions[i].key, key) != 0 || !versions[i].alias)
            continue;
        navail++;
        strncat(avail, ", ", sizeof(avail) - strlen(avail) - 1);
        strncat(avail, versions[i].alias, sizeof(avail) - strlen(avail) - 1);
    }
    hh_error_set(err, HH_EINVAL, "InvalidTemplateVersion",
                 "The template version is invalid: \"%s: %s\". \"%s\" should be%s %s", key,
                 json_string_value(json_object_get(tmpl, key)), key, navail > 1 ? " one of:" : ":",
                 avail);
    return NULL;
}

void hh_tversion_name(const hh_tversion *v, char *buf, size_t len)
{
    snprintf(buf, len, "%s.%s", v->key, v->value);
}

json_t *hh_tversion_to_json(const hh_tversion *v)
{
    char name[64], alias[64];
    json_t *aliases = json_array(), *res = NULL;

    if (!aliases)
        return NULL;
    hh_tversion_name(v, name, sizeof(name));
    if (v->alias) {
        snprintf(alias, sizeof(alias), "%s.%s", v->key, v->alias);
        if (json_array_append_new(aliases, json_string(alias)))
            goto done;
    }
    res = json_pack("{sssssO}", "version", name, "type",
                    v->dialect == HH_DIALECT_CFN ? "cfn" : "hot", "aliases", aliases);
done:
    json_decref(aliases);
    return res;
}

static const hh_func_def *find_def(const hh_func_def *t, const char *name)
{
    for (; t && t->name; t++)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

/* service.list_template_functions: the functions dict, updated with the
 * condition functions when conditions (same keys keep their place and take
 * the condition class's description), Removed entries left out. */
json_t *hh_tversion_functions_json(const hh_tversion *v, bool conditions)
{
    json_t *list = json_array();
    const hh_func_def *d;

    if (!list)
        return NULL;
    for (d = v->functions; d && d->name; d++) {
        const hh_func_def *c = conditions ? find_def(v->condition_functions, d->name) : NULL;
        const hh_func_def *use = c ? c : d;

        if (use->kind == HH_FK_REMOVED)
            continue;
        if (json_array_append_new(
                list, json_pack("{ssss}", "functions", d->name, "description", use->description)))
            goto fail;
    }
    for (d = conditions ? v->condition_functions : NULL; d && d->name; d++) {
        if (find_def(v->functions, d->name))
            continue;
        if (json_array_append_new(
                list, json_pack("{ssss}", "functions", d->name, "description", d->description)))
            goto fail;
    }
    return list;
fail:
    json_decref(list);
    return NULL;
}
