#!/bin/sh
# The committed conf/heat.conf.sample and man/heat.conf.5 must be what
# tools/hh-genconf writes from the option tables (the build regenerates them
# as *.gen), and the man page must pass mandoc's lint. Fix with
# `make update-conf`.
: "${top_srcdir:=.}"
: "${top_builddir:=.}"

echo "1..3"
n=0
compare() {
    n=$((n + 1))
    if [ ! -f "$top_builddir/$2" ]; then
        echo "not ok $n - $1 is up to date ($2 was not generated)"
    elif cmp -s "$top_srcdir/$1" "$top_builddir/$2"; then
        echo "ok $n - $1 is up to date"
    else
        echo "not ok $n - $1 is up to date (run make update-conf)"
        diff -u "$top_srcdir/$1" "$top_builddir/$2" | head -40 | sed 's/^/# /'
    fi
}
compare conf/heat.conf.sample conf/heat.conf.sample.gen
compare man/heat.conf.5 man/heat.conf.5.gen

if ! command -v mandoc >/dev/null 2>&1; then
    echo "ok 3 - mandoc lint of man/heat.conf.5 # SKIP mandoc not installed"
elif out=$(mandoc -T lint -W warning "$top_srcdir/man/heat.conf.5" 2>&1); then
    echo "ok 3 - mandoc lint of man/heat.conf.5"
else
    echo "not ok 3 - mandoc lint of man/heat.conf.5"
    printf '%s\n' "$out" | sed 's/^/# /'
fi
