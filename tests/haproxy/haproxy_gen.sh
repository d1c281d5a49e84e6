#!/bin/sh
# shellcheck disable=SC2317 # helpers run through check(), which shellcheck cannot see
# heat-ha-haproxy (TAP): every haproxy.cfg it writes from a good heat.conf
# [ha] passes `haproxy -c -f` without a warning and holds what the front
# needs (frontends on the VIP, every node in each backend with its
# /healthcheck, the single Galera writer, the stats socket, the forwarded
# headers, retries); a bad [ha] exits 1 naming the key, writes nothing and
# leaves an existing output file alone; a bad command line exits 2.
# Needs haproxy (tools/install-deps.sh) and the built program
# (top_builddir). With HH_VALGRIND set the program runs under it.
gen="${top_builddir:-.}/haproxy/heat-ha-haproxy"
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"

# shellcheck disable=SC2086 # HH_VALGRIND is a command line
run() { run_prog ${HH_VALGRIND:-} "$gen" "$@"; }
conf() { printf '%b' "$1" >"$work/heat.conf"; }
# haproxy_ok: haproxy accepts the last output, with no warning
haproxy_ok() {
    cp "$work/stdout" "$work/haproxy.cfg"
    out=$(haproxy -c -f "$work/haproxy.cfg" 2>&1) || {
        echo "$out"
        return 1
    }
    ! echo "$out" | grep -q WARNING || {
        echo "$out"
        return 1
    }
}
# section_has SECTION LINE: LINE (a fixed string, leading blanks ignored)
# is in SECTION ("frontend heat_api", "backend heat_api_servers", ...)
section_has() {
    awk -v s="$1" -v l="$2" '
        /^[a-z]/ { in_s = ($0 == s) }
        in_s { sub(/^ +/, ""); if ($0 == l) found = 1 }
        END { exit !found }' "$work/stdout"
}
count_lines() { [ "$(grep -c -- "$1" "$work/stdout")" = "$2" ]; }

if ! command -v haproxy >/dev/null 2>&1; then
    echo "1..0 # SKIP haproxy is not installed (tools/install-deps.sh)"
    exit 0
fi

run --version
check "--version names the program" out_has "^heat-ha-haproxy (heat-ha) "
run --help
check "--help names -o and -w" sh -c "grep -q -- '-o FILE' '$work/stdout' && grep -q -- '--write' '$work/stdout'"
run --frobnicate
check "an unknown option exits 2" rc_is 2
run -o
check "-o without a file exits 2" rc_is 2
run -o "$work/a" -w
check "-o and -w together exit 2" rc_is 2

# three controllers, Galera on each, default ports
conf '[ha]\nvip = 192.0.2.100\nnodes = ctl1:192.0.2.11, ctl2:192.0.2.12, ctl3:192.0.2.13\n'
conf "$(cat "$work/heat.conf")\ngalera_nodes = 192.0.2.11, 192.0.2.12:3307, 192.0.2.13\nhaproxy_stats_socket = $work/admin.sock\n"
run --config-file "$work/heat.conf"
check "three nodes with Galera: exit 0" rc_is 0
check "three nodes with Galera: haproxy -c accepts it" haproxy_ok
check "heat-api frontend on the VIP at 8004" section_has "frontend heat_api" "bind 192.0.2.100:8004 transparent"
check "heat-api-cfn frontend on the VIP at 8000" section_has "frontend heat_api_cfn" "bind 192.0.2.100:8000 transparent"
for f in heat_api heat_api_cfn; do
    check "$f: X-Forwarded-For" section_has "frontend $f" "option forwardfor"
    check "$f: X-Forwarded-Proto" section_has "frontend $f" "http-request set-header X-Forwarded-Proto http if !{ ssl_fc }"
    check "$f: layer-7 retries only for idempotent methods" section_has "frontend $f" "http-request disable-l7-retry if !idempotent"
    check "$f: checks GET /healthcheck" section_has "backend ${f}_servers" "option httpchk GET /healthcheck"
