/* Unit tests for doc_load and srcmap: PyYAML SafeLoader scalar forms (as
 * Heat's template_format.yaml_loader reads them), JSON, aliases and merges,
 * keys, places, error messages and bounds. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc_load.h"
#include "srcmap.h"
#include "tap.h"

/* YAML text and the JSON that Heat's loader yields for it (generated with
 * PyYAML 6 + heat.common.template_format.yaml_loader, with inf/nan turned
 * into the strings this loader uses). */
static const struct {
    const char *yaml;
    const char *json;
} cases[] = {
    {"a: ~", "{\"a\": null}"},
    {"a: null", "{\"a\": null}"},
    {"a: Null", "{\"a\": null}"},
    {"a: NULL", "{\"a\": null}"},
    {"a:", "{\"a\": null}"},
    {"a: nULL", "{\"a\": \"nULL\"}"},
    {"a: yes", "{\"a\": true}"},
    {"a: Yes", "{\"a\": true}"},
    {"a: YES", "{\"a\": true}"},
    {"a: no", "{\"a\": false}"},
    {"a: No", "{\"a\": false}"},
    {"a: NO", "{\"a\": false}"},
    {"a: true", "{\"a\": true}"},
    {"a: True", "{\"a\": true}"},
    {"a: TRUE", "{\"a\": true}"},
    {"a: false", "{\"a\": false}"},
    {"a: False", "{\"a\": false}"},
    {"a: FALSE", "{\"a\": false}"},
    {"a: on", "{\"a\": true}"},
    {"a: On", "{\"a\": true}"},
    {"a: ON", "{\"a\": true}"},
    {"a: off", "{\"a\": false}"},
    {"a: Off", "{\"a\": false}"},
    {"a: OFF", "{\"a\": false}"},
    {"a: yEs", "{\"a\": \"yEs\"}"},
    {"a: y", "{\"a\": \"y\"}"},
    {"a: n", "{\"a\": \"n\"}"},
    {"a: 0", "{\"a\": 0}"},
    {"a: 12", "{\"a\": 12}"},
    {"a: -12", "{\"a\": -12}"},
    {"a: +12", "{\"a\": 12}"},
    {"a: 1_000", "{\"a\": 1000}"},
    {"a: 0b1010", "{\"a\": 10}"},
    {"a: -0b11", "{\"a\": -3}"},
    {"a: 017", "{\"a\": 15}"},
    {"a: 0o17", "{\"a\": \"0o17\"}"},
    {"a: 08", "{\"a\": \"08\"}"},
    {"a: 0x1F", "{\"a\": 31}"},
    {"a: 0xff_ff", "{\"a\": 65535}"},
    {"a: -0x10", "{\"a\": -16}"},
    {"a: 1:30", "{\"a\": 90}"},
    {"a: -1:30", "{\"a\": -90}"},
    {"a: 190:20:30", "{\"a\": 685230}"},
    {"a: 1:60", "{\"a\": \"1:60\"}"},
    {"a: 09:30", "{\"a\": \"09:30\"}"},
    {"a: 0_", "{\"a\": 0}"},
    {"a: 9223372036854775807", "{\"a\": 9223372036854775807}"},
    {"a: -9223372036854775808", "{\"a\": -9223372036854775808}"},
    {"a: 1.5", "{\"a\": 1.5}"},
    {"a: -1.5", "{\"a\": -1.5}"},
    {"a: 1.", "{\"a\": 1.0}"},
    {"a: .5", "{\"a\": 0.5}"},
    {"a: -.5", "{\"a\": \"-.5\"}"},
    {"a: 1e3", "{\"a\": \"1e3\"}"},
    {"a: 1.5e3", "{\"a\": \"1.5e3\"}"},
    {"a: 1.5e+3", "{\"a\": 1500.0}"},
    {"a: 1.5E-2", "{\"a\": 0.015}"},
    {"a: 1_000.5", "{\"a\": 1000.5}"},
    {"a: 1:30.5", "{\"a\": 90.5}"},
    {"a: 0.1", "{\"a\": 0.1}"},
    {"a: 6.02e+23", "{\"a\": 6.02e+23}"},
    {"a: 1.0e+400", "{\"a\": \"inf\"}"},
    {"a: .inf", "{\"a\": \"inf\"}"},
    {"a: -.inf", "{\"a\": \"-inf\"}"},
    {"a: +.Inf", "{\"a\": \"inf\"}"},
    {"a: .NaN", "{\"a\": \"nan\"}"},
    {"a: .nan", "{\"a\": \"nan\"}"},
    {"a: -.nan", "{\"a\": \"-.nan\"}"},
    {"a: .Nan", "{\"a\": \".Nan\"}"},
    {"a: 2015-10-15", "{\"a\": \"2015-10-15\"}"},
    {"a: 2001-12-14t21:59:43.10-05:00", "{\"a\": \"2001-12-14t21:59:43.10-05:00\"}"},
    {"a: 2001-12-14 21:59:43.10 -5", "{\"a\": \"2001-12-14 21:59:43.10 -5\"}"},
    {"a: '12'", "{\"a\": \"12\"}"},
    {"a: \"yes\"", "{\"a\": \"yes\"}"},
    {"a: 'null'", "{\"a\": \"null\"}"},
    {"a: !!str 12", "{\"a\": \"12\"}"},
    {"a: !!int '12'", "{\"a\": 12}"},
    {"a: !!float '1'", "{\"a\": 1.0}"},
    {"a: !!bool 'on'", "{\"a\": true}"},
    {"a: !!null 'x'", "{\"a\": null}"},
    {"a: !!str", "{\"a\": \"\"}"},
    {"a: ! 12", "{\"a\": 12}"},
    {"a: !!timestamp 2001-01-01", "{\"a\": \"2001-01-01\"}"},
    {"a: !!float 1e3", "{\"a\": 1000.0}"},
    {"a: !!int 0x_1", "{\"a\": 1}"},
    {"a: <<x", "{\"a\": \"<<x\"}"},
    {"a: =x", "{\"a\": \"=x\"}"},
    {"=: 1", "{\"=\": 1}"},
    {"a: 1 2", "{\"a\": \"1 2\"}"},
    {"a: héllo wörld", "{\"a\": \"héllo wörld\"}"},
    {"a: \"\\u00e9\\U0001F600\"", "{\"a\": \"é😀\"}"},
    {"a: |\n  line1\n  line2\n", "{\"a\": \"line1\\nline2\\n\"}"},
    {"a: >\n  folded\n  text\n", "{\"a\": \"folded text\\n\"}"},
    {"a: 'it''s'", "{\"a\": \"it's\"}"},
    {"a: [1, two, 3.0, null, true]", "{\"a\": [1, \"two\", 3.0, null, true]}"},
    {"a: {b: 1, c: [x]}", "{\"a\": {\"b\": 1, \"c\": [\"x\"]}}"},
    {"{}", "{}"},
    {"[]", "[]"},
    {"a: &x {k: 1}\nb: *x", "{\"a\": {\"k\": 1}, \"b\": {\"k\": 1}}"},
    {"a: &x [1, 2]\nb: [*x, *x]", "{\"a\": [1, 2], \"b\": [[1, 2], [1, 2]]}"},
    {"a: &s str\nb: *s", "{\"a\": \"str\", \"b\": \"str\"}"},
    {"base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n  z: 4", "{\"base\": {\"x\": 1, \"y\": 2}, \"d\": {\"x\": 1, \"y\": 3, \"z\": 4}}"},
    {"a: &a {x: 1}\nb: &b {x: 2, y: 3}\nc:\n  <<: [*a, *b]\n  z: 0", "{\"a\": {\"x\": 1}, \"b\": {\"x\": 2, \"y\": 3}, \"c\": {\"x\": 1, \"y\": 3, \"z\": 0}}"},
    {"c:\n  <<: {p: 1}\n  q: 2", "{\"c\": {\"p\": 1, \"q\": 2}}"},
    {"c: {<<: [{a: 1}, {a: 2, b: 2}], b: 3}", "{\"c\": {\"a\": 1, \"b\": 3}}"},
    {"c: {'<<': 1}", "{\"c\": {\"<<\": 1}}"},
    {"k:\n  - a: 1\n    b: 2\n  - c", "{\"k\": [{\"a\": 1, \"b\": 2}, \"c\"]}"},
    {"? a\n: 1", "{\"a\": 1}"},
    {"a: '-'", "{\"a\": \"-\"}"},
    {"- a\n- b", "[\"a\", \"b\"]"},
    {"12", "12"},
    {"'str'", "\"str\""},
};

