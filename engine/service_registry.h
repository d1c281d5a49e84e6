/* service_registry: this engine's row in the store's service table.
 *
 * Heat's rule: an engine records itself (host, engine_id, binary, topic,
 * report_interval) when it starts, touches updated_at every report_interval
 * seconds, and is shown "down" once silent for twice that; a clean stop
 * soft-deletes the row. Registry writes are unfenced (store.h): standby
 * engines heartbeat too.
 *
 * The registry borrows the store handle and uses it from the owner's thread
 * only; the owner calls hh_registry_heartbeat when hh_registry_due_ms says
 * the time has come.
 */
#ifndef HH_SERVICE_REGISTRY_H
#define HH_SERVICE_REGISTRY_H

#include "hh_error.h"
#include "store.h"

typedef struct hh_registry hh_registry;

/* Create this engine's service row. st, host, engine_id: borrowed (host and
 * engine_id are copied). report_interval in seconds (>= 1). *out is new;
 * free with hh_registry_free. Errors as hh_store_service_create, or ENOMEM. */
int hh_registry_start(hh_store *st, const char *host, const char *engine_id, int report_interval,
                      hh_registry **out, hh_error *err);

/* The service row's id (borrowed). */
const char *hh_registry_id(const hh_registry *r);

/* Milliseconds until the next heartbeat is due (0 when it is due now). */
long hh_registry_due_ms(const hh_registry *r);

/* Touch the row now and schedule the next heartbeat report_interval seconds
 * on, whether or not the write worked (a failure is the caller's to log; the
 * next heartbeat retries). A row that `heat-manage service clean` removed
 * while this engine was silent (paused, cut off) is registered again under
 * the same id; a soft-deleted one is live again. */
int hh_registry_heartbeat(hh_registry *r, hh_error *err);

/* Soft-delete the row (clean stop). */
int hh_registry_stop(hh_registry *r, hh_error *err);

/* Free r without touching the row (r may be NULL). */
void hh_registry_free(hh_registry *r);

#endif
