/* Shared scaffolding of the stack unit tests (stack_fixture.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/test_db.h"
#include "stack_fixture.h"
#include "stack_model.h"

static char fx_dir[512];
static char fx_url[1024];

const char *fx_jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL ? s : "";
}

int fx_store_open(const char *prefix)
{
    snprintf(fx_dir, sizeof(fx_dir), "/tmp/%s.XXXXXX", prefix);
    if (mkdtemp(fx_dir) == NULL) {
        fx_dir[0] = '\0';
        return -1;
    }
    snprintf(fx_url, sizeof(fx_url), "sqlite:///%s/heat.db", fx_dir);
    {
        /* or a database of its own on HH_TEST_DB_URL's server */
        char *url = hh_test_db_new(prefix, fx_url);
        if (url == NULL)
            return -1;
        snprintf(fx_url, sizeof(fx_url), "%s", url);
        free(url);
    }
    return 0;
}

const char *fx_store_url(void)
{
    return fx_url;
}

void fx_store_close(void)
{
    static const char *const files[] = {"heat.db", "heat.db-wal", "heat.db-shm"};
    char path[600];

    if (fx_dir[0] == '\0')
        return;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", fx_dir, files[i]);
        unlink(path);
    }
    rmdir(fx_dir);
    fx_dir[0] = '\0';
}

hh_stack_engine *fx_engine_with(int workers, const hh_tmpl_limits *limits)
{
    hh_stack_engine_opts o = {.store_url = fx_url,
                              .workers = workers,
                              .poll_secs = 0.01,
                              .error_wait_secs = 0.05,
                              .limits = limits};
    hh_stack_engine *e = NULL;
    hh_error err;

    if (hh_stack_engine_new(&o, &e, &err) != 0)
        printf("# engine: %s\n", err.message);
    return e;
}

hh_stack_engine *fx_engine(void)
{
    return fx_engine_with(2, NULL);
}

/* a missing field matches nothing */
static bool field_is(const json_t *o, const char *k, const char *want)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s != NULL && strcmp(s, want) == 0;
}

int fx_create(hh_stack_engine *e, const char *text, json_t *files, const char *env,
              const char *name, char *id, hh_error *err)
{
    json_t *tmpl = json_string(text), *envj = env ? json_string(env) : NULL;
    hh_tmpl_request req = {.template = tmpl, .files = files, .environment = envj};
    int rc = hh_stack_create(e, &req, name, "tenant-1", 0, id, err);

    json_decref(tmpl);
    json_decref(envj);
    return rc;
}

bool fx_state_is(hh_store *st, const char *id, const char *action, const char *status)
{
    json_t *row = fx_stack_row(st, id, true);
    bool is = field_is(row, "action", action) && field_is(row, "status", status);

    if (row != NULL && !is)
        printf("# got %s_%s: %s\n", json_string_value(json_object_get(row, "action")),
               json_string_value(json_object_get(row, "status")),
               json_string_value(json_object_get(row, "status_reason")));
    json_decref(row);
    return is;
}

json_t *fx_stack_row(hh_store *st, const char *id, bool deleted)
{
    json_t *row = NULL;

    hh_store_stack_get(st, id, deleted, &row, NULL);
    return row;
}

json_t *fx_resource(hh_store *st, const char *id, const char *name)
{
    json_t *r = NULL;

    hh_store_resource_get_by_name(st, id, name, &r, NULL);
    return r;
}

long fx_ev_find(const json_t *events, const char *name, const char *action, const char *status)
{
    size_t i;
    json_t *ev;

    json_array_foreach(events, i, ev)
    {
        if (field_is(ev, "resource_name", name) && field_is(ev, "resource_action", action) &&
            field_is(ev, "resource_status", status))
            return (long)i;
    }
    return -1;
}

/* Drive e (bounded) until name is (action, status), with its physical
 * id when pid. */
static bool run_until(hh_stack_engine *e, const char *id, const char *name, const char *action,
                      const char *status, bool pid, long max_ms)
{
    long waited;

    for (waited = 0; waited < max_ms; waited += 10) {
        json_t *r = fx_resource(hh_stack_engine_store(e), id, name);
        bool there = field_is(r, "action", action) && field_is(r, "status", status) &&
                     (!pid || json_string_length(json_object_get(r, "physical_resource_id")) > 0);

        json_decref(r);
        if (there)
            return true;
        if (hh_stack_engine_run(e, 10) == 0)
            return false; /* the action ended */
    }
    return false;
}

bool fx_run_until(hh_stack_engine *e, const char *id, const char *name, const char *action,
                  const char *status, long max_ms)
{
    return run_until(e, id, name, action, status, true, max_ms);
}

bool fx_run_until_state(hh_stack_engine *e, const char *id, const char *name, const char *action,
                        const char *status, long max_ms)
{
    return run_until(e, id, name, action, status, false, max_ms);
}

int fx_update(hh_stack_engine *e, const char *id, const char *text, json_t *files, hh_error *err)
{
    json_t *tmpl = json_string(text);
    hh_tmpl_request req = {.template = tmpl, .files = files};
    hh_stack_update_opts o = {.disable_rollback = 1};
    int rc = hh_stack_update(e, id, &req, &o, 0, err);

    if (rc != 0)
        printf("# update %s: %s\n", id, err->message);
    json_decref(tmpl);
    return rc;
}

json_t *fx_outputs(hh_store *st, const char *id)
{
    hh_stack_model *m = NULL;
    json_t *o = NULL;
    hh_error err;

    if (hh_stack_model_load(st, id, false, &m, &err) != 0 ||
        hh_stack_model_outputs(m, st, &o, &err) != 0)
        printf("# outputs: %s\n", err.message);
    hh_stack_model_free(m);
    return o;
}

int fx_create_text(hh_stack_engine *e, const char *text, const char *name, char *id)
{
    hh_error err;
    int rc = fx_create(e, text, NULL, NULL, name, id, &err);

    if (rc != 0)
        printf("# create %s: %s\n", name, err.message);
    return rc;
}

json_t *fx_events(hh_store *st, const char *id)
{
    json_t *evs = NULL;

    hh_store_event_list(st, id, NULL, &evs, NULL);
    return evs;
}

bool fx_delete_run(hh_stack_engine *e, const char *id, const char *child)
{
    hh_error err;

    if (hh_stack_delete(e, id, 0, &err) != 0) {
        printf("# delete %s: %s\n", id, err.message);
        return false;
    }
    if (hh_stack_engine_run(e, 20000) != 0)
        return false;
    return fx_state_is(hh_stack_engine_store(e), child != NULL ? child : id, "DELETE", "COMPLETE");
}
