#!/usr/bin/env bash
# capture-reference.sh - record the reference answers of the golden template
# suite from a running OpenStack Heat (the reference is Heat 19).
#
# Usage:
#   tests/templates/capture-reference.sh [ENDPOINT] [CASE_DIR...]
#
#   ENDPOINT  Heat native API base including the tenant, default
#             http://127.0.0.1:28004/v1/admin (an argument starting with
#             http:// or https:// is taken as the endpoint).
#   CASE_DIR  case directories (tests/templates/valid/<case>,
#             tests/templates/invalid/<case>); default: every case.
#
# Environment: HEAT_TOKEN (sent as X-Auth-Token if set), STACK_NAME (default
# "golden"), CREATE_TIMEOUT (seconds, default 300), KEEP_GOING=1 (do not stop
# at the first case whose answer contradicts its directory).
#
# For every case it builds the request python-heatclient would send (see
# README.md for the case format and the deliberate differences), POSTs it to
# /validate and:
#   valid/<case>:   expects 200; creates the stack (name "golden"), waits,
#                   reads every output, deletes the stack; writes expected.json.
#   invalid/<case>: if /validate refuses it, records that error; otherwise
#                   tries the stack create and records its refusal or the
#                   CREATE_FAILED reason; writes expected-error.json, keeping
#                   any "line"/"column" already present there.
# A case whose answer contradicts its directory (a valid case refused, an
# invalid case created) is reported and its expected file is left untouched;
# the exit status is then 1.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ENDPOINT=http://127.0.0.1:28004/v1/admin
if [ $# -gt 0 ] && [[ $1 == http://* || $1 == https://* ]]; then
    ENDPOINT=${1%/}; shift
fi
STACK_NAME=${STACK_NAME:-golden}
CREATE_TIMEOUT=${CREATE_TIMEOUT:-300}
KEEP_GOING=${KEEP_GOING:-1}

WORK=$(mktemp -d)
STACK_PATH=   # the stack currently created, deleted again on interrupt
trap 'rm -rf "$WORK"' EXIT
trap 'echo "interrupted" >&2; delete_stack; exit 130' INT TERM

command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }
python3 -c 'import yaml' 2>/dev/null || { echo "python3 with PyYAML is required" >&2; exit 2; }

# --- HTTP functions -----------------------------------------------------------
# http METHOD PATH [BODYFILE]: response body to $WORK/resp, status on stdout
http() {
    local method=$1 path=$2 body=${3:-}
    local args=(-s -o "$WORK/resp" -w '%{http_code}' -X "$method"
                -H 'Accept: application/json' --max-time 120)
    [ -n "${HEAT_TOKEN:-}" ] && args+=(-H "X-Auth-Token: $HEAT_TOKEN")
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "@$body")
    curl "${args[@]}" "$ENDPOINT$path" || echo 000
}

# jget EXPR: evaluate a python expression on the JSON in $WORK/resp (as d)
jget() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(v if isinstance(v,str) else json.dumps(v))' \
        "$WORK/resp" "$1"
}

# --- request building ---------------------------------------------------------
# build_request CASE_DIR OUT: writes the JSON body (without stack_name)
build_request() {
    python3 - "$1" "$2" <<'PY'
import glob, json, os, sys
import yaml

case, out = sys.argv[1], sys.argv[2]

# The YAML loader of python-heatclient (and of Heat): safe loader, strings
# stay str, unquoted timestamps stay strings.
base = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
class Loader(base):
    pass
def _str(self, node):
    return self.construct_scalar(node)
Loader.add_constructor('tag:yaml.org,2002:str', _str)
Loader.add_constructor('tag:yaml.org,2002:timestamp', _str)

def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()

def client_parse_template(text):
    # heatclient.common.template_format.parse; None when heatclient would
    # refuse the template itself (then the raw text goes to Heat instead).
    s = text.strip()
    try:
        tpl = json.loads(s) if s.startswith('{') else yaml.load(s, Loader=Loader)
        if tpl is None:
            tpl = {}
        if not isinstance(tpl, dict):
            return None
        if not ('HeatTemplateFormatVersion' in tpl or 'heat_template_version' in tpl
                or 'AWSTemplateFormatVersion' in tpl):
            return None
        json.dumps(tpl)
        return tpl
    except Exception:
        return None

def client_parse_env(text):
    # heatclient.common.environment_format.parse (without its section check:
    # Heat repeats that check itself).
    try:
        env = yaml.load(text, Loader=Loader)
        if env is None:
            env = {}
        if not isinstance(env, dict):
            return None
        json.dumps(env)
        return env
    except Exception:
        return None

def deep_update(old, new):
    # heatclient.common.template_utils.deep_update
    if old is None:
        old = {}
    for k, v in new.items():
        if isinstance(v, dict):
            old[k] = deep_update(old.get(k, {}), v)
        elif v is None and isinstance(old.get(k), dict):
            pass
        else:
            old[k] = new[k]
    return old

def format_parameters(params):
    # heatclient.common.utils.format_parameters: one -P per line; a single
    # -P is split on ';'; a repeated name becomes a list.
    if not params:
        return {}
    if len(params) == 1:
        params = params[0].split(';')
    result = {}
    for p in params:
        if '=' not in p:
            sys.exit('%s: malformed parameter %r (heatclient refuses it)' % (case, p))
        n, v = p.split('=', 1)
        if n not in result:
            result[n] = v
        else:
            if not isinstance(result[n], list):
                result[n] = [result[n]]
            result[n].append(v)
    return result

tfile = None
for name in ('template.yaml', 'template.json'):
    if os.path.exists(os.path.join(case, name)):
        tfile = os.path.join(case, name)
        break
if tfile is None:
    sys.exit('%s: no template.yaml or template.json' % case)
text = read(tfile)
template = None if os.path.exists(os.path.join(case, 'raw')) else client_parse_template(text)
if template is None:
    template = text  # Heat parses (and reports on) the raw text itself

files = {}
fdir = os.path.join(case, 'files')
for root, dirs, names in os.walk(fdir):
    dirs.sort()
    for n in sorted(names):
        p = os.path.join(root, n)
        files[os.path.relpath(p, fdir)] = read(p)

env_paths = sorted(glob.glob(os.path.join(case, 'env.yaml')) +
                   glob.glob(os.path.join(case, 'env-*.yaml')))
environment = {}
environment_files = []
for p in env_paths:
    key = os.path.basename(p)
    raw = read(p)
    env = client_parse_env(raw)
    if env is None:
        files[key] = raw
    else:
        environment = deep_update(environment, env)
        files[key] = json.dumps(env)
    environment_files.append(key)

params = []
ppath = os.path.join(case, 'params')
if os.path.exists(ppath):
    params = [l.rstrip('\n') for l in read(ppath).splitlines() if l.strip()]

body = {'template': template,
        'parameters': format_parameters(params),
        'files': files,
        'environment': environment}
if environment_files:
    body['environment_files'] = environment_files
with open(out, 'w') as f:
    json.dump(body, f)
PY
}

