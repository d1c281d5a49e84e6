/* agent_probe: one HTTP health check at a time, GET PATH over TCP to an
 * address literal and port, asynchronous on heat-ha-agent's libqb loop
 * (the agent never blocks on a service).
 *
 * A request is HTTP/1.0 with "Connection: close"; the answer counts once
 * its status line arrived (agent_health.h: hh_http_status_parse), whatever
 * the status: the process answers. A wildcard address (0.0.0.0, ::) is
 * asked on the loopback address of its family.
 */
#ifndef HH_AGENT_PROBE_H
#define HH_AGENT_PROBE_H

#include <qb/qbloop.h>

typedef struct hh_probe hh_probe;

/* One check's outcome, called once per hh_probe_start (possibly from
 * within it, when the connection fails at once): code is the HTTP status
 * (100..999) of an answer, or 0 with why (borrowed, for the log) when the
 * connection was refused, the answer did not come within the timeout or
 * is not HTTP. */
typedef void (*hh_probe_fn)(void *arg, int code, const char *why);

/* host: an IPv4 or IPv6 address literal; port 1..65535; path (copied)
 * such as "/healthcheck". loop is borrowed. *out is new (hh_probe_free).
 * 0, ENOMEM, or EINVAL for an address that is not a literal. */
int hh_probe_new(qb_loop_t *loop, const char *host, int port, const char *path, hh_probe_fn fn,
                 void *arg, hh_probe **out);

/* Start a check answered within timeout_ms (a check in flight is
 * abandoned without its callback). */
void hh_probe_start(hh_probe *p, unsigned timeout_ms);

/* Abandon the check in flight, if any (no callback). */
void hh_probe_cancel(hh_probe *p);

/* "http://host:port/path": borrowed, valid until hh_probe_free. */
const char *hh_probe_url(const hh_probe *p);

void hh_probe_free(hh_probe *p); /* p may be NULL */

#endif
