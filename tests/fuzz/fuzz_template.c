/* libFuzzer target: the whole template pipeline on arbitrary text. Parse as
 * a template, validate, check as before a create, build the dependency
 * graph and resolve the outputs; every failure must be a clean error. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "tmpl_request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hh_tmpl *t = NULL;
    hh_env *env = NULL;
    json_t *text = json_stringn((const char *)data, size), *result = NULL, *graph = NULL;
    json_t *outputs = NULL;
    hh_tmpl_request req = {.source = "fuzz.yaml"};
    hh_pseudo pseudo = {.stack_name = "fuzz", .stack_id = "id", .project_id = "p"};
    hh_error err;

    if (text == NULL) /* not UTF-8: the API refuses such a body before */
        return 0;
    req.template = text;
    hh_error_clear(&err);
    if (hh_tmpl_request_load(&req, NULL, &t, &env, &err) == 0) {
        if (hh_tmpl_validate(t, env, &result, &err) == 0) {
            hh_tmpl_check_create(t, env, &pseudo, &err);
            hh_tmpl_dependencies(t, env, &graph, &err);
            hh_tmpl_resolve_outputs(t, env, &pseudo, &outputs, &err);
        }
    }
    json_decref(result);
    json_decref(graph);
    json_decref(outputs);
    hh_env_free(env);
    hh_tmpl_free(t);
    json_decref(text);
    return 0;
}
