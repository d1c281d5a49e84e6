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
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
has_port() { [ -s "$work/port" ]; }

mkdir "$work/state"
"$server" "$work/state" >"$work/port" 2>"$work/server.log" &
pids=$!
if ! wait_for 100 has_port; then
    echo "Bail out! the test server did not start"
    cat "$work/server.log"
    exit 1
fi
url="http://127.0.0.1:$(cat "$work/port")/v1/admin"

run() { run_prog "$heat" --heat-url "$url" --os-no-client-auth --os-auth-token x "$@"; }
# vrun: run, with the client under $HH_VALGRIND when set (tools/run-tests.sh's
# valgrind pass): the main path of each family of verbs, so a memory error or
# leak there fails the exit status check
vrun() {
    # shellcheck disable=SC2086 # HH_VALGRIND is a command line
    run_prog ${HH_VALGRIND:-} "$heat" --heat-url "$url" --os-no-client-auth --os-auth-token x "$@"
}
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
vrun stack-create -f "$work/t.yaml" -P "greeting=hi" -t 10 --tags a,b s1
check "stack-create exits 0 and prints the stack list" rc_out 0 "| s1 "
check "stack-list's table layout" is_table
check "stack-list's columns" header id stack_name stack_status creation_time updated_time project
check "s1 reaches CREATE_COMPLETE" wait_for 150 status_is s1 CREATE_COMPLETE
run stack-create -f "$work/t.yaml" s1
check "a duplicate name exits 1 with the server's message" rc_err 1 "^ERROR: The Stack (s1) already exists."
vrun stack-list
check "stack-list shows s1 complete" rc_out 0 "| s1 *| CREATE_COMPLETE"
run stack-list --filters name=nothing
check "stack-list --filters filters" sh -c "rc=\$(cat '$work/rc'); [ \$rc = 0 ] && ! grep -q '| s1 ' '$work/stdout'"
check "an empty list is a header only" sh -c "[ \$(wc -l <'$work/stdout') = 4 ]"
run stack-list -k bogus
check "stack-list -k checks the key" rc_err 1 "Sorting key 'bogus' not one of the supported keys"
vrun stack-show s1
check "stack-show prints Property/Value" header Property Value
check "stack-show's tags as JSON, description wrapped" \
    sh -c "grep -q '| stack_name  *| s1 ' '$work/stdout' && grep -q '\"a\",' '$work/stdout' && grep -q '| description  *| client test stack' '$work/stdout'"
run stack-show nope
check "stack-show of a missing stack exits 1" rc_err 1 "^ERROR: Stack not found: nope$"
vrun output-show --all s1
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
vrun resource-list --with-detail s1
check "resource-list --with-detail adds stack_name" sh -c "sed -n 2p '$work/stdout' | grep -q 'stack_name' && grep -q '| s1 ' '$work/stdout'"
run resource-list -f name=marker s1
check "resource-list --filters" sh -c "grep -q '| marker ' '$work/stdout' && ! grep -q '| message ' '$work/stdout'"
run resource-list nope
check "resource-list of a missing stack exits 1" rc_err 1 "^ERROR: Stack not found: nope$"
vrun resource-show s1 message
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
vrun event-list -F log s1
check "event-list -F log" out_has "^20.* \[s1\]: CREATE_IN_PROGRESS  Stack CREATE started"
check "event-list -F log names resources by their stack path" out_has "^20.* \[s1.message\]: CREATE_COMPLETE  state changed$"
run event-list -n 1 -r message s1
check "event-list -n with -r exits 1" rc_err 1 "--nested-depth cannot be specified with --resource"
run event-show s1 message "$evid"
check "event-show" sh -c "grep -q '| resource_name  *| message ' '$work/stdout' && grep -q '| id  *| $evid ' '$work/stdout'"
run event-show s1 message 00000000-0000-0000-0000-000000000000
check "event-show of a missing event exits 1" rc_err 1 "^ERROR: "
run template-show s1
check "template-show prints YAML" rc_out 0 "^heat_template_version: '2018-08-31'"
vrun template-validate -f "$work/t.yaml" -P greeting=yo
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
run service-list --role
check "service-list --role adds the role column" header hostname binary engine_id host topic updated_at status role
check "the test server's engine, which took no term, is standby" \
    sh -c "grep '| heat-engine ' '$work/stdout' | grep -q '| standby |'"
