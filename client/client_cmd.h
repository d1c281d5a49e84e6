/* client_cmd: what the heat client's verbs share: the global options
 * (--heat-url, --os-*, OS_* environment), the connection made from them,
 * error reporting in heatclient's "ERROR: ..." form, repeatable options
 * and the stack name-or-id lookup.
 *
 * Every verb is int run(cli, argc, argv) with argv[0] the verb's name;
 * it returns the exit code: 0 success, 1 the request failed (a message on
 * stderr says why), 2 bad usage (the verb's usage on stderr).
 */
#ifndef HH_CLIENT_CMD_H
#define HH_CLIENT_CMD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "client_http.h"

struct option;

#define HH_CLI_USAGE 2

/* Global options; strings are borrowed from argv or the environment. */
typedef struct hh_cli {
    const char *heat_url, *token, *username, *user_id, *password, *project_id, *project_name,
        *auth_url, *region, *user_domain_id, *user_domain_name, *project_domain_id,
        *project_domain_name;
    bool no_client_auth, debug;
    long timeout;
    hh_client_http *http; /* made by hh_cli_http, freed by main */
} hh_cli;

typedef struct hh_cli_verb {
    const char *name;
    int (*run)(hh_cli *cli, int argc, char **argv);
    const char *summary;
    const char *usage; /* the option synopsis after "heat NAME " */
} hh_cli_verb;

/* The verb tables, each ending with a {NULL} entry. */
extern const hh_cli_verb hh_cli_stack_verbs[];
extern const hh_cli_verb hh_cli_res_verbs[];
extern const hh_cli_verb hh_cli_misc_verbs[];
extern const hh_cli_verb hh_cli_tmpl_verbs[];

/* The verb named name, or NULL. */
const hh_cli_verb *hh_cli_find_verb(const char *name);
/* The summary of every verb, for heat --help. */
void hh_cli_print_verbs(FILE *out);

/* Print "ERROR: <message>" on stderr; returns 1. */
int hh_cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the verb's usage and "heat NAME: error: <message>" (as argparse
 * does); returns HH_CLI_USAGE. */
int hh_cli_usage_error(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The usage of verb on out. */
void hh_cli_print_usage(const char *verb, bool to_stdout);

/* Parse a verb's options and positionals: on_opt(c, arg) takes each
 * option but -h (non-zero: bad usage); between min and max positionals
 * go to pos[] (names[] for the "required" message). Returns 0, -1 after
 * --help was printed, or HH_CLI_USAGE after a usage error was printed.
 * opts may be NULL (only --help). */
int hh_cli_args(int argc, char **argv, const char *shorts, const struct option *opts,
                int (*on_opt)(int c, void *arg), void *arg, int min, int max, const char **pos,
                const char *const *names);

/* The connection (borrowed from cli), or NULL after printing why: no
 * --heat-url, or Keystone authentication asked for. */
hh_client_http *hh_cli_http(hh_cli *cli);

/* One request; on failure prints "ERROR: <server's message>" and returns
 * 1, else 0 with *out (new, may be NULL) when out is not NULL. */
int hh_cli_call(hh_cli *cli, const char *method, const char *path, const json_t *body,
                json_t **out);
/* The same, but a 404 prints "ERROR: <notfound>" instead. */
int hh_cli_call404(hh_cli *cli, const char *method, const char *path, const json_t *body,
                   json_t **out, const char *notfound);

/* *path receives "/stacks/NAME/ID" for the stack named or identified by
 * ident (a lookup's redirect), new string. On failure prints
 * "ERROR: Stack not found: IDENT" (404) or the server's message; 1. */
int hh_cli_stack_path(hh_cli *cli, const char *ident, char **path);

/* A growing list of borrowed strings (repeatable options). */
typedef struct hh_strv {
    const char **v;
    size_t n;
} hh_strv;
/* Returns 0 or ENOMEM. */
int hh_strv_push(hh_strv *l, const char *s);
void hh_strv_free(hh_strv *l);

/* A growing query string "?a=b&c=d" (new text in *q). Values escaped. */
void hh_cli_query_add(hh_cli *cli, char **q, const char *key, const char *value);
/* Add filters given as "-f k=v;k2=v2" (each value or list of values);
 * prints the parse error and returns 1 on malformed input. */
int hh_cli_query_filters(hh_cli *cli, char **q, const hh_strv *filters);

/* heatclient's yes/no prompt: true when standard input is not a terminal
 * or the answer starts with y or Y. */
bool hh_cli_confirm(const char *prompt);

/* print() of a JSON document as jsonutils.dumps(v, indent=2). */
void hh_cli_print_json(const json_t *v);

/* heat stack-list without options (what create, delete and the actions
 * print after they succeed). */
int hh_cli_stack_list_plain(hh_cli *cli);

#endif
