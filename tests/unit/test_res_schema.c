/* Unit tests for res_schema and res_registry: every type's schema JSON and
 * generated templates against Heat 19's answers, Properties validation
 * messages in both of Heat's modes, each constraint kind, nested list and
 * map schemas, deferred values, defaults and conversions, attributes.
 *
 * Expected values were produced by Heat 19's own Python (resource_schema,
 * resource_to_template, Stack.validate with strict_validate on and off,
 * Properties.validate); golden JSON is compared as a 64-bit FNV-1a hash of
 * the sorted compact form, and printed in full on a mismatch. */
#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "res_registry.h"
#include "res_schema.h"
#include "tap.h"

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t json_hash(const json_t *j)
{
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
    uint64_t h = s ? fnv1a(s) : 0;

    free(s);
    return h;
}

static void diag_json(const json_t *j)
{
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);

    diag("got %s", s ? s : "(null)");
    free(s);
}

/* Heat 19: {type, fnv(resource_schema with_description), fnv(hot), fnv(cfn)}
 * (0: Heat fails with KeyError 'Any'). */
static const struct golden {
    const char *type;
    uint64_t schema, hot, cfn;
} goldens[] = {
    {"AWS::CloudFormation::Stack", 0xf8d46719766bf8a1ULL, 0x72c3ea7b3436e81fULL,
     0xc209a28442bbded8ULL},
    {"AWS::CloudFormation::WaitCondition", 0x7ac8472ccc6539d0ULL, 0x4df6609085fc243dULL,
     0xcf1c6851040b622cULL},
    {"AWS::CloudFormation::WaitConditionHandle", 0x6d3be381e09583e3ULL, 0x27c4dba31fa04beeULL,
     0x8ac2cd8c51e9a5bcULL},
    {"OS::Heat::AutoScalingGroup", 0x22121dc02dd63495ULL, 0x7139dac40ea46eb5ULL,
     0x4d8b0e4267d46b02ULL},
    {"OS::Heat::CloudConfig", 0x85d15d500595635fULL, 0xba9516b3b5ea8fccULL, 0xe5e304518552ddeaULL},
    {"OS::Heat::Delay", 0xd3b584047505cc52ULL, 0x8a33d5025c746256ULL, 0x8302b0cdffdcac69ULL},
    {"OS::Heat::MultipartMime", 0x1c125bcd4a625462ULL, 0xb4b0e5467bfaea8bULL,
     0x4c7cb7aa6dcf6546ULL},
    {"OS::Heat::None", 0x5e120a1bdcd3b6ceULL, 0x4db250fd658665f9ULL, 0x349c8674b1753d51ULL},
    {"OS::Heat::RandomString", 0x52278e4e3d006276ULL, 0xae694c372a9af307ULL, 0x6c0f33afb3aa89f7ULL},
    {"OS::Heat::Stack", 0x5d80070fd6e9a298ULL, 0x839bfbb6ac5f534cULL, 0x528b6f00545c0bf8ULL},
    {"OS::Heat::ResourceChain", 0x3cbb3a069cb8c3d1ULL, 0xf7b8aa73cd6879eaULL,
     0x95a65680fe2a1bf5ULL},
    {"OS::Heat::ResourceGroup", 0x22e28ee8c142ce14ULL, 0xe49e802240baefb4ULL,
     0x2da9b402235b473aULL},
    {"OS::Heat::ScalingPolicy", 0x378082e5d29d4ed7ULL, 0x915e748c81512d7dULL,
     0xfaa6730bec045749ULL},
    {"OS::Heat::SoftwareConfig", 0x87ff90a98a03cd9eULL, 0xe42c05674dc9e60aULL,
     0xb0fbaa578b5e87b0ULL},
    {"OS::Heat::SoftwareDeployment", 0xbdbb02caf3ae13ccULL, 0xa30a24075e9a17a4ULL,
     0x40ac7fd9c01a4045ULL},
    {"OS::Heat::StructuredConfig", 0x692662dbb10d9bdbULL, 0xcb6262ddbe41c298ULL,
     0xcf720f06f65d3356ULL},
    {"OS::Heat::StructuredDeployment", 0x9c90bf6e23679e63ULL, 0xfd9d8f85d8a02aa6ULL,
     0x69d8b545fb0bbb0eULL},
    {"OS::Heat::TestResource", 0x4f06ce3ec858e0e6ULL, 0x788791972df79dfdULL, 0x0e7c4c85c436aa00ULL},
    {"OS::Heat::Value", 0x373bdc36252cd2fdULL, 0x0000000000000000ULL, 0x0000000000000000ULL},
    {"OS::Heat::WaitCondition", 0xf8bebbe9769beb4dULL, 0x1277ba127ac6fa7eULL,
     0x8ba2c02e88aecc79ULL},
    {"OS::Heat::WaitConditionHandle", 0x69d11bc84a5315a1ULL, 0xc85d9924e0dec747ULL,
     0x9118fe225b28b991ULL},
    {"OS::Heat::UpdateWaitConditionHandle", 0x6dce4a6ea2c390c0ULL, 0xf87978d258de5442ULL,
     0x91bb2cb4ebd43fc6ULL},
};

/* Stack.validate of {resources: {r: {type, properties}}}: strict (stack
 * create) and not (template-validate, properties checks only). */
