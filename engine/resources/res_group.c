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
 * Attributes resolve in the child with get_attr's path, as Heat's
 * get_attribute(key, *path) (hh_rgroup_get_attribute): refs, refs_map
 * (group), attributes, resource.<i>[.<attr>], removed_rsrc_list (group),
 * and any other name as the list of that attribute of every member. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"
#include "res_nested.h"

#define GROUP_TEMPLATE_VERSION "2015-04-30"
#define DATA_SKIPLIST "name_blacklist"
/* The batches of the current action: {"token": action_started, "batches":
 * [[capacity, new members], ...], "rolling": batches with pauses after,
 * "pause": seconds, "i": the batch running, "paused_at": time}. */
#define DATA_BATCHES "heat-ha:batches"

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

/* build_resource_definition of member name from the group's properties
 * (new, NULL on ENOMEM): resource_def's type, its properties without
 * null values (_clean_props) with index_var replaced by name, its
 * metadata. */
static json_t *member_def(const json_t *props, const char *name)
{
    const json_t *rdef = json_object_get(props, "resource_def");
    const json_t *rprops = json_object_get(rdef, "properties");
    const json_t *meta = json_object_get(rdef, "metadata");
    const char *var = json_string_value(json_object_get(props, "index_var"));
    json_t *clean = json_object(), *d, *v;
    const char *k;

    d = json_pack("{s:O}", "type", json_object_get(rdef, "type"));
    if (d == NULL || clean == NULL) {
        json_decref(d);
        json_decref(clean);
        return NULL;
    }
    json_object_foreach((json_t *)rprops, k, v)
    {
        if (!json_is_null(v))
            json_object_set(clean, k, v);
    }
    if (json_object_size(clean) > 0)
        json_object_set_new(d, "properties", replace_index(clean, var ? var : "", name));
    if (json_is_object(meta) && json_object_size(meta) > 0)
        json_object_set(d, "metadata", (json_t *)meta);
    json_decref(clean);
    return d;
}

static json_t *group_template(const json_t *props, const json_t *names)
{
    json_t *defs = json_object(), *n, *d;
    size_t i;

    if (defs == NULL)
        return NULL;
    json_array_foreach(names, i, n)
    {
        d = member_def(props, json_string_value(n));
        if (d == NULL) {
            json_decref(defs);
            return NULL;
        }
        json_object_set_new(defs, json_string_value(n), d);
    }
    return hh_rgroup_template(defs, names, true);
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

/* ---- batches (heat/scaling/rolling_update.py) ---------------------------- */

json_t *hh_rbatch_plan(json_int_t targ, json_int_t curr, json_int_t batch_size,
                       json_int_t min_in_service, bool group)
{
    json_t *out = json_array();
    json_int_t updated = 0, efft_min, efft_bat, new_cap, t;
    int guard;

    /* needs_update: not (updated >= curr == targ) */
    for (guard = 0; out != NULL && guard < 100000 && !(updated >= curr && curr == targ); guard++) {
        /* next_batch */
        efft_min = min_in_service < targ ? min_in_service : targ;
        efft_min = efft_min < curr ? efft_min : curr;
        t = targ - updated > 0 ? targ - updated : 0;
        efft_bat = batch_size < t ? batch_size : t;
        t = curr < targ - efft_bat ? curr : targ - efft_bat;
        new_cap = efft_bat + (t > efft_min ? t : efft_min);
        json_array_append_new(out, json_pack("[I,I]", (json_int_t)new_cap, (json_int_t)efft_bat));
        if (group) {
            /* ResourceGroup._get_batches */
            t = new_cap - (curr > targ ? curr : targ);
            updated += efft_bat - (t > 0 ? t : 0);
        } else {
            updated += efft_bat; /* InstanceGroup._get_batches */
        }
        curr = new_cap;
    }
    return out;
}

int hh_rbatch_timeout(hh_rctx *ctx, size_t nbatches, double pause, hh_error *err)
{
    const json_t *row = hh_rctx_stack_row(ctx);
    json_int_t mins = json_integer_value(json_object_get(row, "timeout"));
    double secs = (double)(mins > 0 ? mins : 60) * 60;

    if (pause * (double)(nbatches > 1 ? nbatches - 1 : 0) >= secs)
        return hh_error_set(err, HH_EINVAL, "ValueError",
                            "The current update policy will result in stack update timeout.");
    return 0;
}

/* The batch state of the resource's current action (*state new object,
 * NULL when there is none or it belongs to another action). */
static int batch_state(hh_rctx *ctx, json_t **state, hh_error *err)
{
    char *text = NULL, token[64];
    json_t *st;
    int rc;

    *state = NULL;
    rc = hh_rctx_data_get(ctx, DATA_BATCHES, &text);
    if (rc != 0)
        return hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc));
    st = text != NULL ? json_loads(text, 0, NULL) : NULL;
    free(text);
    snprintf(token, sizeof(token), "%.6f", ctx->action_started);
    if (st != NULL && json_is_string(json_object_get(st, "token")) &&
        strcmp(json_string_value(json_object_get(st, "token")), token) == 0)
        *state = st;
    else
        json_decref(st);
    return 0;
}

