/* client_stacks: the heat client's stack verbs (heatclient/v1/shell.py):
 * stack-create, stack-adopt, stack-preview, stack-list, stack-show,
 * stack-update, stack-delete, stack-abandon, stack-cancel-update and the
 * actions. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "client_cmd.h"
#include "client_files.h"
#include "client_table.h"
#include "hh_kvparams.h"

/* stack-show's formatters; stack-preview's have resources instead of
 * tags (which then print as str()). */
#define STACK_RULES                                                                                \
    {"description", HH_FMT_WRAP}, {"template_description", HH_FMT_WRAP},                           \
        {"stack_status_reason", HH_FMT_WRAP}, {"parameters", HH_FMT_JSON},                         \
        {"outputs", HH_FMT_JSON},                                                                  \
    {                                                                                              \
        "links", HH_FMT_LINKS                                                                      \
    }

static const hh_fmt_rule stack_rules[] = {STACK_RULES, {"tags", HH_FMT_JSON}, {NULL, 0}};
static const hh_fmt_rule preview_rules[] = {STACK_RULES, {"resources", HH_FMT_JSON}, {NULL, 0}};

static const char *const id_names[] = {"<NAME or ID>"};
static const char *const new_names[] = {"<STACK_NAME>"};

/* ---- stack-list ---------------------------------------------------------- */

typedef struct list_args {
    hh_cli_args base;
    hh_strv filters, sort_keys;
    const char *limit, *marker, *tags, *tags_any, *not_tags, *not_tags_any, *sort_dir;
    bool deleted, nested, hidden, global, owner;
} list_args;

#define L(field) offsetof(list_args, field)

static const hh_cli_opt list_opts[] = {
    {"show-deleted", 's', HH_OPT_FLAG, L(deleted), NULL},
    {"show-nested", 'n', HH_OPT_FLAG, L(nested), NULL},
    {"show-hidden", 'a', HH_OPT_FLAG, L(hidden), NULL},
    {"filters", 'f', HH_OPT_LIST, L(filters), "<KEY1=VALUE1;KEY2=VALUE2...>"},
    {"tags", 't', HH_OPT_STR, L(tags), "<TAG1,TAG2...>"},
    {"tags-any", 0, HH_OPT_STR, L(tags_any), "<TAG1,TAG2...>"},
    {"not-tags", 0, HH_OPT_STR, L(not_tags), "<TAG1,TAG2...>"},
    {"not-tags-any", 0, HH_OPT_STR, L(not_tags_any), "<TAG1,TAG2...>"},
    {"limit", 'l', HH_OPT_STR, L(limit), "<LIMIT>"},
    {"marker", 'm', HH_OPT_STR, L(marker), "<ID>"},
    {"sort-keys", 'k', HH_OPT_LIST, L(sort_keys), "<KEY1;KEY2...>"},
    {"sort-dir", 'd', HH_OPT_STR, L(sort_dir), "[asc|desc]"},
    {"global-tenant", 'g', HH_OPT_FLAG, L(global), NULL},
    {"show-owner", 'o', HH_OPT_FLAG, L(owner), NULL},
    {NULL},
};

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

