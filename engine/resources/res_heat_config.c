/* res_heat_config: the software config family (heat/engine/resources/
 * openstack/heat/software_config.py, structured_config.py,
 * cloud_config.py, multi_part.py; service_software_config.py
 * create_software_config, software_config_io.py).
 *
 * Each resource stores one immutable software config (store.h
 * software_config) {inputs, outputs, options, config} named after its
 * physical name; the config's id is the physical id, recorded in the same
 * transaction as the config (hh_rctx_config_create), so a resumed create
 * finds it and makes no second one. The "config" attribute reads it back;
 * delete removes it (already gone is fine, as Heat ignores NotFound). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"
#include "hh_yaml.h"
#include "res_plugin.h"

/* InputConfig/OutputConfig.as_dict: the item without its None values;
 * an input's replace_on_change only when true. New reference. */
static json_t *io_as_dict(const json_t *item, bool input)
{
    json_t *d = json_object(), *v;
    const char *key;

    if (d == NULL)
        return NULL;
    json_object_foreach((json_t *)item, key, v)
    {
        if (json_is_null(v))
            continue;
        if (input && strcmp(key, "replace_on_change") == 0 && !json_is_true(v))
            continue;
        json_object_set(d, key, v);
    }
    /* the io schema's defaults */
    if (json_object_get(d, "type") == NULL)
        json_object_set_new(d, "type", json_string("String"));
    if (!input && json_object_get(d, "error_output") == NULL)
        json_object_set_new(d, "error_output", json_false());
    return d;
}