static const struct vcase {
    const char *type;
    const char *props;
    bool with_value;
    const char *deferred;
    const char *want; /* NULL: valid */
} vcases[] = {
    {"OS::Heat::RandomString", "{\"foo\": 1}", true, NULL,
     "Property error: resources.r.properties: Unknown Property foo"},
    {"OS::Heat::RandomString", "{\"foo\": 1}", false, NULL,
     "Property error: resources.r.properties: Unknown Property foo"},
    {"OS::Heat::Value", "{}", true, NULL,
     "Property error: resources.r.properties: Property value not assigned"},
    {"OS::Heat::Value", "{}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": \"abc\"}", true, NULL,
     "Property error: resources.r.properties.length: Value 'abc' is not an integer"},
    {"OS::Heat::RandomString", "{\"length\": \"abc\"}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": 0}", true, NULL,
     "Property error: resources.r.properties.length: 0 is out of range (min: 1, max: 512)"},
    {"OS::Heat::RandomString", "{\"length\": 0}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": 513}", true, NULL,
     "Property error: resources.r.properties.length: 513 is out of range (min: 1, max: 512)"},
    {"OS::Heat::RandomString", "{\"length\": 513}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": 5.7}", true, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": 5.7}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": \"5.5\"}", true, NULL,
     "Property error: resources.r.properties.length: Value '5.5' is not an integer"},
    {"OS::Heat::RandomString", "{\"length\": \"5.5\"}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": [1]}", true, NULL,
     "Property error: resources.r.properties.length: int() argument must be a string, a bytes-like "
     "object or a real number, not 'list'"},
    {"OS::Heat::RandomString", "{\"length\": [1]}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": true}", true, NULL, NULL},
    {"OS::Heat::RandomString", "{\"length\": true}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"character_classes\": [{\"class\": \"foo\"}]}", true, NULL,
     "Property error: resources.r.properties.character_classes[0].class: \"foo\" is not an allowed "
     "value [\"lettersdigits\", \"letters\", \"lowercase\", \"uppercase\", \"digits\", "
     "\"hexdigits\", \"octdigits\"]"},
    {"OS::Heat::RandomString", "{\"character_classes\": [{\"class\": \"foo\"}]}", false, NULL,
     NULL},
    {"OS::Heat::RandomString", "{\"character_classes\": [{\"min\": 0}]}", true, NULL,
     "Property error: resources.r.properties.character_classes[0].min: 0 is out of range (min: 1, "
     "max: 512)"},
    {"OS::Heat::RandomString", "{\"character_classes\": [{\"min\": 0}]}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"character_classes\": \"x\"}", true, NULL,
     "Property error: resources.r.properties.character_classes: \"'x'\" is not a list"},
    {"OS::Heat::RandomString", "{\"character_classes\": \"x\"}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"character_classes\": [5]}", true, NULL,
     "Property error: resources.r.properties.character_classes[0]: \"5\" is not a map"},
    {"OS::Heat::RandomString", "{\"character_classes\": [5]}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"character_classes\": [{\"klass\": \"x\"}]}", true, NULL,
     "Property error: resources.r.properties.character_classes[0]: Unknown Property klass"},
    {"OS::Heat::RandomString", "{\"character_classes\": [{\"klass\": \"x\"}]}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"character_sequences\": [{\"min\": 1}]}", true, NULL,
     "Property error: resources.r.properties.character_sequences[0]: Property sequence not "
     "assigned"},
    {"OS::Heat::RandomString", "{\"character_sequences\": [{\"min\": 1}]}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"character_classes\": {\"a\": 1}}", true, NULL,
     "Property error: resources.r.properties.character_classes: \"{'a': 1}\" is not a list"},
    {"OS::Heat::RandomString", "{\"character_classes\": {\"a\": 1}}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"salt\": {\"a\": 1}}", true, NULL,
     "Property error: resources.r.properties.salt: Value must be a string; got {'a': 1}"},
    {"OS::Heat::RandomString", "{\"salt\": {\"a\": 1}}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"salt\": [1, \"a\"]}", true, NULL,
     "Property error: resources.r.properties.salt: Value must be a string; got [1, 'a']"},
    {"OS::Heat::RandomString", "{\"salt\": [1, \"a\"]}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"salt\": 1.5}", true, NULL,
     "Property error: resources.r.properties.salt: Value must be a string; got 1.5"},
    {"OS::Heat::RandomString", "{\"salt\": 1.5}", false, NULL, NULL},
    {"OS::Heat::RandomString", "{\"salt\": null}", true, NULL, NULL},
    {"OS::Heat::RandomString", "{\"salt\": null}", false, NULL, NULL},
    {"OS::Heat::Value", "{\"value\": 1, \"type\": \"foo\"}", true, NULL,
     "Property error: resources.r.properties.type: \"foo\" is not an allowed value [\"string\", "
     "\"number\", \"comma_delimited_list\", \"json\", \"boolean\"]"},
    {"OS::Heat::Value", "{\"value\": 1, \"type\": \"foo\"}", false, NULL, NULL},
    {"OS::Heat::Value", "{\"value\": null}", true, NULL, NULL},
    {"OS::Heat::Value", "{\"value\": null}", false, NULL, NULL},
    {"OS::Heat::TestResource", "{\"fail\": \"yes\"}", true, NULL,
     "Property error: resources.r.properties.fail: \"yes\" is not a valid boolean"},
    {"OS::Heat::TestResource", "{\"fail\": \"yes\"}", false, NULL, NULL},
    {"OS::Heat::TestResource", "{\"fail\": 5}", true, NULL,
     "Property error: resources.r.properties.fail: \"5\" is not a valid boolean"},
    {"OS::Heat::TestResource", "{\"fail\": 5}", false, NULL, NULL},
    {"OS::Heat::TestResource", "{\"wait_secs\": \"abc\"}", true, NULL,
     "Property error: resources.r.properties.wait_secs: could not convert string to float: 'abc'"},
    {"OS::Heat::TestResource", "{\"wait_secs\": \"abc\"}", false, NULL, NULL},
    {"OS::Heat::TestResource", "{\"wait_secs\": [1]}", true, NULL,
     "Property error: resources.r.properties.wait_secs: int() argument must be a string, a "
     "bytes-like object or a real number, not 'list'"},
    {"OS::Heat::TestResource", "{\"wait_secs\": [1]}", false, NULL, NULL},
    {"OS::Heat::TestResource", "{\"action_wait_secs\": \"abc\"}", true, NULL,
     "Property error: resources.r.properties.action_wait_secs: \"abc\" is not a map"},
    {"OS::Heat::TestResource", "{\"action_wait_secs\": \"abc\"}", false, NULL, NULL},
    {"OS::Heat::TestResource", "{\"action_wait_secs\": {\"create\": \"x\"}}", true, NULL,
     "Property error: resources.r.properties.action_wait_secs.create: could not convert string to "
     "float: 'x'"},
    {"OS::Heat::TestResource", "{\"action_wait_secs\": {\"create\": \"x\"}}", false, NULL, NULL},
    {"OS::Heat::TestResource", "{\"action_wait_secs\": {\"bogus\": 1}}", true, NULL,
     "Property error: resources.r.properties.action_wait_secs: Unknown Property bogus"},
    {"OS::Heat::TestResource", "{\"action_wait_secs\": {\"bogus\": 1}}", false, NULL, NULL},
    {"OS::Heat::ResourceGroup", "{\"count\": -1, \"resource_def\": {\"type\": \"OS::Heat::None\"}}",
     true, NULL,
     "Property error: resources.r.properties.count: -1 is out of range (min: 0, max: None)"},
    {"OS::Heat::ResourceGroup", "{\"count\": -1, \"resource_def\": {\"type\": \"OS::Heat::None\"}}",
     false, NULL, NULL},
    {"OS::Heat::ResourceGroup", "{\"resource_def\": {}}", true, NULL,
     "Property error: resources.r.properties.resource_def: Property type not assigned"},
    {"OS::Heat::ResourceGroup", "{\"resource_def\": {}}", false, NULL, NULL},
    {"OS::Heat::ResourceGroup", "{\"resource_def\": {\"type\": \"x\", \"foo\": 1}}", true, NULL,
     "Property error: resources.r.properties.resource_def: Unknown Property foo"},
    {"OS::Heat::ResourceGroup", "{\"resource_def\": {\"type\": \"x\", \"foo\": 1}}", false, NULL,
     NULL},
    {"OS::Heat::ResourceGroup",
     "{\"resource_def\": {\"type\": \"OS::Heat::None\"}, \"removal_policies\": "
     "[{\"resource_list\": \"a\"}]}",
     true, NULL,
     "Property error: resources.r.properties.removal_policies[0].resource_list: \"'a'\" is not a "
     "list"},
    {"OS::Heat::ResourceGroup",
     "{\"resource_def\": {\"type\": \"OS::Heat::None\"}, \"removal_policies\": "
     "[{\"resource_list\": \"a\"}]}",
     false, NULL, NULL},
    {"OS::Heat::WaitCondition", "{\"handle\": \"h\", \"timeout\": 0}", true, NULL,
     "Property error: resources.r.properties.timeout: 0 is out of range (min: 1, max: 43200)"},
    {"OS::Heat::WaitCondition", "{\"handle\": \"h\", \"timeout\": 0}", false, NULL, NULL},
    {"AWS::CloudFormation::WaitCondition", "{\"Handle\": \"h\", \"Timeout\": \"abc\"}", true, NULL,
     "Property error: resources.r.properties.Timeout: Value 'abc' is not an integer"},
    {"AWS::CloudFormation::WaitCondition", "{\"Handle\": \"h\", \"Timeout\": \"abc\"}", false, NULL,
     NULL},
    {"OS::Heat::None", "{\"x\": {\"y\": 1}}", true, NULL, NULL},
    {"OS::Heat::None", "{\"x\": {\"y\": 1}}", false, NULL, NULL},
    /* deferred values: converted, but neither constraints nor nested keys */
    {"OS::Heat::WaitCondition", "{\"handle\": \"h\", \"timeout\": null}", true, "[\"timeout\"]",
     NULL},
    {"OS::Heat::WaitCondition", "{\"handle\": \"h\", \"timeout\": null}", true, NULL,
     "Property error: resources.r.properties.timeout: 0 is out of range (min: 1, max: 43200)"},
    {"OS::Heat::RandomString", "{\"character_classes\": [{\"klass\": null}]}", true,
     "[\"character_classes\"]", NULL},
    {"OS::Heat::RandomString", "{\"length\": \"abc\"}", true, "[\"length\"]",
     "Property error: resources.r.properties.length: Value 'abc' is not an integer"},
    {"OS::Heat::RandomString", "{\"character_sequences\": [{\"min\": 1}]}", true,
     "[\"character_sequences\"]",
     "Property error: resources.r.properties.character_sequences: Property sequence not assigned"},
    {"OS::Heat::Value", "{\"value\": null}", true, "[\"value\"]", NULL},
    /* OS::Heat::None takes anything */
    {"OS::Heat::None", "{\"a\": [1, {\"b\": null}], \"c\": \"d\"}", true, NULL, NULL},
    {"OS::Heat::None", "{\"a\": 1}", false, NULL, NULL},
    /* CFN section names come from the caller */
    {"AWS::CloudFormation::WaitCondition", "{\"Handle\": \"h\"}", true, NULL,
     "Property error: resources.r.properties: Property Timeout not assigned"},
    {"AWS::CloudFormation::Stack", "{\"TemplateURL\": \"x\", \"Bogus\": 1}", false, NULL,
     "Property error: resources.r.properties: Unknown Property Bogus"},
    {"OS::Heat::ResourceGroup",
     "{\"resource_def\": {\"type\": \"OS::Heat::None\"}, \"count\": \"3\", "
     "\"removal_policies_mode\": \"update\"}",
     true, NULL, NULL},
    {"OS::Heat::TestResource", "{\"fail\": \"TRUE\", \"wait_secs\": \"1.5\", \"value\": 5}", true,
     NULL, NULL},
    {"OS::Heat::ScalingPolicy",
     "{\"auto_scaling_group_id\": \"g\", \"scaling_adjustment\": 1, "
     "\"adjustment_type\": \"bogus\"}",
     true, NULL,
     "Property error: resources.r.properties.adjustment_type: \"bogus\" is not an allowed value "
     "[\"change_in_capacity\", \"exact_capacity\", \"percent_change_in_capacity\"]"},
    {"OS::Heat::RandomString", "{\"sequence\": \"letters\"}", true, NULL, NULL},
    {"OS::Heat::RandomString", "{\"sequence\": \"bogus\"}", true, NULL,
     "Property error: resources.r.properties.sequence: \"bogus\" is not an allowed value "
     "[\"lettersdigits\", \"letters\", \"lowercase\", \"uppercase\", \"digits\", \"hexdigits\", "
     "\"octdigits\"]"},
};