static int batch_store(hh_rctx *ctx, const json_t *state, hh_error *err)
{
    char *text = state != NULL ? json_dumps(state, JSON_COMPACT) : NULL;
    int rc;

    if (state != NULL && text == NULL)
        return oom(err);
    rc = hh_rctx_data_set(ctx, DATA_BATCHES, text, false);
    free(text);
    return rc != 0 ? hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc)) : 0;
}

/* Start batch state.i: its template from fn, the child created (none
 * yet) or updated under the token of the batch. */
static int batch_issue(hh_rctx *ctx, const json_t *state, hh_rbatch_fn fn, hh_rstep *step,
                       hh_error *err)
{
    json_int_t i = json_integer_value(json_object_get(state, "i"));
    const json_t *b = json_array_get(json_object_get(state, "batches"), (size_t)i);
    hh_rnested_spec spec = {0};
    json_t *tmpl = NULL;
    char token[96];
    int rc;

    rc = fn(ctx, json_integer_value(json_array_get(b, 0)), json_integer_value(json_array_get(b, 1)),
            &tmpl, err);
    if (rc != 0)
        return rc;
    spec.template = tmpl;
    step->done = false;
    snprintf(token, sizeof(token), "%.6f#%lld", ctx->action_started, (long long)i);
    if (ctx->physical_id[0] == '\0')
        rc = hh_rnested_create(ctx, &spec, step, err);
    else
        rc = hh_rctx_nested_update_token(ctx, &spec, token, err);
    json_decref(tmpl);
    return rc;
}

int hh_rbatch_start(hh_rctx *ctx, const json_t *batches, size_t rolling, double pause,
                    hh_rbatch_fn fn, hh_rstep *step, hh_error *err)
{
    char token[64];
    json_t *state;
    int rc;

    snprintf(token, sizeof(token), "%.6f", ctx->action_started);
    state = json_pack("{s:s,s:O,s:I,s:f,s:I}", "token", token, "batches", batches, "rolling",
                      (json_int_t)rolling, "pause", pause, "i", (json_int_t)0);
    if (state == NULL)
        return oom(err);
    rc = batch_store(ctx, state, err);
    if (rc == 0)
        rc = batch_issue(ctx, state, fn, step, err);
    json_decref(state);
    return rc;
}

int hh_rbatch_resume(hh_rctx *ctx, hh_rbatch_fn fn, bool *resumed, hh_rstep *step, hh_error *err)
{
    json_t *state = NULL;
    int rc;

    *resumed = false;
    rc = batch_state(ctx, &state, err);
    if (rc == 0 && state != NULL) {
        *resumed = true;
        rc = batch_issue(ctx, state, fn, step, err);
    }
    json_decref(state);
    return rc;
}

int hh_rbatch_check(hh_rctx *ctx, hh_rbatch_fn fn, hh_rstep *step, hh_error *err)
{
    json_t *state = NULL;
    json_int_t i, n, rolling;
    double pause, at, left;
    int rc;

    rc = hh_rnested_check_update(ctx, step, err);
    if (rc != 0 || !step->done)
        return rc;
    rc = batch_state(ctx, &state, err);
    if (rc != 0 || state == NULL)
        return rc;
    i = json_integer_value(json_object_get(state, "i"));
    n = (json_int_t)json_array_size(json_object_get(state, "batches"));
    rolling = json_integer_value(json_object_get(state, "rolling"));
    pause = json_number_value(json_object_get(state, "pause"));
    if (i + 1 >= n) {
        rc = batch_store(ctx, NULL, err); /* every batch done */
        goto done;
    }
    step->done = false;
    if (pause > 0 && i + 1 < rolling) {
        /* pause_between_batch, from the moment the batch was seen done */
        if (!json_is_number(json_object_get(state, "paused_at"))) {
            json_object_set_new(state, "paused_at", json_real(hh_rctx_now(ctx)));
            rc = batch_store(ctx, state, err);
            if (rc != 0)
                goto done;
        }
        at = json_number_value(json_object_get(state, "paused_at"));
        left = at + pause - hh_rctx_now(ctx);
        if (left > 0) {
            step->poll_secs = left;
            goto done;
        }
    }
    json_object_set_new(state, "i", json_integer(i + 1));
    json_object_del(state, "paused_at");
    rc = batch_store(ctx, state, err);
    if (rc == 0)
        rc = batch_issue(ctx, state, fn, step, err);
done:
    json_decref(state);
    return rc;
}

