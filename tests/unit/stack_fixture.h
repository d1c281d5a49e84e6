/* Shared scaffolding of the stack unit tests: a SQLite store in a fresh
 * temporary directory (or, with HH_TEST_DB_URL set, a new database on that
 * MySQL server: tests/lib/test_db.h) and a stack engine on it with short
 * poll settings (so the tests stay quick and bounded). One store per test
 * program. */
#ifndef HH_TESTS_STACK_FIXTURE_H
#define HH_TESTS_STACK_FIXTURE_H

#include <jansson.h>
#include <stdbool.h>

#include "stack_engine.h"
#include "store.h"

/* The string member k of o (borrowed), "" when o or the member is not
 * one. */
const char *fx_jstr(const json_t *o, const char *k);

/* Make the directory /tmp/<prefix>.XXXXXX and point the store URL at
 * heat.db inside it, or at a new MySQL database (test_db.h). prefix
 * borrowed ([A-Za-z0-9_]). 0, or -1 (errno set, or the database could not
 * be made). */
int fx_store_open(const char *prefix);

/* The store URL ("sqlite:///<dir>/heat.db" or a MySQL one); borrowed, valid until the
 * program ends. Empty before fx_store_open. */
const char *fx_store_url(void);

/* Remove heat.db, its -wal and -shm files and the directory made by
 * fx_store_open. Missing files are not an error. */
void fx_store_close(void);

/* A new engine on the store with workers workers and the template limits
 * limits (borrowed, kept by the engine; NULL: the defaults), polling every
 * 10 ms and retrying errors after 50 ms; the caller frees it with
 * hh_stack_engine_free. NULL (with a TAP diagnostic) on failure. */
hh_stack_engine *fx_engine_with(int workers, const hh_tmpl_limits *limits);

/* fx_engine_with(2, NULL). */
hh_stack_engine *fx_engine(void);

/* hh_stack_create of the template text (YAML or JSON) with files (an
 * object, may be NULL) and the environment text env (may be NULL) as the
 * stack name of tenant "tenant-1"; id and err as hh_stack_create's. The
 * action is started, not run. */
int fx_create(hh_stack_engine *e, const char *text, json_t *files, const char *env,
              const char *name, char *id, hh_error *err);

/* Is stack id (a deleted one too) (action, status)? When it is not, its
 * state and reason are printed as a TAP diagnostic. */
bool fx_state_is(hh_store *st, const char *id, const char *action, const char *status);

/* The row of stack id (new reference; deleted: a deleted one too), NULL
 * when there is none. st and id borrowed. */
json_t *fx_stack_row(hh_store *st, const char *id, bool deleted);

/* The row of the resource name of stack id (new reference), NULL when
 * there is none. st, id and name borrowed. */
json_t *fx_resource(hh_store *st, const char *id, const char *name);

/* Index of the first event of (name, action, status) in events
 * (borrowed), or -1. */
long fx_ev_find(const json_t *events, const char *name, const char *action, const char *status);

/* Drive e until the visible row of name in stack id is (action, status)
 * with its physical id recorded, in short slices, for at most max_ms: a
 * bounded wait for a state, not a timing (valgrind runs slowly). false
 * when it never got there or the action ended first. e, id, name, action
 * and status borrowed. */
bool fx_run_until(hh_stack_engine *e, const char *id, const char *name, const char *action,
                  const char *status, long max_ms);

/* The same without waiting for the physical id. */
bool fx_run_until_state(hh_stack_engine *e, const char *id, const char *name, const char *action,
                        const char *status, long max_ms);

/* One TAP result of the including test (tap.h counts per program):
 * stack id is (action, status), named "<what>: A_S". */
#define fx_expect_state(st, id, action, status, what)                                              \
    ok(fx_state_is((st), (id), (action), (status)), "%s: %s_%s", (what), (action), (status))

/* Update stack id to the template text (PUT, files borrowed, may be NULL)
 * with disable_rollback; queued, not run. rc, with err filled and a TAP
 * diagnostic. */
int fx_update(hh_stack_engine *e, const char *id, const char *text, json_t *files, hh_error *err);

/* The outputs of stack id resolved as the API shows them ({key: value}
 * or {key: {"output_error": ...}}); new reference, NULL (with a TAP
 * diagnostic) on failure. */
json_t *fx_outputs(hh_store *st, const char *id);

/* fx_create with a TAP diagnostic when it fails (err not wanted). */
int fx_create_text(hh_stack_engine *e, const char *text, const char *name, char *id);

/* The events of stack id (new array, oldest first; NULL on failure). */
json_t *fx_events(hh_store *st, const char *id);

/* Delete stack id and run e until it ends (at most 20 s): whether the
 * delete was accepted, ended, and left child (another stack it owned, or
 * NULL for id itself) DELETE_COMPLETE (deleted). */
bool fx_delete_run(hh_stack_engine *e, const char *id, const char *child);

#endif
