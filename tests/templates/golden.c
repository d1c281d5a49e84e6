/* golden: run the golden template cases and speak TAP.
 *
 * Usage: golden DIR...   (each DIR holds case directories; the name of the
 * parent, "valid" or "invalid", says what is expected). The case format is
 * described in tests/templates/README.md. For each case:
 *   valid:   parse, merge the environment files, validate; the answer must
 *            equal expected.json "validate", and the outputs resolved offline
 *            (stack name "golden") must equal expected.json "outputs".
 *   invalid: the phase named in expected-error.json ("validate", or "create"
 *            for the stricter checks before a stack create) must fail with
 *            Heat's error type and message, and at line/column when given.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "golden_case.h"
#include "hh_kvparams.h"
#include "tmpl_request.h"

/* Heat's API words a template text it cannot parse so. */
#define SYNTAX_PREFIX "Template not in valid format: Error parsing template"

/* files/ of a case, recursively, keyed by the path below files/. */
static void load_files(const char *dir, const char *rel, json_t *files)
{
    size_t n, i;
    char **names = golden_list_dir(dir, "", &n);

    for (i = 0; i < n; i++) {
        char path[4096], key[4096];
        struct stat st;

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        snprintf(key, sizeof(key), "%s%s%s", rel, rel[0] ? "/" : "", names[i]);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            load_files(path, key, files);
        } else {
            char *text = golden_slurp(path, NULL);

            if (text != NULL)
                json_object_set_new(files, key, json_string(text));
            free(text);
        }
    }
    golden_free_names(names, n);
}

/* -P arguments of the case's params file, one per line. */
static int load_params(const char *casedir, json_t **params, hh_error *err)
{
    char path[4096], *text, *line, *save = NULL;
    const char **args = NULL;
    size_t n = 0;
    int rc;

    snprintf(path, sizeof(path), "%s/params", casedir);
    text = golden_slurp(path, NULL);
    if (text == NULL) {
        *params = json_object();
        return 0;
    }
    for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        const char **grown = realloc(args, (n + 1) * sizeof(*args));

        if (grown == NULL)
            break;
        args = grown;
        args[n++] = line;
    }
    rc = hh_kvparams_parse(args, n, params, err);
    free(args);
    free(text);
    return rc;
}

/* Load a case as the API receives it from heatclient: the template text,
 * the files map (files/ plus the environment files), the environment files
 * in name order, and the -P parameters. */
static int load_case(const char *casedir, const char *tfile, const char *text, json_t *files,
                     hh_tmpl **t, hh_env **env, hh_error *err)
{
    hh_tmpl_request req = {.source = tfile, .files = files};
    json_t *params = NULL, *env_files = json_array(), *tjson = json_string(text), *doc = NULL;
    hh_srcmap *map = NULL;
    struct stat st;
    char path[4096];
    char **envs = NULL;
    size_t n = 0, i;
    int rc;

    rc = load_params(casedir, &params, err);
    if (rc != 0)
        goto done;
    envs = golden_list_dir(casedir, "env", &n);
    for (i = 0; i < n; i++) {
        char *etext;

        snprintf(path, sizeof(path), "%s/%s", casedir, envs[i]);
        etext = golden_slurp(path, NULL);
        if (etext == NULL)
            continue;
        json_object_set_new(files, envs[i], json_string(etext));
        json_array_append_new(env_files, json_string(envs[i]));
        free(etext);
    }
    req.parameters = params;
    req.environment_files = env_files;
    /* heatclient sends the parsed template as an object unless it cannot
     * parse it (then the text, for Heat to refuse); "raw" cases send text. */
    snprintf(path, sizeof(path), "%s/raw", casedir);
    if (stat(path, &st) != 0 &&
        hh_doc_parse(text, strlen(text), tfile, NULL, &doc, &map, NULL) == 0 &&
        json_is_object(doc) &&
        (json_object_get(doc, "heat_template_version") ||
         json_object_get(doc, "HeatTemplateFormatVersion") ||
         json_object_get(doc, "AWSTemplateFormatVersion"))) {
        req.template = doc;
        rc = hh_tmpl_request_load_doc(&req, map, NULL, t, env, err);
        map = NULL;
    } else {
        req.template = tjson;
        rc = hh_tmpl_request_load(&req, NULL, t, env, err);
    }
done:
    golden_free_names(envs, n);
    json_decref(params);
    json_decref(env_files);
    json_decref(tjson);
    json_decref(doc);
    hh_srcmap_free(map);
    return rc;
}

