/* client_stacks: the heat client's stack verbs (heatclient/v1/shell.py):
 * stack-create, stack-adopt, stack-list, stack-show, stack-update,
 * stack-delete, stack-abandon, stack-cancel-update and the actions. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client_cmd.h"
#include "client_files.h"
#include "client_table.h"
#include "hh_kvparams.h"

static const hh_fmt_rule stack_rules[] = {
    {"description", HH_FMT_WRAP},
    {"template_description", HH_FMT_WRAP},
    {"stack_status_reason", HH_FMT_WRAP},
    {"parameters", HH_FMT_JSON},
    {"outputs", HH_FMT_JSON},
    {"links", HH_FMT_LINKS},
    {"tags", HH_FMT_JSON},
    {NULL, 0},
};

/* ---- stack-list ---------------------------------------------------------- */

typedef struct list_args {
    hh_strv filters, sort_keys;
    const char *limit, *marker, *tags, *tags_any, *not_tags, *not_tags_any, *sort_dir;
    bool deleted, nested, hidden, global, owner;
} list_args;

static int stack_list(hh_cli *cli, const list_args *a)
{
    static const char *const valid_keys[] = {"stack_name", "stack_status", "creation_time",
                                             "updated_time"};
    const char *fields[8] = {"id", "stack_name", "stack_status", "creation_time", "updated_time"};
    size_t nf = 5;
    int sortby = 3, rc = 1;
    char *q = NULL, *path = NULL;
    json_t *out = NULL, *stacks;

    if (hh_cli_http(cli) == NULL)
        return 1;
    if (a != NULL) {
        if (a->limit)
            hh_cli_query_add(cli, &q, "limit", a->limit);
        if (a->marker)
            hh_cli_query_add(cli, &q, "marker", a->marker);
        if (hh_cli_query_filters(cli, &q, &a->filters) != 0)
            goto done;
        if (a->tags)
            hh_cli_query_add(cli, &q, "tags", a->tags);
        if (a->tags_any)
            hh_cli_query_add(cli, &q, "tags_any", a->tags_any);
        if (a->not_tags)
            hh_cli_query_add(cli, &q, "not_tags", a->not_tags);
        if (a->not_tags_any)
            hh_cli_query_add(cli, &q, "not_tags_any", a->not_tags_any);
        if (a->global)
            hh_cli_query_add(cli, &q, "global_tenant", "True");
        if (a->deleted)
            hh_cli_query_add(cli, &q, "show_deleted", "True");
        if (a->hidden)
            hh_cli_query_add(cli, &q, "show_hidden", "True");
        if (a->nested) {
            fields[nf++] = "parent";
            hh_cli_query_add(cli, &q, "show_nested", "True");
        }
        for (size_t i = 0; i < a->sort_keys.n; i++) {
            char *keys = strdup(a->sort_keys.v[i]), *save = NULL, *k;

            if (keys == NULL)
                goto done;
            for (k = strtok_r(keys, ";", &save); k != NULL; k = strtok_r(NULL, ";", &save)) {
                size_t j;

                for (j = 0; j < 4 && strcmp(k, valid_keys[j]) != 0; j++)
                    ;
                if (j == 4) {
                    hh_cli_fail("Sorting key '%s' not one of the supported keys: ['stack_name', "
                                "'stack_status', 'creation_time', 'updated_time']",
                                k);
                    free(keys);
                    goto done;
                }
                hh_cli_query_add(cli, &q, "sort_keys", k);
            }
            free(keys);
            sortby = -1;
        }
        if (a->sort_dir) {
            if (strcmp(a->sort_dir, "asc") != 0 && strcmp(a->sort_dir, "desc") != 0) {
                hh_cli_fail("Sorting direction must be one of 'asc' and 'desc'");
                goto done;
            }
            hh_cli_query_add(cli, &q, "sort_dir", a->sort_dir);
        }
        if (a->global || a->owner)
            fields[nf++] = "stack_owner";
        if (a->deleted)
            fields[nf++] = "deletion_time";
    }
    if (asprintf(&path, "/stacks%s", q ? q : "") < 0) {
        path = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "GET", path, NULL, &out) != 0)
        goto done;
    stacks = json_object_get(out, "stacks");
    for (size_t i = 0; i < json_array_size(stacks); i++)
        if (json_object_get(json_array_get(stacks, i), "project") != NULL) {
            fields[nf++] = "project";
            break;
        }
    rc = hh_print_list(stdout, stacks, fields, nf, sortby, NULL) == 0 ? 0 : 1;
