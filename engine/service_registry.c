/* service_registry: this engine's row in the service table (see the header). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "service_registry.h"

struct hh_registry {
    hh_store *st; /* borrowed */
    char id[HH_STORE_ID_LEN];
    char engine_id[HH_STORE_ID_LEN];
    char host[256];
    char hostname[256];
    int interval;        /* seconds */
    struct timespec due; /* CLOCK_MONOTONIC time of the next heartbeat */
};

static void schedule(hh_registry *r)
{
    clock_gettime(CLOCK_MONOTONIC, &r->due);
    r->due.tv_sec += r->interval;
}

/* Insert r's row (under r->id when it has one: a row service clean
 * removed while this engine was silent comes back as it was). */
static int create_row(hh_registry *r, hh_error *err)
{
    hh_store_service_spec spec;

    memset(&spec, 0, sizeof(spec));
    spec.id = r->id[0] != '\0' ? r->id : NULL;
    spec.engine_id = r->engine_id;
    spec.host = r->host;
    spec.hostname = r->hostname;
    spec.binary = "heat-engine";
    spec.topic = "engine";
    spec.report_interval = r->interval;
    return hh_store_service_create(r->st, &spec, r->id, err);
}

int hh_registry_start(hh_store *st, const char *host, const char *engine_id, int report_interval,
                      hh_registry **out, hh_error *err)
{
    hh_registry *r = NULL;
    int rc;

    *out = NULL;
    r = calloc(1, sizeof(*r));
    if (r == NULL)
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    r->st = st;
    r->interval = report_interval > 0 ? report_interval : 1;
    snprintf(r->engine_id, sizeof(r->engine_id), "%s", engine_id);
    snprintf(r->host, sizeof(r->host), "%s", host);
    if (gethostname(r->hostname, sizeof(r->hostname) - 1) != 0)
        snprintf(r->hostname, sizeof(r->hostname), "%s", host);
    if ((rc = create_row(r, err)) != 0) {
        free(r);
        return rc;
    }
    schedule(r);
    *out = r;
    return 0;
}

const char *hh_registry_id(const hh_registry *r)
{
    return r->id;
}

long hh_registry_due_ms(const hh_registry *r)
{
    struct timespec now;
    long long ms;

    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (long long)(r->due.tv_sec - now.tv_sec) * 1000 + (r->due.tv_nsec - now.tv_nsec) / 1000000;
    if (ms < 0)
        return 0;
    return ms > (long long)r->interval * 1000 ? (long)r->interval * 1000 : (long)ms;
}

int hh_registry_heartbeat(hh_registry *r, hh_error *err)
{
    int rc;

    schedule(r);
    rc = hh_store_service_heartbeat(r->st, r->id, err);
    if (rc == HH_ENOTFOUND) {
        hh_error_clear(err);
        rc = create_row(r, err);
    }
    return rc;
}

int hh_registry_stop(hh_registry *r, hh_error *err)
{
    return hh_store_service_delete(r->st, r->id, err);
}

void hh_registry_free(hh_registry *r)
{
    free(r);
}
