/* res_plugin: dispatch of resource handlers with Heat's defaults, update
 * decisions, physical names and the random string generator. See
 * res_plugin.h for the contracts. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "hh_py.h"
#include "res_plugin.h"

const char *hh_raction_name(hh_raction a)
{
    static const char *const names[] = {"CREATE", "UPDATE", "DELETE", "SUSPEND",
                                        "RESUME", "CHECK",  "ADOPT",  "SNAPSHOT"};

    return (unsigned)a < sizeof(names) / sizeof(names[0]) ? names[a] : "UNKNOWN";
}

/* ---- context ------------------------------------------------------------ */

int hh_rctx_data_get(hh_rctx *ctx, const char *key, char **value)
{
    *value = NULL;
    if (ctx->ops == NULL || ctx->ops->data_get == NULL)
        return HH_EINTERNAL;
    return ctx->ops->data_get(ctx->ud, key, value);
}

int hh_rctx_data_set(hh_rctx *ctx, const char *key, const char *value, bool redact)
{
    if (ctx->ops == NULL || ctx->ops->data_set == NULL)
        return HH_EINTERNAL;
    return ctx->ops->data_set(ctx->ud, key, value, redact);
}

int hh_rctx_set_physical_id(hh_rctx *ctx, const char *id)
{
    int rc;

    if (ctx->ops == NULL || ctx->ops->set_physical_id == NULL)
        return HH_EINTERNAL;
    if (strlen(id) >= sizeof(ctx->physical_id))
        return HH_ELIMIT;
    rc = ctx->ops->set_physical_id(ctx->ud, id);
    if (rc == 0)
        snprintf(ctx->physical_id, sizeof(ctx->physical_id), "%s", id);
    return rc;
}

double hh_rctx_now(hh_rctx *ctx)
{
    return ctx->ops != NULL && ctx->ops->now != NULL ? ctx->ops->now(ctx->ud) : 0.0;
}

static int no_meta_op(hh_error *err)
{
    return hh_error_set(err, HH_EUNSUPPORTED, NULL, "the engine gives no resource metadata");
}

int hh_rctx_metadata_get(hh_rctx *ctx, json_t **out, hh_error *err)
{
    *out = NULL;
    if (ctx->ops == NULL || ctx->ops->metadata_get == NULL)
        return no_meta_op(err);
    return ctx->ops->metadata_get(ctx->ud, out, err);
}

int hh_rctx_metadata_set(hh_rctx *ctx, const json_t *metadata, hh_error *err)
{
    if (ctx->ops == NULL || ctx->ops->metadata_set == NULL)
        return no_meta_op(err);
    return ctx->ops->metadata_set(ctx->ud, metadata, err);
}

const json_t *hh_rctx_stack_row(hh_rctx *ctx)
{
    if (ctx->ops == NULL || ctx->ops->stack_row == NULL)
        return NULL;
    return ctx->ops->stack_row(ctx->ud);
}

int hh_rctx_peer_open(hh_rctx *ctx, const char *refid, hh_rctx **peer, hh_error *err)
{
    *peer = NULL;
    if (ctx->ops == NULL || ctx->ops->peer_open == NULL)
        return no_meta_op(err);
    return ctx->ops->peer_open(ctx->ud, refid, peer, err);
}

void hh_rctx_peer_close(hh_rctx *ctx, hh_rctx *peer)
{
    if (peer != NULL && ctx->ops != NULL && ctx->ops->peer_close != NULL)
        ctx->ops->peer_close(ctx->ud, peer);
}

int hh_rctx_config_create(hh_rctx *ctx, const char *name, const char *group, const json_t *config,
                          hh_error *err)
{
    char id[37];
    int rc;

    if (ctx->ops == NULL || ctx->ops->config_create == NULL)
        return no_meta_op(err);
    rc = ctx->ops->config_create(ctx->ud, name, group, config, id, err);
    if (rc == 0)
        snprintf(ctx->physical_id, sizeof(ctx->physical_id), "%s", id);
    return rc;
}

int hh_rctx_config_get(hh_rctx *ctx, const char *id, json_t **out, hh_error *err)
{
    *out = NULL;
    if (ctx->ops == NULL || ctx->ops->config_get == NULL)
        return no_meta_op(err);
    return ctx->ops->config_get(ctx->ud, id, out, err);
}

int hh_rctx_config_delete(hh_rctx *ctx, const char *id, hh_error *err)
{
    if (ctx->ops == NULL || ctx->ops->config_delete == NULL)
        return no_meta_op(err);
    return ctx->ops->config_delete(ctx->ud, id, err);
}

