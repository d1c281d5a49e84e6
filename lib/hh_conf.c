#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hh_conf.h"
#include "hh_log.h"

/* A parsed value: text as given plus its typed form. */
typedef struct conf_value {
    char *text; /* NULL: no value */
    bool b;
    int i;
    double f;
    char **items; /* LIST: NULL-terminated, owned */
    size_t nitems;
} conf_value;

typedef struct conf_entry {
    const hh_opt *opt; /* borrowed from the registered table */
    conf_value def;
    conf_value cur;
    bool set;
    bool warned_deprecated;
} conf_entry;

typedef struct conf_unknown {
    char *group;
    char *name;
    char *value;
} conf_unknown;

struct hh_conf {
    conf_entry *entries;
    size_t nentries, cap;
    conf_unknown *unknown;
    size_t nunknown, ucap;
};

/* One "key = value" of a file being loaded, before it is applied. */
typedef struct conf_item {
    char *group;
    char *key;
    char *value;
    int line;
} conf_item;

typedef struct item_list {
    conf_item *v;
    size_t n, cap;
} item_list;

static const char *const empty_list[] = {NULL};

const char *hh_opt_type_name(hh_opt_type type)
{
    switch (type) {
    case HH_OPT_STR:
        return "string";
    case HH_OPT_BOOL:
        return "boolean";
    case HH_OPT_INT:
        return "integer";
    case HH_OPT_FLOAT:
        return "floating point";
    case HH_OPT_LIST:
        return "list";
    case HH_OPT_CHOICE:
        return "choice";
    case HH_OPT_PORT:
        return "port";
    case HH_OPT_IP:
        return "IP address";
    }
    return "unknown";
}

static void value_clear(conf_value *v)
{
    if (v->items != NULL) {
        for (size_t i = 0; i < v->nitems; i++)
            free(v->items[i]);
        free(v->items);
    }
    free(v->text);
    memset(v, 0, sizeof(*v));
}

/* Group match as oslo: DEFAULT exactly, other groups case-insensitively. */
static bool group_eq(const char *section, const char *group)
{
    bool sd = strcmp(section, "DEFAULT") == 0;
    bool gd = strcmp(group, "DEFAULT") == 0;

    if (sd || gd)
        return sd && gd;
    return strcasecmp(section, group) == 0;
}

static bool alias_matches(const hh_opt *opt, const char *group, const char *name)
{
    for (int k = 0; k < HH_OPT_MAX_ALIASES; k++) {
        const hh_opt_alias *a = &opt->deprecated[k];

        if (a->group == NULL && a->name == NULL)
            continue;
        if (group_eq(group, a->group ? a->group : opt->group) &&
            strcmp(name, a->name ? a->name : opt->name) == 0)
            return true;
    }
    return false;
}

static conf_entry *find_exact(const hh_conf *conf, const char *group, const char *name)
{
    for (size_t i = 0; i < conf->nentries; i++) {
        const hh_opt *o = conf->entries[i].opt;

        if (strcmp(o->name, name) == 0 && group_eq(group, o->group))
            return &conf->entries[i];
    }
    return NULL;
}

/* The option named group/name: its current name first, then deprecated ones. */
static conf_entry *find_entry(const hh_conf *conf, const char *group, const char *name)
{
    conf_entry *e = find_exact(conf, group, name);

    for (size_t i = 0; e == NULL && i < conf->nentries; i++) {
        if (alias_matches(conf->entries[i].opt, group, name))
            e = &conf->entries[i];
    }
    return e;
}

static int parse_long(const char *s, long long *out)
{
    char *end = NULL;
    long long v;

    if (*s == '\0' || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *s, double *out)
{
    char *end = NULL;
    double v;

    if (*s == '\0' || isspace((unsigned char)*s))
        return -1;
    /* Decimal only: strtod would also take hex, inf and nan. */
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p) && strchr("+-.eE", *p) == NULL)
            return -1;
    }
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};

    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return -1;
}

