/* res_heat_wait: wait condition handles and wait conditions (heat/engine/
 * resources/wait_condition.py, openstack/heat/wait_condition{,_handle}.py,
 * aws/cfn/wait_condition{,_handle}.py).
 *
 * A handle keeps the signals it received in its metadata, one entry per
 * signal id: {id: {data, reason, status}} (OS::Heat) or {UniqueId: {Data,
 * Reason, Status}} (AWS::CloudFormation). A wait condition finds its
 * handle among the stack's resources (hh_rctx_peer_open, Heat's
 * resource_by_refid) and polls the handle's metadata until count signals
 * succeeded, one failed, or its timeout passed since the action started
 * (ctx->action_started, kept across a crash-resume).
 *
 * Without Keystone (the documented equivalent of Heat's stack users):
 * a handle's physical id is a random 32-hex "user id"; OS::Heat handles
 * keep a random password and, for TOKEN_SIGNAL, a random token and the
 * native API's signal endpoint in their resource data; AWS handles keep a
 * random access key and secret key and the signal URL of Heat's form
 * (heat_waitcondition_server_url + the quoted ARN of the handle +
 * SignatureMethod, SignatureVersion, AWSAccessKeyId, Timestamp), without
 * the EC2 signature Keystone's credentials would give. The API finds the
 * handle by the ARN of the URL. TEMP_URL_SIGNAL and ZAQAR_SIGNAL need
 * Swift and Zaqar: their signals are NotSupported here. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hh_py.h"
#include "res_plugin.h"

/* ---- where signals go (hh_rsignal_configure) ----------------------------- */

#define DEFAULT_WC_URL "http://127.0.0.1:8000/v1/waitcondition"
#define DEFAULT_HEAT_URL "http://127.0.0.1:8004/v1/%(tenant_id)s"

static char *conf_wc_url;
static char *conf_heat_url;

static int set_url(char **slot, const char *v)
{
    char *copy = NULL;

    if (v != NULL && v[0] != '\0' && (copy = strdup(v)) == NULL)
        return ENOMEM;
    free(*slot);
    *slot = copy;
    return 0;
}

int hh_rsignal_configure(const char *waitcondition_url, const char *heat_url)
{
    int rc = set_url(&conf_wc_url, waitcondition_url);

    return rc != 0 ? rc : set_url(&conf_heat_url, heat_url);
}

void hh_rsignal_reset(void)
{
    set_url(&conf_wc_url, NULL);
    set_url(&conf_heat_url, NULL);
}

/* ---- text helpers --------------------------------------------------------- */

/* urllib.parse.quote(s, safe) appended to b. */
static void quote_to(hh_pybuf *b, const char *s, const char *safe, bool plus)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("_.-~", *p) != NULL || (*p != '\0' && strchr(safe, *p) != NULL))
            hh_pybuf_add(b, (const char *)p, 1);
        else if (plus && *p == ' ')
            hh_pybuf_adds(b, "+");
        else
            hh_pybuf_addf(b, "%%%02X", *p);
    }
}

/* 32 random lower-case hex digits (uuid.uuid4().hex). */
static int hex32(hh_rctx *ctx, char out[33])
{
    char u[37];
    int rc = hh_rctx_uuid4(ctx, u), k = 0;

    if (rc != 0)
        return rc;
    for (int i = 0; u[i] != '\0'; i++)
        if (u[i] != '-')
            out[k++] = u[i];
    out[k] = '\0';
    return 0;
}

/* The value of data key, made once: a resumed create keeps it. */
static int data_once(hh_rctx *ctx, const char *key, bool redact)
{
    char *v = NULL, id[33];
    int rc = hh_rctx_data_get(ctx, key, &v);

    if (rc == 0 && v == NULL && (rc = hex32(ctx, id)) == 0)
        rc = hh_rctx_data_set(ctx, key, id, redact);
    free(v);
    return rc;
}

/* StackUser.handle_create: the stack user's id is the physical id. */
static int user_create(hh_rctx *ctx)
{
    char id[33];
    int rc = 0;

    if (ctx->physical_id[0] == '\0' && (rc = hex32(ctx, id)) == 0)
        rc = hh_rctx_set_physical_id(ctx, id);
    return rc;
}

static const char *row_str(hh_rctx *ctx, const char *key)
{
    const char *v = json_string_value(json_object_get(hh_rctx_stack_row(ctx), key));

    return v != NULL ? v : "";
}

