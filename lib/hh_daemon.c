/* hh_daemon: the uniform daemon command line and detaching. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <unistd.h>

#include "hh_daemon.h"

int hh_daemon_parse_args(int argc, char **argv, const char *prog, void (*usage)(FILE *out),
                         int exit_usage, hh_daemon_cli *cli)
{
    enum { OPT_CONFIG_FILE = 256, OPT_CONFIG_DIR, OPT_VERSION };
    static const struct option longopts[] = {
        {"foreground", no_argument, NULL, 'f'},
        {"test-config", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"config-file", required_argument, NULL, OPT_CONFIG_FILE},
        {"config-dir", required_argument, NULL, OPT_CONFIG_DIR},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":fth", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            cli->foreground = true;
            break;
        case 't':
            cli->test_config = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case OPT_VERSION:
            printf("%s (heat-ha) %s\n", prog, PACKAGE_VERSION);
            return 0;
        case OPT_CONFIG_FILE:
        case OPT_CONFIG_DIR:
            break; /* hh_conf_load_args reads them, in order */
        case ':':
            fprintf(stderr, "%s: option %s needs an argument\n", prog, argv[optind - 1]);
            usage(stderr);
            return exit_usage;
        default:
            fprintf(stderr, "%s: unknown option %s\n", prog, argv[optind - 1]);
            usage(stderr);
            return exit_usage;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument %s\n", prog, argv[optind]);
        usage(stderr);
        return exit_usage;
    }
    return -1;
}

int hh_daemon_detach(void)
{
    pid_t pid = fork();
    int null;

    if (pid < 0)
        return errno;
    if (pid > 0)
        _exit(0);
    if (setsid() < 0)
        return errno;
    if ((null = open("/dev/null", O_RDWR)) < 0)
        return errno;
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO)
        close(null);
    return chdir("/") != 0 ? errno : 0;
}
