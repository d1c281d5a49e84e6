/* store: the one database API of heat-ha.
 *
 * An hh_store is one connection to the database named by a [database]
 * connection URL; the driver is chosen by the URL's scheme:
 *   sqlite:///abs/path, sqlite:///rel/path   a file (WAL mode)
 *   sqlite://                                a private in-memory database
 *   mysql+pymysql://USER:PASSWORD@HOST[:PORT]/DB[?charset=utf8&...],
 *   mysql://..., mysql+mysqldb://...         MySQL, MariaDB, Galera
 *                                            (store_mysql.c lists parameters)
 * Drivers are const vtables (store_driver.h) that run this module's portable
 * SQL; the operations below are written once, for every driver.
 *
 * Threads: a handle is used by one thread at a time. Threads open their own
 * handles on the same URL (each "sqlite://" open is a separate database).
 *
 * Schema: versioned. hh_store_db_sync applies pending migrations in order,
 * each in its own transaction with the version bump; it is idempotent.
 * Operations other than db_sync/db_version need the latest schema.
 *
 * Transactions. Every operation is atomic. Outside hh_store_begin each
 * operation is its own transaction. Between hh_store_begin and
 * hh_store_commit/hh_store_rollback, operations join one write transaction
 * (no nesting: begin inside begin is HH_EINVAL). If a write fails inside it,
 * the transaction is marked failed: later writes return HH_EINVAL and
 * hh_store_commit rolls back and returns the first failure's rc (a failed
 * read, e.g. HH_ENOTFOUND from a get, does not mark it). So a commit that
 * returns 0 made every write of the transaction durable, and any other
 * outcome left nothing of it. Reads inside a transaction see its writes.
 *
 * Re-run transactions (MySQL/Galera). A server may abort a transaction
 * that did nothing wrong: a deadlock or a Galera certification conflict
 * (1213, also at COMMIT), a lock wait timeout (1205), a lost connection
 * (2006, 2013). The store then re-runs it whole, by itself, with bounded
 * backoff ([database] db_max_retries, db_retry_interval ...): every
 * statement since hh_store_begin (or of the one operation), in order, with
 * the parameters it had, each checked to give what it gave the first time
 * (the rows read, the rows changed, the new ids). When all agree, the
 * caller's decisions, taken on what it read, still hold and the caller
 * sees nothing: the operation in progress (or hh_store_commit) returns as
 * if the abort had not happened, and the transaction's effects appear
 * once. When a read differs (another writer changed it), or the re-runs
 * are used up, the transaction is lost: that operation and every later
 * one fail and hh_store_commit returns EBUSY (EIO for a connection that
 * stayed lost), leaving nothing. So callers need no retry loop of their
 * own and must not keep state that the transaction's failure would make
 * wrong (as for any failed commit). A connection lost at COMMIT leaves
 * the commit's fate unknown: the store first looks for a row the
 * transaction inserted (under an id the server gave it) and, when it is
 * there, the commit landed and hh_store_commit returns 0 without a re-run.
 * hh_store_retries counts the re-runs.
 *
 * Fencing (invariant 2). The database holds one term, 0 at creation.
 * hh_store_term_acquire increments it atomically and returns the new value;
 * the engine does so when promoted. Every fenced write takes the caller's
 * term and, inside its write transaction, fails with HH_EFENCED and changes
 * nothing when the stored term is newer. Unfenced writes are the service
 * registry (standby engines heartbeat too) and the operator's maintenance
 * (purge_deleted, reset_stack_status), which heat-manage runs. On MySQL the
 * fence reads the term with a shared lock held to the transaction's end, so
 * term_acquire waits for the writes under the old term to commit; on
 * Galera that holds when every writer uses one node (HAProxy with one
 * active server, as Heat is deployed).
 *
 * Records are returned as JSON objects (jansson, new references) whose keys
 * are Heat's column names: ids are strings (stack, event uuid, service,
 * snapshot) or integers (raw_template, resource id, event id); timestamps are
 * "YYYY-MM-DDTHH:MM:SSZ" strings or null; JSON columns (template, files,
 * environment, tags, rsrc_metadata, properties_data, resource_properties,
 * data) are JSON values; flags are booleans.
 *
 * Text is fitted to its column: names, actions and statuses to 255 bytes,
 * reasons and values to 65535 bytes, cut on a UTF-8 boundary. Long text never
 * fails a write.
 *
 * Errors: rc as hh_error.h; err (may be NULL) says what failed. HH_ENOTFOUND
 * for a missing record, HH_EEXISTS for a duplicate id or key, EBUSY when the
 * database stayed locked past the busy timeout, EIO for other driver errors.
 */
