/* Unit tests for tmpl_env: sections, the resource registry (aliases,
 * globs, templates, per-resource entries, hooks, null removal, chains,
 * loops), merges, the user view. Expected texts were produced by Heat 19's
 * and heatclient's own code. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "hh_constraint.h"
#include "tmpl_env.h"

static const struct { const char *text, *want; } parses[] = {
    {"parameters: {a: 1}\n", "OK {\"resource_registry\": {\"resources\": {}}, \"parameters\": {\"a\": 1}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"foo: {}\n", "ValueError: environment has wrong section \"foo\""},
    {"parameters:\n", "ValueError: environment has empty section \"parameters\""},
    {"- a\n", "ValueError: The environment is not a valid YAML mapping data type."},
    {"resource_registry: {\"OS::A\": \"OS::Heat::None\", resources: {r1: {hooks: pre-creat}}}\n", "InvalidBreakPointHook: Invalid hook type \"pre-creat\" for resource breakpoint, acceptable hook types are: ('pre-create', 'pre-update', 'pre-delete', 'post-create', 'post-update', 'post-delete')"},
    {"resource_registry: {resources: {r1: {hooks: [pre-create, bad]}}}\n", "InvalidBreakPointHook: Invalid hook type \"['pre-create', 'bad']\" for resource breakpoint, acceptable hook types are: ('pre-create', 'pre-update', 'pre-delete', 'post-create', 'post-update', 'post-delete')"},
    {"resource_registry: {resources: {r1: {restricted_actions: delete}}}\n", "InvalidRestrictedAction: Invalid restricted_action type \"delete\" for resource, acceptable restricted_action types are: ('update', 'replace')"},
    {"resource_registry: {resources: {r1: {hooks: [pre-create, post-delete], restricted_actions: [update]}}}\n", "OK {\"resource_registry\": {\"resources\": {\"r1\": {\"hooks\": [\"pre-create\", \"post-delete\"], \"restricted_actions\": [\"update\"]}}}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"", "OK {\"resource_registry\": {\"resources\": {}}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"resource_registry: {\"OS::A*\": null, \"OS::Ab\": \"OS::Heat::None\"}", "OK {\"resource_registry\": {\"resources\": {}, \"OS::Ab\": \"OS::Heat::None\"}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"resource_registry: {\"OS::Ab\": \"OS::Heat::None\", \"OS::Ac\": \"x.yaml\", \"OS::A*\": null}", "OK {\"resource_registry\": {\"resources\": {}}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"resource_registry: {resources: {r1: {OS::A: OS::B, hooks: []}, \"r*\": null}}", "OK {\"resource_registry\": {\"resources\": {\"r1\": {\"OS::A\": \"OS::B\", \"hooks\": []}}}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"resource_registry: {resources: {r1: {hooks: {a: 1}}}}", "InvalidBreakPointHook: Invalid hook type \"{'a': 1}\" for resource breakpoint, acceptable hook types are: ('pre-create', 'pre-update', 'pre-delete', 'post-create', 'post-update', 'post-delete')"},
    {"resource_registry: {resources: {r1: {restricted_actions: [update, replace, update]}}}", "OK {\"resource_registry\": {\"resources\": {\"r1\": {\"restricted_actions\": [\"update\", \"replace\", \"update\"]}}}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"resource_registry: {hooks: pre-create}", "OK {\"resource_registry\": {\"resources\": {}, \"hooks\": \"pre-create\"}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"resource_registry: {\"a.yaml\": null, \"b.template\": \"c\", \"OS::X\": 5}", "AttributeError: 'int' object has no attribute 'support_status'"},
    {"event_sinks: [{type: zaqar-queue, target: q}]\nencrypted_param_names: [a]", "OK {\"resource_registry\": {\"resources\": {}}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": [{\"type\": \"zaqar-queue\", \"target\": \"q\"}]}"},
    {"parameter_merge_strategies: {default: merge}\nparameters: {a: 1}", "OK {\"resource_registry\": {\"resources\": {}}, \"parameters\": {\"a\": 1}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"parameters: {}\nparameter_defaults: {x: [1, {y: null}]}", "OK {\"resource_registry\": {\"resources\": {}}, \"parameters\": {}, \"parameter_defaults\": {\"x\": [1, {\"y\": null}]}, \"event_sinks\": []}"},
    {"{\"parameters\": {\"a\": \"b\"}}", "OK {\"resource_registry\": {\"resources\": {}}, \"parameters\": {\"a\": \"b\"}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"resource_registry: {resources: {r1: {hooks: pre-delete}}, OS::Y: OS::Heat::None}\nresource_registry2: {}", "ValueError: environment has wrong section \"resource_registry2\""},
};
static const struct { const char *reg, *want; } registries[] = {
    {"{\"OS::A\": \"OS::Heat::None\", \"My::T\": \"t.yaml\", \"x.template\": \"whatever\", \"OS::Quantum*\": \"OS::Neutron*\"}", "{\"resources\": {}, \"OS::A\": \"OS::Heat::None\", \"My::T\": \"t.yaml\", \"x.template\": \"x.template\", \"OS::Quantum*\": \"OS::Neutron*\"}"},
    {"{\"OS::A\": \"OS::Heat::None\", \"OS::B\": \"OS::Heat::None\", \"OS::A*\": null}", "{\"resources\": {}, \"OS::B\": \"OS::Heat::None\"}"},
    {"{\"OS::A\": null}", "{\"resources\": {}}"},
    {"{\"resources\": {\"r1\": {\"OS::A\": \"OS::Heat::Value\", \"hooks\": \"pre-create\"}, \"r*\": {\"hooks\": [\"pre-update\"]}}}", "{\"resources\": {\"r1\": {\"OS::A\": \"OS::Heat::Value\", \"hooks\": \"pre-create\"}, \"r*\": {\"hooks\": [\"pre-update\"]}}}"},
};
static const struct { const char *type, *name, *want; } lookups[] = {
    {"OS::A", NULL, "OS::Heat::None"},
    {"OS::B", NULL, "OS::Heat::None"},
    {"OS::A", "special", "OS::Heat::RandomString"},
    {"OS::A", "spec", "OS::Heat::None"},
    {"OS::B", "special", "OS::Heat::RandomString"},
    {"OS::Cxyz", NULL, "OS::Heat::Value"},
    {"My::Tmpl", NULL, "file:///tmpl.yaml"},
    {"Foo::None", NULL, "OS::Heat::None"},
    {"OS::Quantum::Net", NULL, "OS::Neutron::Net"},
    {"OS::Heat::None", NULL, "NOTFOUND"},
    {"x.yaml", NULL, "x.yaml"},
    {"AWS::RDS::DBInstance", NULL, "file:///etc/heat/templates/AWS_RDS_DBInstance.yaml"},
    {"OS::Metering::Alarm", NULL, "OS::Aodh::Alarm"},
};
static const struct { const char *start; const char *files[3]; const char *want; } merges[] = {
    {"body", {"parameters: {s: a, l: 'x,y', j: {a: 1}}", "parameters: {s: b}"}, "{\"parameters\": {\"s\": \"b\", \"l\": \"x,y\", \"j\": {\"a\": 1}}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"body", {"parameters: {s: a, j: {a: {x: 1}}, l: [p]}", "parameter_merge_strategies: {default: merge}\nparameters: {s: b, j: {a: {y: 2}, c: 3}, l: [q]}"}, "{\"parameters\": {\"s\": \"b\", \"j\": {\"a\": {\"y\": 2}, \"c\": 3}, \"l\": [\"q\"]}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"body", {"parameters: {s: a, j: {a: {x: 1, z: [1]}}, l: 'p,q'}", "parameter_merge_strategies: {default: deep_merge}\nparameters: {s: b, j: {a: {y: 2, z: [2]}}, l: 'r'}"}, "{\"parameters\": {\"s\": \"b\", \"j\": {\"a\": {\"y\": 2, \"z\": [2]}}, \"l\": \"r\"}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"body", {"parameter_merge_strategies: {s: merge}\nparameters: {s: a}", "parameter_merge_strategies: {s: overwrite}\nparameters: {s: b}"}, "ConflictingMergeStrategyForParam: Conflicting merge strategy 'overwrite' for parameter 's' in file 'f1.yaml'."},
    {"body", {"parameters: {b: true}", "parameter_merge_strategies: {b: merge}\nparameters: {b: false}"}, "ConflictingMergeStrategyForParam: Conflicting merge strategy 'merge' for parameter 'b' in file 'f1.yaml'."},
    {"body", {"parameters: {s: a, zz: 1}", "parameters: {zz: 2, s: c}"}, "{\"parameters\": {\"s\": \"c\"}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"empty", {"parameters: {s: a, zz: 1}"}, "{\"parameters\": {\"s\": \"a\", \"zz\": 1}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"body", {"resource_registry: {OS::A: OS::Heat::None, resources: {r1: {hooks: pre-create}}}", "resource_registry: {OS::B: OS::Heat::None, resources: {r2: {hooks: pre-update}}}"}, "{\"parameters\": {\"s\": \"body\"}, \"parameter_defaults\": {}, \"resource_registry\": {\"OS::A\": \"OS::Heat::None\", \"resources\": {\"r2\": {\"hooks\": \"pre-update\"}}, \"OS::B\": \"OS::Heat::None\"}}"},
    {"body", {"parameters: {n: 1}", "parameter_merge_strategies: {default: merge}\nparameters: {n: 2}"}, "{\"parameters\": {\"s\": \"body\", \"n\": 2}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"body", {"parameter_merge_strategies: {default: merge}\nparameters: {s: a, l: 'x,y', j: {a: {x: 1}}}", "parameter_merge_strategies: {default: merge}\nparameters: {s: b, l: 'z', j: {a: {y: 2}, c: 3}}"}, "{\"parameters\": {\"s\": \"bodyab\", \"l\": \"x,y,z\", \"j\": {\"a\": {\"y\": 2}, \"c\": 3}}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"empty", {"parameters: {l: [p]}", "parameter_merge_strategies: {default: deep_merge}\nparameters: {l: [q]}"}, "{\"parameters\": {\"l\": [\"q\"]}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"body", {"parameter_merge_strategies: {default: deep_merge}\nparameters: {s: a, l: [p], j: {a: {x: 1, z: [1]}, s: u}}", "parameter_merge_strategies: {default: deep_merge}\nparameters: {s: b, l: [q], j: {a: {y: 2, z: [2]}, s: v}}"}, "{\"parameters\": {\"s\": \"bodyab\", \"l\": [\"p\", \"q\"], \"j\": {\"a\": {\"x\": 1, \"z\": [1, 2], \"y\": 2}, \"s\": \"uv\"}}, \"parameter_defaults\": {}, \"resource_registry\": {}}"},
    {"body", {"parameter_merge_strategies: {default: merge}\nparameters: {b: true}"}, "ValueError: Invalid parameter in environment ."},
    {"body", {"parameter_merge_strategies: {default: merge}\nparameters: {n: '1'}"}, "TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
    {"body", {"parameter_merge_strategies: {default: merge}\nparameters: {n: 1}"}, "ValueError: Invalid parameter in environment ."},
    {"body", {"parameter_merge_strategies: {default: bogus, s: merge}\nparameters: {s: a, l: 'x'}", "parameters: {s: b, l: 'y'}"}, "ConflictingMergeStrategyForParam: Conflicting merge strategy 'overwrite' for parameter 'l' in file 'f1.yaml'."},
    {"body", {"parameter_defaults: {s: a}", "parameter_merge_strategies: {default: merge}\nparameter_defaults: {s: b}"}, "{\"parameters\": {\"s\": \"body\"}, \"parameter_defaults\": {\"s\": \"b\"}, \"resource_registry\": {}}"},
};
static const struct { const char *a, *b, *want; } deeps[] = {
    {"{parameters: {a: 1, b: 2}, resource_registry: {resources: {r1: {hooks: pre-create}}}}", "{parameters: {b: 3}, resource_registry: {resources: {r2: {hooks: pre-update}}, OS::A: OS::Heat::None}}", "{\"resource_registry\": {\"resources\": {\"r1\": {\"hooks\": \"pre-create\"}, \"r2\": {\"hooks\": \"pre-update\"}}, \"OS::A\": \"OS::Heat::None\"}, \"parameters\": {\"a\": 1, \"b\": 3}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"{resource_registry: {OS::A: OS::Heat::None, OS::B: OS::Heat::None}}", "{resource_registry: {OS::A: null}}", "{\"resource_registry\": {\"resources\": {}, \"OS::B\": \"OS::Heat::None\"}, \"parameters\": {}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
    {"{parameters: {l: [1, 2]}}", "{parameters: {l: [3]}}", "{\"resource_registry\": {\"resources\": {}}, \"parameters\": {\"l\": [3]}, \"parameter_defaults\": {}, \"event_sinks\": []}"},
};

#define IS_FREE(expr, want, ...)                                                                   \
    do {                                                                                           \
        char *got_ = (expr);                                                                       \
        is_str(got_, want, __VA_ARGS__);                                                           \
        free(got_);                                                                                \
    } while (0)

static char *errtext(const hh_error *err)
{
    char *s = NULL;

    if (asprintf(&s, "%s: %s", err->type ? err->type : "?", err->message) < 0)
        return NULL;
    return s;
}

static char *env_view(const hh_env *env)
{
    json_t *o = hh_env_to_json(env);
    char *s = hh_py_dumps(o);

    json_decref(o);
    return s;
}

static hh_env *env_of(const char *json)
{
    json_t *doc = json_loads(json, 0, NULL);
    hh_env *env = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (hh_env_from_json(doc, &env, &err) != 0)
        diag("env_of: %s", err.message);
    json_decref(doc);
    return env;
}

static void test_parse(void)
{
    size_t i;

    for (i = 0; i < sizeof(parses) / sizeof(parses[0]); i++) {
        hh_env *env = NULL;
        hh_error err;
        char *got = NULL, *v = NULL;

        hh_error_clear(&err);
        if (hh_env_parse(parses[i].text, strlen(parses[i].text), "env.yaml", &env, &err) == 0) {
            v = env_view(env);
            if (asprintf(&got, "OK %s", v) < 0)
                got = NULL;
        } else
            got = errtext(&err);
        is_str(got, parses[i].want, "parse case %zu", i);
        free(got);
        free(v);
        hh_env_free(env);
    }
    {
        json_t *doc = json_loads("[1]", 0, NULL);
        json_t *bad = json_loads("{\"parameters\": [1]}", 0, NULL);
        hh_env *env = NULL;
        hh_error err;

        hh_error_clear(&err);
        is_int(hh_env_from_json(doc, &env, &err), HH_EINVAL, "a list is no environment");
        is_str(err.message, "The environment is not a valid YAML mapping data type.",
               "not-a-mapping text");
        is_int(hh_env_from_json(bad, &env, &err), HH_EINVAL, "parameters must be a mapping");
        is_str(err.message, "environment section \"parameters\" must be a mapping",
               "section shape text");
        is_int(hh_env_from_json(NULL, &env, &err), 0, "NULL is the empty environment");
        IS_FREE(env_view(env),
                "{\"resource_registry\": {\"resources\": {}}, \"parameters\": {}, "
                "\"parameter_defaults\": {}, \"event_sinks\": []}",
                "empty environment view");
        hh_env_free(env);
        json_decref(doc);
        json_decref(bad);
        env = hh_env_new();
        ok(env != NULL && json_object_size(hh_env_parameters(env)) == 0 &&
               json_object_size(hh_env_parameter_defaults(env)) == 0,
           "new environment is empty");
        hh_env_free(env);
    }
}

static void test_registry(void)
{
    size_t i;

    for (i = 0; i < sizeof(registries) / sizeof(registries[0]); i++) {
        char *doc = NULL;
        hh_env *env = NULL;

        if (asprintf(&doc, "{\"resource_registry\": %s}", registries[i].reg) < 0)
            continue;
        env = env_of(doc);
        if (env)
            IS_FREE(hh_py_dumps(hh_env_registry(env)), registries[i].want, "registry %s",
                    registries[i].reg);
        hh_env_free(env);
        free(doc);
    }
}

static const char *lookup_env =
        "{\"resource_registry\": {\"OS::A\": \"OS::Heat::None\", \"OS::B\": \"OS::A\", "
        "\"OS::C*\": \"OS::Heat::Value\", \"My::Tmpl\": \"file:///tmpl.yaml\", "
        "\"Foo::*\": \"OS::Heat::*\", \"OS::Neutron::Net\": \"OS::Heat::TestResource\", "
        "\"resources\": {\"special\": {\"OS::A\": \"OS::Heat::RandomString\"}, "
        "\"sp*\": {\"OS::A\": \"OS::Heat::Value\"}}}}";

static void test_lookups(void)
{
    hh_env *env = NULL;
    hh_env *loop = env_of("{\"resource_registry\": {\"X::A\": \"X::B\", \"X::B\": \"X::C\", "
                          "\"X::C\": \"X::A\", \"OS::*\": \"OS::Heat::None\"}}");
    size_t i;

    if (loop == NULL)
        goto done;
    for (i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
        char *impl = NULL;
        hh_error err;
        int rc;

        /* a fresh environment each time: lookups record what they found */
        hh_env_free(env);
        env = env_of(lookup_env);
        if (env == NULL)
            break;
        hh_error_clear(&err);
        rc = hh_env_resolve_type(env, lookups[i].name, lookups[i].type, &impl, &err);
        is_str(rc == HH_ENOTFOUND ? "NOTFOUND" : rc == 0 ? impl : err.message, lookups[i].want,
               "resolve %s (%s)", lookups[i].type, lookups[i].name ? lookups[i].name : "-");
        free(impl);
    }
    {
        char *impl = NULL;
        hh_error err;

        hh_error_clear(&err);
        is_int(hh_env_resolve_type(loop, "r", "X::A", &impl, &err), HH_EINVAL, "alias loop");
        is_str(err.message, "Resource type \"X::A\" is recursive: X::A -> X::B -> X::C -> X::A",
               "loop names the chain");
        is_int(hh_env_resolve_type(loop, "r", "OS::Foo", &impl, &err), 0, "many-to-one glob");
        is_str(impl, "OS::Heat::None", "many-to-one glob target");
        free(impl);
        impl = NULL;
        is_int(hh_env_resolve_type(loop, "r", "OS::Heat::None", &impl, &err), HH_ENOTFOUND,
               "a glob never maps its own target (Heat's matches())");
        free(impl);
    }