static char *trim_dup(const char *s, size_t len)
{
    while (len > 0 && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    return strndup(s, len);
}

static int parse_list(const char *s, conf_value *v)
{
    size_t cap = 1;
    const char *p;

    for (p = s; *p; p++)
        cap += *p == ',';
    v->items = calloc(cap + 1, sizeof(char *));
    if (v->items == NULL)
        return ENOMEM;
    p = s;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char *item = trim_dup(p, len);

        if (item == NULL)
            return ENOMEM;
        if (item[0] == '\0')
            free(item);
        else
            v->items[v->nitems++] = item;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    return 0;
}

/* Run opt->check over the value, or over each item of a list. */
static int value_check(const hh_opt *opt, const conf_value *v, const char *shown, hh_error *err)
{
    char why[256] = "";
    int rc = 0;

    if (opt->type == HH_OPT_LIST) {
        for (size_t i = 0; i < v->nitems && rc == 0; i++) {
            if (!opt->check(v->items[i], why, sizeof(why)))
                rc = hh_error_set(err, HH_ECONFIG, NULL, "invalid item '%s' (expected %s)",
                                  opt->secret ? "****" : v->items[i], why);
        }
    } else if (v->text[0] != '\0' && !opt->check(v->text, why, sizeof(why))) {
        rc = hh_error_set(err, HH_ECONFIG, NULL, "invalid value '%s' (expected %s)", shown, why);
    }
    return rc;
}

/* Parse text as opt's type into v (cleared first; on failure v is left
 * cleared). Returns 0, HH_ECONFIG with a message in err naming what was
 * expected, or ENOMEM. The message does not show secret values. */
static int value_parse(const hh_opt *opt, const char *text, conf_value *v, hh_error *err)
{
    const char *shown = opt->secret ? "****" : text;
    long long n = 0, lo = LLONG_MIN, hi = LLONG_MAX;
    double f = 0, flo = -HUGE_VAL, fhi = HUGE_VAL;
    unsigned char addr[sizeof(struct in6_addr)];
    int rc = 0;

    value_clear(v);
    v->text = strdup(text);
    if (v->text == NULL) {
        rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        goto done;
    }
    switch (opt->type) {
    case HH_OPT_STR:
        break;
    case HH_OPT_BOOL:
        if (parse_bool(text, &v->b) != 0)
            rc = hh_error_set(err, HH_ECONFIG, NULL,
                              "invalid boolean '%s' (expected true/false, yes/no, on/off or 1/0)",
                              shown);
        break;
    case HH_OPT_INT:
    case HH_OPT_PORT:
        if (opt->type == HH_OPT_PORT) {
            lo = 0;
            hi = 65535;
        } else {
            lo = INT_MIN;
            hi = INT_MAX;
        }
        if (opt->min != NULL && parse_long(opt->min, &n) == 0 && n > lo)
            lo = n;
        if (opt->max != NULL && parse_long(opt->max, &n) == 0 && n < hi)
            hi = n;
        if (text[0] == '\0')
            break; /* empty: back to the default */
        if (parse_long(text, &n) != 0) {
            rc = hh_error_set(err, HH_ECONFIG, NULL, "invalid %s '%s'",
                              opt->type == HH_OPT_PORT ? "port" : "integer", shown);
        } else if (n < lo) {
            rc = hh_error_set(err, HH_ECONFIG, NULL, "value %s is less than the minimum %lld",
                              shown, lo);
        } else if (n > hi) {
            rc = hh_error_set(err, HH_ECONFIG, NULL, "value %s is greater than the maximum %lld",
                              shown, hi);
        } else {
            v->i = (int)n;
            v->f = (double)n;
        }
        break;
    case HH_OPT_FLOAT:
        if (opt->min != NULL)
            (void)parse_double(opt->min, &flo);
        if (opt->max != NULL)
            (void)parse_double(opt->max, &fhi);
        if (text[0] == '\0')
            break;
        if (parse_double(text, &f) != 0)
            rc = hh_error_set(err, HH_ECONFIG, NULL, "invalid number '%s'", shown);
        else if (f < flo)
            rc = hh_error_set(err, HH_ECONFIG, NULL, "value %s is less than the minimum %s", shown,
                              opt->min);
        else if (f > fhi)
            rc = hh_error_set(err, HH_ECONFIG, NULL, "value %s is greater than the maximum %s",
                              shown, opt->max);
        else
            v->f = f;
        break;
    case HH_OPT_LIST:
        if (parse_list(text, v) != 0)
            rc = hh_error_set(err, ENOMEM, NULL, "out of memory");
        break;
    case HH_OPT_CHOICE: {
        char expected[512] = "";
        size_t used = 0;
        bool found = false;

        for (const char *const *c = opt->choices; c != NULL && *c != NULL; c++) {
            if (strcmp(*c, text) == 0)
                found = true;
            if (used < sizeof(expected)) {
                int w = snprintf(expected + used, sizeof(expected) - used, "%s'%s'",
                                 used ? ", " : "", *c);
                used += w > 0 ? (size_t)w : 0;
            }
        }
        if (!found)
            rc = hh_error_set(err, HH_ECONFIG, NULL, "invalid choice '%s' (expected one of: %s)",
                              shown, expected);
        break;
    }
    case HH_OPT_IP:
        if (text[0] != '\0' && inet_pton(AF_INET, text, addr) != 1 &&
            inet_pton(AF_INET6, text, addr) != 1)
            rc = hh_error_set(err, HH_ECONFIG, NULL, "invalid IP address '%s'", shown);
        break;
    }
    if (rc == 0 && opt->check != NULL)
        rc = value_check(opt, v, shown, err);
done:
    if (rc != 0)
        value_clear(v);
    return rc;
}

/* Numeric types treat an empty value as "not set". */
static bool value_is_unset(const hh_opt *opt, const char *text)
{
    return text[0] == '\0' && (opt->type == HH_OPT_INT || opt->type == HH_OPT_PORT ||
                               opt->type == HH_OPT_FLOAT || opt->type == HH_OPT_IP);
}

hh_conf *hh_conf_new(void)
{
    return calloc(1, sizeof(hh_conf));
}

void hh_conf_free(hh_conf *conf)
{
    if (conf == NULL)
        return;
    for (size_t i = 0; i < conf->nentries; i++) {
        value_clear(&conf->entries[i].def);
        value_clear(&conf->entries[i].cur);
    }
    for (size_t i = 0; i < conf->nunknown; i++) {
        free(conf->unknown[i].group);
        free(conf->unknown[i].name);
        free(conf->unknown[i].value);
    }
    free(conf->entries);
    free(conf->unknown);
    free(conf);
}

/* Check one table entry: bounds parse, choices exist, default fits. */
static int opt_check(const hh_opt *o)
{
    hh_error err;
    conf_value v = {0};
    long long n;
    double f;
    int rc = 0;

    hh_error_clear(&err);
    if (o->group == NULL || o->group[0] == '\0' || o->name[0] == '\0') {
        rc = hh_error_set(&err, HH_EINTERNAL, NULL, "option without group or name");
        goto done;
    }
    if ((o->type == HH_OPT_CHOICE) != (o->choices != NULL)) {
        rc = hh_error_set(&err, HH_EINTERNAL, NULL, "choices given for a non-choice option");
        goto done;
    }
    if ((o->min != NULL || o->max != NULL) && o->type != HH_OPT_INT && o->type != HH_OPT_PORT &&
        o->type != HH_OPT_FLOAT) {
        rc = hh_error_set(&err, HH_EINTERNAL, NULL, "bounds on a non-numeric option");
        goto done;
    }
    if ((o->min != NULL &&
         (o->type == HH_OPT_FLOAT ? parse_double(o->min, &f) : parse_long(o->min, &n)) != 0) ||
        (o->max != NULL &&
         (o->type == HH_OPT_FLOAT ? parse_double(o->max, &f) : parse_long(o->max, &n)) != 0)) {
        rc = hh_error_set(&err, HH_EINTERNAL, NULL, "bounds are not numbers");
        goto done;
    }
    if (o->def != NULL)
        rc = value_parse(o, o->def, &v, &err);
done:
    if (rc != 0)
        hh_log_error("option [%s] %s is malformed: %s", o->group ? o->group : "?", o->name,
                     err.message);
    value_clear(&v);
    return rc == ENOMEM ? ENOMEM : rc != 0 ? HH_EINTERNAL : 0;
}

int hh_conf_register(hh_conf *conf, const hh_opt *table)
{
    size_t n = 0, start = conf->nentries;
    int rc = 0;

    for (const hh_opt *o = table; o->name != NULL; o++)
        n++;
    if (conf->nentries + n > conf->cap) {
        size_t cap = (conf->nentries + n) * 2;
        conf_entry *grown = realloc(conf->entries, cap * sizeof(*grown));

        if (grown == NULL) {
            rc = ENOMEM;
            goto done;
        }
        conf->entries = grown;
        conf->cap = cap;
    }
    for (const hh_opt *o = table; o->name != NULL; o++) {
        conf_entry *e = NULL;
        hh_error err;

        if ((rc = opt_check(o)) != 0)
            goto done;
        e = find_exact(conf, o->group, o->name);
        if (e != NULL && e->opt == o)
            continue;
        if (e != NULL) {
            hh_log_error("option [%s] %s is registered twice", o->group, o->name);
            rc = HH_EEXISTS;
            goto done;
        }
        e = &conf->entries[conf->nentries++];
        memset(e, 0, sizeof(*e));
        e->opt = o;
        if (o->def != NULL && (rc = value_parse(o, o->def, &e->def, &err)) != 0)
            goto done;
    }
done:
    if (rc != 0) {
        for (size_t i = start; i < conf->nentries; i++)
            value_clear(&conf->entries[i].def);
        conf->nentries = start;
    }
    return rc;
}

/* ---- parsing ---- */

static void items_free(item_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].group);
        free(l->v[i].key);
        free(l->v[i].value);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}

