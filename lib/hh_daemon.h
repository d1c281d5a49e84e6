/* hh_daemon: the start-up steps every heat-ha daemon takes alike.
 *
 * The uniform command line (STYLE.md habit 8): -f/--foreground,
 * -t/--test-config, --config-file FILE (repeatable), --config-dir DIR,
 * --version, -h/--help. The configuration options are left in argv for
 * hh_conf_load_args, which reads them in order.
 */
#ifndef HH_DAEMON_H
#define HH_DAEMON_H

#include <stdbool.h>
#include <stdio.h>

#include "hh_conf.h"

/* A daemon's own long option beyond the uniform ones; a table of them ends
 * with a NULL name. */
typedef struct hh_daemon_opt {
    const char *name;
    const char **value; /* non-NULL: takes an argument, stored here (borrowed
                           from argv) */
    bool *flag;         /* value NULL: no argument, sets *flag */
} hh_daemon_opt;

typedef struct hh_daemon_cli {
    bool foreground;
    bool test_config;
    const hh_daemon_opt *extra; /* in: the daemon's own options, or NULL */
    bool operands;              /* in: arguments may follow the options */
    int first_operand;          /* out: argv index of the first of them */
} hh_daemon_cli;

/* Parse argv for a daemon: the uniform options and cli->extra. prog names
 * the program in messages and --version; usage (borrowed) prints its
 * usage. Options and operands may mix (GNU order); the operands end up at
 * argv[cli->first_operand..argc-1], an error unless cli->operands.
 * Returns -1 to go on (cli filled), 0 after --help or --version (printed
 * on stdout), or exit_usage after a message on stderr for a bad line. */
int hh_daemon_parse_args(int argc, char **argv, const char *prog, void (*usage)(FILE *out),
                         int exit_usage, hh_daemon_cli *cli);

/* The uniform usage of daemon prog on out: its synopsis (more_synopsis:
 * a second line of its own options, or NULL), the uniform options (-t
 * checking test_what: "the configuration", ...) with its own option lines
 * (more_options: whole lines, or NULL) after --config-dir, and its exit
 * codes (exit_codes: the text after "exit codes: ", lines included). */
void hh_daemon_usage(FILE *out, const char *prog, const char *more_synopsis, const char *test_what,
                     const char *more_options, const char *exit_codes);

/* The log level ([DEFAULT] debug) and log file ([DEFAULT] log_file,
 * log_dir) of conf (borrowed). 0, or the rc of the failed open after
 * logging why (and printing it on stdout when test_config). */
int hh_daemon_logs(const hh_conf *conf, bool test_config);
/* A start-up configuration error: logged ("configuration: MSG"), and
 * printed on stdout as "configuration error: MSG" for -t. */
void hh_daemon_config_error(bool test_config, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The daemon's configuration: *out new with register_opts's options
 * (hh_opts.h), read from the command line's files (hh_conf_load_args).
 * Returns 0; ENOMEM (logged, *out NULL); or the configuration's rc, its
 * error reported as hh_daemon_config_error does (*out still new: free
 * it). */
int hh_daemon_conf(int argc, char **argv, bool test_config, int (*register_opts)(hh_conf *conf),
                   hh_conf **out);
/* Detach unless foreground (hh_daemon_detach, then the logs reopened for
 * prog to syslog, and to stderr when use_stderr), else reopen them with
 * stderr. 0, or an errno (logged). */
int hh_daemon_background(const char *prog, bool foreground, bool use_stderr);

/* Lock the pid file path (flock, which a fork keeps: take it before
 * hh_daemon_detach) without writing it yet; a missing parent directory is
 * created. *fd: the open file, to keep open while running. Returns 0;
 * EWOULDBLOCK when another process holds the lock (logged, with the pid
 * the file holds); or an errno (logged). */
int hh_daemon_pidfile_lock(const char *path, int *fd);
/* Write this process's pid into the pid file fd locked above. 0 or an
 * errno. */
int hh_daemon_pidfile_write(int fd);

/* Signals through a self-pipe: SIGTERM, SIGINT and SIGHUP write their
 * number (one byte each) to a non-blocking pipe whose read end is *fd (the
 * handlers do nothing else); SIGPIPE is ignored. Once per process. Returns
 * 0 or an errno. */
int hh_daemon_signal_pipe(int *fd);

/* Detach from the terminal: fork (the parent exits 0), start a new
 * session, point stdin, stdout and stderr at /dev/null, chdir("/").
 * 0 in the child, or an errno. */
int hh_daemon_detach(void);

#endif
