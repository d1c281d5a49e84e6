/* store_mysql: the MySQL / MariaDB / Galera driver of the store (libmariadb).
 *
 * URL: SQLAlchemy's form,
 *   mysql://USER[:PASSWORD]@HOST[:PORT]/DB[?PARAMS]
 *   mysql+pymysql://..., mysql+mysqldb://...   (the same)
 * USER and PASSWORD may be percent-encoded; HOST may be [v6 address]. PARAMS:
 *   charset=utf8|utf8mb4      the client character set; both give utf8mb4 (a
 *                             4-byte character never fails a write)
 *   unix_socket=PATH          connect through a Unix socket (HOST ignored)
 *   max_retries=N             connect attempts at open after the first
 *                             (-1: for ever); [database] max_retries
 *   retry_interval=S          seconds between them; [database] retry_interval
 *   db_max_retries=N          re-runs of one transaction (below)
 *   db_retry_interval=S       seconds before the first re-run ...
 *   db_inc_retry_interval=B   ... doubled at each further one (true) ...
 *   db_max_retry_interval=S   ... up to this
 *   sql_mode=MODE             the session's sql_mode; ANSI_QUOTES is always
 *                             added (the store's SQL quotes names with ")
 *   max_pool_size=N           idle connections kept per URL (0: none kept)
 *   connection_recycle_time=S a connection older than this is not reused
 * Seconds may have a fraction ("0.01"). hh_store_conf_url writes these from
 * heat.conf's [database] keys; other parameters are ignored.
 *
 * Session: sql_mode as above, autocommit, REPEATABLE READ (the server's
 * default), utf8mb4 with binary collation in the tables (text compares as
 * on SQLite), CLIENT_FOUND_ROWS (an UPDATE that matches a row counts it
 * even when it changes nothing, as SQLite's changes()). On a Galera node
 * (wsrep_on) the session sets wsrep_sync_wait = 1: every read waits until
 * the node has applied every write the cluster committed before it, so a
 * read sees the latest write wherever it was made; elsewhere nothing is set.
 *
 * Statements are server-side prepared statements only (mysql_stmt_*),
 * prepared once per connection and cached by the address of their (static)
 * SQL text. Results are stored client-side at execute.
 *
 * Whole-transaction retry. A write transaction (begin .. commit) is
 * journaled: every statement it ran, in order, with its parameters, and
 * what it gave the caller (rows changed, the insert id, and a digest of
 * every row the caller stepped through and whether it reached the end).
 * When the server aborts the transaction (1213 deadlock or Galera
 * certification conflict, also at COMMIT; 1205 lock wait timeout) or the
 * connection is lost (2006, 2013), the driver rolls back, waits (bounded
 * backoff, db_retry_interval ..), reconnects if needed and runs the
 * journal again from BEGIN: every statement with the same parameters, each
 * checked to give what it gave the first time; then the statement that
 * failed (or the COMMIT) goes on; but when the connection was lost at
 * COMMIT and a row the transaction inserted is there, the commit landed
 * and nothing is re-run (commit_landed). When every statement agrees, the caller
 * sees no difference: its decisions, taken on what it read, hold in the
 * re-run transaction, whose effects appear once. When one differs
 * (another writer changed what the transaction read), the transaction
 * fails with EBUSY and leaves nothing. After db_max_retries re-runs the
 * error is returned: EBUSY (deadlock, lock wait), EIO (connection). A
 * statement outside a transaction (a read) is re-run alone in the same
 * way. Schema statements (exec) commit implicitly on MySQL and are not
 * re-run.
 *
 * Pool: close returns a healthy connection (no transaction open) to a
 * process-wide idle list of its URL (at most max_pool_size, each reused
 * until connection_recycle_time); open takes one from there, checked
 * with a ping, before it connects anew.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <mysql.h>

#include "store_driver.h"

#define MY_CACHE 96
#define MY_CONNECT_TIMEOUT 10 /* seconds */
#define MY_TEXT_INIT 256      /* initial result buffer of a text column */

/* Settings of one URL. */
typedef struct my_cfg {
    char *host, *user, *password, *db, *socket;
    unsigned int port;
    int max_retries;
    double retry_interval;
    int db_max_retries;
    double db_retry_interval;
    bool db_inc_retry_interval;
    double db_max_retry_interval;
    char *sql_mode;
    int max_pool_size;
    double recycle_time;
} my_cfg;

/* A bound parameter, kept so a statement can be re-run. */
typedef struct my_param {
    enum { MP_NULL, MP_INT, MP_TEXT } type;
    int64_t i;
    char *text; /* owned */
} my_param;

/* One statement of the open transaction, as the caller saw it. */
typedef struct my_entry {
    const char *sql; /* static, or owned when own_sql */
    bool own_sql;
    int nparams;
    my_param *params;      /* owned copies */
    int64_t rows;          /* rows stepped */
    bool ended;            /* a step reported the end */
    uint64_t digest;       /* of the rows stepped */
    int64_t affected;      /* rows changed (a write) */
    unsigned long long id; /* insert id */
} my_entry;

struct hh_store_stmt {
    struct hh_store_conn *conn;
    MYSQL_STMT *ms; /* NULL: to be prepared again (reconnected) */
    const char *sql;
    bool cached, in_use, executed;
    int nparams;
    my_param *params;
    MYSQL_BIND *pbind;
    int ncols;
    char **names;      /* column names (owned) */
    bool *isint;       /* integer column */
    MYSQL_BIND *rbind; /* result buffers */
    int64_t *ints;
    char **texts;
    unsigned long *caps, *lens;
    my_bool *nulls, *errs;
    int jidx; /* journal entry of the current execution; -1: none */
};

struct hh_store_conn {
    MYSQL *db;
    my_cfg cfg;
    char *url; /* pool key (owned) */
    time_t born;
    bool galera;
    bool in_tx;
    bool tx_ddl;     /* a schema statement ran in the transaction: not re-run */
    bool tx_dead;    /* a re-run failed: the transaction is lost */
    int tx_attempts; /* re-runs of the open transaction */
    bool in_rerun;   /* tx_rerun is running: it handles errors itself */
    struct hh_store_stmt cache[MY_CACHE];
    int n_cache;
    my_entry *journal;
    int n_journal, cap_journal;
    int64_t affected;
    unsigned long long last_id;
    int64_t retries;  /* transaction re-runs, for tests and logs */
    char emsg[512];   /* the last error's text (stmt_setup, stmt_run) */
    unsigned int eno; /* and its number */
};

/* ---- errors ---- */

static bool my_lost(unsigned int e)
{
    return e == 2006 || e == 2013 || e == 2055 || e == 1927 || e == 4031;
}

/* Errors after which the transaction is re-run whole. */
static bool my_retryable(unsigned int e)
{
    return e == 1213 || e == 1205 || my_lost(e);
}

static int my_rc_of(unsigned int e)
{
    switch (e) {
    case 1062: /* duplicate entry */
    case 1586:
        return HH_EEXISTS;
    case 1451: /* a row refers to it */
    case 1452: /* no parent row */
    case 1216:
    case 1217:
        return HH_ENOTFOUND;
    case 1213:
    case 1205:
        return EBUSY;
    case 1044: /* access denied */
    case 1045:
    case 1049: /* unknown database */
    case 2002: /* cannot connect */
    case 2003:
    case 2005:
        return HH_ECONFIG;
    case 2008:
        return ENOMEM;
    case 1406: /* too long (a bug: text is fitted) */
    case 1048: /* NOT NULL */
    case 1364:
        return HH_EINVAL;
    default:
        return EIO;
    }
}

static int my_err(unsigned int e, const char *msg, const char *what, hh_error *err)
{
    return hh_error_set(err, my_rc_of(e), NULL, "mysql: %s: %s (%u)", what, msg, e);
}

static int my_conn_err(hh_store_conn *c, const char *what, hh_error *err)
{
    return my_err(mysql_errno(c->db), mysql_error(c->db), what, err);
}