static char *dump(const json_t *v)
{
    return json_dumps(v, JSON_ENCODE_ANY | JSON_SORT_KEYS | JSON_INDENT(1));
}

/* Compare got with want; on a difference describe both in diag. */
static bool same_json(const json_t *got, const json_t *want, char *diag, size_t len)
{
    char *g, *w;

    if (json_equal((json_t *)got, (json_t *)want))
        return true;
    g = dump(got);
    w = dump(want);
    snprintf(diag, len, "got:\n%s\nwant:\n%s", g ? g : "(null)", w ? w : "(null)");
    free(g);
    free(w);
    return false;
}

/* heat-ha.json of a case: where heat-ha answers differently from Heat on
 * purpose, and why (new reference, NULL when the case has none):
 *   {"why": "...", "refuses": {"type": T, "message_contains": M}}
 *                                                         a valid case refused
 *   {"why": "...", "accepts": true}                       an invalid case accepted
 *   {"why": "...", "type": T, "message": M}               another error
 *   {"skip": "reason"}                                    not checked yet (TAP SKIP) */
static json_t *load_deviation(const char *casedir)
{
    char path[4096];

    snprintf(path, sizeof(path), "%s/heat-ha.json", casedir);
    return json_load_file(path, 0, NULL);
}

/* Outputs {key: value | {"output_error": msg}} split as expected.json
 * holds them: values, and errors {key: msg}. New references. */
static void split_output_errors(const json_t *outputs, json_t **values, json_t **errors)
{
    const char *key;
    json_t *v, *e;

    *values = json_object();
    *errors = json_object();
    json_object_foreach((json_t *)outputs, key, v)
    {
        e = json_is_object(v) ? json_object_get(v, "output_error") : NULL;
        if (e != NULL && json_object_size(v) == 1)
            json_object_set(*errors, key, e);
        else
            json_object_set(*values, key, v);
    }
}