/* identifier.py: the resource's "stacks/<name>/<id>/resources/<res>",
 * quoted as _tenant_path quotes it. */
static void tenant_path_to(hh_pybuf *b, hh_rctx *ctx)
{
    hh_pybuf_adds(b, "stacks/");
    quote_to(b, row_str(ctx, "name"), "", false);
    hh_pybuf_adds(b, "/");
    quote_to(b, row_str(ctx, "id"), "", false);
    hh_pybuf_adds(b, "/resources/");
    quote_to(b, ctx->name, "/", false);
}

/* signal_responder._get_ec2_signed_url: new string. signal: the SIGNAL
 * URL (heat_waitcondition_server_url with /waitcondition made /signal,
 * never expiring: no Timestamp), else the WAITCONDITION one stamped now. */
static char *signed_url(hh_rctx *ctx, const char *access_key, double now, bool signal)
{
    const char *base = conf_wc_url != NULL ? conf_wc_url : DEFAULT_WC_URL;
    hh_pybuf arn = {0}, b = {0};
    char stamp[32];
    time_t t = (time_t)now;
    struct tm tm;
    char *url;

    hh_pybuf_adds(&arn, "arn:openstack:heat::");
    quote_to(&arn, row_str(ctx, "tenant"), "", false);
    hh_pybuf_adds(&arn, ":");
    tenant_path_to(&arn, ctx);
    url = hh_pybuf_take(&arn);
    if (url == NULL)
        return NULL;
    /* signal_url.lower(), after config_url.replace('/waitcondition',
     * '/signal') */
    for (const char *p = base; *p != '\0'; p++) {
        if (signal && strncmp(p, "/waitcondition", 14) == 0) {
            hh_pybuf_adds(&b, "/signal");
            p += 13;
            continue;
        }
        hh_pybuf_addf(&b, "%c", *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    }
    hh_pybuf_adds(&b, "/");
    quote_to(&b, url, "/", false); /* arn_url_path */
    free(url);
    hh_pybuf_adds(&b, "?SignatureMethod=HmacSHA256&SignatureVersion=2&AWSAccessKeyId=");
    quote_to(&b, access_key, "", true);
    if (!signal) {
        gmtime_r(&t, &tm);
        strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
        hh_pybuf_adds(&b, "&Timestamp=");
        quote_to(&b, stamp, "", true);
    }
    return hh_pybuf_take(&b);
}

/* The native API's signal URL of the resource, with the stack user
 * project (or the stack's tenant) in place of the tenant when
 * user_project, else the stack's tenant: new string. */
static char *heat_signal_url(hh_rctx *ctx, bool user_project)
{
    const char *base = conf_heat_url != NULL ? conf_heat_url : DEFAULT_HEAT_URL;
    const char *project = user_project ? row_str(ctx, "stack_user_project_id") : "";
    const char *mark = strstr(base, "%(tenant_id)s");
    hh_pybuf b = {0};

    if (project[0] == '\0')
        project = row_str(ctx, "tenant");
    if (mark == NULL) {
        hh_pybuf_addf(&b, "%s/", base);
    } else {
        hh_pybuf_add(&b, base, (size_t)(mark - base));
    }
    quote_to(&b, project, "", false);
    hh_pybuf_adds(&b, "/");
    tenant_path_to(&b, ctx);
    if (mark != NULL)
        hh_pybuf_adds(&b, mark + strlen("%(tenant_id)s"));
    hh_pybuf_adds(&b, "/signal");
    return hh_pybuf_take(&b);
}

/* The keypair and the native signal URL of a signal responder, made once
 * at create (Heat makes them when first asked; attributes are read where
 * nothing can be written here). */
int hh_rsignal_prepare(hh_rctx *ctx)
{
    char *url = NULL;
    int rc = data_once(ctx, "access_key", false);

    if (rc == 0)
        rc = data_once(ctx, "secret_key", true);
    if (rc == 0)
        rc = hh_rctx_data_get(ctx, "heat_signal_url", &url);
    if (rc == 0 && url == NULL) {
        if ((url = heat_signal_url(ctx, false)) == NULL)
            rc = ENOMEM;
        else
            rc = hh_rctx_data_set(ctx, "heat_signal_url", url, false);
    }
    free(url);
    return rc;
}

/* SignalResponder._get_ec2_signed_url(never_expire=True) and
 * _get_heat_signal_url() for ScalingPolicy's alarm_url and signal_url. */
int hh_rsignal_url(hh_rctx *ctx, bool native, json_t **out)
{
    char *v = NULL, *url = NULL;
    int rc;

    *out = NULL;
    rc = hh_rctx_data_get(ctx, native ? "heat_signal_url" : "access_key", &v);
    if (rc == 0 && v == NULL) {
        /* "it is too early": None before the resource is created */
        *out = json_null();
        return 0;
    }
    if (rc == 0 && !native && (url = signed_url(ctx, v, 0, true)) == NULL)
        rc = ENOMEM;
    if (rc == 0 && (*out = json_string(native ? v : url)) == NULL)
        rc = ENOMEM;
    free(v);
    free(url);
    return rc;
}

/* ---- the handles' signals ------------------------------------------------- */

/* The metadata keys of a handle type (METADATA_KEYS). */
typedef struct wc_keys {
    const char *data, *reason, *status, *id;
} wc_keys;

static const wc_keys heat_keys = {"data", "reason", "status", "id"};
static const wc_keys cfn_keys = {"Data", "Reason", "Status", "UniqueId"};

static bool is_heat_handle(const hh_rtype *t)
{
    return t != NULL && (t->ops == &hh_rplugin_heat_wait_handle);
}

static bool is_cfn_handle(const hh_rtype *t)
{
    return t != NULL && t->ops == &hh_rplugin_cfn_wait_handle;
}

static const wc_keys *keys_of(const hh_rtype *t)
{
    return is_cfn_handle(t) ? &cfn_keys : &heat_keys;
}

static int value_error(hh_error *err, const char *msg)
{
    return hh_error_set(err, HH_EINVAL, "ValueError", "%s", msg);
}

/* BaseWaitConditionHandle.handle_signal: validate signal (borrowed),
 * merge it into the metadata under str(id), and give the event's result
 * "status:<s> reason:<r>". */
static int merge_signal(hh_rctx *ctx, const wc_keys *k, const json_t *signal, char **result,
                        hh_error *err)
{
    json_t *md = NULL, *entry = NULL;
    const json_t *status = json_object_get(signal, k->status);
    const char *key;
    json_t *v;
    char *uid = NULL, *st = NULL, *rs = NULL;
    int rc;

    /* _metadata_format_ok: exactly the four keys, a known status */
    if (!json_is_object(signal) || json_object_size(signal) != 4 ||
        json_object_get(signal, k->data) == NULL || json_object_get(signal, k->reason) == NULL ||
        status == NULL || json_object_get(signal, k->id) == NULL || !json_is_string(status) ||
        (strcmp(json_string_value(status), "SUCCESS") != 0 &&
         strcmp(json_string_value(status), "FAILURE") != 0))
        return value_error(err, "Metadata format invalid");
    rc = hh_rctx_metadata_get(ctx, &md, err);
    if (rc != 0)
        return rc;
    entry = json_object();
    uid = hh_py_str(json_object_get(signal, k->id));
    if (entry == NULL || uid == NULL) {
        rc = ENOMEM;
        goto done;
    }
    json_object_foreach((json_t *)signal, key, v)
    {
        if (strcmp(key, k->id) != 0)
            json_object_set(entry, key, v);
    }
    json_object_set(md, uid, entry);
    rc = hh_rctx_metadata_set(ctx, md, err);
    if (rc != 0)
        goto done;
    st = hh_py_str(status);
    rs = hh_py_str(json_object_get(signal, k->reason));
    if (st == NULL || rs == NULL || asprintf(result, "status:%s reason:%s", st, rs) < 0) {
        *result = NULL;
        rc = ENOMEM;
    }
done:
    free(st);
    free(rs);
    free(uid);
    json_decref(entry);
    json_decref(md);
    return rc;
}

/* HeatWaitConditionHandle.handle_signal: defaults for what is missing. */
static int heat_handle_signal(hh_rctx *ctx, const json_t *details, char **result, hh_error *err)
{
    json_t *md = NULL, *sig = NULL;
    char reason[64];
    size_t n;
    int rc;

    if (hh_py_truthy(details) && !json_is_object(details))
        return hh_error_set(err, HH_EINVAL, "AttributeError",
                            "'%s' object has no attribute 'setdefault'", hh_py_type_name(details));
    rc = hh_rctx_metadata_get(ctx, &md, err);
    if (rc != 0)
        return rc;
    n = json_object_size(md) + 1;
    json_decref(md);
    sig = json_is_object(details) ? json_deep_copy(details) : json_object();
    if (sig == NULL)
        return ENOMEM;
    snprintf(reason, sizeof(reason), "Signal %zu received", n);
    if (json_object_get(sig, "reason") == NULL)
        json_object_set_new(sig, "reason", json_string(reason));
    if (json_object_get(sig, "data") == NULL)
        json_object_set_new(sig, "data", json_null());
    if (json_object_get(sig, "id") == NULL)
        json_object_set_new(sig, "id", json_integer((json_int_t)n));
    if (json_object_get(sig, "status") == NULL)
        json_object_set_new(sig, "status", json_string("SUCCESS"));
    rc = merge_signal(ctx, &heat_keys, sig, result, err);
    json_decref(sig);
    return rc;
}

static int cfn_handle_signal(hh_rctx *ctx, const json_t *details, char **result, hh_error *err)
{
    *result = NULL;
    if (details == NULL || json_is_null(details))
        return 0; /* "No signal details provided" */
    return merge_signal(ctx, &cfn_keys, details, result, err);
}

static int cfn_handle_metadata_update(hh_rctx *ctx, const json_t *metadata, hh_error *err)
{
    char *result = NULL;
    int rc = cfn_handle_signal(ctx, metadata, &result, err);

    free(result);
    return rc;
}

/* ---- OS::Heat::WaitConditionHandle ----------------------------------------- */

static const char *transport(const hh_rctx *ctx)
{
    const char *t = json_string_value(json_object_get(ctx->properties, "signal_transport"));

    return t != NULL ? t : "TOKEN_SIGNAL";
}

static int heat_handle_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    char *v = NULL, *url = NULL;
    int rc;

    (void)err;
    rc = data_once(ctx, "password", true);
    if (rc == 0)
        rc = user_create(ctx);
    if (rc == 0 && strcmp(transport(ctx), "TOKEN_SIGNAL") == 0) {
        rc = data_once(ctx, "token", true);
        if (rc == 0)
            rc = hh_rctx_data_get(ctx, "endpoint", &v);
        if (rc == 0 && v == NULL) {
            url = heat_signal_url(ctx, true);
            rc = url != NULL ? hh_rctx_data_set(ctx, "endpoint", url, false) : ENOMEM;
        }
    }
    free(v);
    free(url);
    step->done = rc == 0;
    return rc;
}

