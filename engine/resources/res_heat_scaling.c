/* res_heat_scaling: OS::Heat::AutoScalingGroup (heat/engine/resources/
 * openstack/heat/autoscaling_group.py, with instance_group.py's resize,
 * heat/scaling/template.py's member_definitions, heat/scaling/
 * cooldown.py and heat/common/grouputils.py).
 *
 * The group is a nested stack (res_nested.h) of its `resource`
 * definition, members named with Heat's short ids (12 characters of a
 * random UUID). A create makes desired_capacity members (min_size when
 * desired_capacity is 0 or absent). An update resizes to desired_capacity
 * (else the current size) kept within min_size and max_size: the members
 * are the current ones, failed first then in creation order, of which the
 * last N stay (the oldest go first), and new ones after them, which take
 * the current definition; the members kept keep theirs. A changed
 * `resource` is first rolled out in batches of rolling_updates (Heat's
 * _replace: max_batch_size, min_in_service, pause_time; res_nested.h's
 * hh_rbatch_*), oldest first. When a create or update completes, the group's metadata
 * records Heat's _finished_scaling: cooldown_end {<ISO time>: "exact_capacity
 * : <size>"} and scaling_in_progress false.
 *
 * Attributes: current_size (the members not FAILED), refs and refs_map
 * (their references), resource.<i> and resource.<i>.<attr> (the i-th
 * member of that list), outputs and outputs_list ({member: value} and
 * [value] of the member attribute get_attr's path names).
 *
 * OS::Heat::ScalingPolicy (scaling_policy.py): a signal adjusts the group
 * named auto_scaling_group_id (adjust below). The group's stack updates
 * after the signal has returned, so _finished_scaling is recorded by the
 * next signal that finds the stack done (until then the group is
 * scaling_in_progress, as Heat's is while its resize runs). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hh_py.h"
#include "res_nested.h"

/* The resource data key of a signal's resize in progress: {"cooldown":
 * the sanitised cooldown, "reason": "<adjustment_type> : <adjustment>"},
 * what _finished_scaling records once the group's stack is done. */
#define DATA_SCALING "heat-ha:scaling"

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static json_int_t prop_int(const hh_rctx *ctx, const char *key)
{
    return json_integer_value(json_object_get(ctx->properties, key));
}

/* ---- members ------------------------------------------------------------- */

/* The members of the child (*all new array of names: FAILED first, then
 * in creation order, as grouputils sorts them with include_failed) and
 * *size the count of those not FAILED. No child: none. */
static int members(hh_rctx *ctx, json_t **all, json_int_t *size, hh_error *err)
{
    json_t *rows = NULL, *row, *names = json_array();
    const char *st;
    size_t i;
    int pass, rc = 0;

    *all = NULL;
    *size = 0;
    if (names == NULL)
        return oom(err);
    if (ctx->physical_id[0] != '\0')
        rc = hh_rctx_nested_resources(ctx, ctx->physical_id, &rows, err);
    for (pass = 0; rc == 0 && pass < 2; pass++) {
        json_array_foreach(rows, i, row)
        {
            st = json_string_value(json_object_get(row, "status"));
            if ((st != NULL && strcmp(st, "FAILED") == 0) != (pass == 0))
                continue;
            json_array_append(names, json_object_get(row, "name"));
            if (pass == 1)
                (*size)++;
        }
    }
    json_decref(rows);
    if (rc != 0) {
        json_decref(names);
        return rc;
    }
    *all = names;
    return 0;
}

/* The members not FAILED, in creation order (*out new array). */
static int live_members(hh_rctx *ctx, json_t **out, hh_error *err)
{
    json_t *all = NULL;
    json_int_t size;
    int rc = members(ctx, &all, &size, err);

    if (rc == 0) {
        /* the failed ones are first */
        while ((json_int_t)json_array_size(all) > size)
            json_array_remove(all, 0);
        *out = all;
    }
    return rc;
}

