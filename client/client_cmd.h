/* client_cmd: what the heat client's verbs share: the global options
 * (--heat-url, --os-*, OS_* environment), the connection made from them,
 * error reporting in heatclient's "ERROR: ..." form, repeatable options
 * and the stack name-or-id lookup.
 *
 * Every verb is a table row: its options and positionals, parsed before
 * run(cli, args) is called; run returns the exit code: 0 success, 1 the
 * request failed (a message on stderr says why), 2 bad usage (the verb's
 * usage on stderr).
 */
#ifndef HH_CLIENT_CMD_H
#define HH_CLIENT_CMD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "client_http.h"

#define HH_CLI_USAGE 2

/* A growing list of borrowed strings (repeatable options). */
typedef struct hh_strv {
    const char **v;
    size_t n;
} hh_strv;
/* Returns 0 or ENOMEM. */
int hh_strv_push(hh_strv *l, const char *s);
void hh_strv_free(hh_strv *l);

/* Global options; strings are borrowed from argv or the environment. */
typedef struct hh_cli {
    const char *heat_url, *token, *username, *user_id, *password, *project_id, *project_name,
        *auth_url, *region, *user_domain_id, *user_domain_name, *project_domain_id,
        *project_domain_name;
    bool no_client_auth, debug;
    long timeout;
    hh_client_http *http; /* made by hh_cli_http, freed by main */
} hh_cli;

/* A verb's option, parsed into a field of the verb's argument struct. */
typedef enum hh_cli_opt_kind {
    HH_OPT_FLAG, /* bool, set by the option */
    HH_OPT_STR,  /* const char *, borrowed from argv (the last one given) */
    HH_OPT_LIST, /* hh_strv: every value, in order (argparse's append) */
    HH_OPT_INT,  /* long, argparse's type=int */
    HH_OPT_POLL, /* long: nargs='?' int whose bare form means 5 (--poll) */
} hh_cli_opt_kind;

typedef struct hh_cli_opt {
    const char *name; /* long name, without "--" */
    int key;          /* short letter, or 0 for a long-only option */
    hh_cli_opt_kind kind;
    size_t offset;       /* of the field in the verb's argument struct */
    const char *metavar; /* shown in the usage; NULL for flags */
    bool hidden;         /* an alias, left out of the usage */
} hh_cli_opt;

/* The head of every verb's argument struct: the positionals (borrowed
 * from argv). A verb with options embeds it as its first member. */
typedef struct hh_cli_args {
    hh_strv pos;
} hh_cli_args;

#define HH_CLI_MANY (-1) /* no upper bound on positionals (nargs='+') */

typedef struct hh_cli_verb {
    const char *name;
    int (*run)(hh_cli *cli, hh_cli_args *args);
    const char *summary;
    const hh_cli_opt *opts;   /* ends with {NULL}; NULL: none but --help */
    size_t args_size;         /* of the struct run receives; 0: hh_cli_args */
    const char *const *names; /* the positionals' metavars */
    int min, max;             /* how many positionals; max may be HH_CLI_MANY */
} hh_cli_verb;

/* The verb tables, each ending with a {NULL} entry. */
extern const hh_cli_verb hh_cli_stack_verbs[];
extern const hh_cli_verb hh_cli_res_verbs[];
extern const hh_cli_verb hh_cli_misc_verbs[];
extern const hh_cli_verb hh_cli_tmpl_verbs[];
extern const hh_cli_verb hh_cli_soft_verbs[];
extern const hh_cli_verb hh_cli_event_verbs[];

/* The verb named name, or NULL. */
const hh_cli_verb *hh_cli_find_verb(const char *name);
/* The summary of every verb, for heat --help. */
void hh_cli_print_verbs(FILE *out);

/* Parse argv (argv[0] the verb's name) into a new argument struct, run the
 * verb, free the struct. Returns the verb's exit code; 0 after --help;
 * HH_CLI_USAGE after a usage error was printed. A "-Pf" token is
 * --parameter-file, as argparse reads heatclient's two-letter option. */
int hh_cli_run_verb(hh_cli *cli, const hh_cli_verb *v, int argc, char **argv);

/* The i-th positional (borrowed), NULL past the last one given. */
const char *hh_cli_pos(const hh_cli_args *a, size_t i);

/* Print "ERROR: <message>" on stderr; returns 1. */
int hh_cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the verb's usage and "heat NAME: error: <message>" (as argparse
 * does); returns HH_CLI_USAGE. */
int hh_cli_usage_error(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The usage of verb on out, made from its option table. */
void hh_cli_print_usage(const char *verb, bool to_stdout);

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

/* GET path and print the list under key with fields[0..n), sorted by
 * column sortby (-1: as given); 404 prints notfound when given. Returns 0
 * or 1. */
int hh_cli_list(hh_cli *cli, const char *path, const char *key, const char *const *fields, size_t n,
                int sortby, const char *notfound);

/* method on path (NULL: fails silently, its maker said why) and print
 * the answer, or its member key, as JSON; 404 prints notfound when given.
 * Returns 0 or 1. */
int hh_cli_call_print(hh_cli *cli, const char *method, const char *path, const json_t *body,
                      const char *key, const char *notfound);

/* *path receives "/stacks/NAME/ID" for the stack named or identified by
 * ident (a lookup's redirect), new string. On failure prints
 * "ERROR: Stack not found: IDENT" (404) or the server's message; 1. */
int hh_cli_stack_path(hh_cli *cli, const char *ident, char **path);

/* "/stacks/NAME/ID" + p1 + a + p2 + b (a and b escaped, may be NULL;
 * p2 may be NULL) after the stack's lookup: a new string, NULL after
 * printing why. */
char *hh_cli_stack_sub(hh_cli *cli, const char *ident, const char *p1, const char *a,
                       const char *p2, const char *b);

/* heatclient's Resource.stack_name / Event.stack_name: each object of
 * rows (borrowed) without one gets it from its "stack" link
 * ".../stacks/NAME/ID". */
void hh_cli_add_stack_names(json_t *rows);

/* heatclient's event log (utils.event_log_formatter): "TIME [NAME]:
 * STATUS  REASON" per event of events (borrowed array), NAME the
 * resource's path through nested stacks ("stack.group.member"). context
 * (borrowed object, may be NULL) keeps what the events taught about
 * nested stacks from one call to the next, as --poll needs. */
void hh_cli_print_event_log(const json_t *events, json_t *context);

/* format_parameters(l, parse_semicolon=False): each "KEY=VALUE" of l
 * split at its first '=', a key given twice a list of its values. *out:
 * new object. 1 after printing "Malformed parameter(...)". */
int hh_cli_kv_pairs(const hh_strv *l, json_t **out);

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
