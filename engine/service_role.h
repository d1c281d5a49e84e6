/* service_role: this engine's place among the engines (ACTIVE or STANDBY),
 * its fencing term, and the requests of the control interface.
 *
 * Invariant 2 (fencing): a promotion always takes a new term from the store
 * (hh_store_term_acquire), even when the engine is already active, so the
 * term of the latest promotion is the only current one and every fenced
 * write of an engine promoted earlier fails. A demotion keeps the term it
 * held, for status, but the engine does no stack work while standby.
 *
 * Stack work itself (resuming IN_PROGRESS stacks on promotion, stopping
 * on demotion) comes with the engine; for now the role is recorded, logged
 * and reported.
 */
#ifndef HH_SERVICE_ROLE_H
#define HH_SERVICE_ROLE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "hh_error.h"
#include "store.h"

typedef struct hh_role hh_role;

/* A standby engine with term 0. st: borrowed, used from the owner's thread
 * only. engine_id and host are copied. *out is new; free with hh_role_free. */
int hh_role_new(hh_store *st, const char *engine_id, const char *host, hh_role **out);
void hh_role_free(hh_role *r); /* r may be NULL */

/* Take a new term and become active. On failure the role is unchanged. */
int hh_role_promote(hh_role *r, hh_error *err);
/* Become standby (always succeeds). The term is released in the store
 * (hh_store_term_release: service-list shows no engine active); a failed
 * release is logged. */
void hh_role_demote(hh_role *r);

/* Is the role still current? When active and the store holds a newer term
 * than the role's (another engine was promoted since: this one was
 * deposed, e.g. while paused or cut off), become standby (logged) and set
 * *deposed. A failed read changes nothing (err says why). */
int hh_role_check(hh_role *r, bool *deposed, hh_error *err);

bool hh_role_active(const hh_role *r);
int64_t hh_role_term(const hh_role *r);

/* {"role": "active"|"standby", "term": N, "engine_id": ..., "host": ...}:
 * new reference, NULL when out of memory. */
json_t *hh_role_status(const hh_role *r);

/* Answer one control request (borrowed; any JSON value): a new reference to
 * the reply, never NULL unless out of memory.
 *   {"op": "status"}   the status above
 *   {"op": "promote"}  promote, then the status
 *   {"op": "demote"}   demote, then the status
 * Anything else, or a failed promotion, is {"error": "message"}. */
json_t *hh_role_request(hh_role *r, const json_t *req);

#endif