/* ---- URL ---- */

static void cfg_free(my_cfg *cfg)
{
    free(cfg->host);
    free(cfg->user);
    free(cfg->password);
    free(cfg->db);
    free(cfg->socket);
    free(cfg->sql_mode);
    memset(cfg, 0, sizeof(*cfg));
}

/* Percent-decode s[0..len) into a new string. */
static char *pct_decode(const char *s, size_t len)
{
    char *out = malloc(len + 1), *o = out;

    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
            isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = {s[i + 1], s[i + 2], '\0'};
            *o++ = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static bool parse_bool(const char *v, size_t n)
{
    return (n == 4 && strncasecmp(v, "true", 4) == 0) ||
           (n == 3 && strncasecmp(v, "yes", 3) == 0) ||
           (n == 1 && (v[0] == '1' || v[0] == 'y' || v[0] == 'Y'));
}

/* A number parameter: *out unchanged unless v is one. */
static int parse_num(const char *name, const char *v, size_t n, double lo, double *out,
                     hh_error *err)
{
    char buf[64], *end;
    double d;

    if (n == 0 || n >= sizeof(buf))
        goto bad;
    memcpy(buf, v, n);
    buf[n] = '\0';
    d = strtod(buf, &end);
    if (*end != '\0' || !isfinite(d) || d < lo)
        goto bad;
    *out = d;
    return 0;
bad:
    return hh_error_set(err, HH_ECONFIG, NULL, "mysql URL: %s must be a number >= %g (got %.*s)",
                        name, lo, (int)n, v);
}

static int cfg_param(my_cfg *cfg, const char *p, size_t len, hh_error *err)
{
    const char *eq = memchr(p, '=', len), *v;
    size_t klen, vlen;
    double d;
    int rc = 0;

    if (eq == NULL)
        return 0;
    klen = (size_t)(eq - p);
    v = eq + 1;
    vlen = len - klen - 1;
#define KEY(name) (klen == sizeof(name) - 1 && strncmp(p, name, klen) == 0)
    if (KEY("unix_socket")) {
        free(cfg->socket);
        if ((cfg->socket = pct_decode(v, vlen)) == NULL)
            return ENOMEM;
    } else if (KEY("sql_mode")) {
        free(cfg->sql_mode);
        if ((cfg->sql_mode = pct_decode(v, vlen)) == NULL)
            return ENOMEM;
    } else if (KEY("charset")) {
        if (!(vlen == 4 && strncasecmp(v, "utf8", 4) == 0) &&
            !(vlen == 7 && strncasecmp(v, "utf8mb4", 7) == 0) &&
            !(vlen == 7 && strncasecmp(v, "utf8mb3", 7) == 0))
            return hh_error_set(err, HH_ECONFIG, NULL, "mysql URL: charset must be utf8 (got %.*s)",
                                (int)vlen, v);
    } else if (KEY("db_inc_retry_interval")) {
        cfg->db_inc_retry_interval = parse_bool(v, vlen);
    } else if (KEY("max_retries")) {
        if ((rc = parse_num("max_retries", v, vlen, -1, &d, err)) == 0)
            cfg->max_retries = (int)d;
    } else if (KEY("db_max_retries")) {
        if ((rc = parse_num("db_max_retries", v, vlen, 0, &d, err)) == 0)
            cfg->db_max_retries = (int)d;
    } else if (KEY("max_pool_size")) {
        if ((rc = parse_num("max_pool_size", v, vlen, 0, &d, err)) == 0)
            cfg->max_pool_size = (int)d;
    } else if (KEY("retry_interval")) {
        rc = parse_num("retry_interval", v, vlen, 0, &cfg->retry_interval, err);
    } else if (KEY("db_retry_interval")) {
        rc = parse_num("db_retry_interval", v, vlen, 0, &cfg->db_retry_interval, err);
    } else if (KEY("db_max_retry_interval")) {
        rc = parse_num("db_max_retry_interval", v, vlen, 0, &cfg->db_max_retry_interval, err);
    } else if (KEY("connection_recycle_time")) {
        rc = parse_num("connection_recycle_time", v, vlen, 0, &cfg->recycle_time, err);
    }
#undef KEY
    return rc;
}

static int cfg_parse(const char *url, my_cfg *cfg, hh_error *err)
{
    const char *rest, *at, *hostp, *slash, *q, *colon;
    size_t hlen;
    int rc = ENOMEM;

    memset(cfg, 0, sizeof(*cfg));
    cfg->max_retries = 10;
    cfg->retry_interval = 10;
    cfg->db_max_retries = 20;
    cfg->db_retry_interval = 1;
    cfg->db_inc_retry_interval = true;
    cfg->db_max_retry_interval = 10;
    cfg->max_pool_size = 5;
    cfg->recycle_time = 3600;
    rest = strstr(url, "://");
    if (rest == NULL || strncmp(url, "mysql", 5) != 0)
        return hh_error_set(err, HH_ECONFIG, NULL, "not a mysql URL");
    rest += 3;
    q = strchr(rest, '?');
    slash = strchr(rest, '/');
    if (slash == NULL || (q != NULL && slash > q)) {
        rc = hh_error_set(err, HH_ECONFIG, NULL,
                          "mysql URL needs a database: mysql+pymysql://USER:PASSWORD@HOST/DB");
        goto fail;
    }
    at = memrchr(rest, '@', (size_t)(slash - rest));
    if (at != NULL) {
        const char *pc = memchr(rest, ':', (size_t)(at - rest));
        const char *uend = pc != NULL ? pc : at;

        if ((cfg->user = pct_decode(rest, (size_t)(uend - rest))) == NULL)
            goto fail;
        if (pc != NULL && (cfg->password = pct_decode(pc + 1, (size_t)(at - pc - 1))) == NULL)
            goto fail;
        hostp = at + 1;
    } else {
        hostp = rest;
    }
    hlen = (size_t)(slash - hostp);
    if (hlen > 0 && hostp[0] == '[') {
        const char *close = memchr(hostp, ']', hlen);
        if (close == NULL) {
            rc = hh_error_set(err, HH_ECONFIG, NULL, "mysql URL: unclosed [ in host");
            goto fail;
        }
        cfg->host = strndup(hostp + 1, (size_t)(close - hostp - 1));
        colon = close + 1 < slash && close[1] == ':' ? close + 1 : NULL;
    } else {
        colon = memchr(hostp, ':', hlen);
        cfg->host = strndup(hostp, colon != NULL ? (size_t)(colon - hostp) : hlen);
    }
    if (cfg->host == NULL)
        goto fail;
    if (colon != NULL) {
        char *end;
        long port = strtol(colon + 1, &end, 10);
        if (end != slash || port <= 0 || port > 65535) {
            rc = hh_error_set(err, HH_ECONFIG, NULL, "mysql URL: bad port");
            goto fail;
        }
        cfg->port = (unsigned int)port;
    }
    slash++;
    if ((cfg->db = pct_decode(slash, strcspn(slash, "?"))) == NULL)
        goto fail;
    for (const char *p = q; p != NULL;) {
        size_t len;
        p++;
        len = strcspn(p, "&");
        if ((rc = cfg_param(cfg, p, len, err)) != 0)
            goto fail;
        p = strchr(p, '&');
    }
    if (cfg->host[0] == '\0' && cfg->socket == NULL) {
        free(cfg->host);
        if ((cfg->host = strdup("localhost")) == NULL)
            goto fail;
    }
    return 0;
fail:
    if (rc == ENOMEM)
        hh_error_set(err, ENOMEM, NULL, "out of memory");
    cfg_free(cfg);
    return rc;
}

/* ---- time ---- */

static void sleep_secs(double s)
{
    struct timespec ts;

    if (s <= 0)
        return;
    ts.tv_sec = (time_t)s;
    ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* The wait before re-run attempt (1-based). */
static double backoff(const my_cfg *cfg, int attempt)
{
    double s = cfg->db_retry_interval;

    for (int i = 1; cfg->db_inc_retry_interval && i < attempt && s < cfg->db_max_retry_interval;
         i++)
        s *= 2;
    return s < cfg->db_max_retry_interval ? s : cfg->db_max_retry_interval;
}

/* ---- statements ---- */

static void param_clear(my_param *p)
{
    free(p->text);
    p->text = NULL;
    p->type = MP_NULL;
}

static void stmt_results_free(hh_store_stmt *s)
{
    for (int i = 0; i < s->ncols; i++) {
        free(s->names != NULL ? s->names[i] : NULL);
        free(s->texts != NULL ? s->texts[i] : NULL);
    }
    free(s->names);
    free(s->texts);
    free(s->isint);
    free(s->rbind);
    free(s->ints);
    free(s->caps);
    free(s->lens);
    free(s->nulls);
    free(s->errs);
    s->names = s->texts = NULL;
    s->isint = NULL;
    s->rbind = NULL;
    s->ints = NULL;
    s->caps = s->lens = NULL;
    s->nulls = s->errs = NULL;
    s->ncols = 0;
}

/* Release everything of s but the struct and its cache identity. */
static void stmt_release(hh_store_stmt *s)
{
    if (s->ms != NULL)
        mysql_stmt_close(s->ms);
    s->ms = NULL;
    for (int i = 0; i < s->nparams; i++)
        param_clear(&s->params[i]);
    free(s->params);
    free(s->pbind);
    s->params = NULL;
    s->pbind = NULL;
    s->nparams = 0;
    stmt_results_free(s);
}

static bool is_int_type(enum enum_field_types t)
{
    return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT || t == MYSQL_TYPE_LONG ||
           t == MYSQL_TYPE_LONGLONG || t == MYSQL_TYPE_INT24 || t == MYSQL_TYPE_YEAR;
}

#define MY_ENOMEM 2008 /* CR_OUT_OF_MEMORY */

/* Prepare s->sql on the connection and set up its buffers: 0, or the
 * server's error number (its text in conn->emsg). */
static unsigned int stmt_setup(hh_store_stmt *s)
{
    hh_store_conn *c = s->conn;
    MYSQL_RES *meta = NULL;
    my_bool yes = 1;
    unsigned int rc = MY_ENOMEM;
    int n;

    snprintf(c->emsg, sizeof(c->emsg), "out of memory");
    if (c->db == NULL) {
        snprintf(c->emsg, sizeof(c->emsg), "not connected");
        return 2006;
    }
    s->ms = mysql_stmt_init(c->db);
    if (s->ms == NULL)
        return MY_ENOMEM;
    if (mysql_stmt_prepare(s->ms, s->sql, (unsigned long)strlen(s->sql)) != 0) {
        rc = c->eno = mysql_stmt_errno(s->ms);
        snprintf(c->emsg, sizeof(c->emsg), "%s", mysql_stmt_error(s->ms));
        goto fail;
    }
    mysql_stmt_attr_set(s->ms, STMT_ATTR_UPDATE_MAX_LENGTH, &yes);
    n = (int)mysql_stmt_param_count(s->ms);
    if (n > 0 && s->params == NULL) {
        s->params = calloc((size_t)n, sizeof(*s->params));
        s->pbind = calloc((size_t)n, sizeof(*s->pbind));
        if (s->params == NULL || s->pbind == NULL)
            goto fail;
        s->nparams = n;
    }
    meta = mysql_stmt_result_metadata(s->ms);
    if (meta != NULL && s->names == NULL) {
        MYSQL_FIELD *f = mysql_fetch_fields(meta);
        size_t m;

        n = (int)mysql_num_fields(meta);
        m = (size_t)n;
        s->ncols = n;
        if ((s->names = calloc(m, sizeof(char *))) == NULL ||
            (s->texts = calloc(m, sizeof(char *))) == NULL ||
            (s->isint = calloc(m, sizeof(bool))) == NULL ||
            (s->rbind = calloc(m, sizeof(MYSQL_BIND))) == NULL ||
            (s->ints = calloc(m, sizeof(int64_t))) == NULL ||
            (s->caps = calloc(m, sizeof(unsigned long))) == NULL ||
            (s->lens = calloc(m, sizeof(unsigned long))) == NULL ||
            (s->nulls = calloc(m, sizeof(my_bool))) == NULL ||
            (s->errs = calloc(m, sizeof(my_bool))) == NULL)
            goto fail;
        for (int i = 0; i < n; i++) {
            MYSQL_BIND *b = &s->rbind[i];

            if ((s->names[i] = strdup(f[i].name)) == NULL)
                goto fail;
            s->isint[i] = is_int_type(f[i].type);
            b->is_null = &s->nulls[i];
            b->error = &s->errs[i];
            b->length = &s->lens[i];
            if (s->isint[i]) {
                b->buffer_type = MYSQL_TYPE_LONGLONG;
                b->buffer = &s->ints[i];
                b->buffer_length = sizeof(int64_t);
            } else {
                if ((s->texts[i] = malloc(MY_TEXT_INIT)) == NULL)
                    goto fail;
                s->caps[i] = MY_TEXT_INIT;
                b->buffer_type = MYSQL_TYPE_STRING;
                b->buffer = s->texts[i];
                b->buffer_length = MY_TEXT_INIT - 1;
            }
        }
    }
    if (meta != NULL)
        mysql_free_result(meta);
    return 0;
fail:
    if (meta != NULL)
        mysql_free_result(meta);
    if (s->ms != NULL)
        mysql_stmt_close(s->ms);
    s->ms = NULL;
    return rc;
}

static int tx_rerun(hh_store_conn *c, unsigned int e, const char *emsg, int upto, bool at_commit,
                    hh_error *err);
static int reconnect(hh_store_conn *c, hh_error *err);

/* stmt_setup, through a lost connection: outside a transaction connect
 * again (bounded backoff), inside one re-run it on a new connection. */
static int setup_retry(hh_store_stmt *s, hh_error *err)
{
    hh_store_conn *c = s->conn;
    unsigned int e;
    int rc;

    for (int attempt = 1;; attempt++) {
        if ((e = stmt_setup(s)) == 0)
            return 0;
        if (!my_lost(e) || c->in_rerun || (c->in_tx && (c->tx_ddl || c->tx_dead)) ||
            (!c->in_tx && attempt > c->cfg.db_max_retries))
            return my_err(e, c->emsg, "prepare", err);
        if (c->in_tx) {
            if ((rc = tx_rerun(c, e, c->emsg, c->n_journal, false, err)) != 0)
                return rc;
            continue;
        }
        sleep_secs(backoff(&c->cfg, attempt));
        c->retries++;
        reconnect(c, NULL);
    }
}

static int my_prepare(hh_store_conn *c, const char *sql, bool cache, hh_store_stmt **out,
                      hh_error *err)
{
    hh_store_stmt *s = NULL;
    int rc;

    *out = NULL;
    for (int i = 0; cache && i < c->n_cache; i++) {
        if (c->cache[i].sql == sql && !c->cache[i].in_use) {
            s = &c->cache[i];
            if (s->ms == NULL && (rc = setup_retry(s, err)) != 0)
                return rc;
            s->in_use = true;
            s->executed = false;
            s->jidx = -1;
            *out = s;
            return 0;
        }
    }
    if (cache && c->n_cache < MY_CACHE) {
        s = &c->cache[c->n_cache];
        memset(s, 0, sizeof(*s));
        s->conn = c;
        s->sql = sql;
        s->cached = true;
        if ((rc = setup_retry(s, err)) != 0) {
            stmt_release(s);
            return rc;
        }
        c->n_cache++;
    } else {
        s = calloc(1, sizeof(*s));
        if (s == NULL)
            return ENOMEM;
        s->conn = c;
        if ((s->sql = strdup(sql)) == NULL) {
            free(s);
            return ENOMEM;
        }
        if ((rc = setup_retry(s, err)) != 0) {
            stmt_release(s);
            free((char *)s->sql);
            free(s);
            return rc;
        }
    }
    s->in_use = true;
    s->executed = false;
    s->jidx = -1;
    *out = s;
    return 0;
}

static int my_bind_int(hh_store_stmt *s, int idx, int64_t value)
{
    my_param *p;

    if (idx < 1 || idx > s->nparams)
        return HH_EINVAL;
    p = &s->params[idx - 1];
    param_clear(p);
    p->type = MP_INT;
    p->i = value;
    return 0;
}

static int my_bind_text(hh_store_stmt *s, int idx, const char *value)
{
    my_param *p;

    if (idx < 1 || idx > s->nparams)
        return HH_EINVAL;
    p = &s->params[idx - 1];
    param_clear(p);
    if (value == NULL)
        return 0;
    if ((p->text = strdup(value)) == NULL)
        return ENOMEM;
    p->type = MP_TEXT;
    return 0;
}

/* Point the statement's parameter binds at params (n of them). */
static void bind_params(hh_store_stmt *s, my_param *params)
{
    for (int i = 0; i < s->nparams; i++) {
        MYSQL_BIND *b = &s->pbind[i];

        memset(b, 0, sizeof(*b));
        switch (params[i].type) {
        case MP_NULL:
            b->buffer_type = MYSQL_TYPE_NULL;
            break;
        case MP_INT:
            b->buffer_type = MYSQL_TYPE_LONGLONG;
            b->buffer = &params[i].i;
            break;
        case MP_TEXT:
            b->buffer_type = MYSQL_TYPE_STRING;
            b->buffer = params[i].text;
            b->buffer_length = (unsigned long)strlen(params[i].text);
            break;
        }
    }
}

/* Execute s with params; the server's error number on failure (0: ok),
 * *msg its text. */
static unsigned int stmt_run(hh_store_stmt *s, my_param *params, const char **msg)
{
    hh_store_conn *c = s->conn;

    unsigned int e;

    *msg = c->emsg;
    if (s->ms == NULL && (e = stmt_setup(s)) != 0)
        return e;
    mysql_stmt_free_result(s->ms);
    bind_params(s, params);
    if ((s->nparams > 0 && mysql_stmt_bind_param(s->ms, s->pbind) != 0) ||
        mysql_stmt_execute(s->ms) != 0 ||
        (s->ncols > 0 &&
         (mysql_stmt_bind_result(s->ms, s->rbind) != 0 || mysql_stmt_store_result(s->ms) != 0))) {
        snprintf(c->emsg, sizeof(c->emsg), "%s", mysql_stmt_error(s->ms));
        return mysql_stmt_errno(s->ms);
    }
    if (s->ncols == 0) { /* a write */
        c->affected = (int64_t)mysql_stmt_affected_rows(s->ms);
        c->last_id = mysql_stmt_insert_id(s->ms);
    }
    return 0;
}

/* Fetch the next row: 1 a row, 0 the end, else -errno-style: *e the
 * server's error number. */
static int stmt_fetch(hh_store_stmt *s, unsigned int *e)
{
    int r = mysql_stmt_fetch(s->ms);

    *e = 0;
    if (r == MYSQL_NO_DATA)
        return 0;
    if (r == MYSQL_DATA_TRUNCATED) {
        bool rebind = false;

        for (int i = 0; i < s->ncols; i++) {
            MYSQL_BIND *b = &s->rbind[i];

            if (!s->errs[i] || s->isint[i])
                continue;
            if (s->lens[i] + 1 > s->caps[i]) {
                char *t = realloc(s->texts[i], s->lens[i] + 1);
                if (t == NULL) {
                    *e = 2008;
                    return -1;
                }
                s->texts[i] = t;
                s->caps[i] = s->lens[i] + 1;
                b->buffer = t;
                b->buffer_length = s->caps[i] - 1;
                rebind = true;
            }
            if (mysql_stmt_fetch_column(s->ms, b, (unsigned int)i, 0) != 0) {
                *e = mysql_stmt_errno(s->ms);
                return -1;
            }
        }
        if (rebind && mysql_stmt_bind_result(s->ms, s->rbind) != 0) {
            *e = mysql_stmt_errno(s->ms);
            return -1;
        }
        r = 0;
    }
    if (r != 0) {
        *e = mysql_stmt_errno(s->ms);
        return -1;
    }
    for (int i = 0; i < s->ncols; i++)
        if (!s->isint[i] && !s->nulls[i])
            s->texts[i][s->lens[i] < s->caps[i] ? s->lens[i] : s->caps[i] - 1] = '\0';
    return 1;
}

/* FNV-1a over the current row. */
static uint64_t row_digest(hh_store_stmt *s, uint64_t h)
{
    for (int i = 0; i < s->ncols; i++) {
        const unsigned char *p;
        size_t n;
        unsigned char tag = s->nulls[i] ? 0 : s->isint[i] ? 1 : 2;

        h = (h ^ tag) * 1099511628211ULL;
        if (s->nulls[i])
            continue;
        if (s->isint[i]) {
            p = (const unsigned char *)&s->ints[i];
            n = sizeof(int64_t);
        } else {
            p = (const unsigned char *)s->texts[i];
            n = s->lens[i];
        }
        for (size_t k = 0; k < n; k++)
            h = (h ^ p[k]) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
    }
    return h;
}

#define DIGEST_INIT 14695981039346656037ULL

/* ---- connection ---- */

static unsigned int run_simple(hh_store_conn *c, const char *sql, my_param *param,
                               const char **msg);

static int session_setup(hh_store_conn *c, hh_error *err)
{
    char mode[512];
    my_param p = {.type = MP_TEXT, .text = mode};
    hh_store_stmt t;
    const char *msg;
    unsigned int e;

    snprintf(mode, sizeof(mode), "%s%sANSI_QUOTES",
             c->cfg.sql_mode != NULL ? c->cfg.sql_mode : "TRADITIONAL",
             c->cfg.sql_mode != NULL && c->cfg.sql_mode[0] == '\0' ? "" : ",");
    if ((e = run_simple(c, "SET SESSION sql_mode = ?", &p, &msg)) != 0)
        return my_err(e, msg, "set sql_mode", err);
    /* Galera? (MySQL has no such variable: no row) */
    memset(&t, 0, sizeof(t));
    t.conn = c;
    t.sql = "SHOW VARIABLES LIKE 'wsrep_on'";
    c->galera = false;
    if ((e = stmt_setup(&t)) == 0 && (e = stmt_run(&t, NULL, &msg)) == 0)
        while (stmt_fetch(&t, &e) == 1)
            if (t.ncols >= 2 && !t.nulls[1] && strcasecmp(t.texts[1], "ON") == 0)
                c->galera = true;
    stmt_release(&t);
    if (e != 0)
        return my_err(e, c->emsg, "wsrep_on", err);
    if (c->galera && (e = run_simple(c, "SET SESSION wsrep_sync_wait = 1", NULL, &msg)) != 0)
        return my_err(e, msg, "wsrep_sync_wait", err);
    return 0;
}

/* Connect c->db (closed) once: 0, or the server's error number. */
static unsigned int connect_once(hh_store_conn *c, hh_error *err)
{
    unsigned int timeout = MY_CONNECT_TIMEOUT, e;
    my_bool no = 0;

    c->db = mysql_init(NULL);
    if (c->db == NULL) {
        hh_error_set(err, ENOMEM, NULL, "mysql: out of memory");
        return MY_ENOMEM;
    }
    mysql_options(c->db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(c->db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    mysql_options(c->db, MYSQL_OPT_RECONNECT, &no);
    if (mysql_real_connect(c->db, c->cfg.socket != NULL ? NULL : c->cfg.host, c->cfg.user,
                           c->cfg.password, c->cfg.db, c->cfg.port, c->cfg.socket,
                           CLIENT_FOUND_ROWS) == NULL) {
        e = mysql_errno(c->db);
        my_err(e, mysql_error(c->db), "connect", err);
        hh_error_prefix(err, "%s: ", c->cfg.socket != NULL ? c->cfg.socket : c->cfg.host);
        return e;
    }
    c->born = time(NULL);
    if (session_setup(c, err) != 0)
        return mysql_errno(c->db) != 0 ? mysql_errno(c->db) : 2006;
    return 0;
}

/* Errors of a connect that a later attempt may not meet: the server is not
 * (yet) there, is busy or is not ready (a Galera node joining). */
static bool connect_transient(unsigned int e)
{
    return e == 2002 || e == 2003 || e == 1040 || e == 1047 || e == 1053 || my_lost(e);
}

/* Connect, retrying max_retries times (-1: for ever) retry_interval apart. */
static int connect_retry(hh_store_conn *c, int max_retries, hh_error *err)
{
    unsigned int e;

    for (int attempt = 0;; attempt++) {
        if ((e = connect_once(c, err)) == 0)
            return 0;
        if (c->db != NULL) {
            mysql_close(c->db);
            c->db = NULL;
        }
        if (!connect_transient(e) || (max_retries >= 0 && attempt >= max_retries))
            return err != NULL && err->rc != 0 ? err->rc : my_rc_of(e);
        sleep_secs(c->cfg.retry_interval);
    }
}

/* Drop every prepared statement (the connection is gone) and connect
 * again. */
static int reconnect(hh_store_conn *c, hh_error *err)
{
    for (int i = 0; i < c->n_cache; i++) {
        if (c->cache[i].ms != NULL)
            mysql_stmt_close(c->cache[i].ms);
        c->cache[i].ms = NULL;
    }
    if (c->db != NULL)
        mysql_close(c->db);
    c->db = NULL;
    return connect_retry(c, 0, err);
}

/* ---- the pool ---- */

typedef struct pooled {
    hh_store_conn *c;
    struct pooled *next;
} pooled;

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pooled *pool;
static pthread_once_t lib_once = PTHREAD_ONCE_INIT;

static void lib_init(void)
{
    mysql_library_init(0, NULL, NULL);
}

static void conn_free(hh_store_conn *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->n_cache; i++)
        stmt_release(&c->cache[i]);
    for (int i = 0; i < c->n_journal; i++) {
        my_entry *j = &c->journal[i];
        for (int k = 0; k < j->nparams; k++)
            param_clear(&j->params[k]);
        free(j->params);
        if (j->own_sql)
            free((char *)j->sql);
    }
    free(c->journal);
    if (c->db != NULL)
        mysql_close(c->db);
    cfg_free(&c->cfg);
    free(c->url);
    free(c);
}

static bool conn_stale(const hh_store_conn *c)
{
    return difftime(time(NULL), c->born) >= c->cfg.recycle_time;
}

/* An idle connection of url from the pool, or NULL. */
static hh_store_conn *pool_take(const char *url)
{
    hh_store_conn *c = NULL;

    pthread_mutex_lock(&pool_lock);
    for (pooled **pp = &pool; *pp != NULL; pp = &(*pp)->next) {
        if (strcmp((*pp)->c->url, url) == 0) {
            pooled *p = *pp;
            *pp = p->next;
            c = p->c;
            free(p);
            break;
        }
    }
    pthread_mutex_unlock(&pool_lock);
    return c;
}

/* Keep c for the next open of its URL; false when the pool is full. */
static bool pool_put(hh_store_conn *c)
{
    pooled *p;
    int n = 0;

    if (c->cfg.max_pool_size <= 0 || c->db == NULL || conn_stale(c))
        return false;
    pthread_mutex_lock(&pool_lock);
    for (p = pool; p != NULL; p = p->next)
        if (strcmp(p->c->url, c->url) == 0)
            n++;
    p = n < c->cfg.max_pool_size ? malloc(sizeof(*p)) : NULL;
    if (p != NULL) {
        p->c = c;
        p->next = pool;
        pool = p;
    }
    pthread_mutex_unlock(&pool_lock);
    return p != NULL;
}

static void journal_clear(hh_store_conn *c);

static void my_close(hh_store_conn *c)
{
    if (c == NULL)
        return;
    if (c->in_tx && c->db != NULL)
        mysql_rollback(c->db);
    c->in_tx = false;
    journal_clear(c);
    for (int i = 0; i < c->n_cache; i++)
        if (c->cache[i].in_use)
            goto drop; /* a statement left open: do not reuse */
    if (pool_put(c))
        return;
drop:
    conn_free(c);
}

static int my_open(const char *url, hh_store_conn **out, hh_error *err)
{
    hh_store_conn *c;
    int rc;

    *out = NULL;
    pthread_once(&lib_once, lib_init);
    while ((c = pool_take(url)) != NULL) {
        if (!conn_stale(c) && mysql_ping(c->db) == 0) {
            *out = c;
            return 0;
        }
        conn_free(c);
    }
    if ((c = calloc(1, sizeof(*c))) == NULL || (c->url = strdup(url)) == NULL) {
        free(c);
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    }
    if ((rc = cfg_parse(url, &c->cfg, err)) != 0)
        goto fail;
    if ((rc = connect_retry(c, c->cfg.max_retries, err)) != 0)
        goto fail;
    *out = c;
    return 0;
fail:
    conn_free(c);
    return rc;
}

/* ---- the journal and re-runs ---- */

static void entry_free(my_entry *j)
{
    for (int k = 0; k < j->nparams; k++)
        param_clear(&j->params[k]);
    free(j->params);
    if (j->own_sql)
        free((char *)j->sql);
    memset(j, 0, sizeof(*j));
}

static void journal_clear(hh_store_conn *c)
{
    for (int i = 0; i < c->n_journal; i++)
        entry_free(&c->journal[i]);
    c->n_journal = 0;
    c->tx_ddl = false;
    c->tx_dead = false;
}

/* Record an execution of s in the journal: s->jidx. */
static int journal_add(hh_store_conn *c, hh_store_stmt *s)
{
    my_entry *j;

    if (c->n_journal == c->cap_journal) {
        int cap = c->cap_journal > 0 ? c->cap_journal * 2 : 16;
        my_entry *n = realloc(c->journal, (size_t)cap * sizeof(*n));
        if (n == NULL)
            return ENOMEM;
        c->journal = n;
        c->cap_journal = cap;
    }
    j = &c->journal[c->n_journal];
    memset(j, 0, sizeof(*j));
    if (s->cached) {
        j->sql = s->sql;
    } else {
        if ((j->sql = strdup(s->sql)) == NULL)
            return ENOMEM;
        j->own_sql = true;
    }
    if (s->nparams > 0 && (j->params = calloc((size_t)s->nparams, sizeof(my_param))) == NULL) {
        entry_free(j);
        return ENOMEM;
    }
    j->nparams = s->nparams;
    for (int k = 0; k < s->nparams; k++) {
        j->params[k].type = s->params[k].type;
        j->params[k].i = s->params[k].i;
        if (s->params[k].text != NULL && (j->params[k].text = strdup(s->params[k].text)) == NULL) {
            entry_free(j);
            return ENOMEM;
        }
    }
    j->digest = DIGEST_INIT;
    s->jidx = c->n_journal++;
    return 0;
}

static void my_finish(hh_store_stmt *s);

static const char sql_start[] = "START TRANSACTION";
static const char sql_write_lock[] = "SELECT term FROM fence_term WHERE id = 1 FOR UPDATE";

/* Start a transaction holding the write lock: 0, or the server's error
 * number (*msg its text). Before db_sync made fence_term there is no lock
 * to take. */
static unsigned int start_locked(hh_store_conn *c, const char **msg)
{
    hh_store_stmt *s = NULL;
    unsigned int e;
    int f;

    if ((e = run_simple(c, sql_start, NULL, msg)) != 0)
        return e;
    c->eno = 0;
    if (my_prepare(c, sql_write_lock, true, &s, NULL) != 0) {
        *msg = c->emsg;
        return c->eno == 1146 ? 0 : c->eno != 0 ? c->eno : 2006; /* 1146: no such table */
    }
    if ((e = stmt_run(s, s->params, msg)) == 0) {
        while ((f = stmt_fetch(s, &e)) == 1)
            ;
        if (f == 0)
            e = 0;
    }
    my_finish(s);
    return e;
}
static const char sql_insert_id[] = "SET insert_id = ?";

/* Run a statement of no parameters or rows through a temporary statement. */
static unsigned int run_simple(hh_store_conn *c, const char *sql, my_param *param, const char **msg)
{
    hh_store_stmt t;
    unsigned int r;

    memset(&t, 0, sizeof(t));
    t.conn = c;
    t.sql = sql;
    *msg = c->emsg;
    if ((r = stmt_setup(&t)) == 0)
        r = stmt_run(&t, param, msg);
    stmt_release(&t);
    return r;
}

/* Re-run journal entry j; 0 when it gave what it gave first, 1 when it
 * differs, else the server's error number (*msg its text). */
static unsigned int replay_entry(hh_store_conn *c, const my_entry *j, const char **msg)
{
    hh_store_stmt t;
    uint64_t h = DIGEST_INIT;
    unsigned int r = 0;
    int64_t n;
    int f = 1;

    *msg = c->emsg;
    if (j->id != 0) {
        my_param p = {.type = MP_INT, .i = (int64_t)j->id};
        if ((r = run_simple(c, sql_insert_id, &p, msg)) != 0)
            return r;
    }
    memset(&t, 0, sizeof(t));
    t.conn = c;
    t.sql = j->sql;
    *msg = c->emsg;
    if ((r = stmt_setup(&t)) != 0)
        goto done;
    if ((r = stmt_run(&t, j->params, msg)) != 0)
        goto done;
    if (t.ncols == 0 && (c->affected != j->affected || (j->id != 0 && c->last_id != j->id))) {
        r = 1;
        goto done;
    }
    for (n = 0; n < j->rows && (f = stmt_fetch(&t, &r)) == 1; n++)
        h = row_digest(&t, h);
    if (f < 0)
        goto done;
    if (n < j->rows || h != j->digest) {
        r = 1;
        goto done;
    }
    if (j->ended && (f = stmt_fetch(&t, &r)) != 0)
        r = f < 0 ? r : 1;
done:
    stmt_release(&t);
    return r;
}

/* After the connection was lost at COMMIT, holding the write lock again
 * (so a first COMMIT still running on this server has ended): did the
 * first run's commit land? It did when a row it inserted under an id the
 * server gave it is there, since the server never gives an id twice.
 * 1 landed, 0 not, -1 the journal cannot tell (no such insert: the
 * re-run's reads and changed-row counts tell), else -2 with the server's
 * error number in *e. */
static int commit_landed(hh_store_conn *c, unsigned int *e, const char **msg)
{
    static const char insert[] = "INSERT INTO ";
    char sql[160];
    hh_store_stmt t;
    my_param p = {.type = MP_INT};
    const my_entry *j = NULL;
    const char *table;
    size_t n;
    int f;

    for (int i = 0; i < c->n_journal && j == NULL; i++)
        if (c->journal[i].id != 0 && strncmp(c->journal[i].sql, insert, sizeof(insert) - 1) == 0 &&
            strstr(c->journal[i].sql, "ON DUPLICATE") == NULL)
            j = &c->journal[i];
    if (j == NULL)
        return -1;
    table = j->sql + sizeof(insert) - 1;
    n = strspn(table, "abcdefghijklmnopqrstuvwxyz_");
    if (n == 0 || n > 64)
        return -1;
    snprintf(sql, sizeof(sql), "SELECT 1 FROM %.*s WHERE id = ?", (int)n, table);
    p.i = (int64_t)j->id;
    memset(&t, 0, sizeof(t));
    t.conn = c;
    t.sql = sql;
    *msg = c->emsg;
    if ((*e = stmt_setup(&t)) == 0 && (*e = stmt_run(&t, &p, msg)) == 0)
        f = stmt_fetch(&t, e);
    else
        f = -1;
    stmt_release(&t);
    return f == 1 ? 1 : f == 0 ? 0 : -2;
}

/* The transaction was aborted by error e: roll back, wait, reconnect if
 * needed and run the journal again up to (not including) entry upto.
 * at_commit: e was the COMMIT's, which may have landed (commit_landed);
 * when it did, the new transaction is rolled back and 0 returned (the
 * caller's COMMIT then has nothing to do).
 * 0: the transaction is where it was; else an rc (err set), the
 * transaction lost. */
static int tx_rerun_run(hh_store_conn *c, unsigned int e, const char *emsg, int upto,
                        bool at_commit, hh_error *err)
{
    char first[256];
    const char *msg = emsg;
    unsigned int r = e;
    int rc;

    snprintf(first, sizeof(first), "%s", emsg);
    if (c->tx_ddl || c->tx_dead) {
        c->tx_dead = true;
        return my_err(e, first, "transaction", err);
    }
    while (c->tx_attempts < c->cfg.db_max_retries) {
        c->tx_attempts++;
        if (c->db != NULL && !my_lost(r))
            mysql_rollback(c->db);
        sleep_secs(backoff(&c->cfg, c->tx_attempts));
        c->retries++;
        if (my_lost(r) && reconnect(c, NULL) != 0) {
            r = 2006;
            continue;
        }
        if ((r = start_locked(c, &msg)) != 0) {
            if (my_retryable(r))
                continue;
            break;
        }
        if (at_commit) {
            int landed = commit_landed(c, &r, &msg);
            if (landed == 1) {
                mysql_rollback(c->db);
                return 0;
            }
            if (landed == -2) {
                if (my_retryable(r))
                    continue;
                break;
            }
            r = 0;
        }
        for (int i = 0; i < upto && r == 0; i++)
            r = replay_entry(c, &c->journal[i], &msg);
        if (r == 0)
            return 0;
        if (r == 1) {
            mysql_rollback(c->db);
            c->tx_dead = true;
            return hh_error_set(err, EBUSY, NULL,
                                "mysql: transaction conflict: re-run after \"%s\", it read "
                                "other data than the first time",
                                first);
        }
        if (!my_retryable(r))
            break;
    }
    if (c->db != NULL && !my_lost(r))
        mysql_rollback(c->db);
    c->tx_dead = true;
    rc = my_err(r, r == e ? first : msg, "transaction", err);
    if (my_retryable(r))
        hh_error_prefix(err, "after %d re-runs: ", c->cfg.db_max_retries);
    return rc;
}

static int tx_rerun(hh_store_conn *c, unsigned int e, const char *emsg, int upto, bool at_commit,
                    hh_error *err)
{
    int rc;

    c->in_rerun = true;
    rc = tx_rerun_run(c, e, emsg, upto, at_commit, err);
    c->in_rerun = false;
    return rc;
}

/* ---- the vtable ---- */

static int my_begin(hh_store_conn *c, hh_error *err)
{
    const char *msg;
    unsigned int e;

    journal_clear(c);
    for (int attempt = 1;; attempt++) {
        if ((e = start_locked(c, &msg)) == 0)
            break;
        if (c->db != NULL && !my_lost(e))
            mysql_rollback(c->db);
        if (!my_retryable(e) || attempt > c->cfg.db_max_retries)
            return my_err(e, msg, "begin", err);
        sleep_secs(backoff(&c->cfg, attempt));
        c->retries++;
        if (my_lost(e))
            reconnect(c, NULL);
    }
    c->in_tx = true;
    c->tx_attempts = 0;
    return 0;
}

static int my_commit(hh_store_conn *c, hh_error *err)
{
    int rc = 0;

    if (c->tx_dead) {
        rc = hh_error_set(err, EBUSY, NULL, "mysql: commit: the transaction was lost");
        goto done;
    }
    while (mysql_commit(c->db) != 0) {
        unsigned int e = mysql_errno(c->db);
        if (!my_retryable(e)) {
            rc = my_conn_err(c, "commit", err);
            break;
        }
        /* 2013 at COMMIT: the commit may or may not have happened; the
         * re-run finds out (commit_landed), and runs the transaction
         * again only when it did not. */
        if ((rc = tx_rerun(c, e, mysql_error(c->db), c->n_journal, true, err)) != 0)
            break;
    }
done:
    c->in_tx = false;
    journal_clear(c);
    return rc;
}

static int my_rollback(hh_store_conn *c)
{
    int rc = 0;

    if (c->db != NULL && mysql_rollback(c->db) != 0)
        rc = EIO;
    c->in_tx = false;
    journal_clear(c);
    return rc;
}

/* A migration's statement. MySQL commits each schema statement at once,
 * so a db_sync cut short (its process killed) leaves part of a migration
 * applied but not its version: the next db_sync runs the migration again,
 * and what a statement would create and finds already there (a table 1050,
 * a column 1060, an index 1061) counts as done. */
static int my_exec(hh_store_conn *c, const char *sql, hh_error *err)
{
    const char *msg;
    unsigned int e = run_simple(c, sql, NULL, &msg);

    if (c->in_tx)
        c->tx_ddl = true;
    if (e == 1050 || e == 1060 || e == 1061)
        return 0;
    return e == 0 ? 0 : my_err(e, msg, "exec", err);
}

static int my_step(hh_store_stmt *s, hh_error *err)
{
    hh_store_conn *c = s->conn;
    const char *msg;
    unsigned int e;
    int r;

    if (!s->executed) {
        if (c->tx_dead)
            return hh_error_set(err, EBUSY, NULL, "mysql: the transaction was lost");
        if (c->in_tx && !c->tx_ddl && journal_add(c, s) != 0)
            return hh_error_set(err, ENOMEM, NULL, "out of memory");
        for (int attempt = 0;; attempt++) {
            if ((e = stmt_run(s, s->params, &msg)) == 0)
                break;
            if (!my_retryable(e) || (c->in_tx && c->tx_ddl))
                return my_err(e, msg, "step", err);
            if (c->in_tx) {
                /* Re-run every statement before this one, then this. */
                if (tx_rerun(c, e, msg, s->jidx, false, err) != 0)
                    return err != NULL ? err->rc : EBUSY;
                continue;
            }
            if (attempt >= c->cfg.db_max_retries)
                return my_err(e, msg, "step", err);
            sleep_secs(backoff(&c->cfg, attempt + 1));
            c->retries++;
            if (my_lost(e) && reconnect(c, NULL) != 0)
                continue;
        }
        s->executed = true;
        if (s->jidx >= 0 && s->ncols == 0) {
            c->journal[s->jidx].affected = c->affected;
            c->journal[s->jidx].id = c->last_id;
        }
        if (s->ncols == 0)
            return 0;
    } else if (s->ncols == 0) {
        return 0;
    }
    r = stmt_fetch(s, &e);
    if (r < 0)
        return my_err(e, mysql_stmt_error(s->ms), "fetch", err);
    if (s->jidx >= 0) {
        my_entry *j = &c->journal[s->jidx];
        if (r == 1) {
            j->rows++;
            j->digest = row_digest(s, j->digest);
        } else {
            j->ended = true;
        }
    }
    return r;
}

static int my_column_count(hh_store_stmt *s)
{
    return s->ncols;
}

static const char *my_column_name(hh_store_stmt *s, int col)
{
    return s->names[col];
}

static hh_store_coltype my_column_type(hh_store_stmt *s, int col)
{
    if (s->nulls[col])
        return HH_STORE_NULL;
    return s->isint[col] ? HH_STORE_INT : HH_STORE_TEXT;
}

static int64_t my_column_int(hh_store_stmt *s, int col)
{
    if (s->nulls[col])
        return 0;
    return s->isint[col] ? s->ints[col] : strtoll(s->texts[col], NULL, 10);
}

static const char *my_column_text(hh_store_stmt *s, int col)
{
    if (s->nulls[col])
        return NULL;
    if (s->isint[col]) {
        /* the integer as text, in the column's buffer */
        if (s->texts[col] == NULL && (s->texts[col] = malloc(24)) != NULL)
            s->caps[col] = 24;
        if (s->texts[col] == NULL)
            return NULL;
        snprintf(s->texts[col], s->caps[col], "%lld", (long long)s->ints[col]);
    }
    return s->texts[col];
}

static int64_t my_changes(hh_store_conn *c)
{
    return c->affected;
}

static int64_t my_last_id(hh_store_conn *c)
{
    return (int64_t)c->last_id;
}

static void my_finish(hh_store_stmt *s)
{
    if (s == NULL)
        return;
    if (s->ms != NULL)
        mysql_stmt_free_result(s->ms);
    for (int i = 0; i < s->nparams; i++)
        param_clear(&s->params[i]);
    s->executed = false;
    s->jidx = -1;
    if (s->cached) {
        s->in_use = false;
        return;
    }
    stmt_release(s);
    free((char *)s->sql);
    free(s);
}

/* Yes when schema_version holds its row: a first migration cut short
 * between the table and its row is run again (my_exec). */
static int my_has_version_table(hh_store_conn *c, bool *yes, hh_error *err)
{
    static const char *const sql[] = {
        "SELECT 1 FROM information_schema.tables"
        " WHERE table_schema = DATABASE() AND table_name = 'schema_version'",
        "SELECT 1 FROM schema_version LIMIT 1",
    };
    hh_store_stmt *s = NULL;
    int rc = 0;

    *yes = true;
    for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]) && *yes; i++) {
        if ((rc = my_prepare(c, sql[i], true, &s, err)) != 0)
            break;
        rc = my_step(s, err);
        *yes = rc == 1;
        my_finish(s);
        if (rc < 0 || rc > 1)
            break;
        rc = 0;
    }
    if (rc != 0)
        *yes = false;
    return rc;
}

