/* Unit tests for res_plugin and res_heat_basic: each plugin's lifecycle
 * through the engine's dispatchers with a fake context (resource data in
 * memory, a clock the test moves, a seeded random source), physical names,
 * update-in-place or replace, RandomString's guarantees over many seeds,
 * TestResource's waits and failures.
 *
 * Expected messages and ids were produced by Heat 19's own Python
 * (short_id.get_id, Resource.reduce_physical_resource_name, Stack.validate
 * of one-resource templates). */
#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hh_py.h"
#include "res_plugin.h"
#include "res_registry.h"
#include "tap.h"

/* ---- the fake engine ------------------------------------------------------ */

#define MAX_DATA 16

typedef struct fake {
    char *keys[MAX_DATA];
    char *values[MAX_DATA];
    bool redacted[MAX_DATA];
    int n;
    double clock;
    uint64_t seed;
    int id_sets;   /* set_physical_id calls */
    char log[512]; /* "d:key " for data, "p " for the physical id */
} fake;

static int fake_find(fake *f, const char *key)
{
    int i;

    for (i = 0; i < f->n; i++)
        if (strcmp(f->keys[i], key) == 0)
            return i;
    return -1;
}

static int fake_get(void *ud, const char *key, char **value)
{
    fake *f = ud;
    int i = fake_find(f, key);

    *value = i >= 0 ? strdup(f->values[i]) : NULL;
    return 0;
}

static int fake_set(void *ud, const char *key, const char *value, bool redact)
{
    fake *f = ud;
    int i = fake_find(f, key);

    strncat(f->log, "d:", sizeof(f->log) - strlen(f->log) - 1);
    strncat(f->log, key, sizeof(f->log) - strlen(f->log) - 1);
    strncat(f->log, " ", sizeof(f->log) - strlen(f->log) - 1);
    if (value == NULL) {
        if (i >= 0) {
            free(f->keys[i]);
            free(f->values[i]);
            f->n--;
            f->keys[i] = f->keys[f->n];
            f->values[i] = f->values[f->n];
            f->redacted[i] = f->redacted[f->n];
        }
        return 0;
    }
    if (i < 0) {
        if (f->n == MAX_DATA)
            return ENOSPC;
        i = f->n++;
        f->keys[i] = strdup(key);
    } else {
        free(f->values[i]);
    }
    f->values[i] = strdup(value);
    f->redacted[i] = redact;
    return 0;
}

static int fake_set_id(void *ud, const char *id)
{
    fake *f = ud;

    (void)id;
    f->id_sets++;
    strncat(f->log, "p ", sizeof(f->log) - strlen(f->log) - 1);
    return 0;
}

static double fake_now(void *ud)
{
    return ((fake *)ud)->clock;
}

/* xorshift64*: a seeded stand-in for SystemRandom */
static int fake_random(void *ud, void *buf, size_t len)
{
    fake *f = ud;
    unsigned char *p = buf;

    while (len-- > 0) {
        f->seed ^= f->seed >> 12;
        f->seed ^= f->seed << 25;
        f->seed ^= f->seed >> 27;
        *p++ = (unsigned char)((f->seed * 0x2545F4914F6CDD1DULL) >> 56);
    }
    return 0;
}

static const hh_rctx_ops fake_ops = {
    .data_get = fake_get,
    .data_set = fake_set,
    .set_physical_id = fake_set_id,
    .now = fake_now,
    .random = fake_random,
};

static void fake_clear(fake *f)
{
    int i;

    for (i = 0; i < f->n; i++) {
        free(f->keys[i]);
        free(f->values[i]);
    }
    memset(f, 0, sizeof(*f));
}

static const char *fake_data(fake *f, const char *key)
{
    int i = fake_find(f, key);

    return i >= 0 ? f->values[i] : NULL;
}

/* A context for resource name of type tname with properties given as JSON
 * text, resolved as the engine resolves them. */
typedef struct res {
    const hh_rtype *t;
    hh_rctx ctx;
    fake f;
    json_t *props, *prior;
} res;

static json_t *resolve(const hh_rtype *t, const char *props_json)
{
    json_t *raw = json_loads(props_json, JSON_DECODE_ANY, NULL), *out = NULL;
    hh_error err;

    hh_error_clear(&err);
    if (hh_rplugin_properties(t, raw, "resources.r.properties", &out, &err) != 0)
        diag("resolve %s: %s", props_json, err.message);
    json_decref(raw);
    return out;
}

static void res_init(res *r, const char *tname, const char *name, const char *props_json)
{
    memset(r, 0, sizeof(*r));
    r->t = hh_rtype_lookup(tname);
    r->props = resolve(r->t, props_json);
    r->f.seed = 0x9e3779b97f4a7c15ULL;
    r->f.clock = 1000.0;
    r->ctx.type = r->t;
    r->ctx.stack_name = "mystack";
    r->ctx.name = name;
    r->ctx.uuid = "12345678-9abc-4def-8123-456789abcdef";
    r->ctx.properties = r->props;
    r->ctx.action_started = r->f.clock;
    r->ctx.ops = &fake_ops;
    r->ctx.ud = &r->f;
}