static void run_valid(const char *casedir, const char *name, const char *tfile,
                      const json_t *files)
{
    char path[4096], diag[16384] = "", label[512];
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    hh_error err;
    json_t *expected, *result = NULL, *outputs = NULL, *values = NULL, *errors = NULL;
    json_t *deviation = load_deviation(casedir), *refuses;
    json_error_t jerr;
    char *text;
    size_t len = 0;
    hh_pseudo pseudo = {.stack_name = "golden", .stack_id = "None", .project_id = "admin"};
    int rc;

    snprintf(path, sizeof(path), "%s/expected.json", casedir);
    expected = json_load_file(path, 0, &jerr);
    snprintf(path, sizeof(path), "%s/%s", casedir, tfile);
    text = golden_slurp(path, &len);
    hh_error_clear(&err);
    snprintf(label, sizeof(label), "valid/%s: validate", name);
    if (expected == NULL || text == NULL) {
        golden_report(false, label, "expected.json or the template is missing or unreadable");
        goto done;
    }
    rc = load_case(casedir, tfile, text, (json_t *)files, &t, &env, &err);
    if (rc == 0)
        rc = hh_tmpl_validate(t, env, &result, &err);
    refuses = json_object_get(deviation, "refuses");
    if (refuses != NULL) {
        const char *wt = json_string_value(json_object_get(refuses, "type"));
        const char *wm = json_string_value(json_object_get(refuses, "message_contains"));

        snprintf(diag, sizeof(diag), "deviation from Heat: %s\ngot: %s: %s",
                 json_string_value(json_object_get(deviation, "why")), err.type ? err.type : "?",
                 err.message);
        golden_report(rc != 0 && err.type != NULL && wt != NULL && strcmp(err.type, wt) == 0 &&
                   wm != NULL && strstr(err.message, wm) != NULL,
               label, diag);
        goto done;
    }
    if (rc != 0) {
        char msg[HH_ERROR_MSG_MAX + 512];

        hh_error_format(&err, msg, sizeof(msg));
        snprintf(diag, sizeof(diag), "refused: %s: %s", err.type ? err.type : "?", msg);
        golden_report(false, label, diag);
        goto done;
    }
    golden_report(same_json(result, json_object_get(expected, "validate"), diag, sizeof(diag)), label,
           diag);

    if (json_object_get(expected, "outputs") == NULL)
        goto done;
    snprintf(label, sizeof(label), "valid/%s: outputs", name);
    hh_error_clear(&err);
    rc = hh_tmpl_resolve_outputs(t, env, &pseudo, &outputs, &err);
    if (rc != 0) {
        snprintf(diag, sizeof(diag), "outputs failed: %s", err.message);
        golden_report(false, label, diag);
        goto done;
    }
    split_output_errors(outputs, &values, &errors);
    diag[0] = '\0';
    {
        json_t *want_errors = json_object_get(expected, "output_errors");
        json_t *empty = json_object();
        bool same = same_json(values, json_object_get(expected, "outputs"), diag, sizeof(diag)) &&
                    same_json(errors, want_errors ? want_errors : empty, diag, sizeof(diag));

        json_decref(empty);
        golden_report(same, label, diag);
    }
done:
    free(text);
    json_decref(expected);
    json_decref(result);
    json_decref(outputs);
    json_decref(values);
    json_decref(errors);
    json_decref(deviation);
    hh_env_free(env);
    hh_tmpl_free(t);
}

