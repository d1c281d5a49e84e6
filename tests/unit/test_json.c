/* Unit tests for hh_json: hh_json_dump_ascii gives json_dumps' text with
 * JSON_ENCODE_ANY | JSON_ENSURE_ASCII byte for byte, and
 * hh_json_deep_update merges as heatclient's deep_update. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hh_json.h"
#include "tap.h"

/* The same text as jansson's for v (stolen). */
static void same_as_jansson(json_t *v, const char *name)
{
    char *want = json_dumps(v, JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
    size_t len = 0;
    char *got = hh_json_dump_ascii(v, &len);

    ok(want != NULL && got != NULL && strcmp(got, want) == 0 && len == strlen(want), "%s: %s", name,
       got != NULL ? got : "(null)");
    if (want != NULL && got != NULL && strcmp(got, want) != 0)
        diag("jansson: %s", want);
    free(want);
    free(got);
    json_decref(v);
}

static void test_dump(void)
{
    static const char *const texts[][2] = {
        {"scalars", "[true, false, null, 0, -1, 9223372036854775807, -9223372036854775807]"},
        {"reals", "[0.5, -2.25, 1e300, 3.0, 0.1, 123456789.123]"},
        {"empty containers", "{\"a\": {}, \"b\": [], \"c\": \"\", \"d\": [[], {}]}"},
        {"insertion order kept", "{\"z\": 1, \"a\": 2, \"m\": {\"y\": 1, \"b\": 2}}"},
        {"escapes", "[\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f\"]"},
        {"control characters", "[\"\\u0001\\u001f\\u007f end\"]"},
        {"non-ASCII", "[\"caf\\u00e9 \\u20ac \\u4e2d\", \"\\ud83d\\ude00 astral\"]"},
        {"escaped keys", "{\"k\\\"\\u00e9\\n\": \"v\"}"},
        {"a stack list", "{\"stacks\": [{\"id\": \"x\", \"links\": [{\"href\": "
                         "\"http://h:8004/v1/t/stacks/s%201/x\", \"rel\": \"self\"}], "
                         "\"tags\": null, \"parent\": null}], \"count\": 1}"},
    };
    json_t *deep = json_array(), *cur = deep;

    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        json_error_t e;
        json_t *v = json_loads(texts[i][1], JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);

        if (!ok(v != NULL, "%s parses", texts[i][0]))
            diag("%s", e.text);
        else
            same_as_jansson(v, texts[i][0]);
    }
    same_as_jansson(json_string("top-level string"), "a top-level string");
    same_as_jansson(json_integer(42), "a top-level integer");
    same_as_jansson(json_real(-0.0), "negative zero");
    {
        json_t *o = json_object();

        json_object_setn_new(o, "\0nul", 4, json_integer(1));
        same_as_jansson(o, "a key holding a NUL");
    }
    for (int i = 0; i < 100; i++) {
        json_t *next = json_array();
        json_array_append_new(cur, next);
        cur = next;
    }
    same_as_jansson(deep, "100 levels");

    deep = json_array();
    cur = deep;
    for (int i = 0; i < 3000; i++) {
        json_t *next = json_array();
        json_array_append_new(cur, next);
        cur = next;
    }
    ok(hh_json_dump_ascii(deep, NULL) == NULL, "3000 levels: refused, no overflow");
    json_decref(deep);
    ok(hh_json_dump_ascii(NULL, NULL) == NULL, "NULL: NULL");
    {
        json_t *bad = json_stringn_nocheck("\xc3\x28", 2);
        char *j = json_dumps(bad, JSON_ENCODE_ANY | JSON_ENSURE_ASCII);

        ok(hh_json_dump_ascii(bad, NULL) == NULL && j == NULL,
           "a string that is not UTF-8 fails, as jansson's");
        free(j);
        json_decref(bad);
    }
}

static void test_deep_update(void)
{
    json_t *old = json_loads("{\"a\": {\"x\": 1, \"y\": 2}, \"b\": 1, \"c\": {\"k\": 1}}", 0, NULL);
    json_t *new_value =
        json_loads("{\"a\": {\"y\": 3, \"z\": 4}, \"b\": {\"n\": 1}, \"c\": null}", 0, NULL);
    char *text;

    is_int(hh_json_deep_update(old, new_value), 0, "deep_update");
    text = json_dumps(old, JSON_COMPACT | JSON_SORT_KEYS);
    is_str(text, "{\"a\":{\"x\":1,\"y\":3,\"z\":4},\"b\":{\"n\":1},\"c\":{\"k\":1}}",
           "mappings merge, a null keeps a mapping, others replace");
    free(text);
    json_decref(old);
    json_decref(new_value);
}

int main(void)
{
    plan_lazy();
    test_dump();
    test_deep_update();
    return done_testing();
}