static int64_t my_retries(const hh_store_conn *c)
{
    return c->retries;
}

/* Schema: the tables of store_sqlite.c in MySQL's dialect. Keys and names
 * are VARCHAR(255) (the store fits them to 255 bytes), reasons and values
 * TEXT (65535 bytes), JSON LONGTEXT, timestamps the store's ISO 8601 text;
 * utf8mb4 with binary collation, so text compares as on SQLite. */
#define MY_TABLE " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
#define MY_ID "VARCHAR(255)"
#define MY_TS "VARCHAR(64)"

static const char *const v1[] = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL)" MY_TABLE,
    /* each row once, when the migration runs again (my_exec) */
    "INSERT INTO schema_version (version) SELECT 0 FROM DUAL"
    " WHERE NOT EXISTS (SELECT * FROM schema_version)",
    "CREATE TABLE fence_term (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
    " term BIGINT NOT NULL, holder VARCHAR(255), acquired_at " MY_TS ")" MY_TABLE,
    "INSERT INTO fence_term (id, term) SELECT 1, 0 FROM DUAL"
    " WHERE NOT EXISTS (SELECT * FROM fence_term)",
    "CREATE TABLE raw_template (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
    " template LONGTEXT, files LONGTEXT, environment LONGTEXT, created_at " MY_TS " NOT NULL,"
    " updated_at " MY_TS ")" MY_TABLE,
    "CREATE TABLE stack (id " MY_ID " NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL,"
    " raw_template_id BIGINT NOT NULL, prev_raw_template_id BIGINT, username VARCHAR(255),"
    " tenant VARCHAR(255) NOT NULL, owner_id " MY_ID ", parent_resource_name VARCHAR(255),"
    " timeout BIGINT, disable_rollback INTEGER NOT NULL DEFAULT 0,"
    " stack_user_project_id VARCHAR(255), nested_depth INTEGER NOT NULL DEFAULT 0,"
    " action VARCHAR(255), status VARCHAR(255), status_reason TEXT, tags LONGTEXT,"
    " created_at " MY_TS " NOT NULL, updated_at " MY_TS ", deleted_at " MY_TS ","
    " FOREIGN KEY (raw_template_id) REFERENCES raw_template (id),"
    " FOREIGN KEY (prev_raw_template_id) REFERENCES raw_template (id))" MY_TABLE,
    "CREATE TABLE resource (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
    " uuid " MY_ID " NOT NULL UNIQUE, stack_id " MY_ID " NOT NULL, root_stack_id " MY_ID ","
    " name VARCHAR(255) NOT NULL, type VARCHAR(255), physical_resource_id VARCHAR(255),"
    " action VARCHAR(255), status VARCHAR(255), status_reason TEXT, rsrc_metadata LONGTEXT,"
    " properties_data LONGTEXT, requires LONGTEXT, current_template_id BIGINT,"
    " engine_id VARCHAR(255), atomic_key BIGINT NOT NULL DEFAULT 0,"
    " created_at " MY_TS " NOT NULL, updated_at " MY_TS ","
    " FOREIGN KEY (stack_id) REFERENCES stack (id) ON DELETE CASCADE)" MY_TABLE,
    "CREATE TABLE resource_data (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
    " resource_id BIGINT NOT NULL, \"key\" VARCHAR(255) NOT NULL, value TEXT,"
    " redact INTEGER NOT NULL DEFAULT 0, decrypt_method VARCHAR(64),"
    " created_at " MY_TS " NOT NULL, updated_at " MY_TS ", UNIQUE (resource_id, \"key\"),"
    " FOREIGN KEY (resource_id) REFERENCES resource (id) ON DELETE CASCADE)" MY_TABLE,
    "CREATE TABLE event (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
    " uuid " MY_ID " NOT NULL UNIQUE, stack_id " MY_ID " NOT NULL, resource_action VARCHAR(255),"
    " resource_status VARCHAR(255), resource_name VARCHAR(255),"
    " physical_resource_id VARCHAR(255), resource_status_reason TEXT,"
    " resource_type VARCHAR(255), resource_properties LONGTEXT, created_at " MY_TS " NOT NULL,"
    " updated_at " MY_TS ","
    " FOREIGN KEY (stack_id) REFERENCES stack (id) ON DELETE CASCADE)" MY_TABLE,
    "CREATE TABLE service (id " MY_ID " NOT NULL PRIMARY KEY, engine_id VARCHAR(255) NOT NULL,"
    " host VARCHAR(255) NOT NULL, hostname VARCHAR(255) NOT NULL,"
    " \"binary\" VARCHAR(255) NOT NULL, topic VARCHAR(255) NOT NULL,"
    " report_interval INTEGER NOT NULL, created_at " MY_TS " NOT NULL, updated_at " MY_TS ","
    " deleted_at " MY_TS ")" MY_TABLE,
    "CREATE TABLE snapshot (id " MY_ID " NOT NULL PRIMARY KEY, stack_id " MY_ID " NOT NULL,"
    " name VARCHAR(255), data LONGTEXT, tenant VARCHAR(255) NOT NULL, status VARCHAR(255),"
    " status_reason TEXT, created_at " MY_TS " NOT NULL, updated_at " MY_TS ","
    " FOREIGN KEY (stack_id) REFERENCES stack (id) ON DELETE CASCADE)" MY_TABLE,
    NULL,
};

