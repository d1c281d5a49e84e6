/* res_types_heat: schemas of Heat's own resource types (OS::Heat::* and
 * AWS::CloudFormation::*), as Heat 19 declares them: property and attribute
 * names, types, defaults, constraints, update_allowed, descriptions and
 * support statuses, in Heat's declaration order.
 *
 * The tables were transcribed from Heat 19's properties_schema,
 * update_policy_schema and attributes_schema; keep them in step with
 * tests/unit/test_res_schema.c, which checks shapes against Heat's answers.
 * OS::Heat::SoftwareDeployment and StructuredDeployment need a server to
 * act on: their schemas are here, their behaviour is not.
 */
#include "config.h"

#include <stddef.h>

#include "res_plugin.h"
#include "res_registry.h"

/* AWS::CloudFormation::Stack (NestedStack) */
static const hh_pschema cfn_stack_p[] = {
    {
        .name = "TemplateURL",
        .type = HH_PT_STRING,
        .description =
            "The URL of a template that specifies the stack to be created as a resource.",
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "TimeoutInMinutes",
        .type = HH_PT_INTEGER,
        .description = "The length of time, in minutes, to wait for the nested stack creation.",
        .update_allowed = true,
    },
    {
        .name = "Parameters",
        .type = HH_PT_MAP,
        .description = "The set of parameters passed to this nested stack.",
        .update_allowed = true,
    },
    {.name = NULL},
};

