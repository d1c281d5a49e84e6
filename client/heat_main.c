/* heat: the heat-ha command-line client, with python-heatclient's classic
 * verbs and global options (heatclient/shell.py).
 *
 * Global options come before the verb; each has its OS_* (or HEAT_URL)
 * environment variable. Authentication: --os-no-client-auth with
 * --heat-url (http://HOST:8004/v1/TENANT) talks to a noauth heat-api,
 * sending --os-auth-token as X-Auth-Token when given; Keystone is not
 * supported yet and asking for it is an error. template-validate without
 * any API to ask validates offline.
 *
 * Exit codes: 0 success, 1 the request failed (the message says why),
 * 2 bad usage.
 */
#include "config.h"

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client_cmd.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: heat [--version] [-d] [-v] [--api-timeout API_TIMEOUT]\n"
                 "            [--os-no-client-auth] [--heat-url HEAT_URL]\n"
                 "            [--os-username OS_USERNAME] [--os-user-id OS_USER_ID]\n"
                 "            [--os-user-domain-id OS_USER_DOMAIN_ID]\n"
                 "            [--os-user-domain-name OS_USER_DOMAIN_NAME]\n"
                 "            [--os-project-id OS_PROJECT_ID] [--os-project-name OS_PROJECT_NAME]\n"
                 "            [--os-project-domain-id OS_PROJECT_DOMAIN_ID]\n"
                 "            [--os-project-domain-name OS_PROJECT_DOMAIN_NAME]\n"
                 "            [--os-password OS_PASSWORD] [--os-tenant-id OS_TENANT_ID]\n"
                 "            [--os-tenant-name OS_TENANT_NAME] [--os-auth-url OS_AUTH_URL]\n"
                 "            [--os-region-name OS_REGION_NAME] [--os-auth-token OS_AUTH_TOKEN]\n"
                 "            <subcommand> ...\n\n"
                 "Command-line interface to the OpenStack Orchestration API.\n\n"
                 "Positional arguments:\n");
    hh_cli_print_verbs(out);
    fprintf(out, "    %-24s%s\n", "help",
            "Display help about this program or one of its "
            "subcommands.");
    fprintf(out, "\nSee \"heat help COMMAND\" for help on a specific command, or heat(1).\n");
}

static bool truthy(const char *s)
{
    return s != NULL &&
           (strcasecmp(s, "1") == 0 || strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
            strcasecmp(s, "on") == 0 || strcasecmp(s, "y") == 0 || strcasecmp(s, "t") == 0);
}

/* A global option: its long name (the underscore spelling is accepted
 * too), the environment variables that give its default, the field of
 * hh_cli it sets (a string; SET_NONE: accepted for heatclient's command
 * lines, no use here). */
typedef struct global_opt {
    const char *name;
    const char *env, *env2;
    size_t offset;
    bool has_arg;
} global_opt;

#define SET_NONE ((size_t)-1)
#define F(field) offsetof(hh_cli, field)

static const global_opt globals[] = {
    {"heat-url", "HEAT_URL", NULL, F(heat_url), true},
    {"os-username", "OS_USERNAME", NULL, F(username), true},
    {"os-user-id", "OS_USER_ID", NULL, F(user_id), true},
    {"os-password", "OS_PASSWORD", NULL, F(password), true},
    {"os-project-id", "OS_PROJECT_ID", "OS_TENANT_ID", F(project_id), true},
    {"os-tenant-id", NULL, NULL, F(project_id), true},
    {"os-project-name", "OS_PROJECT_NAME", "OS_TENANT_NAME", F(project_name), true},
    {"os-tenant-name", NULL, NULL, F(project_name), true},
    {"os-auth-url", "OS_AUTH_URL", NULL, F(auth_url), true},
    {"os-region-name", "OS_REGION_NAME", NULL, F(region), true},
    {"os-auth-token", "OS_AUTH_TOKEN", NULL, F(token), true},
    {"os-user-domain-id", "OS_USER_DOMAIN_ID", NULL, F(user_domain_id), true},
    {"os-user-domain-name", "OS_USER_DOMAIN_NAME", NULL, F(user_domain_name), true},
    {"os-project-domain-id", "OS_PROJECT_DOMAIN_ID", NULL, F(project_domain_id), true},
    {"os-project-domain-name", "OS_PROJECT_DOMAIN_NAME", NULL, F(project_domain_name), true},
    {"heat-api-version", NULL, NULL, SET_NONE, true},
    {"os-service-type", NULL, NULL, SET_NONE, true},
    {"os-endpoint-type", NULL, NULL, SET_NONE, true},
    {"os-cacert", NULL, NULL, SET_NONE, true},
    {"ca-file", NULL, NULL, SET_NONE, true},
    {"os-cert", NULL, NULL, SET_NONE, true},
    {"cert-file", NULL, NULL, SET_NONE, true},
    {"os-key", NULL, NULL, SET_NONE, true},
    {"key-file", NULL, NULL, SET_NONE, true},
    {"profile", NULL, NULL, SET_NONE, true},
    {"insecure", NULL, NULL, SET_NONE, false},
    {"include-password", NULL, NULL, SET_NONE, false},
    {"token-only", NULL, NULL, SET_NONE, false},
};