static int data_attr(hh_rctx *ctx, const char *key, json_t **out)
{
    char *v = NULL;
    int rc = hh_rctx_data_get(ctx, key, &v);

    if (rc == 0)
        *out = v != NULL ? json_string(v) : json_null();
    free(v);
    return rc != 0 ? rc : *out != NULL ? 0 : ENOMEM;
}

/* signal_responder._get_signal(WAITCONDITION, multiple_signals=True). */
static int heat_handle_signal_attr(hh_rctx *ctx, json_t **out, hh_error *err)
{
    const char *t = transport(ctx);
    json_t *sig = NULL;
    char *url = NULL, *pass = NULL, *pname = NULL, *text = NULL;
    int rc = 0;

    if (strcmp(t, "TOKEN_SIGNAL") == 0) {
        sig = json_null();
    } else if (strcmp(t, "NO_SIGNAL") == 0) {
        sig = json_object();
    } else if (strcmp(t, "CFN_SIGNAL") == 0) {
        rc = data_once(ctx, "access_key", false);
        if (rc == 0)
            rc = data_once(ctx, "secret_key", true);
        if (rc == 0)
            rc = hh_rctx_data_get(ctx, "access_key", &pass);
        if (rc == 0 && (url = signed_url(ctx, pass, hh_rctx_now(ctx), false)) == NULL)
            rc = ENOMEM;
        if (rc == 0)
            sig = json_pack("{s:s}", "alarm_url", url);
    } else if (strcmp(t, "HEAT_SIGNAL") == 0) {
        rc = hh_rctx_data_get(ctx, "password", &pass);
        if (rc == 0)
            rc = hh_physical_name(ctx->stack_name, ctx->name, ctx->uuid, HH_RPHYS_NAME_LIMIT,
                                  &pname, err);
        if (rc == 0 && (url = heat_signal_url(ctx, true)) == NULL)
            rc = ENOMEM;
        if (rc == 0)
            sig = json_pack("{s:n,s:s,s:s,s:s?,s:s,s:n,s:n,s:s}", "auth_url", "username", pname,
                            "user_id", ctx->physical_id, "password", pass, "project_id",
                            row_str(ctx, "stack_user_project_id")[0] != '\0'
                                ? row_str(ctx, "stack_user_project_id")
                                : row_str(ctx, "tenant"),
                            "domain_id", "region_name", "alarm_url", url);
    } else {
        rc = hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.", t);
    }
    if (rc == 0 && sig == NULL)
        rc = ENOMEM;
    if (rc == 0 && (text = hh_py_dumps(sig)) == NULL)
        rc = ENOMEM;
    if (rc == 0 && (*out = json_string(text)) == NULL)
        rc = ENOMEM;
    free(text);
    free(url);
    free(pass);
    free(pname);
    json_decref(sig);
    return rc;
}