/* AWS::CloudFormation::WaitCondition (WaitCondition) */
static const hh_constraint_def cfn_waitcondition_timeout_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = "43200"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def cfn_waitcondition_count_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_pschema cfn_waitcondition_p[] = {
    {
        .name = "Handle",
        .type = HH_PT_STRING,
        .description =
            "A reference to the wait condition handle used to signal this wait condition.",
        .required = true,
    },
    {
        .name = "Timeout",
        .type = HH_PT_INTEGER,
        .description = "The number of seconds to wait for the correct number of signals to arrive.",
        .constraints = cfn_waitcondition_timeout_c,
        .required = true,
    },
    {
        .name = "Count",
        .type = HH_PT_INTEGER,
        .description =
            "The number of success signals that must be received before the stack creation "
            "process continues.",
        .default_json = "1",
        .constraints = cfn_waitcondition_count_c,
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_aschema cfn_waitcondition_a[] = {
    {
        .name = "Data",
        .description =
            "JSON string containing data associated with wait condition signals sent to the "
            "handle.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* AWS::CloudFormation::WaitConditionHandle (WaitConditionHandle) */

/* OS::Heat::AutoScalingGroup (AutoScalingResourceGroup) */
static const hh_constraint_def heat_autoscalinggroup_max_size_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_autoscalinggroup_min_size_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_autoscalinggroup_rolling_updates_min_in_service_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_autoscalinggroup_rolling_updates_max_batch_size_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_autoscalinggroup_rolling_updates_pause_time_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_autoscalinggroup_rolling_updates_p[] = {
    {
        .name = "min_in_service",
        .type = HH_PT_INTEGER,
        .description = "The minimum number of resources in service while rolling updates are being "
                       "executed.",
        .default_json = "0",
        .constraints = heat_autoscalinggroup_rolling_updates_min_in_service_c,
    },
    {
        .name = "max_batch_size",
        .type = HH_PT_INTEGER,
        .description = "The maximum number of resources to replace at once.",
        .default_json = "1",
        .constraints = heat_autoscalinggroup_rolling_updates_max_batch_size_c,
    },
    {
        .name = "pause_time",
        .type = HH_PT_NUMBER,
        .description = "The number of seconds to wait between batches of updates.",
        .default_json = "0",
        .constraints = heat_autoscalinggroup_rolling_updates_pause_time_c,
    },
    {.name = NULL},
};
static const hh_pschema heat_autoscalinggroup_p[] = {
    {
        .name = "resource",
        .type = HH_PT_MAP,
        .description =
            "Resource definition for the resources in the group, in HOT format. The value of "
            "this property is the definition of a resource just as if it had been declared "
            "in the template itself.",
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "max_size",
        .type = HH_PT_INTEGER,
        .description = "Maximum number of resources in the group.",
        .constraints = heat_autoscalinggroup_max_size_c,
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "min_size",
        .type = HH_PT_INTEGER,
        .description = "Minimum number of resources in the group.",
        .constraints = heat_autoscalinggroup_min_size_c,
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "cooldown",
        .type = HH_PT_INTEGER,
        .description = "Cooldown period, in seconds.",
        .update_allowed = true,
    },
    {
        .name = "desired_capacity",
        .type = HH_PT_INTEGER,
        .description = "Desired initial number of resources.",
        .update_allowed = true,
    },
    {
        .name = "rolling_updates",
        .type = HH_PT_MAP,
        .description = "Policy for rolling updates for this scaling group.",
        .default_json = "{\"min_in_service\": 0, \"max_batch_size\": 1, \"pause_time\": 0}",
        .schema = heat_autoscalinggroup_rolling_updates_p,
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_aschema heat_autoscalinggroup_a[] = {
    {
        .name = "outputs",
        .description =
            "A map of resource names to the specified attribute of each individual resource "
            "that is part of the AutoScalingGroup. This map specifies output parameters that "
            "are available once the AutoScalingGroup has been instantiated.",
        .type = HH_AT_MAP,
        .support = {.version = "2014.2"},
    },
    {
        .name = "outputs_list",
        .description =
            "A list of the specified attribute of each individual resource that is part of "
            "the AutoScalingGroup. This list of attributes is available as an output once "
            "the AutoScalingGroup has been instantiated.",
        .type = HH_AT_LIST,
        .support = {.version = "2014.2"},
    },
    {
        .name = "current_size",
        .description = "The current size of AutoscalingResourceGroup.",
        .type = HH_AT_INTEGER,
        .support = {.version = "2015.1"},
    },
    {
        .name = "refs",
        .description = "A list of resource IDs for the resources in the group.",
        .type = HH_AT_LIST,
        .support = {.version = "7.0.0"},
    },
    {
        .name = "refs_map",
        .description = "A map of resource names to IDs for the resources in the group.",
        .type = HH_AT_MAP,
        .support = {.version = "7.0.0"},
    },
    {.name = NULL},
};

/* OS::Heat::CloudConfig (CloudConfig) */
static const hh_pschema heat_cloudconfig_p[] = {
    {
        .name = "cloud_config",
        .type = HH_PT_MAP,
        .description =
            "Map representing the cloud-config data structure which will be formatted as "
            "YAML.",
    },
    {.name = NULL},
};
static const hh_aschema heat_cloudconfig_a[] = {
    {
        .name = "config",
        .description = "The config value of the software config.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::Delay (Delay) */
static const hh_constraint_def heat_delay_min_wait_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_delay_max_jitter_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_delay_jitter_multiplier_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_delay_actions_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"CREATE\", \"DELETE\", \"SUSPEND\", \"RESUME\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_delay_p[] = {
    {
        .name = "min_wait",
        .type = HH_PT_NUMBER,
        .description = "Minimum time in seconds to wait during the specified actions.",
        .default_json = "0",
        .constraints = heat_delay_min_wait_c,
        .update_allowed = true,
    },
    {
        .name = "max_jitter",
        .type = HH_PT_NUMBER,
        .description = "Maximum jitter to add to the minimum wait time.",
        .default_json = "0",
        .constraints = heat_delay_max_jitter_c,
        .update_allowed = true,
    },
    {
        .name = "jitter_multiplier",
        .type = HH_PT_NUMBER,
        .description = "Number of seconds to multiply the maximum jitter value by.",
        .default_json = "1.0",
        .constraints = heat_delay_jitter_multiplier_c,
        .update_allowed = true,
    },
    {
        .name = "actions",
        .type = HH_PT_LIST,
        .description = "Actions during which the delay will occur.",
        .default_json = "[\"CREATE\"]",
        .constraints = heat_delay_actions_c,
        .update_allowed = true,
    },
    {.name = NULL},
};

/* OS::Heat::MultipartMime (MultipartMime) */
static const hh_constraint_def heat_multipartmime_parts_item__type_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"text\", \"multipart\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_multipartmime_parts_item__p[] = {
    {
        .name = "config",
        .type = HH_PT_STRING,
        .description =
            "Content of part to attach, either inline or by referencing the ID of another "
            "software config resource.",
        .required = true,
    },
    {
        .name = "filename",
        .type = HH_PT_STRING,
        .description = "Optional filename to associate with part.",
    },
    {
        .name = "type",
        .type = HH_PT_STRING,
        .description = "Whether the part content is text or multipart.",
        .default_json = "\"text\"",
        .constraints = heat_multipartmime_parts_item__type_c,
    },
    {
        .name = "subtype",
        .type = HH_PT_STRING,
        .description = "Optional subtype to specify with the type.",
    },
    {.name = NULL},
};
static const hh_pschema heat_multipartmime_parts_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .schema = heat_multipartmime_parts_item__p,
    },
    {.name = NULL},
};
static const hh_pschema heat_multipartmime_p[] = {
    {
        .name = "group",
        .type = HH_PT_STRING,
        .description =
            "Namespace to group this multi-part configs by when delivered to a server. This "
            "may imply what configuration tool is going to perform the configuration.",
        .default_json = "\"Heat::Ungrouped\"",
        .support = {.version = "14.0.0"},
    },
    {
        .name = "parts",
        .type = HH_PT_LIST,
        .description = "Parts belonging to this message.",
        .default_json = "[]",
        .schema = heat_multipartmime_parts_item_p,
    },
    {.name = NULL},
};
static const hh_aschema heat_multipartmime_a[] = {
    {
        .name = "config",
        .description = "The config value of the software config.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::None (NoneResource) */

/* OS::Heat::RandomString (RandomString) */
static const hh_constraint_def heat_randomstring_length_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = "512"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_randomstring_sequence_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"lettersdigits\", \"letters\", \"lowercase\", \"uppercase\", \"digits\", "
                "\"hexdigits\", \"octdigits\"]"},
    {.kind = HH_CK_END},
};
static const hh_support heat_randomstring_sequence_support_prev = {
    .status = HH_DEPRECATED, .version = "2014.2", .message = "Use property character_classes."};
static const hh_constraint_def heat_randomstring_character_classes_item__class_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"lettersdigits\", \"letters\", \"lowercase\", \"uppercase\", \"digits\", "
                "\"hexdigits\", \"octdigits\"]"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_randomstring_character_classes_item__min_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = "512"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_randomstring_character_classes_item__p[] = {
    {
        .name = "class",
        .type = HH_PT_STRING,
        .description =
            "A character class and its corresponding min constraint to generate the random "
            "string from.",
        .default_json = "\"lettersdigits\"",
        .constraints = heat_randomstring_character_classes_item__class_c,
    },
    {
        .name = "min",
        .type = HH_PT_INTEGER,
        .description =
            "The minimum number of characters from this character class that will be in the "
            "generated string.",
        .default_json = "1",
        .constraints = heat_randomstring_character_classes_item__min_c,
    },
    {.name = NULL},
};
static const hh_pschema heat_randomstring_character_classes_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .schema = heat_randomstring_character_classes_item__p,
    },
    {.name = NULL},
};
static const hh_constraint_def heat_randomstring_character_sequences_item__min_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = "512"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_randomstring_character_sequences_item__p[] = {
    {
        .name = "sequence",
        .type = HH_PT_STRING,
        .description = "A character sequence and its corresponding min constraint to generate the "
                       "random string from.",
        .required = true,
    },
    {
        .name = "min",
        .type = HH_PT_INTEGER,
        .description = "The minimum number of characters from this sequence that will be in the "
                       "generated string.",
        .default_json = "1",
        .constraints = heat_randomstring_character_sequences_item__min_c,
    },
    {.name = NULL},
};
static const hh_pschema heat_randomstring_character_sequences_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .schema = heat_randomstring_character_sequences_item__p,
    },
    {.name = NULL},
};
static const hh_pschema heat_randomstring_p[] = {
    {
        .name = "length",
        .type = HH_PT_INTEGER,
        .description = "Length of the string to generate.",
        .default_json = "32",
        .constraints = heat_randomstring_length_c,
    },
    {
        .name = "sequence",
        .type = HH_PT_STRING,
        .description = "Sequence of characters to build the random string from.",
        .constraints = heat_randomstring_sequence_c,
        .support = {.status = HH_HIDDEN,
                    .version = "5.0.0",
                    .previous = &heat_randomstring_sequence_support_prev},
    },
    {
        .name = "character_classes",
        .type = HH_PT_LIST,
        .description =
            "A list of character class and their constraints to generate the random string "
            "from.",
        .default_json = "[{\"class\": \"lettersdigits\", \"min\": 1}]",
        .schema = heat_randomstring_character_classes_item_p,
    },
    {
        .name = "character_sequences",
        .type = HH_PT_LIST,
        .description = "A list of character sequences and their constraints to generate the random "
                       "string from.",
        .schema = heat_randomstring_character_sequences_item_p,
    },
    {
        .name = "salt",
        .type = HH_PT_STRING,
        .description =
            "Value which can be set or changed on stack update to trigger the resource for "
            "replacement with a new random string. The salt value itself is ignored by the "
            "random generator.",
    },
    {.name = NULL},
};
static const hh_aschema heat_randomstring_a[] = {
    {
        .name = "value",
        .description =
            "The random string generated by this resource. This value is also available by "
            "referencing the resource.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::Stack (RemoteStack) */
static const hh_pschema heat_stack_context_p[] = {
    {
        .name = "region_name",
        .type = HH_PT_STRING,
        .description = "Region name in which this stack will be created.",
    },
    {
        .name = "credential_secret_id",
        .type = HH_PT_STRING,
        .description = "A Barbican secret ID. The Barbican secret should contain an OpenStack "
                       "credential that can be used to access a remote cloud.",
        .update_allowed = true,
        .support = {.version = "12.0.0"},
    },
    {
        .name = "ca_cert",
        .type = HH_PT_STRING,
        .description = "CA Cert for SSL.",
        .update_allowed = true,
        .support = {.version = "12.0.0"},
    },
    {
        .name = "insecure",
        .type = HH_PT_BOOLEAN,
        .description = "If set, then the server's certificate will not be verified.",
        .default_json = "false",
        .update_allowed = true,
        .support = {.version = "12.0.0"},
    },
    {.name = NULL},
};
static const hh_pschema heat_stack_p[] = {
    {
        .name = "context",
        .type = HH_PT_MAP,
        .description = "Context for this stack.",
        .schema = heat_stack_context_p,
        .update_allowed = true,
    },
    {
        .name = "template",
        .type = HH_PT_STRING,
        .description = "Template that specifies the stack to be created as a resource.",
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "timeout",
        .type = HH_PT_INTEGER,
        .description = "Number of minutes to wait for this stack creation.",
        .update_allowed = true,
    },
    {
        .name = "parameters",
        .type = HH_PT_MAP,
        .description = "Set of parameters passed to this stack.",
        .default_json = "{}",
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_aschema heat_stack_a[] = {
    {
        .name = "stack_name",
        .description = "Name of the stack.",
        .type = HH_AT_STRING,
    },
    {
        .name = "outputs",
        .description = "A dict of key-value pairs output from the stack.",
        .type = HH_AT_MAP,
    },
    {.name = NULL},
};

/* OS::Heat::ResourceChain (ResourceChain) */
static const hh_pschema heat_resourcechain_p[] = {
    {
        .name = "resources",
        .type = HH_PT_LIST,
        .description = "The list of resource types to create. This list may contain type names or "
                       "aliases defined in the resource registry. Specific template names are not "
                       "supported.",
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "concurrent",
        .type = HH_PT_BOOLEAN,
        .description =
            "If true, the resources in the chain will be created concurrently. If false or "
            "omitted, each resource will be treated as having a dependency on the previous "
            "resource in the list.",
        .default_json = "false",
    },
    {
        .name = "resource_properties",
        .type = HH_PT_MAP,
        .description = "Properties to pass to each resource being created in the chain.",
    },
    {.name = NULL},
};
static const hh_aschema heat_resourcechain_a[] = {
    {
        .name = "refs",
        .description = "A list of resource IDs for the resources in the chain.",
        .type = HH_AT_LIST,
    },
    {
        .name = "attributes",
        .description =
            "A map of resource names to the specified attribute of each individual resource.",
        .type = HH_AT_MAP,
    },
    {.name = NULL},
};

/* OS::Heat::ResourceGroup (ResourceGroup) */
static const hh_constraint_def heat_resourcegroup_count_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_resourcegroup_index_var_c[] = {
    {.kind = HH_CK_LENGTH, .min = "3", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_resourcegroup_resource_def_p[] = {
    {
        .name = "type",
        .type = HH_PT_STRING,
        .description = "The type of the resources in the group.",
        .required = true,
    },
    {
        .name = "properties",
        .type = HH_PT_MAP,
        .description = "Property values for the resources in the group.",
    },
    {
        .name = "metadata",
        .type = HH_PT_MAP,
        .description = "Supplied metadata for the resources in the group.",
        .support = {.version = "5.0.0"},
    },
    {.name = NULL},
};
static const hh_pschema heat_resourcegroup_removal_policies_item__p[] = {
    {
        .name = "resource_list",
        .type = HH_PT_LIST,
        .description =
            "List of resources to be removed when doing an update which requires removal of "
            "specific resources. The resource may be specified several ways: (1) The "
            "resource name, as in the nested stack, (2) The resource reference returned from "
            "get_resource in a template, as available via the 'refs' attribute. Note this is "
            "destructive on update when specified; even if the count is not being reduced, "
            "and once a resource name is removed, its name is never reused in subsequent "
            "updates.",
        .default_json = "[]",
    },
    {.name = NULL},
};
static const hh_pschema heat_resourcegroup_removal_policies_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .description =
            "Policy to be processed when doing an update which requires removal of specific "
            "resources.",
        .schema = heat_resourcegroup_removal_policies_item__p,
    },
    {.name = NULL},
};
static const hh_constraint_def heat_resourcegroup_removal_policies_mode_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"append\", \"update\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_resourcegroup_p[] = {
    {
        .name = "count",
        .type = HH_PT_INTEGER,
        .description = "The number of resources to create.",
        .default_json = "1",
        .constraints = heat_resourcegroup_count_c,
        .update_allowed = true,
    },
    {
        .name = "index_var",
        .type = HH_PT_STRING,
        .description =
            "A variable that this resource will use to replace with the current index of a "
            "given resource in the group. Can be used, for example, to customize the name "
            "property of grouped servers in order to differentiate them when listed with "
            "nova client.",
        .default_json = "\"%index%\"",
        .constraints = heat_resourcegroup_index_var_c,
        .support = {.version = "2014.2"},
    },
    {
        .name = "resource_def",
        .type = HH_PT_MAP,
        .description =
            "Resource definition for the resources in the group. The value of this property "
            "is the definition of a resource just as if it had been declared in the template "
            "itself.",
        .schema = heat_resourcegroup_resource_def_p,
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "removal_policies",
        .type = HH_PT_LIST,
        .description = "Policies for removal of resources on update.",
        .default_json = "[]",
        .schema = heat_resourcegroup_removal_policies_item_p,
        .update_allowed = true,
        .support = {.version = "2015.1"},
    },
    {
        .name = "removal_policies_mode",
        .type = HH_PT_STRING,
        .description =
            "How to handle changes to removal_policies on update. The default \"append\" "
            "mode appends to the internal list, \"update\" replaces it on update.",
        .default_json = "\"append\"",
        .constraints = heat_resourcegroup_removal_policies_mode_c,
        .update_allowed = true,
        .support = {.version = "10.0.0"},
    },
    {.name = NULL},
};
static const hh_constraint_def heat_resourcegroup_up_rolling_update_min_in_service_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_resourcegroup_up_rolling_update_max_batch_size_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_resourcegroup_up_rolling_update_pause_time_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_resourcegroup_up_rolling_update_p[] = {
    {
        .name = "min_in_service",
        .type = HH_PT_INTEGER,
        .description = "The minimum number of resources in service while rolling updates are being "
                       "executed.",
        .default_json = "0",
        .constraints = heat_resourcegroup_up_rolling_update_min_in_service_c,
    },
    {
        .name = "max_batch_size",
        .type = HH_PT_INTEGER,
        .description = "The maximum number of resources to replace at once.",
        .default_json = "1",
        .constraints = heat_resourcegroup_up_rolling_update_max_batch_size_c,
    },
    {
        .name = "pause_time",
        .type = HH_PT_NUMBER,
        .description = "The number of seconds to wait between batches of updates.",
        .default_json = "0",
        .constraints = heat_resourcegroup_up_rolling_update_pause_time_c,
    },
    {.name = NULL},
};
static const hh_constraint_def heat_resourcegroup_up_batch_create_max_batch_size_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_resourcegroup_up_batch_create_pause_time_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_resourcegroup_up_batch_create_p[] = {
    {
        .name = "max_batch_size",
        .type = HH_PT_INTEGER,
        .description = "The maximum number of resources to create at once.",
        .default_json = "1",
        .constraints = heat_resourcegroup_up_batch_create_max_batch_size_c,
    },
    {
        .name = "pause_time",
        .type = HH_PT_NUMBER,
        .description = "The number of seconds to wait between batches.",
        .default_json = "0",
        .constraints = heat_resourcegroup_up_batch_create_pause_time_c,
    },
    {.name = NULL},
};
static const hh_pschema heat_resourcegroup_up_p[] = {
    {
        .name = "rolling_update",
        .type = HH_PT_MAP,
        .schema = heat_resourcegroup_up_rolling_update_p,
        .support = {.version = "5.0.0"},
    },
    {
        .name = "batch_create",
        .type = HH_PT_MAP,
        .schema = heat_resourcegroup_up_batch_create_p,
        .support = {.version = "5.0.0"},
    },
    {.name = NULL},
};
static const hh_aschema heat_resourcegroup_a[] = {
    {
        .name = "refs",
        .description = "A list of resource IDs for the resources in the group.",
        .type = HH_AT_LIST,
    },
    {
        .name = "refs_map",
        .description = "A map of resource names to IDs for the resources in the group.",
        .type = HH_AT_MAP,
        .support = {.version = "7.0.0"},
    },
    {
        .name = "attributes",
        .description =
            "A map of resource names to the specified attribute of each individual resource. "
            "Requires heat_template_version: 2014-10-16.",
        .type = HH_AT_MAP,
        .support = {.version = "2014.2"},
    },
    {
        .name = "removed_rsrc_list",
        .description = "A list of removed resource names.",
        .type = HH_AT_LIST,
        .support = {.version = "7.0.0"},
    },
    {.name = NULL},
};

/* OS::Heat::ScalingPolicy (AutoScalingPolicy) */
static const hh_constraint_def heat_scalingpolicy_adjustment_type_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"change_in_capacity\", \"exact_capacity\", \"percent_change_in_capacity\"]"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_scalingpolicy_min_adjustment_step_c[] = {
    {.kind = HH_CK_RANGE, .min = "0", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_scalingpolicy_p[] = {
    {
        .name = "auto_scaling_group_id",
        .type = HH_PT_STRING,
        .description = "AutoScaling group ID to apply policy to.",
        .required = true,
    },
    {
        .name = "scaling_adjustment",
        .type = HH_PT_NUMBER,
        .description = "Size of adjustment.",
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "adjustment_type",
        .type = HH_PT_STRING,
        .description = "Type of adjustment (absolute or percentage).",
        .constraints = heat_scalingpolicy_adjustment_type_c,
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "cooldown",
        .type = HH_PT_NUMBER,
        .description = "Cooldown period, in seconds.",
        .update_allowed = true,
    },
    {
        .name = "min_adjustment_step",
        .type = HH_PT_INTEGER,
        .description = "Minimum number of resources that are added or removed when the AutoScaling "
                       "group scales up or down. This can be used only when specifying "
                       "percent_change_in_capacity for the adjustment_type property.",
        .constraints = heat_scalingpolicy_min_adjustment_step_c,
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_aschema heat_scalingpolicy_a[] = {
    {
        .name = "alarm_url",
        .description = "A signed url to handle the alarm.",
        .type = HH_AT_STRING,
    },
    {
        .name = "signal_url",
        .description = "A url to handle the alarm using native API.",
        .type = HH_AT_STRING,
        .support = {.version = "5.0.0"},
    },
    {.name = NULL},
};

/* OS::Heat::SoftwareConfig (SoftwareConfig) */
static const hh_constraint_def heat_softwareconfig_inputs_item__type_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"String\", \"Number\", \"CommaDelimitedList\", \"Json\", \"Boolean\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_softwareconfig_inputs_item__p[] = {
    {
        .name = "name",
        .type = HH_PT_STRING,
        .description = "Name of the input.",
        .required = true,
    },
    {
        .name = "description",
        .type = HH_PT_STRING,
        .description = "Description of the input.",
    },
    {
        .name = "type",
        .type = HH_PT_STRING,
        .description = "Type of the value of the input.",
        .default_json = "\"String\"",
        .constraints = heat_softwareconfig_inputs_item__type_c,
    },
    {
        .name = "default",
        .type = HH_PT_ANY,
        .description = "Default value for the input if none is specified.",
    },
    {
        .name = "replace_on_change",
        .type = HH_PT_BOOLEAN,
        .description =
            "Replace the deployment instead of updating it when the input value changes.",
        .default_json = "false",
    },
    {.name = NULL},
};
static const hh_pschema heat_softwareconfig_inputs_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .schema = heat_softwareconfig_inputs_item__p,
    },
    {.name = NULL},
};
static const hh_constraint_def heat_softwareconfig_outputs_item__type_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"String\", \"Number\", \"CommaDelimitedList\", \"Json\", \"Boolean\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_softwareconfig_outputs_item__p[] = {
    {
        .name = "name",
        .type = HH_PT_STRING,
        .description = "Name of the output.",
        .required = true,
    },
    {
        .name = "description",
        .type = HH_PT_STRING,
        .description = "Description of the output.",
    },
    {
        .name = "type",
        .type = HH_PT_STRING,
        .description = "Type of the value of the output.",
        .default_json = "\"String\"",
        .constraints = heat_softwareconfig_outputs_item__type_c,
    },
    {
        .name = "error_output",
        .type = HH_PT_BOOLEAN,
        .description =
            "Denotes that the deployment is in an error state if this output has a value.",
        .default_json = "false",
    },
    {.name = NULL},
};
static const hh_pschema heat_softwareconfig_outputs_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .schema = heat_softwareconfig_outputs_item__p,
    },
    {.name = NULL},
};
static const hh_pschema heat_softwareconfig_p[] = {
    {
        .name = "group",
        .type = HH_PT_STRING,
        .description =
            "Namespace to group this software config by when delivered to a server. This may "
            "imply what configuration tool is going to perform the configuration.",
        .default_json = "\"Heat::Ungrouped\"",
    },
    {
        .name = "config",
        .type = HH_PT_STRING,
        .description =
            "Configuration script or manifest which specifies what actual configuration is "
            "performed.",
    },
    {
        .name = "options",
        .type = HH_PT_MAP,
        .description =
            "Map containing options specific to the configuration management tool used by "
            "this resource.",
    },
    {
        .name = "inputs",
        .type = HH_PT_LIST,
        .description = "Schema representing the inputs that this software config is expecting.",
        .schema = heat_softwareconfig_inputs_item_p,
    },
    {
        .name = "outputs",
        .type = HH_PT_LIST,
        .description = "Schema representing the outputs that this software config will produce.",
        .schema = heat_softwareconfig_outputs_item_p,
    },
    {.name = NULL},
};
static const hh_aschema heat_softwareconfig_a[] = {
    {
        .name = "config",
        .description = "The config value of the software config.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::SoftwareDeployment (SoftwareDeployment) */
static const hh_constraint_def heat_softwaredeployment_actions_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"CREATE\", \"UPDATE\", \"DELETE\", \"SUSPEND\", \"RESUME\"]"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_softwaredeployment_signal_transport_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"CFN_SIGNAL\", \"TEMP_URL_SIGNAL\", \"HEAT_SIGNAL\", \"NO_SIGNAL\", "
                "\"ZAQAR_SIGNAL\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_softwaredeployment_p[] = {
    {
        .name = "config",
        .type = HH_PT_STRING,
        .description =
            "ID of software configuration resource to execute when applying to the server.",
        .update_allowed = true,
    },
    {
        .name = "server",
        .type = HH_PT_STRING,
        .description =
            "ID of resource to apply configuration to. Normally this should be a Nova server "
            "ID.",
        .required = true,
    },
    {
        .name = "input_values",
        .type = HH_PT_MAP,
        .description = "Input values to apply to the software configuration on this server.",
        .update_allowed = true,
    },
    {
        .name = "actions",
        .type = HH_PT_LIST,
        .description = "Which lifecycle actions of the deployment resource will result in this "
                       "deployment being triggered.",
        .default_json = "[\"CREATE\", \"UPDATE\"]",
        .constraints = heat_softwaredeployment_actions_c,
        .update_allowed = true,
    },
    {
        .name = "name",
        .type = HH_PT_STRING,
        .description =
            "Name of the derived config associated with this deployment. This is used to "
            "apply a sort order to the list of configurations currently deployed to a server.",
        .update_allowed = true,
    },
    {
        .name = "signal_transport",
        .type = HH_PT_STRING,
        .description =
            "How the server should signal to heat with the deployment output values. "
            "CFN_SIGNAL will allow an HTTP POST to a CFN keypair signed URL. TEMP_URL_SIGNAL "
            "will create a Swift TempURL to be signaled via HTTP PUT. HEAT_SIGNAL will allow "
            "calls to the Heat API resource-signal using the provided keystone credentials. "
            "ZAQAR_SIGNAL will create a dedicated zaqar queue to be signaled using the "
            "provided keystone credentials. NO_SIGNAL will result in the resource going to "
            "the COMPLETE state without waiting for any signal.",
        .default_json = "\"CFN_SIGNAL\"",
        .constraints = heat_softwaredeployment_signal_transport_c,
    },
    {.name = NULL},
};
static const hh_aschema heat_softwaredeployment_a[] = {
    {
        .name = "deploy_stdout",
        .description = "Captured stdout from the configuration execution.",
        .type = HH_AT_STRING,
    },
    {
        .name = "deploy_stderr",
        .description = "Captured stderr from the configuration execution.",
        .type = HH_AT_STRING,
    },
    {
        .name = "deploy_status_code",
        .description = "Returned status code from the configuration execution.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::StructuredConfig (StructuredConfig) */
static const hh_constraint_def heat_structuredconfig_inputs_item__type_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"String\", \"Number\", \"CommaDelimitedList\", \"Json\", \"Boolean\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_structuredconfig_inputs_item__p[] = {
    {
        .name = "name",
        .type = HH_PT_STRING,
        .description = "Name of the input.",
        .required = true,
    },
    {
        .name = "description",
        .type = HH_PT_STRING,
        .description = "Description of the input.",
    },
    {
        .name = "type",
        .type = HH_PT_STRING,
        .description = "Type of the value of the input.",
        .default_json = "\"String\"",
        .constraints = heat_structuredconfig_inputs_item__type_c,
    },
    {
        .name = "default",
        .type = HH_PT_ANY,
        .description = "Default value for the input if none is specified.",
    },
    {
        .name = "replace_on_change",
        .type = HH_PT_BOOLEAN,
        .description =
            "Replace the deployment instead of updating it when the input value changes.",
        .default_json = "false",
    },
    {.name = NULL},
};
static const hh_pschema heat_structuredconfig_inputs_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .schema = heat_structuredconfig_inputs_item__p,
    },
    {.name = NULL},
};
static const hh_constraint_def heat_structuredconfig_outputs_item__type_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"String\", \"Number\", \"CommaDelimitedList\", \"Json\", \"Boolean\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_structuredconfig_outputs_item__p[] = {
    {
        .name = "name",
        .type = HH_PT_STRING,
        .description = "Name of the output.",
        .required = true,
    },
    {
        .name = "description",
        .type = HH_PT_STRING,
        .description = "Description of the output.",
    },
    {
        .name = "type",
        .type = HH_PT_STRING,
        .description = "Type of the value of the output.",
        .default_json = "\"String\"",
        .constraints = heat_structuredconfig_outputs_item__type_c,
    },
    {
        .name = "error_output",
        .type = HH_PT_BOOLEAN,
        .description =
            "Denotes that the deployment is in an error state if this output has a value.",
        .default_json = "false",
    },
    {.name = NULL},
};
static const hh_pschema heat_structuredconfig_outputs_item_p[] = {
    {
        .name = "*",
        .type = HH_PT_MAP,
        .schema = heat_structuredconfig_outputs_item__p,
    },
    {.name = NULL},
};
static const hh_pschema heat_structuredconfig_p[] = {
    {
        .name = "group",
        .type = HH_PT_STRING,
        .description =
            "Namespace to group this software config by when delivered to a server. This may "
            "imply what configuration tool is going to perform the configuration.",
        .default_json = "\"Heat::Ungrouped\"",
    },
    {
        .name = "options",
        .type = HH_PT_MAP,
        .description =
            "Map containing options specific to the configuration management tool used by "
            "this resource.",
    },
    {
        .name = "inputs",
        .type = HH_PT_LIST,
        .description = "Schema representing the inputs that this software config is expecting.",
        .schema = heat_structuredconfig_inputs_item_p,
    },
    {
        .name = "outputs",
        .type = HH_PT_LIST,
        .description = "Schema representing the outputs that this software config will produce.",
        .schema = heat_structuredconfig_outputs_item_p,
    },
    {
        .name = "config",
        .type = HH_PT_MAP,
        .description =
            "Map representing the configuration data structure which will be serialized to "
            "JSON format.",
    },
    {.name = NULL},
};
static const hh_aschema heat_structuredconfig_a[] = {
    {
        .name = "config",
        .description = "The config value of the software config.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::StructuredDeployment (StructuredDeployment) */
static const hh_constraint_def heat_structureddeployment_actions_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"CREATE\", \"UPDATE\", \"DELETE\", \"SUSPEND\", \"RESUME\"]"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_structureddeployment_signal_transport_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"CFN_SIGNAL\", \"TEMP_URL_SIGNAL\", \"HEAT_SIGNAL\", \"NO_SIGNAL\", "
                "\"ZAQAR_SIGNAL\"]"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_structureddeployment_input_values_validate_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES, .allowed = "[\"LAX\", \"STRICT\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_structureddeployment_p[] = {
    {
        .name = "config",
        .type = HH_PT_STRING,
        .description =
            "ID of software configuration resource to execute when applying to the server.",
        .update_allowed = true,
    },
    {
        .name = "server",
        .type = HH_PT_STRING,
        .description =
            "ID of resource to apply configuration to. Normally this should be a Nova server "
            "ID.",
        .required = true,
    },
    {
        .name = "input_values",
        .type = HH_PT_MAP,
        .description = "Input values to apply to the software configuration on this server.",
        .update_allowed = true,
    },
    {
        .name = "actions",
        .type = HH_PT_LIST,
        .description = "Which lifecycle actions of the deployment resource will result in this "
                       "deployment being triggered.",
        .default_json = "[\"CREATE\", \"UPDATE\"]",
        .constraints = heat_structureddeployment_actions_c,
        .update_allowed = true,
    },
    {
        .name = "signal_transport",
        .type = HH_PT_STRING,
        .description =
            "How the server should signal to heat with the deployment output values. "
            "CFN_SIGNAL will allow an HTTP POST to a CFN keypair signed URL. TEMP_URL_SIGNAL "
            "will create a Swift TempURL to be signaled via HTTP PUT. HEAT_SIGNAL will allow "
            "calls to the Heat API resource-signal using the provided keystone credentials. "
            "ZAQAR_SIGNAL will create a dedicated zaqar queue to be signaled using the "
            "provided keystone credentials. NO_SIGNAL will result in the resource going to "
            "the COMPLETE state without waiting for any signal.",
        .default_json = "\"CFN_SIGNAL\"",
        .constraints = heat_structureddeployment_signal_transport_c,
    },
    {
        .name = "name",
        .type = HH_PT_STRING,
        .description =
            "Name of the derived config associated with this deployment. This is used to "
            "apply a sort order to the list of configurations currently deployed to a server.",
        .update_allowed = true,
    },
    {
        .name = "input_key",
        .type = HH_PT_STRING,
        .description = "Name of key to use for substituting inputs during deployment.",
        .default_json = "\"get_input\"",
    },
    {
        .name = "input_values_validate",
        .type = HH_PT_STRING,
        .description =
            "Perform a check on the input values passed to verify that each required input "
            "has a corresponding value. When the property is set to STRICT and no value is "
            "passed, an exception is raised.",
        .default_json = "\"LAX\"",
        .constraints = heat_structureddeployment_input_values_validate_c,
    },
    {.name = NULL},
};
static const hh_aschema heat_structureddeployment_a[] = {
    {
        .name = "deploy_stdout",
        .description = "Captured stdout from the configuration execution.",
        .type = HH_AT_STRING,
    },
    {
        .name = "deploy_stderr",
        .description = "Captured stderr from the configuration execution.",
        .type = HH_AT_STRING,
    },
    {
        .name = "deploy_status_code",
        .description = "Returned status code from the configuration execution.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::TestResource (TestResource) */
static const hh_constraint_def heat_testresource_constraint_prop_secs_c[] = {
    {.kind = HH_CK_CUSTOM, .name = "test_constr"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_testresource_action_wait_secs_p[] = {
    {
        .name = "create",
        .type = HH_PT_NUMBER,
        .description = "Seconds to wait after a create. Defaults to the global wait_secs.",
        .update_allowed = true,
    },
    {
        .name = "update",
        .type = HH_PT_NUMBER,
        .description = "Seconds to wait after an update. Defaults to the global wait_secs.",
        .update_allowed = true,
    },
    {
        .name = "delete",
        .type = HH_PT_NUMBER,
        .description = "Seconds to wait after a delete. Defaults to the global wait_secs.",
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_pschema heat_testresource_p[] = {
    {
        .name = "constraint_prop_secs",
        .type = HH_PT_NUMBER,
        .description = "Number value for delay during resolve constraint.",
        .default_json = "0",
        .constraints = heat_testresource_constraint_prop_secs_c,
        .update_allowed = true,
        .support = {.version = "6.0.0"},
    },
    {
        .name = "attr_wait_secs",
        .type = HH_PT_NUMBER,
        .description = "Number value for timeout during resolving output value.",
        .default_json = "0",
        .update_allowed = true,
        .support = {.version = "6.0.0"},
    },
    {
        .name = "value",
        .type = HH_PT_STRING,
        .description = "The input string to be stored.",
        .default_json = "\"test_string\"",
        .update_allowed = true,
    },
    {
        .name = "update_replace_value",
        .type = HH_PT_STRING,
        .description = "Some value that can be stored but can not be updated.",
        .support = {.version = "7.0.0"},
    },
    {
        .name = "fail",
        .type = HH_PT_BOOLEAN,
        .description =
            "Value which can be set to fail the resource operation to test failure scenarios.",
        .default_json = "false",
        .update_allowed = true,
    },
    {
        .name = "update_replace",
        .type = HH_PT_BOOLEAN,
        .description =
            "Value which can be set to trigger update replace for the particular resource.",
        .default_json = "false",
        .update_allowed = true,
    },
    {
        .name = "wait_secs",
        .type = HH_PT_NUMBER,
        .description = "Seconds to wait after an action (-1 is infinite).",
        .default_json = "0",
        .update_allowed = true,
    },
    {
        .name = "action_wait_secs",
        .type = HH_PT_MAP,
        .description = "Options for simulating waiting.",
        .schema = heat_testresource_action_wait_secs_p,
        .update_allowed = true,
    },
    {
        .name = "client_name",
        .type = HH_PT_STRING,
        .description = "Client to poll.",
        .default_json = "\"\"",
        .update_allowed = true,
    },
    {
        .name = "entity_name",
        .type = HH_PT_STRING,
        .description = "Client entity to poll.",
        .default_json = "\"\"",
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_aschema heat_testresource_a[] = {
    {
        .name = "output",
        .description =
            "The string that was stored. This value is also available by referencing the "
            "resource.",
    },
    {.name = NULL},
};

/* OS::Heat::Value (Value) */
static const hh_constraint_def heat_value_type_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"string\", \"number\", \"comma_delimited_list\", \"json\", \"boolean\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_value_p[] = {
    {
        .name = "value",
        .type = HH_PT_ANY,
        .description = "The expression to generate the \"value\" attribute.",
        .required = true,
        .update_allowed = true,
    },
    {
        .name = "type",
        .type = HH_PT_STRING,
        .description = "The type of the \"value\" property.",
        .constraints = heat_value_type_c,
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_aschema heat_value_a[] = {
    {
        .name = "value",
        .description =
            "The value generated by this resource's properties \"value\" expression, with "
            "type determined from the properties \"type\".",
    },
    {.name = NULL},
};

/* OS::Heat::WaitCondition (HeatWaitCondition) */
static const hh_constraint_def heat_waitcondition_timeout_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = "43200"},
    {.kind = HH_CK_END},
};
static const hh_constraint_def heat_waitcondition_count_c[] = {
    {.kind = HH_CK_RANGE, .min = "1", .max = NULL},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_waitcondition_p[] = {
    {
        .name = "handle",
        .type = HH_PT_STRING,
        .description =
            "A reference to the wait condition handle used to signal this wait condition.",
        .required = true,
    },
    {
        .name = "timeout",
        .type = HH_PT_NUMBER,
        .description = "The number of seconds to wait for the correct number of signals to arrive.",
        .constraints = heat_waitcondition_timeout_c,
        .required = true,
    },
    {
        .name = "count",
        .type = HH_PT_INTEGER,
        .description =
            "The number of success signals that must be received before the stack creation "
            "process continues.",
        .default_json = "1",
        .constraints = heat_waitcondition_count_c,
        .update_allowed = true,
    },
    {.name = NULL},
};
static const hh_aschema heat_waitcondition_a[] = {
    {
        .name = "data",
        .description =
            "JSON string containing data associated with wait condition signals sent to the "
            "handle.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::WaitConditionHandle (HeatWaitConditionHandle) */
static const hh_constraint_def heat_waitconditionhandle_signal_transport_c[] = {
    {.kind = HH_CK_ALLOWED_VALUES,
     .allowed = "[\"CFN_SIGNAL\", \"TEMP_URL_SIGNAL\", \"HEAT_SIGNAL\", \"NO_SIGNAL\", "
                "\"ZAQAR_SIGNAL\", \"TOKEN_SIGNAL\"]"},
    {.kind = HH_CK_END},
};
static const hh_pschema heat_waitconditionhandle_p[] = {
    {
        .name = "signal_transport",
        .type = HH_PT_STRING,
        .description =
            "How the client will signal the wait condition. CFN_SIGNAL will allow an HTTP "
            "POST to a CFN keypair signed URL. TEMP_URL_SIGNAL will create a Swift TempURL "
            "to be signalled via HTTP PUT. HEAT_SIGNAL will allow calls to the Heat API "
            "resource-signal using the provided keystone credentials. ZAQAR_SIGNAL will "
            "create a dedicated zaqar queue to be signalled using the provided keystone "
            "credentials. TOKEN_SIGNAL will allow and HTTP POST to a Heat API endpoint with "
            "the provided keystone token. NO_SIGNAL will result in the resource going to a "
            "signalled state without waiting for any signal.",
        .default_json = "\"TOKEN_SIGNAL\"",
        .constraints = heat_waitconditionhandle_signal_transport_c,
        .support = {.version = "6.0.0"},
    },
    {.name = NULL},
};
static const hh_aschema heat_waitconditionhandle_a[] = {
    {
        .name = "token",
        .description =
            "Token for stack-user which can be used for signalling handle when "
            "signal_transport is set to TOKEN_SIGNAL. None for all other signal transports.",
        .type = HH_AT_STRING,
    },
    {
        .name = "endpoint",
        .description =
            "Endpoint/url which can be used for signalling handle when signal_transport is "
            "set to TOKEN_SIGNAL. None for all other signal transports.",
        .type = HH_AT_STRING,
    },
    {
        .name = "curl_cli",
        .description =
            "Convenience attribute, provides curl CLI command prefix, which can be used for "
            "signalling handle completion or failure when signal_transport is set to "
            "TOKEN_SIGNAL. You can signal success by adding --data-binary '{\"status\": "
            "\"SUCCESS\"}' , or signal failure by adding --data-binary '{\"status\": "
            "\"FAILURE\"}'. This attribute is set to None for all other signal transports.",
        .type = HH_AT_STRING,
    },
    {
        .name = "signal",
        .description =
            "JSON serialized map that includes the endpoint, token and/or other attributes "
            "the client must use for signalling this handle. The contents of this map depend "
            "on the type of signal selected in the signal_transport property.",
        .type = HH_AT_STRING,
    },
    {.name = NULL},
};

/* OS::Heat::UpdateWaitConditionHandle (UpdateWaitConditionHandle) */

const hh_rtype hh_rtypes_heat[] = {
    {
        .name = "AWS::CloudFormation::Stack",
        .class_name = "NestedStack",
        .description = "Represents a child stack to allow composition of templates.",
        .properties = cfn_stack_p,
        .flags = HH_RT_ANY_ATTRIBUTES,
        .ops = NULL,
    },
    {
        .name = "AWS::CloudFormation::WaitCondition",
        .class_name = "WaitCondition",
        .description = "No description available",
        .support = {.version = "2014.1"},
        .properties = cfn_waitcondition_p,
        .attributes = cfn_waitcondition_a,
        .ops = &hh_rplugin_cfn_wait_condition,
    },
    {
        .name = "AWS::CloudFormation::WaitConditionHandle",
        .class_name = "WaitConditionHandle",
        .description =
            "AWS WaitConditionHandle resource.\n\nthe main point of this class is to :\nhave "
            "no dependencies (so the instance can reference it)\ngenerate a unique url (to "
            "be returned in the reference)\nthen the cfn-signal will use this url to post to "
            "and\nWaitCondition will poll it to see if has been written to.",
        .support = {.version = "2014.1"},
        .ops = &hh_rplugin_cfn_wait_handle,
    },
    {
        .name = "OS::Heat::AutoScalingGroup",
        .class_name = "AutoScalingResourceGroup",
        .description =
            "An autoscaling group that can scale arbitrary resources.\n\nAn autoscaling "
            "group allows the creation of a desired count of similar\nresources, which are "
            "defined with the resource property in HOT format.\nIf there is a need to create "
            "many of the same resources (e.g. one\nhundred sets of Server, WaitCondition and "
            "WaitConditionHandle or even\nNeutron Nets), AutoScalingGroup is a convenient "
            "and easy way to do that.",
        .support = {.version = "2014.1"},
        .properties = heat_autoscalinggroup_p,
        .attributes = heat_autoscalinggroup_a,
        .flags = HH_RT_ANY_ATTRIBUTES,
        .ops = &hh_rplugin_heat_autoscaling_group,
    },
    {
        .name = "OS::Heat::CloudConfig",
        .class_name = "CloudConfig",
        .description =
            "A configuration resource for representing cloud-init cloud-config.\n\nThis "
            "resource allows cloud-config YAML to be defined and stored by the\nconfig API. "
            "Any intrinsic functions called in the config will be resolved\nbefore storing "
            "the result.\n\nThis resource will generally be referenced by OS::Nova::Server "
            "user_data,\nor OS::Heat::MultipartMime parts config. Since cloud-config is "
            "boot-only\nconfiguration, any changes to the definition will result in "
            "the\nreplacement of all servers which reference it.",
        .support = {.version = "2014.1"},
        .properties = heat_cloudconfig_p,
        .attributes = heat_cloudconfig_a,
        .ops = &hh_rplugin_heat_cloud_config,
    },
    {
        .name = "OS::Heat::Delay",
        .class_name = "Delay",
        .description =
            "A resource that pauses for a configurable delay.\n\nBy manipulating the "
            "dependency relationships between resources in the\ntemplate, a delay can be "
            "inserted at an arbitrary point during e.g. stack\ncreation or deletion. They "
            "delay will occur after any resource that it\ndepends on during CREATE or "
            "SUSPEND, and before any resource that it\ndepends on during DELETE or RESUME. "
            "Similarly, it will occur before any\nresource that depends on it during CREATE "
            "or SUSPEND, and after any\nresource thet depends on it during DELETE or "
            "RESUME.\n\nIf a non-zero maximum jitter is specified, a random amount of jitter "
            "-\nchosen with uniform probability in the range from 0 to the product of "
            "the\nmaximum jitter value and the jitter multiplier (1s by default) - is "
            "added\nto the minimum delay time. This can be used, for example, in the "
            "scaled\nunit of a large scaling group to prevent 'thundering herd' issues.",
        .support = {.version = "11.0.0"},
        .properties = heat_delay_p,
        .ops = NULL,
    },
    {
        .name = "OS::Heat::MultipartMime",
        .class_name = "MultipartMime",
        .description =
            "Assembles a collection of software configurations as a multi-part "
            "mime.\n\nParts in the message can be populated with inline configuration "
            "or\nreferences to other config resources. If the referenced resource is "
            "itself\na valid multi-part mime message, that will be broken into parts "
            "and\nthose parts appended to this message.\n\nThe resulting multi-part mime "
            "message will be stored by the configs API\nand can be referenced in properties "
            "such as OS::Nova::Server user_data.\n\nThis resource is generally used to build "
            "a list of cloud-init\nconfiguration elements including scripts and "
            "cloud-config. Since\ncloud-init is boot-only configuration, any changes to the "
            "definition\nwill result in the replacement of all servers which reference it.",
        .support = {.version = "2014.1"},
        .properties = heat_multipartmime_p,
        .attributes = heat_multipartmime_a,
        .ops = &hh_rplugin_heat_multipart_mime,
    },
    {
        .name = "OS::Heat::None",
        .class_name = "NoneResource",
        .description =
            "Enables easily disabling certain resources via the resource_registry.\n\nIt "
            "does nothing, but can effectively stub out any other resource because it\nwill "
            "accept any properties and return any attribute (as None). Note this\nresource "
            "always does nothing on update (e.g it is not replaced even if a\nchange to the "
            "stubbed resource properties would cause replacement).",
        .support = {.version = "5.0.0"},
        .flags = HH_RT_ANY_PROPERTIES | HH_RT_ANY_ATTRIBUTES,
        .ops = &hh_rplugin_heat_none,
    },
    {
        .name = "OS::Heat::RandomString",
        .class_name = "RandomString",
        .description =
            "A resource which generates a random string.\n\nThis is useful for configuring "
            "passwords and secrets on services. Random\nstring can be generated from "
            "specified character sequences, which means\nthat all characters will be "
            "randomly chosen from specified sequences, or\nwith some classes, e.g. "
            "letterdigits, which means that all character will\nbe randomly chosen from "
            "union of ascii letters and digits. Output string\nwill be randomly generated "
            "string with specified length (or with length of\n32, if length property doesn't "
            "specified).",
        .support = {.version = "2014.1"},
        .properties = heat_randomstring_p,
        .attributes = heat_randomstring_a,
        .ops = &hh_rplugin_heat_random_string,
    },
    {
        .name = "OS::Heat::Stack",
        .class_name = "RemoteStack",
        .description =
            "A Resource representing a stack.\n\nA resource that allowing for the creating "
            "stack, where should be defined\nstack template in HOT format, parameters (if "
            "template has any parameters\nwith no default value), and timeout of creating. "
            "After creating current\nstack will have remote stack.",
        .properties = heat_stack_p,
        .attributes = heat_stack_a,
        .ops = &hh_rplugin_heat_stack,
    },
    {
        .name = "OS::Heat::ResourceChain",
        .class_name = "ResourceChain",
        .description =
            "Creates one or more resources with the same configuration.\n\nThe types of "
            "resources to be created are passed into the chain\nthrough the ``resources`` "
            "property. One resource will be created for each\ntype listed. Each is passed "
            "the configuration specified\nunder ``resource_properties``.\n\nThe "
            "``concurrent`` property controls if the resources will be "
            "created\nconcurrently. If omitted or set to false, each resource will be "
            "treated\nas having a dependency on the resource before it in the list.",
        .support = {.version = "6.0.0"},
        .properties = heat_resourcechain_p,
        .attributes = heat_resourcechain_a,
        .flags = HH_RT_ANY_ATTRIBUTES,
        .ops = &hh_rplugin_heat_resource_chain,
    },
    {
        .name = "OS::Heat::ResourceGroup",
        .class_name = "ResourceGroup",
        .description =
            "Creates one or more identically configured nested resources.\n\nIn addition to "
            "the `refs` attribute, this resource implements synthetic\nattributes that "
            "mirror those of the resources in the group. When\ngetting an attribute from "
            "this resource, however, a list of attribute\nvalues for each resource in the "
            "group is returned. To get attribute values\nfor a single resource in the group, "
            "synthetic attributes of the form\n`resource.{resource index}.{attribute name}` "
            "can be used. The resource ID\nof a particular resource in the group can be "
            "obtained via the synthetic\nattribute `resource.{resource index}`. Note, that "
            "if you get attribute\nwithout `{resource index}`, e.g. `[resource, "
            "{attribute_name}]`, you'll get\na list of this attribute's value for all "
            "resources in group.\n\nWhile each resource in the group will be identically "
            "configured, this\nresource does allow for some index-based customization of the "
            "properties\nof the resources in the group. For example::\n\n  resources:\n    "
            "my_indexed_group:\n      type: OS::Heat::ResourceGroup\n      properties:\n     "
            "   count: 3\n        resource_def:\n          type: OS::Nova::Server\n          "
            "properties:\n            # create a unique name for each server\n            # "
            "using its index in the group\n            name: my_server_%index%\n            "
            "image: CentOS 6.5\n            flavor: 4GB Performance\n\nwould result in a "
            "group of three servers having the same image and flavor,\nbut names of "
            "`my_server_0`, `my_server_1`, and `my_server_2`. The variable\nused for "
            "substitution can be customized by using the `index_var` property.",
        .support = {.version = "2014.1"},
        .properties = heat_resourcegroup_p,
        .update_policy = heat_resourcegroup_up_p,
        .attributes = heat_resourcegroup_a,
        .flags = HH_RT_ANY_ATTRIBUTES,
        .ops = &hh_rplugin_heat_resource_group,
    },
    {
        .name = "OS::Heat::ScalingPolicy",
        .class_name = "AutoScalingPolicy",
        .description =
            "A resource to manage scaling of `OS::Heat::AutoScalingGroup`.\n\n**Note** while "
            "it may incidentally support\n`AWS::AutoScaling::AutoScalingGroup` for now, "
            "please don't use it for that\npurpose and use `AWS::AutoScaling::ScalingPolicy` "
            "instead.\n\nResource to manage scaling for `OS::Heat::AutoScalingGroup`, i.e. "
            "define\nwhich metric should be scaled and scaling adjustment, set cooldown etc.",
        .properties = heat_scalingpolicy_p,
        .attributes = heat_scalingpolicy_a,
        .ops = &hh_rplugin_heat_scaling_policy,
    },
    {
        .name = "OS::Heat::SoftwareConfig",
        .class_name = "SoftwareConfig",
        .description =
            "A resource for describing and storing software configuration.\n\nThe "
            "software_configs API which backs this resource creates immutable\nconfigs, so "
            "any change to the template resource definition will result\nin a new config "
            "being created, and the old one being deleted.\n\nConfigs can be defined in the "
            "same template which uses them, or they can\nbe created in one stack, and passed "
            "to another stack via a parameter.\n\nA config resource can be referenced in "
            "other resource properties which\nare config-aware. This includes the properties "
            "OS::Nova::Server user_data,\nOS::Heat::SoftwareDeployment config and "
            "OS::Heat::MultipartMime parts\nconfig.\n\nAlong with the config script itself, "
            "this resource can define schemas for\ninputs and outputs which the config "
            "script is expected to consume and\nproduce. Inputs and outputs are optional and "
            "will map to concepts which\nare specific to the configuration tool being used.",
        .support = {.version = "2014.1"},
        .properties = heat_softwareconfig_p,
        .attributes = heat_softwareconfig_a,
        .ops = &hh_rplugin_heat_software_config,
    },
    {
        .name = "OS::Heat::SoftwareDeployment",
        .class_name = "SoftwareDeployment",
        .description =
            "This resource associates a server with some configuration.\n\nThe configuration "
            "is to be deployed to that server.\n\nA deployment allows input values to be "
            "specified which map to the inputs\nschema defined in the config resource. These "
            "input values are interpreted\nby the configuration tool in a tool-specific "
            "manner.\n\nWhenever this resource goes to an IN_PROGRESS state, it creates "
            "an\nephemeral config that includes the inputs values plus a number of "
            "extra\ninputs which have names prefixed with ``deploy_``. The extra inputs "
            "relate\nto the current state of the stack, along with the information "
            "and\ncredentials required to signal back the deployment results.\n\nUnless "
            "signal_transport=NO_SIGNAL, this resource will remain in an\nIN_PROGRESS state "
            "until the server signals it with the output values\nfor that deployment. Those "
            "output values are then available as resource\nattributes, along with the "
            "default attributes deploy_stdout,\ndeploy_stderr and "
            "deploy_status_code.\n\nSpecifying actions other than the default CREATE and "
            "UPDATE will result\nin the deployment being triggered in those actions. For "
            "example this would\nallow cleanup configuration to be performed during actions "
            "SUSPEND and\nDELETE. A config could be designed to only work with some "
            "specific\nactions, or a config can read the value of the deploy_action input "
            "to\nallow conditional logic to perform different configuration for "
            "different\nactions.",
        .support = {.version = "2014.1"},
        .properties = heat_softwaredeployment_p,
        .attributes = heat_softwaredeployment_a,
        .flags = HH_RT_ANY_ATTRIBUTES | HH_RT_NEEDS_SERVER,
        .ops = NULL,
    },
    {
        .name = "OS::Heat::StructuredConfig",
        .class_name = "StructuredConfig",
        .description =
            "A resource which has same logic with OS::Heat::SoftwareConfig.\n\nThis resource "
            "is like OS::Heat::SoftwareConfig except that the config\nproperty is "
            "represented by a Map rather than a String.\n\nThis is useful for configuration "
            "tools which use YAML or JSON as their\nconfiguration syntax. The resulting "
            "configuration is transferred,\nstored and returned by the software_configs API "
            "as parsed JSON.",
        .support = {.version = "2014.1"},
        .properties = heat_structuredconfig_p,
        .attributes = heat_structuredconfig_a,
        .ops = &hh_rplugin_heat_structured_config,
    },
    {
        .name = "OS::Heat::StructuredDeployment",
        .class_name = "StructuredDeployment",
        .description =
            "A resource which has same logic with OS::Heat::SoftwareDeployment.\n\nA "
            "deployment resource like OS::Heat::SoftwareDeployment, but which\nperforms "
            "input value substitution on the config defined by a\nOS::Heat::StructuredConfig "
            "resource.\n\nSome configuration tools have no concept of inputs, so the input "
            "value\nsubstitution needs to occur in the deployment resource. An example of "
            "this\nis the JSON metadata consumed by the cfn-init tool.\n\nWhere the config "
            "contains {get_input: input_name} this will be substituted\nwith the value of "
            "input_name in this resource's input_values. If get_input\nneeds to be passed "
            "through to the substituted configuration then a\ndifferent input_key property "
            "value can be specified.",
        .support = {.version = "2014.1"},
        .properties = heat_structureddeployment_p,
        .attributes = heat_structureddeployment_a,
        .flags = HH_RT_ANY_ATTRIBUTES | HH_RT_NEEDS_SERVER,
        .ops = NULL,
    },
    {
        .name = "OS::Heat::TestResource",
        .class_name = "TestResource",
        .description =
            "A resource which stores the string value that was provided.\n\nThis resource is "
            "to be used only for testing.\nIt has control knobs such as 'update_replace', "
            "'fail', 'wait_secs'.",
        .support = {.version = "5.0.0"},
        .properties = heat_testresource_p,
        .attributes = heat_testresource_a,
        .ops = &hh_rplugin_heat_test_resource,
    },
    {
        .name = "OS::Heat::Value",
        .class_name = "Value",
        .description =
            "A resource which exposes its value property as an attribute.\n\nThis is useful "
            "for exposing a value that is a simple manipulation\nof other template "
            "parameters and/or other resources.",
        .support = {.version = "7.0.0"},
        .properties = heat_value_p,
        .attributes = heat_value_a,
        .ops = &hh_rplugin_heat_value,
    },
    {
        .name = "OS::Heat::WaitCondition",
        .class_name = "HeatWaitCondition",
        .description =
            "Resource for handling signals received by WaitConditionHandle.\n\nResource "
            "takes WaitConditionHandle and starts to create. Resource is "
            "in\nCREATE_IN_PROGRESS status until WaitConditionHandle doesn't "
            "receive\nsufficient number of successful signals (this number can be specified "
            "with\ncount property) and successfully creates after that, or fails due "
            "to\ntimeout.",
        .support = {.version = "2014.2"},
        .properties = heat_waitcondition_p,
        .attributes = heat_waitcondition_a,
        .ops = &hh_rplugin_heat_wait_condition,
    },
    {
        .name = "OS::Heat::WaitConditionHandle",
        .class_name = "HeatWaitConditionHandle",
        .description =
            "Resource for managing instance signals.\n\nThe main points of this resource "
            "are:\n  - have no dependencies (so the instance can reference it).\n  - create "
            "credentials to allow for signalling from the instance.\n  - handle signals from "
            "the instance, validate and store result.",
        .support = {.version = "2014.2"},
        .properties = heat_waitconditionhandle_p,
        .attributes = heat_waitconditionhandle_a,
        .ops = &hh_rplugin_heat_wait_handle,
    },
    {
        .name = "OS::Heat::UpdateWaitConditionHandle",
        .class_name = "UpdateWaitConditionHandle",
        .description =
            "WaitConditionHandle that clears signals and changes handle on update.\n\nThis "
            "works similarly to an AWS::CloudFormation::WaitConditionHandle, except\nthat on "
            "update it clears all signals received and changes the handle. Using\nthis "
            "handle means that you must setup the signal senders to send their\nsignals "
            "again any time the update handle changes. This allows us to roll\nout new "
            "configurations and be confident that they are rolled out once\nUPDATE COMPLETE "
            "is reached.",
        .support = {.version = "2014.1"},
        .ops = NULL,
    },
};

const size_t hh_rtypes_heat_count = sizeof(hh_rtypes_heat) / sizeof(hh_rtypes_heat[0]);