static const char *const v3[] = {
    "CREATE TABLE software_config (id " MY_ID " NOT NULL PRIMARY KEY, name VARCHAR(255),"
    " \"group\" VARCHAR(255), config LONGTEXT, tenant VARCHAR(255) NOT NULL,"
    " created_at " MY_TS " NOT NULL, updated_at " MY_TS ")" MY_TABLE,
    "CREATE INDEX ix_software_config_tenant ON software_config (tenant)",
    "CREATE TABLE software_deployment (id " MY_ID " NOT NULL PRIMARY KEY,"
    " config_id " MY_ID " NOT NULL, server_id VARCHAR(255) NOT NULL, input_values LONGTEXT,"
    " output_values LONGTEXT, tenant VARCHAR(255) NOT NULL, stack_user_project_id VARCHAR(255),"
    " action VARCHAR(255), status VARCHAR(255), status_reason TEXT,"
    " created_at " MY_TS " NOT NULL, updated_at " MY_TS ","
    " FOREIGN KEY (config_id) REFERENCES software_config (id))" MY_TABLE,
    "CREATE INDEX ix_software_deployment_server_id ON software_deployment (server_id)",
    "CREATE INDEX ix_software_deployment_tenant ON software_deployment (tenant)",
    "CREATE INDEX ix_software_deployment_created_at ON software_deployment (created_at)",
    NULL,
};

