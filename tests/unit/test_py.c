/* Unit tests for hh_py: Python's str(), repr(), json.dumps(), float repr,
 * int() and float() of text, truth and ==. Expected texts were produced by
 * Python 3.11 itself. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hh_error.h"
#include "hh_py.h"
#include "tap.h"

static const struct { const char *json, *str, *repr, *dumps, *sorted; } fmts[] = {
    {"\"abc\"", "abc", "'abc'", "\"abc\"", "\"abc\""},
    {"\"it's\"", "it's", "\"it's\"", "\"it's\"", "\"it's\""},
    {"\"say \\\"hi\\\"\"", "say \"hi\"", "'say \"hi\"'", "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\""},
    {"\"both ' and \\\"\"", "both ' and \"", "'both \\' and \"'", "\"both ' and \\\"\"", "\"both ' and \\\"\""},
    {"\"tab\\tnl\\ncr\\r\"", "tab\011nl\012cr\015", "'tab\\tnl\\ncr\\r'", "\"tab\\tnl\\ncr\\r\"", "\"tab\\tnl\\ncr\\r\""},
    {"\"\\u0001\\u007f\\u0085\"", "\001\177\302\205", "'\\x01\\x7f\\x85'", "\"\\u0001\\u007f\\u0085\"", "\"\\u0001\\u007f\\u0085\""},
    {"\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"", "caf\303\251 \342\202\254 \360\237\230\200", "'caf\303\251 \342\202\254 \360\237\230\200'", "\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"", "\"caf\\u00e9 \\u20ac \\ud83d\\ude00\""},
    {"1", "1", "1", "1", "1"},
    {"-42", "-42", "-42", "-42", "-42"},
    {"1.5", "1.5", "1.5", "1.5", "1.5"},
    {"0.1", "0.1", "0.1", "0.1", "0.1"},
    {"1e+16", "1e+16", "1e+16", "1e+16", "1e+16"},
    {"1e-05", "1e-05", "1e-05", "1e-05", "1e-05"},
    {"123456789.123", "123456789.123", "123456789.123", "123456789.123", "123456789.123"},
    {"-0.0", "-0.0", "-0.0", "-0.0", "-0.0"},
    {"true", "True", "True", "true", "true"},
    {"false", "False", "False", "false", "false"},
    {"null", "None", "None", "null", "null"},
    {"[1, \"a\", [true, null], {\"k\": 1.0}]", "[1, 'a', [True, None], {'k': 1.0}]", "[1, 'a', [True, None], {'k': 1.0}]", "[1, \"a\", [true, null], {\"k\": 1.0}]", "[1, \"a\", [true, null], {\"k\": 1.0}]"},
    {"{\"b\": 1, \"a\": [\"x\", {\"c\": \"\\u00e9\"}]}", "{'b': 1, 'a': ['x', {'c': '\303\251'}]}", "{'b': 1, 'a': ['x', {'c': '\303\251'}]}", "{\"b\": 1, \"a\": [\"x\", {\"c\": \"\\u00e9\"}]}", "{\"a\": [\"x\", {\"c\": \"\\u00e9\"}], \"b\": 1}"},
    {"[]", "[]", "[]", "[]", "[]"},
    {"{}", "{}", "{}", "{}", "{}"},
    {"2.5e-300", "2.5e-300", "2.5e-300", "2.5e-300", "2.5e-300"},
    {"1e22", "1e+22", "1e+22", "1e+22", "1e+22"},
    {"0.0001", "0.0001", "0.0001", "0.0001", "0.0001"},
};
static const struct { double d; const char *want; } floats[] = {
    {0.1, "0.1"},
    {0.30000000000000004, "0.30000000000000004"},
    {0.3333333333333333, "0.3333333333333333"},
    {1e+16, "1e+16"},
    {1000000000000000.5, "1000000000000000.5"},
    {1.2345678901234568e+17, "1.2345678901234568e+17"},
    {5e-324, "5e-324"},
    {1.7976931348623157e+308, "1.7976931348623157e+308"},
    {0.0001, "0.0001"},
    {1e-05, "1e-05"},
    {100.0, "100.0"},
    {9007199254740992.0, "9007199254740992.0"},
    {-1.25e-07, "-1.25e-07"},
    {9007199254740992.0, "9007199254740992.0"},
};
static const struct { const char *s; int ok; long long v; } ints[] = {
    {" 42 ", 1, 42LL},
    {"-1_000", 1, -1000LL},
    {"+7", 1, 7LL},
    {"1__0", 0, 0LL},
    {"_1", 0, 0LL},
    {"1_", 0, 0LL},
    {"12a", 0, 0LL},
    {"", 0, 0LL},
    {"  ", 0, 0LL},
    {"9223372036854775807", 1, 9223372036854775807LL},
    {"9223372036854775808", 0, 0LL},
    {"-9223372036854775808", 1, -9223372036854775807LL - 1},
    {"0x10", 0, 0LL},
    {"\011-0\012", 1, 0LL},
    {"1.0", 0, 0LL},
};
static const struct { const char *s; int ok; const char *repr; } flts[] = {
    {"1.5", 1, "1.5"},
    {" -2e3 ", 1, "-2000.0"},
    {"1_000.5", 1, "1000.5"},
    {"1__0", 0, ""},
    {".5", 1, "0.5"},
    {"5.", 1, "5.0"},
    {"e5", 0, ""},
    {"1e", 0, ""},
    {"inf", 1, "inf"},
    {"-Infinity", 1, "-inf"},
    {"nan", 1, "nan"},
    {"1_e5", 0, ""},
    {"0x1p3", 0, ""},
    {"1e-400", 1, "0.0"},
    {"  1.25e+2  ", 1, "125.0"},
    {"abc", 0, ""},
    {"1.5_", 0, ""},
};
static const struct { const char *json; int want; } truths[] = {
    {"0", 0},
    {"1", 1},
    {"0.0", 0},
    {"\"\"", 0},
    {"\" \"", 1},
    {"[]", 0},
    {"[0]", 1},
    {"{}", 0},
    {"{\"a\": null}", 1},
    {"null", 0},
    {"false", 0},
    {"true", 1},
};
static const struct { const char *a, *b; int want; } eqs[] = {
    {"1", "1.0", 1},
    {"1", "true", 1},
    {"0", "false", 1},
    {"1.5", "1.5", 1},
    {"\"1\"", "1", 0},
    {"[1, 2]", "[1.0, true]", 0},
    {"{\"a\": 1}", "{\"a\": 1.0}", 1},
    {"{\"a\": 1}", "{\"b\": 1}", 0},
    {"null", "null", 1},
    {"null", "false", 0},
    {"[1]", "[1, 2]", 0},
    {"9007199254740993", "9007199254740992.0", 0},
    {"\"a\"", "\"a\"", 1},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static json_t *load(const char *text)
{
    return json_loads(text, JSON_DECODE_ANY, NULL);
}

static void test_formats(void)
{
    size_t i;

    for (i = 0; i < N(fmts); i++) {
        json_t *v = load(fmts[i].json);
        hh_pybuf b = {0};
        char *s = NULL;

        ok(v != NULL, "parse %s", fmts[i].json);
        s = hh_py_str(v);
        is_str(s, fmts[i].str, "str(%s)", fmts[i].json);
        free(s);
        s = hh_py_repr(v);
        is_str(s, fmts[i].repr, "repr(%s)", fmts[i].json);
        free(s);
        s = hh_py_dumps(v);
        is_str(s, fmts[i].dumps, "json.dumps(%s)", fmts[i].json);
        free(s);
        hh_py_dumps_to(&b, v, true);
        is_str(b.s, fmts[i].sorted, "json.dumps(%s, sort_keys=True)", fmts[i].json);
        hh_pybuf_free(&b);
        json_decref(v);
    }
    {
        char *s = hh_py_str(NULL);

        is_str(s, "None", "str(None) for a missing value");
        free(s);
        s = hh_py_dumps(NULL);
        is_str(s, "null", "json.dumps(None)");
        free(s);
    }
}

static void test_floats(void)
{
    char buf[64];
    size_t i;

    for (i = 0; i < N(floats); i++) {
        hh_py_float_repr(floats[i].d, buf, sizeof(buf));
        is_str(buf, floats[i].want, "repr(%.17g)", floats[i].d);
    }
    hh_py_float_repr(NAN, buf, sizeof(buf));
    is_str(buf, "nan", "repr(nan)");
    hh_py_float_repr(-INFINITY, buf, sizeof(buf));
    is_str(buf, "-inf", "repr(-inf)");
}

static void test_parse(void)
{
    size_t i;

    for (i = 0; i < N(ints); i++) {
        json_int_t v = -99;
        bool got = hh_py_parse_int(ints[i].s, &v);

        is_int(got, ints[i].ok, "int(%s) accepted", ints[i].s);
        if (got && ints[i].ok)
            ok(v == ints[i].v, "int(%s) value", ints[i].s);
    }
    for (i = 0; i < N(flts); i++) {
        double d = 0;
        bool got = hh_py_parse_float(flts[i].s, &d);
        char buf[64];

        is_int(got, flts[i].ok, "float(%s) accepted", flts[i].s);
        if (got && flts[i].ok) {
            hh_py_float_repr(d, buf, sizeof(buf));
            is_str(buf, flts[i].repr, "float(%s) value", flts[i].s);
        }
    }
    /* int(c, 16) of every byte: the 22 hexadecimal digits and nothing else */
    {
        const char *digits = "0123456789abcdefABCDEF";
        int n = 0, wrong = 0;

        for (int c = -128; c < 128; c++) {
            int v = hh_py_hexdigit((char)c);
            const char *p = c != 0 ? strchr(digits, c) : NULL;

            if (p != NULL) {
                n++;
                wrong += v != (int)((p - digits) < 16 ? p - digits : p - digits - 6);
            } else {
                wrong += v != -1;
            }
        }
        is_int(n, 22, "22 hexadecimal digits");
        is_int(wrong, 0, "int(c, 16) of every byte: its value, or -1");
    }
}

