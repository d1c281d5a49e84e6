/* client_cmd: shared parts of the heat client's verbs (see client_cmd.h). */
#include "config.h"

#include "client_cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client_table.h"
#include "hh_kvparams.h"

int hh_cli_fail(const char *fmt, ...)
{
    va_list ap;

    fputs("ERROR: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

static const hh_cli_verb *const tables[] = {hh_cli_stack_verbs, hh_cli_res_verbs,
                                            hh_cli_tmpl_verbs,  hh_cli_misc_verbs,
                                            hh_cli_soft_verbs,  hh_cli_event_verbs};

const hh_cli_verb *hh_cli_find_verb(const char *name)
{
    for (size_t t = 0; t < sizeof(tables) / sizeof(*tables); t++)
        for (const hh_cli_verb *v = tables[t]; v->name != NULL; v++)
            if (strcmp(v->name, name) == 0)
                return v;
    return NULL;
}

void hh_cli_print_verbs(FILE *out)
{
    for (size_t t = 0; t < sizeof(tables) / sizeof(*tables); t++)
        for (const hh_cli_verb *v = tables[t]; v->name != NULL; v++)
            fprintf(out, "    %-24s%s\n", v->name, v->summary);
}

static void print_usage_of(const hh_cli_verb *v, FILE *out)
{
    int n = 0;

    n += fprintf(out, "usage: heat %s", v->name);
    for (const hh_cli_opt *o = v->opts; o != NULL && o->name != NULL; o++) {
        char dash[64];
        int w;

        if (o->hidden)
            continue;
        if (o->key != 0)
            snprintf(dash, sizeof(dash), "-%c", o->key);
        else if (strcmp(o->name, "parameter-file") == 0)
            snprintf(dash, sizeof(dash), "-Pf"); /* argparse's two-letter option */
        else
            snprintf(dash, sizeof(dash), "--%s", o->name);
        w = (int)strlen(dash) + 3 + (o->metavar ? (int)strlen(o->metavar) + 1 : 0) +
            (o->kind == HH_OPT_POLL ? 2 : 0);
        if (n + w > 79)
            n = fprintf(out, "\n%*s", 11 + (int)strlen(v->name), "") - 1;
        if (o->kind == HH_OPT_POLL)
            n += fprintf(out, " [%s [%s]]", dash, o->metavar);
        else if (o->kind == HH_OPT_FLAG)
            n += fprintf(out, " [%s]", dash);
        else
            n += fprintf(out, " [%s %s]", dash, o->metavar);
    }
    for (int i = 0; i < v->min || (v->max != HH_CLI_MANY && i < v->max) ||
                    (v->max == HH_CLI_MANY && i == v->min && i > 0);
         i++) {
        const char *name = v->names[i < v->min || v->max != HH_CLI_MANY ? i : i - 1];
        int w = (int)strlen(name) + (i < v->min ? 1 : v->max == HH_CLI_MANY ? 7 : 3);

        if (n + w > 79)
            n = fprintf(out, "\n%*s", 11 + (int)strlen(v->name), "") - 1;
        if (i < v->min)
            n += fprintf(out, " %s", name);
        else if (v->max == HH_CLI_MANY)
            n += fprintf(out, " [%s ...]", name);
        else
            n += fprintf(out, " [%s]", name);
    }
    fputc('\n', out);
}

void hh_cli_print_usage(const char *verb, bool to_stdout)
{
    const hh_cli_verb *v = hh_cli_find_verb(verb);
    FILE *out = to_stdout ? stdout : stderr;

    if (v == NULL)
        return;
    print_usage_of(v, out);
    if (to_stdout)
        fprintf(out, "\n%s\n\nSee heat(1) for every option.\n", v->summary);
}

int hh_cli_usage_error(const char *verb, const char *fmt, ...)
{
    va_list ap;

    hh_cli_print_usage(verb, false);
    fprintf(stderr, "heat %s: error: ", verb);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return HH_CLI_USAGE;
}

const char *hh_cli_pos(const hh_cli_args *a, size_t i)
{
    return i < a->pos.n ? a->pos.v[i] : NULL;
}

static bool parse_long(const char *s, long *out)
{
    char *end = NULL;

    errno = 0;
    *out = strtol(s, &end, 10);
    return end != s && *end == '\0' && errno == 0;
}

#define MAX_OPTS 40

/* One option's value into its field; HH_CLI_USAGE after a usage error. */
static int take_opt(const hh_cli_verb *v, const hh_cli_opt *o, void *args, int argc, char **argv)
{
    char *field = (char *)args + o->offset, name[80];

    if (o->key != 0)
        snprintf(name, sizeof(name), "-%c/--%s", o->key, o->name);
    else
        snprintf(name, sizeof(name), "--%s", o->name);
    switch (o->kind) {
    case HH_OPT_FLAG:
        *(bool *)field = true;
        return 0;
    case HH_OPT_STR:
        *(const char **)field = optarg;
        return 0;
    case HH_OPT_LIST:
        return hh_strv_push((hh_strv *)field, optarg) == 0 ? 0 : hh_cli_fail("out of memory");
    case HH_OPT_INT:
        if (!parse_long(optarg, (long *)field))
            return hh_cli_usage_error(v->name, "argument %s: invalid int value: '%s'", name,
                                      optarg);
        return 0;
    case HH_OPT_POLL:
        *(long *)field = 5;
        /* argparse's nargs='?': "--poll 2" takes the number too */
        if (optarg == NULL && optind < argc && argv[optind][0] >= '0' && argv[optind][0] <= '9' &&
            parse_long(argv[optind], (long *)field))
            optind++;
        else if (optarg != NULL && !parse_long(optarg, (long *)field))
            return hh_cli_usage_error(v->name, "argument %s: invalid int value: '%s'", name,
                                      optarg);
        return 0;
    }
    return HH_CLI_USAGE;
}

/* getopt_long's tables from the verb's options: long-only options get the
 * values 256 + their index. */
static void getopt_tables(const hh_cli_verb *v, char *shorts, struct option *longs)
{
    size_t n = 0, k = 0;

    for (const hh_cli_opt *o = v->opts; o != NULL && o->name != NULL && n < MAX_OPTS; o++, n++) {
        int has = o->kind == HH_OPT_FLAG   ? no_argument
                  : o->kind == HH_OPT_POLL ? optional_argument
                                           : required_argument;

        longs[n] = (struct option){o->name, has, NULL, o->key ? o->key : 256 + (int)n};
        if (o->key != 0) {
            shorts[k++] = (char)o->key;
            if (has == required_argument)
                shorts[k++] = ':';
        }
    }
    longs[n++] = (struct option){"help", no_argument, NULL, 'h'};
    longs[n] = (struct option){NULL, 0, NULL, 0};
    shorts[k++] = 'h';
    shorts[k] = '\0';
}

static const hh_cli_opt *opt_for(const hh_cli_verb *v, int c)
{
    size_t n = 0;

    for (const hh_cli_opt *o = v->opts; o != NULL && o->name != NULL; o++, n++)
        if ((o->key != 0 && o->key == c) || (o->key == 0 && c == 256 + (int)n))
            return o;
    return NULL;
}

static void free_args(const hh_cli_verb *v, hh_cli_args *a)
{
    if (a == NULL)
        return;
    for (const hh_cli_opt *o = v->opts; o != NULL && o->name != NULL; o++)
        if (o->kind == HH_OPT_LIST)
            hh_strv_free((hh_strv *)((char *)a + o->offset));
    hh_strv_free(&a->pos);
    free(a);
}

int hh_cli_run_verb(hh_cli *cli, const hh_cli_verb *v, int argc, char **argv)
{
    static char pf[] = "--parameter-file";
    struct option longs[MAX_OPTS + 2];
    char shorts[3 * MAX_OPTS + 4];
    hh_cli_args *a = calloc(1, v->args_size > 0 ? v->args_size : sizeof(*a));
    int c, n, rc = HH_CLI_USAGE;

    if (a == NULL)
        return hh_cli_fail("out of memory");
    /* argparse takes options and positionals in any order: getopt permutes */
    getopt_tables(v, shorts, longs);
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "-Pf") == 0)
            argv[i] = pf;
    optind = 0;
    opterr = 1;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const hh_cli_opt *o = opt_for(v, c);

        if (c == 'h' && o == NULL) {
            hh_cli_print_usage(v->name, true);
            rc = 0;
            goto done;
        }
        if (o == NULL) {
            hh_cli_print_usage(v->name, false);
            goto done;
        }
        if (take_opt(v, o, a, argc, argv) != 0)
            goto done;
    }
    n = argc - optind;
    if (n < v->min) {
        char list[256] = "";

        for (int i = n; i < v->min; i++)
            snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i > n ? ", " : "",
                     v->names[i]);
        rc = hh_cli_usage_error(v->name, "the following arguments are required: %s", list);
        goto done;
    }
    if (v->max != HH_CLI_MANY && n > v->max) {
        rc = hh_cli_usage_error(v->name, "unrecognized arguments: %s", argv[optind + v->max]);
        goto done;
    }
    for (int i = optind; i < argc; i++)
        if (hh_strv_push(&a->pos, argv[i]) != 0) {
            rc = hh_cli_fail("out of memory");
            goto done;
        }
    rc = v->run(cli, a);
