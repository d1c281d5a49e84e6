/* Unit tests for template versions and intrinsic functions.
 *
 * The table of cases (snippet in, value or Heat error out) was produced by
 * running each snippet through Heat 19's own parser and functions with the
 * same fake stack as fake_ops below: parameters PARAMS, resources "server"
 * and "vol" (reference id "<name>-id", attributes ATTRS), files FILES and
 * CFN mappings MAPPINGS.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tmpl_func.h"
#include "tmpl_version.h"

static const char *PARAMS = "{\"p\": \"hello\", \"list\": [\"a\", \"b\", \"c\"], \"map\": {\"k\": "
                            "{\"x\": [1, 2]}}, \"num\": 5, \"flag\": true, \"env\": \"prod\", "
                            "\"AWS::StackName\": \"st\"}";
static const char *ATTRS = "{\"server\": {\"first_address\": \"10.0.0.1\", \"networks\": "
                           "{\"private\": [\"10.0.0.1\", \"fd00::1\"]}}, \"vol\": {\"size\": 10}}";
static const char *FILES = "{\"f.txt\": \"file content\"}";
static const char *MAPPINGS = "{\"M\": {\"k1\": {\"v\": \"found\"}}}";

typedef struct fake {
    json_t *params, *attrs, *files;
} fake;

static int f_param(void *ud, const char *name, json_t **value, hh_error *err)
{
    json_t *v = json_object_get(((fake *)ud)->params, name);

    if (!v)
        return HH_ENOTFOUND;
    *value = json_incref(v);
    return 0;
}

static int f_resource(void *ud, const char *name, json_t **value, hh_error *err)
{
    char id[128];

    if (!json_object_get(((fake *)ud)->attrs, name))
        return HH_ENOTFOUND;
    snprintf(id, sizeof(id), "%s-id", name);
    *value = json_string(id);
    return 0;
}

static int f_attr(void *ud, const char *res, const char *attr, json_t **value, hh_error *err)
{
    json_t *r = json_object_get(((fake *)ud)->attrs, res), *v = NULL;

    if (!r)
        return HH_ENOTFOUND;
    if (!attr) {
        *value = json_incref(r);
        return 0;
    }
    v = json_object_get(r, attr);
    if (!v)
        return HH_ENOTFOUND;
    *value = json_incref(v);
    return 0;
}

static int f_file(void *ud, const char *key, json_t **value, hh_error *err)
{
    json_t *v = json_object_get(((fake *)ud)->files, key);

    if (!v)
        return HH_ENOTFOUND;
    *value = json_incref(v);
    return 0;
}

static int f_azs(void *ud, json_t **value, hh_error *err)
{
    *value = json_pack("[ss]", "az1", "az2");
    return 0;
}

static const hh_fctx_ops fake_ops = {
    .get_param = f_param,
    .get_resource = f_resource,
    .get_attr = f_attr,
    .get_file = f_file,
    .get_azs = f_azs,
};

/* CASES: one JSON object per line: version ("key value"), snippet, mode
 * (resolve | validate | cond | cvalidate | deps), optional path and conditions, and
 * Heat's answer: ok (value) or type + msg. */