done:
    hh_env_free(env);
    hh_env_free(loop);
}

/* Heat records a lookup that went through a mapping to a plugin or a
 * global entry under the looked-up type, even a resource's own mapping
 * (golden cases env-registry-alias and env-registry-resource-specific). */
static void test_learning(void)
{
    hh_env *env = env_of("{\"resource_registry\": {\"My::Thing\": \"OS::Heat::Value\", "
                         "\"Wild::*\": \"OS::Heat::*\", \"OS::Heat::Card\": \"OS::Heat::None\", "
                         "\"My::Nested\": \"nested.yaml\", \"resources\": {\"a\": {\"My::Thing\": \"OS::Heat::None\"}}}}");
    char *impl = NULL;
    hh_error err;

    if (env == NULL)
        return;
    hh_error_clear(&err);
    hh_env_resolve_type(env, "w", "Wild::Card", &impl, &err);
    is_str(impl, "OS::Heat::None", "glob lookup, then an alias");
    free(impl);
    hh_env_resolve_type(env, "a", "My::Thing", &impl, &err);
    is_str(impl, "OS::Heat::None", "resource's own mapping");
    free(impl);
    hh_env_resolve_type(env, "n", "My::Nested", &impl, &err);
    is_str(impl, "nested.yaml", "mapped template");
    free(impl);
    hh_env_register_template(env, "nested.yaml");
    hh_env_resolve_type(env, "x", "file:///x.yaml", &impl, &err);
    is_str(impl, "file:///x.yaml", "template type");
    free(impl);
    hh_env_resolve_type(env, "m", "OS::Metering::Alarm", &impl, &err);
    is_str(impl, "OS::Aodh::Alarm", "global alias");
    free(impl);
    IS_FREE(hh_py_dumps(hh_env_registry(env)),
            "{\"resources\": {\"a\": {\"My::Thing\": \"OS::Heat::None\"}}, \"My::Thing\": "
            "\"OS::Heat::None\", \"Wild::*\": \"OS::Heat::*\", \"OS::Heat::Card\": \"OS::Heat::None\", "
            "\"My::Nested\": \"nested.yaml\", "
            "\"Wild::Card\": \"OS::Heat::*\", \"file:///x.yaml\": \"file:///x.yaml\", "
            "\"OS::Metering::Alarm\": \"OS::Aodh::Alarm\"}",
            "lookups recorded as Heat records them");
    hh_env_free(env);
}

