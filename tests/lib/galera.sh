#!/bin/sh
# galera.sh: a private MariaDB Galera cluster of N nodes on 127.0.0.1 for
# the tests: its own directory, free ports, rsync state transfer.
#
#   tests/lib/galera.sh start DIR [N]
#       Make DIR (searchable by user mysql when run as root: the nodes run
#       as mysql, which rsync SST needs), initialise N (default 3) data
#       directories, bootstrap node 1, then join the others one at a time,
#       each waited for until Synced (about 4 s a node on 2 cores). Prints
#       lines for eval:
#         GALERA_NODES=N
#         GALERA_PID_i=...      node i's mariadbd
#         GALERA_PORT_i=...     its SQL port on 127.0.0.1 (user hh, password
#                               hh over TCP: for HAProxy backends)
#         GALERA_SOCKET_i=...   its Unix socket (user root, no password)
#         GALERA_URL_i=mysql://root@localhost/?unix_socket=...  (no database:
#                               hh_store_create_database, tests/lib/test_db.h)
#       for i in 1..N; exit 0 once every node is Synced and the cluster has
#       N members. Failure detection is quick (evs suspect 2 s, inactive 4 s:
#       a killed node leaves the Primary component in about 3 s);
#       GALERA_EXTRA_OPTS is appended to wsrep_provider_options.
#   tests/lib/galera.sh kill DIR I     SIGKILL node I (a crash)
#   tests/lib/galera.sh restart DIR I  start node I again (it rejoins by IST
#                                      or SST) and wait until Synced
#   tests/lib/galera.sh status DIR I   print node I's wsrep_local_state_comment
#   tests/lib/galera.sh stop DIR       SIGTERM every node (SIGKILL after 30 s),
#                                      by the PIDs recorded in DIR; remove DIR
#
# Exit 77 with a "SKIP: ..." line on stderr when mariadbd, galera-4 or
# rsync is not installed (tools/install-deps.sh installs them). Only the
# processes this script started are signalled (by PID, checked against
# their command line).
# shellcheck shell=sh
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/mariadb_lib.sh
. "$here/mariadb_lib.sh"
mdb_args "start|stop|kill|restart|status DIR [N|I]" "$@"
mariadbd=$(mdb_server)
provider=/usr/lib/galera/libgalera_smm.so
if [ "$(id -u)" = 0 ]; then run_user=mysql; else run_user=$(id -un); fi

cli() { # node, SQL
    mariadb --no-defaults -S "$dir/node$1/mysqld.sock" -uroot -N -B -e "$2"
}

wsrep_status() { # node, variable
    cli "$1" "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | awk '{print $2}'
}

synced() { # node
    [ "$(wsrep_status "$1" wsrep_local_state_comment)" = Synced ]
}

wait_synced() { # node: at most 120 s
    mdb_wait "$(cat "$dir/node$1/launch.pid")" "$dir/node$1/error.log" 120 \
        "galera node $1 Synced" synced "$1"
}

start_node() { # node [mariadbd options]
    n=$1
    shift
    setsid "$mariadbd" --defaults-file="$dir/node$n/my.cnf" "$@" \
        >>"$dir/node$n/stdout.log" 2>&1 </dev/null &
    echo $! >"$dir/node$n/launch.pid"
}

ours() { # pid, node: is it the mariadbd of that node?
    mdb_ours "$1" "--defaults-file=$dir/node$2/my.cnf"
}

