/* heat-manage: the operator's database tool, with Heat's commands and output.
 *
 * Exit codes: 0 success; 1 the command failed ("ERROR: ..." on stderr, as
 * Heat's heat-manage); 2 bad usage.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_conf.h"
#include "hh_log.h"
#include "hh_opts.h"
#include "store.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out, "usage: heat-manage [--config-file FILE]... [--config-dir DIR] COMMAND [ARGS]\n"
                 "\n"
                 "commands:\n"
                 "  db_sync [VERSION]         create or upgrade the schema (to VERSION)\n"
                 "  db_version                print the schema version\n"
                 "  service list              list engines with their status\n"
                 "  service clean             remove engines that are down\n"
                 "  purge_deleted [AGE] [-g days|hours|minutes|seconds] [-p PROJECT_ID]\n"
                 "                [-b BATCH_SIZE]\n"
                 "                            remove stacks deleted more than AGE ago (90 days)\n"
                 "  reset_stack_status [-y] STACK_ID\n"
                 "                            mark a stack stuck IN_PROGRESS as FAILED\n"
                 "  resource_data_list RESOURCE_ID\n"
                 "                            print a resource's data\n");
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "heat-manage: error: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    usage(stderr);
    return EXIT_USAGE;
}

static int fail(const hh_error *err)
{
    fprintf(stderr, "ERROR: %s\n", err->message[0] != '\0' ? err->message : hh_strerror(err->rc));
    return EXIT_FAILURE;
}

/* Parse a whole decimal integer; false if text is not one. */
static bool parse_int(const char *text, long long *v)
{
    char *end = NULL;

    errno = 0;
    *v = strtoll(text, &end, 10);
    return text[0] != '\0' && *end == '\0' && errno == 0;
}

/* Heat's check of purge_deleted's numbers. */
static bool positive(const char *text, const char *name, long long *v, hh_error *err)
{
    if (!parse_int(text, v)) {
        hh_error_set(err, HH_EINVAL, NULL, "%s should be an integer", name);
        return false;
    }
    if (*v < 0) {
        hh_error_set(err, HH_EINVAL, NULL, "%s should be a positive integer", name);
        return false;
    }
    return true;
}

static int cmd_db_sync(hh_store *st, int argc, char **argv, hh_error *err)
{
    long long v = -1;

    if (argc > 1)
        return usage_error("db_sync takes at most one VERSION");
    if (argc == 1 && (!parse_int(argv[0], &v) || v < 0))
        return usage_error("db_sync: VERSION must be a number: %s", argv[0]);
    if (hh_store_db_sync(st, v > (long long)1 << 30 ? 1 << 30 : (int)v, err) != 0)
        return fail(err);
    return 0;
}

static int cmd_db_version(hh_store *st, int argc, hh_error *err)
{
    int v = 0;

    if (argc != 0)
        return usage_error("db_version takes no arguments");
    if (hh_store_db_version(st, &v, err) != 0)
        return fail(err);
    printf("%d\n", v);
    return 0;
}

static int cmd_service(hh_store *st, int argc, char **argv, hh_error *err)
{
    /* Heat's columns, then the engine's role */
    static const char fmt[] = "%-16s %-16s %-36s %-10s %-10s %-10s %-20s %s\n";
    json_t *list = NULL, *svc;
    size_t i;

    if (argc != 1 || (strcmp(argv[0], "list") != 0 && strcmp(argv[0], "clean") != 0))
        return usage_error("service takes list or clean");
    if (strcmp(argv[0], "clean") == 0) {
        if (hh_store_service_clean(st, NULL, err) != 0)
            return fail(err);
        printf("Dead engines are removed.\n");
        return 0;
    }
    if (hh_store_service_list(st, &list, err) != 0)
        return fail(err);
    printf(fmt, "Hostname", "Binary", "Engine_Id", "Host", "Topic", "Status", "Updated At", "Role");
    json_array_foreach(list, i, svc)
    {
        const char *upd = json_string_value(json_object_get(svc, "updated_at"));
        printf(fmt, json_string_value(json_object_get(svc, "hostname")),
               json_string_value(json_object_get(svc, "binary")),
               json_string_value(json_object_get(svc, "engine_id")),
               json_string_value(json_object_get(svc, "host")),
               json_string_value(json_object_get(svc, "topic")),
               json_string_value(json_object_get(svc, "status")), upd != NULL ? upd : "None",
               json_string_value(json_object_get(svc, "role")));
    }
    json_decref(list);
    return 0;
}