/* Start an update to props_json (the engine keeps both sides). */
static void res_update_props(res *r, const char *props_json)
{
    json_decref(r->prior);
    r->prior = r->props;
    r->props = resolve(r->t, props_json);
    r->ctx.properties = r->props;
    r->ctx.prior_properties = r->prior;
    r->ctx.action_started = r->f.clock;
}

static void res_free(res *r)
{
    fake_clear(&r->f);
    json_decref(r->props);
    json_decref(r->prior);
}

/* Run handle then checks, advancing the fake clock by each poll hint,
 * at most polls checks. Returns rc; *checks the number of checks made. */
static int run_action(res *r, hh_raction a, const json_t *diff, int polls, int *checks,
                      hh_rstep *step, hh_error *err)
{
    int rc, n = 0;

    hh_error_clear(err);
    rc = hh_rplugin_handle(r->t, a, &r->ctx, diff, step, err);
    while (rc == 0 && !step->done && n < polls) {
        r->f.clock += step->poll_secs > 0 ? step->poll_secs : 1.0;
        rc = hh_rplugin_check_complete(r->t, a, &r->ctx, step, err);
        n++;
    }
    if (checks != NULL)
        *checks = n;
    return rc;
}

static char *jstr(const json_t *j)
{
    return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

static void is_json(const json_t *got, const char *want, const char *name)
{
    char *g = got != NULL ? jstr(got) : NULL;

    is_str(g, want, "%s", name);
    free(g);
}

/* ---- physical names ------------------------------------------------------- */

static void test_names(void)
{
    static const struct {
        const char *uuid, *id;
    } ids[] = {
        {"0a0b0c0d-1e2f-4a5b-8c9d-0e1f2a3b4c5d", "uwy6f4fawdan"},
        {"ffffffff-ffff-4fff-bfff-ffffffffffff", "777777777777"},
        {"00000000-0000-4000-8000-000000000000", "aaaaaaaaaaaa"},
        {"12345678-9abc-4def-8123-456789abcdef", "3342xqjdivty"},
        {"3F2504E0-4F89-41D3-9A0C-0305E82C3301", "du2pre7skbha"},
        /* a resource of a stack Heat created */
        {"23742b18-2dd0-41a4-bd0e-d8b10ca8aaae", "djbn2arxikyy"},
    };
    static const struct {
        size_t limit;
        const char *want;
    } reduce[] = {
        {255, "mystack-my_resource-abcdefghijkl"},
        {32, "mystack-my_resource-abcdefghijkl"},
        {20, "my-urce-abcdefghijkl"},
        {10, "my-fghijkl"},
        {4, "my-l"},
    };
    char sid[13], *out = NULL;
    hh_error err;
    size_t i;

    for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        hh_error_clear(&err);
        is_int(hh_short_id(ids[i].uuid, sid, &err), 0, "short_id %s", ids[i].uuid);
        is_str(sid, ids[i].id, "short_id %s is Heat's", ids[i].uuid);
    }
    hh_error_clear(&err);
    is_int(hh_short_id("3F2504E0-4F89-11D3-9A0C-0305E82C3301", sid, &err), HH_EINVAL,
           "short_id of a version 1 UUID fails");
    is_str(err.message, "Invalid UUID version (1)", "with Heat's message");
    is_int(hh_short_id("not-a-uuid", sid, &err), HH_EINVAL, "short_id of a non-UUID fails");

    for (i = 0; i < sizeof(reduce) / sizeof(reduce[0]); i++) {
        is_int(hh_physical_name_reduce("mystack-my_resource-abcdefghijkl", reduce[i].limit, &out,
                                       &err),
               0, "reduce to %zu", reduce[i].limit);
        is_str(out, reduce[i].want, "reduce to %zu as Heat", reduce[i].limit);
        free(out);
        out = NULL;
    }
    is_int(hh_physical_name_reduce("\xc3\xbcn\xc3\xaf"
                                   "c\xc3\xb6"
                                   "d\xc3\xa9-stack-r-abcdefghijkl",
                                   12, &out, &err),
           0, "reduce UTF-8");
    is_str(out, "\xc3\xbcn-defghijkl", "reduce counts characters as Python");
    free(out);
    out = NULL;
    hh_error_clear(&err);
    is_int(hh_physical_name_reduce("mystack-my_resource-abcdefghijkl", 3, &out, &err), HH_EINVAL,
           "limit 3 refused");
    is_str(err.message, "limit cannot be less than 4", "with Heat's message");

    is_int(hh_physical_name("golden**", "server", "12345678-9abc-4def-8123-456789abcdef",
                            HH_RPHYS_NAME_LIMIT, &out, &err),
           0, "physical name");
    is_str(out, "golden-server-3342xqjdivty", "stack-resource-shortid, '*' stripped");
    free(out);
}

/* ---- OS::Heat::None --------------------------------------------------------- */