#define DUMP_FLAGS (JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17))

static int parse(const char *text, json_t **out, hh_srcmap **map, hh_error *err)
{
    return hh_doc_parse(text, strlen(text), "t.yaml", NULL, out, map, err);
}

/* Same value, same key order, same integer/real types. */
static void is_doc(const char *yaml, const char *json, const char *name)
{
    json_t *got = NULL, *want = json_loads(json, JSON_DECODE_ANY, NULL);
    char *gs = NULL, *ws = NULL;
    hh_error err;
    int rc = parse(yaml, &got, NULL, &err);

    if (rc == 0 && want != NULL) {
        gs = json_dumps(got, DUMP_FLAGS);
        ws = json_dumps(want, DUMP_FLAGS);
    }
    if (!ok(rc == 0 && gs != NULL && ws != NULL && strcmp(gs, ws) == 0, "%s", name))
        diag("rc %d (%s) got %s want %s", rc, err.message, gs ? gs : "-", ws ? ws : "-");
    free(gs);
    free(ws);
    json_decref(got);
    json_decref(want);
}

/* Parse must fail with rc; message must contain needle; place line:col. */
static void is_err(const char *yaml, int want_rc, const char *needle, int line, int col,
                   const char *name)
{
    json_t *got = NULL;
    hh_srcmap *map = NULL;
    hh_error err;
    int rc = parse(yaml, &got, &map, &err);

    if (!ok(rc == want_rc && got == NULL && map == NULL && strstr(err.message, needle) != NULL &&
                err.line == line && err.column == col && err.type == NULL,
            "%s", name))
        diag("rc %d at %d:%d: %s", rc, err.line, err.column, err.message);
    json_decref(got);
    hh_srcmap_free(map);
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_cases(void)
{
    char name[256];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(name, sizeof(name), "as PyYAML: %s", cases[i].yaml);
        for (char *p = name; *p; p++)
            if (*p == '\n')
                *p = '|';
        is_doc(cases[i].yaml, cases[i].json, name);
    }
}