int hh_rctx_peer_signal(hh_rctx *ctx, hh_rctx *peer, const json_t *details, hh_error *err)
{
    if (ctx->ops == NULL || ctx->ops->peer_signal == NULL)
        return no_meta_op(err);
    return ctx->ops->peer_signal(ctx->ud, peer, details, err);
}

bool hh_rctx_cancelled(const hh_rctx *ctx)
{
    return ctx->cancel != NULL && atomic_load(ctx->cancel);
}

int hh_rctx_random(hh_rctx *ctx, void *buf, size_t len)
{
    unsigned char *p = buf;

    if (ctx->ops != NULL && ctx->ops->random != NULL)
        return ctx->ops->random(ctx->ud, buf, len);
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* ---- nested stacks ------------------------------------------------------- */

static int no_nested(hh_error *err)
{
    return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                        "Nested stacks are not supported here.");
}

int hh_rctx_nested_create(hh_rctx *ctx, const hh_rnested_spec *spec, hh_error *err)
{
    char id[HH_RPHYS_ID_MAX];
    int rc;

    if (ctx->ops == NULL || ctx->ops->nested_create == NULL)
        return no_nested(err);
    snprintf(id, sizeof(id), "%s", ctx->physical_id);
    rc = ctx->ops->nested_create(ctx->ud, spec, id, err);
    if (id[0] != '\0')
        snprintf(ctx->physical_id, sizeof(ctx->physical_id), "%s", id);
    return rc;
}

int hh_rctx_nested_get(hh_rctx *ctx, const char *child_id, json_t **row, hh_error *err)
{
    *row = NULL;
    if (ctx->ops == NULL || ctx->ops->nested_get == NULL)
        return no_nested(err);
    return ctx->ops->nested_get(ctx->ud, child_id, row, err);
}

int hh_rctx_nested_template(hh_rctx *ctx, const char *child_id, json_t **tmpl, hh_error *err)
{
    *tmpl = NULL;
    if (ctx->ops == NULL || ctx->ops->nested_template == NULL)
        return no_nested(err);
    return ctx->ops->nested_template(ctx->ud, child_id, tmpl, err);
}

int hh_rctx_update_policy(hh_rctx *ctx, json_t **out, hh_error *err)
{
    *out = NULL;
    if (ctx->ops == NULL || ctx->ops->update_policy == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, NULL, "update_policy is not available here.");
    return ctx->ops->update_policy(ctx->ud, out, err);
}

int hh_rctx_nested_resources(hh_rctx *ctx, const char *child_id, json_t **rows, hh_error *err)
{
    *rows = NULL;
    if (ctx->ops == NULL || ctx->ops->nested_resources == NULL)
        return no_nested(err);
    return ctx->ops->nested_resources(ctx->ud, child_id, rows, err);
}

int hh_rctx_nested_resolve(hh_rctx *ctx, const char *child_id, const json_t *snippet,
                           json_t **value, hh_error *err)
{
    *value = NULL;
    if (ctx->ops == NULL || ctx->ops->nested_resolve == NULL)
        return no_nested(err);
    return ctx->ops->nested_resolve(ctx->ud, child_id, snippet, value, err);
}

int hh_rctx_nested_outputs(hh_rctx *ctx, const char *child_id, json_t **outputs, hh_error *err)
{
    *outputs = NULL;
    if (ctx->ops == NULL || ctx->ops->nested_outputs == NULL)
        return no_nested(err);
    return ctx->ops->nested_outputs(ctx->ud, child_id, outputs, err);
}

int hh_rctx_nested_update(hh_rctx *ctx, const hh_rnested_spec *spec, hh_error *err)
{
    char token[64];

    if (ctx->ops == NULL || ctx->ops->nested_update == NULL)
        return no_nested(err);
    snprintf(token, sizeof(token), "%.6f", ctx->action_started);
    return ctx->ops->nested_update(ctx->ud, ctx->physical_id, spec, token, err);
}

int hh_rctx_nested_update_token(hh_rctx *ctx, const hh_rnested_spec *spec, const char *token,
                                hh_error *err)
{
    if (ctx->ops == NULL || ctx->ops->nested_update == NULL)
        return no_nested(err);
    return ctx->ops->nested_update(ctx->ud, ctx->physical_id, spec, token, err);
}

int hh_rctx_nested_delete(hh_rctx *ctx, const char *child_id, hh_error *err)
{
    if (ctx->ops == NULL || ctx->ops->nested_delete == NULL)
        return no_nested(err);
    return ctx->ops->nested_delete(ctx->ud, child_id, err);
}