static bool has_name(const json_t *names, const char *s)
{
    size_t i;
    json_t *v;

    json_array_foreach(names, i, v)
    {
        if (strcmp(json_string_value(v), s) == 0)
            return true;
    }
    return false;
}

/* member_definitions (heat/scaling/template.py) over current (borrowed
 * names: FAILED first, then creation order): the last count of them stay
 * with their definitions in the child's template, of which num_new (less
 * the new members) take the definition `resource` where theirs differs,
 * oldest first; new members named by short ids take it too. *out: the
 * child template with the refs_map output (new). */
static int group_template(hh_rctx *ctx, const json_t *current, json_int_t count,
                          json_int_t num_new, json_t **out, hh_error *err)
{
    const json_t *def = json_object_get(ctx->properties, "resource"), *was;
    json_t *names = json_array(), *defs = json_object(), *child = NULL;
    size_t n = json_array_size(current), i;
    json_int_t num_replace;
    char uuid[37], sid[13];
    const char *name;
    int rc = 0;

    *out = NULL;
    if (names == NULL || defs == NULL) {
        rc = oom(err);
        goto done;
    }
    if (n > 0 && ctx->physical_id[0] != '\0')
        rc = hh_rctx_nested_template(ctx, ctx->physical_id, &child, err);
    i = (json_int_t)n > count ? n - (size_t)count : 0;
    num_replace = num_new - (count - (json_int_t)(n - i));
    for (; rc == 0 && i < n; i++) {
        name = json_string_value(json_array_get(current, i));
        was = json_object_get(json_object_get(child, "resources"), name);
        if (was == NULL || (!json_equal(was, def) && num_replace > 0)) {
            num_replace -= was != NULL;
            json_object_set_new(defs, name, json_deep_copy(def));
        } else {
            json_object_set_new(defs, name, json_deep_copy(was));
        }
        json_array_append_new(names, json_string(name));
    }
    while (rc == 0 && (json_int_t)json_array_size(names) < count) {
        rc = hh_rctx_uuid4(ctx, uuid);
        if (rc == 0)
            rc = hh_short_id(uuid, sid, err);
        if (rc == 0 && !has_name(names, sid)) {
            json_array_append_new(names, json_string(sid));
            json_object_set_new(defs, sid, json_deep_copy(def));
        }
    }
    if (rc != 0)
        goto done;
    *out = hh_rgroup_template(defs, names, true);
    defs = NULL;
    if (*out == NULL)
        rc = oom(err);
done:
    json_decref(child);
    json_decref(defs);
    json_decref(names);
    return rc;
}

/* ---- cooldown (heat/scaling/cooldown.py) ---------------------------------- */

/* datetime.isoformat() of the UTC time t: "YYYY-MM-DDTHH:MM:SS[.ffffff]". */
static void iso_time(double t, char *buf, size_t len)
{
    time_t s = (time_t)t;
    long us = (long)((t - (double)s) * 1e6);
    struct tm tm;
    size_t n;

    gmtime_r(&s, &tm);
    n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
    if (us > 0 && n < len)
        snprintf(buf + n, len - n, ".%06ld", us);
}

/* _finished_scaling: when the size changed, cooldown_end {end: reason}
 * with end now + cooldown (negative is 0), or the later end already
 * recorded; scaling_in_progress false. A resource that is gone is no
 * error. */
static int scaling_finished(hh_rctx *ctx, json_int_t cooldown, const char *reason,
                            bool size_changed, hh_error *err)
{
    json_t *md = NULL;
    const char *old;
    char end[40];
    void *it;
    int rc;

    rc = hh_rctx_metadata_get(ctx, &md, err);
    if (rc != 0)
        return rc;
    if (size_changed) {
        iso_time(hh_rctx_now(ctx) + (double)(cooldown > 0 ? cooldown : 0), end, sizeof(end));
        it = json_object_iter(json_object_get(md, "cooldown_end"));
        old = it != NULL ? json_object_iter_key(it) : NULL;
        if (old != NULL && strcmp(old, end) > 0)
            snprintf(end, sizeof(end), "%s", old);
        json_object_set_new(md, "cooldown_end", json_pack("{s:s}", end, reason));
    }
    json_object_set_new(md, "scaling_in_progress", json_false());
    rc = hh_rctx_metadata_set(ctx, md, err);
    json_decref(md);
    if (rc == HH_ENOTFOUND) {
        hh_error_clear(err);
        rc = 0;
    }
    return rc;
}