static void test_keys_and_empty(void)
{
    is_doc("1: a\nyes: b\n~: c\n0x10: d\n1.5: f\n1e2: g\nOff: h",
           "{\"1\":\"a\",\"true\":\"b\",\"null\":\"c\",\"16\":\"d\",\"1.5\":\"f\",\"1e2\":\"g\","
           "\"false\":\"h\"}",
           "scalar keys become their JSON text, as Heat receives them");
    is_doc("? \n: e", "{\"null\":\"e\"}", "an empty key is null");
    is_doc("'yes': a\n\"1\": b", "{\"yes\":\"a\",\"1\":\"b\"}", "quoted keys stay as written");
    is_doc("? &k key\n: 1\nx: {*k : 2}", "{\"key\":1,\"x\":{\"key\":2}}", "alias as a key");
    is_doc("z: 1\na: 2\nm: 3\nb: 4", "{\"z\":1,\"a\":2,\"m\":3,\"b\":4}", "key order kept");
    is_doc("", "{}", "empty text is an empty object (simple_parse: None -> {})");
    is_doc("# only a comment\n", "{}", "comment-only text is an empty object");
    is_doc("~", "{}", "null document is an empty object");
    is_doc("---\n...\n", "{}", "empty explicit document is an empty object");
    is_doc("null", "null", "JSON null stays null (read as JSON first)");
    is_doc("[1e3, 1.5E2, 10]", "[1000.0, 150.0, 10]", "JSON-valid text is read as JSON");
    is_doc("{\"a\": 12345678901234567, \"b\": 0.1, \"c\": 1e-7, \"d\": -0}",
           "{\"a\": 12345678901234567, \"b\": 0.1, \"c\": 1e-7, \"d\": 0}", "JSON numbers");
    is_doc("{\"a\": \"2015-10-15\", \"b\": \"\\u00e9\"}", "{\"a\":\"2015-10-15\",\"b\":\"é\"}",
           "JSON strings");
    is_doc("heat_template_version: 2015-10-15\n", "{\"heat_template_version\":\"2015-10-15\"}",
           "dates stay strings");
    is_doc("\xef\xbb\xbf" "a: 1", "{\"a\":1}", "UTF-8 byte order mark skipped");
}