int hh_rctx_nested_cancel(hh_rctx *ctx, const char *child_id, hh_error *err)
{
    if (ctx->ops == NULL || ctx->ops->nested_cancel == NULL)
        return no_nested(err);
    return ctx->ops->nested_cancel(ctx->ud, child_id, err);
}

/* A uniform integer in [0, n), n > 0: rejection sampling of 32-bit draws,
 * as Python's _randbelow rejects out-of-range bits. */
static int rand_below(hh_rctx *ctx, uint32_t n, uint32_t *out)
{
    uint32_t limit = UINT32_MAX - (UINT32_MAX % n), r;
    int rc;

    do {
        rc = hh_rctx_random(ctx, &r, sizeof(r));
        if (rc != 0)
            return rc;
    } while (r >= limit);
    *out = r % n;
    return 0;
}

int hh_rctx_uuid4(hh_rctx *ctx, char out[37])
{
    unsigned char b[16];
    int rc = hh_rctx_random(ctx, b, sizeof(b));

    if (rc != 0)
        return rc;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
    return 0;
}

/* ---- dispatch ------------------------------------------------------------ */

static int no_ops(const hh_rtype *t, hh_error *err)
{
    return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.",
                        t != NULL ? t->name : "(no type)");
}

int hh_rplugin_properties(const hh_rtype *t, const json_t *props, const char *section, json_t **out,
                          hh_error *err)
{
    *out = NULL;
    if (t == NULL)
        return hh_error_set(err, HH_EINTERNAL, NULL, "no resource type");
    if (t->flags & HH_RT_ANY_PROPERTIES) {
        *out = json_object();
        return *out != NULL ? 0 : ENOMEM;
    }
    if (t->flags & HH_RT_PASS_PROPERTIES) {
        *out = props != NULL ? json_deep_copy(props) : json_object();
        return *out != NULL ? 0 : ENOMEM;
    }
    return hh_props_resolve(t->properties, props, section, out, err);
}

int hh_rplugin_validate(const hh_rtype *t, const char *name, const json_t *props,
                        const hh_props_opts *opts, const char *section, hh_error *err)
{
    if (t == NULL || t->ops == NULL || t->ops->validate == NULL)
        return 0;
    return t->ops->validate(t, name, props, opts, section, err);
}

static void step_init(hh_rstep *step)
{
    step->done = false;
    step->poll_secs = 0;
    step->reason[0] = '\0';
}

/* resource.py handle_adopt, from the adopt data kept under HH_RDATA_ADOPT
 * (see hh_rplugin_handle). */
static int default_adopt(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    json_t *d = NULL, *data, *v;
    const char *rid, *key;
    char *text = NULL, *dumped;
    int rc;

    rc = hh_rctx_data_get(ctx, HH_RDATA_ADOPT, &text);
    if (rc != 0)
        return hh_error_set(err, rc, NULL, "resource data: %s", hh_strerror(rc));
    if (text == NULL && ctx->physical_id[0] != '\0') {
        step->done = true; /* applied before the engine died */
        return 0;
    }
    d = text != NULL ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
    rid = json_string_value(json_object_get(d, "resource_id"));
    if (rid == NULL || rid[0] == '\0') {
        rc = hh_error_set(err, HH_EINVAL, "Exception", "Resource ID was not provided.");
        goto done;
    }
    rc = hh_rctx_set_physical_id(ctx, rid);
    data = json_object_get(d, "resource_data");
    json_object_foreach(json_is_object(data) ? data : NULL, key, v)
    {
        if (rc != 0)
            break;
        if (json_is_string(v)) {
            rc = hh_rctx_data_set(ctx, key, json_string_value(v), false);
            continue;
        }
        dumped = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        rc = dumped != NULL ? hh_rctx_data_set(ctx, key, dumped, false) : ENOMEM;
        free(dumped);
    }
    if (rc == 0)
        rc = hh_rctx_data_set(ctx, HH_RDATA_ADOPT, NULL, false);
    if (rc != 0)
        hh_error_set(err, rc, NULL, "adopt: %s", hh_strerror(rc));
    else
        step->done = true;
done:
    json_decref(d);
    free(text);
    return rc;
}

