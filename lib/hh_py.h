/* hh_py: Python's behaviour where heat-ha must answer as Heat (a Python
 * program) does: how values print in messages (str, repr, json.dumps),
 * truth, equality and number conversion.
 *
 * Values are jansson trees; a NULL json_t stands for None where noted.
 * Strings are UTF-8 and counted in code points where Python counts
 * characters.
 */
#ifndef HH_PY_H
#define HH_PY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- growing text ---------------------------------------------------------
 * Zero-initialise ({0}); s is NULL until something is added. On ENOMEM or
 * past HH_PYBUF_MAX bytes rc is set (ENOMEM or HH_ELIMIT) and later adds do
 * nothing. The buffer owns s: hh_pybuf_free, or hh_pybuf_take. */
#define HH_PYBUF_MAX (4u << 20)

typedef struct hh_pybuf {
    char *s;
    size_t len, cap;
    int rc; /* 0, ENOMEM or HH_ELIMIT */
} hh_pybuf;

void hh_pybuf_add(hh_pybuf *b, const char *s, size_t n);
void hh_pybuf_adds(hh_pybuf *b, const char *s);
void hh_pybuf_addf(hh_pybuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hh_pybuf_free(hh_pybuf *b);
/* The text as a new string ("" when empty); NULL when rc is set. The
 * buffer is emptied either way. */
char *hh_pybuf_take(hh_pybuf *b);

/* ---- formatting: append to b ---------------------------------------------- */
void hh_py_str_to(hh_pybuf *b, const json_t *v);  /* str(v); NULL: None */
void hh_py_repr_to(hh_pybuf *b, const json_t *v); /* repr(v); NULL: None */
void hh_py_repr_text_to(hh_pybuf *b, const char *s, size_t n); /* repr() of n bytes of text */
/* json.dumps(v) with Heat's defaults (ensure_ascii, ", " and ": "), keys in
 * the object's order, or sorted (sort_keys=True). NULL: null. */
void hh_py_dumps_to(hh_pybuf *b, const json_t *v, bool sort_keys);

/* The same as new strings (free()); NULL on ENOMEM. */
char *hh_py_str(const json_t *v);   /* str(v): strings raw, True, None, 1.5, [1, 'a'] */
char *hh_py_repr(const json_t *v);  /* repr(v): 'a', [1, 'a'] */
char *hh_py_dumps(const json_t *v); /* json.dumps(v), keys unsorted */
void hh_py_float_repr(double d, char *buf, size_t len); /* repr(float) */

/* type(v).__name__: "str", "int", "float", "bool", "list", "dict", "NoneType"
 * (NULL too). Static string. */
const char *hh_py_type_name(const json_t *v);

bool hh_py_truthy(const json_t *v);              /* bool(v); NULL is false */
bool hh_py_eq(const json_t *a, const json_t *b); /* ==, with 1 == 1.0 == True */

/* int(s) for a str, base 10: surrounding whitespace, a sign, digits with
 * single underscores between them. false when Python refuses it or the
 * value does not fit 64 bits (Python has no bound). */
bool hh_py_parse_int(const char *s, json_int_t *out);
/* int(c, 16) for one character: 0 to 15 for a hexadecimal digit (either
 * case), -1 for anything else (the percent-escapes of urllib's unquote,
 * uuid.UUID's digits). */
int hh_py_hexdigit(char c);
/* float(s) for a str: surrounding whitespace, decimal digits with single
 * underscores between digits, exponent, "inf", "infinity", "nan" (any
 * case, signed). false when Python refuses it. */
bool hh_py_parse_float(const char *s, double *out);
/* str.strip() (ASCII whitespace): a new string, NULL on ENOMEM. */
char *hh_py_strip(const char *s);

/* Schema.str_to_num: numbers pass, strings go through int() then float().
 * *out new. HH_EINVAL with Python's message ("could not convert string to
 * float: 'abc'"). "inf" gives the largest double (JSON holds no infinity),
 * "nan" is refused. */
int hh_py_str_to_num(const json_t *v, json_t **out, char *msg, size_t len);
/* oslo strutils.bool_from_string(v, strict=True). */
int hh_py_bool_from_string(const json_t *v, bool *out, char *msg, size_t len);
/* len() of UTF-8 text: code points; hh_utf8_nlen for n bytes. */
size_t hh_utf8_len(const char *s);
size_t hh_utf8_nlen(const char *s, size_t n);

/* value[path[from]][path[from + 1]]...: GetParam.get_path_component
 * (attr false: a string key that is an int indexes a list or a string)
 * or attributes.select_from_attribute (attr true: it does not). A step
 * that fails (no such key or index, a value that is no collection) gives
 * fail. New reference (NULL on ENOMEM); value, path and fail borrowed. */
json_t *hh_py_select_path(const json_t *value, const json_t *path, size_t from, const json_t *fail,
                          bool attr);

#endif