/* ---- handlers ------------------------------------------------------------ */

/* Resize the child to count members (create when it has none yet). */
static int resize(hh_rctx *ctx, json_int_t count, bool update, hh_rstep *step, hh_error *err)
{
    hh_rnested_spec spec = {0};
    json_t *all = NULL, *tmpl = NULL;
    json_int_t size;
    int rc;

    rc = update ? members(ctx, &all, &size, err) : 0;
    if (rc == 0)
        rc = group_template(ctx, all, count, 0, &tmpl, err);
    if (rc == 0) {
        spec.template = tmpl;
        rc = update ? hh_rnested_update(ctx, &spec, step, err)
                    : hh_rnested_create(ctx, &spec, step, err);
    }
    json_decref(tmpl);
    json_decref(all);
    return rc;
}

/* child_template: desired_capacity members, else min_size. */
static int asg_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    json_int_t n = prop_int(ctx, "desired_capacity");

    if (ctx->physical_id[0] != '\0')
        return hh_rnested_create(ctx, &(hh_rnested_spec){0}, step, err); /* a re-handle */
    return resize(ctx, n != 0 ? n : prop_int(ctx, "min_size"), false, step, err);
}

/* _get_new_capacity: n kept within min_size and max_size. */
static json_int_t bounded(const hh_rctx *ctx, json_int_t n)
{
    json_int_t lo = prop_int(ctx, "min_size"), hi = prop_int(ctx, "max_size");

    return n > hi ? hi : n < lo ? lo : n;
}

/* The template of one batch of a rolling update: capacity members,
 * num_new of them with the new definition. */
static int asg_batch_template(hh_rctx *ctx, json_int_t capacity, json_int_t num_new, json_t **tmpl,
                              hh_error *err)
{
    json_t *all = NULL;
    json_int_t size;
    int rc = members(ctx, &all, &size, err);

    if (rc == 0)
        rc = group_template(ctx, all, capacity, num_new, tmpl, err);
    json_decref(all);
    return rc;
}

/* handle_update: a changed `resource` is rolled out first (_replace with
 * rolling_updates: batches of max_batch_size keeping min_in_service,
 * pause_time apart), then the group resized to desired_capacity, or to
 * the current size, within the (new) bounds; the resize keeps every
 * member's definition. */
static int asg_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    const json_t *ru = json_object_get(ctx->properties, "rolling_updates");
    json_t *all = NULL, *batches = NULL;
    json_int_t size, want, cap, targ;
    double pause = json_number_value(json_object_get(ru, "pause_time"));
    size_t rolling;
    bool resumed;
    int rc;

    rc = hh_rbatch_resume(ctx, asg_batch_template, &resumed, step, err);
    if (rc != 0 || resumed)
        return rc;
    rc = members(ctx, &all, &size, err);
    cap = (json_int_t)json_array_size(all);
    json_decref(all);
    if (rc != 0)
        return rc;
    want = prop_int(ctx, "desired_capacity");
    want = bounded(ctx, want != 0 ? want : size);
    if (json_object_get(prop_diff, "resource") == NULL || ctx->physical_id[0] == '\0')
        return resize(ctx, want, true, step, err);
    /* target_capacity = min(get_size() or capacity, capacity) */
    targ = size != 0 && size < cap ? size : cap;
    batches = hh_rbatch_plan(targ, cap, json_integer_value(json_object_get(ru, "max_batch_size")),
                             json_integer_value(json_object_get(ru, "min_in_service")), false);
    if (batches == NULL)
        return oom(err);
    rolling = json_array_size(batches);
    rc = hh_rbatch_timeout(ctx, rolling, pause, err);
    if (rc == 0 && json_array_append_new(batches, json_pack("[I,I]", want, (json_int_t)0)) != 0)
        rc = oom(err);
    if (rc == 0)
        rc = hh_rbatch_start(ctx, batches, rolling, pause, asg_batch_template, step, err);
    json_decref(batches);
    return rc;
}