/* Append (steals key and value; copies group). */
static int items_add(item_list *l, const char *group, char *key, char *value, int line)
{
    char *g = NULL;
    int rc = 0;

    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        conf_item *grown = realloc(l->v, cap * sizeof(*grown));

        if (grown == NULL) {
            rc = ENOMEM;
            goto done;
        }
        l->v = grown;
        l->cap = cap;
    }
    if ((g = strdup(group)) == NULL) {
        rc = ENOMEM;
        goto done;
    }
    l->v[l->n++] = (conf_item){.group = g, .key = key, .value = value, .line = line};
    key = NULL;
    value = NULL;
done:
    free(key);
    free(value);
    return rc;
}

static int parse_error(hh_error *err, const char *source, int line, int rc, const char *what)
{
    hh_error_set(err, rc, NULL, "%s", what);
    hh_error_at(err, source, line, 0);
    return rc;
}

/* Append "\n" + more to *value (owned). */
static int value_append(char **value, const char *more, size_t len)
{
    size_t old = strlen(*value);
    char *grown = realloc(*value, old + 1 + len + 1);

    if (grown == NULL)
        return ENOMEM;
    grown[old] = '\n';
    memcpy(grown + old + 1, more, len);
    grown[old + 1 + len] = '\0';
    *value = grown;
    return 0;
}