done
check "heat-api backend: every node at 8004" sh -c "
    grep -qx '    server ctl1 192.0.2.11:8004 check' '$work/stdout' &&
    grep -qx '    server ctl2 192.0.2.12:8004 check' '$work/stdout' &&
    grep -qx '    server ctl3 192.0.2.13:8004 check' '$work/stdout'"
check "heat-api-cfn backend: every node at 8000" count_lines ':8000 check$' 3
check "retries, each redispatched to another server" sh -c "grep -qx '    option redispatch 1' '$work/stdout' && grep -qx '    retries 3' '$work/stdout'"
check "retry-on names the failures" section_has defaults \
    "retry-on conn-failure empty-response junk-response response-timeout 0rtt-rejected 502 503 504"
check "client and server timeouts" sh -c "grep -qx '    timeout client 60s' '$work/stdout' && grep -qx '    timeout server 60s' '$work/stdout'"
check "the stats socket at [ha] haproxy_stats_socket" section_has global \
    "stats socket $work/admin.sock mode 600 level admin expose-fd listeners"
check "Galera on the VIP at 3306" section_has "listen galera" "bind 192.0.2.100:3306 transparent"
check "Galera: the first member is the one writer" section_has "listen galera" \
    "server galera1 192.0.2.11:3306 check on-marked-up shutdown-backup-sessions"
check "Galera: the others are backups, with their ports" sh -c "
    grep -qx '    server galera2 192.0.2.12:3307 check backup' '$work/stdout' &&
    grep -qx '    server galera3 192.0.2.13:3306 check backup' '$work/stdout'"
check "Galera: exactly one server without backup" sh -c "[ \$(grep '^    server galera' '$work/stdout' | grep -vc ' backup\$') = 1 ]"

