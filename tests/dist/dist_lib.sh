# dist_lib.sh: the distributed test's servers, each under $work/<name>, on
# loopback ports chosen free at start, recorded in $pids (daemon.sh sends
# each SIGKILL at exit) and stopped by the pids this file recorded only.
# Source it after tap.sh, daemon.sh and engine_ctl.sh.
#
#   dist_free_port                a free TCP port of 127.0.0.1
#   dist_galera_available         0 when tests/lib/galera.sh is there (it
#                                 exits 77 when MariaDB, Galera or rsync is
#                                 not installed)
#   dist_galera_start             a 3-node Galera cluster (tests/lib/galera.sh
#                                 start: user hh, password hh), the check
#                                 user of HAProxy and database heat; 0 once
#                                 all three are Synced
#   dist_galera_port N / dist_galera_pid N   node N's SQL port / mariadbd pid
#   dist_galera_sql N SQL         run SQL on node N (its Unix socket, root)
#   dist_galera_kill N            SIGKILL node N (a crash)
#   dist_galera_size N            wsrep_cluster_size as node N sees it
#   dist_haproxy_start            HAProxy's single-writer frontend: node 1
#                                 active, nodes 2 and 3 `backup` (MySQL
#                                 checks every 0.5 s, sessions of a server
#                                 marked down shut); 0 once it listens
#   dist_haproxy_port             the frontend's port
#   dist_haproxy_sql SQL          run SQL through the frontend as hh
#   dist_db_url                   mysql+pymysql://hh:hh@127.0.0.1:PORT/heat
#                                 (through HAProxy)
#   dist_engine_start N CONF...   heat-engine N, standby, with the config
#                                 files given; control socket
#                                 $work/engine-N/sock, log $work/engine-N/log
#   dist_engine_pid N / dist_engine_sock N
#   dist_api_start N CONF...      heat-api N on a free port ([heat_api]
#                                 bind_port); 0 once it listens
#   dist_api_url N                http://127.0.0.1:PORT/v1/admin
#   dist_stop_all                 SIGTERM every server started here (the
#                                 APIs and engines first), SIGKILL after 10 s
# Needs python3 and the mariadb client; HAProxy for dist_haproxy_start.
# shellcheck shell=sh
# shellcheck disable=SC2154 # $work and $pids are tap.sh's and daemon.sh's

dist_galera_lib="${top_srcdir:-.}/tests/lib/galera.sh"

dist_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

dist_galera_available() {
    [ -f "$dist_galera_lib" ] && command -v mariadb >/dev/null
}

# dist_galera_env NAME N: a value tests/lib/galera.sh printed for node N
dist_galera_env() { sed -n "s/^GALERA_$1_$2=//p" "$work/galera.env"; }
dist_galera_port() { dist_galera_env PORT "$1"; }
dist_galera_pid() { dist_galera_env PID "$1"; }
dist_galera_sql() {
    mariadb --no-defaults -S "$(dist_galera_env SOCKET "$1")" -uroot -N -B -e "$2"
}
dist_galera_size() {
    dist_galera_sql "$1" "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null |
        awk '{print $2}'
}

dist_galera_start() {
    chmod 711 "$work" # the nodes run as mysql when this is root
    sh "$dist_galera_lib" start "$work/galera" 3 >"$work/galera.env" 2>"$work/galera.err" || {
        cat "$work/galera.err" >&2
        return 1
    }
    for n in 1 2 3; do pids="$pids $(dist_galera_pid "$n")"; done
    dist_galera_sql 1 "CREATE USER 'hhcheck'@'127.0.0.1'; CREATE DATABASE heat;"
}

dist_galera_kill() {
    p=$(dist_galera_pid "$1")
    sh "$dist_galera_lib" kill "$work/galera" "$1"
    t=50
    while kill -0 "$p" 2>/dev/null && [ "$t" -gt 0 ]; do
        sleep 0.1
        t=$((t - 1))
    done
    forget "$p"
}

dist_haproxy_port() { cat "$work/haproxy/port"; }
dist_haproxy_pid() { cat "$work/haproxy/pid" 2>/dev/null; }
dist_db_url() { echo "mysql+pymysql://hh:hh@127.0.0.1:$(dist_haproxy_port)/heat"; }
dist_haproxy_sql() {
    mariadb --no-defaults -h 127.0.0.1 -P "$(dist_haproxy_port)" -uhh -phh -N -B -e "$1"
}