/* iniparser (oslo.config/iniparser.py) over buf into items. */
static int ini_parse(const char *buf, size_t len, const char *source, item_list *items,
                     hh_error *err)
{
    char *section = NULL;
    char *key = NULL, *value = NULL;
    int key_line = 0, lineno = 0;
    size_t pos = 0;
    int rc = 0;

    while (pos < len) {
        const char *line = buf + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;

        pos += n + (nl != NULL);
        lineno++;
        if (memchr(line, '\0', n) != NULL) {
            rc = parse_error(err, source, lineno, HH_EPARSE, "NUL byte in line");
            goto done;
        }
        while (n > 0 && isspace((unsigned char)line[n - 1]))
            n--;
        if (n == 0 || line[0] == ' ' || line[0] == '\t') {
            if (n == 0 || key == NULL) {
                if (n != 0) {
                    rc = parse_error(err, source, lineno, HH_EPARSE,
                                     "continuation line without a preceding key");
                    goto done;
                }
                if (key != NULL) {
                    rc = items_add(items, section, key, value, key_line);
                    key = value = NULL;
                    if (rc != 0)
                        goto done;
                }
                continue;
            }
            while (n > 0 && isspace((unsigned char)*line)) {
                line++;
                n--;
            }
            if ((rc = value_append(&value, line, n)) != 0)
                goto done;
            continue;
        }
        if (key != NULL) {
            rc = items_add(items, section, key, value, key_line);
            key = value = NULL;
            if (rc != 0)
                goto done;
        }
        if (line[0] == '[') {
            if (line[n - 1] != ']') {
                rc = parse_error(err, source, lineno, HH_EPARSE,
                                 "section header does not end with ']'");
                goto done;
            }
            if (n <= 2) {
                rc = parse_error(err, source, lineno, HH_EPARSE, "empty section name");
                goto done;
            }
            free(section);
            if ((section = strndup(line + 1, n - 2)) == NULL) {
                rc = ENOMEM;
                goto done;
            }
        } else if (line[0] == '#' || line[0] == ';') {
            continue;
        } else {
            const char *colon = memchr(line, ':', n);
            const char *equal = memchr(line, '=', n);
            const char *sep = colon == NULL || (equal != NULL && equal < colon) ? equal : colon;
            size_t vlen;

            if (sep == NULL) {
                rc = parse_error(err, source, lineno, HH_EPARSE,
                                 "expected 'key = value' or a [section]");
                goto done;
            }
            if (section == NULL) {
                rc = parse_error(err, source, lineno, HH_EPARSE,
                                 "assignment before the first [section]");
                goto done;
            }
            key = trim_dup(line, (size_t)(sep - line));
            value = trim_dup(sep + 1, n - (size_t)(sep + 1 - line));
            if (key == NULL || value == NULL) {
                rc = ENOMEM;
                goto done;
            }
            if (key[0] == '\0') {
                rc = parse_error(err, source, lineno, HH_EPARSE, "empty key");
                goto done;
            }
            vlen = strlen(value);
            if (vlen >= 1 && (value[0] == '"' || value[0] == '\'') && value[0] == value[vlen - 1]) {
                /* oslo strips a wholly quoted value, also a lone quote. */
                memmove(value, value + 1, vlen - 1);
                value[vlen >= 2 ? vlen - 2 : 0] = '\0';
            }
            key_line = lineno;
        }
    }
    if (key != NULL) {
        rc = items_add(items, section, key, value, key_line);
        key = value = NULL;
    }
done:
    if (rc == ENOMEM)
        parse_error(err, source, lineno, ENOMEM, "out of memory");
    free(section);
    free(key);
    free(value);
    return rc;
}