static const char *const CASES[] = {
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2014-10-16\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2018-03-02\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2018-08-31\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"map\", "
    "\"k\", \"x\", 1]}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"map\", "
    "\"k\", \"x\", \"1\"]}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"list\", "
    "\"-1\"]}, \"ok\": \"c\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"list\", "
    "7]}, \"ok\": \"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"list\", "
    "\"z\"]}, \"ok\": \"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"p\", 1]}, "
    "\"ok\": \"e\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"num\", "
    "\"a\"]}, \"ok\": \"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": "
    "\"missing\"}, \"type\": \"UserParameterMissing\", \"msg\": \"The Parameter (missing) was not "
    "provided.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": []}, "
    "\"type\": \"ValueError\", \"msg\": \"Function \\\"get_param\\\" must have arguments\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": {\"a\": 1}}, "
    "\"type\": \"TypeError\", \"msg\": \"Argument to \\\"get_param\\\" must be string or list\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [1]}, "
    "\"type\": \"TypeError\", \"msg\": \"Parameter name in \\\"get_param\\\" must be string\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"map\", "
    "{\"get_param\": \"p\"}]}, \"ok\": \"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"map\", "
    "[\"k\"]]}, \"ok\": \"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"x\": {\"get_param\": "
    "\"flag\"}, \"y\": [{\"get_param\": \"num\"}]}, \"ok\": {\"x\": true, \"y\": [5]}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_resource\": "
    "\"server\"}, \"ok\": \"server-id\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_resource\": "
    "\"nope\"}, \"type\": \"InvalidTemplateReference\", \"msg\": \"The specified reference "
    "\\\"nope\\\" (in unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_resource\": "
    "{\"get_param\": \"p\"}}, \"type\": \"InvalidTemplateReference\", \"msg\": \"The specified "
    "reference \\\"hello\\\" (in unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"networks\", \"private\", 0]}, \"ok\": \"10.0.0.1\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"get_attr\": "
    "[\"server\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".get_attr: Arguments to "
    "\\\"get_attr\\\" must be of the form [resource_name, attribute, (path), ...]\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"get_attr\": \"server\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".get_attr: Argument to \\\"get_attr\\\" must "
    "be a list\"}",
    "{\"version\": \"heat_template_version 2014-10-16\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"first_address\"]}, \"ok\": \"10.0.0.1\"}",
    "{\"version\": \"heat_template_version 2014-10-16\", \"snippet\": {\"get_attr\": "
    "[\"server\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".get_attr: Arguments to "
    "\\\"get_attr\\\" must be of the form [resource_name, attribute, (path), ...]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": "
    "[\"server\"]}, \"ok\": {\"first_address\": \"10.0.0.1\", \"networks\": {\"private\": "
    "[\"10.0.0.1\", \"fd00::1\"]}}}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"vol\", "
    "\"size\"]}, \"ok\": 10}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"networks\", \"private\", 1]}, \"ok\": \"fd00::1\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"networks\", \"public\", 1]}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"networks\", \"private\", \"x\"]}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"nope\"]}, \"type\": \"InvalidTemplateAttribute\", \"msg\": \"The Referenced Attribute "
    "(server nope) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"nope\", "
    "\"x\"]}, \"type\": \"InvalidTemplateReference\", \"msg\": \"The specified reference "
    "\\\"nope\\\" (in unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": []}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".get_attr: Arguments to \\\"get_attr\\\" can "
    "be of the next forms: [resource_name] or [resource_name, attribute, (path), ...]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": {\"a\": "
    "\"b\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".get_attr: Argument to "
    "\\\"get_attr\\\" must be a list\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": \"ab\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".get_attr: Argument to \\\"get_attr\\\" must "
    "be a list\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"nope\"]}, \"mode\": \"validate\", \"path\": \"outputs.o.value\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"outputs.o.value.get_attr: The Referenced Attribute "
    "(server nope) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"nope\", "
    "\"x\"]}, \"mode\": \"validate\", \"path\": \"outputs.o.value\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"outputs.o.value.get_attr: The specified reference "
    "\\\"nope\\\" (in unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": "
    "[\"server\"]}, \"mode\": \"validate\", \"path\": \"outputs.o.value\", \"ok\": null}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"a\": {\"get_attr\": "
    "[\"server\", \"first_address\"]}}, \"mode\": \"validate\", \"path\": \"outputs.o.value\", "
    "\"ok\": null}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"nope\", "
    "\"x\"]}, \"mode\": \"deps\", \"path\": \"a.Properties.value\", \"type\": "
    "\"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"nope\\\" (in "
    "a.Properties.value) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_file\": \"f.txt\"}, "
    "\"ok\": \"file content\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_file\": \"g.txt\"}, "
    "\"type\": \"ValueError\", \"msg\": \"No content found in the \\\"files\\\" section for "
    "get_file path: g.txt\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_file\": [\"f.txt\"]}, "
    "\"type\": \"TypeError\", \"msg\": \"Argument to \\\"get_file\\\" must be a string\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"a $x b $xy\", \"params\": {\"$x\": \"X\", \"$xy\": \"XY\"}}}, \"ok\": \"a X "
    "b XY\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"n=$n f=$f b=$b z=$z\", \"params\": {\"$n\": 3, \"$f\": 1.5, \"$b\": true, "
    "\"$z\": null}}}, \"ok\": \"n=3 f=1.5 b=True z=\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"v=$v\", \"params\": {\"$v\": [1, {\"b\": 2, \"a\": \"x\"}]}}}, \"type\": "
    "\"TypeError\", \"msg\": \"\\\"str_replace\\\" params must be strings or numbers, param $v is "
    "not valid\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"v=$v\", \"params\": {\"$v\": {\"k\": \"v\"}}}}, \"type\": \"TypeError\", "
    "\"msg\": \"\\\"str_replace\\\" params must be strings or numbers, param $v is not valid\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"a $x b $xy\", \"params\": {\"$x\": \"X\", \"$xy\": \"XY\"}}}, \"ok\": \"a X "
    "b XY\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"n=$n f=$f b=$b z=$z\", \"params\": {\"$n\": 3, \"$f\": 1.5, \"$b\": true, "
    "\"$z\": null}}}, \"ok\": \"n=3 f=1.5 b=True z=\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"v=$v\", \"params\": {\"$v\": [1, {\"b\": 2, \"a\": \"x\"}]}}}, \"ok\": "
    "\"v=[1, {\\\"a\\\": \\\"x\\\", \\\"b\\\": 2}]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"v=$v\", \"params\": {\"$v\": {\"k\": \"v\"}}}}, \"ok\": \"v={\\\"k\\\": "
    "\\\"v\\\"}\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"ab\", \"params\": {\"a\": \"b\", \"b\": \"c\"}}}, \"ok\": \"bc\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"aa\", \"params\": {\"a\": \"x\", \"b\": \"y\", \"ab\": \"z\"}}}, \"ok\": "
    "\"xx\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": 1, \"params\": {}}}, \"type\": \"TypeError\", \"msg\": \"\\\"str_replace\\\" "
    "template must be a string\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"x\", \"params\": []}}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\".str_replace: \\\"str_replace\\\" parameters must be a mapping\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"x\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".str_replace: "
    "'\\\"str_replace\\\" syntax should be str_replace:\\\\n              template: This is var1 "
    "template var2\\\\n              params:\\\\n                var1: a\\\\n                var2: "
    "string'\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": [\"x\"]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".str_replace: Arguments to "
    "\\\"str_replace\\\" must be a map\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"x\", \"params\": {\"get_param\": \"map\"}}}, \"ok\": \"x\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"x\", \"params\": {\"get_param\": \"p\"}}}, \"type\": \"TypeError\", \"msg\": "
    "\"\\\"str_replace\\\" params must be a map\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"x\", \"params\": {\"\": \"y\"}}}, \"type\": \"ValueError\", \"msg\": \"empty "
    "separator\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"x=1e100 $f\", \"params\": {\"$f\": 1e+100}}}, \"ok\": \"x=1e100 1e+100\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"$f $g $h\", \"params\": {\"$f\": 1e-07, \"$g\": 1.2345678901234567e+19, "
    "\"$h\": 0.1}}}, \"ok\": \"1e-07 1.2345678901234567e+19 0.1\"}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"str_replace_strict\": "
    "{\"template\": \"a $x\", \"params\": {\"$x\": \"X\", \"$y\": \"Y\", \"$zz\": \"Z\"}}}, "
    "\"type\": \"ValueError\", \"msg\": \"The following params were not found in the template: "
    "$zz,$y\"}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"str_replace_strict\": "
    "{\"template\": \"a $x\", \"params\": {\"$x\": \"X\"}}}, \"ok\": \"a X\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"str_replace_vstrict\": "
    "{\"template\": \"a $x\", \"params\": {\"$x\": \"\"}}}, \"type\": \"ValueError\", \"msg\": "
    "\"str_replace_vstrict has an undefined or empty value for param $x, must be a defined "
    "non-empty value\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"str_replace_vstrict\": "
    "{\"template\": \"a $x\", \"params\": {\"$x\": null}}}, \"type\": \"ValueError\", \"msg\": "
    "\"str_replace_vstrict has an undefined or empty value for param $x, must be a defined "
    "non-empty value\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"str_replace_vstrict\": "
    "{\"template\": \"a $x\", \"params\": {\"$x\": []}}}, \"type\": \"ValueError\", \"msg\": "
    "\"str_replace_vstrict has an undefined or empty value for param $x, must be a defined "
    "non-empty value\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"str_replace_vstrict\": "
    "{\"template\": \"a $x\", \"params\": {\"$x\": 0}}}, \"ok\": \"a 0\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"str_replace_strict\": "
    "{\"template\": \"a\", \"params\": {}}}, \"ok\": {\"str_replace_strict\": {\"template\": "
    "\"a\", \"params\": {}}}}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\", \"b\", null]]}, \"ok\": \"a,b,\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\", 1]]}, \"type\": \"TypeError\", \"msg\": \"Items to join must be strings not 1\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\"], [\"b\"]]}, \"type\": \"StackValidationFailed\", \"msg\": \".list_join: Incorrect "
    "arguments to \\\"list_join\\\" should be: \\\"list_join\\\" : [ \\\" \\\", [ \\\"str1\\\", "
    "\\\"str2\\\"]]\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", "
    "\"ab\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"list_join\\\" must operate on a list\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [1, "
    "[\"a\"]]}, \"type\": \"TypeError\", \"msg\": \"\\\"list_join\\\" delimiter must be a "
    "string\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", "
    "null]}, \"ok\": \"\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\", \"b\"], [\"c\"], null, []]}, \"ok\": \"a,b,c\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\", {\"b\": 1, \"a\": [1, 2]}, [true, null]]]}, \"ok\": \"a,{\\\"a\\\": [1, 2], "
    "\\\"b\\\": 1},[true, null]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\", 1]]}, \"type\": \"TypeError\", \"msg\": \"Items to join must be string, map or list "
    "not 1\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\"]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".list_join: Incorrect arguments to "
    "\\\"list_join\\\" should be: \\\"list_join\\\" : [ \\\" \\\", [ \\\"str1\\\", \\\"str2\\\"] "
    "...]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": \",\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".list_join: Incorrect arguments to "
    "\\\"list_join\\\" should be: \\\"list_join\\\" : [ \\\" \\\", [ \\\"str1\\\", \\\"str2\\\"] "
    "...]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "\"ab\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"list_join\\\" must operate on a list\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "{\"a\": 1}]}, \"type\": \"TypeError\", \"msg\": \"\\\"list_join\\\" must operate on a list\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [1, "
    "[\"a\"]]}, \"type\": \"TypeError\", \"msg\": \"\\\"list_join\\\" delimiter must be a "
    "string\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "{\"get_param\": \"list\"}]}, \"ok\": \"a,b,c\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": "
    "{\"get_param\": \"list\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".list_join: "
    "Incorrect arguments to \\\"list_join\\\" should be: \\\"list_join\\\" : [ \\\" \\\", [ "
    "\\\"str1\\\", \\\"str2\\\"] ...]\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"repeat\": {\"template\": "
    "\"x-%v%\", \"for_each\": {\"%v%\": [\"a\", \"b\"]}}}, \"ok\": [\"x-a\", \"x-b\"]}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"repeat\": {\"template\": "
    "{\"k%v%\": [\"%v%\", \"%w%\"]}, \"for_each\": {\"%v%\": [\"a\", \"b\"], \"%w%\": [\"1\", "
    "\"2\"]}}}, \"ok\": [{\"ka\": [\"a\", \"1\"]}, {\"ka\": [\"a\", \"2\"]}, {\"kb\": [\"b\", "
    "\"1\"]}, {\"kb\": [\"b\", \"2\"]}]}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"repeat\": {\"template\": "
    "\"x\", \"for_each\": {\"%v%\": {\"a\": 1}}}}, \"type\": \"TypeError\", \"msg\": \"The values "
    "of the \\\"for_each\\\" argument to \\\"repeat\\\" must be lists\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "\"x-%v%\", \"for_each\": {\"%v%\": {\"a\": 1, \"b\": 2}}}}, \"ok\": [\"x-a\", \"x-b\"]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "\"x\", \"for_each\": {\"%v%\": \"ab\"}}}, \"type\": \"TypeError\", \"msg\": \"The values of "
    "the \\\"for_each\\\" argument to \\\"repeat\\\" must be lists or maps\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "\"x\", \"for_each\": [\"a\"]}}, \"mode\": \"validate\", \"type\": \"StackValidationFailed\", "
    "\"msg\": \"repeat: The \\\"for_each\\\" argument to \\\"repeat\\\" must contain a map\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "\"x\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".repeat: '\\\"repeat\\\" syntax "
    "should be repeat:\\\\n              template: This is %var%\\\\n              for_each:\\\\n  "
    "              %var%: [\\\\'a\\\\', \\\\'b\\\\', \\\\'c\\\\']'\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": [\"x\"]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".repeat: Arguments to \\\"repeat\\\" must be "
    "a map\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%v%\", \"for_each\": {\"%v%\": [1]}}}, \"type\": \"TypeError\", \"msg\": \"replace() "
    "argument 2 must be str, not int\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "[\"%v%\"], \"for_each\": {\"%v%\": null}}}, \"ok\": []}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "\"a-%v%\", \"for_each\": {\"%v%\": {\"get_param\": \"list\"}}}}, \"ok\": [\"a-a\", \"a-b\", "
    "\"a-c\"]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"repeat\": {\"template\": "
    "\"ab\", \"for_each\": {\"\": [\"-\"]}}}, \"ok\": [\"-a-b-\"]}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%%b%\", \"for_each\": {\"%a%\": [\"1\", \"2\"], \"%b%\": [\"x\", \"y\"]}, "
    "\"permutations\": false}}, \"ok\": [\"1x\", \"2y\"]}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%%b%\", \"for_each\": {\"%a%\": [\"1\", \"2\"], \"%b%\": [\"x\"]}, \"permutations\": "
    "false}}, \"type\": \"ValueError\", \"msg\": \"For repeat, the length of for_each values "
    "should be equal if no nested loop.\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%%b%\", \"for_each\": {\"%a%\": [\"1\", \"2\"], \"%b%\": [\"x\", \"y\"]}}}, \"ok\": "
    "[\"1x\", \"1y\", \"2x\", \"2y\"]}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%\", \"for_each\": {\"%a%\": [\"1\"]}, \"permutations\": \"no\"}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \".repeat: \\\"permutations\\\" should be boolean type "
    "for repeat function.\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%\", \"for_each\": {\"%a%\": {\"k\": 1}}, \"permutations\": false}}, \"type\": "
    "\"TypeError\", \"msg\": \"The values of the \\\"for_each\\\" argument to \\\"repeat\\\" must "
    "be lists\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"md5\", "
    "\"hello world\"]}, \"ok\": \"5eb63bbbe01eeed093cb22bb8f5acdc3\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha1\", "
    "\"hello world\"]}, \"ok\": \"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha224\", "
    "\"hello world\"]}, \"ok\": \"2f05477fc24bb4faefd86517156dafdecec45b8ad3cf2522a563582b\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha256\", "
    "\"hello world\"]}, \"ok\": "
    "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha384\", "
    "\"hello world\"]}, \"ok\": "
    "\"fdbd8e75a67f29f701a4e040385e2e23986303ea10239211af907fcbb83578b3e417cb71ce646efd0819dd8c088d"
    "e1bd\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha512\", "
    "\"hello world\"]}, \"ok\": "
    "\"309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45"
    "b0cfd830e81f605dcf7dc5542e93ae9cd76f\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"SHA256\", "
    "\"hello world\"]}, \"ok\": "
    "\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha256\", "
    "\"\"]}, \"ok\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha512\", "
    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxx\"]}, \"ok\": "
    "\"ef978e23dc520404ae16fd17bde9ee5945610d671551d6863a5ffbc99433fc726726e51f989b886191be9325b8f8"
    "b03b1a63fe3e5eff23d126c2f41f07d2bf87\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"md5\", "
    "\"café\"]}, \"ok\": \"961f50f6282239d09e48f812c1ca7276\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"md5\"]}, "
    "\"type\": \"ValueError\", \"msg\": \"Function \\\"digest\\\" usage: [\\\"<algorithm>\\\", "
    "\\\"<value>\\\"]\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"md5\", 1]}, "
    "\"type\": \"TypeError\", \"msg\": \"Argument to function \\\"digest\\\" must be a list of "
    "strings\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": \"md5\"}, "
    "\"type\": \"TypeError\", \"msg\": \"Argument to function \\\"digest\\\" must be a list of "
    "strings\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b,,c\"]}, \"ok\": [\"a\", \"b\", \"\", \"c\"]}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b,c\", 1]}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b,c\", \"-1\"]}, \"ok\": \"c\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b,c\", 5]}, \"type\": \"ValueError\", \"msg\": \"Incorrect index to \\\"str_split\\\" "
    "should be between 0 and 2\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b,c\", \"x\"]}, \"type\": \"ValueError\", \"msg\": \"Incorrect index to \\\"str_split\\\" "
    "should be: \\\"str_split\\\" : [ \\\",\\\", \\\"apples,pears\\\", <index>]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "null]}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\"]}, "
    "\"type\": \"ValueError\", \"msg\": \"Incorrect arguments to \\\"str_split\\\" should be: "
    "\\\"str_split\\\" : [ \\\",\\\", \\\"apples,pears\\\", <index>]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": \"a,b\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".str_split: Incorrect arguments to "
    "\\\"str_split\\\" should be: \\\"str_split\\\" : [ \\\",\\\", \\\"apples,pears\\\", "
    "<index>]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": {\"a\": "
    "\"b\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".str_split: Incorrect arguments to "
    "\\\"str_split\\\" should be: \\\"str_split\\\" : [ \\\",\\\", \\\"apples,pears\\\", "
    "<index>]\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [null, \" a  "
    "b \"]}, \"ok\": [\"a\", \"b\"]}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\"\", "
    "\"ab\"]}, \"type\": \"ValueError\", \"msg\": \"empty separator\"}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"map_merge\": [{\"a\": 1, "
    "\"b\": 2}, {\"b\": 3}, null]}, \"ok\": {\"a\": 1, \"b\": 3}}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"map_merge\": [{\"a\": 1}, "
    "[1]]}, \"type\": \"TypeError\", \"msg\": \"Incorrect arguments: Items to merge must be "
    "maps.\"}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"map_merge\": {\"a\": 1}}, "
    "\"type\": \"TypeError\", \"msg\": \"Incorrect arguments to \\\"map_merge\\\" should be: "
    "\\\"map_merge\\\" : [ { \\\"key1\\\": \\\"val1\\\" }, { \\\"key2\\\": \\\"val2\\\" } ]\"}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"map_merge\": "
    "[{\"get_param\": \"map\"}, {\"z\": 1}]}, \"ok\": {\"k\": {\"x\": [1, 2]}, \"z\": 1}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [{\"k1\": "
    "\"v1\", \"k2\": \"v2\"}, {\"keys\": {\"k1\": \"K1\"}, \"values\": {\"v2\": \"V2\"}}]}, "
    "\"ok\": {\"K1\": \"v1\", \"k2\": \"V2\"}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [{\"k1\": "
    "\"v1\", \"k2\": \"v2\"}, {\"keys\": {\"k1\": \"k2\"}}]}, \"type\": \"ValueError\", \"msg\": "
    "\"key replacement k2 collides with a key in the input map\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [{\"k1\": "
    "\"v1\"}, {\"bad\": {}}]}, \"type\": \"ValueError\", \"msg\": \"Incorrect arguments to "
    "\\\"map_replace\\\" should be: \\\"map_replace\\\" : [ { \\\"key1\\\": \\\"val1\\\" }, "
    "{\\\"keys\\\": {\\\"key1\\\": \\\"key2\\\"}, \\\"values\\\": {\\\"val1\\\": "
    "\\\"val2\\\"}}]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [{\"k1\": "
    "\"v1\"}]}, \"type\": \"TypeError\", \"msg\": \"Incorrect arguments to \\\"map_replace\\\" "
    "should be: \\\"map_replace\\\" : [ { \\\"key1\\\": \\\"val1\\\" }, {\\\"keys\\\": "
    "{\\\"key1\\\": \\\"key2\\\"}, \\\"values\\\": {\\\"val1\\\": \\\"val2\\\"}}]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [1, {}]}, "
    "\"type\": \"TypeError\", \"msg\": \"Incorrect arguments: to \\\"map_replace\\\", arguments "
    "must be a list of maps. Example:  \\\"map_replace\\\" : [ { \\\"key1\\\": \\\"val1\\\" }, "
    "{\\\"keys\\\": {\\\"key1\\\": \\\"key2\\\"}, \\\"values\\\": {\\\"val1\\\": "
    "\\\"val2\\\"}}]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": {\"a\": "
    "1}}, \"type\": \"KeyError\", \"msg\": \"0\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [{\"k1\": "
    "[1], \"k2\": \"v\"}, {\"values\": {\"v\": \"w\"}}]}, \"ok\": {\"k1\": [1], \"k2\": \"w\"}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.a\", \"data\": {\"a\": 1}}}, \"mode\": \"validate\", \"ok\": null}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "1}}, \"mode\": \"validate\", \"type\": \"StackValidationFailed\", \"msg\": \"yaql: The "
    "\\\"expression\\\" argument to yaql must contain a string.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": \"x\"}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \".yaql: Arguments to \\\"yaql\\\" must be a map.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"data\": {}}}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".yaql: '\\\"yaql\\\" syntax should be "
    "yaql:\\\\n              expression: $.data.var1.sum()\\\\n              data:\\\\n            "
    "    var1: [3, 2, 1]'\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"x\", \"junk\": 1}}, \"type\": \"StackValidationFailed\", \"msg\": \".yaql: '\\\"yaql\\\" "
    "syntax should be yaql:\\\\n              expression: $.data.var1.sum()\\\\n              "
    "data:\\\\n                var1: [3, 2, 1]'\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"prod\", \"a\", "
    "\"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"dev\", \"a\", "
    "\"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"both\", "
    "{\"get_param\": \"p\"}, {\"get_param\": \"missing\"}]}, \"conditions\": {\"prod\": "
    "{\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": "
    "{\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": "
    "\"hello\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"either\", \"a\", "
    "\"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [true, \"a\", "
    "\"b\"]}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"not\": true}, "
    "\"a\", \"b\"]}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"nope\", \"a\", "
    "\"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", \"msg\": \".if: "
    "Invalid condition \\\"nope\\\"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"prod\", \"a\"]}, "
    "\"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": "
    "{\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": "
    "{\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", \"msg\": \".if: Arguments "
    "to \\\"if\\\" must be of the form: [condition_name, value_if_true, value_if_false]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": \"prod\"}, "
    "\"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": "
    "{\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": "
    "{\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", \"msg\": \".if: Arguments "
    "to \\\"if\\\" must be of the form: [condition_name, value_if_true, value_if_false]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"get_attr\": "
    "[\"server\", \"x\"]}, \"a\", \"b\"]}, \"conditions\": {\"prod\": {\"equals\": "
    "[{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": "
    "[\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"if.get_attr: The function \\\"get_attr\\\" is invalid "
    "in this context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"get_param\": "
    "\"flag\"}, \"a\", \"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"equals\": [1]}, "
    "\"a\", \"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \"if.equals: Arguments to \\\"equals\\\" must be of the form: [value_1, value_2]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"and\": "
    "[\"prod\"]}, \"a\", \"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": "
    "\"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \"if.and: The minimum number of condition arguments to \\\"and\\\" is 2.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"or\": "
    "\"prod\"}, \"a\", \"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \"if.or: Arguments to \\\"or\\\" must be a list of conditions\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"not\": null}, "
    "\"a\", \"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \"if.not: Argument to \\\"not\\\" must be a condition\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"and\": "
    "[\"prod\", \"x\"]}, \"a\", \"b\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": "
    "\"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \".if: Invalid condition \\\"x\\\"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"c1\", \"a\", "
    "\"b\"]}, \"conditions\": {\"c1\": {\"not\": \"c2\"}, \"c2\": {\"not\": \"c1\"}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"Condition validation error: Circular definition for "
    "condition \\\"c1\\\"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"c1\", \"a\", "
    "\"b\"]}, \"conditions\": {\"c1\": \"x\"}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\"Condition validation error: The definition of condition \\\"c1\\\" is invalid: x\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"c1\", \"a\", "
    "\"b\"]}, \"conditions\": {\"c1\": {\"get_param\": \"p\"}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"Condition validation error: The definition of condition "
    "\\\"c1\\\" is invalid: hello\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"prod\", "
    "{\"get_param\": \"missing\"}, \"b\"]}, \"conditions\": {\"prod\": {\"equals\": "
    "[{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": "
    "[\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": "
    "\"UserParameterMissing\", \"msg\": \"The Parameter (missing) was not provided.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": {\"if\": [\"dev\", "
    "\"x\"]}}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\".a.if: Arguments to \\\"if\\\" must be of the form: [condition_name, value_if_true, "
    "value_if_false]\"}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"a\": {\"if\": [\"dev\", "
    "\"x\"]}, \"b\": [1, {\"if\": [\"dev\", 2]}, {\"if\": [\"prod\", 3]}]}, \"conditions\": "
    "{\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, "
    "\"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, "
    "\"ok\": {\"b\": [1, 3]}}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"if\": [\"dev\", \"x\"]}, "
    "\"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": "
    "{\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": "
    "{\"or\": [\"dev\", false]}}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"if\": [\"prod\", \"x\", "
    "\"y\", \"z\"]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \".if: Arguments to \\\"if\\\" must be of the form: [condition_name, value_if_true, "
    "value_if_false]\"}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\", {\"if\": [\"dev\", \"b\"]}], {\"if\": [\"dev\", [\"c\"]]}]}, \"conditions\": "
    "{\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, "
    "\"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, "
    "\"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"if\": [\"prod\", {\"if\": "
    "[\"dev\", 1]}]}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"x\": {\"if\": [\"prod\", "
    "{\"if\": [\"dev\", 1]}]}}, \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": {}}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"if\": [\"prod\", "
    "{\"ref\": {\"get_resource\": \"nope\"}}, \"b\"]}, \"mode\": \"deps\", \"path\": "
    "\"a.Properties\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"InvalidTemplateReference\", "
    "\"msg\": \"The specified reference \\\"nope\\\" (in a.Properties.if.ref) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"if\": [\"dev\", {\"ref\": "
    "{\"get_resource\": \"nope\"}}, {\"get_attr\": [\"vol\", \"size\"]}]}, \"mode\": \"deps\", "
    "\"path\": \"a.Properties\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": "
    "\"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": [\"vol\"]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"x\": [{\"if\": [\"prod\", "
    "{\"get_attr\": [\"server\", \"nope\"]}, 1]}]}, \"mode\": \"validate\", \"path\": "
    "\"outputs.o.value\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \"outputs.o.value.x[0].if: get_attr: The Referenced Attribute (server nope) is "
    "incorrect.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": \"prod\", \"mode\": "
    "\"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": \"both\", \"mode\": "
    "\"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": true, \"mode\": \"cond\", "
    "\"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": "
    "{\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": "
    "{\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"equals\": "
    "[{\"get_param\": \"num\"}, 5.0]}, \"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": "
    "[{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": "
    "[\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"equals\": [true, 1]}, "
    "\"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"equals\": [[1, {\"a\": "
    "\"b\"}], [1, {\"a\": \"b\"}]]}, \"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": "
    "[{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": "
    "[\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"x\"]}, \"mode\": \"cond\", \"path\": \"resources.a.condition\", \"conditions\": {\"prod\": "
    "{\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": "
    "{\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"resources.a.condition.get_attr: The function "
    "\\\"get_attr\\\" is invalid in this context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"Ref\": \"x\"}, \"mode\": "
    "\"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"type\": \"ValueError\", \"msg\": \"Invalid "
    "condition \\\"{'Ref': 'x'}\\\"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": \"env\"}, "
    "\"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"contains\": [\"a\", "
    "[\"a\"]]}, \"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": "
    "\"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"ValueError\", \"msg\": "
    "\"Invalid condition \\\"{'contains': ['a', ['a']]}\\\"\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [\"a\", "
    "[\"a\"]]}, \"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": "
    "\"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"not\": {\"contains\": "
    "[\"z\", {\"get_param\": \"list\"}]}}, \"mode\": \"cond\", \"conditions\": {\"prod\": "
    "{\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": "
    "{\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": "
    "true}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": \"nope\", \"mode\": "
    "\"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, "
    "\"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, "
    "\"either\": {\"or\": [\"dev\", false]}}, \"type\": \"ValueError\", \"msg\": \"Invalid "
    "condition \\\"nope\\\"\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": 7, \"mode\": \"cond\", "
    "\"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": "
    "{\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": "
    "{\"or\": [\"dev\", false]}}, \"type\": \"ValueError\", \"msg\": \"Invalid condition "
    "\\\"7\\\"\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"and\": [true, {\"or\": "
    "[false, \"prod\"]}, {\"not\": \"dev\"}]}, \"mode\": \"cond\", \"conditions\": {\"prod\": "
    "{\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": "
    "{\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": "
    "true}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"equals\": [1, 2, 3]}, "
    "\"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \".equals: Arguments to \\\"equals\\\" must be of the form: [value_1, value_2]\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"equals\": [1, 2]}, "
    "\"mode\": \"resolve\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": {\"equals\": [1, 2]}}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"not\": \"prod\"}, "
    "\"mode\": \"resolve\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": {\"not\": \"prod\"}}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"filter\": [[1, \"b\"], "
    "[1, 2, \"b\", \"c\", 1.0]]}, \"ok\": [2, \"c\"]}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"filter\": [null, [1, "
    "2]]}, \"ok\": [1, 2]}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"filter\": [[1], null]}, "
    "\"ok\": null}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"filter\": [[1], "
    "\"abc\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"filter\\\" only works with lists\"}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"filter\": [\"x\", [1]]}, "
    "\"type\": \"TypeError\", \"msg\": \"format requires a mapping\"}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"filter\": [[1]]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".filter: \\\"filter\\\" expected 2 arguments "
    "of the form [values, sequence] but got 1 arguments instead\"}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"filter\": \"x\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".filter: Argument to \\\"filter\\\" must be a "
    "list\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"http\", \"host\": \"example.com\", \"port\": 8080, \"path\": \"/a b/c\", \"query\": {\"q\": "
    "\"x y/z\", \"n\": 1}, \"fragment\": \"f g\"}}, \"ok\": "
    "\"http://example.com:8080/a%20b/c?q=x+y/z&n=1#f%20g\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"https\", \"username\": \"u@x\", \"password\": \"p:w\", \"host\": \"fd00::1\", \"path\": "
    "\"p\"}}, \"ok\": \"https://u%40x:p%3Aw@[fd00::1]/p\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"http\", \"host\": \"[::1]\", \"port\": \"80\"}}, \"ok\": \"http://[::1]:80\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"file\", \"path\": \"/tmp/x\"}}, \"ok\": \"file:///tmp/x\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"path\": "
    "\"a\"}}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"ht:tp\", \"host\": \"x\"}}, \"type\": \"ValueError\", \"msg\": \"URL \\\"scheme\\\" should "
    "not contain ':'\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"host\": "
    "\"x\", \"port\": 0}}, \"type\": \"ValueError\", \"msg\": \"Invalid URL port 0, must be in "
    "range 1-65535\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"host\": "
    "\"x\", \"port\": \"abc\"}}, \"type\": \"ValueError\", \"msg\": \"Invalid URL port \\\"abc\\\" "
    "for make_url called with {'host': 'x', 'port': 'abc'}\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"host\": "
    "1}}, \"type\": \"TypeError\", \"msg\": \"The \\\"host\\\" argument to \\\"make_url\\\" must "
    "be a string\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"query\": "
    "\"x\"}}, \"type\": \"TypeError\", \"msg\": \"The \\\"query\\\" argument to \\\"make_url\\\" "
    "must be a map\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"bogus\": "
    "\"x\"}}, \"mode\": \"validate\", \"type\": \"StackValidationFailed\", \"msg\": \"make_url: "
    "Invalid arguments to \\\"make_url\\\": bogus\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": [\"x\"]}, "
    "\"mode\": \"validate\", \"type\": \"StackValidationFailed\", \"msg\": \"make_url: The "
    "arguments to \\\"make_url\\\" must be a map\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"host\": "
    "{\"get_param\": \"p\"}, \"username\": \"u\"}}, \"ok\": \"//u@hello\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"list_concat\": [[1, 2], "
    "null, [2, \"a\"]]}, \"ok\": [1, 2, 2, \"a\"]}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"list_concat_unique\": "
    "[[1, 2], [2, 1.0, \"a\", true, {\"k\": 1}], [{\"k\": 1}]]}, \"ok\": [1, 2, \"a\", {\"k\": "
    "1}]}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"list_concat\": [[1], "
    "{\"b\": 1, \"a\": 2}]}, \"type\": \"TypeError\", \"msg\": \"Incorrect arguments: Items to "
    "concat must be lists. [[1], {\\\"b\\\": 1, \\\"a\\\": 2}] contains an item that is not a "
    "list: {\\\"b\\\": 1, \\\"a\\\": 2}\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"list_concat\": \"ab\"}, "
    "\"type\": \"TypeError\", \"msg\": \"Incorrect arguments to \\\"list_concat\\\" should be: "
    "\\\"list_concat\\\" : [ [ <value 1>, <value 2> ], [ <value 3>, <value 4> ] ]\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"list_concat\": {\"a\": "
    "1}}, \"type\": \"TypeError\", \"msg\": \"Incorrect arguments to \\\"list_concat\\\" should "
    "be: \\\"list_concat\\\" : [ [ <value 1>, <value 2> ], [ <value 3>, <value 4> ] ]\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [\"a\", "
    "[\"a\", \"b\"]]}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [\"ell\", "
    "\"hello\"]}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [1, "
    "\"hello\"]}, \"type\": \"TypeError\", \"msg\": \"'in <string>' requires string as left "
    "operand, not int\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [1, {\"a\": "
    "1}]}, \"type\": \"TypeError\", \"msg\": \"Second argument to \\\"contains\\\" should be a "
    "sequence.\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [\"a\"]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".contains: Arguments to \\\"contains\\\" must "
    "be of the form: [value1, [value1, value2]]\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": \"a\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".contains: Incorrect arguments to "
    "\\\"contains\\\" should be: \\\"contains\\\" : [ \\\"value1\\\", [ \\\"value1\\\", "
    "\\\"value2\\\"]]\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [1.0, [1]]}, "
    "\"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"resource_facade\": "
    "\"bogus\"}, \"type\": \"StackValidationFailed\", \"msg\": \".resource_facade: Incorrect "
    "arguments to \\\"resource_facade\\\" should be one of: metadata, deletion_policy, "
    "update_policy\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"resource_facade\": "
    "\"metadata\"}, \"type\": \"AttributeError\", \"msg\": \"'NoneType' object has no attribute "
    "'metadata_get'\"}",
    "{\"version\": \"heat_template_version 2014-10-16\", \"snippet\": {\"a\": [{\"Ref\": \"x\"}]}, "
    "\"mode\": \"validate\", \"path\": \"outputs.o.value\", \"type\": \"StackValidationFailed\", "
    "\"msg\": \"outputs.o.value.a[0].Ref: The template version is invalid: The function Ref is not "
    "supported in this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2014-10-16\", \"snippet\": {\"Fn::Join\": [\",\", "
    "[\"a\"]]}, \"mode\": \"validate\", \"type\": \"StackValidationFailed\", \"msg\": \"Fn::Join: "
    "The template version is invalid: The function Fn::Join is not supported in this version of "
    "HOT.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"a\": [{\"Ref\": \"x\"}]}, "
    "\"mode\": \"validate\", \"path\": \"outputs.o.value\", \"type\": \"StackValidationFailed\", "
    "\"msg\": \"outputs.o.value.a[0].Ref: The template version is invalid: The function Ref is not "
    "supported in this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"Fn::Join\": [\",\", "
    "[\"a\"]]}, \"mode\": \"validate\", \"type\": \"StackValidationFailed\", \"msg\": \"Fn::Join: "
    "The template version is invalid: The function Fn::Join is not supported in this version of "
    "HOT.\"}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"a\": [{\"Ref\": \"x\"}]}, "
    "\"mode\": \"validate\", \"path\": \"outputs.o.value\", \"type\": \"StackValidationFailed\", "
    "\"msg\": \"outputs.o.value.a[0].Ref: The template version is invalid: The function Ref is not "
    "supported in this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2021-04-16\", \"snippet\": {\"Fn::Join\": [\",\", "
    "[\"a\"]]}, \"mode\": \"validate\", \"type\": \"StackValidationFailed\", \"msg\": \"Fn::Join: "
    "The template version is invalid: The function Fn::Join is not supported in this version of "
    "HOT.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"Fn::Select\": [0, "
    "[\"a\"]]}, \"mode\": \"validate\", \"type\": \"StackValidationFailed\", \"msg\": "
    "\"Fn::Select: The template version is invalid: The function Fn::Select is not supported in "
    "this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2014-10-16\", \"snippet\": {\"Fn::Select\": [1, [\"a\", "
    "\"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"Fn::Select\": [\"1\", "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2014-10-16\", \"snippet\": {\"repeat\": {\"template\": "
    "\"x\", \"for_each\": {\"%v%\": [\"a\"]}}}, \"ok\": {\"repeat\": {\"template\": \"x\", "
    "\"for_each\": {\"%v%\": [\"a\"]}}}}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b\"]}, \"ok\": {\"str_split\": [\",\", \"a,b\"]}}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"map_merge\": [{}]}, "
    "\"ok\": {\"map_merge\": [{}]}}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"if\": [true, 1, 2]}, "
    "\"ok\": {\"if\": [true, 1, 2]}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"filter\": [[1], [1]]}, "
    "\"ok\": {\"filter\": [[1], [1]]}}",
    "{\"version\": \"heat_template_version 2017-02-24\", \"snippet\": {\"make_url\": {\"host\": "
    "\"x\"}}, \"ok\": {\"make_url\": {\"host\": \"x\"}}}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"list_join\": [\",\", "
    "[\"a\"], [\"b\"]]}, \"ok\": \"a,b\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::Join\": [\",\", "
    "[\"a\", \"b\"]]}, \"ok\": \"a,b\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::Split\": [\",\", "
    "\"a,b\"]}, \"ok\": [\"a\", \"b\"]}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::Replace\": [{\"$a\": "
    "\"A\"}, \"x $a\"]}, \"ok\": \"x A\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::Base64\": \"abc\"}, "
    "\"ok\": \"abc\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::Base64\": [\"abc\"]}, "
    "\"type\": \"TypeError\", \"msg\": \"\\\"Fn::Base64\\\" argument must be a string\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::GetAZs\": \"\"}, "
    "\"ok\": [\"az1\", \"az2\"]}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Ref\": \"server\"}, "
    "\"ok\": \"server-id\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Ref\": \"p\"}, \"ok\": "
    "\"hello\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Ref\": \"nope\"}, "
    "\"type\": \"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"nope\\\" (in "
    "unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::Select\": [0, "
    "[\"a\"]]}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", [\".member.0.Name=k\", \".member.0.Value=v\", \".member.1.Name=k2\", "
    "\".member.1.Value=v2\"]]}, \"ok\": {\"k\": \"v\", \"k2\": \"v2\"}}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"Fn::ResourceFacade\": "
    "\"Bogus\"}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::ResourceFacade: Incorrect "
    "arguments to \\\"Fn::ResourceFacade\\\" should be one of: Metadata, DeletionPolicy, "
    "UpdatePolicy\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"resource_facade\": "
    "\"Metadata\"}, \"type\": \"StackValidationFailed\", \"msg\": \".resource_facade: Incorrect "
    "arguments to \\\"resource_facade\\\" should be one of: metadata, deletion_policy, "
    "update_policy\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Ref\": \"server\"}, "
    "\"ok\": \"server-id\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Ref\": "
    "\"AWS::StackName\"}, \"ok\": \"st\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\", \"first_address\"]}, \"ok\": \"10.0.0.1\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::GetAtt: Arguments to "
    "\\\"Fn::GetAtt\\\" must be of the form [resource_name, attribute]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAtt\": "
    "\"server\"}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::GetAtt: Arguments to "
    "\\\"Fn::GetAtt\\\" must be of the form [resource_name, attribute]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAtt\": 5}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::GetAtt: cannot unpack non-iterable int "
    "object\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\", \"bogus\"]}, \"mode\": \"validate\", \"path\": \"Outputs.o.Value\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"Outputs.o.Value.Fn::GetAtt: The Referenced Attribute "
    "(server bogus) is incorrect.\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Join\": [\" \", "
    "[\"a\", \"b\"]]}, \"ok\": \"a b\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Join\": [\" \", "
    "\"ab\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"Fn::Join\\\" must operate on a list\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [1, "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [\"1\", "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [5, "
    "[\"a\", \"b\"]]}, \"ok\": \"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [\"-1\", "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [\"k\", "
    "{\"k\": \"v\"}]}, \"ok\": \"v\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [\"z\", "
    "{\"k\": \"v\"}]}, \"ok\": \"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [1, "
    "{\"k\": \"v\"}]}, \"type\": \"TypeError\", \"msg\": \"Index to \\\"Fn::Select\\\" must be a "
    "string\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [\"x\", "
    "[\"a\"]]}, \"type\": \"TypeError\", \"msg\": \"Index to \\\"Fn::Select\\\" must be an "
    "integer\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [0, "
    "\"\"]}, \"ok\": \"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [0, "
    "null]}, \"ok\": \"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [0, "
    "\"[\\\"q\\\", \\\"r\\\"]\"]}, \"ok\": \"q\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [0, 5]}, "
    "\"type\": \"TypeError\", \"msg\": \"Arguments to Fn::Select not fully resolved\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [0]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::Select: Arguments to \\\"Fn::Select\\\" "
    "must be of the form [index, collection]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Split\": [\",\", "
    "\"a,b\"]}, \"ok\": [\"a\", \"b\"]}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Split\": [\",\", "
    "5]}, \"type\": \"TypeError\", \"msg\": \"String to split must be string; got <class 'int'>\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Split\": [5, "
    "\"a\"]}, \"type\": \"TypeError\", \"msg\": \"Delimiter for Fn::Split must be string\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Split\": \"a\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::Split: Incorrect arguments to "
    "\\\"Fn::Split\\\" should be: \\\"Fn::Split\\\" : [ \\\",\\\", \\\"str1,str2\\\"]]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Split\": [\",\"]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::Split: Incorrect arguments to "
    "\\\"Fn::Split\\\" should be: \\\"Fn::Split\\\" : [ \\\",\\\", \\\"str1,str2\\\"]]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Replace\": "
    "[{\"$a\": \"A\", \"$ab\": \"B\"}, \"$a $ab\"]}, \"ok\": \"A B\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Replace\": "
    "[{\"$a\": [\"x\"]}, \"$a\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"Fn::Replace\\\" params "
    "must be strings or numbers, param $a is not valid\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Replace\": [\"x\", "
    "\"$a\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::Replace: \\\"Fn::Replace\\\" "
    "parameters must be a mapping\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Replace\": {\"a\": "
    "\"b\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::Replace: Incorrect arguments to "
    "\\\"Fn::Replace\\\" should be: {\\\"Fn::Replace\\\": [ {\\\"$var1\\\": \\\"foo\\\", "
    "\\\"%var2%\\\": \\\"bar\\\"}, \\\"$var1 is %var2%\\\"]}\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Base64\": \"x\"}, "
    "\"ok\": \"x\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k1\", \"v\"]}, \"ok\": \"found\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k2\", \"v\"]}, \"type\": \"KeyError\", \"msg\": \"'k2'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"N\", \"k1\", \"v\"]}, \"type\": \"KeyError\", \"msg\": \"'N'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k1\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::FindInMap: 'not enough "
    "values to unpack (expected 3, got 2)'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k1\", \"v\", \"w\"]}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\".Fn::FindInMap: 'too many values to unpack (expected 3)'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": 5}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::FindInMap: cannot unpack non-iterable "
    "int object\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAZs\": \"\"}, "
    "\"ok\": [\"az1\", \"az2\"]}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", [\".member.1.Name=b\", \".member.1.Value=2\", \".member.0.Name=a\", "
    "\".member.0.Value=1\", \".member.0.Other=x\", \"junk=1\"]]}, \"ok\": {\"a\": \"1\", \"b\": "
    "\"2\"}}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::MemberListToMap: "
    "Wrong Arguments try: \\\"\\n            {'Fn::MemberListToMap': ['Name', 'Value',\\n          "
    "                           ['.member.0.Name=key',\\n                                      "
    "'.member.0.Value=door']]}\\n            \\\"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[1, \"Value\", []]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::MemberListToMap: "
    "Fn::MemberListToMap Key Name must be a string\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", \"ab\"]}, \"type\": \"ValueError\", \"msg\": \"dictionary update "
    "sequence element #0 has length 1; 2 is required\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", [\"noeq\"]]}, \"type\": \"ValueError\", \"msg\": \"dictionary update "
    "sequence element #0 has length 1; 2 is required\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", [1]]}, \"type\": \"TypeError\", \"msg\": \"Member list items must be "
    "strings\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", 5]}, \"type\": \"TypeError\", \"msg\": \"Member list must be a list\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::ResourceFacade\": "
    "\"metadata\"}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::ResourceFacade: Incorrect "
    "arguments to \\\"Fn::ResourceFacade\\\" should be one of: Metadata, DeletionPolicy, "
    "UpdatePolicy\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": [\"c\", "
    "\"a\", \"b\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::If: Invalid condition "
    "\\\"c\\\"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Equals\": [\"a\", "
    "\"a\"]}, \"ok\": {\"Fn::Equals\": [\"a\", \"a\"]}}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": {\"get_param\": \"p\"}}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"x\": {\"Ref\": "
    "\"server\"}, \"y\": [{\"Fn::GetAtt\": [\"vol\", \"size\"]}, {\"Ref\": \"p\"}]}, \"mode\": "
    "\"deps\", \"path\": \"a.Properties\", \"ok\": [\"server\", \"vol\"]}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"x\": {\"Fn::GetAtt\": "
    "[\"nope\", \"size\"]}}, \"mode\": \"deps\", \"path\": \"a.Properties\", \"type\": "
    "\"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"nope\\\" (in "
    "a.Properties.x) is incorrect.\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Ref\": \"server\"}, "
    "\"ok\": \"server-id\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Ref\": "
    "\"AWS::StackName\"}, \"ok\": \"st\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\", \"first_address\"]}, \"ok\": \"10.0.0.1\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::GetAtt: Arguments to "
    "\\\"Fn::GetAtt\\\" must be of the form [resource_name, attribute]\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::GetAtt\": "
    "\"server\"}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::GetAtt: Arguments to "
    "\\\"Fn::GetAtt\\\" must be of the form [resource_name, attribute]\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::GetAtt\": 5}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::GetAtt: cannot unpack non-iterable int "
    "object\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\", \"bogus\"]}, \"mode\": \"validate\", \"path\": \"Outputs.o.Value\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"Outputs.o.Value.Fn::GetAtt: The Referenced Attribute "
    "(server bogus) is incorrect.\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Join\": [\" \", "
    "[\"a\", \"b\"]]}, \"ok\": \"a b\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Join\": [\" \", "
    "\"ab\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"Fn::Join\\\" must operate on a list\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [1, "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [\"1\", "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [5, "
    "[\"a\", \"b\"]]}, \"ok\": \"\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": "
    "[\"-1\", [\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [\"k\", "
    "{\"k\": \"v\"}]}, \"ok\": \"v\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [\"z\", "
    "{\"k\": \"v\"}]}, \"ok\": \"\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [1, "
    "{\"k\": \"v\"}]}, \"type\": \"TypeError\", \"msg\": \"Index to \\\"Fn::Select\\\" must be a "
    "string\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [\"x\", "
    "[\"a\"]]}, \"type\": \"TypeError\", \"msg\": \"Index to \\\"Fn::Select\\\" must be an "
    "integer\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [0, "
    "\"\"]}, \"ok\": \"\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [0, "
    "null]}, \"ok\": \"\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [0, "
    "\"[\\\"q\\\", \\\"r\\\"]\"]}, \"ok\": \"q\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [0, "
    "5]}, \"type\": \"TypeError\", \"msg\": \"Arguments to Fn::Select not fully resolved\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Select\": [0]}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::Select: Arguments to \\\"Fn::Select\\\" "
    "must be of the form [index, collection]\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Split\": [\",\", "
    "\"a,b\"]}, \"ok\": [\"a\", \"b\"]}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Split\": [\",\", "
    "5]}, \"type\": \"TypeError\", \"msg\": \"String to split must be string; got <class 'int'>\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Split\": [5, "
    "\"a\"]}, \"type\": \"TypeError\", \"msg\": \"Delimiter for Fn::Split must be string\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Split\": \"a\"}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::Split: Incorrect arguments to "
    "\\\"Fn::Split\\\" should be: \\\"Fn::Split\\\" : [ \\\",\\\", \\\"str1,str2\\\"]]\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Split\": "
    "[\",\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::Split: Incorrect arguments to "
    "\\\"Fn::Split\\\" should be: \\\"Fn::Split\\\" : [ \\\",\\\", \\\"str1,str2\\\"]]\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Replace\": "
    "[{\"$a\": \"A\", \"$ab\": \"B\"}, \"$a $ab\"]}, \"ok\": \"A B\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Replace\": "
    "[{\"$a\": [\"x\"]}, \"$a\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"Fn::Replace\\\" params "
    "must be strings or numbers, param $a is not valid\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Replace\": "
    "[\"x\", \"$a\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::Replace: "
    "\\\"Fn::Replace\\\" parameters must be a mapping\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Replace\": "
    "{\"a\": \"b\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::Replace: Incorrect "
    "arguments to \\\"Fn::Replace\\\" should be: {\\\"Fn::Replace\\\": [ {\\\"$var1\\\": "
    "\\\"foo\\\", \\\"%var2%\\\": \\\"bar\\\"}, \\\"$var1 is %var2%\\\"]}\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Base64\": \"x\"}, "
    "\"ok\": \"x\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k1\", \"v\"]}, \"ok\": \"found\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k2\", \"v\"]}, \"type\": \"KeyError\", \"msg\": \"'k2'\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"N\", \"k1\", \"v\"]}, \"type\": \"KeyError\", \"msg\": \"'N'\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k1\"]}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::FindInMap: 'not enough "
    "values to unpack (expected 3, got 2)'\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", \"k1\", \"v\", \"w\"]}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\".Fn::FindInMap: 'too many values to unpack (expected 3)'\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::FindInMap\": 5}, "
    "\"type\": \"StackValidationFailed\", \"msg\": \".Fn::FindInMap: cannot unpack non-iterable "
    "int object\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::GetAZs\": \"\"}, "
    "\"ok\": [\"az1\", \"az2\"]}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": "
    "{\"Fn::MemberListToMap\": [\"Name\", \"Value\", [\".member.1.Name=b\", \".member.1.Value=2\", "
    "\".member.0.Name=a\", \".member.0.Value=1\", \".member.0.Other=x\", \"junk=1\"]]}, \"ok\": "
    "{\"a\": \"1\", \"b\": \"2\"}}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": "
    "{\"Fn::MemberListToMap\": [\"Name\", \"Value\"]}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \".Fn::MemberListToMap: Wrong Arguments try: \\\"\\n            "
    "{'Fn::MemberListToMap': ['Name', 'Value',\\n                                     "
    "['.member.0.Name=key',\\n                                      '.member.0.Value=door']]}\\n   "
    "         \\\"\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": "
    "{\"Fn::MemberListToMap\": [1, \"Value\", []]}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\".Fn::MemberListToMap: Fn::MemberListToMap Key Name must be a string\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": "
    "{\"Fn::MemberListToMap\": [\"Name\", \"Value\", \"ab\"]}, \"type\": \"ValueError\", \"msg\": "
    "\"dictionary update sequence element #0 has length 1; 2 is required\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": "
    "{\"Fn::MemberListToMap\": [\"Name\", \"Value\", [\"noeq\"]]}, \"type\": \"ValueError\", "
    "\"msg\": \"dictionary update sequence element #0 has length 1; 2 is required\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": "
    "{\"Fn::MemberListToMap\": [\"Name\", \"Value\", [1]]}, \"type\": \"TypeError\", \"msg\": "
    "\"Member list items must be strings\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": "
    "{\"Fn::MemberListToMap\": [\"Name\", \"Value\", 5]}, \"type\": \"TypeError\", \"msg\": "
    "\"Member list must be a list\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::ResourceFacade\": "
    "\"metadata\"}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::ResourceFacade: Incorrect "
    "arguments to \\\"Fn::ResourceFacade\\\" should be one of: Metadata, DeletionPolicy, "
    "UpdatePolicy\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::If\": [\"c\", "
    "\"a\", \"b\"]}, \"ok\": {\"Fn::If\": [\"c\", \"a\", \"b\"]}}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Equals\": [\"a\", "
    "\"a\"]}, \"ok\": {\"Fn::Equals\": [\"a\", \"a\"]}}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"get_param\": \"p\"}, "
    "\"ok\": {\"get_param\": \"p\"}}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"x\": {\"Ref\": "
    "\"server\"}, \"y\": [{\"Fn::GetAtt\": [\"vol\", \"size\"]}, {\"Ref\": \"p\"}]}, \"mode\": "
    "\"deps\", \"path\": \"a.Properties\", \"ok\": [\"server\", \"vol\"]}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"x\": {\"Fn::GetAtt\": "
    "[\"nope\", \"size\"]}}, \"mode\": \"deps\", \"path\": \"a.Properties\", \"type\": "
    "\"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"nope\\\" (in "
    "a.Properties.x) is incorrect.\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": [\"IsProd\", "
    "\"a\", \"b\"]}, \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, "
    "\"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"ok\": \"a\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": "
    "[\"NotProd\", \"a\", \"b\"]}, \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": "
    "\"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"ok\": \"b\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": [\"IsProd\", "
    "\"a\"]}, \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, "
    "\"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\".Fn::If: Arguments to \\\"Fn::If\\\" must be of the form: [condition_name, value_if_true, "
    "value_if_false]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": [\"Nope\", "
    "\"a\", \"b\"]}, \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, "
    "\"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \".Fn::If: Invalid condition \\\"Nope\\\"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::And\": "
    "[\"IsProd\", {\"Fn::Or\": [\"NotProd\", true]}]}, \"mode\": \"cond\", \"conditions\": "
    "{\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": "
    "[\"IsProd\"]}}, \"ok\": true}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Not\": "
    "\"IsProd\"}, \"mode\": \"cond\", \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": "
    "\"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \".Fn::Not: Arguments to \\\"Fn::Not\\\" must be of the "
    "form: [condition]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Not\": "
    "[\"IsProd\", \"x\"]}, \"mode\": \"cond\", \"conditions\": {\"IsProd\": {\"Fn::Equals\": "
    "[{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \".Fn::Not: Arguments to \\\"Fn::Not\\\" must be of the "
    "form: [condition]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Equals\": "
    "[{\"Fn::FindInMap\": [\"M\", \"k1\", \"v\"]}, \"found\"]}, \"mode\": \"cond\", "
    "\"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": "
    "{\"Fn::Not\": [\"IsProd\"]}}, \"ok\": true}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Equals\": "
    "[{\"Ref\": \"nope\"}, \"x\"]}, \"mode\": \"cond\", \"conditions\": {\"IsProd\": "
    "{\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, "
    "\"type\": \"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"nope\\\" (in "
    "unknown) is incorrect.\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Equals\": "
    "[{\"Ref\": \"server\"}, \"x\"]}, \"mode\": \"cond\", \"conditions\": {\"IsProd\": "
    "{\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, "
    "\"type\": \"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"server\\\" (in "
    "unknown) is incorrect.\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Equals\": "
    "[{\"Fn::GetAtt\": [\"server\", \"x\"]}, \"x\"]}, \"mode\": \"cond\", \"path\": "
    "\"Resources.a.Condition\", \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, "
    "\"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \"Resources.a.Condition.Fn::Equals[0].Fn::GetAtt: The function \\\"Fn::GetAtt\\\" is "
    "invalid in this context\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Or\": "
    "[\"IsProd\"]}, \"mode\": \"cond\", \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": "
    "\"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \".Fn::Or: The minimum number of condition arguments to "
    "\\\"Fn::Or\\\" is 2.\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::And\": "
    "\"IsProd\"}, \"mode\": \"cond\", \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": "
    "\"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \".Fn::And: Arguments to \\\"Fn::And\\\" must be a list "
    "of conditions\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Equals\": [\"a\", "
    "\"a\"]}, \"mode\": \"cond\", \"type\": \"ValueError\", \"msg\": \"Invalid condition "
    "\\\"{'Fn::Equals': ['a', 'a']}\\\"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": [{\"b\": "
    "{\"list_join\": \"x\"}}]}, \"mode\": \"resolve\", \"path\": \"resources.r.properties\", "
    "\"type\": \"StackValidationFailed\", \"msg\": \"resources.r.properties.a[0].b.list_join: "
    "Incorrect arguments to \\\"list_join\\\" should be: \\\"list_join\\\" : [ \\\" \\\", [ "
    "\\\"str1\\\", \\\"str2\\\"] ...]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": [{\"b\": "
    "{\"list_join\": [\",\", [\"x\", {\"Ref\": \"y\"}]]}}]}, \"mode\": \"validate\", \"path\": "
    "\"outputs.o.value\", \"type\": \"StackValidationFailed\", \"msg\": "
    "\"outputs.o.value.a[0].b.list_join: [1][1].Ref: The template version is invalid: The function "
    "Ref is not supported in this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": [{\"get_resource\": "
    "\"nope\"}]}, \"mode\": \"deps\", \"path\": \"r.Properties\", \"type\": "
    "\"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"nope\\\" (in "
    "r.Properties.a[0]) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": [{\"list_join\": "
    "[\",\", [{\"get_attr\": [\"nope\", \"x\"]}]]}]}, \"mode\": \"deps\", \"path\": "
    "\"r.Properties\", \"type\": \"InvalidTemplateReference\", \"msg\": \"The specified reference "
    "\\\"nope\\\" (in r.Properties.a[0].list_join[1][0]) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": {\"get_resource\": "
    "\"server\"}, \"b\": {\"get_attr\": [\"vol\", \"size\"]}, \"c\": {\"get_param\": \"server\"}}, "
    "\"mode\": \"deps\", \"path\": \"r.Properties\", \"ok\": [\"server\", \"vol\"]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"equals\": [1, 2]}, "
    "\"ok\": {\"equals\": [1, 2]}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"not\": true}, \"ok\": "
    "{\"not\": true}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"and\": [1, \"prod\"]}, "
    "\"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"ValueError\", \"msg\": "
    "\"Invalid condition \\\"1\\\"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [true, 1, 2]}, "
    "\"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \".if: The function \\\"if\\\" is invalid in this context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_file\": \"f.txt\"}, "
    "\"mode\": \"cond\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", "
    "\"msg\": \".get_file: The function \\\"get_file\\\" is invalid in this context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"equals\": [{\"get_attr\": "
    "[\"server\", \"x\"]}, 1]}, \"mode\": \"cond\", \"path\": \"resources.r.condition\", "
    "\"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": "
    "{\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": "
    "{\"or\": [\"dev\", false]}}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\"resources.r.condition.equals[0].get_attr: The function \\\"get_attr\\\" is invalid in this "
    "context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"list_join\": [\",\", "
    "[{\"str_split\": \"x\"}]]}, \"path\": \"x\", \"type\": \"StackValidationFailed\", \"msg\": "
    "\"x.list_join[1][0].str_split: Incorrect arguments to \\\"str_split\\\" should be: "
    "\\\"str_split\\\" : [ \\\",\\\", \\\"apples,pears\\\", <index>]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [{\"equals\": 1}, "
    "\"a\", \"b\"]}, \"path\": \"outputs.o.value\", \"conditions\": {\"prod\": {\"equals\": "
    "[{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": "
    "[\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"if.equals: Arguments to \\\"equals\\\" must be of the "
    "form: [value_1, value_2]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": {\"b\": [0, "
    "{\"get_attr\": 5}]}}, \"path\": \"resources.r.properties\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"resources.r.properties.a.b[1].get_attr: Argument to "
    "\\\"get_attr\\\" must be a list\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"0\": {\"Ref\": \"x\"}}, "
    "\"mode\": \"validate\", \"path\": \"outputs.o.value\", \"type\": \"StackValidationFailed\", "
    "\"msg\": \"outputs.o.value[0].Ref: The template version is invalid: The function Ref is not "
    "supported in this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"a\": [[{\"Ref\": "
    "\"x\"}]]}, \"mode\": \"validate\", \"path\": \"outputs.o.value\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"outputs.o.value.a[0][0].Ref: The template version is "
    "invalid: The function Ref is not supported in this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": [{\"Ref\": \"x\"}], "
    "\"mode\": \"validate\", \"path\": \"\", \"type\": \"StackValidationFailed\", \"msg\": "
    "\"[0].Ref: The template version is invalid: The function Ref is not supported in this version "
    "of HOT.\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": "
    "{\"username\": \"u\"}}, \"ok\": \"//u@\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": "
    "{\"password\": \"p\", \"host\": \"h\"}}, \"ok\": \"//:p@h\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"http\", \"host\": \"h\", \"query\": {\"a\": [1, \"b\"], \"b\": null, \"c\": true}, "
    "\"fragment\": \"a/b c\"}}, \"ok\": \"http://h?a=%5B1%2C+%27b%27%5D&b=None&c=True#a/b%20c\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"mailto\", \"path\": \"a@b\"}}, \"ok\": \"mailto:a%40b\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"http\", \"host\": \"h\", \"path\": \"p\"}}, \"ok\": \"http://h/p\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"scheme\": "
    "\"http\", \"path\": \"//x\"}}, \"ok\": \"http://x\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"host\": "
    "\"h\", \"port\": 65536}}, \"type\": \"ValueError\", \"msg\": \"Invalid URL port 65536, must "
    "be in range 1-65535\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"host\": "
    "\"h\", \"port\": 8.5}}, \"ok\": \"//h:8.5\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"make_url\": {\"host\": "
    "\"h\", \"query\": {\"get_param\": \"map\"}}}, \"ok\": "
    "\"//h?k=%7B%27x%27%3A+%5B1%2C+2%5D%7D\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b,c\", 1.7]}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [1, "
    "\"a,b\"]}, \"type\": \"TypeError\", \"msg\": \"must be str or None, not int\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", "
    "\"a,b\", null]}, \"type\": \"TypeError\", \"msg\": \"int() argument must be a string, a "
    "bytes-like object or a real number, not 'NoneType'\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_split\": [\",\", 5]}, "
    "\"type\": \"AttributeError\", \"msg\": \"'int' object has no attribute 'split'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [true, "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Select\": [1.9, "
    "[\"a\", \"b\"]]}, \"ok\": \"b\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Join\": [\",\", "
    "null]}, \"ok\": \"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Join\": [\",\", "
    "[\"a\", null, \"b\"]]}, \"ok\": \"a,,b\"}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"map_merge\": \"ab\"}, "
    "\"type\": \"TypeError\", \"msg\": \"Incorrect arguments: Items to merge must be maps.\"}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"map_merge\": \"\"}, "
    "\"ok\": {}}",
    "{\"version\": \"heat_template_version 2016-04-08\", \"snippet\": {\"map_merge\": 5}, "
    "\"type\": \"TypeError\", \"msg\": \"Incorrect arguments to \\\"map_merge\\\" should be: "
    "\\\"map_merge\\\" : [ { \\\"key1\\\": \\\"val1\\\" }, { \\\"key2\\\": \\\"val2\\\" } ]\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"contains\": [\"a\", "
    "null]}, \"type\": \"TypeError\", \"msg\": \"Second argument to \\\"contains\\\" should be a "
    "sequence.\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"filter\": [[{\"a\": 1}], "
    "[{\"a\": 1}, {\"a\": 2}]]}, \"ok\": [{\"a\": 2}]}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha3_256\", "
    "\"x\"]}, \"type\": \"ValueError\", \"msg\": \"Algorithm must be one of {'md5', 'sha1', "
    "'sha224', 'sha256', 'sha384', 'sha512'}\", \"differs\": \"only md5 and the SHA-1/SHA-2 "
    "digests\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", "
    "[1.5]]}, \"type\": \"TypeError\", \"msg\": \"Items to join must be strings not 1.5\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", "
    "[{\"k\": \"é\"}]]}, \"type\": \"TypeError\", \"msg\": \"Items to join must be strings not "
    "{'k': 'é'}\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"list_join\": [\",\", [[0, "
    "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, "
    "26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, "
    "49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, "
    "72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, "
    "95, 96, 97, 98, 99]]]}, \"type\": \"TypeError\", \"msg\": \"Items to join must be strings not "
    "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, "
    "25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, "
    "48, 49, 50, 51, 5\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "[{\"k\": \"é\", \"a\": \"x\\\"y\"}]]}, \"ok\": \"{\\\"a\\\": \\\"x\\\\\\\"y\\\", \\\"k\\\": "
    "\\\"\\\\u00e9\\\"}\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", "
    "\"ab\", []]}, \"type\": \"TypeError\", \"msg\": \"\\\"list_join\\\" must operate on a list\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"list_join\": [\",\", 0, "
    "[\"a\"]]}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"$a\", \"params\": {\"$a\": 1e+16}}}, \"ok\": \"1e+16\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"$a $b\", \"params\": {\"$a\": 100.0, \"$b\": -0.0}}}, \"ok\": \"100.0 "
    "-0.0\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"éé é\", \"params\": {\"éé\": \"A\", \"é\": \"b\", \"xy\": \"c\"}}}, \"ok\": "
    "\"A b\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"str_replace\": "
    "{\"template\": \"ab ba\", \"params\": {\"ab\": \"1\", \"ba\": \"2\", \"a\": \"3\"}}}, \"ok\": "
    "\"1 2\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "{\"%k%\": \"%v%-%k%\"}, \"for_each\": {\"%k%\": {\"x\": 1, \"y\": 2}, \"%v%\": [\"1\", "
    "\"2\"]}}}, \"ok\": [{\"x\": \"1-x\"}, {\"x\": \"2-x\"}, {\"y\": \"1-y\"}, {\"y\": \"2-y\"}]}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%\", \"for_each\": {\"%a%\": []}}}, \"ok\": []}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%\", \"for_each\": {}}}, \"type\": \"ValueError\", \"msg\": \"not enough values to unpack "
    "(expected 2, got 0)\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "\"%a%\", \"for_each\": {\"get_param\": \"map\"}}}, \"ok\": [\"%a%\"]}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"repeat\": {\"template\": "
    "[{\"get_param\": \"p\"}, \"%a%\"], \"for_each\": {\"%a%\": [\"1\"]}}}, \"ok\": [[\"hello\", "
    "\"1\"]]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"c1\", \"a\", "
    "\"b\"]}, \"conditions\": {\"c1\": \"c1\"}, \"type\": \"StackValidationFailed\", \"msg\": "
    "\"Condition validation error: The definition of condition \\\"c1\\\" is invalid: c1\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"c1\", \"a\", "
    "\"b\"]}, \"conditions\": {\"c1\": true}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"c1\", \"a\", "
    "\"b\"]}, \"conditions\": {\"c1\": {\"and\": [\"c2\", \"c3\"]}, \"c2\": true, \"c3\": "
    "{\"not\": \"c2\"}}, \"ok\": \"b\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"if\": [\"c1\", \"a\", "
    "\"b\"]}, \"conditions\": {\"c1\": {\"get_attr\": [\"server\", \"x\"]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"conditions.c1.get_attr: The function \\\"get_attr\\\" "
    "is invalid in this context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"map\", "
    "\"k\", \"x\", true]}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"p\", "
    "\"0\"]}, \"ok\": \"h\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_param\": [\"map\", "
    "\"k\", null]}, \"ok\": \"\"}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"networks\", \"private\", \"0\"]}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2013-05-23\", \"snippet\": {\"get_attr\": [\"server\", "
    "{\"get_param\": \"p\"}]}, \"type\": \"InvalidTemplateAttribute\", \"msg\": \"The Referenced "
    "Attribute (server hello) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"first_address\", 0]}, \"ok\": \"1\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"networks\", \"private\", -1]}, \"ok\": \"fd00::1\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": "
    "[{\"get_param\": \"p\"}, \"x\"]}, \"type\": \"InvalidTemplateReference\", \"msg\": \"The "
    "specified reference \\\"hello\\\" (in unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_attr\": "
    "[{\"get_resource\": \"nope\"}, \"x\"]}, \"type\": \"InvalidTemplateReference\", \"msg\": "
    "\"The specified reference \\\"nope\\\" (in unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2015-10-15\", \"snippet\": {\"get_resource\": 5}, "
    "\"type\": \"InvalidTemplateReference\", \"msg\": \"The specified reference \\\"5\\\" (in "
    "unknown) is incorrect.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [{\"a\": "
    "\"x\"}, {\"keys\": {\"a\": 5}}]}, \"ok\": {\"5\": \"x\"}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [{\"a\": "
    "\"x\"}, {\"keys\": []}]}, \"type\": \"TypeError\", \"msg\": \"Incorrect arguments: to "
    "\\\"map_replace\\\", arguments must be a list of maps. Example:  \\\"map_replace\\\" : [ { "
    "\\\"key1\\\": \\\"val1\\\" }, {\\\"keys\\\": {\\\"key1\\\": \\\"key2\\\"}, \\\"values\\\": "
    "{\\\"val1\\\": \\\"val2\\\"}}]\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": [null, "
    "null]}, \"ok\": {}}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"map_replace\": \"ab\"}, "
    "\"type\": \"TypeError\", \"msg\": \"Incorrect arguments to \\\"map_replace\\\" should be: "
    "\\\"map_replace\\\" : [ { \\\"key1\\\": \\\"val1\\\" }, {\\\"keys\\\": {\\\"key1\\\": "
    "\\\"key2\\\"}, \\\"values\\\": {\\\"val1\\\": \\\"val2\\\"}}]\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Replace\": "
    "[{\"$a\": \"A\"}, 5]}, \"type\": \"TypeError\", \"msg\": \"\\\"Fn::Replace\\\" template must "
    "be a string\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Replace\": "
    "[{\"$a\": null}, \"$a\"]}, \"ok\": \"\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Replace\": "
    "[{\"Ref\": \"p\"}, \"$a\"]}, \"type\": \"TypeError\", \"msg\": \"\\\"Fn::Replace\\\" params "
    "must be a map\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Split\": [\"\", "
    "\"ab\"]}, \"type\": \"ValueError\", \"msg\": \"empty separator\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Split\": {\"Ref\": "
    "\"p\"}}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::Split: cannot unpack "
    "non-iterable ParamRef object\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\", \"networks\"]}, \"ok\": {\"private\": [\"10.0.0.1\", \"fd00::1\"]}}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"nope\", \"x\"]}, \"type\": \"InvalidTemplateReference\", \"msg\": \"The specified "
    "reference \\\"nope\\\" (in unknown) is incorrect.\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Base64\": "
    "{\"Ref\": \"p\"}}, \"ok\": \"hello\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Base64\": 5}, "
    "\"type\": \"TypeError\", \"msg\": \"\\\"Fn::Base64\\\" argument must be a string\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", {\"Ref\": \"p\"}, \"v\"]}, \"type\": \"KeyError\", \"msg\": \"'hello'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "[\"M\", [\"k1\"], \"v\"]}, \"type\": \"TypeError\", \"msg\": \"unhashable type: 'list'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::FindInMap\": "
    "\"abc\"}, \"type\": \"KeyError\", \"msg\": \"'a'\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", {\".member.0.Name=a\": 1}]}, \"ok\": {}}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::MemberListToMap\": "
    "[\"Name\", \"Value\", [\".member.0.Name=a=b\", \".member.0.Value=c=d\"]]}, \"ok\": {\"a=b\": "
    "\"c=d\"}}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": "
    "[{\"Fn::Equals\": [\"a\", \"a\"]}, 1, 2]}, \"conditions\": {\"IsProd\": {\"Fn::Equals\": "
    "[{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"ok\": 1}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": "
    "[{\"Fn::GetAZs\": \"\"}, 1, 2]}, \"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": "
    "\"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": [\"IsProd\"]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"Fn::If.Fn::GetAZs: The function \\\"Fn::GetAZs\\\" is "
    "invalid in this context\"}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": "
    "[{\"Fn::Not\": [{\"Fn::FindInMap\": [\"M\", \"k1\", \"v\"]}]}, 1, 2]}, \"conditions\": "
    "{\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": "
    "[\"IsProd\"]}}, \"type\": \"StackValidationFailed\", \"msg\": \".Fn::If: Invalid condition "
    "\\\"found\\\"\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::If\": [\"c\", 1, "
    "2]}, \"ok\": {\"Fn::If\": [\"c\", 1, 2]}}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::GetAtt\": "
    "[\"server\", \"first_address\"]}, \"mode\": \"cond\", \"type\": \"StackValidationFailed\", "
    "\"msg\": \".Fn::GetAtt: The function \\\"Fn::GetAtt\\\" is invalid in this context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"equals\": "
    "[{\"get_param\": \"env\"}, \"prod\"]}, \"mode\": \"cvalidate\", \"path\": \"conditions.c\", "
    "\"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": "
    "{\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": "
    "{\"or\": [\"dev\", false]}}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"get_attr\": [\"server\", "
    "\"x\"]}, \"mode\": \"cvalidate\", \"path\": \"conditions.c\", \"conditions\": {\"prod\": "
    "{\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": "
    "{\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"conditions.c.get_attr: The function \\\"get_attr\\\" is "
    "invalid in this context\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"not\": {\"Ref\": \"x\"}}, "
    "\"mode\": \"cvalidate\", \"path\": \"conditions.c\", \"conditions\": {\"prod\": {\"equals\": "
    "[{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": "
    "[\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"conditions.c.not: Ref: The template version is invalid: "
    "The function Ref is not supported in this version of HOT.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"and\": [{\"equals\": "
    "[1]}, true]}, \"mode\": \"cvalidate\", \"path\": \"conditions.c\", \"conditions\": {\"prod\": "
    "{\"equals\": [{\"get_param\": \"env\"}, \"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": "
    "{\"and\": [\"prod\", {\"not\": \"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"conditions.c.and[0].equals: Arguments to \\\"equals\\\" "
    "must be of the form: [value_1, value_2]\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"or\": [{\"contains\": "
    "[\"a\", [\"a\"]]}, {\"yaql\": {\"expression\": \"x\"}}]}, \"mode\": \"cvalidate\", \"path\": "
    "\"conditions.c\", \"conditions\": {\"prod\": {\"equals\": [{\"get_param\": \"env\"}, "
    "\"prod\"]}, \"dev\": {\"not\": \"prod\"}, \"both\": {\"and\": [\"prod\", {\"not\": "
    "\"dev\"}]}, \"either\": {\"or\": [\"dev\", false]}}, \"ok\": null}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::Equals\": "
    "[{\"Ref\": \"env\"}, \"x\"]}, \"mode\": \"cvalidate\", \"path\": \"Conditions.c\", "
    "\"conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": "
    "{\"Fn::Not\": [\"IsProd\"]}}, \"ok\": null}",
    "{\"version\": \"AWSTemplateFormatVersion 2010-09-09\", \"snippet\": {\"Fn::If\": [\"IsProd\", "
    "true, false]}, \"mode\": \"cvalidate\", \"path\": \"Conditions.c\", \"conditions\": "
    "{\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]}, \"NotProd\": {\"Fn::Not\": "
    "[\"IsProd\"]}}, \"type\": \"StackValidationFailed\", \"msg\": \"Conditions.c.Fn::If: The "
    "function \\\"Fn::If\\\" is invalid in this context\"}",
    "{\"version\": \"HeatTemplateFormatVersion 2012-12-12\", \"snippet\": {\"Fn::Join\": [\",\", "
    "[]]}, \"mode\": \"cvalidate\", \"path\": \"Conditions.c\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"Conditions.c.Fn::Join: The function \\\"Fn::Join\\\" is "
    "invalid in this context\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"md5\", "
    "\"a€\"]}, \"type\": \"UnicodeEncodeError\", \"msg\": \"'latin-1' codec can't encode character "
    "'\\\\u20ac' in position 1: ordinal not in range(256)\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha1\", "
    "\"x😀\"]}, \"type\": \"UnicodeEncodeError\", \"msg\": \"'latin-1' codec can't encode character "
    "'\\\\U0001f600' in position 1: ordinal not in range(256)\"}",
    "{\"version\": \"heat_template_version 2015-04-30\", \"snippet\": {\"digest\": [\"sha384\", "
    "\"café ÿ\"]}, \"ok\": "
    "\"cbe903677ae1be60405c8a503baf7c6d7aa289ab55de2469bba59adf6557ab01763cc481e18f1a2af93e40815aab"
    "a597\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.m.zz\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"KeyError\", \"msg\": "
    "\"'zz'\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"7 / 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 3}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"7.0 / 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 3.5}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"-7 / 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": -4}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"7 mod 3\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 1}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"-7 mod 3\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.s + \\\"x\\\"\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"Hellox\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x + [3]\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": [1, 2, 3]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"1 and 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"0 or \\\"a\\\"\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"a\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"not 0\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"2 in $.data.x\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.n > 3 and $.data.n < 10\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": "
    "2}], \"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": "
    "true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.where($ > 1)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": [2]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.select($ * 2).sum()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], "
    "\"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 6}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.max()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.m.values()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": [5, \"a\"]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.join(\\\",\\\")\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], "
    "\"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"1,2\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"len($.data.s)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 5}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.s.toUpper()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"HELLO\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.s.toLower()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.first()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 1}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"[1, 2, 1].distinct()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": [1, 2]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"[1, [2, 3]].flatten()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": [1, 2, 3]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.l.select($.k)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": [1, 2]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"str(5)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"5\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"int(\\\"5\\\")\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 5}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"-$.data.n\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": -7}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x[-1]\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.m[\\\"k\\\"]\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 5}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.s.len()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 5}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.count()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.m.len()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"1 = 1.0\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"\\\"a\\\" < \\\"b\\\"\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x = [1, 2]\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.sum() / $.data.x.len()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": "
    "2}], \"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 1}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.s[0]\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": "
    "\"NoMatchingFunctionException\", \"msg\": \"No function \\\"#indexer\\\" matches supplied "
    "arguments\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.n.x\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": "
    "\"NoFunctionRegisteredException\", \"msg\": \"Unknown function \\\"#property#x\\\"\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"null\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, \"j\": "
    "\"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": null}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"true\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, \"j\": "
    "\"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.last()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.contains(1)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.any()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.all()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.min()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 1}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"max(1, 2)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.len() > 1\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.l.k\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": [1, 2]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.f * 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 5.0}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.n - 10\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": -3}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"1 + 2 * 3\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 7}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"(1 + 2) * 3\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 9}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"not $.data.x.contains(3)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], "
    "\"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x[5]\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"IndexError\", \"msg\": "
    "\"tuple index out of range\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"1 / 0\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ZeroDivisionError\", "
    "\"msg\": \"integer division or modulo by zero\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.select($ + 1).where($ > 2)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, "
    "{\"k\": 2}], \"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, "
    "\"ok\": [3]}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.(n + 1)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": "
    "\"NoMatchingFunctionException\", \"msg\": \"No function \\\"#operator_.\\\" matches supplied "
    "arguments\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"[].first(0)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 0}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"\\\"it's\\\"\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"it's\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"'a' + 'b'\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"ab\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.join(\\\", \\\")\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], "
    "\"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"1, 2\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.l.where($.k = 2).first().k\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": "
    "2}], \"m\": {\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": 2}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.s + 1\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": "
    "\"NoMatchingFunctionException\", \"msg\": \"No function \\\"#operator_+\\\" matches supplied "
    "arguments\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x != [1]\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"2 > 1 or 1 / 0\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"str(true)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"true\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"str(null)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": \"null\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.sum() = 3\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"ok\": true}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.(\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", \"msg\": "
    "\"Bad expression Parse error: unexpected end of statement.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x )\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", \"msg\": "
    "\"Bad expression Parse error: unexpected ')' at position 9 of expression '$.data.x )'.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x # 1\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", "
    "\"msg\": \"Bad expression Lexical error: illegal character '#' at position 9.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"1 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, \"j\": "
    "\"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", \"msg\": \"Bad "
    "expression Parse error: unexpected '2' at position 2 of expression '1 2'.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"[1, 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", \"msg\": "
    "\"Bad expression Parse error: unexpected end of statement.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", \"msg\": "
    "\"Bad expression Parse error: unexpected end of statement.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, \"j\": "
    "\"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", \"msg\": \"Bad "
    "expression Parse error: unexpected end of statement.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"  \", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, \"j\": "
    "\"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": \"ValueError\", \"msg\": \"Bad "
    "expression Parse error: unexpected end of statement.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.foo()\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": "
    "5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"heat\": {\"type\": "
    "\"NoMethodRegisteredException\", \"msg\": \"Unknown method \\\"foo\\\" for receiver (1, "
    "2)\"}, \"type\": \"StackValidationFailed\", \"msg\": \"The yaql method \\\"foo\\\" is not "
    "supported by heat-ha\", \"differs\": \"outside the yaql subset\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.select($ * 2\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"type\": "
    "\"ValueError\", \"msg\": \"Bad expression Parse error: unexpected end of statement.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"foo(1)\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"heat\": {\"type\": "
    "\"NoFunctionRegisteredException\", \"msg\": \"Unknown function \\\"foo\\\"\"}, \"type\": "
    "\"StackValidationFailed\", \"msg\": \"The yaql method \\\"foo\\\" is not supported by "
    "heat-ha\", \"differs\": \"outside the yaql subset\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"{a => 1}\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, "
    "\"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"heat\": \"ok\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"yaql dictionary literals are not supported by "
    "heat-ha\", \"differs\": \"outside the yaql subset\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.s =~ \\\"H\\\"\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": "
    "{\"k\": 5, \"j\": \"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"heat\": \"ok\", "
    "\"type\": \"StackValidationFailed\", \"msg\": \"The yaql operator =~ is not supported by "
    "heat-ha\", \"differs\": \"outside the yaql subset\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$x\", \"data\": {\"x\": [1, 2], \"l\": [{\"k\": 1}, {\"k\": 2}], \"m\": {\"k\": 5, \"j\": "
    "\"a\"}, \"s\": \"Hello\", \"n\": 7, \"f\": 2.5}}}, \"heat\": \"ok\", \"type\": "
    "\"StackValidationFailed\", \"msg\": \"The yaql variable $x is not supported by heat-ha\", "
    "\"differs\": \"outside the yaql subset\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.(\", \"data\": {}}}, \"mode\": \"validate\", \"path\": \"outputs.o.value\", "
    "\"type\": \"StackValidationFailed\", \"msg\": \"outputs.o.value.yaql: Bad expression Parse "
    "error: unexpected end of statement.\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x.len()\", \"data\": {\"x\": {\"get_param\": \"list\"}}}}, \"ok\": 3}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "{\"get_param\": \"p\"}, \"data\": {}}}, \"ok\": \"hello\"}",
    "{\"version\": \"heat_template_version 2016-10-14\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data\"}}, \"ok\": {}}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"if\": [\"y\", \"T\", "
    "\"F\"]}, \"conditions\": {\"y\": {\"yaql\": {\"expression\": \"$.data.x > 1\", \"data\": "
    "{\"x\": 2}}}}, \"ok\": \"T\"}",
    "{\"version\": \"heat_template_version 2017-09-01\", \"snippet\": {\"yaql\": {\"expression\": "
    "\"$.data.x > 1\", \"data\": {\"x\": 2}}}, \"mode\": \"cond\", \"ok\": true}",
    NULL,
};

/* Heat's template-function-list for each version, conditions false/true. */
static const char *const FUNCLISTS[] = {
    "[{\"functions\": \"Fn::FindInMap\", \"description\": \"A function for resolving keys in the "
    "template mappings.\"}, {\"functions\": \"Fn::GetAZs\", \"description\": \"A function for "
    "retrieving the availability zones.\"}, {\"functions\": \"Ref\", \"description\": \"A function "
    "for resolving parameters or resource references.\"}, {\"functions\": \"Fn::GetAtt\", "
    "\"description\": \"A function for resolving resource attributes.\"}, {\"functions\": "
    "\"Fn::Select\", \"description\": \"A function for selecting an item from a list or map.\"}, "
    "{\"functions\": \"Fn::Join\", \"description\": \"A function for joining strings.\"}, "
    "{\"functions\": \"Fn::Split\", \"description\": \"A function for splitting strings.\"}, "
    "{\"functions\": \"Fn::Replace\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"Fn::Base64\", \"description\": \"A placeholder function "
    "for converting to base64.\"}, {\"functions\": \"Fn::MemberListToMap\", \"description\": \"A "
    "function to convert lists with enumerated keys and values to mapping.\"}, {\"functions\": "
    "\"Fn::ResourceFacade\", \"description\": \"A function for retrieving data in a parent "
    "provider template.\"}, {\"functions\": \"Fn::If\", \"description\": \"A function to return "
    "corresponding value based on condition evaluation.\"}]",
    "[{\"functions\": \"Fn::FindInMap\", \"description\": \"A function for resolving keys in the "
    "template mappings.\"}, {\"functions\": \"Fn::GetAZs\", \"description\": \"A function for "
    "retrieving the availability zones.\"}, {\"functions\": \"Ref\", \"description\": \"A function "
    "for resolving parameter references.\"}, {\"functions\": \"Fn::GetAtt\", \"description\": \"A "
    "function for resolving resource attributes.\"}, {\"functions\": \"Fn::Select\", "
    "\"description\": \"A function for selecting an item from a list or map.\"}, {\"functions\": "
    "\"Fn::Join\", \"description\": \"A function for joining strings.\"}, {\"functions\": "
    "\"Fn::Split\", \"description\": \"A function for splitting strings.\"}, {\"functions\": "
    "\"Fn::Replace\", \"description\": \"A function for performing string substitutions.\"}, "
    "{\"functions\": \"Fn::Base64\", \"description\": \"A placeholder function for converting to "
    "base64.\"}, {\"functions\": \"Fn::MemberListToMap\", \"description\": \"A function to convert "
    "lists with enumerated keys and values to mapping.\"}, {\"functions\": \"Fn::ResourceFacade\", "
    "\"description\": \"A function for retrieving data in a parent provider template.\"}, "
    "{\"functions\": \"Fn::If\", \"description\": \"A function to return corresponding value based "
    "on condition evaluation.\"}, {\"functions\": \"Fn::Equals\", \"description\": \"A function "
    "for comparing whether two values are equal.\"}, {\"functions\": \"Fn::Not\", \"description\": "
    "\"A function that acts as a NOT operator on a condition.\"}, {\"functions\": \"Fn::And\", "
    "\"description\": \"A function that acts as an AND operator on conditions.\"}, {\"functions\": "
    "\"Fn::Or\", \"description\": \"A function that acts as an OR operator on conditions.\"}]",
    "[{\"functions\": \"Fn::FindInMap\", \"description\": \"A function for resolving keys in the "
    "template mappings.\"}, {\"functions\": \"Fn::GetAZs\", \"description\": \"A function for "
    "retrieving the availability zones.\"}, {\"functions\": \"Ref\", \"description\": \"A function "
    "for resolving parameters or resource references.\"}, {\"functions\": \"Fn::GetAtt\", "
    "\"description\": \"A function for resolving resource attributes.\"}, {\"functions\": "
    "\"Fn::Select\", \"description\": \"A function for selecting an item from a list or map.\"}, "
    "{\"functions\": \"Fn::Join\", \"description\": \"A function for joining strings.\"}, "
    "{\"functions\": \"Fn::Split\", \"description\": \"A function for splitting strings.\"}, "
    "{\"functions\": \"Fn::Replace\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"Fn::Base64\", \"description\": \"A placeholder function "
    "for converting to base64.\"}, {\"functions\": \"Fn::MemberListToMap\", \"description\": \"A "
    "function to convert lists with enumerated keys and values to mapping.\"}, {\"functions\": "
    "\"Fn::ResourceFacade\", \"description\": \"A function for retrieving data in a parent "
    "provider template.\"}]",
    "[{\"functions\": \"Fn::FindInMap\", \"description\": \"A function for resolving keys in the "
    "template mappings.\"}, {\"functions\": \"Fn::GetAZs\", \"description\": \"A function for "
    "retrieving the availability zones.\"}, {\"functions\": \"Ref\", \"description\": \"A function "
    "for resolving parameters or resource references.\"}, {\"functions\": \"Fn::GetAtt\", "
    "\"description\": \"A function for resolving resource attributes.\"}, {\"functions\": "
    "\"Fn::Select\", \"description\": \"A function for selecting an item from a list or map.\"}, "
    "{\"functions\": \"Fn::Join\", \"description\": \"A function for joining strings.\"}, "
    "{\"functions\": \"Fn::Split\", \"description\": \"A function for splitting strings.\"}, "
    "{\"functions\": \"Fn::Replace\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"Fn::Base64\", \"description\": \"A placeholder function "
    "for converting to base64.\"}, {\"functions\": \"Fn::MemberListToMap\", \"description\": \"A "
    "function to convert lists with enumerated keys and values to mapping.\"}, {\"functions\": "
    "\"Fn::ResourceFacade\", \"description\": \"A function for retrieving data in a parent "
    "provider template.\"}]",
    "[{\"functions\": \"Fn::GetAZs\", \"description\": \"A function for retrieving the "
    "availability zones.\"}, {\"functions\": \"get_param\", \"description\": \"A function for "
    "resolving parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A "
    "function for resolving resource references.\"}, {\"functions\": \"Ref\", \"description\": \"A "
    "function for resolving parameters or resource references.\"}, {\"functions\": \"get_attr\", "
    "\"description\": \"A function for resolving resource attributes.\"}, {\"functions\": "
    "\"Fn::Select\", \"description\": \"A function for selecting an item from a list or map.\"}, "
    "{\"functions\": \"Fn::Join\", \"description\": \"A function for joining strings.\"}, "
    "{\"functions\": \"list_join\", \"description\": \"A function for joining strings.\"}, "
    "{\"functions\": \"Fn::Split\", \"description\": \"A function for splitting strings.\"}, "
    "{\"functions\": \"str_replace\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"Fn::Replace\", \"description\": \"A function for "
    "performing string substitutions.\"}, {\"functions\": \"Fn::Base64\", \"description\": \"A "
    "placeholder function for converting to base64.\"}, {\"functions\": \"Fn::MemberListToMap\", "
    "\"description\": \"A function to convert lists with enumerated keys and values to "
    "mapping.\"}, {\"functions\": \"resource_facade\", \"description\": \"A function for "
    "retrieving data in a parent provider template.\"}, {\"functions\": \"Fn::ResourceFacade\", "
    "\"description\": \"A function for retrieving data in a parent provider template.\"}, "
    "{\"functions\": \"get_file\", \"description\": \"A function for including a file inline.\"}]",
    "[{\"functions\": \"Fn::GetAZs\", \"description\": \"A function for retrieving the "
    "availability zones.\"}, {\"functions\": \"get_param\", \"description\": \"A function for "
    "resolving parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A "
    "function for resolving resource references.\"}, {\"functions\": \"Ref\", \"description\": \"A "
    "function for resolving parameters or resource references.\"}, {\"functions\": \"get_attr\", "
    "\"description\": \"A function for resolving resource attributes.\"}, {\"functions\": "
    "\"Fn::Select\", \"description\": \"A function for selecting an item from a list or map.\"}, "
    "{\"functions\": \"Fn::Join\", \"description\": \"A function for joining strings.\"}, "
    "{\"functions\": \"list_join\", \"description\": \"A function for joining strings.\"}, "
    "{\"functions\": \"Fn::Split\", \"description\": \"A function for splitting strings.\"}, "
    "{\"functions\": \"str_replace\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"Fn::Replace\", \"description\": \"A function for "
    "performing string substitutions.\"}, {\"functions\": \"Fn::Base64\", \"description\": \"A "
    "placeholder function for converting to base64.\"}, {\"functions\": \"Fn::MemberListToMap\", "
    "\"description\": \"A function to convert lists with enumerated keys and values to "
    "mapping.\"}, {\"functions\": \"resource_facade\", \"description\": \"A function for "
    "retrieving data in a parent provider template.\"}, {\"functions\": \"Fn::ResourceFacade\", "
    "\"description\": \"A function for retrieving data in a parent provider template.\"}, "
    "{\"functions\": \"get_file\", \"description\": \"A function for including a file inline.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining strings.\"}, {\"functions\": \"resource_facade\", \"description\": \"A "
    "function for retrieving data in a parent provider template.\"}, {\"functions\": "
    "\"str_replace\", \"description\": \"A function for performing string substitutions.\"}, "
    "{\"functions\": \"Fn::Select\", \"description\": \"A function for selecting an item from a "
    "list or map.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining strings.\"}, {\"functions\": \"resource_facade\", \"description\": \"A "
    "function for retrieving data in a parent provider template.\"}, {\"functions\": "
    "\"str_replace\", \"description\": \"A function for performing string substitutions.\"}, "
    "{\"functions\": \"Fn::Select\", \"description\": \"A function for selecting an item from a "
    "list or map.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining strings.\"}, {\"functions\": \"repeat\", \"description\": \"A function "
    "for iterating over a list of items.\"}, {\"functions\": \"resource_facade\", \"description\": "
    "\"A function for retrieving data in a parent provider template.\"}, {\"functions\": "
    "\"str_replace\", \"description\": \"A function for performing string substitutions.\"}, "
    "{\"functions\": \"Fn::Select\", \"description\": \"A function for selecting an item from a "
    "list or map.\"}, {\"functions\": \"digest\", \"description\": \"A function for performing "
    "digest operations.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining strings.\"}, {\"functions\": \"repeat\", \"description\": \"A function "
    "for iterating over a list of items.\"}, {\"functions\": \"resource_facade\", \"description\": "
    "\"A function for retrieving data in a parent provider template.\"}, {\"functions\": "
    "\"str_replace\", \"description\": \"A function for performing string substitutions.\"}, "
    "{\"functions\": \"Fn::Select\", \"description\": \"A function for selecting an item from a "
    "list or map.\"}, {\"functions\": \"digest\", \"description\": \"A function for performing "
    "digest operations.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items.\"}, {\"functions\": "
    "\"resource_facade\", \"description\": \"A function for retrieving data in a parent provider "
    "template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function for performing "
    "string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A function for "
    "performing digest operations.\"}, {\"functions\": \"str_split\", \"description\": \"A "
    "function for splitting delimited strings into a list.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items.\"}, {\"functions\": "
    "\"resource_facade\", \"description\": \"A function for retrieving data in a parent provider "
    "template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function for performing "
    "string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A function for "
    "performing digest operations.\"}, {\"functions\": \"str_split\", \"description\": \"A "
    "function for splitting delimited strings into a list.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items.\"}, {\"functions\": "
    "\"resource_facade\", \"description\": \"A function for retrieving data in a parent provider "
    "template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function for performing "
    "string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A function for "
    "performing digest operations.\"}, {\"functions\": \"str_split\", \"description\": \"A "
    "function for splitting delimited strings into a list.\"}, {\"functions\": \"map_merge\", "
    "\"description\": \"A function for merging maps.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items.\"}, {\"functions\": "
    "\"resource_facade\", \"description\": \"A function for retrieving data in a parent provider "
    "template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function for performing "
    "string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A function for "
    "performing digest operations.\"}, {\"functions\": \"str_split\", \"description\": \"A "
    "function for splitting delimited strings into a list.\"}, {\"functions\": \"map_merge\", "
    "\"description\": \"A function for merging maps.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"equals\", \"description\": \"A "
    "function for comparing whether two values are equal.\"}, {\"functions\": \"not\", "
    "\"description\": \"A function that acts as a NOT operator on a condition.\"}, {\"functions\": "
    "\"and\", \"description\": \"A function that acts as an AND operator on conditions.\"}, "
    "{\"functions\": \"or\", \"description\": \"A function that acts as an OR operator on "
    "conditions.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"equals\", \"description\": \"A function for comparing whether two values are equal.\"}, "
    "{\"functions\": \"not\", \"description\": \"A function that acts as a NOT operator on a "
    "condition.\"}, {\"functions\": \"and\", \"description\": \"A function that acts as an AND "
    "operator on conditions.\"}, {\"functions\": \"or\", \"description\": \"A function that acts "
    "as an OR operator on conditions.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}, {\"functions\": \"equals\", "
    "\"description\": \"A function for comparing whether two values are equal.\"}, {\"functions\": "
    "\"not\", \"description\": \"A function that acts as a NOT operator on a condition.\"}, "
    "{\"functions\": \"and\", \"description\": \"A function that acts as an AND operator on "
    "conditions.\"}, {\"functions\": \"or\", \"description\": \"A function that acts as an OR "
    "operator on conditions.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}, {\"functions\": \"equals\", "
    "\"description\": \"A function for comparing whether two values are equal.\"}, {\"functions\": "
    "\"not\", \"description\": \"A function that acts as a NOT operator on a condition.\"}, "
    "{\"functions\": \"and\", \"description\": \"A function that acts as an AND operator on "
    "conditions.\"}, {\"functions\": \"or\", \"description\": \"A function that acts as an OR "
    "operator on conditions.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}, {\"functions\": \"equals\", "
    "\"description\": \"A function for comparing whether two values are equal.\"}, {\"functions\": "
    "\"not\", \"description\": \"A function that acts as a NOT operator on a condition.\"}, "
    "{\"functions\": \"and\", \"description\": \"A function that acts as an AND operator on "
    "conditions.\"}, {\"functions\": \"or\", \"description\": \"A function that acts as an OR "
    "operator on conditions.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}]",
    "[{\"functions\": \"get_attr\", \"description\": \"A function for resolving resource "
    "attributes.\"}, {\"functions\": \"get_file\", \"description\": \"A function for including a "
    "file inline.\"}, {\"functions\": \"get_param\", \"description\": \"A function for resolving "
    "parameter references.\"}, {\"functions\": \"get_resource\", \"description\": \"A function for "
    "resolving resource references.\"}, {\"functions\": \"list_join\", \"description\": \"A "
    "function for joining one or more lists of strings.\"}, {\"functions\": \"repeat\", "
    "\"description\": \"A function for iterating over a list of items or a dict of keys.\"}, "
    "{\"functions\": \"resource_facade\", \"description\": \"A function for retrieving data in a "
    "parent provider template.\"}, {\"functions\": \"str_replace\", \"description\": \"A function "
    "for performing string substitutions.\"}, {\"functions\": \"digest\", \"description\": \"A "
    "function for performing digest operations.\"}, {\"functions\": \"str_split\", "
    "\"description\": \"A function for splitting delimited strings into a list.\"}, "
    "{\"functions\": \"map_merge\", \"description\": \"A function for merging maps.\"}, "
    "{\"functions\": \"yaql\", \"description\": \"A function for executing a yaql expression.\"}, "
    "{\"functions\": \"map_replace\", \"description\": \"A function for performing substitutions "
    "on maps.\"}, {\"functions\": \"if\", \"description\": \"A function to return corresponding "
    "value based on condition evaluation.\"}, {\"functions\": \"filter\", \"description\": \"A "
    "function for filtering out values from lists.\"}, {\"functions\": \"str_replace_strict\", "
    "\"description\": \"A function for performing string substitutions.\"}, {\"functions\": "
    "\"make_url\", \"description\": \"A function for performing substitutions on maps.\"}, "
    "{\"functions\": \"list_concat\", \"description\": \"A function for extending lists.\"}, "
    "{\"functions\": \"str_replace_vstrict\", \"description\": \"A function for performing string "
    "substitutions.\"}, {\"functions\": \"list_concat_unique\", \"description\": \"A function for "
    "extending lists with unique items.\"}, {\"functions\": \"contains\", \"description\": \"A "
    "function for checking whether specific value is in sequence.\"}, {\"functions\": \"equals\", "
    "\"description\": \"A function for comparing whether two values are equal.\"}, {\"functions\": "
    "\"not\", \"description\": \"A function that acts as a NOT operator on a condition.\"}, "
    "{\"functions\": \"and\", \"description\": \"A function that acts as an AND operator on "
    "conditions.\"}, {\"functions\": \"or\", \"description\": \"A function that acts as an OR "
    "operator on conditions.\"}]",
    NULL,
};

static fake F;

static int run_case(const json_t *c, json_t **out, hh_error *err)
{
    const char *ver = json_string_value(json_object_get(c, "version"));
    const char *mode = json_string_value(json_object_get(c, "mode"));
    const char *path = json_string_value(json_object_get(c, "path"));
    json_t *snippet = json_object_get(c, "snippet");
    json_t *mappings = json_loads(MAPPINGS, 0, NULL);
    char key[64] = "";
    const char *sp = strchr(ver, ' ');
    const hh_tversion *v = NULL;
    hh_fctx ctx = {.ops = &fake_ops,
                   .ud = &F,
                   .mappings = mappings,
                   .conditions = json_object_get(c, "conditions")};
    int rc = 0;

    if (!ctx.conditions)
        ctx.conditions = json_object();
    else
        json_incref((json_t *)ctx.conditions);
    snprintf(key, sizeof(key), "%.*s", (int)(sp - ver), ver);
    v = hh_tversion_find(key, sp + 1);
    *out = NULL;
    if (!v) {
        rc = hh_error_set(err, HH_EINTERNAL, "test", "no version %s", ver);
    } else if (!mode || strcmp(mode, "resolve") == 0) {
        rc = hh_func_resolve(v, &ctx, snippet, path ? path : "", out, err);
    } else if (strcmp(mode, "validate") == 0) {
        rc = hh_func_validate(v, &ctx, snippet, path ? path : "", err);
        if (!rc)
            *out = json_null();
    } else if (strcmp(mode, "cvalidate") == 0) {
        rc = hh_func_validate_condition(v, &ctx, snippet, path ? path : "", err);
        if (!rc)
            *out = json_null();
    } else if (strcmp(mode, "cond") == 0) {
        bool b = false;

        rc = hh_func_resolve_condition(v, &ctx, snippet, path ? path : "", &b, err);
        if (!rc)
            *out = json_boolean(b);
    } else if (strcmp(mode, "deps") == 0) {
        json_t *deps = json_object();
        const char *k;
        json_t *x;

        rc = hh_func_references(v, &ctx, snippet, path ? path : "", err);
        if (!rc)
            rc = hh_func_dependencies(v, snippet, F.attrs, deps, err);
        if (!rc) {
            *out = json_array();
            json_object_foreach(deps, k, x) json_array_append_new(*out, json_string(k));
            /* the names are few: sort by insertion into a sorted list */
            for (size_t i = 1; i < json_array_size(*out); i++)
                for (size_t j = i; j > 0 && strcmp(json_string_value(json_array_get(*out, j - 1)),
                                                   json_string_value(json_array_get(*out, j))) > 0;
                     j--) {
                    json_t *a = json_incref(json_array_get(*out, j - 1));

                    json_array_set(*out, j - 1, json_array_get(*out, j));
                    json_array_set_new(*out, j, a);
                }
        }
        json_decref(deps);
    }
    json_decref((json_t *)ctx.conditions);
    json_decref(mappings);
    return rc;
}

static void test_cases(void)
{
    for (size_t i = 0; CASES[i]; i++) {
        json_error_t jerr;
        json_t *c = json_loads(CASES[i], 0, &jerr), *out = NULL, *want = NULL;
        hh_error err;
        char *snip = NULL;
        int rc;

        if (!c) {
            ok(0, "case %zu parses: %s", i, jerr.text);
            continue;
        }
        hh_error_clear(&err);
        snip = json_dumps(json_object_get(c, "snippet"), JSON_COMPACT | JSON_ENCODE_ANY);
        rc = run_case(c, &out, &err);
        want = json_object_get(c, "ok");
        if (json_object_get(c, "type")) {
            const char *wt = json_string_value(json_object_get(c, "type"));
            const char *wm = json_string_value(json_object_get(c, "msg"));

            if (!ok(rc != 0 && err.type && strcmp(err.type, wt) == 0 &&
                        strcmp(err.message, wm) == 0,
                    "%s %s -> %s", json_string_value(json_object_get(c, "version")), snip, wt)) {
                diag("got rc %d type %s: %s", rc, err.type ? err.type : "(none)", err.message);
                diag("want %s: %s", wt, wm);
            }
        } else {
            char *got = out ? json_dumps(out, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
            char *exp = json_dumps(want, JSON_COMPACT | JSON_ENCODE_ANY);
            bool same = rc == 0 && out &&
                        (json_equal(out, want) || (json_is_null(want) && json_is_null(out)));

            if (!ok(same, "%s %s", json_string_value(json_object_get(c, "version")), snip)) {
                diag("got rc %d %s (%s: %s)", rc, got ? got : "(none)", err.type ? err.type : "",
                     err.message);
                diag("want %s", exp);
            }
            free(got);
            free(exp);
        }
        free(snip);
        json_decref(out);
        json_decref(c);
    }
}

static void test_versions(void)
{
    static const struct {
        const char *tmpl, *type, *msg;
    } bad[] = {
        {"{\"heat_template_version\": \"2099-01-01\"}", "InvalidTemplateVersion",
         "The template version is invalid: \"heat_template_version: 2099-01-01\". "
         "\"heat_template_version\" should be one of: 2013-05-23, 2014-10-16, 2015-04-30, "
         "2015-10-15, 2016-04-08, 2016-10-14, 2017-02-24, 2017-09-01, 2018-03-02, 2018-08-31, "
         "2021-04-16, newton, ocata, pike, queens, rocky, wallaby"},
        {"{\"AWSTemplateFormatVersion\": \"x\"}", "InvalidTemplateVersion",
         "The template version is invalid: \"AWSTemplateFormatVersion: x\". "
         "\"AWSTemplateFormatVersion\" should be: 2010-09-09"},
        {"{\"HeatTemplateFormatVersion\": \"2010-09-09\"}", "InvalidTemplateVersion",
         "The template version is invalid: \"HeatTemplateFormatVersion: 2010-09-09\". "
         "\"HeatTemplateFormatVersion\" should be: 2012-12-12"},
        {"{\"heat_template_version\": 5}", "InvalidTemplateVersion",
         "The template version is invalid: Template version was not provided"},
        {"{\"heat_template_version\": \"2013-05-23\", \"AWSTemplateFormatVersion\": "
         "\"2010-09-09\"}",
         "InvalidTemplateVersion",
         "The template version is invalid: Ambiguous versions (heat_template_version, "
         "AWSTemplateFormatVersion)"},
        {"{\"resources\": {}}", "ValueError", "Template format version not found."},
    };
    static const struct {
        const char *key, *value, *canon;
    } good[] = {
        {"heat_template_version", "newton", "2016-10-14"},
        {"heat_template_version", "ocata", "2017-02-24"},
        {"heat_template_version", "pike", "2017-09-01"},
        {"heat_template_version", "queens", "2018-03-02"},
        {"heat_template_version", "rocky", "2018-08-31"},
        {"heat_template_version", "wallaby", "2021-04-16"},
        {"heat_template_version", "2013-05-23", "2013-05-23"},
        {"AWSTemplateFormatVersion", "2010-09-09", "2010-09-09"},
        {"HeatTemplateFormatVersion", "2012-12-12", "2012-12-12"},
    };
    const char *listing =
        "[{\"version\": \"AWSTemplateFormatVersion.2010-09-09\", \"type\": \"cfn\", \"aliases\": "
        "[]}, {\"version\": \"HeatTemplateFormatVersion.2012-12-12\", \"type\": \"cfn\", "
        "\"aliases\": []}, {\"version\": \"heat_template_version.2013-05-23\", \"type\": \"hot\", "
        "\"aliases\": []}, {\"version\": \"heat_template_version.2014-10-16\", \"type\": \"hot\", "
        "\"aliases\": []}, {\"version\": \"heat_template_version.2015-04-30\", \"type\": \"hot\", "
        "\"aliases\": []}, {\"version\": \"heat_template_version.2015-10-15\", \"type\": \"hot\", "
        "\"aliases\": []}, {\"version\": \"heat_template_version.2016-04-08\", \"type\": \"hot\", "
        "\"aliases\": []}, {\"version\": \"heat_template_version.2016-10-14\", \"type\": \"hot\", "
        "\"aliases\": [\"heat_template_version.newton\"]}, {\"version\": "
        "\"heat_template_version.2017-02-24\", \"type\": \"hot\", \"aliases\": "
        "[\"heat_template_version.ocata\"]}, {\"version\": \"heat_template_version.2017-09-01\", "
        "\"type\": \"hot\", \"aliases\": [\"heat_template_version.pike\"]}, {\"version\": "
        "\"heat_template_version.2018-03-02\", \"type\": \"hot\", \"aliases\": "
        "[\"heat_template_version.queens\"]}, {\"version\": \"heat_template_version.2018-08-31\", "
        "\"type\": \"hot\", \"aliases\": [\"heat_template_version.rocky\"]}, {\"version\": "
        "\"heat_template_version.2021-04-16\", \"type\": \"hot\", \"aliases\": "
        "[\"heat_template_version.wallaby\"]}]";
    json_t *want = json_loads(listing, 0, NULL), *got = json_array();

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        json_t *t = json_loads(bad[i].tmpl, 0, NULL);
        hh_error err;

        hh_error_clear(&err);
        ok(hh_tversion_detect(t, &err) == NULL && err.type && strcmp(err.type, bad[i].type) == 0,
           "detect refuses %s", bad[i].tmpl);
        is_str(err.message, bad[i].msg, "detect message for %s", bad[i].tmpl);
        json_decref(t);
    }
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        json_t *t = json_pack("{ss}", good[i].key, good[i].value);
        const hh_tversion *v = hh_tversion_detect(t, NULL);

        ok(v && strcmp(v->value, good[i].canon) == 0, "detect %s %s", good[i].key, good[i].value);
        json_decref(t);
    }
    is_int(hh_tversion_count(), 13, "13 versions");
    {
        /* conditions, param_tags, modulo, nullable_if, lowercase deletion policy */
        static const char *const flags[13] = {"10000", "00000", "00000", "00000", "00000",
                                              "00000", "00000", "10001", "10101", "10101",
                                              "11101", "11101", "11111"};

        for (size_t i = 0; i < hh_tversion_count(); i++) {
            const hh_tversion *v = hh_tversion_at(i);
            char fl[6];

            snprintf(fl, sizeof(fl), "%d%d%d%d%d", v->conditions, v->param_tags, v->modulo,
                     v->nullable_if, v->lowercase_deletion_policy);
            is_str(fl, flags[i], "feature flags of %s %s", v->key, v->value);
            ok((v->condition_functions != NULL) == (v->conditions && i != 0) || i == 0,
               "condition table present with conditions (%s)", v->value);
        }
    }
    for (size_t i = 0; i < hh_tversion_count(); i++)
        json_array_append_new(got, hh_tversion_to_json(hh_tversion_at(i)));
    ok(json_equal(got, want), "template_versions listing as Heat 19 returns it");
    ok(hh_tversion_at(13) == NULL, "no version past the end");
    {
        char name[64];

        hh_tversion_name(hh_tversion_find("heat_template_version", "newton"), name, sizeof(name));
        is_str(name, "heat_template_version.2016-10-14", "alias resolves to the dated name");
    }
    json_decref(want);
    json_decref(got);
}

static void test_function_lists(void)
{
    size_t k = 0;

    for (size_t i = 0; i < hh_tversion_count(); i++) {
        for (int cond = 0; cond < 2; cond++, k++) {
            const hh_tversion *v = hh_tversion_at(i);
            json_t *want = FUNCLISTS[k] ? json_loads(FUNCLISTS[k], 0, NULL) : NULL;
            json_t *got = hh_tversion_functions_json(v, cond);
            char name[64];

            hh_tversion_name(v, name, sizeof(name));
            if (!ok(want && got && json_equal(want, got), "function list %s conditions=%d", name,
                    cond)) {
                char *g = json_dumps(got, JSON_COMPACT);

                diag("got %s", g);
                free(g);
            }
            json_decref(want);
            json_decref(got);
        }
    }
}

/* Nesting, output size and string size are bounded. */
static void test_limits(void)
{
    const hh_tversion *v = hh_tversion_find("heat_template_version", "2021-04-16");
    hh_fctx ctx = {.ops = &fake_ops, .ud = &F};
    json_t *deep = json_string("x"), *out = NULL, *big = NULL;
    hh_error err;
    int rc;

    for (int i = 0; i < 1500; i++)
        deep = json_pack("{so}", "list_join", json_pack("[so]", ",", json_pack("[o]", deep)));
    hh_error_clear(&err);
    rc = hh_func_resolve(v, &ctx, deep, "", &out, &err);
    is_int(rc, HH_ELIMIT, "deeply nested calls are refused, not overflowed");
    ok(strstr(err.message, "nested deeper than 1000") != NULL, "depth message: %s", err.message);
    hh_error_clear(&err);
    is_int(hh_func_validate(v, &ctx, deep, "", &err), HH_ELIMIT, "validate bounds depth too");
    {
        json_t *deps = json_object(), *res = json_object();

        hh_error_clear(&err);
        is_int(hh_func_dependencies(v, deep, res, deps, &err), HH_ELIMIT,
               "dependencies bound depth too");
        json_decref(deps);
        json_decref(res);
    }
    json_decref(deep);
    deep = json_string("x");
    for (int i = 0; i < 3000; i++)
        deep = json_pack("[o]", deep);
    hh_error_clear(&err);
    is_int(hh_func_resolve(v, &ctx, deep, "", &out, &err), HH_ELIMIT, "deep plain data bounded");
    json_decref(deep);

    big = json_loads("{\"repeat\": {\"template\": \"%a%%b%%c%\", \"for_each\": {"
                     "\"%a%\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
                     "25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48],"
                     "\"%b%\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
                     "25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48],"
                     "\"%c%\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
                     "25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48]"
                     "}}}",
                     0, NULL);
    hh_error_clear(&err);
    is_int(hh_func_resolve(v, &ctx, big, "", &out, &err), HH_ELIMIT,
           "repeat over 110592 permutations is refused");
    json_decref(big);

    {
        /* a repeat of a repeat: 1000 x 1000 strings of 100 bytes */
        json_t *items = json_array(), *inner = NULL, *outer = NULL;
        char text[101];

        memset(text, 'x', 100);
        text[100] = '\0';
        for (int i = 0; i < 1000; i++)
            json_array_append_new(items, json_sprintf("%d", i));
        inner = json_pack("{s{sss{sO}}}", "repeat", "template", text, "for_each", "%i%", items);
        outer = json_pack("{s{sos{sO}}}", "repeat", "template", inner, "for_each", "%o%", items);
        hh_error_clear(&err);
        rc = hh_func_resolve(v, &ctx, outer, "", &out, &err);
        is_int(rc, HH_ELIMIT, "nested repeat output bounded");
        ok(strstr(err.message, "would produce more than") != NULL, "repeat budget message: %s",
           err.message);
        json_decref(outer);
        json_decref(items);
    }
    {
        /* 2^23 bytes through doubling str_replace */
        json_t *s = json_string("xxxxxxxxxxxxxxxx");

        for (int i = 0; i < 20; i++)
            s = json_pack("{s{so s{ss}}}", "str_replace", "template", s, "params", "x", "xx");
        hh_error_clear(&err);
        rc = hh_func_resolve(v, &ctx, s, "", &out, &err);
        is_int(rc, HH_ELIMIT, "str_replace output bounded");
        json_decref(s);
    }
}

/* Dependencies follow every branch of if; names outside resources and
 * references whose name is computed are not counted. */
static void test_dependencies(void)
{
    const hh_tversion *v = hh_tversion_find("heat_template_version", "2016-10-14");
    const hh_tversion *c = hh_tversion_find("AWSTemplateFormatVersion", "2010-09-09");
    json_t *res = json_pack("{s{}s{}s{}}", "a", "b", "c");
    json_t *deps = json_object();
    json_t *s = json_loads("{\"x\": {\"if\": [\"c1\", {\"get_resource\": \"a\"}, {\"get_attr\": "
                           "[\"b\", \"y\"]}]}, \"z\": [{\"get_param\": \"a\"}, {\"get_resource\": "
                           "{\"get_param\": \"p\"}}, {\"get_resource\": \"nope\"}]}",
                           0, NULL);
    json_t *cs = json_loads("[{\"Ref\": \"a\"}, {\"Fn::GetAtt\": [\"c\", \"z\"]}, {\"Ref\": "
                            "\"AWS::StackName\"}]",
                            0, NULL);

    is_int(hh_func_dependencies(v, s, res, deps, NULL), 0, "dependencies ok");
    ok(json_object_get(deps, "a") && json_object_get(deps, "b") && json_object_size(deps) == 2,
       "both if branches, only known names");
    json_object_clear(deps);
    is_int(hh_func_dependencies(c, cs, res, deps, NULL), 0, "cfn dependencies ok");
    ok(json_object_get(deps, "a") && json_object_get(deps, "c") && json_object_size(deps) == 2,
       "Ref and Fn::GetAtt count, Ref to a parameter does not");
    json_decref(res);
    json_decref(deps);
    json_decref(s);
    json_decref(cs);
}

/* Every JSON shape as the argument of every function of every version
 * must give a value or an error, never a crash or a leak. */
static void test_shapes(void)
{
    static const char *const shapes[] = {
        "null",
        "true",
        "0",
        "-3",
        "2.5",
        "\"\"",
        "\"x\"",
        "\"metadata\"",
        "[]",
        "{}",
        "[null]",
        "[1, 2]",
        "[\"a\", \"b\"]",
        "[\"a\", \"b\", \"c\"]",
        "[\"md5\", \"x\"]",
        "[\",\", [\"a\"], {\"k\": 1}, null]",
        "[{}, {}]",
        "[{\"a\": 1}, {\"keys\": {\"a\": "
        "\"b\"}}]",
        "{\"template\": \"x\", \"params\": {\"x\": [1]}}",
        "{\"template\": \"%v%\", "
        "\"for_each\": {\"%v%\": [\"a\"]}, \"permutations\": false}",
        "{\"host\": \"::1\", "
        "\"port\": \"80\", \"query\": {\"a\": \"b c\"}}",
        "[\"server\"]",
        "[\"server\", "
        "\"networks\", \"private\", 0]",
        "[{\"get_param\": \"list\"}, \"x\"]",
        "[\"c1\", 1, 2]",
        "[true, 1]",
        "{\"expression\": \"$.data\"}",
        "[\"M\", \"k1\", \"v\"]",
        "[\"Name\", \"Value\", [\".member.0.Name=a\", \".member.0.Value=b\"]]",
    };
    json_t *conds = json_pack("{sb}", "c1", 1);
    hh_fctx ctx = {.ops = &fake_ops, .ud = &F, .conditions = conds};
    size_t calls = 0, failures = 0;

    ctx.mappings = json_loads(MAPPINGS, 0, NULL);
    for (size_t i = 0; i < hh_tversion_count(); i++) {
        const hh_tversion *v = hh_tversion_at(i);
        const hh_func_def *tables[2] = {v->functions, v->condition_functions};

        for (int t = 0; t < 2; t++)
            for (const hh_func_def *d = tables[t]; d && d->name; d++)
                for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
                    json_t *arg = json_loads(shapes[s], JSON_DECODE_ANY, NULL);
                    json_t *call = json_pack("{sO}", d->name, arg), *out = NULL;
                    hh_error err;
                    bool b = false;
                    int rc;

                    hh_error_clear(&err);
                    rc = hh_func_resolve(v, &ctx, call, "x", &out, &err);
                    if (rc && !err.message[0])
                        failures++;
                    json_decref(out);
                    out = NULL;
                    hh_error_clear(&err);
                    rc = hh_func_validate(v, &ctx, call, "x", &err);
                    if (rc && !err.message[0])
                        failures++;
                    hh_error_clear(&err);
                    rc = hh_func_resolve_condition(v, &ctx, call, "x", &b, &err);
                    if (rc && !err.message[0])
                        failures++;
                    calls += 3;
                    json_decref(call);
                    json_decref(arg);
                }
    }
    json_decref((json_t *)ctx.mappings);
    json_decref(conds);
    ok(calls > 3000, "%zu calls over every shape", calls);
    is_int(failures, 0, "every failure carries a message");
}

static void test_lookup(void)
{
    const hh_tversion *v = hh_tversion_find("heat_template_version", "2015-10-15");
    json_t *s = json_loads("{\"get_param\": \"p\"}", 0, NULL), *args = NULL;
    json_t *two = json_loads("{\"get_param\": \"p\", \"x\": 1}", 0, NULL);
    const hh_func_def *d = hh_func_lookup(v, s, &args);

    ok(d && strcmp(d->name, "get_param") == 0 && json_is_string(args), "lookup finds a call");
    ok(hh_func_lookup(v, two, &args) == NULL, "a two-key mapping is data");
    {
        const hh_tversion *n = hh_tversion_find("heat_template_version", "newton");
        json_t *eq = json_loads("{\"equals\": [1, 1]}", 0, NULL);

        ok(hh_func_lookup(n, eq, NULL) == NULL, "equals is no function of newton");
        d = hh_func_lookup_condition(n, eq, &args);
        ok(d && strcmp(d->name, "equals") == 0 && json_is_array(args),
           "equals is a condition function of newton");
        ok(hh_func_lookup_condition(v, eq, NULL) == NULL, "2015-10-15 has no condition functions");
        json_decref(eq);
    }
    json_decref(s);
    json_decref(two);
}

static int f_cond(void *ud, const char *name, bool *value, hh_error *err)
{
    if (strcmp(name, "yes") == 0) {
        *value = true;
        return 0;
    }
    return HH_ENOTFOUND;
}

/* The table entry points, a missing context, conditions answered by an op. */
static void test_entry_points(void)
{
    const hh_tversion *v = hh_tversion_find("heat_template_version", "2017-09-01");
    const hh_tversion *v13 = hh_tversion_find("heat_template_version", "2013-05-23");
    hh_fctx ctx = {.ops = &fake_ops, .ud = &F};
    hh_fctx_ops cond_ops = {.condition = f_cond};
    hh_fctx cctx = {.ops = &cond_ops};
    json_t *s = json_loads("{\"list_join\": [\"-\", [\"a\", {\"get_param\": \"p\"}]]}", 0, NULL);
    json_t *bad = json_loads("{\"list_join\": \"x\"}", 0, NULL);
    json_t *azs = json_loads("{\"Fn::GetAZs\": \"\"}", 0, NULL);
    json_t *gp = json_loads("{\"get_param\": \"p\"}", 0, NULL);
    json_t *args = NULL, *out = NULL;
    const hh_func_def *d = hh_func_lookup(v, s, &args);
    hh_error err;
    bool b = false;

    hh_error_clear(&err);
    ok(d && d->eval(d, v, &ctx, args, "x", &out, &err) == 0 && json_is_string(out) &&
           strcmp(json_string_value(out), "a-hello") == 0,
       "def->eval resolves a call");
    json_decref(out);
    out = NULL;
    d = hh_func_lookup(v, bad, &args);
    hh_error_clear(&err);
    ok(d && d->check(d, v, &ctx, args, "o", &err) != 0 &&
           strcmp(err.type, "StackValidationFailed") == 0,
       "def->check refuses a bad shape");
    is_str(
        err.message,
        "o.list_join: Incorrect arguments to \"list_join\" should be: \"list_join\" : [ \" \", [ "
        "\"str1\", \"str2\"] ...]",
        "def->check message carries the path");
    hh_error_clear(&err);
    is_int(hh_func_resolve(v13, NULL, azs, "", &out, &err), 0, "Fn::GetAZs without a context");
    ok(json_is_array(out) && json_array_size(out) == 1 &&
           strcmp(json_string_value(json_array_get(out, 0)), "nova") == 0,
       "Fn::GetAZs defaults to [nova]");
    json_decref(out);
    out = NULL;
    hh_error_clear(&err);
    ok(hh_func_resolve(v, NULL, gp, "", &out, &err) != 0 &&
           strcmp(err.type, "UserParameterMissing") == 0,
       "get_param without a context is a missing parameter");
    {
        json_t *yes = json_string("yes"), *no = json_string("no");

        hh_error_clear(&err);
        ok(hh_func_resolve_condition(v, &cctx, yes, "", &b, &err) == 0 && b,
           "condition op answers names");
        hh_error_clear(&err);
        ok(hh_func_resolve_condition(v, &cctx, no, "", &b, &err) != 0, "unknown to the op");
        is_str(err.message, "Invalid condition \"no\"", "unknown condition message");
        json_decref(yes);
        json_decref(no);
    }
    json_decref(s);
    json_decref(bad);
    json_decref(azs);
    json_decref(gp);
}

/* xorshift64: a fixed sequence, so failures reproduce. */
static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

static const char *const words[] = {"server",
                                    "vol",
                                    "p",
                                    "list",
                                    "map",
                                    "prod",
                                    "dev",
                                    "%v%",
                                    ",",
                                    "",
                                    "k",
                                    "metadata",
                                    "md5",
                                    "M",
                                    "k1",
                                    "v",
                                    "first_address",
                                    "Metadata",
                                    "$.data",
                                    "$.data.x.len()",
                                    "$.data.select($ * 2)",
                                    "1 +"};

/* Random token strings through the yaql parser and evaluator. */
static void test_yaql_fuzz(void)
{
    static const char *const toks[] = {
        "$",     ".",    "data", "x",     "(",    ")",    "[",   "]",      ",",     "+",   "-",
        "*",     "/",    "mod",  "=",     "!=",   "<",    ">=",  "and",    "or",    "not", "in",
        "1",     "2.5",  "'s'",  "\"t\"", "true", "null", "len", "select", "where", "sum", "max",
        "first", "join", "?.",   "{",     "}",    "=>",   "->",  "#",      "$x",    "0"};
    const hh_tversion *v = hh_tversion_find("heat_template_version", "2017-09-01");
    hh_fctx ctx = {.ops = &fake_ops, .ud = &F};
    size_t silent = 0, n = 0;

    for (int i = 0; i < 3000; i++) {
        char expr[512] = "";
        unsigned len = rnd(14);
        json_t *s = NULL, *out = NULL;
        hh_error err;
        int rc;

        for (unsigned k = 0; k < len; k++) {
            strcat(expr, toks[rnd(sizeof(toks) / sizeof(toks[0]))]);
            if (rnd(2))
                strcat(expr, " ");
        }
        s = json_pack("{s{sss{s[iii]s{si}}}}", "yaql", "expression", expr, "data", "x", 1, 2, 3,
                      "y", "z", 4);
        hh_error_clear(&err);
        rc = hh_func_resolve(v, &ctx, s, "o", &out, &err);
        silent += rc && !err.message[0];
        json_decref(out);
        hh_error_clear(&err);
        rc = hh_func_validate(v, &ctx, s, "o", &err);
        silent += rc && !err.message[0];
        n += 2;
        json_decref(s);
    }
    ok(n == 6000, "%zu random yaql evaluations", n);
    is_int(silent, 0, "every yaql failure carries a message");
}

static json_t *random_snippet(int depth, const char *const *names, size_t nnames)
{
    unsigned pick = depth <= 0 ? rnd(6) : rnd(10);

    switch (pick) {
    case 0:
        return json_null();
    case 1:
        return json_boolean(rnd(2));
    case 2:
        return json_integer((json_int_t)rnd(7) - 2);
    case 3:
        return json_real(rnd(5) / 2.0);
    case 4:
    case 5:
        return json_string(words[rnd(sizeof(words) / sizeof(words[0]))]);
    case 6:
    case 7: {
        json_t *a = json_array();
        unsigned n = rnd(4);

        for (unsigned i = 0; i < n; i++)
            json_array_append_new(a, random_snippet(depth - 1, names, nnames));
        return a;
    }
    case 8: {
        json_t *o = json_object();
        unsigned n = rnd(3);

        for (unsigned i = 0; i < n; i++)
            json_object_set_new(o, words[rnd(sizeof(words) / sizeof(words[0]))],
                                random_snippet(depth - 1, names, nnames));
        return o;
    }
    default:
        return json_pack("{so}", names[rnd((unsigned)nnames)],
                         random_snippet(depth - 1, names, nnames));
    }
}

/* Random nested snippets through every entry point of every version: each
 * call returns a value or an error with a message, and nothing leaks. */
static void test_random(void)
{
    const char *names[128];
    size_t nnames = 0, runs = 0, silent = 0;
    json_t *conds =
        json_pack("{sbs{s[ss]}ss}", "prod", 1, "dev", "not", "prod", "x", "loop", "loop", "p");
    hh_fctx ctx = {.ops = &fake_ops, .ud = &F, .conditions = conds};

    ctx.mappings = json_loads(MAPPINGS, 0, NULL);
    for (size_t i = 0; i < hh_tversion_count(); i++) {
        const hh_tversion *v = hh_tversion_at(i);
        const hh_func_def *tables[2] = {v->functions, v->condition_functions};

        for (int t = 0; t < 2; t++)
            for (const hh_func_def *d = tables[t]; d && d->name; d++) {
                bool seen = false;

                for (size_t k = 0; k < nnames; k++)
                    seen = seen || strcmp(names[k], d->name) == 0;
                if (!seen && nnames < 128)
                    names[nnames++] = d->name;
            }
    }
    for (size_t i = 0; i < hh_tversion_count(); i++) {
        const hh_tversion *v = hh_tversion_at(i);

        for (int n = 0; n < 400; n++) {
            json_t *s = random_snippet(5, names, nnames), *out = NULL;
            json_t *deps = json_object();
            hh_error err;
            bool b = false;
            int rc;

            hh_error_clear(&err);
            rc = hh_func_resolve(v, &ctx, s, "r", &out, &err);
            silent += rc && !err.message[0];
            json_decref(out);
            hh_error_clear(&err);
            rc = hh_func_validate(v, &ctx, s, "r", &err);
            silent += rc && !err.message[0];
            hh_error_clear(&err);
            rc = hh_func_resolve_condition(v, &ctx, s, "r", &b, &err);
            silent += rc && !err.message[0];
            hh_error_clear(&err);
            rc = hh_func_validate_condition(v, &ctx, s, "r", &err);
            silent += rc && !err.message[0];
            hh_error_clear(&err);
            rc = hh_func_references(v, &ctx, s, "r", &err);
            silent += rc && !err.message[0];
            hh_error_clear(&err);
            rc = hh_func_dependencies(v, s, F.attrs, deps, &err);
            silent += rc && !err.message[0];
            runs += 6;
            json_decref(deps);
            json_decref(s);
        }
    }
    json_decref((json_t *)ctx.mappings);
    json_decref(conds);
    ok(runs == 13 * 400 * 6, "%zu random evaluations", runs);
    is_int(silent, 0, "every random failure carries a message");
}

int main(void)
{
    plan_lazy();
    F.params = json_loads(PARAMS, 0, NULL);
    F.attrs = json_loads(ATTRS, 0, NULL);
    F.files = json_loads(FILES, 0, NULL);
    test_cases();
    test_versions();
    test_function_lists();
    test_limits();
    test_dependencies();
    test_shapes();
    test_lookup();
    test_entry_points();
    test_random();
    test_yaql_fuzz();
    json_decref(F.params);
    json_decref(F.attrs);
    json_decref(F.files);
    return done_testing();
}
