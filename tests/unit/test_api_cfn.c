/* heat-api-cfn end to end: the CFN Query API and the real engine service
 * in one process (api_e2e.h). Every action of Heat's cfn/v1 with its XML
 * shape and, with ContentType=JSON, its JSON one; Heat's AWS errors;
 * GET and form-encoded POST; SigV2 and SigV4 signed requests (noauth);
 * the wait condition and signal URLs driving both kinds of handles. Every
 * wait is bounded. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_e2e.h"
#include "http_client.h"
#include "tap.h"

#define TEMPLATE                                                                                   \
    "{\"heat_template_version\": \"2018-08-31\", \"description\": \"demo <&> \\u00fc\", "          \
    "\"parameters\": {\"greeting\": {\"type\": \"string\", \"default\": \"hi\", "                  \
    "\"description\": \"what to say\"}}, "                                                         \
    "\"resources\": {\"marker\": {\"type\": \"OS::Heat::None\"}, "                                 \
    "\"message\": {\"type\": \"OS::Heat::Value\", \"depends_on\": \"marker\", \"properties\": "    \
    "{\"value\": {\"str_replace\": {\"template\": \"$g from $s\", \"params\": {\"$g\": "           \
    "{\"get_param\": \"greeting\"}, \"$s\": {\"get_param\": \"OS::stack_name\"}}}}}}}, "           \
    "\"outputs\": {\"message\": {\"description\": \"the message\", \"value\": "                    \
    "{\"get_attr\": [\"message\", \"value\"]}}}}"

#define WAIT_TEMPLATE                                                                              \
    "{\"heat_template_version\": \"2018-08-31\", \"resources\": {"                                 \
    "\"ah\": {\"type\": \"AWS::CloudFormation::WaitConditionHandle\"}, "                           \
    "\"aw\": {\"type\": \"AWS::CloudFormation::WaitCondition\", \"properties\": {\"Handle\": "     \
    "{\"get_resource\": \"ah\"}, \"Timeout\": 30, \"Count\": 1}}, "                                \
    "\"hh\": {\"type\": \"OS::Heat::WaitConditionHandle\"}, "                                      \
    "\"hw\": {\"type\": \"OS::Heat::WaitCondition\", \"properties\": {\"handle\": "                \
    "{\"get_resource\": \"hh\"}, \"timeout\": 30, \"count\": 1}}}, "                               \
    "\"outputs\": {\"url\": {\"value\": {\"get_resource\": \"ah\"}}, "                             \
    "\"adata\": {\"value\": {\"get_attr\": [\"aw\", \"Data\"]}}, "                                 \
    "\"hdata\": {\"value\": {\"get_attr\": [\"hw\", \"data\"]}}}}"

static const char *const form_h[] = {"Content-Type: application/x-www-form-urlencoded", NULL};

/* urlencode of s into a static buffer (one at a time). */
static const char *enc(const char *s)
{
    static char buf[16384];
    size_t k = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p && k + 4 < sizeof(buf); p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~", *p))
            buf[k++] = (char)*p;
        else
            k += (size_t)snprintf(buf + k, 4, "%%%02X", *p);
    }
    buf[k] = '\0';
    return buf;
}

static http_resp *get(const char *query)
{
    char path[8192];

    snprintf(path, sizeof(path), "/v1/?%s", query);
    return http_call("GET", path, NULL, NULL);
}

static http_resp *post(const char *form)
{
    return http_call("POST", "/v1/", form, form_h);
}

/* Whether r is the AWS error code with status (and a message holding
 * part, when not NULL), in XML. */
static void is_aws_error(const http_resp *r, long status, const char *code, const char *part,
                         const char *what)
{
    char want[256];
    bool good;

    snprintf(want, sizeof(want), "<ErrorResponse><Error><Type>%s</Type><Code>%s</Code><Message>",
             status >= 500 ? "Server" : "Sender", code);
    good = r->status == status && strncmp(r->body, want, strlen(want)) == 0 &&
           (part == NULL || strstr(r->body, part) != NULL);
    if (!ok(good, "%s: %ld %s", what, status, code))
        diag("got %ld %s", r->status, r->body);
}

