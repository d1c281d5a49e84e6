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

/* Parse the schemas of section (borrowed; NULL or empty = no parameters)
 * into *out (new), with the pseudo-parameters of a stack without identity.
 * Errors (InvalidSchemaError, Heat's messages, first bad parameter in
 * template order): an unknown schema key, a missing or unknown type, a
 * malformed constraint. A constraint that does not fit the type and a
 * default that breaks a constraint are reported by hh_params_validate, as
 * Heat's Schema.validate does. */
int hh_params_new(const hh_tversion *v, const json_t *section, hh_params **out, hh_error *err);
void hh_params_free(hh_params *p);

/* Names of the template's parameters in template order (no
 * pseudo-parameters). hh_params_has, _hidden, _immutable and
 * hh_params_value also know the pseudo-parameters. */
size_t hh_params_count(const hh_params *p);
const char *hh_params_name(const hh_params *p, size_t i);
bool hh_params_has(const hh_params *p, const char *name);
bool hh_params_hidden(const hh_params *p, const char *name);
bool hh_params_immutable(const hh_params *p, const char *name);

/* Bind user values (env parameters, borrowed; strings or typed values) and
 * defaults (env parameter_defaults, borrowed; either may be NULL), and the
 * pseudo-parameters. pseudo NULL is a stack without identity as Heat's
 * template-validate uses: HOT OS::stack_id and OS::project_id "" and no
 * OS::stack_name; CFN AWS::StackId "None" and no AWS::StackName or
 * AWS::Region. With pseudo, NULL members count as "", and OS::stack_name,
 * AWS::StackName and AWS::Region (region NULL = "ap-southeast-1", Heat's
 * fixed value) exist when stack_name is not empty. A null value or default
 * counts as not given. Replaces any earlier binding. A user value for a
 * name the template lacks is reported by hh_params_validate
 * (UnknownUserParameter), where Heat reports it. */
int hh_params_bind(hh_params *p, const json_t *values, const json_t *defaults,
                   const hh_pseudo *pseudo, hh_error *err);

/* Parameters.validate: first UnknownUserParameter for a bound value the
 * template lacks ("The Parameter (x) was not defined in template."), then
 * per parameter (pseudo-parameters first, then template order) the schema
 * (InvalidSchemaError "Parameter 'x' is invalid: Length constraint invalid
 * for number", "... Invalid default abc (...)"), and with require_values
 * the value: no value and no default is UserParameterMissing ("The
 * Parameter (x) was not provided."), a bad value StackValidationFailed
 * ("Parameter 'x' is invalid: ..."). Without require_values (Heat's
 * template-validate, strict_validate off) no value is checked at all. */
int hh_params_validate(hh_params *p, bool require_values, hh_error *err);

/* Typed value of a parameter or pseudo-parameter (new reference):
 * string -> str() of the value, number -> integer or real,
 * comma_delimited_list -> list of strings, json -> the parsed document
 * (a string value "" stays ""), boolean -> true/false. HH_ENOTFOUND for an
 * unknown name; HH_EINVAL UserParameterMissing when it has no value, or
 * StackValidationFailed when the value does not convert. */
int hh_params_value(const hh_params *p, const char *name, json_t **out, hh_error *err);

/* Heat's template-validate "Parameters" object (api.format_validate_parameter),
 * the template's parameters in order, keys in Heat's order: Type (CFN
 * spelling), Description ("" when none), NoEcho ("true"/"false" strings),
 * Label (the name when none), Default (as written, or the environment's
 * parameter_default; shown for hidden parameters too), Value (the raw user
 * value when it is truthy in Python's sense), Tags (when not empty), then
 * per constraint MinLength/MaxLength, MinValue/MaxValue, Step/Offset,
 * AllowedValues, AllowedPattern, CustomConstraint, and last
 * ConstraintDescription (the constraints' descriptions joined by " ").
 * New reference. */
json_t *hh_params_validate_json(const hh_params *p);

/* Stack show "parameters": name -> str(Parameter) (numbers as Python
 * prints them, booleans "True"/"False", lists joined by ",", json as
 * json.dumps), hidden ones "******", the pseudo-parameters first
 * (new reference). Parameters without a value are left out. */
json_t *hh_params_show_json(const hh_params *p);

/* Check a parameter_groups section against the parameters (each group a
 * mapping with label, description, parameters; each parameter in one group
 * at most, and defined: the template's or a pseudo-parameter of a stack
 * without identity). StackValidationFailed with Heat's messages, e.g.
 * "Parameter Groups error: parameter_groups.Server: The grouped parameter
 * x does not reference a valid parameter.". groups may be NULL. */
int hh_param_groups_check(const json_t *groups, const hh_params *p, hh_error *err);

/* Parameters.immutable_params_modified for an update from old to newp:
 * each parameter of both that newp marks immutable must keep old's value;
 * the new value is the raw one in input (the request's parameters,
 * borrowed, may be NULL) when given there, else newp's typed value, and
 * they compare with Python's == (so "4" differs from 4, as in Heat).
 * HH_EINVAL ImmutableParameterModified "The following parameters are
 * immutable and may not be updated: a, b" (newp's order). */
int hh_params_immutable_modified(const hh_params *old, const hh_params *newp,
                                 const json_t *input, hh_error *err);

/* {name: type as the template spells it} for the template's parameters,
 * the param_names argument of hh_env_merge (new reference). */
json_t *hh_params_types_json(const hh_params *p);

#endif