static void warn_deprecated(conf_entry *e, const char *group, const char *key)
{
    const hh_opt *o = e->opt;

    if (e->warned_deprecated)
        return;
    if (strcmp(o->name, key) != 0 || !group_eq(group, o->group)) {
        e->warned_deprecated = true;
        hh_log_warning("option [%s] %s is deprecated: use [%s] %s", group, key, o->group, o->name);
    } else if (o->deprecated_reason != NULL) {
        e->warned_deprecated = true;
        hh_log_warning("option [%s] %s is deprecated: %s", o->group, o->name, o->deprecated_reason);
    }
}

/* Store text as e's value: already validated, so only ENOMEM can fail. */
static int entry_assign(conf_entry *e, const char *text)
{
    int rc = 0;

    if (text == NULL || value_is_unset(e->opt, text)) {
        value_clear(&e->cur);
        e->set = false;
        goto done;
    }
    if ((rc = value_parse(e->opt, text, &e->cur, NULL)) != 0)
        goto done;
    e->set = true;
done:
    return rc;
}

static int unknown_keep(hh_conf *conf, const conf_item *it, const char *source)
{
    conf_unknown *u = NULL;
    char *v = NULL;
    int rc = 0;

    for (size_t i = 0; i < conf->nunknown; i++) {
        if (strcmp(conf->unknown[i].group, it->group) == 0 &&
            strcmp(conf->unknown[i].name, it->key) == 0)
            u = &conf->unknown[i];
    }
    if ((v = strdup(it->value)) == NULL) {
        rc = ENOMEM;
        goto done;
    }
    if (u != NULL) {
        free(u->value);
        u->value = v;
        v = NULL;
        goto done;
    }
    if (conf->nunknown == conf->ucap) {
        size_t cap = conf->ucap ? conf->ucap * 2 : 8;
        conf_unknown *grown = realloc(conf->unknown, cap * sizeof(*grown));

        if (grown == NULL) {
            rc = ENOMEM;
            goto done;
        }
        conf->unknown = grown;
        conf->ucap = cap;
    }
    u = &conf->unknown[conf->nunknown];
    u->group = strdup(it->group);
    u->name = strdup(it->key);
    if (u->group == NULL || u->name == NULL) {
        free(u->group);
        free(u->name);
        rc = ENOMEM;
        goto done;
    }
    u->value = v;
    v = NULL;
    conf->nunknown++;
    hh_log_warning("%s:%d: unknown option [%s] %s (ignored)", source, it->line, it->group, it->key);
done:
    free(v);
    return rc;
}