/* check_create_complete / check_update_complete: _finished_scaling with
 * "exact_capacity : <size>" once the child is done. */
static int finished(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    json_t *all = NULL;
    json_int_t size;
    char reason[64];
    int rc;

    if (!step->done)
        return 0;
    rc = members(ctx, &all, &size, err);
    json_decref(all);
    if (rc != 0)
        return rc;
    snprintf(reason, sizeof(reason), "exact_capacity : %lld", (long long)size);
    return scaling_finished(ctx, prop_int(ctx, "cooldown"), reason, true, err);
}

static int asg_check_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    int rc = hh_rnested_check_create(ctx, step, err);

    return rc != 0 ? rc : finished(ctx, step, err);
}

static int asg_check_update(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    int rc = hh_rbatch_check(ctx, asg_batch_template, step, err);

    return rc != 0 ? rc : finished(ctx, step, err);
}

/* ---- attributes ----------------------------------------------------------- */

/* AutoScalingResourceGroup.get_attribute over the live members (FAILED
 * left out, creation order). Paths are applied where Heat's outputs apply
 * them: outputs and outputs_list take the member attribute path[0] along
 * path[1:]; refs, refs_map and current_size ignore the path. */
static int asg_attribute(hh_rctx *ctx, const char *attr, const json_t *path, json_t **out,
                         double *delay, hh_error *err)
{
    json_t *names = NULL, *snippet = NULL, *n, *v;
    const char *idx, *dot;
    char *end = NULL, member[64];
    bool outputs = strcmp(attr, "outputs") == 0, list = strcmp(attr, "outputs_list") == 0;
    size_t i, np = json_array_size(path);
    long k;
    int rc;

    (void)delay;
    *out = NULL;
    if (((outputs || list) && np == 0) ||
        (!outputs && !list && strcmp(attr, "current_size") != 0 && strcmp(attr, "refs") != 0 &&
         strcmp(attr, "refs_map") != 0 && strncmp(attr, "resource.", 9) != 0))
        return hh_rtype_attribute_error(ctx->name, attr, err);
    rc = live_members(ctx, &names, err);
    if (rc != 0)
        return rc;
    if (strcmp(attr, "current_size") == 0) {
        *out = json_integer((json_int_t)json_array_size(names));
        rc = *out != NULL ? 0 : oom(err);
        goto done;
    }
    if (ctx->physical_id[0] == '\0') {
        *out = json_null();
        goto done;
    }
    if (strncmp(attr, "resource.", 9) == 0) {
        /* resource.<index>[.<attr>]: the index-th member (use_indices) */
        idx = attr + 9;
        dot = strchr(idx, '.');
        k = strtol(idx, &end, 10);
        if (end == idx || (dot != NULL ? end != dot : *end != '\0') || k < 0 ||
            (size_t)k >= json_array_size(names)) {
            rc = hh_error_set(
                err, HH_EINVAL, "NotFound", "Member '%.*s' not found in group resource '%s'.",
                (int)(dot != NULL ? (size_t)(dot - idx) : strlen(idx)), idx, ctx->name);
            goto done;
        }
        snprintf(member, sizeof(member), "%s", json_string_value(json_array_get(names, (size_t)k)));
        if (dot == NULL && np == 0)
            snippet = json_pack("{s:s}", "get_resource", member);
        else if (dot == NULL)
            snippet = hh_rgroup_member_attr(member, NULL, path);
        else
            snippet = hh_rgroup_member_attr(member, dot + 1, path);
        rc = hh_rgroup_resolve(ctx, snippet, out, err);
        goto done;
    }
    snippet = outputs || strcmp(attr, "refs_map") == 0 ? json_object() : json_array();
    json_array_foreach(names, i, n)
    {
        v = outputs || list ? hh_rgroup_member_attr(json_string_value(n), NULL, path)
                            : json_pack("{s:O}", "get_resource", n);
        if (json_is_object(snippet))
            json_object_set_new(snippet, json_string_value(n), v);
        else
            json_array_append_new(snippet, v);
    }
    rc = hh_rgroup_resolve(ctx, snippet, out, err);
done:
    json_decref(names);
    return rc;
}

