#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The heat client's verbs against a real heat-api with the engine behind it
# (TAP): every verb's happy path, its errors and exit codes, heatclient's
# table layouts. Needs the built client and tests/client/heat_test_server
# (top_builddir) and python3. Every wait is bounded and only the server this
# script started is signalled.
heat="${top_builddir:-.}/client/heat"
server="${top_builddir:-.}/tests/client/heat_test_server"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
pid=""
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
    [ -n "$pid" ] && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# wait_for TENTHS COMMAND...: until the command succeeds, at most TENTHS/10 s
wait_for() {
    t=$1
    shift
    while [ "$t" -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
        t=$((t - 1))
    done
    return 1
}
has_port() { [ -s "$work/port" ]; }

mkdir "$work/state"
"$server" "$work/state" >"$work/port" 2>"$work/server.log" &
pid=$!
if ! wait_for 100 has_port; then
    echo "Bail out! the test server did not start"
    cat "$work/server.log"
    exit 1
fi
url="http://127.0.0.1:$(cat "$work/port")/v1/admin"

run() { run_prog "$heat" --heat-url "$url" --os-no-client-auth --os-auth-token x "$@"; }
rc_out() { rc_is "$1" && out_has "$2"; }
rc_err() { rc_is "$1" && err_has "$2"; }
out_lacks() { ! grep -q -- "$1" "$work/stdout"; }
# a prettytable: every line a border or a row, all of one width
is_table() {
    python3 - "$work/stdout" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) >= 4, lines
assert lines[0].startswith('+-') and lines[0] == lines[2] == lines[-1], lines
assert all(l[0] in '+|' and len(l) == len(lines[0]) for l in lines), lines
PY
}
# header COLUMN...: the table's header row is exactly these columns
header() {
    want="|"
    for c in "$@"; do want="$want $c |"; done
    sed -n 2p "$work/stdout" | tr -s ' ' | grep -qxF -- "$want"
}
# status_of STACK: its stack_status, from stack-show
status_of() {
    "$heat" --heat-url "$url" --os-no-client-auth stack-show "$1" 2>/dev/null |
        sed -n 's/^| stack_status  *| \([A-Z_]*\) .*/\1/p'
}
status_is() { [ "$(status_of "$1")" = "$2" ]; }
json_has() { # python expression on the JSON output as d
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" \
        "$work/stdout"
}

cat >"$work/t.yaml" <<'YAML'
heat_template_version: 2018-08-31
description: client test stack
parameters:
  greeting: {type: string, default: hello}
resources:
  marker: {type: OS::Heat::None}
  message:
    type: OS::Heat::Value
    depends_on: marker
    properties:
      value: {str_replace: {template: $g from $s, params: {$g: {get_param: greeting}, $s: {get_param: OS::stack_name}}}}
outputs:
  message: {description: the message, value: {get_attr: [message, value]}}
  items: {value: [a, b]}
YAML

# ---- connection and usage errors ------------------------------------------
run_prog "$heat" --heat-url http://127.0.0.1:1/v1/admin --os-no-client-auth stack-list
check "refused connection exits 1 with heatclient's message" \
    rc_err 1 "^ERROR: Unable to establish connection to http://127.0.0.1:1/v1/admin/stacks"
run_prog "$heat" --heat-url "$url" stack-list
check "Keystone authentication asked for: a clear error, exit 1" \
    rc_err 1 "^ERROR: Keystone authentication is not supported"
run_prog "$heat" --os-no-client-auth stack-list
check "--os-no-client-auth without a URL names --heat-url" rc_err 1 "via either --heat-url or env\[HEAT_URL\]"
run_prog env HEAT_URL="$url" OS_NO_CLIENT_AUTH=1 "$heat" service-list
check "HEAT_URL and OS_NO_CLIENT_AUTH from the environment" rc_out 0 "heat-engine"
run no-such-verb
check "unknown verb exits 2" rc_err 2 "'no-such-verb' is not a heat command"
run stack-list --bogus
check "unknown option exits 2 with the verb's usage" rc_err 2 "usage: heat stack-list"
run stack-show
check "missing argument exits 2 naming it" rc_err 2 "the following arguments are required: <NAME or ID>"
run stack-create s0
check "stack-create without a template exits 1" rc_err 1 "Need to specify exactly one of"
run stack-create -f "$work/t.yaml" -P "broken" s0
check "malformed -P exits 1 with heatclient's message" rc_err 1 "Malformed parameter(broken). Use the key=value format."
run help stack-create
check "help VERB prints its usage" rc_out 0 "usage: heat stack-create"
run --help
check "--help lists every verb" sh -c "rc=\$(cat '$work/rc'); [ \$rc = 0 ] && grep -q stack-create '$work/stdout' && grep -q snapshot-list '$work/stdout'"