# --- stack functions -------------------------------------------------------------
# wait_stack: poll $STACK_PATH until not IN_PROGRESS; prints "STATUS\treason"
wait_stack() {
    local deadline=$((SECONDS + CREATE_TIMEOUT)) code status
    while :; do
        code=$(http GET "$STACK_PATH")
        if [ "$code" = 404 ]; then printf 'GONE\t\n'; return; fi
        if [ "$code" = 200 ]; then
            status=$(jget 'd["stack"]["stack_status"]')
            case $status in
                *_IN_PROGRESS) ;;
                *) printf '%s\t%s\n' "$status" "$(jget 'd["stack"]["stack_status_reason"]')"; return ;;
            esac
        fi
        if [ $SECONDS -ge $deadline ]; then printf 'TIMEOUT\t\n'; return; fi
        sleep 0.3
    done
}

delete_stack() {
    [ -n "$STACK_PATH" ] || return 0
    http DELETE "$STACK_PATH" >/dev/null
    local r; r=$(wait_stack)
    case $r in
        GONE*|DELETE_COMPLETE*) ;;
        *) echo "  warning: delete of $STACK_PATH ended as: $r" >&2 ;;
    esac
    STACK_PATH=
}

# remove a stack left behind by an interrupted run
cleanup_stale() {
    local code; code=$(http GET "/stacks/$STACK_NAME")
    if [ "$code" = 302 ] || [ "$code" = 200 ]; then
        code=$(http GET "/stacks?name=$STACK_NAME")
        local id; id=$(jget '(d["stacks"] or [{}])[0].get("id","")')
        if [ -n "$id" ]; then
            echo "removing leftover stack $STACK_NAME/$id" >&2
            STACK_PATH="/stacks/$STACK_NAME/$id"; delete_stack
        fi
    fi
}

# error_json PHASE STATUS: expected-error.json content from the Heat error body
# in resp. Heat leaves "message" out for exceptions it does not deem safe to
# show (e.g. RemoteError): that is recorded as null.
error_json() {
    python3 - "$WORK/resp" "$1" "$2" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except ValueError:
    d = {'error': {'type': None, 'message': open(sys.argv[1]).read()}}
e = d.get('error', {})
print(json.dumps({'phase': sys.argv[2], 'status': int(sys.argv[3]),
                  'type': e.get('type'), 'message': e.get('message')}))
PY
}

# write_json FILE JSON: pretty-print; keep the line/column already in FILE
write_json() {
    python3 - "$1" "$2" <<'PY'
import json, os, sys
path, new = sys.argv[1], json.loads(sys.argv[2])
if os.path.basename(path) == 'expected-error.json' and os.path.exists(path):
    try:
        old = json.load(open(path))
        for k in ('line', 'column'):
            if k in old:
                new[k] = old[k]
    except ValueError:
        pass
with open(path, 'w') as f:
    json.dump(new, f, indent=2, ensure_ascii=False, sort_keys=False)
    f.write('\n')
PY
}