#ifndef HH_STORE_H
#define HH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "hh_error.h"

typedef struct hh_store hh_store;

#define HH_STORE_ID_LEN 37   /* a UUID and its NUL */
#define HH_STORE_TIME_LEN 21 /* "2026-11-29T02:34:20Z" and its NUL */
#define HH_STORE_NAME_MAX 255
#define HH_STORE_TEXT_MAX 65535

/* ---- connection and schema ---- */

/* The store URL heat.conf gives (conf borrowed): [database] connection,
 * and for an sqlite:// one without a synchronous parameter, the
 * "synchronous=full" or "synchronous=normal" [database] sqlite_synchronous
 * chooses (store_sqlite.c says what each keeps). *url: new string, free();
 * NULL (rc 0) when connection is not set. */
struct hh_conf;
int hh_store_conf_url(const struct hh_conf *conf, char **url, hh_error *err);

/* Open url (borrowed). *out: new handle, free with hh_store_close. Bad or
 * unknown URLs are HH_ECONFIG; a known but absent driver HH_EUNSUPPORTED. */
int hh_store_open(const char *url, hh_store **out, hh_error *err);
void hh_store_close(hh_store *st); /* st may be NULL; rolls back an open transaction */
const char *hh_store_driver_name(const hh_store *st); /* "sqlite", "mysql"; static */
/* Transactions re-run on this handle's connection so far (0 on SQLite). */
int64_t hh_store_retries(const hh_store *st);

/* Create the empty database name ([A-Za-z0-9_], at most 64) on the server
 * that url (borrowed) names, ignoring url's own database; *db_url: new
 * string, url naming the new database. For test harnesses and deployment
 * tools (the per-test databases of tests/lib/test_db.c). A driver without
 * databases (SQLite): HH_EUNSUPPORTED; an existing name: HH_EEXISTS. */
int hh_store_create_database(const char *url, const char *name, char **db_url, hh_error *err);

/* Latest schema version this build knows. */
int hh_store_schema_latest(const hh_store *st);
/* *version: the database's schema version (0 for an empty database). */
int hh_store_db_version(hh_store *st, int *version, hh_error *err);
/* Upgrade to version (-1: the latest). A version below the current one is
 * HH_EUNSUPPORTED (no downgrades); above the latest HH_EINVAL. */
int hh_store_db_sync(hh_store *st, int version, hh_error *err);

/* ---- transactions ---- */
int hh_store_begin(hh_store *st, hh_error *err);
int hh_store_commit(hh_store *st, hh_error *err);
int hh_store_rollback(hh_store *st); /* HH_EINVAL when none is open */
bool hh_store_in_transaction(const hh_store *st);

/* ---- data version (answer caches) ---- */
/* *version: the data version of this process's store handles, as st sees
 * it now. Versions only grow. Protocol: take v, then read on st; what was
 * read may be reused (by any thread of this process) for as long as a new
 * call, on any handle, returns v again. Reuse never misses a commit that
 * completed, in any process, before the reusing call began: the first call
 * on each handle after a commit moves the version (the driver's token of
 * that handle changed), so either the reads came after the commit or v is
 * old. HH_EINVAL inside a transaction (its writes are not committed);
 * HH_EUNSUPPORTED when the driver cannot tell (nothing may be reused). */
int hh_store_data_version(hh_store *st, uint64_t *version, hh_error *err);

/* ---- fencing term ---- */
/* Take a new term: the stored term + 1, recorded with holder (borrowed, may
 * be NULL: an engine id). Not allowed inside a transaction. */
int hh_store_term_acquire(hh_store *st, const char *holder, int64_t *term, hh_error *err);
int hh_store_term_current(hh_store *st, int64_t *term, hh_error *err);
/* A demotion: the current term, when it is term and held by holder
 * (borrowed), keeps its number but loses its holder, so no engine is
 * listed active until the next promotion. Unfenced; 0 also when a newer
 * term exists (nothing changes). */
int hh_store_term_release(hh_store *st, const char *holder, int64_t term, hh_error *err);

