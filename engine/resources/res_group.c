/* res_group: the group resources, whose members are the resources of a
 * nested stack (StackResource, res_nested.h): OS::Heat::ResourceGroup
 * (heat/engine/resources/openstack/heat/resource_group.py) and
 * OS::Heat::ResourceChain (resource_chain.py), with grouputils' member
 * attributes.
 *
 * The child template is Heat's make_template (heat_template_version
 * 2015-04-30): members named "0", "1", ... A group's members skip the
 * names of its removal policies (the skiplist Heat keeps in resource data
 * "name_blacklist", sorted and comma-joined); each member's properties
 * are resource_def's without null values, with index_var replaced by the
 * member's name in every string. A chain's member i has type resources[i]
 * and resource_properties, and depends on member i-1 unless concurrent.
 *
 * Attributes resolve in the child: refs (get_resource of each member),
 * refs_map (group), resource.<i> (the member's reference),
 * resource.<i>.<attr> (its attribute), removed_rsrc_list (group), and any
 * other name as the list of that attribute of every member. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "res_nested.h"

#define GROUP_TEMPLATE_VERSION "2015-04-30"
#define DATA_SKIPLIST "name_blacklist"

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

/* ---- member names ------------------------------------------------------- */

static int cmp_json_str(const void *a, const void *b)
{
    return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

static bool list_has(const json_t *list, const char *s)
{
    size_t i;
    json_t *v;

    json_array_foreach(list, i, v)
    {
        if (strcmp(json_string_value(v), s) == 0)
            return true;
    }
    return false;
}

/* The skiplist stored in the resource data (new array of strings). */
static int skiplist_stored(hh_rctx *ctx, json_t **out)
{
    char *text = NULL, *p, *comma;
    json_t *list = json_array();
    int rc;

    *out = NULL;
    if (list == NULL)
        return ENOMEM;
    rc = hh_rctx_data_get(ctx, DATA_SKIPLIST, &text);
    if (rc != 0) {
        json_decref(list);
        return rc;
    }
    for (p = text; p != NULL && *p != '\0'; p = comma != NULL ? comma + 1 : NULL) {
        comma = strchr(p, ',');
        json_array_append_new(list,
                              json_stringn(p, comma != NULL ? (size_t)(comma - p) : strlen(p)));
    }
    free(text);
    *out = list;
    return 0;
}

/* str() of a removal policy's list entry into buf; false for other
 * values ("Tolerate string or int list values"). */
static bool entry_text(const json_t *n, char *buf, size_t len)
{
    if (json_is_string(n))
        snprintf(buf, len, "%s", json_string_value(n));
    else if (json_is_integer(n))
        snprintf(buf, len, "%lld", (long long)json_integer_value(n));
    else
        return false;
    return true;
}

/* _get_new_skiplist_entries: the names of the removal policies, appended
 * to list (once each): an entry that is in current, or a member's name,
 * or any entry while there is no child; else a member whose reference
 * (refs_map) it is. */
static int skiplist_add_policies(hh_rctx *ctx, const json_t *current, json_t *list, hh_error *err)
{
    const json_t *policies = json_object_get(ctx->properties, "removal_policies");
    bool child = ctx->physical_id[0] != '\0';
    json_t *rows = NULL, *members = json_array(), *snippet = NULL, *refs = NULL, *pol, *n, *v;
    const char *k;
    size_t i, j;
    char buf[256];
    int rc = 0;

    if (members == NULL)
        return oom(err);
    if (child && json_array_size(policies) > 0) {
        rc = hh_rctx_nested_resources(ctx, ctx->physical_id, &rows, err);
        json_array_foreach(rows, i, v)
        {
            json_array_append(members, json_object_get(v, "name"));
        }
    }
    json_array_foreach(policies, i, pol)
    {
        json_array_foreach(json_object_get(pol, "resource_list"), j, n)
        {
            if (rc != 0 || !entry_text(n, buf, sizeof(buf)))
                continue;
            if (list_has(current, buf) || !child || list_has(members, buf)) {
                if (!list_has(list, buf))
                    json_array_append_new(list, json_string(buf));
                continue;
            }
            if (!json_is_string(n))
                continue;
            if (refs == NULL) {
                /* refs_map of the members */
                snippet = json_object();
                json_array_foreach(members, i, v)
                {
                    json_object_set_new(snippet, json_string_value(v),
                                        json_pack("{s:O}", "get_resource", v));
                }
                rc = hh_rctx_nested_resolve(ctx, ctx->physical_id, snippet, &refs, err);
                if (rc != 0)
                    continue;
            }
            json_object_foreach(refs, k, v)
            {
                if (json_is_string(v) && strcmp(json_string_value(v), buf) == 0) {
                    if (!list_has(list, k))
                        json_array_append_new(list, json_string(k));
                    break;
                }
            }
        }
    }
    json_decref(snippet);
    json_decref(refs);
    json_decref(rows);
    json_decref(members);
    return rc;
}

/* Store list as the skiplist: sorted, comma-joined. */
static int skiplist_store(hh_rctx *ctx, const json_t *list, hh_error *err)
{
    size_t i, len = 1, n = json_array_size(list);
    json_t **items = calloc(n + 1, sizeof(*items)), *v;
    char *text = NULL, *p;
    int rc;

    json_array_foreach(list, i, v)
    {
        if (items != NULL)
            items[i] = v;
        len += json_string_length(v) + 1;
    }
    text = items != NULL ? malloc(len) : NULL;
    if (text == NULL) {
        free(items);
        return oom(err);
    }
    qsort(items, n, sizeof(*items), cmp_json_str);
    for (p = text, *p = '\0', i = 0; i < n; i++)
        p += sprintf(p, "%s%s", i > 0 ? "," : "", json_string_value(items[i]));
    rc = hh_rctx_data_set(ctx, DATA_SKIPLIST, text, false);
    free(text);
    free(items);
    return rc != 0 ? hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc)) : 0;
}