# haproxy runs the file (the frontends moved to Unix sockets: the VIP is not
# this machine's) and its stats socket answers for every proxy
check "haproxy runs the file and serves its stats socket" sh -c "
    awk -v w='$work' '/^    bind / { n++; print \"    bind unix@\" w \"/front\" n \".sock\"; next }
        /^    log / { next } { print }' '$work/stdout' >'$work/run.cfg'
    haproxy -W -db -f '$work/run.cfg' >'$work/haproxy.log' 2>&1 & hp=\$!
    i=0; while [ \$i -lt 50 ] && ! [ -S '$work/admin.sock' ]; do sleep 0.1; i=\$((i + 1)); done
    out=\$(python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b\"show backend\\n\")
print(s.recv(65536).decode())' '$work/admin.sock' 2>&1)
    kill \$hp; wait \$hp
    echo \"\$out\" | grep -q '^heat_api_servers\$' && echo \"\$out\" | grep -q '^heat_api_cfn_servers\$' &&
        echo \"\$out\" | grep -q '^galera\$'"

# one node, IPv6 everywhere, other ports, no Galera
conf '[ha]\nvip = fd00::100\nnodes = only:fd00::11\nhaproxy_api_port = 18004\nhaproxy_api_cfn_port = 18000\nhaproxy_check_interval = 0.2\nhaproxy_timeout = 5\n[heat_api]\nbind_port = 28004\n[heat_api_cfn]\nbind_port = 28000\n'
run --config-file "$work/heat.conf"
check "one IPv6 node: exit 0" rc_is 0
check "one IPv6 node: haproxy -c accepts it" haproxy_ok
check "IPv6 VIP in brackets at haproxy_api_port" section_has "frontend heat_api" "bind [fd00::100]:18004 transparent"
check "IPv6 node in brackets at [heat_api] bind_port" section_has "backend heat_api_servers" "server only [fd00::11]:28004 check"
check "[heat_api_cfn] bind_port" section_has "backend heat_api_cfn_servers" "server only [fd00::11]:28000 check"
check "checks every haproxy_check_interval" section_has "backend heat_api_servers" \
    "default-server inter 200ms fastinter 100ms downinter 200ms fall 2 rise 2"
check "no Galera without galera_nodes" sh -c "! grep -q galera '$work/stdout'"

# host names resolve when haproxy starts
conf '[ha]\nvip = 127.0.0.1\nnodes = a:localhost, b:127.0.0.2\ngalera_nodes = [::1]:3306, localhost\n'
run --config-file "$work/heat.conf"
check "host names: haproxy -c accepts it" haproxy_ok

# -o and -w write a file, through a temporary one
good='[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\n'
conf "${good}haproxy_config = $work/by-w.cfg\n"
run --config-file "$work/heat.conf" -w
check "-w writes [ha] haproxy_config" sh -c "rc=\$(cat '$work/rc'); [ \$rc = 0 ] && haproxy -c -f '$work/by-w.cfg'"
run --config-file "$work/heat.conf" -o "$work/out.cfg"
check "-o writes FILE" sh -c "[ \$(cat '$work/rc') = 0 ] && cmp -s '$work/out.cfg' '$work/by-w.cfg'"
check "-o leaves no temporary file" test ! -e "$work/out.cfg.tmp"

# bad [ha]: exit 1, the key named, nothing written, an old file kept
bad() { # bad DESCRIPTION EXPECTED-TEXT heat.conf-body
    conf "$3"
    run --config-file "$work/heat.conf" -o "$work/out.cfg"
    check "$1: exit 1" rc_is 1
    check "$1: says $2" err_has "$2"
    check "$1: the old file is kept" cmp -s "$work/out.cfg" "$work/by-w.cfg"
    check "$1: no temporary file left" test ! -e "$work/out.cfg.tmp"
    run --config-file "$work/heat.conf"
    check "$1: nothing on standard output" test ! -s "$work/stdout"
}
bad "no vip" "\[ha\] vip: not set" '[ha]\nnodes = a:192.0.2.1\n'
bad "a vip that is no address" "vip" '[ha]\nvip = 192.0.2.300\nnodes = a:192.0.2.1\n'
bad "no nodes" "\[ha\] nodes: not set" '[ha]\nvip = 192.0.2.100\n'
bad "a node without a name" "nodes" '[ha]\nvip = 192.0.2.100\nnodes = 192.0.2.1\n'
bad "a node address with a space" "neither an IP address nor a host name" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1, b:bad host\n'
bad "a node address with a port" "neither an IP address nor a host name" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:host.example:8004\n'
bad "a node name twice" 'node name "a" given twice' \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1, a:192.0.2.2\n'
bad "a Galera port out of range" "galera_nodes" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\ngalera_nodes = 192.0.2.1:70000\n'
bad "a Galera host with a bad character" "neither an IP address nor a host name" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\ngalera_nodes = db_1\n'
bad "the two API frontends on one port" "haproxy_api_cfn_port: the same port" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\nhaproxy_api_cfn_port = 8004\n'
bad "Galera on an API port" "haproxy_galera_port: the same port" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\ngalera_nodes = 192.0.2.1\nhaproxy_galera_port = 8000\n'
bad "port 0" "bind_port: port 0" '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\n[heat_api]\nbind_port = 0\n'
bad "a relative stats socket" "haproxy_stats_socket: must be an absolute path" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\nhaproxy_stats_socket = admin.sock\n'
bad "a check interval of 0" "haproxy_check_interval" \
    '[ha]\nvip = 192.0.2.100\nnodes = a:192.0.2.1\nhaproxy_check_interval = 0\n'
run --config-file "$work/missing.conf"
check "a missing configuration file: exit 1" rc_is 1
check "a missing configuration file: named" err_has "missing.conf"
conf "$good"
run --config-file "$work/heat.conf" -o "$work/no/such/dir/out.cfg"
check "an unwritable output: exit 1" rc_is 1
check "an unwritable output: named" err_has "no/such/dir/out.cfg.tmp"

tap_done
