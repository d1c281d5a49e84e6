/* heat-ha-haproxy: write the haproxy.cfg that heat.conf [ha] describes
 * (haproxy_gen.h).
 *
 *   heat-ha-haproxy [--config-file FILE]... [--config-dir DIR]
 *                   [-o FILE | --output FILE | -w | --write]
 *
 * Standard output by default; -o FILE writes FILE, -w writes [ha]
 * haproxy_config, each through a temporary file renamed over it, so a
 * reader never sees half a file and a bad configuration leaves the old file
 * in place.
 *
 * Exit codes: 0 written; 1 the configuration is not usable or the file
 * could not be written ("heat-ha-haproxy: error: ..." on stderr); 2 bad
 * usage.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "haproxy_gen.h"
#include "hh_conf.h"
#include "hh_log.h"
#include "hh_opts.h"

#define PROG "heat-ha-haproxy"
#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out, "usage: " PROG " [--config-file FILE]... [--config-dir DIR]\n"
                 "                       [-o FILE | --output FILE | -w | --write]\n"
                 "\n"
                 "Write the haproxy.cfg of heat.conf's [ha] section: frontends on the\n"
                 "virtual IP for heat-api and heat-api-cfn over every node, and Galera\n"
                 "with a single writer. To standard output, to FILE (-o), or to\n"
                 "[ha] haproxy_config (-w).\n");
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, PROG ": error: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    return EXIT_FAILURE;
}

/* Write to path through path.tmp renamed over it. */
static int write_file(const hh_conf *conf, const char *path)
{
    char tmp[4096];
    hh_error err;
    FILE *f;
    int rc;

    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
        return fail("%s: path too long", path);
    if ((f = fopen(tmp, "w")) == NULL)
        return fail("%s: %s", tmp, strerror(errno));
    rc = hh_haproxy_write(conf, f, &err);
    if (fclose(f) != 0 && rc == 0)
        hh_error_set(&err, rc = errno, NULL, "%s", strerror(errno));
    if (rc == 0 && rename(tmp, path) != 0)
        hh_error_set(&err, rc = errno, NULL, "%s", strerror(errno));
    if (rc != 0) {
        unlink(tmp);
        return rc == HH_ECONFIG ? fail("%s", err.message) : fail("%s: %s", path, err.message);
    }
    return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    const char *output = NULL;
    bool to_config = false;
    hh_conf *conf = NULL;
    hh_error err;
    int rc, status = EXIT_FAILURE;

    hh_log_open(PROG, true, false);
    hh_log_set_level(HH_LOG_WARNING);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return EXIT_SUCCESS;
        } else if (strcmp(a, "--version") == 0) {
            printf(PROG " (" PACKAGE_NAME ") " PACKAGE_VERSION "\n");
            return EXIT_SUCCESS;
        } else if (strcmp(a, "--config-file") == 0 || strcmp(a, "--config-dir") == 0) {
            if (++i == argc)
                goto usage_error;
        } else if (strncmp(a, "--config-file=", 14) == 0 || strncmp(a, "--config-dir=", 13) == 0) {
            continue;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i == argc || output != NULL)
                goto usage_error;
            output = argv[i];
        } else if (strncmp(a, "--output=", 9) == 0 && output == NULL) {
            output = a + 9;
        } else if (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0) {
            to_config = true;
        } else {
            goto usage_error;
        }
    }
    if (to_config && output != NULL)
        goto usage_error;
    if ((conf = hh_conf_new()) == NULL || hh_opts_register_all(conf) != 0) {
        fail("out of memory");
        goto done;
    }
    if ((rc = hh_conf_load_args(conf, argc, argv, &err)) != 0) {
        char where[HH_ERROR_MSG_MAX + HH_ERROR_SRC_MAX + 32];

        hh_error_format(&err, where, sizeof(where));
        fail("%s", where);
        goto done;
    }
    if (to_config)
        output = hh_conf_get_str(conf, "ha", "haproxy_config");
    if (output != NULL && strcmp(output, "-") != 0) {
        status = write_file(conf, output);
    } else if ((rc = hh_haproxy_write(conf, stdout, &err)) != 0) {
        fail("%s", err.message);
    } else {
        status = EXIT_SUCCESS;
    }
done:
    hh_conf_free(conf);
    return status;
usage_error:
    fprintf(stderr, PROG ": error: bad arguments\n");
    usage(stderr);
    return EXIT_USAGE;
}