/* ---- raw templates ---- */
/* template, files, environment: borrowed; files and environment may be NULL
 * (stored as {}). *id: the new integer id. */
int hh_store_template_create(hh_store *st, int64_t term, const json_t *tmpl, const json_t *files,
                             const json_t *env, int64_t *id, hh_error *err);
/* *out: new {id, template, files, environment, created_at, updated_at}. */
int hh_store_template_get(hh_store *st, int64_t id, json_t **out, hh_error *err);
int hh_store_template_delete(hh_store *st, int64_t term, int64_t id, hh_error *err);

/* ---- stacks ---- */
typedef struct hh_store_stack_spec {
    const char *id;          /* NULL: a new UUID (adopt gives its own) */
    const char *name;        /* required */
    const char *tenant;      /* required: project id */
    const char *username;    /* may be NULL */
    int64_t raw_template_id; /* required */
    const char *owner_id;    /* parent stack of a nested stack; NULL: top level */
    const char *parent_resource_name;
    int timeout_mins; /* 0: none */
    bool disable_rollback;
    int nested_depth;
    const char *action; /* NULL: "CREATE" */
    const char *status; /* NULL: "IN_PROGRESS" */
    const char *status_reason;
    const json_t *tags; /* borrowed array of strings or NULL */
    const char *stack_user_project_id;
} hh_store_stack_spec;

/* Create; the new id is copied to id_out (HH_STORE_ID_LEN bytes) when
 * id_out is non-NULL. A live stack of the same tenant and name at top level
 * is HH_EEXISTS. */
int hh_store_stack_create(hh_store *st, int64_t term, const hh_store_stack_spec *spec, char *id_out,
                          hh_error *err);
/* *out: new object; soft-deleted stacks only when show_deleted. */
int hh_store_stack_get(hh_store *st, const char *id, bool show_deleted, json_t **out,
                       hh_error *err);
/* The live stack named name in tenant (top level preferred). */
int hh_store_stack_get_by_name(hh_store *st, const char *tenant, const char *name, json_t **out,
                               hh_error *err);

typedef struct hh_store_list_opts {
    int limit;             /* <= 0: all */
    const char *marker;    /* id (stacks) or uuid (events) after which to start */
    const char *sort_key;  /* NULL: created_at; a column named in the list's doc */
    const char *sort_dir;  /* "asc" or "desc"; NULL: the list's default */
    const json_t *filters; /* borrowed object: column -> string or array of strings */
} hh_store_list_opts;

/* Stacks of tenant (NULL: every tenant). Sort keys: created_at, updated_at,
 * name, status, action, id; default created_at desc. Filters: id, name,
 * action, status, tenant, username, owner_id. show_nested: include nested
 * stacks. A marker that is no stack is HH_ENOTFOUND. *out: new array. */
int hh_store_stack_list(hh_store *st, const char *tenant, const hh_store_list_opts *opts,
                        bool show_deleted, bool show_nested, json_t **out, hh_error *err);
/* Live stacks of tenant (NULL: all), top level unless show_nested. */
int hh_store_stack_count(hh_store *st, const char *tenant, bool show_nested, int64_t *count,
                         hh_error *err);
/* Live direct children of owner_id, oldest first. *out: new array. */
int hh_store_stack_children(hh_store *st, const char *owner_id, json_t **out, hh_error *err);
/* Set action, status and status_reason in one write. updated_at is
 * Heat's Stack.updated_time: it moves on when an action other than CREATE
 * and ADOPT starts (status IN_PROGRESS: update, delete, rollback, check,
 * suspend, resume, snapshot, restore) and stays null for a stack that was
 * only created (the API shows updated_time null). */
int hh_store_stack_set_state(hh_store *st, int64_t term, const char *id, const char *action,
                             const char *status, const char *reason, hh_error *err);
/* Point the stack at a new template, keeping the old as prev (update;
 * prev_raw_template_id 0 stores NULL). */
int hh_store_stack_set_template(hh_store *st, int64_t term, const char *id, int64_t raw_template_id,
                                int64_t prev_raw_template_id, hh_error *err);
/* An update's options (Heat's stack.timeout, disable_rollback, tags):
 * timeout_mins <= 0 stores 0 (none); tags borrowed, NULL stores null. */