/* ---- signals: adjust (AutoScalingResourceGroup.adjust) ---------------------- */

/* Heat's resource.NoActionRequired(res_name, reason): no failure, no
 * event (see handle_signal in res_plugin.h). name NULL: Heat's default
 * arguments. */
static int no_action(const char *name, const char *reason, hh_error *err)
{
    return hh_error_set(err, HH_EINVAL, "NoActionRequired",
                        "The resource %s could not perform scaling action: %s",
                        name != NULL ? name : "Unknown", reason != NULL ? reason : "");
}

/* scalingutil.calculate_new_capacity. */
static json_int_t new_capacity(const hh_rctx *g, json_int_t current, double adjustment,
                               const char *type, json_int_t min_step)
{
    json_int_t n, r;
    double delta;

    if (strcmp(type, "change_in_capacity") == 0) {
        n = current + (json_int_t)adjustment;
    } else if (strcmp(type, "exact_capacity") == 0) {
        n = (json_int_t)adjustment;
    } else {
        delta = (double)current * adjustment / 100.0;
        if (fabs(delta) < 1.0)
            r = (json_int_t)(delta > 0.0 ? ceil(delta) : floor(delta));
        else
            r = (json_int_t)(delta > 0.0 ? floor(delta) : ceil(delta));
        if (min_step > 0 && min_step > (r < 0 ? -r : r))
            r = r > 0 ? min_step : -min_step;
        n = current + r;
    }
    return bounded(g, n);
}

/* The end of a signal's resize: once the group's stack is no longer
 * IN_PROGRESS, _finished_scaling with what was recorded (the size changed
 * when the stack's update completed). *busy: it is still resizing. */
static int finish_signal_resize(hh_rctx *g, const json_t *md, bool *busy, hh_error *err)
{
    json_t *row = NULL, *rec = NULL;
    const char *st;
    char *text = NULL;
    int rc;

    *busy = false;
    if (!json_is_true(json_object_get(md, "scaling_in_progress")))
        return 0;
    rc = hh_rctx_nested_get(g, g->physical_id, &row, err);
    if (rc != 0)
        return rc;
    st = json_string_value(json_object_get(row, "status"));
    *busy = st != NULL && strcmp(st, "IN_PROGRESS") == 0;
    if (!*busy)
        rc = hh_rctx_data_get(g, DATA_SCALING, &text);
    if (rc == 0 && text != NULL && (rec = json_loads(text, 0, NULL)) != NULL) {
        rc = scaling_finished(g, json_integer_value(json_object_get(rec, "cooldown")),
                              json_string_value(json_object_get(rec, "reason")),
                              st != NULL && strcmp(st, "COMPLETE") == 0, err);
        if (rc == 0)
            rc = hh_rctx_data_set(g, DATA_SCALING, NULL, false);
    }
    json_decref(rec);
    json_decref(row);
    free(text);
    return rc;
}

/* cooldown._check_scaling_allowed on the group's metadata md (then
 * scaling_in_progress recorded true). cooldown: sanitised. */
static int scaling_allowed(hh_rctx *g, json_t *md, const json_t *cooldown, hh_error *err)
{
    void *it = json_object_iter(json_object_get(md, "cooldown_end"));
    char now[40], *cd, reason[128];

    if (json_is_true(json_object_get(md, "scaling_in_progress")))
        return no_action(g->name, "due to scaling activity", err);
    iso_time(hh_rctx_now(g), now, sizeof(now));
    if (it != NULL && strcmp(now, json_object_iter_key(it)) < 0) {
        cd = hh_py_str(cooldown);
        snprintf(reason, sizeof(reason), "due to cooldown, cooldown %s", cd != NULL ? cd : "0");
        free(cd);
        return no_action(g->name, reason, err);
    }
    json_object_set_new(md, "scaling_in_progress", json_true());
    return hh_rctx_metadata_set(g, md, err);
}