done:
    json_decref(out);
    free(q);
    free(path);
    return rc;
}

int hh_cli_stack_list_plain(hh_cli *cli)
{
    return stack_list(cli, NULL);
}

static int cmd_stack_list(hh_cli *cli, int argc, char **argv)
{
    enum { O_TAGS_ANY = 256, O_NOT_TAGS, O_NOT_TAGS_ANY };
    static const struct option opts[] = {
        {"show-deleted", no_argument, NULL, 's'},
        {"show-nested", no_argument, NULL, 'n'},
        {"show-hidden", no_argument, NULL, 'a'},
        {"filters", required_argument, NULL, 'f'},
        {"tags", required_argument, NULL, 't'},
        {"tags-any", required_argument, NULL, O_TAGS_ANY},
        {"not-tags", required_argument, NULL, O_NOT_TAGS},
        {"not-tags-any", required_argument, NULL, O_NOT_TAGS_ANY},
        {"limit", required_argument, NULL, 'l'},
        {"marker", required_argument, NULL, 'm'},
        {"sort-keys", required_argument, NULL, 'k'},
        {"sort-dir", required_argument, NULL, 'd'},
        {"global-tenant", no_argument, NULL, 'g'},
        {"show-owner", no_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    list_args a = {0};
    int c, rc = HH_CLI_USAGE;

    optind = 0;
    while ((c = getopt_long(argc, argv, "snaf:t:l:m:k:d:goh", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            a.deleted = true;
            break;
        case 'n':
            a.nested = true;
            break;
        case 'a':
            a.hidden = true;
            break;
        case 'f':
            hh_strv_push(&a.filters, optarg);
            break;
        case 't':
            a.tags = optarg;
            break;
        case O_TAGS_ANY:
            a.tags_any = optarg;
            break;
        case O_NOT_TAGS:
            a.not_tags = optarg;
            break;
        case O_NOT_TAGS_ANY:
            a.not_tags_any = optarg;
            break;
        case 'l':
            a.limit = optarg;
            break;
        case 'm':
            a.marker = optarg;
            break;
        case 'k':
            hh_strv_push(&a.sort_keys, optarg);
            break;
        case 'd':
            a.sort_dir = optarg;
            break;
        case 'g':
            a.global = true;
            break;
        case 'o':
            a.owner = true;
            break;
        case 'h':
            hh_cli_print_usage(argv[0], true);
            rc = 0;
            goto done;
        default:
            hh_cli_print_usage(argv[0], false);
            goto done;
        }
    }
    if (optind != argc) {
        rc = hh_cli_usage_error(argv[0], "unrecognized arguments: %s", argv[optind]);
        goto done;
    }
    rc = stack_list(cli, &a);
done:
    hh_strv_free(&a.filters);
    hh_strv_free(&a.sort_keys);
    return rc;
}

/* ---- stack-show ---------------------------------------------------------- */

static int show_stack(hh_cli *cli, const char *ident, bool resolve)
{
    hh_client_http *h = hh_cli_http(cli);
    char *esc = NULL, *path = NULL, *msg = NULL;
    json_t *out = NULL;
    int rc = 1;

    if (h == NULL)
        return 1;
    esc = hh_client_http_escape(h, ident);
    if (esc == NULL ||
        asprintf(&path, "/stacks/%s%s", esc, resolve ? "" : "?resolve_outputs=False") < 0 ||
        asprintf(&msg, "Stack not found: %s", ident) < 0) {
        rc = hh_cli_fail("out of memory");
        goto done;
    }
    /* a NAME/ID given whole keeps its slash */
    if (strchr(ident, '/') != NULL) {
        free(path);
        if (asprintf(&path, "/stacks/%s%s", ident, resolve ? "" : "?resolve_outputs=False") < 0) {
            path = NULL;
            goto done;
        }
    }
    if (hh_cli_call404(cli, "GET", path, NULL, &out, msg) != 0)
        goto done;
    rc = hh_print_dict(stdout, json_object_get(out, "stack"), stack_rules) == 0 ? 0 : 1;
done:
    json_decref(out);
    free(esc);
    free(path);
    free(msg);
    return rc;
}

static int cmd_stack_show(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"no-resolve-outputs", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool resolve = true;
    int c;

    optind = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'N') {
            resolve = false;
        } else if (c == 'h') {
            hh_cli_print_usage(argv[0], true);
            return 0;
        } else {
            hh_cli_print_usage(argv[0], false);
            return HH_CLI_USAGE;
        }
    }
    if (argc - optind != 1)
        return hh_cli_usage_error(argv[0],
                                  argc == optind ? "the following arguments are "
                                                   "required: <NAME or ID>"
                                                 : "unrecognized arguments: %s",
                                  argv[argc - 1]);
    return show_stack(cli, argv[optind], resolve);
}

/* ---- stack-create, stack-update, stack-adopt ----------------------------- */

typedef struct tmpl_args {
    const char *tfile, *turl, *tobject, *name, *tags, *adopt, *rollback, *outfile;
    hh_strv envs, params, clear;
    long timeout, poll;
    bool enable_rollback, existing, dry_run, show_nested, yes;
} tmpl_args;

/* The body heatclient sends for create and update: template (or
 * template_url), files, environment, environment_files, parameters. */
static int build_body(const tmpl_args *a, bool need_template, json_t **body)
{
    json_t *b = json_object(), *files = json_object(), *env_urls = json_array();
    json_t *tmpl = NULL, *env = NULL, *params = NULL;
    hh_srcmap *map = NULL;
    char *url = NULL;
    hh_error err;
    int rc = 1;

    hh_error_clear(&err);
    *body = NULL;
    if (b == NULL || files == NULL || env_urls == NULL)
        goto oom;
    if (a->tfile != NULL) {
        if (hh_client_read_template(a->tfile, &tmpl, &map, files, &url, &err) != 0) {
            hh_cli_fail("%s", err.message);
            goto done;
        }
        json_object_set_new(b, "template", tmpl);
    } else if (a->turl != NULL || a->tobject != NULL) {
        json_object_set_new(b, "template_url", json_string(a->turl ? a->turl : a->tobject));
    } else if (need_template) {
        hh_cli_fail("Need to specify exactly one of [--template-file, --template-url or "
                    "--template-object] or --existing");
        goto done;
    }
    if (hh_kvparams_parse(a->params.v, a->params.n, &params, &err) != 0 ||
        hh_client_read_environments(a->envs.v, a->envs.n, &env, env_urls, files, &err) != 0) {
        hh_cli_fail("%s", err.message);
        goto done;
    }
    json_object_set_new(b, "parameters", params);
    params = NULL;
    json_object_set(b, "files", files);
    json_object_set_new(b, "environment", env);
    env = NULL;
    if (json_array_size(env_urls) > 0)
        json_object_set(b, "environment_files", env_urls);
    if (a->tags != NULL)
        json_object_set_new(b, "tags", json_string(a->tags));
    if (a->timeout > 0)
        json_object_set_new(b, "timeout_mins", json_integer(a->timeout));
    *body = b;
    b = NULL;
    rc = 0;
    goto done;
oom:
    hh_cli_fail("out of memory");
done:
    hh_srcmap_free(map);
    free(url);
    json_decref(b);
    json_decref(files);
    json_decref(env_urls);
    json_decref(env);
    json_decref(params);
    return rc;
}

static bool parse_long(const char *s, long *out)
{
    char *end = NULL;

    *out = strtol(s, &end, 10);
    return end != s && *end == '\0';
}

enum {
    O_POLL = 256,
    O_TAGS,
    O_ROLLBACK,
    O_PRE,
    O_NO_RESOLVE,
};

/* Options of create, adopt and update, parsed alike; usage errors print
 * and return HH_CLI_USAGE, -1 when help was printed, 0 otherwise. */
static int parse_tmpl_args(int argc, char **argv, const char *shorts, tmpl_args *a)
{
    static const struct option opts[] = {
        {"template-file", required_argument, NULL, 'f'},
        {"environment-file", required_argument, NULL, 'e'},
        {"template-url", required_argument, NULL, 'u'},
        {"template-object", required_argument, NULL, 'o'},
        {"create-timeout", required_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 't'},
        {"enable-rollback", no_argument, NULL, 'r'},
        {"parameters", required_argument, NULL, 'P'},
        {"poll", optional_argument, NULL, O_POLL},
        {"tags", required_argument, NULL, O_TAGS},
        {"adopt-file", required_argument, NULL, 'a'},
        {"rollback", required_argument, NULL, O_ROLLBACK},
        {"dry-run", no_argument, NULL, 'y'},
        {"show-nested", no_argument, NULL, 'n'},
        {"existing", no_argument, NULL, 'x'},
        {"clear-parameter", required_argument, NULL, 'C'},
        {"output-file", required_argument, NULL, 'O'},
        {"yes", no_argument, NULL, 'Y'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *verb = argv[0];
    bool is_update = strcmp(verb, "stack-update") == 0;
    int c;

    optind = 0;
    while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            a->tfile = optarg;
            break;
        case 'u':
            a->turl = optarg;
            break;
        case 'o':
            a->tobject = optarg;
            break;
        case 'a':
            a->adopt = optarg;
            break;
        case 'e':
            hh_strv_push(&a->envs, optarg);
            break;
        case 'P':
            hh_strv_push(&a->params, optarg);
            break;
        case 'C':
            hh_strv_push(&a->clear, optarg);
            break;
        case 'r':
            a->enable_rollback = true;
            break;
        case 'x':
            a->existing = true;
            break;
        case 'n':
            a->show_nested = true;
            break;
        case 'O':
            a->outfile = optarg;
            break;
        case 'Y':
            a->yes = true;
            break;
        case 'y':
            a->dry_run = true;
            break;
        case 'c':
            /* -c is --create-timeout for create and adopt, --clear-parameter for update */
            if (is_update) {
                hh_strv_push(&a->clear, optarg);
                break;
            }
            /* fall through */
        case 't':
            if (!parse_long(optarg, &a->timeout))
                return hh_cli_usage_error(verb, "argument -t/--timeout: invalid int value: '%s'",
                                          optarg);
            break;
        case O_POLL:
            a->poll = 5;
            /* argparse's nargs='?': "--poll 2" takes the number too */
            if (optarg == NULL && optind < argc && argv[optind][0] >= '0' &&
                argv[optind][0] <= '9' && parse_long(argv[optind], &a->poll))
                optind++;
            else if (optarg != NULL && !parse_long(optarg, &a->poll))
                return hh_cli_usage_error(verb, "argument --poll: invalid int value: '%s'", optarg);
            break;
        case O_TAGS:
            a->tags = optarg;
            break;
        case O_ROLLBACK:
            a->rollback = optarg;
            break;
        case 'h':
            hh_cli_print_usage(verb, true);
            return -1;
        default:
            hh_cli_print_usage(verb, false);
            return HH_CLI_USAGE;
        }
    }
    if (argc - optind != 1)
        return hh_cli_usage_error(verb,
                                  argc == optind ? "the following arguments are required: %s"
                                                 : "unrecognized arguments: %s",
                                  argc == optind ? (is_update ? "<NAME or ID>" : "<STACK_NAME>")
                                                 : argv[argc - 1]);
    a->name = argv[optind];
    return 0;
}

static void tmpl_args_free(tmpl_args *a)
{
    hh_strv_free(&a->envs);
    hh_strv_free(&a->params);
    hh_strv_free(&a->clear);
}

/* heatclient's event log line: "TIME [NAME]: STATUS  REASON". */
static void print_event_log(const json_t *events)
{
    for (size_t i = 0; i < json_array_size(events); i++) {
        const json_t *e = json_array_get(events, i);
        const char *t = json_string_value(json_object_get(e, "event_time"));
        char when[64];

        snprintf(when, sizeof(when), "%s", t ? t : "");
        if (strchr(when, 'T'))
            *strchr(when, 'T') = ' ';
        printf("%s [%s]: %s  %s\n", when,
               json_string_value(json_object_get(e, "resource_name")) ?: "",
               json_string_value(json_object_get(e, "resource_status")) ?: "",
               json_string_value(json_object_get(e, "resource_status_reason")) ?: "");
    }
}

/* --poll: show the stack, report its events until action ends, show it
 * again. Returns 0 when ACTION_COMPLETE, 1 otherwise. */
static int poll_stack(hh_cli *cli, const char *name, const char *action, long secs)
{
    char *path = NULL, *epath = NULL, *marker = NULL;
    char status[128] = "";
    int rc = 1;

    if (show_stack(cli, name, true) != 0 || hh_cli_stack_path(cli, name, &path) != 0)
        goto done;
    for (;;) {
        json_t *out = NULL, *events;
        const char *s;
        size_t n;

        free(epath);
        if (asprintf(&epath, "%s/events?sort_dir=asc%s%s", path, marker ? "&marker=" : "",
                     marker ? marker : "") < 0) {
            epath = NULL;
            goto done;
        }
        if (hh_cli_call(cli, "GET", epath, NULL, &out) != 0)
            goto done;
        events = json_object_get(out, "events");
        n = json_array_size(events);
        print_event_log(events);
        if (n > 0) {
            free(marker);
            marker = strdup(json_string_value(json_object_get(json_array_get(events, n - 1), "id"))
                                ?: "");
        }
        json_decref(out);
        if (hh_cli_call(cli, "GET", path, NULL, &out) != 0)
            goto done;
        s = json_string_value(json_object_get(json_object_get(out, "stack"), "stack_status"));
        snprintf(status, sizeof(status), "%s", s ? s : "");
        json_decref(out);
        if (strstr(status, "_IN_PROGRESS") == NULL && n == 0)
            break;
        if (n == 0)
            sleep((unsigned)(secs > 0 ? secs : 1));
    }
    if (show_stack(cli, name, true) != 0)
        goto done;
    {
        char want[64];

        snprintf(want, sizeof(want), "%s_COMPLETE", action);
        if (strcmp(status, want) == 0) {
            printf("\n Stack %s %s \n\n", name, status);
            rc = 0;
        } else {
            hh_cli_fail("\n Stack %s %s \n", name, status);
        }
    }
done:
    free(path);
    free(epath);
    free(marker);
    return rc;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    char *s = NULL;
    size_t n = 0;

    if (f == NULL)
        return NULL;
    {
        FILE *m = open_memstream(&s, &n);
        char buf[4096];
        size_t k;

        if (m == NULL) {
            fclose(f);
            return NULL;
        }
        while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
            fwrite(buf, 1, k, m);
        fclose(m);
    }
    fclose(f);
    return s;
}

/* stack-create, or with adopt stack-adopt: POST /stacks, then the stack
 * list (and with --poll the events until the action ends). */
static int create_stack(hh_cli *cli, int argc, char **argv, bool adopt)
{
    tmpl_args a = {0};
    json_t *body = NULL;
    char *data = NULL;
    int rc = parse_tmpl_args(argc, argv, adopt ? "e:c:t:a:rP:h" : "f:e:u:o:c:t:rP:h", &a);

    if (rc != 0) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    rc = 1;
    if (adopt && a.adopt == NULL) {
        hh_cli_fail("Need to specify --adopt-file");
        goto done;
    }
    if (adopt && (data = read_text(a.adopt)) == NULL) {
        hh_cli_fail("Could not read %s: %m", a.adopt);
        goto done;
    }
    if (build_body(&a, !adopt, &body) != 0)
        goto done;
    json_object_set_new(body, "stack_name", json_string(a.name));
    json_object_set_new(body, "disable_rollback", json_boolean(!a.enable_rollback));
    if (adopt)
        json_object_set_new(body, "adopt_stack_data", json_string(data));
    if (hh_cli_call(cli, "POST", "/stacks", body, NULL) != 0)
        goto done;
    rc = stack_list(cli, NULL);
    if (rc == 0 && a.poll > 0)
        rc = poll_stack(cli, a.name, adopt ? "ADOPT" : "CREATE", a.poll);
done:
    free(data);
    json_decref(body);
    tmpl_args_free(&a);
    return rc;
}

static int cmd_stack_create(hh_cli *cli, int argc, char **argv)
{
    return create_stack(cli, argc, argv, false);
}

static int cmd_stack_adopt(hh_cli *cli, int argc, char **argv)
{
    return create_stack(cli, argc, argv, true);
}

/* strutils.bool_from_string(strict=True) */
static int parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"1", "t", "true", "on", "y", "yes"};
    static const char *const no[] = {"0", "f", "false", "off", "n", "no"};

    for (size_t i = 0; i < 6; i++) {
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

static int cmd_stack_update(hh_cli *cli, int argc, char **argv)
{
    static const char *const fields[] = {"state", "resource_name", "resource_type",
                                         "resource_identity"};
    static const hh_fmt_rule rules[] = {{"resource_identity", HH_FMT_JSON}, {NULL, 0}};
    tmpl_args a = {0};
    json_t *body = NULL, *out = NULL, *rows = NULL;
    char *path = NULL, *ppath = NULL;
    int rc = parse_tmpl_args(argc, argv, "f:e:u:o:t:ryxnP:c:h", &a);

    if (rc != 0) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    rc = 1;
    if (build_body(&a, !a.existing, &body) != 0)
        goto done;
    if (a.existing)
        json_object_set_new(body, "existing", json_true());
    if (a.clear.n > 0) {
        json_t *l = json_array();

        for (size_t i = 0; i < a.clear.n; i++)
            json_array_append_new(l, json_string(a.clear.v[i]));
        json_object_set_new(body, "clear_parameters", l);
    }
    if (a.rollback != NULL) {
        bool rb;

        if (parse_bool(a.rollback, &rb) != 0) {
            hh_cli_fail("Unrecognized value '%s', acceptable values are: '0', '1', 'f', "
                        "'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
                        a.rollback);
            goto done;
        }
        json_object_set_new(body, "disable_rollback", json_boolean(!rb));
    } else if (a.enable_rollback) {
        json_object_set_new(body, "disable_rollback", json_false());
    }
    if (hh_cli_stack_path(cli, a.name, &path) != 0)
        goto done;
    if (a.dry_run) {
        const char *k;
        json_t *list;

        if (asprintf(&ppath, "%s/preview%s", path, a.show_nested ? "?show_nested=True" : "") < 0) {
            ppath = NULL;
            goto done;
        }
        if (hh_cli_call(cli, a.existing ? "PATCH" : "PUT", ppath, body, &out) != 0)
            goto done;
        rows = json_array();
        json_object_foreach(json_object_get(out, "resource_changes"), k, list)
        {
            for (size_t i = 0; i < json_array_size(list); i++) {
                json_t *row = json_copy(json_array_get(list, i));

                if (!json_is_object(row)) {
                    json_decref(row);
                    continue;
                }
                json_object_set_new(row, "state", json_string(k));
                for (size_t f = 0; f < 4; f++)
                    if (json_object_get(row, fields[f]) == NULL)
                        json_object_set_new(row, fields[f], json_null());
                json_array_append_new(rows, row);
            }
        }
        rc = hh_print_list(stdout, rows, fields, 4, -1, rules) == 0 ? 0 : 1;
        goto done;
    }
    if (hh_cli_call(cli, a.existing ? "PATCH" : "PUT", path, body, NULL) != 0)
        goto done;
    rc = stack_list(cli, NULL);
done:
    json_decref(body);
    json_decref(out);
    json_decref(rows);
    free(path);
    free(ppath);
    tmpl_args_free(&a);
    return rc;
}

/* ---- stack-delete, stack-abandon, actions -------------------------------- */

static int cmd_stack_delete(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"yes", no_argument, NULL, 'y'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool yes = false;
    int c, failed = 0, total;

    optind = 0;
    while ((c = getopt_long(argc, argv, "yh", opts, NULL)) != -1) {
        if (c == 'y') {
            yes = true;
        } else if (c == 'h') {
            hh_cli_print_usage(argv[0], true);
            return 0;
        } else {
            hh_cli_print_usage(argv[0], false);
            return HH_CLI_USAGE;
        }
    }
    if (optind == argc)
        return hh_cli_usage_error(argv[0], "the following arguments are required: <NAME or ID>");
    if (hh_cli_http(cli) == NULL)
        return 1;
    if (!yes && !hh_cli_confirm("Are you sure you want to delete this stack(s) [y/N]? "))
        return 0;
    total = argc - optind;
    for (int i = optind; i < argc; i++) {
        hh_client_resp r;
        char *esc = hh_client_http_escape(cli->http, argv[i]), *path = NULL;

        if (esc == NULL ||
            asprintf(&path, "/stacks/%s", strchr(argv[i], '/') ? argv[i] : esc) < 0) {
            free(esc);
            return hh_cli_fail("out of memory");
        }
        if (hh_client_http_call(cli->http, "DELETE", path, NULL, true, &r) == 0) {
            printf("Request to delete stack %s has been accepted.\n", argv[i]);
        } else if (r.status == 404 || r.status == 403) {
            failed++;
            printf("ERROR: %s\n", r.message ? r.message : "");
        } else {
            hh_cli_fail("%s", r.message ? r.message : "out of memory");
            hh_client_resp_clear(&r);
            free(esc);
            free(path);
            return 1;
        }
        hh_client_resp_clear(&r);
        free(esc);
        free(path);
    }
    if (failed)
        return hh_cli_fail("Unable to delete %d of the %d stacks.", failed, total);
    return 0;
}

static int on_abandon_opt(int c, void *arg)
{
    if (c != 'O')
        return -1;
    *(const char **)arg = optarg;
    return 0;
}

static int cmd_stack_abandon(hh_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"output-file", required_argument, NULL, 'O'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char *const names[] = {"<NAME or ID>"};
    const char *ident = NULL, *outfile = NULL;
    char *path = NULL, *apath = NULL, *text = NULL;
    json_t *out = NULL;
    int rc = hh_cli_args(argc, argv, "O:h", opts, on_abandon_opt, &outfile, 1, 1, &ident, names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    if (hh_cli_stack_path(cli, ident, &path) != 0)
        goto done;
    if (asprintf(&apath, "%s/abandon", path) < 0) {
        apath = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "DELETE", apath, NULL, &out) != 0)
        goto done;
    text = hh_fmt_json(out, ",");
    if (text == NULL)
        goto done;
    if (outfile != NULL) {
        FILE *f = fopen(outfile, "w");

        if (f == NULL || fputs(text, f) == EOF) {
            printf("%s\n", text);
            hh_cli_fail("[Errno] %m: '%s'", outfile);
            if (f != NULL)
                fclose(f);
            goto done;
        }
        if (fclose(f) != 0) {
            hh_cli_fail("%s: %m", outfile);
            goto done;
        }
    } else {
        printf("%s\n", text);
    }
    rc = 0;
done:
    json_decref(out);
    free(path);
    free(apath);
    free(text);
    return rc;
}

/* POST {"ACTION": null} to the stack's actions, then stack-list. */
static int stack_action(hh_cli *cli, int argc, char **argv, const char *action)
{
    static const char *const names[] = {"<NAME or ID>"};
    const char *ident = NULL;
    char *path = NULL, *apath = NULL;
    json_t *body = NULL;
    int rc = hh_cli_args(argc, argv, "h", NULL, NULL, NULL, 1, 1, &ident, names);

    if (rc != 0)
        return rc < 0 ? 0 : rc;
    rc = 1;
    if (hh_cli_stack_path(cli, ident, &path) != 0)
        goto done;
    body = json_pack("{s:n}", action);
    if (body == NULL || asprintf(&apath, "%s/actions", path) < 0) {
        apath = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "POST", apath, body, NULL) != 0)
        goto done;
    rc = stack_list(cli, NULL);
done:
    json_decref(body);
    free(path);
    free(apath);
    return rc;
}

