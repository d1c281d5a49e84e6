/* Unit tests for tmpl_param and hh_constraint: schemas, values,
 * constraints, pseudo-parameters, the validate and show views, parameter
 * groups. Expected texts were produced by Heat 19's own code. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "hh_constraint.h"
#include "tmpl_param.h"
#include "tmpl_version.h"

/* template, user values, strict (values checked), "Type: message" or "OK" */
static const struct {
    const char *tmpl;
    const char *values;
    bool strict;
    const char *want;
} cases[] = {
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"foo\":1}}}",
     "{}", true,
     "InvalidSchemaError: Invalid key 'foo' for parameter (p)"},
    {"{\"heat_template_version\":\"2017-02-24\",\"parameters\":{\"p\":{\"type\":\"string\",\"tags\":[\"a\"]}}}",
     "{}", false,
     "InvalidSchemaError: Invalid key 'tags' for parameter (p)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"tags\":\"a\"}}}",
     "{}", false,
     "InvalidSchemaError: Tags property should be a list for parameter: p"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"description\":\"x\"}}}",
     "{}", false,
     "InvalidSchemaError: Missing parameter type for parameter: p"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"strin\"}}}",
     "{}", false,
     "InvalidSchemaError: Invalid type (strin)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":5}}}",
     "{}", false,
     "InvalidSchemaError: Invalid type (5)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":\"string\"}}",
     "{}", false,
     "InvalidSchemaError: Invalid parameter (p), expected a mapping"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":{}}}}",
     "{}", false,
     "InvalidSchemaError: Invalid parameter constraints for parameter p, expected a list"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[\"x\"]}}}",
     "{}", false,
     "InvalidSchemaError: Invalid parameter constraints, expected a mapping"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"rang\":{}}]}}}",
     "{}", false,
     "InvalidSchemaError: Invalid key 'rang' for parameter constraints"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"description\":\"x\"}]}}}",
     "{}", false,
     "InvalidSchemaError: No constraint expressed"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{}}]}}}",
     "{}", false,
     "InvalidSchemaError: A range constraint must have a min value and/or a max value specified."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":5}]}}}",
     "{}", false,
     "InvalidSchemaError: Invalid range constraint, expected a mapping"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"mn\":1}}]}}}",
     "{}", false,
     "InvalidSchemaError: Invalid key 'mn' for range constraint"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":\"a\"}}]}}}",
     "{}", false,
     "ValueError: could not convert string to float: 'a'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{}}]}}}",
     "{}", false,
     "InvalidSchemaError: A length constraint must have a min value and/or a max value specified."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{\"min\":1.5}}]}}}",
     "{}", false,
     "InvalidSchemaError: min/max length must be integral"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_values\":\"a\"}]}}}",
     "{}", false,
     "InvalidSchemaError: AllowedValues must be a list"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":5}]}}}",
     "{}", false,
     "InvalidSchemaError: AllowedPattern must be a string"},
    {"{\"heat_template_version\":\"2016-10-14\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":2,\"offset\":1}}]}}}",
     "{}", false,
     "InvalidSchemaError: No constraint expressed"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":2}}]}}}",
     "{}", false,
     "InvalidSchemaError: A modulo constraint must have a step value and an offset value specified."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":2,\"offset\":3}}]}}}",
     "{}", false,
     "InvalidSchemaError: offset must be smaller (by absolute value) than step."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":0,\"offset\":0}}]}}}",
     "{}", false,
     "InvalidSchemaError: step cannot be 0."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":2.5,\"offset\":0}}]}}}",
     "{}", false,
     "InvalidSchemaError: step/offset must be integer"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":-3,\"offset\":1}}]}}}",
     "{}", false,
     "InvalidSchemaError: step and offset must be both positive or both negative."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":3,\"offset\":1,\"x\":1}}]}}}",
     "{}", false,
     "InvalidSchemaError: Invalid key 'x' for modulo constraint"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"length\":{\"max\":3}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Length constraint invalid for number"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"range\":{\"max\":3}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Range constraint invalid for string"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"modulo\":{\"step\":2,\"offset\":1}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Modulo constraint invalid for string"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\",\"constraints\":[{\"allowed_values\":[5]}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: AllowedValues constraint invalid for json"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\",\"constraints\":[{\"allowed_pattern\":\"x\"}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: AllowedPattern constraint invalid for boolean"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\",\"constraints\":[{\"custom_constraint\":\"ip_addr\"}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: CustomConstraint constraint invalid for json"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"Number\",\"MaxLength\":\"3\"}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Length constraint invalid for Number"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"default\":\"abcdef\",\"constraints\":[{\"length\":{\"max\":3}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Invalid default abcdef (length (6) is out of range (min: None, max: 3))"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\",\"default\":\"a,b,c\",\"constraints\":[{\"length\":{\"max\":2}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Invalid default a,b,c (length (3) is out of range (min: None, max: 2))"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\",\"default\":5,\"constraints\":[{\"length\":{\"max\":2}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Default must be a comma-delimited list string: 'int' object has no attribute 'split'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"default\":\"abc\",\"constraints\":[{\"range\":{\"min\":1}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Invalid default abc (could not convert string to float: 'abc')"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"default\":2.5,\"constraints\":[{\"modulo\":{\"step\":2,\"offset\":0}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Invalid default 2.5 (2.5 is not a multiple of 2 with an offset of 0)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"default\":\"1.2.3\",\"constraints\":[{\"custom_constraint\":\"ip_addr\"}]}}}",
     "{}", false,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"default\":\"x\",\"constraints\":[{\"allowed_values\":[\"a\",\"b\"],\"description\":\"pick a or b\"}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Invalid default x (pick a or b)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"default\":\"abc\"}}}",
     "{}", false,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"default\":\"abc\"}}}",
     "{}", true,
     "StackValidationFailed: Parameter 'p' is invalid: could not convert string to float: 'abc'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{\"max\":3}}]}}}",
     "{\"p\": \"abcdef\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (6) is out of range (min: None, max: 3)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{\"min\":2}}]}}}",
     "{\"p\": \"a\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (1) is out of range (min: 2, max: None)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{\"min\":1,\"max\":2}}]}}}",
     "{\"p\": \"\\u00e9\\u00e9\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":1,\"max\":5}}]}}}",
     "{\"p\": \"7\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 7 is out of range (min: 1, max: 5)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":1.5}}]}}}",
     "{\"p\": \"0.5\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 0.5 is out of range (min: 1.5, max: None)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":1,\"max\":5},\"description\":\"Bad!\"}]}}}",
     "{\"p\": \"7\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Bad!"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"max\":5}}]}}}",
     "{\"p\": 9.25}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 9.25 is out of range (min: None, max: 5)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":1,\"max\":5}}]}}}",
     "{\"p\": \"3\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":2,\"offset\":1}}]}}}",
     "{\"p\": \"4\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 4 is not a multiple of 2 with an offset of 1"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":2,\"offset\":1}}]}}}",
     "{\"p\": \"-3\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":-2,\"offset\":-1}}]}}}",
     "{\"p\": \"3\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": \"abc\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: could not convert string to float: 'abc'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": \"-0x10\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: could not convert string to float: '-0x10'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": [1]}", true,
     "StackValidationFailed: Parameter 'p' is invalid: int() argument must be a string, a bytes-like object or a real number, not 'list'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": \" 12 \"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": \"1e3\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\"}}}",
     "{\"p\": \"abc\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Unrecognized value 'abc', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\"}}}",
     "{\"p\": \"Yes\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\"}}}",
     "{\"p\": \"{abc\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\"}}}",
     "{\"p\": \"[1, 2\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be valid JSON: Expecting ',' delimiter: line 1 column 6 (char 5)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\"}}}",
     "{\"p\": \"{\\\"a\\\": 1} x\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be valid JSON: Extra data: line 1 column 10 (char 9)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\",\"constraints\":[{\"length\":{\"max\":1}}]}}}",
     "{\"p\": \"{\\\"a\\\":1,\\\"b\\\":2}\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (2) is out of range (min: None, max: 1)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\"}}}",
     "{\"p\": 5}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be a comma-delimited list string: 'int' object has no attribute 'split'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\",\"constraints\":[{\"length\":{\"min\":3}}]}}}",
     "{\"p\": \"a,b\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (2) is out of range (min: 3, max: None)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_values\":[\"a\",\"b\"]}]}}}",
     "{\"p\": \"c\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"c\" is not an allowed value [\"a\", \"b\"]"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_values\":[\"1\",\"b\"]}]}}}",
     "{\"p\": 1}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"allowed_values\":[1,2]}]}}}",
     "{\"p\": \"3\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"3\" is not an allowed value [1, 2]"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"allowed_values\":[1,2]}]}}}",
     "{\"p\": \"2.0\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"allowed_values\":[\"x\",2]}]}}}",
     "{\"p\": \"2\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value \"x\" is invalid for data type \"number\"."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\",\"constraints\":[{\"allowed_values\":[\"true\"]}]}}}",
     "{\"p\": \"no\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"no\" is not an allowed value [\"true\"]"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\",\"constraints\":[{\"allowed_values\":[\"true\"]}]}}}",
     "{\"p\": \"On\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\",\"constraints\":[{\"allowed_values\":[\"a\",\"b\"]}]}}}",
     "{\"p\": \"a,c\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: [\"a\", \"c\"] is not an allowed value [\"a\", \"b\"]"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\",\"constraints\":[{\"allowed_values\":[\"a\",\"b\"]}]}}}",
     "{\"p\": \"b,a\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"[a-z]+\"}]}}}",
     "{\"p\": \"abc1\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"abc1\" does not match pattern \"[a-z]+\""},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"[a-z]+\"}]}}}",
     "{\"p\": \"abc\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"\\\\d{2}-\\\\w+\"}]}}}",
     "{\"p\": \"12-ab_c\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"\\\\d{2}-\\\\w+\"}]}}}",
     "{\"p\": \"1-ab\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"1-ab\" does not match pattern \"\\d{2}-\\w+\""},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"[\\\\w.\\\\-]+@x\"}]}}}",
     "{\"p\": \"a.b-c@x\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"(?:ab)+\\\\s?\"}]}}}",
     "{\"p\": \"abab \"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"[A-Z]\",\"description\":\"upper only\"}]}}}",
     "{\"p\": \"a\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: upper only"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"custom_constraint\":\"ip_addr\"}]}}}",
     "{\"p\": \"1.2.3\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Error validating value '1.2.3': Invalid IP address"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"custom_constraint\":\"nope\"}]}}}",
     "{\"p\": \"1.2.3\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"1.2.3\" does not validate nope (constraint not found)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"custom_constraint\":\"nova.flavor\"}]}}}",
     "{\"p\": \"m1.tiny\"}", true,
     "OK"}, /* service-backed: no catalogue, accepted */
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"custom_constraint\":\"timezone\",\"description\":\"tz!\"}]}}}",
     "{\"p\": \"Mars/Base\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: tz!"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\"}}}",
     "{\"q\": \"abc\"}", true,
     "UnknownUserParameter: The Parameter (q) was not defined in template."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\"}}}",
     "{\"q\": \"abc\"}", false,
     "UnknownUserParameter: The Parameter (q) was not defined in template."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\"}}}",
     "{}", true,
     "UserParameterMissing: The Parameter (p) was not provided."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\"}}}",
     "{}", false,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\"}}}",
     "{\"p\": null}", true,
     "UserParameterMissing: The Parameter (p) was not provided."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{\"max\":1}}]}}}",
     "{\"p\": \"toolong\"}", false,
     "OK"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"MaxLength\":\"3\",\"ConstraintDescription\":\"too long\"}}}",
     "{\"p\": \"abcd\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: too long"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"MaxLength\":\"3\"}}}",
     "{\"p\": \"abcd\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (4) is out of range (min: None, max: 3)"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"Number\",\"MinValue\":\"3\"}}}",
     "{\"p\": \"1\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 1 is out of range (min: 3, max: None)"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"Number\",\"MinValue\":\"x\"}}}",
     "{\"p\": \"1\"}", true,
     "ValueError: could not convert string to float: 'x'"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"string\"}}}",
     "{}", false,
     "InvalidSchemaError: Invalid type (string)"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"type\":1}}}",
     "{}", false,
     "InvalidSchemaError: Invalid key 'type' for parameter (p)"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"AllowedPattern\":\"[0-9]+\",\"AllowedValues\":[\"1\",\"22\"]}}}",
     "{\"p\": \"3\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"3\" is not an allowed value [\"1\", \"22\"]"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"AllowedPattern\":\"[0-9]+\",\"AllowedValues\":[\"1\",\"2a\"]}}}",
     "{\"p\": \"2a\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"2a\" does not match pattern \"[0-9]+\""},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"CommaDelimitedList\",\"AllowedValues\":[\"a\",\"b\"]}}}",
     "{\"p\": \"a,b,c\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: [\"a\", \"b\", \"c\"] is not an allowed value [\"a\", \"b\"]"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"Json\",\"MinLength\":1}}}",
     "{\"p\": \"{}\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (0) is out of range (min: 1, max: None)"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"Boolean\"}}}",
     "{\"p\": \"maybe\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"Tags\":[]}}}",
     "{}", false,
     "InvalidSchemaError: Invalid key 'Tags' for parameter (p)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":1.0,\"max\":5}}]}}}",
     "{\"p\": \"0\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 0 is out of range (min: 1.0, max: 5)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":\"1\",\"max\":\"5.5\"}}]}}}",
     "{\"p\": 6}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 6 is out of range (min: 1, max: 5.5)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"min\":1}}]}}}",
     "{\"p\": \"1e-7\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 1e-7 is out of range (min: 1, max: None)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"range\":{\"max\":1e20}}]}}}",
     "{\"p\": \"1e21\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 1e21 is out of range (min: None, max: 1e+20)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": \"\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: could not convert string to float: ''"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": \"inf\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": \"1_000\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\"}}}",
     "{\"p\": {\"a\": 1}}", true,
     "StackValidationFailed: Parameter 'p' is invalid: int() argument must be a string, a bytes-like object or a real number, not 'dict'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{\"max\":2}}]}}}",
     "{\"p\": [\"a\", \"b\", \"c\"]}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (3) is out of range (min: None, max: 2)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_values\":[\"True\"]}]}}}",
     "{\"p\": true}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_values\":[1]}]}}}",
     "{\"p\": \"1\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_values\":[1]}]}}}",
     "{\"p\": \"2\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"2\" is not an allowed value [1]"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\",\"constraints\":[{\"allowed_values\":[true]}]}}}",
     "{\"p\": \"0\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"0\" is not an allowed value [true]"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\",\"constraints\":[{\"allowed_values\":[\"maybe\"]}]}}}",
     "{\"p\": \"1\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value \"maybe\" is invalid for data type \"boolean\"."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"allowed_values\":[\"abc\"]}]}}}",
     "{\"p\": \"1\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value \"abc\" is invalid for data type \"number\"."},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\",\"default\":[\"a\",1],\"constraints\":[{\"allowed_values\":[\"a\",\"1\"]}]}}}",
     "{}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"comma_delimited_list\",\"constraints\":[{\"length\":{\"max\":1}}]}}}",
     "{\"p\": \"\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\",\"constraints\":[{\"length\":{\"max\":1}}]}}}",
     "{\"p\": [1, 2]}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (2) is out of range (min: None, max: 1)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\",\"default\":\"{\\\"a\\\":1}\",\"constraints\":[{\"length\":{\"max\":3}}]}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Invalid default {\"a\":1} (length (7) is out of range (min: None, max: 3))"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\"}}}",
     "{\"p\": \"[1,\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be valid JSON: Expecting value: line 1 column 4 (char 3)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\"}}}",
     "{\"p\": \"{\\\"a\\\" 1}\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be valid JSON: Expecting ':' delimiter: line 1 column 6 (char 5)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\"}}}",
     "{\"p\": \"nul\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be valid JSON: Expecting value: line 1 column 1 (char 0)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"json\"}}}",
     "{\"p\": \"{\\\"a\\\":1,}\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Value must be valid JSON: Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\"}}}",
     "{\"p\": \" yes \"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"boolean\"}}}",
     "{\"p\": 2}", true,
     "StackValidationFailed: Parameter 'p' is invalid: Unrecognized value '2', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"[^\\\\s]+\"}]}}}",
     "{\"p\": \"a b\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"a b\" does not match pattern \"[^\\s]+\""},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"^[a-z]{2,3}$\"}]}}}",
     "{\"p\": \"abcd\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"abcd\" does not match pattern \"^[a-z]{2,3}$\""},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"\\\\w+\\\\.txt\"}]}}}",
     "{\"p\": \"file.txt\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"allowed_pattern\":\"[[:alpha:]]+\"}]}}}",
     "{\"p\": \"abc\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: \"abc\" does not match pattern \"[[:alpha:]]+\""},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"hidden\":\"false\",\"default\":\"x\"}}}",
     "{}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"immutable\":\"yes\",\"schema\":{\"a\":1}}}}",
     "{\"p\": \"x\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":\"3\",\"offset\":\"1\"}}]}}}",
     "{\"p\": \"7.0\"}", true,
     "OK"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":3.0,\"offset\":1}}]}}}",
     "{\"p\": \"8\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 8 is not a multiple of 3.0 with an offset of 1"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"number\",\"constraints\":[{\"modulo\":{\"step\":3,\"offset\":1},\"description\":\"m\"},{\"range\":{\"min\":0}}]}}}",
     "{\"p\": \"-2\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: -2 is out of range (min: 0, max: None)"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"Number\",\"MinValue\":1,\"MaxValue\":2,\"ConstraintDescription\":\"\"}}}",
     "{\"p\": \"3\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: 3 is out of range (min: 1, max: 2)"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"NoEcho\":true,\"Default\":5}}}",
     "{}", true,
     "OK"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"String\",\"AllowedValues\":{\"a\":1}}}}",
     "{}", true,
     "InvalidSchemaError: AllowedValues must be a list"},
    {"{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{\"p\":{\"Type\":\"CommaDelimitedList\",\"MaxLength\":1,\"Default\":\"a,b\"}}}",
     "{}", false,
     "InvalidSchemaError: Parameter 'p' is invalid: Invalid default a,b (length (2) is out of range (min: None, max: 1))"},
    {"{\"heat_template_version\":\"2018-03-02\",\"parameters\":{\"p\":{\"type\":\"string\",\"constraints\":[{\"length\":{\"min\":1},\"description\":\"\"}]}}}",
     "{\"p\": \"\"}", true,
     "StackValidationFailed: Parameter 'p' is invalid: length (0) is out of range (min: 1, max: None)"},
};