int hh_rplugin_handle(const hh_rtype *t, hh_raction action, hh_rctx *ctx, const json_t *prop_diff,
                      hh_rstep *step, hh_error *err)
{
    const struct hh_rplugin_ops *o = t != NULL ? t->ops : NULL;
    int (*h)(hh_rctx *, hh_rstep *, hh_error *) = NULL;

    step_init(step);
    if (o == NULL)
        return no_ops(t, err);
    switch (action) {
    case HH_RACT_CREATE:
        h = o->handle_create;
        break;
    case HH_RACT_UPDATE:
        if (o->handle_update != NULL)
            return o->handle_update(ctx, prop_diff, step, err);
        break;
    case HH_RACT_DELETE:
        h = o->handle_delete;
        break;
    case HH_RACT_SUSPEND:
        h = o->handle_suspend;
        break;
    case HH_RACT_RESUME:
        h = o->handle_resume;
        break;
    case HH_RACT_CHECK:
        if (o->handle_check == NULL) {
            /* resource.py check(): no handle_check */
            snprintf(step->reason, sizeof(step->reason), "CHECK not supported for %s", t->name);
            step->done = true;
            return 0;
        }
        h = o->handle_check;
        break;
    case HH_RACT_ADOPT:
        if (o->handle_adopt != NULL)
            return o->handle_adopt(ctx, step, err);
        return default_adopt(ctx, step, err);
    case HH_RACT_SNAPSHOT:
        break;
    default:
        return hh_error_set(err, HH_EINTERNAL, NULL, "unknown resource action %d", (int)action);
    }
    if (h == NULL) {
        step->done = true;
        return 0;
    }
    return h(ctx, step, err);
}

int hh_rplugin_check_complete(const hh_rtype *t, hh_raction action, hh_rctx *ctx, hh_rstep *step,
                              hh_error *err)
{
    const struct hh_rplugin_ops *o = t != NULL ? t->ops : NULL;
    int (*c)(hh_rctx *, hh_rstep *, hh_error *) = NULL;

    step_init(step);
    if (o == NULL)
        return no_ops(t, err);
    switch (action) {
    case HH_RACT_CREATE:
        c = o->check_create_complete;
        break;
    case HH_RACT_UPDATE:
        c = o->check_update_complete;
        break;
    case HH_RACT_DELETE:
        c = o->check_delete_complete;
        break;
    case HH_RACT_SUSPEND:
        c = o->check_suspend_complete;
        break;
    case HH_RACT_RESUME:
        c = o->check_resume_complete;
        break;
    case HH_RACT_CHECK:
        c = o->check_check_complete;
        break;
    case HH_RACT_ADOPT:
        c = o->check_adopt_complete;
        break;
    case HH_RACT_SNAPSHOT:
        break;
    default:
        return hh_error_set(err, HH_EINTERNAL, NULL, "unknown resource action %d", (int)action);
    }
    if (c == NULL) {
        step->done = true;
        return 0;
    }
    if (hh_rctx_cancelled(ctx))
        return hh_error_set(err, ECANCELED, "Cancelled", "%s cancelled", hh_raction_name(action));
    return c(ctx, step, err);
}

int hh_rplugin_cancel(const hh_rtype *t, hh_raction action, hh_rctx *ctx, hh_error *err)
{
    if (t == NULL || t->ops == NULL || t->ops->handle_cancel == NULL)
        return 0;
    return t->ops->handle_cancel(ctx, action, err);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int hh_rplugin_update_decide(const hh_rtype *t, const char *name, const json_t *before,
                             const json_t *after, hh_rupdate *decision, json_t **prop_diff,
                             hh_error *err)
{
    json_t *changed = NULL, *diff = NULL;
    const char **immutable = NULL;
    size_t n_imm = 0, i;
    bool allowed = true;
    const char *key;
    json_t *v;
    int rc = 0;

    *decision = HH_RUPDATE_NONE;
    if (prop_diff != NULL)
        *prop_diff = NULL;
    if (t == NULL)
        return hh_error_set(err, HH_EINTERNAL, NULL, "no resource type");
    if (t->ops != NULL && (t->ops->flags & HH_RPLUGIN_NEVER_UPDATE))
        return 0;
    changed = json_array();
    diff = json_object();
    if (changed == NULL || diff == NULL) {
        rc = ENOMEM;
        goto done;
    }
    /* Properties iterate over the schema: both sides hold every name */
    json_object_foreach((json_t *)after, key, v)
    {
        if (hh_py_eq(json_object_get(before, key), v))
            continue;
        if (json_array_append_new(changed, json_string(key)) != 0 ||
            json_object_set(diff, key, v) != 0) {
            rc = ENOMEM;
            goto done;
        }
    }
    json_object_foreach((json_t *)before, key, v)
    {
        if (json_object_get(after, key) == NULL && !json_is_null(v) &&
            json_array_append_new(changed, json_string(key)) != 0) {
            rc = ENOMEM;
            goto done;
        }
    }
    if (json_array_size(changed) == 0) {
        if (t->ops != NULL && (t->ops->flags & HH_RPLUGIN_ALWAYS_UPDATE)) {
            *decision = HH_RUPDATE_IN_PLACE;
            if (prop_diff != NULL) {
                *prop_diff = diff;
                diff = NULL;
            }
        }
        goto done;
    }

    immutable = calloc(json_array_size(changed), sizeof(*immutable));
    if (immutable == NULL) {
        rc = ENOMEM;
        goto done;
    }
    for (i = 0; i < json_array_size(changed); i++) {
        const char *k = json_string_value(json_array_get(changed, i));
        const hh_pschema *p = hh_pschema_find(t->properties, k);

        if (p != NULL && p->immutable)
            immutable[n_imm++] = k;
        /* a template resource's properties are its template's
         * parameters, all update_allowed (schema_from_params) */
        if (p == NULL ? !(t->flags & HH_RT_PASS_PROPERTIES) : !p->update_allowed)
            allowed = false;
    }
    if (n_imm > 0) {
        char list[1024] = "";
        size_t off = 0;

        qsort(immutable, n_imm, sizeof(*immutable), cmp_str);
        for (i = 0; i < n_imm && off < sizeof(list); i++)
            off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s", i ? ", " : "",
                                    immutable[i]);
        rc = hh_error_set(err, HH_EUNSUPPORTED, "NotSupported",
                          "Update to properties %s of %s (%s) is not supported.", list,
                          name != NULL ? name : "", t->name);
        goto done;
    }
    if (t->ops != NULL && t->ops->needs_replace != NULL &&
        t->ops->needs_replace(changed, after, before)) {
        *decision = HH_RUPDATE_REPLACE;
        goto done;
    }
    if (!allowed) {
        *decision = HH_RUPDATE_REPLACE;
        goto done;
    }
    *decision = HH_RUPDATE_IN_PLACE;
    if (prop_diff != NULL) {
        *prop_diff = diff;
        diff = NULL;
    }
done:
    free(immutable);
    json_decref(changed);
    json_decref(diff);
    return rc;
}