static void test_none(void)
{
    res r;
    hh_rstep step;
    hh_error err;
    json_t *out = NULL, *diff = NULL, *after;
    hh_rupdate d;
    char *result = NULL;
    char first[HH_RPHYS_ID_MAX];

    res_init(&r, "OS::Heat::None", "nothing", "{\"anything\": [1, 2], \"goes\": {}}");
    ok(r.t != NULL && r.t->ops == &hh_rplugin_heat_none, "None has its plugin");
    is_json(r.props, "{}", "None resolves to no properties");
    is_int(hh_rplugin_validate(r.t, "nothing", NULL, NULL, "resources.nothing.properties", &err), 0,
           "None validates anything");
    is_int(hh_rplugin_reference_id(r.t, &r.ctx, &out, &err), 0, "reference before create");
    is_json(out, "\"nothing\"", "reference before create is the name");
    json_decref(out);

    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), 0, "None create");
    ok(step.done, "None create is done at once");
    ok(strlen(r.ctx.physical_id) == 36 && r.ctx.physical_id[14] == '4' &&
           strchr("89ab", r.ctx.physical_id[19]) != NULL,
       "None's physical id is a version 4 UUID (%s)", r.ctx.physical_id);
    is_str(fake_data(&r.f, "is_placeholder"), "True", "is_placeholder recorded");
    is_str(r.f.log, "p d:is_placeholder ", "physical id recorded first");
    snprintf(first, sizeof(first), "%s", r.ctx.physical_id);
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), 0, "resumed create");
    ok(r.f.id_sets == 1 && strcmp(first, r.ctx.physical_id) == 0,
       "a resumed create keeps its physical id");

    is_int(hh_rplugin_reference_id(r.t, &r.ctx, &out, &err), 0, "reference");
    ok(json_is_string(out) && strcmp(json_string_value(out), first) == 0,
       "None's reference is its physical id");
    json_decref(out);
    is_int(hh_rplugin_attribute(r.t, &r.ctx, "whatever", &out, NULL, &err), 0, "any attribute");
    is_json(out, "null", "any attribute is null");
    json_decref(out);

    after = resolve(r.t, "{\"changed\": true}");
    is_int(hh_rplugin_update_decide(r.t, "nothing", r.props, after, &d, &diff, &err), 0,
           "None update decision");
    ok(d == HH_RUPDATE_NONE && diff == NULL, "None is never updated nor replaced");
    json_decref(after);

    is_int(run_action(&r, HH_RACT_CHECK, NULL, 0, NULL, &step, &err), 0, "None check");
    ok(step.done, "check done");
    is_str(step.reason, "CHECK not supported for OS::Heat::None", "check reason as Heat's");
    is_int(run_action(&r, HH_RACT_SUSPEND, NULL, 0, NULL, &step, &err), 0, "suspend");
    ok(step.done && step.reason[0] == '\0', "suspend without handler completes");
    is_int(run_action(&r, HH_RACT_RESUME, NULL, 0, NULL, &step, &err), 0, "resume");
    ok(step.done, "resume without handler completes");
    is_int(hh_rplugin_signal(r.t, &r.ctx, NULL, &result, &err), HH_EUNSUPPORTED, "None signal");
    is_str(err.message, "signal is not supported for resource.", "signal message as Heat's");
    is_str(err.type, "ResourceActionNotSupported", "signal error type");
    is_int(run_action(&r, HH_RACT_DELETE, NULL, 0, NULL, &step, &err), 0, "None delete");
    ok(step.done, "delete done at once");
    res_free(&r);
}

/* ---- OS::Heat::Value ---------------------------------------------------------- */