/* Properties.validate and Properties[k] on a test schema exercising every
 * constraint kind: {props, validation message, resolved values}. */
static const hh_constraint_def c_modulo[] = {{.kind = HH_CK_MODULO, .step = 2, .offset = 1}, {0}};
static const hh_constraint_def c_pattern[] = {
    {.kind = HH_CK_ALLOWED_PATTERN, .pattern = "[a-z]+[0-9]*"}, {0}};
static const hh_constraint_def c_slen[] = {{.kind = HH_CK_LENGTH, .min = "2", .max = "4"}, {0}};
static const hh_constraint_def c_llen[] = {{.kind = HH_CK_LENGTH, .min = "1"}, {0}};
static const hh_constraint_def c_mlen[] = {{.kind = HH_CK_LENGTH, .max = "1"}, {0}};
static const hh_constraint_def c_frange[] = {{.kind = HH_CK_RANGE, .min = "0.5", .max = "2.5"}, {0}};
static const hh_constraint_def c_ints[] = {{.kind = HH_CK_ALLOWED_VALUES, .allowed = "[1, 2, 3]"},
                                        {0}};
static const hh_constraint_def c_desc[] = {
    {.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"a\"]", .description = "Must be a."}, {0}};
static const hh_constraint_def c_lv[] = {{.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"x\", \"y\"]"},
                                      {0}};