/* The group's skiplist (*out new array). Without record, Heat's
 * _name_skiplist: the stored one, with the removal policies' names while
 * there is no child. With record, _update_name_skiplist of a create or
 * update: the stored one (none in removal_policies_mode "update") with
 * the policies' names, stored when it changed. */
static int group_skiplist(hh_rctx *ctx, bool record, json_t **out, hh_error *err)
{
    const char *mode = json_string_value(json_object_get(ctx->properties, "removal_policies_mode"));
    json_t *current = NULL, *list;
    size_t i;
    bool same;
    int rc;

    *out = NULL;
    rc = skiplist_stored(ctx, &current);
    if (rc != 0)
        return hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc));
    list = record && mode != NULL && strcmp(mode, "update") == 0 ? json_array()
                                                                 : json_deep_copy(current);
    if (list == NULL) {
        json_decref(current);
        return oom(err);
    }
    if (record || ctx->physical_id[0] == '\0')
        rc = skiplist_add_policies(ctx, current, list, err);
    if (rc == 0 && record) {
        same = json_array_size(list) == json_array_size(current);
        for (i = 0; same && i < json_array_size(list); i++)
            same = list_has(current, json_string_value(json_array_get(list, i)));
        if (!same)
            rc = skiplist_store(ctx, list, err);
    }
    json_decref(current);
    if (rc != 0) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return 0;
}

/* _resource_names: the first count of "0", "1", ... not skipped. */
static json_t *group_names(const json_t *skip, json_int_t count)
{
    json_t *names = json_array();
    char buf[32];
    long long i;

    for (i = 0; names != NULL && (json_int_t)json_array_size(names) < count; i++) {
        snprintf(buf, sizeof(buf), "%lld", i);
        if (!list_has(skip, buf))
            json_array_append_new(names, json_string(buf));
    }
    return names;
}