start() {
    nodes=${1:-3}
    if [ -z "$mariadbd" ] || [ ! -f "$provider" ] || ! command -v rsync >/dev/null 2>&1 ||
        ! command -v mariadb-install-db >/dev/null 2>&1; then
        echo "SKIP: Galera not installed (mariadb-server galera-4 rsync)" >&2
        exit 77
    fi
    mkdir -p "$dir" && chmod 755 "$dir" || exit 1
    dir=$(cd "$dir" && pwd)
    used=""
    addrs=""
    n=1
    while [ $n -le "$nodes" ]; do
        for v in sql gc ist sst; do
            p=$(free_port "$used") || {
                echo "no free port" >&2
                exit 1
            }
            used="$used $p"
            eval "${v}_$n=$p"
        done
        eval "addrs=\"\$addrs\${addrs:+,}127.0.0.1:\$gc_$n\""
        n=$((n + 1))
    done
    n=1
    while [ $n -le "$nodes" ]; do
        d=$dir/node$n
        mkdir -p "$d/tmp"
        eval "sql=\$sql_$n gc=\$gc_$n ist=\$ist_$n sst=\$sst_$n"
        # shellcheck disable=SC2154 # set by the eval above
        cat >"$d/my.cnf" <<EOF
[mysqld]
user=$run_user
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/error.log
tmpdir=$d/tmp
port=$sql
bind-address=127.0.0.1
skip-name-resolve
performance_schema=OFF
innodb_buffer_pool_size=64M
innodb_log_file_size=16M
innodb_flush_log_at_trx_commit=2
innodb_file_per_table=0
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
character_set_server=utf8mb4
collation_server=utf8mb4_bin
max_connections=300
wsrep_on=ON
wsrep_provider=$provider
wsrep_cluster_name=hhgalera$$
wsrep_cluster_address=gcomm://$addrs
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$gc
wsrep_node_incoming_address=127.0.0.1:$sql
wsrep_provider_options="base_port=$gc;gmcast.listen_addr=tcp://127.0.0.1:$gc;ist.recv_addr=127.0.0.1:$ist;gcache.size=32M;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S;evs.install_timeout=PT2S;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S${GALERA_EXTRA_OPTS:+;$GALERA_EXTRA_OPTS}"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$sst
[sst]
sst-log-archive-dir=$d/sst_log_archive
EOF
        n=$((n + 1))
    done
    chown -R "$run_user" "$dir"
    # data directories at once (wsrep off while they are made)
    n=1
    ipids=""
    while [ $n -le "$nodes" ]; do
        d=$dir/node$n
        mdb_install_db "$run_user" "$d/data" "$d/tmp" "$d/install-db.log" \
            --innodb-log-file-size=16M --innodb-buffer-pool-size=64M &
        ipids="$ipids $!"
        n=$((n + 1))
    done
    n=1
    for p in $ipids; do
        wait "$p" || {
            echo "mariadb-install-db of node $n failed:" >&2
            tail -20 "$dir/node$n/install-db.log" >&2
            exit 1
        }
        n=$((n + 1))
    done
    start_node 1 --wsrep-new-cluster
    wait_synced 1 || exit 1
    mdb_add_hh "$dir/node1/mysqld.sock" || exit 1
    n=2
    while [ $n -le "$nodes" ]; do
        start_node "$n"
        wait_synced "$n" || exit 1
        n=$((n + 1))
    done
    size=$(wsrep_status 1 wsrep_cluster_size)
    [ "$size" = "$nodes" ] || {
        echo "cluster of $size nodes, not $nodes" >&2
        exit 1
    }
    echo "GALERA_NODES=$nodes"
    n=1
    while [ $n -le "$nodes" ]; do
        eval "sql=\$sql_$n"
        echo "GALERA_PID_$n=$(cat "$dir/node$n/launch.pid")"
        echo "GALERA_PORT_$n=$sql"
        echo "GALERA_SOCKET_$n=$dir/node$n/mysqld.sock"
        echo "GALERA_URL_$n=mysql://root@localhost/?unix_socket=$dir/node$n/mysqld.sock"
        n=$((n + 1))
    done
}

stop() {
    pids=""
    for f in "$dir"/node*/launch.pid; do
        [ -f "$f" ] || continue
        n=${f%/launch.pid}
        n=${n##*/node}
        p=$(cat "$f")
        ours "$p" "$n" && pids="$pids $p"
    done
    # shellcheck disable=SC2086 # a list of pids
    [ -n "$pids" ] && mdb_stop_pids $pids
    rm -rf "$dir"
}

case $cmd in
start)
    start "${3:-3}" || {
        stop
        exit 1
    }
    ;;
stop)
    dir=$(cd "$dir" 2>/dev/null && pwd) || exit 0
    stop
    ;;
kill)
    dir=$(cd "$dir" && pwd) || exit 1
    p=$(cat "$dir/node$3/launch.pid") && ours "$p" "$3" && kill -KILL "$p"
    ;;
restart)
    dir=$(cd "$dir" && pwd) || exit 1
    start_node "$3"
    wait_synced "$3"
    ;;
status)
    dir=$(cd "$dir" && pwd) || exit 1
    wsrep_status "$3" wsrep_local_state_comment
    ;;
*)
    echo "usage: $0 start|stop|kill|restart|status DIR [N|I]" >&2
    exit 2
    ;;
esac