/* Apply items to conf: validate all first (nothing applied on error), then
 * deprecated spellings, then current names, so current names win. */
static int items_apply(hh_conf *conf, const item_list *items, const char *source, hh_error *err)
{
    conf_value tmp = {0};
    int rc = 0;

    for (size_t i = 0; i < items->n; i++) {
        const conf_item *it = &items->v[i];

        for (size_t j = 0; j < conf->nentries; j++) {
            conf_entry *e = &conf->entries[j];

            if (!((strcmp(e->opt->name, it->key) == 0 && group_eq(it->group, e->opt->group)) ||
                  alias_matches(e->opt, it->group, it->key)))
                continue;
            if (value_is_unset(e->opt, it->value))
                continue;
            if ((rc = value_parse(e->opt, it->value, &tmp, err)) != 0) {
                hh_error_prefix(err, "[%s] %s: ", it->group, it->key);
                hh_error_at(err, source, it->line, 0);
                goto done;
            }
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < items->n; i++) {
            const conf_item *it = &items->v[i];
            bool known = false;

            for (size_t j = 0; j < conf->nentries; j++) {
                conf_entry *e = &conf->entries[j];
                bool exact =
                    strcmp(e->opt->name, it->key) == 0 && group_eq(it->group, e->opt->group);

                if (!exact && !alias_matches(e->opt, it->group, it->key))
                    continue;
                known = true;
                if (exact != (pass == 1))
                    continue;
                warn_deprecated(e, it->group, it->key);
                if ((rc = entry_assign(e, it->value)) != 0)
                    goto done;
            }
            if (!known && pass == 0 && (rc = unknown_keep(conf, it, source)) != 0)
                goto done;
        }
    }
done:
    if (rc == ENOMEM)
        hh_error_set(err, ENOMEM, NULL, "out of memory");
    value_clear(&tmp);
    return rc;
}

int hh_conf_load_buffer(hh_conf *conf, const char *buf, size_t len, const char *source,
                        hh_error *err)
{
    item_list items = {0};
    int rc = 0;

    if (source == NULL)
        source = "<buffer>";
    hh_error_clear(err);
    if ((rc = ini_parse(buf, len, source, &items, err)) != 0)
        goto done;
    rc = items_apply(conf, &items, source, err);
done:
    items_free(&items);
    return rc;
}

int hh_conf_load_file(hh_conf *conf, const char *path, hh_error *err)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;

    hh_error_clear(err);
    f = fopen(path, "re");
    if (f == NULL) {
        rc = errno;
        goto fail;
    }
    for (;;) {
        size_t got;

        if (cap - len < 4096) {
            char *grown = NULL;

            cap = cap ? cap * 2 : 8192;
            if ((grown = realloc(buf, cap)) == NULL) {
                rc = ENOMEM;
                goto fail;
            }
            buf = grown;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = errno ? errno : EIO;
        goto fail;
    }
    rc = hh_conf_load_buffer(conf, buf, len, path, err);
    goto done;
fail:
    hh_error_set(err, rc, NULL, "cannot read configuration file: %s", hh_strerror(rc));
    hh_error_at(err, path, 0, 0);
done:
    if (f != NULL)
        fclose(f);
    free(buf);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int hh_conf_load_dir(hh_conf *conf, const char *dir, hh_error *err)
{
    DIR *d = NULL;
    struct dirent *de = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    char *path = NULL;
    int rc = 0;

    hh_error_clear(err);
    if ((d = opendir(dir)) == NULL) {
        rc = errno;
        hh_error_set(err, rc, NULL, "cannot read configuration directory: %s", hh_strerror(rc));
        hh_error_at(err, dir, 0, 0);
        goto done;
    }
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);

        if (len <= 5 || strcmp(de->d_name + len - 5, ".conf") != 0 || de->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **grown = NULL;

            cap = cap ? cap * 2 : 16;
            if ((grown = realloc(names, cap * sizeof(*grown))) == NULL) {
                rc = ENOMEM;
                goto done;
            }
            names = grown;
        }
        if ((names[n] = strdup(de->d_name)) == NULL) {
            rc = ENOMEM;
            goto done;
        }
        n++;
    }
    if (n > 0)
        qsort(names, n, sizeof(*names), name_cmp);
    for (size_t i = 0; i < n; i++) {
        struct stat st;

        free(path);
        if (asprintf(&path, "%s/%s", dir, names[i]) < 0) {
            path = NULL;
            rc = ENOMEM;
            goto done;
        }
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if ((rc = hh_conf_load_file(conf, path, err)) != 0)
            goto done;
    }