int hh_rplugin_reference_id(const hh_rtype *t, hh_rctx *ctx, json_t **out, hh_error *err)
{
    *out = NULL;
    if (t == NULL || t->ops == NULL)
        return no_ops(t, err);
    if (t->ops->reference_id != NULL)
        return t->ops->reference_id(ctx, out, err);
    /* resource.py get_reference_id */
    *out = json_string(ctx->physical_id[0] != '\0' ? ctx->physical_id : ctx->name);
    return *out != NULL ? 0 : ENOMEM;
}

int hh_rplugin_attribute(const hh_rtype *t, hh_rctx *ctx, const char *attr, json_t **out,
                         double *delay_secs, hh_error *err)
{
    return hh_rplugin_attribute_path(t, ctx, attr, NULL, out, delay_secs, err);
}

int hh_rplugin_attribute_path(const hh_rtype *t, hh_rctx *ctx, const char *attr, const json_t *path,
                              json_t **out, double *delay_secs, hh_error *err)
{
    double delay = 0;
    json_t *v;
    int rc;

    *out = NULL;
    if (delay_secs != NULL)
        *delay_secs = 0;
    if (t == NULL || t->ops == NULL)
        return no_ops(t, err);
    if (!hh_rtype_has_attribute(t, attr))
        return hh_rtype_attribute_error(ctx->name, attr, err);
    if (strcmp(attr, hh_attr_show.name) == 0 ||
        (t->ops->resolve_attribute == NULL && t->ops->get_attribute == NULL)) {
        /* _show_resource of a type without a client entity: None */
        *out = json_null();
        return 0;
    }
    if (t->ops->get_attribute != NULL) {
        rc = t->ops->get_attribute(ctx, attr, path, out, &delay, err);
    } else {
        rc = t->ops->resolve_attribute(ctx, attr, out, &delay, err);
        if (rc == 0 && *out != NULL && json_array_size(path) > 0) {
            v = hh_py_select_path(*out, path, 0, json_null(), true);
            json_decref(*out);
            *out = v;
            if (v == NULL)
                rc = ENOMEM;
        }
    }
    if (rc == 0 && *out == NULL)
        *out = json_null();
    if (delay_secs != NULL)
        *delay_secs = delay;
    return rc;
}

int hh_rplugin_signal(const hh_rtype *t, hh_rctx *ctx, const json_t *details, char **result,
                      hh_error *err)
{
    *result = NULL;
    if (t == NULL || t->ops == NULL || t->ops->handle_signal == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, "ResourceActionNotSupported",
                            "signal is not supported for resource.");
    return t->ops->handle_signal(ctx, details, result, err);
}

/* ---- failure reasons ----------------------------------------------------- */

