# rabbit.sh: private RabbitMQ brokers for test scripts, on loopback only.
# Source it after tap.sh and daemon.sh (it uses $work, $pids, wait_for).
# Each broker NAME lives under $work/rabbit-NAME with its own node name,
# Erlang cookie (HOME), mnesia and log directories, configuration, epmd and
# ports chosen free at its first start (AMQP, Erlang distribution, epmd);
# nothing of the system's /etc/rabbitmq or /var/lib/rabbitmq is read or
# written, and no well-known port is used. Every process started is
# recorded in $pids (daemon.sh sends each SIGKILL at exit) and stopped by
# its pid only.
#
#   rabbit_available        0 when rabbitmq-server is installed; callers print
#                           a SKIP line and exit 0 otherwise
#   rabbit_start NAME       start broker NAME (again after rabbit_stop or
#                           rabbit_kill: same ports, same data); returns 0 once
#                           its AMQP port accepts connections (~4-5 s), 1 when
#                           it died or did not listen within 60 s (x wait_scale)
#   rabbit_port NAME        its AMQP port
#   rabbit_url NAME         rabbit://guest:guest@127.0.0.1:PORT/ (guest logs in
#                           from loopback)
#   rabbit_pid NAME         the broker's pid (the Erlang VM), empty when stopped
#   rabbit_stop NAME        graceful stop (SIGTERM: connections are closed by
#                           the broker), SIGKILL after 30 s; waits until gone
#   rabbit_kill NAME        SIGKILL: a crash, connections drop without a close
#   rabbit_stop_all         rabbit_stop of every broker started, and its epmd
#   rabbit_kill_all         SIGKILL to every broker and epmd (for an EXIT trap:
#                           trap 'rabbit_kill_all; daemon_cleanup' EXIT)
#   rabbit_log NAME         the broker's log directory
#   rabbit_tap_start NAME...   for a TAP script that needs brokers (after
#                           tap.sh and daemon.sh): the EXIT trap above; the
#                           whole script skipped (1..0 # SKIP, exit 0) when
#                           rabbitmq-server is not installed; brokers NAME...
#                           started at once (each takes seconds of CPU);
#                           "not ok 1 - RabbitMQ starts" with their output,
#                           exit 1, when one did not start
# RABBIT_LISTEN, when set at a broker's first start, is the address its AMQP
# port listens on instead of 127.0.0.1, and guest may log in from anywhere
# (for a lab's private network, e.g. tests/lab/pacemaker.sh's hub).
# The state is in files under $work, so another process can act on the same
# brokers: tests/lib/rabbitctl.sh WORK start|stop|kill|port|url NAME (what a
# C test runs to restart a broker under its feet).
# shellcheck shell=sh

rabbit_bin=/usr/lib/rabbitmq/bin
# shellcheck disable=SC2154 # $work is tap.sh's (or the caller's)
: "${work:?rabbit.sh needs \$work}"

rabbit_available() {
    [ -x "$rabbit_bin/rabbitmq-server" ] && command -v epmd >/dev/null 2>&1 &&
        command -v python3 >/dev/null 2>&1
}

rabbit_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

rabbit_dir() { echo "$work/rabbit-$1"; }
rabbit_port() { cat "$(rabbit_dir "$1")/port"; }
rabbit_url() { echo "rabbit://guest:guest@127.0.0.1:$(rabbit_port "$1")/"; }
rabbit_log() { echo "$(rabbit_dir "$1")/log"; }
# rabbit_alive PID: PID runs (a zombie not yet reaped does not)
rabbit_alive() {
    kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null
}
rabbit_pid() {
    rabbit_p=$(cat "$(rabbit_dir "$1")/beam.pid" 2>/dev/null)
    [ -n "$rabbit_p" ] && rabbit_alive "$rabbit_p" && echo "$rabbit_p"
}

# rabbit_listening PORT [ADDRESS]: something accepts connections there
rabbit_listening() {
    python3 -c 'import socket, sys; socket.create_connection((sys.argv[2], int(sys.argv[1])), 1).close()' \
        "$1" "${2:-127.0.0.1}"
}

