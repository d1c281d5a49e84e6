/* heat: the heat-ha command-line client, with python-heatclient's classic
 * verbs. This build offers template-validate offline (no server needed); the
 * verbs that talk to heat-api arrive with the API.
 *
 * Exit codes: 0 success, 1 the request failed (the message says why),
 * 2 bad usage.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_files.h"
#include "hh_kvparams.h"
#include "tmpl_request.h"

#define EXIT_USAGE 2

typedef struct verb {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} verb;

static void print_error(const hh_error *err)
{
    fprintf(stderr, "ERROR: %s\n", err->message);
    if (err->line > 0)
        fprintf(stderr, "  at %s:%d:%d\n", err->source[0] ? err->source : "template", err->line,
                err->column);
}

static void usage_template_validate(FILE *out)
{
    fprintf(out, "usage: heat template-validate -f <FILE> [-e <FILE>]... "
                 "[-P <KEY1=VALUE1;KEY2=VALUE2...>]...\n"
                 "\n"
                 "Validate a template with parameters, offline, and print what Heat's\n"
                 "template-validate returns (JSON).\n"
                 "\n"
                 "  -f, --template-file FILE      path to the template\n"
                 "  -e, --environment-file FILE   environment file; may be repeated\n"
                 "  -P, --parameters K=V;K2=V2    parameter values; may be repeated\n");
}

/* template-validate: the request heatclient would build, handled as the
 * engine handles it. */
static int cmd_template_validate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"template-file", required_argument, NULL, 'f'},
        {"environment-file", required_argument, NULL, 'e'},
        {"parameters", required_argument, NULL, 'P'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *tfile = NULL;
    const char **envs = NULL, **params = NULL;
    size_t nenv = 0, nparam = 0;
    json_t *doc = NULL, *files = json_object(), *env_urls = json_array(), *merged = NULL;
    json_t *pvals = NULL, *result = NULL;
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    hh_srcmap *map = NULL;
    char *url = NULL, *text = NULL;
    hh_error err;
    int c, rc = EXIT_USAGE;

    hh_error_clear(&err);
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:e:P:h", opts, NULL)) != -1) {
        const char ***list = c == 'e' ? &envs : &params;
        size_t *count = c == 'e' ? &nenv : &nparam;
        const char **grown;

        switch (c) {
        case 'f':
            tfile = optarg;
            break;
        case 'e':
        case 'P':
            grown = realloc(*list, (*count + 1) * sizeof(**list));
            if (grown == NULL)
                goto done;
            *list = grown;
            (*list)[(*count)++] = optarg;
            break;
        case 'h':
            usage_template_validate(stdout);
            rc = 0;
            goto done;
        default:
            usage_template_validate(stderr);
            goto done;
        }
    }
    if (tfile == NULL || optind != argc) {
        fprintf(stderr, "ERROR: Need to specify exactly one of [--template-file, "
                        "--template-url or --template-object] or --existing\n");
        goto done;
    }

    rc = 1;
    if (hh_kvparams_parse(params, nparam, &pvals, &err) != 0 ||
        hh_client_read_template(tfile, &doc, &map, files, &url, &err) != 0 ||
        hh_client_read_environments(envs, nenv, &merged, env_urls, files, &err) != 0) {
        print_error(&err);
        goto done;
    }
    {
        hh_tmpl_request req = {
            .template = doc,
            .source = tfile,
            .files = files,
            .environment = merged,
            .environment_files = env_urls,
            .parameters = pvals,
        };

        if (hh_tmpl_request_load_doc(&req, map, NULL, &t, &env, &err) != 0 ||
            hh_tmpl_validate(t, env, &result, &err) != 0) {
            map = NULL;
            print_error(&err);
            goto done;
        }
        map = NULL;
    }
    text = json_dumps(result, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (text == NULL) {
        fprintf(stderr, "ERROR: out of memory\n");
        goto done;
    }
    printf("%s\n", text);
    rc = 0;
done:
    free(text);
    free(url);
    free(envs);
    free(params);
    json_decref(doc);
    json_decref(files);
    json_decref(env_urls);
    json_decref(merged);
    json_decref(pvals);
    json_decref(result);
    hh_srcmap_free(map);
    hh_env_free(env);
    hh_tmpl_free(t);
    return rc;
}

static const verb verbs[] = {
    {"template-validate", cmd_template_validate, "Validate a template with parameters."},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    const verb *v;

    fprintf(out, "usage: heat [--version] [-h|--help] <subcommand> [options]\n\n"
                 "Subcommands:\n");
    for (v = verbs; v->name != NULL; v++)
        fprintf(out, "  %-22s %s\n", v->name, v->summary);
    fprintf(out, "\nSee \"heat help <subcommand>\" or heat(1).\n");
}

static const verb *find_verb(const char *name)
{
    const verb *v;

    for (v = verbs; v->name != NULL; v++)
        if (strcmp(v->name, name) == 0)
            return v;
    return NULL;
}

int main(int argc, char **argv)
{
    const verb *v;

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("%s\n", PACKAGE_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0) {
        char *help[] = {argv[0], "--help", NULL};

        if (argc < 3) {
            usage(stdout);
            return 0;
        }
        v = find_verb(argv[2]);
        if (v == NULL) {
            fprintf(stderr, "ERROR: '%s' is not a heat command. See 'heat --help'.\n", argv[2]);
            return EXIT_USAGE;
        }
        return v->run(2, help);
    }
    v = find_verb(argv[1]);
    if (v == NULL) {
        fprintf(stderr, "ERROR: '%s' is not a heat command. See 'heat --help'.\n", argv[1]);
        return EXIT_USAGE;
    }
    return v->run(argc - 1, argv + 1);
}
