#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# shellcheck disable=SC2016 # JMESPath queries quote with backticks
# heat-all's CFN Query API driven by the real AWS CLI from Debian (awscli,
# TAP): aws cloudformation create-stack, describe-stacks, list-stacks,
# describe-stack-events, describe-stack-resources, get-template,
# validate-template, delete-stack with dummy credentials, --endpoint-url and
# --region, asserting the values computed from the parameters given, the
# statuses and the resources; then the AWS error of a missing stack. Without
# /usr/bin/aws (tools/install-deps.sh installs it) the script skips. With
# HH_VALGRIND set (tools/run-tests.sh's valgrind pass) heat-all runs under
# it and its exit status is checked. With HH_TEST_DB_URL set (make
# check-mariadb) heat-all runs on a database of its own there
# (tests/lib/test_db.sh). Every wait is bounded; only processes this script
# started are signalled.
all="${top_builddir:-.}/all/heat-all"
aws_bin=/usr/bin/aws # not a pyenv shim on PATH: the Debian client
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
# shellcheck source=tests/lib/test_db.sh
. "${top_srcdir:-.}/tests/lib/test_db.sh"
if [ ! -x "$aws_bin" ]; then
    echo "1..0 # SKIP awscli is not installed ($aws_bin)"
    exit 0
fi
gone() { ! kill -0 "$1" 2>/dev/null; }
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
rc_out() { rc_is "$1" && out_has "$2"; }
status_is() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; }

port=$(free_port)
cfn_port=$(free_port)
endpoint="http://127.0.0.1:$cfn_port/v1"
cat >"$work/heat.conf" <<CONF
[DEFAULT]
state_path = $work/state
num_engine_workers = 2
graceful_shutdown_timeout = 30
[heat_api]
bind_port = $port
workers = 2
[heat_api_cfn]
bind_port = $cfn_port
workers = 2
CONF
if [ -n "${HH_TEST_DB_URL:-}" ]; then
    db=$(test_db_url heat_all_cfn "") || {
        echo "Bail out! no database for the test"
        exit 1
    }
    printf '[database]\nconnection = %s\n' "$db" >>"$work/heat.conf"
fi
cat >"$work/demo.json" <<'JSON'
{"AWSTemplateFormatVersion": "2010-09-09",
 "Description": "heat-ha AWS CLI demo",
 "Parameters": {"Greeting": {"Type": "String", "Default": "hello",
                             "Description": "Words the message starts with."}},
 "Resources": {
   "Secret": {"Type": "OS::Heat::RandomString", "Properties": {"length": 12}},
   "Message": {"Type": "OS::Heat::Value",
               "Properties": {"value": {"Fn::Join": [" ", [{"Ref": "Greeting"}, "from",
                                                           {"Ref": "AWS::StackName"}]]}}}},
 "Outputs": {"Message": {"Description": "the message",
                         "Value": {"Fn::GetAtt": ["Message", "value"]}}}}
JSON

# The AWS CLI with dummy credentials and no user configuration.
mkdir -p "$work/home"
aws() {
    HOME="$work/home" AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret \
        AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" \
        AWS_EC2_METADATA_DISABLED=true \
        timeout 120 "$aws_bin" --endpoint-url "$endpoint" --region RegionOne cloudformation "$@"
}
# status_of NAME STATUS: describe-stacks says the stack is in STATUS
status_of() {
    [ "$(aws describe-stacks --stack-name "$1" --query 'Stacks[0].StackStatus' --output text 2>/dev/null)" = "$2" ]
}
# not_listed NAME: list-stacks answers without the stack
not_listed() {
    aws list-stacks --query 'StackSummaries[].StackName' --output text >"$work/list" 2>&1 &&
        ! grep -qw "$1" "$work/list"
}

# shellcheck disable=SC2086 # HH_VALGRIND is a command line
${HH_VALGRIND:-} "$all" -f --config-file "$work/heat.conf" >"$work/all.log" 2>&1 </dev/null &
pid=$!
pids="$pids $pid"
check "heat-all serves the CFN API's version document" \
    wait_for 100 status_is "http://127.0.0.1:$cfn_port/" 300
