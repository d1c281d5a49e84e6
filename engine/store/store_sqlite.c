/* store_sqlite: the embedded SQLite driver of the store.
 *
 * URL: SQLAlchemy's form. "sqlite://" (or "sqlite:///:memory:") is a private
 * in-memory database; "sqlite:///PATH" is the file PATH, relative unless PATH
 * starts with '/' (so "sqlite:////var/lib/heat/heat.db" is absolute). A
 * "?query" is ignored.
 *
 * Every connection: WAL journal (files), foreign keys on, a busy timeout of
 * HH_SQLITE_BUSY_MS, synchronous=FULL so a commit survives power loss before
 * anything reports it (invariant 1). Statements are prepared once per
 * connection and cached by the address of their (static) SQL text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_driver.h"

#define HH_SQLITE_BUSY_MS 10000
#define HH_SQLITE_CACHE 96

struct hh_store_stmt {
    sqlite3_stmt *s;
    struct hh_store_conn *conn;
    const char *sql; /* cache key; NULL for an uncached statement */
    bool in_use;
};

struct hh_store_conn {
    sqlite3 *db;
    struct hh_store_stmt cache[HH_SQLITE_CACHE];
    int n_cache;
};

/* Convert a SQLite result code at the boundary. */
static int sq_rc(sqlite3 *db, int src, const char *what, hh_error *err)
{
    int rc;

    switch (src & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return 0;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        rc = EBUSY;
        break;
    case SQLITE_NOMEM:
        rc = ENOMEM;
        break;
    case SQLITE_CONSTRAINT:
        if (src == SQLITE_CONSTRAINT_UNIQUE || src == SQLITE_CONSTRAINT_PRIMARYKEY)
            rc = HH_EEXISTS;
        else if (src == SQLITE_CONSTRAINT_FOREIGNKEY)
            rc = HH_ENOTFOUND;
        else
            rc = HH_EINVAL;
        break;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
        rc = HH_ECONFIG;
        break;
    default:
        rc = EIO;
        break;
    }
    return hh_error_set(err, rc, NULL, "sqlite: %s: %s", what,
                        db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(src));
}

static int sq_exec(hh_store_conn *conn, const char *sql, hh_error *err)
{
    int src = sqlite3_exec(conn->db, sql, NULL, NULL, NULL);

    return src == SQLITE_OK ? 0 : sq_rc(conn->db, src, "exec", err);
}

static void sq_close(hh_store_conn *conn)
{
    if (conn == NULL)
        return;
    for (int i = 0; i < conn->n_cache; i++)
        sqlite3_finalize(conn->cache[i].s);
    sqlite3_close(conn->db);
    free(conn);
}