done:
    if (rc == ENOMEM)
        hh_error_set(err, ENOMEM, NULL, "out of memory");
    if (d != NULL)
        closedir(d);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(path);
    return rc;
}

int hh_conf_load_args(hh_conf *conf, int argc, char *const *argv, hh_error *err)
{
    bool named = false;
    int rc = 0;

    hh_error_clear(err);
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        bool is_dir = false;

        if (strcmp(a, "--") == 0)
            break;
        if (strcmp(a, "--config-file") == 0 || strcmp(a, "--config-dir") == 0) {
            is_dir = a[9] == 'd';
            if (i + 1 >= argc) {
                rc = hh_error_set(err, HH_ECONFIG, NULL, "%s needs an argument", a);
                goto done;
            }
            val = argv[++i];
        } else if (strncmp(a, "--config-file=", 14) == 0) {
            val = a + 14;
        } else if (strncmp(a, "--config-dir=", 13) == 0) {
            is_dir = true;
            val = a + 13;
        } else {
            continue;
        }
        named = true;
        rc = is_dir ? hh_conf_load_dir(conf, val, err) : hh_conf_load_file(conf, val, err);
    }
    if (rc == 0 && !named && access(HH_CONF_DEFAULT_FILE, F_OK) == 0)
        rc = hh_conf_load_file(conf, HH_CONF_DEFAULT_FILE, err);
done:
    return rc;
}

int hh_conf_set(hh_conf *conf, const char *group, const char *name, const char *value,
                hh_error *err)
{
    conf_entry *e = find_entry(conf, group, name);
    conf_value tmp = {0};
    int rc = 0;

    hh_error_clear(err);
    if (e == NULL) {
        rc = hh_error_set(err, HH_ENOTFOUND, NULL, "[%s] %s: no such option", group, name);
        goto done;
    }
    if (value != NULL && !value_is_unset(e->opt, value) &&
        (rc = value_parse(e->opt, value, &tmp, err)) != 0) {
        hh_error_prefix(err, "[%s] %s: ", group, name);
        goto done;
    }
    if ((rc = entry_assign(e, value)) != 0)
        hh_error_set(err, rc, NULL, "out of memory");
done:
    value_clear(&tmp);
    return rc;
}

/* ---- getters ---- */

static const conf_value *lookup(const hh_conf *conf, const char *group, const char *name,
                                const char *want, const hh_opt_type *types, size_t ntypes)
{
    const conf_entry *e = find_entry(conf, group, name);

    if (e == NULL) {
        hh_log_error("BUG: option [%s] %s is not registered", group, name);
        return NULL;
    }
    for (size_t i = 0; i < ntypes; i++) {
        if (e->opt->type == types[i])
            return e->set ? &e->cur : &e->def;
    }
    hh_log_error("BUG: option [%s] %s is a %s, read as %s", group, name,
                 hh_opt_type_name(e->opt->type), want);
    return NULL;
}

const char *hh_conf_get_str(const hh_conf *conf, const char *group, const char *name)
{
    static const hh_opt_type any[] = {HH_OPT_STR,  HH_OPT_BOOL,   HH_OPT_INT,  HH_OPT_FLOAT,
                                      HH_OPT_LIST, HH_OPT_CHOICE, HH_OPT_PORT, HH_OPT_IP};
    const conf_value *v = lookup(conf, group, name, "string", any, sizeof(any) / sizeof(any[0]));

    return v ? v->text : NULL;
}

bool hh_conf_get_bool(const hh_conf *conf, const char *group, const char *name)
{
    static const hh_opt_type t[] = {HH_OPT_BOOL};
    const conf_value *v = lookup(conf, group, name, "boolean", t, 1);

    return v ? v->b : false;
}

int hh_conf_get_int(const hh_conf *conf, const char *group, const char *name)
{
    static const hh_opt_type t[] = {HH_OPT_INT, HH_OPT_PORT};
    const conf_value *v = lookup(conf, group, name, "integer", t, 2);

    return v ? v->i : 0;
}

