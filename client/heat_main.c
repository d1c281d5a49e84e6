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

static const char *env(const char *a, const char *b)
{
    const char *v = getenv(a);

    if ((v == NULL || v[0] == '\0') && b != NULL)
        v = getenv(b);
    return v != NULL && v[0] != '\0' ? v : NULL;
}

static bool truthy(const char *s)
{
    return s != NULL &&
           (strcasecmp(s, "1") == 0 || strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
            strcasecmp(s, "on") == 0 || strcasecmp(s, "y") == 0 || strcasecmp(s, "t") == 0);
}

enum {
    G_HEAT_URL = 256,
    G_NO_AUTH,
    G_USERNAME,
    G_USER_ID,
    G_PASSWORD,
    G_PROJECT_ID,
    G_PROJECT_NAME,
    G_AUTH_URL,
    G_REGION,
    G_TOKEN,
    G_USER_DOMAIN_ID,
    G_USER_DOMAIN_NAME,
    G_PROJECT_DOMAIN_ID,
    G_PROJECT_DOMAIN_NAME,
    G_TIMEOUT,
    G_VERSION,
    G_IGNORED,      /* accepted for heatclient's command lines, no use here */
    G_IGNORED_FLAG, /* the same without an argument */
};

#define BOTH(dash, under, has, val)                                                                \
    {dash, has, NULL, val},                                                                        \
    {                                                                                              \
        under, has, NULL, val                                                                      \
    }

static const struct option global_opts[] = {
    BOTH("heat-url", "heat_url", required_argument, G_HEAT_URL),
    {"os-no-client-auth", no_argument, NULL, G_NO_AUTH},
    BOTH("os-username", "os_username", required_argument, G_USERNAME),
    BOTH("os-user-id", "os_user_id", required_argument, G_USER_ID),
    BOTH("os-password", "os_password", required_argument, G_PASSWORD),
    BOTH("os-project-id", "os_project_id", required_argument, G_PROJECT_ID),
    BOTH("os-tenant-id", "os_tenant_id", required_argument, G_PROJECT_ID),
    BOTH("os-project-name", "os_project_name", required_argument, G_PROJECT_NAME),
    BOTH("os-tenant-name", "os_tenant_name", required_argument, G_PROJECT_NAME),
    BOTH("os-auth-url", "os_auth_url", required_argument, G_AUTH_URL),
    BOTH("os-region-name", "os_region_name", required_argument, G_REGION),
    BOTH("os-auth-token", "os_auth_token", required_argument, G_TOKEN),
    BOTH("os-user-domain-id", "os_user_domain_id", required_argument, G_USER_DOMAIN_ID),
    BOTH("os-user-domain-name", "os_user_domain_name", required_argument, G_USER_DOMAIN_NAME),
    BOTH("os-project-domain-id", "os_project_domain_id", required_argument, G_PROJECT_DOMAIN_ID),
    BOTH("os-project-domain-name", "os_project_domain_name", required_argument,
         G_PROJECT_DOMAIN_NAME),
    {"api-timeout", required_argument, NULL, G_TIMEOUT},
    BOTH("heat-api-version", "heat_api_version", required_argument, G_IGNORED),
    BOTH("os-service-type", "os_service_type", required_argument, G_IGNORED),
    BOTH("os-endpoint-type", "os_endpoint_type", required_argument, G_IGNORED),
    {"os-cacert", required_argument, NULL, G_IGNORED},
    {"ca-file", required_argument, NULL, G_IGNORED},
    {"os-cert", required_argument, NULL, G_IGNORED},
    {"cert-file", required_argument, NULL, G_IGNORED},
    {"os-key", required_argument, NULL, G_IGNORED},
    {"key-file", required_argument, NULL, G_IGNORED},
    {"profile", required_argument, NULL, G_IGNORED},
    {"insecure", no_argument, NULL, G_IGNORED_FLAG},
    {"include-password", no_argument, NULL, G_IGNORED_FLAG},
    {"token-only", no_argument, NULL, G_IGNORED_FLAG},
    {"debug", no_argument, NULL, 'd'},
    {"verbose", no_argument, NULL, 'v'},
    {"version", no_argument, NULL, G_VERSION},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int main(int argc, char **argv)
{
    hh_cli cli = {
        .heat_url = env("HEAT_URL", NULL),
        .token = env("OS_AUTH_TOKEN", NULL),
        .username = env("OS_USERNAME", NULL),
        .user_id = env("OS_USER_ID", NULL),
        .password = env("OS_PASSWORD", NULL),
        .project_id = env("OS_PROJECT_ID", "OS_TENANT_ID"),
        .project_name = env("OS_PROJECT_NAME", "OS_TENANT_NAME"),
        .auth_url = env("OS_AUTH_URL", NULL),
        .region = env("OS_REGION_NAME", NULL),
        .user_domain_id = env("OS_USER_DOMAIN_ID", NULL),
        .user_domain_name = env("OS_USER_DOMAIN_NAME", NULL),
        .project_domain_id = env("OS_PROJECT_DOMAIN_ID", NULL),
        .project_domain_name = env("OS_PROJECT_DOMAIN_NAME", NULL),
        .no_client_auth = truthy(env("OS_NO_CLIENT_AUTH", NULL)),
    };
    const hh_cli_verb *v;
    int c, rc;

    opterr = 1;
    while ((c = getopt_long(argc, argv, "+dvhk", global_opts, NULL)) != -1) {
        switch (c) {
        case G_HEAT_URL:
            cli.heat_url = optarg;
            break;
        case G_NO_AUTH:
            cli.no_client_auth = true;
            break;
        case G_USERNAME:
            cli.username = optarg;
            break;
        case G_USER_ID:
            cli.user_id = optarg;
            break;
        case G_PASSWORD:
            cli.password = optarg;
            break;
        case G_PROJECT_ID:
            cli.project_id = optarg;
            break;
        case G_PROJECT_NAME:
            cli.project_name = optarg;
            break;
        case G_AUTH_URL:
            cli.auth_url = optarg;
            break;
        case G_REGION:
            cli.region = optarg;
            break;
        case G_TOKEN:
            cli.token = optarg;
            break;
        case G_USER_DOMAIN_ID:
            cli.user_domain_id = optarg;
            break;
        case G_USER_DOMAIN_NAME:
            cli.user_domain_name = optarg;
            break;
        case G_PROJECT_DOMAIN_ID:
            cli.project_domain_id = optarg;
            break;
        case G_PROJECT_DOMAIN_NAME:
            cli.project_domain_name = optarg;
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
        case G_IGNORED:
        case G_IGNORED_FLAG:
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
    rc = v->run(&cli, argc - optind, argv + optind);
    hh_client_http_free(cli.http);
    return rc;
}