# ---- the seed's workflow ----------------------------------------------------
run stack-create -f "$work/t.yaml" -P "greeting=hi" -t 10 --tags a,b s1
check "stack-create exits 0 and prints the stack list" rc_out 0 "| s1 "
check "stack-list's table layout" is_table
check "stack-list's columns" header id stack_name stack_status creation_time updated_time project
check "s1 reaches CREATE_COMPLETE" wait_for 150 status_is s1 CREATE_COMPLETE
run stack-create -f "$work/t.yaml" s1
check "a duplicate name exits 1 with the server's message" rc_err 1 "^ERROR: The Stack (s1) already exists."
run stack-list
check "stack-list shows s1 complete" rc_out 0 "| s1 *| CREATE_COMPLETE"
run stack-list --filters name=nothing
check "stack-list --filters filters" sh -c "rc=\$(cat '$work/rc'); [ \$rc = 0 ] && ! grep -q '| s1 ' '$work/stdout'"
check "an empty list is a header only" sh -c "[ \$(wc -l <'$work/stdout') = 4 ]"
run stack-list -k bogus
check "stack-list -k checks the key" rc_err 1 "Sorting key 'bogus' not one of the supported keys"
run stack-show s1
check "stack-show prints Property/Value" header Property Value
check "stack-show's tags as JSON, description wrapped" \
    sh -c "grep -q '| stack_name  *| s1 ' '$work/stdout' && grep -q '\"a\",' '$work/stdout' && grep -q '| description  *| client test stack' '$work/stdout'"
run stack-show nope
check "stack-show of a missing stack exits 1" rc_err 1 "^ERROR: Stack not found: nope$"
run output-show --all s1
check "output-show --all prints every value" \
    sh -c "rc=\$(cat '$work/rc'); [ \$rc = 0 ] && grep -qx 'hi from s1' '$work/stdout' && grep -qx '  \"a\", ' '$work/stdout'"
