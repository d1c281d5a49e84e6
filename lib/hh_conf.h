/* hh_conf: the option registry and the heat.conf (oslo.config INI) parser.
 *
 * Each program declares its options as const tables of hh_opt (see hh_opts.h
 * for heat-ha's own), registers them into an hh_conf, loads files in order
 * and reads typed values by group and name:
 *
 *   hh_conf *conf = hh_conf_new();
 *   hh_opts_register_engine(conf);
 *   if ((rc = hh_conf_load_args(conf, argc, argv, &err)) != 0) ... exit
 *   int workers = hh_conf_get_int(conf, "DEFAULT", "num_engine_workers");
 *   hh_conf_free(conf);
 *
 * File syntax (oslo.config's iniparser):
 *   - "[group]" starts a section. "DEFAULT" is matched exactly; other section
 *     names are compared case-insensitively (oslo lowercases them), so
 *     "[Database]" is [database] but "[default]" is not [DEFAULT].
 *   - "key = value" or "key: value" (the first '=' or ':' splits). Key and
 *     value are trimmed; a value wholly enclosed in matching '"' or '\''
 *     quotes loses them.
 *   - Lines starting with '#' or ';' are comments; blank lines are ignored.
 *   - A line starting with a space or tab continues the previous value; the
 *     parts are joined with '\n'. A blank line ends the value.
 *   - An assignment before any section header is a syntax error.
 * Later assignments win: within a file and across files. Within one file an
 * option's current name beats its deprecated names, whatever the order (as
 * oslo does).
 *
 * Values are checked when loaded or set: a bad value fails the whole load of
 * that file (nothing of it is applied). Unknown groups or keys are kept (see
 * hh_conf_get_raw) and warned about once per key.
 *
 * Not thread-safe: load at start-up, then read from any thread as long as
 * nobody loads or sets concurrently.
 */
#ifndef HH_CONF_H
#define HH_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"

typedef enum hh_opt_type {
    HH_OPT_STR = 0, /* any text */
    HH_OPT_BOOL,    /* true/false, yes/no, on/off, 1/0 (any case) */
    HH_OPT_INT,     /* decimal int in [min, max] when given */
    HH_OPT_FLOAT,   /* finite decimal number in [min, max] when given */
    HH_OPT_LIST,    /* comma-separated; items trimmed, empty items dropped */
    HH_OPT_CHOICE,  /* one of choices (case-sensitive) */
    HH_OPT_PORT,    /* int in [0, 65535] (narrowed by min/max) */
    HH_OPT_IP,      /* IPv4 or IPv6 address */
} hh_opt_type;

/* An older spelling of an option, accepted when reading files and getters.
 * group NULL means the option's own group; name NULL means its own name. */
typedef struct hh_opt_alias {
    const char *group;
    const char *name;
} hh_opt_alias;

#define HH_OPT_MAX_ALIASES 3

/* One option. Tables of these are static const and end with HH_OPT_END;
 * the registry borrows them, so they must outlive the hh_conf. */
typedef struct hh_opt {
    const char *group; /* "DEFAULT" or a lowercase group name */
    const char *name;  /* NULL only in the HH_OPT_END terminator */
    hh_opt_type type;
    const char *def; /* default as it would be written in the file; NULL = unset */
    const char *min; /* INT/FLOAT/PORT bounds as text; NULL = unbounded */
    const char *max;
    const char *const *choices;                  /* CHOICE: NULL-terminated; else NULL */
    const char *help;                            /* one paragraph, plain text */
    bool secret;                                 /* never shown in logs or error messages */
    const char *deprecated_reason;               /* non-NULL: the option itself is deprecated */
    hh_opt_alias deprecated[HH_OPT_MAX_ALIASES]; /* older names; unused = {NULL, NULL} */
    /* Optional check after the type's own, of the value or of each LIST item:
     * returns true if text is acceptable, else false with what was expected
     * written to why (len bytes), e.g. "name:address". */
    bool (*check)(const char *text, char *why, size_t len);
} hh_opt;

#define HH_OPT_END                                                                                 \
    {                                                                                              \
        .name = NULL                                                                               \
    }

typedef struct hh_conf hh_conf;

/* New empty registry with no options; NULL when out of memory. Free with
 * hh_conf_free. */
hh_conf *hh_conf_new(void);

/* Free conf and all values it holds. conf may be NULL. */
void hh_conf_free(hh_conf *conf);

/* Register the options of table (borrowed; ends with HH_OPT_END). Registering
 * the very same hh_opt again is a no-op, so programs may register shared
 * tables more than once. Returns 0, HH_EEXISTS if another option already has
 * that group and name, HH_EINTERNAL if an entry is malformed (its default,
 * bounds or choices do not fit its type; the log names it) or ENOMEM. Nothing
 * of table is registered when rc != 0. */
