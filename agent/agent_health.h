/* agent_health: heat-ha-agent's health verdicts as pure functions: what an
 * engine's status answer says of it, the debounce of consecutive failed
 * checks, and the status line of an HTTP health check's answer.
 *
 * The engine's answer (engine/engine_main.c, the control socket's status)
 * carries "role", "term", "database_ok" with "database_term" (the store's
 * current fencing term) or "database_error", "broker_ok" and "transport".
 * An engine is fit when its database is reachable and, when the broker is
 * required, its RPC transport is open. An engine that says it is active
 * while the database holds a newer term was deposed: it counts as not
 * active (its writes are fenced off).
 *
 * Debounce: a verdict turns unhealthy only after `threshold` failed checks
 * in a row, and healthy again at the first good one, so one slow or bad
 * answer moves nothing.
 */
#ifndef HH_AGENT_HEALTH_H
#define HH_AGENT_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define HH_HEALTH_WHY_MAX 160

/* What one status answer of the engine says. */
typedef struct hh_engine_report {
    bool has_role;               /* the answer names a role (else it is an error answer) */
    bool active;                 /* role "active" and not deposed */
    bool deposed;                /* role "active" but the database holds a newer term */
    bool fit;                    /* database reachable, and the broker when required */
    int64_t term;                /* the engine's term */
    int64_t db_term;             /* the database's current term (0: unknown) */
    char role[16];               /* "active", "standby" or "deposed" ("" without a role) */
    char why[HH_HEALTH_WHY_MAX]; /* why it is not fit ("" when fit) */
} hh_engine_report;

/* Read reply (borrowed, any JSON value) into *out; check_broker: an engine
 * without its RPC transport is not fit. A reply without "database_ok" is
 * not fit (the engine does not report its database). */
void hh_engine_report_read(const json_t *reply, bool check_broker, hh_engine_report *out);

/* Consecutive failures of one kind of check. */
typedef struct hh_health_count {
    unsigned threshold; /* failures in a row that make it unhealthy (>= 1) */
    unsigned failures;  /* failed checks in a row so far */
    bool healthy;
} hh_health_count;

/* Record one check's outcome; returns true when `healthy` changed. */
bool hh_health_record(hh_health_count *h, bool ok);

/* The status code of an HTTP answer's first len bytes of buf (borrowed):
 * 0 with *code set, EAGAIN when the status line is not complete yet, or
 * EPROTO when it is not "HTTP/1.x NNN ...". */
int hh_http_status_parse(const char *buf, size_t len, int *code);

#endif