static void test_value_validate(void)
{
    /* properties -> Heat 19's Stack.validate answer ("" = valid) */
    static const struct {
        const char *props, *want;
    } cases[] = {
        {"{\"value\": [1, 2], \"type\": \"json\"}",
         "Property error: resources.v.properties.value: \"[1, 2]\" is not a map"},
        {"{\"value\": {\"a\": 1}, \"type\": \"json\"}", ""},
        {"{\"value\": \"{\\\"a\\\": 1}\", \"type\": \"json\"}",
         "Property error: resources.v.properties.value: \"{\"a\": 1}\" is not a map"},
        {"{\"value\": \"[1]\", \"type\": \"json\"}",
         "Property error: resources.v.properties.value: \"[1]\" is not a map"},
        {"{\"value\": \"abc\", \"type\": \"number\"}",
         "Property error: resources.v.properties.value: could not convert string to float: "
         "'abc'"},
        {"{\"value\": \"12\", \"type\": \"number\"}", ""},
        {"{\"value\": [1], \"type\": \"number\"}",
         "Property error: resources.v.properties.value: int() argument must be a string, a "
         "bytes-like object or a real number, not 'list'"},
        {"{\"value\": {\"a\": 1}, \"type\": \"number\"}",
         "Property error: resources.v.properties.value: int() argument must be a string, a "
         "bytes-like object or a real number, not 'dict'"},
        {"{\"value\": true, \"type\": \"number\"}", ""},
        {"{\"value\": \"x\", \"type\": \"boolean\"}",
         "Property error: resources.v.properties.value: \"x\" is not a valid boolean"},
        {"{\"value\": \"yes\", \"type\": \"boolean\"}",
         "Property error: resources.v.properties.value: \"yes\" is not a valid boolean"},
        {"{\"value\": 1, \"type\": \"boolean\"}",
         "Property error: resources.v.properties.value: \"1\" is not a valid boolean"},
        {"{\"value\": [1], \"type\": \"boolean\"}",
         "Property error: resources.v.properties.value: \"[1]\" is not a valid boolean"},
        {"{\"value\": {\"a\": 1}, \"type\": \"comma_delimited_list\"}",
         "Property error: resources.v.properties.value: \"{'a': 1}\" is not a list"},
        {"{\"value\": \"a,b\", \"type\": \"comma_delimited_list\"}",
         "Property error: resources.v.properties.value: \"'a,b'\" is not a list"},
        {"{\"value\": 5, \"type\": \"comma_delimited_list\"}",
         "Property error: resources.v.properties.value: \"5\" is not a list"},
        {"{\"value\": {\"a\": 1}, \"type\": \"string\"}",
         "Property error: resources.v.properties.value: Value must be a string; got {'a': 1}"},
        {"{\"value\": [1], \"type\": \"string\"}",
         "Property error: resources.v.properties.value: Value must be a string; got [1]"},
        {"{\"value\": 5, \"type\": \"string\"}", ""},
        {"{\"value\": true, \"type\": \"string\"}", ""},
        {"{\"value\": null, \"type\": \"json\"}", ""},
        {"{\"value\": \"\", \"type\": \"json\"}",
         "Property error: resources.v.properties.value: \"\" is not a map"},
        {"{\"value\": \"not json\", \"type\": \"json\"}",
         "Property error: resources.v.properties.value: \"not json\" is not a map"},
        {"{\"value\": [1, 2]}", ""},
    };
    const hh_rtype *t = hh_rtype_lookup("OS::Heat::Value");
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *p = json_loads(cases[i].props, 0, NULL);
        hh_error err;
        int rc;

        hh_error_clear(&err);
        rc = hh_rtype_validate_properties(t, p, true, NULL, "resources.v.properties", &err);
        if (rc == 0)
            rc = hh_rplugin_validate(t, "v", p, NULL, "resources.v.properties", &err);
        if (cases[i].want[0] == '\0') {
            if (!ok(rc == 0, "Value %s is valid", cases[i].props))
                diag("got %s", err.message);
        } else {
            is_str(rc != 0 ? err.message : "(valid)", cases[i].want, "Value %s", cases[i].props);
        }
        json_decref(p);
    }
}

static void test_value(void)
{
    res r;
    hh_rstep step;
    hh_error err;
    json_t *out = NULL, *diff = NULL;
    hh_rupdate d;
    double delay = -1;

    test_value_validate();
    res_init(&r, "OS::Heat::Value", "v", "{\"value\": \"12\", \"type\": \"number\"}");
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), 0, "Value create");
    ok(step.done, "Value create done");
    is_str(r.ctx.physical_id, "mystack-v-3342xqjdivty", "Value's physical id is its name");
    is_int(hh_rplugin_reference_id(r.t, &r.ctx, &out, &err), 0, "Value reference");
    is_json(out, "\"mystack-v-3342xqjdivty\"", "Value's reference is the physical name");
    json_decref(out);
    is_int(hh_rplugin_attribute(r.t, &r.ctx, "value", &out, &delay, &err), 0, "value attribute");
    is_json(out, "\"12\"", "value attribute as given (Heat reads the Any schema)");
    ok(delay == 0, "no delay");
    json_decref(out);
    hh_error_clear(&err);
    is_int(hh_rplugin_attribute(r.t, &r.ctx, "nope", &out, NULL, &err), HH_EINVAL,
           "unknown attribute");
    is_str(err.message, "The Referenced Attribute (v nope) is incorrect.",
           "unknown attribute message as Heat's");
    is_int(hh_rplugin_attribute(r.t, &r.ctx, "show", &out, NULL, &err), 0, "show attribute");
    is_json(out, "null", "show is null without a client entity");
    json_decref(out);

    res_update_props(&r, "{\"value\": [1, 2], \"type\": \"comma_delimited_list\"}");
    is_int(hh_rplugin_update_decide(r.t, "v", r.prior, r.props, &d, &diff, &err), 0,
           "Value update decision");
    ok(d == HH_RUPDATE_IN_PLACE, "Value updates in place");
    is_json(diff, "{\"type\":\"comma_delimited_list\",\"value\":[1,2]}", "prop_diff");
    is_int(run_action(&r, HH_RACT_UPDATE, diff, 0, NULL, &step, &err), 0, "Value update");
    ok(step.done, "Value update done");
    json_decref(diff);
    is_int(hh_rplugin_attribute(r.t, &r.ctx, "value", &out, NULL, &err), 0, "value after update");
    is_json(out, "[1,2]", "value attribute follows the update");
    json_decref(out);
    res_update_props(&r, "{\"value\": [1, 2], \"type\": \"comma_delimited_list\"}");
    is_int(hh_rplugin_update_decide(r.t, "v", r.prior, r.props, &d, &diff, &err), 0,
           "Value unchanged");
    ok(d == HH_RUPDATE_NONE && diff == NULL, "no change, no update");
    res_update_props(&r, "{\"value\": [1.0, 2], \"type\": \"comma_delimited_list\"}");
    is_int(hh_rplugin_update_decide(r.t, "v", r.prior, r.props, &d, &diff, &err), 0,
           "Value 1 vs 1.0");
    ok(d == HH_RUPDATE_NONE, "1.0 == 1 as in Python: no update");
    res_free(&r);
}

