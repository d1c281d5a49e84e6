/* store: the operations of store.h, written once over a driver vtable. */
#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "hh_conf.h"
#include "store.h"
#include "store_driver.h"

/* SQL here is written for both dialects: "?" placeholders, LIMIT, derived
 * tables named, and the MySQL reserved words "key" and "binary" quoted (the
 * MySQL driver runs with sql_mode ANSI_QUOTES). */

/* Writes that the fence does not guard (service registry, maintenance). */
#define NOFENCE INT64_MIN

struct hh_store {
    const hh_store_driver *drv;
    hh_store_conn *conn;
    bool in_tx;
    int tx_failed; /* first failure of a write inside the open transaction */
    /* A term the fence let write in the open transaction (NOFENCE: none):
     * the stored term cannot change while the transaction holds the write
     * lock, so later writes with it need no new check. */
    int64_t tx_term_ok;
    bool dv_seen;      /* dv_token holds the driver's last data version token */
    uint64_t dv_token; /* hh_store_data_version */
};

/* The data version of the process (hh_store_data_version): moved on each
 * time a handle finds its driver's token changed. */
static atomic_uint_least64_t data_version = 1;

const char *const hh_store_sql_v2[] = {
    "CREATE INDEX ix_stack_tenant ON stack (tenant, deleted_at)",
    "CREATE INDEX ix_stack_owner_id ON stack (owner_id)",
    "CREATE INDEX ix_stack_deleted_at ON stack (deleted_at)",
    "CREATE INDEX ix_resource_stack_id ON resource (stack_id)",
    "CREATE INDEX ix_resource_root_stack_id ON resource (root_stack_id)",
    "CREATE INDEX ix_event_stack_id ON event (stack_id, id)",
    "CREATE INDEX ix_snapshot_stack_id ON snapshot (stack_id)",
    NULL,
};

/* A stack name is unique among the live top-level stacks of a tenant, and
 * the database says so: "live" is 1 on such a row and NULL on a nested or
 * deleted one (NULLs never collide in a unique index), so two creates of
 * one name cannot both commit, whichever engine or database node runs
 * them. */
const char *const hh_store_sql_v5[] = {
    "ALTER TABLE stack ADD COLUMN live INTEGER",
    "UPDATE stack SET live = 1 WHERE owner_id IS NULL AND deleted_at IS NULL",
    "CREATE UNIQUE INDEX ux_stack_live_name ON stack (tenant, name, live)",
    NULL,
};

/* ---- helpers ---- */

/* A growing SQL text. */
typedef struct sqlbuf {
    char *s;
    size_t len, cap;
    int rc;
} sqlbuf;

static void sb_add(sqlbuf *b, const char *text)
{
    size_t n = strlen(text);

    if (b->rc != 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap + n + 1) * 2;
        char *s = realloc(b->s, cap);
        if (s == NULL) {
            b->rc = ENOMEM;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, text, n + 1);
    b->len += n;
}