static void has(const http_resp *r, const char *part, const char *what)
{
    if (!ok(r->status == 200 && strstr(r->body, part) != NULL, "%s", what))
        diag("got %ld %s", r->status, r->body);
}

/* DescribeStacks (JSON) until the stack leaves IN_PROGRESS (at most 20
 * s): its status. */
static const char *wait_status(const char *name)
{
    static char status[64];
    char q[256];

    snprintf(q, sizeof(q), "Action=DescribeStacks&ContentType=JSON&StackName=%s", name);
    for (int i = 0; i < 200; i++) {
        http_resp *r = get(q);
        const char *s =
            jpath_str(r->json, "DescribeStacksResponse.DescribeStacksResult.Stacks.0.StackStatus");

        snprintf(status, sizeof(status), "%s", s != NULL ? s : "(none)");
        if (s == NULL || strstr(s, "IN_PROGRESS") == NULL)
            return status;
        usleep(100000);
    }
    return status;
}

/* The output key of stack name from DescribeStacks (JSON): its value as
 * text in a static buffer, "" when absent. */
static const char *output_of(const char *name, const char *key)
{
    static char value[2048];
    const json_t *outs, *o;
    char q[256];
    http_resp *r;
    size_t i;

    snprintf(q, sizeof(q), "Action=DescribeStacks&ContentType=JSON&StackName=%s", name);
    r = get(q);
    outs = jpath(r->json, "DescribeStacksResponse.DescribeStacksResult.Stacks.0.Outputs");
    value[0] = '\0';
    json_array_foreach(outs, i, o)
    {
        const json_t *v = json_object_get(o, "OutputValue");

        if (strcmp(json_string_value(json_object_get(o, "OutputKey")), key) != 0)
            continue;
        if (json_is_string(v))
            snprintf(value, sizeof(value), "%s", json_string_value(v));
        else if (json_is_integer(v))
            snprintf(value, sizeof(value), "%lld", (long long)json_integer_value(v));
    }
    return value;
}

/* ListStacks until no stack is left (at most 20 s): how many are. */
static size_t wait_no_stacks(void)
{
    size_t n = 0;

    for (int i = 0; i < 200; i++) {
        http_resp *r = get("Action=ListStacks&ContentType=JSON");

        n = json_array_size(jpath(r->json, "ListStacksResponse.ListStacksResult.StackSummaries"));
        if (n == 0)
            break;
        usleep(100000);
    }
    return n;
}