/* ---- OS::Heat::RandomString ------------------------------------------------- */

static void test_random_validate(void)
{
    static const struct {
        const char *props;
        bool valid;
    } cases[] = {
        {"{\"length\": 2, \"character_classes\": [{\"class\": \"digits\", \"min\": 2}, "
         "{\"class\": \"lowercase\", \"min\": 1}]}",
         false},
        {"{\"length\": 3, \"character_classes\": [{\"class\": \"digits\", \"min\": 2}], "
         "\"character_sequences\": [{\"sequence\": \"!@\", \"min\": 2}]}",
         false},
        {"{\"length\": 4, \"character_classes\": [{\"class\": \"digits\", \"min\": 2}], "
         "\"character_sequences\": [{\"sequence\": \"!@\", \"min\": 2}]}",
         true},
        {"{\"length\": 1}", true},
        {"{\"length\": 1, \"character_classes\": []}", true},
        {"{\"length\": 1, \"character_sequences\": [{\"sequence\": \"ab\", \"min\": 2}]}", false},
        {"{\"length\": \"4\", \"character_classes\": [{\"class\": \"digits\", \"min\": \"4\"}]}",
         true},
    };
    const hh_rtype *t = hh_rtype_lookup("OS::Heat::RandomString");
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *p = json_loads(cases[i].props, 0, NULL);
        hh_error err;
        int rc;

        hh_error_clear(&err);
        rc = hh_rtype_validate_properties(t, p, true, NULL, "resources.r.properties", &err);
        if (rc == 0)
            rc = hh_rplugin_validate(t, "r", p, NULL, "resources.r.properties", &err);
        if (cases[i].valid) {
            if (!ok(rc == 0, "RandomString %s is valid", cases[i].props))
                diag("got %s", err.message);
        } else {
            is_str(rc != 0 ? err.message : "(valid)",
                   "Length property cannot be smaller than combined character class and "
                   "character sequence minimums",
                   "RandomString %s", cases[i].props);
        }
        json_decref(p);
    }
}

static size_t count_in(const char *s, const char *set)
{
    size_t n = 0;

    for (; *s; s++)
        if (strchr(set, *s) != NULL)
            n++;
    return n;
}

/* Over many seeds: every class gets its minimum, every character comes
 * from the union, the length holds. */
