/* stack_format: stacks and resources as Heat's engine returns them over RPC
 * (heat/engine/api.py format_stack_resource, format_stack_outputs and the
 * identifiers of heat/common/identifier.py), from a loaded model and the
 * store. New JSON references; errors only for memory and the store. */
#ifndef HH_STACK_FORMAT_H
#define HH_STACK_FORMAT_H

#include <jansson.h>
#include <stdbool.h>

#include "hh_error.h"
#include "stack_model.h"
#include "store.h"

/* HeatIdentifier as a dict: {stack_name, stack_id, tenant, path} (path ""
 * for the stack, "/resources/<name>" for a resource: res may be NULL). */
json_t *hh_stack_identity(const char *tenant, const char *stack_name, const char *stack_id,
                          const char *res);

enum {
    HH_FMT_DETAIL = 1u << 0, /* description, metadata, attributes */
    HH_FMT_PROPS = 1u << 1,  /* properties (format_resource_properties) */
};

/* format_stack_resource of the resource row res (borrowed, of m's stack
 * in st) with flags HH_FMT_*: resource_name, physical_resource_id ("" for
 * none), resource_action, resource_status, resource_status_reason,
 * resource_type, resource_identity, stack_identity, stack_name,
 * required_by (the names depending on it), creation_time, updated_time
 * (updated_at, else created_at), parent_resource for a nested stack's;
 * with DETAIL the definition's description, the metadata (the stored one;
 * a resource not created: its definition's) and attributes (each of the
 * type's attributes but "show", resolved by the plugin; null for a
 * resource not created or one that fails, as Heat's resolver gives None);
 * with PROPS the properties resolved against the stack (each null when
 * they do not resolve). *out new. */
int hh_stack_format_resource(hh_stack_model *m, hh_store *st, const json_t *res, unsigned flags,
                             json_t **out, hh_error *err);

/* format_stack_outputs(resolve_value=True) of m's outputs against st:
 * [{output_key, description ("No description given" when none),
 * output_value, output_error when it fails}] in template order. */
int hh_stack_format_outputs(hh_stack_model *m, hh_store *st, json_t **out, hh_error *err);

#endif