# rabbit_env NAME: the broker's environment, for rabbitmq-server (a subshell)
rabbit_env() {
    rabbit_d=$(rabbit_dir "$1")
    RABBITMQ_NODENAME="hh-$1-$(cat "$rabbit_d/id")@localhost"
    RABBITMQ_NODE_PORT=$(cat "$rabbit_d/port")
    RABBITMQ_DIST_PORT=$(cat "$rabbit_d/dist_port")
    ERL_EPMD_PORT=$(cat "$rabbit_d/epmd_port")
    export RABBITMQ_NODENAME RABBITMQ_NODE_PORT RABBITMQ_DIST_PORT ERL_EPMD_PORT
    RABBITMQ_NODE_IP_ADDRESS=$(cat "$rabbit_d/address")
    export RABBITMQ_NODE_IP_ADDRESS
    export ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_CONF_ENV_FILE="$rabbit_d/rabbitmq-env.conf"
    export RABBITMQ_CONFIG_FILE="$rabbit_d/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$rabbit_d/advanced.config"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$rabbit_d/enabled_plugins"
    export RABBITMQ_MNESIA_BASE="$rabbit_d/mnesia"
    export RABBITMQ_LOG_BASE="$rabbit_d/log"
    export RABBITMQ_PID_FILE="$rabbit_d/beam.pid.rabbit"
    # schedulers that sleep instead of spinning: the test machine is shared
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"
    # exec the VM itself (no shell wrapper that stops it through rabbitmqctl):
    # its pid is the launch pid, and SIGTERM stops it gracefully
    export RUNNING_UNDER_SYSTEMD=true
    unset NOTIFY_SOCKET
    export HOME="$rabbit_d/home"
}

rabbit_start() {
    rabbit_d=$(rabbit_dir "$1")
    if [ ! -f "$rabbit_d/port" ]; then
        mkdir -p "$rabbit_d/home" "$rabbit_d/log" "$rabbit_d/mnesia" || return 1
        rabbit_free_port >"$rabbit_d/port" && rabbit_free_port >"$rabbit_d/dist_port" &&
            rabbit_free_port >"$rabbit_d/epmd_port" || return 1
        echo "$$" >"$rabbit_d/id"
        echo "${RABBIT_LISTEN:-127.0.0.1}" >"$rabbit_d/address"
        : >"$rabbit_d/rabbitmq-env.conf"
        echo '[].' >"$rabbit_d/enabled_plugins"
        echo '[].' >"$rabbit_d/advanced.config"
        cat >"$rabbit_d/rabbitmq.conf" <<EOF
listeners.tcp.1 = $(cat "$rabbit_d/address"):$(cat "$rabbit_d/port")
loopback_users.guest = $([ "$(cat "$rabbit_d/address")" = 127.0.0.1 ] && echo true || echo false)
disk_free_limit.absolute = 50MB
log.file.level = warning
log.console = false
EOF
    fi
    # a private epmd in the foreground (the VM would daemonise one we could
    # not stop by pid)
    rabbit_ep=$(cat "$rabbit_d/epmd.pid" 2>/dev/null)
    if [ -z "$rabbit_ep" ] || ! rabbit_alive "$rabbit_ep"; then
        epmd -address 127.0.0.1 -port "$(cat "$rabbit_d/epmd_port")" >"$rabbit_d/log/epmd.log" 2>&1 </dev/null &
        echo $! >"$rabbit_d/epmd.pid"
        pids="${pids:-} $!"
        wait_for 50 rabbit_listening "$(cat "$rabbit_d/epmd_port")" || return 1
    fi
    (
        rabbit_env "$1"
        exec "$rabbit_bin/rabbitmq-server" >>"$rabbit_d/log/stdout.log" 2>&1 </dev/null
    ) &
    rabbit_p=$!
    echo "$rabbit_p" >"$rabbit_d/beam.pid"
    pids="${pids:-} $rabbit_p"
    rabbit_t=$((600 * ${wait_scale:-1}))
    while [ "$rabbit_t" -gt 0 ]; do
        rabbit_alive "$rabbit_p" || {
            tail -20 "$rabbit_d/log/stdout.log" >&2
            return 1
        }
        rabbit_listening "$(cat "$rabbit_d/port")" "$(cat "$rabbit_d/address")" 2>/dev/null &&
            return 0
        sleep 0.1
        rabbit_t=$((rabbit_t - 1))
    done
    return 1
}

