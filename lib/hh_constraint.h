/* hh_constraint: Heat's constraints (heat/engine/constraints.py,
 * heat/engine/constraint/common_constraints.py), one module for template
 * parameters and resource properties as in Heat: the schema types, the
 * constraint kinds, their checks with Heat's messages, and the custom
 * constraints.
 *
 * Parameters build constraints from the template (hh_constraint_from_hot,
 * hh_constraint_new_*); resource types write them as const tables
 * (hh_constraint_def) turned into constraints by hh_constraint_from_def.
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
#ifndef HH_CONSTRAINT_H
#define HH_CONSTRAINT_H

#include <jansson.h>
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"
#include "hh_py.h"

/* Schema types (constraints.Schema.TYPES). ANY is Schema.ANY: no
 * conversion, any JSON value. Parameters use STRING, NUMBER, LIST
 * (comma_delimited_list), MAP (json) and BOOLEAN. */
typedef enum hh_ptype {
    HH_PT_STRING = 0,
    HH_PT_INTEGER,
    HH_PT_NUMBER,
    HH_PT_BOOLEAN,
    HH_PT_MAP,
    HH_PT_LIST,
    HH_PT_ANY,
} hh_ptype;

/* "string", "integer", ... as the property schema JSON prints types. */
const char *hh_ptype_name(hh_ptype t);
/* Heat's Schema type: "String", "Integer", ... (property messages). */
const char *hh_ptype_heat_name(hh_ptype t);

typedef enum hh_ckind {
    HH_CK_END = 0,         /* terminates a hh_constraint_def array */
    HH_CK_RANGE,           /* min/max; Integer, Number */
    HH_CK_LENGTH,          /* min/max of the length; String, List, Map */
    HH_CK_MODULO,          /* step/offset; Integer, Number */
    HH_CK_ALLOWED_VALUES,  /* allowed list */
    HH_CK_ALLOWED_PATTERN, /* a regular expression matching the whole value */
    HH_CK_CUSTOM,          /* a named custom constraint */
} hh_ckind;

#define HH_CONSTRAINT_MSG_MAX 1024

/* A constraint as a const table writes it (resource property schemas):
 * literal values are JSON text so it stays a plain initializer. */
typedef struct hh_constraint_def {
    hh_ckind kind;
    const char *description; /* replaces the message when set; or NULL */
    const char *min;         /* RANGE, LENGTH: JSON number text, NULL = none */
    const char *max;
    long step, offset;   /* MODULO */
    const char *allowed; /* ALLOWED_VALUES: JSON array text */
    const char *pattern; /* ALLOWED_PATTERN */
    const char *name;    /* CUSTOM: the constraint's name */
} hh_constraint_def;

typedef struct hh_constraint {
    hh_ckind kind;
    char *description; /* NULL when none */
    json_t *min;       /* length/range: integer or real, NULL = None */
    json_t *max;
    json_t *step;      /* modulo */
    json_t *offset;
    json_t *allowed;   /* allowed_values: array */
    char *pattern;     /* allowed_pattern: as written */
    regex_t re;        /* compiled when kind == HH_CK_ALLOWED_PATTERN */
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

/* A constraint from a table entry (borrowed; kind not END). *out is new.
 * HH_EINTERNAL when the table's text does not parse. */
int hh_constraint_from_def(const hh_constraint_def *def, hh_constraint **out, hh_error *err);

/* dict(Constraint) of a table entry: {description?, <kind>: <value>}
 * ("range": {min?, max?}, "allowed_values": [...], ...). New reference,
 * NULL on ENOMEM. */
json_t *hh_constraint_def_to_json(const hh_constraint_def *def);

void hh_constraint_free(hh_constraint *c);

/* Heat's class name of the constraint: "Length", "Range", "Modulo",
 * "AllowedValues", "AllowedPattern", "CustomConstraint". */
const char *hh_constraint_class(const hh_constraint *c);

/* Whether the constraint applies to values of type t (valid_types). */
bool hh_constraint_valid_for(const hh_constraint *c, hh_ptype t);

/* Validator of custom constraints other than the built-in ones: rc 0 and
 * *valid set, or an error. On invalid it may write Heat's message of that
 * constraint in msg (len bytes); an empty msg gives '"<value>" does not
 * validate <name>'. */
typedef int (*hh_custom_fn)(void *ctx, const char *name, const json_t *value, bool *valid,
                            char *msg, size_t len);

/* Check value (borrowed; already of type t: for lists the list, for maps
 * the document) against c. type_name is the type as Heat names it in
 * messages (the parameter's spelling "number", "Number", or the property's
 * "Integer"): allowed_values names it when a value does not convert.
 * custom: validator of CUSTOM constraints (with ctx); NULL checks them with
 * hh_custom_constraint_check.
 *
 * 0 when it holds; HH_EINVAL with the message in msg (the description when
 * set, else Heat's generated text; a value that does not convert to a
 * number reports the conversion error even when a description is set, as
 * Heat does). ENOMEM. */
int hh_constraint_check(const hh_constraint *c, const json_t *value, hh_ptype t,
                        const char *type_name, hh_custom_fn custom, void *ctx, char *msg,
                        size_t len);

/* Custom constraints by name. known: one of Heat's constraint names.
 * check: 0 valid, HH_EINVAL invalid (msg: Heat's text, e.g. "Error
 * validating value '1.2.3': Invalid IP address"), HH_ENOTFOUND unknown name
 * (msg: "\"v\" does not validate x (constraint not found)"). */
bool hh_custom_constraint_known(const char *name);
int hh_custom_constraint_check(const char *name, const json_t *value, char *msg, size_t len);

#endif