int hh_store_stack_set_options(hh_store *st, int64_t term, const char *id, int timeout_mins,
                               bool disable_rollback, const json_t *tags, hh_error *err);
/* Soft delete: deleted_at is set, the stack's resources and their data are
 * removed (Heat's stack_delete). HH_ENOTFOUND if absent or already deleted. */
int hh_store_stack_soft_delete(hh_store *st, int64_t term, const char *id, hh_error *err);

/* ---- resources ---- */
typedef struct hh_store_resource_spec {
    const char *stack_id;      /* required */
    const char *name;          /* required */
    const char *type;          /* e.g. "OS::Heat::None" */
    const char *root_stack_id; /* NULL: stack_id */
    const char *action;        /* NULL: "INIT" */
    const char *status;        /* NULL: "COMPLETE" */
    const char *status_reason;
    const json_t *properties_data; /* borrowed; may be NULL */
    const json_t *requires;        /* borrowed array of resource ids; may be NULL */
    int64_t current_template_id;   /* 0: none */
    int64_t replaces;              /* the resource this one replaces; 0: none */
} hh_store_resource_spec;

/* *id: the new integer id; uuid_out (HH_STORE_ID_LEN) may be NULL. */
int hh_store_resource_create(hh_store *st, int64_t term, const hh_store_resource_spec *spec,
                             int64_t *id, char *uuid_out, hh_error *err);
int hh_store_resource_get(hh_store *st, int64_t id, json_t **out, hh_error *err);
/* The visible row of that name: not replaced (replaced_by null) first,
 * then the newest. */
int hh_store_resource_get_by_name(hh_store *st, const char *stack_id, const char *name,
                                  json_t **out, hh_error *err);
/* Resources of a stack in creation order. *out: new array. */
int hh_store_resource_list(hh_store *st, const char *stack_id, json_t **out, hh_error *err);
/* Resource rows of a stack (every row, replaced ones too). */
int hh_store_resource_count(hh_store *st, const char *stack_id, int64_t *count, hh_error *err);
/* Resources whose root stack is root_stack_id: a stack and every stack
 * nested in it (Heat's count_total_resources). */
int hh_store_resource_count_root(hh_store *st, const char *root_stack_id, int64_t *count,
                                 hh_error *err);
int hh_store_resource_set_state(hh_store *st, int64_t term, int64_t id, const char *action,
                                const char *status, const char *reason, hh_error *err);
/* Record the physical id as soon as the backing thing exists, before the
 * resource's creation is reported, so crash-resume finds it. NULL clears. */
int hh_store_resource_set_physical_id(hh_store *st, int64_t term, int64_t id,
                                      const char *physical_id, hh_error *err);
/* properties_data: the resolved properties the current action acts on
 * (borrowed; NULL stores null), kept for crash-resume and delete. */
int hh_store_resource_set_properties(hh_store *st, int64_t term, int64_t id, const json_t *props,
                                     hh_error *err);
/* rsrc_metadata (borrowed; NULL stores null). */
int hh_store_resource_set_metadata(hh_store *st, int64_t term, int64_t id, const json_t *metadata,
                                   hh_error *err);
/* The template the resource was last converged to (current_template_id,
 * > 0) and, when requires is non-NULL, the ids of the resources it
 * requires (borrowed array). */
int hh_store_resource_set_current(hh_store *st, int64_t term, int64_t id,
                                  int64_t current_template_id, const json_t *requires,
                                  hh_error *err);
/* replaced_by: the resource replacing this one; 0 stores null. */
int hh_store_resource_set_replaced_by(hh_store *st, int64_t term, int64_t id, int64_t replaced_by,
                                      hh_error *err);
int hh_store_resource_delete(hh_store *st, int64_t term, int64_t id, hh_error *err);

/* ---- resource data (key/value per resource) ---- */
int hh_store_resource_data_set(hh_store *st, int64_t term, int64_t resource_id, const char *key,
                               const char *value, bool redact, hh_error *err);
/* *value: new string, free(). */
int hh_store_resource_data_get(hh_store *st, int64_t resource_id, const char *key, char **value,
                               hh_error *err);
/* *out: new object key -> value. HH_ENOTFOUND when the resource is absent. */
int hh_store_resource_data_get_all(hh_store *st, int64_t resource_id, json_t **out, hh_error *err);
int hh_store_resource_data_delete(hh_store *st, int64_t term, int64_t resource_id, const char *key,
                                  hh_error *err);

