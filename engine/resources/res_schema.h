/* res_schema: property and attribute schemas of resource types, and Heat's
 * Properties validation (heat/engine/properties.py, attributes.py,
 * support.py). Types and constraints are hh_constraint's.
 *
 * Schemas are const static tables (res_types_*.c). Values are jansson trees;
 * literal values inside schemas (defaults, allowed values) are JSON text so
 * a table stays a plain initializer and prints exactly as Heat prints it.
 *
 * Error messages follow Heat 19 word for word. Validation errors are
 * StackValidationFailed "Property error: <path>: <message>", where <path> is
 * the caller's section path (e.g. "resources.db.properties") followed by
 * Heat's path format: ".name" for a key, "[i]" for a list index or an
 * all-digit key ("resources.r.properties.character_classes[0].class").
 */
#ifndef HH_RES_SCHEMA_H
#define HH_RES_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_constraint.h"
#include "hh_error.h"

/* Heat's support statuses (support.py SUPPORT_STATUSES). */
typedef enum hh_support_status {
    HH_SUPPORTED = 0, /* zero so tables may leave it out */
    HH_SUPPORT_UNKNOWN,
    HH_DEPRECATED,
    HH_UNSUPPORTED,
    HH_HIDDEN, /* left out of listings, schemas and generated templates */
} hh_support_status;

typedef struct hh_support {
    hh_support_status status;
    const char *version;               /* "2014.1", or NULL */
    const char *message;               /* or NULL */
    const struct hh_support *previous; /* previous_status, or NULL */
} hh_support;

/* One property (properties.Schema). Arrays of them end with name NULL. */
typedef struct hh_pschema {
    const char *name; /* "*" for the item schema of a list */
    hh_ptype type;
    const char *description;  /* or NULL */
    const char *default_json; /* the default as JSON text, NULL = none */
    /* Nested schema (Heat's schema=): a LIST has one item schema (an
     * array of one entry named "*"); a MAP has its named entries. NULL when
     * the contents are free. */
    const struct hh_pschema *schema;
    const hh_constraint_def *constraints; /* ends with HH_CK_END; or NULL */
    bool required;
    bool update_allowed;
    bool immutable;
    bool unimplemented; /* Heat's implemented=False */
    hh_support support;
} hh_pschema;

/* Attribute types (attributes.Schema.TYPES); UNKNOWN prints no "type". */
typedef enum hh_atype {
    HH_AT_UNKNOWN = 0,
    HH_AT_STRING,
    HH_AT_MAP,
    HH_AT_LIST,
    HH_AT_INTEGER,
    HH_AT_BOOLEAN,
} hh_atype;

/* One attribute. Arrays of them end with name NULL. */
typedef struct hh_aschema {
    const char *name;
    const char *description;
    hh_atype type;
    hh_support support;
} hh_aschema;

/* The base attribute every type has (resource.py base_attributes_schema). */
extern const hh_aschema hh_attr_show;

/* Attribute types and support statuses as the schema JSON prints them. */
const char *hh_atype_name(hh_atype t); /* NULL for UNKNOWN */
const char *hh_support_status_name(hh_support_status s);

/* Find a property in a NULL-name-terminated array (borrowed), or NULL. */
const hh_pschema *hh_pschema_find(const hh_pschema *schema, const char *name);

/* Options of a validation. A NULL hh_props_opts means all defaults. */
typedef struct hh_props_opts {
    /* The top-level property names (a JSON array of strings, borrowed, may
     * be NULL) whose values depend on a resource that is not created yet
     * (get_attr, get_resource, ... of a resource in INIT). For these Heat
     * converts the value but checks no constraint and no nested unknown
     * key (properties.py _find_deps_any_in_init). The caller passes such
     * a value resolved as far as it goes, unresolvable parts as JSON null. */
    const json_t *deferred;
    /* Validator of CUSTOM constraints: rc 0 and *valid set, or an error.
     * On invalid, it may write Heat's message of that constraint in msg
     * (len bytes); an empty msg gives '"<value>" does not validate <name>'.
     * NULL: custom constraints are not checked. */
    hh_custom_fn custom;
    void *custom_ctx;
} hh_props_opts;

/* Validate a properties (or update_policy) snippet against schema as
 * Heat's Properties.validate(with_value) does.
 *
 * props: the resource's properties object, functions already resolved
 * (borrowed; NULL or JSON null mean {}). schema: NULL-name-terminated
 * (borrowed); NULL means no properties. section: the path of the section,
 * "resources.<name>.properties" (HOT) or "Resources.<name>.Properties"
 * (CFN), used in messages (borrowed).
 *
 * with_value false (template-validate, strict_validate off): unknown
 * top-level names ("Unknown Property x") and unimplemented ones ("Property
 * x not implemented yet"). with_value true (stack create, update, preview):
 * in addition every property is converted to its type and checked against
 * its constraints and nested schema, required ones must be present
 * ("Property x not assigned"). A JSON null stands for "no value": it takes
 * the default, or the empty value of the type, as in Heat.
 *
 * Returns 0, or HH_EINVAL with err: type "StackValidationFailed", message
 * "Property error: <section><path>: <message>". ENOMEM on allocation. */
int hh_props_validate(const hh_pschema *schema, const json_t *props, bool with_value,
                      const hh_props_opts *opts, const char *section, hh_error *err);

/* Heat's Properties mapping made concrete: every property of schema, the
 * given value converted to its type (Integer "5" -> 5, Boolean "true" ->
 * true, Number "1.5" -> 1.5, ...) or the default, or null when neither;
 * nested schemas likewise. Unknown names are dropped, hidden ones kept.
 * No constraint is checked; conversion errors are reported as by
 * hh_props_validate. *out: new reference. */
int hh_props_resolve(const hh_pschema *schema, const json_t *props, const char *section,
                     json_t **out, hh_error *err);

/* Heat's schema JSON of one property (dict(properties.Schema)): {type,
 * description?, default?, schema?, required, constraints?, update_allowed,
 * immutable}, keys in Heat's order. New reference, NULL on ENOMEM. */
json_t *hh_pschema_to_json(const hh_pschema *p);

/* {description?, type?} of one attribute. New reference. */
json_t *hh_aschema_to_json(const hh_aschema *a);

/* support_status JSON: {status, message, version, previous_status}. */
json_t *hh_support_to_json(const hh_support *s);

#endif