/* AutoScalingResourceGroup.adjust of group g by policy p's properties:
 * in the signal's transaction, scaling_in_progress, the intent
 * (DATA_SCALING) and the update of the group's stack to the new size,
 * whose token is a new UUID (a crash before the commit leaves nothing;
 * after it, the stack's update resumes as any). */
static int adjust(hh_rctx *p, hh_rctx *g, hh_error *err)
{
    const json_t *pp = p->properties, *cdj = json_object_get(pp, "cooldown");
    const char *type = json_string_value(json_object_get(pp, "adjustment_type"));
    const json_t *adj = json_object_get(pp, "scaling_adjustment");
    json_t *md = NULL, *all = NULL, *row = NULL, *tmpl = NULL, *cooldown = NULL, *rec = NULL;
    json_int_t size, want, step = json_integer_value(json_object_get(pp, "min_adjustment_step"));
    hh_rnested_spec spec = {0};
    char *text = NULL, *astr = NULL, token[48];
    const char *st;
    bool busy;
    int rc;

    if (g->physical_id[0] == '\0')
        return no_action(NULL, NULL, err);
    rc = hh_rctx_metadata_get(g, &md, err);
    if (rc == 0)
        rc = finish_signal_resize(g, md, &busy, err);
    if (rc == 0 && !busy) {
        json_decref(md);
        md = NULL;
        rc = hh_rctx_metadata_get(g, &md, err);
    }
    /* the group is COMPLETE (resizing after a signal is too) */
    if (rc == 0)
        rc = hh_rctx_nested_get(g, g->physical_id, &row, err);
    st = json_string_value(json_object_get(row, "status"));
    if (rc == 0 && !busy && (st == NULL || strcmp(st, "COMPLETE") != 0))
        rc = no_action(NULL, NULL, err);
    if (rc == 0)
        rc = members(g, &all, &size, err);
    if (rc != 0)
        goto done;
    want = new_capacity(g, size, json_number_value(adj), type, step);
    if (want == size) {
        rc = no_action(NULL, NULL, err);
        goto done;
    }
    /* the policy's cooldown, else the group's; sanitised */
    cooldown =
        json_is_number(cdj) ? json_incref((json_t *)cdj) : json_integer(prop_int(g, "cooldown"));
    if (json_number_value(cooldown) < 0) {
        json_decref(cooldown);
        cooldown = json_integer(0);
    }
    rc = scaling_allowed(g, md, cooldown, err);
    if (rc != 0)
        goto done;
    astr = hh_py_str(adj);
    rec = json_pack("{s:I,s:s++}", "cooldown", (json_int_t)json_number_value(cooldown), "reason",
                    type, " : ", astr != NULL ? astr : "");
    text = rec != NULL ? json_dumps(rec, JSON_COMPACT) : NULL;
    rc = text != NULL ? hh_rctx_data_set(g, DATA_SCALING, text, false) : oom(err);
    if (rc == 0)
        rc = group_template(g, all, want, 0, &tmpl, err);
    if (rc == 0) {
        memcpy(token, "signal:", 8);
        rc = hh_rctx_uuid4(g, token + 7);
    }
    if (rc == 0) {
        spec.template = tmpl;
        rc = hh_rctx_nested_update_token(g, &spec, token, err);
    }
done:
    free(astr);
    free(text);
    json_decref(rec);
    json_decref(cooldown);
    json_decref(tmpl);
    json_decref(row);
    json_decref(all);
    json_decref(md);
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_autoscaling_group = {
    .handle_create = asg_create,
    .check_create_complete = asg_check_create,
    .handle_update = asg_update,
    .check_update_complete = asg_check_update,
    .handle_delete = hh_rnested_handle_delete,
    .check_delete_complete = hh_rnested_check_delete,
    .handle_cancel = hh_rnested_cancel,
    .get_attribute = asg_attribute,
    .flags = HH_RPLUGIN_ALWAYS_UPDATE,
};

/* ---- OS::Heat::ScalingPolicy ---------------------------------------------- */

/* validate: min_adjustment_step only with percent_change_in_capacity. */
static int policy_validate(const hh_rtype *t, const char *name, const json_t *props,
                           const hh_props_opts *opts, const char *section, hh_error *err)
{
    const char *type = json_string_value(json_object_get(props, "adjustment_type"));
    const json_t *step = json_object_get(props, "min_adjustment_step");

    (void)t;
    (void)name;
    (void)opts;
    (void)section;
    if (step != NULL && !json_is_null(step) &&
        (type == NULL || strcmp(type, "percent_change_in_capacity") != 0))
        return hh_error_set(err, HH_EINVAL, "ResourcePropertyValueDependency",
                            "min_adjustment_step property should only be specified for "
                            "adjustment_type with value percent_change_in_capacity.");
    return 0;
}

/* SignalResponder.handle_create without Keystone: the stack user's id
 * (32 random hex digits, as a wait condition handle's) is the physical
 * id. */
static int policy_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    char u[37], id[33];
    int rc = 0, k = 0;

    (void)err;
    if (ctx->physical_id[0] == '\0' && (rc = hh_rctx_uuid4(ctx, u)) == 0) {
        for (int i = 0; u[i] != '\0'; i++)
            if (u[i] != '-')
                id[k++] = u[i];
        id[k] = '\0';
        rc = hh_rctx_set_physical_id(ctx, id);
    }
    if (rc == 0)
        rc = hh_rsignal_prepare(ctx); /* the keypair and the alarm URLs */
    step->done = rc == 0;
    return rc;
}