/* ---- events ---- */
typedef struct hh_store_event_spec {
    const char *stack_id; /* required */
    const char *resource_name;
    const char *resource_action;
    const char *resource_status;
    const char *resource_status_reason;
    const char *physical_resource_id;
    const char *resource_type;
    const json_t *resource_properties; /* borrowed; may be NULL */
} hh_store_event_spec;

/* The event's uuid is time-ordered (version 7: the time in ms, then
 * random bits; so one commit's events touch one page of its index);
 * uuid_out (HH_STORE_ID_LEN) may be NULL. */
int hh_store_event_create(hh_store *st, int64_t term, const hh_store_event_spec *spec,
                          char *uuid_out, hh_error *err);
/* Events of a stack. Sort keys: created_at, resource_name, resource_action,
 * resource_status, resource_type; default created_at asc (ties in insertion
 * order). Filters: resource_name, resource_action, resource_status,
 * resource_type, physical_resource_id, uuid. *out: new array. */
int hh_store_event_list(hh_store *st, const char *stack_id, const hh_store_list_opts *opts,
                        json_t **out, hh_error *err);
int hh_store_event_count(hh_store *st, const char *stack_id, int64_t *count, hh_error *err);
/* Delete the oldest events of the stack beyond the newest keep.
 * *deleted (may be NULL): how many went. */
int hh_store_event_purge(hh_store *st, int64_t term, const char *stack_id, int64_t keep,
                         int64_t *deleted, hh_error *err);

/* ---- services (unfenced: every engine registers and heartbeats) ---- */
typedef struct hh_store_service_spec {
    const char *id; /* NULL: new UUID */
    const char *engine_id;
    const char *host;
    const char *hostname;
    const char *binary;
    const char *topic;
    int report_interval; /* seconds */
} hh_store_service_spec;

int hh_store_service_create(hh_store *st, const hh_store_service_spec *spec, char *id_out,
                            hh_error *err);
/* Touch updated_at; a row soft-deleted meanwhile is live again (Heat's
 * report clears deleted_at). HH_ENOTFOUND when the row was removed
 * (service clean): the caller registers again under the same id. */
int hh_store_service_heartbeat(hh_store *st, const char *id, hh_error *err);
/* Live services, each with "status": "up" when updated (or created) within
 * twice its report_interval, else "down" (Heat's rule), and "role":
 * "active" for the engine holding the current fencing term (with "term",
 * its number; a dead holder stays active and down until the next
 * promotion), else "standby". *out: new array. */
int hh_store_service_list(hh_store *st, json_t **out, hh_error *err);
/* Soft delete (Heat's): gone from the list; purge_deleted removes the row. */
int hh_store_service_delete(hh_store *st, const char *id, hh_error *err);
/* Heat's service clean: remove (hard delete) every "down" service, unless
 * it heartbeat since this listed it; *removed (may be NULL): how many. */
int hh_store_service_clean(hh_store *st, int64_t *removed, hh_error *err);

/* ---- snapshots ---- */
int hh_store_snapshot_create(hh_store *st, int64_t term, const char *stack_id, const char *name,
                             const char *tenant, const json_t *data, const char *status,
                             const char *reason, char *id_out, hh_error *err);
int hh_store_snapshot_get(hh_store *st, const char *id, json_t **out, hh_error *err);
int hh_store_snapshot_list(hh_store *st, const char *stack_id, json_t **out, hh_error *err);
/* data (borrowed) NULL keeps the stored data. */
int hh_store_snapshot_update(hh_store *st, int64_t term, const char *id, const char *status,
                             const char *reason, const json_t *data, hh_error *err);
int hh_store_snapshot_delete(hh_store *st, int64_t term, const char *id, hh_error *err);

/* ---- software configs (Heat's software_config; service_software_config.py) ----
 * A config record: {id, name, group, config, tenant, created_at, updated_at}
 * where config is the JSON object Heat stores ({inputs, outputs, options,
 * config}; the RPC layer's format_software_config picks it apart). Configs
 * are immutable: there is no update. Ids are UUIDs. tenant arguments of
 * reads and deletes: the caller's project, whose records alone are found
 * (Heat's non-admin context); NULL finds every project's (admin). */

