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
#   test_db_row URL SQL        print SQL's first row, its columns joined by
#                              "_" (nothing when there is no row)
#   test_db_path URL           the file of an sqlite:/// URL (nothing for
#                              a MySQL one)
#   test_db_copy FROM TO       copy the database of URL FROM, every table
#                              and row, into the database of URL TO (of the
#                              same kind; SQLite: the file, closed; MySQL:
#                              TO empty, on the same server)
#   test_db_drop URL           remove the database of URL (SQLite: its
#                              files)
# shellcheck shell=sh
test_db_url() {
    "${top_builddir:-.}/tests/lib/hh-test-db" "$1" "$2"
}

# mysql URL: the mariadb command line of its socket and database
test_db_mysql() { # URL, options...
    test_db_parse "$1"
    shift
    mariadb --no-defaults -S "$tdb_sock" -uroot -N -B "$@" "$tdb_name"
}

# mysql URL: its socket and database name in tdb_sock and tdb_name
test_db_parse() {
    tdb_sock=$(printf '%s\n' "$1" | sed -n 's/.*[?&]unix_socket=\([^&]*\).*/\1/p')
    tdb_name=$(printf '%s\n' "$1" | sed 's|^[^/]*//[^/]*/\([^?]*\).*|\1|')
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

test_db_row() {
    case $1 in
    mysql*) test_db_mysql "$1" -e "SET sql_mode = 'ANSI_QUOTES'; $2" | head -1 | tr '\t' _ ;;
    *)
        python3 -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1], timeout=10).execute(sys.argv[2]).fetchone(); print("_".join(str(c) for c in r) if r else "")' \
            "$(test_db_path "$1")" "$2"
        ;;
    esac
}

test_db_path() {
    case $1 in
    sqlite:///*) printf '%s\n' "$1" | sed 's|^sqlite:///||; s|?.*||' ;;
    esac
}

test_db_copy() {
    case $1 in
    mysql*)
        test_db_parse "$1"
        mariadb-dump --no-defaults -S "$tdb_sock" -uroot --single-transaction "$tdb_name" |
            test_db_mysql "$2"
        ;;
    *) cp "$(test_db_path "$1")" "$(test_db_path "$2")" ;;
    esac
}

test_db_drop() {
    case $1 in
    mysql*)
        test_db_parse "$1"
        mariadb --no-defaults -S "$tdb_sock" -uroot -e "DROP DATABASE IF EXISTS \`$tdb_name\`"
        ;;
    *)
        tdb_file=$(test_db_path "$1")
        rm -f "$tdb_file" "$tdb_file"-*
        ;;
    esac
}