const char hh_rfailure_whole[] = "ResourceFailure(whole)";

static bool all_digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

/* Append path item s[0..n) as HeatExceptionWithPath joins them: digits as
 * "[n]", others after a '.' (none before the first). */
static void path_item(char *buf, size_t len, const char *s, size_t n)
{
    size_t at = strlen(buf);

    if (at >= len)
        return;
    if (all_digits(s, n))
        snprintf(buf + at, len - at, "[%.*s]", (int)n, s);
    else
        snprintf(buf + at, len - at, "%s%.*s", at > 0 ? "." : "", (int)n, s);
}

void hh_rfailure_reason(const char *name, const hh_error *err, int rc, char *buf, size_t len)
{
    char path[512] = "";

    if (len == 0)
        return;
    if (err != NULL && err->type == hh_rfailure_whole) {
        snprintf(buf, len, "%s", err->message);
        return;
    }
    path_item(path, sizeof(path), "resources", 9);
    path_item(path, sizeof(path), name, strlen(name));
    snprintf(buf, len, "%s: %s: %s", err != NULL && err->type != NULL ? err->type : "Error", path,
             err != NULL && err->message[0] != '\0' ? err->message : hh_strerror(rc));
}

/* Python's str.strip() of s[0..n): *s and *n narrowed. */
static void strip_span(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\n' ||
                      (*s)[*n - 1] == '\r'))
        (*n)--;
}

int hh_rfailure_nested(const char *name, const char *action, const char *reason, int rc,
                       hh_error *err)
{
    char marker[64], path[1024] = "", *msg = NULL;
    const char *parts[3], *p, *colon;
    size_t lens[3], k = 0, n;

    if (rc == 0)
        rc = HH_EINVAL;
    if (reason == NULL)
        reason = "";
    path_item(path, sizeof(path), "resources", 9);
    path_item(path, sizeof(path), name, strlen(name));
    snprintf(marker, sizeof(marker), "Resource %s failed: ", action != NULL ? action : "");
    if (strstr(reason, marker) != NULL) {
        /* _from_status_reason: split on ':', strip; four or more parts
         * are (_, error, path, message...) */
        for (p = reason; k < 3 && (colon = strchr(p, ':')) != NULL; p = colon + 1) {
            parts[k] = p;
            lens[k++] = (size_t)(colon - p);
        }
        if (k == 3) {
            const char *e = parts[1], *pp = parts[2], *dot;
            size_t en = lens[1], pn = lens[2];

            strip_span(&e, &en);
            strip_span(&pp, &pn);
            for (;;) {
                dot = memchr(pp, '.', pn);
                n = dot != NULL ? (size_t)(dot - pp) : pn;
                path_item(path, sizeof(path), pp, n);
                if (dot == NULL)
                    break;
                pn -= n + 1;
                pp = dot + 1;
            }
            /* ': '.join of the stripped parts from the fourth on */
            msg = malloc(strlen(p) * 2 + 1);
            if (msg == NULL)
                return hh_error_set(err, ENOMEM, NULL, "out of memory");
            n = 0;
            for (;;) {
                const char *c = strchr(p, ':'), *seg = p;
                size_t sn = c != NULL ? (size_t)(c - p) : strlen(p);

                strip_span(&seg, &sn);
                if (n > 0) {
                    msg[n++] = ':';
                    msg[n++] = ' ';
                }
                memcpy(msg + n, seg, sn);
                n += sn;
                if (c == NULL)
                    break;
                p = c + 1;
            }
            msg[n] = '\0';
            hh_error_set(err, rc, hh_rfailure_whole, "%.*s%s%s: %s", (int)en, e, en > 0 ? ": " : "",
                         path, msg);
            free(msg);
            return rc;
        }
    }
    hh_error_set(err, rc, hh_rfailure_whole, "%s: %s", path, reason);
    return rc;
}

/* ---- physical names ------------------------------------------------------ */

/* uuid.UUID(text) for the forms Heat stores: 32 hex digits, hyphens
 * allowed where the canonical form has them. */
static bool parse_uuid(const char *s, unsigned char b[16])
{
    size_t n = 0;

    for (; *s && n < 32; s++) {
        int v;

        if (*s == '-')
            continue;
        v = hh_py_hexdigit(*s);
        if (v < 0)
            return false;
        if (n % 2 == 0)
            b[n / 2] = (unsigned char)(v << 4);
        else
            b[n / 2] |= (unsigned char)v;
        n++;
    }
    return n == 32 && *s == '\0';
}

