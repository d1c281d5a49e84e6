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

typedef struct hh_daemon_cli {
    bool foreground;
    bool test_config;
} hh_daemon_cli;

/* Parse argv for a daemon with only the uniform options. prog names the
 * program in messages and --version; usage (borrowed) prints its usage.
 * Returns -1 to go on (cli filled), 0 after --help or --version (printed
 * on stdout), or exit_usage after a message on stderr for a bad line. */
int hh_daemon_parse_args(int argc, char **argv, const char *prog, void (*usage)(FILE *out),
                         int exit_usage, hh_daemon_cli *cli);

/* Detach from the terminal: fork (the parent exits 0), start a new
 * session, point stdin, stdout and stderr at /dev/null, chdir("/").
 * 0 in the child, or an errno. */
int hh_daemon_detach(void);

#endif