/* ---- ResourceGroup ---------------------------------------------------------- */

/* The members of the child that are not FAILED and not skipped, with
 * their definitions in the child's template, in creation order (*out new
 * array of [name, definition]; grouputils.get_member_definitions). */
static int group_member_defs(hh_rctx *ctx, const json_t *skip, json_t **out, hh_error *err)
{
    json_t *rows = NULL, *tmpl = NULL, *list = json_array(), *row, *defs;
    const char *name, *status;
    size_t i;
    int rc = 0;

    *out = NULL;
    if (list == NULL)
        return oom(err);
    if (ctx->physical_id[0] != '\0') {
        rc = hh_rctx_nested_resources(ctx, ctx->physical_id, &rows, err);
        if (rc == 0)
            rc = hh_rctx_nested_template(ctx, ctx->physical_id, &tmpl, err);
    }
    defs = json_object_get(tmpl, "resources");
    json_array_foreach(rows, i, row)
    {
        name = json_string_value(json_object_get(row, "name"));
        status = json_string_value(json_object_get(row, "status"));
        if (rc != 0 || name == NULL || (status != NULL && strcmp(status, "FAILED") == 0) ||
            list_has(skip, name) || json_object_get(defs, name) == NULL)
            continue;
        json_array_append_new(list, json_pack("[s,O]", name, json_object_get(defs, name)));
    }
    json_decref(rows);
    json_decref(tmpl);
    if (rc != 0) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return 0;
}

/* replace_priority of _assemble_for_rolling_update. */
static json_int_t replace_priority(const json_t *names, const char *name, json_int_t targ,
                                   json_int_t total)
{
    size_t i;

    for (i = 0; i < json_array_size(names); i++) {
        if (strcmp(json_string_value(json_array_get(names, i)), name) == 0)
            return (json_int_t)i < targ ? targ - (json_int_t)i : total;
    }
    return 0; /* high priority: delete at once */
}

/* _assemble_for_rolling_update(total, num_new): scaling/template.py's
 * member_definitions over the members sorted by replace_priority (stable),
 * the last total of them kept, num_new of them (new ones first) given the
 * new definition, then new members of the names not taken. */