static json_t *chain_names(const json_t *props)
{
    json_t *names = json_array();
    size_t i, n = json_array_size(json_object_get(props, "resources"));
    char buf[32];

    for (i = 0; names != NULL && i < n; i++) {
        snprintf(buf, sizeof(buf), "%zu", i);
        json_array_append_new(names, json_string(buf));
    }
    return names;
}

/* ---- child templates ---------------------------------------------------- */

/* _handle_repl_val: var replaced by name in every string of v (new). */
static json_t *replace_index(const json_t *v, const char *var, const char *name)
{
    json_t *out, *x;
    const char *k, *s, *hit;
    size_t i, vl = strlen(var), nl = strlen(name);

    if (json_is_string(v)) {
        char *buf;
        size_t occ = 0, o = 0;

        s = json_string_value(v);
        for (hit = s; vl > 0 && (hit = strstr(hit, var)) != NULL; hit += vl)
            occ++;
        buf = malloc(json_string_length(v) + occ * nl + 1);
        if (buf == NULL)
            return NULL;
        while (vl > 0 && (hit = strstr(s, var)) != NULL) {
            memcpy(buf + o, s, (size_t)(hit - s));
            o += (size_t)(hit - s);
            memcpy(buf + o, name, nl);
            o += nl;
            s = hit + vl;
        }
        memcpy(buf + o, s, strlen(s) + 1);
        out = json_string(buf);
        free(buf);
        return out;
    }
    if (json_is_object(v)) {
        out = json_object();
        json_object_foreach((json_t *)v, k, x)
        {
            if (out != NULL)
                json_object_set_new(out, k, replace_index(x, var, name));
        }
        return out;
    }
    if (json_is_array(v)) {
        out = json_array();
        json_array_foreach(v, i, x)
        {
            if (out != NULL)
                json_array_append_new(out, replace_index(x, var, name));
        }
        return out;
    }
    return json_deep_copy(v);
}

json_t *hh_rgroup_template(json_t *defs, const json_t *names, bool with_refs_map)
{
    json_t *t =
        json_pack("{s:s,s:o}", "heat_template_version", GROUP_TEMPLATE_VERSION, "resources", defs);
    json_t *refs, *n;
    size_t i;

    if (t == NULL || !with_refs_map)
        return t;
    refs = json_object();
    json_array_foreach(names, i, n)
    {
        json_object_set_new(refs, json_string_value(n), json_pack("{s:O}", "get_resource", n));
    }
    json_object_set_new(t, "outputs", json_pack("{s:{s:o}}", "refs_map", "value", refs));
    return t;
}

static json_t *group_template(const json_t *props, const json_t *names)
{
    const json_t *rdef = json_object_get(props, "resource_def");
    const json_t *rprops = json_object_get(rdef, "properties");
    const json_t *meta = json_object_get(rdef, "metadata");
    const char *var = json_string_value(json_object_get(props, "index_var"));
    json_t *defs = json_object(), *clean = json_object(), *n, *v, *d;
    const char *k;
    size_t i;

    if (defs == NULL || clean == NULL)
        goto fail;
    /* _clean_props: properties without a value are left out */
    json_object_foreach((json_t *)rprops, k, v)
    {
        if (!json_is_null(v))
            json_object_set(clean, k, v);
    }
    json_array_foreach(names, i, n)
    {
        const char *name = json_string_value(n);

        d = json_pack("{s:O}", "type", json_object_get(rdef, "type"));
        if (d == NULL)
            goto fail;
        if (json_object_size(clean) > 0)
            json_object_set_new(d, "properties", replace_index(clean, var ? var : "", name));
        if (json_is_object(meta) && json_object_size(meta) > 0)
            json_object_set(d, "metadata", (json_t *)meta);
        json_object_set_new(defs, name, d);
    }
    json_decref(clean);
    return hh_rgroup_template(defs, names, true);
fail:
    json_decref(clean);
    json_decref(defs);
    return NULL;
}

