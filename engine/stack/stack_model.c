/* stack_model: a stack loaded from the store, and its functions resolved
 * against the store and the resource plugins (see stack_model.h). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hh_py.h"
#include "stack_internal.h"
#include "stack_model.h"
#include "stack_nested.h"

/* Section and key names of the two dialects. */
typedef struct model_names {
    const char *parameters, *resources, *outputs, *conditions, *mappings;
    const char *res_type, *res_properties;
    const char *out_value, *out_condition;
} model_names;

static const model_names hot_names = {"parameters", "resources",  "outputs", "conditions", NULL,
                                      "type",       "properties", "value",   "condition"};
static const model_names cfn_names = {"Parameters", "Resources", "Outputs",
                                      "Conditions", "Mappings",  "Type",
                                      "Properties", "Value",     "Condition"};

struct hh_stack_model {
    json_t *row;       /* the stack row */
    json_t *raw;       /* the raw template row */
    hh_tmpl *tmpl;     /* owned */
    hh_env *env;       /* owned */
    hh_params *params; /* owned; lookups under lock */
    pthread_mutex_t lock;
    json_t *graph; /* {name: [deps]} of enabled resources */
    json_t *impls; /* {name: implementation type} after the registry */
    const model_names *names;
    const hh_tversion *ver;
    char id[HH_STORE_ID_LEN];
};

static int oom(hh_error *err)
{
    return hh_error_set(err, ENOMEM, NULL, "out of memory");
}

static const json_t *section(const hh_stack_model *m, const char *name)
{
    const json_t *s = name ? json_object_get(hh_tmpl_doc(m->tmpl), name) : NULL;

    return json_is_null(s) ? NULL : s;
}

static const json_t *resource_def(const hh_stack_model *m, const char *name)
{
    return json_object_get(section(m, m->names->resources), name);
}

/* The implementation type of every enabled resource, once: a registry
 * lookup may record what it followed in the environment (tmpl_env.h), so
 * it is not for workers to do concurrently. */
static int resolve_impls(hh_stack_model *m, hh_error *err)
{
    const char *name, *type;
    json_t *v;
    char *impl = NULL;
    int rc;

    m->impls = json_object();
    if (m->impls == NULL)
        return oom(err);
    json_object_foreach(m->graph, name, v)
    {
        type = json_string_value(json_object_get(resource_def(m, name), m->names->res_type));
        if (type == NULL)
            continue;
        rc = hh_env_resolve_type(m->env, name, type, &impl, err);
        if (rc == HH_ENOTFOUND) {
            hh_error_clear(err);
        } else if (rc != 0) {
            return rc;
        }
        json_object_set_new(m->impls, name, json_string(impl ? impl : type));
        free(impl);
        impl = NULL;
    }
    return 0;
}

int hh_stack_model_load(hh_store *st, const char *id, bool show_deleted, hh_stack_model **out,
                        hh_error *err)
{
    hh_stack_model *m = NULL;
    json_t *doc = NULL, *files;
    hh_pseudo pseudo;
    int rc;

    *out = NULL;
    m = calloc(1, sizeof(*m));
    if (m == NULL)
        return oom(err);
    pthread_mutex_init(&m->lock, NULL);
    rc = hh_store_stack_get(st, id, show_deleted, &m->row, err);
    if (rc != 0)
        goto done;
    snprintf(m->id, sizeof(m->id), "%s", json_string_value(json_object_get(m->row, "id")));
    rc = hh_store_template_get(st, json_integer_value(json_object_get(m->row, "raw_template_id")),
                               &m->raw, err);
    if (rc != 0)
        goto done;
    rc = hh_env_from_json(json_object_get(m->raw, "environment"), &m->env, err);
    if (rc != 0)
        goto done;
    files = json_object_get(m->raw, "files");
    doc = json_deep_copy(json_object_get(m->raw, "template"));
    if (doc == NULL) {
        rc = oom(err);
        goto done;
    }
    rc = hh_tmpl_from_doc(doc, NULL, "template", json_is_object(files) ? files : NULL, NULL,
                          &m->tmpl, err);
    doc = NULL; /* stolen */
    if (rc != 0)
        goto done;
    m->ver = hh_tmpl_version(m->tmpl);
    m->names = m->ver->dialect == HH_DIALECT_CFN ? &cfn_names : &hot_names;
    rc = hh_tmpl_dependencies(m->tmpl, m->env, &m->graph, err);
    if (rc != 0)
        goto done;
    rc = resolve_impls(m, err);
    if (rc != 0)
        goto done;
    rc = hh_params_new(m->ver, section(m, m->names->parameters), &m->params, err);
    if (rc != 0)
        goto done;
    pseudo = (hh_pseudo){.stack_name = hh_stack_model_name(m),
                         .stack_id = m->id,
                         .project_id = hh_stack_model_tenant(m)};
    rc = hh_params_bind(m->params, hh_env_parameters(m->env), hh_env_parameter_defaults(m->env),
                        &pseudo, err);
done:
    if (rc != 0) {
        hh_stack_model_free(m);
        m = NULL;
    }
    *out = m;
    return rc;
}