static int heat_handle_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay,
                                 hh_error *err)
{
    json_t *tok = NULL, *ep = NULL;
    int rc;

    (void)delay;
    *out = NULL;
    if (ctx->physical_id[0] == '\0')
        return 0; /* None before the user exists */
    if (strcmp(attr, "signal") == 0)
        return heat_handle_signal_attr(ctx, out, err);
    if (strcmp(attr, "token") == 0 || strcmp(attr, "endpoint") == 0)
        return data_attr(ctx, attr, out);
    if (strcmp(attr, "curl_cli") != 0)
        return 0;
    rc = data_attr(ctx, "endpoint", &ep);
    if (rc == 0)
        rc = data_attr(ctx, "token", &tok);
    if (rc == 0 && json_is_string(ep) && json_is_string(tok)) {
        char *s = NULL;

        if (asprintf(&s,
                     "curl -i -X POST -H 'X-Auth-Token: %s' -H 'Content-Type: application/json' "
                     "-H 'Accept: application/json' %s",
                     json_string_value(tok), json_string_value(ep)) < 0)
            rc = ENOMEM;
        else if ((*out = json_string(s)) == NULL)
            rc = ENOMEM;
        free(s);
    }
    json_decref(ep);
    json_decref(tok);
    return rc;
}

/* SignalResponder.handle_delete: the credentials and URLs go. */
static int handle_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    static const char *const keys[] = {"ec2_signed_url",  "access_key", "secret_key",
                                       "heat_signal_url", "token",      "endpoint",
                                       "password"};
    int rc = 0;

    (void)err;
    for (size_t i = 0; rc == 0 && i < sizeof(keys) / sizeof(keys[0]); i++)
        rc = hh_rctx_data_set(ctx, keys[i], NULL, false);
    step->done = rc == 0;
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_wait_handle = {
    .handle_create = heat_handle_create,
    .handle_delete = handle_delete,
    .handle_signal = heat_handle_signal,
    .resolve_attribute = heat_handle_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};