static void stacks(int port)
{
    http_resp *r;
    char form[8192], q[1024], arn[256], id[64];
    const char *p, *phys;

    (void)port;
    r = get("Action=ListStacks");
    is_str(r->body,
           "<ListStacksResponse><ListStacksResult><StackSummaries/></ListStacksResult>"
           "</ListStacksResponse>",
           "ListStacks with no stack: an empty list element");
    is_str(r->ctype, "application/xml", "... as application/xml");

    snprintf(form, sizeof(form),
             "Action=CreateStack&StackName=c1&TemplateBody=%s&Parameters.member.1.ParameterKey="
             "greeting&Parameters.member.1.ParameterValue=hello&TimeoutInMinutes=5",
             enc(TEMPLATE));
    r = post(form);
    p = strstr(r->body, "<StackId>arn:openstack:heat::admin:stacks/c1/");
    ok(r->status == 200 &&
           strncmp(r->body, "<CreateStackResponse><CreateStackResult><StackId>", 49) == 0 &&
           p != NULL,
       "CreateStack by a form POST: the StackId ARN in the admin project");
    if (p != NULL)
        sscanf(p, "<StackId>%255[^<]", arn);
    else
        snprintf(arn, sizeof(arn), "none");
    snprintf(id, sizeof(id), "%s", strrchr(arn, '/') != NULL ? strrchr(arn, '/') + 1 : "");
    is_str(wait_status("c1"), "CREATE_COMPLETE", "c1 reaches CREATE_COMPLETE");
    r = post(form);
    is_aws_error(r, 400, "AlreadyExists", "already exists", "CreateStack of a taken name");

    r = get("Action=DescribeStacks&StackName=c1");
    has(r,
        "<Outputs><member><Description>the message</Description><OutputKey>message</OutputKey>"
        "<OutputValue>hello from c1</OutputValue></member></Outputs>",
        "DescribeStacks: the outputs computed from the parameters");
    has(r,
        "<member><ParameterKey>greeting</ParameterKey><ParameterValue>hello</ParameterValue>"
        "</member>",
        "... the parameters as members");
    has(r, "<Description>demo &lt;&amp;&gt; &#252;</Description>",
        "... the description escaped as lxml writes it");
    has(r, "<TimeoutInMinutes>5</TimeoutInMinutes>", "... TimeoutInMinutes");
    has(r, "<Capabilities/>", "... empty lists as empty elements");
    has(r, "<StackStatus>CREATE_COMPLETE</StackStatus>", "... ACTION_STATUS");
    snprintf(q, sizeof(q), "Action=DescribeStacks&ContentType=JSON&StackName=%s", enc(arn));
    r = get(q);
    ok(r->status == 200 &&
           json_is_integer(jpath(r->json, "DescribeStacksResponse."
                                          "DescribeStacksResult.Stacks.0."
                                          "TimeoutInMinutes")) &&
           json_is_boolean(jpath(r->json, "DescribeStacksResponse.DescribeStacksResult.Stacks.0."
                                          "DisableRollback")),
       "DescribeStacks by ARN, ContentType=JSON: JSON types kept");
    is_str(r->ctype, "application/json", "... as application/json");
    r = get("Action=DescribeStacks&ContentType=JSON");
    is_int((long)json_array_size(jpath(r->json, "DescribeStacksResponse.DescribeStacksResult."
                                                "Stacks")),
           1, "DescribeStacks without StackName: every stack");

    r = get("Action=ListStacks&ContentType=JSON");
    p = jpath_str(r->json, "ListStacksResponse.ListStacksResult.StackSummaries.0.StackStatus");
    ok(p != NULL && strcmp(p, "CREATE_COMPLETE") == 0 &&
           strcmp(jpath_str(r->json, "ListStacksResponse.ListStacksResult.StackSummaries.0."
                                     "StackId"),
                  arn) == 0,
       "ListStacks: the summary with its status and ARN");

    r = get("Action=DescribeStackEvents&StackName=c1");
    has(r, "<LogicalResourceId>message</LogicalResourceId>", "DescribeStackEvents: the events");
    has(r, "<ResourceStatus>CREATE_COMPLETE</ResourceStatus>", "... with ACTION_STATUS");
    ok(strstr(r->body, "<EventId>") != NULL && strstr(r->body, "<EventId>arn") == NULL &&
           strstr(r->body, "<EventId>{") == NULL,
       "... EventId the event's own id");
    r = get("Action=DescribeStackEvents&ContentType=JSON");
    ok(json_array_size(jpath(r->json, "DescribeStackEventsResponse.DescribeStackEventsResult."
                                      "StackEvents")) >= 4,
       "DescribeStackEvents without StackName: every stack's events");

    r = get("Action=DescribeStackResource&StackName=c1&LogicalResourceId=message");
    has(r, "<StackResourceDetail><Description></Description><LastUpdatedTimestamp>",
        "DescribeStackResource: the detail in Heat's order");
    has(r, "<ResourceType>OS::Heat::Value</ResourceType>", "... its type");
    has(r, "<Metadata/>", "... empty Metadata as an empty element");
    r = get("Action=DescribeStackResource&StackName=c1&LogicalResourceId=nope");
    is_aws_error(r, 400, "InvalidParameterValue", "nope", "DescribeStackResource of no resource");
    r = get("Action=DescribeStackResource&StackName=c1");
    is_aws_error(r, 400, "MissingParameter", "LogicalResourceId",
                 "DescribeStackResource without LogicalResourceId");

    r = get("Action=DescribeStackResources&StackName=c1&LogicalResourceId=marker&ContentType=JSON");
    phys = jpath_str(r->json, "DescribeStackResourcesResponse.DescribeStackResourcesResult."
                              "StackResources.0.PhysicalResourceId");
    ok(phys != NULL && json_array_size(jpath(r->json, "DescribeStackResourcesResponse."
                                                      "DescribeStackResourcesResult."
                                                      "StackResources")) == 1,
       "DescribeStackResources filtered by LogicalResourceId");
    snprintf(q, sizeof(q), "Action=DescribeStackResources&PhysicalResourceId=%s",
             enc(phys != NULL ? phys : "x"));
    r = get(q);
    has(r, "<LogicalResourceId>marker</LogicalResourceId>",
        "DescribeStackResources by PhysicalResourceId");
    has(r, "<LogicalResourceId>message</LogicalResourceId>", "... every resource of its stack");
    r = get("Action=DescribeStackResources&StackName=c1&PhysicalResourceId=x");
    is_aws_error(r, 400, "InvalidParameterCombination", "but not both",
                 "DescribeStackResources with both names");

    r = get("Action=ListStackResources&StackName=c1&ContentType=JSON");
    ok(json_array_size(jpath(r->json, "ListStackResourcesResponse.ListStackResourcesResult."
                                      "StackResourceSummaries")) == 2 &&
           jpath_str(r->json, "ListStackResourcesResponse.ListStackResourcesResult."
                              "StackResourceSummaries.0.ResourceStatus") != NULL,
       "ListStackResources: both summaries");

    r = get("Action=GetTemplate&StackName=c1");
    has(r,
        "<GetTemplateResponse><GetTemplateResult><TemplateBody>{\"heat_template_version\": "
        "\"2018-08-31\", ",
        "GetTemplate: the template as JSON text");

    snprintf(form, sizeof(form), "Action=ValidateTemplate&TemplateBody=%s", enc(TEMPLATE));
    r = post(form);
    has(r,
        "<Parameters><member><ParameterKey>greeting</ParameterKey><DefaultValue>hi"
        "</DefaultValue><Description>what to say</Description><NoEcho>false</NoEcho></member>"
        "</Parameters>",
        "ValidateTemplate: the parameters as Heat formats them");
    r = post("Action=ValidateTemplate&TemplateBody=%5B1%5D");
    is_aws_error(r, 400, "InvalidParameterValue", "The Template must be a JSON or YAML document.",
                 "ValidateTemplate of a list");
    r = post("Action=ValidateTemplate&TemplateBody=a%3A+b");
    is_aws_error(r, 400, "InvalidParameterValue", "JSON or YAML", "... of a versionless mapping");
    r = post("Action=ValidateTemplate");
    is_aws_error(r, 400, "MissingParameter", "TemplateBody or TemplateUrl were not given.",
                 "... of nothing");
    r = get("Action=ValidateTemplate&TemplateUrl=ftp%3A%2F%2Fx%2Fy");
    is_aws_error(r, 400, "InvalidParameterValue", "Failed to fetch template",
                 "... of an ftp TemplateUrl");

    r = get("Action=EstimateTemplateCost");
    is_str(r->body,
           "<EstimateTemplateCostResponse><EstimateTemplateCostResult><Url>"
           "http://en.wikipedia.org/wiki/Gratis</Url></EstimateTemplateCostResult>"
           "</EstimateTemplateCostResponse>",
           "EstimateTemplateCost: Heat's stub");

    /* enc's buffer is static: one call per snprintf */
    snprintf(form, sizeof(form), "Action=UpdateStack&StackName=%s", enc(arn));
    snprintf(form + strlen(form), sizeof(form) - strlen(form),
             "&TemplateBody=%s&Parameters.member.1.ParameterKey=greeting&Parameters.member.1."
             "ParameterValue=howdy",
             enc(TEMPLATE));
    r = post(form);
    has(r, "<UpdateStackResponse><UpdateStackResult><StackId>arn:openstack:heat::admin:stacks/c1/",
        "UpdateStack by ARN");
    is_str(wait_status("c1"), "UPDATE_COMPLETE", "c1 reaches UPDATE_COMPLETE");
    r = get("Action=DescribeStacks&StackName=c1");
    has(r, "<OutputValue>howdy from c1</OutputValue>", "... the output follows the new parameter");
    has(r, "<LastUpdatedTime>", "... LastUpdatedTime once updated");
    r = get("Action=CancelUpdateStack&StackName=c1");
    is_aws_error(r, 400, "InvalidParameterValue", "not supported",
                 "CancelUpdateStack of a stack not updating");

    r = get("Action=DescribeStacks&StackName=nope");
    is_aws_error(r, 400, "InvalidParameterValue", "The Stack (nope) could not be found.",
                 "DescribeStacks of no stack");
    /* Heat's controller returns map_remote_error's exception: its JSON
     * serializer writes str() of it, with status 200 */
    r = get("Action=DescribeStacks&StackName=nope&ContentType=JSON");
    ok(r->status == 200 && strcmp(r->body, "\"The Stack (nope) could not be found.\"") == 0 &&
           strncmp(r->ctype, "application/json", 16) == 0,
       "... with ContentType=JSON: 200 and the detail as a JSON string, as Heat (%ld %s)",
       r->status, r->body);
    snprintf(form, sizeof(form), "Action=CreateStack&StackName=x&ContentType=JSON&TemplateBody=%s",
             enc("[1, 2"));
    r = post(form);
    ok(r->status == 200 &&
           strcmp(r->body, "\"The Template must be a JSON or YAML document.\"") == 0,
       "a template that does not parse, ContentType=JSON: Heat's returned error (%ld %s)",
       r->status, r->body);
    r = get("Action=CreateStack&StackName=x&ContentType=JSON");
    ok(r->status == 200 && strcmp(r->body, "\"TemplateBody or TemplateUrl were not given.\"") == 0,
       "no template, ContentType=JSON: Heat's returned error (%ld %s)", r->status, r->body);
    r = get("Action=Bogus");
    is_aws_error(r, 400, "InvalidAction", "The action or operation requested is invalid",
                 "an unknown Action");
    r = get("Action=Bogus&ContentType=JSON");
    is_aws_error(r, 400, "InvalidAction", NULL,
                 "an unknown Action with ContentType=JSON: raised by Heat, so XML");
    r = get("StackName=c1");
    is_aws_error(r, 400, "InvalidAction", NULL, "no Action");
    r = http_call("GET", "/v1/stacks", NULL, NULL);
    is_aws_error(r, 400, "InvalidAction", NULL, "the stacks resource's routes");
    r = post("Action=CreateStack&StackName=x&TemplateBody=%7B%7D&DisableRollback=true&OnFailure="
             "DELETE");
    is_aws_error(r, 400, "InvalidParameterCombination", "may not be used together",
                 "DisableRollback with OnFailure");
    r = get("Action=DeleteStack");
    is_aws_error(r, 400, "MissingParameter", "StackName", "DeleteStack without StackName");

    /* signed requests, noauth: the signature is not checked */
    r = get("Action=ListStacks&AWSAccessKeyId=AKID&SignatureMethod=HmacSHA256&SignatureVersion=2&"
            "Timestamp=2026-11-29T10%3A00%3A00Z&Signature=abc%3D");
    has(r, "<StackName>c1</StackName>", "a SigV2-signed GET is served");
    {
        const char *const v4[] = {"Content-Type: application/x-www-form-urlencoded",
                                  "X-Amz-Date: 20261129T100000Z",
                                  "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261129/"
                                  "RegionOne/cloudformation/aws4_request, SignedHeaders=host;"
                                  "x-amz-date, Signature=0123abcd",
                                  NULL};
        const char *const nocred[] = {"Authorization: AWS4-HMAC-SHA256 SignedHeaders=host, "
                                      "Signature=0123abcd",
                                      NULL};

        r = http_call("POST", "/v1/", "Action=ListStacks&Version=2010-05-15", v4);
        has(r, "<StackName>c1</StackName>", "a SigV4-signed POST is served");
        r = http_call("GET", "/v1/?Action=ListStacks", NULL, nocred);
        is_aws_error(r, 403, "MissingAuthenticationToken", NULL,
                     "a SigV4 signature without its Credential");
    }
    r = get("Action=ListStacks&Signature=abc");
    is_aws_error(r, 403, "MissingAuthenticationToken", NULL,
                 "a SigV2 signature without AWSAccessKeyId");
    r = http_call("GET", "/v1/?Action=ListStacks", NULL,
                  (const char *const[]){"X-Auth-Project: other", NULL});
    is_str(r->body,
           "<ListStacksResponse><ListStacksResult><StackSummaries/></ListStacksResult>"
           "</ListStacksResponse>",
           "another project (X-Auth-Project) sees none of admin's stacks");

    r = get("Action=DeleteStack&StackName=c1");
    is_str(r->body,
           "<DeleteStackResponse><DeleteStackResult></DeleteStackResult>"
           "</DeleteStackResponse>",
           "DeleteStack: an empty result");
    is_int((long)wait_no_stacks(), 0, "the stack is gone");
}