done:
    free_args(v, a);
    return rc;
}

hh_client_http *hh_cli_http(hh_cli *cli)
{
    if (cli->http != NULL)
        return cli->http;
    if (!cli->no_client_auth) {
        hh_cli_fail("Keystone authentication is not supported by this client yet: use "
                    "--os-no-client-auth with --heat-url (or env[OS_NO_CLIENT_AUTH] and "
                    "env[HEAT_URL]) against a noauth heat-api");
        return NULL;
    }
    if (cli->heat_url == NULL || cli->heat_url[0] == '\0') {
        hh_cli_fail("If you specify --os-no-client-auth you must also specify a Heat API URL "
                    "via either --heat-url or env[HEAT_URL]");
        return NULL;
    }
    cli->http = hh_client_http_new(cli->heat_url, cli->token, cli->timeout, cli->debug);
    if (cli->http == NULL)
        hh_cli_fail("out of memory");
    return cli->http;
}

int hh_cli_call404(hh_cli *cli, const char *method, const char *path, const json_t *body,
                   json_t **out, const char *notfound)
{
    hh_client_http *h = hh_cli_http(cli);
    hh_client_resp r;

    if (out != NULL)
        *out = NULL;
    if (h == NULL)
        return 1;
    if (hh_client_http_call(h, method, path, body, true, &r) != 0) {
        if (r.status == 404 && notfound != NULL)
            hh_cli_fail("%s", notfound);
        else
            hh_cli_fail("%s", r.message != NULL ? r.message : "out of memory");
        hh_client_resp_clear(&r);
        return 1;
    }
    if (out != NULL) {
        *out = r.json;
        r.json = NULL;
    }
    hh_client_resp_clear(&r);
    return 0;
}