static int cmd_purge_deleted(hh_store *st, int argc, char **argv, hh_error *err)
{
    static const char *const units[] = {"days", "hours", "minutes", "seconds"};
    static const long long mult[] = {86400, 3600, 60, 1};
    const char *age = "90", *gran = "days", *project = NULL, *batch = "20";
    long long a = 0, b = 0, m = 0;
    bool have_age = false;

    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        const char **slot = NULL;

        if (strcmp(o, "-g") == 0 || strcmp(o, "--granularity") == 0)
            slot = &gran;
        else if (strcmp(o, "-p") == 0 || strcmp(o, "--project-id") == 0)
            slot = &project;
        else if (strcmp(o, "-b") == 0 || strcmp(o, "--batch_size") == 0)
            slot = &batch;
        if (slot != NULL) {
            if (i + 1 >= argc)
                return usage_error("argument %s: expected one argument", o);
            *slot = argv[++i];
        } else if (o[0] == '-' && o[1] != '\0' && !(o[1] >= '0' && o[1] <= '9')) {
            return usage_error("purge_deleted: unknown option %s", o);
        } else if (!have_age) {
            age = o;
            have_age = true;
        } else {
            return usage_error("purge_deleted: unexpected argument %s", o);
        }
    }
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcmp(gran, units[i]) == 0)
            m = mult[i];
    if (m == 0)
        return usage_error("argument -g/--granularity: invalid choice: '%s' (choose from "
                           "'days', 'hours', 'minutes', 'seconds')",
                           gran);
    if (!positive(age, "age", &a, err) || !positive(batch, "batch_size", &b, err))
        return fail(err);
    if (b == 0 || b > 1000000) {
        hh_error_set(err, HH_EINVAL, NULL, "batch_size should be between 1 and 1000000");
        return fail(err);
    }
    if (a > INT64_MAX / 86400 / 2)
        a = INT64_MAX / 86400 / 2;
    if (hh_store_purge_deleted(st, (int64_t)(a * m), project, (int)b, NULL, err) != 0)
        return fail(err);
    return 0;
}

static int cmd_reset_stack_status(hh_store *st, int argc, char **argv, hh_error *err)
{
    const char *id = NULL;
    bool yes = false;
    char answer[64];

    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-y") == 0 || strcmp(argv[i], "--yes") == 0)
            yes = true;
        else if (argv[i][0] == '-')
            return usage_error("reset_stack_status: unknown option %s", argv[i]);
        else if (id == NULL)
            id = argv[i];
        else
            return usage_error("reset_stack_status: unexpected argument %s", argv[i]);
    }
    if (id == NULL)
        return usage_error("reset_stack_status: the following arguments are required: "
                           "stack_id");
    printf("Warning: this command is potentially destructive and only intended to recover "
           "from specific crashes.\n");
    printf("It is advised to shutdown all Heat engines beforehand.\n");
    if (!yes) {
        printf("Continue ? [y/N]\n");
        fflush(stdout);
        if (fgets(answer, sizeof(answer), stdin) == NULL || (answer[0] != 'y' && answer[0] != 'Y'))
            return 0;
    }
    if (hh_store_reset_stack_status(st, id, err) != 0)
        return fail(err);
    return 0;
}

static int cmd_resource_data_list(hh_store *st, int argc, char **argv, hh_error *err)
{
    json_t *data = NULL, *v;
    const char *key;
    long long id = 0;

    if (argc != 1)
        return usage_error("resource_data_list: the following arguments are required: "
                           "resource_id");
    if (!parse_int(argv[0], &id)) {
        hh_error_set(err, HH_EINVAL, NULL, "resource id must be an integer: %s", argv[0]);
        return fail(err);
    }
    if (hh_store_resource_data_get_all(st, (int64_t)id, &data, err) != 0)
        return fail(err);
    json_object_foreach(data, key, v)
    {
        printf("%-16s %-64s\n", key, json_string_value(v));
    }
    json_decref(data);
    return 0;
}