#define N_GLOBALS (sizeof(globals) / sizeof(*globals))

enum { G_NO_AUTH = 256, G_TIMEOUT, G_VERSION, G_TABLE = 512 };

/* getopt_long's table: each global twice (dashes, then underscores, at
 * G_TABLE + 2i and + 2i + 1), then the options handled by name. */
static struct option long_opts[2 * N_GLOBALS + 7];
static char underscored[N_GLOBALS][32];

static void build_options(hh_cli *cli)
{
    static const struct option fixed[] = {
        {"os-no-client-auth", no_argument, NULL, G_NO_AUTH},
        {"api-timeout", required_argument, NULL, G_TIMEOUT},
        {"debug", no_argument, NULL, 'd'},
        {"verbose", no_argument, NULL, 'v'},
        {"version", no_argument, NULL, G_VERSION},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    size_t i, n = 0;

    for (i = 0; i < N_GLOBALS; i++) {
        const global_opt *g = &globals[i];
        int has = g->has_arg ? required_argument : no_argument;

        snprintf(underscored[i], sizeof(underscored[i]), "%s", g->name);
        for (char *p = underscored[i]; *p; p++)
            *p = *p == '-' ? '_' : *p;
        long_opts[n++] = (struct option){g->name, has, NULL, G_TABLE + (int)i};
        long_opts[n++] = (struct option){underscored[i], has, NULL, G_TABLE + (int)i};
        if (g->offset != SET_NONE && g->env != NULL) {
            const char *v = getenv(g->env);

            if ((v == NULL || v[0] == '\0') && g->env2 != NULL)
                v = getenv(g->env2);
            if (v != NULL && v[0] != '\0')
                *(const char **)((char *)cli + g->offset) = v;
        }
    }
    memcpy(&long_opts[n], fixed, sizeof(fixed));
    cli->no_client_auth = truthy(getenv("OS_NO_CLIENT_AUTH"));
}

int main(int argc, char **argv)
{
    hh_cli cli = {0};
    const hh_cli_verb *v;
    int c, rc;

    build_options(&cli);
    opterr = 1;
    while ((c = getopt_long(argc, argv, "+dvhk", long_opts, NULL)) != -1) {
        if (c >= G_TABLE && c < G_TABLE + (int)N_GLOBALS) {
            const global_opt *g = &globals[c - G_TABLE];

            if (g->offset != SET_NONE)
                *(const char **)((char *)&cli + g->offset) = optarg;
            continue;
        }
        switch (c) {
        case G_NO_AUTH:
            cli.no_client_auth = true;
            break;
        case G_TIMEOUT: {
            char *end = NULL;

            cli.timeout = strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || cli.timeout < 0) {
                fprintf(stderr, "heat: error: argument --api-timeout: invalid value: '%s'\n",
                        optarg);
                return HH_CLI_USAGE;
            }
            break;
        }
        case 'k':
        case 'v':
            break;
        case 'd':
            cli.debug = true;
            break;
        case G_VERSION:
            printf("%s\n", PACKAGE_VERSION);
            return 0;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return HH_CLI_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return HH_CLI_USAGE;
    }
    if (strcmp(argv[optind], "help") == 0) {
        if (optind + 1 >= argc) {
            usage(stdout);
            return 0;
        }
        if (hh_cli_find_verb(argv[optind + 1]) == NULL) {
            fprintf(stderr, "ERROR: '%s' is not a heat command. See 'heat --help'.\n",
                    argv[optind + 1]);
            return HH_CLI_USAGE;
        }
        hh_cli_print_usage(argv[optind + 1], true);
        return 0;
    }
    v = hh_cli_find_verb(argv[optind]);
    if (v == NULL) {
        fprintf(stderr, "ERROR: '%s' is not a heat command. See 'heat --help'.\n", argv[optind]);
        return HH_CLI_USAGE;
    }
    rc = hh_cli_run_verb(&cli, v, argc - optind, argv + optind);
    hh_client_http_free(cli.http);
    return rc;
}