static void test_str_to_num(void)
{
    static const struct { const char *json, *want; } cases[] = {
        {"\"12\"", "12"},
        {"\" 1.5 \"", "1.5"},
        {"\"-inf\"", "-1.7976931348623157e+308"},
        {"true", "1"},
        {"\"abc\"", "could not convert string to float: 'abc'"},
        {"\"nan\"", "could not convert string to float: 'nan'"},
        {"[1]", "int() argument must be a string, a bytes-like object or a real number, not "
                "'list'"},
    };
    size_t i;

    for (i = 0; i < N(cases); i++) {
        json_t *v = load(cases[i].json), *out = NULL;
        char msg[256] = "";
        int rc = hh_py_str_to_num(v, &out, msg, sizeof(msg));
        char *s = rc == 0 ? hh_py_str(out) : NULL;

        is_str(rc == 0 ? s : msg, cases[i].want, "str_to_num(%s)", cases[i].json);
        free(s);
        json_decref(out);
        json_decref(v);
    }
}

static void test_truth_eq(void)
{
    size_t i;

    for (i = 0; i < N(truths); i++) {
        json_t *v = load(truths[i].json);

        is_int(hh_py_truthy(v), truths[i].want, "bool(%s)", truths[i].json);
        json_decref(v);
    }
    ok(!hh_py_truthy(NULL), "bool(None) for a missing value");
    for (i = 0; i < N(eqs); i++) {
        json_t *a = load(eqs[i].a), *b = load(eqs[i].b);

        is_int(hh_py_eq(a, b), eqs[i].want, "%s == %s", eqs[i].a, eqs[i].b);
        is_int(hh_py_eq(b, a), eqs[i].want, "%s == %s", eqs[i].b, eqs[i].a);
        json_decref(a);
        json_decref(b);
    }
}