static void test_random_seeds(void)
{
    const hh_rtype *t = hh_rtype_lookup("OS::Heat::RandomString");
    json_t *props = resolve(t, "{\"length\": 12, \"character_classes\": [{\"class\": "
                               "\"digits\", \"min\": 3}, {\"class\": \"uppercase\", \"min\": 2}, "
                               "{\"class\": \"octdigits\", \"min\": 1}], \"character_sequences\": "
                               "[{\"sequence\": \"!@#\", \"min\": 4}]}");
    json_t *small = resolve(t, "{\"length\": 5, \"character_classes\": [{\"class\": "
                               "\"lowercase\", \"min\": 5}]}");
    int seed, bad_len = 0, bad_min = 0, bad_set = 0, bad_small = 0, distinct_first = 0;
    bool seen[256] = {false};
    hh_error err;

    for (seed = 1; seed <= 500; seed++) {
        fake f = {.seed = (uint64_t)seed * 0x9e3779b97f4a7c15ULL};
        hh_rctx ctx = {.ops = &fake_ops, .ud = &f, .properties = props};
        char *s = NULL;

        if (hh_random_string(&ctx, json_object_get(props, "character_sequences"),
                             json_object_get(props, "character_classes"), 12, &s, &err) != 0) {
            bad_len++;
            continue;
        }
        if (strlen(s) != 12)
            bad_len++;
        if (count_in(s, "0123456789") < 3 || count_in(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") < 2 ||
            count_in(s, "!@#") < 4)
            bad_min++;
        if (count_in(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#") != 12)
            bad_set++;
        if (!seen[(unsigned char)s[0]])
            distinct_first++;
        seen[(unsigned char)s[0]] = true;
        free(s);
        s = NULL;
        if (hh_random_string(&ctx, NULL, json_object_get(small, "character_classes"), 5, &s,
                             &err) != 0 ||
            count_in(s, "abcdefghijklmnopqrstuvwxyz") != 5 || strlen(s) != 5)
            bad_small++;
        free(s);
    }
    is_int(bad_len, 0, "500 seeds: every string has its length");
    is_int(bad_min, 0, "500 seeds: every class and sequence has its minimum");
    is_int(bad_set, 0, "500 seeds: every character from the classes");
    is_int(bad_small, 0, "500 seeds: minimums equal to the length");
    ok(distinct_first > 20, "the shuffle spreads the first character (%d kinds)", distinct_first);
    json_decref(props);
    json_decref(small);
}

static void test_random(void)
{
    res r;
    hh_rstep step;
    hh_error err;
    json_t *out = NULL, *diff = NULL, *empty;
    hh_rupdate d;
    char value[64];
    int i, ok_chars = 1;

    test_random_validate();
    test_random_seeds();

    res_init(&r, "OS::Heat::RandomString", "pw", "{}");
    is_int(hh_rplugin_reference_id(r.t, &r.ctx, &out, &err), 0, "reference before create");
    is_json(out, "\"pw\"", "RandomString reference before create is the name");
    json_decref(out);
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), 0, "RandomString create");
    ok(step.done, "RandomString create done");
    ok(fake_data(&r.f, "value") != NULL && strlen(fake_data(&r.f, "value")) == 32,
       "default length 32 stored as resource data");
    for (i = 0; fake_data(&r.f, "value") && fake_data(&r.f, "value")[i]; i++)
        ok_chars &= strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                           fake_data(&r.f, "value")[i]) != NULL;
    ok(ok_chars, "default class lettersdigits");
    ok(r.f.redacted[fake_find(&r.f, "value")], "the value is redacted data");
    is_str(r.f.log, "d:value p ", "value stored before the physical id");
    is_str(r.ctx.physical_id, "mystack-pw-3342xqjdivty", "physical id is the physical name");
    snprintf(value, sizeof(value), "%s", fake_data(&r.f, "value"));
    is_int(hh_rplugin_reference_id(r.t, &r.ctx, &out, &err), 0, "reference");
    ok(json_is_string(out) && strcmp(json_string_value(out), value) == 0,
       "get_resource gives the string");
    json_decref(out);
    is_int(hh_rplugin_attribute(r.t, &r.ctx, "value", &out, NULL, &err), 0, "value attribute");
    ok(json_is_string(out) && strcmp(json_string_value(out), value) == 0,
       "value attribute is the string");
    json_decref(out);
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), 0, "resumed create");
    is_str(fake_data(&r.f, "value"), value, "a resumed create keeps the string (restart-safe)");

    res_update_props(&r, "{\"salt\": \"new\"}");
    is_int(hh_rplugin_update_decide(r.t, "pw", r.prior, r.props, &d, &diff, &err), 0,
           "salt change");
    ok(d == HH_RUPDATE_REPLACE && diff == NULL, "a salt change replaces");
    res_update_props(&r, "{\"salt\": \"new\"}");
    is_int(hh_rplugin_update_decide(r.t, "pw", r.prior, r.props, &d, &diff, &err), 0, "same salt");
    ok(d == HH_RUPDATE_NONE, "the same salt changes nothing");
    res_update_props(&r, "{\"salt\": \"new\", \"length\": 8}");
    is_int(hh_rplugin_update_decide(r.t, "pw", r.prior, r.props, &d, &diff, &err), 0, "length");
    ok(d == HH_RUPDATE_REPLACE, "a length change replaces");
    res_free(&r);

    res_init(&r, "OS::Heat::RandomString", "seq",
             "{\"length\": 6, \"character_sequences\": [{\"sequence\": \"\xc3\xa9\xe2\x82\xac\", "
             "\"min\": 6}], \"character_classes\": []}");
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), 0, "UTF-8 sequence");
    ok(fake_data(&r.f, "value") != NULL && hh_utf8_len(fake_data(&r.f, "value")) == 6 &&
           count_in(fake_data(&r.f, "value"), "\xc3\xa9\xe2\x82\xac") ==
               strlen(fake_data(&r.f, "value")),
       "characters of a sequence are code points");
    res_free(&r);

    res_init(&r, "OS::Heat::RandomString", "old", "{\"length\": 10, \"sequence\": \"octdigits\"}");
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), 0, "deprecated sequence");
    ok(fake_data(&r.f, "value") != NULL && count_in(fake_data(&r.f, "value"), "01234567") == 10,
       "sequence takes the place of the default classes");
    res_free(&r);

    res_init(&r, "OS::Heat::RandomString", "none", "{\"length\": 1, \"character_classes\": []}");
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 0, NULL, &step, &err), HH_EINVAL,
           "no character to choose from");
    is_str(err.type, "IndexError", "Heat's exception");
    is_str(err.message, "Cannot choose from an empty sequence", "Heat's message");
    ok(r.ctx.physical_id[0] == '\0', "no physical id for a failed create");
    res_free(&r);

    empty = resolve(hh_rtype_lookup("OS::Heat::RandomString"), "{\"length\": 512}");
    is_int(json_integer_value(json_object_get(empty, "length")), 512, "length 512 resolves");
    json_decref(empty);
}

/* ---- OS::Heat::TestResource ------------------------------------------------ */

