# ocf_lib.sh: what the OCF agent tests (tests/ocf/*.sh) share. Source it
# first: it skips the whole script in the valgrind pass (the agents run the
# programs themselves, not under valgrind; tests/engine/engine_daemon.sh
# covers heat-engine's commands there) and without resource-agents, then
# sources tap.sh and daemon.sh and sets:
#   bin      the build directory (absolute): $bin/ocf/AGENT, the programs
#   me       this user, the agents' user
#   rng dtd  resource-agents' meta-data schemas
#   OCF_ROOT, HA_RSCTMP (under $work), OCF_RESKEY_CRM_meta_timeout (10 s)
#   free_port, gone PID, ocf_setup (a SQLite heat.conf in $work, db_sync)
# shellcheck shell=sh
top=${top_srcdir:-.}
build=${top_builddir:-.}
ocf_root=/usr/lib/ocf
rng=/usr/share/resource-agents/metadata.rng
dtd=/usr/share/resource-agents/ra-api-1.dtd
if [ -n "${HH_VALGRIND:-}" ]; then
    echo "1..0 # SKIP the agents run the programs themselves (not under valgrind)"
    exit 0
fi
for f in "$ocf_root/lib/heartbeat/ocf-shellfuncs" /usr/sbin/ocf-tester "$rng" "$dtd"; do
    if [ ! -e "$f" ]; then
        echo "1..0 # SKIP $f missing (tools/install-deps.sh installs resource-agents)"
        exit 0
    fi
done
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"
# shellcheck source=tests/lib/daemon.sh
. "$top/tests/lib/daemon.sh"

bin=$(cd "$build" && pwd)
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# shellcheck disable=SC2034 # for the scripts that source this
me=$(id -un)
# gone PID: exited (a zombie waiting for init to reap it counts)
gone() { ! kill -0 "$1" 2>/dev/null || ps -p "$1" -o stat= | grep -q '^Z'; }
export OCF_ROOT="$ocf_root" HA_RSCTMP="$work/rsctmp"
mkdir -p "$HA_RSCTMP"
# What Pacemaker would not pass: the test's own quick stop timeout.
export OCF_RESKEY_CRM_meta_timeout=10000

# ocf_setup: $work/heat.conf on the SQLite database $db, synced, the CFN
# API on a free loopback port ($cfn_port); rpc_response_timeout bounds a
# lone heat-api's /healthcheck (its 503) to 1 s.
ocf_setup() {
    db="$work/heat.db"
    cfn_port=$(free_port)
    printf '[DEFAULT]\ntransport_url = inproc://\nreport_interval = 1\ngraceful_shutdown_timeout = 5\nrpc_response_timeout = 1\n[database]\nconnection = sqlite:///%s\n[heat_api_cfn]\nbind_host = 127.0.0.1\nbind_port = %s\n' \
        "$db" "$cfn_port" >"$work/heat.conf"
    "$bin/engine/store/heat-manage" --config-file "$work/heat.conf" db_sync >/dev/null 2>&1
    check "heat-manage db_sync" test $? -eq 0
}
