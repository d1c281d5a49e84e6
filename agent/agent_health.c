/* agent_health: health verdicts of heat-ha-agent (see the header). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agent_health.h"

void hh_engine_report_read(const json_t *reply, bool check_broker, hh_engine_report *out)
{
    const char *role = json_string_value(json_object_get(reply, "role"));
    const json_t *db_ok = json_object_get(reply, "database_ok");
    const char *db_error = json_string_value(json_object_get(reply, "database_error"));
    const char *transport = json_string_value(json_object_get(reply, "transport"));

    memset(out, 0, sizeof(*out));
    out->has_role = role != NULL;
    out->term = json_integer_value(json_object_get(reply, "term"));
    out->db_term = json_integer_value(json_object_get(reply, "database_term"));
    if (role != NULL && strcmp(role, "active") == 0) {
        out->deposed = json_is_true(db_ok) && out->db_term > out->term;
        out->active = !out->deposed;
    }
    snprintf(out->role, sizeof(out->role), "%s",
             role == NULL   ? ""
             : out->deposed ? "deposed"
             : out->active  ? "active"
                            : "standby");
    if (!json_is_boolean(db_ok))
        snprintf(out->why, sizeof(out->why), "the engine does not report its database");
    else if (!json_is_true(db_ok))
        snprintf(out->why, sizeof(out->why), "database unreachable: %s",
                 db_error != NULL ? db_error : "no reason given");
    else if (check_broker && !json_is_true(json_object_get(reply, "broker_ok")))
        snprintf(out->why, sizeof(out->why), "no RPC transport (%s)",
                 transport != NULL ? transport : "none");
    out->fit = out->why[0] == '\0';
}

bool hh_health_record(hh_health_count *h, bool ok)
{
    bool was = h->healthy;

    if (ok) {
        h->failures = 0;
        h->healthy = true;
    } else {
        h->failures++;
        if (h->failures >= (h->threshold > 0 ? h->threshold : 1))
            h->healthy = false;
    }
    return was != h->healthy;
}

int hh_http_status_parse(const char *buf, size_t len, int *code)
{
    static const char prefix[] = "HTTP/1.";
    size_t n = sizeof(prefix) - 1;

    *code = 0;
    if (memcmp(buf, prefix, len < n ? len : n) != 0)
        return EPROTO;
    if (len < n + 6)
        return EAGAIN; /* "HTTP/1.x NNN " not complete */
    if (buf[n] < '0' || buf[n] > '9' || buf[n + 1] != ' ')
        return EPROTO;
    for (size_t i = n + 2; i < n + 5; i++) {
        if (buf[i] < '0' || buf[i] > '9')
            return EPROTO;
        *code = *code * 10 + (buf[i] - '0');
    }
    if (buf[n + 5] != ' ' && buf[n + 5] != '\r') {
        *code = 0;
        return EPROTO;
    }
    if (*code < 100) {
        *code = 0;
        return EPROTO;
    }
    return 0;
}
