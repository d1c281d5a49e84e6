# test_db.sh: the database of a test script, chosen in one place (as
# tests/lib/test_db.h for C tests). Source it after tap.sh:
#   test_db_url TAG FALLBACK   print the URL of a new database: on the MySQL
#                              server of HH_TEST_DB_URL when it is set (a
#                              database of its own), else FALLBACK (an
#                              sqlite:/// URL)
#   test_db_sql URL SQL        run SQL (statements separated by ;) on the
#                              database of URL, its "names" quoted as the
#                              store's SQL quotes them
#   test_db_value URL SQL      print the first column of SQL's first row
# shellcheck shell=sh
test_db_url() {
    "${top_builddir:-.}/tests/lib/hh-test-db" "$1" "$2"
}

# mysql URL: the mariadb command line of its socket and database
test_db_mysql() { # URL, options...
    tdb_url=$1
    shift
    tdb_sock=$(printf '%s\n' "$tdb_url" | sed -n 's/.*[?&]unix_socket=\([^&]*\).*/\1/p')
    tdb_name=$(printf '%s\n' "$tdb_url" | sed 's|^[^/]*//[^/]*/\([^?]*\).*|\1|')
    mariadb --no-defaults -S "$tdb_sock" -uroot -N -B "$@" "$tdb_name"
}

test_db_sql() {
    case $1 in
    mysql*) test_db_mysql "$1" -e "SET sql_mode = 'ANSI_QUOTES'; $2" ;;
    *)
        python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' \
            "$(printf '%s\n' "$1" | sed 's|^sqlite:///||; s|?.*||')" "$2"
        ;;
    esac
}

test_db_value() {
    case $1 in
    mysql*) test_db_mysql "$1" -e "SET sql_mode = 'ANSI_QUOTES'; $2" | head -1 ;;
    *)
        python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
            "$(printf '%s\n' "$1" | sed 's|^sqlite:///||; s|?.*||')" "$2"
        ;;
    esac
}
