/* client_validate: heat template-validate. With a Heat API to ask
 * (--heat-url or env[HEAT_URL], or --os-auth-url) the template goes to
 * POST /validate as heatclient sends it; without one, or with --offline,
 * the request heatclient would build is handled here as the engine
 * handles it, with the error's place in the file. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_cmd.h"
#include "client_files.h"
#include "client_table.h"
#include "hh_kvparams.h"
#include "tmpl_request.h"

typedef struct validate_args {
    hh_cli_args base;
    const char *tfile, *turl, *ignore;
    hh_strv envs, params;
    bool nested, offline;
} validate_args;

#define V(field) offsetof(validate_args, field)

static const hh_cli_opt validate_opts[] = {
    {"template-url", 'u', HH_OPT_STR, V(turl), "<URL>"},
    {"template-file", 'f', HH_OPT_STR, V(tfile), "<FILE>"},
    {"environment-file", 'e', HH_OPT_LIST, V(envs), "<FILE or URL>"},
    {"template-object", 'o', HH_OPT_STR, V(turl), "<URL>"},
    {"show-nested", 'n', HH_OPT_FLAG, V(nested), NULL},
    {"parameters", 'P', HH_OPT_LIST, V(params), "<KEY1=VALUE1;KEY2=VALUE2...>"},
    {"ignore-errors", 'I', HH_OPT_STR, V(ignore), "<ERR1,ERR2...>"},
    {"offline", 0, HH_OPT_FLAG, V(offline), NULL},
    {NULL},
};

static void print_error(const hh_error *err)
{
    fprintf(stderr, "ERROR: %s\n", err->message);
    if (err->line > 0)
        fprintf(stderr, "  at %s:%d:%d\n", err->source[0] ? err->source : "template", err->line,
                err->column);
}

/* The files, environment and parameters heatclient reads client-side. */
typedef struct validate_req {
    json_t *doc, *files, *env_urls, *env, *params;
    hh_srcmap *map;
    char *url;
} validate_req;

static void req_free(validate_req *r)
{
    json_decref(r->doc);
    json_decref(r->files);
    json_decref(r->env_urls);
    json_decref(r->env);
    json_decref(r->params);
    hh_srcmap_free(r->map);
    free(r->url);
}

static int read_request(const validate_args *a, validate_req *r)
{
    hh_error err;

    hh_error_clear(&err);
    r->files = json_object();
    r->env_urls = json_array();
    if (r->files == NULL || r->env_urls == NULL)
        return hh_cli_fail("out of memory");
    if (hh_kvparams_parse(a->params.v, a->params.n, &r->params, &err) != 0 ||
        (a->tfile != NULL &&
         hh_client_read_template(a->tfile, &r->doc, &r->map, r->files, &r->url, &err) != 0) ||
        hh_client_read_environments(a->envs.v, a->envs.n, &r->env, r->env_urls, r->files, &err) !=
            0) {
        print_error(&err);
        return 1;
    }
    return 0;
}

static int validate_offline(const validate_args *a, validate_req *r)
{
    json_t *result = NULL;
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    char *text = NULL;
    hh_error err;
    int rc = 1;
    hh_tmpl_request req = {
        .template = r->doc,
        .source = a->tfile,
        .files = r->files,
        .environment = r->env,
        .environment_files = r->env_urls,
        .parameters = r->params,
    };

    hh_error_clear(&err);
    if (a->tfile == NULL)
        return hh_cli_fail("--template-url needs a Heat API to fetch it: give --heat-url");
    rc = hh_tmpl_request_load_doc(&req, r->map, NULL, &t, &env, &err);
    r->map = NULL; /* taken by the request either way */
    if (rc != 0 || hh_tmpl_validate(t, env, &result, &err) != 0) {
        print_error(&err);
        rc = 1;
        goto done;
    }
    text = json_dumps(result, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (text == NULL) {
        rc = hh_cli_fail("out of memory");
        goto done;
    }
    printf("%s\n", text);
    rc = 0;
done:
    free(text);
    json_decref(result);
    hh_env_free(env);
    hh_tmpl_free(t);
    return rc;
}

static int validate_server(hh_cli *cli, const validate_args *a, validate_req *r)
{
    json_t *body = json_object(), *out = NULL;
    char *q = NULL, *path = NULL;
    int rc = 1;

    if (body == NULL || hh_cli_http(cli) == NULL)
        goto done;
    if (r->doc != NULL)
        json_object_set(body, "template", r->doc);
    else
        json_object_set_new(body, "template_url", json_string(a->turl));
    json_object_set(body, "parameters", r->params);
    json_object_set(body, "files", r->files);
    json_object_set(body, "environment", r->env);
    if (json_array_size(r->env_urls) > 0)
        json_object_set(body, "environment_files", r->env_urls);
    if (a->nested)
        hh_cli_query_add(cli, &q, "show_nested", "True");
    if (a->ignore != NULL)
        hh_cli_query_add(cli, &q, "ignore_errors", a->ignore);
    if (asprintf(&path, "/validate%s", q ? q : "") < 0) {
        path = NULL;
        goto done;
    }
    if (hh_cli_call(cli, "POST", path, body, &out) != 0)
        goto done;
    hh_cli_print_json(out);
    rc = 0;
done:
    json_decref(body);
    json_decref(out);
    free(q);
    free(path);
    return rc;
}

static int cmd_template_validate(hh_cli *cli, hh_cli_args *args)
{
    const validate_args *a = (const validate_args *)args;
    validate_req r = {0};
    int rc;

    if ((a->tfile == NULL) == (a->turl == NULL)) {
        hh_cli_fail("Need to specify exactly one of [--template-file, --template-url or "
                    "--template-object] or --existing");
        return HH_CLI_USAGE;
    }
    rc = read_request(a, &r);
    if (rc == 0 && (a->offline || ((cli->heat_url == NULL || cli->heat_url[0] == '\0') &&
                                   (cli->auth_url == NULL || cli->auth_url[0] == '\0'))))
        rc = validate_offline(a, &r);
    else if (rc == 0)
        rc = validate_server(cli, a, &r);
    req_free(&r);
    return rc;
}

const hh_cli_verb hh_cli_tmpl_verbs[] = {
    {"template-validate", cmd_template_validate, "Validate a template with parameters.",
     validate_opts, sizeof(validate_args)},
    {NULL},
};