int hh_store_uuid(char *buf)
{
    unsigned char b[16];
    size_t got = 0;

    while (got < sizeof(b)) {
        ssize_t n = getrandom(b + got, sizeof(b) - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        got += (size_t)n;
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    /* 8-4-4-4-12 hex digits (by hand: snprintf cost more than the rest) */
    for (size_t i = 0, o = 0; i < sizeof(b); i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            buf[o++] = '-';
        buf[o++] = "0123456789abcdef"[b[i] >> 4];
        buf[o++] = "0123456789abcdef"[b[i] & 0x0f];
    }
    buf[HH_STORE_ID_LEN - 1] = '\0';
    return 0;
}

/* A time-ordered UUID (RFC 9562 version 7: the Unix time in ms, then
 * random bits) for rows inserted in time order: their unique index grows
 * at its right edge, one page per commit, instead of a random page per
 * row. */
static int uuid_v7(char *buf)
{
    struct timespec ts;
    uint64_t ms;
    int rc = hh_store_uuid(buf);
    char hex[13];

    if (rc != 0)
        return rc;
    clock_gettime(CLOCK_REALTIME, &ts);
    ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
    snprintf(hex, sizeof(hex), "%012llx", (unsigned long long)(ms & 0xffffffffffffULL));
    memcpy(buf, hex, 8);
    memcpy(buf + 9, hex + 8, 4);
    buf[14] = '7';
    return 0;
}

void hh_store_time_format(int64_t t, char *buf)
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(buf, HH_STORE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int64_t time_parse(const char *s)
{
    struct tm tm;

    memset(&tm, 0, sizeof(tm));
    if (s == NULL || strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
        return 0;
    return (int64_t)timegm(&tm);
}

static void now_text(char *buf)
{
    hh_store_time_format((int64_t)time(NULL), buf);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *s)
{
    size_t n;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
        return 0;
    return n;
}

/* Fit text to max bytes of valid UTF-8 (invalid bytes become '?', a cut
 * never splits a character). *copy: NULL when in is fine as it is, else a new
 * string the caller frees. */
static int text_fit(const char *in, size_t max, char **copy)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t len = 0, n;
    bool clean = true;
    char *out;

    *copy = NULL;
    for (len = 0; s[len] != '\0'; len += n) {
        n = utf8_seq(s + len);
        if (n == 0) {
            clean = false;
            n = 1;
        }
    }
    if (clean && len <= max)
        return 0;
    out = malloc(max + 1);
    if (out == NULL)
        return ENOMEM;
    len = 0;
    for (size_t i = 0; s[i] != '\0';) {
        n = utf8_seq(s + i);
        if (n == 0) {
            if (len + 1 > max)
                break;
            out[len++] = '?';
            i++;
            continue;
        }
        if (len + n > max)
            break;
        memcpy(out + len, s + i, n);
        len += n;
        i += n;
    }
    out[len] = '\0';
    *copy = out;
    return 0;
}

/* Columns holding JSON text and columns holding flags, by name. */
static bool col_is_json(const char *name)
{
    static const char *const cols[] = {"template",
                                       "files",
                                       "environment",
                                       "tags",
                                       "rsrc_metadata",
                                       "properties_data",
                                       "requires",
                                       "resource_properties",
                                       "data",
                                       "config",
                                       "input_values",
                                       "output_values",
                                       NULL};

    for (int i = 0; cols[i] != NULL; i++)
        if (strcmp(name, cols[i]) == 0)
            return true;
    return false;
}

static bool col_is_bool(const char *name)
{
    return strcmp(name, "disable_rollback") == 0 || strcmp(name, "redact") == 0;
}

/* A string as JSON; invalid UTF-8 (written by older code or by hand) is
 * fitted rather than dropped. New reference or NULL (ENOMEM). */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    char *copy = NULL;

    if (j != NULL || text_fit(s, strlen(s), &copy) != 0 || copy == NULL)
        return j;
    j = json_string(copy);
    free(copy);
    return j;
}

/* The current row as a new object keyed by column name. */
static json_t *row_json(const hh_store_driver *drv, hh_store_stmt *s)
{
    json_t *row = json_object();
    int n = drv->column_count(s);

    for (int i = 0; row != NULL && i < n; i++) {
        const char *name = drv->column_name(s, i);
        json_t *v = NULL;

        switch (drv->column_type(s, i)) {
        case HH_STORE_NULL:
            v = json_null();
            break;
        case HH_STORE_INT:
            v = col_is_bool(name) ? json_boolean(drv->column_int(s, i) != 0)
                                  : json_integer(drv->column_int(s, i));
            break;
        case HH_STORE_TEXT:
            if (col_is_json(name)) {
                v = json_loads(drv->column_text(s, i), JSON_DECODE_ANY, NULL);
                if (v == NULL)
                    v = json_text(drv->column_text(s, i));
            } else {
                v = json_text(drv->column_text(s, i));
            }
            break;
        }
        /* column names are ASCII: jansson's UTF-8 check of the key skipped */
        if (v == NULL || json_object_set_new_nocheck(row, name, v) != 0) {
            json_decref(row);
            return NULL;
        }
    }
    return row;
}

/* Bind parameters described by fmt from ap:
 *   n  text fitted to HH_STORE_NAME_MAX (const char *, NULL binds NULL)
 *   t  text fitted to HH_STORE_TEXT_MAX
 *   i  int64_t
 *   b  int as 0/1
 *   j  const json_t * stored as JSON text (NULL binds NULL)
 *   J  like j, NULL stored as {} */
static int bind_va(const hh_store_driver *drv, hh_store_stmt *s, const char *fmt, va_list *ap)
{
    int rc = 0;

    for (int idx = 1; *fmt != '\0' && rc == 0; fmt++, idx++) {
        switch (*fmt) {
        case 'n':
        case 't': {
            const char *v = va_arg(*ap, const char *);
            char *copy = NULL;

            if (v != NULL &&
                (rc = text_fit(v, *fmt == 'n' ? HH_STORE_NAME_MAX : HH_STORE_TEXT_MAX, &copy)))
                break;
            rc = drv->bind_text(s, idx, copy != NULL ? copy : v);
            free(copy);
            break;
        }
        case 'i':
            rc = drv->bind_int(s, idx, va_arg(*ap, int64_t));
            break;
        case 'N': { /* the current time; takes no argument */
            char now[HH_STORE_TIME_LEN];

            now_text(now);
            rc = drv->bind_text(s, idx, now);
            break;
        }
        case 'b':
            rc = drv->bind_int(s, idx, va_arg(*ap, int) ? 1 : 0);
            break;
        case 'j':
        case 'J': {
            const json_t *v = va_arg(*ap, const json_t *);
            char *text = NULL;

            if (v == NULL && *fmt == 'J')
                text = strdup("{}");
            else if (v != NULL)
                text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
            if (v != NULL || *fmt == 'J') {
                if (text == NULL) {
                    rc = ENOMEM;
                    break;
                }
            }
            rc = drv->bind_text(s, idx, text);
            free(text);
            break;
        }
        default:
            rc = HH_EINTERNAL;
            break;
        }
    }
    return rc;
}

/* Bind the values of params (array of strings and integers) in order. */
static int bind_params(const hh_store_driver *drv, hh_store_stmt *s, const json_t *params)
{
    size_t i;
    json_t *v;
    int rc = 0;

    json_array_foreach(params, i, v)
    {
        if (json_is_integer(v))
            rc = drv->bind_int(s, (int)i + 1, json_integer_value(v));
        else
            rc = drv->bind_text(s, (int)i + 1, json_string_value(v));
        if (rc != 0)
            break;
    }
    return rc;
}

/* Prepare sql (cached) and bind fmt's arguments: *s to finish, or NULL
 * on an error. */
static int q_prepare(hh_store *st, const char *sql, hh_store_stmt **s, hh_error *err,
                     const char *fmt, va_list *ap)
{
    int rc;

    *s = NULL;
    if ((rc = st->drv->prepare(st->conn, sql, true, s, err)) != 0)
        return rc;
    rc = bind_va(st->drv, *s, fmt, ap);
    if (rc != 0) {
        st->drv->finish(*s);
        *s = NULL;
    }
    return rc;
}

/* Run a statement without results. *changes (may be NULL): rows changed. */
static int q_vexec(hh_store *st, const char *sql, int64_t *changes, hh_error *err, const char *fmt,
                   va_list *ap)
{
    hh_store_stmt *s = NULL;
    int rc;

    if ((rc = q_prepare(st, sql, &s, err, fmt, ap)) != 0)
        return rc;
    while ((rc = st->drv->step(s, err)) == 1)
        ;
    if (rc == 0 && changes != NULL)
        *changes = st->drv->changes(st->conn);
    st->drv->finish(s);
    return rc;
}

static int q_exec(hh_store *st, const char *sql, int64_t *changes, hh_error *err, const char *fmt,
                  ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = q_vexec(st, sql, changes, err, fmt, &ap);
    va_end(ap);
    return rc;
}

/* Collect the rows of a statement already bound. *out: new array. */
static int collect(hh_store *st, hh_store_stmt *s, json_t **out, hh_error *err)
{
    json_t *arr = json_array();
    int rc;

    if (arr == NULL)
        return ENOMEM;
    while ((rc = st->drv->step(s, err)) == 1) {
        json_t *row = row_json(st->drv, s);
        if (row == NULL || json_array_append_new(arr, row) != 0) {
            rc = ENOMEM;
            break;
        }
    }
    if (rc != 0) {
        json_decref(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

/* Rows of a query as a new array. */
static int q_rows(hh_store *st, const char *sql, json_t **out, hh_error *err, const char *fmt, ...)
{
    hh_store_stmt *s = NULL;
    va_list ap;
    int rc;

    *out = NULL;
    va_start(ap, fmt);
    rc = q_prepare(st, sql, &s, err, fmt, &ap);
    va_end(ap);
    if (rc != 0)
        return rc;
    rc = collect(st, s, out, err);
    st->drv->finish(s);
    return rc;
}

/* First row of a query as a new object; HH_ENOTFOUND (err says what) when
 * there is none. */
static int q_one(hh_store *st, const char *sql, const char *what, json_t **out, hh_error *err,
                 const char *fmt, ...)
{
    hh_store_stmt *s = NULL;
    va_list ap;
    int rc;

    *out = NULL;
    va_start(ap, fmt);
    rc = q_prepare(st, sql, &s, err, fmt, &ap);
    va_end(ap);
    if (rc != 0)
        return rc;
    rc = st->drv->step(s, err);
    if (rc == 1) {
        *out = row_json(st->drv, s);
        rc = *out != NULL ? 0 : ENOMEM;
    } else if (rc == 0) {
        rc = hh_error_set(err, HH_ENOTFOUND, "NotFound", "%s", what);
    }
    st->drv->finish(s);
    return rc;
}

/* The first column of the first row as an integer; *found (may be NULL)
 * says whether there was a row (else *v is 0). */
static int q_int(hh_store *st, const char *sql, int64_t *v, bool *found, hh_error *err,
                 const char *fmt, ...)
{
    hh_store_stmt *s = NULL;
    va_list ap;
    int rc;

    *v = 0;
    if (found != NULL)
        *found = false;
    va_start(ap, fmt);
    rc = q_prepare(st, sql, &s, err, fmt, &ap);
    va_end(ap);
    if (rc != 0)
        return rc;
    rc = st->drv->step(s, err);
    if (rc == 1) {
        *v = st->drv->column_int(s, 0);
        if (found != NULL)
            *found = true;
        rc = 0;
    }
    st->drv->finish(s);
    return rc;
}

/* ---- transactions ---- */

/* Start a write: join the open transaction or start one (*own). Then the
 * fence: the stored term must not be newer than term. */
static int w_begin(hh_store *st, int64_t term, bool *own, hh_error *err)
{
    int64_t current;
    int rc;

    *own = false;
    if (st->in_tx) {
        if (st->tx_failed != 0)
            return hh_error_set(err, HH_EINVAL, NULL,
                                "transaction already failed (%s); roll it back",
                                hh_strerror(st->tx_failed));
    } else {
        if ((rc = st->drv->begin(st->conn, err)) != 0)
            return rc;
        *own = true;
    }
    if (term == NOFENCE || (st->in_tx && term == st->tx_term_ok))
        return 0;
    rc = q_int(st, "SELECT term FROM fence_term WHERE id = 1", &current, NULL, err, "");
    if (rc == 0 && current > term)
        rc = hh_error_set(err, HH_EFENCED, NULL,
                          "fenced: term %lld is older than the current term %lld", (long long)term,
                          (long long)current);
    if (rc == 0 && st->in_tx)
        st->tx_term_ok = term;
    if (rc != 0 && *own) {
        st->drv->rollback(st->conn);
        *own = false;
    } else if (rc != 0) {
        st->tx_failed = rc;
    }
    return rc;
}

/* Finish a write begun by w_begin with its outcome rc. */
static int w_end(hh_store *st, bool own, int rc, hh_error *err)
{
    if (own) {
        if (rc == 0)
            rc = st->drv->commit(st->conn, err);
        if (rc != 0)
            st->drv->rollback(st->conn);
    } else if (rc != 0 && st->in_tx && st->tx_failed == 0) {
        st->tx_failed = rc;
    }
    return rc;
}

/* One write of one statement under term, in its own transaction or the
 * caller's (w_begin ... w_end): sql bound as fmt says ('N' binds the
 * current time and takes no argument). With what non-NULL (an UPDATE or
 * DELETE of one record), a statement that changes no row is NotFound
 * "<what> <key> not found" (key NULL: the number num). *last_id (may be
 * NULL): the new row's integer id (an INSERT). */
static int w_exec(hh_store *st, int64_t term, const char *what, const char *key, int64_t num,
                  int64_t *last_id, hh_error *err, const char *sql, const char *fmt, ...)
{
    int64_t n = 0;
    va_list ap;
    bool own;
    int rc;

    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    va_start(ap, fmt);
    rc = q_vexec(st, sql, &n, err, fmt, &ap);
    va_end(ap);
    if (rc == 0 && what != NULL && n == 0) {
        if (key != NULL)
            rc = hh_error_set(err, HH_ENOTFOUND, "NotFound", "%s %s not found", what, key);
        else
            rc = hh_error_set(err, HH_ENOTFOUND, "NotFound", "%s %lld not found", what,
                              (long long)num);
    }
    if (rc == 0 && last_id != NULL)
        *last_id = st->drv->last_id(st->conn);
    return w_end(st, own, rc, err);
}

/* The key of a new record: given (copied) or a new random UUID, into id
 * (HH_STORE_ID_LEN bytes). */
static int new_key(const char *given, char *id)
{
    if (given == NULL)
        return hh_store_uuid(id);
    snprintf(id, HH_STORE_ID_LEN, "%s", given);
    return 0;
}

/* Copy a new record's key to out (HH_STORE_ID_LEN, may be NULL) after a
 * write that succeeded. rc passes through. */
static int key_out(int rc, const char *id, char *out)
{
    if (rc == 0 && out != NULL)
        memcpy(out, id, HH_STORE_ID_LEN);
    return rc;
}

int hh_store_data_version(hh_store *st, uint64_t *version, hh_error *err)
{
    uint64_t token = 0;
    int rc;

    if (st->in_tx)
        return hh_error_set(err, HH_EINVAL, NULL, "no data version inside a transaction");
    if (st->drv->data_version == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, NULL, "the %s driver keeps no data version",
                            st->drv->name);
    if ((rc = st->drv->data_version(st->conn, &token, err)) != 0)
        return rc;
    if (!st->dv_seen || token != st->dv_token) {
        st->dv_seen = true;
        st->dv_token = token;
        atomic_fetch_add(&data_version, 1);
    }
    *version = atomic_load(&data_version);
    return 0;
}

int hh_store_begin(hh_store *st, hh_error *err)
{
    int rc;

    if (st->in_tx)
        return hh_error_set(err, HH_EINVAL, NULL, "a transaction is already open");
    if ((rc = st->drv->begin(st->conn, err)) != 0)
        return rc;
    st->in_tx = true;
    st->tx_failed = 0;
    st->tx_term_ok = NOFENCE;
    return 0;
}

int hh_store_commit(hh_store *st, hh_error *err)
{
    int rc;

    if (!st->in_tx)
        return hh_error_set(err, HH_EINVAL, NULL, "no transaction is open");
    st->in_tx = false;
    if (st->tx_failed != 0) {
        rc = st->tx_failed;
        st->drv->rollback(st->conn);
        return hh_error_set(err, rc, NULL, "transaction rolled back: an operation failed (%s)",
                            hh_strerror(rc));
    }
    if ((rc = st->drv->commit(st->conn, err)) != 0)
        st->drv->rollback(st->conn);
    return rc;
}

int hh_store_rollback(hh_store *st)
{
    if (!st->in_tx)
        return HH_EINVAL;
    st->in_tx = false;
    st->tx_failed = 0;
    return st->drv->rollback(st->conn);
}

bool hh_store_in_transaction(const hh_store *st)
{
    return st->in_tx;
}

/* ---- connection and schema ---- */

/* Drivers by URL scheme. */
static const struct {
    const char *prefix;
    const hh_store_driver *drv;
} schemes[] = {
    {"sqlite://", &hh_store_sqlite},
    {"mysql://", &hh_store_mysql},
    {"mysql+pymysql://", &hh_store_mysql},
    {"mysql+mysqldb://", &hh_store_mysql},
};

/* Does the URL's query have parameter name? */
static bool url_has_param(const char *url, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = strchr(url, '?'); p != NULL; p = strchr(p, '&')) {
        p++;
        if (strncmp(p, name, n) == 0 && p[n] == '=')
            return true;
    }
    return false;
}

/* A mysql URL with the [database] keys that its query does not set
 * (store_mysql.c reads them): *url new. */
static int conf_url_mysql(const hh_conf *conf, const char *conn, char **url, hh_error *err)
{
    static const struct {
        const char *param, *opt;
    } keys[] = {
        {"max_retries", "max_retries"},
        {"retry_interval", "retry_interval"},
        {"db_max_retries", "db_max_retries"},
        {"db_retry_interval", "db_retry_interval"},
        {"db_inc_retry_interval", "db_inc_retry_interval"},
        {"db_max_retry_interval", "db_max_retry_interval"},
        {"max_pool_size", "max_pool_size"},
        {"connection_recycle_time", "connection_recycle_time"},
        {"sql_mode", "mysql_sql_mode"},
    };
    sqlbuf b = {0};

    sb_add(&b, conn);
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *v = hh_conf_get_str(conf, "database", keys[i].opt);

        if (v == NULL || url_has_param(conn, keys[i].param))
            continue;
        sb_add(&b, strchr(b.s != NULL ? b.s : "", '?') != NULL ? "&" : "?");
        sb_add(&b, keys[i].param);
        sb_add(&b, "=");
        for (const char *c = v; *c != '\0'; c++) {
            char enc[4] = {*c, '\0'};
            if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,-", *c) ==
                NULL)
                snprintf(enc, sizeof(enc), "%%%02X", (unsigned char)*c);
            sb_add(&b, enc);
        }
    }
    if (b.rc != 0) {
        free(b.s);
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    }
    *url = b.s;
    return 0;
}

int hh_store_conf_url(const hh_conf *conf, char **url, hh_error *err)
{
    const char *conn = hh_conf_get_str(conf, "database", "connection");
    const char *sync = hh_conf_get_bool(conf, "database", "sqlite_synchronous") ? "full" : "normal";
    const char *q;

    *url = NULL;
    if (conn == NULL)
        return 0;
    if (strncmp(conn, "mysql", 5) == 0)
        return conf_url_mysql(conf, conn, url, err);
    q = strchr(conn, '?');
    if (strncmp(conn, "sqlite://", 9) != 0 ||
        (q != NULL && (strncmp(q + 1, "synchronous=", 12) == 0 || strstr(q, "&synchronous="))))
        *url = strdup(conn);
    else if (asprintf(url, "%s%ssynchronous=%s", conn, q == NULL ? "?" : "&", sync) < 0)
        *url = NULL;
    return *url != NULL ? 0 : hh_error_set(err, ENOMEM, NULL, "out of memory");
}

/* The driver of url's scheme. */
static int driver_of(const char *url, const hh_store_driver **drv, hh_error *err)
{
    *drv = NULL;
    if (url == NULL || *url == '\0')
        return hh_error_set(err, HH_ECONFIG, NULL, "[database] connection is not set");
    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        if (strncmp(url, schemes[i].prefix, strlen(schemes[i].prefix)) == 0) {
            *drv = schemes[i].drv;
            return 0;
        }
    }
    return hh_error_set(err, HH_ECONFIG, NULL,
                        "unknown database URL scheme (want sqlite:///PATH, sqlite:// or "
                        "mysql+pymysql://USER:PASSWORD@HOST/DB): %.*s",
                        (int)strcspn(url, ":"), url);
}

int hh_store_create_database(const char *url, const char *name, char **db_url, hh_error *err)
{
    const hh_store_driver *drv;
    int rc;

    *db_url = NULL;
    if ((rc = driver_of(url, &drv, err)) != 0)
        return rc;
    if (drv->create_db == NULL)
        return hh_error_set(err, HH_EUNSUPPORTED, NULL, "%s has no databases to create", drv->name);
    return drv->create_db(url, name, db_url, err);
}

int hh_store_open(const char *url, hh_store **out, hh_error *err)
{
    hh_store *st = NULL;
    const hh_store_driver *drv = NULL;
    int rc;

    *out = NULL;
    if ((rc = driver_of(url, &drv, err)) != 0)
        return rc;
    st = calloc(1, sizeof(*st));
    if (st == NULL)
        return ENOMEM;
    st->drv = drv;
    if ((rc = drv->open(url, &st->conn, err)) != 0) {
        free(st);
        return rc;
    }
    *out = st;
    return 0;
}

void hh_store_close(hh_store *st)
{
    if (st == NULL)
        return;
    if (st->in_tx)
        hh_store_rollback(st);
    st->drv->close(st->conn);
    free(st);
}

const char *hh_store_driver_name(const hh_store *st)
{
    return st->drv->name;
}

int64_t hh_store_retries(const hh_store *st)
{
    return st->drv->retries != NULL ? st->drv->retries(st->conn) : 0;
}

int hh_store_schema_latest(const hh_store *st)
{
    return st->drv->migrations[st->drv->n_migrations - 1].version;
}

int hh_store_db_version(hh_store *st, int *version, hh_error *err)
{
    bool yes = false;
    int64_t v = 0;
    int rc;

    *version = 0;
    if ((rc = st->drv->has_version_table(st->conn, &yes, err)) != 0 || !yes)
        return rc;
    if ((rc = q_int(st, "SELECT version FROM schema_version", &v, NULL, err, "")) == 0)
        *version = (int)v;
    return rc;
}

int hh_store_db_sync(hh_store *st, int version, hh_error *err)
{
    int latest = hh_store_schema_latest(st), current = 0, rc;

    if (st->in_tx)
        return hh_error_set(err, HH_EINVAL, NULL, "db_sync inside a transaction");
    if (version < 0)
        version = latest;
    if (version > latest)
        return hh_error_set(err, HH_EINVAL, NULL, "no schema version %d: the latest is %d", version,
                            latest);
    /* Read the version under the write lock, so two db_syncs at once apply
     * each migration once. */
    for (int m = 0; m < st->drv->n_migrations; m++) {
        const hh_store_migration *mig = &st->drv->migrations[m];

        if ((rc = st->drv->begin(st->conn, err)) != 0)
            return rc;
        if ((rc = hh_store_db_version(st, &current, err)) != 0)
            goto fail;
        if (m == 0 && version < current) {
            rc = hh_error_set(err, HH_EUNSUPPORTED, NULL,
                              "database is at schema version %d; downgrade to %d is not "
                              "supported",
                              current, version);
            goto fail;
        }
        if (mig->version <= current || mig->version > version) {
            st->drv->rollback(st->conn);
            continue;
        }
        for (int i = 0; mig->sql[i] != NULL; i++) {
            if ((rc = st->drv->exec(st->conn, mig->sql[i], err)) != 0) {
                hh_error_prefix(err, "migration %d: ", mig->version);
                goto fail;
            }
        }
        if ((rc = q_exec(st, "UPDATE schema_version SET version = ?", NULL, err, "i",
                         (int64_t)mig->version)) != 0)
            goto fail;
        if ((rc = st->drv->commit(st->conn, err)) != 0)
            goto fail;
    }
    return 0;
fail:
    st->drv->rollback(st->conn);
    return rc;
}

/* ---- fencing term ---- */

int hh_store_term_acquire(hh_store *st, const char *holder, int64_t *term, hh_error *err)
{
    bool own;
    int rc;

    if (st->in_tx)
        return hh_error_set(err, HH_EINVAL, NULL, "term_acquire inside a transaction");
    if ((rc = w_begin(st, NOFENCE, &own, err)) != 0)
        return rc;
    rc = q_exec(st,
                "UPDATE fence_term SET term = term + 1, holder = ?, acquired_at = ? WHERE id = 1",
                NULL, err, "nN", holder);
    if (rc == 0)
        rc = q_int(st, "SELECT term FROM fence_term WHERE id = 1", term, NULL, err, "");
    return w_end(st, own, rc, err);
}

int hh_store_term_current(hh_store *st, int64_t *term, hh_error *err)
{
    return q_int(st, "SELECT term FROM fence_term WHERE id = 1", term, NULL, err, "");
}

int hh_store_term_release(hh_store *st, const char *holder, int64_t term, hh_error *err)
{
    return w_exec(st, NOFENCE, NULL, NULL, 0, NULL, err,
                  "UPDATE fence_term SET holder = NULL WHERE id = 1 AND term = ? AND holder = ?",
                  "in", term, holder);
}

/* ---- raw templates ---- */

int hh_store_template_create(hh_store *st, int64_t term, const json_t *tmpl, const json_t *files,
                             const json_t *env, int64_t *id, hh_error *err)
{
    if (tmpl == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "template is required");
    return w_exec(st, term, NULL, NULL, 0, id, err,
                  "INSERT INTO raw_template (template, files, environment, created_at)"
                  " VALUES (?, ?, ?, ?)",
                  "jJJN", tmpl, files, env);
}

int hh_store_template_get(hh_store *st, int64_t id, json_t **out, hh_error *err)
{
    return q_one(st, "SELECT * FROM raw_template WHERE id = ?", "template not found", out, err, "i",
                 id);
}

int hh_store_template_delete(hh_store *st, int64_t term, int64_t id, hh_error *err)
{
    return w_exec(st, term, "template", NULL, id, NULL, err,
                  "DELETE FROM raw_template WHERE id = ?", "i", id);
}

/* ---- stacks ---- */

int hh_store_stack_create(hh_store *st, int64_t term, const hh_store_stack_spec *sp, char *id_out,
                          hh_error *err)
{
    char id[HH_STORE_ID_LEN];
    bool own, found;
    int64_t dummy;
    int rc;

    if (sp->name == NULL || sp->tenant == NULL || sp->raw_template_id <= 0)
        return hh_error_set(err, HH_EINVAL, NULL, "a stack needs a name, a tenant and a template");
    if ((rc = new_key(sp->id, id)) != 0)
        return rc;
    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    if (sp->owner_id == NULL) {
        rc = q_int(st,
                   "SELECT 1 FROM stack WHERE tenant = ? AND name = ? AND owner_id IS NULL"
                   " AND deleted_at IS NULL",
                   &dummy, &found, err, "nn", sp->tenant, sp->name);
        if (rc == 0 && found)
            rc = hh_error_set(err, HH_EEXISTS, "StackExists", "The Stack (%s) already exists.",
                              sp->name);
        if (rc != 0)
            goto done;
    }
    rc = q_exec(st,
                "INSERT INTO stack (id, name, raw_template_id, username, tenant, owner_id,"
                " parent_resource_name, timeout, disable_rollback, stack_user_project_id,"
                " nested_depth, action, status, status_reason, tags, created_at, live)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0))",
                NULL, err, "nninnnnibninntjNb", id, sp->name, sp->raw_template_id, sp->username,
                sp->tenant, sp->owner_id, sp->parent_resource_name, (int64_t)sp->timeout_mins,
                (int)sp->disable_rollback, sp->stack_user_project_id, (int64_t)sp->nested_depth,
                sp->action != NULL ? sp->action : "CREATE",
                sp->status != NULL ? sp->status : "IN_PROGRESS", sp->status_reason, sp->tags,
                (int)(sp->owner_id == NULL));
    if (rc == HH_EEXISTS) {
        /* the id, or the name a concurrent create committed after our check */
        if (q_int(st, "SELECT 1 FROM stack WHERE id = ?", &dummy, &found, NULL, "n", id) == 0 &&
            !found && sp->owner_id == NULL)
            hh_error_set(err, rc, "StackExists", "The Stack (%s) already exists.", sp->name);
        else
            hh_error_set(err, rc, NULL, "a stack with id %s exists", id);
    } else if (rc == HH_ENOTFOUND) {
        hh_error_set(err, rc, NULL, "template %lld not found", (long long)sp->raw_template_id);
    }
done:
    return key_out(w_end(st, own, rc, err), id, id_out);
}

int hh_store_stack_get(hh_store *st, const char *id, bool show_deleted, json_t **out, hh_error *err)
{
    if (show_deleted)
        return q_one(st, "SELECT * FROM stack WHERE id = ?", "stack not found", out, err, "n", id);
    return q_one(st, "SELECT * FROM stack WHERE id = ? AND deleted_at IS NULL", "stack not found",
                 out, err, "n", id);
}

int hh_store_stack_get_by_name(hh_store *st, const char *tenant, const char *name, json_t **out,
                               hh_error *err)
{
    return q_one(st,
                 "SELECT * FROM stack WHERE (tenant = ? OR stack_user_project_id = ?)"
                 " AND name = ? AND deleted_at IS NULL"
                 " ORDER BY CASE WHEN owner_id IS NULL THEN 0 ELSE 1 END, created_at DESC"
                 " LIMIT 1",
                 "stack not found", out, err, "nnn", tenant, tenant, name);
}

static bool in_list(const char *name, const char *const *names)
{
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The list query of a table:
 *   SELECT * FROM table WHERE <base> [AND col IN (...)]...
 *     [AND (k > mk OR (k = mk AND tie > mt))] ORDER BY k dir, tie dir [LIMIT n]
 * base and base_params: the caller's fixed conditions. Column names come
 * only from the allow-lists, never from the caller's text. */
static int list_query(hh_store *st, const char *table, const char *tie, const char *base,
                      json_t *params, const hh_store_list_opts *opts, const char *const *sorts,
                      const char *const *filters, bool default_asc, const char *marker_col,
                      json_t **out, hh_error *err)
{
    static const hh_store_list_opts none;
    sqlbuf b = {0};
    hh_store_stmt *s = NULL;
    const char *key, *col;
    char sortexpr[128], buf[256];
    json_t *v, *item;
    bool asc = default_asc;
    size_t i;
    int rc;

    *out = NULL;
    if (opts == NULL)
        opts = &none;
    key = opts->sort_key != NULL ? opts->sort_key : "created_at";
    if (!in_list(key, sorts))
        return hh_error_set(err, HH_EINVAL, NULL, "cannot sort by %s", key);
    if (opts->sort_dir != NULL) {
        if (strcmp(opts->sort_dir, "asc") == 0)
            asc = true;
        else if (strcmp(opts->sort_dir, "desc") == 0)
            asc = false;
        else
            return hh_error_set(err, HH_EINVAL, NULL, "sort direction must be asc or desc, not %s",
                                opts->sort_dir);
    }
    snprintf(sortexpr, sizeof(sortexpr), "COALESCE(%s, '')", key);
    snprintf(buf, sizeof(buf), "SELECT * FROM %s WHERE %s", table, base);
    sb_add(&b, buf);
    if (opts->filters != NULL) {
        if (!json_is_object(opts->filters)) {
            rc = hh_error_set(err, HH_EINVAL, NULL, "filters must be an object");
            goto done;
        }
        json_object_foreach((json_t *)opts->filters, col, v)
        {
            if (!in_list(col, filters)) {
                rc = hh_error_set(err, HH_EINVAL, NULL, "cannot filter by %s", col);
                goto done;
            }
            snprintf(buf, sizeof(buf), " AND %s IN (", col);
            sb_add(&b, buf);
            if (json_is_array(v) && json_array_size(v) > 0) {
                json_array_foreach(v, i, item)
                {
                    if (!json_is_string(item)) {
                        rc = hh_error_set(err, HH_EINVAL, NULL, "filter %s: values are strings",
                                          col);
                        goto done;
                    }
                    sb_add(&b, i > 0 ? ", ?" : "?");
                    json_array_append(params, item);
                }
            } else if (json_is_string(v)) {
                sb_add(&b, "?");
                json_array_append(params, v);
            } else {
                rc = hh_error_set(err, HH_EINVAL, NULL, "filter %s: values are strings", col);
                goto done;
            }
            sb_add(&b, ")");
        }
    }
    if (opts->marker != NULL) {
        hh_store_stmt *m = NULL;
        char msql[256];

        snprintf(msql, sizeof(msql), "SELECT %s, %s FROM %s WHERE %s = ?", sortexpr, tie, table,
                 marker_col);
        if ((rc = st->drv->prepare(st->conn, msql, false, &m, err)) != 0)
            goto done;
        if ((rc = st->drv->bind_text(m, 1, opts->marker)) == 0)
            rc = st->drv->step(m, err);
        if (rc == 1) {
            json_t *mk = json_string(st->drv->column_text(m, 0));
            json_t *mt = st->drv->column_type(m, 1) == HH_STORE_INT
                             ? json_integer(st->drv->column_int(m, 1))
                             : json_string(st->drv->column_text(m, 1));

            json_array_append_new(params, mk);
            json_array_append(params, mk);
            json_array_append_new(params, mt);
            snprintf(buf, sizeof(buf), " AND (%s %s ? OR (%s = ? AND %s %s ?))", sortexpr,
                     asc ? ">" : "<", sortexpr, tie, asc ? ">" : "<");
            sb_add(&b, buf);
            rc = 0;
        } else if (rc == 0) {
            rc = hh_error_set(err, HH_ENOTFOUND, "NotFound", "marker %s not found", opts->marker);
        }
        st->drv->finish(m);
        if (rc != 0)
            goto done;
    }
    snprintf(buf, sizeof(buf), " ORDER BY %s %s, %s %s", sortexpr, asc ? "ASC" : "DESC", tie,
             asc ? "ASC" : "DESC");
    sb_add(&b, buf);
    if (opts->limit > 0) {
        sb_add(&b, " LIMIT ?");
        json_array_append_new(params, json_integer(opts->limit));
    }
    if ((rc = b.rc) != 0)
        goto done;
    if ((rc = st->drv->prepare(st->conn, b.s, false, &s, err)) != 0)
        goto done;
    if ((rc = bind_params(st->drv, s, params)) == 0)
        rc = collect(st, s, out, err);
    st->drv->finish(s);
done:
    free(b.s);
    return rc;
}

int hh_store_stack_list(hh_store *st, const char *tenant, const hh_store_list_opts *opts,
                        bool show_deleted, bool show_nested, json_t **out, hh_error *err)
{
    static const char *const sorts[] = {"created_at", "updated_at", "name", "status",
                                        "action",     "id",         NULL};
    static const char *const filters[] = {"id",     "name",     "action",   "status",
                                          "tenant", "username", "owner_id", NULL};
    char base[160];
    json_t *params = json_array();
    int rc;

    if (params == NULL)
        return ENOMEM;
    snprintf(base, sizeof(base), "1 = 1%s%s%s", tenant != NULL ? " AND tenant = ?" : "",
             show_deleted ? "" : " AND deleted_at IS NULL",
             show_nested ? "" : " AND owner_id IS NULL");
    if (tenant != NULL)
        json_array_append_new(params, json_string(tenant));
    rc = list_query(st, "stack", "id", base, params, opts, sorts, filters, false, "id", out, err);
    json_decref(params);
    return rc;
}

int hh_store_stack_count(hh_store *st, const char *tenant, bool show_nested, int64_t *count,
                         hh_error *err)
{
    if (tenant == NULL)
        return q_int(st,
                     "SELECT COUNT(*) FROM stack WHERE deleted_at IS NULL"
                     " AND (? OR owner_id IS NULL)",
                     count, NULL, err, "b", (int)show_nested);
    return q_int(st,
                 "SELECT COUNT(*) FROM stack WHERE deleted_at IS NULL AND tenant = ?"
                 " AND (? OR owner_id IS NULL)",
                 count, NULL, err, "nb", tenant, (int)show_nested);
}

int hh_store_stack_children(hh_store *st, const char *owner_id, json_t **out, hh_error *err)
{
    return q_rows(st,
                  "SELECT * FROM stack WHERE owner_id = ? AND deleted_at IS NULL"
                  " ORDER BY created_at, id",
                  out, err, "n", owner_id);
}

/* Finish a one-row update of a live record: none changed is HH_ENOTFOUND. */
static int one_changed(int rc, int64_t n, const char *what, const char *id, hh_error *err)
{
    if (rc == 0 && n == 0)
        rc = hh_error_set(err, HH_ENOTFOUND, "NotFound", "%s %s not found", what, id);
    return rc;
}

int hh_store_stack_set_state(hh_store *st, int64_t term, const char *id, const char *action,
                             const char *status, const char *reason, hh_error *err)
{
    return w_exec(st, term, "stack", id, 0, NULL, err,
                  "UPDATE stack SET action = ?, status = ?, status_reason = ?,"
                  " updated_at = CASE WHEN ? = 'IN_PROGRESS' AND ? NOT IN ('CREATE', 'ADOPT')"
                  " THEN ? ELSE updated_at END"
                  " WHERE id = ? AND deleted_at IS NULL",
                  "nntnnNn", action, status, reason, status, action, id);
}

int hh_store_stack_set_template(hh_store *st, int64_t term, const char *id, int64_t raw_template_id,
                                int64_t prev_raw_template_id, hh_error *err)
{
    return w_exec(st, term, "stack", id, 0, NULL, err,
                  "UPDATE stack SET raw_template_id = ?,"
                  " prev_raw_template_id = CASE WHEN ? > 0 THEN ? ELSE NULL END, updated_at = ?"
                  " WHERE id = ? AND deleted_at IS NULL",
                  "iiiNn", raw_template_id, prev_raw_template_id, prev_raw_template_id, id);
}

int hh_store_stack_set_options(hh_store *st, int64_t term, const char *id, int timeout_mins,
                               bool disable_rollback, const json_t *tags, hh_error *err)
{
    return w_exec(st, term, "stack", id, 0, NULL, err,
                  "UPDATE stack SET timeout = ?, disable_rollback = ?, tags = ?, updated_at = ?"
                  " WHERE id = ? AND deleted_at IS NULL",
                  "ibjNn", (int64_t)(timeout_mins > 0 ? timeout_mins : 0), (int)disable_rollback,
                  tags, id);
}

int hh_store_stack_soft_delete(hh_store *st, int64_t term, const char *id, hh_error *err)
{
    int64_t n = 0;
    bool own;
    int rc;

    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    rc = q_exec(st,
                "UPDATE stack SET deleted_at = ?, live = NULL WHERE id = ? AND deleted_at IS NULL",
                &n, err, "Nn", id);
    rc = one_changed(rc, n, "stack", id, err);
    if (rc == 0)
        rc = q_exec(st, "DELETE FROM resource WHERE stack_id = ?", NULL, err, "n", id);
    return w_end(st, own, rc, err);
}

/* ---- resources ---- */

int hh_store_resource_create(hh_store *st, int64_t term, const hh_store_resource_spec *sp,
                             int64_t *id, char *uuid_out, hh_error *err)
{
    char uuid[HH_STORE_ID_LEN];
    int rc;

    if (sp->stack_id == NULL || sp->name == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "a resource needs a stack and a name");
    if ((rc = new_key(NULL, uuid)) != 0)
        return rc;
    rc = w_exec(st, term, NULL, NULL, 0, id, err,
                "INSERT INTO resource (uuid, stack_id, root_stack_id, name, type, action, status,"
                " status_reason, properties_data, requires, current_template_id, replaces,"
                " created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? > 0 THEN ? ELSE NULL END,"
                " CASE WHEN ? > 0 THEN ? ELSE NULL END, ?)",
                "nnnnnnntjjiiiiN", uuid, sp->stack_id,
                sp->root_stack_id != NULL ? sp->root_stack_id : sp->stack_id, sp->name, sp->type,
                sp->action != NULL ? sp->action : "INIT",
                sp->status != NULL ? sp->status : "COMPLETE", sp->status_reason,
                sp->properties_data, sp->requires, sp->current_template_id, sp->current_template_id,
                sp->replaces, sp->replaces);
    if (rc == HH_ENOTFOUND)
        hh_error_set(err, rc, "NotFound", "stack %s not found", sp->stack_id);
    return key_out(rc, uuid, uuid_out);
}

int hh_store_resource_get(hh_store *st, int64_t id, json_t **out, hh_error *err)
{
    return q_one(st, "SELECT * FROM resource WHERE id = ?", "resource not found", out, err, "i",
                 id);
}

int hh_store_resource_get_by_name(hh_store *st, const char *stack_id, const char *name,
                                  json_t **out, hh_error *err)
{
    return q_one(st,
                 "SELECT * FROM resource WHERE stack_id = ? AND name = ?"
                 " ORDER BY replaced_by IS NULL DESC, id DESC",
                 "resource not found", out, err, "nn", stack_id, name);
}

int hh_store_resource_list(hh_store *st, const char *stack_id, json_t **out, hh_error *err)
{
    return q_rows(st, "SELECT * FROM resource WHERE stack_id = ? ORDER BY id", out, err, "n",
                  stack_id);
}

int hh_store_resource_count(hh_store *st, const char *stack_id, int64_t *count, hh_error *err)
{
    return q_int(st, "SELECT COUNT(*) FROM resource WHERE stack_id = ?", count, NULL, err, "n",
                 stack_id);
}

int hh_store_resource_count_root(hh_store *st, const char *root_stack_id, int64_t *count,
                                 hh_error *err)
{
    return q_int(st, "SELECT COUNT(*) FROM resource WHERE root_stack_id = ?", count, NULL, err, "n",
                 root_stack_id);
}

int hh_store_resource_set_state(hh_store *st, int64_t term, int64_t id, const char *action,
                                const char *status, const char *reason, hh_error *err)
{
    return w_exec(st, term, "resource", NULL, id, NULL, err,
                  "UPDATE resource SET action = ?, status = ?, status_reason = ?,"
                  " updated_at = ?, atomic_key = atomic_key + 1 WHERE id = ?",
                  "nntNi", action, status, reason, id);
}

/* UPDATE of one resource column, with updated_at and atomic_key moved on.
 * A string literal: the statement cache keys on its address. */
#define RESOURCE_SET(column)                                                                       \
    "UPDATE resource SET " column " = ?, updated_at = ?, atomic_key = atomic_key + 1 WHERE id = ?"

/* One column of a resource row set by sql (RESOURCE_SET): text or a JSON
 * value, under the caller's term. */
static int resource_set_column(hh_store *st, int64_t term, int64_t id, const char *sql,
                               const char *text, const json_t *json, hh_error *err)
{
    if (json != NULL)
        return w_exec(st, term, "resource", NULL, id, NULL, err, sql, "jNi", json, id);
    return w_exec(st, term, "resource", NULL, id, NULL, err, sql, "nNi", text, id);
}

int hh_store_resource_set_physical_id(hh_store *st, int64_t term, int64_t id,
                                      const char *physical_id, hh_error *err)
{
    return resource_set_column(st, term, id, RESOURCE_SET("physical_resource_id"), physical_id,
                               NULL, err);
}

int hh_store_resource_set_properties(hh_store *st, int64_t term, int64_t id, const json_t *props,
                                     hh_error *err)
{
    return resource_set_column(st, term, id, RESOURCE_SET("properties_data"), NULL, props, err);
}

int hh_store_resource_set_metadata(hh_store *st, int64_t term, int64_t id, const json_t *metadata,
                                   hh_error *err)
{
    return resource_set_column(st, term, id, RESOURCE_SET("rsrc_metadata"), NULL, metadata, err);
}

int hh_store_resource_set_current(hh_store *st, int64_t term, int64_t id,
                                  int64_t current_template_id, const json_t *requires,
                                  hh_error *err)
{
    if (requires != NULL)
        return w_exec(st, term, "resource", NULL, id, NULL, err,
                      "UPDATE resource SET current_template_id = ?, requires = ?,"
                      " updated_at = ?, atomic_key = atomic_key + 1 WHERE id = ?",
                      "ijNi", current_template_id, requires, id);
    return w_exec(st, term, "resource", NULL, id, NULL, err,
                  "UPDATE resource SET current_template_id = ?, updated_at = ?,"
                  " atomic_key = atomic_key + 1 WHERE id = ?",
                  "iNi", current_template_id, id);
}

int hh_store_resource_set_replaced_by(hh_store *st, int64_t term, int64_t id, int64_t replaced_by,
                                      hh_error *err)
{
    return w_exec(st, term, "resource", NULL, id, NULL, err,
                  "UPDATE resource SET replaced_by = CASE WHEN ? > 0 THEN ? ELSE NULL END,"
                  " updated_at = ?, atomic_key = atomic_key + 1 WHERE id = ?",
                  "iiNi", replaced_by, replaced_by, id);
}

int hh_store_resource_delete(hh_store *st, int64_t term, int64_t id, hh_error *err)
{
    return w_exec(st, term, "resource", NULL, id, NULL, err, "DELETE FROM resource WHERE id = ?",
                  "i", id);
}

/* ---- resource data ---- */

int hh_store_resource_data_set(hh_store *st, int64_t term, int64_t resource_id, const char *key,
                               const char *value, bool redact, hh_error *err)
{
    int64_t n = 0;
    bool own;
    int rc;

    if (key == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "resource data needs a key");
    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    /* Upsert in portable SQL: update, else insert (under the write lock). */
    rc = q_exec(st,
                "UPDATE resource_data SET value = ?, redact = ?, updated_at = ?"
                " WHERE resource_id = ? AND \"key\" = ?",
                &n, err, "tbNin", value, (int)redact, resource_id, key);
    if (rc == 0 && n == 0) {
        rc = q_exec(st,
                    "INSERT INTO resource_data (resource_id, \"key\", value, redact, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    NULL, err, "intbN", resource_id, key, value, (int)redact);
        if (rc == HH_ENOTFOUND)
            hh_error_set(err, rc, "NotFound", "resource %lld not found", (long long)resource_id);
    }
    return w_end(st, own, rc, err);
}

int hh_store_resource_data_get(hh_store *st, int64_t resource_id, const char *key, char **value,
                               hh_error *err)
{
    json_t *row = NULL;
    const char *v;
    int rc;

    *value = NULL;
    rc = q_one(st, "SELECT value FROM resource_data WHERE resource_id = ? AND \"key\" = ?",
               "resource data not found", &row, err, "in", resource_id, key);
    if (rc != 0)
        return rc;
    v = json_string_value(json_object_get(row, "value"));
    *value = strdup(v != NULL ? v : "");
    json_decref(row);
    return *value != NULL ? 0 : ENOMEM;
}

int hh_store_resource_data_get_all(hh_store *st, int64_t resource_id, json_t **out, hh_error *err)
{
    json_t *rows = NULL, *obj = NULL, *row;
    int64_t one;
    bool found;
    size_t i;
    int rc;

    *out = NULL;
    if ((rc = q_int(st, "SELECT 1 FROM resource WHERE id = ?", &one, &found, err, "i",
                    resource_id)) != 0)
        return rc;
    if (!found)
        return hh_error_set(err, HH_ENOTFOUND, "NotFound", "resource %lld not found",
                            (long long)resource_id);
    if ((rc = q_rows(st,
                     "SELECT \"key\", value FROM resource_data WHERE resource_id = ? ORDER BY id",
                     &rows, err, "i", resource_id)) != 0)
        return rc;
    obj = json_object();
    json_array_foreach(rows, i, row)
    {
        json_t *v = json_object_get(row, "value");
        if (obj == NULL || json_object_set(obj, json_string_value(json_object_get(row, "key")),
                                           json_is_string(v) ? v : json_string("")) != 0) {
            rc = ENOMEM;
            break;
        }
    }
    json_decref(rows);
    if (rc != 0) {
        json_decref(obj);
        return rc;
    }
    *out = obj;
    return 0;
}

int hh_store_resource_data_delete(hh_store *st, int64_t term, int64_t resource_id, const char *key,
                                  hh_error *err)
{
    return w_exec(st, term, "resource data", key, 0, NULL, err,
                  "DELETE FROM resource_data WHERE resource_id = ? AND \"key\" = ?", "in",
                  resource_id, key);
}

/* ---- events ---- */

int hh_store_event_create(hh_store *st, int64_t term, const hh_store_event_spec *sp, char *uuid_out,
                          hh_error *err)
{
    char uuid[HH_STORE_ID_LEN];
    int rc;

    if (sp->stack_id == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "an event needs a stack");
    if ((rc = uuid_v7(uuid)) != 0)
        return rc;
    rc = w_exec(st, term, NULL, NULL, 0, NULL, err,
                "INSERT INTO event (uuid, stack_id, resource_action, resource_status,"
                " resource_name, physical_resource_id, resource_status_reason, resource_type,"
                " resource_properties, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "nnnnnntnjN", uuid, sp->stack_id, sp->resource_action, sp->resource_status,
                sp->resource_name, sp->physical_resource_id, sp->resource_status_reason,
                sp->resource_type, sp->resource_properties);
    if (rc == HH_ENOTFOUND)
        hh_error_set(err, rc, "NotFound", "stack %s not found", sp->stack_id);
    return key_out(rc, uuid, uuid_out);
}

int hh_store_event_list(hh_store *st, const char *stack_id, const hh_store_list_opts *opts,
                        json_t **out, hh_error *err)
{
    static const char *const sorts[] = {"created_at",      "resource_name", "resource_action",
                                        "resource_status", "resource_type", NULL};
    static const char *const filters[] = {"resource_name",
                                          "resource_action",
                                          "resource_status",
                                          "resource_type",
                                          "physical_resource_id",
                                          "uuid",
                                          NULL};
    json_t *params = json_pack("[s]", stack_id);
    int rc;

    if (params == NULL)
        return stack_id == NULL ? HH_EINVAL : ENOMEM;
    rc = list_query(st, "event", "id", "stack_id = ?", params, opts, sorts, filters, true, "uuid",
                    out, err);
    json_decref(params);
    return rc;
}

int hh_store_event_count(hh_store *st, const char *stack_id, int64_t *count, hh_error *err)
{
    return q_int(st, "SELECT COUNT(*) FROM event WHERE stack_id = ?", count, NULL, err, "n",
                 stack_id);
}

int hh_store_event_purge(hh_store *st, int64_t term, const char *stack_id, int64_t keep,
                         int64_t *deleted, hh_error *err)
{
    int64_t n = 0;
    bool own;
    int rc;

    if (keep < 0)
        keep = 0;
    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    rc = q_exec(st,
                "DELETE FROM event WHERE stack_id = ? AND id NOT IN"
                " (SELECT id FROM (SELECT id FROM event WHERE stack_id = ?"
                " ORDER BY id DESC LIMIT ?) AS newest)",
                &n, err, "nni", stack_id, stack_id, keep);
    if (rc == 0 && deleted != NULL)
        *deleted = n;
    return w_end(st, own, rc, err);
}

/* ---- services ---- */

int hh_store_service_create(hh_store *st, const hh_store_service_spec *sp, char *id_out,
                            hh_error *err)
{
    char id[HH_STORE_ID_LEN];
    int rc;

    if (sp->engine_id == NULL || sp->host == NULL || sp->hostname == NULL || sp->binary == NULL ||
        sp->topic == NULL || sp->report_interval <= 0)
        return hh_error_set(err, HH_EINVAL, NULL,
                            "a service needs engine_id, host, hostname, binary, topic and a "
                            "report interval");
    if ((rc = new_key(sp->id, id)) != 0)
        return rc;
    rc = w_exec(st, NOFENCE, NULL, NULL, 0, NULL, err,
                "INSERT INTO service (id, engine_id, host, hostname, \"binary\", topic,"
                " report_interval, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                "nnnnnniN", id, sp->engine_id, sp->host, sp->hostname, sp->binary, sp->topic,
                (int64_t)sp->report_interval);
    return key_out(rc, id, id_out);
}

int hh_store_service_heartbeat(hh_store *st, const char *id, hh_error *err)
{
    return w_exec(st, NOFENCE, "service", id, 0, NULL, err,
                  "UPDATE service SET updated_at = ?, deleted_at = NULL WHERE id = ?", "Nn", id);
}

int hh_store_service_list(hh_store *st, json_t **out, hh_error *err)
{
    int64_t now = (int64_t)time(NULL);
    json_t *row;
    size_t i;
    int rc;

    rc = q_rows(st,
                "SELECT s.*, f.holder AS term_holder, f.term AS term FROM service s"
                " LEFT JOIN fence_term f ON f.id = 1 AND f.holder = s.engine_id"
                " WHERE s.deleted_at IS NULL ORDER BY s.created_at, s.id",
                out, err, "");
    if (rc != 0)
        return rc;
    /* Heat's rule: up when seen within twice the report interval. The
     * role: active for the engine holding the current term. */
    json_array_foreach(*out, i, row)
    {
        json_t *upd = json_object_get(row, "updated_at");
        int64_t seen = time_parse(
            json_string_value(json_is_string(upd) ? upd : json_object_get(row, "created_at")));
        int64_t every = json_integer_value(json_object_get(row, "report_interval"));
        bool active = json_is_string(json_object_get(row, "term_holder"));

        json_object_set_new(row, "status", json_string(now - seen <= 2 * every ? "up" : "down"));
        json_object_set_new(row, "role", json_string(active ? "active" : "standby"));
        json_object_del(row, "term_holder");
        if (!active)
            json_object_del(row, "term");
    }
    return 0;
}

int hh_store_service_delete(hh_store *st, const char *id, hh_error *err)
{
    return w_exec(st, NOFENCE, "service", id, 0, NULL, err,
                  "UPDATE service SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", "Nn",
                  id);
}

int hh_store_service_clean(hh_store *st, int64_t *removed, hh_error *err)
{
    json_t *list = NULL, *row;
    int64_t n = 0;
    size_t i;
    int rc;

    if ((rc = hh_store_service_list(st, &list, err)) != 0)
        return rc;
    json_array_foreach(list, i, row)
    {
        const char *id = json_string_value(json_object_get(row, "id"));
        json_t *upd = json_object_get(row, "updated_at");

        if (strcmp(json_string_value(json_object_get(row, "status")), "down") != 0)
            continue;
        /* Heat removes the row; one heartbeat since the listing keeps it */
        rc = w_exec(
            st, NOFENCE, "service", id, 0, NULL, err,
            "DELETE FROM service WHERE id = ? AND COALESCE(updated_at, created_at) = ?", "nn", id,
            json_string_value(json_is_string(upd) ? upd : json_object_get(row, "created_at")));
        if (rc == HH_ENOTFOUND) /* another cleaner was faster, or it came back */
            rc = 0;
        else if (rc == 0)
            n++;
        if (rc != 0)
            break;
    }
    json_decref(list);
    if (removed != NULL)
        *removed = n;
    return rc;
}

/* ---- snapshots ---- */

int hh_store_snapshot_create(hh_store *st, int64_t term, const char *stack_id, const char *name,
                             const char *tenant, const json_t *data, const char *status,
                             const char *reason, char *id_out, hh_error *err)
{
    char id[HH_STORE_ID_LEN];
    int rc;

    if (stack_id == NULL || tenant == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "a snapshot needs a stack and a tenant");
    if ((rc = new_key(NULL, id)) != 0)
        return rc;
    rc = w_exec(st, term, NULL, NULL, 0, NULL, err,
                "INSERT INTO snapshot (id, stack_id, name, data, tenant, status, status_reason,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                "nnnjnntN", id, stack_id, name, data, tenant,
                status != NULL ? status : "IN_PROGRESS", reason);
    if (rc == HH_ENOTFOUND)
        hh_error_set(err, rc, "NotFound", "stack %s not found", stack_id);
    return key_out(rc, id, id_out);
}

int hh_store_snapshot_get(hh_store *st, const char *id, json_t **out, hh_error *err)
{
    return q_one(st, "SELECT * FROM snapshot WHERE id = ?", "snapshot not found", out, err, "n",
                 id);
}

int hh_store_snapshot_list(hh_store *st, const char *stack_id, json_t **out, hh_error *err)
{
    return q_rows(st, "SELECT * FROM snapshot WHERE stack_id = ? ORDER BY created_at, id", out, err,
                  "n", stack_id);
}

int hh_store_snapshot_update(hh_store *st, int64_t term, const char *id, const char *status,
                             const char *reason, const json_t *data, hh_error *err)
{
    return w_exec(st, term, "snapshot", id, 0, NULL, err,
                  "UPDATE snapshot SET status = ?, status_reason = ?,"
                  " data = CASE WHEN ? THEN ? ELSE data END, updated_at = ? WHERE id = ?",
                  "ntbjNn", status, reason, (int)(data != NULL), data, id);
}

int hh_store_snapshot_delete(hh_store *st, int64_t term, const char *id, hh_error *err)
{
    return w_exec(st, term, "snapshot", id, 0, NULL, err, "DELETE FROM snapshot WHERE id = ?", "n",
                  id);
}

/* ---- software configs and deployments ---- */

/* LIMIT for "no limit" in both dialects. */
#define NO_LIMIT ((int64_t)1 << 62)

int hh_store_software_config_create(hh_store *st, int64_t term, const char *name, const char *group,
                                    const json_t *config, const char *tenant, char *id_out,
                                    hh_error *err)
{
    char id[HH_STORE_ID_LEN];
    int rc;

    if (tenant == NULL)
        return hh_error_set(err, HH_EINVAL, NULL, "a software config needs a tenant");
    if ((rc = new_key(NULL, id)) != 0)
        return rc;
    rc = w_exec(st, term, NULL, NULL, 0, NULL, err,
                "INSERT INTO software_config (id, name, \"group\", config, tenant, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                "nnnjnN", id, name, group, config, tenant);
    return key_out(rc, id, id_out);
}

int hh_store_software_config_get(hh_store *st, const char *id, const char *tenant, json_t **out,
                                 hh_error *err)
{
    int rc = q_one(st, "SELECT * FROM software_config WHERE id = ? AND (? IS NULL OR tenant = ?)",
                   "", out, err, "nnn", id, tenant, tenant);

    if (rc == HH_ENOTFOUND)
        hh_error_set(err, rc, "NotFound", "Software config with id %s not found", id);
    return rc;
}

int hh_store_software_config_list(hh_store *st, const char *tenant, int limit, const char *marker,
                                  json_t **out, hh_error *err)
{
    json_t *m = NULL;
    int64_t lim = limit > 0 ? limit : NO_LIMIT;
    int rc;

    if (marker != NULL && hh_store_software_config_get(st, marker, NULL, &m, NULL) == 0) {
        rc = q_rows(st,
                    "SELECT * FROM software_config WHERE (? IS NULL OR tenant = ?)"
                    " AND (created_at > ? OR (created_at = ? AND id > ?))"
                    " ORDER BY created_at, id LIMIT ?",
                    out, err, "nnnnni", tenant, tenant,
                    json_string_value(json_object_get(m, "created_at")),
                    json_string_value(json_object_get(m, "created_at")), marker, lim);
        json_decref(m);
        return rc;
    }
    return q_rows(st,
                  "SELECT * FROM software_config WHERE (? IS NULL OR tenant = ?)"
                  " ORDER BY created_at, id LIMIT ?",
                  out, err, "nni", tenant, tenant, lim);
}

int hh_store_software_config_delete(hh_store *st, int64_t term, const char *id, const char *tenant,
                                    hh_error *err)
{
    json_t *row = NULL;
    int64_t used = 0;
    bool own;
    int rc;

    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    rc = hh_store_software_config_get(st, id, tenant, &row, err);
    json_decref(row);
    if (rc == 0)
        rc = q_int(st, "SELECT 1 FROM software_deployment WHERE config_id = ? LIMIT 1", &used, NULL,
                   err, "n", id);
    if (rc == 0 && used)
        rc = hh_error_set(err, HH_EINVAL, "InvalidRestrictedAction",
                          "Software config with id %s can not be deleted as it is referenced.", id);
    if (rc == 0)
        rc = q_exec(st, "DELETE FROM software_config WHERE id = ?", NULL, err, "n", id);
    return w_end(st, own, rc, err);
}

int hh_store_software_deployment_create(hh_store *st, int64_t term,
                                        const hh_store_deployment_spec *sp, char *id_out,
                                        hh_error *err)
{
    char id[HH_STORE_ID_LEN];
    int rc;

    if (sp->config_id == NULL || sp->server_id == NULL || sp->tenant == NULL)
        return hh_error_set(err, HH_EINVAL, NULL,
                            "a software deployment needs a config, a server and a tenant");
    if ((rc = new_key(sp->id, id)) != 0)
        return rc;
    rc =
        w_exec(st, term, NULL, NULL, 0, NULL, err,
               "INSERT INTO software_deployment (id, config_id, server_id, input_values,"
               " output_values, tenant, stack_user_project_id, action, status, status_reason,"
               " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "nnnjjnnnntN", id, sp->config_id, sp->server_id, sp->input_values, sp->output_values,
               sp->tenant, sp->stack_user_project_id, sp->action, sp->status, sp->status_reason);
    if (rc == HH_ENOTFOUND)
        hh_error_set(err, rc, "NotFound", "Software config with id %s not found", sp->config_id);
    return key_out(rc, id, id_out);
}

int hh_store_software_deployment_get(hh_store *st, const char *id, const char *tenant, json_t **out,
                                     hh_error *err)
{
    int rc = q_one(st,
                   "SELECT * FROM software_deployment WHERE id = ?"
                   " AND (? IS NULL OR tenant = ? OR stack_user_project_id = ?)",
                   "", out, err, "nnnn", id, tenant, tenant, tenant);

    if (rc == HH_ENOTFOUND)
        hh_error_set(err, rc, "NotFound", "Deployment with id %s not found", id);
    return rc;
}

int hh_store_software_deployment_list(hh_store *st, const char *tenant, const char *server_id,
                                      json_t **out, hh_error *err)
{
    return q_rows(st,
                  "SELECT * FROM software_deployment"
                  " WHERE (? IS NULL OR tenant = ? OR stack_user_project_id = ?)"
                  " AND (? IS NULL OR server_id = ?) ORDER BY created_at, id",
                  out, err, "nnnnn", tenant, tenant, tenant, server_id, server_id);
}

int hh_store_software_deployment_update(hh_store *st, int64_t term, const char *id,
                                        const char *tenant, const hh_store_deployment_spec *sp,
                                        hh_error *err)
{
    char now[HH_STORE_TIME_LEN];
    json_t *row = NULL;
    bool own;
    int rc;

    now_text(now);
    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    rc = hh_store_software_deployment_get(st, id, tenant, &row, err);
    json_decref(row);
    if (rc == 0)
        rc = q_exec(st,
                    "UPDATE software_deployment SET config_id = COALESCE(?, config_id),"
                    " input_values = COALESCE(?, input_values),"
                    " output_values = COALESCE(?, output_values), action = COALESCE(?, action),"
                    " status = COALESCE(?, status), status_reason = COALESCE(?, status_reason),"
                    " updated_at = ? WHERE id = ?",
                    NULL, err, "njjnntnn", sp->config_id, sp->input_values, sp->output_values,
                    sp->action, sp->status, sp->status_reason, now, id);
    if (rc == HH_ENOTFOUND && sp->config_id != NULL)
        hh_error_set(err, rc, "NotFound", "Software config with id %s not found", sp->config_id);
    return w_end(st, own, rc, err);
}

int hh_store_software_deployment_delete(hh_store *st, int64_t term, const char *id,
                                        const char *tenant, hh_error *err)
{
    json_t *row = NULL;
    bool own;
    int rc;

    if ((rc = w_begin(st, term, &own, err)) != 0)
        return rc;
    rc = hh_store_software_deployment_get(st, id, tenant, &row, err);
    json_decref(row);
    if (rc == 0)
        rc = q_exec(st, "DELETE FROM software_deployment WHERE id = ?", NULL, err, "n", id);
    return w_end(st, own, rc, err);
}

/* ---- maintenance ---- */

int hh_store_purge_deleted(hh_store *st, int64_t age_seconds, const char *project, int batch,
                           int64_t *stacks, hh_error *err)
{
    char cutoff[HH_STORE_TIME_LEN];
    json_t *rows = NULL, *row;
    int64_t total = 0;
    bool own;
    size_t i;
    int rc;

    if (stacks != NULL)
        *stacks = 0;
    if (st->in_tx)
        return hh_error_set(err, HH_EINVAL, NULL, "purge_deleted inside a transaction");
    if (age_seconds < 0 || batch <= 0)
        return hh_error_set(err, HH_EINVAL, NULL, "age must be >= 0 and batch size > 0");
    hh_store_time_format((int64_t)time(NULL) - age_seconds, cutoff);
    if ((rc = w_begin(st, NOFENCE, &own, err)) != 0)
        return rc;
    rc = q_exec(st, "DELETE FROM service WHERE deleted_at IS NOT NULL AND deleted_at <= ?", NULL,
                err, "n", cutoff);
    if ((rc = w_end(st, own, rc, err)) != 0)
        return rc;
    for (;;) {
        if ((rc = w_begin(st, NOFENCE, &own, err)) != 0)
            break;
        rc = q_rows(st,
                    "SELECT id, raw_template_id, prev_raw_template_id FROM stack"
                    " WHERE deleted_at IS NOT NULL AND deleted_at <= ?"
                    " AND (? IS NULL OR tenant = ?) ORDER BY deleted_at LIMIT ?",
                    &rows, err, "nnni", cutoff, project, project, (int64_t)batch);
        json_array_foreach(rows, i, row)
        {
            if (rc != 0)
                break;
            /* Events, resources (and their data) and snapshots go by cascade. */
            rc = q_exec(st, "DELETE FROM stack WHERE id = ?", NULL, err, "n",
                        json_string_value(json_object_get(row, "id")));
            for (int k = 0; rc == 0 && k < 2; k++) {
                json_t *t =
                    json_object_get(row, k == 0 ? "raw_template_id" : "prev_raw_template_id");
                if (!json_is_integer(t))
                    continue;
                rc = q_exec(st,
                            "DELETE FROM raw_template WHERE id = ? AND NOT EXISTS (SELECT 1 FROM"
                            " stack WHERE raw_template_id = ? OR prev_raw_template_id = ?)",
                            NULL, err, "iii", json_integer_value(t), json_integer_value(t),
                            json_integer_value(t));
            }
        }
        i = json_array_size(rows);
        json_decref(rows);
        rows = NULL;
        if ((rc = w_end(st, own, rc, err)) != 0)
            break;
        total += (int64_t)i;
        if (i < (size_t)batch)
            break;
    }
    if (stacks != NULL)
        *stacks = total;
    return rc;
}

int hh_store_reset_stack_status(hh_store *st, const char *stack_id, hh_error *err)
{
    static const char reason[] = "Stack status manually reset";
    json_t *queue = NULL, *row = NULL, *kids = NULL, *kid;
    char now[HH_STORE_TIME_LEN];
    bool own;
    size_t i;
    int rc;

    now_text(now);
    if ((rc = w_begin(st, NOFENCE, &own, err)) != 0)
        return rc;
    if ((rc = q_one(st, "SELECT id FROM stack WHERE id = ?", "", &row, err, "n", stack_id)) != 0) {
        hh_error_set(err, rc, "NotFound", "Stack with id %s not found", stack_id);
        goto done;
    }
    queue = json_array();
    if (queue == NULL || json_array_append(queue, json_object_get(row, "id")) != 0) {
        rc = ENOMEM;
        goto done;
    }
    /* Breadth first through nested stacks. */
    for (i = 0; rc == 0 && i < json_array_size(queue); i++) {
        const char *id = json_string_value(json_array_get(queue, i));
        size_t k;

        rc = q_exec(st,
                    "UPDATE resource SET status = 'FAILED', status_reason = ?, engine_id = NULL,"
                    " updated_at = ? WHERE stack_id = ? AND status = 'IN_PROGRESS'",
                    NULL, err, "tnn", reason, now, id);
        if (rc == 0)
            rc = q_exec(st,
                        "DELETE FROM resource_data WHERE \"key\" IN ('pre-create', 'pre-update',"
                        " 'pre-delete', 'post-create', 'post-update', 'post-delete')"
                        " AND resource_id IN (SELECT id FROM resource WHERE stack_id = ?)",
                        NULL, err, "n", id);
        if (rc == 0)
            rc = q_exec(st,
                        "UPDATE stack SET status = 'FAILED', status_reason = ?, updated_at = ?"
                        " WHERE id = ? AND status = 'IN_PROGRESS'",
                        NULL, err, "tnn", reason, now, id);
        if (rc == 0)
            rc = q_rows(st, "SELECT id FROM stack WHERE owner_id = ?", &kids, err, "n", id);
        json_array_foreach(kids, k, kid)
        {
            if (json_array_append(queue, json_object_get(kid, "id")) != 0)
                rc = ENOMEM;
        }
        json_decref(kids);
        kids = NULL;
    }
done:
    json_decref(row);
    json_decref(queue);
    return w_end(st, own, rc, err);
}