static const hh_constraint_def c_custom[] = {{.kind = HH_CK_CUSTOM, .name = "even"}, {0}};
/* allowed values go through Schema.to_schema_type (messages from Heat 19) */
static const hh_constraint_def c_sints[] = {{.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"1\", \"2\"]"},
                                            {0}};
static const hh_constraint_def c_fints[] = {{.kind = HH_CK_ALLOWED_VALUES, .allowed = "[1.5]"},
                                            {0}};
static const hh_constraint_def c_bools[] = {
    {.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"yes\", true]"}, {0}};
static const hh_constraint_def c_maybe[] = {{.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"maybe\"]"},
                                            {0}};
static const hh_pschema s_n[] = {{.name = "n", .type = HH_PT_INTEGER, .required = true}, {0}};
static const hh_pschema s_item[] = {{.name = "*", .type = HH_PT_MAP, .schema = s_n}, {0}};
static const hh_pschema s_inner[] = {{.name = "inner", .type = HH_PT_LIST, .schema = s_item}, {0}};
static const hh_pschema s_digits[] = {{.name = "0", .type = HH_PT_INTEGER}, {0}};
static const hh_pschema test_schema[] = {
    {.name = "step", .type = HH_PT_INTEGER, .constraints = c_modulo},
    {.name = "pat", .type = HH_PT_STRING, .constraints = c_pattern},
    {.name = "slen", .type = HH_PT_STRING, .constraints = c_slen},
    {.name = "llen", .type = HH_PT_LIST, .constraints = c_llen},
    {.name = "mlen", .type = HH_PT_MAP, .constraints = c_mlen},
    {.name = "frange", .type = HH_PT_NUMBER, .constraints = c_frange},
    {.name = "ints", .type = HH_PT_INTEGER, .constraints = c_ints},
    {.name = "desc", .type = HH_PT_STRING, .constraints = c_desc},
    {.name = "lv", .type = HH_PT_LIST, .constraints = c_lv},
    {.name = "nest", .type = HH_PT_MAP, .schema = s_inner},
    {.name = "b", .type = HH_PT_BOOLEAN, .default_json = "true"},
    {.name = "digits", .type = HH_PT_MAP, .schema = s_digits},
    {.name = "even", .type = HH_PT_INTEGER, .constraints = c_custom},
    {.name = "sints", .type = HH_PT_INTEGER, .constraints = c_sints},
    {.name = "fints", .type = HH_PT_INTEGER, .constraints = c_fints},
    {.name = "bools", .type = HH_PT_BOOLEAN, .constraints = c_bools},
    {.name = "maybe", .type = HH_PT_BOOLEAN, .constraints = c_maybe},
    {.name = "old", .type = HH_PT_STRING, .unimplemented = true},
    {.name = "salt", .type = HH_PT_STRING},
    {.name = "i", .type = HH_PT_INTEGER},
    {.name = "l", .type = HH_PT_LIST},
    {.name = "m", .type = HH_PT_MAP},
    {.name = NULL},
};