dist_haproxy_start() {
    h="$work/haproxy"
    mkdir -p "$h" || return 1
    dist_free_port >"$h/port" || return 1
    cat >"$h/haproxy.cfg" <<EOF
global
    maxconn 1024
defaults
    mode tcp
    timeout connect 2s
    timeout client 1h
    timeout server 1h
frontend galera_writer
    bind 127.0.0.1:$(cat "$h/port")
    default_backend galera_nodes
backend galera_nodes
    option mysql-check user hhcheck post-41
    default-server check inter 500 fall 2 rise 2 on-marked-down shutdown-sessions
    server node1 127.0.0.1:$(dist_galera_port 1)
    server node2 127.0.0.1:$(dist_galera_port 2) backup
    server node3 127.0.0.1:$(dist_galera_port 3) backup
EOF
    haproxy -c -q -f "$h/haproxy.cfg" || return 1
    haproxy -db -f "$h/haproxy.cfg" >"$h/log" 2>&1 </dev/null &
    echo $! >"$h/pid"
    pids="$pids $!"
    wait_for 100 dist_haproxy_sql "SELECT 1"
}

dist_engine_dir() { echo "$work/engine-$1"; }
dist_engine_sock() { echo "$(dist_engine_dir "$1")/sock"; }
dist_engine_pid() { cat "$(dist_engine_dir "$1")/launch.pid" 2>/dev/null; }

dist_engine_start() {
    d=$(dist_engine_dir "$1")
    shift
    mkdir -p "$d" || return 1
    args=""
    for c in "$@"; do args="$args --config-file $c"; done
    # shellcheck disable=SC2086 # the config files' options, split
    "${top_builddir:-.}/engine/heat-engine" -f $args --control-socket "$d/sock" \
        --pid-file "$d/pid" >"$d/log" 2>&1 </dev/null &
    echo $! >"$d/launch.pid"
    pids="$pids $!"
    wait_for 100 ctl "$d/sock" '{"op": "status"}'
}

dist_api_dir() { echo "$work/api-$1"; }
dist_api_url() { echo "http://127.0.0.1:$(cat "$(dist_api_dir "$1")/port")/v1/admin"; }
dist_api_pid() { cat "$(dist_api_dir "$1")/launch.pid" 2>/dev/null; }

dist_api_start() {
    d=$(dist_api_dir "$1")
    shift
    mkdir -p "$d" || return 1
    dist_free_port >"$d/port" || return 1
    printf '[heat_api]\nbind_host = 127.0.0.1\nbind_port = %s\n' "$(cat "$d/port")" >"$d/api.conf"
    args=""
    for c in "$@"; do args="$args --config-file $c"; done
    # shellcheck disable=SC2086 # the config files' options, split
    "${top_builddir:-.}/api/heat-api" -f $args --config-file "$d/api.conf" \
        >"$d/log" 2>&1 </dev/null &
    echo $! >"$d/launch.pid"
    pids="$pids $!"
    wait_for 100 curl -s -o /dev/null "http://127.0.0.1:$(cat "$d/port")/"
}

# dist_term_wait PID...: SIGTERM, then SIGKILL whatever outlives 10 s
dist_term_wait() {
    for p in "$@"; do kill -TERM "$p" 2>/dev/null; done
    for p in "$@"; do
        t=100
        while kill -0 "$p" 2>/dev/null && [ "$t" -gt 0 ]; do
            sleep 0.1
            t=$((t - 1))
        done
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
        forget "$p"
    done
}

dist_stop_all() {
    front=""
    for f in "$work"/api-*/launch.pid "$work"/engine-*/launch.pid; do
        [ -f "$f" ] && front="$front $(cat "$f")" && rm -f "$f"
    done
    # shellcheck disable=SC2086 # a list of pids
    dist_term_wait $front
    if [ -f "$work/haproxy/pid" ]; then
        dist_term_wait "$(cat "$work/haproxy/pid")"
        rm -f "$work/haproxy/pid"
    fi
    if [ -d "$work/galera" ]; then
        sh "$dist_galera_lib" stop "$work/galera"
        for n in 1 2 3; do forget "$(dist_galera_pid "$n")"; done
    fi
}