/* ---- AWS::CloudFormation::WaitConditionHandle ------------------------------ */

static int cfn_handle_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    char *key = NULL, *url = NULL;
    int rc;

    (void)err;
    rc = user_create(ctx);
    if (rc == 0)
        rc = data_once(ctx, "access_key", false);
    if (rc == 0)
        rc = data_once(ctx, "secret_key", true);
    if (rc == 0)
        rc = hh_rctx_data_get(ctx, "ec2_signed_url", &url);
    if (rc == 0 && url == NULL) {
        rc = hh_rctx_data_get(ctx, "access_key", &key);
        if (rc == 0 && (url = signed_url(ctx, key, hh_rctx_now(ctx), false)) == NULL)
            rc = ENOMEM;
        if (rc == 0)
            rc = hh_rctx_data_set(ctx, "ec2_signed_url", url, false);
    }
    free(key);
    free(url);
    step->done = rc == 0;
    return rc;
}

/* get_reference_id: the signed URL once the handle exists. */
static int cfn_handle_reference(hh_rctx *ctx, json_t **out, hh_error *err)
{
    char *url = NULL;
    int rc = 0;

    (void)err;
    if (ctx->physical_id[0] != '\0')
        rc = hh_rctx_data_get(ctx, "ec2_signed_url", &url);
    if (rc != 0)
        return rc;
    *out = json_string(url != NULL ? url : ctx->name);
    free(url);
    return *out != NULL ? 0 : ENOMEM;
}