# --- one case ---------------------------------------------------------------------
FAILED=0
capture_case() {
    local dir=${1%/} kind name code
    name=$(basename "$dir")
    kind=$(basename "$(dirname "$dir")")
    case $kind in valid|invalid) ;; *) echo "$dir: not under valid/ or invalid/" >&2; FAILED=1; return ;; esac
    if ! build_request "$dir" "$WORK/body.json"; then FAILED=1; return; fi

    code=$(http POST /validate "$WORK/body.json")
    if [ "$code" = 000 ]; then echo "$dir: no answer from $ENDPOINT" >&2; exit 2; fi
    local validate_ok=0 validate_body=null
    if [ "$code" = 200 ]; then validate_ok=1; validate_body=$(cat "$WORK/resp"); fi

    if [ "$kind" = valid ] && [ $validate_ok = 0 ]; then
        echo "MISFILED $dir: validate refused a valid case: $(cat "$WORK/resp")" >&2
        FAILED=1; return
    fi
    if [ "$kind" = invalid ] && [ $validate_ok = 0 ]; then
        write_json "$dir/expected-error.json" "$(error_json validate "$code")"
        echo "ok   $kind/$name (validate $code)"
        return
    fi

    # validate accepted: create the stack
    python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); b["stack_name"]=sys.argv[2]; json.dump(b,open(sys.argv[1],"w"))' \
        "$WORK/body.json" "$STACK_NAME"
    code=$(http POST /stacks "$WORK/body.json")
    if [ "$code" != 201 ]; then
        if [ "$kind" = invalid ]; then
            write_json "$dir/expected-error.json" "$(error_json create "$code")"
            echo "ok   $kind/$name (create $code)"
        else
            echo "MISFILED $dir: stack create refused: $(cat "$WORK/resp")" >&2; FAILED=1
        fi
        return
    fi
    STACK_PATH="/stacks/$STACK_NAME/$(jget 'd["stack"]["id"]')"
    local result status reason
    result=$(wait_stack)
    status=${result%%$'\t'*}; reason=${result#*$'\t'}

    if [ "$kind" = invalid ]; then
        if [ "$status" = CREATE_FAILED ]; then
            write_json "$dir/expected-error.json" \
                "$(python3 -c 'import json,sys; print(json.dumps({"phase":"create","status":201,"type":"CreateFailed","message":sys.argv[1]}))' "$reason")"
            echo "ok   $kind/$name (CREATE_FAILED)"
        else
            echo "MISFILED $dir: invalid case ended as $status" >&2; FAILED=1
        fi
        delete_stack; return
    fi

    # valid case: outputs, when the create completed
    echo "$validate_body" > "$WORK/validate.json"
    echo '{}' > "$WORK/outputs.json"
    if [ "$status" = CREATE_COMPLETE ]; then
        code=$(http GET "$STACK_PATH/outputs")
        local keys; keys=$(jget '"\n".join(sorted(o["output_key"] for o in d["outputs"]))')
        local key
        while IFS= read -r key; do
            [ -n "$key" ] || continue
            code=$(http GET "$STACK_PATH/outputs/$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$key")")
            python3 - "$WORK/outputs.json" "$WORK/resp" "$key" "$dir" <<'PY'
import json, sys
outs = json.load(open(sys.argv[1]))
o = json.load(open(sys.argv[2])).get('output', {})
if 'output_error' in o:
    sys.stderr.write('  note %s: output %s has an error: %s\n' % (sys.argv[4], sys.argv[3], o['output_error']))
    outs.setdefault('__errors__', {})[sys.argv[3]] = o['output_error']
else:
    outs[sys.argv[3]] = o.get('output_value')
json.dump(outs, open(sys.argv[1], 'w'))
PY
        done <<< "$keys"
    else
        echo "  note $dir: create ended as $status: $reason (no outputs recorded)" >&2
    fi
    delete_stack
    python3 - "$WORK/validate.json" "$WORK/outputs.json" "$WORK/expected.json" "$status" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
outs = json.load(open(sys.argv[2]))
errors = outs.pop('__errors__', None)
doc = {'validate': v, 'outputs': outs}
if errors:
    doc['output_errors'] = errors
if sys.argv[4] != 'CREATE_COMPLETE':
    doc['create_status'] = sys.argv[4]
json.dump(doc, open(sys.argv[3], 'w'))
PY
    write_json "$dir/expected.json" "$(cat "$WORK/expected.json")"
    echo "ok   $kind/$name ($status)"
}

# --- main -------------------------------------------------------------------------
if [ $# -eq 0 ]; then
    set -- "$HERE"/valid/*/ "$HERE"/invalid/*/
fi
code=$(http GET /stacks)
if [ "$code" != 200 ]; then echo "Heat does not answer at $ENDPOINT (HTTP $code)" >&2; exit 2; fi
cleanup_stale
for d in "$@"; do
    [ -d "$d" ] || { echo "$d: no such case directory" >&2; FAILED=1; continue; }
    capture_case "$d"
    if [ $FAILED = 1 ] && [ "$KEEP_GOING" != 1 ]; then break; fi
done
exit $FAILED