# rabbit_wait_gone PID TENTHS: until PID exited (0) or TENTHS/10 s passed (1)
rabbit_wait_gone() {
    rabbit_t=$2
    while rabbit_alive "$1"; do
        [ "$rabbit_t" -le 0 ] && return 1
        sleep 0.1
        rabbit_t=$((rabbit_t - 1))
    done
    return 0
}

rabbit_forget() { pids=$(echo " ${pids:-} " | sed "s/ $1 / /"); }

rabbit_stop() {
    rabbit_p=$(cat "$(rabbit_dir "$1")/beam.pid" 2>/dev/null)
    [ -n "$rabbit_p" ] || return 0
    kill -TERM "$rabbit_p" 2>/dev/null
    if ! rabbit_wait_gone "$rabbit_p" 300; then
        kill -KILL "$rabbit_p" 2>/dev/null
        rabbit_wait_gone "$rabbit_p" 50
    fi
    wait "$rabbit_p" 2>/dev/null
    rabbit_forget "$rabbit_p"
    rm -f "$(rabbit_dir "$1")/beam.pid"
}

rabbit_kill() {
    rabbit_p=$(cat "$(rabbit_dir "$1")/beam.pid" 2>/dev/null)
    [ -n "$rabbit_p" ] || return 0
    kill -KILL "$rabbit_p" 2>/dev/null
    rabbit_wait_gone "$rabbit_p" 50
    wait "$rabbit_p" 2>/dev/null
    rabbit_forget "$rabbit_p"
    rm -f "$(rabbit_dir "$1")/beam.pid"
}

rabbit_stop_all() {
    for rabbit_dd in "$work"/rabbit-*; do
        [ -d "$rabbit_dd" ] || continue
        rabbit_n=${rabbit_dd##*/rabbit-}
        rabbit_stop "$rabbit_n"
        rabbit_ep=$(cat "$rabbit_dd/epmd.pid" 2>/dev/null)
        if [ -n "$rabbit_ep" ]; then
            kill -TERM "$rabbit_ep" 2>/dev/null
            rabbit_wait_gone "$rabbit_ep" 20
            rabbit_forget "$rabbit_ep"
            rm -f "$rabbit_dd/epmd.pid"
        fi
    done
}

rabbit_kill_all() {
    for rabbit_dd in "$work"/rabbit-*; do
        [ -d "$rabbit_dd" ] || continue
        for rabbit_f in beam.pid epmd.pid; do
            rabbit_p=$(cat "$rabbit_dd/$rabbit_f" 2>/dev/null)
            [ -n "$rabbit_p" ] && kill -KILL "$rabbit_p" 2>/dev/null
            rm -f "$rabbit_dd/$rabbit_f"
        done
    done
}

rabbit_tap_start() {
    trap 'rabbit_kill_all; daemon_cleanup' EXIT
    if ! rabbit_available; then
        echo "1..0 # SKIP rabbitmq-server is not installed (tools/install-deps.sh installs it)"
        exit 0
    fi
    rabbit_jobs=""
    for rabbit_n in "$@"; do
        rabbit_start "$rabbit_n" >"$work/rabbit.$rabbit_n.out" 2>&1 &
        rabbit_jobs="$rabbit_jobs $!"
    done
    rabbit_ok=yes
    for rabbit_j in $rabbit_jobs; do
        wait "$rabbit_j" || rabbit_ok=no
    done
    [ "$rabbit_ok" = yes ] && return 0
    echo "not ok 1 - RabbitMQ starts"
    for rabbit_n in "$@"; do
        sed 's/^/# /' "$work/rabbit.$rabbit_n.out"
    done
    echo "1..1"
    exit 1
}