static void test_hooks(void)
{
    hh_env *env = env_of("{\"resource_registry\": {\"resources\": {"
                         "\"web\": {\"hooks\": [\"pre-create\", \"post-delete\"]}, "
                         "\"web*\": {\"hooks\": \"pre-update\", \"restricted_actions\": "
                         "\"replace\"}, \"db_?\": {\"restricted_actions\": [\"update\", "
                         "\"replace\"]}}}}");

    if (env == NULL)
        return;
    is_int(hh_env_hooks(env, "web"), HH_HOOK_PRE_CREATE | HH_HOOK_POST_DELETE | HH_HOOK_PRE_UPDATE,
           "hooks of exact and glob entries add up");
    is_int(hh_env_hooks(env, "web2"), HH_HOOK_PRE_UPDATE, "glob hook");
    is_int(hh_env_hooks(env, "db_1"), 0, "no hooks");
    is_int(hh_env_restricted_actions(env, "web1"), HH_RESTRICT_REPLACE, "restricted replace");
    is_int(hh_env_restricted_actions(env, "db_1"), HH_RESTRICT_UPDATE | HH_RESTRICT_REPLACE,
           "restricted list, ? glob");
    is_int(hh_env_restricted_actions(env, "db_12"), 0, "? matches one character");
    hh_env_free(env);
}