run build-info
check "build-info" sh -c "grep -q '| api ' '$work/stdout' && grep -q '| engine ' '$work/stdout'"

# ---- update, actions, snapshots, abandon and adopt -------------------------
vrun stack-update -x --dry-run -P greeting=yo s1
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
vrun snapshot-list s1
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

# ---- preview, parameter files, hooks ---------------------------------------
vrun stack-preview -f "$work/t.yaml" -P greeting=hey p1
check "stack-preview prints the stack it would make" \
    sh -c "grep -q '| stack_name  *| p1 ' '$work/stdout' && grep -q '\"resource_name\": \"message\"' '$work/stdout'"
run stack-list
check "stack-preview made no stack" sh -c "! grep -q '| p1 ' '$work/stdout'"
run stack-preview p1
check "stack-preview without a template exits 1" rc_err 1 "Need to specify exactly one of"
printf 'from a file' >"$work/greeting.txt"
vrun stack-create -f "$work/t.yaml" -Pf greeting=greeting.txt -P greeting=ignored s5
check "-Pf KEY=FILE (relative to the template) wins over -P" wait_for 150 status_is s5 CREATE_COMPLETE
run output-show s5 message
check "... the parameter is the file's text" rc_out 0 "^from a file from s5$"
run stack-create -f "$work/t.yaml" -Pf greeting=nofile.txt s6
check "-Pf with a missing file exits 1" rc_err 1 "^ERROR: Could not fetch contents for file://$work/nofile.txt"
run stack-create -f "$work/t.yaml" --parameter-file greeting s6
check "--parameter-file without = exits 1" rc_err 1 "Malformed parameter(greeting). Use the key=value format."
run stack-create -f "$work/t.yaml" --pre-create marker --pre-create nested/deep/r* s6
check "stack-create --pre-create" rc_out 0 "| s6 "
python3 - "$url/stacks/s6/environment" >"$work/env.out" 2>&1 <<'PY'
import json, sys, urllib.request
env = json.load(urllib.request.urlopen(sys.argv[1]))
res = env['resource_registry']['resources']
assert res['marker'] == {'hooks': 'pre-create'}, res
assert res['nested']['deep']['r*'] == {'hooks': 'pre-create'}, res
PY
check "... writes the hooks into the environment's resource_registry" sh -c "[ ! -s '$work/env.out' ]"
paused_on() { run_prog "$heat" --heat-url "$url" --os-no-client-auth hook-poll "$1" && grep -q "^| $2 " "$work/stdout"; }
check "the engine pauses on marker" wait_for 150 paused_on s6 marker
run hook-clear s6 marker
check "hook-clear during the create clears pre-create" rc_is 0
check "s6 completes" wait_for 150 status_is s6 CREATE_COMPLETE
run stack-update -x --pre-update message s6
check "stack-update --pre-update pauses on message" wait_for 150 paused_on s6 message
run hook-clear s6 message
check "hook-clear during the update clears pre-update" rc_is 0
check "s6's update completes" wait_for 150 status_is s6 UPDATE_COMPLETE
check "... writes a pre-update hook" sh -c "curl -sL '$url/stacks/s6/environment' | grep -q '\"message\": {\"hooks\": \"pre-update\"}'"
run hook-poll s6
check "hook-poll of a stack not in progress exits 1" rc_err 1 "^ERROR: Stack status UPDATE_COMPLETE not IN_PROGRESS$"
run hook-clear s6 marker
check "hook-clear without a type asks the stack's status" rc_err 1 "^ERROR: Stack status UPDATE_COMPLETE not IN_PROGRESS$"
vrun hook-clear --pre-create s6 'mark*'
check "hook-clear --pre-create RESOURCE-PATTERN signals unset_hook to the match" \
    rc_err 1 "^ERROR: The \"pre-create\" hook is not defined on .*marker"