int hh_cli_call(hh_cli *cli, const char *method, const char *path, const json_t *body, json_t **out)
{
    return hh_cli_call404(cli, method, path, body, out, NULL);
}

int hh_cli_stack_path(hh_cli *cli, const char *ident, char **path)
{
    hh_client_http *h = hh_cli_http(cli);
    hh_client_resp r;
    char *esc = NULL, *req = NULL;
    int rc = 1;

    *path = NULL;
    if (h == NULL)
        return 1;
    if (strchr(ident, '/') != NULL) {
        /* already NAME/ID, as heatclient accepts it */
        if (asprintf(path, "/stacks/%s", ident) < 0) {
            *path = NULL;
            return hh_cli_fail("out of memory");
        }
        return 0;
    }
    esc = hh_client_http_escape(h, ident);
    if (esc == NULL || asprintf(&req, "/stacks/%s", esc) < 0) {
        free(esc);
        return hh_cli_fail("out of memory");
    }
    if (hh_client_http_call(h, "GET", req, NULL, false, &r) != 0) {
        if (r.status == 404)
            hh_cli_fail("Stack not found: %s", ident);
        else
            hh_cli_fail("%s", r.message != NULL ? r.message : "out of memory");
        goto done;
    }
    if (r.location != NULL) {
        const char *p = strstr(r.location, "/stacks/");

        if (p != NULL && (*path = strdup(p)) != NULL)
            rc = 0;
    } else if (r.json != NULL) {
        const char *name =
            json_string_value(json_object_get(json_object_get(r.json, "stack"), "stack_name"));
        const char *id = json_string_value(json_object_get(json_object_get(r.json, "stack"), "id"));

        if (name != NULL && id != NULL && asprintf(path, "/stacks/%s/%s", name, id) >= 0)
            rc = 0;
        else
            *path = NULL;
    }
    if (rc != 0)
        hh_cli_fail("Stack not found: %s", ident);
done:
    hh_client_resp_clear(&r);
    free(esc);
    free(req);
    return rc;
}

char *hh_cli_stack_sub(hh_cli *cli, const char *ident, const char *p1, const char *a,
                       const char *p2, const char *b)
{
    char *path = NULL, *out = NULL, *ea = NULL, *eb = NULL;

    if (hh_cli_stack_path(cli, ident, &path) != 0)
        return NULL;
    ea = a != NULL ? hh_client_http_escape(cli->http, a) : NULL;
    eb = b != NULL ? hh_client_http_escape(cli->http, b) : NULL;
    if (asprintf(&out, "%s%s%s%s%s", path, p1, ea ? ea : "", p2 ? p2 : "", eb ? eb : "") < 0)
        out = NULL;
    if (out == NULL)
        hh_cli_fail("out of memory");
    free(path);
    free(ea);
    free(eb);
    return out;
}

int hh_cli_list(hh_cli *cli, const char *path, const char *key, const char *const *fields, size_t n,
                int sortby, const char *notfound)
{
    json_t *out = NULL;
    int rc = hh_cli_call404(cli, "GET", path, NULL, &out, notfound);

    if (rc == 0)
        rc = hh_print_list(stdout, json_object_get(out, key), fields, n, sortby, NULL) ? 1 : 0;
    json_decref(out);
    return rc;
}