static const char *const v4[] = {
    "ALTER TABLE resource ADD COLUMN replaces BIGINT",
    "ALTER TABLE resource ADD COLUMN replaced_by BIGINT",
    NULL,
};

static const hh_store_migration mysql_migrations[] = {
    {1, v1},
    {2, hh_store_sql_v2},
    {3, v3},
    {4, v4},
    {5, hh_store_sql_v5},
};

/* CREATE DATABASE name on url's server (its own database ignored). */
static int my_create_db(const char *url, const char *name, char **db_url, hh_error *err)
{
    hh_store_conn *c = NULL;
    const char *rest, *path, *q;
    char sql[128];
    const char *msg;
    unsigned int e;
    size_t n = strlen(name);
    int rc;

    *db_url = NULL;
    if (n == 0 || n > 64 ||
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789_") != n)
        return hh_error_set(err, HH_EINVAL, NULL, "bad database name %s", name);
    rest = strstr(url, "://");
    path = rest != NULL ? strchr(rest + 3, '/') : NULL;
    if (path == NULL)
        return hh_error_set(err, HH_ECONFIG, NULL, "mysql URL needs a path");
    q = strchr(path, '?');
    if (asprintf(db_url, "%.*s/%s%s", (int)(path - url), url, name, q != NULL ? q : "") < 0) {
        *db_url = NULL;
        return hh_error_set(err, ENOMEM, NULL, "out of memory");
    }
    if ((c = calloc(1, sizeof(*c))) == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto done;
    }
    pthread_once(&lib_once, lib_init);
    if ((rc = cfg_parse(url, &c->cfg, err)) != 0 ||
        (rc = connect_retry(c, c->cfg.max_retries, err)) != 0)
        goto done;
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
             name);
    if ((e = run_simple(c, sql, NULL, &msg)) != 0)
        rc = e == 1007 ? hh_error_set(err, HH_EEXISTS, NULL, "database %s exists", name)
                       : my_err(e, msg, "create database", err);
done:
    conn_free(c);
    if (rc != 0) {
        free(*db_url);
        *db_url = NULL;
    }
    return rc;
}

const hh_store_driver hh_store_mysql = {
    .name = "mysql",
    .open = my_open,
    .close = my_close,
    .begin = my_begin,
    .commit = my_commit,
    .rollback = my_rollback,
    .exec = my_exec,
    .prepare = my_prepare,
    .bind_int = my_bind_int,
    .bind_text = my_bind_text,
    .step = my_step,
    .column_count = my_column_count,
    .column_name = my_column_name,
    .column_type = my_column_type,
    .column_int = my_column_int,
    .column_text = my_column_text,
    .changes = my_changes,
    .last_id = my_last_id,
    .finish = my_finish,
    .has_version_table = my_has_version_table,
    .retries = my_retries,
    .create_db = my_create_db,
    .migrations = mysql_migrations,
    .n_migrations = (int)(sizeof(mysql_migrations) / sizeof(mysql_migrations[0])),
};