static void test_errors(void)
{
    is_err("a: 1\nb: [1, 2\n", HH_EPARSE,
           "while parsing a flow sequence\n  in \"<unicode string>\", line 2, column 4:\n    b: [1, 2\n       ^\ndid not find expected ',' or ']'\n  in \"<unicode string>\", line 3, column 1:",
           3, 1, "unclosed flow sequence: PyYAML shape, libyaml words, problem place");
    is_err("{\"a\": [1, 2}", HH_EPARSE, "did not find expected ',' or ']'", 1, 12,
           "bad JSON reported by the YAML reader");
    is_err("a: \"x", HH_EPARSE, "while scanning a quoted scalar", 1, 6, "unterminated quote");
    is_err("a: b: c", HH_EPARSE, "mapping values are not allowed in this context", 1, 5,
           "mapping value in a plain scalar");
    is_err("a: 1\nb: 2\na: 3\n", HH_EPARSE, "found duplicate key 'a'", 3, 1,
           "duplicate key refused at its second place");
    is_err("{\"a\": 1, \"a\": 2}", HH_EPARSE, "found duplicate key 'a'", 1, 10,
           "duplicate JSON key refused");
    is_err("a:\n  b: 1\n  b: 2\n", HH_EPARSE, "while constructing a mapping\n  in \"<unicode string>\", line 2, column 3:", 3, 3,
           "duplicate key names the mapping");
    is_err("x: !foo 1", HH_EPARSE, "could not determine a constructor for the tag '!foo'", 1, 4,
           "unknown tag");
    is_err("x: !!binary aGk=", HH_EPARSE, "is not supported", 1, 4, "binary tag refused");
    is_err("x: =", HH_EPARSE, "could not determine a constructor for the tag 'tag:yaml.org,2002:value'", 1, 4,
           "plain = as a value (PyYAML has no constructor)");
    is_err("a: *nope", HH_EPARSE, "found undefined alias 'nope'", 1, 4, "undefined alias");
    is_err("a: &x [*x]", HH_EPARSE, "found unconstructable recursive node", 1, 8,
           "recursive alias refused");
    is_err("a: &x 1\nb: &x 2", HH_EPARSE, "found duplicate anchor 'x'; first occurrence", 2, 4,
           "duplicate anchor");
    is_err("a: 1\n---\nb: 2\n", HH_EPARSE, "expected a single document in the stream", 2, 1,
           "two documents");
    is_err("? [a]\n: 1", HH_EPARSE, "found unhashable key", 1, 3, "sequence as a key");
    is_err("a: 99999999999999999999", HH_EPARSE, "out of the 64-bit range", 1, 4,
           "integer beyond 64 bits");
    is_err("a: !!int abc", HH_EPARSE, "invalid literal for int()", 1, 4, "!!int on text");
    is_err("a: 0b_", HH_EPARSE, "invalid literal for int()", 1, 4, "0b_ (PyYAML ValueError)");
    is_err("a: !!map [1]", HH_EPARSE, "expected a mapping node, but found sequence", 1, 4,
           "!!map on a sequence");
    is_err("a: {<<: 1}", HH_EPARSE, "expected a mapping or list of mappings for merging, but found scalar", 1, 9,
           "merge of a scalar");
    is_err("a: {<<: [{b: 1}, 2]}", HH_EPARSE, "expected a mapping for merging, but found scalar", 1, 18,
           "merge list holding a scalar");
    is_err("a: 1\x01", HH_EPARSE, "unacceptable character #x0001: control characters are not allowed", 1, 5,
           "control character");
}

