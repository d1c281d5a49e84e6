/* tmpl_constraint: value constraints of parameters (heat/engine/constraints.py,
 * heat/engine/constraint/common_constraints.py), and the few Python
 * semantics their messages depend on (str(), repr(), json.dumps(), int()/float()
 * conversion, truthiness, ==).
 *
 * A constraint is one of length, range, modulo, allowed_values,
 * allowed_pattern, custom_constraint, with an optional description that
 * replaces the generated message when the check fails.
 *
 * allowed_pattern: Heat uses Python's re.match and requires the match to
 * cover the whole value. Here the pattern is translated to a POSIX extended
 * regex anchored at both ends (regcomp REG_EXTENDED, glibc): \d \D become
 * [0-9] [^0-9]; \w \W \s \S and \b \B are glibc extensions kept as they are;
 * inside brackets \d \w \s become 0-9, [:alnum:]_, [:space:], other
 * escapes and '[' their literal character (Python has no [:class:]); (?:
 * becomes (. Lazy quantifiers behave as
 * greedy ones (which a whole-value match cannot tell apart). Lookarounds,
 * backreferences and inline flags are not supported: such a pattern is
 * refused when the schema is read. Python picks the first alternative that
 * matches where POSIX takes the longest, so "a|ab" accepts "ab" here.
 *
 * Numbers: "inf" converts to the largest double (JSON has no infinity) and
 * "nan" is refused, where Python accepts both.
 *
 * custom_constraint: the generic constraints are checked here with Heat's
 * messages (ip_addr, mac_addr, net_cidr, ip_or_cidr, dns_name, dns_domain,
 * rel_dns_name, iso_8601, expiration, timezone (a file under
 * /usr/share/zoneinfo), cron_expression (5 or 6 fields, numeric ranges
 * checked), test_constr). The service-backed ones (nova.flavor,
 * glance.image, neutron.network, ...) need the cloud's catalogue: their
 * names are known, and any value is accepted.
 */
#ifndef HH_TMPL_CONSTRAINT_H
#define HH_TMPL_CONSTRAINT_H

#include <jansson.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"

/* Parameter types (constraints.Schema types as parameters use them). */
typedef enum hh_ptype {
    HH_PTYPE_STRING,
    HH_PTYPE_NUMBER,
    HH_PTYPE_LIST, /* comma_delimited_list / CommaDelimitedList */
    HH_PTYPE_JSON, /* json / Json */
    HH_PTYPE_BOOLEAN,
} hh_ptype;

typedef enum hh_ckind {
    HH_C_LENGTH,
    HH_C_RANGE,
    HH_C_MODULO,
    HH_C_ALLOWED_VALUES,
    HH_C_ALLOWED_PATTERN,
    HH_C_CUSTOM,
} hh_ckind;

#define HH_CONSTRAINT_MSG_MAX 1024

typedef struct hh_constraint {
    hh_ckind kind;
    char *description; /* NULL when none */
    json_t *min;       /* length/range: integer or real, NULL = None */
    json_t *max;
    json_t *step;      /* modulo */
    json_t *offset;
    json_t *allowed;   /* allowed_values: array */
    char *pattern;     /* allowed_pattern: as written */
    regex_t re;        /* compiled when kind == HH_C_ALLOWED_PATTERN */
    char *name;        /* custom constraint name */
} hh_constraint;

/* Read one HOT constraint mapping (borrowed def) as HOTParamSchema does;
 * modulo says whether the version knows modulo (2017-02-24+). Errors are
 * InvalidSchemaError with Heat's texts ("Invalid key 'x' for parameter
 * constraints", "No constraint expressed", "A range constraint must have a
 * min value and/or a max value specified.", ...). *out is new. */
int hh_constraint_from_hot(const json_t *def, bool modulo, hh_constraint **out, hh_error *err);

/* Build constraints from CFN-style pieces (min/max/allowed borrowed, may be
 * NULL; description may be NULL). Numeric strings are converted as Heat's
 * get_num does. *out is new. */
int hh_constraint_new_range(hh_ckind kind, const json_t *min, const json_t *max,
                            const char *description, hh_constraint **out, hh_error *err);
int hh_constraint_new_allowed(const json_t *allowed, const char *description,
                              hh_constraint **out, hh_error *err);
int hh_constraint_new_pattern(const json_t *pattern, const char *description,
                              hh_constraint **out, hh_error *err);

void hh_constraint_free(hh_constraint *c);

/* Heat's class name of the constraint: "Length", "Range", "Modulo",
 * "AllowedValues", "AllowedPattern", "CustomConstraint". */
const char *hh_constraint_class(const hh_constraint *c);

/* Whether the constraint applies to parameters of type t. */
bool hh_constraint_valid_for(const hh_constraint *c, hh_ptype t);

/* Check value (borrowed; for lists the parsed list, for json the parsed
 * document, otherwise the raw value) against c for a parameter of type t
 * whose template spelling is type_name ("number", "Number": allowed_values
 * names it when a value does not convert). 0 when it holds; HH_EINVAL with
 * the message in msg (the description when set, else Heat's generated
 * text; a value that does not convert to a number reports the conversion
 * error even when a description is set, as Heat does). */
int hh_constraint_check(const hh_constraint *c, const json_t *value, hh_ptype t,
                        const char *type_name, char *msg, size_t len);

/* Custom constraints by name. known: one of Heat's constraint names.
 * check: 0 valid, HH_EINVAL invalid (msg: Heat's text, e.g. "Error
 * validating value '1.2.3': Invalid IP address"), HH_ENOTFOUND unknown name
 * (msg: "\"v\" does not validate x (constraint not found)"). */
bool hh_custom_constraint_known(const char *name);
int hh_custom_constraint_check(const char *name, const json_t *value, char *msg, size_t len);

/* Python semantics. All returned strings are new (free()); NULL on ENOMEM. */
char *hh_py_str(const json_t *v);   /* str(v): strings raw, True, None, 1.5, [1, 'a'] */
char *hh_py_dumps(const json_t *v); /* json.dumps(v) with Heat's defaults */
void hh_py_float_repr(double d, char *buf, size_t len); /* repr(float) */
bool hh_py_truthy(const json_t *v);
bool hh_py_eq(const json_t *a, const json_t *b); /* ==, with 1 == 1.0 == True */
/* Schema.str_to_num: numbers pass, strings go through int() then float().
 * *out new. HH_EINVAL with Python's message ("could not convert string to
 * float: 'abc'"). */
int hh_py_str_to_num(const json_t *v, json_t **out, char *msg, size_t len);
/* oslo strutils.bool_from_string(v, strict=True). */
int hh_py_bool_from_string(const json_t *v, bool *out, char *msg, size_t len);
/* Number of characters (code points) of UTF-8 text. */
size_t hh_utf8_len(const char *s);

#endif
