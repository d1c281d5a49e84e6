# fence_db.sh: the database of a fencing test, SQLite or MariaDB, and the
# reads its checks make. Source it after tap.sh and daemon.sh ($work):
#   fence_db_up KIND        sqlite (a file in $work) or mysql (a private
#                           MariaDB server, tests/lib/mariadb.sh, database
#                           heat); sets fence_db_url; 1 with fence_db_why
#                           when KIND cannot run here (a missing driver or
#                           server)
#   fence_db_down           stop what fence_db_up started
#   fence_db_count TABLE    its number of rows
#   fence_db_stack_state NAME   ACTION_STATUS of the live stack NAME, or none
#   fence_db_digest         one line per table the fence guards (every table
#                           but service, fence_term and the schema's own):
#                           its name, row count and a hash of its rows
#   fence_db_holds_write PID    does process PID hold a write transaction
#                           (SQLite: its lock on the WAL index's writer
#                           byte in /proc/locks; MariaDB: an InnoDB
#                           transaction with locks open on the server)
#   fence_db_pause PID      SIGSTOP process PID at a moment it holds no
#                           write transaction (a paused SQLite writer would
#                           block every other one): at most 200 tries of
#                           stop, look, continue; 0 once paused, 1 (PID
#                           running) when it never was; the tries made in
#                           fence_db_tries
# Needs python3; mysql also the mariadb client.
# shellcheck shell=sh
# shellcheck disable=SC2034 # fence_db_url, _why and _tries are the sourcing script's

fence_db_kind=""
fence_db_url=""
fence_db_why=""

fence_db_up() {
    fence_db_kind=$1
    case "$1" in
    sqlite)
        # shellcheck disable=SC2154 # $work is tap.sh's
        fence_db_url="sqlite:///$work/heat.db"
        ;;
    mysql)
        fence_db_lib="${top_srcdir:-.}/tests/lib/mariadb.sh"
        if [ ! -f "$fence_db_lib" ]; then
            fence_db_why="tests/lib/mariadb.sh (the MariaDB test server) is not there"
            return 1
        fi
        sh "$fence_db_lib" start "$work/mariadb" >"$work/mariadb.env" 2>"$work/mariadb.err"
        case $? in
        0) ;;
        77)
            fence_db_why="MariaDB is not installed"
            return 1
            ;;
        *)
            fence_db_why="the MariaDB server did not start: $(tail -1 "$work/mariadb.err")"
            return 1
            ;;
        esac
        fence_db_port=$(sed -n 's/^MARIADB_PORT=//p' "$work/mariadb.env")
        pids="$pids $(sed -n 's/^MARIADB_PID=//p' "$work/mariadb.env")"
        mariadb --no-defaults -S "$(sed -n 's/^MARIADB_SOCKET=//p' "$work/mariadb.env")" \
            -uroot -e "CREATE DATABASE heat" || return 1
        fence_db_url="mysql+pymysql://hh:hh@127.0.0.1:$fence_db_port/heat"
        printf '[database]\nconnection = %s\n' "$fence_db_url" >"$work/probe.conf"
        "${top_builddir:-.}/engine/store/heat-manage" --config-file "$work/probe.conf" \
            db_version >"$work/probe.out" 2>&1
        if grep -qi "not built\|not supported\|unsupported" "$work/probe.out"; then
            fence_db_why="the MySQL driver is not built"
            fence_db_down
            return 1
        fi
        ;;
    *)
        fence_db_why="unknown database $1"
        return 1
        ;;
    esac
}

fence_db_down() {
    if [ "$fence_db_kind" = mysql ] && [ -d "$work/mariadb" ]; then
        sh "${top_srcdir:-.}/tests/lib/mariadb.sh" stop "$work/mariadb" >/dev/null 2>&1
    fi
}

# fence_db_py SCRIPT ARGS...: run SCRIPT with q(sql, *args) -> rows and
# tables() -> the database's table names bound to this database
fence_db_py() {
    script=$1
    shift
    python3 - "$fence_db_kind" "$fence_db_url" "${fence_db_mysql:-mariadb}" "$@" <<EOF
import subprocess, sys
kind, url, client = sys.argv[1], sys.argv[2], sys.argv[3]
argv = sys.argv[4:]
if kind == "sqlite":
    import sqlite3
    db = sqlite3.connect(url[len("sqlite:///"):], timeout=10)
    def q(sql, *a):
        return db.execute(sql, a).fetchall()
    def tables():
        return [r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table'")]
else:
    from urllib.parse import urlsplit, unquote
    u = urlsplit(url.replace("mysql+pymysql://", "mysql://", 1))
    def q(sql, *a):
        for v in a:
            sql = sql.replace("?", "'" + str(v).replace("'", "''") + "'", 1)
        out = subprocess.run([client, "--no-defaults", "-h", u.hostname or "127.0.0.1",
                              "-P", str(u.port or 3306), "-u", unquote(u.username or ""),
                              "-p" + unquote(u.password or ""), "-N", "-B", "--raw",
                              u.path.lstrip("/"), "-e", sql],
                             check=True, capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines()]
    def tables():
        return [r[0] for r in q("SHOW TABLES")]
$script
EOF
}

fence_db_count() {
    fence_db_py 'print(q("SELECT COUNT(*) FROM " + argv[0])[0][0])' "$1"
}

fence_db_stack_state() {
    fence_db_py '
r = q("SELECT action, status FROM stack WHERE name = ? AND deleted_at IS NULL", argv[0])
print("_".join(r[0]) if r else "none")' "$1"
}

fence_db_digest() {
    fence_db_py '
import hashlib
skip = {"service", "fence_term", "schema_version", "sqlite_sequence"}
for t in sorted(tables()):
    if t in skip:
        continue
    rows = sorted(repr(tuple(str(c) for c in r)) for r in q("SELECT * FROM " + t))
    print(t, len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())'
}

fence_db_holds_write() {
    if [ "$fence_db_kind" = sqlite ]; then
        python3 - "$1" "$work/heat.db-shm" <<'EOF'
import os, sys
pid, shm = sys.argv[1], sys.argv[2]
ino = str(os.stat(shm).st_ino)
# SQLite's unix VFS: the WAL writer's lock is byte 120 of the -shm file
for line in open("/proc/locks"):
    f = line.split()
    if "->" in f or len(f) < 8:
        continue
    start, end = int(f[6]), (1 << 62) if f[7] == "EOF" else int(f[7])
    if f[3] == "WRITE" and f[4] == pid and f[5].split(":")[-1] == ino and start <= 120 <= end:
        sys.exit(0)
sys.exit(1)
EOF
    else
        [ "$(fence_db_py 'print(q("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_rows_locked > 0 OR trx_tables_locked > 0")[0][0])')" != 0 ]
    fi
}

fence_db_pause() {
    fence_db_tries=0
    while [ "$fence_db_tries" -lt 200 ]; do
        fence_db_tries=$((fence_db_tries + 1))
        kill -STOP "$1" || return 1
        fence_db_holds_write "$1" || return 0
        kill -CONT "$1"
        sleep 0.01
    done
    return 1
}
