/* service_role: active/standby role and fencing term (see the header). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hh_log.h"
#include "service_role.h"

struct hh_role {
    hh_store *st; /* borrowed */
    char *engine_id;
    char *host;
    bool active;
    int64_t term; /* of the latest promotion; 0 before any */
};

int hh_role_new(hh_store *st, const char *engine_id, const char *host, hh_role **out)
{
    hh_role *r = NULL;

    *out = NULL;
    r = calloc(1, sizeof(*r));
    if (r == NULL)
        return ENOMEM;
    r->st = st;
    r->engine_id = strdup(engine_id);
    r->host = strdup(host);
    if (r->engine_id == NULL || r->host == NULL) {
        hh_role_free(r);
        return ENOMEM;
    }
    *out = r;
    return 0;
}

void hh_role_free(hh_role *r)
{
    if (r == NULL)
        return;
    free(r->engine_id);
    free(r->host);
    free(r);
}

int hh_role_promote(hh_role *r, hh_error *err)
{
    int64_t term = 0;
    int rc;

    rc = hh_store_term_acquire(r->st, r->engine_id, &term, err);
    if (rc != 0) {
        hh_log_error("promotion failed: could not take a new term: %s",
                     err != NULL && err->message[0] != '\0' ? err->message : hh_strerror(rc));
        return rc;
    }
    hh_log_notice("promoted: role active, term %lld (was %s, term %lld)", (long long)term,
                  r->active ? "active" : "standby", (long long)r->term);
    r->term = term;
    r->active = true;
    return 0;
}

void hh_role_demote(hh_role *r)
{
    hh_error err;

    hh_log_notice("demoted: role standby (was %s, term %lld)", r->active ? "active" : "standby",
                  (long long)r->term);
    hh_error_clear(&err);
    if (r->active && hh_store_term_release(r->st, r->engine_id, r->term, &err) != 0)
        hh_log_warning("demotion: term %lld not released (service-list shows this engine "
                       "active until the next promotion): %s",
                       (long long)r->term,
                       err.message[0] != '\0' ? err.message : hh_strerror(err.rc));
    r->active = false;
}

int hh_role_check(hh_role *r, bool *deposed, hh_error *err)
{
    int64_t current = 0;
    int rc;

    *deposed = false;
    if (!r->active)
        return 0;
    if ((rc = hh_store_term_current(r->st, &current, err)) != 0)
        return rc;
    if (current <= r->term)
        return 0;
    hh_log_warning("deposed: the current term is %lld, newer than this engine's %lld (another "
                   "engine was promoted); standing by",
                   (long long)current, (long long)r->term);
    hh_role_demote(r);
    *deposed = true;
    return 0;
}

bool hh_role_active(const hh_role *r)
{
    return r->active;
}

int64_t hh_role_term(const hh_role *r)
{
    return r->term;
}

json_t *hh_role_status(const hh_role *r)
{
    return json_pack("{s:s, s:I, s:s, s:s}", "role", r->active ? "active" : "standby", "term",
                     (json_int_t)r->term, "engine_id", r->engine_id, "host", r->host);
}

json_t *hh_role_request(hh_role *r, const json_t *req)
{
    const char *op = json_string_value(json_object_get(req, "op"));
    hh_error err;

    hh_error_clear(&err);
    if (!json_is_object(req) || op == NULL)
        return json_pack("{s:s}", "error", "a request is an object with a string \"op\"");
    if (strcmp(op, "status") == 0)
        return hh_role_status(r);
    if (strcmp(op, "promote") == 0) {
        if (hh_role_promote(r, &err) != 0)
            return json_pack("{s:s}", "error",
                             err.message[0] != '\0' ? err.message : hh_strerror(err.rc));
        return hh_role_status(r);
    }
    if (strcmp(op, "demote") == 0) {
        hh_role_demote(r);
        return hh_role_status(r);
    }
    return json_pack("{s:s+}", "error", "unknown op: ", op);
}