static int sq_open(const char *url, hh_store_conn **out, hh_error *err)
{
    hh_store_conn *conn = NULL;
    char *path = NULL;
    const char *rest;
    bool memory;
    int src, rc;

    *out = NULL;
    if (strncmp(url, "sqlite://", 9) != 0)
        return hh_error_set(err, HH_ECONFIG, NULL, "not an sqlite URL: %s", url);
    rest = url + 9;
    if (*rest != '\0' && *rest != '/' && *rest != '?') {
        rc = hh_error_set(err, HH_ECONFIG, NULL,
                          "sqlite URL takes no host: write sqlite:///PATH (got %s)", url);
        goto done;
    }
    if (*rest == '/')
        rest++;
    path = strndup(rest, strcspn(rest, "?"));
    if (path == NULL) {
        rc = ENOMEM;
        goto done;
    }
    memory = path[0] == '\0' || strcmp(path, ":memory:") == 0;
    conn = calloc(1, sizeof(*conn));
    if (conn == NULL) {
        rc = ENOMEM;
        goto done;
    }
    src = sqlite3_open_v2(memory ? ":memory:" : path, &conn->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (src != SQLITE_OK) {
        rc = sq_rc(conn->db, src, "open", err);
        hh_error_prefix(err, "%s: ", memory ? ":memory:" : path);
        goto done;
    }
    sqlite3_extended_result_codes(conn->db, 1);
    sqlite3_busy_timeout(conn->db, HH_SQLITE_BUSY_MS);
    if (!memory && (rc = sq_exec(conn, "PRAGMA journal_mode=WAL", err)) != 0) {
        hh_error_prefix(err, "%s: ", path);
        goto done;
    }
    if ((rc = sq_exec(conn, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL", err)) != 0)
        goto done;
    *out = conn;
    conn = NULL;
    rc = 0;
done:
    sq_close(conn);
    free(path);
    return rc;
}

static int sq_begin(hh_store_conn *conn, hh_error *err)
{
    return sq_exec(conn, "BEGIN IMMEDIATE", err);
}

static int sq_commit(hh_store_conn *conn, hh_error *err)
{
    return sq_exec(conn, "COMMIT", err);
}

static int sq_rollback(hh_store_conn *conn)
{
    if (sqlite3_get_autocommit(conn->db))
        return 0; /* SQLite already rolled back (e.g. on SQLITE_FULL) */
    return sq_exec(conn, "ROLLBACK", NULL);
}

static int sq_prepare(hh_store_conn *conn, const char *sql, bool cache, hh_store_stmt **out,
                      hh_error *err)
{
    hh_store_stmt *st = NULL;
    int src;

    *out = NULL;
    for (int i = 0; cache && i < conn->n_cache; i++) {
        if (conn->cache[i].sql == sql && !conn->cache[i].in_use) {
            st = &conn->cache[i];
            st->in_use = true;
            *out = st;
            return 0;
        }
    }
    if (cache && conn->n_cache < HH_SQLITE_CACHE) {
        st = &conn->cache[conn->n_cache];
        src = sqlite3_prepare_v3(conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s, NULL);
        if (src != SQLITE_OK)
            return sq_rc(conn->db, src, "prepare", err);
        conn->n_cache++;
        st->sql = sql;
    } else {
        st = calloc(1, sizeof(*st));
        if (st == NULL)
            return ENOMEM;
        src = sqlite3_prepare_v2(conn->db, sql, -1, &st->s, NULL);
        if (src != SQLITE_OK) {
            free(st);
            return sq_rc(conn->db, src, "prepare", err);
        }
    }
    st->conn = conn;
    st->in_use = true;
    *out = st;
    return 0;
}

static int sq_bind_int(hh_store_stmt *st, int idx, int64_t value)
{
    return sq_rc(st->conn->db, sqlite3_bind_int64(st->s, idx, value), "bind", NULL);
}

static int sq_bind_text(hh_store_stmt *st, int idx, const char *value)
{
    int src = value == NULL ? sqlite3_bind_null(st->s, idx)
                            : sqlite3_bind_text(st->s, idx, value, -1, SQLITE_TRANSIENT);

    return sq_rc(st->conn->db, src, "bind", NULL);
}

static int sq_step(hh_store_stmt *st, hh_error *err)
{
    int src = sqlite3_step(st->s);

    if (src == SQLITE_ROW)
        return 1;
    if (src == SQLITE_DONE)
        return 0;
    return sq_rc(st->conn->db, src, "step", err);
}

static int sq_column_count(hh_store_stmt *st)
{
    return sqlite3_column_count(st->s);
}

static const char *sq_column_name(hh_store_stmt *st, int col)
{
    return sqlite3_column_name(st->s, col);
}

static hh_store_coltype sq_column_type(hh_store_stmt *st, int col)
{
    switch (sqlite3_column_type(st->s, col)) {
    case SQLITE_NULL:
        return HH_STORE_NULL;
    case SQLITE_INTEGER:
        return HH_STORE_INT;
    default:
        return HH_STORE_TEXT;
    }
}

static int64_t sq_column_int(hh_store_stmt *st, int col)
{
    return sqlite3_column_int64(st->s, col);
}

static const char *sq_column_text(hh_store_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st->s, col);
}

static int64_t sq_changes(hh_store_conn *conn)
{
    return sqlite3_changes64(conn->db);
}

static int64_t sq_last_id(hh_store_conn *conn)
{
    return sqlite3_last_insert_rowid(conn->db);
}

static void sq_finish(hh_store_stmt *st)
{
    if (st == NULL)
        return;
    sqlite3_reset(st->s);
    sqlite3_clear_bindings(st->s);
    if (st->sql != NULL) {
        st->in_use = false;
        return;
    }
    sqlite3_finalize(st->s);
    free(st);
}

static int sq_has_version_table(hh_store_conn *conn, bool *yes, hh_error *err)
{
    static const char sql[] =
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
    hh_store_stmt *st = NULL;
    int rc;

    if ((rc = sq_prepare(conn, sql, true, &st, err)) != 0)
        return rc;
    rc = sq_step(st, err);
    *yes = rc == 1;
    sq_finish(st);
    return rc < 0 || rc > 1 ? rc : 0;
}

/* Schema. Names and meanings follow Heat's models (heat/db/sqlalchemy/
 * models.py); timestamps are ISO 8601 UTC text, so they sort as text. */
static const char *const v1[] = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "INSERT INTO schema_version (version) VALUES (0)",
    "CREATE TABLE fence_term (id INTEGER PRIMARY KEY CHECK (id = 1), term INTEGER NOT NULL,"
    " holder TEXT, acquired_at TEXT)",
    "INSERT INTO fence_term (id, term) VALUES (1, 0)",
    "CREATE TABLE raw_template (id INTEGER PRIMARY KEY AUTOINCREMENT, template TEXT,"
    " files TEXT, environment TEXT, created_at TEXT NOT NULL, updated_at TEXT)",
    "CREATE TABLE stack (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " raw_template_id INTEGER NOT NULL REFERENCES raw_template (id),"
    " prev_raw_template_id INTEGER REFERENCES raw_template (id), username TEXT,"
    " tenant TEXT NOT NULL, owner_id TEXT, parent_resource_name TEXT, timeout INTEGER,"
    " disable_rollback INTEGER NOT NULL DEFAULT 0, stack_user_project_id TEXT,"
    " nested_depth INTEGER NOT NULL DEFAULT 0, action TEXT, status TEXT, status_reason TEXT,"
    " tags TEXT, created_at TEXT NOT NULL, updated_at TEXT, deleted_at TEXT)",
    "CREATE TABLE resource (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,"
    " stack_id TEXT NOT NULL REFERENCES stack (id) ON DELETE CASCADE, root_stack_id TEXT,"
    " name TEXT NOT NULL, type TEXT, physical_resource_id TEXT, action TEXT, status TEXT,"
    " status_reason TEXT, rsrc_metadata TEXT, properties_data TEXT, requires TEXT,"
    " current_template_id INTEGER, engine_id TEXT, atomic_key INTEGER NOT NULL DEFAULT 0,"
    " created_at TEXT NOT NULL, updated_at TEXT)",
    "CREATE TABLE resource_data (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " resource_id INTEGER NOT NULL REFERENCES resource (id) ON DELETE CASCADE,"
    " \"key\" TEXT NOT NULL, value TEXT, redact INTEGER NOT NULL DEFAULT 0, decrypt_method TEXT,"
    " created_at TEXT NOT NULL, updated_at TEXT, UNIQUE (resource_id, \"key\"))",
    "CREATE TABLE event (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,"
    " stack_id TEXT NOT NULL REFERENCES stack (id) ON DELETE CASCADE, resource_action TEXT,"
    " resource_status TEXT, resource_name TEXT, physical_resource_id TEXT,"
    " resource_status_reason TEXT, resource_type TEXT, resource_properties TEXT,"
    " created_at TEXT NOT NULL, updated_at TEXT)",
    "CREATE TABLE service (id TEXT PRIMARY KEY, engine_id TEXT NOT NULL, host TEXT NOT NULL,"
    " hostname TEXT NOT NULL, \"binary\" TEXT NOT NULL, topic TEXT NOT NULL,"
    " report_interval INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT,"
    " deleted_at TEXT)",
    "CREATE TABLE snapshot (id TEXT PRIMARY KEY,"
    " stack_id TEXT NOT NULL REFERENCES stack (id) ON DELETE CASCADE, name TEXT, data TEXT,"
    " tenant TEXT NOT NULL, status TEXT, status_reason TEXT, created_at TEXT NOT NULL,"
    " updated_at TEXT)",
    NULL,
};

/* v2: the indexes the engine's queries walk. */
static const char *const v2[] = {
    "CREATE INDEX ix_stack_tenant ON stack (tenant, deleted_at)",
    "CREATE INDEX ix_stack_owner_id ON stack (owner_id)",
    "CREATE INDEX ix_stack_deleted_at ON stack (deleted_at)",
    "CREATE INDEX ix_resource_stack_id ON resource (stack_id)",
    "CREATE INDEX ix_resource_root_stack_id ON resource (root_stack_id)",
    "CREATE INDEX ix_event_stack_id ON event (stack_id, id)",
    "CREATE INDEX ix_snapshot_stack_id ON snapshot (stack_id)",
    NULL,
};

/* v3: software configs and deployments (Heat's software_config and
 * software_deployment tables). A config is immutable: no updated_at. */
static const char *const v3[] = {
    "CREATE TABLE software_config (id TEXT PRIMARY KEY, name TEXT, \"group\" TEXT, config TEXT,"
    " tenant TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT)",
    "CREATE INDEX ix_software_config_tenant ON software_config (tenant)",
    "CREATE TABLE software_deployment (id TEXT PRIMARY KEY,"
    " config_id TEXT NOT NULL REFERENCES software_config (id), server_id TEXT NOT NULL,"
    " input_values TEXT, output_values TEXT, tenant TEXT NOT NULL, stack_user_project_id TEXT,"
    " action TEXT, status TEXT, status_reason TEXT, created_at TEXT NOT NULL, updated_at TEXT)",
    "CREATE INDEX ix_software_deployment_server_id ON software_deployment (server_id)",
    "CREATE INDEX ix_software_deployment_tenant ON software_deployment (tenant)",
    "CREATE INDEX ix_software_deployment_created_at ON software_deployment (created_at)",
    NULL,
};

static const hh_store_migration sqlite_migrations[] = {
    {1, v1},
    {2, v2},
    {3, v3},
};

const hh_store_driver hh_store_sqlite = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .step = sq_step,
    .column_count = sq_column_count,
    .column_name = sq_column_name,
    .column_type = sq_column_type,
    .column_int = sq_column_int,
    .column_text = sq_column_text,
    .changes = sq_changes,
    .last_id = sq_last_id,
    .finish = sq_finish,
    .has_version_table = sq_has_version_table,
    .migrations = sqlite_migrations,
    .n_migrations = (int)(sizeof(sqlite_migrations) / sizeof(sqlite_migrations[0])),
};