static const struct ccase {
    const char *props;
    const char *want;     /* NULL: valid */
    const char *resolved; /* expected values of the given keys; NULL: error */
} ccases[] = {
    {"{\"step\": 4}",
     "Property error: resources.r.properties.step: 4 is not a multiple of 2 with an offset of 1",
     "{\"step\": 4}"},
    {"{\"step\": \"5\"}", NULL, "{\"step\": 5}"},
    {"{\"sints\": 1}", NULL, "{\"sints\": 1}"},
    {"{\"sints\": 3}",
     "Property error: resources.r.properties.sints: 3 is not an allowed value [\"1\", \"2\"]",
     "{\"sints\": 3}"},
    {"{\"fints\": 1}",
     "Property error: resources.r.properties.fints: Value \"1.5\" is invalid for data type "
     "\"Integer\".",
     "{\"fints\": 1}"},
    {"{\"bools\": true}", NULL, "{\"bools\": true}"},
    {"{\"bools\": false}",
     "Property error: resources.r.properties.bools: false is not an allowed value [\"yes\", true]",
     "{\"bools\": false}"},
    {"{\"maybe\": true}",
     "Property error: resources.r.properties.maybe: Value \"maybe\" is invalid for data type "
     "\"Boolean\".",
     "{\"maybe\": true}"},
    {"{\"step\": -3}", NULL, "{\"step\": -3}"},
    {"{\"pat\": \"abc1x\"}",
     "Property error: resources.r.properties.pat: \"abc1x\" does not match pattern "
     "\"[a-z]+[0-9]*\"",
     "{\"pat\": \"abc1x\"}"},
    {"{\"pat\": \"abc12\"}", NULL, "{\"pat\": \"abc12\"}"},
    {"{\"slen\": \"a\"}",
     "Property error: resources.r.properties.slen: length (1) is out of range (min: 2, max: 4)",
     "{\"slen\": \"a\"}"},
    {"{\"slen\": \"abcde\"}",
     "Property error: resources.r.properties.slen: length (5) is out of range (min: 2, max: 4)",
     "{\"slen\": \"abcde\"}"},
    {"{\"slen\": \"\\u00e9\\u00e9\\u00e9\"}", NULL, "{\"slen\": \"\\u00e9\\u00e9\\u00e9\"}"},
    {"{\"llen\": []}",
     "Property error: resources.r.properties.llen: length (0) is out of range (min: 1, max: None)",
     "{\"llen\": []}"},
    {"{\"mlen\": {\"a\": 1, \"b\": 2}}",
     "Property error: resources.r.properties.mlen: length (2) is out of range (min: None, max: 1)",
     "{\"mlen\": {\"a\": 1, \"b\": 2}}"},
    {"{\"frange\": 3}",
     "Property error: resources.r.properties.frange: 3 is out of range (min: 0.5, max: 2.5)",
     "{\"frange\": 3}"},
    {"{\"frange\": \"0.25\"}",
     "Property error: resources.r.properties.frange: 0.25 is out of range (min: 0.5, max: 2.5)",
     "{\"frange\": 0.25}"},
    {"{\"frange\": 1.5}", NULL, "{\"frange\": 1.5}"},
    {"{\"ints\": 4}",
     "Property error: resources.r.properties.ints: 4 is not an allowed value [1, 2, 3]",
     "{\"ints\": 4}"},
    {"{\"ints\": \"2\"}", NULL, "{\"ints\": 2}"},
    {"{\"desc\": \"b\"}", "Property error: resources.r.properties.desc: Must be a.",
     "{\"desc\": \"b\"}"},
    {"{\"lv\": [\"x\", \"z\"]}",
     "Property error: resources.r.properties.lv: [\"x\", \"z\"] is not an allowed value [\"x\", "
     "\"y\"]",
     "{\"lv\": [\"x\", \"z\"]}"},
    {"{\"nest\": {\"inner\": [{\"n\": 1}, {\"n\": \"x\"}]}}",
     "Property error: resources.r.properties.nest.inner[1].n: Value 'x' is not an integer", NULL},
    {"{\"nest\": {\"inner\": [{}]}}",
     "Property error: resources.r.properties.nest.inner[0]: Property n not assigned", NULL},
    {"{\"nest\": {\"inner\": [{\"n\": 1, \"m\": 2}]}}",
     "Property error: resources.r.properties.nest.inner[0]: Unknown Property m",
     "{\"nest\": {\"inner\": [{\"n\": 1}]}}"},
    {"{\"b\": \"TRUE\"}", NULL, "{\"b\": true}"},
    {"{\"b\": \"Yes\"}", "Property error: resources.r.properties.b: \"yes\" is not a valid boolean",
     NULL},
    {"{\"b\": null}", NULL, "{\"b\": true}"},
    {"{\"digits\": {\"0\": \"x\"}}",
     "Property error: resources.r.properties.digits[0]: Value 'x' is not an integer", NULL},
    {"{\"slen\": 5}",
     "Property error: resources.r.properties.slen: length (1) is out of range (min: 2, max: 4)",
     "{\"slen\": \"5\"}"},
    {"{\"slen\": true}", NULL, "{\"slen\": \"True\"}"},
    {"{\"step\": null}",
     "Property error: resources.r.properties.step: 0 is not a multiple of 2 with an offset of 1",
     "{\"step\": 0}"},
    {"{\"ints\": null}",
     "Property error: resources.r.properties.ints: 0 is not an allowed value [1, 2, 3]",
     "{\"ints\": 0}"},
    /* Python's str, repr and float formatting inside messages */
    {"{\"frange\": 1e+20}",
     "Property error: resources.r.properties.frange: 1e+20 is out of range (min: 0.5, max: 2.5)",
     "{\"frange\": 1e+20}"},
    {"{\"frange\": 100.0}",
     "Property error: resources.r.properties.frange: 100.0 is out of range (min: 0.5, max: 2.5)",
     "{\"frange\": 100.0}"},
    {"{\"frange\": 1e-07}",
     "Property error: resources.r.properties.frange: 1e-07 is out of range (min: 0.5, max: 2.5)",
     "{\"frange\": 1e-07}"},
    {"{\"salt\": 0.1}",
     "Property error: resources.r.properties.salt: Value must be a string; got 0.1", NULL},
    {"{\"salt\": [\"it's\", \"a\\\"b\", null, true]}",
     "Property error: resources.r.properties.salt: Value must be a string; got [\"it's\", 'a\"b', "
     "None, True]",
     NULL},
    {"{\"salt\": {\"k\": \"v\\n\"}}",
     "Property error: resources.r.properties.salt: Value must be a string; got {'k': 'v\\n'}",
     NULL},
    {"{\"i\": \" 42 \"}", NULL, "{\"i\": 42}"},
    {"{\"i\": \"1_000\"}", NULL, "{\"i\": 1000}"},
    {"{\"i\": 7.9}", NULL, "{\"i\": 7}"},
    {"{\"l\": \"a,b\"}", "Property error: resources.r.properties.l: \"'a,b'\" is not a list", NULL},
    {"{\"l\": 5}", "Property error: resources.r.properties.l: \"5\" is not a list", NULL},
    {"{\"m\": [1, \"x\"]}", "Property error: resources.r.properties.m: \"[1, 'x']\" is not a map",
     NULL},
    {"{\"m\": true}", "Property error: resources.r.properties.m: \"True\" is not a map", NULL},
    {"{\"frange\": \" 2 \"}", NULL, "{\"frange\": 2}"},
    {"{\"even\": 3}", "Property error: resources.r.properties.even: \"3\" does not validate even",
     "{\"even\": 3}"},
    {"{\"even\": 4}", NULL, "{\"even\": 4}"},
};