static void run_invalid(const char *casedir, const char *name, const char *tfile,
                        const json_t *files)
{
    char path[4096], diag[8192] = "", label[512];
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    hh_error err;
    json_t *expected, *result = NULL, *deviation = load_deviation(casedir);
    json_error_t jerr;
    const char *phase, *want_type, *want_msg;
    char *text;
    size_t len = 0;
    hh_pseudo pseudo = {.stack_name = "golden", .stack_id = "None", .project_id = "admin"};
    int rc;

    snprintf(path, sizeof(path), "%s/expected-error.json", casedir);
    expected = json_load_file(path, 0, &jerr);
    snprintf(path, sizeof(path), "%s/%s", casedir, tfile);
    text = golden_slurp(path, &len);
    snprintf(label, sizeof(label), "invalid/%s", name);
    if (expected == NULL || text == NULL) {
        golden_report(false, label, "expected-error.json or the template is missing or unreadable");
        goto done;
    }
    phase = json_string_value(json_object_get(expected, "phase"));
    want_type = json_string_value(json_object_get(expected, "type"));
    want_msg = json_string_value(json_object_get(expected, "message"));
    hh_error_clear(&err);
    rc = load_case(casedir, tfile, text, (json_t *)files, &t, &env, &err);
    if (rc == 0)
        rc = hh_tmpl_validate(t, env, &result, &err);
    if (rc == 0 && phase != NULL && strcmp(phase, "create") == 0)
        rc = hh_tmpl_check_create(t, env, &pseudo, &err);
    if (json_is_string(json_object_get(deviation, "skip"))) {
        golden_skip(label, json_string_value(json_object_get(deviation, "skip")));
        goto done;
    }
    if (json_is_true(json_object_get(deviation, "accepts"))) {
        snprintf(diag, sizeof(diag), "deviation from Heat: %s; heat-ha: %s",
                 json_string_value(json_object_get(deviation, "why")),
                 rc == 0 ? "accepted" : err.message);
        golden_report(rc == 0, label, diag);
        if (rc == 0)
            printf("# %s\n", diag);
        goto done;
    }
    if (json_object_get(deviation, "message") != NULL) {
        want_type = json_string_value(json_object_get(deviation, "type"));
        want_msg = json_string_value(json_object_get(deviation, "message"));
    }
    if (rc == 0 && want_type != NULL && strcmp(want_type, "CreateFailed") == 0) {
        /* Heat created the stack and a resource failed: that is the
         * engine's to show, not the template checks'. */
        golden_skip(label, "a resource fails when created: needs the engine");
        goto done;
    }
    if (rc == 0) {
        golden_report(false, label, "accepted, but Heat refuses it");
        goto done;
    }
    if (want_msg != NULL && strncmp(want_msg, SYNTAX_PREFIX, strlen(SYNTAX_PREFIX)) == 0 &&
        strncmp(err.message, SYNTAX_PREFIX, strlen(SYNTAX_PREFIX)) == 0) {
        /* YAML syntax errors: libyaml words the problem differently from
         * PyYAML; the context (first line) and the place must agree. */
        size_t first = strcspn(want_msg, "\n");

        if (strlen(err.message) < first || strncmp(err.message, want_msg, first) != 0) {
            snprintf(diag, sizeof(diag), "got:  %s\nwant: %s", err.message, want_msg);
            golden_report(false, label, diag);
            goto done;
        }
        want_msg = NULL;
    }
    if (json_is_null(json_object_get(expected, "message"))) {
        /* Heat failed without a message (a crash: 500 RemoteError,
         * RecursionError, ...). heat-ha must refuse the case with a message
         * of its own. */
        snprintf(diag, sizeof(diag), "Heat: %s without a message; heat-ha: %s: %s",
                 want_type ? want_type : "?", err.type ? err.type : "?", err.message);
        golden_report(err.message[0] != '\0', label, diag);
        if (err.message[0] != '\0')
            printf("# %s\n", diag);
        goto done;
    }
    if ((want_type != NULL && (err.type == NULL || strcmp(err.type, want_type) != 0)) ||
        (want_msg != NULL && strcmp(err.message, want_msg) != 0)) {
        snprintf(diag, sizeof(diag), "got:  %s: %s\nwant: %s: %s", err.type ? err.type : "?",
                 err.message, want_type ? want_type : "?", want_msg ? want_msg : "?");
        golden_report(false, label, diag);
        goto done;
    }
    if (json_object_get(expected, "line") != NULL) {
        int wl = (int)json_integer_value(json_object_get(expected, "line"));
        int wc = (int)json_integer_value(json_object_get(expected, "column"));

        if (err.line != wl || (wc > 0 && err.column != wc)) {
            snprintf(diag, sizeof(diag), "place: got line %d column %d, want line %d column %d",
                     err.line, err.column, wl, wc);
            golden_report(false, label, diag);
            goto done;
        }
    }
    golden_report(true, label, NULL);
done:
    free(text);
    json_decref(expected);
    json_decref(result);
    json_decref(deviation);
    hh_env_free(env);
    hh_tmpl_free(t);
}

static void run_case(const char *kinddir, bool valid, const char *name)
{
    char casedir[4096], path[4096];
    const char *tfile = "template.yaml";
    json_t *files = json_object();
    struct stat st;

    snprintf(casedir, sizeof(casedir), "%s/%s", kinddir, name);
    snprintf(path, sizeof(path), "%s/template.yaml", casedir);
    if (stat(path, &st) != 0)
        tfile = "template.json";
    snprintf(path, sizeof(path), "%s/files", casedir);
    load_files(path, "", files);
    if (valid)
        run_valid(casedir, name, tfile, files);
    else
        run_invalid(casedir, name, tfile, files);
    json_decref(files);
}

int main(int argc, char **argv)
{
    int i;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 1; i < argc; i++) {
        const char *dir = argv[i];
        const char *base = strrchr(dir, '/');
        bool valid = strcmp(base ? base + 1 : dir, "valid") == 0;
        size_t n, j;
        char **names = golden_list_dir(dir, "", &n);

        for (j = 0; j < n; j++)
            run_case(dir, valid, names[j]);
        golden_free_names(names, n);
    }
    return golden_done();
}