static void test_places(void)
{
    const char *y = "heat_template_version: 2015-10-15\n"
                    "resources:\n"
                    "  server:\n"
                    "    type: OS::Nova::Server\n"
                    "    properties:\n"
                    "      flavor: m1.small\n"
                    "      networks: [net0, net1]\n"
                    "      count: 3\n"
                    "      on: yes\n";
    json_t *doc = NULL, *res = NULL, *props = NULL;
    hh_srcmap *map = NULL;
    hh_error err;
    int l = 0, c = 0;

    is_int(parse(y, &doc, &map, &err), 0, "template parses with a map");
    res = json_object_get(json_object_get(doc, "resources"), "server");
    props = json_object_get(res, "properties");
    ok(hh_srcmap_get(map, doc, &l, &c) == 0 && l == 1 && c == 1, "root at 1:1");
    ok(hh_srcmap_get(map, res, &l, &c) == 0 && l == 4 && c == 5, "resource mapping at 4:5");
    ok(hh_srcmap_get(map, json_object_get(res, "type"), &l, &c) == 0 && l == 4 && c == 11,
       "type value at 4:11");
    ok(hh_srcmap_get(map, json_array_get(json_object_get(props, "networks"), 1), &l, &c) == 0 &&
           l == 7 && c == 24,
       "sequence item at 7:24");
    ok(hh_srcmap_get(map, json_object_get(props, "count"), &l, &c) == 0 && l == 8 && c == 14,
       "integer at 8:14");
    ok(hh_srcmap_get(map, json_object_get(props, "true"), &l, &c) == HH_ENOTFOUND,
       "singleton true has no place of its own");
    ok(hh_srcmap_get_key(map, props, "true", &l, &c) == 0 && l == 9 && c == 7,
       "key place at 9:7 (the key on: is true)");
    ok(hh_srcmap_get_key(map, doc, "resources", &l, &c) == 0 && l == 2 && c == 1,
       "top key place at 2:1");
    ok(hh_srcmap_get_key(map, doc, "nope", &l, &c) == HH_ENOTFOUND, "absent key not found");
    ok(hh_srcmap_get(NULL, doc, &l, &c) == HH_ENOTFOUND, "NULL map finds nothing");
    json_decref(doc);
    hh_srcmap_free(map);

    doc = NULL;
    map = NULL;
    is_int(parse("{\n  \"a\": [1,\n        {\"b\": \"x\"}],\n  \"c\":2.5\n}", &doc, &map, &err), 0,
           "JSON parses with a map");
    ok(json_is_integer(json_array_get(json_object_get(doc, "a"), 0)), "JSON integer stays integer");
    ok(hh_srcmap_get(map, json_object_get(json_array_get(json_object_get(doc, "a"), 1), "b"), &l,
                     &c) == 0 && l == 3 && c == 15,
       "JSON node place 3:15");
    ok(hh_srcmap_get_key(map, doc, "c", &l, &c) == 0 && l == 4 && c == 3, "JSON key place 4:3");
    ok(hh_srcmap_get(map, json_object_get(doc, "c"), &l, &c) == 0 && l == 4 && c == 7,
       "JSON value without space after colon at 4:7");
    json_decref(doc);
    hh_srcmap_free(map);

    doc = NULL;
    map = NULL;
    is_int(parse("b: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n", &doc, &map, &err), 0, "merge parses");
    ok(hh_srcmap_get_key(map, json_object_get(doc, "d"), "x", &l, &c) == 0 && l == 1 && c == 8,
       "merged key keeps its anchor's place");
    ok(hh_srcmap_get_key(map, json_object_get(doc, "d"), "y", &l, &c) == 0 && l == 4 && c == 3,
       "own key after a merge keeps its place");
    ok(json_object_get(doc, "b") != json_object_get(doc, "d"), "merged mapping is a new node");
    json_decref(doc);
    hh_srcmap_free(map);
}

static void test_srcmap(void)
{
    hh_srcmap *map = hh_srcmap_new();
    json_t *arr = json_array();
    int l = 0, c = 0, bad = 0;

    for (int i = 0; i < 5000; i++)
        json_array_append_new(arr, json_integer(i));
    for (int i = 0; i < 5000; i++)
        hh_srcmap_put(map, json_array_get(arr, (size_t)i), i + 1, i + 2);
    hh_srcmap_put_key(map, arr, "k", 7, 8);
    for (int i = 0; i < 5000; i++)
        if (hh_srcmap_get(map, json_array_get(arr, (size_t)i), &l, &c) != 0 || l != i + 1 ||
            c != i + 2)
            bad++;
    is_int(bad, 0, "5000 entries survive growth");
    is_int(hh_srcmap_count(map), 5001, "count includes the key entry");
    hh_srcmap_put(map, json_array_get(arr, 0), 9, 9);
    ok(hh_srcmap_get(map, json_array_get(arr, 0), &l, &c) == 0 && l == 9, "put replaces");
    ok(hh_srcmap_get_key(map, arr, "k", &l, &c) == 0 && l == 7 && c == 8, "key entry found");
    ok(hh_srcmap_get(map, arr, &l, &c) == HH_ENOTFOUND, "key entry is not a node entry");
    json_decref(arr);
    hh_srcmap_free(map);
}