static int custom_even(void *ctx, const char *name, const json_t *value, bool *valid, char *msg,
                       size_t len)
{
    (void)ctx;
    (void)msg;
    (void)len;
    *valid = strcmp(name, "even") != 0 || json_integer_value(value) % 2 == 0;
    return 0;
}

static void test_goldens(void)
{
    size_t i;

    is_int(hh_rtype_count(), sizeof(goldens) / sizeof(goldens[0]), "every Heat type is listed");
    for (i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++) {
        const struct golden *g = &goldens[i];
        const hh_rtype *t = hh_rtype_lookup(g->type);
        json_t *j = NULL;
        hh_error err;
        int rc;

        hh_error_clear(&err);
        ok(t != NULL && t == hh_rtype_at(i), "%s found, in Heat's order", g->type);
        if (t == NULL)
            continue;
        rc = hh_rtype_schema_json(t, true, &j, &err);
        if (!ok(rc == 0 && json_hash(j) == g->schema, "%s schema JSON as Heat's", g->type))
            diag_json(j);
        json_decref(j);
        j = NULL;
        rc = hh_rtype_template_json(t, "hot", &j, &err);
        if (g->hot == 0) {
            ok(rc == HH_EUNSUPPORTED && strcmp(err.message, "'Any'") == 0,
               "%s hot template refused as Heat's KeyError", g->type);
        } else if (!ok(rc == 0 && json_hash(j) == g->hot, "%s hot template as Heat's", g->type)) {
            diag_json(j);
        }
        json_decref(j);
        j = NULL;
        rc = hh_rtype_template_json(t, "cfn", &j, &err);
        if (g->cfn == 0) {
            ok(rc == HH_EUNSUPPORTED, "%s cfn template refused", g->type);
        } else if (!ok(rc == 0 && json_hash(j) == g->cfn, "%s cfn template as Heat's", g->type)) {
            diag_json(j);
        }
        json_decref(j);
    }
}

static char *dump(const json_t *j)
{
    return json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
}

static void test_exact_order(void)
{
    /* Heat's key order, from 14b-resource-type-show.txt and Heat's dict order */
    static const char none_show[] =
        "{\"resource_type\":\"OS::Heat::None\",\"properties\":{},\"attributes\":{\"show\":"
        "{\"description\":\"Detailed information about resource.\",\"type\":\"map\"}},"
        "\"support_status\":{\"status\":\"SUPPORTED\",\"message\":null,\"version\":\"5.0.0\","
        "\"previous_status\":null}}";
    static const char wc_show[] =
        "{\"resource_type\":\"OS::Heat::WaitCondition\",\"properties\":{\"handle\":{\"type\":\""
        "string\",\"description\":\"A reference to the wait condition handle used to signal thi"
        "s wait condition.\",\"required\":true,\"update_allowed\":false,\"immutable\":false},\""
        "timeout\":{\"type\":\"number\",\"description\":\"The number of seconds to wait for the"
        " correct number of signals to arrive.\",\"required\":true,\"constraints\":[{\"range\":"
        "{\"min\":1,\"max\":43200}}],\"update_allowed\":false,\"immutable\":false},\"count\":{\""
        "type\":\"integer\",\"description\":\"The number of success signals that must be receiv"
        "ed before the stack creation process continues.\",\"default\":1,\"required\":false,\"c"
        "onstraints\":[{\"range\":{\"min\":1}}],\"update_allowed\":true,\"immutable\":false}},\""
        "attributes\":{\"data\":{\"description\":\"JSON string containing data associated with "
        "wait condition signals sent to the handle.\",\"type\":\"string\"},\"show\":{\"descript"
        "ion\":\"Detailed information about resource.\",\"type\":\"map\"}},\"support_status\":{"
        "\"status\":\"SUPPORTED\",\"message\":null,\"version\":\"2014.2\",\"previous_status\":n"
        "ull}}";
    static const char wc_cfn[] =
        "{\"HeatTemplateFormatVersion\":\"2012-12-12\",\"Description\":\"Initial template of He"
        "atWaitCondition\",\"Parameters\":{\"handle\":{\"Type\":\"String\",\"Description\":\"A "
        "reference to the wait condition handle used to signal this wait condition.\"},\"timeou"
        "t\":{\"Type\":\"Number\",\"Description\":\"The number of seconds to wait for the corre"
        "ct number of signals to arrive.\",\"MinValue\":1,\"MaxValue\":43200},\"count\":{\"Type"
        "\":\"Number\",\"Description\":\"The number of success signals that must be received be"
        "fore the stack creation process continues.\",\"Default\":1,\"MinValue\":1}},\"Resource"
        "s\":{\"HeatWaitCondition\":{\"Type\":\"OS::Heat::WaitCondition\",\"Properties\":{\"han"
        "dle\":{\"Ref\":\"handle\"},\"timeout\":{\"Ref\":\"timeout\"},\"count\":{\"Ref\":\"coun"
        "t\"}}}},\"Outputs\":{\"data\":{\"Value\":{\"Fn::GetAtt\":[\"HeatWaitCondition\",\"data"
        "\"]},\"Description\":\"JSON string containing data associated with wait condition sign"
        "als sent to the handle.\"},\"show\":{\"Value\":{\"Fn::GetAtt\":[\"HeatWaitCondition\","
        "\"show\"]},\"Description\":\"Detailed information about resource.\"},\"OS::stack_id\":"
        "{\"Value\":{\"Ref\":\"HeatWaitCondition\"}}}}";
    const hh_rtype *t = hh_rtype_lookup("OS::Heat::None");
    json_t *j = NULL;
    char *s = NULL;
    hh_error err;

    hh_rtype_schema_json(t, false, &j, &err);
    s = dump(j);
    is_str(s, none_show, "OS::Heat::None schema byte for byte as Heat 19 answers");
    free(s);
    json_decref(j);
    hh_rtype_schema_json(hh_rtype_lookup("OS::Heat::WaitCondition"), false, &j, &err);
    s = dump(j);
    is_str(s, wc_show, "OS::Heat::WaitCondition schema keys in Heat's order");
    free(s);
    json_decref(j);
    hh_rtype_template_json(hh_rtype_lookup("OS::Heat::WaitCondition"), "cfn", &j, &err);
    s = dump(j);
    is_str(s, wc_cfn, "OS::Heat::WaitCondition cfn template keys in Heat's order");
    free(s);
    json_decref(j);
    is_int(hh_rtype_template_json(t, "yaml", &j, &err), HH_EINVAL, "unknown template type");
}