static int group_batch_template(hh_rctx *ctx, json_int_t total, json_int_t num_new, json_t **tmpl,
                                hh_error *err)
{
    json_int_t targ = json_integer_value(json_object_get(ctx->properties, "count"));
    json_t *skip = NULL, *names = NULL, *old = NULL, *sorted = NULL, *defs = NULL, *order = NULL;
    json_t *d, *e;
    json_int_t p, best, num_replace;
    size_t i, j, k, nold, from;
    const char *name;
    int rc;

    *tmpl = NULL;
    rc = group_skiplist(ctx, false, &skip, err);
    if (rc == 0)
        rc = group_member_defs(ctx, skip, &old, err);
    if (rc != 0)
        goto done;
    names = group_names(skip, total);
    sorted = json_array();
    defs = json_object();
    order = json_array();
    if (names == NULL || sorted == NULL || defs == NULL || order == NULL) {
        rc = oom(err);
        goto done;
    }
    /* stable sort by priority: the lowest priority left, first found */
    for (k = json_array_size(old); k > 0; k--) {
        best = -1;
        j = 0;
        json_array_foreach(old, i, e)
        {
            if (json_array_size(e) > 2)
                continue; /* taken */
            p = replace_priority(names, json_string_value(json_array_get(e, 0)), targ, total);
            if (best < 0 || p < best) {
                best = p;
                j = i;
            }
        }
        e = json_array_get(old, j);
        json_array_append_new(sorted,
                              json_pack("[O,O]", json_array_get(e, 0), json_array_get(e, 1)));
        json_array_append_new(e, json_true());
    }
    nold = json_array_size(sorted);
    from = (json_int_t)nold > total ? nold - (size_t)total : 0;
    num_replace = num_new - (total - (json_int_t)(nold - from));
    for (i = from; i < nold; i++) {
        const json_t *was = json_array_get(json_array_get(sorted, i), 1);

        name = json_string_value(json_array_get(json_array_get(sorted, i), 0));
        d = member_def(ctx->properties, name);
        if (d == NULL) {
            rc = oom(err);
            goto done;
        }
        if (!json_equal(was, d) && num_replace > 0) {
            num_replace--;
            json_object_set_new(defs, name, d);
        } else {
            json_decref(d);
            json_object_set(defs, name, (json_t *)was);
        }
        json_array_append_new(order, json_string(name));
    }
    /* new members: the names not taken by any member */
    json_array_foreach(names, i, e)
    {
        bool taken = false;

        if ((json_int_t)json_array_size(order) >= total)
            break;
        json_array_foreach(sorted, j, d)
        {
            if (strcmp(json_string_value(json_array_get(d, 0)), json_string_value(e)) == 0)
                taken = true;
        }
        if (taken)
            continue;
        d = member_def(ctx->properties, json_string_value(e));
        if (d == NULL) {
            rc = oom(err);
            goto done;
        }
        json_object_set_new(defs, json_string_value(e), d);
        json_array_append(order, e);
    }
    *tmpl = hh_rgroup_template(defs, order, true);
    defs = NULL;
    if (*tmpl == NULL)
        rc = oom(err);
done:
    json_decref(order);
    json_decref(defs);
    json_decref(sorted);
    json_decref(old);
    json_decref(names);
    json_decref(skip);
    return rc;
}

/* ResourceGroup._replace(min_in_service, batch_size, pause): the batches
 * from the child's current size (members not skipped), checked against
 * the stack's timeout, then run. An empty plan starts nothing: *started
 * false. */
static int group_replace(hh_rctx *ctx, const json_t *policy, bool *started, hh_rstep *step,
                         hh_error *err)
{
    json_int_t count = json_integer_value(json_object_get(ctx->properties, "count"));
    json_t *skip = NULL, *rows = NULL, *batches = NULL, *row;
    json_int_t curr = 0;
    double pause = json_number_value(json_object_get(policy, "pause_time"));
    size_t i;
    int rc;

    *started = false;
    rc = group_skiplist(ctx, false, &skip, err);
    if (rc == 0 && ctx->physical_id[0] != '\0')
        rc = hh_rctx_nested_resources(ctx, ctx->physical_id, &rows, err);
    if (rc != 0)
        goto done;
    /* inspector.size(include_failed=True) less the skipped live members */
    json_array_foreach(rows, i, row)
    {
        const char *st = json_string_value(json_object_get(row, "status"));
        const char *name = json_string_value(json_object_get(row, "name"));

        if (!(name != NULL && list_has(skip, name) && (st == NULL || strcmp(st, "FAILED") != 0)))
            curr++;
    }
    batches =
        hh_rbatch_plan(count, curr, json_integer_value(json_object_get(policy, "max_batch_size")),
                       json_integer_value(json_object_get(policy, "min_in_service")), true);
    if (batches == NULL) {
        rc = oom(err);
        goto done;
    }
    if (json_array_size(batches) == 0)
        goto done;
    rc = hh_rbatch_timeout(ctx, json_array_size(batches), pause, err);
    if (rc == 0)
        rc = hh_rbatch_start(ctx, batches, json_array_size(batches), pause, group_batch_template,
                             step, err);
    *started = rc == 0;
done:
    json_decref(batches);
    json_decref(rows);
    json_decref(skip);
    return rc;
}

/* The group's update_policy entry key (borrowed from *up, new object the
 * caller frees), NULL when not given. */