static json_t *io_list(const json_t *list, bool input)
{
    json_t *out = json_array(), *item;
    size_t i;

    json_array_foreach(list, i, item)
    {
        json_t *d = io_as_dict(item, input);

        if (out == NULL || d == NULL || json_array_append_new(out, d) != 0) {
            json_decref(d);
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

/* create_software_config: store {inputs, outputs, options, config} as
 * group under the physical name; the id becomes the physical id. config
 * borrowed (NULL: null). */
static int store_config(hh_rctx *ctx, const char *group, const json_t *config, const json_t *inputs,
                        const json_t *outputs, const json_t *options, hh_error *err)
{
    json_t *c = NULL, *opts = NULL, *in = io_list(inputs, true), *out = io_list(outputs, false);
    char *name = NULL;
    int rc;

    rc = hh_physical_name(ctx->stack_name, ctx->name, ctx->uuid, HH_RPHYS_NAME_LIMIT, &name, err);
    if (rc != 0)
        goto done;
    /* the RPC client's defaults: inputs or [], outputs or [], options or {} */
    opts = json_is_object(options) && json_object_size(options) > 0 ? json_deep_copy(options)
                                                                    : json_object();
    c = json_pack("{s:o?,s:o?,s:o?,s:O}", "inputs", in, "outputs", out, "options", opts, "config",
                  config != NULL ? config : json_null());
    opts = NULL;
    in = out = NULL;
    if (c == NULL) {
        rc = ENOMEM;
        goto done;
    }
    rc = hh_rctx_config_create(ctx, name, group != NULL ? group : "Heat::Ungrouped", c, err);
done:
    json_decref(in);
    json_decref(out);
    json_decref(c);
    free(name);
    return rc;
}

static const json_t *prop(const hh_rctx *ctx, const char *name)
{
    const json_t *v = json_object_get(ctx->properties, name);

    return json_is_null(v) ? NULL : v;
}

/* SoftwareConfig and StructuredConfig: the properties as they are. */
static int sc_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    int rc = 0;

    if (ctx->physical_id[0] == '\0') /* a resumed create made it already */
        rc = store_config(ctx, json_string_value(prop(ctx, "group")), prop(ctx, "config"),
                          prop(ctx, "inputs"), prop(ctx, "outputs"), prop(ctx, "options"), err);
    step->done = rc == 0;
    return rc;
}

static int sc_delete(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    int rc = 0;

    if (ctx->physical_id[0] != '\0') {
        rc = hh_rctx_config_delete(ctx, ctx->physical_id, err);
        if (rc == HH_ENOTFOUND) {
            hh_error_clear(err);
            rc = 0;
        }
    }
    step->done = rc == 0;
    return rc;
}

/* The config attribute: the stored config's "config"; None when gone. */
static int sc_attribute(hh_rctx *ctx, const char *attr, json_t **out, double *delay, hh_error *err)
{
    json_t *row = NULL;
    int rc = 0;

    (void)delay;
    *out = NULL;
    if (strcmp(attr, "config") != 0 || ctx->physical_id[0] == '\0')
        return 0;
    rc = hh_rctx_config_get(ctx, ctx->physical_id, &row, err);
    if (rc == HH_ENOTFOUND) {
        hh_error_clear(err);
        return 0;
    }
    if (rc == 0)
        *out = json_incref(json_object_get(json_object_get(row, "config"), "config"));
    json_decref(row);
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_software_config = {
    .handle_create = sc_create,
    .handle_delete = sc_delete,
    .resolve_attribute = sc_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};

const struct hh_rplugin_ops hh_rplugin_heat_structured_config = {
    .handle_create = sc_create,
    .handle_delete = sc_delete,
    .resolve_attribute = sc_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};

/* ---- OS::Heat::CloudConfig ------------------------------------------------ */

static int cloud_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    json_t *config = NULL;
    char *yaml = NULL, *text = NULL;
    int rc = 0;

    if (ctx->physical_id[0] != '\0')
        goto done;
    rc = hh_yaml_dump(json_object_get(ctx->properties, "cloud_config"), &yaml);
    if (rc == 0 && asprintf(&text, "#cloud-config\n%s", yaml) < 0) {
        text = NULL;
        rc = ENOMEM;
    }
    if (rc == 0 && (config = json_string(text)) == NULL)
        rc = ENOMEM;
    if (rc == 0)
        rc = store_config(ctx, "Heat::Ungrouped", config, NULL, NULL, NULL, err);
    else
        hh_error_set(err, rc, NULL, "cloud_config: %s", hh_strerror(rc));
done:
    json_decref(config);
    free(yaml);
    free(text);
    step->done = rc == 0;
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_cloud_config = {
    .handle_create = cloud_create,
    .handle_delete = sc_delete,
    .resolve_attribute = sc_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};

/* ---- OS::Heat::MultipartMime ---------------------------------------------- */

/* uuidutils.is_uuid_like: 32 hex digits once "urn:", "uuid:", braces and
 * dashes are gone. */
static bool uuid_like(const char *s)
{
    size_t hex = 0;

    if (strncmp(s, "urn:", 4) == 0)
        s += 4;
    if (strncmp(s, "uuid:", 5) == 0)
        s += 5;
    for (; *s != '\0'; s++) {
        if (isxdigit((unsigned char)*s))
            hex++;
        else if (*s != '-' && *s != '{' && *s != '}')
            return false;
    }
    return hex == 32;
}

/* email.base64mime.body_encode: lines of 76, each ending "\n". */
static void base64_to(hh_pybuf *b, const unsigned char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t col = 0;

    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16;
        char q[4];

        if (i + 1 < n)
            v |= (uint32_t)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        q[0] = tab[(v >> 18) & 63];
        q[1] = tab[(v >> 12) & 63];
        q[2] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        q[3] = i + 2 < n ? tab[v & 63] : '=';
        hh_pybuf_add(b, q, 4);
        col += 4;
        if (col == 76 || i + 3 >= n) {
            hh_pybuf_adds(b, "\n");
            col = 0;
        }
    }
}

/* _create_message: a MIMEText part as as_string() writes it. */
static void text_part_to(hh_pybuf *b, const char *part, const char *subtype, const char *filename)
{
    bool ascii = true;

    for (const unsigned char *p = (const unsigned char *)part; *p != '\0'; p++)
        if (*p >= 0x80)
            ascii = false;
    hh_pybuf_addf(b, "Content-Type: text/%s; charset=\"%s\"\nMIME-Version: 1.0\n",
                  subtype != NULL && subtype[0] != '\0' ? subtype : "plain",
                  ascii ? "us-ascii" : "utf-8");
    hh_pybuf_addf(b, "Content-Transfer-Encoding: %s\n", ascii ? "7bit" : "base64");
    if (filename != NULL && filename[0] != '\0')
        hh_pybuf_addf(b, "Content-Disposition: attachment; filename=\"%s\"\n", filename);
    hh_pybuf_adds(b, "\n");
    if (ascii)
        hh_pybuf_adds(b, part);
    else
        base64_to(b, (const unsigned char *)part, strlen(part));
}

/* _append_part: a subtype from the filename's stem when none is given
 * (Heat's os.path.splitext(filename)[0]). */
static void append_part(hh_pybuf *b, const char *boundary, size_t *nparts, const char *part,
                        const char *subtype, const char *filename)
{
    char *stem = NULL;

    if ((subtype == NULL || subtype[0] == '\0') && filename != NULL && filename[0] != '\0') {
        const char *dot = strrchr(filename, '.');

        stem = dot != NULL && dot != filename ? strndup(filename, (size_t)(dot - filename))
                                              : strdup(filename);
        subtype = stem;
    }
    hh_pybuf_addf(b, "%s--%s\n", *nparts > 0 ? "\n" : "", boundary);
    text_part_to(b, part, subtype, filename);
    (*nparts)++;
    free(stem);
}

/* The value of parameter name in a header value ('...; name="v"'), new. */
static char *header_param(const char *value, size_t len, const char *name)
{
    size_t nl = strlen(name);

    for (size_t i = 0; i + nl < len; i++) {
        if ((i == 0 || value[i - 1] == ';' || value[i - 1] == ' ') &&
            strncasecmp(value + i, name, nl) == 0 && value[i + nl] == '=') {
            const char *v = value + i + nl + 1, *end = value + len;

            if (*v == '"') {
                const char *q = memchr(v + 1, '"', (size_t)(end - v - 1));

                return strndup(v + 1, q != NULL ? (size_t)(q - v - 1) : (size_t)(end - v - 1));
            }
            {
                size_t vl = 0;

                while (v + vl < end && v[vl] != ';')
                    vl++;
                return strndup(v, vl);
            }
        }
    }
    return NULL;
}

/* The header field name's value in headers[0..len) (unfolded lines
 * only), as a pointer and length; NULL when absent. */
static const char *header_get(const char *h, size_t len, const char *name, size_t *vlen)
{
    size_t nl = strlen(name);

    for (const char *line = h; line < h + len;) {
        const char *eol = memchr(line, '\n', (size_t)(h + len - line));
        size_t ll = eol != NULL ? (size_t)(eol - line) : (size_t)(h + len - line);

        if (ll > nl && strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
            const char *v = line + nl + 1;

            while (*v == ' ' || *v == '\t')
                v++;
            *vlen = (size_t)(line + ll - v);
            return v;
        }
        line += ll + 1;
    }
    return NULL;
}

/* _append_multiparts: the parts of the multipart message text, each as
 * a text part (payload as it stands, its subtype and filename). Text
 * that is not a multipart message adds nothing. */
static void append_multiparts(hh_pybuf *b, const char *boundary, size_t *nparts, const char *text)
{
    const char *hend = strstr(text, "\n\n"), *ct, *p;
    char *inner = NULL, delim[256];
    size_t vlen;

    if (hend == NULL)
        return;
    ct = header_get(text, (size_t)(hend - text), "Content-Type", &vlen);
    if (ct == NULL || strncasecmp(ct, "multipart/", 10) != 0 ||
        (inner = header_param(ct, vlen, "boundary")) == NULL)
        return;
    snprintf(delim, sizeof(delim), "--%s", inner);
    p = strstr(hend, delim);
    while (p != NULL) {
        const char *start = p + strlen(delim), *next, *ph, *body;
        char *payload, *subtype = NULL, *filename = NULL;
        size_t hl;

        if (strncmp(start, "--", 2) == 0 || *start != '\n')
            break;
        start++;
        next = strstr(start, delim);
        if (next == NULL)
            break;
        /* the "\n" before the delimiter belongs to it */
        ph = strstr(start, "\n\n");
        if (ph == NULL || ph >= next) {
            hl = (size_t)(next - start);
            body = next;
        } else {
            hl = (size_t)(ph - start);
            body = ph + 2;
        }
        payload = strndup(body, next > body ? (size_t)(next - body - 1) : 0);
        ct = header_get(start, hl, "Content-Type", &vlen);
        if (ct != NULL) {
            const char *slash = memchr(ct, '/', vlen);
            size_t sl = 0;

            /* get_content_subtype: lower case, up to ';' */
            while (slash != NULL && slash + 1 + sl < ct + vlen &&
                   strchr("; \t", slash[1 + sl]) == NULL)
                sl++;
            if (slash != NULL && (subtype = strndup(slash + 1, sl)) != NULL)
                for (char *c = subtype; *c != '\0'; c++)
                    *c = (char)tolower((unsigned char)*c);
        }
        {
            const char *cd = header_get(start, hl, "Content-Disposition", &vlen);

            if (cd != NULL)
                filename = header_param(cd, vlen, "filename");
        }
        if (payload != NULL)
            append_part(b, boundary, nparts, payload, subtype != NULL ? subtype : "plain",
                        filename);
        free(payload);
        free(subtype);
        free(filename);
        p = next;
    }
    free(inner);
}

/* MultipartMime.get_message with Python's random boundary. */
static int mime_message(hh_rctx *ctx, char **out, hh_error *err)
{
    const json_t *parts = prop(ctx, "parts"), *item;
    uint64_t token = 0;
    char boundary[64];
    hh_pybuf b = {0};
    size_t i, nparts = 0;
    int rc;

    *out = NULL;
    /* email.generator._make_boundary: random.randrange(sys.maxsize) */
    rc = hh_rctx_random(ctx, &token, sizeof(token));
    if (rc != 0)
        return rc;
    token %= (uint64_t)INT64_MAX;
    snprintf(boundary, sizeof(boundary), "===============%019llu==", (unsigned long long)token);
    hh_pybuf_addf(&b, "Content-Type: multipart/mixed; boundary=\"%s\"\nMIME-Version: 1.0\n\n",
                  boundary);
    json_array_foreach(parts, i, item)
    {
        const char *config = json_string_value(json_object_get(item, "config"));
        const char *type = json_string_value(json_object_get(item, "type"));
        char *part = NULL;
        json_t *row = NULL;

        if (config == NULL)
            config = "";
        if (uuid_like(config)) {
            hh_error e2;

            hh_error_clear(&e2);
            if (hh_rctx_config_get(ctx, config, &row, &e2) == 0) {
                const json_t *c = json_object_get(json_object_get(row, "config"), "config");

                part = json_is_string(c) ? strdup(json_string_value(c)) : hh_py_str(c);
            } else if (e2.rc != HH_ENOTFOUND && e2.rc != 0) {
                *err = e2;
                rc = e2.rc;
            }
            json_decref(row);
        }
        if (rc == 0 && part == NULL && (part = strdup(config)) == NULL)
            rc = ENOMEM;
        if (rc == 0 && type != NULL && strcmp(type, "multipart") == 0)
            append_multiparts(&b, boundary, &nparts, part);
        else if (rc == 0)
            append_part(&b, boundary, &nparts, part,
                        json_string_value(json_object_get(item, "subtype")),
                        json_string_value(json_object_get(item, "filename")));
        free(part);
        if (rc != 0)
            break;
    }
    if (nparts == 0)
        hh_pybuf_addf(&b, "--%s\n", boundary);
    hh_pybuf_addf(&b, "\n--%s--\n", boundary);
    if (rc == 0 && (*out = hh_pybuf_take(&b)) == NULL)
        rc = b.rc != 0 ? b.rc : ENOMEM;
    hh_pybuf_free(&b);
    return rc;
}

static int mime_create(hh_rctx *ctx, hh_rstep *step, hh_error *err)
{
    json_t *config = NULL;
    char *msg = NULL;
    int rc = 0;

    if (ctx->physical_id[0] == '\0') {
        rc = mime_message(ctx, &msg, err);
        if (rc == 0 && (config = json_string(msg)) == NULL)
            rc = ENOMEM;
        if (rc == 0)
            rc = store_config(ctx, json_string_value(prop(ctx, "group")), config, NULL, NULL, NULL,
                              err);
    }
    json_decref(config);
    free(msg);
    step->done = rc == 0;
    return rc;
}

const struct hh_rplugin_ops hh_rplugin_heat_multipart_mime = {
    .handle_create = mime_create,
    .handle_delete = sc_delete,
    .resolve_attribute = sc_attribute,
    .flags = HH_RPLUGIN_STORE_ONLY,
};
