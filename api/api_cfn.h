/* api_cfn: the CloudFormation-compatible Query API v1 (Heat's
 * heat/api/cfn/v1), served by heat-api-cfn and heat-all.
 *
 * GET or POST /v1/?Action=<Name>&... (a POST's form-encoded body is read
 * as well; a query parameter wins over a form one of the same name, the
 * last of one name wins within each) runs one of Heat's 13 actions
 * (CreateStack, UpdateStack, DeleteStack, DescribeStacks, ListStacks,
 * DescribeStackEvents, DescribeStackResource, DescribeStackResources,
 * ListStackResources, GetTemplate, ValidateTemplate, EstimateTemplateCost,
 * CancelUpdateStack) through the engine's RPC methods, answered as Heat's
 * XMLResponseSerializer writes {"<Action>Response": {"<Action>Result": ...}}
 * or, with ContentType=JSON, as JSON. Errors are Heat's AWS error bodies
 * (heat/api/aws/exception.py): <ErrorResponse><Error><Type>Sender|Server
 * </Type><Code>InvalidParameterValue</Code><Message>explanation[:detail]
 * </Message></Error></ErrorResponse> with the code's HTTP status, engine
 * errors mapped as map_remote_error maps them.
 *
 * Beside the Query API, the signal routes Heat serves there:
 *   PUT  /v1/waitcondition/<ARN>  a synchronous resource_signal (the
 *        AWS::CloudFormation::WaitConditionHandle's pre-signed URL), answered
 *        {"resource": name, "metadata": metadata} in Heat's serialisation;
 *   POST /v1/signal/<ARN>         an asynchronous one (ScalingPolicy's
 *        alarm_url, CFN_SIGNAL), 200 with no body.
 * <ARN> is the resource's arn:openstack:heat::<tenant>:stacks/<name>/<id>/
 * resources/<res>, percent-encoded as Heat's arn_url_path writes it.
 *
 * Auth is noauth, as Heat's noauth middleware: the project is the
 * X-Auth-Project header, else "admin"; the user X-Auth-User, else "admin".
 * Requests signed with AWS SigV2 (Signature, AWSAccessKeyId, ...) or SigV4
 * (X-Amz-Signature, or an "Authorization: AWS4-HMAC-SHA256 Credential=..."
 * header) are accepted without checking the signature; a signature
 * without its access key (or a SigV4 header without Credential or
 * Signature) is IncompleteSignature. A signal's project is the tenant of
 * its ARN (the engine checks the stack is that tenant's).
 *
 * Thread-safe: hh_api_cfn_handle runs on any number of threads at once.
 */
#ifndef HH_API_CFN_H
#define HH_API_CFN_H

#include "api_http.h"
#include "hh_conf.h"
#include "hh_error.h"
#include "rpc.h"

typedef struct hh_api_cfn hh_api_cfn;

/* New API on rpc (borrowed; must outlive it) with conf's [DEFAULT]
 * max_template_size and rpc_response_timeout (conf borrowed for the call
 * only; NULL: defaults). NULL with err filled on ENOMEM. */
hh_api_cfn *hh_api_cfn_new(const hh_conf *conf, hh_rpc *rpc, hh_error *err);
void hh_api_cfn_free(hh_api_cfn *api);

/* Answer req (path: the part after "/v1", e.g. "/" or "/signal/arn..."). */
void hh_api_cfn_handle(hh_api_cfn *api, hh_http_request *req, hh_http_response *resp,
                       const char *path);

#endif