static void test_misc(void)
{
    hh_pybuf b = {0};
    char *s = NULL;
    bool v = false;
    char msg[256] = "";
    json_t *j = json_string(" Yes ");

    is_int(hh_utf8_len("caf\xc3\xa9 \xe2\x82\xac"), 6, "len() counts code points");
    s = hh_py_strip(" \t a b \n");
    is_str(s, "a b", "str.strip()");
    free(s);
    is_str(hh_py_type_name(NULL), "NoneType", "type of None");
    is_int(hh_py_bool_from_string(j, &v, msg, sizeof(msg)), 0, "bool_from_string(' Yes ')");
    ok(v, "' Yes ' is true");
    json_decref(j);
    j = json_string("maybe");
    is_int(hh_py_bool_from_string(j, &v, msg, sizeof(msg)), HH_EINVAL, "bool_from_string('maybe')");
    is_str(msg,
           "Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', "
           "'no', 'off', 'on', 't', 'true', 'y', 'yes'",
           "bool_from_string message");
    json_decref(j);
    hh_pybuf_addf(&b, "%0*d", 600, 7);
    is_int(b.len, 600, "addf beyond the small buffer");
    s = hh_pybuf_take(&b);
    ok(s != NULL && b.s == NULL, "take empties the buffer");
    free(s);
    s = hh_pybuf_take(&b);
    is_str(s, "", "take of an empty buffer");
    free(s);
}

int main(void)
{
    plan_lazy();
    test_formats();
    test_floats();
    test_parse();
    test_str_to_num();
    test_truth_eq();
    test_misc();
    return done_testing();
}