const struct hh_rplugin_ops hh_rplugin_cfn_wait_handle = {
    .handle_create = cfn_handle_create,
    .handle_delete = handle_delete,
    .handle_signal = cfn_handle_signal,
    .metadata_update = cfn_handle_metadata_update,
    .reference_id = cfn_handle_reference,
    .flags = HH_RPLUGIN_STORE_ONLY,
};

/* ---- the wait conditions --------------------------------------------------- */

/* Property names of the two dialects. */
typedef struct wc_props {
    const char *handle, *timeout, *count;
} wc_props;

static const wc_props heat_props = {"handle", "timeout", "count"};
static const wc_props cfn_props = {"Handle", "Timeout", "Count"};

static const wc_props *props_of(const hh_rctx *ctx)
{
    return ctx->type->ops == &hh_rplugin_cfn_wait_condition ? &cfn_props : &heat_props;
}

/* The handle property (a reference id, or a name). */
static const char *handle_ref(const hh_rctx *ctx)
{
    const char *ref = json_string_value(json_object_get(ctx->properties, props_of(ctx)->handle));

    return ref != NULL ? ref : "";
}

/* _get_handle_resource + _validate_handle_resource. *h new peer. */
static int find_handle(hh_rctx *ctx, hh_rctx **h, hh_error *err)
{
    const char *ref = handle_ref(ctx);
    int rc;

    *h = NULL;
    rc = hh_rctx_peer_open(ctx, ref, h, err);
    if (rc != 0)
        return rc;
    if (*h != NULL && (is_heat_handle((*h)->type) || is_cfn_handle((*h)->type)))
        return 0;
    rc = hh_error_set(err, HH_EINVAL, "ValueError", "%s is not a valid wait condition handle.",
                      *h != NULL ? (*h)->name : ref);
    hh_rctx_peer_close(ctx, *h);
    *h = NULL;
    return rc;
}

/* Count the handle's signals: every status, and the reasons of those of
 * status want joined with ';' into *reasons (new, may be ""). */
static int handle_status(hh_rctx *h, const char *want, size_t *total, size_t *bad, size_t *matched,
                         char **reasons, hh_error *err)
{
    const wc_keys *k = keys_of(h->type);
    json_t *md = NULL, *v;
    hh_pybuf b = {0};
    const char *key;
    int rc = hh_rctx_metadata_get(h, &md, err);

    *total = *bad = *matched = 0;
    *reasons = NULL;
    if (rc != 0)
        return rc;
    json_object_foreach(md, key, v)
    {
        const char *s = json_string_value(json_object_get(v, k->status));

        (*total)++;
        if (s == NULL || strcmp(s, "SUCCESS") != 0)
            (*bad)++;
        if (s != NULL && strcmp(s, want) == 0) {
            if ((*matched)++ > 0)
                hh_pybuf_adds(&b, ";");
            hh_py_str_to(&b, json_object_get(v, k->reason));
        }
    }
    json_decref(md);
    *reasons = hh_pybuf_take(&b);
    return *reasons != NULL ? 0 : ENOMEM;
}

/* NO_SIGNAL: _service_signal signals the handle with {} on every poll,
 * with its event. */
static int service_signal(hh_rctx *ctx, hh_rctx *h, hh_error *err)
{
    json_t *empty;
    int rc;

    if (!is_heat_handle(h->type) || strcmp(transport(h), "NO_SIGNAL") != 0) {
        if (is_heat_handle(h->type) && (strcmp(transport(h), "TEMP_URL_SIGNAL") == 0 ||
                                        strcmp(transport(h), "ZAQAR_SIGNAL") == 0))
            return hh_error_set(err, HH_EUNSUPPORTED, "NotSupported", "%s is not supported.",
                                transport(h));
        return 0;
    }
    empty = json_object();
    if (empty == NULL)
        return ENOMEM;
    rc = hh_rctx_peer_signal(ctx, h, empty, err);
    json_decref(empty);
    return rc;
}

