/* tmpl_param: template parameters, their constraints and parameter groups.
 *
 * Parses a HOT parameters section or a CFN Parameters section into schemas,
 * binds values (the environment's parameters and parameter_defaults, and the
 * pseudo-parameters), converts each to its type and checks its constraints,
 * with Heat's messages (heat/engine/parameters.py, constraints.py,
 * hot/parameters.py, cfn/parameters.py, parameter_groups.py).
 *
 * Types: string, number, comma_delimited_list, json, boolean (CFN: String,
 * Number, CommaDelimitedList, Json, Boolean). Constraints: length, range,
 * modulo (2017-02-24+), allowed_values, allowed_pattern, custom_constraint.
 */
#ifndef HH_TMPL_PARAM_H
#define HH_TMPL_PARAM_H

#include <jansson.h>
#include <stdbool.h>

#include "hh_error.h"
#include "tmpl_version.h"

typedef struct hh_params hh_params;

/* Values of the pseudo-parameters; NULL members are left out. HOT:
 * OS::stack_name, OS::stack_id, OS::project_id; CFN: AWS::StackName,
 * AWS::StackId (the stack ARN is built from the others), AWS::Region. */
typedef struct hh_pseudo {
    const char *stack_name;
    const char *stack_id;
    const char *project_id;
    const char *region;
} hh_pseudo;

/* Parse the schemas of section (borrowed; NULL or empty = no parameters).
 * Errors: an unknown schema key, a missing or unknown type, a constraint
 * that does not fit the type, a bad default (Heat's messages). */
int hh_params_new(const hh_tversion *v, const json_t *section, hh_params **out, hh_error *err);
void hh_params_free(hh_params *p);

/* Names in template order. */
size_t hh_params_count(const hh_params *p);
const char *hh_params_name(const hh_params *p, size_t i);
bool hh_params_has(const hh_params *p, const char *name);
bool hh_params_hidden(const hh_params *p, const char *name);
bool hh_params_immutable(const hh_params *p, const char *name);

/* Bind user values (env parameters, borrowed; strings or typed values) and
 * defaults (env parameter_defaults, borrowed; either may be NULL), and the
 * pseudo-parameters (may be NULL: then stack name "", ids "None").
 * A user value for a name the template lacks is UnknownUserParameter. */
int hh_params_bind(hh_params *p, const json_t *values, const json_t *defaults,
                   const hh_pseudo *pseudo, hh_error *err);

/* Check every parameter. require_values: a parameter with no value and no
 * default is UserParameterMissing ("The Parameter (x) was not provided.");
 * constraint failures are StackValidationFailed with Heat's text
 * ('Parameter \'x\' is invalid: ...'). Without require_values (template
 * validation) only given values are checked. */
int hh_params_validate(hh_params *p, bool require_values, hh_error *err);

/* Typed value of a parameter or pseudo-parameter (new reference):
 * number -> integer or real, comma_delimited_list -> list of strings,
 * json -> object or list, boolean -> true/false. HH_ENOTFOUND for an
 * unknown name; UserParameterMissing when it has no value. */
int hh_params_value(const hh_params *p, const char *name, json_t **out, hh_error *err);

/* Heat's template-validate "Parameters" object: per parameter Type,
 * Description, Default, NoEcho, Label, Value (when bound),
 * AllowedValues/AllowedPattern/MinLength/MaxLength/MinValue/MaxValue and
 * ConstraintDescription, CustomConstraint, Immutable, Tags (new reference). */
json_t *hh_params_validate_json(const hh_params *p);

/* Stack show "parameters": name -> string value, hidden ones "******",
 * including the pseudo-parameters (new reference). */
json_t *hh_params_show_json(const hh_params *p);

/* Check a parameter_groups section against the parameters (each group a
 * mapping with label, description, parameters; each parameter in one group
 * at most, and defined). Heat's messages. groups may be NULL. */
int hh_param_groups_check(const json_t *groups, const hh_params *p, hh_error *err);

#endif