run hook-clear --pre-create s6 'zz*'
check "hook-clear of a pattern matching nothing exits 0" rc_is 0
run hook-clear --pre-create nope marker
check "hook-clear on a missing stack exits 1" rc_err 1 "^ERROR: Stack not found: nope$"
run hook-clear s6
check "hook-clear without a resource exits 2" rc_err 2 "the following arguments are required: <RESOURCE>"
cat >"$work/slow.yaml" <<'YAML'
heat_template_version: 2018-08-31
resources:
  w: {type: OS::Heat::TestResource, properties: {value: v, action_wait_secs: {create: 2}}}
YAML
run stack-create -f "$work/slow.yaml" s7
run hook-poll s7
check "hook-poll of a stack in progress: no pending hook, heatclient's columns" \
    sh -c "rc=\$(cat '$work/rc'); [ \$rc = 0 ] && sed -n 2p '$work/stdout' | tr -s ' ' | grep -qxF '| id | resource_status_reason | resource_status | event_time |'"
run hook-poll -n x s7
check "hook-poll -n checks the depth" rc_err 1 "^ERROR: --nested-depth invalid value x$"

# ---- software configs and deployments ----------------------------------------
cat >"$work/defn.yaml" <<'YAML'
inputs:
- {name: foo, default: dflt}
- {name: bar}
outputs:
- {name: result}
options: {opt: 1}
YAML
printf '#!/bin/sh\necho hi\n' >"$work/script.sh"
vrun config-create -f "$work/defn.yaml" -c "$work/script.sh" -g script cfg1
check "config-create prints the config" \
    json_has "d['name'] == 'cfg1' and d['group'] == 'script' and d['config'].startswith('#!/bin/sh') and d['inputs'][0]['name'] == 'foo' and d['options'] == {'opt': 1}"
cfg=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$work/stdout")
printf 'inputs: 7\n' >"$work/baddefn.yaml"
run config-create -f "$work/baddefn.yaml" cfg2
check "config-create validates the config first: the server's error" rc_err 1 "^ERROR: .*inputs"
run config-create -f "$work/nodefn.yaml" cfg2
check "config-create with a missing file exits 1" rc_err 1 "^ERROR: Could not fetch contents for file://"
run config-list
check "config-list" sh -c "sed -n 2p '$work/stdout' | tr -s ' ' | grep -qxF '| id | name | group | creation_time |' && grep -q '| $cfg | cfg1 *| script ' '$work/stdout'"
run config-show "$cfg"
check "config-show prints JSON" json_has "d['id'] == '$cfg' and d['outputs'][0]['name'] == 'result'"
run config-show -c "$cfg"
check "config-show -c prints the config only" sh -c "[ \"\$(cat '$work/stdout')\" = \"\$(printf '#!/bin/sh\necho hi\n')\" ]"
run config-show nope
check "config-show of a missing config exits 1" rc_err 1 "^ERROR: Configuration not found: nope$"
run deployment-create -c "$cfg" -t NO_SIGNAL -i bar=B -i extra=E dep1
check "deployment-create without -s exits 2" rc_err 2 "the following arguments are required: -s/--server"
run deployment-create -c "$cfg" -s srv1 dep1
check "deployment-create with TEMP_URL_SIGNAL needs auth" rc_err 1 "^ERROR: Cannot use --os-no-client-auth, auth required to create a Swift TempURL.$"
run deployment-create -c "$cfg" -s srv1 -t BOGUS dep1
check "deployment-create checks the transport" rc_err 1 "^ERROR: Unsupported signal transport BOGUS$"
run deployment-create -c nope -s srv1 -t NO_SIGNAL dep1
check "deployment-create of a missing config exits 1" rc_err 1 "^ERROR: Configuration not found: nope$"
vrun deployment-create -c "$cfg" -s srv1 -t NO_SIGNAL -i bar=B -i extra=E dep1
check "deployment-create prints the deployment" \
    json_has "d['server_id'] == 'srv1' and d['action'] == 'UPDATE' and d['status'] == 'IN_PROGRESS' and d['config_id'] != '$cfg'"