/* config: borrowed, stored as given (NULL stores null). tenant required.
 * The new id is copied to id_out (HH_STORE_ID_LEN) when non-NULL. */
int hh_store_software_config_create(hh_store *st, int64_t term, const char *name, const char *group,
                                    const json_t *config, const char *tenant, char *id_out,
                                    hh_error *err);
/* *out: new record. Absent (or another project's): HH_ENOTFOUND with Heat's
 * NotFound "Software config with id <id> not found". */
int hh_store_software_config_get(hh_store *st, const char *id, const char *tenant, json_t **out,
                                 hh_error *err);
/* Configs of tenant (NULL: all) oldest first (created_at, then id), at most
 * limit (<= 0: all), after marker (an id; one that is not found is ignored,
 * as Heat's pagination does). *out: new array. */
int hh_store_software_config_list(hh_store *st, const char *tenant, int limit, const char *marker,
                                  json_t **out, hh_error *err);
/* Delete. Absent: NotFound as for get; a config a deployment refers to is
 * HH_EINVAL with Heat's InvalidRestrictedAction "Software config with id
 * <id> can not be deleted as it is referenced." */
int hh_store_software_config_delete(hh_store *st, int64_t term, const char *id, const char *tenant,
                                    hh_error *err);

/* ---- software deployments (Heat's software_deployment) ----
 * A record: {id, config_id, server_id, input_values, output_values, tenant,
 * stack_user_project_id, action, status, status_reason, created_at,
 * updated_at}. tenant arguments as for configs, but a deployment is also
 * found by its stack_user_project_id (Heat's rule). */
typedef struct hh_store_deployment_spec {
    const char *id;              /* create: NULL for a new UUID; ignored by update */
    const char *config_id;       /* create: required (HH_ENOTFOUND when no such config) */
    const char *server_id;       /* create: required; ignored by update */
    const json_t *input_values;  /* borrowed */
    const json_t *output_values; /* borrowed */
    const char *tenant;          /* create: required; ignored by update */
    const char *stack_user_project_id;
    const char *action, *status, *status_reason;
} hh_store_deployment_spec;

int hh_store_software_deployment_create(hh_store *st, int64_t term,
                                        const hh_store_deployment_spec *spec, char *id_out,
                                        hh_error *err);
/* *out: new record. Absent: HH_ENOTFOUND, NotFound "Deployment with id <id>
 * not found". */
int hh_store_software_deployment_get(hh_store *st, const char *id, const char *tenant, json_t **out,
                                     hh_error *err);
/* Deployments of tenant (NULL: all), of server_id only when non-NULL,
 * oldest first. *out: new array. */
int hh_store_software_deployment_list(hh_store *st, const char *tenant, const char *server_id,
                                      json_t **out, hh_error *err);
/* Heat's update_software_deployment: every non-NULL member of spec among
 * config_id, input_values, output_values, action, status, status_reason
 * replaces the stored one; updated_at moves on. Absent: NotFound as for get. */
int hh_store_software_deployment_update(hh_store *st, int64_t term, const char *id,
                                        const char *tenant, const hh_store_deployment_spec *spec,
                                        hh_error *err);
int hh_store_software_deployment_delete(hh_store *st, int64_t term, const char *id,
                                        const char *tenant, hh_error *err);

/* ---- maintenance (heat-manage; unfenced) ---- */
/* Hard-delete services and stacks soft-deleted more than age_seconds ago
 * (stacks only of project when non-NULL), batch stacks per transaction, with
 * their events, resources, snapshots and templates no other stack uses.
 * *stacks (may be NULL): how many stacks went. */
int hh_store_purge_deleted(hh_store *st, int64_t age_seconds, const char *project, int batch,
                           int64_t *stacks, hh_error *err);
/* Heat's reset_stack_status: IN_PROGRESS resources and stacks (recursively
 * through nested stacks) become FAILED "Stack status manually reset"; hook
 * resource data is removed. */
int hh_store_reset_stack_status(hh_store *st, const char *stack_id, hh_error *err);

/* ---- helpers ---- */
/* A random (v4) UUID into buf (HH_STORE_ID_LEN bytes). */
int hh_store_uuid(char *buf);
/* t as "YYYY-MM-DDTHH:MM:SSZ" into buf (HH_STORE_TIME_LEN bytes). */
void hh_store_time_format(int64_t t, char *buf);

#endif
