/* store_sqlite: the embedded SQLite driver of the store.
 *
 * URL: SQLAlchemy's form. "sqlite://" (or "sqlite:///:memory:") is a private
 * in-memory database; "sqlite:///PATH" is the file PATH, relative unless PATH
 * starts with '/' (so "sqlite:////var/lib/heat/heat.db" is absolute). In the
 * "?query", "synchronous=full" or "synchronous=normal" (any case) chooses
 * the durability of a commit (hh_store_conf_url writes it from heat.conf's
 * [database] sqlite_synchronous); other parameters are ignored.
 *
 * Every connection: WAL journal (files), foreign keys on, a busy timeout of
 * HH_SQLITE_BUSY_MS, and synchronous:
 *   normal (the default)  a commit is in the WAL file, through write(2),
 *          before it returns: it survives the death of the process at any
 *          instruction (invariant 1: what was reported is found by the
 *          next engine). A power loss or kernel crash may lose the last
 *          commits since the WAL was last synced (at checkpoints); the
 *          database then opens as it was after an earlier commit, never
 *          torn, which is a state a killed engine could have left.
 *   full   each commit is also fsync'd before it returns: it survives a
 *          power loss too, at the disk's sync latency per commit.
 *
 * Writers of one process: SQLite lets one connection write at a time and
 * makes the others wait in its busy handler, which sleeps (1 to 100 ms)
 * between tries. The connections of a process to the same file (the
 * engine's workers) take a process-wide mutex of that file around each
 * write transaction instead, so a writer starts the moment the previous
 * one commits; other processes still meet the busy timeout. The mutex is
 * taken with the same bound as the busy timeout, and its expiry is EBUSY,
 * as SQLite's.
 *
 * Statements are prepared once per connection and cached by the address of
 * their (static) SQL text.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

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

/* The write mutex of one database file, shared by the process's
 * connections to it (keyed by device and inode). */
typedef struct sq_wlock {
    dev_t dev;
    ino_t ino;
    int refs;
    pthread_mutex_t m;
    struct sq_wlock *next;
} sq_wlock;

static pthread_mutex_t wlocks_lock = PTHREAD_MUTEX_INITIALIZER;
static sq_wlock *wlocks;

