# mariadb_lib.sh: what tests/lib/mariadb.sh (one server) and
# tests/lib/galera.sh (a cluster) share. Sourced by them from their own
# directory ($here), after setting it:
#   mdb_args USAGE ARGS...   cmd (the first argument) and dir (the
#                            second); "usage: $0 USAGE" and exit 2 when
#                            either is missing
#   mdb_server               the mariadbd binary (empty when MariaDB's
#                            server is not installed)
#   mdb_install_db USER DATADIR TMPDIR LOG [OPTIONS...]   mariadb-install-db
#                            (root logs in by its Unix socket without a
#                            password, no test database), its output in LOG
#   mdb_add_hh SOCKET        the user hh (password hh) from anywhere, every
#                            privilege, on the server of SOCKET (as root)
#   mdb_wait PID LOG SECONDS WHAT COMMAND...   until COMMAND succeeds
#                            (every 0.1 s): 0; 1 with a message on stderr
#                            when server PID exited (the end of its error
#                            LOG too) or SECONDS passed
#   mdb_ours PID ARG         PID runs with ARG on its command line (one of
#                            this script's servers, never another's)
#   mdb_stop_pids PID...     SIGTERM, then SIGKILL whatever outlived 30 s
# free_port.sh's free_port comes with it.
# shellcheck shell=sh
# shellcheck disable=SC2154 # $here is the sourcing script's

# shellcheck source=tests/lib/free_port.sh
. "$here/free_port.sh"

mdb_args() {
    mdb_usage=$1
    shift
    cmd=${1:-}
    dir=${2:-}
    if [ -z "$cmd" ] || [ -z "$dir" ]; then
        echo "usage: $0 $mdb_usage" >&2
        exit 2
    fi
}

mdb_server() {
    for mdb_p in /usr/sbin/mariadbd /usr/sbin/mysqld /usr/libexec/mariadbd; do
        [ -x "$mdb_p" ] && echo "$mdb_p" && return 0
    done
    return 1
}

mdb_install_db() {
    mdb_user=$1 mdb_data=$2 mdb_tmp=$3 mdb_log=$4
    shift 4
    mariadb-install-db --no-defaults --user="$mdb_user" --datadir="$mdb_data" \
        --tmpdir="$mdb_tmp" --auth-root-authentication-method=normal --skip-test-db \
        "$@" >"$mdb_log" 2>&1
}

mdb_add_hh() {
    mariadb --no-defaults -S "$1" -uroot -N -B -e \
        "CREATE USER 'hh'@'%' IDENTIFIED BY 'hh'; GRANT ALL ON *.* TO 'hh'@'%';"
}

mdb_wait() {
    mdb_pid=$1 mdb_log=$2 mdb_t=$(($3 * 10)) mdb_what=$4
    shift 4
    until "$@" >/dev/null 2>&1; do
        if ! kill -0 "$mdb_pid" 2>/dev/null; then
            echo "$mdb_what: the server exited; $mdb_log:" >&2
            tail -30 "$mdb_log" >&2
            return 1
        fi
        mdb_t=$((mdb_t - 1))
        if [ "$mdb_t" -le 0 ]; then
            echo "$mdb_what: still not after $3 s" >&2
            return 1
        fi
        sleep 0.1
    done
}

mdb_ours() {
    [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q -- "$2"
}

mdb_stop_pids() {
    for mdb_p in "$@"; do kill -TERM "$mdb_p" 2>/dev/null; done
    mdb_i=0
    while [ $mdb_i -lt 300 ]; do
        mdb_alive=0
        for mdb_p in "$@"; do kill -0 "$mdb_p" 2>/dev/null && mdb_alive=1; done
        [ $mdb_alive = 0 ] && return 0
        sleep 0.1
        mdb_i=$((mdb_i + 1))
    done
    for mdb_p in "$@"; do kill -KILL "$mdb_p" 2>/dev/null; done
}
