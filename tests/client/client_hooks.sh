#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# The heat client's hook verbs against canned answers (TAP): hook-poll's
# pending hooks (paused since the stack's last "Stack CREATE started", not
# cleared since) and hook-clear's walk through nested stacks by wildcard.
# The engine does not pause on breakpoints yet, so a small python3 HTTP
# server plays the API here. Every wait is bounded; only the server this
# script started is signalled. (python-heatclient prints the same hook-poll
# table for these answers.)
heat="${top_builddir:-.}/client/heat"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "${top_srcdir:-.}/tests/lib/daemon.sh"
rc_err() { rc_is "$1" && err_has "$2"; }

cat >"$work/server.py" <<'PY'
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

T = '/v1/admin'
def ev(i, stack, res, reason, status='CREATE_IN_PROGRESS'):
    return {'id': 'e%d' % i, 'resource_name': res, 'resource_status': status,
            'resource_status_reason': reason, 'event_time': '2026-01-01T00:00:%02dZ' % i,
            'physical_resource_id': 'SID' if res == stack else '',
            'links': [{'rel': 'stack', 'href': 'http://x%s/stacks/%s/SID' % (T, stack)}]}
PAUSED = 'CREATE paused until Hook pre-create is cleared'
EVENTS = [ev(1, 's', 's', 'Stack CREATE started'), ev(2, 's', 'r1', PAUSED),
          ev(3, 's', 's', 'Stack CREATE started'), ev(4, 's', 'r2', PAUSED),
          ev(5, 's', 'r3', PAUSED), ev(6, 's', 'r3', 'Hook pre-create is cleared'),
          ev(7, 's', 'r4', PAUSED), ev(8, 's', 'r2', 'state changed', 'CREATE_COMPLETE')]
ANSWERS = {
    T + '/stacks/s/SID': {'stack': {'id': 'SID', 'stack_name': 's',
                                    'stack_status': 'CREATE_IN_PROGRESS'}},
    T + '/stacks/fin/DID': {'stack': {'id': 'DID', 'stack_name': 'fin',
                                       'stack_status': 'CREATE_COMPLETE'}},
    T + '/stacks/s/SID/events': {'events': EVENTS},
    T + '/stacks/s/SID/resources': {'resources': [{'resource_name': 'nest'},
                                                  {'resource_name': 'r1'}]},
    T + '/stacks/s/SID/resources/nest': {'resource': {'physical_resource_id': 'NID'}},
    T + '/stacks/n/NID/resources': {'resources': [{'resource_name': 'a1'},
                                                  {'resource_name': 'b1'}]},
}
REDIRECT = {T + '/stacks/s': '/stacks/s/SID', T + '/stacks/NID': '/stacks/n/NID',
            T + '/stacks/fin': '/stacks/fin/DID'}

class H(BaseHTTPRequestHandler):
    def answer(self, code, body=None, location=None):
        data = json.dumps(body).encode() if body is not None else b''
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        if location:
            self.send_header('Location', 'http://%s:%d%s%s' % (
                self.server.server_address + (T, location)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split('?')[0]
        for name, sid in (('s', 'SID'), ('n', 'NID')):
            short = '%s/stacks/%s/' % (T, name)
            if path.startswith(short) and not path.startswith(short + sid):
                REDIRECT[path] = '/stacks/%s/%s/%s' % (name, sid, path[len(short):])
        if path in REDIRECT:
            self.answer(302, {}, REDIRECT[path])
        elif path in ANSWERS:
            self.answer(200, ANSWERS[path])
        else:
            self.answer(404, {'error': {'message': 'not found: ' + path}})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with open(sys.argv[1], 'a') as f:
            f.write('%s %s\n' % (self.path, body.decode()))
        self.answer(200, {})

    def log_message(self, *args):
        pass

srv = HTTPServer(('127.0.0.1', 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
PY
python3 "$work/server.py" "$work/signals" >"$work/port" 2>"$work/server.log" &
pids=$!
has_port() { [ -s "$work/port" ]; }
if ! wait_for 100 has_port; then
    echo "Bail out! the canned server did not start"
    cat "$work/server.log"
    exit 1
fi
url="http://127.0.0.1:$(cat "$work/port")/v1/admin"
run() { run_prog "$heat" --heat-url "$url" --os-no-client-auth "$@"; }

run hook-poll s
check "hook-poll exits 0" rc_is 0
check "hook-poll: heatclient's columns" \
    sh -c "sed -n 2p '$work/stdout' | tr -s ' ' | grep -qxF '| resource_name | id | resource_status_reason | resource_status | event_time |'"
check "the resources paused since the last start and not cleared, in pause order" \
    sh -c "[ \"\$(sed -n 's/^| \([a-z0-9]*\) .*/\1/p' '$work/stdout' | tr '\n' ' ')\" = 'r2 r4 ' ]"
run hook-poll fin
check "hook-poll of a stack not in progress exits 1" \
    rc_err 1 "^ERROR: Stack status CREATE_COMPLETE not IN_PROGRESS$"
run hook-clear s 'ne*/a*' r1
check "hook-clear exits 0" rc_is 0
check "the hook type follows the stack's action; the nested stack is walked by pattern" \
    sh -c "grep -qxF '/v1/admin/stacks/n/NID/resources/a1/signal {\"unset_hook\":\"pre-create\"}' '$work/signals'"
check "a top-level resource is cleared too" \
    sh -c "grep -qxF '/v1/admin/stacks/s/SID/resources/r1/signal {\"unset_hook\":\"pre-create\"}' '$work/signals'"
check "nothing else is signalled" sh -c "[ \$(wc -l <'$work/signals') = 2 ]"
run hook-clear --pre-delete s '/'
check "a hook naming no resource exits 1" rc_err 1 "^ERROR: Invalid hook /: name a resource$"

tap_done
