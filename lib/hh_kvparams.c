#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hh_kvparams.h"

static int add_value(json_t *into, const char *key, const char *value)
{
    json_t *old = json_object_get(into, key), *list;

    if (old == NULL)
        return json_object_set_new(into, key, json_string(value)) == 0 ? 0 : ENOMEM;
    if (json_is_array(old))
        return json_array_append_new(old, json_string(value)) == 0 ? 0 : ENOMEM;
    list = json_pack("[O,s]", old, value);
    if (list == NULL)
        return ENOMEM;
    return json_object_set_new(into, key, list) == 0 ? 0 : ENOMEM;
}

/* One key=value piece of length len. */
static int add_piece(json_t *into, const char *piece, size_t len, hh_error *err)
{
    char *copy = strndup(piece, len), *eq;
    int rc;

    if (copy == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    eq = strchr(copy, '=');
    if (eq == NULL) {
        rc = hh_error_set(err, HH_EINVAL, NULL,
                          "Malformed parameter(%s). Use the key=value format.", copy);
        goto done;
    }
    *eq = '\0';
    rc = add_value(into, copy, eq + 1);
    if (rc != 0)
        hh_error_set(err, rc, NULL, "out of memory");
done:
    free(copy);
    return rc;
}

int hh_kvparams_parse(const char *const *args, size_t n, json_t **out, hh_error *err)
{
    json_t *params = json_object();
    const char *p, *semi;
    size_t i;
    int rc = 0;

    *out = NULL;
    if (params == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    if (n == 1) {
        for (p = args[0];; p = semi + 1) {
            semi = strchr(p, ';');
            rc = add_piece(params, p, semi ? (size_t)(semi - p) : strlen(p), err);
            if (rc != 0 || semi == NULL)
                break;
        }
    } else {
        for (i = 0; i < n && rc == 0; i++)
            rc = add_piece(params, args[i], strlen(args[i]), err);
    }
    if (rc != 0) {
        json_decref(params);
        return rc;
    }
    *out = params;
    return 0;
}