static int cmd_suspend(hh_cli *cli, int argc, char **argv)
{
    return stack_action(cli, argc, argv, "suspend");
}

static int cmd_resume(hh_cli *cli, int argc, char **argv)
{
    return stack_action(cli, argc, argv, "resume");
}

static int cmd_check(hh_cli *cli, int argc, char **argv)
{
    return stack_action(cli, argc, argv, "check");
}

static int cmd_cancel_update(hh_cli *cli, int argc, char **argv)
{
    return stack_action(cli, argc, argv, "cancel_update");
}

const hh_cli_verb hh_cli_stack_verbs[] = {
    {"stack-create", cmd_stack_create, "Create the stack.",
     "[-f <FILE>] [-e <FILE or URL>] [-u <URL>] [-o <URL>] [-c <TIMEOUT>] [-t <TIMEOUT>] [-r] "
     "[-P <KEY1=VALUE1;KEY2=VALUE2...>] [--poll [SECONDS]] [--tags <TAG1,TAG2>] <STACK_NAME>"},
    {"stack-adopt", cmd_stack_adopt, "Adopt a stack.",
     "[-e <FILE or URL>] [-c <TIMEOUT>] [-t <TIMEOUT>] [-a <FILE or URL>] [-r] "
     "[-P <KEY1=VALUE1;KEY2=VALUE2...>] <STACK_NAME>"},
    {"stack-list", cmd_stack_list, "List the user's stacks.",
     "[-s] [-n] [-a] [-f <KEY1=VALUE1;KEY2=VALUE2...>] [-t <TAG1,TAG2...>] "
     "[--tags-any <TAG1,TAG2...>] [--not-tags <TAG1,TAG2...>] [--not-tags-any <TAG1,TAG2...>] "
     "[-l <LIMIT>] [-m <ID>] [-k <KEY1;KEY2...>] [-d [asc|desc]] [-g] [-o]"},
    {"stack-show", cmd_stack_show, "Describe the stack.", "[--no-resolve-outputs] <NAME or ID>"},
    {"stack-update", cmd_stack_update, "Update the stack.",
     "[-f <FILE>] [-e <FILE or URL>] [-u <URL>] [-o <URL>] [-t <TIMEOUT>] [-r] "
     "[--rollback <VALUE>] [-y] [-n] [-P <KEY1=VALUE1;KEY2=VALUE2...>] [-x] "
     "[-c <PARAMETER>] [--tags <TAG1,TAG2>] <NAME or ID>"},
    {"stack-delete", cmd_stack_delete, "Delete the stack(s).",
     "[-y] <NAME or ID> [<NAME or ID> ...]"},
    {"stack-abandon", cmd_stack_abandon, "Abandon the stack.", "[-O <FILE>] <NAME or ID>"},
    {"stack-cancel-update", cmd_cancel_update, "Cancel currently running update of the stack.",
     "<NAME or ID>"},
    {"action-suspend", cmd_suspend, "Suspend the stack.", "<NAME or ID>"},
    {"action-resume", cmd_resume, "Resume the stack.", "<NAME or ID>"},
    {"action-check", cmd_check, "Check that stack resources are in expected states.",
     "<NAME or ID>"},
    {NULL, NULL, NULL, NULL},
};
