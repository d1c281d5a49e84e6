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

static const hh_cli_verb *const tables[] = {hh_cli_stack_verbs, hh_cli_res_verbs, hh_cli_tmpl_verbs,
                                            hh_cli_misc_verbs};

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

void hh_cli_print_usage(const char *verb, bool to_stdout)
{
    const hh_cli_verb *v = hh_cli_find_verb(verb);
    FILE *out = to_stdout ? stdout : stderr;

    if (v == NULL)
        return;
    fprintf(out, "usage: heat %s %s\n", v->name, v->usage);
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

int hh_cli_args(int argc, char **argv, const char *shorts, const struct option *opts,
                int (*on_opt)(int c, void *arg), void *arg, int min, int max, const char **pos,
                const char *const *names)
{
    static const struct option help[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c, n;

    optind = 0;
    while ((c = getopt_long(argc, argv, shorts, opts ? opts : help, NULL)) != -1) {
        if (c == 'h') {
            hh_cli_print_usage(argv[0], true);
            return -1;
        }
        if (c == '?' || c == ':' || on_opt == NULL || on_opt(c, arg) != 0) {
            hh_cli_print_usage(argv[0], false);
            return HH_CLI_USAGE;
        }
    }
    n = argc - optind;
    if (n < min) {
        char list[256] = "";

        for (int i = n; i < min; i++)
            snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i > n ? ", " : "",
                     names[i]);
        return hh_cli_usage_error(argv[0], "the following arguments are required: %s", list);
    }
    if (n > max)
        return hh_cli_usage_error(argv[0], "unrecognized arguments: %s", argv[optind + max]);
    for (int i = 0; i < max; i++)
        pos[i] = i < n ? argv[optind + i] : NULL;
    return 0;
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