static const json_t *policy_of(hh_rctx *ctx, const char *key, json_t **up, hh_error *err)
{
    const json_t *p;

    *up = NULL;
    if (hh_rctx_update_policy(ctx, up, err) != 0) {
        hh_error_clear(err);
        return NULL;
    }
    p = json_object_get(*up, key);
    return json_is_object(p) ? p : NULL;
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

/* handle_create without batches: every member in one child. */
static int group_create_all(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    if (ctx->physical_id[0] != '\0')
        return hh_rnested_create(ctx, &(hh_rnested_spec){0}, step, err); /* a re-handle */
    return group_apply(ctx, false, step, err);
}

/* handle_create: with update_policy batch_create (and members), the
 * members are created in batches of max_batch_size, pause_time apart. */
static int group_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    json_t *up = NULL, *skip = NULL, *p = NULL;
    const json_t *bc;
    bool resumed, started = false;
    int rc;

    rc = hh_rbatch_resume(ctx, group_batch_template, &resumed, step, err);
    if (rc != 0 || resumed || ctx->physical_id[0] != '\0')
        return rc != 0 || resumed ? rc : group_create_all(ctx, step, err);
    bc = policy_of(ctx, "batch_create", &up, err);
    if (bc != NULL && json_integer_value(json_object_get(ctx->properties, "count")) > 0) {
        /* _replace(0, max_batch_size, pause_time) */
        rc = group_skiplist(ctx, true, &skip, err);
        p = json_pack("{s:i,s:O,s:O}", "min_in_service", 0, "max_batch_size",
                      json_object_get(bc, "max_batch_size"), "pause_time",
                      json_object_get(bc, "pause_time"));
        if (rc == 0)
            rc = p != NULL ? group_replace(ctx, p, &started, step, err) : oom(err);
    }
    json_decref(p);
    json_decref(skip);
    json_decref(up);
    if (rc != 0 || started)
        return rc;
    return group_create_all(ctx, step, err);
}

/* ResourceGroup.handle_adopt: the members' stack adopted (all at once,
 * as Heat's create_with_template of _assemble_nested). */
static int group_adopt(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rnested_adopt(ctx, group_create_all, step, err);
}

/* handle_update: a changed resource_def with update_policy rolling_update
 * replaces the members in batches; otherwise (or with nothing to do) one
 * child update to the new size. */
static int group_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    json_t *up = NULL, *skip = NULL;
    const json_t *ru;
    bool resumed, started = false;
    int rc;

    rc = hh_rbatch_resume(ctx, group_batch_template, &resumed, step, err);
    if (rc != 0 || resumed)
        return rc;
    ru = policy_of(ctx, "rolling_update", &up, err);
    if (ru != NULL && json_object_get(prop_diff, "resource_def") != NULL) {
        rc = group_skiplist(ctx, true, &skip, err);
        json_decref(skip);
        if (rc == 0)
            rc = group_replace(ctx, ru, &started, step, err);
        if (rc != 0 || started) {
            json_decref(up);
            return rc;
        }
    }
    json_decref(up);
    return group_apply(ctx, true, step, err);
}