static int cmd_stack_list(hh_cli *cli, hh_cli_args *args)
{
    return stack_list(cli, (const list_args *)args);
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
    /* a NAME/ID given whole keeps its slash */
    esc = strchr(ident, '/') != NULL ? strdup(ident) : hh_client_http_escape(h, ident);
    if (esc == NULL ||
        asprintf(&path, "/stacks/%s%s", esc, resolve ? "" : "?resolve_outputs=False") < 0 ||
        asprintf(&msg, "Stack not found: %s", ident) < 0) {
        path = NULL;
        rc = hh_cli_fail("out of memory");
        goto done;
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

typedef struct show_args {
    hh_cli_args base;
    bool no_resolve;
} show_args;

static const hh_cli_opt show_opts[] = {
    {"no-resolve-outputs", 0, HH_OPT_FLAG, offsetof(show_args, no_resolve), NULL},
    {NULL},
};

static int cmd_stack_show(hh_cli *cli, hh_cli_args *args)
{
    return show_stack(cli, args->pos.v[0], !((const show_args *)args)->no_resolve);
}

/* ---- stack-create, stack-update, stack-adopt, stack-preview --------------- */

typedef struct tmpl_args {
    hh_cli_args base;
    const char *tfile, *turl, *tobject, *tags, *adopt, *rollback;
    hh_strv envs, params, pfiles, clear, hooks;
    long timeout, ctimeout, poll;
    bool enable_rollback, existing, dry_run, show_nested;
} tmpl_args;

#define T(field) offsetof(tmpl_args, field)
#define TMPL_OPTS                                                                                  \
    {"template-file", 'f', HH_OPT_STR, T(tfile), "<FILE>"},                                        \
        {"environment-file", 'e', HH_OPT_LIST, T(envs), "<FILE or URL>"},                          \
        {"template-url", 'u', HH_OPT_STR, T(turl), "<URL>"},                                       \
        {"template-object", 'o', HH_OPT_STR, T(tobject), "<URL>"},                                 \
        {"timeout", 't', HH_OPT_INT, T(timeout), "<TIMEOUT>"},                                     \
        {"enable-rollback", 'r', HH_OPT_FLAG, T(enable_rollback), NULL},                           \
        {"parameters", 'P', HH_OPT_LIST, T(params), "<KEY1=VALUE1;KEY2=VALUE2...>"},               \
        {"parameter-file", 0, HH_OPT_LIST, T(pfiles), "<KEY=FILE>"},                               \
    {                                                                                              \
        "tags", 0, HH_OPT_STR, T(tags), "<TAG1,TAG2>"                                              \
    }

static const hh_cli_opt create_opts[] = {
    TMPL_OPTS,
    {"pre-create", 0, HH_OPT_LIST, T(hooks), "<RESOURCE>"},
    {"create-timeout", 'c', HH_OPT_INT, T(ctimeout), "<TIMEOUT>"},
    {"poll", 0, HH_OPT_POLL, T(poll), "SECONDS"},
    {NULL},
};

static const hh_cli_opt preview_opts[] = {TMPL_OPTS, {NULL}};

static const hh_cli_opt update_opts[] = {
    TMPL_OPTS,
    {"pre-update", 0, HH_OPT_LIST, T(hooks), "<RESOURCE>"},
    {"rollback", 0, HH_OPT_STR, T(rollback), "<VALUE>"},
    {"dry-run", 'y', HH_OPT_FLAG, T(dry_run), NULL},
    {"show-nested", 'n', HH_OPT_FLAG, T(show_nested), NULL},
    {"existing", 'x', HH_OPT_FLAG, T(existing), NULL},
    {"clear-parameter", 'c', HH_OPT_LIST, T(clear), "<PARAMETER>"},
    {NULL},
};

static const hh_cli_opt adopt_opts[] = {
    {"environment-file", 'e', HH_OPT_LIST, T(envs), "<FILE or URL>"},
    {"create-timeout", 'c', HH_OPT_INT, T(ctimeout), "<TIMEOUT>"},
    {"timeout", 't', HH_OPT_INT, T(timeout), "<TIMEOUT>"},
    {"adopt-file", 'a', HH_OPT_STR, T(adopt), "<FILE or URL>"},
    {"enable-rollback", 'r', HH_OPT_FLAG, T(enable_rollback), NULL},
    {"parameters", 'P', HH_OPT_LIST, T(params), "<KEY1=VALUE1;KEY2=VALUE2...>"},
    {NULL},
};

/* format_parameter_file: each -Pf KEY=FILE becomes parameter KEY with the
 * file's text; FILE is relative to the template's directory (tmpl_url,
 * file://..., may be NULL: the working directory). */
static int add_parameter_files(const tmpl_args *a, const char *tmpl_url, json_t *params)
{
    const char *dir = tmpl_url != NULL ? tmpl_url + strlen("file://") : NULL;
    json_t *files = NULL, *f;
    const char *key;
    int rc = hh_cli_kv_pairs(&a->pfiles, &files);

    json_object_foreach(files, key, f)
    {
        const char *name = json_string_value(json_is_array(f) ? json_array_get(f, 0) : f);
        char *path = NULL, *text = NULL;
        size_t len = 0;
        hh_error err;
        json_t *v;

        hh_error_clear(&err);
        if (name[0] == '/' || dir == NULL)
            rc = asprintf(&path, "%s", name);
        else
            rc = asprintf(&path, "%.*s%s", (int)(strrchr(dir, '/') + 1 - dir), dir, name);
        if (rc < 0) {
            rc = hh_cli_fail("out of memory");
            break;
        }
        rc = hh_client_read_file(path, &text, &len, &err);
        if (rc == 0 && (v = json_stringn(text, len)) != NULL)
            json_object_set_new(params, key, v);
        else if (rc == 0)
            hh_error_set(&err, HH_EINVAL, NULL,
                         "Could not fetch contents for file://%s: not UTF-8 text", path);
        free(path);
        free(text);
        if (err.message[0] != '\0') {
            rc = hh_cli_fail("%s", err.message);
            break;
        }
    }
    json_decref(files);
    return rc;
}

/* template_utils.hooks_to_env: each "nested/.../resource" of hooks gets
 * {"hooks": type} under the environment's resource_registry.resources. */
static int hooks_to_env(json_t *env, const hh_strv *hooks, const char *type)
{
    json_t *reg, *node;

    if (hooks->n == 0)
        return 0;
    reg = json_object_get(env, "resource_registry");
    if (reg == NULL)
        json_object_set_new(env, "resource_registry", reg = json_object());
    if (json_object_get(reg, "resources") == NULL)
        json_object_set_new(reg, "resources", json_object());
    for (size_t i = 0; i < hooks->n; i++) {
        char *copy = strdup(hooks->v[i]), *save = NULL, *seg;

        if (copy == NULL)
            return hh_cli_fail("out of memory");
        node = json_object_get(reg, "resources");
        for (seg = strtok_r(copy, "/", &save); seg != NULL && json_is_object(node);
             seg = strtok_r(NULL, "/", &save)) {
            json_t *next = json_object_get(node, seg);

            if (next == NULL)
                json_object_set_new(node, seg, next = json_object());
            node = next;
        }
        free(copy);
        if (!json_is_object(node))
            return hh_cli_fail("Invalid hook %s: the registry entry is not a mapping", hooks->v[i]);
        json_object_set_new(node, "hooks", json_string(type));
    }
    return 0;
}

/* The body heatclient sends for create and update: template (or
 * template_url), files, environment (with hook set on the --pre-create or
 * --pre-update resources), environment_files, parameters (-P and -Pf). */
static int build_body(const tmpl_args *a, bool need_template, const char *hook, json_t **body)
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
    if (add_parameter_files(a, url, params) != 0 || hooks_to_env(env, &a->hooks, hook) != 0)
        goto done;
    json_object_set_new(b, "parameters", params);
    params = NULL;
    json_object_set(b, "files", files);
    json_object_set_new(b, "environment", env);
    env = NULL;
    if (json_array_size(env_urls) > 0)
        json_object_set(b, "environment_files", env_urls);
    if (a->tags != NULL)
        json_object_set_new(b, "tags", json_string(a->tags));
    if (a->timeout > 0 || a->ctimeout > 0)
        json_object_set_new(b, "timeout_mins", json_integer(a->timeout ? a->timeout : a->ctimeout));
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

/* --poll: show the stack, report its events until action ends, show it
 * again. Returns 0 when ACTION_COMPLETE, 1 otherwise. */
static int poll_stack(hh_cli *cli, const char *name, const char *action, long secs)
{
    char *path = NULL, *epath = NULL, *marker = NULL;
    char status[128] = "";
    json_t *log_context = json_object();
    int rc = 1;

    if (log_context == NULL || show_stack(cli, name, true) != 0 ||
        hh_cli_stack_path(cli, name, &path) != 0)
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
        hh_cli_print_event_log(events, log_context);
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
    json_decref(log_context);
    free(path);
    free(epath);
    free(marker);
    return rc;
}

/* stack-create, or with adopt stack-adopt: POST /stacks, then the stack
 * list (and with --poll the events until the action ends). */
static int create_stack(hh_cli *cli, const tmpl_args *a, bool adopt)
{
    const char *name = a->base.pos.v[0];
    json_t *body = NULL;
    char *data = NULL;
    size_t len = 0;
    hh_error err;
    int rc = 1;

    hh_error_clear(&err);
    if (adopt && a->adopt == NULL) {
        hh_cli_fail("Need to specify --adopt-file");
        goto done;
    }
    if (adopt && hh_client_read_file(a->adopt, &data, &len, &err) != 0) {
        hh_cli_fail("%s", err.message);
        goto done;
    }
    if (adopt && len == 0) {
        hh_cli_fail("Invalid adopt-file, no data!");
        goto done;
    }
    if (build_body(a, !adopt, "pre-create", &body) != 0)
        goto done;
    json_object_set_new(body, "stack_name", json_string(name));
    json_object_set_new(body, "disable_rollback", json_boolean(!a->enable_rollback));
    if (adopt)
        json_object_set_new(body, "adopt_stack_data", json_string(data));
    if (hh_cli_call(cli, "POST", "/stacks", body, NULL) != 0)
        goto done;
    rc = stack_list(cli, NULL);
    if (rc == 0 && a->poll > 0)
        rc = poll_stack(cli, name, adopt ? "ADOPT" : "CREATE", a->poll);
done:
    free(data);
    json_decref(body);
    return rc;
}

static int cmd_stack_create(hh_cli *cli, hh_cli_args *args)
{
    return create_stack(cli, (const tmpl_args *)args, false);
}

static int cmd_stack_adopt(hh_cli *cli, hh_cli_args *args)
{
    return create_stack(cli, (const tmpl_args *)args, true);
}

static int cmd_stack_preview(hh_cli *cli, hh_cli_args *args)
{
    const tmpl_args *a = (const tmpl_args *)args;
    json_t *body = NULL, *out = NULL;
    int rc = 1;

    if (build_body(a, true, "pre-create", &body) != 0)
        goto done;
    json_object_set_new(body, "stack_name", json_string(args->pos.v[0]));
    json_object_set_new(body, "disable_rollback", json_boolean(!a->enable_rollback));
    if (hh_cli_call(cli, "POST", "/stacks/preview", body, &out) == 0)
        rc = hh_print_dict(stdout, json_object_get(out, "stack"), preview_rules) ? 1 : 0;
done:
    json_decref(body);
    json_decref(out);
    return rc;
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

static int cmd_stack_update(hh_cli *cli, hh_cli_args *args)
{
    static const char *const fields[] = {"state", "resource_name", "resource_type",
                                         "resource_identity"};
    static const hh_fmt_rule rules[] = {{"resource_identity", HH_FMT_JSON}, {NULL, 0}};
    const tmpl_args *a = (const tmpl_args *)args;
    json_t *body = NULL, *out = NULL, *rows = NULL;
    char *path = NULL, *ppath = NULL;
    int rc = 1;

    if (build_body(a, !a->existing, "pre-update", &body) != 0)
        goto done;
    if (a->existing)
        json_object_set_new(body, "existing", json_true());
    if (a->clear.n > 0) {
        json_t *l = json_array();

        for (size_t i = 0; i < a->clear.n; i++)
            json_array_append_new(l, json_string(a->clear.v[i]));
        json_object_set_new(body, "clear_parameters", l);
    }
    if (a->rollback != NULL) {
        bool rb;

        if (parse_bool(a->rollback, &rb) != 0) {
            hh_cli_fail("Unrecognized value '%s', acceptable values are: '0', '1', 'f', "
                        "'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
                        a->rollback);
            goto done;
        }
        json_object_set_new(body, "disable_rollback", json_boolean(!rb));
    } else if (a->enable_rollback) {
        json_object_set_new(body, "disable_rollback", json_false());
    }
    if (hh_cli_stack_path(cli, args->pos.v[0], &path) != 0)
        goto done;
    if (a->dry_run) {
        const char *k;
        json_t *list;

        if (asprintf(&ppath, "%s/preview%s", path, a->show_nested ? "?show_nested=True" : "") < 0) {
            ppath = NULL;
            goto done;
        }
        if (hh_cli_call(cli, a->existing ? "PATCH" : "PUT", ppath, body, &out) != 0)
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
    if (hh_cli_call(cli, a->existing ? "PATCH" : "PUT", path, body, NULL) != 0)
        goto done;
    rc = stack_list(cli, NULL);
done:
    json_decref(body);
    json_decref(out);
    json_decref(rows);
    free(path);
    free(ppath);
    return rc;
}

/* ---- stack-delete, stack-abandon, actions -------------------------------- */

typedef struct delete_args {
    hh_cli_args base;
    bool yes;
    const char *outfile;
} delete_args;

static const hh_cli_opt delete_opts[] = {
    {"yes", 'y', HH_OPT_FLAG, offsetof(delete_args, yes), NULL},
    {NULL},
};

static int cmd_stack_delete(hh_cli *cli, hh_cli_args *args)
{
    const char *const *ids = args->pos.v;
    int failed = 0, total = (int)args->pos.n;

    if (hh_cli_http(cli) == NULL)
        return 1;
    if (!((const delete_args *)args)->yes &&
        !hh_cli_confirm("Are you sure you want to delete this stack(s) [y/N]? "))
        return 0;
    for (int i = 0; i < total; i++) {
        hh_client_resp r;
        char *esc = hh_client_http_escape(cli->http, ids[i]), *path = NULL;

        if (esc == NULL || asprintf(&path, "/stacks/%s", strchr(ids[i], '/') ? ids[i] : esc) < 0) {
            free(esc);
            return hh_cli_fail("out of memory");
        }
        if (hh_client_http_call(cli->http, "DELETE", path, NULL, true, &r) == 0) {
            printf("Request to delete stack %s has been accepted.\n", ids[i]);
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

static const hh_cli_opt abandon_opts[] = {
    {"output-file", 'O', HH_OPT_STR, offsetof(delete_args, outfile), "<FILE>"},
    {NULL},
};

static int cmd_stack_abandon(hh_cli *cli, hh_cli_args *args)
{
    const char *outfile = ((const delete_args *)args)->outfile;
    char *apath = hh_cli_stack_sub(cli, args->pos.v[0], "/abandon", NULL, NULL, NULL), *text = NULL;
    json_t *out = NULL;
    int rc = 1;

    if (apath == NULL || hh_cli_call(cli, "DELETE", apath, NULL, &out) != 0)
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
    free(apath);
    free(text);
    return rc;
}

/* POST {"ACTION": null} to the stack's actions, then stack-list. */
static int stack_action(hh_cli *cli, const hh_cli_args *args, const char *action)
{
    char *apath = hh_cli_stack_sub(cli, args->pos.v[0], "/actions", NULL, NULL, NULL);
    json_t *body = json_pack("{s:n}", action);
    int rc = 1;

    if (apath != NULL && body != NULL && hh_cli_call(cli, "POST", apath, body, NULL) == 0)
        rc = stack_list(cli, NULL);
    json_decref(body);
    free(apath);
    return rc;
}

static int cmd_suspend(hh_cli *cli, hh_cli_args *args)
{
    return stack_action(cli, args, "suspend");
}

static int cmd_resume(hh_cli *cli, hh_cli_args *args)
{
    return stack_action(cli, args, "resume");
}

static int cmd_check(hh_cli *cli, hh_cli_args *args)
{
    return stack_action(cli, args, "check");
}

static int cmd_cancel_update(hh_cli *cli, hh_cli_args *args)
{
    return stack_action(cli, args, "cancel_update");
}

const hh_cli_verb hh_cli_stack_verbs[] = {
    {"stack-create", cmd_stack_create, "Create the stack.", create_opts, sizeof(tmpl_args),
     new_names, 1, 1},
    {"stack-adopt", cmd_stack_adopt, "Adopt a stack.", adopt_opts, sizeof(tmpl_args), new_names, 1,
     1},
    {"stack-preview", cmd_stack_preview, "Preview the stack.", preview_opts, sizeof(tmpl_args),
     new_names, 1, 1},
    {"stack-list", cmd_stack_list, "List the user's stacks.", list_opts, sizeof(list_args)},
    {"stack-show", cmd_stack_show, "Describe the stack.", show_opts, sizeof(show_args), id_names, 1,
     1},
    {"stack-update", cmd_stack_update, "Update the stack.", update_opts, sizeof(tmpl_args),
     id_names, 1, 1},
    {"stack-delete", cmd_stack_delete, "Delete the stack(s).", delete_opts, sizeof(delete_args),
     id_names, 1, HH_CLI_MANY},
    {"stack-abandon", cmd_stack_abandon, "Abandon the stack.", abandon_opts, sizeof(delete_args),
     id_names, 1, 1},
    {"stack-cancel-update", cmd_cancel_update, "Cancel currently running update of the stack.",
     NULL, 0, id_names, 1, 1},
    {"action-suspend", cmd_suspend, "Suspend the stack.", NULL, 0, id_names, 1, 1},
    {"action-resume", cmd_resume, "Resume the stack.", NULL, 0, id_names, 1, 1},
    {"action-check", cmd_check, "Check that stack resources are in expected states.", NULL, 0,
     id_names, 1, 1},
    {NULL},
};