/* custom constraint, value, Heat's message or "OK" */
static const struct {
    const char *name, *value, *want;
} customs[] = {
    {"ip_addr", "1.2.3.4", "OK"},
    {"ip_addr", "1.2.3", "Error validating value '1.2.3': Invalid IP address"},
    {"ip_addr", "::1", "OK"},
    {"ip_addr", "1.2.3.04", "Error validating value '1.2.3.04': Invalid IP address"},
    {"ip_addr", " 1.2.3.4", "Error validating value ' 1.2.3.4': Invalid IP address"},
    {"ip_addr", "1.2.3.4/24", "Error validating value '1.2.3.4/24': Invalid IP address"},
    {"ip_addr", "::ffff:1.2.3.4", "OK"},
    {"ip_addr", "256.1.1.1", "Error validating value '256.1.1.1': Invalid IP address"},
    {"mac_addr", "00:11:22:33:44:55", "OK"},
    {"mac_addr", "00-11-22-33-44-55", "OK"},
    {"mac_addr", "0011.2233.4455", "OK"},
    {"mac_addr", "001122334455", "OK"},
    {"mac_addr", "00:11:22:33:44", "Error validating value '00:11:22:33:44': Invalid MAC address."},
    {"mac_addr", "0:1:2:3:4:5", "OK"},
    {"mac_addr", "00:11:22:33:44:GG", "Error validating value '00:11:22:33:44:GG': Invalid MAC address."},
    {"net_cidr", "10.0.0.0/24", "OK"},
    {"net_cidr", "10.0.0.1/24", "OK"},
    {"net_cidr", "10.0.0.0", "Error validating value '10.0.0.0': '10.0.0.0' isn't a recognized IP subnet cidr, '10.0.0.0/32' is recommended"},
    {"net_cidr", "10.0.0.0/33", "Error validating value '10.0.0.0/33': Invalid net cidr invalid IPNetwork 10.0.0.0/33 "},
    {"net_cidr", "::/0", "OK"},
    {"net_cidr", "fe80::/64", "OK"},
    {"net_cidr", "abc", "Error validating value 'abc': Invalid net cidr invalid IPNetwork abc "},
    {"net_cidr", "10.0/8", "Error validating value '10.0/8': '10.0/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended"},
    {"net_cidr", "fe80::1", "Error validating value 'fe80::1': 'fe80::1' isn't a recognized IP subnet cidr, 'fe80::1/128' is recommended"},
    {"ip_or_cidr", "10.0.0.1", "OK"},
    {"ip_or_cidr", "10.0.0.0/24", "OK"},
    {"ip_or_cidr", "abc", "Error validating value 'abc': 'abc' is not a valid IP address"},
    {"ip_or_cidr", "abc/5", "Error validating value 'abc/5': 'abc/5' is not a valid IP subnet"},
    {"ip_or_cidr", "010.0.0.1", "Error validating value '010.0.0.1': '010.0.0.1' is not an accepted IP address, '10.0.0.1' is recommended"},
    {"ip_or_cidr", "10.0/8", "Error validating value '10.0/8': '10.0/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended"},
    {"dns_name", "example.com", "OK"},
    {"dns_name", "example.com.", "OK"},
    {"dns_name", "-bad.com", "Error validating value '-bad.com': '-bad.com' not in valid format. Reason: Name '-bad' must not start or end with a hyphen."},
    {"dns_name", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", "Error validating value 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com' not in valid format. Reason: Name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen."},
    {"dns_name", "a..b", "Error validating value 'a..b': 'a..b' not in valid format. Reason: Encountered an empty component."},
    {"dns_name", "1.2.3.4", "OK"},
    {"dns_name", "ex_ample.com", "Error validating value 'ex_ample.com': 'ex_ample.com' not in valid format. Reason: Name 'ex_ample' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen."},
    {"dns_name", "Example.com", "Error validating value 'Example.com': 'Example.com' not in valid format. Reason: Name 'Example' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen."},
    {"dns_name", "a.123.", "Error validating value 'a.123.': 'a.123.' not in valid format. Reason: TLD '123' must not be all numeric."},
    {"rel_dns_name", "host", "OK"},
    {"rel_dns_name", "host.", "Error validating value 'host.': 'host.' is a FQDN. It should be a relative domain name."},
    {"rel_dns_name", "", "OK"},
    {"rel_dns_name", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Error validating value 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' contains '253' characters. Adding a domain name will cause it to exceed the maximum length of a FQDN of '255'."},
    {"dns_domain", "example.com.", "OK"},
    {"dns_domain", "example.com", "Error validating value 'example.com': 'example.com' must end with '.'."},
    {"dns_domain", "", "OK"},
    {"iso_8601", "2020-01-01T00:00:00Z", "OK"},
    {"iso_8601", "2020-01-01", "OK"},
    {"iso_8601", "nope", "Error validating value 'nope'"},
    {"iso_8601", "2020-13-01T00:00:00", "Error validating value '2020-13-01T00:00:00'"},
    {"iso_8601", "20200101", "OK"},
    {"iso_8601", "2020-01-01 10:00", "OK"},
    {"iso_8601", "2020-01-01T10:00:00+0200", "OK"},
    {"timezone", "Europe/Paris", "OK"},
    {"timezone", "UTC", "OK"},
    {"timezone", "Mars/Base", "Error validating value 'Mars/Base': Invalid timezone: 'Mars/Base'"},
    {"timezone", "", "OK"},
    {"cron_expression", "* * * * *", "OK"},
    {"cron_expression", "0 0 * * * *", "OK"},
    {"cron_expression", "* * *", "Error validating value '* * *': Invalid CRON expression: Exactly 5 or 6 columns has to be specified for iterator expression."},
    {"cron_expression", "61 * * * *", "Error validating value '61 * * * *': Invalid CRON expression: [61 * * * *] is not acceptable, out of range"},
    {"cron_expression", "", "OK"},
    {"cron_expression", "*/5 1-3 * jan mon", "OK"},
    {"cron_expression", "0 0 32 * *", "Error validating value '0 0 32 * *': Invalid CRON expression: [0 0 32 * *] is not acceptable, out of range"},
    {"expiration", "2099-01-01T00:00:00Z", "OK"},
    {"expiration", "2000-01-01T00:00:00Z", "Error validating value '2000-01-01T00:00:00Z': Expiration 2000-01-01T00:00:00Z is invalid: Expiration time is out of date."},
    {"expiration", "bad", "Error validating value 'bad': Expiration bad is invalid: Unable to parse date string 'bad'"},
    {"expiration", "", "OK"},
    {"nope", "x", "\"x\" does not validate nope (constraint not found)"},
};

static const char *section_name(const hh_tversion *v)
{
    return v->dialect == HH_DIALECT_HOT ? "parameters" : "Parameters";
}

/* Parse tmpl, bind values (and defaults), validate; "OK" or "Type: msg". */
static char *run(const char *tmpl, const char *values, const char *defaults,
                 const hh_pseudo *ps, bool strict, hh_params **keep)
{
    json_t *doc = json_loads(tmpl, 0, NULL);
    json_t *vals = values ? json_loads(values, 0, NULL) : NULL;
    json_t *defs = defaults ? json_loads(defaults, 0, NULL) : NULL;
    const hh_tversion *v = NULL;
    hh_params *p = NULL;
    hh_error err;
    char *out = NULL;
    int rc;

    hh_error_clear(&err);
    v = hh_tversion_detect(doc, &err);
    if (v == NULL) {
        rc = -1;
        goto done;
    }
    rc = hh_params_new(v, json_object_get(doc, section_name(v)), &p, &err);
    if (rc == 0)
        rc = hh_params_bind(p, vals, defs, ps, &err);
    if (rc == 0)
        rc = hh_params_validate(p, strict, &err);
done:
    if (rc == 0)
        out = strdup("OK");
    else if (asprintf(&out, "%s: %s", err.type ? err.type : "?", err.message) < 0)
        out = NULL;
    if (keep && rc == 0)
        *keep = p;
    else
        hh_params_free(p);
    json_decref(doc);
    json_decref(vals);
    json_decref(defs);
    return out;
}

static hh_params *load(const char *tmpl, const char *values, const char *defaults,
                       const hh_pseudo *ps)
{
    hh_params *p = NULL;
    char *r = run(tmpl, values, defaults, ps, false, &p);

    if (strcmp(r, "OK") != 0)
        diag("load failed: %s", r);
    free(r);
    return p;
}

static char *dumps_value(hh_params *p, const char *name)
{
    json_t *v = NULL;
    hh_error err;
    char *s = NULL;

    hh_error_clear(&err);
    if (hh_params_value(p, name, &v, &err) != 0) {
        if (asprintf(&s, "%s: %s", err.type, err.message) < 0)
            s = NULL;
        return s;
    }
    s = hh_py_dumps(v);
    json_decref(v);
    return s;
}

#define IS_FREE(expr, want, ...)                                                                   \
    do {                                                                                           \
        char *got_ = (expr);                                                                       \
        is_str(got_, want, __VA_ARGS__);                                                           \
        free(got_);                                                                                \
    } while (0)

static void test_table(void)
{
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        IS_FREE(run(cases[i].tmpl, cases[i].values, NULL, NULL, cases[i].strict, NULL),
                cases[i].want, "case %zu: %s", i, cases[i].want);
}

static void test_customs(void)
{
    char msg[HH_CONSTRAINT_MSG_MAX];
    size_t i;

    for (i = 0; i < sizeof(customs) / sizeof(customs[0]); i++) {
        json_t *v = json_string(customs[i].value);
        int rc = hh_custom_constraint_check(customs[i].name, v, msg, sizeof(msg));

        is_str(rc == 0 ? "OK" : msg, customs[i].want, "%s '%.20s'", customs[i].name,
               customs[i].value);
        json_decref(v);
    }
    ok(hh_custom_constraint_known("glance.image"), "service-backed name known");
    ok(!hh_custom_constraint_known("glance.imag"), "misspelt name unknown");
}

static void test_values(void)
{
    static const char *t =
        "{\"heat_template_version\":\"2018-03-02\",\"parameters\":{"
        "\"s\":{\"type\":\"string\"},\"n\":{\"type\":\"number\"},"
        "\"f\":{\"type\":\"number\",\"default\":\"2.50\"},"
        "\"l\":{\"type\":\"comma_delimited_list\"},\"l2\":{\"type\":\"comma_delimited_list\"},"
        "\"j\":{\"type\":\"json\"},\"j2\":{\"type\":\"json\",\"default\":{\"k\":[1,2]}},"
        "\"b\":{\"type\":\"boolean\"},\"b2\":{\"type\":\"boolean\",\"default\":true},"
        "\"e\":{\"type\":\"comma_delimited_list\",\"default\":\"\"},"
        "\"m\":{\"type\":\"string\"}}}";
    static const char *vals = "{\"s\":5,\"n\":\"12\",\"l\":\" a, b\",\"l2\":[1,\"x\",true],"
                              "\"j\":\"{\\\"a\\\": [1, 2.0]}\",\"b\":\"Off\"}";
    hh_pseudo ps = {"mystack", "sid1", "ten1", NULL};
    hh_params *p = load(t, vals, "{\"n\":\"99\",\"m\":\"from-defaults\"}", &ps);
    json_t *v = NULL;
    hh_error err;

    if (p == NULL)
        return;
    IS_FREE(dumps_value(p, "s"), "\"5\"", "string value from a number");
    IS_FREE(dumps_value(p, "n"), "12", "number from a string, user value wins over default");
    IS_FREE(dumps_value(p, "f"), "2.5", "float default");
    IS_FREE(dumps_value(p, "l"), "[\" a\", \" b\"]", "list split on ',' without strip");
    IS_FREE(dumps_value(p, "l2"), "[\"1\", \"x\", \"True\"]", "list items become str()");
    IS_FREE(dumps_value(p, "j"), "{\"a\": [1, 2.0]}", "json parsed from a string");
    IS_FREE(dumps_value(p, "j2"), "{\"k\": [1, 2]}", "json default");
    IS_FREE(dumps_value(p, "b"), "false", "boolean Off");
    IS_FREE(dumps_value(p, "b2"), "true", "boolean default true");
    IS_FREE(dumps_value(p, "e"), "[]", "empty list default");
    IS_FREE(dumps_value(p, "m"), "\"from-defaults\"", "parameter_defaults supply a value");
    IS_FREE(dumps_value(p, "OS::stack_name"), "\"mystack\"", "OS::stack_name");
    IS_FREE(dumps_value(p, "OS::stack_id"), "\"sid1\"", "OS::stack_id");
    IS_FREE(dumps_value(p, "OS::project_id"), "\"ten1\"", "OS::project_id");
    hh_error_clear(&err);
    is_int(hh_params_value(p, "zz", &v, &err), HH_ENOTFOUND, "unknown name");
    is_int(hh_params_count(p), 11, "count excludes pseudo-parameters");
    is_str(hh_params_name(p, 0), "s", "first name in template order");
    ok(hh_params_has(p, "OS::stack_id") && !hh_params_has(p, "AWS::StackId"),
       "has knows the dialect's pseudo-parameters");
    hh_params_free(p);
}

static char *view(hh_params *p, bool show)
{
    json_t *o = show ? hh_params_show_json(p) : hh_params_validate_json(p);
    char *s = hh_py_dumps(o);

    json_decref(o);
    return s;
}

static void test_views(void)
{
    hh_pseudo ps = {"mystack", "sid1", "ten1", NULL};
    hh_params *p;

    p = load("{\"heat_template_version\":\"2018-03-02\",\"parameters\":{"
             "\"p\":{\"type\":\"string\",\"hidden\":true,\"default\":\"sec\",\"label\":\"L\","
             "\"description\":\"D\",\"tags\":[\"a\"],\"immutable\":true,\"constraints\":["
             "{\"length\":{\"min\":1,\"max\":9},\"description\":\"d1\"},"
             "{\"allowed_pattern\":\"[a-z]*\",\"description\":\"d2\"},"
             "{\"custom_constraint\":\"nova.flavor\"},{\"allowed_values\":[\"sec\",\"x\"]}]},"
             "\"n\":{\"type\":\"number\",\"default\":2.0,\"constraints\":["
             "{\"modulo\":{\"step\":2,\"offset\":0}},{\"range\":{\"min\":1}}]},"
             "\"l\":{\"type\":\"comma_delimited_list\",\"default\":[1,2]},"
             "\"j\":{\"type\":\"json\",\"default\":{\"a\":[1]}},"
             "\"b\":{\"type\":\"boolean\",\"default\":\"yes\"}}}",
             "{\"n\":\"4\"}", "{\"l\":\"x,y\"}", &ps);
    if (p != NULL) {
        IS_FREE(view(p, false),
                "{\"p\": {\"Type\": \"String\", \"Description\": \"D\", \"NoEcho\": \"true\", "
                "\"Label\": \"L\", \"Default\": \"sec\", \"Tags\": [\"a\"], \"MinLength\": 1, "
                "\"MaxLength\": 9, \"AllowedPattern\": \"[a-z]*\", \"CustomConstraint\": "
                "\"nova.flavor\", \"AllowedValues\": [\"sec\", \"x\"], \"ConstraintDescription\": "
                "\"d1 d2\"}, \"n\": {\"Type\": \"Number\", \"Description\": \"\", \"NoEcho\": "
                "\"false\", \"Label\": \"n\", \"Default\": 2.0, \"Value\": \"4\", \"Step\": 2, "
                "\"Offset\": 0, \"MinValue\": 1}, \"l\": {\"Type\": \"CommaDelimitedList\", "
                "\"Description\": \"\", \"NoEcho\": \"false\", \"Label\": \"l\", \"Default\": "
                "\"x,y\"}, \"j\": {\"Type\": \"Json\", \"Description\": \"\", \"NoEcho\": "
                "\"false\", \"Label\": \"j\", \"Default\": {\"a\": [1]}}, \"b\": {\"Type\": "
                "\"Boolean\", \"Description\": \"\", \"NoEcho\": \"false\", \"Label\": \"b\", "
                "\"Default\": \"yes\"}}",
                "HOT validate view");
        IS_FREE(view(p, true),
                "{\"OS::stack_id\": \"sid1\", \"OS::project_id\": \"ten1\", \"OS::stack_name\": "
                "\"mystack\", \"p\": \"******\", \"n\": \"4\", \"l\": \"x,y\", \"j\": "
                "\"{\\\"a\\\": [1]}\", \"b\": \"True\"}",
                "HOT show view");
        ok(hh_params_hidden(p, "p") && !hh_params_hidden(p, "n"), "hidden");
        ok(hh_params_immutable(p, "p") && !hh_params_immutable(p, "n"), "immutable");
        hh_params_free(p);
    }

    p = load("{\"heat_template_version\":\"2018-03-02\",\"parameters\":{"
             "\"p\":{\"type\":\"string\"},\"l\":{\"type\":\"comma_delimited_list\"},"
             "\"j\":{\"type\":\"json\"}}}",
             "{\"l\":[\"a\",1],\"j\":{\"k\":[1,2]}}", "{\"p\":\"x\"}", &ps);
    if (p != NULL) {
        IS_FREE(view(p, false),
                "{\"p\": {\"Type\": \"String\", \"Description\": \"\", \"NoEcho\": \"false\", "
                "\"Label\": \"p\", \"Default\": \"x\"}, \"l\": {\"Type\": "
                "\"CommaDelimitedList\", \"Description\": \"\", \"NoEcho\": \"false\", "
                "\"Label\": \"l\", \"Value\": [\"a\", 1]}, \"j\": {\"Type\": \"Json\", "
                "\"Description\": \"\", \"NoEcho\": \"false\", \"Label\": \"j\", \"Value\": "
                "{\"k\": [1, 2]}}}",
                "typed values and defaults in the validate view");
        IS_FREE(view(p, true),
                "{\"OS::stack_id\": \"sid1\", \"OS::project_id\": \"ten1\", \"OS::stack_name\": "
                "\"mystack\", \"p\": \"x\", \"l\": \"a,1\", \"j\": \"{\\\"k\\\": [1, 2]}\"}",
                "show view joins lists, dumps json");
        hh_params_free(p);
    }

    p = load("{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{"
             "\"p\":{\"Type\":\"String\",\"NoEcho\":\"true\",\"MinLength\":2,\"MaxLength\":\"5\","
             "\"ConstraintDescription\":\"cd\",\"AllowedValues\":[\"aa\"]},"
             "\"n\":{\"Type\":\"Number\",\"MinValue\":\"1\",\"Default\":\"3\"}}}",
             "{\"p\":\"aa\"}", NULL, &ps);
    if (p != NULL) {
        IS_FREE(view(p, false),
                "{\"p\": {\"Type\": \"String\", \"Description\": \"\", \"NoEcho\": \"true\", "
                "\"Label\": \"p\", \"Value\": \"aa\", \"MinLength\": 2, \"MaxLength\": 5, "
                "\"AllowedValues\": [\"aa\"], \"ConstraintDescription\": \"cd cd\"}, \"n\": "
                "{\"Type\": \"Number\", \"Description\": \"\", \"NoEcho\": \"false\", \"Label\": "
                "\"n\", \"Default\": \"3\", \"MinValue\": 1}}",
                "CFN validate view");
        IS_FREE(view(p, true),
                "{\"AWS::StackId\": \"arn:openstack:heat::ten1:stacks/mystack/sid1\", "
                "\"AWS::StackName\": \"mystack\", \"AWS::Region\": \"ap-southeast-1\", \"p\": "
                "\"******\", \"n\": \"3\"}",
                "CFN show view with the stack ARN");
        hh_params_free(p);
    }

    p = load("{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Parameters\":{"
             "\"p\":{\"Type\":\"String\"}}}",
             "{\"p\":\"aa\"}", NULL, NULL);
    if (p != NULL) {
        IS_FREE(view(p, true), "{\"AWS::StackId\": \"None\", \"p\": \"aa\"}",
                "CFN without identity");
        hh_params_free(p);
    }
    p = load("{\"heat_template_version\":\"2013-05-23\",\"parameters\":{}}", NULL, NULL, NULL);
    if (p != NULL) {
        IS_FREE(view(p, true), "{\"OS::stack_id\": \"\", \"OS::project_id\": \"\"}",
                "HOT without identity");
        IS_FREE(view(p, false), "{}", "no parameters, empty validate view");
        hh_params_free(p);
    }
    {
        hh_pseudo odd = {"my stack", "id/1", "t 1", "us-west-1"};

        p = load("{\"HeatTemplateFormatVersion\":\"2012-12-12\"}", NULL, NULL, &odd);
        if (p != NULL) {
            IS_FREE(dumps_value(p, "AWS::StackId"),
                    "\"arn:openstack:heat::t%201:stacks/my%20stack/id%2F1\"",
                    "ARN parts are URL-quoted");
            IS_FREE(dumps_value(p, "AWS::Region"), "\"us-west-1\"", "region given");
            hh_params_free(p);
        }
    }
}

static const struct {
    const char *groups, *want;
} groups[] = {
    {"[{\"label\":\"A\",\"parameters\":[\"a\"]},{\"label\":\"B\",\"parameters\":[\"b\"]}]", "OK"},
    {"{\"x\":1}", "StackValidationFailed: Parameter Groups error: parameter_groups: The parameter_groups should be a list."},
    {"[{\"label\":\"A\"}]", "StackValidationFailed: Parameter Groups error: parameter_groups.A: The parameters must be provided for each parameter group."},
    {"[{\"parameters\":\"a\"}]", "StackValidationFailed: Parameter Groups error: parameter_groups.: The parameters of parameter group should be a list."},
    {"[{\"label\":\"A\",\"parameters\":[\"a\"]},{\"label\":\"B\",\"parameters\":[\"a\"]}]", "StackValidationFailed: Parameter Groups error: parameter_groups.B: The a parameter must be assigned to one parameter group only."},
    {"[{\"label\":\"A\",\"parameters\":[\"zz\"]}]", "StackValidationFailed: Parameter Groups error: parameter_groups.A: The grouped parameter zz does not reference a valid parameter."},
    {"[{\"label\":\"7\",\"parameters\":[\"zz\"]}]", "StackValidationFailed: Parameter Groups error: parameter_groups[7]: The grouped parameter zz does not reference a valid parameter."},
    {"[{\"parameters\":[\"OS::stack_id\",\"b\"]}]", "OK"},
    {"[]", "OK"},
};

static void test_groups(void)
{
    hh_params *p = load("{\"heat_template_version\":\"2018-03-02\",\"parameters\":{"
                        "\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"number\"}}}",
                        NULL, NULL, NULL);
    size_t i;

    if (p == NULL)
        return;
    for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
        json_t *g = json_loads(groups[i].groups, 0, NULL);
        hh_error err;
        char *got = NULL;

        hh_error_clear(&err);
        if (hh_param_groups_check(g, p, &err) == 0)
            got = strdup("OK");
        else if (asprintf(&got, "%s: %s", err.type, err.message) < 0)
            got = NULL;
        is_str(got, groups[i].want, "groups %s", groups[i].groups);
        free(got);
        json_decref(g);
    }
    {
        hh_error err;

        hh_error_clear(&err);
        is_int(hh_param_groups_check(NULL, p, &err), 0, "no groups section");
    }
    hh_params_free(p);
}

static void test_immutable(void)
{
    static const char *t = "{\"heat_template_version\":\"2018-03-02\",\"parameters\":{"
                           "\"n\":{\"type\":\"number\",\"immutable\":true,\"default\":4},"
                           "\"m\":{\"type\":\"number\",\"immutable\":true,\"default\":1},"
                           "\"s\":{\"type\":\"string\",\"default\":\"a\"}}}";
    hh_params *old = load(t, NULL, NULL, NULL);
    hh_params *same = load(t, "{\"s\":\"b\"}", NULL, NULL);
    hh_params *changed = load(t, "{\"n\":\"5\",\"m\":\"2\"}", NULL, NULL);
    json_t *in1 = json_loads("{\"s\":\"b\"}", 0, NULL);
    json_t *in2 = json_loads("{\"n\":\"4\"}", 0, NULL);
    json_t *in3 = json_loads("{\"n\":\"5\",\"m\":\"2\"}", 0, NULL);
    hh_error err;

    if (old && same && changed) {
        hh_error_clear(&err);
        is_int(hh_params_immutable_modified(old, same, in1, &err), 0,
               "mutable parameter may change");
        is_int(hh_params_immutable_modified(old, same, in2, &err), HH_EINVAL,
               "input \"4\" differs from 4 as in Heat");
        is_int(hh_params_immutable_modified(old, changed, in3, &err), HH_EINVAL,
               "immutable changed");
        is_str(err.message,
               "The following parameters are immutable and may not be updated: n, m",
               "ImmutableParameterModified text");
        is_str(err.type, "ImmutableParameterModified", "ImmutableParameterModified type");
    }
    hh_params_free(old);
    hh_params_free(same);
    hh_params_free(changed);
    json_decref(in1);
    json_decref(in2);
    json_decref(in3);
}

static void test_python(void)
{
    static const struct {
        double d;
        const char *want;
    } floats[] = {{2.0, "2.0"}, {0.1, "0.1"}, {1e16, "1e+16"}, {1.5e-5, "1.5e-05"},
                  {123456.789, "123456.789"}, {-0.5, "-0.5"}, {1e15, "1000000000000000.0"},
                  {0.0001, "0.0001"}};
    json_t *v = json_loads("{\"a\": [1, 2.5, \"x'y\", null, true], \"b\": \"\\u00e9\"}", 0, NULL);
    char buf[64];
    size_t i;

    for (i = 0; i < sizeof(floats) / sizeof(floats[0]); i++) {
        hh_py_float_repr(floats[i].d, buf, sizeof(buf));
        is_str(buf, floats[i].want, "repr(float) case %zu", i);
    }
    IS_FREE(hh_py_str(v), "{'a': [1, 2.5, \"x'y\", None, True], 'b': '\xc3\xa9'}", "str(dict)");
    IS_FREE(hh_py_dumps(v), "{\"a\": [1, 2.5, \"x'y\", null, true], \"b\": \"\\u00e9\"}",
            "json.dumps with ensure_ascii");
    json_decref(v);
}

int main(void)
{
    plan_lazy();
    test_table();
    test_customs();
    test_values();
    test_views();
    test_groups();
    test_immutable();
    test_python();
    return done_testing();
}