static void signals(void)
{
    http_resp *r;
    char form[8192], path[1024], url[1024], sid[64] = "";
    const char *p, *u;

    snprintf(form, sizeof(form), "Action=CreateStack&StackName=w1&TemplateBody=%s",
             enc(WAIT_TEMPLATE));
    r = post(form);
    p = strstr(r->body, "stacks/w1/");
    ok(r->status == 200 && p != NULL, "CreateStack of the wait conditions");
    if (p != NULL)
        sscanf(p + 10, "%63[^<]", sid);
    /* the AWS handle's URL: heat_waitcondition_server_url + the ARN */
    for (int i = 0; i < 200; i++) {
        r = get("Action=DescribeStackResource&StackName=w1&LogicalResourceId=aw");
        if (strstr(r->body, "CREATE_IN_PROGRESS") != NULL)
            break;
        usleep(100000);
    }
    u = output_of("w1", "url");
    snprintf(url, sizeof(url), "%s", u != NULL ? u : "");
    ok(strncmp(url,
               "http://127.0.0.1:8000/v1/waitcondition/arn%3Aopenstack%3Aheat%3A%3Aadmin%3A"
               "stacks/w1/",
               84) == 0 &&
           strstr(url, "/resources/ah?") != NULL && strstr(url, "AWSAccessKeyId=") != NULL,
       "the AWS handle's Ref is the pre-signed wait condition URL");
    /* the path and query of the URL, sent to this server */
    p = strstr(url, "/v1/waitcondition/");
    snprintf(path, sizeof(path), "%s", p != NULL ? p : "/v1/waitcondition/none");
    r = http_call("PUT", path,
                  "{\"Status\": \"SUCCESS\", \"Reason\": \"ok\", \"UniqueId\": \"1\", "
                  "\"Data\": \"aws data\"}",
                  NULL);
    is_str(r->body, "<resource>ah</resource>",
           "PUT on the wait condition URL: Heat's answer serialised as XML");
    r = http_call("PUT", path, "{\"Status\": \"BOGUS\"}", NULL);
    /* Heat's signal wraps the handle's ValueError in ResourceFailure, which
     * map_remote_error leaves an InternalFailure */
    is_aws_error(r, 500, "InternalFailure", "ValueError: resources.ah: Metadata format invalid",
                 "... a malformed signal");
    snprintf(path, sizeof(path),
             "/v1/signal/arn%%3Aopenstack%%3Aheat%%3A%%3Aadmin%%3Astacks/w1/%s/resources/hh", sid);
    r = http_call("POST", path,
                  "{\"status\": \"SUCCESS\", \"reason\": \"r\", \"id\": \"2\", \"data\": \"heat "
                  "data\"}",
                  NULL);
    ok(r->status == 200 && r->len == 0, "POST on the signal URL: 200, no body");
    is_str(wait_status("w1"), "CREATE_COMPLETE", "both wait conditions complete");
    r = get("Action=DescribeStacks&StackName=w1");
    has(r, "aws data", "... the AWS condition's Data");
    has(r, "heat data", "... the OS::Heat condition's data");
    r = http_call("POST", "/v1/signal/arn%3Aopenstack%3Aheat%3A%3Aadmin%3Astacks/w1", "{}", NULL);
    is_aws_error(r, 400, "InvalidParameterValue", "ARN", "a signal to a stack's ARN");
    r = http_call("POST", "/v1/signal/nonsense", "{}", NULL);
    is_aws_error(r, 400, "InvalidParameterValue", "not a valid ARN", "a signal to no ARN");
    r = http_call("GET", path, NULL, NULL);
    is_int(r->status, 404, "GET on the signal URL: 404");
    r = get("Action=DeleteStack&StackName=w1");
    ok(r->status == 200, "DeleteStack w1");
    if (!ok(wait_no_stacks() == 0, "w1 is gone")) {
        r = get("Action=ListStacks");
        diag("%s", r->body);
    }
}