static void test_test_resource(void)
{
    res r;
    hh_rstep step;
    hh_error err;
    json_t *out = NULL, *diff = NULL;
    hh_rupdate d;
    double delay = 0;
    int checks = 0;
    atomic_bool cancel = false;

    res_init(&r, "OS::Heat::TestResource", "t1",
             "{\"value\": \"hello\", \"wait_secs\": 5, \"attr_wait_secs\": 2}");
    hh_error_clear(&err);
    is_int(hh_rplugin_handle(r.t, HH_RACT_CREATE, &r.ctx, NULL, &step, &err), 0,
           "TestResource create");
    ok(!step.done, "create waits");
    is_str(r.ctx.physical_id, "mystack-t1-3342xqjdivty", "physical id recorded at handle_create");
    is_str(r.f.log, "d:value p ", "value then physical id, before any completion");
    r.f.clock += 1;
    is_int(hh_rplugin_check_complete(r.t, HH_RACT_CREATE, &r.ctx, &step, &err), 0, "check at 1s");
    ok(!step.done, "not done after 1 of 5 seconds");
    ok(step.poll_secs > 3.99 && step.poll_secs < 4.01, "poll hint is the time left (%g)",
       step.poll_secs);
    r.f.clock += 4;
    is_int(hh_rplugin_check_complete(r.t, HH_RACT_CREATE, &r.ctx, &step, &err), 0, "check at 5s");
    ok(step.done, "done after wait_secs");
    is_str(fake_data(&r.f, "value"), "hello", "value stored");
    is_int(hh_rplugin_attribute(r.t, &r.ctx, "output", &out, &delay, &err), 0, "output");
    is_json(out, "\"hello\"", "output is the stored value");
    ok(delay == 2, "attr_wait_secs is the answer's delay");
    json_decref(out);
    is_int(hh_rplugin_reference_id(r.t, &r.ctx, &out, &err), 0, "reference");
    is_json(out, "\"mystack-t1-3342xqjdivty\"", "reference is the physical id");
    json_decref(out);

    /* update of value: in place, waits wait_secs (action_wait_secs.update) */
    res_update_props(&r, "{\"value\": \"world\", \"wait_secs\": 5, \"action_wait_secs\": "
                         "{\"update\": 2}}");
    is_int(hh_rplugin_update_decide(r.t, "t1", r.prior, r.props, &d, &diff, &err), 0,
           "value change");
    ok(d == HH_RUPDATE_IN_PLACE, "a value change updates in place");
    is_int(run_action(&r, HH_RACT_UPDATE, diff, 10, &checks, &step, &err), 0, "update");
    ok(step.done, "update done");
    is_int(r.f.clock - r.ctx.action_started, 2, "update waited action_wait_secs.update");
    is_str(fake_data(&r.f, "value"), "world", "new value stored");
    json_decref(diff);
    diff = NULL;

    /* a change of other properties: no wait */
    res_update_props(&r, "{\"value\": \"world\", \"wait_secs\": 5, \"client_name\": \"nova\"}");
    is_int(hh_rplugin_update_decide(r.t, "t1", r.prior, r.props, &d, &diff, &err), 0,
           "client_name change");
    ok(d == HH_RUPDATE_IN_PLACE, "update_allowed property in place");
    is_int(run_action(&r, HH_RACT_UPDATE, diff, 10, &checks, &step, &err), 0, "update no value");
    ok(step.done && checks == 1, "without a value change no wait: done at the first check");
    json_decref(diff);
    diff = NULL;

    res_update_props(&r, "{\"value\": \"again\", \"update_replace\": true}");
    is_int(hh_rplugin_update_decide(r.t, "t1", r.prior, r.props, &d, &diff, &err), 0,
           "update_replace");
    ok(d == HH_RUPDATE_REPLACE, "value change with update_replace replaces");
    res_update_props(&r, "{\"value\": \"again\", \"update_replace\": true, "
                         "\"update_replace_value\": \"x\"}");
    is_int(hh_rplugin_update_decide(r.t, "t1", r.prior, r.props, &d, &diff, &err), 0,
           "update_replace_value");
    ok(d == HH_RUPDATE_REPLACE, "update_replace_value is not update_allowed: replace");
    res_update_props(&r, "{\"value\": \"again\", \"update_replace\": false, "
                         "\"update_replace_value\": \"x\"}");
    is_int(hh_rplugin_update_decide(r.t, "t1", r.prior, r.props, &d, &diff, &err), 0,
           "update_replace off");
    ok(d == HH_RUPDATE_IN_PLACE, "update_replace alone updates in place");
    json_decref(diff);
    diff = NULL;

    /* turn fail on: the update fails after its (zero) wait */
    res_update_props(&r, "{\"value\": \"again\", \"fail\": true, \"update_replace_value\": "
                         "\"x\"}");
    is_int(hh_rplugin_update_decide(r.t, "t1", r.prior, r.props, &d, &diff, &err), 0, "fail on");
    ok(d == HH_RUPDATE_IN_PLACE, "fail is update_allowed");
    is_int(run_action(&r, HH_RACT_UPDATE, diff, 3, &checks, &step, &err), HH_EINVAL,
           "update with fail");
    is_str(err.type, "ValueError", "fail raises ValueError");
    is_str(err.message, "Test Resource failed t1", "Heat's failure message");
    json_decref(diff);
    diff = NULL;

    /* delete with fail still completes, after action_wait_secs.delete */
    res_update_props(&r, "{\"fail\": true, \"wait_secs\": 9, \"action_wait_secs\": "
                         "{\"delete\": 3}}");
    is_int(run_action(&r, HH_RACT_DELETE, NULL, 10, &checks, &step, &err), 0, "delete");
    ok(step.done, "delete completes even with fail");
    is_int(r.f.clock - r.ctx.action_started, 3, "delete waited action_wait_secs.delete");
    res_free(&r);

    /* fail on create: no physical id, failure after wait_secs */
    res_init(&r, "OS::Heat::TestResource", "bad", "{\"fail\": true, \"wait_secs\": 2}");
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 10, &checks, &step, &err), HH_EINVAL,
           "create with fail");
    is_str(err.message, "Test Resource failed bad", "create failure message");
    ok(r.ctx.physical_id[0] == '\0' && r.f.id_sets == 0, "failed create records no physical id");
    ok(fake_data(&r.f, "value") == NULL, "failed create stores no value");
    is_int(r.f.clock - r.ctx.action_started, 2, "failure comes after wait_secs");
    is_int(hh_rplugin_reference_id(r.t, &r.ctx, &out, &err), 0, "reference of failed");
    is_json(out, "\"bad\"", "reference of a failed create is the name");
    json_decref(out);
    res_free(&r);

    /* action_wait_secs.create overrides wait_secs; -1 waits forever */
    res_init(&r, "OS::Heat::TestResource", "w",
             "{\"wait_secs\": 100, \"action_wait_secs\": {\"create\": 1.5}}");
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 10, &checks, &step, &err), 0, "create 1.5s");
    ok(step.done && r.f.clock - r.ctx.action_started == 1.5, "action_wait_secs.create wins");
    res_free(&r);
    res_init(&r, "OS::Heat::TestResource", "forever", "{\"wait_secs\": -1}");
    r.ctx.cancel = &cancel;
    is_int(run_action(&r, HH_RACT_CREATE, NULL, 50, &checks, &step, &err), 0, "wait forever");
    ok(!step.done && checks == 50, "wait_secs -1 never completes (50 polls)");
    atomic_store(&cancel, true);
    hh_error_clear(&err);
    is_int(hh_rplugin_check_complete(r.t, HH_RACT_CREATE, &r.ctx, &step, &err), ECANCELED,
           "cancel stops the wait");
    res_free(&r);

    /* a crash between handle and check: a new engine resumes from the
     * same action_started */
    res_init(&r, "OS::Heat::TestResource", "crash", "{\"wait_secs\": 10}");
    is_int(hh_rplugin_handle(r.t, HH_RACT_CREATE, &r.ctx, NULL, &step, &err), 0, "handle");
    r.f.clock += 7;
    is_int(hh_rplugin_handle(r.t, HH_RACT_CREATE, &r.ctx, NULL, &step, &err), 0,
           "handle again after restart");
    is_str(fake_data(&r.f, "value"), "test_string", "default value stored");
    r.f.clock += 3;
    is_int(hh_rplugin_check_complete(r.t, HH_RACT_CREATE, &r.ctx, &step, &err), 0, "check");
    ok(step.done, "the wait counts from the recorded start, not the restart");
    res_free(&r);
}