static json_t *chain_template(const json_t *props, const json_t *names)
{
    const json_t *types = json_object_get(props, "resources");
    const json_t *rprops = json_object_get(props, "resource_properties");
    bool concurrent = json_is_true(json_object_get(props, "concurrent"));
    json_t *defs = json_object(), *d, *n;
    size_t i;

    if (defs == NULL)
        return NULL;
    json_array_foreach(names, i, n)
    {
        d = json_pack("{s:O}", "type", json_array_get(types, i));
        if (d == NULL) {
            json_decref(defs);
            return NULL;
        }
        if (json_is_object(rprops) && json_object_size(rprops) > 0)
            json_object_set(d, "properties", (json_t *)rprops);
        if (i > 0 && !concurrent)
            json_object_set_new(d, "depends_on", json_pack("[O]", json_array_get(names, i - 1)));
        json_object_set_new(defs, json_string_value(n), d);
    }
    return hh_rgroup_template(defs, names, false);
}

/* ---- handlers ----------------------------------------------------------- */

/* Create (update false) or update the child to tmpl (stolen). */
static int child_to(hh_rctx *ctx, json_t *tmpl, bool update, hh_rstep *step, hh_error *err)
{
    hh_rnested_spec spec = {0};
    int rc;

    if (tmpl == NULL)
        return oom(err);
    spec.template = tmpl;
    rc = update ? hh_rnested_update(ctx, &spec, step, err)
                : hh_rnested_create(ctx, &spec, step, err);
    json_decref(tmpl);
    return rc;
}

/* handle_create and handle_update of a group: the skiplist recorded, the
 * members' template from the (new) properties. */
static int group_apply(hh_rctx *ctx, bool update, hh_rstep *step, hh_error *err)
{
    json_t *skip = NULL, *names = NULL;
    int rc;

    rc = group_skiplist(ctx, true, &skip, err);
    if (rc != 0)
        return rc;
    names = group_names(skip, json_integer_value(json_object_get(ctx->properties, "count")));
    rc = names != NULL ? child_to(ctx, group_template(ctx->properties, names), update, step, err)
                       : oom(err);
    json_decref(names);
    json_decref(skip);
    return rc;
}

static int group_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    if (ctx->physical_id[0] != '\0')
        return hh_rnested_create(ctx, &(hh_rnested_spec){0}, step, err); /* a re-handle */
    return group_apply(ctx, false, step, err);
}

/* ResourceGroup.handle_adopt: the members' stack adopted. */
static int group_adopt(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_adopt(ctx, group_create, step, err);
}

static int group_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    (void)prop_diff;
    return group_apply(ctx, true, step, err);
}

static int chain_apply(hh_rctx *ctx, bool update, hh_rstep *step, hh_error *err)
{
    json_t *names = chain_names(ctx->properties);
    int rc;

    rc = names != NULL ? child_to(ctx, chain_template(ctx->properties, names), update, step, err)
                       : oom(err);
    json_decref(names);
    return rc;
}

static int chain_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    if (ctx->physical_id[0] != '\0')
        return hh_rnested_create(ctx, &(hh_rnested_spec){0}, step, err); /* a re-handle */
    return chain_apply(ctx, false, step, err);
}

static int chain_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    (void)prop_diff;
    return chain_apply(ctx, true, step, err);
}

/* ---- attributes (grouputils) -------------------------------------------- */

static int member_not_found(hh_rctx *ctx, const char *member, hh_error *err)
{
    /* not HH_ENOTFOUND, which get_attr takes for "no such attribute" */
    return hh_error_set(err, HH_EINVAL, "NotFound", "Member '%s' not found in group resource '%s'.",
                        member, ctx->name);
}