int hh_short_id(const char *uuid, char out[13], hh_error *err)
{
    static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";
    unsigned char b[16];
    uint64_t time, v;
    int i;

    if (uuid == NULL || !parse_uuid(uuid, b))
        return hh_error_set(err, HH_EINVAL, "ValueError", "badly formed hexadecimal UUID string");
    if ((b[6] >> 4) != 4)
        return hh_error_set(err, HH_EINVAL, "ValueError", "Invalid UUID version (%d)", b[6] >> 4);
    /* uuid.time: time_low, time_mid, the low 12 bits of time_hi_version */
    time = ((uint64_t)(b[6] & 0x0f) << 56) | ((uint64_t)b[7] << 48) | ((uint64_t)b[4] << 40) |
           ((uint64_t)b[5] << 32) | ((uint64_t)b[0] << 24) | ((uint64_t)b[1] << 16) |
           ((uint64_t)b[2] << 8) | (uint64_t)b[3];
    /* _to_byte_string(time, 60) pads 4 zero bits at the end; base32 of
     * it, first 12 characters = the 60 bits in groups of 5 */
    v = time << 4;
    for (i = 0; i < 12; i++)
        out[i] = b32[(v >> (59 - 5 * i)) & 31];
    out[12] = '\0';
    return 0;
}

/* Byte offset of code point number cp in s (or strlen at the end). */
static size_t utf8_offset(const char *s, size_t cp)
{
    size_t i = 0;

    for (; s[i] != '\0'; i++) {
        if (((unsigned char)s[i] & 0xc0) != 0x80) {
            if (cp == 0)
                return i;
            cp--;
        }
    }
    return i;
}

int hh_physical_name_reduce(const char *name, size_t limit, char **out, hh_error *err)
{
    size_t len = hh_utf8_len(name), head, tail;

    *out = NULL;
    if (limit == 0 || len <= limit) {
        *out = strdup(name);
        return *out != NULL ? 0 : ENOMEM;
    }
    if (limit < 4)
        return hh_error_set(err, HH_EINVAL, "ValueError", "limit cannot be less than 4");
    head = utf8_offset(name, 2);
    tail = utf8_offset(name, len - (limit - 3));
    *out = malloc(head + 1 + strlen(name + tail) + 1);
    if (*out == NULL)
        return ENOMEM;
    memcpy(*out, name, head);
    (*out)[head] = '-';
    strcpy(*out + head + 1, name + tail);
    return 0;
}

int hh_physical_name(const char *stack_name, const char *res_name, const char *uuid, size_t limit,
                     char **out, hh_error *err)
{
    char sid[13], *full = NULL;
    size_t sn;
    int rc;

    *out = NULL;
    rc = hh_short_id(uuid, sid, err);
    if (rc != 0)
        return rc;
    /* stack.name.rstrip('*') */
    sn = strlen(stack_name);
    while (sn > 0 && stack_name[sn - 1] == '*')
        sn--;
    if (asprintf(&full, "%.*s-%s-%s", (int)sn, stack_name, res_name, sid) < 0)
        return ENOMEM;
    rc = hh_physical_name_reduce(full, limit, out, err);
    free(full);
    return rc;
}

/* ---- password_gen.generate_password -------------------------------------- */