check "heat-all logs both APIs' ports" grep -q "CFN API on 127.0.0.1 port $cfn_port" "$work/all.log"

run_prog aws create-stack --stack-name a1 --template-body "file://$work/demo.json" \
    --parameters ParameterKey=Greeting,ParameterValue=hi
check "aws cloudformation create-stack: the stack's ARN" \
    rc_is 0
check "... arn:openstack:heat::admin:stacks/a1/<id>" out_has '"StackId": "arn:openstack:heat::admin:stacks/a1/'
check "a1 reaches CREATE_COMPLETE" wait_for 300 status_of a1 CREATE_COMPLETE
run_prog aws describe-stacks --stack-name a1 --query 'Stacks[0].Outputs[?OutputKey==`Message`].OutputValue' \
    --output text
check "aws cloudformation describe-stacks: the output computed from the parameter" \
    rc_out 0 '^hi from a1$'
run_prog aws describe-stacks --stack-name a1 --query 'Stacks[0].Parameters[?ParameterKey==`Greeting`].ParameterValue' \
    --output text
check "... the parameter given" rc_out 0 '^hi$'
run_prog aws list-stacks --query 'StackSummaries[].[StackName,StackStatus]' --output text
check "aws cloudformation list-stacks: a1 CREATE_COMPLETE" rc_out 0 "^a1[[:space:]]CREATE_COMPLETE$"
run_prog aws describe-stack-events --stack-name a1 \
    --query 'StackEvents[].[LogicalResourceId,ResourceStatus]' --output text
check "aws cloudformation describe-stack-events: Message CREATE_COMPLETE" \
    rc_out 0 "^Message[[:space:]]CREATE_COMPLETE$"
check "... and the stack's own CREATE_COMPLETE" out_has "^a1[[:space:]]CREATE_COMPLETE$"
run_prog aws describe-stack-resources --stack-name a1 \
    --query 'StackResources[].[LogicalResourceId,ResourceType,ResourceStatus]' --output text
check "aws cloudformation describe-stack-resources: Message" \
    rc_out 0 "^Message[[:space:]]OS::Heat::Value[[:space:]]CREATE_COMPLETE$"
check "... and Secret" out_has "^Secret[[:space:]]OS::Heat::RandomString[[:space:]]CREATE_COMPLETE$"
run_prog aws get-template --stack-name a1 --query 'TemplateBody.Description' --output text
check "aws cloudformation get-template: the template given" rc_out 0 '^heat-ha AWS CLI demo$'
run_prog aws validate-template --template-body "file://$work/demo.json" \
    --query 'Parameters[].[ParameterKey,DefaultValue,Description]' --output text
check "aws cloudformation validate-template: the parameter with its default" \
    rc_out 0 "^Greeting[[:space:]]hello[[:space:]]Words the message starts with.$"
printf '{"Resources": {}}' >"$work/bad.json"
run_prog aws validate-template --template-body "file://$work/bad.json"
check "... a template without a version: InvalidParameterValue" \
    sh -c "! grep -q '^0$' '$work/rc' && grep -q 'InvalidParameterValue' '$work/stderr'"
run_prog aws describe-stacks --stack-name nope
check "aws cloudformation describe-stacks of no stack: Heat's error" \
    sh -c "! grep -q '^0$' '$work/rc' && grep -q 'The Stack (nope) could not be found' '$work/stderr'"
run_prog aws delete-stack --stack-name a1
check "aws cloudformation delete-stack" rc_is 0
check "a1 is no longer listed" wait_for 300 not_listed a1

kill -TERM "$pid"
check "SIGTERM stops heat-all" wait_for 300 gone "$pid"
wait "$pid"
echo $? >"$work/rc"
pids=""
check "... with exit status 0" rc_is 0
tap_done