void hh_stack_model_free(hh_stack_model *m)
{
    if (m == NULL)
        return;
    hh_params_free(m->params);
    hh_tmpl_free(m->tmpl);
    hh_env_free(m->env);
    json_decref(m->graph);
    json_decref(m->impls);
    json_decref(m->raw);
    json_decref(m->row);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

const char *hh_stack_model_id(const hh_stack_model *m)
{
    return m->id;
}

const char *hh_stack_model_name(const hh_stack_model *m)
{
    return json_string_value(json_object_get(m->row, "name"));
}

const char *hh_stack_model_tenant(const hh_stack_model *m)
{
    return json_string_value(json_object_get(m->row, "tenant"));
}

const json_t *hh_stack_model_row(const hh_stack_model *m)
{
    return m->row;
}

const json_t *hh_stack_model_graph(const hh_stack_model *m)
{
    return m->graph;
}

const json_t *hh_stack_model_template(const hh_stack_model *m)
{
    return hh_tmpl_doc(m->tmpl);
}

const json_t *hh_stack_model_resource_def(const hh_stack_model *m, const char *name)
{
    return resource_def(m, name);
}

const hh_params *hh_stack_model_params(const hh_stack_model *m)
{
    return m->params;
}

const char *hh_stack_model_impl(const hh_stack_model *m, const char *name)
{
    return json_string_value(json_object_get(m->impls, name));
}

const json_t *hh_stack_model_files(const hh_stack_model *m)
{
    const json_t *f = json_object_get(m->raw, "files");

    return json_is_object(f) ? f : NULL;
}

const hh_env *hh_stack_model_env(const hh_stack_model *m)
{
    return m->env;
}

const json_t *hh_stack_model_definition(const hh_stack_model *m, const char *name)
{
    return resource_def(m, name);
}

bool hh_stack_model_is_cfn(const hh_stack_model *m)
{
    return m->names == &cfn_names;
}

const char *hh_stack_model_type_name(const hh_stack_model *m, const char *name)
{
    return json_string_value(json_object_get(resource_def(m, name), m->names->res_type));
}

int hh_stack_model_rtype(const hh_stack_model *m, const char *name, const hh_rtype **out,
                         hh_error *err)
{
    const char *impl = json_string_value(json_object_get(m->impls, name));
    const hh_rtype *t;

    *out = NULL;
    if (impl == NULL)
        return hh_error_set(err, HH_ENOTFOUND, "ResourceNotFound",
                            "The Resource (%s) could not be found.", name);
    t = hh_rtype_is_template(impl) ? &hh_rtype_template_resource : hh_rtype_lookup(impl);
    if (t == NULL || t->ops == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.", impl);
    *out = t;
    return 0;
}

/* ---- the store-backed function context --------------------------------- */

typedef struct fctx_ud {
    hh_stack_model *m;
    hh_store *st;
} fctx_ud;

static int f_get_param(void *ud, const char *name, json_t **value, hh_error *err)
{
    hh_stack_model *m = ((fctx_ud *)ud)->m;
    int rc;

    pthread_mutex_lock(&m->lock);
    rc = hh_params_value(m->params, name, value, err);
    pthread_mutex_unlock(&m->lock);
    return rc;
}

/* The stored row and a context for it (properties from properties_data). */
static int stored_rctx(fctx_ud *u, const char *name, json_t **row, hh_stack_rctx_hold *hold,
                       hh_rctx *ctx, hh_error *err)
{
    int rc;

    *row = NULL;
    rc = hh_store_resource_get_by_name(u->st, u->m->id, name, row, err);
    if (rc != 0)
        return rc;
    return hh_stack_model_rctx(u->m, u->st, 0, *row, json_object_get(*row, "properties_data"), 0,
                               hold, ctx, err);
}

static int f_get_resource(void *ud, const char *name, json_t **value, hh_error *err)
{
    fctx_ud *u = ud;
    hh_stack_rctx_hold hold;
    hh_rctx ctx;
    json_t *row = NULL;
    int rc;

    if (json_object_get(u->m->graph, name) == NULL)
        return HH_ENOTFOUND;
    rc = stored_rctx(u, name, &row, &hold, &ctx, err);
    if (rc == HH_ENOTFOUND) {
        /* not stored: not created, the reference is the name */
        hh_error_clear(err);
        *value = json_string(name);
        return *value ? 0 : oom(err);
    }
    if (rc == 0)
        rc = hh_rplugin_reference_id(ctx.type, &ctx, value, err);
    json_decref(row);
    return rc;
}

/* Heat's "show" attribute: the resource as the API shows it. */
static json_t *show_attribute(const json_t *row)
{
    return json_pack("{s:O?,s:O?,s:O?,s:O?,s:O?,s:O?}", "id", json_object_get(row, "uuid"), "name",
                     json_object_get(row, "name"), "type", json_object_get(row, "type"),
                     "physical_resource_id", json_object_get(row, "physical_resource_id"), "action",
                     json_object_get(row, "action"), "status", json_object_get(row, "status"));
}

/* get_attr of res: attr with path (NULL: none), or every attribute
 * (attr NULL). */
static int get_attr_path(void *ud, const char *res, const char *attr, const json_t *path,
                         json_t **value, hh_error *err)
{
    fctx_ud *u = ud;
    hh_stack_rctx_hold hold;
    hh_rctx ctx;
    json_t *row = NULL, *all = NULL, *v = NULL;
    const hh_aschema *a;
    int rc;

    *value = NULL;
    if (json_object_get(u->m->graph, res) == NULL)
        return HH_ENOTFOUND;
    rc = stored_rctx(u, res, &row, &hold, &ctx, err);
    if (rc == HH_ENOTFOUND ||
        (rc == 0 && strcmp(json_string_value(json_object_get(row, "action")), "INIT") == 0)) {
        /* not created yet: no attributes (Heat answers None) */
        hh_error_clear(err);
        json_decref(row);
        *value = json_null();
        return 0;
    }
    if (rc != 0)
        goto done;
    if (attr != NULL && strcmp(attr, "show") == 0) {
        v = show_attribute(row);
        *value = v != NULL ? hh_py_select_path(v, path, 0, json_null(), true) : NULL;
        rc = *value ? 0 : oom(err);
    } else if (attr != NULL) {
        rc = hh_rplugin_attribute_path(ctx.type, &ctx, attr, path, value, NULL, err);
    } else {
        /* every attribute of the schema, and show */
        all = json_object();
        if (all == NULL) {
            rc = oom(err);
            goto done;
        }
        for (a = ctx.type->attributes; a != NULL && a->name != NULL; a++) {
            rc = hh_rplugin_attribute(ctx.type, &ctx, a->name, &v, NULL, err);
            if (rc != 0)
                goto done;
            json_object_set_new(all, a->name, v);
        }
        json_object_set_new(all, "show", show_attribute(row));
        *value = all;
        all = NULL;
        v = NULL;
    }
done:
    json_decref(v);
    json_decref(all);
    json_decref(row);
    return rc;
}

static int f_get_attr(void *ud, const char *res, const char *attr, json_t **value, hh_error *err)
{
    return get_attr_path(ud, res, attr, NULL, value, err);
}

static int f_get_attr_path(void *ud, const char *res, const char *attr, const json_t *path,
                           json_t **value, hh_error *err)
{
    return get_attr_path(ud, res, attr, path, value, err);
}

static int f_get_file(void *ud, const char *key, json_t **value, hh_error *err)
{
    fctx_ud *u = ud;
    json_t *v = json_object_get(json_object_get(u->m->raw, "files"), key);

    (void)err;
    if (v == NULL)
        return HH_ENOTFOUND;
    *value = json_incref(v);
    return 0;
}

static int f_get_azs(void *ud, json_t **value, hh_error *err)
{
    (void)ud;
    *value = NULL;
    return hh_error_set(err, HH_EUNSUPPORTED, "EndpointNotFound",
                        "Could not find requested endpoint in Service Catalog.");
}

static const hh_fctx_ops model_fctx_ops = {
    .get_param = f_get_param,
    .get_resource = f_get_resource,
    .get_attr = f_get_attr,
    .get_attr_path = f_get_attr_path,
    .get_file = f_get_file,
    .get_azs = f_get_azs,
};

static hh_fctx fctx_of(fctx_ud *u)
{
    hh_fctx ctx = {.ops = &model_fctx_ops,
                   .ud = u,
                   .mappings = section(u->m, u->m->names->mappings),
                   .conditions =
                       u->m->ver->conditions ? section(u->m, u->m->names->conditions) : NULL};

    return ctx;
}

/* A part of resource name's definition (key: its properties or metadata)
 * resolved against the stack; *out new reference (NULL when absent). */
static int resolve_part(hh_stack_model *m, hh_store *st, const char *name, const char *key,
                        json_t **out, hh_error *err)
{
    fctx_ud u = {m, st};
    hh_fctx ctx = fctx_of(&u);
    json_t *snippet = NULL;
    char path[512];
    int rc;

    *out = NULL;
    /* the evaluator gets its own copy: the document is shared by workers */
    snippet = json_deep_copy(json_object_get(resource_def(m, name), key));
    if (snippet == NULL)
        snippet = json_object();
    if (snippet == NULL)
        return oom(err);
    snprintf(path, sizeof(path), "%s.%s.%s", m->names->resources, name, key);
    rc = hh_func_resolve(m->ver, &ctx, snippet, path, out, err);
    json_decref(snippet);
    return rc;
}

int hh_stack_model_properties(hh_stack_model *m, hh_store *st, const char *name, json_t **out,
                              hh_error *err)
{
    const hh_rtype *t;
    json_t *resolved = NULL;
    char path[512];
    int rc;

    *out = NULL;
    rc = hh_stack_model_rtype(m, name, &t, err);
    if (rc != 0)
        return rc;
    rc = resolve_part(m, st, name, m->names->res_properties, &resolved, err);
    if (rc == 0) {
        snprintf(path, sizeof(path), "%s.%s", m->names->resources, name);
        rc = hh_rplugin_properties(t, json_is_object(resolved) ? resolved : NULL, path, out, err);
    }
    json_decref(resolved);
    return rc;
}

int hh_stack_model_metadata(hh_stack_model *m, hh_store *st, const char *name, json_t **out,
                            hh_error *err)
{
    int rc = resolve_part(m, st, name, m->names == &hot_names ? "metadata" : "Metadata", out, err);

    if (rc == 0 && !json_is_object(*out)) {
        json_decref(*out);
        *out = json_object();
        if (*out == NULL)
            rc = oom(err);
    }
    return rc;
}

/* ---- resource contexts -------------------------------------------------- */

static int r_data_get(void *ud, const char *key, char **value)
{
    hh_stack_rctx_hold *h = ud;
    int rc = hh_store_resource_data_get(h->st, h->res_id, key, value, NULL);

    if (rc == HH_ENOTFOUND) {
        *value = NULL;
        rc = 0;
    }
    return rc;
}

static int r_data_set(void *ud, const char *key, const char *value, bool redact)
{
    hh_stack_rctx_hold *h = ud;
    int rc;

    if (value == NULL) {
        /* Only a key that is there is deleted: a delete that finds nothing
         * would fail the step's transaction (hh_store's rule for a write
         * that fails inside one), and a handle's delete clears keys it may
         * never have set. */
        char *old = NULL;

        rc = hh_store_resource_data_get(h->st, h->res_id, key, &old, NULL);
        free(old);
        if (rc == 0)
            rc = hh_store_resource_data_delete(h->st, h->term, h->res_id, key, &h->err);
        if (rc == HH_ENOTFOUND)
            rc = 0;
    } else {
        rc = hh_store_resource_data_set(h->st, h->term, h->res_id, key, value, redact, &h->err);
    }
    if (rc != 0 && h->rc == 0)
        h->rc = rc;
    return rc;
}

static int r_set_physical_id(void *ud, const char *id)
{
    hh_stack_rctx_hold *h = ud;
    int rc = hh_store_resource_set_physical_id(h->st, h->term, h->res_id, id, &h->err);

    if (rc != 0 && h->rc == 0)
        h->rc = rc;
    return rc;
}

static double r_now(void *ud)
{
    struct timespec ts;

    (void)ud;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- metadata, stack row and peers (wait conditions, configs) ---- */

static int r_fail(hh_stack_rctx_hold *h, int rc)
{
    if (rc != 0 && h->rc == 0)
        h->rc = rc;
    return rc;
}

static int r_metadata_get(void *ud, json_t **out, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    json_t *row = NULL;
    int rc = hh_store_resource_get(h->st, h->res_id, &row, err);

    *out = NULL;
    if (rc == 0) {
        json_t *md = json_object_get(row, "rsrc_metadata");

        *out = json_is_object(md) ? json_incref(md) : json_object();
        rc = *out != NULL ? 0 : oom(err);
    }
    json_decref(row);
    return rc;
}

static int r_metadata_set(void *ud, const json_t *metadata, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    json_t *row = NULL;
    const char *act;
    int rc = hh_store_resource_get(h->st, h->res_id, &row, err);

    if (rc != 0)
        goto done;
    /* resource.py metadata_set: not before it exists, not while deleted */
    act = json_string_value(json_object_get(row, "action"));
    if (act == NULL || strcmp(act, "INIT") == 0 || strcmp(act, "DELETE") == 0) {
        rc = hh_error_set(err, HH_ENOTFOUND, "ResourceNotAvailable",
                          "The Resource (%s) is not available.",
                          json_string_value(json_object_get(row, "name")));
        goto done;
    }
    rc = r_fail(h, hh_store_resource_set_metadata(h->st, h->term, h->res_id, metadata, err));
done:
    json_decref(row);
    return rc;
}

static const json_t *r_stack_row(void *ud)
{
    hh_stack_rctx_hold *h = ud;

    return h->m != NULL ? hh_stack_model_row(h->m) : NULL;
}

/* A peer's context and what it points into. */
typedef struct peer_box {
    hh_rctx ctx; /* first: peer_close gets &box->ctx */
    hh_stack_rctx_hold hold;
    json_t *row;
} peer_box;

static void r_peer_close(void *ud, hh_rctx *peer)
{
    peer_box *b = (peer_box *)peer;

    (void)ud;
    if (b == NULL)
        return;
    json_decref(b->row);
    free(b);
}

/* stack.py resource_by_refid: the states it looks at. */
static bool refid_state(const json_t *row)
{
    static const char *const ok[][2] = {
        {"INIT", "COMPLETE"},      {"CREATE", "IN_PROGRESS"}, {"CREATE", "COMPLETE"},
        {"RESUME", "IN_PROGRESS"}, {"RESUME", "COMPLETE"},    {"UPDATE", "IN_PROGRESS"},
        {"UPDATE", "COMPLETE"},    {"CHECK", "COMPLETE"},
    };
    const char *a = json_string_value(json_object_get(row, "action"));
    const char *s = json_string_value(json_object_get(row, "status"));

    for (size_t i = 0; a != NULL && s != NULL && i < sizeof(ok) / sizeof(ok[0]); i++)
        if (strcmp(a, ok[i][0]) == 0 && strcmp(s, ok[i][1]) == 0)
            return true;
    return false;
}

static int r_peer_open(void *ud, const char *refid, hh_rctx **peer, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    json_t *rows = NULL, *row, *ref = NULL;
    peer_box *b = NULL;
    hh_error e2;
    size_t i;
    int rc;

    *peer = NULL;
    if (h->m == NULL)
        return hh_error_set(err, HH_EINTERNAL, NULL, "a resource context without its stack");
    rc = hh_store_resource_list(h->st, h->m->id, &rows, err);
    json_array_foreach(rows, i, row)
    {
        const char *name = json_string_value(json_object_get(row, "name"));
        bool match;

        if (rc != 0)
            break;
        if (!refid_state(row) || name == NULL || json_object_get(h->m->graph, name) == NULL)
            continue;
        if (b == NULL && (b = calloc(1, sizeof(*b))) == NULL) {
            rc = oom(err);
            break;
        }
        hh_error_clear(&e2);
        if (hh_stack_model_rctx(h->m, h->st, h->term, row, json_object_get(row, "properties_data"),
                                0, &b->hold, &b->ctx, &e2) != 0)
            continue;               /* a type without behaviour has no reference to match */
        b->hold.nested = h->nested; /* a scaling policy resizes its group */
        match = strcmp(name, refid) == 0;
        if (!match && hh_rplugin_reference_id(b->ctx.type, &b->ctx, &ref, &e2) == 0)
            match = json_is_string(ref) && strcmp(json_string_value(ref), refid) == 0;
        json_decref(ref);
        ref = NULL;
        if (match) {
            b->row = json_incref(row);
            *peer = &b->ctx;
            b = NULL;
            break;
        }
    }
    free(b);
    json_decref(rows);
    return rc;
}

static const char *tenant_of(const hh_stack_rctx_hold *h)
{
    return h->m != NULL ? hh_stack_model_tenant(h->m) : NULL;
}

static int r_config_create(void *ud, const char *name, const char *group, const json_t *config,
                           char id_out[37], hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    bool own = !hh_store_in_transaction(h->st); /* else the step's (HH_RPLUGIN_STORE_ONLY) */
    int rc = own ? hh_store_begin(h->st, err) : 0;

    if (rc != 0)
        return r_fail(h, rc);
    rc = hh_store_software_config_create(h->st, h->term, name, group, config, tenant_of(h), id_out,
                                         err);
    if (rc == 0)
        rc = hh_store_resource_set_physical_id(h->st, h->term, h->res_id, id_out, err);
    if (own && rc == 0)
        rc = hh_store_commit(h->st, err);
    else if (own)
        hh_store_rollback(h->st);
    return r_fail(h, rc);
}

static int r_config_get(void *ud, const char *id, json_t **out, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;

    return hh_store_software_config_get(h->st, id, tenant_of(h), out, err);
}

static int r_config_delete(void *ud, const char *id, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    int rc = hh_store_software_config_delete(h->st, h->term, id, tenant_of(h), err);

    return rc == HH_ENOTFOUND ? rc : r_fail(h, rc);
}

static int r_peer_signal(void *ud, hh_rctx *peer, const json_t *details, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    peer_box *b = (peer_box *)peer;

    return r_fail(h, hh_stack_signal_commit(h->m, h->st, h->term, b->row, details, h->nested, err));
}

/* update_policy: the definition's, resolved, then converted by the type's
 * update_policy schema. */
static int r_update_policy(void *ud, json_t **out, hh_error *err)
{
    hh_stack_rctx_hold *h = ud;
    const char *name = json_string_value(json_object_get(h->res, "name"));
    const hh_rtype *t;
    json_t *resolved = NULL;
    char path[512];
    int rc;

    *out = NULL;
    rc = hh_stack_model_row_rtype(h->m, h->st, h->res, &t, err);
    if (rc != 0)
        return rc;
    if (t->update_policy == NULL) {
        *out = json_object();
        return *out != NULL ? 0 : oom(err);
    }
    rc = resolve_part(h->m, h->st, name,
                      h->m->names == &hot_names ? "update_policy" : "UpdatePolicy", &resolved, err);
    if (rc == 0) {
        snprintf(path, sizeof(path), "%s.%s", h->m->names->resources, name);
        rc = hh_props_resolve(t->update_policy, json_is_object(resolved) ? resolved : NULL, path,
                              out, err);
    }
    json_decref(resolved);
    return rc;
}

static const hh_rctx_ops model_rctx_ops = {
    .data_get = r_data_get,
    .data_set = r_data_set,
    .set_physical_id = r_set_physical_id,
    .now = r_now,
    .random = NULL,
    .metadata_get = r_metadata_get,
    .metadata_set = r_metadata_set,
    .stack_row = r_stack_row,
    .peer_open = r_peer_open,
    .peer_close = r_peer_close,
    .config_create = r_config_create,
    .config_get = r_config_get,
    .config_delete = r_config_delete,
    .peer_signal = r_peer_signal,
    .nested_create = hh_stack_nested_op_create,
    .nested_get = hh_stack_nested_op_get,
    .nested_resources = hh_stack_nested_op_resources,
    .nested_resolve = hh_stack_nested_op_resolve,
    .nested_outputs = hh_stack_nested_op_outputs,
    .nested_update = hh_stack_nested_op_update,
    .nested_delete = hh_stack_nested_op_delete,
    .nested_cancel = hh_stack_nested_op_cancel,
    .nested_template = hh_stack_nested_op_template,
    .update_policy = r_update_policy,
};

/* The plugin type of impl, a type name or a template file (borrowed
 * static), or NULL when heat-ha has no behaviour for it. */
static const hh_rtype *impl_rtype(const char *impl)
{
    const hh_rtype *t =
        hh_rtype_is_template(impl) ? &hh_rtype_template_resource : hh_rtype_lookup(impl);

    return t != NULL && t->ops != NULL ? t : NULL;
}

/* impl_rtype of type after the registry of env (may be NULL), for the
 * resource res_name. */
static const hh_rtype *env_rtype(const hh_env *env, const char *res_name, const char *type)
{
    const hh_rtype *t = NULL;
    char *impl = NULL;

    if (env != NULL && hh_env_resolve_type(env, res_name, type, &impl, NULL) == 0 && impl != NULL)
        t = impl_rtype(impl);
    free(impl);
    return t;
}

int hh_stack_model_row_rtype(hh_stack_model *m, hh_store *st, const json_t *res,
                             const hh_rtype **out, hh_error *err)
{
    const char *name = json_string_value(json_object_get(res, "name"));
    const char *rtype = json_string_value(json_object_get(res, "type"));
    const char *mtype = hh_stack_model_type_name(m, name);
    const hh_rtype *t;
    json_t *raw = NULL;
    hh_env *env = NULL;
    int64_t tid = json_integer_value(json_object_get(res, "current_template_id"));

    *out = NULL;
    if (rtype == NULL || (mtype != NULL && strcmp(rtype, mtype) == 0))
        return hh_stack_model_rtype(m, name, out, err);
    /* a row the template no longer describes (an update removed or
     * retyped it): its own type, a plugin's or a template file's, else
     * after the registry of the stack's environment, else of the
     * environment it was last converged with (Heat loads such a resource
     * with the template and environment it was made with) */
    t = impl_rtype(rtype);
    if (t == NULL) {
        pthread_mutex_lock(&m->lock); /* a lookup may record what it followed */
        t = env_rtype(m->env, name, rtype);
        pthread_mutex_unlock(&m->lock);
    }
    if (t == NULL && st != NULL && tid > 0 && hh_store_template_get(st, tid, &raw, NULL) == 0 &&
        hh_env_from_json(json_object_get(raw, "environment"), &env, NULL) == 0)
        t = env_rtype(env, name, rtype);
    hh_env_free(env);
    json_decref(raw);
    if (t == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.", rtype);
    *out = t;
    return 0;
}

int hh_stack_model_rctx(hh_stack_model *m, hh_store *st, int64_t term, const json_t *res,
                        const json_t *props, double action_started, hh_stack_rctx_hold *hold,
                        hh_rctx *ctx, hh_error *err)
{
    const char *name = json_string_value(json_object_get(res, "name"));
    const char *pid = json_string_value(json_object_get(res, "physical_resource_id"));
    const hh_rtype *t;
    int rc;

    memset(hold, 0, sizeof(*hold));
    memset(ctx, 0, sizeof(*ctx));
    rc = hh_stack_model_row_rtype(m, st, res, &t, err);
    if (rc != 0)
        return rc;
    hold->st = st;
    hold->term = term;
    hold->res_id = json_integer_value(json_object_get(res, "id"));
    hold->m = m;
    hold->res = res;
    ctx->type = t;
    ctx->stack_name = hh_stack_model_name(m);
    ctx->name = name;
    ctx->uuid = json_string_value(json_object_get(res, "uuid"));
    ctx->properties = json_is_object(props) ? props : NULL;
    snprintf(ctx->physical_id, sizeof(ctx->physical_id), "%s", pid ? pid : "");
    ctx->action_started = action_started;
    ctx->ops = &model_rctx_ops;
    ctx->ud = hold;
    return 0;
}

/* ---- outputs ------------------------------------------------------------ */

int hh_stack_model_outputs(hh_stack_model *m, hh_store *st, json_t **out, hh_error *err)
{
    fctx_ud u = {m, st};
    hh_fctx ctx = fctx_of(&u);
    const model_names *n = m->names;
    const char *key;
    json_t *o, *result, *value = NULL, *snippet;
    hh_error oerr;
    char path[512];
    bool enabled;
    int rc;

    *out = NULL;
    result = json_object();
    if (result == NULL)
        return oom(err);
    json_object_foreach((json_t *)section(m, n->outputs), key, o)
    {
        hh_error_clear(&oerr);
        rc = 0;
        enabled = true;
        snippet = json_object_get(o, n->out_condition);
        if (m->ver->conditions && snippet != NULL) {
            snippet = json_deep_copy(snippet);
            snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_condition);
            rc = hh_func_resolve_condition(m->ver, &ctx, snippet, path, &enabled, &oerr);
            json_decref(snippet);
        }
        if (rc == 0 && !enabled) {
            json_object_set_new(result, key, json_null());
            continue;
        }
        if (rc == 0) {
            snippet = json_deep_copy(json_object_get(o, n->out_value));
            snprintf(path, sizeof(path), "%s.%s.%s", n->outputs, key, n->out_value);
            rc = snippet ? hh_func_resolve(m->ver, &ctx, snippet, path, &value, &oerr) : 0;
            json_decref(snippet);
        }
        if (rc != 0) {
            json_object_set_new(result, key, json_pack("{s:s}", "output_error", oerr.message));
            continue;
        }
        json_object_set_new(result, key, value ? value : json_null());
        value = NULL;
    }
    *out = result;
    return 0;
}

int hh_stack_model_resolve(hh_stack_model *m, hh_store *st, const json_t *snippet, const char *path,
                           json_t **out, hh_error *err)
{
    fctx_ud u = {m, st};
    hh_fctx ctx = fctx_of(&u);
    json_t *copy;
    int rc;

    *out = NULL;
    /* the evaluator gets its own copy, as for properties */
    copy = json_deep_copy(snippet);
    if (copy == NULL)
        return oom(err);
    rc = hh_func_resolve(m->ver, &ctx, copy, path, out, err);
    json_decref(copy);
    if (rc == 0 && *out == NULL)
        *out = json_null();
    return rc;
}

/* ---- saving a new stack ------------------------------------------------- */

int hh_stack_model_save_new(hh_store *st, int64_t term, hh_tmpl *tmpl, hh_env *env,
                            const json_t *files, hh_store_stack_spec *spec, char *id_out,
                            hh_error *err)
{
    json_t *envj = NULL, *graph = NULL, *v, *parent = NULL;
    const char *name, *root = NULL;
    bool own = !hh_store_in_transaction(st);
    int64_t tid = 0, rid = 0;
    int rc;

    rc = hh_tmpl_dependencies(tmpl, env, &graph, err);
    if (rc != 0)
        return rc;
    envj = env ? hh_env_to_json(env) : json_object();
    if (envj == NULL) {
        rc = oom(err);
        goto done;
    }
    if (own && (rc = hh_store_begin(st, err)) != 0)
        goto done;
    if (spec->owner_id != NULL && spec->parent_resource_name != NULL &&
        hh_store_resource_get_by_name(st, spec->owner_id, spec->parent_resource_name, &parent,
                                      NULL) == 0)
        root = json_string_value(json_object_get(parent, "root_stack_id"));
    rc = hh_store_template_create(st, term, hh_tmpl_doc(tmpl), files, envj, &tid, err);
    if (rc == 0) {
        spec->raw_template_id = tid;
        rc = hh_store_stack_create(st, term, spec, id_out, err);
    }
    json_object_foreach(graph, name, v)
    {
        hh_store_resource_spec rs = {0};
        const hh_rtype *t = NULL;
        const json_t *doc = hh_tmpl_doc(tmpl);
        const json_t *res = json_object_get(json_object_get(doc, "resources"), name);

        if (rc != 0)
            break;
        if (res == NULL)
            res = json_object_get(json_object_get(doc, "Resources"), name);
        rs.stack_id = id_out;
        rs.root_stack_id = root;
        rs.name = name;
        rs.type = json_string_value(json_object_get(res, "type"));
        if (rs.type == NULL)
            rs.type = json_string_value(json_object_get(res, "Type"));
        rs.action = "INIT";
        rs.status = "COMPLETE";
        rs.status_reason = "";
        (void)t;
        rc = hh_store_resource_create(st, term, &rs, &rid, NULL, err);
    }
    if (own) {
        if (rc == 0)
            rc = hh_store_commit(st, err);
        else
            hh_store_rollback(st);
    }
done:
    json_decref(parent);
    json_decref(envj);
    json_decref(graph);
    return rc;
}