double hh_conf_get_float(const hh_conf *conf, const char *group, const char *name)
{
    static const hh_opt_type t[] = {HH_OPT_FLOAT, HH_OPT_INT};
    const conf_value *v = lookup(conf, group, name, "floating point", t, 2);

    return v ? v->f : 0.0;
}

const char *const *hh_conf_get_list(const hh_conf *conf, const char *group, const char *name,
                                    size_t *count)
{
    static const hh_opt_type t[] = {HH_OPT_LIST};
    const conf_value *v = lookup(conf, group, name, "list", t, 1);
    bool has = v != NULL && v->items != NULL;

    if (count != NULL)
        *count = has ? v->nitems : 0;
    return has ? (const char *const *)v->items : empty_list;
}

bool hh_conf_is_set(const hh_conf *conf, const char *group, const char *name)
{
    const conf_entry *e = find_entry(conf, group, name);

    return e != NULL && e->set;
}

const char *hh_conf_get_raw(const hh_conf *conf, const char *group, const char *name)
{
    const conf_entry *e = find_entry(conf, group, name);

    if (e != NULL)
        return e->set ? e->cur.text : e->def.text;
    for (size_t i = conf->nunknown; i-- > 0;) {
        if (group_eq(group, conf->unknown[i].group) && strcmp(conf->unknown[i].name, name) == 0)
            return conf->unknown[i].value;
    }
    return NULL;
}

size_t hh_conf_unknown_count(const hh_conf *conf)
{
    return conf->nunknown;
}

size_t hh_conf_count(const hh_conf *conf)
{
    return conf->nentries;
}

const hh_opt *hh_conf_opt_at(const hh_conf *conf, size_t index)
{
    return index < conf->nentries ? conf->entries[index].opt : NULL;
}

/* ---- logging ---- */

/* Append c to buf[len] at *o, keeping room for the terminating NUL. */
static void put_char(char *buf, size_t len, size_t *o, char c)
{
    if (*o + 1 < len)
        buf[(*o)++] = c;
}

void hh_conf_mask_url(const char *value, char *buf, size_t len)
{
    const char *p = value;
    size_t o = 0;

    if (len == 0)
        return;
    while (*p) {
        const char *scheme = strstr(p, "://");

        if (scheme == NULL) {
            while (*p)
                put_char(buf, len, &o, *p++);
            break;
        }
        while (p < scheme + 3)
            put_char(buf, len, &o, *p++);
        /* Authority: up to '/', '?', '#' or whitespace; hosts split by ','.
         * In each "user:password@host" the password becomes ****. */
        while (*p && strchr("/?# \t\n", *p) == NULL) {
            const char *end = p;
            const char *at = NULL;
            const char *colon = NULL;

            while (*end && strchr("/?# \t\n,", *end) == NULL) {
                if (*end == '@')
                    at = end;
                end++;
            }
            if (at != NULL && (colon = memchr(p, ':', (size_t)(at - p))) != NULL) {
                while (p <= colon)
                    put_char(buf, len, &o, *p++);
                for (const char *m = "****"; *m; m++)
                    put_char(buf, len, &o, *m);
                p = at;
            }
            while (p < end)
                put_char(buf, len, &o, *p++);
            if (*p == ',')
                put_char(buf, len, &o, *p++);
        }
    }
    buf[o] = '\0';
}

void hh_conf_log_values(const hh_conf *conf)
{
    char shown[1024];

    if (hh_log_get_level() < HH_LOG_DEBUG)
        return;
    hh_log_debug("configuration values (set options only):");
    for (size_t i = 0; i < conf->nentries; i++) {
        const conf_entry *e = &conf->entries[i];

        if (!e->set)
            continue;
        if (e->opt->secret)
            snprintf(shown, sizeof(shown), "****");
        else
            hh_conf_mask_url(e->cur.text, shown, sizeof(shown));
        hh_log_debug("[%s] %s = %s", e->opt->group, e->opt->name, shown);
    }
    for (size_t i = 0; i < conf->nunknown; i++)
        hh_log_debug("[%s] %s = (unknown option, value not shown)", conf->unknown[i].group,
                     conf->unknown[i].name);
}