/* HeatWaitCondition._wait. */
static int wc_check(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    const wc_props *p = props_of(ctx);
    double timeout = json_number_value(json_object_get(ctx->properties, p->timeout));
    json_int_t count = json_integer_value(json_object_get(ctx->properties, p->count));
    size_t total = 0, bad = 0, n = 0;
    char *reasons = NULL;
    hh_rctx *h = NULL;
    int rc;

    step->done = false;
    rc = find_handle(ctx, &h, err);
    if (rc != 0)
        return rc;
    if (hh_rctx_now(ctx) - ctx->action_started > timeout) {
        rc = handle_status(h, "SUCCESS", &total, &bad, &n, &reasons, err);
        if (rc == 0 && n > 0)
            rc = hh_error_set(err, ETIMEDOUT, "WaitConditionTimeout", "%zu of %lld received - %s",
                              n, (long long)count, reasons);
        else if (rc == 0)
            rc = hh_error_set(err, ETIMEDOUT, "WaitConditionTimeout", "%zu of %lld received", n,
                              (long long)count);
        goto done;
    }
    rc = service_signal(ctx, h, err);
    if (rc == 0)
        rc = handle_status(h, "FAILURE", &total, &bad, &n, &reasons, err);
    if (rc != 0)
        goto done;
    if (bad > 0) {
        rc = hh_error_set(err, HH_EINVAL, "WaitConditionFailure", "%s", reasons);
        goto done;
    }
    if ((json_int_t)total >= count) {
        step->done = true;
        goto done;
    }
    /* poll at the engine's interval, but not past the timeout */
    step->poll_secs = ctx->action_started + timeout - hh_rctx_now(ctx) + 0.001;
    if (step->poll_secs > 1.0 || step->poll_secs <= 0)
        step->poll_secs = 0;
done:
    free(reasons);
    hh_rctx_peer_close(ctx, h);
    return rc;
}

/* identifier.py from_arn_url, then WaitCondition._validate_handle_url. */
static int cfn_validate_handle_url(hh_rctx *ctx, hh_error *err)
{
    const char *url = json_string_value(json_object_get(ctx->properties, "Handle"));
    const char *scheme_end, *path, *arn_at, *q;
    char *arn = NULL, *fields[6] = {0}, *frag, *sname, *sid, *rpath, *rname;
    hh_rctx *h = NULL;
    size_t n;
    int rc = 0;

    if (url == NULL)
        url = "";
    scheme_end = strstr(url, "://");
    if (scheme_end == NULL ||
        !((scheme_end - url == 4 && strncmp(url, "http", 4) == 0) ||
          (scheme_end - url == 5 && strncmp(url, "https", 5) == 0)) ||
        scheme_end[3] == '\0' || scheme_end[3] == '/' || strchr(scheme_end + 3, '/') == NULL)
        return hh_error_set(err, HH_EINVAL, "ValueError", "\"%s\" is not a valid URL", url);
    path = strchr(scheme_end + 3, '/');
    q = path + strcspn(path, "?#");
    arn_at = strcasestr(path, "/arn%3Aopenstack%3Aheat%3A%3A");
    if (arn_at == NULL || arn_at >= q)
        return hh_error_set(err, HH_EINVAL, "ValueError", "\"%s\" is not a valid ARN URL", url);
    /* unquote the ARN */
    arn = malloc((size_t)(q - arn_at));
    if (arn == NULL)
        return ENOMEM;
    n = 0;
    for (const char *p = arn_at + 1; p < q; p++) {
        unsigned hi, lo;

        if (*p == '%' && p + 2 < q && sscanf(p + 1, "%1x%1x", &hi, &lo) == 2) {
            arn[n++] = (char)(hi * 16 + lo);
            p += 2;
        } else {
            arn[n++] = *p;
        }
    }
    arn[n] = '\0';
    /* arn:openstack:heat::<tenant>:stacks/<name>/<id><path> */
    frag = arn;
    for (int i = 0; i < 5; i++) {
        char *c = strchr(frag, ':');

        if (c == NULL)
            break;
        *c = '\0';
        fields[i] = frag;
        frag = c + 1;
        fields[5] = frag;
    }
    if (fields[4] == NULL || strcmp(fields[1], "openstack") != 0 ||
        strcmp(fields[2], "heat") != 0 || strncmp(fields[5], "stacks/", 7) != 0) {
        rc = hh_error_set(err, HH_EINVAL, "ValueError", "\"%s\" is not a valid Heat ARN", url);
        goto done;
    }
    sname = fields[5] + 7;
    sid = strchr(sname, '/');
    if (sid == NULL || sid == sname || sid[1] == '\0' || sid[1] == '/') {
        rc = hh_error_set(err, HH_EINVAL, "ValueError", "\"%s\" is not a valid Heat ARN", url);
        goto done;
    }
    *sid++ = '\0';
    rpath = sid + strcspn(sid, "/");
    rname = strrchr(rpath, '/') != NULL ? strrchr(rpath, '/') + 1 : rpath;
    if (strcmp(fields[4], row_str(ctx, "tenant")) != 0) {
        rc = hh_error_set(err, HH_EINVAL, "ValueError", "WaitCondition invalid Handle tenant %s",
                          fields[4]);
        goto done;
    }
    if (strcmp(sname, row_str(ctx, "name")) != 0) {
        rc = hh_error_set(err, HH_EINVAL, "ValueError", "WaitCondition invalid Handle stack %s",
                          sname);
        goto done;
    }
    *rpath = '\0';
    if (strcmp(sid, row_str(ctx, "id")) != 0) {
        rc = hh_error_set(err, HH_EINVAL, "ValueError", "WaitCondition invalid Handle stack %s",
                          sid);
        goto done;
    }
    *rpath = '/';
    rc = hh_rctx_peer_open(ctx, rname, &h, err);
    if (rc == 0 && (h == NULL || !is_cfn_handle(h->type)))
        rc = hh_error_set(err, HH_EINVAL, "ValueError", "WaitCondition invalid Handle %s", rname);
done:
    hh_rctx_peer_close(ctx, h);
    free(arn);
    return rc;
}

