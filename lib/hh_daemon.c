/* hh_daemon: the uniform daemon command line, the pid file, signals and
 * detaching. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hh_daemon.h"
#include "hh_error.h"
#include "hh_log.h"

static int sig_pipe[2] = {-1, -1};

int hh_daemon_logs(const hh_conf *conf, bool test_config)
{
    char path[4096];
    int rc;

    hh_log_set_level(hh_conf_get_bool(conf, "DEFAULT", "debug") ? HH_LOG_DEBUG : HH_LOG_INFO);
    rc = hh_log_file_path(hh_conf_get_str(conf, "DEFAULT", "log_file"),
                          hh_conf_get_str(conf, "DEFAULT", "log_dir"), path, sizeof(path));
    if (rc == 0)
        rc = hh_log_set_file(path);
    if (rc != 0 && rc != HH_ENOTFOUND) {
        hh_daemon_config_error(test_config, "log_file %s: %s", path, hh_strerror(rc));
        return rc;
    }
    return 0;
}

void hh_daemon_config_error(bool test_config, const char *fmt, ...)
{
    char msg[HH_ERROR_MSG_MAX + HH_ERROR_SRC_MAX + 64];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    hh_log_error("configuration: %s", msg);
    if (test_config)
        printf("configuration error: %s\n", msg);
}

int hh_daemon_conf(int argc, char **argv, bool test_config, int (*register_opts)(hh_conf *conf),
                   hh_conf **out)
{
    char msg[HH_ERROR_MSG_MAX + HH_ERROR_SRC_MAX + 32];
    hh_error err;
    int rc;

    hh_error_clear(&err);
    if ((*out = hh_conf_new()) == NULL || register_opts(*out) != 0) {
        hh_log_error("out of memory");
        hh_conf_free(*out);
        *out = NULL;
        return ENOMEM;
    }
    if ((rc = hh_conf_load_args(*out, argc, argv, &err)) != 0) {
        hh_error_format(&err, msg, sizeof(msg));
        hh_daemon_config_error(test_config, "%s", msg);
    }
    return rc;
}

int hh_daemon_background(const char *prog, bool foreground, bool use_stderr)
{
    int rc;

    if (foreground) {
        hh_log_open(prog, true, true);
        return 0;
    }
    if ((rc = hh_daemon_detach()) != 0) {
        hh_log_error("cannot run in the background: %s", strerror(rc));
        return rc;
    }
    hh_log_open(prog, use_stderr, true);
    return 0;
}

#define MAX_DAEMON_OPTS 32

void hh_daemon_usage(FILE *out, const char *prog, const char *more_synopsis, const char *test_what,
                     const char *more_options, const char *exit_codes)
{
    int indent = (int)strlen("usage: ") + (int)strlen(prog) + 1;

    fprintf(out, "usage: %s [-f] [-t] [--config-file FILE]... [--config-dir DIR]\n", prog);
    if (more_synopsis != NULL)
        fprintf(out, "%*s%s\n", indent, "", more_synopsis);
    fprintf(out,
            "       %s --version | --help\n"
            "\n"
            "  -f, --foreground        stay in the foreground, log to stderr as well\n"
            "  -t, --test-config       check %s, then exit\n"
            "      --config-file FILE  read FILE (repeatable; later files win)\n"
            "      --config-dir DIR    read DIR/*.conf after the files\n"
            "%s"
            "      --version           print the version and exit\n"
            "  -h, --help              print this help and exit\n"
            "\n"
            "exit codes: %s",
            prog, test_what, more_options != NULL ? more_options : "", exit_codes);
}

int hh_daemon_parse_args(int argc, char **argv, const char *prog, void (*usage)(FILE *out),
                         int exit_usage, hh_daemon_cli *cli)
{
    enum { OPT_CONFIG_FILE = 256, OPT_CONFIG_DIR, OPT_VERSION, OPT_EXTRA };
    struct option longopts[MAX_DAEMON_OPTS + 1] = {
        {"foreground", no_argument, NULL, 'f'},
        {"test-config", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"config-file", required_argument, NULL, OPT_CONFIG_FILE},
        {"config-dir", required_argument, NULL, OPT_CONFIG_DIR},
        {"version", no_argument, NULL, OPT_VERSION},
    };
    size_t n = 6;
    int c;

    for (size_t i = 0; cli->extra != NULL && cli->extra[i].name != NULL && n < MAX_DAEMON_OPTS;
         i++, n++) {
        longopts[n].name = cli->extra[i].name;
        longopts[n].has_arg = cli->extra[i].value != NULL ? required_argument : no_argument;
        longopts[n].val = OPT_EXTRA + (int)i;
    }
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
        case '?':
            fprintf(stderr, "%s: unknown option %s\n", prog, argv[optind - 1]);
            usage(stderr);
            return exit_usage;
        default: {
            const hh_daemon_opt *o = &cli->extra[c - OPT_EXTRA];

            if (o->value != NULL)
                *o->value = optarg;
            else
                *o->flag = true;
        }
        }
    }
    cli->first_operand = optind;
    if (optind < argc && !cli->operands) {
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

int hh_daemon_pidfile_lock(const char *path, int *fd)
{
    char dir[4096];
    char *slash;

    snprintf(dir, sizeof(dir), "%s", path);
    slash = strrchr(dir, '/');
    if (slash != NULL && slash != dir) {
        *slash = '\0';
        (void)mkdir(dir, 0755);
    }
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (*fd < 0) {
        int e = errno;

        hh_log_error("pid file %s: %s", path, strerror(e));
        return e;
    }
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        char pid[32] = "";
        ssize_t r = pread(*fd, pid, sizeof(pid) - 1, 0);

        if (r > 0)
            pid[strcspn(pid, "\n")] = '\0';
        if (e == EWOULDBLOCK)
            hh_log_error("already running: pid file %s is locked (pid %s)", path,
                         pid[0] != '\0' ? pid : "unknown");
        else
            hh_log_error("pid file %s: %s", path, strerror(e));
        close(*fd);
        *fd = -1;
        return e;
    }
    return 0;
}

int hh_daemon_pidfile_write(int fd)
{
    char buf[32];
    int len = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

    if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)len, 0) != len)
        return errno != 0 ? errno : EIO;
    return 0;
}

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;

    /* The only work done in a handler: hand the signal to the loop. */
    if (write(sig_pipe[1], &b, 1) < 0) {
        /* pipe full: the loop has signals to read already */
    }
    errno = saved;
}

int hh_daemon_signal_pipe(int *fd)
{
    struct sigaction sa;
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};

    if (sig_pipe[0] < 0 && pipe2(sig_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
        return errno;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        if (sigaction(sigs[i], &sa, NULL) != 0)
            return errno;
    sa.sa_handler = SIG_IGN;
    if (sigaction(SIGPIPE, &sa, NULL) != 0)
        return errno;
    *fd = sig_pipe[0];
    return 0;
}
