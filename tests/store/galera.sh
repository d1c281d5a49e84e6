#!/bin/sh
# The store on a 3-node Galera cluster (tests/lib/galera.sh, about 15 s to
# start on 2 cores): tests/unit/test_galera's certification races (TAP).
# make check-mariadb runs it; SKIP when Galera is not installed.
# shellcheck source=tests/lib/tap.sh
. "${top_srcdir:-.}/tests/lib/tap.sh"
galera="${top_srcdir:-.}/tests/lib/galera.sh"
# a directory user mysql can reach (the nodes run as mysql when root)
cluster=$(mktemp -d /tmp/hh-galera.XXXXXX) || exit 1
chmod 755 "$cluster"
trap '"$galera" stop "$cluster/c"; rm -rf "$cluster" "$work"' EXIT
env=$("$galera" start "$cluster/c" 3 2>"$cluster/start.err")
rc=$?
if [ $rc -eq 77 ]; then
    echo "1..0 # SKIP $(cat "$cluster/start.err")"
    exit 0
fi
if [ $rc -ne 0 ]; then
    echo "Bail out! the Galera cluster did not start: $(tail -5 "$cluster/start.err")"
    exit 1
fi
eval "$env"
export GALERA_URL_1 GALERA_URL_2 GALERA_URL_3
# shellcheck disable=SC2086 # HH_VALGRIND is a command line
${HH_VALGRIND:-} "${top_builddir:-.}/tests/unit/test_galera"