/* ---- update decisions with a schema of our own; schema-only types ---------- */

static const hh_pschema imm_p[] = {
    {.name = "a", .type = HH_PT_STRING, .immutable = true},
    {.name = "b", .type = HH_PT_STRING, .update_allowed = true},
    {.name = "c", .type = HH_PT_STRING, .immutable = true, .update_allowed = true},
    {.name = NULL},
};
static const struct hh_rplugin_ops imm_ops = {.flags = 0};
static const hh_rtype imm_t = {.name = "My::Imm", .properties = imm_p, .ops = &imm_ops};

static void test_decide_and_schema_only(void)
{
    json_t *before = json_pack("{s:s, s:s, s:s}", "a", "1", "b", "1", "c", "1");
    json_t *after = json_pack("{s:s, s:s, s:s}", "a", "2", "b", "2", "c", "2");
    json_t *diff = NULL, *out = NULL;
    const hh_rtype *rg = hh_rtype_lookup("AWS::CloudFormation::Stack");
    hh_rupdate d;
    hh_rstep step;
    hh_error err;
    hh_rctx ctx = {.name = "g", .ops = &fake_ops};

    hh_error_clear(&err);
    is_int(hh_rplugin_update_decide(&imm_t, "r1", before, after, &d, &diff, &err), HH_EUNSUPPORTED,
           "immutable change refused");
    is_str(err.message, "Update to properties a, c of r1 (My::Imm) is not supported.",
           "NotSupported message as Heat's");
    json_object_set_new(after, "a", json_string("1"));
    json_object_set_new(after, "c", json_string("1"));
    is_int(hh_rplugin_update_decide(&imm_t, "r1", before, after, &d, &diff, &err), 0,
           "mutable change");
    ok(d == HH_RUPDATE_IN_PLACE, "update_allowed change in place");
    is_json(diff, "{\"b\":\"2\"}", "prop_diff holds only the change");
    json_decref(diff);
    json_decref(before);
    json_decref(after);

    ok(rg != NULL && rg->ops == NULL, "AWS::CloudFormation::Stack has no behaviour yet");
    hh_error_clear(&err);
    is_int(hh_rplugin_handle(rg, HH_RACT_CREATE, &ctx, NULL, &step, &err), HH_EUNSUPPORTED,
           "schema-only type refuses create");
    is_int(hh_rplugin_reference_id(rg, &ctx, &out, &err), HH_EUNSUPPORTED,
           "schema-only type refuses reference");
    is_str(hh_raction_name(HH_RACT_SUSPEND), "SUSPEND", "action names");
}

int main(void)
{
    plan_lazy();
    test_names();
    test_none();
    test_value();
    test_random();
    test_test_resource();
    test_decide_and_schema_only();
    return done_testing();
}
