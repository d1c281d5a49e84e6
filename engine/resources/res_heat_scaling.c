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
 * last N stay (the oldest go first), and new ones after them. Every
 * member takes the current definition at once (Heat replaces changed
 * members in batches of rolling_updates; heat-ha updates them in one
 * child update). When a create or update completes, the group's metadata
 * records Heat's _finished_scaling: cooldown_end {<ISO time>: "exact_capacity
 * : <size>"} and scaling_in_progress false.
 *
 * Attributes: current_size (the members not FAILED), refs and refs_map
 * (their references), resource.<i> and resource.<i>.<attr> (the i-th
 * member of that list). outputs and outputs_list need the attribute path
 * of get_attr, which plugins are not given: InvalidTemplateAttribute. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "res_nested.h"

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

/* member_definitions: the last count of current (borrowed), then new
 * members named by short ids, every one of the definition `resource`;
 * the child template with the refs_map output (*out new). */
static int group_template(hh_rctx *ctx, const json_t *current, json_int_t count, json_t **out,
                          hh_error *err)
{
    const json_t *def = json_object_get(ctx->properties, "resource");
    json_t *names = json_array(), *defs = json_object();
    size_t n = json_array_size(current), i;
    char uuid[37], sid[13];
    int rc = 0;

    *out = NULL;
    if (names == NULL || defs == NULL) {
        rc = oom(err);
        goto done;
    }
    for (i = (json_int_t)n > count ? n - (size_t)count : 0; i < n; i++)
        json_array_append(names, json_array_get(current, i));
    while (rc == 0 && (json_int_t)json_array_size(names) < count) {
        rc = hh_rctx_uuid4(ctx, uuid);
        if (rc == 0)
            rc = hh_short_id(uuid, sid, err);
        if (rc == 0 && !has_name(names, sid))
            json_array_append_new(names, json_string(sid));
    }
    for (i = 0; rc == 0 && i < json_array_size(names); i++)
        json_object_set_new(defs, json_string_value(json_array_get(names, i)), json_deep_copy(def));
    if (rc != 0)
        goto done;
    *out = hh_rgroup_template(defs, names, true);
    defs = NULL;
    if (*out == NULL)
        rc = oom(err);
done:
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
        rc = group_template(ctx, all, count, &tmpl, err);
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

/* handle_update: resize to desired_capacity, or to the current size,
 * within the (new) bounds. */
static int asg_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    json_t *all = NULL;
    json_int_t size, want;
    int rc;

    (void)prop_diff;
    rc = members(ctx, &all, &size, err);
    json_decref(all);
    if (rc != 0)
        return rc;
    want = prop_int(ctx, "desired_capacity");
    return resize(ctx, bounded(ctx, want != 0 ? want : size), true, step, err);
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
    int rc = hh_rnested_check_update(ctx, step, err);

    return rc != 0 ? rc : finished(ctx, step, err);
}

/* ---- attributes ----------------------------------------------------------- */

static int asg_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay, hh_error *err)
{
    json_t *names = NULL;
    const char *idx, *dot;
    char *end = NULL, buf[512];
    long i;
    int rc;

    (void)delay;
    *out = NULL;
    if (strcmp(attr, "outputs") == 0 || strcmp(attr, "outputs_list") == 0)
        return hh_rtype_attribute_error(ctx->name, attr, err);
    if (strcmp(attr, "current_size") != 0 && strcmp(attr, "refs") != 0 &&
        strcmp(attr, "refs_map") != 0 && strncmp(attr, "resource.", 9) != 0)
        return hh_rtype_attribute_error(ctx->name, attr, err);
    rc = live_members(ctx, &names, err);
    if (rc != 0)
        return rc;
    if (strcmp(attr, "current_size") == 0) {
        *out = json_integer((json_int_t)json_array_size(names));
        rc = *out != NULL ? 0 : oom(err);
    } else if (strncmp(attr, "resource.", 9) == 0) {
        /* resource.<index>[.<attr>]: the index-th member */
        idx = attr + 9;
        dot = strchr(idx, '.');
        i = strtol(idx, &end, 10);
        if (end == idx || (dot != NULL ? end != dot : *end != '\0') || i < 0 ||
            (size_t)i >= json_array_size(names)) {
            rc = hh_error_set(
                err, HH_EINVAL, "NotFound", "Member '%.*s' not found in group resource '%s'.",
                (int)(dot != NULL ? (size_t)(dot - idx) : strlen(idx)), idx, ctx->name);
        } else {
            snprintf(buf, sizeof(buf), "resource.%s%s",
                     json_string_value(json_array_get(names, (size_t)i)), dot != NULL ? dot : "");
            rc = hh_rgroup_members_attribute(ctx, names, buf, true, out, err);
        }
    } else {
        rc = hh_rgroup_members_attribute(ctx, names, attr, true, out, err);
    }
    json_decref(names);
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_autoscaling_group = {
    .handle_create = asg_create,
    .check_create_complete = asg_check_create,
    .handle_update = asg_update,
    .check_update_complete = asg_check_update,
    .handle_delete = hh_rnested_handle_delete,
    .check_delete_complete = hh_rnested_check_delete,
    .resolve_attribute = asg_attribute,
    .flags = HH_RPLUGIN_ALWAYS_UPDATE,
};