static void test_validation(void)
{
    size_t i;

    for (i = 0; i < sizeof(vcases) / sizeof(vcases[0]); i++) {
        const struct vcase *c = &vcases[i];
        const hh_rtype *t = hh_rtype_lookup(c->type);
        json_t *props = json_loads(c->props, 0, NULL);
        json_t *deferred = c->deferred ? json_loads(c->deferred, 0, NULL) : NULL;
        hh_props_opts opts = {.deferred = deferred};
        hh_error err;
        int rc;

        hh_error_clear(&err);
        rc = hh_rtype_validate_properties(t, props, c->with_value, &opts, "resources.r.properties",
                                          &err);
        if (c->want == NULL) {
            if (!ok(rc == 0, "%s %s %s%s valid", c->type, c->props,
                    c->with_value ? "stack-create" : "template-validate",
                    c->deferred ? " deferred" : ""))
                diag("got %s", err.message);
        } else {
            ok(rc == HH_EINVAL && strcmp(err.message, c->want) == 0 &&
                   strcmp(err.type, "StackValidationFailed") == 0,
               "%s %s %s%s: %s", c->type, c->props,
               c->with_value ? "stack-create" : "template-validate", c->deferred ? " deferred" : "",
               c->want);
            if (rc == 0 || strcmp(err.message, c->want) != 0)
                diag("got %d \"%s\"", rc, err.message);
        }
        json_decref(props);
        json_decref(deferred);
    }
}

static void test_constraints(void)
{
    hh_props_opts opts = {.custom = custom_even};
    size_t i;

    for (i = 0; i < sizeof(ccases) / sizeof(ccases[0]); i++) {
        const struct ccase *c = &ccases[i];
        json_t *props = json_loads(c->props, 0, NULL);
        json_t *res = NULL, *want = NULL, *x = NULL;
        const char *k = NULL;
        hh_error err;
        int rc;

        hh_error_clear(&err);
        rc = hh_props_validate(test_schema, props, true, &opts, "resources.r.properties", &err);
        if (c->want == NULL) {
            if (!ok(rc == 0, "%s valid", c->props))
                diag("got %s", err.message);
        } else if (!ok(rc == HH_EINVAL && strcmp(err.message, c->want) == 0, "%s: %s", c->props,
                       c->want)) {
            diag("got %d \"%s\"", rc, err.message);
        }
        rc = hh_props_resolve(test_schema, props, "resources.r.properties", &res, &err);
        if (c->resolved == NULL) {
            ok(rc == HH_EINVAL, "%s does not resolve", c->props);
        } else {
            int same = rc == 0;

            want = json_loads(c->resolved, 0, NULL);
            json_object_foreach(want, k, x) if (!json_equal(x, json_object_get(res, k))) same = 0;
            if (!ok(same, "%s resolves to %s", c->props, c->resolved))
                diag_json(res);
        }
        json_decref(want);
        json_decref(res);
        json_decref(props);
    }
}

static void test_template_validate_mode(void)
{
    json_t *props = json_pack("{s:s}", "old", "x");
    hh_error err;

    is_int(hh_props_validate(test_schema, props, false, NULL, "resources.r.properties", &err),
           HH_EINVAL, "unimplemented property refused");
    is_str(err.message, "Property error: resources.r.properties: Property old not implemented yet",
           "Heat's not implemented message");
    json_decref(props);
    props = json_pack("{s:s,s:s}", "slen", "abcdefgh", "ints", "nope");
    is_int(hh_props_validate(test_schema, props, false, NULL, "resources.r.properties", &err), 0,
           "template-validate checks no values");
    json_decref(props);
    is_int(hh_props_validate(test_schema, NULL, true, NULL, "resources.r.properties", &err), 0,
           "no properties at all is valid when nothing is required");
}

static void test_resolve_defaults(void)
{
    const hh_rtype *t = hh_rtype_lookup("OS::Heat::RandomString");
    json_t *props = json_pack("{s:s}", "length", "8");
    json_t *res = NULL;
    json_t *want = json_loads("{\"length\": 8, \"sequence\": null, \"character_classes\": "
                              "[{\"class\": \"lettersdigits\", \"min\": 1}], "
                              "\"character_sequences\": null, \"salt\": null}",
                              0, NULL);
    hh_error err;

    ok(hh_props_resolve(t->properties, props, "resources.r.properties", &res, &err) == 0 &&
           json_equal(res, want),
       "RandomString: string length converted, defaults filled, absent ones null");
    json_decref(res);
    json_decref(props);
    json_decref(want);

    t = hh_rtype_lookup("OS::Heat::ResourceGroup");
    props = json_pack("{s:{s:s,s:{s:i}},s:s}", "resource_def", "type", "OS::Heat::None",
                      "properties", "a", 1, "count", "2");
    ok(hh_props_resolve(t->properties, props, "resources.r.properties", &res, &err) == 0,
       "ResourceGroup resolves");
    is_int(json_integer_value(json_object_get(res, "count")), 2, "count \"2\" becomes 2");
    is_str(json_string_value(json_object_get(res, "index_var")), "%index%",
           "index_var takes its default");
    ok(json_is_null(json_object_get(json_object_get(res, "resource_def"), "metadata")),
       "nested map gets every key of its schema");
    is_int(json_array_size(json_object_get(res, "removal_policies")), 0, "list default [] applied");
    json_decref(res);
    json_decref(props);
}

