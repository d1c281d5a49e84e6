#!/bin/sh
# mariadb.sh: a private MariaDB server for the tests, under a directory of
# its own, on a free TCP port (127.0.0.1) and a private Unix socket.
#
#   tests/lib/mariadb.sh start DIR   initialise DIR/data (mariadb-install-db)
#                                    and start mariadbd; prints the lines
#                                      MARIADB_PID=...     its process id
#                                      MARIADB_PORT=...    its TCP port
#                                      MARIADB_SOCKET=...  its Unix socket
#                                      HH_TEST_DB_URL=...  the server's URL
#                                    (mysql://root@localhost/?unix_socket=...:
#                                    no database; tests/lib/test_db.c makes one
#                                    per test) for eval; exit 0 when it answers
#   tests/lib/mariadb.sh stop DIR    stop the server started in DIR (by the PID
#                                    it recorded: SIGTERM, then SIGKILL after
#                                    30 s) and remove DIR
#
# Exit 77 with a "SKIP: ..." line on stderr when mariadbd or
# mariadb-install-db is not installed (tools/install-deps.sh installs
# mariadb-server). root runs the server as root (--user=root); the
# server's user "hh" (password "hh") may connect over TCP.
# shellcheck shell=sh
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/mariadb_lib.sh
. "$here/mariadb_lib.sh"
mdb_args "start|stop DIR" "$@"
mariadbd=$(mdb_server)

start() {
    if [ -z "$mariadbd" ] || ! command -v mariadb-install-db >/dev/null 2>&1; then
        echo "SKIP: MariaDB server not installed (mariadb-server)" >&2
        exit 77
    fi
    mkdir -p "$dir/tmp" || exit 1
    dir=$(cd "$dir" && pwd)
    user=$(id -un)
    if ! mdb_install_db "$user" "$dir/data" "$dir/tmp" "$dir/install-db.log"; then
        echo "mariadb-install-db failed:" >&2
        tail -20 "$dir/install-db.log" >&2
        exit 1
    fi
    port=$(free_port "") || {
        echo "no free port" >&2
        exit 1
    }
    sock=$dir/mysqld.sock
    setsid "$mariadbd" --no-defaults --user="$user" --datadir="$dir/data" \
        --socket="$sock" --port="$port" --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" \
        --log-error="$dir/error.log" --tmpdir="$dir/tmp" --skip-name-resolve \
        --performance-schema=OFF --skip-log-bin --innodb-buffer-pool-size=64M \
        --innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=2 --innodb-file-per-table=0 \
        --max-connections=500 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
        >"$dir/stdout.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$dir/launch.pid"
    if ! mdb_wait "$pid" "$dir/error.log" 60 "mariadbd answers" \
        mariadb --no-defaults -S "$sock" -uroot -e "SELECT 1"; then
        stop
        exit 1
    fi
    mdb_add_hh "$sock" || exit 1
    echo "MARIADB_PID=$pid"
    echo "MARIADB_PORT=$port"
    echo "MARIADB_SOCKET=$sock"
    echo "HH_TEST_DB_URL=mysql://root@localhost/?unix_socket=$sock"
}

stop() {
    [ -f "$dir/launch.pid" ] || {
        rm -rf "$dir"
        return 0
    }
    pid=$(cat "$dir/launch.pid")
    # only our mariadbd: its command line names this directory
    mdb_ours "$pid" "--datadir=$dir/data" && mdb_stop_pids "$pid"
    rm -rf "$dir"
}

case $cmd in
start) start ;;
stop)
    dir=$(cd "$dir" 2>/dev/null && pwd) || exit 0
    stop
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