int hh_conf_register(hh_conf *conf, const hh_opt *table);

/* Load one INI file; values take precedence over what was loaded before.
 * Returns 0; HH_EPARSE (syntax) or HH_ECONFIG (bad value) with err naming the
 * file, line, group and key; or an errno (with err naming the file) when the
 * file cannot be read. err may be NULL. */
int hh_conf_load_file(hh_conf *conf, const char *path, hh_error *err);

/* Load every "*.conf" regular file of dir in strcmp order (oslo
 * --config-dir), stopping at the first error. A missing or unreadable
 * directory is an errno error. */
int hh_conf_load_dir(hh_conf *conf, const char *dir, hh_error *err);

/* Parse len bytes of buf (need not be NUL-terminated; may hold NUL bytes,
 * which are a syntax error) as if read from a file named source (used in
 * messages; may be NULL). Same results as hh_conf_load_file. */
int hh_conf_load_buffer(hh_conf *conf, const char *buf, size_t len, const char *source,
                        hh_error *err);

/* Load what argv names, in order: "--config-file F", "--config-file=F",
 * "--config-dir D", "--config-dir=D". Other arguments are skipped; scanning
 * stops at "--". When argv names no configuration at all, HH_CONF_DEFAULT_FILE
 * is loaded if it exists. Returns the first error as the loaders do, or
 * HH_ECONFIG when an option lacks its argument. argv is borrowed. */
#define HH_CONF_DEFAULT_FILE "/etc/heat/heat.conf"
int hh_conf_load_args(hh_conf *conf, int argc, char *const *argv, hh_error *err);

/* Set (value non-NULL) or unset (NULL: back to the default) an option, e.g.
 * from the command line or a test. Same checks as loading; accepts
 * deprecated names. Returns 0, HH_ENOTFOUND for an unregistered option or
 * HH_ECONFIG for a bad value (err says why). value is copied. */
int hh_conf_set(hh_conf *conf, const char *group, const char *name, const char *value,
                hh_error *err);

/* Typed getters. group and name may be a deprecated spelling. The result is
 * the loaded or set value, else the default. Asking for an option that is not
 * registered, or with the wrong getter for its type, is a programming error:
 * it is logged at error level and a zero value is returned (NULL, false, 0,
 * an empty list).
 *   get_str:   the value as text, for options of any type; NULL when unset
 *              with no default. Borrowed: valid until the option changes.
 *   get_bool:  BOOL.
 *   get_int:   INT and PORT.
 *   get_float: FLOAT and INT.
 *   get_list:  LIST; a NULL-terminated array (never NULL) borrowed like
 *              get_str; *count (if count is non-NULL) is its length. */
const char *hh_conf_get_str(const hh_conf *conf, const char *group, const char *name);
bool hh_conf_get_bool(const hh_conf *conf, const char *group, const char *name);
int hh_conf_get_int(const hh_conf *conf, const char *group, const char *name);
double hh_conf_get_float(const hh_conf *conf, const char *group, const char *name);
const char *const *hh_conf_get_list(const hh_conf *conf, const char *group, const char *name,
                                    size_t *count);

/* True when the option was loaded or set (not just defaulted). */
bool hh_conf_is_set(const hh_conf *conf, const char *group, const char *name);

/* Raw text of an assignment of an unknown group/key kept from the files
 * (last one wins), or of a registered option as get_str; NULL if none.
 * Borrowed. Never log it: unknown keys may hold secrets. */
const char *hh_conf_get_raw(const hh_conf *conf, const char *group, const char *name);

/* Number of distinct unknown group/key pairs seen (each warned about once). */
size_t hh_conf_unknown_count(const hh_conf *conf);

/* Log every option that was loaded or set, one line each at debug level, as
 * "[group] name = value". Secret options show "****"; any URL-shaped value
 * ("scheme://user:password@host...") shows its passwords as "****"; values of
 * unknown keys are not shown. */
void hh_conf_log_values(const hh_conf *conf);

/* Write value into buf (always NUL-terminated) with the password of every
 * "scheme://user:password@host" part replaced by "****". */
void hh_conf_mask_url(const char *value, char *buf, size_t len);

/* Registered options in registration order, for generators of docs:
 * index in [0, hh_conf_count(conf)); borrowed. */
size_t hh_conf_count(const hh_conf *conf);
const hh_opt *hh_conf_opt_at(const hh_conf *conf, size_t index);

/* "string", "boolean", "integer", "floating point", "list", "choice",
 * "port", "IP address". Never NULL. */
const char *hh_opt_type_name(hh_opt_type type);

#endif