int hh_cli_call_print(hh_cli *cli, const char *method, const char *path, const json_t *body,
                      const char *key, const char *notfound)
{
    json_t *out = NULL;
    int rc;

    if (path == NULL)
        return 1;
    rc = hh_cli_call404(cli, method, path, body, &out, notfound);
    if (rc == 0)
        hh_cli_print_json(key != NULL ? json_object_get(out, key) : out);
    json_decref(out);
    return rc;
}

void hh_cli_add_stack_names(json_t *rows)
{
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *r = json_array_get(rows, i), *links = json_object_get(r, "links");

        if (json_object_get(r, "stack_name") != NULL)
            continue;
        for (size_t j = 0; j < json_array_size(links); j++) {
            json_t *l = json_array_get(links, j);
            const char *rel = json_string_value(json_object_get(l, "rel"));
            const char *href = json_string_value(json_object_get(l, "href"));

            if (rel != NULL && href != NULL && strcmp(rel, "stack") == 0) {
                const char *end = strrchr(href, '/'), *start = end;

                while (start != NULL && start > href && start[-1] != '/')
                    start--;
                if (end != NULL && start != NULL)
                    json_object_set_new(r, "stack_name",
                                        json_stringn(start, (size_t)(end - start)));
            }
        }
    }
}

int hh_cli_kv_pairs(const hh_strv *l, json_t **out)
{
    json_t *o = json_object();

    *out = NULL;
    if (o == NULL)
        return hh_cli_fail("out of memory");
    for (size_t i = 0; i < l->n; i++) {
        const char *eq = strchr(l->v[i], '=');
        char *key = eq != NULL ? strndup(l->v[i], (size_t)(eq - l->v[i])) : NULL;
        json_t *old, *v;

        if (key == NULL) {
            json_decref(o);
            return eq == NULL
                       ? hh_cli_fail("Malformed parameter(%s). Use the key=value format.", l->v[i])
                       : hh_cli_fail("out of memory");
        }
        v = json_string(eq + 1);
        old = json_object_get(o, key);
        if (old == NULL) {
            json_object_set_new(o, key, v);
        } else if (json_is_array(old)) {
            json_array_append_new(old, v);
        } else {
            json_t *list = json_pack("[O]", old);

            json_array_append_new(list, v);
            json_object_set_new(o, key, list);
        }
        free(key);
    }
    *out = o;
    return 0;
}

int hh_strv_push(hh_strv *l, const char *s)
{
    const char **grown = realloc(l->v, (l->n + 1) * sizeof(*grown));

    if (grown == NULL)
        return ENOMEM;
    l->v = grown;
    l->v[l->n++] = s;
    return 0;
}

void hh_strv_free(hh_strv *l)
{
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void hh_cli_query_add(hh_cli *cli, char **q, const char *key, const char *value)
{
    hh_client_http *h = hh_cli_http(cli);
    char *ev = h != NULL ? hh_client_http_escape(h, value) : NULL;
    char *ek = h != NULL ? hh_client_http_escape(h, key) : NULL;
    char *next = NULL;

    if (ev != NULL && ek != NULL &&
        asprintf(&next, "%s%s%s=%s", *q ? *q : "", *q ? "&" : "?", ek, ev) >= 0) {
        free(*q);
        *q = next;
    }
    free(ev);
    free(ek);
}

int hh_cli_query_filters(hh_cli *cli, char **q, const hh_strv *filters)
{
    json_t *f = NULL, *v;
    const char *k;
    hh_error err;

    hh_error_clear(&err);
    if (filters->n == 0)
        return 0;
    if (hh_kvparams_parse(filters->v, filters->n, &f, &err) != 0)
        return hh_cli_fail("%s", err.message);
    json_object_foreach(f, k, v)
    {
        if (json_is_array(v)) {
            for (size_t i = 0; i < json_array_size(v); i++)
                hh_cli_query_add(cli, q, k, json_string_value(json_array_get(v, i)));
        } else {
            hh_cli_query_add(cli, q, k, json_string_value(v));
        }
    }
    json_decref(f);
    return 0;
}

bool hh_cli_confirm(const char *prompt)
{
    char answer[16] = "";

    if (!isatty(STDIN_FILENO))
        return true;
    fputs(prompt, stdout);
    fflush(stdout);
    return fgets(answer, sizeof(answer), stdin) != NULL && (answer[0] == 'y' || answer[0] == 'Y');
}

void hh_cli_print_json(const json_t *v)
{
    char *s = hh_fmt_json(v, ",");

    printf("%s\n", s != NULL ? s : "");
    free(s);
}