dep=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$work/stdout")
derived=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['config_id'])" "$work/stdout")
run config-show "$derived"
check "the derived config: inputs valued from -i and defaults, then the deploy_ inputs" \
    json_has "[(i['name'], i.get('value')) for i in d['inputs']] == [('foo', 'dflt'), ('bar', 'B'), ('extra', 'E'), ('deploy_server_id', 'srv1'), ('deploy_action', 'UPDATE'), ('deploy_signal_transport', 'NO_SIGNAL')] and d['name'] == 'dep1' and d['group'] == 'script'"
run deployment-list
check "deployment-list" sh -c "sed -n 2p '$work/stdout' | tr -s ' ' | grep -qxF '| id | config_id | server_id | action | status | creation_time | status_reason |' && grep -q '| $dep | $derived | srv1 ' '$work/stdout'"
run deployment-list -s other
check "deployment-list -s filters by server" sh -c "! grep -q '$dep' '$work/stdout'"
run deployment-show "$dep"
check "deployment-show prints JSON" json_has "d['id'] == '$dep'"
run deployment-show nope
check "deployment-show of a missing deployment exits 1" rc_err 1 "^ERROR: Deployment not found: nope$"
run deployment-metadata-show srv1
check "deployment-metadata-show lists the server's configs" json_has "d[0]['name'] == 'dep1'"
run deployment-output-show "$dep"
check "deployment-output-show needs an output or --all" rc_err 1 "^ERROR: Error: either <OUTPUT NAME> or --all argument is needed.$"
run deployment-output-show --all "$dep"
check "deployment-output-show --all prints the outputs as JSON" json_has "isinstance(d, dict)"
vrun deployment-delete "$dep" nope
check "deployment-delete of one missing exits 1" rc_err 1 "^ERROR: Unable to delete 1 of the 2 deployments.$"
check "... naming it" out_has "^Deployment with ID nope not found$"
run config-show "$derived"
check "... and deletes the derived config with the deployment" rc_err 1 "Configuration not found"
run config-delete "$cfg" nope
check "config-delete of one missing exits 1" rc_err 1 "^ERROR: Unable to delete 1 of the 2 configs.$"
check "... naming it" out_has "^Software config with ID nope not found$"
run config-list
check "the config is gone" sh -c "! grep -q '$cfg' '$work/stdout'"
run_prog "$heat" --heat_url "$url" --os-no-client-auth --os_auth_token x config-list
check "underscore spellings of the global options" rc_is 0

# ---- delete ----------------------------------------------------------------
vrun stack-delete -y s1 nope s3 s4 s5 s6 s7
check "stack-delete of several, one missing, exits 1" rc_err 1 "^ERROR: Unable to delete 1 of the 7 stacks.$"
check "each accepted delete said so" sh -c "grep -qx 'Request to delete stack s1 has been accepted.' '$work/stdout' && grep -qx 'Request to delete stack s3 has been accepted.' '$work/stdout'"
check "the missing stack's error on stdout" out_has "^ERROR: The Stack (nope) could not be found."
check "s1 is gone" wait_for 150 sh -c "! '$heat' --heat-url '$url' --os-no-client-auth stack-list | grep -q '| s1 '"
run stack-list
check "stack-list is empty at the end" sh -c "[ \$(wc -l <'$work/stdout') = 4 ]"

tap_done