static int group_check(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    return hh_rbatch_check(ctx, group_batch_template, step, err);
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

json_t *hh_rgroup_member_attr(const char *member, const char *attr, const json_t *path)
{
    json_t *args = json_pack("[s]", member), *v;
    size_t i;

    if (args != NULL && attr != NULL)
        json_array_append_new(args, json_string(attr));
    json_array_foreach(path, i, v)
    {
        if (args != NULL)
            json_array_append(args, v);
    }
    return args != NULL ? json_pack("{s:o}", "get_attr", args) : NULL;
}

/* resource.<member>[.<attr>] of names (Heat's get_nested_attrs): the
 * member's reference, or its attribute with path. */
static json_t *member_snippet(const char *key, const json_t *path)
{
    const char *member = key + 9, *dot = strchr(member, '.');
    char buf[256];

    if (dot == NULL && json_array_size(path) == 0)
        return json_pack("{s:s}", "get_resource", member);
    if (dot == NULL)
        return hh_rgroup_member_attr(member, NULL, path);
    snprintf(buf, sizeof(buf), "%.*s", (int)(dot - member), member);
    return hh_rgroup_member_attr(buf, dot + 1, path);
}

int hh_rgroup_resolve(hh_rctx *ctx, json_t *snippet, json_t **out, hh_error *err)
{
    int rc;

    if (snippet == NULL)
        return oom(err);
    rc = hh_rctx_nested_resolve(ctx, ctx->physical_id, snippet, out, err);
    json_decref(snippet);
    return rc;
}

int hh_rgroup_get_attribute(hh_rctx *ctx, const json_t *names, const char *attr, const json_t *path,
                            bool refs_map, json_t **out, hh_error *err)
{
    json_t *snippet = NULL, *n, *v = NULL;
    bool map;
    size_t i;
    int rc;

    *out = NULL;
    if (strcmp(attr, "attributes") == 0 && json_array_size(path) == 0)
        return hh_rtype_attribute_error(ctx->name, attr, err);
    if (strncmp(attr, "resource.", 9) == 0) {
        char member[256];
        const char *dot = strchr(attr + 9, '.');

        snprintf(member, sizeof(member), "%.*s",
                 (int)(dot != NULL ? (size_t)(dot - attr - 9) : strlen(attr + 9)), attr + 9);
        if (ctx->physical_id[0] == '\0') {
            *out = json_null(); /* no nested stack: None */
            return 0;
        }
        if (!list_has(names, member))
            return member_not_found(ctx, member, err);
        return hh_rgroup_resolve(ctx, member_snippet(attr, path), out, err);
    }
    if (ctx->physical_id[0] == '\0') {
        *out = json_null();
        return 0;
    }
    if (strcmp(attr, "refs") == 0 || (refs_map && strcmp(attr, "refs_map") == 0)) {
        /* refs selects along path; refs_map ignores it (its output) */
        map = strcmp(attr, "refs_map") == 0;
        snippet = map ? json_object() : json_array();
        json_array_foreach(names, i, n)
        {
            json_t *ref = json_pack("{s:O}", "get_resource", n);

            if (map)
                json_object_set_new(snippet, json_string_value(n), ref);
            else
                json_array_append_new(snippet, ref);
        }
        rc = hh_rgroup_resolve(ctx, snippet, &v, err);
        if (rc == 0 && !map) {
            *out = hh_py_select_path(v, path, 0, json_null(), true);
            json_decref(v);
            return *out != NULL ? 0 : oom(err);
        }
        *out = v;
        return rc;
    }
    map = strcmp(attr, "attributes") == 0;
    snippet = map ? json_object() : json_array();
    json_array_foreach(names, i, n)
    {
        /* attributes: {member: its attribute path}; any other name: the
         * list of every member's attribute attr with path */
        if (map)
            json_object_set_new(snippet, json_string_value(n),
                                hh_rgroup_member_attr(json_string_value(n), NULL, path));
        else
            json_array_append_new(snippet, hh_rgroup_member_attr(json_string_value(n), attr, path));
    }
    return hh_rgroup_resolve(ctx, snippet, out, err);
}

/* ResourceGroup.get_attribute. */
static int group_attribute(hh_rctx *ctx, const char *attr, const json_t *path, json_t **out,
                           double *delay, hh_error *err)
{
    json_t *skip = NULL, *names = NULL;
    int rc;

    (void)delay;
    *out = NULL;
    if (strcmp(attr, "removed_rsrc_list") == 0) {
        /* _current_skiplist, path not applied */
        rc = skiplist_stored(ctx, out);
        return rc != 0 ? hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc)) : 0;
    }
    rc = group_skiplist(ctx, false, &skip, err);
    if (rc != 0)
        return rc;
    names = group_names(skip, json_integer_value(json_object_get(ctx->properties, "count")));
    rc = names != NULL ? hh_rgroup_get_attribute(ctx, names, attr, path, true, out, err) : oom(err);
    json_decref(names);
    json_decref(skip);
    return rc;
}

/* ResourceChain.get_attribute (no refs_map: a chain has none). */
static int chain_attribute(hh_rctx *ctx, const char *attr, const json_t *path, json_t **out,
                           double *delay, hh_error *err)
{
    json_t *names = chain_names(ctx->properties);
    int rc;

    (void)delay;
    rc =
        names != NULL ? hh_rgroup_get_attribute(ctx, names, attr, path, false, out, err) : oom(err);
    json_decref(names);
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_resource_group = {
    .handle_create = group_create,
    .check_create_complete = group_check,
    .handle_adopt = group_adopt,
    .check_adopt_complete = hh_rnested_check_adopt,
    .handle_update = group_update,
    .check_update_complete = group_check,
    .handle_delete = hh_rnested_handle_delete,
    .check_delete_complete = hh_rnested_check_delete,
    .handle_cancel = hh_rnested_cancel,
    .get_attribute = group_attribute,
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
    .get_attribute = chain_attribute,
    .flags = HH_RPLUGIN_ALWAYS_UPDATE,
};