static int wc_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    hh_rctx *h = NULL;
    int rc = 0;

    step->done = false;
    if (ctx->type->ops == &hh_rplugin_cfn_wait_condition)
        rc = cfn_validate_handle_url(ctx, err);
    if (rc == 0)
        rc = find_handle(ctx, &h, err);
    hh_rctx_peer_close(ctx, h);
    return rc;
}

static int wc_update(hh_rctx *ctx, const json_t *prop_diff, hh_rstep *step, hh_error *err)
{
    hh_rctx *h = NULL;
    int rc;

    (void)prop_diff;
    step->done = false;
    rc = find_handle(ctx, &h, err);
    hh_rctx_peer_close(ctx, h);
    return rc;
}

/* handle_delete: the handle's signals are cleared. */
static int wc_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    hh_rctx *h = NULL;
    json_t *empty = NULL;
    hh_error e2;
    int rc;

    step->done = true;
    rc = hh_rctx_peer_open(ctx, handle_ref(ctx), &h, err);
    if (rc != 0 || h == NULL)
        return rc;
    empty = json_object();
    hh_error_clear(&e2);
    rc = empty != NULL ? hh_rctx_metadata_set(h, empty, &e2) : ENOMEM;
    if (rc == HH_ENOTFOUND)
        rc = 0; /* the handle is gone or not created: nothing to clear */
    else if (rc != 0)
        *err = e2;
    json_decref(empty);
    hh_rctx_peer_close(ctx, h);
    step->done = rc == 0;
    return rc;
}

/* _resolve_attribute(data): {id: data} of the handle's signals as JSON. */
static int wc_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay, hh_error *err)
{
    json_t *md = NULL, *res = NULL, *v;
    const char *key;
    hh_rctx *h = NULL;
    char *text = NULL;
    int rc;

    (void)delay;
    (void)attr;
    *out = NULL;
    rc = hh_rctx_peer_open(ctx, handle_ref(ctx), &h, err);
    if (rc != 0)
        return rc;
    if (h == NULL) {
        *out = json_string("");
        return *out != NULL ? 0 : ENOMEM;
    }
    rc = hh_rctx_metadata_get(h, &md, err);
    res = json_object();
    if (rc == 0 && res == NULL)
        rc = ENOMEM;
    json_object_foreach(md, key, v)
    {
        if (rc != 0)
            break;
        json_t *d = json_object_get(v, keys_of(h->type)->data);

        json_object_set_new(res, key, d != NULL ? json_incref(d) : json_null());
    }
    if (rc == 0 && ((text = hh_py_dumps(res)) == NULL || (*out = json_string(text)) == NULL))
        rc = ENOMEM;
    free(text);
    json_decref(res);
    json_decref(md);
    hh_rctx_peer_close(ctx, h);
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_wait_condition = {
    .handle_create = wc_create,
    .check_create_complete = wc_check,
    .handle_update = wc_update,
    .check_update_complete = wc_check,
    .handle_delete = wc_delete,
    .resolve_attribute = wc_attribute,
};

const struct hh_rplugin_ops hh_rplugin_cfn_wait_condition = {
    .handle_create = wc_create,
    .check_create_complete = wc_check,
    .handle_update = wc_update,
    .check_update_complete = wc_check,
    .handle_delete = wc_delete,
    .resolve_attribute = wc_attribute,
};
