/* store_driver: what a database driver gives store.c (internal to engine/store).
 *
 * A driver is a const vtable of connection and prepared-statement primitives
 * plus its schema migrations in its own SQL dialect. store.c writes every
 * operation once, in SQL both dialects accept ("?" placeholders, LIMIT,
 * standard joins), and runs it through these primitives; a driver never
 * holds an operation of its own. store_sqlite and store_mysql are selected
 * by URL scheme in store.c.
 *
 * Every primitive returns an hh_error.h rc and fills err; driver codes are
 * converted at this boundary (unique violation -> HH_EEXISTS, lock timeout ->
 * EBUSY, anything else -> EIO with the driver's message).
 *
 * Transactions a server may abort (deadlock, lock wait timeout, Galera
 * certification conflict, lost connection): the driver re-runs the whole
 * transaction itself, every statement from begin in order (store_mysql.c
 * says how), so store.c and its callers see either the transaction as they
 * ran it or an error after which nothing of it stays. A driver whose begin
 * takes the write lock (SQLite) never meets such an abort.
 */
#ifndef HH_STORE_DRIVER_H
#define HH_STORE_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "hh_error.h"

typedef struct hh_store_conn hh_store_conn; /* a driver's connection */
typedef struct hh_store_stmt hh_store_stmt; /* a driver's prepared statement */

/* One schema migration: statements applied in order, in one transaction
 * with the version bump (where the database's schema statements are
 * transactional: SQLite; MySQL commits each at once, see exec). */
typedef struct hh_store_migration {
    int version;
    const char *const *sql; /* NULL-terminated */
} hh_store_migration;

typedef enum hh_store_coltype {
    HH_STORE_NULL = 0,
    HH_STORE_INT,
    HH_STORE_TEXT,
} hh_store_coltype;

typedef struct hh_store_driver {
    const char *name;
    /* Open the database the URL names (borrowed); *out new. */
    int (*open)(const char *url, hh_store_conn **out, hh_error *err);
    void (*close)(hh_store_conn *conn);
    /* Start a write transaction that holds the write lock from its start
     * (sqlite BEGIN IMMEDIATE), commit it, roll it back. */
    int (*begin)(hh_store_conn *conn, hh_error *err);
    int (*commit)(hh_store_conn *conn, hh_error *err);
    int (*rollback)(hh_store_conn *conn);
    /* Run one statement of a migration, without parameters or results
     * (DDL). A driver whose schema statements commit at once takes an
     * object the statement would create and finds there as done, so a
     * migration cut short runs again whole. */
    int (*exec)(hh_store_conn *conn, const char *sql, hh_error *err);
    /* Prepare sql. cache: sql has static storage and the driver may keep
     * the prepared statement keyed by its address; false for SQL built at
     * run time. The statement is released with finish. */
    int (*prepare)(hh_store_conn *conn, const char *sql, bool cache, hh_store_stmt **out,
                   hh_error *err);
    /* Parameters are 1-based. Text is copied. NULL text binds NULL. */
    int (*bind_int)(hh_store_stmt *stmt, int idx, int64_t value);
    int (*bind_text)(hh_store_stmt *stmt, int idx, const char *value);
    /* 1: a row is ready; 0: done; else an rc. */
    int (*step)(hh_store_stmt *stmt, hh_error *err);
    int (*column_count)(hh_store_stmt *stmt);
    const char *(*column_name)(hh_store_stmt *stmt, int col);
    hh_store_coltype (*column_type)(hh_store_stmt *stmt, int col);
    int64_t (*column_int)(hh_store_stmt *stmt, int col);
    const char *(*column_text)(hh_store_stmt *stmt, int col); /* borrowed until next step */
    /* Rows changed by the last finished write statement. */
    int64_t (*changes)(hh_store_conn *conn);
    /* Integer id of the last insert into a table with an integer key. */
    int64_t (*last_id)(hh_store_conn *conn);
    void (*finish)(hh_store_stmt *stmt);
    /* Does the schema_version table exist (with its row)? */
    int (*has_version_table)(hh_store_conn *conn, bool *yes, hh_error *err);
    /* Optional (NULL: the driver cannot tell; hh_store_data_version is then
     * HH_EUNSUPPORTED). *token: a value that two calls on this connection
     * outside a transaction return equal only when no commit came between
     * them, by any connection of any process, this one included. */
    int (*data_version)(hh_store_conn *conn, uint64_t *token, hh_error *err);
    /* Transactions re-run on this connection so far; NULL: never any. */
    int64_t (*retries)(const hh_store_conn *conn);
    /* Create database name (checked) on the server of url (borrowed);
     * *db_url: new, url naming it. NULL: the driver cannot. */
    int (*create_db)(const char *url, const char *name, char **db_url, hh_error *err);
    const hh_store_migration *migrations; /* ascending versions */
    int n_migrations;
} hh_store_driver;

/* Schema version 2, the indexes the engine's queries walk: the same SQL in
 * both dialects (store.c). */
extern const char *const hh_store_sql_v2[];
/* Schema version 5, a live stack's name unique in its tenant (store.c). */
extern const char *const hh_store_sql_v5[];

extern const hh_store_driver hh_store_sqlite;
extern const hh_store_driver hh_store_mysql;

#endif
