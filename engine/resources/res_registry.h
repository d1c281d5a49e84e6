/* res_registry: the resource types heat-ha knows, by name.
 *
 * Each type is one const hh_rtype: its schemas (res_schema.h), its support
 * status and documentation, and the place of its behaviour. The table lists
 * types in the order of Heat's global registry, which is the order Heat's
 * resource-type-list answers in.
 *
 * Behaviour (create, delete, update, signal, attribute resolution) is
 * hh_rtype.ops, the const vtable of res_plugin.h; callers go through the
 * hh_rplugin_* dispatchers there. It is NULL for the types that have a
 * schema only ("schema only, no behaviour": HH_EUNSUPPORTED).
 */
#ifndef HH_RES_REGISTRY_H
#define HH_RES_REGISTRY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "hh_error.h"
#include "res_schema.h"

struct hh_rplugin_ops; /* res_plugin.h */

enum {
    /* Accept any property name and value (OS::Heat::None). */
    HH_RT_ANY_PROPERTIES = 1u << 0,
    /* Any attribute name passes validation: Heat's types that override
     * get_attribute (None, ResourceGroup, ResourceChain, AutoScalingGroup,
     * AWS::CloudFormation::Stack, Software/StructuredDeployment). */
    HH_RT_ANY_ATTRIBUTES = 1u << 1,
    /* Needs a server (OS::Nova::Server) to act on: schema only here. */
    HH_RT_NEEDS_SERVER = 1u << 2,
    /* Properties are resolved and passed on as they are, without a
     * schema: a template resource's, which its template's parameters
     * check (the template layer validates them). */
    HH_RT_PASS_PROPERTIES = 1u << 3,
};

typedef struct hh_rtype {
    const char *name;        /* "OS::Heat::RandomString" */
    const char *class_name;  /* Heat's class name, used by generate_template */
    const char *description; /* Heat's class docstring (getdoc()) */
    hh_support support;
    const hh_pschema *properties;     /* NULL-name-terminated, or NULL */
    const hh_pschema *update_policy;  /* NULL-name-terminated, or NULL */
    const hh_aschema *attributes;     /* without "show"; terminated, or NULL */
    unsigned flags;                   /* HH_RT_* */
    const struct hh_rplugin_ops *ops; /* behaviour (res_plugin.h), or NULL */
} hh_rtype;

/* The tables of each family (res_types_<family>.c), in listing order; the
 * registry joins them. Not for other callers. */
extern const hh_rtype hh_rtypes_heat[];
extern const size_t hh_rtypes_heat_count;

/* The type named name, or NULL (borrowed, static). Hidden types are found
 * too: callers refuse them where Heat does (schema, generate_template). */
const hh_rtype *hh_rtype_lookup(const char *name);

/* Is type the type of a template resource (a template file: a name
 * ending ".yaml" or ".template", as Heat's registry tells them)? */
bool hh_rtype_is_template(const char *type);

/* All types in listing order. */
size_t hh_rtype_count(void);
const hh_rtype *hh_rtype_at(size_t i);

/* Does type t have attribute attr at validate time? "show" always; any name
 * for HH_RT_ANY_ATTRIBUTES types. */
bool hh_rtype_has_attribute(const hh_rtype *t, const char *attr);

/* Fill err with Heat's InvalidTemplateAttribute "The Referenced Attribute
 * (<resource> <attr>) is incorrect." and return HH_EINVAL. The template
 * layer prefixes the place: "resources.v.properties.value.get_attr: ". */
int hh_rtype_attribute_error(const char *resource, const char *attr, hh_error *err);

/* Validate a resource's properties as hh_props_validate does, honouring
 * HH_RT_ANY_PROPERTIES. section as for hh_props_validate. */
int hh_rtype_validate_properties(const hh_rtype *t, const json_t *props, bool with_value,
                                 const hh_props_opts *opts, const char *section, hh_error *err);

/* Filters of resource-type-list (environment.py get_types); NULL members
 * do not filter. */
typedef struct hh_rtype_filter {
    const char *name;           /* regular expression matched at the start */
    const char *version;        /* support_status.version equals */
    const char *support_status; /* "SUPPORTED", ...: must be one of Heat's */
    bool with_description;      /* entries {resource_type, description} */
} hh_rtype_filter;

/* The list Heat's list_resource_types returns: names (or objects with
 * with_description), hidden types left out, in listing order. An unknown
 * support_status is Heat's Invalid "Invalid support status and should be
 * one of ('UNKNOWN', 'SUPPORTED', 'DEPRECATED', 'UNSUPPORTED', 'HIDDEN')";
 * a name that is not a valid expression gives []. *out: new reference. */
int hh_rtype_list_json(const hh_rtype_filter *f, json_t **out, hh_error *err);

/* resource-type-show: {resource_type, properties, attributes,
 * support_status, description (only with_description)}. Hidden and
 * unimplemented properties and hidden attributes are left out; "show" is
 * added. A hidden type is NotSupported "<name> is not supported.".
 * *out: new reference. */
int hh_rtype_schema_json(const hh_rtype *t, bool with_description, json_t **out, hh_error *err);

/* generate_template (Resource.resource_to_template): a provider template
 * whose parameters mirror the properties and outputs the attributes.
 * template_type "hot" (heat_template_version 2016-10-14) or "cfn"
 * (HeatTemplateFormatVersion 2012-12-12). A type with an Any property has
 * none in Heat either (KeyError 'Any'): HH_EUNSUPPORTED. *out: new
 * reference. */
int hh_rtype_template_json(const hh_rtype *t, const char *template_type, json_t **out,
                           hh_error *err);

#endif
