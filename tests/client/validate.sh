#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The heat client's offline template-validate, driven as a user drives it
# (TAP). Needs the built client (top_builddir) and the sample templates.
heat="${top_builddir:-.}/client/heat"
t="${top_srcdir:-.}/conf/templates"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"

run() { run_prog "$heat" "$@"; }
json_has() { # python expression on the JSON output as d
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" \
        "$work/stdout"
}

run template-validate -f "$t/demo.yaml" -P "greeting=hi;group_count=4"
check "valid template exits 0" rc_is 0
check "parameters reported with the given values" \
    json_has "d['Parameters']['greeting']['Value'] == 'hi' and d['Parameters']['group_count']['Value'] == '4'"
check "constraints reported" \
    json_has "d['Parameters']['group_count']['MinValue'] == 0 and d['Parameters']['group_count']['MaxValue'] == 50"
check "nested template collected into the registry as a file:// URL" \
    json_has "any(k.startswith('file://') and k.endswith('/nested.yaml') for k in d['Environment']['resource_registry'])"

run template-validate -f "$t/demo.yaml" -e "$t/demo-env.yaml"
check "environment file accepted" rc_is 0
check "environment parameters and parameter_defaults applied" \
    json_has "d['Parameters']['greeting']['Value'] == 'hi' and d['Environment']['parameter_defaults'] == {'group_count': 2}"
check "registry alias kept" \
    json_has "d['Environment']['resource_registry'].get('My::Marker') == 'OS::Heat::None'"

run template-validate -f "$t/demo.yaml" -P no_such=1
check "unknown parameter exits 1" rc_is 1
check "unknown parameter named in Heat's words" \
    grep -q "^ERROR: The Parameter (no_such) was not defined in template.$" "$work/stderr"

printf 'heat_template_version: 2018-08-31\nresources:\n  a:\n    type: OS::Heat::None\n    properties: [unclosed\n' >"$work/bad.yaml"
run template-validate -f "$work/bad.yaml"
check "YAML error exits 1" rc_is 1
check "YAML error says what and where" \
    sh -c "grep -q '^ERROR: Error parsing template file://.*bad.yaml while parsing a flow sequence' '$work/stderr' && grep -q 'bad.yaml:6:1' '$work/stderr'"

printf 'heat_template_version: 2018-08-31\nresources:\n  a:\n    type: OS::Heat::None\n  b:\n    type: OS::Heat::None\n    depends_on: ghost\n' >"$work/ref.yaml"
run template-validate -f "$work/ref.yaml"
check "missing reference exits 1 with Heat's message and its place" \
    sh -c "rc=\$(cat '$work/rc'); [ \$rc = 1 ] && grep -q 'The specified reference \"ghost\" (in b) is incorrect.' '$work/stderr' && grep -q 'ref.yaml:7:17' '$work/stderr'"

printf 'heat_template_version: 2018-08-31\nresources:\n  a:\n    type: OS::Heat::Value\n    properties:\n      value: {get_file: data.txt}\noutputs:\n  o: {value: {get_file: data.txt}}\n' >"$work/gf.yaml"
echo "file contents" >"$work/data.txt"
run template-validate -f "$work/gf.yaml"
check "get_file target read relative to the template" rc_is 0
run template-validate -f "$work/nope.yaml"
check "missing template file exits 1" rc_is 1
check "missing template file named" grep -q "nope.yaml" "$work/stderr"

run template-validate
check "no template is a usage error (exit 2)" rc_is 2
run no-such-verb
check "unknown subcommand is a usage error (exit 2)" rc_is 2
run --version
check "--version exits 0" rc_is 0

tap_done
