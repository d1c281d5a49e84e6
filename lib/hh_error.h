/* hh_error: the one error scheme of heat-ha.
 *
 * Every function that can fail returns an int rc:
 *   0          success
 *   HH_E* < 0  a project error (below)
 *   > 0        a system errno (ENOMEM, ENOENT, ...)
 * hh_strerror(rc) names any of them. Codes of libraries (libyaml, jansson,
 * corosync, MySQL, AMQP) are converted to these at the module boundary.
 *
 * Functions that report more than a code also fill an hh_error: the code, the
 * Heat exception class the API maps to an HTTP status, the place (file, line,
 * column, 0 when unknown) and a message written for the user.
 */
#ifndef HH_ERROR_H
#define HH_ERROR_H

#include <errno.h> /* rc > 0 are errno values */
#include <stdarg.h>
#include <stddef.h>

enum {
    HH_EINTERNAL = -1000, /* a bug: an invariant broke */
    HH_EPARSE = -1001,    /* input is not valid YAML, JSON or INI */
    HH_EINVAL = -1002,    /* input parsed but is semantically invalid */
    HH_ELIMIT = -1003,    /* a configured bound was exceeded */
    HH_ENOTFOUND = -1004, /* a named thing does not exist */
    HH_ECONFIG = -1005,   /* a configuration value or file is wrong */
    HH_EEXISTS = -1006,   /* a named thing already exists */
    HH_EUNSUPPORTED = -1007, /* valid request this build or version refuses */
    HH_EFENCED = -1008,   /* a newer fencing term exists: this writer was deposed */
};

#define HH_ERROR_MSG_MAX 2048
#define HH_ERROR_SRC_MAX 256

typedef struct hh_error {
    int rc;           /* 0 when no error was recorded */
    const char *type; /* Heat exception class name (static string), NULL if none */
    char source[HH_ERROR_SRC_MAX]; /* file name or "" */
    int line;         /* 1-based; 0 when unknown */
    int column;       /* 1-based; 0 when unknown */
    char message[HH_ERROR_MSG_MAX];
} hh_error;

/* Name of rc: project codes, errno values, or "success". Never NULL. */
const char *hh_strerror(int rc);

/* Reset err to "no error". err may be NULL. */
void hh_error_clear(hh_error *err);

/* Record rc, type and a printf-style message in err (which may be NULL) and
 * return rc, so callers write: return hh_error_set(err, HH_EINVAL, ...).
 * The place fields are left as they are; set them with hh_error_at. */
int hh_error_set(hh_error *err, int rc, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int hh_error_setv(hh_error *err, int rc, const char *type, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/* Record where the error is. source may be NULL (kept as it is). */
void hh_error_at(hh_error *err, const char *source, int line, int column);

/* Prepend "prefix" to the message: used to add context on the way up,
 * e.g. "Property error: resources.a.properties: " + message. */
void hh_error_prefix(hh_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Format "source:line:column: message"; parts present only when known
 * (a column of 0 is unknown: "source:line: message"). */
void hh_error_format(const hh_error *err, char *buf, size_t len);

#endif