static void test_limits(void)
{
    hh_doc_limits lim = hh_doc_limits_default;
    json_t *doc = NULL;
    hh_error err;
    char *big = NULL;
    size_t n = 0;
    double t0, t1;
    int rc;
    const char *laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                         "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                         "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                         "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                         "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                         "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                         "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                         "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";

    lim.max_size = 10;
    rc = hh_doc_parse("a: 12345678901", 14, "t", &lim, &doc, NULL, &err);
    is_int(rc, HH_ELIMIT, "text over max_size refused");
    is_str(err.message, "Template size (14 bytes) exceeds maximum allowed size (10 bytes).",
           "Heat's size message");

    t0 = now_ms();
    rc = parse(laughs, &doc, NULL, &err);
    t1 = now_ms();
    is_int(rc, HH_ELIMIT, "billion laughs refused");
    ok(strstr(err.message, "more than 1000000 nodes") != NULL && err.line == 7,
       "refused at the line whose alias passes max_nodes");
    diag("billion laughs refused in %.3f ms", t1 - t0);
    lim = hh_doc_limits_default;
    lim.max_aliases = 3;
    is_int(hh_doc_parse("a: &a 1\nb: [*a, *a, *a, *a]", 27, NULL, &lim, &doc, NULL, &err),
           HH_ELIMIT, "alias count bound");

    n = 10000;
    big = malloc(2 * n + 1);
    memset(big, '[', n);
    memset(big + n, ']', n);
    big[2 * n] = '\0';
    rc = hh_doc_parse(big, 2 * n, NULL, NULL, &doc, NULL, &err);
    is_int(rc, HH_ELIMIT, "10000 nested [ refused, no crash");
    ok(strstr(err.message, "deeper than 100 levels") != NULL && err.column == 101,
       "depth error at the 101st [");
    for (size_t i = 0; i < n; i++)
        big[i] = i % 2 ? ' ' : '-';
    big[n - 1] = '1';
    is_int(hh_doc_parse(big, n, NULL, NULL, &doc, NULL, &err), HH_ELIMIT,
           "10000 nested block sequences refused");
    free(big);
    big = malloc(40000 * 16 + 1);
    n = 0;
    for (int i = 0; i < 40000; i++)
        n += (size_t)sprintf(big + n, "- &a%d x\n", i);
    t0 = now_ms();
    rc = hh_doc_parse(big, n, NULL, NULL, &doc, NULL, &err);
    t1 = now_ms();
    ok(rc == 0 && json_array_size(doc) == 40000, "40000 anchors load");
    diag("40000 anchors (%zu bytes) loaded in %.1f ms", n, t1 - t0);
    json_decref(doc);
    doc = NULL;
    free(big);
    is_doc("[[[[[[[[[[1]]]]]]]]]]", "[[[[[[[[[[1]]]]]]]]]]", "10 levels fine");
    lim = hh_doc_limits_default;
    lim.max_depth = 3;
    is_int(hh_doc_parse("a: &x [[1]]\nb: [*x]", 19, NULL, &lim, &doc, NULL, &err), HH_ELIMIT,
           "alias counts with the depth it names");
    is_int(hh_doc_parse("{\"a\": [[[1]]]}", 14, NULL, &lim, &doc, NULL, &err), HH_ELIMIT,
           "JSON depth bound");
    lim.max_depth = 0;
    lim.max_nodes = 5;
    is_int(hh_doc_parse("[1, 2, 3, 4, 5, 6]", 18, NULL, &lim, &doc, NULL, &err), HH_ELIMIT,
           "JSON node bound");
    is_int(hh_doc_parse("5\0", 2, NULL, NULL, &doc, NULL, &err), HH_EPARSE,
           "NUL byte after JSON is not JSON, and YAML refuses it");
    is_int(hh_doc_parse(NULL, 0, NULL, NULL, &doc, NULL, &err), 0, "NULL text of length 0");
    json_decref(doc);
    doc = NULL;
    is_int(hh_doc_parse("a", 1, NULL, NULL, NULL, NULL, &err), EINVAL, "no result pointer");
}

static void test_sharing(void)
{
    json_t *doc = NULL;
    hh_error err;

    is_int(parse("a: &x {k: [1]}\nb: *x\n", &doc, NULL, &err), 0, "alias parses");
    ok(json_object_get(doc, "a") == json_object_get(doc, "b"), "alias is the anchored node");
    json_decref(doc);
}

int main(void)
{
    plan_lazy();
    test_cases();
    test_keys_and_empty();
    test_errors();
    test_places();
    test_srcmap();
    test_limits();
    test_sharing();
    return done_testing();
}