static void test_attributes(void)
{
    const hh_rtype *rs = hh_rtype_lookup("OS::Heat::RandomString");
    const hh_rtype *none = hh_rtype_lookup("OS::Heat::None");
    const hh_rtype *rg = hh_rtype_lookup("OS::Heat::ResourceGroup");
    const hh_rtype *wch = hh_rtype_lookup("OS::Heat::WaitConditionHandle");
    hh_error err;

    ok(hh_rtype_has_attribute(rs, "value"), "RandomString has value");
    ok(hh_rtype_has_attribute(rs, "show"), "every type has show");
    ok(!hh_rtype_has_attribute(rs, "foo"), "RandomString has no foo");
    ok(hh_rtype_has_attribute(none, "anything"), "OS::Heat::None returns any attribute");
    ok(hh_rtype_has_attribute(rg, "resource.0.foo"), "ResourceGroup resolves its own names");
    ok(hh_rtype_has_attribute(wch, "curl_cli") && hh_rtype_has_attribute(wch, "endpoint") &&
           hh_rtype_has_attribute(wch, "token") && hh_rtype_has_attribute(wch, "signal"),
       "WaitConditionHandle attributes");
    is_int(hh_rtype_attribute_error("n", "foo", &err), HH_EINVAL, "attribute error rc");
    is_str(err.message, "The Referenced Attribute (n foo) is incorrect.", "Heat's wording");
    is_str(err.type, "InvalidTemplateAttribute", "Heat's exception");
    ok(hh_rtype_lookup("OS::Heat::Bogus") == NULL, "unknown type is NULL");
    ok(hh_rtype_lookup("OS::Heat::None")->ops != NULL &&
           hh_rtype_lookup("AWS::CloudFormation::Stack")->ops == NULL,
       "behaviour attached where a plugin exists, schema only elsewhere");
    ok(hh_rtype_lookup("OS::Heat::SoftwareDeployment")->flags & HH_RT_NEEDS_SERVER,
       "deployments marked as needing a server");
}

static void test_listing(void)
{
    json_t *l = NULL;
    hh_error err;
    hh_rtype_filter f = {0};
    char *s = NULL;

    ok(hh_rtype_list_json(NULL, &l, &err) == 0 && json_array_size(l) == hh_rtype_count(),
       "list has every type");
    is_str(json_string_value(json_array_get(l, 0)), "AWS::CloudFormation::Stack",
           "Heat's registry order");
    json_decref(l);
    f.name = "OS::Heat::Wait";
    hh_rtype_list_json(&f, &l, &err);
    s = dump(l);
    is_str(s, "[\"OS::Heat::WaitCondition\",\"OS::Heat::WaitConditionHandle\"]",
           "name filter matches at the start");
    free(s);
    json_decref(l);
    f.name = "Heat::None";
    hh_rtype_list_json(&f, &l, &err);
    is_int(json_array_size(l), 0, "re.match does not search");
    json_decref(l);
    f.name = "(";
    ok(hh_rtype_list_json(&f, &l, &err) == 0 && json_array_size(l) == 0, "bad expression: []");
    json_decref(l);
    f.name = NULL;
    f.version = "5.0.0";
    hh_rtype_list_json(&f, &l, &err);
    s = dump(l);
    is_str(s, "[\"OS::Heat::None\",\"OS::Heat::TestResource\"]", "version filter");
    free(s);
    json_decref(l);
    f.version = NULL;
    f.support_status = "BOGUS";
    is_int(hh_rtype_list_json(&f, &l, &err), HH_EINVAL, "bad support status refused");
    is_str(err.message,
           "Data supplied was not valid: Invalid support status and should be one of "
           "('UNKNOWN', 'SUPPORTED', 'DEPRECATED', 'UNSUPPORTED', 'HIDDEN')",
           "Heat's Invalid message");
    f.support_status = "DEPRECATED";
    ok(hh_rtype_list_json(&f, &l, &err) == 0 && json_array_size(l) == 0, "no deprecated type");
    json_decref(l);
    f.support_status = NULL;
    f.name = "OS::Heat::Value";
    f.with_description = true;
    hh_rtype_list_json(&f, &l, &err);
    ok(json_array_size(l) == 1 &&
           strcmp(json_string_value(json_object_get(json_array_get(l, 0), "resource_type")),
                  "OS::Heat::Value") == 0 &&
           strncmp(json_string_value(json_object_get(json_array_get(l, 0), "description")),
                   "A resource which exposes its value property as an attribute.", 60) == 0,
       "with_description entries");
    json_decref(l);
}

static void test_hidden(void)
{
    const hh_rtype *t = hh_rtype_lookup("OS::Heat::RandomString");
    const hh_pschema *seq = hh_pschema_find(t->properties, "sequence");
    json_t *j = NULL;
    hh_error err;

    ok(seq != NULL && seq->support.status == HH_HIDDEN && seq->support.previous != NULL &&
           seq->support.previous->status == HH_DEPRECATED,
       "RandomString sequence hidden, previously deprecated");
    hh_rtype_schema_json(t, false, &j, &err);
    ok(json_object_get(json_object_get(j, "properties"), "sequence") == NULL,
       "hidden property left out of the schema");
    json_decref(j);
    hh_rtype_template_json(t, "hot", &j, &err);
    ok(json_object_get(json_object_get(j, "parameters"), "sequence") == NULL,
       "hidden property left out of the template");
    json_decref(j);
}

int main(void)
{
    plan_lazy();
    test_goldens();
    test_exact_order();
    test_validation();
    test_constraints();
    test_template_validate_mode();
    test_resolve_defaults();
    test_attributes();
    test_listing();
    test_hidden();
    return done_testing();
}