struct hh_store_conn {
    sqlite3 *db;
    sq_wlock *wlock; /* NULL for an in-memory database */
    bool writing;    /* wlock held: a write transaction is open */
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

/* The write mutex of the file at path (created on first use). */
static int wlock_get(const char *path, sq_wlock **out)
{
    struct stat sb;
    sq_wlock *w;

    *out = NULL;
    if (stat(path, &sb) != 0)
        return errno;
    pthread_mutex_lock(&wlocks_lock);
    for (w = wlocks; w != NULL; w = w->next)
        if (w->dev == sb.st_dev && w->ino == sb.st_ino)
            break;
    if (w == NULL && (w = calloc(1, sizeof(*w))) != NULL) {
        w->dev = sb.st_dev;
        w->ino = sb.st_ino;
        pthread_mutex_init(&w->m, NULL);
        w->next = wlocks;
        wlocks = w;
    }
    if (w != NULL)
        w->refs++;
    pthread_mutex_unlock(&wlocks_lock);
    *out = w;
    return w != NULL ? 0 : ENOMEM;
}

static void wlock_put(sq_wlock *w)
{
    sq_wlock **pp;

    if (w == NULL)
        return;
    pthread_mutex_lock(&wlocks_lock);
    if (--w->refs == 0) {
        for (pp = &wlocks; *pp != w; pp = &(*pp)->next)
            ;
        *pp = w->next;
        pthread_mutex_destroy(&w->m);
        free(w);
    }
    pthread_mutex_unlock(&wlocks_lock);
}

/* Take the file's write mutex, waiting at most the busy timeout. */
static int wlock_take(hh_store_conn *conn, hh_error *err)
{
    struct timespec until;
    int rc;

    if (conn->wlock == NULL || conn->writing)
        return 0;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += HH_SQLITE_BUSY_MS / 1000;
    until.tv_nsec += (long)(HH_SQLITE_BUSY_MS % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    rc = pthread_mutex_timedlock(&conn->wlock->m, &until);
    if (rc == ETIMEDOUT)
        return hh_error_set(err, EBUSY, NULL, "sqlite: begin: database is locked");
    if (rc != 0)
        return hh_error_set(err, rc, NULL, "sqlite: begin: write lock: %s", strerror(rc));
    conn->writing = true;
    return 0;
}

static void wlock_release(hh_store_conn *conn)
{
    if (conn->writing) {
        conn->writing = false;
        pthread_mutex_unlock(&conn->wlock->m);
    }
}

static void sq_close(hh_store_conn *conn)
{
    if (conn == NULL)
        return;
    for (int i = 0; i < conn->n_cache; i++)
        sqlite3_finalize(conn->cache[i].s);
    sqlite3_close(conn->db);
    wlock_release(conn);
    wlock_put(conn->wlock);
    free(conn);
}

/* The synchronous level the URL's query asks for: "NORMAL" (also when it
 * says nothing) or "FULL"; NULL for another value. */
static const char *url_synchronous(const char *url)
{
    const char *q = strchr(url, '?'), *v;
    size_t len;

    while (q != NULL) {
        q++;
        len = strcspn(q, "&");
        if (strncmp(q, "synchronous=", 12) == 0) {
            v = q + 12;
            len -= 12;
            if (len == 4 && strncasecmp(v, "full", 4) == 0)
                return "FULL";
            if (len == 6 && strncasecmp(v, "normal", 6) == 0)
                return "NORMAL";
            return NULL;
        }
        q = strchr(q, '&');
    }
    return "NORMAL";
}

static int sq_open(const char *url, hh_store_conn **out, hh_error *err)
{
    hh_store_conn *conn = NULL;
    char *path = NULL;
    const char *rest;
    const char *sync;
    char pragmas[96];
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
    sync = url_synchronous(url);
    if (sync == NULL) {
        rc = hh_error_set(err, HH_ECONFIG, NULL,
                          "sqlite URL: synchronous must be full or normal (got %s)", url);
        goto done;
    }
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
    snprintf(pragmas, sizeof(pragmas), "PRAGMA foreign_keys=ON; PRAGMA synchronous=%s", sync);
    if ((rc = sq_exec(conn, pragmas, err)) != 0)
        goto done;
    if (!memory && (rc = wlock_get(path, &conn->wlock)) != 0) {
        hh_error_set(err, rc, NULL, "%s: %s", path, strerror(rc));
        goto done;
    }
    *out = conn;
    conn = NULL;
    rc = 0;
done:
    sq_close(conn);
    free(path);
    return rc;
}

static int sq_prepare(hh_store_conn *conn, const char *sql, bool cache, hh_store_stmt **out,
                      hh_error *err);
static int sq_step(hh_store_stmt *st, hh_error *err);
static void sq_finish(hh_store_stmt *st);

/* Run a statement without parameters or rows, prepared once per
 * connection (sql static): transaction control, which every write runs. */
static int sq_run(hh_store_conn *conn, const char *sql, hh_error *err)
{
    hh_store_stmt *st = NULL;
    int rc = sq_prepare(conn, sql, true, &st, err);

    if (rc == 0)
        rc = sq_step(st, err);
    sq_finish(st);
    return rc;
}

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";

/* A write transaction holds the file's write mutex from begin until it
 * ends (commit, rollback, or SQLite ending it on an error). */
static int sq_begin(hh_store_conn *conn, hh_error *err)
{
    int rc = wlock_take(conn, err);

    if (rc == 0 && (rc = sq_run(conn, sql_begin, err)) != 0)
        wlock_release(conn);
    return rc;
}

static int sq_commit(hh_store_conn *conn, hh_error *err)
{
    int rc = sq_run(conn, sql_commit, err);

    if (sqlite3_get_autocommit(conn->db))
        wlock_release(conn);
    return rc;
}

static int sq_rollback(hh_store_conn *conn)
{
    int rc = 0;

    if (!sqlite3_get_autocommit(conn->db))
        rc = sq_exec(conn, "ROLLBACK", NULL);
    /* else SQLite already rolled back (e.g. on SQLITE_FULL) */
    if (sqlite3_get_autocommit(conn->db))
        wlock_release(conn);
    return rc;
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

/* PRAGMA data_version moves when another connection (of any process)
 * committed since this connection last asked; total_changes counts the
 * rows this connection changed. Their sum moves when either does. An
 * in-memory database is private to its connection: the handles of a
 * process do not read the same data, so it has no version to share. */
static int sq_data_version(hh_store_conn *conn, uint64_t *token, hh_error *err)
{
    static const char sql[] = "PRAGMA data_version";
    hh_store_stmt *st = NULL;
    int rc;

    if (conn->wlock == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, NULL,
                            "sqlite: an in-memory database keeps no shared data version");
    if ((rc = sq_prepare(conn, sql, true, &st, err)) != 0)
        return rc;
    rc = sq_step(st, err);
    if (rc == 1) {
        *token =
            (uint64_t)sqlite3_column_int64(st->s, 0) + (uint64_t)sqlite3_total_changes64(conn->db);
        rc = 0;
    } else if (rc == 0) {
        rc = hh_error_set(err, EIO, NULL, "sqlite: PRAGMA data_version gave no row");
    }
    sq_finish(st);
    return rc;
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

/* v4: a replacement's links (Heat's resource.replaces / replaced_by): the
 * new row names the row it replaces and the replaced row its replacement,
 * so a resumed update finds both. */
static const char *const v4[] = {
    "ALTER TABLE resource ADD COLUMN replaces INTEGER",
    "ALTER TABLE resource ADD COLUMN replaced_by INTEGER",
    NULL,
};

static const hh_store_migration sqlite_migrations[] = {
    {1, v1},
    {2, hh_store_sql_v2},
    {3, v3},
    {4, v4},
    {5, hh_store_sql_v5},
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
    .data_version = sq_data_version,
    .migrations = sqlite_migrations,
    .n_migrations = (int)(sizeof(sqlite_migrations) / sizeof(sqlite_migrations[0])),
};