#define SCALING_TEMPLATE                                                                           \
    "{\"heat_template_version\": \"2018-08-31\", \"resources\": {"                                 \
    "\"group\": {\"type\": \"OS::Heat::AutoScalingGroup\", \"properties\": {\"min_size\": 1, "     \
    "\"max_size\": 3, \"desired_capacity\": 1, \"resource\": {\"type\": \"OS::Heat::None\"}}}, "   \
    "\"up\": {\"type\": \"OS::Heat::ScalingPolicy\", \"properties\": {\"auto_scaling_group_id\": " \
    "{\"get_resource\": \"group\"}, \"adjustment_type\": \"change_in_capacity\", "                 \
    "\"scaling_adjustment\": 1, \"cooldown\": 0}}}, "                                              \
    "\"outputs\": {\"alarm_url\": {\"value\": {\"get_attr\": [\"up\", \"alarm_url\"]}}, "          \
    "\"signal_url\": {\"value\": {\"get_attr\": [\"up\", \"signal_url\"]}}, "                      \
    "\"size\": {\"value\": {\"get_attr\": [\"group\", \"current_size\"]}}}}"

/* ScalingPolicy's alarm_url: the CFN API's signal URL, which scales. */
static void scaling(void)
{
    char form[8192], alarm[1024], want[512], sid[64] = "";
    const char *p;
    http_resp *r;
    int i;

    snprintf(form, sizeof(form), "Action=CreateStack&StackName=p1&TemplateBody=%s",
             enc(SCALING_TEMPLATE));
    r = post(form);
    p = strstr(r->body, "stacks/p1/");
    if (p != NULL)
        sscanf(p + 10, "%63[^<]", sid);
    is_str(wait_status("p1"), "CREATE_COMPLETE", "a group with a scaling policy");
    snprintf(alarm, sizeof(alarm), "%s", output_of("p1", "alarm_url"));
    snprintf(want, sizeof(want),
             "http://127.0.0.1:8000/v1/signal/arn%%3Aopenstack%%3Aheat%%3A%%3Aadmin%%3Astacks/p1/"
             "%s/resources/up?SignatureMethod=HmacSHA256&SignatureVersion=2&AWSAccessKeyId=",
             sid);
    ok(strncmp(alarm, want, strlen(want)) == 0 && strlen(alarm) > strlen(want) &&
           strstr(alarm, "Timestamp") == NULL,
       "alarm_url: the pre-signed CFN signal URL, never expiring");
    if (strncmp(alarm, want, strlen(want)) != 0)
        diag("alarm_url %s", alarm);
    snprintf(want, sizeof(want), "http://127.0.0.1:8004/v1/admin/stacks/p1/%s/resources/up/signal",
             sid);
    is_str(output_of("p1", "signal_url"), want, "signal_url: the native API's signal URL");
    is_str(output_of("p1", "size"), "1", "the group has one member");
    p = strstr(alarm, "/v1/signal/");
    r = http_call("POST", p != NULL ? p : "/v1/signal/none", "{}", NULL);
    ok(r->status == 200 && r->len == 0, "POST on alarm_url: 200, no body");
    for (i = 0; i < 200 && strcmp(output_of("p1", "size"), "2") != 0; i++)
        usleep(100000);
    is_str(output_of("p1", "size"), "2", "the alarm scaled the group up by one");
    r = get("Action=DeleteStack&StackName=p1");
    is_int((long)wait_no_stacks(), 0, "p1 is gone");
}

static void workflow(int port)
{
    stacks(port);
    signals();
    scaling();
}

int main(void)
{
    int rc;

    plan_lazy();
    if ((rc = api_e2e_run(HH_API_CFN, workflow)) != 0)
        return rc;
    return done_testing();
}