static int policy_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    (void)ctx;
    (void)prop_diff;
    (void)err;
    step->done = true;
    return 0;
}

/* handle_signal: the group named auto_scaling_group_id among the stack's
 * resources (resource_by_refid) adjusted by this policy. */
static int policy_signal(hh_rctx *ctx, const json_t *details, char **result, hh_error *err)
{
    const char *ref = json_string_value(json_object_get(ctx->properties, "auto_scaling_group_id"));
    hh_rctx *g = NULL;
    int rc;

    (void)details;
    *result = NULL;
    rc = hh_rctx_peer_open(ctx, ref != NULL ? ref : "", &g, err);
    if (rc != 0)
        return rc;
    if (g == NULL)
        return hh_error_set(err, HH_ENOTFOUND, "NotFound",
                            "Alarm %s could not find scaling group named \"%s\"", ctx->name,
                            ref != NULL ? ref : "");
    if (g->type->ops != &hh_rplugin_heat_autoscaling_group)
        rc = hh_error_set(err, HH_EINVAL, "AttributeError", "'%s' object has no attribute 'adjust'",
                          g->type->class_name != NULL ? g->type->class_name : "Resource");
    else
        rc = adjust(ctx, g, err);
    hh_rctx_peer_close(ctx, g);
    return rc;
}

/* _resolve_attribute: alarm_url and signal_url. */
static int policy_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay,
                            hh_error *err)
{
    (void)delay;
    (void)err;
    *out = NULL;
    if (strcmp(attr, "alarm_url") == 0 || strcmp(attr, "signal_url") == 0)
        return hh_rsignal_url(ctx, strcmp(attr, "signal_url") == 0, out);
    *out = json_null();
    return *out != NULL ? 0 : ENOMEM;
}

const struct hh_rplugin_ops hh_rplugin_heat_scaling_policy = {
    .validate = policy_validate,
    .handle_create = policy_create,
    .handle_update = policy_update,
    .handle_signal = policy_signal,
    .resolve_attribute = policy_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};