int hh_rgroup_members_attribute(hh_rctx *ctx, const json_t *names, const char *attr, bool refs_map,
                                json_t **out, hh_error *err)
{
    json_t *snippet = NULL, *n;
    const char *dot;
    size_t i;
    int rc;

    *out = NULL;
    if (strcmp(attr, "attributes") == 0)
        return hh_rtype_attribute_error(ctx->name, attr, err);
    if (strncmp(attr, "resource.", 9) == 0) {
        char member[64];
        size_t ml;

        dot = strchr(attr + 9, '.');
        ml = dot != NULL ? (size_t)(dot - attr - 9) : strlen(attr + 9);
        snprintf(member, sizeof(member), "%.*s", (int)ml, attr + 9);
        if (!list_has(names, member) || ctx->physical_id[0] == '\0')
            return member_not_found(ctx, member, err);
        snippet = dot != NULL ? json_pack("{s:[s,s]}", "get_attr", member, dot + 1)
                              : json_pack("{s:s}", "get_resource", member);
    } else if (ctx->physical_id[0] == '\0') {
        *out = json_null();
        return 0;
    } else if (strcmp(attr, "refs") == 0 || (refs_map && strcmp(attr, "refs_map") == 0)) {
        bool map = strcmp(attr, "refs_map") == 0;

        snippet = map ? json_object() : json_array();
        json_array_foreach(names, i, n)
        {
            json_t *ref = json_pack("{s:O}", "get_resource", n);

            if (map)
                json_object_set_new(snippet, json_string_value(n), ref);
            else
                json_array_append_new(snippet, ref);
        }
    } else {
        snippet = json_array();
        json_array_foreach(names, i, n)
        {
            json_array_append_new(snippet, json_pack("{s:[O,s]}", "get_attr", n, attr));
        }
    }
    if (snippet == NULL)
        return oom(err);
    rc = hh_rctx_nested_resolve(ctx, ctx->physical_id, snippet, out, err);
    json_decref(snippet);
    return rc;
}

static int group_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay,
                           hh_error *err)
{
    json_t *skip = NULL, *names = NULL;
    int rc;

    (void)delay;
    *out = NULL;
    if (strcmp(attr, "removed_rsrc_list") == 0) {
        rc = skiplist_stored(ctx, out);
        return rc != 0 ? hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc)) : 0;
    }
    rc = group_skiplist(ctx, false, &skip, err);
    if (rc != 0)
        return rc;
    names = group_names(skip, json_integer_value(json_object_get(ctx->properties, "count")));
    rc = names != NULL ? hh_rgroup_members_attribute(ctx, names, attr, true, out, err) : oom(err);
    json_decref(names);
    json_decref(skip);
    return rc;
}

static int chain_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay,
                           hh_error *err)
{
    json_t *names = chain_names(ctx->properties);
    int rc;

    (void)delay;
    rc = names != NULL ? hh_rgroup_members_attribute(ctx, names, attr, false, out, err) : oom(err);
    json_decref(names);
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_resource_group = {
    .handle_create = group_create,
    .check_create_complete = hh_rnested_check_create,
    .handle_adopt = group_adopt,
    .check_adopt_complete = hh_rnested_check_adopt,
    .handle_update = group_update,
    .check_update_complete = hh_rnested_check_update,
    .handle_delete = hh_rnested_handle_delete,
    .check_delete_complete = hh_rnested_check_delete,
    .handle_cancel = hh_rnested_cancel,
    .resolve_attribute = group_attribute,
    .flags = HH_RPLUGIN_ALWAYS_UPDATE,
};

const struct hh_rplugin_ops hh_rplugin_heat_resource_chain = {
    .handle_create = chain_create,
    .check_create_complete = hh_rnested_check_create,
    .handle_update = chain_update,
    .check_update_complete = hh_rnested_check_update,
    .handle_delete = hh_rnested_handle_delete,
    .check_delete_complete = hh_rnested_check_delete,
    .handle_cancel = hh_rnested_cancel,
    .resolve_attribute = chain_attribute,
    .flags = HH_RPLUGIN_ALWAYS_UPDATE,
};