run output-show -F json s1 message
check "output-show -F json" json_has "d['output_key'] == 'message' and d['output_value'] == 'hi from s1'"
run output-show --with-detail s1 message
check "output-show --with-detail is a table" header Property Value
run output-show s1 nope
check "output-show of a missing output exits 1" rc_err 1 "^ERROR: Output nope not found.$"
run output-show -a s1 message
check "output-show KEY with --all exits 1" rc_err 1 "Can't specify an output name and the --all flag"
run output-list s1
check "output-list columns" header output_key description
check "output-list sorted by key" sh -c "sed -n 4p '$work/stdout' | grep -q '| items '"
run resource-list s1
check "resource-list columns" header resource_name physical_resource_id resource_type resource_status updated_time
check "resource-list lists both resources" sh -c "grep -q '| marker ' '$work/stdout' && grep -q '| message .*OS::Heat::Value' '$work/stdout'"
run resource-list --with-detail s1
check "resource-list --with-detail adds stack_name" sh -c "sed -n 2p '$work/stdout' | grep -q 'stack_name' && grep -q '| s1 ' '$work/stdout'"
run resource-list -f name=marker s1
check "resource-list --filters" sh -c "grep -q '| marker ' '$work/stdout' && ! grep -q '| message ' '$work/stdout'"
run resource-list nope
check "resource-list of a missing stack exits 1" rc_err 1 "^ERROR: Stack not found: nope$"
run resource-show s1 message
check "resource-show" sh -c "grep -q '| resource_name  *| message ' '$work/stdout' && grep -q '| required_by ' '$work/stdout'"
run resource-show s1 nope
check "resource-show of a missing resource exits 1" rc_err 1 "^ERROR: Stack or resource not found: s1 nope$"
run resource-metadata s1 marker
check "resource-metadata prints JSON" rc_out 0 "{}"
run resource-signal -D 'not json' s1 marker
check "resource-signal -D checks JSON" rc_err 1 "^ERROR: Data should be in JSON format"
run resource-signal -D '[1]' s1 marker
check "resource-signal -D wants a dict" rc_err 1 "^ERROR: Data should be a JSON dict$"
run resource-signal -D '{"a": 1}' s1 marker
check "resource-signal of a resource without signals: the server's error" rc_err 1 "^ERROR: .*"
run resource-mark-unhealthy s1 marker "looks bad"
check "resource-mark-unhealthy exits 0" rc_is 0
run resource-show s1 marker
check "the resource is marked unhealthy" out_has "| resource_status_reason  *| looks bad "
run resource-mark-unhealthy --reset s1 marker
check "resource-mark-unhealthy --reset exits 0" rc_is 0
run resource-mark-unhealthy s1 nope
check "resource-mark-unhealthy of a missing resource exits 1" rc_err 1 "^ERROR: Stack or resource not found: s1 nope$"
run event-list s1
check "event-list columns" header resource_name id resource_status_reason resource_status event_time
check "event-list has the stack's events" out_has "| s1 .*Stack CREATE started"
evid=$(sed -n 's/^| message *| \([0-9a-f-]*\) .*CREATE_COMPLETE.*/\1/p' "$work/stdout" | head -1)
run event-list -r message s1
check "event-list -r only that resource" sh -c "grep -q '| message ' '$work/stdout' && ! grep -q '| marker ' '$work/stdout'"
run event-list -l 1 s1
check "event-list -l 1 is one row" sh -c "[ \$(wc -l <'$work/stdout') = 5 ]"
run event-list -F log s1
check "event-list -F log" out_has "^20.* \[s1\]: CREATE_IN_PROGRESS  Stack CREATE started"
run event-list -n 1 -r message s1
check "event-list -n with -r exits 1" rc_err 1 "--nested-depth cannot be specified with --resource"
run event-show s1 message "$evid"
check "event-show" sh -c "grep -q '| resource_name  *| message ' '$work/stdout' && grep -q '| id  *| $evid ' '$work/stdout'"
run event-show s1 message 00000000-0000-0000-0000-000000000000
check "event-show of a missing event exits 1" rc_err 1 "^ERROR: "
run template-show s1
check "template-show prints YAML" rc_out 0 "^heat_template_version: '2018-08-31'"
run template-validate -f "$work/t.yaml" -P greeting=yo
check "template-validate asks the server" json_has "d['Parameters']['greeting']['Value'] == 'yo' and d['Description'] == 'client test stack'"
run template-validate -f "$work/t.yaml" -P nope=1
check "template-validate's server error exits 1" rc_err 1 "^ERROR: The Parameter (nope) was not defined in template."
run template-version-list
check "template-version-list" sh -c "grep -q '| heat_template_version.2018-08-31 *| hot ' '$work/stdout'"
run template-function-list heat_template_version.2018-08-31
check "template-function-list" sh -c "grep -q '| get_attr ' '$work/stdout'"
run template-function-list nope
check "template-function-list of an unknown version exits 1" rc_err 1 "^ERROR: Template version not found: nope$"
run resource-type-list
check "resource-type-list" sh -c "grep -q '| OS::Heat::None ' '$work/stdout'"
run resource-type-show OS::Heat::Value
check "resource-type-show prints JSON" json_has "d['resource_type'] == 'OS::Heat::Value'"
run resource-type-show OS::Nope
check "resource-type-show of an unknown type exits 1" rc_err 1 "^ERROR: Resource Type not found: OS::Nope$"
run resource-type-template -t hot -F yaml OS::Heat::RandomString
check "resource-type-template -t hot -F yaml" rc_out 0 "^heat_template_version:"
run resource-type-template OS::Heat::RandomString
check "resource-type-template's CFN JSON by default" json_has "d['HeatTemplateFormatVersion'] == '2012-12-12'"
run resource-type-template -F xml OS::Heat::Value
check "resource-type-template -F checks the format" rc_err 1 "json, yaml"
run service-list
check "service-list columns" header hostname binary engine_id host topic updated_at status
check "service-list shows the engine" out_has "| heat-engine "
run build-info
check "build-info" sh -c "grep -q '| api ' '$work/stdout' && grep -q '| engine ' '$work/stdout'"

