/* hh_log: daemon logging to syslog and stderr.
 *
 * Levels have fixed meanings across every program:
 *   HH_LOG_ERROR    the program cannot do what was asked (a request failed,
 *                   a service is down); an operator should look.
 *   HH_LOG_WARNING  something is wrong but work goes on (an unknown config
 *                   key, a retry, a degraded peer).
 *   HH_LOG_NOTICE   a state change an operator wants in the log (start,
 *                   stop, promotion, demotion, term change).
 *   HH_LOG_INFO     normal progress (a stack action started or finished).
 *   HH_LOG_DEBUG    detail for developers; off unless debug = true.
 *
 * Never pass secrets (passwords, tokens, hidden parameters) to these
 * functions: callers mask them first (hh_conf marks secret options).
 * Tools that are not daemons print to stdout/stderr and do not use this.
 */
#ifndef HH_LOG_H
#define HH_LOG_H

#include <stdbool.h>
#include <stdio.h>

typedef enum hh_log_level {
    HH_LOG_ERROR = 3, /* same numbers as syslog priorities */
    HH_LOG_WARNING = 4,
    HH_LOG_NOTICE = 5,
    HH_LOG_INFO = 6,
    HH_LOG_DEBUG = 7,
} hh_log_level;

/* Start logging as ident. to_stderr: also write to stderr (foreground).
 * to_syslog: write to syslog (LOG_DAEMON). Safe to call again to change. */
void hh_log_open(const char *ident, bool to_stderr, bool to_syslog);

/* Messages above level are dropped. Default HH_LOG_INFO. */
void hh_log_set_level(hh_log_level level);
hh_log_level hh_log_get_level(void);

/* Also append log lines to the file path (copied; NULL: no file any
 * more), as oslo.log's [DEFAULT] log_file: opened at once, created with
 * mode 0640 when missing. Returns 0 or the errno of the open (the previous
 * file, if any, is kept then). */
int hh_log_set_file(const char *path);

/* The path of a [DEFAULT] log_file taken from log_dir when relative (and
 * log_dir is set), into buf of len bytes: 0, HH_ENOTFOUND when log_file
 * is unset, ENAMETOOLONG. log_dir may be NULL. */
int hh_log_file_path(const char *log_file, const char *log_dir, char *buf, size_t len);

/* Reopen outputs (SIGHUP handler calls this from the main loop): syslog,
 * and the log file by its path, so a rotated file is followed by a new
 * one. */
void hh_log_reopen(void);

void hh_log_close(void);

/* Write the "stderr" output to stream instead (borrowed; the caller keeps it
 * open until it sets another). NULL restores stderr. For tests. */
void hh_log_set_stream(FILE *stream);

void hh_log(hh_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define hh_log_error(...) hh_log(HH_LOG_ERROR, __VA_ARGS__)
#define hh_log_warning(...) hh_log(HH_LOG_WARNING, __VA_ARGS__)
#define hh_log_notice(...) hh_log(HH_LOG_NOTICE, __VA_ARGS__)
#define hh_log_info(...) hh_log(HH_LOG_INFO, __VA_ARGS__)
#define hh_log_debug(...) hh_log(HH_LOG_DEBUG, __VA_ARGS__)

#endif