static void test_view(void)
{
    hh_env *env = env_of("{\"parameters\": {\"greeting\": \"hi\"}}");
    json_t *more = json_loads("{\"extra\": 1, \"greeting\": \"hello\"}", 0, NULL);
    hh_error err;

    if (env == NULL)
        return;
    hh_error_clear(&err);
    is_int(hh_env_register_template(env, "file:///srv/heat-ref/templates/nested.yaml"), 0,
           "register a template type");
    hh_env_register_template(env, "file:///srv/heat-ref/templates/nested.yaml");
    IS_FREE(env_view(env),
            "{\"resource_registry\": {\"resources\": {}, "
            "\"file:///srv/heat-ref/templates/nested.yaml\": "
            "\"file:///srv/heat-ref/templates/nested.yaml\"}, \"parameters\": {\"greeting\": "
            "\"hi\"}, \"parameter_defaults\": {}, \"event_sinks\": []}",
            "validate's Environment shape");
    is_int(hh_env_set_parameters(env, more, &err), 0, "body parameters update");
    IS_FREE(hh_py_dumps(hh_env_parameters(env)), "{\"greeting\": \"hello\", \"extra\": 1}",
            "parameters updated in place");
    json_decref(more);
    hh_env_free(env);
}

static void test_merges(void)
{
    json_t *types = json_pack("{ssssssssss}", "s", "string", "n", "number", "l",
                              "comma_delimited_list", "j", "json", "b", "boolean");
    size_t i, f;

    for (i = 0; i < sizeof(merges) / sizeof(merges[0]); i++) {
        hh_env *env = env_of(strcmp(merges[i].start, "body") == 0
                                 ? "{\"parameters\": {\"s\": \"body\"}}"
                                 : "{}");
        hh_error err;
        char *got = NULL;
        int rc = 0;

        hh_error_clear(&err);
        for (f = 0; f < 3 && merges[i].files[f] && rc == 0; f++) {
            hh_env *fe = NULL;
            char name[16];

            snprintf(name, sizeof(name), "f%zu.yaml", f);
            rc = hh_env_parse(merges[i].files[f], strlen(merges[i].files[f]), name, &fe, &err);
            if (rc == 0)
                rc = hh_env_merge(env, fe, types, &err);
            hh_env_free(fe);
        }
        if (rc != 0)
            got = errtext(&err);
        else {
            json_t *want = json_loads(merges[i].want, 0, NULL);
            json_t *o = json_pack("{sOsO}", "parameters", hh_env_parameters(env),
                                  "parameter_defaults", hh_env_parameter_defaults(env));

            /* compare the parameter sections; the registry has its own test */
            if (want)
                json_object_del(want, "resource_registry");
            got = strdup(want && json_equal(want, o) ? merges[i].want : hh_py_dumps(o));
            json_decref(want);
            json_decref(o);
        }
        is_str(got, merges[i].want, "merge case %zu", i);
        free(got);
        if (i == 7 && rc == 0)
            IS_FREE(hh_py_dumps(hh_env_registry(env)),
                    "{\"resources\": {\"r2\": {\"hooks\": \"pre-update\"}}, \"OS::A\": "
                    "\"OS::Heat::None\", \"OS::B\": \"OS::Heat::None\"}",
                    "registries merge shallowly: the later resources section replaces");
        hh_env_free(env);
    }
    json_decref(types);
}

static void test_deep_update(void)
{
    size_t i;

    for (i = 0; i < sizeof(deeps) / sizeof(deeps[0]); i++) {
        hh_env *a = NULL, *b = NULL, *m = hh_env_new();
        hh_error err;

        hh_error_clear(&err);
        if (hh_env_parse(deeps[i].a, strlen(deeps[i].a), "a.yaml", &a, &err) != 0 ||
            hh_env_parse(deeps[i].b, strlen(deeps[i].b), "b.yaml", &b, &err) != 0 ||
            hh_env_deep_update(m, a, &err) != 0 || hh_env_deep_update(m, b, &err) != 0)
            diag("deep update: %s", err.message);
        IS_FREE(env_view(m), deeps[i].want, "deep update case %zu", i);
        hh_env_free(a);
        hh_env_free(b);
        hh_env_free(m);
    }
}

int main(void)
{
    plan_lazy();
    test_parse();
    test_registry();
    test_lookups();
    test_learning();
    test_hooks();
    test_view();
    test_merges();
    test_deep_update();
    return done_testing();
}