static const struct {
    const char *name;
    const char *members;
} char_classes[] = {
    {"lettersdigits", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"},
    {"letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    {"lowercase", "abcdefghijklmnopqrstuvwxyz"},
    {"uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    {"digits", "0123456789"},
    {"hexdigits", "0123456789ABCDEF"},
    {"octdigits", "01234567"},
};

/* A character set: code points, sorted, each once (Python's frozenset). */
typedef struct cpset {
    uint32_t *cp;
    size_t n;
} cpset;

static uint32_t utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = *s++;
    int more = 0;

    if (c >= 0xf0 && c < 0xf8) {
        c &= 0x07;
        more = 3;
    } else if (c >= 0xe0) {
        c &= 0x0f;
        more = 2;
    } else if (c >= 0xc0) {
        c &= 0x1f;
        more = 1;
    }
    while (more-- > 0 && (*s & 0xc0) == 0x80)
        c = (c << 6) | (*s++ & 0x3f);
    *p = s;
    return c;
}

static size_t utf8_put(uint32_t c, char *o)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xc0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xe0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        o[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    o[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

static int cmp_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return x < y ? -1 : x > y;
}

static void cpset_unique(cpset *s)
{
    size_t i, n = 0;

    if (s->n == 0)
        return;
    qsort(s->cp, s->n, sizeof(*s->cp), cmp_cp);
    for (i = 0; i < s->n; i++)
        if (n == 0 || s->cp[n - 1] != s->cp[i])
            s->cp[n++] = s->cp[i];
    s->n = n;
}

/* Append the code points of text to s. */
static int cpset_add_text(cpset *s, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t len = strlen(text);
    uint32_t *cp = realloc(s->cp, (s->n + len + 1) * sizeof(*cp));

    if (cp == NULL)
        return ENOMEM;
    s->cp = cp;
    while (*p)
        s->cp[s->n++] = utf8_next(&p);
    return 0;
}

static const char *class_members(const char *name)
{
    size_t i;

    for (i = 0; name != NULL && i < sizeof(char_classes) / sizeof(char_classes[0]); i++)
        if (strcmp(char_classes[i].name, name) == 0)
            return char_classes[i].members;
    return NULL;
}

static int empty_choice(hh_error *err)
{
    return hh_error_set(err, HH_EINVAL, "IndexError", "Cannot choose from an empty sequence");
}

/* One class: its members, its minimum count; chosen minimum characters
 * appended to buf, members joined to all. */
static int take_class(hh_rctx *ctx, const char *members, json_int_t min, cpset *all, uint32_t *buf,
                      size_t *nbuf, hh_error *err)
{
    cpset s = {NULL, 0};
    json_int_t i;
    int rc = cpset_add_text(&s, members);

    if (rc != 0)
        goto done;
    cpset_unique(&s);
    rc = cpset_add_text(all, members);
    for (i = 0; rc == 0 && i < min; i++) {
        uint32_t k;

        if (s.n == 0) {
            rc = empty_choice(err);
            break;
        }
        rc = rand_below(ctx, (uint32_t)s.n, &k);
        if (rc == 0)
            buf[(*nbuf)++] = s.cp[k];
    }
done:
    free(s.cp);
    return rc;
}

static json_int_t min_of(const json_t *item)
{
    const json_t *m = json_object_get(item, "min");

    return json_is_integer(m) ? json_integer_value(m) : 1;
}

int hh_random_string(hh_rctx *ctx, const json_t *sequences, const json_t *classes, size_t length,
                     char **out, hh_error *err)
{
    cpset all = {NULL, 0};
    uint32_t *buf = NULL;
    size_t nbuf = 0, cap = length, i, o;
    const json_t *item;
    int rc = 0;

    *out = NULL;
    json_array_foreach(sequences, i, item) cap += (size_t)(min_of(item) > 0 ? min_of(item) : 0);
    json_array_foreach(classes, i, item) cap += (size_t)(min_of(item) > 0 ? min_of(item) : 0);
    buf = calloc(cap + 1, sizeof(*buf));
    if (buf == NULL) {
        rc = ENOMEM;
        goto done;
    }
    /* the minimum number of characters of each class, in order */
    json_array_foreach(sequences, i, item)
    {
        const char *seq = json_string_value(json_object_get(item, "sequence"));

        rc = take_class(ctx, seq != NULL ? seq : "", min_of(item), &all, buf, &nbuf, err);
        if (rc != 0)
            goto done;
    }
    json_array_foreach(classes, i, item)
    {
        const char *m = class_members(json_string_value(json_object_get(item, "class")));

        if (m == NULL) {
            rc = hh_error_set(err, HH_EINVAL, "AssertionError", "unknown character class");
            goto done;
        }
        rc = take_class(ctx, m, min_of(item), &all, buf, &nbuf, err);
        if (rc != 0)
            goto done;
    }
    /* the rest from the union of all classes */
    cpset_unique(&all);
    while (nbuf < length) {
        uint32_t k;

        if (all.n == 0) {
            rc = empty_choice(err);
            goto done;
        }
        rc = rand_below(ctx, (uint32_t)all.n, &k);
        if (rc != 0)
            goto done;
        buf[nbuf++] = all.cp[k];
    }
    /* random.sample(selected, length): a uniform shuffle (Fisher-Yates),
     * then the first length (more only when the minimums exceed length,
     * which validate refuses) */
    for (i = nbuf; i > 1; i--) {
        uint32_t k, tmp;

        rc = rand_below(ctx, (uint32_t)i, &k);
        if (rc != 0)
            goto done;
        tmp = buf[i - 1];
        buf[i - 1] = buf[k];
        buf[k] = tmp;
    }
    nbuf = nbuf > length ? length : nbuf;
    *out = malloc(nbuf * 4 + 1);
    if (*out == NULL) {
        rc = ENOMEM;
        goto done;
    }
    for (i = 0, o = 0; i < nbuf; i++)
        o += utf8_put(buf[i], *out + o);
    (*out)[o] = '\0';
done:
    free(all.cp);
    free(buf);
    return rc;
}