int main(int argc, char **argv)
{
    hh_conf *conf = NULL;
    hh_store *st = NULL;
    char **rest = NULL, *url = NULL;
    const char *cmd;
    int nrest = 0, status = EXIT_FAILURE;
    hh_error err;

    hh_error_clear(&err);
    hh_log_open("heat-manage", true, false);
    hh_log_set_level(HH_LOG_WARNING);
    rest = calloc((size_t)argc + 1, sizeof(*rest));
    if (rest == NULL)
        goto done;
    /* Global options go to hh_conf; the rest is the command and its args. */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            status = 0;
            goto done;
        }
        if (strcmp(a, "--version") == 0) {
            printf("%s\n", PACKAGE_VERSION);
            status = 0;
            goto done;
        }
        if (strcmp(a, "--config-file") == 0 || strcmp(a, "--config-dir") == 0) {
            if (i + 1 >= argc) {
                status = usage_error("argument %s: expected one argument", a);
                goto done;
            }
            i++;
            continue;
        }
        if (strncmp(a, "--config-file=", 14) == 0 || strncmp(a, "--config-dir=", 13) == 0)
            continue;
        rest[nrest++] = argv[i];
    }
    if (nrest == 0) {
        status = usage_error("a command is required");
        goto done;
    }
    cmd = rest[0];
    if (strcmp(cmd, "db_sync") != 0 && strcmp(cmd, "db_version") != 0 &&
        strcmp(cmd, "service") != 0 && strcmp(cmd, "purge_deleted") != 0 &&
        strcmp(cmd, "reset_stack_status") != 0 && strcmp(cmd, "resource_data_list") != 0) {
        status = usage_error("unknown command: %s", cmd);
        goto done;
    }
    conf = hh_conf_new();
    if (conf == NULL || hh_opts_register_common(conf) != 0) {
        fprintf(stderr, "ERROR: out of memory\n");
        goto done;
    }
    if (hh_conf_load_args(conf, argc, argv, &err) != 0) {
        char msg[HH_ERROR_MSG_MAX + HH_ERROR_SRC_MAX + 32];
        hh_error_format(&err, msg, sizeof(msg));
        fprintf(stderr, "ERROR: %s\n", msg);
        goto done;
    }
    if (hh_store_conf_url(conf, &url, &err) != 0 || hh_store_open(url, &st, &err) != 0) {
        status = fail(&err);
        goto done;
    }
    if (strcmp(cmd, "db_sync") != 0 && strcmp(cmd, "db_version") != 0) {
        int v = 0;

        if (hh_store_db_version(st, &v, &err) != 0) {
            status = fail(&err);
            goto done;
        }
        if (v != hh_store_schema_latest(st)) {
            fprintf(stderr,
                    "ERROR: the database schema is at version %d, not %d: run heat-manage "
                    "db_sync\n",
                    v, hh_store_schema_latest(st));
            goto done;
        }
    }
    if (strcmp(cmd, "db_sync") == 0)
        status = cmd_db_sync(st, nrest - 1, rest + 1, &err);
    else if (strcmp(cmd, "db_version") == 0)
        status = cmd_db_version(st, nrest - 1, &err);
    else if (strcmp(cmd, "service") == 0)
        status = cmd_service(st, nrest - 1, rest + 1, &err);
    else if (strcmp(cmd, "purge_deleted") == 0)
        status = cmd_purge_deleted(st, nrest - 1, rest + 1, &err);
    else if (strcmp(cmd, "reset_stack_status") == 0)
        status = cmd_reset_stack_status(st, nrest - 1, rest + 1, &err);
    else
        status = cmd_resource_data_list(st, nrest - 1, rest + 1, &err);
done:
    hh_store_close(st);
    hh_conf_free(conf);
    free(url);
    free(rest);
    return status;
}