# ---- update, actions, snapshots, abandon and adopt -------------------------
run stack-update -x --dry-run -P greeting=yo s1
check "stack-update --dry-run prints the changes" header state resource_name resource_type resource_identity
run stack-update -x -P greeting=yo s1
check "stack-update -x exits 0" rc_out 0 "| s1 "
check "the update completes" wait_for 150 status_is s1 UPDATE_COMPLETE
run output-show s1 message
check "the new parameter is used" rc_out 0 "^yo from s1$"
run stack-update -x -c greeting s1
check "stack-update -c clears a parameter" wait_for 150 status_is s1 UPDATE_COMPLETE
run output-show s1 message
check "the cleared parameter is back to its default" rc_out 0 "^hello from s1$"
run stack-update --rollback maybe -x s1
check "stack-update --rollback checks its value" rc_err 1 "Unrecognized value 'maybe'"
run stack-cancel-update s1
check "stack-cancel-update when no update runs: the server's error" rc_err 1 "^ERROR: "
run action-suspend s1
check "action-suspend" rc_out 0 "| s1 "
check "the stack suspends" wait_for 150 status_is s1 SUSPEND_COMPLETE
run action-resume s1
check "the stack resumes" wait_for 150 status_is s1 RESUME_COMPLETE
run action-check s1
check "the stack checks" wait_for 150 status_is s1 CHECK_COMPLETE
run action-check nope
check "an action on a missing stack exits 1" rc_err 1 "^ERROR: Stack not found: nope$"
run stack-snapshot -n snap1 s1
check "stack-snapshot prints the snapshot" json_has "d['name'] == 'snap1'"
snap=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$work/stdout")
run snapshot-list s1
check "snapshot-list" sh -c "sed -n 2p '$work/stdout' | tr -s ' ' | grep -qxF '| id | name | status | status_reason | creation_time |' && grep -q '| snap1 ' '$work/stdout'"
run snapshot-show s1 "$snap"
check "snapshot-show" json_has "d['snapshot']['id'] == '$snap'"
run snapshot-show s1 nope
check "snapshot-show of a missing snapshot exits 1" rc_err 1 "^ERROR: Stack or snapshot not found$"
run stack-restore s1 "$snap"
check "stack-restore exits 0" rc_is 0
check "the restore completes" wait_for 150 status_is s1 RESTORE_COMPLETE
run stack-restore s1 nope
check "stack-restore of a missing snapshot exits 1" rc_err 1 "^ERROR: Stack or snapshot not found$"
run snapshot-delete -y s1 "$snap"
check "snapshot-delete" rc_out 0 "Request to delete the snapshot $snap of the stack s1 has been accepted."
run stack-create -f "$work/t.yaml" s2
check "a second stack" wait_for 150 status_is s2 CREATE_COMPLETE
run stack-abandon -O "$work/abandon.json" s2
check "stack-abandon -O writes the adoptable data" \
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['name'] == 's2' else 1)" "$work/abandon.json"
run stack-adopt s3
check "stack-adopt without -a exits 1" rc_err 1 "^ERROR: Need to specify --adopt-file$"
run stack-adopt -a "$work/abandon.json" s3
check "stack-adopt" rc_out 0 "| s3 "
check "the adopted stack completes" wait_for 150 status_is s3 ADOPT_COMPLETE

run stack-create --poll 1 -f "$work/t.yaml" s4
check "stack-create --poll waits for the end" rc_out 0 "^ Stack s4 CREATE_COMPLETE $"
check "stack-create --poll prints the events" out_has "^20.* \[s4\]: CREATE_IN_PROGRESS  Stack CREATE started$"
check "stack-create --poll shows the stack" out_has "| stack_status  *| CREATE_COMPLETE "

# ---- delete ----------------------------------------------------------------
run stack-delete -y s1 nope s3 s4
check "stack-delete of several, one missing, exits 1" rc_err 1 "^ERROR: Unable to delete 1 of the 4 stacks.$"
check "each accepted delete said so" sh -c "grep -qx 'Request to delete stack s1 has been accepted.' '$work/stdout' && grep -qx 'Request to delete stack s3 has been accepted.' '$work/stdout'"
check "the missing stack's error on stdout" out_has "^ERROR: The Stack (nope) could not be found."
check "s1 is gone" wait_for 150 sh -c "! '$heat' --heat-url '$url' --os-no-client-auth stack-list | grep -q '| s1 '"
run stack-list
check "stack-list is empty at the end" sh -c "[ \$(wc -l <'$work/stdout') = 4 ]"

tap_done
